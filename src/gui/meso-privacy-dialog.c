/* meso-privacy-dialog.c: typing the name makes deleting a patient a
 * deliberate act, not a slip of the mouse on the wrong row. */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-privacy-dialog.h"

struct _MesoPrivacyDialog
{
  AdwMessageDialog   parent_instance;

  MesoPrivacyAction  action;
  gint64             patient_id;
  char              *patient_name;

  GtkEntry          *reason_entry;
  GtkLabel          *confirm_label;
  GtkEntry          *confirm_entry;
};

G_DEFINE_FINAL_TYPE (MesoPrivacyDialog, meso_privacy_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Case and Unicode normalisation aside, as typed. */
static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : g_strdup ("");
}

static gboolean
typed_confirms (MesoPrivacyDialog *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry));
  g_autofree char *typed_folded = fold (typed);
  g_autofree char *name_folded = fold (self->patient_name);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->patient_id);

  if (*typed_folded == '\0')
    return FALSE;
  return g_str_equal (typed_folded, name_folded) || g_str_equal (typed_folded, id);
}

static void
entry_changed_cb (MesoPrivacyDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "confirm",
                                           meso_privacy_dialog_get_confirmed (self));
}

static void
meso_privacy_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MESO_TYPE_PRIVACY_DIALOG);

  G_OBJECT_CLASS (meso_privacy_dialog_parent_class)->dispose (object);
}

static void
meso_privacy_dialog_finalize (GObject *object)
{
  MesoPrivacyDialog *self = (MesoPrivacyDialog *)object;

  g_clear_pointer (&self->patient_name, g_free);

  G_OBJECT_CLASS (meso_privacy_dialog_parent_class)->finalize (object);
}

static void
meso_privacy_dialog_class_init (MesoPrivacyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = meso_privacy_dialog_dispose;
  object_class->finalize = meso_privacy_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-privacy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoPrivacyDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, MesoPrivacyDialog, confirm_label);
  gtk_widget_class_bind_template_child (widget_class, MesoPrivacyDialog, confirm_entry);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
}

static void
meso_privacy_dialog_init (MesoPrivacyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static char *
format_footprint (const MesoPatientFootprint *footprint)
{
  g_autofree char *sessions = NULL;
  g_autofree char *followups = NULL;
  g_autofree char *amendments = NULL;

  sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d session", "%d sessions",
                                           (gulong) footprint->sessions),
                              (int) footprint->sessions);
  followups = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d follow-up", "%d follow-ups",
                                            (gulong) footprint->followups),
                               (int) footprint->followups);
  amendments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d correction", "%d corrections",
                                             (gulong) footprint->amendments),
                                (int) footprint->amendments);
  /* Translators: "3 sessions, 2 follow-ups and 0 corrections" */
  return g_strdup_printf (_("%s, %s and %s"), sessions, followups, amendments);
}

GtkWidget *
meso_privacy_dialog_new (GtkWindow                  *parent,
                         MesoPrivacyAction           action,
                         gint64                      patient_id,
                         const char                 *patient_name,
                         const MesoPatientFootprint *footprint)
{
  AdwMessageDialog *dialog;
  MesoPrivacyDialog *self;
  g_autofree char *counts = NULL;
  g_autofree char *id = NULL;
  g_autofree char *prompt = NULL;

  g_return_val_if_fail (patient_name != NULL, NULL);
  g_return_val_if_fail (footprint != NULL, NULL);

  self = g_object_new (MESO_TYPE_PRIVACY_DIALOG,
                       "transient-for", parent,
                       NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->action = action;
  self->patient_id = patient_id;
  self->patient_name = g_strdup (patient_name);

  counts = format_footprint (footprint);
  if (action == MESO_PRIVACY_ANONYMISE)
    {
      adw_message_dialog_set_heading (dialog, _("Anonymise Patient?"));
      adw_message_dialog_format_body (dialog,
                                      /* Translators: a patient's name, then "3 sessions, …" */
                                      _("%s’s identity is removed for good: the name, contact "
                                        "details, notes and exact date of birth (the year stays). "
                                        "The clinical record is kept for traceability: %s, with "
                                        "their solutions and batch numbers. The change is recorded "
                                        "in the audit trail. Earlier backups still hold the identity."),
                                      patient_name, counts);
      adw_message_dialog_set_response_label (dialog, "confirm", _("_Anonymise"));
      gtk_entry_set_placeholder_text (self->reason_entry, _("Reason (required)"));
    }
  else
    {
      adw_message_dialog_set_heading (dialog, _("Delete Patient?"));
      adw_message_dialog_format_body (dialog,
                                      /* Translators: a patient's name, then "3 sessions, …" */
                                      _("%s’s whole record is removed for good: identity, medical "
                                        "history, %s. The deletion is recorded in the audit trail, "
                                        "without the patient’s details. Earlier backups still hold "
                                        "the record."),
                                      patient_name, counts);
      adw_message_dialog_set_response_label (dialog, "confirm", _("_Delete"));
      gtk_entry_set_placeholder_text (self->reason_entry, _("Reason (optional)"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reason_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"),
                                  -1);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, patient_id);
  /* Translators: the patient's name, then their number */
  prompt = g_strdup_printf (_("To confirm, type the patient’s name, “%s”, or their number, %s."),
                            patient_name, id);
  gtk_label_set_text (self->confirm_label, prompt);

  return GTK_WIDGET (self);
}

MesoPrivacyAction
meso_privacy_dialog_get_action (MesoPrivacyDialog *self)
{
  g_return_val_if_fail (MESO_IS_PRIVACY_DIALOG (self), MESO_PRIVACY_DELETE);

  return self->action;
}

gint64
meso_privacy_dialog_get_patient_id (MesoPrivacyDialog *self)
{
  g_return_val_if_fail (MESO_IS_PRIVACY_DIALOG (self), 0);

  return self->patient_id;
}

gboolean
meso_privacy_dialog_get_confirmed (MesoPrivacyDialog *self)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (MESO_IS_PRIVACY_DIALOG (self), FALSE);

  if (self->patient_name == NULL || !typed_confirms (self))
    return FALSE;
  if (self->action == MESO_PRIVACY_ANONYMISE)
    {
      reason = meso_privacy_dialog_dup_reason (self);
      return reason != NULL;
    }
  return TRUE;
}

char *
meso_privacy_dialog_dup_reason (MesoPrivacyDialog *self)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (MESO_IS_PRIVACY_DIALOG (self), NULL);

  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_entry))));
  return *reason != '\0' ? g_steal_pointer (&reason) : NULL;
}

GtkEditable *
meso_privacy_dialog_get_confirm_entry (MesoPrivacyDialog *self)
{
  g_return_val_if_fail (MESO_IS_PRIVACY_DIALOG (self), NULL);

  return GTK_EDITABLE (self->confirm_entry);
}

GtkEditable *
meso_privacy_dialog_get_reason_entry (MesoPrivacyDialog *self)
{
  g_return_val_if_fail (MESO_IS_PRIVACY_DIALOG (self), NULL);

  return GTK_EDITABLE (self->reason_entry);
}
