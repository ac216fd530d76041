/* meso-json-read.c: clinic records from JSON, with precise error paths. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "meso-json-private.h"

G_DEFINE_QUARK (meso-json-error-quark, meso_json_error)

/* ------------------------------------------------------------------ */
/* Codes                                                               */

/* One accessor per vocabulary with a common signature, so that reading
 * and error messages ("unknown area “knee” (face, neck, …)") are written
 * once. */
typedef const char *(*CodeAt) (guint i);

#define DEFINE_CODE_AT(Type, name, N)                                         \
  static const char *                                                         \
  name##_code_at (guint i)                                                    \
  {                                                                           \
    return i < (guint) N ? meso_##name##_to_code ((Type) i) : NULL;           \
  }

DEFINE_CODE_AT (MesoAnswer, answer, MESO_N_ANSWERS)
DEFINE_CODE_AT (MesoListState, list_state, MESO_N_LIST_STATES)
DEFINE_CODE_AT (MesoSex, sex, MESO_N_SEXES)
DEFINE_CODE_AT (MesoSessionStatus, session_status, MESO_N_SESSION_STATUSES)
DEFINE_CODE_AT (MesoIndication, indication, MESO_N_INDICATIONS)
DEFINE_CODE_AT (MesoArea, area, MESO_N_AREAS)
DEFINE_CODE_AT (MesoConsistency, consistency, MESO_N_CONSISTENCIES)
DEFINE_CODE_AT (MesoTechnique, technique, MESO_N_TECHNIQUES)
DEFINE_CODE_AT (MesoMassage, massage, MESO_N_MASSAGES)

