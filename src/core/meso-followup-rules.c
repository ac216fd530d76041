/* meso-followup-rules.c: the follow-up flag rules.
 *
 * Each rule names the seed document it comes from (../shared/seeds/, see
 * ../shared/domain.md "Warning signs" and "Common after-effects").  Choices
 * the documents leave open are written next to the rule they affect.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "meso-followup-rules.h"

#define SEED_000 "000_3dff7d7878ea26d5.txt"
#define SEED_001 "001_e1b791a31c2e5ae2.txt"
#define SEED_003 "003_2060e19cd3227af0.txt"
#define SEED_004 "004_7f3870fa434bdef8.txt"

typedef struct
{
  const MesoSession  *session;
  const MesoFollowup *followup;
  gint                days;          /* observation date - session date */
  guint               expected_days;
} Observation;

typedef struct
{
  const char        *code;
  MesoFlagSeverity   severity;
  const char        *source;
  const char        *label;          /* N_() */
  /* TRUE when the observation shows the sign. */
  gboolean         (*matches)  (const Observation *obs);
  /* The reason in words, translated; the observation is the latest one
   * that raised the flag (NULL for the no-follow-up reminder). */
  char            *(*describe) (const Observation *obs,
                                const GDate       *review_date);
} Rule;

/* --- observation rules ---------------------------------------------- */

/* 001 and 004: itching, hives, swelling, difficulty breathing; "seek
 * medical attention immediately".  Itching is also among the common
 * after-effects, but the observation field is "itching or hives", and the
 * documents send any sign of allergy to a doctor at once: urgent.  Swelling
 * alone is not an allergy sign (it is expected); with itching or hives it
 * is already covered. */
static gboolean
allergic_reaction_matches (const Observation *obs)
{
  return obs->followup->itching_hives || obs->followup->breathing_difficulty;
}

static char *
allergic_reaction_describe (const Observation *obs,
                            const GDate       *review_date)
{
  if (obs->followup->breathing_difficulty)
    return g_strdup (_("Signs of an allergic reaction (difficulty breathing): seek medical help immediately"));
  if (obs->followup->swelling)
    return g_strdup (_("Signs of an allergic reaction (itching or hives with swelling): seek medical help immediately"));
  return g_strdup (_("Signs of an allergic reaction (itching or hives): seek medical help immediately"));
}

/* 000 ("symptoms of an infection": warmth or redness around the bumps,
 * pain that gets worse, discharge or pus, fever) and 003 (pus, increased
 * warmth: "contact your healthcare provider immediately"). */
static gboolean
infection_matches (const Observation *obs)
{
  const MesoFollowup *f = obs->followup;

  return f->discharge || f->fever ||
         (f->lumps && f->pain && (f->redness || f->warmth));
}

static char *
infection_describe (const Observation *obs,
                    const GDate       *review_date)
{
  const MesoFollowup *f = obs->followup;

  if (f->discharge)
    return g_strdup (_("Possible infection: pus or discharge at an injection site"));
  if (f->fever)
    return g_strdup (_("Possible infection: fever or feeling unwell"));
  return g_strdup (_("Possible infection: lumps that are painful and red or warm"));
}

/* 003: "excessive bleeding or bleeding that doesn't stop, contact your
 * practitioner".  The field records only bleeding that does not stop
 * (pinpoint bleeding is expected and not recorded), and a bleed in progress
 * cannot wait for the next round of reviews: urgent. */
static gboolean
bleeding_matches (const Observation *obs)
{
  return obs->followup->bleeding;
}

static char *
bleeding_describe (const Observation *obs,
                   const GDate       *review_date)
{
  return g_strdup (_("Bleeding that does not stop"));
}

/* 000: "if the lumps don't go away after more than two weeks".  Day 14
 * after the session is still within two weeks; day 15 is not. */
static gboolean
lumps_persisting_matches (const Observation *obs)
{
  return obs->followup->lumps && obs->days > MESO_FOLLOWUP_LUMPS_DAYS;
}

static char *
lumps_persisting_describe (const Observation *obs,
                           const GDate       *review_date)
{
  if (obs->followup->lump_size_mm > 0)
    return g_strdup_printf (_("Lumps (%g mm) still present %d days after the session, more than two weeks"),
                            obs->followup->lump_size_mm, obs->days);
  return g_strdup_printf (_("Lumps still present %d days after the session, more than two weeks"),
                          obs->days);
}

