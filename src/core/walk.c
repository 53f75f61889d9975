/* SPDX-License-Identifier: Apache-2.0 */
/* Tree walk by file descriptor: each folder read whole and its entries
 * stat'ed relative to it, pre-order in readdir order, physical, one file
 * system, pseudo file systems skipped; and sorted folder listings. */
#include "core/walk.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <fcntl.h>
#include <limits.h>
#include <ftw.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "core/array.h"
#include "core/i18n.h"

/* Kernel file systems whose "files" are not data at rest and can hang or
 * have side effects when read. */
static bool is_pseudo_filesystem(const struct statfs *fs)
{
    switch ((unsigned long)fs->f_type) {
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

const char *core_walk_too_deep_text(void)
{
    return _("not entered: more than 4,096 folders deep or 256 KiB of path");
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

/* Folders deeper than this are closed once listed and their entries
 * opened by their path from the nearest folder still open (its anchor),
 * so that the descriptors a walk holds stay bounded however deep the tree
 * is. A folder stays open when its entries' paths from that anchor could
 * reach PATH_MAX, so no path ever given to the kernel does; a tree deeper
 * than PATH_MAX is walked whole, up to the limits below. */
#define OPEN_LEVELS 32
/* Folders deeper than this, or whose path would pass MAX_PATH_BYTES, are
 * reported as OB_WALK_TOO_DEEP and not entered: the walk holds one listing
 * per level, and an anchor per PATH_MAX of path (at most 64 here). */
#define MAX_PATH_BYTES ((size_t)256 << 10)
/* The most entries held for one folder, and the listings kept for reuse
 * when their folder is done (larger ones are freed). */
#define MAX_FOLDER_ENTRIES ((size_t)1 << 26)
#define KEEP_ENTRIES 65536

/* One entry of a listed folder, stat'ed through the folder's descriptor. */
struct listed {
    struct stat st;
    size_t name;        /* offset in the level's names */
    size_t name_length; /* without its NUL */
    int error;          /* errno of its fstatat; 0 when st holds it */
};

/* A folder on the way down from the root. */
struct level {
    int fd;        /* open while it is an anchor, else -1 */
    size_t anchor; /* the level whose descriptor opens its entries: itself when open */
    dev_t dev;
    ino_t ino;
    size_t base; /* length of its path without a trailing slash */
    struct listed *entries;
    size_t count, capacity, next;
    char *names;
    size_t names_length, names_capacity;
};

struct walker {
    const struct ob_walk_options *options;
    ob_walk_fn visit;
    void *user;
    dev_t root_dev;
    char *path; /* the entry being reported */
    size_t path_capacity;
    struct level *levels;
    size_t depth, prepared, level_capacity; /* prepared: slots initialised */
    unsigned char *dents;                   /* DENTS_BYTES for getdents64, made on first use */
};

/* The buffer getdents64 fills with records of glibc's struct dirent64. */
#define DENTS_BYTES 32768

/* The entry in walker->path (of the deepest level, or the root) as a path
 * from the folder open as *dir_fd (its level's anchor, or AT_FDCWD). */
static const char *from_anchor(const struct walker *walker, int *dir_fd)
{
    *dir_fd = AT_FDCWD;
    if (walker->depth == 0)
        return walker->path;
    const struct level *anchor = &walker->levels[walker->levels[walker->depth - 1].anchor];
    *dir_fd = anchor->fd;
    return walker->path + anchor->base + 1;
}

static bool report(const struct walker *walker, size_t path_length, const struct stat *st,
                   enum ob_walk_kind kind, int error)
{
    struct ob_walk_entry entry = {
        .path = walker->path,
        .path_length = path_length,
        .st = st,
        .kind = kind,
        .error_number = error,
    };
    entry.relative = from_anchor(walker, &entry.dir_fd);
    return walker->visit(walker->user, &entry);
}

/* Opens the folder `name` relative to `at` without following a symlink in
 * its last component (`follow` only for the root) and checks that it is the
 * one `listed` describes. Returns the descriptor, or -1 with *error set:
 * ENOENT when another folder was swapped in after the listing (as fts's
 * own check says), *swapped then true. */
static int open_folder(int at, const char *name, bool follow, const struct stat *listed, int *error,
                       bool *swapped)
{
    *swapped = false;
    int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
    if (fd < 0) {
        *error = errno;
        return -1;
    }
    struct stat now;
    if (fstat(fd, &now) != 0) {
        *error = errno;
        close(fd);
        return -1;
    }
    if (now.st_dev != listed->st_dev || now.st_ino != listed->st_ino) {
        *error = ENOENT;
        *swapped = true;
        close(fd);
        return -1;
    }
    return fd;
}

/* Adds one entry to a level's listing. Errors: OB_ERR_NOMEM, OB_ERR_LIMIT. */
static enum ob_status list_entry(struct level *level, const char *name)
{
    size_t name_length = strlen(name);
    enum ob_status status = core_array_grow((void **)&level->entries, &level->capacity,
                                            level->count + 1, sizeof(*level->entries), 64,
                                            MAX_FOLDER_ENTRIES);
    if (status == OB_OK)
        status = core_array_grow((void **)&level->names, &level->names_capacity,
                                 level->names_length + name_length + 1, 1, 4096, SIZE_MAX);
    if (status != OB_OK)
        return status;
    struct listed *entry = &level->entries[level->count++];
    entry->name = level->names_length;
    entry->name_length = name_length;
    entry->error = 0;
    memcpy(level->names + level->names_length, name, name_length + 1);
    level->names_length += name_length + 1;
    if (fstatat(level->fd, name, &entry->st, AT_SYMLINK_NOFOLLOW) != 0)
        entry->error = errno;
    return OB_OK;
}

/* Reads the whole folder of `level` in readdir order and stats each entry
 * through its descriptor. Returns 0 or the errno that stopped it. The
 * entries are read with getdents64 from the folder's own descriptor (just
 * opened, so at its start): a DIR stream would need a duplicate descriptor
 * and four more system calls a folder, a tenth of a rescan's time on a
 * tree of many small folders. */
static int list_folder(struct walker *walker, struct level *level)
{
    level->count = level->next = level->names_length = 0;
    if (walker->dents == NULL && (walker->dents = malloc(DENTS_BYTES)) == NULL)
        return ENOMEM;
    for (;;) {
        ssize_t got = getdents64(level->fd, walker->dents, DENTS_BYTES);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return errno;
        if (got == 0)
            return 0;
        for (size_t at = 0; at + offsetof(struct dirent64, d_name) < (size_t)got;) {
            const struct dirent64 *entry = (const void *)(walker->dents + at);
            if (entry->d_reclen == 0 || at + entry->d_reclen > (size_t)got)
                return EIO; /* not what the kernel writes */
            at += entry->d_reclen;
            const char *name = entry->d_name;
            if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
                continue;
            if (list_entry(level, name) != OB_OK)
                return ENOMEM;
        }
    }
}

static void leave_folder(struct walker *walker)
{
    struct level *level = &walker->levels[--walker->depth];
    if (level->fd >= 0)
        close(level->fd);
    level->fd = -1;
    if (level->capacity > KEEP_ENTRIES) {
        free(level->entries);
        free(level->names);
        level->entries = NULL;
        level->names = NULL;
        level->capacity = level->names_capacity = 0;
    }
}

/* Lists the folder open as `fd` (or reports why it could not be opened:
 * `error`) whose path is in walker->path; its entries are then visited by
 * the loop in core_walk. Returns false when visit said to stop. */
static bool enter_folder(struct walker *walker, int fd, int error, const struct stat *st,
                         size_t path_length)
{
    if (fd < 0)
        return report(walker, path_length, st, OB_WALK_ERROR, error);
    if (walker->depth == walker->prepared) {
        if (core_array_grow((void **)&walker->levels, &walker->level_capacity, walker->prepared + 1,
                            sizeof(*walker->levels), 16, OB_WALK_MAX_DEPTH + 1) != OB_OK) {
            close(fd);
            return report(walker, path_length, st, OB_WALK_ERROR, ENOMEM);
        }
        memset(&walker->levels[walker->prepared++], 0, sizeof(*walker->levels));
    }
    size_t index = walker->depth++;
    struct level *level = &walker->levels[index];
    level->fd = fd;
    level->anchor = index;
    level->dev = st->st_dev;
    level->ino = st->st_ino;
    level->base = path_length > 0 && walker->path[path_length - 1] == '/' ? path_length - 1
                                                                          : path_length;
    error = list_folder(walker, level);
    if (error != 0) {
        leave_folder(walker);
        return report(walker, path_length, st, OB_WALK_ERROR, error);
    }
    if (index >= OPEN_LEVELS) {
        /* Closed when every entry's path from the parent's anchor stays
         * under PATH_MAX; else it becomes an anchor itself. */
        size_t anchor = walker->levels[index - 1].anchor;
        size_t below = level->base - walker->levels[anchor].base; /* "/name..." */
        if (below + 1 + NAME_MAX + 1 < PATH_MAX) {
            close(level->fd);
            level->fd = -1;
            level->anchor = anchor;
        }
    }
    return true;
}

/* Kernel file systems whose "files" are not data at rest and can hang or
 * have side effects when read; asked of the open folder, or of its path when
 * it could not be opened. */
static bool on_pseudo_filesystem(int fd, const char *path)
{
    struct statfs fs;
    if ((fd >= 0 ? fstatfs(fd, &fs) : statfs(path, &fs)) != 0)
        return false;
    return is_pseudo_filesystem(&fs);
}

/* A subfolder of the current level: skipped, or opened and listed. */
static bool visit_folder(struct walker *walker, const struct listed *entry, size_t path_length)
{
    const struct ob_walk_options *options = walker->options;
    const struct stat *st = &entry->st;
    const struct level *parent = &walker->levels[walker->depth - 1];
    /* A folder that is its own ancestor (a bind mount) is left out, as fts
     * left out its cycles. */
    for (size_t i = 0; i < walker->depth; i++)
        if (walker->levels[i].dev == st->st_dev && walker->levels[i].ino == st->st_ino)
            return true;
    if (core_walk_is_excluded(options, walker->path))
        return report(walker, path_length, st, OB_WALK_SKIP_EXCLUDED, 0);
    bool other_fs = st->st_dev != parent->dev;
    if (!options->scan_special_dirs && is_special_dir(walker->path))
        return report(walker, path_length, st, OB_WALK_SKIP_FS, 0);
    /* Without cross_filesystems the parent is on the root's file system, so
     * another one is skipped whether it is a pseudo one or not. */
    if (!options->cross_filesystems && st->st_dev != walker->root_dev)
        return report(walker, path_length, st, OB_WALK_SKIP_FS, 0);
    if (walker->depth >= OB_WALK_MAX_DEPTH || path_length + 1 + NAME_MAX + 1 > MAX_PATH_BYTES)
        return report(walker, path_length, st, OB_WALK_TOO_DEEP, 0);
    int error = 0;
    bool swapped;
    int at;
    const char *relative = from_anchor(walker, &at);
    int fd = open_folder(at, relative, false, st, &error, &swapped);
    if (!options->scan_special_dirs && other_fs && !swapped &&
        on_pseudo_filesystem(fd, walker->path)) {
        if (fd >= 0)
            close(fd);
        return report(walker, path_length, st, OB_WALK_SKIP_FS, 0);
    }
    return enter_folder(walker, fd, error, st, path_length);
}

/* Reports or descends into the next entry of the deepest level. */
static bool visit_next(struct walker *walker)
{
    struct level *level = &walker->levels[walker->depth - 1];
    const struct listed *entry = &level->entries[level->next++];
    const char *name = level->names + entry->name;
    size_t path_length = level->base + 1 + entry->name_length;
    if (path_length + 1 > walker->path_capacity) {
        char *grown = realloc(walker->path, path_length + 1);
        if (grown == NULL)
            return true; /* cannot even name it; fts stopped here */
        walker->path = grown;
        walker->path_capacity = path_length + 1;
    }
    walker->path[level->base] = '/';
    memcpy(walker->path + level->base + 1, name, entry->name_length + 1);
    if (entry->error != 0)
        return report(walker, path_length, NULL, OB_WALK_ERROR, entry->error);
    const struct stat *st = &entry->st;
    if (S_ISDIR(st->st_mode))
        return visit_folder(walker, entry, path_length);
    if (!S_ISREG(st->st_mode))
        return report(walker, path_length, st, OB_WALK_SKIP_TYPE, 0);
    if (core_walk_is_excluded(walker->options, walker->path))
        return report(walker, path_length, st, OB_WALK_SKIP_EXCLUDED, 0);
    return report(walker, path_length, st, OB_WALK_FILE, 0);
}

/* The root: followed if a symlink, reported if not a folder, else listed. */
static bool visit_root(struct walker *walker, size_t root_length)
{
    struct stat st;
    if (stat(walker->path, &st) != 0) {
        int error = errno;
        /* A dangling or looping link given as the root, as fts saw it. */
        if (lstat(walker->path, &st) == 0)
            return report(walker, root_length, &st, OB_WALK_SKIP_TYPE, 0);
        return report(walker, root_length, NULL, OB_WALK_ERROR, error);
    }
    if (S_ISREG(st.st_mode))
        return report(walker, root_length, &st, OB_WALK_FILE, 0);
    if (!S_ISDIR(st.st_mode))
        return report(walker, root_length, &st, OB_WALK_SKIP_TYPE, 0);
    walker->root_dev = st.st_dev;
    int error = 0;
    bool swapped;
    int fd = open_folder(AT_FDCWD, walker->path, true, &st, &error, &swapped);
    return enter_folder(walker, fd, error, &st, root_length);
}

enum ob_status core_walk(const char *root, const struct ob_walk_options *options, ob_walk_fn visit,
                         void *user)
{
    size_t root_length = strlen(root);
    struct walker walker = {.options = options, .visit = visit, .user = user};
    walker.path_capacity = (root_length > PATH_MAX ? root_length : PATH_MAX) + NAME_MAX + 2;
    walker.path = root_length == 0 ? NULL : malloc(walker.path_capacity);
    if (walker.path == NULL) {
        int error = root_length == 0 ? ENOENT : ENOMEM;
        struct ob_walk_entry entry = {
            .path = root, .path_length = root_length, .kind = OB_WALK_ERROR, .error_number = error};
        visit(user, &entry);
        return error == ENOMEM ? OB_ERR_NOMEM : OB_OK;
    }
    memcpy(walker.path, root, root_length + 1);
    bool go_on = visit_root(&walker, root_length);
    while (go_on && walker.depth > 0) {
        const struct level *level = &walker.levels[walker.depth - 1];
        if (level->next == level->count)
            leave_folder(&walker);
        else
            go_on = visit_next(&walker);
    }
    while (walker.depth > 0)
        leave_folder(&walker);
    for (size_t i = 0; i < walker.prepared; i++) {
        free(walker.levels[i].entries);
        free(walker.levels[i].names);
    }
    free(walker.levels);
    free(walker.path);
    free(walker.dents);
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

int core_walk_open(const char *path, int flags)
{
    size_t length = strlen(path);
    if (length < PATH_MAX)
        return open(path, flags);
    /* Each step opens the longest part of what is left that ends at a '/'
     * and stays under PATH_MAX, relative to the folder the last step
     * opened. */
    int dir = AT_FDCWD;
    const char *rest = path;
    for (;;) {
        size_t left = strlen(rest);
        if (left < PATH_MAX) {
            int fd = openat(dir, rest, flags);
            int saved = errno;
            if (dir != AT_FDCWD)
                close(dir);
            errno = saved;
            return fd;
        }
        size_t cut = PATH_MAX - 1;
        while (cut > 0 && rest[cut] != '/')
            cut--;
        if (cut == 0) {
            /* One name longer than PATH_MAX cannot exist. */
            if (dir != AT_FDCWD)
                close(dir);
            errno = ENAMETOOLONG;
            return -1;
        }
        char part[PATH_MAX];
        memcpy(part, rest, cut);
        part[cut] = '\0';
        int next = openat(dir, part, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOCTTY);
        int saved = errno;
        if (dir != AT_FDCWD)
            close(dir);
        if (next < 0) {
            errno = saved;
            return -1;
        }
        dir = next;
        rest += cut;
        while (*rest == '/')
            rest++;
    }
}
