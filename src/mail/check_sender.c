/* SPDX-License-Identifier: Apache-2.0 */
/* Who the message says it is from: display names that hold another address
 * or a brand the sending domain does not belong to, replies and bounces
 * that go to other domains, free mail accounts posing as organisations. */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "mail/mail_internal.h"

/* Words with which a display name claims to be an organisation's desk. */
static const char *const organisation_words[] = {
    "support",   "service",   "security",     "team",          "admin",      "administrator",
    "helpdesk",  "help desk", "billing",      "account",       "bank",       "department",
    "official",  "customer",  "notification", "verification",  "postmaster", "webmaster",
    "підтримка", "служба",    "банк",         "адміністрація", "поддержка",  "администрация"};

/* More of them, looked for only in the names of free mail accounts: an
 * honest newsroom or office that writes from its own domain often gives
 * its name in Ukrainian while its domain is in Latin letters, which
 * sender-name-unrelated-domain could not tell from a made-up domain. A
 * Cyrillic word matches its inflected forms too ("редакції"). */
static const char *const free_mail_organisation_words[] = {
    "editorial", "newsroom", "редакція", "редакция", "бухгалтерія", "бухгалтерия", "відділ кадрів",
    "отдел кадров", "канцелярія", "канцелярия", "секретаріат", "секретариат", "приймальня",
    "приемная", "адміністратор", "администратор", "департамент", "управління", "управление",
    "команда", "офіс", "офис", "деканат", "кадрова служба",
    /* and in the languages of the countries where many Ukrainians now live */
    "banco", "banque", "kundenservice", "kundendienst", "klantenservice", "obsługa klienta",
    "zákaznický servis", "service client", "atendimento", "suporte", "soporte"};

static void registrable_of(struct ob_mail_check_context *check, const char *domain, char *out,
                           size_t size)
{
    if (domain == NULL || domain[0] == '\0') {
        out[0] = '\0';
        return;
    }
    mail_site_of(check->sites, domain, out, size);
}

/* True when a word of 4+ letters of the display name appears in the
 * domain, or the domain's first label appears in the name. */
static bool name_shares_domain(const char *name, const char *domain)
{
    char word[64];
    for (const char *at = name; *at;) {
        while (*at && !isalnum((unsigned char)*at))
            at++;
        size_t length = 0;
        while (at[length] && isalnum((unsigned char)at[length]))
            length++;
        if (length >= 4 && length < sizeof(word)) {
            for (size_t i = 0; i < length; i++)
                word[i] = (char)tolower((unsigned char)at[i]);
            word[length] = '\0';
            if (strstr(domain, word) != NULL)
                return true;
        }
        at += length;
    }
    char label[64];
    size_t length = strcspn(domain, ".");
    if (length >= 4 && length < sizeof(label)) {
        memcpy(label, domain, length);
        label[length] = '\0';
        if (strcasestr(name, label) != NULL)
            return true;
    }
    return false;
}

/* The recipient's address (from To) written into the subject or the
 * sender's name, as bulk mail does to look personal. */
static void recipient_in_text(const struct ob_mail_message *message, const char *to,
                              struct ob_mail_verdict_builder *verdict)
{
    const char *at = strchr(to, '@');
    if (at == NULL)
        return;
    const char *start = at;
    while (start > to && !strchr(" <,;\"'", start[-1]))
        start--;
    size_t length = (size_t)(at - start) + strcspn(at, " >,;\"'");
    char address[256];
    if (length < 6 || length >= sizeof(address))
        return;
    memcpy(address, start, length);
    address[length] = '\0';
    if (strcasestr(message->subject, address) != NULL ||
        strcasestr(message->from.display, address) != NULL)
        mail_reason_add(verdict, OB_MAIL_SIGNAL_SENDER_RECIPIENT_ADDRESS_IN_TEXT, address, address);
}

