/* SPDX-License-Identifier: Apache-2.0 */
/* fts-based tree walk: physical, one file system, pseudo file systems skipped;
 * and sorted folder listings. */
#include "core/walk.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <fts.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/vfs.h>

#include "core/array.h"

/* Kernel file systems whose "files" are not data at rest and can hang or
 * have side effects when read. */
static bool is_pseudo_filesystem(const char *path)
{
    struct statfs fs;
    if (statfs(path, &fs) != 0)
        return false;
    switch ((unsigned long)fs.f_type) {
    case 0x9fa0:     /* proc */
    case 0x62656572: /* sysfs */
    case 0x1cd1:     /* devpts */
    case 0x27e0eb:   /* cgroup */
    case 0x63677270: /* cgroup2 */
    case 0x64626720: /* debugfs */
    case 0x74726163: /* tracefs */
    case 0x73636673: /* securityfs */
    case 0xcafe4a11: /* bpf */
    case 0x6165676c: /* pstore */
    case 0x62656570: /* configfs */
    case 0x65735543: /* fusectl */ return true;
    default: return false;
    }
}

static bool is_special_dir(const char *path)
{
    static const char *const special[] = {"/proc", "/sys", "/dev", "/run"};
    for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
        if (strcmp(path, special[i]) == 0)
            return true;
    return false;
}

bool core_walk_is_excluded(const struct ob_walk_options *options, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base != NULL && base[1] != '\0' ? base + 1 : path;
    for (size_t i = 0; i < options->exclude_count; i++) {
        if (fnmatch(options->excludes[i], path, 0) == 0 ||
            fnmatch(options->excludes[i], base, 0) == 0)
            return true;
    }
    return false;
}

static bool report(ob_walk_fn visit, void *user, FTSENT *node, enum ob_walk_kind kind, int err)
{
    struct ob_walk_entry entry = {
        .path = node->fts_path,
        .path_length = node->fts_pathlen,
        .st = node->fts_statp,
        .kind = kind,
        .error_number = err,
    };
    return visit(user, &entry);
}

enum ob_status core_walk(const char *root, const struct ob_walk_options *options, ob_walk_fn visit,
                         void *user)
{
    char *roots[2] = {(char *)root, NULL};
    FTS *tree = fts_open(roots, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, NULL);
    if (tree == NULL) {
        struct ob_walk_entry entry = {.path = root,
                                      .path_length = strlen(root),
                                      .kind = OB_WALK_ERROR,
                                      .error_number = errno};
        visit(user, &entry);
        return errno == ENOMEM ? OB_ERR_NOMEM : OB_OK;
    }
    dev_t root_dev = 0;
    bool have_root_dev = false, go_on = true;
    FTSENT *node;
    while (go_on && (node = fts_read(tree)) != NULL) {
        switch (node->fts_info) {
        case FTS_D:
            if (node->fts_level == FTS_ROOTLEVEL) {
                root_dev = node->fts_statp->st_dev;
                have_root_dev = true;
            } else if (core_walk_is_excluded(options, node->fts_path)) {
                fts_set(tree, node, FTS_SKIP);
                go_on = report(visit, user, node, OB_WALK_SKIP_EXCLUDED, 0);
                break;
            }
            if (!options->scan_special_dirs && node->fts_level > FTS_ROOTLEVEL &&
                (is_special_dir(node->fts_path) ||
                 (node->fts_statp->st_dev != node->fts_parent->fts_statp->st_dev &&
                  is_pseudo_filesystem(node->fts_accpath)))) {
                fts_set(tree, node, FTS_SKIP);
                go_on = report(visit, user, node, OB_WALK_SKIP_FS, 0);
            } else if (have_root_dev && !options->cross_filesystems &&
                       node->fts_statp->st_dev != root_dev) {
                fts_set(tree, node, FTS_SKIP);
                go_on = report(visit, user, node, OB_WALK_SKIP_FS, 0);
            }
            break;
        case FTS_F:
            if (node->fts_level > FTS_ROOTLEVEL && core_walk_is_excluded(options, node->fts_path))
                go_on = report(visit, user, node, OB_WALK_SKIP_EXCLUDED, 0);
            else
                go_on = report(visit, user, node, OB_WALK_FILE, 0);
            break;
        case FTS_SL:
        case FTS_SLNONE:
        case FTS_DEFAULT: go_on = report(visit, user, node, OB_WALK_SKIP_TYPE, 0); break;
        case FTS_DNR:
        case FTS_ERR:
        case FTS_NS: go_on = report(visit, user, node, OB_WALK_ERROR, node->fts_errno); break;
        default: /* FTS_DP, FTS_DC (cycles cannot happen without links), FTS_DOT */ break;
        }
    }
    fts_close(tree);
    return OB_OK;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

enum ob_status core_folder_names(const char *folder, size_t max, char ***names, size_t *count)
{
    *names = NULL;
    *count = 0;
    DIR *handle = opendir(folder);
    if (handle == NULL)
        return errno == ENOENT ? OB_ERR_NOT_FOUND : errno == EACCES ? OB_ERR_PERMISSION : OB_ERR_IO;
    size_t capacity = 0;
    enum ob_status status = OB_OK;
    struct dirent *entry;
    while (*count < max && (entry = readdir(handle)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        status = core_array_grow((void **)names, &capacity, *count + 1, sizeof(**names), 64, max);
        if (status != OB_OK)
            break;
        if (((*names)[*count] = strdup(entry->d_name)) == NULL) {
            status = OB_ERR_NOMEM;
            break;
        }
        (*count)++;
    }
    int saved = errno;
    closedir(handle);
    errno = saved;
    if (status != OB_OK) {
        core_folder_names_free(*names, *count);
        *names = NULL;
        *count = 0;
        return status;
    }
    if (*count > 1)
        qsort(*names, *count, sizeof(**names), compare_names);
    return OB_OK;
}

void core_folder_names_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

static int remove_entry(const char *path, const struct stat *info, int type, struct FTW *where)
{
    (void)info;
    (void)type;
    (void)where;
    remove(path);
    return 0;
}

void core_remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
