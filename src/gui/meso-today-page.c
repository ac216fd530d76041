/* meso-today-page.c: the day's sessions, for the front desk.
 *
 * The list is read in a worker thread (meso_context_run_async) so a busy
 * day never freezes the window; marking a session done is one quick write
 * on the main thread's store.  The selected session's aftercare sheet is
 * previewed beside the list; sheets are printed and saved as PDF by
 * MesoSheetPrinter, through the same layout as the CLI's PDFs.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-aftercare.h"
#include "meso-session-page.h"
#include "meso-sheet-preview.h"
#include "meso-sheet-printer.h"
#include "meso-today-page.h"
#include "meso-today-row.h"

struct _MesoTodayPage
{
  GtkWidget     parent_instance;

  MesoContext  *context;
  GCancellable *cancellable;
  gboolean      loading;
  GDate         day;          /* the day shown */
  gint64        selected_id;  /* session previewed, 0 for none */
  MesoSheetPrinter *printer;  /* its sheet */

  AdwToastOverlay *toast_overlay;
  GtkStack     *stack;
  GtkSpinner   *spinner;
  GtkLabel     *date_label;
  GtkLabel     *summary_label;
  GtkListBox   *sessions_list;
  AdwLeaflet   *leaflet;
  GtkWidget    *preview_pane;
  GtkLabel     *preview_title;
  MesoSheetPreview *preview;
};

G_DEFINE_FINAL_TYPE (MesoTodayPage, meso_today_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  MesoSession *session;
  char        *patient_name;
} TodayEntry;

static void
today_entry_free (TodayEntry *entry)
{
  meso_session_free (entry->session);
  g_free (entry->patient_name);
  g_free (entry);
}

/* Runs in a worker thread, on a store of its own. */
static gpointer
load_sessions_worker (MesoStore     *store,
                      gpointer       data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  const GDate *day = data;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  sessions = meso_store_list_sessions_on (store, day, error);
  if (sessions == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) today_entry_free);
  for (guint i = 0; i < sessions->len; i++)
    {
      MesoSession *session = g_ptr_array_index (sessions, i);
      g_autoptr(MesoPatientSummary) patient = NULL;
      TodayEntry *entry;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      patient = meso_store_get_patient_summary (store, session->patient_id, NULL);
      entry = g_new0 (TodayEntry, 1);
      entry->session = meso_session_copy (session);
      entry->patient_name = patient != NULL ? g_strdup (patient->name)
                                            : g_strdup (_("Unknown patient"));
      g_ptr_array_add (entries, entry);
    }

  return g_steal_pointer (&entries);
}

static void
set_loading (MesoTodayPage *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_entries (MesoTodayPage *self,
              GPtrArray     *entries)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date_text = NULL;
  g_autofree char *summary = NULL;
  gint64 selected_id = self->selected_id;
  GtkWidget *selected = NULL;
  guint n_done = 0;

  clear_list (self->sessions_list);
  for (guint i = 0; i < entries->len; i++)
    {
      TodayEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row = meso_today_row_new (entry->session, entry->patient_name);

      gtk_list_box_append (self->sessions_list, row);
      if (entry->session->status == MESO_SESSION_DONE)
        n_done++;
      if (entry->session->id == selected_id || selected == NULL)
        selected = row;
    }
  /* The same session stays selected across reloads, else the first. */
  if (selected != NULL)
    gtk_list_box_select_row (self->sessions_list, GTK_LIST_BOX_ROW (selected));

  /* Translators: today's date as a heading, see g_date_time_format(). */
  date_text = g_date_time_format (now, _("%A %e %B"));
  gtk_label_set_label (self->date_label, g_strstrip (date_text));
  /* The sessions and those done each take their own plural form. */
  {
    g_autofree char *done = NULL;

    /* TRANSLATORS: today's sessions marked done, as in "3 sessions, 1 done" */
    done = g_strdup_printf (ngettext ("%u done", "%u done", n_done), n_done);
    /* TRANSLATORS: %u is the number of today's sessions, %s "1 done":
     * "3 sessions, 1 done" */
    summary = g_strdup_printf (ngettext ("%u session, %s", "%u sessions, %s", entries->len),
                               entries->len, done);
  }
  gtk_label_set_label (self->summary_label, summary);

  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
}

static void
load_sessions_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MesoTodayPage) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = meso_context_run_finish (MESO_CONTEXT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (entries == NULL)
    {
      g_warning ("Cannot list today’s sessions: %s", error->message);
      adw_status_page_set_title (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->stack, "empty")),
                                 _("Today’s Sessions Cannot Be Read"));
      adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->stack, "empty")),
                                       error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show_entries (self, entries);
}

