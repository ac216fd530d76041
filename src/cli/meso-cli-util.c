/* meso-cli-util.c: helpers shared by mesochart-cli's commands. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "meso-cli.h"

void
meso_cli_error (const char *format,
                ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("mesochart-cli: %s\n", msg);
}

MesoStore *
meso_cli_open_store (const MesoCliGlobal *global)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  MesoStore *store;

  path = global->db_path ? g_strdup (global->db_path) : meso_store_default_path ();
  store = meso_store_open (path, &error);
  if (store == NULL)
    meso_cli_error ("%s", error->message);
  return store;
}

void
meso_cli_set_command_name (const char *command)
{
  g_autofree char *name = g_strconcat ("mesochart-cli ", command, NULL);

  /* GLib >= 2.72 allows setting it more than once. */
  g_set_prgname (name);
}

gboolean
meso_cli_parse_options (GOptionContext *context,
                        int            *argc,
                        char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      meso_cli_error ("%s (try --help)", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
meso_cli_read_input (const char  *path,
                     char       **contents,
                     gsize       *length,
                     GError     **error)
{
  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GString) buf = g_string_new (NULL);
      char chunk[8192];
      size_t n;

      while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
        g_string_append_len (buf, chunk, n);
      if (ferror (stdin))
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       _("cannot read standard input: %s"), g_strerror (errno));
          return FALSE;
        }
      if (length)
        *length = buf->len;
      *contents = g_string_free (g_steal_pointer (&buf), FALSE);
      return TRUE;
    }
  return g_file_get_contents (path, contents, length, error);
}

gboolean
meso_cli_write_output (const char  *path,
                       const char  *contents,
                       gssize       length,
                       GError     **error)
{
  if (length < 0)
    length = strlen (contents);
  if (g_strcmp0 (path, "-") == 0)
    {
      if (fwrite (contents, 1, length, stdout) != (size_t) length || fflush (stdout) != 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       _("cannot write standard output: %s"), g_strerror (errno));
          return FALSE;
        }
      return TRUE;
    }
  /* g_file_set_contents writes a temporary file, fsyncs and renames. */
  return g_file_set_contents_full (path, contents, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
meso_cli_parse_id (const char *text,
                   const char *what,
                   gint64     *id)
{
  guint64 value;

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      meso_cli_error (_("%s: “%s” is not a valid id (a positive number)"),
                      what, text ? text : "");
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

int
meso_cli_dispatch (const MesoCliGlobal   *global,
                   int                    argc,
                   char                 **argv,
                   const MesoCliDispatch *dispatch)
{
  const MesoCliSubcommand *found = NULL;
  g_autoptr(GString) names = NULL;

  g_return_val_if_fail (dispatch->usage != NULL || dispatch->misuse != NULL, MESO_CLI_EXIT_USAGE);

  if (dispatch->usage != NULL &&
      (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
       (dispatch->help_word && g_str_equal (argv[1], "help"))))
    {
      dispatch->usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? MESO_CLI_EXIT_USAGE : MESO_CLI_EXIT_OK;
    }
  for (const MesoCliSubcommand *c = dispatch->subcommands; argc >= 2 && c->name != NULL; c++)
    if (g_str_equal (c->name, argv[1]))
      {
        found = c;
        break;
      }

  /* Options parsed first leave only the subcommand's own arguments. */
  if (found != NULL && dispatch->usage == NULL && argc - 2 != dispatch->n_args)
    {
      dispatch->misuse (NULL);
      return MESO_CLI_EXIT_USAGE;
    }
  if (found != NULL)
    return found->run (global, argc - 1, argv + 1, dispatch->options);

  if (dispatch->misuse != NULL)
    {
      dispatch->misuse (argc < 2 ? NULL : argv[1]);
      return MESO_CLI_EXIT_USAGE;
    }
  names = g_string_new (NULL);
  for (const MesoCliSubcommand *c = dispatch->subcommands; c->name != NULL; c++)
    g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", c->name);
  /* Translators: "unknown patient command “lst” (add, list, show)" */
  meso_cli_error (_("unknown %s command “%s” (%s)"), argv[0], argv[1], names->str);
  return MESO_CLI_EXIT_USAGE;
}
