/* meso-sheet-preview.c: aftercare sheets on screen, page by page.
 *
 * Each page is a GtkPicture of a MesoSheetPaintable.  A picture does not
 * trade height for width, so the pages' heights are set here from the
 * width of the scrolled column (its horizontal adjustment's page size):
 * the preview follows the window without laying the sheets out again.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "meso-aftercare.h"
#include "meso-sheet-paintable.h"
#include "meso-sheet-preview.h"

struct _MesoSheetPreview
{
  GtkWidget   parent_instance;

  guint       n_pages;
  int         page_width;   /* pixels, as last sized */
  guint       size_source;

  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkBox            *pages_box;
};

/* Room around the pages in the column, in pixels (pages_box margins). */
#define PAGE_MARGIN 18

G_DEFINE_FINAL_TYPE (MesoSheetPreview, meso_sheet_preview, GTK_TYPE_WIDGET)

static void
clear_pages (MesoSheetPreview *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);
  self->n_pages = 0;
}

/* Each page is as wide as the column allows (its clamp stops it at the
 * paper's width at 96 dpi); its height follows.  Only the height is
 * requested, so the pages never make the column wider. */
static void
size_pages (MesoSheetPreview *self)
{
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  int available = (int) gtk_adjustment_get_page_size (hadjustment) - 2 * PAGE_MARGIN;

  for (GtkWidget *clamp = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box));
       clamp != NULL;
       clamp = gtk_widget_get_next_sibling (clamp))
    {
      GtkWidget *picture = adw_clamp_get_child (ADW_CLAMP (clamp));
      GdkPaintable *page = gtk_picture_get_paintable (GTK_PICTURE (picture));
      int width = MIN (available, gdk_paintable_get_intrinsic_width (page));

      if (width <= 0)
        continue;
      gtk_widget_set_size_request (picture, -1,
                                   (int) (width / gdk_paintable_get_intrinsic_aspect_ratio (page)));
    }
}

static gboolean
size_pages_idle_cb (gpointer data)
{
  MesoSheetPreview *self = data;

  self->size_source = 0;
  size_pages (self);
  return G_SOURCE_REMOVE;
}

static void
hadjustment_changed_cb (MesoSheetPreview *self,
                        GtkAdjustment    *hadjustment)
{
  int width = (int) gtk_adjustment_get_page_size (hadjustment);

  /* Only a new width changes the pages' size: no layout loop.  The size
   * is set once this allocation is over, or GTK would drop the resize. */
  if (width == self->page_width || self->size_source != 0)
    return;
  self->page_width = width;
  self->size_source = g_idle_add (size_pages_idle_cb, self);
}

static GtkWidget *
page_picture_new (MesoSheetPaintable *page,
                  const char         *patient_name,
                  guint               n_pages)
{
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (page));
  GtkWidget *clamp = adw_clamp_new ();
  g_autofree char *label = NULL;

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_add_css_class (picture, "sheet-page");
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (page)));
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (page)));
  adw_clamp_set_child (ADW_CLAMP (clamp), picture);

  /* Translators: "Aftercare sheet for Ana Ruiz, page 1 of 2". */
  label = g_strdup_printf (_("Aftercare sheet for %s, page %u of %u"),
                           patient_name,
                           meso_sheet_paintable_get_page (page) + 1, n_pages);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return clamp;
}

void
meso_sheet_preview_set_sheets (MesoSheetPreview *self,
                               GPtrArray        *sheets,
                               MesoPaperSize     paper)
{
  g_autoptr(GPtrArray) pages = NULL;

  g_return_if_fail (MESO_IS_SHEET_PREVIEW (self));

  clear_pages (self);
  if (sheets == NULL || sheets->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  pages = meso_sheet_paintable_new_pages (sheets, paper);
  self->n_pages = pages->len;
  for (guint i = 0; i < pages->len; i++)
    {
      MesoSheetPaintable *page = g_ptr_array_index (pages, i);
      const MesoAftercareSheet *sheet =
        g_ptr_array_index (sheets, meso_sheet_paintable_get_sheet_index (page));

      gtk_box_append (self->pages_box,
                      page_picture_new (page, sheet->patient_name, pages->len));
    }
  size_pages (self);
  gtk_stack_set_visible_child_name (self->stack, "pages");
}

guint
meso_sheet_preview_get_n_pages (MesoSheetPreview *self)
{
  g_return_val_if_fail (MESO_IS_SHEET_PREVIEW (self), 0);
  return self->n_pages;
}

static void
meso_sheet_preview_dispose (GObject *object)
{
  MesoSheetPreview *self = (MesoSheetPreview *)object;

  g_clear_handle_id (&self->size_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_SHEET_PREVIEW);

  G_OBJECT_CLASS (meso_sheet_preview_parent_class)->dispose (object);
}

static void
meso_sheet_preview_class_init (MesoSheetPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = meso_sheet_preview_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-sheet-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoSheetPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, MesoSheetPreview, scroller);
  gtk_widget_class_bind_template_child (widget_class, MesoSheetPreview, pages_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sheetpreview");
}

static void
meso_sheet_preview_init (MesoSheetPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                           G_CALLBACK (hadjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
meso_sheet_preview_new (void)
{
  return g_object_new (MESO_TYPE_SHEET_PREVIEW, NULL);
}
