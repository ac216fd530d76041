/* meso-context.h: what every widget needs from the core, in one object.
 *
 * Passed to windows and pages as the "context" construct property; never a
 * global.  It owns the main-thread store, the clinic settings and the UI
 * GSettings, runs database work off the main thread, and tells widgets when
 * records change so they can refresh.
 */
#pragma once

#include <gio/gio.h>

#include "meso-settings.h"
#include "meso-store.h"

G_BEGIN_DECLS

typedef enum
{
  MESO_CHANGE_PATIENTS  = 1 << 0,
  MESO_CHANGE_SESSIONS  = 1 << 1,
  MESO_CHANGE_FOLLOWUPS = 1 << 2,
  MESO_CHANGE_SETTINGS  = 1 << 3,
} MesoChange;

#define MESO_TYPE_CONTEXT (meso_context_get_type ())
G_DECLARE_FINAL_TYPE (MesoContext, meso_context, MESO, CONTEXT, GObject)

/* Opens (creating and migrating if needed) the database at @db_path. */
MesoContext  *meso_context_new             (const char    *db_path,
                                            GError       **error);
const char   *meso_context_get_db_path     (MesoContext   *self);
/* The main thread's connection: for quick reads and single writes. */
MesoStore    *meso_context_get_store       (MesoContext   *self);
/* UI state (window size, last place); NULL when the schema is not
 * installed, as in some test environments. */
GSettings    *meso_context_get_ui_settings (MesoContext   *self);

/* The clinic settings as last loaded or saved (never NULL). */
const MesoSettings *meso_context_get_settings  (MesoContext        *self);
gboolean            meso_context_save_settings (MesoContext        *self,
                                                const MesoSettings *settings,
                                                GError            **error);

/* Emits ::changed so that pages reload what they show. */
void          meso_context_notify_changed  (MesoContext   *self,
                                            MesoChange     what);

/* Work that may take noticeable time runs in a GTask thread on a
 * connection of its own (SQLite connections are per thread).  The worker
 * returns a new value (freed with @result_free if not claimed) or NULL with
 * @error set; the result is claimed with meso_context_run_finish(). */
typedef gpointer (*MesoContextWorker) (MesoStore     *store,
                                       gpointer       data,
                                       GCancellable  *cancellable,
                                       GError       **error);

void          meso_context_run_async       (MesoContext         *self,
                                            MesoContextWorker    worker,
                                            gpointer             data,
                                            GDestroyNotify       data_free,
                                            GDestroyNotify       result_free,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gpointer      meso_context_run_finish      (MesoContext         *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
