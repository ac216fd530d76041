/* meso-followup-editor.c: one follow-up observation for a session.
 *
 * The date is checked here as it is typed (so the row says at once what
 * is wrong) and again by the store, whose rules are the CLI's; whatever
 * the store refuses is shown on its field, and nothing is written.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-followup-editor.h"
#include "meso-followup.h"

struct _MesoFollowupEditor
{
  AdwWindow        parent_instance;

  MesoContext     *context;
  gint64           session_id;
  gint64           followup_id;
  GDate            session_date;

  AdwWindowTitle  *window_title;
  GtkWidget       *cancel_button;
  GtkWidget       *save_button;
  GtkWidget       *close_button;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwEntryRow     *date_row;
  GtkSwitch       *lumps_switch;
  GtkSpinButton   *lump_size_spin;
  GtkSwitch       *nodules_switch;
  GtkSwitch       *pain_switch;
  GtkSwitch       *redness_switch;
  GtkSwitch       *warmth_switch;
  GtkSwitch       *swelling_switch;
  GtkSwitch       *discharge_switch;
  GtkSwitch       *bleeding_switch;
  GtkSwitch       *pigmentation_switch;
  GtkSwitch       *fever_switch;
  GtkSwitch       *itching_switch;
  GtkSwitch       *breathing_switch;
  GtkTextView     *notes_view;
  AdwStatusPage   *saved_page;
  GtkListBox      *raised_list;
};

G_DEFINE_FINAL_TYPE (MesoFollowupEditor, meso_followup_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SESSION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Each switch and the observation it records. */
static const struct {
  glong switch_offset;
  glong field_offset;
} observations[] = {
  { G_STRUCT_OFFSET (MesoFollowupEditor, lumps_switch),        G_STRUCT_OFFSET (MesoFollowup, lumps) },
  { G_STRUCT_OFFSET (MesoFollowupEditor, nodules_switch),      G_STRUCT_OFFSET (MesoFollowup, nodules) },
  { G_STRUCT_OFFSET (MesoFollowupEditor, pain_switch),         G_STRUCT_OFFSET (MesoFollowup, pain) },
  { G_STRUCT_OFFSET (MesoFollowupEditor, redness_switch),      G_STRUCT_OFFSET (MesoFollowup, redness) },
  { G_STRUCT_OFFSET (MesoFollowupEditor, warmth_switch),       G_STRUCT_OFFSET (MesoFollowup, warmth) },
  { G_STRUCT_OFFSET (MesoFollowupEditor, swelling_switch),     G_STRUCT_OFFSET (MesoFollowup, swelling) },
  { G_STRUCT_OFFSET (MesoFollowupEditor, discharge_switch),    G_STRUCT_OFFSET (MesoFollowup, discharge) },
  { G_STRUCT_OFFSET (MesoFollowupEditor, bleeding_switch),     G_STRUCT_OFFSET (MesoFollowup, bleeding) },
  { G_STRUCT_OFFSET (MesoFollowupEditor, pigmentation_switch), G_STRUCT_OFFSET (MesoFollowup, pigmentation_change) },
  { G_STRUCT_OFFSET (MesoFollowupEditor, fever_switch),        G_STRUCT_OFFSET (MesoFollowup, fever) },
  { G_STRUCT_OFFSET (MesoFollowupEditor, itching_switch),      G_STRUCT_OFFSET (MesoFollowup, itching_hives) },
  { G_STRUCT_OFFSET (MesoFollowupEditor, breathing_switch),    G_STRUCT_OFFSET (MesoFollowup, breathing_difficulty) },
};

