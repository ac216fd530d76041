/* meso-export.h: the whole clinic record (or one patient's) as a JSON file.
 *
 *   {"format": "mesochart-export", "version": 1,
 *    "settings": {...}, "patients": [{..., "history": {...},
 *                                     "sessions": [...]}, ...]}
 *
 * The export holds nothing that varies between runs (no timestamps), and
 * patients are in id order with their sessions in date order, so that
 * export → import into an empty database → export is byte-identical.
 * Schema: data/schemas/mesochart-export.schema.json.
 *
 * Import is all-or-nothing: the whole file is parsed and validated first,
 * then written in one transaction; any error rolls everything back, and
 * its message starts with the JSON path of the bad value
 * ("patients[3].sessions[1].needle.gauge: 0 G is outside 18-34 G") or, for
 * a syntax error, with FILE:LINE:COLUMN.
 *
 * Into an empty database the file's ids (patients and sessions) and its
 * clinic settings are kept.  Adding to a database that already holds
 * patients (a clinic merging files) must be asked for with
 * MESO_IMPORT_MERGE: every record then gets a new id, the sessions follow
 * their patient, the clinic settings already in the database are kept, and
 * patients with the same name and date of birth as one already stored are
 * reported as possible duplicates (they are still added: two people can
 * share both).
 */
#pragma once

#include "meso-json.h"
#include "meso-store.h"

G_BEGIN_DECLS

#define MESO_EXPORT_FORMAT  "mesochart-export"
#define MESO_EXPORT_VERSION 1

#define MESO_IMPORT_ERROR (meso_import_error_quark ())

typedef enum
{
  MESO_IMPORT_ERROR_NOT_EMPTY,     /* database holds patients and MERGE not given */
  MESO_IMPORT_ERROR_FORMAT,        /* not a Mesochart export, or a newer version */
} MesoImportError;

GQuark meso_import_error_quark (void);

typedef enum
{
  MESO_IMPORT_FLAGS_NONE = 0,
  MESO_IMPORT_MERGE      = 1 << 0,
} MesoImportFlags;

typedef struct
{
  guint      n_patients;
  guint      n_sessions;
  gboolean   ids_kept;             /* FALSE when merged with new ids */
  gboolean   settings_applied;     /* the file's clinic settings were stored */
  GPtrArray *possible_duplicates;  /* char*: one sentence per suspected duplicate */
} MesoImportReport;

void              meso_import_report_free (MesoImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoImportReport, meso_import_report_free)

/* Appends the export of every patient (@patient_id 0) or of one patient to
 * @out.  Patients are rendered one at a time, so memory stays bounded by
 * the output text, not by a JSON tree of the whole clinic. */
gboolean          meso_export_append      (MesoStore        *store,
                                           gint64            patient_id,
                                           GString          *out,
                                           GError          **error);
/* The same, as a snapshot: inside one transaction, so other writers wait
 * (up to the store's busy timeout) while it runs. */
char             *meso_export_to_data     (MesoStore        *store,
                                           gint64            patient_id,
                                           gsize            *length,
                                           GError          **error);

/* @name names the input in syntax errors (a file name, or NULL). */
MesoImportReport *meso_import_from_data   (MesoStore        *store,
                                           const char       *data,
                                           gssize            length,
                                           const char       *name,
                                           MesoImportFlags   flags,
                                           GError          **error);

G_END_DECLS
