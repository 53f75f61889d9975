/* SPDX-License-Identifier: Apache-2.0 */
/* Strings kept together until one release: chunks that never move, with a
 * cap on the total, for tables that hold many small strings. */
#ifndef OB_CORE_ARENA_H
#define OB_CORE_ARENA_H

#include <stddef.h>

#include "oberig/core.h"

struct ob_arena_chunk;

/* Caller-owned; zero-initialise or core_arena_init, then core_arena_release. */
struct ob_arena {
    struct ob_arena_chunk *chunks;
    size_t total; /* bytes of all chunks */
    size_t cap;   /* most bytes it may hold; 0 means 1 GiB */
};

void core_arena_init(struct ob_arena *arena, size_t cap);
void core_arena_release(struct ob_arena *arena);

/* Copies `length` bytes (any bytes; `text` may be NULL when `length` is 0)
 * and a NUL into the arena; *out lives until the arena is released.
 * Errors: OB_ERR_LIMIT when the chunks would hold more than the cap,
 * OB_ERR_NOMEM. Not thread-safe: one arena, one writer. */
enum ob_status core_arena_strdup(struct ob_arena *arena, const char *text, size_t length,
                                 const char **out) OB_WARN_UNUSED;

#endif
