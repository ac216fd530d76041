/* meso-backup-scheduler.c: daily backups, off the main thread.
 *
 * Every backup, scheduled or asked for, is one GTask whose work runs
 * through meso_context_run_async(): the due check and the copy both touch
 * the disk, which may be slow or a sleeping USB drive.  The core writes a
 * new file and only then rotates, so a failure never costs an earlier
 * backup.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "meso-audit.h"
#include "meso-backup.h"
#include "meso-backup-scheduler.h"
#include "meso-preferences-window.h"

#define SCHEDULER_KEY "meso-backup-scheduler"
#define CHECK_INTERVAL_SECONDS (60 * 60)

struct _MesoBackupScheduler
{
  GObject       parent_instance;

  MesoContext  *context;        /* not owned: the context owns us */
  GSettings    *settings;
  guint         check_id;
  guint         hourly_id;
  char         *shown_error;    /* the last failure explained in a dialog */
  guint         started : 1;
  guint         busy : 1;
};

G_DEFINE_FINAL_TYPE (MesoBackupScheduler, meso_backup_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char     *db_path;
  char     *folder;
  guint     keep;
  gboolean  force;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->db_path);
  g_free (job->folder);
  g_free (job);
}

static void
set_busy (MesoBackupScheduler *self,
          gboolean             busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* In a thread, with a connection of its own. */
static gpointer
backup_worker (MesoStore     *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  BackupJob *job = data;
  g_autofree char *written = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!job->force && !meso_backup_daily_due (job->folder))
    return NULL;
  if (!meso_backup_daily (job->db_path, job->folder, job->keep, &written, error))
    return NULL;

  /* The copy is good whatever happens here: say so, and keep it. */
  base = g_path_get_basename (written);
  if (!meso_audit_log (store, "backup", "record", 0, 0, base, &local_error))
    g_warning ("Backup written but not recorded in the audit trail: %s", local_error->message);

  return g_steal_pointer (&written);
}

static void
backup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MesoBackupScheduler *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  written = meso_context_run_finish (MESO_CONTEXT (object), result, &error);
  set_busy (self, FALSE);

  /* Nothing was due: nothing to report. */
  if (written == NULL && error == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_settings_set_int64 (self->settings, "backup-last-time", g_get_real_time () / G_USEC_PER_SEC);
  g_settings_set_string (self->settings, "backup-last-error", error != NULL ? error->message : "");

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&written), g_free);
}

/* Takes @task. */
static void
run_backup (MesoBackupScheduler *self,
            gboolean             force,
            GTask               *task)
{
  g_autofree char *folder = NULL;
  BackupJob *job;

  if (self->settings == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Backups need the application’s settings, which are not installed"));
      g_object_unref (task);
      return;
    }
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("A backup is already being written"));
      g_object_unref (task);
      return;
    }
  folder = g_settings_get_string (self->settings, "backup-folder");
  if (*folder == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Choose a folder for the backups first"));
      g_object_unref (task);
      return;
    }

  job = g_new0 (BackupJob, 1);
  job->db_path = g_strdup (meso_context_get_db_path (self->context));
  job->folder = g_steal_pointer (&folder);
  job->keep = g_settings_get_uint (self->settings, "backup-keep");
  job->force = force;

  /* A started copy is finished and recorded even if the caller goes away:
   * @task alone reports the cancellation. */
  set_busy (self, TRUE);
  meso_context_run_async (self->context, backup_worker,
                          job, (GDestroyNotify) backup_job_free, g_free,
                          NULL, backup_done_cb, task);
}

static void
failure_response_cb (MesoBackupScheduler *self,
                     const char          *response,
                     AdwMessageDialog    *dialog)
{
  GtkWindow *preferences;

  if (g_strcmp0 (response, "preferences") != 0 || self->context == NULL)
    return;

  /* Straight to the folder to fix. */
  preferences = meso_preferences_window_new (self->context);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "backups");
  gtk_window_set_transient_for (preferences, gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  gtk_window_present (preferences);
}

