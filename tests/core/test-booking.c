/* Booking behind the screening: refusals write nothing, overrides and
 * acknowledgements are stored, the clinic's legal age applies. */
#include <glib/gstdio.h>
#include <string.h>

#include "meso-booking.h"

typedef struct
{
  char      *dir;
  char      *path;
  MesoStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("mesochart-booking-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
  f->store = meso_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A patient with a complete history and nothing to report. */
static MesoPatient *
clean_patient (const char *birth)
{
  MesoPatient *p = meso_patient_new ();

  p->name = g_strdup ("Camille Martin");
  g_assert_true (meso_date_parse (birth, &p->date_of_birth));
  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    p->history->conditions[c].answer = MESO_ANSWER_NO;
  p->history->medications_state = MESO_LIST_NONE_KNOWN;
  p->history->allergies_state = MESO_LIST_NONE_KNOWN;
  p->history->fitzpatrick = 2;
  return p;
}

static gint64
insert (Fixture     *f,
        MesoPatient *p)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (meso_store_insert_patient (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);
  return p->id;
}

static MesoSession *
planned_session (gint64 patient_id)
{
  MesoSession *s = meso_session_new ();

  s->patient_id = patient_id;
  g_assert_true (meso_date_parse ("2026-05-04", &s->date));
  s->solution_name = g_strdup ("Revitalising cocktail");
  g_ptr_array_add (s->ingredients, g_strdup ("Hyaluronic acid"));
  g_ptr_array_add (s->ingredients, g_strdup ("Lidocaine 2%"));
  return s;
}

static guint
count_sessions (Fixture *f,
                gint64   patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = meso_store_list_sessions_for_patient (f->store, patient_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sessions);
  return sessions != NULL ? sessions->len : G_MAXUINT;
}

static void
ack (MesoSession *s,
     const char  *code)
{
  g_ptr_array_add (s->acknowledged, g_strdup (code));
}

static void
test_clear (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(MesoPatient) p = clean_patient ("1980-05-10");
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoSession) stored = NULL;
  g_autoptr(MesoScreening) screening = NULL;
  g_autoptr(GError) error = NULL;

  s = planned_session (insert (f, p));
  s->override_reason = g_strdup ("not needed");
  g_assert_true (meso_book_session (f->store, s, &screening, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s->id, >, 0);
  g_assert_nonnull (screening);
  g_assert_cmpint (screening->verdict, ==, MESO_VERDICT_CLEAR);

  stored = meso_store_get_session (f->store, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->patient_id, ==, p->id);
  g_assert_cmpuint (stored->acknowledged->len, ==, 0);
  /* Nothing was overridden, so no override is recorded. */
  g_assert_null (stored->override_reason);
  g_assert_null (s->override_reason);
  g_assert_cmpuint (count_sessions (f, p->id), ==, 1);
}

static void
test_contraindicated (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MesoPatient) p = clean_patient ("1980-05-10");
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoSession) stored = NULL;
  g_autoptr(GError) error = NULL;
  MesoScreening *screening = NULL;

  p->history->conditions[MESO_CONDITION_PREGNANCY].answer = MESO_ANSWER_YES;
  p->history->allergies_state = MESO_LIST_RECORDED;
  g_ptr_array_add (p->history->allergies, g_strdup ("lidocaine"));
  s = planned_session (insert (f, p));

  g_assert_false (meso_book_session (f->store, s, &screening, &error));
  g_assert_error (error, MESO_BOOKING_ERROR, MESO_BOOKING_ERROR_CONTRAINDICATED);
  g_assert_nonnull (strstr (error->message, "pregnancy"));
  g_assert_nonnull (strstr (error->message, "ingredient_allergy"));
  g_assert_cmpint (s->id, ==, 0);
  g_assert_cmpuint (count_sessions (f, p->id), ==, 0);
  /* The refusal still hands back the screening behind it. */
  g_assert_nonnull (screening);
  g_assert_cmpint (screening->verdict, ==, MESO_VERDICT_CONTRAINDICATED);
  g_clear_pointer (&screening, meso_screening_free);
  g_clear_error (&error);

  /* A blank override is no override. */
  s->override_reason = g_strdup ("   ");
  g_assert_false (meso_book_session (f->store, s, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "override_reason"));
  g_assert_cmpuint (count_sessions (f, p->id), ==, 0);
  g_clear_error (&error);

  g_free (s->override_reason);
  s->override_reason = g_strdup ("Clinician reviewed: obstetrician's written agreement on file");
  g_assert_true (meso_book_session (f->store, s, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s->id, >, 0);
  stored = meso_store_get_session (f->store, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->override_reason, ==, s->override_reason);
  g_assert_cmpuint (count_sessions (f, p->id), ==, 1);
}

static void
test_acknowledgement (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MesoPatient) p = clean_patient ("1980-05-10");
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoSession) stored = NULL;
  g_autoptr(GError) error = NULL;

  p->history->bruises_easily = TRUE;
  p->history->fitzpatrick = 5;
  s = planned_session (insert (f, p));

  g_assert_false (meso_book_session (f->store, s, NULL, &error));
  g_assert_error (error, MESO_BOOKING_ERROR, MESO_BOOKING_ERROR_NOT_ACKNOWLEDGED);
  g_assert_nonnull (strstr (error->message, "bruising_risk"));
  g_assert_nonnull (strstr (error->message, "pigmentation_risk"));
  g_assert_cmpuint (count_sessions (f, p->id), ==, 0);
  g_clear_error (&error);

  /* Half acknowledged: the message names only what is left. */
  ack (s, "bruising_risk");
  g_assert_false (meso_book_session (f->store, s, NULL, &error));
  g_assert_error (error, MESO_BOOKING_ERROR, MESO_BOOKING_ERROR_NOT_ACKNOWLEDGED);
  g_assert_null (strstr (error->message, "bruising_risk"));
  g_assert_nonnull (strstr (error->message, "pigmentation_risk"));
  g_assert_cmpuint (count_sessions (f, p->id), ==, 0);
  g_clear_error (&error);

  /* Acknowledging what was not found is harmless and not stored. */
  ack (s, "pregnancy");
  ack (s, "pigmentation_risk");
  ack (s, "bruising_risk");
  g_assert_true (meso_book_session (f->store, s, NULL, &error));
  g_assert_no_error (error);
  stored = meso_store_get_session (f->store, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->acknowledged->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (stored->acknowledged, 0), ==, "bruising_risk");
  g_assert_cmpstr (g_ptr_array_index (stored->acknowledged, 1), ==, "pigmentation_risk");
  g_assert_true (meso_strv_array_equal (stored->acknowledged, s->acknowledged));
}

