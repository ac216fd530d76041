/* meso-cli-aftercare.c: `mesochart-cli aftercare`, handouts as PDF.
 *
 *   aftercare (--session ID | FILE) --output OUT.pdf [--lang LANG]
 *   aftercare --date YYYY-MM-DD --output OUT.pdf [--lang LANG]
 *
 * FILE ("-" for standard input) is one session as JSON with a nested
 * patient (aftercare_description).  Its fields are read here, not by
 * meso-json, because it is a smaller shape of its own: the patient is only
 * a name and a language; the text itself goes through meso_json_parse ()
 * like every other JSON input, for its guards against deep nesting,
 * escaped NULs and numbers json-glib misreads.  Every refusal is one
 * stderr line naming the field, exit 2, and no PDF is written
 * (meso_sheet_render_pdf only renames a complete file over OUT).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "meso-aftercare.h"
#include "meso-amend.h"
#include "meso-audit.h"
#include "meso-cli.h"
#include "meso-i18n.h"
#include "meso-json.h"
#include "meso-sheet-render.h"

/* A refusal of the input, already worded with its field first. */
static gboolean
refuse (GError    **error,
        const char *field,
        const char *format,
        ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError    **error,
        const char *field,
        const char *format,
        ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID, "%s: %s", field, msg);
  return FALSE;
}

static gboolean
check_keys (JsonObject          *object,
            const char          *prefix,
            const char * const  *known,
            GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *field = prefix ? g_strconcat (prefix, ".", l->data, NULL)
                                        : g_strdup (l->data);
        return refuse (error, field, _("unknown field"));
      }
  return TRUE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *member,
            const char  *field,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return refuse (error, field, _("must be a string"));
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_number (JsonObject  *object,
            const char  *member,
            const char  *field,
            gboolean    *present,
            double      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  *present = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return refuse (error, field, _("must be a number"));
  *out = json_node_get_double (node);
  *present = TRUE;
  return TRUE;
}

