/* meso-patient-editor.h: the dialog that adds a patient. */
#pragma once

#include <adwaita.h>

#include "meso-context.h"
#include "meso-identity-group.h"

G_BEGIN_DECLS

#define MESO_TYPE_PATIENT_EDITOR (meso_patient_editor_get_type ())
G_DECLARE_FINAL_TYPE (MesoPatientEditor, meso_patient_editor, MESO, PATIENT_EDITOR, AdwWindow)

MesoPatientEditor *meso_patient_editor_new                (MesoContext       *context);
MesoIdentityGroup *meso_patient_editor_get_identity_group (MesoPatientEditor *self);
/* Validates and adds the patient (the editor.save action).  On error the
 * field is marked, the message shown, and nothing is written. */
gboolean           meso_patient_editor_save               (MesoPatientEditor *self,
                                                           GError           **error);

G_END_DECLS
