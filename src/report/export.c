/* SPDX-License-Identifier: Apache-2.0 */
/* The report's indicators for sharing (hashes and names of malicious
 * files, persistence targets, senders, domains and URLs of suspicious
 * mail), without the person's data, and their export as MISP or STIX. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/array.h"
#include "core/i18n.h"
#include "ioc/json_adapter.h"
#include "report/report_internal.h"

#define EXPORT_INPUT_MAX ((size_t)256 << 20)

struct collector {
    const struct ob_report *report;
    const struct report_redactor *redactor;
    struct ob_arena *arena;
    struct report_indicator *items;
    size_t count, capacity;
    struct ob_buffer scratch;
    struct report_links links;
};

static enum ob_status add(struct collector *c, enum ob_ioc_type type, const char *value,
                          const char *campaign, const char *description, size_t finding)
{
    if (value == NULL || value[0] == '\0')
        return OB_OK;
    char normal[OB_IOC_VALUE_MAX + 1];
    if (ob_ioc_normalize(NULL, type, value, strlen(value), normal, sizeof(normal), NULL, 0) !=
        OB_OK)
        return OB_OK; /* not a valid value of its type: not shared */
    /* duplicates are removed once at the end (dedupe) */
    if (c->count >= REPORT_INDICATORS_MAX)
        return OB_OK;
    enum ob_status status = core_array_grow((void **)&c->items, &c->capacity, c->count + 1,
                                            sizeof(*c->items), 32, REPORT_INDICATORS_MAX);
    struct report_indicator item = {.type = type, .finding = finding};
    if (status == OB_OK)
        status = core_arena_strdup(c->arena, normal, strlen(normal), &item.value);
    if (status == OB_OK)
        status = core_arena_strdup(c->arena, campaign, strlen(campaign), &item.campaign);
    if (status == OB_OK)
        status = core_arena_strdup(c->arena, description, strlen(description), &item.description);
    if (status == OB_OK)
        c->items[c->count++] = item;
    return status;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/'), *backslash = strrchr(path, '\\');
    if (backslash != NULL && (slash == NULL || backslash > slash))
        slash = backslash;
    return slash != NULL ? slash + 1 : path;
}

static enum ob_status add_file(struct collector *c, const struct report_finding *f, size_t index)
{
    const char *campaign = "", *description = "";
    for (size_t i = 0; i < f->reason_count; i++) {
        if (campaign[0] == '\0')
            campaign = f->reasons[i].campaign;
        /* a rule's name says more than a hash's */
        if (f->reasons[i].name[0] != '\0' &&
            (description[0] == '\0' || strcmp(f->reasons[i].signal, "yara") == 0))
            description = f->reasons[i].name;
    }
    enum ob_status status = add(c, OB_IOC_SHA256, f->sha256, campaign, description, index);
    if (status == OB_OK)
        status = add(c, OB_IOC_SHA1, f->sha1, campaign, description, index);
    if (status == OB_OK)
        status = add(c, OB_IOC_MD5, f->md5, campaign, description, index);
    const char *name = base_name(f->member[0] != '\0' ? f->member : f->path);
    if (status == OB_OK && !report_redactor_is_personal(c->redactor, name))
        status = add(c, OB_IOC_FILE_NAME, name, campaign, description, index);
    /* a persistence target is shared as a path only when it names no one */
    if (status == OB_OK && report_finding_persistence(c->report, &c->links, f)[0] != '\0' &&
        f->member[0] == '\0' && !report_redactor_is_personal(c->redactor, f->path))
        status = add(c, OB_IOC_FILE_PATH, f->path, campaign, description, index);
    return status;
}

/* A persistence entry's program, under the same rule as a file's. */
static enum ob_status add_entry(struct collector *c, const struct report_finding *f, size_t index)
{
    const char *program = f->entry > 0 ? c->report->entries[f->entry - 1].program : "";
    if (program[0] == '\0' || report_redactor_is_personal(c->redactor, program))
        return OB_OK;
    return add(c, OB_IOC_FILE_PATH, program, "", f->reason_count > 0 ? f->reasons[0].signal : "",
               index);
}

static enum ob_status add_mail(struct collector *c, const struct report_finding *f, size_t index)
{
    enum ob_status status = OB_OK;
    const char *description = f->reason_count > 0 ? f->reasons[0].signal : "";
    for (size_t i = 0; i < f->item_count && status == OB_OK; i++) {
        const struct report_item *item = &f->items[i];
        const char *kind = item->kind;
        if (strcmp(kind, "from") == 0 || strcmp(kind, "reply-to") == 0 ||
            strcmp(kind, "return-path") == 0 || strcmp(kind, "forwarded-from") == 0 ||
            strcmp(kind, "contact-address") == 0)
            status = add(c, OB_IOC_EMAIL, item->value, "", description, index);
        else if (strcmp(kind, "domain") == 0)
            status = add(c, OB_IOC_DOMAIN, item->value, "", description, index);
        else if (strcmp(kind, "url") == 0)
            /* a link may carry the person's own address: replaced, never shared */
            status = add(c, OB_IOC_URL, report_redact_always(c->redactor, &c->scratch, item->value),
                         "", description, index);
        else if (strcmp(kind, "ip") == 0)
            status = add(c, strchr(item->value, ':') != NULL ? OB_IOC_IPV6 : OB_IOC_IPV4,
                         item->value, "", description, index);
        else if (strcmp(kind, "attachment") == 0) {
            if (!report_redactor_is_personal(c->redactor, item->value))
                status = add(c, OB_IOC_FILE_NAME, item->value, "", description, index);
            if (status == OB_OK)
                status = add(c, OB_IOC_SHA256, item->sha256, "", description, index);
            if (status == OB_OK)
                status = add(c, OB_IOC_MD5, item->md5, "", description, index);
        }
    }
    return status;
}

