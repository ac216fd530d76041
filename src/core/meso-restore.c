/* meso-restore.c: restoring the clinic database from a backup (set the
 * current one aside, copy the backup in, put the old one back on failure).
 * See meso-backup.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "meso-audit.h"
#include "meso-backup.h"
#include "meso-backup-private.h"
#include "meso-fs.h"
#include "meso-store-private.h"

/* SQLite's unix VFS: every connection to a WAL database holds a read lock
 * on this byte of DB-shm while it is open (the "dead man switch"). */
#define SHM_DMS_OFFSET 128

/* TRUE when another process has @db_path open (SQLite holds a read lock
 * on a byte of DB-shm for as long as a WAL connection is open). */
static gboolean
database_in_use (const char *db_path)
{
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
  struct flock lock = { 0 };
  int fd;
  gboolean in_use = FALSE;

  fd = open (shm, O_RDWR | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = SHM_DMS_OFFSET;
  lock.l_len = 1;
  if (fcntl (fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK)
    in_use = TRUE;
  close (fd);
  return in_use;
}

static gboolean
move_aside (const char  *db_path,
            const char  *aside,
            GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_WRITE,
                       _("the current database “%s” could not be set aside: %s; nothing "
                         "was changed"), from, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}

static void
move_back (const char *aside,
           const char *db_path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (aside, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (db_path, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
      else
        g_unlink (to);   /* a stale -wal or -shm must not meet the old file */
    }
}

/* Merges the WAL into the database file so that the file alone is the
 * whole record (and the -wal that stays beside the aside copy is empty). */
static gboolean
checkpoint (const char  *db_path,
            GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (g_file_test (db_path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_SOURCE,
                   _("the clinic database “%s” is a folder, not a database file; nothing "
                     "was changed"), db_path);
      return FALSE;
    }
  rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, MESO_BACKUP_BUSY_TIMEOUT_MS);
      rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_autoptr(GError) why = NULL;

      /* In the store's words ("cannot be opened: check that…"), not
       * SQLite's. */
      meso_store_set_error_for_path (&why, db_path, rc, NULL, MESO_STORE_DOING_NOTHING);
      g_set_error (error, MESO_BACKUP_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? MESO_BACKUP_ERROR_IN_USE : MESO_BACKUP_ERROR_SOURCE,
                   _("the restore could not start: %s; nothing was changed"), why->message);
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_close (db);
  return TRUE;
}

gboolean
meso_backup_restore (const char  *backup_path,
                     const char  *db_path,
                     char       **aside_path,
                     GError     **error)
{
  g_autofree char *aside = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autofree char *base = NULL;
  gboolean had_db;
  sqlite3 *src = NULL;
  char *scratch = NULL;

  g_return_val_if_fail (backup_path != NULL && db_path != NULL, FALSE);

  /* Set aside first, the file would be gone by the time it is copied. */
  if (meso_fs_same_file (backup_path, db_path))
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_SOURCE,
                   _("“%s” is the clinic database itself, not a backup of it; nothing was "
                     "changed"), backup_path);
      return FALSE;
    }
  if (!meso_backup_check (backup_path, NULL, error))
    {
      g_prefix_error (error, _("the backup was refused, nothing was changed: "));
      return FALSE;
    }
  if (database_in_use (db_path))
    {
      g_set_error (error, MESO_BACKUP_ERROR, MESO_BACKUP_ERROR_IN_USE,
                   _("the clinic database “%s” is open in Mesochart or another program; "
                     "close it, then restore; nothing was changed"), db_path);
      return FALSE;
    }

  had_db = g_file_test (db_path, G_FILE_TEST_EXISTS);
  if (had_db)
    {
      g_autofree char *stamp = meso_backup_timestamp ("%Y%m%d-%H%M%S");

      if (!checkpoint (db_path, error))
        return FALSE;
      aside = g_strdup_printf ("%s.before-restore-%s", db_path, stamp);
      if (!move_aside (db_path, aside, error))
        {
          move_back (aside, db_path);
          return FALSE;
        }
    }

  src = meso_backup_open_backup (backup_path, &scratch, error);
  if (src == NULL || !meso_backup_copy_checked (src, db_path, error))
    goto fail;
  sqlite3_close (src);
  src = NULL;
  g_clear_pointer (&scratch, meso_backup_remove_scratch);

  /* Opening sets WAL mode back, migrates an older backup, and proves the
   * restored file is usable before the old one is given up. */
  store = meso_store_open (db_path, error);
  if (store == NULL)
    goto fail;
  base = g_path_get_basename (backup_path);
  if (!meso_audit_log (store, "restore", "record", 0, 0, base, error))
    goto fail;
  g_clear_object (&store);

  if (aside_path != NULL)
    *aside_path = g_steal_pointer (&aside);
  return TRUE;

fail:
  g_clear_object (&store);
  if (src != NULL)
    sqlite3_close (src);
  meso_backup_remove_scratch (scratch);
  if (had_db)
    {
      g_unlink (db_path);
      move_back (aside, db_path);
    }
  else
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

      g_unlink (db_path);
      g_unlink (wal);
      g_unlink (shm);
    }
  return FALSE;
}
