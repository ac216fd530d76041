/* test-store-migrate.c: files of every earlier schema version open, keep
 * their data and are searchable; a failed step changes nothing. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "meso-audit.h"
#include "meso-store-test-util.h"

typedef MesoStoreFixture Fixture;

static void
fill_v1 (sqlite3 *db)
{
  /* Rows exactly as version 1 wrote them (no sort key, no search index). */
  static const char sql[] =
    "INSERT INTO patients (id, name, date_of_birth, sex, phone, language,"
    " medications_state, allergies_state, fitzpatrick)"
    " VALUES (7, 'Hélène Dupont', '1980-04-12', 'female', '+33 6 12 34 56 78', 'fr',"
    "         'recorded', 'none_known', 3),"
    "        (8, 'Zoé Martin', '1992-11-30', 'female', NULL, 'en', 'not_asked', 'not_asked', 0),"
    "        (9, 'Ábel Kovács', '1980-07-01', 'male', '06 20 111 2222', 'de', 'not_asked', 'not_asked', 0);"
    "INSERT INTO patient_conditions (patient_id, condition, answer, confirmed)"
    " VALUES (7, 'diabetes', 'yes', '2025-10-10'), (7, 'pregnancy', 'no', NULL);"
    "INSERT INTO patient_list_items (patient_id, list, position, text)"
    " VALUES (7, 'medications', 0, 'Warfarin 5 mg'), (7, 'medications', 1, 'Aspirin');"
    "INSERT INTO sessions (id, patient_id, date, time_minutes, status, indication, area,"
    " consistency, needle_gauge, needle_length_mm, depth_mm, angle_deg, technique, massage)"
    " VALUES (3, 7, '2026-02-01', 600, 'done', 'rejuvenation', 'face', 'thin', 30, 4, 2, 45,"
    "         'nappage', 'gentle');"
    "INSERT INTO session_list_items (session_id, list, position, text)"
    " VALUES (3, 'ingredients', 0, 'Hyaluronic acid');";

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(MesoPatient) p = NULL;
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(GArray) ids = NULL;

  store = meso_store_open_at_version (f->path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (meso_test_query_int (store, "PRAGMA user_version"), ==, 1);
  fill_v1 (meso_store_get_db (store));
  g_clear_object (&store);

  store = meso_test_open_store (f->path);
  g_assert_cmpint (meso_test_query_int (store, "PRAGMA user_version"), ==, meso_store_schema_version ());

  p = meso_store_get_patient (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->name, ==, "Hélène Dupont");
  g_assert_cmpint (p->history->conditions[MESO_CONDITION_DIABETES].answer, ==, MESO_ANSWER_YES);
  meso_test_assert_date (&p->history->conditions[MESO_CONDITION_DIABETES].confirmed, "2025-10-10");
  g_assert_cmpuint (p->history->medications->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (p->history->medications, 1), ==, "Aspirin");
  s = meso_store_get_session (store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (s->ingredients, 0), ==, "Hyaluronic acid");

  /* The new search index covers the rows that were already there. */
  ids = meso_store_find_patient_ids (store, "hel", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 7);
  g_clear_pointer (&ids, g_array_unref);
  ids = meso_store_find_patient_ids (store, "1980", &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 9);   /* Ábel before Hélène */
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 7);
  g_clear_pointer (&ids, g_array_unref);
  ids = meso_store_find_patient_ids (store, "0612", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = meso_store_find_patient_ids (store, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 9);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 7);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, 8);
}

static void
test_migrate_from_v0 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(MesoSettings) settings = NULL;

  /* An empty file, as left by a first start interrupted before the schema
   * was written. */
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = meso_test_open_store (f->path);
  g_assert_cmpint (meso_test_query_int (store, "PRAGMA user_version"), ==, meso_store_schema_version ());
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 0);
  settings = meso_store_load_settings (store, NULL);
  g_assert_cmpuint (settings->legal_age, ==, 18);
  meso_test_add_patient (store, "Anna Rossi", "1990-06-15", NULL);
}

/* Files left at each earlier version (as that version's write paths left
 * them) all open, keep their data and are searchable. */
static void
test_migrate_from_every_version (Fixture       *f,
                                 gconstpointer  data)
{
  for (guint version = 0; version < meso_store_schema_version (); version++)
    {
      g_autofree char *name = g_strdup_printf ("v%u.db", version);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MesoStore) store = NULL;
      g_autoptr(MesoPatient) p = NULL;
      g_autoptr(GArray) ids = NULL;
      g_autofree char *check = NULL;

      g_test_message ("from schema %u", version);
      store = meso_store_open_at_version (path, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (meso_test_query_int (store, "PRAGMA user_version"), ==, version);
      if (version >= 1)
        fill_v1 (meso_store_get_db (store));
      if (version >= 2)
        {
          /* What version 2's patient write path adds to each row. */
          static const gint64 ids_v1[] = { 7, 8, 9 };

          for (guint i = 0; i < G_N_ELEMENTS (ids_v1); i++)
            {
              g_autoptr(MesoPatient) row = meso_store_get_patient (store, ids_v1[i], &error);
              g_autofree char *key = meso_fold_for_sort (row->name);
              sqlite3_stmt *stmt = NULL;

              g_assert_no_error (error);
              g_assert_cmpint (sqlite3_prepare_v2 (meso_store_get_db (store),
                                                   "UPDATE patients SET sort_key = ?1 WHERE id = ?2",
                                                   -1, &stmt, NULL), ==, SQLITE_OK);
              sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (stmt, 2, ids_v1[i]);
              g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
              sqlite3_finalize (stmt);
              g_assert_true (meso_store_index_patient (store, row->id, row->name, &row->date_of_birth,
                                                       row->phone, &error));
              g_assert_no_error (error);
            }
        }
      g_clear_object (&store);

      store = meso_test_open_store (path);
      g_assert_cmpint (meso_test_query_int (store, "PRAGMA user_version"), ==, meso_store_schema_version ());
      check = meso_test_query_text (store, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok");
      /* The audit trail, however it started, ends where audit_head says. */
      g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM audit_head"), ==, 1);
      g_assert_true (meso_audit_verify (store, NULL, &error));
      g_assert_no_error (error);
      if (version == 0)
        {
          g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 0);
          continue;
        }
      p = meso_store_get_patient (store, 7, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (p->name, ==, "Hélène Dupont");
      g_assert_cmpstr (g_ptr_array_index (p->history->medications, 0), ==, "Warfarin 5 mg");
      ids = meso_store_find_patient_ids (store, "dup hél", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 1);
      g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 7);
      g_clear_pointer (&ids, g_array_unref);
      ids = meso_store_find_patient_ids (store, "", &error);
      g_assert_cmpuint (ids->len, ==, 3);
      g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 9);
    }
}

