/* SPDX-License-Identifier: Apache-2.0 */
/* What the scan's workers share with the run loop: the scan object,
 * counters and the single writer. Private to src/scan. */
#ifndef OB_SCAN_INTERNAL_H
#define OB_SCAN_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "oberig/scan.h"
#include "core/passwd.h"
#include "scan/wiper.h"

struct scan_state; /* scan/state.h */
struct scan_state_facts;

struct ob_scan_job {
    char *path;
    int fd;                          /* opened by the walker with read-ahead started, or -1 */
    int open_error;                  /* fd is -1: the errno of the walker's open, 0 if none tried */
    size_t root_length;              /* path[0..root_length) is the folder the scan was given */
    struct scan_state_facts *cached; /* --state: the file did not change (fd is -1) */
};

/* The walker runs up to OB_SCAN_QUEUE files ahead of the workers, so that
 * an archive it comes to late is still started early (queue_pop takes
 * archives first: one archive can be a second of one worker's time, and
 * started last it leaves the other cores idle). Only the first
 * OB_SCAN_OPEN_AHEAD queued files are opened by the walker (with
 * read-ahead), so the queue stays well below the usual limit of 1024 open
 * files; a worker opens the others itself. */
#define OB_SCAN_QUEUE 4096
#define OB_SCAN_OPEN_AHEAD 128
#define OB_SCAN_URGENT 64 /* queued archives, taken first */

/* The live counters behind struct ob_scan_stats: the same fields in the
 * same order, each atomic, so workers count without a lock and
 * ob_scan_progress copies them word by word. */
struct ob_scan_counters {
    _Atomic uint64_t files, bytes, members, member_bytes;
    _Atomic uint64_t findings[4]; /* indexed by enum ob_level */
    _Atomic uint64_t errors, skipped_size, skipped_type, skipped_excluded, skipped_filesystem,
        skipped_false_positive, archive_limits, yara_reused, skipped_trusted, files_from_state;
    double seconds; /* written once, at the end of ob_scan_run */
};
_Static_assert(sizeof(_Atomic uint64_t) == sizeof(uint64_t),
               "ob_scan_progress copies atomic counters into plain ones");
_Static_assert(sizeof(struct ob_scan_counters) == sizeof(struct ob_scan_stats) &&
                   offsetof(struct ob_scan_counters, findings) ==
                       offsetof(struct ob_scan_stats, findings) &&
                   offsetof(struct ob_scan_counters, yara_reused) ==
                       offsetof(struct ob_scan_stats, yara_reused) &&
                   offsetof(struct ob_scan_counters, seconds) ==
                       offsetof(struct ob_scan_stats, seconds),
               "struct ob_scan_counters mirrors struct ob_scan_stats field by field");
_Static_assert(offsetof(struct ob_scan_stats, seconds) % sizeof(uint64_t) == 0,
               "the counters before `seconds` are whole 64-bit words");
_Static_assert(sizeof(((struct ob_scan_stats *)0)->findings) / sizeof(uint64_t) ==
                   OB_LEVEL_ALERT + 1,
               "findings[] has one counter per enum ob_level");

struct ob_scan {
    struct ob_scan_options options;
    const struct ob_rules *rules;
    const struct ob_indicators *iocs;
    struct ob_scan_callbacks callbacks;
    bool hash_needed;                 /* any hash list loaded */
    struct ob_rule_cache *rule_cache; /* during ob_scan_run when YARA is used */
    struct scan_state *state;         /* during ob_scan_run with options.state_path */
    struct core_passwd *owners;       /* read-only after ob_scan_new */

    pthread_mutex_t queue_lock;
    pthread_cond_t queue_not_empty, queue_not_full;
    struct ob_scan_job queue[OB_SCAN_QUEUE];
    size_t queue_head, queue_count;
    struct ob_scan_job urgent[OB_SCAN_URGENT]; /* archives, taken before `queue` */
    size_t urgent_head, urgent_count;
    _Atomic size_t queue_open; /* queued jobs holding an open file */
    bool queue_closed;

    struct ob_worker *buffer_worker; /* for ob_scan_buffer, made on first use */
    struct ob_context *buffer_context;

    pthread_mutex_t emit_lock; /* the one writer */
    struct ob_scan_counters stats;
    atomic_int cancelled;

