/* meso-demo.c: realistic, deterministic synthetic patients, sessions and
 * follow-ups. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "meso-audit.h"
#include "meso-demo.h"
#include "meso-followup-rules.h"

G_DEFINE_QUARK (meso-demo-error-quark, meso_demo_error)

/* ------------------------------------------------------------------ */
/* Random numbers                                                      */

/* SplitMix64: tiny, fast and fully specified, so the demo stays the same
 * across GLib versions and platforms (GRand promises no such thing). */
static guint64
rng_next (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static guint
rng_below (guint64 *state,
           guint    n)
{
  return (guint) (rng_next (state) % n);
}

/* TRUE with probability @percent / 100. */
static gboolean
rng_chance (guint64 *state,
            guint    percent)
{
  return rng_below (state, 100) < percent;
}

#define PICK(state, array) ((array)[rng_below ((state), G_N_ELEMENTS (array))])

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

typedef struct
{
  const char      *name;
  const char      *ingredients[6];
  MesoConsistency  consistency;
  const char      *batch_prefix;
} Solution;

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

/* ------------------------------------------------------------------ */
/* Profiles                                                            */

typedef enum
{
  PROFILE_CLEAR,
  PROFILE_CAUTION,
  PROFILE_INCOMPLETE,
  PROFILE_CONTRAINDICATED,
} Profile;

typedef enum
{
  CONTRA_CONDITION,          /* a contraindicating condition answered yes */
  CONTRA_CARDIAC_MEDICATED,  /* cardiac disease with medication */
  CONTRA_UNDER_AGE,
  CONTRA_INGREDIENT_ALLERGY,
} ContraKind;

typedef struct
{
  Profile          profile;
  ContraKind       contra;
  MesoIndication   indication;
  MesoArea         area;
  const Solution  *solution;
} Plan;

static void
add_strv (GPtrArray  *array,
          const char *text)
{
  g_ptr_array_add (array, g_strdup (text));
}

static void
date_add_days (GDate       *out,
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
      *c = (char) ('0' + rng_below (rng, 10));
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
  guint r = rng_below (rng, 100);

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

static void
random_birth (GDate       *out,
              guint64     *rng,
              guint        index,
              const GDate *today,
              gboolean     minor)
{
  static const guint leap_years[] = { 1952, 1964, 1976, 1988, 1996, 2000, 2004, 2008 };
  GDate first;

  g_date_clear (out, 1);
  if (minor)
    {
      /* 15 to 17 years old on "today": refused by the legal-age rule. */
      date_add_days (out, today, -(gint) (15 * 365 + 4 + rng_below (rng, 3 * 365 - 10)));
      return;
    }
  /* A 29 February birthday now and then (and always patient 6), for the
   * leap-day age rule. */
  if (index == 6 || rng_below (rng, 200) == 0)
    {
      g_date_set_dmy (out, 29, G_DATE_FEBRUARY, PICK (rng, leap_years));
      return;
    }
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, 1950);
  /* 1950-01-01 .. 2007-12-31: adults whatever "today" the demo is run on
   * after 2025; the minors above are the only minors. */
  date_add_days (out, &first, (gint) rng_below (rng, 21184));
}

static MesoAnswer
incomplete_answer (guint64 *rng)
{
  return rng_chance (rng, 50) ? MESO_ANSWER_NOT_ASKED : MESO_ANSWER_UNKNOWN;
}

static void
fill_history (MesoHistory *h,
              Plan        *plan,
              MesoSex      sex,
              guint64     *rng,
              const GDate *today)
{
  GDate confirmed;

  date_add_days (&confirmed, today, -(gint) rng_below (rng, 400));
  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    {
      h->conditions[c].answer = MESO_ANSWER_NO;
      h->conditions[c].confirmed = confirmed;
    }
  h->medications_state = MESO_LIST_NONE_KNOWN;
  h->medications_confirmed = confirmed;
  h->allergies_state = MESO_LIST_NONE_KNOWN;
  h->allergies_confirmed = confirmed;
  h->fitzpatrick = 1 + rng_below (rng, 3);

  /* Harmless medication, for realism: it changes no verdict. */
  if (rng_chance (rng, 25))
    {
      h->medications_state = MESO_LIST_RECORDED;
      add_strv (h->medications, PICK (rng, benign_medications));
    }

  switch (plan->profile)
    {
    case PROFILE_CLEAR:
      break;

    case PROFILE_CAUTION:
      switch (rng_below (rng, 7))
        {
        case 0:
          h->medications_state = MESO_LIST_RECORDED;
          add_strv (h->medications, PICK (rng, thinning_medications));
          break;
        case 1:
          h->medications_state = MESO_LIST_RECORDED;
          add_strv (h->medications, PICK (rng, nsaid_medications));
          break;
        case 2:
          h->bruises_easily = TRUE;
          break;
        case 3:
          h->sensitive_skin = TRUE;
          break;
        case 4:
          h->fitzpatrick = 4 + rng_below (rng, 3);
          break;
        case 5:
          h->allergies_state = MESO_LIST_RECORDED;
          add_strv (h->allergies, PICK (rng, other_allergies));
          break;
        default:
          /* Cardiac disease without medication is a caution (004). */
          h->conditions[MESO_CONDITION_CARDIAC_DISEASE].answer = MESO_ANSWER_YES;
          h->medications_state = MESO_LIST_NONE_KNOWN;
          g_ptr_array_set_size (h->medications, 0);
          break;
        }
      if (rng_chance (rng, 20))
        h->sensitive_skin = TRUE;
      break;

    case PROFILE_INCOMPLETE:
      /* Consultation interrupted, or a returning patient whose form
       * predates a question. */
      switch (rng_below (rng, 3))
        {
        case 0:
          for (guint c = 0; c < MESO_N_CONDITIONS; c++)
            if (rng_chance (rng, 40))
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
            MesoCondition c = sex == MESO_SEX_FEMALE && rng_chance (rng, 25)
                              ? PICK (rng, women) : PICK (rng, anyone);

            h->conditions[c].answer = MESO_ANSWER_YES;
          }
          break;
        case CONTRA_CARDIAC_MEDICATED:
          h->conditions[MESO_CONDITION_CARDIAC_DISEASE].answer = MESO_ANSWER_YES;
          h->medications_state = MESO_LIST_RECORDED;
          add_strv (h->medications, PICK (rng, cardiac_medications));
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
static MesoPatient *
generate_patient (guint64      seed,
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
  rng_next (rng);

  if (index < G_N_ELEMENTS (first_profiles))
    plan->profile = first_profiles[index];
  else
    {
      r = rng_below (rng, 100);
      plan->profile = r < 40 ? PROFILE_CLEAR : r < 72 ? PROFILE_CAUTION
                      : r < 87 ? PROFILE_INCOMPLETE : PROFILE_CONTRAINDICATED;
    }
  r = rng_below (rng, 100);
  plan->contra = index == 7 ? CONTRA_UNDER_AGE
                 : r < 55 ? CONTRA_CONDITION : r < 70 ? CONTRA_CARDIAC_MEDICATED
                 : r < 85 ? CONTRA_UNDER_AGE : CONTRA_INGREDIENT_ALLERGY;

  origin = &PICK (rng, origins);
  r = rng_below (rng, 100);
  p->sex = r < 68 ? MESO_SEX_FEMALE : r < 98 ? MESO_SEX_MALE : MESO_SEX_UNSPECIFIED;
  first = p->sex == MESO_SEX_MALE ? PICK (rng, origin->male) : PICK (rng, origin->female);
  last = PICK (rng, origin->surnames);
  p->name = g_strdup_printf ("%s %s", first, last);
  g_free (p->language);
  p->language = g_strdup (origin->language);

  random_birth (&p->date_of_birth, rng, index, today,
                plan->profile == PROFILE_CONTRAINDICATED && plan->contra == CONTRA_UNDER_AGE);

  p->phone = make_phone (origin->phone, rng);
  if (rng_chance (rng, 70))
    p->email = make_email (first, last, rng);
  if (rng_chance (rng, 60))
    {
      g_auto(GStrv) parts = g_strsplit (PICK (rng, origin->streets), "#", 2);
      g_autofree char *number = g_strdup_printf ("%u", 1 + rng_below (rng, 180));

      p->address = g_strjoin (number, parts[0], parts[1], NULL);
    }
  if (rng_chance (rng, 15))
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

  return generate_patient (seed, index, today, &plan, &rng);
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
  return rng_chance (rng, 50)
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
      s->needle_gauge = rng_chance (rng, 60) ? 32 : 30;
      s->needle_length_mm = 4.0;
      s->depth_mm = rng_chance (rng, 50) ? 1.5 : 2.0;
      s->angle_deg = rng_chance (rng, 50) ? 30.0 : 45.0;
      s->technique = rng_chance (rng, 60) ? MESO_TECHNIQUE_NAPPAGE : MESO_TECHNIQUE_PAPULE;
      s->volume_ml = rng_chance (rng, 50) ? 2.0 : 2.5;
      break;

    case MESO_AREA_SCALP:
      s->needle_gauge = 30;
      s->needle_length_mm = 4.0;
      s->depth_mm = 2.0;
      s->angle_deg = 45.0;
      s->technique = rng_chance (rng, 70) ? MESO_TECHNIQUE_POINT_BY_POINT : MESO_TECHNIQUE_NAPPAGE;
      s->volume_ml = rng_chance (rng, 50) ? 3.0 : 4.0;
      break;

    default:
      /* Body: 27 G 4 mm, or a 13 mm needle for linear retrograde (004). */
      if (rng_chance (rng, 60))
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
      s->volume_ml = rng_chance (rng, 50) ? 5.0 : 7.5;
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
    add_strv (s->ingredients, plan->solution->ingredients[i]);
  s->consistency = plan->solution->consistency;
  s->batch = g_strdup_printf ("%s-%02u-%04u", plan->solution->batch_prefix,
                              g_date_get_year (date) % 100, rng_below (rng, 10000));
  date_add_days (&s->batch_expiry, date, 120 + (gint) rng_below (rng, 600));
  set_needle (s, rng);
  /* Body areas: 002's daily massage; face: the clinic's default; and now
   * and then a practitioner who follows 004. */
  if (rng_chance (rng, 10))
    s->massage = MESO_MASSAGE_AVOID;
  else if (!meso_area_is_facial (s->area) && s->area != MESO_AREA_SCALP)
    s->massage = MESO_MASSAGE_RECOMMENDED;
  else
    s->massage = settings->default_massage;
  s->practitioner = g_strdup (PICK (rng, practitioners));
  if (rng_chance (rng, 20))
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
        add_strv (s->acknowledged, f->code);
    }
  if (screening->verdict == MESO_VERDICT_CONTRAINDICATED)
    s->override_reason = g_strdup (override_reason_for (screening, rng));
  return s;
}

/* Appends the sessions of @patient (already stored) to @sessions. */
static void
make_sessions (const MesoPatient  *patient,
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
      (plan->contra == CONTRA_INGREDIENT_ALLERGY || !rng_chance (rng, 35)))
    n_past = 0;
  else if (plan->profile == PROFILE_CONTRAINDICATED)
    n_past = 1;
  else
    n_past = rng_below (rng, 6);

  /* Past sessions, the latest first, 2-8 weeks apart (000, 001, 002:
   * leave the skin time to heal). */
  date_add_days (&date, today, -(gint) (3 + rng_below (rng, 60)));
  for (guint i = 0; i < n_past; i++)
    {
      MesoSessionStatus status = rng_chance (rng, 6) ? MESO_SESSION_CANCELLED : MESO_SESSION_DONE;
      gint time = 9 * 60 + 30 * (gint) rng_below (rng, 18);

      g_ptr_array_add (sessions, make_session (patient, plan, &date, time, status, settings, rng));
      g_date_subtract_days (&date, 14 + rng_below (rng, 43));
    }

  /* Today's list: one patient in 40 (and patient 1), 09:00-17:30. */
  if (index % 40 == 1)
    g_ptr_array_add (sessions, make_session (patient, plan, today, 9 * 60 + 30 * ((index / 40) % 18),
                                             MESO_SESSION_BOOKED, settings, rng));

  /* A booked course continues in 1-8 weeks; sometimes without a time yet. */
  if (plan->profile != PROFILE_CONTRAINDICATED && rng_chance (rng, 30))
    {
      gint time = rng_chance (rng, 15) ? -1 : 9 * 60 + 30 * (gint) rng_below (rng, 18);

      date_add_days (&date, today, 7 + (gint) rng_below (rng, 50));
      g_ptr_array_add (sessions, make_session (patient, plan, &date, time,
                                               MESO_SESSION_BOOKED, settings, rng));
    }
}

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

typedef struct
{
  GDate  today;           /* the demo's "today" */
  GDate  real_today;      /* the store refuses follow-ups dated after it */
  guint  showcased;       /* bit i: showcases[i] is placed */
} FollowupState;

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

static gboolean
takes_blood_thinner (const MesoPatient *patient)
{
  const GPtrArray *meds = patient->history->medications;

  for (guint i = 0; meds != NULL && i < meds->len; i++)
    for (guint k = 0; k < G_N_ELEMENTS (thinning_medications); k++)
      if (g_str_equal (g_ptr_array_index (meds, i), thinning_medications[k]))
        return TRUE;
  return FALSE;
}

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
  guint r = rng_below (rng, 100000);

  memcpy (rates, sign_rates, sizeof rates);
  if (h->allergies_state == MESO_LIST_RECORDED && h->allergies->len > 0)
    rates[SIGN_ALLERGIC_REACTION] *= 4;
  if (h->bruises_easily || takes_blood_thinner (patient))
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
      day = 1 + (gint) rng_below (rng, 3);
      break;
    case SIGN_BLEEDING:
      day = (gint) rng_below (rng, 2);
      break;
    case SIGN_INFECTION:
    case SIGN_PAIN:
      /* Within the expected window, so the redness and lumps that go with
       * them are not also "longer than expected". */
      day = 2 + (gint) rng_below (rng, expected_days - 1);
      break;
    case SIGN_LUMPS_PERSISTING:
      day = MESO_FOLLOWUP_REVIEW_DAYS + 1 + (gint) rng_below (rng, 14);
      break;
    case SIGN_PROLONGED_REDNESS:
      day = (gint) expected_days + 1 + (gint) rng_below (rng, 6);
      break;
    case SIGN_NODULES:
    case SIGN_PIGMENTATION:
      day = 10 + (gint) rng_below (rng, 25);
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
      f->swelling = rng_chance (rng, 60);
      f->redness = rng_chance (rng, 50);
      f->breathing_difficulty = rng_chance (rng, 10);
      f->notes = g_strdup (f->breathing_difficulty
                           ? "Called: hives and tightness in the throat; told to call emergency services."
                           : "Called: itchy raised rash around the treated area since this morning.");
      break;
    case SIGN_INFECTION:
      switch (rng_below (rng, 3))
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
          f->lump_size_mm = 6 + rng_below (rng, 5);
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
      f->lump_size_mm = 3 + rng_below (rng, 6);
      f->notes = g_strdup ("Lumps still palpable, not painful.");
      break;
    case SIGN_PROLONGED_REDNESS:
      f->redness = TRUE;
      f->swelling = rng_chance (rng, 40);
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
      f->swelling = rng_chance (rng, 30);
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
  date_add_days (&f->date, &session->date, day);
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
      return rng_chance (rng, age >= 3 ? 95 : 30);
    case SIGN_NO_FOLLOWUP:
      return age >= 7 && rng_chance (rng, 25);
    case SIGN_NONE:
    case N_SIGNS:
      return FALSE;
    default:
      return rng_chance (rng, age >= 14 ? 90 : age >= 5 ? 40 : 0);
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
  gint visit = 7 + (gint) rng_below (rng, MESO_FOLLOWUP_REVIEW_DAYS - 6);

  *sign_recorded = FALSE;

  /* The early check comes while redness and small lumps are expected
   * (every area expects them for 5 days at least). */
  if (rng_chance (rng, 12))
    {
      g_autoptr(MesoFollowup) f = meso_followup_new ();
      gint call = 1 + (gint) rng_below (rng, 3);

      if (call <= elapsed)
        {
          f->redness = rng_chance (rng, 70);
          f->swelling = rng_chance (rng, 40);
          f->lumps = rng_chance (rng, 60);
          if (f->lumps && rng_chance (rng, 50))
            f->lump_size_mm = 1 + rng_below (rng, 3);
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
          f->lumps = rng_chance (rng, 30);
          f->redness = rng_chance (rng, 10);
        }
      if (f->lumps && rng_chance (rng, 50))
        f->lump_size_mm = 1 + rng_below (rng, 2);
      if (rng_chance (rng, 40))
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
static gboolean
make_followups (MesoStore          *store,
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

/* Patients between two flushes of the audit stash (see below). */
#define DEMO_AUDIT_BATCH 256

gboolean
meso_demo_fill (MesoStore              *store,
                const MesoDemoOptions  *options,
                MesoDemoReport         *report,
                GError                **error)
{
  g_autoptr(MesoSettings) settings = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  FollowupState followup_state = { 0 };
  gint64 n_existing;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  if (options->n_patients < 1 || options->n_patients > MESO_DEMO_MAX_PATIENTS)
    {
      g_set_error (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_INVALID,
                   _("the number of patients must be from 1 to %u, not %u"),
                   MESO_DEMO_MAX_PATIENTS, options->n_patients);
      return FALSE;
    }
  if (!g_date_valid (&options->today))
    {
      g_set_error_literal (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_INVALID,
                           _("the demo needs a valid date for “today”"));
      return FALSE;
    }

  if (!meso_store_begin (store, error))
    return FALSE;

  n_existing = meso_store_count_patients (store, error);
  if (n_existing < 0)
    goto fail;
  /* Demo records mixed into a real clinic would be indistinguishable from
   * real patients: ask for it explicitly. */
  if (n_existing > 0 && !options->force)
    {
      g_set_error (error, MESO_DEMO_ERROR, MESO_DEMO_ERROR_NOT_EMPTY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the database already holds %" G_GINT64_FORMAT " patient; "
                                "demo patients would be mixed with it",
                                "the database already holds %" G_GINT64_FORMAT " patients; "
                                "demo patients would be mixed with them",
                                n_existing),
                   n_existing);
      goto fail;
    }

  settings = meso_store_load_settings (store, error);
  if (settings == NULL)
    goto fail;
  if (settings->clinic_name == NULL || *settings->clinic_name == '\0')
    {
      g_free (settings->clinic_name);
      settings->clinic_name = g_strdup ("Clinique Démo — Mesotherapy");
      g_free (settings->clinic_address);
      settings->clinic_address = g_strdup ("12 rue des Lilas, 75011 Paris");
      g_free (settings->clinic_phone);
      settings->clinic_phone = g_strdup ("+33 1 23 45 67 89");
      if (!meso_store_save_settings (store, settings, error))
        goto fail;
    }

  followup_state.today = options->today;
  meso_date_set_today (&followup_state.real_today);

  sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_session_free);
  for (guint i = 0; i < options->n_patients; i++)
    {
      g_autoptr(MesoPatient) patient = NULL;
      g_autoptr(MesoScreening) screening = NULL;
      MesoPlan mplan;
      Plan plan = { 0 };
      guint64 rng;

      patient = generate_patient (options->seed, i, &options->today, &plan, &rng);
      if (!meso_store_insert_patient (store, patient, error))
        goto fail;
      report->n_patients++;

      mplan.date = options->today;
      mplan.area = plan.area;
      mplan.ingredients = NULL;
      {
        g_autoptr(GPtrArray) ingredients = meso_strv_array_new ();

        for (guint k = 0; plan.solution->ingredients[k] != NULL; k++)
          add_strv (ingredients, plan.solution->ingredients[k]);
        mplan.ingredients = ingredients;
        screening = meso_screen (&patient->date_of_birth, patient->history, &mplan, settings);
      }
      report->verdicts[screening->verdict]++;
      if (meso_screening_find (screening, "history_incomplete") != NULL)
        report->history_incomplete++;

      g_ptr_array_set_size (sessions, 0);
      make_sessions (patient, &plan, i, &options->today, settings, &rng, sessions);
      for (guint k = 0; k < sessions->len; k++)
        {
          MesoSession *s = g_ptr_array_index (sessions, k);

          if (!meso_store_insert_session (store, s, error))
            goto fail;
          report->n_sessions++;
          if (g_date_compare (&s->date, &options->today) == 0)
            report->n_sessions_today++;
        }

      /* The audit trail's stash holds row images until a flush; a whole
       * demo in it grows a table of millions of rows that spills out of
       * the page cache, and its deletion at commit rewrites every page.
       * Folding it into entries as we go keeps it small, and gives the
       * same entries in the same order. */
      if (i % DEMO_AUDIT_BATCH == DEMO_AUDIT_BATCH - 1)
        {
          meso_audit_set_next_action (store, "demo", "synthetic demo records");
          if (!meso_audit_flush (store, error))
            goto fail;
        }

      /* Follow-ups draw from a stream of their own, so that they change
       * nothing of the patients and sessions above. */
      {
        guint64 frng = options->seed ^ (G_GUINT64_CONSTANT (0xbb67ae8584caa73b) * (i + 1));
        gboolean showcased = FALSE;

        rng_next (&frng);
        for (guint k = 0; k < sessions->len; k++)
          {
            MesoSession *s = g_ptr_array_index (sessions, k);

            if (s->status == MESO_SESSION_DONE &&
                !make_followups (store, &followup_state, patient, s, &showcased, &frng, error))
              goto fail;
          }
      }
    }

  /* The audit trail says these records are synthetic. */
  meso_audit_set_next_action (store, "demo", "synthetic demo records");
  /* A failed commit has already rolled back. */
  if (!meso_store_commit (store, error))
    {
      memset (report, 0, sizeof *report);
      return FALSE;
    }
  return TRUE;

fail:
  meso_store_rollback (store);
  memset (report, 0, sizeof *report);
  return FALSE;
}
