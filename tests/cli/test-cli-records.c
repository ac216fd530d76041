/* `mesochart-cli patient|session|export|import|demo|settings`: runs the real
 * binary ($MESOCHART_CLI) on a temporary database and checks exit status,
 * output and what the database holds afterwards. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "meso-cli-test-util.h"

static char *tmp_dir;

/* Runs mesochart-cli --db @db with @args (NULL-terminated). */
static void
run_cli (MesoCliRun         *run,
         const char         *db,
         const char         *input,
         const char * const *args)
{
  g_autofree char *path = g_build_filename (tmp_dir, db, NULL);

  meso_cli_test_run (run, tmp_dir, path, input, args);
}

#define RUN(run, db, ...) \
  run_cli ((run), (db), NULL, (const char * const[]) { __VA_ARGS__, NULL })

static void
assert_status (const MesoCliRun *run,
               int              status)
{
  if (run->status != status)
    g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
  g_assert_cmpint (run->status, ==, status);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *c = text; *c; c++)
    n += *c == '\n';
  return n;
}

/* Adds a patient and returns its id (as printed). */
static char *
add_patient (const char         *db,
             const char * const *args)
{
  g_auto(MesoCliRun) run = { 0 };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  guint64 id;

  g_ptr_array_add (argv, (char *) "patient");
  g_ptr_array_add (argv, (char *) "add");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  run_cli (&run, db, NULL, (const char * const *) argv->pdata);
  assert_status (&run, 0);
  g_strchomp (run.out);
  g_assert_true (g_ascii_string_to_unsigned (run.out, 10, 1, G_MAXINT64, &id, NULL));
  return g_strdup (run.out);
}

static void
test_patients (void)
{
  g_autofree char *helene = NULL, *jurgen = NULL, *from_json = NULL;
  g_autofree char *json_path = tmp_path ("patient.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *p;

  helene = add_patient ("patients.db", (const char * const[]) {
    "--name", "Hélène Dubois", "--dob", "1980-04-02", "--sex", "female", "--phone", "+33 6 12 34 56 78",
    "--email", "helene@example.org", "--language", "fr", "--no-other-conditions",
    "--medication", "Aspirin 100 mg", "--no-allergies", "--fitzpatrick", "2", "--bruises-easily", NULL });
  jurgen = add_patient ("patients.db", (const char * const[]) {
    "--name", "Jürgen Weiß", "--dob", "1975-12-31", "--condition", "diabetes=yes", NULL });

  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, "patients.db", "patient", "list");
    assert_status (&run, 0);
    g_assert_cmpuint (count_lines (run.out), ==, 2);
    g_assert_nonnull (strstr (run.out, "\tHélène Dubois\t1980-04-02\t+33 6 12 34 56 78\n"));
    g_assert_nonnull (strstr (run.out, "\tJürgen Weiß\t1975-12-31\t\n"));
  }
  {
    g_auto(MesoCliRun) run = { 0 };
    g_autofree char *line = g_strdup_printf ("%s\tHélène Dubois\t", helene);

    /* Accents and case folded in the search. */
    RUN (&run, "patients.db", "patient", "list", "--search", "hel");
    assert_status (&run, 0);
    g_assert_cmpuint (count_lines (run.out), ==, 1);
    g_assert_true (g_str_has_prefix (run.out, line));
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, "patients.db", "patient", "show", helene);
    assert_status (&run, 0);
    g_assert_nonnull (strstr (run.out, "Hélène Dubois"));
    g_assert_nonnull (strstr (run.out, "Aspirin 100 mg"));
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, "patients.db", "patient", "show", jurgen, "--json");
    assert_status (&run, 0);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    p = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (p, "name"), ==, "Jürgen Weiß");
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (
                         json_object_get_object_member (
                           json_object_get_object_member (p, "history"), "conditions"), "diabetes"),
                       "answer"), ==, "yes");
    /* Not given stays not asked. */
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (
                         json_object_get_object_member (p, "history"), "medications"), "state"),
                     ==, "not_asked");

    /* patient show --json feeds patient add --from-json (a new id). */
    g_assert_true (g_file_set_contents (json_path, strstr (run.out, "{"), -1, NULL));
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    /* The JSON carries sessions: [] which patient add refuses... */
    RUN (&run, "patients.db", "patient", "add", "--from-json", json_path);
    assert_status (&run, 2);
    g_assert_nonnull (strstr (run.err, "sessions"));
  }
  {
    g_auto(MesoCliRun) run = { 0 };
    const char *json = "{\"name\": \"Zoë Núñez\", \"date_of_birth\": \"2008-02-29\", \"language\": \"es\"}";

    run_cli (&run, "patients.db", json, (const char * const[]) { "patient", "add", "--from-json", "-", NULL });
    assert_status (&run, 0);
    from_json = g_strstrip (g_strdup (run.out));
    g_assert_cmpstr (from_json, !=, helene);
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    run_cli (&run, "patients.db", "{\"name\": \"X\", \"dob\": \"1990-01-01\"}",
             (const char * const[]) { "patient", "add", "--from-json", "-", NULL });
    assert_status (&run, 2);
    g_assert_nonnull (strstr (run.err, "dob: unknown key"));
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, "patients.db", "patient", "show", "999");
    assert_status (&run, 2);
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, "patients.db", "patient", "list");
    g_assert_cmpuint (count_lines (run.out), ==, 3);
  }
}

