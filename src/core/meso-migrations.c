/* meso-migrations.c: the schema, as the list of steps that build it.
 *
 * A file at user_version N has run steps 1..N.  Each step runs in its own
 * BEGIN IMMEDIATE..COMMIT with the user_version bump inside, so a crash or
 * an error leaves the file at N or N+1, never in between.  Released steps
 * are never edited: change the schema by appending a step.
 *
 * CHECK constraints mirror meso_patient_validate() and
 * meso_session_validate() as a second line of defence (for a bug, or a
 * tool writing the file directly).  They are named after the record's
 * fields so that a refusal still names the field.  Dates are checked with
 * date (x, '+0 days') IS x: the modifier normalizes impossible days
 * ('1980-02-30' becomes '1980-03-01'), which plain date () does not.
 * Vocabularies are checked with chains of '=' rather than IN lists: an IN
 * list of more than two values makes SQLite build a temporary b-tree on
 * every INSERT, which made bulk writes many times slower.  Vocabularies are stored
 * as their stable codes (meso-enums.c), dates as 'YYYY-MM-DD' text.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "meso-audit-private.h"
#include "meso-backup.h"
#include "meso-store-private.h"

/* Version 1: the clinic record. */
static const char schema_v1[] =
  /* "Meso": marks the file as a Mesochart database (see check_header). */
  "PRAGMA application_id = 1298494319;"

  "CREATE TABLE patients ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL"
  "    CONSTRAINT \"name\" CHECK (length (trim (name)) > 0 AND length (name) <= 200),"
  "  date_of_birth TEXT NOT NULL"
  "    CONSTRAINT \"date_of_birth\" CHECK (date (date_of_birth, '+0 days') IS date_of_birth"
  "                                    AND date_of_birth >= '1900-01-01'),"
  "  sex TEXT NOT NULL DEFAULT 'unspecified'"
  "    CONSTRAINT \"sex\" CHECK ((sex = 'unspecified' OR sex = 'female' OR sex = 'male'"
  "      OR sex = 'other')),"
  "  phone TEXT CONSTRAINT \"phone\" CHECK (length (phone) <= 50),"
  "  email TEXT CONSTRAINT \"email\" CHECK (email = ''"
  "                                     OR (instr (email, '@') > 0 AND length (email) <= 200)),"
  "  address TEXT CONSTRAINT \"address\" CHECK (length (address) <= 500),"
  "  language TEXT NOT NULL DEFAULT 'en'"
  "    CONSTRAINT \"language\" CHECK ((language = 'en' OR language = 'fr' OR language = 'it'"
  "      OR language = 'es' OR language = 'de')),"
  "  notes TEXT CONSTRAINT \"notes\" CHECK (length (notes) <= 20000),"
  "  medications_state TEXT NOT NULL DEFAULT 'not_asked'"
  "    CONSTRAINT \"medications\" CHECK ((medications_state = 'not_asked'"
  "      OR medications_state = 'none_known' OR medications_state = 'recorded')),"
  "  medications_confirmed TEXT"
  "    CONSTRAINT \"medications_confirmed\""
  "      CHECK (date (medications_confirmed, '+0 days') IS medications_confirmed),"
  "  allergies_state TEXT NOT NULL DEFAULT 'not_asked'"
  "    CONSTRAINT \"allergies\" CHECK ((allergies_state = 'not_asked'"
  "      OR allergies_state = 'none_known' OR allergies_state = 'recorded')),"
  "  allergies_confirmed TEXT"
  "    CONSTRAINT \"allergies_confirmed\""
  "      CHECK (date (allergies_confirmed, '+0 days') IS allergies_confirmed),"
  "  fitzpatrick INTEGER NOT NULL DEFAULT 0"
  "    CONSTRAINT \"fitzpatrick\" CHECK (fitzpatrick BETWEEN 0 AND 6),"
  "  bruises_easily INTEGER NOT NULL DEFAULT 0"
  "    CONSTRAINT \"bruises_easily\" CHECK (bruises_easily IN (0, 1)),"
  "  sensitive_skin INTEGER NOT NULL DEFAULT 0"
  "    CONSTRAINT \"sensitive_skin\" CHECK (sensitive_skin IN (0, 1))"
  ");"

  /* One row per condition code, always all of them: "not asked" is an
   * answer the screening must see, not a missing row. */
  "CREATE TABLE patient_conditions ("
  "  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,"
  "  condition TEXT NOT NULL"
  "    CONSTRAINT \"condition\" CHECK ((condition = 'pregnancy' OR condition = 'breastfeeding'"
  "      OR condition = 'diabetes' OR condition = 'autoimmune_disease' OR condition = 'urticaria'"
  "      OR condition = 'coagulation_disorder' OR condition = 'severe_chronic_illness'"
  "      OR condition = 'paralysis_history' OR condition = 'cancer'"
  "      OR condition = 'cardiac_disease')),"
  "  answer TEXT NOT NULL"
  "    CONSTRAINT \"answer\" CHECK ((answer = 'not_asked' OR answer = 'unknown' OR answer = 'no'"
  "      OR answer = 'yes')),"
  "  confirmed TEXT CONSTRAINT \"confirmed\" CHECK (date (confirmed, '+0 days') IS confirmed),"
  "  PRIMARY KEY (patient_id, condition)"
  ") WITHOUT ROWID;"

  /* Medications and allergies, in the order they were entered. */
  "CREATE TABLE patient_list_items ("
  "  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,"
  "  list TEXT NOT NULL CHECK (list IN ('medications', 'allergies')),"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  text TEXT NOT NULL CONSTRAINT \"entry\" CHECK (length (trim (text)) > 0),"
  "  PRIMARY KEY (patient_id, list, position)"
  ") WITHOUT ROWID;"

  "CREATE TABLE sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL CONSTRAINT \"date\" CHECK (date (date, '+0 days') IS date),"
  "  time_minutes INTEGER CONSTRAINT \"time\" CHECK (time_minutes BETWEEN 0 AND 1439),"
  "  status TEXT NOT NULL"
  "    CONSTRAINT \"status\" CHECK ((status = 'booked' OR status = 'done'"
  "      OR status = 'cancelled')),"
  "  indication TEXT NOT NULL"
  "    CONSTRAINT \"indication\" CHECK ((indication = 'rejuvenation' OR indication = 'cellulite'"
  "      OR indication = 'fat_reduction' OR indication = 'hair_loss' OR indication = 'other')),"
  "  area TEXT NOT NULL"
  "    CONSTRAINT \"area\" CHECK ((area = 'face' OR area = 'neck' OR area = 'decollete'"
  "      OR area = 'scalp' OR area = 'abdomen' OR area = 'flanks' OR area = 'thighs'"
  "      OR area = 'buttocks' OR area = 'arms' OR area = 'hands' OR area = 'other')),"
  "  solution_name TEXT CONSTRAINT \"solution.name\" CHECK (length (solution_name) <= 200),"
  "  consistency TEXT NOT NULL"
  "    CONSTRAINT \"consistency\" CHECK ((consistency = 'thin' OR consistency = 'medium'"
  "      OR consistency = 'thick')),"
  "  volume_ml REAL NOT NULL DEFAULT 0"
  "    CONSTRAINT \"solution.volume_ml\" CHECK (volume_ml BETWEEN 0 AND 100),"
  "  batch TEXT CONSTRAINT \"batch\" CHECK (length (batch) <= 100),"
  "  batch_expiry TEXT,"
  "  needle_gauge INTEGER NOT NULL"
  "    CONSTRAINT \"needle.gauge\" CHECK (needle_gauge BETWEEN 18 AND 34),"
  "  needle_length_mm REAL NOT NULL"
  "    CONSTRAINT \"needle.length_mm\" CHECK (needle_length_mm > 0 AND needle_length_mm <= 25),"
  "  depth_mm REAL NOT NULL,"
  "  angle_deg REAL NOT NULL"
  "    CONSTRAINT \"angle_deg\" CHECK (angle_deg BETWEEN 1 AND 90),"
  "  technique TEXT NOT NULL"
  "    CONSTRAINT \"technique\" CHECK ((technique = 'nappage' OR technique = 'papule'"
  "      OR technique = 'point_by_point' OR technique = 'linear_retrograde'"
  "      OR technique = 'other')),"
  "  massage TEXT NOT NULL"
  "    CONSTRAINT \"massage_advice\" CHECK ((massage = 'recommended' OR massage = 'gentle'"
  "      OR massage = 'avoid')),"
  "  practitioner TEXT CONSTRAINT \"practitioner\" CHECK (length (practitioner) <= 200),"
  "  notes TEXT CONSTRAINT \"notes\" CHECK (length (notes) <= 20000),"
  "  override_reason TEXT"
  "    CONSTRAINT \"override_reason\" CHECK (length (trim (override_reason)) > 0"
  "                                      AND length (override_reason) <= 2000),"
  "  CONSTRAINT \"batch_expiry\" CHECK (date (batch_expiry, '+0 days') IS batch_expiry"
  "                                  AND batch_expiry >= date),"
  "  CONSTRAINT \"depth_mm\" CHECK (depth_mm > 0 AND depth_mm <= 13"
  "                              AND depth_mm <= needle_length_mm)"
  ");"
  "CREATE INDEX sessions_by_patient ON sessions (patient_id, date, time_minutes);"
  "CREATE INDEX sessions_by_date ON sessions (date, time_minutes);"

  /* Solution ingredients and the finding codes acknowledged at booking. */
  "CREATE TABLE session_list_items ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  list TEXT NOT NULL CHECK (list IN ('ingredients', 'acknowledged')),"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  text TEXT NOT NULL CONSTRAINT \"entry\" CHECK (length (trim (text)) > 0),"
  "  PRIMARY KEY (session_id, list, position)"
  ") WITHOUT ROWID;"

  "CREATE TABLE settings ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  clinic_name TEXT NOT NULL CONSTRAINT \"clinic_name\" CHECK (length (clinic_name) <= 200),"
  "  clinic_address TEXT NOT NULL"
  "    CONSTRAINT \"clinic_address\" CHECK (length (clinic_address) <= 500),"
  "  clinic_phone TEXT NOT NULL CONSTRAINT \"clinic_phone\" CHECK (length (clinic_phone) <= 50),"
  "  legal_age INTEGER NOT NULL CONSTRAINT \"legal_age\" CHECK (legal_age BETWEEN 16 AND 25),"
  "  default_massage TEXT NOT NULL"
  "    CONSTRAINT \"default_massage\" CHECK ((default_massage = 'recommended'"
  "      OR default_massage = 'gentle' OR default_massage = 'avoid')),"
  "  next_session_days INTEGER NOT NULL"
  "    CONSTRAINT \"next_session_days\" CHECK (next_session_days BETWEEN 1 AND 365),"
  "  paper_size TEXT NOT NULL CONSTRAINT \"paper_size\" CHECK (paper_size IN ('a4', 'letter'))"
  ");";

