/* SPDX-License-Identifier: Apache-2.0 */
/* Bounds the headers, parts and address lists a message hands the MIME
 * parser, by a linear scan that shortens or cuts the input when needed. */
#include "mail/mime_budget.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Headers GMime parses into objects: 1 for address lists, 2 for Content-*
 * parameters (each kind has its own budget, so a flood of addresses cannot
 * hide the MIME structure), 0 for the rest. */
static int structured_kind(const char *name, size_t length)
{
    static const char *const names[] = {
        "from",      "sender",    "reply-to",    "to",
        "cc",        "bcc",       "resent-from", "resent-sender",
        "resent-to", "resent-cc", "resent-bcc",  "disposition-notification-to"};
    if (length >= 8 && strncasecmp(name, "content-", 8) == 0)
        return 2;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strlen(names[i]) == length && strncasecmp(name, names[i], length) == 0)
            return 1;
    return 0;
}

static bool contains_nocase(const char *text, size_t length, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= length; i++)
        if (strncasecmp(text + i, needle, n) == 0)
            return true;
    return false;
}

#define BOUNDARIES_MAX 64
#define BOUNDARY_LENGTH_MAX 200

/* The multipart boundaries declared so far; past BOUNDARIES_MAX every
 * line that could be a boundary counts as one. */
struct boundaries {
    const char *text[BOUNDARIES_MAX];
    size_t length[BOUNDARIES_MAX];
    size_t count;
    bool overflow;
};

/* Records the boundary parameter of a Content-Type line, if it has one. */
static void note_boundary(struct boundaries *boundaries, const char *line, size_t length)
{
    static const char key[] = "boundary=";
    size_t n = sizeof(key) - 1;
    for (size_t i = 0; i + n <= length; i++) {
        if (strncasecmp(line + i, key, n) != 0)
            continue;
        size_t start = i + n, end;
        if (start < length && line[start] == '"') {
            start++;
            const char *quote = memchr(line + start, '"', length - start);
            end = quote != NULL ? (size_t)(quote - line) : length;
        } else {
            end = start;
            while (end < length && line[end] != ';' && line[end] != ' ' && line[end] != '\t')
                end++;
        }
        size_t size = end - start;
        if (size == 0 || size > BOUNDARY_LENGTH_MAX)
            return;
        for (size_t k = 0; k < boundaries->count; k++)
            if (boundaries->length[k] == size &&
                memcmp(boundaries->text[k], line + start, size) == 0)
                return;
        if (boundaries->count == BOUNDARIES_MAX) {
            boundaries->overflow = true;
            return;
        }
        boundaries->text[boundaries->count] = line + start;
        boundaries->length[boundaries->count++] = size;
        return;
    }
}

/* True for "--boundary" of a declared boundary (a prefix match, as GMime's). */
static bool is_boundary(const struct boundaries *boundaries, const char *line, size_t length)
{
    if (length < 3 || line[0] != '-' || line[1] != '-')
        return false;
    if (boundaries->overflow)
        return strchr("'()+_,-./:=?", line[2]) != NULL || (line[2] >= '0' && line[2] <= '9') ||
               (line[2] >= 'a' && line[2] <= 'z') || (line[2] >= 'A' && line[2] <= 'Z');
    for (size_t k = 0; k < boundaries->count; k++)
        if (length - 2 >= boundaries->length[k] &&
            memcmp(line + 2, boundaries->text[k], boundaries->length[k]) == 0)
            return true;
    return false;
}

struct scan {
    const char *data;
    char *copy;  /* NULL while the output is still a prefix of data */
    size_t used; /* output bytes so far */
};

/* Appends bytes of the input (at `from`) to the output. */
static void emit(struct scan *scan, size_t from, size_t length)
{
    if (scan->copy != NULL)
        memcpy(scan->copy + scan->used, scan->data + from, length);
    scan->used += length;
}

/* The output stops being a prefix of the input: copy what was kept. */
static bool diverge(struct scan *scan, size_t input_length)
{
    if (scan->copy != NULL)
        return true;
    scan->copy = malloc(input_length + 1);
    if (scan->copy == NULL)
        return false;
    memcpy(scan->copy, scan->data, scan->used);
    return true;
}

