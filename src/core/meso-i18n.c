/* meso-i18n.c: per-call language for handouts (see meso-i18n.h for why). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "meso-i18n.h"

static const char * const languages[] = { "en", "fr", "it", "es", "de", NULL };

const char * const *
meso_i18n_languages (void)
{
  return languages;
}

gboolean
meso_i18n_language_supported (const char *language)
{
  return language != NULL && g_strv_contains (languages, language);
}

/* ---- .mo catalogues ----------------------------------------------------
 *
 * The GNU .mo format: a header of 32-bit words (magic 0x950412de in the
 * writer's byte order, revision, N, offset of the msgid table, offset of
 * the msgstr table), each table holding N (length, offset) pairs.  We load
 * every pair into a hash table once per language.  Plural forms are not
 * used by the sheet: a plural entry is keyed by its singular msgid and
 * gives its first form.  An entry with a context stays keyed as msgfmt
 * wrote it, "context\004msgid", so it cannot shadow the same msgid
 * without one.
 */

#define MO_MAGIC          0x950412deU
#define MO_MAGIC_SWAPPED  0xde120495U

static GMutex      catalogues_lock;
static GHashTable *catalogues;  /* language → GHashTable msgid → msgstr (NULL = none) */

/* Values may be NULL ("no catalogue for this language"). */
static void
catalogue_free (gpointer table)
{
  if (table != NULL)
    g_hash_table_unref (table);
}

static gboolean
mo_read_u32 (const guint8 *data,
             gsize         size,
             gsize         offset,
             gboolean      swapped,
             guint32      *out)
{
  guint32 v;

  if (offset > size || size - offset < 4)
    return FALSE;
  memcpy (&v, data + offset, 4);
  *out = swapped ? GUINT32_SWAP_LE_BE (v) : v;
  return TRUE;
}

/* The string of table entry @i, or NULL when the file is damaged. */
static const char *
mo_string (const guint8 *data,
           gsize         size,
           guint32       table,
           guint32       i,
           gboolean      swapped)
{
  guint32 len, off;

  if (!mo_read_u32 (data, size, (gsize) table + 8 * (gsize) i, swapped, &len) ||
      !mo_read_u32 (data, size, (gsize) table + 8 * (gsize) i + 4, swapped, &off))
    return NULL;
  /* The string and its terminating NUL must lie inside the file. */
  if (off > size || size - off <= len || data[(gsize) off + len] != '\0')
    return NULL;
  return (const char *) data + off;
}

static GHashTable *
mo_load (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size = 0;
  const guint8 *data;
  guint32 magic, n, orig, trans;
  gboolean swapped;
  GHashTable *table;

  if (!g_file_get_contents (path, &contents, &size, NULL))
    return NULL;
  data = (const guint8 *) contents;
  if (!mo_read_u32 (data, size, 0, FALSE, &magic))
    return NULL;
  if (magic == MO_MAGIC)
    swapped = FALSE;
  else if (magic == MO_MAGIC_SWAPPED)
    swapped = TRUE;
  else
    {
      g_warning ("%s is not a gettext catalogue", path);
      return NULL;
    }
  if (!mo_read_u32 (data, size, 8, swapped, &n) ||
      !mo_read_u32 (data, size, 12, swapped, &orig) ||
      !mo_read_u32 (data, size, 16, swapped, &trans))
    return NULL;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      const char *id = mo_string (data, size, orig, i, swapped);
      const char *str = mo_string (data, size, trans, i, swapped);

      if (id == NULL || str == NULL)
        {
          g_warning ("%s is damaged (entry %u)", path, i);
          break;
        }
      /* The "" entry is the catalogue header; an empty msgstr means
       * untranslated.  Only UTF-8 catalogues are supported (po/ is UTF-8). */
      if (*id == '\0' || *str == '\0' || !g_utf8_validate (str, -1, NULL))
        continue;
      g_hash_table_insert (table, g_strdup (id), g_strdup (str));
    }
  return table;
}

