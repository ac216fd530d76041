/* Screening rules: each rule fires when it should and only then, the
 * boundaries of age, the order of findings and their sources. */
#include <string.h>

#include "meso-screening.h"

/* A complete history with nothing to report: every condition answered no,
 * no medication, no allergy. */
static MesoHistory *
clean_history (void)
{
  MesoHistory *h = meso_history_new ();

  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    h->conditions[c].answer = MESO_ANSWER_NO;
  h->medications_state = MESO_LIST_NONE_KNOWN;
  h->allergies_state = MESO_LIST_NONE_KNOWN;
  h->fitzpatrick = 2;
  return h;
}

static void
add_medication (MesoHistory *h,
                const char  *text)
{
  h->medications_state = MESO_LIST_RECORDED;
  g_ptr_array_add (h->medications, g_strdup (text));
}

static void
add_allergy (MesoHistory *h,
             const char  *text)
{
  h->allergies_state = MESO_LIST_RECORDED;
  g_ptr_array_add (h->allergies, g_strdup (text));
}

static GDate
date (const char *text)
{
  GDate d;

  g_assert_true (meso_date_parse (text, &d));
  return d;
}

/* Screens @h for an adult born 1980-05-10 on 2026-05-04, face, with the
 * given ingredients (NULL-terminated, may be NULL). */
static MesoScreening *
screen_full (const char         *birth,
             const MesoHistory  *h,
             const char         *on,
             const char * const *ingredients,
             const MesoSettings *settings)
{
  g_autoptr(GPtrArray) ingr = meso_strv_array_new ();
  GDate dob;
  MesoPlan plan;
  MesoScreening *s;

  if (birth != NULL)
    dob = date (birth);
  else
    g_date_clear (&dob, 1);
  plan.date = date (on);
  plan.area = MESO_AREA_FACE;
  for (guint i = 0; ingredients != NULL && ingredients[i] != NULL; i++)
    g_ptr_array_add (ingr, g_strdup (ingredients[i]));
  plan.ingredients = ingr;
  s = meso_screen (&dob, h, &plan, settings);
  g_assert_nonnull (s);
  g_assert_nonnull (s->findings);
  return s;
}

static MesoScreening *
screen (const MesoHistory  *h,
        const char * const *ingredients)
{
  return screen_full ("1980-05-10", h, "2026-05-04", ingredients, NULL);
}

static const MesoFinding *
assert_finding (const MesoScreening *s,
                const char          *code,
                MesoSeverity         severity)
{
  const MesoFinding *f = meso_screening_find (s, code);

  if (f == NULL)
    g_error ("expected finding %s, got %u findings", code, s->findings->len);
  g_assert_cmpstr (f->code, ==, code);
  g_assert_cmpint (f->severity, ==, severity);
  g_assert_nonnull (f->message);
  g_assert_cmpuint (strlen (f->message), >, 10);
  g_assert_nonnull (f->source);
  return f;
}

static void
assert_no_finding (const MesoScreening *s,
                   const char          *code)
{
  const MesoFinding *f = meso_screening_find (s, code);

  if (f != NULL)
    g_error ("unexpected finding %s: %s", code, f->message);
}

static void
test_clear (void)
{
  g_autoptr(MesoHistory) h = clean_history ();
  g_autoptr(MesoScreening) s = screen (h, NULL);

  g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CLEAR);
  g_assert_cmpuint (s->findings->len, ==, 0);
}

static void
test_contraindicating_conditions (void)
{
  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    {
      g_autoptr(MesoHistory) h = clean_history ();
      g_autoptr(MesoScreening) s = NULL;
      const char *code = meso_condition_to_code (c);

      if (c == MESO_CONDITION_CARDIAC_DISEASE)
        continue;
      h->conditions[c].answer = MESO_ANSWER_YES;
      s = screen (h, NULL);
      g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CONTRAINDICATED);
      g_assert_cmpuint (s->findings->len, ==, 1);
      assert_finding (s, code, MESO_SEVERITY_CONTRAINDICATED);
      g_assert_cmpstr (meso_screening_find (s, code)->source, ==, "004_7f3870fa434bdef8.txt");
    }
}

