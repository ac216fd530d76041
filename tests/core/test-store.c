/* test-store.c: the SQLite store: files and pragmas, round trips, refusals,
 * rollback, migrations, newer and foreign files, search, two connections,
 * and a heavier run checked by integrity_check.
 *
 * Run with -m perf for the search benchmark on 100,000 patients. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "meso-store-private.h"

/* Fixture: a fresh temporary folder per test. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
remove_tree (const char *path)
{
  GDir *dir;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      const char *name;

      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_chmod (path, 0700);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("mesochart-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Helpers */

static MesoStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  MesoStore *store = meso_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
set_date (GDate      *date,
          const char *text)
{
  g_assert_true (meso_date_parse (text, date));
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *text = meso_date_format (date);

  g_assert_cmpstr (text, ==, expected);
}

static gint64
query_int (MesoStore  *store,
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

static char *
query_text (MesoStore  *store,
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

/* Rows in every table holding patient or session data. */
static gint64
count_rows (MesoStore *store)
{
  return query_int (store,
                    "SELECT (SELECT count(*) FROM patients) + (SELECT count(*) FROM patient_conditions)"
                    " + (SELECT count(*) FROM patient_list_items) + (SELECT count(*) FROM sessions)"
                    " + (SELECT count(*) FROM session_list_items)"
                    " + (SELECT count(*) FROM patient_search)");
}

static MesoPatient *
make_patient (const char *name,
              const char *dob,
              const char *phone)
{
  MesoPatient *p = meso_patient_new ();

  p->name = g_strdup (name);
  set_date (&p->date_of_birth, dob);
  p->phone = g_strdup (phone);
  return p;
}

static gint64
add_patient (MesoStore  *store,
             const char *name,
             const char *dob,
             const char *phone)
{
  g_autoptr(MesoPatient) p = make_patient (name, dob, phone);
  g_autoptr(GError) error = NULL;

  g_assert_true (meso_store_insert_patient (store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);
  return p->id;
}

static MesoSession *
make_session (gint64      patient_id,
              const char *date)
{
  MesoSession *s = meso_session_new ();

  s->patient_id = patient_id;
  set_date (&s->date, date);
  return s;
}

static gint64
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* Opening */

static void
test_open_creates_private_file (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "data", "mesochart", NULL);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal_mode = NULL;
  g_autoptr(MesoStore) store = NULL;
  mode_t old_umask;

  /* The most permissive umask: the modes must not depend on it. */
  old_umask = umask (0);
  store = open_store (path);
  add_patient (store, "Anna Rossi", "1990-01-01", NULL);
  umask (old_umask);

  g_assert_cmpstr (meso_store_get_path (store), ==, path);
  g_assert_cmpint (file_mode (dir), ==, 0700);
  g_assert_cmpint (file_mode (path), ==, 0600);
  g_assert_cmpint (file_mode (wal), ==, 0600);
  g_assert_cmpint (file_mode (shm), ==, 0600);

  journal_mode = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (query_int (store, "PRAGMA synchronous"), ==, 2);   /* FULL */
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA busy_timeout"), ==, 5000);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, meso_store_schema_version ());
  g_assert_cmpint (meso_store_schema_version (), >=, 2);
}

static void
test_default_path (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("MESOCHART_DB"));
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "mesochart", "clinic.db", NULL);

  g_setenv ("MESOCHART_DB", "/srv/clinic/test.db", TRUE);
  from_env = meso_store_default_path ();
  g_assert_cmpstr (from_env, ==, "/srv/clinic/test.db");

  g_unsetenv ("MESOCHART_DB");
  fallback = meso_store_default_path ();
  g_assert_cmpstr (fallback, ==, expected);

  if (saved != NULL)
    g_setenv ("MESOCHART_DB", saved, TRUE);
}

static void
test_refuse_newer_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *bump = NULL;
  g_autoptr(MesoStore) store = NULL;
  sqlite3 *db;

  /* A file as a future Mesochart would write it: our application id and a
   * schema one step ahead. */
  bump = g_strdup_printf ("PRAGMA application_id = 1298494319;"
                          "CREATE TABLE future (x);"
                          "PRAGMA user_version = %u;", meso_store_schema_version () + 1);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (f->path);

  store = meso_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Mesochart"));
  g_assert_nonnull (strstr (error->message, "update Mesochart"));

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuse_not_a_database (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  sqlite3 *db;

  g_assert_true (g_file_set_contents (f->path,
                                      "Name,Date of birth\nAnna Rossi,1990-01-01\n"
                                      "This is a spreadsheet export, not a database.\n", -1, NULL));
  before = file_checksum (f->path);
  store = meso_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, f->path));
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  /* Another program's SQLite database is not a blank clinic either. */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE bookmarks (url TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (other);
  store = meso_store_open (other, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_A_DATABASE);
  after = file_checksum (other);
  g_assert_cmpstr (before, ==, after);
}

/* A damaged file is reported as such, naming it, not as a bug. */
static void
test_damaged_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = open_store (f->path);
  g_autofree char *contents = NULL;
  gsize len;

  for (guint i = 0; i < 50; i++)
    add_patient (store, "Anna Rossi", "1990-06-15", "06 11 22 33 44");
  g_clear_object (&store);   /* the last connection checkpoints the WAL */

  /* Keep the first page (header and schema), scramble every other one. */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  memset (contents + 4096, 0x5a, len - 4096);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  store = meso_store_open (f->path, &error);
  if (store != NULL)
    g_assert_cmpint (meso_store_count_patients (store, &error), ==, -1);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "damaged"));
}

