/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the input as the `oberig mail --brands` file, loaded
 * with the built-in mail data by ob_mail_new; when it loads, a message made
 * from its first lines (their names as sender, their domains in links and
 * addresses) is triaged, so the checks meet the user's brands. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/buffer.h"
#include "fuzz_common.h"
#include "oberig/core.h"
#include "oberig/mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BRANDS_USED 4
#define FIELD_MAX 200

static void on_result(void *user, const struct ob_mail_result *result)
{
    size_t *total = user;
    for (size_t i = 0; i < result->reason_count; i++)
        *total += strlen(result->reasons[i].evidence) + strlen(result->reasons[i].explanation);
}

/* Copies the bytes [from, to) of a line, without NUL, CR or LF, capped. */
static void field(char *out, const char *from, const char *to)
{
    size_t used = 0;
    for (; from < to && used < FIELD_MAX; from++)
        if (*from != '\0' && *from != '\r' && *from != '\n')
            out[used++] = *from;
    out[used] = '\0';
}

/* A message naming the brands of the first lines "Name: domain ...". */
static void build_message(struct ob_buffer *message, const char *text, size_t length)
{
    char name[FIELD_MAX + 1], domain[FIELD_MAX + 1];
    size_t used = 0;
    const char *line = text, *end = text + length;
    while (line < end && used < BRANDS_USED) {
        const char *stop = memchr(line, '\n', (size_t)(end - line));
        if (stop == NULL)
            stop = end;
        const char *colon = memchr(line, ':', (size_t)(stop - line));
        if (colon != NULL) {
            field(name, line, colon);
            const char *word = colon + 1;
            while (word < stop && (*word == ' ' || *word == '\t' || *word == ','))
                word++;
            const char *word_end = word;
            while (word_end < stop && *word_end != ' ' && *word_end != '\t' && *word_end != ',')
                word_end++;
            field(domain, word, word_end);
            size_t label = strcspn(domain, ".");
            if (used == 0 && core_buffer_printf(message,
                                                "From: \"%s\" <security@%.*s-account.example>\n"
                                                "Reply-To: help@%s.verify.example\n"
                                                "Subject: %s: confirm your account\n"
                                                "Content-Type: text/html; charset=utf-8\n\n",
                                                name, (int)label, domain, domain, name) != OB_OK)
                return;
            if (core_buffer_printf(message,
                                   "<p>%s</p><a href=\"https://%s.login.example/\">https://%s/</a>"
                                   "<a href=\"http://%.*s.example/\">%s</a>\n",
                                   name, domain, domain, (int)label, domain, name) != OB_OK)
                return;
            used++;
        }
        line = stop + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The brands file is a memory file, read by path as the CLI's would be. */
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("brands", 0);
        if (fd < 0)
            __builtin_trap();
        snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        __builtin_trap(); /* the fuzzer's own set-up failed */

    struct ob_context *ctx = ob_context_new(fuzz_quiet, NULL);
    if (ctx == NULL)
        return 0;
    struct ob_mail_options options;
    ob_mail_options_init(&options);
    options.brands_file = path;
    struct ob_mail *mail = NULL;
    enum ob_status status = ob_mail_new(ctx, &options, &mail);
    if (status != OB_OK) {
        if (mail != NULL || (status != OB_ERR_NOMEM && ob_context_last_error(ctx)[0] == '\0'))
            __builtin_trap(); /* a brands file that does not load says why */
        goto out;
    }
    struct ob_buffer message;
    core_buffer_init(&message, (size_t)1 << 20);
    build_message(&message, (const char *)data, size);
    size_t total = 0;
    status = ob_mail_triage_buffer(mail, "fuzz", (const char *)message.data, message.length,
                                   on_result, &total);
    if (status != OB_OK && status != OB_ERR_NOMEM)
        __builtin_trap(); /* a message is never an error */
    volatile size_t sink = total;
    (void)sink;
    core_buffer_release(&message);
out:
    ob_mail_free(mail);
    ob_context_free(ctx);
    return 0;
}
