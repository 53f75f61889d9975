/* SPDX-License-Identifier: Apache-2.0 */
/* An allocator hook for fault injection: a test linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup
 * (and tests/alloc_hook.c) has liboberig's allocations pass through it.
 * While `alloc_hook_armed`, each is counted in `alloc_hook_count`, and the
 * one whose number is `alloc_hook_fail_at` (from 1; 0: none) fails. The
 * libraries below liboberig (GMime, jansson, SQLite, libyara) allocate
 * unwrapped. */
#ifndef OB_TESTS_ALLOC_HOOK_H
#define OB_TESTS_ALLOC_HOOK_H

#include <stdbool.h>

extern long alloc_hook_count;
extern long alloc_hook_fail_at;
extern bool alloc_hook_armed;

#endif
