/* fuzz-aftercare: the session JSON of `mesochart-cli aftercare`, parsed by
 * the command's own parser and turned into a sheet (without rendering:
 * the layout is not what reads untrusted input).
 *
 * The parser is static in meso-cli-aftercare.c, so the file is compiled
 * into this target; splitting it out into a function of its own would let
 * this include go. */
#include "../../src/cli/meso-cli-aftercare.c"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MesoSettings) settings = meso_settings_new ();
  g_autoptr(MesoSession) session = meso_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *language = NULL;
  g_autofree char *text = g_strndup ((const char *) data, size);

  if (parse_session_json (text, strlen (text), settings, session, &name, &language, &error))
    {
      g_autoptr(MesoAftercareSheet) sheet =
        meso_aftercare_sheet_build (session, name, settings, language);
      g_autofree char *plain = meso_aftercare_sheet_to_text (sheet);

      if (plain == NULL)
        g_error ("fuzz-aftercare: empty sheet");
    }
  else if (error == NULL)
    g_error ("fuzz-aftercare: refused without an error");
  return 0;
}