/* Version 2: patient search.  A folded sort key with an index makes the
 * unfiltered list come out in name order without sorting; an FTS5 index
 * answers prefix queries on name words, date of birth and phone digits.
 * The index is kept in sync by the patient write path in C
 * (meso_store_index_patient), not by triggers, because the phone and date
 * tokens are computed in C and the file must stay writable by plain SQLite
 * tools. */
static const char schema_v2[] =
  "ALTER TABLE patients ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';"
  "CREATE INDEX patients_by_sort_key ON patients (sort_key, id);"
  "CREATE VIRTUAL TABLE patient_search USING fts5 ("
  "  name, dob, phone,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  /* One- and two-letter prefixes are what the first keystrokes send. */
  "  prefix = '1 2'"
  ");";

typedef struct
{
  gint64  id;
  char   *name;
  GDate   dob;
  char   *phone;
} IndexRow;

static void
index_row_clear (gpointer data)
{
  IndexRow *row = data;

  g_free (row->name);
  g_free (row->phone);
}

static gboolean
fill_search_v2 (MesoStore  *store,
                GError    **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (IndexRow));
  gboolean has_row;

  g_array_set_clear_func (rows, index_row_clear);

  /* Read everything first: updating rows of a table while a SELECT walks
   * it on the same connection has undefined results. */
  {
    g_autoptr(MesoStatement) stmt =
      meso_store_prepare (store, "SELECT id, name, date_of_birth, phone FROM patients", error);

    if (stmt == NULL)
      return FALSE;
    for (;;)
      {
        IndexRow row;

        if (!meso_store_step_row (store, stmt, &has_row, error))
          return FALSE;
        if (!has_row)
          break;
        row.id = sqlite3_column_int64 (stmt, 0);
        row.name = meso_column_dup_text (stmt, 1);
        meso_column_date (stmt, 2, &row.dob);
        row.phone = meso_column_dup_text (stmt, 3);
        g_array_append_val (rows, row);
      }
  }

  for (guint i = 0; i < rows->len; i++)
    {
      IndexRow *row = &g_array_index (rows, IndexRow, i);
      g_autofree char *key = meso_fold_for_sort (row->name);
      g_autoptr(MesoStatement) stmt =
        meso_store_prepare (store, "UPDATE patients SET sort_key = ?2 WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row->id);
      meso_bind_text (stmt, 2, key);
      if (!meso_store_step_done (store, stmt, error) ||
          !meso_store_index_patient (store, row->id, row->name, &row->dob, row->phone, error))
        return FALSE;
    }
  return TRUE;
}

