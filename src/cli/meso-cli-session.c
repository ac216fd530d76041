/* meso-cli-session.c: `mesochart-cli session book|list|show|done|cancel`.
 *
 * Booking goes through meso_book_session(), the same path as the app: the
 * screening runs first and a contraindicated or unacknowledged booking is
 * refused (exit 3) with nothing written.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "meso-booking.h"
#include "meso-cli-records.h"
#include "meso-json.h"

static const MesoCliFieldOption session_options[] = {
  { "date", "--date" },
  { "time", "--time" },
  { "indication", "--indication" },
  { "area", "--area" },
  { "solution.name", "--solution" },
  { "solution.ingredients", "--ingredient" },
  { "consistency", "--consistency" },
  { "solution.volume_ml", "--volume-ml" },
  { "batch", "--batch" },
  { "batch_expiry", "--batch-expiry" },
  { "needle.gauge", "--gauge" },
  { "needle.length_mm", "--needle-length" },
  { "depth_mm", "--depth" },
  { "angle_deg", "--angle" },
  { "technique", "--technique" },
  { "massage_advice", "--massage" },
  { "practitioner", "--practitioner" },
  { "notes", "--notes" },
  { "override_reason", "--override-reason" },
  { NULL, NULL }
};

static void
usage (FILE *out)
{
  fputs (_("Usage: mesochart-cli session book|list|show|done|cancel [OPTIONS…]\n"
           "  book     screen and book a session; prints its id\n"
           "  list     list sessions of a patient or of a day (default: today)\n"
           "  show     print one session\n"
           "  done     mark a session as done\n"
           "  cancel   mark a session as cancelled\n"
           "Run “mesochart-cli session COMMAND --help” for a command’s options.\n"), out);
}

static int
exit_for_store_error (const GError *error)
{
  meso_cli_error ("%s", error->message);
  if (g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND) ||
      g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID) ||
      error->domain == MESO_RECORD_ERROR)
    return MESO_CLI_EXIT_USAGE;
  return MESO_CLI_EXIT_FAILURE;
}

/* The indication most sessions on @area are for, when none is given. */
static MesoIndication
default_indication (MesoArea area)
{
  switch (area)
    {
    case MESO_AREA_FACE:
    case MESO_AREA_NECK:
    case MESO_AREA_DECOLLETE:
    case MESO_AREA_HANDS:
      return MESO_INDICATION_REJUVENATION;
    case MESO_AREA_SCALP:
      return MESO_INDICATION_HAIR_LOSS;
    default:
      return MESO_INDICATION_OTHER;
    }
}

