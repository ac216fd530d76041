/* meso-cli.h: shared plumbing of mesochart-cli's commands.
 *
 * Each command lives in its own meso-cli-NAME.c and is listed in the table
 * in mesochart-cli.c.  Commands parse their own options with GOptionContext
 * (so each has --help) and return one of the exit codes below.
 */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "meso-store.h"

G_BEGIN_DECLS

enum
{
  MESO_CLI_EXIT_OK = 0,
  MESO_CLI_EXIT_FAILURE = 1,   /* the store or the file system failed */
  MESO_CLI_EXIT_USAGE = 2,     /* bad input: option, field, file */
  MESO_CLI_EXIT_REFUSED = 3,   /* the screening refused a booking */
};

typedef struct
{
  const char *db_path;         /* --db, or NULL for MESOCHART_DB / the default */
} MesoCliGlobal;

typedef int (*MesoCliCommandFunc) (const MesoCliGlobal *global,
                                   int                  argc,
                                   char               **argv);

typedef struct
{
  const char         *name;
  const char         *summary;
  MesoCliCommandFunc  run;
} MesoCliCommand;

/* Opens the database chosen by --db / MESOCHART_DB / the default; prints
 * the error and returns NULL on failure. */
MesoStore *meso_cli_open_store     (const MesoCliGlobal *global);

/* Prints "mesochart-cli: " + message on stderr, one line. */
void       meso_cli_error          (const char *format,
                                    ...) G_GNUC_PRINTF (1, 2);

/* Sets the program name that --help shows in its usage line, in full:
 * "mesochart-cli session book".  main() sets it to the command; commands
 * with subcommands set it again to the subcommand. */
void       meso_cli_set_command_name (const char *command);

/* Parses @context over argv; on failure prints the error and returns FALSE.
 * argv[0] is the command name. */
gboolean   meso_cli_parse_options  (GOptionContext *context,
                                    int            *argc,
                                    char         ***argv);

/* Reads FILE, or standard input when @path is "-". */
gboolean   meso_cli_read_input     (const char  *path,
                                    char       **contents,
                                    gsize       *length,
                                    GError     **error);

/* Writes @contents to @path atomically (temporary file + rename), so that a
 * failure never leaves a partial file; "-" writes to standard output.
 * Errors name @path in the user's words. */
gboolean   meso_cli_write_output   (const char  *path,
                                    const char  *contents,
                                    gssize       length,
                                    GError     **error);
/* The two halves of meso_cli_write_output for a file, for a caller that
 * must do something between them (record the export): writes and syncs a
 * temporary file next to @path and returns its name; then renames it over
 * @path (removing it on failure).  A caller that gives up unlinks it. */
char      *meso_cli_write_temp     (const char  *path,
                                    const char  *contents,
                                    gssize       length,
                                    GError     **error);
gboolean   meso_cli_put_in_place   (const char  *tmp,
                                    const char  *path,
                                    GError     **error);

/* Checks, before anything is done, that @path can be an output file: it
 * is a regular file, or does not exist in an existing folder (or, with
 * @folder_ok, is a folder).  Otherwise prints an error naming @path
 * (after @option, when not NULL) and returns FALSE: exit 2. */
gboolean   meso_cli_check_output   (const char  *option,
                                    const char  *path,
                                    gboolean     folder_ok);

/* Parses a positive database id; prints an error naming @what on failure. */
gboolean   meso_cli_parse_id       (const char *text,
                                    const char *what,
                                    gint64     *id);

/* A subcommand, as in `patient add`: argv[0] is its name.  @options is the
 * MesoCliDispatch's: what the command parsed before the subcommand. */
typedef int (*MesoCliSubcommandFunc) (const MesoCliGlobal *global,
                                      int                  argc,
                                      char               **argv,
                                      gpointer             options);

typedef struct
{
  const char            *name;
  MesoCliSubcommandFunc  run;
} MesoCliSubcommand;

/* How a command with subcommands finds the one asked for. */
typedef struct
{
  const MesoCliSubcommand *subcommands;   /* NULL-terminated */
  /* Prints the usage: on standard error (exit 2) when no subcommand is
   * given, on standard output (exit 0) for --help and -h.  Subcommands
   * then parse their own options and arguments.
   *
   * NULL for a command that parsed its options, --help included, before
   * the subcommand (audit, privacy): no subcommand is then an error like
   * an unknown one, each takes exactly @n_args arguments, and @misuse is
   * required. */
  void                   (*usage)  (FILE *out);
  /* Prints the error for an unknown subcommand @name, or (@name NULL)
   * for none or the wrong number of arguments.  NULL for the common one,
   * "unknown patient command “lst” (add, list, show)". */
  void                   (*misuse) (const char *name);
  gboolean                 help_word;   /* "help" asks for the usage too */
  int                      n_args;      /* only when @usage is NULL */
  gpointer                 options;     /* passed to the subcommand */
} MesoCliDispatch;

/* Runs the subcommand argv[1] of command argv[0] as @dispatch says;
 * returns its exit code, or MESO_CLI_EXIT_USAGE / MESO_CLI_EXIT_OK. */
int        meso_cli_dispatch       (const MesoCliGlobal   *global,
                                    int                    argc,
                                    char                 **argv,
                                    const MesoCliDispatch *dispatch);

/* Commands. */
int meso_cli_screen    (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_patient   (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_session   (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_export    (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_import    (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_demo      (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_settings  (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_aftercare (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_followup  (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_followups (const MesoCliGlobal *global, int argc, char **argv);

G_END_DECLS
