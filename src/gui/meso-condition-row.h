/* meso-condition-row.h: one question of the medical history: not asked,
 * unknown, no or yes, with the date the answer was last confirmed. */
#pragma once

#include <adwaita.h>

#include "meso-record.h"

G_BEGIN_DECLS

#define MESO_TYPE_CONDITION_ROW (meso_condition_row_get_type ())
G_DECLARE_FINAL_TYPE (MesoConditionRow, meso_condition_row, MESO, CONDITION_ROW, AdwComboRow)

GtkWidget     *meso_condition_row_new           (MesoCondition              condition);
MesoCondition  meso_condition_row_get_condition (MesoConditionRow          *self);
/* Shows @answer as stored; does not emit ::changed. */
void           meso_condition_row_set_answer    (MesoConditionRow          *self,
                                                 const MesoConditionAnswer *answer);
void           meso_condition_row_get_answer    (MesoConditionRow          *self,
                                                 MesoConditionAnswer       *answer);

G_END_DECLS
