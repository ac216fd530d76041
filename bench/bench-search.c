/* bench-search: search-as-you-type latency in the Patients page.
 *
 * Types queries one keystroke at a time into the real page, shown in a
 * window, and times each keystroke from the text change until the list has
 * been updated and the main loop is idle again (query, model change,
 * row binding and layout).  Prints every figure; judging them is left to
 * bench/run. */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "bench-common.h"
#include "meso-patients-page.h"

static const char * const queries[] = {
  "hélène", "dup", "jose", "zoe", "martin", "mül", "łuk", "1980", "1975-04",
  "06", "0612", "sio", "rossi", "garcia", "ber", "xyz",
};

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoContext) context = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *db = g_getenv ("MESOCHART_DB");
  GtkWidget *window, *page;
  gint64 total_matches = 0;
  guint n;

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

  /* Wait for the initial full list. */
  while (meso_patients_page_get_loading (MESO_PATIENTS_PAGE (page)))
    g_main_context_iteration (NULL, TRUE);
  bench_settle (300);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      const char *query = queries[q];
      const char *end = query;

      while (*end)
        {
          g_autofree char *prefix = NULL;
          gint64 t0, t1;

          end = g_utf8_next_char (end);
          prefix = g_strndup (query, end - query);
          t0 = g_get_monotonic_time ();
          meso_patients_page_set_search_text (MESO_PATIENTS_PAGE (page), prefix);
          drain ();
          while (meso_patients_page_get_loading (MESO_PATIENTS_PAGE (page)))
            {
              g_main_context_iteration (NULL, TRUE);
              drain ();
            }
          t1 = g_get_monotonic_time ();
          g_array_append_val (samples, (gint64) { t1 - t0 });
          total_matches += g_list_model_get_n_items (
            G_LIST_MODEL (meso_patients_page_get_model (MESO_PATIENTS_PAGE (page))));
        }
      /* Clear between words, as a user would; timed too. */
      {
        gint64 t0 = g_get_monotonic_time ();
        meso_patients_page_set_search_text (MESO_PATIENTS_PAGE (page), "");
        drain ();
        while (meso_patients_page_get_loading (MESO_PATIENTS_PAGE (page)))
          {
            g_main_context_iteration (NULL, TRUE);
            drain ();
          }
        g_array_append_val (samples, (gint64) { g_get_monotonic_time () - t0 });
      }
    }

  g_array_sort (samples, compare_gint64);
  n = samples->len;
  printf ("keystrokes=%u\n", n);
  printf ("search_median_us=%" G_GINT64_FORMAT "\n", g_array_index (samples, gint64, n / 2));
  printf ("search_p95_us=%" G_GINT64_FORMAT "\n",
          g_array_index (samples, gint64, MIN (n - 1, (guint) (n * 95 + 99) / 100)));
  printf ("search_max_us=%" G_GINT64_FORMAT "\n", g_array_index (samples, gint64, n - 1));
  printf ("matches_seen=%" G_GINT64_FORMAT "\n", total_matches);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
