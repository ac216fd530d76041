/* meso-session-editor.h: the booking form for one patient's session.
 *
 * MesoSessionEditor is a modal AdwWindow: create it with
 * meso_session_editor_new(), set it transient for your window and present
 * it.  "Book" screens the planned session (meso_booking_screen()), asks for
 * acknowledgement or a clinician override when needed
 * (MesoScreeningDialog), and books it with meso_book_session(); on success
 * it emits ::booked (with the new session's id) and MESO_CHANGE_SESSIONS on
 * the context, and closes itself.  Nothing is written on Cancel.
 */
#pragma once

#include <adwaita.h>

#include "meso-context.h"

G_BEGIN_DECLS

#define MESO_TYPE_SESSION_EDITOR (meso_session_editor_get_type ())
G_DECLARE_FINAL_TYPE (MesoSessionEditor, meso_session_editor, MESO, SESSION_EDITOR, AdwWindow)

GtkWidget   *meso_session_editor_new        (MesoContext       *context,
                                             gint64             patient_id);
gint64       meso_session_editor_get_patient_id (MesoSessionEditor *self);

G_END_DECLS
