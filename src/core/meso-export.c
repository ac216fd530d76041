/* meso-export.c: export and all-or-nothing import of the clinic record. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "meso-audit.h"
#include "meso-export.h"

G_DEFINE_QUARK (meso-import-error-quark, meso_import_error)

void
meso_import_report_free (MesoImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->possible_duplicates, g_ptr_array_unref);
  g_free (report);
}

/* ------------------------------------------------------------------ */
/* Export                                                              */

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Appends @text with every line indented by @indent spaces. */
static void
append_indented (GString    *out,
                 const char *text,
                 guint       indent)
{
  const char *line = text;

  while (*line != '\0')
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl ? (gsize) (nl - line) : strlen (line);

      for (guint i = 0; i < indent; i++)
        g_string_append_c (out, ' ');
      g_string_append_len (out, line, len);
      if (nl == NULL)
        break;
      g_string_append_c (out, '\n');
      line = nl + 1;
    }
}

gboolean
meso_export_append (MesoStore  *store,
                    gint64      patient_id,
                    GString    *out,
                    GError    **error)
{
  g_autoptr(MesoSettings) settings = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) header = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  JsonNode *settings_node;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);

  settings = meso_store_load_settings (store, error);
  if (settings == NULL)
    return FALSE;

  if (patient_id > 0)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (ids, patient_id);
    }
  else
    {
      ids = meso_store_find_patient_ids (store, NULL, error);
      if (ids == NULL)
        return FALSE;
      /* Id order, not name order: a renamed patient must not move in the
       * file, or two exports of the same clinic would differ needlessly. */
      g_array_sort (ids, compare_ids);
    }

  /* The envelope is rendered by json-glib with an empty "patients" array
   * last; the patients are then rendered one at a time and spliced in with
   * the indentation json-glib would have given them, so the result is
   * exactly json-glib's rendering of the whole document without holding
   * the whole clinic as a JSON tree. */
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, MESO_EXPORT_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, MESO_EXPORT_VERSION);
  json_builder_set_member_name (b, "settings");
  settings_node = meso_settings_to_json (settings);
  json_builder_add_value (b, settings_node);
  json_builder_set_member_name (b, "patients");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  header = json_builder_get_root (b);

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, header);
  json_generator_to_gstring (gen, text);
  g_assert (g_str_has_suffix (text->str, "[]\n}"));

  if (ids->len == 0)
    {
      g_string_append_len (out, text->str, text->len);
      g_string_append_c (out, '\n');
      return TRUE;
    }

  g_string_append_len (out, text->str, text->len - strlen ("[]\n}"));
  g_string_append (out, "[\n");
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(MesoPatient) patient = NULL;
      g_autoptr(GPtrArray) sessions = NULL;
      g_autoptr(JsonNode) node = NULL;

      patient = meso_store_get_patient (store, id, error);
      if (patient == NULL)
        return FALSE;
      sessions = meso_store_list_sessions_for_patient (store, id, error);
      if (sessions == NULL)
        return FALSE;
      node = meso_patient_to_json (patient, sessions);
      g_string_truncate (text, 0);
      json_generator_set_root (gen, node);
      json_generator_to_gstring (gen, text);
      if (i > 0)
        g_string_append (out, ",\n");
      append_indented (out, text->str, 4);
    }
  g_string_append (out, "\n  ]\n}\n");
  return TRUE;
}

