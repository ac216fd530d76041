/* meso-identity-group.h: name, date of birth, sex and contact of a patient,
 * as editable rows.  Used by the new-patient dialog and the patient page. */
#pragma once

#include <adwaita.h>

#include "meso-record.h"

G_BEGIN_DECLS

#define MESO_TYPE_IDENTITY_GROUP (meso_identity_group_get_type ())
G_DECLARE_FINAL_TYPE (MesoIdentityGroup, meso_identity_group, MESO, IDENTITY_GROUP, AdwPreferencesGroup)

void     meso_identity_group_set_patient   (MesoIdentityGroup  *self,
                                            const MesoPatient  *patient);
/* Copies the fields into @patient.  Text that cannot be read (a date that
 * is not YYYY-MM-DD) fails with an error naming the field, and the field is
 * marked; @patient is then left untouched. */
gboolean meso_identity_group_apply         (MesoIdentityGroup  *self,
                                            MesoPatient        *patient,
                                            GError            **error);
/* The date of birth as typed; FALSE when it is empty or unreadable. */
gboolean meso_identity_group_get_date_of_birth (MesoIdentityGroup *self,
                                                GDate             *out);
/* Marks the field a validation message ("field: …") is about and shows the
 * message.  Returns FALSE if the message names no field of this group. */
gboolean meso_identity_group_show_error    (MesoIdentityGroup  *self,
                                            const GError       *error);
void     meso_identity_group_clear_errors  (MesoIdentityGroup  *self);
/* The row a field name ("name", "date_of_birth", …) is edited in. */
GtkWidget *meso_identity_group_get_field   (MesoIdentityGroup  *self,
                                            const char         *field);

G_END_DECLS
