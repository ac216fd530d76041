/* meso-audit.c: the audit trail: flushing the stash into chained entries,
 * explicit events, erasure.  Listing and verifying are in
 * meso-audit-read.c.  The schema and its triggers
 * are in meso-audit-schema.c; the design is described in meso-audit.h. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "meso-audit-private.h"
#include "meso-store-private.h"

G_DEFINE_QUARK (meso-audit-error-quark, meso_audit_error)

/* Per-store state, kept as object data so that the store's struct (owned
 * by meso-store.c) needs no audit fields.  It outlives the connection:
 * GObject frees data after the store's finalize closed the database, so
 * the SQL functions below may point at it. */
typedef struct
{
  char     *actor;
  char     *next_action;
  char     *next_reason;
  gboolean  ready;        /* the file has the audit tables */
  gboolean  redacting;
} AuditState;

static void
audit_state_free (gpointer data)
{
  AuditState *state = data;

  g_free (state->actor);
  g_free (state->next_action);
  g_free (state->next_reason);
  g_free (state);
}

static AuditState *
get_state (MesoStore *store)
{
  AuditState *state = g_object_get_data (G_OBJECT (store), "meso-audit-state");

  if (state == NULL)
    {
      const char *user = g_get_user_name ();

      state = g_new0 (AuditState, 1);
      state->actor = g_strdup (user != NULL && *user != '\0' ? user : "unknown");
      g_object_set_data_full (G_OBJECT (store), "meso-audit-state", state, audit_state_free);
    }
  return state;
}

void
meso_store_set_actor (MesoStore  *store,
                      const char *actor)
{
  AuditState *state;

  g_return_if_fail (MESO_IS_STORE (store));
  g_return_if_fail (actor != NULL && *actor != '\0');

  state = get_state (store);
  g_free (state->actor);
  state->actor = g_strdup (actor);
}

const char *
meso_store_get_actor (MesoStore *store)
{
  g_return_val_if_fail (MESO_IS_STORE (store), NULL);
  return get_state (store)->actor;
}

void
meso_audit_set_next_action (MesoStore  *store,
                            const char *action,
                            const char *reason)
{
  AuditState *state = get_state (store);

  g_free (state->next_action);
  g_free (state->next_reason);
  state->next_action = g_strdup (action);
  state->next_reason = g_strdup (reason);
}

/* SQL functions */

static void
actor_func (sqlite3_context *context,
            int              argc,
            sqlite3_value  **argv)
{
  AuditState *state = sqlite3_user_data (context);

  sqlite3_result_text (context, state->actor, -1, SQLITE_TRANSIENT);
}

static void
redacting_func (sqlite3_context *context,
                int              argc,
                sqlite3_value  **argv)
{
  AuditState *state = sqlite3_user_data (context);

  sqlite3_result_int (context, state->redacting ? 1 : 0);
}

void
meso_audit_attach (MesoStore *store)
{
  AuditState *state = get_state (store);
  sqlite3 *db = meso_store_get_db (store);

  /* Not SQLITE_DETERMINISTIC: the values change while the connection
   * lives, and SQLite may otherwise cache them inside a statement. */
  sqlite3_create_function (db, "meso_actor", 0, SQLITE_UTF8,
                           state, actor_func, NULL, NULL);
  sqlite3_create_function (db, "meso_audit_redacting", 0, SQLITE_UTF8,
                           state, redacting_func, NULL, NULL);
}

/* Hashing */

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
add_text (GString    *s,
          const char *text)
{
  /* Length-prefixed, so that no choice of values can make two different
   * entries hash the same text. */
  if (text == NULL)
    g_string_append (s, "N;");
  else
    g_string_append_printf (s, "S%zu:%s;", strlen (text), text);
}

static void
add_int (GString *s,
         gint64   value)
{
  if (value == 0)
    g_string_append (s, "N;");
  else
    g_string_append_printf (s, "I%" G_GINT64_FORMAT ";", value);
}