static guint
count_sessions (const char *db,
                const char *patient)
{
  g_auto(MesoCliRun) run = { 0 };

  RUN (&run, db, "session", "list", "--patient", patient);
  assert_status (&run, 0);
  return count_lines (run.out);
}

static void
test_booking (void)
{
  const char *db = "booking.db";
  g_autofree char *clear = NULL, *caution = NULL, *contra = NULL;
  g_autofree char *session = NULL;

  clear = add_patient (db, (const char * const[]) {
    "--name", "Anaïs Lefèvre", "--dob", "1985-06-01", "--no-other-conditions",
    "--no-medications", "--no-allergies", "--fitzpatrick", "2", NULL });
  caution = add_patient (db, (const char * const[]) {
    "--name", "Siobhán Murphy", "--dob", "1979-03-03", "--no-other-conditions",
    "--medication", "Warfarin 5 mg", "--no-allergies", "--sensitive-skin", NULL });
  contra = add_patient (db, (const char * const[]) {
    "--name", "Łukasz Nowak", "--dob", "1970-01-20", "--condition", "diabetes=yes",
    "--no-other-conditions", "--no-medications", "--no-allergies", NULL });

  /* Clear: booked, the id on standard output, the verdict on standard error. */
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, db, "session", "book", "--patient", clear, "--date", "2030-05-04", "--time", "09:30",
         "--area", "face", "--solution", "Hyaluronic acid 1% + vitamin C",
         "--ingredient", "hyaluronic acid", "--ingredient", "vitamin C", "--volume-ml", "2.5",
         "--gauge", "32", "--depth", "1.5", "--angle", "30");
    assert_status (&run, 0);
    g_assert_nonnull (strstr (run.err, "Screening: clear"));
    session = g_strstrip (g_strdup (run.out));
    g_assert_cmpuint (count_sessions (db, clear), ==, 1);
  }
  {
    g_auto(MesoCliRun) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *s;

    RUN (&run, db, "session", "show", session, "--json");
    assert_status (&run, 0);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    s = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (s, "time"), ==, "09:30");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (s, "needle"), "gauge"), ==, 32);
    g_assert_cmpfloat (json_object_get_double_member (s, "depth_mm"), ==, 1.5);
    g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (s, "solution"), "volume_ml"), ==, 2.5);
    /* The clinic's default massage advice (gentle until changed). */
    g_assert_cmpstr (json_object_get_string_member (s, "massage_advice"), ==, "gentle");
    g_assert_cmpstr (json_object_get_string_member (s, "indication"), ==, "rejuvenation");
  }

  /* Caution: refused until each finding is acknowledged; nothing written. */
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, db, "session", "book", "--patient", caution, "--date", "2030-05-04", "--area", "face");
    assert_status (&run, 3);
    g_assert_nonnull (strstr (run.err, "--acknowledge anticoagulant --acknowledge sensitive_skin"));
    g_assert_cmpuint (count_sessions (db, caution), ==, 0);
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, db, "session", "book", "--patient", caution, "--date", "2030-05-04", "--area", "face",
         "--acknowledge", "anticoagulant");
    assert_status (&run, 3);
    g_assert_nonnull (strstr (run.err, "--acknowledge sensitive_skin"));
    g_assert_cmpuint (count_sessions (db, caution), ==, 0);
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, db, "session", "book", "--patient", caution, "--date", "2030-05-04", "--area", "face",
         "--acknowledge", "anticoagulant", "--acknowledge", "sensitive_skin");
    assert_status (&run, 0);
    g_assert_cmpuint (count_sessions (db, caution), ==, 1);
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, db, "session", "book", "--patient", caution, "--date", "2030-06-04", "--area", "thighs",
         "--acknowledge-all");
    assert_status (&run, 0);
    g_assert_cmpuint (count_sessions (db, caution), ==, 2);
  }

  /* Contraindicated: refused with exit 3 and nothing written ... */
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, db, "session", "book", "--patient", contra, "--date", "2030-05-04", "--area", "face",
         "--acknowledge-all");
    assert_status (&run, 3);
    g_assert_nonnull (strstr (run.err, "contraindicated"));
    g_assert_nonnull (strstr (run.err, "diabetes"));
    g_assert_nonnull (strstr (run.err, "--override-reason"));
    g_assert_cmpuint (count_sessions (db, contra), ==, 0);
  }
  /* ... until a clinician overrides it, and the reason is stored. */
  {
    g_auto(MesoCliRun) run = { 0 };
    g_auto(MesoCliRun) show = { 0 };
    g_autofree char *id = NULL;

    RUN (&run, db, "session", "book", "--patient", contra, "--date", "2030-05-04", "--area", "face",
         "--override-reason", "Endocrinologist’s written clearance on file");
    assert_status (&run, 0);
    id = g_strstrip (g_strdup (run.out));
    RUN (&show, db, "session", "show", id, "--json");
    assert_status (&show, 0);
    g_assert_nonnull (strstr (show.out, "\"override_reason\" : \"Endocrinologist’s written clearance on file\""));
  }

  /* Status changes and the day's list: a session is done on its day or
   * later, never before. */
  {
    g_auto(MesoCliRun) run = { 0 };
    g_auto(MesoCliRun) list = { 0 };

    RUN (&run, db, "session", "done", session);
    assert_status (&run, 2);
    g_assert_nonnull (strstr (run.err, "cannot be marked done before that day"));
    RUN (&list, db, "session", "list", "--date", "2030-05-04");
    assert_status (&list, 0);
    g_assert_cmpuint (count_lines (list.out), ==, 3);
    g_assert_null (strstr (list.out, "\tdone\t"));
  }
  {
    g_auto(MesoCliRun) run = { 0 };
    g_auto(MesoCliRun) list = { 0 };
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *row = g_strdup_printf ("\t%s\t08:00\tdone\t", today);
    g_autofree char *id = NULL;

    RUN (&run, db, "session", "book", "--patient", clear, "--date", today, "--time", "08:00",
         "--area", "face");
    assert_status (&run, 0);
    id = g_strstrip (g_strdup (run.out));
    RUN (&run, db, "session", "done", id);
    assert_status (&run, 0);
    RUN (&list, db, "session", "list", "--date", today);
    assert_status (&list, 0);
    g_assert_nonnull (strstr (list.out, row));
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, db, "session", "cancel", "9999");
    assert_status (&run, 2);
  }
}

