/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: arbitrary bytes opened as an archive and as a compressed
 * stream, then as a whole file through type labelling. */
#include <stddef.h>
#include <stdint.h>

#include "scan/archive_adapter.h"
#include "scan/filetype.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum ob_status on_member(void *user, const char *name, const unsigned char *content,
                                size_t length)
{
    size_t *total = user;
    *total += length;
    /* Members go through the same labelling as files on disk. */
    char extension[24];
    scan_filetype_extension(name, extension, sizeof(extension));
    (void)scan_filetype_label(content, length, extension);
    (void)scan_filetype_archive_kind(content, length);
    return OB_OK;
}

static void on_notice(void *user, const char *name, const char *message, bool is_error)
{
    (void)user;
    (void)name;
    (void)message;
    (void)is_error;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum ob_archive_kind kinds[] = {OB_ARCHIVE_CONTAINER,
                                                 OB_ARCHIVE_COMPRESSED_STREAM};
    for (size_t k = 0; k < 2; k++) {
        struct ob_archive_budget budget = {.entries_left = 1000,
                                           .bytes_left = 64u << 20,
                                           .compressed = size,
                                           .max_ratio = 200,
                                           .max_member = 16u << 20};
        size_t total = 0;
        enum ob_status status = scan_archive_each_member(data, size, kinds[k], "stream", &budget,
                                                         on_member, on_notice, &total);
        (void)status; /* any outcome is fine; crashes and leaks are not */
    }
    (void)scan_filetype_label(data, size, ".jpg");
    return 0;
}
