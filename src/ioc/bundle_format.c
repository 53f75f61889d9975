/* SPDX-License-Identifier: Apache-2.0 */
/* The content of an indicator bundle, inside its OpenPGP signature: a
 * manifest of files with their sizes and SHA-256s, then the files' bytes;
 * written from memory, and read back and unpacked with hard limits. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/array.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/text.h"
#include "ioc/bundle_internal.h"

static const char magic[] = "oberig-indicator-bundle 1\n";

void ioc_bundle_release(struct ioc_bundle *bundle)
{
    for (size_t i = 0; i < bundle->count; i++)
        free(bundle->members[i].path);
    free(bundle->members);
    memset(bundle, 0, sizeof(*bundle));
}

bool ioc_bundle_path_ok(const char *path, size_t length)
{
    if (length == 0 || length > IOC_BUNDLE_PATH_MAX || path[0] == '/')
        return false;
    size_t depth = 1, component = 0;
    for (size_t i = 0; i <= length; i++) {
        if (i == length || path[i] == '/') {
            /* Empty, ".", ".." and hidden components are refused. */
            if (component == 0 || path[i - component] == '.')
                return false;
            if (i < length && ++depth > IOC_BUNDLE_DEPTH_MAX)
                return false;
            component = 0;
            continue;
        }
        unsigned char c = (unsigned char)path[i];
        if (c < 0x20 || c == 0x7f || c == '\\')
            return false;
        if (++component > 255)
            return false;
    }
    return core_utf8_valid(path, length);
}

enum ob_status ioc_bundle_add(struct ioc_bundle *bundle, const char *path,
                              const unsigned char *data, size_t length)
{
    if (bundle->count >= IOC_BUNDLE_MEMBERS_MAX)
        return OB_ERR_LIMIT;
    if (length > IOC_BUNDLE_CONTENT_MAX - bundle->total)
        return OB_ERR_LIMIT;
    enum ob_status status = core_array_grow((void **)&bundle->members, &bundle->capacity,
                                            bundle->count + 1, sizeof(*bundle->members), 16,
                                            IOC_BUNDLE_MEMBERS_MAX);
    if (status != OB_OK)
        return status;
    char *copy = strdup(path);
    if (copy == NULL)
        return OB_ERR_NOMEM;
    bundle->members[bundle->count++] =
        (struct ioc_bundle_member){.path = copy, .data = data, .length = length};
    bundle->total += length;
    return OB_OK;
}

enum ob_status ioc_bundle_write(const struct ioc_bundle *bundle, struct ob_buffer *out)
{
    struct ob_hasher *hasher = NULL;
    enum ob_status status = core_hasher_new(&hasher);
    if (status == OB_OK)
        status = core_buffer_append_str(out, magic);
    for (size_t i = 0; status == OB_OK && i < bundle->count; i++) {
        const struct ioc_bundle_member *member = &bundle->members[i];
        unsigned char digest[OB_SHA256_LEN];
        char hex[2 * OB_SHA256_LEN + 1];
        status = core_hasher_sha256(hasher, member->data, member->length, digest);
        if (status != OB_OK)
            break;
        core_hex_encode(digest, sizeof(digest), hex);
        status = core_buffer_printf(out, "file %zu %s %s\n", member->length, hex, member->path);
    }
    if (status == OB_OK)
        status = core_buffer_append_str(out, "end\n");
    for (size_t i = 0; status == OB_OK && i < bundle->count; i++)
        status = core_buffer_append(out, bundle->members[i].data, bundle->members[i].length);
    core_hasher_free(hasher);
    return status;
}

/* Reads a decimal size without sign, leading zeros or overflow. */
static bool parse_size(const char *text, size_t length, size_t *out)
{
    if (length == 0 || length > 19 || (length > 1 && text[0] == '0'))
        return false;
    size_t value = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (size_t)(text[i] - '0');
    }
    *out = value;
    return true;
}

/* What is wrong with a manifest line; each has its own whole sentence. */
enum manifest_fault { FAULT_KEYWORD, FAULT_SIZE, FAULT_SHA256, FAULT_NAME, FAULT_TWICE, FAULT_END };

