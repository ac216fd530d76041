/* meso-cli-patient.c: `mesochart-cli patient add|list|show`. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "meso-cli-records.h"
#include "meso-json.h"

/* Record fields and the option that sets them, for validation errors. */
static const MesoCliFieldOption patient_options[] = {
  { "name", "--name" },
  { "date_of_birth", "--dob" },
  { "sex", "--sex" },
  { "phone", "--phone" },
  { "email", "--email" },
  { "address", "--address" },
  { "language", "--language" },
  { "notes", "--notes" },
  { "medications", "--medication" },
  { "allergies", "--allergy" },
  { "fitzpatrick", "--fitzpatrick" },
  { NULL, NULL }
};

static void
usage (FILE *out)
{
  fputs (_("Usage: mesochart-cli patient add|list|show [OPTIONS…]\n"
                      "  add    record a new patient and print its id\n"
                      "  list   list patients (tab-separated id, name, date of birth, phone)\n"
                      "  show   print one patient, with medical history and sessions\n"
                      "Run “mesochart-cli patient COMMAND --help” for a command’s options.\n"), out);
}

static int
patient_add_from_json (MesoStore  *store,
                       const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(MesoPatient) patient = NULL;
  gsize length;

  if (!meso_cli_read_input (path, &data, &length, &error))
    {
      meso_cli_error ("--from-json: %s", error->message);
      return MESO_CLI_EXIT_USAGE;
    }
  root = meso_json_parse (data, length, g_str_equal (path, "-") ? "<stdin>" : path, &error);
  if (root == NULL)
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_USAGE;
    }
  /* No sessions here: they are booked through the screening (session
   * book) or restored with import. */
  patient = meso_patient_from_json (root, "", NULL, &error);
  if (patient == NULL)
    {
      meso_cli_error ("%s: %s", path, error->message);
      return MESO_CLI_EXIT_USAGE;
    }
  /* The database gives the id; an id in the file (say, from `patient show
   * --json`) does not carry over. */
  patient->id = 0;
  if (!meso_store_insert_patient (store, patient, &error))
    {
      meso_cli_error ("%s", error->message);
      return error->domain == MESO_STORE_ERROR && error->code == MESO_STORE_ERROR_INVALID
             ? MESO_CLI_EXIT_USAGE : MESO_CLI_EXIT_FAILURE;
    }
  meso_cli_out ("%" G_GINT64_FORMAT "\n", patient->id);
  return MESO_CLI_EXIT_OK;
}

static gboolean
set_list (const char     *option,
          char          **items,
          gboolean        none,
          const char     *none_option,
          MesoListState  *state,
          GPtrArray      *list,
          GDate          *confirmed,
          const GDate    *today)
{
  if (items != NULL && none)
    {
      meso_cli_error (_("%s and %s contradict each other"), option, none_option);
      return FALSE;
    }
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (!meso_cli_opt_text (option, items[i], 500))
        return FALSE;
      g_ptr_array_add (list, g_strdup (items[i]));
    }
  if (items != NULL)
    *state = MESO_LIST_RECORDED;
  else if (none)
    *state = MESO_LIST_NONE_KNOWN;
  if (items != NULL || none)
    *confirmed = *today;
  return TRUE;
}

