/* meso-audit-private.h: what meso-audit.c shares with meso-audit-flush.c,
 * meso-audit-read.c, meso-migrations.c and the tests. */
#pragma once

#include "meso-audit.h"

G_BEGIN_DECLS

/* Schema step 5 (meso-migrations.c): the image triggers rewritten to use
 * meso_audit_image (), which meso_audit_attach () registers. */
extern const char meso_audit_schema_v5_sql[];

/* Schema step 6: audit_head, the record of where the chain ends, and its
 * function, which fills it in from the newest entry. */
#define MESO_AUDIT_HEAD_SCHEMA 6
extern const char meso_audit_schema_v6_sql[];
gboolean  meso_audit_migrate_head (MesoStore  *store,
                                   GError    **error);

/* JSON values written as entries write them (meso-audit-flush.c). */
void      meso_audit_append_json_string (GString     *out,
                                         const char  *text);
void      meso_audit_append_json_real   (GString     *out,
                                         double       value);
/* meso_audit_image (), the SQL function schema 5's triggers write row
 * images with; meso_audit_attach () registers it. */
void      meso_audit_image_func  (sqlite3_context  *context,
                                  int               argc,
                                  sqlite3_value   **argv);

/* The newest entry of the chain, carried from one appended entry to the
 * next.  Start from { 0 }: the first append reads it from the file.  Once
 * done appending, meso_audit_head_save () records it in audit_head. */
typedef struct
{
  gboolean  known;
  gint64    seq;        /* 0: the trail is empty */
  char     *hash;       /* "" when empty */
  gint64    saved_seq;  /* what audit_head holds (as read, or last saved) */
} MesoAuditHead;

void      meso_audit_head_clear  (MesoAuditHead *head);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MesoAuditHead, meso_audit_head_clear)
/* Records @head in audit_head (schema 6 on) if entries were appended
 * after it was read; in the caller's write transaction. */
gboolean  meso_audit_head_save   (MesoStore      *store,
                                  MesoAuditHead  *head,
                                  GError        **error);

/* Appends one entry after @head and moves @head to it.  The caller holds
 * the write transaction. */
gboolean  meso_audit_append_entry (MesoStore      *store,
                                   MesoAuditHead  *head,
                                   const char     *actor,
                                   const char     *action,
                                   const char     *entity,
                                   gint64          entity_id,
                                   gint64          patient_id,
                                   const char     *changes,
                                   const char     *reason,
                                   GError        **error);
/* What meso_audit_set_next_action () asked of the next flush (NULL when
 * nothing), and forgetting it once a flush used it. */
void      meso_audit_get_next_action   (MesoStore    *store,
                                        const char  **action,
                                        const char  **reason);
void      meso_audit_clear_next_action (MesoStore    *store);

char     *meso_audit_sha256_hex  (const char  *text);
/* SHA-256 of an entry's columns, length-prefixed, with its prev_hash. */
char     *meso_audit_entry_hash  (const char  *prev_hash,
                                  gint64       seq,
                                  const char  *at,
                                  const char  *actor,
                                  const char  *action,
                                  const char  *entity,
                                  gint64       entity_id,
                                  gint64       patient_id,
                                  const char  *changes_sha,
                                  const char  *reason);
/* *ready: the file has the audit tables (schema 4 and later). */
gboolean  meso_audit_is_ready    (MesoStore   *store,
                                  gboolean    *ready,
                                  GError     **error);

G_END_DECLS
