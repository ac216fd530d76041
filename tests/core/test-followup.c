/* test-followup.c: follow-up values, the flag rules and their storage. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "meso-followup.h"
#include "meso-followup-rules.h"

#define SESSION_DAY "2026-03-02"

static void
set_date (GDate      *date,
          const char *text)
{
  g_assert_true (meso_date_parse (text, date));
}

static MesoSession *
make_session (gint64            id,
              MesoArea          area,
              MesoConsistency   consistency,
              MesoSessionStatus status,
              const char       *date)
{
  MesoSession *session = meso_session_new ();

  session->id = id;
  session->patient_id = 100 + id;
  session->area = area;
  session->consistency = consistency;
  session->status = status;
  set_date (&session->date, date);
  return session;
}

/* A follow-up @days after SESSION_DAY. */
static MesoFollowup *
make_followup (gint64 id,
               gint64 session_id,
               guint  days)
{
  MesoFollowup *f = meso_followup_new ();

  f->id = id;
  f->session_id = session_id;
  set_date (&f->date, SESSION_DAY);
  g_date_add_days (&f->date, days);
  return f;
}

static GPtrArray *
followup_list (MesoFollowup *first,
               ...)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_followup_free);
  va_list args;

  va_start (args, first);
  for (MesoFollowup *f = first; f != NULL; f = va_arg (args, MesoFollowup *))
    g_ptr_array_add (list, f);
  va_end (args);
  return list;
}

static void
as_of_days (GDate *date,
            guint  days)
{
  set_date (date, SESSION_DAY);
  g_date_add_days (date, days);
}

static const MesoFlag *
find_flag (GPtrArray  *flags,
           const char *code)
{
  for (guint i = 0; i < flags->len; i++)
    {
      MesoFlag *flag = g_ptr_array_index (flags, i);

      if (g_str_equal (flag->code, code))
        return flag;
    }
  return NULL;
}

/* Like find_flag(), for a flag that must be there. */
static const MesoFlag *
get_flag (GPtrArray  *flags,
          const char *code)
{
  const MesoFlag *flag = find_flag (flags, code);

  if (flag == NULL)
    g_error ("no flag “%s”", code);
  return flag;
}

/* Flags raised by one observation (taken) on a done session of SESSION_DAY
 * in @area, as of the observation's day. */
static GPtrArray *
flags_for (MesoFollowup *f,
           MesoArea      area,
           MesoConsistency consistency)
{
  g_autoptr(MesoSession) session = make_session (1, area, consistency, MESO_SESSION_DONE, SESSION_DAY);
  g_autoptr(GPtrArray) list = followup_list (f, NULL);

  return meso_followup_flags_compute (session, NULL, list, &f->date);
}

static char *
codes_of (GPtrArray *flags)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < flags->len; i++)
    {
      MesoFlag *flag = g_ptr_array_index (flags, i);

      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, flag->code);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_codes (GPtrArray  *flags,
              const char *expected)
{
  g_autofree char *codes = codes_of (flags);

  g_assert_cmpstr (codes, ==, expected);
}

/* --- values ----------------------------------------------------------- */

static void
test_validate (void)
{
  g_autoptr(MesoFollowup) f = meso_followup_new ();
  g_autoptr(GError) error = NULL;
  GDate session_date;

  set_date (&session_date, SESSION_DAY);

  g_assert_false (meso_followup_validate (f, &session_date, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_MISSING);
  g_assert_true (g_str_has_prefix (error->message, "date:"));
  g_clear_error (&error);

  set_date (&f->date, "2026-03-01");
  g_assert_false (meso_followup_validate (f, &session_date, &error));
  g_assert_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "date:"));
  g_assert_nonnull (strstr (error->message, SESSION_DAY));
  g_clear_error (&error);

  /* The session day itself is a valid follow-up day. */
  set_date (&f->date, SESSION_DAY);
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
  g_autoptr(MesoFollowup) f = make_followup (3, 1, 2);
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

/* --- each rule --------------------------------------------------------- */

static void
test_allergic_reaction (void)
{
  MesoFollowup *f;
  g_autoptr(GPtrArray) flags = NULL;
  const MesoFlag *flag;

  f = make_followup (1, 1, 1);
  f->itching_hives = TRUE;
  flags = flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM);
  assert_codes (flags, "allergic_reaction");
  flag = g_ptr_array_index (flags, 0);
  g_assert_cmpint (flag->severity, ==, MESO_FLAG_URGENT);
  g_assert_nonnull (strstr (flag->reason, "immediately"));
  g_assert_nonnull (strstr (flag->source, "001_e1b791a31c2e5ae2.txt"));
  g_assert_nonnull (strstr (flag->source, "004_7f3870fa434bdef8.txt"));
  g_assert_cmpint (flag->session_id, ==, 1);
  g_assert_cmpint (flag->patient_id, ==, 101);
  g_assert_false (flag->reviewed);
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = make_followup (1, 1, 1);
  f->breathing_difficulty = TRUE;
  flags = flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM);
  assert_codes (flags, "allergic_reaction");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Swelling with itching is still one allergy flag. */
  f = make_followup (1, 1, 1);
  f->itching_hives = TRUE;
  f->swelling = TRUE;
  flags = flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM);
  assert_codes (flags, "allergic_reaction");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Swelling alone on day 1 is an expected after-effect. */
  f = make_followup (1, 1, 1);
  f->swelling = TRUE;
  f->redness = TRUE;
  f->lumps = TRUE;
  flags = flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM);
  assert_codes (flags, "");
}

