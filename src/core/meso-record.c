/* meso-record.c: record values, their copies and their validation. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "meso-record.h"
#include "meso-screening.h"

G_DEFINE_QUARK (meso-record-error-quark, meso_record_error)

G_DEFINE_BOXED_TYPE (MesoHistory, meso_history, meso_history_copy, meso_history_free)
G_DEFINE_BOXED_TYPE (MesoPatient, meso_patient, meso_patient_copy, meso_patient_free)
G_DEFINE_BOXED_TYPE (MesoSession, meso_session, meso_session_copy, meso_session_free)

GPtrArray *
meso_strv_array_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

GPtrArray *
meso_strv_array_copy (const GPtrArray *array)
{
  GPtrArray *copy = meso_strv_array_new ();

  if (array != NULL)
    for (guint i = 0; i < array->len; i++)
      g_ptr_array_add (copy, g_strdup (g_ptr_array_index (array, i)));
  return copy;
}

gboolean
meso_strv_array_equal (const GPtrArray *a,
                       const GPtrArray *b)
{
  guint la = a ? a->len : 0;
  guint lb = b ? b->len : 0;

  if (la != lb)
    return FALSE;
  for (guint i = 0; i < la; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

gboolean
meso_date_parse (const char *text,
                 GDate      *out)
{
  guint y, m, d;
  char tail;

  g_date_clear (out, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

char *
meso_date_format (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

/* The local time zone, kept between calls: when TZ is unset, GLib 2.74's
 * g_time_zone_new_local () looks for the zone again on every call (a
 * readlink and stats of /etc/localtime), some 5% of the demo.
 *
 * Only the zone is kept, never the date: the date is worked out from the
 * clock on every call, so it turns at local midnight exactly, and a DST
 * change is in the zone's rules.  What can go stale is the zone itself
 * (the machine set to another one) for up to TODAY_ZONE_TTL of time
 * awake (the monotonic clock stops in suspend); only a change made in
 * the minute before midnight could give, for that minute, the other
 * zone's date.  A change of TZ is seen at once. */
#define TODAY_ZONE_TTL (60 * G_USEC_PER_SEC)

static GMutex today_zone_lock;
static GTimeZone *today_zone;
static char *today_zone_tz;       /* TZ when today_zone was made */
static gint64 today_zone_time;    /* monotonic, when it was made */

static GTimeZone *
get_local_zone (void)
{
  const char *tz = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();
  GTimeZone *zone;

  /* Callers include GTask threads. */
  g_mutex_lock (&today_zone_lock);
  if (today_zone == NULL || now - today_zone_time >= TODAY_ZONE_TTL ||
      g_strcmp0 (tz, today_zone_tz) != 0)
    {
      g_clear_pointer (&today_zone, g_time_zone_unref);
      today_zone = g_time_zone_new_local ();
      g_free (today_zone_tz);
      today_zone_tz = g_strdup (tz);
      today_zone_time = now;
    }
  zone = g_time_zone_ref (today_zone);
  g_mutex_unlock (&today_zone_lock);
  return zone;
}

void
meso_date_set_today (GDate *date)
{
  g_autoptr(GTimeZone) zone = get_local_zone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

gint
meso_age_on (const GDate *birth,
             const GDate *on)
{
  gint years;
  guint bm, bd, om, od;

  g_return_val_if_fail (g_date_valid (birth) && g_date_valid (on), -1);

  years = (gint) g_date_get_year (on) - (gint) g_date_get_year (birth);
  bm = g_date_get_month (birth);
  bd = g_date_get_day (birth);
  om = g_date_get_month (on);
  od = g_date_get_day (on);

  /* A 29 February birthday is reached on 1 March in a common year: it is
   * enough to compare (month, day) pairs, since 29/2 > 28/2. */
  if (om < bm || (om == bm && od < bd))
    years--;
  return years;
}

MesoHistory *
meso_history_new (void)
{
  MesoHistory *self = g_new0 (MesoHistory, 1);

  for (guint i = 0; i < MESO_N_CONDITIONS; i++)
    {
      self->conditions[i].answer = MESO_ANSWER_NOT_ASKED;
      g_date_clear (&self->conditions[i].confirmed, 1);
    }
  self->medications = meso_strv_array_new ();
  self->allergies = meso_strv_array_new ();
  g_date_clear (&self->medications_confirmed, 1);
  g_date_clear (&self->allergies_confirmed, 1);
  return self;
}

MesoHistory *
meso_history_copy (const MesoHistory *self)
{
  MesoHistory *copy = g_memdup2 (self, sizeof *self);

  copy->medications = meso_strv_array_copy (self->medications);
  copy->allergies = meso_strv_array_copy (self->allergies);
  return copy;
}

void
meso_history_free (MesoHistory *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->medications, g_ptr_array_unref);
  g_clear_pointer (&self->allergies, g_ptr_array_unref);
  g_free (self);
}

