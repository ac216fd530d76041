/* meso-session-editor.c: the booking form.
 *
 * The form never corrects what was typed: every field is read back as is,
 * checked by meso_session_validate() (the same rules as the CLI and
 * import), and each refused field is marked on its own row.  Booking goes
 * through the screening (meso-booking.h) and writes nothing until the
 * practitioner has acknowledged cautions or a clinician has overridden a
 * contraindication with a reason.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-booking.h"
#include "meso-combo-row-util.h"
#include "meso-screening-dialog.h"
#include "meso-session-editor.h"
#include "meso-session-form.h"

/* Positions in the needle combo rows of the template. */
static const guint preset_gauges[] = { 27, 30, 32 };
static const gdouble preset_lengths[] = { 4.0, 13.0 };

struct _MesoSessionEditor
{
  AdwWindow          parent_instance;

  MesoContext       *context;
  gint64             patient_id;
  /* What was screened, waiting for the screening dialog's answer. */
  MesoSession       *pending;
  /* Field name (as in validation messages) -> message, for marked rows. */
  GHashTable        *invalid;

  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  AdwEntryRow       *date_row;
  GtkCalendar       *calendar;
  AdwEntryRow       *time_row;
  AdwEntryRow       *practitioner_row;
  AdwComboRow       *area_row;
  AdwComboRow       *indication_row;
  AdwComboRow       *technique_row;
  AdwEntryRow       *solution_row;
  AdwEntryRow       *ingredients_row;
  AdwComboRow       *consistency_row;
  AdwActionRow      *volume_row;
  GtkSpinButton     *volume_spin;
  AdwEntryRow       *batch_row;
  AdwEntryRow       *expiry_row;
  AdwComboRow       *gauge_row;
  AdwActionRow      *gauge_other_row;
  GtkSpinButton     *gauge_spin;
  AdwComboRow       *length_row;
  AdwActionRow      *length_other_row;
  GtkSpinButton     *length_spin;
  AdwActionRow      *depth_row;
  GtkSpinButton     *depth_spin;
  AdwActionRow      *angle_row;
  GtkSpinButton     *angle_spin;
  AdwComboRow       *massage_row;
  GtkTextView       *notes_view;
};

G_DEFINE_FINAL_TYPE (MesoSessionEditor, meso_session_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PATIENT_ID,
  N_PROPS
};

