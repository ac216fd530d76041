/* test-backup.c: verified backups, failures that leave old backups alone,
 * daily rotation, restore (good, damaged, tampered, newer, in use), and the
 * copy made before a migration. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "meso-audit.h"
#include "meso-backup.h"
#include "meso-store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("mesochart-backup-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
add_patient (MesoStore  *store,
             const char *name,
             gsize       notes_size)
{
  g_autoptr(MesoPatient) p = meso_patient_new ();
  g_autoptr(GError) error = NULL;

  p->name = g_strdup (name);
  g_date_set_dmy (&p->date_of_birth, 1, 2, 1985);
  if (notes_size > 0)
    p->notes = g_strnfill (notes_size, 'n');
  g_assert_true (meso_store_insert_patient (store, p, &error));
  g_assert_no_error (error);
  return p->id;
}

static MesoStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  MesoStore *store = meso_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
count_patients (const char *path)
{
  g_autoptr(MesoStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  gint64 n = meso_store_count_patients (store, &error);

  g_assert_no_error (error);
  return n;
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static char *
checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MesoStore) store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *written = NULL;
  g_autofree char *into_dir = NULL;
  g_autofree char *backups = g_build_filename (f->dir, "backups", NULL);
  guint version = 0;

  add_patient (store, "Anna Rossi", 0);
  add_patient (store, "Bea Neri", 0);

  /* Another connection in the middle of a write: the copy has what was
   * committed, not the half-done transaction. */
  {
    g_autoptr(MesoStore) writer = open_store (f->path);

    g_assert_true (meso_store_begin (writer, &error));
    add_patient (writer, "Uncommitted Person", 0);
    g_assert_true (meso_backup_file (f->path, out, &written, &error));
    g_assert_no_error (error);
    meso_store_rollback (writer);
  }
  g_assert_cmpstr (written, ==, out);
  g_assert_cmpuint (file_mode (out), ==, 0600);
  g_assert_true (meso_backup_check (out, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, meso_store_schema_version ());
  g_assert_cmpint (count_patients (out), ==, 2);
  /* One self-contained file. */
  {
    g_autofree char *wal = g_strconcat (out, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* From the open store, into a folder: a dated name, and an audit entry. */
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  g_assert_true (meso_store_backup (store, backups, &into_dir, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (into_dir, backups));
  g_assert_true (g_str_has_suffix (into_dir, ".db"));
  {
    g_autoptr(GPtrArray) entries = meso_audit_list (store, 0, &error);
    MesoAuditEntry *e = g_ptr_array_index (entries, entries->len - 1);

    g_assert_cmpstr (e->action, ==, "backup");
  }
}

static void
test_backup_failures (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MesoStore) store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *old = g_build_filename (folder, "clinic-2026-01-01.db", NULL);
  g_autofree char *target = g_build_filename (folder, "latest.db", NULL);
  g_autofree char *old_sum = NULL;
  g_autofree char *target_sum = NULL;
  struct rlimit saved, small;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  add_patient (store, "Anna Rossi", 0);
  g_assert_true (meso_backup_file (f->path, old, NULL, &error));
  g_assert_true (meso_backup_file (f->path, target, NULL, &error));
  g_assert_no_error (error);
  old_sum = checksum (old);
  target_sum = checksum (target);
  /* Enough data that the copy cannot fit under the limit below. */
  for (guint i = 0; i < 40; i++)
    add_patient (store, "Filler Patient", 10000);

  /* A full disk, as a file size limit: the write fails part way. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 64 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  g_assert_false (meso_backup_file (f->path, target, NULL, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_nonnull (strstr (error->message, "untouched"));
  g_clear_error (&error);
  /* Old backups as they were, no temporary file left behind. */
  {
    g_autofree char *old_now = checksum (old);
    g_autofree char *target_now = checksum (target);

    g_assert_cmpstr (old_now, ==, old_sum);
    g_assert_cmpstr (target_now, ==, target_sum);
  }
  g_assert_cmpuint (count_files (folder), ==, 2);

  /* A folder that cannot be written (root may write anywhere, but not in
   * /proc), and one that does not exist. */
  if (getuid () != 0)
    {
      g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
      g_autofree char *in_locked = g_build_filename (locked, "b.db", NULL);

      g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
      g_assert_false (meso_backup_file (f->path, in_locked, NULL, &error));
      g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, locked));
      g_clear_error (&error);
    }
  g_assert_false (meso_backup_file (f->path, "/proc/mesochart-backup.db", NULL, &error));
  g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "“/proc”"));
  g_clear_error (&error);
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "b.db", NULL);

    g_assert_false (meso_backup_file (f->path, nowhere, NULL, &error));
    g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE);
    g_clear_error (&error);
  }
  g_assert_false (meso_backup_file (f->path, f->path, NULL, &error));
  g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE);
  g_clear_error (&error);
  {
    g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);

    g_assert_false (meso_backup_file (missing, target, NULL, &error));
    g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_SOURCE);
    g_clear_error (&error);
  }
}

