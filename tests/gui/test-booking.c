/* test-booking.c: booking behind the screening, Today and Follow-ups,
 * driven through the widgets and checked in the database.
 *
 * Runs under Xvfb.  Widgets are driven as a user would (actions, text in
 * entries, dialog responses); the assertions are on what the store holds
 * and on the widgets' accessible state, never on pixels.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include <glib/gi18n.h>
#include <locale.h>

#include "meso-application.h"
#include "meso-booking.h"
#include "meso-context.h"
#include "meso-flag-item.h"
#include "meso-flag-row.h"
#include "meso-followup.h"
#include "meso-followups-page.h"
#include "meso-patient-page.h"
#include "meso-gui-test-util.h"
#include "meso-preferences-window.h"
#include "meso-screening-dialog.h"
#include "meso-session-editor.h"
#include "meso-today-page.h"
#include "meso-today-row.h"
#include "meso-window.h"

typedef MesoGuiFixture Fixture;

typedef enum
{
  PROFILE_CLEAR,
  PROFILE_PREGNANT,
  PROFILE_BRUISES,
} Profile;

/* A patient whose every answer was given (no "history incomplete"). */
static gint64
add_patient (Fixture    *fixture,
             const char *name,
             Profile     profile)
{
  g_autoptr(MesoPatient) patient = meso_patient_new ();
  g_autoptr(GError) error = NULL;
  GDate today;

  meso_date_set_today (&today);
  patient->name = g_strdup (name);
  g_date_set_dmy (&patient->date_of_birth, 14, G_DATE_MARCH, 1985);
  patient->sex = MESO_SEX_FEMALE;
  for (guint i = 0; i < MESO_N_CONDITIONS; i++)
    {
      patient->history->conditions[i].answer = MESO_ANSWER_NO;
      patient->history->conditions[i].confirmed = today;
    }
  patient->history->medications_state = MESO_LIST_NONE_KNOWN;
  patient->history->medications_confirmed = today;
  patient->history->allergies_state = MESO_LIST_NONE_KNOWN;
  patient->history->allergies_confirmed = today;
  patient->history->fitzpatrick = 2;

  if (profile == PROFILE_PREGNANT)
    patient->history->conditions[MESO_CONDITION_PREGNANCY].answer = MESO_ANSWER_YES;
  else if (profile == PROFILE_BRUISES)
    patient->history->bruises_easily = TRUE;

  meso_store_insert_patient (fixture->store, patient, &error);
  g_assert_no_error (error);
  return patient->id;
}

static GPtrArray *
list_sessions (Fixture *fixture,
               gint64   patient_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions;

  sessions = meso_store_list_sessions_for_patient (fixture->store, patient_id, &error);
  g_assert_no_error (error);
  return sessions;
}

static guint
count_sessions (Fixture *fixture,
                gint64   patient_id)
{
  g_autoptr(GPtrArray) sessions = list_sessions (fixture, patient_id);

  return sessions->len;
}

