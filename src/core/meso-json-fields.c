/* meso-json-fields.c: typed readers of JSON object members, each error
 * naming the JSON path of the offending value (meso-json-fields-private.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "meso-json-fields-private.h"

static char *
code_list (MesoJsonCodeAt code_at)
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

static gboolean
code_lookup (MesoJsonCodeAt code_at,
             const char    *code,
             guint         *out)
{
  for (guint i = 0; code_at (i) != NULL; i++)
    if (g_str_equal (code_at (i), code))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

char *
meso_json_join_key (const char *path,
                    const char *key)
{
  if (path == NULL || *path == '\0')
    return g_strdup (key);
  return g_strconcat (path, ".", key, NULL);
}

char *
meso_json_join_index (const char *path,
                      guint       index)
{
  return g_strdup_printf ("%s[%u]", path ? path : "", index);
}

gboolean
meso_json_fail (GError    **error,
                gint        code,
                const char *path,
                const char *format,
                ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (path == NULL || *path == '\0')
    g_set_error_literal (error, MESO_JSON_ERROR, code, msg);
  else
    g_set_error (error, MESO_JSON_ERROR, code, "%s: %s", path, msg);
  return FALSE;
}

static const char *
node_type_name (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true/false");
    default:
      return _("a number");
    }
}

gboolean
meso_json_fail_type (GError    **error,
                     const char *path,
                     const char *expected,
                     JsonNode   *found)
{
  return meso_json_fail (error, MESO_JSON_ERROR_TYPE, path, _("expected %s, found %s"),
                         expected, node_type_name (found));
}

JsonObject *
meso_json_expect_object (JsonNode   *node,
                         const char *path,
                         GError    **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      meso_json_fail_type (error, path, _("an object"), node);
      return NULL;
    }
  return json_node_get_object (node);
}

/* Unknown keys are refused: a misspelt key would otherwise silently lose
 * what it holds (a "medicatons" list would read as "not asked"). */
gboolean
meso_json_check_keys (JsonObject         *object,
                      const char         *path,
                      const char * const *known,
                      GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *where = meso_json_join_key (path, l->data);
        g_autofree char *list = g_strjoinv (", ", (char **) known);

        return meso_json_fail (error, MESO_JSON_ERROR_UNKNOWN_KEY, where,
                               _("unknown key “%s” (expected one of: %s)"),
                               (const char *) l->data, list);
      }
  return TRUE;
}

/* Returns the member, or NULL when it is absent or null and that is
 * allowed; @ok is FALSE when an error was set. */
JsonNode *
meso_json_get_member (JsonObject   *object,
                      const char   *path,
                      const char   *key,
                      MesoJsonFlags flags,
                      gboolean     *ok,
                      GError      **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *ok = TRUE;
  if (node == NULL)
    {
      if (flags & MESO_JSON_REQUIRED)
        {
          g_autofree char *where = meso_json_join_key (path, key);

          *ok = meso_json_fail (error, MESO_JSON_ERROR_MISSING, where, _("this key is required"));
        }
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!(flags & MESO_JSON_NULLABLE))
        {
          g_autofree char *where = meso_json_join_key (path, key);

          *ok = meso_json_fail (error, MESO_JSON_ERROR_TYPE, where, _("must not be null"));
        }
      return NULL;
    }
  return node;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

