/* meso-demo-followups.c: the demo's follow-up courses and flag reviews of done sessions. */
#include "config.h"

#include <string.h>

#include "meso-demo-private.h"
#include "meso-followup-rules.h"

/* ------------------------------------------------------------------ */
/* Follow-ups                                                          */

/* What the follow-up of one done session shows.  Each sign raises exactly
 * one flag of meso-followup-rules.c; SIGN_NONE is the usual, unremarkable
 * course; SIGN_NO_FOLLOWUP records nothing, so the routine reminder comes
 * up once the review date has passed. */
typedef enum
{
  SIGN_NONE,
  SIGN_ALLERGIC_REACTION,
  SIGN_INFECTION,
  SIGN_BLEEDING,
  SIGN_LUMPS_PERSISTING,
  SIGN_PROLONGED_REDNESS,
  SIGN_NODULES,
  SIGN_PIGMENTATION,
  SIGN_PAIN,
  SIGN_NO_FOLLOWUP,
  N_SIGNS
} Sign;

/* The flag code each sign raises (meso-followup.h). */
static const char * const sign_codes[N_SIGNS] = {
  NULL, "allergic_reaction", "infection", "bleeding", "lumps_persisting",
  "prolonged_redness", "nodules", "pigmentation", "pain", "no_followup",
};

/* Chance of each sign per done session, in 1/100,000: a real clinic sees
 * complications rarely, and records a follow-up for nearly every session.
 * About 1.6% of done sessions show a sign worth a clinician's look (0.3%
 * an urgent one) and 1.2% are never followed up; most flags are reviewed
 * soon after, so a 100,000-patient demo opens on a few dozen urgent flags,
 * a few hundred to review and a couple of thousand routine reminders. */
static const guint sign_rates[N_SIGNS] = {
  0, 100, 120, 50, 350, 300, 120, 150, 200, 1200,
};

/* The first done sessions of a demo show every kind of flag, open, and
 * then a few reviewed ones, so that even a small demo has a Follow-ups
 * place worth looking at (like the first patients' profiles). */
typedef struct
{
  Sign     sign;
  gboolean reviewed;
} Showcase;

static const Showcase showcases[] = {
  { SIGN_ALLERGIC_REACTION, FALSE }, { SIGN_INFECTION, FALSE }, { SIGN_BLEEDING, FALSE },
  { SIGN_LUMPS_PERSISTING, FALSE }, { SIGN_PROLONGED_REDNESS, FALSE }, { SIGN_NODULES, FALSE },
  { SIGN_PIGMENTATION, FALSE }, { SIGN_PAIN, FALSE }, { SIGN_NO_FOLLOWUP, FALSE },
  { SIGN_INFECTION, TRUE }, { SIGN_LUMPS_PERSISTING, TRUE }, { SIGN_NO_FOLLOWUP, TRUE },
};

#define ALL_SHOWCASED ((1u << G_N_ELEMENTS (showcases)) - 1)

static const char * const unremarkable_notes[] = {
  "Healing well; patient pleased with the result.",
  "Small papules settled as expected.",
  "Mild redness on the first evening only.",
  "No concerns; next session discussed.",
  "Slight bruising at one injection point, fading.",
};

static const char * const early_call_notes[] = {
  "Phone check: mild redness and small bumps, as expected.",
  "Phone check: some swelling the first night; cold pack helped.",
  "Phone check: patient reassured about the small lumps.",
};

/* What a clinician writes when marking a flag reviewed, by sign. */
static const char * const review_notes[N_SIGNS][2] = {
  [SIGN_ALLERGIC_REACTION] = {
    "Seen the same day: antihistamine given, hives resolved within 48 h. Ingredient noted as a suspected allergy.",
    "Referred to A&E; treated and discharged. No further sessions with this solution." },
  [SIGN_INFECTION] = {
    "Seen at the clinic: oral antibiotics prescribed by the GP; healed at the 10-day check.",
    "Swab taken, antibiotics started; settled within a week." },
  [SIGN_BLEEDING] = {
    "Pressure applied at the clinic, bleeding stopped; anticoagulant reviewed with the GP.",
    "Checked in person: oozing stopped after 10 minutes of pressure; no further bleeding." },
  [SIGN_LUMPS_PERSISTING] = {
    "Examined: soft lumps resolving; gentle massage advised, recheck in two weeks.",
    "Lumps checked at 3 weeks and gone at 5 weeks; no action needed." },
  [SIGN_PROLONGED_REDNESS] = {
    "Redness settled with a mild emollient; photographed for the record.",
    "Seen: residual redness only, no sign of infection; reassured." },
  [SIGN_NODULES] = {
    "Nodule examined, referred to dermatology; no further sessions in this area for now.",
    "Small firm nodule, monitored: resolving at the next visit." },
  [SIGN_PIGMENTATION] = {
    "Post-inflammatory pigmentation; strict SPF 50 advised, fading at 6 weeks.",
    "Referred to dermatology for the pigmentation; sessions paused." },
  [SIGN_PAIN] = {
    "Called back: pain settled with paracetamol within two days.",
    "Seen: tenderness only, no sign of infection; reassured." },
  [SIGN_NO_FOLLOWUP] = {
    "Called the patient: doing well, no concerns; declined a visit.",
    "No answer after three calls; letter sent with the warning signs." },
};
/* The sign of one session by chance, weighted by what makes it likelier:
 * darker skin for pigmentation (003), blood thinners for bleeding, a
 * recorded allergy for an allergic reaction, a thick solution for lumps
 * (000), sensitive skin for redness. */
