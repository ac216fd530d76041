/* meso-fs.h: what kind of file system a path lives on.
 *
 * SQLite's locking (POSIX advisory locks and the WAL shared-memory index)
 * is unreliable on network file systems: two machines can both believe
 * they hold the write lock and corrupt the file.  The store refuses such
 * a location at open.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @path (a file or folder; for a file not yet created, its
 * folder is examined) is on NFS, SMB/CIFS (any dialect), AFS, Ceph,
 * Coda, 9p, or a FUSE mount whose type is a known network one (sshfs,
 * davfs, s3fs, rclone, glusterfs).  Other FUSE mounts are treated as
 * local: FUSE says nothing about where the data is, and refusing every
 * FUSE mount would refuse encrypted home folders (gocryptfs, ecryptfs is
 * not FUSE) that are local.  @fs_name, when not NULL, gets a short name
 * ("nfs", "cifs", "sshfs", ...) or NULL for a local file system.
 * $MESOCHART_TEST_NETWORK_FS=NAME (tests only) makes every path count as
 * a network file system of that name.
 * A path that cannot be examined counts as local: opening it will fail
 * later with its own, more precise, error. */
gboolean meso_fs_is_network (const char  *path,
                             char       **fs_name);

G_END_DECLS

G_BEGIN_DECLS

/* FALSE with a MESO_STORE_ERROR_OPEN that explains the refusal when
 * @path is on a network file system (the store calls it at open). */
gboolean meso_fs_check_local (const char  *path,
                              GError     **error);

/* TRUE when @a and @b name the same file: the same path once made
 * absolute, or the same inode (a hard link, a symbolic link).  Backup and
 * restore refuse to put the clinic database in place of itself. */
gboolean meso_fs_same_file   (const char  *a,
                              const char  *b);

G_END_DECLS
