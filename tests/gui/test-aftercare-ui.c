/* test-aftercare-ui.c: aftercare sheets and follow-ups in the app.
 *
 * Runs under Xvfb.  Sheets are printed to PDF files through the print
 * operation's export action (MesoSheetPrinter, the code path of Print) and
 * read back with pdftotext; follow-ups are entered through the editor's
 * widgets and checked in the database.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "meso-aftercare.h"
#include "meso-context.h"
#include "meso-followup-editor.h"
#include "meso-followup.h"
#include "meso-gui-test-util.h"
#include "meso-session-page.h"
#include "meso-sheet-preview.h"
#include "meso-sheet-printer.h"
#include "meso-today-page.h"

typedef MesoGuiFixture Fixture;

static gint64
add_patient (Fixture    *fixture,
             const char *name,
             const char *language)
{
  g_autoptr(MesoPatient) patient = meso_patient_new ();
  g_autoptr(GError) error = NULL;

  patient->name = g_strdup (name);
  g_free (patient->language);
  patient->language = g_strdup (language);
  g_date_set_dmy (&patient->date_of_birth, 14, G_DATE_MARCH, 1985);
  meso_store_insert_patient (fixture->store, patient, &error);
  g_assert_no_error (error);
  return patient->id;
}

static gint64
add_session (Fixture           *fixture,
             gint64             patient_id,
             gint               days_ago,
             MesoArea           area,
             MesoConsistency    consistency,
             MesoSessionStatus  status)
{
  g_autoptr(MesoSession) session = meso_session_new ();
  g_autoptr(GError) error = NULL;

  session->patient_id = patient_id;
  meso_date_set_today (&session->date);
  g_date_subtract_days (&session->date, days_ago);
  session->time_minutes = 9 * 60 + days_ago;
  session->area = area;
  session->consistency = consistency;
  session->status = status;
  session->solution_name = g_strdup ("Hyaluronic acid 2%");
  meso_store_insert_session (fixture->store, session, &error);
  g_assert_no_error (error);
  return session->id;
}

/* The PDF's text, whitespace collapsed so that wrapped lines compare. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL; /* captured, not sent to /dev/null */
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_regex_replace_literal (spaces, out, -1, 0, " ", 0, NULL);
}

/* The start of a rule's English text, up to any placeholder: enough to
 * recognise its line in a PDF. */
static char *
rule_text_start (const char *code)
{
  guint n_rules;
  const MesoAftercareRule *rules = meso_aftercare_rules (&n_rules);

  for (guint i = 0; i < n_rules; i++)
    if (g_str_equal (rules[i].code, code))
      return g_strndup (rules[i].text, MIN (strcspn (rules[i].text, "{"), 24));
  g_assert_not_reached ();
}

