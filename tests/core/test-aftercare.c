/* Aftercare rules: what each session gets on its sheet, and why. */
#include <glib/gstdio.h>
#include <string.h>

#include "meso-aftercare.h"
#include "meso-i18n.h"

static const char * const every_sheet[] = {
  "normal_redness", "normal_bruising", "normal_pinpoint_bleeding", "normal_itching",
  "normal_lumps",
  "no_washing", "cold_pack", "no_heat", "no_exercise", "sun", "water",
  "no_picking", "no_alcohol", NULL };
static const char * const warning_signs[] = {
  "warn_lumps_persist", "warn_lumps_inflamed", "warn_discharge", "warn_fever",
  "warn_bleeding", "warn_redness_long", "warn_pain", "warn_allergy", NULL };
static const char * const facial_only[] = { "no_makeup", "sleep_on_back", NULL };
static const char * const skin_care[] = {
  "clean_hands", "mild_cleanser", "no_exfoliants", "no_retinol", "moisturiser", NULL };
static const char * const body_only[] = { "loose_clothing", "raise_area", NULL };

static MesoSession *
make_session (const char      *date,
              MesoArea         area,
              MesoConsistency  consistency,
              MesoMassage      massage,
              MesoIndication   indication)
{
  MesoSession *s = meso_session_new ();

  g_assert_true (meso_date_parse (date, &s->date));
  s->area = area;
  s->consistency = consistency;
  s->massage = massage;
  s->indication = indication;
  s->solution_name = g_strdup ("Test solution");
  s->batch = g_strdup ("B-1");
  return s;
}

static MesoAftercareSheet *
build (MesoArea        area,
       MesoConsistency consistency,
       MesoMassage     massage,
       MesoIndication  indication)
{
  g_autoptr(MesoSession) s = make_session ("2026-05-04", area, consistency, massage, indication);

  return meso_aftercare_sheet_build (s, "Ada Test", NULL, "en");
}

static void
assert_items (const MesoAftercareSheet *sheet,
              const char * const       *codes,
              gboolean                  present)
{
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const MesoAftercareItem *item = meso_aftercare_sheet_find_item (sheet, codes[i]);

      if (present && item == NULL)
        g_error ("%s: %s missing", meso_area_to_code (sheet->area), codes[i]);
      if (!present && item != NULL)
        g_error ("%s: %s should not be there", meso_area_to_code (sheet->area), codes[i]);
    }
}

static void
test_area_classes (void)
{
  for (guint a = 0; a < MESO_N_AREAS; a++)
    {
      g_autoptr(MesoAftercareSheet) sheet = build (a, MESO_CONSISTENCY_MEDIUM,
                                                   MESO_MASSAGE_GENTLE,
                                                   MESO_INDICATION_REJUVENATION);
      MesoAftercareAreaClass cls = meso_aftercare_area_class (a);
      const MesoAftercareSection *area_section =
        meso_aftercare_sheet_get_section (sheet, MESO_AFTERCARE_SECTION_AREA);

      /* face and neck are the facial class the record defines. */
      g_assert_cmpint (cls == MESO_AFTERCARE_AREA_FACIAL, ==, meso_area_is_facial (a));
      assert_items (sheet, every_sheet, TRUE);
      assert_items (sheet, facial_only, cls == MESO_AFTERCARE_AREA_FACIAL);
      assert_items (sheet, skin_care, cls == MESO_AFTERCARE_AREA_FACIAL ||
                                      cls == MESO_AFTERCARE_AREA_SKIN);
      assert_items (sheet, body_only, cls == MESO_AFTERCARE_AREA_BODY);
      /* scalp and other get the general instructions only. */
      g_assert_cmpint (area_section == NULL, ==, cls == MESO_AFTERCARE_AREA_GENERAL);
    }

  g_assert_cmpint (meso_aftercare_area_class (MESO_AREA_FACE), ==, MESO_AFTERCARE_AREA_FACIAL);
  g_assert_cmpint (meso_aftercare_area_class (MESO_AREA_NECK), ==, MESO_AFTERCARE_AREA_FACIAL);
  g_assert_cmpint (meso_aftercare_area_class (MESO_AREA_DECOLLETE), ==, MESO_AFTERCARE_AREA_SKIN);
  g_assert_cmpint (meso_aftercare_area_class (MESO_AREA_HANDS), ==, MESO_AFTERCARE_AREA_SKIN);
  g_assert_cmpint (meso_aftercare_area_class (MESO_AREA_THIGHS), ==, MESO_AFTERCARE_AREA_BODY);
  g_assert_cmpint (meso_aftercare_area_class (MESO_AREA_ARMS), ==, MESO_AFTERCARE_AREA_BODY);
  g_assert_cmpint (meso_aftercare_area_class (MESO_AREA_SCALP), ==, MESO_AFTERCARE_AREA_GENERAL);
  g_assert_cmpint (meso_aftercare_area_class (MESO_AREA_OTHER), ==, MESO_AFTERCARE_AREA_GENERAL);
}

