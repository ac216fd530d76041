/* test-patients.c: the Patients place, driven through its widgets.
 *
 * Each test opens a fresh database in a temporary folder, builds the main
 * window on it, works the widgets as a person would (typing in entries,
 * picking answers, activating actions) and then checks what reached the
 * database and what the widgets tell assistive technologies.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "meso-condition-row.h"
#include "meso-context.h"
#include "meso-followups-page.h"
#include "meso-gui-test-util.h"
#include "meso-identity-group.h"
#include "meso-list-group.h"
#include "meso-patient-editor.h"
#include "meso-patient-item.h"
#include "meso-patient-list-model.h"
#include "meso-patient-page.h"
#include "meso-patients-page.h"
#include "meso-screening-banner.h"
#include "meso-session-page.h"
#include "meso-source-label.h"
#include "meso-today-page.h"
#include "meso-window.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define MESO_LSAN_DISABLE() __lsan_disable ()
#define MESO_LSAN_ENABLE() __lsan_enable ()
#else
#define MESO_LSAN_DISABLE() ((void) 0)
#define MESO_LSAN_ENABLE() ((void) 0)
#endif

typedef struct
{
  MesoGuiFixture    gui;
  MesoWindow       *window;
  MesoPatientsPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  meso_gui_fixture_set_up (&fixture->gui, data);
  fixture->window = meso_window_new (NULL, fixture->gui.context);
  fixture->page = meso_window_get_patients_page (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (!meso_patients_page_get_loading (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *today = meso_gui_test_find_descendant (GTK_WIDGET (fixture->window),
                                                     MESO_TYPE_TODAY_PAGE);
  GtkWidget *followups = meso_gui_test_find_descendant (GTK_WIDGET (fixture->window),
                                                         MESO_TYPE_FOLLOWUPS_PAGE);

  /* Let the pages' worker threads finish with the database before it is
   * removed (Today and Follow-ups exist once a test has shown them). */
  WAIT_UNTIL (!meso_patients_page_get_loading (fixture->page) &&
              (today == NULL || !meso_today_page_get_loading (MESO_TODAY_PAGE (today))) &&
              (followups == NULL ||
               !meso_followups_page_get_loading (MESO_FOLLOWUPS_PAGE (followups))));

  meso_gui_fixture_tear_down (&fixture->gui, data);
}

