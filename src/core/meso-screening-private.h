/* meso-screening-private.h: how the rule table is evaluated.
 *
 * The public table (MesoScreeningRule) says what each rule is and where it
 * comes from; this parallel table says how meso_screen() tests it.  Both live
 * in meso-screening-rules.c so that a rule is added in one place.
 */
#pragma once

#include "meso-screening.h"

G_BEGIN_DECLS

typedef enum
{
  MESO_RULE_CONDITION,            /* a condition answered yes */
  MESO_RULE_CARDIAC_MEDICATED,    /* cardiac disease and any medication */
  MESO_RULE_CARDIAC,              /* cardiac disease, no medication recorded */
  MESO_RULE_UNDER_AGE,            /* younger than the clinic's legal age */
  MESO_RULE_INGREDIENT_ALLERGY,   /* an allergy names a planned ingredient */
  MESO_RULE_ALLERGY_HISTORY,      /* any other recorded allergy */
  MESO_RULE_ANTICOAGULANT,        /* medication matches the anticoagulant terms */
  MESO_RULE_ANTI_INFLAMMATORY,    /* medication matches the NSAID terms */
  MESO_RULE_BRUISING,
  MESO_RULE_SENSITIVE_SKIN,
  MESO_RULE_PIGMENTATION,         /* Fitzpatrick IV-VI */
  MESO_RULE_HISTORY_INCOMPLETE,
} MesoRuleKind;

typedef struct
{
  MesoRuleKind  kind;
  MesoCondition condition;        /* MESO_RULE_CONDITION and the cardiac rules */
} MesoRuleTest;

/* Same length and order as meso_screening_rules(). */
const MesoRuleTest *meso_screening_rule_tests (guint *n_tests);

/* Generic drug names (lower case, words separated by one space), matched as
 * whole words inside free-text medication entries. */
extern const char * const meso_anticoagulant_terms[];
extern const char * const meso_anti_inflammatory_terms[];

G_END_DECLS