static void
mark_date (MesoFollowupEditor *self,
           const char         *message)
{
  GtkWidget *row = GTK_WIDGET (self->date_row);
  gboolean invalid = message != NULL;

  if (invalid)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE
                                       : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (invalid)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* NULL when the date is acceptable, else why not (translated). */
static char *
check_date (MesoFollowupEditor *self,
            GDate              *out)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  GDate today;

  if (*text == '\0')
    return g_strdup (_("date: the date observed is required"));
  if (!meso_date_parse (text, out))
    return g_strdup (_("date: write the date as YYYY-MM-DD"));
  if (g_date_valid (&self->session_date) && g_date_compare (out, &self->session_date) < 0)
    {
      g_autofree char *session = meso_date_format (&self->session_date);

      return g_strdup_printf (_("date: the follow-up cannot be before the session (%s)"), session);
    }
  meso_date_set_today (&today);
  if (g_date_compare (out, &today) > 0)
    return g_strdup (_("date: the follow-up cannot be in the future"));
  return NULL;
}

/* A complete date is checked as soon as it is typed; a date still being
 * typed is not shouted at, only cleared of an earlier mark. */
static void
date_changed_cb (MesoFollowupEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  g_autofree char *message = NULL;
  GDate date;

  if (meso_date_parse (text, &date))
    message = check_date (self, &date);
  mark_date (self, message);
}

static MesoFollowup *
collect (MesoFollowupEditor *self)
{
  g_autoptr(MesoFollowup) followup = meso_followup_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *notes = NULL;
  GtkTextIter start, end;

  followup->session_id = self->session_id;
  for (guint i = 0; i < G_N_ELEMENTS (observations); i++)
    {
      GtkSwitch *toggle = G_STRUCT_MEMBER (GtkSwitch *, self, observations[i].switch_offset);

      G_STRUCT_MEMBER (gboolean, followup, observations[i].field_offset) = gtk_switch_get_active (toggle);
    }
  if (followup->lumps)
    {
      gtk_spin_button_update (self->lump_size_spin);
      followup->lump_size_mm = gtk_spin_button_get_value (self->lump_size_spin);
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*notes != '\0')
    followup->notes = g_steal_pointer (&notes);

  return g_steal_pointer (&followup);
}

static GHashTable *
open_flag_codes (MesoFollowupEditor *self)
{
  g_autoptr(GPtrArray) flags = NULL;
  GHashTable *codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  flags = meso_store_list_flags_for_session (meso_context_get_store (self->context),
                                             self->session_id, NULL, NULL);
  for (guint i = 0; flags != NULL && i < flags->len; i++)
    {
      MesoFlag *flag = g_ptr_array_index (flags, i);

      if (!flag->reviewed)
        g_hash_table_add (codes, g_strdup (flag->code));
    }
  return codes;
}

static GtkWidget *
raised_row_new (const MesoFlag *flag)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *severity = gtk_label_new (meso_flag_severity_to_label (flag->severity));
  g_autofree char *css = g_strconcat ("flag-", meso_flag_severity_to_code (flag->severity), NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), meso_flag_code_to_label (flag->code));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), flag->reason);
  gtk_widget_set_valign (severity, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (severity, "flag-severity");
  gtk_widget_add_css_class (severity, "caption-heading");
  gtk_widget_add_css_class (severity, css);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), severity);
  return row;
}

