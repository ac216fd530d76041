/* `mesochart-cli screen`: runs the real binary ($MESOCHART_CLI) on good and
 * bad profiles and checks the exit status, the JSON on standard output and
 * the one-line error on standard error. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "meso-cli-test-util.h"

static char *data_home;

/* Runs mesochart-cli with @args (NULL-terminated, after the program name),
 * feeding @input on standard input (NULL: nothing). */
static void
run_cli (MesoCliRun         *run,
         const char         *input,
         const char * const *args)
{
  /* Screening needs no database: any file appearing here is a bug. */
  meso_cli_test_run (run, data_home, NULL, input, args);
  g_assert_true (g_utf8_validate (run->out, -1, NULL));
  g_assert_true (g_utf8_validate (run->err, -1, NULL));
}

static void
screen_stdin (MesoCliRun *run,
              const char *input)
{
  const char * const args[] = { "screen", "-", NULL };

  run_cli (run, input, args);
}

/* A good run: exit 0, nothing on stderr, the JSON object on stdout. */
static JsonObject *
assert_screened (const MesoCliRun *run,
                 const char       *verdict)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonArray *findings;

  if (run->status != 0)
    g_error ("exit %d: %s", run->status, run->err);
  g_assert_cmpstr (run->err, ==, "");
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, verdict);
  findings = json_object_get_array_member (object, "findings");
  g_assert_nonnull (findings);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      const char *severity = json_object_get_string_member (f, "severity");

      g_assert_cmpuint (json_object_get_size (f), ==, 4);
      g_assert_nonnull (json_object_get_string_member (f, "code"));
      g_assert_true (g_str_equal (severity, "caution") || g_str_equal (severity, "contraindicated"));
      g_assert_cmpuint (strlen (json_object_get_string_member (f, "message")), >, 10);
      g_assert_nonnull (strstr (json_object_get_string_member (f, "source"), ".txt"));
    }
  /* Pretty-printed, ending with a newline. */
  g_assert_true (g_str_has_prefix (run->out, "{\n  \"verdict\""));
  g_assert_true (g_str_has_suffix (run->out, "}\n"));
  return json_object_ref (object);
}


/* The codes of the findings, comma-separated, in order. */
static char *
codes (JsonObject *result)
{
  JsonArray *findings = json_object_get_array_member (result, "findings");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, json_object_get_string_member (f, "code"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static JsonObject *
finding (JsonObject *result,
         const char *code)
{
  JsonArray *findings = json_object_get_array_member (result, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (f, "code"), code))
        return f;
    }
  g_error ("no finding %s", code);
}

static void
test_clear (void)
{
  g_auto(MesoCliRun) run = { 0 };
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *list = NULL;

  screen_stdin (&run, "{\"date_of_birth\": \"1980-05-10\", \"planned\": {\"date\": \"2026-05-04\"}}");
  result = assert_screened (&run, "clear");
  list = codes (result);
  g_assert_cmpstr (list, ==, "");

  /* Explicit answers that raise nothing. */
  meso_cli_run_clear (&run);
  g_clear_pointer (&result, json_object_unref);
  screen_stdin (&run,
                "{\"date_of_birth\": \"1980-05-10\", \"conditions\": [], \"medications\": [\"Levothyroxine 50 µg\"],"
                " \"allergies\": [], \"fitzpatrick\": 3, \"bruises_easily\": false, \"sensitive_skin\": false,"
                " \"planned\": {\"date\": \"2026-05-04\", \"area\": \"thighs\", \"ingredients\": [\"Caffeine\", \"L-carnitine\"]}}");
  result = assert_screened (&run, "clear");

  /* No planned date: today. */
  meso_cli_run_clear (&run);
  g_clear_pointer (&result, json_object_unref);
  screen_stdin (&run, "{\"date_of_birth\": \"1980-05-10\"}");
  result = assert_screened (&run, "clear");

  /* Nothing was written anywhere. */
  {
    g_autoptr(GDir) dir = g_dir_open (data_home, 0, NULL);

    g_assert_nonnull (dir);
    g_assert_null (g_dir_read_name (dir));
  }
}

