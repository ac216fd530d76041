/* meso-screening.c: walks the rule table over a history and a plan.
 *
 * Pure functions: no I/O, no clock (the plan carries the date).  The rules
 * and their sources are in meso-screening-rules.c; this file only knows how
 * to test each kind of rule and how to say what it found.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "meso-screening-private.h"

G_DEFINE_BOXED_TYPE (MesoScreening, meso_screening, meso_screening_copy, meso_screening_free)

void
meso_finding_free (MesoFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->code);
  g_free (finding->message);
  g_free (finding);
}

static MesoFinding *
finding_copy (const MesoFinding *finding)
{
  MesoFinding *copy = g_new0 (MesoFinding, 1);

  copy->code = g_strdup (finding->code);
  copy->severity = finding->severity;
  copy->message = g_strdup (finding->message);
  copy->source = finding->source;   /* static: points into the rule table */
  return copy;
}

MesoScreening *
meso_screening_copy (const MesoScreening *self)
{
  MesoScreening *copy = g_new0 (MesoScreening, 1);

  copy->verdict = self->verdict;
  copy->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_finding_free);
  for (guint i = 0; i < self->findings->len; i++)
    g_ptr_array_add (copy->findings, finding_copy (g_ptr_array_index (self->findings, i)));
  return copy;
}

void
meso_screening_free (MesoScreening *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_free (self);
}

const MesoFinding *
meso_screening_find (const MesoScreening *self,
                     const char          *code)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const MesoFinding *finding = g_ptr_array_index (self->findings, i);

      if (g_strcmp0 (finding->code, code) == 0)
        return finding;
    }
  return NULL;
}

gboolean
meso_screening_all_acknowledged (const MesoScreening *self,
                                 const GPtrArray     *acknowledged)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const MesoFinding *finding = g_ptr_array_index (self->findings, i);
      gboolean found = FALSE;

      if (finding->severity != MESO_SEVERITY_CAUTION)
        continue;
      for (guint j = 0; acknowledged != NULL && j < acknowledged->len && !found; j++)
        found = g_strcmp0 (g_ptr_array_index (acknowledged, j), finding->code) == 0;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Text matching.
 *
 * Free text ("Warfarin 5 mg", "Lidocaine 2%") is compared as sequences of
 * words: case and accents folded, anything that is not a letter or a digit
 * separates words.  Whole words keep "Aspirinex" from matching "aspirin". */

static GStrv
split_words (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) word = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strv_builder_end (builder);

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  for (const char *p = decomposed; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      /* Drop the accents left by the decomposition: "é" matches "e". */
      if (type == G_UNICODE_NON_SPACING_MARK ||
          type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else if (word->len > 0)
        {
          g_strv_builder_add (builder, word->str);
          g_string_truncate (word, 0);
        }
    }
  if (word->len > 0)
    g_strv_builder_add (builder, word->str);
  return g_strv_builder_end (builder);
}

static gboolean
words_have_letter (const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
      if (g_unichar_isalpha (g_utf8_get_char (p)))
        return TRUE;
  return FALSE;
}

/* TRUE when @needle's words appear, in order and next to each other, among
 * @haystack's.  A needle of digits only ("2", "100") never matches. */
static gboolean
words_contain (const char * const *haystack,
               const char * const *needle)
{
  guint n_hay = g_strv_length ((char **) haystack);
  guint n_needle = g_strv_length ((char **) needle);

  if (n_needle == 0 || n_needle > n_hay || !words_have_letter (needle))
    return FALSE;
  for (guint start = 0; start + n_needle <= n_hay; start++)
    {
      guint k = 0;

      while (k < n_needle && g_str_equal (haystack[start + k], needle[k]))
        k++;
      if (k == n_needle)
        return TRUE;
    }
  return FALSE;
}

static gboolean
text_mentions_any (const char * const *text_words,
                   const char * const *terms)
{
  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_auto(GStrv) term_words = g_strsplit (terms[i], " ", -1);

      if (words_contain (text_words, (const char * const *) term_words))
        return TRUE;
    }
  return FALSE;
}

