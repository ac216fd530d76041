/* test-cli-safety.c: `audit`, `backup`, `restore` and `privacy` through
 * the real mesochart-cli binary. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "meso-store.h"
#include "meso-cli-test-util.h"
#include "../meso-test-util.h"

static char *tmpdir;

/* Runs mesochart-cli --db @db with the arguments that follow. */
#define CLI(run, db, ...) \
  MESO_CLI_TEST_RUN ((run), tmpdir, (db), NULL, __VA_ARGS__)

static char *
fresh_db (const char *name)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoStore) store = meso_store_open (path, &error);
  g_autoptr(MesoPatient) p = meso_patient_new ();

  g_assert_no_error (error);
  p->name = g_strdup ("Anna Rossi");
  g_date_set_dmy (&p->date_of_birth, 15, 6, 1990);
  g_assert_true (meso_store_insert_patient (store, p, &error));
  g_assert_cmpint (p->id, ==, 1);
  return path;
}

static void
test_help (void)
{
  static const char * const commands[] = { "audit", "backup", "restore", "privacy", "amend" };
  g_autofree char *db = g_build_filename (tmpdir, "help.db", NULL);
  g_auto(MesoCliRun) run = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = g_strdup_printf ("  mesochart-cli %s ", commands[i]);

      CLI (&run, db, commands[i], "--help");
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Usage:"));
      g_assert_nonnull (strstr (run.out, usage));
    }
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

static void
test_audit (void)
{
  g_autofree char *db = fresh_db ("audit.db");
  g_auto(MesoCliRun) run = { 0 };
  sqlite3 *raw = NULL;

  CLI (&run, db, "audit", "verify");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "intact: 2 entries"));

  CLI (&run, db, "audit", "log");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "create patient 1"));
  g_assert_nonnull (strstr (run.out, "Anna Rossi"));

  CLI (&run, db, "audit", "log", "--patient", "1", "--json");
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *array;

    g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
    array = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                    "action"), ==, "create");
  }

  CLI (&run, db, "audit", "frobnicate");
  g_assert_cmpint (run.status, ==, 2);
  /* No subcommand, or one with an argument too many: usage errors too. */
  CLI (&run, db, "audit");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  CLI (&run, db, "audit", "--json", "log", "1");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  CLI (&run, db, "audit", "log", "--patient", "x");
  g_assert_cmpint (run.status, ==, 2);

  /* Tampered with plain SQLite, triggers dropped: exit 1, entry named. */
  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER audit_append_only_update;"
                                      "UPDATE audit SET changes = replace (changes, 'Anna', 'Hanna')"
                                      " WHERE seq = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  CLI (&run, db, "audit", "verify");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "audit entry 2 was altered"));
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_backup_restore (void)
{
  g_autofree char *db = fresh_db ("clinic.db");
  g_autofree char *out = g_build_filename (tmpdir, "backup.db", NULL);
  g_autofree char *nowhere = g_build_filename (tmpdir, "no-such-folder", "b.db", NULL);
  g_autofree char *daily = g_build_filename (tmpdir, "daily", NULL);
  g_auto(MesoCliRun) run = { 0 };

  CLI (&run, db, "backup", out);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "written and checked"));
  g_assert_cmpuint (mode_of (out), ==, 0600);
  CLI (&run, db, "audit", "log");
  g_assert_nonnull (strstr (run.out, "backup record"));

  CLI (&run, db, "backup", nowhere);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no-such-folder"));
  CLI (&run, db, "backup");
  g_assert_cmpint (run.status, ==, 2);

  g_assert_cmpint (g_mkdir (daily, 0700), ==, 0);
  CLI (&run, db, "backup", "--daily", "--keep", "2", daily);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "clinic-"));
  CLI (&run, db, "backup", "--daily", "--keep", "0", daily);
  g_assert_cmpint (run.status, ==, 2);

  /* Changes after the backup, then back to it. */
  CLI (&run, db, "privacy", "delete", "1", "--confirm", "1");
  g_assert_cmpint (run.status, ==, 0);
  CLI (&run, db, "restore", out);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "before-restore-"));
  CLI (&run, db, "audit", "log", "--patient", "1");
  g_assert_nonnull (strstr (run.out, "Anna Rossi"));
  CLI (&run, db, "audit", "verify");
  g_assert_cmpint (run.status, ==, 0);

  CLI (&run, db, "restore", nowhere);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "there is no file"));
  g_assert_nonnull (strstr (run.err, "nothing was changed"));
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *c = text; *c; c++)
    n += *c == '\n';
  return n;
}

/* Bad input: exit 2, one line on standard error that holds @culprit,
 * nothing on standard output. */
