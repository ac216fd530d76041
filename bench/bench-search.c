/* bench-search: search-as-you-type latency in the Patients page.
 *
 * Types queries one character at a time into the real page's search entry,
 * shown in a window, the way a key press does (gtk_editable_insert_text at
 * the cursor, so the entry's own ::changed handler runs, not a shortcut),
 * and clears it between words with a deletion, as Ctrl+A then Backspace
 * would.  Each keystroke is timed from the text change until the frame
 * that shows the new list has been painted (query, model change, row
 * binding, layout and drawing), on two clocks:
 *  - wall time (CLOCK_MONOTONIC): what the user waits for;
 *  - CPU time of the main thread (CLOCK_THREAD_CPUTIME_ID): the work done,
 *    which does not grow when other processes load the machine; both up to
 *    the painted frame and in all, with the work the keystroke left for
 *    after its frame (rows below the fold), so that none of it is hidden.
 * Keystrokes are spaced by a pause that is not timed, as typing is, so
 * that the frame clock never holds a frame back for the previous one.
 *
 * The same keystrokes are then typed, timed the same way, into a bare
 * GtkSearchEntry alone in a window of the same size: the floor that GTK
 * and the display server set (a focused entry animates its cursor, so
 * its frame clock ticks and a change waits for the next frame), against
 * which the page's figures can be read.
 * Prints every figure; judging them is left to bench/run. */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "meso-patients-page.h"

static const char * const queries[] = {
  "hélène", "dup", "jose", "zoe", "martin", "mül", "łuk", "1980", "1975-04",
  "06", "0612", "sio", "rossi", "garcia", "ber", "xyz",
};

/* A fast typist: about 8 keys a second. */
#define PAUSE_MS 120

static gint64 painted_at;
static gint64 painted_cpu;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted_at = g_get_monotonic_time ();
  painted_cpu = thread_cpu_us ();
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* Waits until a frame started after @t0 has been painted and the page has
 * nothing left to load. */
static void
wait_for_frame (MesoPatientsPage *page,
                gint64            t0)
{
  gint64 give_up = t0 + 10 * G_USEC_PER_SEC;

  while ((painted_at < t0 || (page != NULL && meso_patients_page_get_loading (page))) &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  if (painted_at < t0)
    g_error ("bench-search: no frame painted within 10 s of a keystroke");
}

static void
keystroke (MesoPatientsPage *page,
           GtkEditable      *entry,
           const char       *insert,   /* NULL: clear the entry */
           GArray           *wall,
           GArray           *cpu,
           GArray           *cpu_all)
{
  gint64 t0, c0, wall_us, cpu_us, cpu_all_us;

  bench_settle (PAUSE_MS);

  c0 = thread_cpu_us ();
  t0 = g_get_monotonic_time ();
  if (insert != NULL)
    {
      int pos = gtk_editable_get_position (entry);

      gtk_editable_insert_text (entry, insert, -1, &pos);
      gtk_editable_set_position (entry, pos);
    }
  else
    {
      gtk_editable_delete_text (entry, 0, -1);
    }
  wait_for_frame (page, t0);
  wall_us = painted_at - t0;
  cpu_us = painted_cpu - c0;
  /* Whatever the keystroke queued for after its frame, ready now. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  cpu_all_us = thread_cpu_us () - c0;
  g_array_append_val (wall, wall_us);
  g_array_append_val (cpu, cpu_us);
  g_array_append_val (cpu_all, cpu_all_us);
  /* BENCH_VERBOSE=1: every keystroke, to see which ones are slow. */
  if (g_getenv ("BENCH_VERBOSE") != NULL && page != NULL)
    g_printerr ("%-12s %6u matches  wall %6.2f ms  cpu %6.2f ms (%6.2f ms in all)\n",
                gtk_editable_get_text (entry),
                g_list_model_get_n_items (G_LIST_MODEL (meso_patients_page_get_model (page))),
                wall_us / 1000.0, cpu_us / 1000.0, cpu_all_us / 1000.0);
}

static void
print_stats (const char *name,
             GArray     *samples)
{
  guint n = samples->len;

  g_array_sort (samples, compare_gint64);
  printf ("%s_median_us=%" G_GINT64_FORMAT "\n", name, g_array_index (samples, gint64, n / 2));
  printf ("%s_p95_us=%" G_GINT64_FORMAT "\n", name,
          g_array_index (samples, gint64, MIN (n - 1, (guint) (n * 95 + 99) / 100)));
  printf ("%s_max_us=%" G_GINT64_FORMAT "\n", name, g_array_index (samples, gint64, n - 1));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoContext) context = NULL;
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cpu_all = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *db = g_getenv ("MESOCHART_DB");
  GtkWidget *window, *page;
  GtkEditable *entry;
  gint64 total_matches = 0;

  gtk_init ();
  adw_init ();

  if (db == NULL)
    {
      g_printerr ("bench-search: set MESOCHART_DB\n");
      return 2;
    }
  context = meso_context_new (db, &error);
  if (context == NULL)
    {
      g_printerr ("bench-search: %s\n", error->message);
      return 1;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  page = meso_patients_page_new (context);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  meso_patients_page_focus_search (MESO_PATIENTS_PAGE (page));
  entry = GTK_EDITABLE (gtk_window_get_focus (GTK_WINDOW (window)));
  g_assert (GTK_IS_EDITABLE (entry));

  /* Wait for the initial full list. */
  while (meso_patients_page_get_loading (MESO_PATIENTS_PAGE (page)))
    g_main_context_iteration (NULL, TRUE);
  bench_settle (300);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      const char *query = queries[q];

      for (const char *p = query; *p; p = g_utf8_next_char (p))
        {
          g_autofree char *key = g_strndup (p, g_utf8_next_char (p) - p);

          keystroke (MESO_PATIENTS_PAGE (page), entry, key, wall, cpu, cpu_all);
          total_matches += g_list_model_get_n_items (
            G_LIST_MODEL (meso_patients_page_get_model (MESO_PATIENTS_PAGE (page))));
        }
      g_assert_cmpstr (gtk_editable_get_text (entry), ==, query);
      /* Clear between words, as a user would; timed too. */
      keystroke (MESO_PATIENTS_PAGE (page), entry, NULL, wall, cpu, cpu_all);
    }

  printf ("keystrokes=%u\n", wall->len);
  print_stats ("search", wall);
  print_stats ("search_cpu", cpu);
  print_stats ("search_cpu_all", cpu_all);
  printf ("matches_seen=%" G_GINT64_FORMAT "\n", total_matches);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The floor: a bare search entry, the same keystrokes. */
  g_array_set_size (wall, 0);
  g_array_set_size (cpu, 0);
  g_array_set_size (cpu_all, 0);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), gtk_search_entry_new ());
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (gtk_window_get_child (GTK_WINDOW (window)));
  entry = GTK_EDITABLE (gtk_window_get_focus (GTK_WINDOW (window)));
  g_assert (GTK_IS_EDITABLE (entry));
  bench_settle (300);
  painted_at = 0;
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      for (const char *p = queries[q]; *p; p = g_utf8_next_char (p))
        {
          g_autofree char *key = g_strndup (p, g_utf8_next_char (p) - p);

          keystroke (NULL, entry, key, wall, cpu, cpu_all);
        }
      keystroke (NULL, entry, NULL, wall, cpu, cpu_all);
    }
  print_stats ("entry", wall);
  print_stats ("entry_cpu", cpu);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
