/* meso-audit-schema.c: the SQL of the audit trail's schema steps: the
 * tables, the triggers that feed audit_stash from every audited table, the
 * append-only guards, and the rule that a done session is not rewritten
 * (step 4); the image triggers rewritten (step 5); the record of where the
 * chain ends (step 6).
 *
 * The field lists are spelled out per table because a trigger cannot
 * enumerate a row's columns.  A column added to an audited table later
 * needs a new step that recreates that table's triggers, as step 5 does.
 */
#include "config.h"

#include "meso-audit-private.h"

#define PATIENT_FIELDS(R) \
  "'name', " R ".name, 'date_of_birth', " R ".date_of_birth, 'sex', " R ".sex," \
  " 'phone', " R ".phone, 'email', " R ".email, 'address', " R ".address," \
  " 'language', " R ".language, 'notes', " R ".notes," \
  " 'medications_state', " R ".medications_state," \
  " 'medications_confirmed', " R ".medications_confirmed," \
  " 'allergies_state', " R ".allergies_state," \
  " 'allergies_confirmed', " R ".allergies_confirmed," \
  " 'fitzpatrick', " R ".fitzpatrick, 'bruises_easily', " R ".bruises_easily," \
  " 'sensitive_skin', " R ".sensitive_skin"

#define CONDITION_FIELDS(R) \
  "'conditions.' || " R ".condition, " R ".answer," \
  " 'conditions.' || " R ".condition || '.confirmed', " R ".confirmed"

#define SESSION_FIELDS(R) \
  "'patient_id', " R ".patient_id, 'date', " R ".date, 'time_minutes', " R ".time_minutes," \
  " 'status', " R ".status, 'indication', " R ".indication, 'area', " R ".area," \
  " 'solution_name', " R ".solution_name, 'consistency', " R ".consistency," \
  " 'volume_ml', " R ".volume_ml, 'batch', " R ".batch, 'batch_expiry', " R ".batch_expiry," \
  " 'needle_gauge', " R ".needle_gauge, 'needle_length_mm', " R ".needle_length_mm," \
  " 'depth_mm', " R ".depth_mm, 'angle_deg', " R ".angle_deg, 'technique', " R ".technique," \
  " 'massage', " R ".massage, 'practitioner', " R ".practitioner, 'notes', " R ".notes," \
  " 'override_reason', " R ".override_reason"

/* Every column but the status: a done session can still not change it
 * either, see sessions_done_is_final. */
#define SESSION_CHANGED \
  "NEW.patient_id IS NOT OLD.patient_id OR NEW.date IS NOT OLD.date" \
  " OR NEW.time_minutes IS NOT OLD.time_minutes OR NEW.status IS NOT OLD.status" \
  " OR NEW.indication IS NOT OLD.indication OR NEW.area IS NOT OLD.area" \
  " OR NEW.solution_name IS NOT OLD.solution_name OR NEW.consistency IS NOT OLD.consistency" \
  " OR NEW.volume_ml IS NOT OLD.volume_ml OR NEW.batch IS NOT OLD.batch" \
  " OR NEW.batch_expiry IS NOT OLD.batch_expiry OR NEW.needle_gauge IS NOT OLD.needle_gauge" \
  " OR NEW.needle_length_mm IS NOT OLD.needle_length_mm OR NEW.depth_mm IS NOT OLD.depth_mm" \
  " OR NEW.angle_deg IS NOT OLD.angle_deg OR NEW.technique IS NOT OLD.technique" \
  " OR NEW.massage IS NOT OLD.massage OR NEW.practitioner IS NOT OLD.practitioner" \
  " OR NEW.notes IS NOT OLD.notes OR NEW.override_reason IS NOT OLD.override_reason"

#define FOLLOWUP_FIELDS(R) \
  "'session_id', " R ".session_id, 'date', " R ".date, 'lumps', " R ".lumps," \
  " 'lump_size_mm', " R ".lump_size_mm, 'pain', " R ".pain, 'redness', " R ".redness," \
  " 'warmth', " R ".warmth, 'swelling', " R ".swelling, 'discharge', " R ".discharge," \
  " 'fever', " R ".fever, 'bleeding', " R ".bleeding, 'itching_hives', " R ".itching_hives," \
  " 'breathing_difficulty', " R ".breathing_difficulty," \
  " 'pigmentation_change', " R ".pigmentation_change, 'nodules', " R ".nodules," \
  " 'notes', " R ".notes"

