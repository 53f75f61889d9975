/* SPDX-License-Identifier: Apache-2.0 */
/* Content-type labels from header bytes, and the checks for disguised files. */
#ifndef OB_SCAN_FILETYPE_H
#define OB_SCAN_FILETYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buffer.h"
#include "oberig/core.h"

/* OB_ARCHIVE_EMBEDDED: a zip, 7z or RAR archive that starts after other
 * bytes (a self-extractor's program, junk); the values are kept in the scan
 * state, so new kinds go at the end. */
enum ob_archive_kind {
    OB_ARCHIVE_NONE,
    OB_ARCHIVE_CONTAINER,
    OB_ARCHIVE_COMPRESSED_STREAM,
    OB_ARCHIVE_EMBEDDED
};

/* The label that Loki/THOR give the YARA external `filetype`: "EXE", "ELF",
 * "MACH-O", "MDMP", "RTF", "PDF", "ZIP", "PHP", "JSP", "ASP", "Python",
 * "VBS", "BATCH", "PowerShell", "SHELL" ... or "" when unknown. Decided from
 * the first bytes, with the (lower-case) extension breaking ties for
 * scripts. Returns a static string. */
const char *scan_filetype_label(const unsigned char *data, size_t length, const char *extension);

/* True for labels of native executables (EXE, ELF, MACH-O). */
bool scan_filetype_is_executable(const char *label);

/* What archive the bytes hold, and where. */
struct scan_archive_found {
    enum ob_archive_kind kind;
    size_t offset;  /* OB_ARCHIVE_EMBEDDED: where the archive starts; else 0 */
    char format[8]; /* OB_ARCHIVE_EMBEDDED: "zip", "7z" or "RAR"; else "" */
};

/* Whether the bytes start an archive or compressed stream that libarchive
 * can open (zip, 7z, rar, tar, gzip, bzip2, xz, iso9660, cab), or hold one
 * after other bytes (see scan_filetype_embedded_archive). One call per
 * file: the search for an embedded archive reads up to 8 MiB. */
void scan_filetype_archive_find(const unsigned char *data, size_t length,
                                struct scan_archive_found *out);

/* The kind alone, as scan_filetype_archive_find gives it. */
enum ob_archive_kind scan_filetype_archive_kind(const unsigned char *data, size_t length);

/* Finds an archive that does not start at the first byte, the way its
 * readers find it: a zip by its end-of-central-directory record in the last
 * 64 KiB + 22 bytes (its central directory and first local header must be
 * where the record says, with offsets counted from the archive or from the
 * file); after a program's header (MZ, ELF), a 7z or RAR archive in the
 * first SCAN_EMBEDDED_SEARCH bytes whose header checksum holds (the shape of
 * a self-extracting archive). Returns the archive's offset and writes its
 * format ("zip", "7z", "RAR") into `format` (may be NULL), or returns 0
 * when there is none or the archive starts at byte 0. */
#define SCAN_EMBEDDED_SEARCH ((size_t)8 << 20)
size_t scan_filetype_embedded_archive(const unsigned char *data, size_t length, char *format,
                                      size_t format_size);

/* Writes the lower-case extension of `name` with its dot (".pdf") into
 * `out`, or "" when there is none or it is implausibly long. */
void scan_filetype_extension(const char *name, char *out, size_t out_size);

/* True for extensions of documents, pictures, media and plain text: names
 * a frightened user would open without thinking of running a program. */
bool scan_filetype_is_harmless_extension(const char *extension);

/* True for extensions Windows runs when the file is opened. */
bool scan_filetype_is_executable_extension(const char *extension);

/* True for extensions of archives and packages (".zip", ".7z", ".tgz",
 * ".deb", ...). Only a hint (the walker queues such files first): what is
 * opened as an archive is decided by the content. */
bool scan_filetype_is_archive_extension(const char *extension);

/* If `name` (a base name) hides its real extension behind a harmless one,
 * "invoice.pdf.exe" or "photo.jpg      .scr", writes the harmless one and the
 * real one and returns true. */
bool scan_filetype_double_extension(const char *name, char *decoy, size_t decoy_size, char *real,
                                    size_t real_size);

#endif