static void
test_infection (void)
{
  MesoFollowup *f;
  g_autoptr(GPtrArray) flags = NULL;

  f = make_followup (1, 1, 3);
  f->discharge = TRUE;
  flags = flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  assert_codes (flags, "infection");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (flags, 0))->severity, ==, MESO_FLAG_URGENT);
  g_assert_nonnull (strstr (((MesoFlag *) g_ptr_array_index (flags, 0))->source, "000_3dff7d7878ea26d5.txt"));
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = make_followup (1, 1, 3);
  f->fever = TRUE;
  flags = flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  assert_codes (flags, "infection");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Painful lumps that are red, or warm: infection (and not also "pain"). */
  f = make_followup (1, 1, 3);
  f->lumps = f->pain = f->redness = TRUE;
  flags = flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  assert_codes (flags, "infection");
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = make_followup (1, 1, 3);
  f->lumps = f->pain = f->warmth = TRUE;
  flags = flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  assert_codes (flags, "infection");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Painful lumps without redness or warmth: pain only. */
  f = make_followup (1, 1, 3);
  f->lumps = f->pain = TRUE;
  flags = flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  assert_codes (flags, "pain");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (flags, 0))->severity, ==, MESO_FLAG_REVIEW);
  g_assert_cmpstr (((MesoFlag *) g_ptr_array_index (flags, 0))->source, ==, "001_e1b791a31c2e5ae2.txt");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Red and warm lumps that do not hurt, within the expected window: nothing. */
  f = make_followup (1, 1, 3);
  f->lumps = f->redness = f->warmth = TRUE;
  flags = flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  assert_codes (flags, "");
}

static void
test_other_signs (void)
{
  MesoFollowup *f;
  g_autoptr(GPtrArray) flags = NULL;

  f = make_followup (1, 1, 0);
  f->bleeding = TRUE;
  flags = flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_THIN);
  assert_codes (flags, "bleeding");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (flags, 0))->severity, ==, MESO_FLAG_URGENT);
  g_assert_cmpstr (((MesoFlag *) g_ptr_array_index (flags, 0))->source, ==, "003_2060e19cd3227af0.txt");
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = make_followup (1, 1, 20);
  f->nodules = TRUE;
  flags = flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_THIN);
  assert_codes (flags, "nodules");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (flags, 0))->severity, ==, MESO_FLAG_REVIEW);
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = make_followup (1, 1, 20);
  f->pigmentation_change = TRUE;
  flags = flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_THIN);
  assert_codes (flags, "pigmentation");
  g_assert_nonnull (strstr (((MesoFlag *) g_ptr_array_index (flags, 0))->source, "003_2060e19cd3227af0.txt"));
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = make_followup (1, 1, 1);
  f->pain = TRUE;
  flags = flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_THIN);
  assert_codes (flags, "pain");
}

/* 000: "more than two weeks": day 14 is not flagged, day 15 is. */
static void
test_lumps_boundary (void)
{
  MesoFollowup *f;
  g_autoptr(GPtrArray) flags = NULL;
  const MesoFlag *flag;
  GDate observed;

  f = make_followup (1, 1, 14);
  f->lumps = TRUE;
  flags = flags_for (f, MESO_AREA_ARMS, MESO_CONSISTENCY_THIN);
  g_assert_null (find_flag (flags, "lumps_persisting"));
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = make_followup (1, 1, 15);
  f->lumps = TRUE;
  f->lump_size_mm = 3;
  observed = f->date;
  /* flags_for() takes @f. */
  flags = flags_for (f, MESO_AREA_ARMS, MESO_CONSISTENCY_THIN);
  flag = get_flag (flags, "lumps_persisting");
  g_assert_cmpint (flag->severity, ==, MESO_FLAG_REVIEW);
  g_assert_cmpstr (flag->source, ==, "000_3dff7d7878ea26d5.txt");
  g_assert_nonnull (strstr (flag->reason, "15 days"));
  g_assert_nonnull (strstr (flag->reason, "3 mm"));
  g_assert_cmpint (g_date_compare (&observed, &flag->raised_on), ==, 0);
}

typedef struct
{
  MesoArea        area;
  MesoConsistency consistency;
  guint           expected;
} ExpectedCase;

