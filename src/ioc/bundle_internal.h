/* SPDX-License-Identifier: Apache-2.0 */
/* The content of a signed indicator bundle (bundle_format.c): written from
 * files in memory, read back with limits, unpacked into a private folder. */
#ifndef OB_IOC_BUNDLE_INTERNAL_H
#define OB_IOC_BUNDLE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buffer.h"
#include "oberig/core.h"

#define IOC_BUNDLE_MEMBERS_MAX 10000               /* files in one bundle */
#define IOC_BUNDLE_CONTENT_MAX ((size_t)256 << 20) /* bytes of all its files */
#define IOC_BUNDLE_SIGNED_MAX ((size_t)256 << 20)  /* size of the signed file */
#define IOC_BUNDLE_PATH_MAX 1024                   /* bytes of a member's path */
#define IOC_BUNDLE_DEPTH_MAX 16                    /* folders in a member's path */

/* One file of a bundle: its path inside the bundle ("mvt/pegasus.stix2"),
 * owned; its bytes, borrowed from the caller (write) or the content (parse). */
struct ioc_bundle_member {
    char *path;
    const unsigned char *data;
    size_t length;
    unsigned char sha256[32]; /* SHA-256 the manifest gives (parse only) */
};

struct ioc_bundle {
    struct ioc_bundle_member *members;
    size_t count, capacity;
    size_t total; /* bytes of all members */
};

void ioc_bundle_release(struct ioc_bundle *bundle);

/* Whether `path` may name a member: relative, at most IOC_BUNDLE_PATH_MAX
 * bytes and IOC_BUNDLE_DEPTH_MAX components, none empty, hidden, "." or
 * "..", no control characters or backslashes, valid UTF-8. */
bool ioc_bundle_path_ok(const char *path, size_t length);

/* Adds a member (the path copied, the data borrowed). OB_ERR_LIMIT past
 * IOC_BUNDLE_MEMBERS_MAX files or IOC_BUNDLE_CONTENT_MAX bytes. */
enum ob_status ioc_bundle_add(struct ioc_bundle *bundle, const char *path,
                              const unsigned char *data, size_t length) OB_WARN_UNUSED;

/* Appends the content to `out`: the line "oberig-indicator-bundle 1", one
 * line "file SIZE SHA256 PATH" per member, the line "end", then the
 * members' bytes in the same order. */
enum ob_status ioc_bundle_write(const struct ioc_bundle *bundle,
                                struct ob_buffer *out) OB_WARN_UNUSED;

/* Reads content as written by ioc_bundle_write, checking every limit,
 * every path, and every member's size and SHA-256; the members' data
 * points into `content`. On failure (OB_ERR_PARSE, OB_ERR_LIMIT with the
 * reason in ctx, OB_ERR_NOMEM) the bundle is empty. */
enum ob_status ioc_bundle_parse(struct ob_context *ctx, const unsigned char *content, size_t length,
                                struct ioc_bundle *bundle) OB_WARN_UNUSED;

/* Writes every member under `folder` (an empty folder this program made),
 * creating subfolders, never following a link, never replacing a file. */
enum ob_status ioc_bundle_unpack(struct ob_context *ctx, const struct ioc_bundle *bundle,
                                 const char *folder) OB_WARN_UNUSED;

#endif
