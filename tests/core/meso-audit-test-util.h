/* meso-audit-test-util.h: a store per test, and ways to read its audit
 * trail, for the audit tests (test-audit*.c). */
#pragma once

#include <json-glib/json-glib.h>

#include "meso-audit-private.h"
#include "meso-store-private.h"
#include "meso-store-test-util.h"

G_BEGIN_DECLS

/* A temporary folder (@dir) holding a database (@path) open as @store,
 * written as "dr.rossi": the fixture of g_test_add(). */
typedef struct
{
  char      *dir;
  char      *path;
  MesoStore *store;
} MesoAuditFixture;

void            meso_audit_fixture_set_up      (MesoAuditFixture *f,
                                                gconstpointer     data);
void            meso_audit_fixture_tear_down   (MesoAuditFixture *f,
                                                gconstpointer     data);

/* Adds the test @path running @func with a MesoAuditFixture. */
#define MESO_AUDIT_TEST_ADD(path, func) \
  g_test_add ((path), MesoAuditFixture, NULL, meso_audit_fixture_set_up, (func), \
              meso_audit_fixture_tear_down)

/* Inserts a patient born 1990-06-15 with a phone; returns the new id. */
gint64          meso_audit_test_add_patient    (MesoStore         *store,
                                                const char        *name);
/* A session on 2026-03-02 with a batch and two ingredients. */
MesoSession    *meso_audit_test_make_session   (gint64             patient_id,
                                                MesoSessionStatus  status);
/* Entries of @patient_id (all when 0), failing the test on error. */
GPtrArray      *meso_audit_test_entries        (MesoStore         *store,
                                                gint64             patient_id);
MesoAuditEntry *meso_audit_test_last_entry     (MesoStore         *store);
gint64          meso_audit_test_count_entries  (MesoStore         *store);
/* The entry's changes, parsed. */
JsonObject     *meso_audit_test_changes_of     (const MesoAuditEntry *e);
/* [old, new] of @field in @changes, as strings ("null" for null). */
void            meso_audit_test_assert_change  (JsonObject        *changes,
                                                const char        *field,
                                                const char        *old_value,
                                                const char        *new_value);
void            meso_audit_test_assert_verifies (MesoStore        *store);

G_END_DECLS
