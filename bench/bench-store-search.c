/* bench-store-search: meso_store_find_patient_ids() alone, no GUI.
 *
 * Runs a list of queries, as typed prefixes, five times over the database
 * in MESOCHART_DB and prints the time of each query (first round) and the
 * median, p95 and max over all rounds, on the main thread's CPU clock.
 * It tells the store's share of a keystroke apart from the page's (see
 * bench-search.c).  Judging the figures is left to bench/run. */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "bench-common.h"
#include "meso-store.h"

static const char * const queries[] = {
  "", "h", "he", "hel", "helene", "helene d", "helene dup", "m", "mu", "mül",
  "a", "an", "ana", "o", "o'", "06", "061", "0612", "06 12 3", "1980",
  "1980-04", "1980-04-12", "z", "zo", "zoe martin", "smith", "x", "j", "jü",
  "k", "kenji n",
};

int
main (int   argc,
      char *argv[])
{
  const char *db = g_getenv ("MESOCHART_DB");
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) all = NULL;

  if (db == NULL)
    {
      g_printerr ("bench-store-search: set MESOCHART_DB\n");
      return 2;
    }
  store = meso_store_open (db, &error);
  if (store == NULL)
    {
      g_printerr ("bench-store-search: %s\n", error->message);
      return 1;
    }
  /* The name order is read once per connection, as the app does at start. */
  all = meso_store_find_patient_ids (store, NULL, &error);
  if (all == NULL)
    {
      g_printerr ("bench-store-search: %s\n", error->message);
      return 1;
    }

  for (guint round = 0; round < 5; round++)
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        g_autoptr(GArray) ids = NULL;
        gint64 start = bench_thread_cpu_us ();
        gint64 us;

        ids = meso_store_find_patient_ids (store, queries[q], &error);
        us = bench_thread_cpu_us () - start;
        if (ids == NULL)
          {
            g_printerr ("bench-store-search: “%s”: %s\n", queries[q], error->message);
            return 1;
          }
        g_array_append_val (times, us);
        if (round == 0 && g_getenv ("BENCH_VERBOSE") != NULL)
          g_printerr ("%-14s %7u ids %7.2f ms\n", queries[q], ids->len, us / 1000.0);
      }

  g_array_sort (times, bench_compare_gint64);
  printf ("patients=%u\n", all->len);
  printf ("store_search_median_us=%" G_GINT64_FORMAT "\n", g_array_index (times, gint64, times->len / 2));
  printf ("store_search_p95_us=%" G_GINT64_FORMAT "\n",
          g_array_index (times, gint64, MIN (times->len - 1, (times->len * 95 + 99) / 100)));
  printf ("store_search_max_us=%" G_GINT64_FORMAT "\n", g_array_index (times, gint64, times->len - 1));
  return 0;
}
