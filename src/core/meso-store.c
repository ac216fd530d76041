/* meso-store.c: the connection: opening, pragmas, statement cache, errors,
 * transactions and the clinic settings row.  Patients and sessions live in
 * meso-store-patients.c and meso-store-sessions.c, the schema in
 * meso-migrations.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "meso-audit.h"
#include "meso-fs.h"
#include "meso-store-private.h"

/* "Meso" in ASCII: marks the file as ours in the SQLite header, so that
 * another program's database is not mistaken for an empty clinic. */
#define MESO_APPLICATION_ID 0x4d65736f
#define BUSY_TIMEOUT_MS     5000

struct _MesoStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* const char *sql -> sqlite3_stmt* */
  guint       depth;        /* meso_store_begin() nesting */
  GHashTable *search_pending;   /* gint64 patient ids, see meso_store_queue_search_update() */
  gpointer       search_cache;
  GDestroyNotify search_cache_destroy;
};

G_DEFINE_TYPE (MesoStore, meso_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (meso-store-error-quark, meso_store_error)

static void
meso_store_finalize (GObject *object)
{
  MesoStore *self = (MesoStore *)object;

  /* Statements must go before the connection; closing rolls back any
   * transaction a caller forgot, which is what we want. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->search_pending, g_hash_table_unref);
  meso_store_set_search_cache (self, NULL, NULL);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (meso_store_parent_class)->finalize (object);
}

static void
meso_store_class_init (MesoStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = meso_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
meso_store_init (MesoStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            finalize_statement);
  self->search_pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

void
meso_store_queue_search_update (MesoStore *self,
                                gint64     id)
{
  g_return_if_fail (MESO_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  g_hash_table_add (self->search_pending, g_memdup2 (&id, sizeof id));
}

char *
meso_store_default_path (void)
{
  const char *env = g_getenv ("MESOCHART_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "mesochart", "clinic.db", NULL);
}

guint
meso_store_schema_version (void)
{
  guint n_steps;
  const MesoMigration *steps = meso_migrations_get (&n_steps);

  return n_steps > 0 ? steps[n_steps - 1].version : 0;
}

const char *
meso_store_get_path (MesoStore *self)
{
  g_return_val_if_fail (MESO_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
meso_store_get_db (MesoStore *self)
{
  g_return_val_if_fail (MESO_IS_STORE (self), NULL);
  return self->db;
}

gpointer
meso_store_get_search_cache (MesoStore *self)
{
  g_return_val_if_fail (MESO_IS_STORE (self), NULL);
  return self->search_cache;
}

void
meso_store_set_search_cache (MesoStore      *self,
                             gpointer        cache,
                             GDestroyNotify  destroy)
{
  g_return_if_fail (MESO_IS_STORE (self));

  if (self->search_cache != NULL && self->search_cache_destroy != NULL)
    self->search_cache_destroy (self->search_cache);
  self->search_cache = cache;
  self->search_cache_destroy = destroy;
}

guint
meso_store_get_transaction_depth (MesoStore *self)
{
  g_return_val_if_fail (MESO_IS_STORE (self), 0);
  return self->depth;
}

/* Statements */

void
meso_statement_release (MesoStatement *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

MesoStatement *
meso_store_prepare (MesoStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      /* Re-entrant use would silently restart the outer loop. */
      if (sqlite3_stmt_busy (stmt))
        {
          g_critical ("Statement already in use: %s", sql);
          g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_FAILED,
                       "internal error: statement already in use");
          return NULL;
        }
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      meso_store_set_error_from_sqlite (self, error, rc, MESO_STORE_DOING_READ);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
meso_store_step_done (MesoStore      *self,
                      MesoStatement  *stmt,
                      GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  rc = sqlite3_extended_errcode (self->db);
  meso_store_set_error_from_sqlite (self, error, rc, MESO_STORE_DOING_SAVE);
  return FALSE;
}

gboolean
meso_store_step_row (MesoStore      *self,
                     MesoStatement  *stmt,
                     gboolean       *has_row,
                     GError        **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = (rc == SQLITE_ROW);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  rc = sqlite3_extended_errcode (self->db);
  meso_store_set_error_from_sqlite (self, error, rc, MESO_STORE_DOING_READ);
  return FALSE;
}

gboolean
meso_store_exec (MesoStore   *self,
                 const char  *sql,
                 GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;
  meso_store_set_error_from_sqlite (self, error, sqlite3_extended_errcode (self->db),
                                    MESO_STORE_DOING_MIGRATE);
  return FALSE;
}

static gboolean
run_cached (MesoStore   *self,
            const char  *sql,
            GError     **error)
{
  g_autoptr(MesoStatement) stmt = meso_store_prepare (self, sql, error);

  return stmt != NULL && meso_store_step_done (self, stmt, error);
}

/* Binding */

void
meso_bind_text (MesoStatement *stmt,
                int            idx,
                const char    *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

void
meso_bind_date (MesoStatement *stmt,
                int            idx,
                const GDate   *date)
{
  char buf[16];

  if (date == NULL || !g_date_valid (date))
    {
      sqlite3_bind_null (stmt, idx);
      return;
    }
  g_snprintf (buf, sizeof buf, "%04u-%02u-%02u",
              g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
  sqlite3_bind_text (stmt, idx, buf, -1, SQLITE_TRANSIENT);
}

char *
meso_column_dup_text (MesoStatement *stmt,
                      int            idx)
{
  if (sqlite3_column_type (stmt, idx) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, idx));
}

void
meso_column_date (MesoStatement *stmt,
                  int            idx,
                  GDate         *out)
{
  if (sqlite3_column_type (stmt, idx) == SQLITE_NULL)
    g_date_clear (out, 1);
  else
    meso_date_parse ((const char *) sqlite3_column_text (stmt, idx), out);
}

/* Transactions */

gboolean
meso_store_begin (MesoStore  *self,
                  GError    **error)
{
  g_return_val_if_fail (MESO_IS_STORE (self), FALSE);

  /* IMMEDIATE takes the write lock now: a deferred transaction that later
   * upgrades fails at once with SQLITE_BUSY in WAL mode instead of waiting
   * for the busy timeout.  Nested levels are savepoints of one name:
   * RELEASE and ROLLBACK TO act on the innermost. */
  if (!run_cached (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT meso", error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
meso_store_commit (MesoStore  *self,
                   GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MESO_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  /* After some errors (disk full, I/O) SQLite rolls the whole transaction
   * back by itself: do not pretend the outer levels can still commit. */
  if (sqlite3_get_autocommit (self->db))
    {
      self->depth--;
      if (self->depth == 0)
        g_hash_table_remove_all (self->search_pending);
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_FAILED,
                   _("the changes were not saved: an earlier error cancelled them"));
      return FALSE;
    }

  if (self->depth > 1)
    {
      gboolean ok = run_cached (self, "RELEASE meso", error);

      /* A failed commit closes its level either way (see the header). */
      if (!ok && run_cached (self, "ROLLBACK TO meso", NULL))
        run_cached (self, "RELEASE meso", NULL);
      self->depth--;
      return ok;
    }

  if (g_hash_table_size (self->search_pending) > 0 &&
      !meso_store_flush_search (self, self->search_pending, &local_error))
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_hash_table_remove_all (self->search_pending);
      self->depth = 0;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_hash_table_remove_all (self->search_pending);

  /* The audit entries of the transaction go in with it (meso-audit.c). */
  if (!meso_audit_flush (self, &local_error))
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->depth = 0;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!run_cached (self, "COMMIT", &local_error))
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->depth = 0;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->depth = 0;
  return TRUE;
}

void
meso_store_rollback (MesoStore *self)
{
  g_return_if_fail (MESO_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  /* Queued ids of an inner level that rolled back are harmless: the flush
   * reads the patients table as it is at commit. */
  if (self->depth == 1)
    g_hash_table_remove_all (self->search_pending);

  if (!sqlite3_get_autocommit (self->db))
    {
      if (self->depth == 1)
        run_cached (self, "ROLLBACK", NULL);
      else if (run_cached (self, "ROLLBACK TO meso", NULL))
        run_cached (self, "RELEASE meso", NULL);
    }
  self->depth--;
}

/* Opening */

static gboolean
ensure_file (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *default_dir = g_build_filename (g_get_user_data_dir (), "mesochart", NULL);
  g_autofree char *canonical_dir = g_canonicalize_filename (dir, NULL);
  g_autofree char *canonical_default = g_canonicalize_filename (default_dir, NULL);
  int fd;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_OPEN,
                   _("“%s” is a folder, not a clinic database file"), path);
      return FALSE;
    }
  /* Only the default location is created: a path given by hand whose
   * folder is missing is most likely a typo, which would otherwise open a
   * new, empty clinic. */
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR) && !g_str_equal (canonical_dir, canonical_default))
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_OPEN,
                   g_file_test (dir, G_FILE_TEST_EXISTS)
                   ? _("cannot open the clinic database “%s”: “%s” is a file, not a folder")
                   : _("cannot open the clinic database “%s”: there is no folder “%s”"),
                   path, dir);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_OPEN,
                       _("cannot create the folder “%s” for the clinic database: %s"),
                       dir, g_strerror (saved_errno));
          return FALSE;
        }
      /* mkdir's mode is filtered by the umask; patient data wants exactly
       * owner-only, whatever the umask was. */
      g_chmod (dir, 0700);
    }

  /* Create the file ourselves so it is 0600 before SQLite writes a byte;
   * SQLite then gives -wal and -shm the same mode as the database. */
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      if (fchmod (fd, 0600) != 0)
        g_warning ("Could not restrict the permissions of the new database: %s",
                   g_strerror (errno));
      close (fd);
    }
  else if (errno != EEXIST)
    {
      int saved_errno = errno;

      g_set_error (error, MESO_STORE_ERROR,
                   (saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM)
                   ? MESO_STORE_ERROR_READ_ONLY : MESO_STORE_ERROR_OPEN,
                   _("cannot create the clinic database “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (MesoStore   *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  g_autoptr(MesoStatement) stmt = meso_store_prepare (self, sql, error);
  gboolean has_row;

  if (stmt == NULL || !meso_store_step_row (self, stmt, &has_row, error))
    return FALSE;
  *out = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Reads the header without writing anything: a file we must refuse (newer,
 * or someone else's) stays byte for byte as it was. */
static gboolean
check_header (MesoStore  *self,
              guint       target,
              GError    **error)
{
  gint64 version, app_id, n_objects;

  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return FALSE;

  if ((app_id != 0 && app_id != MESO_APPLICATION_ID) ||
      (app_id == 0 && version == 0 && n_objects > 0))
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Mesochart database (it is another program’s SQLite "
                     "database); it was left untouched"), self->path);
      return FALSE;
    }

  if (version > (gint64) target)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Mesochart (schema %lld, "
                     "this version knows up to %u); update Mesochart to open it. The "
                     "file was not modified."),
                   self->path, (long long) version, target);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_pragmas (MesoStore  *self,
             GError    **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row;

  stmt = meso_store_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL || !meso_store_step_row (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row || g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_OPEN,
                   _("the clinic database “%s” cannot use write-ahead logging; "
                     "put it on a local disk"), self->path);
      return FALSE;
    }

  return meso_store_exec (self,
                          "PRAGMA synchronous = FULL;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA secure_delete = ON;"
                          /* Reads through a memory map: listings over a large
                           * clinic spend most of their time in read() otherwise.
                           * Writes still go through the journal. */
                          "PRAGMA mmap_size = 268435456;"
                          /* Sorts and temporary indexes hold patient data:
                           * keep them out of /var/tmp. */
                          "PRAGMA temp_store = MEMORY;",
                          error);
}

static gboolean
check_fts5 (MesoStore  *self,
            GError    **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row = FALSE;

  /* Ask the module list rather than create a probe table: even a temp
   * table gives every later transaction a temp database to open. */
  stmt = meso_store_prepare (self, "SELECT 1 FROM pragma_module_list WHERE name = 'fts5'", NULL);
  if (stmt == NULL || !meso_store_step_row (self, stmt, &has_row, NULL) || !has_row)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_FAILED,
                   _("this SQLite library has no full-text search (FTS5), which "
                     "Mesochart needs to search patients; install a standard SQLite 3 build"));
      return FALSE;
    }
  return TRUE;
}

