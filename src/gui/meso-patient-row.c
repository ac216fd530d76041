/* meso-patient-row.c: name, then date of birth, age and phone.
 *
 * Rows are recycled by GtkListView (the "item" property is rebound as the
 * list scrolls) and an item may come to show another patient as a search
 * changes (see meso-patient-list-model.c): either way only the label is
 * updated.  One label holds both lines: GtkListView 4.8 keeps 200 rows and
 * lays them all out again on every keystroke.
 */
#include "config.h"

#include "meso-patient-row.h"

struct _MesoPatientRow
{
  GtkWidget        parent_instance;

  MesoPatientItem *item;

  GtkLabel        *label;
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
  g_autofree char *markup = NULL;

  if (self->item == NULL)
    return;

  details = meso_patient_item_dup_details (self->item);
  markup = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"small\" alpha=\"55%%\">%s</span>",
                                    meso_patient_item_get_name (self->item), details);
  gtk_label_set_markup (self->label, markup);
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
  gtk_widget_class_bind_template_child (widget_class, MesoPatientRow, label);

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
