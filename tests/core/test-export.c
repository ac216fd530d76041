/* Export and import: byte-identical round trip, one-patient export, and
 * all-or-nothing import of bad files with the place of the error. */
#include <glib/gstdio.h>
#include <string.h>

#include "meso-audit.h"
#include "meso-demo.h"
#include "meso-export.h"
#include "meso-store-private.h"

typedef struct
{
  char      *dir;
  MesoStore *source;   /* demo data plus hand-made edge cases */
  char      *exported;
} Fixture;

static MesoStore *
open_store (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  MesoStore *store = meso_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
count_patients (MesoStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n = meso_store_count_patients (store, &error);

  g_assert_no_error (error);
  return n;
}

static guint
count_sessions (MesoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = meso_store_list_sessions_between (store, NULL, NULL, &error);

  g_assert_no_error (error);
  return all->len;
}

static char *
export_all (MesoStore *store,
            gint64     patient_id)
{
  g_autoptr(GError) error = NULL;
  char *data = meso_export_to_data (store, patient_id, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoPatient) p = meso_patient_new ();
  MesoDemoOptions options = { 0 };
  MesoDemoReport report;

  f->dir = g_dir_make_tmp ("meso-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->source = open_store (f, "source.db");

  options.n_patients = 25;
  options.seed = 42;
  g_assert_true (meso_date_parse ("2026-03-15", &options.today));
  g_assert_true (meso_demo_fill (f->source, &options, &report, &error));
  g_assert_no_error (error);

  /* Edge cases the demo does not make: only required fields, a tab and a
   * newline and quotes in text, no sessions. */
  p->name = g_strdup ("Ólafur \"Óli\" Þórsson");
  g_assert_true (meso_date_parse ("2000-02-29", &p->date_of_birth));
  p->notes = g_strdup ("Line one\nLine\ttwo — “quoted” \\ backslash");
  g_assert_true (meso_store_insert_patient (f->source, p, &error));
  g_assert_no_error (error);

  /* A gap in the ids: import must keep the file's ids, not renumber. */
  g_assert_true (meso_store_delete_patient (f->source, 3, &error));
  g_assert_no_error (error);

  f->exported = export_all (f->source, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->source);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->exported);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) copy = open_store (f, "copy.db");
  g_autoptr(MesoImportReport) report = NULL;
  g_autofree char *again = NULL;

  report = meso_import_from_data (copy, f->exported, -1, "export.json",
                                  MESO_IMPORT_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_true (report->ids_kept);
  g_assert_true (report->settings_applied);
  g_assert_cmpint (report->n_patients, ==, count_patients (f->source));
  g_assert_cmpuint (report->n_sessions, ==, count_sessions (f->source));
  g_assert_cmpuint (report->n_sessions, >, 0);
  g_assert_cmpuint (report->possible_duplicates->len, ==, 0);

  again = export_all (copy, 0);
  g_assert_cmpstr (again, ==, f->exported);

  /* The id gap survived: patient 3 is still missing, 4 still there. */
  {
    g_autoptr(MesoPatient) missing = meso_store_get_patient (copy, 3, &error);

    g_assert_null (missing);
    g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
  }
}

/* The streamed export is exactly json-glib's own rendering of the whole
 * document, so any JSON tool reads it and re-rendering changes nothing. */
static void
test_canonical (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = meso_json_parse (f->exported, -1, NULL, &error);
  g_autofree char *rendered = NULL;

  g_assert_no_error (error);
  rendered = meso_json_to_string (root, NULL);
  g_assert_cmpstr (rendered, ==, f->exported);
  g_assert_null (strstr (f->exported, "\"timestamp\""));
}

static void
test_one_patient (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *one = export_all (f->source, 2);
  g_autoptr(JsonNode) root = meso_json_parse (one, -1, NULL, &error);
  g_autoptr(GPtrArray) sessions = meso_store_list_sessions_for_patient (f->source, 2, &error);
  JsonArray *patients;
  JsonObject *p;
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  patients = json_object_get_array_member (json_node_get_object (root), "patients");
  g_assert_cmpuint (json_array_get_length (patients), ==, 1);
  p = json_array_get_object_element (patients, 0);
  g_assert_cmpint (json_object_get_int_member (p, "id"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "sessions")), ==,
                    sessions->len);

  /* It imports on its own, into an empty database, as itself. */
  {
    g_autoptr(MesoStore) copy = open_store (f, "one.db");
    g_autoptr(MesoImportReport) report =
      meso_import_from_data (copy, one, -1, NULL, MESO_IMPORT_FLAGS_NONE, &error);
    g_autofree char *again = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (report->n_patients, ==, 1);
    again = export_all (copy, 2);
    g_assert_cmpstr (again, ==, one);
  }

  missing = meso_export_to_data (f->source, 3, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND);
}

