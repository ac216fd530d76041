/* mesochart-cli: the clinic record from the command line.
 *
 * A thin shell over libmesochart-core: global options, then one command
 * that parses its own options.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "meso-cli.h"
#include "meso-cli-safety.h"

static const MesoCliCommand commands[] = {
  /* one line per command, kept in the order of the help text */
  { "screen", N_("Screen a candidate profile (JSON) for contraindications"), meso_cli_screen },
  { "aftercare", N_("Write aftercare sheets as PDF (a session, a file or a day)"), meso_cli_aftercare },
  { "followup", N_("Record, list and review follow-ups of a session (add, list, review)"), meso_cli_followup },
  { "followups", N_("List open follow-up flags, most urgent first"), meso_cli_followups },
  { "patient", N_("Add, list and show patients (add|list|show)"), meso_cli_patient },
  { "session", N_("Book (after screening), list and show sessions (book|list|show|done|cancel)"), meso_cli_session },
  { "export", N_("Write the clinic record, or one patient’s, as JSON"), meso_cli_export },
  { "import", N_("Read an export file into the database, all or nothing"), meso_cli_import },
  { "demo", N_("Fill the database with synthetic patients and sessions"), meso_cli_demo },
  { "settings", N_("Show or change the clinic settings (show|set)"), meso_cli_settings },
  { "audit", N_("Verify or print the audit trail (verify|log)"), meso_cli_audit },
  { "backup", N_("Copy the database to a file or folder, checked"), meso_cli_backup },
  { "restore", N_("Replace the database with a checked backup"), meso_cli_restore },
  { "privacy", N_("Delete or anonymise a patient, in two steps (delete|anonymise)"), meso_cli_privacy },
  { "amend", N_("Correct a session marked done, keeping the original"), meso_cli_amend },
  { NULL, NULL, NULL }
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s", _("Usage: mesochart-cli [--db PATH] COMMAND [OPTIONS…]\n\n"
                        "The clinic record from the command line.\n\n"
                        "Commands:\n"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "%s", _("\nGlobal options:\n"
                        "  --db PATH    the clinic database (default: $MESOCHART_DB, or\n"
                        "               $XDG_DATA_HOME/mesochart/clinic.db)\n"
                        "  --version    print the version\n"
                        "  -h, --help   this help; COMMAND --help for a command's own\n"));
}

/* A database named by --db or $MESOCHART_DB must be in a folder that
 * exists: a typo would otherwise open a new, empty clinic.  (The store
 * creates only the default location's folder.) */
static gboolean
check_db_path (const MesoCliGlobal *global)
{
  const char *env = g_getenv ("MESOCHART_DB");
  const char *path = global->db_path;
  const char *what = "--db";
  g_autofree char *folder = NULL;

  if (path == NULL && env != NULL && *env != '\0')
    {
      path = env;
      what = "MESOCHART_DB";
    }
  if (path == NULL)
    return TRUE;
  if (!g_utf8_validate (path, -1, NULL))
    {
      meso_cli_error (_("%s: the value is not valid UTF-8 text"), what);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      /* Translators: "--db: “clinic” is a folder; give the clinic database file" */
      meso_cli_error (_("%s: “%s” is a folder; give the clinic database file"), what, path);
      return FALSE;
    }
  folder = g_path_get_dirname (path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (folder, G_FILE_TEST_EXISTS))
        meso_cli_error (_("%s: “%s” is a file, not a folder"), what, folder);
      else
        meso_cli_error (_("%s: there is no folder “%s”; check the path of the clinic database"),
                        what, folder);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  MesoCliGlobal global = { NULL };
  int i;

  setlocale (LC_ALL, "");
  /* Arguments, files and the database are UTF-8 whatever the locale: in a
   * C or Latin-1 locale GOption would convert "Hélène" from that charset
   * and refuse it.  Only the character type changes: messages stay in the
   * user's language. */
  if (!g_get_charset (NULL) && setlocale (LC_CTYPE, "C.UTF-8") == NULL)
    g_setenv ("CHARSET", "UTF-8", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command; the rest belongs to it. */
  for (i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db"))
        {
          if (i + 1 >= argc || *argv[i + 1] == '\0')
            {
              meso_cli_error (_("--db needs a file path"));
              return MESO_CLI_EXIT_USAGE;
            }
          global.db_path = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          global.db_path = argv[i] + strlen ("--db=");
          if (*global.db_path == '\0')
            {
              meso_cli_error (_("--db needs a file path"));
              return MESO_CLI_EXIT_USAGE;
            }
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h") ||
               g_str_equal (argv[i], "help"))
        {
          print_usage (stdout);
          return MESO_CLI_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("mesochart-cli %s\n", PACKAGE_VERSION);
          return MESO_CLI_EXIT_OK;
        }
      else if (argv[i][0] == '-')
        {
          meso_cli_error (_("unknown option “%s” (try --help)"), argv[i]);
          return MESO_CLI_EXIT_USAGE;
        }
      else
        break;
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return MESO_CLI_EXIT_USAGE;
    }
  if (!g_utf8_validate (argv[i], -1, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (argv[i], -1);

      meso_cli_error (_("unknown command “%s” (try --help)"), shown);
      return MESO_CLI_EXIT_USAGE;
    }
  if (!check_db_path (&global))
    return MESO_CLI_EXIT_USAGE;

  for (guint c = 0; commands[c].name != NULL; c++)
    if (g_str_equal (commands[c].name, argv[i]))
      {
        /* --help then says "mesochart-cli backup [OPTION…] OUT". */
        meso_cli_set_command_name (commands[c].name);
        return commands[c].run (&global, argc - i, argv + i);
      }

  meso_cli_error (_("unknown command “%s” (try --help)"), argv[i]);
  return MESO_CLI_EXIT_USAGE;
}
