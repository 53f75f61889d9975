/* SPDX-License-Identifier: Apache-2.0 */
/* The parsed form of a Loki/signature-base file-name regex (Python `re`
 * syntax): a token list, read once, from which both the YARA translation
 * (regex_translate.c) and the literal gate's required texts
 * (literal_gate.c) are derived. */
#ifndef OB_INDICATORS_FILENAME_REGEX_H
#define OB_INDICATORS_FILENAME_REGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oberig/core.h"

/* Why a pattern cannot be used. `message` is static text ("" on success);
 * `offset` is the byte offset in the pattern where the problem starts, or
 * OB_REGEX_WHOLE when it is the pattern as a whole. */
#define OB_REGEX_WHOLE SIZE_MAX
struct ob_regex_error {
    const char *message;
    size_t offset;
};

enum ob_regex_token_kind {
    OB_REGEX_LITERAL,    /* one byte that stands for itself */
    OB_REGEX_CHARACTER,  /* one multi-byte UTF-8 character */
    OB_REGEX_SEPARATOR,  /* an escaped backslash: '\' or '/' in a path */
    OB_REGEX_DRIVE_ROOT, /* "C:\\", "[Cc]:\\", ":\\" (after an optional '^')
                          * starting an alternative: any folder */
    OB_REGEX_ANY,        /* '.' */
    OB_REGEX_SHORTHAND,  /* \d \D \s \S \w \W \b \B */
    OB_REGEX_CLASS,      /* [...] */
    OB_REGEX_START,      /* '^' or \A */
    OB_REGEX_END,        /* '$' or \Z */
    OB_REGEX_OPEN,       /* '(' or "(?:" */
    OB_REGEX_CLOSE,      /* ')' */
    OB_REGEX_BAR,        /* '|' */
    OB_REGEX_REPEAT,     /* a quantifier of what comes before it */
};

/* How a repeat was written: '*' (also "{,}"), '+', '?', or counts. */
enum ob_regex_repeat_form {
    OB_REPEAT_STAR,
    OB_REPEAT_PLUS,
    OB_REPEAT_QUESTION,
    OB_REPEAT_COUNTED,
};

/* One element of a class: a byte (`low`), a range (`low` to `high`), or a
 * shorthand such as \d (its letter in `low`). */
struct ob_regex_class_item {
    unsigned char low, high;
    bool range, shorthand;
};

struct ob_regex_token {
    enum ob_regex_token_kind kind;
    /* LITERAL: the byte; SHORTHAND: the letter after the backslash. */
    unsigned char byte;
    /* LITERAL: written as an escape code (\x41, \n) rather than itself. */
    bool coded;
    /* CHARACTER: its bytes. */
    unsigned char bytes[4];
    unsigned char length;
    /* CLASS: items [first_item, first_item + item_count) of the regex;
     * `has_backslash` when one of them can match '\'. */
    bool negated, has_backslash;
    uint32_t first_item, item_count;
    /* OPEN: the index of its CLOSE token. */
    uint32_t close;
    /* REPEAT: the form, the least number of times (`minimum`), a lazy
     * '?' after it, and for OB_REPEAT_COUNTED the digits as written: the
     * lower count at `low_at` (none: "{,n}"), the upper at `high_at` after
     * a comma (none: "{n,}"), no comma: "{n}". */
    enum ob_regex_repeat_form form;
    bool lazy, comma;
    uint32_t minimum;
    uint32_t low_at, high_at;
    unsigned char low_digits, high_digits;
};

/* A parsed pattern. It points into the pattern text, which must outlive
 * it. Caller-owned: indicators_filename_regex_parse fills it, and
 * indicators_filename_regex_release frees it (also after a failed parse). */
struct ob_filename_regex {
    const char *pattern;
    bool nocase; /* a leading (?i) */
    struct ob_regex_token *tokens;
    size_t count;
    struct ob_regex_class_item *items;
    size_t item_count;
};

/* Parses the Python `re` pattern `pattern` (`length` bytes, need not be
 * NUL-terminated) into `regex`, as YARA can be asked to match it:
 *  - a leading `(?i)` sets `nocase`; any other inline flag is unsupported;
 *  - `\\` (and `\x5c`) is a separator; a drive root at the start of the
 *    pattern or of an alternative (`C:\\`, `[Cc]:\\`, `[C-Zc-z]:\\` or a
 *    bare `:\\`, optionally after `^`) is one DRIVE_ROOT token;
 *  - a '{' that starts no repeat is a literal; "{,}" is a star;
 *  - a valid multi-byte UTF-8 character is one CHARACTER token, any other
 *    non-ASCII byte a literal.
 * Returns OB_OK; OB_ERR_UNSUPPORTED for valid Python constructs YARA lacks
 * (lookaround, named groups, backreferences, octal and \u escapes, other
 * inline flags, possessive quantifiers, non-ASCII characters in a class,
 * repeat counts of more than 9 digits, an empty pattern); OB_ERR_PARSE for
 * patterns Python itself rejects (bad escapes, unbalanced parentheses,
 * unterminated classes, bad ranges); OB_ERR_NOMEM. On failure `error` says
 * why and where. Pure function, thread-safe. */
enum ob_status indicators_filename_regex_parse(const char *pattern, size_t length,
                                               struct ob_filename_regex *regex,
                                               struct ob_regex_error *error) OB_WARN_UNUSED;

void indicators_filename_regex_release(struct ob_filename_regex *regex);

/* The index just past token `index` and, when it opens a group, past the
 * whole group: the next token at the same depth. */
size_t indicators_filename_regex_next(const struct ob_filename_regex *regex, size_t index);

#endif
