/* SPDX-License-Identifier: Apache-2.0 */
/* STIX 2.1 patterning: a tokenizer and recursive-descent parser that lists a
 * pattern's comparisons, and the object paths that map to indicator types. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/array.h"
#include "core/buffer.h"
#include "core/i18n.h"
#include "core/text.h"
#include "ioc/ioc_internal.h"

#define PATTERN_MAX ((size_t)1 << 20) /* longest pattern parsed, in bytes */
#define COMPARISON_MAX 10000          /* comparisons in one pattern */
#define DEPTH_MAX 64                  /* nested parentheses */
#define PATH_COMPONENT_MAX 256        /* longest component ioc_stix_path_type compares */

enum token_kind {
    TOKEN_END,
    TOKEN_LBRACKET,
    TOKEN_RBRACKET,
    TOKEN_LPAREN,
    TOKEN_RPAREN,
    TOKEN_COLON,
    TOKEN_DOT,
    TOKEN_COMMA,
    TOKEN_ASTERISK,
    TOKEN_EQ,
    TOKEN_NE,
    TOKEN_LT,
    TOKEN_LE,
    TOKEN_GT,
    TOKEN_GE,
    TOKEN_STRING,
    TOKEN_INT,
    TOKEN_FLOAT,
    TOKEN_BINARY,
    TOKEN_HEX,
    TOKEN_TIMESTAMP,
    TOKEN_BOOL,
    TOKEN_IDENT,
    /* Keywords: upper case as in the grammar; words otherwise. */
    TOKEN_AND,
    TOKEN_OR,
    TOKEN_NOT,
    TOKEN_FOLLOWEDBY,
    TOKEN_LIKE,
    TOKEN_MATCHES,
    TOKEN_ISSUBSET,
    TOKEN_ISSUPERSET,
    TOKEN_IN,
    TOKEN_EXISTS,
    TOKEN_WITHIN,
    TOKEN_SECONDS,
    TOKEN_REPEATS,
    TOKEN_TIMES,
    TOKEN_START,
    TOKEN_STOP
};

static const struct {
    const char *text;
    enum token_kind kind;
} keywords[] = {
    {"AND", TOKEN_AND},
    {"OR", TOKEN_OR},
    {"NOT", TOKEN_NOT},
    {"FOLLOWEDBY", TOKEN_FOLLOWEDBY},
    {"LIKE", TOKEN_LIKE},
    {"MATCHES", TOKEN_MATCHES},
    {"ISSUBSET", TOKEN_ISSUBSET},
    {"ISSUPERSET", TOKEN_ISSUPERSET},
    {"IN", TOKEN_IN},
    {"EXISTS", TOKEN_EXISTS},
    {"WITHIN", TOKEN_WITHIN},
    {"SECONDS", TOKEN_SECONDS},
    {"REPEATS", TOKEN_REPEATS},
    {"TIMES", TOKEN_TIMES},
    {"START", TOKEN_START},
    {"STOP", TOKEN_STOP},
    {"true", TOKEN_BOOL},
    {"false", TOKEN_BOOL},
};

struct token {
    enum token_kind kind;
    size_t start, end; /* byte offsets in the pattern */
    bool word;         /* identifier-shaped (identifiers, keywords, booleans) */
};