enum {
  BOOKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_toast (MesoSessionEditor *self,
            const char        *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A combo row lists a vocabulary's labels in enum order, so that the
 * selected position is the value. */
#define SET_VOCABULARY(row, n_values, to_label)                               \
  G_STMT_START {                                                              \
    g_autoptr(GtkStringList) list_ = gtk_string_list_new (NULL);              \
    for (guint i_ = 0; i_ < (n_values); i_++)                                 \
      gtk_string_list_append (list_, to_label (i_));                          \
    adw_combo_row_set_model ((row), G_LIST_MODEL (list_));                    \
  } G_STMT_END

/* Reads the form into a new session.  Text that cannot be read at all (a
 * date that is not a date) is recorded in @invalid and left at its default. */
static MesoSession *
read_form (MesoSessionEditor *self,
           GHashTable        *invalid)
{
  g_autoptr(MesoSession) session = meso_session_new ();
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *notes = NULL;
  const char *text;
  guint gauge_choice, length_choice;

  session->patient_id = self->patient_id;

  text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  {
    g_autofree char *stripped = meso_session_form_dup_stripped (text);

    if (stripped == NULL || !meso_date_parse (stripped, &session->date))
      {
        meso_session_form_add_invalid (invalid, "date",
                                       stripped == NULL ? _("date: the session date is required")
                                                        : _("date: write the date as YYYY-MM-DD"));
        meso_date_set_today (&session->date);
      }
  }

  text = gtk_editable_get_text (GTK_EDITABLE (self->time_row));
  {
    g_autofree char *stripped = meso_session_form_dup_stripped (text);

    if (stripped != NULL && !meso_session_form_parse_time (stripped, &session->time_minutes))
      meso_session_form_add_invalid (invalid, "time", _("time: write the time as HH:MM, from 00:00 to 23:59"));
  }

  session->practitioner = meso_session_form_dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->practitioner_row)));
  session->area = adw_combo_row_get_selected (self->area_row);
  session->indication = adw_combo_row_get_selected (self->indication_row);
  session->technique = adw_combo_row_get_selected (self->technique_row);
  session->consistency = adw_combo_row_get_selected (self->consistency_row);
  session->massage = adw_combo_row_get_selected (self->massage_row);
  session->solution_name = meso_session_form_dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->solution_row)));

  /* Every comma-separated entry is kept, empty ones too, so that "a,,b"
   * is refused instead of quietly becoming "a, b". */
  text = gtk_editable_get_text (GTK_EDITABLE (self->ingredients_row));
  {
    g_autofree char *stripped = meso_session_form_dup_stripped (text);

    if (stripped != NULL)
      {
        g_auto(GStrv) parts = g_strsplit (stripped, ",", -1);

        for (guint i = 0; parts[i] != NULL; i++)
          g_ptr_array_add (session->ingredients, g_strstrip (g_strdup (parts[i])));
      }
  }

  session->volume_ml = gtk_spin_button_get_value (self->volume_spin);
  session->batch = meso_session_form_dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->batch_row)));

  text = gtk_editable_get_text (GTK_EDITABLE (self->expiry_row));
  {
    g_autofree char *stripped = meso_session_form_dup_stripped (text);

    if (stripped != NULL && !meso_date_parse (stripped, &session->batch_expiry))
      {
        meso_session_form_add_invalid (invalid, "batch_expiry", _("batch_expiry: write the date as YYYY-MM-DD"));
        g_date_clear (&session->batch_expiry, 1);
      }
  }

  gauge_choice = adw_combo_row_get_selected (self->gauge_row);
  if (gauge_choice < G_N_ELEMENTS (preset_gauges))
    session->needle_gauge = preset_gauges[gauge_choice];
  else
    session->needle_gauge = (guint) gtk_spin_button_get_value_as_int (self->gauge_spin);

  length_choice = adw_combo_row_get_selected (self->length_row);
  if (length_choice < G_N_ELEMENTS (preset_lengths))
    session->needle_length_mm = preset_lengths[length_choice];
  else
    session->needle_length_mm = gtk_spin_button_get_value (self->length_spin);

  session->depth_mm = gtk_spin_button_get_value (self->depth_spin);
  session->angle_deg = gtk_spin_button_get_value (self->angle_spin);

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  session->notes = meso_session_form_dup_stripped (notes);

  return g_steal_pointer (&session);
}

/* Every row that can be marked, in form order, with the field name that
 * validation messages start with.  The needle presets are always valid:
 * only the "Other" values can be refused. */
static const struct {
  const char *field;
  gsize       offset;
} field_rows[] = {
  { "date", G_STRUCT_OFFSET (MesoSessionEditor, date_row) },
  { "time", G_STRUCT_OFFSET (MesoSessionEditor, time_row) },
  { "practitioner", G_STRUCT_OFFSET (MesoSessionEditor, practitioner_row) },
  { "area", G_STRUCT_OFFSET (MesoSessionEditor, area_row) },
  { "indication", G_STRUCT_OFFSET (MesoSessionEditor, indication_row) },
  { "technique", G_STRUCT_OFFSET (MesoSessionEditor, technique_row) },
  { "solution.name", G_STRUCT_OFFSET (MesoSessionEditor, solution_row) },
  { "solution.ingredients", G_STRUCT_OFFSET (MesoSessionEditor, ingredients_row) },
  { "consistency", G_STRUCT_OFFSET (MesoSessionEditor, consistency_row) },
  { "solution.volume_ml", G_STRUCT_OFFSET (MesoSessionEditor, volume_row) },
  { "batch", G_STRUCT_OFFSET (MesoSessionEditor, batch_row) },
  { "batch_expiry", G_STRUCT_OFFSET (MesoSessionEditor, expiry_row) },
  { "needle.gauge", G_STRUCT_OFFSET (MesoSessionEditor, gauge_other_row) },
  { "needle.length_mm", G_STRUCT_OFFSET (MesoSessionEditor, length_other_row) },
  { "depth_mm", G_STRUCT_OFFSET (MesoSessionEditor, depth_row) },
  { "angle_deg", G_STRUCT_OFFSET (MesoSessionEditor, angle_row) },
  { "massage_advice", G_STRUCT_OFFSET (MesoSessionEditor, massage_row) },
  { "notes", G_STRUCT_OFFSET (MesoSessionEditor, notes_view) },
};

