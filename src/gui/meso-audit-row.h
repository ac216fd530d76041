/* meso-audit-row.h: one entry of a patient's history of changes: what
 * happened, when (local time) and by whom, each changed field with its old
 * and new value in words, and the reason given. */
#pragma once

#include <gtk/gtk.h>

#include "meso-audit.h"

G_BEGIN_DECLS

#define MESO_TYPE_AUDIT_ROW (meso_audit_row_get_type ())
G_DECLARE_FINAL_TYPE (MesoAuditRow, meso_audit_row, MESO, AUDIT_ROW, GtkWidget)

GtkWidget *meso_audit_row_new       (void);
/* Shows @entry (NULL clears the row). */
void       meso_audit_row_set_entry (MesoAuditRow         *self,
                                     const MesoAuditEntry *entry);

G_END_DECLS
