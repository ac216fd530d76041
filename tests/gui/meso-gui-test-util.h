/* meso-gui-test-util.h: fixture and main-loop helpers for the GUI tests. */
#pragma once

#include <gtk/gtk.h>

#include "meso-context.h"
#include "../meso-test-util.h"

G_BEGIN_DECLS

/* Iterates the main loop until @cond holds, failing after ten seconds. */
#define WAIT_UNTIL(cond)                                                      \
  G_STMT_START {                                                              \
    gint64 end_ = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;              \
    while (!(cond))                                                           \
      {                                                                       \
        if (g_get_monotonic_time () > end_)                                   \
          g_error ("Timed out waiting for %s", #cond);                        \
        if (!g_main_context_iteration (NULL, FALSE))                          \
          g_usleep (1000);                                                    \
      }                                                                       \
  } G_STMT_END

MesoContext *meso_gui_test_open_context     (const char  *tmpl,
                                             char       **dir,
                                             char       **db_path);
void         meso_gui_test_close_all_windows (void);

G_END_DECLS
