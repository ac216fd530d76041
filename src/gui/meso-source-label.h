/* meso-source-label.h: the source of a clinical rule, as users read it.
 *
 * Rules name the seed file they come from ("004_7f3870fa434bdef8.txt"),
 * which means nothing at the desk; the domain brief calls the documents by
 * their three-digit number, and so does the app. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "document 004", "documents 000, 001, 003", "clinic setting",
 * "document 004 and a clinic setting" (translated) for @source, one name or
 * several separated by "; " or ", " (MESO_SOURCE_SEPARATOR, MesoFlag).
 * When @tooltip is not NULL it receives the full file names, for a
 * tooltip, or NULL when @source names no file.  A name that is neither
 * a seed file nor the clinic setting is shown as it is. */
char *meso_source_label_format (const char  *source,
                                char       **tooltip);

G_END_DECLS