static void
test_refuse_read_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autofree char *dir = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (dir, "clinic.db", NULL);

  if (geteuid () == 0)
    {
      g_test_skip ("root ignores file permissions");
      return;
    }
  g_assert_cmpint (g_mkdir (dir, 0500), ==, 0);
  store = meso_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
}

/* Patients */

static MesoPatient *
make_full_patient (void)
{
  MesoPatient *p = make_patient ("Hélène Dupont", "1980-04-12", "+33 6 12 34 56 78");
  MesoHistory *h = p->history;

  p->sex = MESO_SEX_FEMALE;
  p->email = g_strdup ("helene@example.org");
  p->address = g_strdup ("12 rue des Lilas\n75011 Paris");
  g_free (p->language);
  p->language = g_strdup ("fr");
  p->notes = g_strdup ("Prefers morning appointments.");
  h->conditions[MESO_CONDITION_PREGNANCY].answer = MESO_ANSWER_NO;
  set_date (&h->conditions[MESO_CONDITION_PREGNANCY].confirmed, "2026-01-05");
  h->conditions[MESO_CONDITION_DIABETES].answer = MESO_ANSWER_YES;
  set_date (&h->conditions[MESO_CONDITION_DIABETES].confirmed, "2025-12-01");
  h->conditions[MESO_CONDITION_CANCER].answer = MESO_ANSWER_UNKNOWN;
  /* cardiac_disease and the rest stay "not asked". */
  h->medications_state = MESO_LIST_RECORDED;
  g_ptr_array_add (h->medications, g_strdup ("Warfarin 5 mg"));
  g_ptr_array_add (h->medications, g_strdup ("Aspirin 100 mg"));
  g_ptr_array_add (h->medications, g_strdup ("Levothyroxine"));
  set_date (&h->medications_confirmed, "2026-01-05");
  h->allergies_state = MESO_LIST_NONE_KNOWN;
  set_date (&h->allergies_confirmed, "2026-01-04");
  h->fitzpatrick = 4;
  h->bruises_easily = TRUE;
  h->sensitive_skin = FALSE;
  return p;
}

static void
assert_patients_equal (const MesoPatient *a,
                       const MesoPatient *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpint (g_date_compare (&a->date_of_birth, &b->date_of_birth), ==, 0);
  g_assert_cmpint (a->sex, ==, b->sex);
  g_assert_cmpstr (a->phone, ==, b->phone);
  g_assert_cmpstr (a->email, ==, b->email);
  g_assert_cmpstr (a->address, ==, b->address);
  g_assert_cmpstr (a->language, ==, b->language);
  g_assert_cmpstr (a->notes, ==, b->notes);
  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    {
      const MesoConditionAnswer *x = &a->history->conditions[c];
      const MesoConditionAnswer *y = &b->history->conditions[c];

      g_assert_cmpint (x->answer, ==, y->answer);
      g_assert_cmpint (g_date_valid (&x->confirmed), ==, g_date_valid (&y->confirmed));
      if (g_date_valid (&x->confirmed))
        g_assert_cmpint (g_date_compare (&x->confirmed, &y->confirmed), ==, 0);
    }
  g_assert_cmpint (a->history->medications_state, ==, b->history->medications_state);
  g_assert_true (meso_strv_array_equal (a->history->medications, b->history->medications));
  g_assert_cmpint (a->history->allergies_state, ==, b->history->allergies_state);
  g_assert_true (meso_strv_array_equal (a->history->allergies, b->history->allergies));
  g_assert_cmpint (g_date_valid (&a->history->medications_confirmed), ==,
                   g_date_valid (&b->history->medications_confirmed));
  g_assert_cmpint (g_date_valid (&a->history->allergies_confirmed), ==,
                   g_date_valid (&b->history->allergies_confirmed));
  g_assert_cmpint (a->history->fitzpatrick, ==, b->history->fitzpatrick);
  g_assert_cmpint (a->history->bruises_easily, ==, b->history->bruises_easily);
  g_assert_cmpint (a->history->sensitive_skin, ==, b->history->sensitive_skin);
}

static void
test_patient_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MesoStore) store = open_store (f->path);
  g_autoptr(MesoPatient) p = make_full_patient ();
  g_autoptr(MesoPatient) got = NULL;
  g_autoptr(MesoPatient) got2 = NULL;
  g_autoptr(MesoPatientSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (meso_store_insert_patient (store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);

  got = meso_store_get_patient (store, p->id, &error);
  g_assert_no_error (error);
  assert_patients_equal (p, got);
  assert_date (&got->history->conditions[MESO_CONDITION_DIABETES].confirmed, "2025-12-01");
  assert_date (&got->history->medications_confirmed, "2026-01-05");
  assert_date (&got->history->allergies_confirmed, "2026-01-04");
  g_assert_cmpint (got->history->conditions[MESO_CONDITION_CARDIAC_DISEASE].answer, ==,
                   MESO_ANSWER_NOT_ASKED);
  g_assert_false (g_date_valid (&got->history->conditions[MESO_CONDITION_CANCER].confirmed));
  g_assert_cmpstr (g_ptr_array_index (got->history->medications, 2), ==, "Levothyroxine");

  /* Update: identity and history are replaced, lists keep their order. */
  g_free (got->name);
  got->name = g_strdup ("Hélène Martin");
  g_clear_pointer (&got->email, g_free);
  got->history->medications_state = MESO_LIST_NONE_KNOWN;
  g_ptr_array_set_size (got->history->medications, 0);
  got->history->allergies_state = MESO_LIST_RECORDED;
  g_ptr_array_add (got->history->allergies, g_strdup ("Lidocaine"));
  g_ptr_array_add (got->history->allergies, g_strdup ("Latex"));
  got->history->conditions[MESO_CONDITION_DIABETES].answer = MESO_ANSWER_NO;
  g_date_clear (&got->history->conditions[MESO_CONDITION_DIABETES].confirmed, 1);
  g_assert_true (meso_store_update_patient (store, got, &error));
  g_assert_no_error (error);

  got2 = meso_store_get_patient (store, p->id, &error);
  g_assert_no_error (error);
  assert_patients_equal (got, got2);
  g_assert_null (got2->email);
  g_assert_cmpstr (g_ptr_array_index (got2->history->allergies, 0), ==, "Lidocaine");
  g_assert_cmpstr (g_ptr_array_index (got2->history->allergies, 1), ==, "Latex");

  summary = meso_store_get_patient_summary (store, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->name, ==, "Hélène Martin");
  g_assert_cmpstr (summary->phone, ==, "+33 6 12 34 56 78");
  assert_date (&summary->date_of_birth, "1980-04-12");
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 1);

  /* Delete takes the history and the search entry with it. */
  g_assert_true (meso_store_delete_patient (store, p->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store), ==, 0);
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 0);
}

