/* SPDX-License-Identifier: Apache-2.0 */
/* What several commands share: their log callback, opening the
 * indicator store (scan, mail), and the --color option. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "oberig/ioc.h"

bool ob_cli_open_store(struct ob_context *ctx, const char *db, struct ob_ioc_store **store)
{
    *store = NULL;
    char *fallback = NULL;
    const char *path = db != NULL ? db : (fallback = ob_ioc_store_default_path());
    enum ob_status status =
        path != NULL ? ob_ioc_store_open(ctx, path, false, store) : OB_ERR_NOT_FOUND;
    free(fallback);
    /* No store yet is normal; a store named with --db must be there; a
     * default store that cannot be read is said loudly, not fatal. */
    if (status != OB_OK && db != NULL) {
        fputs("oberig: ", stderr);
        ob_put_safe(stderr, ob_context_last_error(ctx));
        fputc('\n', stderr);
        return false;
    }
    if (status != OB_OK && status != OB_ERR_NOT_FOUND) {
        fputs("oberig: warning: ", stderr);
        ob_put_safe(stderr, ob_context_last_error(ctx));
        fputs("; going on without the indicator store\n", stderr);
    }
    return true;
}

void ob_cli_log(void *user, enum ob_log_level level, const char *message)
{
    struct ob_cli_log *log = user;
    if (level == OB_LOG_DEBUG || (level == OB_LOG_INFO && !log->verbose))
        return;
    if (level == OB_LOG_WARNING && !log->verbose && log->warnings++ >= OB_CLI_QUIET_WARNINGS)
        return;
    fprintf(stderr, "oberig: %s: ", level == OB_LOG_ERROR     ? "error"
                                     : level == OB_LOG_WARNING ? "warning"
                                                               : "info");
    ob_put_safe(stderr, message);
    fputc('\n', stderr);
}

void ob_cli_log_finish(const struct ob_cli_log *log)
{
    if (log->warnings > OB_CLI_QUIET_WARNINGS && !log->verbose)
        fprintf(stderr, "oberig: %zu more warnings not shown (use --verbose)\n",
                log->warnings - OB_CLI_QUIET_WARNINGS);
}

int ob_cli_color_mode(const char *when)
{
    if (strcmp(when, "auto") == 0)
        return OB_CLI_COLOR_AUTO;
    if (strcmp(when, "never") == 0)
        return OB_CLI_COLOR_NEVER;
    if (strcmp(when, "always") == 0)
        return OB_CLI_COLOR_ALWAYS;
    return -2;
}

bool ob_cli_use_color(int mode, FILE *out)
{
    if (mode != OB_CLI_COLOR_AUTO)
        return mode == OB_CLI_COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    return isatty(fileno(out)) == 1 && (no_color == NULL || no_color[0] == '\0');
}
