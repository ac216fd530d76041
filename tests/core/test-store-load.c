/* test-store-load.c: two connections, a busy database, a full disk, and a
 * heavier run checked by integrity_check. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "meso-store-test-util.h"

typedef MesoStoreFixture Fixture;

/* Two connections, as the GUI's worker threads use them. */

typedef struct
{
  const char *path;
  gint64      id;
} WorkerData;

static gpointer
worker_thread (gpointer user_data)
{
  WorkerData *wd = user_data;
  g_autoptr(MesoStore) store = meso_test_open_store (wd->path);

  wd->id = meso_test_add_patient (store, "Written By Worker", "1988-08-08", "07 00 00 00 01");
  return NULL;
}

static void
test_two_connections (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MesoStore) a = meso_test_open_store (f->path);
  g_autoptr(MesoStore) b = meso_test_open_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(MesoPatient) seen = NULL;
  WorkerData wd = { f->path, 0 };
  GThread *thread;
  gint64 id;

  /* b reads (and fills its search cache) first, so that a stale snapshot
   * or cache would show. */
  g_assert_cmpint (meso_store_count_patients (b, NULL), ==, 0);
  ids = meso_store_find_patient_ids (b, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  id = meso_test_add_patient (a, "Ines Ferreira", "1979-05-05", NULL);
  g_assert_cmpint (meso_store_count_patients (b, NULL), ==, 1);
  seen = meso_store_get_patient (b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->name, ==, "Ines Ferreira");
  ids = meso_store_find_patient_ids (b, "ines", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* A write from another thread's connection. */
  thread = g_thread_new ("store-worker", worker_thread, &wd);
  g_thread_join (thread);
  ids = meso_store_find_patient_ids (a, "worker", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, wd.id);
}

/* A writer that holds the lock too long, and a full disk, give errors a
 * clinic can act on, and leave nothing half written. */
static void
test_busy_and_full (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MesoStore) a = meso_test_open_store (f->path);
  g_autoptr(MesoStore) b = meso_test_open_store (f->path);
  g_autoptr(MesoPatient) p = meso_test_make_full_patient ();
  g_autoptr(GError) error = NULL;
  gint64 before, pages;
  g_autofree char *limit = NULL;

  meso_test_add_patient (a, "Anna Rossi", "1990-06-15", NULL);
  before = meso_test_count_rows (a);

  /* Shorten b's wait so the test does not sit out the 5 s timeout. */
  sqlite3_busy_timeout (meso_store_get_db (b), 50);
  g_assert_true (meso_store_begin (a, &error));
  g_assert_false (meso_store_insert_patient (b, p, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_BUSY);
  g_assert_true (g_str_has_prefix (error->message, "the clinic database is in use by another program"));
  g_clear_error (&error);
  g_assert_cmpint (meso_store_get_transaction_depth (b), ==, 0);
  meso_store_rollback (a);
  g_assert_cmpint (p->id, ==, 0);

  /* A disk that fills up: SQLite reports it as for a page limit. */
  pages = meso_test_query_int (b, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (b), limit, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (meso_store_begin (b, &error));
  for (guint i = 0; i < 200 && error == NULL; i++)
    {
      g_autoptr(MesoPatient) q = meso_test_make_full_patient ();

      meso_store_insert_patient (b, q, &error);
    }
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_FULL);
  g_assert_true (g_str_has_prefix (error->message, "the disk is full"));
  g_clear_error (&error);
  meso_store_rollback (b);
  g_assert_cmpint (meso_store_get_transaction_depth (b), ==, 0);
  g_assert_cmpint (meso_test_count_rows (a), ==, before);
  g_assert_cmpint (meso_test_count_rows (b), ==, before);
}

static void
test_heavy_run (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  g_autofree char *prev = NULL;

  meso_test_fill_synthetic (store, 5000, TRUE);
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 5000);
  g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM sessions"), ==, 5000);

  check = meso_test_query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (store),
                                 "INSERT INTO patient_search (patient_search) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  /* Every id once, in folded name order. */
  ids = meso_store_find_patient_ids (store, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 5000);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(MesoPatientSummary) s = meso_store_get_patient_summary (store, g_array_index (ids, gint64, i), NULL);
      g_autofree char *key = meso_fold_for_sort (s->name);

      if (prev != NULL)
        g_assert_cmpint (strcmp (prev, key), <=, 0);
      g_free (prev);
      prev = g_steal_pointer (&key);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MESO_STORE_TEST_ADD ("two-connections", test_two_connections);
  MESO_STORE_TEST_ADD ("busy-and-full", test_busy_and_full);
  MESO_STORE_TEST_ADD ("heavy-run", test_heavy_run);

  return g_test_run ();
}
