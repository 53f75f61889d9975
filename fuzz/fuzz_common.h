/* SPDX-License-Identifier: Apache-2.0 */
/* What several fuzz targets share, header-only so each target stays one .c
 * file: a log callback that drops everything, and an import of the input
 * into a batch with the checks every import promises. */
#ifndef OB_FUZZ_COMMON_H
#define OB_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "ioc/ioc_internal.h"

static inline void fuzz_quiet(void *user, enum ob_log_level level, const char *message)
{
    (void)user;
    (void)level;
    (void)message;
}

/* Traps unless a failed import says why in the batch's context, and every
 * record kept has a known type, a value, a campaign and a description. */
static inline void fuzz_check_batch(const struct ob_ioc_batch *batch, enum ob_status status)
{
    if (status != OB_OK && ob_context_last_error(batch->ctx)[0] == '\0')
        __builtin_trap();
    for (size_t i = 0; i < batch->count; i++) {
        const struct ob_ioc_record *record = &batch->records[i];
        if (record->type >= OB_IOC_TYPE_COUNT || record->value[0] == '\0' ||
            record->campaign == NULL || record->description == NULL)
            __builtin_trap();
    }
}

/* Imports the input, as if read from the file `name`, into a fresh batch
 * with `import` and checks the batch. */
static inline void fuzz_import(const char *name,
                               enum ob_status (*import)(struct ob_ioc_batch *batch,
                                                        const char *text, size_t length),
                               const uint8_t *data, size_t size)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    if (ctx == NULL)
        return;
    struct ob_ioc_batch batch;
    ioc_batch_init(&batch, ctx);
    if (ioc_batch_set_file(&batch, name, "fuzz") == OB_OK)
        fuzz_check_batch(&batch, import(&batch, (const char *)data, size));
    ioc_batch_release(&batch);
    ob_context_free(ctx);
}

#endif
