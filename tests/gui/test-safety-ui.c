/* test-safety-ui.c: the safety of the record, in the app: the history of
 * changes, the two-step delete and anonymise, and daily backups.
 *
 * Runs under Xvfb.  Widgets are driven as a user would (actions, text in
 * entries, dialog responses); the assertions are on what the store, the
 * audit trail and the backup folder hold, and on the text shown.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "meso-audit.h"
#include "meso-audit-item.h"
#include "meso-audit-row.h"
#include "meso-backup.h"
#include "meso-backup-scheduler.h"
#include "meso-context.h"
#include "meso-gui-test-util.h"
#include "meso-history-window.h"
#include "meso-patient-page.h"
#include "meso-preferences-window.h"
#include "meso-privacy-dialog.h"

typedef MesoGuiFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const keys[] = {
    "backup-enabled", "backup-folder", "backup-keep", "backup-last-time", "backup-last-error",
  };

  meso_gui_fixture_set_up (fixture, data);
  g_assert_nonnull (fixture->settings);
  /* One memory backend for the whole run: start each test from defaults. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);
}

static gint64
add_patient (Fixture    *fixture,
             const char *name,
             const char *phone)
{
  g_autoptr(MesoPatient) patient = meso_patient_new ();
  g_autoptr(GError) error = NULL;

  patient->name = g_strdup (name);
  g_date_set_dmy (&patient->date_of_birth, 14, G_DATE_MARCH, 1985);
  patient->sex = MESO_SEX_FEMALE;
  patient->phone = g_strdup (phone);
  meso_store_insert_patient (fixture->store, patient, &error);
  g_assert_no_error (error);
  return patient->id;
}

/* Every label's text under @widget, one per line. */
static char *
dup_shown_text (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = meso_gui_test_find_descendants (widget, GTK_TYPE_LABEL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (labels->pdata[i]))
      g_string_append_printf (text, "%s\n", gtk_label_get_text (labels->pdata[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static MesoPatientPage *
show_patient_page (Fixture *fixture,
                   gint64   id)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page = meso_gui_test_show_in_window (meso_patient_page_new (fixture->context));

  meso_patient_page_load (MESO_PATIENT_PAGE (page), id, &error);
  g_assert_no_error (error);
  return MESO_PATIENT_PAGE (page);
}

static gboolean
audit_has (Fixture    *fixture,
           gint64      patient_id,
           const char *action)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = meso_audit_list (fixture->store, patient_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((MesoAuditEntry *) entries->pdata[i])->action, action) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_chain_intact (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (meso_audit_verify (fixture->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_history_lists_changes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MesoPatient) patient = NULL;
  g_autoptr(MesoAuditItem) newest = NULL;
  g_autoptr(MesoAuditItem) oldest = NULL;
  g_autoptr(GError) error = NULL;
  MesoHistoryWindow *history;
  MesoPatientPage *page;
  GListModel *model;
  gint64 id;

  id = add_patient (fixture, "Ana Lima", "0612 345 678");
  patient = meso_store_get_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  g_free (patient->phone);
  patient->phone = g_strdup ("0698 765 432");
  patient->history->bruises_easily = TRUE;
  meso_store_update_patient (fixture->store, patient, &error);
  g_assert_no_error (error);

  page = show_patient_page (fixture, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.show-history", NULL));
  history = meso_gui_test_find_toplevel (MESO_TYPE_HISTORY_WINDOW);
  g_assert_nonnull (history);
  WAIT_UNTIL (!meso_history_window_get_loading (history));

  /* The trail, newest first: the update, then the creation. */
  model = meso_history_window_get_model (history);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  newest = g_list_model_get_item (model, 0);
  oldest = g_list_model_get_item (model, 1);
  g_assert_cmpstr (meso_audit_item_get_entry (newest)->action, ==, "update");
  g_assert_cmpstr (meso_audit_item_get_entry (oldest)->action, ==, "create");
  g_assert_cmpint (meso_audit_item_get_entry (newest)->seq, >, meso_audit_item_get_entry (oldest)->seq);

  /* In words: the field, the old and the new value. */
  {
    g_autofree char *shown = NULL;
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    for (;;)
      {
        g_free (shown);
        shown = dup_shown_text (GTK_WIDGET (history));
        if (strstr (shown, "Phone: 0612 345 678 → 0698 765 432") != NULL ||
            g_get_monotonic_time () > end)
          break;
        g_main_context_iteration (NULL, FALSE);
      }
    g_assert_nonnull (strstr (shown, "Patient details changed"));
    g_assert_nonnull (strstr (shown, "Phone: 0612 345 678 → 0698 765 432"));
    g_assert_nonnull (strstr (shown, "Bruises easily: No → Yes"));
    g_assert_nonnull (strstr (shown, "Patient record created"));
    g_assert_nonnull (strstr (shown, "Name: Ana Lima"));
    /* Newest first on screen too. */
    g_assert_true (strstr (shown, "Patient details changed") < strstr (shown, "Patient record created"));
  }

  /* A later change shows without reopening the window. */
  g_free (patient->phone);
  patient->phone = g_strdup ("0700 000 000");
  meso_store_update_patient (fixture->store, patient, &error);
  g_assert_no_error (error);
  meso_context_notify_changed (fixture->context, MESO_CHANGE_PATIENTS);
  WAIT_UNTIL (g_list_model_get_n_items (model) == 3 && !meso_history_window_get_loading (history));
}

static MesoPrivacyDialog *
open_privacy_dialog (MesoPatientPage *page,
                     const char      *action)
{
  MesoPrivacyDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), action, NULL));
  dialog = meso_gui_test_find_toplevel (MESO_TYPE_PRIVACY_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

/* What clicking a response button does: respond, then close. */
static void
respond (MesoPrivacyDialog *dialog,
         const char        *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_delete_two_steps (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MesoPatient) still = NULL;
  g_autoptr(MesoPatient) gone = NULL;
  g_autoptr(GError) error = NULL;
  MesoPrivacyDialog *dialog;
  MesoPatientPage *page;
  gint64 id, other;

  id = add_patient (fixture, "Béatrice Durand", "0611");
  other = add_patient (fixture, "Carla Neri", "0622");
  page = show_patient_page (fixture, id);

  /* Wrong confirmation text: the button stays off, and even a response
   * sent without it writes nothing. */
  dialog = open_privacy_dialog (page, "patient.delete");
  gtk_editable_set_text (meso_privacy_dialog_get_confirm_entry (dialog), "Carla Neri");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "confirm"));
  respond (dialog, "confirm");
  still = meso_store_get_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (still);
  g_assert_false (audit_has (fixture, id, "delete"));

  /* Cancel after typing the right name: nothing either. */
  dialog = open_privacy_dialog (page, "patient.delete");
  gtk_editable_set_text (meso_privacy_dialog_get_confirm_entry (dialog), "Béatrice Durand");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "confirm"));
  respond (dialog, "cancel");
  g_assert_false (audit_has (fixture, id, "delete"));

  /* The name as typed by a hurried hand (case, spaces) confirms. */
  dialog = open_privacy_dialog (page, "patient.delete");
  gtk_editable_set_text (meso_privacy_dialog_get_reason_entry (dialog), "Asked to be forgotten");
  gtk_editable_set_text (meso_privacy_dialog_get_confirm_entry (dialog), "  béatrice durand ");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "confirm"));
  respond (dialog, "confirm");

  gone = meso_store_get_patient (fixture->store, id, &error);
  g_assert_null (gone);
  g_clear_error (&error);
  g_assert_true (audit_has (fixture, id, "delete"));
  assert_chain_intact (fixture);
  /* The page no longer shows the deleted record; the other patient stays. */
  g_assert_cmpint (meso_patient_page_get_patient_id (page), ==, 0);
  g_clear_pointer (&still, meso_patient_free);
  still = meso_store_get_patient (fixture->store, other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (still->name, ==, "Carla Neri");
}

