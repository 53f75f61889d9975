/* SPDX-License-Identifier: Apache-2.0 */
/* Boot records: reads the MBR, the GPT header, its partition entries and
 * its backup header, checks their CRCs and classifies the boot code. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/bytes.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/text.h"
#include "oberig/bootrec.h"

#define SECTOR 512
#define GPT_HEADER_MIN 92

/* The known-good list (data/bootrec/known-boot-code.txt), embedded. */
extern const unsigned char integrity_embedded_known_boot_code[];
extern const size_t integrity_embedded_known_boot_code_size;

static const unsigned char efi_part[8] = {'E', 'F', 'I', ' ', 'P', 'A', 'R', 'T'};

const char *ob_bootrec_code_name(enum ob_bootrec_code code)
{
    switch (code) {
    case OB_BOOTREC_CODE_KNOWN_GOOD: return "known-good";
    case OB_BOOTREC_CODE_EMPTY: return "empty";
    case OB_BOOTREC_CODE_UNKNOWN: return "unknown";
    case OB_BOOTREC_CODE_KNOWN_BAD: return "known-bad";
    }
    return "unknown";
}

/* A GPT header's CRC: over header_size bytes with the CRC field as zero. */
static uint32_t gpt_header_crc(const unsigned char *header, uint32_t header_size)
{
    static const unsigned char zero[4] = {0};
    uint32_t crc = core_crc32_update(0, header, 16);
    crc = core_crc32_update(crc, zero, 4);
    return core_crc32_update(crc, header + 20, header_size - 20);
}

/* A mixed-endian GUID as text: 01234567-89ab-cdef-0123-456789abcdef. */
static void guid_text(const unsigned char *g, char out[37])
{
    snprintf(out, 37, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", core_le32(g),
             core_le16(g + 4), core_le16(g + 6), g[8], g[9], g[10], g[11], g[12], g[13], g[14],
             g[15]);
}

/* Appends one code point as UTF-8; returns the new length. */
static size_t put_utf8(char *out, size_t at, uint32_t c)
{
    if (c < 0x80) {
        out[at++] = (char)c;
    } else if (c < 0x800) {
        out[at++] = (char)(0xC0 | c >> 6);
        out[at++] = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out[at++] = (char)(0xE0 | c >> 12);
        out[at++] = (char)(0x80 | (c >> 6 & 0x3F));
        out[at++] = (char)(0x80 | (c & 0x3F));
    } else {
        out[at++] = (char)(0xF0 | c >> 18);
        out[at++] = (char)(0x80 | (c >> 12 & 0x3F));
        out[at++] = (char)(0x80 | (c >> 6 & 0x3F));
        out[at++] = (char)(0x80 | (c & 0x3F));
    }
    return at;
}

/* The GPT partition name (36 UTF-16LE units) as UTF-8 in `out` (109
 * bytes: 36 units give at most 108 bytes); unpaired surrogates become
 * U+FFFD. */
static void gpt_name(const unsigned char *units, char out[109])
{
    size_t at = 0;
    for (size_t i = 0; i < 36; i++) {
        uint32_t c = core_le16(units + 2 * i);
        if (c == 0)
            break;
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < 36) {
            uint32_t low = core_le16(units + 2 * i + 2);
            if (low >= 0xDC00 && low < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                i++;
            } else {
                c = 0xFFFD;
            }
        } else if (c >= 0xD800 && c < 0xE000) {
            c = 0xFFFD;
        }
        at = put_utf8(out, at, c);
    }
    out[at] = '\0';
}

/* The level of a score, with scan's default thresholds. */
static enum ob_level level_of(int score)
{
    return score >= OB_DEFAULT_ALERT_SCORE     ? OB_LEVEL_ALERT
           : score >= OB_DEFAULT_WARNING_SCORE ? OB_LEVEL_WARNING
           : score >= OB_DEFAULT_NOTICE_SCORE  ? OB_LEVEL_NOTICE
                                               : OB_LEVEL_NONE;
}

