/* meso-cli-followup.c: `mesochart-cli followup add|list|review` and
 * `mesochart-cli followups`.
 *
 * Follow-ups are observations after a session; flags are computed from
 * them by the rules of meso-followup-rules.c.  Bad input exits with
 * MESO_CLI_EXIT_USAGE and a message naming the option, before anything is
 * written.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "meso-cli.h"
#include "meso-followup.h"
#include "meso-followup-rules.h"

/* Store and record messages start with the field name; the user typed an
 * option, so name that instead. */
static const struct
{
  const char *field;
  const char *option;
} field_options[] = {
  { "session", "--session" },
  { "date", "--date" },
  { "lump_size_mm", "--lump-size-mm" },
  { "notes", "--notes" },
  { "code", "--code" },
  { "note", "--note" },
};

static void
report_error (const char   *command,
              const GError *error)
{
  const char *colon = strstr (error->message, ": ");

  if (colon != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (field_options); i++)
      {
        gsize len = strlen (field_options[i].field);

        if ((gsize) (colon - error->message) == len &&
            strncmp (error->message, field_options[i].field, len) == 0)
          {
            meso_cli_error ("%s: %s%s", command, field_options[i].option, colon);
            return;
          }
      }
  meso_cli_error ("%s: %s", command, error->message);
}

/* Refused input is a usage error; anything else is the store failing. */
static int
exit_code_for (const GError *error)
{
  if (error->domain == MESO_STORE_ERROR &&
      (error->code == MESO_STORE_ERROR_INVALID || error->code == MESO_STORE_ERROR_NOT_FOUND))
    return MESO_CLI_EXIT_USAGE;
  if (error->domain == MESO_RECORD_ERROR)
    return MESO_CLI_EXIT_USAGE;
  return MESO_CLI_EXIT_FAILURE;
}

static gboolean
parse_date_option (const char *command,
                   const char *option,
                   const char *text,
                   GDate      *out)
{
  if (!meso_date_parse (text, out))
    {
      meso_cli_error (_("%s: %s: “%s” is not a date (YYYY-MM-DD)"), command, option, text);
      return FALSE;
    }
  return TRUE;
}

/* --as-of TEXT, or today without it. */
static gboolean
parse_as_of (const char *command,
             const char *text,
             GDate      *as_of)
{
  if (text == NULL)
    {
      meso_date_set_today (as_of);
      return TRUE;
    }
  return parse_date_option (command, "--as-of", text, as_of);
}

static gboolean
require (const char *command,
         const char *option,
         const char *value)
{
  if (value == NULL)
    {
      meso_cli_error (_("%s: %s is required (try --help)"), command, option);
      return FALSE;
    }
  return TRUE;
}

static gboolean
no_arguments (const char *command,
              int         argc,
              char      **argv)
{
  if (argc > 1)
    {
      meso_cli_error (_("%s: unexpected argument “%s” (try --help)"), command, argv[1]);
      return FALSE;
    }
  return TRUE;
}

/* --help names the command in full: "mesochart-cli followup add". */
static GOptionContext *
new_context (const char *command,
             const char *summary)
{
  GOptionContext *context = g_option_context_new (NULL);

  meso_cli_set_command_name (command);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  return context;
}

/* Prints what @builder built, pretty. */
static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
add_date_member (JsonBuilder *builder,
                 const char  *name,
                 const GDate *date)
{
  g_autofree char *text = meso_date_format (date);

  json_builder_set_member_name (builder, name);
  if (text)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_flag_json (JsonBuilder    *builder,
               const MesoFlag *flag)
{
  g_auto(GStrv) sources = g_strsplit (flag->source ? flag->source : "", ", ", -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, meso_flag_severity_to_code (flag->severity));
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, flag->code);
  add_date_member (builder, "raised_on", &flag->raised_on);
  json_builder_set_member_name (builder, "patient_id");
  json_builder_add_int_value (builder, flag->patient_id);
  json_builder_set_member_name (builder, "patient_name");
  if (flag->patient_name)
    json_builder_add_string_value (builder, flag->patient_name);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "session_id");
  json_builder_add_int_value (builder, flag->session_id);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, flag->reason);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, flag->source ? flag->source : "");
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; sources[i] != NULL; i++)
    if (*sources[i])
      json_builder_add_string_value (builder, sources[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "reviewed");
  json_builder_add_boolean_value (builder, flag->reviewed);
  json_builder_set_member_name (builder, "review_note");
  if (flag->review_note)
    json_builder_add_string_value (builder, flag->review_note);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
add_flags_json (JsonBuilder *builder,
                GPtrArray   *flags)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < flags->len; i++)
    add_flag_json (builder, g_ptr_array_index (flags, i));
  json_builder_end_array (builder);
}

