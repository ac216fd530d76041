/* meso-window.c: places in an adaptive leaflet.
 *
 * Wide, the sidebar of places sits beside the content; narrow (a phone, a
 * small side window) the leaflet folds and shows one or the other, with a
 * back button to the places.  Patients brings its own header bars (it has a
 * list and a patient side by side); Today and Follow-ups are content under
 * a header bar of the window's.
 *
 * Only the place shown is built: Today and Follow-ups are made the first
 * time they are shown, so that neither the first frame nor the memory of
 * a window that stays on Patients pays for them (the Follow-ups list
 * grows with the clinic).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-followups-page.h"
#include "meso-patients-page.h"
#include "meso-today-page.h"
#include "meso-window.h"

struct _MesoWindow
{
  AdwApplicationWindow  parent_instance;

  MesoContext          *context;
  MesoPatientsPage     *patients_page;

  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkListBox           *places_list;
  GtkStack             *stack;
  AdwBin               *patients_bin;
  AdwBin               *today_bin;
  AdwBin               *followups_bin;

  guint                 discard_confirmed : 1;
};

G_DEFINE_FINAL_TYPE (MesoWindow, meso_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the sidebar's rows. */
static const char * const places[] = { "patients", "today", "followups", NULL };

/* Builds the page of @place the first time it is shown. */
static void
ensure_place (MesoWindow *self,
              const char *place)
{
  if (g_str_equal (place, "today") && adw_bin_get_child (self->today_bin) == NULL)
    adw_bin_set_child (self->today_bin, meso_today_page_new (self->context));
  else if (g_str_equal (place, "followups") && adw_bin_get_child (self->followups_bin) == NULL)
    adw_bin_set_child (self->followups_bin, meso_followups_page_new (self->context));
}

static void
select_place_row (MesoWindow *self,
                  const char *place)
{
  for (guint i = 0; places[i] != NULL; i++)
    if (g_str_equal (place, places[i]))
      gtk_list_box_select_row (self->places_list,
                               gtk_list_box_get_row_at_index (self->places_list, i));
}

static void
show_place_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MesoWindow *self = MESO_WINDOW (widget);

  meso_window_show_place (self, g_variant_get_string (parameter, NULL));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->stack));
}

/* "Open Patient" in Follow-ups: the patient's page, in Patients. */
static void
show_patient_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MesoWindow *self = MESO_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);

  /* Rows not yet bound carry 0 as a placeholder. */
  if (id <= 0)
    return;

  meso_window_show_place (self, "patients");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->stack));
  meso_patients_page_show_patient (self->patients_page, id);
}

static void
show_places_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MesoWindow *self = MESO_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
toggle_places_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MesoWindow *self = MESO_WINDOW (widget);

  /* Only meaningful when folded: wide, both are always shown. */
  if (adw_leaflet_get_visible_child (self->leaflet) == self->sidebar)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->stack));
  else
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
new_patient_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MesoWindow *self = MESO_WINDOW (widget);

  meso_window_show_place (self, "patients");
  meso_patients_page_new_patient (self->patients_page);
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MesoWindow *self = MESO_WINDOW (widget);

  meso_window_show_place (self, "patients");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->stack));
  meso_patients_page_focus_search (self->patients_page);
}

static void
restore_state (MesoWindow *self)
{
  GSettings *settings = meso_context_get_ui_settings (self->context);
  g_autofree char *place = NULL;

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  place = g_settings_get_string (settings, "last-place");
  meso_window_show_place (self, place);
  /* Folded, open on that place, not on the list of places. */
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->stack));
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     MesoWindow       *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->discard_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Edits that validate are saved on closing; the others are not dropped
 * without asking. */
static gboolean
confirm_unsaved (MesoWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (self->discard_confirmed ||
      meso_patients_page_save_pending (self->patients_page, &error))
    return FALSE;

  meso_window_show_place (self, "patients");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Unsaved Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The patient’s changes cannot be saved as they are: %s"),
                                  error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static gboolean
meso_window_close_request (GtkWindow *window)
{
  MesoWindow *self = MESO_WINDOW (window);
  GSettings *settings = meso_context_get_ui_settings (self->context);
  int width, height;

  if (confirm_unsaved (self))
    return TRUE;

  if (settings != NULL)
    {
      /* The unmaximized size, so that unmaximizing next time works. */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_set_string (settings, "last-place", meso_window_get_place (self));
      g_settings_apply (settings);
    }

  return GTK_WINDOW_CLASS (meso_window_parent_class)->close_request (window);
}

static void
meso_window_constructed (GObject *object)
{
  MesoWindow *self = (MesoWindow *)object;

  G_OBJECT_CLASS (meso_window_parent_class)->constructed (object);

  /* The pages need the context at construction, so they are made here;
   * where they go is said by meso-window.ui. */
  self->patients_page = MESO_PATIENTS_PAGE (meso_patients_page_new (self->context));
  adw_bin_set_child (self->patients_bin, GTK_WIDGET (self->patients_page));

  g_object_bind_property (self->leaflet, "folded",
                          self->patients_page, "show-back-button",
                          G_BINDING_SYNC_CREATE);

  select_place_row (self, "patients");
  restore_state (self);
}

static void
meso_window_dispose (GObject *object)
{
  MesoWindow *self = (MesoWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_window_parent_class)->dispose (object);
}

static void
meso_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MesoWindow *self = MESO_WINDOW (object);

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
meso_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MesoWindow *self = MESO_WINDOW (object);

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
meso_window_class_init (MesoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = meso_window_constructed;
  object_class->dispose = meso_window_dispose;
  object_class->get_property = meso_window_get_property;
  object_class->set_property = meso_window_set_property;

  window_class->close_request = meso_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MESO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MesoWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, MesoWindow, places_list);
  gtk_widget_class_bind_template_child (widget_class, MesoWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MesoWindow, patients_bin);
  gtk_widget_class_bind_template_child (widget_class, MesoWindow, today_bin);
  gtk_widget_class_bind_template_child (widget_class, MesoWindow, followups_bin);

  gtk_widget_class_install_action (widget_class, "win.show-place", "s", show_place_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-patient", "x", show_patient_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-places", NULL, show_places_action_cb);
  gtk_widget_class_install_action (widget_class, "win.toggle-places", NULL, toggle_places_action_cb);
  gtk_widget_class_install_action (widget_class, "win.new-patient", NULL, new_patient_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-patient", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-places", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-place", "s", "patients");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-place", "s", "today");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-place", "s", "followups");
}

static void
meso_window_init (MesoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MesoWindow *
meso_window_new (AdwApplication *application,
                 MesoContext    *context)
{
  g_return_val_if_fail (application == NULL || ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  return g_object_new (MESO_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

MesoContext *
meso_window_get_context (MesoWindow *self)
{
  g_return_val_if_fail (MESO_IS_WINDOW (self), NULL);

  return self->context;
}

void
meso_window_show_place (MesoWindow *self,
                        const char *place)
{
  g_return_if_fail (MESO_IS_WINDOW (self));
  g_return_if_fail (place != NULL);

  if (!g_strv_contains (places, place))
    return;

  ensure_place (self, place);
  gtk_stack_set_visible_child_name (self->stack, place);
  select_place_row (self, place);
}

const char *
meso_window_get_place (MesoWindow *self)
{
  g_return_val_if_fail (MESO_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

MesoPatientsPage *
meso_window_get_patients_page (MesoWindow *self)
{
  g_return_val_if_fail (MESO_IS_WINDOW (self), NULL);

  return self->patients_page;
}
