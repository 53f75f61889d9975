/* SPDX-License-Identifier: Apache-2.0 */
/* Lure domains: registrable domains made only of document-share and
 * sign-in words ("docs-view.online", "secure-login-verify.site"), in
 * English and transliterated Ukrainian and Russian (data/mail/lure-words.txt). */
#include <stdio.h>
#include <string.h>

#include "mail/mail_internal.h"

#define LABEL_MAX 64 /* a DNS label's length */

/* The fewest lure words `part` (ASCII letters, `length` bytes) can be cut
 * into with none left over, or 0 when it cannot: the longest words are
 * not always right ("signinverify" is sign-in-verify, not a "signi..."),
 * so every cut is tried, shortest prefix first, one table row per byte. */
static size_t words_in_part(const struct ob_mail_data *data, const char *part, size_t length)
{
    /* best[i]: the fewest words that cover part[0..i), 0 when none do. */
    size_t best[LABEL_MAX + 1] = {0};
    if (length == 0 || length > LABEL_MAX)
        return 0;
    for (size_t start = 0; start < length; start++) {
        if (start > 0 && best[start] == 0)
            continue;
        for (size_t w = 0; w < data->lure_word_count; w++) {
            const char *word = data->lure_words[w];
            size_t n = strlen(word);
            if (n > length - start || strncmp(part + start, word, n) != 0)
                continue;
            size_t count = (start == 0 ? 0 : best[start]) + 1;
            if (best[start + n] == 0 || count < best[start + n])
                best[start + n] = count;
        }
    }
    return best[length];
}

size_t mail_lure_word_count(const struct ob_mail_data *data, const char *label)
{
    size_t total = 0;
    for (const char *at = label; *at;) {
        size_t skip = strspn(at, "-0123456789");
        at += skip;
        size_t length = strcspn(at, "-0123456789");
        if (length == 0)
            break;
        for (size_t i = 0; i < length; i++)
            if (at[i] < 'a' || at[i] > 'z')
                return 0;
        size_t words = words_in_part(data, at, length);
        if (words == 0)
            return 0;
        total += words;
        at += length;
    }
    return total;
}

void mail_check_lure_domain(struct ob_mail_check_context *check, const char *host,
                            enum mail_wording wording)
{
    if (host[0] == '\0' || mail_host_is_ip(host) ||
        mail_has_reason(check->verdict, OB_MAIL_SIGNAL_DOMAIN_LURE_WORDS))
        return;
    char site[256], label[LABEL_MAX + 1];
    mail_site_of(check->sites, host, site, sizeof(site));
    size_t length = strcspn(site, ".");
    if (site[length] != '.' || length > LABEL_MAX || strncmp(site, "xn--", 4) == 0)
        return;
    /* A brand's own domain is what it is, whatever its words. */
    for (size_t b = 0; b < check->data->brand_count; b++)
        if (mail_brand_owns(&check->data->brands[b], site))
            return;
    memcpy(label, site, length);
    label[length] = '\0';
    if (mail_lure_word_count(check->data, label) < 2)
        return;
    /* Cheap names where abuse is common are where such domains live. */
    const struct ob_signal_def *lure = mail_signal(OB_MAIL_SIGNAL_DOMAIN_LURE_WORDS);
    const char *tld;
    int score = mail_tld_is_abused(check->data, site, &tld) ? lure->score_max : lure->score;
    if (wording == OB_MAIL_WORDING_COUNT)
        mail_reason_add_scored(check->verdict, OB_MAIL_SIGNAL_DOMAIN_LURE_WORDS, score, site, site);
    else
        mail_reason_add_worded_scored(check->verdict, wording, score, site, site);
}
