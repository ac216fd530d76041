/* test-store-records.c: patients, sessions and settings through the
 * store: round trips, refusals, CHECK constraints and rollback. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "meso-amend.h"
#include "meso-export.h"
#include "meso-json.h"
#include "meso-store-test-util.h"

typedef MesoStoreFixture Fixture;

/* Patients */

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
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  g_autoptr(MesoPatient) p = meso_test_make_full_patient ();
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
  meso_test_assert_date (&got->history->conditions[MESO_CONDITION_DIABETES].confirmed, "2025-12-01");
  meso_test_assert_date (&got->history->medications_confirmed, "2026-01-05");
  meso_test_assert_date (&got->history->allergies_confirmed, "2026-01-04");
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
  meso_test_assert_date (&summary->date_of_birth, "1980-04-12");
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 1);

  /* Delete takes the history and the search entry with it. */
  g_assert_true (meso_store_delete_patient (store, p->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (meso_test_count_rows (store), ==, 0);
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 0);
}

static void
test_patient_not_found (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  g_autoptr(MesoPatient) p = meso_test_make_patient ("Nobody", "1970-01-01", NULL);
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
  g_assert_cmpint (meso_test_count_rows (store), ==, 0);
  g_assert_cmpint (meso_store_get_transaction_depth (store), ==, 0);
}

/* Sessions */

static MesoSession *
make_full_session (gint64 patient_id)
{
  MesoSession *s = meso_test_make_session (patient_id, "2026-03-02");

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
  meso_test_set_date (&s->batch_expiry, "2027-01-31");
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
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  gint64 pid = meso_test_add_patient (store, "Anna Rossi", "1990-06-15", "06 11 22 33 44");
  gint64 other = meso_test_add_patient (store, "Marc Blanc", "1985-02-01", NULL);
  g_autoptr(MesoSession) s = make_full_session (pid);
  g_autoptr(MesoSession) untimed = meso_test_make_session (pid, "2026-03-02");
  g_autoptr(MesoSession) later = meso_test_make_session (pid, "2026-03-16");
  g_autoptr(MesoSession) elsewhere = meso_test_make_session (other, "2026-03-02");
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

  meso_test_set_date (&day, "2026-03-02");
  list = meso_store_list_sessions_on (store, &day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((MesoSession *) list->pdata[0])->id, ==, untimed->id);
  g_assert_cmpint (((MesoSession *) list->pdata[1])->id, ==, s->id);
  g_assert_cmpint (((MesoSession *) list->pdata[2])->id, ==, elsewhere->id);
  g_clear_pointer (&list, g_ptr_array_unref);

  meso_test_set_date (&to, "2026-03-15");
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
  g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM sessions"), ==, 1);
  g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM session_list_items"), ==, 0);
}

/* Refusals */

static void
assert_session_refused (MesoStore   *store,
                        MesoSession *s,
                        const char  *field)
{
  g_autoptr(GError) error = NULL;
  gint64 before = meso_test_count_rows (store);

  g_assert_false (meso_store_insert_session (store, s, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, field));
  g_assert_cmpint (meso_test_count_rows (store), ==, before);
  g_assert_cmpint (s->id, ==, 0);
}

static void
test_refuse_bad_values (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  gint64 pid = meso_test_add_patient (store, "Anna Rossi", "1990-06-15", NULL);
  g_autoptr(MesoPatient) p = meso_test_make_full_patient ();
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
    meso_test_set_date (&s->batch_expiry, "2026-03-01");
    assert_session_refused (store, s, "batch_expiry");
  }

  before = meso_test_count_rows (store);
  meso_date_set_today (&tomorrow);
  g_date_add_days (&tomorrow, 1);
  p->date_of_birth = tomorrow;
  g_assert_false (meso_store_insert_patient (store, p, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "date_of_birth"));
  g_assert_cmpint (p->id, ==, 0);
  g_assert_cmpint (meso_test_count_rows (store), ==, before);
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

/* A session dated before its patient's birth is an impossible value:
 * refused on every write, nothing written. */
