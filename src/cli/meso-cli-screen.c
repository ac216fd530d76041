/* meso-cli-screen.c: `mesochart-cli screen FILE|-`.
 *
 * Screens a candidate profile given as JSON, without a database: the same
 * engine the booking uses, for a consultation or a script.  The input is
 * read strictly (unknown keys and wrong types are errors) because a typo
 * such as "conditons" must not pass as "no conditions".
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "meso-cli.h"
#include "meso-json.h"
#include "meso-screening.h"

/* The profile being read; the first error wins. */
typedef struct
{
  GDate        date_of_birth;
  MesoHistory *history;
  MesoPlan     plan;
  GPtrArray   *ingredients;
} Profile;

static const char * const top_keys[] = {
  "date_of_birth", "conditions", "medications", "allergies", "fitzpatrick",
  "bruises_easily", "sensitive_skin", "planned", NULL
};

static const char * const planned_keys[] = { "date", "area", "ingredients", NULL };

static gboolean
fail (GError    **error,
      const char *field,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

/* Every message starts with the field it is about. */
static gboolean
fail (GError    **error,
      const char *field,
      const char *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", field, msg);
  return FALSE;
}

/* @text made safe for a one-line message: control characters escaped and
 * long values shortened. */
static char *
display (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == 60)
        {
          g_string_append (out, "…");
          break;
        }
      if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
describe_type (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_INT64:
      return _("an integer");
    case G_TYPE_DOUBLE:
      return _("a number");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    default:
      return _("a value");
    }
}

static gboolean
is_type (JsonNode *node,
         GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static char *
known_list (const char * const *codes)
{
  return g_strjoinv (", ", (char **) codes);
}

/* Edit distance, to suggest the key a typo meant. */
static guint
distance (const char *a,
          const char *b)
{
  guint la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (guint j = 0; j <= lb; j++)
    row[j] = j;
  for (guint i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = i;
      for (guint j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint best = diag + (a[i - 1] == b[j - 1] ? 0 : 1);

          best = MIN (best, up + 1);
          best = MIN (best, row[j - 1] + 1);
          row[j] = best;
          diag = up;
        }
    }
  return row[lb];
}

static gboolean
check_keys (JsonObject         *object,
            const char         *prefix,
            const char * const *known,
            GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *field = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *all = NULL;
      const char *closest = NULL;
      guint best = 3;

      if (g_strv_contains (known, key))
        continue;
      for (guint i = 0; known[i] != NULL; i++)
        {
          guint d = distance (key, known[i]);

          if (d < best)
            {
              best = d;
              closest = known[i];
            }
        }
      shown = display (key);
      field = prefix ? g_strconcat (prefix, ".", shown, NULL) : g_strdup (shown);
      all = known_list (known);
      if (closest != NULL)
        return fail (error, field, _("unknown key; did you mean “%s”? (known keys: %s)"),
                     closest, all);
      return fail (error, field, _("unknown key (known keys: %s)"), all);
    }
  return TRUE;
}

static gboolean
read_date (JsonNode   *node,
           const char *field,
           GDate      *out,
           GError    **error)
{
  g_autofree char *shown = NULL;

  if (!is_type (node, G_TYPE_STRING))
    return fail (error, field, _("expected a date as a string “YYYY-MM-DD”, got %s"),
                 describe_type (node));
  if (meso_date_parse (json_node_get_string (node), out))
    return TRUE;
  shown = display (json_node_get_string (node));
  return fail (error, field, _("“%s” is not a valid date (YYYY-MM-DD)"), shown);
}

/* A list of non-empty strings, trimmed. */
static gboolean
read_text_list (JsonNode   *node,
                const char *field,
                GPtrArray  *out,
                GError    **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, field, _("expected a list of text, got %s"), describe_type (node));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *item_field = g_strdup_printf ("%s[%u]", field, i);
      g_autofree char *text = NULL;

      if (!is_type (item, G_TYPE_STRING))
        return fail (error, item_field, _("expected text, got %s"), describe_type (item));
      text = g_strstrip (g_strdup (json_node_get_string (item)));
      if (*text == '\0')
        return fail (error, item_field, _("empty text"));
      g_ptr_array_add (out, g_steal_pointer (&text));
    }
  return TRUE;
}