static void
test_daily (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(MesoStore) store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "daily", NULL);
  g_autofree char *written = NULL;
  static const char * const old[] = {
    "clinic-2025-12-30.db", "clinic-2025-12-31.db", "clinic-2026-01-01.db",
    "clinic-2026-01-02.db", "clinic-2026-01-03.db",
  };

  add_patient (store, "Anna Rossi", 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (old); i++)
    {
      g_autofree char *p = g_build_filename (folder, old[i], NULL);

      g_assert_true (g_file_set_contents (p, "old", -1, NULL));
    }
  {
    g_autofree char *other = g_build_filename (folder, "notes.txt", NULL);

    g_assert_true (g_file_set_contents (other, "keep me", -1, NULL));
  }

  g_assert_true (meso_backup_daily_due (folder));
  g_assert_true (meso_backup_daily (f->path, folder, 3, &written, &error));
  g_assert_false (meso_backup_daily_due (folder));
  g_assert_no_error (error);
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  /* Today's, the two newest old ones, and the unrelated file. */
  g_assert_cmpuint (count_files (folder), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (old); i++)
    {
      g_autofree char *p = g_build_filename (folder, old[i], NULL);

      g_assert_cmpint (g_file_test (p, G_FILE_TEST_EXISTS), ==, i >= 3);
    }
  /* Again the same day: replaced, not added. */
  g_assert_true (meso_backup_daily (f->path, folder, 3, NULL, &error));
  g_assert_cmpuint (count_files (folder), ==, 4);
}

