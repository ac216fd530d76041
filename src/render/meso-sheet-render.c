/* meso-sheet-render.c: Pango + cairo layout of aftercare sheets. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "meso-i18n.h"
#include "meso-sheet-render-private.h"

G_DEFINE_QUARK (meso-sheet-render-error-quark, meso_sheet_render_error)

void
meso_paper_get_size (MesoPaperSize paper,
                     double       *width_pt,
                     double       *height_pt)
{
  if (paper == MESO_PAPER_LETTER)
    *width_pt = 612, *height_pt = 792;
  else
    *width_pt = 595, *height_pt = 842;
}

static void
block_free (Block *block)
{
  g_clear_object (&block->layout);
  g_free (block->line_top);
  g_free (block->line_bottom);
  g_free (block->line_baseline);
  g_free (block->line_x);
  g_free (block);
}

static void
sheet_blocks_free (SheetBlocks *sb)
{
  g_ptr_array_unref (sb->blocks);
  g_clear_object (&sb->header_name);
  g_clear_object (&sb->header_phone);
  g_clear_object (&sb->header_address);
  g_clear_object (&sb->continued);
  meso_aftercare_sheet_unref ((MesoAftercareSheet *) sb->sheet);
  g_free (sb);
}

static void
page_free (Page *page)
{
  g_array_unref (page->placements);
  g_array_unref (page->boxes);
  g_free (page);
}

PangoLayout *
meso_sheet_make_layout (MesoSheetLayout *self,
                        const char      *markup,
                        int              size_pt,
                        double           width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autofree char *full = NULL;
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, size_pt * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* WORD_CHAR: a long unbroken batch number or URL still wraps. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* No inserted hyphens: in a batch number or a product name a hyphen
   * that is not there would change what the patient reads. */
  full = g_strconcat ("<span insert_hyphens=\"false\">", markup, "</span>", NULL);
  pango_layout_set_markup (layout, full, -1);
  return layout;
}

static Block *
add_block (MesoSheetLayout *self,
           SheetBlocks     *sb,
           const char      *markup,
           int              size_pt,
           double           indent,
           double           space_before)
{
  double content = self->width - 2 * MARGIN;
  Block *block = g_new0 (Block, 1);
  PangoLayoutIter *iter;
  guint i = 0;

  block->indent = indent;
  block->space_before = space_before;
  block->layout = meso_sheet_make_layout (self, markup, size_pt,
                                          content - indent - sb->right_pad);
  block->n_lines = pango_layout_get_line_count (block->layout);
  block->line_top = g_new (double, block->n_lines);
  block->line_bottom = g_new (double, block->n_lines);
  block->line_baseline = g_new (double, block->n_lines);
  block->line_x = g_new (double, block->n_lines);

  iter = pango_layout_get_iter (block->layout);
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      block->line_top[i] = (double) logical.y / PANGO_SCALE;
      block->line_bottom[i] = (double) (logical.y + logical.height) / PANGO_SCALE;
      block->line_x[i] = (double) logical.x / PANGO_SCALE;
      block->line_baseline[i] = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      i++;
    }
  while (i < block->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  block->n_lines = i;

  g_ptr_array_add (sb->blocks, block);
  return block;
}

/* The colon comes with the translation: French writes "Zone traitée :". */
static char *
label_value (const MesoAftercareSheet *sheet,
             const char               *label,
             const char               *value)
{
  g_autofree char *with_colon = meso_aftercare_sheet_label (sheet, label);

  return g_markup_printf_escaped ("<b>%s</b> %s", with_colon, value);
}

static Block *
add_text (MesoSheetLayout *self,
          SheetBlocks     *sb,
          const char      *text,
          const char      *format_open,
          const char      *format_close,
          int              size_pt,
          double           indent,
          double           space_before)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *markup = g_strconcat (format_open, escaped, format_close, NULL);

  return add_block (self, sb, markup, size_pt, indent, space_before);
}