static void
assert_import_entry (const MesoAuditEntry *e,
                     const char           *entity,
                     gint64                entity_id,
                     const char           *reason)
{
  g_assert_cmpstr (e->action, ==, "import");
  g_assert_cmpstr (e->entity, ==, entity);
  g_assert_cmpint (e->entity_id, ==, entity_id);
  g_assert_cmpstr (e->reason, ==, reason);
}

static gint64
count_entries (MesoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trail = meso_audit_list (store, 0, &error);

  g_assert_no_error (error);
  return trail->len;
}

static gint64
patient_id (JsonArray *patients,
            guint      i)
{
  return json_object_get_int_member (json_array_get_object_element (patients, i), "id");
}

/* Imports @exported into a new store @name where a trigger refuses to
 * write patient @id (@in_trail: its audit entry), and checks that
 * nothing stays. */
static void
assert_import_fails (Fixture    *f,
                     const char *name,
                     const char *exported,
                     gboolean    in_trail,
                     gint64      id,
                     const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = open_store (f, name);
  g_autoptr(MesoImportReport) report = NULL;
  g_autoptr(MesoPatient) p = meso_patient_new ();
  g_autoptr(MesoAuditEntry) last = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  g_autofree char *condition =
    in_trail ? g_strdup_printf ("BEFORE INSERT ON audit WHEN NEW.entity = 'patient'"
                                " AND NEW.entity_id = %" G_GINT64_FORMAT, id)
             : g_strdup_printf ("AFTER INSERT ON patients WHEN NEW.id = %" G_GINT64_FORMAT, id);
  g_autofree char *trigger = g_strdup_printf ("CREATE TEMP TRIGGER refuse %s"
                                              " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
                                              condition);
  gint64 before = count_entries (store);

  g_assert_cmpint (sqlite3_exec (meso_store_get_db (store), trigger, NULL, NULL, NULL), ==, SQLITE_OK);
  report = meso_import_from_data (store, exported, -1, "big.json", MESO_IMPORT_FLAGS_NONE, &error);
  g_test_message ("%s: %s", name, error ? error->message : "(no error)");
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, message));
  g_assert_nonnull (strstr (error->message, "refused by the test"));
  g_clear_error (&error);
  g_assert_cmpint (count_patients (store), ==, 0);
  g_assert_cmpint (count_entries (store), ==, before);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (meso_store_get_db (store), "SELECT count(*) FROM audit_stash",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
  g_assert_true (meso_audit_verify (store, NULL, &error));
  g_assert_no_error (error);

  /* Nor is the next write taken for part of the import. */
  g_assert_cmpint (sqlite3_exec (meso_store_get_db (store), "DROP TRIGGER refuse", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  p->name = g_strdup ("Typed In");
  g_assert_true (meso_date_parse ("1980-01-01", &p->date_of_birth));
  g_assert_true (meso_store_insert_patient (store, p, &error));
  g_assert_no_error (error);
  trail = meso_audit_list (store, 0, &error);
  g_assert_no_error (error);
  last = g_ptr_array_steal_index (trail, trail->len - 1);
  g_assert_cmpstr (last->action, ==, "create");
  g_assert_null (last->reason);
}

/* An import folds the audit stash into entries every few patients: the
 * trail still reads as one import event, then each patient's entry
 * followed by its sessions', in file order, as when it was all folded at
 * commit; and a failure after several folds still leaves nothing. */
static void
test_import_audit (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) big = open_store (f, "big.db");
  g_autoptr(MesoStore) copy = open_store (f, "batched.db");
  g_autoptr(MesoImportReport) report = NULL;
  g_autoptr(GPtrArray) trail = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *reason = NULL;
  MesoDemoOptions options = { 0 };
  MesoDemoReport demo;
  JsonArray *patients;
  gint64 before;
  guint n = 0;

  /* A few batches and a partial one. */
  options.n_patients = 150;
  options.seed = 7;
  g_assert_true (meso_date_parse ("2026-03-15", &options.today));
  g_assert_true (meso_demo_fill (big, &options, &demo, &error));
  g_assert_no_error (error);
  exported = export_all (big, 0);
  root = meso_json_parse (exported, -1, NULL, &error);
  g_assert_no_error (error);
  patients = json_object_get_array_member (json_node_get_object (root), "patients");

  before = count_entries (copy);
  report = meso_import_from_data (copy, exported, -1, "big.json", MESO_IMPORT_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_patients, ==, demo.n_patients);
  reason = g_strdup_printf ("%u patients, %u sessions from big.json (ids kept)",
                            demo.n_patients, demo.n_sessions);
  trail = meso_audit_list (copy, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trail->len, ==, before + 1 + demo.n_patients + demo.n_sessions);
  n = before;
  assert_import_entry (trail->pdata[n++], "record", 0, reason);
  for (guint i = 0; i < json_array_get_length (patients); i++)
    {
      JsonObject *p = json_array_get_object_element (patients, i);
      JsonArray *sessions = json_object_get_array_member (p, "sessions");

      assert_import_entry (trail->pdata[n++], "patient", json_object_get_int_member (p, "id"), reason);
      for (guint j = 0; j < json_array_get_length (sessions); j++)
        assert_import_entry (trail->pdata[n++], "session",
                             json_object_get_int_member (json_array_get_object_element (sessions, j), "id"),
                             reason);
    }
  g_assert_true (meso_audit_verify (copy, NULL, &error));
  g_assert_no_error (error);

  /* Refused while writing, while folding in the middle of the import,
   * and while folding at commit: each after several folds. */
  assert_import_fails (f, "fail-write.db", exported, FALSE, patient_id (patients, 140),
                       "patients[140]: ");
  assert_import_fails (f, "fail-fold.db", exported, TRUE, patient_id (patients, 100), "");
  assert_import_fails (f, "fail-commit.db", exported, TRUE, patient_id (patients, 140), "");
}

/* Replaces the first occurrence of @from after @after in @text. */
static char *
edit (const char *text,
      const char *after,
      const char *from,
      const char *to)
{
  const char *start = after ? strstr (text, after) : text;
  const char *at;
  GString *out;

  g_assert_nonnull (start);
  at = strstr (start, from);
  g_assert_nonnull (at);
  out = g_string_new_len (text, at - text);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));
  return g_string_free (out, FALSE);
}