/* The last expected day is not flagged, the day after is. */
static void
test_expected_duration (void)
{
  static const ExpectedCase cases[] = {
    { MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM, 5 },
    { MESO_AREA_NECK, MESO_CONSISTENCY_THIN, 5 },
    { MESO_AREA_FACE, MESO_CONSISTENCY_THICK, 8 },
    { MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM, 10 },
    { MESO_AREA_ABDOMEN, MESO_CONSISTENCY_MEDIUM, 10 },
    { MESO_AREA_BUTTOCKS, MESO_CONSISTENCY_THICK, 13 },
    { MESO_AREA_THIGHS, MESO_CONSISTENCY_THICK, 13 },
    { MESO_AREA_ARMS, MESO_CONSISTENCY_MEDIUM, 7 },
    { MESO_AREA_SCALP, MESO_CONSISTENCY_THIN, 7 },
    { MESO_AREA_DECOLLETE, MESO_CONSISTENCY_THICK, 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ExpectedCase *c = &cases[i];

      g_assert_cmpuint (meso_followup_expected_days (c->area, c->consistency), ==, c->expected);

      for (guint extra = 0; extra <= 1; extra++)
        {
          MesoFollowup *f = make_followup (1, 1, c->expected + extra);
          g_autoptr(GPtrArray) flags = NULL;
          const MesoFlag *flag;

          /* Redness alone, then swelling alone, both count. */
          if (i % 2 == 0)
            f->redness = TRUE;
          else
            f->swelling = TRUE;
          flags = flags_for (f, c->area, c->consistency);
          if (extra == 0)
            g_assert_null (find_flag (flags, "prolonged_redness"));
          else
            {
              g_autofree char *expected = g_strdup_printf ("%u days expected", c->expected);

              flag = get_flag (flags, "prolonged_redness");
              g_assert_cmpint (flag->severity, ==, MESO_FLAG_REVIEW);
              g_assert_nonnull (strstr (flag->source, "003_2060e19cd3227af0.txt"));
              g_assert_nonnull (strstr (flag->reason, expected));
            }
        }
    }
}

/* Raised on the review date, not the day before; answered by any
 * follow-up; lapses after MESO_FOLLOWUP_REMINDER_LAPSE_DAYS. */
static void
test_no_followup (void)
{
  g_autoptr(MesoSession) session = make_session (7, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                 MESO_SESSION_DONE, SESSION_DAY);
  g_autoptr(GPtrArray) none = followup_list (NULL);
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GPtrArray) some = NULL;
  const MesoFlag *flag;
  GDate as_of, review, custom;

  meso_followup_review_date (session, &review);
  as_of_days (&as_of, MESO_FOLLOWUP_REVIEW_DAYS);
  g_assert_cmpint (g_date_compare (&review, &as_of), ==, 0);

  as_of_days (&as_of, MESO_FOLLOWUP_REVIEW_DAYS - 1);
  flags = meso_followup_flags_compute (session, NULL, none, &as_of);
  assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);

  as_of_days (&as_of, MESO_FOLLOWUP_REVIEW_DAYS);
  flags = meso_followup_flags_compute (session, NULL, none, &as_of);
  assert_codes (flags, "no_followup");
  flag = g_ptr_array_index (flags, 0);
  g_assert_cmpint (flag->severity, ==, MESO_FLAG_ROUTINE);
  g_assert_cmpint (g_date_compare (&flag->raised_on, &review), ==, 0);
  g_assert_nonnull (strstr (flag->reason, "2026-03-16"));
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Any follow-up known by then answers it, even an uneventful late one. */
  some = followup_list (make_followup (1, 7, 20), NULL);
  as_of_days (&as_of, 30);
  flags = meso_followup_flags_compute (session, NULL, some, &as_of);
  assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);
  /* ...but not before it was recorded. */
  as_of_days (&as_of, 19);
  flags = meso_followup_flags_compute (session, NULL, some, &as_of);
  assert_codes (flags, "no_followup");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* A review date given by the caller. */
  as_of_days (&custom, 7);
  as_of_days (&as_of, 6);
  flags = meso_followup_flags_compute (session, &custom, none, &as_of);
  assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);
  as_of_days (&as_of, 7);
  flags = meso_followup_flags_compute (session, &custom, none, &as_of);
  assert_codes (flags, "no_followup");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* The lapse. */
  as_of_days (&as_of, MESO_FOLLOWUP_REVIEW_DAYS + MESO_FOLLOWUP_REMINDER_LAPSE_DAYS);
  flags = meso_followup_flags_compute (session, NULL, none, &as_of);
  assert_codes (flags, "no_followup");
  g_clear_pointer (&flags, g_ptr_array_unref);
  as_of_days (&as_of, MESO_FOLLOWUP_REVIEW_DAYS + MESO_FOLLOWUP_REMINDER_LAPSE_DAYS + 1);
  flags = meso_followup_flags_compute (session, NULL, none, &as_of);
  assert_codes (flags, "");
}

static void
test_status_ignored (void)
{
  for (MesoSessionStatus status = MESO_SESSION_BOOKED; status < MESO_N_SESSION_STATUSES; status++)
    {
      g_autoptr(MesoSession) session = make_session (1, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                     status, SESSION_DAY);
      g_autoptr(GPtrArray) list = followup_list (make_followup (1, 1, 20), NULL);
      g_autoptr(GPtrArray) flags = NULL;
      MesoFollowup *f = g_ptr_array_index (list, 0);
      GDate as_of;

      f->discharge = TRUE;
      f->lumps = TRUE;
      as_of_days (&as_of, 30);
      flags = meso_followup_flags_compute (session, NULL, list, &as_of);
      if (status == MESO_SESSION_DONE)
        assert_codes (flags, "infection lumps_persisting");
      else
        assert_codes (flags, "");
    }
}

/* Observations dated after the as-of date are not known yet. */
static void
test_as_of (void)
{
  g_autoptr(MesoSession) session = make_session (1, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                 MESO_SESSION_DONE, SESSION_DAY);
  g_autoptr(GPtrArray) list = followup_list (make_followup (1, 1, 3), NULL);
  g_autoptr(GPtrArray) flags = NULL;
  GDate as_of;

  ((MesoFollowup *) g_ptr_array_index (list, 0))->fever = TRUE;
  as_of_days (&as_of, 2);
  flags = meso_followup_flags_compute (session, NULL, list, &as_of);
  assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);
  as_of_days (&as_of, 3);
  flags = meso_followup_flags_compute (session, NULL, list, &as_of);
  assert_codes (flags, "infection");
}