/* Version 3: follow-ups and the clinician's reviews of flags
 * (meso-store-followups.c).  Flags themselves are not stored: they are
 * computed from sessions, follow-ups and reviews as of a date.  Follow-up
 * ids are AUTOINCREMENT because a review covers "every observation up to
 * id N": an id must never be reused, or a new observation could hide
 * behind an old review.  One review per (session, code): a newer review
 * replaces the older one. */
static const char schema_v3[] =
  "CREATE TABLE followups ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL CONSTRAINT \"date\" CHECK (date (date, '+0 days') IS date),"
  "  lumps INTEGER NOT NULL DEFAULT 0 CONSTRAINT \"lumps\" CHECK (lumps IN (0, 1)),"
  "  lump_size_mm REAL NOT NULL DEFAULT 0"
  "    CONSTRAINT \"lump_size_mm\" CHECK (lump_size_mm BETWEEN 0 AND 100),"
  "  pain INTEGER NOT NULL DEFAULT 0 CONSTRAINT \"pain\" CHECK (pain IN (0, 1)),"
  "  redness INTEGER NOT NULL DEFAULT 0 CONSTRAINT \"redness\" CHECK (redness IN (0, 1)),"
  "  warmth INTEGER NOT NULL DEFAULT 0 CONSTRAINT \"warmth\" CHECK (warmth IN (0, 1)),"
  "  swelling INTEGER NOT NULL DEFAULT 0 CONSTRAINT \"swelling\" CHECK (swelling IN (0, 1)),"
  "  discharge INTEGER NOT NULL DEFAULT 0 CONSTRAINT \"discharge\" CHECK (discharge IN (0, 1)),"
  "  fever INTEGER NOT NULL DEFAULT 0 CONSTRAINT \"fever\" CHECK (fever IN (0, 1)),"
  "  bleeding INTEGER NOT NULL DEFAULT 0 CONSTRAINT \"bleeding\" CHECK (bleeding IN (0, 1)),"
  "  itching_hives INTEGER NOT NULL DEFAULT 0"
  "    CONSTRAINT \"itching\" CHECK (itching_hives IN (0, 1)),"
  "  breathing_difficulty INTEGER NOT NULL DEFAULT 0"
  "    CONSTRAINT \"breathing_difficulty\" CHECK (breathing_difficulty IN (0, 1)),"
  "  pigmentation_change INTEGER NOT NULL DEFAULT 0"
  "    CONSTRAINT \"pigmentation\" CHECK (pigmentation_change IN (0, 1)),"
  "  nodules INTEGER NOT NULL DEFAULT 0 CONSTRAINT \"nodules\" CHECK (nodules IN (0, 1)),"
  "  notes TEXT CONSTRAINT \"notes\" CHECK (length (notes) <= 20000)"
  ");"
  "CREATE INDEX followups_by_session ON followups (session_id, date, id);"

  "CREATE TABLE flag_reviews ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  code TEXT NOT NULL CONSTRAINT \"code\" CHECK (length (code) BETWEEN 1 AND 40),"
  "  note TEXT NOT NULL"
  "    CONSTRAINT \"note\" CHECK (length (trim (note)) > 0 AND length (note) <= 2000),"
  "  reviewed_at TEXT NOT NULL,"
  /* The newest observation the review saw (0: none, for the reminder). */
  "  covered_followup_id INTEGER NOT NULL DEFAULT 0,"
  "  covered_date TEXT CHECK (date (covered_date, '+0 days') IS covered_date),"
  "  PRIMARY KEY (session_id, code)"
  ") WITHOUT ROWID;";

