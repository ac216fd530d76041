/* meso-session-form.c: reading and checking the booking form's fields. */
#include "config.h"

#include <string.h>

#include "meso-session-form.h"

char *
meso_session_form_dup_stripped (const char *text)
{
  char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/* "H:MM" or "HH:MM" on the 24-hour clock, nothing else. */
gboolean
meso_session_form_parse_time (const char *text,
                              gint       *minutes)
{
  const char *colon = strchr (text, ':');
  guint hours, mins;

  if (colon == NULL || colon - text < 1 || colon - text > 2 || strlen (colon + 1) != 2)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (p != colon && !g_ascii_isdigit (*p))
      return FALSE;

  hours = (guint) g_ascii_strtoull (text, NULL, 10);
  mins = (guint) g_ascii_strtoull (colon + 1, NULL, 10);
  if (hours > 23 || mins > 59)
    return FALSE;
  *minutes = (gint) (hours * 60 + mins);
  return TRUE;
}

/* The spin button inside an action row, which takes the focus. */
GtkWidget *
meso_session_form_row_input (GtkWidget *row)
{
  if (ADW_IS_ACTION_ROW (row) && !ADW_IS_COMBO_ROW (row))
    {
      GtkWidget *input = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      if (input != NULL)
        return input;
    }
  return row;
}

void
meso_session_form_mark_row (GtkWidget  *row,
                            const char *message)
{
  GtkWidget *input = meso_session_form_row_input (row);
  gboolean invalid = message != NULL;

  if (invalid)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (input, "error");
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (input, "error");
    }
  gtk_widget_set_tooltip_text (input, message);

  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE
                                       : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (input != row)
    gtk_accessible_update_state (GTK_ACCESSIBLE (input),
                                 GTK_ACCESSIBLE_STATE_INVALID,
                                 invalid ? GTK_ACCESSIBLE_INVALID_TRUE
                                         : GTK_ACCESSIBLE_INVALID_FALSE,
                                 -1);
  if (invalid)
    gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (input),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Puts the field back to its documented default, so that validation can go
 * on to report the next refused field. */
static void
reset_field (MesoSession *session,
             const char  *field)
{
  g_autoptr(MesoSession) defaults = meso_session_new ();

  if (g_str_equal (field, "date"))
    meso_date_set_today (&session->date);
  else if (g_str_equal (field, "time"))
    session->time_minutes = -1;
  else if (g_str_equal (field, "solution.name"))
    g_clear_pointer (&session->solution_name, g_free);
  else if (g_str_equal (field, "solution.ingredients"))
    g_ptr_array_set_size (session->ingredients, 0);
  else if (g_str_equal (field, "solution.volume_ml"))
    session->volume_ml = defaults->volume_ml;
  else if (g_str_equal (field, "batch"))
    g_clear_pointer (&session->batch, g_free);
  else if (g_str_equal (field, "batch_expiry"))
    g_date_clear (&session->batch_expiry, 1);
  else if (g_str_equal (field, "practitioner"))
    g_clear_pointer (&session->practitioner, g_free);
  else if (g_str_equal (field, "notes"))
    g_clear_pointer (&session->notes, g_free);
  else if (g_str_equal (field, "needle.gauge"))
    session->needle_gauge = defaults->needle_gauge;
  else if (g_str_equal (field, "needle.length_mm"))
    session->needle_length_mm = MESO_NEEDLE_LENGTH_MAX;
  else if (g_str_equal (field, "depth_mm"))
    session->depth_mm = MIN (defaults->depth_mm, session->needle_length_mm);
  else if (g_str_equal (field, "angle_deg"))
    session->angle_deg = defaults->angle_deg;
}

void
meso_session_form_add_invalid (GHashTable *invalid,
                               const char *field,
                               const char *message)
{
  if (!g_hash_table_contains (invalid, field))
    g_hash_table_insert (invalid, g_strdup (field), g_strdup (message));
}

/* Runs the record's own validation until it passes, collecting every
 * refused field; validation stops at the first, so each one found is put
 * back to its default before trying again. */
void
meso_session_form_collect_invalid (const MesoSession *session,
                                   GHashTable        *invalid)
{
  g_autoptr(MesoSession) probe = meso_session_copy (session);

  for (guint i = 0; i < 32; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *field = NULL;
      const char *colon;

      if (meso_session_validate (probe, &error))
        return;

      colon = strstr (error->message, ": ");
      field = colon != NULL ? g_strndup (error->message, colon - error->message)
                            : g_strdup ("");
      if (g_hash_table_contains (invalid, field) && i > 0)
        {
          /* Resetting did not help: stop rather than loop. */
          return;
        }
      meso_session_form_add_invalid (invalid, field, error->message);
      reset_field (probe, field);
    }
}
