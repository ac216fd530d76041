/* meso-followup-editor.h: record what was observed after a session.
 *
 * Type: MesoFollowupEditor (AdwWindow, construct properties "context" and
 * "session-id").  A modal window: the date observed (today by default;
 * neither before the session nor in the future), one switch per
 * observation, the size of lumps and free notes.  "Save" (editor.save)
 * stores it with meso_store_insert_followup(), tells the context
 * MESO_CHANGE_FOLLOWUPS and then shows the flags the observation raised.
 * A refused field is marked (style class "error",
 * GTK_ACCESSIBLE_STATE_INVALID) and nothing is written.
 */
#pragma once

#include <adwaita.h>

#include "meso-context.h"

G_BEGIN_DECLS

#define MESO_TYPE_FOLLOWUP_EDITOR (meso_followup_editor_get_type ())
G_DECLARE_FINAL_TYPE (MesoFollowupEditor, meso_followup_editor, MESO, FOLLOWUP_EDITOR, AdwWindow)

GtkWidget *meso_followup_editor_new           (MesoContext        *context,
                                               gint64              session_id);
/* The stored follow-up's id, or 0 while nothing was saved. */
gint64     meso_followup_editor_get_followup_id (MesoFollowupEditor *self);

G_END_DECLS
