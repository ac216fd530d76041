/* meso-list-group.h: medications or allergies: an editable list with an
 * explicit "None known" answer, which is not the same as "not asked". */
#pragma once

#include <adwaita.h>

#include "meso-record.h"

G_BEGIN_DECLS

#define MESO_TYPE_LIST_GROUP (meso_list_group_get_type ())
G_DECLARE_FINAL_TYPE (MesoListGroup, meso_list_group, MESO, LIST_GROUP, AdwPreferencesGroup)

/* Shows a stored list; does not emit ::changed. */
void           meso_list_group_set_list  (MesoListGroup    *self,
                                          MesoListState     state,
                                          const GPtrArray  *items,
                                          const GDate      *confirmed);
/* @items receives a new array of char*. */
void           meso_list_group_get_list  (MesoListGroup    *self,
                                          MesoListState    *state,
                                          GPtrArray       **items,
                                          GDate            *confirmed);
/* Adds @text as the user would (for tests and keyboard use). */
void           meso_list_group_add_item  (MesoListGroup    *self,
                                          const char       *text);
void           meso_list_group_set_none_known (MesoListGroup *self,
                                               gboolean       none_known);

G_END_DECLS
