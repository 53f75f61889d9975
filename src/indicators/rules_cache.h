/* SPDX-License-Identifier: Apache-2.0 */
/* The compiled-rules cache: finds and keeps the compiled form of rule files
 * in the cache folder, keyed by what they were compiled from. The caller
 * encodes and decodes the payload. */
#ifndef OB_INDICATORS_RULES_CACHE_H
#define OB_INDICATORS_RULES_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buffer.h"
#include "core/cache_file.h"
#include "oberig/core.h"

/* One look-up and, after a miss, the save of its result. Zero it before
 * use (or let a find function do it) and release it after. */
struct indicators_cache {
    char *path;                      /* the cache file */
    struct core_cache_header header; /* of the inputs as they are now */
    bool key_known;                  /* header.key was computed (all inputs read) */
    bool hit;                        /* the payload handed out came from the file */
    bool rewrite;                    /* a hit whose header should be refreshed */
    struct core_cache_file file;     /* the cache file as read */
    const unsigned char *payload;    /* of a hit, inside `file` */
    size_t length;
    size_t checked; /* leading bytes of the payload the file's SHA-256 covers */
};

/* Looks up the compiled form of the rule files `paths` (in this order)
 * under `dir`, in the file named after `kind`, `salt` (what else the
 * compiled form depends on: library version, external variables) and the
 * paths. Files whose path, device, inode, size, modification and change
 * times are as when the cache was written are taken as unchanged without
 * being read; otherwise their content is hashed and compared. Returns
 * OB_OK with cache->payload and cache->length set on a hit,
 * OB_ERR_NOT_FOUND on a miss; a damaged or foreign cache file is a miss,
 * logged as a warning through ctx. Only cache->checked leading bytes of the
 * payload are checked; the caller checks the rest (see
 * core_cache_write_checked). Other errors: OB_ERR_NOMEM. */
enum ob_status indicators_cache_find_files(struct indicators_cache *cache, struct ob_context *ctx,
                                           const char *dir, const char *kind, const char *salt,
                                           const char *const *paths, size_t count) OB_WARN_UNUSED;

/* After a miss (or a hit to refresh, cache->rewrite), writes `payload` as
 * the compiled form of the inputs looked up, its first `checked` bytes
 * covered by the file's SHA-256, atomically, and removes the
 * oldest cache files of the same kind beyond a few. A failure is logged as
 * a warning and otherwise ignored: the cache only saves time. Does nothing
 * when the inputs could not all be read. */
void indicators_cache_save(struct indicators_cache *cache, struct ob_context *ctx,
                           const void *payload, size_t length, size_t checked);

void indicators_cache_release(struct indicators_cache *cache);

#endif
