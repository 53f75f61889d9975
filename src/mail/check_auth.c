/* SPDX-License-Identifier: Apache-2.0 */
/* Sender authentication as the receiving servers recorded it:
 * Authentication-Results and ARC-Authentication-Results (RFC 8601, also
 * Microsoft's form without an authserv-id) and Received-SPF. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/mail_internal.h"

#define VALUE_MAX 256

/* What one Authentication-Results header says. */
struct auth_results {
    char spf[VALUE_MAX], dkim[VALUE_MAX], dmarc[VALUE_MAX], compauth[VALUE_MAX];
    char mailfrom[VALUE_MAX], header_from[VALUE_MAX], dkim_domain[VALUE_MAX];
    char dkim_pass_domain[VALUE_MAX]; /* header.d of the first passing signature */
    bool dkim_pass;                   /* any DKIM signature passed (there may be several) */
    bool found;
};

/* Removes RFC 5322 comments "(...)", nested ones too, in place. */
static void strip_comments(char *text)
{
    int depth = 0;
    char *out = text;
    for (char *in = text; *in; in++) {
        if (*in == '\\' && depth > 0 && in[1] != '\0') {
            in++;
            continue;
        }
        if (*in == '(') {
            depth++;
            continue;
        }
        if (*in == ')' && depth > 0) {
            depth--;
            continue;
        }
        if (depth == 0)
            *out++ = *in;
    }
    *out = '\0';
}

static void copy_token(char *out, const char *start, size_t length)
{
    if (length >= VALUE_MAX)
        length = VALUE_MAX - 1;
    for (size_t i = 0; i < length; i++)
        out[i] = (char)tolower((unsigned char)start[i]);
    out[length] = '\0';
}

/* Reads "method=result ptype.property=value ..." into `results`. */
static void read_resinfo(struct auth_results *results, char *resinfo)
{
    char *save = NULL;
    char method[32] = "";
    bool is_pass_dkim = false;
    for (char *word = strtok_r(resinfo, " \t\r\n", &save); word != NULL;
         word = strtok_r(NULL, " \t\r\n", &save)) {
        char *equals = strchr(word, '=');
        if (equals == NULL)
            continue;
        size_t name_length = (size_t)(equals - word);
        const char *value = equals + 1;
        size_t value_length = strcspn(value, " \t\"");
        if (method[0] == '\0') {
            copy_token(method, word, name_length < sizeof(method) ? name_length : 31);
            char result[VALUE_MAX];
            copy_token(result, value, value_length);
            char *target = strcmp(method, "spf") == 0        ? results->spf
                           : strcmp(method, "dkim") == 0     ? results->dkim
                           : strcmp(method, "dmarc") == 0    ? results->dmarc
                           : strcmp(method, "compauth") == 0 ? results->compauth
                                                             : NULL;
            /* For DKIM, one passing signature is enough; keep the best. */
            if (strcmp(method, "dkim") == 0 && strcmp(result, "pass") == 0)
                results->dkim_pass = is_pass_dkim = true;
            if (target != NULL && (target[0] == '\0' || strcmp(method, "dkim") == 0))
                snprintf(target, VALUE_MAX, "%s", result);
            results->found |= target != NULL;
            continue;
        }
        if (strncasecmp(word, "smtp.mailfrom", name_length) == 0 && name_length == 13) {
            const char *at = memchr(value, '@', value_length);
            if (at != NULL) {
                value_length -= (size_t)(at + 1 - value);
                value = at + 1;
            }
            copy_token(results->mailfrom, value, value_length);
        } else if (strncasecmp(word, "header.from", name_length) == 0 && name_length == 11) {
            copy_token(results->header_from, value, value_length);
        } else if (strncasecmp(word, "header.d", name_length) == 0 && name_length == 8 &&
                   strcmp(method, "dkim") == 0) {
            copy_token(results->dkim_domain, value, value_length);
            /* Properties follow their method in the same resinfo. */
            if (is_pass_dkim && results->dkim_pass_domain[0] == '\0')
                copy_token(results->dkim_pass_domain, value, value_length);
        }
    }
}

