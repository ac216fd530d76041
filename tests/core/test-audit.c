/* test-audit.c: the audit trail (entries for every kind of write, one per
 * change, append-only, tampering caught and named), amendments of done
 * sessions, and anonymisation and deletion. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "meso-amend.h"
#include "meso-audit-private.h"
#include "meso-followup.h"
#include "meso-privacy.h"
#include "meso-store-private.h"

typedef struct
{
  char *dir;
  char *path;
  MesoStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("mesochart-audit-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
  f->store = meso_store_open (f->path, &error);
  g_assert_no_error (error);
  meso_store_set_actor (f->store, "dr.rossi");
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
add_patient (MesoStore  *store,
             const char *name)
{
  g_autoptr(MesoPatient) p = meso_patient_new ();
  g_autoptr(GError) error = NULL;

  p->name = g_strdup (name);
  g_date_set_dmy (&p->date_of_birth, 15, 6, 1990);
  p->phone = g_strdup ("+39 333 123 4567");
  g_assert_true (meso_store_insert_patient (store, p, &error));
  g_assert_no_error (error);
  return p->id;
}

static MesoSession *
make_session (gint64            patient_id,
              MesoSessionStatus status)
{
  MesoSession *s = meso_session_new ();

  s->patient_id = patient_id;
  g_date_set_dmy (&s->date, 2, 3, 2026);
  s->status = status;
  s->batch = g_strdup ("LOT-1");
  g_ptr_array_add (s->ingredients, g_strdup ("Hyaluronic acid"));
  g_ptr_array_add (s->ingredients, g_strdup ("Vitamin C"));
  return s;
}

static GPtrArray *
entries (MesoStore *store,
         gint64     patient_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = meso_audit_list (store, patient_id, &error);

  g_assert_no_error (error);
  return list;
}

static MesoAuditEntry *
last_entry (MesoStore *store)
{
  g_autoptr(GPtrArray) list = entries (store, 0);
  MesoAuditEntry *e;

  g_assert_cmpuint (list->len, >, 0);
  e = g_ptr_array_steal_index (list, list->len - 1);
  return e;
}

static JsonObject *
changes_of (const MesoAuditEntry *e)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_nonnull (e->changes);
  g_assert_true (json_parser_load_from_data (parser, e->changes, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* [old, new] of @field in @changes, as strings ("null" for null). */
static void
assert_change (JsonObject *changes,
               const char *field,
               const char *old_value,
               const char *new_value)
{
  JsonArray *pair;
  JsonNode *nodes[2];
  const char *want[2] = { old_value, new_value };

  if (!json_object_has_member (changes, field))
    g_error ("no change of %s recorded", field);
  pair = json_object_get_array_member (changes, field);
  g_assert_cmpuint (json_array_get_length (pair), ==, 2);
  nodes[0] = json_array_get_element (pair, 0);
  nodes[1] = json_array_get_element (pair, 1);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = NULL;

      if (JSON_NODE_HOLDS_NULL (nodes[i]))
        text = g_strdup ("null");
      else if (json_node_get_value_type (nodes[i]) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (nodes[i]));
      else
        text = json_to_string (nodes[i], FALSE);
      g_assert_cmpstr (text, ==, want[i]);
    }
}

static gint64
count_entries (MesoStore *store)
{
  g_autoptr(GPtrArray) list = entries (store, 0);

  return list->len;
}

static void
assert_verifies (MesoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoAuditReport) report = NULL;

  g_assert_true (meso_audit_verify (store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->bad_seq, ==, 0);
  g_assert_cmpuint (strlen (report->head_hash), ==, 64);
}

