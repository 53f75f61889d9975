/* SPDX-License-Identifier: Apache-2.0 */
/* Parses Python-style file-name regexes into the token list that the YARA
 * translation and the literal gate both read. */
#include "indicators/filename_regex.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"

/* Longest repeat count accepted; YARA's own limit is lower and is reported
 * by the compile check, this only keeps the digits short. */
#define MAX_REPEAT_DIGITS 9

struct parser {
    const unsigned char *p;
    size_t n;
    size_t i;
    struct ob_filename_regex *regex;
    struct ob_regex_error *error;
    uint32_t *open_groups; /* token indices of the groups not closed yet */
    size_t depth;
    bool alternative_start; /* at the start of the pattern or of an alternative */
};

static enum ob_status fail(struct parser *parser, enum ob_status status, size_t offset,
                           const char *message)
{
    parser->error->message = message;
    parser->error->offset = offset;
    return status;
}

/* A new zeroed token; there is room, as every token takes at least one
 * byte of the pattern. */
static struct ob_regex_token *add_token(struct parser *parser, enum ob_regex_token_kind kind)
{
    struct ob_regex_token *token = &parser->regex->tokens[parser->regex->count++];
    memset(token, 0, sizeof(*token));
    token->kind = kind;
    return token;
}

static void add_literal(struct parser *parser, unsigned char byte, bool coded)
{
    if (byte == '\\') {
        add_token(parser, OB_REGEX_SEPARATOR);
        return;
    }
    struct ob_regex_token *token = add_token(parser, OB_REGEX_LITERAL);
    token->byte = byte;
    token->coded = coded;
}

static bool is_ascii_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool starts_with(const struct parser *parser, size_t at, const char *text)
{
    size_t length = strlen(text);
    return at <= parser->n && parser->n - at >= length && memcmp(parser->p + at, text, length) == 0;
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

/* Reads "\xHH" at `at`; OB_ERR_PARSE when the digits are missing. */
static enum ob_status read_hex_escape(struct parser *parser, size_t at, unsigned char *value)
{
    if (at + 3 >= parser->n || !core_hex_decode((const char *)parser->p + at + 2, 2, value))
        return fail(parser, OB_ERR_PARSE, at, _("incomplete \\x escape"));
    parser->i = at + 4;
    return OB_OK;
}

/* Consumes leading global flags: `(?i)` sets nocase, others are refused. */
static enum ob_status parse_leading_flags(struct parser *parser)
{
    while (starts_with(parser, parser->i, "(?")) {
        size_t j = parser->i + 2;
        while (j < parser->n && is_ascii_letter(parser->p[j]))
            j++;
        if (j == parser->i + 2 || j >= parser->n)
            return OB_OK; /* a group such as (?: or (?=, handled later */
        if (parser->p[j] == ':')
            return fail(parser, OB_ERR_UNSUPPORTED, parser->i,
                        _("scoped inline flags (?x:...) are not supported"));
        if (parser->p[j] != ')')
            return OB_OK;
        for (size_t k = parser->i + 2; k < j; k++) {
            if (parser->p[k] != 'i')
                return fail(parser, OB_ERR_UNSUPPORTED, k,
                            _("inline flags other than a leading (?i) are not supported"));
        }
        parser->regex->nocase = true;
        parser->i = j + 1;
    }
    return OB_OK;
}

/* At the start of an alternative, reads a Windows drive root ("C:\\",
 * "[Cc]:\\", ":\\", optionally after '^') as one token. The anchor goes
 * too: the drive's root can be any directory once the disk is mounted. */
static bool read_drive_root(struct parser *parser)
{
    const unsigned char *p = parser->p;
    size_t n = parser->n, j = parser->i;
    if (j < n && p[j] == '^')
        j++;
    if (j < n && is_ascii_letter(p[j])) {
        j++;
    } else if (j < n && p[j] == '[') {
        size_t k = j + 1;
        size_t letters = 0;
        while (k < n && (is_ascii_letter(p[k]) || p[k] == '-')) {
            letters += is_ascii_letter(p[k]);
            k++;
        }
        if (k >= n || p[k] != ']' || letters == 0)
            return false;
        j = k + 1;
    }
    if (!starts_with(parser, j, ":\\\\"))
        return false;
    parser->i = j + 3;
    add_token(parser, OB_REGEX_DRIVE_ROOT);
    return true;
}

/* Reads one non-ASCII character at parser->i: a valid multi-byte UTF-8
 * sequence is one token, so a quantifier repeats the whole character. */
static void read_non_ascii(struct parser *parser)
{
    uint32_t code_point;
    size_t length = core_utf8_decode(parser->p + parser->i, parser->n - parser->i, &code_point);
    if (length <= 1) {
        add_literal(parser, parser->p[parser->i++], false);
        return;
    }
    struct ob_regex_token *token = add_token(parser, OB_REGEX_CHARACTER);
    memcpy(token->bytes, parser->p + parser->i, length);
    token->length = (unsigned char)length;
    parser->i += length;
}

/* Reads a backslash escape outside a class; parser->i is at the backslash. */
static enum ob_status read_escape(struct parser *parser)
{
    size_t at = parser->i;
    if (at + 1 >= parser->n)
        return fail(parser, OB_ERR_PARSE, at, _("pattern ends with a backslash"));
    unsigned char c = parser->p[at + 1];
    parser->i = at + 2;
    if (c >= 0x80) {
        parser->i = at + 1;
        read_non_ascii(parser);
        return OB_OK;
    }
    if (c == '0')
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("octal escapes are not supported"));
    if (is_digit(c))
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("backreferences are not supported"));
    if (c == 'A' || c == 'Z') {
        add_token(parser, c == 'A' ? OB_REGEX_START : OB_REGEX_END);
        return OB_OK;
    }
    if (strchr("bBdDsSwW", c) != NULL) {
        add_token(parser, OB_REGEX_SHORTHAND)->byte = c;
        return OB_OK;
    }
    int control = control_escape(c);
    if (control >= 0) {
        add_literal(parser, (unsigned char)control, true);
        return OB_OK;
    }
    if (c == 'x') {
        unsigned char value;
        enum ob_status status = read_hex_escape(parser, at, &value);
        if (status == OB_OK)
            add_literal(parser, value, true);
        return status;
    }
    if (c == 'u' || c == 'U' || c == 'N')
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("unicode escapes are not supported"));
    if (is_ascii_letter(c))
        return fail(parser, OB_ERR_PARSE, at, _("bad escape"));
    add_literal(parser, c, false);
    return OB_OK;
}

