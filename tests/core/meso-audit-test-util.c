/* meso-audit-test-util.c: the fixture and trail readers the audit tests
 * share (meso-audit-test-util.h). */
#include "config.h"

#include <string.h>

#include "meso-audit-test-util.h"
#include "../meso-test-util.h"

void
meso_audit_fixture_set_up (MesoAuditFixture *f,
                           gconstpointer     data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("mesochart-audit-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "clinic.db", NULL);
  f->store = meso_store_open (f->path, &error);
  g_assert_no_error (error);
  meso_store_set_actor (f->store, "dr.rossi");
}

void
meso_audit_fixture_tear_down (MesoAuditFixture *f,
                              gconstpointer     data)
{
  g_clear_object (&f->store);
  meso_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

gint64
meso_audit_test_add_patient (MesoStore  *store,
                             const char *name)
{
  g_autoptr(MesoPatient) p = meso_patient_new ();
  g_autoptr(GError) error = NULL;

  p->name = g_strdup (name);
  g_date_set_dmy (&p->date_of_birth, 15, 6, 1990);
  p->phone = g_strdup ("+39 333 123 4567");
  g_assert_true (meso_store_insert_patient (store, p, &error));
  g_assert_no_error (error);
  return p->id;
}

MesoSession *
meso_audit_test_make_session (gint64            patient_id,
                              MesoSessionStatus status)
{
  MesoSession *s = meso_session_new ();

  s->patient_id = patient_id;
  g_date_set_dmy (&s->date, 2, 3, 2026);
  s->status = status;
  s->batch = g_strdup ("LOT-1");
  g_ptr_array_add (s->ingredients, g_strdup ("Hyaluronic acid"));
  g_ptr_array_add (s->ingredients, g_strdup ("Vitamin C"));
  return s;
}

GPtrArray *
meso_audit_test_entries (MesoStore *store,
                         gint64     patient_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = meso_audit_list (store, patient_id, &error);

  g_assert_no_error (error);
  return list;
}

MesoAuditEntry *
meso_audit_test_last_entry (MesoStore *store)
{
  g_autoptr(GPtrArray) list = meso_audit_test_entries (store, 0);
  MesoAuditEntry *e;

  g_assert_cmpuint (list->len, >, 0);
  e = g_ptr_array_steal_index (list, list->len - 1);
  return e;
}

JsonObject *
meso_audit_test_changes_of (const MesoAuditEntry *e)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_nonnull (e->changes);
  g_assert_true (json_parser_load_from_data (parser, e->changes, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

void
meso_audit_test_assert_change (JsonObject *changes,
                               const char *field,
                               const char *old_value,
                               const char *new_value)
{
  JsonArray *pair;
  JsonNode *nodes[2];
  const char *want[2] = { old_value, new_value };

  if (!json_object_has_member (changes, field))
    g_error ("no change of %s recorded", field);
  pair = json_object_get_array_member (changes, field);
  g_assert_cmpuint (json_array_get_length (pair), ==, 2);
  nodes[0] = json_array_get_element (pair, 0);
  nodes[1] = json_array_get_element (pair, 1);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = NULL;

      if (JSON_NODE_HOLDS_NULL (nodes[i]))
        text = g_strdup ("null");
      else if (json_node_get_value_type (nodes[i]) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (nodes[i]));
      else
        text = json_to_string (nodes[i], FALSE);
      g_assert_cmpstr (text, ==, want[i]);
    }
}

gint64
meso_audit_test_count_entries (MesoStore *store)
{
  g_autoptr(GPtrArray) list = meso_audit_test_entries (store, 0);

  return list->len;
}

void
meso_audit_test_assert_verifies (MesoStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MesoAuditReport) report = NULL;

  g_assert_true (meso_audit_verify (store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->bad_seq, ==, 0);
  g_assert_cmpuint (strlen (report->head_hash), ==, 64);
}
