/* SPDX-License-Identifier: Apache-2.0 */
/* Links: the text a reader sees against where the link really goes (after
 * unwrapping link-protection services), and targets that hide themselves:
 * IP addresses, punycode, shorteners, data: and javascript: URLs, user
 * names in URLs, forms that send what is typed elsewhere, programs. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/mail_internal.h"

#define URL_MAX 4096

/* The host a shown text names, when the text looks like a URL or a bare
 * domain ("www.paypal.com", "https://paypal.com/signin", "paypal.com"). */
static bool shown_host(const char *shown, char *out, size_t size)
{
    while (*shown == ' ' || *shown == '<' || *shown == '(' || *shown == '[')
        shown++;
    if (mail_url_host(shown, out, size))
        return true;
    /* A bare domain: one word with a dot and a letter-only last label. */
    size_t length = strcspn(shown, " \t/>)]");
    if (length == 0 || length >= size || shown[length] == ' ')
        return false;
    if (shown[length] != '\0' && shown[length] != '/')
        return false;
    const char *dot = memrchr(shown, '.', length);
    if (dot == NULL || dot == shown || (size_t)(shown + length - dot - 1) < 2)
        return false;
    for (const char *p = dot + 1; p < shown + length; p++)
        if (!isalpha((unsigned char)*p))
            return false;
    for (size_t i = 0; i < length; i++) {
        if (!isalnum((unsigned char)shown[i]) && shown[i] != '.' && shown[i] != '-')
            return false;
        out[i] = (char)tolower((unsigned char)shown[i]);
    }
    out[length] = '\0';
    return true;
}

/* The shortener's own host or one of its subdomains (Firebase's
 * "x.app.goo.gl", "x.page.link"). */
static bool is_shortener(const struct ob_mail_data *data, const char *host)
{
    return mail_host_listed(data->shorteners, data->shortener_count, host);
}

/* True when the host holds characters no host name can have: control
 * characters (C0 or, UTF-8 encoded, C1), spaces, quotes or brackets. Such
 * links are written to confuse filters; browsers repair or drop them. */
static bool host_is_malformed(const char *host)
{
    const unsigned char *p = (const unsigned char *)host;
    if (p[0] == '[')
        return false; /* an IPv6 literal */
    for (; *p; p++) {
        if (*p < 0x21 || *p == 0x7F || strchr("\"'<>\\^`{|}", *p) != NULL)
            return true;
        if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            return true;
    }
    return false;
}

/* Download links to programs and scripts. */
static bool names_program(const char *url)
{
    static const char *const extensions[] = {".exe", ".scr", ".msi", ".js",  ".vbs",
                                             ".hta", ".ps1", ".bat", ".cmd", ".apk",
                                             ".jar", ".lnk", ".iso", ".img"};
    size_t path = strcspn(url, "?#");
    for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
        size_t length = strlen(extensions[i]);
        if (path > length && strncasecmp(url + path - length, extensions[i], length) == 0)
            return true;
    }
    return false;
}

/* A password field in any HTML body. */
static bool asks_password(const struct ob_mail_message *message)
{
    for (size_t i = 0; i < message->body_count; i++)
        if (message->bodies[i].html && (strcasestr(message->bodies[i].text, "type=\"password\"") ||
                                        strcasestr(message->bodies[i].text, "type=password") ||
                                        strcasestr(message->bodies[i].text, "type='password'")))
            return true;
    return false;
}

/* True when the shown site is one of a brand's own domains and the
 * sender's site is not that brand's: a link naming PayPal from anyone but
 * PayPal deceives, wherever it is tracked. */
static bool names_other_brand(const struct ob_mail_data *data, const char *shown_site,
                              const char *from_site)
{
    for (size_t i = 0; i < data->brand_count; i++)
        if (mail_brand_owns(&data->brands[i], shown_site) &&
            !mail_brand_owns(&data->brands[i], from_site))
            return true;
    return false;
}

/* True when a message went out through `service`: the domain that signed
 * it (DKIM, passed) or its bounce or sender address is the service's. */
