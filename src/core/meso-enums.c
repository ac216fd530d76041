/* meso-enums.c: codes and labels of the clinic vocabularies. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "meso-enums.h"

typedef struct
{
  const char *code;
  const char *label;
  /* The msgctxt of labels that several vocabularies share: "Other" is one
   * word in English but agrees with a different noun in Italian or Spanish. */
  const char *context;
} Term;

static const char *
term_label (const Term *term)
{
  if (term->context != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, term->context, term->label);
  return g_dgettext (GETTEXT_PACKAGE, term->label);
}

static gboolean
lookup_code (const Term *terms,
             guint       n_terms,
             const char *code,
             guint      *out)
{
  if (code == NULL)
    return FALSE;
  for (guint i = 0; i < n_terms; i++)
    if (g_str_equal (terms[i].code, code))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

#define MESO_DEFINE_VOCABULARY(Name, name, N)                                 \
  const char *                                                                \
  meso_##name##_to_code (Name value)                                          \
  {                                                                           \
    G_STATIC_ASSERT (G_N_ELEMENTS (name##_terms) == N);                       \
    g_return_val_if_fail ((guint) value < N, NULL);                           \
    return name##_terms[value].code;                                          \
  }                                                                           \
  const char *                                                                \
  meso_##name##_to_label (Name value)                                         \
  {                                                                           \
    g_return_val_if_fail ((guint) value < N, NULL);                           \
    return term_label (&name##_terms[value]);                                 \
  }                                                                           \
  gboolean                                                                    \
  meso_##name##_from_code (const char *code, Name *out)                       \
  {                                                                           \
    guint i;                                                                  \
    if (!lookup_code (name##_terms, N, code, &i))                             \
      return FALSE;                                                           \
    *out = (Name) i;                                                          \
    return TRUE;                                                              \
  }

static const Term condition_terms[] = {
  { "pregnancy", N_("Pregnancy") },
  { "breastfeeding", N_("Breastfeeding") },
  { "diabetes", N_("Diabetes") },
  { "autoimmune_disease", N_("Autoimmune disease") },
  { "urticaria", N_("Urticaria (hives)") },
  { "coagulation_disorder", N_("Blood coagulation disorder") },
  { "severe_chronic_illness", N_("Severe chronic illness") },
  { "paralysis_history", N_("History of paralysis") },
  { "cancer", N_("Cancer") },
  { "cardiac_disease", N_("Cardiac disease") },
};
MESO_DEFINE_VOCABULARY (MesoCondition, condition, MESO_N_CONDITIONS)

static const Term answer_terms[] = {
  { "not_asked", N_("Not asked") },
  { "unknown", N_("Unknown") },
  { "no", N_("No") },
  { "yes", N_("Yes") },
};
MESO_DEFINE_VOCABULARY (MesoAnswer, answer, MESO_N_ANSWERS)

static const Term list_state_terms[] = {
  { "not_asked", N_("Not asked") },
  { "none_known", N_("None known") },
  { "recorded", N_("Recorded") },
};
MESO_DEFINE_VOCABULARY (MesoListState, list_state, MESO_N_LIST_STATES)

static const Term sex_terms[] = {
  { "unspecified", N_("Unspecified") },
  { "female", N_("Female") },
  { "male", N_("Male") },
  { "other", NC_("sex", "Other"), "sex" },
};
MESO_DEFINE_VOCABULARY (MesoSex, sex, MESO_N_SEXES)

static const Term session_status_terms[] = {
  { "booked", N_("Booked") },
  { "done", N_("Done") },
  { "cancelled", N_("Cancelled") },
};
MESO_DEFINE_VOCABULARY (MesoSessionStatus, session_status, MESO_N_SESSION_STATUSES)

static const Term indication_terms[] = {
  { "rejuvenation", N_("Skin rejuvenation") },
  { "cellulite", N_("Cellulite") },
  { "fat_reduction", N_("Localized fat reduction") },
  { "hair_loss", N_("Hair loss") },
  { "other", NC_("indication", "Other"), "indication" },
};
MESO_DEFINE_VOCABULARY (MesoIndication, indication, MESO_N_INDICATIONS)

static const Term area_terms[] = {
  { "face", N_("Face") },
  { "neck", N_("Neck") },
  { "decollete", N_("Décolleté") },
  { "scalp", N_("Scalp") },
  { "abdomen", N_("Abdomen") },
  { "flanks", N_("Flanks") },
  { "thighs", N_("Thighs") },
  { "buttocks", N_("Buttocks") },
  { "arms", N_("Arms") },
  { "hands", N_("Hands") },
  { "other", NC_("body area", "Other"), "body area" },
};
MESO_DEFINE_VOCABULARY (MesoArea, area, MESO_N_AREAS)

static const Term consistency_terms[] = {
  { "thin", N_("Thin") },
  { "medium", N_("Medium") },
  { "thick", N_("Thick") },
};
MESO_DEFINE_VOCABULARY (MesoConsistency, consistency, MESO_N_CONSISTENCIES)

static const Term technique_terms[] = {
  { "nappage", N_("Nappage") },
  { "papule", N_("Papule") },
  { "point_by_point", N_("Point by point") },
  { "linear_retrograde", N_("Linear retrograde") },
  { "other", NC_("injection technique", "Other"), "injection technique" },
};
MESO_DEFINE_VOCABULARY (MesoTechnique, technique, MESO_N_TECHNIQUES)

static const Term massage_terms[] = {
  { "recommended", N_("Massage recommended (15-20 min daily)") },
  { "gentle", N_("Gentle massage only") },
  { "avoid", N_("Avoid touching or massaging") },
};
MESO_DEFINE_VOCABULARY (MesoMassage, massage, MESO_N_MASSAGES)

static const Term verdict_terms[] = {
  { "clear", N_("Clear") },
  { "caution", N_("Caution") },
  { "contraindicated", N_("Contraindicated") },
};
MESO_DEFINE_VOCABULARY (MesoVerdict, verdict, MESO_N_VERDICTS)

static const Term severity_terms[] = {
  { "info", N_("Information") },
  { "caution", N_("Caution") },
  { "contraindicated", N_("Contraindicated") },
};
MESO_DEFINE_VOCABULARY (MesoSeverity, severity, MESO_N_SEVERITIES)

gboolean
meso_area_is_facial (MesoArea area)
{
  return area == MESO_AREA_FACE || area == MESO_AREA_NECK;
}
