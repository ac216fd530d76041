/* meso-today-row.c: one of today's sessions: time, patient, area, state. */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-today-row.h"

struct _MesoTodayRow
{
  AdwActionRow  parent_instance;

  MesoSession  *session;

  GtkLabel     *time_label;
  GtkLabel     *status_label;
  GtkButton    *aftercare_button;
  GtkButton    *done_button;
};

G_DEFINE_FINAL_TYPE (MesoTodayRow, meso_today_row, ADW_TYPE_ACTION_ROW)

static void
meso_today_row_dispose (GObject *object)
{
  MesoTodayRow *self = (MesoTodayRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_TODAY_ROW);

  G_OBJECT_CLASS (meso_today_row_parent_class)->dispose (object);
}

static void
meso_today_row_finalize (GObject *object)
{
  MesoTodayRow *self = (MesoTodayRow *)object;

  g_clear_pointer (&self->session, meso_session_free);

  G_OBJECT_CLASS (meso_today_row_parent_class)->finalize (object);
}

static void
meso_today_row_class_init (MesoTodayRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = meso_today_row_dispose;
  object_class->finalize = meso_today_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-today-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoTodayRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayRow, aftercare_button);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayRow, done_button);
}

static void
meso_today_row_init (MesoTodayRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_session (MesoTodayRow      *self,
             const MesoSession *session,
             const char        *patient_name)
{
  g_autofree char *time = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lines = NULL;
  GVariant *target;

  self->session = meso_session_copy (session);

  if (session->time_minutes >= 0)
    {
      time = g_strdup_printf ("%02d:%02d", session->time_minutes / 60, session->time_minutes % 60);
      gtk_label_set_label (self->time_label, time);
    }
  else
    {
      gtk_label_set_label (self->time_label, "—");
      gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), _("No time set"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("No time set"),
                                      -1);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), patient_name);

  /* One line each for what is treated, with what, and how: cut short,
   * "Non-crosslinked hyaluronic …" hid the very facts the desk checks. */
  lines = g_ptr_array_new_with_free_func (g_free);
  /* Translators: the area treated, then why, as in "Face · Skin rejuvenation". */
  g_ptr_array_add (lines, g_strdup_printf (_("%s · %s"),
                                           meso_area_to_label (session->area),
                                           meso_indication_to_label (session->indication)));
  if (session->solution_name != NULL)
    g_ptr_array_add (lines, g_strdup (session->solution_name));
  /* Translators: needle gauge and length. */
  g_ptr_array_add (parts, g_strdup_printf (_("%u G, %g mm"),
                                           session->needle_gauge, session->needle_length_mm));
  if (session->volume_ml > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%g ml"), session->volume_ml));
  g_ptr_array_add (parts, NULL);
  g_ptr_array_add (lines, g_strjoinv (" · ", (char **) parts->pdata));
  g_ptr_array_add (lines, NULL);
  subtitle = g_strjoinv ("\n", (char **) lines->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  gtk_label_set_label (self->status_label, meso_session_status_to_label (session->status));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                            meso_session_status_to_code (session->status));
  gtk_widget_set_visible (GTK_WIDGET (self->done_button),
                          session->status == MESO_SESSION_BOOKED);

  target = g_variant_new_int64 (session->id);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->done_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->aftercare_button), target);
}

GtkWidget *
meso_today_row_new (const MesoSession *session,
                    const char        *patient_name)
{
  MesoTodayRow *self;

  g_return_val_if_fail (session != NULL, NULL);

  self = g_object_new (MESO_TYPE_TODAY_ROW, NULL);
  set_session (self, session, patient_name);
  return GTK_WIDGET (self);
}

const MesoSession *
meso_today_row_get_session (MesoTodayRow *self)
{
  g_return_val_if_fail (MESO_IS_TODAY_ROW (self), NULL);
  return self->session;
}
