/* meso-json-fields-private.h: typed readers of JSON object members, for
 * the record readers of meso-json-read.c.
 *
 * A reader takes the object, its JSON path (@path, "" for the root) and
 * the key.  It leaves @out alone when the member is absent (and, for
 * MESO_JSON_NULLABLE, clears it on an explicit null); on bad input it sets
 * a MESO_JSON_ERROR whose message starts with the path of the value
 * ("sessions[2].needle.gauge: …") and returns FALSE.
 */
#pragma once

#include "meso-json-private.h"

G_BEGIN_DECLS

/* One accessor per vocabulary with a common signature, so that reading
 * and error messages ("unknown area “knee” (face, neck, …)") are written
 * once: the code number @i, or NULL past the last one. */
typedef const char *(*MesoJsonCodeAt) (guint i);

typedef enum
{
  MESO_JSON_OPTIONAL = 0,        /* absent keeps the default */
  MESO_JSON_REQUIRED = 1 << 0,   /* absent is an error */
  MESO_JSON_NULLABLE = 1 << 1,   /* null is accepted and means "not recorded" */
} MesoJsonFlags;

/* The record validators name the field ("needle.gauge: …"); rewrite that
 * name into the JSON path of the value. */
typedef struct
{
  const char *field;
  const char *key;
} MesoJsonFieldMap;

/* "path.key", or "key" at the root; "path[index]". */
G_GNUC_INTERNAL
char       *meso_json_join_key       (const char *path,
                                      const char *key);
G_GNUC_INTERNAL
char       *meso_json_join_index     (const char *path,
                                      guint       index);

/* Sets "PATH: MESSAGE" (just MESSAGE at the root); returns FALSE. */
G_GNUC_INTERNAL
gboolean    meso_json_fail           (GError    **error,
                                      gint        code,
                                      const char *path,
                                      const char *format,
                                      ...) G_GNUC_PRINTF (4, 5);
/* "PATH: expected @expected, found a string" */
G_GNUC_INTERNAL
gboolean    meso_json_fail_type      (GError    **error,
                                      const char *path,
                                      const char *expected,
                                      JsonNode   *found);

G_GNUC_INTERNAL
JsonObject *meso_json_expect_object  (JsonNode    *node,
                                      const char  *path,
                                      GError     **error);
/* Refuses a key not in @known (NULL-terminated). */
G_GNUC_INTERNAL
gboolean    meso_json_check_keys     (JsonObject         *object,
                                      const char         *path,
                                      const char * const *known,
                                      GError            **error);
/* The member, or NULL when it is absent or null and @flags allow it;
 * @ok is FALSE when an error was set. */
G_GNUC_INTERNAL
JsonNode   *meso_json_get_member     (JsonObject     *object,
                                      const char     *path,
                                      const char     *key,
                                      MesoJsonFlags   flags,
                                      gboolean       *ok,
                                      GError        **error);

G_GNUC_INTERNAL
gboolean    meso_json_read_text      (JsonObject     *object,
                                      const char     *path,
                                      const char     *key,
                                      MesoJsonFlags   flags,
                                      char          **out,
                                      GError        **error);
/* "YYYY-MM-DD"; an explicit null clears @out. */
G_GNUC_INTERNAL
gboolean    meso_json_read_date      (JsonObject     *object,
                                      const char     *path,
                                      const char     *key,
                                      MesoJsonFlags   flags,
                                      GDate          *out,
                                      GError        **error);
/* A code of @code_at's vocabulary; @out receives its number. */
G_GNUC_INTERNAL
gboolean    meso_json_read_code      (JsonObject     *object,
                                      const char     *path,
                                      const char     *key,
                                      MesoJsonFlags   flags,
                                      MesoJsonCodeAt  code_at,
                                      guint          *out,
                                      GError        **error);
/* A whole number; the caller checks its range.  @present (optional) tells
 * whether a value was read (FALSE for absent or null). */
G_GNUC_INTERNAL
gboolean    meso_json_read_int       (JsonObject     *object,
                                      const char     *path,
                                      const char     *key,
                                      MesoJsonFlags   flags,
                                      gint64         *out,
                                      gboolean       *present,
                                      GError        **error);
G_GNUC_INTERNAL
gboolean    meso_json_read_double    (JsonObject     *object,
                                      const char     *path,
                                      const char     *key,
                                      MesoJsonFlags   flags,
                                      gdouble        *out,
                                      GError        **error);
G_GNUC_INTERNAL
gboolean    meso_json_read_bool      (JsonObject     *object,
                                      const char     *path,
                                      const char     *key,
                                      MesoJsonFlags   flags,
                                      gboolean       *out,
                                      GError        **error);
/* An array of strings, replacing *@out (a meso_strv_array_new()). */
G_GNUC_INTERNAL
gboolean    meso_json_read_strv      (JsonObject     *object,
                                      const char     *path,
                                      const char     *key,
                                      MesoJsonFlags   flags,
                                      GPtrArray     **out,
                                      GError        **error);
/* A database id (a positive whole number) or null. */
G_GNUC_INTERNAL
gboolean    meso_json_read_id        (JsonObject  *object,
                                      const char  *path,
                                      const char  *key,
                                      gint64      *out,
                                      GError     **error);

/* Re-raises a record validator's @src ("field: message") as a JSON error
 * at @path, the field renamed through @map (NULL-terminated, may be NULL). */
G_GNUC_INTERNAL
gboolean    meso_json_relocate_error (GError                 *src,
                                      const char             *path,
                                      const MesoJsonFieldMap *map,
                                      GError                **error);

G_END_DECLS