static bool sent_through(const struct ob_mail_check_context *check,
                         const struct ob_mail_service *service)
{
    const struct ob_mail_message *message = check->message;
    return (check->dkim_pass_domain[0] != '\0' &&
            mail_service_owns(service, check->dkim_pass_domain)) ||
           (message->return_path.domain[0] != '\0' &&
            mail_service_owns(service, message->return_path.domain)) ||
           (message->from.domain[0] != '\0' && mail_service_owns(service, message->from.domain));
}

/* The site of the address a tracking link carries in its path or query
 * ("https://r.awstrack.me/L0/https:%2F%2Fshop.example%2F..."), into `out`;
 * false when it carries none that can be read. */
static bool carried_site(struct ob_mail_check_context *check, const char *url, char *out,
                         size_t size)
{
    const char *authority = strstr(url, "://");
    if (authority == NULL)
        return false;
    for (const char *at = authority + 3; (at = strcasestr(at, "http")) != NULL; at += 4) {
        size_t scheme = strncasecmp(at, "https", 5) == 0 ? 5 : 4;
        const char *rest = at + scheme;
        if (strncmp(rest, "://", 3) != 0 && strncasecmp(rest, "%3A%2F%2F", 9) != 0 &&
            strncasecmp(rest, ":%2F%2F", 7) != 0)
            continue;
        char decoded[512];
        size_t used = 0;
        for (const char *c = at; *c != '\0' && used + 1 < sizeof(decoded); c++) {
            if (c[0] == '%' && isxdigit((unsigned char)c[1]) && isxdigit((unsigned char)c[2])) {
                char hex[3] = {c[1], c[2], '\0'};
                decoded[used++] = (char)strtol(hex, NULL, 16);
                c += 2;
            } else {
                decoded[used++] = *c;
            }
        }
        decoded[used] = '\0';
        char host[256];
        if (!mail_url_host(decoded, host, sizeof(host)))
            return false;
        /* Trackers separate fields with characters no host holds ('*'). */
        for (char *h = host; *h != '\0'; h++)
            if (!isalnum((unsigned char)*h) && *h != '.' && *h != '-' && (unsigned char)*h < 0x80)
                *h = '\0';
        mail_site_of(check->sites, host, out, size);
        return out[0] != '\0';
    }
    return false;
}

/* True when a link whose text shows another site is a newsletter's click
 * tracking, not a disguise: it goes through the sender's own site (its
 * redirector), or through the click tracker of an e-mail service the
 * message was sent through, or that the sender signs its own newsletter
 * for (List-Unsubscribe and a DKIM signature of the sender's site). Never
 * when the text names a brand the sender is not. */
static bool is_click_tracking(struct ob_mail_check_context *check, const struct ob_mail_link *link,
                              const char *from_site, const char *shown_site)
{
    if (from_site[0] == '\0' || names_other_brand(check->data, shown_site, from_site))
        return false;
    /* A tracker that says where it leads must lead where the text says. */
    char carried[256];
    if (carried_site(check, link->target, carried, sizeof(carried)) &&
        strcmp(carried, shown_site) != 0)
        return false;
    if (strcmp(link->site, from_site) == 0)
        return true;
    const struct ob_mail_service *service = mail_click_tracker(check->data, link->host);
    if (service == NULL)
        return false;
    if (sent_through(check, service))
        return true;
    char dkim_site[256] = "";
    if (check->dkim_pass_domain[0] != '\0')
        mail_site_of(check->sites, check->dkim_pass_domain, dkim_site, sizeof(dkim_site));
    return mail_header_find(check->message, "List-Unsubscribe") != NULL &&
           strcmp(dkim_site, from_site) == 0;
}

