/* meso-gui-test-util.c: fixture, widget and main-loop helpers for the GUI
 * tests. */
#include "config.h"

#include "meso-gui-test-util.h"

#include <glib/gstdio.h>

/* The temporary folder is named after the test program, so that one left
 * behind says where it came from. */
void
meso_gui_fixture_set_up (MesoGuiFixture *fixture,
                         gconstpointer   data)
{
  g_autofree char *program = g_path_get_basename (g_get_prgname () ? g_get_prgname () : "gui");
  g_autofree char *tmpl = g_strdup_printf ("mesochart-%s-XXXXXX", program);
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "clinic.db", NULL);
  fixture->context = meso_context_new (fixture->db_path, &error);
  g_assert_no_error (error);
  fixture->store = meso_context_get_store (fixture->context);
  fixture->settings = meso_context_get_ui_settings (fixture->context);
}

void
meso_gui_fixture_tear_down (MesoGuiFixture *fixture,
                            gconstpointer   data)
{
  meso_gui_test_close_all_windows ();
  g_clear_object (&fixture->context);
  meso_test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

void
meso_gui_test_use_build_schemas (void)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *schemas = NULL;

  /* G_TEST_BUILDDIR is tests/ in the build tree. */
  schemas = g_build_filename (builddir != NULL ? builddir : ".", "..", "data", NULL);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
}

/* Destroys every toplevel window and lets the main loop settle. */
void
meso_gui_test_close_all_windows (void)
{
  GList *windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
collect_descendants (GtkWidget *widget,
                     GType      type,
                     GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect_descendants (child, type, found);
    }
}

GtkWidget *
meso_gui_test_find_descendant (GtkWidget *widget,
                               GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = meso_gui_test_find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

GPtrArray *
meso_gui_test_find_descendants (GtkWidget *widget,
                                GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_descendants (widget, type, found);
  return found;
}

gpointer
meso_gui_test_find_toplevel (GType type)
{
  GList *windows = gtk_window_list_toplevels ();
  gpointer found = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (windows);
  return found;
}

GtkWidget *
meso_gui_test_template_child (gpointer    widget,
                              GType       type,
                              const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

GtkWidget *
meso_gui_test_show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  return child;
}
