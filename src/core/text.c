/* SPDX-License-Identifier: Apache-2.0 */
/* UTF-8 decoding and escaping for terminals and JSON. */
#include "core/text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

size_t core_utf8_decode(const unsigned char *s, size_t length, uint32_t *code_point)
{
    if (length == 0)
        return 0;
    unsigned char c = s[0];
    size_t need;
    uint32_t cp, min;
    if (c < 0x80) {
        *code_point = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        need = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        need = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        need = 4;
        cp = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (length < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *code_point = cp;
    return need;
}

bool core_utf8_valid(const char *s, size_t length)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < length) {
        uint32_t cp;
        size_t n = core_utf8_decode(p + i, length - i, &cp);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

bool core_text_is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

uint32_t core_text_find_bidi_control(const char *text, size_t length)
{
    /* Each control is E2 80 AA..AE or E2 81 A6..A9 in UTF-8. A decoder that
     * steps over invalid bytes one at a time reaches every E2 byte, since
     * E2 never continues a valid sequence, so looking for those three bytes
     * finds exactly what decoding would. */
    const unsigned char *p = (const unsigned char *)text;
    const unsigned char *end = p + length;
    while (end - p >= 3) {
        const unsigned char *lead = memchr(p, 0xE2, (size_t)(end - p) - 2);
        if (lead == NULL)
            break;
        if (lead[1] == 0x80 && lead[2] >= 0xAA && lead[2] <= 0xAE)
            return 0x202A + (uint32_t)(lead[2] - 0xAA);
        if (lead[1] == 0x81 && lead[2] >= 0xA6 && lead[2] <= 0xA9)
            return 0x2066 + (uint32_t)(lead[2] - 0xA6);
        p = lead + 1;
    }
    return 0;
}

bool core_text_is_dangerous(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
           cp == 0x061C || core_text_is_bidi_control(cp);
}

enum ob_status core_text_append_terminal_safe(struct ob_buffer *out, const char *s, size_t length)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    enum ob_status status = OB_OK;
    while (i < length && status == OB_OK) {
        uint32_t cp;
        size_t n = core_utf8_decode(p + i, length - i, &cp);
        if (n == 0) {
            status = core_buffer_printf(out, "\\x%02x", p[i]);
            i++;
        } else if (core_text_is_dangerous(cp)) {
            status = core_buffer_printf(out, "\\u{%04x}", (unsigned)cp);
            i += n;
        } else if (cp == '\\' && i + 1 < length && (p[i + 1] == 'x' || p[i + 1] == 'u')) {
            /* Only where it could be read as one of our escapes, so regexes
             * and Windows paths stay readable. */
            status = core_buffer_append(out, "\\\\", 2);
            i++;
        } else {
            status = core_buffer_append(out, p + i, n);
            i += n;
        }
    }
    return status;
}

/* How many bytes from the start of p go into a JSON string as they are:
 * printable ASCII other than '"' and '\\'. Eight bytes are tested at a
 * time, then the rest one by one. */
static size_t plain_ascii_run(const unsigned char *p, size_t length)
{
    const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
    size_t run = 0;
    for (; length - run >= 8; run += 8) {
        uint64_t eight;
        memcpy(&eight, p + run, 8);
        /* (x - ones * n) & ~x & highs is not 0 exactly when a byte of x is
         * below n (for n up to 0x80), so `special` has a high bit set
         * exactly when one of the eight is below 0x20, '"', '\\', 0x7F or
         * above it. */
        uint64_t quote = eight ^ ones * '"', backslash = eight ^ ones * '\\',
                 delete_char = eight ^ ones * 0x7F;
        uint64_t special = ((eight - ones * 0x20) & ~eight) | ((quote - ones) & ~quote) |
                           ((backslash - ones) & ~backslash) |
                           ((delete_char - ones) & ~delete_char) | eight;
        if ((special & highs) != 0)
            break;
    }
    while (run < length && p[run] >= 0x20 && p[run] < 0x7F && p[run] != '"' && p[run] != '\\')
        run++;
    return run;
}

enum ob_status core_text_append_json_string(struct ob_buffer *out, const char *s, size_t length,
                                            bool *lossy)
{
    const unsigned char *p = (const unsigned char *)s;
    if (lossy != NULL)
        *lossy = false;
    /* Most strings are all plain: written in one go. When there is no
     * room for that, the loop below writes as much as fits and fails
     * where it always has. */
    if (plain_ascii_run(p, length) == length && core_buffer_reserve(out, length + 2) == OB_OK) {
        unsigned char *to = out->data + out->length;
        to[0] = '"';
        memcpy(to + 1, p, length);
        to[length + 1] = '"';
        out->length += length + 2;
        out->data[out->length] = '\0';
        return OB_OK;
    }
    enum ob_status status = core_buffer_append(out, "\"", 1);
    size_t i = 0;
    while (i < length && status == OB_OK) {
        /* Plain text goes out as it is, a run at a time. */
        size_t run = i + plain_ascii_run(p + i, length - i);
        if (run > i) {
            status = core_buffer_append(out, p + i, run - i);
            i = run;
            continue;
        }
        uint32_t cp;
        size_t n = core_utf8_decode(p + i, length - i, &cp);
        if (n == 0) {
            status = core_buffer_append(out, "\xEF\xBF\xBD", 3);
            if (lossy != NULL)
                *lossy = true;
            i++;
            continue;
        }
        switch (cp) {
        case '"': status = core_buffer_append(out, "\\\"", 2); break;
        case '\\': status = core_buffer_append(out, "\\\\", 2); break;
        case '\n': status = core_buffer_append(out, "\\n", 2); break;
        case '\r': status = core_buffer_append(out, "\\r", 2); break;
        case '\t': status = core_buffer_append(out, "\\t", 2); break;
        default:
            if (cp < 0x20 || cp == 0x7F)
                status = core_buffer_printf(out, "\\u%04x", (unsigned)cp);
            else
                status = core_buffer_append(out, p + i, n);
        }
        i += n;
    }
    if (status == OB_OK)
        status = core_buffer_append(out, "\"", 1);
    return status;
}

int core_hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void core_hex_encode(const void *bytes, size_t length, char *out)
{
    static const char digits[] = "0123456789abcdef";
    const unsigned char *p = bytes;
    for (size_t i = 0; i < length; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 0xF];
    }
    out[2 * length] = '\0';
}

