/* meso-today-row.h: one of today's sessions in the Today place. */
#pragma once

#include <adwaita.h>

#include "meso-record.h"

G_BEGIN_DECLS

#define MESO_TYPE_TODAY_ROW (meso_today_row_get_type ())
G_DECLARE_FINAL_TYPE (MesoTodayRow, meso_today_row, MESO, TODAY_ROW, AdwActionRow)

GtkWidget         *meso_today_row_new          (const MesoSession *session,
                                                const char        *patient_name);
const MesoSession *meso_today_row_get_session  (MesoTodayRow      *self);

G_END_DECLS
