/* test-audit-flush.c: the row images schema 5's triggers write and the
 * flush that folds them into entries: JSON values byte for byte as
 * json-glib wrote them, the same entries as schema 4, and flushes in the
 * middle of a transaction. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "meso-audit-test-util.h"
#include "meso-privacy.h"

/* Schema 5's row images and the flush that reads them */

/* @value as it reached an entry before schema 5: json_object () wrote it
 * into an image, json-glib read the image and wrote the value again. */
static char *
value_through_json_glib (sqlite3 *db,
                         double   real,
                         const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json_object ('v', ?1)", -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_double (stmt, 1, real);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 0),
                                             -1, NULL));
  sqlite3_finalize (stmt);
  json_generator_set_root (generator,
                           json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "v"));
  return json_generator_to_data (generator, NULL);
}

/* Entries keep reading byte for byte as json-glib wrote them, for every
 * character and for reals that need all 17 digits. */
static void
test_json_values (MesoAuditFixture *f,
                  gconstpointer     data)
{
  sqlite3 *db = meso_store_get_db (f->store);
  g_autoptr(GString) ours = g_string_new (NULL);
  static const double reals[] = {
    0.0, -0.0, 0.1, 0.8, 1.5, 4.0, 45.0, 1e-7, 1e20, 1e21, 99.99999999999999,
    0.30000000000000004, 33.333333333333336, 1.23456789012345678, 123456789012345.0,
  };
  static const char * const texts[] = {
    "", "Anna Rossi", "é ☃ 😀", "\"quoted\" \\ /", "line\nbreak\ttab\r\b\f", "\xe2\x80\xa8",
    "\xef\xbf\xbe",
  };

  for (guint i = 0; i < G_N_ELEMENTS (reals) + 2000; i++)
    {
      double real = i < G_N_ELEMENTS (reals) ? reals[i]
                  : i % 2 ? g_test_rand_double_range (0, 100)
                  : g_test_rand_int_range (0, 100000) / 100.0;
      g_autofree char *theirs = value_through_json_glib (db, real, NULL);

      g_string_truncate (ours, 0);
      meso_audit_append_json_real (ours, real);
      g_assert_cmpstr (ours->str, ==, theirs);
    }
  for (guint c = 1; c < 0x80 + G_N_ELEMENTS (texts); c++)
    {
      char one[] = { 'a', (char) c, 'z', '\0' };
      const char *text = c < 0x80 ? one : texts[c - 0x80];
      g_autofree char *theirs = value_through_json_glib (db, 0, text);

      g_string_truncate (ours, 0);
      meso_audit_append_json_string (ours, text);
      g_assert_cmpstr (ours->str, ==, theirs);
    }
  /* List items were never parsed: json-glib wrote them as they were,
   * invalid UTF-8 included. */
  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), "a\xc3z\x80\xed\xa0\x80");
    g_autofree char *theirs = NULL;

    json_generator_set_root (generator, node);
    theirs = json_generator_to_data (generator, NULL);
    g_string_truncate (ours, 0);
    meso_audit_append_json_string (ours, json_node_get_string (node));
    g_assert_cmpstr (ours->str, ==, theirs);
  }
}

/* The same writes through the same API, on @store. */
static void
write_history (MesoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoPatient) p = NULL;
  g_autoptr(MesoSession) s = NULL;
  gint64 id = meso_audit_test_add_patient (store, "Olga \"Oli\" Ricci");

  p = meso_store_get_patient (store, id, &error);
  g_assert_no_error (error);
  g_free (p->notes);
  p->notes = g_strdup ("rang\x1f twice\x7f, then \\ wrote:\n“ok” ☃");
  p->history->conditions[MESO_CONDITION_DIABETES].answer = MESO_ANSWER_YES;
  p->history->allergies_state = MESO_LIST_RECORDED;
  g_ptr_array_add (p->history->allergies, g_strdup ("Latex"));
  g_assert_true (meso_store_update_patient (store, p, &error));
  g_assert_no_error (error);

  s = meso_audit_test_make_session (id, MESO_SESSION_BOOKED);
  s->depth_mm = 0.8;
  s->volume_ml = 1.23456789012345678;
  s->needle_length_mm = 4;
  s->override_reason = g_strdup ("GP letter: “fine”");
  g_assert_true (meso_store_insert_session (store, s, &error));
  g_assert_no_error (error);
  s->depth_mm = 0.30000000000000004;
  g_ptr_array_set_size (s->ingredients, 0);
  g_assert_true (meso_store_update_session (store, s, &error));
  g_assert_no_error (error);
  g_assert_true (meso_store_anonymise_patient (store, id, "asked", &error));
  g_assert_no_error (error);
}