bool core_hex_decode(const char *hex, size_t digits, unsigned char *out)
{
    if (digits % 2 != 0)
        return false;
    for (size_t i = 0; i < digits; i += 2) {
        int high = core_hex_value(hex[i]), low = core_hex_value(hex[i + 1]);
        if (high < 0 || low < 0)
            return false;
        out[i / 2] = (unsigned char)(high << 4 | low);
    }
    return true;
}

enum ob_status core_text_append_hex(struct ob_buffer *out, const unsigned char *bytes,
                                    size_t length)
{
    if (length > SIZE_MAX / 2)
        return OB_ERR_LIMIT;
    enum ob_status status = core_buffer_reserve(out, length * 2);
    if (status != OB_OK)
        return status;
    /* The reserve left room for the NUL that core_hex_encode writes. */
    core_hex_encode(bytes, length, (char *)out->data + out->length);
    out->length += length * 2;
    return OB_OK;
}

bool core_utf8_find(const char *text, size_t length, bool (*test)(uint32_t code_point),
                    uint32_t *found)
{
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < length;) {
        uint32_t c;
        size_t n = core_utf8_decode(p + i, length - i, &c);
        if (n == 0) {
            i++;
            continue;
        }
        if (test(c)) {
            if (found != NULL)
                *found = c;
            return true;
        }
        i += n;
    }
    return false;
}
