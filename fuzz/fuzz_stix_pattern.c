/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: parses the input as a STIX 2.1 pattern and maps the
 * object path of every comparison it finds. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ioc/ioc_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    if (ctx == NULL)
        return 0;
    struct ob_stix_pattern pattern;
    if (ioc_stix_pattern_parse(ctx, (const char *)data, size, &pattern) == OB_OK) {
        /* A parsed pattern has at least one comparison, each with a path
         * "type:property" and a value that fits in the input. */
        if (pattern.count == 0)
            __builtin_trap();
        for (size_t i = 0; i < pattern.count; i++) {
            const struct ob_stix_comparison *comparison = &pattern.comparisons[i];
            if (strchr(comparison->object_path, ':') == NULL || comparison->op_text == NULL ||
                strlen(comparison->value) > size)
                __builtin_trap();
            enum ob_ioc_type type;
            if (ioc_stix_path_type(comparison->object_path, &type) && type >= OB_IOC_TYPE_COUNT)
                __builtin_trap();
        }
        ioc_stix_pattern_release(&pattern);
    } else if (pattern.count != 0 || pattern.comparisons != NULL ||
               ob_context_last_error(ctx)[0] == '\0') {
        __builtin_trap();
    }
    ob_context_free(ctx);
    return 0;
}
