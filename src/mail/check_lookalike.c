/* SPDX-License-Identifier: Apache-2.0 */
/* Look-alikes: confusable characters (UTS #39 skeletons), mixed scripts,
 * invisible and bidirectional control characters, and registrable domains
 * close to those of a protected brand. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/icu_adapter.h"
#include "core/text.h"
#include "mail/mail_internal.h"

#define HOSTS_MAX 64
#define LABEL_MAX 128

/* Brand labels that are also everyday words: a domain containing them is
 * not a sign of impersonation by itself. */
static const char *const common_words[] = {"live",    "office", "signal", "apple",  "amazon",
                                           "booking", "visa",   "google", "outlook"};

static bool is_common_word(const char *label)
{
    for (size_t i = 0; i < sizeof(common_words) / sizeof(common_words[0]); i++)
        if (strcmp(common_words[i], label) == 0)
            return true;
    return false;
}

/* Brand labels that are also names or words people put in their own
 * addresses ("chase.miller@", "ledger@accounts."): not a sign when they
 * appear before the '@'. */
static const char *const address_words[] = {"chase",   "caixa",  "crypto",  "ledger",
                                            "exodus",  "kraken", "phantom", "proton",
                                            "windows", "pravda", "norton",  "steam"};

static bool is_address_word(const char *label)
{
    if (is_common_word(label))
        return true;
    for (size_t i = 0; i < sizeof(address_words) / sizeof(address_words[0]); i++)
        if (strcmp(address_words[i], label) == 0)
            return true;
    return false;
}

