/* SPDX-License-Identifier: Apache-2.0 */
/* The store's file indicators kept in the cache folder, so that a scan of
 * an unchanged store reads them from one checked file, not from SQLite. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/cache_file.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/text.h"
#include "ioc/ioc_internal.h"

#define STORE_CACHE_SALT "oberig store file indicators 2"
#define STORE_CACHE_CAP ((size_t)1 << 30)
#define SQLITE_HEADER 100 /* bytes of the database header read for the key */
#define STORE_CACHE_FILES_KEPT 8

/* The store's identity as SQLite leaves it: the file's device, inode,
 * size and times, and its header, whose change counter every committed
 * write moves. False while a journal says a write may be under way. */
static bool store_key(const char *path, unsigned char *key)
{
    char journal[4096];
    struct stat info;
    for (size_t i = 0; i < 2; i++) {
        snprintf(journal, sizeof(journal), "%s%s", path, i == 0 ? "-journal" : "-wal");
        if (lstat(journal, &info) == 0)
            return false;
    }
    unsigned char header[SQLITE_HEADER];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fstat(fd, &info) == 0 && pread(fd, header, sizeof(header), 0) == sizeof(header);
    close(fd);
    if (!ok)
        return false;
    struct {
        char salt[sizeof(STORE_CACHE_SALT)];
        uint64_t device, inode, size, mtime, mtime_ns, ctime, ctime_ns;
        unsigned char header[SQLITE_HEADER];
    } identity;
    memset(&identity, 0, sizeof(identity));
    memcpy(identity.salt, STORE_CACHE_SALT, sizeof(STORE_CACHE_SALT));
    identity.device = (uint64_t)info.st_dev;
    identity.inode = (uint64_t)info.st_ino;
    identity.size = (uint64_t)info.st_size;
    identity.mtime = (uint64_t)info.st_mtim.tv_sec;
    identity.mtime_ns = (uint64_t)info.st_mtim.tv_nsec;
    identity.ctime = (uint64_t)info.st_ctim.tv_sec;
    identity.ctime_ns = (uint64_t)info.st_ctim.tv_nsec;
    memcpy(identity.header, header, sizeof(header));
    return core_sha256(&identity, sizeof(identity), key) == OB_OK;
}

/* Strings are kept with their NUL, so entries replayed from the mapped
 * file point straight into it. */
static enum ob_status put_text(struct ob_buffer *out, const char *text)
{
    size_t length = strlen(text) + 1;
    enum ob_status status = core_cache_put_u64(out, length);
    return status == OB_OK ? core_cache_put(out, text, length) : status;
}

static const char *get_text(struct core_cache_reader *reader)
{
    size_t length = (size_t)core_cache_get_u64(reader);
    const unsigned char *text = core_cache_get(reader, length);
    if (text == NULL || length == 0 || text[length - 1] != '\0') {
        reader->failed = true;
        return "";
    }
    return (const char *)text;
}

static enum ob_status put_entry(struct ob_buffer *out, const struct ob_ioc_entry *entry)
{
    enum ob_status status = core_cache_put_u64(out, (uint64_t)entry->type);
    if (status == OB_OK)
        status = core_cache_put_u64(out, entry->has_score ? 1 : 0);
    if (status == OB_OK)
        status = core_cache_put_u64(out, (uint64_t)(int64_t)entry->score);
    if (status == OB_OK)
        status = core_cache_put_u64(out, (uint64_t)entry->first_import);
    if (status == OB_OK)
        status = core_cache_put_u64(out, (uint64_t)entry->last_import);
    /* What the publisher says; whether it has expired is decided again
     * when it is read back, against that day's clock. */
    const int64_t dates[] = {entry->created,     entry->modified,  entry->valid_from,
                             entry->valid_until, entry->published, entry->imported};
    for (size_t i = 0; status == OB_OK && i < sizeof(dates) / sizeof(dates[0]); i++)
        status = core_cache_put_u64(out, (uint64_t)dates[i]);
    const char *texts[] = {entry->value,
                           entry->value_unicode,
                           entry->campaign,
                           entry->description,
                           entry->source,
                           entry->source_file,
                           entry->exclude,
                           entry->signer,
                           entry->publisher,
                           entry->references,
                           entry->source_description,
                           entry->version,
                           entry->tlp};
    for (size_t i = 0; status == OB_OK && i < sizeof(texts) / sizeof(texts[0]); i++)
        status = put_text(out, texts[i] != NULL ? texts[i] : "");
    return status;
}

