/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of src/integrity: a baseline of a temporary tree, how verify
 * tells a wiper's pattern from content that was constant before, and the
 * boot sectors of a disk image recorded and compared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oberig/baseline.h"

struct tree {
    char folder[64];
    char db[96];
};

/* Changes seen by verify: the reasons of each, OR-ed as bits, by file name. */
struct seen {
    size_t changes;
    unsigned reasons_of_doc; /* bits of enum ob_baseline_signal for ".../doc" */
};

static void on_change(void *user, const struct ob_baseline_change *change)
{
    struct seen *seen = user;
    seen->changes++;
    const char *path = change->after != NULL ? change->after->path : change->before->path;
    if (strcmp(strrchr(path, '/'), "/doc") == 0)
        for (size_t i = 0; i < change->reason_count; i++)
            seen->reasons_of_doc |= 1u << change->reasons[i];
}

static void write_file(const char *folder, const char *name, const void *data, size_t length)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", folder, name);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(data, 1, length, file), length);
    assert_int_equal(fclose(file), 0);
}

static void tree_make(struct tree *tree, const void *doc, size_t length)
{
    strcpy(tree->folder, "/tmp/oberig-unit-baseline-XXXXXX");
    assert_non_null(mkdtemp(tree->folder));
    snprintf(tree->db, sizeof(tree->db), "%s.db", tree->folder);
    write_file(tree->folder, "doc", doc, length);
    write_file(tree->folder, "other", "unchanged\n", 10);
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_baseline_options options = {.threads = 2};
    struct ob_baseline_stats stats;
    const char *roots[] = {tree->folder};
    assert_int_equal(ob_baseline_create(ctx, tree->db, roots, 1, &options, NULL, &stats), OB_OK);
    assert_int_equal(stats.recorded, 2);
    ob_context_free(ctx);
}

static struct seen tree_verify(const struct tree *tree, struct ob_baseline_stats *stats)
{
    struct seen seen = {0};
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_baseline_options options = {.threads = 1};
    struct ob_baseline_callbacks callbacks = {.change = on_change, .user = &seen};
    assert_int_equal(ob_baseline_verify(ctx, tree->db, NULL, 0, &options, &callbacks, stats),
                     OB_OK);
    ob_context_free(ctx);
    return seen;
}

static void tree_remove(const struct tree *tree)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/doc", tree->folder);
    unlink(path);
    snprintf(path, sizeof(path), "%s/other", tree->folder);
    unlink(path);
    rmdir(tree->folder);
    unlink(tree->db);
}

static void test_baseline__unchanged_tree_reports_nothing(void **state)
{
    (void)state;
    struct tree tree;
    tree_make(&tree, "a letter to the bank\n", 21);
    struct ob_baseline_stats stats;
    struct seen seen = tree_verify(&tree, &stats);
    assert_int_equal(seen.changes, 0);
    assert_int_equal(stats.files, 2);
    assert_int_equal(stats.files_hashed, 0);
    tree_remove(&tree);
}

/* A two-byte pattern over the whole first block is a wiper's work. */
static void test_baseline__short_repeating_pattern_is_wiped(void **state)
{
    (void)state;
    struct tree tree;
    char text[6000];
    for (size_t i = 0; i < sizeof(text); i++)
        text[i] = "The quick brown fox jumps over the lazy dog. "[i % 45];
    tree_make(&tree, text, sizeof(text));
    unsigned char pattern[6000];
    for (size_t i = 0; i < sizeof(pattern); i++)
        pattern[i] = i % 2 == 0 ? 0xAB : 0xCD;
    write_file(tree.folder, "doc", pattern, sizeof(pattern));
    struct ob_baseline_stats stats;
    struct seen seen = tree_verify(&tree, &stats);
    assert_int_equal(seen.changes, 1);
    assert_true(seen.reasons_of_doc & (1u << OB_BASELINE_WIPED));
    assert_true(seen.reasons_of_doc & (1u << OB_BASELINE_CONTENT_CHANGED));
    assert_false(seen.reasons_of_doc & (1u << OB_BASELINE_ENCRYPTED));
    assert_int_equal(stats.counts[OB_BASELINE_WIPED], 1);
    assert_true(stats.wipe_byte == 0xAB || stats.wipe_byte == 0xCD);
    tree_remove(&tree);
}

