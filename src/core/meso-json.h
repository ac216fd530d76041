/* meso-json.h: clinic records to and from JSON.
 *
 * One JSON shape per record, shared by export/import, `patient show --json`,
 * `patient add --from-json` and the aftercare command (issue 4):
 *
 *   session: {"id", "patient_id", "date", "time", "status", "indication",
 *             "area", "solution": {"name", "consistency", "ingredients",
 *             "volume_ml", "batch", "batch_expiry"}, "needle": {"gauge",
 *             "length_mm"}, "depth_mm", "angle_deg", "technique",
 *             "massage_advice", "practitioner", "notes", "override_reason",
 *             "acknowledged"}
 *   patient: {"id", "name", "date_of_birth", "sex", "phone", "email",
 *             "address", "language", "notes", "history": {...},
 *             "sessions": [...]}
 *
 * Reading is strict: unknown keys and wrong types are errors, and every
 * error message starts with the JSON path of the offending value
 * ("patients[3].sessions[1].needle.gauge: 0 G is outside 18-34 G"), so a
 * person can find it in a file of thousands of records.  The schema of
 * the export format is data/schemas/mesochart-export.schema.json.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "meso-record.h"
#include "meso-settings.h"

G_BEGIN_DECLS

#define MESO_JSON_ERROR (meso_json_error_quark ())

typedef enum
{
  MESO_JSON_ERROR_SYNTAX,       /* not JSON; the message has line:column */
  MESO_JSON_ERROR_TYPE,         /* a value of the wrong JSON type */
  MESO_JSON_ERROR_UNKNOWN_KEY,  /* a key this format does not have */
  MESO_JSON_ERROR_MISSING,      /* a required key is absent */
  MESO_JSON_ERROR_INVALID,      /* a value out of range or inconsistent */
} MesoJsonError;

GQuark        meso_json_error_quark       (void);

/* Writing.  Optional text that is NULL or empty is written as null, so a
 * record always has one rendering. */
JsonNode     *meso_session_to_json        (const MesoSession  *session);
/* @sessions (MesoSession*, may be NULL) becomes the "sessions" member;
 * NULL leaves the member out. */
JsonNode     *meso_patient_to_json        (const MesoPatient  *patient,
                                           const GPtrArray    *sessions);
JsonNode     *meso_history_to_json        (const MesoHistory  *history);
JsonNode     *meso_settings_to_json       (const MesoSettings *settings);

/* Pretty JSON (two-space indent) with a final newline. */
char         *meso_json_to_string         (JsonNode           *node,
                                           gsize              *length);

/* Reading.  @path is the JSON path of @node in its document ("" for the
 * root); it prefixes every error message.  Values are also checked with
 * the record validators, whose field names become part of the path. */
MesoSession  *meso_session_from_json      (JsonNode           *node,
                                           const char         *path,
                                           GError            **error);
/* @sessions_out (optional) receives the "sessions" member as MesoSession*
 * (an empty array when absent); when it is NULL a "sessions" member is an
 * error.  Each session's patient_id must be null or the patient's id. */
MesoPatient  *meso_patient_from_json      (JsonNode           *node,
                                           const char         *path,
                                           GPtrArray         **sessions_out,
                                           GError            **error);
MesoSettings *meso_settings_from_json     (JsonNode           *node,
                                           const char         *path,
                                           GError            **error);

/* Parses @data (@length bytes, or -1 for NUL-terminated): the one parse
 * of every JSON input, guarded against what json-glib gets wrong.  @name
 * names the input in syntax errors ("clinic.json:12:5: ..."); NULL for
 * "<input>".  MESO_JSON_ERROR_SYNTAX also covers bad UTF-8, nesting deeper
 * than 64 levels, text after the document and an empty input.  A string
 * with an escaped NUL (json-glib would cut it there) or a number beyond
 * 64 bits or a double's range (json-glib would misread it) is
 * MESO_JSON_ERROR_INVALID, with the value's path first:
 * "patients[3].name: contains a NUL character (line 4, column 17)". */
JsonNode     *meso_json_parse             (const char         *data,
                                           gssize              length,
                                           const char         *name,
                                           GError            **error);

/* "HH:MM" <-> minutes after midnight; parse returns FALSE for anything
 * else (strict two-digit fields). */
gboolean      meso_time_parse             (const char         *text,
                                           gint               *minutes);
char         *meso_time_format            (gint                minutes);

G_END_DECLS
