/* SPDX-License-Identifier: Apache-2.0 */
/* STIX 2.1 bundles: indicators with STIX patterns, named after the malware,
 * campaigns, intrusion sets and threat actors they indicate. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/buffer.h"
#include "core/i18n.h"
#include "ioc/ioc_internal.h"
#include "ioc/json_adapter.h"

#define SHOWN_MAX 128 /* bytes of a foreign name quoted in a kind or message */

/* An object an indicator can indicate, by id, with the name it gives. */
struct named {
    const char *id;
    const char *name;
};

/* An "indicates" relationship. */
struct link {
    const char *source;
    const char *target;
};

struct bundle {
    struct ob_ioc_batch *batch;
    const char *campaign; /* override, or NULL */
    struct named *named;
    size_t named_count;
    struct named *identities; /* identity objects by id, with their names */
    size_t identity_count;
    struct link *links;
    size_t link_count;
    struct ob_buffer joined; /* campaign names of the current indicator */
};

static int compare_named(const void *a, const void *b)
{
    return strcmp(((const struct named *)a)->id, ((const struct named *)b)->id);
}

static int compare_links(const void *a, const void *b)
{
    const struct link *left = a, *right = b;
    int order = strcmp(left->source, right->source);
    return order != 0 ? order : strcmp(left->target, right->target);
}

static bool is_indicated_type(const char *type)
{
    return strcmp(type, "malware") == 0 || strcmp(type, "campaign") == 0 ||
           strcmp(type, "intrusion-set") == 0 || strcmp(type, "threat-actor") == 0;
}

/* First pass: every object is an object with a type; collects the names of
 * what indicators can indicate and the "indicates" relationships. */
static enum ob_status index_objects(struct bundle *bundle, const struct ob_jnode *objects)
{
    size_t count = ioc_jnode_size(objects);
    bundle->named = calloc(count ? count : 1, sizeof(*bundle->named));
    bundle->links = calloc(count ? count : 1, sizeof(*bundle->links));
    bundle->identities = calloc(count ? count : 1, sizeof(*bundle->identities));
    if (bundle->named == NULL || bundle->links == NULL || bundle->identities == NULL)
        return OB_ERR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        const struct ob_jnode *object = ioc_jnode_at(objects, i);
        if (!ioc_jnode_is_object(object))
            return ioc_batch_malformed(bundle->batch, IOC_STIX_BUNDLE,
                                       _("objects[%zu] is not an object"), i);
        const char *type = ioc_jnode_get_string(object, "type");
        if (type == NULL)
            return ioc_batch_malformed(bundle->batch, IOC_STIX_BUNDLE,
                                       _("objects[%zu] has no type string"), i);
        if (strcmp(type, "identity") == 0) {
            const char *id = ioc_jnode_get_string(object, "id");
            const char *name = ioc_jnode_get_string(object, "name");
            if (id != NULL && name != NULL && name[0] != '\0')
                bundle->identities[bundle->identity_count++] = (struct named){id, name};
        } else if (is_indicated_type(type)) {
            const char *id = ioc_jnode_get_string(object, "id");
            const char *name = ioc_jnode_get_string(object, "name");
            if (id != NULL && name != NULL && name[0] != '\0')
                bundle->named[bundle->named_count++] = (struct named){id, name};
        } else if (strcmp(type, "relationship") == 0) {
            const char *relationship = ioc_jnode_get_string(object, "relationship_type");
            if (relationship == NULL || strcmp(relationship, "indicates") != 0)
                continue;
            const char *source = ioc_jnode_get_string(object, "source_ref");
            const char *target = ioc_jnode_get_string(object, "target_ref");
            if (source == NULL || target == NULL)
                return ioc_batch_malformed(bundle->batch, IOC_STIX_BUNDLE,
                                           _("relationship objects[%zu] without source_ref and "
                                             "target_ref strings"),
                                           i);
            bundle->links[bundle->link_count++] = (struct link){source, target};
        }
    }
    qsort(bundle->named, bundle->named_count, sizeof(*bundle->named), compare_named);
    qsort(bundle->identities, bundle->identity_count, sizeof(*bundle->identities), compare_named);
    qsort(bundle->links, bundle->link_count, sizeof(*bundle->links), compare_links);
    return OB_OK;
}

