/* The sheet layout: pages, paper sizes, nothing drawn off the page, the
 * same drawing on any cairo_t (as GtkPrintOperation will use it). */
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "meso-sheet-render.h"

/* A 200-character solution name, as the CLI accepts. */
#define LONG_SOLUTION \
  "Mesotherapy cocktail with hyaluronic acid, vitamins, amino acids, " \
  "coenzymes, minerals and nucleic acids for the revitalisation of " \
  "dehydrated, photo-aged skin of the face, neck and neckline, 5 ml vial"

static MesoAftercareSheet *
make_sheet_full (const char *name,
                 MesoArea    area,
                 guint       n_ingredients,
                 const char *solution,
                 const char *clinic_name,
                 const char *clinic_phone)
{
  g_autoptr(MesoSession) s = meso_session_new ();
  MesoSettings settings = { 0 };

  g_assert_true (meso_date_parse ("2026-05-04", &s->date));
  s->area = area;
  s->solution_name = g_strdup (solution);
  s->batch = g_strdup ("X-9");
  for (guint i = 0; i < n_ingredients; i++)
    g_ptr_array_add (s->ingredients, g_strdup_printf ("ingredient %u", i));
  settings.clinic_name = (char *) clinic_name;
  settings.clinic_phone = (char *) clinic_phone;
  settings.clinic_address = (char *) "1 High Street";
  return meso_aftercare_sheet_build (s, name, &settings, "en");
}

static MesoAftercareSheet *
make_sheet (const char *name,
            MesoArea    area,
            guint       n_ingredients)
{
  return make_sheet_full (name, area, n_ingredients, "Test solution",
                          "Test Clinic", "+44 20 7946 0000");
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

static const char long_clinic[] =
  "Centre de Médecine Esthétique et de Mésothérapie du Parc Monceau";

/* The printed lines of @page, and where its body starts (after the
 * "(continued)" line on a sheet's later pages). */
static char **
page_lines (MesoSheetLayout *layout,
            guint            page,
            guint           *body)
{
  g_autofree char *text = meso_sheet_layout_get_page_text (layout, page);
  char **lines = g_strsplit (text, "\n", -1);

  *body = 0;
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_suffix (lines[i], "(continued)"))
      *body = i + 1;
  return lines;
}

/* Every number of the phone is printed whole on one line: a number split
 * over two lines is a misdial.  And nothing goes off the page. */
