/* crash-writer: the child of test-crash.  Opens the store at argv[1] and,
 * from k = argv[2] on, commits transactions of two sessions each (with
 * ingredients), every fifth one also adding a patient; after each COMMIT
 * returns it writes "k id1 id2" to standard output, unbuffered, so that the
 * parent knows exactly what was reported committed when it kills us.
 * Runs until killed (or argv[3] transactions, for a manual check). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "meso-store.h"

static MesoSession *
make_session (gint64 patient_id,
              gint64 k,
              guint  part)
{
  MesoSession *s = meso_session_new ();

  s->patient_id = patient_id;
  g_date_set_dmy (&s->date, 1 + k % 28, 1 + k % 12, 2026);
  s->time_minutes = (k * 7) % 1440;
  s->notes = g_strdup_printf ("crash k=%" G_GINT64_FORMAT " part=%u", k, part);
  s->batch = g_strdup_printf ("LOT-%" G_GINT64_FORMAT, k);
  s->volume_ml = (k % 90) / 10.0;
  /* 1 to 4 ingredients, known from k alone. */
  for (guint i = 0; i <= (guint) (k % 4); i++)
    g_ptr_array_add (s->ingredients,
                     g_strdup_printf ("ingredient %" G_GINT64_FORMAT ".%u.%u", k, part, i));
  return s;
}

static gint64
add_patient (MesoStore *store,
             gint64     k)
{
  g_autoptr(MesoPatient) p = meso_patient_new ();
  g_autoptr(GError) error = NULL;

  p->name = g_strdup_printf ("Crash Patient %" G_GINT64_FORMAT, k);
  g_date_set_dmy (&p->date_of_birth, 1 + k % 28, 1 + k % 12, 1980);
  p->phone = g_strdup_printf ("06 %08" G_GINT64_FORMAT, k % 100000000);
  g_ptr_array_add (p->history->medications, g_strdup ("Aspirin"));
  p->history->medications_state = MESO_LIST_RECORDED;
  if (!meso_store_insert_patient (store, p, &error))
    {
      g_printerr ("crash-writer: %s\n", error->message);
      exit (1);
    }
  return p->id;
}

int crash_writer_run (const char *db,
                      gint64      k,
                      gint64      limit);

/* Also called in a forked child of test-crash (no exec: faster). */
int
crash_writer_run (const char *db,
                  gint64      k,
                  gint64      limit)
{
  g_autoptr(MesoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 patient_id = 0;

  store = meso_store_open (db, &error);
  if (store == NULL)
    {
      g_printerr ("crash-writer: %s\n", error->message);
      return 1;
    }

  /* Tell the parent we are open, so that most kills land in the writing
   * loop rather than in opening. */
  if (write (STDOUT_FILENO, "R\n", 2) != 2)
    return 1;

  for (gint64 n = 0; n < limit; n++, k++)
    {
      g_autoptr(MesoSession) a = NULL;
      g_autoptr(MesoSession) b = NULL;
      char line[96];
      int len;

      if (!meso_store_begin (store, &error))
        goto fail;
      if (patient_id == 0 || k % 5 == 0)
        patient_id = add_patient (store, k);
      a = make_session (patient_id, k, 0);
      b = make_session (patient_id, k, 1);
      if (!meso_store_insert_session (store, a, &error) ||
          !meso_store_insert_session (store, b, &error) ||
          !meso_store_commit (store, &error))
        goto fail;
      len = g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %"
                        G_GINT64_FORMAT "\n", k, a->id, b->id);
      if (write (STDOUT_FILENO, line, len) != len)
        return 1;
    }
  return 0;

fail:
  g_printerr ("crash-writer: %s\n", error->message);
  return 1;
}

#ifndef CRASH_WRITER_NO_MAIN
int
main (int   argc,
      char *argv[])
{
  if (argc < 3)
    {
      g_printerr ("usage: crash-writer DB FIRST_K [COUNT]\n");
      return 2;
    }
  return crash_writer_run (argv[1], g_ascii_strtoll (argv[2], NULL, 10),
                           argc > 3 ? g_ascii_strtoll (argv[3], NULL, 10) : G_MAXINT64);
}
#endif
