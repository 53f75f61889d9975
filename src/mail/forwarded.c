/* SPDX-License-Identifier: Apache-2.0 */
/* A message forwarded inline: people send a suspicious message on to a
 * helpline with "Forward", and the mail program writes the original
 * sender and subject as a small header block in the text:
 *
 *     ---------- Forwarded message ---------
 *     From: PayPal <service@paypa1.example>
 *     Date: ...
 *     Subject: Your account is limited
 *
 * Outlook writes "De:"/"Von:"/"Від:" in the reader's language and
 * "X on behalf of Y" when a third party sent it. This file finds that block
 * in the plain text, or in the visible text of HTML when there is no plain
 * text, so that the checks can look at the original sender too. Attached
 * messages (message/rfc822) are read by gmime_adapter.c. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/mail_internal.h"

#define SEARCHED_MAX ((size_t)64 << 10) /* of the text: the block comes first */
#define BLOCK_LINES 8                   /* From and Subject lines this close */
#define LINE_MAX_BYTES 1024

/* Subject prefixes of a forward, in the languages mail programs write. */
static const char *const forward_prefixes[] = {"fw",     "fwd", "enc", "wg", "tr",     "rv",
                                               "doorst", "vs",  "vb",  "pd", "пересл", "Пересл"};

/* Words of the line mail programs put above a forwarded block
 * ("---------- Forwarded message ---------", "Begin forwarded message:"),
 * lower case for Latin letters (the line is lower-cased as ASCII), both
 * forms for Cyrillic. "Original Message" is left out: replies use it too. */
static const char *const forward_words[] = {"forwarded message", "encaminhada",    "reenviado",
                                            "transféré",         "weitergeleitet", "doorgestuurd",
                                            "inoltrato",         "пересылаемое",   "Пересылаемое",
                                            "переслане",         "Переслане",      "пересланий",
                                            "Пересланий",        "пересланное",    "Пересланное"};

static const char *const from_labels[] = {"From", "De",   "Von", "Van", "Da",     "Od",
                                          "Fra",  "Från", "От",  "Від", "От кого"};
static const char *const subject_labels[] = {"Subject", "Assunto", "Asunto",    "Betreff",
                                             "Objet",   "Oggetto", "Onderwerp", "Temat",
                                             "Тема",    "Ämne",    "Emne",      "Aihe"};

/* Thunderbird writes the original's Reply-To in the block. */
static const char *const reply_labels[] = {"Reply-To", "Reply to"};

/* "X on behalf of Y", as Outlook writes a Sender that differs from From. */
static const char *const behalf_markers[] = {" on behalf of ",   " em nome de ", " en nombre de ",
                                             " im auftrag von ", " au nom de ",  " namens ",
                                             " per conto di ",   " від імені ",  " от имени "};

static bool subject_says_forward(const char *subject)
{
    while (*subject == ' ' || *subject == '[')
        subject++;
    for (size_t i = 0; i < sizeof(forward_prefixes) / sizeof(forward_prefixes[0]); i++) {
        size_t length = strlen(forward_prefixes[i]);
        const char *after = subject + length;
        if (strncasecmp(subject, forward_prefixes[i], length) != 0)
            continue;
        if (*after == '.') /* "Пересл.:", as Ukrainian and Russian mail programs shorten it */
            after++;
        while (*after == ' ')
            after++;
        if (*after == ':')
            return true;
    }
    return false;
}

/* A line such as "-------- Forwarded Message --------". */
static bool is_marker_line(const char *line, size_t length)
{
    while (length > 0 && (*line == ' ' || *line == '>')) {
        line++;
        length--;
    }
    char lower[160];
    if (length >= sizeof(lower))
        length = sizeof(lower) - 1;
    for (size_t i = 0; i < length; i++)
        lower[i] = (char)tolower((unsigned char)line[i]);
    lower[length] = '\0';
    if (strncmp(lower, "begin forwarded message", 23) == 0)
        return true;
    if (strncmp(lower, "--", 2) != 0 && strncmp(lower, "__", 2) != 0)
        return false;
    for (size_t i = 0; i < sizeof(forward_words) / sizeof(forward_words[0]); i++)
        if (strstr(lower, forward_words[i]) != NULL)
            return true;
    return false;
}

static bool is_blank(const char *line)
{
    while (*line == ' ' || *line == '\t' || *line == '\r' || *line == '>')
        line++;
    return *line == '\n' || *line == '\0';
}