#define REVIEW_FIELDS(R) \
  "'code', " R ".code, 'note', " R ".note, 'reviewed_at', " R ".reviewed_at," \
  " 'covered_followup_id', " R ".covered_followup_id, 'covered_date', " R ".covered_date"

#define STASH \
  "INSERT INTO audit_stash (actor, entity, entity_id, entity_key, patient_id, op, side," \
  " list, position, data) VALUES "

#define SESSION_PATIENT(R) "(SELECT patient_id FROM sessions WHERE id = " R ".session_id)"

/* The triggers that copy row images into the stash, by table.  IMAGE is
 * the SQL function that writes an image: json_object () in schema 4,
 * meso_audit_image () from schema 5 on (see meso_audit_schema_v5_sql). */

#define PATIENT_TRIGGERS(IMAGE) \
  "CREATE TRIGGER audit_patients_insert AFTER INSERT ON patients BEGIN " \
  STASH "(meso_actor (), 'patient', NEW.id, '', NEW.id, 'insert', 'new', NULL, NULL," \
  " " IMAGE " (" PATIENT_FIELDS ("NEW") ")); END;" \
  "CREATE TRIGGER audit_patients_update AFTER UPDATE ON patients BEGIN " \
  STASH "(meso_actor (), 'patient', NEW.id, '', NEW.id, 'update', 'old', NULL, NULL," \
  " " IMAGE " (" PATIENT_FIELDS ("OLD") "))," \
  " (meso_actor (), 'patient', NEW.id, '', NEW.id, 'update', 'new', NULL, NULL," \
  " " IMAGE " (" PATIENT_FIELDS ("NEW") ")); END;" \
  /* No values: a deleted patient's identity must not live on here. */ \
  "CREATE TRIGGER audit_patients_delete AFTER DELETE ON patients BEGIN " \
  STASH "(meso_actor (), 'patient', OLD.id, '', OLD.id, 'delete', 'old', NULL, NULL, NULL); END;"

#define CONDITION_TRIGGERS(IMAGE) \
  "CREATE TRIGGER audit_conditions_insert AFTER INSERT ON patient_conditions BEGIN " \
  STASH "(meso_actor (), 'patient', NEW.patient_id, '', NEW.patient_id, 'child', 'new'," \
  " NULL, NULL, " IMAGE " (" CONDITION_FIELDS ("NEW") ")); END;" \
  "CREATE TRIGGER audit_conditions_update AFTER UPDATE ON patient_conditions BEGIN " \
  STASH "(meso_actor (), 'patient', OLD.patient_id, '', OLD.patient_id, 'child', 'old'," \
  " NULL, NULL, " IMAGE " (" CONDITION_FIELDS ("OLD") "))," \
  " (meso_actor (), 'patient', NEW.patient_id, '', NEW.patient_id, 'child', 'new'," \
  " NULL, NULL, " IMAGE " (" CONDITION_FIELDS ("NEW") ")); END;" \
  "CREATE TRIGGER audit_conditions_delete AFTER DELETE ON patient_conditions" \
  " WHEN EXISTS (SELECT 1 FROM patients WHERE id = OLD.patient_id) BEGIN " \
  STASH "(meso_actor (), 'patient', OLD.patient_id, '', OLD.patient_id, 'child', 'old'," \
  " NULL, NULL, " IMAGE " (" CONDITION_FIELDS ("OLD") ")); END;"

#define SESSION_TRIGGERS(IMAGE) \
  "CREATE TRIGGER audit_sessions_insert AFTER INSERT ON sessions BEGIN " \
  STASH "(meso_actor (), 'session', NEW.id, '', NEW.patient_id, 'insert', 'new', NULL, NULL," \
  " " IMAGE " (" SESSION_FIELDS ("NEW") ")); END;" \
  "CREATE TRIGGER audit_sessions_update AFTER UPDATE ON sessions BEGIN " \
  STASH "(meso_actor (), 'session', NEW.id, '', NEW.patient_id, 'update', 'old', NULL, NULL," \
  " " IMAGE " (" SESSION_FIELDS ("OLD") "))," \
  " (meso_actor (), 'session', NEW.id, '', NEW.patient_id, 'update', 'new', NULL, NULL," \
  " " IMAGE " (" SESSION_FIELDS ("NEW") ")); END;" \
  "CREATE TRIGGER audit_sessions_delete AFTER DELETE ON sessions BEGIN " \
  STASH "(meso_actor (), 'session', OLD.id, '', OLD.patient_id, 'delete', 'old', NULL, NULL," \
  " CASE WHEN EXISTS (SELECT 1 FROM patients WHERE id = OLD.patient_id)" \
  " THEN " IMAGE " (" SESSION_FIELDS ("OLD") ") END); END;"