/* One line per flag, most urgent first. */
static void
print_flag (const MesoFlag *flag,
            gboolean        with_patient)
{
  g_autofree char *raised = meso_date_format (&flag->raised_on);
  g_autofree char *severity = g_utf8_strup (meso_flag_severity_to_label (flag->severity), -1);

  if (with_patient)
    /* TRANSLATORS: severity, date raised, patient name, patient id, session
     * id, reason, source documents */
    g_print (_("%-8s %s  %s (patient %lld)  session %lld  %s  [%s]\n"),
             severity, raised, flag->patient_name ? flag->patient_name : "?",
             (long long) flag->patient_id, (long long) flag->session_id,
             flag->reason, flag->source);
  else if (flag->reviewed)
    /* TRANSLATORS: a reviewed flag of the session: severity, date raised,
     * flag code, reason, source documents */
    g_print (_("%-8s %s  %s: %s  [%s]  (reviewed)\n"),
             severity, raised, flag->code, flag->reason, flag->source);
  else
    g_print ("%-8s %s  %s: %s  [%s]\n", severity, raised, flag->code, flag->reason, flag->source);
  if (flag->review_note != NULL)
    g_print (flag->reviewed ? _("         review note: %s\n")
                            : _("         earlier review note: %s\n"), flag->review_note);
}

/* --- followup add -------------------------------------------------------- */

static const char add_description[] =
  N_("Records what was observed after a done session and prints the flags it "
     "raises.\nA lump size implies --lumps.  Exit status: 0 recorded, 1 the "
     "database failed, 2 bad input (nothing is written).");

