/* SPDX-License-Identifier: Apache-2.0 */
/* Putting the store to use: its file indicators into a scanning set, and
 * every indicator into an in-memory lookup for mail and network checks. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/i18n.h"
#include "ioc/ioc_internal.h"

/* ---- scanning set ------------------------------------------------------------ */

/* The types a scanning set uses; the lookup holds the others for use. */
static const enum ob_ioc_type file_types[] = {OB_IOC_MD5,       OB_IOC_SHA1,
                                              OB_IOC_SHA256,    OB_IOC_FILE_NAME,
                                              OB_IOC_FILE_PATH, OB_IOC_FILE_PATH_REGEX};

struct scan_load {
    struct ob_indicators *set;
    struct ob_context *ctx;
    size_t added, refused;
    struct ob_ioc_source_uses *uses; /* NULL: not asked for */
    size_t last_use;                 /* where the last source was found */
};

/* Counts one indicator for its source, added or (`expired`) left out, the
 * sources in first-seen order; past OB_IOC_SOURCE_USES_MAX sources only
 * the counts are lost. `last_use` remembers where the last was found. */
static enum ob_status count_source_use(struct ob_ioc_source_uses *uses, size_t *last_use,
                                       const struct ob_ioc_entry *entry, bool expired)
{
    struct ob_ioc_source_use *use = NULL;
    if (*last_use < uses->count && strcmp(uses->items[*last_use].source, entry->source) == 0)
        use = &uses->items[*last_use];
    for (size_t i = 0; use == NULL && i < uses->count; i++)
        if (strcmp(uses->items[i].source, entry->source) == 0) {
            use = &uses->items[i];
            *last_use = i;
        }
    if (expired)
        uses->expired++;
    if (use == NULL) {
        if (uses->count >= OB_IOC_SOURCE_USES_MAX) {
            uses->left_out = true;
            return OB_OK;
        }
        enum ob_status status = core_array_grow((void **)&uses->items, &uses->capacity,
                                                uses->count + 1, sizeof(*uses->items), 8,
                                                OB_IOC_SOURCE_USES_MAX);
        char *name = status == OB_OK ? strdup(entry->source) : NULL;
        char *publisher = name != NULL ? strdup(entry->publisher != NULL ? entry->publisher : "")
                                       : NULL;
        if (publisher == NULL) {
            free(name);
            return OB_ERR_NOMEM;
        }
        *last_use = uses->count;
        use = &uses->items[uses->count++];
        *use = (struct ob_ioc_source_use){.source = name, .publisher = publisher};
    }
    if (use->publisher[0] == '\0' && entry->publisher != NULL && entry->publisher[0] != '\0') {
        char *publisher = strdup(entry->publisher);
        if (publisher == NULL)
            return OB_ERR_NOMEM;
        free(use->publisher);
        use->publisher = publisher;
    }
    if (expired) {
        use->expired++;
        return OB_OK;
    }
    use->indicators++;
    if (entry->last_import > use->last_import)
        use->last_import = entry->last_import;
    if (entry->published > use->published) {
        /* The date shown is the newest file's, and so is the publisher
         * named with it. */
        use->published = entry->published;
        if (entry->publisher != NULL && entry->publisher[0] != '\0' &&
            strcmp(entry->publisher, use->publisher) != 0) {
            char *publisher = strdup(entry->publisher);
            if (publisher == NULL)
                return OB_ERR_NOMEM;
            free(use->publisher);
            use->publisher = publisher;
        }
    }
    return OB_OK;
}

