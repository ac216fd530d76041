/* meso-audit-row.c: one audit entry, in words.
 *
 * The trail stores database column names and codes ({"sex": [null,
 * "female"]}); the row turns them into the labels the rest of the app
 * uses, so the front desk reads "Phone: 0612 → 0698" rather than JSON.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "meso-audit-row.h"
#include "meso-enums.h"

struct _MesoAuditRow
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *title_label;
  GtkLabel  *meta_label;
  GtkLabel  *changes_label;
  GtkLabel  *reason_label;
};

G_DEFINE_FINAL_TYPE (MesoAuditRow, meso_audit_row, GTK_TYPE_WIDGET)

typedef enum
{
  KIND_TEXT,
  KIND_YES_NO,
  KIND_TIME,
  KIND_SEX,
  KIND_LIST_STATE,
  KIND_ANSWER,
  KIND_STATUS,
  KIND_INDICATION,
  KIND_AREA,
  KIND_CONSISTENCY,
  KIND_TECHNIQUE,
  KIND_MASSAGE,
} ValueKind;

/* Column names of the audited tables (meso-audit-schema.c). */
static const struct {
  const char *field;
  const char *label;
  ValueKind   kind;
} fields[] = {
  { "name", N_("Name"), KIND_TEXT },
  { "date_of_birth", N_("Date of birth"), KIND_TEXT },
  { "sex", N_("Sex"), KIND_SEX },
  { "phone", N_("Phone"), KIND_TEXT },
  { "email", N_("Email"), KIND_TEXT },
  { "address", N_("Address"), KIND_TEXT },
  { "language", N_("Language"), KIND_TEXT },
  { "notes", N_("Notes"), KIND_TEXT },
  { "medications", N_("Medications"), KIND_TEXT },
  { "medications_state", N_("Medications"), KIND_LIST_STATE },
  { "medications_confirmed", N_("Medications confirmed on"), KIND_TEXT },
  { "allergies", N_("Allergies"), KIND_TEXT },
  { "allergies_state", N_("Allergies"), KIND_LIST_STATE },
  { "allergies_confirmed", N_("Allergies confirmed on"), KIND_TEXT },
  { "fitzpatrick", N_("Skin type (Fitzpatrick)"), KIND_TEXT },
  { "bruises_easily", N_("Bruises easily"), KIND_YES_NO },
  { "sensitive_skin", N_("Sensitive skin"), KIND_YES_NO },
  { "patient_id", N_("Patient"), KIND_TEXT },
  { "session_id", N_("Session"), KIND_TEXT },
  { "date", N_("Date"), KIND_TEXT },
  { "time_minutes", N_("Time"), KIND_TIME },
  { "status", N_("Status"), KIND_STATUS },
  { "indication", N_("Indication"), KIND_INDICATION },
  { "area", N_("Area"), KIND_AREA },
  { "solution_name", N_("Solution"), KIND_TEXT },
  { "ingredients", N_("Ingredients"), KIND_TEXT },
  { "consistency", N_("Consistency"), KIND_CONSISTENCY },
  { "volume_ml", N_("Volume (ml)"), KIND_TEXT },
  { "batch", N_("Batch"), KIND_TEXT },
  { "batch_expiry", N_("Batch expiry"), KIND_TEXT },
  { "needle_gauge", N_("Needle gauge"), KIND_TEXT },
  { "needle_length_mm", N_("Needle length (mm)"), KIND_TEXT },
  { "depth_mm", N_("Depth (mm)"), KIND_TEXT },
  { "angle_deg", N_("Angle (°)"), KIND_TEXT },
  { "technique", N_("Technique"), KIND_TECHNIQUE },
  { "massage", N_("Massage advice"), KIND_MASSAGE },
  { "practitioner", N_("Practitioner"), KIND_TEXT },
  { "override_reason", N_("Override reason"), KIND_TEXT },
  { "acknowledged", N_("Acknowledged findings"), KIND_TEXT },
  { "lumps", N_("Lumps"), KIND_YES_NO },
  { "lump_size_mm", N_("Lump size (mm)"), KIND_TEXT },
  { "pain", N_("Pain"), KIND_YES_NO },
  { "redness", N_("Redness"), KIND_YES_NO },
  { "warmth", N_("Warmth"), KIND_YES_NO },
  { "swelling", N_("Swelling"), KIND_YES_NO },
  { "discharge", N_("Discharge"), KIND_YES_NO },
  { "fever", N_("Fever"), KIND_YES_NO },
  { "bleeding", N_("Bleeding"), KIND_YES_NO },
  { "itching_hives", N_("Itching or hives"), KIND_YES_NO },
  { "breathing_difficulty", N_("Breathing difficulty"), KIND_YES_NO },
  { "pigmentation_change", N_("Pigmentation change"), KIND_YES_NO },
  { "nodules", N_("Nodules"), KIND_YES_NO },
  { "code", N_("Flag"), KIND_TEXT },
  { "note", N_("Note"), KIND_TEXT },
  { "reviewed_at", N_("Reviewed at"), KIND_TEXT },
};

