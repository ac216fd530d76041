/* meso-screening.h: contraindication screening.
 *
 * Pure functions, no I/O: from a patient's history and the planned session
 * they return a verdict and the findings behind it.  The rules are data in
 * one table (meso-screening-rules.c), each naming the seed document it comes
 * from or marked as a clinic setting.
 */
#pragma once

#include <glib-object.h>

#include "meso-record.h"
#include "meso-settings.h"

G_BEGIN_DECLS

/* Source of a rule that is the clinic's own choice, not a document. */
#define MESO_SOURCE_CLINIC_SETTING "clinic setting"
/* A rule drawn from several documents (or from a document and a clinic
 * setting, like the legal age) lists them all, separated by this. */
#define MESO_SOURCE_SEPARATOR "; "

typedef struct
{
  char         *code;      /* "pregnancy", "under_age", "anticoagulant" ... */
  MesoSeverity  severity;
  char         *message;   /* a sentence for the practitioner (translated) */
  const char   *source;    /* seed file name, e.g. "004_7f3870fa434bdef8.txt", or MESO_SOURCE_CLINIC_SETTING */
} MesoFinding;

typedef struct
{
  MesoVerdict  verdict;
  GPtrArray   *findings;   /* MesoFinding*, strongest first, then table order */
} MesoScreening;

typedef struct
{
  GDate            date;          /* planned date; must be valid */
  MesoArea         area;
  const GPtrArray *ingredients;   /* char*, may be NULL */
} MesoPlan;

GType          meso_screening_get_type    (void) G_GNUC_CONST;
void           meso_finding_free          (MesoFinding *finding);
MesoScreening *meso_screening_copy        (const MesoScreening *self);
void           meso_screening_free        (MesoScreening *self);

/* Never fails: a missing date of birth is itself a finding
 * (history_incomplete).  @settings may be NULL for the defaults. */
MesoScreening *meso_screen                (const GDate        *date_of_birth,
                                           const MesoHistory  *history,
                                           const MesoPlan     *plan,
                                           const MesoSettings *settings);

/* The finding with @code, or NULL. */
const MesoFinding *meso_screening_find    (const MesoScreening *self,
                                           const char          *code);

/* TRUE when every caution finding's code is in @acknowledged. */
gboolean       meso_screening_all_acknowledged (const MesoScreening *self,
                                                const GPtrArray     *acknowledged);

/* The rule table, for documentation and tests. */
typedef struct
{
  const char   *code;
  MesoSeverity  severity;
  const char   *source;
  const char   *summary;   /* untranslated one-line description */
} MesoScreeningRule;

const MesoScreeningRule *meso_screening_rules (guint *n_rules);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoScreening, meso_screening_free)

G_END_DECLS