static void
test_refuse_before_birth (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  gint64 pid = meso_test_add_patient (store, "Anna Rossi", "1990-06-15", NULL);
  g_autoptr(MesoSession) s = make_full_session (pid);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored_date = NULL;
  gint64 before;

  meso_test_set_date (&s->date, "1901-01-01");
  assert_session_refused (store, s, "date: the session is before the patient’s date of birth (1990-06-15)");

  /* The day before birth, by an update: the stored session is kept. */
  meso_test_set_date (&s->date, "2026-03-02");
  g_assert_true (meso_store_insert_session (store, s, &error));
  g_assert_no_error (error);
  before = meso_test_count_rows (store);
  meso_test_set_date (&s->date, "1990-06-14");
  g_assert_false (meso_store_update_session (store, s, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "date: the session is before the patient’s date of birth (1990-06-15)");
  g_clear_error (&error);
  g_assert_cmpint (meso_test_count_rows (store), ==, before);
  stored_date = meso_test_query_text (store, "SELECT date FROM sessions");
  g_assert_cmpstr (stored_date, ==, "2026-03-02");

  /* The day of birth itself is not impossible. */
  meso_test_set_date (&s->date, "1990-06-15");
  meso_test_set_date (&s->batch_expiry, "1990-07-01");
  g_assert_true (meso_store_update_session (store, s, &error));
  g_assert_no_error (error);

  /* Nor can the date of birth move past a session already recorded. */
  {
    g_autoptr(MesoPatient) p = meso_store_get_patient (store, pid, &error);
    g_autofree char *stored_birth = NULL;

    g_assert_no_error (error);
    meso_test_set_date (&p->date_of_birth, "1990-06-16");
    g_assert_false (meso_store_update_patient (store, p, &error));
    g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==,
                     "date_of_birth: the patient has a session on 1990-06-15, before this date of birth");
    g_clear_error (&error);
    stored_birth = meso_test_query_text (store, "SELECT date_of_birth FROM patients");
    g_assert_cmpstr (stored_birth, ==, "1990-06-15");

    /* Earlier is fine. */
    meso_test_set_date (&p->date_of_birth, "1990-06-01");
    g_assert_true (meso_store_update_patient (store, p, &error));
    g_assert_no_error (error);
  }
}

/* Acknowledgements name screening findings; anything else is refused,
 * naming the field and the code. */
static void
test_refuse_unknown_acknowledged (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  gint64 pid = meso_test_add_patient (store, "Anna Rossi", "1990-06-15", NULL);
  g_autoptr(MesoSession) s = make_full_session (pid);
  g_autoptr(GError) error = NULL;
  gint64 before;

  g_ptr_array_add (s->acknowledged, g_strdup ("bogus"));
  assert_session_refused (store, s, "acknowledged: “bogus” is not a screening finding code");

  g_ptr_array_remove_index (s->acknowledged, s->acknowledged->len - 1);
  g_assert_true (meso_store_insert_session (store, s, &error));
  g_assert_no_error (error);
  before = meso_test_count_rows (store);
  g_ptr_array_add (s->acknowledged, g_strdup ("bogus"));
  g_assert_false (meso_store_update_session (store, s, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "acknowledged: “bogus”"));
  g_assert_cmpint (meso_test_count_rows (store), ==, before);
  g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM session_list_items"
                                               " WHERE list = 'acknowledged'"), ==, 2);
}

/* Import stores through the same checks: a whole file refused, nothing
 * written. */
