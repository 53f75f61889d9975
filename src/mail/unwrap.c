/* SPDX-License-Identifier: Apache-2.0 */
/* Link-protection wrappers (Microsoft Safe Links, Proofpoint URL Defense,
 * Mimecast, Symantec...): the address a wrapper keeps inside its own. The
 * services that keep it in a query parameter are listed in
 * data/mail/safelinks.txt; Proofpoint's version 3 has its own encoding. */
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/text.h"
#include "mail/mail_internal.h"

/* %XX escapes of `in` decoded into `out`; in a query value ('+' for a
 * space) `plus` is true. In place (in == out) is safe: nothing is written
 * ahead of what was read. */
static void percent_decode(const char *in, size_t length, char *out, size_t size, bool plus)
{
    size_t used = 0;
    for (size_t i = 0; i < length && used + 1 < size; i++) {
        unsigned char byte;
        if (in[i] == '%' && i + 2 < length && core_hex_decode(in + i + 1, 2, &byte)) {
            out[used++] = (char)byte;
            i += 2;
        } else {
            out[used++] = plus && in[i] == '+' ? ' ' : in[i];
        }
    }
    out[used] = '\0';
}

static bool host_has_suffix(const char *host, const char *suffix)
{
    size_t host_length = strlen(host), suffix_length = strlen(suffix);
    if (host_length < suffix_length)
        return false;
    const char *tail = host + host_length - suffix_length;
    return strcmp(tail, suffix) == 0 && (tail == host || tail[-1] == '.');
}

/* Bytes in the UTF-8 character that starts with `lead`. */
static size_t utf8_length(unsigned char lead)
{
    return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

/* Proofpoint URL Defense version 3: "https://urldefense.com/v3/__URL__;
 * CODES!!...". URL is percent-encoded, and each character Proofpoint did
 * not keep in it is a '*', found in turn in CODES (URL-safe base64 of
 * their UTF-8); "**" followed by one of A-Z a-z 0-9 - _ stands for a run
 * of 2, 3, ... 65 of them. */
static bool unwrap_proofpoint_v3(const char *url, char *out, size_t size)
{
    static const char runs[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const char *start = strstr(url, "/v3/__");
    if (start == NULL)
        return false;
    start += 6;
    const char *end = strstr(start, "__;");
    if (end == NULL || end == start)
        return false;
    const char *codes = end + 3;
    size_t codes_length = strcspn(codes, "!");
    size_t url_length = (size_t)(end - start);
    char *standard = malloc(codes_length + 1), *encoded = malloc(url_length + 1);
    unsigned char *kept = malloc(codes_length * 3 / 4 + 4);
    bool ok = standard != NULL && encoded != NULL && kept != NULL;
    size_t kept_length = 0, next = 0, used = 0;
    if (ok) {
        for (size_t i = 0; i < codes_length; i++)
            standard[i] = codes[i] == '-' ? '+' : codes[i] == '_' ? '/' : codes[i];
        ok = core_base64_decode(standard, codes_length, kept, &kept_length) == OB_OK;
        percent_decode(start, url_length, encoded, url_length + 1, false);
    }
    for (const char *c = encoded; ok && *c != '\0' && used + 1 < size; c++) {
        if (*c != '*') {
            out[used++] = *c;
            continue;
        }
        size_t characters = 1;
        const char *run = c[1] == '*' && c[2] != '\0' ? strchr(runs, c[2]) : NULL;
        if (run != NULL) {
            characters = (size_t)(run - runs) + 2;
            c += 2;
        }
        for (; characters > 0 && next < kept_length; characters--) {
            size_t bytes = utf8_length(kept[next]);
            if (bytes > kept_length - next)
                bytes = kept_length - next;
            if (used + bytes + 1 > size)
                break;
            memcpy(out + used, kept + next, bytes);
            used += bytes;
            next += bytes;
        }
    }
    if (ok)
        out[used] = '\0';
    /* Some version 3 addresses lost a slash: "https:/example.com/". */
    char *scheme = ok ? strstr(out, ":/") : NULL;
    if (scheme != NULL && scheme[2] != '/' && used + 2 <= size &&
        strspn(out, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-") ==
            (size_t)(scheme - out)) {
        memmove(scheme + 2, scheme + 1, used - (size_t)(scheme + 1 - out) + 1);
        used++;
    }
    free(standard);
    free(encoded);
    free(kept);
    return ok && used > 0;
}

bool mail_safelink_unwrap(const struct ob_mail_data *data, const char *url, char *out, size_t size)
{
    char host[256];
    if (size == 0 || !mail_url_host(url, host, sizeof(host)))
        return false;
    if ((host_has_suffix(host, "urldefense.com") ||
         host_has_suffix(host, "urldefense.proofpoint.com")) &&
        strstr(url, "/v3/__") != NULL)
        return unwrap_proofpoint_v3(url, out, size);
    const char *query = strchr(url, '?');
    for (size_t i = 0; query != NULL && i < data->safelink_count; i++) {
        if (!host_has_suffix(host, data->safelinks[i].host))
            continue;
        size_t param_length = strlen(data->safelinks[i].param);
        for (const char *at = query + 1; *at != '\0';) {
            size_t field = strcspn(at, "&");
            if (field > param_length && strncmp(at, data->safelinks[i].param, param_length) == 0 &&
                at[param_length] == '=') {
                percent_decode(at + param_length + 1, field - param_length - 1, out, size, true);
                /* Proofpoint version 2 writes '%' as '-' and '/' as '_'. */
                if (strstr(host, "urldefense") != NULL && strstr(out, "://") == NULL) {
                    size_t n = strlen(out);
                    for (size_t k = 0; k < n; k++)
                        out[k] = out[k] == '-' ? '%' : out[k] == '_' ? '/' : out[k];
                    percent_decode(out, n, out, size, false);
                }
                return out[0] != '\0';
            }
            at += field;
            if (*at == '&')
                at++;
        }
    }
    return false;
}
