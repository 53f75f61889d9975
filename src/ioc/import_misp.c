/* SPDX-License-Identifier: Apache-2.0 */
/* MISP events: the attributes of an event and of its objects, with the
 * event's info as campaign; attributes not meant for detection are skipped. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#include "core/i18n.h"
#include "ioc/ioc_internal.h"
#include "ioc/json_adapter.h"

#define SHOWN_MAX 128 /* bytes of a foreign name quoted in a message */

/* The tag our exporter puts on the event of indicators without a campaign,
 * whose info must still be a non-empty text. */
#define NO_CAMPAIGN_TAG "oberig:no-campaign"
/* The tag our exporter puts on every event it writes. */
#define EXPORT_TAG "oberig:export"
/* Comment prefix of our exporter's "other" attributes: the oberig type. */
#define TYPE_PREFIX "oberig-type="

struct misp {
    struct ob_ioc_batch *batch;
    const char *campaign;
    char position[160];
    int64_t event_date, event_timestamp; /* of the current event, 0 when not given */
    struct ob_ioc_file_info *event_info; /* what the current event says of its campaign */
    bool own_export;                     /* the event carries EXPORT_TAG */
};

/* MISP's Unix-seconds timestamps, as text or as numbers; 0 otherwise. */
static int64_t read_seconds(const struct ob_jnode *node)
{
    int64_t value = 0;
    const char *text = ioc_jnode_string(node, NULL);
    if (text != NULL) {
        char *end = NULL;
        long long parsed = strtoll(text, &end, 10);
        value = end != text && *end == '\0' ? (int64_t)parsed : 0;
    } else if (!ioc_jnode_integer(node, &value)) {
        value = 0;
    }
    return value > 0 ? value : 0;
}

/* MISP writes flags as booleans, "1"/"0", "true"/"false" or 1/0. An absent
 * flag is `absent`. False when the value is none of those. */
static bool read_flag(const struct ob_jnode *node, bool absent, bool *flag)
{
    bool is_bool;
    bool value = ioc_jnode_bool(node, &is_bool);
    int64_t number;
    const char *text = ioc_jnode_string(node, NULL);
    if (node == NULL)
        *flag = absent;
    else if (is_bool)
        *flag = value;
    else if (ioc_jnode_integer(node, &number) && (number == 0 || number == 1))
        *flag = number == 1;
    else if (text != NULL && (strcmp(text, "1") == 0 || strcasecmp(text, "true") == 0))
        *flag = true;
    else if (text != NULL && (strcmp(text, "0") == 0 || strcasecmp(text, "false") == 0))
        *flag = false;
    else
        return false;
    return true;
}

static enum ob_status add(struct misp *misp, enum ob_ioc_type type, const char *value,
                          size_t length, const char *description)
{
    return ioc_batch_add(misp->batch, type, value, length, misp->campaign, description, NULL,
                         misp->position);
}

static enum ob_ioc_type ip_type(const char *value, size_t length)
{
    return memchr(value, ':', length) != NULL ? OB_IOC_IPV6 : OB_IOC_IPV4;
}

static enum ob_status add_filename(struct misp *misp, const char *value, size_t length,
                                   const char *description)
{
    bool path = memchr(value, '/', length) != NULL || memchr(value, '\\', length) != NULL;
    return add(misp, path ? OB_IOC_FILE_PATH : OB_IOC_FILE_NAME, value, length, description);
}

static enum ob_status unsupported(struct misp *misp, const char *type)
{
    return ioc_batch_unsupported(misp->batch, IOC_UNSUPPORTED_MISP_TYPE, type, NULL,
                                 misp->position);
}

/* "other" attributes written by our exporter carry their type in the
 * comment: "oberig-type=NAME" or "oberig-type=NAME; DESCRIPTION". */
static enum ob_status import_other(struct misp *misp, const char *value, size_t length,
                                   const char *comment)
{
    if (comment == NULL || strncmp(comment, TYPE_PREFIX, strlen(TYPE_PREFIX)) != 0)
        return unsupported(misp, "other");
    const char *name = comment + strlen(TYPE_PREFIX);
    size_t name_length = strcspn(name, ";");
    char type_name[64];
    enum ob_ioc_type type;
    if (name_length >= sizeof(type_name))
        return unsupported(misp, "other");
    memcpy(type_name, name, name_length);
    type_name[name_length] = '\0';
    if (!ob_ioc_type_parse(type_name, &type))
        return unsupported(misp, "other");
    const char *description = name + name_length;
    if (*description == ';')
        description += 1 + (description[1] == ' ');
    return add(misp, type, value, length, description[0] != '\0' ? description : NULL);
}