typedef struct
{
  const char *args[12];
  const char *expected;   /* in the one-line error */
} BadOption;

static void
test_bad_options (void)
{
  const char *db = "options.db";
  g_autofree char *patient = add_patient (db, (const char * const[]) {
    "--name", "Noémie Girard", "--dob", "1990-09-09", "--no-other-conditions",
    "--no-medications", "--no-allergies", NULL });
  const BadOption cases[] = {
    { { "patient", "add", "--name", "A", "--dob", "1990-02-30" }, "--dob: “1990-02-30” is not a date" },
    { { "patient", "add", "--name", "A", "--dob", "2990-01-01" }, "--dob: the date of birth is in the future" },
    { { "patient", "add", "--dob", "1990-01-01" }, "--name is required" },
    { { "patient", "add", "--name", "A", "--dob", "1990-01-01", "--language", "nl" }, "--language:" },
    { { "patient", "add", "--name", "A", "--dob", "1990-01-01", "--fitzpatrick", "7" }, "--fitzpatrick: 7 is outside 1-6" },
    { { "patient", "add", "--name", "A", "--dob", "1990-01-01", "--condition", "knee=yes" }, "--condition: unknown condition “knee”" },
    { { "patient", "add", "--name", "A", "--dob", "1990-01-01", "--condition", "cancer=maybe" }, "--condition: unknown answer “maybe”" },
    { { "patient", "add", "--name", "A", "--dob", "1990-01-01", "--sex", "x" }, "--sex: unknown sex “x”" },
    { { "patient", "add", "--name", "A", "--dob", "1990-01-01", "--email", "nobody" }, "--email:" },
    { { "patient", "add", "--name", "A", "--dob", "1990-01-01", "--medication", "X", "--no-medications" }, "--medication and --no-medications" },
    { { "patient", "show", "abc" }, "“abc” is not a valid id" },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "knee" }, "--area: unknown area “knee” (face, neck," },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "face", "--gauge", "abc" }, "--gauge: “abc” is not a number" },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "face", "--gauge", "0" }, "--gauge: 0 G is outside 18-34 G" },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "face", "--depth", "40" }, "--depth: 40 mm is outside" },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "face", "--angle", "120" }, "--angle: 120 degrees is outside" },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "face", "--depth", "6" }, "--depth: 6 mm is deeper than the 4 mm needle" },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "face", "--volume-ml", "2,5" }, "--volume-ml: “2,5” is not a number" },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "face", "--time", "9h" }, "--time: “9h” is not a time of day" },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "face", "--batch-expiry", "2029-01-01" }, "--batch-expiry: the batch expired before the session date" },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "face", "--massage", "daily" }, "--massage: unknown massage advice “daily”" },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "face", "--acknowledge", "cold" }, "--acknowledge: unknown finding “cold”" },
    { { "session", "book", "--patient", patient, "--date", "2030-01-01", "--area", "face", "--override-reason", " " }, "--override-reason: the value is empty" },
    { { "session", "book", "--patient", "424242", "--date", "2030-01-01", "--area", "face" }, "--patient: no patient with id 424242" },
    { { "session", "book", "--patient", patient, "--area", "face" }, "--date is required" },
    { { "session", "list", "--date", "tomorrow" }, "--date: “tomorrow” is not a date" },
    { { "export", "--patient", "-3" }, "--patient:" },
    { { "demo", "--patients", "0" }, "--patients: 0 is outside 1-1000000" },
    { { "demo", "--patients", "ten" }, "--patients: “ten” is not a number" },
    { { "settings", "set", "--legal-age", "200" }, "--legal-age: 200 is outside 16-25" },
    { { "settings", "set", "--legal-age", "12" }, "--legal-age: 12 is outside 16-25" },
    { { "settings", "set", "--paper", "a5" }, "--paper: unknown paper size “a5” (a4, letter)" },
    { { "settings", "set", "--default-massage", "always" }, "--default-massage: unknown massage advice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(MesoCliRun) run = { 0 };
      g_autofree char *line = NULL;

      run_cli (&run, db, NULL, cases[i].args);
      g_test_message ("%s %s: %s", cases[i].args[0], cases[i].args[1], run.err);
      assert_status (&run, 2);
      g_assert_nonnull (strstr (run.err, cases[i].expected));
      /* One line on standard error, nothing on standard output. */
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_cmpstr (run.out, ==, "");
    }

  /* Nothing was added by any of them. */
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, db, "patient", "list");
    g_assert_cmpuint (count_lines (run.out), ==, 1);
    g_assert_cmpuint (count_sessions (db, patient), ==, 0);
  }
}