static void
assert_refused (const MesoCliRun *run,
                const char       *culprit)
{
  if (run->status != 2 || strstr (run->err, culprit) == NULL || count_lines (run->err) != 1)
    g_error ("expected exit 2 and one line naming “%s”, got %d: %s", culprit, run->status,
             run->err);
  g_assert_cmpstr (run->out, ==, "");
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* Destinations and backups that cannot be: exit 2 naming them, and the
 * database, the audit trail and the files named are left as they were. */
static void
test_bad_paths (void)
{
  g_autofree char *db = fresh_db ("paths.db");
  g_autofree char *dot_db = g_build_filename (tmpdir, ".", "paths.db", NULL);
  g_autofree char *target = g_build_filename (tmpdir, "target.json", NULL);
  g_autofree char *link = g_build_filename (tmpdir, "link.db", NULL);
  g_autofree char *fifo = g_build_filename (tmpdir, "fifo.db", NULL);
  g_autofree char *folder = g_build_filename (tmpdir, "a-folder", NULL);
  g_autofree char *good = g_build_filename (tmpdir, "paths-good.db", NULL);
  g_autofree char *damaged = g_build_filename (tmpdir, "paths-damaged.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *log_before = NULL;
  g_auto(MesoCliRun) run = { 0 };
  GStatBuf st;

  g_assert_true (g_file_set_contents (target, "someone else's file", -1, NULL));
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  CLI (&run, db, "backup", good);
  g_assert_cmpint (run.status, ==, 0);
  CLI (&run, db, "audit", "log");
  log_before = g_strdup (run.out);
  before = file_checksum (db);

  CLI (&run, db, "backup", db);
  assert_refused (&run, "cannot replace the clinic database itself");
  CLI (&run, db, "backup", dot_db);
  assert_refused (&run, "cannot replace the clinic database itself");
  CLI (&run, db, "backup", link);
  assert_refused (&run, "link.db” is not a regular file; give a new file name");
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  CLI (&run, db, "backup", fifo);
  assert_refused (&run, "fifo.db” is not a regular file");
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  CLI (&run, db, "backup", "--daily", good);
  assert_refused (&run, "paths-good.db” is a file, not a folder");

  CLI (&run, db, "restore", db);
  assert_refused (&run, "is the clinic database itself");
  CLI (&run, db, "restore", folder);
  assert_refused (&run, "a-folder” is a folder");
  CLI (&run, folder, "restore", good);
  assert_refused (&run, "--db: “");
  g_assert_nonnull (strstr (run.err, "a-folder” is a folder"));

  {
    g_autofree char *now = file_checksum (db);
    g_autofree char *target_now = NULL;

    g_assert_cmpstr (now, ==, before);
    g_assert_true (g_file_get_contents (target, &target_now, NULL, NULL));
    g_assert_cmpstr (target_now, ==, "someone else's file");
  }
  CLI (&run, db, "audit", "log");
  g_assert_cmpstr (run.out, ==, log_before);

  /* A damaged backup: refused in one line, not SQLite's report. */
  {
    g_autofree char *contents = NULL;
    gsize len;
    sqlite3 *raw = NULL;

    g_assert_true (g_file_get_contents (good, &contents, &len, NULL));
    g_assert_true (g_file_set_contents (damaged, contents, len, NULL));
    g_assert_cmpint (sqlite3_open (damaged, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, "PRAGMA writable_schema = ON;"
                                        "UPDATE sqlite_master SET sql = 'CREATE INDEX "
                                        "audit_by_patient ON audit (seq DESC)'"
                                        " WHERE name = 'audit_by_patient'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);
  }
  CLI (&run, db, "restore", damaged);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "paths-damaged.db” is damaged: the integrity check found "));
  g_assert_nonnull (strstr (run.err, "(first: "));
  {
    g_autofree char *now = file_checksum (db);

    g_assert_cmpstr (now, ==, before);
  }
}

/* A patient or session that is not there is bad input, as in `patient
 * show`; a reason is capped like the record's other ones. */
static void
test_missing_ids (void)
{
  g_autofree char *db = fresh_db ("missing.db");
  g_autofree char *file = g_build_filename (tmpdir, "missing-session.json", NULL);
  g_autofree char *long_reason = g_strnfill (2001, 'r');
  g_autofree char *log_before = NULL;
  g_auto(MesoCliRun) run = { 0 };

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MesoStore) store = meso_store_open (db, &error);
    g_autoptr(MesoSession) s = meso_session_new ();

    s->patient_id = 1;
    g_date_set_dmy (&s->date, 2, 3, 2026);
    s->status = MESO_SESSION_DONE;
    g_assert_true (meso_store_insert_session (store, s, &error));
  }
  CLI (&run, db, "session", "show", "1", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_set_contents (file, run.out, -1, NULL));
  CLI (&run, db, "audit", "log");
  log_before = g_strdup (run.out);

  /* The first step says what would go: here, that nothing can. */
  CLI (&run, db, "privacy", "delete", "999");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no patient with id 999"));
  CLI (&run, db, "privacy", "delete", "999", "--confirm", "999");
  assert_refused (&run, "no patient with id 999");
  CLI (&run, db, "privacy", "anonymise", "999", "--confirm", "999");
  assert_refused (&run, "no patient with id 999");

  CLI (&run, db, "amend", "999", file, "--reason", "x");
  assert_refused (&run, "no session with id 999");

  CLI (&run, db, "privacy", "anonymise", "1", "--confirm", "1", "--reason", long_reason);
  assert_refused (&run, "--reason: longer than 2000 characters");
  CLI (&run, db, "privacy", "delete", "1", "--confirm", "1", "--reason", "\xff");
  assert_refused (&run, "--reason: the value is not valid UTF-8 text");
  CLI (&run, db, "amend", "1", file, "--reason", long_reason);
  assert_refused (&run, "--reason: longer than 2000 characters");

  /* Nothing happened. */
  CLI (&run, db, "audit", "log");
  g_assert_cmpstr (run.out, ==, log_before);
  CLI (&run, db, "patient", "show", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Anna Rossi"));
}

static void
test_privacy (void)
{
  g_autofree char *db = fresh_db ("privacy.db");
  g_auto(MesoCliRun) run = { 0 };

  /* First step: says what would happen, changes nothing. */
  CLI (&run, db, "privacy", "delete", "1");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.out, "--confirm 1"));
  g_assert_nonnull (strstr (run.out, "Nothing was changed"));
  CLI (&run, db, "privacy", "delete", "1", "--confirm", "2");
  g_assert_cmpint (run.status, ==, 2);
  CLI (&run, db, "privacy", "delete", "--confirm", "1");
  g_assert_cmpint (run.status, ==, 2);
  CLI (&run, db, "privacy", "forget", "1", "--confirm", "1");
  g_assert_cmpint (run.status, ==, 2);
  CLI (&run, db, "audit", "log");
  g_assert_null (strstr (run.out, "delete"));

  CLI (&run, db, "privacy", "anonymise", "1", "--confirm", "1", "--reason", "asked by the patient");
  g_assert_cmpint (run.status, ==, 0);
  CLI (&run, db, "audit", "log");
  g_assert_nonnull (strstr (run.out, "anonymise patient 1"));
  g_assert_nonnull (strstr (run.out, "asked by the patient"));
  g_assert_null (strstr (run.out, "Anna Rossi"));

  CLI (&run, db, "privacy", "delete", "1", "--confirm", "1");
  g_assert_cmpint (run.status, ==, 0);
  /* Gone: no such patient, bad input like `patient show 1`. */
  CLI (&run, db, "privacy", "delete", "1", "--confirm", "1");
  g_assert_cmpint (run.status, ==, 2);
  CLI (&run, db, "audit", "verify");
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_amend (void)
{
  g_autofree char *db = fresh_db ("amend.db");
  g_autofree char *file = g_build_filename (tmpdir, "session.json", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(MesoCliRun) run = { 0 };

  {
    g_autoptr(MesoStore) store = meso_store_open (db, &error);
    g_autoptr(MesoSession) s = meso_session_new ();

    s->patient_id = 1;
    g_date_set_dmy (&s->date, 2, 3, 2026);
    s->status = MESO_SESSION_DONE;
    g_assert_true (meso_store_insert_session (store, s, &error));
    g_assert_cmpint (s->id, ==, 1);
  }
  CLI (&run, db, "session", "show", "1", "--json");
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(GRegex) re = g_regex_new ("\"depth_mm\" : [0-9.]+", 0, 0, NULL);
    g_autofree char *edited = g_regex_replace_literal (re, run.out, -1, 0, "\"depth_mm\" : 1.5", 0, NULL);

    g_assert_true (g_file_set_contents (file, edited, -1, NULL));
  }

  CLI (&run, db, "amend", "1", file);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "reason"));
  CLI (&run, db, "amend", "1", file, "--reason", "depth misread");
  g_assert_cmpint (run.status, ==, 0);
  CLI (&run, db, "amend", "1", file, "--reason", "again");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "changes nothing"));
  CLI (&run, db, "amend", "--list", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "{\"depth_mm\":[2.0,1.5]}"));
  /* The original is untouched. */
  CLI (&run, db, "session", "show", "1", "--json");
  g_assert_nonnull (strstr (run.out, "\"depth_mm\" : 2.0"));
  CLI (&run, db, "audit", "log");
  g_assert_nonnull (strstr (run.out, "amend session 1"));
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("mesochart-cli-safety-XXXXXX", NULL);
  g_test_add_func ("/cli/safety/help", test_help);
  g_test_add_func ("/cli/safety/audit", test_audit);
  g_test_add_func ("/cli/safety/backup-restore", test_backup_restore);
  g_test_add_func ("/cli/safety/privacy", test_privacy);
  g_test_add_func ("/cli/safety/amend", test_amend);
  g_test_add_func ("/cli/safety/bad-paths", test_bad_paths);
  g_test_add_func ("/cli/safety/missing-ids", test_missing_ids);
  rc = g_test_run ();
  meso_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return rc;
}