const char *
meso_i18n_locale_dir (void)
{
  const char *dir = g_getenv ("MESOCHART_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

static char *
catalogue_path (const char *language)
{
  return g_build_filename (meso_i18n_locale_dir (), language, "LC_MESSAGES",
                           GETTEXT_PACKAGE ".mo", NULL);
}

/* The catalogue of @language, loaded once; NULL when it cannot be read.
 * Call with catalogues_lock held. */
static GHashTable *
lookup_catalogue_locked (const char *language)
{
  GHashTable *catalogue;

  if (catalogues == NULL)
    catalogues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        catalogue_free);
  if (!g_hash_table_lookup_extended (catalogues, language, NULL, (gpointer *) &catalogue))
    {
      g_autofree char *path = catalogue_path (language);

      /* A missing catalogue is remembered as NULL: English text is the
       * documented fallback. */
      catalogue = mo_load (path);
      g_hash_table_insert (catalogues, g_strdup (language), catalogue);
    }
  return catalogue;
}

gboolean
meso_i18n_language_available (const char *language)
{
  gboolean available;

  if (!meso_i18n_language_supported (language))
    return FALSE;
  if (g_str_equal (language, "en"))
    return TRUE;
  g_mutex_lock (&catalogues_lock);
  available = lookup_catalogue_locked (language) != NULL;
  g_mutex_unlock (&catalogues_lock);
  return available;
}

const char *
meso_i18n_translate (const char *language,
                     const char *msgid)
{
  GHashTable *catalogue;
  const char *result = msgid;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (!meso_i18n_language_supported (language) || g_str_equal (language, "en") ||
      *msgid == '\0')
    return msgid;

  g_mutex_lock (&catalogues_lock);
  catalogue = lookup_catalogue_locked (language);
  if (catalogue != NULL)
    {
      const char *found = g_hash_table_lookup (catalogue, msgid);

      if (found != NULL)
        result = found;
    }
  g_mutex_unlock (&catalogues_lock);
  /* Safe after unlocking: catalogues are only dropped by meso_i18n_reset(),
   * which tests call between cases. */
  return result;
}

const char *
meso_i18n_translate_context (const char *language,
                             const char *context,
                             const char *msgid)
{
  g_autofree char *key = NULL;
  const char *found;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (context == NULL)
    return meso_i18n_translate (language, msgid);
  key = g_strconcat (context, "\004", msgid, NULL);
  found = meso_i18n_translate (language, key);
  /* Untranslated: the English msgid, never the lookup key. */
  return found == key ? msgid : found;
}

void
meso_i18n_reset (void)
{
  g_mutex_lock (&catalogues_lock);
  g_clear_pointer (&catalogues, g_hash_table_unref);
  g_mutex_unlock (&catalogues_lock);
}

/* ---- dates --------------------------------------------------------------
 *
 * Our own month names so that a German sheet gets German months on a
 * machine whose only locale is C.UTF-8.  Not translatable strings: each
 * language's grammar is also coded here (day before month everywhere,
 * "4." in German, "de" in Spanish, "1er" in French). */

static const char * const months_en[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December" };
static const char * const months_fr[] = {
  "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
  "août", "septembre", "octobre", "novembre", "décembre" };
static const char * const months_it[] = {
  "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
  "agosto", "settembre", "ottobre", "novembre", "dicembre" };
static const char * const months_es[] = {
  "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
  "agosto", "septiembre", "octubre", "noviembre", "diciembre" };
static const char * const months_de[] = {
  "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
  "August", "September", "Oktober", "November", "Dezember" };

char *
meso_i18n_format_date (const char  *language,
                       const GDate *date)
{
  guint d, m, y;

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");
  d = g_date_get_day (date);
  m = g_date_get_month (date) - 1;
  y = g_date_get_year (date);

  if (g_strcmp0 (language, "fr") == 0)
    return d == 1 ? g_strdup_printf ("1er %s %u", months_fr[m], y)
                  : g_strdup_printf ("%u %s %u", d, months_fr[m], y);
  if (g_strcmp0 (language, "it") == 0)
    return g_strdup_printf ("%u %s %u", d, months_it[m], y);
  if (g_strcmp0 (language, "es") == 0)
    return g_strdup_printf ("%u de %s de %u", d, months_es[m], y);
  if (g_strcmp0 (language, "de") == 0)
    return g_strdup_printf ("%u. %s %u", d, months_de[m], y);
  return g_strdup_printf ("%u %s %u", d, months_en[m], y);
}

char *
meso_i18n_expand (const char *template_text,
                  ...)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  const char *p = template_text;
  const char *name;
  va_list args;

  va_start (args, template_text);
  while ((name = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (values, (gpointer) name, va_arg (args, char *));
  va_end (args);

  while (*p)
    {
      const char *close;

      if (*p == '{' && (close = strchr (p + 1, '}')) != NULL)
        {
          g_autofree char *key = g_strndup (p + 1, close - p - 1);
          const char *value = g_hash_table_lookup (values, key);

          if (value != NULL)
            {
              g_string_append (out, value);
              p = close + 1;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
