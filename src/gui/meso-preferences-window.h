/* meso-preferences-window.h: the clinic's settings.
 *
 * MesoPreferencesWindow (an AdwPreferencesWindow) edits the clinic
 * settings kept in the database (meso_context_save_settings()), never in
 * GSettings: they are part of the clinical record.
 */
#pragma once

#include <adwaita.h>

#include "meso-context.h"

G_BEGIN_DECLS

#define MESO_TYPE_PREFERENCES_WINDOW (meso_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (MesoPreferencesWindow, meso_preferences_window, MESO, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow *meso_preferences_window_new (MesoContext *context);

G_END_DECLS
