/* `mesochart-cli followup` and `followups`: runs the real binary
 * ($MESOCHART_CLI) on a temporary database filled through the store API,
 * and checks exit statuses, output and that refused input writes nothing. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "meso-cli-test-util.h"
#include "meso-followup.h"

typedef struct
{
  char   *dir;
  char   *db;
  gint64  ada;
  gint64  bea;
  gint64  face;      /* Ada, face, done 2026-03-02 */
  gint64  thighs;    /* Béa, thighs, done 2026-03-02 */
  gint64  booked;    /* Ada, booked 2026-04-01 */
} Fixture;

/* Runs mesochart-cli --db @fx->db with @args (NULL-terminated). */
static void
run_cli (MesoCliRun         *run,
         Fixture            *fx,
         const char * const *args)
{
  meso_cli_test_run (run, fx->dir, fx->db, NULL, args);
}

#define CLI(run, fx, ...) \
  run_cli (run, fx, (const char * const []) { __VA_ARGS__, NULL })

static gint64
add_patient (MesoStore  *store,
             const char *name)
{
  g_autoptr(MesoPatient) patient = meso_patient_new ();
  g_autoptr(GError) error = NULL;

  patient->name = g_strdup (name);
  g_assert_true (meso_date_parse ("1980-01-31", &patient->date_of_birth));
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
  g_assert_true (meso_date_parse (date, &session->date));
  session->area = area;
  session->status = status;
  meso_store_insert_session (store, session, &error);
  g_assert_no_error (error);
  return session->id;
}

static void
setup (Fixture       *fx,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;

  fx->dir = g_dir_make_tmp ("mesochart-cli-followup-XXXXXX", &error);
  g_assert_no_error (error);
  fx->db = g_build_filename (fx->dir, "clinic.db", NULL);
  store = meso_store_open (fx->db, &error);
  g_assert_no_error (error);
  fx->ada = add_patient (store, "Ada Lovelace");
  fx->bea = add_patient (store, "Béatrice Dubois");
  fx->face = add_session (store, fx->ada, "2026-03-02", MESO_AREA_FACE, MESO_SESSION_DONE);
  fx->thighs = add_session (store, fx->bea, "2026-03-02", MESO_AREA_THIGHS, MESO_SESSION_DONE);
  fx->booked = add_session (store, fx->ada, "2026-04-01", MESO_AREA_FACE, MESO_SESSION_BOOKED);
}

static void
teardown (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->db);
  g_free (fx->dir);
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static guint
count_followups (Fixture *fx)
{
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) face = NULL;
  g_autoptr(GPtrArray) thighs = NULL;
  g_autoptr(GPtrArray) booked = NULL;

  store = meso_store_open (fx->db, &error);
  g_assert_no_error (error);
  face = meso_store_list_followups (store, fx->face, &error);
  g_assert_no_error (error);
  thighs = meso_store_list_followups (store, fx->thighs, &error);
  g_assert_no_error (error);
  booked = meso_store_list_followups (store, fx->booked, &error);
  g_assert_no_error (error);
  if (face == NULL || thighs == NULL || booked == NULL)
    g_error ("cannot list follow-ups");
  return face->len + thighs->len + booked->len;
}

static void
assert_flag (JsonArray  *flags,
             guint       index,
             const char *severity,
             const char *code,
             gint64      session_id,
             const char *patient)
{
  JsonObject *flag = json_array_get_object_element (flags, index);

  g_assert_cmpstr (json_object_get_string_member (flag, "severity"), ==, severity);
  g_assert_cmpstr (json_object_get_string_member (flag, "code"), ==, code);
  g_assert_cmpint (json_object_get_int_member (flag, "session_id"), ==, session_id);
  g_assert_cmpstr (json_object_get_string_member (flag, "patient_name"), ==, patient);
  g_assert_true (strlen (json_object_get_string_member (flag, "reason")) > 0);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (flag, "source"), ".txt"));
}

