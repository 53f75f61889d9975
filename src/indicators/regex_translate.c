/* SPDX-License-Identifier: Apache-2.0 */
/* Translates Python-style file-name regexes into YARA regex literals. */
#include "indicators/regex_translate.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/text.h"

/* A path separator of either operating system, as YARA regex text. */
#define SEPARATOR "[\\\\\\/]"
/* Longest repeat bound accepted; YARA's own limit is lower and is reported
 * by the compile check, this only keeps the digits short. */
#define MAX_REPEAT_DIGITS 9

struct translator {
    const unsigned char *p;
    size_t n;
    size_t i;
    struct ob_buffer *out;
    struct ob_regex_error *error;
    int depth;
    bool alternative_start; /* at the start of the pattern or of an alternative */
};

/* One element of a character class: a single byte, or a shorthand such as
 * \d that cannot be a range endpoint. */
struct class_atom {
    bool shorthand;
    unsigned char value;
};

static enum ob_status fail(struct translator *t, enum ob_status status, size_t offset,
                           const char *message)
{
    t->error->message = message;
    t->error->offset = offset;
    return status;
}

static enum ob_status emit(struct translator *t, const char *text)
{
    return ob_buffer_append_str(t->out, text);
}

static enum ob_status emit_hex(struct translator *t, unsigned char byte)
{
    return ob_buffer_printf(t->out, "\\x%02x", byte);
}

static bool is_ascii_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Decodes the two hex digits of the \x escape at `at` into *value. */
static bool hex_escape(const struct translator *t, size_t at, unsigned char *value)
{
    return at + 3 < t->n && ob_hex_decode((const char *)t->p + at + 2, 2, value);
}

static bool starts_with(const struct translator *t, size_t at, const char *text)
{
    size_t length = strlen(text);
    return at <= t->n && t->n - at >= length && memcmp(t->p + at, text, length) == 0;
}

/* The value of a one-letter control escape such as \n, or -1. */
static int control_escape(unsigned char c)
{
    switch (c) {
    case 'a': return 0x07;
    case 'f': return 0x0c;
    case 'n': return 0x0a;
    case 'r': return 0x0d;
    case 't': return 0x09;
    case 'v': return 0x0b;
    default: return -1;
    }
}

/* Consumes leading global flags: `(?i)` sets *nocase, others are refused. */
static enum ob_status parse_leading_flags(struct translator *t, bool *nocase)
{
    while (starts_with(t, t->i, "(?")) {
        size_t j = t->i + 2;
        while (j < t->n && is_ascii_letter(t->p[j]))
            j++;
        if (j == t->i + 2 || j >= t->n)
            return OB_OK; /* a group such as (?: or (?=, handled later */
        if (t->p[j] == ':')
            return fail(t, OB_ERR_UNSUPPORTED, t->i, "scoped inline flags (?x:...) are not supported");
        if (t->p[j] != ')')
            return OB_OK;
        for (size_t k = t->i + 2; k < j; k++) {
            if (t->p[k] != 'i')
                return fail(t, OB_ERR_UNSUPPORTED, k,
                            "inline flags other than a leading (?i) are not supported");
        }
        *nocase = true;
        t->i = j + 1;
    }
    return OB_OK;
}

/* At the start of an alternative, replaces a Windows drive root ("C:\\",
 * "[Cc]:\\", ":\\", optionally after '^') by a separator. The anchor goes
 * too: the drive's root can be any directory once the disk is mounted. */
static enum ob_status try_drive_root(struct translator *t, bool *replaced)
{
    *replaced = false;
    size_t j = t->i;
    if (j < t->n && t->p[j] == '^')
        j++;
    if (j < t->n && is_ascii_letter(t->p[j])) {
        j++;
    } else if (j < t->n && t->p[j] == '[') {
        size_t k = j + 1;
        size_t letters = 0;
        while (k < t->n && (is_ascii_letter(t->p[k]) || t->p[k] == '-')) {
            letters += is_ascii_letter(t->p[k]);
            k++;
        }
        if (k >= t->n || t->p[k] != ']' || letters == 0)
            return OB_OK;
        j = k + 1;
    }
    if (!starts_with(t, j, ":\\\\"))
        return OB_OK;
    t->i = j + 3;
    *replaced = true;
    return emit(t, SEPARATOR);
}

/* Emits a literal byte outside a class. */
static enum ob_status emit_literal(struct translator *t, unsigned char c)
{
    char text[3] = {'\\', (char)c, '\0'};
    if (c < 0x20 || c >= 0x7f)
        return emit_hex(t, c);
    if (c == '\\')
        return emit(t, SEPARATOR);
    if (strchr("/.^$|?*+()[]{}", c) != NULL)
        return emit(t, text);
    return emit(t, text + 1);
}