static char *
codes_with_severity (const MesoScreening *screening,
                     MesoSeverity         severity,
                     const GPtrArray     *except)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < screening->findings->len; i++)
    {
      const MesoFinding *f = g_ptr_array_index (screening->findings, i);
      gboolean skip = FALSE;

      for (guint j = 0; except != NULL && j < except->len && !skip; j++)
        skip = g_str_equal (g_ptr_array_index (except, j), f->code);
      if (f->severity != severity || skip)
        continue;
      if (codes->len > 0)
        g_string_append (codes, " ");
      g_string_append (codes, f->code);
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static int
session_book (const MesoCliGlobal *global,
              int                  argc,
              char               **argv,
              gpointer             options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(MesoSettings) settings = NULL;
  g_autoptr(MesoSession) s = meso_session_new ();
  g_autoptr(MesoScreening) screening = NULL;
  g_autoptr(MesoPatientSummary) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *patient_text = NULL, *date = NULL, *time = NULL, *area = NULL;
  g_autofree char *indication = NULL, *solution = NULL, *consistency = NULL;
  g_autofree char *volume = NULL, *batch = NULL, *batch_expiry = NULL, *gauge = NULL;
  g_autofree char *needle_length = NULL, *depth = NULL, *angle = NULL, *technique = NULL;
  g_autofree char *massage = NULL, *practitioner = NULL, *notes = NULL, *override = NULL;
  g_auto(GStrv) ingredients = NULL, acknowledge = NULL;
  gboolean acknowledge_all = FALSE, indication_given;
  guint code;
  g_autofree char *areas = meso_cli_code_list (meso_cli_area_code_at);
  g_autofree char *indications = meso_cli_code_list (meso_cli_indication_code_at);
  g_autofree char *techniques = meso_cli_code_list (meso_cli_technique_code_at);
  g_autofree char *findings = meso_cli_code_list (meso_cli_finding_code_at);
  g_autofree char *description = NULL;
  GOptionEntry entries[] = {
    { "patient", 'p', 0, G_OPTION_ARG_STRING, &patient_text, N_("The patient (required)"), N_("ID") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("Session date (required)"), N_("YYYY-MM-DD") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time, N_("Session time"), N_("HH:MM") },
    { "area", 'a', 0, G_OPTION_ARG_STRING, &area, N_("Area treated (required; see below)"), N_("CODE") },
    { "indication", 0, 0, G_OPTION_ARG_STRING, &indication, N_("What the treatment is for (see below)"), N_("CODE") },
    { "solution", 0, 0, G_OPTION_ARG_STRING, &solution, N_("Solution name, e.g. “Hyaluronic acid 1% + vitamin C”"), N_("NAME") },
    { "ingredient", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &ingredients, N_("An ingredient of the solution (repeatable; screened against allergies)"), N_("TEXT") },
    { "consistency", 0, 0, G_OPTION_ARG_STRING, &consistency, N_("thin, medium or thick (default medium)"), N_("CODE") },
    { "volume-ml", 0, 0, G_OPTION_ARG_STRING, &volume, N_("Volume injected, in ml"), N_("ML") },
    { "batch", 0, 0, G_OPTION_ARG_STRING, &batch, N_("Product batch or lot number"), N_("TEXT") },
    { "batch-expiry", 0, 0, G_OPTION_ARG_STRING, &batch_expiry, N_("Batch expiry date"), N_("YYYY-MM-DD") },
    { "gauge", 0, 0, G_OPTION_ARG_STRING, &gauge, N_("Needle gauge, 18-34 (default 30, 004)"), N_("G") },
    { "needle-length", 0, 0, G_OPTION_ARG_STRING, &needle_length, N_("Needle length in mm (default 4, 004)"), N_("MM") },
    { "depth", 0, 0, G_OPTION_ARG_STRING, &depth, N_("Injection depth in mm (default 2, 004)"), N_("MM") },
    { "angle", 0, 0, G_OPTION_ARG_STRING, &angle, N_("Needle angle in degrees (default 45, 004)"), N_("DEG") },
    { "technique", 0, 0, G_OPTION_ARG_STRING, &technique, N_("Injection technique (default nappage; see below)"), N_("CODE") },
    { "massage", 0, 0, G_OPTION_ARG_STRING, &massage, N_("Massage advice for the handout: recommended, gentle or avoid (default: the clinic setting)"), N_("CODE") },
    { "practitioner", 0, 0, G_OPTION_ARG_STRING, &practitioner, N_("Practitioner’s name"), N_("NAME") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Free notes"), N_("TEXT") },
    { "override-reason", 0, 0, G_OPTION_ARG_STRING, &override, N_("Book despite a contraindication, for this reason (stored with the session)"), N_("TEXT") },
    { "acknowledge", 0, 0, G_OPTION_ARG_STRING_ARRAY, &acknowledge, N_("Acknowledge a caution finding (repeatable)"), N_("CODE") },
    { "acknowledge-all", 0, 0, G_OPTION_ARG_NONE, &acknowledge_all, N_("Acknowledge every caution finding of the screening"), NULL },
    { NULL }
  };

  meso_cli_set_command_name ("session book");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("Screen a planned session against the patient’s history and book it.\n\n"
      "A contraindicated session is refused (exit 3) unless a clinician gives\n"
      "--override-reason; each caution finding must be acknowledged with\n"
      "--acknowledge CODE (or --acknowledge-all).  Nothing is written when the\n"
      "booking is refused.  The screening is printed on standard error and the\n"
      "new session’s id on standard output."));
  description = g_strdup_printf (_("Areas: %s\n"
                                   "Indications: %s (default: rejuvenation on the face, neck,\n"
                                   "  décolleté and hands, hair_loss on the scalp, other elsewhere)\n"
                                   "Techniques: %s\n"
                                   "Finding codes: %s\n\n"
                                   "Exit status: 0 booked, 1 the database failed, 2 a bad value,\n"
                                   "3 refused by the screening."),
                                 areas, indications, techniques, findings);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      meso_cli_error (_("unexpected argument “%s” (try --help)"), argv[1]);
      return MESO_CLI_EXIT_USAGE;
    }

  if (patient_text == NULL || date == NULL || area == NULL)
    {
      meso_cli_error (_("%s is required (try --help)"),
                      patient_text == NULL ? "--patient" : date == NULL ? "--date" : "--area");
      return MESO_CLI_EXIT_USAGE;
    }
  if (!meso_cli_parse_id (patient_text, "--patient", &s->patient_id) ||
      !meso_cli_opt_date ("--date", date, &s->date) ||
      (time != NULL && !meso_cli_opt_time ("--time", time, &s->time_minutes)) ||
      !meso_cli_opt_code ("--area", _("unknown area"), area, meso_cli_area_code_at, &code))
    return MESO_CLI_EXIT_USAGE;
  s->area = code;
  indication_given = indication != NULL;
  if (indication_given)
    {
      if (!meso_cli_opt_code ("--indication", _("unknown indication"), indication, meso_cli_indication_code_at, &code))
        return MESO_CLI_EXIT_USAGE;
      s->indication = code;
    }
  else
    s->indication = default_indication (s->area);
  if (solution != NULL)
    {
      if (!meso_cli_opt_text ("--solution", solution, 200))
        return MESO_CLI_EXIT_USAGE;
      s->solution_name = g_strdup (solution);
    }
  for (guint i = 0; ingredients != NULL && ingredients[i] != NULL; i++)
    {
      if (!meso_cli_opt_text ("--ingredient", ingredients[i], 200))
        return MESO_CLI_EXIT_USAGE;
      g_ptr_array_add (s->ingredients, g_strdup (ingredients[i]));
    }
  if (consistency != NULL)
    {
      if (!meso_cli_opt_code ("--consistency", _("unknown consistency"), consistency, meso_cli_consistency_code_at, &code))
        return MESO_CLI_EXIT_USAGE;
      s->consistency = code;
    }
  if ((volume != NULL && !meso_cli_opt_double ("--volume-ml", volume, 0, MESO_VOLUME_MAX, "ml", &s->volume_ml)) ||
      (gauge != NULL && !meso_cli_opt_uint ("--gauge", gauge, MESO_GAUGE_MIN, MESO_GAUGE_MAX, "G", &s->needle_gauge)) ||
      (needle_length != NULL && !meso_cli_opt_double ("--needle-length", needle_length, 0.1, MESO_NEEDLE_LENGTH_MAX, "mm", &s->needle_length_mm)) ||
      (depth != NULL && !meso_cli_opt_double ("--depth", depth, 0.1, MESO_DEPTH_MAX, "mm", &s->depth_mm)) ||
      (angle != NULL && !meso_cli_opt_double ("--angle", angle, MESO_ANGLE_MIN, MESO_ANGLE_MAX, _("degrees"), &s->angle_deg)))
    return MESO_CLI_EXIT_USAGE;
  if (batch != NULL)
    {
      if (!meso_cli_opt_text ("--batch", batch, 100))
        return MESO_CLI_EXIT_USAGE;
      s->batch = g_strdup (batch);
    }
  if (batch_expiry != NULL && !meso_cli_opt_date ("--batch-expiry", batch_expiry, &s->batch_expiry))
    return MESO_CLI_EXIT_USAGE;
  if (technique != NULL)
    {
      if (!meso_cli_opt_code ("--technique", _("unknown technique"), technique, meso_cli_technique_code_at, &code))
        return MESO_CLI_EXIT_USAGE;
      s->technique = code;
    }
  if (massage != NULL)
    {
      if (!meso_cli_opt_code ("--massage", _("unknown massage advice"), massage, meso_cli_massage_code_at, &code))
        return MESO_CLI_EXIT_USAGE;
      s->massage = code;
    }
  if ((practitioner != NULL && !meso_cli_opt_text ("--practitioner", practitioner, 200)) ||
      (notes != NULL && !meso_cli_opt_text ("--notes", notes, 20000)) ||
      (override != NULL && !meso_cli_opt_text ("--override-reason", override, 2000)))
    return MESO_CLI_EXIT_USAGE;
  s->practitioner = g_strdup (practitioner);
  s->notes = g_strdup (notes);
  s->override_reason = g_strdup (override);
  for (guint i = 0; acknowledge != NULL && acknowledge[i] != NULL; i++)
    {
      if (!meso_cli_opt_code ("--acknowledge", _("unknown finding"), acknowledge[i], meso_cli_finding_code_at, &code))
        return MESO_CLI_EXIT_USAGE;
      g_ptr_array_add (s->acknowledged, g_strdup (acknowledge[i]));
    }

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  settings = meso_store_load_settings (store, &error);
  if (settings == NULL)
    return exit_for_store_error (error);
  if (massage == NULL)
    s->massage = settings->default_massage;

  /* Every value is checked before the screening: a bad value is a typing
   * error to fix, not a verdict. */
  if (!meso_session_validate (s, &error))
    {
      meso_cli_field_error (error, session_options);
      return MESO_CLI_EXIT_USAGE;
    }
  patient = meso_store_get_patient_summary (store, s->patient_id, &error);
  if (patient == NULL)
    {
      if (g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND))
        {
          meso_cli_error (_("--patient: no patient with id %lld"), (long long) s->patient_id);
          return MESO_CLI_EXIT_USAGE;
        }
      return exit_for_store_error (error);
    }

  if (acknowledge_all)
    {
      g_autoptr(MesoScreening) planned = meso_booking_screen (store, s, &error);

      if (planned == NULL)
        return exit_for_store_error (error);
      for (guint i = 0; i < planned->findings->len; i++)
        {
          const MesoFinding *f = g_ptr_array_index (planned->findings, i);

          if (f->severity == MESO_SEVERITY_CAUTION)
            g_ptr_array_add (s->acknowledged, g_strdup (f->code));
        }
    }

  if (!meso_book_session (store, s, &screening, &error))
    {
      if (screening != NULL)
        meso_cli_print_screening (stderr, screening);
      if (g_error_matches (error, MESO_BOOKING_ERROR, MESO_BOOKING_ERROR_CONTRAINDICATED))
        {
          g_autofree char *codes = codes_with_severity (screening, MESO_SEVERITY_CONTRAINDICATED, NULL);

          meso_cli_error (_("booking refused: contraindicated (%s); nothing was written. "
                            "A clinician may book it anyway with --override-reason TEXT, "
                            "which is stored with the session."), codes);
          return MESO_CLI_EXIT_REFUSED;
        }
      if (g_error_matches (error, MESO_BOOKING_ERROR, MESO_BOOKING_ERROR_NOT_ACKNOWLEDGED))
        {
          g_autofree char *codes = codes_with_severity (screening, MESO_SEVERITY_CAUTION, s->acknowledged);
          g_auto(GStrv) list = g_strsplit (codes, " ", -1);
          g_autoptr(GString) flags = g_string_new (NULL);

          for (guint i = 0; list[i] != NULL; i++)
            g_string_append_printf (flags, "%s--acknowledge %s", i > 0 ? " " : "", list[i]);
          meso_cli_error (_("booking refused: the practitioner must acknowledge each caution "
                            "finding; nothing was written. Pass %s (or --acknowledge-all)."),
                          flags->str);
          return MESO_CLI_EXIT_REFUSED;
        }
      if (error->domain == MESO_RECORD_ERROR)
        {
          meso_cli_field_error (error, session_options);
          return MESO_CLI_EXIT_USAGE;
        }
      return exit_for_store_error (error);
    }

  meso_cli_print_screening (stderr, screening);
  if (s->override_reason != NULL)
    g_printerr (_("Contraindication overridden: %s\n"), s->override_reason);
  meso_cli_out ("%" G_GINT64_FORMAT "\n", s->id);
  return MESO_CLI_EXIT_OK;
}

