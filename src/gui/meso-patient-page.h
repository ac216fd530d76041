/* meso-patient-page.h: one patient: identity, medical history, screening
 * verdict and sessions.  Edits are kept until saved (patient.save). */
#pragma once

#include <gtk/gtk.h>

#include "meso-context.h"

G_BEGIN_DECLS

#define MESO_TYPE_PATIENT_PAGE (meso_patient_page_get_type ())
G_DECLARE_FINAL_TYPE (MesoPatientPage, meso_patient_page, MESO, PATIENT_PAGE, GtkWidget)

GtkWidget   *meso_patient_page_new            (MesoContext      *context);
/* Loads patient @id, dropping unsaved edits (see save_if_modified()). */
gboolean     meso_patient_page_load           (MesoPatientPage  *self,
                                               gint64            id,
                                               GError          **error);
gint64       meso_patient_page_get_patient_id (MesoPatientPage  *self);
gboolean     meso_patient_page_get_modified   (MesoPatientPage  *self);
/* Validates and writes the edits; on error the field is marked and
 * nothing is written. */
gboolean     meso_patient_page_save           (MesoPatientPage  *self,
                                               GError          **error);
/* Saves when there are edits; TRUE when nothing is left unsaved. */
gboolean     meso_patient_page_save_if_modified (MesoPatientPage *self,
                                                 GError         **error);

G_END_DECLS
