/* meso-sheet-render.h: one drawing path for aftercare sheets, paper and PDF.
 *
 * A MesoSheetLayout lays one or more sheets out on pages of a given size
 * (in points) with Pango, then draws any page onto any cairo_t whose user
 * unit is the point: a PDF surface here, the GtkPrintContext's cairo_t in
 * the app (set the operation's unit to GTK_UNIT_POINTS, lay out in
 * ::begin-print with gtk_print_context_get_width/height and
 * gtk_print_context_create_pango_context(), set n-pages, and call
 * meso_sheet_layout_draw_page() from ::draw-page).
 *
 * Every page carries the clinic's name and phone; a sheet that does not fit
 * flows onto further pages whose header says "(continued)"; each sheet
 * starts on a new page.  No GTK here.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "meso-aftercare.h"
#include "meso-settings.h"

G_BEGIN_DECLS

#define MESO_SHEET_RENDER_ERROR (meso_sheet_render_error_quark ())

typedef enum
{
  MESO_SHEET_RENDER_ERROR_FAILED,
} MesoSheetRenderError;

GQuark meso_sheet_render_error_quark (void);

/* ISO A4 595×842 pt, US Letter 612×792 pt. */
void              meso_paper_get_size             (MesoPaperSize paper,
                                                   double       *width_pt,
                                                   double       *height_pt);

typedef struct _MesoSheetLayout MesoSheetLayout;

/* @context: NULL for device-independent metrics (72 dpi, no hinting, as
 * for PDF), or the print context's Pango context.  The sheets are
 * referenced, not copied. */
MesoSheetLayout  *meso_sheet_layout_new           (const MesoAftercareSheet *const *sheets,
                                                   guint                            n_sheets,
                                                   double                           page_width_pt,
                                                   double                           page_height_pt,
                                                   PangoContext                    *context);
void              meso_sheet_layout_free          (MesoSheetLayout *layout);
guint             meso_sheet_layout_get_n_pages   (MesoSheetLayout *layout);
/* Which sheet page @page belongs to (for a print preview's labels). */
guint             meso_sheet_layout_get_page_sheet (MesoSheetLayout *layout,
                                                    guint            page);
/* Draws @page (0-based) with its top-left corner at the user-space origin
 * of @cr; does not call cairo_show_page(). */
void              meso_sheet_layout_draw_page     (MesoSheetLayout *layout,
                                                   cairo_t         *cr,
                                                   guint            page);
/* The text of @page as printed, one printed line per line, in reading
 * order: header, "(continued)", then the body, a bullet's first line
 * starting with "• ".  For tests, and for a preview's accessible text. */
char             *meso_sheet_layout_get_page_text (MesoSheetLayout *layout,
                                                   guint            page);

/* Writes the sheets to a PDF at @path on @paper.  The PDF is written to a
 * temporary file beside @path and renamed over it only once complete, so
 * a failure never leaves a partial PDF and never touches an existing file. */
gboolean          meso_sheet_render_pdf           (const MesoAftercareSheet *const *sheets,
                                                   guint                            n_sheets,
                                                   MesoPaperSize                    paper,
                                                   const char                      *path,
                                                   GError                         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoSheetLayout, meso_sheet_layout_free)

G_END_DECLS
