/* SPDX-License-Identifier: Apache-2.0 */
/* Archive member names as UTF-8: the DOS code page of a zip name written
 * without the UTF-8 flag is guessed and decoded with iconv, and a zip name
 * libarchive drops is read from its local header. */
#ifndef OB_SCAN_ARCHIVE_NAMES_H
#define OB_SCAN_ARCHIVE_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buffer.h"
#include "oberig/core.h"

/* The charset (an iconv name) a member name stored without one is read in:
 * "UTF-8" when its bytes are valid UTF-8 (Info-ZIP on Unix and most tools
 * today write that); otherwise a DOS code page, as Windows' own zip and
 * 7-Zip write: "CP1125" (Ukrainian) when a byte 0xF6 to 0xF9 occurs, where
 * CP1125 has І і Ї ї and Ukrainian names nearly always have і, else
 * "CP866" (Russian), whose 0xF6 to 0xF9 are Ў ў ° ∙. Never NULL. */
const char *scan_archive_name_charset(const char *name, size_t length);

/* Appends the member name `name` (`length` bytes, no NUL needed) to `out`.
 * Valid UTF-8 is appended as it is. Other bytes are decoded from the code
 * page scan_archive_name_charset picks when `dos_code_page` is set (a zip
 * name written without the UTF-8 flag); otherwise, or if iconv cannot
 * decode them, they are appended as they are, so the output layer shows
 * them escaped. Errors: OB_ERR_LIMIT (past out's cap), OB_ERR_NOMEM.
 * Thread-safe. */
enum ob_status scan_archive_name_append(struct ob_buffer *out, const char *name, size_t length,
                                        bool dos_code_page) OB_WARN_UNUSED;

/* libarchive drops a zip member name it cannot convert (flagged UTF-8 yet
 * not valid UTF-8, or a broken Unicode Path field); the bytes are then
 * taken from the member's local file header, which ends at `data_start` in
 * `zip` (libarchive has read up to there). On success sets *name and
 * *name_length to those bytes inside `zip` and *utf8_flag to the header's
 * bit 11, and returns true; returns false when no local header ends at
 * `data_start`. */
bool scan_archive_zip_local_name(const unsigned char *zip, size_t length, uint64_t data_start,
                                 const char **name, size_t *name_length, bool *utf8_flag);

#endif