/* What clicking a response button does: respond, then close. */
static void
respond (MesoScreeningDialog *dialog,
         const char          *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static MesoSessionEditor *
open_editor (Fixture *fixture,
             gint64   patient_id)
{
  GtkWidget *editor = meso_session_editor_new (fixture->context, patient_id);

  gtk_window_present (GTK_WINDOW (editor));
  return MESO_SESSION_EDITOR (editor);
}

static void
test_contraindicated_refused_then_overridden (Fixture       *fixture,
                                              gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Hélène Martin", PROFILE_PREGNANT);
  g_autoptr(GPtrArray) sessions = NULL;
  MesoSessionEditor *editor;
  MesoScreeningDialog *dialog;
  const MesoSession *session;
  const char *reason = "Pregnancy ruled out by a test today; the patient's own physician agrees";
  GtkWidget *row;

  editor = open_editor (fixture, patient_id);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  /* Book: the contraindication stops it with a modal dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.book", NULL));
  WAIT_UNTIL (meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG) != NULL);
  dialog = meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "book"));
  g_assert_cmpuint (count_sessions (fixture, patient_id), ==, 0);

  /* Cancel writes nothing. */
  respond (dialog, "cancel");
  WAIT_UNTIL (meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG) == NULL);
  g_assert_cmpuint (count_sessions (fixture, patient_id), ==, 0);
  g_assert_nonnull (editor);

  /* Pressing "book" without an override reason cannot book either. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.book", NULL));
  WAIT_UNTIL (meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG) != NULL);
  dialog = meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG);
  respond (dialog, "book");
  WAIT_UNTIL (meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG) == NULL);
  g_assert_cmpuint (count_sessions (fixture, patient_id), ==, 0);

  /* The explicit clinician override, with a typed reason, books it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.book", NULL));
  WAIT_UNTIL (meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG) != NULL);
  dialog = meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG);
  row = meso_gui_test_template_child (dialog, MESO_TYPE_SCREENING_DIALOG, "override_row");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "book"));
  row = meso_gui_test_template_child (dialog, MESO_TYPE_SCREENING_DIALOG, "reason_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "book"));
  gtk_editable_set_text (GTK_EDITABLE (row), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "book"));
  respond (dialog, "book");
  WAIT_UNTIL (editor == NULL);

  sessions = list_sessions (fixture, patient_id);
  g_assert_cmpuint (sessions->len, ==, 1);
  session = g_ptr_array_index (sessions, 0);
  g_assert_cmpstr (session->override_reason, ==, reason);
  g_assert_cmpint (session->status, ==, MESO_SESSION_BOOKED);
  /* The documented defaults were kept (004). */
  g_assert_cmpuint (session->needle_gauge, ==, 30);
  g_assert_cmpfloat (session->needle_length_mm, ==, 4.0);
  g_assert_cmpfloat (session->depth_mm, ==, 2.0);
  g_assert_cmpfloat (session->angle_deg, ==, 45.0);
}

static void
test_caution_needs_each_acknowledgement (Fixture       *fixture,
                                         gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Marta Rossi", PROFILE_BRUISES);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  MesoSessionEditor *editor;
  MesoScreeningDialog *dialog;
  const MesoSession *session;
  GtkWidget *row;

  editor = open_editor (fixture, patient_id);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  row = meso_gui_test_template_child (editor, MESO_TYPE_SESSION_EDITOR, "solution_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "Vitamin cocktail");
  row = meso_gui_test_template_child (editor, MESO_TYPE_SESSION_EDITOR, "ingredients_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "hyaluronic acid, vitamin C");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.book", NULL));
  WAIT_UNTIL (meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG) != NULL);
  dialog = meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG);
  g_assert_cmpuint (count_sessions (fixture, patient_id), ==, 0);

  /* One check button per caution finding; Book waits for all of them. */
  checks = meso_gui_test_find_descendants (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
  g_assert_cmpuint (checks->len, >=, 1);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "book"));
  for (guint i = 0; i < checks->len; i++)
    {
      g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "book"));
      gtk_check_button_set_active (g_ptr_array_index (checks, i), TRUE);
    }
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "book"));

  respond (dialog, "book");
  WAIT_UNTIL (editor == NULL);

  sessions = list_sessions (fixture, patient_id);
  g_assert_cmpuint (sessions->len, ==, 1);
  session = g_ptr_array_index (sessions, 0);
  g_assert_null (session->override_reason);
  g_assert_cmpuint (session->acknowledged->len, ==, checks->len);
  g_assert_true (g_ptr_array_find_with_equal_func (session->acknowledged, "bruising_risk",
                                                   g_str_equal, NULL));
  g_assert_cmpstr (session->solution_name, ==, "Vitamin cocktail");
  g_assert_cmpuint (session->ingredients->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (session->ingredients, 1), ==, "vitamin C");
}

