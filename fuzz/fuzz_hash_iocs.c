/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: parses the input as a hash IOC list, then looks it up. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "oberig/indicators.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_indicators *set = NULL;
    if (ctx == NULL || ob_indicators_new(&set) != OB_OK)
        goto out;
    /* Parse the same bytes as an evil list and as a false-positive list. */
    if (ob_indicators_parse_hashes(set, ctx, "fuzz", (const char *)data, size, false) != OB_OK ||
        ob_indicators_parse_hashes(set, ctx, "fuzz-fp", (const char *)data, size, true) != OB_OK ||
        ob_indicators_finalize(set, ctx) != OB_OK)
        goto out;
    struct ob_indicator_counts counts;
    ob_indicators_counts(set, &counts);
    unsigned char digest[32] = {0};
    memcpy(digest, data, size < sizeof(digest) ? size : sizeof(digest));
    for (int kind = 0; kind < OB_HASH_KIND_COUNT; kind++) {
        const struct ob_indicator_ref *ref = ob_indicators_find_hash(set, kind, digest);
        if (ref != NULL && (strlen(ref->name) == 0 || ref->source == NULL))
            __builtin_trap();
        (void)ob_indicators_is_false_positive(set, kind, digest);
        (void)ob_indicators_has_hash_kind(set, kind);
    }
out:
    ob_indicators_free(set);
    ob_context_free(ctx);
    return 0;
}
