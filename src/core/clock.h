/* SPDX-License-Identifier: Apache-2.0 */
/* Elapsed time on the monotonic clock, for the summaries' "in N s". */
#ifndef OB_CORE_CLOCK_H
#define OB_CORE_CLOCK_H

#include <time.h>

/* The monotonic clock now, as a starting point for core_clock_seconds_since. */
struct timespec core_clock_now(void);

/* Seconds elapsed on the monotonic clock since `start`. */
double core_clock_seconds_since(const struct timespec *start);

#endif
