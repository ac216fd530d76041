/* meso-followup-test-util.c: follow-ups, sessions and flags to feed the
 * follow-up rules with, for test-followup*.c. */
#include "config.h"

#include "meso-followup-test-util.h"

MesoSession *
meso_test_rule_session (gint64             id,
                        MesoArea           area,
                        MesoConsistency    consistency,
                        MesoSessionStatus  status,
                        const char        *date)
{
  MesoSession *session = meso_session_new ();

  session->id = id;
  session->patient_id = 100 + id;
  session->area = area;
  session->consistency = consistency;
  session->status = status;
  meso_test_set_date (&session->date, date);
  return session;
}

MesoFollowup *
meso_test_make_followup (gint64 id,
                         gint64 session_id,
                         guint  days)
{
  MesoFollowup *f = meso_followup_new ();

  f->id = id;
  f->session_id = session_id;
  meso_test_set_date (&f->date, MESO_TEST_SESSION_DAY);
  g_date_add_days (&f->date, days);
  return f;
}

GPtrArray *
meso_test_followup_list (MesoFollowup *first,
                         ...)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) meso_followup_free);
  va_list args;

  va_start (args, first);
  for (MesoFollowup *f = first; f != NULL; f = va_arg (args, MesoFollowup *))
    g_ptr_array_add (list, f);
  va_end (args);
  return list;
}

void
meso_test_as_of_days (GDate *date,
                      guint  days)
{
  meso_test_set_date (date, MESO_TEST_SESSION_DAY);
  g_date_add_days (date, days);
}

const MesoFlag *
meso_test_find_flag (GPtrArray  *flags,
                     const char *code)
{
  for (guint i = 0; i < flags->len; i++)
    {
      MesoFlag *flag = g_ptr_array_index (flags, i);

      if (g_str_equal (flag->code, code))
        return flag;
    }
  return NULL;
}

const MesoFlag *
meso_test_get_flag (GPtrArray  *flags,
                    const char *code)
{
  const MesoFlag *flag = meso_test_find_flag (flags, code);

  if (flag == NULL)
    g_error ("no flag “%s”", code);
  return flag;
}

GPtrArray *
meso_test_flags_for (MesoFollowup    *f,
                     MesoArea         area,
                     MesoConsistency  consistency)
{
  g_autoptr(MesoSession) session = meso_test_rule_session (1, area, consistency, MESO_SESSION_DONE,
                                                           MESO_TEST_SESSION_DAY);
  g_autoptr(GPtrArray) list = meso_test_followup_list (f, NULL);

  return meso_followup_flags_compute (session, NULL, list, &f->date);
}

static char *
codes_of (GPtrArray *flags)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < flags->len; i++)
    {
      MesoFlag *flag = g_ptr_array_index (flags, i);

      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, flag->code);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
meso_test_assert_codes (GPtrArray  *flags,
                        const char *expected)
{
  g_autofree char *codes = codes_of (flags);

  g_assert_cmpstr (codes, ==, expected);
}
