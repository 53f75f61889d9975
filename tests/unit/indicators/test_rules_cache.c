/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the compiled-rules cache: warm loads, rebuilds when a rule
 * file's content changes, damaged cache files, and no cache at all. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/cache_file.h"
#include "oberig/indicators.h"

struct fixture {
    char root[64];
    char rules_dir[128];
    char cache_dir[128];
};

struct log_capture {
    size_t warnings, errors;
    char last_warning[1024];
    bool damaged; /* the last scan found a set of the cache damaged */
};

static void capture_log(void *user, enum ob_log_level level, const char *message)
{
    struct log_capture *log = user;
    if (level == OB_LOG_WARNING) {
        log->warnings++;
        snprintf(log->last_warning, sizeof(log->last_warning), "%s", message);
    } else if (level == OB_LOG_ERROR) {
        log->errors++;
    }
}

static void write_text(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    snprintf(f->root, sizeof(f->root), "/tmp/ob-rcache-XXXXXX");
    if (mkdtemp(f->root) == NULL)
        return -1;
    snprintf(f->rules_dir, sizeof(f->rules_dir), "%s/rules", f->root);
    snprintf(f->cache_dir, sizeof(f->cache_dir), "%s/cache", f->root);
    mkdir(f->rules_dir, 0700);
    char path[256];
    snprintf(path, sizeof(path), "%s/a.yar", f->rules_dir);
    write_text(path, "rule find_alpha { strings: $a = \"ALPHA-MARK\" condition: $a }\n");
    snprintf(path, sizeof(path), "%s/b.yar", f->rules_dir);
    write_text(path, "rule find_beta { strings: $b = \"BETA-MARK\" condition: $b and "
                     "filename != \"skip.txt\" }\n");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char command[256];
    snprintf(command, sizeof(command), "rm -rf '%s'", f->root);
    if (system(command) != 0)
        return -1;
    free(f);
    return 0;
}

/* The cache files in the cache folder. */
static size_t cache_files(const struct fixture *f, char *first, size_t size)
{
    DIR *dir = opendir(f->cache_dir);
    if (dir == NULL)
        return 0;
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        if (count++ == 0 && first != NULL)
            snprintf(first, size, "%s/%s", f->cache_dir, entry->d_name);
    }
    closedir(dir);
    return count;
}

struct hits {
    char names[8][64];
    size_t count;
};

static void on_hit(void *user, const struct ob_indicator_ref *hit)
{
    struct hits *hits = user;
    if (hits->count < 8)
        snprintf(hits->names[hits->count++], 64, "%s", hit->name);
}

/* The rule folder, compiled or loaded (with the cache when `cache` is
 * true). */
static struct ob_rules *compile_folder(const struct fixture *f, bool cache, struct ob_context *ctx)
{
    struct ob_rules *rules = NULL;
    assert_int_equal(ob_rules_new(&rules), OB_OK);
    assert_int_equal(ob_rules_set_cache(rules, cache ? f->cache_dir : NULL), OB_OK);
    assert_int_equal(ob_rules_add_path(rules, ctx, f->rules_dir), OB_OK);
    assert_int_equal(ob_rules_compile(rules, ctx, false), OB_OK);
    return rules;
}

/* Loads the rule folder (with the cache when `cache` is true), scans
 * `data`, and says whether the rules came from the cache. */
static bool load_and_scan(const struct fixture *f, bool cache, struct log_capture *log,
                          const char *data, struct hits *hits, struct ob_rules_counts *counts)
{
    struct ob_context *ctx = ob_context_new(capture_log, log);
    struct ob_rules *rules = compile_folder(f, cache, ctx);
    bool from_cache = ob_rules_from_cache(rules);
    if (counts != NULL)
        ob_rules_counts(rules, counts);
    struct ob_rule_scanner *scanner = NULL;
    assert_int_equal(ob_rule_scanner_new(rules, 0, NULL, &scanner), OB_OK);
    struct ob_yara_externals externals = {"file.txt", "/tmp", ".txt", "", ""};
    memset(hits, 0, sizeof(*hits));
    assert_int_equal(ob_rule_scanner_scan(scanner, (const unsigned char *)data, strlen(data),
                                          &externals, NULL, on_hit, hits),
                     OB_OK);
    ob_rule_scanner_free(scanner);
    log->damaged = ob_rules_cache_damaged(rules) != NULL;
    ob_rules_free(rules);
    ob_context_free(ctx);
    return from_cache;
}