static enum ob_status add_to_scan_set(void *user, const struct ob_ioc_entry *entry)
{
    struct scan_load *load = user;
    /* Past its valid_until, the publisher no longer vouches for it. */
    if (entry->expired)
        return load->uses != NULL ? count_source_use(load->uses, &load->last_use, entry, true)
                                  : OB_OK;
    char source[512];
    /* The reason names the source given at import and the file it came from. */
    snprintf(source, sizeof(source), "%s (%s)", entry->source, entry->source_file);
    struct ob_indicator_ref ref = {
        .name = entry->value,
        .source = source,
        .description = entry->description,
        .score = entry->has_score ? entry->score : OB_HASH_DEFAULT_SCORE,
        .campaign = entry->campaign[0] != '\0' ? entry->campaign : NULL,
        .exclude = entry->exclude[0] != '\0' ? entry->exclude : NULL,
    };
    enum ob_status status;
    switch (entry->type) {
    case OB_IOC_MD5:
    case OB_IOC_SHA1:
    case OB_IOC_SHA256:
        status = ob_indicators_add_hash(load->set, load->ctx, entry->value, &ref);
        break;
    case OB_IOC_FILE_NAME:
        status = ob_indicators_add_file_name(load->set, load->ctx, entry->value, &ref);
        break;
    case OB_IOC_FILE_PATH:
        status = ob_indicators_add_file_path(load->set, load->ctx, entry->value, &ref);
        break;
    case OB_IOC_FILE_PATH_REGEX:
        status = ob_indicators_add_path_pattern(load->set, load->ctx, entry->value, &ref);
        break;
    default: return OB_OK;
    }
    if (status == OB_ERR_PARSE) {
        /* One unusable value does not stop the scan; it is said once. */
        if (load->refused++ < 10)
            /* TRANSLATORS: an indicator type (sha256, file-name, ...), its
             * value, then why it cannot be used. */
            ob_context_log(load->ctx, OB_LOG_WARNING, _("indicator store: %s '%s' not used: %s"),
                           ob_ioc_type_name(entry->type), entry->value,
                           ob_context_last_error(load->ctx));
        return OB_OK;
    }
    if (status == OB_OK)
        load->added++;
    if (status == OB_OK && load->uses != NULL)
        status = count_source_use(load->uses, &load->last_use, entry, false);
    return status;
}

enum ob_status ob_ioc_store_load_scan_set(struct ob_ioc_store *store, struct ob_context *ctx,
                                          struct ob_indicators *set, size_t *added)
{
    return ob_ioc_store_load_scan_set_by_source(store, ctx, set, added, NULL);
}

void ob_ioc_source_uses_release(struct ob_ioc_source_uses *uses)
{
    for (size_t i = 0; i < uses->count; i++) {
        free(uses->items[i].source);
        free(uses->items[i].publisher);
    }
    free(uses->items);
    memset(uses, 0, sizeof(*uses));
}

enum ob_status ob_ioc_store_load_scan_set_by_source(struct ob_ioc_store *store,
                                                    struct ob_context *ctx,
                                                    struct ob_indicators *set, size_t *added,
                                                    struct ob_ioc_source_uses *uses)
{
    if (uses != NULL)
        memset(uses, 0, sizeof(*uses));
    struct scan_load load = {.set = set, .ctx = ctx, .uses = uses};
    enum ob_status status;
    status = ioc_store_foreach_file_indicator(store, ctx, ioc_store_cache_dir(store), file_types,
                                              sizeof(file_types) / sizeof(file_types[0]),
                                              add_to_scan_set, &load);
    if (added != NULL)
        *added = load.added;
    return status;
}

/* ---- export ------------------------------------------------------------------ */

enum ob_status ob_ioc_export(struct ob_ioc_store *store, struct ob_context *ctx,
                             const struct ob_ioc_filter *filter, enum ob_ioc_export_format format,
                             const char *tlp, FILE *out)
{
    struct ob_ioc_exporter *exporter = NULL;
    enum ob_status status = ioc_exporter_new(format, &exporter);
    if (status != OB_OK)
        return status;
    status = ioc_exporter_mark(exporter, ctx, tlp, true);
    if (status == OB_OK && store != NULL)
        status = ob_ioc_store_foreach(store, ctx, filter, ioc_exporter_add, exporter);
    if (status == OB_OK)
        status = ioc_exporter_write(exporter, ctx, out);
    ioc_exporter_free(exporter);
    return status;
}