static void
test_invalid_depth_marked_not_saved (Fixture       *fixture,
                                     gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Anna Schmidt", PROFILE_CLEAR);
  MesoSessionEditor *editor;
  GtkWidget *depth_row, *depth_spin, *ingredients_row;

  editor = open_editor (fixture, patient_id);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  depth_row = meso_gui_test_template_child (editor, MESO_TYPE_SESSION_EDITOR, "depth_row");
  depth_spin = meso_gui_test_template_child (editor, MESO_TYPE_SESSION_EDITOR, "depth_spin");
  ingredients_row = meso_gui_test_template_child (editor, MESO_TYPE_SESSION_EDITOR, "ingredients_row");

  gtk_test_accessible_assert_state (depth_row, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);

  /* 40 mm is far past the 4 mm needle and the 13 mm limit: refused, not
   * clamped, and marked on the depth row itself. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (depth_spin), 40);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.book", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG));
  g_assert_cmpuint (count_sessions (fixture, patient_id), ==, 0);
  g_assert_nonnull (editor);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (depth_spin)), ==, 40);
  g_assert_true (gtk_widget_has_css_class (depth_row, "error"));
  gtk_test_accessible_assert_state (depth_row, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_state (depth_spin, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  /* Other fields are not blamed. */
  gtk_test_accessible_assert_state (ingredients_row, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);

  /* An empty ingredient between commas is refused too. */
  gtk_editable_set_text (GTK_EDITABLE (ingredients_row), "biotin,, vitamin C");
  gtk_test_accessible_assert_state (ingredients_row, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);

  /* Once corrected, the patient is clear and booking goes straight through. */
  gtk_editable_set_text (GTK_EDITABLE (ingredients_row), "biotin, vitamin C");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (depth_spin), 2.5);
  gtk_test_accessible_assert_state (depth_row, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.book", NULL));
  WAIT_UNTIL (editor == NULL);
  g_assert_null (meso_gui_test_find_toplevel (MESO_TYPE_SCREENING_DIALOG));
  g_assert_cmpuint (count_sessions (fixture, patient_id), ==, 1);
}

static gint64
insert_session (Fixture           *fixture,
                gint64             patient_id,
                gint               days_from_today,
                gint               time_minutes,
                MesoSessionStatus  status)
{
  g_autoptr(MesoSession) session = meso_session_new ();
  g_autoptr(GError) error = NULL;

  session->patient_id = patient_id;
  meso_date_set_today (&session->date);
  if (days_from_today < 0)
    g_date_subtract_days (&session->date, -days_from_today);
  else
    g_date_add_days (&session->date, days_from_today);
  session->time_minutes = time_minutes;
  session->status = status;
  session->solution_name = g_strdup ("Lipolytic blend");
  meso_store_insert_session (fixture->store, session, &error);
  g_assert_no_error (error);
  return session->id;
}

