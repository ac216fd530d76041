/* test-store-search.c: finding patients by name, date of birth and
 * phone.
 *
 * (The store's search speed is measured by bench/bench-store-search.) */
#include "config.h"

#include <glib.h>

#include "meso-store-test-util.h"

typedef MesoStoreFixture Fixture;

static void
assert_found (MesoStore    *store,
              const char   *query,
              const gint64 *expected,
              guint         n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = meso_store_find_patient_ids (store, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  if (ids->len != n_expected)
    g_error ("query “%s”: %u results, expected %u", query, ids->len, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

#define FOUND(store, query, ...) \
  G_STMT_START { \
    const gint64 expected_[] = { __VA_ARGS__ }; \
    assert_found ((store), (query), expected_, G_N_ELEMENTS (expected_)); \
  } G_STMT_END
#define NOT_FOUND(store, query) assert_found ((store), (query), NULL, 0)

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  gint64 helene = meso_test_add_patient (store, "Hélène Dupont", "1980-04-12", "+33 6 12 34 56 78");
  gint64 helena = meso_test_add_patient (store, "helena SMITH", "1975-01-20", "020 7946 0018");
  gint64 zoe = meso_test_add_patient (store, "Zoé Martin", "1980-11-03", "06 98 76 54 32");
  gint64 jp = meso_test_add_patient (store, "Jean-Pierre O'Brien", "2001-04-12", NULL);
  gint64 anna = meso_test_add_patient (store, "Anna Dupont", "1995-12-24", "+39 02 8765 4321");
  gint64 all[] = { anna, helena, helene, jp, zoe };

  /* Case and accents are folded on both sides; results ordered by name. */
  FOUND (store, "hel", helena, helene);
  FOUND (store, "HEL", helena, helene);
  FOUND (store, "Hél", helena, helene);
  FOUND (store, "hélène", helene);
  FOUND (store, "zoe", zoe);
  /* Each word is a prefix; all words must match. */
  FOUND (store, "dup", anna, helene);
  FOUND (store, "dup hel", helene);
  FOUND (store, "  hel   dup  ", helene);
  FOUND (store, "jean-p", jp);
  FOUND (store, "o'bri", jp);
  FOUND (store, "pierre", jp);
  NOT_FOUND (store, "dup zoe");
  NOT_FOUND (store, "xavier");
  /* Phone: digits only, anywhere in the number; an international number
   * is also found by its national form with a trunk 0. */
  FOUND (store, "0612", helene);
  FOUND (store, "06 12", helene);
  /* Fewer than 3 digits do not filter (they are in nearly every number);
   * groups typed with spaces are one number. */
  FOUND (store, "06", anna, helena, helene, jp, zoe);
  FOUND (store, "0 6 1", helene);
  NOT_FOUND (store, "06 99");
  FOUND (store, "06 - 12 - 34", helene);
  FOUND (store, "06 / 12", helene);
  /* ... or several numbers: a year of birth and a piece of the phone. */
  FOUND (store, "1980 0612", helene);
  FOUND (store, "12 04 1980", helene, zoe);
  FOUND (store, "0287654321", anna);   /* Italy keeps its 0: +39 02... */
  FOUND (store, "33612", helene);
  FOUND (store, "+33 6 12", helene);
  FOUND (store, "98765", zoe);
  FOUND (store, "06.98.76", zoe);
  FOUND (store, "0612345678", helene);
  FOUND (store, "0612345", helene);
  FOUND (store, "9460018", helena);
  /* Date of birth. */
  FOUND (store, "1980", helene, zoe);
  FOUND (store, "1980-04", helene);
  FOUND (store, "1980-04-12", helene);
  FOUND (store, "12/04/1980", helene);
  FOUND (store, "1980-1", zoe);
  NOT_FOUND (store, "1980-04-13");
  /* Mixed: name and year. */
  FOUND (store, "dupont 1995", anna);
  /* Empty and punctuation-only queries list everyone by name. */
  assert_found (store, NULL, all, G_N_ELEMENTS (all));
  assert_found (store, "", all, G_N_ELEMENTS (all));
  assert_found (store, "  - ", all, G_N_ELEMENTS (all));
  /* Sparse ids (kept by an import) search the same way. */
  {
    g_autoptr(MesoPatient) far = meso_test_make_patient ("Helmut Weit", "1980-04-30", NULL);

    far->id = G_GINT64_CONSTANT (900000000000);
    g_assert_true (meso_store_insert_patient (store, far, NULL));
    FOUND (store, "hel", helena, helene, far->id);
    FOUND (store, "1980-04", helene, far->id);
    g_assert_true (meso_store_delete_patient (store, far->id, NULL));
  }
  /* FTS syntax typed by a user is just text. */
  assert_found (store, "\"", all, G_N_ELEMENTS (all));
  NOT_FOUND (store, "hel\" OR \"zoe");
  NOT_FOUND (store, "NEAR(hel");
  NOT_FOUND (store, "AND hel");
  /* Changes show at once, in the index and in the order. */
  {
    g_autoptr(MesoPatient) renamed = meso_store_get_patient (store, zoe, NULL);

    g_free (renamed->name);
    renamed->name = g_strdup ("Aaron Zoeller");
    g_assert_true (meso_store_update_patient (store, renamed, NULL));
    g_assert_true (meso_store_delete_patient (store, helena, NULL));
    FOUND (store, "hel", helene);
    FOUND (store, "zoe", zoe);
    NOT_FOUND (store, "martin");
    FOUND (store, "", zoe, anna, helene, jp);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MESO_STORE_TEST_ADD ("search", test_search);

  return g_test_run ();
}
