/* meso-audit-flush.c: folding the audit stash into entries, which
 * meso_store_commit () does just before COMMIT, and meso_audit_image (),
 * which the triggers write row images into the stash with (schema 5 on).
 * The design is in meso-audit.h; entries are chained by meso-audit.c. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "meso-audit-private.h"
#include "meso-store-private.h"

/* JSON as entries write it
 *
 * Entries have always been written by json-glib 1.6's generator (Debian
 * 12), from row images it parsed.  These functions write values the same
 * way, byte for byte, so that entries read the same whichever way they
 * were made: text escaped as json-glib does (it leaves 0x1f and invalid
 * UTF-8 as they are and escapes 0x7f), reals with 17 digits and a ".0"
 * when they would have none.  test-audit-flush.c holds them to json-glib. */

void
meso_audit_append_json_string (GString    *out,
                               const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = *p;
      const char *escape;
      char buf[8];

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;
      if (c == 0x1f)
        continue;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (buf, sizeof buf, "\\u%04x", c);
          escape = buf;
          break;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* A real as json_object () wrote it into a schema 4 image (15 significant
 * digits) and json-glib then read and wrote it. */
void
meso_audit_append_json_real (GString *out,
                             double   value)
{
  char text[64];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  sqlite3_snprintf (sizeof text, text, "%!0.15g", value);
  value = g_ascii_strtod (text, NULL);
  if (!isfinite (value))
    {
      /* json-glib could not read what json_object () wrote for these. */
      g_string_append (out, "null");
      return;
    }
  g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  g_string_append (out, buf);
  if (strchr (buf, '.') == NULL)
    g_string_append (out, ".0");
}

/* The text of a JSON string value (an image's "..."), for the one place
 * that needs it back. */
static char *
json_string_value (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* meso_audit_image (name, value, ...): a row image for audit_stash, one
 * "name<TAB>value<LF>" line per field, the value as JSON the way entries
 * write it.  JSON never holds a raw tab or line feed, so the flush splits
 * it without parsing.  Refuses what json_object () refused, with its
 * words, so that schema 5 refuses the same writes as schema 4. */
void
meso_audit_image_func (sqlite3_context *context,
                       int              argc,
                       sqlite3_value  **argv)
{
  GString *image;

  if (argc % 2 != 0)
    {
      sqlite3_result_error (context, "meso_audit_image() requires an even number of arguments", -1);
      return;
    }
  image = g_string_sized_new (1024);
  for (int i = 0; i < argc; i += 2)
    {
      sqlite3_value *value = argv[i + 1];

      if (sqlite3_value_type (argv[i]) != SQLITE_TEXT)
        {
          sqlite3_result_error (context, "meso_audit_image() labels must be TEXT", -1);
          g_string_free (image, TRUE);
          return;
        }
      g_string_append (image, (const char *) sqlite3_value_text (argv[i]));
      g_string_append_c (image, '\t');
      switch (sqlite3_value_type (value))
        {
        case SQLITE_INTEGER:
          g_string_append_printf (image, "%" G_GINT64_FORMAT, (gint64) sqlite3_value_int64 (value));
          break;
        case SQLITE_FLOAT:
          meso_audit_append_json_real (image, sqlite3_value_double (value));
          break;
        case SQLITE_TEXT:
          meso_audit_append_json_string (image, (const char *) sqlite3_value_text (value));
          break;
        case SQLITE_NULL:
          g_string_append (image, "null");
          break;
        default:
          sqlite3_result_error (context, "JSON cannot hold BLOB values", -1);
          g_string_free (image, TRUE);
          return;
        }
      g_string_append_c (image, '\n');
    }
  sqlite3_result_text64 (context, image->str, image->len, g_free, SQLITE_UTF8);
  g_string_free (image, FALSE);
}

/* Flushing the stash
 *
 * From schema 5 the triggers write each row image with meso_audit_image ()
 * as one "name<TAB>value<LF>" line per field, the value already written
 * as JSON the way entries write it (below).  The flush splits the lines
 * and compares values as text; an entry's changes are then put together
 * from those texts.  Schema 4's triggers wrote JSON objects: those are
 * still read, through json-glib. */

typedef struct
{
  const char *name;
  const char *old_value;   /* JSON text from the first old image: the state
                            * before the transaction; NULL: in none */
  const char *new_value;   /* from the last new image: the state after it */
} Field;

typedef struct
{
  const char *name;
  GPtrArray  *old_items;   /* const char * by position, NULL in gaps */
  GPtrArray  *new_items;
} List;

/* The run of stash rows being folded, and what a whole flush shares.  A
 * run's strings live in @values, emptied between runs, so that folding a
 * whole clinic's import allocates little per entity. */
typedef struct
{
  GStringChunk  *values;
  GArray        *fields;        /* Field */
  GHashTable    *field_index;   /* name -> index + 1 in @fields */
  GArray        *lists;         /* List */
  GString       *changes;
  JsonGenerator *generator;     /* schema 4 images only */
  MesoAuditHead  head;

  gboolean       open;
  char          *entity;
  gint64         entity_id;
  char          *key;           /* "" for none */
  gint64         patient_id;
  char          *actor;         /* the last writer in the transaction */
  gboolean       inserted, deleted;
  gboolean       has_values;    /* a delete with values (not one that went with its patient) */
} Flush;

static void
list_clear (gpointer data)
{
  List *list = data;

  g_clear_pointer (&list->old_items, g_ptr_array_unref);
  g_clear_pointer (&list->new_items, g_ptr_array_unref);
}

static void
flush_init (Flush *f)
{
  memset (f, 0, sizeof *f);
  f->values = g_string_chunk_new (8192);
  f->fields = g_array_new (FALSE, FALSE, sizeof (Field));
  f->field_index = g_hash_table_new (g_str_hash, g_str_equal);
  f->lists = g_array_new (FALSE, FALSE, sizeof (List));
  g_array_set_clear_func (f->lists, list_clear);
  f->changes = g_string_sized_new (2048);
}

static void
flush_clear (Flush *f)
{
  g_string_chunk_free (f->values);
  g_array_unref (f->fields);
  g_hash_table_unref (f->field_index);
  g_array_unref (f->lists);
  g_string_free (f->changes, TRUE);
  g_clear_object (&f->generator);
  meso_audit_head_clear (&f->head);
  g_free (f->entity);
  g_free (f->key);
  g_free (f->actor);
}

static void
run_open (Flush      *f,
          const char *entity,
          gint64      entity_id,
          const char *key)
{
  g_string_chunk_clear (f->values);
  g_array_set_size (f->fields, 0);
  g_hash_table_remove_all (f->field_index);
  g_array_set_size (f->lists, 0);
  f->open = TRUE;
  g_free (f->entity);
  f->entity = g_strdup (entity);
  f->entity_id = entity_id;
  g_free (f->key);
  f->key = g_strdup (key);
  f->patient_id = 0;
  f->inserted = f->deleted = f->has_values = FALSE;
}

/* @name and @value live at least as long as the run. */
static void
merge_value (Flush      *f,
             const char *name,
             const char *value,
             gboolean    old_side)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (f->field_index, name));
  Field *field;

  if (index == 0)
    {
      Field new_field = { name, NULL, NULL };

      g_array_append_val (f->fields, new_field);
      index = f->fields->len;
      g_hash_table_insert (f->field_index, (gpointer) name, GUINT_TO_POINTER (index));
    }
  field = &g_array_index (f->fields, Field, index - 1);
  /* The first old image is the state before the transaction; the last
   * new one the state after it. */
  if (!old_side)
    field->new_value = value;
  else if (field->old_value == NULL)
    field->old_value = value;
}

