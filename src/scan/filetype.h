/* SPDX-License-Identifier: Apache-2.0 */
/* Content-type labels from header bytes, and the checks for disguised files. */
#ifndef OB_SCAN_FILETYPE_H
#define OB_SCAN_FILETYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buffer.h"
#include "oberig/core.h"

enum ob_archive_kind { OB_ARCHIVE_NONE, OB_ARCHIVE_CONTAINER, OB_ARCHIVE_COMPRESSED_STREAM };

/* The label that Loki/THOR give the YARA external `filetype`: "EXE", "ELF",
 * "MACH-O", "MDMP", "RTF", "PDF", "ZIP", "PHP", "JSP", "ASP", "Python",
 * "VBS", "BATCH", "PowerShell", "SHELL" ... or "" when unknown. Decided from
 * the first bytes, with the (lower-case) extension breaking ties for
 * scripts. Returns a static string. */
const char *scan_filetype_label(const unsigned char *data, size_t length, const char *extension);

/* True for labels of native executables (EXE, ELF, MACH-O). */
bool scan_filetype_is_executable(const char *label);

/* Whether the bytes start an archive or compressed stream that libarchive
 * can open (zip, 7z, rar, tar, gzip, bzip2, xz, iso9660, cab). */
enum ob_archive_kind scan_filetype_archive_kind(const unsigned char *data, size_t length);

/* Writes the lower-case extension of `name` with its dot (".pdf") into
 * `out`, or "" when there is none or it is implausibly long. */
void scan_filetype_extension(const char *name, char *out, size_t out_size);

/* True for extensions of documents, pictures, media and plain text: names
 * a frightened user would open without thinking of running a program. */
bool scan_filetype_is_harmless_extension(const char *extension);

/* True for extensions Windows runs when the file is opened. */
bool scan_filetype_is_executable_extension(const char *extension);

/* If `name` (a base name) hides its real extension behind a harmless one,
 * "invoice.pdf.exe" or "photo.jpg      .scr", writes the harmless one and the
 * real one and returns true. */
bool scan_filetype_double_extension(const char *name, char *decoy, size_t decoy_size, char *real,
                                    size_t real_size);

#endif
