/* meso-cli-safety.h: the commands of the record's safety: audit, backup,
 * restore, privacy (deleting and anonymising a patient), amend (correcting
 * a done session). */
#pragma once

#include "meso-cli.h"

G_BEGIN_DECLS

int meso_cli_audit   (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_backup  (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_restore (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_privacy (const MesoCliGlobal *global, int argc, char **argv);
int meso_cli_amend   (const MesoCliGlobal *global, int argc, char **argv);

G_END_DECLS