gboolean
meso_json_read_text (JsonObject   *object,
                     const char   *path,
                     const char   *key,
                     MesoJsonFlags flags,
                     char        **out,
                     GError      **error)
{
  gboolean ok;
  JsonNode *node = meso_json_get_member (object, path, key, flags, &ok, error);

  if (!ok)
    return FALSE;
  if (node == NULL)
    {
      if (json_object_has_member (object, key))
        g_clear_pointer (out, g_free);   /* explicit null */
      return TRUE;
    }
  if (!is_string (node))
    {
      g_autofree char *where = meso_json_join_key (path, key);

      return meso_json_fail_type (error, where, _("a string"), node);
    }
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
meso_json_read_date (JsonObject   *object,
                     const char   *path,
                     const char   *key,
                     MesoJsonFlags flags,
                     GDate        *out,
                     GError      **error)
{
  g_autofree char *text = NULL;

  if (!meso_json_read_text (object, path, key, flags, &text, error))
    return FALSE;
  if (text == NULL)
    {
      if (json_object_has_member (object, key))
        g_date_clear (out, 1);
      return TRUE;
    }
  if (!meso_date_parse (text, out))
    {
      g_autofree char *where = meso_json_join_key (path, key);

      return meso_json_fail (error, MESO_JSON_ERROR_INVALID, where,
                             _("“%s” is not a date (YYYY-MM-DD)"), text);
    }
  return TRUE;
}

gboolean
meso_json_read_code (JsonObject    *object,
                     const char    *path,
                     const char    *key,
                     MesoJsonFlags  flags,
                     MesoJsonCodeAt code_at,
                     guint         *out,
                     GError       **error)
{
  g_autofree char *text = NULL;

  if (!meso_json_read_text (object, path, key, flags, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!code_lookup (code_at, text, out))
    {
      g_autofree char *where = meso_json_join_key (path, key);
      g_autofree char *list = code_list (code_at);

      return meso_json_fail (error, MESO_JSON_ERROR_INVALID, where,
                             _("unknown value “%s” (expected one of: %s)"), text, list);
    }
  return TRUE;
}

/* A whole number; the caller checks its range.  @present tells whether a
 * value was read (FALSE for absent or null). */
gboolean
meso_json_read_int (JsonObject   *object,
                    const char   *path,
                    const char   *key,
                    MesoJsonFlags flags,
                    gint64       *out,
                    gboolean     *present,
                    GError      **error)
{
  gboolean ok;
  JsonNode *node = meso_json_get_member (object, path, key, flags, &ok, error);
  gdouble d;

  if (present)
    *present = FALSE;
  if (!ok)
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!is_number (node))
    {
      g_autofree char *where = meso_json_join_key (path, key);

      return meso_json_fail_type (error, where, _("a whole number"), node);
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else
    {
      d = json_node_get_double (node);
      if (d != floor (d) || fabs (d) > 1e15)
        {
          g_autofree char *where = meso_json_join_key (path, key);

          return meso_json_fail (error, MESO_JSON_ERROR_TYPE, where,
                                 _("expected a whole number, found %g"), d);
        }
      *out = (gint64) d;
    }
  if (present)
    *present = TRUE;
  return TRUE;
}

gboolean
meso_json_read_double (JsonObject   *object,
                       const char   *path,
                       const char   *key,
                       MesoJsonFlags flags,
                       gdouble      *out,
                       GError      **error)
{
  gboolean ok;
  JsonNode *node = meso_json_get_member (object, path, key, flags, &ok, error);

  if (!ok)
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!is_number (node))
    {
      g_autofree char *where = meso_json_join_key (path, key);

      return meso_json_fail_type (error, where, _("a number"), node);
    }
  *out = json_node_get_double (node);
  return TRUE;
}

gboolean
meso_json_read_bool (JsonObject   *object,
                     const char   *path,
                     const char   *key,
                     MesoJsonFlags flags,
                     gboolean     *out,
                     GError      **error)
{
  gboolean ok;
  JsonNode *node = meso_json_get_member (object, path, key, flags, &ok, error);

  if (!ok)
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *where = meso_json_join_key (path, key);

      return meso_json_fail_type (error, where, "true/false", node);
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
meso_json_read_strv (JsonObject   *object,
                     const char   *path,
                     const char   *key,
                     MesoJsonFlags flags,
                     GPtrArray   **out,
                     GError      **error)
{
  g_autofree char *where = meso_json_join_key (path, key);
  g_autoptr(GPtrArray) items = NULL;
  gboolean ok;
  JsonNode *node = meso_json_get_member (object, path, key, flags, &ok, error);
  JsonArray *array;

  if (!ok)
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return meso_json_fail_type (error, where, _("an array of strings"), node);
  array = json_node_get_array (node);
  items = meso_strv_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!is_string (item))
        {
          g_autofree char *item_path = meso_json_join_index (where, i);

          return meso_json_fail_type (error, item_path, _("a string"), item);
        }
      g_ptr_array_add (items, g_strdup (json_node_get_string (item)));
    }
  g_clear_pointer (out, g_ptr_array_unref);
  *out = g_steal_pointer (&items);
  return TRUE;
}

gboolean
meso_json_read_id (JsonObject *object,
                   const char *path,
                   const char *key,
                   gint64     *out,
                   GError    **error)
{
  gint64 value = 0;
  gboolean present;

  if (!meso_json_read_int (object, path, key, MESO_JSON_NULLABLE, &value, &present, error))
    return FALSE;
  if (!present)
    return TRUE;
  if (value < 1)
    {
      g_autofree char *where = meso_json_join_key (path, key);

      return meso_json_fail (error, MESO_JSON_ERROR_INVALID, where,
                             _("%lld is not a valid id (a positive whole number)"),
                             (long long) value);
    }
  *out = value;
  return TRUE;
}

gboolean
meso_json_relocate_error (GError                 *src,
                          const char             *path,
                          const MesoJsonFieldMap *map,
                          GError                **error)
{
  const char *sep = strstr (src->message, ": ");
  g_autofree char *field = NULL;
  g_autofree char *where = NULL;
  gint code = src->code == MESO_RECORD_ERROR_MISSING && src->domain == MESO_RECORD_ERROR
              ? MESO_JSON_ERROR_MISSING : MESO_JSON_ERROR_INVALID;

  if (sep == NULL)
    return meso_json_fail (error, code, path, "%s", src->message);
  field = g_strndup (src->message, sep - src->message);
  for (guint i = 0; map != NULL && map[i].field != NULL; i++)
    if (g_str_equal (map[i].field, field))
      {
        g_free (field);
        field = g_strdup (map[i].key);
        break;
      }
  where = meso_json_join_key (path, field);
  return meso_json_fail (error, code, where, "%s", sep + 2);
}
