/* meso-cli-util.c: helpers shared by mesochart-cli's commands. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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

/* A stand-in for an argument that is not valid UTF-8: valid text that
 * no one types, and that does not start with "-". */
#define NOT_UTF8_MARK "\x7f<not UTF-8>"

/* Prints the error for the argument argv[i], which is not valid UTF-8,
 * naming the option it is the value of (@as_value) or the argument. */
static void
not_utf8_error (char       **argv,
                int          i,
                gboolean     as_value)
{
  const char *eq = argv[i][0] == '-' && argv[i][1] == '-' ? strchr (argv[i], '=') : NULL;

  if (eq != NULL && g_utf8_validate (argv[i], eq - argv[i], NULL))
    {
      g_autofree char *option = g_strndup (argv[i], eq - argv[i]);

      meso_cli_error (_("%s: the value is not valid UTF-8 text"), option);
    }
  else if (as_value && i > 0 && argv[i - 1][0] == '-' && g_utf8_validate (argv[i - 1], -1, NULL))
    meso_cli_error (_("%s: the value is not valid UTF-8 text"), argv[i - 1]);
  else
    {
      g_autofree char *shown = g_utf8_make_valid (argv[i], -1);

      meso_cli_error (_("the argument “%s” is not valid UTF-8 text"), shown);
    }
}

/* GOption would refuse such an argument with "Invalid byte sequence in
 * conversion input", naming nothing.  Parsing a copy where each one is
 * replaced by a mark tells an option's value (consumed) from an argument
 * (left over). */
static gboolean
check_utf8 (GOptionContext *context,
            int             argc,
            char          **argv)
{
  g_autofree char **copy = NULL;
  int bad = -1, n = argc;

  for (int i = 1; i < argc && bad < 0; i++)
    if (!g_utf8_validate (argv[i], -1, NULL))
      bad = i;
  if (bad < 0)
    return TRUE;

  copy = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    copy[i] = i == bad ? (char *) NOT_UTF8_MARK : argv[i];
  {
    char **parsed = copy;
    gboolean consumed = TRUE;

    /* Options after the mark may be bad too: the first one is named. */
    if (g_option_context_parse (context, &n, &parsed, NULL))
      for (int i = 0; i < n; i++)
        if (g_strcmp0 (parsed[i], NOT_UTF8_MARK) == 0)
          consumed = FALSE;
    not_utf8_error (argv, bad, consumed);
  }
  return FALSE;
}

gboolean
meso_cli_parse_options (GOptionContext *context,
                        int            *argc,
                        char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!check_utf8 (context, *argc, *argv))
    return FALSE;
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
meso_cli_check_output (const char *option,
                       const char *path,
                       gboolean    folder_ok)
{
  g_autofree char *message = NULL;
  g_autofree char *folder = NULL;
  GStatBuf st;

  if (g_lstat (path, &st) == 0)
    {
      /* A link to a folder is a folder to write into: the link stays. */
      if (folder_ok && (S_ISDIR (st.st_mode) ||
                        (S_ISLNK (st.st_mode) && g_file_test (path, G_FILE_TEST_IS_DIR))))
        return TRUE;
      if (S_ISREG (st.st_mode))
        return TRUE;
      if (S_ISDIR (st.st_mode))
        message = g_strdup_printf (_("“%s” is a folder; give a file name"), path);
      else
        /* Replacing a link, a pipe or a device with a file is never what
         * was meant. */
        message = g_strdup_printf (_("“%s” is not a regular file; give a new file name"), path);
    }
  else
    {
      folder = g_path_get_dirname (path);
      if (!g_file_test (folder, G_FILE_TEST_EXISTS))
        message = g_strdup_printf (_("“%s” cannot be written: there is no folder “%s”"),
                                   path, folder);
      else if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        message = g_strdup_printf (_("“%s” cannot be written: “%s” is a file, not a folder"),
                                   path, folder);
      else
        return TRUE;
    }
  if (option != NULL)
    meso_cli_error ("%s: %s", option, message);
  else
    meso_cli_error ("%s", message);
  return FALSE;
}

static void
set_output_error (GError    **error,
                  const char *path,
                  int         saved_errno)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *why = NULL;

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      why = g_strdup (_("the disk is full"));
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      why = g_strdup_printf (_("the folder “%s” cannot be written"), folder);
      break;
    case ENOENT:
      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        why = g_strdup_printf (_("there is no folder “%s”"), folder);
      else
        why = g_strdup_printf (_("the folder “%s” cannot be written"), folder);
      break;
    case EISDIR:
      why = g_strdup (_("it is a folder"));
      break;
    default:
      why = g_strdup (g_strerror (saved_errno));
      break;
    }
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("“%s” could not be written: %s; a file already there was left as it was"),
               path, why);
}

char *
meso_cli_write_temp (const char  *path,
                     const char  *contents,
                     gssize       length,
                     GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp = g_build_filename (folder, name, NULL);
  const char *p = contents;
  gsize left;
  int fd;

  if (length < 0)
    length = strlen (contents);
  left = length;
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_output_error (error, path, errno);
      return NULL;
    }
  while (left > 0)
    {
      gssize n = write (fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      p += n;
      left -= n;
    }
  if (left > 0 || fsync (fd) != 0)
    {
      int saved_errno = errno != 0 ? errno : EIO;

      close (fd);
      g_unlink (tmp);
      set_output_error (error, path, saved_errno);
      return NULL;
    }
  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      set_output_error (error, path, saved_errno);
      return NULL;
    }
  return g_steal_pointer (&tmp);
}

gboolean
meso_cli_put_in_place (const char  *tmp,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      set_output_error (error, path, saved_errno);
      return FALSE;
    }
  /* The rename itself must survive a power cut. */
  fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

gboolean
meso_cli_write_output (const char  *path,
                       const char  *contents,
                       gssize       length,
                       GError     **error)
{
  g_autofree char *tmp = NULL;

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
  tmp = meso_cli_write_temp (path, contents, length, error);
  return tmp != NULL && meso_cli_put_in_place (tmp, path, error);
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
  g_autofree char *shown = NULL;

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
  shown = g_utf8_make_valid (argv[1], -1);   /* one line of text, whatever was typed */
  /* Translators: "unknown patient command “lst” (add, list, show)" */
  meso_cli_error (_("unknown %s command “%s” (%s)"), argv[0], shown, names->str);
  return MESO_CLI_EXIT_USAGE;
}
