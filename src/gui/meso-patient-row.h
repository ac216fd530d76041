/* meso-patient-row.h: one line of the patients list. */
#pragma once

#include <gtk/gtk.h>

#include "meso-patient-item.h"

G_BEGIN_DECLS

#define MESO_TYPE_PATIENT_ROW (meso_patient_row_get_type ())
G_DECLARE_FINAL_TYPE (MesoPatientRow, meso_patient_row, MESO, PATIENT_ROW, GtkWidget)

MesoPatientItem *meso_patient_row_get_item (MesoPatientRow  *self);
void             meso_patient_row_set_item (MesoPatientRow  *self,
                                            MesoPatientItem *item);

G_END_DECLS
