/* meso-demo-data.c: the demo's random numbers, vocabulary, patients and sessions. */
#include "config.h"

#include <string.h>

#include "meso-demo-private.h"

/* ------------------------------------------------------------------ */
/* Random numbers                                                      */

/* SplitMix64: tiny, fast and fully specified, so the demo stays the same
 * across GLib versions and platforms (GRand promises no such thing). */
guint64
meso_demo_rng_next (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

guint
meso_demo_rng_below (guint64 *state,
                     guint    n)
{
  return (guint) (meso_demo_rng_next (state) % n);
}

/* TRUE with probability @percent / 100. */
gboolean
meso_demo_rng_chance (guint64 *state,
                      guint    percent)
{
  return meso_demo_rng_below (state, 100) < percent;
}

/* ------------------------------------------------------------------ */
/* Vocabulary of the demo                                              */

typedef struct
{
  const char *language;
  const char *female[10];
  const char *male[10];
  const char *surnames[12];
  const char *streets[3];     /* '#' is the house number */
  const char *phone;          /* pattern: each '#' becomes a random digit */
} Origin;

static const Origin origins[] = {
  { "fr",
    { "Hélène", "Zoë", "Anaïs", "Noémie", "Maëlle", "Céline", "Dorothée", "Renée", "Éloïse", "Françoise" },
    { "François", "Grégoire", "Jérôme", "Loïc", "Benoît", "Théo", "Raphaël", "Étienne", "Noël", "Cédric" },
    { "Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Bénard", "Lemaître", "Fournier",
      "Chevalier", "Mercier", "Faure", "Gérard" },
    { "# rue des Lilas, 75011 Paris", "# avenue Jean Jaurès, 69007 Lyon",
      "# boulevard de la Liberté, 59800 Lille" },
    "+33 6 ## ## ## ##" },
  { "de",
    { "Anneliese", "Jördis", "Käthe", "Lena", "Sophie", "Ursula", "Bärbel", "Hannah", "Greta", "Lüdia" },
    { "Jürgen", "Jörg", "Björn", "Klaus", "Lukas", "Matthias", "Maximilian", "Günther", "Tobias", "Sönke" },
    { "Müller", "Schröder", "Weiß", "Groß", "Köhler", "Bäcker", "Schmidt", "Wagner",
      "Hoffmann", "Krüger", "Fuchs", "Vogel" },
    { "Hauptstraße #, 10115 Berlin", "Königsallee #, 40212 Düsseldorf",
      "Schillerstraße #, 80336 München" },
    "+49 15# ### ####" },
  { "it",
    { "Giulia", "Francesca", "Chiara", "Beatrice", "Lucrezia", "Alessia", "Martina", "Noemi", "Aurora", "Ilaria" },
    { "Matteo", "Lorenzo", "Niccolò", "Andrea", "Davide", "Luca", "Giosuè", "Nicolò", "Tommaso", "Enea" },
    { "Rossi", "Bianchi", "Esposito", "Ricci", "D’Angelo", "Mancini", "Galli", "Lombardi",
      "Caruso", "De Luca", "Fabbri", "Colombo" },
    { "Via Roma #, 00184 Roma", "Corso Buenos Aires #, 20124 Milano",
      "Via dei Mille #, 80121 Napoli" },
    "+39 3## ### ####" },
  { "es",
    { "Lucía", "Inés", "Mónica", "Pilar", "Begoña", "Nuria", "Ainhoa", "Ximena", "Sofía", "Marta" },
    { "José", "Andrés", "Iñaki", "Jesús", "Álvaro", "Sergio", "Rubén", "Ramón", "Joaquín", "Óscar" },
    { "García", "Fernández", "Núñez", "Muñoz", "Martínez", "Sánchez", "Gómez", "Peña",
      "Ibáñez", "Ortega", "Díaz", "Rodríguez" },
    { "Calle Mayor #, 28013 Madrid", "Carrer de Mallorca #, 08036 Barcelona",
      "Avenida de la Constitución #, 41004 Sevilla" },
    "+34 6## ### ###" },
  { "en",
    { "Siobhán", "Aoife", "Niamh", "Charlotte", "Emily", "Małgorzata", "Zoë", "Amara", "Priya", "Ingrid" },
    { "Łukasz", "Seán", "Oliver", "James", "Darragh", "Kwame", "Søren", "Paweł", "Rahul", "Ólafur" },
    { "O’Brien", "Murphy", "Kowalski", "Wójcik", "Smith", "Patel", "Okafor", "Brontë",
      "Jørgensen", "Nowak", "Byrne", "Ó Súilleabháin" },
    { "# Baker Street, London NW1 6XE", "# Grafton Street, Dublin 2",
      "# Princes Street, Edinburgh EH2 2ER" },
    /* Ofcom's range reserved for drama: never a real person's number. */
    "+44 7700 900###" },
};

static const Solution rejuvenation_solutions[] = {
  { "Hyaluronic acid 1% + vitamin C", { "hyaluronic acid", "vitamin C", NULL }, MESO_CONSISTENCY_MEDIUM, "HAC" },
  { "Polyrevitalizing cocktail (NCTF 135HA)",
    { "hyaluronic acid", "vitamins", "amino acids", "coenzymes", "minerals", NULL }, MESO_CONSISTENCY_THIN, "NCT" },
  { "Non-crosslinked hyaluronic acid 2%", { "hyaluronic acid", NULL }, MESO_CONSISTENCY_THICK, "HA2" },
  { "Vitamin C 10% + glutathione", { "vitamin C", "glutathione", NULL }, MESO_CONSISTENCY_THIN, "VCG" },
  { "Organic silicon + DMAE", { "organic silicon", "DMAE", NULL }, MESO_CONSISTENCY_THIN, "OSD" },
};

static const Solution hair_solutions[] = {
  { "Biotin + dexpanthenol + zinc", { "biotin", "dexpanthenol", "zinc", NULL }, MESO_CONSISTENCY_THIN, "BDZ" },
  { "Growth-factor hair cocktail", { "growth factors", "biotin", "copper peptide", NULL }, MESO_CONSISTENCY_THIN, "GFH" },
};

static const Solution cellulite_solutions[] = {
  { "Caffeine + organic silicon", { "caffeine", "organic silicon", NULL }, MESO_CONSISTENCY_THIN, "CAF" },
  { "Artichoke extract + L-carnitine", { "artichoke extract", "L-carnitine", NULL }, MESO_CONSISTENCY_MEDIUM, "ART" },
  { "Centella asiatica + caffeine", { "centella asiatica", "caffeine", NULL }, MESO_CONSISTENCY_MEDIUM, "CEN" },
};

static const Solution fat_solutions[] = {
  { "Phosphatidylcholine + deoxycholate", { "phosphatidylcholine", "sodium deoxycholate", NULL }, MESO_CONSISTENCY_THICK, "PCD" },
  { "L-carnitine + caffeine", { "L-carnitine", "caffeine", NULL }, MESO_CONSISTENCY_THIN, "LCC" },
};

static const MesoArea rejuvenation_areas[] = {
  MESO_AREA_FACE, MESO_AREA_FACE, MESO_AREA_FACE, MESO_AREA_NECK, MESO_AREA_DECOLLETE, MESO_AREA_HANDS,
};
static const MesoArea cellulite_areas[] = {
  MESO_AREA_THIGHS, MESO_AREA_THIGHS, MESO_AREA_BUTTOCKS, MESO_AREA_ABDOMEN, MESO_AREA_ARMS,
};
static const MesoArea fat_areas[] = {
  MESO_AREA_ABDOMEN, MESO_AREA_ABDOMEN, MESO_AREA_FLANKS, MESO_AREA_THIGHS, MESO_AREA_ARMS,
};

static const char * const practitioners[] = {
  "Dr Amélie Rousseau", "Dr Marco Bianchi", "Dr Inés Navarro", "Dr Katharina Vogel", "Dr Siobhán Kelly",
};

static const char * const benign_medications[] = {
  "Levothyroxine 50 µg", "Atorvastatin 20 mg", "Combined oral contraceptive",
  "Vitamin D 1000 IU", "Omeprazole 20 mg", "Cetirizine 10 mg as needed",
};
static const char * const thinning_medications[] = {
  "Aspirin 100 mg", "Clopidogrel 75 mg", "Apixaban 5 mg twice daily", "Warfarin 5 mg",
};
static const char * const nsaid_medications[] = {
  "Ibuprofen 400 mg as needed", "Naproxen 250 mg", "Diclofenac gel",
};
static const char * const cardiac_medications[] = {
  "Bisoprolol 5 mg", "Ramipril 5 mg", "Amlodipine 5 mg",
};
static const char * const other_allergies[] = {
  "Penicillin", "Latex", "Nickel", "Pollen", "Peanuts",
};

static const char * const patient_notes[] = {
  "Prefers morning appointments.",
  "Needle-phobic: numbing cream 30 minutes before.",
  "Referred by Dr Lefèvre (dermatology).",
  "Wants to see results before the summer holidays.",
  "Works night shifts: call after 14:00.",
};

static const char * const session_notes[] = {
  "Tolerated well.",
  "Mild bruising at two injection points; cold pack applied.",
  "Small papules visible at the end of the session, as expected.",
  "Patient asked for a lighter schedule.",
  "Photos taken before treatment (consent on file).",
};

gboolean
meso_demo_takes_blood_thinner (const MesoPatient *patient)
{
  const GPtrArray *meds = patient->history->medications;

  for (guint i = 0; meds != NULL && i < meds->len; i++)
    for (guint k = 0; k < G_N_ELEMENTS (thinning_medications); k++)
      if (g_str_equal (g_ptr_array_index (meds, i), thinning_medications[k]))
        return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Profiles                                                            */

void
meso_demo_add_strv (GPtrArray  *array,
                    const char *text)
{
  g_ptr_array_add (array, g_strdup (text));
}

void
meso_demo_date_add_days (GDate       *out,
                         const GDate *from,
                         gint         days)
{
  *out = *from;
  if (days >= 0)
    g_date_add_days (out, days);
  else
    g_date_subtract_days (out, -days);
}

static char *
make_phone (const char *pattern,
            guint64    *rng)
{
  char *phone = g_strdup (pattern);

  for (char *c = phone; *c; c++)
    if (*c == '#')
      *c = (char) ('0' + meso_demo_rng_below (rng, 10));
  return phone;
}

/* The email local part: ASCII, lower case, no spaces or apostrophes. */
static char *
make_email (const char *first,
            const char *last,
            guint64    *rng)
{
  static const char * const domains[] = { "example.com", "example.org", "example.net" };
  g_autofree char *full = g_strdup_printf ("%s.%s", first, last);
  g_autofree char *ascii = g_str_to_ascii (full, "C");
  g_autoptr(GString) local = g_string_new (NULL);

  for (const char *c = ascii; *c; c++)
    if (g_ascii_isalnum (*c) || *c == '.')
      g_string_append_c (local, g_ascii_tolower (*c));
  return g_strdup_printf ("%s@%s", local->str, PICK (rng, domains));
}

static void
choose_treatment (Plan    *plan,
                  MesoSex  sex,
                  guint64 *rng)
{
  guint r = meso_demo_rng_below (rng, 100);

  /* Rejuvenation is the bulk of a clinic's work; hair loss is more often
   * asked for by men, cellulite by women. */
  if (r < 50)
    {
      plan->indication = MESO_INDICATION_REJUVENATION;
      plan->area = PICK (rng, rejuvenation_areas);
      plan->solution = &PICK (rng, rejuvenation_solutions);
    }
  else if (r < (sex == MESO_SEX_MALE ? 80u : 60u))
    {
      plan->indication = MESO_INDICATION_HAIR_LOSS;
      plan->area = MESO_AREA_SCALP;
      plan->solution = &PICK (rng, hair_solutions);
    }
  else if (r < 85 && sex != MESO_SEX_MALE)
    {
      plan->indication = MESO_INDICATION_CELLULITE;
      plan->area = PICK (rng, cellulite_areas);
      plan->solution = &PICK (rng, cellulite_solutions);
    }
  else
    {
      plan->indication = MESO_INDICATION_FAT_REDUCTION;
      plan->area = PICK (rng, fat_areas);
      plan->solution = &PICK (rng, fat_solutions);
    }
}

static const guint leap_years[] = { 1952, 1964, 1976, 1988, 1996, 2000, 2004, 2008 };

void
meso_demo_latest_adult_birth (GDate *out)
{
  GDate leap;

  g_date_clear (out, 1);
  g_date_set_dmy (out, 1, G_DATE_JANUARY, DEMO_ADULT_BIRTH_FIRST_YEAR);
  g_date_add_days (out, DEMO_ADULT_BIRTH_SPAN - 1);
  g_date_clear (&leap, 1);
  for (guint i = 0; i < G_N_ELEMENTS (leap_years); i++)
    {
      g_date_set_dmy (&leap, 29, G_DATE_FEBRUARY, leap_years[i]);
      if (g_date_compare (&leap, out) > 0)
        *out = leap;
    }
}

static void
random_birth (GDate       *out,
              guint64     *rng,
              guint        index,
              const GDate *today,
              gboolean     minor)
{
  GDate first;

  g_date_clear (out, 1);
  if (minor)
    {
      /* 15 to 17 years old on "today": refused by the legal-age rule. */
      meso_demo_date_add_days (out, today, -(gint) (DEMO_MINOR_AGE_MIN + meso_demo_rng_below (rng, DEMO_MINOR_AGE_SPAN)));
      return;
    }
  /* A 29 February birthday now and then (and always patient 6), for the
   * leap-day age rule. */
  if (index == 6 || meso_demo_rng_below (rng, 200) == 0)
    {
      g_date_set_dmy (out, 29, G_DATE_FEBRUARY, PICK (rng, leap_years));
      return;
    }
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, DEMO_ADULT_BIRTH_FIRST_YEAR);
  /* 1950-01-01 .. 2007-12-31: adults whatever "today" the demo is run on
   * after 2025; the minors above are the only minors. */
  meso_demo_date_add_days (out, &first, (gint) meso_demo_rng_below (rng, DEMO_ADULT_BIRTH_SPAN));
}

static MesoAnswer
incomplete_answer (guint64 *rng)
{
  return meso_demo_rng_chance (rng, 50) ? MESO_ANSWER_NOT_ASKED : MESO_ANSWER_UNKNOWN;
}

static void
fill_history (MesoHistory *h,
              Plan        *plan,
              MesoSex      sex,
              guint64     *rng,
              const GDate *today)
{
  GDate confirmed;

  meso_demo_date_add_days (&confirmed, today, -(gint) meso_demo_rng_below (rng, 400));
  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    {
      h->conditions[c].answer = MESO_ANSWER_NO;
      h->conditions[c].confirmed = confirmed;
    }
  h->medications_state = MESO_LIST_NONE_KNOWN;
  h->medications_confirmed = confirmed;
  h->allergies_state = MESO_LIST_NONE_KNOWN;
  h->allergies_confirmed = confirmed;
  h->fitzpatrick = 1 + meso_demo_rng_below (rng, 3);

  /* Harmless medication, for realism: it changes no verdict. */
  if (meso_demo_rng_chance (rng, 25))
    {
      h->medications_state = MESO_LIST_RECORDED;
      meso_demo_add_strv (h->medications, PICK (rng, benign_medications));
    }

  switch (plan->profile)
    {
    case PROFILE_CLEAR:
      break;

    case PROFILE_CAUTION:
      switch (meso_demo_rng_below (rng, 7))
        {
        case 0:
          h->medications_state = MESO_LIST_RECORDED;
          meso_demo_add_strv (h->medications, PICK (rng, thinning_medications));
          break;
        case 1:
          h->medications_state = MESO_LIST_RECORDED;
          meso_demo_add_strv (h->medications, PICK (rng, nsaid_medications));
          break;
        case 2:
          h->bruises_easily = TRUE;
          break;
        case 3:
          h->sensitive_skin = TRUE;
          break;
        case 4:
          h->fitzpatrick = 4 + meso_demo_rng_below (rng, 3);
          break;
        case 5:
          h->allergies_state = MESO_LIST_RECORDED;
          meso_demo_add_strv (h->allergies, PICK (rng, other_allergies));
          break;
        default:
          /* Cardiac disease without medication is a caution (004). */
          h->conditions[MESO_CONDITION_CARDIAC_DISEASE].answer = MESO_ANSWER_YES;
          h->medications_state = MESO_LIST_NONE_KNOWN;
          g_ptr_array_set_size (h->medications, 0);
          break;
        }
      if (meso_demo_rng_chance (rng, 20))
        h->sensitive_skin = TRUE;
      break;

    case PROFILE_INCOMPLETE:
      /* Consultation interrupted, or a returning patient whose form
       * predates a question. */
      switch (meso_demo_rng_below (rng, 3))
        {
        case 0:
          for (guint c = 0; c < MESO_N_CONDITIONS; c++)
            if (meso_demo_rng_chance (rng, 40))
              {
                h->conditions[c].answer = incomplete_answer (rng);
                g_date_clear (&h->conditions[c].confirmed, 1);
              }
          h->conditions[MESO_CONDITION_CANCER].answer = MESO_ANSWER_UNKNOWN;
          g_date_clear (&h->conditions[MESO_CONDITION_CANCER].confirmed, 1);
          break;
        case 1:
          h->medications_state = MESO_LIST_NOT_ASKED;
          g_ptr_array_set_size (h->medications, 0);
          g_date_clear (&h->medications_confirmed, 1);
          break;
        default:
          for (guint c = 0; c < MESO_N_CONDITIONS; c++)
            {
              h->conditions[c].answer = MESO_ANSWER_NOT_ASKED;
              g_date_clear (&h->conditions[c].confirmed, 1);
            }
          h->allergies_state = MESO_LIST_NOT_ASKED;
          g_date_clear (&h->allergies_confirmed, 1);
          h->fitzpatrick = 0;
          break;
        }
      break;

    case PROFILE_CONTRAINDICATED:
      switch (plan->contra)
        {
        case CONTRA_CONDITION:
          {
            static const MesoCondition women[] = {
              MESO_CONDITION_PREGNANCY, MESO_CONDITION_BREASTFEEDING,
            };
            static const MesoCondition anyone[] = {
              MESO_CONDITION_DIABETES, MESO_CONDITION_DIABETES, MESO_CONDITION_AUTOIMMUNE_DISEASE,
              MESO_CONDITION_URTICARIA, MESO_CONDITION_COAGULATION_DISORDER,
              MESO_CONDITION_SEVERE_CHRONIC_ILLNESS, MESO_CONDITION_PARALYSIS_HISTORY,
              MESO_CONDITION_CANCER,
            };
            MesoCondition c = sex == MESO_SEX_FEMALE && meso_demo_rng_chance (rng, 25)
                              ? PICK (rng, women) : PICK (rng, anyone);

            h->conditions[c].answer = MESO_ANSWER_YES;
          }
          break;
        case CONTRA_CARDIAC_MEDICATED:
          h->conditions[MESO_CONDITION_CARDIAC_DISEASE].answer = MESO_ANSWER_YES;
          h->medications_state = MESO_LIST_RECORDED;
          meso_demo_add_strv (h->medications, PICK (rng, cardiac_medications));
          break;
        case CONTRA_UNDER_AGE:
          break;
        case CONTRA_INGREDIENT_ALLERGY:
          h->allergies_state = MESO_LIST_RECORDED;
          /* The first ingredient, capitalized as a patient would say it. */
          {
            const char *ingredient = plan->solution->ingredients[0];
            g_autofree char *first = g_utf8_substring (ingredient, 0, 1);
            g_autofree char *upper = g_utf8_strup (first, -1);

            g_ptr_array_add (h->allergies,
                             g_strconcat (upper, g_utf8_offset_to_pointer (ingredient, 1), NULL));
          }
          break;
        default:
          g_assert_not_reached ();
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Patient @index of @seed, with the plan its sessions follow. */
MesoPatient *
meso_demo_generate_patient (guint64      seed,
                            guint        index,
                            const GDate *today,
                            Plan        *plan,
                            guint64     *rng)
{
  /* Patients 0-7 cycle through the profiles, so that even a tiny demo
   * shows every verdict; after that the mix is random. */
  static const Profile first_profiles[] = {
    PROFILE_CLEAR, PROFILE_CAUTION, PROFILE_CONTRAINDICATED, PROFILE_INCOMPLETE,
    PROFILE_CLEAR, PROFILE_CAUTION, PROFILE_CLEAR, PROFILE_CONTRAINDICATED,
  };
  MesoPatient *p = meso_patient_new ();
  const Origin *origin;
  const char *first, *last;
  guint r;

  /* Each patient has its own stream: patient i is the same whatever the
   * number of patients asked for. */
  *rng = seed ^ (G_GUINT64_CONSTANT (0x6a09e667f3bcc909) * (index + 1));
  meso_demo_rng_next (rng);

  if (index < G_N_ELEMENTS (first_profiles))
    plan->profile = first_profiles[index];
  else
    {
      r = meso_demo_rng_below (rng, 100);
      plan->profile = r < 40 ? PROFILE_CLEAR : r < 72 ? PROFILE_CAUTION
                      : r < 87 ? PROFILE_INCOMPLETE : PROFILE_CONTRAINDICATED;
    }
  r = meso_demo_rng_below (rng, 100);
  plan->contra = index == 7 ? CONTRA_UNDER_AGE
                 : r < 55 ? CONTRA_CONDITION : r < 70 ? CONTRA_CARDIAC_MEDICATED
                 : r < 85 ? CONTRA_UNDER_AGE : CONTRA_INGREDIENT_ALLERGY;

  origin = &PICK (rng, origins);
  r = meso_demo_rng_below (rng, 100);
  p->sex = r < 68 ? MESO_SEX_FEMALE : r < 98 ? MESO_SEX_MALE : MESO_SEX_UNSPECIFIED;
  first = p->sex == MESO_SEX_MALE ? PICK (rng, origin->male) : PICK (rng, origin->female);
  last = PICK (rng, origin->surnames);
  p->name = g_strdup_printf ("%s %s", first, last);
  g_free (p->language);
  p->language = g_strdup (origin->language);

  random_birth (&p->date_of_birth, rng, index, today,
                plan->profile == PROFILE_CONTRAINDICATED && plan->contra == CONTRA_UNDER_AGE);

  p->phone = make_phone (origin->phone, rng);
  if (meso_demo_rng_chance (rng, 70))
    p->email = make_email (first, last, rng);
  if (meso_demo_rng_chance (rng, 60))
    {
      g_auto(GStrv) parts = g_strsplit (PICK (rng, origin->streets), "#", 2);
      g_autofree char *number = g_strdup_printf ("%u", 1 + meso_demo_rng_below (rng, 180));

      p->address = g_strjoin (number, parts[0], parts[1], NULL);
    }
  if (meso_demo_rng_chance (rng, 15))
    p->notes = g_strdup (PICK (rng, patient_notes));

  choose_treatment (plan, p->sex, rng);
  fill_history (p->history, plan, p->sex, rng, today);
  return p;
}

MesoPatient *
meso_demo_make_patient (guint64      seed,
                        guint        index,
                        const GDate *today)
{
  Plan plan = { 0 };
  guint64 rng;

  return meso_demo_generate_patient (seed, index, today, &plan, &rng);
}

static const char *
override_reason_for (const MesoScreening *screening,
                     guint64             *rng)
{
  if (meso_screening_find (screening, "under_age") != NULL)
    return "Written consent of both parents on file; dermatologist referral for the treatment.";
  if (meso_screening_find (screening, "diabetes") != NULL)
    return "Diabetes well controlled (HbA1c 6.1%); endocrinologist’s written clearance on file.";
  if (meso_screening_find (screening, "cardiac_disease") != NULL)
    return "Stable on treatment; cardiologist’s written clearance on file.";
  return meso_demo_rng_chance (rng, 50)
         ? "Reviewed by the supervising clinician; written clearance from the patient’s physician on file."
         : "Condition in remission for over five years; specialist’s letter on file.";
}

static void
set_needle (MesoSession *s,
            guint64     *rng)
{
  switch (s->area)
    {
    case MESO_AREA_FACE:
    case MESO_AREA_NECK:
    case MESO_AREA_DECOLLETE:
    case MESO_AREA_HANDS:
      s->needle_gauge = meso_demo_rng_chance (rng, 60) ? 32 : 30;
      s->needle_length_mm = 4.0;
      s->depth_mm = meso_demo_rng_chance (rng, 50) ? 1.5 : 2.0;
      s->angle_deg = meso_demo_rng_chance (rng, 50) ? 30.0 : 45.0;
      s->technique = meso_demo_rng_chance (rng, 60) ? MESO_TECHNIQUE_NAPPAGE : MESO_TECHNIQUE_PAPULE;
      s->volume_ml = meso_demo_rng_chance (rng, 50) ? 2.0 : 2.5;
      break;

    case MESO_AREA_SCALP:
      s->needle_gauge = 30;
      s->needle_length_mm = 4.0;
      s->depth_mm = 2.0;
      s->angle_deg = 45.0;
      s->technique = meso_demo_rng_chance (rng, 70) ? MESO_TECHNIQUE_POINT_BY_POINT : MESO_TECHNIQUE_NAPPAGE;
      s->volume_ml = meso_demo_rng_chance (rng, 50) ? 3.0 : 4.0;
      break;

    default:
      /* Body: 27 G 4 mm, or a 13 mm needle for linear retrograde (004). */
      if (meso_demo_rng_chance (rng, 60))
        {
          s->needle_gauge = 27;
          s->needle_length_mm = 4.0;
          s->depth_mm = 3.0;
          s->angle_deg = 45.0;
          s->technique = MESO_TECHNIQUE_POINT_BY_POINT;
        }
      else
        {
          s->needle_gauge = 30;
          s->needle_length_mm = 13.0;
          s->depth_mm = 6.0;
          s->angle_deg = 30.0;
          s->technique = MESO_TECHNIQUE_LINEAR_RETROGRADE;
        }
      s->volume_ml = meso_demo_rng_chance (rng, 50) ? 5.0 : 7.5;
      break;
    }
}

static MesoSession *
make_session (const MesoPatient  *patient,
              const Plan         *plan,
              const GDate        *date,
              gint                time_minutes,
              MesoSessionStatus   status,
              const MesoSettings *settings,
              guint64            *rng)
{
  MesoSession *s = meso_session_new ();
  g_autoptr(MesoScreening) screening = NULL;
  MesoPlan mplan;

  s->patient_id = patient->id;
  s->date = *date;
  s->time_minutes = time_minutes;
  s->status = status;
  s->indication = plan->indication;
  s->area = plan->area;
  s->solution_name = g_strdup (plan->solution->name);
  for (guint i = 0; plan->solution->ingredients[i] != NULL; i++)
    meso_demo_add_strv (s->ingredients, plan->solution->ingredients[i]);
  s->consistency = plan->solution->consistency;
  s->batch = g_strdup_printf ("%s-%02u-%04u", plan->solution->batch_prefix,
                              g_date_get_year (date) % 100, meso_demo_rng_below (rng, 10000));
  meso_demo_date_add_days (&s->batch_expiry, date,
                           DEMO_EXPIRY_MIN + (gint) meso_demo_rng_below (rng, DEMO_EXPIRY_SPAN));
  set_needle (s, rng);
  /* Body areas: 002's daily massage; face: the clinic's default; and now
   * and then a practitioner who follows 004. */
  if (meso_demo_rng_chance (rng, 10))
    s->massage = MESO_MASSAGE_AVOID;
  else if (!meso_area_is_facial (s->area) && s->area != MESO_AREA_SCALP)
    s->massage = MESO_MASSAGE_RECOMMENDED;
  else
    s->massage = settings->default_massage;
  s->practitioner = g_strdup (PICK (rng, practitioners));
  if (meso_demo_rng_chance (rng, 20))
    s->notes = g_strdup (PICK (rng, session_notes));

  /* What booking would have required of this session. */
  mplan.date = *date;
  mplan.area = s->area;
  mplan.ingredients = s->ingredients;
  screening = meso_screen (&patient->date_of_birth, patient->history, &mplan, settings);
  for (guint i = 0; i < screening->findings->len; i++)
    {
      const MesoFinding *f = g_ptr_array_index (screening->findings, i);

      if (f->severity == MESO_SEVERITY_CAUTION)
        meso_demo_add_strv (s->acknowledged, f->code);
    }
  if (screening->verdict == MESO_VERDICT_CONTRAINDICATED)
    s->override_reason = g_strdup (override_reason_for (screening, rng));
  return s;
}

/* Appends the sessions of @patient (already stored) to @sessions. */
void
meso_demo_make_sessions (const MesoPatient  *patient,
                         const Plan         *plan,
                         guint               index,
                         const GDate        *today,
                         const MesoSettings *settings,
                         guint64            *rng,
                         GPtrArray          *sessions)
{
  GDate date;
  guint n_past;

  /* A contraindicated patient is seldom treated: only a few, overridden,
   * and never against an allergy to the solution. */
  if (plan->profile == PROFILE_CONTRAINDICATED &&
      (plan->contra == CONTRA_INGREDIENT_ALLERGY || !meso_demo_rng_chance (rng, 35)))
    n_past = 0;
  else if (plan->profile == PROFILE_CONTRAINDICATED)
    n_past = 1;
  else
    n_past = meso_demo_rng_below (rng, DEMO_PAST_MAX + 1);

  /* Past sessions, the latest first, 2-8 weeks apart (000, 001, 002:
   * leave the skin time to heal). */
  meso_demo_date_add_days (&date, today,
                           -(gint) (DEMO_FIRST_PAST_MIN + meso_demo_rng_below (rng, DEMO_FIRST_PAST_SPAN)));
  for (guint i = 0; i < n_past; i++)
    {
      MesoSessionStatus status = meso_demo_rng_chance (rng, 6) ? MESO_SESSION_CANCELLED : MESO_SESSION_DONE;
      gint time = 9 * 60 + 30 * (gint) meso_demo_rng_below (rng, 18);

      g_ptr_array_add (sessions, make_session (patient, plan, &date, time, status, settings, rng));
      g_date_subtract_days (&date, DEMO_PAST_GAP_MIN + meso_demo_rng_below (rng, DEMO_PAST_GAP_SPAN));
    }

  /* Today's list: one patient in 40 (and patient 1), 09:00-17:30. */
  if (index % 40 == 1)
    g_ptr_array_add (sessions, make_session (patient, plan, today, 9 * 60 + 30 * ((index / 40) % 18),
                                             MESO_SESSION_BOOKED, settings, rng));

  /* A booked course continues in 1-8 weeks; sometimes without a time yet. */
  if (plan->profile != PROFILE_CONTRAINDICATED && meso_demo_rng_chance (rng, 30))
    {
      gint time = meso_demo_rng_chance (rng, 15) ? -1 : 9 * 60 + 30 * (gint) meso_demo_rng_below (rng, 18);

      meso_demo_date_add_days (&date, today, DEMO_NEXT_MIN + (gint) meso_demo_rng_below (rng, DEMO_NEXT_SPAN));
      g_ptr_array_add (sessions, make_session (patient, plan, &date, time,
                                               MESO_SESSION_BOOKED, settings, rng));
    }
}
