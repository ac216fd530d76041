/* meso-patient-page.c: the consultation view of one patient.
 *
 * The page edits a copy of the stored patient.  The screening banner is
 * recomputed from the copy on every answer, so the practitioner sees the
 * verdict change while asking the questions; nothing reaches the database
 * until patient.save validates the whole record.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "meso-condition-row.h"
#include "meso-history-window.h"
#include "meso-identity-group.h"
#include "meso-list-group.h"
#include "meso-patient-page.h"
#include "meso-privacy-dialog.h"
#include "meso-screening-banner.h"
#include "meso-session-editor.h"
#include "meso-session-page.h"

struct _MesoPatientPage
{
  GtkWidget            parent_instance;

  MesoContext         *context;
  MesoPatient         *patient;        /* as stored */
  gulong               changed_id;
  guint                modified : 1;
  guint                folded : 1;
  guint                loading : 1;
  /* What the banner screens for: the area of the next booked session,
   * else of the last one (see reload_sessions()). */
  MesoArea             screening_area;
  guint                has_screening_area : 1;

  GtkStack            *page_stack;
  GtkWidget           *main_box;
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  AdwToastOverlay     *toast_overlay;
  GtkScrolledWindow   *scrolled_window;
  MesoScreeningBanner *banner;
  MesoIdentityGroup   *identity_group;
  AdwPreferencesGroup *conditions_group;
  MesoListGroup       *medications_group;
  MesoListGroup       *allergies_group;
  AdwComboRow         *fitzpatrick_row;
  GtkSwitch           *bruises_switch;
  GtkSwitch           *sensitive_switch;
  GtkListBox          *sessions_list;

  MesoConditionRow    *condition_rows[MESO_N_CONDITIONS];
};

