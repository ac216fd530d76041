/* test-followup-rules.c: the flag rules of meso-followup-rules.c, one by
 * one, then their ordering and reviews. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "meso-followup-test-util.h"

static void
test_allergic_reaction (void)
{
  MesoFollowup *f;
  g_autoptr(GPtrArray) flags = NULL;
  const MesoFlag *flag;

  f = meso_test_make_followup (1, 1, 1);
  f->itching_hives = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM);
  meso_test_assert_codes (flags, "allergic_reaction");
  flag = g_ptr_array_index (flags, 0);
  g_assert_cmpint (flag->severity, ==, MESO_FLAG_URGENT);
  g_assert_nonnull (strstr (flag->reason, "immediately"));
  g_assert_nonnull (strstr (flag->source, "001_e1b791a31c2e5ae2.txt"));
  g_assert_nonnull (strstr (flag->source, "004_7f3870fa434bdef8.txt"));
  g_assert_cmpint (flag->session_id, ==, 1);
  g_assert_cmpint (flag->patient_id, ==, 101);
  g_assert_false (flag->reviewed);
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = meso_test_make_followup (1, 1, 1);
  f->breathing_difficulty = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM);
  meso_test_assert_codes (flags, "allergic_reaction");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Swelling with itching is still one allergy flag. */
  f = meso_test_make_followup (1, 1, 1);
  f->itching_hives = TRUE;
  f->swelling = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM);
  meso_test_assert_codes (flags, "allergic_reaction");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Swelling alone on day 1 is an expected after-effect. */
  f = meso_test_make_followup (1, 1, 1);
  f->swelling = TRUE;
  f->redness = TRUE;
  f->lumps = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM);
  meso_test_assert_codes (flags, "");
}

static void
test_infection (void)
{
  MesoFollowup *f;
  g_autoptr(GPtrArray) flags = NULL;

  f = meso_test_make_followup (1, 1, 3);
  f->discharge = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  meso_test_assert_codes (flags, "infection");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (flags, 0))->severity, ==, MESO_FLAG_URGENT);
  g_assert_nonnull (strstr (((MesoFlag *) g_ptr_array_index (flags, 0))->source, "000_3dff7d7878ea26d5.txt"));
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = meso_test_make_followup (1, 1, 3);
  f->fever = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  meso_test_assert_codes (flags, "infection");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Painful lumps that are red, or warm: infection (and not also "pain"). */
  f = meso_test_make_followup (1, 1, 3);
  f->lumps = f->pain = f->redness = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  meso_test_assert_codes (flags, "infection");
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = meso_test_make_followup (1, 1, 3);
  f->lumps = f->pain = f->warmth = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  meso_test_assert_codes (flags, "infection");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Painful lumps without redness or warmth: pain only. */
  f = meso_test_make_followup (1, 1, 3);
  f->lumps = f->pain = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  meso_test_assert_codes (flags, "pain");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (flags, 0))->severity, ==, MESO_FLAG_REVIEW);
  g_assert_cmpstr (((MesoFlag *) g_ptr_array_index (flags, 0))->source, ==, "001_e1b791a31c2e5ae2.txt");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Red and warm lumps that do not hurt, within the expected window: nothing. */
  f = meso_test_make_followup (1, 1, 3);
  f->lumps = f->redness = f->warmth = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM);
  meso_test_assert_codes (flags, "");
}

static void
test_other_signs (void)
{
  MesoFollowup *f;
  g_autoptr(GPtrArray) flags = NULL;

  f = meso_test_make_followup (1, 1, 0);
  f->bleeding = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_THIN);
  meso_test_assert_codes (flags, "bleeding");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (flags, 0))->severity, ==, MESO_FLAG_URGENT);
  g_assert_cmpstr (((MesoFlag *) g_ptr_array_index (flags, 0))->source, ==, "003_2060e19cd3227af0.txt");
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = meso_test_make_followup (1, 1, 20);
  f->nodules = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_THIN);
  meso_test_assert_codes (flags, "nodules");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (flags, 0))->severity, ==, MESO_FLAG_REVIEW);
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = meso_test_make_followup (1, 1, 20);
  f->pigmentation_change = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_THIN);
  meso_test_assert_codes (flags, "pigmentation");
  g_assert_nonnull (strstr (((MesoFlag *) g_ptr_array_index (flags, 0))->source, "003_2060e19cd3227af0.txt"));
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = meso_test_make_followup (1, 1, 1);
  f->pain = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_FACE, MESO_CONSISTENCY_THIN);
  meso_test_assert_codes (flags, "pain");
}