static int
patient_add (const MesoCliGlobal *global,
             int                  argc,
             char               **argv,
             gpointer             options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(MesoPatient) p = meso_patient_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *dob = NULL, *sex = NULL, *phone = NULL, *email = NULL;
  g_autofree char *address = NULL, *language = NULL, *notes = NULL, *from_json = NULL;
  g_autofree char *fitzpatrick = NULL;
  g_auto(GStrv) conditions = NULL, medications = NULL, allergies = NULL;
  gboolean no_medications = FALSE, no_allergies = FALSE, no_other_conditions = FALSE;
  gboolean bruises = FALSE, sensitive = FALSE;
  gboolean answered[MESO_N_CONDITIONS] = { FALSE };
  GDate today;
  guint code;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Full name (required)"), N_("NAME") },
    { "dob", 0, 0, G_OPTION_ARG_STRING, &dob, N_("Date of birth (required)"), N_("YYYY-MM-DD") },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("female, male, other or unspecified"), N_("SEX") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Phone number"), N_("PHONE") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("Email address"), N_("EMAIL") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Postal address"), N_("TEXT") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("Handout language: en, fr, it, es or de (default en)"), N_("LANG") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Free notes"), N_("TEXT") },
    { "condition", 0, 0, G_OPTION_ARG_STRING_ARRAY, &conditions,
      N_("Answer to a screening question, today (repeatable); ANSWER is yes, no, unknown or not_asked"),
      N_("CODE=ANSWER") },
    { "no-other-conditions", 0, 0, G_OPTION_ARG_NONE, &no_other_conditions,
      N_("Answer “no” (today) to every condition not given with --condition"), NULL },
    { "medication", 0, 0, G_OPTION_ARG_STRING_ARRAY, &medications, N_("A medication taken, as said (repeatable)"), N_("TEXT") },
    { "no-medications", 0, 0, G_OPTION_ARG_NONE, &no_medications, N_("The patient takes no medication"), NULL },
    { "allergy", 0, 0, G_OPTION_ARG_STRING_ARRAY, &allergies, N_("A known allergy (repeatable)"), N_("TEXT") },
    { "no-allergies", 0, 0, G_OPTION_ARG_NONE, &no_allergies, N_("The patient has no known allergy"), NULL },
    { "fitzpatrick", 0, 0, G_OPTION_ARG_STRING, &fitzpatrick, N_("Fitzpatrick skin type, 1-6"), N_("N") },
    { "bruises-easily", 0, 0, G_OPTION_ARG_NONE, &bruises, N_("The patient bruises easily"), NULL },
    { "sensitive-skin", 0, 0, G_OPTION_ARG_NONE, &sensitive, N_("The patient has sensitive skin"), NULL },
    { "from-json", 0, 0, G_OPTION_ARG_FILENAME, &from_json,
      N_("Read the patient from a JSON file (“-” for standard input) in the export format, without sessions"),
      N_("FILE") },
    { NULL }
  };

  meso_cli_set_command_name ("patient add");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Record a new patient and print its id."));
  g_option_context_set_description (context,
    _("Conditions (CODE): pregnancy, breastfeeding, diabetes, autoimmune_disease, urticaria,\n"
      "coagulation_disorder, severe_chronic_illness, paralysis_history, cancer, cardiac_disease.\n"
      "A condition that is not answered stays “not asked”, and the screening then reports\n"
      "the history as incomplete; likewise medications and allergies until --medication,\n"
      "--no-medications, --allergy or --no-allergies is given.\n\n"
      "Example:\n"
      "  mesochart-cli patient add --name \"Hélène Dubois\" --dob 1980-04-02 --language fr \\\n"
      "      --no-other-conditions --no-medications --allergy Penicillin --fitzpatrick 2"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      meso_cli_error (_("unexpected argument “%s” (try --help)"), argv[1]);
      return MESO_CLI_EXIT_USAGE;
    }

  if (from_json != NULL)
    {
      if (name || dob || sex || phone || email || address || language || notes || conditions ||
          no_other_conditions || medications || no_medications || allergies || no_allergies ||
          fitzpatrick || bruises || sensitive)
        {
          meso_cli_error (_("--from-json: the file gives the whole patient; leave out the other options"));
          return MESO_CLI_EXIT_USAGE;
        }
      store = meso_cli_open_store (global);
      if (store == NULL)
        return MESO_CLI_EXIT_FAILURE;
      return patient_add_from_json (store, from_json);
    }

  if (name == NULL)
    {
      meso_cli_error (_("--name is required"));
      return MESO_CLI_EXIT_USAGE;
    }
  if (dob == NULL)
    {
      meso_cli_error (_("--dob is required"));
      return MESO_CLI_EXIT_USAGE;
    }
  meso_date_set_today (&today);
  if (!meso_cli_opt_text ("--name", name, 200) ||
      !meso_cli_opt_date ("--dob", dob, &p->date_of_birth))
    return MESO_CLI_EXIT_USAGE;
  p->name = g_strdup (name);
  if (sex != NULL)
    {
      if (!meso_cli_opt_code ("--sex", _("unknown sex"), sex, meso_cli_sex_code_at, &code))
        return MESO_CLI_EXIT_USAGE;
      p->sex = code;
    }
  if (language != NULL)
    {
      g_free (p->language);
      p->language = g_strdup (language);
    }
  p->phone = g_strdup (phone);
  p->email = g_strdup (email);
  p->address = g_strdup (address);
  p->notes = g_strdup (notes);

  for (guint i = 0; conditions != NULL && conditions[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (conditions[i], "=", 2);
      guint condition, answer;

      if (parts[0] == NULL || parts[1] == NULL)
        {
          meso_cli_error (_("--condition: “%s” is not CODE=ANSWER (for example diabetes=no)"),
                          conditions[i]);
          return MESO_CLI_EXIT_USAGE;
        }
      if (!meso_cli_opt_code ("--condition", _("unknown condition"), parts[0], meso_cli_condition_code_at, &condition) ||
          !meso_cli_opt_code ("--condition", _("unknown answer"), parts[1], meso_cli_answer_code_at, &answer))
        return MESO_CLI_EXIT_USAGE;
      if (answered[condition])
        {
          meso_cli_error (_("--condition: %s is answered twice"), parts[0]);
          return MESO_CLI_EXIT_USAGE;
        }
      answered[condition] = TRUE;
      p->history->conditions[condition].answer = answer;
      if (answer != MESO_ANSWER_NOT_ASKED)
        p->history->conditions[condition].confirmed = today;
    }
  if (no_other_conditions)
    for (guint c = 0; c < MESO_N_CONDITIONS; c++)
      if (!answered[c])
        {
          p->history->conditions[c].answer = MESO_ANSWER_NO;
          p->history->conditions[c].confirmed = today;
        }

  if (!set_list ("--medication", medications, no_medications, "--no-medications",
                 &p->history->medications_state, p->history->medications,
                 &p->history->medications_confirmed, &today) ||
      !set_list ("--allergy", allergies, no_allergies, "--no-allergies",
                 &p->history->allergies_state, p->history->allergies,
                 &p->history->allergies_confirmed, &today))
    return MESO_CLI_EXIT_USAGE;
  if (fitzpatrick != NULL &&
      !meso_cli_opt_uint ("--fitzpatrick", fitzpatrick, 1, 6, NULL, &p->history->fitzpatrick))
    return MESO_CLI_EXIT_USAGE;
  p->history->bruises_easily = bruises;
  p->history->sensitive_skin = sensitive;

  /* Every value is checked before the database is opened. */
  if (!meso_patient_validate (p, &today, &error))
    {
      meso_cli_field_error (error, patient_options);
      return MESO_CLI_EXIT_USAGE;
    }

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  if (!meso_store_insert_patient (store, p, &error))
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  meso_cli_out ("%" G_GINT64_FORMAT "\n", p->id);
  return MESO_CLI_EXIT_OK;
}

static int
patient_list (const MesoCliGlobal *global,
              int                  argc,
              char               **argv,
              gpointer             options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *search = NULL;
  GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Only patients whose name words start with TEXT (accents and case ignored), "
         "born on that date (1980, 1980-04, 1980-04-02), or with that phone number"),
      N_("TEXT") },
    { NULL }
  };

  meso_cli_set_command_name ("patient list");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("List patients, by name: one line each with the id, name, date "
                                  "of birth and phone, separated by tabs."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      meso_cli_error (_("unexpected argument “%s” (try --help)"), argv[1]);
      return MESO_CLI_EXIT_USAGE;
    }
  if (search != NULL && !g_utf8_validate (search, -1, NULL))
    {
      meso_cli_error (_("--search: not valid UTF-8 text"));
      return MESO_CLI_EXIT_USAGE;
    }

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  ids = meso_store_find_patient_ids (store, search, &error);
  if (ids == NULL)
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(MesoPatientSummary) s = NULL;
      g_autofree char *dob = NULL, *name = NULL, *phone = NULL;

      s = meso_store_get_patient_summary (store, g_array_index (ids, gint64, i), &error);
      if (s == NULL)
        {
          meso_cli_error ("%s", error->message);
          return MESO_CLI_EXIT_FAILURE;
        }
      dob = meso_date_format (&s->date_of_birth);
      name = meso_cli_tsv_field (s->name);
      phone = meso_cli_tsv_field (s->phone);
      meso_cli_out ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", s->id, name, dob ? dob : "", phone);
    }
  return MESO_CLI_EXIT_OK;
}

