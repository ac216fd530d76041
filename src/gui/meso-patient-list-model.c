/* meso-patient-list-model.c: a GListModel over patient ids.
 *
 * Why items stand for positions: GTK 4.8's GtkListView keeps up to 200 row
 * widgets alive, and when a search replaces the items it destroys them and
 * makes 200 new rows, which costs far more than a keystroke may.  So the
 * item at a position is kept across searches and told to show the patient
 * now at that position (a notify, which a row follows by updating two
 * labels); items-changed is emitted only for the positions that appear or
 * disappear at the end.  Each search updates at most the CACHE_SIZE items
 * that exist, one indexed read each.
 *
 * Only the rows on screen (as the view last said, see
 * meso_patient_list_model_set_visible_rows()) are updated before the
 * keystroke's frame.  The others (bound rows below the fold) are updated in an idle
 * after that frame, or at once if anyone asks for their item.
 */
#include "config.h"

#include <string.h>

#include "meso-patient-list-model.h"

/* More than the rows GtkListView keeps (200), so that every bound item
 * stays in the cache and is updated in place. */
#define CACHE_SIZE 256

/* More rows than a tall window shows, until the view says which rows it
 * shows. */
#define EAGER_ROWS 48

/* Rows updated per idle dispatch: a keystroke never waits long for one. */
#define IDLE_CHUNK 32

typedef struct
{
  guint            position;
  MesoPatientItem *item;
  guint            pending : 1;  /* item shows an older patient than ids[position] */
} Slot;

struct _MesoPatientListModel
{
  GObject     parent_instance;

  MesoStore  *store;
  GArray     *ids;          /* gint64 */

  /* LRU cache: position -> GList link in @lru, whose data is a Slot.  The
   * most recently used is at the head. */
  GHashTable *cache;
  GQueue      lru;

  /* Items were invalidated: the next set_ids() rereads every cached item,
   * even at positions whose id did not change. */
  guint       stale : 1;

