/* meso-audit.c: the audit trail: per-connection state, chained entries,
 * explicit events, erasure.  Folding the stash into entries is in
 * meso-audit-flush.c, listing and verifying in meso-audit-read.c, the
 * schema and its triggers in meso-audit-schema.c; the design is described
 * in meso-audit.h. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "meso-audit-private.h"
#include "meso-store-private.h"

G_DEFINE_QUARK (meso-audit-error-quark, meso_audit_error)

/* Per-store state, kept as object data so that the store's struct (owned
 * by meso-store.c) needs no audit fields.  It outlives the connection:
 * GObject frees data after the store's finalize closed the database, so
 * the SQL functions below may point at it. */
typedef struct
{
  char     *actor;
  char     *next_action;
  char     *next_reason;
  gboolean  ready;        /* the file has the audit tables */
  gboolean  has_head;     /* and audit_head (schema 6 on) */
  gboolean  redacting;
} AuditState;

static void
audit_state_free (gpointer data)
{
  AuditState *state = data;

  g_free (state->actor);
  g_free (state->next_action);
  g_free (state->next_reason);
  g_free (state);
}

static AuditState *
get_state (MesoStore *store)
{
  AuditState *state = g_object_get_data (G_OBJECT (store), "meso-audit-state");

  if (state == NULL)
    {
      const char *user = g_get_user_name ();

      state = g_new0 (AuditState, 1);
      state->actor = g_strdup (user != NULL && *user != '\0' ? user : "unknown");
      g_object_set_data_full (G_OBJECT (store), "meso-audit-state", state, audit_state_free);
    }
  return state;
}

void
meso_store_set_actor (MesoStore  *store,
                      const char *actor)
{
  AuditState *state;

  g_return_if_fail (MESO_IS_STORE (store));
  g_return_if_fail (actor != NULL && *actor != '\0');

  state = get_state (store);
  g_free (state->actor);
  state->actor = g_strdup (actor);
}

const char *
meso_store_get_actor (MesoStore *store)
{
  g_return_val_if_fail (MESO_IS_STORE (store), NULL);
  return get_state (store)->actor;
}

void
meso_audit_set_next_action (MesoStore  *store,
                            const char *action,
                            const char *reason)
{
  AuditState *state = get_state (store);

  g_free (state->next_action);
  g_free (state->next_reason);
  state->next_action = g_strdup (action);
  state->next_reason = g_strdup (reason);
}

void
meso_audit_get_next_action (MesoStore   *store,
                            const char **action,
                            const char **reason)
{
  AuditState *state = get_state (store);

  *action = state->next_action;
  *reason = state->next_reason;
}

void
meso_audit_clear_next_action (MesoStore *store)
{
  AuditState *state = get_state (store);

  g_clear_pointer (&state->next_action, g_free);
  g_clear_pointer (&state->next_reason, g_free);
}

/* SQL functions */

static void
actor_func (sqlite3_context *context,
            int              argc,
            sqlite3_value  **argv)
{
  AuditState *state = sqlite3_user_data (context);

  sqlite3_result_text (context, state->actor, -1, SQLITE_TRANSIENT);
}

static void
redacting_func (sqlite3_context *context,
                int              argc,
                sqlite3_value  **argv)
{
  AuditState *state = sqlite3_user_data (context);

  sqlite3_result_int (context, state->redacting ? 1 : 0);
}

void
meso_audit_attach (MesoStore *store)
{
  AuditState *state = get_state (store);
  sqlite3 *db = meso_store_get_db (store);

  /* Not SQLITE_DETERMINISTIC: the values change while the connection
   * lives, and SQLite may otherwise cache them inside a statement. */
  sqlite3_create_function (db, "meso_actor", 0, SQLITE_UTF8,
                           state, actor_func, NULL, NULL);
  sqlite3_create_function (db, "meso_audit_redacting", 0, SQLITE_UTF8,
                           state, redacting_func, NULL, NULL);
  sqlite3_create_function (db, "meso_audit_image", -1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, meso_audit_image_func, NULL, NULL);
}

/* Hashing */

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
add_text (GString    *s,
          const char *text)
{
  /* Length-prefixed, so that no choice of values can make two different
   * entries hash the same text. */
  if (text == NULL)
    g_string_append (s, "N;");
  else
    g_string_append_printf (s, "S%zu:%s;", strlen (text), text);
}

static void
add_int (GString *s,
         gint64   value)
{
  if (value == 0)
    g_string_append (s, "N;");
  else
    g_string_append_printf (s, "I%" G_GINT64_FORMAT ";", value);
}

