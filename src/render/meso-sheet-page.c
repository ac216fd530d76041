/* meso-sheet-page.c: the page header of aftercare sheets (the clinic's
 * name and phone, laid out so that a phone number never wraps inside
 * itself) and the text of a page as printed. */
#include "config.h"

#include <pango/pangocairo.h>
#include <string.h>

#include "meso-sheet-render-private.h"

/* Separators between a clinic's phone numbers. */
#define PHONE_SEPARATORS "/,;|"

/* The phone's markup, in bold, where each number (the text between two
 * separators) cannot break: a number split over two lines is misdialled.
 * The text itself is unchanged, so a copy from the PDF dials too. */
static char *
phone_markup (const char *phone)
{
  GString *m = g_string_new ("<b>");
  const char *p = phone;

  while (*p)
    {
      gsize len = strcspn (p, PHONE_SEPARATORS);
      gsize lead = 0, trail = 0;
      g_autofree char *before = NULL;
      g_autofree char *number = NULL;
      g_autofree char *after = NULL;

      while (lead < len && g_ascii_isspace (p[lead]))
        lead++;
      while (trail < len - lead && g_ascii_isspace (p[len - 1 - trail]))
        trail++;
      before = g_markup_escape_text (p, lead);
      number = g_markup_escape_text (p + lead, len - lead - trail);
      after = g_markup_escape_text (p + len - trail, trail);
      g_string_append (m, before);
      if (*number)
        g_string_append_printf (m, "<span allow_breaks=\"false\">%s</span>", number);
      g_string_append (m, after);
      p += len;
      if (*p)
        {
          g_autofree char *sep = g_markup_escape_text (p, 1);

          g_string_append (m, sep);
          p++;
        }
    }
  g_string_append (m, "</b>");
  return g_string_free (m, FALSE);
}

/* Whether @layout's ink stays within its width: a number that cannot
 * break overflows it instead of wrapping. */
static gboolean
layout_fits (PangoLayout *layout,
             double       width)
{
  PangoRectangle ink;

  pango_layout_get_extents (layout, &ink, NULL);
  return ink.x >= -PANGO_SCALE / 2 &&
         ink.x + ink.width <= (int) (width * PANGO_SCALE) + PANGO_SCALE / 2;
}

/* The clinic's name and phone side by side, or, when a number does not
 * fit the phone's column, the phone on its own full-width line under the
 * name.  Only a number wider than the page itself is broken. */
void
meso_sheet_build_header (MesoSheetLayout          *self,
                         SheetBlocks              *sb,
                         const MesoAftercareSheet *sheet)
{
  double content = self->width - 2 * MARGIN;
  g_autofree char *name = g_markup_printf_escaped ("<b>%s</b>", sheet->clinic_name);
  g_autofree char *phone = phone_markup (sheet->clinic_phone);

  sb->header_phone = meso_sheet_make_layout (self, phone, SIZE_CLINIC, content * 0.36);
  pango_layout_set_alignment (sb->header_phone, PANGO_ALIGN_RIGHT);
  if (!layout_fits (sb->header_phone, content * 0.36))
    {
      g_clear_object (&sb->header_phone);
      sb->phone_below = TRUE;
      sb->header_phone = meso_sheet_make_layout (self, phone, SIZE_CLINIC, content);
      if (!layout_fits (sb->header_phone, content))
        {
          g_autofree char *plain = g_markup_printf_escaped ("<b>%s</b>", sheet->clinic_phone);

          g_clear_object (&sb->header_phone);
          sb->header_phone = meso_sheet_make_layout (self, plain, SIZE_CLINIC, content);
        }
    }
  /* The name wraps as usual either way: the sheets of one clinic keep
   * one letterhead, and a full-width name ends on a lone word. */
  sb->header_name = meso_sheet_make_layout (self, name, SIZE_CLINIC, content * 0.62);
}

double
meso_sheet_layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

/* Height of the name above a phone printed under it (none when the
 * clinic has no name yet). */
