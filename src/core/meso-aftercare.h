/* meso-aftercare.h: the aftercare sheet a patient takes home.
 *
 * The sheet is generated, not fixed text: rules in a table (each with a
 * code, a condition on the session, the text and the seed documents it
 * comes from) pick the instructions that apply to what was recorded in the
 * session.  The result is a structured MesoAftercareSheet, already in the
 * patient's language, that src/render lays out for paper and PDF.
 *
 * Area classes (the documents only speak of "face and neck" and "the
 * body"; the other areas are the clinic's reading, shown here so it can be
 * reviewed):
 *   FACIAL  face, neck (meso_area_is_facial): makeup, sleep on the back,
 *           clean hands, cleanser, exfoliants, retinol, moisturiser.
 *   SKIN    décolleté, hands: thin skin that gets creams and cosmetics, so
 *           the skin-product advice (cleanser, exfoliants, retinol,
 *           moisturiser, clean hands) but not makeup or sleeping position.
 *   BODY    abdomen, flanks, thighs, buttocks, arms: loose clothing and
 *           raising the area on pillows (000, "mesotherapy on the body").
 *   GENERAL scalp, other: the instructions for every sheet only.
 */
#pragma once

#include <glib-object.h>

#include "meso-record.h"
#include "meso-settings.h"

G_BEGIN_DECLS

/* Seed documents (../shared/seeds/), named in each rule. */
#define MESO_SEED_000 "000_3dff7d7878ea26d5.txt"
#define MESO_SEED_001 "001_e1b791a31c2e5ae2.txt"
#define MESO_SEED_002 "002_7fe084740d77b0f1.txt"
#define MESO_SEED_003 "003_2060e19cd3227af0.txt"
#define MESO_SEED_004 "004_7f3870fa434bdef8.txt"

typedef enum
{
  MESO_AFTERCARE_AREA_FACIAL,
  MESO_AFTERCARE_AREA_SKIN,
  MESO_AFTERCARE_AREA_BODY,
  MESO_AFTERCARE_AREA_GENERAL,
} MesoAftercareAreaClass;

MesoAftercareAreaClass meso_aftercare_area_class (MesoArea area);

/* Sections in the order they are printed.  The warning signs come right
 * after what is normal, so that they sit on the first page a patient
 * reads, next to what they are told not to worry about. */
typedef enum
{
  MESO_AFTERCARE_SECTION_NORMAL,    /* what is normal */
  MESO_AFTERCARE_SECTION_WARNING,   /* printed in a box */
  MESO_AFTERCARE_SECTION_CARE,      /* every sheet */
  MESO_AFTERCARE_SECTION_AREA,      /* heading depends on the area class */
  MESO_AFTERCARE_SECTION_MASSAGE,   /* the one advice chosen in the session */
  MESO_N_AFTERCARE_SECTIONS
} MesoAftercareSectionKind;

typedef enum
{
  MESO_AFTERCARE_WHEN_ALWAYS,
  MESO_AFTERCARE_WHEN_FACIAL,             /* face, neck */
  MESO_AFTERCARE_WHEN_SKIN_CARE,          /* face, neck, décolleté, hands */
  MESO_AFTERCARE_WHEN_BODY,               /* abdomen, flanks, thighs, buttocks, arms */
  MESO_AFTERCARE_WHEN_MASSAGE_RECOMMENDED,
  MESO_AFTERCARE_WHEN_MASSAGE_GENTLE,
  MESO_AFTERCARE_WHEN_MASSAGE_AVOID,
  MESO_AFTERCARE_WHEN_FAT_REDUCTION,
} MesoAftercareCondition;

typedef struct
{
  const char               *code;      /* stable: "no_makeup", "warn_allergy", ... */
  MesoAftercareSectionKind  section;
  MesoAftercareCondition    condition;
  const char               *text;      /* English msgid; may hold {min} {max} */
  gboolean                  urgent;    /* printed in bold */
  const char               *sources[4]; /* seed file names, NULL-terminated */
} MesoAftercareRule;

/* The rule table, for tests and documentation. */
const MesoAftercareRule *meso_aftercare_rules (guint *n_rules);
gboolean                 meso_aftercare_rule_applies (const MesoAftercareRule *rule,
                                                      const MesoSession       *session);

/* Expected lump duration in days (000): face and neck 3-5; thighs,
 * abdomen, flanks, buttocks 7-10; every other area 5-7.  000 only says
 * that thicker solutions last longer and thinner ones absorb faster; the
 * clinic's reading of that, fixed here:
 *   thick  upper bound + MESO_AFTERCARE_THICK_EXTRA_DAYS (3)
 *   thin   both bounds - MESO_AFTERCARE_THIN_FEWER_DAYS (1), never below
 *          MESO_AFTERCARE_MIN_LUMP_DAYS (2)
 *   medium as the area says.
 * The upper bound stays under the two weeks after which lumps are a
 * warning sign (000). */
