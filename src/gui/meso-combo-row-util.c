/* meso-combo-row-util.c: combo rows that show their value whole. */
#include "config.h"

#include "meso-combo-row-util.h"

/* Combo row values shown whole.  libadwaita 1.2's own factory caps the
 * value at 20 characters, and lets the title take all the room, so a
 * translated choice was cut ("Massage doux unique…") though its advice is
 * printed on the sheet.  Here the value asks for its whole width and the
 * row's title wraps to make room; it is ellipsized only past 28 characters
 * when even that is not enough (a phone).  It cannot wrap instead: the
 * row shows it in a list view, whose height does not follow its width. */
static gboolean
selected_to_opacity (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  /* Hidden but still there, so the labels do not shift. */
  g_value_set_double (to, g_value_get_boolean (from) ? 1.0 : 0.0);
  return TRUE;
}

static void
combo_item_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  in_popup)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), in_popup ? 0.0 : 1.0);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (in_popup)
    {
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      g_object_bind_property_full (list_item, "selected", check, "opacity", G_BINDING_SYNC_CREATE,
                                   selected_to_opacity, NULL, NULL, NULL);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_list_item_set_child (list_item, box);
}

static void
combo_item_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  in_popup)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  const char *text = gtk_string_object_get_string (item);

  /* At least this much before it is ellipsized. */
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (g_utf8_strlen (text, -1), 28));
  gtk_label_set_label (GTK_LABEL (label), text);
}

static GtkListItemFactory *
combo_factory_new (gboolean in_popup)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (combo_item_setup_cb), GINT_TO_POINTER (in_popup));
  g_signal_connect (factory, "bind", G_CALLBACK (combo_item_bind_cb), GINT_TO_POINTER (in_popup));
  return factory;
}

void
meso_combo_row_show_whole_value (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = combo_factory_new (FALSE);
  g_autoptr(GtkListItemFactory) list_factory = combo_factory_new (TRUE);

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  adw_combo_row_set_factory (row, factory);
  adw_combo_row_set_list_factory (row, list_factory);
}