static void
reload (MesoTodayPage *self)
{
  GDate *today = g_date_new ();

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  meso_date_set_today (today);
  self->day = *today;
  set_loading (self, TRUE);
  if (gtk_widget_get_first_child (GTK_WIDGET (self->sessions_list)) == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  meso_context_run_async (self->context,
                          load_sessions_worker,
                          today, (GDestroyNotify) g_date_free,
                          (GDestroyNotify) g_ptr_array_unref,
                          self->cancellable,
                          load_sessions_cb,
                          g_object_ref (self));
}

static void
context_changed_cb (MesoTodayPage *self,
                    guint          what)
{
  /* Settings hold the clinic's name and paper: the preview shows them. */
  if (what & (MESO_CHANGE_SESSIONS | MESO_CHANGE_PATIENTS | MESO_CHANGE_SETTINGS))
    reload (self);
}

/* The window may stay open overnight: show the new day when shown again. */
static void
meso_today_page_map (GtkWidget *widget)
{
  MesoTodayPage *self = MESO_TODAY_PAGE (widget);
  GDate today;

  GTK_WIDGET_CLASS (meso_today_page_parent_class)->map (widget);

  meso_date_set_today (&today);
  if (g_date_valid (&self->day) && g_date_compare (&today, &self->day) != 0)
    reload (self);
}

static void
mark_done_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MesoTodayPage *self = MESO_TODAY_PAGE (widget);
  gint64 session_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;

  if (!meso_store_set_session_status (meso_context_get_store (self->context),
                                      session_id, MESO_SESSION_DONE, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  meso_context_notify_changed (self->context, MESO_CHANGE_SESSIONS);
}

static GtkWindow *
get_parent_window (MesoTodayPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (MesoTodayPage *self,
            const char    *heading,
            const GError  *error)
{
  GtkWidget *dialog = adw_message_dialog_new (get_parent_window (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
saved_cb (MesoTodayPage *self,
          GFile         *file)
{
  g_autofree char *name = g_file_get_basename (file);

  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new_format (_("Saved “%s”"), name));
}

/* A printer for one session's sheet, in its patient's language. */
static MesoSheetPrinter *
printer_for_session (MesoTodayPage  *self,
                     gint64          session_id,
                     GError        **error)
{
  const MesoSettings *settings = meso_context_get_settings (self->context);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_aftercare_sheet_unref);
  MesoAftercareSheet *sheet;
  MesoSheetPrinter *printer;

  sheet = meso_sheet_printer_build_sheet (meso_context_get_store (self->context),
                                          settings, session_id, error);
  if (sheet == NULL)
    return NULL;
  g_ptr_array_add (sheets, sheet);
  printer = meso_sheet_printer_new (sheets, settings->paper_size);
  g_signal_connect_object (printer, "saved", G_CALLBACK (saved_cb), self, G_CONNECT_SWAPPED);
  return printer;
}

static void
update_selection_actions (MesoTodayPage *self)
{
  gboolean has_sheet = self->printer != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.print-selected", has_sheet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.save-pdf-selected", has_sheet);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.open-selected", self->selected_id != 0);
}

static void
row_selected_cb (MesoTodayPage *self,
                 GtkListBoxRow *row)
{
  const MesoSettings *settings = meso_context_get_settings (self->context);
  g_autoptr(GError) error = NULL;
  const MesoSession *session;

  /* The list empties itself while the template is disposed. */
  if (self->preview == NULL)
    return;

  g_clear_object (&self->printer);
  if (row == NULL)
    {
      /* Rows are rebuilt on reload: keep selected_id to select it again. */
      meso_sheet_preview_set_sheets (self->preview, NULL, settings->paper_size);
      gtk_label_set_label (self->preview_title, "");
      update_selection_actions (self);
      return;
    }

  session = meso_today_row_get_session (MESO_TODAY_ROW (row));
  self->selected_id = session->id;
  gtk_label_set_label (self->preview_title,
                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  self->printer = printer_for_session (self, session->id, &error);
  if (self->printer == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  meso_sheet_preview_set_sheets (self->preview,
                                 self->printer != NULL ? meso_sheet_printer_get_sheets (self->printer) : NULL,
                                 settings->paper_size);
  update_selection_actions (self);
}

static void
row_activated_cb (MesoTodayPage *self,
                  GtkListBoxRow *row)
{
  /* Folded, the list hides the sheet: activating a row shows it. */
  adw_leaflet_set_visible_child (self->leaflet, self->preview_pane);
}

static void
show_list_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MesoTodayPage *self = MESO_TODAY_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
print_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  MesoTodayPage *self = MESO_TODAY_PAGE (widget);
  g_autoptr(MesoSheetPrinter) printer = NULL;
  g_autoptr(GError) error = NULL;

  printer = printer_for_session (self, g_variant_get_int64 (parameter), &error);
  if (printer == NULL)
    show_error (self, _("Cannot Print the Aftercare Sheet"), error);
  else
    meso_sheet_printer_print (printer, get_parent_window (self));
}

static void
print_selected_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MesoTodayPage *self = MESO_TODAY_PAGE (widget);

  /* Ctrl+P reaches the page only while it is shown, but be sure. */
  if (self->printer != NULL && gtk_widget_get_mapped (widget))
    meso_sheet_printer_print (self->printer, get_parent_window (self));
}

static void
save_pdf_selected_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MesoTodayPage *self = MESO_TODAY_PAGE (widget);

  if (self->printer != NULL)
    meso_sheet_printer_save_pdf (self->printer, get_parent_window (self));
}

static void
open_selected_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MesoTodayPage *self = MESO_TODAY_PAGE (widget);

  if (self->selected_id != 0)
    meso_session_page_open (widget, self->context, self->selected_id);
}

typedef struct
{
  GDate         day;
  MesoSettings *settings;
} DayRequest;

static void
day_request_free (DayRequest *request)
{
  meso_settings_free (request->settings);
  g_free (request);
}

/* Runs in a worker thread: a busy day is many sheets to build. */
static gpointer
build_day_worker (MesoStore     *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  DayRequest *request = data;

  return meso_sheet_printer_build_day (store, request->settings, &request->day, error);
}

static void
build_day_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MesoTodayPage) self = user_data;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(MesoSheetPrinter) printer = NULL;
  g_autoptr(GError) error = NULL;

  sheets = meso_context_run_finish (MESO_CONTEXT (source), result, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.print-all", TRUE);
  if (sheets == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Cannot Print Today’s Sheets"), error);
      return;
    }
  if (sheets->len == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("No sheets to print: today’s sessions are all cancelled")));
      return;
    }

  printer = meso_sheet_printer_new (sheets, meso_context_get_settings (self->context)->paper_size);
  meso_sheet_printer_print (printer, get_parent_window (self));
}