static gboolean
fail (GError    **error,
      gint        code,
      const char *field,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

/* Every validation message begins with the field name so that the CLI,
 * import and the widgets can point at it. */
static gboolean
fail (GError    **error,
      gint        code,
      const char *field,
      const char *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MESO_RECORD_ERROR, code, "%s: %s", field, msg);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
validate_list (MesoListState    state,
               const GPtrArray *items,
               const char      *field,
               GError         **error)
{
  if ((guint) state >= MESO_N_LIST_STATES)
    return fail (error, MESO_RECORD_ERROR_INVALID, field, _("unknown answer"));
  if (state != MESO_LIST_RECORDED && items->len > 0)
    return fail (error, MESO_RECORD_ERROR_INVALID, field,
                 _("entries are listed but the answer is “%s”"),
                 meso_list_state_to_label (state));
  if (state == MESO_LIST_RECORDED && items->len == 0)
    return fail (error, MESO_RECORD_ERROR_MISSING, field,
                 _("marked as recorded but the list is empty; choose “None known” instead"));
  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);

      if (is_blank (item))
        return fail (error, MESO_RECORD_ERROR_MISSING, field,
                     _("entry %u is empty"), i + 1);
      if (!g_utf8_validate (item, -1, NULL))
        return fail (error, MESO_RECORD_ERROR_INVALID, field,
                     _("entry %u is not valid text"), i + 1);
    }
  return TRUE;
}

gboolean
meso_history_validate (const MesoHistory *self,
                       GError           **error)
{
  for (guint i = 0; i < MESO_N_CONDITIONS; i++)
    if ((guint) self->conditions[i].answer >= MESO_N_ANSWERS)
      return fail (error, MESO_RECORD_ERROR_INVALID,
                   meso_condition_to_code (i), _("unknown answer"));
  if (!validate_list (self->medications_state, self->medications, "medications", error))
    return FALSE;
  if (!validate_list (self->allergies_state, self->allergies, "allergies", error))
    return FALSE;
  if (self->fitzpatrick > 6)
    return fail (error, MESO_RECORD_ERROR_INVALID, "fitzpatrick",
                 _("skin type must be I to VI (1-6), not %u"), self->fitzpatrick);
  return TRUE;
}

MesoPatient *
meso_patient_new (void)
{
  MesoPatient *self = g_new0 (MesoPatient, 1);

  g_date_clear (&self->date_of_birth, 1);
  self->language = g_strdup ("en");
  self->history = meso_history_new ();
  return self;
}

MesoPatient *
meso_patient_copy (const MesoPatient *self)
{
  MesoPatient *copy = g_memdup2 (self, sizeof *self);

  copy->name = g_strdup (self->name);
  copy->phone = g_strdup (self->phone);
  copy->email = g_strdup (self->email);
  copy->address = g_strdup (self->address);
  copy->language = g_strdup (self->language);
  copy->notes = g_strdup (self->notes);
  copy->history = meso_history_copy (self->history);
  return copy;
}

void
meso_patient_free (MesoPatient *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->address);
  g_free (self->language);
  g_free (self->notes);
  meso_history_free (self->history);
  g_free (self);
}

static gboolean
validate_text (const char *text,
               const char *field,
               gsize       max_chars,
               GError    **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, MESO_RECORD_ERROR_INVALID, field, _("not valid UTF-8 text"));
  if (g_utf8_strlen (text, -1) > (glong) max_chars)
    return fail (error, MESO_RECORD_ERROR_INVALID, field,
                 _("longer than %zu characters"), max_chars);
  return TRUE;
}

static const char * const handout_languages[] = { "en", "fr", "it", "es", "de", NULL };

