/* SPDX-License-Identifier: Apache-2.0 */
/* Arrays a caller owns: the one way to grow them, and the one binary search
 * over a sorted one. */
#ifndef OB_CORE_ARRAY_H
#define OB_CORE_ARRAY_H

#include <stddef.h>
#include <stdint.h> /* SIZE_MAX, for an array with no cap of its own */

#include "oberig/core.h"

/* Makes room for at least `needed` items of `item_size` bytes in the
 * malloc'd array *items, which holds room for *capacity items now (NULL and
 * 0 for none yet). When it is too small it grows to `first` items or twice
 * what it held, whichever is more, doubling until `needed` fit, and never
 * past `max` items; *items and *capacity are then updated. A `max` of
 * SIZE_MAX leaves only the limit of the address space.
 * Errors: OB_ERR_LIMIT when `needed` is over `max` or the bytes would not
 * fit a size_t, OB_ERR_NOMEM; on error the array and *capacity are as they
 * were. Thread-safe for distinct arrays. */
enum ob_status core_array_grow(void **items, size_t *capacity, size_t needed, size_t item_size,
                               size_t first, size_t max) OB_WARN_UNUSED;

/* The same for an array that keeps no capacity beside its `count` of items
 * and has grown only through this function, with the same `first`: makes
 * room for item number count + 1. Its capacity is implied by the count
 * (`first`, then the doubling steps), so a count that was changed any other
 * way than by adding one item at a time breaks it.
 * Errors: as core_array_grow. */
enum ob_status core_array_grow_counted(void **items, size_t count, size_t item_size, size_t first,
                                       size_t max) OB_WARN_UNUSED;

/* The index of the first of `count` items sorted in ascending order that is
 * not less than `key` (`count` when every item is less). `compare` gets the
 * key and an item, and returns a negative number, zero or a positive one
 * when the key sorts before, with or after the item, as for bsearch(3).
 * The items that equal the key follow from that index on. Inline, so that
 * the compiler can inline `compare` too: the mail's cue search runs it for
 * most words of every message. */
static inline size_t core_array_lower_bound(const void *items, size_t count, size_t item_size,
                                            const void *key,
                                            int (*compare)(const void *key, const void *item))
{
    const char *base = items;
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (compare(key, base + middle * item_size) > 0)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

#endif