/* ---- lookup ------------------------------------------------------------------ */

struct lookup_indicator {
    enum ob_ioc_type type;
    const char *value;
    size_t first, count; /* its provenances */
    uint64_t hash;
};

struct lookup_provenance {
    const char *campaign, *source, *description;
};

struct ob_ioc_lookup {
    struct lookup_indicator *indicators;
    size_t indicator_count, indicator_capacity;
    struct lookup_provenance *provenances;
    size_t provenance_count, provenance_capacity;
    size_t *slots; /* open addressing: index + 1, 0 is empty */
    size_t slot_count;
    size_t *networks; /* indicators in CIDR notation, checked one by one */
    size_t network_count, network_capacity;
    struct ob_arena text;
    struct ob_ioc_source_uses sources; /* what each source brought */
    size_t last_source;
};

static uint64_t hash_key(enum ob_ioc_type type, const char *value)
{
    uint64_t hash = 1469598103934665603ull ^ (uint64_t)type;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        hash = (hash ^ *p) * 1099511628211ull;
    return hash;
}

static const char *keep_text(struct ob_ioc_lookup *lookup, const char *text)
{
    const char *copy = NULL;
    return core_arena_strdup(&lookup->text, text, strlen(text), &copy) == OB_OK ? copy : NULL;
}

static enum ob_status add_to_lookup(void *user, const struct ob_ioc_entry *entry)
{
    struct ob_ioc_lookup *lookup = user;
    /* File indicators are counted by the scanning set that uses them. */
    bool file = false;
    for (size_t i = 0; i < sizeof(file_types) / sizeof(file_types[0]); i++)
        file = file || entry->type == file_types[i];
    enum ob_status counted = file ? OB_OK
                                  : count_source_use(&lookup->sources, &lookup->last_source, entry,
                                                     entry->expired);
    if (counted != OB_OK || entry->expired)
        return counted;
    /* The store lists by type and value, so provenances of one indicator
     * arrive together. */
    struct lookup_indicator *last =
        lookup->indicator_count > 0 ? &lookup->indicators[lookup->indicator_count - 1] : NULL;
    if (last == NULL || last->type != entry->type || strcmp(last->value, entry->value) != 0) {
        enum ob_status status = core_array_grow((void **)&lookup->indicators,
                                                &lookup->indicator_capacity,
                                                lookup->indicator_count + 1,
                                                sizeof(*lookup->indicators), 256, SIZE_MAX);
        if (status != OB_OK)
            return status;
        last = &lookup->indicators[lookup->indicator_count++];
        last->type = entry->type;
        last->value = keep_text(lookup, entry->value);
        last->first = lookup->provenance_count;
        last->count = 0;
        last->hash = hash_key(entry->type, entry->value);
        if (last->value == NULL)
            return OB_ERR_NOMEM;
    }
    enum ob_status status =
        core_array_grow((void **)&lookup->provenances, &lookup->provenance_capacity,
                        lookup->provenance_count + 1, sizeof(*lookup->provenances), 256, SIZE_MAX);
    if (status != OB_OK)
        return status;
    struct lookup_provenance *provenance = &lookup->provenances[lookup->provenance_count];
    provenance->campaign = keep_text(lookup, entry->campaign);
    provenance->source = keep_text(lookup, entry->source);
    provenance->description = keep_text(lookup, entry->description);
    if (provenance->campaign == NULL || provenance->source == NULL ||
        provenance->description == NULL)
        return OB_ERR_NOMEM;
    lookup->provenance_count++;
    last->count++;
    return OB_OK;
}

