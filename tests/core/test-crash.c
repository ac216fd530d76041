/* test-crash.c: crash consistency.  A child (crash-writer) commits
 * transactions of two sessions each; we SIGKILL it after a random 1-30 ms,
 * again and again, and after every kill check that the file is intact
 * (integrity_check), the audit chain verifies, every transaction the
 * child reported committed is there in full (rows, fields and
 * ingredients), and no transaction is there in part.  A fresh database
 * every 20 kills keeps each check as cheap at the end as at the start.
 * The writer is forked without exec (MESOCHART_CRASH_EXEC=1 runs the
 * crash-writer executable instead), and the files live in /dev/shm when
 * it exists (MESOCHART_CRASH_DIR): see make_dir ().
 *
 * Bounded by MESOCHART_CRASH_KILLS (default 1000, 200 under
 * AddressSanitizer) kills or
 * MESOCHART_CRASH_SECONDS (default 300) seconds; fails under
 * MESOCHART_CRASH_MIN_KILLS (default: the kill target) kills. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "meso-audit.h"
#include "meso-store-private.h"
#include "meso-store-test-util.h"

int crash_writer_run (const char *db,
                      gint64      k,
                      gint64      limit);

typedef struct
{
  gint64 k;
  gint64 ids[2];
} Reported;

static gint64
env_int (const char *name,
         gint64      fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? g_ascii_strtoll (value, NULL, 10) : fallback;
}

static char *
writer_path (void)
{
  const char *env = g_getenv ("MESOCHART_CRASH_WRITER");
  g_autofree char *here = NULL;

  if (env != NULL)
    return g_strdup (env);
  here = g_test_build_filename (G_TEST_BUILT, "core", "crash-writer", NULL);
  if (g_file_test (here, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&here);
  return g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL);
}

/* Starts the writer with its stdout on a pipe; returns the read end. */
static pid_t
spawn_writer (const char *writer,
              const char *db,
              gint64      first_k,
              int        *out_fd)
{
  int fds[2];
  pid_t pid;
  char k_text[32];

  g_snprintf (k_text, sizeof k_text, "%" G_GINT64_FORMAT, first_k);
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      dup2 (fds[1], STDOUT_FILENO);
      close (fds[0]);
      close (fds[1]);
      /* By default the forked child writes without exec: loading the
       * libraries again would cost more than most kill delays. */
      if (g_getenv ("MESOCHART_CRASH_EXEC") == NULL)
        _exit (crash_writer_run (db, first_k, G_MAXINT64));
      execl (writer, writer, db, k_text, (char *) NULL);
      _exit (127);
    }
  close (fds[1]);
  *out_fd = fds[0];
  return pid;
}

