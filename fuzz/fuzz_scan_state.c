/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: decodes the input as one record of the scan state
 * (--state), with its checksum appended so the fuzzer reaches the fields,
 * and replays the reasons of every segment of what decoded, and the
 * members and notices of its archive part with their reasons. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan/state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_reason(void *user, enum ob_signal signal, const struct ob_indicator_ref *reason)
{
    size_t *count = user;
    if ((unsigned)signal >= OB_SIGNAL_COUNT || reason == NULL)
        __builtin_trap();
    ++*count;
}

static void check_texts(const struct scan_state_facts *facts)
{
    if (memchr(facts->label, '\0', sizeof(facts->label)) == NULL ||
        memchr(facts->type, '\0', sizeof(facts->type)) == NULL ||
        memchr(facts->owner, '\0', sizeof(facts->owner)) == NULL)
        __builtin_trap();
}

static bool on_member(void *user, const char *member, unsigned depth,
                      const struct scan_state_facts *facts)
{
    (void)depth;
    if (member == NULL)
        __builtin_trap();
    check_texts(facts);
    for (int segment = 0; segment < SCAN_STATE_SEGMENTS; segment++)
        scan_state_replay_reasons(facts, (enum scan_state_segment)segment, on_reason, user);
    return true;
}

static void on_notice(void *user, const char *member, const char *message)
{
    (void)member;
    if (message == NULL)
        __builtin_trap();
    ++*(size_t *)user;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)1 << 20))
        return 0;
    unsigned char *record = malloc(size + 8);
    if (record == NULL)
        return 0;
    memcpy(record, data, size);
    uint64_t sum = 0xcbf29ce484222325ULL; /* 64-bit FNV-1a, as the state writes it */
    for (size_t i = 0; i < size; i++) {
        sum ^= data[i];
        sum *= 0x100000001b3ULL;
    }
    memcpy(record + size, &sum, sizeof(sum));
    struct scan_state_facts facts;
    scan_state_facts_init(&facts);
    if (scan_state_decode(record, size + 8, &facts)) {
        check_texts(&facts);
        size_t count = 0;
        for (int segment = 0; segment < SCAN_STATE_SEGMENTS; segment++)
            scan_state_replay_reasons(&facts, (enum scan_state_segment)segment, on_reason, &count);
        struct scan_state_events events = {.member = on_member,
                                           .notice = on_notice,
                                           .user = &count};
        if (!scan_state_each_event(&facts, &events))
            __builtin_trap(); /* decoding checked every event */
    }
    scan_state_facts_release(&facts);
    free(record);
    return 0;
}