/* A schema 5 image: split in place, in a copy that lives with the run. */
static void
merge_image (Flush      *f,
             const char *data,
             int         length,
             gboolean    old_side)
{
  char *text = g_string_chunk_insert_len (f->values, data, length);
  char *end = text + length;

  while (text < end)
    {
      char *line_end = memchr (text, '\n', end - text);
      char *tab;

      if (line_end == NULL)
        line_end = end;
      *line_end = '\0';
      tab = memchr (text, '\t', line_end - text);
      if (tab != NULL)
        {
          *tab = '\0';
          merge_value (f, text, tab + 1, old_side);
        }
      text = line_end + 1;
    }
}

/* A schema 4 image, a JSON object: each value as json-glib writes it,
 * which is how entries were written when these images were. */
static void
merge_json_image (Flush      *f,
                  const char *data,
                  gboolean    old_side)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, data, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  if (f->generator == NULL)
    f->generator = json_generator_new ();
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *value = NULL;

      json_generator_set_root (f->generator, node);
      value = json_generator_to_data (f->generator, NULL);
      merge_value (f, g_string_chunk_insert (f->values, name),
                   g_string_chunk_insert (f->values, value), old_side);
    }
}

static void
set_list_item (Flush      *f,
               const char *name,
               gboolean    old_side,
               gint64      position,
               const char *text)
{
  List *list = NULL;
  GPtrArray **items;

  if (position < 0 || position > 100000)
    return;
  for (guint i = 0; i < f->lists->len && list == NULL; i++)
    if (g_str_equal (g_array_index (f->lists, List, i).name, name))
      list = &g_array_index (f->lists, List, i);
  if (list == NULL)
    {
      List new_list = { g_string_chunk_insert (f->values, name), NULL, NULL };

      g_array_append_val (f->lists, new_list);
      list = &g_array_index (f->lists, List, f->lists->len - 1);
    }
  items = old_side ? &list->old_items : &list->new_items;
  if (*items == NULL)
    *items = g_ptr_array_new ();
  if ((guint) position >= (*items)->len)
    g_ptr_array_set_size (*items, position + 1);
  if (old_side && (*items)->pdata[position] != NULL)
    return;
  (*items)->pdata[position] = text ? g_string_chunk_insert (f->values, text) : NULL;
}

