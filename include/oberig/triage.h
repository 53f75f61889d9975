/* SPDX-License-Identifier: Apache-2.0 */
/* oberig triage: which places of a system or a mounted disk to examine, and
 * the programs its running processes execute. The command runs scan,
 * persistence, package verification, the boot record and mail over them. */
#ifndef OBERIG_TRIAGE_H
#define OBERIG_TRIAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "oberig/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OB_TRIAGE_MAX_PLACES 4096    /* places kept in one plan */
#define OB_TRIAGE_MAX_USERS 256      /* home folders looked at */
#define OB_TRIAGE_MAX_PROCESSES 8192 /* processes looked at */
#define OB_TRIAGE_MAIL_DEPTH 6       /* Thunderbird sub-folders (.sbd) followed */

/* The system found under the root. */
enum ob_triage_system {
    OB_TRIAGE_LINUX,
    OB_TRIAGE_WINDOWS,
};
/* "linux" or "windows". */
const char *ob_triage_system_name(enum ob_triage_system system);

/* What a place is; the command turns each kind into one step. */
enum ob_triage_place_kind {
    OB_TRIAGE_USER_FILES, /* Downloads, Desktop, Documents (by their local names too) */
    OB_TRIAGE_TEMP,       /* temporary folders */
    OB_TRIAGE_APP_DATA,   /* Windows: AppData, ProgramData: where programs keep their files */
    OB_TRIAGE_BROWSER,    /* browser profile folders */
    OB_TRIAGE_MAIL,       /* an mbox file or a Maildir folder */
};
#define OB_TRIAGE_PLACE_KIND_COUNT 5
/* "user-files", "temp", "app-data", "browser", "mail": codes, never translated. */
const char *ob_triage_place_kind_name(enum ob_triage_place_kind kind);

struct ob_triage_place {
    enum ob_triage_place_kind kind;
    char *path; /* the root joined to the place */
    char *user; /* the user whose home it is in, or NULL */
};

/* What to examine under a root. */
struct ob_triage_plan {
    enum ob_triage_system system;
    bool live;       /* the root is the running system's "/" */
    char *root;      /* as given */
    bool has_dpkg;   /* <root>/var/lib/dpkg/status exists */
    char *boot_disk; /* the disk holding the root ("/dev/sda"), or NULL */
    /* Why boot_disk is NULL, in the language of messages, or NULL. */
    char *boot_disk_reason;
    struct ob_triage_place *places; /* sorted by kind, then path; no place inside another */
    size_t place_count;
    size_t user_count; /* home folders found */
    bool truncated;    /* a cap was reached: some places are not listed */
};

/* Plans a triage of `root` ("/" for the running system, or a mounted disk):
 * a Windows disk when <root>/Windows/System32/config/SOFTWARE exists (in
 * any case), else Linux. Only places that exist are listed, as folders or
 * (for mail) mbox files; symbolic links are not followed out of a folder
 * listed. With `quick`, only the places where most malware is found:
 * downloads and desktop, temporary folders, Windows' AppData\Roaming and
 * ProgramData, browser extensions, and mail's inboxes and junk folders.
 * Errors: OB_ERR_NOT_FOUND / OB_ERR_IO when `root` is not a readable
 * folder, OB_ERR_NOMEM. The caller frees *out with ob_triage_plan_free. */
enum ob_status ob_triage_plan_make(struct ob_context *ctx, const char *root, bool quick,
                                   struct ob_triage_plan **out) OB_WARN_UNUSED;
void ob_triage_plan_free(struct ob_triage_plan *plan);

/* A running process's program. */
struct ob_triage_process {
    int pid;
    char name[64];      /* its command name (/proc/PID/comm), made printable */
    char path[4096];    /* what to read: the program's path, or "/proc/PID/exe"
                           when the file was deleted */
    char program[4096]; /* the program's path as the kernel names it */
    bool deleted;       /* the file was deleted while the process runs */
};

/* Calls `fn` once per distinct program of the running processes (the
 * first process seen for each; every process whose program was deleted),
 * from /proc. Processes whose program cannot be read (other users' without
 * privileges, kernel threads) are counted in *unreadable (may be NULL).
 * Returns the number of programs given to `fn`. Linux only; reads only. */
size_t ob_triage_processes(struct ob_context *ctx,
                           void (*fn)(void *user, const struct ob_triage_process *process),
                           void *user, size_t *unreadable);

#ifdef __cplusplus
}
#endif
#endif
