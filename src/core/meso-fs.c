/* meso-fs.c: network file system detection with statfs (2).
 *
 * statfs's f_type tells the kernel driver.  FUSE mounts all report
 * FUSE_SUPER_MAGIC, so for them the mount table (/proc/self/mountinfo)
 * gives the subtype ("fuse.sshfs").
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/statfs.h>

#include "meso-fs.h"
#include "meso-store.h"

/* From linux/magic.h and the file systems' own headers; spelled out so the
 * build does not depend on kernel headers carrying all of them. */
static const struct
{
  unsigned long  magic;
  const char    *name;
} network_types[] = {
  { 0x6969UL,     "nfs" },
  { 0x517BUL,     "smb" },
  { 0xFF534D42UL, "cifs" },
  { 0xFE534D42UL, "smb2" },
  { 0x5346414FUL, "afs" },
  { 0x6B414653UL, "afs" },     /* kAFS */
  { 0x00C36400UL, "ceph" },
  { 0x73757245UL, "coda" },
  { 0x01021997UL, "9p" },
  { 0x564CUL,     "ncp" },
  { 0x47504653UL, "gpfs" },
  { 0x19830326UL, "fhgfs" },
  { 0x0BD00BD0UL, "lustre" },
};

#define FUSE_SUPER_MAGIC 0x65735546UL

static const char * const network_fuse_types[] = {
  "sshfs", "davfs", "davfs2", "s3fs", "rclone", "glusterfs", "gvfsd-fuse",
  "curlftpfs", "smbnetfs", "cephfs", "goofys", "gcsfuse", "juicefs",
};

/* The FUSE subtype of the mount holding @path, from the longest matching
 * mount point in /proc/self/mountinfo ("fuse.sshfs" → "sshfs"). */
static char *
fuse_subtype (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *best = NULL;
  gsize best_len = 0;

  if (!g_file_get_contents ("/proc/self/mountinfo", &contents, NULL, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      guint n = g_strv_length (fields);
      guint sep;
      const char *mount_point;
      gsize len;

      if (n < 7)
        continue;
      mount_point = fields[4];
      /* Optional fields end with a lone "-"; the type follows it. */
      for (sep = 6; sep < n && !g_str_equal (fields[sep], "-"); sep++)
        ;
      if (sep + 1 >= n)
        continue;
      len = strlen (mount_point);
      if (!g_str_has_prefix (path, mount_point) ||
          (len > 1 && path[len] != '\0' && path[len] != '/'))
        continue;
      if (len >= best_len)
        {
          best_len = len;
          g_free (best);
          best = g_strdup (fields[sep + 1]);
        }
    }
  if (best != NULL && g_str_has_prefix (best, "fuse."))
    return g_strdup (best + strlen ("fuse."));
  return g_steal_pointer (&best);
}

gboolean
meso_fs_is_network (const char  *path,
                    char       **fs_name)
{
  g_autofree char *probe = NULL;
  struct statfs st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (fs_name != NULL)
    *fs_name = NULL;

  /* Tests cannot mount NFS: this lets them check the refusal.  It can only
   * make Mesochart refuse a location, never accept one. */
  if (g_getenv ("MESOCHART_TEST_NETWORK_FS") != NULL &&
      *g_getenv ("MESOCHART_TEST_NETWORK_FS") != '\0')
    {
      if (fs_name != NULL)
        *fs_name = g_strdup (g_getenv ("MESOCHART_TEST_NETWORK_FS"));
      return TRUE;
    }

  /* Walk up to the nearest existing ancestor: the database may not exist
   * yet, nor its folder. */
  probe = g_canonicalize_filename (path, NULL);
  while (statfs (probe, &st) != 0)
    {
      char *parent = g_path_get_dirname (probe);

      if (g_str_equal (parent, probe))
        {
          g_free (parent);
          return FALSE;
        }
      g_free (probe);
      probe = parent;
    }

  for (guint i = 0; i < G_N_ELEMENTS (network_types); i++)
    if ((unsigned long) st.f_type == network_types[i].magic)
      {
        if (fs_name != NULL)
          *fs_name = g_strdup (network_types[i].name);
        return TRUE;
      }

  if ((unsigned long) st.f_type == FUSE_SUPER_MAGIC)
    {
      g_autofree char *subtype = fuse_subtype (probe);

      for (guint i = 0; subtype != NULL && i < G_N_ELEMENTS (network_fuse_types); i++)
        if (g_str_equal (subtype, network_fuse_types[i]))
          {
            if (fs_name != NULL)
              *fs_name = g_steal_pointer (&subtype);
            return TRUE;
          }
    }
  return FALSE;
}

gboolean
meso_fs_check_local (const char  *path,
                     GError     **error)
{
  g_autofree char *fs_name = NULL;

  if (!meso_fs_is_network (path, &fs_name))
    return TRUE;
  g_set_error (error, MESO_STORE_ERROR, MESO_STORE_ERROR_OPEN,
               _("“%s” is on a network file system (%s); SQLite locking is unreliable "
                 "there and can corrupt the clinic record. Keep the database on a local "
                 "disk and use backups to copy it."), path, fs_name);
  return FALSE;
}

gboolean
meso_fs_same_file (const char *a,
                   const char *b)
{
  g_autofree char *ca = g_canonicalize_filename (a, NULL);
  g_autofree char *cb = g_canonicalize_filename (b, NULL);
  GStatBuf sa, sb;

  if (g_str_equal (ca, cb))
    return TRUE;
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
