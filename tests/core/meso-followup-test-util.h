/* meso-followup-test-util.h: follow-ups, sessions and flags to feed the
 * follow-up rules with, for test-followup*.c. */
#pragma once

#include "meso-followup.h"
#include "meso-followup-rules.h"
#include "../meso-test-util.h"

G_BEGIN_DECLS

/* The day of the session the rules are tried on. */
#define MESO_TEST_SESSION_DAY "2026-03-02"

/* A session as the rules see it, not stored: @id, patient 100 + @id. */
MesoSession    *meso_test_rule_session  (gint64             id,
                                         MesoArea           area,
                                         MesoConsistency    consistency,
                                         MesoSessionStatus  status,
                                         const char        *date);
/* A follow-up @days after MESO_TEST_SESSION_DAY, nothing observed. */
MesoFollowup   *meso_test_make_followup (gint64             id,
                                         gint64             session_id,
                                         guint              days);
/* The follow-ups given, up to NULL, in an array that frees them. */
GPtrArray      *meso_test_followup_list (MesoFollowup      *first,
                                         ...);
/* @days after MESO_TEST_SESSION_DAY. */
void            meso_test_as_of_days    (GDate             *date,
                                         guint              days);

/* The flag of @code in @flags, or NULL; meso_test_get_flag() fails the
 * test instead of returning NULL. */
const MesoFlag *meso_test_find_flag     (GPtrArray         *flags,
                                         const char        *code);
const MesoFlag *meso_test_get_flag      (GPtrArray         *flags,
                                         const char        *code);
/* Flags raised by one observation (taken) on a done session of
 * MESO_TEST_SESSION_DAY in @area, as of the observation's day. */
GPtrArray      *meso_test_flags_for     (MesoFollowup      *f,
                                         MesoArea           area,
                                         MesoConsistency    consistency);
/* Fails the test unless the codes of @flags, in order and separated by
 * spaces, are @expected. */
void            meso_test_assert_codes  (GPtrArray         *flags,
                                         const char        *expected);

G_END_DECLS
