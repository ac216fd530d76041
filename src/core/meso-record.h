/* meso-record.h: the clinic record: patient, medical history, session.
 *
 * Plain boxed structs with public fields: they are values that the store
 * reads and writes, the rules inspect and the widgets edit.  Dates are GDate
 * by value (g_date_valid() FALSE means "not recorded"); on disk and in JSON
 * they are ISO 8601 "YYYY-MM-DD".
 */
#pragma once

#include <glib-object.h>

#include "meso-enums.h"

G_BEGIN_DECLS

#define MESO_RECORD_ERROR (meso_record_error_quark ())

typedef enum
{
  MESO_RECORD_ERROR_INVALID,   /* a field holds a value out of range */
  MESO_RECORD_ERROR_MISSING,   /* a required field is empty */
} MesoRecordError;

GQuark meso_record_error_quark (void);

/* Limits of plausible values, from the documents (004) with margins so that
 * unusual but real practice is accepted and typing errors are not. */
#define MESO_GAUGE_MIN          18
#define MESO_GAUGE_MAX          34
#define MESO_NEEDLE_LENGTH_MAX  25.0  /* mm */
#define MESO_DEPTH_MAX          13.0  /* mm: never deeper than the longest needle (004) */
#define MESO_ANGLE_MIN          1.0   /* degrees */
#define MESO_ANGLE_MAX          90.0
#define MESO_VOLUME_MAX         100.0 /* ml per session */

/* Defaults from 004: 30 G, 4 mm needle, 2 mm deep, tilt 30-45 degrees. */
#define MESO_DEFAULT_GAUGE          30
#define MESO_DEFAULT_NEEDLE_LENGTH  4.0
#define MESO_DEFAULT_DEPTH          2.0
#define MESO_DEFAULT_ANGLE          45.0

typedef struct
{
  MesoAnswer answer;
  GDate      confirmed;  /* when the answer was last confirmed */
} MesoConditionAnswer;

typedef struct
{
  MesoConditionAnswer conditions[MESO_N_CONDITIONS];
  MesoListState       medications_state;
  GPtrArray          *medications;      /* char*, free text ("Warfarin 5 mg") */
  GDate               medications_confirmed;
  MesoListState       allergies_state;
  GPtrArray          *allergies;        /* char* */
  GDate               allergies_confirmed;
  guint               fitzpatrick;      /* 1-6, 0 = not recorded */
  gboolean            bruises_easily;
  gboolean            sensitive_skin;
} MesoHistory;

typedef struct
{
  gint64       id;                /* 0 until stored */
  char        *name;
  GDate        date_of_birth;
  MesoSex      sex;
  char        *phone;
  char        *email;
  char        *address;
  char        *language;          /* handout language: "en", "fr", "it", "es", "de" */
  char        *notes;
  MesoHistory *history;           /* never NULL */
} MesoPatient;

typedef struct
{
  gint64            id;                /* 0 until stored */
  gint64            patient_id;
  GDate             date;
  gint              time_minutes;      /* minutes after midnight, -1 = no time set */
  MesoSessionStatus status;
  MesoIndication    indication;
  MesoArea          area;
  char             *solution_name;
  GPtrArray        *ingredients;       /* char* */
  MesoConsistency   consistency;
  gdouble           volume_ml;         /* 0 = not recorded */
  char             *batch;
  GDate             batch_expiry;
  guint             needle_gauge;
  gdouble           needle_length_mm;
  gdouble           depth_mm;
  gdouble           angle_deg;
  MesoTechnique     technique;
  MesoMassage       massage;
  char             *practitioner;
  char             *notes;
  char             *override_reason;   /* set when a contraindication was overridden */
  GPtrArray        *acknowledged;      /* char*: finding codes acknowledged at booking */
} MesoSession;

GType        meso_history_get_type   (void) G_GNUC_CONST;
MesoHistory *meso_history_new        (void);
MesoHistory *meso_history_copy       (const MesoHistory *self);
void         meso_history_free       (MesoHistory *self);
gboolean     meso_history_validate   (const MesoHistory *self,
                                      GError           **error);

GType        meso_patient_get_type   (void) G_GNUC_CONST;
MesoPatient *meso_patient_new        (void);
MesoPatient *meso_patient_copy       (const MesoPatient *self);
void         meso_patient_free       (MesoPatient *self);
/* today: the date against which "born in the future" is judged. */
gboolean     meso_patient_validate   (const MesoPatient *self,
                                      const GDate       *today,
                                      GError           **error);

GType        meso_session_get_type   (void) G_GNUC_CONST;
/* A new session carries the documented defaults (see MESO_DEFAULT_*). */
MesoSession *meso_session_new        (void);
MesoSession *meso_session_copy       (const MesoSession *self);
void         meso_session_free       (MesoSession *self);
/* Checks the values a session holds on its own, including that every
 * acknowledged code is a screening finding code. */
gboolean     meso_session_validate   (const MesoSession *self,
                                      GError           **error);
/* What only the session's patient can tell: a session cannot be dated
 * before the patient was born.  @date_of_birth not valid (not recorded)
 * checks nothing.  Every store path that writes a session calls it. */
gboolean     meso_session_validate_for_patient (const MesoSession *self,
                                                const GDate       *date_of_birth,
                                                GError           **error);

/* Strict ISO "YYYY-MM-DD"; FALSE for anything else or an impossible date. */
gboolean     meso_date_parse         (const char *text,
                                      GDate      *out);
/* "YYYY-MM-DD", or NULL when the date is not valid. */
char        *meso_date_format        (const GDate *date);
void         meso_date_set_today     (GDate *date);
/* Completed years at @on, counting a 29 February birthday as reached on
 * 1 March in common years. */
gint         meso_age_on             (const GDate *birth,
                                      const GDate *on);

/* Helpers for string lists (GPtrArray of char*, owned). */
GPtrArray   *meso_strv_array_new     (void);
GPtrArray   *meso_strv_array_copy    (const GPtrArray *array);
gboolean     meso_strv_array_equal   (const GPtrArray *a,
                                      const GPtrArray *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoHistory, meso_history_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoPatient, meso_patient_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoSession, meso_session_free)

G_END_DECLS
