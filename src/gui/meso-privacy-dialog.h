/* meso-privacy-dialog.h: the second step of deleting or anonymising a
 * patient.
 *
 * The confirm response is enabled only once the patient's name (or their
 * number) has been typed, and for anonymising a reason too.  The dialog
 * writes nothing: whoever opened it acts on the "confirm" response after
 * checking meso_privacy_dialog_get_confirmed() again.
 */
#pragma once

#include <adwaita.h>

#include "meso-privacy.h"

G_BEGIN_DECLS

typedef enum
{
  MESO_PRIVACY_DELETE,
  MESO_PRIVACY_ANONYMISE,
} MesoPrivacyAction;

#define MESO_TYPE_PRIVACY_DIALOG (meso_privacy_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MesoPrivacyDialog, meso_privacy_dialog, MESO, PRIVACY_DIALOG, AdwMessageDialog)

GtkWidget         *meso_privacy_dialog_new            (GtkWindow                  *parent,
                                                       MesoPrivacyAction           action,
                                                       gint64                      patient_id,
                                                       const char                 *patient_name,
                                                       const MesoPatientFootprint *footprint);
MesoPrivacyAction  meso_privacy_dialog_get_action     (MesoPrivacyDialog          *self);
gint64             meso_privacy_dialog_get_patient_id (MesoPrivacyDialog          *self);
/* TRUE when what was typed confirms the action. */
gboolean           meso_privacy_dialog_get_confirmed  (MesoPrivacyDialog          *self);
/* The reason typed, stripped; NULL when none. */
char              *meso_privacy_dialog_dup_reason     (MesoPrivacyDialog          *self);
/* The entries, for keyboard focus and tests. */
GtkEditable       *meso_privacy_dialog_get_confirm_entry (MesoPrivacyDialog       *self);
GtkEditable       *meso_privacy_dialog_get_reason_entry  (MesoPrivacyDialog       *self);

G_END_DECLS
