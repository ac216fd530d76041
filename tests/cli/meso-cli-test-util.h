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

int   meso_cli_test_run              (MesoCliRun         *run,
                                      const char         *data_home,
                                      const char         *db,
                                      const char         *input,
                                      const char * const *args);

/* The same with more environment: @env holds names and values in turn
 * ("LC_ALL", "C", …, NULL). */
int   meso_cli_test_run_env          (MesoCliRun         *run,
                                      const char         *data_home,
                                      const char         *db,
                                      const char         *input,
                                      const char * const *env,
                                      const char * const *args);

/* meso_cli_test_run with the arguments written out:
 * MESO_CLI_TEST_RUN (&run, dir, db, NULL, "audit", "log") */
#define MESO_CLI_TEST_RUN(run, data_home, db, input, ...) \
  meso_cli_test_run ((run), (data_home), (db), (input), \
                     (const char * const []) { __VA_ARGS__, NULL })

G_END_DECLS