static gboolean
read_conditions (JsonNode    *node,
                 MesoHistory *history,
                 GError     **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, "conditions", _("expected a list of condition codes, got %s"),
                 describe_type (node));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("conditions[%u]", i);
      MesoCondition condition;

      if (!is_type (item, G_TYPE_STRING))
        return fail (error, field, _("expected a condition code, got %s"), describe_type (item));
      if (!meso_condition_from_code (json_node_get_string (item), &condition))
        {
          const char *codes[MESO_N_CONDITIONS + 1] = { NULL };
          g_autofree char *all = NULL;
          g_autofree char *shown = display (json_node_get_string (item));

          for (guint c = 0; c < MESO_N_CONDITIONS; c++)
            codes[c] = meso_condition_to_code (c);
          all = known_list (codes);
          return fail (error, field, _("unknown condition “%s” (known: %s)"), shown, all);
        }
      history->conditions[condition].answer = MESO_ANSWER_YES;
    }
  return TRUE;
}

static gboolean
read_boolean (JsonNode   *node,
              const char *field,
              gboolean   *out,
              GError    **error)
{
  if (!is_type (node, G_TYPE_BOOLEAN))
    return fail (error, field, _("expected true or false, got %s"), describe_type (node));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_fitzpatrick (JsonNode  *node,
                  guint     *out,
                  GError   **error)
{
  gint64 value;

  if (!is_type (node, G_TYPE_INT64))
    return fail (error, "fitzpatrick", _("expected an integer 1-6, got %s"), describe_type (node));
  value = json_node_get_int (node);
  if (value < 1 || value > 6)
    return fail (error, "fitzpatrick",
                 _("%lld is outside 1-6 (Fitzpatrick skin types I to VI)"), (long long) value);
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_planned (JsonNode *node,
              Profile  *profile,
              gboolean *have_date,
              GError  **error)
{
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, "planned", _("expected an object {\"date\", \"area\", \"ingredients\"}, got %s"),
                 describe_type (node));
  object = json_node_get_object (node);
  if (!check_keys (object, "planned", planned_keys, error))
    return FALSE;

  if ((member = json_object_get_member (object, "date")) != NULL)
    {
      if (!read_date (member, "planned.date", &profile->plan.date, error))
        return FALSE;
      *have_date = TRUE;
    }
  if ((member = json_object_get_member (object, "area")) != NULL)
    {
      g_autofree char *shown = NULL;
      const char *codes[MESO_N_AREAS + 1] = { NULL };
      g_autofree char *all = NULL;

      if (!is_type (member, G_TYPE_STRING))
        return fail (error, "planned.area", _("expected an area code, got %s"),
                     describe_type (member));
      if (!meso_area_from_code (json_node_get_string (member), &profile->plan.area))
        {
          for (guint a = 0; a < MESO_N_AREAS; a++)
            codes[a] = meso_area_to_code (a);
          all = known_list (codes);
          shown = display (json_node_get_string (member));
          return fail (error, "planned.area", _("unknown area “%s” (known: %s)"), shown, all);
        }
    }
  if ((member = json_object_get_member (object, "ingredients")) != NULL &&
      !read_text_list (member, "planned.ingredients", profile->ingredients, error))
    return FALSE;
  return TRUE;
}

static gboolean
read_profile (JsonNode *root,
              Profile  *profile,
              GError  **error)
{
  JsonObject *object;
  JsonNode *member;
  MesoHistory *h = profile->history;
  gboolean have_date = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, _("top level"), _("expected a JSON object {\"date_of_birth\": …}, got %s"),
                 describe_type (root));
  object = json_node_get_object (root);
  if (!check_keys (object, NULL, top_keys, error))
    return FALSE;

  /* Here a condition left out of "conditions" was answered no, and absent
   * lists mean none known: the profile is what the caller knows. */
  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    h->conditions[c].answer = MESO_ANSWER_NO;
  h->medications_state = MESO_LIST_NONE_KNOWN;
  h->allergies_state = MESO_LIST_NONE_KNOWN;

  if ((member = json_object_get_member (object, "date_of_birth")) == NULL)
    return fail (error, "date_of_birth", _("required (YYYY-MM-DD)"));
  if (!read_date (member, "date_of_birth", &profile->date_of_birth, error))
    return FALSE;
  if ((member = json_object_get_member (object, "conditions")) != NULL &&
      !read_conditions (member, h, error))
    return FALSE;
  if ((member = json_object_get_member (object, "medications")) != NULL &&
      !read_text_list (member, "medications", h->medications, error))
    return FALSE;
  if ((member = json_object_get_member (object, "allergies")) != NULL &&
      !read_text_list (member, "allergies", h->allergies, error))
    return FALSE;
  if ((member = json_object_get_member (object, "fitzpatrick")) != NULL &&
      !read_fitzpatrick (member, &h->fitzpatrick, error))
    return FALSE;
  if ((member = json_object_get_member (object, "bruises_easily")) != NULL &&
      !read_boolean (member, "bruises_easily", &h->bruises_easily, error))
    return FALSE;
  if ((member = json_object_get_member (object, "sensitive_skin")) != NULL &&
      !read_boolean (member, "sensitive_skin", &h->sensitive_skin, error))
    return FALSE;
  if ((member = json_object_get_member (object, "planned")) != NULL &&
      !read_planned (member, profile, &have_date, error))
    return FALSE;

  if (h->medications->len > 0)
    h->medications_state = MESO_LIST_RECORDED;
  if (h->allergies->len > 0)
    h->allergies_state = MESO_LIST_RECORDED;
  if (!have_date)
    meso_date_set_today (&profile->plan.date);

  if (g_date_get_year (&profile->date_of_birth) < 1900)
    {
      g_autofree char *born = meso_date_format (&profile->date_of_birth);

      return fail (error, "date_of_birth", _("%s is before 1900"), born);
    }
  if (g_date_compare (&profile->date_of_birth, &profile->plan.date) > 0)
    {
      g_autofree char *born = meso_date_format (&profile->date_of_birth);
      g_autofree char *on = meso_date_format (&profile->plan.date);

      return fail (error, "date_of_birth", _("%s is after the planned date %s"), born, on);
    }
  return TRUE;
}