static JsonObject *
get_object (JsonObject  *object,
            const char  *member,
            const char  *field,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      refuse (error, field, _("must be an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

/* Codes are checked against the vocabulary and the message lists them. */
#define GET_CODE(Type, name, object, member, field, out)                        \
  G_STMT_START {                                                                \
    const char *code_;                                                          \
    if (!get_string (object, member, field, &code_, error))                     \
      return FALSE;                                                             \
    if (code_ != NULL && !meso_##name##_from_code (code_, out))                 \
      return refuse (error, field, _("unknown value “%s” (one of: %s)"),        \
                     code_, list_codes_##name ());                              \
  } G_STMT_END

#define DEFINE_LIST_CODES(Type, name, N)                                        \
  static const char *                                                           \
  list_codes_##name (void)                                                      \
  {                                                                             \
    static char *list;                                                          \
    if (list == NULL)                                                           \
      {                                                                         \
        GString *s = g_string_new (NULL);                                       \
        for (guint i = 0; i < N; i++)                                           \
          g_string_append_printf (s, "%s%s", i ? ", " : "",                     \
                                  meso_##name##_to_code ((Type) i));            \
        list = g_string_free (s, FALSE);                                        \
      }                                                                         \
    return list;                                                                \
  }

DEFINE_LIST_CODES (MesoArea, area, MESO_N_AREAS)
DEFINE_LIST_CODES (MesoIndication, indication, MESO_N_INDICATIONS)
DEFINE_LIST_CODES (MesoConsistency, consistency, MESO_N_CONSISTENCIES)
DEFINE_LIST_CODES (MesoTechnique, technique, MESO_N_TECHNIQUES)
DEFINE_LIST_CODES (MesoMassage, massage, MESO_N_MASSAGES)

static const char * const root_keys[] = {
  "patient", "date", "area", "indication", "solution", "needle", "depth_mm",
  "angle_deg", "technique", "massage_advice", NULL };
static const char * const patient_keys[] = { "name", "language", NULL };
static const char * const solution_keys[] = { "name", "consistency", "ingredients", "batch", NULL };
static const char * const needle_keys[] = { "gauge", "length_mm", NULL };

/* Fills @session, @name and @language from the aftercare JSON; @input_name
 * names the file in errors about the text as a whole.  Fields that are
 * absent keep the session's defaults, except the ones a sheet cannot do
 * without (patient.name, date, area); massage_advice defaults to the
 * clinic's choice. */
static gboolean
parse_session_file (const char         *text,
                    gsize               length,
                    const char         *input_name,
                    const MesoSettings *settings,
                    MesoSession        *session,
                    char              **name,
                    char              **language,
                    GError            **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj, *patient, *solution, *needle;
  const char *s;
  double number;
  gboolean present;

  if (input_name == NULL)
    input_name = _("<input>");
  root = meso_json_parse (text, length, input_name, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return refuse (error, input_name,
                   _("the session must be a JSON object {\"patient\": …} (see aftercare --help)"));
  obj = json_node_get_object (root);
  if (!check_keys (obj, NULL, root_keys, error))
    return FALSE;

  /* patient */
  patient = get_object (obj, "patient", "patient", error);
  if (patient == NULL)
    return error && *error ? FALSE : refuse (error, "patient", _("required"));
  if (!check_keys (patient, "patient", patient_keys, error) ||
      !get_string (patient, "name", "patient.name", &s, error))
    return FALSE;
  {
    g_autofree char *stripped = s ? g_strstrip (g_strdup (s)) : NULL;

    if (stripped == NULL || *stripped == '\0')
      return refuse (error, "patient.name", _("required"));
    if (!g_utf8_validate (s, -1, NULL) || g_utf8_strlen (s, -1) > 200)
      return refuse (error, "patient.name", _("longer than 200 characters"));
    *name = g_strdup (stripped);
  }
  if (!get_string (patient, "language", "patient.language", &s, error))
    return FALSE;
  if (s != NULL && !meso_i18n_language_supported (s))
    return refuse (error, "patient.language",
                   _("handouts are available in en, fr, it, es and de, not “%s”"), s);
  *language = g_strdup (s);

  /* date */
  if (!get_string (obj, "date", "date", &s, error))
    return FALSE;
  if (s == NULL)
    return refuse (error, "date", _("required"));
  if (!meso_date_parse (s, &session->date))
    return refuse (error, "date", _("“%s” is not a date (YYYY-MM-DD)"), s);

  /* codes */
  if (!json_object_has_member (obj, "area"))
    return refuse (error, "area", _("required"));
  GET_CODE (MesoArea, area, obj, "area", "area", &session->area);
  GET_CODE (MesoIndication, indication, obj, "indication", "indication", &session->indication);
  GET_CODE (MesoTechnique, technique, obj, "technique", "technique", &session->technique);
  session->massage = settings->default_massage;
  GET_CODE (MesoMassage, massage, obj, "massage_advice", "massage_advice", &session->massage);

  /* solution */
  solution = get_object (obj, "solution", "solution", error);
  if (error && *error)
    return FALSE;
  if (solution != NULL)
    {
      JsonNode *node;

      if (!check_keys (solution, "solution", solution_keys, error) ||
          !get_string (solution, "name", "solution.name", &s, error))
        return FALSE;
      g_free (session->solution_name);
      session->solution_name = g_strdup (s);
      GET_CODE (MesoConsistency, consistency, solution, "consistency", "solution.consistency",
                &session->consistency);
      if (!get_string (solution, "batch", "solution.batch", &s, error))
        return FALSE;
      g_free (session->batch);
      session->batch = g_strdup (s);
      node = json_object_get_member (solution, "ingredients");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          JsonArray *array;

          if (!JSON_NODE_HOLDS_ARRAY (node))
            return refuse (error, "solution.ingredients", _("must be a list of strings"));
          array = json_node_get_array (node);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *item = json_array_get_element (array, i);

              if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
                return refuse (error, "solution.ingredients",
                               _("ingredient %u is not a string"), i + 1);
              g_ptr_array_add (session->ingredients, g_strdup (json_node_get_string (item)));
            }
        }
    }

  /* needle, depth and angle: not printed, but a session is validated
   * whole so that a typing error is caught wherever it comes from. */
  needle = get_object (obj, "needle", "needle", error);
  if (error && *error)
    return FALSE;
  if (needle != NULL)
    {
      JsonNode *gauge = json_object_get_member (needle, "gauge");

      if (!check_keys (needle, "needle", needle_keys, error))
        return FALSE;
      if (gauge != NULL && !JSON_NODE_HOLDS_NULL (gauge))
        {
          gint64 g;

          if (!JSON_NODE_HOLDS_VALUE (gauge) || json_node_get_value_type (gauge) != G_TYPE_INT64)
            return refuse (error, "needle.gauge", _("must be a whole number"));
          g = json_node_get_int (gauge);
          if (g < MESO_GAUGE_MIN || g > MESO_GAUGE_MAX)
            return refuse (error, "needle.gauge", _("%lld G is outside %d-%d G"),
                           (long long) g, MESO_GAUGE_MIN, MESO_GAUGE_MAX);
          session->needle_gauge = (guint) g;
        }
      if (!get_number (needle, "length_mm", "needle.length_mm", &present, &number, error))
        return FALSE;
      if (present)
        session->needle_length_mm = number;
    }
  if (!get_number (obj, "depth_mm", "depth_mm", &present, &number, error))
    return FALSE;
  if (present)
    session->depth_mm = number;
  if (!get_number (obj, "angle_deg", "angle_deg", &present, &number, error))
    return FALSE;
  if (present)
    session->angle_deg = number;

  return meso_session_validate (session, error);
}

/* The entry point of the fuzz target (tests/fuzz/fuzz-aftercare.c). */
static gboolean G_GNUC_UNUSED
parse_session_json (const char         *text,
                    gsize               length,
                    const MesoSettings *settings,
                    MesoSession        *session,
                    char              **name,
                    char              **language,
                    GError            **error)
{
  return parse_session_file (text, length, NULL, settings, session, name, language, error);
}

static const char aftercare_description[] = N_(
  "FILE (“-” for standard input) is one session as a JSON object; only\n"
  "patient.name, date and area are required:\n"
  "  {\n"
  "    \"patient\": {\"name\": \"Hélène Dubois\",\n"
  "                \"language\": \"fr\" (en, fr, it, es or de; default: en)},\n"
  "    \"date\": \"YYYY-MM-DD\",\n"
  "    \"area\": face, neck, decollete, scalp, abdomen, flanks, thighs,\n"
  "            buttocks, arms, hands or other,\n"
  "    \"indication\": rejuvenation (default), cellulite, fat_reduction,\n"
  "                  hair_loss or other,\n"
  "    \"solution\": {\"name\": \"NCTF 135 HA\",\n"
  "                 \"consistency\": thin, medium (default) or thick,\n"
  "                 \"ingredients\": [\"hyaluronic acid\", …],\n"
  "                 \"batch\": \"B-2291\"},\n"
  "    \"needle\": {\"gauge\": 18-34 (default 30),\n"
  "               \"length_mm\": above 0, up to 25 (default 4)},\n"
  "    \"depth_mm\": above 0, up to 13 and the needle’s length (default 2),\n"
  "    \"angle_deg\": 1-90 (default 45),\n"
  "    \"technique\": nappage (default), papule, point_by_point,\n"
  "                 linear_retrograde or other,\n"
  "    \"massage_advice\": recommended, gentle or avoid (default: the clinic’s\n"
  "                      setting)\n"
  "  }\n"
  "Codes are JSON strings (\"area\": \"face\"); null leaves a key at its\n"
  "default.  Unknown keys are refused: for a stored session, give\n"
  "--session ID, not the output of “session show --json”.\n"
  "\n"
  "Exit status: 0 when the PDF is written; 2 for bad input, with one line on\n"
  "standard error naming the field at fault; 1 when the PDF or the database\n"
  "cannot be written.");

static MesoSettings *
load_settings (MesoStore *store,
               int       *status)
{
  g_autoptr(GError) error = NULL;
  MesoSettings *settings;

  if (store == NULL)
    return meso_settings_new ();
  settings = meso_store_load_settings (store, &error);
  if (settings == NULL)
    {
      meso_cli_error ("%s", error->message);
      *status = MESO_CLI_EXIT_FAILURE;
    }
  return settings;
}

/* Store errors about the input (no such session) are the user's to fix:
 * exit 2; anything else is the store failing: exit 1. */
static int
store_status (const GError *error)
{
  return g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND) ||
         g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID)
         ? MESO_CLI_EXIT_USAGE : MESO_CLI_EXIT_FAILURE;
}

static MesoAftercareSheet *
sheet_for_stored_session (MesoStore          *store,
                          const MesoSession  *session,
                          const MesoSettings *settings,
                          const char         *lang,
                          int                *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoPatient) patient = meso_store_get_patient (store, session->patient_id, &error);

  if (patient == NULL)
    {
      meso_cli_error ("%s", error->message);
      *status = MESO_CLI_EXIT_FAILURE;
      return NULL;
    }
  return meso_aftercare_sheet_build (session, patient->name, settings,
                                     lang ? lang : patient->language);
}

int
meso_cli_aftercare (const MesoCliGlobal *global,
                    int                  argc,
                    char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *session_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *lang = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GArray) printed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) printed_patients = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MesoSettings) settings = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_aftercare_sheet_unref);
  const char *file = NULL;
  int status = MESO_CLI_EXIT_OK;
  int n_inputs;
  GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_STRING, &session_text, N_("The stored session"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Every session of that day, in one PDF"), N_("YYYY-MM-DD") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), N_("OUT.pdf") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Print in this language (en, fr, it, es, de) instead of the patient’s"), N_("LANG") },
    { NULL }
  };

  context = g_option_context_new (_("(--session ID | FILE | --date DATE) --output OUT.pdf"));
  g_option_context_set_summary (context,
                                _("Write the aftercare sheet of a session, a session file (JSON, "
                                  "“-” for standard input) or a whole day as a PDF, in the "
                                  "patient’s language."));
  g_option_context_set_description (context, _(aftercare_description));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;

  if (argc > 3)
    {
      meso_cli_error (_("aftercare: one session file at a time (try --help)"));
      return MESO_CLI_EXIT_USAGE;
    }
  if (argc == 2)
    file = argv[1];
  n_inputs = (session_text != NULL) + (date_text != NULL) + (file != NULL);
  if (n_inputs != 1)
    {
      meso_cli_error (_("aftercare: give one of --session ID, --date DATE or a session FILE (try --help)"));
      return MESO_CLI_EXIT_USAGE;
    }
  if (output == NULL || *output == '\0' || g_str_equal (output, "-"))
    {
      meso_cli_error (_("--output: the PDF file to write is required"));
      return MESO_CLI_EXIT_USAGE;
    }
  if (lang != NULL && !meso_i18n_language_supported (lang))
    {
      meso_cli_error (_("--lang: handouts are available in en, fr, it, es and de, not “%s”"), lang);
      return MESO_CLI_EXIT_USAGE;
    }

  if (file != NULL)
    {
      g_autofree char *contents = NULL;
      g_autofree char *name = NULL;
      g_autofree char *patient_lang = NULL;
      g_autoptr(MesoSession) session = meso_session_new ();
      gsize length = 0;

      /* The clinic's settings come from --db when given; a file alone
       * prints with the defaults. */
      if (global->db_path != NULL && (store = meso_cli_open_store (global)) == NULL)
        return MESO_CLI_EXIT_FAILURE;
      settings = load_settings (store, &status);
      if (settings == NULL)
        return status;
      if (!meso_cli_read_input (file, &contents, &length, &error))
        {
          meso_cli_error ("%s", error->message);
          return MESO_CLI_EXIT_USAGE;
        }
      if (!parse_session_file (contents, length, g_str_equal (file, "-") ? "<stdin>" : file,
                               settings, session, &name, &patient_lang, &error))
        {
          meso_cli_error ("%s", error->message);
          return MESO_CLI_EXIT_USAGE;
        }
      g_ptr_array_add (sheets, meso_aftercare_sheet_build (session, name, settings,
                                                           lang ? lang : patient_lang));
    }
  else if (session_text != NULL)
    {
      g_autoptr(MesoSession) session = NULL;
      MesoAftercareSheet *sheet;
      gint64 id;

      if (!meso_cli_parse_id (session_text, "--session", &id))
        return MESO_CLI_EXIT_USAGE;
      if ((store = meso_cli_open_store (global)) == NULL)
        return MESO_CLI_EXIT_FAILURE;
      settings = load_settings (store, &status);
      if (settings == NULL)
        return status;
      /* A done session may carry corrections: print the amended version. */
      session = meso_store_get_session_amended (store, id, &error);
      if (session == NULL)
        {
          meso_cli_error ("--session: %s", error->message);
          return store_status (error);
        }
      g_array_append_val (printed, session->id);
      g_array_append_val (printed_patients, session->patient_id);
      sheet = sheet_for_stored_session (store, session, settings, lang, &status);
      if (sheet == NULL)
        return status;
      g_ptr_array_add (sheets, sheet);
    }
  else
    {
      g_autoptr(GPtrArray) sessions = NULL;
      GDate day;

      if (!meso_date_parse (date_text, &day))
        {
          meso_cli_error (_("--date: “%s” is not a date (YYYY-MM-DD)"), date_text);
          return MESO_CLI_EXIT_USAGE;
        }
      if ((store = meso_cli_open_store (global)) == NULL)
        return MESO_CLI_EXIT_FAILURE;
      settings = load_settings (store, &status);
      if (settings == NULL)
        return status;
      sessions = meso_store_list_sessions_on (store, &day, &error);
      if (sessions == NULL)
        {
          meso_cli_error ("%s", error->message);
          return MESO_CLI_EXIT_FAILURE;
        }
      for (guint i = 0; i < sessions->len; i++)
        {
          const MesoSession *listed = g_ptr_array_index (sessions, i);
          g_autoptr(MesoSession) session = NULL;
          MesoAftercareSheet *sheet;

          /* Nobody takes a handout home from a cancelled appointment. */
          if (listed->status == MESO_SESSION_CANCELLED)
            continue;
          session = meso_store_get_session_amended (store, listed->id, &error);
          if (session == NULL)
            {
              meso_cli_error ("%s", error->message);
              return MESO_CLI_EXIT_FAILURE;
            }
          g_array_append_val (printed, session->id);
          g_array_append_val (printed_patients, session->patient_id);
          sheet = sheet_for_stored_session (store, session, settings, lang, &status);
          if (sheet == NULL)
            return status;
          g_ptr_array_add (sheets, sheet);
        }
      if (sheets->len == 0)
        {
          meso_cli_error (_("--date: no sessions on %s (cancelled ones are left out)"), date_text);
          return MESO_CLI_EXIT_USAGE;
        }
    }

  if (!meso_sheet_render_pdf ((const MesoAftercareSheet * const *) sheets->pdata, sheets->len,
                              settings->paper_size, output, &error))
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }

  /* Handing out a stored patient's sheet is an access to the record. */
  for (guint i = 0; i < printed->len; i++)
    if (!meso_audit_log (store, "print", "session", g_array_index (printed, gint64, i),
                         g_array_index (printed_patients, gint64, i), NULL, &error))
      {
        meso_cli_error (_("the sheets were written, but the audit trail could not record it: %s"),
                        error->message);
        return MESO_CLI_EXIT_FAILURE;
      }
  return MESO_CLI_EXIT_OK;
}
