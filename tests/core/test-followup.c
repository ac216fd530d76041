/* test-followup.c: follow-up values: validation, copies and the flag
 * vocabulary. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "meso-followup-test-util.h"

static void
test_validate (void)
{
  g_autoptr(MesoFollowup) f = meso_followup_new ();
  g_autoptr(GError) error = NULL;
  GDate session_date;

  meso_test_set_date (&session_date, MESO_TEST_SESSION_DAY);

  g_assert_false (meso_followup_validate (f, &session_date, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_MISSING);
  g_assert_true (g_str_has_prefix (error->message, "date:"));
  g_clear_error (&error);

  meso_test_set_date (&f->date, "2026-03-01");
  g_assert_false (meso_followup_validate (f, &session_date, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "date:"));
  g_assert_nonnull (strstr (error->message, MESO_TEST_SESSION_DAY));
  g_clear_error (&error);

  /* The session day itself is a valid follow-up day. */
  meso_test_set_date (&f->date, MESO_TEST_SESSION_DAY);
  g_assert_true (meso_followup_validate (f, &session_date, &error));
  g_assert_no_error (error);

  f->lump_size_mm = 4;
  g_assert_false (meso_followup_validate (f, &session_date, &error));
  g_assert_true (g_str_has_prefix (error->message, "lump_size_mm:"));
  g_clear_error (&error);
  f->lumps = TRUE;
  g_assert_true (meso_followup_validate (f, &session_date, NULL));
  f->lump_size_mm = -1;
  g_assert_false (meso_followup_validate (f, &session_date, &error));
  g_assert_true (g_str_has_prefix (error->message, "lump_size_mm:"));
  g_clear_error (&error);
  f->lump_size_mm = MESO_FOLLOWUP_LUMP_SIZE_MAX + 1;
  g_assert_false (meso_followup_validate (f, &session_date, NULL));
}

static void
test_copy (void)
{
  g_autoptr(MesoFollowup) f = meso_test_make_followup (3, 1, 2);
  g_autoptr(MesoFollowup) copy = NULL;
  g_autoptr(MesoFlag) flag = g_new0 (MesoFlag, 1);
  g_autoptr(MesoFlag) flag_copy = NULL;

  f->notes = g_strdup ("small lump left cheek");
  f->lumps = TRUE;
  copy = meso_followup_copy (f);
  g_assert_true (copy->notes != f->notes);
  g_assert_cmpstr (copy->notes, ==, f->notes);
  g_assert_true (copy->lumps);
  g_assert_cmpint (g_date_compare (&copy->date, &f->date), ==, 0);

  flag->code = g_strdup ("pain");
  flag->reason = g_strdup ("Significant pain");
  flag_copy = meso_flag_copy (flag);
  g_assert_cmpstr (flag_copy->code, ==, "pain");
  g_assert_true (flag_copy->reason != flag->reason);
}

static void
test_vocabulary (void)
{
  const char * const *codes = meso_flag_codes ();
  MesoFlagSeverity severity;

  for (guint i = 0; i < MESO_N_FLAG_SEVERITIES; i++)
    {
      const char *code = meso_flag_severity_to_code (i);

      g_assert_true (meso_flag_severity_from_code (code, &severity));
      g_assert_cmpint (severity, ==, i);
      g_assert_nonnull (meso_flag_severity_to_label (i));
    }
  g_assert_cmpstr (meso_flag_severity_to_code (MESO_FLAG_URGENT), ==, "urgent");
  g_assert_cmpstr (meso_flag_severity_to_code (MESO_FLAG_ROUTINE), ==, "routine");
  severity = MESO_FLAG_REVIEW;
  g_assert_false (meso_flag_severity_from_code ("severe", &severity));
  g_assert_cmpint (severity, ==, MESO_FLAG_REVIEW);

  g_assert_cmpuint (g_strv_length ((char **) codes), ==, 9);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_assert_true (meso_flag_code_is_known (codes[i]));
      g_assert_nonnull (meso_flag_code_to_label (codes[i]));
    }
  g_assert_false (meso_flag_code_is_known ("lumps"));
  g_assert_false (meso_flag_code_is_known (NULL));
  g_assert_null (meso_flag_code_to_label ("nope"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/followup/validate", test_validate);
  g_test_add_func ("/followup/copy", test_copy);
  g_test_add_func ("/followup/vocabulary", test_vocabulary);

  return g_test_run ();
}
