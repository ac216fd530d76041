/* meso-flag-row.h: one follow-up flag awaiting review.
 *
 * Collapsed, it shows what was flagged, for whom and how urgent; expanded,
 * the session and patient behind it and the review note.  "Mark Reviewed"
 * (flag.review) activates followups.review((xss)) with the session id, the
 * flag code and the note, for the page to store.  "Open Patient"
 * activates win.show-patient(x) with the patient's id, when the window
 * provides it; "Open Session" activates followups.open-session(x) with
 * the session's id.
 */
#pragma once

#include <adwaita.h>

#include "meso-followup.h"
#include "meso-store.h"

G_BEGIN_DECLS

#define MESO_TYPE_FLAG_ROW (meso_flag_row_get_type ())
G_DECLARE_FINAL_TYPE (MesoFlagRow, meso_flag_row, MESO, FLAG_ROW, AdwExpanderRow)

/* @session and @patient may be NULL when they could not be read. */
GtkWidget      *meso_flag_row_new      (const MesoFlag           *flag,
                                        const MesoSession        *session,
                                        const MesoPatientSummary *patient);
const MesoFlag *meso_flag_row_get_flag (MesoFlagRow              *self);

G_END_DECLS