static double
name_height (SheetBlocks *sb)
{
  return *sb->sheet->clinic_name ? meso_sheet_layout_height (sb->header_name) : 0;
}

/* Height of the page header, including the rule under it. */
double
meso_sheet_header_height (SheetBlocks *sb)
{
  double name = meso_sheet_layout_height (sb->header_name);
  double phone = meso_sheet_layout_height (sb->header_phone);
  double h = sb->phone_below ? name_height (sb) + phone : MAX (name, phone);

  if (*sb->sheet->clinic_address)
    h += meso_sheet_layout_height (sb->header_address);
  return h + HEADER_GAP;
}

void
meso_sheet_show_layout_at (cairo_t     *cr,
                           PangoLayout *layout,
                           double       x,
                           double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
meso_sheet_draw_header (MesoSheetLayout *self,
                        cairo_t         *cr,
                        SheetBlocks     *sb,
                        const Page      *page)
{
  double content = self->width - 2 * MARGIN;
  double y = MARGIN;
  double line_y;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  meso_sheet_show_layout_at (cr, sb->header_name, MARGIN, y);
  if (sb->phone_below)
    {
      y += name_height (sb);
      meso_sheet_show_layout_at (cr, sb->header_phone, MARGIN, y);
      y += meso_sheet_layout_height (sb->header_phone);
    }
  else
    {
      meso_sheet_show_layout_at (cr, sb->header_phone, MARGIN + content * 0.64, y);
      y += MAX (meso_sheet_layout_height (sb->header_name),
                meso_sheet_layout_height (sb->header_phone));
    }
  if (*sb->sheet->clinic_address)
    {
      meso_sheet_show_layout_at (cr, sb->header_address, MARGIN, y);
      y += meso_sheet_layout_height (sb->header_address);
    }
  line_y = y + HEADER_GAP / 2;
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_move_to (cr, MARGIN, line_y);
  cairo_line_to (cr, self->width - MARGIN, line_y);
  cairo_stroke (cr);

  if (page->page_in_sheet > 0)
    {
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      meso_sheet_show_layout_at (cr, sb->continued, MARGIN, y + HEADER_GAP);
    }
}

/* Appends lines [@first, @first + @n) of @layout (up to its last), without
 * the space a line ends with where it wrapped. */
static void
append_lines (GString     *out,
              PangoLayout *layout,
              guint        first,
              guint        n,
              const char  *prefix)
{
  const char *text = pango_layout_get_text (layout);

  for (guint l = first; l - first < n; l++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, l);
      gsize start = out->len;

      if (line == NULL)
        break;
      g_string_append (out, l == first && prefix ? prefix : "");
      g_string_append_len (out, text + line->start_index, line->length);
      while (out->len > start && g_ascii_isspace (out->str[out->len - 1]))
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }
}

char *
meso_sheet_layout_get_page_text (MesoSheetLayout *self,
                                 guint            page_index)
{
  const Page *page;
  SheetBlocks *sb;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (page_index < self->pages->len, NULL);
  page = g_ptr_array_index (self->pages, page_index);
  sb = g_ptr_array_index (self->sheets, page->sheet);

  append_lines (out, sb->header_name, 0, G_MAXUINT, NULL);
  append_lines (out, sb->header_phone, 0, G_MAXUINT, NULL);
  if (*sb->sheet->clinic_address)
    append_lines (out, sb->header_address, 0, G_MAXUINT, NULL);
  if (page->page_in_sheet > 0)
    append_lines (out, sb->continued, 0, G_MAXUINT, NULL);
  for (guint i = 0; i < page->placements->len; i++)
    {
      const Placement *p = &g_array_index (page->placements, Placement, i);
      const Block *block = g_ptr_array_index (sb->blocks, p->block);

      append_lines (out, block->layout, p->first_line, p->n_lines,
                    block->bullet && p->first_line == 0 ? "• " : NULL);
    }
  return g_string_free (out, FALSE);
}
