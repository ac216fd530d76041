/* meso-cli-export.c: `mesochart-cli export` and `mesochart-cli import`. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "meso-audit.h"
#include "meso-cli-records.h"
#include "meso-export.h"

static gboolean
record_export (MesoStore  *store,
               gint64      patient_id,
               GError    **error)
{
  return meso_audit_log (store, "export", patient_id > 0 ? "patient" : "record",
                         patient_id, patient_id, NULL, error);
}

int
meso_cli_export (const MesoCliGlobal *global,
                 int                  argc,
                 char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *patient_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *data = NULL;
  g_autofree char *tmp = NULL;
  gint64 patient_id = 0;
  gsize length;
  GOptionEntry entries[] = {
    { "patient", 'p', 0, G_OPTION_ARG_STRING, &patient_text,
      N_("Only this patient, with history and sessions (a patient’s access request)"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE (replaced only once complete) instead of standard output"), N_("FILE") },
    { NULL }
  };

  meso_cli_set_command_name ("export");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Write the clinic record — settings, patients with their medical history,\n"
      "and sessions — as JSON (format “mesochart-export”, version 1; schema in\n"
      "data/schemas/mesochart-export.schema.json)."));
  g_option_context_set_description (context,
    _("The output holds nothing that changes between runs: exporting, importing\n"
      "into an empty database and exporting again gives the same bytes.\n"
      "The file holds medical data: keep it as safe as the database."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      meso_cli_error (_("unexpected argument “%s” (try --help)"), argv[1]);
      return MESO_CLI_EXIT_USAGE;
    }
  if (patient_text != NULL && !meso_cli_parse_id (patient_text, "--patient", &patient_id))
    return MESO_CLI_EXIT_USAGE;
  if (output != NULL && *output == '\0')
    {
      meso_cli_error (_("--output: the file name is empty"));
      return MESO_CLI_EXIT_USAGE;
    }

  if (output != NULL && !meso_cli_check_output ("--output", output, FALSE))
    return MESO_CLI_EXIT_USAGE;

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  data = meso_export_to_data (store, patient_id, &length, &error);
  if (data == NULL)
    {
      if (g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND))
        {
          meso_cli_error ("--patient: %s", error->message);
          return MESO_CLI_EXIT_USAGE;
        }
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }

  /* Medical data leaving the clinic is an event of the audit trail, once
   * it has left: a failed write is not recorded.  A file is put in place
   * only after its entry, so that no export file exists without one. */
  if (output == NULL)
    {
      if (!meso_cli_write_output ("-", data, length, &error))
        {
          meso_cli_error ("%s", error->message);
          return MESO_CLI_EXIT_FAILURE;
        }
      if (!record_export (store, patient_id, &error))
        {
          meso_cli_error (_("the export was written but could not be recorded in the audit "
                            "trail: %s"), error->message);
          return MESO_CLI_EXIT_FAILURE;
        }
      return MESO_CLI_EXIT_OK;
    }
  tmp = meso_cli_write_temp (output, data, length, &error);
  if (tmp == NULL)
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  if (!record_export (store, patient_id, &error))
    {
      g_unlink (tmp);
      meso_cli_error (_("“%s” was not written: the export could not be recorded in the audit "
                        "trail: %s"), output, error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  if (!meso_cli_put_in_place (tmp, output, &error))
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  return MESO_CLI_EXIT_OK;
}

int
meso_cli_import (const MesoCliGlobal *global,
                 int                  argc,
                 char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoImportReport) report = NULL;
  g_autofree char *data = NULL;
  g_autofree char *sessions = NULL;
  gboolean merge = FALSE;
  const char *path;
  gsize length;
  GOptionEntry entries[] = {
    { "merge", 0, 0, G_OPTION_ARG_NONE, &merge,
      N_("Add to a database that already holds patients (new ids; see below)"), NULL },
    { NULL }
  };

  meso_cli_set_command_name ("import");
  context = g_option_context_new (_("FILE|-"));
  g_option_context_set_summary (context,
    _("Read a file written by “export” (“-” for standard input) into the database.\n\n"
      "All or nothing: the whole file is checked first and written in one\n"
      "transaction; on any error nothing is changed, and the message says where\n"
      "in the file the problem is (a JSON path such as\n"
      "patients[3].sessions[1].needle.gauge, or LINE:COLUMN for a syntax error)."));
  g_option_context_set_description (context,
    _("Into an empty database, the file’s ids and clinic settings are kept.\n\n"
      "A database that already holds patients is refused unless --merge is given:\n"
      "the file’s patients and sessions are then added with new ids (sessions follow\n"
      "their patient), the database’s own clinic settings are kept, and patients\n"
      "with the same name and date of birth as one already stored are listed as\n"
      "possible duplicates to review (they are added all the same: two people can\n"
      "share both).  Importing the same file twice with --merge adds it twice.\n\n"
      "Exit status: 0 imported, 1 the database failed, 2 a bad file or a refused merge."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      meso_cli_error (_("give one file to import, or “-” for standard input (try --help)"));
      return MESO_CLI_EXIT_USAGE;
    }
  path = argv[1];

  if (!meso_cli_read_input (path, &data, &length, &error))
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_USAGE;
    }
  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  report = meso_import_from_data (store, data, length,
                                  g_str_equal (path, "-") ? "<stdin>" : path,
                                  merge ? MESO_IMPORT_MERGE : MESO_IMPORT_FLAGS_NONE,
                                  &error);
  if (report == NULL)
    {
      if (g_error_matches (error, MESO_IMPORT_ERROR, MESO_IMPORT_ERROR_NOT_EMPTY))
        {
          meso_cli_error (_("%s; nothing was imported. Pass --merge to add them anyway "
                            "(see --help)."), error->message);
          return MESO_CLI_EXIT_USAGE;
        }
      if (error->domain == MESO_JSON_ERROR || error->domain == MESO_IMPORT_ERROR ||
          error->domain == MESO_RECORD_ERROR ||
          g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID))
        {
          /* Syntax errors already start with the file name. */
          if (error->domain == MESO_JSON_ERROR && error->code == MESO_JSON_ERROR_SYNTAX)
            meso_cli_error (_("%s; nothing was imported"), error->message);
          else
            meso_cli_error (_("%s: %s; nothing was imported"), path, error->message);
          return MESO_CLI_EXIT_USAGE;
        }
      meso_cli_error (_("%s; nothing was imported"), error->message);
      return MESO_CLI_EXIT_FAILURE;
    }

  /* TRANSLATORS: sessions, as in "Imported 40 patients, 212 sessions" */
  sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions",
                                           report->n_sessions), report->n_sessions);
  /* TRANSLATORS: %u is the number of patients, to agree with; %s is "212
   * sessions": "Imported 40 patients, 212 sessions" */
  meso_cli_out (g_dngettext (GETTEXT_PACKAGE, "Imported %u patient, %s\n",
                             "Imported %u patients, %s\n", report->n_patients),
                report->n_patients, sessions);
  if (report->ids_kept)
    meso_cli_out ("%s\n", _("The file’s ids were kept."));
  else
    meso_cli_out ("%s\n", _("Merged with new ids; the database’s clinic settings were kept."));
  if (report->settings_applied)
    meso_cli_out ("%s\n", _("The file’s clinic settings were applied."));
  if (report->possible_duplicates->len > 0)
    {
      meso_cli_out (g_dngettext (GETTEXT_PACKAGE, "%u possible duplicate to review:\n",
                                 "%u possible duplicates to review:\n",
                                 report->possible_duplicates->len),
                    report->possible_duplicates->len);
      for (guint i = 0; i < report->possible_duplicates->len; i++)
        meso_cli_out ("  %s\n", (const char *) g_ptr_array_index (report->possible_duplicates, i));
    }
  return MESO_CLI_EXIT_OK;
}
