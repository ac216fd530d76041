/* meso-patient-item.h: one row of the patients list (name, birth, phone).
 *
 * An item stands for a position of the list: when a search changes which
 * patient is at that position, the item takes the new patient's fields and
 * notifies them (see meso-patient-list-model.c for why). */
#pragma once

#include <gio/gio.h>

#include "meso-store.h"

G_BEGIN_DECLS

#define MESO_TYPE_PATIENT_ITEM (meso_patient_item_get_type ())
G_DECLARE_FINAL_TYPE (MesoPatientItem, meso_patient_item, MESO, PATIENT_ITEM, GObject)

/* Takes the fields of @summary (which may be NULL for a patient that
 * vanished since the id list was read: the item then shows its id). */
MesoPatientItem *meso_patient_item_new               (gint64                    id,
                                                      const MesoPatientSummary *summary);
/* Shows patient @id (with @summary, which may be NULL as above). */
void             meso_patient_item_set_patient       (MesoPatientItem          *self,
                                                      gint64                    id,
                                                      const MesoPatientSummary *summary);
gint64           meso_patient_item_get_id            (MesoPatientItem          *self);
const char      *meso_patient_item_get_name          (MesoPatientItem          *self);
const GDate     *meso_patient_item_get_date_of_birth (MesoPatientItem          *self);
const char      *meso_patient_item_get_phone         (MesoPatientItem          *self);
/* "12 March 1980 · 46 years · +33 6 …", for the row's subtitle. */
char            *meso_patient_item_dup_details       (MesoPatientItem          *self);

G_END_DECLS
