/* mesochart-cli aftercare: the PDFs say what the rules say, long content
 * flows onto more pages, bad input leaves no file behind. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "meso-i18n.h"
#include "meso-store.h"
#include "../meso-test-util.h"
#include "meso-cli-test-util.h"

static char *tmpdir;

static const char *face_json =
  "{\"patient\": {\"name\": \"Hélène Dubois\"}, \"date\": \"2026-05-04\", \"area\": \"face\","
  " \"indication\": \"rejuvenation\","
  " \"solution\": {\"name\": \"NCTF 135 HA\", \"consistency\": \"medium\","
  "               \"ingredients\": [\"hyaluronic acid\", \"vitamins\"], \"batch\": \"B-2291\"},"
  " \"needle\": {\"gauge\": 30, \"length_mm\": 4}, \"depth_mm\": 2, \"angle_deg\": 45,"
  " \"technique\": \"nappage\", \"massage_advice\": \"gentle\"}";

static const char *thigh_json =
  "{\"patient\": {\"name\": \"Marco Rossi\"}, \"date\": \"2026-05-04\", \"area\": \"thighs\","
  " \"indication\": \"cellulite\","
  " \"solution\": {\"name\": \"Lipo blend\", \"consistency\": \"thick\", \"batch\": \"L-77\"},"
  " \"needle\": {\"gauge\": 27, \"length_mm\": 4}, \"depth_mm\": 2, \"angle_deg\": 45,"
  " \"technique\": \"papule\", \"massage_advice\": \"recommended\"}";

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static char *
write_tmp (const char *name,
           const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = tmp_path (name);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs mesochart-cli with the arguments after @input (fed on standard
 * input when not NULL); returns the exit status.  XDG_DATA_HOME is the
 * temporary folder: never a real clinic database. */
#define RUN(run, input, ...) \
  MESO_CLI_TEST_RUN ((run), tmpdir, NULL, (input), __VA_ARGS__)
/* The same on the database @db. */
#define RUN_DB(run, db, ...) \
  MESO_CLI_TEST_RUN ((run), tmpdir, (db), NULL, __VA_ARGS__)

static char *
run_tool (const char *tool,
          const char *pdf)
{
  /* pdftotext writes to "-" (standard output); pdfinfo takes no target. */
  const char *argv[] = { tool, pdf, g_str_equal (tool, "pdftotext") ? "-" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL; /* captured, not sent to /dev/null */
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* pdftotext output with every run of white space made one space, since
 * wrapped lines end wherever the layout put them. */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *raw = run_tool ("pdftotext", pdf);
  g_auto(GStrv) words = g_strsplit_set (raw, " \n\t\f\r", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_string_append_printf (out, "%s%s", out->len ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static guint
pdf_pages (const char *pdf)
{
  g_autofree char *info = run_tool ("pdfinfo", pdf);
  const char *p = strstr (info, "Pages:");

  g_assert_nonnull (p);
  return (guint) g_ascii_strtoull (p + strlen ("Pages:"), NULL, 10);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, text);
}

static void
assert_lacks (const char *text,
              const char *needle)
{
  if (strstr (text, needle) != NULL)
    g_error ("“%s” should not be in:\n%s", needle, text);
}

static gboolean
have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdftotext");
  g_autofree char *b = g_find_program_in_path ("pdfinfo");

  if (a && b)
    return TRUE;
  g_test_skip ("poppler-utils (pdftotext, pdfinfo) is not installed");
  return FALSE;
}

/* Only the expected files in the temporary folder: a failed run must not
 * leave a temporary PDF beside its target. */
static void
assert_no_leftovers (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".pdf.") != NULL)
      g_error ("left behind: %s", name);
}

