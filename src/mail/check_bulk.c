/* SPDX-License-Identifier: Apache-2.0 */
/* Signs of bulk-mailing software rather than a person or a mail service,
 * read from the message itself and never from the receiving service's
 * verdict: a sender's address written as no mail program writes it, a
 * message that is a picture with a link and almost no text, pictures
 * borrowed from public picture-sharing sites. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "mail/mail_internal.h"

#define WORDS_FEW 25                          /* fewer visible words: a picture, not a letter */
#define WORDS_SCANNED_MAX ((size_t)256 << 10) /* of each body: enough to pass WORDS_FEW */
#define EVIDENCE_MAX 160                      /* bytes of the From header quoted */

/* ---- the sender's address ------------------------------------------------- */

/* How the From header breaks the form every mail program writes
 * ("Name <local@domain>"): a space before the closing '>', the whole
 * address in quotes inside the brackets (<"a@b.example">), empty brackets,
 * or no address at all. Such headers come from bulk-mailing software that
 * fills in a template; mail programs and mail services never write them. */
enum from_form { FROM_WELL_FORMED, FROM_MALFORMED, FROM_NO_ADDRESS };

static enum from_form from_form(const char *raw)
{
    const char *open = strrchr(raw, '<');
    if (open == NULL)
        return strchr(raw, '@') == NULL ? FROM_NO_ADDRESS : FROM_WELL_FORMED;
    const char *close = strchr(open, '>');
    if (close == NULL)
        return FROM_WELL_FORMED; /* cut or broken: the parser's notices say so */
    const char *first = open + 1;
    while (first < close && (*first == ' ' || *first == '\t'))
        first++;
    if (first == close)
        return FROM_NO_ADDRESS;
    if (close[-1] == ' ' || close[-1] == '\t')
        return FROM_MALFORMED;
    /* The whole address quoted: a quoted local part alone ends before the '@'. */
    if (*first == '"' && close - first >= 3 && close[-1] == '"') {
        const char *end_quote = memchr(first + 1, '"', (size_t)(close - first - 1));
        if (end_quote == close - 1 && memchr(first + 1, '@', (size_t)(end_quote - first - 1)))
            return FROM_MALFORMED;
    }
    return FROM_WELL_FORMED;
}

static void check_from_form(struct ob_mail_check_context *check)
{
    const struct ob_mail_header *from = mail_header_find(check->message, "From");
    if (from == NULL || from->raw[0] == '\0')
        return;
    enum from_form form = from_form(from->raw);
    if (form == FROM_WELL_FORMED)
        return;
    /* Quoted whole, or cut at a character boundary with "..." after. */
    char quoted[EVIDENCE_MAX + 4];
    size_t length = strlen(from->raw);
    bool cut = length > EVIDENCE_MAX;
    if (cut) {
        length = EVIDENCE_MAX;
        while (length > 0 && ((unsigned char)from->raw[length] & 0xC0) == 0x80)
            length--;
    }
    snprintf(quoted, sizeof(quoted), "%.*s%s", (int)length, from->raw, cut ? "..." : "");
    if (form == FROM_NO_ADDRESS)
        mail_reason_add_worded(check->verdict, OB_MAIL_WORDING_SENDER_MALFORMED_ADDRESS_NONE,
                               quoted, quoted);
    else
        mail_reason_add(check->verdict, OB_MAIL_SIGNAL_SENDER_MALFORMED_ADDRESS, quoted, quoted);
}

/* ---- a picture instead of a letter ----------------------------------------- */

static bool starts_tag(const char *at, const char *end, const char *name)
{
    size_t length = strlen(name);
    return (size_t)(end - at) > length + 1 && strncasecmp(at + 1, name, length) == 0 &&
           strchr(" \t\r\n>/", at[1 + length]) != NULL;
}

/* Skips from a tag whose content is never shown (<style>, <script>,
 * <head>, <title>) to after its closing tag; returns `at` when the tag
 * is not one of them. */
static const char *skip_hidden_element(const char *at, const char *end)
{
    static const char *const hidden[] = {"style", "script", "head", "title"};
    for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
        if (!starts_tag(at, end, hidden[i]))
            continue;
        char closing[16];
        snprintf(closing, sizeof(closing), "</%s", hidden[i]);
        for (const char *p = at + 1; p < end; p++) {
            p = memchr(p, '<', (size_t)(end - p));
            if (p == NULL)
                return end;
            if ((size_t)(end - p) >= strlen(closing) &&
                strncasecmp(p, closing, strlen(closing)) == 0) {
                const char *close = memchr(p, '>', (size_t)(end - p));
                return close != NULL ? close + 1 : end;
            }
        }
        return end;
    }
    return at;
}

/* Words a reader sees (runs of two or more letters or digits in any
 * script), counted up to `enough`: in HTML outside tags, comments and
 * elements that are never shown. */
