/* SPDX-License-Identifier: Apache-2.0 */
/* Cache files: a payload behind a header that names what it was built from
 * and the SHA-256 of the payload (or of its first part, the rest checked
 * by the caller piece by piece), written atomically and checked on read. */
#ifndef OB_CORE_CACHE_FILE_H
#define OB_CORE_CACHE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buffer.h"
#include "core/hash.h"
#include "oberig/core.h"

/* What a cache file was built from, chosen by its user: `key` names the
 * inputs exactly (a digest of their content), `index` cheaply (a digest of
 * their sizes and times, all zero when it cannot be trusted). */
struct core_cache_header {
    unsigned char key[OB_SHA256_LEN];
    unsigned char index[OB_SHA256_LEN];
};

/* The folder for oberig's caches: $XDG_CACHE_HOME/oberig (an absolute
 * XDG_CACHE_HOME only), else ~/.cache/oberig. A heap string the caller
 * frees, or NULL when no home is known. */
char *core_cache_default_dir(void);

/* Replaces the heap string *slot (freed) with a copy of `dir`, or NULL
 * for NULL: how a cache folder is given to whatever keeps one.
 * Errors: OB_ERR_NOMEM (*slot is then NULL). */
enum ob_status core_cache_dir_set(char **slot, const char *dir) OB_WARN_UNUSED;

/* A cache file mapped into memory, read-only. Zero it before use. */
struct core_cache_file {
    void *base;
    size_t size;
};
void core_cache_file_release(struct core_cache_file *file);
/* Lets the kernel take back the pages of `bytes` (inside a mapped cache
 * file) that the process holds: read again later, they come back from the
 * page cache. For parts read once and kept for later, so they do not count
 * in the process's resident memory meanwhile. Only whole pages inside the
 * range are dropped. */
void core_cache_file_drop_pages(const void *bytes, size_t length);

/* Maps the cache file `path` (at most `cap` bytes) into `file` and checks it: the magic and format,
 * that the payload has the length the header gives, and the payload's SHA-256. On success *header
 * gets the header and *payload, *length the payload inside `file`. Errors: OB_ERR_NOT_FOUND when
 * there is no such file; OB_ERR_PARSE when it is damaged, truncated or not a cache file of this
 * format, with *reason (never NULL after a failure) a static untranslated text marked with N_ for
 * the caller to translate; OB_ERR_IO, OB_ERR_LIMIT, OB_ERR_NOMEM. Release `file` in every case. */
enum ob_status core_cache_read(const char *path, size_t cap, struct core_cache_file *file,
                               struct core_cache_header *header, const unsigned char **payload,
                               size_t *length, const char **reason) OB_WARN_UNUSED;

/* As core_cache_read, for a file written by core_cache_write_checked:
 * *checked gets how many leading bytes of the payload the file's SHA-256
 * covered (all of them for a file of core_cache_write). Only those are read
 * now; the rest is mapped, to be read and checked by the caller when it is
 * used. core_cache_read refuses a file whose payload is not all covered. */
enum ob_status core_cache_read_checked(const char *path, size_t cap, struct core_cache_file *file,
                                       struct core_cache_header *header,
                                       const unsigned char **payload, size_t *length,
                                       size_t *checked, const char **reason) OB_WARN_UNUSED;

/* Writes `header` and `payload` to `path` atomically: a temporary file in
 * the same folder, written, flushed with fsync and renamed over `path`, so
 * a reader sees the old file or the new one, never a part. The folders
 * above `path` are created (mode 0700) when missing. Errors: OB_ERR_IO,
 * OB_ERR_PERMISSION, OB_ERR_NOMEM; errno tells why. */
enum ob_status core_cache_write(const char *path, const struct core_cache_header *header,
                                const void *payload, size_t length) OB_WARN_UNUSED;

/* As core_cache_write, but the file's SHA-256 covers only the first
 * `checked` bytes of the payload: for a payload of large parts that are
 * not all needed, whose own digests the caller keeps in that first part
 * and checks when it reads each. */
enum ob_status core_cache_write_checked(const char *path, const struct core_cache_header *header,
                                        const void *payload, size_t length,
                                        size_t checked) OB_WARN_UNUSED;

/* Writes `count` pieces, one after the other, to `path` atomically as
 * core_cache_write does (temporary file, fsync, rename; missing folders
 * made with mode 0700). Errors as for core_cache_write. */
struct core_file_piece {
    const void *data;
    size_t length;
};
enum ob_status core_file_write_atomic(const char *path, const struct core_file_piece *pieces,
                                      size_t count) OB_WARN_UNUSED;

/* Removes the files of `dir` named `prefix`-*.cache but the `keep` most
 * recently written, so caches of inputs no longer used do not pile up.
 * Best effort: failures are ignored. */
void core_cache_prune(const char *dir, const char *prefix, size_t keep);

/* ---- payloads: little writers and readers for the callers' encodings ---- */

enum ob_status core_cache_put(struct ob_buffer *out, const void *bytes,
                              size_t length) OB_WARN_UNUSED;
enum ob_status core_cache_put_u64(struct ob_buffer *out, uint64_t value) OB_WARN_UNUSED;

/* A reader over a payload; `failed` turns true (and stays) on reading past
 * the end, and every later read gives zeros. */
struct core_cache_reader {
    const unsigned char *at;
    size_t left;
    bool failed;
};
uint64_t core_cache_get_u64(struct core_cache_reader *reader);
/* Points *out at the next `length` bytes (NULL after a failure). */
const unsigned char *core_cache_get(struct core_cache_reader *reader, size_t length);

#endif
