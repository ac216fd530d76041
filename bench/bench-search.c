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
 * All of it twice: with a steady cursor, then with GTK's blinking one.
 * The blink is an animation that ticks the frame clock at the display's
 * refresh rate, so a change then waits for the next tick as well (0 to
 * 16.7 ms at 60 Hz), whatever the application does; with a steady cursor
 * the clock is idle between keystrokes and the frame follows the work.
 * Each time, the same keystrokes are also typed into a bare
 * GtkSearchEntry alone in a window of the same size: the floor that GTK
 * and the display server set.
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
/* Main-thread CPU at the ends of a frame's phases: with BENCH_VERBOSE,
 * each keystroke's time is split into its handler (search and model
 * update, up to the frame), layout (measuring and allocating rows) and
 * drawing. */
static gint64 before_paint_cpu;
static gint64 layout_cpu;
static gint64 paint_cpu;
/* The same, kept for the first frame painted after the keystroke. */
static gint64 keystroke_at;
static guint n_frames;   /* painted, for BENCH_VERBOSE: an animation ticks */
static gint64 frame_phases[3];

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       data)
{
  before_paint_cpu = bench_thread_cpu_us ();
}

static void
layout_cb (GdkFrameClock *clock,
           gpointer       data)
{
  layout_cpu = bench_thread_cpu_us ();
}

static void
paint_cb (GdkFrameClock *clock,
          gpointer       data)
{
  paint_cpu = bench_thread_cpu_us ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  gint64 now = g_get_monotonic_time ();

  if (painted_at < keystroke_at)
    {
      /* Connected after GTK's own handlers: each figure is the end of
       * that phase. */
      frame_phases[0] = before_paint_cpu;
      frame_phases[1] = layout_cpu;
      frame_phases[2] = paint_cpu;
    }
  painted_at = now;
  painted_cpu = bench_thread_cpu_us ();
  n_frames++;
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
  if (g_getenv ("BENCH_VERBOSE") != NULL)
    g_printerr ("  (%u frames painted in the pause)\n", n_frames);
  n_frames = 0;

  c0 = bench_thread_cpu_us ();
  t0 = g_get_monotonic_time ();
  keystroke_at = t0;
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
  cpu_all_us = bench_thread_cpu_us () - c0;
  g_array_append_val (wall, wall_us);
  g_array_append_val (cpu, cpu_us);
  g_array_append_val (cpu_all, cpu_all_us);
  /* BENCH_VERBOSE=1: every keystroke, to see which ones are slow. */
  if (g_getenv ("BENCH_VERBOSE") != NULL && page != NULL)
    g_printerr ("%-12s %6u matches  wall %6.2f ms  cpu %6.2f ms"
                " (keystroke %5.2f, layout %5.2f, drawing %5.2f; %6.2f ms in all)\n",
                gtk_editable_get_text (entry),
                meso_patients_page_get_n_matches (page),
                wall_us / 1000.0, cpu_us / 1000.0,
                (frame_phases[0] - c0) / 1000.0, (frame_phases[1] - frame_phases[0]) / 1000.0,
                (frame_phases[2] - frame_phases[1]) / 1000.0, cpu_all_us / 1000.0);
}

static void
print_stats (const char *name,
             GArray     *samples)
{
  guint n = samples->len;

  g_array_sort (samples, bench_compare_gint64);
  printf ("%s_median_us=%" G_GINT64_FORMAT "\n", name, g_array_index (samples, gint64, n / 2));
  printf ("%s_p95_us=%" G_GINT64_FORMAT "\n", name,
          g_array_index (samples, gint64, MIN (n - 1, (guint) (n * 95 + 99) / 100)));
  printf ("%s_max_us=%" G_GINT64_FORMAT "\n", name, g_array_index (samples, gint64, n - 1));
}

static void
connect_phases (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  painted_at = 0;
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), NULL);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

/* Types every query into @entry (in @page's window, or alone when @page
 * is NULL), clearing it after each, and prints the figures as
 * @prefix_median_us=... and so on. */
static void
type_queries (MesoPatientsPage *page,
              GtkEditable      *entry,
              const char       *prefix)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cpu_all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cpu_name = g_strconcat (prefix, "_cpu", NULL);
  g_autofree char *cpu_all_name = g_strconcat (prefix, "_cpu_all", NULL);
  gint64 total_matches = 0;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      const char *query = queries[q];

      for (const char *p = query; *p; p = g_utf8_next_char (p))
        {
          g_autofree char *key = g_strndup (p, g_utf8_next_char (p) - p);

          keystroke (page, entry, key, wall, cpu, cpu_all);
          if (page != NULL)
            total_matches += meso_patients_page_get_n_matches (page);
        }
      g_assert_cmpstr (gtk_editable_get_text (entry), ==, query);
      /* Clear between words, as a user would; timed too. */
      keystroke (page, entry, NULL, wall, cpu, cpu_all);
    }

  printf ("%s_keystrokes=%u\n", prefix, wall->len);
  print_stats (prefix, wall);
  print_stats (cpu_name, cpu);
  print_stats (cpu_all_name, cpu_all);
  if (page != NULL)
    printf ("%s_matches_seen=%" G_GINT64_FORMAT "\n", prefix, total_matches);
}

static void
run_page (MesoContext *context,
          const char  *prefix)
{
  GtkWidget *window, *page;
  GtkEditable *entry;

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
  connect_phases (window);
  type_queries (MESO_PATIENTS_PAGE (page), entry, prefix);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The floor: a bare search entry, the same keystrokes. */
static void
run_bare_entry (const char *prefix)
{
  GtkWidget *window;
  GtkEditable *entry;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), gtk_search_entry_new ());
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (gtk_window_get_child (GTK_WINDOW (window)));
  entry = GTK_EDITABLE (gtk_window_get_focus (GTK_WINDOW (window)));
  g_assert (GTK_IS_EDITABLE (entry));
  bench_settle (300);
  connect_phases (window);
  type_queries (NULL, entry, prefix);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoContext) context = NULL;
  const char *db = g_getenv ("MESOCHART_DB");

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

  /* First with a steady cursor: the frame clock is then idle between
   * keystrokes and paints as soon as the work is done, so the figure is
   * the application's latency.  Then with the blinking cursor (GTK's
   * default), whose animation ticks the frame clock at the display's
   * refresh rate: a change then also waits for the next tick, 0 to 16.7
   * ms at 60 Hz, whatever the application does. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  run_page (context, "search");
  run_bare_entry ("entry");
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", TRUE, NULL);
  run_page (context, "search_blink");
  run_bare_entry ("entry_blink");
  return 0;
}
