/* SPDX-License-Identifier: Apache-2.0 */
/* Chunked string storage with a cap on the total. */
#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE ((size_t)1 << 20)
#define DEFAULT_CAP ((size_t)1 << 30)

struct ob_arena_chunk {
    struct ob_arena_chunk *next;
    size_t used, size;
    char bytes[];
};

void core_arena_init(struct ob_arena *arena, size_t cap)
{
    memset(arena, 0, sizeof(*arena));
    arena->cap = cap;
}

void core_arena_release(struct ob_arena *arena)
{
    for (struct ob_arena_chunk *chunk = arena->chunks, *next; chunk != NULL; chunk = next) {
        next = chunk->next;
        free(chunk);
    }
    arena->chunks = NULL;
    arena->total = 0;
}

enum ob_status core_arena_strdup(struct ob_arena *arena, const char *text, size_t length,
                                 const char **out)
{
    size_t cap = arena->cap != 0 ? arena->cap : DEFAULT_CAP;
    if (length >= cap)
        return OB_ERR_LIMIT;
    struct ob_arena_chunk *chunk = arena->chunks;
    if (chunk == NULL || chunk->size - chunk->used < length + 1) {
        size_t size = length + 1 > CHUNK_SIZE ? length + 1 : CHUNK_SIZE;
        if (arena->total > cap || size > cap - arena->total)
            return OB_ERR_LIMIT;
        chunk = malloc(sizeof(*chunk) + size);
        if (chunk == NULL)
            return OB_ERR_NOMEM;
        chunk->next = arena->chunks;
        chunk->used = 0;
        chunk->size = size;
        arena->chunks = chunk;
        arena->total += size;
    }
    char *copy = chunk->bytes + chunk->used;
    if (length > 0) /* `text` may be NULL then */
        memcpy(copy, text, length);
    copy[length] = '\0';
    chunk->used += length + 1;
    *out = copy;
    return OB_OK;
}
