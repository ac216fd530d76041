/* meso-store-sessions.c: treatment sessions.
 *
 * Every write to a session goes through write_session() or
 * meso_store_set_session_status(), each in its own (nestable) transaction:
 * the row and its lists (ingredients, acknowledged findings) change
 * together or not at all.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "meso-store-private.h"

/* Column order shared by every SELECT that builds a MesoSession. */
#define SESSION_COLUMNS \
  "id, patient_id, date, time_minutes, status, indication, area, solution_name," \
  " consistency, volume_ml, batch, batch_expiry, needle_gauge, needle_length_mm," \
  " depth_mm, angle_deg, technique, massage, practitioner, notes, override_reason"

/* Untimed sessions (NULL time) come first in a day, as -1 would. */
#define SESSION_ORDER " ORDER BY date, time_minutes, id"

static gboolean
set_not_found (GError **error,
               gint64   id)
{
  g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND,
               _("no session with id %lld"), (long long) id);
  return FALSE;
}

/* Reads the date of birth of the session's patient (invalid when not
 * recorded); NOT_FOUND when there is no such patient. */
static gboolean
read_patient_birth (MesoStore  *self,
                    gint64      patient_id,
                    GDate      *date_of_birth,
                    GError    **error)
{
  g_autoptr(MesoStatement) stmt =
    meso_store_prepare (self, "SELECT date_of_birth FROM patients WHERE id = ?1", error);
  gboolean has_row;

  g_date_clear (date_of_birth, 1);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  if (!meso_store_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND,
                   _("no patient with id %lld"), (long long) patient_id);
      return FALSE;
    }
  meso_column_date (stmt, 0, date_of_birth);
  return TRUE;
}

/* Reads the stored status and date of session @id. */
static gboolean
read_status (MesoStore          *self,
             gint64              id,
             MesoSessionStatus  *status,
             GDate              *date,
             GError            **error)
{
  g_autoptr(MesoStatement) stmt =
    meso_store_prepare (self, "SELECT status, date FROM sessions WHERE id = ?1", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!meso_store_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return set_not_found (error, id);
  /* An unknown code cannot pass the table's CHECK. */
  *status = MESO_SESSION_BOOKED;
  meso_session_status_from_code ((const char *) sqlite3_column_text (stmt, 0), status);
  meso_column_date (stmt, 1, date);
  return TRUE;
}

/* Whether session @id, stored as @status and dated @date, may be marked
 * done.  Done means the treatment was given: not after it was called off,
 * and not ahead of its day (a mistyped id would close a future booking
 * and start its follow-up clock early). */
static gboolean
check_done_allowed (gint64             id,
                    MesoSessionStatus  status,
                    const GDate       *date,
                    GError           **error)
{
  GDate today;

  if (status == MESO_SESSION_DONE)
    return TRUE;
  if (status == MESO_SESSION_CANCELLED)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                   _("status: session %lld was cancelled and cannot be marked done; "
                     "book it again instead"), (long long) id);
      return FALSE;
    }
  meso_date_set_today (&today);
  if (g_date_valid (date) && g_date_compare (date, &today) > 0)
    {
      g_autofree char *day = meso_date_format (date);
      g_autofree char *today_text = meso_date_format (&today);

      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                   _("status: session %lld is booked for %s and cannot be marked done "
                     "before that day (today is %s)"),
                   (long long) id, day, today_text);
      return FALSE;
    }
  return TRUE;
}

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
                            "INSERT INTO session_list_items (session_id, list, position, text)"
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

