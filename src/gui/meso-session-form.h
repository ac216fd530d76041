/* meso-session-form.h: reading and checking the booking form's fields.
 *
 * Helpers for MesoSessionEditor that know nothing of its widgets' layout:
 * reading typed text, collecting every field meso_session_validate()
 * refuses (not only the first), and marking a refused row. */
#pragma once

#include <adwaita.h>

#include "meso-record.h"

G_BEGIN_DECLS

/* @text without surrounding white space, or NULL when nothing is left. */
char      *meso_session_form_dup_stripped    (const char        *text);
/* Reads "H:MM" or "HH:MM" on the 24-hour clock, nothing else. */
gboolean   meso_session_form_parse_time      (const char        *text,
                                              gint              *minutes);
/* Records @message for @field in @invalid (field -> message) unless the
 * field already has one. */
void       meso_session_form_add_invalid     (GHashTable        *invalid,
                                              const char        *field,
                                              const char        *message);
/* Adds to @invalid every field of @session that validation refuses. */
void       meso_session_form_collect_invalid (const MesoSession *session,
                                              GHashTable        *invalid);
/* The widget of @row that takes the focus: the spin button inside an
 * action row, else @row itself. */
GtkWidget *meso_session_form_row_input       (GtkWidget         *row);
/* Marks @row as refused with @message (style, tooltip, accessible state),
 * or clears the mark when @message is NULL. */
void       meso_session_form_mark_row        (GtkWidget         *row,
                                              const char        *message);

G_END_DECLS
