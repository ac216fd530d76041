/* meso-cli-settings.c: `mesochart-cli settings show|set`. */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-cli-records.h"
#include "meso-json.h"

static void
usage (FILE *out)
{
  fputs (_("Usage: mesochart-cli settings show|set [OPTIONS…]\n"
           "  show   print the clinic settings\n"
           "  set    change clinic settings\n"
           "Run “mesochart-cli settings COMMAND --help” for a command’s options.\n"), out);
}

static int
settings_show (const MesoCliGlobal *global,
               int                  argc,
               char               **argv,
               gpointer             options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(MesoSettings) s = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (the settings of the export format)"), NULL },
    { NULL }
  };

  meso_cli_set_command_name ("settings show");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Print the clinic settings."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      meso_cli_error (_("unexpected argument “%s” (try --help)"), argv[1]);
      return MESO_CLI_EXIT_USAGE;
    }
  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  s = meso_store_load_settings (store, &error);
  if (s == NULL)
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  if (json)
    {
      g_autoptr(JsonNode) node = meso_settings_to_json (s);

      return meso_cli_print_json (node) ? MESO_CLI_EXIT_OK : MESO_CLI_EXIT_FAILURE;
    }
  meso_cli_out ("clinic-name\t%s\n", s->clinic_name ? s->clinic_name : "");
  meso_cli_out ("clinic-address\t%s\n", s->clinic_address ? s->clinic_address : "");
  meso_cli_out ("clinic-phone\t%s\n", s->clinic_phone ? s->clinic_phone : "");
  meso_cli_out ("legal-age\t%u\n", s->legal_age);
  meso_cli_out ("default-massage\t%s\n", meso_massage_to_code (s->default_massage));
  meso_cli_out ("next-session-days\t%u\n", s->next_session_days);
  meso_cli_out ("paper\t%s\n", meso_cli_paper_code_at (s->paper_size));
  return MESO_CLI_EXIT_OK;
}

static int
settings_set (const MesoCliGlobal *global,
              int                  argc,
              char               **argv,
              gpointer             options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(MesoSettings) s = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *address = NULL, *phone = NULL, *legal_age = NULL;
  g_autofree char *massage = NULL, *next_days = NULL, *paper = NULL;
  guint age = 0, days = 0, massage_code = 0, paper_code = 0;
  GOptionEntry entries[] = {
    { "clinic-name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Clinic name, printed on handouts"), N_("TEXT") },
    { "clinic-address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Clinic address"), N_("TEXT") },
    { "clinic-phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Clinic phone, printed on handouts"), N_("TEXT") },
    { "legal-age", 0, 0, G_OPTION_ARG_STRING, &legal_age, N_("Youngest age treated, 16-25 (default 18; 004: “of legal age”)"), N_("N") },
    { "default-massage", 0, 0, G_OPTION_ARG_STRING, &massage,
      N_("Massage advice for new sessions: recommended (002), gentle (000) or avoid (004)"), N_("CODE") },
    { "next-session-days", 0, 0, G_OPTION_ARG_STRING, &next_days, N_("Earliest next session, in days, 0-3650 (default 14)"), N_("N") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("Handout paper size: a4 or letter"), N_("SIZE") },
    { NULL }
  };

  meso_cli_set_command_name ("settings set");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Change clinic settings; settings not given keep their value.\n"
      "The documents disagree on massage after treatment (002, 000, 004):\n"
      "the clinic chooses the default, and each session can differ."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      meso_cli_error (_("unexpected argument “%s” (try --help)"), argv[1]);
      return MESO_CLI_EXIT_USAGE;
    }
  if (!name && !address && !phone && !legal_age && !massage && !next_days && !paper)
    {
      meso_cli_error (_("give at least one setting to change (try --help)"));
      return MESO_CLI_EXIT_USAGE;
    }
  if ((legal_age != NULL && !meso_cli_opt_uint ("--legal-age", legal_age, MESO_LEGAL_AGE_MIN,
                                                     MESO_LEGAL_AGE_MAX, NULL, &age)) ||
      (next_days != NULL && !meso_cli_opt_uint ("--next-session-days", next_days, 0, 3650, NULL, &days)) ||
      (massage != NULL && !meso_cli_opt_code ("--default-massage", _("unknown massage advice"), massage,
                                              meso_cli_massage_code_at, &massage_code)) ||
      (paper != NULL && !meso_cli_opt_code ("--paper", _("unknown paper size"), paper,
                                            meso_cli_paper_code_at, &paper_code)))
    return MESO_CLI_EXIT_USAGE;

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  s = meso_store_load_settings (store, &error);
  if (s == NULL)
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  if (name != NULL)
    {
      g_free (s->clinic_name);
      s->clinic_name = g_strdup (name);
    }
  if (address != NULL)
    {
      g_free (s->clinic_address);
      s->clinic_address = g_strdup (address);
    }
  if (phone != NULL)
    {
      g_free (s->clinic_phone);
      s->clinic_phone = g_strdup (phone);
    }
  if (legal_age != NULL)
    s->legal_age = age;
  if (next_days != NULL)
    s->next_session_days = days;
  if (massage != NULL)
    s->default_massage = massage_code;
  if (paper != NULL)
    s->paper_size = paper_code;

  if (!meso_settings_validate (s, &error))
    {
      static const MesoCliFieldOption map[] = {
        { "clinic_name", "--clinic-name" },
        { "clinic_address", "--clinic-address" },
        { "clinic_phone", "--clinic-phone" },
        { "legal_age", "--legal-age" },
        { "next_session_days", "--next-session-days" },
        { NULL, NULL }
      };

      meso_cli_field_error (error, map);
      return MESO_CLI_EXIT_USAGE;
    }
  if (!meso_store_save_settings (store, s, &error))
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  return MESO_CLI_EXIT_OK;
}

int
meso_cli_settings (const MesoCliGlobal *global,
                   int                  argc,
                   char               **argv)
{
  static const MesoCliSubcommand subcommands[] = {
    { "show", settings_show },
    { "set", settings_set },
    { NULL, NULL }
  };
  static const MesoCliDispatch dispatch = { .subcommands = subcommands, .usage = usage };

  return meso_cli_dispatch (global, argc, argv, &dispatch);
}
