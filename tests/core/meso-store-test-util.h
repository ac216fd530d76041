/* meso-store-test-util.h: a fresh folder per test, and records to fill a
 * store with, for the store tests (test-store-*.c). */
#pragma once

#include "meso-store-private.h"
#include "../meso-test-util.h"

G_BEGIN_DECLS

/* A temporary folder (@dir) and a database path in it (@path) that is not
 * created: the fixture of g_test_add(). */
typedef struct
{
  char *dir;
  char *path;
} MesoStoreFixture;

void         meso_store_fixture_set_up    (MesoStoreFixture *f,
                                           gconstpointer     data);
void         meso_store_fixture_tear_down (MesoStoreFixture *f,
                                           gconstpointer     data);

/* Adds the test "/store/@name" running @func with a MesoStoreFixture. */
#define MESO_STORE_TEST_ADD(name, func) \
  g_test_add ("/store/" name, MesoStoreFixture, NULL, meso_store_fixture_set_up, (func), \
              meso_store_fixture_tear_down)

/* Opens @path, failing the test on error. */
MesoStore   *meso_test_open_store         (const char *path);
/* The first column of the one row @sql returns. */
gint64       meso_test_query_int          (MesoStore  *store,
                                           const char *sql);
char        *meso_test_query_text         (MesoStore  *store,
                                           const char *sql);
/* Rows in every table holding patient or session data. */
gint64       meso_test_count_rows         (MesoStore  *store);

/* @dob "YYYY-MM-DD"; @phone may be NULL. */
MesoPatient *meso_test_make_patient       (const char *name,
                                           const char *dob,
                                           const char *phone);
/* Inserts meso_test_make_patient(); returns the new id. */
gint64       meso_test_add_patient        (MesoStore  *store,
                                           const char *name,
                                           const char *dob,
                                           const char *phone);
MesoSession *meso_test_make_session       (gint64      patient_id,
                                           const char *date);
/* A patient with every field and a history partly answered. */
MesoPatient *meso_test_make_full_patient  (void);
/* @n patients of made-up names (the same for every run), each with a
 * session when @with_sessions, in one transaction. */
void         meso_test_fill_synthetic     (MesoStore  *store,
                                           guint       n,
                                           gboolean    with_sessions);

G_END_DECLS
