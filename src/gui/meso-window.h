/* meso-window.h: the main window: the places (Patients, Today,
 * Follow-ups) in a sidebar beside their content. */
#pragma once

#include <adwaita.h>

#include "meso-context.h"
#include "meso-patients-page.h"

G_BEGIN_DECLS

#define MESO_TYPE_WINDOW (meso_window_get_type ())
G_DECLARE_FINAL_TYPE (MesoWindow, meso_window, MESO, WINDOW, AdwApplicationWindow)

MesoWindow       *meso_window_new               (AdwApplication *application,
                                                 MesoContext    *context);
MesoContext      *meso_window_get_context       (MesoWindow     *self);
/* "patients", "today" or "followups". */
void              meso_window_show_place        (MesoWindow     *self,
                                                 const char     *place);
const char       *meso_window_get_place         (MesoWindow     *self);
MesoPatientsPage *meso_window_get_patients_page (MesoWindow     *self);

G_END_DECLS