/* Emits the bytes of one non-ASCII character starting at t->i. A valid
 * multi-byte UTF-8 sequence is grouped so it repeats as one character. */
static enum ob_status emit_non_ascii(struct translator *t)
{
    uint32_t code_point;
    size_t length = ob_utf8_decode(t->p + t->i, t->n - t->i, &code_point);
    if (length <= 1) {
        return emit_hex(t, t->p[t->i++]);
    }
    enum ob_status status = emit(t, "(");
    for (size_t k = 0; k < length && status == OB_OK; k++)
        status = emit_hex(t, t->p[t->i++]);
    return status == OB_OK ? emit(t, ")") : status;
}

/* Handles a backslash escape outside a class; t->i is at the backslash. */
static enum ob_status translate_escape(struct translator *t)
{
    size_t at = t->i;
    if (at + 1 >= t->n)
        return fail(t, OB_ERR_PARSE, at, "pattern ends with a backslash");
    unsigned char c = t->p[at + 1];
    t->i = at + 2;
    if (c >= 0x80) {
        t->i = at + 1;
        return emit_non_ascii(t);
    }
    if (c == '0')
        return fail(t, OB_ERR_UNSUPPORTED, at, "octal escapes are not supported");
    if (is_digit(c))
        return fail(t, OB_ERR_UNSUPPORTED, at, "backreferences are not supported");
    if (c == 'A')
        return emit(t, "^");
    if (c == 'Z')
        return emit(t, "$");
    if (strchr("bBdDsSwW", c) != NULL) {
        char text[3] = {'\\', (char)c, '\0'};
        return emit(t, text);
    }
    int control = control_escape(c);
    if (control >= 0)
        return emit_hex(t, (unsigned char)control);
    if (c == 'x') {
        unsigned char value;
        if (!hex_escape(t, at, &value))
            return fail(t, OB_ERR_PARSE, at, "incomplete \\x escape");
        t->i = at + 4;
        return emit_literal(t, value);
    }
    if (c == 'u' || c == 'U' || c == 'N')
        return fail(t, OB_ERR_UNSUPPORTED, at, "unicode escapes are not supported");
    if (is_ascii_letter(c))
        return fail(t, OB_ERR_PARSE, at, "bad escape");
    return emit_literal(t, c);
}

/* Reads one class element at t->i (not ']' unless it is the first). */
static enum ob_status read_class_atom(struct translator *t, struct class_atom *atom)
{
    size_t at = t->i;
    unsigned char c = t->p[at];
    atom->shorthand = false;
    if (c >= 0x80)
        return fail(t, OB_ERR_UNSUPPORTED, at, "non-ASCII characters in a class are not supported");
    if (c != '\\') {
        atom->value = c;
        t->i = at + 1;
        return OB_OK;
    }
    if (at + 1 >= t->n)
        return fail(t, OB_ERR_PARSE, at, "unterminated character set");
    c = t->p[at + 1];
    t->i = at + 2;
    if (c >= 0x80)
        return fail(t, OB_ERR_UNSUPPORTED, at, "non-ASCII characters in a class are not supported");
    if (strchr("dDsSwW", c) != NULL) {
        atom->shorthand = true;
        atom->value = c;
        return OB_OK;
    }
    if (is_digit(c))
        return fail(t, OB_ERR_UNSUPPORTED, at, "octal escapes are not supported");
    if (c == 'b') {
        atom->value = 0x08;
        return OB_OK;
    }
    int control = control_escape(c);
    if (control >= 0) {
        atom->value = (unsigned char)control;
        return OB_OK;
    }
    if (c == 'x') {
        if (!hex_escape(t, at, &atom->value))
            return fail(t, OB_ERR_PARSE, at, "incomplete \\x escape");
        t->i = at + 4;
        return OB_OK;
    }
    if (c == 'u' || c == 'U' || c == 'N')
        return fail(t, OB_ERR_UNSUPPORTED, at, "unicode escapes are not supported");
    if (is_ascii_letter(c))
        return fail(t, OB_ERR_PARSE, at, "bad escape in character set");
    atom->value = c;
    return OB_OK;
}

/* Emits a class element so that YARA cannot misread it: class syntax
 * characters are escaped, so '-' is only ever a range operator. */
static enum ob_status emit_class_byte(struct translator *t, unsigned char c)
{
    char text[3] = {'\\', (char)c, '\0'};
    if (c < 0x20 || c >= 0x7f)
        return emit_hex(t, c);
    if (strchr("\\]^-[/", c) != NULL)
        return emit(t, text);
    return emit(t, text + 1);
}