static void
test_cardiac (void)
{
  g_autoptr(MesoHistory) h = clean_history ();
  g_autoptr(MesoScreening) alone = NULL;
  g_autoptr(MesoScreening) medicated = NULL;
  g_autoptr(MesoScreening) not_asked = NULL;
  const MesoFinding *f;

  h->conditions[MESO_CONDITION_CARDIAC_DISEASE].answer = MESO_ANSWER_YES;
  alone = screen (h, NULL);
  g_assert_cmpint (alone->verdict, ==, MESO_VERDICT_CAUTION);
  g_assert_cmpuint (alone->findings->len, ==, 1);
  assert_finding (alone, "cardiac_disease", MESO_SEVERITY_CAUTION);

  h->medications_state = MESO_LIST_NOT_ASKED;
  not_asked = screen (h, NULL);
  g_assert_cmpint (not_asked->verdict, ==, MESO_VERDICT_CAUTION);
  f = assert_finding (not_asked, "cardiac_disease", MESO_SEVERITY_CAUTION);
  g_assert_nonnull (strstr (f->message, "not asked"));
  assert_finding (not_asked, "history_incomplete", MESO_SEVERITY_CAUTION);

  add_medication (h, "Bisoprolol 5 mg");
  medicated = screen (h, NULL);
  g_assert_cmpint (medicated->verdict, ==, MESO_VERDICT_CONTRAINDICATED);
  g_assert_cmpuint (medicated->findings->len, ==, 1);
  f = assert_finding (medicated, "cardiac_disease", MESO_SEVERITY_CONTRAINDICATED);
  g_assert_nonnull (strstr (f->message, "Bisoprolol 5 mg"));

  /* No cardiac disease: medication alone is not a finding. */
  h->conditions[MESO_CONDITION_CARDIAC_DISEASE].answer = MESO_ANSWER_NO;
  {
    g_autoptr(MesoScreening) s = screen (h, NULL);

    g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CLEAR);
  }
}

static gboolean
under_age (const char         *birth,
           const char         *on,
           const MesoSettings *settings)
{
  g_autoptr(MesoHistory) h = clean_history ();
  g_autoptr(MesoScreening) s = screen_full (birth, h, on, NULL, settings);
  const MesoFinding *f = meso_screening_find (s, "under_age");

  if (f == NULL)
    {
      g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CLEAR);
      return FALSE;
    }
  g_assert_cmpint (f->severity, ==, MESO_SEVERITY_CONTRAINDICATED);
  g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CONTRAINDICATED);
  /* The age is the clinic's setting: both the message and the source say so. */
  g_assert_nonnull (strstr (f->source, MESO_SOURCE_CLINIC_SETTING));
  g_assert_nonnull (strstr (f->source, "004_7f3870fa434bdef8.txt"));
  g_assert_nonnull (strstr (f->message, "legal age"));
  g_assert_nonnull (strstr (f->message, on));
  return TRUE;
}

static void
test_legal_age (void)
{
  MesoSettings settings = { 0 };

  /* Default 18: the day before the 18th birthday, and on it. */
  g_assert_true (under_age ("2008-06-15", "2026-06-14", NULL));
  g_assert_false (under_age ("2008-06-15", "2026-06-15", NULL));
  g_assert_false (under_age ("2008-06-15", "2026-06-16", NULL));
  g_assert_true (under_age ("2008-06-15", "2025-12-31", NULL));

  /* Born on 29 February: 18 on 1 March in a common year. */
  g_assert_true (under_age ("2008-02-29", "2026-02-28", NULL));
  g_assert_false (under_age ("2008-02-29", "2026-03-01", NULL));
  /* A planned date of 29 February in a leap year. */
  g_assert_true (under_age ("2006-03-01", "2024-02-29", NULL));
  g_assert_false (under_age ("2006-02-28", "2024-02-29", NULL));

  /* A clinic with a legal age of 21. */
  settings.legal_age = 21;
  g_assert_true (under_age ("2005-06-15", "2026-06-14", &settings));
  g_assert_false (under_age ("2005-06-15", "2026-06-15", &settings));
  g_assert_false (under_age ("2005-06-15", "2026-06-14", NULL));
  {
    g_autoptr(MesoHistory) h = clean_history ();
    g_autoptr(MesoScreening) s = screen_full ("2005-06-15", h, "2026-06-14", NULL, &settings);

    g_assert_nonnull (strstr (meso_screening_find (s, "under_age")->message, "21"));
  }

  /* Settings with the default legal age behave like no settings. */
  settings.legal_age = MESO_DEFAULT_LEGAL_AGE;
  g_assert_true (under_age ("2008-06-15", "2026-06-14", &settings));
  g_assert_false (under_age ("2008-06-15", "2026-06-15", &settings));
}

