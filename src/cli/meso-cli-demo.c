/* meso-cli-demo.c: `mesochart-cli demo --patients N [--seed S]`. */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-cli-records.h"
#include "meso-demo.h"
#include "meso-followup.h"

int
meso_cli_demo (const MesoCliGlobal *global,
               int                  argc,
               char               **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *patients_text = NULL, *seed_text = NULL, *today_text = NULL;
  MesoDemoOptions options = { 0 };
  MesoDemoReport report;
  guint64 seed = 1;
  gint64 start;
  gdouble seconds;
  GOptionEntry entries[] = {
    { "patients", 'n', 0, G_OPTION_ARG_STRING, &patients_text,
      N_("How many patients to add, 1 to 1000000 (required)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Random seed (default 1): the same seed gives the same records"), N_("S") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Place sessions around this day instead of today (for reproducible databases)"),
      N_("YYYY-MM-DD") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force,
      N_("Add to a database that already holds patients"), NULL },
    { NULL }
  };

  meso_cli_set_command_name ("demo");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Fill the database with realistic synthetic patients and sessions, for\n"
      "trying the application and for benchmarks."));
  g_option_context_set_description (context,
    _("Patients have international names, dates of birth from 1950 to 2007 (and\n"
      "a few minors, and 29 February birthdays), phones, handout languages and\n"
      "medical histories that give a mix of screening verdicts: mostly clear or\n"
      "caution, some contraindicated, some incomplete.  Sessions are past (done or\n"
      "cancelled), today, or booked ahead; each carries the acknowledgements its\n"
      "screening required, and an override reason when it was contraindicated.\n"
      "Nearly every done session has its follow-ups: mostly the expected redness\n"
      "and small lumps, now and then a warning sign that raises a flag (most of\n"
      "them already reviewed), and a few sessions never followed up.  Follow-ups\n"
      "cannot be dated after the real today, so a demo placed in the future has\n"
      "only those seen by then.\n\n"
      "The same seed and day always give the same records.  Everything is written\n"
      "in one transaction.  A database that already holds patients is refused\n"
      "unless --force is given, so that demo records never get mixed into a real\n"
      "clinic by mistake."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      meso_cli_error (_("unexpected argument “%s” (try --help)"), argv[1]);
      return MESO_CLI_EXIT_USAGE;
    }
  if (patients_text == NULL)
    {
      meso_cli_error (_("--patients is required (try --help)"));
      return MESO_CLI_EXIT_USAGE;
    }
  if (!meso_cli_opt_uint ("--patients", patients_text, 1, MESO_DEMO_MAX_PATIENTS, NULL, &options.n_patients))
    return MESO_CLI_EXIT_USAGE;
  if (seed_text != NULL &&
      !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    {
      meso_cli_error (_("--seed: “%s” is not a whole number from 0 to %llu"),
                      seed_text, (unsigned long long) G_MAXUINT64);
      return MESO_CLI_EXIT_USAGE;
    }
  options.seed = seed;
  if (today_text != NULL)
    {
      GDate real_today, first, last;

      if (!meso_cli_opt_date ("--today", today_text, &options.today))
        return MESO_CLI_EXIT_USAGE;
      /* Said here in terms of the option; meso_demo_fill () checks it too. */
      meso_date_set_today (&real_today);
      meso_demo_today_range (&real_today, &first, &last);
      if (g_date_compare (&options.today, &first) < 0)
        {
          g_autofree char *from = meso_date_format (&first);

          meso_cli_error (_("--today: %s is too early: some of the demo’s sessions would come "
                            "before their patient was born; give a day from %s on"),
                          today_text, from);
          return MESO_CLI_EXIT_USAGE;
        }
      if (g_date_compare (&options.today, &last) > 0)
        {
          g_autofree char *to = meso_date_format (&last);

          meso_cli_error (_("--today: %s is too late: the demo’s 15-year-old patients would "
                            "be born after the real today, or its batch expiry dates would "
                            "pass 9999-12-31; give a day up to %s"),
                          today_text, to);
          return MESO_CLI_EXIT_USAGE;
        }
    }
  else
    meso_date_set_today (&options.today);

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;

  start = g_get_monotonic_time ();
  if (!meso_demo_fill (store, &options, &report, &error))
    {
      if (g_error_matches (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_NOT_EMPTY))
        {
          meso_cli_error (_("%s; nothing was added. Pass --force to add them anyway."),
                          error->message);
          return MESO_CLI_EXIT_USAGE;
        }
      meso_cli_error (_("%s; nothing was added"), error->message);
      return error->domain == MESO_DEMO_ERROR ? MESO_CLI_EXIT_USAGE : MESO_CLI_EXIT_FAILURE;
    }
  seconds = (g_get_monotonic_time () - start) / (gdouble) G_USEC_PER_SEC;

  /* Each count is its own plural form; the sentence puts them together. */
  {
    g_autofree char *patients = NULL, *sessions = NULL, *today = NULL;

    patients = g_strdup_printf (ngettext ("%u patient", "%u patients", report.n_patients),
                                report.n_patients);
    sessions = g_strdup_printf (ngettext ("%u session", "%u sessions", report.n_sessions),
                                report.n_sessions);
    /* TRANSLATORS: sessions booked for today, as in "(12 today)" */
    today = g_strdup_printf (ngettext ("%u today", "%u today", report.n_sessions_today),
                             report.n_sessions_today);
    /* TRANSLATORS: "Added 40 patients and 212 sessions (12 today) in 0.3 s." */
    meso_cli_out (_("Added %s and %s (%s) in %.1f s.\n"), patients, sessions, today, seconds);
  }
  {
    g_autofree char *clear = NULL, *caution = NULL, *incomplete = NULL, *contraindicated = NULL;
    guint n_clear = report.verdicts[MESO_VERDICT_CLEAR];
    guint n_caution = report.verdicts[MESO_VERDICT_CAUTION];
    guint n_contraindicated = report.verdicts[MESO_VERDICT_CONTRAINDICATED];

    /* TRANSLATORS: patients whose screening is clear */
    clear = g_strdup_printf (ngettext ("%u clear", "%u clear", n_clear), n_clear);
    /* TRANSLATORS: patients whose screening calls for caution */
    caution = g_strdup_printf (ngettext ("%u caution", "%u caution", n_caution), n_caution);
    /* TRANSLATORS: patients whose medical history is incomplete */
    incomplete = g_strdup_printf (ngettext ("%u with an incomplete history",
                                            "%u with an incomplete history",
                                            report.history_incomplete),
                                  report.history_incomplete);
    /* TRANSLATORS: patients with a contraindication */
    contraindicated = g_strdup_printf (ngettext ("%u contraindicated", "%u contraindicated",
                                                 n_contraindicated), n_contraindicated);
    /* TRANSLATORS: "Screening for their usual treatment today: 30 clear,
     * 8 caution (3 with an incomplete history), 2 contraindicated." */
    meso_cli_out (_("Screening for their usual treatment today: %s, %s (%s), %s.\n"),
                  clear, caution, incomplete, contraindicated);
  }

  /* What the clinician will find in Follow-ups on that day (a second or
   * so on 100,000 patients: the listing preselects in SQL). */
  {
    g_autoptr(GPtrArray) flags = meso_store_list_open_flags (store, &options.today, &error);
    g_autofree char *when = meso_date_format (&options.today);
    guint by_severity[MESO_N_FLAG_SEVERITIES] = { 0 };
    g_autofree char *urgent = NULL, *review = NULL, *routine = NULL;

    if (flags == NULL)
      {
        meso_cli_error (_("the demo records were added, but the follow-up flags could not be "
                          "listed: %s"), error->message);
        return MESO_CLI_EXIT_FAILURE;
      }
    for (guint i = 0; i < flags->len; i++)
      by_severity[((MesoFlag *) g_ptr_array_index (flags, i))->severity]++;
    /* TRANSLATORS: follow-up flags by severity */
    urgent = g_strdup_printf (ngettext ("%u urgent", "%u urgent", by_severity[MESO_FLAG_URGENT]),
                              by_severity[MESO_FLAG_URGENT]);
    /* TRANSLATORS: follow-up flags by severity */
    review = g_strdup_printf (ngettext ("%u to review", "%u to review", by_severity[MESO_FLAG_REVIEW]),
                              by_severity[MESO_FLAG_REVIEW]);
    /* TRANSLATORS: follow-up flags by severity */
    routine = g_strdup_printf (ngettext ("%u routine", "%u routine", by_severity[MESO_FLAG_ROUTINE]),
                               by_severity[MESO_FLAG_ROUTINE]);
    /* TRANSLATORS: date, then "2 urgent", "1 to review", "3 routine" */
    meso_cli_out (_("Follow-up flags open on %s: %s, %s, %s.\n"), when, urgent, review, routine);
  }
  return MESO_CLI_EXIT_OK;
}