/* Turns one sheet into a flow of blocks, in reading order. */
static SheetBlocks *
build_blocks (MesoSheetLayout          *self,
              const MesoAftercareSheet *sheet)
{
  SheetBlocks *sb = g_new0 (SheetBlocks, 1);
  double content = self->width - 2 * MARGIN;
  const char *lang = sheet->language;
  g_autofree char *m = NULL;
  g_autofree char *solution = NULL;
  g_autofree char *continued = NULL;
  Block *b;

  sb->sheet = meso_aftercare_sheet_ref ((MesoAftercareSheet *) sheet);
  sb->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);

  /* Page header: the clinic's name and phone, on every page. */
  meso_sheet_build_header (self, sb, sheet);
  m = g_markup_escape_text (sheet->clinic_address, -1);
  sb->header_address = meso_sheet_make_layout (self, m, SIZE_HEADER, content * 0.62);
  g_clear_pointer (&m, g_free);
  /* Translators: keep {name} as it is: the patient's name. */
  continued = meso_i18n_expand (meso_i18n_translate (lang, N_("Aftercare for {name} (continued)")),
                                "name", sheet->patient_name, NULL);
  m = g_markup_printf_escaped ("<i>%s</i>", continued);
  sb->continued = meso_sheet_make_layout (self, m, SIZE_HEADER, content);
  g_clear_pointer (&m, g_free);

  /* Title and the session's details. */
  add_text (self, sb, sheet->title, "<b>", "</b>", SIZE_TITLE, 0, 0);
  m = label_value (sheet, sheet->label_patient, sheet->patient_name);
  add_block (self, sb, m, SIZE_BODY, 0, 10);
  g_clear_pointer (&m, g_free);
  m = label_value (sheet, sheet->label_date, sheet->date_text);
  add_block (self, sb, m, SIZE_BODY, 0, 2);
  g_clear_pointer (&m, g_free);
  m = label_value (sheet, sheet->label_area, sheet->area_text);
  add_block (self, sb, m, SIZE_BODY, 0, 2);
  g_clear_pointer (&m, g_free);
  m = label_value (sheet, sheet->label_indication, sheet->indication_text);
  add_block (self, sb, m, SIZE_BODY, 0, 2);
  g_clear_pointer (&m, g_free);
  solution = sheet->solution_name
    ? g_strdup_printf ("%s (%s)", sheet->solution_name, sheet->consistency_text)
    : g_strdup (sheet->consistency_text);
  m = label_value (sheet, sheet->label_solution, solution);
  add_block (self, sb, m, SIZE_BODY, 0, 2);
  g_clear_pointer (&m, g_free);
  if (sheet->ingredients_text)
    {
      m = label_value (sheet, sheet->label_ingredients, sheet->ingredients_text);
      add_block (self, sb, m, SIZE_BODY, 0, 2);
      g_clear_pointer (&m, g_free);
    }
  if (sheet->batch)
    {
      m = label_value (sheet, sheet->label_batch, sheet->batch);
      add_block (self, sb, m, SIZE_BODY, 0, 2);
      g_clear_pointer (&m, g_free);
    }
  /* So far: the title and details, paginated as one group. */
  for (guint k = 0; k < sb->blocks->len; k++)
    ((Block *) g_ptr_array_index (sb->blocks, k))->details = TRUE;

  for (guint i = 0; i < sheet->sections->len; i++)
    {
      const MesoAftercareSection *section = g_ptr_array_index (sheet->sections, i);
      gboolean boxed = section->kind == MESO_AFTERCARE_SECTION_WARNING;
      double indent = boxed ? BOX_PAD : 0;

      g_autofree char *heading = NULL;

      /* Warning-box headings are dark red, inside the box's padding. */
      sb->right_pad = boxed ? BOX_PAD : 0;
      heading = g_markup_printf_escaped (boxed ? "<span foreground=\"#8b0000\"><b>%s</b></span>"
                                               : "<b>%s</b>",
                                         section->heading);
      b = add_block (self, sb, heading, SIZE_HEADING, indent, boxed ? 0 : 16);
      b->boxed = boxed;
      b->keep_with_next = TRUE;
      b->heading = TRUE;
      if (section->intro)
        {
          b = add_text (self, sb, section->intro, "", "", SIZE_BODY, indent, 4);
          b->boxed = boxed;
          b->keep_with_next = TRUE;
        }
      for (guint j = 0; j < section->items->len; j++)
        {
          const MesoAftercareItem *item = g_ptr_array_index (section->items, j);

          b = add_text (self, sb, item->text, item->urgent ? "<b>" : "", item->urgent ? "</b>" : "",
                        SIZE_BODY, indent + BULLET_INDENT, 4);
          b->bullet = TRUE;
          b->boxed = boxed;
        }
    }

  sb->right_pad = 0;

  /* Appointments and contact. */
  b = add_text (self, sb, sheet->label_appointments, "<b>", "</b>", SIZE_HEADING, 0, 16);
  b->keep_with_next = TRUE;
  b->heading = TRUE;
  b = add_text (self, sb, sheet->review_text, "", "", SIZE_BODY, BULLET_INDENT, 4);
  b->bullet = TRUE;
  b = add_text (self, sb, sheet->next_session_text, "", "", SIZE_BODY, BULLET_INDENT, 4);
  b->bullet = TRUE;
  add_text (self, sb, sheet->contact_text, "<b>", "</b>", SIZE_BODY, 0, 14);
  return sb;
}