static void add_finding(struct ob_bootrec *bootrec, enum ob_bootrec_signal signal, ...)
{
    if (bootrec->finding_count >= OB_BOOTREC_MAX_FINDINGS)
        return;
    const struct ob_signal_def *def = &ob_bootrec_signals()->signals[signal];
    struct ob_bootrec_finding *finding = &bootrec->findings[bootrec->finding_count++];
    finding->signal = signal;
    finding->id = def->id;
    finding->score = def->score;
    va_list args;
    va_start(args, signal);
    ob_signal_vexplain(def, finding->explanation, sizeof(finding->explanation), args);
    va_end(args);
    finding->level = level_of(finding->score);
    bootrec->score += finding->score;
}

static bool printable(unsigned char c)
{
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\r' || c == '\n';
}

/* Collects the printable runs of the boot code; returns the longest. */
static size_t extract_text(struct ob_bootrec *bootrec, size_t *longest_at)
{
    size_t at = 0, longest = 0;
    for (size_t i = 0; i < OB_BOOTREC_CODE_SIZE;) {
        size_t end = i;
        while (end < OB_BOOTREC_CODE_SIZE && printable(bootrec->code[end]))
            end++;
        size_t length = end - i;
        if (length >= OB_BOOTREC_MIN_TEXT && bootrec->string_count < OB_BOOTREC_MAX_STRINGS) {
            bootrec->string_offset[bootrec->string_count++] = (uint16_t)at;
            memcpy(bootrec->text + at, bootrec->code + i, length);
            if (length > longest) {
                longest = length;
                *longest_at = at;
            }
            at += length;
            bootrec->text[at++] = '\0';
        }
        i = end == i ? i + 1 : end;
    }
    return longest;
}

/* Zeroes the bytes a "3-103,439" list names, within the hashed area. */
static bool apply_mask(unsigned char *code, const char *mask, size_t length)
{
    const char *p = mask, *end = mask + length;
    while (p < end) {
        char *next;
        unsigned long from = strtoul(p, &next, 10), to = from;
        if (next == p)
            return false;
        if (next < end && *next == '-') {
            p = next + 1;
            to = strtoul(p, &next, 10);
            if (next == p)
                return false;
        }
        if (from > to || to >= OB_BOOTREC_HASHED_SIZE)
            return false;
        memset(code + from, 0, to - from + 1);
        p = next;
        while (p < end && (*p == ',' || *p == ' '))
            p++;
    }
    return true;
}

/* Trims spaces at both ends of [*start, *end). */
static void trim(const char **start, const char **end)
{
    while (*start < *end && (**start == ' ' || **start == '\t'))
        (*start)++;
    while (*end > *start && ((*end)[-1] == ' ' || (*end)[-1] == '\t' || (*end)[-1] == '\r'))
        (*end)--;
}

static void copy_field(char *out, size_t size, const char *start, const char *end)
{
    size_t length = (size_t)(end - start) < size - 1 ? (size_t)(end - start) : size - 1;
    memcpy(out, start, length);
    out[length] = '\0';
}

/* Looks the boot code up in the known-good list; true when found. */
static enum ob_status find_known(struct ob_bootrec *bootrec, struct ob_hasher *hasher, bool *found)
{
    const char *data = (const char *)integrity_embedded_known_boot_code;
    const char *data_end = data + integrity_embedded_known_boot_code_size;
    *found = false;
    for (const char *line = data; line < data_end;) {
        const char *line_end = memchr(line, '\n', (size_t)(data_end - line));
        if (line_end == NULL)
            line_end = data_end;
        const char *fields[4][2];
        size_t count = 0;
        for (const char *p = line; count < 4 && *line != '#';) {
            const char *semicolon = memchr(p, ';', (size_t)(line_end - p));
            const char *field_end = semicolon != NULL ? semicolon : line_end;
            fields[count][0] = p;
            fields[count][1] = field_end;
            trim(&fields[count][0], &fields[count][1]);
            count++;
            if (semicolon == NULL)
                break;
            p = semicolon + 1;
        }
        line = line_end + 1;
        if (count < 3 || fields[0][1] - fields[0][0] != 64)
            continue;
        unsigned char code[OB_BOOTREC_HASHED_SIZE], digest[OB_SHA256_LEN];
        memcpy(code, bootrec->code, sizeof(code));
        if (count == 4 && !apply_mask(code, fields[3][0], (size_t)(fields[3][1] - fields[3][0])))
            continue;
        enum ob_status status = core_hasher_sha256(hasher, code, sizeof(code), digest);
        if (status != OB_OK)
            return status;
        char hex[2 * OB_SHA256_LEN + 1];
        core_hex_encode(digest, sizeof(digest), hex);
        if (memcmp(hex, fields[0][0], 64) == 0) {
            copy_field(bootrec->known_name, sizeof(bootrec->known_name), fields[1][0],
                       fields[1][1]);
            copy_field(bootrec->known_origin, sizeof(bootrec->known_origin), fields[2][0],
                       fields[2][1]);
            *found = true;
            break;
        }
    }
    return OB_OK;
}

