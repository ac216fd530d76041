/* meso-test-util.c: helpers shared by the core, CLI and GUI tests. */
#include "meso-test-util.h"

#include <glib/gstdio.h>

#include "meso-record.h"

void
meso_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          meso_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
meso_test_set_date (GDate      *date,
                    const char *text)
{
  g_assert_true (meso_date_parse (text, date));
}

void
meso_test_assert_date (const GDate *date,
                       const char  *expected)
{
  g_autofree char *text = meso_date_format (date);

  g_assert_cmpstr (text, ==, expected);
}