static int
followup_add (const MesoCliGlobal *global,
              int                  argc,
              char               **argv,
              gpointer             options)
{
  const char *command = "followup add";
  g_autofree char *session_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *notes = NULL;
  gboolean json = FALSE;
  g_autoptr(MesoFollowup) f = meso_followup_new ();
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) raised = NULL;
  g_autoptr(MesoSession) session = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_STRING, &session_text, N_("The session followed up"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("When it was observed"), N_("YYYY-MM-DD") },
    { "lumps", 0, 0, G_OPTION_ARG_NONE, &f->lumps, N_("Lumps present"), NULL },
    { "lump-size-mm", 0, 0, G_OPTION_ARG_STRING, &size_text, N_("Size of the largest lump"), N_("MM") },
    { "pain", 0, 0, G_OPTION_ARG_NONE, &f->pain, N_("Significant pain"), NULL },
    { "redness", 0, 0, G_OPTION_ARG_NONE, &f->redness, N_("Redness"), NULL },
    { "warmth", 0, 0, G_OPTION_ARG_NONE, &f->warmth, N_("Warmth"), NULL },
    { "swelling", 0, 0, G_OPTION_ARG_NONE, &f->swelling, N_("Swelling"), NULL },
    { "discharge", 0, 0, G_OPTION_ARG_NONE, &f->discharge, N_("Pus or discharge"), NULL },
    { "fever", 0, 0, G_OPTION_ARG_NONE, &f->fever, N_("Fever or feeling unwell"), NULL },
    { "bleeding", 0, 0, G_OPTION_ARG_NONE, &f->bleeding, N_("Bleeding that does not stop"), NULL },
    { "itching", 0, 0, G_OPTION_ARG_NONE, &f->itching_hives, N_("Itching or hives"), NULL },
    { "breathing-difficulty", 0, 0, G_OPTION_ARG_NONE, &f->breathing_difficulty,
      N_("Difficulty breathing"), NULL },
    { "pigmentation", 0, 0, G_OPTION_ARG_NONE, &f->pigmentation_change,
      N_("Change in skin pigmentation"), NULL },
    { "nodules", 0, 0, G_OPTION_ARG_NONE, &f->nodules, N_("Hard nodules"), NULL },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Free notes"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the id and flags as JSON"), NULL },
    { NULL }
  };

  context = new_context (command, _("Record a follow-up observation of a session."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, _(add_description));
  if (!meso_cli_parse_options (context, &argc, &argv) || !no_arguments (command, argc, argv))
    return MESO_CLI_EXIT_USAGE;

  if (!require (command, "--session", session_text) ||
      !meso_cli_parse_id (session_text, "--session", &f->session_id) ||
      !require (command, "--date", date_text) ||
      !parse_date_option (command, "--date", date_text, &f->date))
    return MESO_CLI_EXIT_USAGE;
  if (size_text != NULL)
    {
      char *end = NULL;

      f->lump_size_mm = g_ascii_strtod (size_text, &end);
      if (*size_text == '\0' || end == NULL || *end != '\0' || !isfinite (f->lump_size_mm))
        {
          meso_cli_error (_("%s: --lump-size-mm: “%s” is not a number of millimetres"),
                          command, size_text);
          return MESO_CLI_EXIT_USAGE;
        }
      /* Measuring a lump says there is one. */
      if (f->lump_size_mm > 0)
        f->lumps = TRUE;
    }
  f->notes = g_steal_pointer (&notes);

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  if (!meso_store_insert_followup (store, f, &error))
    {
      report_error (command, error);
      return exit_code_for (error);
    }

  /* The flags this observation raises on its own (a new observation is
   * never covered by an earlier review). */
  session = meso_store_get_session (store, f->session_id, &error);
  if (session == NULL)
    {
      report_error (command, error);
      return MESO_CLI_EXIT_FAILURE;
    }
  one = g_ptr_array_new ();
  g_ptr_array_add (one, f);
  raised = meso_followup_flags_compute (session, NULL, one, &f->date);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, f->id);
      json_builder_set_member_name (builder, "session_id");
      json_builder_add_int_value (builder, f->session_id);
      json_builder_set_member_name (builder, "flags");
      add_flags_json (builder, raised);
      json_builder_end_object (builder);
      print_json (builder);
      return MESO_CLI_EXIT_OK;
    }

  g_print (_("Follow-up %lld recorded for session %lld.\n"),
           (long long) f->id, (long long) f->session_id);
  if (raised->len == 0)
    g_print ("%s\n", _("No flags raised."));
  else
    {
      g_print ("%s\n", g_dngettext (GETTEXT_PACKAGE, "Flag raised:", "Flags raised:", raised->len));
      for (guint i = 0; i < raised->len; i++)
        print_flag (g_ptr_array_index (raised, i), FALSE);
    }
  return MESO_CLI_EXIT_OK;
}

/* --- followup list --------------------------------------------------------- */

