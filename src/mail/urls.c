/* SPDX-License-Identifier: Apache-2.0 */
/* Finds the links of a message body: bare URLs and www. hosts in text, and
 * in HTML the targets of anchors, forms, images and frames with the text
 * an anchor shows, through a small tolerant scanner. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/text.h"
#include "mail/mail_internal.h"

#define URL_LENGTH_MAX ((size_t)16 << 10) /* bytes of one URL kept */
#define SHOWN_MAX 512                     /* bytes of an anchor's shown text */
#define NAME_MAX_LENGTH 16                /* tag and attribute names compared */

/* ---- storing links ---------------------------------------------------------- */

struct finder {
    struct ob_mail_message *message;
    enum ob_status status; /* OB_ERR_NOMEM stops the scan */
    bool full;             /* the message reached OB_MAIL_URLS_MAX */
    uint64_t *hashes;      /* of message->links, so duplicates cost no string compares */
};

static uint64_t link_hash(const char *url, size_t url_length, const char *shown,
                          size_t shown_length, int kind)
{
    uint64_t hash = 14695981039346656037u ^ (uint64_t)kind;
    for (size_t i = 0; i < url_length; i++)
        hash = (hash ^ (unsigned char)url[i]) * 1099511628211u;
    hash = (hash ^ 0xff) * 1099511628211u;
    for (size_t i = 0; i < shown_length; i++)
        hash = (hash ^ (unsigned char)shown[i]) * 1099511628211u;
    return hash;
}

static bool is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool starts_with_nocase(const char *text, size_t length, const char *prefix)
{
    size_t n = strlen(prefix);
    if (length < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)prefix[i])
            return false;
    }
    return true;
}

static void add_link(struct finder *finder, const char *url, size_t url_length, const char *shown,
                     size_t shown_length, int kind)
{
    struct ob_mail_message *message = finder->message;
    if (finder->status != OB_OK || url_length == 0)
        return;
    if (url_length > URL_LENGTH_MAX)
        url_length = URL_LENGTH_MAX;
    /* The same link twice (a repeated button or footer) is one link. */
    uint64_t hash = link_hash(url, url_length, shown, shown_length, kind);
    for (size_t i = 0; i < message->link_count; i++) {
        const struct ob_mail_link *link = &message->links[i];
        if (finder->hashes[i] == hash && (int)link->kind == kind &&
            strnlen(link->url, url_length + 1) == url_length &&
            memcmp(link->url, url, url_length) == 0 &&
            strnlen(link->shown, shown_length + 1) == shown_length &&
            memcmp(link->shown, shown, shown_length) == 0)
            return;
    }
    if (message->link_count >= OB_MAIL_URLS_MAX) {
        if (!finder->full)
            mail_message_notice(message,
                                P_("message has more than %d link; the rest were not examined",
                                   "message has more than %d links; the rest were not examined",
                                   OB_MAIL_URLS_MAX),
                                OB_MAIL_URLS_MAX);
        finder->full = true;
        return;
    }
    struct ob_mail_link link = {.kind = kind};
    enum ob_status status = core_arena_strdup(&message->text, url, url_length, &link.url);
    if (status == OB_OK)
        status = core_arena_strdup(&message->text, shown, shown_length, &link.shown);
    /* The links keep no capacity beside their count. */
    if (status == OB_OK)
        status = core_array_grow_counted((void **)&message->links, message->link_count,
                                         sizeof(*message->links), 16, OB_MAIL_URLS_MAX);
    if (status == OB_ERR_LIMIT) {
        mail_message_notice(message, "%s", _("message is too large to keep all its links"));
        finder->full = true;
        return;
    }
    if (status != OB_OK) {
        finder->status = status;
        return;
    }
    finder->hashes[message->link_count] = hash;
    message->links[message->link_count++] = link;
}

/* ---- bare URLs in text -------------------------------------------------------- */

/* Length of the URL starting at text[0] (after its scheme was recognised):
 * up to whitespace, a quote or an angle bracket, without the trailing
 * punctuation that belongs to the sentence. */