/* What happened, by action and entity; %s is the entity's number. */
static const struct {
  const char *action;
  const char *entity;
  const char *format;
} headlines[] = {
  { "create", "patient", N_("Patient record created") },
  { "update", "patient", N_("Patient details changed") },
  { "delete", "patient", N_("Patient deleted") },
  { "anonymise", "patient", N_("Patient anonymised") },
  { "import", "patient", N_("Patient imported") },
  { "demo", "patient", N_("Demo patient created") },
  { "export", "patient", N_("Patient record exported") },
  { "create", "session", N_("Session %s booked") },
  { "update", "session", N_("Session %s changed") },
  { "delete", "session", N_("Session %s deleted") },
  { "amend", "session", N_("Session %s corrected (amendment)") },
  { "anonymise", "session", N_("Session %s kept, identity removed") },
  { "print", "session", N_("Aftercare sheet of session %s printed") },
  { "import", "session", N_("Session %s imported") },
  { "demo", "session", N_("Demo session %s created") },
  { "create", "followup", N_("Follow-up %s recorded") },
  { "update", "followup", N_("Follow-up %s changed") },
  { "delete", "followup", N_("Follow-up %s deleted") },
  { "import", "followup", N_("Follow-up %s imported") },
  { "create", "flag_review", N_("Flag of session %s reviewed") },
  { "update", "flag_review", N_("Review of session %s changed") },
  { "delete", "flag_review", N_("Review of session %s withdrawn") },
};

static char *
format_headline (const MesoAuditEntry *entry)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->entity_id);

  for (guint i = 0; i < G_N_ELEMENTS (headlines); i++)
    if (g_strcmp0 (entry->action, headlines[i].action) == 0 &&
        g_strcmp0 (entry->entity, headlines[i].entity) == 0)
      {
        /* Not printf(): the formats are not literals. */
        g_auto(GStrv) parts = g_strsplit (_(headlines[i].format), "%s", 2);

        return g_strjoinv (id, parts);
      }

  /* An event this version does not name: the core's own summary. */
  return meso_audit_entry_summary (entry);
}

#define VOCABULARY_LABEL(Name, name, code)                                    \
  G_STMT_START {                                                              \
    Name value_;                                                              \
    if (meso_##name##_from_code ((code), &value_))                            \
      return g_strdup (meso_##name##_to_label (value_));                      \
  } G_STMT_END

static char *
format_code (ValueKind   kind,
             const char *code)
{
  switch (kind)
    {
    case KIND_SEX: VOCABULARY_LABEL (MesoSex, sex, code); break;
    case KIND_LIST_STATE: VOCABULARY_LABEL (MesoListState, list_state, code); break;
    case KIND_ANSWER: VOCABULARY_LABEL (MesoAnswer, answer, code); break;
    case KIND_STATUS: VOCABULARY_LABEL (MesoSessionStatus, session_status, code); break;
    case KIND_INDICATION: VOCABULARY_LABEL (MesoIndication, indication, code); break;
    case KIND_AREA: VOCABULARY_LABEL (MesoArea, area, code); break;
    case KIND_CONSISTENCY: VOCABULARY_LABEL (MesoConsistency, consistency, code); break;
    case KIND_TECHNIQUE: VOCABULARY_LABEL (MesoTechnique, technique, code); break;
    case KIND_MASSAGE: VOCABULARY_LABEL (MesoMassage, massage, code); break;
    case KIND_TEXT:
    case KIND_YES_NO:
    case KIND_TIME:
    default:
      break;
    }
  return g_strdup (code);
}

static char *
format_value (JsonNode  *node,
              ValueKind  kind)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    /* Translators: a field that held nothing, in the history of changes */
    return g_strdup (_("(empty)"));

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = format_value (json_array_get_element (array, i), KIND_TEXT);

          if (i > 0)
            g_string_append (s, ", ");
          g_string_append (s, item);
        }
      return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : g_strdup (_("(none)"));
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return g_strdup ("…");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      if (kind == KIND_YES_NO)
        return g_strdup (json_node_get_int (node) ? _("Yes") : _("No"));
      if (kind == KIND_TIME)
        return g_strdup_printf ("%02d:%02d", (int) (json_node_get_int (node) / 60),
                                (int) (json_node_get_int (node) % 60));
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%g", json_node_get_double (node));

    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));

    case G_TYPE_STRING:
      return format_code (kind, json_node_get_string (node));

    default:
      return g_strdup ("…");
    }
}