/* The value after "Label:" when the line starts with one of `labels`
 * (quote marks, '*' and white space before it allowed), else NULL. */
static const char *labelled(const char *line, const char *const *labels, size_t count)
{
    while (*line == ' ' || *line == '\t' || *line == '>' || *line == '*')
        line++;
    for (size_t i = 0; i < count; i++) {
        size_t length = strlen(labels[i]);
        if (strncasecmp(line, labels[i], length) != 0)
            continue;
        const char *after = line + length;
        while (*after == ' ' || *after == '\t' || *after == '*')
            after++;
        if (*after != ':')
            continue;
        after++;
        while (*after == ' ' || *after == '\t' || *after == '*')
            after++;
        return after;
    }
    return NULL;
}

static void trim(char *text)
{
    size_t length = strlen(text);
    while (length > 0 && strchr(" \t\r\"'*", text[length - 1]) != NULL)
        text[--length] = '\0';
    size_t start = strspn(text, " \t\"'*");
    memmove(text, text + start, length - start + 1);
}

/* Splits "Name <a@b>", "Name [mailto:a@b]" or "a@b" into a kept address. */
static bool keep_mailbox(struct ob_mail_message *message, const char *text, size_t length,
                         struct ob_mail_address *out)
{
    char buffer[LINE_MAX_BYTES];
    if (length >= sizeof(buffer))
        length = sizeof(buffer) - 1;
    memcpy(buffer, text, length);
    buffer[length] = '\0';
    char name[LINE_MAX_BYTES] = "", address[LINE_MAX_BYTES] = "";
    char *open = strrchr(buffer, '<');
    char *mailto = strstr(buffer, "[mailto:");
    if (open != NULL && strchr(open, '>') != NULL && strchr(open, '@') != NULL) {
        *strchr(open, '>') = '\0';
        snprintf(address, sizeof(address), "%s", open + 1);
        *open = '\0';
        snprintf(name, sizeof(name), "%s", buffer);
    } else if (mailto != NULL && strchr(mailto, ']') != NULL) {
        *strchr(mailto, ']') = '\0';
        snprintf(address, sizeof(address), "%s", mailto + 8);
        *mailto = '\0';
        snprintf(name, sizeof(name), "%s", buffer);
    } else {
        /* A bare address: the word that holds the '@'. */
        char *at = strchr(buffer, '@');
        if (at == NULL)
            return false;
        char *start = at, *end = at;
        while (start > buffer && !strchr(" \t<>()[],;\"'", start[-1]))
            start--;
        while (*end && !strchr(" \t<>()[],;\"'", *end))
            end++;
        *end = '\0';
        snprintf(address, sizeof(address), "%s", start);
    }
    trim(name);
    trim(address);
    const char *at = strrchr(address, '@');
    if (at == NULL || at == address || at[1] == '\0')
        return false;
    char domain[LINE_MAX_BYTES];
    size_t i = 0;
    for (const char *c = at + 1; *c && i + 1 < sizeof(domain); c++)
        domain[i++] = (char)tolower((unsigned char)*c);
    domain[i] = '\0';
    const char *kept_name = NULL, *kept_address = NULL, *kept_domain = NULL;
    if (core_arena_strdup(&message->text, name, strlen(name), &kept_name) != OB_OK ||
        core_arena_strdup(&message->text, address, strlen(address), &kept_address) != OB_OK ||
        core_arena_strdup(&message->text, domain, strlen(domain), &kept_domain) != OB_OK)
        return false;
    *out = (struct ob_mail_address){kept_name, kept_address, kept_domain};
    return true;
}

/* Reads the value of a forwarded "From:" line: one mailbox, or "X on
 * behalf of Y" (X is who really sent it). */
static bool read_from_line(struct ob_mail_message *message, const char *value,
                           struct ob_mail_forwarded *out)
{
    size_t length = strcspn(value, "\r\n");
    for (size_t i = 0; i < sizeof(behalf_markers) / sizeof(behalf_markers[0]); i++) {
        size_t marker = strlen(behalf_markers[i]);
        for (size_t at = 0; at + marker <= length; at++) {
            if (strncasecmp(value + at, behalf_markers[i], marker) != 0)
                continue;
            if (!keep_mailbox(message, value + at + marker, length - at - marker, &out->from))
                return false;
            /* The sender part may be a bare address or "a@b <a@b>". */
            if (!keep_mailbox(message, value, at, &out->sender))
                out->sender = (struct ob_mail_address){"", "", ""};
            return true;
        }
    }
    return keep_mailbox(message, value, length, &out->from);
}