static void
test_area_texts (void)
{
  g_autoptr(MesoAftercareSheet) face = build (MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                              MESO_MASSAGE_GENTLE, MESO_INDICATION_REJUVENATION);
  g_autoptr(MesoAftercareSheet) thighs = build (MESO_AREA_THIGHS, MESO_CONSISTENCY_THICK,
                                                MESO_MASSAGE_GENTLE, MESO_INDICATION_CELLULITE);
  g_autofree char *face_text = meso_aftercare_sheet_to_text (face);
  g_autofree char *thigh_text = meso_aftercare_sheet_to_text (thighs);

  g_assert_nonnull (strstr (face_text, "makeup for 24 to 48 hours"));
  g_assert_nonnull (strstr (face_text, "Sleep on your back"));
  g_assert_null (strstr (face_text, "loose clothing"));
  g_assert_nonnull (strstr (thigh_text, "loose clothing"));
  g_assert_nonnull (strstr (thigh_text, "raise the treated area on pillows"));
  g_assert_null (strstr (thigh_text, "makeup"));
  g_assert_cmpstr (face->area_text, ==, "Face");
  g_assert_cmpstr (thighs->area_text, ==, "Thighs");
  g_assert_cmpstr (thighs->consistency_text, ==, "Thick");
}

typedef struct
{
  MesoArea        area;
  MesoConsistency consistency;
  guint           min, max;
} LumpCase;

