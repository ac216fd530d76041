/* meso-followup-rules.h: the pure evaluation of follow-up flags.
 *
 * No I/O: the store loads a session, its follow-ups and its reviews and
 * hands them here, and the tests call these directly.
 */
#pragma once

#include "meso-followup.h"

G_BEGIN_DECLS

/* Lumps present more than this many days after the session need a
 * review (000: "lumps still present after 2 weeks"). */
#define MESO_FOLLOWUP_LUMPS_DAYS          14
/* The "no follow-up recorded" reminder lapses this many days after the
 * review date: it is a reminder, not a finding, and without the lapse a
 * clinic's whole history would be listed.  The store relies on it to
 * preselect sessions in SQL (meso-store-followups.c). */
#define MESO_FOLLOWUP_REMINDER_LAPSE_DAYS 180

/* What a clinician's review covered: every observation of the session with
 * an id up to @covered_followup_id (0 for the no-follow-up reminder).  A
 * follow-up recorded later that triggers the same code raises it again. */
typedef struct
{
  char   *code;
  gint64  covered_followup_id;
  GDate   covered_date;        /* date of that observation, or the review date */
  char   *note;
  char   *reviewed_at;         /* ISO 8601 UTC date and time */
} MesoFlagReview;

MesoFlagReview *meso_flag_review_new  (void);
void            meso_flag_review_free (MesoFlagReview *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoFlagReview, meso_flag_review_free)

/* Flags of @session as of @as_of (required), ignoring reviews.
 * @review_date: NULL for meso_followup_review_date().  @followups:
 * MesoFollowup* of this session, any order.  Only a done session has flags;
 * follow-ups dated after @as_of are not yet known.  Returns MesoFlag*, most
 * urgent first, patient_name unset. */
GPtrArray *meso_followup_flags_compute  (const MesoSession *session,
                                         const GDate       *review_date,
                                         const GPtrArray   *followups,
                                         const GDate       *as_of);

/* The same, with the clinician's reviews (MesoFlagReview*, may be NULL):
 * a flag whose triggering observations are all covered is dropped, or
 * returned with reviewed = TRUE when @include_reviewed. */
GPtrArray *meso_followup_flags_evaluate (const MesoSession *session,
                                         const GDate       *review_date,
                                         const GPtrArray   *followups,
                                         const GPtrArray   *reviews,
                                         const GDate       *as_of,
                                         gboolean           include_reviewed);

/* The "no_followup" reminder of a done session known to have no follow-up
 * and no review of the reminder, or NULL when it is not due as of @as_of
 * (before the review date, or lapsed).  For listings that preselect such
 * sessions in SQL. */
MesoFlag  *meso_followup_reminder_flag  (const MesoSession *session,
                                         const GDate       *as_of);

/* Whether @code is raised for @session as of @as_of, reviewed or not; if
 * so, what a review made now covers. */
gboolean   meso_followup_flag_coverage  (const MesoSession *session,
                                         const GDate       *review_date,
                                         const GPtrArray   *followups,
                                         const char        *code,
                                         const GDate       *as_of,
                                         gint64            *covered_followup_id,
                                         GDate             *covered_date);

/* Most urgent first, then oldest raised_on, then session id, then code in
 * rule order: a GCompareFunc for g_ptr_array_sort (MesoFlag**). */
gint       meso_flag_compare            (gconstpointer a,
                                         gconstpointer b);

G_END_DECLS
