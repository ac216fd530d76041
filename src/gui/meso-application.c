/* meso-application.c: options, the database, the application actions.
 *
 * The database is chosen by --db, else $MESOCHART_DB, else the default
 * path in the user's data folder (meso_store_default_path()).  A database
 * that cannot be opened (written by a newer Mesochart, not a database,
 * locked) is explained in a dialog and left untouched.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "meso-application.h"
#include "meso-backup-scheduler.h"
#include "meso-i18n.h"
#include "meso-preferences-window.h"
#include "meso-window.h"

struct _MesoApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  MesoContext    *context;
};

G_DEFINE_FINAL_TYPE (MesoApplication, meso_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The clinic database (default: $MESOCHART_DB, or $XDG_DATA_HOME/mesochart/clinic.db)"),
    N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

static gint
meso_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  MesoApplication *self = MESO_APPLICATION (app);
  const char *db_path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("mesochart %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db_path))
    {
      if (*db_path == '\0')
        {
          g_printerr ("%s\n", _("--db needs a file path"));
          return 2;
        }
      g_free (self->db_path);
      self->db_path = g_strdup (db_path);
    }

  return G_APPLICATION_CLASS (meso_application_parent_class)->handle_local_options (app, options);
}

static void
error_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MesoApplication  *self)
{
  g_application_release (G_APPLICATION (self));
}

static void
show_open_error (MesoApplication *self,
                 const char      *path,
                 const GError    *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Cannot Open the Clinic Database"), NULL);
  /* The store's messages say what is wrong and usually name the file. */
  if (strstr (error->message, path) != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    /* Translators: a file path, then the reason */
                                    _("%s\n\n%s"), path, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  /* The dialog is the only window: keep the application alive until it
   * is answered or closed. */
  g_application_hold (G_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
meso_application_activate (GApplication *app)
{
  MesoApplication *self = MESO_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->context == NULL)
    {
      path = self->db_path != NULL ? g_strdup (self->db_path) : meso_store_default_path ();
      self->context = meso_context_new (path, &error);
      if (self->context == NULL)
        {
          show_open_error (self, path, error);
          return;
        }
    }

  window = GTK_WINDOW (meso_window_new (ADW_APPLICATION (app), self->context));
  gtk_window_present (window);
  /* Daily backups: the first check waits for the first frame. */
  meso_backup_scheduler_start (meso_backup_scheduler_get_for_context (self->context));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MesoApplication *self = user_data;
  GList *windows;

  /* Closing windows (rather than g_application_quit()) lets the main
   * window save its size. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  MesoApplication *self = user_data;
  static const char *developers[] = { "The Mesochart developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", APP_ID,
                        "application-name", _("Mesochart"),
                        "developer-name", _("The Mesochart developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Screening, session records, aftercare handouts and "
                                      "follow-up for mesotherapy clinics, offline."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your name, to be credited */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MesoApplication *self = user_data;
  GtkWindow *preferences;

  if (self->context == NULL)
    return;

  preferences = meso_preferences_window_new (self->context);
  gtk_window_set_transient_for (preferences, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (preferences);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb },
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
};

static void
meso_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (meso_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
meso_application_finalize (GObject *object)
{
  MesoApplication *self = (MesoApplication *)object;

  g_clear_pointer (&self->db_path, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_application_parent_class)->finalize (object);
}

static void
meso_application_class_init (MesoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = meso_application_finalize;

  app_class->handle_local_options = meso_application_handle_local_options;
  app_class->startup = meso_application_startup;
  app_class->activate = meso_application_activate;
}

static void
meso_application_init (MesoApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The clinic record of a mesotherapy practice."));
}

MesoApplication *
meso_application_new (void)
{
  /* Each database is its own instance: --db for a second file must not
   * just raise the first window. */
  return g_object_new (MESO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/mesochart/Mesochart",
                       NULL);
}

const char *
meso_application_bind_text_domain (void)
{
  static char *bound_dir;

  /* The same folder meso-i18n reads sheets from, so that an uninstalled
   * run shows the window and its sheets in the same language.  Made
   * absolute now: gettext resolves a relative one on each lookup. */
  g_free (bound_dir);
  bound_dir = g_canonicalize_filename (meso_i18n_locale_dir (), NULL);
  bindtextdomain (GETTEXT_PACKAGE, bound_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return bound_dir;
}

MesoContext *
meso_application_get_context (MesoApplication *self)
{
  g_return_val_if_fail (MESO_IS_APPLICATION (self), NULL);

  return self->context;
}