bool mail_brand_owns(const struct ob_mail_brand *brand, const char *registrable)
{
    for (size_t i = 0; i < brand->domain_count; i++)
        if (strcmp(brand->domains[i], registrable) == 0)
            return true;
    return false;
}

/* A mailing list sets Reply-To to the list and sends from its own server:
 * those differences are the list working, not a trick. */
static bool is_mailing_list(const struct ob_mail_message *message)
{
    return mail_header_find(message, "List-Id") != NULL ||
           mail_header_find(message, "List-Post") != NULL ||
           mail_header_find(message, "Mailing-List") != NULL;
}

bool mail_is_free_mail(const struct ob_mail_data *data, const char *registrable)
{
    for (size_t i = 0; i < data->free_mail_count; i++)
        if (strcmp(data->free_mail[i], registrable) == 0)
            return true;
    return false;
}

/* A run of six or more digits in the sender's name ("support-31665876",
 * "Protocolo 7793574292872"): a case or protocol number that makes each
 * copy unique and the sender look official. People's and companies' names
 * do not carry them. */
static bool find_number(const char *name, char *out, size_t size)
{
    for (const char *at = name; *at;) {
        size_t run = strspn(at, "0123456789");
        if (run >= 6 && run < size) {
            memcpy(out, at, run);
            out[run] = '\0';
            return true;
        }
        at += run > 0 ? run : 1;
    }
    return false;
}

/* Pictographs (emoji) and dingbats: 💰, 🎁, ⚠, ✅. */
static bool is_pictograph(uint32_t c)
{
    return (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF) ||
           (c >= 0x1F000 && c <= 0x1FAFF);
}

/* A name dressed with symbols at its start or end ("--Notice**",
 * "*Offer_Ad#", "-Gift Centre!.", "Exclusive offer ,") or with pictographs anywhere
 * ("💰Free Spins Inside💰"), as mass mailers do to catch the eye and to
 * vary the name between copies. */
static bool is_decorated(const char *name)
{
    if (core_utf8_find(name, strlen(name), is_pictograph, NULL))
        return true;
    size_t length = strlen(name);
    size_t start = 0;
    while (start < length && (name[start] == ' ' || name[start] == '"' || name[start] == '\''))
        start++;
    while (length > start &&
           (name[length - 1] == ' ' || name[length - 1] == '"' || name[length - 1] == '\''))
        length--;
    /* An encoded word GMime could not decode is broken, not dressed up. */
    if (length - start < 2 || strncmp(name + start, "=?", 2) == 0)
        return false;
    if (strchr("-*_#~=+.", name[start]) != NULL || strchr("-*_#~=+,", name[length - 1]) != NULL)
        return true;
    /* A full stop after a whole word ("AAA Loyalty Program.", "Kaufland."),
     * left from a template's sentence: names end with no stop, or after an
     * abbreviation or initial ("Acme Inc.", "Olena K."), which is shorter
     * than five letters. */
    if (name[length - 1] != '.')
        return false;
    size_t letters = 0;
    for (size_t i = length - 1; i > start; i--) {
        unsigned char c = (unsigned char)name[i - 1];
        if (c < 0x80 && !isalpha(c))
            break;
        letters += (c & 0xC0) != 0x80; /* a character starts at each non-continuation byte */
    }
    return letters >= 5;
}

/* Words just before an address in the text that ask the reader to write
 * there: English, Ukrainian, Russian. */
static const char *const write_words[] = {"email me",    "e-mail me",  "mail me",  "write me",
                                          "write to me", "contact me", "reach me", "reply to",
                                          "email to",    "e-mail to",  "write to", "send to",
                                          "contact:",    "email:",     "e-mail:",  "пишіть",
                                          "напишіть",    "зв'яжіться", "пишите",   "напишите",
                                          "свяжитесь"};

#define WRITE_WINDOW 48                    /* bytes before the address searched for those words */
#define WRITE_TEXT_MAX ((size_t)256 << 10) /* of each body */

/* The words searched are those of the same sentence, after any address
 * before this one. */
