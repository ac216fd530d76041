/* meso-audit.h: the audit trail of the clinic record.
 *
 * An append-only table `audit`: every create, update and delete of
 * patients (identity and medical history), sessions, follow-ups and flag
 * reviews, and explicit events (export, import, print, backup, restore,
 * screening override, amendment, anonymisation).  Each entry holds the UTC
 * time, the actor, the action, the entity and its id, the patient id, the
 * changed fields as JSON {"field": [old, new]} and a reason where one was
 * required.
 *
 * How writes are caught without touching every write path: SQLite triggers
 * on the audited tables copy the old and new rows into `audit_stash`
 * (calling meso_actor (), so a connection that did not call
 * meso_audit_attach () — the sqlite3 shell, say — cannot write them at
 * all); meso_store_commit () calls meso_audit_flush (), which folds the
 * stash into one entry per changed entity (a patient's identity and
 * history together, a session with its ingredients) and empties it, in the
 * same transaction.  Triggers refuse UPDATE and DELETE on `audit`.
 *
 * Chain: entry N stores prev_hash (entry N-1's hash, "" for the first) and
 * hash = SHA-256 over prev_hash and every column (the changes through
 * changes_sha = SHA-256 (changes)), so a removed, altered or reordered
 * entry breaks the chain at a seq that meso_audit_verify () names.
 * Removing the newest entries leaves a chain that verifies, so the end of
 * the chain is also recorded outside it (audit_head, schema 6), written by
 * the flush in the transaction of the entries it appends; verifying
 * checks that the chain ends exactly there.
 * changes_sha lets anonymisation and deletion erase a patient's identity
 * from old entries (changes set to NULL) while the chain still verifies.
 * The hash has no secret key: someone who rewrites the file, recomputes
 * every later hash and rewrites audit_head to match is caught only by
 * comparing the head hash (printed by `audit verify`) with one kept
 * elsewhere, for instance in a backup.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "meso-store.h"

G_BEGIN_DECLS

#define MESO_AUDIT_ERROR (meso_audit_error_quark ())

typedef enum
{
  MESO_AUDIT_ERROR_BROKEN,   /* the chain does not verify; the message names the seq */
  MESO_AUDIT_ERROR_MISSING,  /* the file has no audit trail (older schema) */
} MesoAuditError;

GQuark meso_audit_error_quark (void);

/* The schema step (tables and triggers) and its function, for
 * meso-migrations.c.  The function writes the first entry, which counts
 * the records that existed before the trail started. */
extern const char meso_audit_schema_sql[];
gboolean     meso_audit_migrate        (MesoStore    *store,
                                        GError      **error);

/* Registers meso_actor () and meso_audit_redacting () on the store's
 * connection; the store calls it when it opens, before migrating. */
void         meso_audit_attach         (MesoStore    *store);

/* The actor written into entries: the staff member once staff accounts
 * exist; until then, and by default, the system user name. */
void         meso_store_set_actor      (MesoStore    *store,
                                        const char   *actor);
const char  *meso_store_get_actor      (MesoStore    *store);

/* Folds the stash into entries.  Called by meso_store_commit () just
 * before the outermost COMMIT; a no-op on a file without an audit trail. */
gboolean     meso_audit_flush          (MesoStore    *store,
                                        GError      **error);

/* An explicit event (export, import, print, backup, restore, override ...).
 * @entity may be NULL ("record"), ids 0 for none, @reason NULL. Runs in the
 * caller's transaction, or in its own. */
gboolean     meso_audit_log            (MesoStore    *store,
                                        const char   *action,
                                        const char   *entity,
                                        gint64        entity_id,
                                        gint64        patient_id,
                                        const char   *reason,
                                        GError      **error);
/* The same with a changes object (JSON text, may be NULL). */
gboolean     meso_audit_log_changes    (MesoStore    *store,
                                        const char   *action,
                                        const char   *entity,
                                        gint64        entity_id,
                                        gint64        patient_id,
                                        const char   *changes,
                                        const char   *reason,
                                        GError      **error);

/* The next flush of @store records its patient and session entries with
 * @action ("anonymise", "delete", "amend") and @reason instead of the
 * plain create/update/delete; cleared by the flush. */
void         meso_audit_set_next_action (MesoStore   *store,
                                         const char  *action,
                                         const char  *reason);

/* Erases the changes (not the chain) of every patient-identity entry of
 * @patient_id: used by anonymisation and deletion. */
gboolean     meso_audit_redact_patient (MesoStore    *store,
                                        gint64        patient_id,
                                        GError      **error);

typedef struct
{
  gint64  seq;
  char   *at;          /* "2026-05-04T09:30:12.345Z" */
  char   *actor;
  char   *action;
  char   *entity;
  gint64  entity_id;   /* 0: none */
  gint64  patient_id;  /* 0: none */
  char   *changes;     /* JSON object text, or NULL (none, or erased) */
  char   *reason;      /* or NULL */
  char   *prev_hash;
  char   *hash;
} MesoAuditEntry;

void       meso_audit_entry_free       (MesoAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoAuditEntry, meso_audit_entry_free)

/* Entries in seq order; all when @patient_id is 0. */
GPtrArray *meso_audit_list             (MesoStore    *store,
                                        gint64        patient_id,
                                        GError      **error);
/* One line for a list of changes in the app: "update: phone, medications"
 * (action, then the changed fields' names; never their values). */
char      *meso_audit_entry_summary    (const MesoAuditEntry *entry);
/* One entry as a JSON object (for `audit log --json` and the app). */
JsonNode  *meso_audit_entry_to_json    (const MesoAuditEntry *entry);

typedef struct
{
  gint64   n_entries;
  gint64   bad_seq;      /* 0 when intact; at the end of the trail, the first
                          * entry missing, or not vouched for when the record
                          * of the end is gone */
  char    *problem;      /* a sentence, or NULL when intact */
  char    *head_hash;    /* hash of the newest entry ("" when empty) */
} MesoAuditReport;

void       meso_audit_report_free      (MesoAuditReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoAuditReport, meso_audit_report_free)

/* Recomputes the chain on any connection (a store's, or a read-only one on
 * a backup) and checks that it ends where audit_head says (from schema 6),
 * reading both in one transaction.  TRUE when intact.  FALSE with
 * MESO_AUDIT_ERROR_BROKEN naming the first removed, altered or reordered
 * entry (or the entries removed from the end, or audit_head missing or
 * not matching), MESO_AUDIT_ERROR_MISSING
 * when there is no trail, or a MESO_STORE_ERROR when it cannot be read.
 * @report (optional) is filled in whenever the chain could be read. */
gboolean   meso_audit_verify_db        (sqlite3          *db,
                                        MesoAuditReport **report,
                                        GError          **error);
/* Only the entries from @from_seq on, given the hash of the entry before
 * (@prev_hash, "" for 1): for checking what was appended since a verified
 * head; the end is checked against audit_head as by meso_audit_verify_db ().
 * report->n_entries counts the entries checked. */
gboolean   meso_audit_verify_from      (sqlite3          *db,
                                        gint64            from_seq,
                                        const char       *prev_hash,
                                        MesoAuditReport **report,
                                        GError          **error);
gboolean   meso_audit_verify           (MesoStore        *store,
                                        MesoAuditReport **report,
                                        GError          **error);

G_END_DECLS
