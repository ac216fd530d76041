/* meso-application.h: the Mesochart application. */
#pragma once

#include <adwaita.h>

#include "meso-context.h"

G_BEGIN_DECLS

#define MESO_TYPE_APPLICATION (meso_application_get_type ())
G_DECLARE_FINAL_TYPE (MesoApplication, meso_application, MESO, APPLICATION, AdwApplication)

MesoApplication *meso_application_new         (void);
/* NULL until the database is open (after the first activation). */
MesoContext     *meso_application_get_context (MesoApplication *self);

/* Binds the interface's text domain to $MESOCHART_LOCALEDIR when set (runs
 * from the build tree: BUILDDIR/po, as for printed sheets), else to the
 * installed LOCALEDIR; returns the folder used. */
const char      *meso_application_bind_text_domain (void);

G_END_DECLS