static bool asks_to_write(const char *text, const char *address_start)
{
    size_t back = 0;
    while (back < WRITE_WINDOW && address_start - back > text) {
        char c = address_start[-(ptrdiff_t)back - 1];
        if (c == '\n' || c == '!' || c == '?' || c == '@' ||
            (c == '.' && address_start[-(ptrdiff_t)back] == ' '))
            break;
        back++;
    }
    char window[WRITE_WINDOW + 1];
    memcpy(window, address_start - back, back);
    window[back] = '\0';
    for (size_t i = 0; i < sizeof(write_words) / sizeof(write_words[0]); i++)
        if (strcasestr(window, write_words[i]) != NULL)
            return true;
    return false;
}

/* The text asks the reader to write to a free mail address that is not the
 * sender's: scams (romance, fake jobs, advance fee) move the conversation
 * off the sending address this way. */
static void check_write_elsewhere(struct ob_mail_check_context *check)
{
    const struct ob_mail_message *message = check->message;
    for (size_t b = 0; b < message->body_count; b++) {
        const char *text = message->bodies[b].text;
        size_t length = message->bodies[b].length < WRITE_TEXT_MAX ? message->bodies[b].length
                                                                   : WRITE_TEXT_MAX;
        for (const char *at = memchr(text, '@', length); at != NULL;
             at = memchr(at + 1, '@', length - (size_t)(at + 1 - text))) {
            const char *start = at;
            while (start > text && (isalnum((unsigned char)start[-1]) || strchr("._+-", start[-1])))
                start--;
            const char *end = at + 1;
            while (end < text + length &&
                   (isalnum((unsigned char)*end) || *end == '.' || *end == '-'))
                end++;
            while (end > at + 1 && end[-1] == '.')
                end--;
            char address[256], domain[256], site[256];
            size_t address_length = (size_t)(end - start);
            size_t domain_length = (size_t)(end - at - 1);
            if (start == at || domain_length < 4 || address_length >= sizeof(address))
                continue;
            memcpy(address, start, address_length);
            address[address_length] = '\0';
            for (size_t i = 0; i < domain_length; i++)
                domain[i] = (char)tolower((unsigned char)at[1 + i]);
            domain[domain_length] = '\0';
            registrable_of(check, domain, site, sizeof(site));
            if (!mail_is_free_mail(check->data, site) ||
                strcasecmp(address, message->from.address) == 0 ||
                strcasecmp(address, message->forwarded.from.address) == 0 ||
                !asks_to_write(text, start))
                continue;
            mail_indicator_add(check->verdict, "contact-address", address, NULL, NULL);
            mail_reason_add(check->verdict, OB_MAIL_SIGNAL_CONTENT_WRITE_ELSEWHERE, address,
                            address);
            return;
        }
    }
}

void mail_check_abused_tld(struct ob_mail_check_context *check, const char *host,
                           enum mail_wording wording)
{
    const char *tld;
    if (host[0] == '\0' || mail_host_is_ip(host) || !mail_tld_is_abused(check->data, host, &tld))
        return;
    mail_reason_add_worded(check->verdict, wording, host, host, tld);
}

/* The signals of the identity checks: those of the message's sender, and
 * those of the original sender of a forwarded message. */
struct identity_signals {
    enum mail_signal name_shows_other_address, brand_mismatch, name_number, name_decorated,
        freemail_organisation, shared_platform, name_unrelated_domain;
};

static const struct identity_signals sender_signals = {
    .name_shows_other_address = OB_MAIL_SIGNAL_SENDER_NAME_SHOWS_OTHER_ADDRESS,
    .brand_mismatch = OB_MAIL_SIGNAL_SENDER_BRAND_MISMATCH,
    .name_number = OB_MAIL_SIGNAL_SENDER_NAME_NUMBER,
    .name_decorated = OB_MAIL_SIGNAL_SENDER_NAME_DECORATED,
    .freemail_organisation = OB_MAIL_SIGNAL_SENDER_FREEMAIL_ORGANISATION,
    .shared_platform = OB_MAIL_SIGNAL_SENDER_SHARED_PLATFORM,
    .name_unrelated_domain = OB_MAIL_SIGNAL_SENDER_NAME_UNRELATED_DOMAIN,
};