static void
test_import_refuses_impossible (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path_b = g_build_filename (f->dir, "b.db", NULL);
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  g_autoptr(MesoStore) target = meso_test_open_store (path_b);
  gint64 pid = meso_test_add_patient (store, "Anna Rossi", "1990-06-15", NULL);
  g_autoptr(MesoSession) s = make_full_session (pid);
  g_autoptr(GError) error = NULL;
  g_autofree char *data_text = NULL;
  /* The date needs the patient: the store sees it; the code is the
   * session's own: the JSON reader sees it first. */
  static const struct {
    const char *key;
    const char *json;
    gboolean    by_store;
    const char *message;
  } cases[] = {
    { "date", "\"1901-01-01\"", TRUE,
      "patients[0].sessions[0]: date: the session is before the patient’s date of birth (1990-06-15)" },
    { "acknowledged", "[\"bogus\"]", FALSE,
      "patients[0].sessions[0].acknowledged: “bogus” is not a screening finding code" },
  };

  g_assert_true (meso_store_insert_session (store, s, &error));
  g_assert_no_error (error);
  data_text = meso_export_to_data (store, 0, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) value = NULL;
      g_autoptr(MesoImportReport) report = NULL;
      g_autofree char *changed = NULL;
      JsonObject *session;

      g_assert_true (json_parser_load_from_data (parser, data_text, -1, &error));
      session = json_array_get_object_element (
        json_object_get_array_member (
          json_array_get_object_element (
            json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "patients"), 0), "sessions"), 0);
      value = json_from_string (cases[i].json, &error);
      g_assert_no_error (error);
      json_object_set_member (session, cases[i].key, g_steal_pointer (&value));
      json_generator_set_root (generator, json_parser_get_root (parser));
      changed = json_generator_to_data (generator, NULL);

      report = meso_import_from_data (target, changed, -1, "bad.json", MESO_IMPORT_FLAGS_NONE, &error);
      g_assert_null (report);
      g_assert_nonnull (error);
      if (cases[i].by_store)
        g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
      else
        g_assert_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_clear_error (&error);
      g_assert_cmpint (meso_test_count_rows (target), ==, 0);
    }
}

static char *
day_from_today (gint days)
{
  GDate day;

  meso_date_set_today (&day);
  if (days >= 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);
  return meso_date_format (&day);
}

static MesoSessionStatus
stored_status (MesoStore *store,
               gint64     id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoSession) s = meso_store_get_session (store, id, &error);

  g_assert_no_error (error);
  return s->status;
}

