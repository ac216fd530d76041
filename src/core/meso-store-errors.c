/* meso-store-errors.c: SQLite's result codes as errors a clinic can act
 * on, each naming the file and what to do, then what the store was doing.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "meso-store-private.h"

void
meso_store_set_error_for_path (GError         **error,
                               const char      *path,
                               int              rc,
                               const char      *detail,
                               MesoStoreDoing   doing)
{
  g_autoptr(GError) local = NULL;
  const char *constraint;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_BUSY,
                   _("the clinic database is in use by another program and stayed "
                     "locked for too long; close the other program or try again"));
      break;

    case SQLITE_FULL:
      g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_FULL,
                   _("the disk is full: nothing was saved; free some space on the disk "
                     "holding “%s” and try again"), path);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_READ_ONLY,
                   _("the clinic database “%s” cannot be written: check that the file, "
                     "its folder and the disk are writable"), path);
      break;

    case SQLITE_CANTOPEN:
      g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_OPEN,
                   _("the clinic database “%s” cannot be opened: check that its folder "
                     "exists and that you may read and write it"), path);
      break;

    case SQLITE_CORRUPT:
      g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_CORRUPT,
                   _("the clinic database “%s” is damaged; restore it from a backup"),
                   path);
      break;

    case SQLITE_NOTADB:
      g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Mesochart database (it is not an SQLite file)"), path);
      break;

    case SQLITE_CONSTRAINT:
      /* The schema names its CHECK constraints after the record's fields,
       * so the message can start with the field like validation does. */
      if (rc == SQLITE_CONSTRAINT_CHECK && detail != NULL &&
          (constraint = strstr (detail, "CHECK constraint failed: ")) != NULL)
        g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                     _("%s: the database refused this value"),
                     constraint + strlen ("CHECK constraint failed: "));
      else if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                     _("id: a record with this id already exists"));
      else if (rc == SQLITE_CONSTRAINT_TRIGGER && detail != NULL)
        /* A rule of the schema (RAISE in a trigger) words its own refusal. */
        g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID, "%s", detail);
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                     _("the record refers to a patient or session that does not exist"));
      else
        g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID,
                     _("the database refused the record (%s)"),
                     detail ? detail : sqlite3_errstr (rc));
      break;

    case SQLITE_IOERR:
      g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_FAILED,
                   _("reading or writing “%s” failed (disk error); check the disk"),
                   path);
      break;

    default:
      g_set_error (&local, MESO_STORE_ERROR, MESO_STORE_ERROR_FAILED,
                   _("the clinic database “%s” reported an error: %s"),
                   path, detail ? detail : sqlite3_errstr (rc));
      break;
    }

  /* Each whole, so that translators place the message as their language
   * needs. */
  switch (doing)
    {
    case MESO_STORE_DOING_READ:
      g_set_error (error, local->domain, local->code,
                   _("%s (while reading the clinic database)"), local->message);
      break;
    case MESO_STORE_DOING_SAVE:
      g_set_error (error, local->domain, local->code,
                   _("%s (while saving to the clinic database)"), local->message);
      break;
    case MESO_STORE_DOING_MIGRATE:
      g_set_error (error, local->domain, local->code,
                   _("%s (while updating the database structure)"), local->message);
      break;
    case MESO_STORE_DOING_NOTHING:
    default:
      g_propagate_error (error, g_steal_pointer (&local));
      break;
    }
}

void
meso_store_set_error_from_sqlite (MesoStore      *self,
                                  GError        **error,
                                  int             rc,
                                  MesoStoreDoing  doing)
{
  sqlite3 *db = meso_store_get_db (self);
  const char *detail = NULL;

  if (db != NULL && sqlite3_extended_errcode (db) == rc)
    detail = sqlite3_errmsg (db);
  meso_store_set_error_for_path (error, meso_store_get_path (self), rc, detail, doing);
}

void
meso_store_propagate_invalid (GError **dest,
                              GError  *src)
{
  g_return_if_fail (src != NULL);
  g_set_error_literal (dest, MESO_STORE_ERROR, MESO_STORE_ERROR_INVALID, src->message);
  g_error_free (src);
}
