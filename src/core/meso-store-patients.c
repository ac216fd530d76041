/* meso-store-patients.c: patients and their medical history.
 *
 * Every write to a patient goes through write_patient() or
 * meso_store_delete_patient(), each inside its own (nestable) transaction,
 * so the row and its history change together or not at all; the search
 * entry follows at commit (meso-store-search.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "meso-store-private.h"

/* Writing */

static gboolean
write_list (MesoStore       *self,
            gint64           id,
            const char      *list,
            const GPtrArray *items,
            GError         **error)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      g_autoptr(MesoStatement) stmt =
        meso_store_prepare (self,
                            "INSERT INTO patient_list_items (patient_id, list, position, text)"
                            " VALUES (?1, ?2, ?3, ?4)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      meso_bind_text (stmt, 2, list);
      sqlite3_bind_int (stmt, 3, i);
      meso_bind_text (stmt, 4, g_ptr_array_index (items, i));
      if (!meso_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_history (MesoStore          *self,
               gint64              id,
               const MesoHistory  *history,
               gboolean            replace,
               GError            **error)
{
  static const char * const clear_sql[] = {
    "DELETE FROM patient_conditions WHERE patient_id = ?1",
    "DELETE FROM patient_list_items WHERE patient_id = ?1",
  };

  /* A new patient has nothing to clear (and a DELETE on a WITHOUT ROWID
   * table costs a temporary b-tree even when it matches nothing). */
  for (guint i = 0; replace && i < G_N_ELEMENTS (clear_sql); i++)
    {
      g_autoptr(MesoStatement) stmt = meso_store_prepare (self, clear_sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!meso_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    {
      g_autoptr(MesoStatement) stmt =
        meso_store_prepare (self,
                            "INSERT INTO patient_conditions (patient_id, condition, answer, confirmed)"
                            " VALUES (?1, ?2, ?3, ?4)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      meso_bind_text (stmt, 2, meso_condition_to_code (c));
      meso_bind_text (stmt, 3, meso_answer_to_code (history->conditions[c].answer));
      meso_bind_date (stmt, 4, &history->conditions[c].confirmed);
      if (!meso_store_step_done (self, stmt, error))
        return FALSE;
    }

  return write_list (self, id, "medications", history->medications, error) &&
         write_list (self, id, "allergies", history->allergies, error);
}

/* Binds the patient columns ?2..?17 shared by INSERT and UPDATE. */
static void
bind_patient (MesoStatement     *stmt,
              const MesoPatient *patient,
              const char        *sort_key)
{
  const MesoHistory *h = patient->history;

  meso_bind_text (stmt, 2, patient->name);
  meso_bind_date (stmt, 3, &patient->date_of_birth);
  meso_bind_text (stmt, 4, meso_sex_to_code (patient->sex));
  meso_bind_text (stmt, 5, patient->phone);
  meso_bind_text (stmt, 6, patient->email);
  meso_bind_text (stmt, 7, patient->address);
  meso_bind_text (stmt, 8, patient->language);
  meso_bind_text (stmt, 9, patient->notes);
  meso_bind_text (stmt, 10, meso_list_state_to_code (h->medications_state));
  meso_bind_date (stmt, 11, &h->medications_confirmed);
  meso_bind_text (stmt, 12, meso_list_state_to_code (h->allergies_state));
  meso_bind_date (stmt, 13, &h->allergies_confirmed);
  sqlite3_bind_int (stmt, 14, h->fitzpatrick);
  sqlite3_bind_int (stmt, 15, h->bruises_easily ? 1 : 0);
  sqlite3_bind_int (stmt, 16, h->sensitive_skin ? 1 : 0);
  meso_bind_text (stmt, 17, sort_key);
}

static gboolean
validate_patient (const MesoPatient  *patient,
                  GError            **error)
{
  GError *local_error = NULL;
  GDate today;

  meso_date_set_today (&today);
  if (patient->history == NULL)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                   "history: missing");
      return FALSE;
    }
  if (!meso_patient_validate (patient, &today, &local_error))
    {
      meso_store_propagate_invalid (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* A new date of birth must not come after a session already recorded for
 * the patient: the reverse of the check every session write makes. */
static gboolean
check_birth_before_sessions (MesoStore          *self,
                             const MesoPatient  *patient,
                             GError            **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row;

  stmt = meso_store_prepare (self,
                             "SELECT min (date) FROM sessions WHERE patient_id = ?1 AND date < ?2",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient->id);
  meso_bind_date (stmt, 2, &patient->date_of_birth);
  if (!meso_store_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (has_row && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                   _("date_of_birth: the patient has a session on %s, before this date of birth"),
                   (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

/* The one write path of a patient: the row, the history and the search
 * entry, in one savepoint. */
static gboolean
write_patient (MesoStore          *self,
               const MesoPatient  *patient,
               gboolean            is_insert,
               gint64             *out_id,
               GError            **error)
{
  g_autofree char *sort_key = NULL;
  gint64 id = patient->id;

  if (!validate_patient (patient, error))
    return FALSE;
  sort_key = meso_fold_for_sort (patient->name);

  if (!meso_store_begin (self, error))
    return FALSE;
  if (!is_insert && !check_birth_before_sessions (self, patient, error))
    goto fail;

  {
    g_autoptr(MesoStatement) stmt = NULL;

    if (is_insert)
      stmt = meso_store_prepare (self,
                                 "INSERT INTO patients (id, name, date_of_birth, sex, phone, email,"
                                 " address, language, notes, medications_state,"
                                 " medications_confirmed, allergies_state, allergies_confirmed,"
                                 " fitzpatrick, bruises_easily, sensitive_skin, sort_key)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                                 " ?13, ?14, ?15, ?16, ?17)", error);
    else
      stmt = meso_store_prepare (self,
                                 "UPDATE patients SET name = ?2, date_of_birth = ?3, sex = ?4,"
                                 " phone = ?5, email = ?6, address = ?7, language = ?8,"
                                 " notes = ?9, medications_state = ?10,"
                                 " medications_confirmed = ?11, allergies_state = ?12,"
                                 " allergies_confirmed = ?13, fitzpatrick = ?14,"
                                 " bruises_easily = ?15, sensitive_skin = ?16, sort_key = ?17"
                                 " WHERE id = ?1", error);
    if (stmt == NULL)
      goto fail;

    /* An insert with id 0 gets a new id; a given id (import) is kept. */
    if (is_insert && id <= 0)
      sqlite3_bind_null (stmt, 1);
    else
      sqlite3_bind_int64 (stmt, 1, id);
    bind_patient (stmt, patient, sort_key);
    if (!meso_store_step_done (self, stmt, error))
      goto fail;

    if (is_insert)
      id = sqlite3_last_insert_rowid (meso_store_get_db (self));
    else if (sqlite3_changes (meso_store_get_db (self)) == 0)
      {
        g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND,
                     _("no patient with id %lld"), (long long) id);
        goto fail;
      }
  }

  if (!write_history (self, id, patient->history, !is_insert, error))
    goto fail;
  meso_store_queue_search_update (self, id);

  if (!meso_store_commit (self, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;

fail:
  meso_store_rollback (self);
  return FALSE;
}

gboolean
meso_store_insert_patient (MesoStore    *self,
                           MesoPatient  *patient,
                           GError      **error)
{
  gint64 id;

  g_return_val_if_fail (MESO_IS_STORE (self), FALSE);
  g_return_val_if_fail (patient != NULL, FALSE);

  if (!write_patient (self, patient, TRUE, &id, error))
    return FALSE;
  patient->id = id;
  return TRUE;
}

gboolean
meso_store_update_patient (MesoStore          *self,
                           const MesoPatient  *patient,
                           GError            **error)
{
  g_return_val_if_fail (MESO_IS_STORE (self), FALSE);
  g_return_val_if_fail (patient != NULL, FALSE);

  if (patient->id <= 0)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND,
                   _("no patient with id %lld"), (long long) patient->id);
      return FALSE;
    }
  return write_patient (self, patient, FALSE, NULL, error);
}

gboolean
meso_store_delete_patient (MesoStore  *self,
                           gint64      id,
                           GError    **error)
{
  g_return_val_if_fail (MESO_IS_STORE (self), FALSE);

  if (!meso_store_begin (self, error))
    return FALSE;

  /* History and sessions go with the row (ON DELETE CASCADE); the search
   * entry is not a foreign key: it goes at commit. */
  {
    g_autoptr(MesoStatement) stmt =
      meso_store_prepare (self, "DELETE FROM patients WHERE id = ?1", error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, id);
    if (!meso_store_step_done (self, stmt, error))
      goto fail;
    if (sqlite3_changes (meso_store_get_db (self)) == 0)
      {
        g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND,
                     _("no patient with id %lld"), (long long) id);
        goto fail;
      }
  }
  meso_store_queue_search_update (self, id);
  return meso_store_commit (self, error);

fail:
  meso_store_rollback (self);
  return FALSE;
}

/* Reading */

static gboolean
read_history (MesoStore    *self,
              gint64        id,
              MesoHistory  *history,
              GError      **error)
{
  gboolean has_row;

  {
    g_autoptr(MesoStatement) stmt =
      meso_store_prepare (self,
                          "SELECT condition, answer, confirmed FROM patient_conditions"
                          " WHERE patient_id = ?1", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    for (;;)
      {
        MesoCondition condition;
        MesoAnswer answer;

        if (!meso_store_step_row (self, stmt, &has_row, error))
          return FALSE;
        if (!has_row)
          break;
        if (!meso_condition_from_code ((const char *) sqlite3_column_text (stmt, 0), &condition) ||
            !meso_answer_from_code ((const char *) sqlite3_column_text (stmt, 1), &answer))
          continue;   /* the CHECK constraints make this unreachable */
        history->conditions[condition].answer = answer;
        meso_column_date (stmt, 2, &history->conditions[condition].confirmed);
      }
  }
  {
    g_autoptr(MesoStatement) stmt =
      meso_store_prepare (self,
                          "SELECT list, text FROM patient_list_items"
                          " WHERE patient_id = ?1 ORDER BY list, position", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    for (;;)
      {
        const char *list;

        if (!meso_store_step_row (self, stmt, &has_row, error))
          return FALSE;
        if (!has_row)
          break;
        list = (const char *) sqlite3_column_text (stmt, 0);
        g_ptr_array_add (g_str_equal (list, "medications") ? history->medications
                                                           : history->allergies,
                         meso_column_dup_text (stmt, 1));
      }
  }
  return TRUE;
}
MesoPatient *
meso_store_get_patient (MesoStore  *self,
                        gint64      id,
                        GError    **error)
{
  g_autoptr(MesoPatient) patient = NULL;
  g_autoptr(MesoStatement) stmt = NULL;
  MesoHistory *h;
  gboolean has_row;

  g_return_val_if_fail (MESO_IS_STORE (self), NULL);

  stmt = meso_store_prepare (self,
                             "SELECT name, date_of_birth, sex, phone, email, address, language,"
                             " notes, medications_state, medications_confirmed, allergies_state,"
                             " allergies_confirmed, fitzpatrick, bruises_easily, sensitive_skin"
                             " FROM patients WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!meso_store_step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND,
                   _("no patient with id %lld"), (long long) id);
      return NULL;
    }

  patient = meso_patient_new ();
  h = patient->history;
  patient->id = id;
  patient->name = meso_column_dup_text (stmt, 0);
  meso_column_date (stmt, 1, &patient->date_of_birth);
  meso_sex_from_code ((const char *) sqlite3_column_text (stmt, 2), &patient->sex);
  patient->phone = meso_column_dup_text (stmt, 3);
  patient->email = meso_column_dup_text (stmt, 4);
  patient->address = meso_column_dup_text (stmt, 5);
  g_free (patient->language);
  patient->language = meso_column_dup_text (stmt, 6);
  patient->notes = meso_column_dup_text (stmt, 7);
  meso_list_state_from_code ((const char *) sqlite3_column_text (stmt, 8), &h->medications_state);
  meso_column_date (stmt, 9, &h->medications_confirmed);
  meso_list_state_from_code ((const char *) sqlite3_column_text (stmt, 10), &h->allergies_state);
  meso_column_date (stmt, 11, &h->allergies_confirmed);
  h->fitzpatrick = sqlite3_column_int (stmt, 12);
  h->bruises_easily = sqlite3_column_int (stmt, 13) != 0;
  h->sensitive_skin = sqlite3_column_int (stmt, 14) != 0;
  meso_statement_release (g_steal_pointer (&stmt));

  if (!read_history (self, id, h, error))
    return NULL;
  return g_steal_pointer (&patient);
}

void
meso_patient_summary_free (MesoPatientSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->name);
  g_free (summary->phone);
  g_free (summary);
}

MesoPatientSummary *
meso_store_get_patient_summary (MesoStore  *self,
                                gint64      id,
                                GError    **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  MesoPatientSummary *summary;
  gboolean has_row;

  g_return_val_if_fail (MESO_IS_STORE (self), NULL);

  stmt = meso_store_prepare (self,
                             "SELECT name, date_of_birth, phone FROM patients WHERE id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!meso_store_step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND,
                   _("no patient with id %lld"), (long long) id);
      return NULL;
    }
  summary = g_new0 (MesoPatientSummary, 1);
  summary->id = id;
  summary->name = meso_column_dup_text (stmt, 0);
  meso_column_date (stmt, 1, &summary->date_of_birth);
  summary->phone = meso_column_dup_text (stmt, 2);
  return summary;
}

gint64
meso_store_count_patients (MesoStore  *self,
                           GError    **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (MESO_IS_STORE (self), -1);

  stmt = meso_store_prepare (self, "SELECT count(*) FROM patients", error);
  if (stmt == NULL || !meso_store_step_row (self, stmt, &has_row, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}
