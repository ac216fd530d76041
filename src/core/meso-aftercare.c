/* meso-aftercare.c: the rules that write an aftercare sheet. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "meso-aftercare.h"
#include "meso-followup.h"
#include "meso-i18n.h"

G_DEFINE_BOXED_TYPE (MesoAftercareSheet, meso_aftercare_sheet,
                     meso_aftercare_sheet_ref, meso_aftercare_sheet_unref)

#define S000 MESO_SEED_000
#define S001 MESO_SEED_001
#define S002 MESO_SEED_002
#define S003 MESO_SEED_003
#define S004 MESO_SEED_004

/* Short sentences a patient understands at a glance; every rule names the
 * seed documents it comes from (../shared/domain.md lists them). */
static const MesoAftercareRule rules[] = {
  /* What is normal */
  { "normal_redness", MESO_AFTERCARE_SECTION_NORMAL, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Redness, swelling and a burning feeling where the needle went in. These settle within 24 to 36 hours."),
    FALSE, { S002, S004 } },
  { "normal_bruising", MESO_AFTERCARE_SECTION_NORMAL, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Small bruises. They can take several days to fade."),
    FALSE, { S001, S002, S004 } },
  { "normal_pinpoint_bleeding", MESO_AFTERCARE_SECTION_NORMAL, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("A few tiny spots of blood where the needle went in. They stop by themselves."),
    FALSE, { S003 } },
  { "normal_itching", MESO_AFTERCARE_SECTION_NORMAL, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Mild pain or tenderness, itching, or dry and flaking skin."),
    FALSE, { S001, S003, S004 } },
  { "normal_lumps", MESO_AFTERCARE_SECTION_NORMAL, MESO_AFTERCARE_WHEN_ALWAYS,
    /* Translators: keep {min} and {max} as they are: the numbers of days. */
    N_("Small lumps under the skin. After your treatment they should go within {min} to {max} days."),
    FALSE, { S000 } },

  /* Every sheet */
  { "no_washing", MESO_AFTERCARE_SECTION_CARE, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Do not wash the treated area or shower for 12 hours."),
    FALSE, { S002 } },
  { "cold_pack", MESO_AFTERCARE_SECTION_CARE, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("For swelling, hold a cold pack wrapped in a cloth on the area. Never put ice directly on the skin."),
    FALSE, { S000, S001, S002 } },
  { "no_heat", MESO_AFTERCARE_SECTION_CARE, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("For the first few days, avoid heat: no sauna, hot tub, steam room or hot bath. Shower in cool or lukewarm water."),
    FALSE, { S000, S002, S004 } },
  { "no_exercise", MESO_AFTERCARE_SECTION_CARE, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Do not do strenuous exercise for 48 hours. Gentle walking is fine."),
    FALSE, { S002, S003 } },
  { "sun", MESO_AFTERCARE_SECTION_CARE, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Stay out of the sun for at least a week. Outdoors, use sunscreen of SPF 30 or more and put it on again every two hours."),
    FALSE, { S001, S002, S003 } },
  { "water", MESO_AFTERCARE_SECTION_CARE, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Drink plenty of water: about 8 glasses a day."),
    FALSE, { S000, S003 } },
  { "no_picking", MESO_AFTERCARE_SECTION_CARE, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Do not pick or scratch the lumps."),
    FALSE, { S000 } },
  { "no_alcohol", MESO_AFTERCARE_SECTION_CARE, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Do not drink alcohol, take medicines that were not prescribed, or use creams we did not advise."),
    FALSE, { S004 } },
  { "diet_plan", MESO_AFTERCARE_SECTION_CARE, MESO_AFTERCARE_WHEN_FAT_REDUCTION,
    N_("Follow the diet and exercise plan we gave you."),
    FALSE, { S002 } },

  /* The treated area */
  { "no_makeup", MESO_AFTERCARE_SECTION_AREA, MESO_AFTERCARE_WHEN_FACIAL,
    N_("Do not wear makeup for 24 to 48 hours."),
    FALSE, { S003 } },
  { "sleep_on_back", MESO_AFTERCARE_SECTION_AREA, MESO_AFTERCARE_WHEN_FACIAL,
    N_("Sleep on your back for the first few nights, so the treated skin is not pressed into the pillow."),
    FALSE, { S000 } },
  { "clean_hands", MESO_AFTERCARE_SECTION_AREA, MESO_AFTERCARE_WHEN_SKIN_CARE,
    N_("Do not touch the treated skin with unwashed hands."),
    FALSE, { S003 } },
  { "mild_cleanser", MESO_AFTERCARE_SECTION_AREA, MESO_AFTERCARE_WHEN_SKIN_CARE,
    N_("After the first 12 hours, clean the skin gently with a mild, non-foaming cleanser."),
    FALSE, { S003 } },
  { "no_exfoliants", MESO_AFTERCARE_SECTION_AREA, MESO_AFTERCARE_WHEN_SKIN_CARE,
    N_("Do not use scrubs or exfoliants for a week."),
    FALSE, { S001, S003 } },
  { "no_retinol", MESO_AFTERCARE_SECTION_AREA, MESO_AFTERCARE_WHEN_SKIN_CARE,
    N_("Do not use products with retinol or glycolic acid for a few days."),
    FALSE, { S003 } },
  { "moisturiser", MESO_AFTERCARE_SECTION_AREA, MESO_AFTERCARE_WHEN_SKIN_CARE,
    N_("Use a gentle moisturiser without perfume."),
    FALSE, { S001, S003 } },
  { "loose_clothing", MESO_AFTERCARE_SECTION_AREA, MESO_AFTERCARE_WHEN_BODY,
    N_("Wear loose clothing over the treated area."),
    FALSE, { S000 } },
  { "raise_area", MESO_AFTERCARE_SECTION_AREA, MESO_AFTERCARE_WHEN_BODY,
    N_("At night, raise the treated area on pillows to reduce swelling."),
    FALSE, { S000 } },

  /* Massage: the documents disagree, the session records the choice and
   * only that advice is printed. */
  { "massage_recommended", MESO_AFTERCARE_SECTION_MASSAGE, MESO_AFTERCARE_WHEN_MASSAGE_RECOMMENDED,
    N_("Massage the treated area for 15 to 20 minutes every day for the next 3 to 5 days."),
    FALSE, { S002 } },
  { "massage_gentle", MESO_AFTERCARE_SECTION_MASSAGE, MESO_AFTERCARE_WHEN_MASSAGE_GENTLE,
    N_("Massage the area lightly with your fingertips, in small circles, for a few minutes a day. Do not press hard."),
    FALSE, { S000 } },
  { "massage_avoid", MESO_AFTERCARE_SECTION_MASSAGE, MESO_AFTERCARE_WHEN_MASSAGE_AVOID,
    N_("Do not touch or massage the treated area."),
    FALSE, { S004 } },

  /* Warning signs, on every sheet */
  { "warn_lumps_persist", MESO_AFTERCARE_SECTION_WARNING, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Lumps that are still there after 2 weeks."),
    FALSE, { S000 } },
  { "warn_lumps_inflamed", MESO_AFTERCARE_SECTION_WARNING, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Lumps that become painful, red or hot."),
    FALSE, { S000, S003 } },
  { "warn_discharge", MESO_AFTERCARE_SECTION_WARNING, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Pus or other fluid coming from an injection site."),
    FALSE, { S000, S003 } },
  { "warn_fever", MESO_AFTERCARE_SECTION_WARNING, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Fever, or feeling generally unwell."),
    FALSE, { S000 } },
  { "warn_bleeding", MESO_AFTERCARE_SECTION_WARNING, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Bleeding that does not stop."),
    FALSE, { S003 } },
  { "warn_redness_long", MESO_AFTERCARE_SECTION_WARNING, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Redness or swelling that lasts longer than expected."),
    FALSE, { S003 } },
  { "warn_pain", MESO_AFTERCARE_SECTION_WARNING, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Strong pain."),
    FALSE, { S001 } },
  { "warn_allergy", MESO_AFTERCARE_SECTION_WARNING, MESO_AFTERCARE_WHEN_ALWAYS,
    N_("Signs of an allergic reaction: itching, hives, swelling, difficulty breathing. Seek medical help immediately."),
    TRUE, { S001, S004 } },
};