static char *
entry_hash (const char *prev_hash,
            gint64      seq,
            const char *at,
            const char *actor,
            const char *action,
            const char *entity,
            gint64      entity_id,
            gint64      patient_id,
            const char *changes_sha,
            const char *reason)
{
  g_autoptr(GString) s = g_string_new ("mesochart-audit-1;");

  add_text (s, prev_hash);
  g_string_append_printf (s, "I%" G_GINT64_FORMAT ";", seq);
  add_text (s, at);
  add_text (s, actor);
  add_text (s, action);
  add_text (s, entity);
  add_int (s, entity_id);
  add_int (s, patient_id);
  add_text (s, changes_sha);
  add_text (s, reason);
  return sha256_hex (s->str);
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* The chain's head (meso-audit-private.h).  A flush reads it once and
 * then carries it from entry to entry: it holds the write transaction, so
 * nothing else can append in between, and the head lives only as long as
 * that one call, so a rollback or another connection's write can never
 * leave it stale. */
void
meso_audit_head_clear (MesoAuditHead *head)
{
  g_clear_pointer (&head->hash, g_free);
  head->known = FALSE;
}

static gboolean
read_head (MesoStore      *store,
           MesoAuditHead  *head,
           GError        **error)
{
  gboolean has_row;

  {
    g_autoptr(MesoStatement) stmt =
      meso_store_prepare (store, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);

    if (stmt == NULL || !meso_store_step_row (store, stmt, &has_row, error))
      return FALSE;
    g_free (head->hash);
    head->seq = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
    head->hash = has_row ? meso_column_dup_text (stmt, 1) : g_strdup ("");
  }
  head->saved_seq = head->seq;

  if (get_state (store)->has_head)
    {
      g_autoptr(MesoStatement) stmt =
        meso_store_prepare (store, "SELECT seq, hash FROM audit_head WHERE id = 1", error);

      if (stmt == NULL || !meso_store_step_row (store, stmt, &has_row, error))
        return FALSE;
      /* When the newest entries were removed (or the newest one or the
       * record altered), go on from the recorded end: the gap or the
       * break then stays in the chain for verifying to name, and the
       * record can still only move forward.  Entries past the record
       * cannot be skipped (their seqs are taken): go on from them. */
      if (has_row && sqlite3_column_int64 (stmt, 0) >= head->seq)
        {
          g_free (head->hash);
          head->seq = sqlite3_column_int64 (stmt, 0);
          head->hash = meso_column_dup_text (stmt, 1);
        }
      if (has_row)
        head->saved_seq = sqlite3_column_int64 (stmt, 0);
    }
  head->known = TRUE;
  return TRUE;
}

gboolean
meso_audit_head_save (MesoStore      *store,
                      MesoAuditHead  *head,
                      GError        **error)
{
  g_autoptr(MesoStatement) stmt = NULL;

  /* Once per flush rather than per entry: the flush is on the hot path.
   * A missing row is not put back, which would hide that it went. */
  if (!head->known || head->seq == head->saved_seq || !get_state (store)->has_head)
    return TRUE;
  stmt = meso_store_prepare (store, "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, head->seq);
  meso_bind_text (stmt, 2, head->hash);
  if (!meso_store_step_done (store, stmt, error))
    {
      meso_audit_head_clear (head);
      return FALSE;
    }
  head->saved_seq = head->seq;
  return TRUE;
}

gboolean
meso_audit_append_entry (MesoStore      *store,
                         MesoAuditHead  *head,
                         const char     *actor,
                         const char     *action,
                         const char     *entity,
                         gint64          entity_id,
                         gint64          patient_id,
                         const char     *changes,
                         const char     *reason,
                         GError        **error)
{
  g_autofree char *at = now_text ();
  g_autofree char *changes_sha = changes ? sha256_hex (changes) : NULL;
  g_autofree char *hash = NULL;
  g_autoptr(MesoStatement) stmt = NULL;
  gint64 seq;

  if (!head->known && !read_head (store, head, error))
    return FALSE;
  seq = head->seq + 1;
  hash = entry_hash (head->hash, seq, at, actor, action, entity, entity_id, patient_id,
                     changes_sha, reason);

  stmt = meso_store_prepare (store,
                             "INSERT INTO audit (seq, at, actor, action, entity, entity_id, patient_id,"
                             " changes, changes_sha, reason, prev_hash, hash)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  meso_bind_text (stmt, 2, at);
  meso_bind_text (stmt, 3, actor);
  meso_bind_text (stmt, 4, action);
  meso_bind_text (stmt, 5, entity);
  if (entity_id != 0)
    sqlite3_bind_int64 (stmt, 6, entity_id);
  if (patient_id != 0)
    sqlite3_bind_int64 (stmt, 7, patient_id);
  meso_bind_text (stmt, 8, changes);
  meso_bind_text (stmt, 9, changes_sha);
  meso_bind_text (stmt, 10, reason);
  meso_bind_text (stmt, 11, head->hash);
  meso_bind_text (stmt, 12, hash);
  if (!meso_store_step_done (store, stmt, error))
    {
      /* Whatever the statement did, the caller rolls back: read again. */
      meso_audit_head_clear (head);
      return FALSE;
    }
  head->seq = seq;
  g_free (head->hash);
  head->hash = g_steal_pointer (&hash);
  return TRUE;
}

static gboolean
check_ready (MesoStore  *store,
             GError    **error)
{
  AuditState *state = get_state (store);
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row;

  if (state->ready)
    return TRUE;
  stmt = meso_store_prepare (store,
                             "SELECT name FROM sqlite_master WHERE type = 'table'"
                             " AND name IN ('audit_stash', 'audit_head')", error);
  if (stmt == NULL)
    return FALSE;
  state->ready = state->has_head = FALSE;
  for (;;)
    {
      const char *name;

      if (!meso_store_step_row (store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      name = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (name, "audit_stash") == 0)
        state->ready = TRUE;
      else
        state->has_head = TRUE;
    }
  return TRUE;
}

gboolean
meso_audit_log_changes (MesoStore   *store,
                        const char  *action,
                        const char  *entity,
                        gint64       entity_id,
                        gint64       patient_id,
                        const char  *changes,
                        const char  *reason,
                        GError     **error)
{
  g_auto(MesoAuditHead) head = { 0 };

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (!meso_store_begin (store, error))
    return FALSE;
  if (!check_ready (store, error))
    goto fail;
  if (!get_state (store)->ready)
    {
      g_set_error (error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_MISSING,
                   _("the clinic database has no audit trail yet"));
      goto fail;
    }
  if (!meso_audit_append_entry (store, &head, get_state (store)->actor, action,
                                entity ? entity : "record", entity_id, patient_id, changes,
                                reason, error) ||
      !meso_audit_head_save (store, &head, error))
    goto fail;
  return meso_store_commit (store, error);

fail:
  meso_store_rollback (store);
  return FALSE;
}

gboolean
meso_audit_log (MesoStore   *store,
                const char  *action,
                const char  *entity,
                gint64       entity_id,
                gint64       patient_id,
                const char  *reason,
                GError     **error)
{
  return meso_audit_log_changes (store, action, entity, entity_id, patient_id, NULL, reason,
                                 error);
}

gboolean
meso_audit_migrate (MesoStore  *store,
                    GError    **error)
{
  g_auto(MesoAuditHead) head = { 0 };
  g_autofree char *changes = NULL;
  gint64 counts[2] = { 0, 0 };
  static const char * const count_sql[] = {
    "SELECT count(*) FROM patients",
    "SELECT count(*) FROM sessions",
  };

  for (guint i = 0; i < G_N_ELEMENTS (count_sql); i++)
    {
      g_autoptr(MesoStatement) stmt = meso_store_prepare (store, count_sql[i], error);
      gboolean has_row;

      if (stmt == NULL || !meso_store_step_row (store, stmt, &has_row, error))
        return FALSE;
      counts[i] = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
    }
  get_state (store)->ready = TRUE;
  changes = g_strdup_printf ("{\"patients\":[null,%" G_GINT64_FORMAT "],"
                             "\"sessions\":[null,%" G_GINT64_FORMAT "]}",
                             counts[0], counts[1]);
  return meso_audit_append_entry (store, &head, get_state (store)->actor, "start", "record",
                                  0, 0, changes,
                                  counts[0] > 0 ? "the trail starts here: records made before have no earlier entries"
                                                : NULL,
                                  error) &&
         meso_audit_head_save (store, &head, error);
}

gboolean
meso_audit_migrate_head (MesoStore  *store,
                         GError    **error)
{
  AuditState *state = get_state (store);
  g_auto(MesoAuditHead) head = { 0 };
  g_autoptr(MesoStatement) stmt = NULL;

  /* From the entries alone: the table is new and empty. */
  state->has_head = FALSE;
  if (!read_head (store, &head, error))
    return FALSE;
  stmt = meso_store_prepare (store, "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, head.seq);
  meso_bind_text (stmt, 2, head.hash);
  if (!meso_store_step_done (store, stmt, error))
    return FALSE;
  state->has_head = TRUE;
  return TRUE;
}

gboolean
meso_audit_redact_patient (MesoStore  *store,
                           gint64      patient_id,
                           GError    **error)
{
  AuditState *state = get_state (store);
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean ok;

  stmt = meso_store_prepare (store,
                             "UPDATE audit SET changes = NULL"
                             " WHERE patient_id = ?1 AND entity = 'patient' AND changes IS NOT NULL",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  state->redacting = TRUE;
  ok = meso_store_step_done (store, stmt, error);
  state->redacting = FALSE;
  return ok;
}

/* For meso-audit-read.c (meso-audit-private.h). */

char *
meso_audit_sha256_hex (const char *text)
{
  return sha256_hex (text);
}

char *
meso_audit_entry_hash (const char *prev_hash,
                       gint64      seq,
                       const char *at,
                       const char *actor,
                       const char *action,
                       const char *entity,
                       gint64      entity_id,
                       gint64      patient_id,
                       const char *changes_sha,
                       const char *reason)
{
  return entry_hash (prev_hash, seq, at, actor, action, entity, entity_id, patient_id,
                     changes_sha, reason);
}

gboolean
meso_audit_is_ready (MesoStore  *store,
                     gboolean   *ready,
                     GError    **error)
{
  if (!check_ready (store, error))
    return FALSE;
  *ready = get_state (store)->ready;
  return TRUE;
}
