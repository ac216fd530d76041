/* meso-session-page.c: a session as recorded, its sheet and follow-ups.
 *
 * One session is a handful of rows: they are read on the main thread's
 * store and the page is rebuilt whenever the context says something
 * changed (a follow-up recorded here or a flag reviewed elsewhere).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-amend.h"
#include "meso-followup-editor.h"
#include "meso-followup.h"
#include "meso-screening.h"
#include "meso-session-page.h"
#include "meso-sheet-preview.h"
#include "meso-sheet-printer.h"
#include "meso-source-label.h"

struct _MesoSessionPage
{
  AdwWindow           parent_instance;

  MesoContext        *context;
  gint64              session_id;
  MesoSession        *session;
  MesoSheetPrinter   *printer;

  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay    *toast_overlay;
  AdwViewStack       *view_stack;
  GtkLabel           *heading_label;
  GtkLabel           *subheading_label;
  GtkWidget          *safety_group;
  GtkListBox         *safety_list;
  GtkListBox         *session_list;
  GtkListBox         *solution_list;
  GtkListBox         *technique_list;
  MesoSheetPreview   *preview;
  AdwViewStackPage   *followups_stack_page;
  GtkWidget          *flags_group;
  GtkListBox         *flags_list;
  GtkListBox         *followups_list;
};

G_DEFINE_FINAL_TYPE (MesoSessionPage, meso_session_page, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SESSION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A row "title … value"; @value NULL reads "Not recorded".  Values are
 * typed by people: never markup. */
static GtkWidget *
add_field (GtkListBox *list,
           const char *title,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value != NULL ? value : _("Not recorded"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Short values stay on one line; long ones wrap in a column. */
  if (value != NULL && g_utf8_strlen (value, -1) > 32)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (value == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                  -1);
  gtk_list_box_append (list, row);
  return label;
}

static void
add_field_take (GtkListBox *list,
                const char *title,
                char       *value)
{
  add_field (list, title, value);
  g_free (value);
}

static char *
format_date (const GDate *date)
{
  char text[128];

  if (!g_date_valid (date))
    return NULL;
  /* Translators: a session date, see g_date_strftime(). */
  if (g_date_strftime (text, sizeof text, _("%e %B %Y"), date) == 0)
    return meso_date_format (date);
  return g_strdup (g_strstrip (text));
}

/* "a, b, c", or NULL for an empty list. */
static char *
join_list (const GPtrArray *list)
{
  GString *text;

  if (list == NULL || list->len == 0)
    return NULL;
  text = g_string_new (g_ptr_array_index (list, 0));
  for (guint i = 1; i < list->len; i++)
    {
      g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (list, i));
    }
  return g_string_free (text, FALSE);
}

static void
show_session (MesoSessionPage *self,
              const char      *patient_name)
{
  const MesoSession *s = self->session;
  g_autofree char *date = format_date (&s->date);
  g_autofree char *subtitle = NULL;
  GtkWidget *status;

  gtk_window_set_title (GTK_WINDOW (self), patient_name);
  adw_view_switcher_title_set_title (self->switcher_title, patient_name);
  /* Translators: session date and area, under the patient's name. */
  subtitle = g_strdup_printf (_("%s · %s"), date, meso_area_to_label (s->area));
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  /* Wide, the header shows the views, not the title: say whose it is. */
  gtk_label_set_label (self->heading_label, patient_name);
  gtk_label_set_label (self->subheading_label, subtitle);

  clear_list (self->session_list);
  status = add_field (self->session_list, _("Status"), meso_session_status_to_label (s->status));
  gtk_widget_add_css_class (status, "session-status");
  gtk_widget_add_css_class (status, "caption-heading");
  gtk_widget_add_css_class (status, meso_session_status_to_code (s->status));
  add_field (self->session_list, _("Date"), date);
  add_field_take (self->session_list, _("Time"),
                  s->time_minutes >= 0 ? g_strdup_printf ("%02d:%02d", s->time_minutes / 60,
                                                          s->time_minutes % 60)
                                       : NULL);
  add_field (self->session_list, _("Indication"), meso_indication_to_label (s->indication));
  add_field (self->session_list, _("Area"), meso_area_to_label (s->area));
  add_field (self->session_list, _("Practitioner"), s->practitioner);
  add_field (self->session_list, _("Notes"), s->notes);

  clear_list (self->solution_list);
  add_field (self->solution_list, _("Solution"), s->solution_name);
  add_field_take (self->solution_list, _("Ingredients"), join_list (s->ingredients));
  add_field (self->solution_list, _("Consistency"), meso_consistency_to_label (s->consistency));
  /* Translators: a volume in millilitres. */
  add_field_take (self->solution_list, _("Volume"),
                  s->volume_ml > 0 ? g_strdup_printf (_("%g ml"), s->volume_ml) : NULL);
  add_field (self->solution_list, _("Batch"), s->batch);
  add_field_take (self->solution_list, _("Batch Expiry"), format_date (&s->batch_expiry));

  clear_list (self->technique_list);
  /* Translators: needle gauge and length. */
  add_field_take (self->technique_list, _("Needle"),
                  g_strdup_printf (_("%u G, %g mm"), s->needle_gauge, s->needle_length_mm));
  /* Translators: an injection depth in millimetres. */
  add_field_take (self->technique_list, _("Depth"), g_strdup_printf (_("%g mm"), s->depth_mm));
  /* Translators: an angle in degrees. */
  add_field_take (self->technique_list, _("Angle"), g_strdup_printf (_("%g°"), s->angle_deg));
  add_field (self->technique_list, _("Technique"), meso_technique_to_label (s->technique));
  add_field (self->technique_list, _("Massage Advice"), meso_massage_to_label (s->massage));
}