static void
test_face_vs_thigh (void)
{
  g_autofree char *face = write_tmp ("face.json", face_json);
  g_autofree char *thigh = write_tmp ("thigh.json", thigh_json);
  g_autofree char *face_pdf = tmp_path ("face.pdf");
  g_autofree char *thigh_pdf = tmp_path ("thigh.pdf");
  g_autofree char *ft = NULL;
  g_autofree char *tt = NULL;
  g_auto(MesoCliRun) run = { 0 };

  if (!have_poppler ())
    return;
  g_assert_cmpint (RUN (&run, NULL, "aftercare", face, "--output", face_pdf), ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (RUN (&run, NULL, "aftercare", thigh, "-o", thigh_pdf), ==, 0);

  ft = pdf_text (face_pdf);
  tt = pdf_text (thigh_pdf);

  assert_contains (ft, "Hélène Dubois");
  assert_contains (ft, "4 May 2026");
  assert_contains (ft, "NCTF 135 HA");
  assert_contains (ft, "B-2291");
  /* Area rules. */
  assert_contains (ft, "Do not wear makeup for 24 to 48 hours");
  assert_contains (ft, "Sleep on your back");
  assert_lacks (ft, "loose clothing");
  assert_contains (tt, "Wear loose clothing over the treated area");
  assert_contains (tt, "raise the treated area on pillows");
  assert_lacks (tt, "makeup");
  /* Lump duration: face medium 3-5 days; thighs thick 7-(10+3) days. */
  assert_contains (ft, "within 3 to 5 days");
  assert_contains (tt, "within 7 to 13 days");
  /* Massage: only the chosen advice. */
  assert_contains (ft, "in small circles");
  assert_lacks (ft, "15 to 20 minutes");
  assert_contains (tt, "15 to 20 minutes every day");
  assert_lacks (tt, "in small circles");
  /* Warning signs on both. */
  assert_contains (ft, "Seek medical help immediately");
  assert_contains (tt, "Seek medical help immediately");
  assert_contains (tt, "still there after 2 weeks");
  /* Dates: review and next session two weeks on. */
  assert_contains (ft, "18 May 2026");
}

static void
test_stdin_and_language (void)
{
  g_autofree char *pdf = tmp_path ("stdin.pdf");
  g_autofree char *text = NULL;
  g_auto(MesoCliRun) run = { 0 };

  if (!have_poppler ())
    return;
  /* --lang wins over the patient's language; dates are always in it even
   * before po/de.po exists. */
  g_assert_cmpint (RUN (&run, face_json, "aftercare", "-", "--lang", "de",
                        "--output", pdf), ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  text = pdf_text (pdf);
  assert_contains (text, "4. Mai 2026");
  g_clear_pointer (&text, g_free);

  {
    g_autofree char *json = g_strdup (face_json);
    g_autofree char *fixed = NULL;
    char *p = strstr (json, "\"Hélène Dubois\"}");

    g_assert_nonnull (p);
    *p = '\0';
    fixed = g_strconcat (json, "\"Hélène Dubois\", \"language\": \"es\"}",
                         p + strlen ("\"Hélène Dubois\"}"), NULL);
    g_assert_cmpint (RUN (&run, fixed, "aftercare", "-", "--output", pdf), ==, 0);
    text = pdf_text (pdf);
    assert_contains (text, "4 de mayo de 2026");
  }
}

/* Every handout language: dates always; the text as soon as a catalogue
 * for the language is built (po/LANG.po), whatever the test's locale. */
static void
test_every_language (void)
{
  static const struct { const char *lang, *date; } cases[] = {
    { "en", "4 May 2026" }, { "fr", "4 mai 2026" }, { "it", "4 maggio 2026" },
    { "es", "4 de mayo de 2026" }, { "de", "4. Mai 2026" },
  };
  static const char * const msgids[] = {
    "Your aftercare after mesotherapy",
    "Do not wear makeup for 24 to 48 hours.",
    "Signs of an allergic reaction: itching, hives, swelling, difficulty breathing. Seek medical help immediately.",
  };
  g_autofree char *face = write_tmp ("face.json", face_json);
  g_auto(MesoCliRun) run = { 0 };

  if (!have_poppler ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("lang-%s.pdf", cases[i].lang);
      g_autofree char *pdf = tmp_path (name);
      g_autofree char *text = NULL;

      g_assert_cmpint (RUN (&run, NULL, "aftercare", face, "--lang", cases[i].lang,
                            "--output", pdf), ==, 0);
      text = pdf_text (pdf);
      assert_contains (text, cases[i].date);
      for (guint m = 0; m < G_N_ELEMENTS (msgids); m++)
        assert_contains (text, meso_i18n_translate (cases[i].lang, msgids[m]));
      {
        /* The colon comes with the translation ("Zone traitée :"); pdftotext
         * gives a no-break space back as a plain one. */
        g_autofree char *label =
          meso_i18n_expand (meso_i18n_translate (cases[i].lang, "{label}:"), "label",
                            meso_i18n_translate (cases[i].lang, "Treated area"), NULL);
        g_auto(GStrv) parts = g_strsplit (label, "\u00a0", -1);
        g_autofree char *plain = g_strjoinv (" ", parts);

        assert_contains (text, plain);
      }
    }
}

static void
test_long_content_flows (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *pdf = tmp_path ("long.pdf");
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  g_autofree char *unbroken = NULL;
  g_auto(MesoCliRun) run = { 0 };

  if (!have_poppler ())
    return;
  /* A solution name with no space to break at (200 characters, the
   * record's limit) and a very long list of ingredients. */
  unbroken = g_strnfill (190, 'X');
  g_string_append_printf (json,
                          "{\"patient\": {\"name\": \"Long Case\"}, \"date\": \"2026-05-04\","
                          " \"area\": \"abdomen\", \"indication\": \"fat_reduction\","
                          " \"solution\": {\"name\": \"SOL%sEND\", \"consistency\": \"thin\","
                          " \"batch\": \"LOT-1\", \"ingredients\": [", unbroken);
  for (guint i = 1; i <= 400; i++)
    g_string_append_printf (json, "%s\"ingredient%03u extract\"", i > 1 ? ", " : "", i);
  g_string_append (json, ", \"zincfinalword\"]}, \"massage_advice\": \"avoid\"}");
  path = write_tmp ("long.json", json->str);

  g_assert_cmpint (RUN (&run, NULL, "aftercare", path, "--output", pdf), ==, 0);
  g_assert_cmpuint (pdf_pages (pdf), >=, 2);
  text = pdf_text (pdf);
  squeezed = squeeze (text);
  /* Nothing is cut: every ingredient, the unbroken name whole, the last
   * word, and the end of the sheet after them. */
  for (guint i = 1; i <= 400; i++)
    {
      g_autofree char *ing = g_strdup_printf ("ingredient%03u", i);

      assert_contains (text, ing);
    }
  {
    g_autofree char *whole = g_strdup_printf ("SOL%sEND", unbroken);

    assert_contains (squeezed, whole);
  }
  assert_contains (text, "zincfinalword");
  assert_contains (text, "(continued)");
  assert_contains (text, "Page 2 of");
  assert_contains (text, "diet and exercise plan");
  assert_contains (text, "Do not touch or massage the treated area");
  assert_contains (text, "Seek medical help immediately");
  assert_contains (text, "Questions or worries?");
  /* thin solution on the abdomen: 7-10 less a day. */
  assert_contains (text, "within 6 to 9 days");
}

typedef struct
{
  const char *json;
  const char *message;   /* the start of the one stderr line; "FILE" stands
                          * for the input file's path */
} BadCase;

static void
test_bad_input (void)
{
  static const BadCase cases[] = {
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\","
      " \"needle\": {\"gauge\": 0}}", "needle.gauge: 0 G is outside 18-34 G" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\","
      " \"needle\": {\"gauge\": 30.5}}", "needle.gauge:" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\", \"colour\": 1}",
      "colour: unknown field" },
    { "{\"patient\": {\"name\": \"A\", \"age\": 3}, \"date\": \"2026-05-04\", \"area\": \"face\"}",
      "patient.age: unknown field" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"elbow\"}",
      "area: unknown value “elbow”" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-02-30\", \"area\": \"face\"}",
      "date: “2026-02-30” is not a date" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\", \"depth_mm\": \"2\"}",
      "depth_mm: must be a number" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\", \"depth_mm\": 9,"
      " \"needle\": {\"length_mm\": 4}}", "depth_mm:" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\", \"angle_deg\": 120}",
      "angle_deg:" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\","
      " \"solution\": {\"consistency\": \"runny\"}}", "solution.consistency: unknown value" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\","
      " \"solution\": {\"ingredients\": [1]}}", "solution.ingredients:" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\","
      " \"massage_advice\": \"vigorous\"}", "massage_advice: unknown value" },
    { "{\"patient\": {\"name\": \"A\", \"language\": \"pt\"}, \"date\": \"2026-05-04\", \"area\": \"face\"}",
      "patient.language:" },
    { "{\"patient\": {\"name\": \"  \"}, \"date\": \"2026-05-04\", \"area\": \"face\"}",
      "patient.name: required" },
    { "{\"date\": \"2026-05-04\", \"area\": \"face\"}", "patient: required" },
    { "{\"patient\": {\"name\": \"A\"}, \"area\": \"face\"}", "date: required" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\"}", "area: required" },
    { "[1, 2]", "FILE: the session must be a JSON object" },
    /* Errors about the text as a whole name the file, like import's. */
    { "{\"patient\": ", "FILE:1:" },
    { "{\"patient\": {\"name\": \"A\"},\n \"date\": \"2026-05-04\" \"area\": \"face\"}", "FILE:2:" },
    { "", "FILE: the file is empty" },
    { " \n\n", "FILE: the file is empty" },
    /* The guarded parse (meso_json_parse) every JSON input goes through. */
    { "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
      "FILE:1:65: nested more than 64 levels deep" },
    { "{\"patient\": {\"name\": \"Ab\\u0000cd\"}, \"date\": \"2026-05-04\", \"area\": \"face\"}",
      "patient.name: contains a NUL character (line 1, column 25)" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\","
      " \"solution\": {\"ingredients\": [\"HA\", \"x\\u0000\"]}}",
      "solution.ingredients[1]: contains a NUL character" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\","
      " \"depth_mm\": 99999999999999999999}", "depth_mm: 99999999999999999999 is too large a number" },
    { "{\"patient\": {\"name\": \"A\"}, \"date\": \"2026-05-04\", \"area\": \"face\","
      " \"needle\": {\"gauge\": 18446744073709551646}}",
      "needle.gauge: 18446744073709551646 is too large a number" },
  };
  g_autofree char *fresh = tmp_path ("never.pdf");
  g_autofree char *existing = tmp_path ("existing.pdf");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_tmp ("bad.json", cases[i].json);
      g_auto(MesoCliRun) run = { 0 };
      g_autofree char *kept = NULL;
      g_autofree char *expect =
        g_str_has_prefix (cases[i].message, "FILE")
        ? g_strconcat ("mesochart-cli: ", path, cases[i].message + strlen ("FILE"), NULL)
        : g_strconcat ("mesochart-cli: ", cases[i].message, NULL);

      /* A fresh target is not created... */
      g_assert_cmpint (RUN (&run, NULL, "aftercare", path, "--output", fresh), ==, 2);
      if (!g_str_has_prefix (run.err, expect))
        g_error ("case %u: expected “%s”, got “%s”", i, expect, run.err);
      /* ...as one line. */
      g_assert_nonnull (strchr (run.err, '\n'));
      g_assert_cmpstr (strchr (run.err, '\n') + 1, ==, "");
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));

      /* ...and an existing one is left as it was. */
      g_file_set_contents (existing, "KEEP ME", -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (RUN (&run, NULL, "aftercare", path, "--output", existing), ==, 2);
      g_file_get_contents (existing, &kept, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kept, ==, "KEEP ME");
      assert_no_leftovers ();
    }

  /* Options. */
  {
    g_autofree char *path = write_tmp ("ok.json", face_json);
    g_auto(MesoCliRun) run = { 0 };

    g_assert_cmpint (RUN (&run, NULL, "aftercare", path, "--lang", "pt",
                          "--output", fresh), ==, 2);
    assert_contains (run.err, "--lang");
    g_assert_cmpint (RUN (&run, NULL, "aftercare", path), ==, 2);
    assert_contains (run.err, "--output");
    g_assert_cmpint (RUN (&run, NULL, "aftercare", "--output", fresh), ==, 2);
    g_assert_cmpint (RUN (&run, NULL, "aftercare", path, "--session", "3",
                          "--output", fresh), ==, 2);
    g_assert_cmpint (RUN (&run, NULL, "aftercare", "--date", "2026-13-01",
                          "--output", fresh), ==, 2);
    assert_contains (run.err, "--date");
    g_assert_cmpint (RUN (&run, NULL, "aftercare", "/nonexistent/x.json",
                          "--output", fresh), ==, 2);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    /* An output folder that does not exist: the file system fails, exit 1. */
    g_assert_cmpint (RUN (&run, NULL, "aftercare", path,
                          "--output", "/nonexistent/dir/x.pdf"), ==, 1);
    assert_contains (run.err, "x.pdf");
  }
}

