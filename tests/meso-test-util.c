/* meso-test-util.c: helpers shared by the GUI and CLI tests. */
#include "meso-test-util.h"

#include <glib/gstdio.h>

/* Removes @path and everything below it. */
void
meso_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          meso_test_remove_tree (child);
        else
          g_remove (child);
      }
  g_remove (path);
}