static void test_rules_cache__warm_start_loads_the_same_rules(void **state)
{
    struct fixture *f = *state;
    struct log_capture log = {0};
    struct hits cold, warm;
    struct ob_rules_counts cold_counts, warm_counts;
    assert_false(load_and_scan(f, true, &log, "x ALPHA-MARK BETA-MARK", &cold, &cold_counts));
    assert_int_equal(cache_files(f, NULL, 0), 1);
    assert_true(load_and_scan(f, true, &log, "x ALPHA-MARK BETA-MARK", &warm, &warm_counts));
    assert_int_equal(log.warnings, 0);
    assert_int_equal(cold.count, 2);
    assert_int_equal(warm.count, 2);
    assert_string_equal(warm.names[0], cold.names[0]);
    assert_string_equal(warm.names[1], cold.names[1]);
    assert_int_equal(warm_counts.rules, 2);
    assert_int_equal(warm_counts.files_loaded, 2);
    assert_memory_equal(&warm_counts, &cold_counts, sizeof(warm_counts));
}

/* Same size, modification time set back: the change time still moves, so
 * the content is hashed and the rules compiled again. */
static void test_rules_cache__content_change_with_restored_mtime_rebuilds(void **state)
{
    struct fixture *f = *state;
    struct log_capture log = {0};
    struct hits hits;
    char path[256];
    snprintf(path, sizeof(path), "%s/a.yar", f->rules_dir);
    struct timespec old[2] = {{.tv_sec = 1000000000}, {.tv_sec = 1000000000}};
    assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
    assert_false(load_and_scan(f, true, &log, "ALPHA-MARK", &hits, NULL));
    /* Past the time a change could hide in the same timestamp, the cache
     * keeps the files' times and trusts them on the next start. */
    sleep(3);
    assert_true(load_and_scan(f, true, &log, "ALPHA-MARK", &hits, NULL));
    assert_true(load_and_scan(f, true, &log, "ALPHA-MARK", &hits, NULL));
    write_text(path, "rule find_gamma { strings: $a = \"GAMMA-MARK\" condition: $a }\n");
    assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
    assert_false(load_and_scan(f, true, &log, "GAMMA-MARK ALPHA-MARK", &hits, NULL));
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.names[0], "find_gamma");
    /* The rebuilt cache serves the new content. */
    assert_true(load_and_scan(f, true, &log, "GAMMA-MARK", &hits, NULL));
    assert_int_equal(hits.count, 1);
    assert_int_equal(log.warnings, 0);
}

static void test_rules_cache__added_and_removed_files_rebuild(void **state)
{
    struct fixture *f = *state;
    struct log_capture log = {0};
    struct hits hits;
    assert_false(load_and_scan(f, true, &log, "DELTA-MARK", &hits, NULL));
    char path[256];
    snprintf(path, sizeof(path), "%s/c.yar", f->rules_dir);
    write_text(path, "rule find_delta { strings: $a = \"DELTA-MARK\" condition: $a }\n");
    assert_false(load_and_scan(f, true, &log, "DELTA-MARK", &hits, NULL));
    assert_int_equal(hits.count, 1);
    assert_int_equal(unlink(path), 0);
    assert_true(load_and_scan(f, true, &log, "DELTA-MARK", &hits, NULL));
    assert_int_equal(hits.count, 0);
}

/* How the one cache file is damaged. */
enum damage {
    CUT_SHORT,    /* to half its length */
    CHECKED_BYTE, /* a byte of the part the file's SHA-256 covers */
    SET_BYTE,     /* a byte of the first rule set, after that part */
};

/* The length of the file's header and the part its digest covers (a
 * cache file with sets: format 2, see core/cache_file.c). */
#define CACHE_HEADER_SIZE (8 + 4 + 4 + 32 + 32 + 8 + 32 + 8)

static void flip_byte(const char *path, off_t at)
{
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    unsigned char byte;
    assert_int_equal(pread(fd, &byte, 1, at), 1);
    byte ^= 0x5a;
    assert_int_equal(pwrite(fd, &byte, 1, at), 1);
    close(fd);
}

