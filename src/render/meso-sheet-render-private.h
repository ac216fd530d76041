/* meso-sheet-render-private.h: what the sheet layout's files share. */
#pragma once

#include "meso-sheet-render.h"

G_BEGIN_DECLS

/* Sizes in points.  Body text of 12 pt and headings of 15 pt read at arm's
 * length; the margins clear every printer's unprintable edge. */
#define MARGIN           50.0
#define FONT_FAMILY      "Sans"
#define SIZE_CLINIC      15
#define SIZE_HEADER      11
#define SIZE_TITLE       20
#define SIZE_HEADING     15
#define SIZE_BODY        12
#define SIZE_FOOTER      10
#define BULLET_INDENT    18.0
#define BOX_PAD          10.0
#define HEADER_GAP       14.0
#define FOOTER_GAP       10.0

typedef struct
{
  PangoLayout *layout;
  double       indent;        /* from the left margin */
  double       space_before;
  gboolean     bullet;
  gboolean     boxed;         /* part of the warning box */
  gboolean     keep_with_next;
  gboolean     heading;       /* a section's heading */
  gboolean     details;       /* the title and the session's details */
  guint        n_lines;
  double      *line_top;      /* per line, relative to the layout */
  double      *line_bottom;
  double      *line_baseline;
  double      *line_x;
} Block;

typedef struct
{
  guint  block;
  guint  first_line;
  guint  n_lines;
  double y;                   /* page y of the first line's top */
} Placement;

typedef struct
{
  double y0, y1;
} Box;

typedef struct
{
  guint   sheet;
  guint   page_in_sheet;
  GArray *placements;         /* Placement */
  GArray *boxes;              /* Box */
} Page;

typedef struct
{
  const MesoAftercareSheet *sheet;
  GPtrArray *blocks;          /* Block* */
  guint      n_pages;         /* of this sheet */
  PangoLayout *header_name;
  PangoLayout *header_phone;
  gboolean     phone_below;   /* on its own line under the name */
  PangoLayout *header_address;
  PangoLayout *continued;
  double       right_pad;     /* while building the warning box */
} SheetBlocks;

struct _MesoSheetLayout
{
  double        width;
  double        height;
  PangoContext *context;
  GPtrArray    *sheets;       /* SheetBlocks* */
  GPtrArray    *pages;        /* Page* */
};

/* meso-sheet-render.c */
PangoLayout *meso_sheet_make_layout    (MesoSheetLayout          *self,
                                        const char               *markup,
                                        int                       size_pt,
                                        double                    width);
double       meso_sheet_layout_height  (PangoLayout              *layout);

/* meso-sheet-page.c: the clinic's name and phone on every page, and a
 * page's text. */
void         meso_sheet_build_header   (MesoSheetLayout          *self,
                                        SheetBlocks              *sb,
                                        const MesoAftercareSheet *sheet);
double       meso_sheet_header_height  (SheetBlocks              *sb);
void         meso_sheet_show_layout_at (cairo_t                  *cr,
                                        PangoLayout              *layout,
                                        double                    x,
                                        double                    y);
void         meso_sheet_draw_header    (MesoSheetLayout          *self,
                                        cairo_t                  *cr,
                                        SheetBlocks              *sb,
                                        const Page               *page);

G_END_DECLS