static void
show_failure (MesoBackupScheduler *self,
              const GError        *error)
{
  GApplication *app = g_application_get_default ();
  g_autofree char *reason = NULL;
  GtkWindow *parent = NULL;
  GtkWidget *dialog;

  /* Once per problem: the hourly retry must not nag with the same news. */
  if (g_strcmp0 (self->shown_error, error->message) == 0)
    return;
  g_free (self->shown_error);
  self->shown_error = g_strdup (error->message);

  if (GTK_IS_APPLICATION (app))
    parent = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* The core's messages are clauses: "the backup could not be written …" */
  reason = g_strdup (error->message);
  if (g_ascii_islower (reason[0]))
    reason[0] = g_ascii_toupper (reason[0]);

  dialog = adw_message_dialog_new (parent, _("Daily Backup Failed"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s says why, and names the folder */
                                  _("%s.\n\nEarlier backups in the folder were left as they "
                                    "were. Mesochart tries again every hour."),
                                  reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "preferences", _("_Backup Settings"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (failure_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
scheduled_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MesoBackupScheduler *self = MESO_BACKUP_SCHEDULER (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  written = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      /* Ids and paths only: no patient data in the journal. */
      g_message ("Daily backup failed: %s", error->message);
      show_failure (self, error);
    }
  else if (written != NULL)
    {
      g_clear_pointer (&self->shown_error, g_free);
      g_debug ("Daily backup written to %s", written);
    }
}

static void
check (MesoBackupScheduler *self)
{
  g_autofree char *folder = NULL;

  if (self->busy || !g_settings_get_boolean (self->settings, "backup-enabled"))
    return;
  folder = g_settings_get_string (self->settings, "backup-folder");
  if (*folder == '\0')
    return;

  run_backup (self, FALSE, g_task_new (self, NULL, scheduled_done_cb, NULL));
}

static gboolean
first_check_cb (gpointer user_data)
{
  MesoBackupScheduler *self = user_data;

  self->check_id = 0;
  check (self);
  return G_SOURCE_REMOVE;
}

static gboolean
hourly_check_cb (gpointer user_data)
{
  check (MESO_BACKUP_SCHEDULER (user_data));
  return G_SOURCE_CONTINUE;
}

static void
queue_check (MesoBackupScheduler *self)
{
  /* A low-priority idle runs after GTK has drawn the pending frame. */
  if (self->check_id == 0)
    self->check_id = g_idle_add_full (G_PRIORITY_LOW, first_check_cb, self, NULL);
}

static void
settings_changed_cb (MesoBackupScheduler *self,
                     const char          *key)
{
  /* Turning backups on, or a new folder, should not wait an hour. */
  if (g_strcmp0 (key, "backup-enabled") == 0 || g_strcmp0 (key, "backup-folder") == 0)
    {
      g_clear_pointer (&self->shown_error, g_free);
      queue_check (self);
    }
}

static void
meso_backup_scheduler_dispose (GObject *object)
{
  MesoBackupScheduler *self = (MesoBackupScheduler *)object;

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_handle_id (&self->hourly_id, g_source_remove);
  if (self->context != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->context), (gpointer *) &self->context);
  self->context = NULL;
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (meso_backup_scheduler_parent_class)->dispose (object);
}

static void
meso_backup_scheduler_finalize (GObject *object)
{
  MesoBackupScheduler *self = (MesoBackupScheduler *)object;

  g_clear_pointer (&self->shown_error, g_free);

  G_OBJECT_CLASS (meso_backup_scheduler_parent_class)->finalize (object);
}

static void
meso_backup_scheduler_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MesoBackupScheduler *self = MESO_BACKUP_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_backup_scheduler_class_init (MesoBackupSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = meso_backup_scheduler_dispose;
  object_class->finalize = meso_backup_scheduler_finalize;
  object_class->get_property = meso_backup_scheduler_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
meso_backup_scheduler_init (MesoBackupScheduler *self)
{
}

MesoBackupScheduler *
meso_backup_scheduler_get_for_context (MesoContext *context)
{
  MesoBackupScheduler *self;
  GSettings *settings;

  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  self = g_object_get_data (G_OBJECT (context), SCHEDULER_KEY);
  if (self != NULL)
    return self;

  self = g_object_new (MESO_TYPE_BACKUP_SCHEDULER, NULL);
  self->context = context;
  g_object_add_weak_pointer (G_OBJECT (context), (gpointer *) &self->context);
  settings = meso_context_get_ui_settings (context);
  if (settings != NULL)
    self->settings = g_object_ref (settings);
  g_object_set_data_full (G_OBJECT (context), SCHEDULER_KEY, self, g_object_unref);

  return self;
}

void
meso_backup_scheduler_start (MesoBackupScheduler *self)
{
  g_return_if_fail (MESO_IS_BACKUP_SCHEDULER (self));

  if (self->started || self->settings == NULL)
    return;
  self->started = TRUE;

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  queue_check (self);
  self->hourly_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, hourly_check_cb, self);
}

gboolean
meso_backup_scheduler_get_busy (MesoBackupScheduler *self)
{
  g_return_val_if_fail (MESO_IS_BACKUP_SCHEDULER (self), FALSE);

  return self->busy;
}

void
meso_backup_scheduler_back_up_now_async (MesoBackupScheduler *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MESO_IS_BACKUP_SCHEDULER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, meso_backup_scheduler_back_up_now_async);
  run_backup (self, TRUE, task);
}

char *
meso_backup_scheduler_back_up_now_finish (MesoBackupScheduler  *self,
                                          GAsyncResult         *result,
                                          GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