static void
type_into (MesoIdentityGroup *group,
           const char        *field,
           const char        *text)
{
  GtkWidget *row = meso_identity_group_get_field (group, field);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gint64
add_patient_in_store (Fixture    *fixture,
                      const char *name,
                      const char *born,
                      const char *phone)
{
  g_autoptr(MesoPatient) patient = meso_patient_new ();
  g_autoptr(GError) error = NULL;

  patient->name = g_strdup (name);
  g_assert_true (meso_date_parse (born, &patient->date_of_birth));
  patient->phone = g_strdup (phone);
  g_free (patient->language);
  patient->language = g_strdup ("fr");
  meso_store_insert_patient (fixture->gui.store, patient, &error);
  g_assert_no_error (error);
  meso_context_notify_changed (fixture->gui.context, MESO_CHANGE_PATIENTS);

  return patient->id;
}

static MesoPatientPage *
open_patient (Fixture *fixture,
              gint64   id)
{
  MesoPatientPage *patient_page;

  meso_patients_page_show_patient (fixture->page, id);
  patient_page = MESO_PATIENT_PAGE (meso_gui_test_find_descendant (GTK_WIDGET (fixture->page),
                                                                   MESO_TYPE_PATIENT_PAGE));
  g_assert_nonnull (patient_page);
  g_assert_cmpint (meso_patient_page_get_patient_id (patient_page), ==, id);

  return patient_page;
}

static gboolean
demo_hint_shown (Fixture *fixture)
{
  g_autoptr(GPtrArray) pages = meso_gui_test_find_descendants (GTK_WIDGET (fixture->page),
                                                              ADW_TYPE_STATUS_PAGE);

  for (guint i = 0; i < pages->len; i++)
    {
      AdwStatusPage *page = g_ptr_array_index (pages, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (page)) &&
          strstr (adw_status_page_get_description (page), "mesochart-cli demo") != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
no_results_shown (Fixture *fixture)
{
  g_autoptr(GPtrArray) pages = meso_gui_test_find_descendants (GTK_WIDGET (fixture->page),
                                                              ADW_TYPE_STATUS_PAGE);

  for (guint i = 0; i < pages->len; i++)
    {
      AdwStatusPage *page = g_ptr_array_index (pages, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (page)) &&
          g_str_equal (adw_status_page_get_title (page), "No Results Found"))
        return TRUE;
    }

  return FALSE;
}

static gint64
add_session_in_store (Fixture           *fixture,
                      gint64             patient_id,
                      gint               days_from_today,
                      MesoArea           area,
                      MesoSessionStatus  status,
                      const char        *override_reason)
{
  g_autoptr(MesoSession) session = meso_session_new ();
  g_autoptr(GError) error = NULL;

  session->patient_id = patient_id;
  meso_date_set_today (&session->date);
  if (days_from_today < 0)
    g_date_subtract_days (&session->date, -days_from_today);
  else
    g_date_add_days (&session->date, days_from_today);
  session->time_minutes = 10 * 60;
  session->status = status;
  session->area = area;
  session->solution_name = g_strdup ("Hyaluronic cocktail");
  session->override_reason = g_strdup (override_reason);
  meso_store_insert_session (fixture->gui.store, session, &error);
  g_assert_no_error (error);
  meso_context_notify_changed (fixture->gui.context, MESO_CHANGE_SESSIONS);

  return session->id;
}

/* A status page with @title that is on screen. */
static gboolean
status_page_shown (Fixture    *fixture,
                   const char *title)
{
  g_autoptr(GPtrArray) pages = meso_gui_test_find_descendants (GTK_WIDGET (fixture->page),
                                                              ADW_TYPE_STATUS_PAGE);

  for (guint i = 0; i < pages->len; i++)
    {
      AdwStatusPage *page = g_ptr_array_index (pages, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (page)) &&
          g_strcmp0 (adw_status_page_get_title (page), title) == 0)
        return TRUE;
    }

  return FALSE;
}

static const char *
banner_context (MesoPatientPage *patient_page)
{
  GtkWidget *banner = meso_gui_test_find_descendant (GTK_WIDGET (patient_page),
                                                     MESO_TYPE_SCREENING_BANNER);
  GtkWidget *label = meso_gui_test_template_child (banner, MESO_TYPE_SCREENING_BANNER,
                                                   "context_label");

  return gtk_label_get_label (GTK_LABEL (label));
}

static gboolean
hidden_spinner_spins (GtkWidget *root)
{
  g_autoptr(GPtrArray) spinners = meso_gui_test_find_descendants (root, GTK_TYPE_SPINNER);

  for (guint i = 0; i < spinners->len; i++)
    if (gtk_spinner_get_spinning (spinners->pdata[i]) && !gtk_widget_get_mapped (spinners->pdata[i]))
      return TRUE;

  return FALSE;
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (meso_patients_page_get_model (fixture->page))), ==, 0);

  /* The status page telling a new user what to do is the one showing,
   * alone: not beside one asking to choose a patient there is not. */
  WAIT_UNTIL (demo_hint_shown (fixture));
  g_assert_true (status_page_shown (fixture, "No Patients Yet"));
  g_assert_false (status_page_shown (fixture, "No Patient Selected"));

  /* Once there is a patient, it goes, and choosing one makes sense. */
  add_patient_in_store (fixture, "Ana Lima", "1985-03-03", NULL);
  WAIT_UNTIL (!demo_hint_shown (fixture));
  g_assert_false (status_page_shown (fixture, "No Patients Yet"));
  g_assert_true (status_page_shown (fixture, "No Patient Selected"));
}

/* A session row of the patient page opens the session's window, by
 * activation (a click or Enter on the row). */
static void
test_session_row_opens (Fixture       *fixture,
                        gconstpointer  data)
{
  MesoPatientPage *patient_page;
  GtkListBox *sessions_list;
  GtkListBoxRow *row;
  MesoSessionPage *session_page;
  gint64 id;
  gint64 older;
  gint64 newer;

  id = add_patient_in_store (fixture, "Inès Morel", "1984-06-01", NULL);
  older = add_session_in_store (fixture, id, -30, MESO_AREA_FACE, MESO_SESSION_DONE, NULL);
  newer = add_session_in_store (fixture, id, -2, MESO_AREA_NECK, MESO_SESSION_DONE, NULL);
  patient_page = open_patient (fixture, id);
  sessions_list = GTK_LIST_BOX (meso_gui_test_template_child (patient_page, MESO_TYPE_PATIENT_PAGE,
                                                              "sessions_list"));

  /* Most recent first. */
  row = gtk_list_box_get_row_at_index (sessions_list, 0);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_assert_null (meso_gui_test_find_toplevel (MESO_TYPE_SESSION_PAGE));

  gtk_widget_activate (GTK_WIDGET (row));
  WAIT_UNTIL (meso_gui_test_find_toplevel (MESO_TYPE_SESSION_PAGE) != NULL);
  session_page = meso_gui_test_find_toplevel (MESO_TYPE_SESSION_PAGE);
  g_assert_cmpint (meso_session_page_get_session_id (session_page), ==, newer);
  gtk_window_destroy (GTK_WINDOW (session_page));
  WAIT_UNTIL (meso_gui_test_find_toplevel (MESO_TYPE_SESSION_PAGE) == NULL);

  /* The list box's own activation path, as Enter on a focused row takes. */
  row = gtk_list_box_get_row_at_index (sessions_list, 1);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_signal_emit_by_name (sessions_list, "activate-cursor-row");
  WAIT_UNTIL (meso_gui_test_find_toplevel (MESO_TYPE_SESSION_PAGE) != NULL);
  session_page = meso_gui_test_find_toplevel (MESO_TYPE_SESSION_PAGE);
  g_assert_cmpint (meso_session_page_get_session_id (session_page), ==, older);
}

