/* meso-json-private.h: helpers shared by meso-json-write.c and meso-json-read.c. */
#pragma once

#include "meso-json.h"

G_BEGIN_DECLS

/* The paper size code number @i, or NULL past the last one (a MesoJsonCodeAt). */
G_GNUC_INTERNAL
const char *meso_json_paper_code_at (guint i);

G_END_DECLS
