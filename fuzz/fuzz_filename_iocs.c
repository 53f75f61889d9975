/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: parses the input as a file-name IOC list (which also
 * exercises the regex translation and the YARA compile), then matches paths. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "oberig/indicators.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore_hit(void *user, const struct ob_indicator_ref *hit)
{
    size_t *hits = user;
    if (hit->name == NULL || hit->source == NULL || hit->description == NULL)
        __builtin_trap();
    (*hits)++;
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
    struct ob_filename_matcher *matcher = NULL;
    if (ctx == NULL || ob_indicators_new(&set) != OB_OK)
        goto out;
    if (ob_indicators_parse_filenames(set, ctx, "fuzz", (const char *)data, size) != OB_OK ||
        ob_indicators_finalize(set, ctx) != OB_OK ||
        ob_filename_matcher_new(set, &matcher) != OB_OK)
        goto out;
    size_t hits = 0, failures = 0;
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
        failures += ob_filename_matcher_match(matcher, paths[i], strlen(paths[i]), ignore_hit,
                                              &hits) != OB_OK;
    /* The input itself as a path, up to one path's length. A scan error on
     * hostile input is acceptable; a crash or leak is not. */
    failures += ob_filename_matcher_match(matcher, (const char *)data, size < 4096 ? size : 4096,
                                          ignore_hit, &hits) != OB_OK;
    (void)failures;
out:
    ob_filename_matcher_free(matcher);
    ob_indicators_free(set);
    ob_context_free(ctx);
    return 0;
}
