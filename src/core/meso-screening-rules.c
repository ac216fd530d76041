/* meso-screening-rules.c: the screening rules, as data.
 *
 * One row per rule: its finding code, the severity it produces, the seed
 * documents it comes from (../shared/seeds/) and a one-line summary.  The
 * order of the rows is the order of findings of equal severity.  A rule with
 * two outcomes (cardiac disease with or without medication) has two rows with
 * the same code; at most one of them fires.
 */
#include "config.h"

#include "meso-screening-private.h"

#define SRC_000 "000_3dff7d7878ea26d5.txt"
#define SRC_001 "001_e1b791a31c2e5ae2.txt"
#define SRC_002 "002_7fe084740d77b0f1.txt"
#define SRC_003 "003_2060e19cd3227af0.txt"
#define SRC_004 "004_7f3870fa434bdef8.txt"
#define AND     MESO_SOURCE_SEPARATOR

#define CONTRA  MESO_SEVERITY_CONTRAINDICATED
#define CAUTION MESO_SEVERITY_CAUTION

static const MesoScreeningRule rules[] = {
  /* 004: "The following patients should avoid Mesotherapy treatment". */
  { "pregnancy", CONTRA, SRC_004, "pregnancy answered yes" },
  { "breastfeeding", CONTRA, SRC_004, "breastfeeding answered yes" },
  { "diabetes", CONTRA, SRC_004, "diabetes answered yes" },
  { "autoimmune_disease", CONTRA, SRC_004, "autoimmune disease answered yes" },
  { "urticaria", CONTRA, SRC_004, "urticaria answered yes" },
  { "coagulation_disorder", CONTRA, SRC_004, "blood coagulation disorder answered yes" },
  { "severe_chronic_illness", CONTRA, SRC_004, "severe chronic illness answered yes" },
  { "paralysis_history", CONTRA, SRC_004, "history of paralysis answered yes" },
  { "cancer", CONTRA, SRC_004, "cancer answered yes" },
  /* 004 names "cardiac disease who are on various medications"; without
   * medication the condition still deserves the practitioner's attention. */
  { "cardiac_disease", CONTRA, SRC_004, "cardiac disease answered yes and any medication recorded" },
  { "cardiac_disease", CAUTION, SRC_004, "cardiac disease answered yes, no medication recorded" },
  /* 004: "individuals of legal age"; the age itself is the clinic's. */
  { "under_age", CONTRA, SRC_004 AND MESO_SOURCE_CLINIC_SETTING, "younger than the clinic's legal age (default 18) on the planned date" },
  /* 004: "allergies to any substance used for the procedure". */
  { "ingredient_allergy", CONTRA, SRC_004, "a recorded allergy matches an ingredient of the planned solution" },
  /* 000, 001, 003: a history of allergies must be disclosed. */
  { "allergy_history", CAUTION, SRC_000 AND SRC_001 AND SRC_003, "any other recorded allergy" },
  /* 001: "avoiding blood-thinning medications, such as aspirin". */
  { "anticoagulant", CAUTION, SRC_001, "blood-thinning medication (anticoagulant or antiplatelet) recorded" },
  /* 002: "refrain from taking anti-inflammatory medications". */
  { "anti_inflammatory", CAUTION, SRC_002, "anti-inflammatory medication (NSAID) recorded" },
  /* 001: bruising "more common in individuals who are prone to bruising";
   * 003: "a history of easy bruising". */
  { "bruising_risk", CAUTION, SRC_001 AND SRC_003, "bruises easily" },
  { "sensitive_skin", CAUTION, SRC_001 AND SRC_003, "sensitive skin" },
  /* 003: "especially those with darker skin tones". */
  { "pigmentation_risk", CAUTION, SRC_003, "Fitzpatrick skin type IV to VI" },
  /* 004: "eligibility will depend on an individual's medical history". */
  { "history_incomplete", CAUTION, SRC_004, "a condition not asked or unknown, medications or allergies not asked, or no date of birth" },
};

static const MesoRuleTest tests[] = {
  { MESO_RULE_CONDITION, MESO_CONDITION_PREGNANCY },
  { MESO_RULE_CONDITION, MESO_CONDITION_BREASTFEEDING },
  { MESO_RULE_CONDITION, MESO_CONDITION_DIABETES },
  { MESO_RULE_CONDITION, MESO_CONDITION_AUTOIMMUNE_DISEASE },
  { MESO_RULE_CONDITION, MESO_CONDITION_URTICARIA },
  { MESO_RULE_CONDITION, MESO_CONDITION_COAGULATION_DISORDER },
  { MESO_RULE_CONDITION, MESO_CONDITION_SEVERE_CHRONIC_ILLNESS },
  { MESO_RULE_CONDITION, MESO_CONDITION_PARALYSIS_HISTORY },
  { MESO_RULE_CONDITION, MESO_CONDITION_CANCER },
  { MESO_RULE_CARDIAC_MEDICATED, MESO_CONDITION_CARDIAC_DISEASE },
  { MESO_RULE_CARDIAC, MESO_CONDITION_CARDIAC_DISEASE },
  { MESO_RULE_UNDER_AGE, 0 },
  { MESO_RULE_INGREDIENT_ALLERGY, 0 },
  { MESO_RULE_ALLERGY_HISTORY, 0 },
  { MESO_RULE_ANTICOAGULANT, 0 },
  { MESO_RULE_ANTI_INFLAMMATORY, 0 },
  { MESO_RULE_BRUISING, 0 },
  { MESO_RULE_SENSITIVE_SKIN, 0 },
  { MESO_RULE_PIGMENTATION, 0 },
  { MESO_RULE_HISTORY_INCOMPLETE, 0 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (rules) == G_N_ELEMENTS (tests));

/* Blood thinners (001 names aspirin; the rest are the anticoagulants and
 * antiplatelet drugs in common use).  Aspirin is listed here only, not among
 * the anti-inflammatories: at the doses patients report it is taken as an
 * antiplatelet, and the advice for it (avoid before treatment, 001) is the
 * same as 002's, so a second finding would ask for a second acknowledgement
 * without asking for anything different. */
const char * const meso_anticoagulant_terms[] = {
  "aspirin", "acetylsalicylic acid", "acetylsalicylic",
  "warfarin", "acenocoumarol", "phenprocoumon",
  "heparin", "enoxaparin", "dalteparin", "tinzaparin", "fondaparinux",
  "apixaban", "rivaroxaban", "edoxaban", "dabigatran",
  "clopidogrel", "prasugrel", "ticagrelor", "dipyridamole", "cilostazol",
  "ticlopidine",
  NULL
};

/* Non-steroidal anti-inflammatory drugs (002). */
const char * const meso_anti_inflammatory_terms[] = {
  "ibuprofen", "naproxen", "diclofenac", "ketoprofen",
  "indometacin", "indomethacin", "meloxicam", "piroxicam", "celecoxib",
  "etoricoxib", "nimesulide", "aceclofenac", "flurbiprofen",
  "dexketoprofen", "mefenamic acid", "mefenamic", "ketorolac",
  NULL
};

const MesoScreeningRule *
meso_screening_rules (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

const MesoRuleTest *
meso_screening_rule_tests (guint *n_tests)
{
  if (n_tests != NULL)
    *n_tests = G_N_ELEMENTS (tests);
  return tests;
}
