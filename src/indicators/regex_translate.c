/* SPDX-License-Identifier: Apache-2.0 */
/* Writes parsed file-name regexes as YARA regex literals. */
#include "indicators/regex_translate.h"

#include <string.h>

/* A path separator of either operating system, as YARA regex text. */
#define SEPARATOR "[\\\\\\/]"
/* A Windows drive root as it is written: a letter, a colon, a separator. */
#define DRIVE_SHAPE "[A-Za-z]:" SEPARATOR

static enum ob_status emit_hex(struct ob_buffer *out, unsigned char byte)
{
    return core_buffer_printf(out, "\\x%02x", byte);
}

/* A byte outside a class, escaped where YARA would read it as syntax. */
static enum ob_status emit_literal(struct ob_buffer *out, unsigned char c)
{
    char text[3] = {'\\', (char)c, '\0'};
    if (c < 0x20 || c >= 0x7f)
        return emit_hex(out, c);
    if (strchr("/.^$|?*+()[]{}", c) != NULL)
        return core_buffer_append_str(out, text);
    return core_buffer_append_str(out, text + 1);
}

/* A byte in a class: class syntax characters are escaped, so '-' is only
 * ever a range operator. */
static enum ob_status emit_class_byte(struct ob_buffer *out, unsigned char c)
{
    char text[3] = {'\\', (char)c, '\0'};
    if (c < 0x20 || c >= 0x7f)
        return emit_hex(out, c);
    if (strchr("\\]^-[/", c) != NULL)
        return core_buffer_append_str(out, text);
    return core_buffer_append_str(out, text + 1);
}

static enum ob_status emit_class(const struct ob_filename_regex *regex,
                                 const struct ob_regex_token *token, struct ob_buffer *out)
{
    enum ob_status status = core_buffer_append_str(out, token->negated ? "[^" : "[");
    for (uint32_t k = 0; k < token->item_count && status == OB_OK; k++) {
        const struct ob_regex_class_item *item = &regex->items[token->first_item + k];
        if (item->shorthand) {
            char text[3] = {'\\', (char)item->low, '\0'};
            status = core_buffer_append_str(out, text);
            continue;
        }
        status = emit_class_byte(out, item->low);
        if (status == OB_OK && item->range) {
            status = core_buffer_append_str(out, "-");
            if (status == OB_OK)
                status = emit_class_byte(out, item->high);
        }
    }
    /* Appended last, where it cannot join a range. */
    if (status == OB_OK && token->has_backslash)
        status = core_buffer_append_str(out, "\\/");
    return status == OB_OK ? core_buffer_append_str(out, "]") : status;
}

static enum ob_status emit_repeat(const struct ob_filename_regex *regex,
                                  const struct ob_regex_token *token, struct ob_buffer *out)
{
    const char *low = regex->pattern + token->low_at;
    const char *high = regex->pattern + token->high_at;
    enum ob_status status;
    switch (token->form) {
    case OB_REPEAT_STAR: status = core_buffer_append_str(out, "*"); break;
    case OB_REPEAT_PLUS: status = core_buffer_append_str(out, "+"); break;
    case OB_REPEAT_QUESTION: status = core_buffer_append_str(out, "?"); break;
    case OB_REPEAT_COUNTED:
    default:
        if (!token->comma)
            status = core_buffer_printf(out, "{%.*s}", (int)token->low_digits, low);
        else
            status = core_buffer_printf(out, "{%.*s,%.*s}",
                                        token->low_digits ? (int)token->low_digits : 1,
                                        token->low_digits ? low : "0", (int)token->high_digits,
                                        high);
        break;
    }
    if (status == OB_OK && token->lazy)
        status = core_buffer_append_str(out, "?");
    return status;
}

