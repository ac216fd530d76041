/* meso-store-search.c: patient search.
 *
 * An FTS5 table (schema step 2) indexes, per patient, the words of the
 * name (case and accents folded by the unicode61 tokenizer), the date of
 * birth as one YYYYMMDD token and the phone number's digits.  Each word of
 * a query must match as a prefix: letters against name words, dates
 * ("1980", "1980-04", "1980-04-12", "12/04/1980") against the date of
 * birth, digits against phone digits or the year (from 3 digits on;
 * groups of digits typed apart may be one number or several).  Results come in name
 * order from a per-connection rank cache, not from an SQL sort.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "meso-store-private.h"

/* Search keys */

char *
meso_fold_for_sort (const char *text)
{
  g_autofree char *nfd = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  if (text == NULL || (nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD)) == NULL)
    return g_strdup ("");

  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          continue;   /* the accents of the decomposed letters */
        default:
          break;
        }
      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_utf8_casefold (out->str, -1);
}

static char *
digits_of (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Phone numbers are searched by digits only, as a substring: every digit
 * suffix of 3 or more digits is indexed, so that a prefix query on the
 * suffixes finds the typed digits anywhere in the number ("1234" finds
 * "06 12 34 56 78").  For an international number ("+33 6 12 34 56 78",
 * "0033 6...") the national form with a trunk 0 ("0612345678") is indexed
 * too, for each possible country code length (1-3 digits), since the
 * front desk types numbers the way patients say them. */
char *
meso_phone_search_tokens (const char *phone)
{
  g_autofree char *digits = digits_of (phone);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *trimmed = phone;
  const char *national = NULL;
  gsize len = strlen (digits);

  if (len == 0)
    return g_strdup ("");

  for (gsize i = 0; i == 0 || i + 3 <= len; i++)
    {
      g_string_append (out, digits + i);
      g_string_append_c (out, ' ');
    }

  while (trimmed != NULL && g_ascii_isspace (*trimmed))
    trimmed++;
  if (trimmed != NULL && *trimmed == '+')
    national = digits;
  else if (g_str_has_prefix (digits, "00"))
    national = digits + 2;

  if (national != NULL)
    for (gsize cc = 1; cc <= 3; cc++)
      if (strlen (national) > cc + 3)
        {
          /* Italy keeps its 0 after the country code: no double 0. */
          if (national[cc] != '0')
            g_string_append_c (out, '0');
          g_string_append (out, national + cc);
          g_string_append_c (out, ' ');
        }

  if (out->len > 0)
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dob_token (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");
  return g_strdup_printf ("%04u%02u%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

gboolean
meso_store_index_patient (MesoStore    *self,
                          gint64        id,
                          const char   *name,
                          const GDate  *date_of_birth,
                          const char   *phone,
                          GError      **error)
{
  g_autofree char *dob = dob_token (date_of_birth);
  g_autofree char *phone_tokens = meso_phone_search_tokens (phone);

  {
    g_autoptr(MesoStatement) del =
      meso_store_prepare (self, "DELETE FROM patient_search WHERE rowid = ?1", error);

    if (del == NULL)
      return FALSE;
    sqlite3_bind_int64 (del, 1, id);
    if (!meso_store_step_done (self, del, error))
      return FALSE;
  }
  {
    g_autoptr(MesoStatement) ins =
      meso_store_prepare (self,
                          "INSERT INTO patient_search (rowid, name, dob, phone)"
                          " VALUES (?1, ?2, ?3, ?4)", error);

    if (ins == NULL)
      return FALSE;
    sqlite3_bind_int64 (ins, 1, id);
    meso_bind_text (ins, 2, name ? name : "");
    meso_bind_text (ins, 3, dob);
    meso_bind_text (ins, 4, phone_tokens);
    return meso_store_step_done (self, ins, error);
  }
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

gboolean
meso_store_flush_search (MesoStore   *self,
                         GHashTable  *ids,
                         GError     **error)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                                g_hash_table_size (ids));
  GHashTableIter iter;
  gpointer key;

  /* In ascending rowid order: FTS5 writes its pending terms out as a new
   * segment whenever a rowid is not above the previous one, so the hash
   * table's order made one segment (and merges) per patient; in order a
   * bulk insert takes a fifth less CPU (demo, 2,000 patients). */
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (sorted, *(gint64 *) key);
  g_array_sort (sorted, compare_ids);

  for (guint i = 0; i < sorted->len; i++)
    {
      gint64 id = g_array_index (sorted, gint64, i);
      g_autofree char *name = NULL;
      g_autofree char *phone = NULL;
      gboolean has_row;
      GDate dob;

      {
        g_autoptr(MesoStatement) stmt =
          meso_store_prepare (self,
                              "SELECT name, date_of_birth, phone FROM patients WHERE id = ?1",
                              error);

        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, id);
        if (!meso_store_step_row (self, stmt, &has_row, error))
          return FALSE;
        if (has_row)
          {
            name = meso_column_dup_text (stmt, 0);
            meso_column_date (stmt, 1, &dob);
            phone = meso_column_dup_text (stmt, 2);
          }
      }

      if (has_row)
        {
          if (!meso_store_index_patient (self, id, name, &dob, phone, error))
            return FALSE;
        }
      else
        {
          g_autoptr(MesoStatement) del =
            meso_store_prepare (self, "DELETE FROM patient_search WHERE rowid = ?1", error);

          if (del == NULL)
            return FALSE;
          sqlite3_bind_int64 (del, 1, id);
          if (!meso_store_step_done (self, del, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Search */

static void
append_term (GString    *expr,
             const char *columns,
             const char *text)
{
  if (expr->len > 0)
    g_string_append (expr, " AND ");
  g_string_append (expr, columns);
  g_string_append (expr, " : \"");
  /* An FTS5 string: only '"' is special inside, and it is doubled. */
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (expr, '"');
      g_string_append_c (expr, *p);
    }
  g_string_append (expr, "\"*");
}

/* "1980", "1980-04", "1980-04-12" (or with '/' or '.'): the digits of a
 * date of birth, as a prefix of the indexed YYYYMMDD token.  A one-digit
 * month or day is padded only once a separator follows it, since the
 * user may still be typing ("1980-0" is on its way to "1980-04"). */
static gboolean
parse_iso_date_prefix (const char *word,
                       GString    *out)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  if (strlen (word) < 5 || !g_ascii_isdigit (word[0]))
    return FALSE;
  for (const char *p = word; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '-' && *p != '/' && *p != '.')
      return FALSE;

  parts = g_strsplit_set (word, "-/.", -1);
  n = g_strv_length (parts);
  if (n < 2 || n > 3 || strlen (parts[0]) != 4)
    return FALSE;
  for (guint i = 1; i < n; i++)
    if (strlen (parts[i]) > 2 || (i < n - 1 && parts[i][0] == '\0'))
      return FALSE;

  g_string_append (out, parts[0]);
  for (guint i = 1; i < n; i++)
    {
      gboolean last = (i == n - 1);

      if (strlen (parts[i]) == 1 && !last)
        g_string_append_c (out, '0');
      g_string_append (out, parts[i]);
    }
  return TRUE;
}

/* "12/04/1980" or "12.04.1980": a full day-first date. */
static gboolean
parse_dmy_date (const char *word,
                GString    *out)
{
  guint d, m, y;
  char tail;

  if (sscanf (word, "%2u/%2u/%4u%c", &d, &m, &y, &tail) != 3 &&
      sscanf (word, "%2u.%2u.%4u%c", &d, &m, &y, &tail) != 3)
    return FALSE;
  if (y < 1000 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_string_append_printf (out, "%04u%02u%02u", y, m, d);
  return TRUE;
}

static gboolean
is_phone_like (const char *word)
{
  gboolean has_digit = FALSE;

  for (const char *p = word; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        has_digit = TRUE;
      else if (strchr ("+-./()", *p) == NULL)
        return FALSE;
    }
  return has_digit;
}

/* Consecutive words of digits ("06 12 34", "1980 0612", "12 04 1980"):
 * read as one number typed in groups, or as separate numbers (a year and
 * a piece of a phone number).  Either reading may match. */
typedef struct
{
  GString   *joined;   /* every digit, in order */
  GPtrArray *groups;   /* each word's digits */
} DigitRun;

static void
digit_run_add (DigitRun   *run,
               const char *digits)
{
  g_string_append (run->joined, digits);
  g_ptr_array_add (run->groups, g_strdup (digits));
}

/* Adds the digit run to @expr, if it can narrow the list, and empties it.
 * One or two digits do not filter: as a piece of a phone number they are
 * in nearly every number ("0" in all 100,000 of a demo clinic, "06" in
 * half), and as a year of birth they say "born 1xxx".  Reading such a
 * match costs more than a keystroke may, to show what amounts to the
 * whole list.  Digits alone may be a phone fragment or a year of birth. */
static void
digit_run_flush (DigitRun *run,
                 GString  *expr)
{
  g_autoptr(GString) separate = g_string_new (NULL);
  guint n_separate = 0;

  if (run->groups->len > 1)
    for (guint i = 0; i < run->groups->len; i++)
      {
        const char *group = run->groups->pdata[i];

        if (strlen (group) >= MESO_SEARCH_MIN_DIGITS)
          {
            append_term (separate, "{phone dob}", group);
            n_separate++;
          }
      }

  if (run->joined->len >= MESO_SEARCH_MIN_DIGITS)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      append_term (joined, "{phone dob}", run->joined->str);
      if (expr->len > 0)
        g_string_append (expr, " AND ");
      if (n_separate > 0)
        g_string_append_printf (expr, "(%s OR (%s))", joined->str, separate->str);
      else
        g_string_append (expr, joined->str);
    }

  g_string_truncate (run->joined, 0);
  g_ptr_array_set_size (run->groups, 0);
}

static gboolean
has_alnum (const char *word)
{
  for (const char *p = word; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Builds the FTS5 expression for a typed query; NULL when nothing in it
 * can filter (empty, punctuation only, or too few digits). */
static char *
build_match_expression (const char *query)
{
  g_autoptr(GString) expr = g_string_new (NULL);
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  DigitRun digits = { joined, groups };
  g_auto(GStrv) words = NULL;

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return NULL;

  words = g_strsplit_set (query, " \t\n\r\f\v", -1);
  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *word = words[w];
      g_autoptr(GString) date = g_string_new (NULL);

      /* Nothing to find, and no break in a number typed in groups
       * ("06 - 12 - 34"). */
      if (!has_alnum (word))
        continue;

      if (parse_iso_date_prefix (word, date) || parse_dmy_date (word, date))
        {
          digit_run_flush (&digits, expr);
          append_term (expr, "dob", date->str);
        }
      else if (is_phone_like (word))
        {
          g_autofree char *word_digits = digits_of (word);

          digit_run_add (&digits, word_digits);
        }
      else
        {
          /* Letters: each run of letters and digits is a word prefix; the
           * tokenizer folds case and accents on both sides. */
          g_autoptr(GString) run = g_string_new (NULL);

          digit_run_flush (&digits, expr);
          for (const char *p = word; ; p = g_utf8_next_char (p))
            {
              gunichar c = g_utf8_get_char (p);

              if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
                {
                  g_string_append_unichar (run, c);
                  continue;
                }
              if (run->len > 0)
                append_term (expr, "name", run->str);
              g_string_truncate (run, 0);
              if (c == 0)
                break;
            }
        }
    }
  digit_run_flush (&digits, expr);

  if (expr->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&expr), FALSE);
}

/* The name order of every patient, kept per connection so that a search
 * only asks FTS5 for matching ids (no join, no sort in SQL) and puts them
 * in order by marking their ranks and sweeping once.  It is rebuilt when
 * another connection committed (PRAGMA data_version) or this one changed
 * anything (sqlite3_total_changes64), whichever code path did it. */
typedef struct
{
  gint64   data_version;
  gint64   total_changes;
  GArray     *order;        /* gint64 ids, by sort key then id */
  guint32    *rank_by_id;   /* rank + 1 (0: no such id), indexed by id ... */
  gint64      max_id;
  GHashTable *rank_of;      /* ... or, for sparse ids, gint64* -> rank + 1 */
} SearchCache;

static guint32
search_cache_rank (SearchCache *cache,
                   gint64       id)
{
  if (cache->rank_by_id != NULL)
    return (id > 0 && id <= cache->max_id) ? cache->rank_by_id[id] : 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (cache->rank_of, &id));
}

static void
search_cache_free (gpointer data)
{
  SearchCache *cache = data;

  g_clear_pointer (&cache->order, g_array_unref);
  g_clear_pointer (&cache->rank_of, g_hash_table_unref);
  g_free (cache->rank_by_id);
  g_free (cache);
}

static gboolean
get_data_version (MesoStore  *self,
                  gint64     *out,
                  GError    **error)
{
  g_autoptr(MesoStatement) stmt = meso_store_prepare (self, "PRAGMA data_version", error);
  gboolean has_row;

  if (stmt == NULL || !meso_store_step_row (self, stmt, &has_row, error))
    return FALSE;
  *out = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Makes the cache of @order (taken) for this connection as of @stamp. */
static SearchCache *
search_cache_new (MesoStore             *self,
                  const MesoSearchStamp *stamp,
                  GArray                *order)
{
  SearchCache *cache;
  gint64 max_id = 0;

  for (guint i = 0; i < order->len; i++)
    max_id = MAX (max_id, g_array_index (order, gint64, i));

  cache = g_new0 (SearchCache, 1);
  cache->data_version = stamp->data_version;
  cache->total_changes = stamp->total_changes;
  cache->max_id = max_id;
  /* Ids come from INTEGER PRIMARY KEY and are dense in practice: a plain
   * array.  An import may bring sparse (even huge) ids: a hash table. */
  if (max_id <= 4 * (gint64) order->len + 1024)
    {
      cache->rank_by_id = g_new0 (guint32, max_id + 1);
      for (guint i = 0; i < order->len; i++)
        cache->rank_by_id[g_array_index (order, gint64, i)] = i + 1;
    }
  else
    {
      cache->rank_of = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < order->len; i++)
        g_hash_table_insert (cache->rank_of, &g_array_index (order, gint64, i),
                             GUINT_TO_POINTER (i + 1));
    }
  cache->order = order;
  meso_store_set_search_cache (self, cache, search_cache_free);
  return cache;
}

gboolean
meso_store_get_search_stamp (MesoStore        *self,
                             MesoSearchStamp  *stamp,
                             GError          **error)
{
  g_return_val_if_fail (MESO_IS_STORE (self), FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  if (!get_data_version (self, &stamp->data_version, error))
    return FALSE;
  stamp->total_changes = sqlite3_total_changes64 (meso_store_get_db (self));
  return TRUE;
}

static gboolean
search_cache_is_current (SearchCache           *cache,
                         const MesoSearchStamp *stamp)
{
  return cache != NULL && cache->data_version == stamp->data_version &&
         cache->total_changes == stamp->total_changes;
}

gboolean
meso_store_adopt_search_order (MesoStore             *self,
                               const MesoSearchStamp *stamp,
                               GArray                *order)
{
  MesoSearchStamp now;

  g_return_val_if_fail (MESO_IS_STORE (self), FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);
  g_return_val_if_fail (order != NULL && g_array_get_element_size (order) == sizeof (gint64), FALSE);

  /* data_version changes when another connection committed since @stamp,
   * total_changes when this one wrote: either way @order may be stale. */
  if (!meso_store_get_search_stamp (self, &now, NULL) ||
      now.data_version != stamp->data_version ||
      now.total_changes != stamp->total_changes)
    return FALSE;
  if (!search_cache_is_current (meso_store_get_search_cache (self), &now))
    search_cache_new (self, &now, g_array_ref (order));
  return TRUE;
}

static SearchCache *
ensure_search_cache (MesoStore  *self,
                     GError    **error)
{
  SearchCache *cache = meso_store_get_search_cache (self);
  g_autoptr(MesoStatement) stmt = NULL;
  g_autoptr(GArray) order = NULL;
  MesoSearchStamp stamp;
  gboolean has_row;

  if (!meso_store_get_search_stamp (self, &stamp, error))
    return NULL;
  if (search_cache_is_current (cache, &stamp))
    return cache;

  stmt = meso_store_prepare (self, "SELECT id FROM patients ORDER BY sort_key, id", error);
  if (stmt == NULL)
    return NULL;
  order = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (;;)
    {
      gint64 id;

      if (!meso_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (order, id);
    }

  return search_cache_new (self, &stamp, g_steal_pointer (&order));
}

gboolean
meso_search_query_filters (const char *query)
{
  g_autofree char *expr = build_match_expression (query);

  return expr != NULL;
}

GArray *
meso_store_find_patient_ids (MesoStore   *self,
                             const char  *query,
                             GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(MesoStatement) stmt = NULL;
  g_autofree char *expr = NULL;
  g_autofree guint32 *marks = NULL;
  SearchCache *cache;
  gboolean has_row;
  guint n_words, n_found = 0;

  g_return_val_if_fail (MESO_IS_STORE (self), NULL);

  cache = ensure_search_cache (self, error);
  if (cache == NULL)
    return NULL;

  expr = build_match_expression (query);
  if (expr == NULL)
    {
      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), cache->order->len);
      g_array_append_vals (ids, cache->order->data, cache->order->len);
      return g_steal_pointer (&ids);
    }

  stmt = meso_store_prepare (self,
                             "SELECT rowid FROM patient_search WHERE patient_search MATCH ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  meso_bind_text (stmt, 1, expr);

  /* One bit per rank: matching ids are marked, then read in rank order. */
  n_words = (cache->order->len + 31) / 32;
  marks = g_new0 (guint32, MAX (n_words, 1));
  for (;;)
    {
      gint64 id;
      guint32 rank;

      if (!meso_store_step_row (self, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      /* Absent: deleted in this still-open transaction (the index catches
       * up at commit). */
      if ((rank = search_cache_rank (cache, id)) == 0)
        continue;
      rank--;
      marks[rank / 32] |= 1u << (rank % 32);
      n_found++;
    }

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_found);
  for (guint w = 0; w < n_words; w++)
    {
      guint32 bits = marks[w];

      while (bits != 0)
        {
          guint bit = g_bit_nth_lsf (bits, -1);

          g_array_append_val (ids, g_array_index (cache->order, gint64, w * 32 + bit));
          bits &= bits - 1;
        }
    }
  return g_steal_pointer (&ids);
}
