/* meso-backup.c: verified backups, checking a backup, daily rotation, and
 * the copy made before a schema migration.  Restores are in meso-restore.c.
 * See meso-backup.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "meso-audit.h"
#include "meso-backup.h"
#include "meso-backup-private.h"
#include "meso-fs.h"
#include "meso-store-private.h"

G_DEFINE_QUARK (meso-backup-error-quark, meso_backup_error)

#define MESO_APPLICATION_ID 0x4d65736f   /* as meso-store.c writes it */

char *
meso_backup_timestamp (const char *format)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, format);
}

static void
set_write_error (GError    **error,
                 const char *folder,
                 int         rc_or_errno,
                 gboolean    is_errno)
{
  const char *why;

  if (is_errno)
    why = g_strerror (rc_or_errno);
  else if ((rc_or_errno & 0xff) == SQLITE_FULL)
    why = _("the disk is full");
  else if ((rc_or_errno & 0xff) == SQLITE_READONLY || (rc_or_errno & 0xff) == SQLITE_CANTOPEN ||
           (rc_or_errno & 0xff) == SQLITE_PERM)
    why = _("the folder cannot be written");
  else
    why = sqlite3_errstr (rc_or_errno);

  if (is_errno && rc_or_errno == ENOSPC)
    why = _("the disk is full");
  g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE,
               _("the backup could not be written to the folder “%s”: %s; nothing was "
                 "written and the backups already there were left untouched"),
               folder, why);
}

static gboolean
fsync_path (const char *path,
            gboolean    is_dir)
{
  int fd = open (path, (is_dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
  int rc;

  if (fd < 0)
    return FALSE;
  rc = fsync (fd);
  close (fd);
  return rc == 0;
}

static gboolean
query_text (sqlite3     *db,
            const char  *sql,
            char       **out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
query_int64 (sqlite3    *db,
             const char *sql,
             gint64     *out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* PRAGMA integrity_check as one line: its report is a row per problem,
 * some of several lines, up to a hundred; the message gives their number
 * and the first. */
static gboolean
integrity_check (sqlite3     *db,
                 const char  *what,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  guint n = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

      rc = SQLITE_OK;
      if (g_strcmp0 (text, "ok") == 0)
        continue;
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_strstrip (lines[i]);
          /* "*** in database main ***" heads the problems, is not one. */
          if (*lines[i] == '\0' || g_str_has_prefix (lines[i], "***"))
            continue;
          if (first == NULL)
            first = g_strdup (lines[i]);
          n++;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_DAMAGED,
                   _("“%s” is damaged: the integrity check could not run (%s)"), what,
                   sqlite3_errstr (rc));
      return FALSE;
    }
  if (n == 0)
    return TRUE;
  g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_DAMAGED,
               g_dngettext (GETTEXT_PACKAGE,
                            "“%s” is damaged: the integrity check found %u problem (%s)",
                            "“%s” is damaged: the integrity check found %u problems (first: %s)",
                            n),
               what, n, first);
  return FALSE;
}

/* Checks an open connection to a copy: ours, not newer, undamaged, with an
 * intact audit chain.  @what names the file in messages. */
static gboolean
check_db (sqlite3     *db,
          const char  *what,
          guint       *schema_version,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 app_id = 0, version = 0;

  if (!query_int64 (db, "PRAGMA application_id", &app_id) ||
      !query_int64 (db, "PRAGMA user_version", &version))
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_NOT_MESOCHART,
                   _("“%s” is not a Mesochart database (it is not an SQLite file)"), what);
      return FALSE;
    }
  if (app_id != MESO_APPLICATION_ID)
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_NOT_MESOCHART,
                   _("“%s” is not a Mesochart database"), what);
      return FALSE;
    }
  if (version > (gint64) meso_store_schema_version ())
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Mesochart (schema %lld, "
                     "this version knows up to %u); update Mesochart to use it"),
                   what, (long long) version, meso_store_schema_version ());
      return FALSE;
    }
  if (!integrity_check (db, what, error))
    return FALSE;
  if (!meso_audit_verify_db (db, NULL, &local_error) &&
      !g_error_matches (local_error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_MISSING))
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_DAMAGED,
                   _("“%s” failed the audit check: %s"), what, local_error->message);
      return FALSE;
    }
  if (schema_version != NULL)
    *schema_version = (guint) version;
  return TRUE;
}

