/* SPDX-License-Identifier: Apache-2.0 */
/* Status codes and their descriptions. */
#include <errno.h>
#include "oberig/core.h"

const char *ob_strerror(enum ob_status status)
{
    switch (status) {
    case OB_OK: return "success";
    case OB_ERR_NOMEM: return "out of memory";
    case OB_ERR_IO: return "input/output error";
    case OB_ERR_NOT_FOUND: return "not found";
    case OB_ERR_PERMISSION: return "permission denied";
    case OB_ERR_INVALID_ARGUMENT: return "invalid argument";
    case OB_ERR_PARSE: return "malformed input";
    case OB_ERR_LIMIT: return "limit reached";
    case OB_ERR_UNSUPPORTED: return "unsupported input";
    case OB_ERR_RULES: return "rules failed to compile";
    case OB_ERR_INTERNAL: return "internal error";
    }
    return "unknown status";
}

enum ob_status ob_status_from_errno(int error)
{
    switch (error) {
    case ENOENT:
    case ENOTDIR: return OB_ERR_NOT_FOUND;
    case EACCES:
    case EPERM: return OB_ERR_PERMISSION;
    case ENOMEM: return OB_ERR_NOMEM;
    default: return OB_ERR_IO;
    }
}
