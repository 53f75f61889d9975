/* SPDX-License-Identifier: Apache-2.0 */
/* libpsl behind mail_registrable: the one place that uses it. */
#include <libpsl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "mail/mail_internal.h"

/* The public suffix list is loaded once and only read afterwards. */
static const psl_ctx_t *shared_psl;
static pthread_once_t psl_once = PTHREAD_ONCE_INIT;

static void load_psl(void)
{
    /* The system's list (Debian's publicsuffix package) is newer than the
     * one built into the library, when it is there. */
    shared_psl = psl_latest(NULL);
    if (shared_psl == NULL)
        shared_psl = psl_builtin();
}

void mail_site_of(struct ob_mail_sites *sites, const char *host, char *out, size_t size)
{
    if (sites == NULL || strlen(host) >= sizeof(sites->entries[0].host)) {
        mail_registrable(host, out, size);
        return;
    }
    for (size_t i = 0; i < sites->count; i++)
        if (strcmp(sites->entries[i].host, host) == 0) {
            snprintf(out, size, "%s", sites->entries[i].site);
            return;
        }
    size_t slot = sites->count < OB_MAIL_SITES ? sites->count++ : sites->next++ % OB_MAIL_SITES;
    snprintf(sites->entries[slot].host, sizeof(sites->entries[slot].host), "%s", host);
    mail_registrable(host, sites->entries[slot].site, sizeof(sites->entries[slot].site));
    snprintf(out, size, "%s", sites->entries[slot].site);
}

void mail_registrable(const char *host, char *out, size_t size)
{
    /* libpsl reads "192.0.2.7" as a domain and answers "2.7", which would
     * make two unrelated addresses one site. */
    if (mail_host_is_ip(host)) {
        snprintf(out, size, "%s", host);
        return;
    }
    pthread_once(&psl_once, load_psl);
    const char *domain = shared_psl != NULL ? psl_registrable_domain(shared_psl, host) : NULL;
    snprintf(out, size, "%s", domain != NULL ? domain : host);
}