/* Append new steps at the end; the last one's version is the schema
 * version this build writes (meso_store_schema_version()). */
static const MesoMigration migrations[] = {
  { 1, schema_v1, NULL },
  { 2, schema_v2, fill_search_v2 },
  { 3, schema_v3, NULL },
  /* The audit trail, amendments of done sessions (meso-audit-schema.c). */
  { 4, meso_audit_schema_sql, meso_audit_migrate },
  /* The audit triggers write row images the flush reads without a JSON
   * parser (meso-audit-schema.c). */
  { 5, meso_audit_schema_v5_sql, NULL },
  /* The end of the audit chain recorded outside it, so that removing the
   * newest entries shows (meso-audit-schema.c). */
  { MESO_AUDIT_HEAD_SCHEMA, meso_audit_schema_v6_sql, meso_audit_migrate_head },
};

const MesoMigration *
meso_migrations_get (guint *n_steps)
{
  *n_steps = G_N_ELEMENTS (migrations);
  return migrations;
}

static gboolean
get_user_version (MesoStore  *self,
                  guint      *out,
                  GError    **error)
{
  g_autoptr(MesoStatement) stmt = meso_store_prepare (self, "PRAGMA user_version", error);
  gboolean has_row;

  if (stmt == NULL || !meso_store_step_row (self, stmt, &has_row, error))
    return FALSE;
  *out = has_row ? (guint) sqlite3_column_int (stmt, 0) : 0;
  return TRUE;
}