static int compare_value(const void *a, const void *b)
{
    const struct report_indicator *left = a, *right = b;
    int order = (left->type > right->type) - (left->type < right->type);
    if (order == 0)
        order = strcmp(left->value, right->value);
    if (order == 0)
        order = (left->finding > right->finding) - (left->finding < right->finding);
    return order;
}

static int compare_finding(const void *a, const void *b)
{
    const struct report_indicator *left = a, *right = b;
    int order = (left->finding > right->finding) - (left->finding < right->finding);
    return order != 0 ? order : (left->type < right->type) - (left->type > right->type);
}

/* Keeps the first finding's copy of each (type, value), in finding order. */
static void dedupe(struct collector *c)
{
    if (c->count == 0)
        return;
    qsort(c->items, c->count, sizeof(*c->items), compare_value);
    size_t kept = 1;
    for (size_t i = 1; i < c->count; i++)
        if (c->items[i].type != c->items[kept - 1].type ||
            strcmp(c->items[i].value, c->items[kept - 1].value) != 0)
            c->items[kept++] = c->items[i];
    c->count = kept;
    qsort(c->items, c->count, sizeof(*c->items), compare_finding);
}

enum ob_status report_indicators(const struct ob_report *report,
                                 const struct report_redactor *redactor, struct ob_arena *arena,
                                 struct report_indicator **out, size_t *count)
{
    struct collector c = {.report = report, .redactor = redactor, .arena = arena};
    core_buffer_init(&c.scratch, OB_REPORT_TEXT_MAX * 4);
    enum ob_status status = report_links_new(report, &c.links);
    for (size_t i = 0; i < report->finding_count && status == OB_OK; i++) {
        const struct report_finding *f = &report->findings[i];
        if (f->level < OB_LEVEL_WARNING)
            continue;
        if (f->kind == REPORT_KIND_FILE)
            status = add_file(&c, f, i);
        else if (f->kind == REPORT_KIND_MAIL)
            status = add_mail(&c, f, i);
        else if (f->kind == REPORT_KIND_PERSISTENCE)
            status = add_entry(&c, f, i);
    }
    report_links_release(&c.links);
    core_buffer_release(&c.scratch);
    if (status == OB_OK)
        dedupe(&c);
    if (status != OB_OK) {
        free(c.items);
        return status;
    }
    *out = c.items;
    *count = c.count;
    return OB_OK;
}

/* ---- ob_report_export ----------------------------------------------------------- */

static int64_t report_time(const struct ob_jnode *root)
{
    const char *created = ioc_jnode_get_string(root, "created");
    struct tm tm = {0};
    if (created != NULL && strptime(created, "%Y-%m-%dT%H:%M:%S", &tm) != NULL) {
        time_t seconds = timegm(&tm);
        if (seconds != (time_t)-1)
            return (int64_t)seconds;
    }
    return 0;
}

enum ob_status ob_report_export(struct ob_context *ctx, const char *text, size_t length,
                                enum ob_ioc_export_format format, const char *tlp, FILE *out)
{
    if (length > EXPORT_INPUT_MAX)
        return ob_context_fail(ctx, OB_ERR_LIMIT, _("the report is larger than 256 MiB"));
    struct ob_jdoc *doc = NULL;
    enum ob_status status = ioc_jdoc_parse(ctx, "report.json", text, length, &doc);
    if (status != OB_OK)
        return status;
    const struct ob_jnode *root = ioc_jdoc_root(doc);
    int64_t schema = 0;
    struct ob_ioc_entry *entries = NULL;
    if (!ioc_jnode_integer(ioc_jnode_get(root, "schema"), &schema) || schema < 1 ||
        schema > OB_REPORT_SCHEMA) {
        status = ob_context_fail(ctx, OB_ERR_PARSE,
                                 _("not an oberig report.json of a known schema"));
        goto out;
    }
    const struct ob_jnode *list = ioc_jnode_get(root, "indicators");
    size_t count = ioc_jnode_size(list), kept = 0;
    int64_t created = report_time(root);
    entries = calloc(count > 0 ? count : 1, sizeof(*entries));
    if (entries == NULL) {
        status = OB_ERR_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < count; i++) {
        const struct ob_jnode *node = ioc_jnode_at(list, i);
        const char *type = ioc_jnode_get_string(node, "type");
        const char *value = ioc_jnode_get_string(node, "value");
        struct ob_ioc_entry *entry = &entries[kept];
        if (type == NULL || value == NULL || !ob_ioc_type_parse(type, &entry->type))
            continue;
        const char *campaign = ioc_jnode_get_string(node, "campaign");
        const char *description = ioc_jnode_get_string(node, "description");
        entry->value = value;
        entry->value_unicode = "";
        entry->campaign = campaign != NULL ? campaign : "";
        entry->description = description != NULL ? description : "";
        entry->source = "oberig report";
        entry->source_file = "";
        entry->exclude = "";
        entry->first_import = entry->last_import = created;
        kept++;
    }
    status = ob_ioc_export_entries(ctx, entries, kept, format, tlp, out);
out:
    free(entries);
    ioc_jdoc_free(doc);
    return status;
}
