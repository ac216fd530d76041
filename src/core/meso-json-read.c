/* meso-json-read.c: clinic records from JSON, with precise error paths. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
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

/* One open array or object of the pre-scan, enough to name the JSON path
 * of a value in a message. */
typedef struct
{
  gboolean    object;
  gboolean    expect_key;   /* in an object, after "{" or "," */
  guint       index;        /* in an array */
  const char *key;          /* in an object, the last key as written */
  gsize       key_length;
} Frame;

static char *
frames_path (const Frame *frames,
             guint        depth)
{
  g_autofree char *path = g_strdup ("");

  for (guint i = 0; i < depth; i++)
    {
      char *next;

      if (frames[i].object && frames[i].key == NULL)
        break;
      if (frames[i].object)
        {
          g_autoptr(GString) key = g_string_new (NULL);

          /* As written, but on one line: json-glib takes a raw newline in a key. */
          for (gsize k = 0; k < frames[i].key_length; k++)
            {
              guchar c = frames[i].key[k];

              if (c < 0x20 || c == 0x7f)
                g_string_append_printf (key, "\\x%02x", c);
              else
                g_string_append_c (key, c);
            }
          next = meso_json_join_key (path, key->str);
        }
      else
        next = meso_json_join_index (path, frames[i].index);
      g_free (path);
      path = next;
    }
  return g_steal_pointer (&path);
}

/* Records the first value json-glib would silently get wrong, as a
 * MESO_JSON_ERROR_INVALID "PATH: WHAT (line L, column C)". */
static void
note_issue (GError     **issue,
            const char  *data,
            gsize        offset,
            const Frame *frames,
            guint        depth,
            const char  *what)
{
  g_autofree char *path = NULL;
  g_autofree char *msg = NULL;
  guint line, column;

  if (*issue != NULL)
    return;
  path = frames_path (frames, depth);
  position_of (data, offset, &line, &column);
  msg = g_strdup_printf (_("%s (line %u, column %u)"), what, line, column);
  meso_json_fail (issue, MESO_JSON_ERROR_INVALID, path, "%s", msg);
}

/* Checks a number literal json-glib 1.6 would misread: it keeps integers
 * beyond 64 bits as -1 or 1 (99999999999999999999 reads as -1), and a
 * double beyond its range as infinity. */
static void
check_number (GError     **issue,
              const char  *data,
              gsize        start,
              gsize        end,
              const Frame *frames,
              guint        depth)
{
  g_autofree char *text = NULL;
  g_autofree char *what = NULL;
  gsize digits = end - start - (data[start] == '-');
  gboolean exponent = memchr (data + start, 'e', end - start) != NULL ||
                      memchr (data + start, 'E', end - start) != NULL;

  /* The common case, without a copy: up to 18 digits fit in 64 bits, and
   * a double overflows only through its exponent or 309 digits. */
  if (!exponent && digits <= 18)
    return;
  text = g_strndup (data + start, end - start);
  if (!exponent && strchr (text, '.') != NULL && digits < 300)
    return;
  if (strpbrk (text, ".eE") == NULL)
    {
      gint64 value;
      g_autoptr(GError) local_error = NULL;

      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, &local_error) ||
          !g_error_matches (local_error, G_NUMBER_PARSER_ERROR,
                            G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
        return;
    }
  else if (isfinite (g_ascii_strtod (text, NULL)))
    return;
  what = g_strdup_printf (*text == '-' ? _("%s is too large a negative number")
                                       : _("%s is too large a number"), text);
  note_issue (issue, data, start, frames, depth, what);
}

/* What json-glib cannot be trusted with, checked on the raw text:
 *
 * - its parser recurses once per level: a crafted file of a million "["
 *   would exhaust the stack (the export is 7 levels deep);
 * - 1.6 reads "{…}{…}" as the first object and silently drops the rest;
 * - it cuts a string at an escaped NUL ("ab\u0000cd" reads as "ab"), so
 *   the reader of the field could not tell;
 * - it misreads numbers beyond 64 bits (see check_number).
 *
 * The first two are syntax errors, returned at once; the last two go to
 * @issue and are reported only once json-glib accepts the syntax, so that
 * a broken file is reported as broken first.  Strings and comments are
 * skipped, so that a "[" in a text counts for nothing. */
static gboolean
prescan (const char  *data,
         gsize        length,
         const char  *name,
         GError     **issue,
         GError     **error)
{
  Frame frames[MAX_DEPTH];
  guint depth = 0;
  gboolean closed = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (closed && !g_ascii_isspace (c))
        {
          guint line, column;

          position_of (data, i, &line, &column);
          g_set_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX,
                       _("%s:%u:%u: unexpected text after the end of the document"),
                       name, line, column);
          return FALSE;
        }
      /* json-glib skips C comments; what they hold is no JSON. */
      if (c == '/' && i + 1 < length && data[i + 1] == '*')
        {
          const char *close = g_strstr_len (data + i + 2, length - i - 2, "*/");

          if (close == NULL)
            break;   /* json-glib reports the unterminated comment */
          i = close - data + 1;
        }
      else if (c == '"')
        {
          gsize start = i + 1, nul = 0;
          gboolean is_key = depth > 0 && frames[depth - 1].object && frames[depth - 1].expect_key;

          for (i = start; i < length && data[i] != '"'; i++)
            if (data[i] == '\\' && i + 1 < length)
              {
                /* \u0000 is the only way to write a NUL in valid JSON. */
                if (nul == 0 && data[i + 1] == 'u' && length - i >= 6 &&
                    memcmp (data + i + 2, "0000", 4) == 0)
                  nul = i;
                i++;
              }
          if (is_key)
            {
              frames[depth - 1].key = data + start;
              frames[depth - 1].key_length = i - start;
              frames[depth - 1].expect_key = FALSE;
            }
          if (nul != 0)
            note_issue (issue, data, nul, frames, depth,
                        is_key ? _("the key contains a NUL character")
                               : _("contains a NUL character"));
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize start = i;

          while (i + 1 < length && (g_ascii_isdigit (data[i + 1]) || data[i + 1] == '.' ||
                                    data[i + 1] == 'e' || data[i + 1] == 'E' ||
                                    data[i + 1] == '+' || data[i + 1] == '-'))
            i++;
          check_number (issue, data, start, i + 1, frames, depth);
        }
      else if (c == '[' || c == '{')
        {
          if (depth == MAX_DEPTH)
            {
              guint line, column;

              position_of (data, i, &line, &column);
              g_set_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_SYNTAX,
                           _("%s:%u:%u: nested more than %u levels deep"),
                           name, line, column, MAX_DEPTH);
              return FALSE;
            }
          frames[depth].object = c == '{';
          frames[depth].expect_key = c == '{';
          frames[depth].index = 0;
          frames[depth].key = NULL;
          frames[depth].key_length = 0;
          depth++;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        closed = --depth == 0;
      else if (c == ',' && depth > 0)
        {
          if (frames[depth - 1].object)
            {
              frames[depth - 1].expect_key = TRUE;
              frames[depth - 1].key = NULL;
            }
          else
            frames[depth - 1].index++;
        }
    }
  return TRUE;
}

JsonNode *
meso_json_parse (const char  *data,
                 gssize       length,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) issue = NULL;
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
  if (!prescan (data, length, name, &issue, error))
    return NULL;

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
  if (issue != NULL)
    {
      json_node_unref (root);
      g_propagate_error (error, g_steal_pointer (&issue));
      return NULL;
    }
  return root;
}