static const struct identity_signals original_sender_signals = {
    .name_shows_other_address = OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_SHOWS_OTHER_ADDRESS,
    .brand_mismatch = OB_MAIL_SIGNAL_FORWARDED_SENDER_BRAND_MISMATCH,
    .name_number = OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_NUMBER,
    .name_decorated = OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_DECORATED,
    .freemail_organisation = OB_MAIL_SIGNAL_FORWARDED_SENDER_FREEMAIL_ORGANISATION,
    .shared_platform = OB_MAIL_SIGNAL_FORWARDED_SENDER_SHARED_PLATFORM,
    .name_unrelated_domain = OB_MAIL_SIGNAL_FORWARDED_SENDER_NAME_UNRELATED_DOMAIN,
};

/* What a sender's name and address claim, raised as `signals`. */
static void check_identity(struct ob_mail_check_context *check, const struct ob_mail_address *from,
                           const struct identity_signals *signals)
{
    const struct ob_mail_data *data = check->data;
    struct ob_mail_verdict_builder *verdict = check->verdict;
    char from_site[256];
    registrable_of(check, from->domain, from_site, sizeof(from_site));
    const char *name = from->display;

    /* "PayPal <x@example.com>" or "service@paypal.com <x@example.com>". */
    const char *at = strchr(name, '@');
    if (at != NULL && from_site[0] != '\0') {
        char shown[256] = "";
        size_t start = (size_t)(at - name);
        size_t end = start + 1;
        while (end < strlen(name) &&
               (isalnum((unsigned char)name[end]) || name[end] == '.' || name[end] == '-'))
            end++;
        size_t length = end - start - 1 < sizeof(shown) - 1 ? end - start - 1 : sizeof(shown) - 1;
        for (size_t i = 0; i < length; i++)
            shown[i] = (char)tolower((unsigned char)name[start + 1 + i]);
        shown[length] = '\0';
        while (length > 0 && shown[length - 1] == '.')
            shown[--length] = '\0';
        char shown_site[256];
        registrable_of(check, shown, shown_site, sizeof(shown_site));
        if (shown_site[0] != '\0' && strchr(shown_site, '.') != NULL &&
            strcmp(shown_site, from_site) != 0)
            mail_reason_add(verdict, signals->name_shows_other_address, name, shown_site,
                            from->address);
    }

    /* A brand in the name that the sending domain does not belong to, by
     * any of its names, in any case, script or look-alike letters. */
    struct mail_name prepared;
    mail_name_prepare(name, &prepared);
    const struct ob_mail_brand *brand = from_site[0] != '\0' ? mail_name_brand(data, &prepared)
                                                             : NULL;
    if (brand != NULL && !mail_brand_owns(brand, from_site)) {
        char evidence[512];
        snprintf(evidence, sizeof(evidence), "From: %s <%s>", name, from->address);
        mail_reason_add(verdict, signals->brand_mismatch, evidence, brand->name, from_site,
                        brand->name);
    }

    char number[64];
    if (find_number(name, number, sizeof(number)))
        mail_reason_add(verdict, signals->name_number, name, number);
    if (is_decorated(name))
        mail_reason_add(verdict, signals->name_decorated, name, name);

    /* A free mail account that presents itself as an organisation. */
    if (mail_is_free_mail(data, from_site)) {
        size_t common = sizeof(organisation_words) / sizeof(organisation_words[0]);
        size_t more = sizeof(free_mail_organisation_words) /
                      sizeof(free_mail_organisation_words[0]);
        for (size_t i = 0; i < common + more; i++) {
            const char *word = i < common ? organisation_words[i]
                                          : free_mail_organisation_words[i - common];
            size_t length = strlen(word);
            bool claims = mail_name_has_word(&prepared, word, NULL) ||
                          (length >= 5 && strncasecmp(from->address, word, length) == 0);
            if (claims) {
                mail_reason_add(verdict, signals->freemail_organisation, from->address,
                                name[0] ? name : from->address, from_site);
                break;
            }
        }
    }

    /* An address on a tenant platform (x.onmicrosoft.com, y.zendesk.com). */
    for (size_t i = 0; i < data->platform_count && from->domain[0] != '\0'; i++) {
        size_t length = strlen(data->platforms[i]), domain_length = strlen(from->domain);
        if (domain_length > length + 1 &&
            strcmp(from->domain + domain_length - length, data->platforms[i]) == 0 &&
            from->domain[domain_length - length - 1] == '.') {
            mail_reason_add(verdict, signals->shared_platform, from->address, from->domain,
                            data->platforms[i]);
            break;
        }
    }
    /* An organisation's name whose words have nothing in common with the
     * domain it writes from: "Stellar Foundation <noreply@mpzcs.example>". */
    if (from_site[0] != '\0' && name[0] != '\0' &&
        !mail_has_reason(verdict, signals->brand_mismatch) && !mail_is_free_mail(data, from_site)) {
        bool organisation = false;
        for (size_t i = 0; i < sizeof(organisation_words) / sizeof(organisation_words[0]); i++)
            organisation |= mail_name_has_word(&prepared, organisation_words[i], NULL);
        if (organisation && !name_shares_domain(name, from->domain))
            mail_reason_add(verdict, signals->name_unrelated_domain, from->address, name,
                            from_site);
    }
}