static char *
make_backup (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  char *out = g_build_filename (f->dir, name, NULL);

  g_assert_true (meso_backup_file (f->path, out, NULL, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);

  {
    g_autoptr(MesoStore) store = open_store (f->path);

    add_patient (store, "Anna Rossi", 0);
  }
  good = make_backup (f, "good.db");
  tampered = make_backup (f, "tampered.db");
  newer = make_backup (f, "newer.db");
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (tampered, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_append_only_update;"
                                       "UPDATE audit SET actor = 'x' WHERE seq = 2",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_true (g_file_set_contents (garbage, "not a database at all, really not", -1, NULL));

  /* The clinic goes on after the backup. */
  {
    g_autoptr(MesoStore) store = open_store (f->path);

    add_patient (store, "Bea Neri", 0);
  }
  g_assert_cmpint (count_patients (f->path), ==, 2);

  /* Refusals change nothing. */
  {
    g_autofree char *before = checksum (f->path);
    const char *bad[] = { tampered, newer, garbage };
    const char *words[] = { "audit", "newer", "not" };
    const gint codes[] = { MESO_BACKUP_ERROR_DAMAGED, MESO_BACKUP_ERROR_TOO_NEW,
                           MESO_BACKUP_ERROR_NOT_MESOCHART };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (meso_backup_restore (bad[i], f->path, NULL, &error));
        g_assert_error (error, MESO_BACKUP_ERROR, codes[i]);
        if (strstr (error->message, words[i]) == NULL)
          g_error ("“%s” does not say %s", error->message, words[i]);
        g_clear_error (&error);
        {
          g_autofree char *now = checksum (f->path);

          g_assert_cmpstr (now, ==, before);
        }
      }
  }

  g_assert_true (meso_backup_restore (good, f->path, &aside, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (aside, "clinic.db.before-restore-"));
  g_assert_cmpint (count_patients (f->path), ==, 1);
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  /* The previous database is kept whole beside it. */
  g_assert_cmpint (count_patients (aside), ==, 2);
  {
    g_autoptr(MesoStore) store = open_store (f->path);
    g_autoptr(GPtrArray) entries = meso_audit_list (store, 0, &error);
    MesoAuditEntry *e = g_ptr_array_index (entries, entries->len - 1);

    g_assert_cmpstr (e->action, ==, "restore");
    g_assert_cmpstr (e->reason, ==, "good.db");
    g_assert_true (meso_audit_verify (store, NULL, &error));
  }
}

/* Paths that are no backup to write or to restore: each refused with a
 * message naming it, and nothing changed. */
static void
test_bad_paths (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (f->dir, "target.db", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.db", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "fifo.db", NULL);
  g_autofree char *damaged = NULL;
  g_autofree char *before = NULL;
  g_autofree char *target_sum = NULL;
  GStatBuf st;

  {
    g_autoptr(MesoStore) store = open_store (f->path);

    for (guint i = 0; i < 30; i++)
      add_patient (store, "Anna Rossi", 0);
  }
  g_assert_true (g_file_set_contents (target, "someone else's file", -1, NULL));
  target_sum = checksum (target);
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* A link, a pipe: never replaced by the copy. */
  g_assert_false (meso_backup_file (f->path, link, NULL, &error));
  g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, link));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  {
    g_autofree char *now = checksum (target);

    g_assert_cmpstr (now, ==, target_sum);
  }
  g_assert_false (meso_backup_file (f->path, fifo, NULL, &error));
  g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* Daily backups into a file. */
  g_assert_false (meso_backup_daily (f->path, target, 7, NULL, &error));
  g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "is a file, not a folder"));
  g_clear_error (&error);

  /* Restoring the database onto itself, or a folder. */
  before = checksum (f->path);
  g_assert_false (meso_backup_restore (f->path, f->path, NULL, &error));
  g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_SOURCE);
  g_assert_nonnull (strstr (error->message, "the clinic database itself"));
  g_clear_error (&error);
  g_assert_false (meso_backup_restore (f->dir, f->path, NULL, &error));
  g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_SOURCE);
  g_assert_nonnull (strstr (error->message, "is a folder"));
  g_clear_error (&error);
  {
    g_autofree char *now = checksum (f->path);

    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    g_assert_cmpstr (now, ==, before);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_null (strstr (name, "before-restore"));
  }

  /* A damaged backup: one line, how many problems and the first. */
  damaged = make_backup (f, "damaged.db");
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (damaged, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA writable_schema = ON;"
                                       "UPDATE sqlite_master SET sql = 'CREATE INDEX "
                                       "patients_by_sort_key ON patients (id DESC)'"
                                       " WHERE name = 'patients_by_sort_key'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_false (meso_backup_restore (damaged, f->path, NULL, &error));
  g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, "the integrity check found 30 problems (first: "));
  g_assert_nonnull (strstr (error->message, "damaged.db"));
  g_clear_error (&error);
  {
    g_autofree char *now = checksum (f->path);

    g_assert_cmpstr (now, ==, before);
  }
}

/* A backup whose newest audit entries were removed (their guard dropped
 * first) verifies as a chain, but not against audit_head: refused. */
static void
test_restore_shortened_audit (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  static const struct
  {
    const char *name;
    const char *sql;
    const char *words;
  } cases[] = {
    { "shortened.db", "DELETE FROM audit WHERE seq > 2", "removed from the end" },
    { "emptied.db", "DELETE FROM audit", "is empty but" },
    { "headless.db", "DROP TABLE audit_head", "audit_head" },
  };

  {
    g_autoptr(MesoStore) store = open_store (f->path);

    add_patient (store, "Anna Rossi", 0);
    add_patient (store, "Bea Neri", 0);
    add_patient (store, "Cleo Blu", 0);
  }
  before = checksum (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = make_backup (f, cases[i].name);
      g_autofree char *sql = g_strconcat ("DROP TRIGGER audit_append_only_delete;", cases[i].sql,
                                          NULL);
      g_autofree char *now = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      g_assert_false (meso_backup_check (path, NULL, &error));
      g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_DAMAGED);
      g_clear_error (&error);
      g_assert_false (meso_backup_restore (path, f->path, NULL, &error));
      g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_DAMAGED);
      if (strstr (error->message, "audit") == NULL || strstr (error->message, cases[i].words) == NULL)
        g_error ("“%s” does not say %s", error->message, cases[i].words);
      g_clear_error (&error);
      now = checksum (f->path);
      g_assert_cmpstr (now, ==, before);
    }
}