/* Most urgent first, then the oldest, then by session. */
static void
test_ordering (void)
{
  g_autoptr(MesoSession) session = make_session (1, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                 MESO_SESSION_DONE, SESSION_DAY);
  g_autoptr(GPtrArray) list = followup_list (make_followup (1, 1, 16), make_followup (2, 1, 18), NULL);
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_flag_free);
  MesoFollowup *f1 = g_ptr_array_index (list, 0);
  MesoFollowup *f2 = g_ptr_array_index (list, 1);
  MesoFlag *flag;
  GDate as_of;

  f1->lumps = TRUE;                 /* review, day 16 */
  f1->pigmentation_change = TRUE;   /* review, day 16 */
  f2->itching_hives = TRUE;         /* urgent, day 18 */
  f2->bleeding = TRUE;              /* urgent, day 18 */
  f2->lumps = TRUE;
  as_of_days (&as_of, 20);
  flags = meso_followup_flags_compute (session, NULL, list, &as_of);
  assert_codes (flags, "allergic_reaction bleeding lumps_persisting pigmentation");
  /* The lumps flag is open since the first observation that showed them. */
  flag = (MesoFlag *) get_flag (flags, "lumps_persisting");
  g_assert_cmpint (g_date_compare (&flag->raised_on, &f1->date), ==, 0);
  g_assert_nonnull (strstr (flag->reason, "18 days"));

  /* Across sessions: urgent, then review by date then session, then routine. */
  for (guint i = 0; i < flags->len; i++)
    g_ptr_array_add (all, meso_flag_copy (g_ptr_array_index (flags, i)));
  flag = g_new0 (MesoFlag, 1);
  flag->code = g_strdup ("no_followup");
  flag->severity = MESO_FLAG_ROUTINE;
  flag->session_id = 0;
  as_of_days (&flag->raised_on, 1);
  g_ptr_array_insert (all, 0, flag);
  flag = g_new0 (MesoFlag, 1);
  flag->code = g_strdup ("pain");
  flag->severity = MESO_FLAG_REVIEW;
  flag->session_id = 0;
  as_of_days (&flag->raised_on, 16);
  g_ptr_array_insert (all, 0, flag);
  flag = g_new0 (MesoFlag, 1);
  flag->code = g_strdup ("infection");
  flag->severity = MESO_FLAG_URGENT;
  flag->session_id = 9;
  as_of_days (&flag->raised_on, 30);
  g_ptr_array_insert (all, 0, flag);

  g_ptr_array_sort (all, meso_flag_compare);
  assert_codes (all, "allergic_reaction bleeding infection pain lumps_persisting pigmentation no_followup");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (all, 3))->session_id, ==, 0);
}

/* A review covers what was seen; a later observation raises it again. */
static void
test_reviews (void)
{
  g_autoptr(MesoSession) session = make_session (1, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                 MESO_SESSION_DONE, SESSION_DAY);
  g_autoptr(GPtrArray) list = followup_list (make_followup (1, 1, 2), NULL);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_flag_review_free);
  g_autoptr(GPtrArray) flags = NULL;
  MesoFlagReview *review;
  MesoFollowup *f;
  const MesoFlag *flag;
  gint64 covered_id;
  GDate covered_date, as_of;

  f = g_ptr_array_index (list, 0);
  f->discharge = TRUE;
  as_of_days (&as_of, 3);

  g_assert_false (meso_followup_flag_coverage (session, NULL, list, "bleeding", &as_of,
                                               &covered_id, &covered_date));
  g_assert_false (meso_followup_flag_coverage (session, NULL, list, "unknown", &as_of,
                                               &covered_id, &covered_date));
  g_assert_true (meso_followup_flag_coverage (session, NULL, list, "infection", &as_of,
                                              &covered_id, &covered_date));
  g_assert_cmpint (covered_id, ==, 1);
  g_assert_cmpint (g_date_compare (&covered_date, &f->date), ==, 0);

  review = meso_flag_review_new ();
  review->code = g_strdup ("infection");
  review->covered_followup_id = covered_id;
  review->covered_date = covered_date;
  review->note = g_strdup ("Seen, antibiotics started");
  g_ptr_array_add (reviews, review);

  flags = meso_followup_flags_evaluate (session, NULL, list, reviews, &as_of, FALSE);
  assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);
  flags = meso_followup_flags_evaluate (session, NULL, list, reviews, &as_of, TRUE);
  assert_codes (flags, "infection");
  flag = g_ptr_array_index (flags, 0);
  g_assert_true (flag->reviewed);
  g_assert_cmpstr (flag->review_note, ==, "Seen, antibiotics started");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* A later observation without the sign: still closed. */
  f = make_followup (2, 1, 5);
  f->redness = TRUE;
  g_ptr_array_add (list, f);
  as_of_days (&as_of, 6);
  flags = meso_followup_flags_evaluate (session, NULL, list, reviews, &as_of, FALSE);
  assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* A newer observation with the sign raises it again, on its own date,
   * carrying the earlier note. */
  f = make_followup (3, 1, 6);
  f->fever = TRUE;
  g_ptr_array_add (list, f);
  flags = meso_followup_flags_evaluate (session, NULL, list, reviews, &as_of, FALSE);
  assert_codes (flags, "infection");
  flag = g_ptr_array_index (flags, 0);
  g_assert_false (flag->reviewed);
  g_assert_cmpint (g_date_compare (&flag->raised_on, &f->date), ==, 0);
  g_assert_cmpstr (flag->review_note, ==, "Seen, antibiotics started");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* A review of the reminder closes it for good. */
  {
    g_autoptr(MesoSession) quiet = make_session (2, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                 MESO_SESSION_DONE, SESSION_DAY);
    g_autoptr(GPtrArray) none = followup_list (NULL);

    as_of_days (&as_of, 20);
    g_assert_true (meso_followup_flag_coverage (quiet, NULL, none, "no_followup", &as_of,
                                                &covered_id, &covered_date));
    g_assert_cmpint (covered_id, ==, 0);
    review = meso_flag_review_new ();
    review->code = g_strdup ("no_followup");
    review->note = g_strdup ("Phoned: all well");
    g_ptr_array_add (reviews, review);
    flags = meso_followup_flags_evaluate (quiet, NULL, none, reviews, &as_of, FALSE);
    g_assert_null (find_flag (flags, "no_followup"));
  }
}