/* "Sent by X on behalf of Y" in a forwarded message: a Sender from another
 * domain than From. */
static void check_on_behalf(struct ob_mail_check_context *check, const struct ob_mail_address *from,
                            const struct ob_mail_address *sender)
{
    char from_site[256], sender_site[256];
    registrable_of(check, from->domain, from_site, sizeof(from_site));
    registrable_of(check, sender->domain, sender_site, sizeof(sender_site));
    if (from_site[0] == '\0' || sender_site[0] == '\0' || strcmp(from_site, sender_site) == 0)
        return;
    mail_reason_add(check->verdict, OB_MAIL_SIGNAL_FORWARDED_SENDER_ON_BEHALF, sender->address,
                    sender->address, from->address, sender_site);
}

/* Where replies and bounces of a forwarded message go, as its own Reply-To
 * and Return-Path (or an inline block's Reply-To line) say; a forwarded
 * mailing list's replies are its own business. */
static void check_forwarded_replies(struct ob_mail_check_context *check,
                                    const struct ob_mail_forwarded *forwarded)
{
    char from_site[256], reply_site[256], bounce_site[256];
    registrable_of(check, forwarded->from.domain, from_site, sizeof(from_site));
    if (from_site[0] == '\0' ||
        mail_headers_find(forwarded->headers, forwarded->header_count, "List-Id") != NULL ||
        mail_headers_find(forwarded->headers, forwarded->header_count, "List-Post") != NULL)
        return;
    registrable_of(check, forwarded->reply_to.domain, reply_site, sizeof(reply_site));
    if (reply_site[0] != '\0' && strcmp(reply_site, from_site) != 0) {
        const struct ob_signal_def *signal =
            mail_signal(OB_MAIL_SIGNAL_FORWARDED_REPLY_TO_ELSEWHERE);
        mail_reason_add_scored(check->verdict, OB_MAIL_SIGNAL_FORWARDED_REPLY_TO_ELSEWHERE,
                               mail_is_free_mail(check->data, reply_site) ? signal->score_max
                                                                          : signal->score,
                               forwarded->reply_to.address, forwarded->reply_to.address, from_site);
    }
    registrable_of(check, forwarded->return_path.domain, bounce_site, sizeof(bounce_site));
    if (bounce_site[0] != '\0' && strcmp(bounce_site, from_site) != 0)
        mail_reason_add(check->verdict, OB_MAIL_SIGNAL_FORWARDED_RETURN_PATH_ELSEWHERE,
                        forwarded->return_path.address, bounce_site, from_site);
}

