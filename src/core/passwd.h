/* SPDX-License-Identifier: Apache-2.0 */
/* User names read from a system's etc/passwd as a file, never through NSS. */
#ifndef OB_CORE_PASSWD_H
#define OB_CORE_PASSWD_H

#include <sys/types.h>

#include "oberig/core.h"

/* Longest passwd line read; a longer one is skipped whole. */
#define CORE_PASSWD_MAX_LINE 4096
/* Most users kept; the rest of a larger file is not read. */
#define CORE_PASSWD_MAX_USERS 200000

struct core_passwd;

/* Reads <root>/etc/passwd (root NULL or "" is "/") as a plain file: no NSS
 * module, so no nscd, LDAP or SSSD, and for a mounted disk the names of
 * that disk's system. Malformed lines are skipped; for a uid listed twice
 * the first line wins, as in glibc's files module. A missing or unreadable
 * file gives an empty table. Errors: OB_ERR_NOMEM. */
enum ob_status core_passwd_load(const char *root, struct core_passwd **out) OB_WARN_UNUSED;

/* The name of `uid`, or NULL when the file does not list it. Thread-safe. */
const char *core_passwd_name(const struct core_passwd *table, uid_t uid);

void core_passwd_free(struct core_passwd *table);

#endif