static const char *find_named(const struct named *list, size_t count, const char *id)
{
    if (id == NULL)
        return NULL;
    struct named key = {.id = id};
    const struct named *found = bsearch(&key, list, count, sizeof(key), compare_named);
    return found != NULL ? found->name : NULL;
}

static const char *name_of(const struct bundle *bundle, const char *id)
{
    return find_named(bundle->named, bundle->named_count, id);
}

static int compare_link_source(const void *id, const void *link)
{
    return strcmp(id, ((const struct link *)link)->source);
}

/* The campaign of indicator `id`: the names of everything it indicates,
 * joined by ", " in target-id order, each once; NULL when none. */
static enum ob_status campaign_of(struct bundle *bundle, const char *id, const char **campaign)
{
    *campaign = bundle->campaign;
    if (bundle->campaign != NULL || id == NULL)
        return OB_OK;
    core_buffer_reset(&bundle->joined, 4096);
    size_t low = core_array_lower_bound(bundle->links, bundle->link_count, sizeof(*bundle->links),
                                        id, compare_link_source);
    enum ob_status status = OB_OK;
    for (size_t i = low; i < bundle->link_count && strcmp(bundle->links[i].source, id) == 0; i++) {
        const char *name = name_of(bundle, bundle->links[i].target);
        if (name == NULL)
            continue;
        /* The same name twice (two malware objects, one name) is kept once. */
        const char *joined = core_buffer_str(&bundle->joined);
        size_t name_length = strlen(name);
        bool seen = false;
        for (const char *at = joined; *at != '\0' && !seen;) {
            const char *end = strstr(at, ", ");
            size_t length = end != NULL ? (size_t)(end - at) : strlen(at);
            seen = length == name_length && memcmp(at, name, length) == 0;
            at = end != NULL ? end + 2 : at + length;
        }
        if (seen)
            continue;
        /* A campaign that long is cut, not dropped: one byte over the limit
         * is kept, so storing it cuts it there and marks the cut. */
        size_t separator = bundle->joined.length > 0 ? 2 : 0;
        size_t room = OB_IOC_TEXT_MAX + 1 - bundle->joined.length;
        if (separator >= room)
            break;
        bool cut = separator + name_length > room;
        if (separator > 0)
            status = core_buffer_append(&bundle->joined, ", ", 2);
        if (status == OB_OK)
            status = core_buffer_append(&bundle->joined, name,
                                        cut ? room - separator : name_length);
        if (status != OB_OK)
            return status;
        if (cut)
            break;
    }
    if (bundle->joined.length > 0)
        *campaign = core_buffer_str(&bundle->joined);
    return OB_OK;
}

/* The object's `key` date, 0 when absent or not a date. */
static int64_t object_time(const struct ob_jnode *object, const char *key)
{
    int64_t seconds = 0;
    return ioc_parse_time(ioc_jnode_get_string(object, key), &seconds) ? seconds : 0;
}

static enum ob_status add_external_references(struct ob_ioc_batch *batch,
                                              struct ob_ioc_file_info *info,
                                              const struct ob_jnode *object)
{
    const struct ob_jnode *references = ioc_jnode_get(object, "external_references");
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < ioc_jnode_size(references); i++)
        status = ioc_batch_add_reference(batch, info,
                                         ioc_jnode_get_string(ioc_jnode_at(references, i), "url"));
    return status;
}

/* The TLP level of an object's markings, NULL when none is TLP. */
static const char *object_tlp(const struct ob_jnode *object)
{
    const struct ob_jnode *markings = ioc_jnode_get(object, "object_marking_refs");
    const char *level = NULL;
    for (size_t k = 0; level == NULL && k < ioc_jnode_size(markings); k++)
        level = ioc_tlp_of_stix_marking(ioc_jnode_string(ioc_jnode_at(markings, k), NULL));
    return level;
}

/* What one report, malware or other indicated object says, into `info`:
 * its publisher, description, references, TLP and (a report) the date it
 * was published. */
