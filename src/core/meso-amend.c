/* meso-amend.c: amendments to done sessions.  See meso-amend.h. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "meso-amend.h"
#include "meso-audit.h"
#include "meso-json.h"
#include "meso-store-private.h"

void
meso_session_amendment_free (MesoSessionAmendment *a)
{
  if (a == NULL)
    return;
  g_free (a->at);
  g_free (a->actor);
  g_free (a->reason);
  g_clear_pointer (&a->session, meso_session_free);
  g_free (a->changes);
  g_free (a);
}

static char *
node_to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* {"field": [old, new]} for every member that differs. */
static JsonObject *
diff_sessions (const MesoSession *before,
               const MesoSession *after)
{
  g_autoptr(JsonNode) a = meso_session_to_json (before);
  g_autoptr(JsonNode) b = meso_session_to_json (after);
  JsonObject *oa = json_node_get_object (a);
  JsonObject *ob = json_node_get_object (b);
  JsonObject *changes = json_object_new ();
  GList *members = json_object_get_members (ob);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *va = json_object_get_member (oa, l->data);
      JsonNode *vb = json_object_get_member (ob, l->data);

      if (va == NULL || !json_node_equal (va, vb))
        {
          JsonArray *pair = json_array_new ();

          json_array_add_element (pair, va ? json_node_copy (va) : json_node_new (JSON_NODE_NULL));
          json_array_add_element (pair, json_node_copy (vb));
          json_object_set_array_member (changes, l->data, pair);
        }
    }
  g_list_free (members);
  return changes;
}

static MesoSessionAmendment *
amendment_from_row (MesoStatement *stmt)
{
  g_autoptr(MesoSessionAmendment) a = g_new0 (MesoSessionAmendment, 1);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  a->id = sqlite3_column_int64 (stmt, 0);
  a->session_id = sqlite3_column_int64 (stmt, 1);
  a->at = meso_column_dup_text (stmt, 2);
  a->actor = meso_column_dup_text (stmt, 3);
  a->reason = meso_column_dup_text (stmt, 4);
  node = meso_json_parse ((const char *) sqlite3_column_text (stmt, 5), -1, NULL, &error);
  if (node != NULL)
    a->session = meso_session_from_json (node, "", &error);
  a->changes = meso_column_dup_text (stmt, 6);
  if (a->session == NULL)
    return NULL;
  return g_steal_pointer (&a);
}

GPtrArray *
meso_store_list_amendments (MesoStore  *store,
                            gint64      session_id,
                            GError    **error)
{
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) meso_session_amendment_free);
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (MESO_IS_STORE (store), NULL);

  stmt = meso_store_prepare (store,
                             "SELECT id, session_id, at, actor, reason, session, changes"
                             " FROM session_amendments WHERE session_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  for (;;)
    {
      MesoSessionAmendment *a;

      if (!meso_store_step_row (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      a = amendment_from_row (stmt);
      if (a == NULL)
        {
          g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_CORRUPT,
                       _("amendment %lld of session %lld cannot be read"),
                       (long long) sqlite3_column_int64 (stmt, 0), (long long) session_id);
          return NULL;
        }
      g_ptr_array_add (list, a);
    }
  return g_steal_pointer (&list);
}

MesoSession *
meso_store_get_session_amended (MesoStore  *store,
                                gint64      session_id,
                                GError    **error)
{
  g_autoptr(GPtrArray) amendments = NULL;
  MesoSessionAmendment *last;

  amendments = meso_store_list_amendments (store, session_id, error);
  if (amendments == NULL)
    return NULL;
  if (amendments->len == 0)
    return meso_store_get_session (store, session_id, error);
  last = g_ptr_array_index (amendments, amendments->len - 1);
  return meso_session_copy (last->session);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
meso_store_amend_session (MesoStore          *store,
                          const MesoSession  *corrected,
                          const char         *reason,
                          gint64             *amendment_id,
                          GError            **error)
{
  g_autoptr(MesoSession) stored = NULL;
  g_autoptr(MesoSession) current = NULL;
  g_autoptr(MesoPatientSummary) patient = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(JsonNode) changes_node = NULL;
  g_autoptr(JsonNode) session_node = NULL;
  g_autofree char *changes_text = NULL;
  g_autofree char *session_text = NULL;
  g_autofree char *at = now_text ();
  GError *local_error = NULL;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);
  g_return_val_if_fail (corrected != NULL, FALSE);

  if (is_blank (reason) || !g_utf8_validate (reason, -1, NULL) || g_utf8_strlen (reason, -1) > 2000)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                   _("reason: an amendment needs a reason of at most 2000 characters"));
      return FALSE;
    }
  if (!meso_session_validate (corrected, &local_error))
    {
      meso_store_propagate_invalid (error, local_error);
      return FALSE;
    }

  if (!meso_store_begin (store, error))
    return FALSE;

  stored = meso_store_get_session (store, corrected->id, error);
  if (stored == NULL)
    goto fail;
  if (stored->status != MESO_SESSION_DONE)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                   _("session %lld is not done yet: correct it directly instead of "
                     "amending it"), (long long) stored->id);
      goto fail;
    }
  if (corrected->patient_id != stored->patient_id)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                   _("patient: an amendment cannot move a session to another patient"));
      goto fail;
    }
  if (corrected->status != MESO_SESSION_DONE)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                   _("status: a done session stays done; amend what was recorded instead"));
      goto fail;
    }
  patient = meso_store_get_patient_summary (store, stored->patient_id, error);
  if (patient == NULL)
    goto fail;
  if (!meso_session_validate_for_patient (corrected, &patient->date_of_birth, &local_error))
    {
      meso_store_propagate_invalid (error, local_error);
      goto fail;
    }

  current = meso_store_get_session_amended (store, corrected->id, error);
  if (current == NULL)
    goto fail;
  changes = diff_sessions (current, corrected);
  if (json_object_get_size (changes) == 0)
    {
      g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                   _("the amendment changes nothing in session %lld"), (long long) stored->id);
      goto fail;
    }
  changes_node = json_node_init_object (json_node_alloc (), changes);
  changes_text = node_to_text (changes_node);
  session_node = meso_session_to_json (corrected);
  session_text = node_to_text (session_node);

  {
    g_autoptr(MesoStatement) stmt =
      meso_store_prepare (store,
                          "INSERT INTO session_amendments (session_id, at, actor, reason, session,"
                          " changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, stored->id);
    meso_bind_text (stmt, 2, at);
    meso_bind_text (stmt, 3, meso_store_get_actor (store));
    meso_bind_text (stmt, 4, reason);
    meso_bind_text (stmt, 5, session_text);
    meso_bind_text (stmt, 6, changes_text);
    if (!meso_store_step_done (store, stmt, error))
      goto fail;
    if (amendment_id != NULL)
      *amendment_id = sqlite3_last_insert_rowid (meso_store_get_db (store));
  }
  if (!meso_audit_log_changes (store, "amend", "session", stored->id, stored->patient_id,
                               changes_text, reason, error))
    goto fail;
  return meso_store_commit (store, error);

fail:
  meso_store_rollback (store);
  return FALSE;
}
