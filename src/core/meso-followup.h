/* meso-followup.h: follow-up observations and the flags computed from them.
 *
 * A follow-up records what was observed after a session.  Flags are
 * computed by rules (meso-followup-rules.c, each naming its seed document)
 * from sessions and their follow-ups; a flag stays open until a clinician
 * marks it reviewed with a note, and a newer observation can raise it again.
 */
#pragma once

#include <glib-object.h>

#include "meso-record.h"
#include "meso-store.h"

G_BEGIN_DECLS

typedef enum
{
  MESO_FLAG_ROUTINE,
  MESO_FLAG_REVIEW,
  MESO_FLAG_URGENT,
  MESO_N_FLAG_SEVERITIES
} MesoFlagSeverity;

MESO_DECLARE_VOCABULARY (MesoFlagSeverity, flag_severity)

/* Plausible limits: typing errors are refused, unusual findings are not. */
#define MESO_FOLLOWUP_LUMP_SIZE_MAX  100.0   /* mm */
#define MESO_FOLLOWUP_NOTES_MAX      20000   /* characters */
/* A follow-up is due two weeks after the session: the point past which
 * lumps are no longer expected (000) and follow-up appointments assess
 * progress (001). */
#define MESO_FOLLOWUP_REVIEW_DAYS    14

typedef struct
{
  gint64    id;              /* 0 until stored */
  gint64    session_id;
  GDate     date;            /* when observed */
  gboolean  lumps;
  gdouble   lump_size_mm;    /* 0 = not measured */
  gboolean  pain;
  gboolean  redness;
  gboolean  warmth;
  gboolean  swelling;
  gboolean  discharge;       /* pus or discharge */
  gboolean  fever;
  gboolean  bleeding;        /* bleeding that does not stop */
  gboolean  itching_hives;
  gboolean  breathing_difficulty;
  gboolean  pigmentation_change;
  gboolean  nodules;
  char     *notes;
} MesoFollowup;

GType         meso_followup_get_type (void) G_GNUC_CONST;
MesoFollowup *meso_followup_new      (void);
MesoFollowup *meso_followup_copy     (const MesoFollowup *self);
void          meso_followup_free     (MesoFollowup *self);
/* Refuses a date before the session's date (pass it in @session_date). */
gboolean      meso_followup_validate (const MesoFollowup *self,
                                      const GDate        *session_date,
                                      GError            **error);

typedef struct
{
  char             *code;          /* "allergic_reaction", "infection", "lumps_persisting", ... */
  gint64            session_id;
  gint64            patient_id;
  char             *patient_name;
  MesoFlagSeverity  severity;
  char             *reason;        /* in words, translated */
  const char       *source;        /* seed file name(s), ", "-separated */
  GDate             raised_on;     /* date of the observation (or review date) that raised it */
  gboolean          reviewed;
  char             *review_note;
} MesoFlag;

GType     meso_flag_get_type (void) G_GNUC_CONST;
MesoFlag *meso_flag_copy     (const MesoFlag *self);
void      meso_flag_free     (MesoFlag *self);

/* Flag codes (stable, stored in flag_reviews): "allergic_reaction",
 * "infection", "bleeding", "lumps_persisting", "prolonged_redness",
 * "nodules", "pigmentation", "pain", "no_followup". */
gboolean      meso_flag_code_is_known    (const char *code);
/* A short translated name for a code ("Possible infection"), or NULL. */
const char   *meso_flag_code_to_label    (const char *code);
/* NULL-terminated, in the order of the rule table (most urgent first). */
const char * const *meso_flag_codes      (void);
/* The date by which a follow-up is expected: session date +
 * MESO_FOLLOWUP_REVIEW_DAYS.  @out is cleared if the session has no date. */
void          meso_followup_review_date  (const MesoSession *session,
                                          GDate             *out);
/* Days after the session during which redness, swelling and lumps are
 * expected for this area and solution (000); beyond it they are flagged. */
guint         meso_followup_expected_days (MesoArea        area,
                                           MesoConsistency consistency);

/* Store: follow-ups and reviews.  insert validates against the session
 * (which must exist and be done; the date may be neither before it nor
 * after today) and sets followup->id; on error nothing is written and the
 * message starts with the field name. */
gboolean      meso_store_insert_followup       (MesoStore     *store,
                                                MesoFollowup  *followup,
                                                GError       **error);
GPtrArray    *meso_store_list_followups        (MesoStore     *store,
                                                gint64         session_id,
                                                GError       **error);
/* Open flags as of @as_of (NULL = today), most urgent first, then oldest
 * raised_on, then session id.  Only done sessions count; follow-ups dated
 * after @as_of are not yet known; reviews apply whatever @as_of.  The
 * "no_followup" reminder lapses 180 days after the review date
 * (MESO_FOLLOWUP_REMINDER_LAPSE_DAYS), which lets the store preselect
 * candidates in SQL instead of reading every session (under a second of
 * CPU, measured, for 300,000 sessions of 100,000 patients). */
GPtrArray    *meso_store_list_open_flags       (MesoStore     *store,
                                                const GDate   *as_of,
                                                GError       **error);
/* Every flag of one session as of @as_of (NULL = today), open and
 * reviewed (reviewed = TRUE, review_note set), most urgent first.  An open
 * flag raised again after an earlier review carries that review's note. */
GPtrArray    *meso_store_list_flags_for_session (MesoStore   *store,
                                                 gint64       session_id,
                                                 const GDate *as_of,
                                                 GError     **error);
/* Open flags of one patient's sessions as of @as_of (NULL = today). */
GPtrArray    *meso_store_list_flags_for_patient (MesoStore   *store,
                                                 gint64       patient_id,
                                                 const GDate *as_of,
                                                 GError     **error);
/* Marks the flag (code, session) reviewed with @note (required, not
 * blank).  The review covers every observation recorded so far; a later
 * one showing the same sign raises the flag again.  Refused
 * (MESO_STORE_ERROR_INVALID / _NOT_FOUND, message "field: ...") for an
 * unknown code, a blank note, an unknown session, or a flag the session
 * does not have. */
gboolean      meso_store_review_flag           (MesoStore     *store,
                                                gint64         session_id,
                                                const char    *code,
                                                const char    *note,
                                                GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoFollowup, meso_followup_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoFlag, meso_flag_free)

G_END_DECLS
