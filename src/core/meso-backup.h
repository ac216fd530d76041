/* meso-backup.h: verified backups and restores of the clinic database.
 *
 * A backup is an online copy (SQLite's backup API: one consistent
 * snapshot, while the app keeps working) written to a temporary file in
 * the destination folder, created 0600, then checked (PRAGMA
 * integrity_check and the audit chain), flushed to disk, and only then
 * renamed over the destination.  Any failure (full disk, unwritable
 * folder, a copy that does not check) removes the temporary file, leaves
 * every existing file in the folder as it was, and says which folder.
 * The copy is a single file in rollback-journal mode (no -wal to forget).
 */
#pragma once

#include "meso-store.h"

G_BEGIN_DECLS

#define MESO_BACKUP_ERROR (meso_backup_error_quark ())

typedef enum
{
  MESO_BACKUP_ERROR_WRITE,        /* the destination cannot be written (full, read-only) */
  MESO_BACKUP_ERROR_SOURCE,       /* the database to copy cannot be read */
  MESO_BACKUP_ERROR_DAMAGED,      /* integrity_check or the audit chain failed */
  MESO_BACKUP_ERROR_NOT_MESOCHART,
  MESO_BACKUP_ERROR_TOO_NEW,      /* from a newer Mesochart */
  MESO_BACKUP_ERROR_IN_USE,       /* restore: another program has the database open */
} MesoBackupError;

GQuark    meso_backup_error_quark      (void);

/* Copies the database at @db_path to @out_path (a file name, or an
 * existing folder: the copy is then named clinic-YYYY-MM-DD-HHMMSS.db in
 * it).  Works while the database is open elsewhere.  @written (optional)
 * gets the path written. */
gboolean  meso_backup_file             (const char  *db_path,
                                        const char  *out_path,
                                        char       **written,
                                        GError     **error);
/* The same from an open store's connection, and records a "backup" entry
 * in its audit trail (after the copy: the copy does not hold it). */
gboolean  meso_store_backup            (MesoStore   *store,
                                        const char  *out_path,
                                        char       **written,
                                        GError     **error);

/* Checks a backup file without modifying it: an SQLite file, a Mesochart
 * database, integrity_check ok, a schema this version knows, an intact
 * audit chain (a file from before the trail existed has none to check).
 * @schema_version (optional) gets its user_version. */
gboolean  meso_backup_check            (const char  *path,
                                        guint       *schema_version,
                                        GError     **error);

/* Daily backups in @folder: writes clinic-YYYY-MM-DD.db (today's is
 * replaced by a newer one), then keeps the @keep newest of those files
 * (at least 1) and deletes older ones.  Other files are never touched.
 * @written (optional) gets the new file's path. */
gboolean  meso_backup_daily            (const char  *db_path,
                                        const char  *folder,
                                        guint        keep,
                                        char       **written,
                                        GError     **error);
/* TRUE when @folder has no daily backup of today yet: the app calls this
 * at start and then every hour, and meso_backup_daily () when it says so. */
gboolean  meso_backup_daily_due        (const char  *folder);
/* Deletes all but the @keep newest clinic-YYYY-MM-DD.db files in @folder. */
gboolean  meso_backup_rotate           (const char  *folder,
                                        guint        keep,
                                        GError     **error);

/* Replaces the database at @db_path with the backup @backup_path after
 * checking it (meso_backup_check).  Refused while another program has
 * the database open.  The current database (checkpointed first, so its
 * -wal holds nothing) is renamed to DB.before-restore-YYYYMMDD-HHMMSS and
 * is put back if anything fails; on success it stays there, and
 * @aside_path (optional) gets its name (NULL when there was no database).
 * The restored database is opened (migrated when older) and records a
 * "restore" entry in its audit trail. */
gboolean  meso_backup_restore          (const char  *backup_path,
                                        const char  *db_path,
                                        char       **aside_path,
                                        GError     **error);

/* Called by the migrations before they change a database that already
 * holds data: copies it to DB.pre-migration-vN-YYYYMMDD-HHMMSS (0600). */
gboolean  meso_backup_before_migration (MesoStore   *store,
                                        guint        from_version,
                                        GError     **error);

G_END_DECLS