static void
print_line (const char *label,
            const char *value)
{
  if (value != NULL && *value != '\0')
    meso_cli_out ("%-26s %s\n", label, value);
}

static char *
list_text (MesoListState    state,
           const GPtrArray *items,
           const GDate     *confirmed)
{
  g_autofree char *date = meso_date_format (confirmed);
  g_autofree char *joined = NULL;

  if (state == MESO_LIST_RECORDED)
    {
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < items->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "; " : "",
                                (const char *) g_ptr_array_index (items, i));
      joined = g_string_free (text, FALSE);
    }
  else
    joined = g_strdup (meso_list_state_to_code (state));
  if (date != NULL)
    return g_strdup_printf (_("%s (confirmed %s)"), joined, date);
  return g_steal_pointer (&joined);
}

static void
print_patient (const MesoPatient *p,
               const GPtrArray   *sessions)
{
  const MesoHistory *h = p->history;
  g_autofree char *dob = meso_date_format (&p->date_of_birth);
  g_autofree char *meds = list_text (h->medications_state, h->medications, &h->medications_confirmed);
  g_autofree char *allergies = list_text (h->allergies_state, h->allergies, &h->allergies_confirmed);
  g_autofree char *fitz = h->fitzpatrick ? g_strdup_printf ("%u", h->fitzpatrick) : g_strdup (_("not recorded"));

  meso_cli_out (_("Patient %lld\n"), (long long) p->id);
  print_line (_("Name:"), p->name);
  print_line (_("Date of birth:"), dob);
  print_line (_("Sex:"), meso_sex_to_code (p->sex));
  print_line (_("Phone:"), p->phone);
  print_line (_("Email:"), p->email);
  print_line (_("Address:"), p->address);
  print_line (_("Handout language:"), p->language);
  print_line (_("Notes:"), p->notes);
  meso_cli_out ("%s\n", _("Medical history:"));
  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    {
      g_autofree char *date = meso_date_format (&h->conditions[c].confirmed);
      g_autofree char *label = g_strdup_printf ("  %s:", meso_condition_to_code (c));
      g_autofree char *value = date
        ? g_strdup_printf (_("%s (confirmed %s)"), meso_answer_to_code (h->conditions[c].answer), date)
        : g_strdup (meso_answer_to_code (h->conditions[c].answer));

      print_line (label, value);
    }
  print_line (_("  medications:"), meds);
  print_line (_("  allergies:"), allergies);
  print_line (_("  fitzpatrick:"), fitz);
  print_line (_("  bruises easily:"), h->bruises_easily ? _("yes") : _("no"));
  print_line (_("  sensitive skin:"), h->sensitive_skin ? _("yes") : _("no"));
  meso_cli_out (_("Sessions: %u\n"), sessions->len);
  for (guint i = 0; i < sessions->len; i++)
    {
      const MesoSession *s = g_ptr_array_index (sessions, i);
      g_autofree char *date = meso_date_format (&s->date);
      g_autofree char *time = meso_time_format (s->time_minutes);

      meso_cli_out ("  %" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", s->id, date,
                    time ? time : "", meso_session_status_to_code (s->status),
                    meso_area_to_code (s->area), s->solution_name ? s->solution_name : "");
    }
}