static void
test_override_still_needs_acknowledgement (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(MesoPatient) p = clean_patient ("1980-05-10");
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(GError) error = NULL;

  p->history->conditions[MESO_CONDITION_DIABETES].answer = MESO_ANSWER_YES;
  p->history->sensitive_skin = TRUE;
  s = planned_session (insert (f, p));
  s->override_reason = g_strdup ("Well-controlled type 2 diabetes, GP letter on file");

  g_assert_false (meso_book_session (f->store, s, NULL, &error));
  g_assert_error (error, MESO_BOOKING_ERROR, MESO_BOOKING_ERROR_NOT_ACKNOWLEDGED);
  g_assert_nonnull (strstr (error->message, "sensitive_skin"));
  g_assert_cmpuint (count_sessions (f, p->id), ==, 0);
  g_clear_error (&error);

  ack (s, "sensitive_skin");
  g_assert_true (meso_book_session (f->store, s, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_sessions (f, p->id), ==, 1);
}

static void
test_legal_age_setting (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MesoPatient) p = clean_patient ("2006-06-15");
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoSettings) settings = NULL;
  g_autoptr(MesoScreening) before = NULL;
  g_autoptr(MesoScreening) after = NULL;
  g_autoptr(GError) error = NULL;
  const MesoFinding *finding;

  s = planned_session (insert (f, p));   /* 19 on 2026-05-04 */
  before = meso_booking_screen (f->store, s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (before->verdict, ==, MESO_VERDICT_CLEAR);

  settings = meso_store_load_settings (f->store, &error);
  g_assert_no_error (error);
  settings->legal_age = 21;
  g_assert_true (meso_store_save_settings (f->store, settings, &error));
  g_assert_no_error (error);

  after = meso_booking_screen (f->store, s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->verdict, ==, MESO_VERDICT_CONTRAINDICATED);
  finding = meso_screening_find (after, "under_age");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->message, "21"));

  g_assert_false (meso_book_session (f->store, s, NULL, &error));
  g_assert_error (error, MESO_BOOKING_ERROR, MESO_BOOKING_ERROR_CONTRAINDICATED);
  g_assert_nonnull (strstr (error->message, "under_age"));
  g_assert_cmpuint (count_sessions (f, p->id), ==, 0);
}

