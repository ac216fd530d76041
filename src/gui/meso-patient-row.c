/* meso-patient-row.c: name, then date of birth, age and phone.
 *
 * Rows are recycled by GtkListView (the "item" property is rebound as the
 * list scrolls) and an item may come to show another patient as a search
 * changes (see meso-patient-list-model.c): either way only the text is
 * updated.  GtkListView 4.8 keeps up to 200 rows bound, a keystroke may
 * give each of them a new patient, and a GtkLabel would queue a resize and
 * shape its text again for every one of them.  A GtkInscription's size
 * comes from its font, not its text: a new text is only a redraw, and the
 * text is shaped when the row is drawn, that is only for the rows on
 * screen.  The rows therefore all have the same height.
 */
#include "config.h"

#include "meso-patient-row.h"

struct _MesoPatientRow
{
  GtkWidget        parent_instance;

  MesoPatientItem *item;

  GtkInscription  *name_label;
  GtkInscription  *details_label;
};

G_DEFINE_FINAL_TYPE (MesoPatientRow, meso_patient_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_label (MesoPatientRow *self)
{
  g_autofree char *details = NULL;
  const char *name;

  if (self->item == NULL)
    return;

  name = meso_patient_item_get_name (self->item);
  details = meso_patient_item_dup_details (self->item);
  gtk_inscription_set_text (self->name_label, name);
  gtk_inscription_set_text (self->details_label, details);
  /* An inscription does not say its text to assistive technologies: the
   * row does, as one label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details,
                                  -1);
}

static void
meso_patient_row_dispose (GObject *object)
{
  MesoPatientRow *self = (MesoPatientRow *)object;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, update_label, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_PATIENT_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (meso_patient_row_parent_class)->dispose (object);
}

static void
meso_patient_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MesoPatientRow *self = MESO_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_patient_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MesoPatientRow *self = MESO_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      meso_patient_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_patient_row_class_init (MesoPatientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = meso_patient_row_dispose;
  object_class->get_property = meso_patient_row_get_property;
  object_class->set_property = meso_patient_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         MESO_TYPE_PATIENT_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-patient-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoPatientRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientRow, details_label);

  gtk_widget_class_set_css_name (widget_class, "patientrow");
}

static void
meso_patient_row_init (MesoPatientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MesoPatientItem *
meso_patient_row_get_item (MesoPatientRow *self)
{
  g_return_val_if_fail (MESO_IS_PATIENT_ROW (self), NULL);
  return self->item;
}

void
meso_patient_row_set_item (MesoPatientRow  *self,
                           MesoPatientItem *item)
{
  g_return_if_fail (MESO_IS_PATIENT_ROW (self));
  g_return_if_fail (item == NULL || MESO_IS_PATIENT_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, update_label, self);
  g_set_object (&self->item, item);
  /* The item may come to show another patient as the search changes. */
  if (item != NULL)
    g_signal_connect_object (item, "notify::name", G_CALLBACK (update_label),
                             self, G_CONNECT_SWAPPED);

  update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
