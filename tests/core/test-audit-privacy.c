/* test-audit-privacy.c: what the audit trail records of amendments to
 * done sessions, and of anonymisation and deletion, which erase a
 * patient's identity from it while the chain still verifies. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "meso-amend.h"
#include "meso-audit-test-util.h"
#include "meso-privacy.h"

static void
test_done_sessions (MesoAuditFixture *f,
                    gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoSession) original = NULL;
  g_autoptr(MesoSession) current = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  gint64 pid = meso_audit_test_add_patient (f->store, "Fabia Blu");
  gint64 amendment_id = 0;

  s = meso_audit_test_make_session (pid, MESO_SESSION_DONE);
  g_assert_true (meso_store_insert_session (f->store, s, &error));
  g_assert_no_error (error);

  /* Rewriting is refused, in C and in SQL, and changes nothing. */
  s->depth_mm = 3;
  g_assert_false (meso_store_update_session (f->store, s, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "amendment"));
  g_clear_error (&error);
  g_assert_false (meso_store_set_session_status (f->store, s->id, MESO_SESSION_CANCELLED, &error));
  g_clear_error (&error);
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (f->store),
                                 "DELETE FROM session_list_items", NULL, NULL, NULL), !=, SQLITE_OK);
  original = meso_store_get_session (f->store, s->id, &error);
  g_assert_cmpfloat (original->depth_mm, ==, 2.0);
  g_assert_cmpuint (original->ingredients->len, ==, 2);

  /* An amendment needs a reason. */
  g_assert_false (meso_store_amend_session (f->store, s, "  ", NULL, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (meso_store_amend_session (f->store, s, "Depth misread from the chart",
                                           &amendment_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (amendment_id, >, 0);

  /* The original stays readable; the amendment holds the correction. */
  g_clear_pointer (&original, meso_session_free);
  original = meso_store_get_session (f->store, s->id, &error);
  g_assert_cmpfloat (original->depth_mm, ==, 2.0);
  current = meso_store_get_session_amended (f->store, s->id, &error);
  g_assert_cmpfloat (current->depth_mm, ==, 3.0);
  amendments = meso_store_list_amendments (f->store, s->id, &error);
  g_assert_cmpuint (amendments->len, ==, 1);
  {
    MesoSessionAmendment *a = g_ptr_array_index (amendments, 0);
    g_autoptr(MesoAuditEntry) e = meso_audit_test_last_entry (f->store);

    g_assert_cmpstr (a->reason, ==, "Depth misread from the chart");
    g_assert_cmpstr (a->actor, ==, "dr.rossi");
    g_assert_nonnull (strstr (a->changes, "depth_mm"));
    g_assert_cmpstr (e->action, ==, "amend");
    g_assert_cmpstr (e->reason, ==, "Depth misread from the chart");
    g_assert_cmpint (e->entity_id, ==, s->id);
  }

  /* Nothing new: refused. */
  g_assert_false (meso_store_amend_session (f->store, s, "again", NULL, &error));
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A booked session is corrected directly, not amended. */
  {
    g_autoptr(MesoSession) booked = meso_audit_test_make_session (pid, MESO_SESSION_BOOKED);

    g_assert_true (meso_store_insert_session (f->store, booked, &error));
    booked->depth_mm = 1;
    g_assert_false (meso_store_amend_session (f->store, booked, "why", NULL, &error));
    g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (meso_store_update_session (f->store, booked, &error));
    g_assert_no_error (error);
  }

  /* Deleting the patient still takes everything (cascade past the guards). */
  g_assert_true (meso_store_delete_patient_recorded (f->store, pid, "test", &error));
  g_assert_no_error (error);
  meso_audit_test_assert_verifies (f->store);
}

static void
test_anonymise (MesoAuditFixture *f,
                gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoPatient) p = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 pid = meso_audit_test_add_patient (f->store, "Gina Zanetti");
  gint64 other = meso_audit_test_add_patient (f->store, "Hanna Moro");

  s = meso_audit_test_make_session (pid, MESO_SESSION_DONE);
  g_assert_true (meso_store_insert_session (f->store, s, &error));
  g_assert_cmpint (meso_test_query_int (f->store, "SELECT count(*) FROM audit"
                                                        " WHERE changes LIKE '%Zanetti%'"), >, 0);

  g_assert_true (meso_store_anonymise_patient (f->store, pid, "patient asked", &error));
  g_assert_no_error (error);
  p = meso_store_get_patient (f->store, pid, &error);
  g_assert_cmpstr (p->name, ==, "Anonymised patient 1");
  g_assert_null (p->phone);
  g_assert_cmpint (g_date_get_year (&p->date_of_birth), ==, 1990);
  g_assert_cmpint (g_date_get_month (&p->date_of_birth), ==, 1);
  g_assert_cmpint (g_date_get_day (&p->date_of_birth), ==, 1);
  /* Sessions and batch kept. */
  list = meso_store_list_sessions_for_patient (f->store, pid, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((MesoSession *) list->pdata[0])->batch, ==, "LOT-1");
  /* Identity gone from the trail too, which still verifies. */
  g_assert_cmpint (meso_test_query_int (f->store, "SELECT count(*) FROM audit"
                                                        " WHERE changes LIKE '%Zanetti%'"
                                                        " OR (patient_id = 1 AND changes LIKE '%123 4567%')"), ==, 0);
  g_assert_cmpint (meso_test_query_int (f->store, "SELECT count(*) FROM audit"
                                                        " WHERE changes LIKE '%Moro%'"), ==, 1);
  {
    g_autoptr(MesoAuditEntry) e = meso_audit_test_last_entry (f->store);
    g_autoptr(JsonObject) changes = meso_audit_test_changes_of (e);

    g_assert_cmpstr (e->action, ==, "anonymise");
    g_assert_cmpstr (e->reason, ==, "patient asked");
    meso_audit_test_assert_change (changes, "name", "(removed)", "Anonymised patient 1");
  }
  meso_audit_test_assert_verifies (f->store);

  g_assert_true (meso_store_delete_patient_recorded (f->store, other, NULL, &error));
  g_assert_cmpint (meso_test_query_int (f->store, "SELECT count(*) FROM audit"
                                                        " WHERE changes LIKE '%Moro%'"), ==, 0);
  {
    g_autoptr(MesoAuditEntry) e = meso_audit_test_last_entry (f->store);

    g_assert_cmpstr (e->action, ==, "delete");
    g_assert_cmpint (e->entity_id, ==, other);
    g_assert_null (e->changes);
  }
  meso_audit_test_assert_verifies (f->store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  MESO_AUDIT_TEST_ADD ("/amend/done-sessions", test_done_sessions);
  MESO_AUDIT_TEST_ADD ("/privacy/anonymise-delete", test_anonymise);
  return g_test_run ();
}
