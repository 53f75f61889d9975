/* SPDX-License-Identifier: Apache-2.0 */
/* Elapsed time on the monotonic clock, written once for every command. */
#include "core/clock.h"

struct timespec core_clock_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now;
}

double core_clock_seconds_since(const struct timespec *start)
{
    struct timespec now = core_clock_now();
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}
