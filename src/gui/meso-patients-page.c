/* meso-patients-page.c: search, list, and the selected patient.
 *
 * Searching runs on the main thread's connection on every keystroke: the
 * store answers from its FTS5 index in a few milliseconds and the model
 * only swaps an array of ids.  The first, unfiltered list of every patient
 * is read in a worker thread instead, so that the window shows at once
 * however large the clinic is; and it starts once the page has drawn its
 * first frame, so that the worker does not compete with that frame for
 * the CPU (on a two-core machine it made the first frame 100 ms later
 * with 100,000 patients).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "meso-patient-editor.h"
#include "meso-patient-list-model.h"
#include "meso-patient-page.h"
#include "meso-patient-row.h"
#include "meso-patients-page.h"

struct _MesoPatientsPage
{
  GtkWidget             parent_instance;

  MesoContext          *context;
  MesoPatientListModel *model;
  GArray               *all_ids;    /* every patient, kept for an empty search */
  GCancellable         *load_cancellable;
  MesoSearchStamp       load_stamp;  /* the main connection, as the load began */
  guint                 load_stamp_valid : 1;
  guint                 load_deferred : 1;  /* waits for the first frame */
  guint                 painted : 1;
  GdkFrameClock        *paint_clock;
  gulong                paint_handler;
  MesoPatientPage      *patient_page;
  guint                 show_back_button : 1;
  /* The search found nothing: the "no-results" page covers the list,
   * which keeps its previous items (see search()). */
  guint                 no_match : 1;
  /* Rows the list view let go, for the next rows it asks for. */
  GPtrArray            *spare_rows;

  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  AdwHeaderBar         *list_header;
  AdwWindowTitle       *list_title;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkSpinner           *loading_spinner;
  GtkListView          *list_view;
  GtkSingleSelection   *selection;
  GtkWidget            *pane_separator;
  GtkStack             *detail_stack;
  AdwBin               *patient_bin;
};

G_DEFINE_FINAL_TYPE (MesoPatientsPage, meso_patients_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SHOW_BACK_BUTTON,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
get_n_matches (MesoPatientsPage *self)
{
  return self->no_match ? 0 : g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

static gint64
get_open_id (MesoPatientsPage *self)
{
  return self->patient_page != NULL ? meso_patient_page_get_patient_id (self->patient_page) : 0;
}

static void
update_detail_pane (MesoPatientsPage *self)
{
  /* With no patient at all, "choose a patient" beside "no patients yet"
   * would be two empty states, one asking for the impossible: the list
   * pane and its New Patient button then take the whole page. */
  gboolean alone = g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "empty") == 0 &&
                   get_open_id (self) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->detail_stack), !alone);
  gtk_widget_set_visible (self->pane_separator, !alone);
  gtk_widget_set_hexpand (self->list_pane, alone);
  adw_header_bar_set_show_end_title_buttons (self->list_header,
                                             alone || adw_leaflet_get_folded (self->leaflet));
}

