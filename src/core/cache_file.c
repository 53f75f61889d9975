/* SPDX-License-Identifier: Apache-2.0 */
/* Cache files: a payload behind a header that names what it was built from
 * and the SHA-256 of the payload (or of its first part, the rest checked
 * by the caller piece by piece), written atomically and checked on read. */
#include "core/cache_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"

/* The header, in this machine's byte order: a file from another machine
 * fails the order mark and is rebuilt, never misread. */
#define CACHE_MAGIC "OBRGCACH"
#define CACHE_ORDER 0x01020304u
/* Format 1: the digest covers the whole payload. Format 2: one more field,
 * how many leading payload bytes it covers. */
#define CACHE_FORMAT_WHOLE 1u
#define CACHE_FORMAT_PART 2u
#define HEADER_SIZE (8 + 4 + 4 + 2 * OB_SHA256_LEN + 8 + OB_SHA256_LEN)
#define HEADER_SIZE_PART (HEADER_SIZE + 8)

char *core_cache_default_dir(void)
{
    const char *cache_home = getenv("XDG_CACHE_HOME");
    char *path = NULL;
    if (cache_home != NULL && cache_home[0] == '/')
        return asprintf(&path, "%s/oberig", cache_home) < 0 ? NULL : path;
    const char *home = getenv("HOME");
    if (home == NULL || home[0] == '\0')
        return NULL;
    return asprintf(&path, "%s/.cache/oberig", home) < 0 ? NULL : path;
}

enum ob_status core_cache_dir_set(char **slot, const char *dir)
{
    free(*slot);
    *slot = NULL;
    if (dir != NULL && (*slot = strdup(dir)) == NULL)
        return OB_ERR_NOMEM;
    return OB_OK;
}

void core_cache_file_release(struct core_cache_file *file)
{
    if (file->base != NULL)
        munmap(file->base, file->size);
    file->base = NULL;
    file->size = 0;
}

void core_cache_file_drop_pages(const void *bytes, size_t length)
{
    long page_size = sysconf(_SC_PAGESIZE);
    if (bytes == NULL || length == 0 || page_size <= 0)
        return;
    uintptr_t page = (uintptr_t)page_size;
    uintptr_t start = ((uintptr_t)bytes + page - 1) & ~(page - 1);
    uintptr_t end = ((uintptr_t)bytes + length) & ~(page - 1);
    /* The mapping is private and never written, so nothing is lost. */
    if (end > start)
        (void)madvise((void *)start, end - start, MADV_DONTNEED);
}

/* Maps the whole regular file: the cache is read straight from the page
 * cache, with no copy into a growing buffer. Nothing is read yet: the
 * caller brings in what it checks now (populate), the rest comes when
 * it is used. */
static enum ob_status map_file(const char *path, size_t cap, struct core_cache_file *file)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return errno == ENOENT ? OB_ERR_NOT_FOUND : errno == EACCES ? OB_ERR_PERMISSION : OB_ERR_IO;
    struct stat info;
    enum ob_status status = OB_OK;
    if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode))
        status = OB_ERR_IO;
    else if ((uint64_t)info.st_size > cap)
        status = OB_ERR_LIMIT;
    else if (info.st_size > 0) {
        void *base = mmap(NULL, (size_t)info.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (base == MAP_FAILED)
            status = errno == ENOMEM ? OB_ERR_NOMEM : OB_ERR_IO;
        else
            *file = (struct core_cache_file){base, (size_t)info.st_size};
    }
    close(fd);
    return status;
}

/* Brings the first `length` bytes of the mapping in at once: one call
 * instead of a fault per few pages. Only speed depends on it. */
static void populate(const struct core_cache_file *file, size_t length)
{
#ifdef MADV_POPULATE_READ
    long page_size = sysconf(_SC_PAGESIZE);
    if (page_size <= 0 || length == 0)
        return;
    size_t pages = (length + (size_t)page_size - 1) & ~((size_t)page_size - 1);
    (void)madvise(file->base, pages < file->size ? pages : file->size, MADV_POPULATE_READ);
#else
    (void)file;
    (void)length;
#endif
}