static int
session_list (const MesoCliGlobal *global,
              int                  argc,
              char               **argv,
              gpointer             options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *patient_text = NULL, *date_text = NULL;
  gint64 patient_id = 0;
  GDate day;
  GOptionEntry entries[] = {
    { "patient", 'p', 0, G_OPTION_ARG_STRING, &patient_text, N_("Every session of this patient"), N_("ID") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text, N_("Every session on this day (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };

  meso_cli_set_command_name ("session list");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    _("List sessions, by date and time: one line each with the id, date, time,\n"
      "status, patient id, patient name, area and solution, separated by tabs."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      meso_cli_error (_("unexpected argument “%s” (try --help)"), argv[1]);
      return MESO_CLI_EXIT_USAGE;
    }
  if (patient_text != NULL && date_text != NULL)
    {
      meso_cli_error (_("give --patient or --date, not both"));
      return MESO_CLI_EXIT_USAGE;
    }
  if (patient_text != NULL && !meso_cli_parse_id (patient_text, "--patient", &patient_id))
    return MESO_CLI_EXIT_USAGE;
  if (date_text != NULL)
    {
      if (!meso_cli_opt_date ("--date", date_text, &day))
        return MESO_CLI_EXIT_USAGE;
    }
  else
    meso_date_set_today (&day);

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  if (patient_id != 0)
    {
      g_autoptr(MesoPatientSummary) p = meso_store_get_patient_summary (store, patient_id, &error);

      if (p == NULL)
        {
          if (g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND))
            {
              meso_cli_error (_("--patient: no patient with id %lld"), (long long) patient_id);
              return MESO_CLI_EXIT_USAGE;
            }
          return exit_for_store_error (error);
        }
      sessions = meso_store_list_sessions_for_patient (store, patient_id, &error);
    }
  else
    sessions = meso_store_list_sessions_on (store, &day, &error);
  if (sessions == NULL)
    return exit_for_store_error (error);

  for (guint i = 0; i < sessions->len; i++)
    {
      const MesoSession *s = g_ptr_array_index (sessions, i);
      g_autofree char *date = meso_date_format (&s->date);
      g_autofree char *time = meso_time_format (s->time_minutes);
      g_autofree char *solution = meso_cli_tsv_field (s->solution_name);
      const char *name = g_hash_table_lookup (names, &s->patient_id);

      if (name == NULL)
        {
          g_autoptr(MesoPatientSummary) p = meso_store_get_patient_summary (store, s->patient_id, &error);

          if (p == NULL)
            return exit_for_store_error (error);
          name = meso_cli_tsv_field (p->name);
          g_hash_table_insert (names, g_memdup2 (&s->patient_id, sizeof (gint64)), (char *) name);
        }
      meso_cli_out ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
                    s->id, date, time ? time : "", meso_session_status_to_code (s->status),
                    s->patient_id, name, meso_area_to_code (s->area), solution);
    }
  return MESO_CLI_EXIT_OK;
}

static void
print_line (const char *label,
            const char *value)
{
  if (value != NULL && *value != '\0')
    meso_cli_out ("%-18s %s\n", label, value);
}

static char *
join (const GPtrArray *items,
      const char      *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? separator : "",
                            (const char *) g_ptr_array_index (items, i));
  return g_string_free (text, FALSE);
}