/* --- the store ----------------------------------------------------------- */

typedef struct
{
  char      *dir;
  MesoStore *store;
} StoreFixture;

static void
store_setup (StoreFixture  *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("mesochart-followup-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->dir, "clinic.db", NULL);
  fx->store = meso_store_open (path, &error);
  g_assert_no_error (error);
}

static void
store_teardown (StoreFixture  *fx,
                gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fx->store);
  dir = g_dir_open (fx->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

static gint64
add_patient (MesoStore  *store,
             const char *name)
{
  g_autoptr(MesoPatient) patient = meso_patient_new ();
  g_autoptr(GError) error = NULL;

  patient->name = g_strdup (name);
  set_date (&patient->date_of_birth, "1985-06-15");
  meso_store_insert_patient (store, patient, &error);
  g_assert_no_error (error);
  return patient->id;
}

static gint64
add_session (MesoStore         *store,
             gint64             patient_id,
             const char        *date,
             MesoArea           area,
             MesoSessionStatus  status)
{
  g_autoptr(MesoSession) session = meso_session_new ();
  g_autoptr(GError) error = NULL;

  session->patient_id = patient_id;
  set_date (&session->date, date);
  session->area = area;
  session->status = status;
  meso_store_insert_session (store, session, &error);
  g_assert_no_error (error);
  return session->id;
}

static MesoFollowup *
followup_on (gint64      session_id,
             const char *date)
{
  MesoFollowup *f = meso_followup_new ();

  f->session_id = session_id;
  set_date (&f->date, date);
  return f;
}

static void
insert_ok (MesoStore    *store,
           MesoFollowup *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (meso_store_insert_followup (store, f, &error));
  g_assert_no_error (error);
  g_assert_cmpint (f->id, >, 0);
}

static GPtrArray *
open_flags (MesoStore  *store,
            const char *as_of)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *flags;
  GDate day;

  set_date (&day, as_of);
  flags = meso_store_list_open_flags (store, &day, &error);
  g_assert_no_error (error);
  if (flags == NULL)
    g_error ("no flag list");
  return flags;
}

static gint64
count_followups (MesoStore *store,
                 gint64     session_id)
{
  g_autoptr(GPtrArray) list = meso_store_list_followups (store, session_id, NULL);

  if (list == NULL)
    g_error ("cannot list the follow-ups of session %" G_GINT64_FORMAT, session_id);
  return list->len;
}

static void
test_store_insert (StoreFixture  *fx,
                   gconstpointer  data)
{
  gint64 patient = add_patient (fx->store, "Ada Lovelace");
  gint64 done = add_session (fx->store, patient, SESSION_DAY, MESO_AREA_FACE, MESO_SESSION_DONE);
  gint64 booked = add_session (fx->store, patient, "2026-04-01", MESO_AREA_FACE, MESO_SESSION_BOOKED);
  g_autoptr(MesoFollowup) f = followup_on (done, "2026-03-05");
  g_autoptr(MesoFollowup) bad = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  MesoFollowup *back;

  f->lumps = TRUE;
  f->lump_size_mm = 2.5;
  f->redness = TRUE;
  f->itching_hives = TRUE;
  f->nodules = TRUE;
  f->notes = g_strdup ("Small lump, left cheek");
  insert_ok (fx->store, f);

  list = meso_store_list_followups (fx->store, done, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  back = g_ptr_array_index (list, 0);
  g_assert_cmpint (back->id, ==, f->id);
  g_assert_cmpint (back->session_id, ==, done);
  g_assert_cmpint (g_date_compare (&back->date, &f->date), ==, 0);
  g_assert_true (back->lumps && back->redness && back->itching_hives && back->nodules);
  g_assert_false (back->pain || back->warmth || back->swelling || back->discharge ||
                  back->fever || back->bleeding || back->breathing_difficulty ||
                  back->pigmentation_change);
  g_assert_cmpfloat (back->lump_size_mm, ==, 2.5);
  g_assert_cmpstr (back->notes, ==, "Small lump, left cheek");

  /* Refusals name the field and write nothing. */
  bad = followup_on (done, "2026-03-01");
  g_assert_false (meso_store_insert_followup (fx->store, bad, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "date:"));
  g_clear_error (&error);
  g_assert_cmpint (bad->id, ==, 0);

  bad->session_id = 9999;
  set_date (&bad->date, "2026-03-05");
  g_assert_false (meso_store_insert_followup (fx->store, bad, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "session:"));
  g_clear_error (&error);

  /* A booked session has not happened: nothing to follow up yet. */
  bad->session_id = booked;
  set_date (&bad->date, "2026-04-02");
  g_assert_false (meso_store_insert_followup (fx->store, bad, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "session:"));
  g_clear_error (&error);

  /* Nor can an observation be dated after today. */
  {
    GDate tomorrow;

    meso_date_set_today (&tomorrow);
    g_date_add_days (&tomorrow, 1);
    bad->session_id = done;
    bad->date = tomorrow;
    g_assert_false (meso_store_insert_followup (fx->store, bad, &error));
    g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "date:"));
    g_clear_error (&error);
  }

  g_assert_cmpint (count_followups (fx->store, done), ==, 1);
  g_assert_cmpint (count_followups (fx->store, booked), ==, 0);
}