static void
test_anonymise_needs_reason (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(MesoPatient) patient = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;
  MesoPrivacyDialog *dialog;
  MesoPatientPage *page;
  MesoAuditEntry *last;
  gint64 id;

  id = add_patient (fixture, "Dora Weiss", "0633");
  page = show_patient_page (fixture, id);

  dialog = open_privacy_dialog (page, "patient.anonymise");
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* The number confirms as well as the name, but not without a reason. */
  gtk_editable_set_text (meso_privacy_dialog_get_confirm_entry (dialog), id_text);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "confirm"));
  gtk_editable_set_text (meso_privacy_dialog_get_reason_entry (dialog), "Right to erasure, records kept");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "confirm"));
  respond (dialog, "confirm");

  patient = meso_store_get_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (patient->name, "Dora"));
  g_assert_null (patient->phone);
  /* The page shows the anonymised record. */
  g_assert_cmpint (meso_patient_page_get_patient_id (page), ==, id);

  entries = meso_audit_list (fixture->store, id, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpstr (last->action, ==, "anonymise");
  g_assert_cmpstr (last->reason, ==, "Right to erasure, records kept");
  assert_chain_intact (fixture);
}

static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  g_autoptr(GPtrArray) rows = meso_gui_test_find_descendants (widget, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}

/* The warning sign before the status, shown when the last backup failed. */
static gboolean
failed_icon_shown (AdwActionRow *row)
{
  g_autoptr(GPtrArray) images = meso_gui_test_find_descendants (GTK_WIDGET (row), GTK_TYPE_IMAGE);

  for (guint i = 0; i < images->len; i++)
    if (g_strcmp0 (gtk_image_get_icon_name (images->pdata[i]), "dialog-warning-symbolic") == 0)
      return gtk_widget_get_visible (images->pdata[i]);
  return FALSE;
}

static GtkWindow *
show_preferences (Fixture *fixture)
{
  GtkWindow *preferences = meso_preferences_window_new (fixture->context);

  gtk_window_present (preferences);
  return preferences;
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  if (dir != NULL)
    while (g_dir_read_name (dir) != NULL)
      n++;
  return n;
}