static void
print_session (const MesoSession *s,
               const char        *patient_name)
{
  g_autofree char *date = meso_date_format (&s->date);
  g_autofree char *time = meso_time_format (s->time_minutes);
  g_autofree char *when = time ? g_strdup_printf ("%s %s", date, time) : g_strdup (date);
  g_autofree char *patient = g_strdup_printf ("%" G_GINT64_FORMAT " %s", s->patient_id, patient_name);
  g_autofree char *ingredients = join (s->ingredients, ", ");
  g_autofree char *volume = s->volume_ml > 0 ? g_strdup_printf ("%g ml", s->volume_ml) : NULL;
  g_autofree char *expiry = meso_date_format (&s->batch_expiry);
  g_autofree char *needle = g_strdup_printf ("%u G, %g mm", s->needle_gauge, s->needle_length_mm);
  g_autofree char *depth = g_strdup_printf ("%g mm", s->depth_mm);
  g_autofree char *angle = g_strdup_printf (_("%g degrees"), s->angle_deg);
  g_autofree char *acknowledged = join (s->acknowledged, ", ");

  meso_cli_out (_("Session %lld\n"), (long long) s->id);
  print_line (_("Patient:"), patient);
  print_line (_("Date:"), when);
  print_line (_("Status:"), meso_session_status_to_code (s->status));
  print_line (_("Indication:"), meso_indication_to_code (s->indication));
  print_line (_("Area:"), meso_area_to_code (s->area));
  print_line (_("Solution:"), s->solution_name);
  print_line (_("Ingredients:"), ingredients);
  print_line (_("Consistency:"), meso_consistency_to_code (s->consistency));
  print_line (_("Volume:"), volume);
  print_line (_("Batch:"), s->batch);
  print_line (_("Batch expiry:"), expiry);
  print_line (_("Needle:"), needle);
  print_line (_("Depth:"), depth);
  print_line (_("Angle:"), angle);
  print_line (_("Technique:"), meso_technique_to_code (s->technique));
  print_line (_("Massage advice:"), meso_massage_to_code (s->massage));
  print_line (_("Practitioner:"), s->practitioner);
  print_line (_("Notes:"), s->notes);
  print_line (_("Override reason:"), s->override_reason);
  print_line (_("Acknowledged:"), acknowledged);
}