/* Reads one class element at parser->i into `item` (low only). */
static enum ob_status read_class_atom(struct parser *parser, struct ob_regex_class_item *item)
{
    size_t at = parser->i;
    unsigned char c = parser->p[at];
    item->shorthand = item->range = false;
    if (c >= 0x80)
        return fail(parser, OB_ERR_UNSUPPORTED, at,
                    _("non-ASCII characters in a class are not supported"));
    if (c != '\\') {
        item->low = c;
        parser->i = at + 1;
        return OB_OK;
    }
    if (at + 1 >= parser->n)
        return fail(parser, OB_ERR_PARSE, at, _("unterminated character set"));
    c = parser->p[at + 1];
    parser->i = at + 2;
    if (c >= 0x80)
        return fail(parser, OB_ERR_UNSUPPORTED, at,
                    _("non-ASCII characters in a class are not supported"));
    if (strchr("dDsSwW", c) != NULL) {
        item->shorthand = true;
        item->low = c;
        return OB_OK;
    }
    if (is_digit(c))
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("octal escapes are not supported"));
    if (c == 'b') {
        item->low = 0x08;
        return OB_OK;
    }
    int control = control_escape(c);
    if (control >= 0) {
        item->low = (unsigned char)control;
        return OB_OK;
    }
    if (c == 'x')
        return read_hex_escape(parser, at, &item->low);
    if (c == 'u' || c == 'U' || c == 'N')
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("unicode escapes are not supported"));
    if (is_ascii_letter(c))
        return fail(parser, OB_ERR_PARSE, at, _("bad escape in character set"));
    item->low = c;
    return OB_OK;
}

/* Reads a class; parser->i is at '['. Follows Python's reading: ']' first
 * is literal, and '-' is a range only between two single characters. */
static enum ob_status read_class(struct parser *parser)
{
    struct ob_filename_regex *regex = parser->regex;
    size_t start = parser->i;
    struct ob_regex_token *token = add_token(parser, OB_REGEX_CLASS);
    token->first_item = (uint32_t)regex->item_count;
    parser->i++;
    if (parser->i < parser->n && parser->p[parser->i] == '^') {
        token->negated = true;
        parser->i++;
    }
    for (bool first = true;; first = false) {
        if (parser->i >= parser->n)
            return fail(parser, OB_ERR_PARSE, start, _("unterminated character set"));
        if (parser->p[parser->i] == ']' && !first) {
            parser->i++;
            break;
        }
        size_t atom_at = parser->i;
        struct ob_regex_class_item *item = &regex->items[regex->item_count];
        enum ob_status status = read_class_atom(parser, item);
        if (status != OB_OK)
            return status;
        item->high = item->low;
        if (parser->i + 1 < parser->n && parser->p[parser->i] == '-' &&
            parser->p[parser->i + 1] != ']') {
            parser->i++;
            struct ob_regex_class_item high;
            if ((status = read_class_atom(parser, &high)) != OB_OK)
                return status;
            if (item->shorthand || high.shorthand || item->low > high.low)
                return fail(parser, OB_ERR_PARSE, atom_at, _("bad character range"));
            item->high = high.low;
            item->range = true;
        }
        if (!item->shorthand && item->low <= '\\' && item->high >= '\\')
            token->has_backslash = true;
        regex->item_count++;
        token->item_count++;
    }
    return OB_OK;
}