static gboolean
run_step (MesoStore           *self,
          const MesoMigration *step,
          GError             **error)
{
  g_autofree char *bump = NULL;
  guint current;

  if (!meso_store_begin (self, error))
    return FALSE;

  /* Another process may have migrated while we waited for the lock. */
  if (!get_user_version (self, &current, error))
    goto fail;
  if (current >= step->version)
    return meso_store_commit (self, error);

  if (step->sql != NULL && !meso_store_exec (self, step->sql, error))
    goto fail;
  if (step->func != NULL && !step->func (self, error))
    goto fail;

  /* PRAGMA takes no bound parameters; the number comes from the table
   * above, never from input. */
  bump = g_strdup_printf ("PRAGMA user_version = %u", step->version);
  if (!meso_store_exec (self, bump, error))
    goto fail;

  return meso_store_commit (self, error);

fail:
  meso_store_rollback (self);
  g_prefix_error (error, _("Could not update the clinic database to schema %u: "), step->version);
  return FALSE;
}

gboolean
meso_migrations_run (MesoStore  *self,
                     guint       target,
                     GError    **error)
{
  guint current;

  if (!get_user_version (self, &current, error))
    return FALSE;

  /* A database that already holds data is copied aside before its schema
   * changes (meso-backup.h); a new one has nothing to lose. */
  if (current > 0 && current < MIN (target, meso_store_schema_version ()) &&
      !meso_backup_before_migration (self, current, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const MesoMigration *step = &migrations[i];

      if (step->version <= current || step->version > target)
        continue;
      if (!run_step (self, step, error))
        return FALSE;
      current = step->version;
    }
  return TRUE;
}
