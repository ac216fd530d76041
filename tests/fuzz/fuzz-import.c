/* fuzz-import: the JSON import (meso_import_from_data) on a real store.
 * Every input runs inside a transaction that is rolled back, so the
 * database stays empty and each input is judged alone. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>

#include "meso-export.h"
#include "meso-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static MesoStore *store;

static void
open_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (store != NULL)
    return;
  dir = g_dir_make_tmp ("mesochart-fuzz-XXXXXX", NULL);
  path = g_build_filename (dir, "clinic.db", NULL);
  store = meso_store_open (path, &error);
  if (store == NULL)
    g_error ("fuzz-import: %s", error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoImportReport) report = NULL;

  open_once ();
  if (!meso_store_begin (store, &error))
    g_error ("fuzz-import: %s", error->message);
  /* The bytes as given: the importer must cope with NULs and bad UTF-8. */
  report = meso_import_from_data (store, (const char *) data, (gssize) size, "fuzz.json",
                                  MESO_IMPORT_FLAGS_NONE, &error);
  /* Success and failure both fine; a failure must say why. */
  if (report == NULL && error == NULL)
    g_error ("fuzz-import: import failed without an error");
  meso_store_rollback (store);
  return 0;
}