static MesoStore *
open_internal (const char  *path,
               guint        target,
               GError     **error)
{
  g_autoptr(MesoStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* SQLite's locks are unreliable on NFS and SMB (meso-fs.h). */
  if (!meso_fs_check_local (path, error))
    return NULL;
  if (!ensure_file (path, error))
    return NULL;

  self = g_object_new (MESO_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      meso_store_set_error_from_sqlite (self, error, rc, MESO_STORE_DOING_NOTHING);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* The audit triggers call meso_actor (): before any write. */
  meso_audit_attach (self);

  /* SQLite opens a write-protected file read-only without saying so. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      meso_store_set_error_for_path (error, path, SQLITE_READONLY, NULL, MESO_STORE_DOING_NOTHING);
      return NULL;
    }

  /* Before any pragma that writes: switching to WAL rewrites the header.
   * Until the header is accepted, closing must not checkpoint a WAL left
   * by someone else into the file we are about to refuse. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  if (!check_header (self, target, error))
    return NULL;
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  if (!set_pragmas (self, error) ||
      !check_fts5 (self, error) ||
      !meso_migrations_run (self, target, error))
    return NULL;

  return g_steal_pointer (&self);
}

MesoStore *
meso_store_open (const char  *path,
                 GError     **error)
{
  return open_internal (path, meso_store_schema_version (), error);
}

MesoStore *
meso_store_open_at_version (const char  *path,
                            guint        version,
                            GError     **error)
{
  return open_internal (path, version, error);
}

/* Settings */

static const char * const paper_codes[] = { "a4", "letter" };

MesoSettings *
meso_store_load_settings (MesoStore  *self,
                          GError    **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  g_autoptr(MesoSettings) settings = meso_settings_new ();
  gboolean has_row;
  MesoMassage massage;

  g_return_val_if_fail (MESO_IS_STORE (self), NULL);

  stmt = meso_store_prepare (self,
                             "SELECT clinic_name, clinic_address, clinic_phone, legal_age,"
                             " default_massage, next_session_days, paper_size"
                             " FROM settings WHERE id = 1", error);
  if (stmt == NULL || !meso_store_step_row (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    return g_steal_pointer (&settings);   /* never saved: the defaults */

  g_free (settings->clinic_name);
  g_free (settings->clinic_address);
  g_free (settings->clinic_phone);
  settings->clinic_name = meso_column_dup_text (stmt, 0);
  settings->clinic_address = meso_column_dup_text (stmt, 1);
  settings->clinic_phone = meso_column_dup_text (stmt, 2);
  settings->legal_age = sqlite3_column_int (stmt, 3);
  if (meso_massage_from_code ((const char *) sqlite3_column_text (stmt, 4), &massage))
    settings->default_massage = massage;
  settings->next_session_days = sqlite3_column_int (stmt, 5);
  settings->paper_size = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6), "letter") == 0
                         ? MESO_PAPER_LETTER : MESO_PAPER_A4;
  return g_steal_pointer (&settings);
}

gboolean
meso_store_save_settings (MesoStore           *self,
                          const MesoSettings  *settings,
                          GError             **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (MESO_IS_STORE (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!meso_settings_validate (settings, &local_error))
    {
      meso_store_propagate_invalid (error, local_error);
      return FALSE;
    }

  stmt = meso_store_prepare (self,
                             "INSERT INTO settings (id, clinic_name, clinic_address, clinic_phone,"
                             " legal_age, default_massage, next_session_days, paper_size)"
                             " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                             " ON CONFLICT (id) DO UPDATE SET"
                             " clinic_name = excluded.clinic_name,"
                             " clinic_address = excluded.clinic_address,"
                             " clinic_phone = excluded.clinic_phone,"
                             " legal_age = excluded.legal_age,"
                             " default_massage = excluded.default_massage,"
                             " next_session_days = excluded.next_session_days,"
                             " paper_size = excluded.paper_size", error);
  if (stmt == NULL)
    return FALSE;
  meso_bind_text (stmt, 1, settings->clinic_name ? settings->clinic_name : "");
  meso_bind_text (stmt, 2, settings->clinic_address ? settings->clinic_address : "");
  meso_bind_text (stmt, 3, settings->clinic_phone ? settings->clinic_phone : "");
  sqlite3_bind_int (stmt, 4, settings->legal_age);
  meso_bind_text (stmt, 5, meso_massage_to_code (settings->default_massage));
  sqlite3_bind_int (stmt, 6, settings->next_session_days);
  meso_bind_text (stmt, 7, paper_codes[settings->paper_size]);
  return meso_store_step_done (self, stmt, error);
}