/* True when the tag at `tag` (just after '<', and '/') is `name`. */
static bool tag_is(const char *tag, const char *end, const char *name)
{
    size_t length = strlen(name);
    return (size_t)(end - tag) > length && strncasecmp(tag, name, length) == 0 &&
           strchr(" \t\r\n/>", tag[length]) != NULL;
}

/* The visible text of HTML as lines: a line break for each block tag
 * (<br>, <p>, <div>, <tr>, <li>, <hr> and their ends), inline tags left
 * out, line breaks in the source read as spaces, style and script left
 * out, and the entities a header block uses decoded (&lt; &gt; &amp;
 * &quot; &nbsp;). Outlook writes a forward's header block only so in an
 * HTML-only message. Returns a malloc'd NUL-terminated text, or NULL. */
static char *html_lines(const char *html, size_t length, size_t *out_length)
{
    static const char *const blocks[] = {"br", "p", "div", "tr", "li", "hr", "table"};
    static const struct {
        const char *name;
        char character;
    } entities[] = {{"&lt;", '<'},   {"&gt;", '>'},   {"&amp;", '&'},
                    {"&quot;", '"'}, {"&nbsp;", ' '}, {"&#160;", ' '}};
    char *text = malloc(length + 1);
    if (text == NULL)
        return NULL;
    const char *at = html, *end = html + length;
    size_t used = 0;
    while (at < end) {
        if (*at == '<') {
            const char *close = memchr(at, '>', (size_t)(end - at));
            if (close == NULL)
                break;
            const char *name = at + 1 + (at + 1 < end && at[1] == '/');
            bool block = false;
            for (size_t b = 0; b < sizeof(blocks) / sizeof(blocks[0]) && !block; b++)
                block = tag_is(name, close + 1, blocks[b]);
            if ((size_t)(end - at) >= 4 && memcmp(at, "<!--", 4) == 0) {
                const char *comment_end = memmem(at + 4, (size_t)(end - at - 4), "-->", 3);
                if (comment_end == NULL)
                    break;
                at = comment_end + 3;
                continue;
            }
            const char *skipped = at[1] != '/' && tag_is(name, close + 1, "style")    ? "style"
                                  : at[1] != '/' && tag_is(name, close + 1, "script") ? "script"
                                                                                      : NULL;
            if (skipped != NULL) {
                /* Up to its own end tag: "</" and the same name. */
                const char *after = close + 1;
                while (after < end && !(end - after > 2 && after[0] == '<' && after[1] == '/' &&
                                        tag_is(after + 2, end, skipped)))
                    after++;
                close = memchr(after, '>', (size_t)(end - after));
                if (close == NULL)
                    break;
            }
            /* One line break however many blocks end and begin here
             * (</div><div>, </tr><tr>): a blank line ends a header block. */
            while (block && used > 0 && text[used - 1] == ' ')
                used--;
            if (block && used > 0 && text[used - 1] != '\n')
                text[used++] = '\n';
            at = close + 1;
            continue;
        }
        if (*at == '&') {
            bool decoded = false;
            for (size_t e = 0; e < sizeof(entities) / sizeof(entities[0]) && !decoded; e++) {
                size_t n = strlen(entities[e].name);
                if ((size_t)(end - at) >= n && strncasecmp(at, entities[e].name, n) == 0) {
                    text[used++] = entities[e].character;
                    at += n;
                    decoded = true;
                }
            }
            if (decoded)
                continue;
        }
        text[used++] = *at == '\r' || *at == '\n' ? ' ' : *at;
        at++;
    }
    text[used] = '\0';
    *out_length = used;
    return text;
}

/* Finds the block in the first SEARCHED_MAX bytes of plain text. */
/* True when no blank line comes between lines `a` and `b`. */
static bool in_block(const char *const *lines, size_t count, size_t a, size_t b)
{
    size_t from = a < b ? a : b, to = a < b ? b : a;
    for (size_t k = from; k <= to && k < count; k++)
        if (is_blank(lines[k]))
            return false;
    return true;
}