static size_t url_extent(const char *text, size_t length)
{
    size_t end = 0;
    while (end < length) {
        unsigned char c = (unsigned char)text[end];
        if (c < 0x20 || c == ' ' || c == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' ||
            c == '`')
            break;
        /* U+00A0 no-break space ends a URL as a space would, and so does
         * U+FFFD, which stands for a byte that was not text (a NUL). */
        if (c == 0xc2 && end + 1 < length && (unsigned char)text[end + 1] == 0xa0)
            break;
        if (c == 0xef && end + 2 < length && (unsigned char)text[end + 1] == 0xbf &&
            (unsigned char)text[end + 2] == 0xbd)
            break;
        end++;
    }
    for (;;) {
        if (end == 0)
            break;
        char last = text[end - 1];
        if (strchr(".,;:!?", last) != NULL) {
            end--;
            continue;
        }
        /* A closing bracket stays when the URL opened it (Wikipedia's
         * "…_(disambiguation)"). */
        if (last == ')' || last == ']') {
            char open = last == ')' ? '(' : '[';
            size_t opened = 0, closed = 0;
            for (size_t i = 0; i < end; i++) {
                opened += text[i] == open;
                closed += text[i] == last;
            }
            if (closed > opened) {
                end--;
                continue;
            }
        }
        break;
    }
    return end;
}

static bool is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_' || c == '/' || c == '@' || c >= 0x80;
}

/* Finds http://, https://, ftp:// and www. links in plain text. */
static void scan_text(struct finder *finder, const char *text, size_t length)
{
    static const char *const schemes[] = {"http://", "https://", "ftp://"};
    size_t at = 0;
    while (at < length && finder->status == OB_OK && !finder->full) {
        unsigned char c = (unsigned char)text[at];
        if (c != 'h' && c != 'H' && c != 'f' && c != 'F' && c != 'w' && c != 'W') {
            at++;
            continue;
        }
        /* A link starts a word: "xhttp://", "a.www.b" and "/www." are not
         * links (bytes of non-ASCII letters and spaces do not count). */
        if (at > 0 && is_word_byte((unsigned char)text[at - 1]) &&
            (unsigned char)text[at - 1] < 0x80) {
            at++;
            continue;
        }
        size_t prefix = 0;
        for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]) && prefix == 0; i++)
            if (starts_with_nocase(text + at, length - at, schemes[i]))
                prefix = strlen(schemes[i]);
        if (prefix == 0 && starts_with_nocase(text + at, length - at, "www.") && at + 4 < length &&
            is_word_byte((unsigned char)text[at + 4]) && text[at + 4] != '.')
            prefix = 4;
        if (prefix == 0) {
            at++;
            continue;
        }
        size_t extent = url_extent(text + at, length - at);
        if (extent > prefix)
            add_link(finder, text + at, extent, "", 0, OB_LINK_TEXT);
        at += extent > prefix ? extent : prefix;
    }
}

/* ---- HTML -------------------------------------------------------------------- */

/* A growing byte buffer with a cap; bytes past the cap are dropped. */
struct text_buffer {
    char *bytes;
    size_t length, capacity, cap;
    bool failed;
};

static void buffer_add(struct text_buffer *buffer, const char *bytes, size_t length)
{
    if (buffer->failed)
        return;
    if (length > buffer->cap - buffer->length)
        length = buffer->cap - buffer->length;
    if (length == 0)
        return;
    if (buffer->length + length > buffer->capacity &&
        core_array_grow((void **)&buffer->bytes, &buffer->capacity, buffer->length + length, 1, 256,
                        buffer->cap) != OB_OK) {
        buffer->failed = true;
        return;
    }
    memcpy(buffer->bytes + buffer->length, bytes, length);
    buffer->length += length;
}

/* Appends text, collapsing runs of whitespace to one space and dropping
 * leading whitespace. */
static void buffer_add_collapsed(struct text_buffer *buffer, const char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)bytes[i];
        bool space = is_ascii_space(c);
        if (c == 0xc2 && i + 1 < length && (unsigned char)bytes[i + 1] == 0xa0) {
            space = true;
            i++;
        }
        if (space) {
            if (buffer->length > 0 && buffer->bytes[buffer->length - 1] != ' ')
                buffer_add(buffer, " ", 1);
        } else {
            buffer_add(buffer, bytes + i, 1);
        }
    }
}

