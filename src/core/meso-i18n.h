/* meso-i18n.h: text in the patient's language, whatever the interface's.
 *
 * Handouts are printed in the patient's language (en, fr, it, es, de) even
 * when the front desk runs the interface in another one.  gettext can only
 * switch language through the process locale, and CI machines (and many
 * clinic PCs) have no fr_FR/de_DE… locales generated, only C.UTF-8.  So the
 * sheet text does not go through gettext at run time: we read the same
 * compiled catalogue (LOCALEDIR/LANG/LC_MESSAGES/mesochart.mo, built from
 * po/LANG.po) ourselves.  Strings stay marked N_() in the code so xgettext
 * collects them with the rest of the interface.
 *
 * The catalogue folder is $MESOCHART_LOCALEDIR when set (uninstalled runs
 * and tests: BUILDDIR/po), else the installed LOCALEDIR.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The handout languages, NULL-terminated: "en", "fr", "it", "es", "de". */
const char * const *meso_i18n_languages          (void);
gboolean            meso_i18n_language_supported (const char *language);

/* TRUE for "en", and for another handout language whose compiled
 * catalogue can be read. */
gboolean            meso_i18n_language_available (const char *language);

/* @msgid translated into @language, or @msgid itself when the language is
 * English, unknown, or has no translation for it yet.  The result lives as
 * long as the process (catalogues are cached and never unloaded). */
const char         *meso_i18n_translate          (const char *language,
                                                  const char *msgid);

/* The same for a msgid marked NC_(@context, @msgid); @context may be NULL. */
const char         *meso_i18n_translate_context  (const char *language,
                                                  const char *context,
                                                  const char *msgid);

/* "4 May 2026", "4 mai 2026", "4 maggio 2026", "4 de mayo de 2026",
 * "4. Mai 2026": month names come from our own table, never the C locale. */
char               *meso_i18n_format_date        (const char  *language,
                                                  const GDate *date);

/* Replaces each "{name}" in @template by its value; pairs of name, value,
 * then NULL.  Used instead of printf formats so that a translation with a
 * wrong placeholder can only print oddly, never crash. */
char               *meso_i18n_expand             (const char *template_text,
                                                  ...) G_GNUC_NULL_TERMINATED;

/* The catalogue folder: $MESOCHART_LOCALEDIR when set, else LOCALEDIR.
 * Read at each call (tests change the variable). */
const char         *meso_i18n_locale_dir         (void);

/* Drops cached catalogues (tests that change MESOCHART_LOCALEDIR). */
void                meso_i18n_reset              (void);

G_END_DECLS
