/* meso-sheet-printer.c: print, export and save aftercare sheets.
 *
 * The print operation works in points from the paper's edge
 * (GTK_UNIT_POINTS, full page): the layout has its own margins.  The
 * layout is made in ::begin-print with the printer's Pango context, as
 * meso-sheet-render.h asks, so that metrics match the device.
 */
#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "meso-amend.h"
#include "meso-sheet-printer.h"
#include "meso-sheet-render.h"

struct _MesoSheetPrinter
{
  GObject          parent_instance;

  GPtrArray       *sheets;      /* MesoAftercareSheet* */
  MesoPaperSize    paper;
  GtkWindow       *parent;      /* weak */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (MesoSheetPrinter, meso_sheet_printer, G_TYPE_OBJECT)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (MesoSheetPrinter *self,
            const char       *heading,
            const GError     *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (self->parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_parent (MesoSheetPrinter *self,
            GtkWindow        *parent)
{
  g_set_weak_pointer (&self->parent, parent);
}

/* Each operation keeps its own layout: two jobs of the same sheets (the
 * print dialog opened twice) never share one. */
#define LAYOUT_KEY "meso-sheet-layout"

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                MesoSheetPrinter  *self)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);
  MesoSheetLayout *layout;

  layout = meso_sheet_layout_new ((const MesoAftercareSheet * const *) self->sheets->pdata,
                                  self->sheets->len,
                                  gtk_print_context_get_width (context),
                                  gtk_print_context_get_height (context),
                                  pango);
  g_object_unref (pango);
  g_object_set_data_full (G_OBJECT (operation), LAYOUT_KEY, layout,
                          (GDestroyNotify) meso_sheet_layout_free);
  gtk_print_operation_set_n_pages (operation, meso_sheet_layout_get_n_pages (layout));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              MesoSheetPrinter  *self)
{
  meso_sheet_layout_draw_page (g_object_get_data (G_OBJECT (operation), LAYOUT_KEY),
                               gtk_print_context_get_cairo_context (context),
                               page_nr);
}

static void
end_print_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              MesoSheetPrinter  *self)
{
  g_object_set_data (G_OBJECT (operation), LAYOUT_KEY, NULL);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               MesoSheetPrinter        *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_error (self, _("Cannot Print the Aftercare Sheet"), error);
    }
}

static GtkPrintOperation *
create_operation (MesoSheetPrinter *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  const MesoAftercareSheet *first = g_ptr_array_index (self->sheets, 0);

  paper = gtk_paper_size_new (self->paper == MESO_PAPER_LETTER ? GTK_PAPER_NAME_LETTER
                                                               : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (page_setup, paper);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_job_name (operation, first->title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);

  /* The operation keeps the printer (and so the sheets) until it is done. */
  g_object_set_data_full (G_OBJECT (operation), "meso-sheet-printer",
                          g_object_ref (self), g_object_unref);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  g_signal_connect (operation, "end-print", G_CALLBACK (end_print_cb), self);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), self);

  return operation;
}

void
meso_sheet_printer_print (MesoSheetPrinter *self,
                          GtkWindow        *parent)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MESO_IS_SHEET_PRINTER (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  set_parent (self, parent);
  operation = create_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("Cannot Print the Aftercare Sheet"), error);
}

/* A temporary name beside @path, so the rename is atomic. */
static char *
temp_path_beside (const char  *path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp = g_build_filename (dir, template, NULL);
  int fd;

  fd = g_mkstemp (temp);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write in “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  g_close (fd, NULL);
  return g_steal_pointer (&temp);
}

gboolean
meso_sheet_printer_export (MesoSheetPrinter  *self,
                           const char        *path,
                           GError           **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *temp = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (MESO_IS_SHEET_PRINTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  temp = temp_path_beside (path, error);
  if (temp == NULL)
    return FALSE;

  operation = create_operation (self);
  gtk_print_operation_set_allow_async (operation, FALSE);
  gtk_print_operation_set_export_filename (operation, temp);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
        g_set_error (error, MESO_SHEET_RENDER_ERROR, MESO_SHEET_RENDER_ERROR_FAILED,
                     _("The aftercare sheet was not written"));
      g_unlink (temp);
      return FALSE;
    }

  if (g_rename (temp, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
      g_unlink (temp);
      return FALSE;
    }
  return TRUE;
}

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     MesoSheetPrinter *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    goto out;

  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("Choose a folder on this computer"));
  else
    meso_sheet_render_pdf ((const MesoAftercareSheet * const *) self->sheets->pdata,
                           self->sheets->len, self->paper, path, &error);

  if (error != NULL)
    show_error (self, _("Cannot Save the Aftercare Sheet"), error);
  else
    g_signal_emit (self, signals[SAVED], 0, file);