static void
test_caution (void)
{
  g_auto(MesoCliRun) run = { 0 };
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *list = NULL;
  JsonObject *f;

  screen_stdin (&run,
                "{\"date_of_birth\": \"1980-05-10\", \"medications\": [\"ASPIRIN 100mg\", \"Ibuprofen 400 mg\"],"
                " \"allergies\": [\"Penicillin\"], \"fitzpatrick\": 5, \"bruises_easily\": true,"
                " \"sensitive_skin\": true, \"conditions\": [\"cardiac_disease\"],"
                " \"planned\": {\"date\": \"2026-05-04\", \"ingredients\": [\"Lidocaine 2%\"]}}");
  result = assert_screened (&run, "contraindicated");
  /* Cardiac disease with medication: contraindicated, listed first. */
  list = codes (result);
  g_assert_cmpstr (list, ==, "cardiac_disease,allergy_history,anticoagulant,anti_inflammatory,"
                             "bruising_risk,sensitive_skin,pigmentation_risk");

  meso_cli_run_clear (&run);
  g_clear_pointer (&result, json_object_unref);
  g_clear_pointer (&list, g_free);
  screen_stdin (&run,
                "{\"date_of_birth\": \"1980-05-10\", \"medications\": [\"Warfarin 5 mg\"],"
                " \"planned\": {\"date\": \"2026-05-04\"}}");
  result = assert_screened (&run, "caution");
  list = codes (result);
  g_assert_cmpstr (list, ==, "anticoagulant");
  f = finding (result, "anticoagulant");
  g_assert_cmpstr (json_object_get_string_member (f, "severity"), ==, "caution");
  g_assert_cmpstr (json_object_get_string_member (f, "source"), ==, "001_e1b791a31c2e5ae2.txt");
  g_assert_nonnull (strstr (json_object_get_string_member (f, "message"), "Warfarin 5 mg"));
  /* English by default (the test runs under C.UTF-8). */
  g_assert_nonnull (strstr (json_object_get_string_member (f, "message"), "Blood-thinning"));
}