static char *
entry_hash (const char *prev_hash,
            gint64      seq,
            const char *at,
            const char *actor,
            const char *action,
            const char *entity,
            gint64      entity_id,
            gint64      patient_id,
            const char *changes_sha,
            const char *reason)
{
  g_autoptr(GString) s = g_string_new ("mesochart-audit-1;");

  add_text (s, prev_hash);
  g_string_append_printf (s, "I%" G_GINT64_FORMAT ";", seq);
  add_text (s, at);
  add_text (s, actor);
  add_text (s, action);
  add_text (s, entity);
  add_int (s, entity_id);
  add_int (s, patient_id);
  add_text (s, changes_sha);
  add_text (s, reason);
  return sha256_hex (s->str);
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* Appends one entry after the newest one.  The caller holds the write
 * transaction, so no other writer can append in between. */
static gboolean
append_entry (MesoStore   *store,
              const char  *actor,
              const char  *action,
              const char  *entity,
              gint64       entity_id,
              gint64       patient_id,
              const char  *changes,
              const char  *reason,
              GError     **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *at = now_text ();
  g_autofree char *changes_sha = changes ? sha256_hex (changes) : NULL;
  g_autofree char *hash = NULL;
  gint64 seq = 1;

  {
    g_autoptr(MesoStatement) stmt =
      meso_store_prepare (store, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);
    gboolean has_row;

    if (stmt == NULL || !meso_store_step_row (store, stmt, &has_row, error))
      return FALSE;
    if (has_row)
      {
        seq = sqlite3_column_int64 (stmt, 0) + 1;
        prev_hash = meso_column_dup_text (stmt, 1);
      }
    else
      prev_hash = g_strdup ("");
  }

  hash = entry_hash (prev_hash, seq, at, actor, action, entity, entity_id, patient_id,
                     changes_sha, reason);
  {
    g_autoptr(MesoStatement) stmt =
      meso_store_prepare (store,
                          "INSERT INTO audit (seq, at, actor, action, entity, entity_id, patient_id,"
                          " changes, changes_sha, reason, prev_hash, hash)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, seq);
    meso_bind_text (stmt, 2, at);
    meso_bind_text (stmt, 3, actor);
    meso_bind_text (stmt, 4, action);
    meso_bind_text (stmt, 5, entity);
    if (entity_id != 0)
      sqlite3_bind_int64 (stmt, 6, entity_id);
    if (patient_id != 0)
      sqlite3_bind_int64 (stmt, 7, patient_id);
    meso_bind_text (stmt, 8, changes);
    meso_bind_text (stmt, 9, changes_sha);
    meso_bind_text (stmt, 10, reason);
    meso_bind_text (stmt, 11, prev_hash);
    meso_bind_text (stmt, 12, hash);
    return meso_store_step_done (store, stmt, error);
  }
}

static gboolean
check_ready (MesoStore  *store,
             GError    **error)
{
  AuditState *state = get_state (store);
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row;

  if (state->ready)
    return TRUE;
  stmt = meso_store_prepare (store,
                             "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_stash'",
                             error);
  if (stmt == NULL || !meso_store_step_row (store, stmt, &has_row, error))
    return FALSE;
  state->ready = has_row;
  return TRUE;
}

/* Flushing the stash */

typedef struct
{
  char       *entity;
  gint64      entity_id;
  char       *key;
  gint64      patient_id;
  char       *actor;
  gboolean    inserted, updated, deleted;
  gboolean    has_values;    /* a delete with values (not one that went with its patient) */
  JsonObject *old_fields;
  JsonObject *new_fields;
  GHashTable *old_lists;     /* list name -> GPtrArray of char* by position */
  GHashTable *new_lists;
} Group;

static void
group_free (Group *g)
{
  g_free (g->entity);
  g_free (g->key);
  g_free (g->actor);
  json_object_unref (g->old_fields);
  json_object_unref (g->new_fields);
  g_hash_table_unref (g->old_lists);
  g_hash_table_unref (g->new_lists);
  g_free (g);
}

static GHashTable *
lists_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_ptr_array_unref);
}

static void
merge_fields (JsonObject *into,
              const char *data,
              gboolean    keep_first)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (data == NULL || !json_parser_load_from_data (parser, data, -1, NULL))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      /* The first old image is the state before the transaction; the last
       * new one the state after it. */
      if (keep_first && json_object_has_member (into, name))
        continue;
      json_object_set_member (into, name, json_node_copy (node));
    }
}

static void
set_list_item (GHashTable *lists,
               const char *list,
               gint64      position,
               const char *text,
               gboolean    keep_first)
{
  GPtrArray *items = g_hash_table_lookup (lists, list);

  if (position < 0 || position > 100000)
    return;
  if (items == NULL)
    {
      items = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (lists, g_strdup (list), items);
    }
  if ((guint) position >= items->len)
    g_ptr_array_set_size (items, position + 1);
  if (keep_first && items->pdata[position] != NULL)
    return;
  g_free (items->pdata[position]);
  items->pdata[position] = g_strdup (text);
}