static void
test_store_open_flags (StoreFixture  *fx,
                       gconstpointer  data)
{
  gint64 ada = add_patient (fx->store, "Ada Lovelace");
  gint64 bea = add_patient (fx->store, "Béatrice Dubois");
  gint64 s_pus = add_session (fx->store, ada, SESSION_DAY, MESO_AREA_THIGHS, MESO_SESSION_DONE);
  gint64 s_lumps = add_session (fx->store, bea, "2026-02-20", MESO_AREA_FACE, MESO_SESSION_DONE);
  gint64 s_quiet = add_session (fx->store, bea, "2026-03-01", MESO_AREA_FACE, MESO_SESSION_DONE);
  gint64 s_booked = add_session (fx->store, ada, "2026-03-01", MESO_AREA_FACE, MESO_SESSION_BOOKED);
  gint64 s_cancel = add_session (fx->store, ada, "2026-03-01", MESO_AREA_FACE, MESO_SESSION_CANCELLED);
  g_autoptr(MesoFollowup) pus = followup_on (s_pus, "2026-03-10");
  g_autoptr(MesoFollowup) lumps = followup_on (s_lumps, "2026-03-08");
  g_autoptr(GPtrArray) flags = NULL;
  MesoFlag *flag;

  pus->discharge = TRUE;
  insert_ok (fx->store, pus);
  lumps->lumps = TRUE;          /* day 16 on the face */
  insert_ok (fx->store, lumps);

  /* Before the quiet session's review date (03-15): no reminder. */
  flags = open_flags (fx->store, "2026-03-14");
  assert_codes (flags, "infection lumps_persisting");
  g_clear_pointer (&flags, g_ptr_array_unref);

  flags = open_flags (fx->store, "2026-03-15");
  assert_codes (flags, "infection lumps_persisting no_followup");
  flag = g_ptr_array_index (flags, 0);
  g_assert_cmpint (flag->session_id, ==, s_pus);
  g_assert_cmpint (flag->patient_id, ==, ada);
  g_assert_cmpstr (flag->patient_name, ==, "Ada Lovelace");
  g_assert_cmpint (flag->severity, ==, MESO_FLAG_URGENT);
  flag = g_ptr_array_index (flags, 1);
  g_assert_cmpint (flag->session_id, ==, s_lumps);
  g_assert_cmpstr (flag->patient_name, ==, "Béatrice Dubois");
  flag = g_ptr_array_index (flags, 2);
  g_assert_cmpint (flag->session_id, ==, s_quiet);
  g_assert_cmpint (flag->severity, ==, MESO_FLAG_ROUTINE);
  /* Booked and cancelled sessions never show, whatever the date. */
  for (guint i = 0; i < flags->len; i++)
    {
      flag = g_ptr_array_index (flags, i);
      g_assert_cmpint (flag->session_id, !=, s_booked);
      g_assert_cmpint (flag->session_id, !=, s_cancel);
    }
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* As of a day before the observations they are not known yet, and the
   * lumps session (review date 03-06) is still waiting for a follow-up. */
  flags = open_flags (fx->store, "2026-03-07");
  assert_codes (flags, "no_followup");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (flags, 0))->session_id, ==, s_lumps);
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* The patient's own view. */
  {
    g_autoptr(GError) error = NULL;
    GDate day;

    set_date (&day, "2026-03-15");
    flags = meso_store_list_flags_for_patient (fx->store, bea, &day, &error);
    g_assert_no_error (error);
    assert_codes (flags, "lumps_persisting no_followup");
  }
}