static void
test_export_import (void)
{
  g_autofree char *first = tmp_path ("first.json");
  g_autofree char *second = tmp_path ("second.json");
  g_autofree char *bad = tmp_path ("bad.json");
  g_autofree char *one = tmp_path ("one.json");
  g_autofree char *a = NULL, *b = NULL, *list_before = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, "export-a.db", "demo", "--patients", "40", "--seed", "3", "--today", "2026-01-15");
    assert_status (&run, 0);
    g_assert_nonnull (strstr (run.out, "Added 40 patients"));
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    /* Demo data is never mixed into a clinic by mistake. */
    RUN (&run, "export-a.db", "demo", "--patients", "5");
    assert_status (&run, 2);
    g_assert_nonnull (strstr (run.err, "--force"));
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, "export-a.db", "settings", "set", "--clinic-name", "Clinique Lumière", "--paper", "letter",
         "--legal-age", "21", "--default-massage", "avoid");
    assert_status (&run, 0);
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, "export-a.db", "export", "--output", first);
    assert_status (&run, 0);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, "export-b.db", "import", first);
    assert_status (&run, 0);
    g_assert_nonnull (strstr (run.out, "Imported 40 patients, "));
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    /* To standard output by default. */
    RUN (&run, "export-b.db", "export");
    assert_status (&run, 0);
    g_assert_true (g_file_set_contents (second, run.out, -1, NULL));
  }
  g_assert_true (g_file_get_contents (first, &a, NULL, &error));
  g_assert_true (g_file_get_contents (second, &b, NULL, &error));
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (a, "\"clinic_name\" : \"Clinique Lumière\""));
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, "export-b.db", "settings", "show");
    assert_status (&run, 0);
    g_assert_nonnull (strstr (run.out, "legal-age\t21\n"));
    g_assert_nonnull (strstr (run.out, "default-massage\tavoid\n"));
    g_assert_nonnull (strstr (run.out, "paper\tletter\n"));
  }

  /* One patient's export. */
  {
    g_auto(MesoCliRun) run = { 0 };
    g_autofree char *text = NULL;

    RUN (&run, "export-b.db", "export", "--patient", "7", "-o", one);
    assert_status (&run, 0);
    g_assert_true (g_file_get_contents (one, &text, NULL, &error));
    g_assert_nonnull (strstr (text, "\"id\" : 7,\n      \"name\""));
    g_assert_null (strstr (text, "\"id\" : 8,\n      \"name\""));
  }

  /* A bad file deep inside: refused with its path, nothing changed. */
  {
    g_auto(MesoCliRun) run = { 0 };
    g_auto(MesoCliRun) list = { 0 };
    g_auto(MesoCliRun) after = { 0 };
    const char *last = g_strrstr (a, "\"gauge\" : ");
    g_autoptr(GString) broken = g_string_new_len (a, last - a);

    g_string_append (broken, "\"gauge\" : 0");
    g_string_append (broken, last + strlen ("\"gauge\" : 30"));
    g_assert_true (g_str_has_prefix (last, "\"gauge\" : 30") || g_str_has_prefix (last, "\"gauge\" : 32") ||
                   g_str_has_prefix (last, "\"gauge\" : 27"));
    g_assert_true (g_file_set_contents (bad, broken->str, -1, NULL));

    RUN (&list, "export-b.db", "patient", "list");
    list_before = g_strdup (list.out);
    RUN (&run, "export-b.db", "import", "--merge", bad);
    assert_status (&run, 2);
    g_assert_nonnull (strstr (run.err, ".needle.gauge: 0 G is outside 18-34 G"));
    g_assert_nonnull (strstr (run.err, "bad.json: patients["));
    g_assert_nonnull (strstr (run.err, "nothing was imported"));
    RUN (&after, "export-b.db", "patient", "list");
    g_assert_cmpstr (after.out, ==, list_before);
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    run_cli (&run, "export-c.db", "{\n  \"format\" : \"mesochart-export\",\n  \"version\" : [1,,]\n}",
             (const char * const[]) { "import", "-", NULL });
    assert_status (&run, 2);
    g_assert_nonnull (strstr (run.err, "<stdin>:3:"));
  }
  {
    g_auto(MesoCliRun) run = { 0 };

    /* Into a database that holds patients only with --merge. */
    RUN (&run, "export-b.db", "import", first);
    assert_status (&run, 2);
    g_assert_nonnull (strstr (run.err, "--merge"));
  }
  {
    g_auto(MesoCliRun) run = { 0 };
    g_auto(MesoCliRun) list = { 0 };

    RUN (&run, "export-b.db", "import", "--merge", one);
    assert_status (&run, 0);
    g_assert_nonnull (strstr (run.out, "Imported 1 patient, "));
    g_assert_nonnull (strstr (run.out, "1 possible duplicate to review"));
    RUN (&list, "export-b.db", "patient", "list");
    g_assert_cmpuint (count_lines (list.out), ==, 41);
  }
}

