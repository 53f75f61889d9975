/* SPDX-License-Identifier: Apache-2.0 */
/* oberig scan: walks files, folders and mounted disks and reports scored,
 * explained findings from YARA rules, IOC lists and type checks. */
#ifndef OBERIG_SCAN_H
#define OBERIG_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oberig/core.h"
#include "oberig/indicators.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Why a reason was raised. */
enum ob_signal {
    OB_SIGNAL_YARA,
    OB_SIGNAL_HASH,
    OB_SIGNAL_FILENAME,
    OB_SIGNAL_TYPE_MISMATCH,      /* content type contradicts the extension */
    OB_SIGNAL_DOUBLE_EXTENSION,   /* "invoice.pdf.exe" */
    OB_SIGNAL_RTLO,               /* right-to-left override in the name */
    OB_SIGNAL_WIPER_OVERWRITTEN,  /* structured file whose start is one repeated byte */
    OB_SIGNAL_WIPER_RENAMED,      /* "report.docx.9fa2" */
    OB_SIGNAL_RANSOM_NOTE,        /* a known ransom note name or phrase */
    OB_SIGNAL_SYSTEM_EMPTY,       /* a system program or library of zero bytes */
    OB_SIGNAL_SYSTEM_OVERWRITTEN, /* ... whose start is one repeated byte or short pattern */
    OB_SIGNAL_SYSTEM_SCRAMBLED,   /* ... whose start is random-looking, not a program header */
    OB_SIGNAL_BROWSER_HISTORY,    /* a browser's history holds visits to an indicator */
    OB_SIGNAL_PROCESS_INDICATOR,  /* a running process's name is an indicator */
    OB_SIGNAL_PROCESS_DELETED,    /* a running process's program file was deleted */
    OB_SIGNAL_PROCESS_TEMP,       /* ... lives in a temporary or user-writable folder */
    OB_SIGNAL_ARCHIVE_APPENDED,   /* a program with an archive appended (self-extractor) */
    OB_SIGNAL_ARCHIVE_AFTER_DATA, /* an archive that starts after other bytes */
    OB_SIGNAL_COUNT
};

/* The scan's signal table (src/scan/signals.c): id, score, explanation of
 * every enum ob_signal, in enum order, and the advice that closes a scan
 * ("scan-found", "scan-notice", "scan-clean"). Static; thread-safe. */
const struct ob_signal_table *ob_scan_signals(void);

/* The table's entry for `signal`, or NULL for a value out of range. */
const struct ob_signal_def *ob_scan_signal(enum ob_signal signal);

/* Returns the stable lowercase id of a signal ("yara", "hash", ...), or
 * "unknown". */
const char *ob_signal_name(enum ob_signal signal);

enum ob_level { OB_LEVEL_NONE, OB_LEVEL_NOTICE, OB_LEVEL_WARNING, OB_LEVEL_ALERT };
const char *ob_level_name(enum ob_level level); /* "none", "notice", ... */

/* Default thresholds, as in Loki. */
#define OB_DEFAULT_NOTICE_SCORE 40
#define OB_DEFAULT_WARNING_SCORE 60
#define OB_DEFAULT_ALERT_SCORE 100

/* What ob_scan_options.lookup is asked about. */
enum ob_scan_lookup_kind {
    OB_SCAN_LOOKUP_ADDRESS,      /* an address a browser visited: the URL, its domain or IP */
    OB_SCAN_LOOKUP_PROCESS_NAME, /* a running process's name */
};

/* One indicator (with one of its sources) that a looked-up value matched.
 * Strings belong to the lookup and are valid during the callback only. */
struct ob_scan_lookup_match {
    const char *type;        /* indicator type code: "domain", "url", "ipv4", ... */
    const char *value;       /* the indicator (a parent domain, say) */
    const char *campaign;    /* "" when none */
    const char *source;      /* the source the indicator came from */
    const char *description; /* "" when none */
};
typedef void (*ob_scan_lookup_fn)(void *user, const struct ob_scan_lookup_match *match);