static void damage_cache(const struct fixture *f, enum damage damage)
{
    char path[512];
    assert_int_equal(cache_files(f, path, sizeof(path)), 1);
    struct stat info;
    assert_int_equal(stat(path, &info), 0);
    uint32_t format = 0;
    uint64_t checked = 0;
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(pread(fd, &format, 4, 8), 4);
    assert_int_equal(pread(fd, &checked, 8, CACHE_HEADER_SIZE - 8), 8);
    close(fd);
    assert_int_equal(format, 2);
    assert_true(CACHE_HEADER_SIZE + checked + 100 < (uint64_t)info.st_size);
    if (damage == CUT_SHORT)
        assert_int_equal(truncate(path, info.st_size / 2), 0);
    else if (damage == CHECKED_BYTE)
        flip_byte(path, CACHE_HEADER_SIZE + 2);
    else
        flip_byte(path, (off_t)(CACHE_HEADER_SIZE + checked + 64));
}

static void check_damage_ignored(void **state, enum damage damage)
{
    struct fixture *f = *state;
    struct log_capture log = {0};
    struct hits hits;
    assert_false(load_and_scan(f, true, &log, "ALPHA-MARK", &hits, NULL));
    damage_cache(f, damage);
    assert_false(load_and_scan(f, true, &log, "ALPHA-MARK", &hits, NULL));
    assert_int_equal(log.warnings, 1);
    assert_non_null(strstr(log.last_warning, "is ignored and rebuilt"));
    assert_int_equal(hits.count, 1);
    assert_false(log.damaged);
    /* Rebuilt, and good again. */
    assert_true(load_and_scan(f, true, &log, "ALPHA-MARK", &hits, NULL));
    assert_int_equal(log.warnings, 1);
}

static void test_rules_cache__truncated_cache_ignored_with_a_notice(void **state)
{
    check_damage_ignored(state, CUT_SHORT);
}

static void test_rules_cache__tampered_cache_ignored_with_a_notice(void **state)
{
    check_damage_ignored(state, CHECKED_BYTE);
}

/* Every set of a sound cache file is loaded with its digest holding: the
 * full set, the specialised one (a rule file that imports pe) and the
 * per-file one (content seen before, with the result cache). */
static void test_rules_cache__sound_sets_all_load(void **state)
{
    struct fixture *f = *state;
    char path[256];
    snprintf(path, sizeof(path), "%s/pe.yar", f->rules_dir);
    write_text(path, "import \"pe\"\n"
                     "rule find_gamma { strings: $g = \"GAMMA-MARK\" condition: $g and "
                     "pe.number_of_sections == 0 }\n");
    for (int round = 0; round < 2; round++) {
        struct log_capture log = {0};
        struct ob_context *ctx = ob_context_new(capture_log, &log);
        struct ob_rules *rules = compile_folder(f, true, ctx);
        assert_int_equal(ob_rules_from_cache(rules), round == 1);
        struct ob_rule_cache *results = NULL;
        assert_int_equal(ob_rule_cache_new(64, &results), OB_OK);
        struct ob_rule_scanner *scanner = NULL;
        assert_int_equal(ob_rule_scanner_new(rules, 0, results, &scanner), OB_OK);
        struct ob_yara_externals externals = {"file.txt", "/tmp", ".txt", "", ""};
        static const char *const contents[] = {"text ALPHA-MARK BETA-MARK GAMMA-MARK",
                                               "MZ ALPHA-MARK BETA-MARK GAMMA-MARK"};
        unsigned char key[OB_RULE_CACHE_KEY] = {0};
        for (size_t c = 0; c < 2; c++) {
            key[0] = (unsigned char)c;
            /* The second time the content is known: the per-file set runs. */
            for (int again = 0; again < 2; again++) {
                struct hits hits = {0};
                assert_int_equal(ob_rule_scanner_scan(scanner, (const unsigned char *)contents[c],
                                                      strlen(contents[c]), &externals, key, on_hit,
                                                      &hits),
                                 OB_OK);
                assert_int_equal(hits.count, 2); /* GAMMA needs a real PE */
            }
        }
        ob_rule_scanner_free(scanner);
        ob_rule_cache_free(results);
        assert_null(ob_rules_cache_damaged(rules));
        ob_rules_free(rules);
        ob_context_free(ctx);
        assert_int_equal(log.warnings, 0);
    }
}

/* A rule set is checked when it is first needed, not at the start: the
 * damage is found then, the rules are compiled again from their files with
 * the same hits, and the cache file goes, to be rebuilt at the next start. */
