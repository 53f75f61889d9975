/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: imports the input as a STIX 2.1 bundle into a batch. */
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
    struct ob_ioc_batch batch;
    ob_ioc_batch_init(&batch, ctx);
    if (ob_ioc_batch_set_file(&batch, "fuzz.stix2", "fuzz") != OB_OK)
        goto out;
    /* Once with the campaigns from the bundle, once with an override. */
    for (int pass = 0; pass < 2; pass++) {
        enum ob_status status =
            ob_ioc_import_stix(&batch, (const char *)data, size, pass ? "override" : NULL);
        if (status != OB_OK && ob_context_last_error(ctx)[0] == '\0')
            __builtin_trap();
    }
    for (size_t i = 0; i < batch.count; i++)
        if (batch.records[i].type >= OB_IOC_TYPE_COUNT || batch.records[i].value[0] == '\0')
            __builtin_trap();
out:
    ob_ioc_batch_release(&batch);
    ob_context_free(ctx);
    return 0;
}
