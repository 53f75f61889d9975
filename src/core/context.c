/* SPDX-License-Identifier: Apache-2.0 */
/* The context: log callback plus the last error's detail text. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "oberig/core.h"

struct ob_context {
    ob_log_fn log;
    void *user;
    char last_error[1024];
};

struct ob_context *ob_context_new(ob_log_fn log, void *user)
{
    struct ob_context *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL)
        return NULL;
    ctx->log = log;
    ctx->user = user;
    return ctx;
}

void ob_context_free(struct ob_context *ctx)
{
    free(ctx);
}

const char *ob_context_last_error(const struct ob_context *ctx)
{
    return ctx != NULL ? ctx->last_error : "";
}

enum ob_status ob_context_fail(struct ob_context *ctx, enum ob_status status, const char *fmt, ...)
{
    if (ctx == NULL)
        return status;
    va_list args;
    va_start(args, fmt);
    vsnprintf(ctx->last_error, sizeof(ctx->last_error), fmt, args);
    va_end(args);
    return status;
}

void ob_context_log(const struct ob_context *ctx, enum ob_log_level level, const char *fmt, ...)
{
    if (ctx == NULL || ctx->log == NULL)
        return;
    char message[2048];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof(message), fmt, args);
    va_end(args);
    ctx->log(ctx->user, level, message);
}