/* A session booked with an override says so before its chevron, in words
 * a screen reader gets, not only in a tooltip. */
static void
test_session_row_override (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) images = NULL;
  MesoPatientPage *patient_page;
  GtkListBox *sessions_list;
  GtkListBoxRow *row;
  gint64 id;

  id = add_patient_in_store (fixture, "Lucie Petit", "1979-01-20", NULL);
  add_session_in_store (fixture, id, -5, MESO_AREA_FACE, MESO_SESSION_DONE,
                        "Remission for five years");
  patient_page = open_patient (fixture, id);
  sessions_list = GTK_LIST_BOX (meso_gui_test_template_child (patient_page, MESO_TYPE_PATIENT_PAGE,
                                                              "sessions_list"));
  row = gtk_list_box_get_row_at_index (sessions_list, 0);

  images = meso_gui_test_find_descendants (GTK_WIDGET (row), GTK_TYPE_IMAGE);
  g_assert_cmpuint (images->len, >=, 2);
  /* The warning, then the chevron, last. */
  g_assert_cmpstr (gtk_image_get_icon_name (g_ptr_array_index (images, images->len - 2)), ==,
                   "dialog-warning-symbolic");
  g_assert_cmpstr (gtk_image_get_icon_name (g_ptr_array_index (images, images->len - 1)), ==,
                   "go-next-symbolic");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (images, images->len - 2)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Booked with a clinician’s override: Remission for five years");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "overridden"));
}

/* Another patient is shown from the top, where the screening is. */
static void
test_switch_patient_scrolls_to_top (Fixture       *fixture,
                                    gconstpointer  data)
{
  MesoPatientPage *patient_page;
  GtkAdjustment *vadjustment;
  gint64 first;
  gint64 second;

  first = add_patient_in_store (fixture, "Marc Blanc", "1970-02-02", NULL);
  second = add_patient_in_store (fixture, "Nina Brun", "1972-03-03", NULL);
  patient_page = open_patient (fixture, first);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (meso_gui_test_template_child (patient_page, MESO_TYPE_PATIENT_PAGE, "scrolled_window")));

  /* The page is far taller than the window: scroll to its end. */
  WAIT_UNTIL (gtk_adjustment_get_upper (vadjustment) >
              gtk_adjustment_get_page_size (vadjustment) + 200);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 200);

  open_patient (fixture, second);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, gtk_adjustment_get_lower (vadjustment));
}

/* The banner screens for the patient's own area: the next booked session,
 * else the last one; with no session, for no area in particular. */
static void
test_banner_area (Fixture       *fixture,
                  gconstpointer  data)
{
  MesoPatientPage *patient_page;
  gint64 scalp;
  gint64 booked;
  gint64 none;

  scalp = add_patient_in_store (fixture, "Omar Haddad", "1988-08-08", NULL);
  add_session_in_store (fixture, scalp, -40, MESO_AREA_SCALP, MESO_SESSION_DONE, NULL);
  add_session_in_store (fixture, scalp, -10, MESO_AREA_SCALP, MESO_SESSION_DONE, NULL);
  /* A cancelled session is not the patient's treatment. */
  add_session_in_store (fixture, scalp, -5, MESO_AREA_HANDS, MESO_SESSION_CANCELLED, NULL);

  booked = add_patient_in_store (fixture, "Rita Costa", "1983-04-04", NULL);
  add_session_in_store (fixture, booked, -20, MESO_AREA_SCALP, MESO_SESSION_DONE, NULL);
  add_session_in_store (fixture, booked, 7, MESO_AREA_ABDOMEN, MESO_SESSION_BOOKED, NULL);
  add_session_in_store (fixture, booked, 30, MESO_AREA_THIGHS, MESO_SESSION_BOOKED, NULL);

  none = add_patient_in_store (fixture, "Sami Nour", "1991-09-09", NULL);

  patient_page = open_patient (fixture, scalp);
  g_assert_nonnull (strstr (banner_context (patient_page), "(Scalp)"));

  open_patient (fixture, booked);
  g_assert_nonnull (strstr (banner_context (patient_page), "(Abdomen)"));

  open_patient (fixture, none);
  g_assert_null (strstr (banner_context (patient_page), "Face"));
  g_assert_nonnull (strstr (banner_context (patient_page), "no rule depends on the area"));

  /* A booking changes what the banner screens for, without reopening. */
  add_session_in_store (fixture, none, 3, MESO_AREA_NECK, MESO_SESSION_BOOKED, NULL);
  WAIT_UNTIL (strstr (banner_context (patient_page), "(Neck)") != NULL);
}

