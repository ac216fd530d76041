/* meso-today-page.h: the day's sessions, for the front desk.
 *
 * Type: MesoTodayPage (GtkWidget subclass, construct property "context").
 * The main window puts it in its leaflet as the "Today" place, under the
 * window's own header bar (the page is content only: a heading with the
 * date, then the list, or an empty state).  It refreshes itself on
 * MesoContext::changed.  Beside the list, the selected session's aftercare
 * sheet as it prints.  Actions: today.mark-done(x) and today.print(x),
 * taking a session id; today.print-selected (Ctrl+P),
 * today.save-pdf-selected and today.open-selected (a MesoSessionPage) for
 * the selected session; today.print-all, every sheet of the day that is
 * not cancelled in one print job, each in its patient's language.
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
