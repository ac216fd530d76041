/* meso-preferences-window.c: the clinic's settings.
 *
 * Each change is saved at once, as GNOME preferences are; text is saved
 * when applied (Enter or the apply button) rather than on every key.  A
 * refused value is marked on its row and nothing is written.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-preferences-window.h"

struct _MesoPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  MesoContext          *context;
  gboolean              loading;

  AdwEntryRow          *name_row;
  AdwEntryRow          *address_row;
  AdwEntryRow          *phone_row;
  AdwComboRow          *paper_row;
  AdwActionRow         *legal_age_row;
  GtkSpinButton        *legal_age_spin;
  AdwComboRow          *massage_row;
  AdwActionRow         *next_session_row;
  GtkSpinButton        *next_session_spin;
};

G_DEFINE_FINAL_TYPE (MesoPreferencesWindow, meso_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
mark_row (GtkWidget *row,
          gboolean   invalid)
{
  if (invalid)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Validation messages start with the field name (meso_settings_validate). */
static const struct {
  const char *prefix;
  gsize       offset;
} field_rows[] = {
  { "clinic_name:", G_STRUCT_OFFSET (MesoPreferencesWindow, name_row) },
  { "clinic_address:", G_STRUCT_OFFSET (MesoPreferencesWindow, address_row) },
  { "clinic_phone:", G_STRUCT_OFFSET (MesoPreferencesWindow, phone_row) },
  { "paper_size:", G_STRUCT_OFFSET (MesoPreferencesWindow, paper_row) },
  { "legal_age:", G_STRUCT_OFFSET (MesoPreferencesWindow, legal_age_row) },
  { "default_massage:", G_STRUCT_OFFSET (MesoPreferencesWindow, massage_row) },
  { "next_session_days:", G_STRUCT_OFFSET (MesoPreferencesWindow, next_session_row) },
};

#define FIELD_ROW(self, i) G_STRUCT_MEMBER (GtkWidget *, (self), field_rows[i].offset)

/* Marks the row @message is about, and clears the others. */
static void
mark_rows (MesoPreferencesWindow *self,
           const char            *message)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    mark_row (FIELD_ROW (self, i),
              message != NULL && g_str_has_prefix (message, field_rows[i].prefix));
}

static void
save_cb (MesoPreferencesWindow *self)
{
  g_autoptr(MesoSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading || self->context == NULL)
    return;

  settings = meso_settings_copy (meso_context_get_settings (self->context));
  g_free (settings->clinic_name);
  settings->clinic_name = dup_text (self->name_row);
  g_free (settings->clinic_address);
  settings->clinic_address = dup_text (self->address_row);
  g_free (settings->clinic_phone);
  settings->clinic_phone = dup_text (self->phone_row);
  settings->paper_size = adw_combo_row_get_selected (self->paper_row) == 1
                         ? MESO_PAPER_LETTER : MESO_PAPER_A4;
  settings->legal_age = (guint) gtk_spin_button_get_value_as_int (self->legal_age_spin);
  settings->default_massage = adw_combo_row_get_selected (self->massage_row);
  settings->next_session_days = (guint) gtk_spin_button_get_value_as_int (self->next_session_spin);

  if (!meso_context_save_settings (self->context, settings, &error))
    {
      mark_rows (self, error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      return;
    }
  mark_rows (self, NULL);
}

static void
load_settings (MesoPreferencesWindow *self)
{
  const MesoSettings *settings = meso_context_get_settings (self->context);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), settings->clinic_name ? settings->clinic_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), settings->clinic_address ? settings->clinic_address : "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), settings->clinic_phone ? settings->clinic_phone : "");
  adw_combo_row_set_selected (self->paper_row, settings->paper_size == MESO_PAPER_LETTER ? 1 : 0);
  gtk_spin_button_set_value (self->legal_age_spin, settings->legal_age);
  adw_combo_row_set_selected (self->massage_row, settings->default_massage);
  gtk_spin_button_set_value (self->next_session_spin, settings->next_session_days);
  self->loading = FALSE;
}

static void
meso_preferences_window_constructed (GObject *object)
{
  MesoPreferencesWindow *self = (MesoPreferencesWindow *)object;

  G_OBJECT_CLASS (meso_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (MESO_IS_CONTEXT (self->context));
  load_settings (self);
}

static void
meso_preferences_window_dispose (GObject *object)
{
  MesoPreferencesWindow *self = (MesoPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_preferences_window_parent_class)->dispose (object);
}

static void
meso_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MesoPreferencesWindow *self = MESO_PREFERENCES_WINDOW (object);

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
meso_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  MesoPreferencesWindow *self = MESO_PREFERENCES_WINDOW (object);

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
meso_preferences_window_class_init (MesoPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = meso_preferences_window_constructed;
  object_class->dispose = meso_preferences_window_dispose;
  object_class->get_property = meso_preferences_window_get_property;
  object_class->set_property = meso_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MESO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, legal_age_row);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, legal_age_spin);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, massage_row);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, next_session_row);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, next_session_spin);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
}

static void
meso_preferences_window_init (MesoPreferencesWindow *self)
{
  g_autoptr(GtkStringList) massages = gtk_string_list_new (NULL);

  /* Template signals must not save the defaults over the clinic's values. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < MESO_N_MASSAGES; i++)
    gtk_string_list_append (massages, meso_massage_to_label (i));
  adw_combo_row_set_model (self->massage_row, G_LIST_MODEL (massages));
  self->loading = FALSE;
}

GtkWindow *
meso_preferences_window_new (MesoContext *context)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  return g_object_new (MESO_TYPE_PREFERENCES_WINDOW,
                       "context", context,
                       NULL);
}