/* Rules name seed files; people read "document 004". */
static void
test_source_label (void)
{
  g_autofree char *tooltip = NULL;
  g_autofree char *label = NULL;

  label = meso_source_label_format ("004_7f3870fa434bdef8.txt", &tooltip);
  g_assert_cmpstr (label, ==, "document 004");
  g_assert_cmpstr (tooltip, ==, "004_7f3870fa434bdef8.txt");
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&tooltip, g_free);

  /* Screening joins sources with "; ", follow-up rules with ", ". */
  label = meso_source_label_format ("000_3dff7d7878ea26d5.txt; 001_e1b791a31c2e5ae2.txt; 003_2060e19cd3227af0.txt",
                                    &tooltip);
  g_assert_cmpstr (label, ==, "documents 000, 001, 003");
  g_assert_cmpstr (tooltip, ==, "000_3dff7d7878ea26d5.txt, 001_e1b791a31c2e5ae2.txt, 003_2060e19cd3227af0.txt");
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&tooltip, g_free);

  label = meso_source_label_format ("001_e1b791a31c2e5ae2.txt, 004_7f3870fa434bdef8.txt", NULL);
  g_assert_cmpstr (label, ==, "documents 001, 004");
  g_clear_pointer (&label, g_free);

  label = meso_source_label_format ("004_7f3870fa434bdef8.txt" MESO_SOURCE_SEPARATOR MESO_SOURCE_CLINIC_SETTING,
                                    &tooltip);
  g_assert_cmpstr (label, ==, "document 004 and a clinic setting");
  g_assert_cmpstr (tooltip, ==, "004_7f3870fa434bdef8.txt");
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&tooltip, g_free);

  label = meso_source_label_format (MESO_SOURCE_CLINIC_SETTING, &tooltip);
  g_assert_cmpstr (label, ==, "clinic setting");
  g_assert_null (tooltip);
}

/* The banner's findings name their document by number. */
static void
test_banner_source (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  MesoPatientPage *patient_page;
  GtkWidget *banner;
  gint64 id;

  /* Nothing asked: the history is incomplete (document 004). */
  id = add_patient_in_store (fixture, "Théo Garnier", "1993-12-12", NULL);
  patient_page = open_patient (fixture, id);
  banner = meso_gui_test_find_descendant (GTK_WIDGET (patient_page), MESO_TYPE_SCREENING_BANNER);
  rows = meso_gui_test_find_descendants (banner, ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *subtitle = adw_action_row_get_subtitle (g_ptr_array_index (rows, i));

      g_assert_true (g_str_has_prefix (subtitle, "Source: document"));
      g_assert_null (strstr (subtitle, ".txt"));
      g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (g_ptr_array_index (rows, i)), ".txt"));
    }
}

/* Narrow, Save is an icon, so the patient's name keeps the room; it is
 * still called Save for screen readers. */
static void
test_save_button_narrow (Fixture       *fixture,
                         gconstpointer  data)
{
  MesoPatientPage *patient_page;
  GtkWidget *save;
  gint64 id;

  id = add_patient_in_store (fixture, "Alessia D’Angelo", "1975-02-14", NULL);
  patient_page = open_patient (fixture, id);
  save = meso_gui_test_template_child (patient_page, MESO_TYPE_PATIENT_PAGE, "save_button");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Save Changes");

  /* Folding and unfolding a window with a patient open leaks inside GTK's
   * layout (measure and snapshot caches, in libgtk-4 and libadwaita, not
   * ours); under the sanitizer's fast unwinder the leak report has no
   * library frames for build-aux/lsan.supp to match, so the resizes run
   * with leak tracking off for this thread. */
  MESO_LSAN_DISABLE ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 700);
  WAIT_UNTIL (GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (save))));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (save)), ==, "document-save-symbolic");

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  WAIT_UNTIL (GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (save))));
  MESO_LSAN_ENABLE ();
}