char *
meso_export_to_data (MesoStore  *store,
                     gint64      patient_id,
                     gsize      *length,
                     GError    **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok;

  /* One transaction: the file is a snapshot of one moment (no session
   * without its patient, no patient deleted half way), and SQLite takes
   * its locks once instead of once per query. */
  if (!meso_store_begin (store, error))
    return NULL;
  /* No audit entry here: an export is recorded by whoever writes it out,
   * once it is written (a failed write is not an export). */
  ok = meso_export_append (store, patient_id, out, error);
  if (!ok)
    {
      meso_store_rollback (store);
      return NULL;
    }
  if (!meso_store_commit (store, error))
    return NULL;
  if (length)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------ */
/* Import                                                              */

/* Patients between two flushes of the audit stash, as in the demo
 * (meso-demo.c): a whole clinic's row images held until the commit spill
 * out of SQLite's page cache, and their deletion rewrites every page. */
#define IMPORT_AUDIT_BATCH 64

typedef struct
{
  MesoPatient *patient;
  GPtrArray   *sessions;   /* MesoSession* */
} Entry;

static void
entry_clear (Entry *entry)
{
  g_clear_pointer (&entry->patient, meso_patient_free);
  g_clear_pointer (&entry->sessions, g_ptr_array_unref);
}

typedef struct
{
  MesoSettings *settings;   /* NULL when the file has none */
  GArray       *entries;    /* Entry */
  guint         n_sessions;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_clear_pointer (&parsed->settings, meso_settings_free);
  g_clear_pointer (&parsed->entries, g_array_unref);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, parsed_free)

/* Phase one: read and check the whole file, touching nothing. */
static Parsed *
parse_export (const char  *data,
              gssize       length,
              const char  *name,
              GError     **error)
{
  static const char * const keys[] = { "format", "version", "settings", "patients", NULL };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Parsed) parsed = g_new0 (Parsed, 1);
  g_autoptr(GHashTable) patient_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) session_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  JsonObject *object;
  JsonNode *node;
  JsonArray *patients;
  GList *members;

  root = meso_json_parse (data, length, name, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MESO_IMPORT_ERROR, MESO_IMPORT_ERROR_FORMAT,
                   JSON_NODE_HOLDS_ARRAY (root)
                   ? _("not a Mesochart export: the file holds an array, not an object "
                       "with \"format\": \"%s\"")
                   : _("not a Mesochart export: the file holds a single value, not an "
                       "object with \"format\": \"%s\""),
                   MESO_EXPORT_FORMAT);
      return NULL;
    }
  object = json_node_get_object (root);
  node = json_object_get_member (object, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (node), MESO_EXPORT_FORMAT) != 0)
    {
      g_set_error (error, MESO_IMPORT_ERROR, MESO_IMPORT_ERROR_FORMAT,
                   _("format: not a Mesochart export (expected \"format\": \"%s\")"),
                   MESO_EXPORT_FORMAT);
      return NULL;
    }
  node = json_object_get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, MESO_IMPORT_ERROR, MESO_IMPORT_ERROR_FORMAT,
                   _("version: expected a whole number (this Mesochart reads version %d)"),
                   MESO_EXPORT_VERSION);
      return NULL;
    }
  if (json_node_get_int (node) != MESO_EXPORT_VERSION)
    {
      g_set_error (error, MESO_IMPORT_ERROR, MESO_IMPORT_ERROR_FORMAT,
                   json_node_get_int (node) > MESO_EXPORT_VERSION
                   ? _("version: the file is in version %lld of the export format; this "
                       "Mesochart reads version %d (it was written by a newer Mesochart: "
                       "update this one)")
                   : _("version: the file is in version %lld of the export format; this "
                       "Mesochart reads version %d"),
                   (long long) json_node_get_int (node), MESO_EXPORT_VERSION);
      return NULL;
    }

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (keys, l->data))
      {
        g_set_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_UNKNOWN_KEY,
                     _("%s: unknown key “%s” (expected one of: format, version, settings, patients)"),
                     (const char *) l->data, (const char *) l->data);
        g_list_free (members);
        return NULL;
      }
  g_list_free (members);

  node = json_object_get_member (object, "settings");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      parsed->settings = meso_settings_from_json (node, "settings", error);
      if (parsed->settings == NULL)
        return NULL;
    }

  node = json_object_get_member (object, "patients");
  if (node == NULL)
    {
      g_set_error_literal (error, MESO_JSON_ERROR, MESO_JSON_ERROR_MISSING,
                           _("patients: this key is required"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, MESO_JSON_ERROR, MESO_JSON_ERROR_TYPE,
                           _("patients: expected an array of patients"));
      return NULL;
    }
  patients = json_node_get_array (node);
  parsed->entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), json_array_get_length (patients));
  g_array_set_clear_func (parsed->entries, (GDestroyNotify) entry_clear);

  for (guint i = 0; i < json_array_get_length (patients); i++)
    {
      g_autofree char *path = g_strdup_printf ("patients[%u]", i);
      Entry entry = { NULL, NULL };

      entry.patient = meso_patient_from_json (json_array_get_element (patients, i),
                                              path, &entry.sessions, error);
      if (entry.patient == NULL)
        return NULL;
      g_array_append_val (parsed->entries, entry);

      /* Ids must be unique in the file, or keeping them would fail half
       * way through (or, worse, merge two people). */
      if (entry.patient->id != 0)
        {
          gpointer other = g_hash_table_lookup (patient_ids, &entry.patient->id);

          if (other != NULL)
            {
              g_set_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID,
                           _("%s.id: patient id %lld is also used by patients[%u]"),
                           path, (long long) entry.patient->id, GPOINTER_TO_UINT (other) - 1);
              return NULL;
            }
          g_hash_table_insert (patient_ids, &entry.patient->id, GUINT_TO_POINTER (i + 1));
        }
      for (guint j = 0; j < entry.sessions->len; j++)
        {
          MesoSession *s = g_ptr_array_index (entry.sessions, j);

          if (s->id != 0)
            {
              if (g_hash_table_contains (session_ids, &s->id))
                {
                  g_set_error (error, MESO_JSON_ERROR, MESO_JSON_ERROR_INVALID,
                               _("%s.sessions[%u].id: session id %lld is used twice "
                                 "in the file"),
                               path, j, (long long) s->id);
                  return NULL;
                }
              g_hash_table_add (session_ids, &s->id);
            }
        }
      parsed->n_sessions += entry.sessions->len;
    }
  return g_steal_pointer (&parsed);
}