static void
test_phone_whole (void)
{
  static const char *phones[] = {
    "+33 (0)1 23 45 67 89 / +33 (0)6 98 76 54 32 ext 12",
    "+1 (555) 123-4567, +1 (555) 765-4321",
    "01 23 45 67 89; 06 98 76 54 32; 07 11 22 33 44",
    "+44 20 7946 0000",
  };
  static const char *names[] = { "Test Clinic", long_clinic, "" };

  for (guint paper = MESO_PAPER_A4; paper <= MESO_PAPER_LETTER; paper++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
        {
          g_autoptr(MesoAftercareSheet) a = make_sheet_full ("Ada", MESO_AREA_FACE, 2, "S",
                                                             names[n], phones[i]);
          const MesoAftercareSheet *one[] = { a };
          g_autoptr(MesoSheetLayout) layout = NULL;
          g_auto(GStrv) numbers = g_regex_split_simple ("[/,;]", phones[i], 0, 0);
          double w, h;
          guint body;

          meso_paper_get_size (paper, &w, &h);
          layout = meso_sheet_layout_new (one, 1, w, h, NULL);
          assert_pages_inside (layout, w, h);
          for (guint p = 0; p < meso_sheet_layout_get_n_pages (layout); p++)
            {
              g_auto(GStrv) lines = page_lines (layout, p, &body);

              for (guint k = 0; numbers[k]; k++)
                {
                  g_autofree char *number = g_strstrip (g_strdup (numbers[k]));
                  gboolean whole = FALSE;

                  for (guint l = 0; lines[l] && !whole; l++)
                    whole = strstr (lines[l], number) != NULL;
                  if (!whole)
                    g_error ("%s, paper %u: \"%s\" is split:\n%s", names[n], paper,
                             number, g_strjoinv ("\n", lines));
                }
            }
        }

  /* A "number" wider than the page still wraps inside it. */
  {
    g_autoptr(MesoAftercareSheet) a = make_sheet_full ("Ada", MESO_AREA_FACE, 2, "S", long_clinic,
                                                       "+331234567890123456789012345678901234567890"
                                                       "12345678901234567890");
    const MesoAftercareSheet *one[] = { a };
    g_autoptr(MesoSheetLayout) layout = meso_sheet_layout_new (one, 1, 595, 842, NULL);

    assert_pages_inside (layout, 595, 842);
  }
}

/* Runs @check on the layout of the long sheet with every number of
 * ingredients in a range, on both papers, so that every block of the
 * sheet falls at the foot of a page somewhere.  One context set up as
 * for PDF (72 dpi, no hinting) for all: a font map per layout is slow. */
static void
for_each_flow (void (*check) (MesoSheetLayout *, const MesoAftercareSheet *, guint))
{
  g_autoptr(PangoFontMap) map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  for (guint paper = MESO_PAPER_A4; paper <= MESO_PAPER_LETTER; paper++)
    for (guint n = 140; n < 420; n++)
      {
        g_autoptr(MesoAftercareSheet) a = make_sheet_full ("Ada", MESO_AREA_FACE, n, LONG_SOLUTION,
                                                           long_clinic, "+33 (0)1 23 45 67 89");
        const MesoAftercareSheet *one[] = { a };
        g_autoptr(MesoSheetLayout) layout = NULL;
        double w, h;

        meso_paper_get_size (paper, &w, &h);
        layout = meso_sheet_layout_new (one, 1, w, h, context);
        check (layout, a, n);
      }
  g_object_unref (context);
}

/* The session's details are never split so that one line of them is left
 * alone at the top of a page. */
static void
check_details (MesoSheetLayout          *layout,
               const MesoAftercareSheet *sheet,
               guint                     n)
{
  for (guint p = 1; p < meso_sheet_layout_get_n_pages (layout); p++)
    {
      guint body;
      g_auto(GStrv) lines = page_lines (layout, p, &body);

      g_assert_cmpuint (body, >, 0);
      if (lines[body] && g_str_has_prefix (lines[body], "Batch:"))
        g_error ("%u ingredients: \"%s\" alone at the top of page %u", n, lines[body], p + 1);
    }
}

static void
test_details_together (void)
{
  for_each_flow (check_details);
}

/* A section heading has its first two items (all of them if it has
 * fewer) on its page. */
static void
check_headings (MesoSheetLayout          *layout,
                const MesoAftercareSheet *sheet,
                guint                     n)
{
  for (guint p = 0; p < meso_sheet_layout_get_n_pages (layout); p++)
    {
      guint body;
      g_auto(GStrv) lines = page_lines (layout, p, &body);

      for (guint l = body; lines[l]; l++)
        {
          guint n_items = 0, want = 0, found = 0;

          for (guint i = 0; i < sheet->sections->len; i++)
            {
              const MesoAftercareSection *section = g_ptr_array_index (sheet->sections, i);

              if (g_str_equal (lines[l], section->heading))
                want = 1, n_items = section->items->len;
            }
          if (g_str_equal (lines[l], sheet->label_appointments))
            want = 1, n_items = 2;
          if (!want)
            continue;
          want = MIN (n_items, 2);
          for (guint k = l + 1; lines[k] && found < want; k++)
            if (g_str_has_prefix (lines[k], "• "))
              found++;
          if (found < want)
            g_error ("%u ingredients: \"%s\" with %u of its items on page %u", n, lines[l],
                     found, p + 1);
        }
    }
}

static void
test_heading_items (void)
{
  for_each_flow (check_headings);
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
  g_test_add_func ("/render/phone-whole", test_phone_whole);
  g_test_add_func ("/render/details-together", test_details_together);
  g_test_add_func ("/render/heading-items", test_heading_items);

  return g_test_run ();
}
