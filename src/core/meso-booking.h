/* meso-booking.h: booking a session behind the screening.
 *
 * The one path by which the app and the CLI book: screen the planned
 * session against the patient's stored history and the clinic settings,
 * then store it only if the verdict allows it (004: contraindications).
 */
#pragma once

#include "meso-screening.h"
#include "meso-store.h"

G_BEGIN_DECLS

#define MESO_BOOKING_ERROR (meso_booking_error_quark ())

typedef enum
{
  MESO_BOOKING_ERROR_CONTRAINDICATED,   /* needs an override reason */
  MESO_BOOKING_ERROR_NOT_ACKNOWLEDGED,  /* a caution finding was not acknowledged */
} MesoBookingError;

GQuark         meso_booking_error_quark (void);

/* Screens @session (its date, area and ingredients) for its patient.
 * Returns NULL with @error set when the patient cannot be read, or with a
 * MESO_RECORD_ERROR when there is no date or it is before the patient's
 * birth (nothing to screen). */
MesoScreening *meso_booking_screen      (MesoStore          *store,
                                         const MesoSession  *session,
                                         GError            **error);

/* Books @session (sets session->id).  A bad value, including a date
 * before the patient's birth, is refused with a MESO_RECORD_ERROR naming
 * the field, before any screening.  A contraindicated verdict is refused
 * unless session->override_reason is set; caution findings must all be in
 * session->acknowledged.  On refusal nothing is written.  @screening_out
 * (optional) receives the screening that was applied. */
gboolean       meso_book_session        (MesoStore          *store,
                                         MesoSession        *session,
                                         MesoScreening     **screening_out,
                                         GError            **error);

G_END_DECLS
