/* test-store-open.c: opening the SQLite store: a private file with the
 * right pragmas, the default path, and the files it refuses (newer,
 * foreign, damaged, read-only). */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "meso-store-test-util.h"

typedef MesoStoreFixture Fixture;

static gint64
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
test_open_creates_private_file (Fixture       *f,
                                gconstpointer  data)
{
  /* The default location (under the test's own $XDG_DATA_HOME): the one
   * place whose missing folders the store creates. */
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "mesochart", NULL);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal_mode = NULL;
  g_autoptr(MesoStore) store = NULL;
  mode_t old_umask;

  /* The most permissive umask: the modes must not depend on it. */
  old_umask = umask (0);
  store = meso_test_open_store (path);
  meso_test_add_patient (store, "Anna Rossi", "1990-01-01", NULL);
  umask (old_umask);

  g_assert_cmpstr (meso_store_get_path (store), ==, path);
  g_assert_cmpint (file_mode (dir), ==, 0700);
  g_assert_cmpint (file_mode (path), ==, 0600);
  g_assert_cmpint (file_mode (wal), ==, 0600);
  g_assert_cmpint (file_mode (shm), ==, 0600);

  journal_mode = meso_test_query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (meso_test_query_int (store, "PRAGMA synchronous"), ==, 2);   /* FULL */
  g_assert_cmpint (meso_test_query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (meso_test_query_int (store, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (meso_test_query_int (store, "PRAGMA busy_timeout"), ==, 5000);
  g_assert_cmpint (meso_test_query_int (store, "PRAGMA user_version"), ==, meso_store_schema_version ());
  g_assert_cmpint (meso_store_schema_version (), >=, 2);
}

/* A path given by hand whose folder is missing is refused, naming the
 * folder, and nothing is created: a typo must not open an empty clinic. */
static void
test_refuse_missing_folder (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", NULL);
  g_autofree char *path = g_build_filename (missing, "clinic.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "a-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "clinic.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;

  store = meso_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  store = meso_store_open (under_file, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "not a folder"));
  g_clear_error (&error);

  /* A folder where the file should be. */
  store = meso_store_open (f->dir, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "is a folder"));
  g_clear_error (&error);

  /* A new file in a folder that exists is still created. */
  g_clear_object (&store);
  store = meso_test_open_store (f->path);
}

static void
test_default_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("MESOCHART_DB"));
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "mesochart", "clinic.db", NULL);

  g_setenv ("MESOCHART_DB", "/srv/clinic/test.db", TRUE);
  from_env = meso_store_default_path ();
  g_assert_cmpstr (from_env, ==, "/srv/clinic/test.db");

  g_unsetenv ("MESOCHART_DB");
  fallback = meso_store_default_path ();
  g_assert_cmpstr (fallback, ==, expected);

  if (saved != NULL)
    g_setenv ("MESOCHART_DB", saved, TRUE);
}

static void
test_refuse_newer_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *bump = NULL;
  g_autoptr(MesoStore) store = NULL;
  sqlite3 *db;

  /* A file as a future Mesochart would write it: our application id and a
   * schema one step ahead. */
  bump = g_strdup_printf ("PRAGMA application_id = 1298494319;"
                          "CREATE TABLE future (x);"
                          "PRAGMA user_version = %u;", meso_store_schema_version () + 1);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (f->path);

  store = meso_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Mesochart"));
  g_assert_nonnull (strstr (error->message, "update Mesochart"));

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuse_not_a_database (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  sqlite3 *db;

  g_assert_true (g_file_set_contents (f->path,
                                      "Name,Date of birth\nAnna Rossi,1990-01-01\n"
                                      "This is a spreadsheet export, not a database.\n", -1, NULL));
  before = file_checksum (f->path);
  store = meso_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, f->path));
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  /* Another program's SQLite database is not a blank clinic either. */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE bookmarks (url TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (other);
  store = meso_store_open (other, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_A_DATABASE);
  after = file_checksum (other);
  g_assert_cmpstr (before, ==, after);
}

/* A damaged file is reported as such, naming it, not as a bug. */
static void
test_damaged_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  g_autofree char *contents = NULL;
  gsize len;

  for (guint i = 0; i < 50; i++)
    meso_test_add_patient (store, "Anna Rossi", "1990-06-15", "06 11 22 33 44");
  g_clear_object (&store);   /* the last connection checkpoints the WAL */

  /* Keep the first page (header and schema), scramble every other one. */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  memset (contents + 4096, 0x5a, len - 4096);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  store = meso_store_open (f->path, &error);
  if (store != NULL)
    g_assert_cmpint (meso_store_count_patients (store, &error), ==, -1);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "damaged"));
}

/* What a user opening @path in a folder they may not write to gets: 0 for
 * the read-only error naming the file, or which part failed. */
static int
open_read_only_outcome (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = meso_store_open (path, &error);

  if (store != NULL)
    return 10;
  if (!g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_READ_ONLY))
    {
      g_printerr ("unexpected error: %s\n", error->message);
      return 11;
    }
  if (strstr (error->message, path) == NULL)
    return 12;
  return 0;
}

static void
test_refuse_read_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  pid_t pid;
  int status;

  g_assert_cmpint (g_mkdir (dir, 0555), ==, 0);
  if (geteuid () != 0)
    {
      g_assert_cmpint (open_read_only_outcome (path), ==, 0);
      return;
    }

  /* Root writes whatever the permissions say (and CI runs as root): the
   * check runs in a child that has become "nobody" first. */
  g_assert_cmpint (g_chmod (f->dir, 0711), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* Root's supplementary groups go too, then the group, then the user. */
      if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0 ||
          geteuid () == 0)
        _exit (20);
      _exit (open_read_only_outcome (path));
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("mesochart-data-XXXXXX", NULL);
  int status;

  /* The default location in a fresh temporary folder, set before GLib
   * reads it (G_TEST_OPTION_ISOLATE_DIRS would do this too, but leaks the
   * folder names it sets, which the sanitizer run reports). */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/default-path", test_default_path);
  MESO_STORE_TEST_ADD ("open/private-file-and-pragmas", test_open_creates_private_file);
  MESO_STORE_TEST_ADD ("open/refuse-missing-folder", test_refuse_missing_folder);
  MESO_STORE_TEST_ADD ("open/refuse-newer", test_refuse_newer_file);
  MESO_STORE_TEST_ADD ("open/refuse-not-a-database", test_refuse_not_a_database);
  MESO_STORE_TEST_ADD ("open/refuse-read-only", test_refuse_read_only);
  MESO_STORE_TEST_ADD ("open/damaged-file", test_damaged_file);

  status = g_test_run ();
  meso_test_remove_tree (data_home);
  return status;
}
