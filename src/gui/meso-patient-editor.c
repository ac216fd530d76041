/* meso-patient-editor.c: name, birth and contact of a new patient.
 *
 * The medical history is asked on the patient's page once the patient
 * exists; this dialog only needs what identifies the person.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-patient-editor.h"

struct _MesoPatientEditor
{
  AdwWindow          parent_instance;

  MesoContext       *context;

  MesoIdentityGroup *identity_group;
};

G_DEFINE_FINAL_TYPE (MesoPatientEditor, meso_patient_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  PATIENT_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MesoPatientEditor *self = MESO_PATIENT_EDITOR (widget);

  /* The error is already on the field. */
  if (meso_patient_editor_save (self, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

static void
meso_patient_editor_dispose (GObject *object)
{
  MesoPatientEditor *self = (MesoPatientEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_PATIENT_EDITOR);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_patient_editor_parent_class)->dispose (object);
}

static void
meso_patient_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MesoPatientEditor *self = MESO_PATIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_patient_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MesoPatientEditor *self = MESO_PATIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_patient_editor_class_init (MesoPatientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = meso_patient_editor_dispose;
  object_class->get_property = meso_patient_editor_get_property;
  object_class->set_property = meso_patient_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MESO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MesoPatientEditor::patient-added:
   * @id: the new patient's id
   */
  signals[PATIENT_ADDED] =
    g_signal_new ("patient-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (MESO_TYPE_IDENTITY_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-patient-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoPatientEditor, identity_group);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
meso_patient_editor_init (MesoPatientEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MesoPatientEditor *
meso_patient_editor_new (MesoContext *context)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  return g_object_new (MESO_TYPE_PATIENT_EDITOR,
                       "context", context,
                       NULL);
}

MesoIdentityGroup *
meso_patient_editor_get_identity_group (MesoPatientEditor *self)
{
  g_return_val_if_fail (MESO_IS_PATIENT_EDITOR (self), NULL);

  return self->identity_group;
}

gboolean
meso_patient_editor_save (MesoPatientEditor  *self,
                          GError            **error)
{
  g_autoptr(MesoPatient) patient = meso_patient_new ();
  g_autoptr(GError) local_error = NULL;
  GDate today;

  g_return_val_if_fail (MESO_IS_PATIENT_EDITOR (self), FALSE);

  meso_identity_group_clear_errors (self->identity_group);
  if (!meso_identity_group_apply (self->identity_group, patient, error))
    return FALSE;

  meso_date_set_today (&today);
  if (!meso_patient_validate (patient, &today, &local_error) ||
      !meso_store_insert_patient (meso_context_get_store (self->context), patient, &local_error))
    {
      /* A store error names no field: it is shown in the group all the same. */
      if (!meso_identity_group_show_error (self->identity_group, local_error))
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->identity_group),
                                               local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  meso_context_notify_changed (self->context, MESO_CHANGE_PATIENTS);
  g_signal_emit (self, signals[PATIENT_ADDED], 0, patient->id);

  return TRUE;
}
