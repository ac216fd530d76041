/* meso-sheet-pdf.c: aftercare sheets to a PDF file, all or nothing. */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "meso-sheet-render.h"

typedef struct
{
  int     fd;
  int     saved_errno;
} PdfSink;

static cairo_status_t
pdf_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PdfSink *sink = closure;

  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          sink->saved_errno = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= n;
    }
  return CAIRO_STATUS_SUCCESS;
}

gboolean
meso_sheet_render_pdf (const MesoAftercareSheet *const *sheets,
                       guint                            n_sheets,
                       MesoPaperSize                    paper,
                       const char                      *path,
                       GError                         **error)
{
  g_autoptr(MesoSheetLayout) layout = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *display = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  PdfSink sink = { -1, 0 };
  double w, h;

  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (n_sheets == 0)
    {
      g_set_error (error, MESO_SHEET_RENDER_ERROR, MESO_SHEET_RENDER_ERROR_FAILED,
                   _("%s: there are no sheets to write"), display);
      return FALSE;
    }

  meso_paper_get_size (paper, &w, &h);
  layout = meso_sheet_layout_new (sheets, n_sheets, w, h, NULL);

  /* Beside the target so that the final rename() is atomic. */
  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  sink.fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (sink.fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: cannot create the file: %s"), display, g_strerror (saved));
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (pdf_write_cb, &sink, w, h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  sheets[0]->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Mesochart");
  for (guint i = 0; i < meso_sheet_layout_get_n_pages (layout); i++)
    {
      cairo_t *cr = cairo_create (surface);

      meso_sheet_layout_draw_page (layout, cr, i);
      cairo_show_page (cr);
      cairo_destroy (cr);
    }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  /* cairo does not always pass a failed write (a full disk) on to the
   * surface's status: the sink's own record decides. */
  if (status == CAIRO_STATUS_SUCCESS && sink.saved_errno != 0)
    status = CAIRO_STATUS_WRITE_ERROR;

  if (status == CAIRO_STATUS_SUCCESS && fsync (sink.fd) != 0)
    sink.saved_errno = errno, status = CAIRO_STATUS_WRITE_ERROR;
  if (close (sink.fd) != 0 && status == CAIRO_STATUS_SUCCESS)
    sink.saved_errno = errno, status = CAIRO_STATUS_WRITE_ERROR;

  if (status == CAIRO_STATUS_SUCCESS && g_rename (tmp_path, path) != 0)
    sink.saved_errno = errno, status = CAIRO_STATUS_WRITE_ERROR;

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp_path);
      if (sink.saved_errno != 0)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (sink.saved_errno),
                     _("%s: cannot write the PDF: %s"), display, g_strerror (sink.saved_errno));
      else
        g_set_error (error, MESO_SHEET_RENDER_ERROR, MESO_SHEET_RENDER_ERROR_FAILED,
                     _("%s: cannot write the PDF: %s"), display, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