static void
assert_same_entries (MesoStore *a,
                     MesoStore *b)
{
  g_autoptr(GPtrArray) list_a = meso_audit_test_entries (a, 0);
  g_autoptr(GPtrArray) list_b = meso_audit_test_entries (b, 0);

  g_assert_cmpuint (list_a->len, ==, list_b->len);
  for (guint i = 0; i < list_a->len; i++)
    {
      MesoAuditEntry *x = list_a->pdata[i], *y = list_b->pdata[i];

      g_assert_cmpstr (x->actor, ==, y->actor);
      g_assert_cmpstr (x->action, ==, y->action);
      g_assert_cmpstr (x->entity, ==, y->entity);
      g_assert_cmpint (x->entity_id, ==, y->entity_id);
      g_assert_cmpint (x->patient_id, ==, y->patient_id);
      g_assert_cmpstr (x->changes, ==, y->changes);
      g_assert_cmpstr (x->reason, ==, y->reason);
    }
}

/* Schema 5 records exactly what schema 4 recorded; a schema 4 file
 * migrates, keeps a chain that verifies, and even rows that schema 4's
 * triggers left in the stash become their entry. */
static void
test_schema_5 (MesoAuditFixture *f,
               gconstpointer     data)
{
  g_autofree char *old_path = g_build_filename (f->dir, "v4.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) old = meso_store_open_at_version (old_path, 4, &error);
  g_autoptr(MesoAuditEntry) e = NULL;

  g_assert_no_error (error);
  meso_store_set_actor (old, "dr.rossi");
  g_assert_cmpint (meso_test_query_int (old, "SELECT count(*) FROM sqlite_master"
                                                   " WHERE sql LIKE '%meso_audit_image%'"), ==, 0);
  write_history (old);
  write_history (f->store);
  assert_same_entries (old, f->store);
  g_assert_cmpint (meso_test_query_int (f->store, "SELECT count(*) FROM sqlite_master"
                                                        " WHERE sql LIKE '%meso_audit_image%'"), ==, 14);

  /* Written outside meso_store_begin (): the images stay in the stash. */
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (old), "UPDATE patients SET email = 'o@r.it'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (meso_test_query_int (old, "SELECT count(*) FROM audit_stash"), ==, 2);
  g_clear_object (&old);

  old = meso_store_open (old_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (meso_test_query_int (old, "PRAGMA user_version"), ==, meso_store_schema_version ());
  g_assert_cmpint (meso_test_query_int (old, "SELECT count(*) FROM audit_stash"), ==, 0);
  e = meso_audit_test_last_entry (old);
  g_assert_cmpstr (e->action, ==, "update");
  g_assert_cmpstr (e->changes, ==, "{\"email\":[null,\"o@r.it\"]}");
  meso_audit_test_assert_verifies (old);

  /* And carries on as a schema 5 file. */
  write_history (old);
  meso_audit_test_assert_verifies (old);
  g_assert_cmpint (meso_test_query_int (old, "SELECT count(*) FROM audit_stash"), ==, 0);
}

/* Savepoints rolled back, and flushes in the middle of a transaction (the
 * demo's), leave a trail that matches what was kept. */
static void
test_flush_in_transaction (MesoAuditFixture *f,
                           gconstpointer     data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = meso_store_get_db (f->store);
  gint64 a = meso_audit_test_add_patient (f->store, "Pia Serra");
  gint64 b = meso_audit_test_add_patient (f->store, "Rita Sole");
  gint64 before = meso_audit_test_count_entries (f->store);

  g_assert_true (meso_store_begin (f->store, &error));
  g_assert_cmpint (sqlite3_exec (db, "UPDATE patients SET phone = '1' WHERE id = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (meso_audit_flush (f->store, &error));
  g_assert_true (meso_store_begin (f->store, &error));
  g_assert_cmpint (sqlite3_exec (db, "UPDATE patients SET phone = '2' WHERE id = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (meso_audit_flush (f->store, &error));
  meso_store_rollback (f->store);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE patients SET phone = '3' WHERE id = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (meso_store_commit (f->store, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) list = meso_audit_test_entries (f->store, 0);
    MesoAuditEntry *first = list->pdata[before], *second = list->pdata[before + 1];

    g_assert_cmpuint (list->len, ==, before + 2);
    g_assert_cmpint (first->entity_id, ==, a);
    g_assert_cmpstr (first->changes, ==, "{\"phone\":[\"+39 333 123 4567\",\"1\"]}");
    g_assert_cmpint (second->entity_id, ==, a);
    g_assert_cmpstr (second->changes, ==, "{\"phone\":[\"1\",\"3\"]}");
  }
  g_assert_cmpint (meso_test_query_int (f->store, "SELECT count(*) FROM audit"
                                                        " WHERE entity_id = 2 AND action = 'update'"),
                   ==, 0);
  g_assert_cmpint (b, ==, 2);
  meso_audit_test_assert_verifies (f->store);
}

/* The changes of a patient's first entries, written out: the flush of
 * schema 5 wrote a 3,000-patient demo's trail byte for byte as the code
 * before it did, and any change to how entries read shows here. */
static void
test_golden_changes (MesoAuditFixture *f,
                     gconstpointer     data)
{
  static const char * const expected[] = {
    "create patient {\"allergies_state\":[null,\"not_asked\"],"
    "\"bruises_easily\":[null,0],"
    "\"conditions.autoimmune_disease\":[null,\"not_asked\"],"
    "\"conditions.breastfeeding\":[null,\"not_asked\"],"
    "\"conditions.cancer\":[null,\"not_asked\"],"
    "\"conditions.cardiac_disease\":[null,\"not_asked\"],"
    "\"conditions.coagulation_disorder\":[null,\"not_asked\"],"
    "\"conditions.diabetes\":[null,\"not_asked\"],"
    "\"conditions.paralysis_history\":[null,\"not_asked\"],"
    "\"conditions.pregnancy\":[null,\"not_asked\"],"
    "\"conditions.severe_chronic_illness\":[null,\"not_asked\"],"
    "\"conditions.urticaria\":[null,\"not_asked\"],"
    "\"date_of_birth\":[null,\"1990-06-15\"],\"fitzpatrick\":[null,0],"
    "\"language\":[null,\"en\"],\"medications_state\":[null,\"not_asked\"],"
    "\"name\":[null,\"Ana Lima\"],\"phone\":[null,\"+39 333 123 4567\"],"
    "\"sensitive_skin\":[null,0],\"sex\":[null,\"unspecified\"]}",
    "update patient {\"phone\":[\"+39 333 123 4567\",\"+33 6 98 76 54 32\"]}",
    "create session {\"angle_deg\":[null,45.0],\"area\":[null,\"face\"],"
    "\"batch\":[null,\"LOT-1\"],\"consistency\":[null,\"medium\"],"
    "\"date\":[null,\"2026-03-02\"],\"depth_mm\":[null,2.0],"
    "\"indication\":[null,\"rejuvenation\"],\"massage\":[null,\"gentle\"],"
    "\"needle_gauge\":[null,30],\"needle_length_mm\":[null,4.0],"
    "\"patient_id\":[null,1],\"status\":[null,\"booked\"],"
    "\"technique\":[null,\"nappage\"],\"volume_ml\":[null,0.0],"
    "\"ingredients\":[null,[\"Hyaluronic acid\",\"Vitamin C\"]]}",
    "update session {\"depth_mm\":[2.0,2.5]}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoPatient) patient = NULL;
  g_autoptr(MesoSession) session = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 id = meso_audit_test_add_patient (f->store, "Ana Lima");

  patient = meso_store_get_patient (f->store, id, &error);
  g_assert_no_error (error);
  g_free (patient->phone);
  patient->phone = g_strdup ("+33 6 98 76 54 32");
  g_assert_true (meso_store_update_patient (f->store, patient, &error));
  g_assert_no_error (error);

  session = meso_audit_test_make_session (id, MESO_SESSION_BOOKED);
  g_assert_true (meso_store_insert_session (f->store, session, &error));
  g_assert_no_error (error);
  session->depth_mm = 2.5;
  g_assert_true (meso_store_update_session (f->store, session, &error));
  g_assert_no_error (error);

  entries = meso_audit_test_entries (f->store, id);
  /* After a deliberate change of format: prints the entries as C strings,
   * to write them out above again. */
  if (g_getenv ("MESO_PRINT_GOLDEN") != NULL)
    for (guint i = 0; i < entries->len; i++)
      {
        MesoAuditEntry *e = entries->pdata[i];
        g_autofree char *line = g_strdup_printf ("%s %s %s", e->action, e->entity,
                                                 e->changes ? e->changes : "-");
        g_autofree char *quoted = g_strescape (line, NULL);

        g_printerr ("    \"%s\",\n", quoted);
      }
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < entries->len; i++)
    {
      MesoAuditEntry *e = entries->pdata[i];
      g_autofree char *line = g_strdup_printf ("%s %s %s", e->action, e->entity,
                                               e->changes ? e->changes : "-");

      g_assert_cmpstr (line, ==, expected[i]);
    }
  meso_audit_test_assert_verifies (f->store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  MESO_AUDIT_TEST_ADD ("/audit/json-values", test_json_values);
  MESO_AUDIT_TEST_ADD ("/audit/schema-5", test_schema_5);
  MESO_AUDIT_TEST_ADD ("/audit/flush-in-transaction", test_flush_in_transaction);
  MESO_AUDIT_TEST_ADD ("/audit/golden-changes", test_golden_changes);
  return g_test_run ();
}