/* Why the session was booked although the screening said no (or asked
 * for care): shown first, as the practitioner recorded it. */
static void
show_safety (MesoSessionPage *self,
             MesoPatient     *patient)
{
  const MesoSession *s = self->session;
  g_autoptr(MesoScreening) screening = NULL;
  gboolean any = FALSE;

  clear_list (self->safety_list);
  if (s->override_reason != NULL)
    {
      add_field (self->safety_list, _("Override Reason"), s->override_reason);
      any = TRUE;
    }

  if (s->acknowledged != NULL && s->acknowledged->len > 0)
    {
      MesoPlan plan = { s->date, s->area, s->ingredients };

      /* The findings' own words, as the screening gives them today. */
      if (patient != NULL)
        screening = meso_screen (&patient->date_of_birth, patient->history, &plan,
                                 meso_context_get_settings (self->context));
      for (guint i = 0; i < s->acknowledged->len; i++)
        {
          const char *code = g_ptr_array_index (s->acknowledged, i);
          const MesoFinding *finding = screening != NULL ? meso_screening_find (screening, code) : NULL;

          add_field (self->safety_list, _("Acknowledged Finding"),
                     finding != NULL ? finding->message : code);
        }
      any = TRUE;
    }
  gtk_widget_set_visible (self->safety_group, any);
}

static void
saved_cb (MesoSessionPage *self,
          GFile           *file)
{
  g_autofree char *name = g_file_get_basename (file);
  AdwToast *toast = adw_toast_new_format (_("Saved “%s”"), name);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_sheet (MesoSessionPage *self,
            MesoPatient     *patient)
{
  const MesoSettings *settings = meso_context_get_settings (self->context);
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_aftercare_sheet_unref);

  g_clear_object (&self->printer);
  if (patient != NULL)
    {
      /* In the patient's language: the sheet goes home with them. */
      g_ptr_array_add (sheets, meso_aftercare_sheet_build (self->session, patient->name,
                                                           settings, patient->language));
      self->printer = meso_sheet_printer_new (sheets, settings->paper_size);
      g_signal_connect_object (self->printer, "saved", G_CALLBACK (saved_cb), self,
                               G_CONNECT_SWAPPED);
    }
  meso_sheet_preview_set_sheets (self->preview, sheets, settings->paper_size);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.print", self->printer != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.save-pdf", self->printer != NULL);
}