static void parse_results(const char *value, bool arc, struct auth_results *results)
{
    char text[OB_MAIL_HEADER_MAX + 1];
    snprintf(text, sizeof(text), "%s", value);
    strip_comments(text);
    char *save = NULL;
    bool first = true;
    for (char *part = strtok_r(text, ";", &save); part != NULL;
         part = strtok_r(NULL, ";", &save), first = false) {
        /* The authserv-id comes first, without '='; ARC adds "i=N" before
         * it. Microsoft's form starts with a result at once. */
        if (arc && first && strncasecmp(part + strspn(part, " \t"), "i=", 2) == 0)
            continue;
        if (first && strchr(part, '=') == NULL)
            continue;
        read_resinfo(results, part);
    }
}

/* The first header named `name` that records any result. Servers add
 * theirs on top, so the first is the one the recipient's own server wrote. */
static bool read_first(const struct ob_mail_header *headers, size_t count, const char *name,
                       bool arc, struct auth_results *results)
{
    for (size_t i = 0; i < count; i++) {
        if (strcasecmp(headers[i].name, name) != 0)
            continue;
        memset(results, 0, sizeof(*results));
        parse_results(headers[i].value, arc, results);
        if (results->found)
            return true;
    }
    return false;
}

static bool is(const char *value, const char *word)
{
    return strcmp(value, word) == 0;
}

/* True when two domains have the same registrable domain. */
static bool same_site(struct ob_mail_check_context *check, const char *a, const char *b)
{
    if (a[0] == '\0' || b[0] == '\0')
        return false;
    char site_a[256], site_b[256];
    mail_site_of(check->sites, a, site_a, sizeof(site_a));
    mail_site_of(check->sites, b, site_b, sizeof(site_b));
    return site_a[0] != '\0' && strcasecmp(site_a, site_b) == 0;
}

/* ---- the receiving service's own spam verdict -------------------------------- */

/* Forefront categories that mean phishing, impersonation or malware, and
 * those that mean spam (Microsoft's anti-spam message headers). */
static const char *const phishing_categories[] = {"PHSH", "HPHSH", "SPOOF", "DIMP",
                                                  "UIMP", "GIMP",  "MALW"};
static const char *const spam_categories[] = {"SPM", "HSPM", "OSPM"};

/* The value of `key` ("CAT", "SFV", "dest") in a "KEY:value;KEY:value"
 * list such as X-Forefront-Antispam-Report, or "" when it is not there. */
static void list_value(const char *list, const char *key, char *out, size_t size)
{
    out[0] = '\0';
    size_t key_length = strlen(key);
    for (const char *at = list; *at;) {
        at += strspn(at, " \t;");
        if (strncasecmp(at, key, key_length) == 0 && at[key_length] == ':') {
            const char *value = at + key_length + 1;
            size_t length = strcspn(value, "; \t");
            if (length >= size)
                length = size - 1;
            memcpy(out, value, length);
            out[length] = '\0';
            return;
        }
        at += strcspn(at, ";");
    }
}

static bool in_list(const char *value, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcasecmp(value, list[i]) == 0)
            return true;
    return false;
}

/* Mail services record what their filters decided in headers that they
 * remove from incoming mail first, so a sender cannot plant them:
 * Microsoft's spam confidence level (SCL 5-6 spam, 7-9 high confidence),
 * the Forefront category (CAT:PHSH phishing, CAT:SPM spam...), the folder
 * the message was delivered to (dest:J, junk), and SpamAssassin's flag.
 * Those filters see every copy of a campaign, which one message cannot
 * show, so their verdict counts; its absence proves nothing. */
