/* SPDX-License-Identifier: Apache-2.0 */
/* The one place libhivex is called: opening a registry hive and reading
 * keys and string values from it, with caps on keys visited and value size. */
#include <errno.h>
#include <hivex.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "oberig/persistence.h"
#include "triage/hive_adapter.h"
#include "triage/persistence_internal.h"

struct triage_hive {
    hive_h *h;
    size_t keys_visited;
};

struct triage_hive *triage_hive_open(const char *path, const char **reason)
{
    struct triage_hive *hive = calloc(1, sizeof(*hive));
    if (hive == NULL) {
        *reason = ob_strerror(OB_ERR_NOMEM);
        return NULL;
    }
    errno = 0;
    hive->h = hivex_open(path, 0);
    if (hive->h == NULL) {
        *reason = errno == ENOENT ? _("the file does not exist")
                  : errno == ENOTSUP || errno == EINVAL || errno == 0
                      ? _("it is not a registry hive, or it is damaged")
                      : _("it cannot be read, or it is damaged");
        free(hive);
        return NULL;
    }
    return hive;
}

void triage_hive_close(struct triage_hive *hive)
{
    if (hive == NULL)
        return;
    hivex_close(hive->h);
    free(hive);
}

bool triage_hive_exhausted(const struct triage_hive *hive)
{
    return hive->keys_visited >= OB_PERSISTENCE_MAX_HIVE_KEYS;
}

/* Counts one key visited; false once the budget is spent. */
static bool visit(struct triage_hive *hive)
{
    if (triage_hive_exhausted(hive))
        return false;
    hive->keys_visited++;
    return true;
}

triage_hive_node triage_hive_root(struct triage_hive *hive)
{
    return visit(hive) ? hivex_root(hive->h) : 0;
}

triage_hive_node triage_hive_path(struct triage_hive *hive, triage_hive_node node, const char *path)
{
    char name[256];
    const char *p = path;
    while (node != 0 && *p != '\0') {
        size_t length = strcspn(p, "\\");
        if (length >= sizeof(name))
            return 0;
        memcpy(name, p, length);
        name[length] = '\0';
        p += length + (p[length] == '\\' ? 1 : 0);
        if (!visit(hive))
            return 0;
        /* hivex compares names without regard to case. */
        node = hivex_node_get_child(hive->h, node, name);
    }
    return node;
}

size_t triage_hive_children(struct triage_hive *hive, triage_hive_node node, triage_hive_node *out,
                            size_t max)
{
    hive_node_h *children = hivex_node_children(hive->h, node);
    if (children == NULL)
        return 0;
    size_t count = 0;
    for (size_t i = 0; children[i] != 0 && count < max && visit(hive); i++)
        out[count++] = children[i];
    free(children);
    return count;
}

bool triage_hive_name(struct triage_hive *hive, triage_hive_node node, char *out, size_t size)
{
    char *name = hivex_node_name(hive->h, node);
    if (name == NULL)
        return false;
    triage_copy(out, size, name);
    free(name);
    return true;
}

enum triage_hive_read triage_hive_string(struct triage_hive *hive, triage_hive_node node,
                                         const char *name, char *out, size_t size)
{
    out[0] = '\0';
    errno = 0;
    hive_value_h value = hivex_node_get_value(hive->h, node, name);
    if (value == 0)
        return errno == 0 ? TRIAGE_HIVE_MISSING : TRIAGE_HIVE_BAD;
    hive_type type;
    size_t length;
    if (hivex_value_type(hive->h, value, &type, &length) != 0 || length > OB_PERSISTENCE_MAX_VALUE)
        return TRIAGE_HIVE_BAD;
    if (type == hive_t_REG_SZ || type == hive_t_REG_EXPAND_SZ) {
        char *text = hivex_value_string(hive->h, value);
        if (text == NULL)
            return TRIAGE_HIVE_BAD;
        triage_copy(out, size, text);
        free(text);
        return TRIAGE_HIVE_FOUND;
    }
    if (type == hive_t_REG_MULTI_SZ) {
        char **texts = hivex_value_multiple_strings(hive->h, value);
        if (texts == NULL)
            return TRIAGE_HIVE_BAD;
        size_t used = 0;
        for (size_t i = 0; texts[i] != NULL; i++) {
            if (used > 0 && used + 1 < size)
                out[used++] = ' ';
            triage_copy(out + used, size - used, texts[i]);
            used = strlen(out);
            free(texts[i]);
        }
        free(texts);
        return TRIAGE_HIVE_FOUND;
    }
    return TRIAGE_HIVE_BAD;
}

bool triage_hive_dword(struct triage_hive *hive, triage_hive_node node, const char *name,
                       uint32_t *out)
{
    hive_value_h value = hivex_node_get_value(hive->h, node, name);
    hive_type type;
    size_t length;
    if (value == 0 || hivex_value_type(hive->h, value, &type, &length) != 0 ||
        (type != hive_t_REG_DWORD && type != hive_t_REG_DWORD_BIG_ENDIAN) || length != 4)
        return false;
    errno = 0;
    int32_t number = hivex_value_dword(hive->h, value);
    if (number == -1 && errno != 0)
        return false;
    *out = (uint32_t)number;
    return true;
}

/* Seconds from 1601-01-01 (FILETIME's epoch) to 1970-01-01. */
#define FILETIME_UNIX_OFFSET INT64_C(11644473600)
#define TIME_SANE_MIN INT64_C(315532800)  /* 1980-01-01 */
#define TIME_SANE_MAX INT64_C(7258118400) /* 2200-01-01 */

int64_t triage_hive_time(struct triage_hive *hive, triage_hive_node node)
{
    errno = 0;
    int64_t filetime = hivex_node_timestamp(hive->h, node);
    if (filetime < 0 || errno != 0)
        return 0;
    int64_t seconds = filetime / 10000000 - FILETIME_UNIX_OFFSET;
    return seconds >= TIME_SANE_MIN && seconds < TIME_SANE_MAX ? seconds : 0;
}

size_t triage_hive_value_names(struct triage_hive *hive, triage_hive_node node, char *names,
                               size_t max)
{
    hive_value_h *values = hivex_node_values(hive->h, node);
    if (values == NULL)
        return 0;
    size_t count = 0;
    for (size_t i = 0; values[i] != 0 && count < max; i++) {
        char *key = hivex_value_key(hive->h, values[i]);
        if (key == NULL)
            continue;
        triage_copy(names + count * 256, 256, key);
        free(key);
        count++;
    }
    free(values);
    return count;
}
