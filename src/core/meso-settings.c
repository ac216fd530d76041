/* meso-settings.c: the clinic's settings value and its validation. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "meso-record.h"
#include "meso-settings.h"

G_DEFINE_BOXED_TYPE (MesoSettings, meso_settings, meso_settings_copy, meso_settings_free)

MesoSettings *
meso_settings_new (void)
{
  MesoSettings *self = g_new0 (MesoSettings, 1);

  self->clinic_name = g_strdup ("");
  self->clinic_address = g_strdup ("");
  self->clinic_phone = g_strdup ("");
  self->legal_age = MESO_DEFAULT_LEGAL_AGE;
  /* 000's "gentle circular massage" sits between 002 and 004: the least
   * surprising default until the clinic chooses. */
  self->default_massage = MESO_MASSAGE_GENTLE;
  self->next_session_days = MESO_DEFAULT_NEXT_SESSION_DAYS;
  self->paper_size = MESO_PAPER_A4;
  return self;
}

MesoSettings *
meso_settings_copy (const MesoSettings *self)
{
  MesoSettings *copy = g_memdup2 (self, sizeof *self);

  copy->clinic_name = g_strdup (self->clinic_name);
  copy->clinic_address = g_strdup (self->clinic_address);
  copy->clinic_phone = g_strdup (self->clinic_phone);
  return copy;
}

void
meso_settings_free (MesoSettings *self)
{
  if (self == NULL)
    return;
  g_free (self->clinic_name);
  g_free (self->clinic_address);
  g_free (self->clinic_phone);
  g_free (self);
}

static gboolean
check_text (const char  *text,
            const char  *field,
            glong        max_chars,
            GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID,
                   _("%s: not valid UTF-8 text"), field);
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > max_chars)
    {
      g_set_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID,
                   _("%s: longer than %ld characters"), field, max_chars);
      return FALSE;
    }
  return TRUE;
}

/* Errors are in MESO_RECORD_ERROR and start with the field name, like the
 * record's own validation. */
gboolean
meso_settings_validate (const MesoSettings  *self,
                        GError             **error)
{
  if (!check_text (self->clinic_name, "clinic_name", 200, error) ||
      !check_text (self->clinic_address, "clinic_address", 500, error) ||
      !check_text (self->clinic_phone, "clinic_phone", 50, error))
    return FALSE;
  if (self->legal_age < MESO_LEGAL_AGE_MIN || self->legal_age > MESO_LEGAL_AGE_MAX)
    {
      g_set_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID,
                   _("legal_age: %u is outside %u-%u years"), self->legal_age,
                   MESO_LEGAL_AGE_MIN, MESO_LEGAL_AGE_MAX);
      return FALSE;
    }
  if ((guint) self->default_massage >= MESO_N_MASSAGES)
    {
      g_set_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID,
                   _("default_massage: unknown value"));
      return FALSE;
    }
  if (self->next_session_days < 1 || self->next_session_days > 365)
    {
      g_set_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID,
                   _("next_session_days: %u is outside 1-365 days"), self->next_session_days);
      return FALSE;
    }
  if ((guint) self->paper_size > MESO_PAPER_LETTER)
    {
      g_set_error (error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID,
                   _("paper_size: unknown value"));
      return FALSE;
    }
  return TRUE;
}