static void
test_store_review (StoreFixture  *fx,
                   gconstpointer  data)
{
  gint64 ada = add_patient (fx->store, "Ada Lovelace");
  gint64 session = add_session (fx->store, ada, SESSION_DAY, MESO_AREA_FACE, MESO_SESSION_DONE);
  g_autoptr(MesoFollowup) first = followup_on (session, "2026-03-04");
  g_autoptr(MesoFollowup) calm = followup_on (session, "2026-03-06");
  g_autoptr(MesoFollowup) again = followup_on (session, "2026-03-08");
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;
  const MesoFlag *flag;
  GDate day;

  first->fever = TRUE;
  first->pain = TRUE;
  insert_ok (fx->store, first);
  flags = open_flags (fx->store, "2026-03-05");
  assert_codes (flags, "infection");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Refusals: unknown code, blank note, unknown session, a flag not raised. */
  g_assert_false (meso_store_review_flag (fx->store, session, "lumps", "ok", &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "code:"));
  g_clear_error (&error);
  g_assert_false (meso_store_review_flag (fx->store, session, "infection", " \t ", &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "note:"));
  g_clear_error (&error);
  g_assert_false (meso_store_review_flag (fx->store, session, "infection", NULL, &error));
  g_clear_error (&error);
  g_assert_false (meso_store_review_flag (fx->store, 4242, "infection", "seen", &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "session:"));
  g_clear_error (&error);
  g_assert_false (meso_store_review_flag (fx->store, session, "bleeding", "seen", &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  flags = open_flags (fx->store, "2026-03-05");
  assert_codes (flags, "infection");
  g_clear_pointer (&flags, g_ptr_array_unref);

  g_assert_true (meso_store_review_flag (fx->store, session, "infection",
                                         "Seen on 03-05, antibiotics started", &error));
  g_assert_no_error (error);
  flags = open_flags (fx->store, "2026-03-05");
  assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* The session's own view keeps the reviewed flag with its note. */
  set_date (&day, "2026-03-05");
  flags = meso_store_list_flags_for_session (fx->store, session, &day, &error);
  g_assert_no_error (error);
  assert_codes (flags, "infection");
  flag = g_ptr_array_index (flags, 0);
  g_assert_true (flag->reviewed);
  g_assert_cmpstr (flag->review_note, ==, "Seen on 03-05, antibiotics started");
  g_assert_cmpstr (flag->patient_name, ==, "Ada Lovelace");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* An observation without the sign leaves it closed. */
  calm->redness = TRUE;
  insert_ok (fx->store, calm);
  flags = open_flags (fx->store, "2026-03-07");
  assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* A newer one with the sign raises it again, from its own date. */
  again->discharge = TRUE;
  insert_ok (fx->store, again);
  flags = open_flags (fx->store, "2026-03-09");
  assert_codes (flags, "infection");
  flag = g_ptr_array_index (flags, 0);
  g_assert_false (flag->reviewed);
  g_assert_cmpint (g_date_compare (&flag->raised_on, &again->date), ==, 0);
  g_assert_cmpstr (flag->review_note, ==, "Seen on 03-05, antibiotics started");
  g_clear_pointer (&flags, g_ptr_array_unref);

  g_assert_true (meso_store_review_flag (fx->store, session, "infection", "Drained; better", &error));
  g_assert_no_error (error);
  flags = open_flags (fx->store, "2026-03-09");
  assert_codes (flags, "");
}

static void
test_store_reminder_review (StoreFixture  *fx,
                            gconstpointer  data)
{
  gint64 ada = add_patient (fx->store, "Ada Lovelace");
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;
  gint64 session;
  GDate day, today;
  g_autofree char *session_day = NULL;
  g_autofree char *as_of = NULL;

  /* The review uses today's record: a session 20 days ago is due. */
  meso_date_set_today (&today);
  day = today;
  g_date_subtract_days (&day, 20);
  session_day = meso_date_format (&day);
  as_of = meso_date_format (&today);
  session = add_session (fx->store, ada, session_day, MESO_AREA_FACE, MESO_SESSION_DONE);

  flags = open_flags (fx->store, as_of);
  assert_codes (flags, "no_followup");
  g_clear_pointer (&flags, g_ptr_array_unref);
  g_assert_true (meso_store_review_flag (fx->store, session, "no_followup",
                                         "Phoned: all well", &error));
  g_assert_no_error (error);
  flags = open_flags (fx->store, as_of);
  assert_codes (flags, "");
}

/* Deleting a patient takes the follow-ups and reviews with the sessions. */
static void
test_store_cascade (StoreFixture  *fx,
                    gconstpointer  data)
{
  gint64 ada = add_patient (fx->store, "Ada Lovelace");
  gint64 session = add_session (fx->store, ada, SESSION_DAY, MESO_AREA_FACE, MESO_SESSION_DONE);
  g_autoptr(MesoFollowup) f = followup_on (session, "2026-03-04");
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;

  f->bleeding = TRUE;
  insert_ok (fx->store, f);
  g_assert_true (meso_store_review_flag (fx->store, session, "bleeding", "Pressure applied", &error));
  g_assert_no_error (error);
  g_assert_true (meso_store_delete_patient (fx->store, ada, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_followups (fx->store, session), ==, 0);
  flags = open_flags (fx->store, "2026-03-20");
  assert_codes (flags, "");
}

/* The clinic-wide listing preselects in SQL; it must give exactly what the
 * per-session evaluation gives, on a varied record and on many days
 * (including the reminder's first and last days). */
static void
test_store_bulk_matches (StoreFixture  *fx,
                         gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260322);
  g_autoptr(GArray) sessions = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 patients[3];
  GDate today;

  meso_date_set_today (&today);
  patients[0] = add_patient (fx->store, "Ada Lovelace");
  patients[1] = add_patient (fx->store, "Béatrice Dubois");
  patients[2] = add_patient (fx->store, "Chen Wei");

  for (guint i = 0; i < 80; i++)
    {
      GDate day = today;
      g_autofree char *date = NULL;
      MesoSessionStatus status;
      gint64 id;

      g_date_subtract_days (&day, g_rand_int_range (rand, 0, 260));
      date = meso_date_format (&day);
      status = g_rand_int_range (rand, 0, 10) < 7 ? MESO_SESSION_DONE
                                                  : g_rand_int_range (rand, 0, 2) ? MESO_SESSION_BOOKED
                                                                                  : MESO_SESSION_CANCELLED;
      id = add_session (fx->store, patients[i % 3], date,
                        g_rand_int_range (rand, 0, MESO_N_AREAS), status);
      g_array_append_val (sessions, id);

      if (status != MESO_SESSION_DONE || g_rand_int_range (rand, 0, 3) == 0)
        continue;
      for (gint n = g_rand_int_range (rand, 1, 4); n > 0; n--)
        {
          g_autoptr(MesoFollowup) f = meso_followup_new ();
          GDate when = day;

          f->session_id = id;
          g_date_add_days (&when, g_rand_int_range (rand, 0, 30));
          if (g_date_compare (&when, &today) > 0)
            when = today;
          f->date = when;
          /* Mostly quiet, sometimes one or two signs. */
          f->lumps = g_rand_int_range (rand, 0, 3) == 0;
          f->redness = g_rand_int_range (rand, 0, 4) == 0;
          f->swelling = g_rand_int_range (rand, 0, 5) == 0;
          f->pain = g_rand_int_range (rand, 0, 6) == 0;
          f->warmth = g_rand_int_range (rand, 0, 6) == 0;
          f->discharge = g_rand_int_range (rand, 0, 12) == 0;
          f->itching_hives = g_rand_int_range (rand, 0, 12) == 0;
          f->nodules = g_rand_int_range (rand, 0, 15) == 0;
          insert_ok (fx->store, f);
        }
    }

  /* Review some of what is open today. */
  {
    g_autofree char *today_text = meso_date_format (&today);
    g_autoptr(GPtrArray) open = open_flags (fx->store, today_text);

    for (guint i = 0; i < open->len; i += 3)
      {
        MesoFlag *flag = g_ptr_array_index (open, i);
        g_autoptr(GError) error = NULL;

        g_assert_true (meso_store_review_flag (fx->store, flag->session_id, flag->code,
                                               "Reviewed in the test", &error));
        g_assert_no_error (error);
      }
  }

  for (gint back = -1; back <= 270; back++)
    {
      g_autoptr(GPtrArray) bulk = NULL;
      g_autoptr(GPtrArray) each = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_flag_free);
      g_autofree char *as_of_text = NULL;
      GDate as_of = today;

      if (back >= 0)
        g_date_subtract_days (&as_of, back);
      else
        g_date_add_days (&as_of, 30);
      as_of_text = meso_date_format (&as_of);
      bulk = open_flags (fx->store, as_of_text);

      for (guint i = 0; i < sessions->len; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) flags =
            meso_store_list_flags_for_session (fx->store, g_array_index (sessions, gint64, i),
                                               &as_of, &error);

          g_assert_no_error (error);
          for (guint j = 0; flags != NULL && j < flags->len; j++)
            {
              MesoFlag *flag = g_ptr_array_index (flags, j);

              if (!flag->reviewed)
                g_ptr_array_add (each, meso_flag_copy (flag));
            }
        }
      g_ptr_array_sort (each, meso_flag_compare);

      g_test_message ("as of %s: %u open flags", as_of_text, bulk->len);
      g_assert_cmpuint (bulk->len, ==, each->len);
      for (guint i = 0; i < bulk->len; i++)
        {
          MesoFlag *a = g_ptr_array_index (bulk, i);
          MesoFlag *b = g_ptr_array_index (each, i);

          g_assert_cmpstr (a->code, ==, b->code);
          g_assert_cmpint (a->session_id, ==, b->session_id);
          g_assert_cmpint (a->patient_id, ==, b->patient_id);
          g_assert_cmpstr (a->patient_name, ==, b->patient_name);
          g_assert_cmpint (a->severity, ==, b->severity);
          g_assert_cmpint (g_date_compare (&a->raised_on, &b->raised_on), ==, 0);
          g_assert_cmpstr (a->reason, ==, b->reason);
          g_assert_cmpstr (a->source, ==, b->source);
          g_assert_cmpstr (a->review_note, ==, b->review_note);
          g_assert_false (a->reviewed);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/followup/validate", test_validate);
  g_test_add_func ("/followup/copy", test_copy);
  g_test_add_func ("/followup/vocabulary", test_vocabulary);
  g_test_add_func ("/followup/rules/allergic-reaction", test_allergic_reaction);
  g_test_add_func ("/followup/rules/infection", test_infection);
  g_test_add_func ("/followup/rules/other-signs", test_other_signs);
  g_test_add_func ("/followup/rules/lumps-boundary", test_lumps_boundary);
  g_test_add_func ("/followup/rules/expected-duration", test_expected_duration);
  g_test_add_func ("/followup/rules/no-followup", test_no_followup);
  g_test_add_func ("/followup/rules/status-ignored", test_status_ignored);
  g_test_add_func ("/followup/rules/as-of", test_as_of);
  g_test_add_func ("/followup/rules/ordering", test_ordering);
  g_test_add_func ("/followup/rules/reviews", test_reviews);
  g_test_add ("/followup/store/insert", StoreFixture, NULL,
              store_setup, test_store_insert, store_teardown);
  g_test_add ("/followup/store/open-flags", StoreFixture, NULL,
              store_setup, test_store_open_flags, store_teardown);
  g_test_add ("/followup/store/review", StoreFixture, NULL,
              store_setup, test_store_review, store_teardown);
  g_test_add ("/followup/store/reminder-review", StoreFixture, NULL,
              store_setup, test_store_reminder_review, store_teardown);
  g_test_add ("/followup/store/bulk-matches", StoreFixture, NULL,
              store_setup, test_store_bulk_matches, store_teardown);
  g_test_add ("/followup/store/cascade", StoreFixture, NULL,
              store_setup, test_store_cascade, store_teardown);

  return g_test_run ();
}
