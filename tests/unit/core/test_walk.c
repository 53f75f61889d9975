/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the tree walk (src/core/walk.c): kinds, roots, order, swaps,
 * deep trees and stopping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/walk.h"

#define MAX_SEEN 256

/* What a walk reported, in order. */
struct seen {
    size_t count;
    char path[MAX_SEEN][PATH_MAX];
    enum ob_walk_kind kind[MAX_SEEN];
    int error[MAX_SEEN];
    mode_t mode[MAX_SEEN];
    off_t size[MAX_SEEN];
};

static bool record(void *user, const struct ob_walk_entry *entry)
{
    struct seen *seen = user;
    assert_int_equal(strlen(entry->path), entry->path_length);
    if (seen->count < MAX_SEEN) {
        snprintf(seen->path[seen->count], PATH_MAX, "%s", entry->path);
        seen->kind[seen->count] = entry->kind;
        seen->error[seen->count] = entry->error_number;
        seen->mode[seen->count] = entry->st != NULL ? entry->st->st_mode : 0;
        seen->size[seen->count] = entry->st != NULL ? entry->st->st_size : -1;
    }
    seen->count++;
    return true;
}

/* The index of `path` among what was seen, or -1. */
static int find(const struct seen *seen, const char *path)
{
    for (size_t i = 0; i < seen->count && i < MAX_SEEN; i++)
        if (strcmp(seen->path[i], path) == 0)
            return (int)i;
    return -1;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void make_temp(char *root, size_t size)
{
    snprintf(root, size, "/tmp/ob-walk-XXXXXX");
    assert_non_null(mkdtemp(root));
}

/* Makes each of `folders` (parents first), then writes each of `files`
 * (with "o\n"), all below `root`. */
static void make_tree(const char *root, const char *const *folders, size_t folder_count,
                      const char *const *files, size_t file_count)
{
    char path[PATH_MAX];
    for (size_t i = 0; i < folder_count; i++) {
        snprintf(path, sizeof(path), "%s/%s", root, folders[i]);
        assert_int_equal(mkdir(path, 0700), 0);
    }
    for (size_t i = 0; i < file_count; i++) {
        snprintf(path, sizeof(path), "%s/%s", root, files[i]);
        write_file(path, "o\n");
    }
}

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static void remove_tree(const char *root)
{
    char command[PATH_MAX + 32];
    snprintf(command, sizeof(command), "chmod -R u+rwx '%s'; rm -rf '%s'", root, root);
    assert_int_equal(system(command), 0);
}

static void test_walk__reports_each_kind(void **state)
{
    (void)state;
    char root[64], path[PATH_MAX];
    make_temp(root, sizeof(root));
    const char *folders[] = {"sub", "skipme"};
    const char *files[] = {"a.txt", "sub/b.txt", "sub/x.log", "skipme/c.txt"};
    make_tree(root, folders, COUNT(folders), files, COUNT(files));
    snprintf(path, sizeof(path), "%s/fifo", root);
    assert_int_equal(mkfifo(path, 0600), 0);
    snprintf(path, sizeof(path), "%s/link", root);
    assert_int_equal(symlink("sub", path), 0);

    const char *excludes[] = {"skipme", "*.log"};
    struct ob_walk_options options = {.excludes = excludes, .exclude_count = 2};
    struct seen *seen = calloc(1, sizeof(*seen));
    assert_non_null(seen);
    assert_int_equal(core_walk(root, &options, record, seen), OB_OK);
    assert_int_equal(seen->count, 6);
    struct {
        const char *name;
        enum ob_walk_kind kind;
        mode_t type;
    } expected[] = {
        {"a.txt", OB_WALK_FILE, S_IFREG},        {"sub/b.txt", OB_WALK_FILE, S_IFREG},
        {"sub/x.log", OB_WALK_SKIP_EXCLUDED, 0}, {"skipme", OB_WALK_SKIP_EXCLUDED, S_IFDIR},
        {"fifo", OB_WALK_SKIP_TYPE, S_IFIFO},    {"link", OB_WALK_SKIP_TYPE, S_IFLNK},
    };
    for (size_t i = 0; i < COUNT(expected); i++) {
        snprintf(path, sizeof(path), "%s/%s", root, expected[i].name);
        int at = find(seen, path);
        assert_true(at >= 0);
        assert_int_equal(seen->kind[at], expected[i].kind);
        if (expected[i].type != 0)
            assert_int_equal(seen->mode[at] & S_IFMT, expected[i].type);
    }
    snprintf(path, sizeof(path), "%s/a.txt", root);
    assert_int_equal(seen->size[find(seen, path)], 2);
    free(seen);
    remove_tree(root);
}

static void test_walk__unreadable_folder_is_an_error(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip(); /* root reads any folder */
    char root[64], path[PATH_MAX];
    make_temp(root, sizeof(root));
    snprintf(path, sizeof(path), "%s/locked", root);
    assert_int_equal(mkdir(path, 0700), 0);
    char inner[PATH_MAX];
    snprintf(inner, sizeof(inner), "%s/locked/hidden.txt", root);
    write_file(inner, "x\n");
    assert_int_equal(chmod(path, 0), 0);
    snprintf(inner, sizeof(inner), "%s/after.txt", root);
    write_file(inner, "y\n");

    struct ob_walk_options options = {0};
    struct seen *seen = calloc(1, sizeof(*seen));
    assert_non_null(seen);
    assert_int_equal(core_walk(root, &options, record, seen), OB_OK);
    assert_int_equal(seen->count, 2);
    int at = find(seen, path);
    assert_true(at >= 0);
    assert_int_equal(seen->kind[at], OB_WALK_ERROR);
    assert_int_equal(seen->error[at], EACCES);
    assert_int_equal(seen->kind[find(seen, inner)], OB_WALK_FILE);
    free(seen);
    remove_tree(root);
}

/* Walks `root` and checks that it reported exactly one entry. */
static void walk_one(const char *root, struct seen *seen)
{
    struct ob_walk_options options = {0};
    memset(seen, 0, sizeof(*seen));
    assert_int_equal(core_walk(root, &options, record, seen), OB_OK);
    assert_int_equal(seen->count, 1);
}

static void test_walk__root_link_is_followed_and_root_file_reported(void **state)
{
    (void)state;
    char root[64], path[PATH_MAX], link[PATH_MAX];
    make_temp(root, sizeof(root));
    snprintf(path, sizeof(path), "%s/real", root);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof(path), "%s/real/f.txt", root);
    write_file(path, "f\n");
    snprintf(link, sizeof(link), "%s/link", root);
    assert_int_equal(symlink("real", link), 0);

    struct seen *seen = calloc(1, sizeof(*seen));
    assert_non_null(seen);
    /* A symlink given as the root is followed. */
    walk_one(link, seen);
    snprintf(path, sizeof(path), "%s/link/f.txt", root);
    assert_string_equal(seen->path[0], path);
    assert_int_equal(seen->kind[0], OB_WALK_FILE);

    /* A file root is reported as a file, with the path as given. */
    snprintf(path, sizeof(path), "%s/real/f.txt", root);
    walk_one(path, seen);
    assert_string_equal(seen->path[0], path);
    assert_int_equal(seen->kind[0], OB_WALK_FILE);
    assert_int_equal(seen->size[0], 2);

    /* A trailing slash on a folder root gives no doubled slash below it. */
    snprintf(path, sizeof(path), "%s/real/", root);
    walk_one(path, seen);
    snprintf(path, sizeof(path), "%s/real/f.txt", root);
    assert_string_equal(seen->path[0], path);

    /* A root that cannot be stat'ed is an error; an empty one too. */
    snprintf(path, sizeof(path), "%s/missing", root);
    walk_one(path, seen);
    assert_int_equal(seen->kind[0], OB_WALK_ERROR);
    assert_int_equal(seen->error[0], ENOENT);
    walk_one("", seen);
    assert_int_equal(seen->kind[0], OB_WALK_ERROR);

    /* A dangling symlink as the root is skipped for its type. */
    snprintf(path, sizeof(path), "%s/dangling", root);
    assert_int_equal(symlink("nowhere", path), 0);
    walk_one(path, seen);
    assert_int_equal(seen->kind[0], OB_WALK_SKIP_TYPE);
    free(seen);
    remove_tree(root);
}