static void
read_reports (int     fd,
              GArray *reported)
{
  g_autoptr(GString) buf = g_string_new (NULL);
  char chunk[4096];
  ssize_t n;
  g_auto(GStrv) lines = NULL;

  while ((n = read (fd, chunk, sizeof chunk)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (buf, chunk, n);
  lines = g_strsplit (buf->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      Reported r;

      /* A line cut by the kill was never complete: write() of a short line
       * to a pipe is atomic, so this does not happen, but be strict. */
      if (lines[i + 1] == NULL)
        break;
      if (g_str_equal (lines[i], "R"))
        continue;
      g_assert_cmpint (sscanf (lines[i], "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %"
                               G_GINT64_FORMAT, &r.k, &r.ids[0], &r.ids[1]), ==, 3);
      g_array_append_val (reported, r);
    }
}

/* SIGKILL kills the process, not the machine: what a process wrote before
 * dying is in the page cache whatever fsync did, so the file system does
 * not matter to what this test checks.  A memory file system (/dev/shm)
 * makes each fsync free, and so many more kills fit in the time. */
static char *
make_dir (void)
{
  const char *shm = "/dev/shm";

  if (g_getenv ("MESOCHART_CRASH_DIR") != NULL)
    shm = g_getenv ("MESOCHART_CRASH_DIR");
  if (g_file_test (shm, G_FILE_TEST_IS_DIR) && access (shm, W_OK) == 0)
    {
      g_autofree char *template = g_build_filename (shm, "mesochart-crash-XXXXXX", NULL);

      if (g_mkdtemp (template) != NULL)
        return g_steal_pointer (&template);
    }
  return g_dir_make_tmp ("mesochart-crash-XXXXXX", NULL);
}

static void
check_session (MesoStore *store,
               gint64     id,
               gint64     k,
               guint      part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoSession) s = meso_store_get_session (store, id, &error);
  g_autofree char *notes = g_strdup_printf ("crash k=%" G_GINT64_FORMAT " part=%u", k, part);
  g_autofree char *batch = g_strdup_printf ("LOT-%" G_GINT64_FORMAT, k);

  if (s == NULL)
    g_error ("session %" G_GINT64_FORMAT " (k=%" G_GINT64_FORMAT ") was reported committed "
             "but is missing: %s", id, k, error->message);
  g_assert_cmpstr (s->notes, ==, notes);
  g_assert_cmpstr (s->batch, ==, batch);
  g_assert_cmpint (s->time_minutes, ==, (k * 7) % 1440);
  g_assert_cmpfloat (s->volume_ml, ==, (k % 90) / 10.0);
  g_assert_cmpuint (s->ingredients->len, ==, (guint) (k % 4) + 1);
  for (guint i = 0; i < s->ingredients->len; i++)
    {
      g_autofree char *want = g_strdup_printf ("ingredient %" G_GINT64_FORMAT ".%u.%u", k, part, i);

      g_assert_cmpstr (g_ptr_array_index (s->ingredients, i), ==, want);
    }
}

/* Every transaction in the file is whole: both sessions of each k, each
 * with all its ingredients; and the audit has one create per session. */
static gint64
query_int_bound (MesoStore  *store,
                 const char *sql,
                 gint64      value)
{
  sqlite3_stmt *stmt = NULL;
  gint64 result;

  g_assert_cmpint (sqlite3_prepare_v2 (meso_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, value);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return result;
}

/* Sessions above @after_id (all when 0). */
static void
check_no_partial (MesoStore *store,
                  gint64     after_id)
{
  gint64 sessions = meso_test_query_int (store, "SELECT count(*) FROM sessions");
  gint64 bad;

  g_assert_cmpint (sessions % 2, ==, 0);
  bad = query_int_bound (store,
                         "SELECT count(*) FROM (SELECT substr (notes, 1, instr (notes, ' part=')) AS k,"
                         " count(*) AS n FROM sessions WHERE id > ?1 GROUP BY k HAVING n != 2)",
                         after_id);
  g_assert_cmpint (bad, ==, 0);
  bad = query_int_bound (store,
                         "SELECT count(*) FROM sessions s WHERE s.id > ?1 AND"
                         " (SELECT count(*) FROM session_list_items i"
                         " WHERE i.session_id = s.id AND i.list = 'ingredients')"
                         " != 1 + CAST (substr (s.notes, 9, instr (s.notes, ' part=') - 9) AS INTEGER) % 4",
                         after_id);
  g_assert_cmpint (bad, ==, 0);
  g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM audit WHERE entity = 'session'"
                                     " AND action = 'create'"), ==, sessions);
  g_assert_cmpint (meso_test_query_int (store, "SELECT count(*) FROM audit_stash"), ==, 0);
}

static void
remove_db (const char *dir)
{
  static const char * const files[] = { "clinic.db", "clinic.db-wal", "clinic.db-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);

      g_unlink (path);
    }
}

/* Reopens the file after a round: every transaction reported in the round
 * is still there, the whole chain and every row check out. */
static void
finish_round (const char *db,
              GArray     *reported)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = meso_store_open (db, &error);

  g_assert_no_error (error);
  if (!meso_audit_verify (store, NULL, &error))
    g_error ("end of round: %s", error->message);
  check_no_partial (store, 0);
  for (guint i = 0; i < reported->len; i++)
    {
      Reported *r = &g_array_index (reported, Reported, i);

      check_session (store, r->ids[0], r->k, 0);
      check_session (store, r->ids[1], r->k, 1);
    }
}

/* A new database every ROUND_KILLS kills: each check (integrity_check
 * reads the whole file) then costs the same at the thousandth kill as at
 * the first, and the loop fits in CI time. */
#define ROUND_KILLS 20

