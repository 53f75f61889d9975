/* SPDX-License-Identifier: Apache-2.0 */
/* File-tree walking that never follows symlinks and reports what it skips. */
#ifndef OB_CORE_WALK_H
#define OB_CORE_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "oberig/core.h"

enum ob_walk_kind {
    OB_WALK_FILE,          /* a regular file to scan */
    OB_WALK_SKIP_TYPE,     /* symlink, FIFO, socket, device node */
    OB_WALK_SKIP_FS,       /* another file system, or a pseudo one */
    OB_WALK_SKIP_EXCLUDED, /* matched an exclusion glob */
    OB_WALK_TOO_DEEP,      /* a folder past OB_WALK_MAX_DEPTH or 256 KiB of path: not entered */
    OB_WALK_ERROR          /* could not be read or listed; see error_number */
};

/* Folders below this many levels under the root are not entered. */
#define OB_WALK_MAX_DEPTH 4096

/* `path` may be longer than PATH_MAX, which the kernel refuses: open the
 * entry with openat(dir_fd, relative, ...), both valid only during the
 * visit (`relative` is the end of `path`, never PATH_MAX long). */
struct ob_walk_entry {
    const char *path;
    size_t path_length;
    const struct stat *st; /* NULL for some errors */
    enum ob_walk_kind kind;
    int error_number; /* errno for OB_WALK_ERROR */
    int dir_fd;       /* an open folder, or AT_FDCWD */
    const char *relative;
};

struct ob_walk_options {
    bool cross_filesystems;
    bool scan_special_dirs;
    const char *const *excludes;
    size_t exclude_count;
};

/* The names in `folder`, sorted bytewise, without "." and ".." and without
 * hidden names (starting with '.'), at most `max` of them. The caller frees
 * them with core_folder_names_free. Errors (errno kept): OB_ERR_NOT_FOUND,
 * OB_ERR_PERMISSION, OB_ERR_IO, OB_ERR_NOMEM. */
enum ob_status core_folder_names(const char *folder, size_t max, char ***names,
                                 size_t *count) OB_WARN_UNUSED;
void core_folder_names_free(char **names, size_t count);

/* Returns false to stop the walk. */
typedef bool (*ob_walk_fn)(void *user, const struct ob_walk_entry *entry);

/* What a consumer says of an OB_WALK_TOO_DEEP folder, translated. */
const char *core_walk_too_deep_text(void);

/* True when `path` or its base name matches one of the exclusion globs. */
bool core_walk_is_excluded(const struct ob_walk_options *options, const char *path);

/* Walks `root` (a file or directory; a symlink given as the root itself is
 * followed, none below it is) in physical order and calls `visit` for each
 * regular file and each thing skipped: pre-order, each folder's entries in
 * readdir order. A root that cannot be stat'ed is reported as
 * OB_WALK_ERROR; so is a folder swapped for another between its listing and
 * its opening (ENOENT, not entered). Paths longer than PATH_MAX are walked
 * (opened through entry->dir_fd); a folder past OB_WALK_MAX_DEPTH levels or
 * 256 KiB of path is reported as OB_WALK_TOO_DEEP. Returns OB_ERR_NOMEM
 * only when the walk itself could not start; other problems are reported
 * per entry. Thread-safe: it never changes the working directory, and holds
 * a bounded number of descriptors (at most about 100) however deep the
 * tree. */
enum ob_status core_walk(const char *root, const struct ob_walk_options *options, ob_walk_fn visit,
                         void *user) OB_WARN_UNUSED;

/* open(path, flags) for a path of any length: a path under PATH_MAX is
 * opened as it is; a longer one (a file the walk reported, recorded to be
 * read later) through the folders along it, each part under PATH_MAX,
 * following symlinks only as open() itself would within each part.
 * Returns the descriptor, or -1 with errno set. */
int core_walk_open(const char *path, int flags);

/* Removes `path` and, for a folder, everything below it, never following
 * symlinks (a link is removed, not its target). For temporary folders this
 * program made; what cannot be removed is left. */
void core_remove_tree(const char *path);

#endif
