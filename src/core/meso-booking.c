/* meso-booking.c: booking a session behind the screening.
 *
 * Screening and insertion run in one transaction, so the history that was
 * screened is the history in force when the session is written.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "meso-booking.h"

G_DEFINE_QUARK (meso-booking-error-quark, meso_booking_error)

/* Screens @session for @patient under the stored clinic settings. */
static MesoScreening *
screen_for_patient (MesoStore          *store,
                    const MesoPatient  *patient,
                    const MesoSession  *session,
                    GError            **error)
{
  g_autoptr(MesoSettings) settings = NULL;
  MesoPlan plan;

  settings = meso_store_load_settings (store, error);
  if (settings == NULL)
    return NULL;

  plan.date = session->date;
  plan.area = session->area;
  plan.ingredients = session->ingredients;
  return meso_screen (&patient->date_of_birth, patient->history, &plan, settings);
}

static gboolean
require_date (const MesoSession  *session,
              GError            **error)
{
  if (g_date_valid (&session->date))
    return TRUE;
  g_set_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_MISSING,
               "date: %s", _("the session date is required"));
  return FALSE;
}

MesoScreening *
meso_booking_screen (MesoStore          *store,
                     const MesoSession  *session,
                     GError            **error)
{
  g_autoptr(MesoPatient) patient = NULL;

  g_return_val_if_fail (MESO_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!require_date (session, error))
    return NULL;
  patient = meso_store_get_patient (store, session->patient_id, error);
  if (patient == NULL)
    return NULL;
  /* Refused here too, so that the app does not ask for an override of
   * the legal age that booking would then refuse anyway. */
  if (!meso_session_validate_for_patient (session, &patient->date_of_birth, error))
    return NULL;
  return screen_for_patient (store, patient, session, error);
}

/* Codes of @screening's findings with @severity, comma-separated. */
static char *
finding_codes (const MesoScreening *screening,
               MesoSeverity         severity,
               const GPtrArray     *except)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < screening->findings->len; i++)
    {
      const MesoFinding *finding = g_ptr_array_index (screening->findings, i);
      gboolean skip = FALSE;

      if (finding->severity != severity)
        continue;
      for (guint j = 0; except != NULL && j < except->len && !skip; j++)
        skip = g_strcmp0 (g_ptr_array_index (except, j), finding->code) == 0;
      if (skip)
        continue;
      if (codes->len > 0)
        g_string_append (codes, ", ");
      g_string_append (codes, finding->code);
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

/* The acknowledged codes that are findings of @screening, once each: an
 * acknowledgement of something that was not found means nothing and is not
 * stored. */
static GPtrArray *
acknowledged_findings (const MesoScreening *screening,
                       const GPtrArray     *acknowledged)
{
  GPtrArray *kept = meso_strv_array_new ();

  for (guint i = 0; acknowledged != NULL && i < acknowledged->len; i++)
    {
      const char *code = g_ptr_array_index (acknowledged, i);
      gboolean seen = FALSE;

      if (meso_screening_find (screening, code) == NULL)
        continue;
      for (guint j = 0; j < kept->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (kept, j), code);
      if (!seen)
        g_ptr_array_add (kept, g_strdup (code));
    }
  return kept;
}

gboolean
meso_book_session (MesoStore      *store,
                   MesoSession    *session,
                   MesoScreening **screening_out,
                   GError        **error)
{
  g_autoptr(MesoScreening) screening = NULL;
  g_autoptr(MesoSession) to_store = NULL;
  g_autoptr(MesoPatient) patient = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A bad value is reported as such before any verdict. */
  if (!meso_session_validate (session, error))
    return FALSE;

  if (!meso_store_begin (store, error))
    return FALSE;

  patient = meso_store_get_patient (store, session->patient_id, &local_error);
  if (patient == NULL)
    goto fail;
  /* A date before birth is a typing error, not a legal-age verdict that
   * an override could answer. */
  if (!meso_session_validate_for_patient (session, &patient->date_of_birth, &local_error))
    goto fail;
  screening = screen_for_patient (store, patient, session, &local_error);
  if (screening == NULL)
    goto fail;

  if (screening->verdict == MESO_VERDICT_CONTRAINDICATED &&
      session->override_reason == NULL)
    {
      g_autofree char *codes = finding_codes (screening, MESO_SEVERITY_CONTRAINDICATED, NULL);

      g_set_error (&local_error, MESO_BOOKING_ERROR, MESO_BOOKING_ERROR_CONTRAINDICATED,
                   _("Booking refused: contraindicated (%s). A clinician must record an override reason to book it anyway."),
                   codes);
      goto fail;
    }

  /* Cautions are acknowledged one by one, even under an override: the
   * override answers the contraindications, not the rest. */
  if (!meso_screening_all_acknowledged (screening, session->acknowledged))
    {
      g_autofree char *codes = finding_codes (screening, MESO_SEVERITY_CAUTION,
                                              session->acknowledged);

      g_set_error (&local_error, MESO_BOOKING_ERROR, MESO_BOOKING_ERROR_NOT_ACKNOWLEDGED,
                   _("Booking needs the practitioner to acknowledge: %s."), codes);
      goto fail;
    }

  to_store = meso_session_copy (session);
  g_ptr_array_unref (to_store->acknowledged);
  to_store->acknowledged = acknowledged_findings (screening, session->acknowledged);
  /* The override reason records why a contraindication was overridden;
   * with none to override it would mislead whoever reads the record. */
  if (screening->verdict != MESO_VERDICT_CONTRAINDICATED)
    g_clear_pointer (&to_store->override_reason, g_free);

  if (!meso_store_insert_session (store, to_store, &local_error))
    goto fail;
  /* A failed commit has closed the transaction itself. */
  if (!meso_store_commit (store, &local_error))
    goto refused;

  /* The caller's session now mirrors what was stored. */
  session->id = to_store->id;
  g_ptr_array_unref (session->acknowledged);
  session->acknowledged = g_steal_pointer (&to_store->acknowledged);
  g_free (session->override_reason);
  session->override_reason = g_steal_pointer (&to_store->override_reason);

  if (screening_out != NULL)
    *screening_out = g_steal_pointer (&screening);
  return TRUE;

fail:
  meso_store_rollback (store);
refused:
  /* A refused booking still hands back its screening, so that the caller
   * can show the findings behind the refusal. */
  if (screening_out != NULL && screening != NULL)
    *screening_out = g_steal_pointer (&screening);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