#define FIELD_ROW(self, i) G_STRUCT_MEMBER (GtkWidget *, (self), field_rows[i].offset)

/* Reads and checks the form, marks every refused field on its row, and
 * returns the session when it is valid. */
static MesoSession *
check_form (MesoSessionEditor *self)
{
  g_autoptr(MesoSession) session = NULL;

  g_hash_table_remove_all (self->invalid);
  session = read_form (self, self->invalid);
  meso_session_form_collect_invalid (session, self->invalid);

  for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
    meso_session_form_mark_row (FIELD_ROW (self, i),
                                g_hash_table_lookup (self->invalid, field_rows[i].field));

  if (g_hash_table_size (self->invalid) > 0)
    return NULL;

  return g_steal_pointer (&session);
}

static void
field_changed_cb (MesoSessionEditor *self)
{
  g_autoptr(MesoSession) session = NULL;

  /* Template signals fire while the template is still being built. */
  if (self->invalid == NULL || self->context == NULL)
    return;
  /* Only the marks matter while typing; Book reads the form again. */
  session = check_form (self);
}

static void
needle_choice_changed_cb (MesoSessionEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->gauge_other_row),
                          adw_combo_row_get_selected (self->gauge_row) >= G_N_ELEMENTS (preset_gauges));
  gtk_widget_set_visible (GTK_WIDGET (self->length_other_row),
                          adw_combo_row_get_selected (self->length_row) >= G_N_ELEMENTS (preset_lengths));
  field_changed_cb (self);
}