static void
test_lump_days (void)
{
  /* 000's durations, with the clinic's thick +3 / thin -1 (floor 2). */
  static const LumpCase cases[] = {
    { MESO_AREA_FACE, MESO_CONSISTENCY_THIN, 2, 4 },
    { MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM, 3, 5 },
    { MESO_AREA_FACE, MESO_CONSISTENCY_THICK, 3, 8 },
    { MESO_AREA_NECK, MESO_CONSISTENCY_MEDIUM, 3, 5 },
    { MESO_AREA_THIGHS, MESO_CONSISTENCY_THIN, 6, 9 },
    { MESO_AREA_THIGHS, MESO_CONSISTENCY_MEDIUM, 7, 10 },
    { MESO_AREA_THIGHS, MESO_CONSISTENCY_THICK, 7, 13 },
    { MESO_AREA_ABDOMEN, MESO_CONSISTENCY_MEDIUM, 7, 10 },
    { MESO_AREA_BUTTOCKS, MESO_CONSISTENCY_THICK, 7, 13 },
    { MESO_AREA_FLANKS, MESO_CONSISTENCY_MEDIUM, 7, 10 },
    { MESO_AREA_ARMS, MESO_CONSISTENCY_THIN, 4, 6 },
    { MESO_AREA_ARMS, MESO_CONSISTENCY_MEDIUM, 5, 7 },
    { MESO_AREA_SCALP, MESO_CONSISTENCY_THICK, 5, 10 },
    { MESO_AREA_DECOLLETE, MESO_CONSISTENCY_MEDIUM, 5, 7 },
    { MESO_AREA_HANDS, MESO_CONSISTENCY_MEDIUM, 5, 7 },
    { MESO_AREA_OTHER, MESO_CONSISTENCY_MEDIUM, 5, 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MesoAftercareSheet) sheet = build (cases[i].area, cases[i].consistency,
                                                   MESO_MASSAGE_GENTLE,
                                                   MESO_INDICATION_REJUVENATION);
      g_autofree char *expect = g_strdup_printf ("within %u to %u days", cases[i].min, cases[i].max);
      const MesoAftercareItem *item = meso_aftercare_sheet_find_item (sheet, "normal_lumps");
      guint lo, hi;

      meso_aftercare_lump_days (cases[i].area, cases[i].consistency, &lo, &hi);
      g_assert_cmpuint (lo, ==, cases[i].min);
      g_assert_cmpuint (hi, ==, cases[i].max);
      g_assert_cmpuint (sheet->lump_min_days, ==, lo);
      g_assert_cmpuint (sheet->lump_max_days, ==, hi);
      g_assert_nonnull (item);
      if (strstr (item->text, expect) == NULL)
        g_error ("%s: “%s” lacks “%s”", meso_area_to_code (cases[i].area), item->text, expect);
    }

  /* Whatever the combination: never below the floor, never an expected
   * lump past the two weeks that make it a warning sign (000). */
  for (guint a = 0; a < MESO_N_AREAS; a++)
    for (guint c = 0; c < MESO_N_CONSISTENCIES; c++)
      {
        guint lo, hi, mlo, mhi;

        meso_aftercare_lump_days (a, c, &lo, &hi);
        meso_aftercare_lump_days (a, MESO_CONSISTENCY_MEDIUM, &mlo, &mhi);
        g_assert_cmpuint (lo, >=, MESO_AFTERCARE_MIN_LUMP_DAYS);
        g_assert_cmpuint (lo, <=, hi);
        g_assert_cmpuint (hi, <, MESO_AFTERCARE_LUMP_WARNING_DAYS);
        if (c == MESO_CONSISTENCY_THICK)
          g_assert_cmpuint (hi, >, mhi);
        if (c == MESO_CONSISTENCY_THIN)
          g_assert_cmpuint (hi, <, mhi);
      }
}

static void
test_massage (void)
{
  static const char * const codes[] = {
    [MESO_MASSAGE_RECOMMENDED] = "massage_recommended",
    [MESO_MASSAGE_GENTLE] = "massage_gentle",
    [MESO_MASSAGE_AVOID] = "massage_avoid",
  };
  static const char * const phrases[] = {
    [MESO_MASSAGE_RECOMMENDED] = "15 to 20 minutes every day for the next 3 to 5 days",
    [MESO_MASSAGE_GENTLE] = "in small circles, for a few minutes a day",
    [MESO_MASSAGE_AVOID] = "Do not touch or massage the treated area",
  };

  for (guint m = 0; m < MESO_N_MASSAGES; m++)
    {
      g_autoptr(MesoAftercareSheet) sheet = build (MESO_AREA_ABDOMEN, MESO_CONSISTENCY_MEDIUM,
                                                   m, MESO_INDICATION_CELLULITE);
      g_autofree char *text = meso_aftercare_sheet_to_text (sheet);
      const MesoAftercareSection *section =
        meso_aftercare_sheet_get_section (sheet, MESO_AFTERCARE_SECTION_MASSAGE);

      g_assert_nonnull (section);
      g_assert_cmpuint (section->items->len, ==, 1);
      g_assert_nonnull (section->intro);
      for (guint o = 0; o < MESO_N_MASSAGES; o++)
        {
          g_assert_cmpint (meso_aftercare_sheet_find_item (sheet, codes[o]) != NULL, ==, o == m);
          g_assert_cmpint (strstr (text, phrases[o]) != NULL, ==, o == m);
        }
    }
}