static void
test_today_mark_done (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Claire Dubois", PROFILE_CLEAR);
  gint64 session_id = insert_session (fixture, patient_id, 0, 10 * 60 + 30, MESO_SESSION_BOOKED);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(MesoSession) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *done_button;

  /* Tomorrow's session is not today's business. */
  insert_session (fixture, patient_id, 1, 9 * 60, MESO_SESSION_BOOKED);

  page = meso_gui_test_show_in_window (meso_today_page_new (fixture->context));
  WAIT_UNTIL (!meso_today_page_get_loading (MESO_TODAY_PAGE (page)));

  rows = meso_gui_test_find_descendants (page, MESO_TYPE_TODAY_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (meso_today_row_get_session (g_ptr_array_index (rows, 0))->id, ==, session_id);

  done_button = meso_gui_test_template_child (g_ptr_array_index (rows, 0), MESO_TYPE_TODAY_ROW,
                                              "done_button");
  g_assert_true (gtk_widget_get_visible (done_button));
  g_assert_true (gtk_widget_is_sensitive (done_button));
  g_signal_emit_by_name (done_button, "clicked");

  stored = meso_store_get_session (fixture->store, session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, MESO_SESSION_DONE);

  /* The page reloads and the session shows as done, without the button. */
  WAIT_UNTIL (!meso_today_page_get_loading (MESO_TODAY_PAGE (page)));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = meso_gui_test_find_descendants (page, MESO_TYPE_TODAY_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (meso_today_row_get_session (g_ptr_array_index (rows, 0))->status, ==, MESO_SESSION_DONE);
  g_assert_false (gtk_widget_get_visible (meso_gui_test_template_child (g_ptr_array_index (rows, 0),
                                                          MESO_TYPE_TODAY_ROW, "done_button")));
}

static MesoFlagRow *
find_flag_row (GtkWidget  *page,
               gint64      session_id,
               const char *code)
{
  g_autoptr(GPtrArray) rows = meso_gui_test_find_descendants (page, MESO_TYPE_FLAG_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      const MesoFlag *flag = meso_flag_row_get_flag (g_ptr_array_index (rows, i));

      /* A row the list view keeps but has not bound shows no flag. */
      if (flag != NULL && flag->session_id == session_id && g_str_equal (flag->code, code))
        return g_ptr_array_index (rows, i);
    }
  return NULL;
}

static char *
stored_review_note (Fixture    *fixture,
                    gint64      session_id,
                    const char *code)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *note = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT note FROM flag_reviews WHERE session_id = ? AND code = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    note = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return note;
}

static void
test_followups_review (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Sofia García", PROFILE_CLEAR);
  gint64 session_id = insert_session (fixture, patient_id, -3, 14 * 60, MESO_SESSION_DONE);
  g_autoptr(MesoFollowup) followup = meso_followup_new ();
  g_autoptr(GPtrArray) open_flags = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  const char *code = NULL;
  MesoFlagRow *row;
  GtkWidget *page, *note_row;

  followup->session_id = session_id;
  meso_date_set_today (&followup->date);
  followup->discharge = TRUE;
  followup->notes = g_strdup ("Pus at two injection points");
  meso_store_insert_followup (fixture->store, followup, &error);
  g_assert_no_error (error);

  page = meso_gui_test_show_in_window (meso_followups_page_new (fixture->context));
  WAIT_UNTIL (!meso_followups_page_get_loading (MESO_FOLLOWUPS_PAGE (page)));

  /* The store's flag for this session, and the page's row for it. */
  open_flags = meso_store_list_open_flags (fixture->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < open_flags->len; i++)
    {
      const MesoFlag *flag = g_ptr_array_index (open_flags, i);

      if (flag->session_id == session_id && flag->severity == MESO_FLAG_URGENT)
        code = flag->code;
    }
  g_assert_nonnull (code);
  row = find_flag_row (page, session_id, code);
  g_assert_nonnull (row);
  g_assert_cmpint (meso_flag_row_get_flag (row)->severity, ==, MESO_FLAG_URGENT);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "flag-urgent"));

  /* A review needs a note. */
  note_row = meso_gui_test_template_child (row, MESO_TYPE_FLAG_ROW, "note_row");
  g_assert_false (gtk_widget_is_sensitive (meso_gui_test_template_child (row, MESO_TYPE_FLAG_ROW,
                                                                         "review_button")));
  gtk_widget_activate_action (GTK_WIDGET (row), "flag.review", NULL);
  gtk_editable_set_text (GTK_EDITABLE (note_row), "   ");
  gtk_widget_activate_action (GTK_WIDGET (row), "flag.review", NULL);
  g_assert_null (stored_review_note (fixture, session_id, code));
  g_assert_nonnull (find_flag_row (page, session_id, code));

  gtk_editable_set_text (GTK_EDITABLE (note_row), "Called the patient; seen today, antibiotics prescribed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "flag.review", NULL));

  note = stored_review_note (fixture, session_id, code);
  g_assert_cmpstr (note, ==, "Called the patient; seen today, antibiotics prescribed");

  WAIT_UNTIL (!meso_followups_page_get_loading (MESO_FOLLOWUPS_PAGE (page)) &&
              find_flag_row (page, session_id, code) == NULL);

  g_clear_pointer (&open_flags, g_ptr_array_unref);
  open_flags = meso_store_list_open_flags (fixture->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < open_flags->len; i++)
    {
      const MesoFlag *flag = g_ptr_array_index (open_flags, i);

      g_assert_false (flag->session_id == session_id && g_str_equal (flag->code, code));
    }
}