static void
test_crash_loop (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *db = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *writer = writer_path ();
  g_autoptr(GArray) reported = g_array_new (FALSE, FALSE, sizeof (Reported));
  /* Under AddressSanitizer every process starts several times slower; the
   * sanitizer run is there for memory errors, the plain run for the count. */
#if defined(__SANITIZE_ADDRESS__)
  gint64 target = env_int ("MESOCHART_CRASH_KILLS", 200);
#else
  gint64 target = env_int ("MESOCHART_CRASH_KILLS", 1000);
#endif
  gint64 seconds = env_int ("MESOCHART_CRASH_SECONDS", 300);
  gint64 min_kills = env_int ("MESOCHART_CRASH_MIN_KILLS", target);
  gint64 start = g_get_monotonic_time ();
  gint64 kills = 0, checked_up_to = 0, head_seq = 0, last_session_id = 0;
  guint total_reported = 0;
  /* Kill delays start at 1-30 ms; where a transaction takes longer than
   * that (a sanitizer build on a loaded machine), they grow until kills
   * land after commits too, or the loop would only test openings.  They
   * shrink back once commits are plentiful again: a slow start on a busy
   * machine must not slow down every later kill. */
  gint32 max_delay_ms = 30;
  guint reported_before_window = 0;
  /* Where the time goes, per kill: reported with the count. */
  gint64 t_start_writer = 0, t_delay = 0, t_check = 0, mark;
  g_autofree char *head_hash = g_strdup ("");
  GRand *rand = g_rand_new_with_seed ((guint32) env_int ("MESOCHART_CRASH_SEED", 20261122));

  g_assert_true (g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE));

  while (kills < target && g_get_monotonic_time () - start < seconds * G_USEC_PER_SEC)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MesoStore) store = NULL;
      g_autoptr(MesoAuditReport) report = NULL;
      int fd, status;
      pid_t pid;
      gint64 first_k = (kills + 1) * 1000000;

      if (kills % ROUND_KILLS == 0)
        {
          if (kills > 0)
            finish_round (db, reported);
          total_reported += reported->len;
          g_array_set_size (reported, 0);
          checked_up_to = head_seq = last_session_id = 0;
          g_free (head_hash);
          head_hash = g_strdup ("");
          remove_db (dir);
          /* The schema exists before the first kill, so every kill lands
           * in the writer's transactions (or its opening), not in our
           * setup. */
          store = meso_store_open (db, &error);
          g_assert_no_error (error);
          g_clear_object (&store);
        }

      mark = g_get_monotonic_time ();
      pid = spawn_writer (writer, db, first_k, &fd);
      /* Nine kills in ten wait until the writer is open, so that they land
       * in its transactions; the tenth may land while it opens (and
       * recovers the previous victim's WAL). */
      if (kills % 10 != 9)
        {
          char ready[2];

          g_assert_cmpint (read (fd, ready, 2), ==, 2);
          g_assert_true (ready[0] == 'R');
        }
      t_start_writer += g_get_monotonic_time () - mark;
      mark = g_get_monotonic_time ();
      g_usleep (1000 * g_rand_int_range (rand, 1, max_delay_ms + 1));
      kill (pid, SIGKILL);
      t_delay += g_get_monotonic_time () - mark;
      mark = g_get_monotonic_time ();
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      read_reports (fd, reported);
      close (fd);
      /* It must have died by our hand, not failed on its own. */
      if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
        g_error ("crash-writer exited by itself (status %d): see its message above", status);
      kills++;
      if (kills % 10 == 0)
        {
          guint seen = total_reported + reported->len;

          if (seen == reported_before_window && max_delay_ms < 2000)
            max_delay_ms *= 2;
          else if (seen - reported_before_window > 10 * 50 && max_delay_ms > 30)
            max_delay_ms /= 2;
          reported_before_window = seen;
        }

      store = meso_store_open (db, &error);
      g_assert_no_error (error);
      {
        sqlite3_stmt *stmt = NULL;

        g_assert_cmpint (sqlite3_prepare_v2 (meso_store_get_db (store), "PRAGMA integrity_check",
                                             -1, &stmt, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
        sqlite3_finalize (stmt);
      }
      /* The chain from the last verified head on (the whole chain at the
       * end of each round). */
      if (!meso_audit_verify_from (meso_store_get_db (store), head_seq + 1, head_hash,
                                   &report, &error))
        g_error ("after kill %" G_GINT64_FORMAT ": %s", kills, error->message);
      head_seq = meso_test_query_int (store, "SELECT max (seq) FROM audit");
      g_free (head_hash);
      head_hash = g_strdup (report->head_hash);
      for (guint i = checked_up_to; i < reported->len; i++)
        {
          Reported *r = &g_array_index (reported, Reported, i);

          check_session (store, r->ids[0], r->k, 0);
          check_session (store, r->ids[1], r->k, 1);
        }
      checked_up_to = reported->len;
      check_no_partial (store, last_session_id);
      last_session_id = meso_test_query_int (store, "SELECT coalesce (max (id), 0) FROM sessions");
      /* Leave checkpoints to the writers (SQLite's automatic ones): a
       * checkpoint and fsync at every close of ours would only slow the
       * loop down. */
      sqlite3_db_config (meso_store_get_db (store), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      g_clear_object (&store);
      t_check += g_get_monotonic_time () - mark;
    }
  if (kills > 0)
    finish_round (db, reported);
  total_reported += reported->len;

  g_test_message ("crash loop: %" G_GINT64_FORMAT " kills survived, %u transactions reported "
                  "committed, all present, in %.1f s", kills, total_reported,
                  (g_get_monotonic_time () - start) / 1e6);
  if (kills > 0)
    g_test_message ("per kill: writer start %.1f ms, kill delay %.1f ms (last range 1-%d ms), "
                    "reopen and checks %.1f ms", t_start_writer / 1e3 / kills,
                    t_delay / 1e3 / kills, max_delay_ms, t_check / 1e3 / kills);
  g_printerr ("crash loop: %" G_GINT64_FORMAT " kills survived, %u transactions reported "
              "committed, all present\n", kills, total_reported);
  g_assert_cmpint (kills, >=, min_kills);
  g_assert_cmpuint (total_reported, >, 0);

  g_rand_free (rand);
  remove_db (dir);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-loop", test_crash_loop);
  return g_test_run ();
}