struct ob_scan_options {
    uint64_t max_file_size; /* bytes; larger files are skipped */
    unsigned threads;       /* 0 = one per online core */
    bool cross_filesystems; /* false: stay on each root's file system */
    bool scan_special_dirs; /* false: skip /proc, /sys, /dev, /run */
    bool use_yara;          /* false: hashes, names and types only */
    bool scan_archives;
    bool wiper_checks;           /* false: no wiper, ransom-note or system-program checks */
    const char *const *excludes; /* fnmatch globs on full path or base name */
    size_t exclude_count;
    int notice_score, warning_score, alert_score;
    unsigned archive_max_depth;   /* nesting levels opened */
    uint64_t archive_max_entries; /* per top-level file */
    uint64_t archive_max_total;   /* bytes expanded per top-level file */
    unsigned archive_max_ratio;   /* expanded / compressed */
    int yara_timeout_seconds;     /* per file */
    /* 0, or a drive letter ('C' or 'c'; anything else makes ob_scan_new
     * fail with OB_ERR_INVALID_ARGUMENT): each scanned folder is the root of that
     * Windows drive, and YARA rules see the folder of each file below it
     * as Windows would show it ("C:\\Users\\olena\\AppData"), not as
     * mounted here ("/mnt/disk/Users/olena/AppData"). */
    char windows_drive;
    /* NULL, or with windows_drive: the folder that is the drive's root (a
     * mounted disk) when the scanned folders lie below it (oberig triage
     * scans <root>/Users/olena/Downloads as "C:\\Users\\olena\\Downloads").
     * Files outside it are shown as mounted. Must outlive the scan. */
    const char *windows_root;
    /* NULL, or the root folder of the system whose files are scanned (a
     * mounted disk): file owners are named from <owner_root>/etc/passwd,
     * read as a file. NULL names them from this system's /etc/passwd, read
     * the same way; never through NSS (no nscd, LDAP or SSSD). A uid the
     * file does not list is shown as its number. Read once, by ob_scan_new. */
    const char *owner_root;
    /* NULL, or the content a file on disk is known to have (oberig scan
     * --trust-packages): given the file's absolute path without symbolic
     * links, returns true and puts the 16-byte MD5 of that content in `md5`.
     * A file whose MD5 is the one given keeps its hash, file-name and name
     * checks but is not matched against YARA rules nor opened as an
     * archive, and is counted in skipped_trusted. Called from the worker
     * threads at once, with `trusted_table`, which must outlive the scan. */
    bool (*trusted_md5)(const void *table, const char *path, unsigned char *md5);
    const void *trusted_table;
    /* NULL, or a scan-state file (oberig scan --state), created if missing:
     * what each file's content gave is kept there, and a file that did not
     * change since is not read again (see docs/user-guide.md). Must outlive
     * ob_scan_run. With state_full, no kept result is used, and all are
     * written again. */
    const char *state_path;
    bool state_full;
    /* NULL, or where indicators that are not about files are looked up
     * (oberig gives the indicator store's and the C2 lists'): calls `fn`
     * once per indicator and source that `value` of `kind` matches and
     * returns how many indicators matched. With it, the history databases
     * of Firefox (places.sqlite) and Chromium-based browsers (History)
     * are read and their visits to an indicator reported, and
     * ob_scan_process checks process names. Called from the worker
     * threads at once, with `lookup_table`, which must outlive the scan. */
    size_t (*lookup)(const void *table, enum ob_scan_lookup_kind kind, const char *value,
                     ob_scan_lookup_fn fn, void *user);
    const void *lookup_table;
};

/* Fills `options` with the defaults documented in docs/user-guide.md. */
void ob_scan_options_init(struct ob_scan_options *options);

struct ob_reason {
    enum ob_signal signal;
    const char *name;
    const char *source;
    const char *description;
    int score;
    const char *campaign; /* NULL when the indicator names none */
};

/* One visit of a browser history finding. */
struct ob_history_visit {
    int64_t time;      /* Unix seconds; 0 when the database gives none */
    const char *url;   /* as the browser stored it */
    const char *title; /* the page's title, "" when none */
};
#define OB_HISTORY_VISITS_SHOWN 20 /* visits listed per finding; the rest are counted */

/* Visits that a browser's history database records to one indicator. */
struct ob_history_hit {
    /* "firefox", "tor-browser", "chrome", "chromium", "edge", "brave",
     * "opera", "vivaldi", or "firefox-based" / "chromium-based" when the
     * path does not tell. */
    const char *browser;
    const char *indicator_type; /* "domain", "url", "ipv4", "ipv6" */
    const char *indicator;
    uint64_t visits;     /* visits recorded */
    int64_t first, last; /* Unix seconds of the first and last visit; 0 if unknown */
    const struct ob_history_visit *shown; /* the first OB_HISTORY_VISITS_SHOWN, in time order */
    size_t shown_count;
};

