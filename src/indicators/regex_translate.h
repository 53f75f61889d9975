/* SPDX-License-Identifier: Apache-2.0 */
/* Translation of Loki's Python-style file-name regexes into YARA regex
 * literals that match both Windows and POSIX path separators. */
#ifndef OB_INDICATORS_REGEX_TRANSLATE_H
#define OB_INDICATORS_REGEX_TRANSLATE_H

#include <stddef.h>

#include "core/buffer.h"
#include "oberig/core.h"

/* Why a translation failed. `message` is static text ("" on success);
 * `offset` is the byte offset in the pattern where the problem starts. */
struct ob_regex_error {
    const char *message;
    size_t offset;
};

/* Translates the Python `re` pattern `pattern` (`length` bytes, need not be
 * NUL-terminated) into a YARA regex literal appended to `out`, for example
 * `(?i)C:\\Temp\\a\.exe` becomes `/[\\\/]Temp[\\\/]a\.exe/i`. Rules:
 *  - a leading `(?i)` becomes the `i` flag; any other inline flag is
 *    unsupported;
 *  - an escaped backslash outside a class becomes `[\\\/]`; a class that can
 *    match a backslash also gets '/' (`[^\\"]` becomes `[^\\"\/]`);
 *  - a drive root at the start of the pattern or of an alternative
 *    (`C:\\`, `[Cc]:\\`, `[C-Zc-z]:\\` or a bare `:\\`, optionally after
 *    `^`) becomes the separator `[\\\/]`, so it matches at any mount point;
 *  - `(?:` becomes `(`, `\A` `^`, `\Z` `$`, `{,n}` `{0,n}`, an unescaped '/'
 *    `\/`, a '{' that starts no repeat `\{`, control and non-ASCII bytes
 *    `\xHH` (a multi-byte UTF-8 character is grouped so a quantifier after
 *    it repeats the whole character).
 * Returns OB_OK; OB_ERR_UNSUPPORTED for valid Python constructs YARA lacks
 * (lookaround, named groups, backreferences, octal and \u escapes, other
 * inline flags, possessive quantifiers, non-ASCII characters in a class, an
 * empty pattern); OB_ERR_PARSE for patterns Python itself rejects (bad
 * escapes, unbalanced parentheses, unterminated classes, bad ranges);
 * OB_ERR_LIMIT or OB_ERR_NOMEM from `out`. On failure `error` says why and
 * where, and `out` may hold a partial translation. The result is not
 * guaranteed to compile (e.g. YARA caps repeat counts): check it with
 * ob_yara_pattern_check. Pure function, thread-safe. */
enum ob_status ob_regex_translate(const char *pattern, size_t length, struct ob_buffer *out,
                                  struct ob_regex_error *error) OB_WARN_UNUSED;

#endif
