/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: reads the input as a baseline file (SQLite), which must
 * either be refused with a reason or give records sorted by path and
 * devices as create writes them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "integrity/baseline_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* SQLite reads files only: the input goes into a fresh one each time. */
    char path[] = "/tmp/oberig-fuzz-baseline-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    bool written = write(fd, data, size) == (ssize_t)size;
    close(fd);
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    if (written && ctx != NULL) {
        struct integrity_baseline loaded;
        enum ob_status status = integrity_db_read(ctx, path, &loaded);
        if (status != OB_OK && ob_context_last_error(ctx)[0] == '\0')
            __builtin_trap();
        for (size_t i = 0; status == OB_OK && i < loaded.count; i++) {
            const struct ob_baseline_record *record = &loaded.records[i];
            if (record->path == NULL || record->pattern > 16 || record->top_byte > 255 ||
                (i > 0 && strcmp(loaded.records[i - 1].path, record->path) > 0))
                __builtin_trap();
        }
        if (status == OB_OK && loaded.host == NULL)
            __builtin_trap();
        for (size_t i = 0; status == OB_OK && i < loaded.device_count; i++) {
            const struct ob_baseline_device *device = &loaded.devices[i];
            if (device->path == NULL || device->path[0] != '/' ||
                strlen(device->code_sha256) != 64 || strlen(device->table_sha256) != 64 ||
                (unsigned)device->code_class > OB_BOOTREC_CODE_KNOWN_BAD ||
                i >= OB_BASELINE_MAX_DEVICES)
                __builtin_trap();
        }
        integrity_loaded_release(&loaded);
    }
    ob_context_free(ctx);
    unlink(path);
    return 0;
}
