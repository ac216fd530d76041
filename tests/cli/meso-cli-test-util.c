/* meso-cli-test-util.c: runs $MESOCHART_CLI for the CLI tests. */
#include "meso-cli-test-util.h"

#include <string.h>

void
meso_cli_run_clear (MesoCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

char *
meso_cli_test_bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  /* Empty output comes back as NULL data. */
  return size > 0 ? g_strndup (data, size) : g_strdup ("");
}

/* Runs mesochart-cli [--db @db] with @args (NULL-terminated), with
 * XDG_DATA_HOME set to @data_home, MESOCHART_DB unset and @input on
 * standard input (NULL: nothing).  @run may hold an earlier run, which is
 * cleared.  Returns the exit status. */
int
meso_cli_test_run (MesoCliRun         *run,
                   const char         *data_home,
                   const char         *db,
                   const char         *input,
                   const char * const *args)
{
  return meso_cli_test_run_env (run, data_home, db, input, NULL, args);
}

int
meso_cli_test_run_env (MesoCliRun         *run,
                       const char         *data_home,
                       const char         *db,
                       const char         *input,
                       const char * const *env,
                       const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  const char *cli = g_getenv ("MESOCHART_CLI");

  meso_cli_run_clear (run);
  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  if (db != NULL)
    {
      g_ptr_array_add (argv, (char *) "--db");
      g_ptr_array_add (argv, (char *) db);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "MESOCHART_DB");
  for (guint i = 0; env != NULL && env[i] != NULL && env[i + 1] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  /* Bytes, not UTF-8: some inputs are deliberately not valid text. */
  in = g_bytes_new (input ? input : "", input ? strlen (input) : 0);
  g_subprocess_communicate (proc, in, NULL, &out, &err, &error);
  g_assert_no_error (error);
  run->out = meso_cli_test_bytes_to_string (out);
  run->err = meso_cli_test_bytes_to_string (err);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
  return run->status;
}