#define FOLLOWUP_TRIGGERS(IMAGE) \
  "CREATE TRIGGER audit_followups_insert AFTER INSERT ON followups BEGIN " \
  STASH "(meso_actor (), 'followup', NEW.id, '', " SESSION_PATIENT ("NEW") ", 'insert', 'new'," \
  " NULL, NULL, " IMAGE " (" FOLLOWUP_FIELDS ("NEW") ")); END;" \
  "CREATE TRIGGER audit_followups_update AFTER UPDATE ON followups BEGIN " \
  STASH "(meso_actor (), 'followup', NEW.id, '', " SESSION_PATIENT ("NEW") ", 'update', 'old'," \
  " NULL, NULL, " IMAGE " (" FOLLOWUP_FIELDS ("OLD") "))," \
  " (meso_actor (), 'followup', NEW.id, '', " SESSION_PATIENT ("NEW") ", 'update', 'new'," \
  " NULL, NULL, " IMAGE " (" FOLLOWUP_FIELDS ("NEW") ")); END;" \
  "CREATE TRIGGER audit_followups_delete AFTER DELETE ON followups BEGIN " \
  STASH "(meso_actor (), 'followup', OLD.id, '', " SESSION_PATIENT ("OLD") ", 'delete', 'old'," \
  " NULL, NULL, CASE WHEN EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id)" \
  " THEN " IMAGE " (" FOLLOWUP_FIELDS ("OLD") ") END); END;"

#define REVIEW_TRIGGERS(IMAGE) \
  "CREATE TRIGGER audit_reviews_insert AFTER INSERT ON flag_reviews BEGIN " \
  STASH "(meso_actor (), 'flag_review', NEW.session_id, NEW.code, " SESSION_PATIENT ("NEW") "," \
  " 'insert', 'new', NULL, NULL, " IMAGE " (" REVIEW_FIELDS ("NEW") ")); END;" \
  "CREATE TRIGGER audit_reviews_update AFTER UPDATE ON flag_reviews BEGIN " \
  STASH "(meso_actor (), 'flag_review', NEW.session_id, NEW.code, " SESSION_PATIENT ("NEW") "," \
  " 'update', 'old', NULL, NULL, " IMAGE " (" REVIEW_FIELDS ("OLD") "))," \
  " (meso_actor (), 'flag_review', NEW.session_id, NEW.code, " SESSION_PATIENT ("NEW") "," \
  " 'update', 'new', NULL, NULL, " IMAGE " (" REVIEW_FIELDS ("NEW") ")); END;" \
  "CREATE TRIGGER audit_reviews_delete AFTER DELETE ON flag_reviews BEGIN " \
  STASH "(meso_actor (), 'flag_review', OLD.session_id, OLD.code, " SESSION_PATIENT ("OLD") "," \
  " 'delete', 'old', NULL, NULL, CASE WHEN EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id)" \
  " THEN " IMAGE " (" REVIEW_FIELDS ("OLD") ") END); END;"