void mail_check_links(struct ob_mail_check_context *check)
{
    const struct ob_mail_message *message = check->message;
    const struct ob_mail_data *data = check->data;
    struct ob_mail_verdict_builder *verdict = check->verdict;
    char from_site[256] = "";
    if (message->from.domain[0] != '\0')
        mail_site_of(check->sites, message->from.domain, from_site, sizeof(from_site));
    for (size_t i = 0; i < message->link_count; i++) {
        const struct ob_mail_link *link = &message->links[i];
        const char *url = link->target, *host = link->host, *site = link->site;
        if (link->kind != OB_LINK_IMAGE &&
            (strncasecmp(url, "javascript:", 11) == 0 || strncasecmp(url, "data:", 5) == 0 ||
             strncasecmp(url, "vbscript:", 9) == 0)) {
            char start[12]; /* "javascript:" */
            snprintf(start, sizeof(start), "%s", url);
            mail_reason_add(verdict, OB_MAIL_SIGNAL_LINK_SCRIPT, url, start);
            continue;
        }
        if (host[0] == '\0' || link->kind == OB_LINK_IMAGE)
            continue;
        mail_check_abused_tld(check, host, OB_MAIL_WORDING_DOMAIN_ABUSED_TLD_LINK);
        mail_check_lure_domain(check, host, OB_MAIL_WORDING_COUNT);
        /* "https://paypal.com@evil.example/": the part before '@' is a user
         * name that browsers ignore. */
        const char *scheme_end = strstr(url, "://");
        if (scheme_end != NULL) {
            const char *authority = scheme_end + 3;
            size_t length = strcspn(authority, "/?#");
            if (memchr(authority, '@', length) != NULL)
                mail_reason_add(verdict, OB_MAIL_SIGNAL_LINK_CREDENTIALS, url, host);
        }
        if (link->kind == OB_LINK_FORM) {
            if (asks_password(message))
                mail_reason_add(verdict, OB_MAIL_SIGNAL_LINK_FORM_PASSWORD, url, host);
            else if (strcmp(site, from_site) != 0)
                mail_reason_add(verdict, OB_MAIL_SIGNAL_LINK_FORM, url, host);
            continue;
        }
        for (size_t p = 0; p < data->platform_count; p++) {
            size_t length = strlen(data->platforms[p]), host_length = strlen(host);
            if (host_length > length + 1 &&
                strcmp(host + host_length - length, data->platforms[p]) == 0 &&
                host[host_length - length - 1] == '.') {
                mail_reason_add(verdict, OB_MAIL_SIGNAL_LINK_SHARED_PLATFORM, url, host,
                                data->platforms[p]);
                break;
            }
        }
        if (host_is_malformed(host))
            mail_reason_add(verdict, OB_MAIL_SIGNAL_LINK_MALFORMED_HOST, url);
        char written[256];
        if (mail_host_is_ip(host) && mail_url_host(url, written, sizeof(written)) &&
            strcmp(written, host) != 0)
            mail_reason_add_worded(verdict, OB_MAIL_WORDING_LINK_IP_ADDRESS_DISGUISED, url, written,
                                   host);
        else if (mail_host_is_ip(host))
            mail_reason_add(verdict, OB_MAIL_SIGNAL_LINK_IP_ADDRESS, url, host);
        if (strncmp(host, "xn--", 4) == 0 || strstr(host, ".xn--") != NULL)
            mail_reason_add(verdict, OB_MAIL_SIGNAL_LINK_PUNYCODE, url, host);
        if (is_shortener(data, host))
            mail_reason_add(verdict, OB_MAIL_SIGNAL_LINK_SHORTENER, url, host);
        if (names_program(url))
            mail_reason_add(verdict, OB_MAIL_SIGNAL_LINK_PROGRAM_DOWNLOAD, url, host);
        char shown[256], shown_site[256];
        if (link->kind == OB_LINK_ANCHOR && shown_host(link->shown, shown, sizeof(shown))) {
            mail_site_of(check->sites, shown, shown_site, sizeof(shown_site));
            if (strchr(shown_site, '.') != NULL && strcmp(shown_site, site) != 0 &&
                !is_shortener(data, host) &&
                !is_click_tracking(check, link, from_site, shown_site)) {
                char evidence[URL_MAX + 300];
                snprintf(evidence, sizeof(evidence), "shows %s, goes to %s", link->shown, url);
                mail_reason_add(verdict, OB_MAIL_SIGNAL_LINK_TEXT_MISMATCH, evidence, shown_site,
                                site);
            }
        }
    }
}