static void
test_restore_in_use (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *before = NULL;
  int fds[2];
  char c;
  pid_t pid;

  {
    g_autoptr(MesoStore) store = open_store (f->path);

    add_patient (store, "Anna Rossi", 0);
  }
  good = make_backup (f, "good.db");

  /* Another process (the app) has the database open. */
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  if (pid == 0)
    {
      MesoStore *store = meso_store_open (f->path, NULL);

      if (write (fds[1], store ? "y" : "n", 1) != 1)
        _exit (1);
      pause ();
      _exit (0);
    }
  g_assert_cmpint (read (fds[0], &c, 1), ==, 1);
  g_assert_cmpint (c, ==, 'y');
  before = checksum (f->path);
  g_assert_false (meso_backup_restore (good, f->path, NULL, &error));
  g_assert_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_IN_USE);
  g_clear_error (&error);
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  close (fds[0]);
  close (fds[1]);
  {
    g_autofree char *now = checksum (f->path);

    g_assert_cmpstr (now, ==, before);
  }

  /* Killed: its -wal and -shm stay behind, and restore copes. */
  g_assert_true (meso_backup_restore (good, f->path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_patients (f->path), ==, 1);
}

/* A copy of a live database taken with its -wal: what the WAL holds is
 * restored too, and the copy is not modified. */
static void
test_restore_wal_copy (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *live = g_build_filename (f->dir, "live.db", NULL);
  g_autofree char *live_wal = g_strconcat (live, "-wal", NULL);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *sum = NULL;
  g_autofree char *wal_sum = NULL;
  g_autoptr(MesoStore) store = open_store (live);

  add_patient (store, "Anna Rossi", 0);
  add_patient (store, "Bea Neri", 0);
  {
    g_autofree char *bytes = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (live, &bytes, &len, NULL));
    g_assert_true (g_file_set_contents (copy, bytes, len, NULL));
    g_clear_pointer (&bytes, g_free);
    g_assert_true (g_file_get_contents (live_wal, &bytes, &len, NULL));
    g_assert_cmpuint (len, >, 0);
    g_assert_true (g_file_set_contents (copy_wal, bytes, len, NULL));
  }
  sum = checksum (copy);
  wal_sum = checksum (copy_wal);
  /* The point of the test: the main file alone does not have them. */
  {
    g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", copy);
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
    if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM patients", -1, &stmt, NULL) == SQLITE_OK)
      {
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), <, 2);
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  g_assert_true (meso_backup_restore (copy, f->path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_patients (f->path), ==, 2);
  {
    g_autofree char *now = checksum (copy);
    g_autofree char *wal_now = checksum (copy_wal);
    g_autofree char *shm = g_strconcat (copy, "-shm", NULL);

    g_assert_cmpstr (now, ==, sum);
    g_assert_cmpstr (wal_now, ==, wal_sum);
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }
}

static void
test_pre_migration (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *found = NULL;
  const char *name;

  /* A new database: nothing to save. */
  {
    g_autofree char *fresh = g_build_filename (f->dir, "fresh.db", NULL);
    g_autoptr(MesoStore) store = open_store (fresh);
  }
  g_assert_cmpuint (count_files (f->dir), ==, 1);

  {
    g_autoptr(MesoStore) store = meso_store_open_at_version (f->path, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (meso_store_get_db (store),
                                   "INSERT INTO patients (id, name, date_of_birth)"
                                   " VALUES (7, 'Old Timer', '1950-01-01')",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  }
  {
    g_autoptr(MesoStore) store = open_store (f->path);
  }
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "clinic.db.pre-migration-v1-"))
      found = g_build_filename (f->dir, name, NULL);
  g_assert_nonnull (found);
  g_assert_cmpuint (file_mode (found), ==, 0600);
  {
    guint version = 0;
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_true (meso_backup_check (found, &version, &error));
    g_assert_cmpuint (version, ==, 1);
    g_assert_cmpint (sqlite3_open_v2 (found, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM patients", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Old Timer");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup/copy", test_backup);
  ADD ("/backup/failures", test_backup_failures);
  ADD ("/backup/daily", test_daily);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/bad-paths", test_bad_paths);
  ADD ("/backup/restore-shortened-audit", test_restore_shortened_audit);
  ADD ("/backup/restore-in-use", test_restore_in_use);
  ADD ("/backup/restore-wal-copy", test_restore_wal_copy);
  ADD ("/backup/pre-migration", test_pre_migration);
  return g_test_run ();
}