const char meso_audit_schema_sql[] =
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  entity_id INTEGER,"
  "  patient_id INTEGER,"
  "  changes TEXT,"
  "  changes_sha TEXT,"
  "  reason TEXT,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL"
  ");"
  "CREATE INDEX audit_by_patient ON audit (patient_id, seq);"

  /* The only UPDATE allowed erases the changes of an entry (anonymisation,
   * deletion), and only from Mesochart while it is doing that. */
  "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit"
  " WHEN NOT (NEW.changes IS NULL AND NEW.seq IS OLD.seq AND NEW.at IS OLD.at"
  "   AND NEW.actor IS OLD.actor AND NEW.action IS OLD.action AND NEW.entity IS OLD.entity"
  "   AND NEW.entity_id IS OLD.entity_id AND NEW.patient_id IS OLD.patient_id"
  "   AND NEW.changes_sha IS OLD.changes_sha AND NEW.reason IS OLD.reason"
  "   AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash"
  "   AND meso_audit_redacting ())"
  " BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit"
  " BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"

  /* Row images waiting for meso_audit_flush (), always empty between
   * transactions. */
  "CREATE TABLE audit_stash ("
  "  id INTEGER PRIMARY KEY,"
  "  actor TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  entity_id INTEGER NOT NULL,"
  "  entity_key TEXT NOT NULL DEFAULT '',"
  "  patient_id INTEGER,"
  "  op TEXT NOT NULL,"       /* insert, update, delete: the entity's own row; child: a list row */
  "  side TEXT NOT NULL,"     /* old, new */
  "  list TEXT,"              /* a list row: the list's name */
  "  position INTEGER,"
  "  data TEXT"               /* JSON object of fields, or the list item's text */
  ");"

  /* Patients: identity and the history columns. */
  PATIENT_TRIGGERS ("json_object")

  /* History answers and lists belong to the patient's entry.  Rows going
   * with a deleted patient (the parent is already gone) are not copied. */
  CONDITION_TRIGGERS ("json_object")

  "CREATE TRIGGER audit_patient_items_insert AFTER INSERT ON patient_list_items BEGIN "
  STASH "(meso_actor (), 'patient', NEW.patient_id, '', NEW.patient_id, 'child', 'new',"
  " NEW.list, NEW.position, NEW.text); END;"
  "CREATE TRIGGER audit_patient_items_update AFTER UPDATE ON patient_list_items BEGIN "
  STASH "(meso_actor (), 'patient', OLD.patient_id, '', OLD.patient_id, 'child', 'old',"
  " OLD.list, OLD.position, OLD.text),"
  " (meso_actor (), 'patient', NEW.patient_id, '', NEW.patient_id, 'child', 'new',"
  " NEW.list, NEW.position, NEW.text); END;"
  "CREATE TRIGGER audit_patient_items_delete AFTER DELETE ON patient_list_items"
  " WHEN EXISTS (SELECT 1 FROM patients WHERE id = OLD.patient_id) BEGIN "
  STASH "(meso_actor (), 'patient', OLD.patient_id, '', OLD.patient_id, 'child', 'old',"
  " OLD.list, OLD.position, OLD.text); END;"

  /* Sessions and their lists (ingredients, acknowledged findings).  A
   * session deleted with its patient keeps no values either. */
  SESSION_TRIGGERS ("json_object")

  "CREATE TRIGGER audit_session_items_insert AFTER INSERT ON session_list_items BEGIN "
  STASH "(meso_actor (), 'session', NEW.session_id, '', " SESSION_PATIENT ("NEW") ","
  " 'child', 'new', NEW.list, NEW.position, NEW.text); END;"
  "CREATE TRIGGER audit_session_items_update AFTER UPDATE ON session_list_items BEGIN "
  STASH "(meso_actor (), 'session', OLD.session_id, '', " SESSION_PATIENT ("OLD") ","
  " 'child', 'old', OLD.list, OLD.position, OLD.text),"
  " (meso_actor (), 'session', NEW.session_id, '', " SESSION_PATIENT ("NEW") ","
  " 'child', 'new', NEW.list, NEW.position, NEW.text); END;"
  "CREATE TRIGGER audit_session_items_delete AFTER DELETE ON session_list_items"
  " WHEN EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id) BEGIN "
  STASH "(meso_actor (), 'session', OLD.session_id, '', " SESSION_PATIENT ("OLD") ","
  " 'child', 'old', OLD.list, OLD.position, OLD.text); END;"

  /* Follow-ups and the clinician's reviews of flags. */
  FOLLOWUP_TRIGGERS ("json_object")

  REVIEW_TRIGGERS ("json_object")

  /* A session marked done is part of the record: corrections are
   * amendments (meso_store_amend_session ()).  AFTER, so that a value a
   * CHECK constraint refuses is still reported as that field. */
  "CREATE TRIGGER sessions_done_is_final AFTER UPDATE ON sessions"
  " WHEN OLD.status = 'done' AND (" SESSION_CHANGED ") BEGIN"
  " SELECT RAISE (ABORT, 'a session marked done cannot be changed; record an amendment"
  " with a reason instead'); END;"
  "CREATE TRIGGER session_items_done_is_final BEFORE DELETE ON session_list_items"
  " WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'done' BEGIN"
  " SELECT RAISE (ABORT, 'a session marked done cannot be changed; record an amendment"
  " with a reason instead'); END;"
  "CREATE TRIGGER session_items_done_is_final_update BEFORE UPDATE ON session_list_items"
  " WHEN (SELECT status FROM sessions WHERE id = OLD.session_id) = 'done' BEGIN"
  " SELECT RAISE (ABORT, 'a session marked done cannot be changed; record an amendment"
  " with a reason instead'); END;"

  /* Amendments: the corrected session as JSON, what changed, and why. */
  "CREATE TABLE session_amendments ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  reason TEXT NOT NULL"
  "    CONSTRAINT \"reason\" CHECK (length (trim (reason)) > 0 AND length (reason) <= 2000),"
  "  session TEXT NOT NULL CONSTRAINT \"session\" CHECK (json_valid (session)),"
  "  changes TEXT NOT NULL CONSTRAINT \"changes\" CHECK (json_valid (changes))"
  ");"
  "CREATE INDEX session_amendments_by_session ON session_amendments (session_id, id);"
  "CREATE TRIGGER session_amendments_append_only BEFORE UPDATE ON session_amendments"
  " BEGIN SELECT RAISE (ABORT, 'amendments cannot be changed; record another one'); END;"
  "CREATE TRIGGER session_amendments_no_delete BEFORE DELETE ON session_amendments"
  " WHEN EXISTS (SELECT 1 FROM sessions WHERE id = OLD.session_id) BEGIN"
  " SELECT RAISE (ABORT, 'amendments cannot be changed; record another one'); END;";