/* Everything the rules look at, prepared once. */
typedef struct
{
  const GDate        *date_of_birth;
  const MesoHistory  *history;
  const MesoPlan     *plan;
  guint               legal_age;
  GPtrArray          *medication_words;   /* GStrv per history->medications */
  GPtrArray          *allergy_words;      /* GStrv per history->allergies */
  GPtrArray          *ingredient_words;   /* GStrv per plan->ingredients */
  gboolean           *allergy_matched;    /* per allergy: names an ingredient */
} Context;

static GPtrArray *
split_all (const GPtrArray *texts)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; texts != NULL && i < texts->len; i++)
    g_ptr_array_add (all, split_words (g_ptr_array_index (texts, i)));
  return all;
}

static gboolean
has_entries (const GPtrArray *list)
{
  return list != NULL && list->len > 0;
}

/* Joins the entries of @texts flagged in @pick (all when NULL). */
static char *
join_texts (const GPtrArray *texts,
            const gboolean  *pick)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; texts != NULL && i < texts->len; i++)
    {
      if (pick != NULL && !pick[i])
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (texts, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Medication entries that name one of @terms, joined; NULL when none. */
static char *
medications_matching (const Context      *ctx,
                      const char * const *terms)
{
  const GPtrArray *meds = ctx->history->medications;
  g_autofree gboolean *pick = NULL;
  gboolean any = FALSE;

  if (!has_entries (meds))
    return NULL;
  pick = g_new0 (gboolean, meds->len);
  for (guint i = 0; i < meds->len; i++)
    {
      pick[i] = text_mentions_any (g_ptr_array_index (ctx->medication_words, i), terms);
      any |= pick[i];
    }
  return any ? join_texts (meds, pick) : NULL;
}

static char *
history_gaps (const Context *ctx)
{
  g_autoptr(GString) not_asked = g_string_new (NULL);
  g_autoptr(GString) unknown = g_string_new (NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (ctx->date_of_birth == NULL || !g_date_valid (ctx->date_of_birth))
    g_ptr_array_add (parts, g_strdup (_("no date of birth")));

  for (guint c = 0; c < MESO_N_CONDITIONS; c++)
    {
      MesoAnswer answer = ctx->history->conditions[c].answer;
      GString *list;

      if (answer == MESO_ANSWER_NOT_ASKED)
        list = not_asked;
      else if (answer == MESO_ANSWER_UNKNOWN)
        list = unknown;
      else
        continue;
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append (list, meso_condition_to_label (c));
    }
  if (not_asked->len > 0)
    /* Translators: %s is a list of conditions, e.g. "Pregnancy, Diabetes". */
    g_ptr_array_add (parts, g_strdup_printf (_("not asked: %s"), not_asked->str));
  if (unknown->len > 0)
    /* Translators: %s is a list of conditions, e.g. "Pregnancy, Diabetes". */
    g_ptr_array_add (parts, g_strdup_printf (_("answer unknown: %s"), unknown->str));
  if (ctx->history->medications_state == MESO_LIST_NOT_ASKED)
    g_ptr_array_add (parts, g_strdup (_("medications not asked")));
  if (ctx->history->allergies_state == MESO_LIST_NOT_ASKED)
    g_ptr_array_add (parts, g_strdup (_("allergies not asked")));

  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

static const char * const roman[] = { "", "I", "II", "III", "IV", "V", "VI" };

/* The message when @test fires, or NULL when it does not. */
static char *
evaluate (const MesoRuleTest *test,
          const Context      *ctx)
{
  const MesoHistory *h = ctx->history;
  gboolean medicated = has_entries (h->medications);

  switch (test->kind)
    {
    case MESO_RULE_CONDITION:
      if (h->conditions[test->condition].answer != MESO_ANSWER_YES)
        return NULL;
      /* Translators: %s is a condition, e.g. "Diabetes". */
      return g_strdup_printf (_("%s: answered yes. Patients with this condition should avoid mesotherapy."),
                              meso_condition_to_label (test->condition));

    case MESO_RULE_CARDIAC_MEDICATED:
      {
        g_autofree char *meds = NULL;

        if (h->conditions[test->condition].answer != MESO_ANSWER_YES || !medicated)
          return NULL;
        meds = join_texts (h->medications, NULL);
        return g_strdup_printf (_("Cardiac disease with medication (%s): patients with cardiac disease on medication should avoid mesotherapy."),
                                meds);
      }

    case MESO_RULE_CARDIAC:
      if (h->conditions[test->condition].answer != MESO_ANSWER_YES || medicated)
        return NULL;
      if (h->medications_state == MESO_LIST_NOT_ASKED)
        return g_strdup (_("Cardiac disease, and medications were not asked: if the patient takes any medication, mesotherapy should be avoided."));
      return g_strdup (_("Cardiac disease without medication: confirm that the patient takes none; with medication it is a contraindication."));

    case MESO_RULE_UNDER_AGE:
      {
        g_autofree char *on = NULL;
        g_autofree char *born = NULL;
        gint age;

        if (ctx->date_of_birth == NULL || !g_date_valid (ctx->date_of_birth))
          return NULL;   /* history_incomplete names the missing date */
        age = meso_age_on (ctx->date_of_birth, &ctx->plan->date);
        if (age >= (gint) ctx->legal_age)
          return NULL;
        on = meso_date_format (&ctx->plan->date);
        if (age < 0)
          {
            born = meso_date_format (ctx->date_of_birth);
            return g_strdup_printf (_("The date of birth (%s) is after the planned date (%s): check the record."),
                                    born, on);
          }
        return g_strdup_printf (_("The patient is %d on %s, under the legal age of %u set by the clinic: mesotherapy is for candidates of legal age."),
                                age, on, ctx->legal_age);
      }

    case MESO_RULE_INGREDIENT_ALLERGY:
      {
        g_autoptr(GString) pairs = g_string_new (NULL);

        for (guint a = 0; h->allergies != NULL && a < h->allergies->len; a++)
          {
            const char * const *aw = g_ptr_array_index (ctx->allergy_words, a);

            for (guint i = 0; i < ctx->ingredient_words->len; i++)
              {
                const char * const *iw = g_ptr_array_index (ctx->ingredient_words, i);

                if (!words_contain (iw, aw) && !words_contain (aw, iw))
                  continue;
                ctx->allergy_matched[a] = TRUE;
                if (pairs->len > 0)
                  g_string_append (pairs, ", ");
                /* Translators: an allergy and the planned ingredient it matches. */
                g_string_append_printf (pairs, _("“%s” (ingredient “%s”)"),
                                        (const char *) g_ptr_array_index (h->allergies, a),
                                        (const char *) g_ptr_array_index (ctx->plan->ingredients, i));
              }
          }
        if (pairs->len == 0)
          return NULL;
        return g_strdup_printf (_("Allergy to an ingredient of the planned solution: %s. Do not inject a substance the patient is allergic to."),
                                pairs->str);
      }

    case MESO_RULE_ALLERGY_HISTORY:
      {
        g_autofree gboolean *others = NULL;
        g_autofree char *list = NULL;
        gboolean any = FALSE;

        if (!has_entries (h->allergies))
          return NULL;
        others = g_new0 (gboolean, h->allergies->len);
        for (guint a = 0; a < h->allergies->len; a++)
          {
            others[a] = !ctx->allergy_matched[a];
            any |= others[a];
          }
        if (!any)
          return NULL;
        list = join_texts (h->allergies, others);
        if (ctx->ingredient_words->len == 0)
          return g_strdup_printf (_("Recorded allergies: %s. No ingredients are given for the planned solution: check them against these allergies before injecting."),
                                  list);
        return g_strdup_printf (_("Recorded allergies: %s. None matches an ingredient of the planned solution; confirm with the patient and watch for an allergic reaction."),
                                list);
      }

    case MESO_RULE_ANTICOAGULANT:
      {
        g_autofree char *meds = medications_matching (ctx, meso_anticoagulant_terms);

        if (meds == NULL)
          return NULL;
        return g_strdup_printf (_("Blood-thinning medication: %s. Bruising is more likely; the patient may be advised to avoid it before treatment, only with the prescriber’s agreement."),
                                meds);
      }

    case MESO_RULE_ANTI_INFLAMMATORY:
      {
        g_autofree char *meds = medications_matching (ctx, meso_anti_inflammatory_terms);

        if (meds == NULL)
          return NULL;
        return g_strdup_printf (_("Anti-inflammatory medication: %s. The patient may be advised to refrain from it around the treatment."),
                                meds);
      }

    case MESO_RULE_BRUISING:
      if (!h->bruises_easily)
        return NULL;
      return g_strdup (_("The patient bruises easily: bruising after the session is more likely; discuss it before treating."));

    case MESO_RULE_SENSITIVE_SKIN:
      if (!h->sensitive_skin)
        return NULL;
      return g_strdup (_("The patient has sensitive skin: bruising, irritation and reactions are more likely; recommend gentle, fragrance-free aftercare."));

    case MESO_RULE_PIGMENTATION:
      if (h->fitzpatrick < 4 || h->fitzpatrick > 6)
        return NULL;
      /* Translators: %s is a Fitzpatrick skin type in Roman numerals. */
      return g_strdup_printf (_("Fitzpatrick skin type %s: darker skin has a higher risk of post-inflammatory hyperpigmentation; stress sun protection after treatment."),
                              roman[h->fitzpatrick]);

    case MESO_RULE_HISTORY_INCOMPLETE:
      {
        g_autofree char *gaps = history_gaps (ctx);

        if (gaps == NULL)
          return NULL;
        return g_strdup_printf (_("The history is incomplete (%s): a contraindication cannot be ruled out until it is completed."),
                                gaps);
      }

    default:
      g_assert_not_reached ();
    }
}

MesoScreening *
meso_screen (const GDate        *date_of_birth,
             const MesoHistory  *history,
             const MesoPlan     *plan,
             const MesoSettings *settings)
{
  const MesoScreeningRule *rules;
  const MesoRuleTest *tests;
  guint n_rules, n_tests;
  g_autofree char **messages = NULL;
  MesoScreening *self;
  Context ctx = { 0 };

  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (plan != NULL && g_date_valid (&plan->date), NULL);

  rules = meso_screening_rules (&n_rules);
  tests = meso_screening_rule_tests (&n_tests);
  g_assert (n_rules == n_tests);

  ctx.date_of_birth = date_of_birth;
  ctx.history = history;
  ctx.plan = plan;
  ctx.legal_age = settings != NULL ? settings->legal_age : MESO_DEFAULT_LEGAL_AGE;
  ctx.medication_words = split_all (history->medications);
  ctx.allergy_words = split_all (history->allergies);
  ctx.ingredient_words = split_all (plan->ingredients);
  ctx.allergy_matched = g_new0 (gboolean, ctx.allergy_words->len + 1);

  /* Table order matters: ingredient_allergy marks the allergies it used
   * before allergy_history lists the others. */
  messages = g_new0 (char *, n_rules);
  for (guint i = 0; i < n_rules; i++)
    messages[i] = evaluate (&tests[i], &ctx);

  self = g_new0 (MesoScreening, 1);
  self->verdict = MESO_VERDICT_CLEAR;
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_finding_free);

  /* Strongest first, then table order; one finding per code. */
  for (gint severity = MESO_N_SEVERITIES - 1; severity >= 0; severity--)
    for (guint i = 0; i < n_rules; i++)
      {
        MesoFinding *finding;

        if (messages[i] == NULL || (gint) rules[i].severity != severity ||
            meso_screening_find (self, rules[i].code) != NULL)
          continue;
        finding = g_new0 (MesoFinding, 1);
        finding->code = g_strdup (rules[i].code);
        finding->severity = rules[i].severity;
        finding->message = g_steal_pointer (&messages[i]);
        finding->source = rules[i].source;
        g_ptr_array_add (self->findings, finding);

        if (finding->severity == MESO_SEVERITY_CONTRAINDICATED)
          self->verdict = MESO_VERDICT_CONTRAINDICATED;
        else if (finding->severity == MESO_SEVERITY_CAUTION &&
                 self->verdict == MESO_VERDICT_CLEAR)
          self->verdict = MESO_VERDICT_CAUTION;
      }

  for (guint i = 0; i < n_rules; i++)
    g_free (messages[i]);
  g_ptr_array_unref (ctx.medication_words);
  g_ptr_array_unref (ctx.allergy_words);
  g_ptr_array_unref (ctx.ingredient_words);
  g_free (ctx.allergy_matched);
  return self;
}
