/* The sheet layout: pages, paper sizes, nothing drawn off the page, the
 * same drawing on any cairo_t (as GtkPrintOperation will use it). */
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "meso-sheet-render.h"

static MesoAftercareSheet *
make_sheet (const char *name,
            MesoArea    area,
            guint       n_ingredients)
{
  g_autoptr(MesoSession) s = meso_session_new ();
  MesoSettings settings = { 0 };

  g_assert_true (meso_date_parse ("2026-05-04", &s->date));
  s->area = area;
  s->solution_name = g_strdup ("Test solution");
  for (guint i = 0; i < n_ingredients; i++)
    g_ptr_array_add (s->ingredients, g_strdup_printf ("ingredient %u", i));
  settings.clinic_name = (char *) "Test Clinic";
  settings.clinic_phone = (char *) "+44 20 7946 0000";
  settings.clinic_address = (char *) "1 High Street";
  return meso_aftercare_sheet_build (s, name, &settings, "en");
}

/* Draws each page onto a recording surface and checks that the ink stays
 * inside the page, with the margins left clear. */
static void
assert_pages_inside (MesoSheetLayout *layout,
                     double           w,
                     double           h)
{
  for (guint p = 0; p < meso_sheet_layout_get_n_pages (layout); p++)
    {
      cairo_rectangle_t extents = { 0, 0, w, h };
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cairo_t *cr = cairo_create (surface);
      double x, y, iw, ih;

      meso_sheet_layout_draw_page (layout, cr, p);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_recording_surface_ink_extents (surface, &x, &y, &iw, &ih);
      g_assert_cmpfloat (iw, >, 100);
      g_assert_cmpfloat (x, >=, 20);
      g_assert_cmpfloat (y, >=, 20);
      g_assert_cmpfloat (x + iw, <=, w - 20);
      g_assert_cmpfloat (y + ih, <=, h - 20);
      cairo_surface_destroy (surface);
    }
}

static void
test_paper_sizes (void)
{
  double w, h;

  meso_paper_get_size (MESO_PAPER_A4, &w, &h);
  g_assert_cmpfloat (w, ==, 595);
  g_assert_cmpfloat (h, ==, 842);
  meso_paper_get_size (MESO_PAPER_LETTER, &w, &h);
  g_assert_cmpfloat (w, ==, 612);
  g_assert_cmpfloat (h, ==, 792);
}

static void
test_pages (void)
{
  g_autoptr(MesoAftercareSheet) a = make_sheet ("Ada", MESO_AREA_FACE, 2);
  g_autoptr(MesoAftercareSheet) b = make_sheet ("Bob", MESO_AREA_THIGHS, 600);
  g_autoptr(MesoAftercareSheet) c = make_sheet ("Cy", MESO_AREA_SCALP, 0);
  const MesoAftercareSheet *one[] = { a };
  const MesoAftercareSheet *three[] = { a, b, c };
  g_autoptr(MesoSheetLayout) la = meso_sheet_layout_new (one, 1, 595, 842, NULL);
  g_autoptr(MesoSheetLayout) l3 = meso_sheet_layout_new (three, 3, 612, 792, NULL);
  guint na = meso_sheet_layout_get_n_pages (la);
  guint n3 = meso_sheet_layout_get_n_pages (l3);
  guint last = 0;

  g_assert_cmpuint (na, >=, 1);
  g_assert_cmpuint (na, <=, 2);
  /* The long sheet needs more pages than the short ones. */
  g_assert_cmpuint (n3, >, 2 * na + 1);
  /* Each sheet starts on its own page, in order. */
  g_assert_cmpuint (meso_sheet_layout_get_page_sheet (l3, 0), ==, 0);
  g_assert_cmpuint (meso_sheet_layout_get_page_sheet (l3, na), ==, 1);
  g_assert_cmpuint (meso_sheet_layout_get_page_sheet (l3, n3 - 1), ==, 2);
  for (guint p = 0; p < n3; p++)
    {
      guint s = meso_sheet_layout_get_page_sheet (l3, p);

      g_assert_cmpuint (s, >=, last);
      g_assert_cmpuint (s, <=, last + 1);
      last = s;
    }

  assert_pages_inside (la, 595, 842);
  assert_pages_inside (l3, 612, 792);
}

/* A caller's own Pango context (as gtk_print_context_create_pango_context()
 * gives) lays out the same way. */
static void
test_caller_context (void)
{
  g_autoptr(MesoAftercareSheet) a = make_sheet ("Ada", MESO_AREA_FACE, 2);
  const MesoAftercareSheet *one[] = { a };
  g_autoptr(PangoFontMap) map = pango_cairo_font_map_new ();
  /* (Pango 1.50 has no autoptr for PangoContext) */
  PangoContext *context = pango_font_map_create_context (map);
  g_autoptr(MesoSheetLayout) layout = NULL;

  pango_cairo_context_set_resolution (context, 72);
  layout = meso_sheet_layout_new (one, 1, 595, 842, context);
  g_assert_cmpuint (meso_sheet_layout_get_n_pages (layout), >=, 1);
  assert_pages_inside (layout, 595, 842);
  g_object_unref (context);
}

static void
test_pdf_atomic (void)
{
  g_autoptr(MesoAftercareSheet) a = make_sheet ("Ada", MESO_AREA_FACE, 2);
  const MesoAftercareSheet *one[] = { a };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mesochart-render-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "a.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "dir.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (meso_sheet_render_pdf (one, 1, MESO_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  g_assert_false (meso_sheet_render_pdf (one, 1, MESO_PAPER_A4, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "dir.pdf"));
  g_clear_error (&error);

  g_assert_false (meso_sheet_render_pdf (one, 0, MESO_PAPER_A4, pdf, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Only the finished PDF is left in the folder. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_assert_cmpstr (name, ==, "a.pdf");
        n++;
      }
    g_assert_cmpuint (n, ==, 1);
  }
  g_unlink (pdf);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/paper-sizes", test_paper_sizes);
  g_test_add_func ("/render/pages", test_pages);
  g_test_add_func ("/render/caller-context", test_caller_context);
  g_test_add_func ("/render/pdf-atomic", test_pdf_atomic);

  return g_test_run ();
}
