/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the input is a rule file given to oberig, as
 * `--rules` or `ioc import` gives it: queued, read for the per-file
 * externals, compiled (an include is never followed), kept in the
 * compiled-rules cache, and run over a small file with the result cache.
 * A second rule set then loads the same file from the cache: it must count
 * the same rules and find the same matches; a third finds the cache file
 * damaged (cut short) and must rebuild it, never trust it; a fourth loads
 * a set changed after the part the file's own digest covers, and must
 * find that by the set's digest and compile the rules again. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/walk.h"
#include "oberig/indicators.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RULES_MAX ((size_t)64 << 10)

static void count_hit(void *user, const struct ob_indicator_ref *hit)
{
    if (hit->name == NULL || hit->source == NULL)
        __builtin_trap();
    ++*(size_t *)user;
}

/* Loads `path` with the cache in `cache_dir`, and scans a fixed text twice
 * (the second time answered by the result cache). Returns false when the
 * rules do not load; *rules and *hits say what they held and found. */
static bool run_once(const char *path, const char *cache_dir, size_t *rule_count, size_t *hits)
{
    static const unsigned char text[] = "MZ\x90\0This program cannot be run in DOS mode.\r\n"
                                        "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR"
                                        "<?php eval($_POST['x']); ?> cmd.exe /c whoami";
    static const unsigned char key[OB_RULE_CACHE_KEY] = {1, 2, 3};
    struct ob_yara_externals externals = {"a.php", "/srv/www/a.php", "php", "PHP script", "www"};
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_rules *rules = NULL;
    struct ob_rule_cache *cache = NULL;
    struct ob_rule_scanner *scanner = NULL;
    bool loaded = false;
    *rule_count = *hits = 0;
    if (ctx == NULL || ob_rules_new(&rules) != OB_OK ||
        ob_rules_set_cache(rules, cache_dir) != OB_OK ||
        ob_rules_add_path(rules, ctx, path) != OB_OK ||
        ob_rules_compile(rules, ctx, false) != OB_OK)
        goto out;
    struct ob_rules_counts counts;
    ob_rules_counts(rules, &counts);
    *rule_count = counts.rules;
    loaded = true;
    if (ob_rule_cache_new(16, &cache) != OB_OK ||
        ob_rule_scanner_new(rules, 2, cache, &scanner) != OB_OK)
        goto out;
    size_t first = 0, second = 0;
    enum ob_status a = ob_rule_scanner_scan(scanner, text, sizeof(text) - 1, &externals, key,
                                            count_hit, &first);
    enum ob_status b = ob_rule_scanner_scan(scanner, text, sizeof(text) - 1, &externals, key,
                                            count_hit, &second);
    if (a == OB_OK && b == OB_OK && first != second)
        __builtin_trap(); /* the result cache changed a result */
    *hits = first;
out:
    ob_rule_scanner_free(scanner);
    ob_rule_cache_free(cache);
    ob_rules_free(rules);
    ob_context_free(ctx);
    return loaded;
}

/* Cuts every cache file in `dir` to half its size, or changes its last
 * byte: in a saved rule set, checked only when that set is loaded. */
static void damage_cache(const char *dir, bool cut)
{
    char **names = NULL;
    size_t count = 0;
    if (core_folder_names(dir, 64, &names, &count) != OB_OK)
        return;
    for (size_t i = 0; i < count; i++) {
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        int fd = open(path, O_RDWR);
        if (fd < 0)
            continue;
        off_t end = lseek(fd, 0, SEEK_END);
        unsigned char last = 0;
        if (end > 0 && cut && ftruncate(fd, end / 2) != 0)
            __builtin_trap();
        if (end > 0 && !cut && pread(fd, &last, 1, end - 1) == 1) {
            last ^= 0x5a;
            if (pwrite(fd, &last, 1, end - 1) != 1)
                __builtin_trap();
        }
        close(fd);
    }
    core_folder_names_free(names, count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > RULES_MAX)
        return 0;
    char root[] = "/tmp/fuzz_yara_rules_XXXXXX";
    if (mkdtemp(root) == NULL)
        return 0;
    char path[256], cache[256];
    snprintf(path, sizeof(path), "%s/rules.yar", root);
    snprintf(cache, sizeof(cache), "%s/cache", root);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    bool written = fd >= 0 && write(fd, data, size) == (ssize_t)size;
    if (fd >= 0)
        close(fd);
    if (written) {
        size_t rules[4], hits[4];
        bool loaded = run_once(path, cache, &rules[0], &hits[0]);
        /* From the cache, then from a damaged cache (cut short, then a
         * set changed): the same. */
        if (run_once(path, cache, &rules[1], &hits[1]) != loaded || rules[1] != rules[0] ||
            hits[1] != hits[0])
            __builtin_trap();
        damage_cache(cache, true);
        if (run_once(path, cache, &rules[2], &hits[2]) != loaded || rules[2] != rules[0] ||
            hits[2] != hits[0])
            __builtin_trap();
        damage_cache(cache, false);
        if (run_once(path, cache, &rules[3], &hits[3]) != loaded || rules[3] != rules[0] ||
            hits[3] != hits[0])
            __builtin_trap();
    }
    core_remove_tree(root);
    return 0;
}
