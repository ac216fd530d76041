/* bench-app: the real Mesochart application, reporting when its main
 * window has drawn its first frame and how much memory it holds once the
 * patient list has loaded.  The database comes from MESOCHART_DB. */
#include "config.h"

#include "bench-common.h"
#include "meso-application.h"
#include "meso-window.h"

static gboolean reported;

/* Memory once the whole list of patients is read (it is, after the first
 * frame), the first screenful is in and idle work done.  Run from an idle,
 * not from within the frame clock's after-paint. */
static gboolean
measure_memory_cb (gpointer data)
{
  GApplication *app = data;
  MesoPatientsPage *page =
    meso_window_get_patients_page (MESO_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app))));
  gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (meso_patients_page_get_loading (page) && g_get_monotonic_time () < give_up)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  if (meso_patients_page_get_loading (page))
    g_error ("bench-app: the patient list was not read within 30 s");
  bench_settle (1500);
  printf ("rss_kib=%ld\n", bench_rss_kib ());
  fflush (stdout);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  if (reported)
    return;
  reported = TRUE;
  printf ("first_frame_us=%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_idle_add (measure_memory_cb, app);
}

static void
window_mapped_cb (GtkWidget    *window,
                  GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), app);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MesoApplication) app = meso_application_new ();

  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