static enum ob_status build_index(struct ob_ioc_lookup *lookup)
{
    size_t slots = 16;
    while (slots < lookup->indicator_count * 2 + 1)
        slots *= 2;
    lookup->slots = calloc(slots, sizeof(*lookup->slots));
    if (lookup->slots == NULL)
        return OB_ERR_NOMEM;
    lookup->slot_count = slots;
    for (size_t i = 0; i < lookup->indicator_count; i++) {
        const struct lookup_indicator *indicator = &lookup->indicators[i];
        size_t slot = (size_t)indicator->hash & (slots - 1);
        while (lookup->slots[slot] != 0)
            slot = (slot + 1) & (slots - 1);
        lookup->slots[slot] = i + 1;
    }
    return OB_OK;
}

/* The host names and addresses of C2 lists, each as its own indicator
 * (find_exact reports every indicator of one value). */
static enum ob_status add_c2_entries(struct ob_ioc_lookup *lookup, const struct ob_indicators *iocs)
{
    size_t count = 0;
    const struct ob_indicator_ref *entries = ob_indicators_c2_entries(iocs, &count);
    static const enum ob_ioc_type kinds[] = {OB_IOC_IPV4, OB_IOC_IPV6, OB_IOC_DOMAIN};
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < count; i++) {
        char normal[OB_IOC_VALUE_MAX + 1];
        for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
            if (ob_ioc_normalize(NULL, kinds[k], entries[i].name, strlen(entries[i].name), normal,
                                 sizeof(normal), NULL, 0) != OB_OK)
                continue;
            struct ob_ioc_entry entry = {
                .type = kinds[k],
                .value = normal,
                .campaign = entries[i].campaign != NULL ? entries[i].campaign : "",
                .description = entries[i].description,
                .source = entries[i].source,
            };
            status = add_to_lookup(lookup, &entry);
            break;
        }
    }
    return status;
}

enum ob_status ob_ioc_lookup_new(struct ob_ioc_store *store, struct ob_context *ctx,
                                 struct ob_ioc_lookup **out)
{
    return ob_ioc_lookup_new_with_lists(store, NULL, ctx, out);
}

enum ob_status ob_ioc_lookup_new_with_lists(struct ob_ioc_store *store,
                                            const struct ob_indicators *iocs,
                                            struct ob_context *ctx, struct ob_ioc_lookup **out)
{
    *out = NULL;
    struct ob_ioc_lookup *lookup = calloc(1, sizeof(*lookup));
    if (lookup == NULL)
        return OB_ERR_NOMEM;
    /* Hashes and paths are matched by the scanning set, never looked up
     * here: reading them cost a tenth of a warm start with a large store. */
    struct ob_ioc_filter all = {.any_type = true, .skip_scan_only = true};
    enum ob_status status =
        store != NULL ? ob_ioc_store_foreach(store, ctx, &all, add_to_lookup, lookup) : OB_OK;
    if (status == OB_OK && iocs != NULL)
        status = add_c2_entries(lookup, iocs);
    if (status == OB_OK)
        status = build_index(lookup);
    /* Networks in CIDR notation cannot be found by hashing an address. */
    for (size_t i = 0; status == OB_OK && i < lookup->indicator_count; i++) {
        const struct lookup_indicator *indicator = &lookup->indicators[i];
        if ((indicator->type != OB_IOC_IPV4 && indicator->type != OB_IOC_IPV6) ||
            strchr(indicator->value, '/') == NULL)
            continue;
        status = core_array_grow((void **)&lookup->networks, &lookup->network_capacity,
                                 lookup->network_count + 1, sizeof(*lookup->networks), 16,
                                 SIZE_MAX);
        if (status == OB_OK)
            lookup->networks[lookup->network_count++] = i;
    }
    if (status != OB_OK) {
        ob_ioc_lookup_free(lookup);
        return status;
    }
    *out = lookup;
    return OB_OK;
}

void ob_ioc_lookup_free(struct ob_ioc_lookup *lookup)
{
    if (lookup == NULL)
        return;
    core_arena_release(&lookup->text);
    free(lookup->indicators);
    free(lookup->provenances);
    free(lookup->slots);
    free(lookup->networks);
    ob_ioc_source_uses_release(&lookup->sources);
    free(lookup);
}