/* Replaces the value after the first @key (say "\"gauge\" : ") found
 * after @after with @value. */
static char *
edit_value (const char *text,
            const char *after,
            const char *key,
            const char *value)
{
  const char *start = strstr (text, after);
  const char *at, *end;
  GString *out;

  g_assert_nonnull (start);
  at = strstr (start, key);
  g_assert_nonnull (at);
  at += strlen (key);
  end = at + strcspn (at, ",\n");
  out = g_string_new_len (text, at - text);
  g_string_append (out, value);
  g_string_append (out, end);
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *what;
  GQuark      domain;
  gint        code;
  const char *message;   /* the error message must contain this */
} BadCase;

static void
assert_refused (MesoStore     *store,
                const char    *data,
                MesoImportFlags flags,
                const BadCase *bad)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoImportReport) report = NULL;
  gint64 patients = count_patients (store);
  guint sessions = count_sessions (store);

  report = meso_import_from_data (store, data, -1, "bad.json", flags, &error);
  g_test_message ("%s: %s", bad->what, error ? error->message : "(no error)");
  g_assert_null (report);
  g_assert_error (error, bad->domain, bad->code);
  g_assert_nonnull (strstr (error->message, bad->message));
  g_assert_cmpint (count_patients (store), ==, patients);
  g_assert_cmpuint (count_sessions (store), ==, sessions);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = meso_json_parse (f->exported, -1, NULL, &error);
  JsonArray *patients = json_object_get_array_member (json_node_get_object (root), "patients");
  guint last = json_array_get_length (patients) - 1;
  guint with_sessions = last;
  g_autofree char *anchor = NULL;
  g_autofree char *gauge_path = NULL;
  g_autoptr(MesoStore) empty = open_store (f, "empty.db");
  g_autoptr(MesoStore) full = open_store (f, "full.db");
  g_autoptr(MesoImportReport) report = NULL;
  /* The last patient (hand-made, no sessions) takes the first one's id. */
  g_autofree char *last_anchor =
    g_strdup_printf ("\"id\" : %" G_GINT64_FORMAT ",\n      \"name\"",
                     json_object_get_int_member (json_array_get_object_element (patients, last), "id"));
  g_autofree char *first_anchor =
    g_strdup_printf ("\"id\" : %" G_GINT64_FORMAT ",\n      \"name\"",
                     json_object_get_int_member (json_array_get_object_element (patients, 0), "id"));
  g_autofree char *duplicate_message =
    g_strdup_printf ("patients[%u].id: patient id %" G_GINT64_FORMAT " is also used by patients[0]",
                     last, json_object_get_int_member (json_array_get_object_element (patients, 0), "id"));

  /* The last patient with sessions: the bad value sits deep in the file,
   * after many good records that must not be written either. */
  while (json_array_get_length (json_object_get_array_member (
           json_array_get_object_element (patients, with_sessions), "sessions")) < 2)
    with_sessions--;
  anchor = g_strdup_printf ("\"id\" : %" G_GINT64_FORMAT ",\n      \"name\"",
                            json_object_get_int_member (json_array_get_object_element (patients, with_sessions), "id"));
  gauge_path = g_strdup_printf ("patients[%u].sessions[0].needle.gauge: 0 G is outside 18-34 G",
                                with_sessions);

  report = meso_import_from_data (full, f->exported, -1, NULL, MESO_IMPORT_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, meso_import_report_free);

  {
    g_autofree char *gauge = edit_value (f->exported, anchor, "\"gauge\" : ", "0");
    g_autofree char *unknown = edit (f->exported, anchor, "\"sex\"", "\"sexe\"");
    g_autofree char *type = edit_value (f->exported, anchor, "\"bruises_easily\" : ", "\"no\"");
    g_autofree char *syntax = edit (f->exported, "\"patients\"", "},\n", "},,\n");
    g_autofree char *newer = edit (f->exported, NULL, "\"version\" : 1", "\"version\" : 2");
    g_autofree char *duplicate = edit (f->exported, last_anchor, last_anchor, first_anchor);
    g_autofree char *depth = edit_value (f->exported, anchor, "\"depth_mm\" : ", "40");
    g_autofree char *area = edit_value (f->exported, anchor, "\"area\" : ", "\"knee\"");
    g_autofree char *renamed = edit (f->exported, anchor, "\"date_of_birth\"", "\"born\"");
    g_autofree char *null_name = edit_value (f->exported, anchor, "\"name\" : ", "null");
    g_autofree char *legal_age = edit_value (f->exported, "\"settings\"", "\"legal_age\" : ", "12");
    BadCase gauge_case = { "gauge", MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID, gauge_path };
    BadCase cases[] = {
      { "unknown key", MESO_JSON_ERROR, MESO_JSON_ERROR_UNKNOWN_KEY, ".sexe: unknown key “sexe”" },
      { "wrong type", MESO_JSON_ERROR, MESO_JSON_ERROR_TYPE, ".history.bruises_easily: expected true/false, found a string" },
      { "syntax", MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX, "bad.json:" },
      { "newer version", MESO_IMPORT_ERROR, MESO_IMPORT_ERROR_FORMAT, "version: the file is in version 2" },
      { "duplicate id", MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID, duplicate_message },
      { "depth", MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID, ".sessions[0].depth_mm: 40 mm is outside 0-13 mm" },
      { "area", MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID, ".sessions[0].area: unknown value “knee”" },
      { "renamed key", MESO_JSON_ERROR, MESO_JSON_ERROR_UNKNOWN_KEY, ".born: unknown key “born”" },
      { "null name", MESO_JSON_ERROR, MESO_JSON_ERROR_TYPE, ".name: must not be null" },
      { "legal age", MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID,
        "settings.legal_age: 12 is not a legal age from 16 to 25" },
    };

    assert_refused (empty, gauge, MESO_IMPORT_FLAGS_NONE, &gauge_case);
    assert_refused (full, gauge, MESO_IMPORT_MERGE, &gauge_case);
    assert_refused (empty, unknown, MESO_IMPORT_FLAGS_NONE, &cases[0]);
    assert_refused (empty, type, MESO_IMPORT_FLAGS_NONE, &cases[1]);
    assert_refused (full, type, MESO_IMPORT_MERGE, &cases[1]);
    assert_refused (empty, syntax, MESO_IMPORT_FLAGS_NONE, &cases[2]);
    assert_refused (empty, newer, MESO_IMPORT_FLAGS_NONE, &cases[3]);
    assert_refused (empty, duplicate, MESO_IMPORT_FLAGS_NONE, &cases[4]);
    assert_refused (empty, depth, MESO_IMPORT_FLAGS_NONE, &cases[5]);
    assert_refused (empty, area, MESO_IMPORT_FLAGS_NONE, &cases[6]);
    assert_refused (empty, renamed, MESO_IMPORT_FLAGS_NONE, &cases[7]);
    assert_refused (empty, null_name, MESO_IMPORT_FLAGS_NONE, &cases[8]);
    assert_refused (empty, legal_age, MESO_IMPORT_FLAGS_NONE, &cases[9]);
  }

  /* Syntax errors give the line and column of json-glib. */
  {
    const char *text = "{\n  \"format\" : \"mesochart-export\",\n  \"version\" : 1,\n  \"patients\" : [,]\n}\n";
    BadCase c = { "syntax", MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX, "bad.json:4:" };

    assert_refused (empty, text, MESO_IMPORT_FLAGS_NONE, &c);
  }
  /* A crafted file nested deep enough to exhaust the parser's stack. */
  {
    g_autofree char *deep = g_strnfill (200000, '[');
    BadCase c = { "deep", MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX, "bad.json:1:65: nested more than 64 levels deep" };

    assert_refused (empty, deep, MESO_IMPORT_FLAGS_NONE, &c);
  }
  /* A second document glued on: json-glib alone would drop it silently. */
  {
    g_autofree char *two = g_strconcat (f->exported, "{\"format\": \"mesochart-export\"}\n", NULL);
    BadCase c = { "two roots", MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX,
                  "unexpected text after the end of the document" };

    assert_refused (empty, two, MESO_IMPORT_FLAGS_NONE, &c);
  }
  /* json-glib cuts a string at an escaped NUL ("ab\u0000cd" reads as
   * "ab"): refused, naming the value, instead of stored cut short. */
  {
    g_autofree char *name = edit_value (f->exported, anchor, "\"name\" : ", "\"ab\\u0000cd\"");
    g_autofree char *batch = edit_value (f->exported, anchor, "\"batch\" : ", "\"B-\\u0000\"");
    g_autofree char *name_message =
      g_strdup_printf ("patients[%u].name: contains a NUL character (line ", with_sessions);
    g_autofree char *batch_message =
      g_strdup_printf ("patients[%u].sessions[0].solution.batch: contains a NUL character",
                       with_sessions);
    BadCase name_case = { "NUL in a name", MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID, name_message };
    BadCase batch_case = { "NUL in a batch", MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID, batch_message };

    assert_refused (empty, name, MESO_IMPORT_FLAGS_NONE, &name_case);
    assert_refused (full, name, MESO_IMPORT_MERGE, &name_case);
    assert_refused (empty, batch, MESO_IMPORT_FLAGS_NONE, &batch_case);
  }
  /* json-glib 1.6 reads an integer beyond 64 bits as -1 (or 1): the
   * message shows the number as written. */
  {
    g_autofree char *big_anchor = g_strdup_printf ("\"id\" : 99999999999999999999,\n      \"name\"");
    g_autofree char *id = edit (f->exported, anchor, anchor, big_anchor);
    g_autofree char *depth = edit_value (f->exported, anchor, "\"depth_mm\" : ", "1e400");
    g_autofree char *id_message =
      g_strdup_printf ("patients[%u].id: 99999999999999999999 is too large a number (line ",
                       with_sessions);
    g_autofree char *depth_message =
      g_strdup_printf ("patients[%u].sessions[0].depth_mm: 1e400 is too large a number",
                       with_sessions);
    BadCase id_case = { "huge id", MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID, id_message };
    BadCase depth_case = { "huge depth", MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID, depth_message };

    assert_refused (empty, id, MESO_IMPORT_FLAGS_NONE, &id_case);
    assert_refused (empty, depth, MESO_IMPORT_FLAGS_NONE, &depth_case);
  }
  /* A broken file is reported as broken even when it also holds a NUL. */
  {
    const char *text = "{\"format\": \"mesochart-export\", \"version\": 1,\n"
                       " \"patients\": [{\"name\": \"a\\u0000\"},,]}";
    BadCase c = { "syntax first", MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX, "bad.json:2:" };

    assert_refused (empty, text, MESO_IMPORT_FLAGS_NONE, &c);
  }
  /* Not an export at all. */
  {
    BadCase c = { "format", MESO_IMPORT_ERROR, MESO_IMPORT_ERROR_FORMAT, "not a Mesochart export" };

    assert_refused (empty, "[1, 2]", MESO_IMPORT_FLAGS_NONE, &c);
    assert_refused (empty, "{\"format\": \"other\", \"version\": 1, \"patients\": []}",
                    MESO_IMPORT_FLAGS_NONE, &c);
  }
  g_assert_cmpint (count_patients (empty), ==, 0);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = open_store (f, "merge.db");
  g_autoptr(MesoImportReport) first = NULL;
  g_autoptr(MesoImportReport) second = NULL;
  g_autoptr(MesoImportReport) refused = NULL;
  g_autoptr(MesoSettings) settings = NULL;
  gint64 n = count_patients (f->source);
  guint sessions = count_sessions (f->source);

  /* The database's settings are kept when merging. */
  settings = meso_store_load_settings (store, &error);
  g_free (settings->clinic_name);
  settings->clinic_name = g_strdup ("Existing clinic");
  g_assert_true (meso_store_save_settings (store, settings, &error));
  g_clear_pointer (&settings, meso_settings_free);

  first = meso_import_from_data (store, f->exported, -1, NULL, MESO_IMPORT_FLAGS_NONE, &error);
  g_assert_no_error (error);

  refused = meso_import_from_data (store, f->exported, -1, NULL, MESO_IMPORT_FLAGS_NONE, &error);
  g_assert_null (refused);
  g_assert_error (error, MESO_IMPORT_ERROR, MESO_IMPORT_ERROR_NOT_EMPTY);
  g_clear_error (&error);
  g_assert_cmpint (count_patients (store), ==, n);

  second = meso_import_from_data (store, f->exported, -1, NULL, MESO_IMPORT_MERGE, &error);
  g_assert_no_error (error);
  g_assert_false (second->ids_kept);
  g_assert_false (second->settings_applied);
  g_assert_cmpint (count_patients (store), ==, 2 * n);
  g_assert_cmpuint (count_sessions (store), ==, 2 * sessions);
  /* Everyone is there twice: each is reported once. */
  g_assert_cmpuint (second->possible_duplicates->len, ==, n);

  settings = meso_store_load_settings (store, &error);
  g_assert_cmpstr (settings->clinic_name, ==, "Clinique Démo — Mesotherapy");

  /* Sessions followed their patient to the new id. */
  {
    g_autoptr(GArray) ids = meso_store_find_patient_ids (store, NULL, &error);

    for (guint i = 0; i < ids->len; i++)
      {
        gint64 id = g_array_index (ids, gint64, i);
        g_autoptr(GPtrArray) list = meso_store_list_sessions_for_patient (store, id, &error);

        for (guint j = 0; j < list->len; j++)
          g_assert_cmpint (((MesoSession *) g_ptr_array_index (list, j))->patient_id, ==, id);
      }
  }
}

