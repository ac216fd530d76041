/* meso-backup-scheduler.h: daily backups of the clinic database.
 *
 * Not a widget: one scheduler per MesoContext (see _get_for_context()).
 * Once started it checks, shortly after the first frame and then every
 * hour, whether the chosen folder has today's backup (meso_backup_daily_due())
 * and writes one when it has not (meso_backup_daily()), both in a thread.
 * The folder, the number of backups to keep and whether backups are on are
 * UI settings of this machine (GSettings "backup-*"); the time and the
 * error of the last attempt are kept there too, for the preferences.  A
 * scheduled backup that fails is explained in a dialog.
 */
#pragma once

#include <gio/gio.h>

#include "meso-context.h"

G_BEGIN_DECLS

#define MESO_TYPE_BACKUP_SCHEDULER (meso_backup_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (MesoBackupScheduler, meso_backup_scheduler, MESO, BACKUP_SCHEDULER, GObject)

/* The scheduler of @context, created on first use and owned by it. */
MesoBackupScheduler *meso_backup_scheduler_get_for_context (MesoContext          *context);

/* Starts the checks (the first one when the main loop is idle, after the
 * first frame).  Does nothing when the GSettings schema is missing. */
void                 meso_backup_scheduler_start           (MesoBackupScheduler  *self);
/* TRUE while a backup is being written. */
gboolean             meso_backup_scheduler_get_busy        (MesoBackupScheduler  *self);

/* Writes today's backup to the chosen folder now, even when there is one
 * already, and rotates.  The result is the path written. */
void                 meso_backup_scheduler_back_up_now_async  (MesoBackupScheduler  *self,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
char                *meso_backup_scheduler_back_up_now_finish (MesoBackupScheduler  *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);

G_END_DECLS