static void
test_ingredient_allergy (void)
{
  const char * const ingredients[] = { "Hyaluronic acid", "Lidocaine 2%", "Vitamin C", NULL };
  g_autoptr(MesoHistory) h = clean_history ();
  g_autoptr(MesoScreening) s = NULL;
  const MesoFinding *f;

  add_allergy (h, "LIDOCAINE");
  s = screen (h, ingredients);
  g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CONTRAINDICATED);
  f = assert_finding (s, "ingredient_allergy", MESO_SEVERITY_CONTRAINDICATED);
  g_assert_nonnull (strstr (f->message, "LIDOCAINE"));
  g_assert_nonnull (strstr (f->message, "Lidocaine 2%"));
  /* The one allergy matched: nothing left for allergy_history. */
  assert_no_finding (s, "allergy_history");
  g_assert_cmpuint (s->findings->len, ==, 1);
}

static gboolean
allergy_matches (const char *allergy,
                 const char *ingredient)
{
  const char * const ingredients[] = { ingredient, NULL };
  g_autoptr(MesoHistory) h = clean_history ();
  g_autoptr(MesoScreening) s = NULL;

  add_allergy (h, allergy);
  s = screen (h, ingredients);
  if (meso_screening_find (s, "ingredient_allergy") != NULL)
    {
      assert_no_finding (s, "allergy_history");
      return TRUE;
    }
  assert_finding (s, "allergy_history", MESO_SEVERITY_CAUTION);
  g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CAUTION);
  return FALSE;
}

static void
test_allergy_matching (void)
{
  g_assert_true (allergy_matches ("lidocaine", "Lidocaine 2%"));
  g_assert_true (allergy_matches ("Lidocaine hydrochloride", "lidocaine"));
  g_assert_true (allergy_matches ("lidocaïne", "LIDOCAINE"));
  g_assert_true (allergy_matches ("hyaluronic acid", "Hyaluronic-acid 1.5%"));
  g_assert_true (allergy_matches ("Vitamin C", "vitamin c (ascorbic acid)"));
  /* Whole words only. */
  g_assert_false (allergy_matches ("caine", "Lidocaine 2%"));
  g_assert_false (allergy_matches ("lidocaine", "Prilocaine"));
  g_assert_false (allergy_matches ("glycolic acid", "Hyaluronic acid"));
  /* A bare number is not an allergy to anything. */
  g_assert_false (allergy_matches ("2%", "Lidocaine 2%"));
  g_assert_false (allergy_matches ("penicillin", "Lidocaine 2%"));
}

static void
test_allergy_history (void)
{
  const char * const ingredients[] = { "Lidocaine 2%", "Biotin", NULL };
  g_autoptr(MesoHistory) h = clean_history ();
  g_autoptr(MesoScreening) none = NULL;
  g_autoptr(MesoScreening) both = NULL;
  g_autoptr(MesoScreening) unplanned = NULL;
  const MesoFinding *f;

  none = screen (h, ingredients);
  g_assert_cmpint (none->verdict, ==, MESO_VERDICT_CLEAR);

  add_allergy (h, "Penicillin");
  add_allergy (h, "lidocaine");
  add_allergy (h, "Latex");
  both = screen (h, ingredients);
  g_assert_cmpint (both->verdict, ==, MESO_VERDICT_CONTRAINDICATED);
  f = assert_finding (both, "ingredient_allergy", MESO_SEVERITY_CONTRAINDICATED);
  g_assert_null (strstr (f->message, "Penicillin"));
  f = assert_finding (both, "allergy_history", MESO_SEVERITY_CAUTION);
  g_assert_nonnull (strstr (f->message, "Penicillin"));
  g_assert_nonnull (strstr (f->message, "Latex"));
  g_assert_null (strstr (f->message, "lidocaine"));
  g_assert_cmpuint (both->findings->len, ==, 2);

  /* No ingredients given: every allergy is history, and the message says
   * the ingredients could not be checked. */
  unplanned = screen (h, NULL);
  g_assert_cmpint (unplanned->verdict, ==, MESO_VERDICT_CAUTION);
  assert_no_finding (unplanned, "ingredient_allergy");
  f = assert_finding (unplanned, "allergy_history", MESO_SEVERITY_CAUTION);
  g_assert_nonnull (strstr (f->message, "lidocaine"));
  g_assert_nonnull (strstr (f->message, "No ingredients"));
}

