/* SPDX-License-Identifier: Apache-2.0 */
/* libarchive adapter: the only file that includes archive.h. */
#include "scan/archive_adapter.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "scan/archive_names.h"
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

/* libarchive converts the names it decodes (UTF-16 in 7z and Joliet, UTF-8
 * in pax records, flagged zip names, Info-ZIP Unicode Path fields, RAR5)
 * to the charset of the calling thread's locale, and drops a name it cannot
 * convert: under "C", every name that is not ASCII. So an archive is read
 * under a UTF-8 LC_CTYPE set for this thread alone (uselocale), whatever
 * the process's locale, and those names arrive as UTF-8. Names stored with
 * no charset (a zip without the flag, GNU tar) arrive as their bytes. The
 * callbacks run in the caller's own locale. */
struct reading {
    ob_archive_member_fn member;
    ob_archive_notice_fn notice;
    void *user;
    locale_t utf8;   /* (locale_t)0 when the system has no C.UTF-8 */
    bool made_here;  /* utf8 is this call's own, to free */
    locale_t caller; /* the thread's locale before, to run callbacks in */
};

locale_t scan_archive_locale_new(void)
{
    /* The process's locale with LC_CTYPE alone changed: a message
     * translated while libarchive runs is still in the caller's language. */
    locale_t base = duplocale(LC_GLOBAL_LOCALE);
    if (base == (locale_t)0)
        return (locale_t)0;
    locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", base);
    if (utf8 == (locale_t)0)
        freelocale(base);
    return utf8;
}

void scan_archive_locale_free(locale_t utf8)
{
    if (utf8 != (locale_t)0)
        freelocale(utf8);
}

static void reading_begin(struct reading *reading, locale_t utf8)
{
    reading->made_here = utf8 == (locale_t)0;
    reading->utf8 = reading->made_here ? scan_archive_locale_new() : utf8;
    reading->caller = reading->utf8 ? uselocale(reading->utf8) : (locale_t)0;
}

static void reading_end(struct reading *reading)
{
    if (reading->utf8)
        uselocale(reading->caller);
    if (reading->made_here)
        scan_archive_locale_free(reading->utf8);
}

static void say(struct reading *reading, const char *name, const char *message, bool is_error)
{
    if (reading->utf8)
        uselocale(reading->caller);
    reading->notice(reading->user, name, message, is_error);
    if (reading->utf8)
        uselocale(reading->utf8);
}

static enum ob_status hand_over(struct reading *reading, const char *name,
                                const struct ob_buffer *content)
{
    if (reading->utf8)
        uselocale(reading->caller);
    enum ob_status status = reading->member(reading->user, name, content->data, content->length);
    if (reading->utf8)
        uselocale(reading->utf8);
    return status;
}

/* Sets `out` to the current member's name in UTF-8, or to its bytes where
 * they cannot be decoded (archive_names.c). A zip name stored without a
 * charset is read in a DOS code page unless it is UTF-8; one libarchive
 * could not convert is read from its local header in `data`. A bare
 * compressed stream's member (libarchive calls it "data") takes
 * `stream_name`. Sets *lost, and a stand-in name, when no name can be read
 * or it is too long to hold. */