static enum ob_status malformed(struct ob_context *ctx, size_t line, enum manifest_fault fault)
{
    switch (fault) {
    case FAULT_KEYWORD:
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("malformed indicator bundle: line %zu is not 'file' or 'end'"),
                               line);
    case FAULT_SIZE:
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("malformed indicator bundle: line %zu has a bad size"), line);
    case FAULT_SHA256:
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("malformed indicator bundle: line %zu has a bad SHA-256"), line);
    case FAULT_NAME:
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("malformed indicator bundle: line %zu has an unsafe file name"),
                               line);
    case FAULT_TWICE:
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("malformed indicator bundle: line %zu names a file again"), line);
    case FAULT_END: break;
    }
    return ob_context_fail(ctx, OB_ERR_PARSE,
                           _("malformed indicator bundle: the manifest has no end (line %zu)"),
                           line);
}

/* One manifest line "file SIZE SHA256 PATH" into `bundle`; the data is
 * set once the manifest's end is known. */
static enum ob_status parse_line(struct ob_context *ctx, struct ioc_bundle *bundle,
                                 const char *line, size_t length, size_t number)
{
    unsigned char digest[OB_SHA256_LEN];
    if (length < 5 || memcmp(line, "file ", 5) != 0)
        return malformed(ctx, number, FAULT_KEYWORD);
    const char *at = line + 5, *end = line + length;
    const char *space = memchr(at, ' ', (size_t)(end - at));
    size_t size = 0;
    if (space == NULL || !parse_size(at, (size_t)(space - at), &size))
        return malformed(ctx, number, FAULT_SIZE);
    at = space + 1;
    if ((size_t)(end - at) < 2 * OB_SHA256_LEN + 2 || at[2 * OB_SHA256_LEN] != ' ' ||
        !core_hex_decode(at, 2 * OB_SHA256_LEN, digest))
        return malformed(ctx, number, FAULT_SHA256);
    at += 2 * OB_SHA256_LEN + 1;
    if (!ioc_bundle_path_ok(at, (size_t)(end - at)))
        return malformed(ctx, number, FAULT_NAME);
    for (size_t i = 0; i < bundle->count; i++)
        if (strlen(bundle->members[i].path) == (size_t)(end - at) &&
            memcmp(bundle->members[i].path, at, (size_t)(end - at)) == 0)
            return malformed(ctx, number, FAULT_TWICE);
    if (bundle->count >= IOC_BUNDLE_MEMBERS_MAX)
        return ob_context_fail(ctx, OB_ERR_LIMIT, _("indicator bundle holds more than %d files"),
                               IOC_BUNDLE_MEMBERS_MAX);
    if (size > IOC_BUNDLE_CONTENT_MAX - bundle->total)
        return ob_context_fail(ctx, OB_ERR_LIMIT, _("indicator bundle holds more than %zu MiB"),
                               IOC_BUNDLE_CONTENT_MAX >> 20);
    enum ob_status status = core_array_grow((void **)&bundle->members, &bundle->capacity,
                                            bundle->count + 1, sizeof(*bundle->members), 16,
                                            IOC_BUNDLE_MEMBERS_MAX);
    if (status != OB_OK)
        return status;
    char *path = strndup(at, (size_t)(end - at));
    if (path == NULL)
        return OB_ERR_NOMEM;
    struct ioc_bundle_member *member = &bundle->members[bundle->count++];
    *member = (struct ioc_bundle_member){.path = path, .length = size};
    memcpy(member->sha256, digest, sizeof(member->sha256));
    bundle->total += size;
    return OB_OK;
}

