/* test-followup-store.c: follow-ups and flag reviews in the store: what
 * is refused, what the open-flag listings hold, and what a deleted
 * patient takes with it. */
#include "config.h"

#include <glib.h>

#include "meso-followup-test-util.h"

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
  g_clear_object (&fx->store);
  meso_test_remove_tree (fx->dir);
  g_free (fx->dir);
}

static gint64
add_patient (MesoStore  *store,
             const char *name)
{
  g_autoptr(MesoPatient) patient = meso_patient_new ();
  g_autoptr(GError) error = NULL;

  patient->name = g_strdup (name);
  meso_test_set_date (&patient->date_of_birth, "1985-06-15");
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
  meso_test_set_date (&session->date, date);
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
  meso_test_set_date (&f->date, date);
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

  meso_test_set_date (&day, as_of);
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
  gint64 done = add_session (fx->store, patient, MESO_TEST_SESSION_DAY, MESO_AREA_FACE, MESO_SESSION_DONE);
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
  meso_test_set_date (&bad->date, "2026-03-05");
  g_assert_false (meso_store_insert_followup (fx->store, bad, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "session:"));
  g_clear_error (&error);

  /* A booked session has not happened: nothing to follow up yet. */
  bad->session_id = booked;
  meso_test_set_date (&bad->date, "2026-04-02");
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
  gint64 s_pus = add_session (fx->store, ada, MESO_TEST_SESSION_DAY, MESO_AREA_THIGHS, MESO_SESSION_DONE);
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
  meso_test_assert_codes (flags, "infection lumps_persisting");
  g_clear_pointer (&flags, g_ptr_array_unref);

  flags = open_flags (fx->store, "2026-03-15");
  meso_test_assert_codes (flags, "infection lumps_persisting no_followup");
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
  meso_test_assert_codes (flags, "no_followup");
  g_assert_cmpint (((MesoFlag *) g_ptr_array_index (flags, 0))->session_id, ==, s_lumps);
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* The patient's own view. */
  {
    g_autoptr(GError) error = NULL;
    GDate day;

    meso_test_set_date (&day, "2026-03-15");
    flags = meso_store_list_flags_for_patient (fx->store, bea, &day, &error);
    g_assert_no_error (error);
    meso_test_assert_codes (flags, "lumps_persisting no_followup");
  }
}

static void
test_store_review (StoreFixture  *fx,
                   gconstpointer  data)
{
  gint64 ada = add_patient (fx->store, "Ada Lovelace");
  gint64 session = add_session (fx->store, ada, MESO_TEST_SESSION_DAY, MESO_AREA_FACE, MESO_SESSION_DONE);
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
  meso_test_assert_codes (flags, "infection");
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
  meso_test_assert_codes (flags, "infection");
  g_clear_pointer (&flags, g_ptr_array_unref);

  g_assert_true (meso_store_review_flag (fx->store, session, "infection",
                                         "Seen on 03-05, antibiotics started", &error));
  g_assert_no_error (error);
  flags = open_flags (fx->store, "2026-03-05");
  meso_test_assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* The session's own view keeps the reviewed flag with its note. */
  meso_test_set_date (&day, "2026-03-05");
  flags = meso_store_list_flags_for_session (fx->store, session, &day, &error);
  g_assert_no_error (error);
  meso_test_assert_codes (flags, "infection");
  flag = g_ptr_array_index (flags, 0);
  g_assert_true (flag->reviewed);
  g_assert_cmpstr (flag->review_note, ==, "Seen on 03-05, antibiotics started");
  g_assert_cmpstr (flag->patient_name, ==, "Ada Lovelace");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* An observation without the sign leaves it closed. */
  calm->redness = TRUE;
  insert_ok (fx->store, calm);
  flags = open_flags (fx->store, "2026-03-07");
  meso_test_assert_codes (flags, "");
  g_clear_pointer (&flags, g_ptr_array_unref);

  /* A newer one with the sign raises it again, from its own date. */
  again->discharge = TRUE;
  insert_ok (fx->store, again);
  flags = open_flags (fx->store, "2026-03-09");
  meso_test_assert_codes (flags, "infection");
  flag = g_ptr_array_index (flags, 0);
  g_assert_false (flag->reviewed);
  g_assert_cmpint (g_date_compare (&flag->raised_on, &again->date), ==, 0);
  g_assert_cmpstr (flag->review_note, ==, "Seen on 03-05, antibiotics started");
  g_clear_pointer (&flags, g_ptr_array_unref);

  g_assert_true (meso_store_review_flag (fx->store, session, "infection", "Drained; better", &error));
  g_assert_no_error (error);
  flags = open_flags (fx->store, "2026-03-09");
  meso_test_assert_codes (flags, "");
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
  meso_test_assert_codes (flags, "no_followup");
  g_clear_pointer (&flags, g_ptr_array_unref);
  g_assert_true (meso_store_review_flag (fx->store, session, "no_followup",
                                         "Phoned: all well", &error));
  g_assert_no_error (error);
  flags = open_flags (fx->store, as_of);
  meso_test_assert_codes (flags, "");
}

/* Deleting a patient takes the follow-ups and reviews with the sessions. */
static void
test_store_cascade (StoreFixture  *fx,
                    gconstpointer  data)
{
  gint64 ada = add_patient (fx->store, "Ada Lovelace");
  gint64 session = add_session (fx->store, ada, MESO_TEST_SESSION_DAY, MESO_AREA_FACE, MESO_SESSION_DONE);
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
  meso_test_assert_codes (flags, "");
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
