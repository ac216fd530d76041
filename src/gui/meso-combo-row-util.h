/* meso-combo-row-util.h: combo rows that show their value whole.
 *
 * Shared by the booking form and the preferences window. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Makes @row, whose model is a GtkStringList, show its value whole rather
 * than cut at 20 characters. */
void meso_combo_row_show_whole_value (AdwComboRow *row);

G_END_DECLS
