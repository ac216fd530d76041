/* meso-cli-safety.c: `audit verify|log`, `backup`, `restore` and
 * `privacy delete|anonymise`. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>

#include "meso-amend.h"
#include "meso-audit.h"
#include "meso-backup.h"
#include "meso-cli-records.h"
#include "meso-cli-safety.h"
#include "meso-fs.h"
#include "meso-json.h"
#include "meso-privacy.h"

static char *
db_path_of (const MesoCliGlobal *global)
{
  return global->db_path ? g_strdup (global->db_path) : meso_store_default_path ();
}

/* Like every free-text reason of the record (meso-amend.c,
 * override_reason in meso-record.c). */
#define MESO_CLI_REASON_MAX 2000

/* A record that is not there, or one refused as invalid, is bad input. */
static int
exit_status_of (const GError *error)
{
  return g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND) ||
         g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID)
         ? MESO_CLI_EXIT_USAGE : MESO_CLI_EXIT_FAILURE;
}

static GOptionContext *
new_context (const char *parameter,
             const char *summary,
             const char *description)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  return context;
}

/* audit */

static void
print_entry (const MesoAuditEntry *e)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%" G_GINT64_FORMAT "  %s  %s  %s %s", e->seq, e->at,
                          e->actor, e->action, e->entity);
  if (e->entity_id != 0)
    g_string_append_printf (line, " %" G_GINT64_FORMAT, e->entity_id);
  if (e->patient_id != 0)
    g_string_append_printf (line, "  patient %" G_GINT64_FORMAT, e->patient_id);
  if (e->reason != NULL)
    g_string_append_printf (line, "  reason: %s", e->reason);
  if (e->changes != NULL)
    g_string_append_printf (line, "\n      %s", e->changes);
  g_print ("%s\n", line->str);
}

/* What `audit` parsed before its subcommand. */
typedef struct
{
  const char *patient_text;
  gboolean    as_json;
} AuditOptions;

/* Both subcommands check --patient, though only log uses it. */
static int
audit_open (const MesoCliGlobal  *global,
            const AuditOptions   *options,
            MesoStore           **store,
            gint64               *patient_id)
{
  if (options->patient_text != NULL &&
      !meso_cli_parse_id (options->patient_text, "--patient", patient_id))
    return MESO_CLI_EXIT_USAGE;
  *store = meso_cli_open_store (global);
  return *store != NULL ? MESO_CLI_EXIT_OK : MESO_CLI_EXIT_FAILURE;
}

static int
audit_log (const MesoCliGlobal *global,
           int                  argc,
           char               **argv,
           gpointer             data)
{
  const AuditOptions *options = data;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 patient_id = 0;
  int status = audit_open (global, options, &store, &patient_id);

  if (status != MESO_CLI_EXIT_OK)
    return status;
  entries = meso_audit_list (store, patient_id, &error);
  if (entries == NULL)
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  if (options->as_json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonArray) array = json_array_new ();
      g_autofree char *text = NULL;

      for (guint i = 0; i < entries->len; i++)
        json_array_add_element (array, meso_audit_entry_to_json (entries->pdata[i]));
      json_node_set_array (root, array);
      text = meso_json_to_string (root, NULL);
      fputs (text, stdout);
    }
  else
    for (guint i = 0; i < entries->len; i++)
      print_entry (entries->pdata[i]);
  return MESO_CLI_EXIT_OK;
}

