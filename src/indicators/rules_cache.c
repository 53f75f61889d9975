/* SPDX-License-Identifier: Apache-2.0 */
/* The compiled-rules cache: finds and keeps the compiled form of rule files
 * in the cache folder, keyed by what they were compiled from. The caller
 * encodes and decodes the payload. */
#include "indicators/rules_cache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/hash.h"
#include "core/i18n.h"
#include "core/text.h"

#define CACHE_FILE_CAP ((size_t)1 << 30) /* largest cache file read */
#define RULE_FILE_CAP ((size_t)64 << 20) /* as ob_rules reads a rule file */
#define CACHE_FILES_KEPT 8               /* of one kind */
/* A file changed this close to now may change again within the same
 * timestamp, unseen by its times: its times are then not trusted. */
#define RACY_SECONDS 2

struct digest {
    struct ob_hasher *hasher;
    enum ob_status status;
};

static void digest_begin(struct digest *digest)
{
    digest->status = core_hasher_new(&digest->hasher);
    if (digest->status == OB_OK)
        digest->status = core_hasher_stream_begin(digest->hasher, CORE_DIGEST_SHA256);
}

static void digest_add(struct digest *digest, const void *bytes, size_t length)
{
    if (digest->status == OB_OK)
        digest->status = core_hasher_stream_update(digest->hasher, CORE_DIGEST_SHA256, bytes,
                                                   length);
}

/* Strings go in with their NUL, so "ab"+"c" and "a"+"bc" differ. */
static void digest_add_str(struct digest *digest, const char *text)
{
    digest_add(digest, text, strlen(text) + 1);
}

static void digest_add_u64(struct digest *digest, uint64_t value)
{
    digest_add(digest, &value, sizeof(value));
}

static enum ob_status digest_finish(struct digest *digest, unsigned char *out)
{
    if (digest->status == OB_OK)
        digest->status = core_hasher_stream_finish(digest->hasher, CORE_DIGEST_SHA256, out);
    core_hasher_free(digest->hasher);
    digest->hasher = NULL;
    return digest->status;
}

static bool all_zero(const unsigned char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (bytes[i] != 0)
            return false;
    return true;
}

/* `dir`/`kind`-<16 hex digits of `name`>.cache */
static enum ob_status make_path(struct indicators_cache *cache, const char *dir, const char *kind,
                                const unsigned char *name)
{
    char hex[17];
    core_hex_encode(name, 8, hex);
    return asprintf(&cache->path, "%s/%s-%s.cache", dir, kind, hex) < 0 ? OB_ERR_NOMEM : OB_OK;
}

/* Reads the cache file; false on a miss, after a warning when damaged. */
static bool read_cache(struct indicators_cache *cache, struct ob_context *ctx,
                       struct core_cache_header *stored)
{
    const char *reason = NULL;
    enum ob_status status = core_cache_read_checked(cache->path, CACHE_FILE_CAP, &cache->file,
                                                    stored, &cache->payload, &cache->length,
                                                    &cache->checked, &reason);
    if (status == OB_ERR_PARSE)
        /* TRANSLATORS: the cache file, then why it cannot be used. */
        ob_context_log(ctx, OB_LOG_WARNING,
                       _("compiled-rules cache '%s' is ignored and rebuilt: %s"), cache->path,
                       _(reason));
    return status == OB_OK;
}

/* The cheap index of the files: their names, identities, sizes and times.
 * False when one cannot be looked at; *racy when one changed so recently
 * that its times do not yet prove it unchanged. */
static bool index_files(const char *salt, const char *const *paths, size_t count,
                        unsigned char *out, bool *racy)
{
    struct digest digest;
    digest_begin(&digest);
    digest_add_str(&digest, salt);
    time_t now = time(NULL);
    *racy = false;
    bool ok = true;
    for (size_t i = 0; ok && i < count; i++) {
        struct stat info;
        ok = stat(paths[i], &info) == 0;
        if (!ok)
            break;
        digest_add_str(&digest, paths[i]);
        digest_add_u64(&digest, (uint64_t)info.st_dev);
        digest_add_u64(&digest, (uint64_t)info.st_ino);
        digest_add_u64(&digest, (uint64_t)info.st_size);
        digest_add_u64(&digest, (uint64_t)info.st_mtim.tv_sec);
        digest_add_u64(&digest, (uint64_t)info.st_mtim.tv_nsec);
        digest_add_u64(&digest, (uint64_t)info.st_ctim.tv_sec);
        digest_add_u64(&digest, (uint64_t)info.st_ctim.tv_nsec);
        if (info.st_mtim.tv_sec >= now - RACY_SECONDS || info.st_ctim.tv_sec >= now - RACY_SECONDS)
            *racy = true;
    }
    return digest_finish(&digest, out) == OB_OK && ok;
}