static void
print_all_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MesoTodayPage *self = MESO_TODAY_PAGE (widget);
  DayRequest *request = g_new0 (DayRequest, 1);

  request->day = self->day;
  request->settings = meso_settings_copy (meso_context_get_settings (self->context));
  gtk_widget_action_set_enabled (widget, "today.print-all", FALSE);
  meso_context_run_async (self->context,
                          build_day_worker,
                          request, (GDestroyNotify) day_request_free,
                          (GDestroyNotify) g_ptr_array_unref,
                          /* Not the list's: a reload must not drop the job. */
                          NULL,
                          build_day_cb,
                          g_object_ref (self));
}

static void
meso_today_page_constructed (GObject *object)
{
  MesoTodayPage *self = (MesoTodayPage *)object;

  G_OBJECT_CLASS (meso_today_page_parent_class)->constructed (object);

  g_return_if_fail (MESO_IS_CONTEXT (self->context));

  g_signal_connect_object (self->context, "changed",
                           G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}

static void
meso_today_page_dispose (GObject *object)
{
  MesoTodayPage *self = (MesoTodayPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_TODAY_PAGE);
  g_clear_object (&self->printer);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_today_page_parent_class)->dispose (object);
}

static void
meso_today_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MesoTodayPage *self = MESO_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_today_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MesoTodayPage *self = MESO_TODAY_PAGE (object);

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
meso_today_page_class_init (MesoTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = meso_today_page_constructed;
  object_class->dispose = meso_today_page_dispose;
  object_class->get_property = meso_today_page_get_property;
  object_class->set_property = meso_today_page_set_property;

  widget_class->map = meso_today_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MESO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MESO_TYPE_SHEET_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, preview_pane);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, preview_title);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, preview);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "today.mark-done", "x", mark_done_cb);
  gtk_widget_class_install_action (widget_class, "today.print", "x", print_cb);
  gtk_widget_class_install_action (widget_class, "today.print-selected", NULL, print_selected_cb);
  gtk_widget_class_install_action (widget_class, "today.save-pdf-selected", NULL, save_pdf_selected_cb);
  gtk_widget_class_install_action (widget_class, "today.open-selected", NULL, open_selected_cb);
  gtk_widget_class_install_action (widget_class, "today.print-all", NULL, print_all_cb);
  gtk_widget_class_install_action (widget_class, "today.show-list", NULL, show_list_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "todaypage");
}

static void
meso_today_page_init (MesoTodayPage *self)
{
  GtkEventController *shortcuts;

  g_date_clear (&self->day, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_selection_actions (self);

  /* Ctrl+P prints the selected sheet wherever the focus is in the window
   * (the places sidebar included), as long as Today is shown. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_p, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("today.print-selected")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

GtkWidget *
meso_today_page_new (MesoContext *context)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  return g_object_new (MESO_TYPE_TODAY_PAGE,
                       "context", context,
                       NULL);
}

gboolean
meso_today_page_get_loading (MesoTodayPage *self)
{
  g_return_val_if_fail (MESO_IS_TODAY_PAGE (self), FALSE);
  return self->loading;
}
