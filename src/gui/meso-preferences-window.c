/* meso-preferences-window.c: the clinic's settings.
 *
 * Each change is saved at once, as GNOME preferences are; text is saved
 * when applied (Enter or the apply button) rather than on every key.  A
 * refused value is marked on its row and nothing is written.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-backup-scheduler.h"
#include "meso-combo-row-util.h"
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

  /* Backups: GSettings of this machine, written by the scheduler too. */
  MesoBackupScheduler  *scheduler;
  GtkFileChooserNative *folder_chooser;
  GCancellable         *backup_cancellable;
  AdwPreferencesGroup  *backups_group;
  GtkSwitch            *backup_switch;
  AdwActionRow         *folder_row;
  GtkSpinButton        *keep_spin;
  AdwActionRow         *status_row;
  GtkSpinner           *backup_spinner;
  GtkWidget            *backup_failed_icon;
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
update_backup_folder (MesoPreferencesWindow *self)
{
  GSettings *settings = meso_context_get_ui_settings (self->context);
  g_autofree char *folder = g_settings_get_string (settings, "backup-folder");

  adw_action_row_set_subtitle (self->folder_row, *folder != '\0' ? folder : _("No folder chosen"));
}

static void
update_backup_status (MesoPreferencesWindow *self)
{
  GSettings *settings = meso_context_get_ui_settings (self->context);
  gint64 last = g_settings_get_int64 (settings, "backup-last-time");
  g_autofree char *error = g_settings_get_string (settings, "backup-last-error");
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *when_text = NULL;
  g_autofree char *subtitle = NULL;

  if (last <= 0)
    {
      adw_action_row_set_subtitle (self->status_row, _("None yet"));
      gtk_widget_set_visible (self->backup_failed_icon, FALSE);
      return;
    }

  when = g_date_time_new_from_unix_local (last);
  /* Translators: a date and time in strftime() format */
  when_text = g_date_time_format (when, _("%Y-%m-%d %H:%M"));
  if (*error == '\0')
    /* Translators: %s is a date and time */
    subtitle = g_strdup_printf (_("Written on %s"), when_text);
  else
    /* Translators: a date and time, then why the backup failed */
    subtitle = g_strdup_printf (_("Failed on %s: %s"), when_text, error);
  adw_action_row_set_subtitle (self->status_row, subtitle);
  gtk_widget_set_visible (self->backup_failed_icon, *error != '\0');
}

static void
backup_settings_changed_cb (MesoPreferencesWindow *self,
                            const char            *key)
{
  if (g_strcmp0 (key, "backup-folder") == 0)
    update_backup_folder (self);
  else if (g_str_has_prefix (key, "backup-last-"))
    update_backup_status (self);
}

static void
backup_busy_cb (MesoPreferencesWindow *self)
{
  gboolean busy = meso_backup_scheduler_get_busy (self->scheduler);

  gtk_spinner_set_spinning (self->backup_spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.back-up-now", !busy);
}

static void
setup_backups (MesoPreferencesWindow *self)
{
  GSettings *settings = meso_context_get_ui_settings (self->context);

  if (settings == NULL)
    {
      /* Uninstalled runs without the schema: nothing to keep the choice in. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->backups_group), FALSE);
      adw_preferences_group_set_description (self->backups_group,
                                             _("Backups cannot be set up: the application’s settings are not installed."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.back-up-now", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.choose-backup-folder", FALSE);
      return;
    }

  self->scheduler = g_object_ref (meso_backup_scheduler_get_for_context (self->context));
  g_settings_bind (settings, "backup-enabled", self->backup_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "backup-keep",
                   gtk_spin_button_get_adjustment (self->keep_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed",
                           G_CALLBACK (backup_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "notify::busy",
                           G_CALLBACK (backup_busy_cb), self, G_CONNECT_SWAPPED);
  update_backup_folder (self);
  update_backup_status (self);
  backup_busy_cb (self);
}

static void
folder_chosen_cb (MesoPreferencesWindow *self,
                  int                    response,
                  GtkNativeDialog       *chooser)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL)
    path = g_file_get_path (folder);
  if (path != NULL)
    g_settings_set_string (meso_context_get_ui_settings (self->context), "backup-folder", path);
  else if (folder != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (_("Choose a local folder: backups are written by path")));
  g_clear_object (&self->folder_chooser);
}

static void
choose_folder_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MesoPreferencesWindow *self = MESO_PREFERENCES_WINDOW (widget);
  g_autofree char *current = NULL;

  if (self->folder_chooser != NULL)
    return;

  self->folder_chooser = gtk_file_chooser_native_new (_("Choose a Backup Folder"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                      _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->folder_chooser), TRUE);
  current = g_settings_get_string (meso_context_get_ui_settings (self->context), "backup-folder");
  if (*current != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->folder_chooser), file, NULL);
    }
  g_signal_connect_object (self->folder_chooser, "response",
                           G_CALLBACK (folder_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->folder_chooser));
}

static void
back_up_now_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MesoPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *title = NULL;

  written = meso_backup_scheduler_back_up_now_finish (MESO_BACKUP_SCHEDULER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Nothing was tried (no folder, one already running): say what to do. */
  if (written == NULL && error->domain == G_IO_ERROR)
    title = g_strdup (error->message);
  else if (written == NULL)
    /* Translators: %s says why, and names the folder */
    title = g_strdup_printf (_("Backup failed: %s"), error->message);
  else
    {
      g_autofree char *base = g_path_get_basename (written);

      /* Translators: %s is the file name of the backup */
      title = g_strdup_printf (_("Backed up to %s"), base);
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

static void
back_up_now_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MesoPreferencesWindow *self = MESO_PREFERENCES_WINDOW (widget);

  if (self->scheduler == NULL)
    return;

  meso_backup_scheduler_back_up_now_async (self->scheduler, self->backup_cancellable,
                                           back_up_now_cb, g_object_ref (self));
}

static void
meso_preferences_window_constructed (GObject *object)
{
  MesoPreferencesWindow *self = (MesoPreferencesWindow *)object;

  G_OBJECT_CLASS (meso_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (MESO_IS_CONTEXT (self->context));
  load_settings (self);
  setup_backups (self);
}

static void
meso_preferences_window_dispose (GObject *object)
{
  MesoPreferencesWindow *self = (MesoPreferencesWindow *)object;

  g_cancellable_cancel (self->backup_cancellable);
  g_clear_object (&self->backup_cancellable);
  if (self->folder_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->folder_chooser));
  g_clear_object (&self->folder_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->scheduler);
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
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, backups_group);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, backup_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, keep_spin);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, backup_spinner);
  gtk_widget_class_bind_template_child (widget_class, MesoPreferencesWindow, backup_failed_icon);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);

  gtk_widget_class_install_action (widget_class, "preferences.choose-backup-folder", NULL,
                                   choose_folder_action_cb);
  gtk_widget_class_install_action (widget_class, "preferences.back-up-now", NULL,
                                   back_up_now_action_cb);
}

static void
meso_preferences_window_init (MesoPreferencesWindow *self)
{
  g_autoptr(GtkStringList) massages = gtk_string_list_new (NULL);

  /* Template signals must not save the defaults over the clinic's values. */
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->backup_cancellable = g_cancellable_new ();

  for (guint i = 0; i < MESO_N_MASSAGES; i++)
    gtk_string_list_append (massages, meso_massage_to_label (i));
  adw_combo_row_set_model (self->massage_row, G_LIST_MODEL (massages));
  meso_combo_row_show_whole_value (self->paper_row);
  meso_combo_row_show_whole_value (self->massage_row);
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