/* "Seen: lumps (4 mm), redness, fever", or that nothing was found. */
static char *
describe_followup (const MesoFollowup *f)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  const struct { gboolean on; const char *label; } signs[] = {
    { f->nodules, N_("nodules") },
    { f->pain, N_("pain") },
    { f->redness, N_("redness") },
    { f->warmth, N_("warmth") },
    { f->swelling, N_("swelling") },
    { f->discharge, N_("pus or discharge") },
    { f->bleeding, N_("bleeding that does not stop") },
    { f->pigmentation_change, N_("pigmentation change") },
    { f->fever, N_("fever") },
    { f->itching_hives, N_("itching or hives") },
    { f->breathing_difficulty, N_("difficulty breathing") },
  };
  g_autofree char *joined = NULL;

  if (f->lumps && f->lump_size_mm > 0)
    /* Translators: lumps with their size in millimetres. */
    g_ptr_array_add (seen, g_strdup_printf (_("lumps (%g mm)"), f->lump_size_mm));
  else if (f->lumps)
    g_ptr_array_add (seen, g_strdup (_("lumps")));
  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    if (signs[i].on)
      g_ptr_array_add (seen, g_strdup (_(signs[i].label)));

  if (seen->len == 0)
    return g_strdup (_("Nothing abnormal observed"));

  g_ptr_array_add (seen, NULL);
  joined = g_strjoinv (", ", (char **) seen->pdata);
  /* Translators: what a follow-up found: "Seen: lumps (4 mm), redness". */
  return g_strdup_printf (_("Seen: %s"), joined);
}

static GtkWidget *
flag_row_new (const MesoFlag *flag)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge;
  g_autofree char *css = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *source = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *file_names = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), meso_flag_code_to_label (flag->code));
  if (flag->reviewed)
    /* Translators: a flag's reason, then the clinician's review note. */
    subtitle = g_strdup_printf (_("%s\nReviewed: %s"), flag->reason, flag->review_note);
  else
    subtitle = g_strdup (flag->reason);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  source_name = meso_source_label_format (flag->source, &file_names);
  /* The tooltip is all the room there is: the readable name, then the
   * file names for whoever looks the document up. */
  if (file_names != NULL)
    /* Translators: a flag's source: "Source: document 003 (003_….txt)" */
    source = g_strdup_printf (_("Source: %s (%s)"), source_name, file_names);
  else
    source = g_strdup_printf (_("Source: %s"), source_name);
  gtk_widget_set_tooltip_text (row, source);

  badge = gtk_label_new (flag->reviewed ? _("Reviewed")
                                        : meso_flag_severity_to_label (flag->severity));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "flag-severity");
  gtk_widget_add_css_class (badge, "caption-heading");
  css = g_strconcat ("flag-", flag->reviewed ? "routine" : meso_flag_severity_to_code (flag->severity), NULL);
  gtk_widget_add_css_class (badge, css);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  return row;
}

static void
show_followups (MesoSessionPage *self)
{
  MesoStore *store = meso_context_get_store (self->context);
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;
  guint n_open = 0;

  clear_list (self->followups_list);
  followups = meso_store_list_followups (store, self->session_id, &error);
  if (followups == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      g_clear_error (&error);
    }
  for (guint i = 0; followups != NULL && i < followups->len; i++)
    {
      const MesoFollowup *f = g_ptr_array_index (followups, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = format_date (&f->date);
      g_autofree char *seen = describe_followup (f);
      g_autofree char *subtitle = f->notes != NULL ? g_strconcat (seen, "\n", f->notes, NULL)
                                                   : g_strdup (seen);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->followups_list, row);
    }
  if (followups != NULL && followups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     self->session->status == MESO_SESSION_DONE
                                     ? _("No follow-up recorded yet")
                                     : _("Follow-ups are recorded once the session is done"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->followups_list, row);
    }

  clear_list (self->flags_list);
  flags = meso_store_list_flags_for_session (store, self->session_id, NULL, &error);
  if (flags == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  for (guint i = 0; flags != NULL && i < flags->len; i++)
    {
      const MesoFlag *flag = g_ptr_array_index (flags, i);

      gtk_list_box_append (self->flags_list, flag_row_new (flag));
      if (!flag->reviewed)
        n_open++;
    }
  gtk_widget_set_visible (self->flags_group, flags != NULL && flags->len > 0);
  adw_view_stack_page_set_badge_number (self->followups_stack_page, n_open);
  adw_view_stack_page_set_needs_attention (self->followups_stack_page, n_open > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.record-followup",
                                 self->session->status == MESO_SESSION_DONE);
}

static void
reload (MesoSessionPage *self)
{
  MesoStore *store = meso_context_get_store (self->context);
  g_autoptr(MesoSession) session = NULL;
  g_autoptr(MesoPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  session = meso_store_get_session_amended (store, self->session_id, &error);
  if (session == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_clear_pointer (&self->session, meso_session_free);
  self->session = g_steal_pointer (&session);

  patient = meso_store_get_patient (store, self->session->patient_id, &error);
  if (patient == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));

  show_session (self, patient != NULL ? patient->name : _("Unknown patient"));
  show_safety (self, patient);
  show_sheet (self, patient);
  show_followups (self);
}

static void
context_changed_cb (MesoSessionPage *self,
                    guint            what)
{
  reload (self);
}

static void
print_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  MesoSessionPage *self = MESO_SESSION_PAGE (widget);

  meso_sheet_printer_print (self->printer, GTK_WINDOW (self));
}

static void
save_pdf_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MesoSessionPage *self = MESO_SESSION_PAGE (widget);

  meso_sheet_printer_save_pdf (self->printer, GTK_WINDOW (self));
}

