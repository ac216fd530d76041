/* meso-list-group.c: a free-text list behind a "None known" switch.
 *
 * The three states stay distinct: nothing recorded and the switch off is
 * "not asked"; the switch on is "none known"; entries are "recorded".
 * Every change confirms the answer today.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-list-group.h"

struct _MesoListGroup
{
  AdwPreferencesGroup  parent_instance;

  GtkStringList       *items;
  GDate                confirmed;
  guint                loading : 1;

  GtkListBox          *list_box;
  AdwActionRow        *none_known_row;
  GtkSwitch           *none_known_switch;
  AdwEntryRow         *add_row;
};

G_DEFINE_FINAL_TYPE (MesoListGroup, meso_list_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_ADD_TITLE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Rows before the entries: "None known" and the entry to add one. */
#define N_FIXED_ROWS 2

static MesoListState
get_state (MesoListGroup *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0)
    return MESO_LIST_RECORDED;
  if (gtk_switch_get_active (self->none_known_switch))
    return MESO_LIST_NONE_KNOWN;
  return MESO_LIST_NOT_ASKED;
}

static void
update_state (MesoListGroup *self)
{
  MesoListState state = get_state (self);
  g_autofree char *date = meso_date_format (&self->confirmed);
  g_autofree char *description = NULL;

  /* "None known" cannot be claimed beside recorded entries. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->none_known_row), state != MESO_LIST_RECORDED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), state != MESO_LIST_NONE_KNOWN);

  if (state == MESO_LIST_NOT_ASKED || date == NULL)
    description = g_strdup (meso_list_state_to_label (state));
  else
    /* Translators: "None known, confirmed 2026-11-22" */
    description = g_strdup_printf (_("%s, confirmed %s"), meso_list_state_to_label (state), date);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
}

static void
confirm_changed (MesoListGroup *self)
{
  if (self->loading)
    return;

  meso_date_set_today (&self->confirmed);
  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_clicked_cb (GtkButton     *button,
                   MesoListGroup *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) - N_FIXED_ROWS;

  g_return_if_fail (index >= 0);

  gtk_string_list_remove (self->items, index);
  confirm_changed (self);
}

static GtkWidget *
create_item_row_cb (gpointer item,
                    gpointer user_data)
{
  MesoListGroup *self = user_data;
  GtkWidget *row;
  GtkWidget *button;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 gtk_string_object_get_string (item));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
items_changed_cb (MesoListGroup *self,
                  guint          position,
                  guint          removed,
                  guint          added)
{
  /* The fixed rows come first, so the entries are inserted by hand
   * rather than with gtk_list_box_bind_model(). */
  for (guint i = 0; i < removed; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, N_FIXED_ROWS + position);

      gtk_list_box_remove (self->list_box, GTK_WIDGET (row));
    }
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), position + i);

      gtk_list_box_insert (self->list_box,
                           create_item_row_cb (item, self),
                           N_FIXED_ROWS + position + i);
    }
}

static void
add_row_apply_cb (MesoListGroup *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row)));

  g_strstrip (text);
  if (*text == '\0')
    return;

  meso_list_group_add_item (self, text);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static void
none_known_changed_cb (MesoListGroup *self)
{
  confirm_changed (self);
}

static void
meso_list_group_dispose (GObject *object)
{
  MesoListGroup *self = (MesoListGroup *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_LIST_GROUP);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (meso_list_group_parent_class)->dispose (object);
}

static void
meso_list_group_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MesoListGroup *self = MESO_LIST_GROUP (object);

  switch (prop_id)
    {
    case PROP_ADD_TITLE:
      g_value_set_string (value, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->add_row)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_list_group_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MesoListGroup *self = MESO_LIST_GROUP (object);

  switch (prop_id)
    {
    case PROP_ADD_TITLE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_list_group_class_init (MesoListGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = meso_list_group_dispose;
  object_class->get_property = meso_list_group_get_property;
  object_class->set_property = meso_list_group_set_property;

  properties[PROP_ADD_TITLE] =
    g_param_spec_string ("add-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MesoListGroup::changed:
   *
   * The user changed the list or the "None known" answer.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-list-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoListGroup, list_box);
  gtk_widget_class_bind_template_child (widget_class, MesoListGroup, none_known_row);
  gtk_widget_class_bind_template_child (widget_class, MesoListGroup, none_known_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoListGroup, add_row);
  gtk_widget_class_bind_template_callback (widget_class, add_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, none_known_changed_cb);
}

static void
meso_list_group_init (MesoListGroup *self)
{
  g_date_clear (&self->confirmed, 1);

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;

  self->items = gtk_string_list_new (NULL);
  g_signal_connect_object (self->items, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  update_state (self);
}

void
meso_list_group_set_list (MesoListGroup   *self,
                          MesoListState    state,
                          const GPtrArray *items,
                          const GDate     *confirmed)
{
  g_autoptr(GPtrArray) strv = g_ptr_array_new ();

  g_return_if_fail (MESO_IS_LIST_GROUP (self));

  self->loading = TRUE;

  for (guint i = 0; items != NULL && i < items->len; i++)
    g_ptr_array_add (strv, g_ptr_array_index (items, i));
  g_ptr_array_add (strv, NULL);
  gtk_string_list_splice (self->items, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                          (const char * const *) strv->pdata);
  gtk_switch_set_active (self->none_known_switch, state == MESO_LIST_NONE_KNOWN);
  if (confirmed != NULL)
    self->confirmed = *confirmed;
  else
    g_date_clear (&self->confirmed, 1);

  self->loading = FALSE;
  update_state (self);
}

void
meso_list_group_get_list (MesoListGroup  *self,
                          MesoListState  *state,
                          GPtrArray     **items,
                          GDate          *confirmed)
{
  guint n;

  g_return_if_fail (MESO_IS_LIST_GROUP (self));

  if (state != NULL)
    *state = get_state (self);
  if (confirmed != NULL)
    *confirmed = self->confirmed;
  if (items != NULL)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
      *items = meso_strv_array_new ();
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (*items, g_strdup (gtk_string_list_get_string (self->items, i)));
    }
}

void
meso_list_group_add_item (MesoListGroup *self,
                          const char    *text)
{
  g_return_if_fail (MESO_IS_LIST_GROUP (self));
  g_return_if_fail (text != NULL);

  self->loading = TRUE;
  gtk_switch_set_active (self->none_known_switch, FALSE);
  self->loading = FALSE;

  gtk_string_list_append (self->items, text);
  confirm_changed (self);
}

void
meso_list_group_set_none_known (MesoListGroup *self,
                                gboolean       none_known)
{
  g_return_if_fail (MESO_IS_LIST_GROUP (self));

  gtk_switch_set_active (self->none_known_switch, none_known);
}
