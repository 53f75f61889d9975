/* SPDX-License-Identifier: Apache-2.0 */
/* oberig persistence: where programs are made to start by themselves on a
 * running Linux system, a mounted Linux disk or a mounted Windows disk. */
#ifndef OBERIG_PERSISTENCE_H
#define OBERIG_PERSISTENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oberig/core.h"
#include "oberig/scan.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OB_PERSISTENCE_MAX_PATH 4096
#define OB_PERSISTENCE_MAX_COMMAND 2048
#define OB_PERSISTENCE_MAX_FINDINGS 4
#define OB_PERSISTENCE_MAX_FILE 1048576     /* a cron table, unit, task XML read at most */
#define OB_PERSISTENCE_MAX_HIVE_KEYS 100000 /* registry keys visited per hive */
#define OB_PERSISTENCE_MAX_VALUE 65536      /* a registry value read at most */
#define OB_PERSISTENCE_MAX_ENTRIES 100000   /* entries reported per run */

/* The signals of persistence, in the order of its signal table. */
enum ob_persistence_signal {
    OB_PERSISTENCE_TEMP_FOLDER,
    OB_PERSISTENCE_USER_FOLDER,
    OB_PERSISTENCE_MISSING_PROGRAM,
    OB_PERSISTENCE_PRELOAD_LIBRARY,
    OB_PERSISTENCE_IFEO_DEBUGGER,
    OB_PERSISTENCE_WINLOGON,
    OB_PERSISTENCE_SERVICE_DLL,
    OB_PERSISTENCE_SIGNAL_COUNT
};

/* persistence's signal table (src/triage/signals.c), in enum order.
 * Static; thread-safe. */
const struct ob_signal_table *ob_persistence_signals(void);

/* Where an entry is kept. */
enum ob_persistence_kind {
    OB_PERSISTENCE_CRON,           /* a crontab line or an /etc/cron.* script */
    OB_PERSISTENCE_SYSTEMD,        /* a systemd system or user unit */
    OB_PERSISTENCE_XDG_AUTOSTART,  /* a .desktop file in an autostart folder */
    OB_PERSISTENCE_SHELL,          /* a shell start-up file */
    OB_PERSISTENCE_AUTHORIZED_KEY, /* a line of ~/.ssh/authorized_keys */
    OB_PERSISTENCE_LD_PRELOAD,     /* a line of /etc/ld.so.preload */
    OB_PERSISTENCE_RUN_KEY,        /* a Run or RunOnce value */
    OB_PERSISTENCE_SERVICE,        /* a Windows service's ImagePath or ServiceDll */
    OB_PERSISTENCE_WINLOGON_VALUE, /* Winlogon Shell or Userinit */
    OB_PERSISTENCE_IFEO,           /* Image File Execution Options Debugger */
    OB_PERSISTENCE_APPINIT,        /* AppInit_DLLs */
    OB_PERSISTENCE_TASK,           /* a scheduled task (Windows/System32/Tasks) */
    OB_PERSISTENCE_STARTUP_FOLDER, /* a file in a Startup folder */
};
/* "cron", "systemd", "xdg-autostart", ... : codes, never translated. */
const char *ob_persistence_kind_name(enum ob_persistence_kind kind);

/* When it starts: what the human output groups by. */
enum ob_persistence_when {
    OB_PERSISTENCE_AT_BOOT,       /* when the computer starts */
    OB_PERSISTENCE_AT_LOGON,      /* when a user logs on */
    OB_PERSISTENCE_ON_SCHEDULE,   /* at set times */
    OB_PERSISTENCE_WITH_PROGRAMS, /* inside or instead of other programs */
    OB_PERSISTENCE_SHELL_OPENS,   /* when a shell opens */
    OB_PERSISTENCE_REMOTE_LOGIN,  /* lets someone log in */
};
#define OB_PERSISTENCE_WHEN_COUNT 6
/* "boot", "logon", "schedule", "programs", "shell", "remote-login". */
const char *ob_persistence_when_name(enum ob_persistence_when when);

/* A signal raised on an entry, its explanation filled in. */
struct ob_persistence_finding {
    enum ob_persistence_signal signal;
    const char *id; /* the signal's id */
    int score;
    char explanation[512]; /* in the language of messages; may hold text from the disk */
};

/* One persistence entry. Every string is NUL-terminated, cut at its size;
 * "" when it does not apply. Text read from the disk may be anything. */
struct ob_persistence_entry {
    enum ob_persistence_kind kind;
    enum ob_persistence_when when;
    bool windows;                             /* found on a Windows disk */
    char user[256];                           /* the user it belongs to, or "" */
    char trigger[512];                        /* what starts it, a sentence in the language of
                                                 messages ("starts at every log-on of olena") */
    char file[OB_PERSISTENCE_MAX_PATH];       /* the file that holds it (a hive for registry) */
    char key[1024];                           /* registry key, or "" */
    char value[256];                          /* registry value name, or "" */
    char command[OB_PERSISTENCE_MAX_COMMAND]; /* the command line as written, or "" */
    char program[OB_PERSISTENCE_MAX_PATH];    /* the program it points to, as a path inside
                                                 the root joined to the root, or "" */
    bool program_exists;                      /* `program` is a regular file */
    struct ob_persistence_finding findings[OB_PERSISTENCE_MAX_FINDINGS];
    size_t finding_count;
    int score;           /* sum of the findings' scores */
    enum ob_level level; /* from `score` with scan's default thresholds */
    int64_t time;        /* Unix seconds: a registry value's key last written, else the
                            holder file's modification time; 0 when not known */
};

/* What ob_persistence_list calls. Both callbacks are optional; `user` is
 * passed to each. The pointers they get are valid only during the call. */
struct ob_persistence_callbacks {
    void (*entry)(void *user, const struct ob_persistence_entry *entry);
    /* Something could not be read (a damaged hive, a file too large): `path`
     * names it, `message` says what, in the language of messages. The
     * listing goes on. */
    void (*problem)(void *user, const char *path, const char *message);
    void *user;
};

/* Lists the persistence entries under `root` ("/" for the running system,
 * or a mounted disk): a Windows disk when <root>/Windows/System32/config/
 * SOFTWARE exists (in any case), else a Linux one. Each entry and each
 * problem goes to the callbacks as it is found. Reads only; follows no
 * symbolic link out of a folder it lists. Returns OB_OK when the root
 * could be read (problems inside it do not fail the call);
 * OB_ERR_NOT_FOUND or OB_ERR_IO when `root` is not a readable folder,
 * OB_ERR_NOMEM. Thread-safe with one context per thread. */
enum ob_status ob_persistence_list(struct ob_context *ctx, const char *root,
                                   const struct ob_persistence_callbacks *callbacks) OB_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
