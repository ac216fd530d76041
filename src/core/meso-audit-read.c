/* meso-audit-read.c: reading the audit trail: listing entries, a summary
 * line for the app, JSON, and verifying the chain (meso-audit.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "meso-audit-private.h"
#include "meso-json.h"
#include "meso-store-private.h"

/* Reading */

void
meso_audit_entry_free (MesoAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->entity);
  g_free (entry->changes);
  g_free (entry->reason);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

#define ENTRY_COLUMNS \
  "seq, at, actor, action, entity, entity_id, patient_id, changes, changes_sha, reason," \
  " prev_hash, hash"

static MesoAuditEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  MesoAuditEntry *e = g_new0 (MesoAuditEntry, 1);

  e->seq = sqlite3_column_int64 (stmt, 0);
  e->at = meso_column_dup_text (stmt, 1);
  e->actor = meso_column_dup_text (stmt, 2);
  e->action = meso_column_dup_text (stmt, 3);
  e->entity = meso_column_dup_text (stmt, 4);
  e->entity_id = sqlite3_column_int64 (stmt, 5);
  e->patient_id = sqlite3_column_int64 (stmt, 6);
  e->changes = meso_column_dup_text (stmt, 7);
  e->reason = meso_column_dup_text (stmt, 9);
  e->prev_hash = meso_column_dup_text (stmt, 10);
  e->hash = meso_column_dup_text (stmt, 11);
  return e;
}