/* 003: "redness and swelling persist longer than expected".  What is
 * expected is the area's lump window of 000 (see
 * meso_followup_expected_days()); within it they are common after-effects. */
static gboolean
prolonged_redness_matches (const Observation *obs)
{
  return (obs->followup->redness || obs->followup->swelling) &&
         obs->days > (gint) obs->expected_days;
}

static char *
prolonged_redness_describe (const Observation *obs,
                            const GDate       *review_date)
{
  const char *what;

  if (obs->followup->redness && obs->followup->swelling)
    what = _("Redness and swelling");
  else if (obs->followup->redness)
    what = _("Redness");
  else
    what = _("Swelling");
  /* TRANSLATORS: %s is "Redness", "Swelling" or "Redness and swelling" */
  return g_strdup_printf (_("%s %d days after the session, longer than the %u days expected for this area and solution"),
                          what, obs->days, obs->expected_days);
}

/* 000 ("granulomas or nodules ... may need medical attention") and 004
 * (granulomatous panniculitis). */
static gboolean
nodules_matches (const Observation *obs)
{
  return obs->followup->nodules;
}

static char *
nodules_describe (const Observation *obs,
                  const GDate       *review_date)
{
  return g_strdup (_("Hard nodules: possible granuloma"));
}

/* 003 (post-inflammatory hyperpigmentation, more likely on darker skin)
 * and 000 ("excessive pigmentation"). */
static gboolean
pigmentation_matches (const Observation *obs)
{
  return obs->followup->pigmentation_change;
}

static char *
pigmentation_describe (const Observation *obs,
                       const GDate       *review_date)
{
  return g_strdup (_("Change in skin pigmentation around the treated area"));
}

/* 001: "significant pain or discomfort ... contact your provider".  Mild
 * pain is expected, and the field records pain worth noting.  Pain that is
 * part of the infection pattern is reported as infection, not twice. */
static gboolean
pain_matches (const Observation *obs)
{
  return obs->followup->pain && !infection_matches (obs);
}

static char *
pain_describe (const Observation *obs,
               const GDate       *review_date)
{
  return g_strdup (_("Significant pain"));
}

/* --- the reminder ---------------------------------------------------- */

/* 001 ("follow-up appointments to assess your progress"), due at the
 * two-week point of 000.  Evaluated in evaluate(), not per observation. */
static char *
no_followup_describe (const Observation *obs,
                      const GDate       *review_date)
{
  g_autofree char *when = meso_date_format (review_date);

  return g_strdup_printf (_("No follow-up recorded by the review date (%s)"), when);
}

/* The table, most urgent first; its order breaks ties in listings. */
static const Rule rules[] = {
  { "allergic_reaction", MESO_FLAG_URGENT, SEED_001 ", " SEED_004,
    N_("Allergic reaction"), allergic_reaction_matches, allergic_reaction_describe },
  { "infection", MESO_FLAG_URGENT, SEED_000 ", " SEED_003,
    N_("Possible infection"), infection_matches, infection_describe },
  { "bleeding", MESO_FLAG_URGENT, SEED_003,
    N_("Bleeding that does not stop"), bleeding_matches, bleeding_describe },
  { "lumps_persisting", MESO_FLAG_REVIEW, SEED_000,
    N_("Lumps beyond two weeks"), lumps_persisting_matches, lumps_persisting_describe },
  { "prolonged_redness", MESO_FLAG_REVIEW, SEED_003 ", " SEED_000,
    N_("Redness or swelling longer than expected"), prolonged_redness_matches, prolonged_redness_describe },
  { "nodules", MESO_FLAG_REVIEW, SEED_000 ", " SEED_004,
    N_("Nodules"), nodules_matches, nodules_describe },
  { "pigmentation", MESO_FLAG_REVIEW, SEED_003 ", " SEED_000,
    N_("Pigmentation change"), pigmentation_matches, pigmentation_describe },
  { "pain", MESO_FLAG_REVIEW, SEED_001,
    N_("Significant pain"), pain_matches, pain_describe },
  { "no_followup", MESO_FLAG_ROUTINE, SEED_001 ", " SEED_000,
    N_("No follow-up recorded"), NULL, no_followup_describe },
};