/* The schema in data/ describes what the code writes: the same keys at
 * every level and the same codes. */
static void
assert_same_keys (JsonObject *schema_object,
                  JsonObject *written,
                  const char *what)
{
  JsonObject *properties = json_object_get_object_member (schema_object, "properties");
  g_autoptr(GList) keys = json_object_get_members (written);
  g_autoptr(GList) described = json_object_get_members (properties);

  g_test_message ("%s", what);
  for (GList *l = keys; l != NULL; l = l->next)
    g_assert_true (json_object_has_member (properties, l->data));
  for (GList *l = described; l != NULL; l = l->next)
    g_assert_true (json_object_has_member (written, l->data));
}

static void
assert_enum (JsonObject  *property,
             const char *(*code_at) (guint),
             guint        n)
{
  JsonArray *values = json_object_get_array_member (property, "enum");

  g_assert_cmpuint (json_array_get_length (values), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_array_get_string_element (values, i), ==, code_at (i));
}

static const char *area_at (guint i) { return meso_area_to_code (i); }
static const char *indication_at (guint i) { return meso_indication_to_code (i); }
static const char *technique_at (guint i) { return meso_technique_to_code (i); }
static const char *status_at (guint i) { return meso_session_status_to_code (i); }
static const char *sex_at (guint i) { return meso_sex_to_code (i); }
static const char *answer_at (guint i) { return meso_answer_to_code (i); }
static const char *massage_at (guint i) { return meso_massage_to_code (i); }

