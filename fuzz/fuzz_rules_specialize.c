/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: specialises the input as a rule file for content that
 * does not start with "MZ", with a stand-in for libyara that answers every
 * pe-only condition from its text, and checks what comes out. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/buffer.h"
#include "indicators/rules_specialize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* true, false or not known, from the condition's length. */
static int answer(const char *condition, size_t length, void *user)
{
    size_t *asked = user;
    (*asked)++;
    if (length == 0 || memchr(condition, '\0', length) != NULL)
        __builtin_trap(); /* always a piece of the input's text */
    return (int)(length % 3) - 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ob_buffer out;
    core_buffer_init(&out, (size_t)64 << 20);
    struct indicators_specialize_stats stats;
    size_t asked = 0;
    enum ob_status status = indicators_specialize_not_mz((const char *)data, size, answer, &asked,
                                                         &out, &stats);
    if (status == OB_OK) {
        if (stats.dropped > stats.rules || stats.rewritten > stats.rules - stats.dropped)
            __builtin_trap();
        /* Nothing changed: the text comes back as it was. */
        if (stats.dropped == 0 && stats.rewritten == 0 && !stats.pe_import_dropped &&
            (out.length != size || (size > 0 && memcmp(out.data, data, size) != 0)))
            __builtin_trap();
        /* Specialised text is itself understood, with the rules kept. */
        struct ob_buffer again;
        core_buffer_init(&again, (size_t)64 << 20);
        struct indicators_specialize_stats second;
        size_t asked_again = 0;
        enum ob_status status_again = indicators_specialize_not_mz((const char *)out.data,
                                                                   out.length, answer, &asked_again,
                                                                   &again, &second);
        if (status_again != OB_OK && status_again != OB_ERR_NOMEM)
            __builtin_trap();
        if (status_again == OB_OK && second.rules != stats.rules - stats.dropped)
            __builtin_trap();
        core_buffer_release(&again);
    } else if (status != OB_ERR_PARSE && status != OB_ERR_NOMEM) {
        __builtin_trap();
    }
    core_buffer_release(&out);
    return 0;
}