static void
test_contraindicated (void)
{
  g_auto(MesoCliRun) run = { 0 };
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *list = NULL;
  JsonObject *f;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int fd;
  const char *profile =
    "{\n"
    "  \"date_of_birth\": \"1990-01-31\",\n"
    "  \"conditions\": [\"pregnancy\", \"diabetes\"],\n"
    "  \"allergies\": [\"lidocaine\"],\n"
    "  \"planned\": {\"date\": \"2026-05-04\", \"area\": \"face\",\n"
    "              \"ingredients\": [\"Hyaluronic acid\", \"Lidocaine 2%\"]}\n"
    "}\n";

  /* From a file this time. */
  fd = g_file_open_tmp ("screen-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, profile, -1, &error);
  g_assert_no_error (error);
  {
    const char * const args[] = { "screen", path, NULL };

    run_cli (&run, NULL, args);
  }
  g_unlink (path);

  result = assert_screened (&run, "contraindicated");
  list = codes (result);
  g_assert_cmpstr (list, ==, "pregnancy,diabetes,ingredient_allergy");
  f = finding (result, "ingredient_allergy");
  g_assert_cmpstr (json_object_get_string_member (f, "severity"), ==, "contraindicated");
  g_assert_nonnull (strstr (json_object_get_string_member (f, "message"), "lidocaine"));
  g_assert_nonnull (strstr (json_object_get_string_member (f, "message"), "Lidocaine 2%"));
  f = finding (result, "pregnancy");
  g_assert_cmpstr (json_object_get_string_member (f, "source"), ==, "004_7f3870fa434bdef8.txt");
}

static void
test_legal_age (void)
{
  struct
  {
    const char *birth, *on, *verdict;
    const char *legal_age;
  } cases[] = {
    { "2008-02-29", "2026-02-28", "contraindicated", NULL },
    { "2008-02-29", "2026-03-01", "clear", NULL },
    { "2008-06-15", "2026-06-14", "contraindicated", NULL },
    { "2008-06-15", "2026-06-15", "clear", NULL },
    { "2005-06-15", "2026-06-14", "contraindicated", "21" },
    { "2005-06-15", "2026-06-15", "clear", "21" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(MesoCliRun) run = { 0 };
      g_autoptr(JsonObject) result = NULL;
      g_autofree char *input = g_strdup_printf ("{\"date_of_birth\": \"%s\", \"planned\": {\"date\": \"%s\"}}",
                                                cases[i].birth, cases[i].on);
      const char * const plain[] = { "screen", "-", NULL };
      const char * const with_age[] = { "screen", "--legal-age", cases[i].legal_age, "-", NULL };

      run_cli (&run, input, cases[i].legal_age ? with_age : plain);
      result = assert_screened (&run, cases[i].verdict);
      if (g_str_equal (cases[i].verdict, "contraindicated"))
        {
          JsonObject *f = finding (result, "under_age");

          g_assert_nonnull (strstr (json_object_get_string_member (f, "source"), "clinic setting"));
          g_assert_nonnull (strstr (json_object_get_string_member (f, "message"),
                                    cases[i].legal_age ? cases[i].legal_age : "18"));
        }
    }
}

static void
test_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) ten_years_ago = g_date_time_add_years (now, -10);
  g_autoptr(GDateTime) next_week = g_date_time_add_days (now, 7);
  g_autofree char *young = g_date_time_format (ten_years_ago, "%Y-%m-%d");
  g_autofree char *unborn = g_date_time_format (next_week, "%Y-%m-%d");
  g_autofree char *young_input = g_strdup_printf ("{\"date_of_birth\": \"%s\"}", young);
  g_autofree char *unborn_input = g_strdup_printf ("{\"date_of_birth\": \"%s\"}", unborn);
  g_auto(MesoCliRun) run = { 0 };
  g_autoptr(JsonObject) result = NULL;

  screen_stdin (&run, young_input);
  result = assert_screened (&run, "contraindicated");
  finding (result, "under_age");

  meso_cli_run_clear (&run);
  screen_stdin (&run, unborn_input);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "date_of_birth"));
  g_assert_nonnull (strstr (run.err, "after the planned date"));
}

static void
test_help (void)
{
  g_auto(MesoCliRun) run = { 0 };
  const char * const args[] = { "screen", "--help", NULL };
  const char * const top[] = { "--help", NULL };

  run_cli (&run, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "  mesochart-cli screen "));
  g_assert_nonnull (strstr (run.out, "date_of_birth"));
  g_assert_nonnull (strstr (run.out, "fitzpatrick"));
  g_assert_nonnull (strstr (run.out, "coagulation_disorder"));
  g_assert_nonnull (strstr (run.out, "planned"));
  g_assert_nonnull (strstr (run.out, "verdict"));
  g_assert_nonnull (strstr (run.out, "--legal-age"));

  meso_cli_run_clear (&run);
  run_cli (&run, NULL, top);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "screen"));
}

/* Bad input: exit 2, nothing on stdout, one line on stderr that contains
 * each of the @expected strings. */
static void
assert_refused_args (const char         *input,
                     const char * const *args,
                     const char         *expected1,
                     const char         *expected2)
{
  g_auto(MesoCliRun) run = { 0 };
  const char *newline;

  run_cli (&run, input, args);
  if (run.status != 2)
    g_error ("input %s: expected exit 2, got %d (stdout %s, stderr %s)",
             input ? input : "(none)", run.status, run.out, run.err);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "mesochart-cli: "));
  newline = strchr (run.err, '\n');
  g_assert_nonnull (newline);
  if (newline[1] != '\0')
    g_error ("more than one line on stderr: %s", run.err);
  if (expected1 != NULL && strstr (run.err, expected1) == NULL)
    g_error ("stderr “%s” does not contain “%s”", run.err, expected1);
  if (expected2 != NULL && strstr (run.err, expected2) == NULL)
    g_error ("stderr “%s” does not contain “%s”", run.err, expected2);
}