static enum ob_status classify_code(struct ob_bootrec *bootrec)
{
    struct ob_hasher *hasher = NULL;
    enum ob_status status = core_hasher_new(&hasher);
    if (status != OB_OK)
        return status;
    unsigned char digest[OB_SHA256_LEN];
    status = core_hasher_sha256(hasher, bootrec->code, OB_BOOTREC_HASHED_SIZE, digest);
    if (status != OB_OK)
        goto out;
    core_hex_encode(digest, sizeof(digest), bootrec->code_sha256);
    size_t longest_at = 0;
    size_t longest = extract_text(bootrec, &longest_at);
    bool empty = true;
    for (size_t i = 0; i < OB_BOOTREC_CODE_SIZE && empty; i++)
        empty = bootrec->code[i] == 0;
    bool known = false;
    if (!empty && (status = find_known(bootrec, hasher, &known)) != OB_OK)
        goto out;
    if (known) {
        bootrec->code_class = OB_BOOTREC_CODE_KNOWN_GOOD;
    } else if (empty) {
        bootrec->code_class = OB_BOOTREC_CODE_EMPTY;
        add_finding(bootrec, OB_BOOTREC_EMPTY, "446");
    } else if (longest >= OB_BOOTREC_RANSOM_TEXT) {
        bootrec->code_class = OB_BOOTREC_CODE_KNOWN_BAD;
        char shown[201];
        copy_field(shown, sizeof(shown), bootrec->text + longest_at,
                   bootrec->text + longest_at + longest);
        add_finding(bootrec, OB_BOOTREC_RANSOM_NOTE, shown);
    } else {
        bootrec->code_class = OB_BOOTREC_CODE_UNKNOWN;
        add_finding(bootrec, OB_BOOTREC_UNKNOWN_CODE, bootrec->code_sha256);
    }
out:
    core_hasher_free(hasher);
    return status;
}

static void parse_mbr(struct ob_bootrec *bootrec, const unsigned char *sector)
{
    memcpy(bootrec->code, sector, OB_BOOTREC_CODE_SIZE);
    bootrec->mbr_signature = sector[510] == 0x55 && sector[511] == 0xAA;
    if (!bootrec->mbr_signature)
        return;
    for (unsigned i = 0; i < 4; i++) {
        const unsigned char *entry = sector + 446 + 16 * i;
        uint32_t start = core_le32(entry + 8), count = core_le32(entry + 12);
        if (entry[4] == 0 || count == 0)
            continue;
        struct ob_bootrec_partition *partition =
            &bootrec->mbr_partitions[bootrec->mbr_partition_count++];
        partition->number = i + 1;
        partition->mbr_type = entry[4];
        partition->bootable = entry[0] == 0x80;
        partition->first_lba = start;
        partition->last_lba = (uint64_t)start + count - 1;
        if (entry[4] == 0xEE)
            bootrec->protective_mbr = true;
    }
}

