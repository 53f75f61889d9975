/* SPDX-License-Identifier: Apache-2.0 */
/* Indicator type names and the normal form of each type's values, so that
 * the same indicator from two sources is stored, and found, once. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/icu_adapter.h"
#include "core/text.h"
#include "oberig/ioc.h"

static const char *const type_names[OB_IOC_TYPE_COUNT] = {
    [OB_IOC_DOMAIN] = "domain",
    [OB_IOC_URL] = "url",
    [OB_IOC_EMAIL] = "email",
    [OB_IOC_IPV4] = "ipv4",
    [OB_IOC_IPV6] = "ipv6",
    [OB_IOC_FILE_NAME] = "file-name",
    [OB_IOC_FILE_PATH] = "file-path",
    [OB_IOC_MD5] = "md5",
    [OB_IOC_SHA1] = "sha1",
    [OB_IOC_SHA256] = "sha256",
    [OB_IOC_PROCESS_NAME] = "process-name",
    [OB_IOC_APP_ID] = "app-id",
    [OB_IOC_APP_CERT_SHA256] = "app-cert-sha256",
    [OB_IOC_CONFIG_PROFILE_ID] = "configuration-profile-id",
    [OB_IOC_FILE_PATH_REGEX] = "file-path-regex",
};

const char *ob_ioc_type_name(enum ob_ioc_type type)
{
    if ((unsigned)type >= OB_IOC_TYPE_COUNT)
        return "unknown";
    return type_names[type];
}

bool ob_ioc_type_parse(const char *name, enum ob_ioc_type *out)
{
    for (int type = 0; type < OB_IOC_TYPE_COUNT; type++) {
        if (strcmp(name, type_names[type]) == 0) {
            *out = (enum ob_ioc_type)type;
            return true;
        }
    }
    return false;
}

static void trim(const char **text, size_t *length)
{
    while (*length > 0 && isspace((unsigned char)(*text)[0])) {
        (*text)++;
        (*length)--;
    }
    while (*length > 0 && isspace((unsigned char)(*text)[*length - 1]))
        (*length)--;
}

static bool has_control(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x20 || c == 0x7f)
            return true;
    }
    return false;
}

static bool is_ascii(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)text[i] >= 0x80)
            return false;
    return true;
}

static enum ob_status copy_out(const char *text, size_t length, char *out, size_t size)
{
    if (length >= size)
        return OB_ERR_LIMIT;
    memcpy(out, text, length);
    out[length] = '\0';
    return OB_OK;
}

static void lower_ascii(char *text)
{
    for (; *text; text++)
        *text = (char)tolower((unsigned char)*text);
}

static enum ob_status normalize_hex(struct ob_context *ctx, enum ob_ioc_type type, const char *text,
                                    size_t length, size_t digits, char *out, size_t size)
{
    if (size <= digits)
        return OB_ERR_LIMIT;
    size_t kept = 0;
    for (size_t i = 0; i < length; i++) {
        /* Certificate fingerprints are often written with colons. */
        if (text[i] == ':' && type == OB_IOC_APP_CERT_SHA256)
            continue;
        /* TRANSLATORS: a number of hexadecimal digits, then a hash type
         * (md5, sha1, sha256, app-cert-sha256). */
        if (core_hex_value(text[i]) < 0 || kept == digits)
            return ob_context_fail(ctx, OB_ERR_PARSE,
                                   P_("not a %zu-digit hex %s", "not a %zu-digit hex %s", digits),
                                   digits, ob_ioc_type_name(type));
        out[kept++] = (char)tolower((unsigned char)text[i]);
    }
    if (kept != digits)
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               P_("not a %zu-digit hex %s", "not a %zu-digit hex %s", digits),
                               digits, ob_ioc_type_name(type));
    out[kept] = '\0';
    return OB_OK;
}

/* A host name: lower case, no trailing dots, IDN labels in punycode. ASCII
 * names are kept as published even when not strictly valid host names (a
 * published indicator such as "host.example/x" is still what to look for);
 * only empty names, spaces and control characters are refused. */