/* A field's label and the kind of its values. */
static char *
describe_field (const char *field,
                ValueKind  *kind)
{
  MesoCondition condition;

  *kind = KIND_TEXT;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (field, fields[i].field))
      {
        *kind = fields[i].kind;
        return g_strdup (_(fields[i].label));
      }

  /* "conditions.pregnancy" and "conditions.pregnancy.confirmed" */
  if (g_str_has_prefix (field, "conditions."))
    {
      g_autofree char *code = g_strdup (field + strlen ("conditions."));
      char *dot = strchr (code, '.');
      gboolean confirmed = dot != NULL && g_str_equal (dot, ".confirmed");

      if (dot != NULL)
        *dot = '\0';
      if (meso_condition_from_code (code, &condition))
        {
          if (confirmed)
            /* Translators: a medical condition, then when the answer was confirmed */
            return g_strdup_printf (_("%s confirmed on"), meso_condition_to_label (condition));
          *kind = KIND_ANSWER;
          return g_strdup (meso_condition_to_label (condition));
        }
    }

  return g_strdup (field);
}

/* Where @field comes in the fields table (unknown fields after). */
static guint
field_rank (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (field, fields[i].field))
      return i;
  return G_N_ELEMENTS (fields);
}

static int
compare_fields (gconstpointer a,
                gconstpointer b)
{
  guint rank_a = field_rank (a);
  guint rank_b = field_rank (b);

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  return g_strcmp0 (a, b);
}

/* The member holding when @field's answer was confirmed, if any:
 * "conditions.X.confirmed" for "conditions.X", "medications_confirmed"
 * for "medications_state". */
static const char *
confirmation_field (JsonObject *object,
                    const char *field)
{
  static const char * const states[][2] = {
    { "medications_state", "medications_confirmed" },
    { "allergies_state", "allergies_confirmed" },
  };
  g_autofree char *name = NULL;
  GList *members;
  const char *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_str_equal (field, states[i][0]))
      return json_object_has_member (object, states[i][1]) ? states[i][1] : NULL;
  if (!g_str_has_prefix (field, "conditions.") || g_str_has_suffix (field, ".confirmed"))
    return NULL;

  /* Return the object's own key, which outlives this call. */
  name = g_strconcat (field, ".confirmed", NULL);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL && found == NULL; l = l->next)
    if (g_str_equal (l->data, name))
      found = l->data;
  g_list_free (members);
  return found;
}

/* TRUE for a confirmation date whose answer is in @object too. */
static gboolean
is_shown_with_answer (JsonObject *object,
                      const char *field)
{
  g_autofree char *answer = NULL;

  if (g_str_has_suffix (field, ".confirmed"))
    answer = g_strndup (field, strlen (field) - strlen (".confirmed"));
  else if (g_str_has_suffix (field, "_confirmed"))
    {
      g_autofree char *stem = g_strndup (field, strlen (field) - strlen ("_confirmed"));

      answer = g_strconcat (stem, "_state", NULL);
    }
  else
    return FALSE;
  return json_object_has_member (object, answer) &&
         confirmation_field (object, answer) != NULL;
}

static gboolean
is_creation (JsonObject *object)
{
  JsonObjectIter iter;
  const char *field;
  JsonNode *pair;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &field, &pair))
    if (!JSON_NODE_HOLDS_ARRAY (pair) ||
        !JSON_NODE_HOLDS_NULL (json_array_get_element (json_node_get_array (pair), 0)))
      return FALSE;
  return TRUE;
}

