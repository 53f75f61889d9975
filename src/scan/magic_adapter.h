/* SPDX-License-Identifier: Apache-2.0 */
/* libmagic adapter: the real type of content, one cookie per thread. */
#ifndef OB_SCAN_MAGIC_ADAPTER_H
#define OB_SCAN_MAGIC_ADAPTER_H

#include <stddef.h>

#include "oberig/core.h"

struct ob_magic;

/* Loads the system magic database. Errors: OB_ERR_INTERNAL when libmagic
 * cannot open or load it (detail in `ctx`). */
enum ob_status scan_magic_new(struct ob_context *ctx, struct ob_magic **out) OB_WARN_UNUSED;
void scan_magic_free(struct ob_magic *magic);

/* Writes libmagic's description of `data` (only the first bytes are
 * examined) into `out`, e.g. "PE32 executable (GUI) Intel 80386, for MS
 * Windows". Writes "" when libmagic cannot tell. Not thread-safe. */
void scan_magic_describe(struct ob_magic *magic, const void *data, size_t length, char *out,
                         size_t out_size);

/* libmagic's version, as its magic_version() gives it (its descriptions
 * change with it). */
int scan_magic_version(void);

#endif
