/* meso-source-label.c: "document 004" for "004_7f3870fa434bdef8.txt". */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-screening.h"
#include "meso-source-label.h"

/* The seed files are "NNN_<hash>.txt": the number is the document's name. */
static gboolean
is_seed_file (const char *name)
{
  return g_ascii_isdigit (name[0]) && g_ascii_isdigit (name[1]) &&
         g_ascii_isdigit (name[2]) && name[3] == '_';
}

char *
meso_source_label_format (const char  *source,
                          char       **tooltip)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GString) label = g_string_new (NULL);
  gboolean clinic_setting = FALSE;

  if (tooltip != NULL)
    *tooltip = NULL;
  if (source == NULL || *source == '\0')
    return g_strdup (_("not recorded"));

  /* Screening joins names with "; ", follow-up rules with ", ". */
  names = g_strsplit_set (source, ";,", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      char *name = g_strstrip (names[i]);

      if (*name == '\0')
        continue;
      if (g_str_equal (name, MESO_SOURCE_CLINIC_SETTING))
        clinic_setting = TRUE;
      else if (is_seed_file (name))
        {
          g_ptr_array_add (numbers, g_strndup (name, 3));
          g_ptr_array_add (files, name);
        }
      else
        g_ptr_array_add (others, name);
    }

  if (numbers->len > 0)
    {
      g_autofree char *joined = NULL;
      guint n = numbers->len;

      g_ptr_array_add (numbers, NULL);
      /* Translators: the separator between document numbers, "000, 001" */
      joined = g_strjoinv (_(", "), (char **) numbers->pdata);
      /* Translators: %s is a seed document's number, as in the domain
       * brief, "document 004", or several of them, "documents 000, 001" */
      g_string_append_printf (label, g_dngettext (GETTEXT_PACKAGE, "document %s", "documents %s", n),
                              joined);
    }
  for (guint i = 0; i < others->len; i++)
    {
      if (label->len > 0)
        g_string_append (label, _(", "));
      g_string_append (label, g_ptr_array_index (others, i));
    }
  if (clinic_setting)
    {
      if (label->len > 0)
        {
          g_autofree char *both = NULL;

          /* Translators: documents, then the clinic's own setting:
           * "document 004 and a clinic setting" */
          both = g_strdup_printf (_("%s and a clinic setting"), label->str);
          g_string_assign (label, both);
        }
      else
        g_string_assign (label, _("clinic setting"));
    }

  if (tooltip != NULL && files->len > 0)
    {
      g_ptr_array_add (files, NULL);
      *tooltip = g_strjoinv (", ", (char **) files->pdata);
    }

  return g_string_free (g_steal_pointer (&label), FALSE);
}