/* Maps one MISP attribute type onto indicator types. Composite types
 * ("filename|sha256", "domain|ip", "ip-dst|port") are split at the '|':
 * hashes and ports hold none, so at the last for those, at the first for
 * "domain|ip". A composite value without '|' is left whole and fails as a
 * value of its first type, counted as invalid. */
static enum ob_status import_typed(struct misp *misp, const char *type, const char *value,
                                   size_t length, const char *comment, const char *description)
{
    static const struct {
        const char *name;
        enum ob_ioc_type type;
    } plain[] = {
        {"md5", OB_IOC_MD5},
        {"sha1", OB_IOC_SHA1},
        {"sha256", OB_IOC_SHA256},
        {"domain", OB_IOC_DOMAIN},
        {"hostname", OB_IOC_DOMAIN},
        {"url", OB_IOC_URL},
        {"email", OB_IOC_EMAIL},
        {"email-src", OB_IOC_EMAIL},
        {"email-dst", OB_IOC_EMAIL},
        {"email-reply-to", OB_IOC_EMAIL},
        {"mobile-application-id", OB_IOC_APP_ID},
    };
    for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
        if (strcmp(type, plain[i].name) == 0)
            return add(misp, plain[i].type, value, length, description);
    if (strcmp(type, "filename") == 0)
        return add_filename(misp, value, length, description);
    if (strcmp(type, "ip-src") == 0 || strcmp(type, "ip-dst") == 0)
        return add(misp, ip_type(value, length), value, length, description);
    if (strcmp(type, "other") == 0)
        return import_other(misp, value, length, comment);

    const char *last_bar = memrchr(value, '|', length);
    size_t head = last_bar != NULL ? (size_t)(last_bar - value) : length;
    const char *tail = last_bar != NULL ? last_bar + 1 : value;
    size_t tail_length = (size_t)(value + length - tail);
    if (strcmp(type, "ip-src|port") == 0 || strcmp(type, "ip-dst|port") == 0)
        return add(misp, ip_type(value, head), value, head, description);
    static const struct {
        const char *name;
        enum ob_ioc_type hash;
    } file_hash[] = {
        {"filename|md5", OB_IOC_MD5},
        {"filename|sha1", OB_IOC_SHA1},
        {"filename|sha256", OB_IOC_SHA256},
    };
    for (size_t i = 0; i < sizeof(file_hash) / sizeof(file_hash[0]); i++) {
        if (strcmp(type, file_hash[i].name) != 0)
            continue;
        if (last_bar == NULL)
            return add(misp, file_hash[i].hash, value, length, description);
        enum ob_status status = add_filename(misp, value, head, description);
        if (status == OB_OK)
            status = add(misp, file_hash[i].hash, tail, tail_length, description);
        return status;
    }
    if (strcmp(type, "domain|ip") == 0) {
        const char *bar = memchr(value, '|', length);
        if (bar == NULL)
            return add(misp, OB_IOC_DOMAIN, value, length, description);
        size_t domain = (size_t)(bar - value);
        enum ob_status status = add(misp, OB_IOC_DOMAIN, value, domain, description);
        if (status == OB_OK)
            status = add(misp, ip_type(bar + 1, length - domain - 1), bar + 1, length - domain - 1,
                         description);
        return status;
    }
    /* Everything else, including "uri" (a path without host), "link" (a
     * reference, not an indicator) and "x509-fingerprint-sha256" (a TLS
     * certificate, not an app's signing certificate). */
    return unsupported(misp, type);
}

