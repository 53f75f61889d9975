/* SPDX-License-Identifier: Apache-2.0 */
/* Indicators made fit to share: addresses only, never the recipient's, the
 * punycode form of a host that is not ASCII, context hosts (a brand's own
 * domains, CDNs, tracking) marked, and the defanged form people paste. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/icu_adapter.h"
#include "mail/mail_internal.h"

#define RECIPIENTS_MAX 32
#define RECIPIENT_WORDS_MAX 512 /* words of one recipient header redacted */

static const char *const address_kinds[] = {"from",
                                            "reply-to",
                                            "return-path",
                                            "forwarded-from",
                                            "forwarded-sender",
                                            "forwarded-reply-to",
                                            "forwarded-return-path",
                                            "contact-address"};

bool mail_indicator_is_address(const char *kind)
{
    for (size_t i = 0; i < sizeof(address_kinds) / sizeof(address_kinds[0]); i++)
        if (strcmp(kind, address_kinds[i]) == 0)
            return true;
    return false;
}

bool mail_looks_like_address(const char *value)
{
    const char *at = strrchr(value, '@');
    if (at == NULL || at == value || strchr(at + 1, '.') == NULL || at[1] == '.' ||
        at[strlen(at) - 1] == '.')
        return false;
    for (const unsigned char *c = (const unsigned char *)value; *c != '\0'; c++)
        if (*c <= ' ' || *c == 0x7f || strchr("<>()[],;:\"\\", *c) != NULL)
            return false;
    return true;
}

/* Where the host of an indicator's value starts and how long it is; false
 * when the kind has no host (an attachment, an IP address). */
static bool host_span(const char *kind, const char *value, size_t *start, size_t *length)
{
    if (strcmp(kind, "domain") == 0) {
        *start = 0;
        *length = strlen(value);
        return true;
    }
    if (mail_indicator_is_address(kind)) {
        const char *at = strrchr(value, '@');
        if (at == NULL)
            return false;
        *start = (size_t)(at + 1 - value);
        *length = strlen(at + 1);
        return true;
    }
    return strcmp(kind, "url") == 0 && mail_url_host_span(value, start, length);
}

static bool ascii_only(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)text[i] >= 0x80)
            return false;
    return true;
}

enum ob_status mail_indicator_ascii(const char *kind, const char *value, char *out, size_t size)
{
    size_t start, length;
    if (!host_span(kind, value, &start, &length) || ascii_only(value + start, length))
        return OB_ERR_NOT_FOUND;
    char host[1024];
    enum ob_status status = core_idna_to_ascii(value + start, length, host, sizeof(host));
    if (status != OB_OK)
        return status;
    int written = snprintf(out, size, "%.*s%s%s", (int)start, value, host, value + start + length);
    return written < 0 || (size_t)written >= size ? OB_ERR_LIMIT : OB_OK;
}

size_t ob_mail_defang(const char *kind, const char *value, char *out, size_t size)
{
    if (size == 0)
        return 0;
    size_t start = 0, length = 0;
    bool has_host = strcmp(kind, "ip") == 0 ? (length = strlen(value), true)
                                            : host_span(kind, value, &start, &length);
    /* The last dot of the host: enough that no program makes it a link. */
    size_t dot = SIZE_MAX;
    for (size_t i = start; has_host && i < start + length; i++)
        if (value[i] == '.')
            dot = i;
    size_t used = 0;
    const char *scheme = "";
    size_t skip = 0;
    if (strcmp(kind, "url") == 0) {
        static const struct {
            const char *written, *defanged;
        } schemes[] = {{"https://", "hxxps://"}, {"http://", "hxxp://"}, {"ftp://", "fxp://"}};
        for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]) && skip == 0; i++)
            if (strncasecmp(value, schemes[i].written, strlen(schemes[i].written)) == 0) {
                scheme = schemes[i].defanged;
                skip = strlen(schemes[i].written);
            }
    }
    for (const char *c = scheme; *c != '\0' && used + 1 < size; c++)
        out[used++] = *c;
    for (size_t i = skip; value[i] != '\0' && used + 1 < size; i++) {
        if (i == dot) {
            if (used + 4 > size)
                break;
            memcpy(out + used, "[.]", 3);
            used += 3;
        } else {
            out[used++] = value[i];
        }
    }
    out[used] = '\0';
    return used;
}

static bool is_recipient_header(const char *name)
{
    static const char *const names[] = {"To",         "Cc", "Bcc", "Delivered-To", "X-Original-To",
                                        "Envelope-To"};
    for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++)
        if (strcasecmp(name, names[n]) == 0)
            return true;
    return false;
}

/* The addresses in the recipient headers, lower case: the words that hold
 * an '@'. */
