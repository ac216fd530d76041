/* meso-history-window.c: a patient's history of changes.
 *
 * The trail of a long-standing patient can hold thousands of entries: they
 * are read in a thread and shown in a GtkListView, which only builds the
 * rows on screen.  The list follows later changes to the record.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-audit-item.h"
#include "meso-audit-row.h"
#include "meso-history-window.h"

struct _MesoHistoryWindow
{
  AdwWindow       parent_instance;

  MesoContext    *context;
  gint64          patient_id;
  GCancellable   *cancellable;
  gboolean        reload_pending;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *status_page;
  GListStore     *entries;
};

G_DEFINE_FINAL_TYPE (MesoHistoryWindow, meso_history_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PATIENT_ID,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (MesoHistoryWindow *self);

static gpointer
list_worker (MesoStore     *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 *patient_id = data;

  return meso_audit_list (store, *patient_id, error);
}

/* A spinner spins only while it shows: a hidden one still ticks the
 * frame clock, and the window would be redrawn 60 times a second. */
static void
show_page (MesoHistoryWindow *self,
           const char        *name)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MesoHistoryWindow) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  entries = meso_context_run_finish (MESO_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (entries == NULL)
    {
      g_warning ("Could not read the audit trail of patient %" G_GINT64_FORMAT ": %s",
                 self->patient_id, error->message);
      adw_status_page_set_title (self->status_page, _("The History Cannot Be Read"));
      adw_status_page_set_description (self->status_page, error->message);
      g_list_store_remove_all (self->entries);
      show_page (self, "empty");
    }
  else
    {
      /* Newest first: what changed last is what is asked about. */
      items = g_ptr_array_new_full (entries->len, g_object_unref);
      for (guint i = entries->len; i > 0; i--)
        g_ptr_array_add (items, meso_audit_item_new (g_steal_pointer (&entries->pdata[i - 1])));
      g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                           items->pdata, items->len);
      show_page (self, items->len > 0 ? "list" : "empty");
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (self->reload_pending)
    reload (self);
}

static void
reload (MesoHistoryWindow *self)
{
  gint64 *patient_id;

  /* One read at a time; a change during a read reads again after it. */
  if (self->cancellable != NULL)
    {
      self->reload_pending = TRUE;
      return;
    }
  self->reload_pending = FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->entries)) == 0)
    show_page (self, "loading");

  self->cancellable = g_cancellable_new ();
  patient_id = g_new (gint64, 1);
  *patient_id = self->patient_id;
  meso_context_run_async (self->context, list_worker, patient_id, g_free,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                          list_done_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_title (MesoHistoryWindow *self)
{
  g_autoptr(MesoPatient) patient = NULL;

  patient = meso_store_get_patient (meso_context_get_store (self->context), self->patient_id, NULL);
  if (patient != NULL)
    adw_window_title_set_subtitle (self->window_title, patient->name);
  else
    {
      /* Translators: the history of a patient who was deleted; %s is the id */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->patient_id);
      g_autofree char *subtitle = g_strdup_printf (_("Deleted patient %s"), id);

      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
}

static void
context_changed_cb (MesoHistoryWindow *self,
                    guint              what)
{
  if (what & MESO_CHANGE_PATIENTS)
    update_title (self);
  if (what & (MESO_CHANGE_PATIENTS | MESO_CHANGE_SESSIONS | MESO_CHANGE_FOLLOWUPS))
    reload (self);
}

static void
setup_row_cb (GtkListItemFactory *factory,
              GtkListItem        *list_item)
{
  gtk_list_item_set_child (list_item, meso_audit_row_new ());
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row_cb (GtkListItemFactory *factory,
             GtkListItem        *list_item)
{
  MesoAuditItem *item = gtk_list_item_get_item (list_item);

  meso_audit_row_set_entry (MESO_AUDIT_ROW (gtk_list_item_get_child (list_item)),
                            meso_audit_item_get_entry (item));
}

static void
unbind_row_cb (GtkListItemFactory *factory,
               GtkListItem        *list_item)
{
  meso_audit_row_set_entry (MESO_AUDIT_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
meso_history_window_constructed (GObject *object)
{
  MesoHistoryWindow *self = (MesoHistoryWindow *)object;

  G_OBJECT_CLASS (meso_history_window_parent_class)->constructed (object);

  g_return_if_fail (MESO_IS_CONTEXT (self->context));
  g_signal_connect_object (self->context, "changed",
                           G_CALLBACK (context_changed_cb), self, G_CONNECT_SWAPPED);
  update_title (self);
  reload (self);
}

static void
meso_history_window_dispose (GObject *object)
{
  MesoHistoryWindow *self = (MesoHistoryWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_HISTORY_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_history_window_parent_class)->dispose (object);
}

static void
meso_history_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MesoHistoryWindow *self = MESO_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_PATIENT_ID:
      g_value_set_int64 (value, self->patient_id);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, meso_history_window_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_history_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MesoHistoryWindow *self = MESO_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_PATIENT_ID:
      self->patient_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_history_window_class_init (MesoHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = meso_history_window_constructed;
  object_class->dispose = meso_history_window_dispose;
  object_class->get_property = meso_history_window_get_property;
  object_class->set_property = meso_history_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MESO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT_ID] =
    g_param_spec_int64 ("patient-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MESO_TYPE_AUDIT_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MesoHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MesoHistoryWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MesoHistoryWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, MesoHistoryWindow, entries);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
meso_history_window_init (MesoHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
meso_history_window_new (MesoContext *context,
                         gint64       patient_id)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  return g_object_new (MESO_TYPE_HISTORY_WINDOW,
                       "context", context,
                       "patient-id", patient_id,
                       NULL);
}

GListModel *
meso_history_window_get_model (MesoHistoryWindow *self)
{
  g_return_val_if_fail (MESO_IS_HISTORY_WINDOW (self), NULL);

  return G_LIST_MODEL (self->entries);
}

gboolean
meso_history_window_get_loading (MesoHistoryWindow *self)
{
  g_return_val_if_fail (MESO_IS_HISTORY_WINDOW (self), FALSE);

  return self->cancellable != NULL;
}
