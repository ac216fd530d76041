/* bench-common.h: measurements shared by the benchmark programs.
 *
 * Times are CLOCK_MONOTONIC microseconds (g_get_monotonic_time), the clock
 * the launcher (bench/run) reads before it starts the process, so "launch to
 * first frame" includes exec, dynamic linking and start-up.
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Resident set size of this process in KiB, from /proc/self/status. */
static inline long
bench_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

/* Lets idle work (lazy loading, layout) finish for @ms milliseconds. */
static inline void
bench_settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* CPU time of the calling thread in microseconds: the work done, which
 * does not grow when other processes load the machine. */
static inline gint64
bench_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* GCompareFunc for an array of gint64 samples. */
static inline int
bench_compare_gint64 (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}
