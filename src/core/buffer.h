/* SPDX-License-Identifier: Apache-2.0 */
/* A growable byte buffer with a hard cap, for everything that grows with input. */
#ifndef OB_CORE_BUFFER_H
#define OB_CORE_BUFFER_H

#include <stddef.h>

#include "oberig/core.h"

/* Caller-owned; zero-initialise or core_buffer_init, then core_buffer_release.
 * `data` is always NUL-terminated after a successful append (the NUL is not
 * counted in `length`). */
struct ob_buffer {
    unsigned char *data;
    size_t length;
    size_t capacity;
    size_t cap; /* most bytes it may hold; 0 means 64 MiB */
};

void core_buffer_init(struct ob_buffer *buffer, size_t cap);
void core_buffer_release(struct ob_buffer *buffer);
/* Empties the buffer; keeps memory unless more than `keep` bytes are held. */
void core_buffer_reset(struct ob_buffer *buffer, size_t keep);
/* Ensures room for `extra` more bytes plus a NUL. OB_ERR_LIMIT past the cap. */
enum ob_status core_buffer_reserve(struct ob_buffer *buffer, size_t extra) OB_WARN_UNUSED;
enum ob_status core_buffer_append(struct ob_buffer *buffer, const void *bytes,
                                  size_t length) OB_WARN_UNUSED;
enum ob_status core_buffer_append_str(struct ob_buffer *buffer, const char *text) OB_WARN_UNUSED;
enum ob_status core_buffer_printf(struct ob_buffer *buffer, const char *fmt, ...) OB_WARN_UNUSED
    __attribute__((format(printf, 2, 3)));
/* Empties the buffer and reads the whole regular file `path` into it (a
 * FIFO or device is refused without blocking). The buffer's cap is the
 * size limit. *reason (may be NULL) gets a static, lowercase explanation on
 * failure. Errors: OB_ERR_NOT_FOUND, OB_ERR_PERMISSION, OB_ERR_IO (also for
 * what is not a regular file), OB_ERR_LIMIT (over the cap), OB_ERR_NOMEM. */
enum ob_status core_buffer_read_file(struct ob_buffer *buffer, const char *path,
                                     const char **reason) OB_WARN_UNUSED;

/* The same for a file already open at `fd` (read from where it stands; the
 * caller closes it): a file opened inside another root, without a path. */
enum ob_status core_buffer_read_fd(struct ob_buffer *buffer, int fd,
                                   const char **reason) OB_WARN_UNUSED;

/* Returns the contents as a C string ("" when empty). */
const char *core_buffer_str(const struct ob_buffer *buffer);

#endif