/* Length of a repeat "{n}", "{n,}", "{,m}", "{n,m}" at parser->i, or 0
 * when the brace is a literal (as Python reads it). */
static size_t repeat_length(const struct parser *parser, struct ob_regex_token *token)
{
    const unsigned char *p = parser->p;
    size_t j = parser->i + 1, low = 0, high = 0;
    token->low_at = (uint32_t)j;
    while (j < parser->n && is_digit(p[j])) {
        j++;
        low++;
    }
    token->comma = j < parser->n && p[j] == ',';
    if (token->comma) {
        j++;
        token->high_at = (uint32_t)j;
        while (j < parser->n && is_digit(p[j])) {
            j++;
            high++;
        }
    }
    if (j >= parser->n || p[j] != '}' || (!token->comma && low == 0))
        return 0;
    /* Longer counts are refused by the caller; the cap keeps them small. */
    token->low_digits = (unsigned char)(low < 255 ? low : 255);
    token->high_digits = (unsigned char)(high < 255 ? high : 255);
    return j + 1 - parser->i;
}

/* After a quantifier: a lazy '?' joins it, a possessive '+' is refused. */
static enum ob_status after_quantifier(struct parser *parser, struct ob_regex_token *token)
{
    if (parser->i < parser->n && parser->p[parser->i] == '?') {
        parser->i++;
        token->lazy = true;
        return OB_OK;
    }
    if (parser->i < parser->n && parser->p[parser->i] == '+')
        return fail(parser, OB_ERR_UNSUPPORTED, parser->i,
                    _("possessive quantifiers are not supported"));
    return OB_OK;
}

/* Reads '{' at parser->i: a counted repeat, or a literal brace. */
static enum ob_status read_brace(struct parser *parser)
{
    struct ob_regex_token repeat = {.kind = OB_REGEX_REPEAT, .form = OB_REPEAT_COUNTED};
    size_t length = repeat_length(parser, &repeat);
    if (length == 0) {
        parser->i++;
        add_literal(parser, '{', false);
        return OB_OK;
    }
    if (repeat.low_digits > MAX_REPEAT_DIGITS || repeat.high_digits > MAX_REPEAT_DIGITS)
        return fail(parser, OB_ERR_UNSUPPORTED, parser->i, _("repeat count too large"));
    for (size_t k = 0; k < repeat.low_digits; k++)
        repeat.minimum = repeat.minimum * 10 + (uint32_t)(parser->p[repeat.low_at + k] - '0');
    if (repeat.comma && repeat.low_digits == 0 && repeat.high_digits == 0)
        repeat.form = OB_REPEAT_STAR;
    parser->i += length;
    struct ob_regex_token *token = add_token(parser, OB_REGEX_REPEAT);
    *token = repeat;
    return after_quantifier(parser, token);
}

/* Reads '(' at parser->i, including the (?...) extensions. */
static enum ob_status read_group(struct parser *parser)
{
    size_t at = parser->i;
    if (!starts_with(parser, at, "(?") || starts_with(parser, at, "(?:")) {
        parser->i = at + (starts_with(parser, at, "(?:") ? 3 : 1);
        parser->open_groups[parser->depth++] = (uint32_t)parser->regex->count;
        add_token(parser, OB_REGEX_OPEN);
        return OB_OK;
    }
    if (starts_with(parser, at, "(?=") || starts_with(parser, at, "(?!"))
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("lookahead assertions are not supported"));
    if (starts_with(parser, at, "(?<=") || starts_with(parser, at, "(?<!"))
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("lookbehind assertions are not supported"));
    if (starts_with(parser, at, "(?P<") || starts_with(parser, at, "(?<"))
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("named groups are not supported"));
    if (starts_with(parser, at, "(?P="))
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("backreferences are not supported"));
    if (starts_with(parser, at, "(?#"))
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("comment groups are not supported"));
    if (starts_with(parser, at, "(?("))
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("conditional groups are not supported"));
    if (starts_with(parser, at, "(?>"))
        return fail(parser, OB_ERR_UNSUPPORTED, at, _("atomic groups are not supported"));
    if (at + 2 < parser->n && (is_ascii_letter(parser->p[at + 2]) || parser->p[at + 2] == '-'))
        return fail(parser, OB_ERR_UNSUPPORTED, at,
                    _("inline flags other than a leading (?i) are not supported"));
    return fail(parser, OB_ERR_PARSE, at, _("unknown group extension"));
}

