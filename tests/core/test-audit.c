/* test-audit.c: the audit trail's entries (one per change, for every
 * kind of write), append-only, tampering caught and named (entries removed
 * from the end too, through audit_head), and no writes unseen from a plain
 * SQLite connection.  How the stash is flushed is in
 * test-audit-flush.c; amendments and erasure in test-audit-privacy.c. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "meso-audit-test-util.h"
#include "meso-followup.h"

static void
test_patient_entries (MesoAuditFixture *f,
                      gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoAuditEntry) first = NULL;
  g_autoptr(MesoAuditEntry) created = NULL;
  g_autoptr(MesoAuditEntry) updated = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(MesoPatient) p = NULL;
  gint64 id, before;

  /* The trail starts with the database. */
  first = meso_audit_test_last_entry (f->store);
  g_assert_cmpint (first->seq, ==, 1);
  g_assert_cmpstr (first->action, ==, "start");
  g_assert_cmpstr (first->prev_hash, ==, "");

  id = meso_audit_test_add_patient (f->store, "Anna Rossi");
  created = meso_audit_test_last_entry (f->store);
  g_assert_cmpint (created->seq, ==, 2);
  g_assert_cmpstr (created->action, ==, "create");
  g_assert_cmpstr (created->entity, ==, "patient");
  g_assert_cmpint (created->entity_id, ==, id);
  g_assert_cmpint (created->patient_id, ==, id);
  g_assert_cmpstr (created->actor, ==, "dr.rossi");
  g_assert_true (g_str_has_suffix (created->at, "Z"));
  g_assert_cmpstr (created->prev_hash, ==, first->hash);
  changes = meso_audit_test_changes_of (created);
  meso_audit_test_assert_change (changes, "name", "null", "Anna Rossi");
  meso_audit_test_assert_change (changes, "date_of_birth", "null", "1990-06-15");
  meso_audit_test_assert_change (changes, "conditions.diabetes", "null", "not_asked");
  g_clear_pointer (&changes, json_object_unref);

  /* One update entry with exactly what changed: identity and history. */
  p = meso_store_get_patient (f->store, id, &error);
  g_assert_no_error (error);
  g_free (p->phone);
  p->phone = g_strdup ("+39 333 000 0000");
  p->history->conditions[MESO_CONDITION_DIABETES].answer = MESO_ANSWER_YES;
  p->history->medications_state = MESO_LIST_RECORDED;
  g_ptr_array_add (p->history->medications, g_strdup ("Warfarin 5 mg"));
  before = meso_audit_test_count_entries (f->store);
  g_assert_true (meso_store_update_patient (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (meso_audit_test_count_entries (f->store), ==, before + 1);
  updated = meso_audit_test_last_entry (f->store);
  g_assert_cmpstr (updated->action, ==, "update");
  changes = meso_audit_test_changes_of (updated);
  g_assert_cmpuint (json_object_get_size (changes), ==, 4);
  meso_audit_test_assert_change (changes, "phone", "+39 333 123 4567", "+39 333 000 0000");
  meso_audit_test_assert_change (changes, "conditions.diabetes", "not_asked", "yes");
  meso_audit_test_assert_change (changes, "medications_state", "not_asked", "recorded");
  meso_audit_test_assert_change (changes, "medications", "[]", "[\"Warfarin 5 mg\"]");

  {
    g_autofree char *summary = meso_audit_entry_summary (updated);

    g_assert_cmpstr (summary, ==, "update patient 1: conditions.diabetes, medications_state, "
                                  "phone, medications");
  }

  /* Saving without a change writes no entry. */
  g_assert_true (meso_store_update_patient (f->store, p, &error));
  g_assert_cmpint (meso_audit_test_count_entries (f->store), ==, before + 1);

  /* Explicit events. */
  g_assert_true (meso_audit_log (f->store, "export", "patient", id, id, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MesoAuditEntry) e = meso_audit_test_last_entry (f->store);

    g_assert_cmpstr (e->action, ==, "export");
    g_assert_null (e->changes);
  }
  meso_audit_test_assert_verifies (f->store);
}

static void
test_session_entries (MesoAuditFixture *f,
                      gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoFollowup) fu = meso_followup_new ();
  gint64 pid = meso_audit_test_add_patient (f->store, "Bea Neri");

  s = meso_audit_test_make_session (pid, MESO_SESSION_BOOKED);
  s->override_reason = g_strdup ("Diabetes well controlled, GP letter on file");
  g_assert_true (meso_store_insert_session (f->store, s, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MesoAuditEntry) e = meso_audit_test_last_entry (f->store);
    g_autoptr(JsonObject) changes = meso_audit_test_changes_of (e);

    g_assert_cmpstr (e->action, ==, "create");
    g_assert_cmpstr (e->entity, ==, "session");
    g_assert_cmpint (e->patient_id, ==, pid);
    g_assert_cmpstr (e->reason, ==, "Diabetes well controlled, GP letter on file");
    meso_audit_test_assert_change (changes, "ingredients", "null",
                                   "[\"Hyaluronic acid\",\"Vitamin C\"]");
    meso_audit_test_assert_change (changes, "batch", "null", "LOT-1");
  }

  g_ptr_array_remove_index (s->ingredients, 1);
  s->depth_mm = 1.5;
  g_assert_true (meso_store_update_session (f->store, s, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MesoAuditEntry) e = meso_audit_test_last_entry (f->store);
    g_autoptr(JsonObject) changes = meso_audit_test_changes_of (e);

    g_assert_cmpstr (e->action, ==, "update");
    g_assert_cmpuint (json_object_get_size (changes), ==, 2);
    meso_audit_test_assert_change (changes, "ingredients", "[\"Hyaluronic acid\",\"Vitamin C\"]",
                                   "[\"Hyaluronic acid\"]");
    meso_audit_test_assert_change (changes, "depth_mm", "2.0", "1.5");
  }

  g_assert_true (meso_store_set_session_status (f->store, s->id, MESO_SESSION_DONE, &error));
  g_assert_no_error (error);
  fu->session_id = s->id;
  g_date_set_dmy (&fu->date, 5, 3, 2026);
  fu->lumps = TRUE;
  g_assert_true (meso_store_insert_followup (f->store, fu, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MesoAuditEntry) e = meso_audit_test_last_entry (f->store);

    g_assert_cmpstr (e->entity, ==, "followup");
    g_assert_cmpstr (e->action, ==, "create");
    g_assert_cmpint (e->patient_id, ==, pid);
  }
  meso_audit_test_assert_verifies (f->store);
}