static int
patient_show (const MesoCliGlobal *global,
              int                  argc,
              char               **argv,
              gpointer             options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoPatient) patient = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  gboolean json = FALSE;
  gint64 id;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON, in the export format"), NULL },
    { NULL }
  };

  meso_cli_set_command_name ("patient show");
  context = g_option_context_new (_("ID"));
  g_option_context_set_summary (context,
                                _("Print a patient: identity, medical history and sessions."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      meso_cli_error (_("give one patient id (try --help)"));
      return MESO_CLI_EXIT_USAGE;
    }
  if (!meso_cli_parse_id (argv[1], _("patient id"), &id))
    return MESO_CLI_EXIT_USAGE;

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  patient = meso_store_get_patient (store, id, &error);
  if (patient == NULL)
    {
      meso_cli_error ("%s", error->message);
      return g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND)
             ? MESO_CLI_EXIT_USAGE : MESO_CLI_EXIT_FAILURE;
    }
  sessions = meso_store_list_sessions_for_patient (store, id, &error);
  if (sessions == NULL)
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  if (json)
    {
      g_autoptr(JsonNode) node = meso_patient_to_json (patient, sessions);

      return meso_cli_print_json (node) ? MESO_CLI_EXIT_OK : MESO_CLI_EXIT_FAILURE;
    }
  print_patient (patient, sessions);
  return MESO_CLI_EXIT_OK;
}

int
meso_cli_patient (const MesoCliGlobal *global,
                  int                  argc,
                  char               **argv)
{
  static const MesoCliSubcommand subcommands[] = {
    { "add", patient_add },
    { "list", patient_list },
    { "show", patient_show },
    { NULL, NULL }
  };
  static const MesoCliDispatch dispatch = { .subcommands = subcommands, .usage = usage };

  return meso_cli_dispatch (global, argc, argv, &dispatch);
}