static enum ob_status describe(struct bundle *bundle, struct ob_ioc_file_info *info,
                               const struct ob_jnode *object, bool report)
{
    struct ob_ioc_batch *batch = bundle->batch;
    const char *creator = find_named(bundle->identities, bundle->identity_count,
                                     ioc_jnode_get_string(object, "created_by_ref"));
    enum ob_status status = ioc_batch_file_text(batch, &info->publisher, creator);
    if (status == OB_OK)
        status = ioc_batch_file_text(batch, &info->tlp, object_tlp(object));
    if (status == OB_OK)
        status = add_external_references(batch, info, object);
    if (report)
        ioc_batch_published(batch, info, object_time(object, "published"));
    /* A report's description says more of the set than its malware's. */
    if (status == OB_OK && report && info->description[0] == '\0')
        status = ioc_batch_file_text(batch, &info->description,
                                     ioc_jnode_get_string(object, "description"));
    return status;
}

#define REPORT_REFS_MAX 64 /* a report's object_refs read for campaigns */

/* A report on campaigns: what it says goes to each campaign it is about
 * (the malware it refers to, or "" for indicators without a campaign). */
static enum ob_status describe_report_campaigns(struct bundle *bundle,
                                                const struct ob_jnode *report)
{
    const struct ob_jnode *refs = ioc_jnode_get(report, "object_refs");
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < ioc_jnode_size(refs) && i < REPORT_REFS_MAX; i++) {
        const char *ref = ioc_jnode_string(ioc_jnode_at(refs, i), NULL);
        const char *campaign = name_of(bundle, ref);
        if (campaign == NULL && ref != NULL && strncmp(ref, "indicator--", 11) == 0)
            campaign = "";
        if (campaign == NULL)
            continue;
        struct ob_ioc_file_info *info = ioc_batch_campaign_info(bundle->batch, campaign, &status);
        if (info != NULL)
            status = describe(bundle, info, report, true);
    }
    return status;
}

/* What the bundle says of itself, for the file: who made it (the identity
 * its objects are created_by, else its only identity), when (its reports'
 * published date, else its newest object), what it is about (a report's
 * description, else the malware's), the report URLs and the TLP marking;
 * and the same for each campaign its reports and malware objects name. */
static enum ob_status read_provenance(struct bundle *bundle, const struct ob_jnode *objects)
{
    struct ob_ioc_batch *batch = bundle->batch;
    size_t count = ioc_jnode_size(objects);
    int64_t newest = 0;
    enum ob_status status = OB_OK;
    /* Campaigns first, their reports before their malware: the file's info
     * is taken after them, as making one may move it. */
    for (size_t i = 0; status == OB_OK && i < count; i++) {
        const struct ob_jnode *object = ioc_jnode_at(objects, i);
        if (strcmp(ioc_jnode_get_string(object, "type"), "report") == 0)
            status = describe_report_campaigns(bundle, object);
    }
    for (size_t i = 0; status == OB_OK && i < count; i++) {
        const struct ob_jnode *object = ioc_jnode_at(objects, i);
        const char *type = ioc_jnode_get_string(object, "type");
        if (is_indicated_type(type) && name_of(bundle, ioc_jnode_get_string(object, "id"))) {
            struct ob_ioc_file_info *info = ioc_batch_campaign_info(
                batch, name_of(bundle, ioc_jnode_get_string(object, "id")), &status);
            if (info != NULL)
                status = describe(bundle, info, object, false);
            if (info != NULL && status == OB_OK)
                status = ioc_batch_file_text(batch, &info->description,
                                             ioc_jnode_get_string(object, "description"));
        }
    }
    struct ob_ioc_file_info *file = ioc_batch_file(batch);
    const char *malware_description = NULL;
    for (size_t i = 0; status == OB_OK && file != NULL && i < count; i++) {
        const struct ob_jnode *object = ioc_jnode_at(objects, i);
        const char *type = ioc_jnode_get_string(object, "type");
        if (strcmp(type, "marking-definition") == 0 || strcmp(type, "identity") == 0)
            continue;
        int64_t modified = object_time(object, "modified");
        if (modified == 0)
            modified = object_time(object, "created");
        if (modified > newest)
            newest = modified;
        bool report = strcmp(type, "report") == 0;
        if (report || is_indicated_type(type)) {
            status = describe(bundle, file, object, report);
        } else {
            status =
                ioc_batch_file_text(batch, &file->publisher,
                                    find_named(bundle->identities, bundle->identity_count,
                                               ioc_jnode_get_string(object, "created_by_ref")));
            if (status == OB_OK)
                status = ioc_batch_file_text(batch, &file->tlp, object_tlp(object));
        }
        if (malware_description == NULL && is_indicated_type(type))
            malware_description = ioc_jnode_get_string(object, "description");
    }
    /* A bundle with one identity is that publisher's, whatever names it. */
    for (size_t i = batch->current_file;
         status == OB_OK && file != NULL && bundle->identity_count == 1 && i < batch->file_count;
         i++)
        status = ioc_batch_file_text(batch, &batch->files[i].publisher, bundle->identities[0].name);
    if (status == OB_OK && file != NULL)
        status = ioc_batch_file_text(batch, &file->description, malware_description);
    if (file != NULL && file->published == 0)
        ioc_batch_published(batch, file, newest);
    return status;
}