/* The exact key of the files: their names and whole contents. */
static bool key_files(const char *salt, const char *const *paths, size_t count, unsigned char *out)
{
    struct digest digest;
    digest_begin(&digest);
    digest_add_str(&digest, salt);
    struct ob_buffer text;
    core_buffer_init(&text, RULE_FILE_CAP);
    bool ok = true;
    for (size_t i = 0; ok && i < count; i++) {
        ok = core_buffer_read_file(&text, paths[i], NULL) == OB_OK;
        digest_add_str(&digest, paths[i]);
        digest_add_u64(&digest, (uint64_t)text.length);
        digest_add(&digest, text.data, text.length);
    }
    core_buffer_release(&text);
    return digest_finish(&digest, out) == OB_OK && ok;
}

enum ob_status indicators_cache_find_files(struct indicators_cache *cache, struct ob_context *ctx,
                                           const char *dir, const char *kind, const char *salt,
                                           const char *const *paths, size_t count)
{
    memset(cache, 0, sizeof(*cache));
    /* The file is named after what was asked for; its header says what
     * the files held when it was written. */
    unsigned char name[OB_SHA256_LEN];
    struct digest digest;
    digest_begin(&digest);
    digest_add_str(&digest, salt);
    for (size_t i = 0; i < count; i++)
        digest_add_str(&digest, paths[i]);
    enum ob_status status = digest_finish(&digest, name);
    if (status == OB_OK)
        status = make_path(cache, dir, kind, name);
    if (status != OB_OK)
        return status;
    bool racy = true;
    if (!index_files(salt, paths, count, cache->header.index, &racy) || racy)
        memset(cache->header.index, 0, sizeof(cache->header.index));
    struct core_cache_header stored;
    bool have = read_cache(cache, ctx, &stored);
    if (have && !all_zero(cache->header.index, OB_SHA256_LEN) &&
        memcmp(stored.index, cache->header.index, OB_SHA256_LEN) == 0) {
        /* Unchanged by every sign the file system gives: not read again. */
        cache->header = stored;
        cache->key_known = true;
        cache->hit = true;
        return OB_OK;
    }
    cache->key_known = key_files(salt, paths, count, cache->header.key);
    if (have && cache->key_known && memcmp(stored.key, cache->header.key, OB_SHA256_LEN) == 0) {
        cache->hit = true;
        /* Same content, other times (a copy, a touch): remember the new
         * times so the next start need not read the files. */
        cache->rewrite = !all_zero(cache->header.index, OB_SHA256_LEN);
        return OB_OK;
    }
    cache->payload = NULL;
    cache->length = cache->checked = 0;
    return OB_ERR_NOT_FOUND;
}

void indicators_cache_save(struct indicators_cache *cache, struct ob_context *ctx,
                           const void *payload, size_t length, size_t checked)
{
    if (cache->path == NULL || !cache->key_known)
        return;
    enum ob_status status = core_cache_write_checked(cache->path, &cache->header, payload, length,
                                                     checked);
    if (status == OB_ERR_NOMEM)
        return;
    if (status != OB_OK) {
        /* TRANSLATORS: the cache file, then the system's reason. */
        ob_context_log(ctx, OB_LOG_WARNING, _("cannot write the compiled-rules cache '%s': %s"),
                       cache->path, strerror(errno));
        return;
    }
    char *dir = strdup(cache->path);
    char *slash = dir != NULL ? strrchr(dir, '/') : NULL;
    const char *name = slash != NULL ? slash + 1 : NULL;
    const char *dash = name != NULL ? strrchr(name, '-') : NULL;
    if (dash != NULL) {
        char kind[64];
        snprintf(kind, sizeof(kind), "%.*s", (int)(dash - name), name);
        *slash = '\0';
        core_cache_prune(dir, kind, CACHE_FILES_KEPT);
    }
    free(dir);
}

void indicators_cache_release(struct indicators_cache *cache)
{
    free(cache->path);
    core_cache_file_release(&cache->file);
    memset(cache, 0, sizeof(*cache));
}