/* The audit entries that record exports. */
static guint
count_exports (const char *db)
{
  g_auto(MesoCliRun) run = { 0 };
  guint n = 0;

  RUN (&run, db, "audit", "log");
  assert_status (&run, 0);
  for (const char *p = run.out; (p = strstr (p, " export ")) != NULL; p++)
    n++;
  return n;
}

/* Where the export cannot go: exit 2 naming OUT before anything is
 * written; a failed write says so in plain words and is not recorded as
 * an export. */
static void
test_export_output (void)
{
  const char *db = "export-out.db";
  g_autofree char *target = tmp_path ("export-target.json");
  g_autofree char *link = tmp_path ("export-link.json");
  g_autofree char *fifo = tmp_path ("export-fifo");
  g_autofree char *folder = tmp_path ("export-folder");
  g_autofree char *nowhere = tmp_path ("no-such-folder/e.json");
  g_autofree char *good = tmp_path ("export-good.json");
  struct
  {
    const char *out;
    const char *expected;
  } cases[] = {
    { nowhere, "cannot be written: there is no folder “" },
    { folder, "export-folder” is a folder; give a file name" },
    { link, "export-link.json” is not a regular file; give a new file name" },
    { fifo, "export-fifo” is not a regular file; give a new file name" },
  };
  g_autofree char *patient = add_patient (db, (const char * const[]) {
    "--name", "Anna Rossi", "--dob", "1990-06-15", NULL });
  GStatBuf st;

  g_assert_true (g_file_set_contents (target, "someone else's file", -1, NULL));
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpuint (count_exports (db), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(MesoCliRun) run = { 0 };

      RUN (&run, db, "export", "-o", cases[i].out);
      g_test_message ("%s: %s", cases[i].out, run.err);
      assert_status (&run, 2);
      g_assert_true (g_str_has_prefix (run.err, "mesochart-cli: --output: “"));
      g_assert_nonnull (strstr (run.err, cases[i].expected));
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      /* Neither GLib's words nor a temporary name. */
      g_assert_null (strstr (run.err, "g_rename"));
      g_assert_null (strstr (run.err, "Failed to"));
    }
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "someone else's file");
  }
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_exports (db), ==, 0);

  /* A folder that cannot be written (/proc, even for root): exit 1, in
   * clinic words, and not recorded. */
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, db, "export", "-o", "/proc/mesochart-export.json");
    assert_status (&run, 1);
    g_assert_cmpuint (count_lines (run.err), ==, 1);
    g_assert_nonnull (strstr (run.err, "“/proc/mesochart-export.json” could not be written: "));
    g_assert_null (strstr (run.err, "Failed to"));
    g_assert_null (strstr (run.err, ".json."));
  }
  g_assert_cmpuint (count_exports (db), ==, 0);

  /* A good one is recorded once, and leaves no temporary file. */
  {
    g_auto(MesoCliRun) run = { 0 };
    g_autoptr(GDir) dir = NULL;
    const char *name;

    RUN (&run, db, "export", "-o", good);
    assert_status (&run, 0);
    g_assert_cmpuint (count_exports (db), ==, 1);
    g_assert_true (g_file_test (good, G_FILE_TEST_IS_REGULAR));
    dir = g_dir_open (tmp_dir, 0, NULL);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".export-good.json."));
  }
}