static char *
format_changes (const MesoAuditEntry *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  gboolean creation;

  if (entry->changes == NULL)
    {
      if (g_strcmp0 (entry->entity, "patient") == 0 &&
          (g_strcmp0 (entry->action, "create") == 0 || g_strcmp0 (entry->action, "update") == 0))
        return g_strdup (_("The details of this change were erased when the patient was anonymised."));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, entry->changes, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  creation = is_creation (object);
  /* The order of the forms (identity, history, session), not the alphabet. */
  members = g_list_sort (json_object_get_members (object), compare_fields);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *field = l->data;
      g_autofree char *label = NULL;
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      JsonNode *pair = json_object_get_member (object, field);
      JsonArray *values;
      JsonNode *old_value, *new_value;
      ValueKind kind;

      if (!JSON_NODE_HOLDS_ARRAY (pair) || json_array_get_length (json_node_get_array (pair)) != 2)
        continue;
      values = json_node_get_array (pair);
      old_value = json_array_get_element (values, 0);
      new_value = json_array_get_element (values, 1);
      label = describe_field (field, &kind);

      /* A new record lists what was found, not every sign that was not. */
      if (creation && kind == KIND_YES_NO && JSON_NODE_HOLDS_VALUE (new_value) &&
          json_node_get_int (new_value) == 0)
        continue;
      if (creation && g_str_equal (field, "patient_id"))
        continue;
      /* A new record says when each answer was confirmed with the answer. */
      if (creation && is_shown_with_answer (object, field))
        continue;

      new_text = format_value (new_value, kind);
      if (creation)
        {
          const char *confirmed_field = confirmation_field (object, field);
          JsonNode *confirmed = confirmed_field != NULL
                                ? json_array_get_element (json_object_get_array_member (object, confirmed_field), 1)
                                : NULL;

          if (confirmed != NULL && JSON_NODE_HOLDS_VALUE (confirmed) &&
              json_node_get_value_type (confirmed) == G_TYPE_STRING)
            {
              char *with_date;

              /* Translators: an answer, then the date it was confirmed */
              with_date = g_strdup_printf (_("%s (confirmed %s)"), new_text,
                                           json_node_get_string (confirmed));
              g_free (new_text);
              new_text = with_date;
            }
        }
      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (JSON_NODE_HOLDS_NULL (old_value))
        /* Translators: a field and the value it was given */
        g_string_append_printf (text, _("%s: %s"), label, new_text);
      else
        {
          old_text = format_value (old_value, kind);
          /* Translators: a field, its old value and its new value */
          g_string_append_printf (text, _("%s: %s → %s"), label, old_text, new_text);
        }
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
format_meta (const MesoAuditEntry *entry)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  utc = entry->at != NULL ? g_date_time_new_from_iso8601 (entry->at, NULL) : NULL;
  if (utc == NULL)
    return g_strdup (entry->actor);
  local = g_date_time_to_local (utc);
  /* Translators: a date and time in strftime() format */
  when = g_date_time_format (local, _("%Y-%m-%d %H:%M"));
  /* Translators: when, then who, in the history of changes */
  return g_strdup_printf (_("%s · %s"), when, entry->actor);
}

static void
meso_audit_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MESO_TYPE_AUDIT_ROW);

  G_OBJECT_CLASS (meso_audit_row_parent_class)->dispose (object);
}

static void
meso_audit_row_class_init (MesoAuditRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = meso_audit_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-audit-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoAuditRow, box);
  gtk_widget_class_bind_template_child (widget_class, MesoAuditRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MesoAuditRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, MesoAuditRow, changes_label);
  gtk_widget_class_bind_template_child (widget_class, MesoAuditRow, reason_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
meso_audit_row_init (MesoAuditRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
meso_audit_row_new (void)
{
  return g_object_new (MESO_TYPE_AUDIT_ROW, NULL);
}

void
meso_audit_row_set_entry (MesoAuditRow         *self,
                          const MesoAuditEntry *entry)
{
  g_autofree char *title = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *reason = NULL;

  g_return_if_fail (MESO_IS_AUDIT_ROW (self));

  if (entry != NULL)
    {
      title = format_headline (entry);
      meta = format_meta (entry);
      changes = format_changes (entry);
      if (entry->reason != NULL && *entry->reason != '\0')
        /* Translators: the reason given for a change */
        reason = g_strdup_printf (_("Reason: %s"), entry->reason);
    }

  gtk_label_set_text (self->title_label, title ? title : "");
  gtk_label_set_text (self->meta_label, meta ? meta : "");
  gtk_label_set_text (self->changes_label, changes ? changes : "");
  gtk_widget_set_visible (GTK_WIDGET (self->changes_label), changes != NULL);
  gtk_label_set_text (self->reason_label, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
}