static enum ob_status normalize_host(struct ob_context *ctx, const char *text, size_t length,
                                     char *out, size_t size, char *unicode, size_t unicode_size)
{
    while (length > 0 && text[length - 1] == '.')
        length--;
    if (length == 0)
        return ob_context_fail(ctx, OB_ERR_PARSE, _("empty domain name"));
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)text[i] <= 0x20 || text[i] == 0x7f)
            return ob_context_fail(ctx, OB_ERR_PARSE, _("space or control character in domain"));
    if (unicode != NULL && unicode_size > 0)
        unicode[0] = '\0';
    if (is_ascii(text, length)) {
        enum ob_status status = copy_out(text, length, out, size);
        if (status != OB_OK)
            return status;
        lower_ascii(out);
        /* A punycode name also gets its Unicode form, for people to read. */
        if (unicode != NULL && strstr(out, "xn--") != NULL &&
            (core_idna_to_unicode(out, strlen(out), unicode, unicode_size) != OB_OK ||
             strcmp(unicode, out) == 0))
            unicode[0] = '\0';
        return OB_OK;
    }
    if (!core_utf8_valid(text, length))
        return ob_context_fail(ctx, OB_ERR_PARSE, _("domain is not valid UTF-8"));
    enum ob_status status = core_idna_to_ascii(text, length, out, size);
    if (status == OB_ERR_PARSE)
        return ob_context_fail(ctx, status, _("not a valid internationalised domain name"));
    if (status != OB_OK)
        return status;
    /* A trailing ideographic or full-width dot maps to '.' only now. */
    size_t written = strlen(out);
    while (written > 0 && out[written - 1] == '.')
        out[--written] = '\0';
    if (written == 0)
        return ob_context_fail(ctx, OB_ERR_PARSE, _("empty domain name"));
    if (unicode != NULL) {
        /* The Unicode form is the one ICU maps back to, so two spellings of
         * one name (case, full-width dots) end up identical. */
        status = core_idna_to_unicode(out, strlen(out), unicode, unicode_size);
        if (status != OB_OK)
            unicode[0] = '\0';
    }
    return OB_OK;
}

static enum ob_status normalize_ip(struct ob_context *ctx, enum ob_ioc_type type, const char *text,
                                   size_t length, char *out, size_t size)
{
    char address[INET6_ADDRSTRLEN + 8];
    if (length >= sizeof(address))
        return ob_context_fail(ctx, OB_ERR_PARSE, _("not an IP address"));
    memcpy(address, text, length);
    address[length] = '\0';
    /* A network in CIDR notation is kept with its prefix length. */
    char *slash = strchr(address, '/');
    long prefix = -1;
    if (slash != NULL) {
        char *end;
        *slash = '\0';
        prefix = strtol(slash + 1, &end, 10);
        long most = type == OB_IOC_IPV4 ? 32 : 128;
        /* Digits only: strtol would also take " 24", "+24" and "-0". */
        if (!isdigit((unsigned char)slash[1]) || *end != '\0' || prefix > most)
            return ob_context_fail(ctx, OB_ERR_PARSE, _("bad network prefix length"));
    }
    unsigned char binary[16];
    int family = type == OB_IOC_IPV4 ? AF_INET : AF_INET6;
    if (inet_pton(family, address, binary) != 1)
        /* TRANSLATORS: %s is IPv4 or IPv6. */
        return ob_context_fail(ctx, OB_ERR_PARSE, _("not an %s address"),
                               type == OB_IOC_IPV4 ? "IPv4" : "IPv6");
    char canonical[INET6_ADDRSTRLEN];
    if (inet_ntop(family, binary, canonical, sizeof(canonical)) == NULL)
        return ob_context_fail(ctx, OB_ERR_PARSE, _("not an IP address"));
    int written = prefix >= 0 ? snprintf(out, size, "%s/%ld", canonical, prefix)
                              : snprintf(out, size, "%s", canonical);
    return written < 0 || (size_t)written >= size ? OB_ERR_LIMIT : OB_OK;
}