/* Arguments are UTF-8 whatever the locale; one that is not is named. */
static void
test_utf8_arguments (void)
{
  const char *db = "utf8.db";
  g_autofree char *path = tmp_path (db);
  const struct
  {
    const char *args[8];
    const char *expected;
  } cases[] = {
    { { "patient", "add", "--name", "\xff", "--dob", "1980-01-01" }, "mesochart-cli: --name: the value is not valid UTF-8 text" },
    { { "patient", "add", "--name=Ana\xe9", "--dob", "1980-01-01" }, "mesochart-cli: --name: the value is not valid UTF-8 text" },
    { { "patient", "add", "--name", "A", "--dob", "1980-01-01", "--notes", "caf\xe9" }, "mesochart-cli: --notes: the value is not valid UTF-8 text" },
    { { "settings", "set", "--clinic-name", "\xff" }, "mesochart-cli: --clinic-name: the value is not valid UTF-8 text" },
    { { "privacy", "delete", "1", "--reason", "\xff" }, "mesochart-cli: --reason: the value is not valid UTF-8 text" },
    { { "patient", "show", "\xff" }, "mesochart-cli: the argument “" },
  };
  const char * const c_locale[] = { "LC_ALL", "C", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(MesoCliRun) run = { 0 };

      run_cli (&run, db, NULL, cases[i].args);
      g_test_message ("%s %s: %s", cases[i].args[0], cases[i].args[1], run.err);
      assert_status (&run, 2);
      g_assert_true (g_str_has_prefix (run.err, cases[i].expected));
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_null (strstr (run.err, "Invalid byte sequence"));
    }

  /* In the C locale a UTF-8 name is taken as it is. */
  {
    g_auto(MesoCliRun) run = { 0 };
    g_auto(MesoCliRun) show = { 0 };

    meso_cli_test_run_env (&run, tmp_dir, path, NULL, c_locale,
                           (const char * const[]) { "patient", "add", "--name", "Hélène Dupré",
                                                    "--dob", "1980-01-01", NULL });
    assert_status (&run, 0);
    g_strchomp (run.out);
    meso_cli_test_run_env (&show, tmp_dir, path, NULL, c_locale,
                           (const char * const[]) { "patient", "show", run.out, NULL });
    assert_status (&show, 0);
    g_assert_nonnull (strstr (show.out, "Hélène Dupré"));
  }
  /* The refused ones added nothing. */
  {
    g_auto(MesoCliRun) run = { 0 };

    RUN (&run, db, "patient", "list");
    g_assert_cmpuint (count_lines (run.out), ==, 1);
  }
}