size_t ob_ioc_lookup_size(const struct ob_ioc_lookup *lookup)
{
    return lookup->indicator_count;
}

const struct ob_ioc_source_uses *ob_ioc_lookup_sources(const struct ob_ioc_lookup *lookup)
{
    return &lookup->sources;
}

static size_t report(const struct ob_ioc_lookup *lookup, const struct lookup_indicator *indicator,
                     ob_ioc_match_fn fn, void *user)
{
    for (size_t i = 0; fn != NULL && i < indicator->count; i++) {
        const struct lookup_provenance *provenance = &lookup->provenances[indicator->first + i];
        struct ob_ioc_match match = {
            .type = indicator->type,
            .value = indicator->value,
            .campaign = provenance->campaign,
            .source = provenance->source,
            .description = provenance->description,
        };
        fn(user, &match);
    }
    return 1;
}

static size_t find_exact(const struct ob_ioc_lookup *lookup, enum ob_ioc_type type,
                         const char *value, ob_ioc_match_fn fn, void *user)
{
    if (lookup->slot_count == 0)
        return 0;
    uint64_t hash = hash_key(type, value);
    size_t found = 0;
    /* One value can be held twice: from the store and from a C2 list. */
    for (size_t slot = (size_t)hash & (lookup->slot_count - 1); lookup->slots[slot] != 0;
         slot = (slot + 1) & (lookup->slot_count - 1)) {
        const struct lookup_indicator *indicator = &lookup->indicators[lookup->slots[slot] - 1];
        if (indicator->hash == hash && indicator->type == type &&
            strcmp(indicator->value, value) == 0)
            found = report(lookup, indicator, fn, user);
    }
    return found;
}

/* A domain and each of its parents: "a.b.example" also as "b.example" and
 * "example". */
static size_t find_domain(const struct ob_ioc_lookup *lookup, const char *domain,
                          ob_ioc_match_fn fn, void *user)
{
    size_t found = 0;
    for (const char *at = domain; at != NULL && *at != '\0';) {
        found += find_exact(lookup, OB_IOC_DOMAIN, at, fn, user);
        at = strchr(at, '.');
        if (at != NULL)
            at++;
    }
    return found;
}

static bool in_network(const char *network, enum ob_ioc_type type, const char *address)
{
    char base[64];
    const char *slash = strchr(network, '/');
    size_t length = (size_t)(slash - network);
    if (length >= sizeof(base))
        return false;
    memcpy(base, network, length);
    base[length] = '\0';
    int bits = atoi(slash + 1);
    int family = type == OB_IOC_IPV4 ? AF_INET : AF_INET6;
    unsigned char net[16], host[16];
    char plain[64];
    /* The address may itself carry a prefix; compare its base. */
    size_t address_length = strcspn(address, "/");
    if (address_length >= sizeof(plain))
        return false;
    memcpy(plain, address, address_length);
    plain[address_length] = '\0';
    if (inet_pton(family, base, net) != 1 || inet_pton(family, plain, host) != 1)
        return false;
    for (int bit = 0; bit < bits; bit++) {
        unsigned char mask = (unsigned char)(0x80 >> (bit % 8));
        if ((net[bit / 8] & mask) != (host[bit / 8] & mask))
            return false;
    }
    return true;
}

/* The host of a URL (`length` bytes, at most OB_IOC_VALUE_MAX) into `name`:
 * after "scheme://" and any user information, up to a port, path, query or
 * fragment; an IPv6 host keeps its brackets. */