static void check_filter_verdict(const struct ob_mail_header *headers, size_t count, bool forwarded,
                                 struct ob_mail_verdict_builder *verdict)
{
    int spam = 0; /* 0 none, 1 spam, 2 high confidence */
    bool phishing = false;
    char evidence[256] = "", value[32];
    const struct ob_mail_header *header;
    if ((header = mail_headers_find(headers, count, "X-MS-Exchange-Organization-SCL")) != NULL) {
        int scl = atoi(header->value);
        if (scl >= 5 && scl <= 9) {
            spam = scl >= 7 ? 2 : 1;
            snprintf(evidence, sizeof(evidence), "X-MS-Exchange-Organization-SCL: %d", scl);
        }
    }
    const char *reports[] = {"X-Forefront-Antispam-Report",
                             "X-Forefront-Antispam-Report-Untrusted"};
    for (size_t i = 0; i < 2; i++) {
        if ((header = mail_headers_find(headers, count, reports[i])) == NULL)
            continue;
        list_value(header->value, "CAT", value, sizeof(value));
        if (in_list(value, phishing_categories,
                    sizeof(phishing_categories) / sizeof(phishing_categories[0]))) {
            phishing = true;
            snprintf(evidence, sizeof(evidence), "%s: CAT:%s", reports[i], value);
            break;
        }
        if (spam == 0 &&
            in_list(value, spam_categories, sizeof(spam_categories) / sizeof(spam_categories[0]))) {
            spam = strcasecmp(value, "HSPM") == 0 ? 2 : 1;
            snprintf(evidence, sizeof(evidence), "%s: CAT:%s", reports[i], value);
        }
    }
    if (spam == 0 &&
        (header = mail_headers_find(headers, count, "X-Microsoft-Antispam-Mailbox-Delivery")) !=
            NULL) {
        list_value(header->value, "dest", value, sizeof(value));
        if (strcasecmp(value, "J") == 0) {
            spam = 1;
            snprintf(evidence, sizeof(evidence), "X-Microsoft-Antispam-Mailbox-Delivery: dest:J");
        }
    }
    if (spam == 0 && (header = mail_headers_find(headers, count, "X-Spam-Flag")) != NULL &&
        strncasecmp(header->value + strspn(header->value, " \t"), "yes", 3) == 0) {
        spam = 1;
        snprintf(evidence, sizeof(evidence), "X-Spam-Flag: YES");
    }
    if (forwarded) {
        const struct ob_signal_def *forwarded_spam =
            mail_signal(OB_MAIL_SIGNAL_FORWARDED_FILTER_SPAM);
        if (phishing)
            mail_reason_add(verdict, OB_MAIL_SIGNAL_FORWARDED_FILTER_PHISHING, evidence);
        else if (spam > 0)
            mail_reason_add_scored(verdict, OB_MAIL_SIGNAL_FORWARDED_FILTER_SPAM,
                                   spam == 2 ? forwarded_spam->score_max : forwarded_spam->score,
                                   evidence);
        return;
    }
    if (phishing)
        mail_reason_add(verdict, OB_MAIL_SIGNAL_FILTER_PHISHING, evidence);
    else if (spam == 2)
        mail_reason_add_worded_scored(verdict, OB_MAIL_WORDING_FILTER_SPAM_HIGH,
                                      mail_signal(OB_MAIL_SIGNAL_FILTER_SPAM)->score_max, evidence);
    else if (spam == 1)
        mail_reason_add(verdict, OB_MAIL_SIGNAL_FILTER_SPAM, evidence);
}

/* A message forwarded as an attachment keeps the headers its first
 * recipient's servers wrote: their filter's verdict and what they could
 * verify of its sender. The strongest failure is reported. */
static void check_forwarded(struct ob_mail_check_context *check)
{
    const struct ob_mail_forwarded *forwarded = &check->message->forwarded;
    if (!forwarded->present || !forwarded->attached || forwarded->header_count == 0)
        return;
    check_filter_verdict(forwarded->headers, forwarded->header_count, true, check->verdict);
    struct auth_results results;
    if (!read_first(forwarded->headers, forwarded->header_count, "Authentication-Results", false,
                    &results) &&
        !read_first(forwarded->headers, forwarded->header_count, "ARC-Authentication-Results", true,
                    &results))
        return;
    const char *from = results.header_from[0] ? results.header_from : forwarded->from.domain;
    /* The checks, strongest first, with the score of each failure. */
    const struct {
        const char *name;
        bool failed;
        int score;
    } checks[] = {
        {"DMARC", is(results.dmarc, "fail"), 40},
        {"compauth", is(results.compauth, "fail"), 30},
        {"SPF", is(results.spf, "fail"), 20},
        {"DKIM", is(results.dkim, "fail") && !results.dkim_pass, 15},
    };
    size_t failed = 0;
    while (failed < sizeof(checks) / sizeof(checks[0]) && !checks[failed].failed)
        failed++;
    if (failed == sizeof(checks) / sizeof(checks[0]) || from[0] == '\0')
        return;
    char evidence[4096];
    snprintf(evidence, sizeof(evidence), "spf=%s dkim=%s dmarc=%s compauth=%s header.from=%s",
             results.spf[0] ? results.spf : "-",
             results.dkim_pass ? "pass"
             : results.dkim[0] ? results.dkim
                               : "-",
             results.dmarc[0] ? results.dmarc : "-", results.compauth[0] ? results.compauth : "-",
             from);
    mail_reason_add_scored(check->verdict, OB_MAIL_SIGNAL_FORWARDED_AUTH_FAIL, checks[failed].score,
                           evidence, from, checks[failed].name);
}