static void
bind_session (MesoStatement     *stmt,
              const MesoSession *s)
{
  sqlite3_bind_int64 (stmt, 2, s->patient_id);
  meso_bind_date (stmt, 3, &s->date);
  if (s->time_minutes < 0)
    sqlite3_bind_null (stmt, 4);
  else
    sqlite3_bind_int (stmt, 4, s->time_minutes);
  meso_bind_text (stmt, 5, meso_session_status_to_code (s->status));
  meso_bind_text (stmt, 6, meso_indication_to_code (s->indication));
  meso_bind_text (stmt, 7, meso_area_to_code (s->area));
  meso_bind_text (stmt, 8, s->solution_name);
  meso_bind_text (stmt, 9, meso_consistency_to_code (s->consistency));
  sqlite3_bind_double (stmt, 10, s->volume_ml);
  meso_bind_text (stmt, 11, s->batch);
  meso_bind_date (stmt, 12, &s->batch_expiry);
  sqlite3_bind_int (stmt, 13, s->needle_gauge);
  sqlite3_bind_double (stmt, 14, s->needle_length_mm);
  sqlite3_bind_double (stmt, 15, s->depth_mm);
  sqlite3_bind_double (stmt, 16, s->angle_deg);
  meso_bind_text (stmt, 17, meso_technique_to_code (s->technique));
  meso_bind_text (stmt, 18, meso_massage_to_code (s->massage));
  meso_bind_text (stmt, 19, s->practitioner);
  meso_bind_text (stmt, 20, s->notes);
  meso_bind_text (stmt, 21, s->override_reason);
}

