/* meso-followups-page.h: follow-up flags awaiting a clinician's review.
 *
 * Type: MesoFollowupsPage (GtkWidget subclass, construct property
 * "context").  The main window puts it in its leaflet as the "Follow-ups"
 * place, under the window's own header bar (the page is content only).  It
 * refreshes itself on MesoContext::changed.  Actions:
 * followups.review((xss)): session id, flag code, review note;
 * followups.open-session(x): the session's MesoSessionPage.
 */
#pragma once

#include <gtk/gtk.h>

#include "meso-context.h"

G_BEGIN_DECLS

#define MESO_TYPE_FOLLOWUPS_PAGE (meso_followups_page_get_type ())
G_DECLARE_FINAL_TYPE (MesoFollowupsPage, meso_followups_page, MESO, FOLLOWUPS_PAGE, GtkWidget)

GtkWidget *meso_followups_page_new         (MesoContext       *context);
/* TRUE while the open flags are being read. */
gboolean   meso_followups_page_get_loading (MesoFollowupsPage *self);

G_END_DECLS