    struct scan_wiper_data *wiper_data; /* the lists of data/scan */
    struct scan_wiper_tally wiper;      /* the damage seen, behind its own lock */
};

/* Adds `amount` to a counter of scan->stats atomically. */
static inline void core_scan_count(_Atomic uint64_t *counter, uint64_t amount)
{
    atomic_fetch_add_explicit(counter, amount, memory_order_relaxed);
}

/* Serialised delivery of results to `to`: the scan's own callbacks during
 * ob_scan_run, those of the call during ob_scan_buffer. */
void scan_emit_finding(struct ob_scan *scan, const struct ob_scan_callbacks *to,
                       const struct ob_finding *finding);
void scan_emit_problem(struct ob_scan *scan, const struct ob_scan_callbacks *to, const char *path,
                       const char *member, const char *message, bool is_error);
void scan_emit_hashes(struct ob_scan *scan, const struct ob_scan_callbacks *to,
                      const struct ob_file_hashes *hashes);

/* One worker thread's private tools. */
struct ob_worker;

enum ob_status scan_worker_new(struct ob_scan *scan, struct ob_context *ctx,
                               struct ob_worker **out) OB_WARN_UNUSED;
void scan_worker_free(struct ob_worker *worker);

/* Opens a file for scanning (read-only, no symlinks, no blocking on FIFOs,
 * no access-time update where permitted). Returns the fd or -1 (errno). */
int scan_open(const char *path);

/* The same, `path` relative to the folder open as `dir_fd` (or AT_FDCWD),
 * for a file whose whole path is longer than PATH_MAX. */
int scan_open_at(int dir_fd, const char *path);

/* Analyses bytes held in memory as a file named `name` (ob_scan_buffer),
 * reporting to `to` instead of the scan's callbacks. */
void scan_worker_scan_buffer(struct ob_worker *worker, const char *name, const unsigned char *data,
                             size_t length, const struct ob_scan_callbacks *to);

/* Checks a running process and analyses its program (ob_scan_process),
 * reporting to `to`. */
void scan_worker_scan_process(struct ob_worker *worker, const struct ob_scan_process *process,
                              const struct ob_scan_callbacks *to);

/* Score of a process name that is an indicator, for each of its sources. */
#define SCAN_PROCESS_INDICATOR_SCORE 100

/* Reads and analyses one file; `fd` is an already open descriptor of it,
 * closed here, or -1: then `open_error` is why the walker could not open
 * it, or 0 when it did not try (the file is opened here by its path). Every
 * problem is reported, none is fatal. */
void scan_worker_scan_file(struct ob_worker *worker, const char *path, int fd, int open_error,
                           size_t root_length);

/* Analyses a file on disk that did not change since the state recorded it,
 * from the recorded facts, without reading it. Returns false, having done
 * nothing, when they cannot serve (its owner's name changed): the file must
 * then be read. */
bool scan_worker_replay(struct ob_worker *worker, const char *path,
                        const struct scan_state_facts *cached, size_t root_length);
/* The level a score reaches under the scan's thresholds. */
enum ob_level scan_level_of(const struct ob_scan_options *options, int score);

/* ---- browser history (history.c) ---- */
enum scan_history_kind { SCAN_HISTORY_NONE, SCAN_HISTORY_FIREFOX, SCAN_HISTORY_CHROMIUM };
/* Score of each source of an indicator a browser visited. */
#define SCAN_HISTORY_SCORE 100

/* True when `base` is the name of a browser's history database. */
bool scan_history_name(const char *base);
/* Which history database `data` is, by its name (`base`) and SQLite header. */
enum scan_history_kind scan_history_kind(const char *base, const unsigned char *data,
                                         size_t length);

/* The database file as a finding names it. */
struct scan_history_file {
    const char *path, *member;
    bool on_disk; /* its write-ahead log beside it is read too */
    int64_t mtime;
    uint64_t size;
    const char *md5, *sha1, *sha256, *type;
};

/* Reads a history database (`data`) from a private copy and reports one
 * finding per indicator its visits match (options.lookup must be set), and
 * a problem when it is damaged, hostile or too slow to read. */
void scan_history_check(struct ob_scan *scan, const struct ob_scan_callbacks *to,
                        const struct scan_history_file *file, enum scan_history_kind kind,
                        const unsigned char *data, size_t length);

#endif
