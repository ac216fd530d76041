/* meso-json-read.c: clinic records from JSON, with precise error paths. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "meso-json-fields-private.h"

G_DEFINE_QUARK (meso-json-error-quark, meso_json_error)

/* ------------------------------------------------------------------ */
/* Codes                                                               */

/* The vocabularies, as MesoJsonCodeAt accessors. */
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

static const MesoJsonFieldMap session_fields[] = {
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
  g_autofree char *solution_path = meso_json_join_key (path, "solution");
  g_autofree char *needle_path = meso_json_join_key (path, "needle");
  JsonObject *object, *solution, *needle;
  JsonNode *member;
  guint code;
  gint64 gauge = 0;
  gboolean ok;

  if ((object = meso_json_expect_object (node, path, error)) == NULL ||
      !meso_json_check_keys (object, path, keys, error))
    return NULL;

  if (!meso_json_read_id (object, path, "id", &s->id, error) ||
      !meso_json_read_id (object, path, "patient_id", &s->patient_id, error) ||
      !meso_json_read_date (object, path, "date", MESO_JSON_REQUIRED, &s->date, error) ||
      !meso_json_read_text (object, path, "time", MESO_JSON_NULLABLE, &time, error))
    return NULL;
  if (time != NULL && !meso_time_parse (time, &s->time_minutes))
    {
      g_autofree char *where = meso_json_join_key (path, "time");

      meso_json_fail (error, MESO_JSON_ERROR_INVALID, where,
                      _("“%s” is not a time of day (HH:MM, 00:00-23:59)"), time);
      return NULL;
    }

  /* The clinical facts of a session are required: a default needle or
   * depth filled in by the importer would falsify the record. */
  code = s->status;
  if (!meso_json_read_code (object, path, "status", MESO_JSON_REQUIRED, session_status_code_at,
                            &code, error))
    return NULL;
  s->status = code;
  code = s->indication;
  if (!meso_json_read_code (object, path, "indication", MESO_JSON_REQUIRED, indication_code_at,
                            &code, error))
    return NULL;
  s->indication = code;
  code = s->area;
  if (!meso_json_read_code (object, path, "area", MESO_JSON_REQUIRED, area_code_at, &code, error))
    return NULL;
  s->area = code;

  member = meso_json_get_member (object, path, "solution", MESO_JSON_REQUIRED, &ok, error);
  if (!ok)
    return NULL;
  if ((solution = meso_json_expect_object (member, solution_path, error)) == NULL ||
      !meso_json_check_keys (solution, solution_path, solution_keys, error) ||
      !meso_json_read_text (solution, solution_path, "name",
                            MESO_JSON_REQUIRED | MESO_JSON_NULLABLE, &s->solution_name, error))
    return NULL;
  code = s->consistency;
  if (!meso_json_read_code (solution, solution_path, "consistency", MESO_JSON_REQUIRED,
                            consistency_code_at, &code, error))
    return NULL;
  s->consistency = code;
  if (!meso_json_read_strv (solution, solution_path, "ingredients", MESO_JSON_REQUIRED,
                            &s->ingredients, error) ||
      !meso_json_read_double (solution, solution_path, "volume_ml", MESO_JSON_REQUIRED,
                              &s->volume_ml, error) ||
      !meso_json_read_text (solution, solution_path, "batch", MESO_JSON_NULLABLE, &s->batch, error) ||
      !meso_json_read_date (solution, solution_path, "batch_expiry", MESO_JSON_NULLABLE,
                            &s->batch_expiry, error))
    return NULL;

  member = meso_json_get_member (object, path, "needle", MESO_JSON_REQUIRED, &ok, error);
  if (!ok)
    return NULL;
  if ((needle = meso_json_expect_object (member, needle_path, error)) == NULL ||
      !meso_json_check_keys (needle, needle_path, needle_keys, error) ||
      !meso_json_read_int (needle, needle_path, "gauge", MESO_JSON_REQUIRED, &gauge, NULL, error) ||
      !meso_json_read_double (needle, needle_path, "length_mm", MESO_JSON_REQUIRED,
                              &s->needle_length_mm, error))
    return NULL;
  /* Out of the guint range would wrap around: report it like any other
   * gauge outside the plausible range. */
  s->needle_gauge = gauge < 0 || gauge > 1000 ? 0 : (guint) gauge;
  if (gauge < 0 || gauge > 1000)
    {
      g_autofree char *where = meso_json_join_key (needle_path, "gauge");

      meso_json_fail (error, MESO_JSON_ERROR_INVALID, where, _("%lld G is outside %d-%d G"),
                      (long long) gauge, MESO_GAUGE_MIN, MESO_GAUGE_MAX);
      return NULL;
    }

  if (!meso_json_read_double (object, path, "depth_mm", MESO_JSON_REQUIRED, &s->depth_mm, error) ||
      !meso_json_read_double (object, path, "angle_deg", MESO_JSON_REQUIRED, &s->angle_deg, error))
    return NULL;
  code = s->technique;
  if (!meso_json_read_code (object, path, "technique", MESO_JSON_REQUIRED, technique_code_at,
                            &code, error))
    return NULL;
  s->technique = code;
  code = s->massage;
  if (!meso_json_read_code (object, path, "massage_advice", MESO_JSON_REQUIRED, massage_code_at,
                            &code, error))
    return NULL;
  s->massage = code;
  if (!meso_json_read_text (object, path, "practitioner", MESO_JSON_NULLABLE,
                            &s->practitioner, error) ||
      !meso_json_read_text (object, path, "notes", MESO_JSON_NULLABLE, &s->notes, error) ||
      !meso_json_read_text (object, path, "override_reason", MESO_JSON_NULLABLE,
                            &s->override_reason, error) ||
      !meso_json_read_strv (object, path, "acknowledged", MESO_JSON_OPTIONAL,
                            &s->acknowledged, error))
    return NULL;

  if (!meso_session_validate (s, &local_error))
    {
      meso_json_relocate_error (local_error, path, session_fields, error);
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
  g_autofree char *list_path = meso_json_join_key (path, key);
  gboolean ok;
  JsonNode *node = meso_json_get_member (history, path, key, MESO_JSON_OPTIONAL, &ok, error);
  JsonObject *object;
  guint code = *state;

  if (!ok)
    return FALSE;
  if (node == NULL)
    return TRUE;
  if ((object = meso_json_expect_object (node, list_path, error)) == NULL ||
      !meso_json_check_keys (object, list_path, keys, error) ||
      !meso_json_read_code (object, list_path, "state", MESO_JSON_REQUIRED, list_state_code_at,
                            &code, error) ||
      !meso_json_read_strv (object, list_path, "items", MESO_JSON_OPTIONAL, items, error) ||
      !meso_json_read_date (object, list_path, "confirmed", MESO_JSON_NULLABLE, confirmed, error))
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
  g_autofree char *conditions_path = meso_json_join_key (path, "conditions");
  g_autoptr(GError) local_error = NULL;
  const char *condition_keys[MESO_N_CONDITIONS + 1];
  JsonObject *object, *conditions;
  JsonNode *member;
  gint64 fitzpatrick = 0;
  gboolean ok;

  if ((object = meso_json_expect_object (node, path, error)) == NULL ||
      !meso_json_check_keys (object, path, keys, error))
    return FALSE;

  /* A condition left out stays "not asked": the screening then reports
   * the history as incomplete instead of assuming "no". */
  member = meso_json_get_member (object, path, "conditions", MESO_JSON_OPTIONAL, &ok, error);
  if (!ok)
    return FALSE;
  if (member != NULL)
    {
      for (guint i = 0; i < MESO_N_CONDITIONS; i++)
        condition_keys[i] = meso_condition_to_code (i);
      condition_keys[MESO_N_CONDITIONS] = NULL;
      if ((conditions = meso_json_expect_object (member, conditions_path, error)) == NULL ||
          !meso_json_check_keys (conditions, conditions_path, condition_keys, error))
        return FALSE;
      for (guint i = 0; i < MESO_N_CONDITIONS; i++)
        {
          const char *c = meso_condition_to_code (i);
          g_autofree char *answer_path = meso_json_join_key (conditions_path, c);
          JsonNode *answer_node = meso_json_get_member (conditions, conditions_path, c,
                                                        MESO_JSON_OPTIONAL, &ok, error);
          JsonObject *answer;
          guint code = h->conditions[i].answer;

          if (!ok)
            return FALSE;
          if (answer_node == NULL)
            continue;
          if ((answer = meso_json_expect_object (answer_node, answer_path, error)) == NULL ||
              !meso_json_check_keys (answer, answer_path, answer_keys, error) ||
              !meso_json_read_code (answer, answer_path, "answer", MESO_JSON_REQUIRED,
                                    answer_code_at, &code, error) ||
              !meso_json_read_date (answer, answer_path, "confirmed", MESO_JSON_NULLABLE,
                                    &h->conditions[i].confirmed, error))
            return FALSE;
          h->conditions[i].answer = code;
        }
    }

  if (!read_list (object, path, "medications", &h->medications_state,
                  &h->medications, &h->medications_confirmed, error) ||
      !read_list (object, path, "allergies", &h->allergies_state,
                  &h->allergies, &h->allergies_confirmed, error) ||
      !meso_json_read_int (object, path, "fitzpatrick", MESO_JSON_NULLABLE, &fitzpatrick,
                           NULL, error) ||
      !meso_json_read_bool (object, path, "bruises_easily", MESO_JSON_OPTIONAL,
                            &h->bruises_easily, error) ||
      !meso_json_read_bool (object, path, "sensitive_skin", MESO_JSON_OPTIONAL,
                            &h->sensitive_skin, error))
    return FALSE;
  if (fitzpatrick < 0 || fitzpatrick > 6)
    {
      g_autofree char *where = meso_json_join_key (path, "fitzpatrick");

      return meso_json_fail (error, MESO_JSON_ERROR_INVALID, where,
                             _("skin type must be I to VI (1-6), or null when not recorded; not %lld"),
                             (long long) fitzpatrick);
    }
  h->fitzpatrick = (guint) fitzpatrick;

  if (!meso_history_validate (h, &local_error))
    {
      MesoJsonFieldMap map[MESO_N_CONDITIONS + 1];
      char *names[MESO_N_CONDITIONS];

      for (guint i = 0; i < MESO_N_CONDITIONS; i++)
        {
          names[i] = g_strconcat ("conditions.", meso_condition_to_code (i), NULL);
          map[i].field = meso_condition_to_code (i);
          map[i].key = names[i];
        }
      map[MESO_N_CONDITIONS].field = NULL;
      map[MESO_N_CONDITIONS].key = NULL;
      meso_json_relocate_error (local_error, path, map, error);
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
  g_autofree char *history_path = meso_json_join_key (path, "history");
  g_autofree char *sessions_path = meso_json_join_key (path, "sessions");
  JsonObject *object;
  JsonNode *member;
  GDate today;
  guint code;
  gboolean ok;

  if ((object = meso_json_expect_object (node, path, error)) == NULL ||
      !meso_json_check_keys (object, path, keys, error))
    return NULL;
  code = p->sex;
  if (!meso_json_read_id (object, path, "id", &p->id, error) ||
      !meso_json_read_text (object, path, "name", MESO_JSON_REQUIRED, &p->name, error) ||
      !meso_json_read_date (object, path, "date_of_birth", MESO_JSON_REQUIRED,
                            &p->date_of_birth, error) ||
      !meso_json_read_code (object, path, "sex", MESO_JSON_OPTIONAL, sex_code_at, &code, error) ||
      !meso_json_read_text (object, path, "phone", MESO_JSON_NULLABLE, &p->phone, error) ||
      !meso_json_read_text (object, path, "email", MESO_JSON_NULLABLE, &p->email, error) ||
      !meso_json_read_text (object, path, "address", MESO_JSON_NULLABLE, &p->address, error) ||
      !meso_json_read_text (object, path, "language", MESO_JSON_OPTIONAL, &p->language, error) ||
      !meso_json_read_text (object, path, "notes", MESO_JSON_NULLABLE, &p->notes, error))
    return NULL;
  p->sex = code;

  member = meso_json_get_member (object, path, "history", MESO_JSON_OPTIONAL, &ok, error);
  if (!ok)
    return NULL;
  if (member != NULL && !read_history (member, history_path, p->history, error))
    return NULL;

  meso_date_set_today (&today);
  if (!meso_patient_validate (p, &today, &local_error))
    {
      meso_json_relocate_error (local_error, path, NULL, error);
      return NULL;
    }

  member = meso_json_get_member (object, path, "sessions", MESO_JSON_OPTIONAL, &ok, error);
  if (!ok)
    return NULL;
  if (member != NULL)
    {
      JsonArray *array;

      if (sessions_out == NULL)
        {
          meso_json_fail (error, MESO_JSON_ERROR_UNKNOWN_KEY, sessions_path,
                          _("sessions cannot be given here"));
          return NULL;
        }
      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          meso_json_fail_type (error, sessions_path, _("an array of sessions"), member);
          return NULL;
        }
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *session_path = meso_json_join_index (sessions_path, i);
          MesoSession *s = meso_session_from_json (json_array_get_element (array, i),
                                                   session_path, error);

          if (s == NULL)
            return NULL;
          g_ptr_array_add (sessions, s);
          if (s->patient_id != 0 && s->patient_id != p->id)
            {
              g_autofree char *where = meso_json_join_key (session_path, "patient_id");

              meso_json_fail (error, MESO_JSON_ERROR_INVALID, where,
                              _("%lld is not the id of the patient the session is listed under"),
                              (long long) s->patient_id);
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

  if ((object = meso_json_expect_object (node, path, error)) == NULL ||
      !meso_json_check_keys (object, path, keys, error) ||
      !meso_json_read_text (object, path, "clinic_name", MESO_JSON_NULLABLE, &s->clinic_name, error) ||
      !meso_json_read_text (object, path, "clinic_address", MESO_JSON_NULLABLE,
                            &s->clinic_address, error) ||
      !meso_json_read_text (object, path, "clinic_phone", MESO_JSON_NULLABLE,
                            &s->clinic_phone, error) ||
      !meso_json_read_int (object, path, "legal_age", MESO_JSON_OPTIONAL, &legal_age, NULL, error) ||
      !meso_json_read_code (object, path, "default_massage", MESO_JSON_OPTIONAL, massage_code_at,
                            &massage, error) ||
      !meso_json_read_int (object, path, "next_session_days", MESO_JSON_OPTIONAL, &next_days,
                           NULL, error) ||
      !meso_json_read_code (object, path, "paper_size", MESO_JSON_OPTIONAL, meso_json_paper_code_at,
                            &paper, error))
    return NULL;
  if (legal_age < MESO_LEGAL_AGE_MIN || legal_age > MESO_LEGAL_AGE_MAX)
    {
      g_autofree char *where = meso_json_join_key (path, "legal_age");

      meso_json_fail (error, MESO_JSON_ERROR_INVALID, where,
                      _("%lld is not a legal age from %d to %d"), (long long) legal_age,
                      MESO_LEGAL_AGE_MIN, MESO_LEGAL_AGE_MAX);
      return NULL;
    }
  if (next_days < 0 || next_days > 3650)
    {
      g_autofree char *where = meso_json_join_key (path, "next_session_days");

      meso_json_fail (error, MESO_JSON_ERROR_INVALID, where,
                      _("%lld is not a number of days from 0 to 3650"), (long long) next_days);
      return NULL;
    }
  s->legal_age = (guint) legal_age;
  s->next_session_days = (guint) next_days;
  s->default_massage = massage;
  s->paper_size = paper;
  if (!meso_settings_validate (s, &local_error))
    {
      meso_json_relocate_error (local_error, path, NULL, error);
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
