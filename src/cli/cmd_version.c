/* SPDX-License-Identifier: Apache-2.0 */
/* oberig version: the program's version. */
#include <stdio.h>

#include "cli/cli.h"
#include "oberig/core.h"

void ob_cmd_version_help(FILE *out)
{
    fputs("usage: oberig version\n\nPrints the version of oberig.\n\noptions:\n", out);
    ob_cli_help_every(out, 12);
}

int ob_cmd_version(int argc, char **argv)
{
    static const struct option longs[] = {{NULL, 0, NULL, 0}};
    struct ob_cli_args args;
    ob_cli_args_init(&args, "version", 0);
    while (ob_cli_getopt(&args, argc, argv, "", longs) != -1)
        continue;
    int status = ob_cli_args_finish(&args, ob_cmd_version_help);
    if (status >= 0)
        return status;
    if (optind < argc)
        return ob_cli_usage_error("version", "unexpected argument '%s'", argv[optind]);
    printf("oberig %s\n", OB_VERSION_STRING);
    return OB_EXIT_CLEAN;
}