/* Schema 5: the same triggers, writing their images with
 * meso_audit_image () (meso-audit-flush.c) instead of json_object ().  An
 * image is then one "name<TAB>value<LF>" line per field, the value already
 * written as the trail writes JSON, so the flush splits lines and compares
 * text instead of parsing a JSON object per row (parsing them made the
 * flush half of the demo's time).  Only the triggers that write images change
 * (audit_patients_delete comes back as it was); the flush still reads the
 * JSON images schema 4 wrote. */
const char meso_audit_schema_v5_sql[] =
  "DROP TRIGGER audit_patients_insert;"
  "DROP TRIGGER audit_patients_update;"
  "DROP TRIGGER audit_patients_delete;"
  "DROP TRIGGER audit_conditions_insert;"
  "DROP TRIGGER audit_conditions_update;"
  "DROP TRIGGER audit_conditions_delete;"
  "DROP TRIGGER audit_sessions_insert;"
  "DROP TRIGGER audit_sessions_update;"
  "DROP TRIGGER audit_sessions_delete;"
  "DROP TRIGGER audit_followups_insert;"
  "DROP TRIGGER audit_followups_update;"
  "DROP TRIGGER audit_followups_delete;"
  "DROP TRIGGER audit_reviews_insert;"
  "DROP TRIGGER audit_reviews_update;"
  "DROP TRIGGER audit_reviews_delete;"
  PATIENT_TRIGGERS ("meso_audit_image")
  CONDITION_TRIGGERS ("meso_audit_image")
  SESSION_TRIGGERS ("meso_audit_image")
  FOLLOWUP_TRIGGERS ("meso_audit_image")
  REVIEW_TRIGGERS ("meso_audit_image");

/* Schema 6: where the chain ends, kept outside the chain.  Removing the
 * newest entries leaves a chain that verifies on its own, so the flush
 * writes the newest entry's seq and hash here in the transaction that
 * appends it, and verifying checks that the chain reaches it.  The row is
 * filled in by meso_audit_migrate_head () from the entries already there.
 * The triggers keep Mesochart's own writes honest and stop a casual edit:
 * the row cannot go, cannot be doubled (an INSERT OR REPLACE would delete
 * it without firing a DELETE trigger) and only moves forward to the
 * newest entry, as it is. */
const char meso_audit_schema_v6_sql[] =
  "CREATE TABLE audit_head ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  seq INTEGER NOT NULL,"
  "  hash TEXT NOT NULL"
  ");"
  "CREATE TRIGGER audit_head_single BEFORE INSERT ON audit_head"
  " WHEN EXISTS (SELECT 1 FROM audit_head)"
  " BEGIN SELECT RAISE (ABORT, 'the end of the audit trail is recorded once'); END;"
  "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head"
  " BEGIN SELECT RAISE (ABORT, 'the end of the audit trail cannot be removed'); END;"
  "CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head"
  " WHEN NEW.id IS NOT OLD.id OR NEW.seq < OLD.seq"
  "   OR NOT EXISTS (SELECT 1 FROM audit WHERE seq = NEW.seq AND hash IS NEW.hash)"
  "   OR EXISTS (SELECT 1 FROM audit WHERE seq > NEW.seq)"
  " BEGIN SELECT RAISE (ABORT, 'the end of the audit trail only moves forward, to its"
  " newest entry'); END;";
