/* meso-context.c: the core, as the widgets see it. */
#include "config.h"

#include "meso-context.h"

struct _MesoContext
{
  GObject       parent_instance;

  char         *db_path;
  MesoStore    *store;
  GSettings    *ui_settings;
  MesoSettings *settings;
};

G_DEFINE_FINAL_TYPE (MesoContext, meso_context, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char              *db_path;
  MesoContextWorker  worker;
  gpointer           data;
  GDestroyNotify     data_free;
  GDestroyNotify     result_free;
} RunData;

static void
run_data_free (RunData *run)
{
  g_free (run->db_path);
  if (run->data_free != NULL && run->data != NULL)
    run->data_free (run->data);
  g_free (run);
}

static void
meso_context_finalize (GObject *object)
{
  MesoContext *self = (MesoContext *)object;

  g_clear_pointer (&self->db_path, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->ui_settings);
  g_clear_pointer (&self->settings, meso_settings_free);

  G_OBJECT_CLASS (meso_context_parent_class)->finalize (object);
}

static void
meso_context_class_init (MesoContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = meso_context_finalize;

  /**
   * MesoContext::changed:
   * @what: the #MesoChange flags of what changed
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
meso_context_init (MesoContext *self)
{
}

MesoContext *
meso_context_new (const char  *db_path,
                  GError     **error)
{
  g_autoptr(MesoContext) self = g_object_new (MESO_TYPE_CONTEXT, NULL);
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  self->db_path = g_strdup (db_path);
  self->store = meso_store_open (db_path, error);
  if (self->store == NULL)
    return NULL;
  self->settings = meso_store_load_settings (self->store, error);
  if (self->settings == NULL)
    return NULL;

  /* Tests and uninstalled runs may lack the schema: UI state is optional. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->ui_settings = g_settings_new (APP_ID);

  return g_steal_pointer (&self);
}

const char *
meso_context_get_db_path (MesoContext *self)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (self), NULL);
  return self->db_path;
}

MesoStore *
meso_context_get_store (MesoContext *self)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (self), NULL);
  return self->store;
}

GSettings *
meso_context_get_ui_settings (MesoContext *self)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (self), NULL);
  return self->ui_settings;
}

const MesoSettings *
meso_context_get_settings (MesoContext *self)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (self), NULL);
  return self->settings;
}

gboolean
meso_context_save_settings (MesoContext         *self,
                            const MesoSettings  *settings,
                            GError             **error)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (self), FALSE);

  if (!meso_store_save_settings (self->store, settings, error))
    return FALSE;
  g_clear_pointer (&self->settings, meso_settings_free);
  self->settings = meso_settings_copy (settings);
  meso_context_notify_changed (self, MESO_CHANGE_SETTINGS);
  return TRUE;
}

void
meso_context_notify_changed (MesoContext *self,
                             MesoChange   what)
{
  g_return_if_fail (MESO_IS_CONTEXT (self));
  g_signal_emit (self, signals[CHANGED], 0, (guint) what);
}

static void
run_thread_cb (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RunData *run = task_data;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;

  /* SQLite connections must not be shared across threads. */
  store = meso_store_open (run->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = run->worker (store, run->data, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, run->result_free);
}

void
meso_context_run_async (MesoContext         *self,
                        MesoContextWorker    worker,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (MESO_IS_CONTEXT (self));
  g_return_if_fail (worker != NULL);

  run = g_new0 (RunData, 1);
  run->db_path = g_strdup (self->db_path);
  run->worker = worker;
  run->data = data;
  run->data_free = data_free;
  run->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, meso_context_run_async);
  g_task_set_task_data (task, run, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread_cb);
}

gpointer
meso_context_run_finish (MesoContext   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