static enum ob_status emit_token(const struct ob_filename_regex *regex,
                                 const struct ob_regex_token *token, bool drive_shape,
                                 struct ob_buffer *out)
{
    switch (token->kind) {
    case OB_REGEX_LITERAL: return emit_literal(out, token->byte);
    case OB_REGEX_CHARACTER: {
        enum ob_status status = core_buffer_append_str(out, "(");
        for (size_t k = 0; k < token->length && status == OB_OK; k++)
            status = emit_hex(out, token->bytes[k]);
        return status == OB_OK ? core_buffer_append_str(out, ")") : status;
    }
    case OB_REGEX_SEPARATOR: return core_buffer_append_str(out, SEPARATOR);
    case OB_REGEX_DRIVE_ROOT:
        return core_buffer_append_str(out, drive_shape ? DRIVE_SHAPE : SEPARATOR);
    case OB_REGEX_ANY: return core_buffer_append_str(out, ".");
    case OB_REGEX_SHORTHAND: {
        char text[3] = {'\\', (char)token->byte, '\0'};
        return core_buffer_append_str(out, text);
    }
    case OB_REGEX_CLASS: return emit_class(regex, token, out);
    case OB_REGEX_START: return core_buffer_append_str(out, "^");
    case OB_REGEX_END: return core_buffer_append_str(out, "$");
    case OB_REGEX_OPEN: return core_buffer_append_str(out, "(");
    case OB_REGEX_CLOSE: return core_buffer_append_str(out, ")");
    case OB_REGEX_BAR: return core_buffer_append_str(out, "|");
    case OB_REGEX_REPEAT: return emit_repeat(regex, token, out);
    }
    return OB_ERR_INTERNAL;
}

/* The index of the OPEN token of the group that CLOSE token `close` ends. */
static size_t group_open(const struct ob_filename_regex *regex, size_t close)
{
    size_t i = close;
    while (i > 0 &&
           !(regex->tokens[i - 1].kind == OB_REGEX_OPEN && regex->tokens[i - 1].close == close))
        i--;
    return i > 0 ? i - 1 : 0;
}

/* True when a match of tokens [begin, end) can end without a name ending
 * there: its last token (of any alternative, inside groups too) is neither a
 * separator, a drive root nor '$'. */
static bool ends_inside_a_name(const struct ob_filename_regex *regex, size_t begin, size_t end)
{
    if (end <= begin)
        return false; /* an empty alternative ends where the text before it did */
    size_t last = end - 1;
    switch (regex->tokens[last].kind) {
    case OB_REGEX_END:
    case OB_REGEX_SEPARATOR:
    case OB_REGEX_DRIVE_ROOT: return false;
    case OB_REGEX_REPEAT: return ends_inside_a_name(regex, begin, last);
    case OB_REGEX_CLOSE: {
        size_t open = group_open(regex, last);
        size_t from = open + 1;
        for (size_t i = from; i < last; i = indicators_filename_regex_next(regex, i)) {
            if (regex->tokens[i].kind != OB_REGEX_BAR)
                continue;
            if (ends_inside_a_name(regex, from, i))
                return true;
            from = i + 1;
        }
        return ends_inside_a_name(regex, from, last);
    }
    default: return true;
    }
}

static enum ob_status translate(const struct ob_filename_regex *regex, bool drive_shape,
                                struct ob_buffer *out)
{
    /* A path from a drive's root ends where a name ends: "C:\\1.com" is
     * not found in "C:\\1.com.php\\". A pattern that ends in a separator
     * or an anchor already says where it ends. */
    bool bounded = drive_shape && indicators_regex_ends_at_a_name(regex);
    enum ob_status status = core_buffer_append_str(out, bounded ? "/(" : "/");
    for (size_t i = 0; i < regex->count && status == OB_OK; i++)
        status = emit_token(regex, &regex->tokens[i], drive_shape, out);
    if (status == OB_OK && bounded)
        status = core_buffer_append_str(out, ")(" SEPARATOR "|$)");
    if (status == OB_OK)
        status = core_buffer_append_str(out, regex->nocase ? "/i" : "/");
    return status;
}

enum ob_status indicators_regex_translate(const struct ob_filename_regex *regex,
                                          struct ob_buffer *out)
{
    return translate(regex, false, out);
}

enum ob_status indicators_regex_translate_drive(const struct ob_filename_regex *regex,
                                                struct ob_buffer *out)
{
    return translate(regex, true, out);
}

bool indicators_regex_ends_at_a_name(const struct ob_filename_regex *regex)
{
    return indicators_regex_has_drive_root(regex) && ends_inside_a_name(regex, 0, regex->count);
}

bool indicators_regex_has_drive_root(const struct ob_filename_regex *regex)
{
    for (size_t i = 0; i < regex->count; i++)
        if (regex->tokens[i].kind == OB_REGEX_DRIVE_ROOT)
            return true;
    return false;
}