/* 000: "more than two weeks": day 14 is not flagged, day 15 is. */
static void
test_lumps_boundary (void)
{
  MesoFollowup *f;
  g_autoptr(GPtrArray) flags = NULL;
  const MesoFlag *flag;
  GDate observed;

  f = meso_test_make_followup (1, 1, 14);
  f->lumps = TRUE;
  flags = meso_test_flags_for (f, MESO_AREA_ARMS, MESO_CONSISTENCY_THIN);
  g_assert_null (meso_test_find_flag (flags, "lumps_persisting"));
  g_clear_pointer (&flags, g_ptr_array_unref);

  f = meso_test_make_followup (1, 1, 15);
  f->lumps = TRUE;
  f->lump_size_mm = 3;
  observed = f->date;
  /* flags_for() takes @f. */
  flags = meso_test_flags_for (f, MESO_AREA_ARMS, MESO_CONSISTENCY_THIN);
  flag = meso_test_get_flag (flags, "lumps_persisting");
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
          MesoFollowup *f = meso_test_make_followup (1, 1, c->expected + extra);
          g_autoptr(GPtrArray) flags = NULL;
          const MesoFlag *flag;

          /* Redness alone, then swelling alone, both count. */
          if (i % 2 == 0)
            f->redness = TRUE;
          else
            f->swelling = TRUE;
          flags = meso_test_flags_for (f, c->area, c->consistency);
          if (extra == 0)
            g_assert_null (meso_test_find_flag (flags, "prolonged_redness"));
          else
            {
              g_autofree char *expected = g_strdup_printf ("%u days expected", c->expected);

              flag = meso_test_get_flag (flags, "prolonged_redness");
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
  g_autoptr(MesoSession) session = meso_test_rule_session (7, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                           MESO_SESSION_DONE, MESO_TEST_SESSION_DAY);
  g_autoptr(GPtrArray) none = meso_test_followup_list (NULL);
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GPtrArray) some = NULL;
  const MesoFlag *flag;
  GDate as_of, review, custom;

  meso_followup_review_date (session, &review);
  meso_test_as_of_days (&as_of, MESO_FOLLOWUP_REVIEW_DAYS);
  g_assert_cmpint (g_date_compare (&review, &as_of), ==, 0);

  meso_test_as_of_days (&as_of, MESO_FOLLOWUP_REVIEW_DAYS - 1);
  flags = meso_followup_flags_compute (session, NULL, none, &as_of);
  meso_test_assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);

  meso_test_as_of_days (&as_of, MESO_FOLLOWUP_REVIEW_DAYS);
  flags = meso_followup_flags_compute (session, NULL, none, &as_of);
  meso_test_assert_codes (flags, "no_followup");
  flag = g_ptr_array_index (flags, 0);
  g_assert_cmpint (flag->severity, ==, MESO_FLAG_ROUTINE);
  g_assert_cmpint (g_date_compare (&flag->raised_on, &review), ==, 0);
  g_assert_nonnull (strstr (flag->reason, "2026-03-16"));
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* Any follow-up known by then answers it, even an uneventful late one. */
  some = meso_test_followup_list (meso_test_make_followup (1, 7, 20), NULL);
  meso_test_as_of_days (&as_of, 30);
  flags = meso_followup_flags_compute (session, NULL, some, &as_of);
  meso_test_assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);
  /* ...but not before it was recorded. */
  meso_test_as_of_days (&as_of, 19);
  flags = meso_followup_flags_compute (session, NULL, some, &as_of);
  meso_test_assert_codes (flags, "no_followup");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* A review date given by the caller. */
  meso_test_as_of_days (&custom, 7);
  meso_test_as_of_days (&as_of, 6);
  flags = meso_followup_flags_compute (session, &custom, none, &as_of);
  meso_test_assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);
  meso_test_as_of_days (&as_of, 7);
  flags = meso_followup_flags_compute (session, &custom, none, &as_of);
  meso_test_assert_codes (flags, "no_followup");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* The lapse. */
  meso_test_as_of_days (&as_of, MESO_FOLLOWUP_REVIEW_DAYS + MESO_FOLLOWUP_REMINDER_LAPSE_DAYS);
  flags = meso_followup_flags_compute (session, NULL, none, &as_of);
  meso_test_assert_codes (flags, "no_followup");
  g_clear_pointer (&flags, g_ptr_array_unref);
  meso_test_as_of_days (&as_of, MESO_FOLLOWUP_REVIEW_DAYS + MESO_FOLLOWUP_REMINDER_LAPSE_DAYS + 1);
  flags = meso_followup_flags_compute (session, NULL, none, &as_of);
  meso_test_assert_codes (flags, "");
}