/* The GPT entries, if they lie within `head`: CRC and the used entries. */
static void parse_gpt_entries(struct ob_bootrec *bootrec, const unsigned char *header,
                              const unsigned char *head, size_t head_length)
{
    uint64_t lba = core_le64(header + 72);
    uint32_t count = core_le32(header + 80), size = core_le32(header + 84);
    uint64_t ss = bootrec->gpt.sector_size;
    bootrec->gpt.entry_count = count;
    if (size < 128 || size > 4096 || count > 65536 || lba == 0 || lba > head_length / ss)
        return;
    uint64_t bytes = (uint64_t)count * size;
    if (lba * ss + bytes > head_length)
        return;
    const unsigned char *entries = head + lba * ss;
    bootrec->gpt.entries_checked = true;
    uint32_t crc = core_crc32_update(0, entries, (size_t)bytes), expected = core_le32(header + 88);
    bootrec->gpt.entries_ok = crc == expected;
    if (!bootrec->gpt.entries_ok) {
        char detail[64];
        snprintf(detail, sizeof(detail), "crc %08x, expected %08x", crc, expected);
        add_finding(bootrec, OB_BOOTREC_GPT_ENTRIES_DAMAGED, detail);
    }
    static const unsigned char unused[16] = {0};
    for (uint32_t i = 0; i < count && bootrec->gpt_partition_count < OB_BOOTREC_MAX_PARTITIONS;
         i++) {
        const unsigned char *entry = entries + (size_t)i * size;
        if (memcmp(entry, unused, 16) == 0)
            continue;
        struct ob_bootrec_partition *partition =
            &bootrec->gpt_partitions[bootrec->gpt_partition_count++];
        partition->number = i + 1;
        guid_text(entry, partition->type_guid);
        partition->first_lba = core_le64(entry + 32);
        partition->last_lba = core_le64(entry + 40);
        gpt_name(entry + 56, partition->name);
    }
}

/* Checks the backup header at the last LBA, if `tail` holds it. */
static void parse_gpt_backup(struct ob_bootrec *bootrec, const unsigned char *tail,
                             size_t tail_length, uint64_t size)
{
    uint64_t ss = bootrec->gpt.sector_size;
    char detail[96];
    if (size / ss < 3) {
        snprintf(detail, sizeof(detail), "disk of %llu bytes too small", (unsigned long long)size);
        add_finding(bootrec, OB_BOOTREC_GPT_BACKUP_DAMAGED, detail);
        return;
    }
    uint64_t last = size / ss - 1;
    uint64_t tail_start = size - tail_length;
    if (tail == NULL || last * ss < tail_start)
        return; /* not read: nothing to say */
    const unsigned char *header = tail + (last * ss - tail_start);
    bootrec->gpt.backup_lba = last;
    if (memcmp(header, efi_part, 8) != 0) {
        snprintf(detail, sizeof(detail), "missing at lba %llu", (unsigned long long)last);
        add_finding(bootrec, OB_BOOTREC_GPT_BACKUP_DAMAGED, detail);
        return;
    }
    bootrec->gpt.backup_found = true;
    uint32_t header_size = core_le32(header + 12);
    if (header_size < GPT_HEADER_MIN || header_size > ss) {
        snprintf(detail, sizeof(detail), "header size %u", header_size);
        add_finding(bootrec, OB_BOOTREC_GPT_BACKUP_DAMAGED, detail);
        return;
    }
    uint32_t crc = gpt_header_crc(header, header_size), expected = core_le32(header + 16);
    bootrec->gpt.backup_ok = crc == expected;
    if (!bootrec->gpt.backup_ok) {
        snprintf(detail, sizeof(detail), "crc %08x, expected %08x", crc, expected);
        add_finding(bootrec, OB_BOOTREC_GPT_BACKUP_DAMAGED, detail);
    }
}

static void parse_gpt(struct ob_bootrec *bootrec, const unsigned char *head, size_t head_length,
                      const unsigned char *tail, size_t tail_length, uint64_t size)
{
    static const uint32_t sizes[] = {512, 4096};
    const unsigned char *header = NULL;
    for (size_t i = 0; i < 2 && header == NULL; i++) {
        if (head_length >= 2 * (size_t)sizes[i] &&
            memcmp(head + sizes[i], efi_part, sizeof(efi_part)) == 0) {
            header = head + sizes[i];
            bootrec->gpt.sector_size = sizes[i];
        }
    }
    char detail[64];
    if (header == NULL) {
        if (bootrec->protective_mbr)
            add_finding(bootrec, OB_BOOTREC_GPT_HEADER_DAMAGED,
                        "no \"EFI PART\" signature at lba 1");
        return;
    }
    bootrec->gpt.present = true;
    uint32_t header_size = core_le32(header + 12);
    if (header_size < GPT_HEADER_MIN || header_size > bootrec->gpt.sector_size) {
        snprintf(detail, sizeof(detail), "header size %u", header_size);
        add_finding(bootrec, OB_BOOTREC_GPT_HEADER_DAMAGED, detail);
        return;
    }
    uint32_t crc = gpt_header_crc(header, header_size), expected = core_le32(header + 16);
    bootrec->gpt.header_ok = crc == expected;
    guid_text(header + 56, bootrec->gpt.disk_guid);
    if (!bootrec->gpt.header_ok) {
        snprintf(detail, sizeof(detail), "crc %08x, expected %08x", crc, expected);
        add_finding(bootrec, OB_BOOTREC_GPT_HEADER_DAMAGED, detail);
    }
    parse_gpt_entries(bootrec, header, head, head_length);
    parse_gpt_backup(bootrec, tail, tail_length, size);
}