/* Shows the flags that are open now and were not before saving. */
static void
show_saved (MesoFollowupEditor *self,
            GHashTable         *open_before)
{
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GError) error = NULL;
  guint n_raised = 0;

  flags = meso_store_list_flags_for_session (meso_context_get_store (self->context),
                                             self->session_id, NULL, &error);
  for (guint i = 0; flags != NULL && i < flags->len; i++)
    {
      MesoFlag *flag = g_ptr_array_index (flags, i);

      if (flag->reviewed || g_hash_table_contains (open_before, flag->code))
        continue;
      gtk_list_box_append (self->raised_list, raised_row_new (flag));
      n_raised++;
    }

  if (flags == NULL)
    adw_status_page_set_description (self->saved_page, error->message);
  else if (n_raised == 0)
    adw_status_page_set_description (self->saved_page, _("No new flags were raised."));
  else
    {
      adw_status_page_set_icon_name (self->saved_page, "dialog-warning-symbolic");
      adw_status_page_set_description (self->saved_page,
                                       ngettext ("This observation raised a flag for the clinician to review.",
                                                 "This observation raised flags for the clinician to review.",
                                                 n_raised));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->raised_list), n_raised > 0);

  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->save_button, FALSE);
  gtk_widget_set_visible (self->close_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "saved");
  gtk_widget_grab_focus (self->close_button);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  MesoFollowupEditor *self = MESO_FOLLOWUP_EDITOR (widget);
  g_autoptr(MesoFollowup) followup = NULL;
  g_autoptr(GHashTable) open_before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->followup_id != 0)
    return;

  followup = collect (self);
  message = check_date (self, &followup->date);
  mark_date (self, message);
  if (message != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  open_before = open_flag_codes (self);
  if (!meso_store_insert_followup (meso_context_get_store (self->context), followup, &error))
    {
      /* The store's messages start with the field they are about. */
      if (g_str_has_prefix (error->message, "date"))
        mark_date (self, error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  self->followup_id = followup->id;
  meso_context_notify_changed (self->context, MESO_CHANGE_FOLLOWUPS);
  show_saved (self, open_before);
}

static void
load_session (MesoFollowupEditor *self)
{
  MesoStore *store = meso_context_get_store (self->context);
  g_autoptr(MesoSession) session = NULL;
  g_autoptr(MesoPatientSummary) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;

  session = meso_store_get_session (store, self->session_id, &error);
  if (session == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
      return;
    }

  self->session_date = session->date;
  patient = meso_store_get_patient_summary (store, session->patient_id, NULL);
  date = meso_date_format (&session->date);
  /* Translators: patient, area and date of the session followed up. */
  subtitle = g_strdup_printf (_("%s · %s, %s"),
                              patient != NULL ? patient->name : _("Unknown patient"),
                              meso_area_to_label (session->area), date);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
}

static void
meso_followup_editor_constructed (GObject *object)
{
  MesoFollowupEditor *self = (MesoFollowupEditor *)object;

  G_OBJECT_CLASS (meso_followup_editor_parent_class)->constructed (object);

  g_return_if_fail (MESO_IS_CONTEXT (self->context));
  load_session (self);
}

static void
meso_followup_editor_dispose (GObject *object)
{
  MesoFollowupEditor *self = (MesoFollowupEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_FOLLOWUP_EDITOR);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_followup_editor_parent_class)->dispose (object);
}

static void
meso_followup_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MesoFollowupEditor *self = MESO_FOLLOWUP_EDITOR (object);

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
meso_followup_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MesoFollowupEditor *self = MESO_FOLLOWUP_EDITOR (object);

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
meso_followup_editor_class_init (MesoFollowupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = meso_followup_editor_constructed;
  object_class->dispose = meso_followup_editor_dispose;
  object_class->get_property = meso_followup_editor_get_property;
  object_class->set_property = meso_followup_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MESO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-followup-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, close_button);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, lumps_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, lump_size_spin);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, nodules_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, pain_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, redness_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, warmth_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, swelling_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, discharge_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, bleeding_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, pigmentation_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, fever_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, itching_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, breathing_switch);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, saved_page);
  gtk_widget_class_bind_template_child (widget_class, MesoFollowupEditor, raised_list);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
meso_followup_editor_init (MesoFollowupEditor *self)
{
  g_date_clear (&self->session_date, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
meso_followup_editor_new (MesoContext *context,
                          gint64       session_id)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  return g_object_new (MESO_TYPE_FOLLOWUP_EDITOR,
                       "context", context,
                       "session-id", session_id,
                       NULL);
}

gint64
meso_followup_editor_get_followup_id (MesoFollowupEditor *self)
{
  g_return_val_if_fail (MESO_IS_FOLLOWUP_EDITOR (self), 0);
  return self->followup_id;
}
