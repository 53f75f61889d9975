/* SPDX-License-Identifier: Apache-2.0 */
/* Indicators added from the indicator store: hashes, exact file names, full
 * paths and folders. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/i18n.h"
#include "core/text.h"
#include "indicators/ioc_internal.h"

#define PATH_FOLD_MAX 4096 /* longer scanned paths are matched on their tail */

enum ob_status indicators_copy_ref(struct ob_indicators *set, const struct ob_indicator_ref *ref,
                                   struct ob_indicator_ref *out)
{
    memset(out, 0, sizeof(*out));
    out->score = ref->score;
    const char *const from[] = {ref->name, ref->source, ref->description, ref->campaign,
                                ref->exclude};
    const char **to[] = {&out->name, &out->source, &out->description, &out->campaign,
                         &out->exclude};
    _Static_assert(sizeof(from) / sizeof(from[0]) == sizeof(to) / sizeof(to[0]) &&
                       sizeof(from) / sizeof(from[0]) == 5,
                   "each field copied to its own; the last two from index 3 may stay NULL");
    for (size_t i = 0; i < sizeof(from) / sizeof(from[0]); i++) {
        if (from[i] == NULL) {
            *to[i] = i >= 3 ? NULL : ""; /* campaign and exclude stay NULL */
            continue;
        }
        enum ob_status status = indicators_strdup(set, from[i], strlen(from[i]), to[i]);
        if (status != OB_OK)
            return status;
    }
    return OB_OK;
}

enum ob_status ob_indicators_add_hash(struct ob_indicators *set, struct ob_context *ctx,
                                      const char *hex, const struct ob_indicator_ref *ref)
{
    if (set->finalized)
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("indicator set already finalized"));
    size_t digits = strlen(hex);
    enum ob_hash_kind kind;
    if (digits == 32)
        kind = OB_HASH_MD5;
    else if (digits == 40)
        kind = OB_HASH_SHA1;
    else if (digits == 64)
        kind = OB_HASH_SHA256;
    else
        return ob_context_fail(
            ctx, OB_ERR_PARSE,
            P_("hash '%.80s' has %zu digit", "hash '%.80s' has %zu digits", digits), hex, digits);
    unsigned char digest[OB_IOC_DIGEST_MAX];
    if (!core_hex_decode(hex, digits, digest))
        return ob_context_fail(ctx, OB_ERR_PARSE, _("hash '%.80s' is not hexadecimal"), hex);
    struct ob_indicator_ref copy;
    enum ob_status status = indicators_copy_ref(set, ref, &copy);
    if (status == OB_OK)
        status = indicators_add_hash_entry(set, kind, digest, &copy);
    return status;
}

/* Folds for comparison: ASCII lower case, '\\' as '/'. */
static void fold(char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '\\')
            text[i] = '/';
        else
            text[i] = (char)tolower((unsigned char)text[i]);
    }
}

static enum ob_status add_exact(struct ob_indicators *set, struct ob_context *ctx,
                                struct ob_exact_list *list, const char *key, size_t length,
                                const struct ob_indicator_ref *ref)
{
    if (set->finalized)
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("indicator set already finalized"));
    if (length == 0)
        return ob_context_fail(ctx, OB_ERR_PARSE, _("empty file name or path"));
    enum ob_status status = indicators_grow((void **)&list->entries, &list->capacity, list->count,
                                            sizeof(*list->entries));
    if (status != OB_OK)
        return status;
    struct ob_exact_entry *entry = &list->entries[list->count];
    status = indicators_strdup(set, key, length, &entry->key);
    if (status != OB_OK)
        return status;
    fold((char *)entry->key, length);
    status = indicators_copy_ref(set, ref, &entry->ref);
    if (status == OB_OK)
        list->count++;
    return status;
}

enum ob_status ob_indicators_add_file_name(struct ob_indicators *set, struct ob_context *ctx,
                                           const char *name, const struct ob_indicator_ref *ref)
{
    if (strchr(name, '/') != NULL || strchr(name, '\\') != NULL)
        return ob_indicators_add_file_path(set, ctx, name, ref);
    return add_exact(set, ctx, &set->file_names, name, strlen(name), ref);
}

enum ob_status ob_indicators_add_file_path(struct ob_indicators *set, struct ob_context *ctx,
                                           const char *path, const struct ob_indicator_ref *ref)
{
    /* "C:\\Users\\x" is looked for as "/users/x" below any mount point. */
    if (isalpha((unsigned char)path[0]) && path[1] == ':')
        path += 2;
    size_t length = strlen(path);
    if (length == 0 || length > PATH_FOLD_MAX - 2)
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               P_("file path of %zu byte not usable",
                                  "file path of %zu bytes not usable", length),
                               length);
    char key[PATH_FOLD_MAX];
    size_t used = 0;
    if (path[0] != '/' && path[0] != '\\')
        key[used++] = '/';
    memcpy(key + used, path, length);
    used += length;
    fold(key, used);
    bool folder = key[used - 1] == '/';
    if (folder && used == 1)
        return ob_context_fail(ctx, OB_ERR_PARSE, _("file path '/' would match everything"));
    return add_exact(set, ctx, folder ? &set->folders : &set->file_paths, key, used, ref);
}

static int compare_entries(const void *a, const void *b)
{
    const struct ob_exact_entry *left = a, *right = b;
    return strcmp(left->key, right->key);
}

void indicators_exact_finalize(struct ob_indicators *set)
{
    struct ob_exact_list *lists[] = {&set->file_names, &set->file_paths};
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
        if (lists[i]->count > 1)
            qsort(lists[i]->entries, lists[i]->count, sizeof(*lists[i]->entries), compare_entries);
}

static int compare_key(const void *key, const void *entry)
{
    return strcmp(key, ((const struct ob_exact_entry *)entry)->key);
}

/* Reports every entry of a sorted list whose key equals `key`. */
static void report_equal(const struct ob_exact_list *list, const char *key, ob_indicator_hit_fn hit,
                         void *user)
{
    size_t low = core_array_lower_bound(list->entries, list->count, sizeof(*list->entries), key,
                                        compare_key);
    for (; low < list->count && strcmp(list->entries[low].key, key) == 0; low++)
        hit(user, &list->entries[low].ref);
}

enum ob_status indicators_exact_match(const struct ob_indicators *set, const char *path,
                                      size_t length, ob_indicator_hit_fn hit, void *user)
{
    if (set->file_names.count + set->file_paths.count + set->folders.count == 0)
        return OB_OK;
    char folded[PATH_FOLD_MAX];
    if (length >= sizeof(folded)) {
        path += length - (sizeof(folded) - 1);
        length = sizeof(folded) - 1;
    }
    memcpy(folded, path, length);
    folded[length] = '\0';
    if (memchr(folded, '\0', length) != NULL)
        return OB_OK; /* names never hold NUL bytes; nothing to compare */
    fold(folded, length);
    const char *base = strrchr(folded, '/');
    base = base != NULL ? base + 1 : folded;
    if (set->file_names.count > 0)
        report_equal(&set->file_names, base, hit, user);
    if (set->file_paths.count > 0) {
        /* Every tail that starts at a separator: the path as seen from any
         * mount point. */
        for (const char *tail = strchr(folded, '/'); tail != NULL; tail = strchr(tail + 1, '/'))
            report_equal(&set->file_paths, tail, hit, user);
    }
    for (size_t i = 0; i < set->folders.count; i++)
        if (strstr(folded, set->folders.entries[i].key) != NULL)
            hit(user, &set->folders.entries[i].ref);
    return OB_OK;
}
