/* SPDX-License-Identifier: Apache-2.0 */
/* oberig version: the program's version. */
#include <stdio.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "oberig/core.h"

void cli_cmd_version_help(FILE *out)
{
    fputs(_("usage: oberig version\n\nPrints the version of oberig.\n\noptions:\n"), out);
    cli_help_every(out, 12);
}

int cli_cmd_version(int argc, char **argv)
{
    static const struct option longs[] = {{NULL, 0, NULL, 0}};
    struct ob_cli_args args;
    cli_args_init(&args, "version", 0);
    while (cli_getopt(&args, argc, argv, "", longs) != -1)
        continue;
    int status = cli_args_finish(&args, cli_cmd_version_help);
    if (status >= 0)
        return status;
    if (optind < argc)
        return cli_usage_error("version", _("unexpected argument '%s'"), argv[optind]);
    printf("oberig %s\n", OB_VERSION_STRING);
    return OB_EXIT_CLEAN;
}