static JsonNode *
list_to_node (GPtrArray *items)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; items != NULL && i < items->len; i++)
    if (items->pdata[i] != NULL)
      json_array_add_string_element (array, items->pdata[i]);
  json_node_take_array (node, array);
  return node;
}

static void
add_change (JsonObject *changes,
            const char *field,
            JsonNode   *old_value,   /* taken; NULL for JSON null */
            JsonNode   *new_value)   /* taken */
{
  JsonArray *pair = json_array_new ();

  json_array_add_element (pair, old_value ? old_value : json_node_new (JSON_NODE_NULL));
  json_array_add_element (pair, new_value ? new_value : json_node_new (JSON_NODE_NULL));
  json_object_set_array_member (changes, field, pair);
}

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (node_is_null (a) || node_is_null (b))
    return node_is_null (a) && node_is_null (b);
  return json_node_equal (a, b);
}

/* The changes object of a group: every field and list whose value differs
 * between the state before and after (for a create, every recorded one). */
static JsonObject *
group_changes (Group *g)
{
  JsonObject *changes = json_object_new ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) fields = NULL;
  GHashTableIter iter;
  gpointer key;

  for (GList *l = json_object_get_members (g->old_fields); l != NULL; l = g_list_delete_link (l, l))
    g_hash_table_add (names, l->data);
  for (GList *l = json_object_get_members (g->new_fields); l != NULL; l = g_list_delete_link (l, l))
    g_hash_table_add (names, l->data);
  fields = g_list_sort (g_hash_table_get_keys (names), (GCompareFunc) g_strcmp0);

  for (GList *l = fields; l != NULL; l = l->next)
    {
      const char *field = l->data;
      JsonNode *old_value = json_object_get_member (g->old_fields, field);
      JsonNode *new_value = g->deleted ? NULL : json_object_get_member (g->new_fields, field);

      if (!nodes_equal (old_value, new_value))
        add_change (changes, field,
                    node_is_null (old_value) ? NULL : json_node_copy (old_value),
                    node_is_null (new_value) ? NULL : json_node_copy (new_value));
    }

  g_hash_table_remove_all (names);
  g_hash_table_iter_init (&iter, g->old_lists);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (names, key);
  g_hash_table_iter_init (&iter, g->new_lists);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (names, key);
  g_clear_pointer (&fields, g_list_free);
  fields = g_list_sort (g_hash_table_get_keys (names), (GCompareFunc) g_strcmp0);
  for (GList *l = fields; l != NULL; l = l->next)
    {
      const char *list = l->data;
      JsonNode *old_value = list_to_node (g_hash_table_lookup (g->old_lists, list));
      JsonNode *new_value = list_to_node (g->deleted ? NULL : g_hash_table_lookup (g->new_lists, list));

      if (json_node_equal (old_value, new_value))
        {
          json_node_unref (old_value);
          json_node_unref (new_value);
          continue;
        }
      /* A list that did not exist before (create) or after (delete) is
       * null, like a field. */
      if (g->inserted)
        g_clear_pointer (&old_value, json_node_unref);
      if (g->deleted)
        g_clear_pointer (&new_value, json_node_unref);
      add_change (changes, list, old_value, new_value);
    }
  return changes;
}