enum ob_status ob_bootrec_parse(struct ob_context *ctx, const unsigned char *head,
                                size_t head_length, const unsigned char *tail, size_t tail_length,
                                uint64_t size, struct ob_bootrec **out)
{
    *out = NULL;
    if (head_length < SECTOR || size < head_length || tail_length > size)
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("shorter than one sector (%d bytes): not a disk or disk image"),
                               SECTOR);
    struct ob_bootrec *bootrec = calloc(1, sizeof(*bootrec));
    if (bootrec == NULL)
        return OB_ERR_NOMEM;
    bootrec->size = size;
    parse_mbr(bootrec, head);
    enum ob_status status = classify_code(bootrec);
    if (status != OB_OK) {
        free(bootrec);
        return status;
    }
    if (!bootrec->mbr_signature) {
        bool blank = true;
        for (size_t i = 0; i < SECTOR && blank; i++)
            blank = head[i] == 0;
        if (!blank) {
            char detail[8];
            snprintf(detail, sizeof(detail), "%02X %02X", head[510], head[511]);
            add_finding(bootrec, OB_BOOTREC_NO_SIGNATURE, detail);
        }
    }
    parse_gpt(bootrec, head, head_length, tail, tail_length, size);
    bootrec->level = level_of(bootrec->score);
    *out = bootrec;
    return OB_OK;
}

/* Reads `length` bytes at `offset` in full, retrying short reads. */
static bool read_at(int fd, unsigned char *buffer, size_t length, uint64_t offset)
{
    size_t done = 0;
    while (done < length) {
        ssize_t got = pread(fd, buffer + done, length - done, (off_t)(offset + done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = EIO;
            return false;
        }
        done += (size_t)got;
    }
    return true;
}

enum ob_status ob_bootrec_read(struct ob_context *ctx, const char *path, struct ob_bootrec **out)
{
    *out = NULL;
    unsigned char *head = NULL, *tail = NULL;
    enum ob_status status;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ob_context_fail(ctx, ob_status_from_errno(errno), _("cannot open '%s': %s"), path,
                               strerror(errno));
    off_t end = lseek(fd, 0, SEEK_END);
    if (end < 0) {
        status = ob_context_fail(ctx, ob_status_from_errno(errno), _("cannot read '%s': %s"), path,
                                 strerror(errno));
        goto out;
    }
    uint64_t size = (uint64_t)end;
    if (size < SECTOR) {
        status = ob_context_fail(
            ctx, OB_ERR_PARSE,
            _("'%s' is shorter than one sector (%d bytes): not a disk or disk image"), path,
            SECTOR);
        goto out;
    }
    size_t head_length = size < OB_BOOTREC_HEAD_SIZE ? (size_t)size : OB_BOOTREC_HEAD_SIZE;
    size_t tail_length = size < OB_BOOTREC_TAIL_SIZE ? (size_t)size : OB_BOOTREC_TAIL_SIZE;
    head = malloc(head_length);
    tail = malloc(tail_length);
    if (head == NULL || tail == NULL) {
        status = OB_ERR_NOMEM;
        goto out;
    }
    if (!read_at(fd, head, head_length, 0) || !read_at(fd, tail, tail_length, size - tail_length)) {
        status = ob_context_fail(ctx, ob_status_from_errno(errno), _("cannot read '%s': %s"), path,
                                 strerror(errno));
        goto out;
    }
    status = ob_bootrec_parse(ctx, head, head_length, tail, tail_length, size, out);
out:
    free(head);
    free(tail);
    close(fd);
    return status;
}

void ob_bootrec_free(struct ob_bootrec *bootrec)
{
    free(bootrec);
}
