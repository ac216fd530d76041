/* meso-patient-list-model.c: a GListModel over patient ids. */
#include "config.h"

#include <string.h>

#include "meso-patient-list-model.h"

/* A screenful is a few dozen rows; GtkListView keeps about 200 widgets
 * around.  Keeping a bit more than that makes scrolling back free. */
#define CACHE_SIZE 512

struct _MesoPatientListModel
{
  GObject     parent_instance;

  MesoStore  *store;
  GArray     *ids;          /* gint64 */

  /* LRU cache: id -> GList link in @lru, whose data is the item.  The
   * most recently used item is at the head. */
  GHashTable *cache;
  GQueue      lru;

  /* Items were invalidated: the next set_ids() reports a change even if
   * the ids are the same, so that rows show the new names. */
  guint       stale : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MesoPatientListModel, meso_patient_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
meso_patient_list_model_get_item_type (GListModel *model)
{
  return MESO_TYPE_PATIENT_ITEM;
}

static guint
meso_patient_list_model_get_n_items (GListModel *model)
{
  MesoPatientListModel *self = MESO_PATIENT_LIST_MODEL (model);

  return self->ids->len;
}

static void
cache_insert (MesoPatientListModel *self,
              MesoPatientItem      *item)
{
  gint64 id = meso_patient_item_get_id (item);

  g_queue_push_head (&self->lru, g_object_ref (item));
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), self->lru.head);

  while (self->lru.length > CACHE_SIZE)
    {
      g_autoptr(MesoPatientItem) oldest = g_queue_pop_tail (&self->lru);
      gint64 oldest_id = meso_patient_item_get_id (oldest);

      g_hash_table_remove (self->cache, &oldest_id);
    }
}

static gpointer
meso_patient_list_model_get_item (GListModel *model,
                                  guint       position)
{
  MesoPatientListModel *self = MESO_PATIENT_LIST_MODEL (model);
  g_autoptr(MesoPatientSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  MesoPatientItem *item;
  GList *link;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  link = g_hash_table_lookup (self->cache, &id);
  if (link != NULL)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return g_object_ref (link->data);
    }

  /* One indexed lookup by primary key: a few microseconds. */
  summary = meso_store_get_patient_summary (self->store, id, &error);
  if (summary == NULL && !g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not read patient %" G_GINT64_FORMAT ": %s", id, error->message);

  item = meso_patient_item_new (id, summary);
  cache_insert (self, item);

  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = meso_patient_list_model_get_item_type;
  iface->get_n_items = meso_patient_list_model_get_n_items;
  iface->get_item = meso_patient_list_model_get_item;
}

static void
meso_patient_list_model_finalize (GObject *object)
{
  MesoPatientListModel *self = (MesoPatientListModel *)object;

  g_queue_clear_full (&self->lru, g_object_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (meso_patient_list_model_parent_class)->finalize (object);
}

static void
meso_patient_list_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MesoPatientListModel *self = MESO_PATIENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_patient_list_model_class_init (MesoPatientListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = meso_patient_list_model_finalize;
  object_class->get_property = meso_patient_list_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
meso_patient_list_model_init (MesoPatientListModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_queue_init (&self->lru);
}

MesoPatientListModel *
meso_patient_list_model_new (MesoStore *store)
{
  MesoPatientListModel *self;

  g_return_val_if_fail (MESO_IS_STORE (store), NULL);

  self = g_object_new (MESO_TYPE_PATIENT_LIST_MODEL, NULL);
  self->store = g_object_ref (store);

  return self;
}

void
meso_patient_list_model_set_ids (MesoPatientListModel *self,
                                 GArray               *ids)
{
  g_autoptr(GArray) old_ids = NULL;
  guint prefix = 0;
  guint suffix = 0;

  g_return_if_fail (MESO_IS_PATIENT_LIST_MODEL (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (g_array_get_element_size (ids) == sizeof (gint64));

  /* Typing a letter often leaves the result as it was: say nothing then. */
  if (!self->stale &&
      ids->len == self->ids->len &&
      memcmp (ids->data, self->ids->data, ids->len * sizeof (gint64)) == 0)
    {
      g_array_unref (ids);
      return;
    }

  old_ids = g_steal_pointer (&self->ids);
  self->ids = ids;

  /* Report only the part that changed, so that the list view keeps the
   * rows before and after it: typing one more letter usually removes a
   * few rows here and there rather than replacing the list. */
  if (!self->stale)
    {
      guint shortest = MIN (old_ids->len, ids->len);

      while (prefix < shortest &&
             g_array_index (old_ids, gint64, prefix) == g_array_index (ids, gint64, prefix))
        prefix++;
      while (suffix < shortest - prefix &&
             g_array_index (old_ids, gint64, old_ids->len - 1 - suffix) ==
             g_array_index (ids, gint64, ids->len - 1 - suffix))
        suffix++;
    }
  self->stale = FALSE;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_ids->len - prefix - suffix,
                              ids->len - prefix - suffix);
  if (old_ids->len != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gboolean
meso_patient_list_model_search (MesoPatientListModel  *self,
                                const char            *query,
                                GError               **error)
{
  GArray *ids;

  g_return_val_if_fail (MESO_IS_PATIENT_LIST_MODEL (self), FALSE);

  ids = meso_store_find_patient_ids (self->store, query, error);
  if (ids == NULL)
    return FALSE;
  meso_patient_list_model_set_ids (self, ids);

  return TRUE;
}

void
meso_patient_list_model_invalidate (MesoPatientListModel *self)
{
  g_return_if_fail (MESO_IS_PATIENT_LIST_MODEL (self));

  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->lru, g_object_unref);
  g_queue_init (&self->lru);
  self->stale = TRUE;
}

guint
meso_patient_list_model_find (MesoPatientListModel *self,
                              gint64                id)
{
  g_return_val_if_fail (MESO_IS_PATIENT_LIST_MODEL (self), G_MAXUINT);

  /* The ids are ordered by name, not id: a linear scan over 100,000 ints
   * takes well under a millisecond. */
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return G_MAXUINT;
}

gint64
meso_patient_list_model_get_id (MesoPatientListModel *self,
                                guint                 position)
{
  g_return_val_if_fail (MESO_IS_PATIENT_LIST_MODEL (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}