/* A file that was zeros before (a sparse disk image, say) and is other
 * zeros now changed, but not by a wiper. */
static void test_baseline__constant_before_is_not_wiped(void **state)
{
    (void)state;
    struct tree tree;
    static const unsigned char zeros[8192];
    tree_make(&tree, zeros, 4096);
    write_file(tree.folder, "doc", zeros, sizeof(zeros));
    struct ob_baseline_stats stats;
    struct seen seen = tree_verify(&tree, &stats);
    assert_true(seen.reasons_of_doc & (1u << OB_BASELINE_CONTENT_CHANGED));
    assert_false(seen.reasons_of_doc & (1u << OB_BASELINE_WIPED));
    tree_remove(&tree);
}

/* Random bytes where text was: possibly encrypted. */
static void test_baseline__random_over_text_looks_encrypted(void **state)
{
    (void)state;
    struct tree tree;
    char text[4096];
    for (size_t i = 0; i < sizeof(text); i++)
        text[i] = "minutes of the meeting, page one. "[i % 34];
    tree_make(&tree, text, sizeof(text));
    unsigned char noise[4096];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof(noise); i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise[i] = (unsigned char)(x >> 24);
    }
    write_file(tree.folder, "doc", noise, sizeof(noise));
    struct ob_baseline_stats stats;
    struct seen seen = tree_verify(&tree, &stats);
    assert_true(seen.reasons_of_doc & (1u << OB_BASELINE_ENCRYPTED));
    assert_false(seen.reasons_of_doc & (1u << OB_BASELINE_WIPED));
    tree_remove(&tree);
}

/* Device changes and problems seen by verify. */
struct device_seen {
    size_t changes, problems;
    unsigned reasons; /* bits of enum ob_baseline_signal */
    enum ob_level level;
    enum ob_bootrec_code before, after;
    size_t strings; /* readable runs of the boot code now */
};

static void on_device_change(void *user, const struct ob_baseline_device_change *change)
{
    struct device_seen *seen = user;
    seen->changes++;
    for (size_t i = 0; i < change->reason_count; i++)
        seen->reasons |= 1u << change->reasons[i];
    seen->level = change->level;
    seen->before = change->before->code_class;
    seen->after = change->after->code_class;
    seen->strings = change->now->string_count;
}

static void on_device_problem(void *user, const char *path, const char *message)
{
    struct device_seen *seen = user;
    seen->problems++;
    assert_non_null(strstr(path, ".img"));
    assert_non_null(strstr(message, "cannot be read again"));
}

/* A 4 KiB disk image: empty boot code, one partition of type 0x83. */
static void image_write(const char *path, const char *code, unsigned char type)
{
    unsigned char disk[4096] = {0};
    if (code != NULL)
        memcpy(disk, code, strlen(code));
    disk[446 + 4] = type;
    disk[446 + 8] = 1;  /* first LBA 1 */
    disk[446 + 12] = 7; /* 7 sectors */
    disk[510] = 0x55;
    disk[511] = 0xAA;
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(disk, 1, sizeof(disk), file), sizeof(disk));
    assert_int_equal(fclose(file), 0);
}

static struct device_seen device_verify(const struct tree *tree, struct ob_baseline_stats *stats)
{
    struct device_seen seen = {0};
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_baseline_options options = {.threads = 1};
    struct ob_baseline_callbacks callbacks = {.problem = on_device_problem,
                                              .device_change = on_device_change,
                                              .user = &seen};
    assert_int_equal(ob_baseline_verify(ctx, tree->db, NULL, 0, &options, &callbacks, stats),
                     OB_OK);
    ob_context_free(ctx);
    return seen;
}

/* The boot sectors of an image recorded, then a ransom note over its boot
 * code, its partition table edited, and the image gone. */