/* A crafted file that would overflow json-glib's stack, from a file and
 * from standard input (named as import names it). */
static void
test_deep_nesting (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *path = write_tmp ("deep.json", deep);
  g_autofree char *pdf = tmp_path ("deep.pdf");
  g_autofree char *expect = g_strconcat ("mesochart-cli: ", path,
                                         ":1:65: nested more than 64 levels deep\n", NULL);
  g_auto(MesoCliRun) run = { 0 };

  g_assert_cmpint (RUN (&run, NULL, "aftercare", path, "--output", pdf), ==, 2);
  g_assert_cmpstr (run.err, ==, expect);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  g_assert_cmpint (RUN (&run, deep, "aftercare", "-", "--output", pdf), ==, 2);
  g_assert_cmpstr (run.err, ==, "mesochart-cli: <stdin>:1:65: nested more than 64 levels deep\n");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  assert_no_leftovers ();
}

/* The session format is in --help: every key the reader takes. */
static void
test_help (void)
{
  static const char * const keys[] = {
    "\"patient\"", "\"name\"", "\"language\"", "\"date\"", "\"area\"", "\"indication\"",
    "\"solution\"", "\"consistency\"", "\"ingredients\"", "\"batch\"", "\"needle\"",
    "\"gauge\"", "\"length_mm\"", "\"depth_mm\"", "\"angle_deg\"", "\"technique\"",
    "\"massage_advice\"", "session show --json", "--session ID",
  };
  g_auto(MesoCliRun) run = { 0 };

  g_assert_cmpint (RUN (&run, NULL, "aftercare", "--help"), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    assert_contains (run.out, keys[i]);

  /* The example in the help is a session the command takes. */
  {
    g_autofree char *pdf = tmp_path ("help.pdf");
    const char *example =
      "{\"patient\": {\"name\": \"Hélène Dubois\", \"language\": \"fr\"},"
      " \"date\": \"2026-05-04\", \"area\": \"face\", \"indication\": \"rejuvenation\","
      " \"solution\": {\"name\": \"NCTF 135 HA\", \"consistency\": \"medium\","
      "               \"ingredients\": [\"hyaluronic acid\"], \"batch\": \"B-2291\"},"
      " \"needle\": {\"gauge\": 30, \"length_mm\": 4}, \"depth_mm\": 2, \"angle_deg\": 45,"
      " \"technique\": \"nappage\", \"massage_advice\": \"gentle\"}";

    g_assert_cmpint (RUN (&run, example, "aftercare", "-", "--output", pdf), ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
}

static gint64
add_patient (MesoStore  *store,
             const char *name,
             const char *language)
{
  g_autoptr(MesoPatient) p = meso_patient_new ();
  g_autoptr(GError) error = NULL;

  p->name = g_strdup (name);
  g_assert_true (meso_date_parse ("1980-04-02", &p->date_of_birth));
  g_free (p->language);
  p->language = g_strdup (language);
  g_assert_true (meso_store_insert_patient (store, p, &error));
  g_assert_no_error (error);
  return p->id;
}

static gint64
add_session (MesoStore         *store,
             gint64             patient_id,
             const char        *date,
             MesoArea           area,
             MesoSessionStatus  status)
{
  g_autoptr(MesoSession) s = meso_session_new ();
  g_autoptr(GError) error = NULL;

  s->patient_id = patient_id;
  g_assert_true (meso_date_parse (date, &s->date));
  s->area = area;
  s->status = status;
  s->consistency = MESO_CONSISTENCY_THICK;
  s->solution_name = g_strdup ("Stored solution");
  g_assert_true (meso_store_insert_session (store, s, &error));
  g_assert_no_error (error);
  return s->id;
}

static void
test_from_store (void)
{
  g_autofree char *db = tmp_path ("clinic.db");
  g_autofree char *day_pdf = tmp_path ("day.pdf");
  g_autofree char *one_pdf = tmp_path ("one.pdf");
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_auto(MesoCliRun) run = { 0 };
  g_autofree char *id_text = NULL;
  g_autofree char *none = tmp_path ("none.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoSettings) settings = NULL;
  gint64 anna, bernd, carla, dora, s1;

  if (!have_poppler ())
    return;
  {
    g_autoptr(MesoStore) store = meso_store_open (db, &error);

    g_assert_no_error (error);
    settings = meso_store_load_settings (store, &error);
    g_assert_no_error (error);
    g_free (settings->clinic_name);
    settings->clinic_name = g_strdup ("Clinique du Lac");
    g_free (settings->clinic_phone);
    settings->clinic_phone = g_strdup ("+41 22 555 01 23");
    settings->paper_size = MESO_PAPER_LETTER;
    settings->next_session_days = 21;
    g_assert_true (meso_store_save_settings (store, settings, &error));
    g_assert_no_error (error);

    anna = add_patient (store, "Anna Adler", "en");
    bernd = add_patient (store, "Bernd Brandt", "de");
    carla = add_patient (store, "Carla Cancelled", "en");
    dora = add_patient (store, "Dora Otherday", "en");
    s1 = add_session (store, anna, "2026-05-04", MESO_AREA_FACE, MESO_SESSION_DONE);
    add_session (store, bernd, "2026-05-04", MESO_AREA_THIGHS, MESO_SESSION_BOOKED);
    add_session (store, carla, "2026-05-04", MESO_AREA_NECK, MESO_SESSION_CANCELLED);
    add_session (store, dora, "2026-05-05", MESO_AREA_ARMS, MESO_SESSION_DONE);
  }

  g_assert_cmpint (RUN_DB (&run, db, "aftercare", "--date", "2026-05-04",
                          "--output", day_pdf), ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  text = pdf_text (day_pdf);
  assert_contains (text, "Anna Adler");
  assert_contains (text, "Bernd Brandt");
  assert_lacks (text, "Carla Cancelled");
  assert_lacks (text, "Dora Otherday");
  assert_contains (text, "Clinique du Lac");
  assert_contains (text, "+41 22 555 01 23");
  /* Each sheet in its patient's language: Bernd's dates are German. */
  assert_contains (text, "4 May 2026");
  assert_contains (text, "4. Mai 2026");
  /* The clinic's 21 days to the next session. */
  assert_contains (text, "25 May 2026");
  /* Each sheet starts on its own page: two sheets, at least two pages. */
  g_assert_cmpuint (pdf_pages (day_pdf), >=, 2);
  info = run_tool ("pdfinfo", day_pdf);
  assert_contains (info, "612 x 792");

  /* One stored session. */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, s1);
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (RUN_DB (&run, db, "aftercare", "--session", id_text,
                          "--lang", "it", "--output", one_pdf), ==, 0);
  text = pdf_text (one_pdf);
  assert_contains (text, "Anna Adler");
  assert_contains (text, "4 maggio 2026");
  assert_lacks (text, "Bernd Brandt");

  /* A session that does not exist, and a day without sessions. */
  g_assert_cmpint (RUN_DB (&run, db, "aftercare", "--session", "999", "--output", none), ==, 2);
  assert_contains (run.err, "--session");
  g_assert_cmpint (RUN_DB (&run, db, "aftercare", "--date", "2030-01-01", "--output", none), ==, 2);
  assert_contains (run.err, "--date");
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  assert_no_leftovers ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("MESOCHART_CLI"));

  tmpdir = g_dir_make_tmp ("mesochart-aftercare-XXXXXX", &error);
  g_assert_no_error (error);
  /* Catalogues built by meson (BUILDDIR/po/LANG/LC_MESSAGES), once po/LANG.po
   * exist. */
  if (g_getenv ("MESOCHART_LOCALEDIR") == NULL && builddir != NULL)
    {
      g_autofree char *po = g_build_filename (builddir, "..", "po", NULL);

      g_setenv ("MESOCHART_LOCALEDIR", po, TRUE);
    }

  g_test_add_func ("/cli/aftercare/face-vs-thigh", test_face_vs_thigh);
  g_test_add_func ("/cli/aftercare/stdin-and-language", test_stdin_and_language);
  g_test_add_func ("/cli/aftercare/every-language", test_every_language);
  g_test_add_func ("/cli/aftercare/long-content-flows", test_long_content_flows);
  g_test_add_func ("/cli/aftercare/bad-input", test_bad_input);
  g_test_add_func ("/cli/aftercare/deep-nesting", test_deep_nesting);
  g_test_add_func ("/cli/aftercare/help", test_help);
  g_test_add_func ("/cli/aftercare/from-store", test_from_store);

  status = g_test_run ();
  meso_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
