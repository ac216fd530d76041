/* meso-demo.h: realistic, deterministic synthetic patients and sessions.
 *
 * For trying the application and for benchmarks.  The same seed and the
 * same "today" always give the same records (patient number i depends only
 * on the seed and i, not on how many are made), so two demo databases can
 * be compared by exporting them.  Histories give a mix of screening
 * verdicts; every session is screened when it is made and carries what the
 * booking would have required: acknowledged cautions, and an override
 * reason for a contraindication.
 */
#pragma once

#include "meso-screening.h"
#include "meso-store.h"

G_BEGIN_DECLS

#define MESO_DEMO_ERROR (meso_demo_error_quark ())

typedef enum
{
  MESO_DEMO_ERROR_NOT_EMPTY,   /* the database holds patients and force was not set */
  MESO_DEMO_ERROR_INVALID,     /* a bad option */
} MesoDemoError;

GQuark meso_demo_error_quark (void);

#define MESO_DEMO_MAX_PATIENTS 1000000

typedef struct
{
  guint     n_patients;   /* 1 .. MESO_DEMO_MAX_PATIENTS */
  guint64   seed;
  GDate     today;        /* sessions are placed around this day; must be valid */
  gboolean  force;        /* add to a database that already holds patients */
} MesoDemoOptions;

typedef struct
{
  guint n_patients;
  guint n_sessions;
  guint n_sessions_today;
  /* Patients by the verdict of their screening for their usual treatment
   * on "today"; history_incomplete counts the cautions that are (at least)
   * an incomplete history. */
  guint verdicts[MESO_N_VERDICTS];
  guint history_incomplete;
} MesoDemoReport;

/* The days the demo can be placed on, given the real @real_today: from
 * @first, where the oldest sessions still come after the youngest adult
 * patients' births, to @last, where the youngest (15-year-old) patients
 * are born by @real_today (the store refuses a birth in the future) and
 * batch expiry dates stay within year 9999. */
void     meso_demo_today_range (const GDate *real_today,
                                GDate       *first,
                                GDate       *last);

/* Writes everything in one transaction: on error nothing is added.
 * options->today outside meso_demo_today_range () is refused with
 * MESO_DEMO_ERROR_INVALID. */
gboolean meso_demo_fill (MesoStore              *store,
                         const MesoDemoOptions  *options,
                         MesoDemoReport         *report,
                         GError                **error);

/* The demo's patient number @index for @seed, without its sessions:
 * exposed for tests. */
MesoPatient *meso_demo_make_patient (guint64      seed,
                                     guint        index,
                                     const GDate *today);

G_END_DECLS