enum ob_status core_cache_read_checked(const char *path, size_t cap, struct core_cache_file *file,
                                       struct core_cache_header *header,
                                       const unsigned char **payload, size_t *length,
                                       size_t *checked, const char **reason)
{
    *payload = NULL;
    *length = 0;
    *checked = 0;
    *reason = N_("it cannot be read");
    enum ob_status status = map_file(path, cap, file);
    if (status != OB_OK)
        return status;
    const unsigned char *at = file->base;
    uint32_t format, order;
    uint64_t stored_length, stored_checked;
    unsigned char digest[OB_SHA256_LEN], computed[OB_SHA256_LEN];
    if (file->size < HEADER_SIZE || memcmp(at, CACHE_MAGIC, 8) != 0) {
        *reason = N_("it is not an oberig cache file, or it is cut short");
        return OB_ERR_PARSE;
    }
    memcpy(&format, at + 8, 4);
    memcpy(&order, at + 12, 4);
    if ((format != CACHE_FORMAT_WHOLE && format != CACHE_FORMAT_PART) || order != CACHE_ORDER) {
        *reason = N_("it was written by another version of oberig or another kind of machine");
        return OB_ERR_PARSE;
    }
    size_t header_size = format == CACHE_FORMAT_PART ? HEADER_SIZE_PART : HEADER_SIZE;
    if (file->size < header_size) {
        *reason = N_("it is not an oberig cache file, or it is cut short");
        return OB_ERR_PARSE;
    }
    memcpy(header->key, at + 16, OB_SHA256_LEN);
    memcpy(header->index, at + 16 + OB_SHA256_LEN, OB_SHA256_LEN);
    memcpy(&stored_length, at + 16 + 2 * OB_SHA256_LEN, 8);
    memcpy(digest, at + 24 + 2 * OB_SHA256_LEN, OB_SHA256_LEN);
    stored_checked = stored_length;
    if (format == CACHE_FORMAT_PART)
        memcpy(&stored_checked, at + HEADER_SIZE, 8);
    if (stored_length != file->size - header_size || stored_checked > stored_length) {
        *reason = N_("it is cut short or has bytes added");
        return OB_ERR_PARSE;
    }
    populate(file, header_size + (size_t)stored_checked);
    if ((status = core_sha256(at + header_size, (size_t)stored_checked, computed)) != OB_OK)
        return status;
    if (memcmp(digest, computed, OB_SHA256_LEN) != 0) {
        *reason = N_("its content does not match its SHA-256");
        return OB_ERR_PARSE;
    }
    *payload = at + header_size;
    *length = (size_t)stored_length;
    *checked = (size_t)stored_checked;
    *reason = NULL;
    return OB_OK;
}

enum ob_status core_cache_read(const char *path, size_t cap, struct core_cache_file *file,
                               struct core_cache_header *header, const unsigned char **payload,
                               size_t *length, const char **reason)
{
    size_t checked = 0;
    enum ob_status status = core_cache_read_checked(path, cap, file, header, payload, length,
                                                    &checked, reason);
    if (status == OB_OK && checked != *length) {
        /* A file whose caller checks parts is not one of these. */
        *payload = NULL;
        *length = 0;
        *reason = N_("it was written by another version of oberig or another kind of machine");
        return OB_ERR_PARSE;
    }
    return status;
}

/* Creates the folders above `path` that are missing, private to the user. */
static bool make_parents(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return false;
    bool ok = true;
    for (char *slash = strchr(copy + 1, '/'); ok && slash != NULL; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        ok = mkdir(copy, 0700) == 0 || errno == EEXIST;
        *slash = '/';
    }
    free(copy);
    return ok;
}

static bool write_all(int fd, const void *data, size_t length)
{
    const unsigned char *at = data;
    while (length > 0) {
        ssize_t written = write(fd, at, length);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        at += written;
        length -= (size_t)written;
    }
    return true;
}

enum ob_status core_file_write_atomic(const char *path, const struct core_file_piece *pieces,
                                      size_t count)
{
    if (!make_parents(path))
        return errno == EACCES ? OB_ERR_PERMISSION : OB_ERR_IO;
    char *temporary = NULL;
    if (asprintf(&temporary, "%s.XXXXXX", path) < 0)
        return OB_ERR_NOMEM;
    int fd = mkstemp(temporary);
    if (fd < 0) {
        enum ob_status status = errno == EACCES ? OB_ERR_PERMISSION : OB_ERR_IO;
        free(temporary);
        return status;
    }
    bool ok = true;
    for (size_t i = 0; ok && i < count; i++)
        ok = write_all(fd, pieces[i].data, pieces[i].length);
    ok = ok && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (ok)
        ok = rename(temporary, path) == 0;
    else
        errno = saved;
    enum ob_status status = OB_OK;
    if (!ok) {
        saved = errno;
        unlink(temporary);
        errno = saved;
        status = errno == EACCES ? OB_ERR_PERMISSION : OB_ERR_IO;
    }
    free(temporary);
    return status;
}