/* The files below `folder` in pre-order, each folder's entries in readdir
 * order, as the walk must report them. */
static void expected_order(const char *folder, struct seen *out)
{
    DIR *handle = opendir(folder);
    assert_non_null(handle);
    struct dirent *entry;
    while ((entry = readdir(handle)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof(path), "%s/%s", folder, entry->d_name);
        struct stat st;
        assert_int_equal(lstat(path, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            expected_order(path, out);
        } else {
            assert_true(out->count < MAX_SEEN);
            snprintf(out->path[out->count++], PATH_MAX, "%s", path);
        }
    }
    closedir(handle);
}

static void test_walk__pre_order_in_readdir_order(void **state)
{
    (void)state;
    char root[64];
    make_temp(root, sizeof(root));
    const char *folders[] = {"m", "b", "m/z", "m/a", "q"};
    const char *files[] = {"k", "c", "m/1", "m/z/2", "m/z/0", "m/a/9", "m/x", "b/5", "y"};
    make_tree(root, folders, COUNT(folders), files, COUNT(files));
    struct ob_walk_options options = {0};
    struct seen *seen = calloc(1, sizeof(*seen)), *want = calloc(1, sizeof(*want));
    assert_non_null(seen);
    assert_non_null(want);
    assert_int_equal(core_walk(root, &options, record, seen), OB_OK);
    expected_order(root, want);
    assert_int_equal(seen->count, COUNT(files));
    assert_int_equal(seen->count, want->count);
    for (size_t i = 0; i < want->count; i++)
        assert_string_equal(seen->path[i], want->path[i]);
    free(seen);
    free(want);
    remove_tree(root);
}

/* Swaps every folder d<n> of the root for a new one when the walk reports
 * f, which it has listed together with them. */
struct swap {
    char root[64];
    int folders;
    bool entered[32], swapped[32], done;
    struct seen seen;
};

static bool swap_on_visit(void *user, const struct ob_walk_entry *entry)
{
    struct swap *swap = user;
    char path[PATH_MAX];
    for (int i = 0; i < swap->folders; i++) {
        snprintf(path, sizeof(path), "%s/d%d/", swap->root, i);
        if (strncmp(entry->path, path, strlen(path)) == 0)
            swap->entered[i] = true;
    }
    snprintf(path, sizeof(path), "%s/f", swap->root);
    if (!swap->done && strcmp(entry->path, path) == 0) {
        swap->done = true;
        for (int i = 0; i < swap->folders; i++) {
            if (swap->entered[i])
                continue;
            char old[PATH_MAX];
            snprintf(path, sizeof(path), "%s/d%d", swap->root, i);
            snprintf(old, sizeof(old), "%s/../%s-old%d", swap->root, strrchr(swap->root, '/') + 1,
                     i);
            assert_int_equal(rename(path, old), 0);
            assert_int_equal(mkdir(path, 0700), 0);
            snprintf(path, sizeof(path), "%s/d%d/new", swap->root, i);
            write_file(path, "n\n");
            swap->swapped[i] = true;
        }
    }
    return record(&swap->seen, entry);
}

static void test_walk__folder_swapped_after_listing_is_an_error(void **state)
{
    (void)state;
    struct swap *swap = calloc(1, sizeof(*swap));
    assert_non_null(swap);
    make_temp(swap->root, sizeof(swap->root));
    char path[PATH_MAX];
    swap->folders = 24;
    for (int i = 0; i < swap->folders; i++) {
        snprintf(path, sizeof(path), "%s/d%d", swap->root, i);
        assert_int_equal(mkdir(path, 0700), 0);
        snprintf(path, sizeof(path), "%s/d%d/old", swap->root, i);
        write_file(path, "o\n");
    }
    snprintf(path, sizeof(path), "%s/f", swap->root);
    write_file(path, "f\n");
    struct ob_walk_options options = {0};
    assert_int_equal(core_walk(swap->root, &options, swap_on_visit, swap), OB_OK);
    int swapped = 0;
    for (int i = 0; i < swap->folders; i++) {
        snprintf(path, sizeof(path), "%s/d%d", swap->root, i);
        int at = find(&swap->seen, path);
        snprintf(path, sizeof(path), "%s/d%d/new", swap->root, i);
        assert_int_equal(find(&swap->seen, path), -1); /* never descended into */
        if (swap->swapped[i]) {
            swapped++;
            assert_true(at >= 0);
            assert_int_equal(swap->seen.kind[at], OB_WALK_ERROR);
            assert_int_equal(swap->seen.error[at], ENOENT);
        } else {
            assert_int_equal(at, -1);
        }
    }
    snprintf(path, sizeof(path), "rm -rf '%s' '%s'-old*", swap->root, swap->root);
    assert_int_equal(system(path), 0);
    free(swap);
    if (swapped == 0)
        skip(); /* f came last in readdir order: nothing was left to swap */
}

/* Counts the descriptors open in this process. */
static int open_descriptors(void)
{
    DIR *handle = opendir("/proc/self/fd");
    if (handle == NULL)
        return -1;
    int count = 0;
    while (readdir(handle) != NULL)
        count++;
    closedir(handle);
    return count - 3; /* ".", ".." and the listing's own */
}

struct deep {
    size_t files, too_deep, other;
    int most_descriptors;
    size_t longest;
};

static bool on_deep(void *user, const struct ob_walk_entry *entry)
{
    struct deep *deep = user;
    int open_now = open_descriptors();
    if (open_now > deep->most_descriptors)
        deep->most_descriptors = open_now;
    if (entry->kind == OB_WALK_FILE) {
        /* However long the path, the entry opens from its folder. */
        assert_true(strlen(entry->relative) < PATH_MAX);
        assert_int_equal(
            strcmp(entry->path + entry->path_length - strlen(entry->relative), entry->relative), 0);
        int fd = openat(entry->dir_fd, entry->relative, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        assert_true(fd >= 0);
        char byte = 0;
        assert_int_equal(read(fd, &byte, 1), 1);
        assert_int_equal(byte, 'x');
        close(fd);
        if (entry->path_length > deep->longest)
            deep->longest = entry->path_length;
        deep->files++;
    } else if (entry->kind == OB_WALK_TOO_DEEP) {
        deep->too_deep++;
    } else {
        deep->other++;
    }
    return true;
}

/* Makes `levels` nested folders "dd" under a new folder `root`, each level
 * (the root too) holding a file "f" that starts with 'x'. */
static void make_deep_tree(char *root, size_t size, int levels)
{
    make_temp(root, size);
    int folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    assert_true(folder >= 0);
    for (int level = 0; level < levels; level++) {
        int file = openat(folder, "f", O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        assert_true(file >= 0);
        assert_int_equal(write(file, "x", 1), 1);
        close(file);
        assert_int_equal(mkdirat(folder, "dd", 0700), 0);
        int next = openat(folder, "dd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        assert_true(next >= 0);
        close(folder);
        folder = next;
    }
    close(folder);
}

/* A tree far deeper than PATH_MAX (issue 17: at depth 2,045 the walk used
 * to stop with "File name too long", a place to hide a payload) is walked
 * whole, every file opens, and the walk holds few descriptors. */
static void test_walk__tree_deeper_than_path_max_is_walked_whole(void **state)
{
    (void)state;
    enum { LEVELS = 3000 };
    char root[64];
    make_deep_tree(root, sizeof(root), LEVELS);
    struct ob_walk_options options = {0};
    struct deep deep = {0};
    int before = open_descriptors();
    assert_int_equal(core_walk(root, &options, on_deep, &deep), OB_OK);
    assert_int_equal(open_descriptors(), before);
    assert_int_equal(deep.files, LEVELS);
    assert_int_equal(deep.too_deep, 0);
    assert_int_equal(deep.other, 0);
    assert_true(deep.longest > 2 * PATH_MAX); /* root + 3 bytes a level */
    /* Far fewer than one per level: 32 near the root and an anchor for
     * every PATH_MAX or so of path below. */
    print_message("deepest path %zu bytes, at most %d descriptors open\n", deep.longest,
                  deep.most_descriptors - before);
    assert_true(deep.most_descriptors - before <= 48);
    remove_tree(root);
}

/* Past OB_WALK_MAX_DEPTH levels a folder is reported, not entered. */
static void test_walk__depth_limit_is_reported(void **state)
{
    (void)state;
    char root[64];
    make_deep_tree(root, sizeof(root), OB_WALK_MAX_DEPTH + 4);
    struct ob_walk_options options = {0};
    struct deep deep = {0};
    assert_int_equal(core_walk(root, &options, on_deep, &deep), OB_OK);
    /* The root and the folders of levels 1 to 4,095 are listed. */
    assert_int_equal(deep.files, OB_WALK_MAX_DEPTH);
    assert_int_equal(deep.too_deep, 1);
    assert_int_equal(deep.other, 0);
    remove_tree(root);
}

struct stopper {
    int calls, stop_after;
};

static bool stop_soon(void *user, const struct ob_walk_entry *entry)
{
    (void)entry;
    struct stopper *stopper = user;
    return ++stopper->calls < stopper->stop_after;
}

static void test_walk__stops_when_visit_returns_false(void **state)
{
    (void)state;
    char root[64], path[PATH_MAX];
    make_temp(root, sizeof(root));
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof(path), "%s/d%d", root, i);
        assert_int_equal(mkdir(path, 0700), 0);
        for (int j = 0; j < 5; j++) {
            snprintf(path, sizeof(path), "%s/d%d/f%d", root, i, j);
            write_file(path, "x\n");
        }
    }
    struct ob_walk_options options = {0};
    struct stopper stopper = {0, 3};
    int before = open_descriptors();
    assert_int_equal(core_walk(root, &options, stop_soon, &stopper), OB_OK);
    assert_int_equal(stopper.calls, 3);
    assert_int_equal(open_descriptors(), before);
    stopper = (struct stopper){0, 1000};
    assert_int_equal(core_walk(root, &options, stop_soon, &stopper), OB_OK);
    assert_int_equal(stopper.calls, 20);
    remove_tree(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk__reports_each_kind),
        cmocka_unit_test(test_walk__unreadable_folder_is_an_error),
        cmocka_unit_test(test_walk__root_link_is_followed_and_root_file_reported),
        cmocka_unit_test(test_walk__pre_order_in_readdir_order),
        cmocka_unit_test(test_walk__folder_swapped_after_listing_is_an_error),
        cmocka_unit_test(test_walk__tree_deeper_than_path_max_is_walked_whole),
        cmocka_unit_test(test_walk__depth_limit_is_reported),
        cmocka_unit_test(test_walk__stops_when_visit_returns_false),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
