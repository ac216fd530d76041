/* Record values: dates, ages, validation messages naming the field. */
#include "meso-record.h"
#include "meso-screening.h"

static void
test_date_parse (void)
{
  GDate d;
  g_autofree char *text = NULL;

  g_assert_true (meso_date_parse ("2024-02-29", &d));
  text = meso_date_format (&d);
  g_assert_cmpstr (text, ==, "2024-02-29");

  g_assert_false (meso_date_parse ("2023-02-29", &d));
  g_assert_false (g_date_valid (&d));
  g_assert_false (meso_date_parse ("2023-13-01", &d));
  g_assert_false (meso_date_parse ("2023-1-01", &d));
  g_assert_false (meso_date_parse ("2023-01-01x", &d));
  g_assert_false (meso_date_parse ("01/02/2023", &d));
  g_assert_false (meso_date_parse ("", &d));
  g_assert_false (meso_date_parse (NULL, &d));
}

static int
age (const char *birth,
     const char *on)
{
  GDate b, o;

  g_assert_true (meso_date_parse (birth, &b));
  g_assert_true (meso_date_parse (on, &o));
  return meso_age_on (&b, &o);
}

static void
test_age_leap_day (void)
{
  g_assert_cmpint (age ("2008-02-29", "2026-02-28"), ==, 17);
  g_assert_cmpint (age ("2008-02-29", "2026-03-01"), ==, 18);
  g_assert_cmpint (age ("2008-02-29", "2028-02-29"), ==, 20);
  g_assert_cmpint (age ("2008-02-29", "2028-02-28"), ==, 19);
  g_assert_cmpint (age ("2000-06-15", "2018-06-14"), ==, 17);
  g_assert_cmpint (age ("2000-06-15", "2018-06-15"), ==, 18);
}

static void
assert_session_refused (MesoSession *s,
                        const char  *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (meso_session_validate (s, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, field));
}

static void
test_session_ranges (void)
{
  g_autoptr(MesoSession) s = meso_session_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (meso_date_parse ("2026-05-04", &s->date));
  g_assert_true (meso_session_validate (s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s->needle_gauge, ==, 30);
  g_assert_cmpfloat (s->depth_mm, ==, 2.0);

  s->needle_gauge = 0;
  assert_session_refused (s, "needle.gauge");
  s->needle_gauge = 30;

  s->needle_length_mm = 13;
  s->depth_mm = 40;
  assert_session_refused (s, "depth_mm");
  s->depth_mm = 2;

  s->angle_deg = 120;
  assert_session_refused (s, "angle_deg");
  s->angle_deg = 45;

  g_assert_true (meso_date_parse ("2026-05-03", &s->batch_expiry));
  assert_session_refused (s, "batch_expiry");
}

/* An acknowledgement names a finding the screening can produce. */
static void
test_session_acknowledged (void)
{
  g_autoptr(MesoSession) s = meso_session_new ();
  g_autoptr(GError) error = NULL;
  const MesoScreeningRule *rules;
  guint n_rules;

  g_assert_true (meso_date_parse ("2026-05-04", &s->date));
  rules = meso_screening_rules (&n_rules);
  for (guint i = 0; i < n_rules; i++)
    g_ptr_array_add (s->acknowledged, g_strdup (rules[i].code));
  g_assert_true (meso_session_validate (s, &error));
  g_assert_no_error (error);

  g_ptr_array_add (s->acknowledged, g_strdup ("bogus"));
  g_assert_false (meso_session_validate (s, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "acknowledged: “bogus” is not a screening finding code");
  g_clear_error (&error);

  /* Codes are exact: no case folding, no blanks. */
  g_ptr_array_set_size (s->acknowledged, 0);
  g_ptr_array_add (s->acknowledged, g_strdup ("Pregnancy"));
  assert_session_refused (s, "acknowledged");
  g_ptr_array_set_size (s->acknowledged, 0);
  g_ptr_array_add (s->acknowledged, g_strdup (""));
  assert_session_refused (s, "acknowledged");
}

static void
test_session_before_birth (void)
{
  g_autoptr(MesoSession) s = meso_session_new ();
  g_autoptr(GError) error = NULL;
  GDate birth, unknown;

  g_assert_true (meso_date_parse ("1980-01-01", &birth));
  g_assert_true (meso_date_parse ("1979-12-31", &s->date));
  g_assert_false (meso_session_validate_for_patient (s, &birth, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "date: the session is before the patient’s date of birth (1980-01-01)");
  g_clear_error (&error);

  /* The day of birth itself is possible, if unusual. */
  g_assert_true (meso_date_parse ("1980-01-01", &s->date));
  g_assert_true (meso_session_validate_for_patient (s, &birth, &error));
  g_assert_no_error (error);

  /* Nothing to compare with: not this check's refusal. */
  g_assert_true (meso_date_parse ("1900-01-01", &s->date));
  g_date_clear (&unknown, 1);
  g_assert_true (meso_session_validate_for_patient (s, &unknown, &error));
  g_assert_true (meso_session_validate_for_patient (s, NULL, &error));
  g_assert_no_error (error);
}

static void
test_patient_future_birth (void)
{
  g_autoptr(MesoPatient) p = meso_patient_new ();
  g_autoptr(GError) error = NULL;
  GDate today;

  g_assert_true (meso_date_parse ("2026-01-01", &today));
  p->name = g_strdup ("Hélène Dupont");
  g_assert_true (meso_date_parse ("2026-01-02", &p->date_of_birth));
  g_assert_false (meso_patient_validate (p, &today, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "date_of_birth"));
  g_clear_error (&error);

  g_assert_true (meso_date_parse ("1990-01-02", &p->date_of_birth));
  g_assert_true (meso_patient_validate (p, &today, &error));

  p->history->allergies_state = MESO_LIST_NONE_KNOWN;
  g_ptr_array_add (p->history->allergies, g_strdup ("latex"));
  g_assert_false (meso_patient_validate (p, &today, &error));
  g_assert_true (g_str_has_prefix (error->message, "allergies"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/record/date-parse", test_date_parse);
  g_test_add_func ("/record/age-leap-day", test_age_leap_day);
  g_test_add_func ("/record/session-ranges", test_session_ranges);
  g_test_add_func ("/record/session-acknowledged", test_session_acknowledged);
  g_test_add_func ("/record/session-before-birth", test_session_before_birth);
  g_test_add_func ("/record/patient-future-birth", test_patient_future_birth);
  return g_test_run ();
}