/* meso_json_parse says "FILE:LINE:COL: WHAT" (WHAT from json-glib starts
 * with "Parse error: "); people read "FILE: malformed JSON at line LINE,
 * column COL: WHAT".  Its other errors name a field and are kept. */
static char *
describe_parse_error (const char   *input_name,
                      const GError *error)
{
  const char *msg = error->message;
  const char *rest;
  guint line, column;
  int used = 0;

  if (!g_error_matches (error, MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX))
    return g_strdup (msg);
  if (g_str_has_prefix (msg, input_name) && msg[strlen (input_name)] == ':' &&
      sscanf (msg + strlen (input_name) + 1, "%u:%u: %n", &line, &column, &used) == 2 &&
      used > 0)
    {
      rest = msg + strlen (input_name) + 1 + used;
      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");
      return g_strdup_printf (_("%s: malformed JSON at line %u, column %u: %s"),
                              input_name, line, column, rest);
    }
  if (g_str_has_prefix (msg, input_name))
    msg += strlen (input_name);
  if (g_str_has_prefix (msg, ": "))
    msg += strlen (": ");
  return g_strdup_printf (_("%s: malformed JSON: %s"), input_name, msg);
}

/* Only JSON white space: json-glib reads no document at all. */
static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r')
      return FALSE;
  return TRUE;
}

static JsonNode *
screening_to_json (const MesoScreening *screening)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, meso_verdict_to_code (screening->verdict));
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < screening->findings->len; i++)
    {
      const MesoFinding *f = g_ptr_array_index (screening->findings, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, f->code);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, meso_severity_to_code (f->severity));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, f->message);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, f->source);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static const char screen_description[] = N_(
  "Reads a candidate profile as JSON from FILE, or from standard input when\n"
  "FILE is “-”, and prints the screening as JSON on standard output.\n"
  "\n"
  "Input (only date_of_birth is required):\n"
  "  {\n"
  "    \"date_of_birth\": \"YYYY-MM-DD\",\n"
  "    \"conditions\": [codes answered yes; any other counts as no]\n"
  "        pregnancy, breastfeeding, diabetes, autoimmune_disease, urticaria,\n"
  "        coagulation_disorder, severe_chronic_illness, paralysis_history,\n"
  "        cancer, cardiac_disease\n"
  "    \"medications\": [\"Warfarin 5 mg\", …]   (absent: none known)\n"
  "    \"allergies\": [\"lidocaine\", …]          (absent: none known)\n"
  "    \"fitzpatrick\": 1-6,\n"
  "    \"bruises_easily\": true|false,\n"
  "    \"sensitive_skin\": true|false,\n"
  "    \"planned\": {\"date\": \"YYYY-MM-DD\" (default: today),\n"
  "                \"area\": \"face\" (default; or neck, decollete, scalp,\n"
  "                         abdomen, flanks, thighs, buttocks, arms, hands,\n"
  "                         other),\n"
  "                \"ingredients\": [\"Lidocaine 2%\", …]}\n"
  "  }\n"
  "Unknown keys are refused, so that a misspelt key is not taken for\n"
  "an empty answer.\n"
  "\n"
  "Output:\n"
  "  {\"verdict\": \"clear\"|\"caution\"|\"contraindicated\",\n"
  "   \"findings\": [{\"code\", \"severity\", \"message\", \"source\"}, …]}\n"
  "Findings come strongest first; source names the document the rule comes\n"
  "from, or “clinic setting”.\n"
  "\n"
  "Exit status: 0 for any verdict; 2 for bad input, with one line on\n"
  "standard error naming the field at fault.");