const MesoAftercareRule *
meso_aftercare_rules (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

MesoAftercareAreaClass
meso_aftercare_area_class (MesoArea area)
{
  switch (area)
    {
    case MESO_AREA_FACE:
    case MESO_AREA_NECK:
      return MESO_AFTERCARE_AREA_FACIAL;
    case MESO_AREA_DECOLLETE:
    case MESO_AREA_HANDS:
      return MESO_AFTERCARE_AREA_SKIN;
    case MESO_AREA_ABDOMEN:
    case MESO_AREA_FLANKS:
    case MESO_AREA_THIGHS:
    case MESO_AREA_BUTTOCKS:
    case MESO_AREA_ARMS:
      return MESO_AFTERCARE_AREA_BODY;
    case MESO_AREA_SCALP:
    case MESO_AREA_OTHER:
    case MESO_N_AREAS:
    default:
      return MESO_AFTERCARE_AREA_GENERAL;
    }
}

gboolean
meso_aftercare_rule_applies (const MesoAftercareRule *rule,
                             const MesoSession       *session)
{
  MesoAftercareAreaClass area = meso_aftercare_area_class (session->area);

  switch (rule->condition)
    {
    case MESO_AFTERCARE_WHEN_ALWAYS:
      return TRUE;
    case MESO_AFTERCARE_WHEN_FACIAL:
      return area == MESO_AFTERCARE_AREA_FACIAL;
    case MESO_AFTERCARE_WHEN_SKIN_CARE:
      return area == MESO_AFTERCARE_AREA_FACIAL || area == MESO_AFTERCARE_AREA_SKIN;
    case MESO_AFTERCARE_WHEN_BODY:
      return area == MESO_AFTERCARE_AREA_BODY;
    case MESO_AFTERCARE_WHEN_MASSAGE_RECOMMENDED:
      return session->massage == MESO_MASSAGE_RECOMMENDED;
    case MESO_AFTERCARE_WHEN_MASSAGE_GENTLE:
      return session->massage == MESO_MASSAGE_GENTLE;
    case MESO_AFTERCARE_WHEN_MASSAGE_AVOID:
      return session->massage == MESO_MASSAGE_AVOID;
    case MESO_AFTERCARE_WHEN_FAT_REDUCTION:
      return session->indication == MESO_INDICATION_FAT_REDUCTION;
    default:
      g_return_val_if_reached (FALSE);
    }
}

void
meso_aftercare_lump_days (MesoArea         area,
                          MesoConsistency  consistency,
                          guint           *min_days,
                          guint           *max_days)
{
  guint lo, hi;

  /* 000: "face and neck … typically three to five days"; "thighs, stomach,
   * or buttocks that have thicker skin or more fat … up to seven or ten
   * days" (flanks are the same fatty tissue as the abdomen); otherwise
   * "usually … 5-7 days". */
  switch (area)
    {
    case MESO_AREA_FACE:
    case MESO_AREA_NECK:
      lo = 3, hi = 5;
      break;
    case MESO_AREA_THIGHS:
    case MESO_AREA_ABDOMEN:
    case MESO_AREA_FLANKS:
    case MESO_AREA_BUTTOCKS:
      lo = 7, hi = 10;
      break;
    default:
      lo = 5, hi = 7;
      break;
    }

  /* 000: thicker solutions last longer, thinner ones absorb faster; the
   * amounts are the clinic's reading (see the header). */
  if (consistency == MESO_CONSISTENCY_THICK)
    hi += MESO_AFTERCARE_THICK_EXTRA_DAYS;
  else if (consistency == MESO_CONSISTENCY_THIN)
    {
      lo = MAX (lo - MESO_AFTERCARE_THIN_FEWER_DAYS, MESO_AFTERCARE_MIN_LUMP_DAYS);
      hi = MAX (hi - MESO_AFTERCARE_THIN_FEWER_DAYS, lo);
    }
  /* Past two weeks a lump is a warning sign, never "expected". */
  hi = MIN (hi, MESO_AFTERCARE_LUMP_WARNING_DAYS - 1);

  if (min_days != NULL)
    *min_days = lo;
  if (max_days != NULL)
    *max_days = hi;
}

void
meso_aftercare_review_date (const MesoSession *session,
                            GDate             *out)
{
  /* One rule for the sheet and the follow-up flags. */
  meso_followup_review_date (session, out);
}

void
meso_aftercare_next_session_date (const MesoSession  *session,
                                  const MesoSettings *settings,
                                  GDate              *out)
{
  guint days = MESO_DEFAULT_NEXT_SESSION_DAYS;

  if (settings != NULL && settings->next_session_days > 0)
    days = settings->next_session_days;
  g_date_clear (out, 1);
  if (!g_date_valid (&session->date))
    return;
  *out = session->date;
  g_date_add_days (out, days);
}

/* Labels printed on the sheet, in the sheet's language.  The interface's
 * meso_*_to_label() already translate into the interface language, so the
 * same msgids, with the same contexts as in meso-enums.c, are listed again
 * here (gettext merges them: translators see each once). */
typedef struct
{
  const char *msgid;
  const char *context;  /* NULL for most */
} SheetTerm;

static const SheetTerm area_msgids[] = {
  { N_("Face") }, { N_("Neck") }, { N_("Décolleté") }, { N_("Scalp") }, { N_("Abdomen") },
  { N_("Flanks") }, { N_("Thighs") }, { N_("Buttocks") }, { N_("Arms") }, { N_("Hands") },
  { NC_("body area", "Other"), "body area" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (area_msgids) == MESO_N_AREAS);

static const SheetTerm indication_msgids[] = {
  { N_("Skin rejuvenation") }, { N_("Cellulite") }, { N_("Localized fat reduction") },
  { N_("Hair loss") }, { NC_("indication", "Other"), "indication" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (indication_msgids) == MESO_N_INDICATIONS);

static const char * const consistency_msgids[] = {
  N_("Thin"), N_("Medium"), N_("Thick"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (consistency_msgids) == MESO_N_CONSISTENCIES);

static const char *
section_heading (MesoAftercareSectionKind kind,
                 MesoAftercareAreaClass   area)
{
  switch (kind)
    {
    case MESO_AFTERCARE_SECTION_NORMAL:
      return N_("What is normal");
    case MESO_AFTERCARE_SECTION_CARE:
      return N_("Looking after yourself");
    case MESO_AFTERCARE_SECTION_AREA:
      if (area == MESO_AFTERCARE_AREA_FACIAL)
        return N_("Caring for your face and neck");
      if (area == MESO_AFTERCARE_AREA_BODY)
        return N_("Caring for the treated area of your body");
      return N_("Caring for the treated skin");
    case MESO_AFTERCARE_SECTION_MASSAGE:
      return N_("Massage");
    case MESO_AFTERCARE_SECTION_WARNING:
      return N_("Warning signs: contact the clinic");
    case MESO_N_AFTERCARE_SECTIONS:
    default:
      g_return_val_if_reached ("");
    }
}

static const char *
section_intro (MesoAftercareSectionKind kind)
{
  switch (kind)
    {
    case MESO_AFTERCARE_SECTION_NORMAL:
      return N_("These are common and go away on their own:");
    case MESO_AFTERCARE_SECTION_MASSAGE:
      /* The documents disagree; say the advice was chosen for this
       * patient so nobody mistakes it for a general rule. */
      return N_("Your practitioner chose this advice for your treatment:");
    case MESO_AFTERCARE_SECTION_WARNING:
      return N_("Call us straight away if you notice any of these:");
    case MESO_AFTERCARE_SECTION_CARE:
    case MESO_AFTERCARE_SECTION_AREA:
    case MESO_N_AFTERCARE_SECTIONS:
    default:
      return NULL;
    }
}

static void
item_free (MesoAftercareItem *item)
{
  g_free (item->text);
  g_free (item);
}

static void
section_free (MesoAftercareSection *section)
{
  g_free (section->heading);
  g_free (section->intro);
  g_clear_pointer (&section->items, g_ptr_array_unref);
  g_free (section);
}

static char *
tr (const char *language,
    const char *msgid)
{
  return g_strdup (meso_i18n_translate (language, msgid));
}

static char *
tr_term (const char      *language,
         const SheetTerm *term)
{
  return g_strdup (meso_i18n_translate_context (language, term->context, term->msgid));
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

MesoAftercareSheet *
meso_aftercare_sheet_build (const MesoSession  *session,
                            const char         *patient_name,
                            const MesoSettings *settings,
                            const char         *language)
{
  MesoAftercareSheet *sheet;
  MesoAftercareAreaClass area_class;
  MesoAftercareSection *by_kind[MESO_N_AFTERCARE_SECTIONS] = { NULL };
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *review_date = NULL;
  g_autofree char *next_date = NULL;
  const char *lang;

  g_return_val_if_fail (session != NULL, NULL);

  /* Without its catalogue a language would give English text under a
   * translated date: print the whole sheet in English instead. */
  lang = meso_i18n_language_available (language) ? language : "en";
  area_class = meso_aftercare_area_class (session->area);

  sheet = g_new0 (MesoAftercareSheet, 1);
  g_atomic_ref_count_init (&sheet->ref_count);
  sheet->language = g_strdup (lang);
  sheet->title = tr (lang, N_("Your aftercare after mesotherapy"));
  sheet->patient_name = g_strdup (patient_name ? patient_name : "");
  sheet->date = session->date;
  sheet->date_text = meso_i18n_format_date (lang, &session->date);
  sheet->area = session->area;
  sheet->area_text = tr_term (lang, &area_msgids[MIN ((guint) session->area, MESO_N_AREAS - 1)]);
  sheet->indication = session->indication;
  sheet->indication_text = tr_term (lang, &indication_msgids[MIN ((guint) session->indication,
                                                                  MESO_N_INDICATIONS - 1)]);
  sheet->solution_name = is_blank (session->solution_name) ? NULL : g_strdup (session->solution_name);
  sheet->consistency = session->consistency;
  sheet->consistency_text = tr (lang, consistency_msgids[MIN ((guint) session->consistency,
                                                              MESO_N_CONSISTENCIES - 1)]);
  if (session->ingredients != NULL && session->ingredients->len > 0)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; i < session->ingredients->len; i++)
        {
          if (i > 0)
            g_string_append (joined, ", ");
          g_string_append (joined, g_ptr_array_index (session->ingredients, i));
        }
      sheet->ingredients_text = g_string_free (g_steal_pointer (&joined), FALSE);
    }
  sheet->batch = is_blank (session->batch) ? NULL : g_strdup (session->batch);
  meso_aftercare_lump_days (session->area, session->consistency,
                            &sheet->lump_min_days, &sheet->lump_max_days);

  /* Sections in printing order, filled from the rule table. */
  sheet->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  min_text = g_strdup_printf ("%u", sheet->lump_min_days);
  max_text = g_strdup_printf ("%u", sheet->lump_max_days);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const MesoAftercareRule *rule = &rules[i];
      MesoAftercareItem *item;

      if (!meso_aftercare_rule_applies (rule, session))
        continue;
      if (by_kind[rule->section] == NULL)
        {
          MesoAftercareSection *section = g_new0 (MesoAftercareSection, 1);
          const char *intro = section_intro (rule->section);

          section->kind = rule->section;
          section->heading = tr (lang, section_heading (rule->section, area_class));
          section->intro = intro ? tr (lang, intro) : NULL;
          section->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
          by_kind[rule->section] = section;
        }
      item = g_new0 (MesoAftercareItem, 1);
      item->code = rule->code;
      item->urgent = rule->urgent;
      item->sources = rule->sources;
      item->text = meso_i18n_expand (meso_i18n_translate (lang, rule->text),
                                     "min", min_text, "max", max_text, NULL);
      g_ptr_array_add (by_kind[rule->section]->items, item);
    }
  for (guint k = 0; k < MESO_N_AFTERCARE_SECTIONS; k++)
    if (by_kind[k] != NULL)
      g_ptr_array_add (sheet->sections, by_kind[k]);

  meso_aftercare_review_date (session, &sheet->review_date);
  meso_aftercare_next_session_date (session, settings, &sheet->next_session_date);
  review_date = meso_i18n_format_date (lang, &sheet->review_date);
  next_date = meso_i18n_format_date (lang, &sheet->next_session_date);
  sheet->review_text = meso_i18n_expand (
      /* Translators: keep {date} as it is: "18 May 2026" in your language. */
      meso_i18n_translate (lang, N_("Follow-up check: come back or call us by {date}, so that we can see how your skin is healing.")),
      "date", review_date, NULL);
  sheet->next_session_text = meso_i18n_expand (
      /* Translators: keep {date} as it is. */
      meso_i18n_translate (lang, N_("Next session: not before {date}, so your skin has time to heal.")),
      "date", next_date, NULL);

  sheet->clinic_name = g_strdup (settings && settings->clinic_name ? settings->clinic_name : "");
  sheet->clinic_address = g_strdup (settings && settings->clinic_address ? settings->clinic_address : "");
  sheet->clinic_phone = g_strdup (settings && settings->clinic_phone ? settings->clinic_phone : "");
  if (!is_blank (sheet->clinic_phone))
    sheet->contact_text = meso_i18n_expand (
        /* Translators: keep {phone} as it is: the clinic's number. */
        meso_i18n_translate (lang, N_("Questions or worries? Call us on {phone}.")),
        "phone", sheet->clinic_phone, NULL);
  else
    sheet->contact_text = tr (lang, N_("Questions or worries? Contact the clinic."));

  sheet->label_patient = tr (lang, N_("Patient"));
  sheet->label_date = tr (lang, N_("Date of treatment"));
  sheet->label_area = tr (lang, N_("Treated area"));
  sheet->label_indication = tr (lang, N_("Treatment"));
  sheet->label_solution = tr (lang, N_("Solution"));
  sheet->label_ingredients = tr (lang, N_("Ingredients"));
  sheet->label_batch = tr (lang, N_("Batch"));
  sheet->label_appointments = tr (lang, N_("Your next visits"));
  return sheet;
}

MesoAftercareSheet *
meso_aftercare_sheet_ref (MesoAftercareSheet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
meso_aftercare_sheet_unref (MesoAftercareSheet *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->language);
  g_free (self->title);
  g_free (self->patient_name);
  g_free (self->date_text);
  g_free (self->area_text);
  g_free (self->indication_text);
  g_free (self->solution_name);
  g_free (self->consistency_text);
  g_free (self->ingredients_text);
  g_free (self->batch);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_free (self->review_text);
  g_free (self->next_session_text);
  g_free (self->clinic_name);
  g_free (self->clinic_address);
  g_free (self->clinic_phone);
  g_free (self->contact_text);
  g_free (self->label_patient);
  g_free (self->label_date);
  g_free (self->label_area);
  g_free (self->label_indication);
  g_free (self->label_solution);
  g_free (self->label_ingredients);
  g_free (self->label_batch);
  g_free (self->label_appointments);
  g_free (self);
}

const MesoAftercareSection *
meso_aftercare_sheet_get_section (const MesoAftercareSheet *self,
                                  MesoAftercareSectionKind  kind)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      const MesoAftercareSection *section = g_ptr_array_index (self->sections, i);

      if (section->kind == kind)
        return section;
    }
  return NULL;
}