static enum ob_status normalize_email(struct ob_context *ctx, const char *text, size_t length,
                                      char *out, size_t size, char *unicode, size_t unicode_size)
{
    const char *at = memrchr(text, '@', length);
    if (at == NULL || at == text || at == text + length - 1)
        return ob_context_fail(ctx, OB_ERR_PARSE, _("not an e-mail address"));
    size_t local = (size_t)(at - text);
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)text[i] <= 0x20 || text[i] == 0x7f)
            return ob_context_fail(ctx, OB_ERR_PARSE, _("space or control character in address"));
    char host[OB_IOC_VALUE_MAX], host_unicode[OB_IOC_VALUE_MAX];
    enum ob_status status = normalize_host(ctx, at + 1, length - local - 1, host, sizeof(host),
                                           host_unicode, sizeof(host_unicode));
    if (status != OB_OK)
        return status;
    /* Addresses are compared without regard to case, as mail systems do in
     * practice even though the local part may formally be case-sensitive. */
    int written = snprintf(out, size, "%.*s@%s", (int)local, text, host);
    if (written < 0 || (size_t)written >= size)
        return OB_ERR_LIMIT;
    if (is_ascii(out, (size_t)written))
        lower_ascii(out);
    if (unicode != NULL && unicode_size > 0) {
        unicode[0] = '\0';
        if (host_unicode[0] != '\0') {
            written = snprintf(unicode, unicode_size, "%.*s@%s", (int)local, out, host_unicode);
            if (written < 0 || (size_t)written >= unicode_size)
                unicode[0] = '\0';
        }
    }
    return OB_OK;
}

/* scheme://[user@]host[:port][/path]: scheme and host lower case, host in
 * punycode. A URL without a scheme is taken to start with its host. */
static enum ob_status normalize_url(struct ob_context *ctx, const char *text, size_t length,
                                    char *out, size_t size, char *unicode, size_t unicode_size)
{
    if (has_control(text, length))
        return ob_context_fail(ctx, OB_ERR_PARSE, _("control character in URL"));
    for (size_t i = 0; i < length; i++)
        if (text[i] == ' ')
            return ob_context_fail(ctx, OB_ERR_PARSE, _("space in URL"));
    size_t scheme_end = 0;
    /* A "://" after the first '/', '?' or '#' belongs to the path or query
     * of a URL written without a scheme ("host/go?to=http://x"). */
    size_t first_separator = 0;
    while (first_separator < length && strchr("/?#", text[first_separator]) == NULL)
        first_separator++;
    const char *marker = memmem(text, length, "://", 3);
    if (marker != NULL && (size_t)(marker - text) < first_separator) {
        scheme_end = (size_t)(marker - text) + 3;
        if (scheme_end == 3)
            return ob_context_fail(ctx, OB_ERR_PARSE, _("bad URL scheme"));
        for (size_t i = 0; i + 3 < scheme_end; i++)
            if (!isalnum((unsigned char)text[i]) && strchr("+-.", text[i]) == NULL)
                return ob_context_fail(ctx, OB_ERR_PARSE, _("bad URL scheme"));
    }
    size_t authority_end = scheme_end;
    while (authority_end < length && strchr("/?#", text[authority_end]) == NULL)
        authority_end++;
    /* The host sits after any user information and before any port. */
    const char *authority = text + scheme_end;
    size_t authority_length = authority_end - scheme_end;
    const char *user_at = memrchr(authority, '@', authority_length);
    size_t host_start = user_at != NULL ? (size_t)(user_at - authority) + 1 : 0;
    size_t host_end = authority_length;
    if (host_start < authority_length && authority[host_start] == '[') {
        const char *close = memchr(authority + host_start, ']', authority_length - host_start);
        if (close == NULL)
            return ob_context_fail(ctx, OB_ERR_PARSE, _("unterminated IPv6 host in URL"));
        host_end = (size_t)(close - authority) + 1;
    } else {
        const char *colon = memchr(authority + host_start, ':', authority_length - host_start);
        if (colon != NULL)
            host_end = (size_t)(colon - authority);
    }
    if (host_end <= host_start)
        return ob_context_fail(ctx, OB_ERR_PARSE, _("URL without a host"));
    char host[OB_IOC_VALUE_MAX], host_unicode[OB_IOC_VALUE_MAX];
    const char *host_text = authority + host_start;
    size_t host_length = host_end - host_start;
    enum ob_status status;
    host_unicode[0] = '\0';
    if (host_text[0] == '[')
        status = copy_out(host_text, host_length, host, sizeof(host));
    else
        status = normalize_host(ctx, host_text, host_length, host, sizeof(host), host_unicode,
                                sizeof(host_unicode));
    if (status != OB_OK)
        return status;
    lower_ascii(host);
    char scheme[64] = "";
    if (scheme_end > 0) {
        if (scheme_end >= sizeof(scheme))
            return ob_context_fail(ctx, OB_ERR_PARSE, _("bad URL scheme"));
        memcpy(scheme, text, scheme_end);
        scheme[scheme_end] = '\0';
        lower_ascii(scheme);
    }
    const char *rest = authority + host_end;
    size_t rest_length = length - scheme_end - host_end;
    int written = snprintf(out, size, "%s%.*s%s%.*s", scheme, (int)host_start, authority, host,
                           (int)rest_length, rest);
    if (written < 0 || (size_t)written >= size)
        return OB_ERR_LIMIT;
    if (unicode != NULL && unicode_size > 0) {
        unicode[0] = '\0';
        if (host_unicode[0] != '\0') {
            written = snprintf(unicode, unicode_size, "%s%.*s%s%.*s", scheme, (int)host_start,
                               authority, host_unicode, (int)rest_length, rest);
            if (written < 0 || (size_t)written >= unicode_size)
                unicode[0] = '\0';
        }
    }
    return OB_OK;
}