static void
test_patient_not_found (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MesoStore) store = open_store (f->path);
  g_autoptr(MesoPatient) p = make_patient ("Nobody", "1970-01-01", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (meso_store_get_patient (store, 4242, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no patient with id 4242");
  g_clear_error (&error);

  g_assert_null (meso_store_get_patient_summary (store, 4242, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (meso_store_delete_patient (store, 4242, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  p->id = 4242;
  g_assert_false (meso_store_update_patient (store, p, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (store), ==, 0);
  g_assert_cmpint (meso_store_get_transaction_depth (store), ==, 0);
}

/* Sessions */

static MesoSession *
make_full_session (gint64 patient_id)
{
  MesoSession *s = make_session (patient_id, "2026-03-02");

  s->time_minutes = 9 * 60 + 30;
  s->status = MESO_SESSION_BOOKED;
  s->indication = MESO_INDICATION_CELLULITE;
  s->area = MESO_AREA_THIGHS;
  s->solution_name = g_strdup ("Lipolytic cocktail");
  g_ptr_array_add (s->ingredients, g_strdup ("Phosphatidylcholine"));
  g_ptr_array_add (s->ingredients, g_strdup ("Deoxycholate"));
  g_ptr_array_add (s->ingredients, g_strdup ("Caffeine"));
  s->consistency = MESO_CONSISTENCY_THICK;
  s->volume_ml = 4.25;
  s->batch = g_strdup ("LOT-2025-117");
  set_date (&s->batch_expiry, "2027-01-31");
  s->needle_gauge = 27;
  s->needle_length_mm = 13;
  s->depth_mm = 6.5;
  s->angle_deg = 30;
  s->technique = MESO_TECHNIQUE_LINEAR_RETROGRADE;
  s->massage = MESO_MASSAGE_AVOID;
  s->practitioner = g_strdup ("Dr Lefèvre");
  s->notes = g_strdup ("Tolerated well.");
  s->override_reason = g_strdup ("Diabetes well controlled, GP letter on file");
  g_ptr_array_add (s->acknowledged, g_strdup ("bruising_risk"));
  g_ptr_array_add (s->acknowledged, g_strdup ("anticoagulant"));
  return s;
}

static void
assert_sessions_equal (const MesoSession *a,
                       const MesoSession *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpint (a->patient_id, ==, b->patient_id);
  g_assert_cmpint (g_date_compare (&a->date, &b->date), ==, 0);
  g_assert_cmpint (a->time_minutes, ==, b->time_minutes);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpint (a->indication, ==, b->indication);
  g_assert_cmpint (a->area, ==, b->area);
  g_assert_cmpstr (a->solution_name, ==, b->solution_name);
  g_assert_true (meso_strv_array_equal (a->ingredients, b->ingredients));
  g_assert_cmpint (a->consistency, ==, b->consistency);
  g_assert_cmpfloat (a->volume_ml, ==, b->volume_ml);
  g_assert_cmpstr (a->batch, ==, b->batch);
  g_assert_cmpint (g_date_valid (&a->batch_expiry), ==, g_date_valid (&b->batch_expiry));
  if (g_date_valid (&a->batch_expiry))
    g_assert_cmpint (g_date_compare (&a->batch_expiry, &b->batch_expiry), ==, 0);
  g_assert_cmpuint (a->needle_gauge, ==, b->needle_gauge);
  g_assert_cmpfloat (a->needle_length_mm, ==, b->needle_length_mm);
  g_assert_cmpfloat (a->depth_mm, ==, b->depth_mm);
  g_assert_cmpfloat (a->angle_deg, ==, b->angle_deg);
  g_assert_cmpint (a->technique, ==, b->technique);
  g_assert_cmpint (a->massage, ==, b->massage);
  g_assert_cmpstr (a->practitioner, ==, b->practitioner);
  g_assert_cmpstr (a->notes, ==, b->notes);
  g_assert_cmpstr (a->override_reason, ==, b->override_reason);
  g_assert_true (meso_strv_array_equal (a->acknowledged, b->acknowledged));
}

static void
test_session_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MesoStore) store = open_store (f->path);
  gint64 pid = add_patient (store, "Anna Rossi", "1990-06-15", "06 11 22 33 44");
  gint64 other = add_patient (store, "Marc Blanc", "1985-02-01", NULL);
  g_autoptr(MesoSession) s = make_full_session (pid);
  g_autoptr(MesoSession) untimed = make_session (pid, "2026-03-02");
  g_autoptr(MesoSession) later = make_session (pid, "2026-03-16");
  g_autoptr(MesoSession) elsewhere = make_session (other, "2026-03-02");
  g_autoptr(MesoSession) got = NULL;
  g_autoptr(MesoSession) got2 = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GDate day, to;

  g_assert_true (meso_store_insert_session (store, s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s->id, >, 0);
  got = meso_store_get_session (store, s->id, &error);
  g_assert_no_error (error);
  assert_sessions_equal (s, got);

  /* Optional values come back as not recorded. */
  elsewhere->time_minutes = 14 * 60;
  g_assert_true (meso_store_insert_session (store, later, &error));
  g_assert_true (meso_store_insert_session (store, untimed, &error));
  g_assert_true (meso_store_insert_session (store, elsewhere, &error));
  g_assert_no_error (error);
  got2 = meso_store_get_session (store, untimed->id, &error);
  assert_sessions_equal (untimed, got2);
  g_assert_cmpint (got2->time_minutes, ==, -1);
  g_assert_false (g_date_valid (&got2->batch_expiry));
  g_assert_null (got2->override_reason);
  g_clear_pointer (&got2, meso_session_free);

  /* By date and time: untimed first within a day. */
  list = meso_store_list_sessions_for_patient (store, pid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((MesoSession *) list->pdata[0])->id, ==, untimed->id);
  g_assert_cmpint (((MesoSession *) list->pdata[1])->id, ==, s->id);
  g_assert_cmpint (((MesoSession *) list->pdata[2])->id, ==, later->id);
  assert_sessions_equal (s, list->pdata[1]);
  g_clear_pointer (&list, g_ptr_array_unref);

  set_date (&day, "2026-03-02");
  list = meso_store_list_sessions_on (store, &day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((MesoSession *) list->pdata[0])->id, ==, untimed->id);
  g_assert_cmpint (((MesoSession *) list->pdata[1])->id, ==, s->id);
  g_assert_cmpint (((MesoSession *) list->pdata[2])->id, ==, elsewhere->id);
  g_clear_pointer (&list, g_ptr_array_unref);

  set_date (&to, "2026-03-15");
  list = meso_store_list_sessions_between (store, NULL, &to, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = meso_store_list_sessions_between (store, &to, NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = meso_store_list_sessions_between (store, NULL, NULL, &error);
  g_assert_cmpuint (list->len, ==, 4);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Update replaces the lists; status alone. */
  g_ptr_array_remove_index (got->ingredients, 0);
  g_ptr_array_add (got->ingredients, g_strdup ("Artichoke extract"));
  g_clear_pointer (&got->override_reason, g_free);
  got->depth_mm = 4;
  got->status = MESO_SESSION_BOOKED;
  g_assert_true (meso_store_update_session (store, got, &error));
  g_assert_no_error (error);
  g_assert_true (meso_store_set_session_status (store, got->id, MESO_SESSION_CANCELLED, &error));
  g_assert_no_error (error);
  got->status = MESO_SESSION_CANCELLED;
  got2 = meso_store_get_session (store, got->id, &error);
  g_assert_no_error (error);
  assert_sessions_equal (got, got2);
  g_assert_cmpstr (g_ptr_array_index (got2->ingredients, 2), ==, "Artichoke extract");

  /* Marked done: the status is all that changes. */
  g_assert_true (meso_store_set_session_status (store, untimed->id, MESO_SESSION_DONE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got2, meso_session_free);
  got2 = meso_store_get_session (store, untimed->id, &error);
  untimed->status = MESO_SESSION_DONE;
  assert_sessions_equal (untimed, got2);

  /* Not found. */
  g_assert_null (meso_store_get_session (store, 999, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (meso_store_set_session_status (store, 999, MESO_SESSION_DONE, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  got2->id = 999;
  g_assert_false (meso_store_update_session (store, got2, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting the patient takes their sessions with them. */
  g_assert_true (meso_store_delete_patient (store, pid, &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sessions"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM session_list_items"), ==, 0);
}

/* Refusals */

static void
assert_session_refused (MesoStore   *store,
                        MesoSession *s,
                        const char  *field)
{
  g_autoptr(GError) error = NULL;
  gint64 before = count_rows (store);

  g_assert_false (meso_store_insert_session (store, s, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, field));
  g_assert_cmpint (count_rows (store), ==, before);
  g_assert_cmpint (s->id, ==, 0);
}

static void
test_refuse_bad_values (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MesoStore) store = open_store (f->path);
  gint64 pid = add_patient (store, "Anna Rossi", "1990-06-15", NULL);
  g_autoptr(MesoPatient) p = make_full_patient ();
  g_autoptr(GError) error = NULL;
  gint64 before;
  GDate tomorrow;

  {
    g_autoptr(MesoSession) s = make_full_session (pid);
    s->needle_gauge = 0;
    assert_session_refused (store, s, "needle.gauge");
  }
  {
    g_autoptr(MesoSession) s = make_full_session (pid);
    s->depth_mm = 40;
    assert_session_refused (store, s, "depth_mm");
  }
  {
    g_autoptr(MesoSession) s = make_full_session (pid);
    s->angle_deg = 120;
    assert_session_refused (store, s, "angle_deg");
  }
  {
    g_autoptr(MesoSession) s = make_full_session (pid);
    set_date (&s->batch_expiry, "2026-03-01");
    assert_session_refused (store, s, "batch_expiry");
  }

  before = count_rows (store);
  meso_date_set_today (&tomorrow);
  g_date_add_days (&tomorrow, 1);
  p->date_of_birth = tomorrow;
  g_assert_false (meso_store_insert_patient (store, p, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "date_of_birth"));
  g_assert_cmpint (p->id, ==, 0);
  g_assert_cmpint (count_rows (store), ==, before);
  g_clear_error (&error);

  /* An update refused keeps the stored record as it was. */
  {
    g_autoptr(MesoPatient) stored = meso_store_get_patient (store, pid, &error);
    g_autoptr(MesoPatient) again = NULL;

    g_assert_no_error (error);
    g_free (stored->name);
    stored->name = g_strdup ("   ");
    g_assert_false (meso_store_update_patient (store, stored, &error));
    g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "name"));
    g_clear_error (&error);
    again = meso_store_get_patient (store, pid, &error);
    g_assert_cmpstr (again->name, ==, "Anna Rossi");
  }
}

/* The CHECK constraints refuse what slips past validation, naming the field. */
static void
test_check_constraints (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MesoStore) store = open_store (f->path);
  gint64 pid = add_patient (store, "Anna Rossi", "1990-06-15", NULL);
  g_autoptr(MesoSession) s = make_full_session (pid);
  g_autoptr(GError) error = NULL;
  static const struct { const char *sql; const char *field; } cases[] = {
    { "UPDATE sessions SET needle_gauge = 0", "needle.gauge" },
    { "UPDATE sessions SET depth_mm = 40", "depth_mm" },
    { "UPDATE sessions SET angle_deg = 120", "angle_deg" },
    { "UPDATE sessions SET batch_expiry = '2026-01-01'", "batch_expiry" },
    { "UPDATE sessions SET area = 'elbow'", "area" },
    { "UPDATE patients SET date_of_birth = '1980-02-30'", "date_of_birth" },
    { "UPDATE patients SET fitzpatrick = 7", "fitzpatrick" },
    { "UPDATE patient_conditions SET answer = 'maybe'", "answer" },
  };

  g_assert_true (meso_store_insert_session (store, s, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int rc = sqlite3_exec (meso_store_get_db (store), cases[i].sql, NULL, NULL, NULL);

      if (rc != SQLITE_CONSTRAINT_CHECK)
        g_error ("“%s” was not refused (%d)", cases[i].sql, rc);
      meso_store_set_error_from_sqlite (store, &error, sqlite3_extended_errcode (meso_store_get_db (store)), NULL);
      g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
      g_clear_error (&error);
    }
}

static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MesoStore) store = open_store (f->path);
  g_autoptr(MesoPatient) a = make_full_patient ();
  g_autoptr(MesoPatient) b = make_patient ("Bruno Costa", "1975-09-09", NULL);
  g_autoptr(MesoPatient) dup = make_patient ("Duplicate", "1975-09-09", NULL);
  g_autoptr(MesoSession) orphan = make_session (987654, "2026-03-02");
  g_autoptr(GError) error = NULL;
  gint64 kept = add_patient (store, "Kept Patient", "1960-01-01", NULL);
  gint64 before = count_rows (store);
  g_autoptr(GArray) ids = NULL;

  /* A failure in the middle of a group: nothing of the group remains. */
  g_assert_true (meso_store_begin (store, &error));
  g_assert_true (meso_store_insert_patient (store, a, &error));
  g_assert_no_error (error);
  g_assert_false (meso_store_insert_session (store, orphan, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "no patient with id 987654");
  g_clear_error (&error);
  meso_store_rollback (store);
  g_assert_cmpint (meso_store_get_transaction_depth (store), ==, 0);
  g_assert_cmpint (count_rows (store), ==, before);
  ids = meso_store_find_patient_ids (store, "hel", &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  /* A constraint violation half way through a patient's own write (the
   * row is in, the history fails): the inner savepoint undoes the row, the
   * outer group goes on. */
  g_assert_true (meso_store_begin (store, &error));
  g_assert_true (meso_store_insert_patient (store, b, &error));
  dup->id = kept;
  g_assert_false (meso_store_insert_patient (store, dup, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "id: a record with this id already exists"));
  g_clear_error (&error);
  g_assert_true (meso_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 2);
  {
    g_autoptr(MesoPatient) still = meso_store_get_patient (store, kept, &error);
    g_assert_cmpstr (still->name, ==, "Kept Patient");
  }

  /* Nesting: an inner rollback keeps the outer work. */
  g_clear_pointer (&a, meso_patient_free);
  a = make_patient ("Carla Neri", "1999-09-09", NULL);
  g_clear_pointer (&b, meso_patient_free);
  b = make_patient ("Dario Neri", "1999-09-09", NULL);
  g_assert_true (meso_store_begin (store, &error));
  g_assert_true (meso_store_insert_patient (store, a, &error));
  g_assert_true (meso_store_begin (store, &error));
  g_assert_true (meso_store_insert_patient (store, b, &error));
  meso_store_rollback (store);
  g_assert_true (meso_store_commit (store, &error));
  g_assert_no_error (error);
  ids = meso_store_find_patient_ids (store, "neri", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, a->id);
  g_clear_pointer (&ids, g_array_unref);

  /* A CHECK violation inside a group, then rollback of the whole group. */
  before = count_rows (store);
  g_assert_true (meso_store_begin (store, &error));
  add_patient (store, "Elena Neri", "1999-09-09", NULL);
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (store),
                                 "UPDATE patients SET fitzpatrick = 9", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_CHECK);
  meso_store_rollback (store);
  g_assert_cmpint (count_rows (store), ==, before);
}

/* Migrations */

static void
fill_v1 (sqlite3 *db)
{
  /* Rows exactly as version 1 wrote them (no sort key, no search index). */
  static const char sql[] =
    "INSERT INTO patients (id, name, date_of_birth, sex, phone, language,"
    " medications_state, allergies_state, fitzpatrick)"
    " VALUES (7, 'Hélène Dupont', '1980-04-12', 'female', '+33 6 12 34 56 78', 'fr',"
    "         'recorded', 'none_known', 3),"
    "        (8, 'Zoé Martin', '1992-11-30', 'female', NULL, 'en', 'not_asked', 'not_asked', 0),"
    "        (9, 'Ábel Kovács', '1980-07-01', 'male', '06 20 111 2222', 'de', 'not_asked', 'not_asked', 0);"
    "INSERT INTO patient_conditions (patient_id, condition, answer, confirmed)"
    " VALUES (7, 'diabetes', 'yes', '2025-10-10'), (7, 'pregnancy', 'no', NULL);"
    "INSERT INTO patient_list_items (patient_id, list, position, text)"
    " VALUES (7, 'medications', 0, 'Warfarin 5 mg'), (7, 'medications', 1, 'Aspirin');"
    "INSERT INTO sessions (id, patient_id, date, time_minutes, status, indication, area,"
    " consistency, needle_gauge, needle_length_mm, depth_mm, angle_deg, technique, massage)"
    " VALUES (3, 7, '2026-02-01', 600, 'done', 'rejuvenation', 'face', 'thin', 30, 4, 2, 45,"
    "         'nappage', 'gentle');"
    "INSERT INTO session_list_items (session_id, list, position, text)"
    " VALUES (3, 'ingredients', 0, 'Hyaluronic acid');";

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(MesoPatient) p = NULL;
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(GArray) ids = NULL;

  store = meso_store_open_at_version (f->path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, 1);
  fill_v1 (meso_store_get_db (store));
  g_clear_object (&store);

  store = open_store (f->path);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, meso_store_schema_version ());

  p = meso_store_get_patient (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->name, ==, "Hélène Dupont");
  g_assert_cmpint (p->history->conditions[MESO_CONDITION_DIABETES].answer, ==, MESO_ANSWER_YES);
  assert_date (&p->history->conditions[MESO_CONDITION_DIABETES].confirmed, "2025-10-10");
  g_assert_cmpuint (p->history->medications->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (p->history->medications, 1), ==, "Aspirin");
  s = meso_store_get_session (store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (s->ingredients, 0), ==, "Hyaluronic acid");

  /* The new search index covers the rows that were already there. */
  ids = meso_store_find_patient_ids (store, "hel", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 7);
  g_clear_pointer (&ids, g_array_unref);
  ids = meso_store_find_patient_ids (store, "1980", &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 9);   /* Ábel before Hélène */
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 7);
  g_clear_pointer (&ids, g_array_unref);
  ids = meso_store_find_patient_ids (store, "0612", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = meso_store_find_patient_ids (store, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 9);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 7);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, 8);
}

static void
test_migrate_from_v0 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(MesoSettings) settings = NULL;

  /* An empty file, as left by a first start interrupted before the schema
   * was written. */
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = open_store (f->path);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, meso_store_schema_version ());
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 0);
  settings = meso_store_load_settings (store, NULL);
  g_assert_cmpuint (settings->legal_age, ==, 18);
  add_patient (store, "Anna Rossi", "1990-06-15", NULL);
}

/* Files left at each earlier version (as that version's write paths left
 * them) all open, keep their data and are searchable. */
static void
test_migrate_from_every_version (Fixture       *f,
                                 gconstpointer  data)
{
  for (guint version = 0; version < meso_store_schema_version (); version++)
    {
      g_autofree char *name = g_strdup_printf ("v%u.db", version);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MesoStore) store = NULL;
      g_autoptr(MesoPatient) p = NULL;
      g_autoptr(GArray) ids = NULL;
      g_autofree char *check = NULL;

      g_test_message ("from schema %u", version);
      store = meso_store_open_at_version (path, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, version);
      if (version >= 1)
        fill_v1 (meso_store_get_db (store));
      if (version >= 2)
        {
          /* What version 2's patient write path adds to each row. */
          static const gint64 ids_v1[] = { 7, 8, 9 };

          for (guint i = 0; i < G_N_ELEMENTS (ids_v1); i++)
            {
              g_autoptr(MesoPatient) row = meso_store_get_patient (store, ids_v1[i], &error);
              g_autofree char *key = meso_fold_for_sort (row->name);
              sqlite3_stmt *stmt = NULL;

              g_assert_no_error (error);
              g_assert_cmpint (sqlite3_prepare_v2 (meso_store_get_db (store),
                                                   "UPDATE patients SET sort_key = ?1 WHERE id = ?2",
                                                   -1, &stmt, NULL), ==, SQLITE_OK);
              sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (stmt, 2, ids_v1[i]);
              g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
              sqlite3_finalize (stmt);
              g_assert_true (meso_store_index_patient (store, row->id, row->name, &row->date_of_birth,
                                                       row->phone, &error));
              g_assert_no_error (error);
            }
        }
      g_clear_object (&store);

      store = open_store (path);
      g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, meso_store_schema_version ());
      check = query_text (store, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok");
      if (version == 0)
        {
          g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 0);
          continue;
        }
      p = meso_store_get_patient (store, 7, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (p->name, ==, "Hélène Dupont");
      g_assert_cmpstr (g_ptr_array_index (p->history->medications, 0), ==, "Warfarin 5 mg");
      ids = meso_store_find_patient_ids (store, "dup hél", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 1);
      g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 7);
      g_clear_pointer (&ids, g_array_unref);
      ids = meso_store_find_patient_ids (store, "", &error);
      g_assert_cmpuint (ids->len, ==, 3);
      g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 9);
    }
}

/* A step that fails leaves the file at the previous version, untouched. */
static void
test_migration_is_atomic (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;

  store = meso_store_open_at_version (f->path, 1, &error);
  g_assert_no_error (error);
  fill_v1 (meso_store_get_db (store));
  /* Something in the way of step 2's index: its CREATE will fail after
   * its ALTER TABLE has run. */
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (store),
                                 "CREATE TABLE patient_search (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);

  store = meso_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "schema 2"));
  g_clear_error (&error);

  store = meso_store_open_at_version (f->path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_table_info('patients')"
                                     " WHERE name = 'sort_key'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM patients"), ==, 3);
}