static void
test_patient_entries (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoAuditEntry) first = NULL;
  g_autoptr(MesoAuditEntry) created = NULL;
  g_autoptr(MesoAuditEntry) updated = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(MesoPatient) p = NULL;
  gint64 id, before;

  /* The trail starts with the database. */
  first = last_entry (f->store);
  g_assert_cmpint (first->seq, ==, 1);
  g_assert_cmpstr (first->action, ==, "start");
  g_assert_cmpstr (first->prev_hash, ==, "");

  id = add_patient (f->store, "Anna Rossi");
  created = last_entry (f->store);
  g_assert_cmpint (created->seq, ==, 2);
  g_assert_cmpstr (created->action, ==, "create");
  g_assert_cmpstr (created->entity, ==, "patient");
  g_assert_cmpint (created->entity_id, ==, id);
  g_assert_cmpint (created->patient_id, ==, id);
  g_assert_cmpstr (created->actor, ==, "dr.rossi");
  g_assert_true (g_str_has_suffix (created->at, "Z"));
  g_assert_cmpstr (created->prev_hash, ==, first->hash);
  changes = changes_of (created);
  assert_change (changes, "name", "null", "Anna Rossi");
  assert_change (changes, "date_of_birth", "null", "1990-06-15");
  assert_change (changes, "conditions.diabetes", "null", "not_asked");
  g_clear_pointer (&changes, json_object_unref);

  /* One update entry with exactly what changed: identity and history. */
  p = meso_store_get_patient (f->store, id, &error);
  g_assert_no_error (error);
  g_free (p->phone);
  p->phone = g_strdup ("+39 333 000 0000");
  p->history->conditions[MESO_CONDITION_DIABETES].answer = MESO_ANSWER_YES;
  p->history->medications_state = MESO_LIST_RECORDED;
  g_ptr_array_add (p->history->medications, g_strdup ("Warfarin 5 mg"));
  before = count_entries (f->store);
  g_assert_true (meso_store_update_patient (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_entries (f->store), ==, before + 1);
  updated = last_entry (f->store);
  g_assert_cmpstr (updated->action, ==, "update");
  changes = changes_of (updated);
  g_assert_cmpuint (json_object_get_size (changes), ==, 4);
  assert_change (changes, "phone", "+39 333 123 4567", "+39 333 000 0000");
  assert_change (changes, "conditions.diabetes", "not_asked", "yes");
  assert_change (changes, "medications_state", "not_asked", "recorded");
  assert_change (changes, "medications", "[]", "[\"Warfarin 5 mg\"]");

  {
    g_autofree char *summary = meso_audit_entry_summary (updated);

    g_assert_cmpstr (summary, ==, "update patient 1: conditions.diabetes, medications_state, "
                                  "phone, medications");
  }

  /* Saving without a change writes no entry. */
  g_assert_true (meso_store_update_patient (f->store, p, &error));
  g_assert_cmpint (count_entries (f->store), ==, before + 1);

  /* Explicit events. */
  g_assert_true (meso_audit_log (f->store, "export", "patient", id, id, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MesoAuditEntry) e = last_entry (f->store);

    g_assert_cmpstr (e->action, ==, "export");
    g_assert_null (e->changes);
  }
  assert_verifies (f->store);
}

