/* meso-followup.c: follow-up observations and flags as values.
 *
 * The rules that turn observations into flags are in
 * meso-followup-rules.c; the storage in meso-store-followups.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "meso-followup.h"

G_DEFINE_BOXED_TYPE (MesoFollowup, meso_followup, meso_followup_copy, meso_followup_free)
G_DEFINE_BOXED_TYPE (MesoFlag, meso_flag, meso_flag_copy, meso_flag_free)

/* Flag severities: the same small pattern as meso-enums.c, whose
 * MESO_DEFINE_VOCABULARY is private to that file. */
static const struct
{
  const char *code;
  const char *label;
} flag_severity_terms[] = {
  { "routine", N_("Routine") },
  { "review", N_("Review") },
  { "urgent", N_("Urgent") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (flag_severity_terms) == MESO_N_FLAG_SEVERITIES);

const char *
meso_flag_severity_to_code (MesoFlagSeverity value)
{
  g_return_val_if_fail ((guint) value < MESO_N_FLAG_SEVERITIES, NULL);
  return flag_severity_terms[value].code;
}

const char *
meso_flag_severity_to_label (MesoFlagSeverity value)
{
  g_return_val_if_fail ((guint) value < MESO_N_FLAG_SEVERITIES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, flag_severity_terms[value].label);
}

gboolean
meso_flag_severity_from_code (const char       *code,
                              MesoFlagSeverity *out)
{
  if (code == NULL)
    return FALSE;
  for (guint i = 0; i < MESO_N_FLAG_SEVERITIES; i++)
    if (g_str_equal (flag_severity_terms[i].code, code))
      {
        *out = (MesoFlagSeverity) i;
        return TRUE;
      }
  return FALSE;
}

MesoFollowup *
meso_followup_new (void)
{
  MesoFollowup *self = g_new0 (MesoFollowup, 1);

  g_date_clear (&self->date, 1);
  return self;
}

MesoFollowup *
meso_followup_copy (const MesoFollowup *self)
{
  MesoFollowup *copy = g_memdup2 (self, sizeof *self);

  copy->notes = g_strdup (self->notes);
  return copy;
}

void
meso_followup_free (MesoFollowup *self)
{
  if (self == NULL)
    return;
  g_free (self->notes);
  g_free (self);
}

/* Same message shape as meso-record.c: the field name first, so the CLI and
 * the widgets can point at it. */
static gboolean
fail (GError    **error,
      gint        code,
      const char *field,
      const char *message)
{
  g_set_error (error, MESO_RECORD_ERROR, code, "%s: %s", field, message);
  return FALSE;
}

gboolean
meso_followup_validate (const MesoFollowup *self,
                        const GDate        *session_date,
                        GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!g_date_valid (&self->date))
    return fail (error, MESO_RECORD_ERROR_MISSING, "date",
                 _("the date of the follow-up is required"));
  /* An observation cannot precede the treatment it follows. */
  if (session_date != NULL && g_date_valid (session_date) &&
      g_date_compare (&self->date, session_date) < 0)
    {
      g_autofree char *when = meso_date_format (session_date);
      g_autofree char *msg = g_strdup_printf (_("is before the session date (%s)"), when);

      return fail (error, MESO_RECORD_ERROR_INVALID, "date", msg);
    }
  if (!isfinite (self->lump_size_mm) || self->lump_size_mm < 0 ||
      self->lump_size_mm > MESO_FOLLOWUP_LUMP_SIZE_MAX)
    {
      g_autofree char *msg = g_strdup_printf (_("%g mm is outside 0-%g mm"),
                                              self->lump_size_mm,
                                              MESO_FOLLOWUP_LUMP_SIZE_MAX);

      return fail (error, MESO_RECORD_ERROR_INVALID, "lump_size_mm", msg);
    }
  if (self->lump_size_mm > 0 && !self->lumps)
    return fail (error, MESO_RECORD_ERROR_INVALID, "lump_size_mm",
                 _("a lump size is given but no lumps are recorded"));
  if (self->notes != NULL)
    {
      if (!g_utf8_validate (self->notes, -1, NULL))
        return fail (error, MESO_RECORD_ERROR_INVALID, "notes", _("not valid UTF-8 text"));
      if (g_utf8_strlen (self->notes, -1) > MESO_FOLLOWUP_NOTES_MAX)
        return fail (error, MESO_RECORD_ERROR_INVALID, "notes", _("too long"));
    }
  return TRUE;
}

MesoFlag *
meso_flag_copy (const MesoFlag *self)
{
  MesoFlag *copy = g_memdup2 (self, sizeof *self);

  copy->code = g_strdup (self->code);
  copy->patient_name = g_strdup (self->patient_name);
  copy->reason = g_strdup (self->reason);
  copy->review_note = g_strdup (self->review_note);
  return copy;
}

void
meso_flag_free (MesoFlag *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->patient_name);
  g_free (self->reason);
  g_free (self->review_note);
  g_free (self);
}