static void
test_create_patient (Fixture       *fixture,
                     gconstpointer  data)
{
  MesoStore *store = fixture->gui.store;
  MesoPatientListModel *model = meso_patients_page_get_model (fixture->page);
  g_autoptr(MesoPatientItem) item = NULL;
  g_autoptr(MesoPatient) stored = NULL;
  g_autoptr(GError) error = NULL;
  MesoPatientEditor *editor;
  MesoIdentityGroup *group;
  GtkWidget *birth_row;
  GtkWidget *email_row;
  MesoPatientPage *patient_page;

  /* Ctrl+N's action opens the dialog. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-patient", NULL);
  WAIT_UNTIL (meso_gui_test_find_toplevel (MESO_TYPE_PATIENT_EDITOR) != NULL);
  editor = meso_gui_test_find_toplevel (MESO_TYPE_PATIENT_EDITOR);
  group = meso_patient_editor_get_identity_group (editor);

  type_into (group, "name", "Hélène Dubois");
  type_into (group, "date_of_birth", "1980-02-30");
  type_into (group, "phone", "+33 6 12 34 56 78");
  type_into (group, "email", "helene@example.org");

  /* An impossible date is marked on its field and nothing is saved. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  birth_row = meso_identity_group_get_field (group, "date_of_birth");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (birth_row), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_true (gtk_widget_has_css_class (birth_row, "error"));
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  /* A date in the future: the record's own validation, on the same field. */
  type_into (group, "date_of_birth", "2999-01-01");
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (birth_row), GTK_ACCESSIBLE_STATE_INVALID));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (birth_row), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 0);

  /* A bad email is refused the same way, not dropped. */
  type_into (group, "date_of_birth", "1980-02-29");
  type_into (group, "email", "helene.example.org");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  email_row = meso_identity_group_get_field (group, "email");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (email_row), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 0);

  type_into (group, "email", "helene@example.org");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_cmpint (meso_store_count_patients (store, NULL), ==, 1);
  WAIT_UNTIL (meso_gui_test_find_toplevel (MESO_TYPE_PATIENT_EDITOR) == NULL);

  /* The list shows the new patient, and the page opens on it. */
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (model)) == 1);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (meso_patient_item_get_name (item), ==, "Hélène Dubois");

  patient_page = MESO_PATIENT_PAGE (meso_gui_test_find_descendant (GTK_WIDGET (fixture->page),
                                                                   MESO_TYPE_PATIENT_PAGE));
  g_assert_cmpint (meso_patient_page_get_patient_id (patient_page), ==, meso_patient_item_get_id (item));

  stored = meso_store_get_patient (store, meso_patient_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->name, ==, "Hélène Dubois");
  g_assert_cmpstr (stored->phone, ==, "+33 6 12 34 56 78");
  g_assert_cmpstr (stored->email, ==, "helene@example.org");
  g_assert_cmpint (g_date_get_year (&stored->date_of_birth), ==, 1980);
  g_assert_cmpint (g_date_get_month (&stored->date_of_birth), ==, 2);
  g_assert_cmpint (g_date_get_day (&stored->date_of_birth), ==, 29);
  /* Nothing of the history was asked yet: it says so. */
  g_assert_cmpint (stored->history->conditions[MESO_CONDITION_PREGNANCY].answer, ==, MESO_ANSWER_NOT_ASKED);
  g_assert_cmpint (stored->history->medications_state, ==, MESO_LIST_NOT_ASKED);
}

