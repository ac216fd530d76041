/* replay-main.c: runs a fuzz target's entry point once per file given
 * (or per file in each folder given), without libFuzzer: the seed corpus
 * and every crash found become regression tests of the ordinary build. */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Sanitizer defaults of the replay programs only (the environment still
 * overrides them).  json-glib 1.6.6 leaks a root node when a document has
 * two top-level values ("0{...}", "{...} {}"): reproduced with json-glib
 * alone, reported to the lead; the fuzzers found it, their reproducers
 * are in the corpora, and this names it so that our own leaks still
 * fail.  Full stacks (no fast unwinding through json-glib, built without
 * frame pointers) so that the suppression can see the frame. */
const char *__asan_default_options (void);
const char *__lsan_default_suppressions (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:json_parser_load_from_data\n";
}

static guint
run_path (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          n += run_path (child);
        }
      return n;
    }
  if (!g_file_get_contents (path, &data, &len, NULL))
    g_error ("cannot read %s", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;
  /* A target may silence stdout; the result line must still get out. */
  FILE *out = fdopen (dup (STDOUT_FILENO), "w");

  for (int i = 1; i < argc; i++)
    n += run_path (argv[i]);
  if (n == 0)
    g_error ("no inputs");
  fprintf (out, "1..1\nok 1 - %u inputs replayed\n", n);
  fclose (out);
  return 0;
}
