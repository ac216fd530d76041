/* main.c: starts the Mesochart application. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "meso-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MesoApplication) app = NULL;

  setlocale (LC_ALL, "");
  meso_application_bind_text_domain ();
  textdomain (GETTEXT_PACKAGE);

  app = meso_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