static void
update_list_state (MesoPatientsPage *self)
{
  guint n_items = get_n_matches (self);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  /* "0", "06": too short to narrow the list yet (MESO_SEARCH_MIN_DIGITS),
   * which is then every patient, as with no search at all. */
  gboolean filtering = meso_search_query_filters (query);
  gboolean loading = self->load_cancellable != NULL && n_items == 0;
  g_autofree char *subtitle = NULL;

  /* A spinner spins only while it shows: a hidden one still ticks the
   * frame clock, and the window would be redrawn 60 times a second. */
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  if (loading)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else if (n_items > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (!filtering)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  update_detail_pane (self);

  /* A count, short: a subtitle wider than the pane costs a redraw of the
   * whole window at each keystroke. */
  if (n_items > 0)
    subtitle = g_strdup_printf (!filtering
                                ? g_dngettext (GETTEXT_PACKAGE, "%u patient", "%u patients", n_items)
                                : g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n_items),
                                n_items);
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

/* The patient page is built when first needed: it is the heaviest part
 * of the window and not part of the first frame. */
static MesoPatientPage *
ensure_patient_page (MesoPatientsPage *self)
{
  if (self->patient_page == NULL)
    {
      self->patient_page = MESO_PATIENT_PAGE (meso_patient_page_new (self->context));
      adw_bin_set_child (self->patient_bin, GTK_WIDGET (self->patient_page));
      g_object_bind_property (self->leaflet, "folded",
                              self->patient_page, "folded",
                              G_BINDING_SYNC_CREATE);
    }

  return self->patient_page;
}

/* The list's selection follows the open patient, when it is listed. */
static void
sync_selection (MesoPatientsPage *self)
{
  gint64 open_id = get_open_id (self);
  guint position = GTK_INVALID_LIST_POSITION;

  if (open_id != 0)
    position = meso_patient_list_model_find (self->model, open_id);
  if (position != gtk_single_selection_get_selected (self->selection))
    gtk_single_selection_set_selected (self->selection, position);
}

static gpointer
find_all_worker (MesoStore     *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return meso_store_find_patient_ids (store, NULL, error);
}

static void
load_all_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MesoPatientsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  ids = meso_context_run_finish (MESO_CONTEXT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  if (ids == NULL)
    {
      g_warning ("Could not list the patients: %s", error->message);
    }
  else
    {
      g_clear_pointer (&self->all_ids, g_array_unref);
      self->all_ids = g_array_ref (ids);
      /* The store's searches put their results in this name order, which
       * it would otherwise read again on the main thread at the first
       * keystroke: hand it the one just read, if still current. */
      if (self->load_stamp_valid)
        meso_store_adopt_search_order (meso_context_get_store (self->context),
                                       &self->load_stamp, ids);
      meso_patient_list_model_set_ids (self->model, ids);
    }

  sync_selection (self);
  update_list_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
start_load (MesoPatientsPage *self)
{
  self->load_deferred = FALSE;
  self->load_stamp_valid =
    meso_store_get_search_stamp (meso_context_get_store (self->context),
                                 &self->load_stamp, NULL);
  meso_context_run_async (self->context, find_all_worker, NULL, NULL,
                          (GDestroyNotify) g_array_unref,
                          self->load_cancellable, load_all_cb, g_object_ref (self));
}

static void
disconnect_paint (MesoPatientsPage *self)
{
  if (self->paint_handler != 0)
    g_signal_handler_disconnect (self->paint_clock, self->paint_handler);
  self->paint_handler = 0;
  g_clear_object (&self->paint_clock);
}

static void
first_paint_cb (GdkFrameClock    *clock,
                MesoPatientsPage *self)
{
  disconnect_paint (self);
  self->painted = TRUE;
  if (self->load_deferred && self->load_cancellable != NULL)
    start_load (self);
}

static void
cancel_load (MesoPatientsPage *self)
{
  self->load_deferred = FALSE;
  if (self->load_cancellable == NULL)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Tells the model which rows are on screen, so that a search updates
 * those before its frame and the rest after it.  The rows all have the
 * same height (see meso-patient-row.c). */
static void
update_visible_rows (MesoPatientsPage *self)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
  int height = gtk_widget_get_height (GTK_WIDGET (self->list_view));
  int row_height = row != NULL ? gtk_widget_get_height (row) : 0;
  double top = vadjustment != NULL ? gtk_adjustment_get_value (vadjustment) : 0;

  if (height > 0 && row_height > 0)
    meso_patient_list_model_set_visible_rows (self->model, (guint) (top / row_height),
                                              height / row_height + 2);
}

static void
search (MesoPatientsPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean was_no_match;

  cancel_load (self);
  update_visible_rows (self);
  was_no_match = self->no_match;
  self->no_match = FALSE;

  if (*query == '\0' && self->all_ids != NULL)
    {
      /* Clearing the search: the full list read before still holds. */
      meso_patient_list_model_set_ids (self->model, g_array_ref (self->all_ids));
    }
  else if (*query == '\0')
    {
      /* Every patient, ordered by name: the one query that may take tens
       * of milliseconds on a large clinic. */
      self->load_cancellable = g_cancellable_new ();
      /* The hidden items of a search that found nothing are not to be
       * shown while the list loads. */
      if (was_no_match)
        meso_patient_list_model_set_ids (self->model, g_array_new (FALSE, FALSE, sizeof (gint64)));
      if (self->painted)
        start_load (self);
      else
        self->load_deferred = TRUE;  /* see first_paint_cb() */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  else if ((ids = meso_store_find_patient_ids (meso_context_get_store (self->context),
                                               query, &error)) == NULL)
    {
      g_warning ("Could not search the patients: %s", error->message);
    }
  else if (ids->len == 0 && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      /* Nothing found: the "no-results" page covers the list, which keeps
       * its last items.  Emptied, GTK 4.8's list view would destroy all
       * its rows, and build some 200 new ones at the next keystroke that
       * finds anything (30 ms); kept, they are only given new patients. */
      self->no_match = TRUE;
    }
  else
    {
      meso_patient_list_model_set_ids (self->model, g_steal_pointer (&ids));
    }

  sync_selection (self);
  update_list_state (self);
}

static void
search_changed_cb (MesoPatientsPage *self)
{
  GtkAdjustment *vadjustment;

  /* A new search starts at the top (first, so that the rows updated
   * before the frame are the top ones); the rows stay where they are. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
  search (self);
}

static void
open_patient (MesoPatientsPage *self,
              gint64            id)
{
  g_autoptr(GError) error = NULL;

  ensure_patient_page (self);
  if (meso_patient_page_get_patient_id (self->patient_page) != id)
    {
      /* Unsaved answers are saved when they are valid; otherwise the
       * patient stays open with the faulty field marked. */
      if (!meso_patient_page_save_if_modified (self->patient_page, &error))
        {
          g_debug ("Staying on the current patient: %s", error->message);
          gtk_stack_set_visible_child_name (self->detail_stack, "patient");
          adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
          return;
        }
      if (!meso_patient_page_load (self->patient_page, id, &error))
        {
          g_warning ("Could not open patient %" G_GINT64_FORMAT ": %s", id, error->message);
          return;
        }
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "patient");
  update_detail_pane (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

/* GTK 4.8's list view keeps about 200 rows, destroys those past the end
 * when a search finds fewer patients and makes new ones when the next
 * finds more: a row from its template costs more than binding one, so
 * the rows it lets go are kept for it. */
#define MAX_SPARE_ROWS 256

static void
setup_row_cb (GtkListItemFactory *factory,
              GtkListItem        *list_item,
              MesoPatientsPage   *self)
{
  GtkWidget *row;

  if (self->spare_rows != NULL && self->spare_rows->len > 0)
    row = g_ptr_array_steal_index_fast (self->spare_rows, self->spare_rows->len - 1);
  else
    row = g_object_ref_sink (g_object_new (MESO_TYPE_PATIENT_ROW, NULL));
  gtk_list_item_set_child (list_item, row);
  g_object_unref (row);
}

static void
teardown_row_cb (GtkListItemFactory *factory,
                 GtkListItem        *list_item,
                 MesoPatientsPage   *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  if (row == NULL || self->spare_rows == NULL || self->spare_rows->len >= MAX_SPARE_ROWS)
    return;
  g_ptr_array_add (self->spare_rows, g_object_ref (row));
  gtk_list_item_set_child (list_item, NULL);
}

static void
bind_row_cb (GtkListItemFactory *factory,
             GtkListItem        *list_item)
{
  meso_patient_row_set_item (MESO_PATIENT_ROW (gtk_list_item_get_child (list_item)),
                             gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkListItemFactory *factory,
               GtkListItem        *list_item)
{
  meso_patient_row_set_item (MESO_PATIENT_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
list_activate_cb (MesoPatientsPage *self,
                  guint             position)
{
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return;

  open_patient (self, meso_patient_list_model_get_id (self->model, position));
  sync_selection (self);
}

static void
search_activate_cb (MesoPatientsPage *self)
{
  /* Enter opens the first match, the usual way to reach a known patient. */
  if (get_n_matches (self) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      list_activate_cb (self, 0);
    }
}

static void
search_stop_cb (MesoPatientsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
folded_changed_cb (MesoPatientsPage *self)
{
  /* When unfolding, both panes show again: nothing to do.  When folding
   * with no patient open, the list is what matters. */
  if (adw_leaflet_get_folded (self->leaflet) && get_open_id (self) == 0)
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  update_detail_pane (self);
}

static void
patient_added_cb (MesoPatientsPage *self,
                  gint64            id)
{
  /* Show the new patient in the list: clear the search, which reloads. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  meso_patients_page_show_patient (self, id);
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  meso_patients_page_new_patient (MESO_PATIENTS_PAGE (widget));
}

static void
show_list_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MesoPatientsPage *self = MESO_PATIENTS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
context_changed_cb (MesoPatientsPage *self,
                    guint             what)
{
  if (!(what & MESO_CHANGE_PATIENTS))
    return;

  /* Names may have changed: forget cached rows and search again. */
  g_clear_pointer (&self->all_ids, g_array_unref);
  meso_patient_list_model_invalidate (self->model);
  search (self);
}

static void
meso_patients_page_constructed (GObject *object)
{
  MesoPatientsPage *self = (MesoPatientsPage *)object;

  G_OBJECT_CLASS (meso_patients_page_parent_class)->constructed (object);

  self->model = meso_patient_list_model_new (meso_context_get_store (self->context));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));

  g_signal_connect_object (self->context, "changed",
                           G_CALLBACK (context_changed_cb), self, G_CONNECT_SWAPPED);

  search (self);
}

static void
meso_patients_page_map (GtkWidget *widget)
{
  MesoPatientsPage *self = MESO_PATIENTS_PAGE (widget);

  GTK_WIDGET_CLASS (meso_patients_page_parent_class)->map (widget);

  /* The list is loaded once the first frame is on screen. */
  if (!self->painted && self->paint_handler == 0)
    {
      self->paint_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->paint_handler = g_signal_connect (self->paint_clock, "after-paint",
                                              G_CALLBACK (first_paint_cb), self);
    }
}

static void
meso_patients_page_unmap (GtkWidget *widget)
{
  disconnect_paint (MESO_PATIENTS_PAGE (widget));

  GTK_WIDGET_CLASS (meso_patients_page_parent_class)->unmap (widget);
}

static void
meso_patients_page_dispose (GObject *object)
{
  MesoPatientsPage *self = (MesoPatientsPage *)object;

  disconnect_paint (self);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_PATIENTS_PAGE);
  self->patient_page = NULL;  /* owned by patient_bin */
  g_clear_object (&self->model);
  g_clear_pointer (&self->all_ids, g_array_unref);
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_patients_page_parent_class)->dispose (object);
}

static void
meso_patients_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MesoPatientsPage *self = MESO_PATIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, meso_patients_page_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_patients_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MesoPatientsPage *self = MESO_PATIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_SHOW_BACK_BUTTON:
      if (self->show_back_button != g_value_get_boolean (value))
        {
          self->show_back_button = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_patients_page_class_init (MesoPatientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = meso_patients_page_constructed;
  object_class->dispose = meso_patients_page_dispose;
  object_class->get_property = meso_patients_page_get_property;
  object_class->set_property = meso_patients_page_set_property;

  widget_class->map = meso_patients_page_map;
  widget_class->unmap = meso_patients_page_unmap;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MESO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Set by the window when its sidebar of places is hidden. */
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MESO_TYPE_PATIENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-patients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, list_header);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, pane_separator);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientsPage, patient_bin);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, teardown_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);

  gtk_widget_class_install_action (widget_class, "patients.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "patients.show-list", NULL, show_list_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
meso_patients_page_init (MesoPatientsPage *self)
{
  self->spare_rows = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
meso_patients_page_new (MesoContext *context)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  return g_object_new (MESO_TYPE_PATIENTS_PAGE,
                       "context", context,
                       NULL);
}

MesoContext *
meso_patients_page_get_context (MesoPatientsPage *self)
{
  g_return_val_if_fail (MESO_IS_PATIENTS_PAGE (self), NULL);

  return self->context;
}

MesoPatientListModel *
meso_patients_page_get_model (MesoPatientsPage *self)
{
  g_return_val_if_fail (MESO_IS_PATIENTS_PAGE (self), NULL);

  return self->model;
}

guint
meso_patients_page_get_n_matches (MesoPatientsPage *self)
{
  g_return_val_if_fail (MESO_IS_PATIENTS_PAGE (self), 0);

  return get_n_matches (self);
}

void
meso_patients_page_set_search_text (MesoPatientsPage *self,
                                    const char       *text)
{
  g_return_if_fail (MESO_IS_PATIENTS_PAGE (self));

  /* Replacing the text is a deletion then an insertion, two ::changed:
   * search once, for the final text. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  search_changed_cb (self);
}

void
meso_patients_page_focus_search (MesoPatientsPage *self)
{
  g_return_if_fail (MESO_IS_PATIENTS_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
meso_patients_page_new_patient (MesoPatientsPage *self)
{
  MesoPatientEditor *editor;

  g_return_if_fail (MESO_IS_PATIENTS_PAGE (self));

  editor = meso_patient_editor_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (editor),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (editor, "patient-added",
                           G_CALLBACK (patient_added_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
meso_patients_page_show_patient (MesoPatientsPage *self,
                                 gint64            id)
{
  guint position;

  g_return_if_fail (MESO_IS_PATIENTS_PAGE (self));

  open_patient (self, id);
  sync_selection (self);
  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

gboolean
meso_patients_page_save_pending (MesoPatientsPage  *self,
                                 GError           **error)
{
  g_return_val_if_fail (MESO_IS_PATIENTS_PAGE (self), FALSE);

  if (self->patient_page == NULL)
    return TRUE;
  return meso_patient_page_save_if_modified (self->patient_page, error);
}

gboolean
meso_patients_page_get_loading (MesoPatientsPage *self)
{
  g_return_val_if_fail (MESO_IS_PATIENTS_PAGE (self), FALSE);

  return self->load_cancellable != NULL;
}
