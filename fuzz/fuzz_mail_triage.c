/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: arbitrary bytes triaged as one mail message, every check
 * included (authentication headers, sender, look-alikes through ICU and
 * libpsl, links, attachments through the scan engine with libmagic and
 * libarchive, content cues, forwarded messages). The seed corpus is
 * fuzz_mail_message's. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "oberig/core.h"
#include "oberig/mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touches every string of the result so a dangling pointer shows up, and
 * checks what every result promises. */
static void on_result(void *user, const struct ob_mail_result *result)
{
    size_t *total = user;
    *total += strlen(result->source) + strlen(result->message_id) + strlen(result->from) +
              strlen(result->subject) + strlen(result->advice);
    int previous = INT32_MAX;
    for (size_t i = 0; i < result->reason_count; i++) {
        const struct ob_mail_reason *reason = &result->reasons[i];
        if (reason->score > previous || reason->explanation[0] == '\0')
            __builtin_trap(); /* reasons come highest first, each explained */
        previous = reason->score;
        *total += strlen(reason->signal) + strlen(reason->evidence);
    }
    for (size_t i = 0; i < result->indicator_count; i++) {
        const struct ob_mail_indicator *indicator = &result->indicators[i];
        *total += strlen(indicator->kind) + strlen(indicator->value);
        if (indicator->sha256 != NULL)
            *total += strlen(indicator->sha256) + strlen(indicator->md5);
    }
    for (size_t i = 0; i < result->notice_count; i++)
        *total += strlen(result->notices[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The engine's built-in data is loaded once for the whole run. */
    static struct ob_context *ctx;
    static struct ob_mail *mail;
    if (mail == NULL) {
        ctx = ob_context_new(fuzz_quiet, NULL);
        struct ob_mail_options options;
        ob_mail_options_init(&options);
        if (ctx == NULL || ob_mail_new(ctx, &options, &mail) != OB_OK)
            __builtin_trap();
    }
    size_t total = 0;
    enum ob_status status = ob_mail_triage_buffer(mail, "fuzz", (const char *)data, size, on_result,
                                                  &total);
    if (status != OB_OK && status != OB_ERR_NOMEM)
        __builtin_trap(); /* malformed input is never an error */
    volatile size_t sink = total;
    (void)sink;
    return 0;
}