out:
  /* Taken in meso_sheet_printer_save_pdf(). */
  g_object_unref (self);
}

/* "Aftercare – Ana Ruiz – 2026-05-04.pdf", or the day's for several. */
static char *
suggest_file_name (MesoSheetPrinter *self)
{
  const MesoAftercareSheet *first = g_ptr_array_index (self->sheets, 0);
  g_autofree char *date = meso_date_format (&first->date);
  g_autofree char *name = NULL;

  if (self->sheets->len == 1)
    /* Translators: a file name: patient, then YYYY-MM-DD. */
    name = g_strdup_printf (_("Aftercare – %s – %s.pdf"), first->patient_name, date);
  else
    /* Translators: a file name for all of a day's sheets: YYYY-MM-DD. */
    name = g_strdup_printf (_("Aftercare – %s.pdf"), date);

  /* A name typed by a person may hold a slash. */
  return g_strdelimit (g_steal_pointer (&name), "/\\", '-');
}

void
meso_sheet_printer_save_pdf (MesoSheetPrinter *self,
                             GtkWindow        *parent)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  g_return_if_fail (MESO_IS_SHEET_PRINTER (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  if (self->chooser != NULL)
    return;

  set_parent (self, parent);
  self->chooser = gtk_file_chooser_native_new (_("Save Aftercare Sheet as PDF"), parent,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  name = suggest_file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

GPtrArray *
meso_sheet_printer_get_sheets (MesoSheetPrinter *self)
{
  g_return_val_if_fail (MESO_IS_SHEET_PRINTER (self), NULL);
  return self->sheets;
}

static void
meso_sheet_printer_dispose (GObject *object)
{
  MesoSheetPrinter *self = (MesoSheetPrinter *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (meso_sheet_printer_parent_class)->dispose (object);
}

static void
meso_sheet_printer_finalize (GObject *object)
{
  MesoSheetPrinter *self = (MesoSheetPrinter *)object;

  g_clear_pointer (&self->sheets, g_ptr_array_unref);

  G_OBJECT_CLASS (meso_sheet_printer_parent_class)->finalize (object);
}

static void
meso_sheet_printer_class_init (MesoSheetPrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = meso_sheet_printer_dispose;
  object_class->finalize = meso_sheet_printer_finalize;

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);
}

static void
meso_sheet_printer_init (MesoSheetPrinter *self)
{
}

MesoSheetPrinter *
meso_sheet_printer_new (GPtrArray     *sheets,
                        MesoPaperSize  paper)
{
  MesoSheetPrinter *self;

  g_return_val_if_fail (sheets != NULL && sheets->len > 0, NULL);

  self = g_object_new (MESO_TYPE_SHEET_PRINTER, NULL);
  self->sheets = g_ptr_array_ref (sheets);
  self->paper = paper;
  return self;
}

MesoAftercareSheet *
meso_sheet_printer_build_sheet (MesoStore           *store,
                                const MesoSettings  *settings,
                                gint64               session_id,
                                GError             **error)
{
  g_autoptr(MesoSession) session = NULL;
  g_autoptr(MesoPatient) patient = NULL;

  g_return_val_if_fail (MESO_IS_STORE (store), NULL);

  session = meso_store_get_session_amended (store, session_id, error);
  if (session == NULL)
    return NULL;
  patient = meso_store_get_patient (store, session->patient_id, error);
  if (patient == NULL)
    return NULL;

  return meso_aftercare_sheet_build (session, patient->name, settings, patient->language);
}

GPtrArray *
meso_sheet_printer_build_day (MesoStore           *store,
                              const MesoSettings  *settings,
                              const GDate         *day,
                              GError             **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) sheets = NULL;

  g_return_val_if_fail (MESO_IS_STORE (store), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  sessions = meso_store_list_sessions_on (store, day, error);
  if (sessions == NULL)
    return NULL;

  sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_aftercare_sheet_unref);
  for (guint i = 0; i < sessions->len; i++)
    {
      MesoSession *session = g_ptr_array_index (sessions, i);
      g_autoptr(MesoPatient) patient = NULL;

      /* Nobody takes a handout home from a cancelled appointment. */
      if (session->status == MESO_SESSION_CANCELLED)
        continue;

      patient = meso_store_get_patient (store, session->patient_id, error);
      if (patient == NULL)
        return NULL;
      g_ptr_array_add (sheets, meso_aftercare_sheet_build (session, patient->name,
                                                           settings, patient->language));
    }

  return g_steal_pointer (&sheets);
}