static void
test_fat_reduction (void)
{
  for (guint i = 0; i < MESO_N_INDICATIONS; i++)
    {
      g_autoptr(MesoAftercareSheet) sheet = build (MESO_AREA_ABDOMEN, MESO_CONSISTENCY_MEDIUM,
                                                   MESO_MASSAGE_GENTLE, i);
      const MesoAftercareItem *item = meso_aftercare_sheet_find_item (sheet, "diet_plan");

      g_assert_cmpint (item != NULL, ==, i == MESO_INDICATION_FAT_REDUCTION);
      if (item)
        g_assert_nonnull (strstr (item->text, "diet and exercise plan"));
    }
}

static void
test_warning_signs (void)
{
  for (guint a = 0; a < MESO_N_AREAS; a++)
    for (guint c = 0; c < MESO_N_CONSISTENCIES; c++)
      for (guint m = 0; m < MESO_N_MASSAGES; m++)
        for (guint i = 0; i < MESO_N_INDICATIONS; i++)
          {
            g_autoptr(MesoAftercareSheet) sheet = build (a, c, m, i);
            const MesoAftercareSection *warn =
              meso_aftercare_sheet_get_section (sheet, MESO_AFTERCARE_SECTION_WARNING);
            const MesoAftercareItem *allergy;

            assert_items (sheet, every_sheet, TRUE);
            assert_items (sheet, warning_signs, TRUE);
            g_assert_nonnull (warn);
            g_assert_cmpuint (warn->items->len, ==, g_strv_length ((char **) warning_signs));
            allergy = meso_aftercare_sheet_find_item (sheet, "warn_allergy");
            g_assert_true (allergy->urgent);
            g_assert_nonnull (strstr (allergy->text, "Seek medical help immediately"));
            g_assert_nonnull (strstr (allergy->text, "difficulty breathing"));
          }

  {
    g_autoptr(MesoAftercareSheet) sheet = build (MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                 MESO_MASSAGE_GENTLE, MESO_INDICATION_REJUVENATION);
    g_autofree char *text = meso_aftercare_sheet_to_text (sheet);

    g_assert_nonnull (strstr (text, "still there after 2 weeks"));
    g_assert_nonnull (strstr (text, "painful, red or hot"));
    g_assert_nonnull (strstr (text, "Pus"));
    g_assert_nonnull (strstr (text, "Fever"));
    g_assert_nonnull (strstr (text, "Bleeding that does not stop"));
    g_assert_nonnull (strstr (text, "lasts longer than expected"));
  }
}

static void
assert_dates (const char *session_date,
              guint       next_days,
              const char *review,
              const char *next)
{
  g_autoptr(MesoSession) s = make_session (session_date, MESO_AREA_FACE, MESO_CONSISTENCY_THICK,
                                           MESO_MASSAGE_GENTLE, MESO_INDICATION_REJUVENATION);
  MesoSettings settings = { 0 };
  g_autoptr(MesoAftercareSheet) sheet = NULL;
  g_autofree char *r = NULL;
  g_autofree char *n = NULL;
  GDate d;

  settings.next_session_days = next_days;
  sheet = meso_aftercare_sheet_build (s, "Ada", &settings, "en");
  r = meso_date_format (&sheet->review_date);
  n = meso_date_format (&sheet->next_session_date);
  g_assert_cmpstr (r, ==, review);
  g_assert_cmpstr (n, ==, next);
  meso_aftercare_review_date (s, &d);
  g_assert_cmpint (g_date_compare (&d, &sheet->review_date), ==, 0);
}

