/* meso-screening-dialog.h: what the screening found, before booking.
 *
 * A modal AdwMessageDialog listing each finding with its source document.
 * Its "book" response is enabled only when every caution finding is ticked
 * and, for a contraindicated verdict, a clinician has chosen to override
 * and typed a reason.  The default response is "cancel".
 */
#pragma once

#include <adwaita.h>

#include "meso-screening.h"

G_BEGIN_DECLS

#define MESO_TYPE_SCREENING_DIALOG (meso_screening_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MesoScreeningDialog, meso_screening_dialog, MESO, SCREENING_DIALOG, AdwMessageDialog)

GtkWidget *meso_screening_dialog_new                 (GtkWindow           *parent,
                                                      const MesoScreening *screening);
/* Codes of the caution findings the practitioner ticked (char*). */
GPtrArray *meso_screening_dialog_dup_acknowledged    (MesoScreeningDialog *self);
/* The typed reason when overriding a contraindication, else NULL. */
char      *meso_screening_dialog_dup_override_reason (MesoScreeningDialog *self);

G_END_DECLS
