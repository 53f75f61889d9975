/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: parses the input as a file-name IOC list (which also
 * exercises the regex parse, the automaton compile and the literal gate),
 * then matches paths with and without the gate, which must give the same
 * hits; the list is also read without a set. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "indicators/ioc_internal.h"
#include "oberig/indicators.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count_hit(void *user, const struct ob_indicator_ref *hit)
{
    size_t *hits = user;
    if (hit->name == NULL || hit->source == NULL || hit->description == NULL)
        __builtin_trap();
    (*hits)++;
}

static enum ob_status check_entry(void *user, const struct ob_indicator_entry *entry)
{
    (void)user;
    if (entry->kind != OB_INDICATOR_PATH_PATTERN || entry->value == NULL ||
        entry->description == NULL || entry->line == 0)
        __builtin_trap();
    return OB_OK;
}

/* Hits of `path` through the gated and the ungated matcher; a scan error on
 * hostile input is acceptable, a crash, a leak or a difference is not. */
static void match_both(struct ob_filename_matcher *gated, struct ob_filename_matcher *plain,
                       const char *path, size_t length)
{
    size_t gated_hits = 0, plain_hits = 0;
    if (ob_filename_matcher_match(gated, path, length, count_hit, &gated_hits) != OB_OK ||
        ob_filename_matcher_match(plain, path, length, count_hit, &plain_hits) != OB_OK)
        return;
    if (gated_hits != plain_hits)
        __builtin_trap(); /* the gate hid a match */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const paths[] = {
        "/mnt/win/Windows/Temp/svchost.exe",
        "C:\\Users\\Public\\AppData\\Roaming\\x.exe",
        "/dev/shm/.x",
    };
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_indicators *set = NULL;
    struct ob_filename_matcher *gated = NULL, *plain = NULL;
    if (ctx == NULL || ob_indicators_new(&set) != OB_OK)
        goto out;
    enum ob_status read = ob_indicator_list_read(OB_INDICATOR_PATH_PATTERN, ctx, "fuzz",
                                                 (const char *)data, size, check_entry, NULL);
    if (read != OB_OK && read != OB_ERR_NOMEM)
        __builtin_trap();
    if (ob_indicators_parse_filenames(set, ctx, "fuzz", (const char *)data, size) != OB_OK ||
        ob_indicators_finalize(set, ctx) != OB_OK ||
        ob_filename_matcher_new(set, &gated) != OB_OK ||
        ob_filename_matcher_new(set, &plain) != OB_OK)
        goto out;
    indicators_filename_matcher_use_gate(plain, false);
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
        match_both(gated, plain, paths[i], strlen(paths[i]));
    /* The input itself as a path, up to one path's length, and each of
     * its lines, so a pattern meets text made to match it. */
    match_both(gated, plain, (const char *)data, size < 4096 ? size : 4096);
    const char *line = (const char *)data, *end = line + size;
    while (line < end) {
        const char *newline = memchr(line, '\n', (size_t)(end - line));
        const char *stop = newline != NULL ? newline : end;
        if (stop - line < 4096)
            match_both(gated, plain, line, (size_t)(stop - line));
        line = stop + 1;
    }
out:
    ob_filename_matcher_free(gated);
    ob_filename_matcher_free(plain);
    ob_indicators_free(set);
    ob_context_free(ctx);
    return 0;
}