static gboolean
value_is_null (const char *value)
{
  return value == NULL || strcmp (value, "null") == 0;
}

/* Equal as the parsed values compared: JSON text is the same for the
 * same value, but for a zero's sign. */
static gboolean
values_equal (const char *a,
              const char *b)
{
  if (value_is_null (a) || value_is_null (b))
    return value_is_null (a) && value_is_null (b);
  if (strcmp (a, b) == 0)
    return TRUE;
  return (strcmp (a, "0.0") == 0 || strcmp (a, "-0.0") == 0) &&
         (strcmp (b, "0.0") == 0 || strcmp (b, "-0.0") == 0);
}

/* A list's items in order, gaps left out; a list absent on one side is
 * empty there. */
static gboolean
items_equal (GPtrArray *a,
             GPtrArray *b)
{
  guint i = 0, j = 0;

  for (;;)
    {
      while (a != NULL && i < a->len && a->pdata[i] == NULL)
        i++;
      while (b != NULL && j < b->len && b->pdata[j] == NULL)
        j++;
      if (a == NULL || i >= a->len || b == NULL || j >= b->len)
        return (a == NULL || i >= a->len) && (b == NULL || j >= b->len);
      if (strcmp (a->pdata[i], b->pdata[j]) != 0)
        return FALSE;
      i++;
      j++;
    }
}

static void
append_items (GString   *out,
              GPtrArray *items)
{
  gboolean first = TRUE;

  g_string_append_c (out, '[');
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      if (items->pdata[i] == NULL)
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      meso_audit_append_json_string (out, items->pdata[i]);
    }
  g_string_append_c (out, ']');
}

static void
begin_change (GString    *out,
              const char *name)
{
  g_string_append_c (out, out->len > 1 ? ',' : '{');
  meso_audit_append_json_string (out, name);
  g_string_append (out, ":[");
}

static int
compare_field_names (gconstpointer a,
                     gconstpointer b)
{
  return strcmp (((const Field *) a)->name, ((const Field *) b)->name);
}

static int
compare_list_names (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (((const List *) a)->name, ((const List *) b)->name);
}

/* The changes object of the run, {"field": [old, new]}: every field whose
 * value differs between the state before and after (for a create, every
 * recorded one), in name order, then the lists that differ, in name
 * order.  With @anonymise, the old values say only that they were
 * removed.  NULL when nothing changed. */
static const char *
run_changes (Flush    *f,
             gboolean  anonymise)
{
  GString *out = f->changes;

  g_array_sort (f->fields, compare_field_names);
  g_array_sort (f->lists, compare_list_names);
  /* "{" is written with the first change. */
  g_string_truncate (out, 0);
  g_string_append_c (out, ' ');

  for (guint i = 0; i < f->fields->len; i++)
    {
      const Field *field = &g_array_index (f->fields, Field, i);
      const char *new_value = f->deleted ? NULL : field->new_value;

      if (values_equal (field->old_value, new_value))
        continue;
      begin_change (out, field->name);
      if (anonymise)
        meso_audit_append_json_string (out, "(removed)");
      else
        g_string_append (out, value_is_null (field->old_value) ? "null" : field->old_value);
      g_string_append_c (out, ',');
      g_string_append (out, value_is_null (new_value) ? "null" : new_value);
      g_string_append_c (out, ']');
    }

  for (guint i = 0; i < f->lists->len; i++)
    {
      const List *list = &g_array_index (f->lists, List, i);
      GPtrArray *new_items = f->deleted ? NULL : list->new_items;

      if (items_equal (list->old_items, new_items))
        continue;
      begin_change (out, list->name);
      /* A list that did not exist before (create) or after (delete) is
       * null, like a field. */
      if (anonymise)
        meso_audit_append_json_string (out, "(removed)");
      else if (f->inserted)
        g_string_append (out, "null");
      else
        append_items (out, list->old_items);
      g_string_append_c (out, ',');
      if (f->deleted)
        g_string_append (out, "null");
      else
        append_items (out, new_items);
      g_string_append_c (out, ']');
    }

  if (out->len == 1)
    return NULL;
  g_string_append_c (out, '}');
  return out->str + 1;
}