static void
test_back_up_now (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *written = NULL;
  g_autofree char *last_error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "clinic-%Y-%m-%d.db");
  g_autoptr(MesoStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  MesoBackupScheduler *scheduler = meso_backup_scheduler_get_for_context (fixture->context);
  AdwActionRow *status;
  GtkWindow *preferences;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  add_patient (fixture, "Elena Rossi", "0644");
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_settings_set_string (fixture->settings, "backup-folder", folder);
  g_settings_set_uint (fixture->settings, "backup-keep", 3);

  preferences = show_preferences (fixture);
  status = find_row (GTK_WIDGET (preferences), "Last Backup");
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_action_row_get_subtitle (status), ==, "None yet");
  g_assert_false (failed_icon_shown (status));
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (GTK_WIDGET (preferences), "Folder")), ==, folder);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.back-up-now", NULL));
  WAIT_UNTIL (!meso_backup_scheduler_get_busy (scheduler) &&
              g_str_has_prefix (adw_action_row_get_subtitle (status), "Written on"));

  /* A backup a clinic can open, that checks. */
  written = g_build_filename (folder, day, NULL);
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (folder), ==, 1);
  g_assert_true (meso_backup_check (written, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (written, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  copy = meso_store_open (written, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  /* Recorded in the trail of the clinic's database. */
  g_assert_true (audit_has (fixture, 0, "backup"));
  last_error = g_settings_get_string (fixture->settings, "backup-last-error");
  g_assert_cmpstr (last_error, ==, "");
}

static void
test_back_up_unwritable (Fixture       *fixture,
                         gconstpointer  data)
{
  /* Tests run as root, which writes through chmod: a path under a regular
   * file cannot be a folder for anyone. */
  g_autofree char *blocker = g_build_filename (fixture->dir, "a-file", NULL);
  g_autofree char *folder = g_build_filename (blocker, "backups", NULL);
  g_autofree char *good = g_build_filename (fixture->dir, "good", NULL);
  g_autofree char *old_backup = g_build_filename (good, "clinic-2020-01-01.db", NULL);
  g_autofree char *shown = NULL;
  g_autofree char *last_error = NULL;
  MesoBackupScheduler *scheduler = meso_backup_scheduler_get_for_context (fixture->context);
  AdwMessageDialog *failure;
  AdwActionRow *status;
  GtkWindow *preferences;
  gboolean had_backup;

  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  had_backup = audit_has (fixture, 0, "backup");
  g_settings_set_string (fixture->settings, "backup-folder", folder);

  preferences = show_preferences (fixture);
  status = find_row (GTK_WIDGET (preferences), "Last Backup");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.back-up-now", NULL));
  WAIT_UNTIL (!meso_backup_scheduler_get_busy (scheduler) &&
              g_str_has_prefix (adw_action_row_get_subtitle (status), "Failed on"));

  /* The message names the folder, and nothing was written or recorded. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (status), folder));
  g_assert_true (failed_icon_shown (status));
  last_error = g_settings_get_string (fixture->settings, "backup-last-error");
  g_assert_nonnull (strstr (last_error, folder));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpint (audit_has (fixture, 0, "backup"), ==, had_backup);

  /* The scheduled backup fails the same way, and says so in a dialog. */
  gtk_window_destroy (preferences);
  g_settings_set_boolean (fixture->settings, "backup-enabled", TRUE);
  meso_backup_scheduler_start (scheduler);
  WAIT_UNTIL ((failure = meso_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (failure), ==, "Daily Backup Failed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (failure), folder));
  gtk_window_destroy (GTK_WINDOW (failure));

  /* A good folder afterwards: its older backup is kept (keep 14). */
  g_assert_cmpint (g_mkdir (good, 0700), ==, 0);
  g_assert_true (g_file_set_contents (old_backup, "older backup", -1, NULL));
  g_settings_set_string (fixture->settings, "backup-folder", good);
  WAIT_UNTIL (count_files (good) == 2 && !meso_backup_scheduler_get_busy (scheduler));
  g_assert_true (g_file_get_contents (old_backup, &shown, NULL, NULL));
  g_assert_cmpstr (shown, ==, "older backup");
}

int
main (int   argc,
      char *argv[])
{
  /* The backup settings live in GSettings. */
  meso_gui_test_use_build_schemas ();

  /* The accessible-state assertions read GTK's test AT context; it also
   * spares the tests an AT-SPI bus, which Xvfb does not provide. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, meso_gui_fixture_tear_down)

  ADD_TEST ("/gui/safety/history", test_history_lists_changes);
  ADD_TEST ("/gui/safety/delete-two-steps", test_delete_two_steps);
  ADD_TEST ("/gui/safety/anonymise", test_anonymise_needs_reason);
  ADD_TEST ("/gui/safety/back-up-now", test_back_up_now);
  ADD_TEST ("/gui/safety/back-up-unwritable", test_back_up_unwritable);

  return g_test_run ();
}
