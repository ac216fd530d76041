/* meso-flag-item.c: one open follow-up flag in the Follow-ups list. */
#include "config.h"

#include "meso-amend.h"
#include "meso-flag-item.h"

struct _MesoFlagItem
{
  GObject             parent_instance;

  MesoFlag           *flag;
  MesoSession        *session;   /* NULL until loaded, or unreadable */
  MesoPatientSummary *patient;   /* NULL until loaded, or unreadable */
  gboolean            details_loaded;
  char               *note;
  gboolean            expanded;
};

G_DEFINE_FINAL_TYPE (MesoFlagItem, meso_flag_item, G_TYPE_OBJECT)

static void
meso_flag_item_finalize (GObject *object)
{
  MesoFlagItem *self = (MesoFlagItem *)object;

  g_clear_pointer (&self->flag, meso_flag_free);
  g_clear_pointer (&self->session, meso_session_free);
  g_clear_pointer (&self->patient, meso_patient_summary_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (meso_flag_item_parent_class)->finalize (object);
}

static void
meso_flag_item_class_init (MesoFlagItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = meso_flag_item_finalize;
}

static void
meso_flag_item_init (MesoFlagItem *self)
{
}

MesoFlagItem *
meso_flag_item_new (const MesoFlag *flag)
{
  MesoFlagItem *self;

  g_return_val_if_fail (flag != NULL, NULL);

  self = g_object_new (MESO_TYPE_FLAG_ITEM, NULL);
  self->flag = meso_flag_copy (flag);
  return self;
}

const MesoFlag *
meso_flag_item_get_flag (MesoFlagItem *self)
{
  g_return_val_if_fail (MESO_IS_FLAG_ITEM (self), NULL);
  return self->flag;
}

void
meso_flag_item_load_details (MesoFlagItem *self,
                             MesoStore    *store)
{
  g_return_if_fail (MESO_IS_FLAG_ITEM (self));
  g_return_if_fail (store != NULL);

  if (self->details_loaded)
    return;

  /* A row that cannot be read still shows the flag; the row says so. */
  self->session = meso_store_get_session_amended (store, self->flag->session_id, NULL);
  self->patient = meso_store_get_patient_summary (store, self->flag->patient_id, NULL);
  self->details_loaded = TRUE;
}

gboolean
meso_flag_item_get_details_loaded (MesoFlagItem *self)
{
  g_return_val_if_fail (MESO_IS_FLAG_ITEM (self), FALSE);
  return self->details_loaded;
}

const MesoSession *
meso_flag_item_get_session (MesoFlagItem *self)
{
  g_return_val_if_fail (MESO_IS_FLAG_ITEM (self), NULL);
  return self->session;
}

const MesoPatientSummary *
meso_flag_item_get_patient (MesoFlagItem *self)
{
  g_return_val_if_fail (MESO_IS_FLAG_ITEM (self), NULL);
  return self->patient;
}

const char *
meso_flag_item_get_note (MesoFlagItem *self)
{
  g_return_val_if_fail (MESO_IS_FLAG_ITEM (self), "");
  return self->note != NULL ? self->note : "";
}

void
meso_flag_item_set_note (MesoFlagItem *self,
                         const char   *note)
{
  g_return_if_fail (MESO_IS_FLAG_ITEM (self));
  g_free (self->note);
  self->note = g_strdup (note);
}

gboolean
meso_flag_item_get_expanded (MesoFlagItem *self)
{
  g_return_val_if_fail (MESO_IS_FLAG_ITEM (self), FALSE);
  return self->expanded;
}

void
meso_flag_item_set_expanded (MesoFlagItem *self,
                             gboolean      expanded)
{
  g_return_if_fail (MESO_IS_FLAG_ITEM (self));
  self->expanded = !!expanded;
}
