/* meso-store-followups.c: follow-ups, flag reviews, and the open flags.
 *
 * Flags are never stored: they are computed by meso-followup-rules.c from
 * the stored sessions, follow-ups and reviews as of a date, so a rule
 * change applies to the whole record at once and nothing can drift.
 *
 * Listing the open flags of the whole clinic must stay quick on a large
 * record (100,000 patients), so the candidates are preselected in SQL and
 * read in two bulk queries instead of loading every session:
 *   - sessions with at least one follow-up showing some sign (a follow-up
 *     with no sign raises nothing but the reminder's answer);
 *   - done sessions whose review date falls within the reminder's window
 *     (MESO_FOLLOWUP_REMINDER_LAPSE_DAYS) and which have no follow-up yet.
 * Both go through the same pure evaluation as a single session does.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "meso-followup.h"
#include "meso-followup-rules.h"
#include "meso-store-private.h"

/* Columns of a follow-up, in the order read_followup() expects. */
#define FOLLOWUP_COLUMNS                                                      \
  "f.id, f.session_id, f.date, f.lumps, f.lump_size_mm, f.pain, f.redness,"   \
  " f.warmth, f.swelling, f.discharge, f.fever, f.bleeding, f.itching_hives," \
  " f.breathing_difficulty, f.pigmentation_change, f.nodules, f.notes"
#define N_FOLLOWUP_COLUMNS 17

/* Any sign at all: the rows that can raise an observation flag. */
#define FOLLOWUP_HAS_SIGN                                                     \
  "(f.lumps OR f.pain OR f.redness OR f.warmth OR f.swelling OR f.discharge"  \
  " OR f.fever OR f.bleeding OR f.itching_hives OR f.breathing_difficulty"    \
  " OR f.pigmentation_change OR f.nodules)"

/* Messages start with the field name, outside the translation, so that
 * the CLI and the widgets can point at it whatever the language. */
static void
set_field_error (GError    **error,
                 gint        code,
                 const char *field,
                 const char *format,
                 ...) G_GNUC_PRINTF (4, 5);

static void
set_field_error (GError    **error,
                 gint        code,
                 const char *field,
                 const char *format,
                 ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MESO_STORE_ERROR, code, "%s: %s", field, msg);
}

static MesoFollowup *
read_followup (MesoStatement *stmt,
               int            first)
{
  MesoFollowup *f = meso_followup_new ();
  int i = first;

  f->id = sqlite3_column_int64 (stmt, i++);
  f->session_id = sqlite3_column_int64 (stmt, i++);
  meso_column_date (stmt, i++, &f->date);
  f->lumps = sqlite3_column_int (stmt, i++) != 0;
  f->lump_size_mm = sqlite3_column_double (stmt, i++);
  f->pain = sqlite3_column_int (stmt, i++) != 0;
  f->redness = sqlite3_column_int (stmt, i++) != 0;
  f->warmth = sqlite3_column_int (stmt, i++) != 0;
  f->swelling = sqlite3_column_int (stmt, i++) != 0;
  f->discharge = sqlite3_column_int (stmt, i++) != 0;
  f->fever = sqlite3_column_int (stmt, i++) != 0;
  f->bleeding = sqlite3_column_int (stmt, i++) != 0;
  f->itching_hives = sqlite3_column_int (stmt, i++) != 0;
  f->breathing_difficulty = sqlite3_column_int (stmt, i++) != 0;
  f->pigmentation_change = sqlite3_column_int (stmt, i++) != 0;
  f->nodules = sqlite3_column_int (stmt, i++) != 0;
  f->notes = meso_column_dup_text (stmt, i++);
  g_assert (i == first + N_FOLLOWUP_COLUMNS);
  return f;
}

static GPtrArray *
followup_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) meso_followup_free);
}

static GPtrArray *
flag_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) meso_flag_free);
}

static GPtrArray *
review_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) meso_flag_review_free);
}