static void test_baseline__device_boot_sectors_compared(void **state)
{
    (void)state;
    struct tree tree;
    strcpy(tree.folder, "/tmp/oberig-unit-baseline-XXXXXX");
    assert_non_null(mkdtemp(tree.folder));
    snprintf(tree.db, sizeof(tree.db), "%s.db", tree.folder);
    write_file(tree.folder, "doc", "a letter\n", 9);
    write_file(tree.folder, "other", "unchanged\n", 10);
    char image[128];
    snprintf(image, sizeof(image), "%s.img", tree.folder);
    image_write(image, NULL, 0x83);
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    const char *roots[] = {tree.folder}, *devices[] = {image};
    struct ob_baseline_options options = {.threads = 1, .devices = devices, .device_count = 1};
    struct ob_baseline_stats stats;
    assert_int_equal(ob_baseline_create(ctx, tree.db, roots, 1, &options, NULL, &stats), OB_OK);
    assert_int_equal(stats.devices, 1);
    ob_context_free(ctx);

    struct device_seen seen = device_verify(&tree, &stats);
    assert_int_equal(seen.changes, 0);
    assert_int_equal(stats.devices, 1);
    assert_int_equal(stats.findings[OB_LEVEL_ALERT] + stats.findings[OB_LEVEL_WARNING], 0);

    image_write(image,
                "\xfa\xeb\xfeYour files are locked. Send 1 test coin to nobody@example.invalid.",
                0x83);
    seen = device_verify(&tree, &stats);
    assert_int_equal(seen.changes, 1);
    assert_int_equal(seen.reasons, 1u << OB_BASELINE_BOOT_CODE_BAD);
    assert_int_equal(seen.level, OB_LEVEL_ALERT);
    assert_int_equal(seen.before, OB_BOOTREC_CODE_EMPTY);
    assert_int_equal(seen.after, OB_BOOTREC_CODE_KNOWN_BAD);
    assert_true(seen.strings > 0);
    assert_int_equal(stats.devices_found, 1);
    assert_int_equal(stats.counts[OB_BASELINE_BOOT_CODE_BAD], 1);

    image_write(image, NULL, 0x07);
    seen = device_verify(&tree, &stats);
    assert_int_equal(seen.reasons, 1u << OB_BASELINE_PARTITIONS_CHANGED);
    assert_int_equal(seen.level, OB_LEVEL_WARNING);

    assert_int_equal(unlink(image), 0);
    seen = device_verify(&tree, &stats);
    assert_int_equal(seen.changes, 0);
    assert_int_equal(seen.problems, 1);
    assert_int_equal(stats.device_errors, 1);
    assert_int_equal(stats.devices, 0);
    assert_int_equal(stats.errors, 0);
    tree_remove(&tree);
}

/* A device that cannot be read fails create, and nothing is written. */
static void test_baseline__missing_device_fails_create(void **state)
{
    (void)state;
    char folder[] = "/tmp/oberig-unit-baseline-XXXXXX", db[64];
    assert_non_null(mkdtemp(folder));
    snprintf(db, sizeof(db), "%s.db", folder);
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    const char *roots[] = {folder}, *devices[] = {"/nonexistent/oberig-test.img"};
    struct ob_baseline_options options = {.devices = devices, .device_count = 1};
    struct ob_baseline_stats stats;
    assert_int_equal(ob_baseline_create(ctx, db, roots, 1, &options, NULL, &stats),
                     OB_ERR_NOT_FOUND);
    assert_non_null(strstr(ob_context_last_error(ctx), "oberig-test.img"));
    assert_int_equal(access(db, F_OK), -1);
    ob_context_free(ctx);
    rmdir(folder);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline__unchanged_tree_reports_nothing),
        cmocka_unit_test(test_baseline__short_repeating_pattern_is_wiped),
        cmocka_unit_test(test_baseline__constant_before_is_not_wiped),
        cmocka_unit_test(test_baseline__random_over_text_looks_encrypted),
        cmocka_unit_test(test_baseline__device_boot_sectors_compared),
        cmocka_unit_test(test_baseline__missing_device_fails_create),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