/* Step 6: a file written at schema 5 gets audit_head from its newest
 * entry, verifies, and from then on shows entries removed from the end,
 * which schema 5 could not. */
static void
test_migrate_audit_head (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(MesoAuditReport) report = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *head = NULL;
  sqlite3 *db;
  gint64 seq;

  store = meso_store_open_at_version (f->path, 5, &error);
  g_assert_no_error (error);
  meso_test_add_patient (store, "Anna Rossi", "1990-06-15", NULL);
  meso_test_add_patient (store, "Bea Neri", "1985-02-01", NULL);
  g_assert_true (meso_audit_log (store, "print", "record", 0, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM sqlite_master"
                                               " WHERE name = 'audit_head'"), ==, 0);
  /* Without audit_head, schema 5 cannot tell a shortened trail. */
  seq = meso_test_query_int (store, "SELECT max (seq) FROM audit");
  g_assert_cmpint (seq, ==, 4);
  g_assert_true (meso_audit_verify (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = meso_test_open_store (f->path);
  g_assert_cmpint (meso_test_query_int (store, "PRAGMA user_version"), >=, 6);
  g_assert_cmpint (meso_test_query_int (store, "SELECT seq FROM audit_head"), ==, seq);
  newest = meso_test_query_text (store, "SELECT hash FROM audit WHERE seq = 4");
  head = meso_test_query_text (store, "SELECT hash FROM audit_head");
  g_assert_cmpstr (head, ==, newest);
  g_assert_true (meso_audit_verify (store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->n_entries, ==, seq);
  g_clear_pointer (&report, meso_audit_report_free);

  /* It moves with the entries written after the migration. */
  meso_test_add_patient (store, "Carla Bruni", "1970-01-01", NULL);
  g_assert_cmpint (meso_test_query_int (store, "SELECT seq FROM audit_head"), ==, seq + 1);
  g_assert_true (meso_audit_verify (store, NULL, &error));
  g_assert_no_error (error);

  db = meso_store_get_db (store);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_append_only_delete;"
                                     "DELETE FROM audit WHERE seq > 3", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (meso_audit_verify (store, &report, &error));
  g_assert_error (error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_BROKEN);
  g_assert_cmpint (report->bad_seq, ==, 4);
  g_assert_nonnull (strstr (error->message, "removed from the end"));
}

/* Step 6 on a trail emptied before it ran: nothing to anchor yet, and the
 * trail carries on. */
static void
test_migrate_audit_head_empty (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;

  store = meso_store_open_at_version (f->path, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (store),
                                 "DROP TRIGGER audit_append_only_delete; DELETE FROM audit",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);

  store = meso_test_open_store (f->path);
  g_assert_cmpint (meso_test_query_int (store, "SELECT seq FROM audit_head"), ==, 0);
  g_assert_true (meso_audit_verify (store, NULL, &error));
  g_assert_no_error (error);
  meso_test_add_patient (store, "Anna Rossi", "1990-06-15", NULL);
  g_assert_cmpint (meso_test_query_int (store, "SELECT seq FROM audit_head"), ==, 1);
  g_assert_true (meso_audit_verify (store, NULL, &error));
  g_assert_no_error (error);
}

/* A step that fails leaves the file at the previous version, untouched. */
static void
test_migration_is_atomic (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;

  store = meso_store_open_at_version (f->path, 1, &error);
  g_assert_no_error (error);
  fill_v1 (meso_store_get_db (store));
  /* Something in the way of step 2's index: its CREATE will fail after
   * its ALTER TABLE has run. */
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (store),
                                 "CREATE TABLE patient_search (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);

  store = meso_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "schema 2"));
  g_clear_error (&error);

  store = meso_store_open_at_version (f->path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (meso_test_query_int (store, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM pragma_table_info('patients')"
                                     " WHERE name = 'sort_key'"), ==, 0);
  g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM patients"), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MESO_STORE_TEST_ADD ("migrate/from-v0", test_migrate_from_v0);
  MESO_STORE_TEST_ADD ("migrate/from-v1", test_migrate_from_v1);
  MESO_STORE_TEST_ADD ("migrate/from-every-version", test_migrate_from_every_version);
  MESO_STORE_TEST_ADD ("migrate/atomic", test_migration_is_atomic);
  MESO_STORE_TEST_ADD ("migrate/audit-head", test_migrate_audit_head);
  MESO_STORE_TEST_ADD ("migrate/audit-head-empty", test_migrate_audit_head_empty);

  return g_test_run ();
}
