/* meso-settings.h: the clinic's own settings.
 *
 * These are part of the clinical record (they change what is screened and
 * printed), so they live in the database, never in GSettings.
 */
#pragma once

#include <glib-object.h>

#include "meso-enums.h"

G_BEGIN_DECLS

typedef enum
{
  MESO_PAPER_A4,
  MESO_PAPER_LETTER,
} MesoPaperSize;

typedef struct
{
  char        *clinic_name;
  char        *clinic_address;
  char        *clinic_phone;
  guint        legal_age;            /* clinic setting, default 18 (004: "of legal age") */
  MesoMassage  default_massage;      /* the documents disagree: the clinic picks a default */
  guint        next_session_days;    /* earliest next session, default 14 days */
  MesoPaperSize paper_size;
} MesoSettings;

#define MESO_DEFAULT_LEGAL_AGE          18
/* Ages of majority and of medical consent in practice: the range a clinic
 * may set (the database checks it too, schema step 1). */
#define MESO_LEGAL_AGE_MIN              16
#define MESO_LEGAL_AGE_MAX              25
#define MESO_DEFAULT_NEXT_SESSION_DAYS  14

GType         meso_settings_get_type (void) G_GNUC_CONST;
MesoSettings *meso_settings_new      (void);
MesoSettings *meso_settings_copy     (const MesoSettings *self);
void          meso_settings_free     (MesoSettings *self);
gboolean      meso_settings_validate (const MesoSettings *self,
                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MesoSettings, meso_settings_free)

G_END_DECLS
