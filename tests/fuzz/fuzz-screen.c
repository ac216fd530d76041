/* fuzz-screen: `mesochart-cli screen FILE`, the whole command (parser,
 * syntax error messages, screening, output), fed each input as a file.
 * Output and error messages are discarded (a scratch file, not /dev/null,
 * which some CI sandboxes have as a plain file every later reader sees). */
#include "config.h"

#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "meso-cli.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *input_path;

static void
set_up_once (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out_path = NULL;
  int out_fd;

  if (input_path != NULL)
    return;
  dir = g_dir_make_tmp ("mesochart-fuzz-XXXXXX", NULL);
  input_path = g_build_filename (dir, "profile.json", NULL);
  /* Keep libFuzzer's own report (it writes to stderr through its own
   * handle) but silence the command. */
  out_path = g_build_filename (dir, "stdout", NULL);
  out_fd = open (out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (out_fd < 0)
    g_error ("fuzz-screen: cannot create %s", out_path);
  if (g_getenv ("MESOCHART_FUZZ_VERBOSE") == NULL)
    dup2 (out_fd, STDOUT_FILENO);
  close (out_fd);
}

static void
discard (const char *text)
{
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  MesoCliGlobal global = { NULL };
  char *args[] = { (char *) "screen", input_path, NULL };
  /* GOption rearranges the array it is given: give it a copy each time. */
  char **argv = args;
  int rc;

  set_up_once ();
  args[1] = input_path;
  if (g_getenv ("MESOCHART_FUZZ_VERBOSE") == NULL)
    {
      g_set_printerr_handler (discard);
      g_set_print_handler (discard);
    }
  /* Plain stdio: g_file_set_contents () would fsync every input. */
  {
    FILE *file = fopen (input_path, "wb");

    if (file == NULL || fwrite (data, 1, size, file) != size || fclose (file) != 0)
      g_error ("fuzz-screen: cannot write %s", input_path);
  }
  /* Start each input's output afresh so a long run does not fill the disk. */
  if (g_getenv ("MESOCHART_FUZZ_VERBOSE") == NULL)
    {
      fflush (stdout);
      if (ftruncate (STDOUT_FILENO, 0) != 0 || lseek (STDOUT_FILENO, 0, SEEK_SET) < 0)
        g_error ("fuzz-screen: cannot reset the output file");
    }
  rc = meso_cli_screen (&global, 2, argv);
  /* The documented exit codes only. */
  if (rc != MESO_CLI_EXIT_OK && rc != MESO_CLI_EXIT_USAGE)
    g_error ("fuzz-screen: exit code %d", rc);
  return 0;
}
