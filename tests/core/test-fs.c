/* test-fs.c: network file system detection and the store's refusal. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "meso-fs.h"
#include "meso-store.h"

static void
test_local (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mesochart-fs-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "not", "yet", "clinic.db", NULL);
  char *name = (char *) "unset";

  g_assert_false (meso_fs_is_network (dir, &name));
  g_assert_null (name);
  /* A database not created yet: its nearest existing folder decides. */
  g_assert_false (meso_fs_is_network (missing, &name));
  g_assert_null (name);
  g_assert_false (meso_fs_is_network ("/proc/self", NULL));
  g_rmdir (dir);
}

/* NFS cannot be mounted in a test: the test hook stands in for statfs. */
static void
test_refused_at_open (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mesochart-fs-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "clinic.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;
  char *name = NULL;

  g_setenv ("MESOCHART_TEST_NETWORK_FS", "nfs", TRUE);
  g_assert_true (meso_fs_is_network (dir, &name));
  g_assert_cmpstr (name, ==, "nfs");
  g_free (name);

  store = meso_store_open (db, &error);
  g_unsetenv ("MESOCHART_TEST_NETWORK_FS");
  g_assert_null (store);
  g_assert_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "network file system (nfs)"));
  g_assert_nonnull (strstr (error->message, "local disk"));
  /* Refused before anything was created. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fs/local", test_local);
  g_test_add_func ("/fs/refused-at-open", test_refused_at_open);
  return g_test_run ();
}