/* The codes of the table, spelled again so the list can be a constant. */
static const char * const rule_codes[] = {
  "allergic_reaction", "infection", "bleeding", "lumps_persisting",
  "prolonged_redness", "nodules", "pigmentation", "pain", "no_followup",
  NULL
};
G_STATIC_ASSERT (G_N_ELEMENTS (rule_codes) == G_N_ELEMENTS (rules) + 1);

static const Rule *
find_rule (const char *code,
           guint      *index)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_str_equal (rules[i].code, code))
      {
        if (index)
          *index = i;
        return &rules[i];
      }
  return NULL;
}

gboolean
meso_flag_code_is_known (const char *code)
{
  return find_rule (code, NULL) != NULL;
}

const char *
meso_flag_code_to_label (const char *code)
{
  const Rule *rule = find_rule (code, NULL);

  return rule ? g_dgettext (GETTEXT_PACKAGE, rule->label) : NULL;
}

const char * const *
meso_flag_codes (void)
{
  return rule_codes;
}

void
meso_followup_review_date (const MesoSession *session,
                           GDate             *out)
{
  g_date_clear (out, 1);
  if (session == NULL || !g_date_valid (&session->date))
    return;
  *out = session->date;
  g_date_add_days (out, MESO_FOLLOWUP_REVIEW_DAYS);
}

/* 000: lumps "usually disappear in 5-7 days"; face and neck "typically
 * three to five days"; thighs, stomach, buttocks "up to seven or ten
 * days"; thicker solutions linger longer.  We take the upper end of each
 * range, so nothing a document calls normal is flagged, and add 3 days for
 * a thick solution (000 gives no figure: the clinic's choice).  A thin
 * solution does not shorten the window: absorbing faster is not a reason
 * to call a common after-effect abnormal sooner. */
guint
meso_followup_expected_days (MesoArea        area,
                             MesoConsistency consistency)
{
  guint days;

  switch (area)
    {
    case MESO_AREA_FACE:
    case MESO_AREA_NECK:
      days = 5;
      break;
    case MESO_AREA_THIGHS:
    case MESO_AREA_ABDOMEN:
    case MESO_AREA_BUTTOCKS:
      days = 10;
      break;
    case MESO_AREA_DECOLLETE:
    case MESO_AREA_SCALP:
    case MESO_AREA_FLANKS:
    case MESO_AREA_ARMS:
    case MESO_AREA_HANDS:
    case MESO_AREA_OTHER:
    case MESO_N_AREAS:
    default:
      days = 7;
      break;
    }
  if (consistency == MESO_CONSISTENCY_THICK)
    days += 3;
  return days;
}

void
meso_flag_review_free (MesoFlagReview *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->note);
  g_free (self->reviewed_at);
  g_free (self);
}

MesoFlagReview *
meso_flag_review_new (void)
{
  MesoFlagReview *self = g_new0 (MesoFlagReview, 1);

  g_date_clear (&self->covered_date, 1);
  return self;
}

static guint
rule_index (const char *code)
{
  guint i = G_N_ELEMENTS (rules);

  find_rule (code, &i);
  return i;
}

