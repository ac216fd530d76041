/* meso-backup-private.h: what meso-backup.c shares with meso-restore.c. */
#pragma once

#include <sqlite3.h>

#include "meso-backup.h"

G_BEGIN_DECLS

#define MESO_BACKUP_BUSY_TIMEOUT_MS 5000

/* The local time now, formatted with g_date_time_format (). */
char     *meso_backup_timestamp      (const char  *format);

/* Copies @src into a new file next to @out and renames it there once it
 * checks. */
gboolean  meso_backup_copy_checked   (sqlite3     *src,
                                      const char  *out,
                                      GError     **error);

/* Opens a backup to read it without changing it; a backup with a -wal is
 * read from a copy in a private folder, returned in @scratch (NULL when
 * none) for meso_backup_remove_scratch () once the connection is closed. */
sqlite3  *meso_backup_open_backup    (const char  *path,
                                      char       **scratch,
                                      GError     **error);
/* Deletes @scratch (NULL is fine) with what is in it, and frees it. */
void      meso_backup_remove_scratch (char        *scratch);

G_END_DECLS