static enum ob_status member_name(struct archive *reader, struct archive_entry *entry,
                                  const unsigned char *data, size_t length, const char *stream_name,
                                  struct ob_buffer *out, bool *lost)
{
    core_buffer_reset(out, 1 << 16);
    *lost = false;
    int format = archive_format(reader);
    if (format == ARCHIVE_FORMAT_RAW && stream_name != NULL)
        return core_buffer_append_str(out, stream_name);
    bool zip = (format & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP;
    bool dos_code_page = zip;
    const char *name = archive_entry_pathname(entry);
    if (name == NULL)
        name = archive_entry_pathname_utf8(entry); /* RAR5 stores UTF-8 only */
    size_t name_length = name != NULL ? strlen(name) : 0;
    bool flagged = false;
    if (name == NULL && zip &&
        scan_archive_zip_local_name(data, length, (uint64_t)archive_filter_bytes(reader, 0), &name,
                                    &name_length, &flagged))
        dos_code_page = !flagged; /* flagged as UTF-8 but not: shown escaped */
    if (name == NULL) {
        *lost = true;
        return core_buffer_append_str(out, "(name unreadable)");
    }
    enum ob_status status = scan_archive_name_append(out, name, name_length, dos_code_page);
    if (status == OB_ERR_LIMIT) {
        core_buffer_reset(out, 1 << 16);
        *lost = true;
        return core_buffer_append_str(out, "(name too long)");
    }
    return status;
}

enum ob_status scan_archive_each_member(const unsigned char *data, size_t length,
                                        enum ob_archive_kind kind, const char *stream_name,
                                        struct ob_archive_budget *budget,
                                        ob_archive_member_fn member, ob_archive_notice_fn notice,
                                        void *user)
{
    struct reading reading = {.member = member, .notice = notice, .user = user};
    reading_begin(&reading, budget->utf8_locale);
    struct archive *reader = open_reader(data, length, kind);
    if (reader == NULL) {
        say(&reading, NULL, _("cannot open the archive"), false);
        reading_end(&reading);
        return OB_ERR_PARSE;
    }
    if (kind == OB_ARCHIVE_COMPRESSED_STREAM &&
        archive_filter_code(reader, 0) == ARCHIVE_FILTER_NONE) {
        /* No decompressor took it: a file that merely starts like one
         * ("BZh..." text, random bytes after 1f 8b). Read raw, it would
         * be its own single member, again and again to the depth limit. */
        archive_read_free(reader);
        reading_end(&reading);
        return OB_OK;
    }
    struct ob_buffer content, name_buffer;
    core_buffer_init(&content, (size_t)budget->max_member + CHUNK);
    /* A zip name of 64 KiB in a DOS code page is 192 KiB in UTF-8. */
    core_buffer_init(&name_buffer, (size_t)1 << 18);
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
            say(&reading, NULL, message, false);
            status = OB_ERR_PARSE;
            break;
        }
        if (archive_entry_filetype(entry) != AE_IFREG)
            continue;
        bool lost = false;
        status = member_name(reader, entry, data, length, stream_name, &name_buffer, &lost);
        if (status != OB_OK) {
            say(&reading, NULL, _("out of memory"), true);
            break;
        }
        const char *name = core_buffer_str(&name_buffer);
        if (budget->entries_left == 0) {
            say(&reading, NULL,
                _("archive has more members than the limit; the rest were not scanned"), false);
            budget->limit_reached = true;
            status = OB_ERR_LIMIT;
            break;
        }
        budget->entries_left--;
        if (lost)
            say(&reading, name, _("member name cannot be read; its content is still scanned"),
                false);
        if (archive_entry_is_encrypted(entry)) {
            say(&reading, name, _("member is encrypted; not scanned"), false);
            continue;
        }
        if (archive_entry_size_is_set(entry) &&
            (uint64_t)archive_entry_size(entry) > budget->max_member) {
            say(&reading, name, _("member is larger than the maximum file size; not scanned"),
                false);
            budget->limit_reached = true;
            continue;
        }
        const char *why = NULL;
        status = read_member(reader, budget, &allowance, &content, &why);
        if (status == OB_ERR_LIMIT && budget->bytes_left > 0 && !over_ratio(budget)) {
            say(&reading, name, why, false); /* one member too big: skip it only */
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
            say(&reading, name, message, status == OB_ERR_NOMEM);
            if (status == OB_ERR_LIMIT)
                budget->limit_reached = true;
            if (status == OB_ERR_PARSE && content.length > 0)
                (void)hand_over(&reading, name, &content);
            break;
        }
        status = hand_over(&reading, name, &content);
        if (status != OB_OK)
            break;
    }
    core_buffer_release(&name_buffer);
    core_buffer_release(&content);
    archive_read_free(reader);
    reading_end(&reading);
    return status;
}
