/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: reads the input as a cache file (core_cache_read, and
 * core_cache_read_checked for a digest over a first part only), which must
 * either be refused with a reason or give a payload inside the file of the
 * length its header says; then reads the input as the indicator store
 * cache's payload, which a digest does not make trustworthy. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/cache_file.h"
#include "ioc/ioc_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/oberig-fuzz-cache-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    bool written = write(fd, data, size) == (ssize_t)size;
    close(fd);
    if (written) {
        struct core_cache_file file = {0};
        struct core_cache_header header;
        const unsigned char *payload = NULL;
        size_t length = 0;
        const char *reason = NULL;
        enum ob_status status = core_cache_read(path, (size_t)1 << 20, &file, &header, &payload,
                                                &length, &reason);
        if (status == OB_ERR_PARSE && reason == NULL)
            __builtin_trap();
        if (status == OB_OK) {
            const unsigned char *base = file.base;
            if (payload < base || payload + length > base + file.size)
                __builtin_trap();
            (void)ioc_scan_set_payload_fits(payload, length);
        }
        core_cache_file_release(&file);
        /* A file whose digest covers only a first part of the payload. */
        size_t checked = 0;
        status = core_cache_read_checked(path, (size_t)1 << 20, &file, &header, &payload, &length,
                                         &checked, &reason);
        if (status == OB_ERR_PARSE && reason == NULL)
            __builtin_trap();
        if (status == OB_OK) {
            const unsigned char *base = file.base;
            if (payload < base || payload + length > base + file.size || checked > length)
                __builtin_trap();
        }
        core_cache_file_release(&file);
    }
    unlink(path);
    (void)ioc_scan_set_payload_fits(data, size);
    return 0;
}
