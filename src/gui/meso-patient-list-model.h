/* meso-patient-list-model.h: the patients list, lazily.
 *
 * Holds only the ids of the patients shown (a GArray of gint64, 800 KB for
 * 100,000 patients); an item is read from the store when the list view asks
 * for it, and the last few hundred are kept in a small LRU cache so that
 * scrolling back and forth does not query again.  Nothing is paged with
 * LIMIT/OFFSET: the view only ever asks for the rows it shows.
 */
#pragma once

#include <gio/gio.h>

#include "meso-patient-item.h"
#include "meso-store.h"

G_BEGIN_DECLS

#define MESO_TYPE_PATIENT_LIST_MODEL (meso_patient_list_model_get_type ())
G_DECLARE_FINAL_TYPE (MesoPatientListModel, meso_patient_list_model, MESO, PATIENT_LIST_MODEL, GObject)

MesoPatientListModel *meso_patient_list_model_new         (MesoStore            *store);
/* Shows @ids (gint64), for example read in a worker thread; takes it. */
void                  meso_patient_list_model_set_ids     (MesoPatientListModel *self,
                                                           GArray               *ids);
/* Forgets cached items, after patients were edited. */
void                  meso_patient_list_model_invalidate  (MesoPatientListModel *self);
/* Which rows are on screen: those are updated at once when a search
 * changes them, the others just after the next frame. */
void                  meso_patient_list_model_set_visible_rows (MesoPatientListModel *self,
                                                                guint                 first,
                                                                guint                 n_rows);
/* The position of patient @id, or GTK_INVALID_LIST_POSITION (G_MAXUINT). */
guint                 meso_patient_list_model_find        (MesoPatientListModel *self,
                                                           gint64                id);
gint64                meso_patient_list_model_get_id      (MesoPatientListModel *self,
                                                           guint                 position);

G_END_DECLS