/* Zero-width characters and the bidirectional controls. */
static bool is_invisible(uint32_t c)
{
    return (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF ||
           core_text_is_bidi_control(c);
}

static bool find_invisible(const char *text, uint32_t *found)
{
    return core_utf8_find(text, strlen(text), is_invisible, found);
}

/* Letters that filters do not read as letters: mathematical alphanumeric
 * symbols ("𝐘𝐎𝐔𝐑"), and marks drawn over letters to break words ("Fa̷lha"). */
static bool is_disguised_letter(uint32_t c)
{
    return (c >= 0x1D400 && c <= 0x1D7FF) || (c >= 0x0334 && c <= 0x0338) ||
           (c >= 0x20D0 && c <= 0x20F0) || (c >= 0x1DC0 && c <= 0x1DFF);
}

static bool find_disguised_letters(const char *text, uint32_t *found)
{
    return core_utf8_find(text, strlen(text), is_disguised_letter, found);
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la >= LABEL_MAX || lb >= LABEL_MAX)
        return SIZE_MAX;
    size_t row[LABEL_MAX + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diagonal + cost;
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

/* Folds characters that look alike in a domain label: 0 and o, 1, i, | and
 * l, 3 and e, 5 and s, "rn" and m, "vv" and w. */
static void visual_fold(const char *label, char *out, size_t size)
{
    size_t used = 0;
    for (size_t i = 0; label[i] != '\0' && used + 1 < size; i++) {
        char c = label[i];
        if (c == 'r' && label[i + 1] == 'n') {
            c = 'm';
            i++;
        } else if (c == 'v' && label[i + 1] == 'v') {
            c = 'w';
            i++;
        } else if (c == '0') {
            c = 'o';
        } else if (c == '1' || c == 'i' || c == '|') {
            c = 'l';
        } else if (c == '3') {
            c = 'e';
        } else if (c == '5') {
            c = 's';
        }
        out[used++] = c;
    }
    out[used] = '\0';
}

/* The first label of a registrable domain: "paypal" of "paypal.co.uk". */
static void first_label(const char *registrable, char *out, size_t size)
{
    size_t length = strcspn(registrable, ".");
    if (length >= size)
        length = size - 1;
    memcpy(out, registrable, length);
    out[length] = '\0';
}

/* True when two words of `label` next to each other, split at a '-',
 * make `name` ("nova-poshta" of "novaposhta", "privat-bank"). */
static bool has_split_name(const char *label, const char *name)
{
    size_t name_length = strlen(name);
    for (const char *at = label; *at;) {
        size_t first = strcspn(at, "-");
        if (at[first] == '\0')
            break;
        const char *second = at + first + 1;
        size_t second_length = strcspn(second, "-");
        if (first > 0 && second_length > 0 && first + second_length == name_length &&
            strncmp(at, name, first) == 0 && strncmp(second, name + first, second_length) == 0)
            return true;
        at = second;
    }
    return false;
}

static const struct ob_mail_brand *owner_of(const struct ob_mail_data *data,
                                            const char *registrable)
{
    for (size_t b = 0; b < data->brand_count; b++)
        if (mail_brand_owns(&data->brands[b], registrable))
            return &data->brands[b];
    return NULL;
}

/* Where a host was seen: its word in the evidence, and the sentence that
 * names the place in each signal's explanation. */
enum place { PLACE_SENDER, PLACE_ORIGINAL_SENDER, PLACE_REPLY, PLACE_LINK };

static const struct place_wordings {
    const char *evidence; /* "sender's" */
    enum mail_wording mixed_script, confusable, brand, brand_name, brand_in_host;
} places[] = {
    [PLACE_SENDER] = {"sender's", OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_SENDER,
                      OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_SENDER,
                      OB_MAIL_WORDING_LOOKALIKE_BRAND_SENDER,
                      OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_SENDER,
                      OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_SENDER},
    [PLACE_ORIGINAL_SENDER] = {"original sender's",
                               OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_ORIGINAL_SENDER,
                               OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_ORIGINAL_SENDER,
                               OB_MAIL_WORDING_LOOKALIKE_BRAND_ORIGINAL_SENDER,
                               OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_ORIGINAL_SENDER,
                               OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_ORIGINAL_SENDER},
    [PLACE_REPLY] = {"reply", OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_REPLY,
                     OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_REPLY,
                     OB_MAIL_WORDING_LOOKALIKE_BRAND_REPLY,
                     OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_REPLY,
                     OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_REPLY},
    [PLACE_LINK] = {"link", OB_MAIL_WORDING_LOOKALIKE_MIXED_SCRIPT_LINK,
                    OB_MAIL_WORDING_LOOKALIKE_CONFUSABLE_LINK, OB_MAIL_WORDING_LOOKALIKE_BRAND_LINK,
                    OB_MAIL_WORDING_LOOKALIKE_BRAND_NAME_LINK,
                    OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_HOST_LINK},
};

static void describe(char *out, size_t size, enum place where, const char *registrable,
                     const char *brand_domain)
{
    snprintf(out, size, "%s %s vs %s", places[where].evidence, registrable, brand_domain);
}

/* Compares one host with every protected brand, seen at `where`. */
static void compare_with_brands(struct ob_mail_check_context *check, const char *host,
                                enum place where, const struct ob_mail_brand *claimed)
{
    const struct place_wordings *place = &places[where];
    const struct ob_mail_data *data = check->data;
    struct ob_mail_verdict_builder *verdict = check->verdict;
    char registrable[256], label[LABEL_MAX], unicode[512], skeleton[512];
    mail_site_of(check->sites, host, registrable, sizeof(registrable));
    if (strchr(registrable, '.') == NULL || owner_of(data, registrable) != NULL)
        return;
    first_label(registrable, label, sizeof(label));
    /* The Unicode form of a punycode label, for skeletons and scripts. */
    char unicode_label[LABEL_MAX * 4] = "";
    if (core_idna_to_unicode(registrable, strlen(registrable), unicode, sizeof(unicode)) == OB_OK)
        first_label(unicode, unicode_label, sizeof(unicode_label));
    char scripts[128];
    if (unicode_label[0] != '\0' && strcmp(unicode_label, label) != 0 &&
        core_text_mixes_scripts(unicode_label, strlen(unicode_label), scripts, sizeof(scripts)))
        mail_reason_add_worded(verdict, place->mixed_script, unicode, unicode, scripts);
    bool have_skeleton = unicode_label[0] != '\0' &&
                         core_confusable_skeleton(unicode_label, strlen(unicode_label), skeleton,
                                                  sizeof(skeleton)) == OB_OK;
    char folded[LABEL_MAX];
    visual_fold(label, folded, sizeof(folded));
    size_t label_length = strlen(label);
    for (size_t b = 0; b < data->brand_count; b++) {
        const struct ob_mail_brand *brand = &data->brands[b];
        for (size_t d = 0; d < brand->domain_count; d++) {
            const char *brand_label = brand->labels[d];
            size_t length = strlen(brand_label);
            if (length < 4 || strcmp(brand_label, label) == 0)
                continue;
            char evidence[768];
            evidence[0] = '\0';
            if (have_skeleton && brand->skeletons[d][0] != '\0' &&
                strcmp(skeleton, brand->skeletons[d]) == 0) {
                describe(evidence, sizeof(evidence), where, registrable, brand->domains[d]);
                mail_reason_add_worded(verdict, place->confusable, evidence,
                                       unicode_label[0] ? unicode : registrable, brand->domains[d],
                                       brand->name, brand->name);
                return;
            }
            /* Typo-squats: letters swapped for look-alike ones ("paypa1",
             * "rnicrosoft"), or one letter added or left out ("paypall",
             * "micosoft"). Other one-letter changes make other words
             * ("binance", "finance") and do not count. */
            if (length >= 5 && label_length + 2 >= length && label_length <= length + 2) {
                char brand_folded[LABEL_MAX];
                visual_fold(brand_label, brand_folded, sizeof(brand_folded));
                bool one_letter = label_length + 1 == length || length + 1 == label_length;
                if (strcmp(folded, brand_folded) == 0 ||
                    (length >= 6 && one_letter && edit_distance(label, brand_label) == 1)) {
                    describe(evidence, sizeof(evidence), where, registrable, brand->domains[d]);
                    mail_reason_add_worded(verdict, place->brand, evidence, registrable,
                                           brand->domains[d], brand->name, brand->name);
                    return;
                }
            }
            /* "nova-poshta-delivery.example": the name cut in two. */
            if (length >= 5 && !is_common_word(brand_label) && has_split_name(label, brand_label)) {
                describe(evidence, sizeof(evidence), where, registrable, brand->domains[d]);
                mail_reason_add_worded(verdict, place->brand_name, evidence, registrable,
                                       brand_label, brand->name);
                return;
            }
            const char *in_host = strstr(host, brand_label);
            if (in_host == NULL)
                continue;
            /* "paypal-secure.example", "login-paypal.example". */
            if (length >= 5 && !is_common_word(brand_label)) {
                const char *at = strstr(label, brand_label);
                bool token = at != NULL &&
                             (at == label || at[-1] == '-' || isdigit((unsigned char)at[-1])) &&
                             (at[length] == '\0' || at[length] == '-' ||
                              isdigit((unsigned char)at[length]));
                if (token && strcmp(label, brand_label) != 0) {
                    describe(evidence, sizeof(evidence), where, registrable, brand->domains[d]);
                    /* The message says it comes from this very brand: the
                     * link dresses up as the sender's own site. */
                    if (brand == claimed && where == PLACE_LINK) {
                        mail_reason_add(verdict, OB_MAIL_SIGNAL_LOOKALIKE_BRAND_NAME_OF_SENDER,
                                        evidence, brand->name, registrable, brand_label,
                                        brand->name);
                        return;
                    }
                    mail_reason_add_worded(verdict, place->brand_name, evidence, registrable,
                                           brand_label, brand->name);
                    return;
                }
            }
            /* "paypal.com.account-check.example": the real name in front. */
            char dotted[300];
            snprintf(dotted, sizeof(dotted), "%s.", brand->domains[d]);
            const char *found = strstr(host, dotted);
            if (found != NULL && (found == host || found[-1] == '.')) {
                describe(evidence, sizeof(evidence), where, registrable, brand->domains[d]);
                mail_reason_add_worded(verdict, place->brand_in_host, evidence, host,
                                       brand->domains[d], registrable);
                return;
            }
        }
    }
}

/* The brand the message says it comes from: the owner of the sender's
 * domain, else a brand named as a word in the sender's name. */
static const struct ob_mail_brand *claimed_brand(struct ob_mail_check_context *check)
{
    const struct ob_mail_message *message = check->message;
    const struct ob_mail_data *data = check->data;
    if (message->from.domain[0] != '\0') {
        char registrable[256];
        mail_site_of(check->sites, message->from.domain, registrable, sizeof(registrable));
        const struct ob_mail_brand *owner = owner_of(data, registrable);
        if (owner != NULL)
            return owner;
    }
    struct mail_name name;
    mail_name_prepare(message->from.display, &name);
    return mail_name_brand(data, &name);
}

/* A brand's name inside the sender's address, before the domain
 * ("paypal-support@...", "mail.binance@x.onmicrosoft.com") or in a
 * subdomain ("binance.mailer.example"), when the domain is not the
 * brand's; `wording` says whose address it is. */
static void brand_in_address(struct ob_mail_check_context *check,
                             const struct ob_mail_address *from, enum mail_wording wording)
{
    const struct ob_mail_data *data = check->data;
    const char *address = from->address, *domain = from->domain;
    const char *at = strrchr(address, '@');
    if (at == NULL || domain[0] == '\0')
        return;
    char registrable[256];
    mail_site_of(check->sites, domain, registrable, sizeof(registrable));
    if (owner_of(data, registrable) != NULL)
        return;
    /* The part that names things: the local part and any subdomain, lower
     * case, without the registrable domain (compared elsewhere). */
    char named[512];
    size_t local = (size_t)(at - address);
    size_t domain_length = strlen(domain), registrable_length = strlen(registrable);
    size_t sub = domain_length > registrable_length ? domain_length - registrable_length : 0;
    if (local + 1 + sub >= sizeof(named))
        return;
    for (size_t i = 0; i < local; i++)
        named[i] = (char)tolower((unsigned char)address[i]);
    named[local] = '@';
    memcpy(named + local + 1, domain, sub);
    named[local + 1 + sub] = '\0';
    for (size_t b = 0; b < data->brand_count; b++) {
        const struct ob_mail_brand *brand = &data->brands[b];
        for (size_t d = 0; d < brand->domain_count; d++) {
            const char *label = brand->labels[d];
            if (strlen(label) < 5 || strstr(named, label) == NULL || is_address_word(label))
                continue;
            char evidence[768];
            snprintf(evidence, sizeof(evidence), "%s vs %s", address, brand->domains[d]);
            mail_reason_add_worded(check->verdict, wording, evidence, address, label, registrable,
                                   brand->name);
            return;
        }
    }
}

/* True when one word of `text` mixes scripts; `word` gets it. */
static bool word_mixes_scripts(const char *text, char *word, size_t size, char *scripts,
                               size_t scripts_size)
{
    const char *at = text;
    while (*at) {
        size_t skip = strspn(at, " \t\"'<>()[],.:;!?-_/|");
        at += skip;
        size_t length = strcspn(at, " \t\"'<>()[],.:;!?-_/|");
        if (length == 0)
            break;
        if (length < size) {
            memcpy(word, at, length);
            word[length] = '\0';
            if (core_text_mixes_scripts(word, length, scripts, scripts_size))
                return true;
        }
        at += length;
    }
    return false;
}

void mail_check_lookalike(struct ob_mail_check_context *check)
{
    const struct ob_mail_message *message = check->message;
    struct ob_mail_verdict_builder *verdict = check->verdict;
    uint32_t invisible;
    const struct ob_mail_forwarded *forwarded = &message->forwarded;
    const char *texts[] = {message->from.display,   message->subject,   message->from.address,
                           forwarded->from.display, forwarded->subject, forwarded->from.address};
    /* Each text's name in the evidence, and the sentence that names it. */
    const char *names[] = {"sender's name",
                           "subject",
                           "sender's address",
                           "original sender's name",
                           "forwarded message's subject",
                           "original sender's address"};
    const enum mail_wording invisible_wordings[] = {
        OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_SENDER_NAME,
        OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_SUBJECT,
        OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_SENDER_ADDRESS,
        OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_ORIGINAL_SENDER_NAME,
        OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_FORWARDED_SUBJECT,
        OB_MAIL_WORDING_LOOKALIKE_INVISIBLE_ORIGINAL_SENDER_ADDRESS,
    };
    _Static_assert(sizeof(texts) / sizeof(texts[0]) == 6 && sizeof(names) / sizeof(names[0]) == 6 &&
                       sizeof(invisible_wordings) / sizeof(invisible_wordings[0]) == 6,
                   "each text is named, the forwarded message's three last");
    size_t text_count = forwarded->present ? 6 : 3;
    for (size_t i = 0; i < text_count; i++) {
        if (find_invisible(texts[i], &invisible)) {
            char evidence[64], code[16];
            snprintf(code, sizeof(code), "U+%04X", invisible);
            snprintf(evidence, sizeof(evidence), "%s in the %s", code, names[i]);
            mail_reason_add_worded(verdict, invisible_wordings[i], evidence, code);
            break;
        }
    }
    const char *styled[] = {message->subject, message->from.display, forwarded->subject,
                            forwarded->from.display};
    const char *styled_names[] = {"subject", "sender's name", "forwarded message's subject",
                                  "original sender's name"};
    const enum mail_wording styled_wordings[] = {
        OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_SUBJECT,
        OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_SENDER_NAME,
        OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_FORWARDED_SUBJECT,
        OB_MAIL_WORDING_LOOKALIKE_DISGUISED_LETTERS_ORIGINAL_SENDER_NAME,
    };
    _Static_assert(sizeof(styled) / sizeof(styled[0]) == 4 &&
                       sizeof(styled_names) / sizeof(styled_names[0]) == 4 &&
                       sizeof(styled_wordings) / sizeof(styled_wordings[0]) == 4,
                   "each text is named, the forwarded message's two last");
    for (size_t i = 0; i < (forwarded->present ? 4u : 2u); i++) {
        uint32_t letter;
        if (find_disguised_letters(styled[i], &letter)) {
            char evidence[96], code[16];
            snprintf(code, sizeof(code), "U+%04X", letter);
            snprintf(evidence, sizeof(evidence), "%s in the %s", code, styled_names[i]);
            mail_reason_add_worded(verdict, styled_wordings[i], evidence, code);
            break;
        }
    }
    char word[256], scripts[128];
    if (word_mixes_scripts(message->from.display, word, sizeof(word), scripts, sizeof(scripts)) ||
        word_mixes_scripts(forwarded->from.display, word, sizeof(word), scripts, sizeof(scripts)))
        mail_reason_add(verdict, OB_MAIL_SIGNAL_LOOKALIKE_NAME_MIXED_SCRIPT, word, word, scripts);
    else if (word_mixes_scripts(message->subject, word, sizeof(word), scripts, sizeof(scripts)) ||
             word_mixes_scripts(forwarded->subject, word, sizeof(word), scripts, sizeof(scripts)))
        mail_reason_add(verdict, OB_MAIL_SIGNAL_LOOKALIKE_SUBJECT_MIXED_SCRIPT, word, word,
                        scripts);

    /* Hosts to compare: the sender's, reply addresses', and links'. */
    const char *hosts[HOSTS_MAX];
    enum place wheres[HOSTS_MAX];
    size_t count = 0;
    if (message->from.domain[0] != '\0') {
        hosts[count] = message->from.domain;
        wheres[count++] = PLACE_SENDER;
        if (strncmp(message->from.domain, "xn--", 4) == 0 || strstr(message->from.domain, ".xn--"))
            mail_reason_add(verdict, OB_MAIL_SIGNAL_LOOKALIKE_PUNYCODE_SENDER, message->from.domain,
                            message->from.domain);
    }
    if (forwarded->from.domain[0] != '\0') {
        hosts[count] = forwarded->from.domain;
        wheres[count++] = PLACE_ORIGINAL_SENDER;
    }
    for (size_t i = 0; i < message->reply_to_count && count < HOSTS_MAX; i++)
        if (message->reply_to[i].domain[0] != '\0') {
            hosts[count] = message->reply_to[i].domain;
            wheres[count++] = PLACE_REPLY;
        }
    for (size_t i = 0; i < message->link_count && count < HOSTS_MAX; i++) {
        const char *host = message->links[i].host;
        if (message->links[i].kind == OB_LINK_IMAGE || host[0] == '\0')
            continue;
        bool seen = false;
        for (size_t k = 0; k < count; k++)
            seen |= strcmp(hosts[k], host) == 0;
        if (seen)
            continue;
        hosts[count] = host;
        wheres[count++] = PLACE_LINK;
    }
    const struct ob_mail_brand *claimed = claimed_brand(check);
    for (size_t i = 0; i < count; i++)
        compare_with_brands(check, hosts[i], wheres[i], claimed);
    brand_in_address(check, &message->from, OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_ADDRESS_SENDER);
    brand_in_address(check, &forwarded->from,
                     OB_MAIL_WORDING_LOOKALIKE_BRAND_IN_ADDRESS_ORIGINAL_SENDER);
}
