/* meso-demo.c: realistic, deterministic synthetic patients, sessions and
 * follow-ups. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "meso-audit.h"
#include "meso-demo-private.h"
#include "meso-followup-rules.h"

G_DEFINE_QUARK (meso-demo-error-quark, meso_demo_error)

/* Patients between two flushes of the audit stash (see below): small
 * enough that the stash stays in SQLite's page cache (64 was measured a
 * few per cent faster than 256 for 20,000 patients). */
#define DEMO_AUDIT_BATCH 64

void
meso_demo_today_range (const GDate *real_today,
                       GDate       *first,
                       GDate       *last)
{
  GDate latest;

  g_return_if_fail (real_today != NULL && g_date_valid (real_today));
  g_return_if_fail (first != NULL && last != NULL);

  meso_demo_latest_adult_birth (first);
  g_date_add_days (first, DEMO_PAST_DAYS_MAX);

  *last = *real_today;
  g_date_add_days (last, DEMO_MINOR_AGE_MIN);
  /* The store keeps dates as YYYY-MM-DD: four digits of year. */
  g_date_clear (&latest, 1);
  g_date_set_dmy (&latest, 31, G_DATE_DECEMBER, 9999);
  g_date_subtract_days (&latest, DEMO_AHEAD_DAYS_MAX);
  if (g_date_compare (&latest, last) < 0)
    *last = latest;
}

gboolean
meso_demo_fill (MesoStore              *store,
                const MesoDemoOptions  *options,
                MesoDemoReport         *report,
                GError                **error)
{
  g_autoptr(MesoSettings) settings = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  FollowupState followup_state = { 0 };
  gint64 n_existing;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  if (options->n_patients < 1 || options->n_patients > MESO_DEMO_MAX_PATIENTS)
    {
      g_set_error (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_INVALID,
                   _("the number of patients must be from 1 to %u, not %u"),
                   MESO_DEMO_MAX_PATIENTS, options->n_patients);
      return FALSE;
    }
  if (!g_date_valid (&options->today))
    {
      g_set_error_literal (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_INVALID,
                           _("the demo needs a valid date for “today”"));
      return FALSE;
    }
  meso_date_set_today (&followup_state.real_today);
  {
    GDate first, last;

    /* Outside the range some record would be refused (a session before
     * its patient's birth, a birth in the future, a date past 9999),
     * perhaps after minutes of work. */
    meso_demo_today_range (&followup_state.real_today, &first, &last);
    if (g_date_compare (&options->today, &first) < 0 ||
        g_date_compare (&options->today, &last) > 0)
      {
        g_autofree char *today = meso_date_format (&options->today);
        g_autofree char *from = meso_date_format (&first);
        g_autofree char *to = meso_date_format (&last);

        g_set_error (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_INVALID,
                     _("today: the demo cannot be placed on %s, only from %s to %s"),
                     today, from, to);
        return FALSE;
      }
  }

  if (!meso_store_begin (store, error))
    return FALSE;

  n_existing = meso_store_count_patients (store, error);
  if (n_existing < 0)
    goto fail;
  /* Demo records mixed into a real clinic would be indistinguishable from
   * real patients: ask for it explicitly. */
  if (n_existing > 0 && !options->force)
    {
      g_set_error (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_NOT_EMPTY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the database already holds %lld patient; "
                                "demo patients would be mixed with it",
                                "the database already holds %lld patients; "
                                "demo patients would be mixed with them",
                                n_existing),
                   (long long) n_existing);
      goto fail;
    }

  settings = meso_store_load_settings (store, error);
  if (settings == NULL)
    goto fail;
  if (settings->clinic_name == NULL || *settings->clinic_name == '\0')
    {
      g_free (settings->clinic_name);
      settings->clinic_name = g_strdup ("Clinique Démo — Mesotherapy");
      g_free (settings->clinic_address);
      settings->clinic_address = g_strdup ("12 rue des Lilas, 75011 Paris");
      g_free (settings->clinic_phone);
      settings->clinic_phone = g_strdup ("+33 1 23 45 67 89");
      if (!meso_store_save_settings (store, settings, error))
        goto fail;
    }

  followup_state.today = options->today;

  sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_session_free);
  for (guint i = 0; i < options->n_patients; i++)
    {
      g_autoptr(MesoPatient) patient = NULL;
      g_autoptr(MesoScreening) screening = NULL;
      MesoPlan mplan;
      Plan plan = { 0 };
      guint64 rng;

      patient = meso_demo_generate_patient (options->seed, i, &options->today, &plan, &rng);
      if (!meso_store_insert_patient (store, patient, error))
        goto fail;
      report->n_patients++;

      mplan.date = options->today;
      mplan.area = plan.area;
      mplan.ingredients = NULL;
      {
        g_autoptr(GPtrArray) ingredients = meso_strv_array_new ();

        for (guint k = 0; plan.solution->ingredients[k] != NULL; k++)
          meso_demo_add_strv (ingredients, plan.solution->ingredients[k]);
        mplan.ingredients = ingredients;
        screening = meso_screen (&patient->date_of_birth, patient->history, &mplan, settings);
      }
      report->verdicts[screening->verdict]++;
      if (meso_screening_find (screening, "history_incomplete") != NULL)
        report->history_incomplete++;

      g_ptr_array_set_size (sessions, 0);
      meso_demo_make_sessions (patient, &plan, i, &options->today, settings, &rng, sessions);
      for (guint k = 0; k < sessions->len; k++)
        {
          MesoSession *s = g_ptr_array_index (sessions, k);

          if (!meso_store_insert_session (store, s, error))
            goto fail;
          report->n_sessions++;
          if (g_date_compare (&s->date, &options->today) == 0)
            report->n_sessions_today++;
        }

      /* The audit trail's stash holds row images until a flush; a whole
       * demo in it grows a table of millions of rows that spills out of
       * the page cache, and its deletion at commit rewrites every page.
       * Folding it into entries as we go keeps it small, and gives the
       * same entries in the same order. */
      if (i % DEMO_AUDIT_BATCH == DEMO_AUDIT_BATCH - 1)
        {
          meso_audit_set_next_action (store, "demo", "synthetic demo records");
          if (!meso_audit_flush (store, error))
            goto fail;
        }

      /* Follow-ups draw from a stream of their own, so that they change
       * nothing of the patients and sessions above. */
      {
        guint64 frng = options->seed ^ (G_GUINT64_CONSTANT (0xbb67ae8584caa73b) * (i + 1));
        gboolean showcased = FALSE;

        meso_demo_rng_next (&frng);
        for (guint k = 0; k < sessions->len; k++)
          {
            MesoSession *s = g_ptr_array_index (sessions, k);

            if (s->status == MESO_SESSION_DONE &&
                !meso_demo_make_followups (store, &followup_state, patient, s, &showcased, &frng, error))
              goto fail;
          }
      }
    }

  /* The audit trail says these records are synthetic. */
  meso_audit_set_next_action (store, "demo", "synthetic demo records");
  /* A failed commit has already rolled back. */
  if (!meso_store_commit (store, error))
    {
      memset (report, 0, sizeof *report);
      return FALSE;
    }
  return TRUE;

fail:
  meso_store_rollback (store);
  memset (report, 0, sizeof *report);
  return FALSE;
}
