/* meso-test-util.h: helpers shared by the core, CLI and GUI tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes @path and everything below it; a folder left read-only is made
 * writable first, and a symbolic link is removed, not followed. */
void meso_test_remove_tree (const char *path);

/* @text is "YYYY-MM-DD": sets @date, failing the test on anything else. */
void meso_test_set_date    (GDate       *date,
                            const char  *text);
/* Fails the test unless @date is @expected ("YYYY-MM-DD"). */
void meso_test_assert_date (const GDate *date,
                            const char  *expected);

G_END_DECLS