static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "schemas",
                                                 "mesochart-export.schema.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) schema = NULL;
  g_autoptr(JsonNode) exported = meso_json_parse (f->exported, -1, NULL, &error);
  JsonObject *defs, *root, *patient, *session, *history;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  schema = meso_json_parse (text, -1, path, &error);
  g_assert_no_error (error);
  defs = json_object_get_object_member (json_node_get_object (schema), "$defs");
  root = json_node_get_object (exported);

  /* A patient with sessions, and one of its sessions. */
  patient = json_array_get_object_element (json_object_get_array_member (root, "patients"), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (patient, "sessions")), >, 0);
  session = json_array_get_object_element (json_object_get_array_member (patient, "sessions"), 0);
  history = json_object_get_object_member (patient, "history");

  assert_same_keys (json_node_get_object (schema), root, "top level");
  assert_same_keys (json_object_get_object_member (defs, "settings"),
                    json_object_get_object_member (root, "settings"), "settings");
  assert_same_keys (json_object_get_object_member (defs, "patient"), patient, "patient");
  assert_same_keys (json_object_get_object_member (defs, "history"), history, "history");
  assert_same_keys (json_object_get_object_member (json_object_get_object_member (
                      json_object_get_object_member (defs, "history"), "properties"), "conditions"),
                    json_object_get_object_member (history, "conditions"), "conditions");
  assert_same_keys (json_object_get_object_member (defs, "list"),
                    json_object_get_object_member (history, "medications"), "list");
  assert_same_keys (json_object_get_object_member (defs, "session"), session, "session");
  {
    JsonObject *props = json_object_get_object_member (json_object_get_object_member (defs, "session"), "properties");

    assert_same_keys (json_object_get_object_member (props, "solution"),
                      json_object_get_object_member (session, "solution"), "solution");
    assert_same_keys (json_object_get_object_member (props, "needle"),
                      json_object_get_object_member (session, "needle"), "needle");
    assert_enum (json_object_get_object_member (props, "area"), area_at, MESO_N_AREAS);
    assert_enum (json_object_get_object_member (props, "indication"), indication_at, MESO_N_INDICATIONS);
    assert_enum (json_object_get_object_member (props, "technique"), technique_at, MESO_N_TECHNIQUES);
    assert_enum (json_object_get_object_member (props, "status"), status_at, MESO_N_SESSION_STATUSES);
    assert_enum (json_object_get_object_member (json_object_get_object_member (
                   json_object_get_object_member (defs, "patient"), "properties"), "sex"),
                 sex_at, MESO_N_SEXES);
    assert_enum (json_object_get_object_member (json_object_get_object_member (
                   json_object_get_object_member (defs, "answer"), "properties"), "answer"),
                 answer_at, MESO_N_ANSWERS);
    assert_enum (json_object_get_object_member (defs, "massage"), massage_at, MESO_N_MASSAGES);
  }
}

