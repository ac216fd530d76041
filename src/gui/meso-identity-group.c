/* meso-identity-group.c: identity and contact rows, with field errors.
 *
 * Nothing is clamped or guessed: what cannot be read is marked on its row
 * (the "error" style class and the accessible invalid state) with the
 * message in the group's description, and the caller saves nothing.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "meso-identity-group.h"

struct _MesoIdentityGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwEntryRow         *name_row;
  AdwEntryRow         *birth_row;
  AdwComboRow         *sex_row;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *address_row;
  AdwComboRow         *language_row;

  char                *description;   /* shown again once errors are fixed */
  guint                loading : 1;
  guint                showing_error : 1;
};

G_DEFINE_FINAL_TYPE (MesoIdentityGroup, meso_identity_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Handout languages, in the order of the language row's model. */
static const char * const languages[] = { "en", "fr", "it", "es", "de" };

static void
set_invalid (GtkWidget *row,
             gboolean   invalid)
{
  if (invalid)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
field_changed_cb (MesoIdentityGroup *self,
                  GParamSpec        *pspec,
                  GtkWidget         *row)
{
  if (self->loading)
    return;

  /* The person is fixing it: the mark goes until the next save. */
  if (gtk_widget_has_css_class (row, "error"))
    meso_identity_group_clear_errors (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
meso_identity_group_dispose (GObject *object)
{
  MesoIdentityGroup *self = (MesoIdentityGroup *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_IDENTITY_GROUP);

  G_OBJECT_CLASS (meso_identity_group_parent_class)->dispose (object);
}

static void
meso_identity_group_finalize (GObject *object)
{
  MesoIdentityGroup *self = (MesoIdentityGroup *)object;

  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (meso_identity_group_parent_class)->finalize (object);
}

static void
meso_identity_group_class_init (MesoIdentityGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = meso_identity_group_dispose;
  object_class->finalize = meso_identity_group_finalize;

  /**
   * MesoIdentityGroup::changed:
   *
   * A field was edited by the user.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-identity-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoIdentityGroup, name_row);
  gtk_widget_class_bind_template_child (widget_class, MesoIdentityGroup, birth_row);
  gtk_widget_class_bind_template_child (widget_class, MesoIdentityGroup, sex_row);
  gtk_widget_class_bind_template_child (widget_class, MesoIdentityGroup, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MesoIdentityGroup, email_row);
  gtk_widget_class_bind_template_child (widget_class, MesoIdentityGroup, address_row);
  gtk_widget_class_bind_template_child (widget_class, MesoIdentityGroup, language_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
}

static void
meso_identity_group_init (MesoIdentityGroup *self)
{
  g_autoptr(GtkStringList) sexes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The labels are the vocabulary's own, in enum order. */
  for (guint i = 0; i < MESO_N_SEXES; i++)
    gtk_string_list_append (sexes, meso_sex_to_label (i));
  adw_combo_row_set_model (self->sex_row, G_LIST_MODEL (sexes));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

void
meso_identity_group_set_patient (MesoIdentityGroup *self,
                                 const MesoPatient *patient)
{
  g_autofree char *born = NULL;

  g_return_if_fail (MESO_IS_IDENTITY_GROUP (self));
  g_return_if_fail (patient != NULL);

  self->loading = TRUE;

  born = meso_date_format (&patient->date_of_birth);
  set_text (self->name_row, patient->name);
  set_text (self->birth_row, born);
  adw_combo_row_set_selected (self->sex_row, patient->sex);
  set_text (self->phone_row, patient->phone);
  set_text (self->email_row, patient->email);
  set_text (self->address_row, patient->address);
  adw_combo_row_set_selected (self->language_row, 0);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (patient->language, languages[i]) == 0)
      adw_combo_row_set_selected (self->language_row, i);

  meso_identity_group_clear_errors (self);
  self->loading = FALSE;
}

/* Empty optional text is stored as NULL, surrounding blanks dropped. */
static char *
dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  if (*text == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

gboolean
meso_identity_group_apply (MesoIdentityGroup  *self,
                           MesoPatient        *patient,
                           GError            **error)
{
  g_autofree char *born_text = NULL;
  GDate born;
  guint language;

  g_return_val_if_fail (MESO_IS_IDENTITY_GROUP (self), FALSE);
  g_return_val_if_fail (patient != NULL, FALSE);

  g_date_clear (&born, 1);
  born_text = dup_text (self->birth_row);
  if (born_text != NULL && !meso_date_parse (born_text, &born))
    {
      g_autoptr(GError) local_error = NULL;

      /* Same form as the record's own messages: the field name first. */
      g_set_error (&local_error, MESO_RECORD_ERROR, MESO_RECORD_ERROR_INVALID,
                   "date_of_birth: %s",
                   _("write the date of birth as YYYY-MM-DD, for example 1980-04-12"));
      meso_identity_group_show_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_free (patient->name);
  patient->name = dup_text (self->name_row);
  patient->date_of_birth = born;
  patient->sex = adw_combo_row_get_selected (self->sex_row);
  g_free (patient->phone);
  patient->phone = dup_text (self->phone_row);
  g_free (patient->email);
  patient->email = dup_text (self->email_row);
  g_free (patient->address);
  patient->address = dup_text (self->address_row);
  language = adw_combo_row_get_selected (self->language_row);
  g_free (patient->language);
  patient->language = g_strdup (languages[language < G_N_ELEMENTS (languages) ? language : 0]);

  return TRUE;
}

gboolean
meso_identity_group_get_date_of_birth (MesoIdentityGroup *self,
                                       GDate             *out)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (MESO_IS_IDENTITY_GROUP (self), FALSE);

  text = dup_text (self->birth_row);
  return text != NULL && meso_date_parse (text, out);
}

GtkWidget *
meso_identity_group_get_field (MesoIdentityGroup *self,
                               const char        *field)
{
  g_return_val_if_fail (MESO_IS_IDENTITY_GROUP (self), NULL);

  if (g_strcmp0 (field, "name") == 0)
    return GTK_WIDGET (self->name_row);
  if (g_strcmp0 (field, "date_of_birth") == 0)
    return GTK_WIDGET (self->birth_row);
  if (g_strcmp0 (field, "sex") == 0)
    return GTK_WIDGET (self->sex_row);
  if (g_strcmp0 (field, "phone") == 0)
    return GTK_WIDGET (self->phone_row);
  if (g_strcmp0 (field, "email") == 0)
    return GTK_WIDGET (self->email_row);
  if (g_strcmp0 (field, "address") == 0)
    return GTK_WIDGET (self->address_row);
  if (g_strcmp0 (field, "language") == 0)
    return GTK_WIDGET (self->language_row);
  return NULL;
}

gboolean
meso_identity_group_show_error (MesoIdentityGroup *self,
                                const GError      *error)
{
  g_autofree char *field = NULL;
  g_autofree char *message = NULL;
  const char *colon;
  GtkWidget *row;

  g_return_val_if_fail (MESO_IS_IDENTITY_GROUP (self), FALSE);
  g_return_val_if_fail (error != NULL, FALSE);

  /* Validation messages start with the field name: "email: …". */
  colon = strchr (error->message, ':');
  if (colon == NULL)
    return FALSE;
  field = g_strndup (error->message, colon - error->message);
  row = meso_identity_group_get_field (self, field);
  if (row == NULL)
    return FALSE;

  set_invalid (row, TRUE);
  if (!self->showing_error)
    {
      g_free (self->description);
      self->description = g_strdup (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (self)));
      self->showing_error = TRUE;
    }
  message = g_strstrip (g_strdup (colon + 1));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), message);
  gtk_widget_grab_focus (row);

  return TRUE;
}

void
meso_identity_group_clear_errors (MesoIdentityGroup *self)
{
  static const char * const fields[] = {
    "name", "date_of_birth", "sex", "phone", "email", "address", "language",
  };

  g_return_if_fail (MESO_IS_IDENTITY_GROUP (self));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    set_invalid (meso_identity_group_get_field (self, fields[i]), FALSE);
  if (self->showing_error)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), self->description);
      self->showing_error = FALSE;
    }
}