static int
audit_verify (const MesoCliGlobal *global,
              int                  argc,
              char               **argv,
              gpointer             data)
{
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(MesoAuditReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 patient_id = 0;
  int status = audit_open (global, data, &store, &patient_id);

  if (status != MESO_CLI_EXIT_OK)
    return status;
  if (!meso_audit_verify (store, &report, &error))
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  g_print (ngettext ("audit trail intact: %lld entry, newest hash %s\n",
                     "audit trail intact: %lld entries, newest hash %s\n",
                     (gulong) report->n_entries),
           (long long) report->n_entries, report->head_hash);
  return MESO_CLI_EXIT_OK;
}

static void
print_audit_misuse (const char *name)
{
  meso_cli_error (_("audit needs verify or log (try --help)"));
}

int
meso_cli_audit (const MesoCliGlobal *global,
                int                  argc,
                char               **argv)
{
  static const MesoCliSubcommand subcommands[] = {
    { "verify", audit_verify },
    { "log", audit_log },
    { NULL, NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *patient_text = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &patient_text,
      N_("log: only the entries of patient ID"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("log: print the entries as JSON"), NULL },
    { NULL }
  };
  AuditOptions options;
  const MesoCliDispatch dispatch = {
    .subcommands = subcommands,
    .misuse = print_audit_misuse,
    .n_args = 0,
    .options = &options,
  };

  context = new_context (_("verify|log"), _("Check or print the audit trail."),
                         _("verify  recomputes the chain of entries; exits 0 when it is intact,\n"
                           "        1 when an entry was removed, altered or reordered (the\n"
                           "        message names its number)\n"
                           "log     prints the entries, oldest first"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  options = (AuditOptions) { patient_text, as_json };
  return meso_cli_dispatch (global, argc, argv, &dispatch);
}

/* backup */

/* What is wrong with OUT is bad input (exit 2), found before anything is
 * copied. */
static gboolean
check_backup_out (const char *db_path,
                  const char *out,
                  gboolean    daily)
{
  if (daily)
    {
      if (g_file_test (out, G_FILE_TEST_IS_DIR))
        return TRUE;
      if (g_file_test (out, G_FILE_TEST_EXISTS))
        meso_cli_error (_("“%s” is a file, not a folder; --daily needs the folder of the "
                          "daily backups"), out);
      else
        meso_cli_error (_("there is no folder “%s” for the daily backups"), out);
      return FALSE;
    }
  if (!meso_cli_check_output (NULL, out, TRUE))
    return FALSE;
  if (!g_file_test (out, G_FILE_TEST_IS_DIR) && meso_fs_same_file (db_path, out))
    {
      meso_cli_error (_("the backup cannot replace the clinic database itself (“%s”); "
                        "choose another file or folder"), out);
      return FALSE;
    }
  return TRUE;
}

/* Records the backup in the database's own trail, unless that would mean
 * migrating an older file (a backup must not change the database). */
static void
log_backup (const MesoCliGlobal *global,
            const char          *written)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autofree char *path = db_path_of (global);
  g_autofree char *base = g_path_get_basename (written);
  guint version = 0;

  if (!meso_backup_check (written, &version, NULL) || version != meso_store_schema_version ())
    return;
  store = meso_store_open (path, &error);
  if (store == NULL || !meso_audit_log (store, "backup", "record", 0, 0, base, &error))
    meso_cli_error (_("warning: the backup is good but could not be recorded in the audit "
                      "trail: %s"), error->message);
}

int
meso_cli_backup (const MesoCliGlobal *global,
                 int                  argc,
                 char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  gboolean daily = FALSE;
  gint keep = 7;
  GOptionEntry entries[] = {
    { "daily", 0, 0, G_OPTION_ARG_NONE, &daily,
      N_("OUT is a folder of daily backups: write clinic-YYYY-MM-DD.db there and keep the "
         "newest --keep of them"), NULL },
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep, N_("daily backups to keep (default 7)"), N_("N") },
    { NULL }
  };

  context = new_context (_("OUT"), _("Copy the clinic database to OUT, checked."),
                         _("Makes a consistent copy while Mesochart may be running, checks it\n"
                           "(integrity check and audit trail) and only then puts it in place;\n"
                           "OUT may be a file or a folder. A failure (full disk, unwritable\n"
                           "folder) leaves the backups already there untouched.\n"
                           "Exit status: 0 written and checked, 1 failed, 2 bad usage or an\n"
                           "unusable OUT (no such folder, not a regular file, the database)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc != 2 || *argv[1] == '\0')
    {
      meso_cli_error (_("backup needs one destination, a file or a folder (try --help)"));
      return MESO_CLI_EXIT_USAGE;
    }
  if (keep < 1 || keep > 3650)
    {
      meso_cli_error (_("--keep: %d is not between 1 and 3650"), keep);
      return MESO_CLI_EXIT_USAGE;
    }

  path = db_path_of (global);
  if (!check_backup_out (path, argv[1], daily))
    return MESO_CLI_EXIT_USAGE;
  if (daily ? !meso_backup_daily (path, argv[1], keep, &written, &error)
            : !meso_backup_file (path, argv[1], &written, &error))
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  log_backup (global, written);
  g_print (_("backup written and checked: %s\n"), written);
  return MESO_CLI_EXIT_OK;
}

/* restore */

static gboolean
check_restore_file (const char *db_path,
                    const char *file)
{
  GStatBuf st;

  if (g_stat (file, &st) != 0)
    meso_cli_error (_("there is no file “%s”; nothing was changed"), file);
  else if (S_ISDIR (st.st_mode))
    meso_cli_error (_("“%s” is a folder; give the backup file to restore; nothing was changed"),
                    file);
  else if (!S_ISREG (st.st_mode))
    meso_cli_error (_("“%s” is not a regular file; give the backup file to restore; nothing "
                      "was changed"), file);
  else if (meso_fs_same_file (db_path, file))
    meso_cli_error (_("“%s” is the clinic database itself, not a backup of it; nothing was "
                      "changed"), file);
  else
    return TRUE;
  return FALSE;
}

int
meso_cli_restore (const MesoCliGlobal *global,
                  int                  argc,
                  char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *aside = NULL;

  context = new_context (_("FILE"), _("Replace the clinic database with the backup FILE."),
                         _("FILE is checked first (integrity, audit trail, not from a newer\n"
                           "Mesochart); the current database is kept beside it as\n"
                           "clinic.db.before-restore-DATE-TIME. Close Mesochart first.\n"
                           "Exit status: 0 restored, 1 refused or failed (nothing changed),\n"
                           "2 bad usage or an unusable FILE (missing, a folder, the database)."));
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc != 2 || *argv[1] == '\0')
    {
      meso_cli_error (_("restore needs the backup file (try --help)"));
      return MESO_CLI_EXIT_USAGE;
    }
  path = db_path_of (global);
  if (!check_restore_file (path, argv[1]))
    return MESO_CLI_EXIT_USAGE;
  if (!meso_backup_restore (argv[1], path, &aside, &error))
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  if (aside != NULL)
    g_print (_("restored %s from %s; the previous database is kept as %s\n"), path, argv[1], aside);
  else
    g_print (_("restored %s from %s\n"), path, argv[1]);
  return MESO_CLI_EXIT_OK;
}

/* privacy */

/* What `privacy` parsed before its subcommand. */
typedef struct
{
  const char *confirm_text;
  const char *reason;
} PrivacyOptions;

static int
privacy_apply (const MesoCliGlobal  *global,
               const char           *id_text,
               const PrivacyOptions *options,
               gboolean              anonymise)
{
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, confirm_id = 0;
  MesoPatientFootprint footprint;

  if (!meso_cli_parse_id (id_text, _("patient id"), &id) ||
      (options->confirm_text != NULL &&
       !meso_cli_parse_id (options->confirm_text, "--confirm", &confirm_id)))
    return MESO_CLI_EXIT_USAGE;
  /* The reason goes into the append-only trail: capped like every other
   * reason. */
  if (options->reason != NULL &&
      !meso_cli_opt_text ("--reason", options->reason, MESO_CLI_REASON_MAX))
    return MESO_CLI_EXIT_USAGE;

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  if (!meso_store_get_patient_footprint (store, id, &footprint, &error))
    {
      meso_cli_error ("%s", error->message);
      return exit_status_of (error);
    }

  if (options->confirm_text == NULL)
    {
      if (anonymise)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              /* TRANSLATORS: patient id, number of sessions, then
                               * the patient id twice */
                              "Anonymising patient %lld removes their name, contact details, "
                              "notes and the day and month of birth, here and in the audit "
                              "trail; the %lld session is kept. Nothing was changed.\n"
                              "To do it, run: mesochart-cli privacy anonymise %lld --confirm %lld\n",
                              "Anonymising patient %lld removes their name, contact details, "
                              "notes and the day and month of birth, here and in the audit "
                              "trail; the %lld sessions are kept. Nothing was changed.\n"
                              "To do it, run: mesochart-cli privacy anonymise %lld --confirm %lld\n",
                              (gulong) footprint.sessions),
                 (long long) id, (long long) footprint.sessions, (long long) id, (long long) id);
      else
        {
          g_autofree char *sessions = NULL, *followups = NULL, *amendments = NULL, *what = NULL;

          sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld session", "%lld sessions",
                                                   (gulong) footprint.sessions),
                                      (long long) footprint.sessions);
          followups = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld follow-up", "%lld follow-ups",
                                                    (gulong) footprint.followups),
                                       (long long) footprint.followups);
          amendments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld amendment",
                                                     "%lld amendments", (gulong) footprint.amendments),
                                        (long long) footprint.amendments);
          /* Translators: "3 sessions, 2 follow-ups and 0 corrections" */
          what = g_strdup_printf (_("%s, %s and %s"), sessions, followups, amendments);
          /* TRANSLATORS: patient id; %s is "3 sessions, 2 follow-ups and 0
           * amendments"; then the patient id twice */
          g_print (_("Deleting patient %lld removes them with %s, for good. Nothing was changed.\n"
                     "To do it, run: mesochart-cli privacy delete %lld --confirm %lld\n"),
                   (long long) id, what, (long long) id, (long long) id);
        }
      return MESO_CLI_EXIT_USAGE;
    }
  if (confirm_id != id)
    {
      meso_cli_error (_("--confirm %lld does not match patient %lld; nothing was changed"),
                      (long long) confirm_id, (long long) id);
      return MESO_CLI_EXIT_USAGE;
    }

  if (anonymise ? !meso_store_anonymise_patient (store, id, options->reason, &error)
                : !meso_store_delete_patient_recorded (store, id, options->reason, &error))
    {
      meso_cli_error ("%s", error->message);
      return exit_status_of (error);
    }
  g_print (anonymise ? _("patient %lld anonymised\n") : _("patient %lld deleted\n"), (long long) id);
  return MESO_CLI_EXIT_OK;
}