static void
test_status_ignored (void)
{
  for (MesoSessionStatus status = MESO_SESSION_BOOKED; status < MESO_N_SESSION_STATUSES; status++)
    {
      g_autoptr(MesoSession) session = meso_test_rule_session (1, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                               status, MESO_TEST_SESSION_DAY);
      g_autoptr(GPtrArray) list = meso_test_followup_list (meso_test_make_followup (1, 1, 20), NULL);
      g_autoptr(GPtrArray) flags = NULL;
      MesoFollowup *f = g_ptr_array_index (list, 0);
      GDate as_of;

      f->discharge = TRUE;
      f->lumps = TRUE;
      meso_test_as_of_days (&as_of, 30);
      flags = meso_followup_flags_compute (session, NULL, list, &as_of);
      if (status == MESO_SESSION_DONE)
        meso_test_assert_codes (flags, "infection lumps_persisting");
      else
        meso_test_assert_codes (flags, "");
    }
}

/* Observations dated after the as-of date are not known yet. */
static void
test_as_of (void)
{
  g_autoptr(MesoSession) session = meso_test_rule_session (1, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                           MESO_SESSION_DONE, MESO_TEST_SESSION_DAY);
  g_autoptr(GPtrArray) list = meso_test_followup_list (meso_test_make_followup (1, 1, 3), NULL);
  g_autoptr(GPtrArray) flags = NULL;
  GDate as_of;

  ((MesoFollowup *) g_ptr_array_index (list, 0))->fever = TRUE;
  meso_test_as_of_days (&as_of, 2);
  flags = meso_followup_flags_compute (session, NULL, list, &as_of);
  meso_test_assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);
  meso_test_as_of_days (&as_of, 3);
  flags = meso_followup_flags_compute (session, NULL, list, &as_of);
  meso_test_assert_codes (flags, "infection");
}

/* Most urgent first, then the oldest, then by session. */
static void
test_ordering (void)
{
  g_autoptr(MesoSession) session = meso_test_rule_session (1, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                           MESO_SESSION_DONE, MESO_TEST_SESSION_DAY);
  g_autoptr(GPtrArray) list = meso_test_followup_list (meso_test_make_followup (1, 1, 16),
                                                       meso_test_make_followup (2, 1, 18), NULL);
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
  meso_test_as_of_days (&as_of, 20);
  flags = meso_followup_flags_compute (session, NULL, list, &as_of);
  meso_test_assert_codes (flags, "allergic_reaction bleeding lumps_persisting pigmentation");
  /* The lumps flag is open since the first observation that showed them. */
  flag = (MesoFlag *) meso_test_get_flag (flags, "lumps_persisting");
  g_assert_cmpint (g_date_compare (&flag->raised_on, &f1->date), ==, 0);
  g_assert_nonnull (strstr (flag->reason, "18 days"));

  /* Across sessions: urgent, then review by date then session, then routine. */
  for (guint i = 0; i < flags->len; i++)
    g_ptr_array_add (all, meso_flag_copy (g_ptr_array_index (flags, i)));
  flag = g_new0 (MesoFlag, 1);
  flag->code = g_strdup ("no_followup");
  flag->severity = MESO_FLAG_ROUTINE;
  flag->session_id = 0;
  meso_test_as_of_days (&flag->raised_on, 1);
  g_ptr_array_insert (all, 0, flag);
  flag = g_new0 (MesoFlag, 1);
  flag->code = g_strdup ("pain");
  flag->severity = MESO_FLAG_REVIEW;
  flag->session_id = 0;
  meso_test_as_of_days (&flag->raised_on, 16);
  g_ptr_array_insert (all, 0, flag);
  flag = g_new0 (MesoFlag, 1);
  flag->code = g_strdup ("infection");
  flag->severity = MESO_FLAG_URGENT;
  flag->session_id = 9;
  meso_test_as_of_days (&flag->raised_on, 30);
  g_ptr_array_insert (all, 0, flag);

  g_ptr_array_sort (all, meso_flag_compare);
  meso_test_assert_codes (all,
                          "allergic_reaction bleeding infection pain lumps_persisting pigmentation no_followup");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (all, 3))->session_id, ==, 0);
}