static size_t utf8_encode(uint32_t code, char out[4])
{
    if (code == 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        code = 0xfffd;
    if (code < 0x80) {
        out[0] = (char)code;
        return 1;
    }
    if (code < 0x800) {
        out[0] = (char)(0xc0 | (code >> 6));
        out[1] = (char)(0x80 | (code & 0x3f));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = (char)(0xe0 | (code >> 12));
        out[1] = (char)(0x80 | ((code >> 6) & 0x3f));
        out[2] = (char)(0x80 | (code & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (code >> 18));
    out[1] = (char)(0x80 | ((code >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((code >> 6) & 0x3f));
    out[3] = (char)(0x80 | (code & 0x3f));
    return 4;
}

/* The value of a decimal digit, or of a hex digit when `hex`; else -1. */
static int digit_value(char c, bool hex)
{
    if (hex)
        return core_hex_value(c);
    return c >= '0' && c <= '9' ? c - '0' : -1;
}

/* Decodes the character reference at text[0] == '&'. Returns the bytes it
 * used (0 when it is not one) and writes its UTF-8 form to out. */
static size_t entity_decode(const char *text, size_t length, char out[4], size_t *out_length)
{
    static const struct {
        const char *name;
        const char *utf8;
    } named[] = {{"amp;", "&"},    {"lt;", "<"},          {"gt;", ">"},  {"quot;", "\""},
                 {"apos;", "'"},   {"nbsp;", "\xc2\xa0"}, {"sol;", "/"}, {"colon;", ":"},
                 {"period;", "."}, {"commat;", "@"}};
    if (length < 2)
        return 0;
    if (text[1] == '#') {
        bool hex = length > 2 && (text[2] == 'x' || text[2] == 'X');
        size_t i = hex ? 3 : 2, digits = 0;
        uint32_t code = 0;
        for (; i < length && digits < 8 && digit_value(text[i], hex) >= 0; i++, digits++)
            code = code * (hex ? 16 : 10) + (uint32_t)digit_value(text[i], hex);
        if (digits == 0)
            return 0;
        /* Leading zeros (&#0000106;) are a known evasion: skip the rest. */
        while (i < length && digit_value(text[i], hex) >= 0) {
            code = 0x110000; /* too many digits: out of range */
            i++;
        }
        if (i < length && text[i] == ';')
            i++;
        *out_length = utf8_encode(code, out);
        return i;
    }
    for (size_t k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
        size_t n = strlen(named[k].name);
        if (length - 1 >= n && starts_with_nocase(text + 1, length - 1, named[k].name)) {
            *out_length = strlen(named[k].utf8);
            memcpy(out, named[k].utf8, *out_length);
            return n + 1;
        }
    }
    return 0;
}

/* Decodes character references into buffer. With `url`, ASCII tabs and
 * line breaks are dropped as browsers do ("java\tscript:") and
 * surrounding spaces trimmed. */
static void decode_into(struct text_buffer *buffer, const char *text, size_t length, bool url)
{
    for (size_t i = 0; i < length;) {
        if (text[i] == '&') {
            char utf8[4];
            size_t utf8_length = 0;
            size_t used = entity_decode(text + i, length - i, utf8, &utf8_length);
            if (used > 0) {
                if (!url || (utf8[0] != '\t' && utf8[0] != '\n' && utf8[0] != '\r'))
                    buffer_add(buffer, utf8, utf8_length);
                i += used;
                continue;
            }
        }
        /* Copy the run up to the next reference or dropped byte at once. */
        size_t run = i + 1;
        while (run < length && text[run] != '&' &&
               (!url || (text[run] != '\t' && text[run] != '\n' && text[run] != '\r')))
            run++;
        if (!url || (text[i] != '\t' && text[i] != '\n' && text[i] != '\r'))
            buffer_add(buffer, text + i, run - i);
        else
            buffer_add(buffer, text + i + 1, run - i - 1);
        i = run;
    }
    if (url) {
        size_t start = 0;
        while (start < buffer->length && is_ascii_space((unsigned char)buffer->bytes[start]))
            start++;
        while (buffer->length > start &&
               is_ascii_space((unsigned char)buffer->bytes[buffer->length - 1]))
            buffer->length--;
        if (start > 0) {
            memmove(buffer->bytes, buffer->bytes + start, buffer->length - start);
            buffer->length -= start;
        }
    }
}

/* One tag as read by read_tag: its lower-case name, whether it closes, and
 * the raw value of the one attribute the caller asked for. */
struct tag {
    char name[NAME_MAX_LENGTH + 1];
    bool closing;
    const char *value; /* NULL when the attribute is absent */
    size_t value_length;
    size_t end; /* offset just after the '>' (or the end of the input) */
};

static void lower_name(const char *text, size_t length, char out[NAME_MAX_LENGTH + 1])
{
    size_t n = length < NAME_MAX_LENGTH ? length : NAME_MAX_LENGTH;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[n] = '\0';
    if (length > NAME_MAX_LENGTH)
        out[0] = '\0'; /* a longer name matches nothing we look for */
}

static bool is_name_end(unsigned char c)
{
    return is_ascii_space(c) || c == '>' || c == '/' || c == '=';
}

/* Which attribute carries the link of a tag, and its kind. */
static const char *link_attribute(const char *tag, int *kind)
{
    if (strcmp(tag, "a") == 0 || strcmp(tag, "area") == 0) {
        *kind = OB_LINK_ANCHOR;
        return "href";
    }
    if (strcmp(tag, "form") == 0) {
        *kind = OB_LINK_FORM;
        return "action";
    }
    if (strcmp(tag, "img") == 0 || strcmp(tag, "iframe") == 0) {
        *kind = OB_LINK_IMAGE;
        return "src";
    }
    return NULL;
}

/* Reads the tag starting at html[at] == '<'. Attribute values may be
 * quoted with " or ' or unquoted; an unterminated quote runs to the end. */
static void read_tag(const char *html, size_t length, size_t at, struct tag *tag)
{
    memset(tag, 0, sizeof(*tag));
    size_t i = at + 1;
    if (i < length && html[i] == '/') {
        tag->closing = true;
        i++;
    }
    size_t name_start = i;
    while (i < length && !is_name_end((unsigned char)html[i]))
        i++;
    lower_name(html + name_start, i - name_start, tag->name);
    int kind = 0;
    const char *wanted = tag->closing ? NULL : link_attribute(tag->name, &kind);

    while (i < length && html[i] != '>') {
        if (is_ascii_space((unsigned char)html[i]) || html[i] == '/') {
            i++;
            continue;
        }
        size_t attr_start = i;
        while (i < length && !is_name_end((unsigned char)html[i]))
            i++;
        if (i == attr_start) /* a stray '=' */
            i++;
        char attr[NAME_MAX_LENGTH + 1];
        lower_name(html + attr_start, i - attr_start, attr);
        while (i < length && is_ascii_space((unsigned char)html[i]))
            i++;
        if (i >= length || html[i] != '=')
            continue;
        i++;
        while (i < length && is_ascii_space((unsigned char)html[i]))
            i++;
        const char *value;
        size_t value_length;
        if (i < length && (html[i] == '"' || html[i] == '\'')) {
            char quote = html[i++];
            const char *close = memchr(html + i, quote, length - i);
            size_t end = close != NULL ? (size_t)(close - html) : length;
            value = html + i;
            value_length = end - i;
            i = close != NULL ? end + 1 : length;
        } else {
            size_t start = i;
            while (i < length && !is_ascii_space((unsigned char)html[i]) && html[i] != '>')
                i++;
            value = html + start;
            value_length = i - start;
        }
        /* The first occurrence of an attribute wins, as in browsers. */
        if (wanted != NULL && tag->value == NULL && strcmp(attr, wanted) == 0) {
            tag->value = value;
            tag->value_length = value_length;
        }
    }
    tag->end = i < length ? i + 1 : length;
}

/* Finds where the element whose content is raw text (script, style) ends. */
static size_t skip_raw_text(const char *html, size_t length, size_t at, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = at; i + 2 + n <= length; i++) {
        if (html[i] == '<' && html[i + 1] == '/' &&
            starts_with_nocase(html + i + 2, length - i - 2, name))
            return i;
    }
    return length;
}

/* Links that point nowhere a reader could be sent: fragments, e-mail and
 * phone links, and inline images referenced by Content-ID. */
static bool is_ignored_target(const char *url, size_t length, int kind)
{
    if (length == 0 || url[0] == '#')
        return true;
    if (starts_with_nocase(url, length, "mailto:") || starts_with_nocase(url, length, "tel:"))
        return true;
    return kind == OB_LINK_IMAGE && starts_with_nocase(url, length, "cid:");
}

struct html_state {
    struct finder *finder;
    struct text_buffer scratch; /* decoded attribute value or text run */
    struct text_buffer anchor_url;
    struct text_buffer anchor_shown;
    bool in_anchor;
};

static void finish_anchor(struct html_state *state)
{
    if (!state->in_anchor)
        return;
    state->in_anchor = false;
    struct text_buffer *shown = &state->anchor_shown;
    while (shown->length > 0 && shown->bytes[shown->length - 1] == ' ')
        shown->length--;
    if (!state->anchor_url.failed && !shown->failed)
        add_link(state->finder, state->anchor_url.bytes, state->anchor_url.length,
                 shown->length > 0 ? shown->bytes : "", shown->length, OB_LINK_ANCHOR);
    else
        state->finder->status = OB_ERR_NOMEM;
}

/* A run of text between tags: part of an anchor's shown text, or scanned
 * for bare URLs when outside anchors. */
static void html_text(struct html_state *state, const char *text, size_t length)
{
    if (length == 0)
        return;
    struct text_buffer *scratch = &state->scratch;
    scratch->length = 0;
    decode_into(scratch, text, length, false);
    if (scratch->failed) {
        state->finder->status = OB_ERR_NOMEM;
        return;
    }
    if (state->in_anchor)
        buffer_add_collapsed(&state->anchor_shown, scratch->bytes, scratch->length);
    else if (scratch->length > 0)
        scan_text(state->finder, scratch->bytes, scratch->length);
}

static void html_tag(struct html_state *state, const struct tag *tag)
{
    if (tag->closing) {
        if (strcmp(tag->name, "a") == 0)
            finish_anchor(state);
        return;
    }
    int kind = 0;
    if (link_attribute(tag->name, &kind) == NULL) {
        /* Line breaks and blocks inside an anchor read as spaces. */
        if (state->in_anchor && state->anchor_shown.length > 0)
            buffer_add_collapsed(&state->anchor_shown, " ", 1);
        return;
    }
    if (strcmp(tag->name, "a") == 0)
        finish_anchor(state); /* an unclosed <a> ends where the next starts */
    if (tag->value == NULL)
        return;
    struct text_buffer *scratch = &state->scratch;
    scratch->length = 0;
    decode_into(scratch, tag->value, tag->value_length, true);
    if (scratch->failed) {
        state->finder->status = OB_ERR_NOMEM;
        return;
    }
    if (is_ignored_target(scratch->bytes, scratch->length, kind))
        return;
    if (kind == OB_LINK_ANCHOR && strcmp(tag->name, "a") == 0) {
        state->in_anchor = true;
        state->anchor_url.length = 0;
        state->anchor_shown.length = 0;
        buffer_add(&state->anchor_url, scratch->bytes, scratch->length);
        return;
    }
    add_link(state->finder, scratch->bytes, scratch->length, "", 0, kind);
}

static void scan_html(struct finder *finder, const char *html, size_t length)
{
    struct html_state state = {
        .finder = finder,
        .scratch = {.cap = OB_MAIL_TEXT_MAX},
        .anchor_url = {.cap = URL_LENGTH_MAX},
        .anchor_shown = {.cap = SHOWN_MAX},
    };
    size_t at = 0, text_start = 0;
    while (at < length && finder->status == OB_OK && !finder->full) {
        const char *lt = memchr(html + at, '<', length - at);
        if (lt == NULL)
            break;
        at = (size_t)(lt - html);
        /* "<" not followed by a name, '/' or '!' is text ("a < b"). */
        unsigned char next = at + 1 < length ? (unsigned char)html[at + 1] : 0;
        bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
        if (!letter && next != '/' && next != '!') {
            at++;
            continue;
        }
        html_text(&state, html + text_start, at - text_start);
        if (starts_with_nocase(html + at, length - at, "<!--")) {
            const char *close = NULL;
            for (size_t i = at + 4; i + 3 <= length && close == NULL; i++)
                if (html[i] == '-' && html[i + 1] == '-' && html[i + 2] == '>')
                    close = html + i;
            at = close != NULL ? (size_t)(close - html) + 3 : length;
            text_start = at;
            continue;
        }
        struct tag tag;
        read_tag(html, length, at, &tag);
        html_tag(&state, &tag);
        at = tag.end;
        /* Script and style content is not shown to the reader. */
        if (!tag.closing && (strcmp(tag.name, "script") == 0 || strcmp(tag.name, "style") == 0 ||
                             strcmp(tag.name, "title") == 0))
            at = skip_raw_text(html, length, at, tag.name);
        text_start = at;
    }
    if (finder->status == OB_OK && !finder->full) {
        if (text_start < length)
            html_text(&state, html + text_start, length - text_start);
        finish_anchor(&state);
    }
    free(state.scratch.bytes);
    free(state.anchor_url.bytes);
    free(state.anchor_shown.bytes);
}

enum ob_status mail_find_links(struct ob_mail_message *message, const struct ob_mail_body *body)
{
    struct finder finder = {.message = message, .status = OB_OK};
    if (message == NULL || body == NULL || body->text == NULL)
        return OB_ERR_INVALID_ARGUMENT;
    /* Links of an earlier body may have filled the message already. */
    finder.full = message->link_count >= OB_MAIL_URLS_MAX;
    if (finder.full)
        return OB_OK;
    finder.hashes = malloc(OB_MAIL_URLS_MAX * sizeof(*finder.hashes));
    if (finder.hashes == NULL)
        return OB_ERR_NOMEM;
    for (size_t i = 0; i < message->link_count; i++) {
        const struct ob_mail_link *link = &message->links[i];
        finder.hashes[i] = link_hash(link->url, strlen(link->url), link->shown, strlen(link->shown),
                                     (int)link->kind);
    }
    if (body->html)
        scan_html(&finder, body->text, body->length);
    else
        scan_text(&finder, body->text, body->length);
    free(finder.hashes);
    return finder.status;
}

/* ---- where each link goes ----------------------------------------------------- */

#define UNWRAP_LEVELS 4 /* wrappers inside wrappers: Safe Links around Proofpoint */

/* The address inside link-protection wrappers, however many are nested up
 * to UNWRAP_LEVELS, or NULL when `url` is not wrapped. The result is in one
 * of the two buffers (NULL or malloc'd by this function; the caller frees
 * them): decoding never makes the address longer than `url`, so nothing is
 * cut. */
static const char *unwrap(const struct ob_mail_data *data, const char *url, char *buffers[2])
{
    const char *target = NULL;
    size_t size = strlen(url) + 1;
    for (int level = 0; level < UNWRAP_LEVELS; level++) {
        const char *from = target != NULL ? target : url;
        /* Wrappers keep the address in the query, or in the path after
         * "/v3/__" (Proofpoint's version 3). */
        if (strchr(from, '?') == NULL && strstr(from, "/v3/__") == NULL)
            break;
        char **out = &buffers[level % 2];
        if (*out == NULL && (*out = malloc(size)) == NULL)
            break;
        if (!mail_safelink_unwrap(data, from, *out, size))
            break;
        target = *out;
    }
    return target;
}

/* A bare host name, as Mimecast wraps ("?domain=example.com"), into `out`
 * in lower case. */
static bool bare_host(const char *text, char *out, size_t size)
{
    size_t length = strlen(text);
    if (length == 0 || length >= size || strchr(text, '.') == NULL ||
        strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != length)
        return false;
    for (size_t i = 0; i <= length; i++)
        out[i] = (char)tolower((unsigned char)text[i]);
    return true;
}

/* An IPv4 address in any form a browser reads as one ("3232235777",
 * "0300.0250.1.1", "0xC0.0xA8.1.1") in its usual dotted form, in place. */
static void canonical_ipv4(char *host, size_t size)
{
    struct in_addr address;
    /* inet_aton also takes "1.2.3.4 anything": only digits, hex and dots. */
    if (host[0] == '[' || strspn(host, "0123456789abcdefxABCDEFX.") != strlen(host) ||
        inet_pton(AF_INET, host, &address) == 1 || inet_aton(host, &address) == 0)
        return;
    char dotted[INET_ADDRSTRLEN];
    if (inet_ntop(AF_INET, &address, dotted, sizeof(dotted)) != NULL && strlen(dotted) < size)
        memcpy(host, dotted, strlen(dotted) + 1);
}

void mail_resolve_links(struct ob_mail_message *message, const struct ob_mail_data *data,
                        struct ob_mail_sites *sites)
{
    for (size_t i = 0; i < message->link_count; i++) {
        struct ob_mail_link *link = &message->links[i];
        link->target = link->url;
        link->host = link->site = "";
        char *buffers[2] = {NULL, NULL}, host[256], site[256];
        const char *unwrapped = unwrap(data, link->url, buffers);
        enum ob_status status = OB_OK;
        if (unwrapped != NULL)
            status = core_arena_strdup(&message->text, unwrapped, strlen(unwrapped), &link->target);
        free(buffers[0]);
        free(buffers[1]);
        if (status != OB_OK) {
            link->target = link->url;
            continue;
        }
        if (!mail_url_host(link->target, host, sizeof(host)) &&
            (unwrapped == NULL || !bare_host(link->target, host, sizeof(host))))
            continue;
        canonical_ipv4(host, sizeof(host));
        mail_site_of(sites, host, site, sizeof(site));
        if (core_arena_strdup(&message->text, host, strlen(host), &link->host) != OB_OK ||
            core_arena_strdup(&message->text, site, strlen(site), &link->site) != OB_OK)
            link->host = link->site = "";
    }
}