static void
assert_refused (const char *input,
                const char *expected1,
                const char *expected2)
{
  const char * const args[] = { "screen", "-", NULL };

  assert_refused_args (input, args, expected1, expected2);
}

static void
test_malformed (void)
{
  assert_refused ("{\"date_of_birth\": \"1980-05-10\",\n \"conditions\": [}",
                  "malformed JSON", "line 2, column");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\" \"conditions\": []}",
                  "malformed JSON", "line 1");
  assert_refused ("", "standard input", "empty");
  assert_refused ("   \n", "standard input", "empty");
  assert_refused ("[\"1980-05-10\"]", "top level", "an array");
  assert_refused ("\"1980-05-10\"", "top level", "a string");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\"} {}", "malformed JSON", NULL);
  assert_refused ("{\"date_of_birth\": \"\xff\xfe\"}", "UTF-8", NULL);
}

/* The guarded parse of every JSON input: json-glib alone overflows its
 * stack on deep nesting, cuts a string at an escaped NUL and reads an
 * integer beyond 64 bits as -1. */
static void
test_guarded_parse (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *deep_object = NULL;
  GString *nested = g_string_new ("{\"date_of_birth\": \"1980-05-10\", \"planned\": ");

  for (guint i = 0; i < 70; i++)
    g_string_append (nested, "{\"a\": ");
  deep_object = g_string_free (nested, FALSE);

  assert_refused (deep, "standard input: malformed JSON at line 1, column 65: "
                  "nested more than 64 levels deep", NULL);
  assert_refused (deep_object, "nested more than 64 levels deep", NULL);

  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"medications\": [\"Aspirin\\u0000 100 mg\"]}",
                  "mesochart-cli: medications[0]: contains a NUL character (line 1, column 57)", NULL);
  assert_refused ("{\"date_of_birth\": \"1980-05-10\",\n \"planned\": {\"area\": \"face\\u0000x\"}}",
                  "mesochart-cli: planned.area: contains a NUL character (line 2, column 27)", NULL);

  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"fitzpatrick\": 99999999999999999999}",
                  "mesochart-cli: fitzpatrick: 99999999999999999999 is too large a number", NULL);
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"fitzpatrick\": -99999999999999999999}",
                  "mesochart-cli: fitzpatrick: -99999999999999999999 is too large a negative number",
                  NULL);
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"fitzpatrick\": 1e400}",
                  "mesochart-cli: fitzpatrick: 1e400 is too large a number", NULL);
}

static void
test_bad_dates (void)
{
  assert_refused ("{}", "date_of_birth", "required");
  assert_refused ("{\"conditions\": [\"pregnancy\"]}", "date_of_birth", "required");
  assert_refused ("{\"date_of_birth\": \"2023-02-29\"}",
                  "date_of_birth: “2023-02-29” is not a valid date (YYYY-MM-DD)", NULL);
  assert_refused ("{\"date_of_birth\": \"10/05/1980\"}", "date_of_birth", "10/05/1980");
  assert_refused ("{\"date_of_birth\": \"1980-5-10\"}", "date_of_birth", "not a valid date");
  assert_refused ("{\"date_of_birth\": \"\"}", "date_of_birth", "not a valid date");
  assert_refused ("{\"date_of_birth\": 19800510}", "date_of_birth", "an integer");
  assert_refused ("{\"date_of_birth\": null}", "date_of_birth", "null");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"planned\": {\"date\": \"2026-13-01\"}}",
                  "planned.date", "“2026-13-01” is not a valid date");
  assert_refused ("{\"date_of_birth\": \"2026-05-05\", \"planned\": {\"date\": \"2026-05-04\"}}",
                  "date_of_birth", "2026-05-05 is after the planned date 2026-05-04");
  assert_refused ("{\"date_of_birth\": \"1850-01-01\"}", "date_of_birth", "1900");
}

