/* meso-condition-row.c: a combo row over the four answers.
 *
 * Picking an answer, even the same one again after "not asked", confirms it
 * today: the date is what tells the practitioner how current the history is.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-condition-row.h"

struct _MesoConditionRow
{
  AdwComboRow    parent_instance;

  MesoCondition  condition;
  GDate          confirmed;
  guint          loading : 1;
};

G_DEFINE_FINAL_TYPE (MesoConditionRow, meso_condition_row, ADW_TYPE_COMBO_ROW)

enum {
  PROP_0,
  PROP_CONDITION,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_subtitle (MesoConditionRow *self)
{
  g_autofree char *date = meso_date_format (&self->confirmed);
  g_autofree char *subtitle = NULL;

  if (date != NULL)
    /* Translators: %s is a date, YYYY-MM-DD */
    subtitle = g_strdup_printf (_("Last confirmed %s"), date);
  else
    subtitle = g_strdup (_("Never confirmed"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  /* A "yes" stands out so the eye finds it when scanning the history. */
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self)) == MESO_ANSWER_YES)
    gtk_widget_add_css_class (GTK_WIDGET (self), "answer-yes");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "answer-yes");
}

static void
selected_changed_cb (MesoConditionRow *self)
{
  if (self->loading)
    return;

  meso_date_set_today (&self->confirmed);
  update_subtitle (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
meso_condition_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MesoConditionRow *self = MESO_CONDITION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONDITION:
      g_value_set_uint (value, self->condition);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_condition_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MesoConditionRow *self = MESO_CONDITION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONDITION:
      self->condition = g_value_get_uint (value);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                     meso_condition_to_label (self->condition));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_condition_row_class_init (MesoConditionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = meso_condition_row_get_property;
  object_class->set_property = meso_condition_row_set_property;

  properties[PROP_CONDITION] =
    g_param_spec_uint ("condition", NULL, NULL,
                       0, MESO_N_CONDITIONS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MesoConditionRow::changed:
   *
   * The practitioner picked an answer (now confirmed today).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-condition-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, selected_changed_cb);
}

static void
meso_condition_row_init (MesoConditionRow *self)
{
  g_date_clear (&self->confirmed, 1);

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;

  update_subtitle (self);
}

GtkWidget *
meso_condition_row_new (MesoCondition condition)
{
  return g_object_new (MESO_TYPE_CONDITION_ROW,
                       "condition", condition,
                       NULL);
}

MesoCondition
meso_condition_row_get_condition (MesoConditionRow *self)
{
  g_return_val_if_fail (MESO_IS_CONDITION_ROW (self), 0);
  return self->condition;
}

void
meso_condition_row_set_answer (MesoConditionRow          *self,
                               const MesoConditionAnswer *answer)
{
  g_return_if_fail (MESO_IS_CONDITION_ROW (self));
  g_return_if_fail (answer != NULL);

  self->loading = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), answer->answer);
  self->confirmed = answer->confirmed;
  self->loading = FALSE;

  update_subtitle (self);
}

void
meso_condition_row_get_answer (MesoConditionRow    *self,
                               MesoConditionAnswer *answer)
{
  g_return_if_fail (MESO_IS_CONDITION_ROW (self));
  g_return_if_fail (answer != NULL);

  answer->answer = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
  answer->confirmed = self->confirmed;
}