static void test_rules_cache__damaged_set_found_when_needed(void **state)
{
    struct fixture *f = *state;
    struct log_capture log = {0};
    struct hits hits;
    assert_false(load_and_scan(f, true, &log, "ALPHA-MARK BETA-MARK", &hits, NULL));
    assert_int_equal(hits.count, 2);
    assert_false(log.damaged);
    damage_cache(f, SET_BYTE);
    assert_true(load_and_scan(f, true, &log, "ALPHA-MARK BETA-MARK", &hits, NULL));
    assert_true(log.damaged);
    assert_int_equal(log.warnings, 0);
    assert_int_equal(hits.count, 2);
    assert_string_equal(hits.names[0], "find_alpha");
    assert_string_equal(hits.names[1], "find_beta");
    assert_int_equal(cache_files(f, NULL, 0), 0);
    assert_false(load_and_scan(f, true, &log, "ALPHA-MARK", &hits, NULL));
    assert_false(log.damaged);
    assert_true(load_and_scan(f, true, &log, "ALPHA-MARK", &hits, NULL));
    assert_false(log.damaged);
    assert_int_equal(hits.count, 1);
    assert_int_equal(log.warnings, 0);
}

static void test_rules_cache__no_cache_writes_nothing(void **state)
{
    struct fixture *f = *state;
    struct log_capture log = {0};
    struct hits hits;
    assert_false(load_and_scan(f, false, &log, "ALPHA-MARK", &hits, NULL));
    assert_false(load_and_scan(f, false, &log, "ALPHA-MARK", &hits, NULL));
    assert_int_equal(hits.count, 1);
    struct stat info;
    assert_int_not_equal(stat(f->cache_dir, &info), 0);
}

static void test_rules_cache__broken_file_reported_again_from_cache(void **state)
{
    struct fixture *f = *state;
    char path[256];
    snprintf(path, sizeof(path), "%s/broken.yar", f->rules_dir);
    write_text(path, "rule broken { condition: no_such_thing }\n");
    struct log_capture cold = {0}, warm = {0};
    struct hits hits;
    struct ob_rules_counts counts;
    assert_false(load_and_scan(f, true, &cold, "ALPHA-MARK", &hits, &counts));
    assert_int_equal(cold.errors, 1);
    assert_int_equal(counts.files_failed, 1);
    assert_true(load_and_scan(f, true, &warm, "ALPHA-MARK", &hits, &counts));
    assert_int_equal(warm.errors, 1);
    assert_int_equal(counts.files_failed, 1);
    assert_int_equal(counts.files_loaded, 2);
    assert_int_equal(hits.count, 1);
    /* --strict still stops at the broken file, cache or not. */
    struct log_capture strict_log = {0};
    struct ob_context *ctx = ob_context_new(capture_log, &strict_log);
    struct ob_rules *rules = NULL;
    assert_int_equal(ob_rules_new(&rules), OB_OK);
    assert_int_equal(ob_rules_set_cache(rules, f->cache_dir), OB_OK);
    assert_int_equal(ob_rules_add_path(rules, ctx, f->rules_dir), OB_OK);
    assert_int_equal(ob_rules_compile(rules, ctx, true), OB_ERR_RULES);
    assert_false(ob_rules_from_cache(rules));
    assert_int_equal(strict_log.warnings, 0);
    ob_rules_free(rules);
    ob_context_free(ctx);
}

static void test_rules_cache__foreign_file_is_not_read(void **state)
{
    struct fixture *f = *state;
    char path[256];
    snprintf(path, sizeof(path), "%s/foreign.cache", f->root);
    write_text(path, "YARA this is not a cache file at all, only some text that is long "
                     "enough to hold a header of one hundred and twenty bytes or more, so "
                     "the check is on the magic and not on the size");
    struct core_cache_file file = {0};
    struct core_cache_header header;
    const unsigned char *payload = NULL;
    size_t length = 0;
    const char *reason = NULL;
    assert_int_equal(core_cache_read(path, 1 << 20, &file, &header, &payload, &length, &reason),
                     OB_ERR_PARSE);
    assert_non_null(reason);
    assert_null(payload);
    core_cache_file_release(&file);
    snprintf(path, sizeof(path), "%s/missing.cache", f->root);
    assert_int_equal(core_cache_read(path, 1 << 20, &file, &header, &payload, &length, &reason),
                     OB_ERR_NOT_FOUND);
    core_cache_file_release(&file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rules_cache__warm_start_loads_the_same_rules, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_rules_cache__content_change_with_restored_mtime_rebuilds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rules_cache__added_and_removed_files_rebuild, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rules_cache__truncated_cache_ignored_with_a_notice,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_rules_cache__tampered_cache_ignored_with_a_notice,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_rules_cache__sound_sets_all_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rules_cache__damaged_set_found_when_needed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_rules_cache__no_cache_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rules_cache__broken_file_reported_again_from_cache,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_rules_cache__foreign_file_is_not_read, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
