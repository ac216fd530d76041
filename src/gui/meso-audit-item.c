/* meso-audit-item.c: one audit entry as a list item. */
#include "config.h"

#include "meso-audit-item.h"

struct _MesoAuditItem
{
  GObject         parent_instance;

  MesoAuditEntry *entry;
};

G_DEFINE_FINAL_TYPE (MesoAuditItem, meso_audit_item, G_TYPE_OBJECT)

static void
meso_audit_item_finalize (GObject *object)
{
  MesoAuditItem *self = (MesoAuditItem *)object;

  g_clear_pointer (&self->entry, meso_audit_entry_free);

  G_OBJECT_CLASS (meso_audit_item_parent_class)->finalize (object);
}

static void
meso_audit_item_class_init (MesoAuditItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = meso_audit_item_finalize;
}

static void
meso_audit_item_init (MesoAuditItem *self)
{
}

MesoAuditItem *
meso_audit_item_new (MesoAuditEntry *entry)
{
  MesoAuditItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (MESO_TYPE_AUDIT_ITEM, NULL);
  self->entry = entry;
  return self;
}

const MesoAuditEntry *
meso_audit_item_get_entry (MesoAuditItem *self)
{
  g_return_val_if_fail (MESO_IS_AUDIT_ITEM (self), NULL);

  return self->entry;
}
