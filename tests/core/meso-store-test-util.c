/* meso-store-test-util.c: a fresh folder per test, and records to fill a
 * store with, for the store tests (test-store-*.c). */
#include "config.h"

#include "meso-store-test-util.h"

void
meso_store_fixture_set_up (MesoStoreFixture *f,
                           gconstpointer     data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("mesochart-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
}

void
meso_store_fixture_tear_down (MesoStoreFixture *f,
                              gconstpointer     data)
{
  meso_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

MesoStore *
meso_test_open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  MesoStore *store = meso_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

gint64
meso_test_query_int (MesoStore  *store,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (meso_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
meso_test_query_text (MesoStore  *store,
                      const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (meso_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gint64
meso_test_count_rows (MesoStore *store)
{
  return meso_test_query_int (store,
                              "SELECT (SELECT count(*) FROM patients)"
                              " + (SELECT count(*) FROM patient_conditions)"
                              " + (SELECT count(*) FROM patient_list_items)"
                              " + (SELECT count(*) FROM sessions)"
                              " + (SELECT count(*) FROM session_list_items)"
                              " + (SELECT count(*) FROM patient_search)");
}

MesoPatient *
meso_test_make_patient (const char *name,
                        const char *dob,
                        const char *phone)
{
  MesoPatient *p = meso_patient_new ();

  p->name = g_strdup (name);
  meso_test_set_date (&p->date_of_birth, dob);
  p->phone = g_strdup (phone);
  return p;
}

gint64
meso_test_add_patient (MesoStore  *store,
                       const char *name,
                       const char *dob,
                       const char *phone)
{
  g_autoptr(MesoPatient) p = meso_test_make_patient (name, dob, phone);
  g_autoptr(GError) error = NULL;

  g_assert_true (meso_store_insert_patient (store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);
  return p->id;
}

MesoSession *
meso_test_make_session (gint64      patient_id,
                        const char *date)
{
  MesoSession *s = meso_session_new ();

  s->patient_id = patient_id;
  meso_test_set_date (&s->date, date);
  return s;
}

MesoPatient *
meso_test_make_full_patient (void)
{
  MesoPatient *p = meso_test_make_patient ("Hélène Dupont", "1980-04-12", "+33 6 12 34 56 78");
  MesoHistory *h = p->history;

  p->sex = MESO_SEX_FEMALE;
  p->email = g_strdup ("helene@example.org");
  p->address = g_strdup ("12 rue des Lilas\n75011 Paris");
  g_free (p->language);
  p->language = g_strdup ("fr");
  p->notes = g_strdup ("Prefers morning appointments.");
  h->conditions[MESO_CONDITION_PREGNANCY].answer = MESO_ANSWER_NO;
  meso_test_set_date (&h->conditions[MESO_CONDITION_PREGNANCY].confirmed, "2026-01-05");
  h->conditions[MESO_CONDITION_DIABETES].answer = MESO_ANSWER_YES;
  meso_test_set_date (&h->conditions[MESO_CONDITION_DIABETES].confirmed, "2025-12-01");
  h->conditions[MESO_CONDITION_CANCER].answer = MESO_ANSWER_UNKNOWN;
  /* cardiac_disease and the rest stay "not asked". */
  h->medications_state = MESO_LIST_RECORDED;
  g_ptr_array_add (h->medications, g_strdup ("Warfarin 5 mg"));
  g_ptr_array_add (h->medications, g_strdup ("Aspirin 100 mg"));
  g_ptr_array_add (h->medications, g_strdup ("Levothyroxine"));
  meso_test_set_date (&h->medications_confirmed, "2026-01-05");
  h->allergies_state = MESO_LIST_NONE_KNOWN;
  meso_test_set_date (&h->allergies_confirmed, "2026-01-04");
  h->fitzpatrick = 4;
  h->bruises_easily = TRUE;
  h->sensitive_skin = FALSE;
  return p;
}

/* Names for meso_test_fill_synthetic(), accented and not. */
static const char * const first_names[] = {
  "Hélène", "Anna", "Marc", "Zoé", "Jürgen", "Łucja", "Chloé", "Ömer", "Inès", "Paolo",
  "Søren", "María", "Noël", "Ana", "Bjørn", "Élodie", "Sean", "Yara", "Kenji", "Olga",
};
static const char * const last_names[] = {
  "Dupont", "Rossi", "Müller", "García", "Novák", "Smith", "Lefèvre", "Kowalski",
  "Ødegaard", "Brontë", "Nguyen", "O'Brien", "Da Silva", "Martin", "Çelik", "Ibáñez",
};

void
meso_test_fill_synthetic (MesoStore *store,
                          guint      n,
                          gboolean   with_sessions)
{
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (42);

  g_assert_true (meso_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MesoPatient) p = meso_patient_new ();

      p->name = g_strdup_printf ("%s %s", first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))],
                                 last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))]);
      g_date_set_dmy (&p->date_of_birth, g_rand_int_range (rand, 1, 29),
                      g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1940, 2006));
      p->phone = g_strdup_printf ("0%d %02d %02d %02d %02d", g_rand_int_range (rand, 1, 8),
                                  g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 100),
                                  g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 100));
      p->history->conditions[MESO_CONDITION_DIABETES].answer = MESO_ANSWER_NO;
      p->history->medications_state = MESO_LIST_RECORDED;
      g_ptr_array_add (p->history->medications, g_strdup ("Ibuprofen 200 mg"));
      g_assert_true (meso_store_insert_patient (store, p, &error));
      g_assert_no_error (error);

      if (with_sessions)
        {
          g_autoptr(MesoSession) s = meso_session_new ();

          s->patient_id = p->id;
          g_date_set_dmy (&s->date, g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 1, 13), 2026);
          s->time_minutes = g_rand_int_range (rand, 8 * 60, 18 * 60);
          g_ptr_array_add (s->ingredients, g_strdup ("Hyaluronic acid"));
          g_ptr_array_add (s->acknowledged, g_strdup ("anti_inflammatory"));
          g_assert_true (meso_store_insert_session (store, s, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_true (meso_store_commit (store, &error));
  g_assert_no_error (error);
  g_rand_free (rand);
}