static gboolean
parse_session_id (int          argc,
                  char       **argv,
                  gint64      *id)
{
  if (argc != 2)
    {
      meso_cli_error (_("give one session id (try --help)"));
      return FALSE;
    }
  return meso_cli_parse_id (argv[1], _("session id"), id);
}

static int
session_show (const MesoCliGlobal *global,
              int                  argc,
              char               **argv,
              gpointer             options)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoPatientSummary) p = NULL;
  gboolean json = FALSE;
  gint64 id;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (the session format of the export)"), NULL },
    { NULL }
  };

  meso_cli_set_command_name ("session show");
  context = g_option_context_new (_("ID"));
  g_option_context_set_summary (context, _("Print one session as recorded."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (!parse_session_id (argc, argv, &id))
    return MESO_CLI_EXIT_USAGE;

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  s = meso_store_get_session (store, id, &error);
  if (s == NULL)
    return exit_for_store_error (error);
  if (json)
    {
      g_autoptr(JsonNode) node = meso_session_to_json (s);

      return meso_cli_print_json (node) ? MESO_CLI_EXIT_OK : MESO_CLI_EXIT_FAILURE;
    }
  p = meso_store_get_patient_summary (store, s->patient_id, &error);
  if (p == NULL)
    return exit_for_store_error (error);
  print_session (s, p->name);
  return MESO_CLI_EXIT_OK;
}

static int
session_set_status (const MesoCliGlobal *global,
                    int                  argc,
                    char               **argv,
                    MesoSessionStatus    status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  GOptionEntry entries[] = { { NULL } };

  meso_cli_set_command_name (status == MESO_SESSION_DONE ? "session done" : "session cancel");
  context = g_option_context_new (_("ID"));
  g_option_context_set_summary (context,
                                status == MESO_SESSION_DONE
                                ? _("Mark a session as done.")
                                : _("Mark a session as cancelled (it stays in the record)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!meso_cli_parse_options (context, &argc, &argv))
    return MESO_CLI_EXIT_USAGE;
  if (!parse_session_id (argc, argv, &id))
    return MESO_CLI_EXIT_USAGE;

  store = meso_cli_open_store (global);
  if (store == NULL)
    return MESO_CLI_EXIT_FAILURE;
  if (!meso_store_set_session_status (store, id, status, &error))
    return exit_for_store_error (error);
  return MESO_CLI_EXIT_OK;
}

static int
session_done (const MesoCliGlobal *global,
              int                  argc,
              char               **argv,
              gpointer             options)
{
  return session_set_status (global, argc, argv, MESO_SESSION_DONE);
}

static int
session_cancel (const MesoCliGlobal *global,
                int                  argc,
                char               **argv,
                gpointer             options)
{
  return session_set_status (global, argc, argv, MESO_SESSION_CANCELLED);
}

int
meso_cli_session (const MesoCliGlobal *global,
                  int                  argc,
                  char               **argv)
{
  static const MesoCliSubcommand subcommands[] = {
    { "book", session_book },
    { "list", session_list },
    { "show", session_show },
    { "done", session_done },
    { "cancel", session_cancel },
    { NULL, NULL }
  };
  static const MesoCliDispatch dispatch = { .subcommands = subcommands, .usage = usage };

  return meso_cli_dispatch (global, argc, argv, &dispatch);
}