enum ob_status ioc_bundle_parse(struct ob_context *ctx, const unsigned char *content, size_t length,
                                struct ioc_bundle *bundle)
{
    memset(bundle, 0, sizeof(*bundle));
    const char *text = (const char *)content;
    size_t magic_length = sizeof(magic) - 1;
    if (length < magic_length || memcmp(text, magic, magic_length) != 0)
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("not an oberig indicator bundle (or a newer version of one)"));
    struct ob_hasher *hasher = NULL;
    if (core_hasher_new(&hasher) != OB_OK)
        return OB_ERR_NOMEM;
    enum ob_status status = OB_OK;
    size_t at = magic_length, number = 1;
    bool ended = false;
    while (status == OB_OK && !ended) {
        number++;
        const char *newline = at < length ? memchr(text + at, '\n', length - at) : NULL;
        if (newline == NULL) {
            status = malformed(ctx, number, FAULT_END);
            break;
        }
        size_t line_length = (size_t)(newline - (text + at));
        if (line_length == 3 && memcmp(text + at, "end", 3) == 0)
            ended = true;
        else
            status = parse_line(ctx, bundle, text + at, line_length, number);
        at += line_length + 1;
    }
    if (status == OB_OK && length - at != bundle->total)
        status = ob_context_fail(ctx, OB_ERR_PARSE,
                                 _("malformed indicator bundle: the manifest lists %zu bytes, "
                                   "the bundle holds %zu"),
                                 bundle->total, length - at);
    for (size_t i = 0; status == OB_OK && i < bundle->count; i++) {
        struct ioc_bundle_member *member = &bundle->members[i];
        member->data = content + at;
        at += member->length;
        unsigned char digest[OB_SHA256_LEN];
        status = core_hasher_sha256(hasher, member->data, member->length, digest);
        if (status == OB_OK && memcmp(digest, member->sha256, OB_SHA256_LEN) != 0)
            status = ob_context_fail(ctx, OB_ERR_PARSE,
                                     _("malformed indicator bundle: '%s' does not match its "
                                       "SHA-256 in the manifest"),
                                     member->path);
    }
    core_hasher_free(hasher);
    if (status != OB_OK)
        ioc_bundle_release(bundle);
    return status;
}

/* Opens (creating when asked) the folder `name` inside `parent`, never
 * through a symlink. */
static int open_folder(int parent, const char *name, bool create)
{
    if (create && mkdirat(parent, name, 0700) != 0 && errno != EEXIST)
        return -1;
    return openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* Writes one member under the folder open at `root`. Its path was checked
 * by ioc_bundle_path_ok; files are created new (O_EXCL), so a file and a
 * folder of the same name, or any link, make the unpacking fail. */
static enum ob_status unpack_member(struct ob_context *ctx, int root,
                                    const struct ioc_bundle_member *member)
{
    char *path = strdup(member->path);
    if (path == NULL)
        return OB_ERR_NOMEM;
    int folder = dup(root);
    char *name = path;
    for (char *slash = strchr(name, '/'); folder >= 0 && slash != NULL; slash = strchr(name, '/')) {
        *slash = '\0';
        int next = open_folder(folder, name, true);
        close(folder);
        folder = next;
        name = slash + 1;
    }
    enum ob_status status = OB_OK;
    int fd = folder >= 0
                 ? openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)
                 : -1;
    int error = fd < 0 ? errno : 0;
    const unsigned char *at = member->data;
    size_t left = member->length;
    while (fd >= 0 && left > 0) {
        ssize_t written = write(fd, at, left);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            error = written < 0 ? errno : EIO;
            break;
        }
        at += written;
        left -= (size_t)written;
    }
    if (fd >= 0 && close(fd) != 0 && error == 0)
        error = errno;
    if (folder >= 0)
        close(folder);
    if (error != 0)
        status = ob_context_fail(ctx, ob_status_from_errno(error),
                                 _("cannot unpack '%s' from the indicator bundle: %s"),
                                 member->path, strerror(error));
    free(path);
    return status;
}

enum ob_status ioc_bundle_unpack(struct ob_context *ctx, const struct ioc_bundle *bundle,
                                 const char *folder)
{
    int root = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (root < 0)
        return ob_context_fail(ctx, ob_status_from_errno(errno), _("cannot open folder '%s': %s"),
                               folder, strerror(errno));
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < bundle->count; i++)
        status = unpack_member(ctx, root, &bundle->members[i]);
    close(root);
    return status;
}