gboolean
meso_patient_validate (const MesoPatient *self,
                       const GDate       *today,
                       GError           **error)
{
  if (is_blank (self->name))
    return fail (error, MESO_RECORD_ERROR_MISSING, "name", _("the patient’s name is required"));
  if (!validate_text (self->name, "name", 200, error) ||
      !validate_text (self->phone, "phone", 50, error) ||
      !validate_text (self->email, "email", 200, error) ||
      !validate_text (self->address, "address", 500, error) ||
      !validate_text (self->notes, "notes", 20000, error))
    return FALSE;
  if (!g_date_valid (&self->date_of_birth))
    return fail (error, MESO_RECORD_ERROR_MISSING, "date_of_birth",
                 _("the date of birth is required"));
  if (today != NULL && g_date_compare (&self->date_of_birth, today) > 0)
    return fail (error, MESO_RECORD_ERROR_INVALID, "date_of_birth",
                 _("the date of birth is in the future"));
  if (g_date_get_year (&self->date_of_birth) < 1900)
    return fail (error, MESO_RECORD_ERROR_INVALID, "date_of_birth",
                 _("the date of birth is before 1900"));
  if ((guint) self->sex >= MESO_N_SEXES)
    return fail (error, MESO_RECORD_ERROR_INVALID, "sex", _("unknown value"));
  if (self->email != NULL && *self->email != '\0' && strchr (self->email, '@') == NULL)
    return fail (error, MESO_RECORD_ERROR_INVALID, "email",
                 _("“%s” is not an email address"), self->email);
  if (self->language == NULL || !g_strv_contains (handout_languages, self->language))
    return fail (error, MESO_RECORD_ERROR_INVALID, "language",
                 _("handouts are available in en, fr, it, es and de, not “%s”"),
                 self->language ? self->language : "");
  return meso_history_validate (self->history, error);
}

MesoSession *
meso_session_new (void)
{
  MesoSession *self = g_new0 (MesoSession, 1);

  g_date_clear (&self->date, 1);
  g_date_clear (&self->batch_expiry, 1);
  self->time_minutes = -1;
  self->status = MESO_SESSION_BOOKED;
  self->indication = MESO_INDICATION_REJUVENATION;
  self->area = MESO_AREA_FACE;
  self->consistency = MESO_CONSISTENCY_MEDIUM;
  self->ingredients = meso_strv_array_new ();
  self->acknowledged = meso_strv_array_new ();
  self->needle_gauge = MESO_DEFAULT_GAUGE;
  self->needle_length_mm = MESO_DEFAULT_NEEDLE_LENGTH;
  self->depth_mm = MESO_DEFAULT_DEPTH;
  self->angle_deg = MESO_DEFAULT_ANGLE;
  self->technique = MESO_TECHNIQUE_NAPPAGE;
  self->massage = MESO_MASSAGE_GENTLE;
  return self;
}

MesoSession *
meso_session_copy (const MesoSession *self)
{
  MesoSession *copy = g_memdup2 (self, sizeof *self);

  copy->solution_name = g_strdup (self->solution_name);
  copy->ingredients = meso_strv_array_copy (self->ingredients);
  copy->batch = g_strdup (self->batch);
  copy->practitioner = g_strdup (self->practitioner);
  copy->notes = g_strdup (self->notes);
  copy->override_reason = g_strdup (self->override_reason);
  copy->acknowledged = meso_strv_array_copy (self->acknowledged);
  return copy;
}

void
meso_session_free (MesoSession *self)
{
  if (self == NULL)
    return;
  g_free (self->solution_name);
  g_clear_pointer (&self->ingredients, g_ptr_array_unref);
  g_free (self->batch);
  g_free (self->practitioner);
  g_free (self->notes);
  g_free (self->override_reason);
  g_clear_pointer (&self->acknowledged, g_ptr_array_unref);
  g_free (self);
}

static gboolean
is_finding_code (const char *code)
{
  guint n_rules;
  const MesoScreeningRule *rules = meso_screening_rules (&n_rules);

  for (guint i = 0; code != NULL && i < n_rules; i++)
    if (g_str_equal (rules[i].code, code))
      return TRUE;
  return FALSE;
}

