/* meso-today-page.c: the day's sessions, for the front desk.
 *
 * The list is read in a worker thread (meso_context_run_async) so a busy
 * day never freezes the window; marking a session done is one quick write
 * on the main thread's store.  The aftercare sheet is printed (or saved as
 * PDF from the print dialog) through the same layout as the CLI's PDFs.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-aftercare.h"
#include "meso-sheet-render.h"
#include "meso-today-page.h"
#include "meso-today-row.h"

struct _MesoTodayPage
{
  GtkWidget     parent_instance;

  MesoContext  *context;
  GCancellable *cancellable;
  gboolean      loading;
  GDate         day;          /* the day shown */

  AdwToastOverlay *toast_overlay;
  GtkStack     *stack;
  GtkSpinner   *spinner;
  GtkLabel     *date_label;
  GtkLabel     *summary_label;
  GtkListBox   *sessions_list;
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
  guint n_done = 0;

  clear_list (self->sessions_list);
  for (guint i = 0; i < entries->len; i++)
    {
      TodayEntry *entry = g_ptr_array_index (entries, i);

      gtk_list_box_append (self->sessions_list,
                           meso_today_row_new (entry->session, entry->patient_name));
      if (entry->session->status == MESO_SESSION_DONE)
        n_done++;
    }

  /* Translators: today's date as a heading, see g_date_time_format(). */
  date_text = g_date_time_format (now, _("%A %e %B"));
  gtk_label_set_label (self->date_label, g_strstrip (date_text));
  /* Translators: "3 sessions, 1 done". */
  summary = g_strdup_printf (ngettext ("%u session, %u done", "%u sessions, %u done", entries->len),
                             entries->len, n_done);
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
  if (what & (MESO_CHANGE_SESSIONS | MESO_CHANGE_PATIENTS))
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

/* Printing: the sheet is laid out for the printer's Pango context in
 * ::begin-print, then drawn page by page. */
typedef struct
{
  MesoAftercareSheet *sheet;
  MesoSheetLayout    *layout;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_pointer (&job->layout, meso_sheet_layout_free);
  g_clear_pointer (&job->sheet, meso_aftercare_sheet_unref);
  g_free (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);
  const MesoAftercareSheet *sheets[] = { job->sheet };

  g_clear_pointer (&job->layout, meso_sheet_layout_free);
  job->layout = meso_sheet_layout_new (sheets, 1,
                                       gtk_print_context_get_width (context),
                                       gtk_print_context_get_height (context),
                                       pango);
  g_object_unref (pango);
  gtk_print_operation_set_n_pages (operation, meso_sheet_layout_get_n_pages (job->layout));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  meso_sheet_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context), page_nr);
}

static void
show_print_error (MesoTodayPage *self,
                  const GError  *error)
{
  g_autofree char *message = g_strdup_printf (_("Cannot print the aftercare sheet: %s"),
                                              error->message);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               MesoTodayPage           *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_print_error (self, error);
    }
}

static void
aftercare_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MesoTodayPage *self = MESO_TODAY_PAGE (widget);
  MesoStore *store = meso_context_get_store (self->context);
  const MesoSettings *settings = meso_context_get_settings (self->context);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(MesoSession) session = NULL;
  g_autoptr(MesoPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  PrintJob *job;

  session = meso_store_get_session (store, g_variant_get_int64 (parameter), &error);
  if (session != NULL)
    patient = meso_store_get_patient (store, session->patient_id, &error);
  if (patient == NULL)
    {
      show_print_error (self, error);
      return;
    }

  job = g_new0 (PrintJob, 1);
  /* In the patient's language: the sheet goes home with them. */
  job->sheet = meso_aftercare_sheet_build (session, patient->name, settings, patient->language);

  paper = gtk_paper_size_new (settings->paper_size == MESO_PAPER_LETTER
                              ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size (page_setup, paper);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, job->sheet->title);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  /* The layout has its own margins, in points from the paper's edge. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  g_object_set_data_full (G_OBJECT (operation), "meso-print-job", job,
                          (GDestroyNotify) print_job_free);

  root = gtk_widget_get_root (widget);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_print_error (self, error);
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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MesoTodayPage, sessions_list);

  gtk_widget_class_install_action (widget_class, "today.mark-done", "x", mark_done_cb);
  gtk_widget_class_install_action (widget_class, "today.aftercare", "x", aftercare_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "todaypage");
}

static void
meso_today_page_init (MesoTodayPage *self)
{
  g_date_clear (&self->day, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
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
