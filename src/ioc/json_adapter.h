/* SPDX-License-Identifier: Apache-2.0 */
/* Read-only JSON documents for the importers; the one place that uses
 * jansson, so the importers see only these functions. */
#ifndef OB_IOC_JSON_ADAPTER_H
#define OB_IOC_JSON_ADAPTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oberig/core.h"

/* A parsed document; nodes point into it and live as long as it does. */
struct ob_jdoc;
struct ob_jnode; /* opaque: a value inside a document */

/* Parses `length` bytes of JSON. `name` (the file path) prefixes the error
 * recorded in ctx: "name:LINE:COLUMN: what". Nesting deeper than 2,048
 * levels is an error, not a crash. Errors: OB_ERR_PARSE, OB_ERR_NOMEM.
 * The caller frees *out with ioc_jdoc_free. */
enum ob_status ioc_jdoc_parse(struct ob_context *ctx, const char *name, const char *text,
                              size_t length, struct ob_jdoc **out) OB_WARN_UNUSED;
void ioc_jdoc_free(struct ob_jdoc *doc);
const struct ob_jnode *ioc_jdoc_root(const struct ob_jdoc *doc);

bool ioc_jnode_is_object(const struct ob_jnode *node); /* false for NULL */
bool ioc_jnode_is_array(const struct ob_jnode *node);

/* Member `key` of an object; NULL when node is NULL, not an object, or has
 * no such member. */
const struct ob_jnode *ioc_jnode_get(const struct ob_jnode *node, const char *key);
/* Elements of an array: size 0 and NULL for anything else. */
size_t ioc_jnode_size(const struct ob_jnode *node);
const struct ob_jnode *ioc_jnode_at(const struct ob_jnode *node, size_t index);

/* The string's bytes (NUL-terminated; *length without the NUL, may hold
 * NULs), or NULL when node is not a string. length may be NULL. */
const char *ioc_jnode_string(const struct ob_jnode *node, size_t *length);
/* A member that must be a string: NULL when absent or of another type. */
const char *ioc_jnode_get_string(const struct ob_jnode *node, const char *key);
/* true/false; false for anything else. *is_bool (may be NULL) says which. */
bool ioc_jnode_bool(const struct ob_jnode *node, bool *is_bool);
/* An integer value; false when node is not an integer. */
bool ioc_jnode_integer(const struct ob_jnode *node, int64_t *value);

/* Walks an object's members in document order:
 *   struct ob_jiter it = {.object = node};
 *   while (ioc_jiter_next(&it, &key, &value)) ...
 * Returns false at the end, or at once when node is not an object. */
struct ob_jiter {
    const struct ob_jnode *object;
    void *at; /* private */
    bool started;
};
bool ioc_jiter_next(struct ob_jiter *iter, const char **key, const struct ob_jnode **value);

#endif