static void
test_flags (Fixture       *fx,
            gconstpointer  data)
{
  g_auto(MesoCliRun) run = { 0 };
  g_autofree char *face = id_text (fx->face);
  g_autofree char *thighs = id_text (fx->thighs);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *flags;
  JsonObject *added;

  /* Day 18 on the face: lumps beyond two weeks need a review. */
  CLI (&run, fx, "followup", "add", "--session", face, "--date", "2026-03-20",
       "--lump-size-mm", "4", "--notes", "firm lump, left cheek");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "Follow-up 1 recorded"));
  g_assert_nonnull (strstr (run.out, "lumps_persisting"));
  g_assert_nonnull (strstr (run.out, "000_3dff7d7878ea26d5.txt"));
  meso_cli_run_clear (&run);

  /* Pus on the thighs: urgent. */
  CLI (&run, fx, "followup", "add", "--session", thighs, "--date", "2026-03-21",
       "--discharge", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  added = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (added, "id"), ==, 2);
  flags = json_object_get_array_member (added, "flags");
  g_assert_cmpuint (json_array_get_length (flags), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (flags, 0), "code"),
                   ==, "infection");
  g_clear_pointer (&root, json_node_unref);
  meso_cli_run_clear (&run);

  /* Urgent first, though raised later. */
  CLI (&run, fx, "followups", "--as-of", "2026-03-22", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  flags = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (flags), ==, 2);
  assert_flag (flags, 0, "urgent", "infection", fx->thighs, "Béatrice Dubois");
  assert_flag (flags, 1, "review", "lumps_persisting", fx->face, "Ada Lovelace");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (flags, 0), "raised_on"),
                   ==, "2026-03-21");
  g_clear_pointer (&root, json_node_unref);
  meso_cli_run_clear (&run);

  /* The text form: one line each, urgent first, with patient and source. */
  CLI (&run, fx, "followups", "--as-of", "2026-03-22");
  g_assert_cmpint (run.status, ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), >=, 2);
    g_assert_true (g_str_has_prefix (lines[0], "URGENT"));
    g_assert_nonnull (strstr (lines[0], "Béatrice Dubois"));
    g_assert_nonnull (strstr (lines[0], "2026-03-21"));
    g_assert_nonnull (strstr (lines[0], "003_2060e19cd3227af0.txt"));
    g_assert_true (g_str_has_prefix (lines[1], "REVIEW"));
    g_assert_nonnull (strstr (lines[1], "Ada Lovelace"));
  }
  meso_cli_run_clear (&run);

  /* Reviewing clears it. */
  CLI (&run, fx, "followup", "review", "--session", thighs, "--code", "infection",
       "--note", "Seen: drained, antibiotics");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  meso_cli_run_clear (&run);

  CLI (&run, fx, "followups", "--as-of", "2026-03-22", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  flags = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (flags), ==, 1);
  assert_flag (flags, 0, "review", "lumps_persisting", fx->face, "Ada Lovelace");
  g_clear_pointer (&root, json_node_unref);
  meso_cli_run_clear (&run);

  /* The session keeps the reviewed flag and its note. */
  CLI (&run, fx, "followup", "list", "--session", thighs, "--as-of", "2026-03-22", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  {
    JsonObject *obj = json_node_get_object (root);
    JsonArray *list = json_object_get_array_member (obj, "followups");
    JsonObject *flag;

    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (list, 0), "discharge"));
    flags = json_object_get_array_member (obj, "flags");
    g_assert_cmpuint (json_array_get_length (flags), ==, 1);
    flag = json_array_get_object_element (flags, 0);
    g_assert_true (json_object_get_boolean_member (flag, "reviewed"));
    g_assert_cmpstr (json_object_get_string_member (flag, "review_note"), ==, "Seen: drained, antibiotics");
  }
  g_clear_pointer (&root, json_node_unref);
  meso_cli_run_clear (&run);

  /* The text form says so on the flag's line, then gives the note. */
  CLI (&run, fx, "followup", "list", "--session", thighs, "--as-of", "2026-03-22");
  g_assert_cmpint (run.status, ==, 0);
  {
    const char *line = strstr (run.out, "infection: ");
    const char *end = line ? strchr (line, '\n') : NULL;
    g_autofree char *flag_line = NULL;

    g_assert_nonnull (end);
    flag_line = g_strndup (line, end - line);
    g_assert_true (g_str_has_suffix (flag_line, "  (reviewed)"));
    g_assert_nonnull (strstr (end, "review note: Seen: drained, antibiotics"));
  }
  meso_cli_run_clear (&run);

  /* A new observation of pus raises it again. */
  CLI (&run, fx, "followup", "add", "--session", thighs, "--date", "2026-03-24", "--discharge", "--fever");
  g_assert_cmpint (run.status, ==, 0);
  meso_cli_run_clear (&run);
  CLI (&run, fx, "followups", "--as-of", "2026-03-24", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  flags = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (flags), ==, 2);
  assert_flag (flags, 0, "urgent", "infection", fx->thighs, "Béatrice Dubois");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (flags, 0), "raised_on"),
                   ==, "2026-03-24");
  g_clear_pointer (&root, json_node_unref);
  meso_cli_run_clear (&run);
}