static void
test_preferences_saved_in_database (Fixture       *fixture,
                                    gconstpointer  data)
{
  GtkWindow *window = meso_preferences_window_new (fixture->context);
  g_autoptr(MesoSettings) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *spin;
  GtkWidget *massage_row;
  GtkWidget *name_row;

  gtk_window_present (window);

  spin = meso_gui_test_template_child (window, MESO_TYPE_PREFERENCES_WINDOW, "legal_age_spin");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 21);
  massage_row = meso_gui_test_template_child (window, MESO_TYPE_PREFERENCES_WINDOW, "massage_row");
  adw_combo_row_set_selected (ADW_COMBO_ROW (massage_row), MESO_MASSAGE_AVOID);
  name_row = meso_gui_test_template_child (window, MESO_TYPE_PREFERENCES_WINDOW, "name_row");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Clinique du Parc");
  g_signal_emit_by_name (name_row, "apply");

  stored = meso_store_load_settings (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->legal_age, ==, 21);
  g_assert_cmpint (stored->default_massage, ==, MESO_MASSAGE_AVOID);
  g_assert_cmpstr (stored->clinic_name, ==, "Clinique du Parc");
  g_assert_cmpuint (meso_context_get_settings (fixture->context)->legal_age, ==, 21);
}

/* Narrow, the list hides the sheet: activating a row (click, double-click,
 * Enter all end there) must bring the sheet and its buttons. */
static void
test_today_row_activation_shows_sheet (Fixture       *fixture,
                                       gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Claire Dubois", PROFILE_CLEAR);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *page, *leaflet, *preview_pane, *row;

  insert_session (fixture, patient_id, 0, 9 * 60, MESO_SESSION_BOOKED);
  insert_session (fixture, patient_id, 0, 11 * 60, MESO_SESSION_BOOKED);
  page = meso_gui_test_show_in_window (meso_today_page_new (fixture->context));
  gtk_window_set_default_size (GTK_WINDOW (gtk_widget_get_root (page)), 400, 700);
  WAIT_UNTIL (!meso_today_page_get_loading (MESO_TODAY_PAGE (page)));
  leaflet = meso_gui_test_template_child (page, MESO_TYPE_TODAY_PAGE, "leaflet");
  preview_pane = meso_gui_test_template_child (page, MESO_TYPE_TODAY_PAGE, "preview_pane");
  WAIT_UNTIL (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) != preview_pane);

  rows = meso_gui_test_find_descendants (page, MESO_TYPE_TODAY_ROW);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 1);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (row, "activate");
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) == preview_pane);
  WAIT_UNTIL (gtk_widget_get_mapped (preview_pane));

  /* Back to the list, and wide again the two sit side by side. */
  g_assert_true (gtk_widget_activate_action (page, "today.show-list", NULL));
  WAIT_UNTIL (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) != preview_pane);
  gtk_window_set_default_size (GTK_WINDOW (gtk_widget_get_root (page)), 1100, 700);
  WAIT_UNTIL (!adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  g_signal_emit_by_name (row, "activate");
  g_assert_true (gtk_widget_get_mapped (preview_pane));
  g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (rows, 0)));
}

/* The solution, needle and dose are what the front desk checks: none of
 * them may be cut off. */
static void
test_today_row_shows_whole_session (Fixture       *fixture,
                                    gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Claire Dubois", PROFILE_CLEAR);
  g_autoptr(MesoSession) session = meso_session_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  const char *subtitle;

  session->patient_id = patient_id;
  meso_date_set_today (&session->date);
  session->time_minutes = 9 * 60;
  session->solution_name = g_strdup ("Non-crosslinked hyaluronic acid 2% with a long brand name");
  session->volume_ml = 2.5;
  meso_store_insert_session (fixture->store, session, &error);
  g_assert_no_error (error);

  row = meso_today_row_new (session, "Claire Dubois");
  g_object_ref_sink (row);
  g_assert_cmpint (adw_action_row_get_subtitle_lines (ADW_ACTION_ROW (row)), ==, 0);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, session->solution_name));
  g_assert_nonnull (strstr (subtitle, "2.5 ml"));
  g_assert_nonnull (strstr (subtitle, "4 mm"));
  g_object_unref (row);
}