gboolean
meso_session_validate (const MesoSession *self,
                       GError           **error)
{
  if (!g_date_valid (&self->date))
    return fail (error, MESO_RECORD_ERROR_MISSING, "date", _("the session date is required"));
  if (self->time_minutes < -1 || self->time_minutes >= 24 * 60)
    return fail (error, MESO_RECORD_ERROR_INVALID, "time", _("not a time of day"));
  if ((guint) self->status >= MESO_N_SESSION_STATUSES)
    return fail (error, MESO_RECORD_ERROR_INVALID, "status", _("unknown value"));
  if ((guint) self->indication >= MESO_N_INDICATIONS)
    return fail (error, MESO_RECORD_ERROR_INVALID, "indication", _("unknown value"));
  if ((guint) self->area >= MESO_N_AREAS)
    return fail (error, MESO_RECORD_ERROR_INVALID, "area", _("unknown value"));
  if ((guint) self->consistency >= MESO_N_CONSISTENCIES)
    return fail (error, MESO_RECORD_ERROR_INVALID, "consistency", _("unknown value"));
  if ((guint) self->technique >= MESO_N_TECHNIQUES)
    return fail (error, MESO_RECORD_ERROR_INVALID, "technique", _("unknown value"));
  if ((guint) self->massage >= MESO_N_MASSAGES)
    return fail (error, MESO_RECORD_ERROR_INVALID, "massage_advice", _("unknown value"));
  if (!validate_text (self->solution_name, "solution.name", 200, error) ||
      !validate_text (self->batch, "batch", 100, error) ||
      !validate_text (self->practitioner, "practitioner", 200, error) ||
      !validate_text (self->notes, "notes", 20000, error) ||
      !validate_text (self->override_reason, "override_reason", 2000, error))
    return FALSE;
  for (guint i = 0; i < self->ingredients->len; i++)
    if (is_blank (g_ptr_array_index (self->ingredients, i)))
      return fail (error, MESO_RECORD_ERROR_MISSING, "solution.ingredients",
                   _("ingredient %u is empty"), i + 1);
  if (!isfinite (self->volume_ml) || self->volume_ml < 0 || self->volume_ml > MESO_VOLUME_MAX)
    return fail (error, MESO_RECORD_ERROR_INVALID, "solution.volume_ml",
                 _("%g ml is outside 0-%g ml"), self->volume_ml, MESO_VOLUME_MAX);
  if (self->needle_gauge < MESO_GAUGE_MIN || self->needle_gauge > MESO_GAUGE_MAX)
    return fail (error, MESO_RECORD_ERROR_INVALID, "needle.gauge",
                 _("%u G is outside %d-%d G"), self->needle_gauge, MESO_GAUGE_MIN, MESO_GAUGE_MAX);
  if (!isfinite (self->needle_length_mm) || self->needle_length_mm <= 0 ||
      self->needle_length_mm > MESO_NEEDLE_LENGTH_MAX)
    return fail (error, MESO_RECORD_ERROR_INVALID, "needle.length_mm",
                 _("%g mm is outside 0-%g mm"), self->needle_length_mm, MESO_NEEDLE_LENGTH_MAX);
  if (!isfinite (self->depth_mm) || self->depth_mm <= 0 || self->depth_mm > MESO_DEPTH_MAX)
    return fail (error, MESO_RECORD_ERROR_INVALID, "depth_mm",
                 _("%g mm is outside 0-%g mm"), self->depth_mm, MESO_DEPTH_MAX);
  if (self->depth_mm > self->needle_length_mm)
    return fail (error, MESO_RECORD_ERROR_INVALID, "depth_mm",
                 _("%g mm is deeper than the %g mm needle"), self->depth_mm, self->needle_length_mm);
  if (!isfinite (self->angle_deg) || self->angle_deg < MESO_ANGLE_MIN || self->angle_deg > MESO_ANGLE_MAX)
    return fail (error, MESO_RECORD_ERROR_INVALID, "angle_deg",
                 _("%g degrees is outside %g-%g degrees"), self->angle_deg, MESO_ANGLE_MIN, MESO_ANGLE_MAX);
  if (g_date_valid (&self->batch_expiry) && g_date_compare (&self->batch_expiry, &self->date) < 0)
    return fail (error, MESO_RECORD_ERROR_INVALID, "batch_expiry",
                 _("the batch expired before the session date"));
  if (self->override_reason != NULL && is_blank (self->override_reason))
    return fail (error, MESO_RECORD_ERROR_MISSING, "override_reason", _("the override reason is empty"));
  /* An acknowledgement says which finding the practitioner saw: a code no
   * rule can produce records an acknowledgement of nothing. */
  for (guint i = 0; self->acknowledged != NULL && i < self->acknowledged->len; i++)
    {
      const char *code = g_ptr_array_index (self->acknowledged, i);

      if (!is_finding_code (code))
        return fail (error, MESO_RECORD_ERROR_INVALID, "acknowledged",
                     _("“%s” is not a screening finding code"), code ? code : "");
    }
  return TRUE;
}

gboolean
meso_session_validate_for_patient (const MesoSession *self,
                                   const GDate       *date_of_birth,
                                   GError           **error)
{
  g_autofree char *birth = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (date_of_birth == NULL || !g_date_valid (date_of_birth) || !g_date_valid (&self->date))
    return TRUE;
  if (g_date_compare (&self->date, date_of_birth) >= 0)
    return TRUE;
  birth = meso_date_format (date_of_birth);
  return fail (error, MESO_RECORD_ERROR_INVALID, "date",
               _("the session is before the patient’s date of birth (%s)"), birth);
}