static enum ob_status emit_class_atom(struct translator *t, const struct class_atom *atom)
{
    if (atom->shorthand) {
        char text[3] = {'\\', (char)atom->value, '\0'};
        return emit(t, text);
    }
    return emit_class_byte(t, atom->value);
}

/* Translates a class; t->i is at '['. Follows Python's reading: ']' first
 * is literal, and '-' is a range only between two single characters. */
static enum ob_status translate_class(struct translator *t)
{
    size_t start = t->i;
    bool has_backslash = false;
    enum ob_status status = emit(t, "[");
    t->i++;
    if (status == OB_OK && t->i < t->n && t->p[t->i] == '^') {
        status = emit(t, "^");
        t->i++;
    }
    bool first = true;
    while (status == OB_OK) {
        if (t->i >= t->n)
            return fail(t, OB_ERR_PARSE, start, "unterminated character set");
        if (t->p[t->i] == ']' && !first) {
            t->i++;
            break;
        }
        first = false;
        size_t atom_at = t->i;
        struct class_atom low;
        if ((status = read_class_atom(t, &low)) != OB_OK)
            return status;
        if (t->i + 1 < t->n && t->p[t->i] == '-' && t->p[t->i + 1] != ']') {
            t->i++;
            struct class_atom high;
            if ((status = read_class_atom(t, &high)) != OB_OK)
                return status;
            if (low.shorthand || high.shorthand || low.value > high.value)
                return fail(t, OB_ERR_PARSE, atom_at, "bad character range");
            if (low.value <= '\\' && high.value >= '\\')
                has_backslash = true;
            status = emit_class_byte(t, low.value);
            if (status == OB_OK)
                status = emit(t, "-");
            if (status == OB_OK)
                status = emit_class_byte(t, high.value);
            continue;
        }
        if (!low.shorthand && low.value == '\\')
            has_backslash = true;
        status = emit_class_atom(t, &low);
    }
    /* Appended last, where it cannot join a range. */
    if (status == OB_OK && has_backslash)
        status = emit(t, "\\/");
    return status == OB_OK ? emit(t, "]") : status;
}

/* Length of a repeat "{n}", "{n,}", "{,m}", "{n,m}" at t->i, or 0 when the
 * brace is a literal (as Python reads it). Stores the bounds' positions. */
static size_t repeat_length(const struct translator *t, size_t *low_digits, size_t *high_digits,
                            bool *comma)
{
    size_t j = t->i + 1;
    *low_digits = *high_digits = 0;
    *comma = false;
    while (j < t->n && is_digit(t->p[j])) {
        j++;
        (*low_digits)++;
    }
    if (j < t->n && t->p[j] == ',') {
        *comma = true;
        j++;
        while (j < t->n && is_digit(t->p[j])) {
            j++;
            (*high_digits)++;
        }
    }
    if (j >= t->n || t->p[j] != '}' || (!*comma && *low_digits == 0))
        return 0;
    return j + 1 - t->i;
}

static enum ob_status translate_repeat(struct translator *t, bool *was_repeat)
{
    size_t low_digits, high_digits;
    bool comma;
    size_t length = repeat_length(t, &low_digits, &high_digits, &comma);
    *was_repeat = length > 0;
    if (length == 0) {
        t->i++;
        return emit(t, "\\{");
    }
    if (low_digits > MAX_REPEAT_DIGITS || high_digits > MAX_REPEAT_DIGITS)
        return fail(t, OB_ERR_UNSUPPORTED, t->i, "repeat count too large");
    const char *low = (const char *)t->p + t->i + 1;
    const char *high = low + low_digits + 1;
    enum ob_status status;
    if (!comma)
        status = ob_buffer_printf(t->out, "{%.*s}", (int)low_digits, low);
    else if (low_digits == 0 && high_digits == 0)
        status = emit(t, "*");
    else
        status = ob_buffer_printf(t->out, "{%.*s,%.*s}", low_digits ? (int)low_digits : 1,
                                  low_digits ? low : "0", (int)high_digits, high);
    t->i += length;
    return status;
}

/* After a quantifier: passes a lazy '?', refuses a possessive '+'. */
static enum ob_status after_quantifier(struct translator *t)
{
    if (t->i < t->n && t->p[t->i] == '?') {
        t->i++;
        return emit(t, "?");
    }
    if (t->i < t->n && t->p[t->i] == '+')
        return fail(t, OB_ERR_UNSUPPORTED, t->i, "possessive quantifiers are not supported");
    return OB_OK;
}

