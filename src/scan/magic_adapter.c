/* SPDX-License-Identifier: Apache-2.0 */
/* libmagic adapter: the only file that includes magic.h. */
#include "scan/magic_adapter.h"

#include <stdio.h>
#include <stdlib.h>

#include <magic.h>

#include "core/i18n.h"

/* libmagic decides from the head of a file; more only costs time. */
#define DESCRIBE_BYTES (256 * 1024)

struct ob_magic {
    magic_t cookie;
};

enum ob_status scan_magic_new(struct ob_context *ctx, struct ob_magic **out)
{
    *out = NULL;
    struct ob_magic *magic = calloc(1, sizeof(*magic));
    if (magic == NULL)
        return OB_ERR_NOMEM;
    /* No decompression (archives are opened by libarchive) and no error
     * text in place of a type. */
    magic->cookie = magic_open(MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_TAR | MAGIC_RAW);
    if (magic->cookie == NULL) {
        free(magic);
        return ob_context_fail(ctx, OB_ERR_NOMEM, _("cannot start libmagic"));
    }
    if (magic_load(magic->cookie, NULL) != 0) {
        enum ob_status status = ob_context_fail(ctx, OB_ERR_INTERNAL,
                                                _("cannot load the libmagic database: %s"),
                                                magic_error(magic->cookie));
        magic_close(magic->cookie);
        free(magic);
        return status;
    }
    *out = magic;
    return OB_OK;
}

void scan_magic_free(struct ob_magic *magic)
{
    if (magic == NULL)
        return;
    magic_close(magic->cookie);
    free(magic);
}

void scan_magic_describe(struct ob_magic *magic, const void *data, size_t length, char *out,
                         size_t out_size)
{
    if (out_size == 0)
        return;
    out[0] = '\0';
    const char *description = magic_buffer(magic->cookie, data,
                                           length < DESCRIBE_BYTES ? length : DESCRIBE_BYTES);
    if (description != NULL)
        snprintf(out, out_size, "%s", description);
}

int scan_magic_version(void)
{
    return magic_version();
}