static void
add_followup_json (JsonBuilder        *builder,
                   const MesoFollowup *f)
{
  static const struct
  {
    const char *name;
    gsize       offset;
  } signs[] = {
    { "lumps", G_STRUCT_OFFSET (MesoFollowup, lumps) },
    { "pain", G_STRUCT_OFFSET (MesoFollowup, pain) },
    { "redness", G_STRUCT_OFFSET (MesoFollowup, redness) },
    { "warmth", G_STRUCT_OFFSET (MesoFollowup, warmth) },
    { "swelling", G_STRUCT_OFFSET (MesoFollowup, swelling) },
    { "discharge", G_STRUCT_OFFSET (MesoFollowup, discharge) },
    { "fever", G_STRUCT_OFFSET (MesoFollowup, fever) },
    { "bleeding", G_STRUCT_OFFSET (MesoFollowup, bleeding) },
    { "itching", G_STRUCT_OFFSET (MesoFollowup, itching_hives) },
    { "breathing_difficulty", G_STRUCT_OFFSET (MesoFollowup, breathing_difficulty) },
    { "pigmentation", G_STRUCT_OFFSET (MesoFollowup, pigmentation_change) },
    { "nodules", G_STRUCT_OFFSET (MesoFollowup, nodules) },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, f->id);
  json_builder_set_member_name (builder, "session_id");
  json_builder_add_int_value (builder, f->session_id);
  add_date_member (builder, "date", &f->date);
  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    {
      json_builder_set_member_name (builder, signs[i].name);
      json_builder_add_boolean_value (builder, G_STRUCT_MEMBER (gboolean, f, signs[i].offset));
    }
  json_builder_set_member_name (builder, "lump_size_mm");
  json_builder_add_double_value (builder, f->lump_size_mm);
  json_builder_set_member_name (builder, "notes");
  if (f->notes)
    json_builder_add_string_value (builder, f->notes);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static char *
describe_signs (const MesoFollowup *f)
{
  g_autoptr(GString) s = g_string_new (NULL);

#define SIGN(cond, text) \
  if (cond) g_string_append_printf (s, "%s%s", s->len ? ", " : "", text)
  SIGN (f->lumps, _("lumps"));
  if (f->lumps && f->lump_size_mm > 0)
    g_string_append_printf (s, " (%g mm)", f->lump_size_mm);
  SIGN (f->pain, _("pain"));
  SIGN (f->redness, _("redness"));
  SIGN (f->warmth, _("warmth"));
  SIGN (f->swelling, _("swelling"));
  SIGN (f->discharge, _("pus or discharge"));
  SIGN (f->fever, _("fever"));
  SIGN (f->bleeding, _("bleeding that does not stop"));
  SIGN (f->itching_hives, _("itching or hives"));
  SIGN (f->breathing_difficulty, _("difficulty breathing"));
  SIGN (f->pigmentation_change, _("pigmentation change"));
  SIGN (f->nodules, _("nodules"));
#undef SIGN
  if (s->len == 0)
    g_string_append (s, _("nothing of note"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static int
followup_list (const MesoCliGlobal *global,
               int                  argc,
               char               **argv,
               gpointer             options)
{
  const char *command = "followup list";
  g_autofree char *session_text = NULL;
  g_autofree char *as_of_text = NULL;
  gboolean json = FALSE;
  gint64 session_id;
  GDate as_of;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoSession) session = NULL;
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_STRING, &session_text, N_("The session"), N_("ID") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Flags as of this date (default today)"),
      N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = new_context (command, _("List a session’s follow-ups and its flags, open and reviewed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv) || !no_arguments (command, argc, argv))
    return MESO_CLI_EXIT_USAGE;
  if (!require (command, "--session", session_text) ||
      !meso_cli_parse_id (session_text, "--session", &session_id))
    return MESO_CLI_EXIT_USAGE;
  if (!parse_as_of (command, as_of_text, &as_of))
    return MESO_CLI_EXIT_USAGE;

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  session = meso_store_get_session (store, session_id, &error);
  if (session == NULL)
    {
      if (g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND))
        {
          meso_cli_error (_("%s: --session: there is no session %lld"), command, (long long) session_id);
          return MESO_CLI_EXIT_USAGE;
        }
      report_error (command, error);
      return MESO_CLI_EXIT_FAILURE;
    }
  followups = meso_store_list_followups (store, session_id, &error);
  if (followups != NULL)
    flags = meso_store_list_flags_for_session (store, session_id, &as_of, &error);
  if (followups == NULL || flags == NULL)
    {
      report_error (command, error);
      return MESO_CLI_EXIT_FAILURE;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "session_id");
      json_builder_add_int_value (builder, session_id);
      json_builder_set_member_name (builder, "followups");
      json_builder_begin_array (builder);
      for (guint i = 0; i < followups->len; i++)
        add_followup_json (builder, g_ptr_array_index (followups, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "flags");
      add_flags_json (builder, flags);
      json_builder_end_object (builder);
      print_json (builder);
      return MESO_CLI_EXIT_OK;
    }

  if (followups->len == 0)
    g_print (_("No follow-up recorded for session %lld.\n"), (long long) session_id);
  for (guint i = 0; i < followups->len; i++)
    {
      MesoFollowup *f = g_ptr_array_index (followups, i);
      g_autofree char *date = meso_date_format (&f->date);
      g_autofree char *signs = describe_signs (f);

      /* TRANSLATORS: follow-up id, date, observed signs */
      g_print (_("Follow-up %lld  %s  %s\n"), (long long) f->id, date, signs);
      if (f->notes && *f->notes)
        g_print (_("    notes: %s\n"), f->notes);
    }
  if (flags->len > 0)
    {
      g_print ("\n%s\n", _("Flags:"));
      for (guint i = 0; i < flags->len; i++)
        print_flag (g_ptr_array_index (flags, i), FALSE);
    }
  return MESO_CLI_EXIT_OK;
}

/* --- followup review ------------------------------------------------------- */

static int
followup_review (const MesoCliGlobal *global,
                 int                  argc,
                 char               **argv,
                 gpointer             options)
{
  const char *command = "followup review";
  g_autofree char *session_text = NULL;
  g_autofree char *code = NULL;
  g_autofree char *note = NULL;
  g_autofree char *codes = NULL;
  gint64 session_id;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_STRING, &session_text, N_("The session"), N_("ID") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The flag reviewed"), N_("CODE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What was seen or done (required)"), N_("TEXT") },
    { NULL }
  };

  codes = g_strjoinv (", ", (char **) meso_flag_codes ());
  description = g_strdup_printf (_("Flag codes: %s.\nA newer observation with the same sign raises "
                                   "the flag again."), codes);
  context = new_context (command, _("Mark a session’s flag reviewed, with a note."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, description);
  if (!meso_cli_parse_options (context, &argc, &argv) || !no_arguments (command, argc, argv))
    return MESO_CLI_EXIT_USAGE;
  if (!require (command, "--session", session_text) ||
      !meso_cli_parse_id (session_text, "--session", &session_id) ||
      !require (command, "--code", code) ||
      !require (command, "--note", note))
    return MESO_CLI_EXIT_USAGE;
  /* Checked here too so that a typo is reported without touching the file. */
  if (!meso_flag_code_is_known (code))
    {
      meso_cli_error (_("%s: --code: unknown flag code “%s” (known: %s)"), command, code, codes);
      return MESO_CLI_EXIT_USAGE;
    }

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  if (!meso_store_review_flag (store, session_id, code, note, &error))
    {
      report_error (command, error);
      return exit_code_for (error);
    }
  g_print (_("Flag “%s” of session %lld marked reviewed.\n"), code, (long long) session_id);
  return MESO_CLI_EXIT_OK;
}

/* --- dispatch -------------------------------------------------------------- */

static void
print_followup_usage (FILE *out)
{
  fprintf (out, "%s", _("Usage: mesochart-cli followup add|list|review [OPTIONS…]\n\n"
                        "  add      record a follow-up observation of a session\n"
                        "  list     list a session’s follow-ups and flags\n"
                        "  review   mark a flag reviewed, with a note\n\n"
                        "Each has its own --help.\n"));
}

static void
print_followup_misuse (const char *action)
{
  meso_cli_error (_("followup: unknown action “%s”; expected add, list or review"), action);
}

int
meso_cli_followup (const MesoCliGlobal *global,
                   int                  argc,
                   char               **argv)
{
  static const MesoCliSubcommand actions[] = {
    { "add", followup_add },
    { "list", followup_list },
    { "review", followup_review },
    { NULL, NULL }
  };
  static const MesoCliDispatch dispatch = {
    .subcommands = actions,
    .usage = print_followup_usage,
    .misuse = print_followup_misuse,
    .help_word = TRUE,
  };

  return meso_cli_dispatch (global, argc, argv, &dispatch);
}

/* --- followups ------------------------------------------------------------- */

int
meso_cli_followups (const MesoCliGlobal *global,
                    int                  argc,
                    char               **argv)
{
  const char *command = "followups";
  g_autofree char *as_of_text = NULL;
  gboolean json = FALSE;
  GDate as_of;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Flags as of this date (default today)"),
      N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  context = new_context (command, _("List the open follow-up flags, most urgent first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("A flag stays open until reviewed with "
                                      "`mesochart-cli followup review`.  The reminder for a "
                                      "session with no follow-up lapses 180 days after its "
                                      "review date."));
  if (!meso_cli_parse_options (context, &argc, &argv) || !no_arguments (command, argc, argv))
    return MESO_CLI_EXIT_USAGE;
  if (!parse_as_of (command, as_of_text, &as_of))
    return MESO_CLI_EXIT_USAGE;

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  flags = meso_store_list_open_flags (store, &as_of, &error);
  if (flags == NULL)
    {
      report_error (command, error);
      return MESO_CLI_EXIT_FAILURE;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_flags_json (builder, flags);
      print_json (builder);
      return MESO_CLI_EXIT_OK;
    }

  if (flags->len == 0)
    {
      g_autofree char *day = meso_date_format (&as_of);

      g_print (_("No open follow-up flags as of %s.\n"), day);
      return MESO_CLI_EXIT_OK;
    }
  for (guint i = 0; i < flags->len; i++)
    print_flag (g_ptr_array_index (flags, i), TRUE);
  return MESO_CLI_EXIT_OK;
}