static double
footer_height (MesoSheetLayout *self)
{
  return SIZE_FOOTER * 1.4 + FOOTER_GAP;
}

static Page *
new_page (MesoSheetLayout *self,
          guint            sheet,
          guint            page_in_sheet)
{
  Page *page = g_new0 (Page, 1);

  page->sheet = sheet;
  page->page_in_sheet = page_in_sheet;
  page->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  page->boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  g_ptr_array_add (self->pages, page);
  return page;
}

static double
content_top (SheetBlocks *sb,
             guint        page_in_sheet)
{
  double top = MARGIN + meso_sheet_header_height (sb);

  if (page_in_sheet > 0)
    top += meso_sheet_layout_height (sb->continued) + 8;
  return top;
}

static double
block_lines_height (const Block *block,
                    guint        first,
                    guint        n)
{
  return block->line_bottom[first + n - 1] - block->line_top[first];
}

/* Pagination state of one sheet. */
typedef struct
{
  MesoSheetLayout *self;
  SheetBlocks     *sb;
  guint            sheet_index;
  guint            page_in_sheet;
  Page            *page;
  double           top;       /* first y for content on this page */
  double           bottom;    /* last y for content on any page */
  double           y;
  gboolean         in_box;
  Box              box;
} Flow;

static gboolean
flow_at_top (const Flow *f)
{
  return f->y <= f->top + (f->in_box ? BOX_PAD : 0) + 0.5;
}

static double
flow_limit (const Flow *f)
{
  return f->bottom - (f->in_box ? BOX_PAD : 0);
}

/* Ends the page (closing the box segment on it) and starts the next one
 * (reopening the box when it continues). */
static void
flow_break (Flow *f)
{
  if (f->in_box)
    {
      f->box.y1 = MIN (f->y + BOX_PAD, f->bottom);
      /* A box opened with nothing in it yet is dropped, not drawn empty. */
      if (f->box.y1 - f->box.y0 > 2 * BOX_PAD + 1)
        g_array_append_val (f->page->boxes, f->box);
    }
  f->page = new_page (f->self, f->sheet_index, ++f->page_in_sheet);
  f->y = f->top = content_top (f->sb, f->page_in_sheet);
  if (f->in_box)
    {
      f->box.y0 = f->y;
      f->y += BOX_PAD;
    }
}

/* Height of the warning box that starts at block @first, padding included. */
static double
box_height (SheetBlocks *sb,
            guint        first)
{
  double h = 2 * BOX_PAD;

  for (guint k = first; k < sb->blocks->len; k++)
    {
      const Block *b = g_ptr_array_index (sb->blocks, k);

      if (!b->boxed)
        break;
      h += (k > first ? b->space_before : 0) + block_lines_height (b, 0, b->n_lines);
    }
  return h;
}

/* Height that a heading (or a section's intro) at @bi needs on its page:
 * itself, an intro, and the first @items items of its section, a short
 * one (kept whole) whole and a longer one's first two lines. */
static double
keep_height (SheetBlocks *sb,
             guint        bi,
             guint        items)
{
  const Block *block = g_ptr_array_index (sb->blocks, bi);
  double need = block_lines_height (block, 0, block->n_lines);
  guint n = 0;

  for (guint k = bi + 1; k < sb->blocks->len && n < items; k++)
    {
      const Block *next = g_ptr_array_index (sb->blocks, k);
      guint lines = next->n_lines <= 4 ? next->n_lines : 2;

      if (next->heading)
        break;
      need += next->space_before + block_lines_height (next, 0, lines);
      if (next->keep_with_next)
        continue;
      n++;
      /* A long item is split: the next one is on the next page anyway. */
      if (lines < next->n_lines)
        break;
    }
  return need;
}

/* How many lines of the title and details follow block @bi, and their
 * height with the spacing above each. */
static guint
details_after (SheetBlocks *sb,
               guint        bi,
               double      *height)
{
  guint n = 0;

  *height = 0;
  for (guint k = bi + 1; k < sb->blocks->len; k++)
    {
      const Block *next = g_ptr_array_index (sb->blocks, k);

      if (!next->details)
        break;
      n += next->n_lines;
      *height += next->space_before + block_lines_height (next, 0, next->n_lines);
    }
  return n;
}

/* Flows one sheet's blocks onto as many pages as it needs.  Short
 * paragraphs (a bullet of a few lines), headings with what follows them,
 * and the warning box are kept whole when a fresh page can hold them;
 * anything longer is split line by line. */