/* A patient's JSON alone, as `patient add --from-json` reads it. */
static void
test_patient_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(MesoPatient) p = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  node = meso_json_parse ("{\"name\": \"Zoë\", \"date_of_birth\": \"1990-01-01\"}", -1, NULL, &error);
  p = meso_patient_from_json (node, "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->name, ==, "Zoë");
  g_assert_cmpstr (p->language, ==, "en");
  /* Not given is not "no": the screening must see the gaps. */
  g_assert_cmpint (p->history->conditions[MESO_CONDITION_PREGNANCY].answer, ==, MESO_ANSWER_NOT_ASKED);
  g_clear_pointer (&p, meso_patient_free);
  g_clear_pointer (&node, json_node_unref);

  node = meso_json_parse ("{\"date_of_birth\": \"1990-01-01\"}", -1, NULL, &error);
  p = meso_patient_from_json (node, "", NULL, &error);
  g_assert_null (p);
  g_assert_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_MISSING);
  g_assert_cmpstr (error->message, ==, "name: this key is required");
  g_clear_error (&error);
  g_clear_pointer (&node, json_node_unref);

  node = meso_json_parse ("{\"name\": \"A\", \"date_of_birth\": \"1990-01-01\", \"history\": "
                          "{\"medications\": {\"state\": \"recorded\", \"items\": []}}}", -1, NULL, &error);
  p = meso_patient_from_json (node, "p", NULL, &error);
  g_assert_null (p);
  g_assert_true (g_str_has_prefix (error->message, "p.history.medications: "));
  g_clear_error (&error);
  g_clear_pointer (&node, json_node_unref);

  node = meso_json_parse ("{\"name\": \"A\", \"date_of_birth\": \"1990-01-01\", \"history\": "
                          "{\"conditions\": {\"diabetes\": {\"answer\": \"maybe\"}}}}", -1, NULL, &error);
  p = meso_patient_from_json (node, "", NULL, &error);
  g_assert_null (p);
  g_assert_true (g_str_has_prefix (error->message, "history.conditions.diabetes.answer: unknown value “maybe”"));
  g_clear_error (&error);
  g_clear_pointer (&node, json_node_unref);

  node = meso_json_parse ("{\"name\": \"A\", \"date_of_birth\": \"1990-01-01\", \"sessions\": []}", -1, NULL, &error);
  p = meso_patient_from_json (node, "", NULL, &error);
  g_assert_null (p);
  g_assert_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);
  p = meso_patient_from_json (node, "", &sessions, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 0);
}

