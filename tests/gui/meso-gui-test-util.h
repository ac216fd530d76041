/* meso-gui-test-util.h: fixture, widget and main-loop helpers for the GUI
 * tests. */
#pragma once

#include <gtk/gtk.h>

#include "meso-context.h"
#include "../meso-test-util.h"

G_BEGIN_DECLS

/* Iterates the main loop until @cond holds, failing after ten seconds. */
#define WAIT_UNTIL(cond)                                                      \
  G_STMT_START {                                                              \
    gint64 end_ = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;              \
    while (!(cond))                                                           \
      {                                                                       \
        if (g_get_monotonic_time () > end_)                                   \
          g_error ("Timed out waiting for %s", #cond);                        \
        if (!g_main_context_iteration (NULL, FALSE))                          \
          g_usleep (1000);                                                    \
      }                                                                       \
  } G_STMT_END

/* What a GUI test starts from: a context on a fresh database in a
 * temporary folder.  The fixture of g_test_add(), or the first member of
 * a test's own. */
typedef struct
{
  char        *dir;
  char        *db_path;
  MesoContext *context;
  MesoStore   *store;      /* the context's */
  GSettings   *settings;   /* the context's UI settings; NULL without the schema */
} MesoGuiFixture;

void         meso_gui_fixture_set_up         (MesoGuiFixture *fixture,
                                              gconstpointer   data);
/* Closes every window first: they may hold the context. */
void         meso_gui_fixture_tear_down      (MesoGuiFixture *fixture,
                                              gconstpointer   data);

void         meso_gui_test_close_all_windows (void);
/* Points GSettings at the schema compiled in the build tree (call before
 * gtk_test_init()); GSETTINGS_BACKEND=memory keeps the user's own apart. */
void         meso_gui_test_use_build_schemas (void);

/* Widgets below @widget (not itself) of @type: the first one found, depth
 * first, or NULL; all of them, in that order (the array is the caller's,
 * the widgets are not). */
GtkWidget   *meso_gui_test_find_descendant   (GtkWidget *widget,
                                              GType      type);
GPtrArray   *meso_gui_test_find_descendants  (GtkWidget *widget,
                                              GType      type);
/* A visible toplevel window of @type, or NULL. */
gpointer     meso_gui_test_find_toplevel     (GType      type);
/* The template child @name of @widget, an instance of @type; never NULL. */
GtkWidget   *meso_gui_test_template_child    (gpointer    widget,
                                              GType       type,
                                              const char *name);
/* Presents @child in a new 800×600 window; returns @child. */
GtkWidget   *meso_gui_test_show_in_window    (GtkWidget *child);

G_END_DECLS