static void
record_followup_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MesoSessionPage *self = MESO_SESSION_PAGE (widget);
  GtkWidget *editor = meso_followup_editor_new (self->context, self->session_id);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
meso_session_page_constructed (GObject *object)
{
  MesoSessionPage *self = (MesoSessionPage *)object;

  G_OBJECT_CLASS (meso_session_page_parent_class)->constructed (object);

  g_return_if_fail (MESO_IS_CONTEXT (self->context));

  g_signal_connect_object (self->context, "changed",
                           G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}

static void
meso_session_page_dispose (GObject *object)
{
  MesoSessionPage *self = (MesoSessionPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_SESSION_PAGE);
  g_clear_object (&self->printer);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_session_page_parent_class)->dispose (object);
}

static void
meso_session_page_finalize (GObject *object)
{
  MesoSessionPage *self = (MesoSessionPage *)object;

  g_clear_pointer (&self->session, meso_session_free);

  G_OBJECT_CLASS (meso_session_page_parent_class)->finalize (object);
}

static void
meso_session_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MesoSessionPage *self = MESO_SESSION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SESSION_ID:
      g_value_set_int64 (value, self->session_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_session_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MesoSessionPage *self = MESO_SESSION_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SESSION_ID:
      self->session_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_session_page_class_init (MesoSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = meso_session_page_constructed;
  object_class->dispose = meso_session_page_dispose;
  object_class->finalize = meso_session_page_finalize;
  object_class->get_property = meso_session_page_get_property;
  object_class->set_property = meso_session_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MESO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MESO_TYPE_SHEET_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-session-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, subheading_label);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, safety_group);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, safety_list);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, session_list);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, solution_list);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, technique_list);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, preview);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, followups_stack_page);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, flags_group);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, flags_list);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionPage, followups_list);

  gtk_widget_class_install_action (widget_class, "session.print", NULL, print_cb);
  gtk_widget_class_install_action (widget_class, "session.save-pdf", NULL, save_pdf_cb);
  gtk_widget_class_install_action (widget_class, "session.record-followup", NULL, record_followup_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "session.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "session.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
meso_session_page_init (MesoSessionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
meso_session_page_new (MesoContext *context,
                       gint64       session_id)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  return g_object_new (MESO_TYPE_SESSION_PAGE,
                       "context", context,
                       "session-id", session_id,
                       NULL);
}

MesoSessionPage *
meso_session_page_open (GtkWidget   *from,
                        MesoContext *context,
                        gint64       session_id)
{
  g_autoptr(GList) windows = NULL;
  MesoSessionPage *page = NULL;
  GtkRoot *root;

  g_return_val_if_fail (from == NULL || GTK_IS_WIDGET (from), NULL);
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  /* One window per session: two would let the same follow-up be entered twice. */
  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL && page == NULL; l = l->next)
    if (MESO_IS_SESSION_PAGE (l->data) &&
        MESO_SESSION_PAGE (l->data)->session_id == session_id &&
        MESO_SESSION_PAGE (l->data)->context == context)
      page = l->data;

  if (page == NULL)
    {
      page = MESO_SESSION_PAGE (meso_session_page_new (context, session_id));
      root = from != NULL ? gtk_widget_get_root (from) : NULL;
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (page), GTK_WINDOW (root));
    }
  gtk_window_present (GTK_WINDOW (page));
  return page;
}

gint64
meso_session_page_get_session_id (MesoSessionPage *self)
{
  g_return_val_if_fail (MESO_IS_SESSION_PAGE (self), 0);
  return self->session_id;
}

void
meso_session_page_show_view (MesoSessionPage *self,
                             const char      *view)
{
  g_return_if_fail (MESO_IS_SESSION_PAGE (self));
  g_return_if_fail (view != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, view);
}