static enum ob_status read_close(struct parser *parser)
{
    if (parser->depth == 0)
        return fail(parser, OB_ERR_PARSE, parser->i, _("unbalanced parenthesis"));
    uint32_t open = parser->open_groups[--parser->depth];
    parser->regex->tokens[open].close = (uint32_t)parser->regex->count;
    add_token(parser, OB_REGEX_CLOSE);
    parser->i++;
    return OB_OK;
}

static enum ob_status read_quantifier(struct parser *parser, unsigned char c)
{
    struct ob_regex_token *token = add_token(parser, OB_REGEX_REPEAT);
    token->form = c == '*' ? OB_REPEAT_STAR : c == '+' ? OB_REPEAT_PLUS : OB_REPEAT_QUESTION;
    token->minimum = c == '+';
    parser->i++;
    return after_quantifier(parser, token);
}

/* Reads one element outside a class at parser->i. */
static enum ob_status read_element(struct parser *parser)
{
    unsigned char c = parser->p[parser->i];
    parser->alternative_start = c == '(' || c == '|';
    switch (c) {
    case '\\': return read_escape(parser);
    case '[': return read_class(parser);
    case '(': return read_group(parser);
    case ')': return read_close(parser);
    case '{': return read_brace(parser);
    case '*':
    case '+':
    case '?': return read_quantifier(parser, c);
    case '|': add_token(parser, OB_REGEX_BAR); break;
    case '^': add_token(parser, OB_REGEX_START); break;
    case '$': add_token(parser, OB_REGEX_END); break;
    case '.': add_token(parser, OB_REGEX_ANY); break;
    default:
        if (c >= 0x80) {
            read_non_ascii(parser);
            return OB_OK;
        }
        add_literal(parser, c, false);
        break;
    }
    parser->i++;
    return OB_OK;
}

enum ob_status indicators_filename_regex_parse(const char *pattern, size_t length,
                                               struct ob_filename_regex *regex,
                                               struct ob_regex_error *error)
{
    memset(regex, 0, sizeof(*regex));
    regex->pattern = pattern;
    error->message = "";
    error->offset = 0;
    struct parser parser = {
        .p = (const unsigned char *)pattern,
        .n = length,
        .regex = regex,
        .error = error,
        .alternative_start = true,
    };
    enum ob_status status = OB_ERR_LIMIT;
    if (length >= UINT32_MAX) {
        status = fail(&parser, status, 0, _("pattern too long"));
        goto out;
    }
    /* Every token, class item and open group takes a byte of the pattern. */
    regex->tokens = malloc((length + 1) * sizeof(*regex->tokens));
    regex->items = malloc((length + 1) * sizeof(*regex->items));
    parser.open_groups = malloc((length + 1) * sizeof(*parser.open_groups));
    status = OB_ERR_NOMEM;
    if (regex->tokens == NULL || regex->items == NULL || parser.open_groups == NULL)
        goto out;
    if ((status = parse_leading_flags(&parser)) != OB_OK)
        goto out;
    if (parser.i >= parser.n) {
        status = fail(&parser, OB_ERR_UNSUPPORTED, parser.i, _("empty pattern"));
        goto out;
    }
    while (parser.i < parser.n) {
        if (parser.alternative_start) {
            parser.alternative_start = false;
            if (read_drive_root(&parser))
                continue;
        }
        if ((status = read_element(&parser)) != OB_OK)
            goto out;
    }
    if (parser.depth != 0)
        status = fail(&parser, OB_ERR_PARSE, parser.n, _("missing closing parenthesis"));
out:
    free(parser.open_groups);
    return status;
}

void indicators_filename_regex_release(struct ob_filename_regex *regex)
{
    free(regex->tokens);
    free(regex->items);
    memset(regex, 0, sizeof(*regex));
}

size_t indicators_filename_regex_next(const struct ob_filename_regex *regex, size_t index)
{
    const struct ob_regex_token *token = &regex->tokens[index];
    return token->kind == OB_REGEX_OPEN ? token->close + 1 : index + 1;
}
