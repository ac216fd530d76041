/* meso-audit-item.h: one audit entry as a list item (GListModel needs
 * objects). */
#pragma once

#include <glib-object.h>

#include "meso-audit.h"

G_BEGIN_DECLS

#define MESO_TYPE_AUDIT_ITEM (meso_audit_item_get_type ())
G_DECLARE_FINAL_TYPE (MesoAuditItem, meso_audit_item, MESO, AUDIT_ITEM, GObject)

/* Takes @entry. */
MesoAuditItem        *meso_audit_item_new       (MesoAuditEntry *entry);
const MesoAuditEntry *meso_audit_item_get_entry (MesoAuditItem  *self);

G_END_DECLS
