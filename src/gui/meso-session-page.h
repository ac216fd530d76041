/* meso-session-page.h: one session, its aftercare sheet and follow-ups.
 *
 * Type: MesoSessionPage (AdwWindow, construct properties "context" and
 * "session-id").  Three views: everything recorded in the session (with
 * its status and, when the screening was overridden, the reason and the
 * acknowledged findings), the aftercare sheet as it prints, and the
 * follow-ups with the flags they raised.  Actions: session.print (Ctrl+P),
 * session.save-pdf (Ctrl+Shift+S), session.record-followup.  It reloads
 * on MesoContext::changed.
 */
#pragma once

#include <adwaita.h>

#include "meso-context.h"

G_BEGIN_DECLS

#define MESO_TYPE_SESSION_PAGE (meso_session_page_get_type ())
G_DECLARE_FINAL_TYPE (MesoSessionPage, meso_session_page, MESO, SESSION_PAGE, AdwWindow)

GtkWidget *meso_session_page_new            (MesoContext     *context,
                                             gint64           session_id);
/* Presents the session's window, transient for @from's window: the one
 * already open for this session if there is one, else a new one. */
MesoSessionPage *meso_session_page_open     (GtkWidget       *from,
                                             MesoContext     *context,
                                             gint64           session_id);
gint64     meso_session_page_get_session_id (MesoSessionPage *self);
/* Shows "session", "sheet" or "followups". */
void       meso_session_page_show_view      (MesoSessionPage *self,
                                             const char      *view);

G_END_DECLS