void
meso_backup_remove_scratch (char *scratch)
{
  static const char * const names[] = { "backup.db", "backup.db-wal", "backup.db-shm" };

  if (scratch == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = g_build_filename (scratch, names[i], NULL);

      g_unlink (p);
    }
  g_rmdir (scratch);
  g_free (scratch);
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) a = g_file_new_for_path (from);
  g_autoptr(GFile) b = g_file_new_for_path (to);

  if (!g_file_copy (a, b, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return FALSE;
  g_chmod (to, 0600);
  return TRUE;
}

/* Opens a backup to read it without changing it.  A plain file is opened
 * immutable (no -wal or -shm created next to it).  A file with a -wal
 * beside it (a copy of a live database, taken with its WAL) would be read
 * without what its WAL holds that way: the two are copied into a private
 * folder (0700, @scratch) and opened there, so that SQLite applies the WAL
 * to the copy, never to the user's file. */
sqlite3 *
meso_backup_open_backup (const char  *path,
                         char       **scratch,
                         GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  GStatBuf st;
  sqlite3 *db = NULL;
  int rc;

  *scratch = NULL;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_SOURCE,
                   _("“%s” is a folder, not a backup file"), path);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_SOURCE,
                   g_file_test (path, G_FILE_TEST_EXISTS)
                   ? _("“%s” is not a regular file")
                   : _("there is no file “%s”"), path);
      return NULL;
    }
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    {
      g_autofree char *dir = g_dir_make_tmp ("mesochart-restore-XXXXXX", error);
      g_autofree char *copy = NULL;
      g_autofree char *copy_wal = NULL;

      if (dir == NULL)
        return NULL;
      copy = g_build_filename (dir, "backup.db", NULL);
      copy_wal = g_build_filename (dir, "backup.db-wal", NULL);
      *scratch = g_steal_pointer (&dir);
      if (!copy_file (path, copy, error) || !copy_file (wal, copy_wal, error))
        {
          g_prefix_error (error, _("“%s” and its -wal cannot be read: "), path);
          return NULL;
        }
      rc = sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READWRITE, NULL);
    }
  else
    {
      escaped = g_uri_escape_string (path, "/", FALSE);
      uri = g_strdup_printf ("file:%s?immutable=1", escaped);
      rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_SOURCE,
                   _("“%s” cannot be read: %s"), path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

gboolean
meso_backup_check (const char  *path,
                   guint       *schema_version,
                   GError     **error)
{
  char *scratch = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  db = meso_backup_open_backup (path, &scratch, error);
  ok = db != NULL && check_db (db, path, schema_version, error);
  sqlite3_close (db);
  meso_backup_remove_scratch (scratch);
  return ok;
}

/* Copies @src into a new file next to @out and renames it there once it
 * checks. */
gboolean
meso_backup_copy_checked (sqlite3     *src,
                          const char  *out,
                          GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (out);
  g_autofree char *base = g_path_get_basename (out);
  g_autofree char *tmp = g_build_filename (folder, ".mesochart-backup-XXXXXX", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int fd, rc;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, folder, errno, TRUE);
      return FALSE;
    }
  fchmod (fd, 0600);
  close (fd);

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      set_write_error (error, folder, rc, FALSE);
      goto out;
    }
  sqlite3_busy_timeout (dest, MESO_BACKUP_BUSY_TIMEOUT_MS);

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      set_write_error (error, folder, sqlite3_extended_errcode (dest), FALSE);
      goto out;
    }
  /* All pages in one step: one read transaction, so one consistent
   * snapshot even while the app writes.  A writer holding the lock only
   * delays us (BUSY), it never changes what we copy. */
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (20 * 1000);
    }
  while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_READONLY)
        set_write_error (error, folder, rc, FALSE);
      else
        g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_SOURCE,
                     _("the clinic database could not be read for the backup: %s"),
                     sqlite3_errstr (rc));
      goto out;
    }

  /* One self-contained file: no -wal to lose when it is copied on. */
  {
    g_autofree char *mode = NULL;

    if (!query_text (dest, "PRAGMA journal_mode = DELETE", &mode) ||
        g_ascii_strcasecmp (mode, "delete") != 0)
      {
        set_write_error (error, folder, sqlite3_extended_errcode (dest), FALSE);
        goto out;
      }
  }
  if (!check_db (dest, base, NULL, error))
    goto out;
  sqlite3_close (dest);
  dest = NULL;

  if (!fsync_path (tmp, FALSE))
    {
      set_write_error (error, folder, errno, TRUE);
      goto out;
    }
  if (g_rename (tmp, out) != 0)
    {
      set_write_error (error, folder, errno, TRUE);
      goto out;
    }
  /* The rename itself must survive a power cut. */
  fsync_path (folder, TRUE);
  ok = TRUE;

out:
  if (dest != NULL)
    sqlite3_close (dest);
  if (!ok)
    g_unlink (tmp);
  return ok;
}

static char *
resolve_out (const char *out_path)
{
  if (g_file_test (out_path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *stamp = meso_backup_timestamp ("%Y-%m-%d-%H%M%S");
      g_autofree char *name = g_strdup_printf ("clinic-%s.db", stamp);

      return g_build_filename (out_path, name, NULL);
    }
  return g_strdup (out_path);
}

static gboolean
check_folder (const char  *out,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (out);
  GStatBuf st;

  /* The rename would replace a link, a pipe or even a device node with
   * the copy: only a regular file is replaced. */
  if (g_lstat (out, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE,
                   _("“%s” is not a regular file; give a new file name"), out);
      return FALSE;
    }
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE,
                   _("the backup could not be written to the folder “%s”: there is no such "
                     "folder"), folder);
      return FALSE;
    }
  return TRUE;
}