/* Search */

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
  g_autoptr(MesoStore) store = open_store (f->path);
  gint64 helene = add_patient (store, "Hélène Dupont", "1980-04-12", "+33 6 12 34 56 78");
  gint64 helena = add_patient (store, "helena SMITH", "1975-01-20", "020 7946 0018");
  gint64 zoe = add_patient (store, "Zoé Martin", "1980-11-03", "06 98 76 54 32");
  gint64 jp = add_patient (store, "Jean-Pierre O'Brien", "2001-04-12", NULL);
  gint64 anna = add_patient (store, "Anna Dupont", "1995-12-24", "+39 02 8765 4321");
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
  FOUND (store, "06", helene, zoe);
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
    g_autoptr(MesoPatient) far = make_patient ("Helmut Weit", "1980-04-30", NULL);

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

/* Two connections, as the GUI's worker threads use them. */

typedef struct
{
  const char *path;
  gint64      id;
} WorkerData;

static gpointer
worker_thread (gpointer user_data)
{
  WorkerData *wd = user_data;
  g_autoptr(MesoStore) store = open_store (wd->path);

  wd->id = add_patient (store, "Written By Worker", "1988-08-08", "07 00 00 00 01");
  return NULL;
}

static void
test_two_connections (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MesoStore) a = open_store (f->path);
  g_autoptr(MesoStore) b = open_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(MesoPatient) seen = NULL;
  WorkerData wd = { f->path, 0 };
  GThread *thread;
  gint64 id;

  /* b reads (and fills its search cache) first, so that a stale snapshot
   * or cache would show. */
  g_assert_cmpint (meso_store_count_patients (b, NULL), ==, 0);
  ids = meso_store_find_patient_ids (b, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  id = add_patient (a, "Ines Ferreira", "1979-05-05", NULL);
  g_assert_cmpint (meso_store_count_patients (b, NULL), ==, 1);
  seen = meso_store_get_patient (b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->name, ==, "Ines Ferreira");
  ids = meso_store_find_patient_ids (b, "ines", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* A write from another thread's connection. */
  thread = g_thread_new ("store-worker", worker_thread, &wd);
  g_thread_join (thread);
  ids = meso_store_find_patient_ids (a, "worker", &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, wd.id);
}

/* A writer that holds the lock too long, and a full disk, give errors a
 * clinic can act on, and leave nothing half written. */
static void
test_busy_and_full (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MesoStore) a = open_store (f->path);
  g_autoptr(MesoStore) b = open_store (f->path);
  g_autoptr(MesoPatient) p = make_full_patient ();
  g_autoptr(GError) error = NULL;
  gint64 before, pages;
  g_autofree char *limit = NULL;

  add_patient (a, "Anna Rossi", "1990-06-15", NULL);
  before = count_rows (a);

  /* Shorten b's wait so the test does not sit out the 5 s timeout. */
  sqlite3_busy_timeout (meso_store_get_db (b), 50);
  g_assert_true (meso_store_begin (a, &error));
  g_assert_false (meso_store_insert_patient (b, p, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_BUSY);
  g_assert_true (g_str_has_prefix (error->message, "the clinic database is in use by another program"));
  g_clear_error (&error);
  g_assert_cmpint (meso_store_get_transaction_depth (b), ==, 0);
  meso_store_rollback (a);
  g_assert_cmpint (p->id, ==, 0);

  /* A disk that fills up: SQLite reports it as for a page limit. */
  pages = query_int (b, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (b), limit, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (meso_store_begin (b, &error));
  for (guint i = 0; i < 200 && error == NULL; i++)
    {
      g_autoptr(MesoPatient) q = make_full_patient ();

      meso_store_insert_patient (b, q, &error);
    }
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_FULL);
  g_assert_true (g_str_has_prefix (error->message, "the disk is full"));
  g_clear_error (&error);
  meso_store_rollback (b);
  g_assert_cmpint (meso_store_get_transaction_depth (b), ==, 0);
  g_assert_cmpint (count_rows (a), ==, before);
  g_assert_cmpint (count_rows (b), ==, before);
}

/* Settings */

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MesoStore) store = open_store (f->path);
  g_autoptr(MesoSettings) defaults = meso_store_load_settings (store, NULL);
  g_autoptr(MesoSettings) loaded = NULL;
  g_autoptr(MesoSettings) bad = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (defaults->clinic_name, ==, "");
  g_assert_cmpuint (defaults->legal_age, ==, 18);
  g_assert_cmpint (defaults->default_massage, ==, MESO_MASSAGE_GENTLE);
  g_assert_cmpuint (defaults->next_session_days, ==, 14);
  g_assert_cmpint (defaults->paper_size, ==, MESO_PAPER_A4);

  g_free (defaults->clinic_name);
  defaults->clinic_name = g_strdup ("Clinique des Lilas");
  defaults->legal_age = 21;
  defaults->default_massage = MESO_MASSAGE_AVOID;
  defaults->next_session_days = 21;
  defaults->paper_size = MESO_PAPER_LETTER;
  g_assert_true (meso_store_save_settings (store, defaults, &error));
  g_assert_no_error (error);
  g_assert_true (meso_store_save_settings (store, defaults, &error));   /* upsert */
  loaded = meso_store_load_settings (store, &error);
  g_assert_cmpstr (loaded->clinic_name, ==, "Clinique des Lilas");
  g_assert_cmpuint (loaded->legal_age, ==, 21);
  g_assert_cmpint (loaded->default_massage, ==, MESO_MASSAGE_AVOID);
  g_assert_cmpuint (loaded->next_session_days, ==, 21);
  g_assert_cmpint (loaded->paper_size, ==, MESO_PAPER_LETTER);

  bad = meso_settings_copy (loaded);
  bad->legal_age = 15;
  g_assert_false (meso_store_save_settings (store, bad, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "legal_age"));
  g_clear_error (&error);
  bad->legal_age = 18;
  bad->next_session_days = 0;
  g_assert_false (meso_store_save_settings (store, bad, &error));
  g_assert_true (g_str_has_prefix (error->message, "next_session_days"));
  g_clear_error (&error);

  g_clear_pointer (&loaded, meso_settings_free);
  loaded = meso_store_load_settings (store, &error);
  g_assert_cmpuint (loaded->legal_age, ==, 21);
}

