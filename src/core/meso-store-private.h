/* meso-store-private.h: what the store's own files (patients, sessions,
 * follow-ups, migrations, and later the audit trail) share.
 *
 * Every write to an entity goes through one function per entity
 * (meso-store-patients.c, meso-store-sessions.c, ...), inside a
 * meso_store_begin()/commit() pair, so that an audit hook can be added in
 * one place.  SQL is always a constant string prepared once per connection
 * and cached; values are bound, never formatted into SQL.
 */
#pragma once

#include <sqlite3.h>

#include "meso-store.h"

G_BEGIN_DECLS

/* A cached prepared statement.  g_autoptr(MesoStatement) resets it (and
 * clears its bindings) when it goes out of scope, so that no statement
 * keeps a read snapshot open: an un-reset SELECT would hide other
 * connections' commits and block WAL checkpoints. */
typedef sqlite3_stmt MesoStatement;

void           meso_statement_release        (MesoStatement *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoStatement, meso_statement_release)

sqlite3       *meso_store_get_db             (MesoStore     *self);

/* Returns the cached statement for @sql (a string constant), ready to bind.
 * A statement is not re-entrant: do not prepare the same SQL while a
 * previous use of it is still stepping. */
MesoStatement *meso_store_prepare            (MesoStore     *self,
                                              const char    *sql,
                                              GError       **error);
/* Steps a statement that returns no rows (INSERT/UPDATE/DELETE). */
gboolean       meso_store_step_done          (MesoStore     *self,
                                              MesoStatement *stmt,
                                              GError       **error);
/* Steps a SELECT: TRUE with *has_row set, or FALSE with @error. */
gboolean       meso_store_step_row           (MesoStore     *self,
                                              MesoStatement *stmt,
                                              gboolean      *has_row,
                                              GError       **error);
/* Runs constant SQL (several statements allowed), for schema steps only. */
gboolean       meso_store_exec               (MesoStore     *self,
                                              const char    *sql,
                                              GError       **error);

/* What the store was doing when SQLite failed, said after the message. */
typedef enum
{
  MESO_STORE_DOING_NOTHING,    /* the message alone */
  MESO_STORE_DOING_READ,
  MESO_STORE_DOING_SAVE,
  MESO_STORE_DOING_MIGRATE,
} MesoStoreDoing;

/* Maps an SQLite result code to a MESO_STORE_ERROR with a message a clinic
 * can act on, followed by what was being done: "… (while saving to the
 * clinic database)", each one whole msgid around the message. */
void           meso_store_set_error_from_sqlite (MesoStore      *self,
                                                 GError        **error,
                                                 int             rc,
                                                 MesoStoreDoing  doing);
/* The same for a file that is not open (yet): @detail is SQLite's own
 * message, or NULL. */
void           meso_store_set_error_for_path (GError         **error,
                                              const char      *path,
                                              int              rc,
                                              const char      *detail,
                                              MesoStoreDoing   doing);
/* Turns a MESO_RECORD_ERROR (whose message starts with the field name)
 * into MESO_STORE_ERROR_INVALID with the same message. */
void           meso_store_propagate_invalid  (GError       **dest,
                                              GError        *src);

/* Binding and reading values.  Text NULL binds NULL; an invalid date binds
 * NULL; dates are 'YYYY-MM-DD' TEXT. */
void           meso_bind_text                (MesoStatement *stmt,
                                              int            idx,
                                              const char    *text);
void           meso_bind_date                (MesoStatement *stmt,
                                              int            idx,
                                              const GDate   *date);
char          *meso_column_dup_text          (MesoStatement *stmt,
                                              int            idx);
/* Leaves @out cleared (invalid) for NULL or a malformed value. */
void           meso_column_date              (MesoStatement *stmt,
                                              int            idx,
                                              GDate         *out);

/* meso_store_begin() nesting depth: 0 outside any transaction. */
guint          meso_store_get_transaction_depth (MesoStore  *self);

/* Search helpers (meso-store-search.c). */
/* Lower-case, accents removed (NFD minus combining marks), spaces collapsed:
 * the sort key of names, compared bytewise so the order does not depend on
 * the locale of whoever wrote the row. */
char          *meso_fold_for_sort            (const char    *text);
/* The tokens indexed for a phone number: every digit suffix of length >= 3,
 * plus the national form with a trunk '0' for an international number. */
char          *meso_phone_search_tokens      (const char    *phone);
/* Rewrites the search row of one patient now (the migration that builds
 * the index; the write path queues instead, see below). */
gboolean       meso_store_index_patient      (MesoStore     *self,
                                              gint64         id,
                                              const char    *name,
                                              const GDate   *date_of_birth,
                                              const char    *phone,
                                              GError       **error);

/* The patient write path does not touch the FTS5 index itself: FTS5
 * flushes its pending terms into a new segment at every savepoint, and a
 * savepoint per patient made bulk inserts ten times slower.  Instead it
 * queues the id, and the outermost meso_store_commit() brings the index
 * rows of the queued ids up to date (from the patients table as it then
 * is) inside the same transaction, just before COMMIT.  A search made
 * inside an open transaction does not yet see its own changes. */
void           meso_store_queue_search_update (MesoStore    *self,
                                               gint64        id);
gboolean       meso_store_flush_search       (MesoStore     *self,
                                              GHashTable    *ids,
                                              GError       **error);

/* Per-connection data of patient search (meso-store-search.c), freed
 * with the store. */
gpointer       meso_store_get_search_cache   (MesoStore     *self);
void           meso_store_set_search_cache   (MesoStore     *self,
                                              gpointer       cache,
                                              GDestroyNotify destroy);

/* Migrations (meso-migrations.c).  A step moves the schema from
 * version - 1 to version, either by running @sql or by calling @func (or
 * both: @sql first).  Steps run in ascending order, each in one
 * BEGIN IMMEDIATE..COMMIT transaction that also sets PRAGMA user_version.
 * To change the schema, append a step; never edit a released one. */
typedef gboolean (*MesoMigrationFunc) (MesoStore  *store,
                                       GError    **error);

typedef struct
{
  guint              version;
  const char        *sql;
  MesoMigrationFunc  func;
} MesoMigration;

const MesoMigration *meso_migrations_get     (guint         *n_steps);
/* Migrates an open connection up to schema @target. */
gboolean       meso_migrations_run           (MesoStore     *self,
                                              guint          target,
                                              GError       **error);

/* Test hook: opens (creating if needed) @path and migrates it only up to
 * @version, so that tests can fill a file as an older Mesochart wrote it. */
MesoStore     *meso_store_open_at_version    (const char    *path,
                                              guint          version,
                                              GError       **error);

G_END_DECLS