typedef struct
{
  const char *args[16];
  const char *option;     /* named in the message */
} BadCase;

/* Each refused command exits 2, names the option, and writes nothing. */
static void
test_bad_input (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *face = id_text (fx->face);
  g_autofree char *booked = id_text (fx->booked);
  const BadCase cases[] = {
    { { "followup", "add", "--session", "999", "--date", "2026-03-05", "--pain" }, "--session" },
    { { "followup", "add", "--session", "abc", "--date", "2026-03-05" }, "--session" },
    { { "followup", "add", "--date", "2026-03-05" }, "--session" },
    { { "followup", "add", "--session", face, "--date", "2026-03-01", "--fever" }, "--date" },
    { { "followup", "add", "--session", face, "--date", "2026-02-30" }, "--date" },
    { { "followup", "add", "--session", face, "--date", "9999-01-01", "--fever" }, "--date" },
    { { "followup", "add", "--session", face, "--date", "05/03/2026" }, "--date" },
    { { "followup", "add", "--session", face }, "--date" },
    { { "followup", "add", "--session", face, "--date", "2026-03-05", "--lump-size-mm", "big" },
      "--lump-size-mm" },
    { { "followup", "add", "--session", face, "--date", "2026-03-05", "--lump-size-mm", "-3" },
      "--lump-size-mm" },
    { { "followup", "add", "--session", booked, "--date", "2026-04-02", "--discharge" }, "--session" },
    { { "followup", "add", "--session", face, "--date", "2026-03-05", "--bogus" }, "--bogus" },
    { { "followup", "review", "--session", face, "--code", "infection", "--note", "" }, "--note" },
    { { "followup", "review", "--session", face, "--code", "infection", "--note", "   " }, "--note" },
    { { "followup", "review", "--session", face, "--code", "infection" }, "--note" },
    { { "followup", "review", "--session", face, "--code", "infektion", "--note", "x" }, "--code" },
    { { "followup", "review", "--session", face, "--code", "bleeding", "--note", "x" }, "--code" },
    { { "followup", "review", "--session", "999", "--code", "pain", "--note", "x" }, "--session" },
    { { "followup", "list", "--session", "999" }, "--session" },
    { { "followups", "--as-of", "2026-3-5" }, "--as-of" },
    { { "followup", "frobnicate" }, "frobnicate" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(MesoCliRun) run = { 0 };

      run_cli (&run, fx, cases[i].args);
      if (run.status != 2 || strstr (run.err, cases[i].option) == NULL)
        g_error ("case %u (%s %s): status %d, stderr “%s”", i, cases[i].args[0],
                 cases[i].args[1], run.status, run.err);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpuint (count_followups (fx), ==, 0);
    }
}

/* --help names the program and the command in full. */
static void
test_help (Fixture       *fx,
           gconstpointer  data)
{
  const char *commands[][2] = {
    { "followup", "add" }, { "followup", "list" }, { "followup", "review" }, { "followups", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(MesoCliRun) run = { 0 };
      g_autofree char *usage = g_strdup_printf ("  mesochart-cli %s%s%s ", commands[i][0],
                                                commands[i][1] ? " " : "",
                                                commands[i][1] ? commands[i][1] : "");

      if (commands[i][1] != NULL)
        CLI (&run, fx, commands[i][0], commands[i][1], "--help");
      else
        CLI (&run, fx, commands[i][0], "--help");
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, usage));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/followup/flags", Fixture, NULL, setup, test_flags, teardown);
  g_test_add ("/cli/followup/bad-input", Fixture, NULL, setup, test_bad_input, teardown);
  g_test_add ("/cli/followup/help", Fixture, NULL, setup, test_help, teardown);

  return g_test_run ();
}