/* A heavier run: many patients and sessions in one transaction. */

static const char * const first_names[] = {
  "Hélène", "Anna", "Marc", "Zoé", "Jürgen", "Łucja", "Chloé", "Ömer", "Inès", "Paolo",
  "Søren", "María", "Noël", "Ana", "Bjørn", "Élodie", "Sean", "Yara", "Kenji", "Olga",
};
static const char * const last_names[] = {
  "Dupont", "Rossi", "Müller", "García", "Novák", "Smith", "Lefèvre", "Kowalski",
  "Ødegaard", "Brontë", "Nguyen", "O'Brien", "Da Silva", "Martin", "Çelik", "Ibáñez",
};

static void
fill_synthetic (MesoStore *store,
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

static void
test_heavy_run (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MesoStore) store = open_store (f->path);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  g_autofree char *prev = NULL;

  fill_synthetic (store, 5000, TRUE);
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 5000);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sessions"), ==, 5000);

  check = query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (store),
                                 "INSERT INTO patient_search (patient_search) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  /* Every id once, in folded name order. */
  ids = meso_store_find_patient_ids (store, NULL, &error);
  g_assert_cmpuint (ids->len, ==, 5000);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(MesoPatientSummary) s = meso_store_get_patient_summary (store, g_array_index (ids, gint64, i), NULL);
      g_autofree char *key = meso_fold_for_sort (s->name);

      if (prev != NULL)
        g_assert_cmpint (strcmp (prev, key), <=, 0);
      g_free (prev);
      prev = g_steal_pointer (&key);
    }
}

