/* meso-amend.h: corrections to sessions already marked done.
 *
 * A done session is part of the clinical record: it is never rewritten
 * (meso_store_update_session () on it is refused, in SQL too).  A
 * correction is stored as an amendment: the whole corrected session, the
 * fields that changed against the version it corrects, who, when and why.
 * The original row stays as it was; the latest amendment is the current
 * version (meso_store_get_session_amended ()).
 */
#pragma once

#include "meso-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64       id;
  gint64       session_id;
  char        *at;        /* UTC, ISO 8601 */
  char        *actor;
  char        *reason;
  MesoSession *session;   /* the corrected session */
  char        *changes;   /* JSON {"field": [old, new]} */
} MesoSessionAmendment;

void          meso_session_amendment_free    (MesoSessionAmendment *amendment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoSessionAmendment, meso_session_amendment_free)

/* Records @corrected (same id, patient and status as the stored session,
 * which must be done) as an amendment with @reason (required).  It is
 * checked as a session to store: meso_session_validate () and no date
 * before the patient's birth.  Refused
 * when nothing changed against the current version.  Logged in the audit
 * trail as "amend" with the changes.  @amendment_id (optional) gets the
 * new amendment's id. */
gboolean      meso_store_amend_session       (MesoStore          *store,
                                              const MesoSession  *corrected,
                                              const char         *reason,
                                              gint64             *amendment_id,
                                              GError            **error);
/* MesoSessionAmendment*, oldest first (empty when none). */
GPtrArray    *meso_store_list_amendments     (MesoStore          *store,
                                              gint64              session_id,
                                              GError            **error);
/* The latest amended version of the session, or the stored one when it
 * has no amendment. */
MesoSession  *meso_store_get_session_amended (MesoStore          *store,
                                              gint64              session_id,
                                              GError            **error);

G_END_DECLS