GPtrArray *
meso_audit_list (MesoStore  *store,
                 gint64      patient_id,
                 GError    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_audit_entry_free);
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row, ready;

  g_return_val_if_fail (MESO_IS_STORE (store), NULL);

  if (!meso_audit_is_ready (store, &ready, error))
    return NULL;
  if (!ready)
    return g_steal_pointer (&entries);

  if (patient_id > 0)
    stmt = meso_store_prepare (store, "SELECT " ENTRY_COLUMNS " FROM audit WHERE patient_id = ?1"
                                      " ORDER BY seq", error);
  else
    stmt = meso_store_prepare (store, "SELECT " ENTRY_COLUMNS " FROM audit ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  if (patient_id > 0)
    sqlite3_bind_int64 (stmt, 1, patient_id);
  for (;;)
    {
      if (!meso_store_step_row (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (entries, entry_from_row (stmt));
    }
  return g_steal_pointer (&entries);
}

char *
meso_audit_entry_summary (const MesoAuditEntry *e)
{
  g_autoptr(GString) s = g_string_new (e->action);
  /* The guarded parse: a restored file's entries are read here too. */
  g_autoptr(JsonNode) changes = e->changes != NULL ? meso_json_parse (e->changes, -1, NULL, NULL) : NULL;

  g_string_append_printf (s, " %s", e->entity);
  if (e->entity_id != 0)
    g_string_append_printf (s, " %" G_GINT64_FORMAT, e->entity_id);
  if (changes != NULL && JSON_NODE_HOLDS_OBJECT (changes))
    {
      JsonObject *object = json_node_get_object (changes);
      GList *members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        g_string_append_printf (s, "%s%s", l == members ? ": " : ", ", (const char *) l->data);
      g_list_free (members);
    }
  else if (e->changes == NULL && g_str_equal (e->entity, "patient") &&
           (g_str_equal (e->action, "create") || g_str_equal (e->action, "update")))
    g_string_append (s, _(" (details erased)"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

JsonNode *
meso_audit_entry_to_json (const MesoAuditEntry *e)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "seq");
  json_builder_add_int_value (b, e->seq);
  json_builder_set_member_name (b, "at");
  json_builder_add_string_value (b, e->at);
  json_builder_set_member_name (b, "actor");
  json_builder_add_string_value (b, e->actor);
  json_builder_set_member_name (b, "action");
  json_builder_add_string_value (b, e->action);
  json_builder_set_member_name (b, "entity");
  json_builder_add_string_value (b, e->entity);
  json_builder_set_member_name (b, "entity_id");
  if (e->entity_id != 0)
    json_builder_add_int_value (b, e->entity_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "patient_id");
  if (e->patient_id != 0)
    json_builder_add_int_value (b, e->patient_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "changes");
  {
    JsonNode *changes = e->changes != NULL ? meso_json_parse (e->changes, -1, NULL, NULL) : NULL;

    if (changes != NULL)
      json_builder_add_value (b, changes);
    else
      json_builder_add_null_value (b);
  }
  json_builder_set_member_name (b, "reason");
  if (e->reason != NULL)
    json_builder_add_string_value (b, e->reason);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "hash");
  json_builder_add_string_value (b, e->hash);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Verifying */

void
meso_audit_report_free (MesoAuditReport *report)
{
  if (report == NULL)
    return;
  g_free (report->problem);
  g_free (report->head_hash);
  g_free (report);
}

typedef struct
{
  gint64  seq;
  char   *at, *actor, *action, *entity, *changes, *changes_sha, *reason, *prev_hash, *hash;
  gint64  entity_id, patient_id;
} Row;

static void
row_clear (gpointer data)
{
  Row *r = data;

  g_free (r->at);
  g_free (r->actor);
  g_free (r->action);
  g_free (r->entity);
  g_free (r->changes);
  g_free (r->changes_sha);
  g_free (r->reason);
  g_free (r->prev_hash);
  g_free (r->hash);
}

static char *
row_hash (const Row *r,
          gint64     seq)
{
  return meso_audit_entry_hash (r->prev_hash, seq, r->at, r->actor, r->action, r->entity,
                     r->entity_id, r->patient_id, r->changes_sha, r->reason);
}

static char *
dup_col (sqlite3_stmt *stmt,
         int           i)
{
  return sqlite3_column_type (stmt, i) == SQLITE_NULL
         ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static gboolean
read_rows (sqlite3  *db,
           gint64    from_seq,
           GArray   *rows,
           GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT " ENTRY_COLUMNS " FROM audit WHERE seq >= ?1 ORDER BY seq",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_int64 (stmt, 1, from_seq);
  if (rc != SQLITE_OK)
    {
      if (strstr (sqlite3_errmsg (db), "no such table") != NULL)
        g_set_error (error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_MISSING,
                     _("this database has no audit trail (it was written by an older "
                       "Mesochart and not opened since)"));
      else
        g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_FAILED,
                     _("cannot read the audit trail: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row r;

      r.seq = sqlite3_column_int64 (stmt, 0);
      r.at = dup_col (stmt, 1);
      r.actor = dup_col (stmt, 2);
      r.action = dup_col (stmt, 3);
      r.entity = dup_col (stmt, 4);
      r.entity_id = sqlite3_column_int64 (stmt, 5);
      r.patient_id = sqlite3_column_int64 (stmt, 6);
      r.changes = dup_col (stmt, 7);
      r.changes_sha = dup_col (stmt, 8);
      r.reason = dup_col (stmt, 9);
      r.prev_hash = dup_col (stmt, 10);
      r.hash = dup_col (stmt, 11);
      g_array_append_val (rows, r);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_FAILED,
                   _("cannot read the audit trail: %s"), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* Where did the content of row @i come from?  Returns the seq whose hash
 * it matches, or 0.  Searched near @i first; bounded, since it only runs
 * on a broken chain. */
static gint64
find_original_seq (GArray *rows,
                   guint   i)
{
  const Row *r = &g_array_index (rows, Row, i);
  gint64 max_seq = g_array_index (rows, Row, rows->len - 1).seq + 2;

  for (gint64 d = 1; d <= 2000; d++)
    {
      gint64 candidates[2] = { r->seq - d, r->seq + d };

      for (guint c = 0; c < 2; c++)
        {
          g_autofree char *h = NULL;

          if (candidates[c] < 1 || candidates[c] > max_seq)
            continue;
          h = row_hash (r, candidates[c]);
          if (g_strcmp0 (h, r->hash) == 0)
            return candidates[c];
        }
    }
  return 0;
}

static gboolean
broken (MesoAuditReport *report,
        GError         **error,
        gint64           seq,
        char            *problem)   /* taken */
{
  report->bad_seq = seq;
  report->problem = problem;
  g_set_error_literal (error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_BROKEN, problem);
  return FALSE;
}

/* Prepares @sql, binds @seq to ?1 when it is not 0 and steps once: the
 * statement for the caller to read (*@has_row says whether a row came)
 * and finalize, or NULL with @error set when SQLite fails. */
static sqlite3_stmt *
read_one_row (sqlite3     *db,
              const char  *sql,
              gint64       seq,
              gboolean    *has_row,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      if (seq != 0)
        sqlite3_bind_int64 (stmt, 1, seq);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_FAILED,
                   _("cannot read the audit trail: %s"), sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return NULL;
    }
  *has_row = rc == SQLITE_ROW;
  return stmt;
}

/* The first column of the one row of @sql (0 when none). */
static gboolean
query_int64 (sqlite3     *db,
             const char  *sql,
             gint64      *out,
             GError     **error)
{
  gboolean has_row;
  sqlite3_stmt *stmt = read_one_row (db, sql, 0, &has_row, error);

  if (stmt == NULL)
    return FALSE;
  *out = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  return TRUE;
}

/* The hash of entry @seq, or NULL when there is none. */
static gboolean
query_hash (sqlite3  *db,
            gint64    seq,
            char    **out,
            GError  **error)
{
  gboolean has_row;
  sqlite3_stmt *stmt = read_one_row (db, "SELECT hash FROM audit WHERE seq = ?1", seq,
                                     &has_row, error);

  if (stmt == NULL)
    return FALSE;
  *out = has_row ? dup_col (stmt, 0) : NULL;
  sqlite3_finalize (stmt);
  return TRUE;
}

/* The chain read ends at @last_seq (@last_hash); audit_head says where
 * the flush left its end (schema 6 on, meso-audit-schema.c).  Removing
 * the newest entries leaves a chain that verifies: only this shows it. */
static gboolean
check_head (sqlite3          *db,
            gint64            last_seq,
            const char       *last_hash,
            MesoAuditReport  *report,
            GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *head_hash = NULL;
  g_autofree char *entry_hash = NULL;
  gint64 head_seq = 0, value = 0;
  gboolean has_head = FALSE;

  if (!query_int64 (db, "SELECT count(*) FROM sqlite_master"
                        " WHERE type = 'table' AND name = 'audit_head'",
                    &value, error))
    return FALSE;
  if (value == 0)
    {
      /* Files older than schema 6 never had one. */
      if (!query_int64 (db, "PRAGMA user_version", &value, error))
        return FALSE;
      if (value < MESO_AUDIT_HEAD_SCHEMA)
        return TRUE;
    }
  else
    {
      stmt = read_one_row (db, "SELECT seq, hash FROM audit_head WHERE id = 1", 0, &has_head,
                           error);
      if (stmt == NULL)
        return FALSE;
      if (has_head)
        {
          head_seq = sqlite3_column_int64 (stmt, 0);
          head_hash = dup_col (stmt, 1);
        }
      sqlite3_finalize (stmt);
    }

  if (!has_head)
    return broken (report, error, last_seq + 1,
                   g_strdup (_("the record of where the audit trail ends (audit_head) was "
                               "removed: entries removed from the end of the trail could "
                               "not be detected")));

  if (head_seq > last_seq)
    {
      if (last_seq == 0)
        return broken (report, error, 1,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "the audit trail is empty but %lld "
                                                     "entry was written",
                                                     "the audit trail is empty but %lld "
                                                     "entries were written",
                                                     (gulong) head_seq),
                                        (long long) head_seq));
      if (head_seq == last_seq + 1)
        return broken (report, error, head_seq,
                       g_strdup_printf (_("audit entry %lld was removed from the end of the "
                                          "audit trail"), (long long) head_seq));
      return broken (report, error, last_seq + 1,
                     g_strdup_printf (_("audit entries %lld to %lld were removed from the end "
                                        "of the audit trail"),
                                      (long long) (last_seq + 1), (long long) head_seq));
    }

  /* At or before the end read: the entry it names must be that one. */
  if (head_seq == last_seq)
    entry_hash = g_strdup (last_hash);
  else if (head_seq == 0)
    entry_hash = g_strdup ("");
  else if (!query_hash (db, head_seq, &entry_hash, error))
    return FALSE;
  if (g_strcmp0 (entry_hash, head_hash) != 0)
    return broken (report, error, head_seq,
                   g_strdup_printf (_("audit entry %lld does not match the record of where "
                                      "the audit trail ends: the entry or that record was "
                                      "altered"), (long long) head_seq));
  if (head_seq < last_seq)
    {
      if (head_seq + 1 == last_seq)
        return broken (report, error, last_seq,
                       g_strdup_printf (_("audit entry %lld comes after where the audit trail "
                                          "was recorded to end (entry %lld): it was added "
                                          "outside Mesochart, or that record was altered"),
                                        (long long) last_seq, (long long) head_seq));
      return broken (report, error, head_seq + 1,
                     g_strdup_printf (_("audit entries %lld to %lld come after where the "
                                        "audit trail was recorded to end (entry %lld): they "
                                        "were added outside Mesochart, or that record was "
                                        "altered"),
                                      (long long) (head_seq + 1), (long long) last_seq,
                                      (long long) head_seq));
    }
  return TRUE;
}

gboolean
meso_audit_verify_db (sqlite3          *db,
                      MesoAuditReport **out_report,
                      GError          **error)
{
  return meso_audit_verify_from (db, 1, "", out_report, error);
}

static gboolean
verify_from (sqlite3          *db,
             gint64            from_seq,
             const char       *prev_hash,
             MesoAuditReport **out_report,
             GError          **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_autoptr(MesoAuditReport) report = g_new0 (MesoAuditReport, 1);
  const char *expected_prev = prev_hash;
  gint64 expected_seq = from_seq;
  gboolean ok = TRUE;

  g_array_set_clear_func (rows, row_clear);
  if (!read_rows (db, from_seq, rows, error))
    return FALSE;

  report->n_entries = rows->len;
  report->head_hash = g_strdup (rows->len > 0 ? g_array_index (rows, Row, rows->len - 1).hash
                                              : prev_hash);

  for (guint i = 0; i < rows->len && ok; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);
      g_autofree char *content_sha = r->changes ? meso_audit_sha256_hex (r->changes) : NULL;
      g_autofree char *h = row_hash (r, r->seq);

      if (r->changes != NULL && g_strcmp0 (content_sha, r->changes_sha) != 0)
        ok = broken (report, error, r->seq,
                     g_strdup_printf (_("audit entry %lld was altered: its changes no "
                                        "longer match its hash"), (long long) r->seq));
      else if (g_strcmp0 (h, r->hash) != 0)
        {
          gint64 original = find_original_seq (rows, i);

          if (original != 0)
            ok = broken (report, error, r->seq,
                         g_strdup_printf (_("audit entry %lld holds what was entry %lld: "
                                            "the entries were reordered"),
                                          (long long) r->seq, (long long) original));
          else
            ok = broken (report, error, r->seq,
                         g_strdup_printf (_("audit entry %lld was altered: its content no "
                                            "longer matches its hash"), (long long) r->seq));
        }
      else if (r->seq != expected_seq)
        {
          if (r->seq > expected_seq)
            ok = broken (report, error, expected_seq,
                         r->seq - 1 == expected_seq
                         ? g_strdup_printf (_("audit entry %lld was removed"),
                                            (long long) expected_seq)
                         : g_strdup_printf (_("audit entries %lld to %lld were removed"),
                                            (long long) expected_seq, (long long) (r->seq - 1)));
          else
            ok = broken (report, error, r->seq,
                         g_strdup_printf (_("audit entry %lld is out of order"),
                                          (long long) r->seq));
        }
      else if (g_strcmp0 (r->prev_hash, expected_prev) != 0)
        ok = broken (report, error, r->seq,
                     g_strdup_printf (_("audit entry %lld does not follow the entry "
                                        "before it: an entry was removed or the entries "
                                        "were reordered before it"), (long long) r->seq));
      expected_prev = r->hash;
      expected_seq = r->seq + 1;
    }

  if (ok && !check_head (db, expected_seq - 1, expected_prev, report, error))
    {
      if (report->problem == NULL)
        return FALSE;   /* not read: no report */
      ok = FALSE;
    }

  if (out_report != NULL)
    *out_report = g_steal_pointer (&report);
  return ok;
}

gboolean
meso_audit_verify_from (sqlite3          *db,
                        gint64            from_seq,
                        const char       *prev_hash,
                        MesoAuditReport **out_report,
                        GError          **error)
{
  gboolean in_transaction = !sqlite3_get_autocommit (db);
  gboolean ok;

  /* The entries and audit_head from one snapshot: a write committed
   * between the two reads would look like entries removed or added. */
  if (!in_transaction && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_FAILED,
                   _("cannot read the audit trail: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  ok = verify_from (db, from_seq, prev_hash, out_report, error);
  /* Only read: ending it cannot lose anything. */
  if (!in_transaction)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

gboolean
meso_audit_verify (MesoStore        *store,
                   MesoAuditReport **report,
                   GError          **error)
{
  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);
  return meso_audit_verify_db (meso_store_get_db (store), report, error);
}