static int
privacy_delete (const MesoCliGlobal *global,
                int                  argc,
                char               **argv,
                gpointer             options)
{
  return privacy_apply (global, argv[1], options, FALSE);
}

static int
privacy_anonymise (const MesoCliGlobal *global,
                   int                  argc,
                   char               **argv,
                   gpointer             options)
{
  return privacy_apply (global, argv[1], options, TRUE);
}

static void
print_privacy_misuse (const char *name)
{
  meso_cli_error (_("privacy needs delete ID or anonymise ID (try --help)"));
}

int
meso_cli_privacy (const MesoCliGlobal *global,
                  int                  argc,
                  char               **argv)
{
  static const MesoCliSubcommand subcommands[] = {
    { "delete", privacy_delete },
    { "anonymise", privacy_anonymise },
    { NULL, NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *confirm_text = NULL;
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "confirm", 0, 0, G_OPTION_ARG_STRING, &confirm_text,
      N_("the same patient id again: the second step that carries the action out"), N_("ID") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("why (recorded in the audit trail)"), N_("TEXT") },
    { NULL }
  };
  PrivacyOptions options;
  const MesoCliDispatch dispatch = {
    .subcommands = subcommands,
    .misuse = print_privacy_misuse,
    .n_args = 1,
    .options = &options,
  };

  context = new_context (_("delete|anonymise ID"),
                         _("Delete or anonymise a patient, in two steps."),
                         _("delete     removes the patient with history, sessions and follow-ups\n"
                           "anonymise  removes name, contact details, notes and the day and month\n"
                           "           of birth; keeps sessions and batch numbers for traceability\n"
                           "Without --confirm ID nothing is changed: the command says what would\n"
                           "go. Both are recorded in the audit trail, which then keeps no\n"
                           "identity of the patient.\n"
                           "Exit status: 0 done, 1 failed, 2 bad usage, no such patient or not\n"
                           "confirmed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  options = (PrivacyOptions) { confirm_text, reason };
  return meso_cli_dispatch (global, argc, argv, &dispatch);
}

/* amend */

static int
list_amendments (MesoStore *store,
                 gint64     session_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = meso_store_list_amendments (store, session_id, &error);

  if (list == NULL)
    {
      meso_cli_error ("%s", error->message);
      return MESO_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i < list->len; i++)
    {
      MesoSessionAmendment *a = g_ptr_array_index (list, i);

      g_print ("%" G_GINT64_FORMAT "  %s  %s  reason: %s\n      %s\n", a->id, a->at, a->actor,
               a->reason, a->changes);
    }
  return MESO_CLI_EXIT_OK;
}

int
meso_cli_amend (const MesoCliGlobal *global,
                int                  argc,
                char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(MesoSession) corrected = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gboolean list = FALSE;
  gint64 id, amendment_id = 0;
  gsize length;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("why the record is corrected (required)"),
      N_("TEXT") },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("list the session’s amendments instead"), NULL },
    { NULL }
  };

  context = new_context (_("SESSION FILE|-"),
                         _("Correct a session marked done, keeping the original."),
                         _("FILE is the corrected session as JSON, in the format of\n"
                           "“mesochart-cli session show ID --json”. The original stays as it was;\n"
                           "the amendment stores the corrected session, what changed, who and\n"
                           "why, and is recorded in the audit trail.\n"
                           "Exit status: 0 recorded, 1 failed, 2 bad input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc != (list ? 2 : 3))
    {
      meso_cli_error (list ? _("amend --list needs the session id (try --help)")
                           : _("amend needs the session id and a file (try --help)"));
      return MESO_CLI_EXIT_USAGE;
    }
  if (!meso_cli_parse_id (argv[1], _("session id"), &id))
    return MESO_CLI_EXIT_USAGE;
  if (!list && (reason == NULL || *g_strstrip (reason) == '\0'))
    {
      meso_cli_error (_("--reason: an amendment needs a reason"));
      return MESO_CLI_EXIT_USAGE;
    }
  if (!list && !meso_cli_opt_text ("--reason", reason, MESO_CLI_REASON_MAX))
    return MESO_CLI_EXIT_USAGE;
  if (!list)
    {
      path = g_strdup (argv[2]);
      if (!meso_cli_read_input (path, &contents, &length, &error) ||
          (node = meso_json_parse (contents, length, g_str_equal (path, "-") ? NULL : path,
                                   &error)) == NULL ||
          (corrected = meso_session_from_json (node, "", &error)) == NULL)
        {
          meso_cli_error ("%s", error->message);
          return MESO_CLI_EXIT_USAGE;
        }
    }

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  if (list)
    return list_amendments (store, id);

  /* The file describes the session named on the command line. */
  corrected->id = id;
  if (corrected->patient_id == 0)
    {
      g_autoptr(MesoSession) stored = meso_store_get_session (store, id, &error);

      if (stored == NULL)
        {
          meso_cli_error ("%s", error->message);
          return exit_status_of (error);
        }
      corrected->patient_id = stored->patient_id;
    }
  if (!meso_store_amend_session (store, corrected, reason, &amendment_id, &error))
    {
      meso_cli_error ("%s", error->message);
      return exit_status_of (error);
    }
  g_print (_("amendment %lld of session %lld recorded\n"),
           (long long) amendment_id, (long long) id);
  return MESO_CLI_EXIT_OK;
}