static void url_host(const char *url, size_t length, char *name)
{
    /* As in normalize_url: a "://" past the first '/', '?' or '#' is in
     * the path or query of a URL without a scheme. */
    size_t first_separator = 0;
    while (first_separator < length && strchr("/?#", url[first_separator]) == NULL)
        first_separator++;
    const char *marker = memmem(url, length, "://", 3);
    const char *host = marker != NULL && (size_t)(marker - url) < first_separator ? marker + 3
                                                                                  : url;
    size_t rest = length - (size_t)(host - url);
    size_t authority = 0;
    while (authority < rest && strchr("/?#", host[authority]) == NULL)
        authority++;
    const char *user_at = memrchr(host, '@', authority);
    if (user_at != NULL) {
        authority -= (size_t)(user_at + 1 - host);
        host = user_at + 1;
    }
    size_t name_length = 0;
    if (host[0] == '[')
        name_length = authority;
    else
        while (name_length < authority && host[name_length] != ':')
            name_length++;
    memcpy(name, host, name_length);
    name[name_length] = '\0';
}

size_t ob_ioc_lookup_find_address(const struct ob_ioc_lookup *lookup, const char *url,
                                  size_t length, ob_ioc_match_fn fn, void *user)
{
    char normal[OB_IOC_VALUE_MAX + 1], name[OB_IOC_VALUE_MAX + 1];
    size_t found = 0;
    const char *text = url;
    /* A URL too long or too odd to normalise still has a host to check. */
    if (ob_ioc_normalize(NULL, OB_IOC_URL, url, length, normal, sizeof(normal), NULL, 0) == OB_OK) {
        found = find_exact(lookup, OB_IOC_URL, normal, fn, user);
        text = normal;
        length = strlen(normal);
    }
    if (length > OB_IOC_VALUE_MAX)
        length = OB_IOC_VALUE_MAX;
    url_host(text, length, name);
    size_t name_length = strlen(name);
    unsigned char address[16];
    if (name[0] == '[' && name_length > 2 && name[name_length - 1] == ']')
        return found + ob_ioc_lookup_find(lookup, OB_IOC_IPV6, name + 1, name_length - 2, fn, user);
    if (inet_pton(AF_INET, name, address) == 1)
        return found + ob_ioc_lookup_find(lookup, OB_IOC_IPV4, name, name_length, fn, user);
    return found + ob_ioc_lookup_find(lookup, OB_IOC_DOMAIN, name, name_length, fn, user);
}

size_t ob_ioc_lookup_find(const struct ob_ioc_lookup *lookup, enum ob_ioc_type type,
                          const char *value, size_t length, ob_ioc_match_fn fn, void *user)
{
    char normal[OB_IOC_VALUE_MAX + 1];
    /* No context: the reason a value does not normalise is not wanted, and
     * a lookup per address of every mail must not allocate. */
    enum ob_status status = ob_ioc_normalize(NULL, type, value, length, normal, sizeof(normal),
                                             NULL, 0);
    if (status != OB_OK)
        return 0;
    size_t found = 0;
    switch (type) {
    case OB_IOC_DOMAIN: return find_domain(lookup, normal, fn, user);
    case OB_IOC_EMAIL: {
        found = find_exact(lookup, type, normal, fn, user);
        const char *at = strrchr(normal, '@');
        return found + (at != NULL ? find_domain(lookup, at + 1, fn, user) : 0);
    }
    case OB_IOC_URL: {
        found = find_exact(lookup, type, normal, fn, user);
        char name[OB_IOC_VALUE_MAX + 1];
        url_host(normal, strlen(normal), name);
        return found + find_domain(lookup, name, fn, user);
    }
    case OB_IOC_IPV4:
    case OB_IOC_IPV6:
        found = find_exact(lookup, type, normal, fn, user);
        for (size_t i = 0; i < lookup->network_count; i++) {
            const struct lookup_indicator *network = &lookup->indicators[lookup->networks[i]];
            if (network->type == type && strcmp(network->value, normal) != 0 &&
                in_network(network->value, type, normal))
                found += report(lookup, network, fn, user);
        }
        return found;
    default: return find_exact(lookup, type, normal, fn, user);
    }
}
