/* meso-sheet-paintable.h: one page of laid-out aftercare sheets, for the
 * screen.
 *
 * The pages of a set of sheets share one MesoSheetLayout (device-
 * independent metrics, as for PDF), so the screen shows exactly what paper
 * and PDF get; each paintable draws its page scaled to whatever size it is
 * given, on white, whatever the theme.  Its intrinsic size is the paper's
 * at 96 dpi.
 */
#pragma once

#include <gtk/gtk.h>

#include "meso-settings.h"

G_BEGIN_DECLS

#define MESO_TYPE_SHEET_PAINTABLE (meso_sheet_paintable_get_type ())
G_DECLARE_FINAL_TYPE (MesoSheetPaintable, meso_sheet_paintable, MESO, SHEET_PAINTABLE, GObject)

/* @sheets: MesoAftercareSheet*, referenced.  Returns one MesoSheetPaintable
 * per page, in order (a new array owning them). */
GPtrArray *meso_sheet_paintable_new_pages        (GPtrArray          *sheets,
                                                  MesoPaperSize       paper);
guint      meso_sheet_paintable_get_page         (MesoSheetPaintable *self);
/* The index in @sheets of the sheet this page belongs to. */
guint      meso_sheet_paintable_get_sheet_index  (MesoSheetPaintable *self);

G_END_DECLS
