/* meso-cli-test-util.h: runs $MESOCHART_CLI for the CLI tests. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One run of mesochart-cli: exit status and what it wrote. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} MesoCliRun;

void  meso_cli_run_clear             (MesoCliRun         *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MesoCliRun, meso_cli_run_clear)

char *meso_cli_test_bytes_to_string  (GBytes             *bytes);

void  meso_cli_test_run              (MesoCliRun         *run,
                                      const char         *data_home,
                                      const char         *db,
                                      const char         *input,
                                      const char * const *args);

G_END_DECLS
