/* meso-flag-row.h: one follow-up flag awaiting review, as a row of the
 * Follow-ups list view.
 *
 * Collapsed, it shows what was flagged, for whom and how urgent; expanded,
 * why (with its source), the session and patient behind it and the review
 * note.  "Mark Reviewed" (flag.review) activates followups.review((xss))
 * with the session id, the flag code and the note, for the page to store.
 * "Open Patient" activates win.show-patient(x) with the patient's id, when
 * the window provides it; "Open Session" activates
 * followups.open-session(x) with the session's id.
 *
 * The list view recycles rows: a row shows whichever MesoFlagItem it is
 * bound to, and keeps its note and expansion in the item.
 */
#pragma once

#include <adwaita.h>

#include "meso-flag-item.h"

G_BEGIN_DECLS

#define MESO_TYPE_FLAG_ROW (meso_flag_row_get_type ())
G_DECLARE_FINAL_TYPE (MesoFlagRow, meso_flag_row, MESO, FLAG_ROW, GtkWidget)

GtkWidget      *meso_flag_row_new      (void);
/* Shows @item; its details are shown as far as they were loaded
 * (meso_flag_item_load_details). */
void            meso_flag_row_bind     (MesoFlagRow  *self,
                                        MesoFlagItem *item);
void            meso_flag_row_unbind   (MesoFlagRow  *self);
/* The flag shown, or NULL while the row is not bound. */
const MesoFlag *meso_flag_row_get_flag (MesoFlagRow  *self);

G_END_DECLS
