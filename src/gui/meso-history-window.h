/* meso-history-window.h: a patient's history of changes, from the audit
 * trail, newest first. */
#pragma once

#include <adwaita.h>

#include "meso-context.h"

G_BEGIN_DECLS

#define MESO_TYPE_HISTORY_WINDOW (meso_history_window_get_type ())
G_DECLARE_FINAL_TYPE (MesoHistoryWindow, meso_history_window, MESO, HISTORY_WINDOW, AdwWindow)

GtkWindow  *meso_history_window_new            (MesoContext       *context,
                                                gint64             patient_id);
/* The entries shown (MesoAuditItem), newest first. */
GListModel *meso_history_window_get_model      (MesoHistoryWindow *self);
/* TRUE while the entries are being read. */
gboolean    meso_history_window_get_loading    (MesoHistoryWindow *self);

G_END_DECLS
