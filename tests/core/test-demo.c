/* The demo generator: deterministic, a mix of verdicts, sessions that
 * carry what their booking required, and a sound database file. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "meso-booking.h"
#include "meso-demo.h"
#include "meso-export.h"
#include "meso-followup.h"

static char *tmp_dir;

static MesoStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  MesoStore *store = meso_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fill (MesoStore      *store,
      guint           n,
      guint64         seed,
      MesoDemoReport *report)
{
  g_autoptr(GError) error = NULL;
  MesoDemoOptions options = { 0 };

  options.n_patients = n;
  options.seed = seed;
  g_assert_true (meso_date_parse ("2026-06-10", &options.today));
  g_assert_true (meso_demo_fill (store, &options, report, &error));
  g_assert_no_error (error);
}

static char *
export_all (MesoStore *store)
{
  g_autoptr(GError) error = NULL;
  char *data = meso_export_to_data (store, 0, NULL, &error);

  g_assert_no_error (error);
  return data;
}

/* The open flags as of the demo's day, one line each: what the clinician
 * sees, so two demos can be compared. */
static char *
flags_text (MesoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GDate today;

  g_assert_true (meso_date_parse ("2026-06-10", &today));
  flags = meso_store_list_open_flags (store, &today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < flags->len; i++)
    {
      MesoFlag *f = g_ptr_array_index (flags, i);

      g_string_append_printf (text, "%s %" G_GINT64_FORMAT " %d %u %s\n", f->code, f->session_id,
                              f->severity, g_date_get_julian (&f->raised_on), f->reason);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_deterministic (void)
{
  g_autoptr(MesoStore) a = open_store ("a.db");
  g_autoptr(MesoStore) b = open_store ("b.db");
  g_autoptr(MesoStore) c = open_store ("c.db");
  g_autofree char *ea = NULL, *eb = NULL, *ec = NULL;
  MesoDemoReport ra, rb, rc;

  fill (a, 80, 7, &ra);
  fill (b, 80, 7, &rb);
  fill (c, 80, 8, &rc);
  ea = export_all (a);
  eb = export_all (b);
  ec = export_all (c);
  g_assert_cmpstr (ea, ==, eb);
  g_assert_cmpstr (ea, !=, ec);
  g_assert_cmpuint (ra.n_sessions, ==, rb.n_sessions);

  /* Follow-ups and their flags too (export leaves them out). */
  {
    g_autofree char *fa = flags_text (a);
    g_autofree char *fb = flags_text (b);
    g_autofree char *fc = flags_text (c);

    g_assert_cmpstr (fa, !=, "");
    g_assert_cmpstr (fa, ==, fb);
    g_assert_cmpstr (fa, !=, fc);
  }

  /* Patient i does not depend on how many were asked for. */
  {
    GDate today;
    g_autoptr(MesoPatient) p5 = NULL;
    g_autoptr(MesoPatient) stored = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (meso_date_parse ("2026-06-10", &today));
    p5 = meso_demo_make_patient (7, 5, &today);
    stored = meso_store_get_patient (a, 6, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (p5->name, ==, stored->name);
    g_assert_cmpstr (p5->phone, ==, stored->phone);
  }
}

static void
test_mix (void)
{
  g_autoptr(MesoStore) store = open_store ("mix.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  MesoDemoReport report;
  GDate today;
  guint n_minors = 0, n_leap = 0, n_accented = 0, n_today = 0, n_future = 0, n_done = 0;
  guint n_overridden = 0;
  gboolean languages[5] = { FALSE };
  const char * const codes[] = { "en", "fr", "it", "es", "de" };

  fill (store, 300, 1, &report);
  g_assert_true (meso_date_parse ("2026-06-10", &today));
  g_assert_cmpuint (report.n_patients, ==, 300);
  g_assert_cmpuint (report.verdicts[MESO_VERDICT_CLEAR], >, 60);
  g_assert_cmpuint (report.verdicts[MESO_VERDICT_CAUTION], >, 60);
  g_assert_cmpuint (report.verdicts[MESO_VERDICT_CONTRAINDICATED], >, 10);
  /* Most are clear or caution; some contraindicated. */
  g_assert_cmpuint (report.verdicts[MESO_VERDICT_CONTRAINDICATED], <,
                    report.verdicts[MESO_VERDICT_CLEAR]);
  g_assert_cmpuint (report.history_incomplete, >, 10);
  g_assert_cmpuint (report.n_sessions_today, >, 0);

  ids = meso_store_find_patient_ids (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 300);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(MesoPatient) p = meso_store_get_patient (store, id, &error);
      g_autoptr(GPtrArray) sessions = meso_store_list_sessions_for_patient (store, id, &error);
      gint age;

      g_assert_no_error (error);
      age = meso_age_on (&p->date_of_birth, &today);
      g_assert_cmpint (g_date_get_year (&p->date_of_birth), >=, 1950);
      g_assert_cmpint (age, <=, 77);
      n_minors += age < 18;
      n_leap += g_date_get_month (&p->date_of_birth) == 2 && g_date_get_day (&p->date_of_birth) == 29;
      for (const char *c = p->name; *c; c++)
        if ((guchar) *c >= 0x80)
          {
            n_accented++;
            break;
          }
      for (guint l = 0; l < G_N_ELEMENTS (codes); l++)
        languages[l] |= g_str_equal (p->language, codes[l]);

      for (guint j = 0; j < sessions->len; j++)
        {
          MesoSession *s = g_ptr_array_index (sessions, j);
          g_autoptr(MesoScreening) screening = meso_booking_screen (store, s, &error);
          gint cmp = g_date_compare (&s->date, &today);

          g_assert_no_error (error);
          /* Each session carries what its booking required. */
          if (screening->verdict == MESO_VERDICT_CONTRAINDICATED)
            {
              g_assert_nonnull (s->override_reason);
              n_overridden++;
            }
          g_assert_true (meso_screening_all_acknowledged (screening, s->acknowledged));
          g_assert_null (meso_screening_find (screening, "ingredient_allergy"));
          /* Past sessions are done or cancelled, today's and later booked. */
          if (cmp < 0)
            g_assert_cmpint (s->status, !=, MESO_SESSION_BOOKED);
          else
            g_assert_cmpint (s->status, ==, MESO_SESSION_BOOKED);
          n_today += cmp == 0;
          n_future += cmp > 0;
          n_done += s->status == MESO_SESSION_DONE;
          g_assert_true (meso_session_validate (s, &error));
        }
    }
  g_assert_cmpuint (n_minors, >, 0);
  g_assert_cmpuint (n_leap, >, 0);
  g_assert_cmpuint (n_accented, >, 30);
  g_assert_cmpuint (n_today, ==, report.n_sessions_today);
  g_assert_cmpuint (n_future, >, 0);
  g_assert_cmpuint (n_done, >, 100);
  g_assert_cmpuint (n_overridden, >, 0);
  for (guint l = 0; l < G_N_ELEMENTS (codes); l++)
    g_assert_true (languages[l]);
}

/* A clinic records follow-ups for nearly every done session: the demo's
 * Follow-ups place holds a few flags of every kind and severity, some
 * already reviewed, not a reminder for every session. */
static void
test_followups (void)
{
  g_autoptr(MesoStore) store = open_store ("followups.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GHashTable) open_codes = g_hash_table_new (g_str_hash, g_str_equal);
  MesoDemoReport report;
  GDate today;
  guint n_done = 0, n_followed = 0, n_due = 0, n_due_followed = 0, n_reviewed = 0;
  guint by_severity[MESO_N_FLAG_SEVERITIES] = { 0 };

  fill (store, 1000, 5, &report);
  g_assert_true (meso_date_parse ("2026-06-10", &today));

  ids = meso_store_find_patient_ids (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GPtrArray) sessions =
        meso_store_list_sessions_for_patient (store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      for (guint j = 0; j < sessions->len; j++)
        {
          MesoSession *s = g_ptr_array_index (sessions, j);
          g_autoptr(GPtrArray) followups = meso_store_list_followups (store, s->id, &error);
          g_autoptr(GPtrArray) flags = NULL;
          gboolean due = g_date_days_between (&s->date, &today) >= MESO_FOLLOWUP_REVIEW_DAYS;

          g_assert_no_error (error);
          if (s->status != MESO_SESSION_DONE)
            {
              /* The store refuses follow-ups of other sessions anyway. */
              g_assert_cmpuint (followups->len, ==, 0);
              continue;
            }
          n_done++;
          n_followed += followups->len > 0;
          n_due += due;
          n_due_followed += due && followups->len > 0;
          for (guint k = 0; k < followups->len; k++)
            {
              MesoFollowup *f = g_ptr_array_index (followups, k);

              g_assert_true (meso_followup_validate (f, &s->date, &error));
              g_assert_cmpint (g_date_compare (&f->date, &today), <=, 0);
            }

          flags = meso_store_list_flags_for_session (store, s->id, &today, &error);
          g_assert_no_error (error);
          for (guint k = 0; k < flags->len; k++)
            {
              MesoFlag *f = g_ptr_array_index (flags, k);

              if (f->reviewed)
                {
                  g_assert_nonnull (f->review_note);
                  g_assert_cmpstr (f->review_note, !=, "");
                  n_reviewed++;
                }
            }
        }
    }
  /* Nearly every session past its review date was followed up. */
  g_assert_cmpuint (n_done, >, 1000);
  g_assert_cmpuint (n_due, >, n_done / 2);
  g_assert_cmpuint (n_due_followed * 100, >=, n_due * 95);
  g_assert_cmpuint (n_followed, <, n_done);

  open = meso_store_list_open_flags (store, &today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < open->len; i++)
    {
      MesoFlag *f = g_ptr_array_index (open, i);

      g_assert_false (f->reviewed);
      by_severity[f->severity]++;
      g_hash_table_add (open_codes, f->code);
    }
  /* Every kind of flag and severity is there to be looked at... */
  for (const char * const *code = meso_flag_codes (); *code != NULL; code++)
    g_assert_true (g_hash_table_contains (open_codes, *code));
  for (guint s = 0; s < MESO_N_FLAG_SEVERITIES; s++)
    g_assert_cmpuint (by_severity[s], >, 0);
  /* ... fewer urgent than the rest, and all of them a small fraction of
   * the done sessions (without follow-ups every one would be flagged). */
  g_assert_cmpuint (by_severity[MESO_FLAG_URGENT], <, by_severity[MESO_FLAG_REVIEW]);
  g_assert_cmpuint (by_severity[MESO_FLAG_REVIEW], <, by_severity[MESO_FLAG_ROUTINE]);
  g_assert_cmpuint (open->len * 20, <, n_done);
  /* Some have been reviewed, with a note. */
  g_assert_cmpuint (n_reviewed, >=, 2);
}

static void
test_refuse_non_empty (void)
{
  g_autoptr(MesoStore) store = open_store ("refuse.db");
  g_autoptr(GError) error = NULL;
  MesoDemoOptions options = { 0 };
  MesoDemoReport report;

  fill (store, 10, 1, &report);
  options.n_patients = 10;
  options.seed = 2;
  meso_date_set_today (&options.today);
  g_assert_false (meso_demo_fill (store, &options, &report, &error));
  g_assert_error (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_NOT_EMPTY);
  g_clear_error (&error);
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 10);

  options.force = TRUE;
  g_assert_true (meso_demo_fill (store, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 20);

  options.n_patients = 0;
  g_assert_false (meso_demo_fill (store, &options, &report, &error));
  g_assert_error (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_INVALID);
  g_clear_error (&error);
  options.n_patients = MESO_DEMO_MAX_PATIENTS + 1;
  g_assert_false (meso_demo_fill (store, &options, &report, &error));
  g_assert_error (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_INVALID);
}

static void
assert_range (const char *real_today,
              const char *first,
              const char *last)
{
  GDate real, from, to;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;

  g_assert_true (meso_date_parse (real_today, &real));
  meso_demo_today_range (&real, &from, &to);
  from_text = meso_date_format (&from);
  to_text = meso_date_format (&to);
  g_assert_cmpstr (from_text, ==, first);
  g_assert_cmpstr (to_text, ==, last);
}

/* Sessions before a patient's birth in the whole database. */
static gint64
count_before_birth (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sessions s JOIN patients p"
                                           " ON p.id = s.patient_id WHERE s.date < p.date_of_birth",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A "today" the demo's records cannot be made for is refused before
 * anything is written, not half-way with some record's error. */
static void
test_today_range (void)
{
  g_autoptr(MesoStore) store = open_store ("range.db");
  g_autoptr(GError) error = NULL;
  MesoDemoOptions options = { 0 };
  MesoDemoReport report;
  GDate real, first, last;
  static const char * const refused[] = { "1900-01-01", "2008-12-10", "9999-12-31" };

  /* From the youngest adults' birth (29 February 2008) plus the oldest
   * past session; to 15 years after the real today, or as late as batch
   * expiry dates allow. */
  assert_range ("2026-11-22", "2008-12-11", "2041-11-22");
  assert_range ("9990-01-01", "2008-12-11", "9997-11-16");

  options.n_patients = 200;
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_true (meso_date_parse (refused[i], &options.today));
      g_assert_false (meso_demo_fill (store, &options, &report, &error));
      g_assert_error (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "today: "));
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_clear_error (&error);
      g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 0);
      g_assert_cmpuint (report.n_sessions, ==, 0);
    }

  /* The ends of the range work. */
  meso_date_set_today (&real);
  meso_demo_today_range (&real, &first, &last);
  options.today = first;
  g_assert_true (meso_demo_fill (store, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sessions, >, 200);
  options.today = last;
  options.force = TRUE;
  g_assert_true (meso_demo_fill (store, &options, &report, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (count_before_birth ("range.db"), ==, 0);
}

static void
test_integrity (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "integrity.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  MesoDemoReport report;

  {
    g_autoptr(MesoStore) store = open_store ("integrity.db");

    fill (store, 2000, 99, &report);
    g_assert_cmpuint (report.n_sessions, >, 2000);
  }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("meso-demo-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/mix", test_mix);
  g_test_add_func ("/demo/followups", test_followups);
  g_test_add_func ("/demo/refuse-non-empty", test_refuse_non_empty);
  g_test_add_func ("/demo/today-range", test_today_range);
  g_test_add_func ("/demo/integrity", test_integrity);
  ret = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  return ret;
}
