/* meso-gui-test-util.c: fixture and main-loop helpers for the GUI tests. */
#include "config.h"

#include "meso-gui-test-util.h"

#include <glib/gstdio.h>

/* Makes a temporary folder from @tmpl and opens a context on clinic.db
 * inside it; @dir and @db_path (both owned by the caller) say where. */
MesoContext *
meso_gui_test_open_context (const char  *tmpl,
                            char       **dir,
                            char       **db_path)
{
  g_autoptr(GError) error = NULL;
  MesoContext *context;

  *dir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  *db_path = g_build_filename (*dir, "clinic.db", NULL);
  context = meso_context_new (*db_path, &error);
  g_assert_no_error (error);
  return context;
}

/* Destroys every toplevel window and lets the main loop settle. */
void
meso_gui_test_close_all_windows (void)
{
  GList *windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
