/* SPDX-License-Identifier: Apache-2.0 */
/* The one place libhivex is called: opening a registry hive and reading
 * keys and string values from it, with caps on keys visited and value size. */
#ifndef OB_TRIAGE_HIVE_ADAPTER_H
#define OB_TRIAGE_HIVE_ADAPTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct triage_hive;
typedef size_t triage_hive_node; /* 0: none */

/* Opens the hive file at `path` read-only. NULL on failure, with *reason
 * a static lowercase explanation. Close with triage_hive_close. */
struct triage_hive *triage_hive_open(const char *path, const char **reason);
void triage_hive_close(struct triage_hive *hive);

/* Whether the hive's budget of keys (OB_PERSISTENCE_MAX_HIVE_KEYS) ran out;
 * every lookup then finds nothing. */
bool triage_hive_exhausted(const struct triage_hive *hive);

triage_hive_node triage_hive_root(struct triage_hive *hive);

/* The key at `path` below `node`, its names separated by '\\' and matched
 * without regard to case, or 0. */
triage_hive_node triage_hive_path(struct triage_hive *hive, triage_hive_node node,
                                  const char *path);

/* The subkeys of `node`, at most `max`, into `out`; returns their count. */
size_t triage_hive_children(struct triage_hive *hive, triage_hive_node node, triage_hive_node *out,
                            size_t max);

/* The name of `node` as UTF-8 into `out`; false when unreadable. */
bool triage_hive_name(struct triage_hive *hive, triage_hive_node node, char *out, size_t size);

enum triage_hive_read {
    TRIAGE_HIVE_MISSING, /* no such value */
    TRIAGE_HIVE_FOUND,   /* read into out */
    TRIAGE_HIVE_BAD,     /* there, but too large, not text, or not valid UTF-16 */
};

/* Value `name` of `node` ("" for the default value) as UTF-8 text into
 * `out`: REG_SZ, REG_EXPAND_SZ, or REG_MULTI_SZ joined with spaces. */
enum triage_hive_read triage_hive_string(struct triage_hive *hive, triage_hive_node node,
                                         const char *name, char *out, size_t size);

/* Value `name` of `node` as a REG_DWORD into *out. */
bool triage_hive_dword(struct triage_hive *hive, triage_hive_node node, const char *name,
                       uint32_t *out);

/* When `node` was last written, in Unix seconds; 0 when unreadable or not
 * between 1980 and 2200 (a hive is untrusted). */
int64_t triage_hive_time(struct triage_hive *hive, triage_hive_node node);

/* The names of the values of `node`, at most `max`, each cut to 256 bytes,
 * into `names` (max * 256 bytes); returns their count. */
size_t triage_hive_value_names(struct triage_hive *hive, triage_hive_node node, char *names,
                               size_t max);

#endif