static gboolean
write_run (MesoStore  *store,
           Flush      *f,
           GError    **error)
{
  g_autofree char *reason = NULL;
  const char *changes = NULL;
  const char *action, *next_action, *next_reason;
  gboolean identity = g_str_equal (f->entity, "patient");

  if (f->deleted)
    action = "delete";
  else if (f->inserted)
    action = "create";
  else
    action = "update";

  meso_audit_get_next_action (store, &next_action, &next_reason);
  if (next_action != NULL && (identity || g_str_equal (f->entity, "session")))
    {
      action = next_action;
      reason = g_strdup (next_reason);
    }

  /* A contraindication overridden at booking: the reason goes with it.
   * Looked up before run_changes () sorts the fields. */
  if (reason == NULL && g_str_equal (f->entity, "session") && f->inserted)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (f->field_index, "override_reason"));
      const char *value = index ? g_array_index (f->fields, Field, index - 1).new_value : NULL;

      if (value != NULL && value[0] == '"')
        reason = json_string_value (value);
    }

  /* A deleted patient's identity and history, and rows that went with a
   * deleted patient, are not copied into the trail. */
  if (!(f->deleted && (identity || !f->has_values)))
    {
      changes = run_changes (f, g_str_equal (action, "anonymise"));
      if (changes == NULL && !f->deleted && !f->inserted)
        return TRUE;   /* written back unchanged */
    }

  return meso_audit_append_entry (store, &f->head, f->actor, action, f->entity, f->entity_id,
                                  f->patient_id, changes, reason, error);
}

static gboolean
finish_run (MesoStore  *store,
            Flush      *f,
            GError    **error)
{
  f->open = FALSE;
  /* Created and deleted in one transaction: nothing to tell. */
  if (f->inserted && f->deleted)
    return TRUE;
  return write_run (store, f, error);
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
  Flush f;
  gboolean has_row, ready, any = FALSE;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);

  if (!meso_audit_is_ready (store, &ready, error))
    return FALSE;
  if (!ready)
    return TRUE;

  flush_init (&f);
  {
    g_autoptr(MesoStatement) stmt =
      meso_store_prepare (store,
                          "SELECT actor, entity, entity_id, entity_key, patient_id, op, side,"
                          " list, position, data FROM audit_stash ORDER BY id", error);

    if (stmt == NULL)
      goto fail;
    for (;;)
      {
        const char *entity, *key, *op, *list, *data, *actor;
        gint64 entity_id;
        gboolean old_side;

        if (!meso_store_step_row (store, stmt, &has_row, error))
          goto fail;
        if (!has_row)
          break;
        any = TRUE;
        actor = (const char *) sqlite3_column_text (stmt, 0);
        entity = (const char *) sqlite3_column_text (stmt, 1);
        entity_id = sqlite3_column_int64 (stmt, 2);
        key = (const char *) sqlite3_column_text (stmt, 3);
        op = (const char *) sqlite3_column_text (stmt, 5);
        old_side = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6), "old") == 0;
        list = (const char *) sqlite3_column_text (stmt, 7);
        data = (const char *) sqlite3_column_text (stmt, 9);
        entity = entity ? entity : "";
        key = key ? key : "";

        if (f.open && (f.entity_id != entity_id || strcmp (f.entity, entity) != 0 ||
                       strcmp (f.key, key) != 0))
          {
            if (!finish_run (store, &f, error))
              goto fail;
          }
        if (!f.open)
          run_open (&f, entity, entity_id, key);

        /* The last writer in the transaction is the one recorded. */
        if (g_strcmp0 (f.actor, actor) != 0)
          {
            g_free (f.actor);
            f.actor = g_strdup (actor);
          }
        if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
          f.patient_id = sqlite3_column_int64 (stmt, 4);

        if (g_strcmp0 (op, "insert") == 0)
          f.inserted = TRUE;
        else if (g_strcmp0 (op, "delete") == 0)
          {
            f.deleted = TRUE;
            f.has_values = (data != NULL);
          }

        if (list != NULL)
          set_list_item (&f, list, old_side, sqlite3_column_int64 (stmt, 8), data);
        else if (data != NULL && data[0] == '{')
          merge_json_image (&f, data, old_side);
        else if (data != NULL)
          merge_image (&f, data, sqlite3_column_bytes (stmt, 9), old_side);
      }
  }
  if (f.open && !finish_run (store, &f, error))
    goto fail;
  /* The end of the chain is recorded with the entries, in their
   * transaction (meso-audit-schema.c, schema 6). */
  if (!meso_audit_head_save (store, &f.head, error))
    goto fail;
  flush_clear (&f);

  meso_audit_clear_next_action (store);
  if (!any)
    return TRUE;
  {
    g_autoptr(MesoStatement) stmt = meso_store_prepare (store, "DELETE FROM audit_stash", error);

    return stmt != NULL && meso_store_step_done (store, stmt, error);
  }

fail:
  flush_clear (&f);
  return FALSE;
}
