/* SPDX-License-Identifier: Apache-2.0 */
/* Translation of a parsed Loki file-name regex into a YARA regex literal
 * that matches both Windows and POSIX path separators. */
#ifndef OB_INDICATORS_REGEX_TRANSLATE_H
#define OB_INDICATORS_REGEX_TRANSLATE_H

#include "core/buffer.h"
#include "indicators/filename_regex.h"
#include "oberig/core.h"

/* Appends the YARA regex literal of the parsed pattern `regex` to `out`,
 * for example `(?i)C:\\Temp\\a\.exe` becomes `/[\\\/]Temp[\\\/]a\.exe/i`:
 *  - a leading `(?i)` becomes the `i` flag;
 *  - a separator and a drive root become `[\\\/]`; a class that can match
 *    a backslash also gets '/' (`[^\\"]` becomes `[^\\"\/]`);
 *  - `(?:` becomes `(`, `\A` `^`, `\Z` `$`, `{,n}` `{0,n}`, `{,}` `*`, an
 *    unescaped '/' `\/`, a '{' that starts no repeat `\{`, control and
 *    non-ASCII bytes `\xHH` (a multi-byte UTF-8 character is grouped so a
 *    quantifier after it repeats the whole character).
 * Returns OB_OK, or OB_ERR_LIMIT or OB_ERR_NOMEM from `out` (which may then
 * hold a partial translation). The result is not guaranteed to compile
 * (e.g. YARA caps repeat counts). Pure function, thread-safe.
 * Paths are matched by path_nfa.c, not by YARA, since YARA's regex engine
 * can take seconds on one hostile pattern and path; the tests use this
 * translation to check that the two find the same (pattern, path) pairs. */
enum ob_status indicators_regex_translate(const struct ob_filename_regex *regex,
                                          struct ob_buffer *out) OB_WARN_UNUSED;

/* The same, but a drive root keeps the shape it has on Windows: a letter
 * (any), a colon and a separator, and a match must end where a name ends
 * (a separator or the end) unless the pattern ends in a separator or '$':
 * `[Cc]:\\[a-z]\.bat$` becomes `/[A-Za-z]:[\\\/][a-z]\.bat$/`, `C:\\1\.com`
 * `/([A-Za-z]:[\\\/]1\.com)([\\\/]|$)/`. The matcher runs it against the
 * path as seen from the root of a drive ("C:/Users/x"), so a pattern
 * written for the root of a Windows drive matches there and where a path
 * really holds a drive root, not below any folder and not in a longer
 * name. Same returns as above. */
enum ob_status indicators_regex_translate_drive(const struct ob_filename_regex *regex,
                                                struct ob_buffer *out) OB_WARN_UNUSED;

/* True when `regex` holds a drive root token. Pure function. */
bool indicators_regex_has_drive_root(const struct ob_filename_regex *regex);

/* True when a drive-rooted `regex` seen with the drive's shape must also
 * end where a name ends (it holds a drive root, and its match can end
 * inside a name: it does not end in a separator or '$'). Pure function. */
bool indicators_regex_ends_at_a_name(const struct ob_filename_regex *regex);

#endif