static bool get_entry(struct core_cache_reader *reader, struct ob_ioc_entry *entry)
{
    uint64_t type = core_cache_get_u64(reader);
    entry->has_score = core_cache_get_u64(reader) != 0;
    entry->score = (int)(int64_t)core_cache_get_u64(reader);
    entry->first_import = (int64_t)core_cache_get_u64(reader);
    entry->last_import = (int64_t)core_cache_get_u64(reader);
    int64_t *dates[] = {&entry->created,     &entry->modified,  &entry->valid_from,
                        &entry->valid_until, &entry->published, &entry->imported};
    for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
        *dates[i] = (int64_t)core_cache_get_u64(reader);
    entry->expired = entry->valid_until != 0 && entry->valid_until < (int64_t)time(NULL);
    const char **texts[] = {&entry->value,
                            &entry->value_unicode,
                            &entry->campaign,
                            &entry->description,
                            &entry->source,
                            &entry->source_file,
                            &entry->exclude,
                            &entry->signer,
                            &entry->publisher,
                            &entry->references,
                            &entry->source_description,
                            &entry->version,
                            &entry->tlp};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        *texts[i] = get_text(reader);
    entry->type = (enum ob_ioc_type)type;
    return !reader->failed && type < OB_IOC_TYPE_COUNT;
}

/* Hands each entry on and keeps a copy for the cache. */
struct recorder {
    ob_ioc_entry_fn fn;
    void *user;
    struct ob_buffer *payload;
    bool failed; /* the payload is incomplete: not saved */
};

static enum ob_status record(void *user, const struct ob_ioc_entry *entry)
{
    struct recorder *recorder = user;
    if (!recorder->failed && put_entry(recorder->payload, entry) != OB_OK)
        recorder->failed = true;
    return recorder->fn(recorder->user, entry);
}

bool ioc_scan_set_payload_fits(const unsigned char *payload, size_t length)
{
    struct core_cache_reader reader = {payload, length, false};
    struct ob_ioc_entry entry;
    while (reader.left > 0 && !reader.failed)
        if (!get_entry(&reader, &entry))
            return false;
    return !reader.failed;
}

enum ob_status ioc_store_foreach_file_indicator(struct ob_ioc_store *store, struct ob_context *ctx,
                                                const char *cache_dir,
                                                const enum ob_ioc_type *types, size_t type_count,
                                                ob_ioc_entry_fn fn, void *user)
{
    unsigned char key[OB_SHA256_LEN], name[OB_SHA256_LEN];
    char *path = NULL;
    const char *store_path = ioc_store_path(store);
    struct core_cache_file file = {0};
    enum ob_status status = OB_OK;
    bool cacheable = cache_dir != NULL && store_key(store_path, key);
    if (cacheable) {
        char hex[17];
        cacheable = core_sha256(store_path, strlen(store_path), name) == OB_OK;
        core_hex_encode(name, 8, hex);
        if (cacheable && asprintf(&path, "%s/store-%s.cache", cache_dir, hex) < 0) {
            path = NULL;
            cacheable = false;
        }
    }
    if (cacheable) {
        struct core_cache_header header;
        const unsigned char *payload = NULL;
        size_t length = 0;
        const char *reason = NULL;
        status = core_cache_read(path, STORE_CACHE_CAP, &file, &header, &payload, &length, &reason);
        /* A key that differs is a store changed since: no news. */
        bool same = status == OB_OK && memcmp(header.key, key, sizeof(key)) == 0;
        bool fits = same && ioc_scan_set_payload_fits(payload, length);
        if (status == OB_ERR_PARSE || (same && !fits))
            /* TRANSLATORS: the cache file, then why it cannot be used. */
            ob_context_log(ctx, OB_LOG_WARNING,
                           _("cache of the indicator store '%s' is ignored and rebuilt: %s"), path,
                           status == OB_ERR_PARSE ? _(reason) : _("it does not fit the store"));
        if (fits) {
            ob_context_log(ctx, OB_LOG_INFO,
                           _("indicator store's file indicators from the cache "
                             "'%s'"),
                           path);
            struct core_cache_reader reader = {payload, length, false};
            struct ob_ioc_entry entry;
            status = OB_OK;
            while (status == OB_OK && reader.left > 0 && get_entry(&reader, &entry))
                status = fn(user, &entry);
            goto out;
        }
        core_cache_file_release(&file);
    }
    struct ob_buffer payload;
    core_buffer_init(&payload, STORE_CACHE_CAP);
    struct recorder recorder = {fn, user, &payload, !cacheable};
    status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < type_count; i++) {
        struct ob_ioc_filter filter = {.type = types[i]};
        status = ob_ioc_store_foreach(store, ctx, &filter, record, &recorder);
    }
    if (status == OB_OK && !recorder.failed) {
        struct core_cache_header header = {0};
        memcpy(header.key, key, sizeof(key));
        if (core_cache_write(path, &header, payload.data, payload.length) != OB_OK)
            /* TRANSLATORS: the cache file, then the system's reason. */
            ob_context_log(ctx, OB_LOG_WARNING,
                           _("cannot write the cache of the indicator store '%s': %s"), path,
                           strerror(errno));
        else /* one file per store path: those of stores no longer used go */
            core_cache_prune(cache_dir, "store", STORE_CACHE_FILES_KEPT);
    }
    core_buffer_release(&payload);
out:
    core_cache_file_release(&file);
    free(path);
    return status;
}