void mail_check_sender(struct ob_mail_check_context *check)
{
    const struct ob_mail_message *message = check->message;
    const struct ob_mail_data *data = check->data;
    struct ob_mail_verdict_builder *verdict = check->verdict;
    const struct ob_mail_address *from = &message->from;
    char from_site[256];
    registrable_of(check, from->domain, from_site, sizeof(from_site));
    check_identity(check, from, &sender_signals);
    if (message->forwarded.present) {
        const struct ob_mail_forwarded *forwarded = &message->forwarded;
        if (forwarded->from.display[0] != '\0')
            mail_reason_add(verdict, OB_MAIL_SIGNAL_FORWARDED_MESSAGE, forwarded->from.address,
                            forwarded->from.display, forwarded->from.address, forwarded->subject);
        else
            mail_reason_add_worded(verdict, OB_MAIL_WORDING_FORWARDED_MESSAGE_NO_NAME,
                                   forwarded->from.address, forwarded->from.address,
                                   forwarded->subject);
        check_identity(check, &forwarded->from, &original_sender_signals);
        check_on_behalf(check, &forwarded->from, &forwarded->sender);
        check_forwarded_replies(check, forwarded);
    }
    /* Mass mail hides its recipients, or puts your address where your name
     * would be. */
    const struct ob_mail_header *to = mail_header_find(message, "To");
    if (to == NULL || strcasestr(to->value, "undisclosed") != NULL)
        mail_reason_add(verdict, OB_MAIL_SIGNAL_SENDER_HIDDEN_RECIPIENTS, to ? to->value : "no To");
    else
        recipient_in_text(message, to->value, verdict);

    check_write_elsewhere(check);
    mail_check_abused_tld(check, from->domain, OB_MAIL_WORDING_DOMAIN_ABUSED_TLD_SENDER);
    mail_check_lure_domain(check, from->domain, OB_MAIL_WORDING_DOMAIN_LURE_WORDS_SENDER);
    for (size_t i = 0; i < message->reply_to_count; i++) {
        mail_check_abused_tld(check, message->reply_to[i].domain,
                              OB_MAIL_WORDING_DOMAIN_ABUSED_TLD_REPLY);
        mail_check_lure_domain(check, message->reply_to[i].domain,
                               OB_MAIL_WORDING_DOMAIN_LURE_WORDS_REPLY);
    }
    if (is_mailing_list(message))
        return;
    for (size_t i = 0; i < message->reply_to_count && from_site[0] != '\0'; i++) {
        char reply_site[256];
        registrable_of(check, message->reply_to[i].domain, reply_site, sizeof(reply_site));
        if (reply_site[0] == '\0' || strcmp(reply_site, from_site) == 0)
            continue;
        const char *address = message->reply_to[i].address;
        if (mail_is_free_mail(data, reply_site))
            mail_reason_add_worded_scored(
                verdict, OB_MAIL_WORDING_SENDER_REPLY_TO_FREE_MAIL,
                mail_signal(OB_MAIL_SIGNAL_SENDER_REPLY_TO_ELSEWHERE)->score_max, address, address,
                from_site);
        else
            mail_reason_add(verdict, OB_MAIL_SIGNAL_SENDER_REPLY_TO_ELSEWHERE, address, address,
                            from_site);
        break;
    }
    char bounce_site[256];
    registrable_of(check, message->return_path.domain, bounce_site, sizeof(bounce_site));
    if (bounce_site[0] != '\0' && from_site[0] != '\0' && strcmp(bounce_site, from_site) != 0)
        mail_reason_add(verdict, OB_MAIL_SIGNAL_SENDER_RETURN_PATH_ELSEWHERE,
                        message->return_path.address, bounce_site, from_site);
}