static sqlite3 *
open_source (const char  *db_path,
             GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_SOURCE,
                   _("there is no clinic database “%s” to back up"), db_path);
      return NULL;
    }
  /* Read-write so that a WAL database can be read even when no other
   * connection has its -shm set up; nothing is written. */
  rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_SOURCE,
                   _("the clinic database “%s” cannot be read: %s"), db_path,
                   sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, MESO_BACKUP_BUSY_TIMEOUT_MS);
  return db;
}

gboolean
meso_backup_file (const char  *db_path,
                  const char  *out_path,
                  char       **written,
                  GError     **error)
{
  g_autofree char *out = NULL;
  sqlite3 *src;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL && out_path != NULL, FALSE);

  out = resolve_out (out_path);
  if (!check_folder (out, error))
    return FALSE;
  if (meso_fs_same_file (db_path, out))
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE,
                   _("the backup cannot replace the clinic database itself (“%s”); "
                     "choose another file or folder"), out);
      return FALSE;
    }
  src = open_source (db_path, error);
  if (src == NULL)
    return FALSE;
  ok = meso_backup_copy_checked (src, out, error);
  sqlite3_close (src);
  if (ok && written != NULL)
    *written = g_steal_pointer (&out);
  return ok;
}

gboolean
meso_store_backup (MesoStore   *store,
                   const char  *out_path,
                   char       **written,
                   GError     **error)
{
  g_autofree char *out = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);
  g_return_val_if_fail (meso_store_get_transaction_depth (store) == 0, FALSE);

  out = resolve_out (out_path);
  if (!check_folder (out, error) ||
      !meso_backup_copy_checked (meso_store_get_db (store), out, error))
    return FALSE;

  /* Only the file's name: the folder may say whose machine it is. */
  base = g_path_get_basename (out);
  if (!meso_audit_log (store, "backup", "record", 0, 0, base, error))
    return FALSE;
  if (written != NULL)
    *written = g_steal_pointer (&out);
  return TRUE;
}

/* Daily backups and rotation */

static gboolean
is_daily_name (const char *name)
{
  GDate date;
  char day[11];

  if (strlen (name) != strlen ("clinic-YYYY-MM-DD.db") ||
      !g_str_has_prefix (name, "clinic-") || !g_str_has_suffix (name, ".db"))
    return FALSE;
  memcpy (day, name + strlen ("clinic-"), 10);
  day[10] = '\0';
  return meso_date_parse (day, &date);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
meso_backup_rotate (const char  *folder,
                    guint        keep,
                    GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  keep = MAX (keep, 1);
  dir = g_dir_open (folder, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_daily_name (name))
      g_ptr_array_add (names, g_strdup (name));
  /* The ISO date in the name sorts as text: oldest first. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);

      if (g_unlink (path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("the old backup “%s” could not be deleted: %s"),
                       path, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
meso_backup_daily_due (const char *folder)
{
  g_autofree char *day = meso_backup_timestamp ("%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("clinic-%s.db", day);
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

gboolean
meso_backup_daily (const char  *db_path,
                   const char  *folder,
                   guint        keep,
                   char       **written,
                   GError     **error)
{
  g_autofree char *day = meso_backup_timestamp ("%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("clinic-%s.db", day);
  g_autofree char *out = NULL;

  g_return_val_if_fail (db_path != NULL && folder != NULL, FALSE);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (folder, G_FILE_TEST_EXISTS))
        g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE,
                     _("“%s” is a file, not a folder; daily backups need a folder"), folder);
      else
        g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE,
                     _("the backup could not be written to the folder “%s”: there is no "
                       "such folder"), folder);
      return FALSE;
    }
  out = g_build_filename (folder, name, NULL);
  /* Rotation only after a good copy: a failing disk must not also eat
   * the backups that are still good. */
  if (!meso_backup_file (db_path, out, NULL, error) ||
      !meso_backup_rotate (folder, keep, error))
    return FALSE;
  if (written != NULL)
    *written = g_steal_pointer (&out);
  return TRUE;
}

/* Before a migration */

gboolean
meso_backup_before_migration (MesoStore  *store,
                              guint       from_version,
                              GError    **error)
{
  g_autofree char *stamp = meso_backup_timestamp ("%Y%m%d-%H%M%S");
  g_autofree char *out = g_strdup_printf ("%s.pre-migration-v%u-%s",
                                          meso_store_get_path (store), from_version, stamp);

  if (!meso_backup_copy_checked (meso_store_get_db (store), out, error))
    {
      g_prefix_error (error, _("the database was not updated to the new version, because "
                               "the safety copy made before updating failed: "));
      return FALSE;
    }
  return TRUE;
}
