/* SPDX-License-Identifier: Apache-2.0 */
/* libyaml behind ioc_yaml_read_indicator_index: loads the document and picks
 * each entry's name and github.path (or a plain `path`). */
#include "ioc/yaml_adapter.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/i18n.h"

#define ENTRIES_MAX 100000

static const char *scalar(yaml_document_t *doc, yaml_node_t *node)
{
    return node != NULL && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value
                                                          : NULL;
}

/* The value node of `key` in a mapping, or NULL. */
static yaml_node_t *lookup(yaml_document_t *doc, yaml_node_t *mapping, const char *key)
{
    if (mapping == NULL || mapping->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *pair = mapping->data.mapping.pairs.start;
         pair < mapping->data.mapping.pairs.top; pair++) {
        const char *name = scalar(doc, yaml_document_get_node(doc, pair->key));
        if (name != NULL && strcmp(name, key) == 0)
            return yaml_document_get_node(doc, pair->value);
    }
    return NULL;
}

/* The scalars of a sequence joined by `separator` (at most 64 KiB kept),
 * NULL when there are none; *failed on a memory error. */
static char *join_scalars(yaml_document_t *doc, yaml_node_t *list, const char *separator,
                          bool *failed)
{
    if (list == NULL || list->type != YAML_SEQUENCE_NODE)
        return NULL;
    char *joined = NULL;
    size_t length = 0, separator_length = strlen(separator);
    for (yaml_node_item_t *item = list->data.sequence.items.start;
         item < list->data.sequence.items.top; item++) {
        const char *text = scalar(doc, yaml_document_get_node(doc, *item));
        if (text == NULL || text[0] == '\0')
            continue;
        size_t add = strlen(text) + (joined != NULL ? separator_length : 0);
        if (length + add > 65536)
            break;
        char *grown = realloc(joined, length + add + 1);
        if (grown == NULL) {
            *failed = true;
            break;
        }
        if (joined != NULL)
            memcpy(grown + length, separator, separator_length);
        memcpy(grown + length + (joined != NULL ? separator_length : 0), text, strlen(text) + 1);
        joined = grown;
        length += add;
    }
    return joined;
}

void ioc_yaml_entries_free(struct ob_yaml_entry *entries, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(entries[i].name);
        free(entries[i].path);
        free(entries[i].sources);
        free(entries[i].references);
    }
    free(entries);
}

enum ob_status ioc_yaml_read_indicator_index(struct ob_context *ctx, const char *name,
                                             const char *text, size_t length,
                                             struct ob_yaml_entry **entries, size_t *count)
{
    *entries = NULL;
    *count = 0;
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser))
        return OB_ERR_NOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, length);
    enum ob_status status = OB_OK;
    bool loaded = yaml_parser_load(&parser, &doc) != 0;
    if (!loaded) {
        status = parser.error == YAML_MEMORY_ERROR
                     ? OB_ERR_NOMEM
                     : ob_context_fail(ctx, OB_ERR_PARSE, "%s:%zu:%zu: %s", name,
                                       parser.problem_mark.line + 1, parser.problem_mark.column + 1,
                                       parser.problem != NULL ? parser.problem : _("bad YAML"));
        goto out;
    }
    yaml_node_t *list = lookup(&doc, yaml_document_get_root_node(&doc), "indicators");
    if (list == NULL || list->type != YAML_SEQUENCE_NODE) {
        status = ob_context_fail(ctx, OB_ERR_PARSE, _("%s: no 'indicators:' list"), name);
        goto out;
    }
    size_t total = (size_t)(list->data.sequence.items.top - list->data.sequence.items.start);
    if (total > ENTRIES_MAX) {
        status =
            ob_context_fail(ctx, OB_ERR_LIMIT,
                            P_("%s: more than %d entry", "%s: more than %d entries", ENTRIES_MAX),
                            name, ENTRIES_MAX);
        goto out;
    }
    *entries = calloc(total + 1, sizeof(**entries));
    if (*entries == NULL) {
        status = OB_ERR_NOMEM;
        goto out;
    }
    for (yaml_node_item_t *item = list->data.sequence.items.start;
         item < list->data.sequence.items.top; item++) {
        yaml_node_t *entry = yaml_document_get_node(&doc, *item);
        const char *title = scalar(&doc, lookup(&doc, entry, "name"));
        if (title == NULL) {
            status = ob_context_fail(ctx, OB_ERR_PARSE, _("%s:%zu: entry %zu has no name"), name,
                                     entry != NULL ? entry->start_mark.line + 1 : 0, *count + 1);
            goto out;
        }
        const char *path = scalar(&doc, lookup(&doc, lookup(&doc, entry, "github"), "path"));
        if (path == NULL)
            path = scalar(&doc, lookup(&doc, entry, "path"));
        struct ob_yaml_entry *out = &(*entries)[*count];
        bool failed = false;
        out->name = strdup(title);
        out->path = path != NULL ? strdup(path) : NULL;
        out->sources = join_scalars(&doc, lookup(&doc, entry, "sources"), ", ", &failed);
        out->references = join_scalars(&doc, lookup(&doc, entry, "references"), "\n", &failed);
        if (out->name == NULL || (path != NULL && out->path == NULL) || failed) {
            free(out->name);
            free(out->path);
            free(out->sources);
            free(out->references);
            status = OB_ERR_NOMEM;
            goto out;
        }
        (*count)++;
    }
out:
    if (loaded)
        yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    if (status != OB_OK) {
        ioc_yaml_entries_free(*entries, *count);
        *entries = NULL;
        *count = 0;
    }
    return status;
}
