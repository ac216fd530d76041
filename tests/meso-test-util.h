/* meso-test-util.h: helpers shared by the GUI and CLI tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void meso_test_remove_tree (const char *path);

G_END_DECLS
