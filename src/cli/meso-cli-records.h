/* meso-cli-records.h: option parsing and printing shared by the record
 * commands (patient, session, export/import, demo, settings).
 *
 * Every parser prints its own one-line error naming the option
 * ("--gauge: “abc” is not a number") and returns FALSE; the caller then
 * exits with MESO_CLI_EXIT_USAGE.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "meso-cli.h"
#include "meso-screening.h"

G_BEGIN_DECLS

/* A vocabulary as a list of codes: code_at(i) for i = 0, 1, … until NULL. */
typedef const char *(*MesoCliCodeAt) (guint i);

const char *meso_cli_area_code_at        (guint i);
const char *meso_cli_indication_code_at  (guint i);
const char *meso_cli_consistency_code_at (guint i);
const char *meso_cli_technique_code_at   (guint i);
const char *meso_cli_massage_code_at     (guint i);
const char *meso_cli_sex_code_at         (guint i);
const char *meso_cli_answer_code_at      (guint i);
const char *meso_cli_condition_code_at   (guint i);
const char *meso_cli_status_code_at      (guint i);
const char *meso_cli_paper_code_at       (guint i);
/* Finding codes of the screening rules, each once. */
const char *meso_cli_finding_code_at     (guint i);

/* "face, neck, decollete, …" */
char      *meso_cli_code_list     (MesoCliCodeAt code_at);

/* @unknown: the translated phrase "unknown area" (whole, so that the
 * adjective can agree with its noun), shown when @text is not a code. */
gboolean   meso_cli_opt_code      (const char    *option,
                                   const char    *unknown,
                                   const char    *text,
                                   MesoCliCodeAt  code_at,
                                   guint         *out);
gboolean   meso_cli_opt_date      (const char    *option,
                                   const char    *text,
                                   GDate         *out);
gboolean   meso_cli_opt_time      (const char    *option,
                                   const char    *text,
                                   gint          *minutes);
/* @unit (may be NULL) follows the numbers in the range message. */
gboolean   meso_cli_opt_uint      (const char    *option,
                                   const char    *text,
                                   guint          min,
                                   guint          max,
                                   const char    *unit,
                                   guint         *out);
gboolean   meso_cli_opt_double    (const char    *option,
                                   const char    *text,
                                   gdouble        min,
                                   gdouble        max,
                                   const char    *unit,
                                   gdouble       *out);
/* Non-blank text, at most @max_chars characters. */
gboolean   meso_cli_opt_text      (const char    *option,
                                   const char    *text,
                                   guint          max_chars);

/* A record validation error ("needle.gauge: …") reported against the
 * option that set the field; @map pairs field names with options, NULL
 * terminated.  Fields not in the map keep their name. */
typedef struct
{
  const char *field;
  const char *option;
} MesoCliFieldOption;

void       meso_cli_field_error   (const GError             *error,
                                   const MesoCliFieldOption *map);

/* Raw UTF-8 on standard output, whatever the locale (g_print would
 * convert it). */
void       meso_cli_out           (const char *format,
                                   ...) G_GNUC_PRINTF (1, 2);
gboolean   meso_cli_print_json    (JsonNode *node);
/* @text as one column of tab-separated output: tabs and line breaks,
 * which would break the columns, become spaces; NULL becomes "". */
char      *meso_cli_tsv_field     (const char *text);

void       meso_cli_print_screening (FILE                *out,
                                     const MesoScreening *screening);

G_END_DECLS