#define MESO_AFTERCARE_THICK_EXTRA_DAYS 3
#define MESO_AFTERCARE_THIN_FEWER_DAYS  1
#define MESO_AFTERCARE_MIN_LUMP_DAYS    2
#define MESO_AFTERCARE_LUMP_WARNING_DAYS 14

void     meso_aftercare_lump_days    (MesoArea         area,
                                      MesoConsistency  consistency,
                                      guint           *min_days,
                                      guint           *max_days);

/* Next review: the follow-up rules' review date (meso_followup_review_date(),
 * session date + MESO_FOLLOWUP_REVIEW_DAYS = 14: past two weeks lumps are
 * no longer expected, 000), so the date printed for the patient is the day
 * the clinic's "no follow-up recorded" reminder falls due. */
void     meso_aftercare_review_date  (const MesoSession *session,
                                      GDate             *out);
/* Earliest next session: session date + settings->next_session_days
 * (MESO_DEFAULT_NEXT_SESSION_DAYS when @settings is NULL or says 0). */
void     meso_aftercare_next_session_date (const MesoSession  *session,
                                           const MesoSettings *settings,
                                           GDate              *out);

typedef struct
{
  const char         *code;     /* the rule's code */
  char               *text;     /* in the sheet's language */
  gboolean            urgent;
  const char * const *sources;  /* the rule's seed files */
} MesoAftercareItem;

typedef struct
{
  MesoAftercareSectionKind kind;
  char                    *heading;  /* in the sheet's language */
  char                    *intro;    /* optional sentence under the heading */
  GPtrArray               *items;    /* MesoAftercareItem* */
} MesoAftercareSection;

/* Everything is already translated into @language: the renderer only lays
 * it out.  "label" fields are the printed words, the others the values. */
typedef struct
{
  char          *language;
  char          *title;
  char          *patient_name;
  GDate          date;
  char          *date_text;
  MesoArea       area;
  char          *area_text;
  MesoIndication indication;
  char          *indication_text;
  char          *solution_name;     /* may be NULL */
  MesoConsistency consistency;
  char          *consistency_text;
  char          *ingredients_text;  /* joined with ", "; may be NULL */
  char          *batch;             /* may be NULL */
  guint          lump_min_days;
  guint          lump_max_days;
  GPtrArray     *sections;          /* MesoAftercareSection*, printing order */
  GDate          review_date;
  char          *review_text;       /* "We will check … on 18 May 2026." */
  GDate          next_session_date;
  char          *next_session_text;
  char          *clinic_name;       /* may be empty */
  char          *clinic_address;
  char          *clinic_phone;
  char          *contact_text;      /* "Questions? Call …" */
  /* Printed labels, in the sheet's language. */
  char          *label_patient;
  char          *label_date;
  char          *label_area;
  char          *label_indication;
  char          *label_solution;
  char          *label_ingredients;
  char          *label_batch;
  char          *label_appointments;
  /*< private >*/
  gatomicrefcount ref_count;
} MesoAftercareSheet;

GType               meso_aftercare_sheet_get_type (void) G_GNUC_CONST;
/* @language: one of meso_i18n_languages(); anything else (or NULL) gives
 * English.  @settings may be NULL (defaults, no clinic contact). */
MesoAftercareSheet *meso_aftercare_sheet_build    (const MesoSession  *session,
                                                   const char         *patient_name,
                                                   const MesoSettings *settings,
                                                   const char         *language);
/* Sheets are immutable once built, so they are shared by reference (the
 * app keeps one for the preview and hands it to the print operation). */
MesoAftercareSheet *meso_aftercare_sheet_ref      (MesoAftercareSheet *self);
void                meso_aftercare_sheet_unref    (MesoAftercareSheet *self);

/* The section of @kind, or NULL when no rule put anything in it. */
const MesoAftercareSection *meso_aftercare_sheet_get_section (const MesoAftercareSheet *self,
                                                              MesoAftercareSectionKind  kind);
/* The item of rule @code, or NULL when the rule did not apply. */
const MesoAftercareItem    *meso_aftercare_sheet_find_item   (const MesoAftercareSheet *self,
                                                              const char               *code);
/* @label (one of the label_* fields) followed by its colon, the way the
 * sheet's language writes it: "Treated area:", "Zone traitée :". */
char                       *meso_aftercare_sheet_label       (const MesoAftercareSheet *self,
                                                              const char               *label);
/* The whole sheet as plain text (tests, and a preview without Pango). */
char                       *meso_aftercare_sheet_to_text     (const MesoAftercareSheet *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoAftercareSheet, meso_aftercare_sheet_unref)

G_END_DECLS