/* "Open Patient" on a follow-up flag opens that patient in Patients. */
static void
test_followups_open_patient (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Sofia García", PROFILE_CLEAR);
  gint64 session_id = insert_session (fixture, patient_id, -3, 14 * 60, MESO_SESSION_DONE);
  g_autoptr(MesoFollowup) followup = meso_followup_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  MesoWindow *window;
  MesoFlagRow *row = NULL;
  GtkWidget *followups, *button;

  add_patient (fixture, "Another Patient", PROFILE_CLEAR);
  followup->session_id = session_id;
  meso_date_set_today (&followup->date);
  followup->discharge = TRUE;
  meso_store_insert_followup (fixture->store, followup, &error);
  g_assert_no_error (error);

  window = meso_window_new (NULL, fixture->context);
  gtk_window_present (GTK_WINDOW (window));
  meso_window_show_place (window, "followups");
  followups = meso_gui_test_find_descendant (GTK_WIDGET (window), MESO_TYPE_FOLLOWUPS_PAGE);
  g_assert_nonnull (followups);
  WAIT_UNTIL (!meso_followups_page_get_loading (MESO_FOLLOWUPS_PAGE (followups)));
  WAIT_UNTIL ((row = MESO_FLAG_ROW (meso_gui_test_find_descendant (followups, MESO_TYPE_FLAG_ROW))) != NULL &&
              meso_flag_row_get_flag (row) != NULL);
  g_assert_cmpint (meso_flag_row_get_flag (row)->patient_id, ==, patient_id);

  button = meso_gui_test_template_child (row, MESO_TYPE_FLAG_ROW, "open_patient_button");
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  g_assert_cmpstr (meso_window_get_place (window), ==, "patients");
  pages = meso_gui_test_find_descendants (GTK_WIDGET (window), MESO_TYPE_PATIENT_PAGE);
  g_assert_cmpuint (pages->len, >=, 1);
  g_assert_cmpint (meso_patient_page_get_patient_id (g_ptr_array_index (pages, pages->len - 1)), ==, patient_id);
}

/* Severity badges differ in width once translated ("Urgent", "À
 * examiner"): each row's badge takes the widest, so titles line up. */
static void
test_flag_severity_one_width (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *old_messages = g_strdup (setlocale (LC_MESSAGES, NULL));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *labels[MESO_N_FLAG_SEVERITIES];
  int widths[MESO_N_FLAG_SEVERITIES];

  /* gettext ignores LANGUAGE under the plain C locale. */
  setlocale (LC_MESSAGES, "C.UTF-8");
  g_setenv ("LANGUAGE", "fr", TRUE);
  meso_application_bind_text_domain ();
  /* The French catalogue comes from MESOCHART_LOCALEDIR (tests/meson.build). */
  g_assert_cmpstr (meso_flag_severity_to_label (MESO_FLAG_REVIEW), !=, "Review");

  meso_gui_test_show_in_window (box);
  for (guint i = 0; i < MESO_N_FLAG_SEVERITIES; i++)
    {
      MesoFlag flag = { 0, };
      g_autoptr(MesoFlagItem) item = NULL;
      GtkWidget *row = meso_flag_row_new ();

      flag.code = (char *) "infection";
      flag.session_id = i + 1;
      flag.patient_id = i + 1;
      flag.patient_name = (char *) "Sofia García";
      flag.severity = i;
      flag.reason = (char *) "Pus";
      flag.source = "004";
      meso_date_set_today (&flag.raised_on);
      item = meso_flag_item_new (&flag);
      meso_flag_row_bind (MESO_FLAG_ROW (row), item);
      gtk_box_append (GTK_BOX (box), row);
      labels[i] = meso_gui_test_template_child (row, MESO_TYPE_FLAG_ROW, "severity_label");
    }
  WAIT_UNTIL (gtk_widget_get_width (labels[0]) > 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  for (guint i = 0; i < MESO_N_FLAG_SEVERITIES; i++)
    {
      int natural;

      widths[i] = gtk_widget_get_width (labels[i]);
      gtk_widget_measure (labels[i], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpint (widths[i], >=, natural);
      g_assert_cmpint (widths[i], ==, widths[0]);
    }

  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, old_messages);
}

/* Run from the build tree, the window's text comes from
 * $MESOCHART_LOCALEDIR, like the sheets'; installed, from LOCALEDIR. */
static void
test_text_domain_follows_localedir (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *old = g_strdup (g_getenv ("MESOCHART_LOCALEDIR"));
  g_autofree char *expected = g_canonicalize_filename (fixture->dir, NULL);

  g_setenv ("MESOCHART_LOCALEDIR", fixture->dir, TRUE);
  g_assert_cmpstr (meso_application_bind_text_domain (), ==, expected);
  g_assert_cmpstr (bindtextdomain (GETTEXT_PACKAGE, NULL), ==, expected);

  g_unsetenv ("MESOCHART_LOCALEDIR");
  g_assert_cmpstr (meso_application_bind_text_domain (), ==, LOCALEDIR);
  g_assert_cmpstr (bindtextdomain (GETTEXT_PACKAGE, NULL), ==, LOCALEDIR);

  if (old != NULL)
    g_setenv ("MESOCHART_LOCALEDIR", old, TRUE);
  meso_application_bind_text_domain ();
}

/* The first label of @row with the "title" style: AdwActionRow's title. */
static GtkWidget *
find_row_title (GtkWidget *row)
{
  g_autoptr(GPtrArray) labels = meso_gui_test_find_descendants (row, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "title"))
      return g_ptr_array_index (labels, i);
  g_assert_not_reached ();
}

