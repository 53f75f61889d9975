/* SPDX-License-Identifier: Apache-2.0 */
/* Byte statistics of a block: entropy, most frequent byte, repeating period. */
#include "core/bytes.h"

#include <math.h>
#include <string.h>

void core_bytes_stats(const unsigned char *data, size_t length, struct core_byte_stats *out)
{
    size_t counts[256] = {0};
    for (size_t i = 0; i < length; i++)
        counts[data[i]]++;
    double entropy = 0;
    size_t top = 0;
    for (size_t b = 0; b < 256; b++) {
        if (counts[b] > counts[top])
            top = b;
        if (counts[b] != 0) {
            double p = (double)counts[b] / (double)length;
            entropy -= p * log2(p);
        }
    }
    out->entropy = length > 0 ? entropy : 0;
    out->top_byte = (unsigned)top;
    out->top_share = length > 0 ? (double)counts[top] / (double)length : 0;
}

size_t core_bytes_period(const unsigned char *data, size_t length, size_t max_period)
{
    if (max_period > CORE_BYTES_MAX_PERIOD)
        max_period = CORE_BYTES_MAX_PERIOD;
    /* data[i] == data[i + p] for every i: the block repeats with period p;
     * memcmp leaves at the first difference. */
    for (size_t period = 1; period <= max_period && 2 * period < length; period++)
        if (memcmp(data, data + period, length - period) == 0)
            return period;
    return 0;
}

uint32_t core_crc32_update(uint32_t crc, const unsigned char *data, size_t length)
{
    crc = ~crc;
    for (size_t i = 0; i < length; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}