static Sign
random_sign (const MesoPatient *patient,
             const MesoSession *session,
             guint64           *rng)
{
  const MesoHistory *h = patient->history;
  guint rates[N_SIGNS];
  guint r = meso_demo_rng_below (rng, 100000);

  memcpy (rates, sign_rates, sizeof rates);
  if (h->allergies_state == MESO_LIST_RECORDED && h->allergies->len > 0)
    rates[SIGN_ALLERGIC_REACTION] *= 4;
  if (h->bruises_easily || meso_demo_takes_blood_thinner (patient))
    rates[SIGN_BLEEDING] *= 5;
  if (session->consistency == MESO_CONSISTENCY_THICK)
    rates[SIGN_LUMPS_PERSISTING] *= 2;
  if (h->sensitive_skin)
    rates[SIGN_PROLONGED_REDNESS] *= 2;
  if (h->fitzpatrick >= 4)
    rates[SIGN_PIGMENTATION] *= 5;

  for (guint s = 1; s < N_SIGNS; s++)
    {
      if (r < rates[s])
        return (Sign) s;
      r -= rates[s];
    }
  return SIGN_NONE;
}

/* The missing follow-up is flagged once the review date has passed, until
 * the reminder lapses (meso-followup-rules.h). */
static gboolean
reminder_due (gint elapsed)
{
  return elapsed >= MESO_FOLLOWUP_REVIEW_DAYS &&
         elapsed <= MESO_FOLLOWUP_REVIEW_DAYS + MESO_FOLLOWUP_REMINDER_LAPSE_DAYS;
}

/* The day after the session on which @sign is observed, or -1 when it
 * cannot have been seen yet (@elapsed days have passed by "today"). */
static gint
sign_day (Sign     sign,
          guint    expected_days,
          gint     elapsed,
          guint64 *rng)
{
  gint day;

  switch (sign)
    {
    case SIGN_ALLERGIC_REACTION:
      day = 1 + (gint) meso_demo_rng_below (rng, 3);
      break;
    case SIGN_BLEEDING:
      day = (gint) meso_demo_rng_below (rng, 2);
      break;
    case SIGN_INFECTION:
    case SIGN_PAIN:
      /* Within the expected window, so the redness and lumps that go with
       * them are not also "longer than expected". */
      day = 2 + (gint) meso_demo_rng_below (rng, expected_days - 1);
      break;
    case SIGN_LUMPS_PERSISTING:
      day = MESO_FOLLOWUP_REVIEW_DAYS + 1 + (gint) meso_demo_rng_below (rng, 14);
      break;
    case SIGN_PROLONGED_REDNESS:
      day = (gint) expected_days + 1 + (gint) meso_demo_rng_below (rng, 6);
      break;
    case SIGN_NODULES:
    case SIGN_PIGMENTATION:
      day = 10 + (gint) meso_demo_rng_below (rng, 25);
      break;
    case SIGN_NO_FOLLOWUP:
      return reminder_due (elapsed) ? 0 : -1;
    case SIGN_NONE:
    case N_SIGNS:
    default:
      g_assert_not_reached ();
    }
  return day <= elapsed ? day : -1;
}