static char *
object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_node_set_object (node, object);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static gboolean
write_group (MesoStore   *store,
             Group       *g,
             GError     **error)
{
  AuditState *state = get_state (store);
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *changes_text = NULL;
  g_autofree char *reason = NULL;
  const char *action;
  gboolean identity = g_str_equal (g->entity, "patient");

  if (g->deleted)
    action = "delete";
  else if (g->inserted)
    action = "create";
  else
    action = "update";

  if (state->next_action != NULL && (identity || g_str_equal (g->entity, "session")))
    {
      action = state->next_action;
      reason = g_strdup (state->next_reason);
    }

  /* A deleted patient's identity and history, and rows that went with a
   * deleted patient, are not copied into the trail. */
  if (!(g->deleted && (identity || !g->has_values)))
    {
      changes = group_changes (g);
      if (json_object_get_size (changes) == 0 && !g->deleted && !g->inserted)
        return TRUE;   /* written back unchanged */
      if (g_str_equal (action, "anonymise"))
        {
          /* Say which fields were cleared, not what they held. */
          GList *members = json_object_get_members (changes);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

          /* Copied: replacing a member frees its name. */
          for (GList *l = members; l != NULL; l = l->next)
            g_ptr_array_add (names, g_strdup (l->data));
          g_list_free (members);
          for (guint n = 0; n < names->len; n++)
            {
              JsonArray *pair = json_object_get_array_member (changes, names->pdata[n]);
              JsonNode *new_value = json_node_copy (json_array_get_element (pair, 1));

              add_change (changes, names->pdata[n],
                          json_node_init_string (json_node_alloc (), "(removed)"), new_value);
            }
        }
      if (json_object_get_size (changes) > 0)
        changes_text = object_to_text (changes);
    }

  /* A contraindication overridden at booking: the reason goes with it. */
  if (reason == NULL && g_str_equal (g->entity, "session") && g->inserted &&
      json_object_has_member (g->new_fields, "override_reason"))
    {
      JsonNode *node = json_object_get_member (g->new_fields, "override_reason");

      if (!node_is_null (node))
        reason = g_strdup (json_node_get_string (node));
    }

  return append_entry (store, g->actor, action, g->entity, g->entity_id, g->patient_id,
                       changes_text, reason, error);
}

static Group *
group_new (const char *entity,
           gint64      entity_id,
           const char *key)
{
  Group *g = g_new0 (Group, 1);

  g->entity = g_strdup (entity);
  g->entity_id = entity_id;
  g->key = g_strdup (key ? key : "");
  g->old_fields = json_object_new ();
  g->new_fields = json_object_new ();
  g->old_lists = lists_new ();
  g->new_lists = lists_new ();
  return g;
}

static gboolean
finish_group (MesoStore  *store,
              Group      *g,
              GError    **error)
{
  gboolean ok = TRUE;

  /* Created and deleted in one transaction: nothing to tell. */
  if (!(g->inserted && g->deleted))
    ok = write_group (store, g, error);
  group_free (g);
  return ok;
}

/* Streams the stash in the order it was written, one entry per run of rows
 * of the same entity: a write path touches one entity's row and lists
 * together, so that is one entry per change; memory stays bounded when one
 * transaction writes a whole clinic (an import, the demo).  An entity
 * written again later in the same transaction gets a second entry. */
gboolean
meso_audit_flush (MesoStore  *store,
                  GError    **error)
{
  AuditState *state;
  Group *g = NULL;
  gboolean has_row, any = FALSE;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);

  state = get_state (store);
  if (!check_ready (store, error))
    return FALSE;
  if (!state->ready)
    return TRUE;

  {
    g_autoptr(MesoStatement) stmt =
      meso_store_prepare (store,
                          "SELECT actor, entity, entity_id, entity_key, patient_id, op, side,"
                          " list, position, data FROM audit_stash ORDER BY id", error);

    if (stmt == NULL)
      return FALSE;
    for (;;)
      {
        const char *entity, *key, *op, *list, *data;
        gint64 entity_id;
        gboolean old_side;

        if (!meso_store_step_row (store, stmt, &has_row, error))
          goto fail;
        if (!has_row)
          break;
        any = TRUE;
        entity = (const char *) sqlite3_column_text (stmt, 1);
        entity_id = sqlite3_column_int64 (stmt, 2);
        key = (const char *) sqlite3_column_text (stmt, 3);
        op = (const char *) sqlite3_column_text (stmt, 5);
        old_side = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6), "old") == 0;
        list = (const char *) sqlite3_column_text (stmt, 7);
        data = (const char *) sqlite3_column_text (stmt, 9);

        if (g != NULL && (g->entity_id != entity_id || g_strcmp0 (g->entity, entity) != 0 ||
                          g_strcmp0 (g->key, key ? key : "") != 0))
          {
            Group *done = g_steal_pointer (&g);

            if (!finish_group (store, done, error))
              goto fail;
          }
        if (g == NULL)
          g = group_new (entity, entity_id, key);

        /* The last writer in the transaction is the one recorded. */
        g_free (g->actor);
        g->actor = meso_column_dup_text (stmt, 0);
        if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
          g->patient_id = sqlite3_column_int64 (stmt, 4);

        if (g_strcmp0 (op, "insert") == 0)
          g->inserted = TRUE;
        else if (g_strcmp0 (op, "update") == 0)
          g->updated = TRUE;
        else if (g_strcmp0 (op, "delete") == 0)
          {
            g->deleted = TRUE;
            g->has_values = (data != NULL);
          }

        if (list != NULL)
          set_list_item (old_side ? g->old_lists : g->new_lists, list,
                         sqlite3_column_int64 (stmt, 8), data, old_side);
        else
          merge_fields (old_side ? g->old_fields : g->new_fields, data, old_side);
      }
  }
  if (g != NULL && !finish_group (store, g_steal_pointer (&g), error))
    goto fail;

  g_clear_pointer (&state->next_action, g_free);
  g_clear_pointer (&state->next_reason, g_free);
  if (!any)
    return TRUE;
  {
    g_autoptr(MesoStatement) stmt = meso_store_prepare (store, "DELETE FROM audit_stash", error);

    return stmt != NULL && meso_store_step_done (store, stmt, error);
  }