/* Done means given: not once cancelled, not ahead of its day. */
static void
test_done_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  gint64 pid = meso_test_add_patient (store, "Anna Rossi", "1990-06-15", NULL);
  g_autofree char *tomorrow = day_from_today (1);
  g_autofree char *today = day_from_today (0);
  g_autofree char *last_week = day_from_today (-7);
  g_autoptr(MesoSession) future = meso_test_make_session (pid, tomorrow);
  g_autoptr(MesoSession) cancelled = meso_test_make_session (pid, last_week);
  g_autoptr(MesoSession) now = meso_test_make_session (pid, today);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 before;

  g_assert_true (meso_store_insert_session (store, future, &error));
  g_assert_true (meso_store_insert_session (store, cancelled, &error));
  g_assert_true (meso_store_insert_session (store, now, &error));
  g_assert_no_error (error);
  g_assert_true (meso_store_set_session_status (store, cancelled->id, MESO_SESSION_CANCELLED, &error));
  g_assert_no_error (error);
  before = meso_test_count_rows (store);

  g_assert_false (meso_store_set_session_status (store, future->id, MESO_SESSION_DONE, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  expected = g_strdup_printf ("status: session %" G_GINT64_FORMAT " is booked for %s and cannot be "
                              "marked done before that day (today is %s)",
                              future->id, tomorrow, today);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_assert_cmpint (stored_status (store, future->id), ==, MESO_SESSION_BOOKED);

  /* The same rule through an edit of the whole session. */
  future->status = MESO_SESSION_DONE;
  g_assert_false (meso_store_update_session (store, future, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "status: "));
  g_clear_error (&error);
  g_assert_cmpint (stored_status (store, future->id), ==, MESO_SESSION_BOOKED);

  g_assert_false (meso_store_set_session_status (store, cancelled->id, MESO_SESSION_DONE, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "status: "));
  g_assert_nonnull (strstr (error->message, "cancelled and cannot be marked done"));
  g_clear_error (&error);
  cancelled->status = MESO_SESSION_DONE;
  g_assert_false (meso_store_update_session (store, cancelled, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (stored_status (store, cancelled->id), ==, MESO_SESSION_CANCELLED);
  g_assert_cmpint (meso_test_count_rows (store), ==, before);

  /* Today's session can be done; a future one can still be cancelled. */
  g_assert_true (meso_store_set_session_status (store, now->id, MESO_SESSION_DONE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (store, now->id), ==, MESO_SESSION_DONE);
  g_assert_true (meso_store_set_session_status (store, future->id, MESO_SESSION_CANCELLED, &error));
  g_assert_no_error (error);
}

/* An amendment is a whole corrected session: the same checks apply. */
static void
test_amend_refuses_impossible (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  gint64 pid = meso_test_add_patient (store, "Anna Rossi", "1990-06-15", NULL);
  g_autoptr(MesoSession) s = make_full_session (pid);
  g_autoptr(MesoSession) corrected = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  g_assert_true (meso_store_insert_session (store, s, &error));
  g_assert_true (meso_store_set_session_status (store, s->id, MESO_SESSION_DONE, &error));
  g_assert_no_error (error);
  before = meso_test_count_rows (store);

  corrected = meso_session_copy (s);
  corrected->status = MESO_SESSION_DONE;
  meso_test_set_date (&corrected->date, "1900-01-01");
  g_assert_false (meso_store_amend_session (store, corrected, "typo", NULL, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "date: the session is before the patient’s date of birth (1990-06-15)");
  g_clear_error (&error);

  corrected->date = s->date;
  g_ptr_array_add (corrected->acknowledged, g_strdup ("bogus"));
  g_assert_false (meso_store_amend_session (store, corrected, "typo", NULL, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "acknowledged: “bogus” is not a screening finding code");
  g_clear_error (&error);

  amendments = meso_store_list_amendments (store, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (amendments->len, ==, 0);
  g_assert_cmpint (meso_test_count_rows (store), ==, before);
}

/* The CHECK constraints refuse what slips past validation, naming the field. */
static void
test_check_constraints (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  gint64 pid = meso_test_add_patient (store, "Anna Rossi", "1990-06-15", NULL);
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
      meso_store_set_error_from_sqlite (store, &error, sqlite3_extended_errcode (meso_store_get_db (store)),
                                        MESO_STORE_DOING_SAVE);
      g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
      g_assert_true (g_str_has_suffix (error->message, "(while saving to the clinic database)"));
      g_clear_error (&error);
    }
}

static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
  g_autoptr(MesoPatient) a = meso_test_make_full_patient ();
  g_autoptr(MesoPatient) b = meso_test_make_patient ("Bruno Costa", "1975-09-09", NULL);
  g_autoptr(MesoPatient) dup = meso_test_make_patient ("Duplicate", "1975-09-09", NULL);
  g_autoptr(MesoSession) orphan = meso_test_make_session (987654, "2026-03-02");
  g_autoptr(GError) error = NULL;
  gint64 kept = meso_test_add_patient (store, "Kept Patient", "1960-01-01", NULL);
  gint64 before = meso_test_count_rows (store);
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
  g_assert_cmpint (meso_test_count_rows (store), ==, before);
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
  a = meso_test_make_patient ("Carla Neri", "1999-09-09", NULL);
  g_clear_pointer (&b, meso_patient_free);
  b = meso_test_make_patient ("Dario Neri", "1999-09-09", NULL);
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
  before = meso_test_count_rows (store);
  g_assert_true (meso_store_begin (store, &error));
  meso_test_add_patient (store, "Elena Neri", "1999-09-09", NULL);
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (store),
                                 "UPDATE patients SET fitzpatrick = 9", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_CHECK);
  meso_store_rollback (store);
  g_assert_cmpint (meso_test_count_rows (store), ==, before);
}

/* Settings */

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MesoStore) store = meso_test_open_store (f->path);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  MESO_STORE_TEST_ADD ("patient/round-trip", test_patient_round_trip);
  MESO_STORE_TEST_ADD ("patient/not-found", test_patient_not_found);
  MESO_STORE_TEST_ADD ("session/round-trip", test_session_round_trip);
  MESO_STORE_TEST_ADD ("refuse/bad-values", test_refuse_bad_values);
  MESO_STORE_TEST_ADD ("refuse/before-birth", test_refuse_before_birth);
  MESO_STORE_TEST_ADD ("refuse/unknown-acknowledged", test_refuse_unknown_acknowledged);
  MESO_STORE_TEST_ADD ("refuse/import", test_import_refuses_impossible);
  MESO_STORE_TEST_ADD ("refuse/amend", test_amend_refuses_impossible);
  MESO_STORE_TEST_ADD ("session/done-rules", test_done_rules);
  MESO_STORE_TEST_ADD ("refuse/check-constraints", test_check_constraints);
  MESO_STORE_TEST_ADD ("transaction/rollback", test_rollback);
  MESO_STORE_TEST_ADD ("settings", test_settings);

  return g_test_run ();
}