static void find_in_text(struct ob_mail_message *message, const char *text, size_t length)
{
    if (length > SEARCHED_MAX)
        length = SEARCHED_MAX;
    bool forward = subject_says_forward(message->subject);
    /* Line starts, and the line of the last forward marker seen. */
    const char *lines[256];
    size_t count = 0, marker = SIZE_MAX;
    size_t marker_of[256];
    for (size_t at = 0; at < length && count < sizeof(lines) / sizeof(lines[0]);) {
        const char *end = memchr(text + at, '\n', length - at);
        size_t line_length = end != NULL ? (size_t)(end - text) - at : length - at;
        if (!forward && is_marker_line(text + at, line_length))
            marker = count;
        marker_of[count] = marker;
        lines[count++] = text + at;
        if (end == NULL)
            break;
        at = (size_t)(end - text) + 1;
    }
    /* A From line with an address and a Subject line at most BLOCK_LINES
     * apart (Thunderbird writes Subject first), in a forward: the subject
     * says so, or a marker line comes just before. */
    size_t label_count = sizeof(from_labels) / sizeof(from_labels[0]);
    size_t subject_count = sizeof(subject_labels) / sizeof(subject_labels[0]);
    for (size_t i = 0; i < count; i++) {
        if (!forward && (marker_of[i] == SIZE_MAX || i - marker_of[i] > BLOCK_LINES))
            continue;
        const char *from = labelled(lines[i], from_labels, label_count);
        if (from == NULL || memchr(from, '@', strcspn(from, "\n")) == NULL)
            continue;
        /* The Subject line in the same block: no blank line between. */
        const char *subject = NULL;
        for (size_t j = i + 1; j < count && j <= i + BLOCK_LINES && subject == NULL; j++) {
            if (is_blank(lines[j]))
                break;
            subject = labelled(lines[j], subject_labels, subject_count);
        }
        for (size_t j = i; j > 0 && i - j < BLOCK_LINES && subject == NULL; j--) {
            if (is_blank(lines[j - 1]))
                break;
            subject = labelled(lines[j - 1], subject_labels, subject_count);
        }
        if (subject == NULL)
            continue;
        struct ob_mail_forwarded found = {.present = true,
                                          .attached = false,
                                          .sender = {"", "", ""},
                                          .reply_to = {"", "", ""},
                                          .return_path = {"", "", ""}};
        if (!read_from_line(message, from, &found))
            continue;
        /* A Reply-To line in the same block, either side of From. */
        size_t reply_count = sizeof(reply_labels) / sizeof(reply_labels[0]);
        for (size_t j = i > BLOCK_LINES ? i - BLOCK_LINES : 0; j < count && j <= i + BLOCK_LINES;
             j++) {
            const char *reply = labelled(lines[j], reply_labels, reply_count);
            if (j == i || reply == NULL || !in_block(lines, count, i, j))
                continue;
            if (!keep_mailbox(message, reply, strcspn(reply, "\r\n"), &found.reply_to))
                found.reply_to = (struct ob_mail_address){"", "", ""};
            break;
        }
        char kept[LINE_MAX_BYTES];
        size_t subject_length = strcspn(subject, "\r\n");
        if (subject_length >= sizeof(kept))
            subject_length = sizeof(kept) - 1;
        memcpy(kept, subject, subject_length);
        kept[subject_length] = '\0';
        trim(kept);
        if (core_arena_strdup(&message->text, kept, strlen(kept), &found.subject) != OB_OK)
            return;
        message->forwarded = found;
        return;
    }
}

void mail_find_forwarded(struct ob_mail_message *message)
{
    if (message->forwarded.present)
        return; /* an attached message was found already */
    const struct ob_mail_body *body = NULL, *html = NULL;
    for (size_t i = 0; i < message->body_count && body == NULL; i++) {
        if (!message->bodies[i].html)
            body = &message->bodies[i];
        else if (html == NULL)
            html = &message->bodies[i];
    }
    if (body == NULL && html == NULL)
        return;
    if (body != NULL) {
        find_in_text(message, body->text, body->length);
        return;
    }
    /* Only a forward's subject makes the HTML worth reading as text: the
     * mail programs that send HTML alone (Outlook) prefix it, and turning
     * every HTML message into lines would cost more than all the rest of
     * the forward search. */
    if (!subject_says_forward(message->subject))
        return;
    size_t length = 0;
    char *text = html_lines(html->text, html->length < SEARCHED_MAX ? html->length : SEARCHED_MAX,
                            &length);
    if (text != NULL)
        find_in_text(message, text, length);
    free(text);
}