fail:
  if (g != NULL)
    group_free (g);
  return FALSE;
}

gboolean
meso_audit_log_changes (MesoStore   *store,
                        const char  *action,
                        const char  *entity,
                        gint64       entity_id,
                        gint64       patient_id,
                        const char  *changes,
                        const char  *reason,
                        GError     **error)
{
  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (!meso_store_begin (store, error))
    return FALSE;
  if (!check_ready (store, error))
    goto fail;
  if (!get_state (store)->ready)
    {
      g_set_error (error, MESO_AUDIT_ERROR, MESO_AUDIT_ERROR_MISSING,
                   _("the clinic database has no audit trail yet"));
      goto fail;
    }
  if (!append_entry (store, get_state (store)->actor, action, entity ? entity : "record",
                     entity_id, patient_id, changes, reason, error))
    goto fail;
  return meso_store_commit (store, error);

fail:
  meso_store_rollback (store);
  return FALSE;
}

gboolean
meso_audit_log (MesoStore   *store,
                const char  *action,
                const char  *entity,
                gint64       entity_id,
                gint64       patient_id,
                const char  *reason,
                GError     **error)
{
  return meso_audit_log_changes (store, action, entity, entity_id, patient_id, NULL, reason,
                                 error);
}

gboolean
meso_audit_migrate (MesoStore  *store,
                    GError    **error)
{
  g_autofree char *changes = NULL;
  gint64 counts[2] = { 0, 0 };
  static const char * const count_sql[] = {
    "SELECT count(*) FROM patients",
    "SELECT count(*) FROM sessions",
  };

  for (guint i = 0; i < G_N_ELEMENTS (count_sql); i++)
    {
      g_autoptr(MesoStatement) stmt = meso_store_prepare (store, count_sql[i], error);
      gboolean has_row;

      if (stmt == NULL || !meso_store_step_row (store, stmt, &has_row, error))
        return FALSE;
      counts[i] = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
    }
  get_state (store)->ready = TRUE;
  changes = g_strdup_printf ("{\"patients\":[null,%" G_GINT64_FORMAT "],"
                             "\"sessions\":[null,%" G_GINT64_FORMAT "]}",
                             counts[0], counts[1]);
  return append_entry (store, get_state (store)->actor, "start", "record", 0, 0, changes,
                       counts[0] > 0 ? "the trail starts here: records made before have no earlier entries"
                                     : NULL,
                       error);
}

gboolean
meso_audit_redact_patient (MesoStore  *store,
                           gint64      patient_id,
                           GError    **error)
{
  AuditState *state = get_state (store);
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean ok;

  stmt = meso_store_prepare (store,
                             "UPDATE audit SET changes = NULL"
                             " WHERE patient_id = ?1 AND entity = 'patient' AND changes IS NOT NULL",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  state->redacting = TRUE;
  ok = meso_store_step_done (store, stmt, error);
  state->redacting = FALSE;
  return ok;
}

/* For meso-audit-read.c (meso-audit-private.h). */

char *
meso_audit_sha256_hex (const char *text)
{
  return sha256_hex (text);
}

char *
meso_audit_entry_hash (const char *prev_hash,
                       gint64      seq,
                       const char *at,
                       const char *actor,
                       const char *action,
                       const char *entity,
                       gint64      entity_id,
                       gint64      patient_id,
                       const char *changes_sha,
                       const char *reason)
{
  return entry_hash (prev_hash, seq, at, actor, action, entity, entity_id, patient_id,
                     changes_sha, reason);
}

gboolean
meso_audit_is_ready (MesoStore  *store,
                     gboolean   *ready,
                     GError    **error)
{
  if (!check_ready (store, error))
    return FALSE;
  *ready = get_state (store)->ready;
  return TRUE;
}