/* The running process a finding is about (ob_scan_process). */
struct ob_process_info {
    int pid;
    const char *name;    /* its command name */
    const char *program; /* its program's path as the kernel names it */
    bool deleted;        /* the program's file was deleted while it runs */
};

/* A file (or archive member) that scored at or above the notice level.
 * Everything is owned by the engine and valid only during the callback. */
struct ob_finding {
    const char *path;   /* file on disk */
    const char *member; /* path inside the archive(s), "a.zip/b.tar/c", or NULL */
    uint64_t size;
    const char *md5, *sha1, *sha256; /* lowercase hex */
    const char *type;                /* libmagic description, may be "" */
    int score;
    enum ob_level level;
    const struct ob_reason *reasons;
    size_t reason_count;
    int64_t mtime;  /* the file's modification time, Unix seconds, when has_mtime */
    bool has_mtime; /* a file on disk (not a member, not a buffer) */
    /* A browser history database's visits to one indicator (one finding
     * per indicator; `path`, `size` and the hashes are the database's),
     * or NULL. */
    const struct ob_history_hit *history;
    /* The running process whose program this is (ob_scan_process), or NULL. */
    const struct ob_process_info *process;
};

/* A file that could not be scanned, or an archive that was cut short. */
struct ob_scan_problem {
    const char *path;
    const char *member;  /* NULL unless inside an archive */
    const char *message; /* lowercase, e.g. "permission denied" */
    bool is_error;       /* true: counted as an error; false: a notice */
};

/* Counters; read them while a scan runs with ob_scan_progress. */
struct ob_scan_stats {
    uint64_t files;   /* regular files scanned (not members) */
    uint64_t bytes;   /* bytes of those files */
    uint64_t members; /* archive members scanned */
    uint64_t member_bytes;
    uint64_t findings[4];            /* indexed by enum ob_level */
    uint64_t errors;                 /* unreadable, vanished, denied, rule timeouts */
    uint64_t skipped_size;           /* over max_file_size */
    uint64_t skipped_type;           /* FIFOs, sockets, devices, symlinks */
    uint64_t skipped_excluded;       /* by --exclude */
    uint64_t skipped_filesystem;     /* mount points not crossed, /proc & co */
    uint64_t skipped_false_positive; /* on a false-positive hash list */
    uint64_t archive_limits;         /* archives cut short by a limit */
    uint64_t yara_reused;            /* files whose content-only rule results were reused */
    uint64_t skipped_trusted;        /* not matched: content as options.trusted_md5 gives */
    uint64_t files_from_state;       /* of `files`, those not read: the state held their results */
    double seconds;
};

/* Wiper damage that a scan saw in files on disk (not archive members),
 * with no baseline: see ob_scan_wiper_extent. Times are seconds since the
 * epoch, 0 when no file counted. */
struct ob_wiper_extent {
    uint64_t overwritten;            /* files whose start is a repeated byte or short pattern */
    uint64_t files;                  /* of those, the files sharing the most common pattern */
    unsigned char pattern[16];       /* that pattern */
    size_t pattern_length;           /* its length: 1 for one repeated byte, 0 if none */
    uint64_t renamed;                /* of `files`, those also renamed with a random extension */
    int64_t mtime_first, mtime_last; /* modification times of `files` */
    uint64_t renamed_total;          /* all files renamed with a random extension */
    int64_t renamed_first, renamed_last; /* modification times of those */
    uint64_t notes;                      /* ransom notes */
    uint64_t system_damaged;             /* system programs and libraries emptied or overwritten */
};

/* The hashes of a file (not of an archive member), lowercase hex, each ""
 * if hashing failed. Owned by the engine and valid only during the callback. */
struct ob_file_hashes {
    const char *path;
    const char *md5, *sha1, *sha256;
};

/* Where a scan reports. Every member may be NULL: that kind of result is
 * not reported. */