G_DEFINE_FINAL_TYPE (MesoPatientPage, meso_patient_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_FOLDED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static MesoHistory *
collect_history (MesoPatientPage *self)
{
  g_autoptr(MesoHistory) history = meso_history_new ();
  guint fitzpatrick;

  for (guint i = 0; i < MESO_N_CONDITIONS; i++)
    meso_condition_row_get_answer (self->condition_rows[i], &history->conditions[i]);

  g_clear_pointer (&history->medications, g_ptr_array_unref);
  meso_list_group_get_list (self->medications_group,
                            &history->medications_state,
                            &history->medications,
                            &history->medications_confirmed);
  g_clear_pointer (&history->allergies, g_ptr_array_unref);
  meso_list_group_get_list (self->allergies_group,
                            &history->allergies_state,
                            &history->allergies,
                            &history->allergies_confirmed);

  /* Row 0 is "Not recorded", then I to VI. */
  fitzpatrick = adw_combo_row_get_selected (self->fitzpatrick_row);
  history->fitzpatrick = fitzpatrick <= 6 ? fitzpatrick : 0;
  history->bruises_easily = gtk_switch_get_active (self->bruises_switch);
  history->sensitive_skin = gtk_switch_get_active (self->sensitive_switch);

  return g_steal_pointer (&history);
}

static void
update_screening (MesoPatientPage *self)
{
  g_autoptr(MesoHistory) history = NULL;
  g_autoptr(MesoScreening) screening = NULL;
  g_autofree char *context_text = NULL;
  MesoPlan plan = { 0 };
  GDate born;

  if (self->patient == NULL)
    return;

  /* The date of birth as typed, when it can be read. */
  if (!meso_identity_group_get_date_of_birth (self->identity_group, &born))
    born = self->patient->date_of_birth;

  history = collect_history (self);
  meso_date_set_today (&plan.date);
  /* No rule depends on the area yet (meso-screening.h), but the plan
   * should be the patient's own, not a face session they never had. */
  plan.area = self->has_screening_area ? self->screening_area : MESO_AREA_OTHER;
  screening = meso_screen (&born, history, &plan,
                           meso_context_get_settings (self->context));
  if (self->has_screening_area)
    /* Translators: what the screening banner was computed for */
    context_text = g_strdup_printf (_("For a session today (%s), from the answers on this page"),
                                    meso_area_to_label (self->screening_area));
  else
    context_text = g_strdup (_("For a session today, from the answers on this page; no rule depends on the area treated"));
  meso_screening_banner_set_screening (self->banner, screening, context_text);
}

static void
set_modified (MesoPatientPage *self,
              gboolean         modified)
{
  if (self->modified == !!modified)
    return;

  self->modified = !!modified;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.save", self->modified);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
edited_cb (MesoPatientPage *self)
{
  if (self->loading || self->patient == NULL)
    return;

  set_modified (self, TRUE);
  update_screening (self);
}

static void
identity_changed_cb (MesoPatientPage *self)
{
  if (self->loading || self->patient == NULL)
    return;

  set_modified (self, TRUE);
  /* The age matters to screening (legal age). */
  update_screening (self);
}

static void
update_title (MesoPatientPage *self)
{
  g_autofree char *subtitle = NULL;
  GDate today;

  if (g_date_valid (&self->patient->date_of_birth))
    {
      meso_date_set_today (&today);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year old", "%d years old",
                                               meso_age_on (&self->patient->date_of_birth, &today)),
                                  meso_age_on (&self->patient->date_of_birth, &today));
    }
  adw_window_title_set_title (self->window_title, self->patient->name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
update_save_button (MesoPatientPage *self)
{
  /* Folded (a narrow window), a text button would leave the patient's
   * name a few letters: an icon then, with the same tooltip and
   * accessible label (from the template). */
  if (self->folded)
    gtk_button_set_icon_name (self->save_button, "document-save-symbolic");
  else
    gtk_button_set_label (self->save_button, _("_Save"));
}

static GtkWidget *
create_session_row (const MesoSession *session)
{
  g_autofree char *date = meso_date_format (&session->date);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (session->time_minutes >= 0)
    /* Translators: session date, time and area treated: "2026-11-22 10:30 · Face" */
    title = g_strdup_printf (_("%s %02d:%02d · %s"), date,
                             session->time_minutes / 60, session->time_minutes % 60,
                             meso_area_to_label (session->area));
  else
    title = g_strdup_printf (_("%s · %s"), date, meso_area_to_label (session->area));
  if (session->override_reason != NULL)
    /* Translators: indication, status, and that a clinician overrode
     * a contraindication to book the session */
    subtitle = g_strdup_printf (_("%s · %s · Contraindication overridden"),
                                meso_indication_to_label (session->indication),
                                meso_session_status_to_label (session->status));
  else
    subtitle = g_strdup_printf ("%s · %s",
                                meso_indication_to_label (session->indication),
                                meso_session_status_to_label (session->status));

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* The row opens the session: its record, aftercare sheet and follow-ups.
   * An action row with no activatable widget is not activatable by
   * itself: without this, click and Enter did nothing. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "patient.show-session");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", (gint64) session->id);
  if (session->override_reason != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      /* Translators: %s is the reason a clinician gave */
      g_autofree char *tooltip = g_strdup_printf (_("Booked with a clinician’s override: %s"),
                                                  session->override_reason);

      /* Before the chevron, which stays last as in every navigation row;
       * the reason is said to screen readers, not only in a tooltip. */
      gtk_widget_set_tooltip_text (icon, tooltip);
      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

static void
reload_sessions (MesoPatientPage *self)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  const MesoSession *next = NULL;
  const MesoSession *last = NULL;
  GDate today;

  /* Rows only: the placeholder is a child too. */
  while ((row = gtk_list_box_get_row_at_index (self->sessions_list, 0)) != NULL)
    gtk_list_box_remove (self->sessions_list, GTK_WIDGET (row));

  self->has_screening_area = FALSE;
  if (self->patient == NULL)
    return;

  sessions = meso_store_list_sessions_for_patient (meso_context_get_store (self->context),
                                                   self->patient->id, &error);
  if (sessions == NULL)
    {
      g_warning ("Could not list the sessions of patient %" G_GINT64_FORMAT ": %s",
                 self->patient->id, error->message);
      return;
    }

  /* Most recent first: what the practitioner looks for. */
  for (guint i = sessions->len; i > 0; i--)
    gtk_list_box_append (self->sessions_list,
                         create_session_row (g_ptr_array_index (sessions, i - 1)));

  /* The sessions come by date: the first booked one from today on is the
   * next, and the last one not cancelled is the most recent. */
  meso_date_set_today (&today);
  for (guint i = 0; i < sessions->len; i++)
    {
      const MesoSession *session = g_ptr_array_index (sessions, i);

      if (session->status == MESO_SESSION_CANCELLED)
        continue;
      if (next == NULL && session->status == MESO_SESSION_BOOKED &&
          g_date_valid (&session->date) && g_date_compare (&session->date, &today) >= 0)
        next = session;
      last = session;
    }
  if (next != NULL || last != NULL)
    {
      self->screening_area = (next != NULL ? next : last)->area;
      self->has_screening_area = TRUE;
    }
}

static void
update_actions (MesoPatientPage *self)
{
  gboolean has_patient = self->patient != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.show-history", has_patient);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.delete", has_patient);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.anonymise", has_patient);
}

static void
show_patient (MesoPatientPage *self)
{
  const MesoHistory *history = self->patient->history;

  gtk_stack_set_visible_child_name (self->page_stack, "patient");
  update_actions (self);
  self->loading = TRUE;

  meso_identity_group_set_patient (self->identity_group, self->patient);
  for (guint i = 0; i < MESO_N_CONDITIONS; i++)
    meso_condition_row_set_answer (self->condition_rows[i], &history->conditions[i]);
  meso_list_group_set_list (self->medications_group, history->medications_state,
                            history->medications, &history->medications_confirmed);
  meso_list_group_set_list (self->allergies_group, history->allergies_state,
                            history->allergies, &history->allergies_confirmed);
  adw_combo_row_set_selected (self->fitzpatrick_row, MIN (history->fitzpatrick, 6));
  gtk_switch_set_active (self->bruises_switch, history->bruises_easily);
  gtk_switch_set_active (self->sensitive_switch, history->sensitive_skin);

  self->loading = FALSE;

  update_title (self);
  /* The sessions first: they say which area the screening is for. */
  reload_sessions (self);
  update_screening (self);
  set_modified (self, FALSE);
}

static void
context_changed_cb (MesoPatientPage *self,
                    guint            what)
{
  if (self->patient == NULL)
    return;

  if (what & MESO_CHANGE_SESSIONS)
    reload_sessions (self);
  if (what & (MESO_CHANGE_SESSIONS | MESO_CHANGE_SETTINGS))
    update_screening (self);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MesoPatientPage *self = MESO_PATIENT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!meso_patient_page_save (self, &error))
    {
      /* Identity fields are marked where they are; say it anyway. */
      g_autofree char *title = g_strdup_printf (_("Not saved: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
}

static void
book_session_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MesoPatientPage *self = MESO_PATIENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  GtkWidget *editor;

  if (self->patient == NULL)
    return;

  /* Booking screens the stored history: unsaved answers would be missed. */
  if (!meso_patient_page_save_if_modified (self, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Save the patient first: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }

  /* The editor announces the booking on the context: the sessions list
   * reloads from context_changed_cb(). */
  editor = meso_session_editor_new (self->context, self->patient->id);
  gtk_window_set_transient_for (GTK_WINDOW (editor),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
show_session_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MesoPatientPage *self = MESO_PATIENT_PAGE (widget);

  meso_session_page_open (widget, self->context, g_variant_get_int64 (parameter));
}

static void
show_history_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MesoPatientPage *self = MESO_PATIENT_PAGE (widget);
  GtkWindow *window;

  if (self->patient == NULL)
    return;

  window = meso_history_window_new (self->context, self->patient->id);
  gtk_window_set_transient_for (window, GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (window);
}

static void
show_removed (MesoPatientPage *self)
{
  g_clear_pointer (&self->patient, meso_patient_free);
  set_modified (self, FALSE);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->page_stack, "removed");
}

/* The second step: the dialog was answered. */
static void
privacy_response_cb (MesoPatientPage   *self,
                     const char        *response,
                     MesoPrivacyDialog *dialog)
{
  MesoStore *store = meso_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 id = meso_privacy_dialog_get_patient_id (dialog);
  gboolean anonymise = meso_privacy_dialog_get_action (dialog) == MESO_PRIVACY_ANONYMISE;
  gboolean done;

  /* Checked again: a response can be emitted without its button. */
  if (g_strcmp0 (response, "confirm") != 0 || !meso_privacy_dialog_get_confirmed (dialog) ||
      self->patient == NULL || self->patient->id != id)
    return;

  reason = meso_privacy_dialog_dup_reason (dialog);
  if (anonymise)
    done = meso_store_anonymise_patient (store, id, reason, &error);
  else
    done = meso_store_delete_patient_recorded (store, id, reason, &error);
  if (!done)
    {
      g_autofree char *title = anonymise
                               ? g_strdup_printf (_("Not anonymised: %s"), error->message)
                               : g_strdup_printf (_("Not deleted: %s"), error->message);

      g_warning ("Could not %s patient %" G_GINT64_FORMAT ": %s",
                 anonymise ? "anonymise" : "delete", id, error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }

  if (anonymise)
    {
      if (!meso_patient_page_load (self, id, &error))
        show_removed (self);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Patient anonymised")));
    }
  else
    {
      show_removed (self);
      gtk_widget_activate_action (GTK_WIDGET (self), "patients.show-list", NULL);
    }

  meso_context_notify_changed (self->context,
                               MESO_CHANGE_PATIENTS | MESO_CHANGE_SESSIONS | MESO_CHANGE_FOLLOWUPS);
}

static void
open_privacy_dialog (MesoPatientPage   *self,
                     MesoPrivacyAction  action)
{
  MesoPatientFootprint footprint = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (self->patient == NULL)
    return;

  if (!meso_store_get_patient_footprint (meso_context_get_store (self->context),
                                         self->patient->id, &footprint, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  dialog = meso_privacy_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    action, self->patient->id, self->patient->name, &footprint);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (privacy_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (meso_privacy_dialog_get_confirm_entry (MESO_PRIVACY_DIALOG (dialog))));
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_privacy_dialog (MESO_PATIENT_PAGE (widget), MESO_PRIVACY_DELETE);
}

static void
anonymise_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MesoPatientPage *self = MESO_PATIENT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  /* The page reloads the anonymised record: unsaved answers would be lost. */
  if (!meso_patient_page_save_if_modified (self, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Save the patient first: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }
  open_privacy_dialog (self, MESO_PRIVACY_ANONYMISE);
}

static void
meso_patient_page_constructed (GObject *object)
{
  MesoPatientPage *self = (MesoPatientPage *)object;

  G_OBJECT_CLASS (meso_patient_page_parent_class)->constructed (object);

  self->changed_id = g_signal_connect_object (self->context, "changed",
                                              G_CALLBACK (context_changed_cb),
                                              self, G_CONNECT_SWAPPED);
}

static void
meso_patient_page_dispose (GObject *object)
{
  MesoPatientPage *self = (MesoPatientPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_PATIENT_PAGE);
  g_clear_pointer (&self->patient, meso_patient_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_patient_page_parent_class)->dispose (object);
}

static void
meso_patient_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MesoPatientPage *self = MESO_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_patient_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MesoPatientPage *self = MESO_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          update_save_button (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_patient_page_class_init (MesoPatientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = meso_patient_page_constructed;
  object_class->dispose = meso_patient_page_dispose;
  object_class->get_property = meso_patient_page_get_property;
  object_class->set_property = meso_patient_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MESO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Set when the patients list is hidden: shows the back button. */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MESO_TYPE_SCREENING_BANNER);
  g_type_ensure (MESO_TYPE_IDENTITY_GROUP);
  g_type_ensure (MESO_TYPE_LIST_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-patient-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, banner);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, identity_group);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, conditions_group);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, medications_group);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, allergies_group);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, fitzpatrick_row);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, bruises_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, sensitive_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoPatientPage, sessions_list);
  gtk_widget_class_bind_template_callback (widget_class, edited_cb);
  gtk_widget_class_bind_template_callback (widget_class, identity_changed_cb);

  gtk_widget_class_install_action (widget_class, "patient.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "patient.book-session", NULL, book_session_action_cb);
  gtk_widget_class_install_action (widget_class, "patient.show-history", NULL, show_history_action_cb);
  gtk_widget_class_install_action (widget_class, "patient.show-session", "x", show_session_action_cb);
  gtk_widget_class_install_action (widget_class, "patient.anonymise", NULL, anonymise_action_cb);
  gtk_widget_class_install_action (widget_class, "patient.delete", NULL, delete_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "patient.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "patient.book-session", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
meso_patient_page_init (MesoPatientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* One row per condition of the domain brief, in the vocabulary's order. */
  for (guint i = 0; i < MESO_N_CONDITIONS; i++)
    {
      self->condition_rows[i] = MESO_CONDITION_ROW (meso_condition_row_new (i));
      g_signal_connect_object (self->condition_rows[i], "changed",
                               G_CALLBACK (edited_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->conditions_group, GTK_WIDGET (self->condition_rows[i]));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.save", FALSE);
  update_actions (self);
}

GtkWidget *
meso_patient_page_new (MesoContext *context)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  return g_object_new (MESO_TYPE_PATIENT_PAGE,
                       "context", context,
                       NULL);
}

gboolean
meso_patient_page_load (MesoPatientPage  *self,
                        gint64            id,
                        GError          **error)
{
  MesoPatient *patient;
  gint64 previous_id;

  g_return_val_if_fail (MESO_IS_PATIENT_PAGE (self), FALSE);

  previous_id = meso_patient_page_get_patient_id (self);
  patient = meso_store_get_patient (meso_context_get_store (self->context), id, error);
  if (patient == NULL)
    return FALSE;

  g_clear_pointer (&self->patient, meso_patient_free);
  self->patient = patient;
  show_patient (self);
  /* Another patient starts at the top, where the screening verdict is;
   * the same one reloaded (anonymised) stays where it was. */
  if (id != previous_id)
    {
      GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

      gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
    }

  return TRUE;
}

gint64
meso_patient_page_get_patient_id (MesoPatientPage *self)
{
  g_return_val_if_fail (MESO_IS_PATIENT_PAGE (self), 0);

  return self->patient != NULL ? self->patient->id : 0;
}

gboolean
meso_patient_page_get_modified (MesoPatientPage *self)
{
  g_return_val_if_fail (MESO_IS_PATIENT_PAGE (self), FALSE);

  return self->modified;
}

gboolean
meso_patient_page_save (MesoPatientPage  *self,
                        GError          **error)
{
  g_autoptr(MesoPatient) edited = NULL;
  g_autoptr(GError) local_error = NULL;
  GDate today;

  g_return_val_if_fail (MESO_IS_PATIENT_PAGE (self), FALSE);
  g_return_val_if_fail (self->patient != NULL, FALSE);

  edited = meso_patient_copy (self->patient);
  if (!meso_identity_group_apply (self->identity_group, edited, error))
    return FALSE;
  g_clear_pointer (&edited->history, meso_history_free);
  edited->history = collect_history (self);

  meso_date_set_today (&today);
  if (!meso_patient_validate (edited, &today, &local_error) ||
      !meso_store_update_patient (meso_context_get_store (self->context), edited, &local_error))
    {
      meso_identity_group_show_error (self->identity_group, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_pointer (&self->patient, meso_patient_free);
  self->patient = g_steal_pointer (&edited);
  meso_identity_group_clear_errors (self->identity_group);
  set_modified (self, FALSE);
  update_title (self);
  update_screening (self);

  meso_context_notify_changed (self->context, MESO_CHANGE_PATIENTS);

  return TRUE;
}

gboolean
meso_patient_page_save_if_modified (MesoPatientPage  *self,
                                    GError          **error)
{
  g_return_val_if_fail (MESO_IS_PATIENT_PAGE (self), FALSE);

  if (self->patient == NULL || !self->modified)
    return TRUE;
  return meso_patient_page_save (self, error);
}