static char *
code_list (CodeAt code_at)
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
code_lookup (CodeAt      code_at,
             const char *code,
             guint      *out)
{
  for (guint i = 0; code_at (i) != NULL; i++)
    if (g_str_equal (code_at (i), code))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

static char *
join_key (const char *path,
          const char *key)
{
  if (path == NULL || *path == '\0')
    return g_strdup (key);
  return g_strconcat (path, ".", key, NULL);
}

static char *
join_index (const char *path,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", path ? path : "", index);
}

static gboolean
fail (GError    **error,
      gint        code,
      const char *path,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (GError    **error,
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

static gboolean
fail_type (GError    **error,
           const char *path,
           const char *expected,
           JsonNode   *found)
{
  return fail (error, MESO_JSON_ERROR_TYPE, path, _("expected %s, found %s"),
               expected, node_type_name (found));
}

static JsonObject *
expect_object (JsonNode    *node,
               const char  *path,
               GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_type (error, path, _("an object"), node);
      return NULL;
    }
  return json_node_get_object (node);
}

/* Unknown keys are refused: a misspelt key would otherwise silently lose
 * what it holds (a "medicatons" list would read as "not asked"). */
static gboolean
check_keys (JsonObject         *object,
            const char         *path,
            const char * const *known,
            GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *where = join_key (path, l->data);
        g_autofree char *list = g_strjoinv (", ", (char **) known);

        return fail (error, MESO_JSON_ERROR_UNKNOWN_KEY, where,
                     _("unknown key “%s” (expected one of: %s)"),
                     (const char *) l->data, list);
      }
  return TRUE;
}

typedef enum
{
  OPTIONAL = 0,        /* absent keeps the default */
  REQUIRED = 1 << 0,   /* absent is an error */
  NULLABLE = 1 << 1,   /* null is accepted and means "not recorded" */
} Flags;

/* Returns the member, or NULL when it is absent or null and that is
 * allowed; @ok is FALSE when an error was set. */
static JsonNode *
get_member (JsonObject  *object,
            const char  *path,
            const char  *key,
            Flags        flags,
            gboolean    *ok,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *ok = TRUE;
  if (node == NULL)
    {
      if (flags & REQUIRED)
        {
          g_autofree char *where = join_key (path, key);

          *ok = fail (error, MESO_JSON_ERROR_MISSING, where, _("this key is required"));
        }
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!(flags & NULLABLE))
        {
          g_autofree char *where = join_key (path, key);

          *ok = fail (error, MESO_JSON_ERROR_TYPE, where, _("must not be null"));
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

static gboolean
read_text (JsonObject  *object,
           const char  *path,
           const char  *key,
           Flags        flags,
           char       **out,
           GError     **error)
{
  gboolean ok;
  JsonNode *node = get_member (object, path, key, flags, &ok, error);

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
      g_autofree char *where = join_key (path, key);

      return fail_type (error, where, _("a string"), node);
    }
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_date (JsonObject  *object,
           const char  *path,
           const char  *key,
           Flags        flags,
           GDate       *out,
           GError     **error)
{
  g_autofree char *text = NULL;

  if (!read_text (object, path, key, flags, &text, error))
    return FALSE;
  if (text == NULL)
    {
      if (json_object_has_member (object, key))
        g_date_clear (out, 1);
      return TRUE;
    }
  if (!meso_date_parse (text, out))
    {
      g_autofree char *where = join_key (path, key);

      return fail (error, MESO_JSON_ERROR_INVALID, where,
                   _("“%s” is not a date (YYYY-MM-DD)"), text);
    }
  return TRUE;
}

static gboolean
read_code (JsonObject  *object,
           const char  *path,
           const char  *key,
           Flags        flags,
           CodeAt       code_at,
           guint       *out,
           GError     **error)
{
  g_autofree char *text = NULL;

  if (!read_text (object, path, key, flags, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!code_lookup (code_at, text, out))
    {
      g_autofree char *where = join_key (path, key);
      g_autofree char *list = code_list (code_at);

      return fail (error, MESO_JSON_ERROR_INVALID, where,
                   _("unknown value “%s” (expected one of: %s)"), text, list);
    }
  return TRUE;
}

/* A whole number; the caller checks its range.  @present tells whether a
 * value was read (FALSE for absent or null). */
static gboolean
read_int (JsonObject  *object,
          const char  *path,
          const char  *key,
          Flags        flags,
          gint64      *out,
          gboolean    *present,
          GError     **error)
{
  gboolean ok;
  JsonNode *node = get_member (object, path, key, flags, &ok, error);
  gdouble d;

  if (present)
    *present = FALSE;
  if (!ok)
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!is_number (node))
    {
      g_autofree char *where = join_key (path, key);

      return fail_type (error, where, _("a whole number"), node);
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else
    {
      d = json_node_get_double (node);
      if (d != floor (d) || fabs (d) > 1e15)
        {
          g_autofree char *where = join_key (path, key);

          return fail (error, MESO_JSON_ERROR_TYPE, where,
                       _("expected a whole number, found %g"), d);
        }
      *out = (gint64) d;
    }
  if (present)
    *present = TRUE;
  return TRUE;
}

static gboolean
read_double (JsonObject  *object,
             const char  *path,
             const char  *key,
             Flags        flags,
             gdouble     *out,
             GError     **error)
{
  gboolean ok;
  JsonNode *node = get_member (object, path, key, flags, &ok, error);

  if (!ok)
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!is_number (node))
    {
      g_autofree char *where = join_key (path, key);

      return fail_type (error, where, _("a number"), node);
    }
  *out = json_node_get_double (node);
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *path,
           const char  *key,
           Flags        flags,
           gboolean    *out,
           GError     **error)
{
  gboolean ok;
  JsonNode *node = get_member (object, path, key, flags, &ok, error);

  if (!ok)
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *where = join_key (path, key);

      return fail_type (error, where, "true/false", node);
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_strv (JsonObject  *object,
           const char  *path,
           const char  *key,
           Flags        flags,
           GPtrArray  **out,
           GError     **error)
{
  g_autofree char *where = join_key (path, key);
  g_autoptr(GPtrArray) items = NULL;
  gboolean ok;
  JsonNode *node = get_member (object, path, key, flags, &ok, error);
  JsonArray *array;

  if (!ok)
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail_type (error, where, _("an array of strings"), node);
  array = json_node_get_array (node);
  items = meso_strv_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!is_string (item))
        {
          g_autofree char *item_path = join_index (where, i);

          return fail_type (error, item_path, _("a string"), item);
        }
      g_ptr_array_add (items, g_strdup (json_node_get_string (item)));
    }
  g_clear_pointer (out, g_ptr_array_unref);
  *out = g_steal_pointer (&items);
  return TRUE;
}

static gboolean
read_id (JsonObject  *object,
         const char  *path,
         const char  *key,
         gint64      *out,
         GError     **error)
{
  gint64 value = 0;
  gboolean present;

  if (!read_int (object, path, key, NULLABLE, &value, &present, error))
    return FALSE;
  if (!present)
    return TRUE;
  if (value < 1)
    {
      g_autofree char *where = join_key (path, key);

      return fail (error, MESO_JSON_ERROR_INVALID, where,
                   _("%" G_GINT64_FORMAT " is not a valid id (a positive whole number)"),
                   value);
    }
  *out = value;
  return TRUE;
}

/* The record validators name the field ("needle.gauge: …"); rewrite that
 * name into the JSON path of the value. */
typedef struct
{
  const char *field;
  const char *key;
} FieldMap;

static gboolean
relocate_error (GError         *src,
                const char     *path,
                const FieldMap *map,
                GError        **error)
{
  const char *sep = strstr (src->message, ": ");
  g_autofree char *field = NULL;
  g_autofree char *where = NULL;
  gint code = src->code == MESO_RECORD_ERROR_MISSING && src->domain == MESO_RECORD_ERROR
              ? MESO_JSON_ERROR_MISSING : MESO_JSON_ERROR_INVALID;

  if (sep == NULL)
    return fail (error, code, path, "%s", src->message);
  field = g_strndup (src->message, sep - src->message);
  for (guint i = 0; map != NULL && map[i].field != NULL; i++)
    if (g_str_equal (map[i].field, field))
      {
        g_free (field);
        field = g_strdup (map[i].key);
        break;
      }
  where = join_key (path, field);
  return fail (error, code, where, "%s", sep + 2);
}

static const FieldMap session_fields[] = {
  { "consistency", "solution.consistency" },
  { "batch", "solution.batch" },
  { "batch_expiry", "solution.batch_expiry" },
  { NULL, NULL }
};

MesoSession *
meso_session_from_json (JsonNode    *node,
                        const char  *path,
                        GError     **error)
{
  static const char * const keys[] = {
    "id", "patient_id", "date", "time", "status", "indication", "area",
    "solution", "needle", "depth_mm", "angle_deg", "technique",
    "massage_advice", "practitioner", "notes", "override_reason",
    "acknowledged", NULL
  };
  static const char * const solution_keys[] = {
    "name", "consistency", "ingredients", "volume_ml", "batch", "batch_expiry", NULL
  };
  static const char * const needle_keys[] = { "gauge", "length_mm", NULL };
  g_autoptr(MesoSession) s = meso_session_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *time = NULL;
  g_autofree char *solution_path = join_key (path, "solution");
  g_autofree char *needle_path = join_key (path, "needle");
  JsonObject *object, *solution, *needle;
  JsonNode *member;
  guint code;
  gint64 gauge = 0;
  gboolean ok;

  if ((object = expect_object (node, path, error)) == NULL ||
      !check_keys (object, path, keys, error))
    return NULL;

  if (!read_id (object, path, "id", &s->id, error) ||
      !read_id (object, path, "patient_id", &s->patient_id, error) ||
      !read_date (object, path, "date", REQUIRED, &s->date, error) ||
      !read_text (object, path, "time", NULLABLE, &time, error))
    return NULL;
  if (time != NULL && !meso_time_parse (time, &s->time_minutes))
    {
      g_autofree char *where = join_key (path, "time");

      fail (error, MESO_JSON_ERROR_INVALID, where,
            _("“%s” is not a time of day (HH:MM, 00:00-23:59)"), time);
      return NULL;
    }

  /* The clinical facts of a session are required: a default needle or
   * depth filled in by the importer would falsify the record. */
  code = s->status;
  if (!read_code (object, path, "status", REQUIRED, session_status_code_at, &code, error))
    return NULL;
  s->status = code;
  code = s->indication;
  if (!read_code (object, path, "indication", REQUIRED, indication_code_at, &code, error))
    return NULL;
  s->indication = code;
  code = s->area;
  if (!read_code (object, path, "area", REQUIRED, area_code_at, &code, error))
    return NULL;
  s->area = code;

  member = get_member (object, path, "solution", REQUIRED, &ok, error);
  if (!ok)
    return NULL;
  if ((solution = expect_object (member, solution_path, error)) == NULL ||
      !check_keys (solution, solution_path, solution_keys, error) ||
      !read_text (solution, solution_path, "name", REQUIRED | NULLABLE, &s->solution_name, error))
    return NULL;
  code = s->consistency;
  if (!read_code (solution, solution_path, "consistency", REQUIRED, consistency_code_at, &code, error))
    return NULL;
  s->consistency = code;
  if (!read_strv (solution, solution_path, "ingredients", REQUIRED, &s->ingredients, error) ||
      !read_double (solution, solution_path, "volume_ml", REQUIRED, &s->volume_ml, error) ||
      !read_text (solution, solution_path, "batch", NULLABLE, &s->batch, error) ||
      !read_date (solution, solution_path, "batch_expiry", NULLABLE, &s->batch_expiry, error))
    return NULL;

  member = get_member (object, path, "needle", REQUIRED, &ok, error);
  if (!ok)
    return NULL;
  if ((needle = expect_object (member, needle_path, error)) == NULL ||
      !check_keys (needle, needle_path, needle_keys, error) ||
      !read_int (needle, needle_path, "gauge", REQUIRED, &gauge, NULL, error) ||
      !read_double (needle, needle_path, "length_mm", REQUIRED, &s->needle_length_mm, error))
    return NULL;
  /* Out of the guint range would wrap around: report it like any other
   * gauge outside the plausible range. */
  s->needle_gauge = gauge < 0 || gauge > 1000 ? 0 : (guint) gauge;
  if (gauge < 0 || gauge > 1000)
    {
      g_autofree char *where = join_key (needle_path, "gauge");

      fail (error, MESO_JSON_ERROR_INVALID, where, _("%" G_GINT64_FORMAT " G is outside %d-%d G"),
            gauge, MESO_GAUGE_MIN, MESO_GAUGE_MAX);
      return NULL;
    }

  if (!read_double (object, path, "depth_mm", REQUIRED, &s->depth_mm, error) ||
      !read_double (object, path, "angle_deg", REQUIRED, &s->angle_deg, error))
    return NULL;
  code = s->technique;
  if (!read_code (object, path, "technique", REQUIRED, technique_code_at, &code, error))
    return NULL;
  s->technique = code;
  code = s->massage;
  if (!read_code (object, path, "massage_advice", REQUIRED, massage_code_at, &code, error))
    return NULL;
  s->massage = code;
  if (!read_text (object, path, "practitioner", NULLABLE, &s->practitioner, error) ||
      !read_text (object, path, "notes", NULLABLE, &s->notes, error) ||
      !read_text (object, path, "override_reason", NULLABLE, &s->override_reason, error) ||
      !read_strv (object, path, "acknowledged", OPTIONAL, &s->acknowledged, error))
    return NULL;

  if (!meso_session_validate (s, &local_error))
    {
      relocate_error (local_error, path, session_fields, error);
      return NULL;
    }
  return g_steal_pointer (&s);
}

static gboolean
read_list (JsonObject     *history,
           const char     *path,
           const char     *key,
           MesoListState  *state,
           GPtrArray     **items,
           GDate          *confirmed,
           GError        **error)
{
  static const char * const keys[] = { "state", "items", "confirmed", NULL };
  g_autofree char *list_path = join_key (path, key);
  gboolean ok;
  JsonNode *node = get_member (history, path, key, OPTIONAL, &ok, error);
  JsonObject *object;
  guint code = *state;

  if (!ok)
    return FALSE;
  if (node == NULL)
    return TRUE;
  if ((object = expect_object (node, list_path, error)) == NULL ||
      !check_keys (object, list_path, keys, error) ||
      !read_code (object, list_path, "state", REQUIRED, list_state_code_at, &code, error) ||
      !read_strv (object, list_path, "items", OPTIONAL, items, error) ||
      !read_date (object, list_path, "confirmed", NULLABLE, confirmed, error))
    return FALSE;
  *state = code;
  return TRUE;
}

static gboolean
read_history (JsonNode     *node,
              const char   *path,
              MesoHistory  *h,
              GError      **error)
{
  static const char * const keys[] = {
    "conditions", "medications", "allergies", "fitzpatrick",
    "bruises_easily", "sensitive_skin", NULL
  };
  static const char * const answer_keys[] = { "answer", "confirmed", NULL };
  g_autofree char *conditions_path = join_key (path, "conditions");
  g_autoptr(GError) local_error = NULL;
  const char *condition_keys[MESO_N_CONDITIONS + 1];
  JsonObject *object, *conditions;
  JsonNode *member;
  gint64 fitzpatrick = 0;
  gboolean ok;

  if ((object = expect_object (node, path, error)) == NULL ||
      !check_keys (object, path, keys, error))
    return FALSE;

  /* A condition left out stays "not asked": the screening then reports
   * the history as incomplete instead of assuming "no". */
  member = get_member (object, path, "conditions", OPTIONAL, &ok, error);
  if (!ok)
    return FALSE;
  if (member != NULL)
    {
      for (guint i = 0; i < MESO_N_CONDITIONS; i++)
        condition_keys[i] = meso_condition_to_code (i);
      condition_keys[MESO_N_CONDITIONS] = NULL;
      if ((conditions = expect_object (member, conditions_path, error)) == NULL ||
          !check_keys (conditions, conditions_path, condition_keys, error))
        return FALSE;
      for (guint i = 0; i < MESO_N_CONDITIONS; i++)
        {
          const char *c = meso_condition_to_code (i);
          g_autofree char *answer_path = join_key (conditions_path, c);
          JsonNode *answer_node = get_member (conditions, conditions_path, c, OPTIONAL, &ok, error);
          JsonObject *answer;
          guint code = h->conditions[i].answer;

          if (!ok)
            return FALSE;
          if (answer_node == NULL)
            continue;
          if ((answer = expect_object (answer_node, answer_path, error)) == NULL ||
              !check_keys (answer, answer_path, answer_keys, error) ||
              !read_code (answer, answer_path, "answer", REQUIRED, answer_code_at, &code, error) ||
              !read_date (answer, answer_path, "confirmed", NULLABLE,
                          &h->conditions[i].confirmed, error))
            return FALSE;
          h->conditions[i].answer = code;
        }
    }

  if (!read_list (object, path, "medications", &h->medications_state,
                  &h->medications, &h->medications_confirmed, error) ||
      !read_list (object, path, "allergies", &h->allergies_state,
                  &h->allergies, &h->allergies_confirmed, error) ||
      !read_int (object, path, "fitzpatrick", NULLABLE, &fitzpatrick, NULL, error) ||
      !read_bool (object, path, "bruises_easily", OPTIONAL, &h->bruises_easily, error) ||
      !read_bool (object, path, "sensitive_skin", OPTIONAL, &h->sensitive_skin, error))
    return FALSE;
  if (fitzpatrick < 0 || fitzpatrick > 6)
    {
      g_autofree char *where = join_key (path, "fitzpatrick");

      return fail (error, MESO_JSON_ERROR_INVALID, where,
                   _("skin type must be I to VI (1-6), or null when not recorded; not %" G_GINT64_FORMAT),
                   fitzpatrick);
    }
  h->fitzpatrick = (guint) fitzpatrick;

  if (!meso_history_validate (h, &local_error))
    {
      FieldMap map[MESO_N_CONDITIONS + 1];
      char *names[MESO_N_CONDITIONS];

      for (guint i = 0; i < MESO_N_CONDITIONS; i++)
        {
          names[i] = g_strconcat ("conditions.", meso_condition_to_code (i), NULL);
          map[i].field = meso_condition_to_code (i);
          map[i].key = names[i];
        }
      map[MESO_N_CONDITIONS].field = NULL;
      map[MESO_N_CONDITIONS].key = NULL;
      relocate_error (local_error, path, map, error);
      for (guint i = 0; i < MESO_N_CONDITIONS; i++)
        g_free (names[i]);
      return FALSE;
    }
  return TRUE;
}

MesoPatient *
meso_patient_from_json (JsonNode    *node,
                        const char  *path,
                        GPtrArray  **sessions_out,
                        GError     **error)
{
  static const char * const keys[] = {
    "id", "name", "date_of_birth", "sex", "phone", "email", "address",
    "language", "notes", "history", "sessions", NULL
  };
  g_autoptr(MesoPatient) p = meso_patient_new ();
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_session_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *history_path = join_key (path, "history");
  g_autofree char *sessions_path = join_key (path, "sessions");
  JsonObject *object;
  JsonNode *member;
  GDate today;
  guint code;
  gboolean ok;

  if ((object = expect_object (node, path, error)) == NULL ||
      !check_keys (object, path, keys, error))
    return NULL;
  code = p->sex;
  if (!read_id (object, path, "id", &p->id, error) ||
      !read_text (object, path, "name", REQUIRED, &p->name, error) ||
      !read_date (object, path, "date_of_birth", REQUIRED, &p->date_of_birth, error) ||
      !read_code (object, path, "sex", OPTIONAL, sex_code_at, &code, error) ||
      !read_text (object, path, "phone", NULLABLE, &p->phone, error) ||
      !read_text (object, path, "email", NULLABLE, &p->email, error) ||
      !read_text (object, path, "address", NULLABLE, &p->address, error) ||
      !read_text (object, path, "language", OPTIONAL, &p->language, error) ||
      !read_text (object, path, "notes", NULLABLE, &p->notes, error))
    return NULL;
  p->sex = code;

  member = get_member (object, path, "history", OPTIONAL, &ok, error);
  if (!ok)
    return NULL;
  if (member != NULL && !read_history (member, history_path, p->history, error))
    return NULL;

  meso_date_set_today (&today);
  if (!meso_patient_validate (p, &today, &local_error))
    {
      relocate_error (local_error, path, NULL, error);
      return NULL;
    }

  member = get_member (object, path, "sessions", OPTIONAL, &ok, error);
  if (!ok)
    return NULL;
  if (member != NULL)
    {
      JsonArray *array;

      if (sessions_out == NULL)
        {
          fail (error, MESO_JSON_ERROR_UNKNOWN_KEY, sessions_path,
                _("sessions cannot be given here"));
          return NULL;
        }
      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          fail_type (error, sessions_path, _("an array of sessions"), member);
          return NULL;
        }
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *session_path = join_index (sessions_path, i);
          MesoSession *s = meso_session_from_json (json_array_get_element (array, i),
                                                   session_path, error);

          if (s == NULL)
            return NULL;
          g_ptr_array_add (sessions, s);
          if (s->patient_id != 0 && s->patient_id != p->id)
            {
              g_autofree char *where = join_key (session_path, "patient_id");

              fail (error, MESO_JSON_ERROR_INVALID, where,
                    _("%" G_GINT64_FORMAT " is not the id of the patient the session is listed under"),
                    s->patient_id);
              return NULL;
            }
          s->patient_id = p->id;
        }
    }

  if (sessions_out != NULL)
    *sessions_out = g_steal_pointer (&sessions);
  return g_steal_pointer (&p);
}