gint
meso_flag_compare (gconstpointer a,
                   gconstpointer b)
{
  const MesoFlag *fa = *(MesoFlag * const *) a;
  const MesoFlag *fb = *(MesoFlag * const *) b;
  gint cmp;
  guint ra, rb;

  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  cmp = g_date_compare (&fa->raised_on, &fb->raised_on);
  if (cmp != 0)
    return cmp;
  if (fa->session_id != fb->session_id)
    return fa->session_id < fb->session_id ? -1 : 1;
  ra = rule_index (fa->code);
  rb = rule_index (fb->code);
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

/* Observation order: by date, then by id (the order they were recorded),
 * an unstored one (id 0) last. */
static gint
followup_compare (gconstpointer a,
                  gconstpointer b)
{
  const MesoFollowup *fa = *(MesoFollowup * const *) a;
  const MesoFollowup *fb = *(MesoFollowup * const *) b;
  gint cmp = g_date_compare (&fa->date, &fb->date);
  guint64 ia = fa->id > 0 ? (guint64) fa->id : G_MAXUINT64;
  guint64 ib = fb->id > 0 ? (guint64) fb->id : G_MAXUINT64;

  if (cmp != 0)
    return cmp;
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

static const MesoFlagReview *
find_review (const GPtrArray *reviews,
             const char      *code)
{
  if (reviews == NULL)
    return NULL;
  for (guint i = 0; i < reviews->len; i++)
    {
      const MesoFlagReview *review = g_ptr_array_index (reviews, i);

      if (g_strcmp0 (review->code, code) == 0)
        return review;
    }
  return NULL;
}

/* Covered by @review: recorded no later than the observation it covered.
 * Ids grow in recording order; an unstored observation is never covered. */
static gboolean
is_covered (const MesoFollowup   *followup,
            const MesoFlagReview *review)
{
  return review != NULL && followup->id > 0 &&
         followup->id <= review->covered_followup_id;
}

static gboolean
session_has_flags (const MesoSession *session,
                   const GDate       *as_of)
{
  return session != NULL && session->status == MESO_SESSION_DONE &&
         g_date_valid (&session->date) && as_of != NULL && g_date_valid (as_of);
}

static MesoFlag *
flag_new (const Rule        *rule,
          const MesoSession *session,
          const GDate       *raised_on,
          char              *reason)
{
  MesoFlag *flag = g_new0 (MesoFlag, 1);

  flag->code = g_strdup (rule->code);
  flag->session_id = session->id;
  flag->patient_id = session->patient_id;
  flag->severity = rule->severity;
  flag->reason = reason;
  flag->source = rule->source;
  flag->raised_on = *raised_on;
  /* Caches the julian day in the GDate, so that sorting a long list
   * compares numbers instead of converting dates each time. */
  g_date_get_julian (&flag->raised_on);
  return flag;
}

/* Whether the reminder is due for a session with no follow-up known. */
static gboolean
reminder_due (const GDate *due,
              const GDate *as_of)
{
  return g_date_valid (due) && g_date_compare (as_of, due) >= 0 &&
         g_date_days_between (due, as_of) <= MESO_FOLLOWUP_REMINDER_LAPSE_DAYS;
}

MesoFlag *
meso_followup_reminder_flag (const MesoSession *session,
                             const GDate       *as_of)
{
  const Rule *rule = &rules[G_N_ELEMENTS (rules) - 1];   /* no_followup */
  GDate due;

  if (!session_has_flags (session, as_of))
    return NULL;
  meso_followup_review_date (session, &due);
  if (!reminder_due (&due, as_of))
    return NULL;
  return flag_new (rule, session, &due, rule->describe (NULL, &due));
}

/* The known observations of the session, in order (borrowed pointers). */
static GPtrArray *
known_followups (const MesoSession *session,
                 const GPtrArray   *followups,
                 const GDate       *as_of)
{
  GPtrArray *known = g_ptr_array_new ();

  if (followups != NULL)
    for (guint i = 0; i < followups->len; i++)
      {
        MesoFollowup *f = g_ptr_array_index (followups, i);

        if (f->session_id != 0 && session->id != 0 && f->session_id != session->id)
          continue;
        if (!g_date_valid (&f->date) || g_date_compare (&f->date, as_of) > 0)
          continue;
        g_ptr_array_add (known, f);
      }
  g_ptr_array_sort (known, followup_compare);
  return known;
}

static void
observation_init (Observation        *obs,
                  const MesoSession  *session,
                  const MesoFollowup *followup)
{
  obs->session = session;
  obs->followup = followup;
  obs->days = g_date_days_between (&session->date, &followup->date);
  obs->expected_days = meso_followup_expected_days (session->area, session->consistency);
}


GPtrArray *
meso_followup_flags_evaluate (const MesoSession *session,
                              const GDate       *review_date,
                              const GPtrArray   *followups,
                              const GPtrArray   *reviews,
                              const GDate       *as_of,
                              gboolean           include_reviewed)
{
  GPtrArray *flags = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_flag_free);
  g_autoptr(GPtrArray) known = NULL;
  GDate due;

  /* Booked and cancelled sessions have nothing to follow up. */
  if (!session_has_flags (session, as_of))
    return flags;

  if (review_date != NULL && g_date_valid (review_date))
    due = *review_date;
  else
    meso_followup_review_date (session, &due);

  known = known_followups (session, followups, as_of);

  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      const Rule *rule = &rules[r];
      const MesoFlagReview *review = find_review (reviews, rule->code);
      const MesoFollowup *first_open = NULL;
      const MesoFollowup *last_open = NULL;
      const MesoFollowup *first = NULL;
      const MesoFollowup *last = NULL;
      Observation obs;
      MesoFlag *flag;

      if (rule->matches == NULL)
        continue;

      for (guint i = 0; i < known->len; i++)
        {
          const MesoFollowup *f = g_ptr_array_index (known, i);

          observation_init (&obs, session, f);
          if (!rule->matches (&obs))
            continue;
          if (first == NULL)
            first = f;
          last = f;
          if (is_covered (f, review))
            continue;
          if (first_open == NULL)
            first_open = f;
          last_open = f;
        }

      if (first_open != NULL)
        {
          /* Open since the first observation the clinician has not seen;
           * described by the latest. */
          observation_init (&obs, session, last_open);
          flag = flag_new (rule, session, &first_open->date, rule->describe (&obs, &due));
          if (review != NULL)
            flag->review_note = g_strdup (review->note);
          g_ptr_array_add (flags, flag);
        }
      else if (first != NULL && include_reviewed)
        {
          observation_init (&obs, session, last);
          flag = flag_new (rule, session, &first->date, rule->describe (&obs, &due));
          /* Every triggering observation is covered, so there is a review. */
          flag->reviewed = TRUE;
          flag->review_note = review ? g_strdup (review->note) : NULL;
          g_ptr_array_add (flags, flag);
        }
    }

  /* The reminder: raised on the review date (not before) while no
   * follow-up is known; any follow-up answers it, even a late one.  It
   * lapses MESO_FOLLOWUP_REMINDER_LAPSE_DAYS after the review date. */
  if (known->len == 0 && reminder_due (&due, as_of))
    {
      const Rule *rule = &rules[G_N_ELEMENTS (rules) - 1];   /* no_followup */
      const MesoFlagReview *review = find_review (reviews, rule->code);

      if (review == NULL || include_reviewed)
        {
          MesoFlag *flag = flag_new (rule, session, &due, rule->describe (NULL, &due));

          if (review != NULL)
            {
              flag->reviewed = TRUE;
              flag->review_note = g_strdup (review->note);
            }
          g_ptr_array_add (flags, flag);
        }
    }

  g_ptr_array_sort (flags, meso_flag_compare);
  return flags;
}