/* The codes of the findings for one medication entry. */
static gboolean
medication_flags (const char *medication,
                  const char *code)
{
  g_autoptr(MesoHistory) h = clean_history ();
  g_autoptr(MesoScreening) s = NULL;
  const MesoFinding *f;

  add_medication (h, medication);
  s = screen (h, NULL);
  f = meso_screening_find (s, code);
  if (f == NULL)
    return FALSE;
  g_assert_cmpint (f->severity, ==, MESO_SEVERITY_CAUTION);
  g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CAUTION);
  g_assert_nonnull (strstr (f->message, medication));
  return TRUE;
}

static void
test_anticoagulant (void)
{
  static const char * const all[] = {
    "Aspirin", "Acetylsalicylic acid", "Warfarin", "Acenocoumarol",
    "Phenprocoumon", "Heparin", "Enoxaparin", "Dalteparin", "Tinzaparin",
    "Fondaparinux", "Apixaban", "Rivaroxaban", "Edoxaban", "Dabigatran",
    "Clopidogrel", "Prasugrel", "Ticagrelor", "Dipyridamole", "Cilostazol",
    "Ticlopidine", NULL
  };

  g_assert_true (medication_flags ("Warfarin 5 mg", "anticoagulant"));
  g_assert_true (medication_flags ("ASPIRIN 100mg", "anticoagulant"));
  g_assert_true (medication_flags ("aspirin", "anticoagulant"));
  g_assert_true (medication_flags ("Low-dose aspirin, 75 mg daily", "anticoagulant"));
  g_assert_true (medication_flags ("acetylsalicylic acid 75 mg", "anticoagulant"));
  g_assert_true (medication_flags ("Enoxaparin sodium 40 mg/0.4 ml", "anticoagulant"));
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autofree char *upper = g_ascii_strup (all[i], -1);
      g_autofree char *dosed = g_strdup_printf ("%s 10 mg", upper);

      if (!medication_flags (dosed, "anticoagulant"))
        g_error ("%s not detected as an anticoagulant", dosed);
    }

  /* Word boundaries: names that merely contain a drug's name. */
  g_assert_false (medication_flags ("Aspirinex 500", "anticoagulant"));
  g_assert_false (medication_flags ("Warfarinol", "anticoagulant"));
  g_assert_false (medication_flags ("Paracetamol 1 g", "anticoagulant"));
  g_assert_false (medication_flags ("Heparinoid cream", "anticoagulant"));

  /* Aspirin is a blood thinner here, not a second anti-inflammatory finding. */
  g_assert_false (medication_flags ("Aspirin 100 mg", "anti_inflammatory"));
}

static void
test_anticoagulant_lists_all (void)
{
  g_autoptr(MesoHistory) h = clean_history ();
  g_autoptr(MesoScreening) s = NULL;
  const MesoFinding *f;

  add_medication (h, "Warfarin 5 mg");
  add_medication (h, "Levothyroxine 50 µg");
  add_medication (h, "Clopidogrel 75 mg");
  add_medication (h, "Ibuprofen 400 mg");
  s = screen (h, NULL);
  f = assert_finding (s, "anticoagulant", MESO_SEVERITY_CAUTION);
  g_assert_nonnull (strstr (f->message, "Warfarin 5 mg"));
  g_assert_nonnull (strstr (f->message, "Clopidogrel 75 mg"));
  g_assert_null (strstr (f->message, "Levothyroxine"));
  g_assert_null (strstr (f->message, "Ibuprofen"));
  f = assert_finding (s, "anti_inflammatory", MESO_SEVERITY_CAUTION);
  g_assert_nonnull (strstr (f->message, "Ibuprofen 400 mg"));
  g_assert_null (strstr (f->message, "Warfarin"));
  g_assert_cmpuint (s->findings->len, ==, 2);
}