/* Imports or counts one comparison of an indicator's pattern. */
static enum ob_status import_comparison(struct bundle *bundle,
                                        const struct ob_stix_comparison *comparison,
                                        const char *campaign, const char *description,
                                        const char *position)
{
    enum ob_ioc_type type;
    bool known = ioc_stix_path_type(comparison->object_path, &type);
    if (known && !comparison->negated && comparison->op == OB_STIX_EQ)
        return ioc_batch_add(bundle->batch, type, comparison->value, comparison->value_length,
                             campaign, description, NULL, position);
    /* Our exporter writes signature-base path regexes this way. */
    if (known && type == OB_IOC_FILE_PATH && !comparison->negated &&
        comparison->op == OB_STIX_MATCHES)
        return ioc_batch_add(bundle->batch, OB_IOC_FILE_PATH_REGEX, comparison->value,
                             comparison->value_length, campaign, description, NULL, position);
    if (!known && !comparison->negated && comparison->op == OB_STIX_EQ)
        return ioc_batch_unsupported(bundle->batch, IOC_UNSUPPORTED_STIX_OBJECT_PATH,
                                     comparison->object_path, NULL, position);
    char operator[32];
    snprintf(operator, sizeof(operator), "%s%s", comparison->negated ? "NOT " : "",
             comparison->op_text);
    return ioc_batch_unsupported(bundle->batch, IOC_UNSUPPORTED_STIX_OPERATOR, operator,
                                 comparison->object_path, position);
}

