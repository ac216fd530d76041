/* meso-audit-private.h: what meso-audit.c shares with meso-audit-read.c. */
#pragma once

#include "meso-audit.h"

G_BEGIN_DECLS

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
