/* meso-sheet-preview.h: the pages of one or more aftercare sheets, as
 * they will print.
 *
 * Type: MesoSheetPreview (GtkWidget).  A scrolled column of white pages,
 * each scaled to the width available (never beyond the paper's size at
 * 96 dpi), drawn by the same layout as paper and PDF.
 */
#pragma once

#include <gtk/gtk.h>

#include "meso-settings.h"

G_BEGIN_DECLS

#define MESO_TYPE_SHEET_PREVIEW (meso_sheet_preview_get_type ())
G_DECLARE_FINAL_TYPE (MesoSheetPreview, meso_sheet_preview, MESO, SHEET_PREVIEW, GtkWidget)

GtkWidget *meso_sheet_preview_new         (void);
/* @sheets: MesoAftercareSheet*, referenced; NULL or empty shows that there
 * is nothing to preview. */
void       meso_sheet_preview_set_sheets  (MesoSheetPreview *self,
                                           GPtrArray        *sheets,
                                           MesoPaperSize     paper);
guint      meso_sheet_preview_get_n_pages (MesoSheetPreview *self);

G_END_DECLS