MesoSettings *
meso_settings_from_json (JsonNode    *node,
                         const char  *path,
                         GError     **error)
{
  static const char * const keys[] = {
    "clinic_name", "clinic_address", "clinic_phone", "legal_age",
    "default_massage", "next_session_days", "paper_size", NULL
  };
  g_autoptr(MesoSettings) s = meso_settings_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  gint64 legal_age = s->legal_age, next_days = s->next_session_days;
  guint massage = s->default_massage, paper = s->paper_size;

  if ((object = expect_object (node, path, error)) == NULL ||
      !check_keys (object, path, keys, error) ||
      !read_text (object, path, "clinic_name", NULLABLE, &s->clinic_name, error) ||
      !read_text (object, path, "clinic_address", NULLABLE, &s->clinic_address, error) ||
      !read_text (object, path, "clinic_phone", NULLABLE, &s->clinic_phone, error) ||
      !read_int (object, path, "legal_age", OPTIONAL, &legal_age, NULL, error) ||
      !read_code (object, path, "default_massage", OPTIONAL, massage_code_at, &massage, error) ||
      !read_int (object, path, "next_session_days", OPTIONAL, &next_days, NULL, error) ||
      !read_code (object, path, "paper_size", OPTIONAL, meso_json_paper_code_at, &paper, error))
    return NULL;
  if (legal_age < 0 || legal_age > 100)
    {
      g_autofree char *where = join_key (path, "legal_age");

      fail (error, MESO_JSON_ERROR_INVALID, where,
            _("%" G_GINT64_FORMAT " is not an age from 0 to 100"), legal_age);
      return NULL;
    }
  if (next_days < 0 || next_days > 3650)
    {
      g_autofree char *where = join_key (path, "next_session_days");

      fail (error, MESO_JSON_ERROR_INVALID, where,
            _("%" G_GINT64_FORMAT " is not a number of days from 0 to 3650"), next_days);
      return NULL;
    }
  s->legal_age = (guint) legal_age;
  s->next_session_days = (guint) next_days;
  s->default_massage = massage;
  s->paper_size = paper;
  if (!meso_settings_validate (s, &local_error))
    {
      relocate_error (local_error, path, NULL, error);
      return NULL;
    }
  return g_steal_pointer (&s);
}