static void
observe_sign (MesoFollowup *f,
              Sign          sign,
              guint64      *rng)
{
  switch (sign)
    {
    case SIGN_ALLERGIC_REACTION:
      f->itching_hives = TRUE;
      f->swelling = meso_demo_rng_chance (rng, 60);
      f->redness = meso_demo_rng_chance (rng, 50);
      f->breathing_difficulty = meso_demo_rng_chance (rng, 10);
      f->notes = g_strdup (f->breathing_difficulty
                           ? "Called: hives and tightness in the throat; told to call emergency services."
                           : "Called: itchy raised rash around the treated area since this morning.");
      break;
    case SIGN_INFECTION:
      switch (meso_demo_rng_below (rng, 3))
        {
        case 0:
          f->discharge = f->redness = f->warmth = TRUE;
          f->notes = g_strdup ("Yellow discharge from two injection points, skin warm.");
          break;
        case 1:
          f->fever = f->warmth = TRUE;
          f->notes = g_strdup ("Fever of 38.4 °C, treated area warm to the touch.");
          break;
        default:
          f->lumps = f->pain = f->redness = TRUE;
          f->lump_size_mm = 6 + meso_demo_rng_below (rng, 5);
          f->notes = g_strdup ("Lumps getting bigger, painful and red.");
          break;
        }
      break;
    case SIGN_BLEEDING:
      f->bleeding = TRUE;
      f->notes = g_strdup ("Oozing from an injection point for over an hour despite pressure.");
      break;
    case SIGN_LUMPS_PERSISTING:
      f->lumps = TRUE;
      f->lump_size_mm = 3 + meso_demo_rng_below (rng, 6);
      f->notes = g_strdup ("Lumps still palpable, not painful.");
      break;
    case SIGN_PROLONGED_REDNESS:
      f->redness = TRUE;
      f->swelling = meso_demo_rng_chance (rng, 40);
      f->notes = g_strdup ("Redness has not faded yet.");
      break;
    case SIGN_NODULES:
      f->nodules = TRUE;
      f->notes = g_strdup ("Firm nodule under the skin at one injection site.");
      break;
    case SIGN_PIGMENTATION:
      f->pigmentation_change = TRUE;
      f->notes = g_strdup ("Brownish patches around the injection points.");
      break;
    case SIGN_PAIN:
      f->pain = TRUE;
      f->swelling = meso_demo_rng_chance (rng, 30);
      f->notes = g_strdup ("Aching worse than expected, keeps the patient awake.");
      break;
    case SIGN_NONE:
    case SIGN_NO_FOLLOWUP:
    case N_SIGNS:
    default:
      g_assert_not_reached ();
    }
}

/* Stores one observation made @day days after @session; one dated after
 * the real today (a demo placed in the future) cannot be recorded yet. */
static gboolean
record_followup (MesoStore          *store,
                 FollowupState      *state,
                 const MesoSession  *session,
                 MesoFollowup       *f,
                 gint                day,
                 GError            **error)
{
  f->session_id = session->id;
  meso_demo_date_add_days (&f->date, &session->date, day);
  if (g_date_compare (&f->date, &state->real_today) > 0)
    return TRUE;
  return meso_store_insert_followup (store, f, error);
}

/* Whether a clinician has reviewed a flag raised @age days ago: urgent
 * ones within days, the others mostly within a few weeks; a missing
 * follow-up gets a phone call now and then. */
static gboolean
is_reviewed (Sign     sign,
             gint     age,
             guint64 *rng)
{
  switch (sign)
    {
    case SIGN_ALLERGIC_REACTION:
    case SIGN_INFECTION:
    case SIGN_BLEEDING:
      return meso_demo_rng_chance (rng, age >= 3 ? 95 : 30);
    case SIGN_NO_FOLLOWUP:
      return age >= 7 && meso_demo_rng_chance (rng, 25);
    case SIGN_NONE:
    case N_SIGNS:
      return FALSE;
    default:
      return meso_demo_rng_chance (rng, age >= 14 ? 90 : age >= 5 ? 40 : 0);
    }
}

/* Choosing, for one done session, the first showcase not yet placed that
 * fits its date; one per patient, so that they spread over a few. */
static gint
pick_showcase (FollowupState *state,
               gint           elapsed,
               guint          expected_days,
               gboolean       reviewable_reminder)
{
  for (guint i = 0; i < G_N_ELEMENTS (showcases); i++)
    {
      gint day;

      if (state->showcased & (1u << i))
        continue;
      /* The latest day the sign may be seen on must have passed. */
      switch (showcases[i].sign)
        {
        case SIGN_LUMPS_PERSISTING:
          day = MESO_FOLLOWUP_REVIEW_DAYS + 14;
          break;
        case SIGN_PROLONGED_REDNESS:
          day = (gint) expected_days + 6;
          break;
        case SIGN_NODULES:
        case SIGN_PIGMENTATION:
          day = 34;
          break;
        case SIGN_INFECTION:
        case SIGN_PAIN:
          day = (gint) expected_days;
          break;
        case SIGN_NO_FOLLOWUP:
          if (!reminder_due (elapsed) || (showcases[i].reviewed && !reviewable_reminder))
            continue;
          day = 0;
          break;
        default:
          day = 3;
          break;
        }
      if (day > elapsed)
        continue;
      state->showcased |= 1u << i;
      return (gint) i;
    }
  return -1;
}

/* The observations of one done session: an early phone check now and
 * then, the review visit within the two weeks (000, 001), and @sign, seen
 * on @day.  *@sign_recorded: whether that last one could be stored. */
