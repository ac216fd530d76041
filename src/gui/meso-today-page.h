/* meso-today-page.h: the day's sessions, for the front desk.
 *
 * Type: MesoTodayPage (GtkWidget subclass, construct property "context").
 * The main window puts it in its leaflet as the "Today" place, under the
 * window's own header bar (the page is content only: a heading with the
 * date, then the list, or an empty state).  It refreshes itself on
 * MesoContext::changed.  Actions: today.mark-done(x), today.aftercare(x),
 * both taking a session id.
 */
#pragma once

#include <gtk/gtk.h>

#include "meso-context.h"

G_BEGIN_DECLS

#define MESO_TYPE_TODAY_PAGE (meso_today_page_get_type ())
G_DECLARE_FINAL_TYPE (MesoTodayPage, meso_today_page, MESO, TODAY_PAGE, GtkWidget)

GtkWidget *meso_today_page_new         (MesoContext   *context);
/* TRUE while the day's sessions are being read. */
gboolean   meso_today_page_get_loading (MesoTodayPage *self);

G_END_DECLS