static void
test_questionnaire (Fixture       *fixture,
                    gconstpointer  data)
{
  MesoStore *store = fixture->gui.store;
  g_autoptr(GPtrArray) condition_rows = NULL;
  g_autoptr(GPtrArray) list_groups = NULL;
  g_autoptr(MesoPatient) stored = NULL;
  g_autoptr(GError) error = NULL;
  MesoPatientPage *patient_page;
  MesoScreeningBanner *banner;
  MesoListGroup *medications;
  MesoListGroup *allergies;
  GDate today;
  gint64 id;

  id = add_patient_in_store (fixture, "Claire Martin", "1990-05-04", "0612345678");
  patient_page = open_patient (fixture, id);
  banner = MESO_SCREENING_BANNER (meso_gui_test_find_descendant (GTK_WIDGET (patient_page),
                                                                 MESO_TYPE_SCREENING_BANNER));

  /* Nothing asked: at best a caution (the history is incomplete). */
  g_assert_cmpint (meso_screening_banner_get_verdict (banner), !=, MESO_VERDICT_CONTRAINDICATED);
  g_assert_false (meso_patient_page_get_modified (patient_page));

  condition_rows = meso_gui_test_find_descendants (GTK_WIDGET (patient_page), MESO_TYPE_CONDITION_ROW);
  g_assert_cmpuint (condition_rows->len, ==, MESO_N_CONDITIONS);

  /* Every condition answered "no", then pregnancy "yes". */
  for (guint i = 0; i < condition_rows->len; i++)
    adw_combo_row_set_selected (g_ptr_array_index (condition_rows, i), MESO_ANSWER_NO);
  for (guint i = 0; i < condition_rows->len; i++)
    {
      MesoConditionRow *row = g_ptr_array_index (condition_rows, i);

      if (meso_condition_row_get_condition (row) == MESO_CONDITION_PREGNANCY)
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), MESO_ANSWER_YES);
    }
  g_assert_true (meso_patient_page_get_modified (patient_page));

  /* The banner follows the answers before they are saved. */
  g_assert_cmpint (meso_screening_banner_get_verdict (banner), ==, MESO_VERDICT_CONTRAINDICATED);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (banner), "contraindicated"));

  list_groups = meso_gui_test_find_descendants (GTK_WIDGET (patient_page), MESO_TYPE_LIST_GROUP);
  g_assert_cmpuint (list_groups->len, ==, 2);
  medications = g_ptr_array_index (list_groups, 0);
  allergies = g_ptr_array_index (list_groups, 1);

  /* "None known" through its switch; an allergy typed in the entry row. */
  gtk_switch_set_active (GTK_SWITCH (meso_gui_test_find_descendant (GTK_WIDGET (medications),
                                                                    GTK_TYPE_SWITCH)), TRUE);
  {
    GtkWidget *entry_row = meso_gui_test_find_descendant (GTK_WIDGET (allergies), ADW_TYPE_ENTRY_ROW);

    gtk_editable_set_text (GTK_EDITABLE (entry_row), "  Lidocaine ");
    g_signal_emit_by_name (entry_row, "apply");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row)), ==, "");
  }

  /* Skin: bruises easily (the first switch of the skin group). */
  {
    g_autoptr(GPtrArray) switches = meso_gui_test_find_descendants (GTK_WIDGET (patient_page),
                                                                    GTK_TYPE_SWITCH);

    /* medications, allergies, bruises, sensitive skin */
    g_assert_cmpuint (switches->len, ==, 4);
    gtk_switch_set_active (g_ptr_array_index (switches, 2), TRUE);
  }

  gtk_widget_activate_action (GTK_WIDGET (patient_page), "patient.save", NULL);
  g_assert_false (meso_patient_page_get_modified (patient_page));

  stored = meso_store_get_patient (store, id, &error);
  g_assert_no_error (error);
  meso_date_set_today (&today);
  g_assert_cmpint (stored->history->conditions[MESO_CONDITION_PREGNANCY].answer, ==, MESO_ANSWER_YES);
  g_assert_cmpint (g_date_compare (&stored->history->conditions[MESO_CONDITION_PREGNANCY].confirmed, &today), ==, 0);
  g_assert_cmpint (stored->history->conditions[MESO_CONDITION_DIABETES].answer, ==, MESO_ANSWER_NO);
  g_assert_cmpint (g_date_compare (&stored->history->conditions[MESO_CONDITION_DIABETES].confirmed, &today), ==, 0);
  g_assert_cmpint (stored->history->medications_state, ==, MESO_LIST_NONE_KNOWN);
  g_assert_cmpuint (stored->history->medications->len, ==, 0);
  g_assert_cmpint (stored->history->allergies_state, ==, MESO_LIST_RECORDED);
  g_assert_cmpuint (stored->history->allergies->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (stored->history->allergies, 0), ==, "Lidocaine");
  g_assert_true (stored->history->bruises_easily);
  g_assert_false (stored->history->sensitive_skin);
  /* Identity was not touched by answering the questionnaire. */
  g_assert_cmpstr (stored->name, ==, "Claire Martin");
  g_assert_cmpstr (stored->language, ==, "fr");

  /* Reopened from the database, the page shows what was saved. */
  g_assert_true (meso_patient_page_load (patient_page, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (meso_screening_banner_get_verdict (banner), ==, MESO_VERDICT_CONTRAINDICATED);
  g_assert_false (meso_patient_page_get_modified (patient_page));
}

static void
test_invalid_edit_not_saved (Fixture       *fixture,
                             gconstpointer  data)
{
  MesoStore *store = fixture->gui.store;
  g_autoptr(MesoPatient) stored = NULL;
  g_autoptr(GError) error = NULL;
  MesoPatientPage *patient_page;
  MesoIdentityGroup *group;
  GtkWidget *name_row;
  gint64 id;

  id = add_patient_in_store (fixture, "Paul Durand", "1975-11-02", "0102030405");
  patient_page = open_patient (fixture, id);
  group = MESO_IDENTITY_GROUP (meso_gui_test_find_descendant (GTK_WIDGET (patient_page),
                                                              MESO_TYPE_IDENTITY_GROUP));

  /* A blank name is refused on the name field; the stored one stays. */
  type_into (group, "name", "   ");
  type_into (group, "phone", "0999999999");
  gtk_widget_activate_action (GTK_WIDGET (patient_page), "patient.save", NULL);
  name_row = meso_identity_group_get_field (group, "name");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (name_row), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_true (meso_patient_page_get_modified (patient_page));

  stored = meso_store_get_patient (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->name, ==, "Paul Durand");
  g_assert_cmpstr (stored->phone, ==, "0102030405");

  /* Fixing the field clears the mark; saving then writes both edits. */
  type_into (group, "name", "Paul Durand-Lefèvre");
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (name_row), GTK_ACCESSIBLE_STATE_INVALID));
  gtk_widget_activate_action (GTK_WIDGET (patient_page), "patient.save", NULL);
  g_clear_pointer (&stored, meso_patient_free);
  stored = meso_store_get_patient (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->name, ==, "Paul Durand-Lefèvre");
  g_assert_cmpstr (stored->phone, ==, "0999999999");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  MesoPatientListModel *model = meso_patients_page_get_model (fixture->page);
  g_autoptr(MesoPatientItem) item = NULL;

  add_patient_in_store (fixture, "Hélène Dubois", "1980-04-12", "+33 6 11 22 33 44");
  add_patient_in_store (fixture, "Henri Martin", "1966-01-30", "0611223355");
  add_patient_in_store (fixture, "Paul Durand", "1980-09-01", "0700000000");
  WAIT_UNTIL (!meso_patients_page_get_loading (fixture->page) &&
            g_list_model_get_n_items (G_LIST_MODEL (model)) == 3);

  /* Typed as in the entry, accents folded: "hel" finds Hélène. */
  meso_patients_page_set_search_text (fixture->page, "hel");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (meso_patient_item_get_name (item), ==, "Hélène Dubois");

  /* A year of birth, then a phone number by its digits. */
  meso_patients_page_set_search_text (fixture->page, "1980");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  meso_patients_page_set_search_text (fixture->page, "0611223355");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* One or two digits are in nearly every phone number: not a filter
   * yet, everyone is listed. */
  meso_patients_page_set_search_text (fixture->page, "06");
  g_assert_cmpuint (meso_patients_page_get_n_matches (fixture->page), ==, 3);

  /* No match: the "no results" page shows (the list keeps its rows behind
   * it), and Enter opens nobody. */
  meso_patients_page_set_search_text (fixture->page, "zzz");
  g_assert_cmpuint (meso_patients_page_get_n_matches (fixture->page), ==, 0);
  g_assert_true (no_results_shown (fixture));
  g_assert_false (gtk_widget_get_mapped (meso_gui_test_find_descendant (GTK_WIDGET (fixture->page),
                                                                        GTK_TYPE_LIST_VIEW)));
  gtk_widget_activate (meso_gui_test_find_descendant (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_ENTRY));
  g_assert_null (meso_gui_test_find_descendant (GTK_WIDGET (fixture->page), MESO_TYPE_PATIENT_PAGE));
  meso_patients_page_set_search_text (fixture->page, "");
  WAIT_UNTIL (meso_patients_page_get_n_matches (fixture->page) == 3 &&
              g_list_model_get_n_items (G_LIST_MODEL (model)) == 3);
  g_assert_false (no_results_shown (fixture));

  /* Nothing animates out of sight: a hidden spinner that spins would
   * redraw the window 60 times a second. */
  g_assert_false (hidden_spinner_spins (GTK_WIDGET (fixture->window)));
}