static size_t recipients_of(const struct ob_mail_message *message,
                            char recipients[RECIPIENTS_MAX][256])
{
    size_t count = 0;
    for (size_t h = 0; h < message->header_count; h++) {
        bool recipient = is_recipient_header(message->headers[h].name);
        const char *text = message->headers[h].value;
        for (const char *at = recipient ? strchr(text, '@') : NULL;
             at != NULL && count < RECIPIENTS_MAX; at = strchr(at + 1, '@')) {
            const char *begin = at, *end = at + 1;
            while (begin > text && strchr(" \t<>()[],;:\"'", begin[-1]) == NULL)
                begin--;
            while (*end != '\0' && strchr(" \t<>()[],;:\"'", *end) == NULL)
                end++;
            size_t length = (size_t)(end - begin);
            if (begin == at || end == at + 1 || length >= sizeof(recipients[0]))
                continue;
            for (size_t i = 0; i < length; i++)
                recipients[count][i] = (char)tolower((unsigned char)begin[i]);
            recipients[count++][length] = '\0';
        }
    }
    return count;
}

/* True when `value` holds `address`, as written or with its '@' encoded. */
static bool holds_address(const char *value, const char *address)
{
    if (strcasestr(value, address) != NULL)
        return true;
    char encoded[300];
    const char *at = strchr(address, '@');
    snprintf(encoded, sizeof(encoded), "%.*s%%40%s", (int)(at - address), address, at + 1);
    return strcasestr(value, encoded) != NULL;
}

/* Why a domain or link is only context: the registrable domain of a known
 * brand (its real site), or a CDN or tracking host. */
static const char *context_of(const struct ob_mail_data *data, struct ob_mail_sites *sites,
                              const char *kind, const char *value)
{
    size_t start, length;
    if ((strcmp(kind, "domain") != 0 && strcmp(kind, "url") != 0) ||
        !host_span(kind, value, &start, &length) || length >= 256)
        return NULL;
    char host[256], site[256];
    for (size_t i = 0; i < length; i++)
        host[i] = (char)tolower((unsigned char)value[start + i]);
    host[length] = '\0';
    if (mail_host_is_ip(host))
        return NULL;
    mail_site_of(sites, host, site, sizeof(site));
    for (size_t b = 0; b < data->brand_count; b++)
        if (mail_brand_owns(&data->brands[b], site))
            return "brand-domain";
    return mail_context_host(data, host);
}

void mail_indicators_prepare(const struct ob_mail_message *message, const struct ob_mail_data *data,
                             struct ob_mail_sites *sites, struct ob_mail_verdict_builder *verdict)
{
    char recipients[RECIPIENTS_MAX][256];
    size_t recipient_count = recipients_of(message, recipients);
    size_t kept = 0;
    for (size_t i = 0; i < verdict->indicator_count; i++) {
        struct ob_mail_indicator indicator = verdict->indicators[i];
        bool private = false;
        for (size_t r = 0; r < recipient_count && !private; r++)
        private = holds_address(indicator.value, recipients[r]);
        if (private)
            continue;
        char ascii[8192]; /* a longer link is shared as it is */
        if (mail_indicator_ascii(indicator.kind, indicator.value, ascii, sizeof(ascii)) == OB_OK)
            indicator.ascii = mail_verdict_keep(verdict, ascii);
        indicator.context = context_of(data, sites, indicator.kind, indicator.value);
        verdict->indicators[kept++] = indicator;
    }
    verdict->indicator_count = kept;
}

/* A letter or digit of any script (a UTF-8 byte of a non-ASCII one). */
static bool is_word_byte(char c)
{
    return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* Replaces each case-insensitive (ASCII) occurrence of `word` in `text`
 * with "[recipient]", in place within `size`. */
static void redact_word(char *text, size_t size, const char *word, size_t length)
{
    static const char mark[] = "[recipient]";
    char needle[256];
    if (length < 3 || length >= sizeof(needle))
        return;
    memcpy(needle, word, length);
    needle[length] = '\0';
    char *at = text;
    for (; (at = strcasestr(at, needle)) != NULL; at++) {
        /* Whole words only: "com" of an address is not in "Welcome". */
        if ((at > text && is_word_byte(at[-1])) || is_word_byte(at[length]))
            continue;
        size_t rest = strlen(at + length);
        if ((size_t)(at - text) + sizeof(mark) - 1 + rest >= size)
            return;
        memmove(at + sizeof(mark) - 1, at + length, rest + 1);
        memcpy(at, mark, sizeof(mark) - 1);
        at += sizeof(mark) - 2;
    }
}

const char *mail_subject_to_share(const struct ob_mail_message *message,
                                  struct ob_mail_verdict_builder *verdict)
{
    if (message->subject[0] == '\0')
        return message->subject;
    char subject[4096];
    snprintf(subject, sizeof(subject), "%s", message->subject);
    static const char separators[] = " \t<>()[],;:\"'@.";
    for (size_t h = 0; h < message->header_count; h++) {
        if (!is_recipient_header(message->headers[h].name))
            continue;
        /* Every word of the names and addresses, three bytes or longer;
         * a hostile header of thousands of words is read only so far. */
        size_t words = 0;
        for (const char *text = message->headers[h].value;
             *text != '\0' && words++ < RECIPIENT_WORDS_MAX;) {
            text += strspn(text, separators);
            size_t length = strcspn(text, separators);
            redact_word(subject, sizeof(subject), text, length);
            text += length;
        }
    }
    const char *kept = strcmp(subject, message->subject) == 0 ? message->subject
                                                              : mail_verdict_keep(verdict, subject);
    return kept != NULL ? kept : "";
}
