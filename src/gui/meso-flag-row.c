/* meso-flag-row.c: one follow-up flag, with what the clinician needs to
 * review it: why it was raised (and the document that says so), the
 * session and the patient.
 *
 * Rows are made once by the list view's factory and bound to one item
 * after another, so everything a row shows comes from its item and is
 * reset on each bind.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-flag-row.h"
#include "meso-source-label.h"

struct _MesoFlagRow
{
  GtkWidget       parent_instance;

  MesoFlagItem   *item;
  char           *severity_class;
  /* Set while bind fills the widgets, so that does not count as typing. */
  gboolean        binding;

  GtkListBox     *list_box;
  AdwExpanderRow *expander;
  GtkStack       *severity_stack;
  GtkLabel       *severity_label;
  AdwActionRow   *reason_row;
  AdwActionRow   *session_row;
  AdwActionRow   *patient_row;
  GtkButton      *open_patient_button;
  GtkButton      *open_session_button;
  AdwEntryRow    *note_row;
  GtkButton      *review_button;
};

G_DEFINE_FINAL_TYPE (MesoFlagRow, meso_flag_row, GTK_TYPE_WIDGET)

static char *
dup_note (MesoFlagRow *self)
{
  char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));

  if (*note == '\0')
    g_clear_pointer (&note, g_free);
  return note;
}

static void
set_note_invalid (MesoFlagRow *self,
                  gboolean     invalid)
{
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (self->note_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->note_row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->note_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
update_review_enabled (MesoFlagRow *self)
{
  g_autofree char *note = dup_note (self);

  /* A review without a note says nothing: the note is required. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flag.review",
                                 self->item != NULL && note != NULL);
}

static void
note_changed_cb (MesoFlagRow *self)
{
  if (self->binding)
    return;

  if (self->item != NULL)
    meso_flag_item_set_note (self->item, gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  update_review_enabled (self);
  set_note_invalid (self, FALSE);
}

static void
expanded_changed_cb (MesoFlagRow *self)
{
  if (self->binding || self->item == NULL)
    return;

  meso_flag_item_set_expanded (self->item, adw_expander_row_get_expanded (self->expander));
}

static void
review_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  MesoFlagRow *self = MESO_FLAG_ROW (widget);
  g_autofree char *note = dup_note (self);
  const MesoFlag *flag;

  if (self->item == NULL)
    return;

  if (note == NULL)
    {
      set_note_invalid (self, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->note_row));
      return;
    }

  flag = meso_flag_item_get_flag (self->item);
  gtk_widget_activate_action (widget, "followups.review", "(xss)",
                              flag->session_id, flag->code, note);
}

static void
note_activated_cb (MesoFlagRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "flag.review", NULL);
}

static void
meso_flag_row_dispose (GObject *object)
{
  MesoFlagRow *self = (MesoFlagRow *)object;

  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_FLAG_ROW);

  G_OBJECT_CLASS (meso_flag_row_parent_class)->dispose (object);
}

static void
meso_flag_row_finalize (GObject *object)
{
  MesoFlagRow *self = (MesoFlagRow *)object;

  g_clear_pointer (&self->severity_class, g_free);

  G_OBJECT_CLASS (meso_flag_row_parent_class)->finalize (object);
}

static void
meso_flag_row_class_init (MesoFlagRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = meso_flag_row_dispose;
  object_class->finalize = meso_flag_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-flag-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoFlagRow, list_box);
  gtk_widget_class_bind_template_child (widget_class, MesoFlagRow, expander);
  gtk_widget_class_bind_template_child (widget_class, MesoFlagRow, severity_stack);
  gtk_widget_class_bind_template_child (widget_class, MesoFlagRow, severity_label);
  gtk_widget_class_bind_template_child (widget_class, MesoFlagRow, reason_row);
  gtk_widget_class_bind_template_child (widget_class, MesoFlagRow, session_row);
  gtk_widget_class_bind_template_child (widget_class, MesoFlagRow, patient_row);
  gtk_widget_class_bind_template_child (widget_class, MesoFlagRow, open_patient_button);
  gtk_widget_class_bind_template_child (widget_class, MesoFlagRow, open_session_button);
  gtk_widget_class_bind_template_child (widget_class, MesoFlagRow, note_row);
  gtk_widget_class_bind_template_child (widget_class, MesoFlagRow, review_button);
  gtk_widget_class_bind_template_callback (widget_class, note_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, expanded_changed_cb);

  gtk_widget_class_install_action (widget_class, "flag.review", NULL, review_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "flagrow");
}

static void
meso_flag_row_init (MesoFlagRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flag.review", FALSE);

  /* Never shown: they only make the stack as wide as the longest
   * translated severity ("À examiner", "Überprüfen"). */
  for (guint i = 0; i < MESO_N_FLAG_SEVERITIES; i++)
    {
      GtkWidget *sizer = g_object_new (GTK_TYPE_LABEL,
                                       "label", meso_flag_severity_to_label (i),
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                       NULL);

      gtk_widget_add_css_class (sizer, "flag-severity");
      gtk_widget_add_css_class (sizer, "caption-heading");
      gtk_stack_add_child (self->severity_stack, sizer);
    }
  gtk_stack_set_visible_child (self->severity_stack, GTK_WIDGET (self->severity_label));
}

/* Facts joined with " · ", as in the other rows' subtitles. */
static char *
join_parts (GPtrArray *parts)
{
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
format_session (const MesoSession *session)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, meso_date_format (&session->date));
  g_ptr_array_add (parts, g_strdup (meso_area_to_label (session->area)));
  g_ptr_array_add (parts, g_strdup (meso_indication_to_label (session->indication)));
  if (session->solution_name != NULL)
    /* Translators: a solution's name and its consistency. */
    g_ptr_array_add (parts, g_strdup_printf (_("%s (%s)"), session->solution_name,
                                             meso_consistency_to_label (session->consistency)));
  /* Translators: needle gauge, needle length and injection depth. */
  g_ptr_array_add (parts, g_strdup_printf (_("%u G %g mm needle, %g mm deep"),
                                           session->needle_gauge, session->needle_length_mm,
                                           session->depth_mm));
  if (session->batch != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("batch %s"), session->batch));
  if (session->practitioner != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("by %s"), session->practitioner));
  return join_parts (parts);
}