/* A --db (or MESOCHART_DB) in a folder that does not exist is a typo, not
 * a new empty clinic; the default location is still created. */
static void
test_db_path (void)
{
  g_autofree char *missing = tmp_path ("no-such-clinic");
  g_autofree char *in_missing = g_build_filename (missing, "clinic.db", NULL);
  g_autofree char *a_file = tmp_path ("db-path-file");
  g_autofree char *under_file = g_build_filename (a_file, "clinic.db", NULL);
  g_autofree char *data_home = tmp_path ("db-path-home");
  g_autofree char *default_dir = g_build_filename (data_home, "mesochart", NULL);
  g_autofree char *default_db = g_build_filename (default_dir, "clinic.db", NULL);
  g_auto(MesoCliRun) run = { 0 };
  GStatBuf st;

  MESO_CLI_TEST_RUN (&run, tmp_dir, in_missing, NULL, "patient", "list");
  assert_status (&run, 2);
  g_assert_true (g_str_has_prefix (run.err, "mesochart-cli: --db: there is no folder “"));
  g_assert_nonnull (strstr (run.err, "no-such-clinic”"));
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  meso_cli_test_run_env (&run, tmp_dir, NULL, NULL,
                         (const char * const[]) { "MESOCHART_DB", in_missing, NULL },
                         (const char * const[]) { "patient", "list", NULL });
  assert_status (&run, 2);
  g_assert_true (g_str_has_prefix (run.err, "mesochart-cli: MESOCHART_DB: there is no folder “"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (a_file, "x", -1, NULL));
  MESO_CLI_TEST_RUN (&run, tmp_dir, under_file, NULL, "patient", "list");
  assert_status (&run, 2);
  g_assert_nonnull (strstr (run.err, "db-path-file” is a file, not a folder"));

  MESO_CLI_TEST_RUN (&run, tmp_dir, tmp_dir, NULL, "patient", "list");
  assert_status (&run, 2);
  g_assert_nonnull (strstr (run.err, "is a folder; give the clinic database file"));

  /* The default location: created, private. */
  MESO_CLI_TEST_RUN (&run, data_home, NULL, NULL, "patient", "list");
  assert_status (&run, 0);
  g_assert_true (g_file_test (default_db, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (default_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_help (void)
{
  const char *commands[][3] = {
    { "patient", "add", "--help" }, { "patient", "list", "--help" }, { "patient", "show", "--help" },
    { "session", "book", "--help" }, { "session", "list", "--help" }, { "session", "show", "--help" },
    { "session", "done", "--help" }, { "export", "--help", NULL }, { "import", "--help", NULL },
    { "demo", "--help", NULL }, { "settings", "set", "--help" }, { "settings", "show", "--help" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(MesoCliRun) run = { 0 };
      const char *args[4] = { commands[i][0], commands[i][1], commands[i][2], NULL };

      /* The usage line names the program and the command in full. */
      g_autofree char *usage = g_strdup_printf ("  mesochart-cli %s%s%s ", commands[i][0],
                                                commands[i][2] ? " " : "",
                                                commands[i][2] ? commands[i][1] : "");

      run_cli (&run, "help.db", NULL, args);
      assert_status (&run, 0);
      g_assert_nonnull (strstr (run.out, "Usage:"));
      g_assert_nonnull (strstr (run.out, usage));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("meso-cli-records-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/records/patients", test_patients);
  g_test_add_func ("/cli/records/booking", test_booking);
  g_test_add_func ("/cli/records/bad-options", test_bad_options);
  g_test_add_func ("/cli/records/export-import", test_export_import);
  g_test_add_func ("/cli/records/help", test_help);
  g_test_add_func ("/cli/records/export-output", test_export_output);
  g_test_add_func ("/cli/records/utf8-arguments", test_utf8_arguments);
  g_test_add_func ("/cli/records/db-path", test_db_path);
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