#define MAX_DEPTH 64

/* Line and column (1-based, in characters) of byte @offset. */
static void
position_of (const char *data,
             gsize       offset,
             guint      *line,
             guint      *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) data[i] & 0xC0) != 0x80)
        (*column)++;
    }
}

JsonNode *
meso_json_parse (const char  *data,
                 gssize       length,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  const char *end = NULL;
  JsonNode *root;

  if (name == NULL)
    name = _("<input>");
  if (length < 0)
    length = strlen (data);

  /* json-glib's message for bad UTF-8 has no position; give one. */
  if (!g_utf8_validate (data, length, &end))
    {
      guint line, column;

      position_of (data, end - data, &line, &column);
      g_set_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX,
                   _("%s:%u:%u: the file is not valid UTF-8 text"), name, line, column);
      return NULL;
    }
  /* json-glib's parser recurses once per level: a crafted file of a
   * million "[" would exhaust the stack.  The export is 7 levels deep.
   * json-glib 1.6 also reads "{…}{…}" as the first object and silently
   * drops the rest: a second document glued on is refused here. */
  {
    guint depth = 0;
    gboolean in_string = FALSE, closed = FALSE;

    for (gssize i = 0; i < length; i++)
      {
        char c = data[i];

        if (closed && !g_ascii_isspace (c))
          {
            guint line, column;

            position_of (data, i, &line, &column);
            g_set_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX,
                         _("%s:%u:%u: unexpected text after the end of the document"),
                         name, line, column);
            return NULL;
          }
        if (in_string)
          {
            if (c == '\\')
              i++;
            else if (c == '"')
              in_string = FALSE;
          }
        else if (c == '"')
          in_string = TRUE;
        else if (c == '[' || c == '{')
          {
            if (++depth > MAX_DEPTH)
              {
                guint line, column;

                position_of (data, i, &line, &column);
                g_set_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX,
                             _("%s:%u:%u: nested more than %u levels deep"),
                             name, line, column, MAX_DEPTH);
                return NULL;
              }
          }
        else if ((c == ']' || c == '}') && depth > 0)
          closed = --depth == 0;
      }
  }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib says "<data>:LINE:COL: Parse error: …"; name the file. */
      const char *msg = local_error->message;

      if (g_str_has_prefix (msg, "<data>:"))
        msg += strlen ("<data>");
      g_set_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX, "%s%s%s",
                   name, *msg == ':' ? "" : ": ", msg);
      return NULL;
    }
  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX,
                   _("%s: the file is empty"), name);
      return NULL;
    }
  return root;
}