static void
resolve_as_of (const GDate *as_of,
               GDate       *out)
{
  if (as_of != NULL && g_date_valid (as_of))
    *out = *as_of;
  else
    meso_date_set_today (out);
}

static MesoFlagReview *
read_review (MesoStatement *stmt,
             int            first)
{
  MesoFlagReview *review = meso_flag_review_new ();

  review->code = meso_column_dup_text (stmt, first);
  review->note = meso_column_dup_text (stmt, first + 1);
  review->reviewed_at = meso_column_dup_text (stmt, first + 2);
  review->covered_followup_id = sqlite3_column_int64 (stmt, first + 3);
  meso_column_date (stmt, first + 4, &review->covered_date);
  return review;
}

static GPtrArray *
list_reviews (MesoStore  *store,
              gint64      session_id,
              GError    **error)
{
  g_autoptr(GPtrArray) reviews = review_array_new ();
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row;

  stmt = meso_store_prepare (store,
                             "SELECT code, note, reviewed_at, covered_followup_id, covered_date"
                             " FROM flag_reviews WHERE session_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  for (;;)
    {
      if (!meso_store_step_row (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (reviews, read_review (stmt, 0));
    }
  return g_steal_pointer (&reviews);
}

/* Only a done session can be followed up: a follow-up on a booked or
 * cancelled one would raise no flag at all, and a sign of infection must
 * never be silently ignored. */
gboolean
meso_store_insert_followup (MesoStore     *store,
                            MesoFollowup  *followup,
                            GError       **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  MesoSessionStatus status = MESO_SESSION_BOOKED;
  GDate session_date, today;
  gboolean has_row;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);
  g_return_val_if_fail (followup != NULL, FALSE);

  if (followup->session_id <= 0)
    {
      set_field_error (error, MESO_STORE_ERROR_INVALID, "session",
                       _("a follow-up needs the session it follows"));
      return FALSE;
    }
  /* Checked inside the transaction, so the session cannot change between
   * the check and the insert. */
  if (!meso_store_begin (store, error))
    return FALSE;
  /* Only the status and date are checked: reading the whole session with
   * its lists would cost more than the insert itself. */
  stmt = meso_store_prepare (store, "SELECT status, date FROM sessions WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, followup->session_id);
  if (!meso_store_step_row (store, stmt, &has_row, error))
    goto fail;
  if (!has_row)
    {
      set_field_error (error, MESO_STORE_ERROR_NOT_FOUND, "session",
                       _("there is no session %lld"),
                       (long long) followup->session_id);
      goto fail;
    }
  /* An unknown code cannot pass the table's CHECK; it stays "booked". */
  meso_session_status_from_code ((const char *) sqlite3_column_text (stmt, 0), &status);
  meso_column_date (stmt, 1, &session_date);
  g_clear_pointer (&stmt, meso_statement_release);
  if (status != MESO_SESSION_DONE)
    {
      set_field_error (error, MESO_STORE_ERROR_INVALID, "session",
                       _("session %lld is %s, not done; "
                         "mark it done before recording a follow-up"),
                       (long long) followup->session_id, meso_session_status_to_label (status));
      goto fail;
    }
  if (!meso_followup_validate (followup, &session_date, &local_error))
    {
      meso_store_propagate_invalid (error, g_steal_pointer (&local_error));
      goto fail;
    }
  /* An observation cannot be dated ahead: a mistyped year would hide a sign
   * of infection from every listing until that day. */
  meso_date_set_today (&today);
  if (g_date_compare (&followup->date, &today) > 0)
    {
      g_autofree char *when = meso_date_format (&today);

      set_field_error (error, MESO_STORE_ERROR_INVALID, "date",
                       _("is after today (%s)"), when);
      goto fail;
    }

  stmt = meso_store_prepare (store,
                             "INSERT INTO followups (session_id, date, lumps, lump_size_mm, pain,"
                             " redness, warmth, swelling, discharge, fever, bleeding, itching_hives,"
                             " breathing_difficulty, pigmentation_change, nodules, notes)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                             " ?15, ?16)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, followup->session_id);
  meso_bind_date (stmt, 2, &followup->date);
  sqlite3_bind_int (stmt, 3, followup->lumps ? 1 : 0);
  sqlite3_bind_double (stmt, 4, followup->lump_size_mm);
  sqlite3_bind_int (stmt, 5, followup->pain ? 1 : 0);
  sqlite3_bind_int (stmt, 6, followup->redness ? 1 : 0);
  sqlite3_bind_int (stmt, 7, followup->warmth ? 1 : 0);
  sqlite3_bind_int (stmt, 8, followup->swelling ? 1 : 0);
  sqlite3_bind_int (stmt, 9, followup->discharge ? 1 : 0);
  sqlite3_bind_int (stmt, 10, followup->fever ? 1 : 0);
  sqlite3_bind_int (stmt, 11, followup->bleeding ? 1 : 0);
  sqlite3_bind_int (stmt, 12, followup->itching_hives ? 1 : 0);
  sqlite3_bind_int (stmt, 13, followup->breathing_difficulty ? 1 : 0);
  sqlite3_bind_int (stmt, 14, followup->pigmentation_change ? 1 : 0);
  sqlite3_bind_int (stmt, 15, followup->nodules ? 1 : 0);
  meso_bind_text (stmt, 16, followup->notes);
  if (!meso_store_step_done (store, stmt, error))
    goto fail;
  followup->id = sqlite3_last_insert_rowid (meso_store_get_db (store));
  g_clear_pointer (&stmt, meso_statement_release);
  if (!meso_store_commit (store, error))
    {
      followup->id = 0;
      return FALSE;
    }
  return TRUE;

fail:
  meso_store_rollback (store);
  return FALSE;
}

GPtrArray *
meso_store_list_followups (MesoStore  *store,
                           gint64      session_id,
                           GError    **error)
{
  g_autoptr(GPtrArray) list = followup_array_new ();
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (MESO_IS_STORE (store), NULL);

  stmt = meso_store_prepare (store,
                             "SELECT " FOLLOWUP_COLUMNS " FROM followups f"
                             " WHERE f.session_id = ?1 ORDER BY f.date, f.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  for (;;)
    {
      if (!meso_store_step_row (store, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (list, read_followup (stmt, 0));
    }
  return g_steal_pointer (&list);
}

static char *
patient_name (MesoStore *store,
              gint64     patient_id)
{
  g_autoptr(MesoPatientSummary) summary = NULL;

  summary = meso_store_get_patient_summary (store, patient_id, NULL);
  return summary ? g_strdup (summary->name) : NULL;
}

/* Flags of one stored session: the building block of the per-session and
 * per-patient listings (not of the clinic-wide one, which reads in bulk). */
static GPtrArray *
session_flags (MesoStore         *store,
               const MesoSession *session,
               const char        *name,
               const GDate       *as_of,
               gboolean           include_reviewed,
               GError           **error)
{
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  GPtrArray *flags;

  if (session->status != MESO_SESSION_DONE)
    return flag_array_new ();
  followups = meso_store_list_followups (store, session->id, error);
  if (followups == NULL)
    return NULL;
  reviews = list_reviews (store, session->id, error);
  if (reviews == NULL)
    return NULL;
  flags = meso_followup_flags_evaluate (session, NULL, followups, reviews, as_of, include_reviewed);
  for (guint i = 0; i < flags->len; i++)
    {
      MesoFlag *flag = g_ptr_array_index (flags, i);

      flag->patient_name = g_strdup (name);
    }
  return flags;
}

GPtrArray *
meso_store_list_flags_for_session (MesoStore    *store,
                                   gint64        session_id,
                                   const GDate  *as_of,
                                   GError      **error)
{
  g_autoptr(MesoSession) session = NULL;
  g_autofree char *name = NULL;
  GDate day;

  g_return_val_if_fail (MESO_IS_STORE (store), NULL);

  session = meso_store_get_session (store, session_id, error);
  if (session == NULL)
    return NULL;
  resolve_as_of (as_of, &day);
  name = patient_name (store, session->patient_id);
  return session_flags (store, session, name, &day, TRUE, error);
}

GPtrArray *
meso_store_list_flags_for_patient (MesoStore    *store,
                                   gint64        patient_id,
                                   const GDate  *as_of,
                                   GError      **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) all = flag_array_new ();
  g_autofree char *name = NULL;
  GDate day;

  g_return_val_if_fail (MESO_IS_STORE (store), NULL);

  sessions = meso_store_list_sessions_for_patient (store, patient_id, error);
  if (sessions == NULL)
    return NULL;
  resolve_as_of (as_of, &day);
  name = patient_name (store, patient_id);
  for (guint i = 0; i < sessions->len; i++)
    {
      g_autoptr(GPtrArray) flags = session_flags (store, g_ptr_array_index (sessions, i),
                                                  name, &day, FALSE, error);

      if (flags == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&flags));
    }
  g_ptr_array_sort (all, meso_flag_compare);
  return g_steal_pointer (&all);
}

/* What the rules read of a session; the rest stays unset. */
static MesoSession *
read_light_session (MesoStatement *stmt,
                    int            first)
{
  MesoSession *session = meso_session_new ();
  const char *area = (const char *) sqlite3_column_text (stmt, first + 3);
  const char *consistency = (const char *) sqlite3_column_text (stmt, first + 4);

  session->id = sqlite3_column_int64 (stmt, first);
  session->patient_id = sqlite3_column_int64 (stmt, first + 1);
  meso_column_date (stmt, first + 2, &session->date);
  session->status = MESO_SESSION_DONE;
  /* An unknown code cannot pass the table's CHECK; keep the defaults. */
  meso_area_from_code (area, &session->area);
  meso_consistency_from_code (consistency, &session->consistency);
  return session;
}

typedef struct
{
  MesoSession *session;
  char        *name;
  GPtrArray   *followups;
  GPtrArray   *reviews;
} Candidate;

static void
candidate_free (Candidate *c)
{
  meso_session_free (c->session);
  g_free (c->name);
  g_clear_pointer (&c->followups, g_ptr_array_unref);
  g_clear_pointer (&c->reviews, g_ptr_array_unref);
  g_free (c);
}

static Candidate *
candidate_new (MesoStatement *stmt)
{
  Candidate *c = g_new0 (Candidate, 1);

  c->session = read_light_session (stmt, 0);
  c->name = meso_column_dup_text (stmt, 5);
  c->followups = followup_array_new ();
  c->reviews = review_array_new ();
  return c;
}

/* Session columns 0-4 and the patient's name (5). */
#define CANDIDATE_COLUMNS "s.id, s.patient_id, s.date, s.area, s.consistency, p.name"

static gboolean
load_observed (MesoStore   *store,
               GHashTable  *candidates,
               const GDate *as_of,
               GError     **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row;

  stmt = meso_store_prepare (store,
                             "SELECT " CANDIDATE_COLUMNS ", " FOLLOWUP_COLUMNS
                             " FROM followups f"
                             " JOIN sessions s ON s.id = f.session_id"
                             " JOIN patients p ON p.id = s.patient_id"
                             " WHERE s.status = 'done' AND f.date <= ?1 AND " FOLLOWUP_HAS_SIGN
                             " ORDER BY f.session_id, f.date, f.id", error);
  if (stmt == NULL)
    return FALSE;
  meso_bind_date (stmt, 1, as_of);
  for (;;)
    {
      gint64 session_id;
      Candidate *c;

      if (!meso_store_step_row (store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      session_id = sqlite3_column_int64 (stmt, 0);
      c = g_hash_table_lookup (candidates, &session_id);
      if (c == NULL)
        {
          c = candidate_new (stmt);
          g_hash_table_insert (candidates, &c->session->id, c);
        }
      g_ptr_array_add (c->followups, read_followup (stmt, 6));
    }
  return TRUE;
}

/* The reminder's window: review date (session date + REVIEW_DAYS) between
 * as_of - LAPSE and as_of, i.e. session date in [as_of - REVIEW - LAPSE,
 * as_of - REVIEW]; the sessions_by_date index reads just that range.  These
 * sessions have no follow-up and no review of the reminder, so their only
 * possible flag is the reminder: it is made straight from the row, without
 * a candidate (a demo record can have a hundred thousand of them). */
static gboolean
load_unanswered (MesoStore   *store,
                 GPtrArray   *flags,
                 const GDate *as_of,
                 GError     **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row;
  GDate from = *as_of, to = *as_of;

  g_date_subtract_days (&to, MESO_FOLLOWUP_REVIEW_DAYS);
  g_date_subtract_days (&from, MESO_FOLLOWUP_REVIEW_DAYS + MESO_FOLLOWUP_REMINDER_LAPSE_DAYS);

  stmt = meso_store_prepare (store,
                             "SELECT s.id, s.patient_id, s.date, p.name"
                             " FROM sessions s JOIN patients p ON p.id = s.patient_id"
                             " WHERE s.date BETWEEN ?1 AND ?2 AND s.status = 'done'"
                             " AND NOT EXISTS (SELECT 1 FROM followups f"
                             "   WHERE f.session_id = s.id AND f.date <= ?3)"
                             " AND NOT EXISTS (SELECT 1 FROM flag_reviews r"
                             "   WHERE r.session_id = s.id AND r.code = 'no_followup')", error);
  if (stmt == NULL)
    return FALSE;
  meso_bind_date (stmt, 1, &from);
  meso_bind_date (stmt, 2, &to);
  meso_bind_date (stmt, 3, as_of);
  for (;;)
    {
      MesoSession session = { 0 };
      MesoFlag *flag;

      if (!meso_store_step_row (store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      session.id = sqlite3_column_int64 (stmt, 0);
      session.patient_id = sqlite3_column_int64 (stmt, 1);
      meso_column_date (stmt, 2, &session.date);
      session.status = MESO_SESSION_DONE;
      flag = meso_followup_reminder_flag (&session, as_of);
      if (flag == NULL)
        continue;
      flag->patient_name = meso_column_dup_text (stmt, 3);
      g_ptr_array_add (flags, flag);
    }
  return TRUE;
}

static gboolean
load_reviews (MesoStore   *store,
              GHashTable  *candidates,
              GError     **error)
{
  g_autoptr(MesoStatement) stmt = NULL;
  gboolean has_row;

  /* Reviews are few next to sessions: read them all, keep the candidates'. */
  stmt = meso_store_prepare (store,
                             "SELECT session_id, code, note, reviewed_at, covered_followup_id,"
                             " covered_date FROM flag_reviews", error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      gint64 session_id;
      Candidate *c;

      if (!meso_store_step_row (store, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      session_id = sqlite3_column_int64 (stmt, 0);
      c = g_hash_table_lookup (candidates, &session_id);
      if (c != NULL)
        g_ptr_array_add (c->reviews, read_review (stmt, 1));
    }
  return TRUE;
}

GPtrArray *
meso_store_list_open_flags (MesoStore    *store,
                            const GDate  *as_of,
                            GError      **error)
{
  g_autoptr(GHashTable) candidates = NULL;
  g_autoptr(GPtrArray) all = flag_array_new ();
  GHashTableIter iter;
  Candidate *c;
  GDate day;

  g_return_val_if_fail (MESO_IS_STORE (store), NULL);

  resolve_as_of (as_of, &day);
  candidates = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                      (GDestroyNotify) candidate_free);

  /* One read transaction, so the three queries see the same record.  A
   * savepoint, not meso_store_begin(): that takes the write lock, which a
   * listing must not hold (nor need, on a read-only file). */
  if (!meso_store_exec (store, "SAVEPOINT meso_flags", error))
    return NULL;
  if (!load_observed (store, candidates, &day, error) ||
      !load_unanswered (store, all, &day, error) ||
      !load_reviews (store, candidates, error))
    {
      meso_store_exec (store, "ROLLBACK TO meso_flags; RELEASE meso_flags", NULL);
      return NULL;
    }
  if (!meso_store_exec (store, "RELEASE meso_flags", error))
    return NULL;

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    {
      g_autoptr(GPtrArray) flags = NULL;

      flags = meso_followup_flags_evaluate (c->session, NULL, c->followups, c->reviews, &day, FALSE);
      for (guint i = 0; i < flags->len; i++)
        {
          MesoFlag *flag = g_ptr_array_index (flags, i);

          flag->patient_name = g_strdup (c->name);
        }
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&flags));
    }
  g_ptr_array_sort (all, meso_flag_compare);
  return g_steal_pointer (&all);
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

gboolean
meso_store_review_flag (MesoStore   *store,
                        gint64       session_id,
                        const char  *code,
                        const char  *note,
                        GError     **error)
{
  g_autoptr(MesoSession) session = NULL;
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(MesoStatement) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *reviewed_at = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 covered_id;
  GDate covered_date, as_of;

  g_return_val_if_fail (MESO_IS_STORE (store), FALSE);

  if (!meso_flag_code_is_known (code))
    {
      set_field_error (error, MESO_STORE_ERROR_INVALID, "code",
                       _("unknown flag code “%s”"), code ? code : "");
      return FALSE;
    }
  if (is_blank (note))
    {
      set_field_error (error, MESO_STORE_ERROR_INVALID, "note",
                       _("a review needs a note saying what was done"));
      return FALSE;
    }
  if (!g_utf8_validate (note, -1, NULL) || g_utf8_strlen (note, -1) > 2000)
    {
      set_field_error (error, MESO_STORE_ERROR_INVALID, "note",
                       _("must be text of at most 2000 characters"));
      return FALSE;
    }

  if (!meso_store_begin (store, error))
    return FALSE;

  session = meso_store_get_session (store, session_id, &local_error);
  if (session == NULL)
    {
      if (g_error_matches (local_error, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_FOUND))
        set_field_error (error, MESO_STORE_ERROR_NOT_FOUND, "session",
                         _("there is no session %lld"), (long long) session_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  followups = meso_store_list_followups (store, session_id, error);
  if (followups == NULL)
    goto fail;

  /* Review what is on record now: every observation, even one dated
   * ahead of today (a typo must not keep a flag unreviewable). */
  meso_date_set_today (&as_of);
  for (guint i = 0; i < followups->len; i++)
    {
      MesoFollowup *f = g_ptr_array_index (followups, i);

      if (g_date_compare (&f->date, &as_of) > 0)
        as_of = f->date;
    }
  if (!meso_followup_flag_coverage (session, NULL, followups, code, &as_of,
                                    &covered_id, &covered_date))
    {
      set_field_error (error, MESO_STORE_ERROR_NOT_FOUND, "code",
                       _("session %lld has no “%s” flag to review"),
                       (long long) session_id, code);
      goto fail;
    }

  now = g_date_time_new_now_utc ();
  reviewed_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  stmt = meso_store_prepare (store,
                             "INSERT INTO flag_reviews (session_id, code, note, reviewed_at,"
                             " covered_followup_id, covered_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                             " ON CONFLICT (session_id, code) DO UPDATE SET"
                             " note = excluded.note, reviewed_at = excluded.reviewed_at,"
                             " covered_followup_id = excluded.covered_followup_id,"
                             " covered_date = excluded.covered_date", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, session_id);
  meso_bind_text (stmt, 2, code);
  meso_bind_text (stmt, 3, note);
  meso_bind_text (stmt, 4, reviewed_at);
  sqlite3_bind_int64 (stmt, 5, covered_id);
  meso_bind_date (stmt, 6, &covered_date);
  if (!meso_store_step_done (store, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, meso_statement_release);
  return meso_store_commit (store, error);

fail:
  meso_store_rollback (store);
  return FALSE;
}