/* The one write path of a session. */
static gboolean
write_session (MesoStore          *self,
               const MesoSession  *session,
               gboolean            is_insert,
               gint64             *out_id,
               GError            **error)
{
  GError *local_error = NULL;
  gint64 id = session->id;
  GDate date_of_birth;

  if (!meso_session_validate (session, &local_error))
    {
      meso_store_propagate_invalid (error, local_error);
      return FALSE;
    }

  if (!meso_store_begin (self, error))
    return FALSE;

  if (!read_patient_birth (self, session->patient_id, &date_of_birth, error))
    goto fail;
  /* Import, the demo and every editor come through here. */
  if (!meso_session_validate_for_patient (session, &date_of_birth, &local_error))
    {
      meso_store_propagate_invalid (error, local_error);
      goto fail;
    }
  /* An edit that marks the session done answers to the same rule as
   * meso_store_set_session_status (); an insert is a record of what was
   * (import, demo), not a change of status. */
  if (!is_insert && session->status == MESO_SESSION_DONE)
    {
      MesoSessionStatus stored_status;
      GDate stored_date;

      if (!read_status (self, id, &stored_status, &stored_date, error) ||
          !check_done_allowed (id, stored_status, &session->date, error))
        goto fail;
    }

  {
    g_autoptr(MesoStatement) stmt = NULL;

    if (is_insert)
      stmt = meso_store_prepare (self,
                                 "INSERT INTO sessions (" SESSION_COLUMNS ")"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                                 " ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)", error);
    else
      stmt = meso_store_prepare (self,
                                 "UPDATE sessions SET patient_id = ?2, date = ?3,"
                                 " time_minutes = ?4, status = ?5, indication = ?6, area = ?7,"
                                 " solution_name = ?8, consistency = ?9, volume_ml = ?10,"
                                 " batch = ?11, batch_expiry = ?12, needle_gauge = ?13,"
                                 " needle_length_mm = ?14, depth_mm = ?15, angle_deg = ?16,"
                                 " technique = ?17, massage = ?18, practitioner = ?19,"
                                 " notes = ?20, override_reason = ?21"
                                 " WHERE id = ?1", error);
    if (stmt == NULL)
      goto fail;
    /* An insert with id 0 gets a new id; a given id (import) is kept. */
    if (is_insert && id <= 0)
      sqlite3_bind_null (stmt, 1);
    else
      sqlite3_bind_int64 (stmt, 1, id);
    bind_session (stmt, session);
    if (!meso_store_step_done (self, stmt, error))
      goto fail;

    if (is_insert)
      id = sqlite3_last_insert_rowid (meso_store_get_db (self));
    else if (sqlite3_changes (meso_store_get_db (self)) == 0)
      {
        set_not_found (error, id);
        goto fail;
      }
  }

  if (!is_insert)
    {
      g_autoptr(MesoStatement) stmt =
        meso_store_prepare (self, "DELETE FROM session_list_items WHERE session_id = ?1", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!meso_store_step_done (self, stmt, error))
        goto fail;
    }

  if (!write_list (self, id, "ingredients", session->ingredients, error) ||
      !write_list (self, id, "acknowledged", session->acknowledged, error))
    goto fail;

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
meso_store_insert_session (MesoStore    *self,
                           MesoSession  *session,
                           GError      **error)
{
  gint64 id;

  g_return_val_if_fail (MESO_IS_STORE (self), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  if (!write_session (self, session, TRUE, &id, error))
    return FALSE;
  session->id = id;
  return TRUE;
}

gboolean
meso_store_update_session (MesoStore          *self,
                           const MesoSession  *session,
                           GError            **error)
{
  g_return_val_if_fail (MESO_IS_STORE (self), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  if (session->id <= 0)
    return set_not_found (error, session->id);
  return write_session (self, session, FALSE, NULL, error);
}

gboolean
meso_store_set_session_status (MesoStore          *self,
                               gint64              id,
                               MesoSessionStatus   status,
                               GError            **error)
{
  g_autoptr(MesoStatement) stmt = NULL;

  g_return_val_if_fail (MESO_IS_STORE (self), FALSE);

  if ((guint) status >= MESO_N_SESSION_STATUSES)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                   _("status: unknown value"));
      return FALSE;
    }

  if (!meso_store_begin (self, error))
    return FALSE;
  /* Checked inside the transaction, so that the session cannot change
   * between the check and the update. */
  if (status == MESO_SESSION_DONE)
    {
      MesoSessionStatus current;
      GDate date;

      if (!read_status (self, id, &current, &date, error) ||
          !check_done_allowed (id, current, &date, error))
        goto fail;
    }
  stmt = meso_store_prepare (self, "UPDATE sessions SET status = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  meso_bind_text (stmt, 2, meso_session_status_to_code (status));
  if (!meso_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (meso_store_get_db (self)) == 0)
    {
      set_not_found (error, id);
      goto fail;
    }
  meso_statement_release (g_steal_pointer (&stmt));
  return meso_store_commit (self, error);

fail:
  meso_store_rollback (self);
  return FALSE;
}

/* Reading */

static gboolean
read_lists (MesoStore    *self,
            MesoSession  *session,
            GError      **error)
{
  g_autoptr(MesoStatement) stmt =
    meso_store_prepare (self,
                        "SELECT list, text FROM session_list_items"
                        " WHERE session_id = ?1 ORDER BY list, position", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session->id);
  for (;;)
    {
      const char *list;

      if (!meso_store_step_row (self, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;
      list = (const char *) sqlite3_column_text (stmt, 0);
      g_ptr_array_add (g_str_equal (list, "ingredients") ? session->ingredients
                                                         : session->acknowledged,
                       meso_column_dup_text (stmt, 1));
    }
}

/* Builds a session from a row in SESSION_COLUMNS order; lists not read. */
static MesoSession *
session_from_row (MesoStatement *stmt)
{
  MesoSession *s = meso_session_new ();

  s->id = sqlite3_column_int64 (stmt, 0);
  s->patient_id = sqlite3_column_int64 (stmt, 1);
  meso_column_date (stmt, 2, &s->date);
  s->time_minutes = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 3);
  meso_session_status_from_code ((const char *) sqlite3_column_text (stmt, 4), &s->status);
  meso_indication_from_code ((const char *) sqlite3_column_text (stmt, 5), &s->indication);
  meso_area_from_code ((const char *) sqlite3_column_text (stmt, 6), &s->area);
  s->solution_name = meso_column_dup_text (stmt, 7);
  meso_consistency_from_code ((const char *) sqlite3_column_text (stmt, 8), &s->consistency);
  s->volume_ml = sqlite3_column_double (stmt, 9);
  s->batch = meso_column_dup_text (stmt, 10);
  meso_column_date (stmt, 11, &s->batch_expiry);
  s->needle_gauge = sqlite3_column_int (stmt, 12);
  s->needle_length_mm = sqlite3_column_double (stmt, 13);
  s->depth_mm = sqlite3_column_double (stmt, 14);
  s->angle_deg = sqlite3_column_double (stmt, 15);
  meso_technique_from_code ((const char *) sqlite3_column_text (stmt, 16), &s->technique);
  meso_massage_from_code ((const char *) sqlite3_column_text (stmt, 17), &s->massage);
  s->practitioner = meso_column_dup_text (stmt, 18);
  s->notes = meso_column_dup_text (stmt, 19);
  s->override_reason = meso_column_dup_text (stmt, 20);
  return s;
}

/* Runs a SELECT of SESSION_COLUMNS already bound, with lists. */
static GPtrArray *
collect_sessions (MesoStore      *self,
                  MesoStatement  *stmt,
                  GError        **error)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_session_free);
  gboolean has_row;

  for (;;)
    {
      if (!meso_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (sessions, session_from_row (stmt));
    }
  /* Lists are read after the main statement is done, so that it does not
   * stay open across the other reads. */
  meso_statement_release (stmt);
  for (guint i = 0; i < sessions->len; i++)
    if (!read_lists (self, g_ptr_array_index (sessions, i), error))
      return NULL;
  return g_steal_pointer (&sessions);
}

MesoSession *
meso_store_get_session (MesoStore  *self,
                        gint64      id,
                        GError    **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  g_return_val_if_fail (MESO_IS_STORE (self), NULL);

  stmt = meso_store_prepare (self, "SELECT " SESSION_COLUMNS " FROM sessions WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sessions = collect_sessions (self, stmt, error);
  if (sessions == NULL)
    return NULL;
  if (sessions->len == 0)
    {
      set_not_found (error, id);
      return NULL;
    }
  return g_ptr_array_steal_index (sessions, 0);
}

GPtrArray *
meso_store_list_sessions_for_patient (MesoStore  *self,
                                      gint64      patient_id,
                                      GError    **error)
{
  g_autoptr(MesoStatement) stmt = NULL;

  g_return_val_if_fail (MESO_IS_STORE (self), NULL);

  stmt = meso_store_prepare (self,
                             "SELECT " SESSION_COLUMNS " FROM sessions WHERE patient_id = ?1"
                             SESSION_ORDER, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  return collect_sessions (self, stmt, error);
}

GPtrArray *
meso_store_list_sessions_between (MesoStore    *self,
                                  const GDate  *from,
                                  const GDate  *to,
                                  GError      **error)
{
  g_autoptr(MesoStatement) stmt = NULL;

  g_return_val_if_fail (MESO_IS_STORE (self), NULL);

  /* Open ends become bounds that every 'YYYY-MM-DD' sorts inside, so one
   * range query on the date index serves every case. */
  stmt = meso_store_prepare (self,
                             "SELECT " SESSION_COLUMNS " FROM sessions"
                             " WHERE date BETWEEN ?1 AND ?2" SESSION_ORDER, error);
  if (stmt == NULL)
    return NULL;
  if (from != NULL && g_date_valid (from))
    meso_bind_date (stmt, 1, from);
  else
    meso_bind_text (stmt, 1, "0000-00-00");
  if (to != NULL && g_date_valid (to))
    meso_bind_date (stmt, 2, to);
  else
    meso_bind_text (stmt, 2, "9999-99-99");
  return collect_sessions (self, stmt, error);
}

GPtrArray *
meso_store_list_sessions_on (MesoStore    *self,
                             const GDate  *day,
                             GError      **error)
{
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  return meso_store_list_sessions_between (self, day, day, error);
}