enum ob_status ob_ioc_normalize(struct ob_context *ctx, enum ob_ioc_type type, const char *value,
                                size_t length, char *out, size_t size, char *unicode,
                                size_t unicode_size)
{
    if (unicode != NULL && unicode_size > 0)
        unicode[0] = '\0';
    if (size == 0)
        return OB_ERR_LIMIT;
    out[0] = '\0';
    trim(&value, &length);
    if (length == 0)
        return ob_context_fail(ctx, OB_ERR_PARSE, _("empty value"));
    if (length > OB_IOC_VALUE_MAX)
        return ob_context_fail(ctx, OB_ERR_LIMIT,
                               P_("value longer than %d byte", "value longer than %d bytes",
                                  OB_IOC_VALUE_MAX),
                               OB_IOC_VALUE_MAX);
    if (memchr(value, '\0', length) != NULL)
        return ob_context_fail(ctx, OB_ERR_PARSE, _("NUL byte in value"));
    switch (type) {
    case OB_IOC_MD5: return normalize_hex(ctx, type, value, length, 32, out, size);
    case OB_IOC_SHA1: return normalize_hex(ctx, type, value, length, 40, out, size);
    case OB_IOC_SHA256:
    case OB_IOC_APP_CERT_SHA256: return normalize_hex(ctx, type, value, length, 64, out, size);
    case OB_IOC_DOMAIN: return normalize_host(ctx, value, length, out, size, unicode, unicode_size);
    case OB_IOC_EMAIL: return normalize_email(ctx, value, length, out, size, unicode, unicode_size);
    case OB_IOC_URL: return normalize_url(ctx, value, length, out, size, unicode, unicode_size);
    case OB_IOC_IPV4:
    case OB_IOC_IPV6: return normalize_ip(ctx, type, value, length, out, size);
    case OB_IOC_FILE_NAME:
    case OB_IOC_FILE_PATH:
    case OB_IOC_PROCESS_NAME:
    case OB_IOC_APP_ID:
    case OB_IOC_CONFIG_PROFILE_ID:
    case OB_IOC_FILE_PATH_REGEX:
        if (has_control(value, length))
            return ob_context_fail(ctx, OB_ERR_PARSE, _("control character in value"));
        if (!core_utf8_valid(value, length))
            return ob_context_fail(ctx, OB_ERR_PARSE, _("value is not valid UTF-8"));
        return copy_out(value, length, out, size);
    case OB_IOC_TYPE_COUNT: break;
    }
    return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("unknown indicator type"));
}