  guint       n_pending;
  guint       pending_idle_id;
  guint       eager_first;  /* the rows on screen, updated at once */
  guint       eager_rows;
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

static void
slot_free (Slot *slot)
{
  g_clear_object (&slot->item);
  g_free (slot);
}

static MesoPatientSummary *
read_summary (MesoPatientListModel *self,
              gint64                id)
{
  g_autoptr(GError) error = NULL;
  MesoPatientSummary *summary;

  /* One indexed lookup by primary key: a few microseconds. */
  summary = meso_store_get_patient_summary (self->store, id, &error);
  if (summary == NULL && !g_error_matches (error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not read patient %" G_GINT64_FORMAT ": %s", id, error->message);

  return summary;
}

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
slot_update (MesoPatientListModel *self,
             Slot                 *slot)
{
  gint64 id = g_array_index (self->ids, gint64, slot->position);
  g_autoptr(MesoPatientSummary) summary = read_summary (self, id);

  if (slot->pending)
    {
      slot->pending = FALSE;
      self->n_pending--;
    }
  meso_patient_item_set_patient (slot->item, id, summary);
}

static void
cache_remove_link (MesoPatientListModel *self,
                   GList                *link)
{
  Slot *slot = link->data;

  if (slot->pending)
    self->n_pending--;
  g_hash_table_remove (self->cache, GUINT_TO_POINTER (slot->position));
  g_queue_delete_link (&self->lru, link);
  slot_free (slot);
}

static void
cache_insert (MesoPatientListModel *self,
              guint                 position,
              MesoPatientItem      *item)
{
  Slot *slot = g_new0 (Slot, 1);
  guint tries;

  slot->position = position;
  slot->item = g_object_ref (item);
  g_queue_push_head (&self->lru, slot);
  g_hash_table_insert (self->cache, GUINT_TO_POINTER (position), self->lru.head);

  /* Evict the least recently used items that no row holds: a held item
   * must stay, or its row would miss the next update. */
  tries = self->lru.length;
  while (self->lru.length > CACHE_SIZE && tries-- > 0)
    {
      GList *oldest = self->lru.tail;
      Slot *old_slot = oldest->data;

      if (G_OBJECT (old_slot->item)->ref_count > 1)
        {
          g_queue_unlink (&self->lru, oldest);
          g_queue_push_head_link (&self->lru, oldest);
          continue;
        }
      cache_remove_link (self, oldest);
    }
}

static gpointer
meso_patient_list_model_get_item (GListModel *model,
                                  guint       position)
{
  MesoPatientListModel *self = MESO_PATIENT_LIST_MODEL (model);
  g_autoptr(MesoPatientSummary) summary = NULL;
  MesoPatientItem *item;
  GList *link;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  link = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (position));
  if (link != NULL)
    {
      Slot *slot = link->data;

      if (slot->pending)
        slot_update (self, slot);
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return g_object_ref (slot->item);
    }

  id = g_array_index (self->ids, gint64, position);
  summary = read_summary (self, id);
  item = meso_patient_item_new (id, summary);
  cache_insert (self, position, item);

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

  g_clear_handle_id (&self->pending_idle_id, g_source_remove);
  g_queue_clear_full (&self->lru, (GDestroyNotify) slot_free);
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
  self->cache = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->lru);
  self->eager_rows = EAGER_ROWS;
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

static gboolean
update_pending_cb (gpointer data)
{
  MesoPatientListModel *self = data;
  guint done = 0;

  for (GList *link = self->lru.head; link != NULL && done < IDLE_CHUNK; link = link->next)
    {
      Slot *slot = link->data;

      if (slot->pending)
        {
          slot_update (self, slot);
          done++;
        }
    }

  if (self->n_pending > 0)
    return G_SOURCE_CONTINUE;
  self->pending_idle_id = 0;
  return G_SOURCE_REMOVE;
}

void
meso_patient_list_model_set_ids (MesoPatientListModel *self,
                                 GArray               *ids)
{
  g_autoptr(GArray) old_ids = NULL;
  guint old_len;
  gboolean stale;
  GList *link;

  g_return_if_fail (MESO_IS_PATIENT_LIST_MODEL (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (g_array_get_element_size (ids) == sizeof (gint64));

  /* Typing a letter often leaves the result as it was: say nothing then. */
  if (!self->stale &&
      ids->len == self->ids->len &&
      (ids->len == 0 ||  /* empty arrays may have no data at all */
       memcmp (ids->data, self->ids->data, ids->len * sizeof (gint64)) == 0))
    {
      g_array_unref (ids);
      return;
    }

  old_ids = g_steal_pointer (&self->ids);
  old_len = old_ids->len;
  self->ids = ids;
  stale = self->stale;
  self->stale = FALSE;

  /* Items past the new end go with their positions (below); the others
   * show the patient now at their position. */
  link = self->lru.head;
  while (link != NULL)
    {
      GList *next = link->next;
      Slot *slot = link->data;

      if (slot->position >= ids->len)
        {
          cache_remove_link (self, link);
        }
      else
        {
          gint64 id = g_array_index (ids, gint64, slot->position);

          if (stale || slot->pending || id != meso_patient_item_get_id (slot->item))
            {
              if (slot->position >= self->eager_first &&
                  slot->position - self->eager_first < self->eager_rows)
                {
                  slot_update (self, slot);
                }
              else if (!slot->pending)
                {
                  slot->pending = TRUE;
                  self->n_pending++;
                }
            }
        }
      link = next;
    }

  /* After the frame (GDK_PRIORITY_REDRAW) that shows the top rows. */
  if (self->n_pending > 0 && self->pending_idle_id == 0)
    self->pending_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_pending_cb, self, NULL);

  if (old_len > ids->len)
    g_list_model_items_changed (G_LIST_MODEL (self), ids->len, old_len - ids->len, 0);
  else if (ids->len > old_len)
    g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, ids->len - old_len);

  if (old_len != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
meso_patient_list_model_set_visible_rows (MesoPatientListModel *self,
                                          guint                 first,
                                          guint                 n_rows)
{
  g_return_if_fail (MESO_IS_PATIENT_LIST_MODEL (self));

  self->eager_first = first;
  self->eager_rows = MAX (n_rows, 1);
}

void
meso_patient_list_model_invalidate (MesoPatientListModel *self)
{
  g_return_if_fail (MESO_IS_PATIENT_LIST_MODEL (self));

  /* Cached items are reread at the next set_ids(), not dropped: rows
   * hold them. */
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