enum ob_status core_cache_write_checked(const char *path, const struct core_cache_header *header,
                                        const void *payload, size_t length, size_t checked)
{
    if (checked > length)
        checked = length;
    unsigned char head[HEADER_SIZE_PART];
    uint32_t format = checked == length ? CACHE_FORMAT_WHOLE : CACHE_FORMAT_PART;
    uint32_t order = CACHE_ORDER;
    uint64_t stored_length = length, stored_checked = checked;
    memcpy(head, CACHE_MAGIC, 8);
    memcpy(head + 8, &format, 4);
    memcpy(head + 12, &order, 4);
    memcpy(head + 16, header->key, OB_SHA256_LEN);
    memcpy(head + 16 + OB_SHA256_LEN, header->index, OB_SHA256_LEN);
    memcpy(head + 16 + 2 * OB_SHA256_LEN, &stored_length, 8);
    memcpy(head + HEADER_SIZE, &stored_checked, 8);
    enum ob_status status = core_sha256(payload, checked, head + 24 + 2 * OB_SHA256_LEN);
    if (status != OB_OK)
        return status;
    const struct core_file_piece pieces[] = {
        {head, format == CACHE_FORMAT_PART ? HEADER_SIZE_PART : HEADER_SIZE}, {payload, length}};
    return core_file_write_atomic(path, pieces, 2);
}

enum ob_status core_cache_write(const char *path, const struct core_cache_header *header,
                                const void *payload, size_t length)
{
    return core_cache_write_checked(path, header, payload, length, length);
}

struct cache_name {
    char *name;
    int64_t mtime_ns;
};

static int newest_first(const void *a, const void *b)
{
    const struct cache_name *x = a, *y = b;
    return x->mtime_ns < y->mtime_ns ? 1 : x->mtime_ns > y->mtime_ns ? -1 : 0;
}

void core_cache_prune(const char *dir, const char *prefix, size_t keep)
{
    DIR *folder = opendir(dir);
    if (folder == NULL)
        return;
    struct cache_name names[64];
    size_t count = 0, prefix_length = strlen(prefix);
    struct dirent *entry;
    while ((entry = readdir(folder)) != NULL && count < sizeof(names) / sizeof(names[0])) {
        size_t length = strlen(entry->d_name);
        struct stat info;
        if (length < prefix_length + 7 || strncmp(entry->d_name, prefix, prefix_length) != 0 ||
            entry->d_name[prefix_length] != '-' ||
            strcmp(entry->d_name + length - 6, ".cache") != 0 ||
            fstatat(dirfd(folder), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(info.st_mode))
            continue;
        char *copy = strdup(entry->d_name);
        if (copy == NULL)
            break;
        names[count++] = (struct cache_name){copy, (int64_t)info.st_mtim.tv_sec * 1000000000 +
                                                       info.st_mtim.tv_nsec};
    }
    qsort(names, count, sizeof(names[0]), newest_first);
    for (size_t i = 0; i < count; i++) {
        if (i >= keep)
            (void)unlinkat(dirfd(folder), names[i].name, 0);
        free(names[i].name);
    }
    closedir(folder);
}

/* ---- payloads -------------------------------------------------------------- */

enum ob_status core_cache_put(struct ob_buffer *out, const void *bytes, size_t length)
{
    return length == 0 ? OB_OK : core_buffer_append(out, bytes, length);
}

enum ob_status core_cache_put_u64(struct ob_buffer *out, uint64_t value)
{
    return core_buffer_append(out, &value, sizeof(value));
}

const unsigned char *core_cache_get(struct core_cache_reader *reader, size_t length)
{
    if (reader->failed || length > reader->left) {
        reader->failed = true;
        return NULL;
    }
    const unsigned char *at = reader->at;
    reader->at += length;
    reader->left -= length;
    return at;
}

uint64_t core_cache_get_u64(struct core_cache_reader *reader)
{
    uint64_t value = 0;
    const unsigned char *at = core_cache_get(reader, sizeof(value));
    if (at != NULL)
        memcpy(&value, at, sizeof(value));
    return value;
}