enum ob_status mail_mime_budget_apply(const char *data, size_t length, size_t field_max,
                                      struct ob_mime_budget *out)
{
    struct scan scan = {.data = data};
    struct boundaries boundaries = {.count = 0};
    size_t header_lines = 0, boundary_lines = 0;
    size_t structured[3] = {0, 0, 0}; /* bytes kept by structured_kind */
    bool in_headers = true;           /* reading a header block */
    bool block_message = false;       /* the block declared a message type */
    bool block_typed = false;         /* the block had a Content-Type */
    bool block_of_part = false;       /* the block follows a "--" line */
    bool digest = false;              /* a multipart/digest was declared */
    int field_kind = 0;
    bool field_type = false, field_dropped = false;
    size_t field_bytes = 0;
    size_t at = 0;

    memset(out, 0, sizeof(*out));
    while (at < length) {
        const char *newline = memchr(data + at, '\n', length - at);
        size_t end = newline != NULL ? (size_t)(newline - data) + 1 : length;
        size_t line = end - at;
        size_t content = line;
        while (content > 0 && (data[at + content - 1] == '\n' || data[at + content - 1] == '\r'))
            content--;

        if (is_boundary(&boundaries, data + at, content)) {
            if (++boundary_lines > OB_MIME_BOUNDARY_LINES_MAX) {
                out->cut_boundaries = true;
                break;
            }
            in_headers = true;
            block_message = block_typed = false;
            block_of_part = true;
            field_bytes = 0;
            field_kind = 0;
            field_type = field_dropped = false;
            emit(&scan, at, line);
            at = end;
            continue;
        }
        if (!in_headers) {
            emit(&scan, at, line);
            at = end;
            continue;
        }
        if (content == 0) {
            /* The block ends; the next one is headers too when this part
             * holds a message (declared, or by default in a digest). */
            bool message = block_message || (digest && block_of_part && !block_typed);
            in_headers = message;
            block_message = block_typed = block_of_part = false;
            field_bytes = 0;
            field_kind = 0;
            field_type = field_dropped = false;
            emit(&scan, at, line);
            at = end;
            continue;
        }
        bool continuation = data[at] == ' ' || data[at] == '\t';
        if (!continuation) {
            const char *colon = memchr(data + at, ':', content < 128 ? content : 128);
            size_t name = colon != NULL ? (size_t)(colon - (data + at)) : 0;
            field_kind = name > 0 ? structured_kind(data + at, name) : 0;
            field_type = name == 12 && strncasecmp(data + at, "content-type", 12) == 0;
            if (field_type)
                block_typed = true;
            field_bytes = 0;
            field_dropped = field_kind != 0 && structured[field_kind] >= OB_MIME_STRUCTURED_MAX;
        }
        if (field_type) {
            size_t look = content < 512 ? content : 512;
            if (contains_nocase(data + at, look, "message/"))
                block_message = true;
            if (contains_nocase(data + at, look, "multipart/digest"))
                digest = true;
            note_boundary(&boundaries, data + at, content < field_max ? content : field_max);
        }
        size_t keep = line;
        if (field_dropped) {
            keep = 0;
            out->dropped_structured = true;
        } else if (field_bytes + line > field_max) {
            keep = field_bytes < field_max ? field_max - field_bytes : 0;
            out->shortened_field = true;
        }
        if (field_kind != 0 && !field_dropped &&
            structured[field_kind] + keep > OB_MIME_STRUCTURED_MAX) {
            keep = OB_MIME_STRUCTURED_MAX - structured[field_kind];
            field_dropped = true; /* the rest of this field goes too */
            out->dropped_structured = true;
        }
        /* Dropped lines cost the parser nothing and do not count. */
        if (keep > 0 && ++header_lines > OB_MIME_HEADER_LINES_MAX) {
            out->cut_header_lines = true;
            break;
        }
        field_bytes += line;
        structured[field_kind] += keep;
        if (keep == line) {
            emit(&scan, at, line);
        } else {
            if (!diverge(&scan, length)) {
                free(scan.copy);
                return OB_ERR_NOMEM;
            }
            /* A shortened line still ends the line; a dropped one is gone.
             * keep < line, so keep + 1 bytes never outgrow the input. */
            if (keep > 0) {
                emit(&scan, at, keep);
                scan.copy[scan.used++] = '\n';
            }
        }
        at = end;
    }
    out->copy = scan.copy;
    out->data = scan.copy != NULL ? scan.copy : data;
    out->length = scan.used;
    return OB_OK;
}
