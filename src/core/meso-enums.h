/* meso-enums.h: the controlled vocabularies of the clinic record.
 *
 * Each enum has a stable machine code (used in the database, JSON and the
 * CLI) and a translatable label for people.  Codes never change once
 * released: they are stored on disk.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Screening conditions of the domain brief (../shared/domain.md, 004). */
typedef enum
{
  MESO_CONDITION_PREGNANCY,
  MESO_CONDITION_BREASTFEEDING,
  MESO_CONDITION_DIABETES,
  MESO_CONDITION_AUTOIMMUNE_DISEASE,
  MESO_CONDITION_URTICARIA,
  MESO_CONDITION_COAGULATION_DISORDER,
  MESO_CONDITION_SEVERE_CHRONIC_ILLNESS,
  MESO_CONDITION_PARALYSIS_HISTORY,
  MESO_CONDITION_CANCER,
  MESO_CONDITION_CARDIAC_DISEASE,
  MESO_N_CONDITIONS
} MesoCondition;

typedef enum
{
  MESO_ANSWER_NOT_ASKED,
  MESO_ANSWER_UNKNOWN,
  MESO_ANSWER_NO,
  MESO_ANSWER_YES,
  MESO_N_ANSWERS
} MesoAnswer;

/* Medications and allergies: "none known" is an answer, "not asked" is not. */
typedef enum
{
  MESO_LIST_NOT_ASKED,
  MESO_LIST_NONE_KNOWN,
  MESO_LIST_RECORDED,
  MESO_N_LIST_STATES
} MesoListState;

typedef enum
{
  MESO_SEX_UNSPECIFIED,
  MESO_SEX_FEMALE,
  MESO_SEX_MALE,
  MESO_SEX_OTHER,
  MESO_N_SEXES
} MesoSex;

typedef enum
{
  MESO_SESSION_BOOKED,
  MESO_SESSION_DONE,
  MESO_SESSION_CANCELLED,
  MESO_N_SESSION_STATUSES
} MesoSessionStatus;

typedef enum
{
  MESO_INDICATION_REJUVENATION,
  MESO_INDICATION_CELLULITE,
  MESO_INDICATION_FAT_REDUCTION,
  MESO_INDICATION_HAIR_LOSS,
  MESO_INDICATION_OTHER,
  MESO_N_INDICATIONS
} MesoIndication;

typedef enum
{
  MESO_AREA_FACE,
  MESO_AREA_NECK,
  MESO_AREA_DECOLLETE,
  MESO_AREA_SCALP,
  MESO_AREA_ABDOMEN,
  MESO_AREA_FLANKS,
  MESO_AREA_THIGHS,
  MESO_AREA_BUTTOCKS,
  MESO_AREA_ARMS,
  MESO_AREA_HANDS,
  MESO_AREA_OTHER,
  MESO_N_AREAS
} MesoArea;

typedef enum
{
  MESO_CONSISTENCY_THIN,
  MESO_CONSISTENCY_MEDIUM,
  MESO_CONSISTENCY_THICK,
  MESO_N_CONSISTENCIES
} MesoConsistency;

typedef enum
{
  MESO_TECHNIQUE_NAPPAGE,
  MESO_TECHNIQUE_PAPULE,
  MESO_TECHNIQUE_POINT_BY_POINT,
  MESO_TECHNIQUE_LINEAR_RETROGRADE,
  MESO_TECHNIQUE_OTHER,
  MESO_N_TECHNIQUES
} MesoTechnique;

/* The documents disagree on massage (002 / 000 / 004): the choice is made
 * per session and printed on the handout. */
typedef enum
{
  MESO_MASSAGE_RECOMMENDED,
  MESO_MASSAGE_GENTLE,
  MESO_MASSAGE_AVOID,
  MESO_N_MASSAGES
} MesoMassage;

typedef enum
{
  MESO_VERDICT_CLEAR,
  MESO_VERDICT_CAUTION,
  MESO_VERDICT_CONTRAINDICATED,
  MESO_N_VERDICTS
} MesoVerdict;

/* Severity of one screening finding; ordered like MesoVerdict. */
typedef enum
{
  MESO_SEVERITY_INFO,
  MESO_SEVERITY_CAUTION,
  MESO_SEVERITY_CONTRAINDICATED,
  MESO_N_SEVERITIES
} MesoSeverity;

/* Each vocabulary: code <-> value, and a translated label.
 * from_code returns FALSE for an unknown code and leaves *out untouched. */
#define MESO_DECLARE_VOCABULARY(Name, name)                                   \
  const char *meso_##name##_to_code  (Name value);                            \
  const char *meso_##name##_to_label (Name value);                            \
  gboolean    meso_##name##_from_code (const char *code, Name *out);

MESO_DECLARE_VOCABULARY (MesoCondition, condition)
MESO_DECLARE_VOCABULARY (MesoAnswer, answer)
MESO_DECLARE_VOCABULARY (MesoListState, list_state)
MESO_DECLARE_VOCABULARY (MesoSex, sex)
MESO_DECLARE_VOCABULARY (MesoSessionStatus, session_status)
MESO_DECLARE_VOCABULARY (MesoIndication, indication)
MESO_DECLARE_VOCABULARY (MesoArea, area)
MESO_DECLARE_VOCABULARY (MesoConsistency, consistency)
MESO_DECLARE_VOCABULARY (MesoTechnique, technique)
MESO_DECLARE_VOCABULARY (MesoMassage, massage)
MESO_DECLARE_VOCABULARY (MesoVerdict, verdict)
MESO_DECLARE_VOCABULARY (MesoSeverity, severity)

/* Areas treated on the body rather than face and neck (000: loose clothing,
 * raise the area; longer lumps). */
gboolean meso_area_is_facial (MesoArea area);

G_END_DECLS
