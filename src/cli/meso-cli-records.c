/* meso-cli-records.c: option parsing and printing for the record commands. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "meso-cli-records.h"
#include "meso-json.h"

#define DEFINE_CODE_AT(Type, name, N)                                         \
  const char *                                                                \
  meso_cli_##name##_code_at (guint i)                                         \
  {                                                                           \
    return i < (guint) N ? meso_##name##_to_code ((Type) i) : NULL;           \
  }

DEFINE_CODE_AT (MesoArea, area, MESO_N_AREAS)
DEFINE_CODE_AT (MesoIndication, indication, MESO_N_INDICATIONS)
DEFINE_CODE_AT (MesoConsistency, consistency, MESO_N_CONSISTENCIES)
DEFINE_CODE_AT (MesoTechnique, technique, MESO_N_TECHNIQUES)
DEFINE_CODE_AT (MesoMassage, massage, MESO_N_MASSAGES)
DEFINE_CODE_AT (MesoSex, sex, MESO_N_SEXES)
DEFINE_CODE_AT (MesoAnswer, answer, MESO_N_ANSWERS)
DEFINE_CODE_AT (MesoCondition, condition, MESO_N_CONDITIONS)

const char *
meso_cli_status_code_at (guint i)
{
  return i < MESO_N_SESSION_STATUSES ? meso_session_status_to_code ((MesoSessionStatus) i) : NULL;
}

const char *
meso_cli_paper_code_at (guint i)
{
  static const char * const codes[] = { "a4", "letter" };

  return i < G_N_ELEMENTS (codes) ? codes[i] : NULL;
}

const char *
meso_cli_finding_code_at (guint i)
{
  static GPtrArray *codes = NULL;

  /* The rule table repeats a code when a rule has two outcomes. */
  if (codes == NULL)
    {
      guint n;
      const MesoScreeningRule *rules = meso_screening_rules (&n);

      codes = g_ptr_array_new ();
      for (guint r = 0; r < n; r++)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < codes->len && !seen; j++)
            seen = g_str_equal (g_ptr_array_index (codes, j), rules[r].code);
          if (!seen)
            g_ptr_array_add (codes, (gpointer) rules[r].code);
        }
    }
  return i < codes->len ? g_ptr_array_index (codes, i) : NULL;
}

char *
meso_cli_code_list (MesoCliCodeAt code_at)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; code_at (i) != NULL; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, code_at (i));
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

gboolean
meso_cli_opt_code (const char    *option,
                   const char    *unknown,
                   const char    *text,
                   MesoCliCodeAt  code_at,
                   guint         *out)
{
  g_autofree char *list = NULL;

  for (guint i = 0; code_at (i) != NULL; i++)
    if (g_str_equal (code_at (i), text))
      {
        *out = i;
        return TRUE;
      }
  list = meso_cli_code_list (code_at);
  /* Translators: "--area: unknown area “knee” (face, neck, …)": the option,
   * the phrase "unknown area" (translated on its own), the value typed, and
   * the values allowed. */
  meso_cli_error (_("%s: %s “%s” (%s)"), option, unknown, text, list);
  return FALSE;
}

gboolean
meso_cli_opt_date (const char *option,
                   const char *text,
                   GDate      *out)
{
  if (!meso_date_parse (text, out))
    {
      meso_cli_error (_("%s: “%s” is not a date (YYYY-MM-DD)"), option, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
meso_cli_opt_time (const char *option,
                   const char *text,
                   gint       *minutes)
{
  if (!meso_time_parse (text, minutes))
    {
      meso_cli_error (_("%s: “%s” is not a time of day (HH:MM, 00:00-23:59)"), option, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
meso_cli_opt_uint (const char *option,
                   const char *text,
                   guint       min,
                   guint       max,
                   const char *unit,
                   guint      *out)
{
  guint64 value;
  char *end = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL))
    {
      /* "2.5" is a number, just not a whole one: say which. */
      g_ascii_strtod (text, &end);
      if (*text != '\0' && end != NULL && *end == '\0')
        meso_cli_error (_("%s: “%s” is not a whole number"), option, text);
      else
        meso_cli_error (_("%s: “%s” is not a number"), option, text);
      return FALSE;
    }
  if (value < min || value > max)
    {
      if (unit != NULL)
        /* Translators: "--gauge: 0 G is outside 18-34 G" */
        meso_cli_error (_("%s: %s %s is outside %u-%u %s"), option, text, unit, min, max, unit);
      else
        meso_cli_error (_("%s: %s is outside %u-%u"), option, text, min, max);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

gboolean
meso_cli_opt_double (const char *option,
                     const char *text,
                     gdouble     min,
                     gdouble     max,
                     const char *unit,
                     gdouble    *out)
{
  char *end = NULL;
  gdouble value;

  /* C locale parsing: "2.5", never "2,5" read as 2. */
  value = g_ascii_strtod (text, &end);
  if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (value) ||
      g_ascii_isspace (*text))
    {
      meso_cli_error (_("%s: “%s” is not a number"), option, text);
      return FALSE;
    }
  if (value < min || value > max)
    {
      meso_cli_error (_("%s: %s %s is outside %g-%g %s"), option, text, unit, min, max, unit);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
meso_cli_opt_text (const char *option,
                   const char *text,
                   guint       max_chars)
{
  gboolean blank = TRUE;

  if (!g_utf8_validate (text, -1, NULL))
    {
      meso_cli_error (_("%s: the value is not valid UTF-8 text"), option);
      return FALSE;
    }
  for (const char *p = text; *p && blank; p = g_utf8_next_char (p))
    blank = g_unichar_isspace (g_utf8_get_char (p));
  if (blank)
    {
      meso_cli_error (_("%s: the value is empty"), option);
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > (glong) max_chars)
    {
      meso_cli_error (_("%s: longer than %u characters"), option, max_chars);
      return FALSE;
    }
  return TRUE;
}

void
meso_cli_field_error (const GError             *error,
                      const MesoCliFieldOption *map)
{
  const char *sep = strstr (error->message, ": ");

  if (sep != NULL)
    for (guint i = 0; map != NULL && map[i].field != NULL; i++)
      if (strlen (map[i].field) == (gsize) (sep - error->message) &&
          strncmp (map[i].field, error->message, sep - error->message) == 0)
        {
          meso_cli_error ("%s: %s", map[i].option, sep + 2);
          return;
        }
  meso_cli_error ("%s", error->message);
}

void
meso_cli_out (const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (text, stdout);
}

char *
meso_cli_tsv_field (const char *text)
{
  char *copy = g_strdup (text ? text : "");

  for (char *c = copy; *c; c++)
    if (*c == '\t' || *c == '\n' || *c == '\r')
      *c = ' ';
  return copy;
}

gboolean
meso_cli_print_json (JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  text = meso_json_to_string (node, &length);
  if (!meso_cli_write_output ("-", text, length, &error))
    {
      meso_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
meso_cli_print_screening (FILE                *out,
                          const MesoScreening *screening)
{
  g_autofree char *head = g_strdup_printf (_("Screening: %s\n"),
                                           meso_verdict_to_code (screening->verdict));

  fputs (head, out);
  if (screening->findings->len == 0)
    fputs (_("  no findings\n"), out);
  for (guint i = 0; i < screening->findings->len; i++)
    {
      const MesoFinding *f = g_ptr_array_index (screening->findings, i);
      g_autofree char *line = g_strdup_printf ("  %-15s %s: %s [%s]\n",
                                               meso_severity_to_code (f->severity),
                                               f->code, f->message, f->source);

      fputs (line, out);
    }
}