struct parser {
    struct ob_context *ctx;
    const char *text;
    size_t length;
    size_t at; /* next byte to read */
    struct token token;
    int depth;
    struct ob_stix_pattern *out;
    size_t capacity;
    size_t value_length; /* of the last value copied: it may hold a NUL */
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_word_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Identifiers may hold '-' (object types do; unquoted property names with a
 * hyphen are tolerated). */
static bool is_word_char(char c)
{
    return is_word_start(c) || is_digit(c) || c == '-';
}

/* `what` is a marked text (N_), translated here. */
static enum ob_status fail_at(struct parser *p, size_t offset, const char *what)
{
    /* TRANSLATORS: a byte offset in the pattern, then what is wrong there. */
    return ob_context_fail(p->ctx, OB_ERR_PARSE, _("malformed STIX pattern at offset %zu: %s"),
                           offset, _(what));
}

/* "unexpected X": quotes at most 32 bytes of the token, printable only.
 * `expected` is a marked text (N_) or a token such as "')'". */
static enum ob_status fail_token(struct parser *p, const char *expected)
{
    /* TRANSLATORS: a byte offset, then what should be there ("a property
     * name", "')'"), and in the second message what was found instead. */
    if (p->token.kind == TOKEN_END)
        return ob_context_fail(
            p->ctx, OB_ERR_PARSE,
            _("malformed STIX pattern at offset %zu: expected %s, found the end"), p->token.start,
            _(expected));
    char shown[33];
    size_t n = p->token.end - p->token.start;
    if (n > sizeof(shown) - 1)
        n = sizeof(shown) - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p->text[p->token.start + i];
        shown[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    shown[n] = '\0';
    return ob_context_fail(p->ctx, OB_ERR_PARSE,
                           _("malformed STIX pattern at offset %zu: expected %s, found '%s'"),
                           p->token.start, _(expected), shown);
}

/* Reads the body of a quoted literal whose opening quote is at `quote`.
 * Strings may escape \' and \\; other backslashes are kept as written,
 * since producers often leave regex escapes such as \. single. */
static enum ob_status lex_quoted(struct parser *p, size_t quote, bool escapes)
{
    size_t i = quote + 1;
    while (i < p->length) {
        char c = p->text[i];
        if (c == '\\' && escapes) {
            i += 2;
            continue;
        }
        if (c == '\'') {
            p->at = i + 1;
            return OB_OK;
        }
        i++;
    }
    return fail_at(p, quote, N_("unterminated string"));
}

/* Checks the body of b'..', h'..' and t'..' literals. */
static enum ob_status check_literal(struct parser *p, char prefix, size_t start)
{
    const char *body = p->text + start + 2;
    size_t n = p->at - 1 - (start + 2);
    if (prefix == 'h') {
        if (n % 2 != 0)
            return fail_at(p, start, N_("hex literal with an odd number of digits"));
        for (size_t i = 0; i < n; i++)
            if (core_hex_value(body[i]) < 0)
                return fail_at(p, start, N_("hex literal with a non-hex digit"));
    } else if (prefix == 'b') {
        for (size_t i = 0; i < n; i++)
            if (!(is_word_start(body[i]) || is_digit(body[i]) || body[i] == '+' || body[i] == '/' ||
                  body[i] == '=') ||
                body[i] == '_')
                return fail_at(p, start, N_("binary literal that is not base64"));
    } else {
        /* YYYY-MM-DDTHH:MM:SS[.fraction]Z */
        static const char shape[] = "dddd-dd-ddTdd:dd:dd";
        size_t fixed = sizeof(shape) - 1;
        bool ok = n >= fixed + 1 && body[n - 1] == 'Z';
        for (size_t i = 0; ok && i < fixed; i++)
            ok = shape[i] == 'd' ? is_digit(body[i]) : body[i] == shape[i];
        if (ok && n > fixed + 1) {
            ok = body[fixed] == '.' && n > fixed + 2;
            for (size_t i = fixed + 1; ok && i < n - 1; i++)
                ok = is_digit(body[i]);
        }
        if (!ok)
            return fail_at(p, start, N_("timestamp literal not in the form YYYY-MM-DDTHH:MM:SSZ"));
    }
    return OB_OK;
}

static enum ob_status lex_number(struct parser *p, size_t start)
{
    size_t i = start;
    if (p->text[i] == '-' || p->text[i] == '+')
        i++;
    while (i < p->length && is_digit(p->text[i]))
        i++;
    p->token.kind = TOKEN_INT;
    if (i + 1 < p->length && p->text[i] == '.' && is_digit(p->text[i + 1])) {
        i++;
        while (i < p->length && is_digit(p->text[i]))
            i++;
        p->token.kind = TOKEN_FLOAT;
    }
    if (i < p->length && is_word_char(p->text[i]))
        return fail_at(p, start, N_("malformed number"));
    p->at = i;
    return OB_OK;
}

static enum ob_status lex_word(struct parser *p, size_t start)
{
    size_t i = start;
    while (i < p->length && is_word_char(p->text[i]))
        i++;
    size_t n = i - start;
    char c = p->text[start];
    if (n == 1 && i < p->length && p->text[i] == '\'' && (c == 'b' || c == 'h' || c == 't')) {
        enum ob_status status = lex_quoted(p, i, false);
        if (status != OB_OK)
            return status;
        p->token.kind = c == 'b' ? TOKEN_BINARY : c == 'h' ? TOKEN_HEX : TOKEN_TIMESTAMP;
        return check_literal(p, c, start);
    }
    p->at = i;
    p->token.kind = TOKEN_IDENT;
    p->token.word = true;
    for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
        if (strlen(keywords[k].text) == n && memcmp(keywords[k].text, p->text + start, n) == 0) {
            p->token.kind = keywords[k].kind;
            break;
        }
    }
    return OB_OK;
}

/* Reads the next token into p->token. */
static enum ob_status next(struct parser *p)
{
    while (p->at < p->length && is_space(p->text[p->at]))
        p->at++;
    size_t start = p->at;
    p->token = (struct token){.kind = TOKEN_END, .start = start, .end = start};
    if (start >= p->length)
        return OB_OK;
    enum ob_status status = OB_OK;
    char c = p->text[start];
    char following = start + 1 < p->length ? p->text[start + 1] : '\0';
    p->at = start + 1;
    switch (c) {
    case '[': p->token.kind = TOKEN_LBRACKET; break;
    case ']': p->token.kind = TOKEN_RBRACKET; break;
    case '(': p->token.kind = TOKEN_LPAREN; break;
    case ')': p->token.kind = TOKEN_RPAREN; break;
    case ':': p->token.kind = TOKEN_COLON; break;
    case '.': p->token.kind = TOKEN_DOT; break;
    case ',': p->token.kind = TOKEN_COMMA; break;
    case '*': p->token.kind = TOKEN_ASTERISK; break;
    case '=':
        p->token.kind = TOKEN_EQ;
        p->at += following == '=';
        break;
    case '!':
        if (following != '=')
            return fail_at(p, start, N_("'!' not followed by '='"));
        p->token.kind = TOKEN_NE;
        p->at++;
        break;
    case '<':
        p->token.kind = following == '=' ? TOKEN_LE : following == '>' ? TOKEN_NE : TOKEN_LT;
        p->at += following == '=' || following == '>';
        break;
    case '>':
        p->token.kind = following == '=' ? TOKEN_GE : TOKEN_GT;
        p->at += following == '=';
        break;
    case '\'':
        p->token.kind = TOKEN_STRING;
        status = lex_quoted(p, start, true);
        break;
    default:
        if (is_digit(c) || ((c == '-' || c == '+') && is_digit(following)))
            status = lex_number(p, start);
        else if (is_word_start(c))
            status = lex_word(p, start);
        else if (c == '\0')
            status = fail_at(p, start, N_("NUL byte"));
        else
            status = fail_at(p, start, N_("unexpected character"));
    }
    p->token.end = p->at;
    return status;
}

/* Consumes the current token when it is of `kind`; else an error naming
 * what was expected. */
static enum ob_status expect(struct parser *p, enum token_kind kind, const char *expected)
{
    if (p->token.kind != kind)
        return fail_token(p, expected);
    return next(p);
}

static enum ob_status enter(struct parser *p)
{
    if (++p->depth > DEPTH_MAX)
        return ob_context_fail(p->ctx, OB_ERR_PARSE,
                               P_("malformed STIX pattern at offset %zu: nested deeper than %d "
                                  "level",
                                  "malformed STIX pattern at offset %zu: nested deeper than %d "
                                  "levels",
                                  DEPTH_MAX),
                               p->token.start, DEPTH_MAX);
    return OB_OK;
}

/* The current string token without its quotes, \' and \\ unescaped. */
static char *unescape_string(struct parser *p)
{
    size_t start = p->token.start + 1, end = p->token.end - 1;
    char *value = malloc(end - start + 1);
    if (value == NULL)
        return NULL;
    size_t n = 0;
    for (size_t i = start; i < end; i++) {
        char c = p->text[i];
        if (c == '\\' && i + 1 < end && (p->text[i + 1] == '\'' || p->text[i + 1] == '\\'))
            c = p->text[++i];
        value[n++] = c;
    }
    value[n] = '\0';
    p->value_length = n;
    return value;
}

static char *copy_range(struct parser *p, size_t start, size_t end)
{
    char *value = malloc(end - start + 1);
    if (value != NULL) {
        memcpy(value, p->text + start, end - start);
        value[end - start] = '\0';
        p->value_length = end - start;
    }
    return value;
}

static enum ob_status add_comparison(struct parser *p, char *path, char *value, enum token_kind op,
                                     bool negated, size_t offset)
{
    enum ob_status status = OB_OK;
    struct ob_stix_pattern *out = p->out;
    if (out->count >= COMPARISON_MAX) {
        status = ob_context_fail(p->ctx, OB_ERR_LIMIT,
                                 P_("STIX pattern has more than %d comparison at offset %zu",
                                    "STIX pattern has more than %d comparisons at offset %zu",
                                    COMPARISON_MAX),
                                 COMPARISON_MAX, offset);
        goto out;
    }
    status = core_array_grow((void **)&out->comparisons, &p->capacity, out->count + 1,
                             sizeof(*out->comparisons), 4, COMPARISON_MAX);
    if (status != OB_OK) {
        status = ob_context_fail(p->ctx, status, _("out of memory parsing a STIX pattern"));
        goto out;
    }
    struct ob_stix_comparison *comparison = &out->comparisons[out->count++];
    comparison->object_path = path;
    comparison->value = value;
    comparison->value_length = p->value_length;
    comparison->negated = negated;
    switch (op) {
    case TOKEN_EQ:
        comparison->op = OB_STIX_EQ;
        comparison->op_text = "=";
        break;
    case TOKEN_NE:
        comparison->op = OB_STIX_NE;
        comparison->op_text = "!=";
        break;
    case TOKEN_MATCHES:
        comparison->op = OB_STIX_MATCHES;
        comparison->op_text = "MATCHES";
        break;
    default:
        comparison->op = OB_STIX_OTHER;
        comparison->op_text = op == TOKEN_LT           ? "<"
                              : op == TOKEN_LE         ? "<="
                              : op == TOKEN_GT         ? ">"
                              : op == TOKEN_GE         ? ">="
                              : op == TOKEN_IN         ? "IN"
                              : op == TOKEN_LIKE       ? "LIKE"
                              : op == TOKEN_ISSUBSET   ? "ISSUBSET"
                              : op == TOKEN_ISSUPERSET ? "ISSUPERSET"
                                                       : "EXISTS";
    }
    path = NULL;
    value = NULL;
out:
    free(path);
    free(value);
    return status;
}

/* objectType ':' component ('.' component | '[' (int | '*') ']')*, where a
 * component is an identifier or a quoted string. *path receives the path as
 * written, without white space. */
static enum ob_status parse_object_path(struct parser *p, char **path)
{
    *path = NULL;
    struct ob_buffer text;
    core_buffer_init(&text, PATTERN_MAX);
    enum ob_status status = OB_OK;
    if (!p->token.word) {
        status = fail_token(p, N_("an object path"));
        goto out;
    }
    status = core_buffer_append(&text, p->text + p->token.start, p->token.end - p->token.start);
    if (status == OB_OK)
        status = next(p);
    if (status == OB_OK && p->token.kind != TOKEN_COLON)
        status = fail_token(p, N_("':' after the object type"));
    if (status == OB_OK)
        status = core_buffer_append(&text, ":", 1);
    if (status == OB_OK)
        status = next(p);
    bool component = true; /* a property name is expected next */
    while (status == OB_OK) {
        const struct token token = p->token;
        if (component) {
            if (!token.word && token.kind != TOKEN_STRING) {
                status = fail_token(p, N_("a property name"));
                break;
            }
            status = core_buffer_append(&text, p->text + token.start, token.end - token.start);
            component = false;
        } else if (token.kind == TOKEN_DOT) {
            status = core_buffer_append(&text, ".", 1);
            component = true;
        } else if (token.kind == TOKEN_LBRACKET) {
            if ((status = next(p)) != OB_OK)
                break;
            if (p->token.kind != TOKEN_INT && p->token.kind != TOKEN_ASTERISK) {
                status = fail_token(p, N_("a list index or '*'"));
                break;
            }
            status = core_buffer_printf(&text, "[%.*s]", (int)(p->token.end - p->token.start),
                                        p->text + p->token.start);
            if (status == OB_OK && (status = next(p)) == OB_OK && p->token.kind != TOKEN_RBRACKET)
                status = fail_token(p, N_("']' after the list index"));
        } else {
            break;
        }
        if (status == OB_OK)
            status = next(p);
    }
    if (status == OB_ERR_NOMEM || status == OB_ERR_LIMIT)
        status = ob_context_fail(p->ctx, status, _("STIX pattern object path: %s"),
                                 ob_strerror(status));
out:
    if (status == OB_OK) {
        *path = (char *)text.data;
        text.data = NULL;
    }
    core_buffer_release(&text);
    return status;
}

static bool is_primitive_literal(enum token_kind kind)
{
    return kind == TOKEN_STRING || kind == TOKEN_INT || kind == TOKEN_FLOAT ||
           kind == TOKEN_BINARY || kind == TOKEN_HEX || kind == TOKEN_TIMESTAMP ||
           kind == TOKEN_BOOL;
}

/* The value of the literal token: strings unescaped, others as written. */
static enum ob_status literal_value(struct parser *p, char **value)
{
    *value = p->token.kind == TOKEN_STRING ? unescape_string(p)
                                           : copy_range(p, p->token.start, p->token.end);
    if (*value == NULL)
        return ob_context_fail(p->ctx, OB_ERR_NOMEM, _("out of memory parsing a STIX pattern"));
    return next(p);
}

/* '(' [literal (',' literal)*] ')': the value is the set as written. */
static enum ob_status parse_set(struct parser *p, char **value)
{
    *value = NULL;
    size_t start = p->token.start;
    enum ob_status status = expect(p, TOKEN_LPAREN, N_("'(' to open the IN set"));
    bool first = true;
    while (status == OB_OK && p->token.kind != TOKEN_RPAREN) {
        if (!first && (status = expect(p, TOKEN_COMMA, N_("',' or ')' in the IN set"))) != OB_OK)
            break;
        if (!is_primitive_literal(p->token.kind)) {
            status = fail_token(p, N_("a literal in the IN set"));
            break;
        }
        status = next(p);
        first = false;
    }
    if (status != OB_OK)
        return status;
    size_t end = p->token.end;
    if ((*value = copy_range(p, start, end)) == NULL)
        return ob_context_fail(p->ctx, OB_ERR_NOMEM, _("out of memory parsing a STIX pattern"));
    return next(p);
}

/* objectPath [NOT] operator literal, or EXISTS objectPath. */
static enum ob_status parse_property_test(struct parser *p)
{
    size_t offset = p->token.start;
    char *path = NULL, *value = NULL;
    enum ob_status status;
    if (p->token.kind == TOKEN_EXISTS) {
        if ((status = next(p)) != OB_OK || (status = parse_object_path(p, &path)) != OB_OK)
            goto out;
        value = calloc(1, 1);
        p->value_length = 0;
        if (value == NULL) {
            status = ob_context_fail(p->ctx, OB_ERR_NOMEM,
                                     _("out of memory parsing a STIX pattern"));
            goto out;
        }
        status = add_comparison(p, path, value, TOKEN_EXISTS, false, offset);
        path = value = NULL;
        goto out;
    }
    if ((status = parse_object_path(p, &path)) != OB_OK)
        goto out;
    bool negated = p->token.kind == TOKEN_NOT;
    if (negated && (status = next(p)) != OB_OK)
        goto out;
    enum token_kind op = p->token.kind;
    switch (op) {
    case TOKEN_EQ:
    case TOKEN_NE:
        if ((status = next(p)) != OB_OK)
            goto out;
        if (!is_primitive_literal(p->token.kind)) {
            status = fail_token(p, N_("a literal"));
            goto out;
        }
        status = literal_value(p, &value);
        break;
    case TOKEN_LT:
    case TOKEN_LE:
    case TOKEN_GT:
    case TOKEN_GE:
        if ((status = next(p)) != OB_OK)
            goto out;
        if (!is_primitive_literal(p->token.kind) || p->token.kind == TOKEN_BOOL) {
            status = fail_token(p, N_("an orderable literal"));
            goto out;
        }
        status = literal_value(p, &value);
        break;
    case TOKEN_IN:
        if ((status = next(p)) != OB_OK)
            goto out;
        status = parse_set(p, &value);
        break;
    case TOKEN_LIKE:
    case TOKEN_MATCHES:
    case TOKEN_ISSUBSET:
    case TOKEN_ISSUPERSET:
        if ((status = next(p)) != OB_OK)
            goto out;
        if (p->token.kind != TOKEN_STRING) {
            status = fail_token(p, N_("a string literal"));
            goto out;
        }
        status = literal_value(p, &value);
        break;
    default: status = fail_token(p, N_("a comparison operator")); goto out;
    }
    if (status != OB_OK)
        goto out;
    status = add_comparison(p, path, value, op, negated, offset);
    path = value = NULL;
out:
    free(path);
    free(value);
    return status;
}

static enum ob_status parse_comparison_or(struct parser *p);

/* A property test or a parenthesised comparison expression. */
static enum ob_status parse_comparison_primary(struct parser *p)
{
    if (p->token.kind != TOKEN_LPAREN)
        return parse_property_test(p);
    enum ob_status status = enter(p);
    if (status == OB_OK)
        status = next(p);
    if (status == OB_OK)
        status = parse_comparison_or(p);
    if (status == OB_OK)
        status = expect(p, TOKEN_RPAREN, "')'");
    p->depth--;
    return status;
}

static enum ob_status parse_comparison_and(struct parser *p)
{
    enum ob_status status = parse_comparison_primary(p);
    while (status == OB_OK && p->token.kind == TOKEN_AND) {
        p->out->has_and = true;
        if ((status = next(p)) == OB_OK)
            status = parse_comparison_primary(p);
    }
    return status;
}

static enum ob_status parse_comparison_or(struct parser *p)
{
    enum ob_status status = parse_comparison_and(p);
    while (status == OB_OK && p->token.kind == TOKEN_OR) {
        if ((status = next(p)) == OB_OK)
            status = parse_comparison_and(p);
    }
    return status;
}

static bool positive_number(const struct parser *p, bool integer_only)
{
    if (p->token.kind != TOKEN_INT && (integer_only || p->token.kind != TOKEN_FLOAT))
        return false;
    const char *text = p->text + p->token.start;
    if (text[0] == '-')
        return false;
    /* Zero is not positive: some digit other than 0 (and '.', '+'). */
    for (size_t i = 0; i < p->token.end - p->token.start; i++)
        if (text[i] >= '1' && text[i] <= '9')
            return true;
    return false;
}

/* WITHIN n SECONDS, REPEATS n TIMES, START t'..' STOP t'..'. */
static enum ob_status parse_qualifier(struct parser *p)
{
    enum token_kind kind = p->token.kind;
    enum ob_status status = next(p);
    if (status != OB_OK)
        return status;
    if (kind == TOKEN_WITHIN) {
        if (!positive_number(p, false))
            return fail_token(p, N_("a positive number of seconds after WITHIN"));
        if ((status = next(p)) != OB_OK)
            return status;
        return expect(p, TOKEN_SECONDS, "SECONDS");
    }
    if (kind == TOKEN_REPEATS) {
        if (!positive_number(p, true))
            return fail_token(p, N_("a positive integer after REPEATS"));
        if ((status = next(p)) != OB_OK)
            return status;
        return expect(p, TOKEN_TIMES, "TIMES");
    }
    status = expect(p, TOKEN_TIMESTAMP, N_("a timestamp literal after START"));
    if (status == OB_OK)
        status = expect(p, TOKEN_STOP, "STOP");
    if (status == OB_OK)
        status = expect(p, TOKEN_TIMESTAMP, N_("a timestamp literal after STOP"));
    return status;
}

static enum ob_status parse_observation_expressions(struct parser *p);

/* '[' comparisons ']' or '(' observation expressions ')', then qualifiers. */
static enum ob_status parse_observation(struct parser *p)
{
    enum ob_status status;
    if (p->token.kind == TOKEN_LBRACKET) {
        status = next(p);
        if (status == OB_OK)
            status = parse_comparison_or(p);
        if (status == OB_OK)
            status = expect(p, TOKEN_RBRACKET, N_("']' or a boolean operator"));
    } else if (p->token.kind == TOKEN_LPAREN) {
        status = enter(p);
        if (status == OB_OK)
            status = next(p);
        if (status == OB_OK)
            status = parse_observation_expressions(p);
        if (status == OB_OK)
            status = expect(p, TOKEN_RPAREN, "')'");
        p->depth--;
    } else {
        return fail_token(p, N_("'[' or '('"));
    }
    while (status == OB_OK && (p->token.kind == TOKEN_WITHIN || p->token.kind == TOKEN_REPEATS ||
                               p->token.kind == TOKEN_START))
        status = parse_qualifier(p);
    return status;
}

static enum ob_status parse_observation_and(struct parser *p)
{
    enum ob_status status = parse_observation(p);
    while (status == OB_OK && p->token.kind == TOKEN_AND) {
        p->out->has_and = true;
        if ((status = next(p)) == OB_OK)
            status = parse_observation(p);
    }
    return status;
}

static enum ob_status parse_observation_or(struct parser *p)
{
    enum ob_status status = parse_observation_and(p);
    while (status == OB_OK && p->token.kind == TOKEN_OR) {
        if ((status = next(p)) == OB_OK)
            status = parse_observation_and(p);
    }
    return status;
}

/* FOLLOWEDBY requires both sides, like AND, so it sets has_and too. */
static enum ob_status parse_observation_expressions(struct parser *p)
{
    enum ob_status status = parse_observation_or(p);
    while (status == OB_OK && p->token.kind == TOKEN_FOLLOWEDBY) {
        p->out->has_and = true;
        if ((status = next(p)) == OB_OK)
            status = parse_observation_or(p);
    }
    return status;
}

enum ob_status ioc_stix_pattern_parse(struct ob_context *ctx, const char *pattern, size_t length,
                                      struct ob_stix_pattern *out)
{
    memset(out, 0, sizeof(*out));
    if (length > PATTERN_MAX)
        return ob_context_fail(ctx, OB_ERR_LIMIT,
                               P_("STIX pattern of %zu byte, more than %zu",
                                  "STIX pattern of %zu bytes, more than %zu", length),
                               length, PATTERN_MAX);
    struct parser p = {.ctx = ctx, .text = pattern, .length = length, .out = out};
    enum ob_status status = next(&p);
    if (status == OB_OK)
        status = parse_observation_expressions(&p);
    if (status == OB_OK && p.token.kind != TOKEN_END)
        status = fail_token(&p, N_("the end of the pattern or a boolean operator"));
    if (status != OB_OK)
        ioc_stix_pattern_release(out);
    return status;
}

void ioc_stix_pattern_release(struct ob_stix_pattern *pattern)
{
    if (pattern == NULL)
        return;
    for (size_t i = 0; i < pattern->count; i++) {
        free(pattern->comparisons[i].object_path);
        free(pattern->comparisons[i].value);
    }
    free(pattern->comparisons);
    memset(pattern, 0, sizeof(*pattern));
}

/* ---- Object paths ---------------------------------------------------------- */

/* Reads one component of an object path at *at (an identifier, or a quoted
 * string unescaped) into `out` and moves past it and its '.' separator.
 * False at the end, on a list index, or when the component is too long. */
static bool read_component(const char **at, char *out, size_t size)
{
    const char *s = *at;
    size_t n = 0;
    if (*s == '\0' || *s == '[')
        return false;
    if (*s == '\'') {
        for (s++; *s != '\0' && *s != '\''; s++) {
            if (*s == '\\' && (s[1] == '\'' || s[1] == '\\'))
                s++;
            if (n + 1 >= size)
                return false;
            out[n++] = *s;
        }
        if (*s != '\'')
            return false;
        s++;
    } else {
        for (; *s != '\0' && *s != '.' && *s != '['; s++) {
            if (n + 1 >= size)
                return false;
            out[n++] = *s;
        }
        if (n == 0)
            return false;
    }
    out[n] = '\0';
    if (*s == '.' && s[1] != '\0')
        s++;
    else if (*s != '\0')
        return false;
    *at = s;
    return true;
}

static bool hash_name(const char *name, enum ob_ioc_type *type)
{
    if (strcasecmp(name, "sha256") == 0 || strcasecmp(name, "sha-256") == 0)
        *type = OB_IOC_SHA256;
    else if (strcasecmp(name, "sha1") == 0 || strcasecmp(name, "sha-1") == 0)
        *type = OB_IOC_SHA1;
    else if (strcasecmp(name, "md5") == 0)
        *type = OB_IOC_MD5;
    else
        return false;
    return true;
}

bool ioc_stix_path_type(const char *object_path, enum ob_ioc_type *type)
{
    const char *colon = strchr(object_path, ':');
    if (colon == NULL)
        return false;
    size_t type_length = (size_t)(colon - object_path);
    char object[64];
    if (type_length >= sizeof(object))
        return false;
    memcpy(object, object_path, type_length);
    object[type_length] = '\0';
    char parts[3][PATH_COMPONENT_MAX];
    size_t count = 0;
    const char *at = colon + 1;
    while (*at != '\0') {
        if (count == 3 || !read_component(&at, parts[count], sizeof(parts[count])))
            return false;
        count++;
    }
    static const struct {
        const char *object, *property;
        enum ob_ioc_type type;
    } simple[] = {
        {"domain-name", "value", OB_IOC_DOMAIN},
        {"url", "value", OB_IOC_URL},
        {"email-addr", "value", OB_IOC_EMAIL},
        {"ipv4-addr", "value", OB_IOC_IPV4},
        {"ipv6-addr", "value", OB_IOC_IPV6},
        {"file", "name", OB_IOC_FILE_NAME},
        {"file", "path", OB_IOC_FILE_PATH},
        {"process", "name", OB_IOC_PROCESS_NAME},
        {"app", "id", OB_IOC_APP_ID},
        {"configuration-profile", "id", OB_IOC_CONFIG_PROFILE_ID},
    };
    if (count == 1) {
        for (size_t i = 0; i < sizeof(simple) / sizeof(simple[0]); i++) {
            if (strcmp(object, simple[i].object) == 0 &&
                strcmp(parts[0], simple[i].property) == 0) {
                *type = simple[i].type;
                return true;
            }
        }
        return false;
    }
    enum ob_ioc_type hash;
    if (count != 2 || !hash_name(parts[1], &hash))
        return false;
    if (strcmp(object, "file") == 0 && strcmp(parts[0], "hashes") == 0) {
        *type = hash;
        return true;
    }
    if (strcmp(object, "app") == 0 && strcmp(parts[0], "cert") == 0 && hash == OB_IOC_SHA256) {
        *type = OB_IOC_APP_CERT_SHA256;
        return true;
    }
    return false;
}
