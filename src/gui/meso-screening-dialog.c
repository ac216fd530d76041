/* meso-screening-dialog.c: the screening's findings, before booking.
 *
 * 004 lists who should avoid mesotherapy: such a finding blocks booking
 * unless a clinician explicitly overrides it and types why.  Cautions from
 * the other documents (000-003) must each be acknowledged, one tick per
 * finding, so that none is waved through with a single click.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-screening-dialog.h"
#include "meso-source-label.h"

struct _MesoScreeningDialog
{
  AdwMessageDialog  parent_instance;

  MesoScreening    *screening;
  GPtrArray        *caution_checks;   /* GtkCheckButton*, owned by the list */
  GPtrArray        *caution_codes;    /* char*, same order */

  GtkListBox       *findings_list;
  GtkListBox       *override_list;
  AdwExpanderRow   *override_row;
  AdwEntryRow      *reason_row;
};

G_DEFINE_FINAL_TYPE (MesoScreeningDialog, meso_screening_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *copy == '\0';
}

static gboolean
is_contraindicated (MesoScreeningDialog *self)
{
  return self->screening != NULL &&
         self->screening->verdict == MESO_VERDICT_CONTRAINDICATED;
}

static gboolean
override_given (MesoScreeningDialog *self)
{
  return adw_expander_row_get_enable_expansion (self->override_row) &&
         !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->reason_row)));
}

static void
update_response_cb (MesoScreeningDialog *self)
{
  gboolean ready = TRUE;

  if (self->caution_checks == NULL)
    return;

  for (guint i = 0; i < self->caution_checks->len; i++)
    if (!gtk_check_button_get_active (g_ptr_array_index (self->caution_checks, i)))
      ready = FALSE;

  if (is_contraindicated (self) && !override_given (self))
    ready = FALSE;

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "book", ready);
}

static GtkWidget *
finding_row_new (MesoScreeningDialog *self,
                 const MesoFinding   *finding)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *file_names = NULL;
  g_autofree char *source = meso_source_label_format (finding->source, &file_names);

  /* Translators: a finding's severity, then the document it comes from. */
  subtitle = g_strdup_printf (_("%s · Source: %s"),
                              meso_severity_to_label (finding->severity),
                              source);
  gtk_widget_set_tooltip_text (row, file_names);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "screening-finding");

  if (finding->severity == MESO_SEVERITY_CAUTION)
    {
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, finding->message,
                                      -1);
      g_signal_connect_object (check, "toggled",
                               G_CALLBACK (update_response_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_add_css_class (row, "caution");
      g_ptr_array_add (self->caution_checks, check);
      g_ptr_array_add (self->caution_codes, g_strdup (finding->code));
    }
  else
    {
      gboolean blocking = finding->severity == MESO_SEVERITY_CONTRAINDICATED;
      GtkWidget *icon = gtk_image_new_from_icon_name (blocking ? "dialog-error-symbolic"
                                                               : "dialog-information-symbolic");

      gtk_widget_add_css_class (icon, blocking ? "error" : "dim-label");
      gtk_widget_add_css_class (row, blocking ? "contraindicated" : "info");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  return row;
}

static void
set_screening (MesoScreeningDialog *self,
               const MesoScreening *screening)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  guint n_cautions = 0;

  self->screening = meso_screening_copy (screening);

  for (guint i = 0; i < screening->findings->len; i++)
    {
      const MesoFinding *finding = g_ptr_array_index (screening->findings, i);

      gtk_list_box_append (self->findings_list, finding_row_new (self, finding));
      if (finding->severity == MESO_SEVERITY_CAUTION)
        n_cautions++;
    }

  if (is_contraindicated (self))
    {
      adw_message_dialog_set_heading (dialog, _("Mesotherapy Is Contraindicated"));
      adw_message_dialog_set_body (dialog,
                                   n_cautions > 0
                                   ? _("The screening found reasons this patient should avoid mesotherapy. "
                                       "Only a clinician’s override with a stated reason can book it; "
                                       "each caution must also be acknowledged.")
                                   : _("The screening found reasons this patient should avoid mesotherapy. "
                                       "Only a clinician’s override with a stated reason can book it."));
      adw_message_dialog_add_response (dialog, "book", _("_Override and Book"));
      adw_message_dialog_set_response_appearance (dialog, "book", ADW_RESPONSE_DESTRUCTIVE);
      gtk_widget_set_visible (GTK_WIDGET (self->override_list), TRUE);
    }
  else
    {
      adw_message_dialog_set_heading (dialog, _("Acknowledge Each Caution"));
      adw_message_dialog_set_body (dialog,
                                   _("Tick each finding once it has been discussed with the patient."));
      adw_message_dialog_add_response (dialog, "book", _("_Book"));
      adw_message_dialog_set_response_appearance (dialog, "book", ADW_RESPONSE_SUGGESTED);
    }

  update_response_cb (self);
}

static void
meso_screening_dialog_dispose (GObject *object)
{
  MesoScreeningDialog *self = (MesoScreeningDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_SCREENING_DIALOG);

  G_OBJECT_CLASS (meso_screening_dialog_parent_class)->dispose (object);
}

static void
meso_screening_dialog_finalize (GObject *object)
{
  MesoScreeningDialog *self = (MesoScreeningDialog *)object;

  g_clear_pointer (&self->screening, meso_screening_free);
  g_clear_pointer (&self->caution_checks, g_ptr_array_unref);
  g_clear_pointer (&self->caution_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (meso_screening_dialog_parent_class)->finalize (object);
}

static void
meso_screening_dialog_class_init (MesoScreeningDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = meso_screening_dialog_dispose;
  object_class->finalize = meso_screening_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-screening-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoScreeningDialog, findings_list);
  gtk_widget_class_bind_template_child (widget_class, MesoScreeningDialog, override_list);
  gtk_widget_class_bind_template_child (widget_class, MesoScreeningDialog, override_row);
  gtk_widget_class_bind_template_child (widget_class, MesoScreeningDialog, reason_row);
  gtk_widget_class_bind_template_callback (widget_class, update_response_cb);
}

static void
meso_screening_dialog_init (MesoScreeningDialog *self)
{
  self->caution_checks = g_ptr_array_new ();
  self->caution_codes = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * meso_screening_dialog_new:
 * @parent: the window the dialog is modal for
 * @screening: a caution or contraindicated screening
 *
 * Returns: (transfer floating): a new dialog, not yet presented
 */
GtkWidget *
meso_screening_dialog_new (GtkWindow           *parent,
                           const MesoScreening *screening)
{
  MesoScreeningDialog *self;

  g_return_val_if_fail (screening != NULL, NULL);

  self = g_object_new (MESO_TYPE_SCREENING_DIALOG,
                       "transient-for", parent,
                       NULL);
  set_screening (self, screening);
  return GTK_WIDGET (self);
}

GPtrArray *
meso_screening_dialog_dup_acknowledged (MesoScreeningDialog *self)
{
  GPtrArray *codes = meso_strv_array_new ();

  g_return_val_if_fail (MESO_IS_SCREENING_DIALOG (self), codes);

  for (guint i = 0; i < self->caution_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->caution_checks, i)))
      g_ptr_array_add (codes, g_strdup (g_ptr_array_index (self->caution_codes, i)));
  return codes;
}

char *
meso_screening_dialog_dup_override_reason (MesoScreeningDialog *self)
{
  g_return_val_if_fail (MESO_IS_SCREENING_DIALOG (self), NULL);

  if (!is_contraindicated (self) || !override_given (self))
    return NULL;
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
}
