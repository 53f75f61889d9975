/* SPDX-License-Identifier: Apache-2.0 */
/* jansson behind the small read-only JSON interface of json_adapter.h. */
#include "ioc/json_adapter.h"

#include <jansson.h>
#include <stdlib.h>

#include "core/i18n.h"

struct ob_jdoc {
    json_t *root;
};

/* A node is a jansson value; the casts stay in this file. */
static const json_t *as_json(const struct ob_jnode *node)
{
    return (const json_t *)node;
}

static const struct ob_jnode *as_node(const json_t *value)
{
    return (const struct ob_jnode *)value;
}

enum ob_status ioc_jdoc_parse(struct ob_context *ctx, const char *name, const char *text,
                              size_t length, struct ob_jdoc **out)
{
    *out = NULL;
    struct ob_jdoc *doc = calloc(1, sizeof(*doc));
    if (doc == NULL)
        return ob_context_fail(ctx, OB_ERR_NOMEM, _("out of memory parsing '%s'"), name);
    json_error_t error;
    /* Objects keep their insertion order in jansson 2.14, and duplicate
     * keys keep the last value, as most JSON readers do. */
    doc->root = json_loadb(text, length, JSON_DECODE_ANY | JSON_ALLOW_NUL, &error);
    if (doc->root == NULL) {
        free(doc);
        if (json_error_code(&error) == json_error_out_of_memory)
            return ob_context_fail(ctx, OB_ERR_NOMEM, _("out of memory parsing '%s'"), name);
        return ob_context_fail(ctx, OB_ERR_PARSE, "%s:%d:%d: %s", name, error.line, error.column,
                               error.text);
    }
    *out = doc;
    return OB_OK;
}

void ioc_jdoc_free(struct ob_jdoc *doc)
{
    if (doc == NULL)
        return;
    json_decref(doc->root);
    free(doc);
}

const struct ob_jnode *ioc_jdoc_root(const struct ob_jdoc *doc)
{
    return as_node(doc->root);
}

bool ioc_jnode_is_object(const struct ob_jnode *node)
{
    return node != NULL && json_is_object(as_json(node));
}

bool ioc_jnode_is_array(const struct ob_jnode *node)
{
    return node != NULL && json_is_array(as_json(node));
}

const struct ob_jnode *ioc_jnode_get(const struct ob_jnode *node, const char *key)
{
    if (!ioc_jnode_is_object(node))
        return NULL;
    return as_node(json_object_get(as_json(node), key));
}

size_t ioc_jnode_size(const struct ob_jnode *node)
{
    return ioc_jnode_is_array(node) ? json_array_size(as_json(node)) : 0;
}

const struct ob_jnode *ioc_jnode_at(const struct ob_jnode *node, size_t index)
{
    if (!ioc_jnode_is_array(node))
        return NULL;
    return as_node(json_array_get(as_json(node), index));
}

const char *ioc_jnode_string(const struct ob_jnode *node, size_t *length)
{
    if (node == NULL || !json_is_string(as_json(node)))
        return NULL;
    if (length != NULL)
        *length = json_string_length(as_json(node));
    return json_string_value(as_json(node));
}

const char *ioc_jnode_get_string(const struct ob_jnode *node, const char *key)
{
    return ioc_jnode_string(ioc_jnode_get(node, key), NULL);
}

bool ioc_jnode_bool(const struct ob_jnode *node, bool *is_bool)
{
    bool boolean = node != NULL && json_is_boolean(as_json(node));
    if (is_bool != NULL)
        *is_bool = boolean;
    return boolean && json_is_true(as_json(node));
}

bool ioc_jnode_integer(const struct ob_jnode *node, int64_t *value)
{
    if (node == NULL || !json_is_integer(as_json(node)))
        return false;
    *value = (int64_t)json_integer_value(as_json(node));
    return true;
}

bool ioc_jiter_next(struct ob_jiter *iter, const char **key, const struct ob_jnode **value)
{
    if (!ioc_jnode_is_object(iter->object))
        return false;
    json_t *object = (json_t *)as_json(iter->object);
    iter->at = iter->started ? json_object_iter_next(object, iter->at) : json_object_iter(object);
    iter->started = true;
    if (iter->at == NULL)
        return false;
    *key = json_object_iter_key(iter->at);
    *value = as_node(json_object_iter_value(iter->at));
    return true;
}