static void
test_dates (void)
{
  /* Review two weeks on (the follow-up rules' date), next session after
   * the clinic's interval; across month, year and leap-day ends. */
  assert_dates ("2026-05-04", 0, "2026-05-18", "2026-05-18");
  assert_dates ("2026-01-25", 10, "2026-02-08", "2026-02-04");
  assert_dates ("2024-02-20", 14, "2024-03-05", "2024-03-05");
  assert_dates ("2026-02-20", 14, "2026-03-06", "2026-03-06");
  assert_dates ("2026-12-25", 21, "2027-01-08", "2027-01-15");
  assert_dates ("2026-04-30", 1, "2026-05-14", "2026-05-01");

  {
    g_autoptr(MesoSession) s = make_session ("2026-05-04", MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                             MESO_MASSAGE_GENTLE, MESO_INDICATION_REJUVENATION);
    g_autoptr(MesoAftercareSheet) sheet = meso_aftercare_sheet_build (s, "Ada", NULL, "en");

    g_assert_cmpstr (sheet->date_text, ==, "4 May 2026");
    g_assert_nonnull (strstr (sheet->review_text, "18 May 2026"));
    g_assert_nonnull (strstr (sheet->next_session_text, "18 May 2026"));
  }
}

static void
test_sources (void)
{
  const char *seeds = g_getenv ("MESOCHART_SEEDS");
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  const MesoAftercareRule *rules;
  guint n;

  g_assert_nonnull (seeds);
  rules = meso_aftercare_rules (&n);
  g_assert_cmpuint (n, >, 20);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (rules[i].code);
      g_assert_false (g_hash_table_contains (codes, rules[i].code));
      g_hash_table_add (codes, (gpointer) rules[i].code);
      g_assert_nonnull (rules[i].text);
      g_assert_nonnull (rules[i].sources[0]);
      for (guint j = 0; j < G_N_ELEMENTS (rules[i].sources) && rules[i].sources[j]; j++)
        {
          g_autofree char *path = g_build_filename (seeds, rules[i].sources[j], NULL);

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            g_error ("rule %s: source %s does not exist", rules[i].code, path);
        }
    }

  /* And the items on a built sheet carry them. */
  {
    g_autoptr(MesoAftercareSheet) sheet = build (MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                                                 MESO_MASSAGE_AVOID, MESO_INDICATION_FAT_REDUCTION);

    for (guint i = 0; i < sheet->sections->len; i++)
      {
        const MesoAftercareSection *section = g_ptr_array_index (sheet->sections, i);

        g_assert_cmpuint (section->items->len, >, 0);
        g_assert_nonnull (section->heading);
        for (guint j = 0; j < section->items->len; j++)
          {
            const MesoAftercareItem *item = g_ptr_array_index (section->items, j);

            g_assert_nonnull (item->sources[0]);
            g_assert_true (g_str_has_suffix (item->sources[0], ".txt"));
          }
      }
  }
}

