/* meso-store.h: the clinic record in one SQLite file.
 *
 * Every connection runs in WAL mode with synchronous=FULL, foreign keys,
 * a busy timeout and secure_delete.  The schema is versioned by
 * PRAGMA user_version; forward migrations run in one transaction each and a
 * file written by a newer Mesochart is refused, never modified.  All calls
 * return gboolean (or a new value) plus a GError in MESO_STORE_ERROR whose
 * message says what failed in words a clinic can act on.
 *
 * A MesoStore is not thread-safe: use one per thread (open the same path
 * again in a worker thread).
 */
#pragma once

#include <glib-object.h>

#include "meso-record.h"
#include "meso-settings.h"

G_BEGIN_DECLS

#define MESO_STORE_ERROR (meso_store_error_quark ())

typedef enum
{
  MESO_STORE_ERROR_OPEN,        /* cannot open or create the file */
  MESO_STORE_ERROR_TOO_NEW,     /* written by a newer Mesochart */
  MESO_STORE_ERROR_NOT_A_DATABASE,
  MESO_STORE_ERROR_CORRUPT,
  MESO_STORE_ERROR_BUSY,        /* locked by another program for too long */
  MESO_STORE_ERROR_FULL,        /* disk full */
  MESO_STORE_ERROR_READ_ONLY,
  MESO_STORE_ERROR_NOT_FOUND,
  MESO_STORE_ERROR_INVALID,     /* refused value; the message names the field */
  MESO_STORE_ERROR_FAILED,
} MesoStoreError;

GQuark meso_store_error_quark (void);

#define MESO_TYPE_STORE (meso_store_get_type ())
G_DECLARE_FINAL_TYPE (MesoStore, meso_store, MESO, STORE, GObject)

/* $MESOCHART_DB if set, else $XDG_DATA_HOME/mesochart/clinic.db. */
char         *meso_store_default_path       (void);
/* The schema version this build writes. */
guint         meso_store_schema_version     (void);

/* Creates the file 0600 (and its folder 0700) when missing and migrates it. */
MesoStore    *meso_store_open               (const char  *path,
                                             GError     **error);
const char   *meso_store_get_path           (MesoStore   *self);

/* All-or-nothing groups of calls.  Nested begin calls use savepoints.
 * Every begin is closed by exactly one commit or rollback: a commit that
 * fails has already rolled its level back, so do not call rollback after
 * it. */
gboolean      meso_store_begin              (MesoStore   *self,
                                             GError     **error);
gboolean      meso_store_commit             (MesoStore   *self,
                                             GError     **error);
void          meso_store_rollback           (MesoStore   *self);

/* Patients.  insert sets patient->id.  update replaces identity and
 * history.  Both validate first and write nothing on error. */
gboolean      meso_store_insert_patient     (MesoStore          *self,
                                             MesoPatient        *patient,
                                             GError            **error);
gboolean      meso_store_update_patient     (MesoStore          *self,
                                             const MesoPatient  *patient,
                                             GError            **error);
MesoPatient  *meso_store_get_patient        (MesoStore          *self,
                                             gint64              id,
                                             GError            **error);
gboolean      meso_store_delete_patient     (MesoStore          *self,
                                             gint64              id,
                                             GError            **error);
/* Ids of patients matching @query (NULL or "" = all), ordered by name then
 * id.  The query is matched as prefixes of words in the name (accents and
 * case folded: "hel" finds "Hélène"), the date of birth ("1980", "1980-04")
 * and the phone number (digits only compared, from three digits on: see
 * MESO_SEARCH_MIN_DIGITS).  Cheap enough to run on
 * every keystroke with 100,000 patients. */
GArray       *meso_store_find_patient_ids   (MesoStore          *self,
                                             const char         *query,
                                             GError            **error);
/* A word of digits searches phone numbers (anywhere in the number) and
 * years of birth from this many digits on; shorter, it does not filter. */
#define MESO_SEARCH_MIN_DIGITS 3
/* Whether @query narrows the list at all: FALSE for an empty query, one
 * of punctuation only, or of too few digits (all patients are found). */
gboolean      meso_search_query_filters     (const char         *query);
/* The name order of every patient is cached per connection and read
 * again (tens of milliseconds with 100,000 patients) after any change.  A
 * list read in a worker thread on another connection can stand for it:
 * take a stamp on this connection before starting the worker, then give
 * the worker's meso_store_find_patient_ids (NULL) result to adopt, which
 * keeps it (by reference: it must not be changed afterwards) only when
 * nothing was committed in between, and says whether it did. */
typedef struct
{
  gint64 data_version;
  gint64 total_changes;
} MesoSearchStamp;

gboolean      meso_store_get_search_stamp   (MesoStore          *self,
                                             MesoSearchStamp    *stamp,
                                             GError            **error);
gboolean      meso_store_adopt_search_order (MesoStore          *self,
                                             const MesoSearchStamp *stamp,
                                             GArray             *order);
gint64        meso_store_count_patients     (MesoStore          *self,
                                             GError            **error);

/* A light row for lists: name, date of birth, phone; no history. */
typedef struct
{
  gint64  id;
  char   *name;
  GDate   date_of_birth;
  char   *phone;
} MesoPatientSummary;

void                meso_patient_summary_free (MesoPatientSummary *summary);
MesoPatientSummary *meso_store_get_patient_summary (MesoStore  *self,
                                                    gint64      id,
                                                    GError    **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoPatientSummary, meso_patient_summary_free)

/* Sessions.  insert validates and sets session->id; it does not screen:
 * booking goes through meso_book_session() (meso-booking.h). */
gboolean      meso_store_insert_session     (MesoStore          *self,
                                             MesoSession        *session,
                                             GError            **error);
gboolean      meso_store_update_session     (MesoStore          *self,
                                             const MesoSession  *session,
                                             GError            **error);
gboolean      meso_store_set_session_status (MesoStore          *self,
                                             gint64              id,
                                             MesoSessionStatus   status,
                                             GError            **error);
MesoSession  *meso_store_get_session        (MesoStore          *self,
                                             gint64              id,
                                             GError            **error);
/* MesoSession*, by date and time. */
GPtrArray    *meso_store_list_sessions_for_patient (MesoStore   *self,
                                                    gint64       patient_id,
                                                    GError     **error);
GPtrArray    *meso_store_list_sessions_on   (MesoStore          *self,
                                             const GDate        *day,
                                             GError            **error);
/* Sessions between @from and @to inclusive (either may be NULL). */
GPtrArray    *meso_store_list_sessions_between (MesoStore       *self,
                                                const GDate     *from,
                                                const GDate     *to,
                                                GError         **error);

/* Clinic settings (a single row). */
MesoSettings *meso_store_load_settings      (MesoStore          *self,
                                             GError            **error);
gboolean      meso_store_save_settings      (MesoStore          *self,
                                             const MesoSettings *settings,
                                             GError            **error);

G_END_DECLS