/* What the patients page does at each keystroke (it runs the store's
 * search itself, to see an empty result before the model does). */
static void
show_search (MesoPatientListModel *model,
             MesoStore            *store,
             const char           *query)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = meso_store_find_patient_ids (store, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  meso_patient_list_model_set_ids (model, ids);
}

static void
test_lazy_model (Fixture       *fixture,
                 gconstpointer  data)
{
  MesoStore *store = fixture->gui.store;
  g_autoptr(MesoPatientListModel) model = meso_patient_list_model_new (store);
  g_autoptr(MesoPatientItem) first = NULL;
  g_autoptr(MesoPatientItem) again = NULL;
  gint64 id;

  id = add_patient_in_store (fixture, "Zoé Roux", "2001-07-14", NULL);
  show_search (model, store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == MESO_TYPE_PATIENT_ITEM);

  /* Items are built on demand and kept: asking twice gives the same one. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (first == again);
  g_assert_cmpint (meso_patient_item_get_id (first), ==, id);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 1));
  g_assert_cmpuint (meso_patient_list_model_find (model, id), ==, 0);
  g_assert_cmpuint (meso_patient_list_model_find (model, id + 1), ==, G_MAXUINT);
}

/* Items stand for positions (meso-patient-list-model.c): after a search,
 * every item a row holds must show the patient now at its position, those
 * on screen at once, the others after the frame or when asked for. */
static void
test_rows_follow_search (Fixture       *fixture,
                         gconstpointer  data)
{
  MesoStore *store = fixture->gui.store;
  g_autoptr(MesoPatientListModel) model = meso_patient_list_model_new (store);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MesoPatientItem) asked = NULL;
  guint n_pat;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *bea = g_strdup_printf ("Bea %03u", i);
      g_autofree char *pat = g_strdup_printf ("Pat %03u", i);

      add_patient_in_store (fixture, bea, "1980-01-01", NULL);
      add_patient_in_store (fixture, pat, "1980-01-01", NULL);
    }
  show_search (model, store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 120);
  /* As GtkListView does with the rows it keeps. */
  for (guint i = 0; i < 120; i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), i));
  g_assert_cmpstr (meso_patient_item_get_name (held->pdata[0]), ==, "Bea 000");

  show_search (model, store, "pat");
  n_pat = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_pat, ==, 60);

  /* The top rows show the new patients before the main loop runs. */
  g_assert_cmpstr (meso_patient_item_get_name (held->pdata[0]), ==, "Pat 000");
  g_assert_cmpstr (meso_patient_item_get_name (held->pdata[10]), ==, "Pat 010");
  /* A row asked for now gets the right patient, whatever is pending. */
  asked = g_list_model_get_item (G_LIST_MODEL (model), 55);
  g_assert_true (asked == held->pdata[55]);
  g_assert_cmpstr (meso_patient_item_get_name (asked), ==, "Pat 055");
  g_assert_cmpint (meso_patient_item_get_id (asked), ==,
                   meso_patient_list_model_get_id (model, 55));

  /* And every row kept ends up showing the patient at its position. */
  for (guint i = 0; i < n_pat; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Pat %03u", i);

      WAIT_UNTIL (g_strcmp0 (meso_patient_item_get_name (held->pdata[i]), expected) == 0);
      g_assert_cmpint (meso_patient_item_get_id (held->pdata[i]), ==,
                       meso_patient_list_model_get_id (model, i));
    }

  /* Scrolled down, the rows on screen are the ones updated at once. */
  meso_patient_list_model_set_visible_rows (model, 40, 10);
  show_search (model, store, "bea");
  g_assert_cmpstr (meso_patient_item_get_name (held->pdata[45]), ==, "Bea 045");
  g_assert_cmpstr (meso_patient_item_get_name (held->pdata[0]), ==, "Pat 000");
  WAIT_UNTIL (g_strcmp0 (meso_patient_item_get_name (held->pdata[0]), "Bea 000") == 0);
}

