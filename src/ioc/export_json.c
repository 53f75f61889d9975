/* SPDX-License-Identifier: Apache-2.0 */
/* Export of the indicator store as a STIX 2.1 bundle, a MISP response or
 * CSV, grouped by campaign, each re-importable to the same set. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/array.h"
#include "core/buffer.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/json.h"
#include "core/text.h"
#include "ioc/ioc_internal.h"

#define EXPORT_ITEMS_MAX ((size_t)1 << 26)  /* (indicator, provenance) pairs taken */
#define EXPORT_OUTPUT_MAX ((size_t)1 << 30) /* bytes of one export */
#define TIME_MAX INT64_C(253402300799)      /* 9999-12-31T23:59:59Z */

/* The tag and comment prefix that import_misp.c reads back. */
#define NO_CAMPAIGN_TAG "oberig:no-campaign"
#define EXPORT_TAG "oberig:export"
#define TYPE_PREFIX "oberig-type="

/* The TLP markings of STIX 2.1 (its section 7.2.1.4 fixes their ids) and
 * MISP's tags; "clear" is TLP 2.0's name of "white". TLP 1.0 has no
 * AMBER+STRICT: that one is OASIS's TLP 2.0 marking definition, a property
 * extension (stix_level NULL). */
struct tlp_marking {
    const char *name, *stix_level, *stix_id;
};
#define TLP2_EXTENSION "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
static const struct tlp_marking tlp_markings[] = {
    {"clear", "white", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"},
    {"white", "white", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"},
    {"green", "green", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"},
    {"amber", "amber", "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"},
    {"amber+strict", NULL, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"},
    {"red", "red", "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"},
};

/* UUIDv5 namespace of oberig's STIX and MISP ids (itself a random UUID). */
static const unsigned char uuid_namespace[16] = {0x3b, 0x8e, 0x55, 0x0c, 0x91, 0x4f, 0x4d, 0x2a,
                                                 0xa6, 0x17, 0x5e, 0xc2, 0x0f, 0x7d, 0x39, 0xb4};

/* One indicator in one campaign, strings owned by the exporter. */
struct item {
    enum ob_ioc_type type;
    char *value;
    char *campaign;
    char *description;
    int64_t first, last; /* import times, Unix seconds */
    /* What the publisher said, 0 or "" when nothing. */
    int64_t created, modified, valid_from, valid_until, published;
    char *publisher, *references, *source_description, *tlp;
};

struct ob_ioc_exporter {
    enum ob_ioc_export_format format;
    const struct tlp_marking *tlp; /* NULL: no marking, or each campaign's own */
    bool own_tlp;                  /* mark each campaign with its source's TLP, else clear */
    struct item *items;
    size_t count, capacity;
};

/* What the format writers share. */
struct writer {
    struct ob_context *ctx;
    struct ob_hasher *hasher;
    struct ob_buffer scratch; /* names hashed into ids */
    struct ob_buffer text;    /* the whole export */
    struct ob_json json;
    const struct tlp_marking *tlp; /* the marking of the group being written, or NULL */
    char **identities;             /* publishers whose STIX identity is written */
    size_t identity_count, identity_capacity;
};

const char *ioc_tlp_of_stix_marking(const char *id)
{
    for (size_t i = 0; id != NULL && i < sizeof(tlp_markings) / sizeof(tlp_markings[0]); i++)
        if (strcmp(id, tlp_markings[i].stix_id) == 0)
            return tlp_markings[i].name;
    return NULL;
}

static const struct tlp_marking *find_tlp(const char *name)
{
    for (size_t i = 0; name != NULL && i < sizeof(tlp_markings) / sizeof(tlp_markings[0]); i++)
        if (strcmp(name, tlp_markings[i].name) == 0)
            return &tlp_markings[i];
    return NULL;
}

enum ob_status ioc_exporter_new(enum ob_ioc_export_format format, struct ob_ioc_exporter **out)
{
    *out = calloc(1, sizeof(**out));
    if (*out == NULL)
        return OB_ERR_NOMEM;
    (*out)->format = format;
    return OB_OK;
}

static void free_item(struct item *item)
{
    free(item->value);
    free(item->campaign);
    free(item->description);
    free(item->publisher);
    free(item->references);
    free(item->source_description);
    free(item->tlp);
}

static char *copy_text(const char *text)
{
    return strdup(text != NULL ? text : "");
}

void ioc_exporter_free(struct ob_ioc_exporter *exporter)
{
    if (exporter == NULL)
        return;
    for (size_t i = 0; i < exporter->count; i++)
        free_item(&exporter->items[i]);
    free(exporter->items);
    free(exporter);
}

enum ob_status ioc_exporter_add(void *user, const struct ob_ioc_entry *entry)
{
    struct ob_ioc_exporter *exporter = user;
    if ((unsigned)entry->type >= OB_IOC_TYPE_COUNT || entry->value == NULL)
        return OB_ERR_INVALID_ARGUMENT;
    enum ob_status status = core_array_grow((void **)&exporter->items, &exporter->capacity,
                                            exporter->count + 1, sizeof(*exporter->items), 256,
                                            EXPORT_ITEMS_MAX);
    if (status != OB_OK)
        return status;
    struct item item = {
        .type = entry->type,
        .value = strdup(entry->value),
        .campaign = strdup(entry->campaign != NULL ? entry->campaign : ""),
        .description = strdup(entry->description != NULL ? entry->description : ""),
        .first = entry->first_import,
        .last = entry->last_import > entry->first_import ? entry->last_import : entry->first_import,
        .created = entry->created,
        .modified = entry->modified,
        .valid_from = entry->valid_from,
        .valid_until = entry->valid_until,
        .published = entry->published,
        .publisher = copy_text(entry->publisher),
        .references = copy_text(entry->references),
        .source_description = copy_text(entry->source_description),
        .tlp = copy_text(entry->tlp),
    };
    if (item.value == NULL || item.campaign == NULL || item.description == NULL ||
        item.publisher == NULL || item.references == NULL || item.source_description == NULL ||
        item.tlp == NULL) {
        free_item(&item);
        return OB_ERR_NOMEM;
    }
    exporter->items[exporter->count++] = item;
    return OB_OK;
}

/* By campaign, type, value; then description so that the description kept
 * for duplicates does not depend on the order entries came in. */
static int compare_items(const void *a, const void *b)
{
    const struct item *left = a, *right = b;
    int order = strcmp(left->campaign, right->campaign);
    if (order == 0)
        order = (left->type > right->type) - (left->type < right->type);
    if (order == 0)
        order = strcmp(left->value, right->value);
    if (order == 0)
        order = strcmp(left->description, right->description);
    return order;
}

static bool same_indicator(const struct item *a, const struct item *b)
{
    return a->type == b->type && strcmp(a->value, b->value) == 0 &&
           strcmp(a->campaign, b->campaign) == 0;
}

/* Keeps the first non-empty of two texts in *kept. */
static void keep_first_text(char **kept, char **other)
{
    if ((*kept)[0] != '\0')
        return;
    char *swap = *kept;
    *kept = *other;
    *other = swap;
}

/* The earlier of two dates, 0 (unknown) losing to any date. */
static int64_t earliest(int64_t a, int64_t b)
{
    return a == 0 ? b : b == 0 ? a : a < b ? a : b;
}

/* Sorts and merges the provenances of one (type, value, campaign): the
 * first non-empty description, publisher, references and TLP; the
 * earliest import, creation and start of validity; the latest import,
 * change and publication; no end of validity unless every one has one. */
static void merge(struct ob_ioc_exporter *exporter)
{
    if (exporter->count == 0)
        return;
    qsort(exporter->items, exporter->count, sizeof(*exporter->items), compare_items);
    size_t kept = 1;
    for (size_t i = 1; i < exporter->count; i++) {
        struct item *last = &exporter->items[kept - 1], *item = &exporter->items[i];
        if (!same_indicator(last, item)) {
            exporter->items[kept++] = *item;
            continue;
        }
        keep_first_text(&last->description, &item->description);
        keep_first_text(&last->publisher, &item->publisher);
        keep_first_text(&last->references, &item->references);
        keep_first_text(&last->source_description, &item->source_description);
        keep_first_text(&last->tlp, &item->tlp);
        last->created = earliest(last->created, item->created);
        last->valid_from = earliest(last->valid_from, item->valid_from);
        if (item->modified > last->modified)
            last->modified = item->modified;
        if (item->published > last->published)
            last->published = item->published;
        last->valid_until = last->valid_until == 0 || item->valid_until == 0
                                ? 0
                                : (item->valid_until > last->valid_until ? item->valid_until
                                                                         : last->valid_until);
        if (item->first < last->first)
            last->first = item->first;
        if (item->last > last->last)
            last->last = item->last;
        free_item(item);
    }
    exporter->count = kept;
}

/* ---- Shared helpers ----------------------------------------------------------- */

static void format_time(int64_t seconds, bool date_only, char *out, size_t size)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds > TIME_MAX)
        seconds = TIME_MAX;
    time_t when = (time_t)seconds;
    struct tm tm;
    gmtime_r(&when, &tm);
    if (strftime(out, size, date_only ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%S.000Z", &tm) == 0 &&
        size > 0)
        out[0] = '\0';
}

/* A UUIDv5 (RFC 9562) of the NUL-separated `parts`, as text, so that the
 * same indicator gets the same id in every export. */
static enum ob_status make_uuid(struct writer *writer, const char *const *parts, size_t count,
                                char out[37])
{
    core_buffer_reset(&writer->scratch, 1 << 16);
    enum ob_status status = core_buffer_append(&writer->scratch, uuid_namespace, 16);
    for (size_t i = 0; i < count && status == OB_OK; i++)
        status = core_buffer_append(&writer->scratch, parts[i], strlen(parts[i]) + 1);
    struct ob_digests digests;
    if (status == OB_OK)
        status = core_hasher_digest(writer->hasher, writer->scratch.data, writer->scratch.length,
                                    &digests);
    if (status != OB_OK)
        return status;
    unsigned char *b = digests.sha1;
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x50);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    char hex[33];
    core_hex_encode(b, 16, hex);
    snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
    return OB_OK;
}

/* The end of the run of items with the campaign of items[start]. */
static size_t group_end(const struct ob_ioc_exporter *exporter, size_t start)
{
    size_t end = start + 1;
    while (end < exporter->count &&
           strcmp(exporter->items[end].campaign, exporter->items[start].campaign) == 0)
        end++;
    return end;
}

/* The dates written for an item: the publisher's, else the import
 * times, never a change before the creation. */
static int64_t item_created(const struct item *item)
{
    return item->created != 0 ? item->created : item->first;
}

static int64_t item_modified(const struct item *item)
{
    int64_t modified = item->modified != 0  ? item->modified
                       : item->created != 0 ? item->created
                                            : item->last;
    int64_t created = item_created(item);
    return modified > created ? modified : created;
}

/* One campaign's run of items and what they share. */
struct group {
    size_t start, end;
    const char *campaign;
    int64_t created, modified; /* earliest creation, latest change */
    int64_t published;         /* latest publication, else the latest change */
    const char *publisher, *references, *description; /* the first given, else "" */
    const struct tlp_marking *tlp;                    /* NULL: none */
};

static void read_group(const struct ob_ioc_exporter *exporter, size_t start, struct group *group)
{
    const struct item *first = &exporter->items[start];
    *group = (struct group){.start = start,
                            .end = group_end(exporter, start),
                            .campaign = first->campaign,
                            .created = item_created(first),
                            .modified = item_modified(first),
                            .publisher = "",
                            .references = "",
                            .description = "",
                            .tlp = exporter->tlp};
    const char *tlp = "";
    for (size_t i = start; i < group->end; i++) {
        const struct item *item = &exporter->items[i];
        if (item_created(item) < group->created)
            group->created = item_created(item);
        if (item_modified(item) > group->modified)
            group->modified = item_modified(item);
        if (item->published > group->published)
            group->published = item->published;
        if (group->publisher[0] == '\0')
            group->publisher = item->publisher;
        if (group->references[0] == '\0')
            group->references = item->references;
        if (group->description[0] == '\0')
            group->description = item->source_description;
        if (tlp[0] == '\0')
            tlp = item->tlp;
    }
    if (group->published == 0)
        group->published = group->modified;
    if (group->tlp == NULL && exporter->own_tlp)
        group->tlp = find_tlp(tlp) != NULL ? find_tlp(tlp) : &tlp_markings[0];
}

/* ---- STIX 2.1 ------------------------------------------------------------------- */

/* The object path of each type in a pattern. Hashes use the STIX hash
 * vocabulary ('SHA-256', 'SHA-1', MD5); MVT's bundles use both those and
 * sha256, and read both. "app" and "configuration-profile" are MVT's. */
static const char *stix_path(enum ob_ioc_type type)
{
    switch (type) {
    case OB_IOC_DOMAIN: return "domain-name:value";
    case OB_IOC_URL: return "url:value";
    case OB_IOC_EMAIL: return "email-addr:value";
    case OB_IOC_IPV4: return "ipv4-addr:value";
    case OB_IOC_IPV6: return "ipv6-addr:value";
    case OB_IOC_FILE_NAME: return "file:name";
    case OB_IOC_FILE_PATH: return "file:path";
    case OB_IOC_MD5: return "file:hashes.MD5";
    case OB_IOC_SHA1: return "file:hashes.'SHA-1'";
    case OB_IOC_SHA256: return "file:hashes.'SHA-256'";
    case OB_IOC_PROCESS_NAME: return "process:name";
    case OB_IOC_APP_ID: return "app:id";
    case OB_IOC_APP_CERT_SHA256: return "app:cert.sha256";
    case OB_IOC_CONFIG_PROFILE_ID: return "configuration-profile:id";
    case OB_IOC_FILE_PATH_REGEX: return "file:path";
    default: return "x-oberig:value";
    }
}

/* "[path = 'value']" with ' and \ escaped as the STIX grammar wants; path
 * regexes as "[file:path MATCHES '...']". */
static enum ob_status stix_pattern(struct ob_buffer *out, const struct item *item)
{
    core_buffer_reset(out, 1 << 16);
    const char *op = item->type == OB_IOC_FILE_PATH_REGEX ? " MATCHES " : " = ";
    enum ob_status status = core_buffer_printf(out, "[%s%s'", stix_path(item->type), op);
    for (const char *c = item->value; *c != '\0' && status == OB_OK; c++) {
        if (*c == '\'' || *c == '\\')
            status = core_buffer_append(out, "\\", 1);
        if (status == OB_OK)
            status = core_buffer_append(out, c, 1);
    }
    if (status == OB_OK)
        status = core_buffer_append(out, "']", 2);
    return status;
}

/* `creator` is the identity's id ("identity--..."), "" for none. */
static void stix_common(struct writer *writer, const char *type, const char *prefix,
                        const char *uuid, int64_t first, int64_t last, const char *creator)
{
    char id[128], created[32], modified[32];
    snprintf(id, sizeof(id), "%s--%s", prefix, uuid);
    format_time(first, false, created, sizeof(created));
    format_time(last, false, modified, sizeof(modified));
    core_json_cstring(&writer->json, "type", type);
    core_json_cstring(&writer->json, "spec_version", "2.1");
    core_json_cstring(&writer->json, "id", id);
    core_json_cstring(&writer->json, "created", created);
    core_json_cstring(&writer->json, "modified", modified);
    if (creator[0] != '\0')
        core_json_cstring(&writer->json, "created_by_ref", creator);
    if (writer->tlp != NULL) {
        core_json_array_begin(&writer->json, "object_marking_refs");
        core_json_cstring(&writer->json, NULL, writer->tlp->stix_id);
        core_json_array_end(&writer->json);
    }
}

static enum ob_status indicator_uuid(struct writer *writer, const struct item *item, char out[37])
{
    const char *parts[] = {"indicator", ob_ioc_type_name(item->type), item->value, item->campaign};
    return make_uuid(writer, parts, 4, out);
}

/* The bundle's id from all its indicators' ids, in any order. */
static enum ob_status bundle_uuid(struct writer *writer, const struct ob_ioc_exporter *exporter,
                                  char out[37])
{
    unsigned char folded[16] = {0};
    enum ob_status status = OB_OK;
    for (size_t i = 0; i < exporter->count && status == OB_OK; i++) {
        char uuid[37];
        if ((status = indicator_uuid(writer, &exporter->items[i], uuid)) != OB_OK)
            break;
        for (size_t k = 0; k < 16; k++)
            folded[k] ^= (unsigned char)uuid[k * 2] ^ (unsigned char)(uuid[k * 2 + 1] << 1);
    }
    char hex[33], count[32];
    core_hex_encode(folded, 16, hex);
    snprintf(count, sizeof(count), "%zu", exporter->count);
    const char *parts[] = {"bundle", count, hex};
    if (status == OB_OK)
        status = make_uuid(writer, parts, 3, out);
    return status;
}

static void write_marking(struct writer *writer, const struct tlp_marking *tlp)
{
    struct ob_json *json = &writer->json;
    core_json_object_begin(json, NULL);
    core_json_cstring(json, "type", "marking-definition");
    core_json_cstring(json, "spec_version", "2.1");
    core_json_cstring(json, "id", tlp->stix_id);
    if (tlp->stix_level != NULL) {
        core_json_cstring(json, "created", "2017-01-20T00:00:00.000Z");
        core_json_cstring(json, "definition_type", "tlp");
        core_json_object_begin(json, "definition");
        core_json_cstring(json, "tlp", tlp->stix_level);
        core_json_object_end(json);
    } else {
        core_json_cstring(json, "created", "2022-10-01T00:00:00.000Z");
        core_json_cstring(json, "name", "TLP:AMBER+STRICT");
        core_json_object_begin(json, "extensions");
        core_json_object_begin(json, TLP2_EXTENSION);
        core_json_cstring(json, "extension_type", "property-extension");
        core_json_cstring(json, "tlp_2_0", tlp->name);
        core_json_object_end(json);
        core_json_object_end(json);
    }
    core_json_object_end(json);
}

/* The marking-definitions of every TLP level the groups use, each once. */
static void write_markings(struct writer *writer, const struct ob_ioc_exporter *exporter)
{
    bool used[sizeof(tlp_markings) / sizeof(tlp_markings[0])] = {false};
    struct group group;
    for (size_t start = 0; start < exporter->count; start = group.end) {
        read_group(exporter, start, &group);
        if (group.tlp == NULL)
            continue;
        /* clear and white are one marking in STIX */
        size_t index = (size_t)(group.tlp - tlp_markings);
        used[index == 1 ? 0 : index] = true;
    }
    if (exporter->count == 0 && exporter->tlp != NULL)
        used[exporter->tlp - tlp_markings == 1 ? 0 : exporter->tlp - tlp_markings] = true;
    for (size_t i = 0; i < sizeof(used) / sizeof(used[0]); i++)
        if (used[i])
            write_marking(writer, &tlp_markings[i]);
}

/* The id of the publisher's identity in `out` ("" for none), its
 * identity object written the first time it is met. */
static enum ob_status stix_identity(struct writer *writer, const struct group *group, char *out,
                                    size_t size)
{
    out[0] = '\0';
    if (group->publisher[0] == '\0')
        return OB_OK;
    char uuid[37];
    const char *parts[] = {"identity", group->publisher};
    enum ob_status status = make_uuid(writer, parts, 2, uuid);
    if (status != OB_OK)
        return status;
    snprintf(out, size, "identity--%s", uuid);
    for (size_t i = 0; i < writer->identity_count; i++)
        if (strcmp(writer->identities[i], group->publisher) == 0)
            return OB_OK;
    status = core_array_grow((void **)&writer->identities, &writer->identity_capacity,
                             writer->identity_count + 1, sizeof(*writer->identities), 8,
                             EXPORT_ITEMS_MAX);
    if (status != OB_OK)
        return status;
    if ((writer->identities[writer->identity_count] = strdup(group->publisher)) == NULL)
        return OB_ERR_NOMEM;
    writer->identity_count++;
    struct ob_json *json = &writer->json;
    const struct tlp_marking *tlp = writer->tlp;
    writer->tlp = NULL; /* who published is not the marked content */
    core_json_object_begin(json, NULL);
    stix_common(writer, "identity", "identity", uuid, group->created, group->created, "");
    core_json_cstring(json, "name", group->publisher);
    core_json_cstring(json, "identity_class", "organization");
    core_json_object_end(json);
    writer->tlp = tlp;
    return OB_OK;
}

/* The report that carries a campaign's publication date, description and
 * references, about `about` (its malware, or its first indicator). */
static void stix_report(struct writer *writer, const struct group *group, const char *about,
                        const char *creator, const char *uuid)
{
    struct ob_json *json = &writer->json;
    char published[32];
    format_time(group->published, false, published, sizeof(published));
    core_json_object_begin(json, NULL);
    stix_common(writer, "report", "report", uuid, group->created, group->modified, creator);
    core_json_cstring(json, "name", group->campaign[0] != '\0' ? group->campaign : "oberig export");
    if (group->description[0] != '\0')
        core_json_cstring(json, "description", group->description);
    core_json_array_begin(json, "report_types");
    core_json_cstring(json, NULL, "threat-report");
    core_json_array_end(json);
    core_json_cstring(json, "published", published);
    core_json_array_begin(json, "object_refs");
    core_json_cstring(json, NULL, about);
    core_json_array_end(json);
    if (group->references[0] != '\0') {
        core_json_array_begin(json, "external_references");
        for (const char *at = group->references; *at != '\0';) {
            size_t length = strcspn(at, "\n");
            core_json_object_begin(json, NULL);
            core_json_cstring(json, "source_name", "report");
            core_json_string(json, "url", at, length);
            core_json_object_end(json);
            at += length + (at[length] == '\n');
        }
        core_json_array_end(json);
    }
    core_json_object_end(json);
}

/* One indicator per (type, value, campaign), not per (type, value): an
 * indicator that indicates two malware objects reads back as one campaign
 * "A, B", so each campaign needs its own indicator to re-import the same
 * set. Each is linked to its campaign's malware object by "indicates";
 * each campaign has a report with its publication date, description and
 * references, and every object names its publisher's identity. */
static enum ob_status write_stix(struct writer *writer, const struct ob_ioc_exporter *exporter)
{
    struct ob_json *json = &writer->json;
    struct ob_buffer pattern;
    core_buffer_init(&pattern, OB_IOC_VALUE_MAX * 2 + 256);
    char uuid[37], malware_uuid[37], relationship_uuid[37], time_text[32];
    char creator[64], about[64];
    enum ob_status status = bundle_uuid(writer, exporter, uuid);
    if (status != OB_OK)
        goto out;
    char bundle_id[64];
    snprintf(bundle_id, sizeof(bundle_id), "bundle--%s", uuid);
    core_json_object_begin(json, NULL);
    core_json_cstring(json, "type", "bundle");
    core_json_cstring(json, "id", bundle_id);
    core_json_array_begin(json, "objects");
    write_markings(writer, exporter);
    struct group group;
    for (size_t start = 0; start < exporter->count && status == OB_OK; start = group.end) {
        read_group(exporter, start, &group);
        writer->tlp = group.tlp;
        const char *campaign = group.campaign;
        bool linked = campaign[0] != '\0';
        if ((status = stix_identity(writer, &group, creator, sizeof(creator))) != OB_OK)
            break;
        if (linked) {
            const char *parts[] = {"malware", campaign};
            if ((status = make_uuid(writer, parts, 2, malware_uuid)) != OB_OK)
                break;
            core_json_object_begin(json, NULL);
            stix_common(writer, "malware", "malware", malware_uuid, group.created, group.modified,
                        creator);
            core_json_cstring(json, "name", campaign);
            core_json_bool(json, "is_family", false);
            core_json_object_end(json);
            snprintf(about, sizeof(about), "malware--%s", malware_uuid);
        } else {
            if ((status = indicator_uuid(writer, &exporter->items[start], uuid)) != OB_OK)
                break;
            snprintf(about, sizeof(about), "indicator--%s", uuid);
        }
        const char *report_parts[] = {"report", campaign};
        if ((status = make_uuid(writer, report_parts, 2, uuid)) != OB_OK)
            break;
        stix_report(writer, &group, about, creator, uuid);
        for (size_t i = start; i < group.end && status == OB_OK; i++) {
            const struct item *item = &exporter->items[i];
            if ((status = indicator_uuid(writer, item, uuid)) != OB_OK ||
                (status = stix_pattern(&pattern, item)) != OB_OK)
                break;
            int64_t created = item_created(item), modified = item_modified(item);
            core_json_object_begin(json, NULL);
            stix_common(writer, "indicator", "indicator", uuid, created, modified, creator);
            if (item->description[0] != '\0')
                core_json_cstring(json, "description", item->description);
            core_json_array_begin(json, "indicator_types");
            core_json_cstring(json, NULL, "malicious-activity");
            core_json_array_end(json);
            core_json_string(json, "pattern", core_buffer_str(&pattern), pattern.length);
            core_json_cstring(json, "pattern_type", "stix");
            core_json_cstring(json, "pattern_version", "2.1");
            format_time(item->valid_from != 0 ? item->valid_from : created, false, time_text,
                        sizeof(time_text));
            core_json_cstring(json, "valid_from", time_text);
            if (item->valid_until != 0) {
                format_time(item->valid_until, false, time_text, sizeof(time_text));
                core_json_cstring(json, "valid_until", time_text);
            }
            core_json_object_end(json);
            if (!linked)
                continue;
            const char *parts[] = {"relationship", uuid, malware_uuid};
            if ((status = make_uuid(writer, parts, 3, relationship_uuid)) != OB_OK)
                break;
            char source[64], target[64];
            snprintf(source, sizeof(source), "indicator--%s", uuid);
            snprintf(target, sizeof(target), "malware--%s", malware_uuid);
            core_json_object_begin(json, NULL);
            stix_common(writer, "relationship", "relationship", relationship_uuid, created,
                        modified, creator);
            core_json_cstring(json, "relationship_type", "indicates");
            core_json_cstring(json, "source_ref", source);
            core_json_cstring(json, "target_ref", target);
            core_json_object_end(json);
        }
    }
    core_json_array_end(json);
    core_json_object_end(json);
out:
    core_buffer_release(&pattern);
    return status != OB_OK ? status : json->status;
}

/* ---- MISP ------------------------------------------------------------------------ */

/* The MISP attribute type and category of an item. Types with an exact
 * MISP equivalent use it. The rest (process names, app certificates,
 * configuration profiles, path regexes, and file names or paths that the
 * importer would read as the other of the two, since MISP has only
 * "filename") become type "other" with the comment
 * "oberig-type=NAME[; DESCRIPTION]", which import_misp.c reads back: so a
 * MISP export re-imports to the same set, and other MISP users still see
 * what each value is. */
static bool misp_type(const struct item *item, const char **type, const char **category)
{
    bool has_separator = strpbrk(item->value, "/\\") != NULL;
    *category = "Payload delivery";
    switch (item->type) {
    case OB_IOC_DOMAIN:
        *type = "domain";
        *category = "Network activity";
        return true;
    case OB_IOC_URL:
        *type = "url";
        *category = "Network activity";
        return true;
    case OB_IOC_IPV4:
    case OB_IOC_IPV6:
        *type = "ip-dst";
        *category = "Network activity";
        return true;
    case OB_IOC_EMAIL: *type = "email-src"; return true;
    case OB_IOC_MD5: *type = "md5"; return true;
    case OB_IOC_SHA1: *type = "sha1"; return true;
    case OB_IOC_SHA256: *type = "sha256"; return true;
    case OB_IOC_APP_ID: *type = "mobile-application-id"; return true;
    case OB_IOC_FILE_NAME:
    case OB_IOC_FILE_PATH:
        if (has_separator == (item->type == OB_IOC_FILE_PATH)) {
            *type = "filename";
            return true;
        }
        break;
    default: break;
    }
    *type = "other";
    *category = "Other";
    return false;
}

static enum ob_status write_misp_attribute(struct writer *writer, const struct item *item)
{
    struct ob_json *json = &writer->json;
    const char *type, *category;
    bool native = misp_type(item, &type, &category);
    char uuid[37], timestamp[32];
    const char *parts[] = {"misp-attribute", ob_ioc_type_name(item->type), item->value,
                           item->campaign};
    enum ob_status status = make_uuid(writer, parts, 4, uuid);
    if (status != OB_OK)
        return status;
    snprintf(timestamp, sizeof(timestamp), "%lld", (long long)item_modified(item));
    core_json_object_begin(json, NULL);
    core_json_cstring(json, "uuid", uuid);
    core_json_cstring(json, "type", type);
    core_json_cstring(json, "category", category);
    core_json_cstring(json, "value", item->value);
    core_json_bool(json, "to_ids", true);
    core_json_cstring(json, "distribution", "5");
    core_json_cstring(json, "timestamp", timestamp);
    if (native) {
        core_json_cstring(json, "comment", item->description);
    } else {
        core_buffer_reset(&writer->scratch, 1 << 16);
        status = core_buffer_printf(&writer->scratch, TYPE_PREFIX "%s%s%s",
                                    ob_ioc_type_name(item->type),
                                    item->description[0] != '\0' ? "; " : "", item->description);
        if (status != OB_OK)
            return status;
        core_json_string(json, "comment", core_buffer_str(&writer->scratch),
                         writer->scratch.length);
    }
    core_json_object_end(json);
    return OB_OK;
}

/* A campaign's references as "link" attributes, not for detection. */
static enum ob_status write_misp_links(struct writer *writer, const struct group *group,
                                       const char *timestamp)
{
    struct ob_json *json = &writer->json;
    enum ob_status status = OB_OK;
    for (const char *at = group->references; *at != '\0' && status == OB_OK;) {
        size_t length = strcspn(at, "\n");
        char *url = strndup(at, length), uuid[37];
        if (url == NULL)
            return OB_ERR_NOMEM;
        const char *parts[] = {"misp-link", group->campaign, url};
        status = make_uuid(writer, parts, 3, uuid);
        if (status == OB_OK) {
            core_json_object_begin(json, NULL);
            core_json_cstring(json, "uuid", uuid);
            core_json_cstring(json, "type", "link");
            core_json_cstring(json, "category", "External analysis");
            core_json_cstring(json, "value", url);
            core_json_bool(json, "to_ids", false);
            core_json_cstring(json, "distribution", "5");
            core_json_cstring(json, "timestamp", timestamp);
            core_json_cstring(json, "comment", "");
            core_json_object_end(json);
        }
        free(url);
        at += length + (at[length] == '\n');
    }
    return status;
}

static void write_misp_tag(struct ob_json *json, const char *name)
{
    core_json_object_begin(json, NULL);
    core_json_cstring(json, "name", name);
    core_json_object_end(json);
}

/* One event per campaign, dated as its indicators were first published,
 * with its publisher as Orgc, its TLP tag and its references. MISP needs
 * a non-empty info, so indicators without a campaign go to an event
 * "oberig export" tagged oberig:no-campaign, which the importer reads
 * back as no campaign. */
static enum ob_status write_misp(struct writer *writer, const struct ob_ioc_exporter *exporter)
{
    struct ob_json *json = &writer->json;
    enum ob_status status = OB_OK;
    core_json_object_begin(json, NULL);
    core_json_array_begin(json, "response");
    struct group group;
    for (size_t start = 0; start < exporter->count && status == OB_OK; start = group.end) {
        read_group(exporter, start, &group);
        const char *campaign = group.campaign;
        char uuid[37], date[32], timestamp[32];
        const char *parts[] = {"misp-event", campaign};
        if ((status = make_uuid(writer, parts, 2, uuid)) != OB_OK)
            break;
        format_time(group.created, true, date, sizeof(date));
        snprintf(timestamp, sizeof(timestamp), "%lld", (long long)group.modified);
        core_json_object_begin(json, NULL);
        core_json_object_begin(json, "Event");
        core_json_cstring(json, "uuid", uuid);
        core_json_cstring(json, "info", campaign[0] != '\0' ? campaign : "oberig export");
        core_json_cstring(json, "date", date);
        core_json_cstring(json, "timestamp", timestamp);
        core_json_cstring(json, "threat_level_id", "4");
        core_json_cstring(json, "analysis", "2");
        core_json_cstring(json, "distribution", "0");
        core_json_bool(json, "published", false);
        if (group.publisher[0] != '\0') {
            core_json_object_begin(json, "Orgc");
            core_json_cstring(json, "name", group.publisher);
            core_json_object_end(json);
        }
        /* The export tag tells the importer that an empty comment means
         * no description (not "describe it by its category"). */
        core_json_array_begin(json, "Tag");
        write_misp_tag(json, EXPORT_TAG);
        if (campaign[0] == '\0')
            write_misp_tag(json, NO_CAMPAIGN_TAG);
        if (group.tlp != NULL) {
            char tlp_tag[32];
            snprintf(tlp_tag, sizeof(tlp_tag), "tlp:%s", group.tlp->name);
            write_misp_tag(json, tlp_tag);
        }
        core_json_array_end(json);
        core_json_array_begin(json, "Attribute");
        for (size_t i = start; i < group.end && status == OB_OK; i++)
            status = write_misp_attribute(writer, &exporter->items[i]);
        if (status == OB_OK)
            status = write_misp_links(writer, &group, timestamp);
        core_json_array_end(json);
        core_json_object_end(json);
        core_json_object_end(json);
    }
    core_json_array_end(json);
    core_json_object_end(json);
    return status != OB_OK ? status : json->status;
}

/* ---- CSV -------------------------------------------------------------------------- */

/* RFC 4180: a field with a comma, quote, CR or LF (or white space at an
 * end, which readers may trim) is quoted, its quotes doubled. */
static enum ob_status csv_field(struct ob_buffer *out, const char *field, bool last)
{
    size_t length = strlen(field);
    bool quote = strpbrk(field, ",\"\r\n") != NULL ||
                 (length > 0 && (field[0] == ' ' || field[0] == '\t' || field[length - 1] == ' ' ||
                                 field[length - 1] == '\t'));
    enum ob_status status = OB_OK;
    if (!quote) {
        status = core_buffer_append(out, field, length);
    } else {
        status = core_buffer_append(out, "\"", 1);
        for (const char *c = field; *c != '\0' && status == OB_OK; c++)
            status = core_buffer_append(out, *c == '"' ? "\"\"" : c, *c == '"' ? 2 : 1);
        if (status == OB_OK)
            status = core_buffer_append(out, "\"", 1);
    }
    if (status == OB_OK)
        status = core_buffer_append(out, last ? "\r\n" : ",", last ? 2 : 1);
    return status;
}

static enum ob_status write_csv(struct writer *writer, const struct ob_ioc_exporter *exporter)
{
    enum ob_status status = core_buffer_append_str(&writer->text,
                                                   "type,value,description,campaign\r\n");
    for (size_t i = 0; i < exporter->count && status == OB_OK; i++) {
        const struct item *item = &exporter->items[i];
        status = csv_field(&writer->text, ob_ioc_type_name(item->type), false);
        if (status == OB_OK)
            status = csv_field(&writer->text, item->value, false);
        if (status == OB_OK)
            status = csv_field(&writer->text, item->description, false);
        if (status == OB_OK)
            status = csv_field(&writer->text, item->campaign, true);
    }
    return status;
}

/* ---- Output ----------------------------------------------------------------------- */

enum ob_status ioc_exporter_write(struct ob_ioc_exporter *exporter, struct ob_context *ctx,
                                  FILE *out)
{
    struct writer writer = {.ctx = ctx, .tlp = exporter->tlp};
    core_buffer_init(&writer.scratch, OB_IOC_TEXT_MAX + OB_IOC_VALUE_MAX + 256);
    core_buffer_init(&writer.text, EXPORT_OUTPUT_MAX);
    core_json_init(&writer.json, &writer.text);
    enum ob_status status = core_hasher_new(&writer.hasher);
    if (status != OB_OK)
        goto out;
    merge(exporter);
    switch (exporter->format) {
    case OB_IOC_EXPORT_STIX: status = write_stix(&writer, exporter); break;
    case OB_IOC_EXPORT_MISP: status = write_misp(&writer, exporter); break;
    case OB_IOC_EXPORT_CSV: status = write_csv(&writer, exporter); break;
    default:
        status = ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("unknown export format %d"),
                                 (int)exporter->format);
        goto out;
    }
    if (status == OB_OK && exporter->format != OB_IOC_EXPORT_CSV)
        status = core_buffer_append(&writer.text, "\n", 1);
    if (status != OB_OK) {
        size_t count = exporter->count;
        if (status == OB_ERR_LIMIT)
            status =
                ob_context_fail(ctx, status,
                                P_("export of %zu indicator failed: larger than 1 GiB",
                                   "export of %zu indicators failed: larger than 1 GiB", count),
                                count);
        else
            /* TRANSLATORS: the number of indicators, then the reason. */
            status = ob_context_fail(ctx, status,
                                     P_("export of %zu indicator failed: %s",
                                        "export of %zu indicators failed: %s", count),
                                     count, ob_strerror(status));
        goto out;
    }
    if (fwrite(writer.text.data, 1, writer.text.length, out) != writer.text.length ||
        fflush(out) != 0)
        status = ob_context_fail(ctx, OB_ERR_IO, _("writing the export failed"));
out:
    for (size_t i = 0; i < writer.identity_count; i++)
        free(writer.identities[i]);
    free(writer.identities);
    core_hasher_free(writer.hasher);
    core_buffer_release(&writer.scratch);
    core_buffer_release(&writer.text);
    return status;
}

enum ob_status ioc_exporter_mark(struct ob_ioc_exporter *exporter, struct ob_context *ctx,
                                 const char *tlp, bool own)
{
    exporter->tlp = find_tlp(tlp);
    exporter->own_tlp = own && tlp == NULL;
    if (tlp != NULL && exporter->tlp == NULL)
        return ob_context_fail(
            ctx, OB_ERR_INVALID_ARGUMENT,
            _("'%s' is not a TLP level (clear, white, green, amber, amber+strict, red)"), tlp);
    return OB_OK;
}

enum ob_status ob_ioc_export_entries(struct ob_context *ctx, const struct ob_ioc_entry *entries,
                                     size_t count, enum ob_ioc_export_format format,
                                     const char *tlp, FILE *out)
{
    struct ob_ioc_exporter *exporter = NULL;
    enum ob_status status = ioc_exporter_new(format, &exporter);
    if (status != OB_OK)
        return status;
    status = ioc_exporter_mark(exporter, ctx, tlp, false);
    for (size_t i = 0; i < count && status == OB_OK; i++)
        status = ioc_exporter_add(exporter, &entries[i]);
    if (status == OB_OK)
        status = ioc_exporter_write(exporter, ctx, out);
    ioc_exporter_free(exporter);
    return status;
}
