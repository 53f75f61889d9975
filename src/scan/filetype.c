/* SPDX-License-Identifier: Apache-2.0 */
/* Header-byte file labels (as Loki's filetype external) and disguise checks. */
#include "scan/filetype.h"

#include <ctype.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>

#include "core/bytes.h"

static bool starts_with(const unsigned char *data, size_t length, const char *prefix, size_t n)
{
    return length >= n && memcmp(data, prefix, n) == 0;
}

static bool ext_is(const char *extension, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strcmp(extension, *list) == 0)
            return true;
    return false;
}

/* Finds `needle` case-insensitively in the first line of a script. */
static bool shebang_mentions(const unsigned char *data, size_t length, const char *needle)
{
    size_t end = 0, n = strlen(needle);
    while (end < length && end < 128 && data[end] != '\n')
        end++;
    for (size_t i = 0; i + n <= end; i++)
        if (strncasecmp((const char *)data + i, needle, n) == 0)
            return true;
    return false;
}

/* Skips a UTF-8 byte order mark and leading white space. */
static size_t text_start(const unsigned char *data, size_t length)
{
    size_t i = starts_with(data, length, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < length && i < 256 && isspace(data[i]))
        i++;
    return i;
}

const char *scan_filetype_label(const unsigned char *data, size_t length, const char *extension)
{
    static const char *const php_ext[] = {".php", ".php3", ".php4", ".php5", ".phtml", NULL};
    if (starts_with(data, length, "MZ", 2))
        return "EXE";
    if (starts_with(data, length,
                    "\x7f"
                    "ELF",
                    4))
        return "ELF";
    if (starts_with(data, length, "\xfe\xed\xfa\xce", 4) ||
        starts_with(data, length, "\xfe\xed\xfa\xcf", 4) ||
        starts_with(data, length, "\xce\xfa\xed\xfe", 4) ||
        starts_with(data, length, "\xcf\xfa\xed\xfe", 4) ||
        (starts_with(data, length, "\xca\xfe\xba\xbe", 4) && length >= 8 && data[7] < 0x20))
        return "MACH-O";
    if (starts_with(data, length, "MDMP", 4))
        return "MDMP";
    if (starts_with(data, length, "{\\rt", 4))
        return "RTF";
    if (starts_with(data, length, "%PDF", 4))
        return "PDF";
    if (starts_with(data, length, "PK\x03\x04", 4))
        return "ZIP";
    if (starts_with(data, length, "Rar!\x1a\x07", 6))
        return "RAR";
    if (starts_with(data, length, "7z\xbc\xaf\x27\x1c", 6))
        return "7Z";
    if (starts_with(data, length, "\x1f\x8b", 2))
        return "GZIP";
    if (starts_with(data, length, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
        return "OLE";
    if (starts_with(data, length, "\x89PNG", 4))
        return "PNG";
    if (starts_with(data, length, "\xff\xd8\xff", 3))
        return "JPEG";
    if (starts_with(data, length, "GIF8", 4))
        return "GIF";
    if (starts_with(data, length, "L\0\0\0\x01\x14\x02\0", 8))
        return "LNK";

    size_t t = text_start(data, length);
    const unsigned char *text = data + t;
    size_t rest = length - t;
    if (starts_with(text, rest, "#!", 2)) {
        if (shebang_mentions(text, rest, "python"))
            return "Python";
        if (shebang_mentions(text, rest, "php"))
            return "PHP";
        if (shebang_mentions(text, rest, "pwsh"))
            return "PowerShell";
        return "SHELL";
    }
    if (starts_with(text, rest, "<?php", 5) ||
        (starts_with(text, rest, "<?", 2) && ext_is(extension, php_ext)))
        return "PHP";
    if (starts_with(text, rest, "<%", 2)) {
        if (strcmp(extension, ".jsp") == 0 || strcmp(extension, ".jspx") == 0)
            return "JSP";
        return "ASP";
    }
    /* Scripts without a magic header are known by their extension, as the
     * Windows shell knows them. */
    static const struct {
        const char *ext, *label;
    } by_extension[] = {
        {".vbs", "VBS"},        {".vbe", "VBS"},         {".bat", "BATCH"}, {".cmd", "BATCH"},
        {".ps1", "PowerShell"}, {".psm1", "PowerShell"}, {".py", "Python"}, {".php", "PHP"},
        {".jsp", "JSP"},        {".asp", "ASP"},         {".aspx", "ASP"},  {".sh", "SHELL"},
    };
    for (size_t i = 0; i < sizeof(by_extension) / sizeof(by_extension[0]); i++)
        if (strcmp(extension, by_extension[i].ext) == 0)
            return by_extension[i].label;
    return "";
}

bool scan_filetype_is_executable(const char *label)
{
    return strcmp(label, "EXE") == 0 || strcmp(label, "ELF") == 0 || strcmp(label, "MACH-O") == 0;
}

/* An archive or compressed stream that starts at the first byte. */
static enum ob_archive_kind kind_at_start(const unsigned char *data, size_t length)
{
    if (starts_with(data, length, "PK\x03\x04", 4) || starts_with(data, length, "PK\x05\x06", 4) ||
        starts_with(data, length, "Rar!\x1a\x07", 6) ||
        starts_with(data, length, "7z\xbc\xaf\x27\x1c", 6) ||
        starts_with(data, length, "MSCF\0\0\0\0", 8))
        return OB_ARCHIVE_CONTAINER;
    if (length >= 263 && memcmp(data + 257, "ustar", 5) == 0)
        return OB_ARCHIVE_CONTAINER;
    static const size_t iso_offsets[] = {0x8001, 0x8801, 0x9001};
    for (size_t i = 0; i < 3; i++)
        if (length >= iso_offsets[i] + 5 && memcmp(data + iso_offsets[i], "CD001", 5) == 0)
            return OB_ARCHIVE_CONTAINER;
    if (starts_with(data, length, "\x1f\x8b", 2) || starts_with(data, length, "BZh", 3) ||
        starts_with(data, length,
                    "\xfd"
                    "7zXZ\0",
                    6))
        return OB_ARCHIVE_COMPRESSED_STREAM;
    return OB_ARCHIVE_NONE;
}

void scan_filetype_archive_find(const unsigned char *data, size_t length,
                                struct scan_archive_found *out)
{
    *out = (struct scan_archive_found){.kind = kind_at_start(data, length)};
    if (out->kind != OB_ARCHIVE_NONE)
        return;
    out->offset = scan_filetype_embedded_archive(data, length, out->format, sizeof(out->format));
    if (out->offset > 0)
        out->kind = OB_ARCHIVE_EMBEDDED;
}

enum ob_archive_kind scan_filetype_archive_kind(const unsigned char *data, size_t length)
{
    struct scan_archive_found found;
    scan_filetype_archive_find(data, length, &found);
    return found.kind;
}

#define EOCD_SIZE 22
#define ZIP_COMMENT_MAX 65535

/* The offset of a zip whose end record lies in the last 64 KiB, 0 if none. */
static size_t embedded_zip(const unsigned char *data, size_t length)
{
    if (length < EOCD_SIZE + 30 + 46)
        return 0;
    size_t lowest = length > EOCD_SIZE + ZIP_COMMENT_MAX ? length - EOCD_SIZE - ZIP_COMMENT_MAX : 0;
    size_t end = length - EOCD_SIZE + 1; /* candidates lie below */
    while (end > lowest) {
        const unsigned char *hit = memrchr(data + lowest, 'P', end - lowest);
        if (hit == NULL)
            return 0;
        size_t at = (size_t)(hit - data);
        end = at;
        if (memcmp(hit, "PK\x05\x06", 4) != 0)
            continue;
        if (at + EOCD_SIZE + core_le16(hit + 20) > length)
            continue;
        uint32_t cd_size = core_le32(hit + 12), cd_offset = core_le32(hit + 16);
        if (cd_size < 46 || cd_size > at)
            continue;
        size_t cd = at - cd_size;
        if (memcmp(data + cd, "PK\x01\x02", 4) != 0)
            continue;
        /* Offsets counted from the archive (a stub put in front of it)... */
        if (cd_offset <= cd && memcmp(data + (cd - cd_offset), "PK\x03\x04", 4) == 0)
            return cd - cd_offset;
        /* ... or from the file (a stub added with the offsets adjusted). */
        uint32_t local = core_le32(data + cd + 42);
        if ((size_t)local + 30 <= cd && memcmp(data + local, "PK\x03\x04", 4) == 0)
            return local;
    }
    return 0;
}

/* A 7z signature header at `at`: version 0.x, the start header's CRC, and
 * the next header inside the file. */
static bool is_7z_at(const unsigned char *data, size_t length, size_t at)
{
    if (length - at < 32 || data[at + 6] != 0)
        return false;
    if (core_crc32_update(0, data + at + 12, 20) != core_le32(data + at + 8))
        return false;
    uint64_t next = core_le64(data + at + 12), size = core_le64(data + at + 20);
    uint64_t room = length - at - 32;
    return next <= room && size <= room - next;
}

/* A RAR 4 marker and main header (type 0x73, its CRC), or a RAR 5
 * signature and main header (type 1, its CRC-32), at `at`. */
static bool is_rar_at(const unsigned char *data, size_t length, size_t at)
{
    size_t room = length - at;
    if (room >= 7 + 7 && memcmp(data + at, "Rar!\x1a\x07\x00", 7) == 0) {
        const unsigned char *head = data + at + 7;
        uint32_t size = core_le16(head + 5);
        return head[2] == 0x73 && size >= 7 && size <= room - 7 &&
               (core_crc32_update(0, head + 2, size - 2) & 0xffffu) == core_le16(head);
    }
    if (room >= 8 + 4 + 3 && memcmp(data + at, "Rar!\x1a\x07\x01\x00", 8) == 0) {
        const unsigned char *head = data + at + 8;
        /* header size as a variable-length integer of at most 3 bytes */
        uint32_t size = 0;
        size_t used = 0;
        for (; used < 3; used++) {
            size |= (uint32_t)(head[4 + used] & 0x7f) << (7 * used);
            if ((head[4 + used] & 0x80) == 0)
                break;
        }
        if (used == 3 || size == 0)
            return false;
        used++;
        if (size > room - 8 - 4 - used)
            return false;
        return head[4 + used] == 1 &&
               core_crc32_update(0, head + 4, used + size) == core_le32(head);
    }
    return false;
}

/* The first offset in [1, limit) where `signature` starts and `valid`
 * holds, or 0. */
static size_t find_signed(const unsigned char *data, size_t length, size_t limit,
                          const char *signature, size_t n,
                          bool (*valid)(const unsigned char *, size_t, size_t))
{
    size_t at = 1;
    while (at + n <= limit) {
        const unsigned char *hit = memmem(data + at, limit - at, signature, n);
        if (hit == NULL)
            return 0;
        at = (size_t)(hit - data);
        if (valid(data, length, at))
            return at;
        at++;
    }
    return 0;
}

size_t scan_filetype_embedded_archive(const unsigned char *data, size_t length, char *format,
                                      size_t format_size)
{
    const char *found = NULL;
    size_t at = embedded_zip(data, length);
    if (at > 0)
        found = "zip";
    if (found == NULL && (starts_with(data, length, "MZ", 2) || starts_with(data, length,
                                                                            "\x7f"
                                                                            "ELF",
                                                                            4))) {
        size_t limit = length < SCAN_EMBEDDED_SEARCH ? length : SCAN_EMBEDDED_SEARCH;
        at = find_signed(data, length, limit, "7z\xbc\xaf\x27\x1c", 6, is_7z_at);
        if (at > 0) {
            found = "7z";
        } else {
            at = find_signed(data, length, limit, "Rar!\x1a\x07", 6, is_rar_at);
            if (at > 0)
                found = "RAR";
        }
    }
    if (found == NULL)
        return 0;
    if (format != NULL)
        snprintf(format, format_size, "%s", found);
    return at;
}

void scan_filetype_extension(const char *name, char *out, size_t out_size)
{
    out[0] = '\0';
    const char *dot = strrchr(name, '.');
    if (dot == NULL || dot == name || strchr(dot, '/') != NULL)
        return;
    size_t n = strlen(dot);
    if (n >= out_size || n > 16)
        return;
    for (size_t i = 0; i <= n; i++)
        out[i] = (char)tolower((unsigned char)dot[i]);
}

static const char *const harmless_extensions[] = {
    ".pdf", ".doc",  ".docx", ".xls",  ".xlsx", ".ppt",  ".pptx", ".odt", ".ods",
    ".odp", ".rtf",  ".txt",  ".csv",  ".jpg",  ".jpeg", ".png",  ".gif", ".bmp",
    ".tif", ".tiff", ".webp", ".heic", ".mp3",  ".mp4",  ".m4a",  ".wav", ".avi",
    ".mov", ".mkv",  ".ogg",  ".zip",  ".rar",  ".7z",   NULL};

static const char *const executable_extensions[] = {".exe", ".scr", ".com", ".pif", ".bat", ".cmd",
                                                    ".vbs", ".vbe", ".js",  ".jse", ".wsf", ".wsh",
                                                    ".hta", ".ps1", ".lnk", ".msi", ".jar", ".cpl",
                                                    ".dll", ".iso", ".img", NULL};

static const char *const archive_extensions[] = {".zip",  ".jar",  ".war", ".ear",  ".apk", ".7z",
                                                 ".rar",  ".tar",  ".tgz", ".gz",   ".bz2", ".xz",
                                                 ".zst",  ".cab",  ".iso", ".cpio", ".rpm", ".deb",
                                                 ".docx", ".xlsx", NULL};

bool scan_filetype_is_archive_extension(const char *extension)
{
    return ext_is(extension, archive_extensions);
}

bool scan_filetype_is_harmless_extension(const char *extension)
{
    return ext_is(extension, harmless_extensions);
}

bool scan_filetype_is_executable_extension(const char *extension)
{
    return ext_is(extension, executable_extensions);
}

bool scan_filetype_double_extension(const char *name, char *decoy, size_t decoy_size, char *real,
                                    size_t real_size)
{
    char last[24], inner[24];
    scan_filetype_extension(name, last, sizeof(last));
    if (last[0] == '\0' || !scan_filetype_is_executable_extension(last))
        return false;
    const char *end = strrchr(name, '.');
    /* Spaces or dots before the real extension push it out of view. */
    while (end > name && (end[-1] == ' ' || end[-1] == '.' || end[-1] == '_'))
        end--;
    size_t stem = (size_t)(end - name);
    if (stem == 0 || stem >= 4096)
        return false;
    char head[4096];
    memcpy(head, name, stem);
    head[stem] = '\0';
    scan_filetype_extension(head, inner, sizeof(inner));
    if (inner[0] == '\0' || !scan_filetype_is_harmless_extension(inner))
        return false;
    snprintf(decoy, decoy_size, "%s", inner);
    snprintf(real, real_size, "%s", last);
    return true;
}