static size_t count_words(const char *text, size_t length, bool html, size_t enough)
{
    const char *at = text, *end = text + length;
    size_t words = 0, run = 0;
    while (at < end && words < enough) {
        if (html && *at == '<') {
            run = 0;
            const char *after;
            if ((size_t)(end - at) >= 4 && strncmp(at, "<!--", 4) == 0) {
                const char *close = memmem(at + 4, (size_t)(end - at - 4), "-->", 3);
                at = close != NULL ? close + 3 : end;
                continue;
            }
            if ((after = skip_hidden_element(at, end)) != at) {
                at = after;
                continue;
            }
            const char *close = memchr(at, '>', (size_t)(end - at));
            at = close != NULL ? close + 1 : end;
            continue;
        }
        unsigned char c = (unsigned char)*at;
        uint32_t code = c;
        size_t n =
            c < 0x80 ? 1 : core_utf8_decode((const unsigned char *)at, (size_t)(end - at), &code);
        if (n == 0)
            n = 1;
        /* Letters and digits: ASCII ones, and every character above the
         * Latin-1 punctuation (other scripts' letters; rare symbols count
         * too, which only makes the check more careful). */
        bool letter = (c < 0x80 &&
                       ((unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u)) ||
                      (code >= 0xC0 && code != 0xD7 && code != 0xF7 && code < 0x2000);
        if (letter) {
            if (++run == 2)
                words++;
        } else if (!(html && c == '&')) {
            run = 0;
        }
        at += n;
    }
    return words;
}

/* A message a reader sees as a picture with a link and almost no text: bulk
 * and phishing mail put their words into an image, where filters that read
 * text cannot see them. Letters, newsletters and notices all carry text. */
static void check_picture_message(struct ob_mail_check_context *check)
{
    const struct ob_mail_message *message = check->message;
    bool html = false, image = false, anchor = false;
    size_t words = 0;
    for (size_t i = 0; i < message->body_count; i++) {
        const struct ob_mail_body *body = &message->bodies[i];
        html |= body->html;
        size_t length = body->length < WORDS_SCANNED_MAX ? body->length : WORDS_SCANNED_MAX;
        size_t counted = count_words(body->text, length, body->html, WORDS_FEW);
        if (counted > words)
            words = counted;
    }
    if (!html || words >= WORDS_FEW)
        return;
    for (size_t i = 0; i < message->link_count; i++) {
        image |= message->links[i].kind == OB_LINK_IMAGE;
        anchor |= message->links[i].kind == OB_LINK_ANCHOR;
    }
    if (image && anchor) {
        /* The evidence is how many words it shows. */
        char count[16];
        snprintf(count, sizeof(count), "%zu", words);
        mail_reason_add(check->verdict, OB_MAIL_SIGNAL_CONTENT_PICTURE_ONLY, count);
    }
}

/* Pictures loaded from a public picture-sharing site (data/mail/image-hosts.txt). */
static void check_image_hosts(struct ob_mail_check_context *check)
{
    const struct ob_mail_message *message = check->message;
    for (size_t i = 0; i < message->link_count; i++) {
        const struct ob_mail_link *link = &message->links[i];
        if (link->kind == OB_LINK_IMAGE && link->host[0] != '\0' &&
            mail_host_listed(check->data->image_hosts, check->data->image_host_count, link->host)) {
            mail_reason_add(check->verdict, OB_MAIL_SIGNAL_CONTENT_IMAGE_HOST, link->host,
                            link->host);
            return;
        }
    }
}

/* Every link goes to other sites than the sender's own: a company's mail
 * links to its site; bulk mail sent from throwaway domains links to
 * another. Mailing lists and free mail senders (people sharing links) are
 * left out, and so are links through a mailing service's click tracking
 * (data/mail/click-trackers.txt). */
static void check_links_elsewhere(struct ob_mail_check_context *check)
{
    const struct ob_mail_message *message = check->message;
    if (message->from.domain[0] == '\0' || mail_header_find(message, "List-Id") != NULL ||
        mail_header_find(message, "List-Unsubscribe") != NULL)
        return;
    char from_site[256];
    mail_site_of(check->sites, message->from.domain, from_site, sizeof(from_site));
    if (mail_is_free_mail(check->data, from_site))
        return;
    size_t anchors = 0;
    const char *first = NULL;
    for (size_t i = 0; i < message->link_count; i++) {
        const struct ob_mail_link *link = &message->links[i];
        /* A mailing service's click tracking hides where the link goes:
         * neither the sender's site nor another. */
        if (link->kind != OB_LINK_ANCHOR || link->site[0] == '\0' ||
            mail_click_tracker(check->data, link->host) != NULL)
            continue;
        if (strcmp(link->site, from_site) == 0)
            return;
        anchors++;
        if (first == NULL)
            first = link->site;
    }
    if (anchors >= 1)
        mail_reason_add(check->verdict, OB_MAIL_SIGNAL_LINK_ALL_ELSEWHERE, first, from_site, first);
}

void mail_check_bulk(struct ob_mail_check_context *check)
{
    check_links_elsewhere(check);
    check_from_form(check);
    check_picture_message(check);
    check_image_hosts(check);
}