static void
test_stored_history (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MesoPatient) p = clean_patient ("1980-05-10");
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoScreening) screening = NULL;
  g_autoptr(GError) error = NULL;

  /* The stored history is what is screened, not a stale copy. */
  s = planned_session (insert (f, p));
  p->history->medications_state = MESO_LIST_RECORDED;
  g_ptr_array_add (p->history->medications, g_strdup ("Warfarin 5 mg"));
  g_assert_true (meso_store_update_patient (f->store, p, &error));
  g_assert_no_error (error);

  screening = meso_booking_screen (f->store, s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (screening->verdict, ==, MESO_VERDICT_CAUTION);
  g_assert_nonnull (meso_screening_find (screening, "anticoagulant"));

  g_assert_false (meso_book_session (f->store, s, NULL, &error));
  g_assert_error (error, MESO_BOOKING_ERROR, MESO_BOOKING_ERROR_NOT_ACKNOWLEDGED);
  g_assert_nonnull (strstr (error->message, "anticoagulant"));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MesoPatient) p = clean_patient ("1980-05-10");
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoSession) missing = NULL;
  g_autoptr(MesoScreening) screening = NULL;
  g_autoptr(GError) error = NULL;

  s = planned_session (insert (f, p));

  /* No such patient. */
  missing = planned_session (p->id + 1000);
  g_assert_false (meso_book_session (f->store, missing, &screening, &error));
  g_assert_nonnull (error);
  g_assert_null (screening);
  g_assert_cmpint (missing->id, ==, 0);
  g_clear_error (&error);
  g_assert_null (meso_booking_screen (f->store, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A value out of range is reported before any verdict. */
  s->needle_gauge = 0;
  g_assert_false (meso_book_session (f->store, s, NULL, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "needle.gauge"));
  g_clear_error (&error);

  /* No date: nothing to screen against. */
  s->needle_gauge = 30;
  g_date_clear (&s->date, 1);
  g_assert_null (meso_booking_screen (f->store, s, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_cmpuint (count_sessions (f, p->id), ==, 0);

  /* After all these refusals the store still books (no transaction left open). */
  g_assert_true (meso_date_parse ("2026-05-04", &s->date));
  g_assert_true (meso_book_session (f->store, s, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_sessions (f, p->id), ==, 1);
}

/* A date before birth is a value to correct, not a legal-age verdict: an
 * override reason does not book it. */
static void
test_before_birth (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MesoPatient) p = clean_patient ("1980-05-10");
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoScreening) screening = NULL;
  g_autoptr(GError) error = NULL;

  s = planned_session (insert (f, p));
  g_assert_true (meso_date_parse ("1900-01-01", &s->date));
  s->override_reason = g_strdup ("x");
  g_assert_false (meso_book_session (f->store, s, &screening, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "date: the session is before the patient’s date of birth (1980-05-10)");
  g_assert_null (screening);
  g_assert_cmpint (s->id, ==, 0);
  g_assert_cmpuint (count_sessions (f, p->id), ==, 0);
  g_clear_error (&error);

  /* The app screens first: no verdict to show, the same error. */
  g_assert_null (meso_booking_screen (f->store, s, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "date: "));
  g_clear_error (&error);

  /* Without an override, the same refusal rather than "under_age". */
  g_clear_pointer (&s->override_reason, g_free);
  g_assert_false (meso_book_session (f->store, s, NULL, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "date: "));
  g_assert_cmpuint (count_sessions (f, p->id), ==, 0);
}

static void
test_unknown_acknowledged (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MesoPatient) p = clean_patient ("1980-05-10");
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(GError) error = NULL;

  s = planned_session (insert (f, p));
  ack (s, "bogus");
  g_assert_false (meso_book_session (f->store, s, NULL, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "acknowledged: “bogus” is not a screening finding code");
  g_assert_cmpuint (count_sessions (f, p->id), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/booking/clear", test_clear);
  ADD ("/booking/contraindicated", test_contraindicated);
  ADD ("/booking/acknowledgement", test_acknowledgement);
  ADD ("/booking/override-still-needs-acknowledgement", test_override_still_needs_acknowledgement);
  ADD ("/booking/legal-age-setting", test_legal_age_setting);
  ADD ("/booking/stored-history", test_stored_history);
  ADD ("/booking/bad-input", test_bad_input);
  ADD ("/booking/before-birth", test_before_birth);
  ADD ("/booking/unknown-acknowledged", test_unknown_acknowledged);

#undef ADD

  return g_test_run ();
}