static void
test_anti_inflammatory (void)
{
  static const char * const all[] = {
    "Ibuprofen", "Naproxen", "Diclofenac", "Ketoprofen", "Indometacin",
    "Indomethacin", "Meloxicam", "Piroxicam", "Celecoxib", "Etoricoxib",
    "Nimesulide", "Aceclofenac", "Flurbiprofen", "Dexketoprofen",
    "Mefenamic acid", "Ketorolac", NULL
  };

  g_assert_true (medication_flags ("Ibuprofen 400 mg as needed", "anti_inflammatory"));
  g_assert_true (medication_flags ("NAPROXEN 250mg", "anti_inflammatory"));
  g_assert_true (medication_flags ("diclofenac gel", "anti_inflammatory"));
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autofree char *dosed = g_strdup_printf ("%s 10 mg", all[i]);

      if (!medication_flags (dosed, "anti_inflammatory"))
        g_error ("%s not detected as an anti-inflammatory", dosed);
      g_assert_false (medication_flags (dosed, "anticoagulant"));
    }
  g_assert_false (medication_flags ("Ibuprofenol", "anti_inflammatory"));
  g_assert_false (medication_flags ("Paracetamol", "anti_inflammatory"));
}

static void
test_skin (void)
{
  g_autoptr(MesoHistory) h = clean_history ();

  h->bruises_easily = TRUE;
  {
    g_autoptr(MesoScreening) s = screen (h, NULL);

    g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CAUTION);
    g_assert_cmpuint (s->findings->len, ==, 1);
    assert_finding (s, "bruising_risk", MESO_SEVERITY_CAUTION);
  }
  h->bruises_easily = FALSE;
  h->sensitive_skin = TRUE;
  {
    g_autoptr(MesoScreening) s = screen (h, NULL);

    g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CAUTION);
    g_assert_cmpuint (s->findings->len, ==, 1);
    assert_finding (s, "sensitive_skin", MESO_SEVERITY_CAUTION);
  }
  h->sensitive_skin = FALSE;

  for (guint type = 0; type <= 6; type++)
    {
      g_autoptr(MesoScreening) s = NULL;

      h->fitzpatrick = type;
      s = screen (h, NULL);
      if (type >= 4)
        {
          const MesoFinding *f = assert_finding (s, "pigmentation_risk", MESO_SEVERITY_CAUTION);
          const char *roman[] = { "", "", "", "", "IV", "V", "VI" };

          g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CAUTION);
          g_assert_nonnull (strstr (f->message, roman[type]));
        }
      else
        {
          g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CLEAR);
          g_assert_cmpuint (s->findings->len, ==, 0);
        }
    }
}

static void
assert_incomplete (const MesoHistory *h,
                   const char        *birth,
                   const char        *named)
{
  g_autoptr(MesoScreening) s = screen_full (birth, h, "2026-05-04", NULL, NULL);
  const MesoFinding *f = assert_finding (s, "history_incomplete", MESO_SEVERITY_CAUTION);

  g_assert_cmpint (s->verdict, !=, MESO_VERDICT_CLEAR);
  if (strstr (f->message, named) == NULL)
    g_error ("“%s” does not name “%s”", f->message, named);
}

static void
test_history_incomplete (void)
{
  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    for (MesoAnswer a = MESO_ANSWER_NOT_ASKED; a <= MESO_ANSWER_UNKNOWN; a++)
      {
        g_autoptr(MesoHistory) h = clean_history ();

        h->conditions[c].answer = a;
        assert_incomplete (h, "1980-05-10", meso_condition_to_label (c));
        assert_incomplete (h, "1980-05-10", a == MESO_ANSWER_NOT_ASKED ? "not asked" : "unknown");
      }
  {
    g_autoptr(MesoHistory) h = clean_history ();

    h->medications_state = MESO_LIST_NOT_ASKED;
    assert_incomplete (h, "1980-05-10", "medications not asked");
  }
  {
    g_autoptr(MesoHistory) h = clean_history ();

    h->allergies_state = MESO_LIST_NOT_ASKED;
    assert_incomplete (h, "1980-05-10", "allergies not asked");
  }
  {
    g_autoptr(MesoHistory) h = clean_history ();
    g_autoptr(MesoScreening) s = screen_full (NULL, h, "2026-05-04", NULL, NULL);

    assert_incomplete (h, NULL, "date of birth");
    /* Without a date of birth the age cannot be judged either way. */
    assert_no_finding (s, "under_age");
    g_assert_cmpuint (s->findings->len, ==, 1);
  }
  {
    /* A new history asks nothing: incomplete, naming everything. */
    g_autoptr(MesoHistory) h = meso_history_new ();
    g_autoptr(MesoScreening) s = screen (h, NULL);
    const MesoFinding *f = assert_finding (s, "history_incomplete", MESO_SEVERITY_CAUTION);

    g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CAUTION);
    g_assert_cmpuint (s->findings->len, ==, 1);
    for (guint c = 0; c < MESO_N_CONDITIONS; c++)
      g_assert_nonnull (strstr (f->message, meso_condition_to_label (c)));
    g_assert_nonnull (strstr (f->message, "medications"));
    g_assert_nonnull (strstr (f->message, "allergies"));
  }
  {
    /* "No" to everything is complete even though confirmed dates are unset. */
    g_autoptr(MesoHistory) h = clean_history ();
    g_autoptr(MesoScreening) s = screen (h, NULL);

    assert_no_finding (s, "history_incomplete");
  }
}

