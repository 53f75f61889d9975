/* SPDX-License-Identifier: Apache-2.0 */
/* Splits mbox files (mboxo and mboxrd) into messages, unquoting ">From ". */
#include <stdlib.h>
#include <string.h>

#include "mail/mail_internal.h"

/* A "From " separator line: "From " then a sender token and a date, so
 * the line has at least one more space and a digit. This keeps a body
 * paragraph like "From the desk of…" (after a blank line, in an mbox whose
 * writer did not quote it) from starting a new message. */
static bool is_separator(const char *line, size_t length)
{
    if (length < 5 || memcmp(line, "From ", 5) != 0)
        return false;
    bool space = false, digit = false;
    for (size_t i = 5; i < length && line[i] != '\n'; i++) {
        if (line[i] == ' ' && i > 5)
            space = true;
        else if (line[i] >= '0' && line[i] <= '9' && space)
            digit = true;
    }
    return digit;
}

bool mail_is_mbox(const char *data, size_t length)
{
    if (data == NULL)
        return false;
    const char *newline = memchr(data, '\n', length);
    size_t line = newline != NULL ? (size_t)(newline - data) : length;
    return is_separator(data, line);
}

/* True for a line that is empty or holds only "\r". */
static bool is_blank(const char *line, size_t length)
{
    return length == 0 || (length == 1 && line[0] == '\r');
}

/* True when the line is ">From ", ">>From ", … (mboxrd quoting). */
static bool is_quoted_from(const char *line, size_t length)
{
    size_t i = 0;
    while (i < length && line[i] == '>')
        i++;
    return i > 0 && length - i >= 5 && memcmp(line + i, "From ", 5) == 0;
}

/* Hands one message to fn: drops the blank line that belongs to the next
 * separator, caps the length, and removes one '>' from quoted "From "
 * lines, copying only when there is one. */
static enum ob_status emit(const char *data, size_t length, size_t index, ob_mail_piece_fn fn,
                           void *user)
{
    if (length >= 1 && data[length - 1] == '\n') {
        length--;
        if (length >= 1 && data[length - 1] == '\r')
            length--;
    }
    if (length > OB_MAIL_MESSAGE_MAX)
        length = OB_MAIL_MESSAGE_MAX;

    bool quoted = false;
    for (size_t at = 0; at < length && !quoted;) {
        const char *newline = memchr(data + at, '\n', length - at);
        size_t end = newline != NULL ? (size_t)(newline - data) : length;
        quoted = is_quoted_from(data + at, end - at);
        at = end + 1;
    }
    if (!quoted)
        return fn(user, index, data, length);

    char *copy = malloc(length + 1);
    if (copy == NULL)
        return OB_ERR_NOMEM;
    size_t used = 0;
    for (size_t at = 0; at < length;) {
        const char *newline = memchr(data + at, '\n', length - at);
        size_t end = newline != NULL ? (size_t)(newline - data) + 1 : length;
        size_t skip = is_quoted_from(data + at, end - at) ? 1 : 0;
        memcpy(copy + used, data + at + skip, end - at - skip);
        used += end - at - skip;
        at = end;
    }
    enum ob_status status = fn(user, index, copy, used);
    free(copy);
    return status;
}

enum ob_status mail_mbox_split(const char *data, size_t length, ob_mail_piece_fn fn, void *user)
{
    enum ob_status status = OB_OK;
    size_t index = 0;
    size_t start = 0;           /* first byte of the current message */
    bool have_message = false;  /* a separator opened the current message */
    bool previous_blank = true; /* the start of the file counts as after a blank line */

    if (data == NULL || fn == NULL)
        return OB_ERR_INVALID_ARGUMENT;
    for (size_t at = 0; at < length;) {
        const char *newline = memchr(data + at, '\n', length - at);
        size_t end = newline != NULL ? (size_t)(newline - data) : length;
        size_t next = newline != NULL ? end + 1 : length;
        const char *line = data + at;
        size_t line_length = end - at;

        if (previous_blank && is_separator(line, line_length)) {
            /* Text before the first separator is a message only when it
             * holds something besides blank lines. */
            bool worth = have_message;
            for (size_t i = start; i < at && !worth; i++)
                worth = data[i] != '\n' && data[i] != '\r' && data[i] != ' ' && data[i] != '\t';
            if (worth) {
                status = emit(data + start, at - start, index++, fn, user);
                if (status != OB_OK)
                    goto out;
            }
            start = next;
            have_message = true;
            previous_blank = false;
        } else {
            previous_blank = is_blank(line, line_length);
        }
        at = next;
    }
    if (have_message || start < length) {
        bool worth = have_message;
        for (size_t i = start; i < length && !worth; i++)
            worth = data[i] != '\n' && data[i] != '\r' && data[i] != ' ' && data[i] != '\t';
        if (worth)
            status = emit(data + start, length - start, index, fn, user);
    }
out:
    return status;
}