int
meso_cli_screen (const MesoCliGlobal *global,
                 int                  argc,
                 char               **argv)
{
  gint legal_age = MESO_DEFAULT_LEGAL_AGE;
  const GOptionEntry entries[] = {
    { "legal-age", 0, 0, G_OPTION_ARG_INT, &legal_age,
      N_("The clinic’s legal age in years (default 18)"), N_("YEARS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoHistory) history = NULL;
  g_autoptr(GPtrArray) ingredients = NULL;
  g_autoptr(MesoSettings) settings = NULL;
  g_autoptr(MesoScreening) screening = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *input_name = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;
  Profile profile = { 0 };

  context = g_option_context_new (_("FILE|- — screen a candidate for contraindications"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, _(screen_description));
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      meso_cli_error (_("screen: expected one FILE, or - for standard input (try --help)"));
      return MESO_CLI_EXIT_USAGE;
    }

  /* The bounds are the clinic settings' own (meso_settings_validate). */
  settings = meso_settings_new ();
  settings->legal_age = (guint) MAX (legal_age, 0);
  if (legal_age < 0 || !meso_settings_validate (settings, &error))
    {
      const char *why = error ? error->message : "";

      if (g_str_has_prefix (why, "legal_age: "))
        why += strlen ("legal_age: ");
      meso_cli_error ("--legal-age: %s", legal_age < 0 ? _("a number of years is not negative") : why);
      return MESO_CLI_EXIT_USAGE;
    }

  input_name = g_str_equal (argv[1], "-") ? g_strdup (_("standard input")) : g_strdup (argv[1]);
  if (!meso_cli_read_input (argv[1], &contents, &length, &error))
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_USAGE;
    }
  if (!g_utf8_validate (contents, length, NULL))
    {
      meso_cli_error (_("%s: not valid UTF-8 text"), input_name);
      return MESO_CLI_EXIT_USAGE;
    }

  if (is_blank (contents, length))
    {
      meso_cli_error (_("%s: empty input; expected a JSON object {\"date_of_birth\": …}"),
                      input_name);
      return MESO_CLI_EXIT_USAGE;
    }
  /* The guarded parse every JSON input goes through: nesting, a second
   * document glued on, escaped NULs, numbers beyond 64 bits. */
  root = meso_json_parse (contents, length, input_name, &error);
  if (root == NULL)
    {
      g_autofree char *msg = describe_parse_error (input_name, error);

      meso_cli_error ("%s", msg);
      return MESO_CLI_EXIT_USAGE;
    }

  history = meso_history_new ();
  ingredients = meso_strv_array_new ();
  profile.history = history;
  profile.ingredients = ingredients;
  profile.plan.area = MESO_AREA_FACE;
  profile.plan.ingredients = ingredients;
  g_date_clear (&profile.date_of_birth, 1);
  g_date_clear (&profile.plan.date, 1);
  if (!read_profile (root, &profile, &error))
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_USAGE;
    }

  screening = meso_screen (&profile.date_of_birth, history, &profile.plan, settings);

  result = screening_to_json (screening);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, result);
  text = json_generator_to_data (generator, NULL);
  {
    g_autofree char *output = g_strconcat (text, "\n", NULL);

    if (!meso_cli_write_output ("-", output, -1, &error))
      {
        meso_cli_error ("%s", error->message);
        return MESO_CLI_EXIT_FAILURE;
      }
  }
  return MESO_CLI_EXIT_OK;
}
