/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: parses the input as a dpkg status file and as an
 * md5sums file, with the checks both parsers promise. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "oberig/packages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool is_md5(const char *text)
{
    if (strlen(text) != 32)
        return false;
    for (size_t i = 0; i < 32; i++)
        if (strchr("0123456789abcdef", text[i]) == NULL)
            return false;
    return true;
}

/* Every package has a name; every conffile an absolute path and an MD5. */
static bool on_package(void *user, const struct ob_dpkg_package *package)
{
    (void)user;
    if (package->name == NULL || package->name[0] == '\0' || package->architecture == NULL)
        __builtin_trap();
    for (size_t i = 0; i < package->conffile_count; i++)
        if (package->conffiles[i].path[0] != '/' || !is_md5(package->conffiles[i].md5))
            __builtin_trap();
    return true;
}

/* A line is either malformed (both NULL) or a lowercase MD5 and a relative
 * path without a ".." component. */
static bool on_sum(void *user, size_t line, const char *md5, const char *path)
{
    (void)user;
    if (line == 0 || (md5 == NULL) != (path == NULL))
        __builtin_trap();
    if (md5 != NULL &&
        (!is_md5(md5) || path[0] == '\0' || path[0] == '/' || strcmp(path, "..") == 0 ||
         strncmp(path, "../", 3) == 0 || strstr(path, "/../") != NULL))
        __builtin_trap();
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    if (ob_dpkg_status_parse(text, size, on_package, NULL) != OB_OK)
        return 0;
    if (ob_dpkg_md5sums_parse(text, size, on_sum, NULL) != OB_OK)
        return 0;
    return 0;
}