static void
export (Fixture   *fixture,
        GPtrArray *sheets,
        const char *path)
{
  g_autoptr(MesoSheetPrinter) printer = NULL;
  g_autoptr(GError) error = NULL;

  printer = meso_sheet_printer_new (sheets, meso_context_get_settings (fixture->context)->paper_size);
  g_assert_true (meso_sheet_printer_export (printer, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_print_face_session (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Hélène Dupont", "en");
  gint64 session_id = add_session (fixture, patient_id, 0, MESO_AREA_FACE,
                                   MESO_CONSISTENCY_MEDIUM, MESO_SESSION_DONE);
  g_autofree char *path = g_build_filename (fixture->dir, "face.pdf", NULL);
  g_autofree char *makeup = rule_text_start ("no_makeup");
  g_autofree char *clothing = rule_text_start ("loose_clothing");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_aftercare_sheet_unref);
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  MesoSheetPreview *preview;

  /* The session page previews the sheet it prints. */
  page = meso_session_page_new (fixture->context, session_id);
  gtk_window_present (GTK_WINDOW (page));
  meso_session_page_show_view (MESO_SESSION_PAGE (page), "sheet");
  preview = MESO_SHEET_PREVIEW (meso_gui_test_template_child (page, MESO_TYPE_SESSION_PAGE, "preview"));
  g_assert_cmpuint (meso_sheet_preview_get_n_pages (preview), >=, 1);

  g_ptr_array_add (sheets, meso_sheet_printer_build_sheet (fixture->store,
                                                           meso_context_get_settings (fixture->context),
                                                           session_id, &error));
  g_assert_no_error (error);
  export (fixture, sheets, path);

  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Hélène Dupont"));
  /* Face: makeup advice; none of the body's. */
  g_assert_nonnull (strstr (text, makeup));
  g_assert_null (strstr (text, clothing));
}

static void
test_print_all_today (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 face_patient = add_patient (fixture, "Hélène Dupont", "en");
  gint64 thigh_patient = add_patient (fixture, "Jonas Keller", "de");
  gint64 cancelled_patient = add_patient (fixture, "Carla Neri", "it");
  g_autofree char *path = g_build_filename (fixture->dir, "today.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GError) error = NULL;
  MesoSheetPreview *preview;
  GtkWidget *window;
  GtkWidget *today;
  GDate day;

  add_session (fixture, face_patient, 0, MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM, MESO_SESSION_BOOKED);
  add_session (fixture, thigh_patient, 0, MESO_AREA_THIGHS, MESO_CONSISTENCY_THICK, MESO_SESSION_DONE);
  add_session (fixture, cancelled_patient, 0, MESO_AREA_NECK, MESO_CONSISTENCY_THIN, MESO_SESSION_CANCELLED);

  /* Today previews the selected (first) session's sheet beside the list. */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  today = meso_today_page_new (fixture->context);
  gtk_window_set_child (GTK_WINDOW (window), today);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (!meso_today_page_get_loading (MESO_TODAY_PAGE (today)));
  preview = MESO_SHEET_PREVIEW (meso_gui_test_find_descendant (today, MESO_TYPE_SHEET_PREVIEW));
  g_assert_nonnull (preview);
  g_assert_cmpuint (meso_sheet_preview_get_n_pages (preview), >=, 1);

  /* Print All's sheets: every session of the day but the cancelled one. */
  meso_date_set_today (&day);
  sheets = meso_sheet_printer_build_day (fixture->store, meso_context_get_settings (fixture->context),
                                         &day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheets->len, ==, 2);
  g_assert_cmpstr (((MesoAftercareSheet *) g_ptr_array_index (sheets, 1))->language, ==, "de");
  export (fixture, sheets, path);

  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Hélène Dupont"));
  g_assert_nonnull (strstr (text, "Jonas Keller"));
  g_assert_null (strstr (text, "Carla Neri"));
}

static void
test_export_failure_leaves_nothing (Fixture       *fixture,
                                    gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Hélène Dupont", "en");
  gint64 session_id = add_session (fixture, patient_id, 0, MESO_AREA_FACE,
                                   MESO_CONSISTENCY_MEDIUM, MESO_SESSION_DONE);
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "sheet.pdf", NULL);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_aftercare_sheet_unref);
  g_autoptr(MesoSheetPrinter) printer = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (sheets, meso_sheet_printer_build_sheet (fixture->store,
                                                           meso_context_get_settings (fixture->context),
                                                           session_id, NULL));
  printer = meso_sheet_printer_new (sheets, MESO_PAPER_A4);
  g_assert_false (meso_sheet_printer_export (printer, path, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static MesoFollowupEditor *
open_editor (Fixture *fixture,
             gint64   session_id)
{
  GtkWidget *editor = meso_followup_editor_new (fixture->context, session_id);

  gtk_window_present (GTK_WINDOW (editor));
  return MESO_FOLLOWUP_EDITOR (editor);
}

static gboolean
has_open_flag (Fixture    *fixture,
               gint64      session_id,
               const char *code)
{
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;

  flags = meso_store_list_open_flags (fixture->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < flags->len; i++)
    {
      MesoFlag *flag = g_ptr_array_index (flags, i);

      if (flag->session_id == session_id && g_str_equal (flag->code, code))
        return TRUE;
    }
  return FALSE;
}

static void
count_changes_cb (MesoContext *context,
                  guint        what,
                  guint       *n_followup_changes)
{
  if (what & MESO_CHANGE_FOLLOWUPS)
    (*n_followup_changes)++;
}

static void
test_followup_pus_raises_flag (Fixture       *fixture,
                               gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Hélène Dupont", "en");
  gint64 session_id = add_session (fixture, patient_id, 3, MESO_AREA_FACE,
                                   MESO_CONSISTENCY_MEDIUM, MESO_SESSION_DONE);
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GError) error = NULL;
  MesoFollowupEditor *editor;
  GtkWidget *date_row;
  GtkWidget *discharge;
  g_autofree char *today_text = NULL;
  GtkListBox *raised;
  guint n_followup_changes = 0;
  GDate today;

  g_signal_connect (fixture->context, "changed", G_CALLBACK (count_changes_cb), &n_followup_changes);
  g_assert_false (has_open_flag (fixture, session_id, "infection"));

  editor = open_editor (fixture, session_id);
  /* The date observed defaults to today. */
  meso_date_set_today (&today);
  date_row = meso_gui_test_template_child (editor, MESO_TYPE_FOLLOWUP_EDITOR, "date_row");
  today_text = meso_date_format (&today);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, today_text);
  gtk_test_accessible_assert_state (date_row, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);

  discharge = meso_gui_test_template_child (editor, MESO_TYPE_FOLLOWUP_EDITOR, "discharge_switch");
  gtk_switch_set_active (GTK_SWITCH (discharge), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);

  g_assert_cmpint (meso_followup_editor_get_followup_id (editor), >, 0);
  followups = meso_store_list_followups (fixture->store, session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (followups->len, ==, 1);
  g_assert_true (((MesoFollowup *) g_ptr_array_index (followups, 0))->discharge);
  g_assert_true (has_open_flag (fixture, session_id, "infection"));
  g_assert_cmpuint (n_followup_changes, ==, 1);

  /* The editor says which flag the observation raised. */
  raised = GTK_LIST_BOX (meso_gui_test_template_child (editor, MESO_TYPE_FOLLOWUP_EDITOR, "raised_list"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (raised, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (raised, 0))),
                   ==, meso_flag_code_to_label ("infection"));
}

static void
test_followup_date_before_session (Fixture       *fixture,
                                   gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture, "Hélène Dupont", "en");
  gint64 session_id = add_session (fixture, patient_id, 3, MESO_AREA_FACE,
                                   MESO_CONSISTENCY_MEDIUM, MESO_SESSION_DONE);
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  MesoFollowupEditor *editor;
  GtkWidget *date_row;
  GtkWidget *discharge;
  GDate date;

  editor = open_editor (fixture, session_id);
  date_row = meso_gui_test_template_child (editor, MESO_TYPE_FOLLOWUP_EDITOR, "date_row");
  discharge = meso_gui_test_template_child (editor, MESO_TYPE_FOLLOWUP_EDITOR, "discharge_switch");
  gtk_switch_set_active (GTK_SWITCH (discharge), TRUE);

  meso_date_set_today (&date);
  g_date_subtract_days (&date, 4);
  before = meso_date_format (&date);
  gtk_editable_set_text (GTK_EDITABLE (date_row), before);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);

  g_assert_true (gtk_widget_has_css_class (date_row, "error"));
  gtk_test_accessible_assert_state (date_row, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_cmpint (meso_followup_editor_get_followup_id (editor), ==, 0);
  followups = meso_store_list_followups (fixture->store, session_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (followups->len, ==, 0);
  g_assert_false (has_open_flag (fixture, session_id, "infection"));

  /* Corrected, the mark goes. */
  meso_date_set_today (&date);
  g_clear_pointer (&before, g_free);
  before = meso_date_format (&date);
  gtk_editable_set_text (GTK_EDITABLE (date_row), before);
  g_assert_false (gtk_widget_has_css_class (date_row, "error"));
  gtk_test_accessible_assert_state (date_row, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);
}

int
main (int   argc,
      char *argv[])
{
  /* The accessible-state assertions read GTK's test AT context; it also
   * spares the tests an AT-SPI bus, which Xvfb does not provide. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* The pages of a sheet are large pictures: software GL (llvmpipe) spends
   * minutes compiling shaders under the sanitizers, cairo does not. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, meso_gui_fixture_set_up, func, meso_gui_fixture_tear_down)

  ADD_TEST ("/gui/aftercare/print-face-session", test_print_face_session);
  ADD_TEST ("/gui/aftercare/print-all-today", test_print_all_today);
  ADD_TEST ("/gui/aftercare/export-failure", test_export_failure_leaves_nothing);
  ADD_TEST ("/gui/followup/pus-raises-flag", test_followup_pus_raises_flag);
  ADD_TEST ("/gui/followup/date-before-session", test_followup_date_before_session);

  return g_test_run ();
}