/* Handles '(' at t->i, including the (?...) extensions. */
static enum ob_status translate_group(struct translator *t)
{
    size_t at = t->i;
    t->depth++;
    if (!starts_with(t, at, "(?")) {
        t->i = at + 1;
        return emit(t, "(");
    }
    if (starts_with(t, at, "(?:")) {
        t->i = at + 3;
        return emit(t, "(");
    }
    if (starts_with(t, at, "(?=") || starts_with(t, at, "(?!"))
        return fail(t, OB_ERR_UNSUPPORTED, at, "lookahead assertions are not supported");
    if (starts_with(t, at, "(?<=") || starts_with(t, at, "(?<!"))
        return fail(t, OB_ERR_UNSUPPORTED, at, "lookbehind assertions are not supported");
    if (starts_with(t, at, "(?P<") || starts_with(t, at, "(?<"))
        return fail(t, OB_ERR_UNSUPPORTED, at, "named groups are not supported");
    if (starts_with(t, at, "(?P="))
        return fail(t, OB_ERR_UNSUPPORTED, at, "backreferences are not supported");
    if (starts_with(t, at, "(?#"))
        return fail(t, OB_ERR_UNSUPPORTED, at, "comment groups are not supported");
    if (starts_with(t, at, "(?("))
        return fail(t, OB_ERR_UNSUPPORTED, at, "conditional groups are not supported");
    if (starts_with(t, at, "(?>"))
        return fail(t, OB_ERR_UNSUPPORTED, at, "atomic groups are not supported");
    if (at + 2 < t->n && (is_ascii_letter(t->p[at + 2]) || t->p[at + 2] == '-'))
        return fail(t, OB_ERR_UNSUPPORTED, at,
                    "inline flags other than a leading (?i) are not supported");
    return fail(t, OB_ERR_PARSE, at, "unknown group extension");
}

/* Translates one element outside a class at t->i. */
static enum ob_status translate_element(struct translator *t)
{
    unsigned char c = t->p[t->i];
    bool starts_alternative = false;
    bool repeat = false;
    enum ob_status status;
    switch (c) {
    case '\\':
        status = translate_escape(t);
        break;
    case '[':
        status = translate_class(t);
        break;
    case '(':
        status = translate_group(t);
        starts_alternative = true;
        break;
    case ')':
        if (t->depth == 0)
            return fail(t, OB_ERR_PARSE, t->i, "unbalanced parenthesis");
        t->depth--;
        t->i++;
        status = emit(t, ")");
        break;
    case '|':
        t->i++;
        status = emit(t, "|");
        starts_alternative = true;
        break;
    case '*':
    case '+':
    case '?':
        t->i++;
        status = ob_buffer_append(t->out, &c, 1);
        if (status == OB_OK)
            status = after_quantifier(t);
        break;
    case '{':
        status = translate_repeat(t, &repeat);
        if (status == OB_OK && repeat)
            status = after_quantifier(t);
        break;
    case '^':
    case '$':
    case '.':
        t->i++;
        status = ob_buffer_append(t->out, &c, 1);
        break;
    default:
        if (c >= 0x80) {
            status = emit_non_ascii(t);
        } else {
            t->i++;
            status = emit_literal(t, c);
        }
        break;
    }
    t->alternative_start = starts_alternative;
    return status;
}

enum ob_status ob_regex_translate(const char *pattern, size_t length, struct ob_buffer *out,
                                  struct ob_regex_error *error)
{
    struct translator t = {
        .p = (const unsigned char *)pattern,
        .n = length,
        .out = out,
        .error = error,
        .alternative_start = true,
    };
    bool nocase = false;
    error->message = "";
    error->offset = 0;
    enum ob_status status = parse_leading_flags(&t, &nocase);
    if (status != OB_OK)
        goto out;
    if (t.i >= t.n) {
        status = fail(&t, OB_ERR_UNSUPPORTED, t.i, "empty pattern");
        goto out;
    }
    if ((status = emit(&t, "/")) != OB_OK)
        goto out;
    while (t.i < t.n) {
        if (t.alternative_start) {
            bool replaced;
            if ((status = try_drive_root(&t, &replaced)) != OB_OK)
                goto out;
            t.alternative_start = false;
            if (replaced)
                continue;
            if (t.i >= t.n)
                break;
        }
        if ((status = translate_element(&t)) != OB_OK)
            goto out;
    }
    if (t.depth != 0) {
        status = fail(&t, OB_ERR_PARSE, t.n, "missing closing parenthesis");
        goto out;
    }
    status = emit(&t, nocase ? "/i" : "/");
out:
    return status;
}