GPtrArray *
meso_followup_flags_compute (const MesoSession *session,
                             const GDate       *review_date,
                             const GPtrArray   *followups,
                             const GDate       *as_of)
{
  return meso_followup_flags_evaluate (session, review_date, followups, NULL, as_of, FALSE);
}

gboolean
meso_followup_flag_coverage (const MesoSession *session,
                             const GDate       *review_date,
                             const GPtrArray   *followups,
                             const char        *code,
                             const GDate       *as_of,
                             gint64            *covered_followup_id,
                             GDate             *covered_date)
{
  g_autoptr(GPtrArray) known = NULL;
  const Rule *rule = find_rule (code, NULL);
  gboolean found = FALSE;
  GDate due;

  *covered_followup_id = 0;
  g_date_clear (covered_date, 1);
  if (rule == NULL || !session_has_flags (session, as_of))
    return FALSE;

  if (rule->matches == NULL)
    {
      g_autoptr(GPtrArray) flags = meso_followup_flags_compute (session, review_date,
                                                                followups, as_of);

      for (guint i = 0; i < flags->len; i++)
        {
          MesoFlag *flag = g_ptr_array_index (flags, i);

          if (g_str_equal (flag->code, code))
            {
              *covered_date = flag->raised_on;
              return TRUE;
            }
        }
      return FALSE;
    }

  if (review_date != NULL && g_date_valid (review_date))
    due = *review_date;
  else
    meso_followup_review_date (session, &due);
  known = known_followups (session, followups, as_of);
  for (guint i = 0; i < known->len; i++)
    {
      const MesoFollowup *f = g_ptr_array_index (known, i);
      Observation obs;

      observation_init (&obs, session, f);
      if (!rule->matches (&obs))
        continue;
      found = TRUE;
      if (f->id > *covered_followup_id)
        {
          *covered_followup_id = f->id;
          *covered_date = f->date;
        }
    }
  return found;
}
