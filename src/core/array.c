/* SPDX-License-Identifier: Apache-2.0 */
/* Growing a caller's array by doubling, with a cap and no overflow. */
#include "core/array.h"

#include <stdint.h>
#include <stdlib.h>

/* The most items of `item_size` bytes an array may hold: `max`, or fewer
 * when their bytes would not fit a size_t. */
static size_t most_items(size_t item_size, size_t max)
{
    size_t fit = SIZE_MAX / item_size;
    return max < fit ? max : fit;
}

enum ob_status core_array_grow(void **items, size_t *capacity, size_t needed, size_t item_size,
                               size_t first, size_t max)
{
    if (needed <= *capacity)
        return OB_OK;
    if (item_size == 0)
        return OB_ERR_INVALID_ARGUMENT;
    size_t most = most_items(item_size, max);
    if (needed > most)
        return OB_ERR_LIMIT;
    size_t grown = *capacity > SIZE_MAX / 2 ? SIZE_MAX : *capacity * 2;
    if (grown < first)
        grown = first;
    while (grown < needed)
        grown = grown == 0 || grown > SIZE_MAX / 2 ? needed : grown * 2;
    if (grown > most)
        grown = most;
    void *moved = realloc(*items, grown * item_size);
    if (moved == NULL)
        return OB_ERR_NOMEM;
    *items = moved;
    *capacity = grown;
    return OB_OK;
}

enum ob_status core_array_grow_counted(void **items, size_t count, size_t item_size, size_t first,
                                       size_t max)
{
    if (item_size == 0)
        return OB_ERR_INVALID_ARGUMENT;
    if (count == SIZE_MAX)
        return OB_ERR_LIMIT;
    /* The capacity core_array_grow gave on the way to `count`: none for an
     * empty array, else `first` doubled until the count fits, within the
     * same bound. */
    size_t capacity = 0;
    if (count > 0) {
        capacity = first > 0 ? first : 1;
        while (capacity < count)
            capacity = capacity > SIZE_MAX / 2 ? count : capacity * 2;
        size_t most = most_items(item_size, max);
        if (capacity > most)
            capacity = most;
    }
    return core_array_grow(items, &capacity, count + 1, item_size, first, max);
}
