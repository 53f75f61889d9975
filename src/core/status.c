/* SPDX-License-Identifier: Apache-2.0 */
/* Status codes and their descriptions. */
#include <errno.h>

#include "core/i18n.h"
#include "oberig/core.h"

const char *ob_strerror(enum ob_status status)
{
    switch (status) {
    case OB_OK: return _("success");
    case OB_ERR_NOMEM: return _("out of memory");
    case OB_ERR_IO: return _("input/output error");
    case OB_ERR_NOT_FOUND: return _("not found");
    case OB_ERR_PERMISSION: return _("permission denied");
    case OB_ERR_INVALID_ARGUMENT: return _("invalid argument");
    case OB_ERR_PARSE: return _("malformed input");
    case OB_ERR_LIMIT: return _("limit reached");
    case OB_ERR_UNSUPPORTED: return _("unsupported input");
    case OB_ERR_RULES: return _("rules failed to compile");
    case OB_ERR_INTERNAL: return _("internal error");
    }
    return _("unknown status");
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