static gboolean
record_course (MesoStore          *store,
               FollowupState      *state,
               const MesoSession  *session,
               Sign                sign,
               gint                day,
               gint                elapsed,
               gboolean           *sign_recorded,
               guint64            *rng,
               GError            **error)
{
  guint expected = meso_followup_expected_days (session->area, session->consistency);
  gint visit = 7 + (gint) meso_demo_rng_below (rng, MESO_FOLLOWUP_REVIEW_DAYS - 6);

  *sign_recorded = FALSE;

  /* The early check comes while redness and small lumps are expected
   * (every area expects them for 5 days at least). */
  if (meso_demo_rng_chance (rng, 12))
    {
      g_autoptr(MesoFollowup) f = meso_followup_new ();
      gint call = 1 + (gint) meso_demo_rng_below (rng, 3);

      if (call <= elapsed)
        {
          f->redness = meso_demo_rng_chance (rng, 70);
          f->swelling = meso_demo_rng_chance (rng, 40);
          f->lumps = meso_demo_rng_chance (rng, 60);
          if (f->lumps && meso_demo_rng_chance (rng, 50))
            f->lump_size_mm = 1 + meso_demo_rng_below (rng, 3);
          f->notes = g_strdup (PICK (rng, early_call_notes));
          if (!record_followup (store, state, session, f, call, error))
            return FALSE;
        }
    }

  /* The review visit: all clear, or small lumps and a little redness
   * still within the days expected for the area and solution. */
  if (visit <= elapsed && !(sign != SIGN_NONE && day == visit))
    {
      g_autoptr(MesoFollowup) f = meso_followup_new ();

      if (visit <= (gint) expected)
        {
          f->lumps = meso_demo_rng_chance (rng, 30);
          f->redness = meso_demo_rng_chance (rng, 10);
        }
      if (f->lumps && meso_demo_rng_chance (rng, 50))
        f->lump_size_mm = 1 + meso_demo_rng_below (rng, 2);
      if (meso_demo_rng_chance (rng, 40))
        f->notes = g_strdup (PICK (rng, unremarkable_notes));
      if (!record_followup (store, state, session, f, visit, error))
        return FALSE;
    }

  if (sign != SIGN_NONE)
    {
      g_autoptr(MesoFollowup) f = meso_followup_new ();

      observe_sign (f, sign, rng);
      if (!record_followup (store, state, session, f, day, error))
        return FALSE;
      *sign_recorded = f->id > 0;
    }
  return TRUE;
}

/* The follow-ups of one stored done session, and the clinician's review
 * of the flag they raise, if any. */
gboolean
meso_demo_make_followups (MesoStore          *store,
                          FollowupState      *state,
                          const MesoPatient  *patient,
                          const MesoSession  *session,
                          gboolean           *showcased,
                          guint64            *rng,
                          GError            **error)
{
  gint elapsed = g_date_days_between (&session->date, &state->today);
  /* -1: left to chance; 0 or 1: a showcase decided it. */
  gint review = -1;
  Sign sign = random_sign (patient, session, rng);
  gboolean sign_recorded = TRUE;
  gint day = -1;

  if (!*showcased && state->showcased != ALL_SHOWCASED)
    {
      guint expected = meso_followup_expected_days (session->area, session->consistency);
      g_autoptr(MesoFlag) reminder = NULL;
      gint i;

      /* The store checks a review against the real today: a reminder that
       * has lapsed by then cannot be reviewed. */
      reminder = meso_followup_reminder_flag (session, &state->real_today);
      i = pick_showcase (state, elapsed, expected, reminder != NULL);
      if (i >= 0)
        {
          sign = showcases[i].sign;
          review = showcases[i].reviewed;
          *showcased = TRUE;
        }
    }

  if (sign != SIGN_NONE)
    {
      day = sign_day (sign, meso_followup_expected_days (session->area, session->consistency),
                      elapsed, rng);
      /* Not seen yet: so far the session goes as usual. */
      if (day < 0)
        sign = SIGN_NONE;
    }
  if (sign != SIGN_NO_FOLLOWUP &&
      !record_course (store, state, session, sign, day, elapsed, &sign_recorded, rng, error))
    return FALSE;
  if (sign == SIGN_NONE || !sign_recorded)
    return TRUE;

  if (review == -1)
    {
      gint raised = sign == SIGN_NO_FOLLOWUP ? MESO_FOLLOWUP_REVIEW_DAYS : day;

      review = is_reviewed (sign, elapsed - raised, rng);
      if (review && sign == SIGN_NO_FOLLOWUP)
        {
          g_autoptr(MesoFlag) reminder = meso_followup_reminder_flag (session, &state->real_today);

          review = reminder != NULL;
        }
    }
  if (!review)
    return TRUE;
  return meso_store_review_flag (store, session->id, sign_codes[sign],
                                 PICK (rng, review_notes[sign]), error);
}