/* A store error while writing a record names the record's place in the
 * file, so that a constraint the validators did not catch is findable. */
static void
prefix_error (GError    **error,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static void
prefix_error (GError    **error,
              const char *format,
              ...)
{
  g_autofree char *prefix = NULL;
  va_list args;

  if (error == NULL || *error == NULL)
    return;
  va_start (args, format);
  prefix = g_strdup_vprintf (format, args);
  va_end (args);
  g_prefix_error (error, "%s: ", prefix);
}

static char *
fold_name (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name ? name : "", -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *stripped = g_strstrip (g_strdup (normal));

  return g_utf8_casefold (stripped, -1);
}

/* Patients already stored with the same name and date of birth as @p. */
static gboolean
find_duplicate (MesoStore          *store,
                const MesoPatient  *p,
                gint64             *found,
                GError            **error)
{
  g_autofree char *dob = meso_date_format (&p->date_of_birth);
  g_autofree char *name = fold_name (p->name);
  g_autoptr(GArray) ids = meso_store_find_patient_ids (store, dob, error);

  *found = 0;
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(MesoPatientSummary) summary = NULL;
      g_autofree char *other = NULL;

      summary = meso_store_get_patient_summary (store, g_array_index (ids, gint64, i), error);
      if (summary == NULL)
        return FALSE;
      other = fold_name (summary->name);
      if (g_str_equal (name, other) &&
          g_date_compare (&summary->date_of_birth, &p->date_of_birth) == 0)
        {
          *found = summary->id;
          return TRUE;
        }
    }
  return TRUE;
}

/* Into an empty database the file's ids are kept; records without one (a
 * hand-written file) get the ids after the highest in the file, in file
 * order, so that none can take an id claimed further on. */
static void
assign_missing_ids (Parsed *parsed)
{
  gint64 max_patient = 0, max_session = 0;

  for (guint i = 0; i < parsed->entries->len; i++)
    {
      Entry *entry = &g_array_index (parsed->entries, Entry, i);

      max_patient = MAX (max_patient, entry->patient->id);
      for (guint j = 0; j < entry->sessions->len; j++)
        max_session = MAX (max_session, ((MesoSession *) g_ptr_array_index (entry->sessions, j))->id);
    }
  for (guint i = 0; i < parsed->entries->len; i++)
    {
      Entry *entry = &g_array_index (parsed->entries, Entry, i);

      if (entry->patient->id == 0)
        entry->patient->id = ++max_patient;
      for (guint j = 0; j < entry->sessions->len; j++)
        {
          MesoSession *s = g_ptr_array_index (entry->sessions, j);

          if (s->id == 0)
            s->id = ++max_session;
        }
    }
}