/* Today and Follow-ups are built when first shown, not with the window. */
static void
test_places_built_when_shown (Fixture       *fixture,
                              gconstpointer  data)
{
  g_assert_cmpstr (meso_window_get_place (fixture->window), ==, "patients");
  g_assert_null (meso_gui_test_find_descendant (GTK_WIDGET (fixture->window), MESO_TYPE_TODAY_PAGE));
  g_assert_null (meso_gui_test_find_descendant (GTK_WIDGET (fixture->window), MESO_TYPE_FOLLOWUPS_PAGE));

  meso_window_show_place (fixture->window, "followups");
  g_assert_cmpstr (meso_window_get_place (fixture->window), ==, "followups");
  g_assert_nonnull (meso_gui_test_find_descendant (GTK_WIDGET (fixture->window), MESO_TYPE_FOLLOWUPS_PAGE));
  g_assert_null (meso_gui_test_find_descendant (GTK_WIDGET (fixture->window), MESO_TYPE_TODAY_PAGE));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-place", "s", "today");
  g_assert_cmpstr (meso_window_get_place (fixture->window), ==, "today");
  g_assert_nonnull (meso_gui_test_find_descendant (GTK_WIDGET (fixture->window), MESO_TYPE_TODAY_PAGE));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* Criticals stay fatal.  Warnings do not: under Xvfb without a D-Bus
   * session GTK warns that it cannot reach the settings portal, and
   * GTK's structured logging bypasses g_test_log_set_fatal_handler(). */
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/patients/empty-state", test_empty_state);
  ADD ("/gui/patients/create", test_create_patient);
  ADD ("/gui/patients/questionnaire", test_questionnaire);
  ADD ("/gui/patients/invalid-edit", test_invalid_edit_not_saved);
  ADD ("/gui/patients/search", test_search);
  ADD ("/gui/patients/lazy-model", test_lazy_model);
  ADD ("/gui/patients/rows-follow-search", test_rows_follow_search);
  ADD ("/gui/patients/places-built-when-shown", test_places_built_when_shown);
  ADD ("/gui/patients/session-row-opens", test_session_row_opens);
  ADD ("/gui/patients/session-row-override", test_session_row_override);
  ADD ("/gui/patients/switch-scrolls-to-top", test_switch_patient_scrolls_to_top);
  ADD ("/gui/patients/banner-area", test_banner_area);
  ADD ("/gui/patients/banner-source", test_banner_source);
  ADD ("/gui/patients/save-button-narrow", test_save_button_narrow);
#undef ADD
  g_test_add_func ("/gui/patients/source-label", test_source_label);

  return g_test_run ();
}
