/* meso-demo-private.h: what the demo's data, follow-up and orchestration files share. */
#pragma once

#include "meso-demo.h"

G_BEGIN_DECLS

/* Random numbers (meso-demo-data.c) */

G_GNUC_INTERNAL
guint64  meso_demo_rng_next   (guint64 *state);
G_GNUC_INTERNAL
guint    meso_demo_rng_below  (guint64 *state,
                               guint    n);
G_GNUC_INTERNAL
gboolean meso_demo_rng_chance (guint64 *state,
                               guint    percent);

#define PICK(state, array) ((array)[meso_demo_rng_below ((state), G_N_ELEMENTS (array))])

/* Vocabulary and profiles (meso-demo-data.c) */

typedef struct
{
  const char      *name;
  const char      *ingredients[6];
  MesoConsistency  consistency;
  const char      *batch_prefix;
} Solution;

typedef enum
{
  PROFILE_CLEAR,
  PROFILE_CAUTION,
  PROFILE_INCOMPLETE,
  PROFILE_CONTRAINDICATED,
} Profile;

typedef enum
{
  CONTRA_CONDITION,          /* a contraindicating condition answered yes */
  CONTRA_CARDIAC_MEDICATED,  /* cardiac disease with medication */
  CONTRA_UNDER_AGE,
  CONTRA_INGREDIENT_ALLERGY,
} ContraKind;

typedef struct
{
  Profile          profile;
  ContraKind       contra;
  MesoIndication   indication;
  MesoArea         area;
  const Solution  *solution;
} Plan;

/* Where the demo places dates, in days (meso-demo-data.c).  The days the
 * demo can be placed on follow from them (meso_demo_today_range ()). */
#define DEMO_ADULT_BIRTH_FIRST_YEAR 1950
#define DEMO_ADULT_BIRTH_SPAN       21184   /* 1950-01-01 .. 2007-12-31 */
#define DEMO_MINOR_AGE_MIN          (15 * 365 + 4)
#define DEMO_MINOR_AGE_SPAN         (3 * 365 - 10)
#define DEMO_FIRST_PAST_MIN         3       /* the latest past session */
#define DEMO_FIRST_PAST_SPAN        60
#define DEMO_PAST_GAP_MIN           14      /* between past sessions */
#define DEMO_PAST_GAP_SPAN          43
#define DEMO_PAST_MAX               5       /* past sessions of a patient */
#define DEMO_NEXT_MIN               7       /* the next booked session */
#define DEMO_NEXT_SPAN              50
#define DEMO_EXPIRY_MIN             120     /* batch expiry after the session */
#define DEMO_EXPIRY_SPAN            600

/* The oldest past session, and the latest batch expiry, from "today". */
#define DEMO_PAST_DAYS_MAX \
  (DEMO_FIRST_PAST_MIN + DEMO_FIRST_PAST_SPAN - 1 + \
   (DEMO_PAST_MAX - 1) * (DEMO_PAST_GAP_MIN + DEMO_PAST_GAP_SPAN - 1))
#define DEMO_AHEAD_DAYS_MAX \
  (DEMO_NEXT_MIN + DEMO_NEXT_SPAN - 1 + DEMO_EXPIRY_MIN + DEMO_EXPIRY_SPAN - 1)

/* The latest date of birth of an adult demo patient. */
G_GNUC_INTERNAL
void         meso_demo_latest_adult_birth  (GDate              *out);
G_GNUC_INTERNAL
void         meso_demo_add_strv            (GPtrArray          *array,
                                            const char         *text);
G_GNUC_INTERNAL
void         meso_demo_date_add_days       (GDate              *out,
                                            const GDate        *from,
                                            gint                days);
G_GNUC_INTERNAL
gboolean     meso_demo_takes_blood_thinner (const MesoPatient  *patient);
G_GNUC_INTERNAL
MesoPatient *meso_demo_generate_patient    (guint64             seed,
                                            guint               index,
                                            const GDate        *today,
                                            Plan               *plan,
                                            guint64            *rng);
G_GNUC_INTERNAL
void         meso_demo_make_sessions       (const MesoPatient  *patient,
                                            const Plan         *plan,
                                            guint               index,
                                            const GDate        *today,
                                            const MesoSettings *settings,
                                            guint64            *rng,
                                            GPtrArray          *sessions);

/* Follow-ups (meso-demo-followups.c) */

typedef struct
{
  GDate  today;           /* the demo's "today" */
  GDate  real_today;      /* the store refuses follow-ups dated after it */
  guint  showcased;       /* bit i: showcases[i] is placed */
} FollowupState;

G_GNUC_INTERNAL
gboolean meso_demo_make_followups (MesoStore          *store,
                                   FollowupState      *state,
                                   const MesoPatient  *patient,
                                   const MesoSession  *session,
                                   gboolean           *showcased,
                                   guint64            *rng,
                                   GError            **error);

G_END_DECLS