static void
test_order (void)
{
  const MesoScreeningRule *rules;
  guint n_rules;
  g_autoptr(MesoHistory) h = meso_history_new ();
  g_autoptr(MesoScreening) s = NULL;
  const char * const ingredients[] = { "Lidocaine", NULL };
  static const char * const expected[] = {
    "pregnancy", "cancer", "under_age", "ingredient_allergy",
    "allergy_history", "anticoagulant", "bruising_risk", "pigmentation_risk",
    "history_incomplete", NULL
  };

  /* Set up in an order unrelated to the table's. */
  h->bruises_easily = TRUE;
  h->fitzpatrick = 5;
  add_medication (h, "Aspirin 100 mg");
  add_allergy (h, "latex");
  add_allergy (h, "lidocaine");
  h->conditions[MESO_CONDITION_CANCER].answer = MESO_ANSWER_YES;
  h->conditions[MESO_CONDITION_PREGNANCY].answer = MESO_ANSWER_YES;
  s = screen_full ("2010-01-01", h, "2026-05-04", ingredients, NULL);

  g_assert_cmpint (s->verdict, ==, MESO_VERDICT_CONTRAINDICATED);
  for (guint i = 0; expected[i] != NULL; i++)
    {
      const MesoFinding *f;

      g_assert_cmpuint (i, <, s->findings->len);
      f = g_ptr_array_index (s->findings, i);
      g_assert_cmpstr (f->code, ==, expected[i]);
    }
  g_assert_cmpuint (s->findings->len, ==, g_strv_length ((char **) expected));

  /* Strongest first throughout. */
  for (guint i = 1; i < s->findings->len; i++)
    {
      const MesoFinding *a = g_ptr_array_index (s->findings, i - 1);
      const MesoFinding *b = g_ptr_array_index (s->findings, i);

      g_assert_cmpint (a->severity, >=, b->severity);
    }

  /* The table lists every code once, except the two outcomes of cardiac
   * disease, which never fire together. */
  rules = meso_screening_rules (&n_rules);
  g_assert_cmpuint (n_rules, >=, 19);
  for (guint i = 0; i < n_rules; i++)
    for (guint j = i + 1; j < n_rules; j++)
      if (g_str_equal (rules[i].code, rules[j].code))
        g_assert_cmpstr (rules[i].code, ==, "cardiac_disease");
}

