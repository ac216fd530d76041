/* meso-sheet-paintable.c: a page of aftercare sheets as a GdkPaintable, so
 * that a GtkPicture scales it to the width it is given and keeps the
 * paper's proportions. */
#include "config.h"

#include "meso-aftercare.h"
#include "meso-sheet-paintable.h"
#include "meso-sheet-render.h"

/* Screen pixels per point at the usual 96 dpi. */
#define PX_PER_PT (96.0 / 72.0)

/* Shared by every page of one layout; the layout borrows the sheets, so it
 * keeps them alive too. */
typedef struct
{
  GPtrArray       *sheets;
  MesoSheetLayout *layout;
  double           width_pt;
  double           height_pt;
} SharedLayout;

struct _MesoSheetPaintable
{
  GObject       parent_instance;

  SharedLayout *shared;
  guint         page;
};

static void meso_sheet_paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MesoSheetPaintable, meso_sheet_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      meso_sheet_paintable_iface_init))

static void
shared_layout_clear (gpointer data)
{
  SharedLayout *shared = data;

  g_clear_pointer (&shared->layout, meso_sheet_layout_free);
  g_clear_pointer (&shared->sheets, g_ptr_array_unref);
}

static void
meso_sheet_paintable_snapshot (GdkPaintable *paintable,
                               GdkSnapshot  *snapshot,
                               double        width,
                               double        height)
{
  MesoSheetPaintable *self = MESO_SHEET_PAINTABLE (paintable);
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot),
                                  &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* Paper is white in the dark style too. */
  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_paint (cr);
  cairo_scale (cr, width / self->shared->width_pt, height / self->shared->height_pt);
  meso_sheet_layout_draw_page (self->shared->layout, cr, self->page);
  cairo_destroy (cr);
}

static GdkPaintableFlags
meso_sheet_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static int
meso_sheet_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  MesoSheetPaintable *self = MESO_SHEET_PAINTABLE (paintable);

  return (int) (self->shared->width_pt * PX_PER_PT);
}

static int
meso_sheet_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  MesoSheetPaintable *self = MESO_SHEET_PAINTABLE (paintable);

  return (int) (self->shared->height_pt * PX_PER_PT);
}

static double
meso_sheet_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  MesoSheetPaintable *self = MESO_SHEET_PAINTABLE (paintable);

  return self->shared->width_pt / self->shared->height_pt;
}

static void
meso_sheet_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = meso_sheet_paintable_snapshot;
  iface->get_flags = meso_sheet_paintable_get_flags;
  iface->get_intrinsic_width = meso_sheet_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = meso_sheet_paintable_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = meso_sheet_paintable_get_intrinsic_aspect_ratio;
}

static void
meso_sheet_paintable_finalize (GObject *object)
{
  MesoSheetPaintable *self = (MesoSheetPaintable *)object;

  g_rc_box_release_full (self->shared, shared_layout_clear);

  G_OBJECT_CLASS (meso_sheet_paintable_parent_class)->finalize (object);
}

static void
meso_sheet_paintable_class_init (MesoSheetPaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = meso_sheet_paintable_finalize;
}

static void
meso_sheet_paintable_init (MesoSheetPaintable *self)
{
}

GPtrArray *
meso_sheet_paintable_new_pages (GPtrArray     *sheets,
                                MesoPaperSize  paper)
{
  GPtrArray *pages;
  SharedLayout *shared;
  guint n_pages;

  g_return_val_if_fail (sheets != NULL, NULL);

  pages = g_ptr_array_new_with_free_func (g_object_unref);
  if (sheets->len == 0)
    return pages;

  shared = g_rc_box_new0 (SharedLayout);
  shared->sheets = g_ptr_array_ref (sheets);
  meso_paper_get_size (paper, &shared->width_pt, &shared->height_pt);
  shared->layout = meso_sheet_layout_new ((const MesoAftercareSheet * const *) sheets->pdata,
                                          sheets->len,
                                          shared->width_pt, shared->height_pt,
                                          NULL);

  n_pages = meso_sheet_layout_get_n_pages (shared->layout);
  for (guint i = 0; i < n_pages; i++)
    {
      MesoSheetPaintable *page = g_object_new (MESO_TYPE_SHEET_PAINTABLE, NULL);

      page->shared = g_rc_box_acquire (shared);
      page->page = i;
      g_ptr_array_add (pages, page);
    }
  g_rc_box_release_full (shared, shared_layout_clear);

  return pages;
}

guint
meso_sheet_paintable_get_page (MesoSheetPaintable *self)
{
  g_return_val_if_fail (MESO_IS_SHEET_PAINTABLE (self), 0);
  return self->page;
}

guint
meso_sheet_paintable_get_sheet_index (MesoSheetPaintable *self)
{
  g_return_val_if_fail (MESO_IS_SHEET_PAINTABLE (self), 0);
  return meso_sheet_layout_get_page_sheet (self->shared->layout, self->page);
}
