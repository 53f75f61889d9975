/* SPDX-License-Identifier: Apache-2.0 */
/* oberig version: the program's version. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "oberig/core.h"

void ob_cmd_version_help(FILE *out)
{
    fprintf(out, "usage: oberig version\n\nPrints the version of oberig.\n");
}

int ob_cmd_version(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        ob_cmd_version_help(stdout);
        return OB_EXIT_CLEAN;
    }
    printf("oberig %s\n", OB_VERSION_STRING);
    return OB_EXIT_CLEAN;
}