static void
paginate_sheet (MesoSheetLayout *self,
                guint            sheet_index)
{
  SheetBlocks *sb = g_ptr_array_index (self->sheets, sheet_index);
  Flow f = { 0 };

  f.self = self;
  f.sb = sb;
  f.sheet_index = sheet_index;
  f.page = new_page (self, sheet_index, 0);
  f.y = f.top = content_top (sb, 0);
  f.bottom = self->height - MARGIN - footer_height (self);

  for (guint bi = 0; bi < sb->blocks->len; bi++)
    {
      const Block *block = g_ptr_array_index (sb->blocks, bi);
      double whole = block_lines_height (block, 0, block->n_lines);
      guint line = 0;
      double rest = 0;
      /* Only the details' last line, after this block, is left. */
      gboolean before_last = block->details && details_after (sb, bi, &rest) == 1;

      /* Leaving the warning box: close it with its padding. */
      if (f.in_box && !block->boxed)
        {
          f.box.y1 = f.y + BOX_PAD;
          g_array_append_val (f.page->boxes, f.box);
          f.y += BOX_PAD;
          f.in_box = FALSE;
        }
      if (!flow_at_top (&f))
        f.y += block->space_before;

      if (block->boxed && !f.in_box)
        {
          double h = box_height (sb, bi);
          double fresh = f.bottom - content_top (sb, f.page_in_sheet + 1);

          if (!flow_at_top (&f))
            f.y += 12;
          if (f.y + h > f.bottom && h <= fresh)
            flow_break (&f);
          f.box.y0 = f.y;
          f.y += BOX_PAD;
          f.in_box = TRUE;
        }

      /* A heading (and an intro) stays with its first two items, or
       * with the first alone when two would not fit even a fresh page. */
      if (block->keep_with_next && !flow_at_top (&f))
        {
          double fresh = f.bottom - content_top (sb, f.page_in_sheet + 1) -
                         (f.in_box ? 2 * BOX_PAD : 0);
          double need = keep_height (sb, bi, 2);

          if (need > fresh)
            need = keep_height (sb, bi, 1);
          if (f.y + need > flow_limit (&f))
            flow_break (&f);
        }
      /* A paragraph of up to four lines is not split. */
      else if (block->n_lines <= 4 && !flow_at_top (&f) && f.y + whole > flow_limit (&f))
        flow_break (&f);
      /* The details start the sheet, so they share its first page when
       * they fit; a very long ingredients list splits them, but their
       * last line is never left alone on the next page: the block before
       * it goes along, a short one whole (here), a long one's last two
       * lines (below). */
      if (before_last && block->n_lines <= 4 && !flow_at_top (&f) &&
          f.y + whole <= flow_limit (&f) && f.y + whole + rest > flow_limit (&f))
        flow_break (&f);

      while (line < block->n_lines)
        {
          guint n = 0;

          while (line + n < block->n_lines &&
                 f.y + block_lines_height (block, line, n + 1) <= flow_limit (&f))
            n++;
          /* No orphan: a long paragraph leaves at least two lines on
           * either side of a break. */
          if (line + n < block->n_lines && n > 0)
            {
              guint left = block->n_lines - (line + n);

              if (left < 2 && n > 2)
                n -= 2 - left;
              if (line == 0 && n < 2)
                n = 0;
            }
          if (before_last && line + n == block->n_lines && n >= 4 &&
              f.y + block_lines_height (block, line, n) + rest > flow_limit (&f))
            n -= 2;
          /* A line taller than an empty page still goes somewhere. */
          if (n == 0 && flow_at_top (&f))
            n = 1;
          if (n > 0)
            {
              Placement p = { bi, line, n, f.y };

              g_array_append_val (f.page->placements, p);
              f.y += block_lines_height (block, line, n);
              line += n;
            }
          if (line < block->n_lines)
            flow_break (&f);
        }
    }
  if (f.in_box)
    {
      f.box.y1 = f.y + BOX_PAD;
      g_array_append_val (f.page->boxes, f.box);
    }
  sb->n_pages = f.page_in_sheet + 1;
}