static void
assert_source_exists (const char *source)
{
  const char *seeds = g_getenv ("MESOCHART_SEEDS");
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (seeds);
  g_assert_nonnull (source);
  parts = g_strsplit (source, MESO_SOURCE_SEPARATOR, -1);
  g_assert_cmpuint (g_strv_length (parts), >=, 1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (g_str_equal (parts[i], MESO_SOURCE_CLINIC_SETTING))
        continue;
      path = g_build_filename (seeds, parts[i], NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("source “%s” is not a seed document (%s)", parts[i], path);
    }
}

static void
test_sources (void)
{
  const MesoScreeningRule *rules;
  guint n_rules;
  g_autoptr(MesoHistory) h = meso_history_new ();
  g_autoptr(MesoScreening) s = NULL;
  const char * const ingredients[] = { "Lidocaine", NULL };

  rules = meso_screening_rules (&n_rules);
  for (guint i = 0; i < n_rules; i++)
    {
      g_assert_nonnull (rules[i].code);
      g_assert_nonnull (rules[i].summary);
      g_assert_cmpint (rules[i].severity, >, MESO_SEVERITY_INFO);
      assert_source_exists (rules[i].source);
    }

  /* And the findings carry them. */
  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    h->conditions[c].answer = c % 2 ? MESO_ANSWER_YES : MESO_ANSWER_UNKNOWN;
  add_medication (h, "Warfarin");
  add_medication (h, "Naproxen");
  add_allergy (h, "lidocaine");
  add_allergy (h, "latex");
  h->fitzpatrick = 6;
  h->bruises_easily = TRUE;
  h->sensitive_skin = TRUE;
  s = screen_full ("2015-01-01", h, "2026-05-04", ingredients, NULL);
  g_assert_cmpuint (s->findings->len, >=, 12);
  for (guint i = 0; i < s->findings->len; i++)
    {
      const MesoFinding *f = g_ptr_array_index (s->findings, i);

      assert_source_exists (f->source);
    }
}

static void
test_acknowledged (void)
{
  g_autoptr(MesoHistory) h = clean_history ();
  g_autoptr(MesoScreening) s = NULL;
  g_autoptr(MesoScreening) copy = NULL;
  g_autoptr(GPtrArray) ack = meso_strv_array_new ();

  {
    g_autoptr(MesoScreening) clear = screen (h, NULL);

    g_assert_true (meso_screening_all_acknowledged (clear, NULL));
    g_assert_true (meso_screening_all_acknowledged (clear, ack));
  }

  h->bruises_easily = TRUE;
  h->fitzpatrick = 4;
  h->conditions[MESO_CONDITION_DIABETES].answer = MESO_ANSWER_YES;
  s = screen (h, NULL);
  g_assert_false (meso_screening_all_acknowledged (s, NULL));
  g_ptr_array_add (ack, g_strdup ("bruising_risk"));
  g_assert_false (meso_screening_all_acknowledged (s, ack));
  g_ptr_array_add (ack, g_strdup ("sensitive_skin"));   /* not a finding: harmless */
  g_assert_false (meso_screening_all_acknowledged (s, ack));
  g_ptr_array_add (ack, g_strdup ("pigmentation_risk"));
  /* Contraindications are overridden, not acknowledged. */
  g_assert_true (meso_screening_all_acknowledged (s, ack));

  copy = meso_screening_copy (s);
  g_assert_cmpint (copy->verdict, ==, s->verdict);
  g_assert_cmpuint (copy->findings->len, ==, s->findings->len);
  for (guint i = 0; i < s->findings->len; i++)
    {
      const MesoFinding *a = g_ptr_array_index (s->findings, i);
      const MesoFinding *b = g_ptr_array_index (copy->findings, i);

      g_assert_true (a != b);
      g_assert_cmpstr (a->code, ==, b->code);
      g_assert_cmpstr (a->message, ==, b->message);
      g_assert_cmpstr (a->source, ==, b->source);
      g_assert_cmpint (a->severity, ==, b->severity);
    }
  g_assert_true (meso_screening_find (s, "nonexistent") == NULL);
  g_assert_true (G_TYPE_IS_BOXED (meso_screening_get_type ()));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/screening/clear", test_clear);
  g_test_add_func ("/screening/conditions", test_contraindicating_conditions);
  g_test_add_func ("/screening/cardiac", test_cardiac);
  g_test_add_func ("/screening/legal-age", test_legal_age);
  g_test_add_func ("/screening/ingredient-allergy", test_ingredient_allergy);
  g_test_add_func ("/screening/allergy-matching", test_allergy_matching);
  g_test_add_func ("/screening/allergy-history", test_allergy_history);
  g_test_add_func ("/screening/anticoagulant", test_anticoagulant);
  g_test_add_func ("/screening/anticoagulant-lists-all", test_anticoagulant_lists_all);
  g_test_add_func ("/screening/anti-inflammatory", test_anti_inflammatory);
  g_test_add_func ("/screening/skin", test_skin);
  g_test_add_func ("/screening/history-incomplete", test_history_incomplete);
  g_test_add_func ("/screening/order", test_order);
  g_test_add_func ("/screening/sources", test_sources);
  g_test_add_func ("/screening/acknowledged", test_acknowledged);

  return g_test_run ();
}