/* The label in @row showing its value @text, or NULL. */
static GtkWidget *
find_label_with_text (GtkWidget  *row,
                      const char *text)
{
  g_autoptr(GPtrArray) labels = meso_gui_test_find_descendants (row, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0 &&
        gtk_widget_get_mapped (g_ptr_array_index (labels, i)))
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* A combo row's value (the massage advice is printed on the sheet) is
 * never cut to make room for the row's title. */
static void
test_combo_value_shown_whole (Fixture       *fixture,
                              gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Anna Schmidt", PROFILE_CLEAR);
  MesoSessionEditor *editor = open_editor (fixture, patient_id);
  const char *advice = meso_massage_to_label (MESO_MASSAGE_GENTLE);
  GtkWidget *row, *value;
  int minimum, natural;

  /* As narrow as the window may be. */
  gtk_window_set_default_size (GTK_WINDOW (editor), 360, 600);
  row = meso_gui_test_template_child (editor, MESO_TYPE_SESSION_EDITOR, "massage_row");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), MESO_MASSAGE_GENTLE);
  WAIT_UNTIL ((value = find_label_with_text (row, advice)) != NULL);

  gtk_widget_measure (value, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, natural);
  WAIT_UNTIL (gtk_widget_get_width (value) > 0);
  g_assert_cmpint (gtk_widget_get_width (value), >=, natural);
}

static void
assert_no_bare_codes (const char *text)
{
  g_autoptr(GRegex) code = g_regex_new ("\\(\\d{3}[,)]", 0, 0, NULL);

  if (text != NULL && g_regex_match (code, text, 0, NULL))
    g_error ("Bare document code in “%s”: say “document 004”", text);
}