static void
test_append_only (MesoAuditFixture *f,
                  gconstpointer     data)
{
  sqlite3 *db = meso_store_get_db (f->store);
  static const char * const attempts[] = {
    "UPDATE audit SET actor = 'someone else' WHERE seq = 1",
    "UPDATE audit SET changes = NULL WHERE seq = 1",
    "DELETE FROM audit WHERE seq = 1",
    "DELETE FROM audit",
  };

  meso_audit_test_add_patient (f->store, "Carla Bruni");
  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_assert_cmpint (sqlite3_exec (db, attempts[i], NULL, NULL, NULL), !=, SQLITE_OK);
      g_assert_cmpstr (sqlite3_errmsg (db), ==, "the audit trail is append-only");
    }
  meso_audit_test_assert_verifies (f->store);
}

/* An attacker can open the file with plain SQLite and drop the triggers:
 * the chain still names what they did. */
typedef void (*Tamper) (sqlite3 *db);

static void
tamper_alter_reason (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET reason = 'nothing to see' WHERE seq = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_alter_changes (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET changes = replace (changes, 'Rossi', 'Bianchi')"
                                     " WHERE seq = 4", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_alter_actor_and_hashes (sqlite3 *db)
{
  /* Changing the content and its changes_sha together: the entry hash. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET actor = 'nobody' WHERE seq = 2",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_delete (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE seq = 3", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_delete_and_renumber (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE seq = 3;"
                                     "UPDATE audit SET seq = seq - 1 WHERE seq > 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_swap (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET seq = -1 WHERE seq = 3;"
                                     "UPDATE audit SET seq = 3 WHERE seq = 4;"
                                     "UPDATE audit SET seq = 4 WHERE seq = -1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

/* Entries removed from the end, and audit_head itself tampered with. */

static void
tamper_delete_newest (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE seq = 6", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_delete_tail (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE seq > 3", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_delete_all (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_delete_head (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_head", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_drop_head (sqlite3 *db)
{
  /* And the newest entries with it, which nothing then shows. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE audit_head; DELETE FROM audit WHERE seq > 4",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_alter_head (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_head SET hash = replace (hash, substr (hash, 1, 1),"
                                     " CASE substr (hash, 1, 1) WHEN '0' THEN '1' ELSE '0' END)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_move_head_back (sqlite3 *db)
{
  /* As if entries 5 and 6 had been added by someone else. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_head SET seq = 4,"
                                     " hash = (SELECT hash FROM audit WHERE seq = 4)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

/* A copy of the live store's file (VACUUM INTO: without -wal) with every
 * guard dropped, as someone with the sqlite3 shell would. */
static sqlite3 *
open_unguarded_copy (MesoAuditFixture *f)
{
  g_autofree char *copy = g_build_filename (f->dir, "tampered.db", NULL);
  g_autofree char *sql = g_strdup_printf ("VACUUM INTO '%s'", copy);
  sqlite3 *db = NULL;

  g_unlink (copy);
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_append_only_update;"
                                     "DROP TRIGGER audit_append_only_delete;"
                                     "DROP TRIGGER audit_head_no_delete;"
                                     "DROP TRIGGER audit_head_forward;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

/* @want_words: a part of the message, which must also name entry @want_seq
 * unless @exact (a message about a range or the whole trail). */
static void
check_tamper_full (MesoAuditFixture *f,
                   Tamper            tamper,
                   gint64            want_seq,
                   const char       *want_words,
                   gboolean          exact)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoAuditReport) report = NULL;
  g_autofree char *needle = NULL;
  sqlite3 *db = open_unguarded_copy (f);

  tamper (db);
  g_assert_false (meso_audit_verify_db (db, &report, &error));
  g_assert_error (error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_BROKEN);
  g_assert_cmpint (report->bad_seq, ==, want_seq);
  g_assert_cmpstr (report->problem, ==, error->message);
  needle = g_strdup_printf ("entry %" G_GINT64_FORMAT, want_seq);
  if ((!exact && strstr (error->message, needle) == NULL) ||
      strstr (error->message, want_words) == NULL)
    g_error ("“%s” does not name %s (%s)", error->message, exact ? "" : needle, want_words);
  sqlite3_close (db);
}

static void
check_tamper (MesoAuditFixture *f,
              Tamper      tamper,
              gint64      want_seq,
              const char *want_words)
{
  check_tamper_full (f, tamper, want_seq, want_words, FALSE);
}

static void
test_tampering (MesoAuditFixture *f,
                gconstpointer     data)
{
  gint64 a = meso_audit_test_add_patient (f->store, "Anna Rossi");
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoPatient) p = meso_store_get_patient (f->store, a, &error);

  meso_audit_test_add_patient (f->store, "Dora Verdi");
  g_free (p->name);
  p->name = g_strdup ("Anna Rossi-Conti");
  g_assert_true (meso_store_update_patient (f->store, p, &error));
  meso_audit_test_add_patient (f->store, "Elsa Gialli");
  g_assert_true (meso_audit_log (f->store, "print", "session", 0, a, NULL, &error));
  /* 1 start, 2 Anna, 3 Dora, 4 Anna renamed, 5 Elsa, 6 print */
  g_assert_cmpint (meso_audit_test_count_entries (f->store), ==, 6);
  meso_audit_test_assert_verifies (f->store);

  check_tamper (f, tamper_alter_reason, 3, "altered");
  check_tamper (f, tamper_alter_changes, 4, "altered");
  check_tamper (f, tamper_alter_actor_and_hashes, 2, "altered");
  check_tamper (f, tamper_delete, 3, "removed");
  check_tamper (f, tamper_delete_and_renumber, 3, "");
  check_tamper (f, tamper_swap, 3, "reordered");

  /* Entries removed from the end leave a chain that verifies on its own:
   * audit_head says where it ended. */
  check_tamper (f, tamper_delete_newest, 6, "audit entry 6 was removed from the end of the audit trail");
  check_tamper_full (f, tamper_delete_tail, 4,
                     "audit entries 4 to 6 were removed from the end of the audit trail", TRUE);
  check_tamper_full (f, tamper_delete_all, 1, "the audit trail is empty but 6 entries were written",
                     TRUE);
  check_tamper_full (f, tamper_delete_head, 7, "audit_head) was removed", TRUE);
  check_tamper_full (f, tamper_drop_head, 5, "audit_head) was removed", TRUE);
  check_tamper (f, tamper_alter_head, 6, "does not match the record of where the audit trail ends");
  check_tamper_full (f, tamper_move_head_back, 5,
                     "audit entries 5 to 6 come after where the audit trail was recorded to end "
                     "(entry 4)", TRUE);
}

static void
assert_head_is_newest (MesoStore *store)
{
  g_autoptr(MesoAuditEntry) last = meso_audit_test_last_entry (store);
  g_autofree char *hash = meso_test_query_text (store, "SELECT hash FROM audit_head");

  g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM audit_head"), ==, 1);
  g_assert_cmpint (meso_test_query_int (store, "SELECT seq FROM audit_head"), ==, last->seq);
  g_assert_cmpstr (hash, ==, last->hash);
}

/* audit_head follows every way entries are written, and only Mesochart's
 * own moves are allowed: forward, to the newest entry. */
static void
test_head (MesoAuditFixture *f,
           gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = meso_store_get_db (f->store);
  static const char * const attempts[] = {
    "DELETE FROM audit_head",
    "UPDATE audit_head SET seq = seq - 1, hash = (SELECT hash FROM audit WHERE seq = 2)",
    "UPDATE audit_head SET hash = 'x'",
    "UPDATE audit_head SET seq = seq + 1",
    "UPDATE audit_head SET id = 2",
    "INSERT OR REPLACE INTO audit_head (id, seq, hash) VALUES (1, 1, 'x')",
    "INSERT INTO audit_head (id, seq, hash) VALUES (2, 1, 'x')",
  };
  gint64 a;

  assert_head_is_newest (f->store);
  a = meso_audit_test_add_patient (f->store, "Anna Rossi");
  assert_head_is_newest (f->store);
  g_assert_true (meso_audit_log (f->store, "print", "session", 0, a, NULL, &error));
  g_assert_no_error (error);
  assert_head_is_newest (f->store);

  /* Several flushes in one transaction (as the demo and imports do), and
   * a savepoint rolled back after one: the head goes with the entries. */
  g_assert_true (meso_store_begin (f->store, &error));
  meso_audit_test_add_patient (f->store, "Bea Neri");
  g_assert_true (meso_audit_flush (f->store, &error));
  assert_head_is_newest (f->store);
  g_assert_true (meso_store_begin (f->store, &error));
  meso_audit_test_add_patient (f->store, "Cleo Blu");
  g_assert_true (meso_audit_flush (f->store, &error));
  meso_store_rollback (f->store);
  assert_head_is_newest (f->store);
  meso_audit_test_add_patient (f->store, "Dina Rosa");
  g_assert_true (meso_store_commit (f->store, &error));
  g_assert_no_error (error);
  assert_head_is_newest (f->store);
  meso_audit_test_assert_verifies (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      if (sqlite3_exec (db, attempts[i], NULL, NULL, NULL) == SQLITE_OK)
        g_error ("“%s” was allowed", attempts[i]);
      g_assert_nonnull (strstr (sqlite3_errmsg (db), "the end of the audit trail"));
    }
  assert_head_is_newest (f->store);
  meso_audit_test_assert_verifies (f->store);
}

/* After the newest entries were removed, Mesochart still writes, and the
 * chain goes on from where it really ended: the gap stays for verifying
 * to name, whatever is written later. */
static void
test_written_after_removal (MesoAuditFixture *f,
                            gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoAuditReport) report = NULL;
  g_autoptr(MesoAuditEntry) last = NULL;
  sqlite3 *db = meso_store_get_db (f->store);
  g_autofree char *hash3 = NULL;

  for (guint i = 0; i < 5; i++)
    meso_audit_test_add_patient (f->store, "Ada Riva");
  /* 1 start, 2-6 patients */
  hash3 = meso_test_query_text (f->store, "SELECT hash FROM audit WHERE seq = 3");
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_append_only_delete;"
                                     "DELETE FROM audit WHERE seq > 3", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (meso_audit_verify (f->store, &report, &error));
  g_assert_error (error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_BROKEN);
  g_assert_cmpstr (error->message, ==, "audit entries 4 to 6 were removed from the end of the audit trail");
  g_assert_cmpint (report->bad_seq, ==, 4);
  g_clear_error (&error);
  g_clear_pointer (&report, meso_audit_report_free);

  /* From the verified entry 3 on, as test-crash.c checks. */
  g_assert_false (meso_audit_verify_from (db, 4, hash3, &report, &error));
  g_assert_error (error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_BROKEN);
  g_assert_cmpint (report->bad_seq, ==, 4);
  g_clear_error (&error);
  g_clear_pointer (&report, meso_audit_report_free);

  meso_audit_test_add_patient (f->store, "Eva Riva");
  g_assert_true (meso_audit_log (f->store, "print", "record", 0, 0, NULL, &error));
  g_assert_no_error (error);
  last = meso_audit_test_last_entry (f->store);
  g_assert_cmpint (last->seq, ==, 8);
  assert_head_is_newest (f->store);
  g_assert_false (meso_audit_verify (f->store, &report, &error));
  g_assert_error (error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_BROKEN);
  g_assert_cmpstr (error->message, ==, "audit entries 4 to 6 were removed");
  g_assert_cmpint (report->bad_seq, ==, 4);
  g_clear_error (&error);
  g_clear_pointer (&report, meso_audit_report_free);

  /* The whole trail emptied: the same. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (meso_audit_verify (f->store, &report, &error));
  g_assert_cmpstr (error->message, ==, "the audit trail is empty but 8 entries were written");
  g_assert_cmpint (report->bad_seq, ==, 1);
  g_clear_error (&error);
  g_clear_pointer (&report, meso_audit_report_free);
  meso_audit_test_add_patient (f->store, "Fara Riva");
  g_assert_false (meso_audit_verify (f->store, &report, &error));
  g_assert_cmpstr (error->message, ==, "audit entries 1 to 8 were removed");
  g_assert_cmpint (report->bad_seq, ==, 1);
}

/* Checking only what was appended since a verified head (test-crash.c)
 * checks the end too. */
static void
test_verify_from_head (MesoAuditFixture *f,
                       gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoAuditReport) report = NULL;
  g_autoptr(MesoAuditEntry) last = NULL;
  sqlite3 *db = meso_store_get_db (f->store);

  meso_audit_test_add_patient (f->store, "Gea Sole");
  last = meso_audit_test_last_entry (f->store);
  /* Nothing appended since. */
  g_assert_true (meso_audit_verify_from (db, last->seq + 1, last->hash, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->n_entries, ==, 0);
  g_assert_cmpstr (report->head_hash, ==, last->hash);
  g_clear_pointer (&report, meso_audit_report_free);

  meso_audit_test_add_patient (f->store, "Ines Sole");
  g_assert_true (meso_audit_verify_from (db, last->seq + 1, last->hash, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->n_entries, ==, 1);
  g_clear_pointer (&report, meso_audit_report_free);

  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_append_only_delete;"
                                     "DELETE FROM audit WHERE seq > 2", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (meso_audit_verify_from (db, last->seq + 1, last->hash, &report, &error));
  g_assert_error (error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_BROKEN);
  g_assert_cmpstr (error->message, ==, "audit entry 3 was removed from the end of the audit trail");
  g_assert_cmpint (report->bad_seq, ==, 3);
}

/* A plain SQLite connection cannot write audited tables unseen. */
static void
test_foreign_writer (MesoAuditFixture *f,
                     gconstpointer     data)
{
  sqlite3 *db = NULL;

  meso_audit_test_add_patient (f->store, "Ida Neri");
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE patients SET name = 'X'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "meso_actor"));
  sqlite3_close (db);
}

/* An entry's changes are read with the guarded parse: a restored file
 * whose changes nest deeper than any entry can (crafted, with the chain
 * recomputed) is shown without them, not a crash in json-glib. */
static void
test_entry_read_guarded (void)
{
  g_autofree char *deep = g_strnfill (200000, '[');
  MesoAuditEntry e = { 7, "2026-05-04T09:30:12.345Z", "clinic", "update", "patient",
                       3, 3, deep, NULL, "", "" };
  MesoAuditEntry ok = e;
  g_autofree char *summary = meso_audit_entry_summary (&e);
  g_autofree char *ok_summary = NULL;
  g_autoptr(JsonNode) node = meso_audit_entry_to_json (&e);
  g_autoptr(JsonNode) ok_node = NULL;

  g_assert_cmpstr (summary, ==, "update patient 3");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_node_get_object (node),
                                                               "changes")));
  ok.changes = "{\"name\": [\"A\", \"B\"]}";
  ok_summary = meso_audit_entry_summary (&ok);
  g_assert_cmpstr (ok_summary, ==, "update patient 3: name");
  ok_node = meso_audit_entry_to_json (&ok);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (ok_node),
                                                                 "changes")));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  MESO_AUDIT_TEST_ADD ("/audit/patient", test_patient_entries);
  MESO_AUDIT_TEST_ADD ("/audit/session", test_session_entries);
  MESO_AUDIT_TEST_ADD ("/audit/append-only", test_append_only);
  MESO_AUDIT_TEST_ADD ("/audit/tampering", test_tampering);
  MESO_AUDIT_TEST_ADD ("/audit/head", test_head);
  MESO_AUDIT_TEST_ADD ("/audit/written-after-removal", test_written_after_removal);
  MESO_AUDIT_TEST_ADD ("/audit/verify-from-head", test_verify_from_head);
  MESO_AUDIT_TEST_ADD ("/audit/foreign-writer", test_foreign_writer);
  g_test_add_func ("/audit/entry-read-guarded", test_entry_read_guarded);
  return g_test_run ();
}