MesoSheetLayout *
meso_sheet_layout_new (const MesoAftercareSheet *const *sheets,
                       guint                            n_sheets,
                       double                           page_width_pt,
                       double                           page_height_pt,
                       PangoContext                    *context)
{
  MesoSheetLayout *self;

  g_return_val_if_fail (sheets != NULL || n_sheets == 0, NULL);
  g_return_val_if_fail (page_width_pt > 4 * MARGIN && page_height_pt > 6 * MARGIN, NULL);

  self = g_new0 (MesoSheetLayout, 1);
  self->width = page_width_pt;
  self->height = page_height_pt;
  if (context != NULL)
    self->context = g_object_ref (context);
  else
    {
      g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
      cairo_font_options_t *options = cairo_font_options_create ();

      /* Points as units and no hinting: the same line breaks whatever
       * the output device, so a PDF matches its preview. */
      self->context = pango_font_map_create_context (font_map);
      pango_cairo_context_set_resolution (self->context, 72.0);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (self->context, options);
      cairo_font_options_destroy (options);
    }

  self->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_blocks_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  for (guint i = 0; i < n_sheets; i++)
    {
      g_ptr_array_add (self->sheets, build_blocks (self, sheets[i]));
      paginate_sheet (self, i);
    }
  return self;
}

void
meso_sheet_layout_free (MesoSheetLayout *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->pages);
  g_ptr_array_unref (self->sheets);
  g_clear_object (&self->context);
  g_free (self);
}

guint
meso_sheet_layout_get_n_pages (MesoSheetLayout *self)
{
  return self->pages->len;
}

guint
meso_sheet_layout_get_page_sheet (MesoSheetLayout *self,
                                  guint            page)
{
  g_return_val_if_fail (page < self->pages->len, 0);
  return ((Page *) g_ptr_array_index (self->pages, page))->sheet;
}

static void
draw_footer (MesoSheetLayout *self,
             cairo_t         *cr,
             SheetBlocks     *sb,
             const Page      *page)
{
  g_autofree char *n = g_strdup_printf ("%u", page->page_in_sheet + 1);
  g_autofree char *total = g_strdup_printf ("%u", sb->n_pages);
  g_autofree char *page_text = meso_i18n_expand (
      /* Translators: keep {n} and {total} as they are: page numbers. */
      meso_i18n_translate (sb->sheet->language, N_("Page {n} of {total}")),
      "n", n, "total", total, NULL);
  g_autofree char *text = g_strdup_printf ("%s · %s", sb->sheet->patient_name, page_text);
  g_autofree char *m = g_markup_escape_text (text, -1);
  g_autoptr(PangoLayout) layout = meso_sheet_make_layout (self, m, SIZE_FOOTER,
                                                          self->width - 2 * MARGIN);

  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  meso_sheet_show_layout_at (cr, layout, MARGIN, self->height - MARGIN - SIZE_FOOTER * 1.4);
}

void
meso_sheet_layout_draw_page (MesoSheetLayout *self,
                             cairo_t         *cr,
                             guint            page_index)
{
  const Page *page;
  SheetBlocks *sb;
  g_autoptr(PangoLayout) bullet = NULL;

  g_return_if_fail (page_index < self->pages->len);
  page = g_ptr_array_index (self->pages, page_index);
  sb = g_ptr_array_index (self->sheets, page->sheet);

  cairo_save (cr);
  meso_sheet_draw_header (self, cr, sb, page);

  /* The warning box goes under its text. */
  for (guint i = 0; i < page->boxes->len; i++)
    {
      const Box *box = &g_array_index (page->boxes, Box, i);

      cairo_rectangle (cr, MARGIN, box->y0, self->width - 2 * MARGIN, box->y1 - box->y0);
      cairo_set_source_rgb (cr, 1.0, 0.95, 0.93);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.55, 0.0, 0.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }

  bullet = meso_sheet_make_layout (self, "•", SIZE_BODY, BULLET_INDENT);
  for (guint i = 0; i < page->placements->len; i++)
    {
      const Placement *p = &g_array_index (page->placements, Placement, i);
      const Block *block = g_ptr_array_index (sb->blocks, p->block);
      double x = MARGIN + block->indent;
      double top = block->line_top[p->first_line];

      cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
      for (guint l = p->first_line; l < p->first_line + p->n_lines; l++)
        {
          PangoLayoutLine *line = pango_layout_get_line_readonly (block->layout, l);

          cairo_move_to (cr, x + block->line_x[l], p->y + block->line_baseline[l] - top);
          pango_cairo_show_layout_line (cr, line);
        }
      if (block->bullet && p->first_line == 0)
        {
          PangoLayoutLine *bl = pango_layout_get_line_readonly (bullet, 0);

          cairo_move_to (cr, x - BULLET_INDENT + 4, p->y + block->line_baseline[0] - top);
          pango_cairo_show_layout_line (cr, bl);
        }
    }

  draw_footer (self, cr, sb, page);
  cairo_restore (cr);
}