static char *
format_patient (const MesoFlag           *flag,
                const MesoPatientSummary *patient)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *born = NULL;

  if (patient == NULL)
    return g_strdup (flag->patient_name);

  g_ptr_array_add (parts, g_strdup (patient->name));
  born = meso_date_format (&patient->date_of_birth);
  if (born != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("born %s"), born));
  if (patient->phone != NULL && *patient->phone != '\0')
    g_ptr_array_add (parts, g_strdup (patient->phone));
  return join_parts (parts);
}

static void
set_severity_class (MesoFlagRow *self,
                    const char  *severity_class)
{
  if (self->severity_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->severity_label), self->severity_class);
      gtk_widget_remove_css_class (GTK_WIDGET (self), self->severity_class);
      g_clear_pointer (&self->severity_class, g_free);
    }
  if (severity_class != NULL)
    {
      self->severity_class = g_strdup (severity_class);
      gtk_widget_add_css_class (GTK_WIDGET (self->severity_label), severity_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), severity_class);
    }
}

GtkWidget *
meso_flag_row_new (void)
{
  return g_object_new (MESO_TYPE_FLAG_ROW, NULL);
}

void
meso_flag_row_bind (MesoFlagRow  *self,
                    MesoFlagItem *item)
{
  const MesoFlag *flag;
  const MesoSession *session;
  const char *label;
  g_autofree char *raised = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *session_text = NULL;
  g_autofree char *patient_text = NULL;
  g_autofree char *severity_class = NULL;
  g_autofree char *source = NULL;
  g_autofree char *file_names = NULL;

  g_return_if_fail (MESO_IS_FLAG_ROW (self));
  g_return_if_fail (MESO_IS_FLAG_ITEM (item));

  g_set_object (&self->item, item);
  flag = meso_flag_item_get_flag (item);
  session = meso_flag_item_get_session (item);
  label = meso_flag_code_to_label (flag->code);
  raised = meso_date_format (&flag->raised_on);

  self->binding = TRUE;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expander), label != NULL ? label : flag->code);
  /* Translators: patient name, then the date the flag was raised. */
  subtitle = g_strdup_printf (_("%s · raised %s"), flag->patient_name, raised != NULL ? raised : "—");
  adw_expander_row_set_subtitle (self->expander, subtitle);

  gtk_label_set_label (self->severity_label, meso_flag_severity_to_label (flag->severity));
  severity_class = g_strdup_printf ("flag-%s", meso_flag_severity_to_code (flag->severity));
  set_severity_class (self, severity_class);

  /* Translators: why a flag was raised, then the seed document saying so. */
  source = meso_source_label_format (flag->source, &file_names);
  reason = g_strdup_printf (_("%s (source: %s)"), flag->reason, source);
  adw_action_row_set_subtitle (self->reason_row, reason);
  /* Reset on each bind: the row was bound to another flag before. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reason_row), file_names);

  if (session != NULL)
    session_text = format_session (session);
  else if (meso_flag_item_get_details_loaded (item))
    session_text = g_strdup (_("The session cannot be read"));
  else
    session_text = g_strdup ("…");
  adw_action_row_set_subtitle (self->session_row, session_text);

  patient_text = format_patient (flag, meso_flag_item_get_patient (item));
  adw_action_row_set_subtitle (self->patient_row, patient_text);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->open_patient_button),
                                          g_variant_new_int64 (flag->patient_id));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->open_session_button),
                                          g_variant_new_int64 (flag->session_id));

  /* The note and the expansion belong to the flag, not to this widget. */
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), meso_flag_item_get_note (item));
  adw_expander_row_set_expanded (self->expander, meso_flag_item_get_expanded (item));
  set_note_invalid (self, FALSE);

  self->binding = FALSE;

  update_review_enabled (self);
}

void
meso_flag_row_unbind (MesoFlagRow *self)
{
  g_return_if_fail (MESO_IS_FLAG_ROW (self));

  g_clear_object (&self->item);
  update_review_enabled (self);
}

const MesoFlag *
meso_flag_row_get_flag (MesoFlagRow *self)
{
  g_return_val_if_fail (MESO_IS_FLAG_ROW (self), NULL);

  return self->item != NULL ? meso_flag_item_get_flag (self->item) : NULL;
}