static void
test_session_entries (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoFollowup) fu = meso_followup_new ();
  gint64 pid = add_patient (f->store, "Bea Neri");

  s = make_session (pid, MESO_SESSION_BOOKED);
  s->override_reason = g_strdup ("Diabetes well controlled, GP letter on file");
  g_assert_true (meso_store_insert_session (f->store, s, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MesoAuditEntry) e = last_entry (f->store);
    g_autoptr(JsonObject) changes = changes_of (e);

    g_assert_cmpstr (e->action, ==, "create");
    g_assert_cmpstr (e->entity, ==, "session");
    g_assert_cmpint (e->patient_id, ==, pid);
    g_assert_cmpstr (e->reason, ==, "Diabetes well controlled, GP letter on file");
    assert_change (changes, "ingredients", "null", "[\"Hyaluronic acid\",\"Vitamin C\"]");
    assert_change (changes, "batch", "null", "LOT-1");
  }

  g_ptr_array_remove_index (s->ingredients, 1);
  s->depth_mm = 1.5;
  g_assert_true (meso_store_update_session (f->store, s, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MesoAuditEntry) e = last_entry (f->store);
    g_autoptr(JsonObject) changes = changes_of (e);

    g_assert_cmpstr (e->action, ==, "update");
    g_assert_cmpuint (json_object_get_size (changes), ==, 2);
    assert_change (changes, "ingredients", "[\"Hyaluronic acid\",\"Vitamin C\"]",
                   "[\"Hyaluronic acid\"]");
    assert_change (changes, "depth_mm", "2.0", "1.5");
  }

  g_assert_true (meso_store_set_session_status (f->store, s->id, MESO_SESSION_DONE, &error));
  g_assert_no_error (error);
  fu->session_id = s->id;
  g_date_set_dmy (&fu->date, 5, 3, 2026);
  fu->lumps = TRUE;
  g_assert_true (meso_store_insert_followup (f->store, fu, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MesoAuditEntry) e = last_entry (f->store);

    g_assert_cmpstr (e->entity, ==, "followup");
    g_assert_cmpstr (e->action, ==, "create");
    g_assert_cmpint (e->patient_id, ==, pid);
  }
  assert_verifies (f->store);
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  sqlite3 *db = meso_store_get_db (f->store);
  static const char * const attempts[] = {
    "UPDATE audit SET actor = 'someone else' WHERE seq = 1",
    "UPDATE audit SET changes = NULL WHERE seq = 1",
    "DELETE FROM audit WHERE seq = 1",
    "DELETE FROM audit",
  };

  add_patient (f->store, "Carla Bruni");
  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_assert_cmpint (sqlite3_exec (db, attempts[i], NULL, NULL, NULL), !=, SQLITE_OK);
      g_assert_cmpstr (sqlite3_errmsg (db), ==, "the audit trail is append-only");
    }
  assert_verifies (f->store);
}

/* An attacker can open the file with plain SQLite and drop the triggers:
 * the chain still names what they did. */
typedef void (*Tamper) (sqlite3 *db);

