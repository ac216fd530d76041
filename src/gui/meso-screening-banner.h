/* meso-screening-banner.h: the screening verdict and its findings, shown at
 * the top of the patient page.  (Not AdwBanner, which is libadwaita 1.3.) */
#pragma once

#include <gtk/gtk.h>

#include "meso-screening.h"

G_BEGIN_DECLS

#define MESO_TYPE_SCREENING_BANNER (meso_screening_banner_get_type ())
G_DECLARE_FINAL_TYPE (MesoScreeningBanner, meso_screening_banner, MESO, SCREENING_BANNER, GtkWidget)

/* @screening is copied; @context_text says what was screened
 * ("For a face session today"). */
void        meso_screening_banner_set_screening (MesoScreeningBanner *self,
                                                 const MesoScreening *screening,
                                                 const char          *context_text);
MesoVerdict meso_screening_banner_get_verdict   (MesoScreeningBanner *self);
guint       meso_screening_banner_get_n_findings (MesoScreeningBanner *self);

G_END_DECLS