static enum ob_status import_attribute(struct misp *misp, const struct ob_jnode *attribute)
{
    /* TRANSLATORS: %s is a place in a MISP file, such as "event 0
     * attribute 3"; the same holds for the messages below. */
    if (!ioc_jnode_is_object(attribute))
        return ioc_batch_malformed(misp->batch, IOC_MISP_EVENT, _("%s is not an object"),
                                   misp->position);
    const char *uuid = ioc_jnode_get_string(attribute, "uuid");
    if (uuid != NULL && uuid[0] != '\0')
        snprintf(misp->position, sizeof(misp->position), _("attribute %.*s"), SHOWN_MAX, uuid);
    const char *type = ioc_jnode_get_string(attribute, "type");
    if (type == NULL)
        return ioc_batch_malformed(misp->batch, IOC_MISP_EVENT, _("%s has no type string"),
                                   misp->position);
    size_t length;
    const char *value = ioc_jnode_string(ioc_jnode_get(attribute, "value"), &length);
    if (value == NULL)
        return ioc_batch_malformed(misp->batch, IOC_MISP_EVENT, _("%s has no value string"),
                                   misp->position);
    bool to_ids, deleted;
    if (!read_flag(ioc_jnode_get(attribute, "to_ids"), true, &to_ids))
        return ioc_batch_malformed(misp->batch, IOC_MISP_EVENT,
                                   _("%s has a to_ids that is not a boolean"), misp->position);
    if (!read_flag(ioc_jnode_get(attribute, "deleted"), false, &deleted))
        return ioc_batch_malformed(misp->batch, IOC_MISP_EVENT,
                                   _("%s has a deleted flag that is not a boolean"),
                                   misp->position);
    /* A "link" is a reference (a report's URL), whatever else it is. */
    if (strcmp(type, "link") == 0 && !deleted) {
        enum ob_status status = ioc_batch_add_reference(misp->batch, NULL, value);
        if (status == OB_OK)
            status = ioc_batch_add_reference(misp->batch, misp->event_info, value);
        if (status != OB_OK)
            return status;
    }
    /* MISP's to_ids false means "context, not for detection". */
    if (!to_ids || deleted) {
        misp->batch->skipped++;
        return OB_OK;
    }
    int64_t timestamp = read_seconds(ioc_jnode_get(attribute, "timestamp"));
    misp->batch->dates = (struct ioc_dates){
        .created = misp->event_date,
        .modified = timestamp != 0 ? timestamp : misp->event_timestamp,
    };
    const char *comment = ioc_jnode_get_string(attribute, "comment");
    const char *description = comment;
    /* oberig's own exports write an empty comment for "no description". */
    if (description == NULL || (description[0] == '\0' && !misp->own_export))
        description = ioc_jnode_get_string(attribute, "category");
    return import_typed(misp, type, value, length, comment, description);
}

/* The member `key` of `node` that must be an array when present. */
static enum ob_status list_member(struct misp *misp, const struct ob_jnode *node, const char *key,
                                  const char *where, const struct ob_jnode **list)
{
    *list = ioc_jnode_get(node, key);
    if (*list != NULL && !ioc_jnode_is_array(*list))
        /* TRANSLATORS: a place such as "event 0", then a member name. */
        return ioc_batch_malformed(misp->batch, IOC_MISP_EVENT, _("%s: \"%s\" is not a list"),
                                   where, key);
    return OB_OK;
}

static bool has_tag(const struct ob_jnode *event, const char *name)
{
    const struct ob_jnode *tags = ioc_jnode_get(event, "Tag");
    for (size_t i = 0; i < ioc_jnode_size(tags); i++) {
        const char *tag = ioc_jnode_get_string(ioc_jnode_at(tags, i), "name");
        if (tag != NULL && strcmp(tag, name) == 0)
            return true;
    }
    return false;
}

/* The event's TLP level from its tags ("tlp:green" gives "green") in
 * `level`, "" when it has none. */
static void event_tlp(const struct ob_jnode *event, char *level, size_t size)
{
    level[0] = '\0';
    const struct ob_jnode *tags = ioc_jnode_get(event, "Tag");
    for (size_t i = 0; level[0] == '\0' && i < ioc_jnode_size(tags); i++) {
        const char *tag = ioc_jnode_get_string(ioc_jnode_at(tags, i), "name");
        size_t length = tag != NULL ? strlen(tag) : 0;
        if (length <= 4 || length - 4 >= size || strncasecmp(tag, "tlp:", 4) != 0)
            continue;
        for (size_t k = 0; k <= length - 4; k++)
            level[k] = (char)tolower((unsigned char)tag[4 + k]);
    }
}

/* What the event says of itself, for its file and its campaign: its date
 * (the publication date), its timestamp, its creator organisation and its
 * TLP tag. */
static enum ob_status read_event_provenance(struct misp *misp, const struct ob_jnode *event)
{
    int64_t date = 0;
    misp->event_date = ioc_parse_time(ioc_jnode_get_string(event, "date"), &date) ? date : 0;
    misp->event_timestamp = read_seconds(ioc_jnode_get(event, "timestamp"));
    const char *publisher = ioc_jnode_get_string(ioc_jnode_get(event, "Orgc"), "name");
    char level[16];
    event_tlp(event, level, sizeof(level));
    enum ob_status status = OB_OK;
    misp->event_info =
        ioc_batch_campaign_info(misp->batch, misp->campaign != NULL ? misp->campaign : "", &status);
    struct ob_ioc_file_info *infos[] = {ioc_batch_file(misp->batch), misp->event_info};
    for (size_t i = 0; status == OB_OK && i < 2; i++) {
        if (infos[i] == NULL)
            continue;
        ioc_batch_published(misp->batch, infos[i], misp->event_date);
        status = ioc_batch_file_text(misp->batch, &infos[i]->publisher, publisher);
        if (status == OB_OK)
            status = ioc_batch_file_text(misp->batch, &infos[i]->tlp, level);
    }
    return status;
}