static void
tamper_alter_reason (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET reason = 'nothing to see' WHERE seq = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_alter_changes (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET changes = replace (changes, 'Rossi', 'Bianchi')"
                                     " WHERE seq = 4", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_alter_actor_and_hashes (sqlite3 *db)
{
  /* Changing the content and its changes_sha together: the entry hash. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET actor = 'nobody' WHERE seq = 2",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_delete (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE seq = 3", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_delete_and_renumber (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE seq = 3;"
                                     "UPDATE audit SET seq = seq - 1 WHERE seq > 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
tamper_swap (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET seq = -1 WHERE seq = 3;"
                                     "UPDATE audit SET seq = 3 WHERE seq = 4;"
                                     "UPDATE audit SET seq = 4 WHERE seq = -1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
check_tamper (Fixture    *f,
              Tamper      tamper,
              gint64      want_seq,
              const char *want_words)
{
  g_autofree char *copy = g_build_filename (f->dir, "tampered.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoAuditReport) report = NULL;
  g_autofree char *needle = NULL;
  sqlite3 *db = NULL;

  g_unlink (copy);
  {
    /* VACUUM INTO: a copy without -wal, taken from the live store. */
    g_autofree char *sql = g_strdup_printf ("VACUUM INTO '%s'", copy);

    g_assert_cmpint (sqlite3_exec (meso_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_append_only_update;"
                                     "DROP TRIGGER audit_append_only_delete;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  tamper (db);
  g_assert_false (meso_audit_verify_db (db, &report, &error));
  g_assert_error (error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_BROKEN);
  g_assert_cmpint (report->bad_seq, ==, want_seq);
  needle = g_strdup_printf ("entry %" G_GINT64_FORMAT, want_seq);
  if (strstr (error->message, needle) == NULL || strstr (error->message, want_words) == NULL)
    g_error ("“%s” does not name %s (%s)", error->message, needle, want_words);
  sqlite3_close (db);
  g_unlink (copy);
}

static void
test_tampering (Fixture       *f,
                gconstpointer  data)
{
  gint64 a = add_patient (f->store, "Anna Rossi");
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoPatient) p = meso_store_get_patient (f->store, a, &error);

  add_patient (f->store, "Dora Verdi");
  g_free (p->name);
  p->name = g_strdup ("Anna Rossi-Conti");
  g_assert_true (meso_store_update_patient (f->store, p, &error));
  add_patient (f->store, "Elsa Gialli");
  g_assert_true (meso_audit_log (f->store, "print", "session", 0, a, NULL, &error));
  /* 1 start, 2 Anna, 3 Dora, 4 Anna renamed, 5 Elsa, 6 print */
  g_assert_cmpint (count_entries (f->store), ==, 6);
  assert_verifies (f->store);

  check_tamper (f, tamper_alter_reason, 3, "altered");
  check_tamper (f, tamper_alter_changes, 4, "altered");
  check_tamper (f, tamper_alter_actor_and_hashes, 2, "altered");
  check_tamper (f, tamper_delete, 3, "removed");
  check_tamper (f, tamper_delete_and_renumber, 3, "");
  check_tamper (f, tamper_swap, 3, "reordered");
}

static void
test_done_sessions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoSession) original = NULL;
  g_autoptr(MesoSession) current = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  gint64 pid = add_patient (f->store, "Fabia Blu");
  gint64 amendment_id = 0;

  s = make_session (pid, MESO_SESSION_DONE);
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
    g_autoptr(MesoAuditEntry) e = last_entry (f->store);

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
    g_autoptr(MesoSession) booked = make_session (pid, MESO_SESSION_BOOKED);

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
  assert_verifies (f->store);
}

static gint64
query_int (MesoStore  *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (meso_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_anonymise (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoPatient) p = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 pid = add_patient (f->store, "Gina Zanetti");
  gint64 other = add_patient (f->store, "Hanna Moro");

  s = make_session (pid, MESO_SESSION_DONE);
  g_assert_true (meso_store_insert_session (f->store, s, &error));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit WHERE changes LIKE '%Zanetti%'"), >, 0);

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
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit WHERE changes LIKE '%Zanetti%'"
                                        " OR (patient_id = 1 AND changes LIKE '%123 4567%')"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit WHERE changes LIKE '%Moro%'"), ==, 1);
  {
    g_autoptr(MesoAuditEntry) e = last_entry (f->store);
    g_autoptr(JsonObject) changes = changes_of (e);

    g_assert_cmpstr (e->action, ==, "anonymise");
    g_assert_cmpstr (e->reason, ==, "patient asked");
    assert_change (changes, "name", "(removed)", "Anonymised patient 1");
  }
  assert_verifies (f->store);

  g_assert_true (meso_store_delete_patient_recorded (f->store, other, NULL, &error));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit WHERE changes LIKE '%Moro%'"), ==, 0);
  {
    g_autoptr(MesoAuditEntry) e = last_entry (f->store);

    g_assert_cmpstr (e->action, ==, "delete");
    g_assert_cmpint (e->entity_id, ==, other);
    g_assert_null (e->changes);
  }
  assert_verifies (f->store);
}

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
test_json_values (Fixture       *f,
                  gconstpointer  data)
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
  gint64 id = add_patient (store, "Olga \"Oli\" Ricci");

  p = meso_store_get_patient (store, id, &error);
  g_assert_no_error (error);
  g_free (p->notes);
  p->notes = g_strdup ("rang\x1f twice\x7f, then \\ wrote:\n“ok” ☃");
  p->history->conditions[MESO_CONDITION_DIABETES].answer = MESO_ANSWER_YES;
  p->history->allergies_state = MESO_LIST_RECORDED;
  g_ptr_array_add (p->history->allergies, g_strdup ("Latex"));
  g_assert_true (meso_store_update_patient (store, p, &error));
  g_assert_no_error (error);

  s = make_session (id, MESO_SESSION_BOOKED);
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
  g_autoptr(GPtrArray) list_a = entries (a, 0);
  g_autoptr(GPtrArray) list_b = entries (b, 0);

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
test_schema_5 (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *old_path = g_build_filename (f->dir, "v4.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) old = meso_store_open_at_version (old_path, 4, &error);
  g_autoptr(MesoAuditEntry) e = NULL;

  g_assert_no_error (error);
  meso_store_set_actor (old, "dr.rossi");
  g_assert_cmpint (query_int (old, "SELECT count(*) FROM sqlite_master"
                                   " WHERE sql LIKE '%meso_audit_image%'"), ==, 0);
  write_history (old);
  write_history (f->store);
  assert_same_entries (old, f->store);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM sqlite_master"
                                        " WHERE sql LIKE '%meso_audit_image%'"), ==, 14);

  /* Written outside meso_store_begin (): the images stay in the stash. */
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (old), "UPDATE patients SET email = 'o@r.it'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (old, "SELECT count(*) FROM audit_stash"), ==, 2);
  g_clear_object (&old);

  old = meso_store_open (old_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (old, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (query_int (old, "SELECT count(*) FROM audit_stash"), ==, 0);
  e = last_entry (old);
  g_assert_cmpstr (e->action, ==, "update");
  g_assert_cmpstr (e->changes, ==, "{\"email\":[null,\"o@r.it\"]}");
  assert_verifies (old);

  /* And carries on as a schema 5 file. */
  write_history (old);
  assert_verifies (old);
  g_assert_cmpint (query_int (old, "SELECT count(*) FROM audit_stash"), ==, 0);
}

/* Savepoints rolled back, and flushes in the middle of a transaction (the
 * demo's), leave a trail that matches what was kept. */
static void
test_flush_in_transaction (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = meso_store_get_db (f->store);
  gint64 a = add_patient (f->store, "Pia Serra");
  gint64 b = add_patient (f->store, "Rita Sole");
  gint64 before = count_entries (f->store);

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
    g_autoptr(GPtrArray) list = entries (f->store, 0);
    MesoAuditEntry *first = list->pdata[before], *second = list->pdata[before + 1];

    g_assert_cmpuint (list->len, ==, before + 2);
    g_assert_cmpint (first->entity_id, ==, a);
    g_assert_cmpstr (first->changes, ==, "{\"phone\":[\"+39 333 123 4567\",\"1\"]}");
    g_assert_cmpint (second->entity_id, ==, a);
    g_assert_cmpstr (second->changes, ==, "{\"phone\":[\"1\",\"3\"]}");
  }
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit WHERE entity_id = 2"
                                        " AND action = 'update'"), ==, 0);
  g_assert_cmpint (b, ==, 2);
  assert_verifies (f->store);
}

/* A plain SQLite connection cannot write audited tables unseen. */
static void
test_foreign_writer (Fixture       *f,
                     gconstpointer  data)
{
  sqlite3 *db = NULL;

  add_patient (f->store, "Ida Neri");
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE patients SET name = 'X'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "meso_actor"));
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/audit/patient", test_patient_entries);
  ADD ("/audit/session", test_session_entries);
  ADD ("/audit/append-only", test_append_only);
  ADD ("/audit/tampering", test_tampering);
  ADD ("/audit/foreign-writer", test_foreign_writer);
  ADD ("/audit/json-values", test_json_values);
  ADD ("/audit/schema-5", test_schema_5);
  ADD ("/audit/flush-in-transaction", test_flush_in_transaction);
  ADD ("/amend/done-sessions", test_done_sessions);
  ADD ("/privacy/anonymise-delete", test_anonymise);
  return g_test_run ();
}