static void
test_dates_in_languages (void)
{
  GDate d;
  static const struct { const char *lang, *date, *text; } cases[] = {
    { "en", "2026-05-04", "4 May 2026" },
    { "fr", "2026-05-04", "4 mai 2026" },
    { "fr", "2026-05-01", "1er mai 2026" },
    { "fr", "2026-08-15", "15 août 2026" },
    { "it", "2026-05-04", "4 maggio 2026" },
    { "es", "2026-05-04", "4 de mayo de 2026" },
    { "de", "2026-05-04", "4. Mai 2026" },
    { "de", "2026-03-31", "31. März 2026" },
    { "xx", "2026-12-01", "1 December 2026" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (meso_date_parse (cases[i].date, &d));
      text = meso_i18n_format_date (cases[i].lang, &d);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_expand (void)
{
  g_autofree char *a = meso_i18n_expand ("{a} and {b}, {a}; {unknown} {", "a", "1", "b", "two", NULL);

  g_assert_cmpstr (a, ==, "1 and two, 1; {unknown} {");
}

/* A catalogue compiled by msgfmt, read without any system locale: the
 * machine running this test only needs C.UTF-8. */
static void
test_translation (void)
{
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *lcdir = NULL;
  g_autofree char *po = NULL;
  g_autofree char *mo = NULL;
  g_autoptr(MesoSession) s = NULL;
  g_autoptr(MesoAftercareSheet) sheet = NULL;
  g_autoptr(MesoAftercareSheet) en = NULL;
  g_autoptr(MesoAftercareSheet) es = NULL;
  const char *po_text =
    "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
    "msgid \"Do not wear makeup for 24 to 48 hours.\"\n"
    "msgstr \"Ne vous maquillez pas pendant 24 à 48 heures.\"\n\n"
    "msgid \"Small lumps under the skin. After your treatment they should go within {min} to {max} days.\"\n"
    "msgstr \"De petites bosses sous la peau. Elles partent en {min} à {max} jours.\"\n\n"
    "msgid \"Face\"\nmsgstr \"Visage\"\n\n"
    "msgctxt \"body area\"\nmsgid \"Other\"\nmsgstr \"Autre zone\"\n\n"
    "msgid \"{label}:\"\nmsgstr \"{label} :\"\n\n"
    "msgid \"Patient\"\nmsgstr \"Patiente ou patient\"\n";
  int status = 0;

  if (msgfmt == NULL)
    {
      g_test_skip ("msgfmt (gettext) is not installed");
      return;
    }
  dir = g_dir_make_tmp ("mesochart-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  lcdir = g_build_filename (dir, "fr", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (lcdir, 0700), ==, 0);
  po = g_build_filename (dir, "fr.po", NULL);
  mo = g_build_filename (lcdir, "mesochart.mo", NULL);
  g_file_set_contents (po, po_text, -1, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { msgfmt, "-o", mo, po, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  g_setenv ("MESOCHART_LOCALEDIR", dir, TRUE);
  meso_i18n_reset ();

  g_assert_cmpstr (meso_i18n_translate ("fr", "Face"), ==, "Visage");
  g_assert_cmpstr (meso_i18n_translate ("fr", "Thighs"), ==, "Thighs");   /* untranslated */
  g_assert_cmpstr (meso_i18n_translate ("en", "Face"), ==, "Face");
  g_assert_cmpstr (meso_i18n_translate ("de", "Face"), ==, "Face");       /* no catalogue */
  g_assert_cmpstr (meso_i18n_translate ("xx", "Face"), ==, "Face");
  /* "Other" is translated per vocabulary; a context never leaks into
   * another one, and a missing one gives the English word, not the key. */
  g_assert_cmpstr (meso_i18n_translate_context ("fr", "body area", "Other"), ==, "Autre zone");
  g_assert_cmpstr (meso_i18n_translate_context ("fr", "indication", "Other"), ==, "Other");
  g_assert_cmpstr (meso_i18n_translate_context ("fr", NULL, "Face"), ==, "Visage");
  g_assert_cmpstr (meso_i18n_translate ("fr", "Other"), ==, "Other");

  s = make_session ("2026-05-04", MESO_AREA_FACE, MESO_CONSISTENCY_MEDIUM,
                    MESO_MASSAGE_GENTLE, MESO_INDICATION_REJUVENATION);
  sheet = meso_aftercare_sheet_build (s, "Hélène", NULL, "fr");
  g_assert_cmpstr (sheet->language, ==, "fr");
  g_assert_cmpstr (sheet->area_text, ==, "Visage");
  g_assert_cmpstr (sheet->label_patient, ==, "Patiente ou patient");
  {
    /* The colon is part of the translation: French spaces it. */
    g_autofree char *label = meso_aftercare_sheet_label (sheet, sheet->label_patient);
    g_autofree char *text = meso_aftercare_sheet_to_text (sheet);
    g_autoptr(MesoSession) other = make_session ("2026-05-04", MESO_AREA_OTHER,
                                                 MESO_CONSISTENCY_MEDIUM, MESO_MASSAGE_GENTLE,
                                                 MESO_INDICATION_OTHER);
    g_autoptr(MesoAftercareSheet) other_sheet = meso_aftercare_sheet_build (other, "Hélène",
                                                                            NULL, "fr");

    g_assert_cmpstr (label, ==, "Patiente ou patient :");
    g_assert_nonnull (strstr (text, "Patiente ou patient : Hélène\n"));
    g_assert_cmpstr (other_sheet->area_text, ==, "Autre zone");
    g_assert_cmpstr (other_sheet->indication_text, ==, "Other");
  }
  g_assert_cmpstr (sheet->date_text, ==, "4 mai 2026");
  g_assert_cmpstr (meso_aftercare_sheet_find_item (sheet, "no_makeup")->text, ==,
                   "Ne vous maquillez pas pendant 24 à 48 heures.");
  g_assert_cmpstr (meso_aftercare_sheet_find_item (sheet, "normal_lumps")->text, ==,
                   "De petites bosses sous la peau. Elles partent en 3 à 5 jours.");
  /* The interface language plays no part: English and Spanish sheets
   * from the same process stay in their own language. */
  en = meso_aftercare_sheet_build (s, "Hélène", NULL, "en");
  g_assert_cmpstr (en->area_text, ==, "Face");
  /* This folder has no Spanish catalogue: rather than English text under
   * a Spanish date, the whole sheet is English. */
  g_assert_false (meso_i18n_language_available ("es"));
  g_assert_true (meso_i18n_language_available ("fr"));
  es = meso_aftercare_sheet_build (s, "Hélène", NULL, "es");
  g_assert_cmpstr (es->language, ==, "en");
  g_assert_cmpstr (es->date_text, ==, "4 May 2026");
  g_assert_cmpstr (es->area_text, ==, "Face");

  /* Unsupported languages fall back to English. */
  {
    g_autoptr(MesoAftercareSheet) xx = meso_aftercare_sheet_build (s, "Hélène", NULL, "xx");

    g_assert_cmpstr (xx->language, ==, "en");
  }

  g_unsetenv ("MESOCHART_LOCALEDIR");
  meso_i18n_reset ();
  g_unlink (mo);
  g_unlink (po);
  g_rmdir (lcdir);
  {
    g_autofree char *fr = g_build_filename (dir, "fr", NULL);

    g_rmdir (fr);
  }
  g_rmdir (dir);
}

static void
test_damaged_catalogue (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mesochart-i18n-XXXXXX", &error);
  g_autofree char *lcdir = g_build_filename (dir, "it", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (lcdir, "mesochart.mo", NULL);
  /* Magic, revision, then a count pointing far past the end. */
  static const guint8 bad[] = { 0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0, 0xff, 0xff, 0, 0,
                                28, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f };

  g_assert_cmpint (g_mkdir_with_parents (lcdir, 0700), ==, 0);
  g_file_set_contents (mo, (const char *) bad, sizeof bad, &error);
  g_assert_no_error (error);
  g_setenv ("MESOCHART_LOCALEDIR", dir, TRUE);
  meso_i18n_reset ();
  if (g_test_subprocess ())
    {
      /* g_test_init() made warnings fatal; here the warning is expected. */
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_assert_cmpstr (meso_i18n_translate ("it", "Face"), ==, "Face");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* A damaged file warns and falls back to English, never crashes. */
  g_test_trap_assert_stderr ("*damaged*");
  g_unsetenv ("MESOCHART_LOCALEDIR");
  meso_i18n_reset ();
  g_unlink (mo);
  g_rmdir (lcdir);
  {
    g_autofree char *it = g_build_filename (dir, "it", NULL);

    g_rmdir (it);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aftercare/area-classes", test_area_classes);
  g_test_add_func ("/aftercare/area-texts", test_area_texts);
  g_test_add_func ("/aftercare/lump-days", test_lump_days);
  g_test_add_func ("/aftercare/massage", test_massage);
  g_test_add_func ("/aftercare/fat-reduction", test_fat_reduction);
  g_test_add_func ("/aftercare/warning-signs", test_warning_signs);
  g_test_add_func ("/aftercare/dates", test_dates);
  g_test_add_func ("/aftercare/sources", test_sources);
  g_test_add_func ("/aftercare/i18n/dates", test_dates_in_languages);
  g_test_add_func ("/aftercare/i18n/expand", test_expand);
  g_test_add_func ("/aftercare/i18n/translation", test_translation);
  g_test_add_func ("/aftercare/i18n/damaged-catalogue", test_damaged_catalogue);

  return g_test_run ();
}