static enum ob_status import_event(struct misp *misp, const struct ob_jnode *event, size_t index)
{
    char where[64];
    snprintf(where, sizeof(where), _("event %zu"), index);
    if (!ioc_jnode_is_object(event))
        return ioc_batch_malformed(misp->batch, IOC_MISP_EVENT, _("%s is not an object"), where);
    const struct ob_jnode *info = ioc_jnode_get(event, "info");
    if (info != NULL && ioc_jnode_string(info, NULL) == NULL)
        return ioc_batch_malformed(misp->batch, IOC_MISP_EVENT,
                                   _("%s has an info that is not a string"), where);
    misp->campaign = has_tag(event, NO_CAMPAIGN_TAG) ? NULL : ioc_jnode_string(info, NULL);
    misp->own_export = has_tag(event, EXPORT_TAG);
    const struct ob_jnode *attributes, *objects;
    enum ob_status status = read_event_provenance(misp, event);
    if (status == OB_OK)
        status = list_member(misp, event, "Attribute", where, &attributes);
    if (status == OB_OK)
        status = list_member(misp, event, "Object", where, &objects);
    for (size_t i = 0; status == OB_OK && i < ioc_jnode_size(attributes); i++) {
        snprintf(misp->position, sizeof(misp->position), _("event %zu attribute %zu"), index, i);
        status = import_attribute(misp, ioc_jnode_at(attributes, i));
    }
    for (size_t i = 0; status == OB_OK && i < ioc_jnode_size(objects); i++) {
        const struct ob_jnode *object = ioc_jnode_at(objects, i);
        char object_where[96];
        snprintf(object_where, sizeof(object_where), _("event %zu object %zu"), index, i);
        if (!ioc_jnode_is_object(object))
            return ioc_batch_malformed(misp->batch, IOC_MISP_EVENT, _("%s is not an object"),
                                       object_where);
        if ((status = list_member(misp, object, "Attribute", object_where, &attributes)) != OB_OK)
            break;
        for (size_t k = 0; status == OB_OK && k < ioc_jnode_size(attributes); k++) {
            snprintf(misp->position, sizeof(misp->position),
                     _("event %zu object %zu attribute %zu"), index, i, k);
            status = import_attribute(misp, ioc_jnode_at(attributes, k));
        }
    }
    misp->batch->dates = (struct ioc_dates){0};
    misp->event_info = NULL;
    return status;
}

static bool is_bare_event(const struct ob_jnode *node)
{
    return ioc_jnode_get(node, "Attribute") != NULL || ioc_jnode_get(node, "Object") != NULL ||
           ioc_jnode_get(node, "info") != NULL;
}

/* {"Event": {...}} or a bare event. */
static enum ob_status import_wrapped(struct misp *misp, const struct ob_jnode *node, size_t index)
{
    const struct ob_jnode *event = ioc_jnode_get(node, "Event");
    if (event != NULL)
        return import_event(misp, event, index);
    if (ioc_jnode_is_object(node) && is_bare_event(node))
        return import_event(misp, node, index);
    return ioc_batch_malformed(misp->batch, IOC_MISP_EVENT,
                               _("element %zu is neither {\"Event\": ...} nor an event"), index);
}

enum ob_status ioc_import_misp(struct ob_ioc_batch *batch, const char *text, size_t length)
{
    struct misp misp = {.batch = batch};
    struct ob_jdoc *doc = NULL;
    enum ob_status status = ioc_jdoc_parse(batch->ctx, batch->source_file, text, length, &doc);
    if (status != OB_OK)
        goto out;
    const struct ob_jnode *root = ioc_jdoc_root(doc);
    const struct ob_jnode *list = NULL;
    if (ioc_jnode_is_array(root))
        list = root;
    else if (ioc_jnode_get(root, "response") != NULL)
        list = ioc_jnode_get(root, "response");
    if (list != NULL) {
        if (!ioc_jnode_is_array(list)) {
            status = ioc_batch_malformed(misp.batch, IOC_MISP_EVENT,
                                         _("\"response\" is not a list"));
            goto out;
        }
        for (size_t i = 0; i < ioc_jnode_size(list) && status == OB_OK; i++)
            status = import_wrapped(&misp, ioc_jnode_at(list, i), i);
    } else if (ioc_jnode_get(root, "Event") != NULL || is_bare_event(root)) {
        status = import_wrapped(&misp, root, 0);
    } else {
        status = ioc_batch_malformed(misp.batch, IOC_MISP_EVENT,
                                     _("no \"Event\", \"response\" or event list"));
    }
out:
    if (status == OB_ERR_NOMEM)
        status = ob_context_fail(batch->ctx, status, _("%s: out of memory reading MISP"),
                                 batch->source_file);
    ioc_jdoc_free(doc);
    return status;
}
