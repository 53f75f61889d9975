/* SPDX-License-Identifier: Apache-2.0 */
/* What a block of bytes looks like: its entropy, its most frequent byte, and
 * whether it is one short pattern repeated (a wiper's fill); little-endian
 * fields and CRC-32 for the on-disk formats read by hand. */
#ifndef OB_CORE_BYTES_H
#define OB_CORE_BYTES_H

#include <stddef.h>
#include <stdint.h>

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

/* Little-endian unsigned fields of 2, 4 and 8 bytes at `p`. */
static inline uint32_t core_le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static inline uint32_t core_le32(const unsigned char *p)
{
    return core_le16(p) | core_le16(p + 2) << 16;
}

static inline uint64_t core_le64(const unsigned char *p)
{
    return (uint64_t)core_le32(p) | (uint64_t)core_le32(p + 4) << 32;
}

/* CRC-32 (IEEE 802.3, reflected: zlib's, GPT's, 7z's, RAR's) of `data`
 * continuing `crc` (0 to start), bit by bit: the inputs are headers of a
 * few KiB, and no table means no global state. */
uint32_t core_crc32_update(uint32_t crc, const unsigned char *data, size_t length);

#endif