/* meso_json_parse () is the one parse of every JSON input (import, amend,
 * patient add --from-json, screen, aftercare): what json-glib would get
 * wrong is refused with the JSON path of the value. */
static void
test_guarded_parse (void)
{
  static const struct
  {
    const char *json;
    gint        code;
    const char *message;
  } cases[] = {
    { "{\"notes\": \"ab\\u0000cd\"}", MESO_JSON_ERROR_INVALID,
      "notes: contains a NUL character (line 1, column 14)" },
    { "{\"a\": [{\"b\": \"x\"}, {\"b\": \"x\", \"c\": [\"\", \"\\u0000\"]}]}", MESO_JSON_ERROR_INVALID,
      "a[1].c[1]: contains a NUL character (line 1, column 42)" },
    { "{\"n\\u0000otes\": 1}", MESO_JSON_ERROR_INVALID,
      "n\\u0000otes: the key contains a NUL character (line 1, column 4)" },
    { "[\"\\u0000\"]", MESO_JSON_ERROR_INVALID, "[0]: contains a NUL character (line 1, column 3)" },
    /* Escapes that are not a NUL: kept. */
    { "{\"notes\": \"a\\\\u0000\", \"x\": \"\\u10000\"}", -1, NULL },
    { "{\"id\": 99999999999999999999}", MESO_JSON_ERROR_INVALID,
      "id: 99999999999999999999 is too large a number (line 1, column 8)" },
    { "{\"id\": -99999999999999999999}", MESO_JSON_ERROR_INVALID,
      "id: -99999999999999999999 is too large a negative number (line 1, column 8)" },
    { "{\"id\": 9223372036854775808}", MESO_JSON_ERROR_INVALID,
      "id: 9223372036854775808 is too large a number (line 1, column 8)" },
    { "{\"depth_mm\": 1e400}", MESO_JSON_ERROR_INVALID,
      "depth_mm: 1e400 is too large a number (line 1, column 14)" },
    { "{\"a\": 9223372036854775807, \"b\": -9223372036854775808, \"c\": 1e300}", -1, NULL },
    /* Numbers and brackets inside strings and comments count for nothing. */
    { "{\"a\": \"99999999999999999999 [[[[\" /* 99999999999999999999 } */}", -1, NULL },
    { "{\"a\": \"\\u0000\",,}", MESO_JSON_ERROR_SYNTAX, "<input>:1:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = meso_json_parse (cases[i].json, -1, NULL, &error);

      g_test_message ("%s: %s", cases[i].json, error ? error->message : "(accepted)");
      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (node);
          continue;
        }
      g_assert_null (node);
      g_assert_error (error, MESO_JSON_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("%s: expected “%s”, got “%s”", cases[i].json, cases[i].message, error->message);
    }

  /* The amend input: a session whose text is cut short is refused. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node =
      meso_json_parse ("{\"date\": \"2026-05-04\", \"notes\": \"bleeding\\u0000 none\"}",
                       -1, "amend.json", &error);

    g_assert_null (node);
    g_assert_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "notes: contains a NUL character"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/export/canonical", Fixture, NULL, fixture_set_up, test_canonical, fixture_tear_down);
  g_test_add ("/export/one-patient", Fixture, NULL, fixture_set_up, test_one_patient, fixture_tear_down);
  g_test_add ("/export/bad-files", Fixture, NULL, fixture_set_up, test_bad_files, fixture_tear_down);
  g_test_add ("/export/schema", Fixture, NULL, fixture_set_up, test_schema, fixture_tear_down);
  g_test_add ("/export/merge", Fixture, NULL, fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/export/import-audit", Fixture, NULL, fixture_set_up, test_import_audit, fixture_tear_down);
  g_test_add_func ("/export/patient-json", test_patient_json);
  g_test_add_func ("/export/guarded-parse", test_guarded_parse);

  return g_test_run ();
}
