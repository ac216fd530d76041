/* meso-json-write.c: clinic records to JSON, and the time of day format. */
#include "config.h"

#include <string.h>

#include "meso-json-private.h"

/* ------------------------------------------------------------------ */
/* Codes                                                               */

const char *
meso_json_paper_code_at (guint i)
{
  static const char * const codes[] = { "a4", "letter" };

  return i < G_N_ELEMENTS (codes) ? codes[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* Time                                                                */

gboolean
meso_time_parse (const char *text,
                 gint       *minutes)
{
  guint h, m;

  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 23 || m > 59)
    return FALSE;
  *minutes = (gint) (h * 60 + m);
  return TRUE;
}

char *
meso_time_format (gint minutes)
{
  if (minutes < 0 || minutes >= 24 * 60)
    return NULL;
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

static void
add_text (JsonBuilder *b,
          const char  *key,
          const char  *text)
{
  json_builder_set_member_name (b, key);
  if (text == NULL || *text == '\0')
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, text);
}

static void
add_date (JsonBuilder *b,
          const char  *key,
          const GDate *date)
{
  g_autofree char *text = meso_date_format (date);

  add_text (b, key, text);
}

static void
add_id (JsonBuilder *b,
        const char  *key,
        gint64       id)
{
  json_builder_set_member_name (b, key);
  if (id > 0)
    json_builder_add_int_value (b, id);
  else
    json_builder_add_null_value (b);
}

static void
add_strv (JsonBuilder     *b,
          const char      *key,
          const GPtrArray *items)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  if (items != NULL)
    for (guint i = 0; i < items->len; i++)
      json_builder_add_string_value (b, g_ptr_array_index (items, i));
  json_builder_end_array (b);
}

static void
add_code (JsonBuilder *b,
          const char  *key,
          const char  *code)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, code);
}

static void
add_double (JsonBuilder *b,
            const char  *key,
            gdouble      value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, value);
}

static void
build_session (JsonBuilder       *b,
               const MesoSession *s)
{
  g_autofree char *time = meso_time_format (s->time_minutes);

  json_builder_begin_object (b);
  add_id (b, "id", s->id);
  add_id (b, "patient_id", s->patient_id);
  add_date (b, "date", &s->date);
  add_text (b, "time", time);
  add_code (b, "status", meso_session_status_to_code (s->status));
  add_code (b, "indication", meso_indication_to_code (s->indication));
  add_code (b, "area", meso_area_to_code (s->area));

  json_builder_set_member_name (b, "solution");
  json_builder_begin_object (b);
  add_text (b, "name", s->solution_name);
  add_code (b, "consistency", meso_consistency_to_code (s->consistency));
  add_strv (b, "ingredients", s->ingredients);
  add_double (b, "volume_ml", s->volume_ml);
  add_text (b, "batch", s->batch);
  add_date (b, "batch_expiry", &s->batch_expiry);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "needle");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "gauge");
  json_builder_add_int_value (b, s->needle_gauge);
  add_double (b, "length_mm", s->needle_length_mm);
  json_builder_end_object (b);

  add_double (b, "depth_mm", s->depth_mm);
  add_double (b, "angle_deg", s->angle_deg);
  add_code (b, "technique", meso_technique_to_code (s->technique));
  add_code (b, "massage_advice", meso_massage_to_code (s->massage));
  add_text (b, "practitioner", s->practitioner);
  add_text (b, "notes", s->notes);
  add_text (b, "override_reason", s->override_reason);
  add_strv (b, "acknowledged", s->acknowledged);
  json_builder_end_object (b);
}

static void
build_list (JsonBuilder     *b,
            const char      *key,
            MesoListState    state,
            const GPtrArray *items,
            const GDate     *confirmed)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  add_code (b, "state", meso_list_state_to_code (state));
  add_strv (b, "items", items);
  add_date (b, "confirmed", confirmed);
  json_builder_end_object (b);
}

static void
build_history (JsonBuilder       *b,
               const MesoHistory *h)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "conditions");
  json_builder_begin_object (b);
  for (guint i = 0; i < MESO_N_CONDITIONS; i++)
    {
      json_builder_set_member_name (b, meso_condition_to_code (i));
      json_builder_begin_object (b);
      add_code (b, "answer", meso_answer_to_code (h->conditions[i].answer));
      add_date (b, "confirmed", &h->conditions[i].confirmed);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  build_list (b, "medications", h->medications_state, h->medications,
              &h->medications_confirmed);
  build_list (b, "allergies", h->allergies_state, h->allergies,
              &h->allergies_confirmed);
  /* 0 means "not recorded": null says so without a magic number. */
  json_builder_set_member_name (b, "fitzpatrick");
  if (h->fitzpatrick == 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, h->fitzpatrick);
  json_builder_set_member_name (b, "bruises_easily");
  json_builder_add_boolean_value (b, h->bruises_easily);
  json_builder_set_member_name (b, "sensitive_skin");
  json_builder_add_boolean_value (b, h->sensitive_skin);
  json_builder_end_object (b);
}

JsonNode *
meso_session_to_json (const MesoSession *session)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  build_session (b, session);
  return json_builder_get_root (b);
}

JsonNode *
meso_history_to_json (const MesoHistory *history)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  build_history (b, history);
  return json_builder_get_root (b);
}

JsonNode *
meso_patient_to_json (const MesoPatient *p,
                      const GPtrArray   *sessions)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_id (b, "id", p->id);
  add_text (b, "name", p->name);
  add_date (b, "date_of_birth", &p->date_of_birth);
  add_code (b, "sex", meso_sex_to_code (p->sex));
  add_text (b, "phone", p->phone);
  add_text (b, "email", p->email);
  add_text (b, "address", p->address);
  add_text (b, "language", p->language);
  add_text (b, "notes", p->notes);
  json_builder_set_member_name (b, "history");
  build_history (b, p->history);
  if (sessions != NULL)
    {
      json_builder_set_member_name (b, "sessions");
      json_builder_begin_array (b);
      for (guint i = 0; i < sessions->len; i++)
        build_session (b, g_ptr_array_index (sessions, i));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
meso_settings_to_json (const MesoSettings *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_text (b, "clinic_name", s->clinic_name);
  add_text (b, "clinic_address", s->clinic_address);
  add_text (b, "clinic_phone", s->clinic_phone);
  json_builder_set_member_name (b, "legal_age");
  json_builder_add_int_value (b, s->legal_age);
  add_code (b, "default_massage", meso_massage_to_code (s->default_massage));
  json_builder_set_member_name (b, "next_session_days");
  json_builder_add_int_value (b, s->next_session_days);
  add_code (b, "paper_size", meso_json_paper_code_at (s->paper_size));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
meso_json_to_string (JsonNode *node,
                     gsize    *length)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, node);
  json_generator_to_gstring (gen, out);
  g_string_append_c (out, '\n');
  if (length)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
