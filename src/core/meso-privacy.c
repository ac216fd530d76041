/* meso-privacy.c: deletion and anonymisation of a patient.  See
 * meso-privacy.h. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "meso-audit.h"
#include "meso-privacy.h"
#include "meso-store-private.h"

static gboolean
count (MesoStore   *store,
       const char  *sql,
       gint64       patient_id,
       gint64      *out,
       GError     **error)
{
  g_autoptr(MesoStatement) stmt = meso_store_prepare (store, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  if (!meso_store_step_row (store, stmt, &has_row, error))
    return FALSE;
  *out = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

gboolean
meso_store_get_patient_footprint (MesoStore            *store,
                                  gint64                patient_id,
                                  MesoPatientFootprint *out,
                                  GError              **error)
{
  g_autoptr(MesoPatientSummary) summary = NULL;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  summary = meso_store_get_patient_summary (store, patient_id, error);
  if (summary == NULL)
    return FALSE;
  return count (store, "SELECT count(*) FROM sessions WHERE patient_id = ?1",
                patient_id, &out->sessions, error) &&
         count (store, "SELECT count(*) FROM followups WHERE session_id IN"
                       " (SELECT id FROM sessions WHERE patient_id = ?1)",
                patient_id, &out->followups, error) &&
         count (store, "SELECT count(*) FROM session_amendments WHERE session_id IN"
                       " (SELECT id FROM sessions WHERE patient_id = ?1)",
                patient_id, &out->amendments, error);
}

gboolean
meso_store_delete_patient_recorded (MesoStore   *store,
                                    gint64       patient_id,
                                    const char  *reason,
                                    GError     **error)
{
  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);

  if (!meso_store_begin (store, error))
    return FALSE;
  meso_audit_set_next_action (store, "delete", reason);
  if (!meso_store_delete_patient (store, patient_id, error) ||
      !meso_audit_redact_patient (store, patient_id, error))
    goto fail;
  return meso_store_commit (store, error);

fail:
  meso_audit_set_next_action (store, NULL, NULL);
  meso_store_rollback (store);
  return FALSE;
}

gboolean
meso_store_anonymise_patient (MesoStore   *store,
                              gint64       patient_id,
                              const char  *reason,
                              GError     **error)
{
  g_autoptr(MesoPatient) patient = NULL;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);

  if (!meso_store_begin (store, error))
    return FALSE;
  patient = meso_store_get_patient (store, patient_id, error);
  if (patient == NULL)
    goto fail;

  g_free (patient->name);
  patient->name = g_strdup_printf (_("Anonymised patient %lld"), (long long) patient_id);
  g_clear_pointer (&patient->phone, g_free);
  g_clear_pointer (&patient->email, g_free);
  g_clear_pointer (&patient->address, g_free);
  g_clear_pointer (&patient->notes, g_free);
  if (g_date_valid (&patient->date_of_birth))
    g_date_set_dmy (&patient->date_of_birth, 1, G_DATE_JANUARY,
                    g_date_get_year (&patient->date_of_birth));

  meso_audit_set_next_action (store, "anonymise", reason);
  if (!meso_store_update_patient (store, patient, error) ||
      !meso_audit_redact_patient (store, patient_id, error))
    goto fail;
  return meso_store_commit (store, error);

fail:
  meso_audit_set_next_action (store, NULL, NULL);
  meso_store_rollback (store);
  return FALSE;
}
