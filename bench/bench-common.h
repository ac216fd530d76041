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