struct ob_scan_callbacks {
    void (*finding)(void *user, const struct ob_finding *finding);
    void (*problem)(void *user, const struct ob_scan_problem *problem);
    /* Asks for the hashes of every file: when set, each file is hashed
     * (MD5, SHA-1 and SHA-256 in the one pass the checks use anyway) and
     * reported here once, before its findings. Archive members are not. */
    void (*hashes)(void *user, const struct ob_file_hashes *hashes);
    void *user;
};

struct ob_scan;

/* Prepares a scan over read-only shared indicators. `rules` and `iocs` may
 * be NULL. The caller keeps ownership of both, which must outlive the scan.
 * `callbacks` (copied) are where ob_scan_run reports; NULL for a scan only
 * used with ob_scan_buffer. They are never called concurrently (one writer). */
enum ob_status ob_scan_new(const struct ob_scan_options *options, const struct ob_rules *rules,
                           const struct ob_indicators *iocs,
                           const struct ob_scan_callbacks *callbacks,
                           struct ob_scan **out) OB_WARN_UNUSED;
void ob_scan_free(struct ob_scan *scan);

/* Scans every root (file or directory) and blocks until done. A root that
 * does not exist is reported through `problem` and counted as an error; the
 * others are still scanned. Returns OB_OK unless the scan could not run at
 * all (thread creation, memory). */
enum ob_status ob_scan_run(struct ob_scan *scan, const char *const *roots,
                           size_t root_count) OB_WARN_UNUSED;

/* Scans bytes held in memory (an e-mail attachment, say) as a file named
 * `name`, in the calling thread, with the same checks as a file on disk:
 * hashes, names, types (disguises), YARA, archives inside. This call's
 * results go to `callbacks` (NULL: none are reported) with `path` = name,
 * before it returns; the callbacks given to ob_scan_new are not used. As
 * with libyara's scan functions, the callbacks and their user data belong
 * to the call, so one scan serves callers with different state. The
 * counters of ob_scan_progress include the buffers scanned. Not to be
 * called while ob_scan_run runs, nor from two threads at once. Errors:
 * OB_ERR_NOMEM, or the error of setting up the scanner on first use. */
enum ob_status ob_scan_buffer(struct ob_scan *scan, const char *name, const unsigned char *data,
                              size_t length,
                              const struct ob_scan_callbacks *callbacks) OB_WARN_UNUSED;

/* A running process, as ob_scan_process checks it. */
struct ob_scan_process {
    int pid;
    const char *name;      /* its command name */
    const char *program;   /* its program's path as the kernel names it */
    const char *read_path; /* where its program can be read ("/proc/PID/exe") */
    bool deleted;          /* the program's file was deleted while it runs */
};

/* True when `path` is in a temporary or user-writable folder where no
 * program is installed: /tmp, /var/tmp, /dev/shm, /run/user, and a home
 * folder's Downloads, Desktop, .cache or tmp. */
bool ob_scan_path_is_temporary(const char *path);

/* Checks one running process in the calling thread, as ob_scan_buffer
 * does: its name against options.lookup, its program deleted or in a
 * temporary folder (ob_scan_path_is_temporary), and its program, read from
 * `read_path` (at most max_file_size bytes), with every check of a file
 * named `program`. A finding (with `process` set) is reported to
 * `callbacks` when the reasons reach the notice level; a program that
 * cannot be read is reported as a problem, and the process's other
 * reasons still count. Same rules as ob_scan_buffer. Errors: OB_ERR_NOMEM,
 * or the error of setting up the scanner on first use. */
enum ob_status ob_scan_process(struct ob_scan *scan, const struct ob_scan_process *process,
                               const struct ob_scan_callbacks *callbacks) OB_WARN_UNUSED;

/* Copies the counters; safe to call from another thread during run. */
void ob_scan_progress(const struct ob_scan *scan, struct ob_scan_stats *out);

/* True when nothing could be read: no file, no archive member, and errors.
 * The summary then says so and `oberig scan` exits 2. */
bool ob_scan_stats_nothing_read(const struct ob_scan_stats *stats);

/* Copies the wiper damage seen so far; safe to call from another thread
 * during run. */
void ob_scan_wiper_extent(struct ob_scan *scan, struct ob_wiper_extent *out);

/* Asks a running scan to stop soon (e.g. from a signal-watching thread). */
void ob_scan_cancel(struct ob_scan *scan);

#ifdef __cplusplus
}
#endif
#endif