const MesoAftercareItem *
meso_aftercare_sheet_find_item (const MesoAftercareSheet *self,
                                const char               *code)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      const MesoAftercareSection *section = g_ptr_array_index (self->sections, i);

      for (guint j = 0; j < section->items->len; j++)
        {
          const MesoAftercareItem *item = g_ptr_array_index (section->items, j);

          if (g_str_equal (item->code, code))
            return item;
        }
    }
  return NULL;
}

char *
meso_aftercare_sheet_label (const MesoAftercareSheet *self,
                            const char               *label)
{
  /* Translators: a label on the aftercare handout, before its value, as in
   * "Treated area: Face".  Keep {label}; change only the punctuation around
   * it if your language needs to (French: "{label} :" with a no-break
   * space). */
  return meso_i18n_expand (meso_i18n_translate (self->language, N_("{label}:")),
                           "label", label, NULL);
}

static void
append_label_value (GString                  *out,
                    const MesoAftercareSheet *self,
                    const char               *label,
                    const char               *value)
{
  g_autofree char *l = meso_aftercare_sheet_label (self, label);

  g_string_append_printf (out, "%s %s\n", l, value);
}

char *
meso_aftercare_sheet_to_text (const MesoAftercareSheet *self)
{
  GString *out = g_string_new (NULL);
  g_autofree char *solution = NULL;

  if (*self->clinic_name)
    g_string_append_printf (out, "%s\n", self->clinic_name);
  g_string_append_printf (out, "%s\n\n", self->title);
  append_label_value (out, self, self->label_patient, self->patient_name);
  append_label_value (out, self, self->label_date, self->date_text);
  append_label_value (out, self, self->label_area, self->area_text);
  append_label_value (out, self, self->label_indication, self->indication_text);
  solution = g_strdup_printf ("%s%s(%s)", self->solution_name ? self->solution_name : "",
                              self->solution_name ? " " : "", self->consistency_text);
  append_label_value (out, self, self->label_solution, solution);
  if (self->ingredients_text)
    append_label_value (out, self, self->label_ingredients, self->ingredients_text);
  if (self->batch)
    append_label_value (out, self, self->label_batch, self->batch);
  for (guint i = 0; i < self->sections->len; i++)
    {
      const MesoAftercareSection *section = g_ptr_array_index (self->sections, i);

      g_string_append_printf (out, "\n%s\n", section->heading);
      if (section->intro)
        g_string_append_printf (out, "%s\n", section->intro);
      for (guint j = 0; j < section->items->len; j++)
        {
          const MesoAftercareItem *item = g_ptr_array_index (section->items, j);

          g_string_append_printf (out, "- %s\n", item->text);
        }
    }
  g_string_append_printf (out, "\n%s\n- %s\n- %s\n\n%s\n", self->label_appointments,
                          self->review_text, self->next_session_text, self->contact_text);
  return g_string_free (out, FALSE);
}