static void
calendar_day_selected_cb (MesoSessionEditor *self,
                          GtkCalendar       *calendar)
{
  g_autoptr(GDateTime) when = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (when, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static gboolean
book (MesoSessionEditor  *self,
      MesoSession        *session)
{
  MesoStore *store = meso_context_get_store (self->context);
  g_autoptr(GError) error = NULL;

  if (!meso_book_session (store, session, NULL, &error))
    {
      show_toast (self, error->message);
      return FALSE;
    }

  meso_context_notify_changed (self->context, MESO_CHANGE_SESSIONS);
  g_signal_emit (self, signals[BOOKED], 0, session->id);
  /* Not at once: the screening dialog, transient for this window, may
   * still be finishing its response. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb,
                   g_object_ref (self), g_object_unref);
  return TRUE;
}

static void
screening_response_cb (MesoSessionEditor   *self,
                       const char          *response,
                       MesoScreeningDialog *dialog)
{
  g_autoptr(MesoSession) session = g_steal_pointer (&self->pending);

  /* Cancel, Escape or closing the dialog: nothing is written. */
  if (session == NULL || g_strcmp0 (response, "book") != 0)
    return;

  g_clear_pointer (&session->acknowledged, g_ptr_array_unref);
  session->acknowledged = meso_screening_dialog_dup_acknowledged (dialog);
  g_clear_pointer (&session->override_reason, g_free);
  session->override_reason = meso_screening_dialog_dup_override_reason (dialog);

  book (self, session);
}

static void
book_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MesoSessionEditor *self = MESO_SESSION_EDITOR (widget);
  MesoStore *store = meso_context_get_store (self->context);
  g_autoptr(MesoSession) session = NULL;
  g_autoptr(MesoScreening) screening = NULL;
  g_autoptr(GError) error = NULL;
  GtkSpinButton *spins[] = {
    self->volume_spin, self->gauge_spin, self->length_spin,
    self->depth_spin, self->angle_spin,
  };
  GtkWidget *dialog;

  /* Take what is typed in a spin button even if Enter was not pressed. */
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    gtk_spin_button_update (spins[i]);

  session = check_form (self);
  if (session == NULL)
    {
      /* Focus the first marked field in form order and say what is wrong
       * with it, in the row's own words. */
      for (guint i = 0; i < G_N_ELEMENTS (field_rows); i++)
        {
          GtkWidget *row = FIELD_ROW (self, i);
          const char *message = g_hash_table_lookup (self->invalid, field_rows[i].field);
          const char *detail;
          g_autofree char *text = NULL;

          if (message == NULL)
            continue;

          detail = strstr (message, ": ");
          detail = detail != NULL ? detail + 2 : message;
          /* Translators: a form field's name, then what is wrong with it. */
          text = g_strdup_printf (_("%s: %s"),
                                  ADW_IS_PREFERENCES_ROW (row)
                                  ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))
                                  : _("Notes"),
                                  detail);
          show_toast (self, text);
          gtk_widget_grab_focus (meso_session_form_row_input (row));
          break;
        }
      return;
    }

  screening = meso_booking_screen (store, session, &error);
  if (screening == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  if (screening->verdict == MESO_VERDICT_CLEAR)
    {
      book (self, session);
      return;
    }

  g_clear_pointer (&self->pending, meso_session_free);
  self->pending = g_steal_pointer (&session);

  dialog = meso_screening_dialog_new (GTK_WINDOW (self), screening);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (screening_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_form (MesoSessionEditor *self)
{
  const MesoSettings *settings = meso_context_get_settings (self->context);
  g_autoptr(MesoSession) session = meso_session_new ();
  g_autoptr(MesoPatientSummary) patient = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;

  patient = meso_store_get_patient_summary (meso_context_get_store (self->context),
                                            self->patient_id, &error);
  if (patient != NULL)
    adw_window_title_set_subtitle (self->window_title, patient->name);
  else
    g_warning ("Cannot read patient %" G_GINT64_FORMAT ": %s",
               self->patient_id, error->message);

  /* The documented defaults come from the record (meso_session_new);
   * massage advice is the clinic's choice. */
  session->massage = settings->default_massage;

  today = g_date_time_format (now, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  gtk_calendar_select_day (self->calendar, now);

  adw_combo_row_set_selected (self->area_row, session->area);
  adw_combo_row_set_selected (self->indication_row, session->indication);
  adw_combo_row_set_selected (self->technique_row, session->technique);
  adw_combo_row_set_selected (self->consistency_row, session->consistency);
  adw_combo_row_set_selected (self->massage_row, session->massage);
  gtk_spin_button_set_value (self->volume_spin, session->volume_ml);
  gtk_spin_button_set_value (self->depth_spin, session->depth_mm);
  gtk_spin_button_set_value (self->angle_spin, session->angle_deg);

  adw_combo_row_set_selected (self->gauge_row, G_N_ELEMENTS (preset_gauges));
  for (guint i = 0; i < G_N_ELEMENTS (preset_gauges); i++)
    if (preset_gauges[i] == session->needle_gauge)
      adw_combo_row_set_selected (self->gauge_row, i);
  gtk_spin_button_set_value (self->gauge_spin, session->needle_gauge);

  adw_combo_row_set_selected (self->length_row, G_N_ELEMENTS (preset_lengths));
  for (guint i = 0; i < G_N_ELEMENTS (preset_lengths); i++)
    if (preset_lengths[i] == session->needle_length_mm)
      adw_combo_row_set_selected (self->length_row, i);
  gtk_spin_button_set_value (self->length_spin, session->needle_length_mm);
}

static void
meso_session_editor_constructed (GObject *object)
{
  MesoSessionEditor *self = (MesoSessionEditor *)object;

  G_OBJECT_CLASS (meso_session_editor_parent_class)->constructed (object);

  g_return_if_fail (MESO_IS_CONTEXT (self->context));

  load_form (self);
  self->invalid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
meso_session_editor_dispose (GObject *object)
{
  MesoSessionEditor *self = (MesoSessionEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_SESSION_EDITOR);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (meso_session_editor_parent_class)->dispose (object);
}

static void
meso_session_editor_finalize (GObject *object)
{
  MesoSessionEditor *self = (MesoSessionEditor *)object;

  g_clear_pointer (&self->pending, meso_session_free);
  g_clear_pointer (&self->invalid, g_hash_table_unref);

  G_OBJECT_CLASS (meso_session_editor_parent_class)->finalize (object);
}

static void
meso_session_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MesoSessionEditor *self = MESO_SESSION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_PATIENT_ID:
      g_value_set_int64 (value, self->patient_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_session_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MesoSessionEditor *self = MESO_SESSION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_PATIENT_ID:
      self->patient_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_session_editor_class_init (MesoSessionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = meso_session_editor_constructed;
  object_class->dispose = meso_session_editor_dispose;
  object_class->finalize = meso_session_editor_finalize;
  object_class->get_property = meso_session_editor_get_property;
  object_class->set_property = meso_session_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         MESO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT_ID] =
    g_param_spec_int64 ("patient-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MesoSessionEditor::booked:
   * @session_id: the id of the stored session
   */
  signals[BOOKED] =
    g_signal_new ("booked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-session-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, practitioner_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, area_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, indication_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, technique_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, solution_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, ingredients_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, consistency_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, volume_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, volume_spin);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, batch_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, gauge_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, gauge_other_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, gauge_spin);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, length_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, length_other_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, length_spin);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, depth_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, depth_spin);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, angle_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, angle_spin);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, massage_row);
  gtk_widget_class_bind_template_child (widget_class, MesoSessionEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, needle_choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.book", NULL, book_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.book", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.book", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
meso_session_editor_init (MesoSessionEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  SET_VOCABULARY (self->area_row, MESO_N_AREAS, meso_area_to_label);
  SET_VOCABULARY (self->indication_row, MESO_N_INDICATIONS, meso_indication_to_label);
  SET_VOCABULARY (self->technique_row, MESO_N_TECHNIQUES, meso_technique_to_label);
  SET_VOCABULARY (self->consistency_row, MESO_N_CONSISTENCIES, meso_consistency_to_label);
  SET_VOCABULARY (self->massage_row, MESO_N_MASSAGES, meso_massage_to_label);

  meso_combo_row_show_whole_value (self->area_row);
  meso_combo_row_show_whole_value (self->indication_row);
  meso_combo_row_show_whole_value (self->technique_row);
  meso_combo_row_show_whole_value (self->consistency_row);
  meso_combo_row_show_whole_value (self->gauge_row);
  meso_combo_row_show_whole_value (self->length_row);
  meso_combo_row_show_whole_value (self->massage_row);
}

/**
 * meso_session_editor_new:
 * @context: the application's context
 * @patient_id: the patient the session is for
 *
 * Returns: (transfer floating): a new, not yet shown, modal booking window
 */
GtkWidget *
meso_session_editor_new (MesoContext *context,
                         gint64       patient_id)
{
  g_return_val_if_fail (MESO_IS_CONTEXT (context), NULL);

  return g_object_new (MESO_TYPE_SESSION_EDITOR,
                       "context", context,
                       "patient-id", patient_id,
                       NULL);
}

gint64
meso_session_editor_get_patient_id (MesoSessionEditor *self)
{
  g_return_val_if_fail (MESO_IS_SESSION_EDITOR (self), 0);
  return self->patient_id;
}
