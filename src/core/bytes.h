/* SPDX-License-Identifier: Apache-2.0 */
/* What a block of bytes looks like: its entropy, its most frequent byte, and
 * whether it is one short pattern repeated (a wiper's fill). */
#ifndef OB_CORE_BYTES_H
#define OB_CORE_BYTES_H

#include <stddef.h>

/* The longest pattern core_bytes_period looks for. */
#define CORE_BYTES_MAX_PERIOD 16

struct core_byte_stats {
    double entropy;    /* Shannon entropy in bits per byte, 0 to 8 (0 for no bytes) */
    unsigned top_byte; /* the most frequent byte (the lowest on a tie) */
    double top_share;  /* its share of the bytes, 0 to 1 */
};

/* Counts the bytes of `data`. */
void core_bytes_stats(const unsigned char *data, size_t length, struct core_byte_stats *out);

/* The shortest period p (1 to `max_period`, at most CORE_BYTES_MAX_PERIOD)
 * with data[i] == data[i + p] over the whole of `data`, or 0 when there is
 * none or `length` is not longer than twice the period: 1 for one repeated
 * byte, 2 for "00 ff 00 ff ...". Stops at the first difference, so real
 * content costs a few comparisons per period. */
size_t core_bytes_period(const unsigned char *data, size_t length, size_t max_period);

#endif