/* A review covers what was seen; a later observation raises it again. */
static void
test_reviews (void)
{
  g_autoptr(MesoSession) session = meso_test_rule_session (1, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                           MESO_SESSION_DONE, MESO_TEST_SESSION_DAY);
  g_autoptr(GPtrArray) list = meso_test_followup_list (meso_test_make_followup (1, 1, 2), NULL);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_flag_review_free);
  g_autoptr(GPtrArray) flags = NULL;
  MesoFlagReview *review;
  MesoFollowup *f;
  const MesoFlag *flag;
  gint64 covered_id;
  GDate covered_date, as_of;

  f = g_ptr_array_index (list, 0);
  f->discharge = TRUE;
  meso_test_as_of_days (&as_of, 3);

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
  meso_test_assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);
  flags = meso_followup_flags_evaluate (session, NULL, list, reviews, &as_of, TRUE);
  meso_test_assert_codes (flags, "infection");
  flag = g_ptr_array_index (flags, 0);
  g_assert_true (flag->reviewed);
  g_assert_cmpstr (flag->review_note, ==, "Seen, antibiotics started");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* A later observation without the sign: still closed. */
  f = meso_test_make_followup (2, 1, 5);
  f->redness = TRUE;
  g_ptr_array_add (list, f);
  meso_test_as_of_days (&as_of, 6);
  flags = meso_followup_flags_evaluate (session, NULL, list, reviews, &as_of, FALSE);
  meso_test_assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* A newer observation with the sign raises it again, on its own date,
   * carrying the earlier note. */
  f = meso_test_make_followup (3, 1, 6);
  f->fever = TRUE;
  g_ptr_array_add (list, f);
  flags = meso_followup_flags_evaluate (session, NULL, list, reviews, &as_of, FALSE);
  meso_test_assert_codes (flags, "infection");
  flag = g_ptr_array_index (flags, 0);
  g_assert_false (flag->reviewed);
  g_assert_cmpint (g_date_compare (&flag->raised_on, &f->date), ==, 0);
  g_assert_cmpstr (flag->review_note, ==, "Seen, antibiotics started");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* A review of the reminder closes it for good. */
  {
    g_autoptr(MesoSession) quiet = meso_test_rule_session (2, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                           MESO_SESSION_DONE, MESO_TEST_SESSION_DAY);
    g_autoptr(GPtrArray) none = meso_test_followup_list (NULL);

    meso_test_as_of_days (&as_of, 20);
    g_assert_true (meso_followup_flag_coverage (quiet, NULL, none, "no_followup", &as_of,
                                                &covered_id, &covered_date));
    g_assert_cmpint (covered_id, ==, 0);
    review = meso_flag_review_new ();
    review->code = g_strdup ("no_followup");
    review->note = g_strdup ("Phoned: all well");
    g_ptr_array_add (reviews, review);
    flags = meso_followup_flags_evaluate (quiet, NULL, none, reviews, &as_of, FALSE);
    g_assert_null (meso_test_find_flag (flags, "no_followup"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

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

  return g_test_run ();
}