static void
test_bad_values (void)
{
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"conditions\": [\"pregnancy\", \"diabtes\"]}",
                  "conditions[1]", "unknown condition “diabtes”");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"conditions\": \"pregnancy\"}",
                  "conditions", "got a string");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"conditions\": [true]}",
                  "conditions[0]", "a boolean");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"fitzpatrick\": \"4\"}",
                  "fitzpatrick: expected an integer 1-6, got a string", NULL);
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"fitzpatrick\": 3.5}",
                  "fitzpatrick", "a number");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"fitzpatrick\": 7}",
                  "fitzpatrick", "outside 1-6");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"fitzpatrick\": 0}",
                  "fitzpatrick", "outside 1-6");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"fitzpatrick\": -2}",
                  "fitzpatrick", "outside 1-6");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"bruises_easily\": \"yes\"}",
                  "bruises_easily", "a string");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"sensitive_skin\": 1}",
                  "sensitive_skin", "an integer");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"medications\": \"Aspirin\"}",
                  "medications", "got a string");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"medications\": [\"Aspirin\", 100]}",
                  "medications[1]", "an integer");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"allergies\": [\"  \"]}",
                  "allergies[0]", "empty");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"allergies\": {\"latex\": true}}",
                  "allergies", "an object");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"planned\": \"2026-05-04\"}",
                  "planned", "a string");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"planned\": {\"area\": \"forehead\"}}",
                  "planned.area", "unknown area “forehead”");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"planned\": {\"area\": 3}}",
                  "planned.area", "an integer");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"planned\": {\"ingredients\": [\"Lidocaine\", null]}}",
                  "planned.ingredients[1]", "null");
}

static void
test_unknown_keys (void)
{
  /* A typo must not pass as "no conditions". */
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"conditons\": [\"pregnancy\"]}",
                  "conditons", "did you mean “conditions”");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"smoker\": true}",
                  "smoker", "unknown key");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"planned\": {\"dat\": \"2026-05-04\"}}",
                  "planned.dat", "did you mean “date”");
  assert_refused ("{\"date_of_birth\": \"1980-05-10\", \"Fitzpatrick\": 2}",
                  "Fitzpatrick", "unknown key");
}

static void
test_bad_arguments (void)
{
  const char * const missing[] = { "screen", "/nonexistent/profile.json", NULL };
  const char * const none[] = { "screen", NULL };
  const char * const two[] = { "screen", "-", "-", NULL };
  const char * const bad_age[] = { "screen", "--legal-age", "40", "-", NULL };
  const char * const bad_option[] = { "screen", "--legal-aeg", "21", "-", NULL };

  assert_refused_args (NULL, missing, "/nonexistent/profile.json", NULL);
  assert_refused_args (NULL, none, "screen", "FILE");
  assert_refused_args ("{}", two, "screen", "FILE");
  assert_refused_args ("{\"date_of_birth\": \"1980-05-10\"}", bad_age, "--legal-age", "40");
  assert_refused_args ("{\"date_of_birth\": \"1980-05-10\"}", bad_option, "--legal-aeg", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  data_home = g_dir_make_tmp ("mesochart-screen-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/screen/clear", test_clear);
  g_test_add_func ("/cli/screen/caution", test_caution);
  g_test_add_func ("/cli/screen/contraindicated", test_contraindicated);
  g_test_add_func ("/cli/screen/legal-age", test_legal_age);
  g_test_add_func ("/cli/screen/today", test_today);
  g_test_add_func ("/cli/screen/help", test_help);
  g_test_add_func ("/cli/screen/malformed", test_malformed);
  g_test_add_func ("/cli/screen/guarded-parse", test_guarded_parse);
  g_test_add_func ("/cli/screen/bad-dates", test_bad_dates);
  g_test_add_func ("/cli/screen/bad-values", test_bad_values);
  g_test_add_func ("/cli/screen/unknown-keys", test_unknown_keys);
  g_test_add_func ("/cli/screen/bad-arguments", test_bad_arguments);

  status = g_test_run ();
  g_rmdir (data_home);
  g_free (data_home);
  return status;
}
