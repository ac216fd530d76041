/* meso-privacy.h: deleting and anonymising a patient, both recorded in the
 * audit trail.
 *
 * Deleting removes the patient with their history, sessions, follow-ups
 * and amendments.  Anonymising keeps the clinical record (sessions,
 * solutions, batch numbers and expiry, follow-ups) for traceability, and
 * removes identity: the name becomes "Anonymised patient ID", phone,
 * email, address and notes are cleared, and the date of birth keeps only
 * its year (1 January), so screening by age still works roughly.  Both
 * erase the identity and history values from the patient's earlier audit
 * entries (the chain still verifies, see meso-audit.h).  Old values can
 * survive in backups and, until the next checkpoint, in the -wal file.
 */
#pragma once

#include "meso-store.h"

G_BEGIN_DECLS

/* Counts of what a deletion would remove, for the confirmation step. */
typedef struct
{
  gint64 sessions;
  gint64 followups;
  gint64 amendments;
} MesoPatientFootprint;

gboolean  meso_store_get_patient_footprint (MesoStore            *store,
                                            gint64                patient_id,
                                            MesoPatientFootprint *out,
                                            GError              **error);
/* @reason may be NULL. */
gboolean  meso_store_delete_patient_recorded (MesoStore   *store,
                                              gint64       patient_id,
                                              const char  *reason,
                                              GError     **error);
gboolean  meso_store_anonymise_patient     (MesoStore            *store,
                                            gint64                patient_id,
                                            const char           *reason,
                                            GError              **error);

G_END_DECLS