void mail_check_auth(struct ob_mail_check_context *check)
{
    const struct ob_mail_message *message = check->message;
    struct ob_mail_verdict_builder *verdict = check->verdict;
    check_filter_verdict(message->headers, message->header_count, false, verdict);
    check_forwarded(check);
    struct auth_results results;
    bool have = read_first(message->headers, message->header_count, "Authentication-Results", false,
                           &results) ||
                read_first(message->headers, message->header_count, "ARC-Authentication-Results",
                           true, &results);
    if (!have) {
        memset(&results, 0, sizeof(results));
        const struct ob_mail_header *spf = mail_header_find(message, "Received-SPF");
        if (spf == NULL)
            return; /* nothing was recorded: no evidence either way */
        size_t word = strcspn(spf->value + strspn(spf->value, " \t"), " \t(;");
        copy_token(results.spf, spf->value + strspn(spf->value, " \t"), word);
    }
    snprintf(check->dkim_pass_domain, sizeof(check->dkim_pass_domain), "%s",
             results.dkim_pass_domain);
    const char *from = results.header_from[0] ? results.header_from : message->from.domain;
    /* DMARC's relaxed alignment: a passing SPF or DKIM domain with the
     * same registrable domain as the From address. */
    char aligned[VALUE_MAX + 16] = "", site[256] = "";
    bool spf_aligned = is(results.spf, "pass") && same_site(check, results.mailfrom, from);
    bool dkim_aligned = results.dkim_pass && same_site(check, results.dkim_pass_domain, from);
    if (spf_aligned || dkim_aligned) {
        mail_site_of(check->sites, from, site, sizeof(site));
        snprintf(aligned, sizeof(aligned), "%s (%s%s%s)", site, dkim_aligned ? "DKIM" : "",
                 dkim_aligned && spf_aligned ? " and " : "", spf_aligned ? "SPF" : "");
    }
    char evidence[4096]; /* the short fields at their longest; a huge From domain is cut */
    const char *dkim = results.dkim_pass ? "pass" : results.dkim[0] ? results.dkim : "-";
    snprintf(evidence, sizeof(evidence),
             "spf=%s dkim=%s dmarc=%s compauth=%s header.from=%s "
             "smtp.mailfrom=%s header.d=%s aligned=%s",
             results.spf[0] ? results.spf : "-", dkim, results.dmarc[0] ? results.dmarc : "-",
             results.compauth[0] ? results.compauth : "-", from[0] ? from : "-",
             results.mailfrom[0] ? results.mailfrom : "-",
             results.dkim_pass_domain[0] ? results.dkim_pass_domain
             : results.dkim_domain[0]    ? results.dkim_domain
                                         : "-",
             aligned[0] ? aligned : "none");

    if (is(results.dmarc, "fail") && from[0] != '\0')
        mail_reason_add(verdict, OB_MAIL_SIGNAL_AUTH_DMARC_FAIL, evidence, from);
    else if (is(results.dmarc, "fail"))
        mail_reason_add_worded(verdict, OB_MAIL_WORDING_AUTH_DMARC_FAIL_NO_DOMAIN, evidence);
    if (is(results.dmarc, "none") || is(results.dmarc, "bestguesspass") ||
        is(results.dmarc, "permerror"))
        mail_reason_add(verdict, OB_MAIL_SIGNAL_AUTH_NO_DMARC, evidence, from);
    if (is(results.compauth, "fail")) {
        /* Beside a DMARC failure it says little more: the lower score. */
        const struct ob_signal_def *compauth = mail_signal(OB_MAIL_SIGNAL_AUTH_COMPAUTH_FAIL);
        int score = is(results.dmarc, "fail") ? compauth->score : compauth->score_max;
        if (from[0] != '\0')
            mail_reason_add_scored(verdict, OB_MAIL_SIGNAL_AUTH_COMPAUTH_FAIL, score, evidence,
                                   from);
        else
            mail_reason_add_worded_scored(verdict, OB_MAIL_WORDING_AUTH_COMPAUTH_FAIL_NO_DOMAIN,
                                          score, evidence);
    }
    bool envelope = results.mailfrom[0] != '\0';
    if (is(results.spf, "fail") && envelope)
        mail_reason_add(verdict, OB_MAIL_SIGNAL_AUTH_SPF_FAIL, evidence, results.mailfrom);
    else if (is(results.spf, "fail"))
        mail_reason_add_worded(verdict, OB_MAIL_WORDING_AUTH_SPF_FAIL_NO_DOMAIN, evidence);
    else if (is(results.spf, "softfail") && envelope)
        mail_reason_add(verdict, OB_MAIL_SIGNAL_AUTH_SPF_SOFTFAIL, evidence, results.mailfrom);
    else if (is(results.spf, "softfail"))
        mail_reason_add_worded(verdict, OB_MAIL_WORDING_AUTH_SPF_SOFTFAIL_NO_DOMAIN, evidence);
    if (is(results.dkim, "fail") && !results.dkim_pass)
        mail_reason_add(verdict, OB_MAIL_SIGNAL_AUTH_DKIM_FAIL, evidence);
    bool spf_pass = is(results.spf, "pass");
    bool nothing_verified = !spf_pass && !results.dkim_pass && !is(results.dmarc, "pass") &&
                            !is(results.dmarc, "bestguesspass");
    if (nothing_verified && (results.spf[0] || results.dkim[0] || results.dmarc[0]))
        mail_reason_add(verdict, OB_MAIL_SIGNAL_AUTH_UNVERIFIED, evidence);
    if (nothing_verified)
        return;
    /* What the passes say of the From domain, each case its own sentence:
     * verified by DKIM, SPF or both; or passes for other domains only,
     * naming those. */
    bool spf_named = spf_pass && results.mailfrom[0] != '\0';
    bool dkim_named = results.dkim_pass && results.dkim_pass_domain[0] != '\0';
    if (aligned[0] != '\0')
        mail_reason_add_worded(verdict,
                               dkim_aligned && spf_aligned
                                   ? OB_MAIL_WORDING_AUTH_PASS_ALIGNED_DKIM_SPF
                               : dkim_aligned ? OB_MAIL_WORDING_AUTH_PASS_ALIGNED_DKIM
                                              : OB_MAIL_WORDING_AUTH_PASS_ALIGNED_SPF,
                               evidence, site);
    else if (from[0] != '\0' && spf_named && dkim_named)
        mail_reason_add_worded(verdict, OB_MAIL_WORDING_AUTH_PASS_UNALIGNED_SPF_DKIM, evidence,
                               from, results.mailfrom, results.dkim_pass_domain);
    else if (from[0] != '\0' && spf_named)
        mail_reason_add_worded(verdict, OB_MAIL_WORDING_AUTH_PASS_UNALIGNED_SPF, evidence, from,
                               results.mailfrom);
    else if (from[0] != '\0' && dkim_named)
        mail_reason_add_worded(verdict, OB_MAIL_WORDING_AUTH_PASS_UNALIGNED_DKIM, evidence, from,
                               results.dkim_pass_domain);
    else if (from[0] != '\0')
        mail_reason_add_worded(verdict, OB_MAIL_WORDING_AUTH_PASS_UNALIGNED, evidence, from);
    else
        mail_reason_add(verdict, OB_MAIL_SIGNAL_AUTH_PASS, evidence, ""); /* nothing to say of it */
}