/* Benchmark (-m perf): search on 100,000 patients. */

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
test_search_benchmark (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const queries[] = {
    "", "h", "he", "hel", "helene", "helene d", "helene dup", "m", "mu", "mül",
    "a", "an", "ana", "o", "o'", "06", "0612", "06 12 3", "1980", "1980-04",
    "1980-04-12", "z", "zo", "zoe martin", "smith", "x", "j", "jü", "k", "kenji n",
  };
  g_autoptr(MesoStore) store = open_store (f->path);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double max_ms = 0, total = 0, p95;
  gint64 t0 = g_get_monotonic_time ();

  fill_synthetic (store, 100000, FALSE);
  g_test_message ("filled 100000 patients in %.1f s", (g_get_monotonic_time () - t0) / 1e6);

  for (guint round = 0; round < 5; round++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autoptr(GArray) ids = NULL;
        gint64 start = g_get_monotonic_time ();
        double ms;

        ids = meso_store_find_patient_ids (store, queries[q], NULL);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (times, ms);
        total += ms;
        max_ms = MAX (max_ms, ms);
        if (round == 0)
          g_test_message ("  %-14s %6u ids %7.2f ms", queries[q], ids->len, ms);
      }
  g_array_sort (times, cmp_double);
  p95 = g_array_index (times, double, (guint) (times->len * 0.95));
  g_test_message ("find_patient_ids on 100000 patients: mean %.2f ms, p95 %.2f ms, max %.2f ms",
                  total / times->len, p95, max_ms);
  g_printerr ("# find_patient_ids on 100000 patients: mean %.2f ms, p95 %.2f ms, max %.2f ms\n",
              total / times->len, p95, max_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/store/default-path", test_default_path);
  ADD ("open/private-file-and-pragmas", test_open_creates_private_file);
  ADD ("open/refuse-newer", test_refuse_newer_file);
  ADD ("open/refuse-not-a-database", test_refuse_not_a_database);
  ADD ("open/refuse-read-only", test_refuse_read_only);
  ADD ("open/damaged-file", test_damaged_file);
  ADD ("patient/round-trip", test_patient_round_trip);
  ADD ("patient/not-found", test_patient_not_found);
  ADD ("session/round-trip", test_session_round_trip);
  ADD ("refuse/bad-values", test_refuse_bad_values);
  ADD ("refuse/check-constraints", test_check_constraints);
  ADD ("transaction/rollback", test_rollback);
  ADD ("migrate/from-v0", test_migrate_from_v0);
  ADD ("migrate/from-v1", test_migrate_from_v1);
  ADD ("migrate/from-every-version", test_migrate_from_every_version);
  ADD ("migrate/atomic", test_migration_is_atomic);
  ADD ("search", test_search);
  ADD ("two-connections", test_two_connections);
  ADD ("busy-and-full", test_busy_and_full);
  ADD ("settings", test_settings);
  ADD ("heavy-run", test_heavy_run);
  if (g_test_perf ())
    ADD ("benchmark/search-100k", test_search_benchmark);

  return g_test_run ();
}
