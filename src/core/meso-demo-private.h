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
