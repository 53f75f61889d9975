/* SPDX-License-Identifier: Apache-2.0 */
/* Capped growable byte buffer. */
#include "core/buffer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/array.h"
#include "core/i18n.h"

#define DEFAULT_CAP ((size_t)64 << 20)

void core_buffer_init(struct ob_buffer *buffer, size_t cap)
{
    buffer->data = NULL;
    buffer->length = 0;
    buffer->capacity = 0;
    buffer->cap = cap;
}

void core_buffer_release(struct ob_buffer *buffer)
{
    free(buffer->data);
    buffer->data = NULL;
    buffer->length = 0;
    buffer->capacity = 0;
}

void core_buffer_reset(struct ob_buffer *buffer, size_t keep)
{
    if (buffer->capacity > keep) {
        size_t cap = buffer->cap;
        core_buffer_release(buffer);
        buffer->cap = cap;
        return;
    }
    buffer->length = 0;
    if (buffer->data != NULL)
        buffer->data[0] = '\0';
}

enum ob_status core_buffer_reserve(struct ob_buffer *buffer, size_t extra)
{
    size_t cap = buffer->cap != 0 ? buffer->cap : DEFAULT_CAP;
    if (cap == SIZE_MAX)
        cap--; /* room for the NUL */
    if (extra > cap || buffer->length > cap - extra)
        return OB_ERR_LIMIT;
    size_t needed = buffer->length + extra + 1;
    if (needed <= buffer->capacity)
        return OB_OK;
    /* The cap counts the bytes held, not the NUL after them. */
    return core_array_grow((void **)&buffer->data, &buffer->capacity, needed, 1, 256, cap + 1);
}

enum ob_status core_buffer_append(struct ob_buffer *buffer, const void *bytes, size_t length)
{
    enum ob_status status = core_buffer_reserve(buffer, length);
    if (status != OB_OK)
        return status;
    if (length > 0)
        memcpy(buffer->data + buffer->length, bytes, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
    return OB_OK;
}

enum ob_status core_buffer_append_str(struct ob_buffer *buffer, const char *text)
{
    return core_buffer_append(buffer, text, strlen(text));
}

enum ob_status core_buffer_printf(struct ob_buffer *buffer, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int needed = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    if (needed < 0)
        return OB_ERR_INTERNAL;
    enum ob_status status = core_buffer_reserve(buffer, (size_t)needed);
    if (status != OB_OK)
        return status;
    va_start(args, fmt);
    vsnprintf((char *)buffer->data + buffer->length, (size_t)needed + 1, fmt, args);
    va_end(args);
    buffer->length += (size_t)needed;
    return OB_OK;
}

const char *core_buffer_str(const struct ob_buffer *buffer)
{
    return buffer->data != NULL ? (const char *)buffer->data : "";
}

enum ob_status core_buffer_read_fd(struct ob_buffer *buffer, int fd, const char **reason)
{
    const char *unused;
    if (reason == NULL)
        reason = &unused;
    buffer->length = 0;
    enum ob_status status = OB_OK;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *reason = _("not a regular file");
        return OB_ERR_IO;
    }
    for (;;) {
        if ((status = core_buffer_reserve(buffer, 1 << 16)) != OB_OK) {
            *reason = status == OB_ERR_LIMIT ? _("larger than the size limit")
                                             : ob_strerror(status);
            return status;
        }
        ssize_t got = read(fd, buffer->data + buffer->length, 1 << 16);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            *reason = strerror(errno);
            return ob_status_from_errno(errno);
        }
        if (got == 0)
            break;
        buffer->length += (size_t)got;
    }
    buffer->data[buffer->length] = '\0';
    return OB_OK;
}

enum ob_status core_buffer_read_file(struct ob_buffer *buffer, const char *path,
                                     const char **reason)
{
    const char *unused;
    if (reason == NULL)
        reason = &unused;
    buffer->length = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        *reason = strerror(errno);
        return ob_status_from_errno(errno);
    }
    enum ob_status status = core_buffer_read_fd(buffer, fd, reason);
    close(fd);
    return status;
}
