/* meso-flag-item.h: one open follow-up flag, as an item of the
 * Follow-ups list model.
 *
 * The item owns a copy of the flag.  The session and the patient behind
 * it are read only when a row shows the flag (meso_flag_item_load_details),
 * so that listing thousands of flags costs one query, not thousands.  It
 * also keeps the review note being typed, so that a row recycled by the
 * list view neither loses it nor shows it under another flag.
 */
#pragma once

#include <gio/gio.h>

#include "meso-followup.h"
#include "meso-store.h"

G_BEGIN_DECLS

#define MESO_TYPE_FLAG_ITEM (meso_flag_item_get_type ())
G_DECLARE_FINAL_TYPE (MesoFlagItem, meso_flag_item, MESO, FLAG_ITEM, GObject)

MesoFlagItem             *meso_flag_item_new          (const MesoFlag *flag);
const MesoFlag           *meso_flag_item_get_flag     (MesoFlagItem   *self);
/* Reads the session and the patient once; later calls do nothing. */
void                      meso_flag_item_load_details (MesoFlagItem   *self,
                                                       MesoStore      *store);
gboolean                  meso_flag_item_get_details_loaded (MesoFlagItem *self);
/* NULL until loaded, or when they could not be read. */
const MesoSession        *meso_flag_item_get_session  (MesoFlagItem   *self);
const MesoPatientSummary *meso_flag_item_get_patient  (MesoFlagItem   *self);
/* The review note typed so far ("" when none). */
const char               *meso_flag_item_get_note     (MesoFlagItem   *self);
void                      meso_flag_item_set_note     (MesoFlagItem   *self,
                                                       const char     *note);
gboolean                  meso_flag_item_get_expanded (MesoFlagItem   *self);
void                      meso_flag_item_set_expanded (MesoFlagItem   *self,
                                                       gboolean        expanded);

G_END_DECLS
