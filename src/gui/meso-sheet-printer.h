/* meso-sheet-printer.h: aftercare sheets to paper and to PDF.
 *
 * Type: MesoSheetPrinter (GObject).  Holds the sheets of one job (one
 * session, or a whole day) and the clinic's paper size, and sends them to
 * the printer (GtkPrintOperation with the print dialog), to a PDF the user
 * chooses (GtkFileChooserNative, then meso_sheet_render_pdf()), or to a
 * PDF without any dialog through the print operation's export action (the
 * code path of Print, for tests).  All three draw with the same
 * MesoSheetLayout.  Errors are shown in a dialog over the parent window.
 *
 * Signals: ::saved (GFile *file) once a PDF has been written.
 */
#pragma once

#include <gtk/gtk.h>

#include "meso-aftercare.h"
#include "meso-store.h"

G_BEGIN_DECLS

#define MESO_TYPE_SHEET_PRINTER (meso_sheet_printer_get_type ())
G_DECLARE_FINAL_TYPE (MesoSheetPrinter, meso_sheet_printer, MESO, SHEET_PRINTER, GObject)

/* @sheets: MesoAftercareSheet*, referenced; at least one. */
MesoSheetPrinter   *meso_sheet_printer_new          (GPtrArray          *sheets,
                                                     MesoPaperSize       paper);
GPtrArray          *meso_sheet_printer_get_sheets   (MesoSheetPrinter   *self);
/* Opens the print dialog and prints in the background. */
void                meso_sheet_printer_print        (MesoSheetPrinter   *self,
                                                     GtkWindow          *parent);
/* Asks where to save, then writes the PDF (complete or not at all). */
void                meso_sheet_printer_save_pdf     (MesoSheetPrinter   *self,
                                                     GtkWindow          *parent);
/* Runs the print operation with GTK_PRINT_OPERATION_ACTION_EXPORT to
 * @path, without a dialog; the file appears only once complete. */
gboolean            meso_sheet_printer_export       (MesoSheetPrinter   *self,
                                                     const char         *path,
                                                     GError            **error);

/* The sheet of one session, in its patient's language (the sheet goes
 * home with the patient, whatever the interface's language). */
MesoAftercareSheet *meso_sheet_printer_build_sheet  (MesoStore          *store,
                                                     const MesoSettings *settings,
                                                     gint64              session_id,
                                                     GError            **error);
/* The sheets of every session on @day that is not cancelled, in the
 * day's order, each in its patient's language; an empty array when there
 * is none.  Safe in a worker thread with a store of its own. */
GPtrArray          *meso_sheet_printer_build_day    (MesoStore          *store,
                                                     const MesoSettings *settings,
                                                     const GDate        *day,
                                                     GError            **error);

G_END_DECLS
