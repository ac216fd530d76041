/* meso-followups-page.c: the flags a clinician has to review.
 *
 * The flags are computed by the follow-up rules (meso-followup.h) in a
 * worker thread, most urgent first, into a list model of MesoFlagItem
 * shown by a list view: on a large clinic there are thousands of them,
 * and only the rows on screen are made.  The session and patient behind
 * a flag are read when its row is bound, not for every flag at load.  A
 * flag leaves the list only when it is marked reviewed with a note.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-flag-item.h"
#include "meso-flag-row.h"
#include "meso-followup.h"
#include "meso-followups-page.h"
#include "meso-session-page.h"

struct _MesoFollowupsPage
{
  GtkWidget        parent_instance;

  MesoContext     *context;
  GCancellable    *cancellable;
  gboolean         loading;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  AdwStatusPage   *empty_page;
  GtkLabel        *summary_label;
  GtkListView     *list_view;
  GListStore      *flags;
};

G_DEFINE_FINAL_TYPE (MesoFollowupsPage, meso_followups_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Runs in a worker thread, on a store of its own: one query for the
 * flags, and an item for each (the details wait for a row). */
static gpointer
load_flags_worker (MesoStore     *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GPtrArray) items = NULL;

  flags = meso_store_list_open_flags (store, NULL, error);
  if (flags == NULL)
    return NULL;

  items = g_ptr_array_new_full (flags->len, g_object_unref);
  for (guint i = 0; i < flags->len && !g_cancellable_is_cancelled (cancellable); i++)
    g_ptr_array_add (items, meso_flag_item_new (g_ptr_array_index (flags, i)));

  return g_steal_pointer (&items);
}

static void
set_loading (MesoFollowupsPage *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static char *
dup_flag_key (const MesoFlag *flag)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%s", flag->session_id, flag->code);
}

static void
show_items (MesoFollowupsPage *self,
            GPtrArray         *items)
{
  guint counts[MESO_N_FLAG_SEVERITIES] = { 0, };
  g_autofree char *summary = NULL;
  g_autoptr(GHashTable) drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->flags));

  /* Any change reloads the list: a note being typed, or a flag left open,
   * must survive a change made elsewhere (another flag reviewed, a session
   * edited), so they move to the flag's new item. */
  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(MesoFlagItem) old = g_list_model_get_item (G_LIST_MODEL (self->flags), i);

      if (*meso_flag_item_get_note (old) != '\0' || meso_flag_item_get_expanded (old))
        {
          char *key = dup_flag_key (meso_flag_item_get_flag (old));

          g_hash_table_insert (drafts, key, g_steal_pointer (&old));
        }
    }

  for (guint i = 0; i < items->len; i++)
    {
      MesoFlagItem *item = g_ptr_array_index (items, i);
      const MesoFlag *flag = meso_flag_item_get_flag (item);

      if ((guint) flag->severity < MESO_N_FLAG_SEVERITIES)
        counts[flag->severity]++;

      if (g_hash_table_size (drafts) > 0)
        {
          g_autofree char *key = dup_flag_key (flag);
          MesoFlagItem *old = g_hash_table_lookup (drafts, key);

          if (old != NULL)
            {
              meso_flag_item_set_note (item, meso_flag_item_get_note (old));
              meso_flag_item_set_expanded (item, meso_flag_item_get_expanded (old));
            }
        }
    }

  /* One splice, so the list view updates once, not once per flag. */
  g_list_store_splice (self->flags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->flags)),
                       items->pdata, items->len);

  /* Each count is its own plural form. */
  {
    guint n_urgent = counts[MESO_FLAG_URGENT];
    guint n_review = counts[MESO_FLAG_REVIEW];
    guint n_routine = counts[MESO_FLAG_ROUTINE];
    g_autofree char *urgent = NULL, *review = NULL, *routine = NULL;

    /* TRANSLATORS: follow-up flags by severity */
    urgent = g_strdup_printf (ngettext ("%u urgent", "%u urgent", n_urgent), n_urgent);
    /* TRANSLATORS: follow-up flags by severity */
    review = g_strdup_printf (ngettext ("%u to review", "%u to review", n_review), n_review);
    /* TRANSLATORS: follow-up flags by severity */
    routine = g_strdup_printf (ngettext ("%u routine", "%u routine", n_routine), n_routine);
    /* TRANSLATORS: counts of flags by severity: "2 urgent, 1 to review, 3 routine" */
    summary = g_strdup_printf (C_("flag counts", "%s, %s, %s"), urgent, review, routine);
  }
  gtk_label_set_label (self->summary_label, summary);

  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
}