/* Sources read "Source: document 004", not "(004)". */
static void
test_sources_named_in_words (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Anna Schmidt", PROFILE_CLEAR);
  GtkWidget *windows[2];

  windows[0] = GTK_WIDGET (open_editor (fixture, patient_id));
  windows[1] = GTK_WIDGET (meso_preferences_window_new (fixture->context));
  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    {
      g_autoptr(GPtrArray) rows = meso_gui_test_find_descendants (windows[w], ADW_TYPE_PREFERENCES_ROW);
      g_autoptr(GPtrArray) groups = meso_gui_test_find_descendants (windows[w], ADW_TYPE_PREFERENCES_GROUP);

      g_assert_cmpuint (rows->len, >, 0);
      for (guint i = 0; i < rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (rows, i);

          assert_no_bare_codes (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
          if (ADW_IS_ACTION_ROW (row))
            assert_no_bare_codes (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
          assert_no_bare_codes (gtk_widget_get_tooltip_text (row));
        }
      for (guint i = 0; i < groups->len; i++)
        assert_no_bare_codes (adw_preferences_group_get_description (g_ptr_array_index (groups, i)));
    }
}

static GtkWidget *
find_row_titled (GtkWidget  *root,
                 const char *title)
{
  g_autoptr(GPtrArray) rows = meso_gui_test_find_descendants (root, ADW_TYPE_PREFERENCES_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_error ("No row titled “%s”", title);
}

/* "Last Backup" starts where the rows above it start. */
static void
test_backup_rows_aligned (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWindow *window = meso_preferences_window_new (fixture->context);
  GtkWidget *status_row, *keep_row, *page;
  graphene_point_t status_title, keep_title;

  gtk_window_present (window);
  status_row = find_row_titled (GTK_WIDGET (window), "Last Backup");
  keep_row = find_row_titled (GTK_WIDGET (window), "Backups to Keep");
  page = gtk_widget_get_ancestor (status_row, ADW_TYPE_PREFERENCES_PAGE);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  WAIT_UNTIL (gtk_widget_get_mapped (status_row) && gtk_widget_get_width (find_row_title (status_row)) > 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (gtk_widget_compute_point (find_row_title (status_row), GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (0, 0), &status_title));
  g_assert_true (gtk_widget_compute_point (find_row_title (keep_row), GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT (0, 0), &keep_title));
  g_assert_cmpfloat (status_title.x, ==, keep_title.x);
}

/* Narrow, the window opens on the place shown last, not on the list of
 * places. */
static void
test_window_opens_on_last_place (Fixture       *fixture,
                                 gconstpointer  data)
{
  MesoWindow *window;
  GtkWidget *leaflet, *stack;

  g_assert_nonnull (fixture->settings);
  g_settings_set_int (fixture->settings, "window-width", 400);
  g_settings_set_int (fixture->settings, "window-height", 700);
  g_settings_set_string (fixture->settings, "last-place", "today");

  window = meso_window_new (NULL, fixture->context);
  gtk_window_present (GTK_WINDOW (window));
  leaflet = meso_gui_test_template_child (window, MESO_TYPE_WINDOW, "leaflet");
  stack = meso_gui_test_template_child (window, MESO_TYPE_WINDOW, "stack");
  WAIT_UNTIL (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  g_assert_cmpstr (meso_window_get_place (window), ==, "today");
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) == stack);

  g_settings_reset (fixture->settings, "window-width");
  g_settings_reset (fixture->settings, "window-height");
  g_settings_reset (fixture->settings, "last-place");
}

int
main (int   argc,
      char *argv[])
{
  /* The accessible-state assertions read GTK's test AT context; it also
   * spares the tests an AT-SPI bus, which Xvfb does not provide. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* The window's size and last place live in GSettings. */
  meso_gui_test_use_build_schemas ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, meso_gui_fixture_set_up, func, meso_gui_fixture_tear_down)

  ADD_TEST ("/gui/booking/contraindicated", test_contraindicated_refused_then_overridden);
  ADD_TEST ("/gui/booking/caution", test_caution_needs_each_acknowledgement);
  ADD_TEST ("/gui/booking/invalid-depth", test_invalid_depth_marked_not_saved);
  ADD_TEST ("/gui/today/mark-done", test_today_mark_done);
  ADD_TEST ("/gui/followups/review", test_followups_review);
  ADD_TEST ("/gui/preferences/saved", test_preferences_saved_in_database);
  ADD_TEST ("/gui/today/activate-shows-sheet", test_today_row_activation_shows_sheet);
  ADD_TEST ("/gui/today/whole-session", test_today_row_shows_whole_session);
  ADD_TEST ("/gui/followups/open-patient", test_followups_open_patient);
  ADD_TEST ("/gui/followups/severity-width", test_flag_severity_one_width);
  ADD_TEST ("/gui/i18n/text-domain", test_text_domain_follows_localedir);
  ADD_TEST ("/gui/booking/combo-value-whole", test_combo_value_shown_whole);
  ADD_TEST ("/gui/booking/sources-in-words", test_sources_named_in_words);
  ADD_TEST ("/gui/preferences/backup-rows-aligned", test_backup_rows_aligned);
  ADD_TEST ("/gui/window/opens-on-last-place", test_window_opens_on_last_place);

  return g_test_run ();
}
