/* meso-patients-page.h: the Patients place: the searchable list and the
 * selected patient's page beside it (or over it, when narrow). */
#pragma once

#include <gtk/gtk.h>

#include "meso-context.h"
#include "meso-patient-list-model.h"

G_BEGIN_DECLS

#define MESO_TYPE_PATIENTS_PAGE (meso_patients_page_get_type ())
G_DECLARE_FINAL_TYPE (MesoPatientsPage, meso_patients_page, MESO, PATIENTS_PAGE, GtkWidget)

GtkWidget            *meso_patients_page_new             (MesoContext      *context);
MesoContext          *meso_patients_page_get_context     (MesoPatientsPage *self);
/* The list's model.  When a search finds nothing it keeps the previous
 * items (hidden behind the "no results" page): count matches with
 * meso_patients_page_get_n_matches(). */
MesoPatientListModel *meso_patients_page_get_model       (MesoPatientsPage *self);
guint                 meso_patients_page_get_n_matches   (MesoPatientsPage *self);
/* Sets the search text; the list is searched at once, as when typing. */
void                  meso_patients_page_set_search_text (MesoPatientsPage *self,
                                                          const char       *text);
void                  meso_patients_page_focus_search    (MesoPatientsPage *self);
/* Opens the dialog that adds a patient; the new patient is then shown. */
void                  meso_patients_page_new_patient     (MesoPatientsPage *self);
/* Shows patient @id (selecting it in the list when it is listed). */
void                  meso_patients_page_show_patient    (MesoPatientsPage *self,
                                                          gint64            id);
/* Saves the open patient's edits, if any; FALSE (with the field marked)
 * when they cannot be saved as they are. */
gboolean              meso_patients_page_save_pending    (MesoPatientsPage *self,
                                                          GError          **error);
/* TRUE while the first list of patients is still being read. */
gboolean              meso_patients_page_get_loading     (MesoPatientsPage *self);

G_END_DECLS