static enum ob_status import_indicator(struct bundle *bundle, const struct ob_jnode *object,
                                       size_t index)
{
    const struct ob_jnode *id_node = ioc_jnode_get(object, "id");
    const char *id = ioc_jnode_string(id_node, NULL);
    if (id_node != NULL && id == NULL)
        return ioc_batch_malformed(bundle->batch, IOC_STIX_BUNDLE,
                                   _("indicator objects[%zu] has an id that is not a string"),
                                   index);
    char fallback[64];
    snprintf(fallback, sizeof(fallback), "objects[%zu]", index);
    const char *position = id != NULL ? id : fallback;
    /* A revoked indicator is withdrawn by its producer: not for detection. */
    bool is_bool;
    if (ioc_jnode_bool(ioc_jnode_get(object, "revoked"), &is_bool) && is_bool) {
        bundle->batch->skipped++;
        return OB_OK;
    }
    const struct ob_jnode *type_node = ioc_jnode_get(object, "pattern_type");
    const char *pattern_type = ioc_jnode_string(type_node, NULL);
    if (type_node != NULL && pattern_type == NULL)
        return ioc_batch_malformed(bundle->batch, IOC_STIX_BUNDLE,
                                   _("indicator '%.*s' has a pattern_type that is not a string"),
                                   SHOWN_MAX, position);
    size_t pattern_length;
    const char *text = ioc_jnode_string(ioc_jnode_get(object, "pattern"), &pattern_length);
    if (text == NULL)
        return ioc_batch_malformed(bundle->batch, IOC_STIX_BUNDLE,
                                   _("indicator '%.*s' has no pattern string"), SHOWN_MAX,
                                   position);
    /* Absent pattern_type: STIX 2.0 bundles have none, and mean "stix". */
    if (pattern_type != NULL && strcmp(pattern_type, "stix") != 0)
        return ioc_batch_unsupported(bundle->batch, IOC_UNSUPPORTED_STIX_PATTERN_TYPE, pattern_type,
                                     NULL, position);
    const char *description = ioc_jnode_get_string(object, "description");
    if (description == NULL || description[0] == '\0')
        description = ioc_jnode_get_string(object, "name");
    const char *campaign;
    enum ob_status status = campaign_of(bundle, id, &campaign);
    if (status != OB_OK)
        return status;
    struct ob_stix_pattern pattern;
    status = ioc_stix_pattern_parse(bundle->batch->ctx, text, pattern_length, &pattern);
    if (status != OB_OK) {
        char reason[1024];
        snprintf(reason, sizeof(reason), "%s", ob_context_last_error(bundle->batch->ctx));
        /* TRANSLATORS: the file, the indicator's id, why its pattern is wrong. */
        return ob_context_fail(bundle->batch->ctx, status, _("%s: indicator '%.*s': %s"),
                               bundle->batch->source_file, SHOWN_MAX, position, reason);
    }
    /* Every comparison of the pattern is imported, also those joined by AND
     * or FOLLOWEDBY: [file:name = 'a' AND file:hashes.MD5 = 'b'] gives the
     * name and the hash as two indicators, each flagging on its own. That
     * is broader than the pattern, which needs both in one observation, but
     * for triage a hit on either part is worth a look. */
    bundle->batch->dates = (struct ioc_dates){
        .created = object_time(object, "created"),
        .modified = object_time(object, "modified"),
        .valid_from = object_time(object, "valid_from"),
        .valid_until = object_time(object, "valid_until"),
    };
    for (size_t i = 0; i < pattern.count && status == OB_OK; i++)
        status = import_comparison(bundle, &pattern.comparisons[i], campaign, description,
                                   position);
    ioc_stix_pattern_release(&pattern);
    bundle->batch->dates = (struct ioc_dates){0};
    return status;
}

enum ob_status ioc_import_stix(struct ob_ioc_batch *batch, const char *text, size_t length,
                               const char *campaign)
{
    struct bundle bundle = {.batch = batch, .campaign = campaign};
    core_buffer_init(&bundle.joined, OB_IOC_TEXT_MAX + 16);
    struct ob_jdoc *doc = NULL;
    enum ob_status status = ioc_jdoc_parse(batch->ctx, batch->source_file, text, length, &doc);
    if (status != OB_OK)
        goto out;
    const struct ob_jnode *root = ioc_jdoc_root(doc);
    /* A bundle, or (leniently) a bare list of STIX objects. */
    const struct ob_jnode *objects = ioc_jnode_is_array(root) ? root
                                                              : ioc_jnode_get(root, "objects");
    if (!ioc_jnode_is_array(objects)) {
        status = ioc_batch_malformed(bundle.batch, IOC_STIX_BUNDLE, _("no \"objects\" array"));
        goto out;
    }
    if ((status = index_objects(&bundle, objects)) != OB_OK ||
        (status = read_provenance(&bundle, objects)) != OB_OK)
        goto out;
    size_t count = ioc_jnode_size(objects);
    for (size_t i = 0; i < count && status == OB_OK; i++) {
        const struct ob_jnode *object = ioc_jnode_at(objects, i);
        if (strcmp(ioc_jnode_get_string(object, "type"), "indicator") == 0)
            status = import_indicator(&bundle, object, i);
    }
out:
    if (status == OB_ERR_NOMEM)
        status = ob_context_fail(batch->ctx, status, _("%s: out of memory reading STIX"),
                                 batch->source_file);
    core_buffer_release(&bundle.joined);
    free(bundle.named);
    free(bundle.links);
    free(bundle.identities);
    ioc_jdoc_free(doc);
    return status;
}
