/* SPDX-License-Identifier: Apache-2.0 */
/* libarchive adapter: the only file that includes archive.h. */
#include "scan/archive_adapter.h"

#include <stdio.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "core/i18n.h"

#define CHUNK (64 * 1024)
/* Bombs are judged only once they expand past this, so small, highly
 * compressible archives (a text file of spaces) are not called bombs. */
#define RATIO_FLOOR ((uint64_t)8 << 20)

static struct archive *open_reader(const unsigned char *data, size_t length,
                                   enum ob_archive_kind kind)
{
    struct archive *reader = archive_read_new();
    if (reader == NULL)
        return NULL;
    archive_read_support_filter_all(reader);
    if (kind == OB_ARCHIVE_CONTAINER) {
        archive_read_support_format_zip(reader);
        archive_read_support_format_7zip(reader);
        archive_read_support_format_rar(reader);
        archive_read_support_format_rar5(reader);
        archive_read_support_format_tar(reader);
        archive_read_support_format_iso9660(reader);
        archive_read_support_format_cab(reader);
    } else {
        /* A compressed stream is opened as one bare member; a tar inside it
         * is then recognised and opened as a nested archive. Offering tar
         * here would misread a stream that starts with zero bytes as an
         * empty tar and hide its content. */
        archive_read_support_format_raw(reader);
    }
    if (archive_read_open_memory(reader, data, length) != ARCHIVE_OK) {
        archive_read_free(reader);
        return NULL;
    }
    return reader;
}

static bool over_ratio(const struct ob_archive_budget *budget)
{
    uint64_t base = budget->compressed > 0 ? budget->compressed : 1;
    return budget->expanded > RATIO_FLOOR && budget->expanded / base > budget->max_ratio;
}

/* Reads the current member into `content`. Bytes count against the budget
 * only beyond `*allowance`, the size of the archive itself: members of a tar
 * held in memory were already counted when the tar was expanded. Returns
 * OB_ERR_LIMIT when the member or the budget would be exceeded. */
static enum ob_status read_member(struct archive *reader, struct ob_archive_budget *budget,
                                  uint64_t *allowance, struct ob_buffer *content, const char **why)
{
    core_buffer_reset(content, (size_t)16 << 20);
    for (;;) {
        if (content->length > budget->max_member) {
            *why = _("member is larger than the maximum file size; not scanned");
            return OB_ERR_LIMIT;
        }
        enum ob_status status = core_buffer_reserve(content, CHUNK);
        if (status == OB_ERR_LIMIT) {
            *why = _("member is larger than the maximum file size; not scanned");
            return status;
        }
        if (status != OB_OK) {
            *why = _("out of memory");
            return status;
        }
        la_ssize_t n = archive_read_data(reader, content->data + content->length, CHUNK);
        if (n == 0)
            return OB_OK;
        if (n < 0) {
            *why = archive_error_string(reader);
            return OB_ERR_PARSE;
        }
        content->length += (size_t)n;
        uint64_t counted = (uint64_t)n;
        if (*allowance >= counted) {
            *allowance -= counted;
            continue;
        }
        counted -= *allowance;
        *allowance = 0;
        budget->expanded += counted;
        if (counted > budget->bytes_left) {
            budget->bytes_left = 0;
            *why = _("archive expands past the limit on total bytes; the rest was not scanned");
            return OB_ERR_LIMIT;
        }
        budget->bytes_left -= counted;
        if (over_ratio(budget)) {
            *why = _("archive expands far more than its size (a possible archive bomb); "
                     "the rest was not scanned");
            return OB_ERR_LIMIT;
        }
    }
}

enum ob_status scan_archive_each_member(const unsigned char *data, size_t length,
                                        enum ob_archive_kind kind, const char *stream_name,
                                        struct ob_archive_budget *budget,
                                        ob_archive_member_fn member, ob_archive_notice_fn notice,
                                        void *user)
{
    struct archive *reader = open_reader(data, length, kind);
    if (reader == NULL) {
        notice(user, NULL, _("cannot open the archive"), false);
        return OB_ERR_PARSE;
    }
    struct ob_buffer content;
    core_buffer_init(&content, (size_t)budget->max_member + CHUNK);
    uint64_t allowance = budget->compressed == 0 ? 0 : length;
    enum ob_status status = OB_OK;
    struct archive_entry *entry;
    for (;;) {
        int result = archive_read_next_header(reader, &entry);
        if (result == ARCHIVE_EOF)
            break;
        if (result < ARCHIVE_WARN) {
            char message[512];
            /* TRANSLATORS: %s is libarchive's own message, in English. */
            snprintf(message, sizeof(message), _("archive is damaged: %s"),
                     archive_error_string(reader) ? archive_error_string(reader) : _("unknown"));
            notice(user, NULL, message, false);
            status = OB_ERR_PARSE;
            break;
        }
        if (archive_entry_filetype(entry) != AE_IFREG)
            continue;
        const char *name = archive_entry_pathname(entry);
        if (name == NULL || strcmp(name, "data") == 0)
            name = (name == NULL || archive_format(reader) == ARCHIVE_FORMAT_RAW) && stream_name
                       ? stream_name
                       : (name ? name : "(unnamed)");
        if (budget->entries_left == 0) {
            notice(user, NULL,
                   _("archive has more members than the limit; the rest were not scanned"), false);
            budget->limit_reached = true;
            status = OB_ERR_LIMIT;
            break;
        }
        budget->entries_left--;
        if (archive_entry_is_encrypted(entry)) {
            notice(user, name, _("member is encrypted; not scanned"), false);
            continue;
        }
        if (archive_entry_size_is_set(entry) &&
            (uint64_t)archive_entry_size(entry) > budget->max_member) {
            notice(user, name, _("member is larger than the maximum file size; not scanned"),
                   false);
            budget->limit_reached = true;
            continue;
        }
        const char *why = NULL;
        status = read_member(reader, budget, &allowance, &content, &why);
        if (status == OB_ERR_LIMIT && budget->bytes_left > 0 && !over_ratio(budget)) {
            notice(user, name, why, false); /* one member too big: skip it only */
            budget->limit_reached = true;
            status = OB_OK;
            continue;
        }
        if (status != OB_OK) {
            char message[512];
            const char *reason = why ? why : ob_strerror(status);
            if (status == OB_ERR_PARSE)
                snprintf(message, sizeof(message), _("archive is damaged: %s"), reason);
            else
                snprintf(message, sizeof(message), "%s", reason);
            notice(user, name, message, status == OB_ERR_NOMEM);
            if (status == OB_ERR_LIMIT)
                budget->limit_reached = true;
            if (status == OB_ERR_PARSE && content.length > 0)
                (void)member(user, name, content.data, content.length);
            break;
        }
        status = member(user, name, content.data, content.length);
        if (status != OB_OK)
            break;
    }
    core_buffer_release(&content);
    archive_read_free(reader);
    return status;
}