/* @reason goes with every patient and session entry of the import. */
static gboolean
write_entries (MesoStore        *store,
               Parsed           *parsed,
               gboolean          keep_ids,
               const char       *reason,
               MesoImportReport *report,
               GError          **error)
{
  if (keep_ids)
    assign_missing_ids (parsed);

  /* Each patient is followed by its sessions, which keeps SQLite's writes
   * local. */
  for (guint i = 0; i < parsed->entries->len; i++)
    {
      Entry *entry = &g_array_index (parsed->entries, Entry, i);

      if (!keep_ids)
        entry->patient->id = 0;
      if (!meso_store_insert_patient (store, entry->patient, error))
        {
          prefix_error (error, "patients[%u]", i);
          return FALSE;
        }
      report->n_patients++;

      for (guint j = 0; j < entry->sessions->len; j++)
        {
          MesoSession *s = g_ptr_array_index (entry->sessions, j);

          if (!keep_ids)
            s->id = 0;
          s->patient_id = entry->patient->id;
          /* Stored as recorded, not screened again: the history may have
           * changed since, and this is the record of what was done. */
          if (!meso_store_insert_session (store, s, error))
            {
              prefix_error (error, "patients[%u].sessions[%u]", i, j);
              return FALSE;
            }
          report->n_sessions++;
        }

      /* Folding the stash into entries as we go gives the same entries in
       * the same order as one flush at commit: a batch ends after a
       * patient's sessions, so no entity's rows are split.  The flush
       * forgets the action, hence setting it each time. */
      if (i % IMPORT_AUDIT_BATCH == IMPORT_AUDIT_BATCH - 1)
        {
          meso_audit_set_next_action (store, "import", reason);
          if (!meso_audit_flush (store, error))
            return FALSE;
        }
    }
  return TRUE;
}

MesoImportReport *
meso_import_from_data (MesoStore        *store,
                       const char       *data,
                       gssize            length,
                       const char       *name,
                       MesoImportFlags   flags,
                       GError          **error)
{
  g_autoptr(Parsed) parsed = NULL;
  g_autoptr(MesoImportReport) report = g_new0 (MesoImportReport, 1);
  g_autofree char *reason = NULL;
  gint64 n_existing;
  gboolean keep_ids;

  g_return_val_if_fail (MESO_IS_STORE (store), NULL);

  parsed = parse_export (data, length, name, error);
  if (parsed == NULL)
    return NULL;

  report->possible_duplicates = g_ptr_array_new_with_free_func (g_free);

  if (!meso_store_begin (store, error))
    return NULL;

  /* Counted inside the transaction, so another program cannot add a
   * patient between the check and the writes. */
  n_existing = meso_store_count_patients (store, error);
  if (n_existing < 0)
    goto fail;
  if (n_existing > 0 && !(flags & MESO_IMPORT_MERGE))
    {
      g_set_error (error, MESO_IMPORT_ERROR, MESO_IMPORT_ERROR_NOT_EMPTY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the database already holds %lld patient; "
                                "importing would add the file’s patients to it with new ids",
                                "the database already holds %lld patients; "
                                "importing would add the file’s patients to them with new ids",
                                n_existing),
                   (long long) n_existing);
      goto fail;
    }
  keep_ids = n_existing == 0;
  report->ids_kept = keep_ids;

  if (!keep_ids)
    for (guint i = 0; i < parsed->entries->len; i++)
      {
        Entry *entry = &g_array_index (parsed->entries, Entry, i);
        gint64 other;

        if (!find_duplicate (store, entry->patient, &other, error))
          goto fail;
        if (other != 0)
          {
            g_autofree char *dob = meso_date_format (&entry->patient->date_of_birth);

            g_ptr_array_add (report->possible_duplicates,
                             g_strdup_printf (_("patients[%u] “%s” (born %s) has the same name "
                                                "and date of birth as patient %lld"),
                                              i, entry->patient->name, dob, (long long) other));
          }
      }

  if (keep_ids && parsed->settings != NULL)
    {
      if (!meso_store_save_settings (store, parsed->settings, error))
        {
          prefix_error (error, "settings");
          goto fail;
        }
      report->settings_applied = TRUE;
    }

  /* The audit trail tells imported records from ones typed in.  The
   * event goes first, where it stood when every entry was folded in at
   * commit; its counts are the file's, which are what gets written, or
   * nothing is. */
  reason = g_strdup_printf ("%u patients, %u sessions from %s (%s)",
                            parsed->entries->len, parsed->n_sessions, name ? name : "a file",
                            keep_ids ? "ids kept" : "merged with new ids");
  if (!meso_audit_log (store, "import", "record", 0, 0, reason, error))
    goto fail;

  if (!write_entries (store, parsed, keep_ids, reason, report, error))
    goto fail;

  /* The last batch is flushed by the commit. */
  meso_audit_set_next_action (store, "import", reason);
  /* A failed commit has already rolled back. */
  if (!meso_store_commit (store, error))
    {
      meso_audit_set_next_action (store, NULL, NULL);
      return NULL;
    }

  return g_steal_pointer (&report);

fail:
  meso_store_rollback (store);
  /* Left set, it would label a later transaction's entries "import". */
  meso_audit_set_next_action (store, NULL, NULL);
  return NULL;
}