static void
load_flags_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MesoFollowupsPage) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = meso_context_run_finish (MESO_CONTEXT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (items == NULL)
    {
      g_warning ("Cannot list follow-up flags: %s", error->message);
      adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->empty_page, _("Follow-ups Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show_items (self, items);
}

static void
reload (MesoFollowupsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_loading (self, TRUE);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->flags)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  meso_context_run_async (self->context,
                          load_flags_worker,
                          NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref,
                          self->cancellable,
                          load_flags_cb,
                          g_object_ref (self));
}

static void
context_changed_cb (MesoFollowupsPage *self,
                    guint              what)
{
  if (what & (MESO_CHANGE_FOLLOWUPS | MESO_CHANGE_SESSIONS | MESO_CHANGE_PATIENTS))
    reload (self);
}

static void
setup_row_cb (GtkListItemFactory *factory,
              GtkListItem        *list_item,
              MesoFollowupsPage  *self)
{
  /* The row's own buttons and entry take the clicks and the focus. */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, meso_flag_row_new ());
}

static void
bind_row_cb (GtkListItemFactory *factory,
             GtkListItem        *list_item,
             MesoFollowupsPage  *self)
{
  MesoFlagItem *item = gtk_list_item_get_item (list_item);

  /* Two lookups by id for a row coming into view, once per flag: cheap
   * on the main thread, unlike doing it for every flag at load. */
  meso_flag_item_load_details (item, meso_context_get_store (self->context));
  meso_flag_row_bind (MESO_FLAG_ROW (gtk_list_item_get_child (list_item)), item);
}

static void
unbind_row_cb (GtkListItemFactory *factory,
               GtkListItem        *list_item,
               MesoFollowupsPage  *self)
{
  meso_flag_row_unbind (MESO_FLAG_ROW (gtk_list_item_get_child (list_item)));
}

/* The session behind a flag, to read its follow-ups or record one. */
static void
open_session_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MesoFollowupsPage *self = MESO_FOLLOWUPS_PAGE (widget);

  meso_session_page_open (widget, self->context, g_variant_get_int64 (parameter));
}

static void
review_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  MesoFollowupsPage *self = MESO_FOLLOWUPS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 session_id;
  const char *code;
  const char *note;

  g_variant_get (parameter, "(x&s&s)", &session_id, &code, &note);

  if (!meso_store_review_flag (meso_context_get_store (self->context),
                               session_id, code, note, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Marked reviewed")));
  meso_context_notify_changed (self->context, MESO_CHANGE_FOLLOWUPS);
}

static void
meso_followups_page_constructed (GObject *object)
{
  MesoFollowupsPage *self = (MesoFollowupsPage *)object;

  G_OBJECT_CLASS (meso_followups_page_parent_class)->constructed (object);

  g_return_if_fail (MESO_IS_CONTEXT (self->context));

  g_signal_connect_object (self->context, "changed",
                           G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}

static void
meso_followups_page_dispose (GObject *object)
{
  MesoFollowupsPage *self = (MesoFollowupsPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_FOLLOWUPS_PAGE);
  g_clear_object (&self->flags);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_followups_page_parent_class)->dispose (object);
}

static void
meso_followups_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MesoFollowupsPage *self = MESO_FOLLOWUPS_PAGE (object);

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
meso_followups_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MesoFollowupsPage *self = MESO_FOLLOWUPS_PAGE (object);

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
meso_followups_page_class_init (MesoFollowupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = meso_followups_page_constructed;
  object_class->dispose = meso_followups_page_dispose;
  object_class->get_property = meso_followups_page_get_property;
  object_class->set_property = meso_followups_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MESO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-followups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupsPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row_cb);

  gtk_widget_class_install_action (widget_class, "followups.review", "(xss)", review_cb);
  gtk_widget_class_install_action (widget_class, "followups.open-session", "x", open_session_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "followupspage");
}

static void
meso_followups_page_init (MesoFollowupsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->flags = g_list_store_new (MESO_TYPE_FLAG_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->flags)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  /* The cards sit on the window's background, as a boxed list does;
   * GtkListView adds .view, which would paint the view's colour. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->list_view), "view");
}

GtkWidget *
meso_followups_page_new (MesoContext *context)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  return g_object_new (MESO_TYPE_FOLLOWUPS_PAGE,
                       "context", context,
                       NULL);
}

gboolean
meso_followups_page_get_loading (MesoFollowupsPage *self)
{
  g_return_val_if_fail (MESO_IS_FOLLOWUPS_PAGE (self), FALSE);
  return self->loading;
}
