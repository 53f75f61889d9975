/* SPDX-License-Identifier: Apache-2.0 */
/* The scan run: one walker thread feeds a bounded queue, N workers analyse,
 * and a lock makes the caller's callbacks the single writer. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/clock.h"
#include "core/walk.h"
#include "scan/filetype.h"
#include "scan/scan_internal.h"
#include "scan/state.h"

#define READ_AHEAD_BYTES ((off_t)1 << 20)

#define MAX_THREADS 256
/* Contents remembered for reuse of rule results: about 100 bytes each. */
#define RULE_CACHE_ENTRIES ((size_t)4 << 20)

enum ob_status ob_scan_new(const struct ob_scan_options *options, const struct ob_rules *rules,
                           const struct ob_indicators *iocs,
                           const struct ob_scan_callbacks *callbacks, struct ob_scan **out)
{
    *out = NULL;
    if (options == NULL)
        return OB_ERR_INVALID_ARGUMENT;
    char drive = (char)(options->windows_drive & ~0x20); /* upper case, for letters */
    if (options->windows_drive != 0 && (drive < 'A' || drive > 'Z'))
        return OB_ERR_INVALID_ARGUMENT;
    struct ob_scan *scan = calloc(1, sizeof(*scan));
    if (scan == NULL)
        return OB_ERR_NOMEM;
    enum ob_status status = scan_wiper_data_new(&scan->wiper_data);
    if (status != OB_OK) {
        free(scan);
        return status;
    }
    status = core_passwd_load(options->owner_root, &scan->owners);
    if (status != OB_OK) {
        scan_wiper_data_free(scan->wiper_data);
        free(scan);
        return status;
    }
    scan->options = *options;
    scan->options.windows_drive = options->windows_drive != 0 ? drive : 0;
    scan->rules = rules;
    scan->iocs = iocs;
    if (callbacks != NULL)
        scan->callbacks = *callbacks;
    if (iocs != NULL) {
        struct ob_indicator_counts counts;
        ob_indicators_counts(iocs, &counts);
        scan->hash_needed = counts.false_positive_hashes > 0;
        for (int kind = 0; kind < OB_HASH_KIND_COUNT; kind++)
            scan->hash_needed = scan->hash_needed || counts.hashes[kind] > 0;
    }
    pthread_mutex_init(&scan->queue_lock, NULL);
    pthread_cond_init(&scan->queue_not_empty, NULL);
    pthread_cond_init(&scan->queue_not_full, NULL);
    pthread_mutex_init(&scan->emit_lock, NULL);
    scan_wiper_tally_init(&scan->wiper);
    *out = scan;
    return OB_OK;
}

/* The worker of the calling thread, made on first use. */
static enum ob_status caller_worker(struct ob_scan *scan)
{
    if (scan->buffer_worker != NULL)
        return OB_OK;
    if (scan->buffer_context == NULL && (scan->buffer_context = ob_context_new(NULL, NULL)) == NULL)
        return OB_ERR_NOMEM;
    return scan_worker_new(scan, scan->buffer_context, &scan->buffer_worker);
}

enum ob_status ob_scan_buffer(struct ob_scan *scan, const char *name, const unsigned char *data,
                              size_t length, const struct ob_scan_callbacks *callbacks)
{
    static const struct ob_scan_callbacks none = {0};
    enum ob_status status = caller_worker(scan);
    if (status != OB_OK)
        return status;
    scan_worker_scan_buffer(scan->buffer_worker, name, data, length,
                            callbacks != NULL ? callbacks : &none);
    return OB_OK;
}

enum ob_status ob_scan_process(struct ob_scan *scan, const struct ob_scan_process *process,
                               const struct ob_scan_callbacks *callbacks)
{
    static const struct ob_scan_callbacks none = {0};
    enum ob_status status = caller_worker(scan);
    if (status == OB_OK)
        scan_worker_scan_process(scan->buffer_worker, process,
                                 callbacks != NULL ? callbacks : &none);
    return status;
}

/* Frees what a job still holds: its path, its state record, its file. */
static void job_release(struct ob_scan_job *job)
{
    free(job->path);
    if (job->fd >= 0)
        close(job->fd);
    scan_state_facts_free(job->cached);
}

void ob_scan_free(struct ob_scan *scan)
{
    if (scan == NULL)
        return;
    scan_worker_free(scan->buffer_worker);
    ob_context_free(scan->buffer_context);
    for (size_t i = 0; i < scan->queue_count + scan->urgent_count; i++)
        job_release(
            i < scan->queue_count
                ? &scan->queue[(scan->queue_head + i) % OB_SCAN_QUEUE]
                : &scan->urgent[(scan->urgent_head + i - scan->queue_count) % OB_SCAN_URGENT]);
    pthread_mutex_destroy(&scan->queue_lock);
    pthread_cond_destroy(&scan->queue_not_empty);
    pthread_cond_destroy(&scan->queue_not_full);
    pthread_mutex_destroy(&scan->emit_lock);
    scan_wiper_tally_destroy(&scan->wiper);
    scan_wiper_data_free(scan->wiper_data);
    core_passwd_free(scan->owners);
    free(scan);
}

void ob_scan_cancel(struct ob_scan *scan)
{
    atomic_store_explicit(&scan->cancelled, 1, memory_order_relaxed);
}

void ob_scan_wiper_extent(struct ob_scan *scan, struct ob_wiper_extent *out)
{
    scan_wiper_tally_extent(&scan->wiper, out);
}

void ob_scan_progress(const struct ob_scan *scan, struct ob_scan_stats *out)
{
    const _Atomic uint64_t *from = (const _Atomic uint64_t *)&scan->stats;
    uint64_t *to = (uint64_t *)out;
    size_t words = offsetof(struct ob_scan_stats, seconds) / sizeof(uint64_t);
    for (size_t i = 0; i < words; i++)
        to[i] = atomic_load_explicit(&from[i], memory_order_relaxed);
    out->seconds = scan->stats.seconds;
}

bool ob_scan_stats_nothing_read(const struct ob_scan_stats *stats)
{
    return stats->files == 0 && stats->members == 0 && stats->errors > 0;
}

void scan_emit_finding(struct ob_scan *scan, const struct ob_scan_callbacks *to,
                       const struct ob_finding *finding)
{
    if (to->finding == NULL)
        return;
    pthread_mutex_lock(&scan->emit_lock);
    to->finding(to->user, finding);
    pthread_mutex_unlock(&scan->emit_lock);
}

void scan_emit_problem(struct ob_scan *scan, const struct ob_scan_callbacks *to, const char *path,
                       const char *member, const char *message, bool is_error)
{
    if (to->problem == NULL)
        return;
    struct ob_scan_problem problem = {
        .path = path, .member = member, .message = message, .is_error = is_error};
    pthread_mutex_lock(&scan->emit_lock);
    to->problem(to->user, &problem);
    pthread_mutex_unlock(&scan->emit_lock);
}

void scan_emit_hashes(struct ob_scan *scan, const struct ob_scan_callbacks *to,
                      const struct ob_file_hashes *hashes)
{
    if (to->hashes == NULL)
        return;
    pthread_mutex_lock(&scan->emit_lock);
    to->hashes(to->user, hashes);
    pthread_mutex_unlock(&scan->emit_lock);
}

/* ---- the queue ------------------------------------------------------------ */

/* With queue_lock held: appends `job` to the queue once it has room. The
 * workers are woken before waiting for it: jobs queued without a wake-up
 * may be what they need to make room. False when the scan was cancelled
 * while the queue was full. */
static bool append_locked(struct ob_scan *scan, struct ob_scan_job job)
{
    while (scan->queue_count == OB_SCAN_QUEUE) {
        if (atomic_load_explicit(&scan->cancelled, memory_order_relaxed))
            return false;
        pthread_cond_broadcast(&scan->queue_not_empty);
        pthread_cond_wait(&scan->queue_not_full, &scan->queue_lock);
    }
    scan->queue[(scan->queue_head + scan->queue_count) % OB_SCAN_QUEUE] = job;
    scan->queue_count++;
    return true;
}

/* Queues `job`; an `urgent` one (an archive) goes before the others while
 * there is room for it. */
static bool queue_push(struct ob_scan *scan, struct ob_scan_job job, bool urgent)
{
    pthread_mutex_lock(&scan->queue_lock);
    bool accepted = true;
    if (urgent && scan->urgent_count < OB_SCAN_URGENT) {
        scan->urgent[(scan->urgent_head + scan->urgent_count) % OB_SCAN_URGENT] = job;
        scan->urgent_count++;
    } else {
        accepted = append_locked(scan, job);
    }
    if (accepted)
        pthread_cond_signal(&scan->queue_not_empty);
    pthread_mutex_unlock(&scan->queue_lock);
    return accepted;
}

/* Queues `count` jobs that hold no open file, in order, under one lock and
 * with one wake-up: in a rescan the state answers most files, each job is
 * little work, and a wake-up per file was a good part of the walker's time
 * (one futex call each). Returns how many were queued: the first ones, all
 * of them unless the scan was cancelled. */
static size_t queue_push_batch(struct ob_scan *scan, const struct ob_scan_job *jobs, size_t count)
{
    pthread_mutex_lock(&scan->queue_lock);
    size_t queued = 0;
    while (queued < count && append_locked(scan, jobs[queued]))
        queued++;
    if (queued > 0)
        pthread_cond_broadcast(&scan->queue_not_empty);
    pthread_mutex_unlock(&scan->queue_lock);
    return queued;
}

/* Returns false once the queue is closed and empty. */
static bool queue_pop(struct ob_scan *scan, struct ob_scan_job *job)
{
    pthread_mutex_lock(&scan->queue_lock);
    while (scan->queue_count == 0 && scan->urgent_count == 0 && !scan->queue_closed)
        pthread_cond_wait(&scan->queue_not_empty, &scan->queue_lock);
    bool got = true;
    if (scan->urgent_count > 0) {
        *job = scan->urgent[scan->urgent_head];
        scan->urgent_head = (scan->urgent_head + 1) % OB_SCAN_URGENT;
        scan->urgent_count--;
    } else if (scan->queue_count > 0) {
        *job = scan->queue[scan->queue_head];
        scan->queue_head = (scan->queue_head + 1) % OB_SCAN_QUEUE;
        scan->queue_count--;
        pthread_cond_signal(&scan->queue_not_full);
    } else {
        got = false;
    }
    if (got && job->fd >= 0)
        atomic_fetch_sub_explicit(&scan->queue_open, 1, memory_order_relaxed);
    pthread_mutex_unlock(&scan->queue_lock);
    return got;
}

/* Whether a file's name says it is an archive: only which file is taken
 * first depends on it. */
static bool named_like_archive(const char *base)
{
    char extension[24];
    scan_filetype_extension(base, extension, sizeof(extension));
    return scan_filetype_is_archive_extension(extension);
}

static void queue_close(struct ob_scan *scan)
{
    pthread_mutex_lock(&scan->queue_lock);
    scan->queue_closed = true;
    pthread_cond_broadcast(&scan->queue_not_empty);
    pthread_mutex_unlock(&scan->queue_lock);
}

/* ---- workers -------------------------------------------------------------- */

struct worker_thread {
    struct ob_scan *scan;
    struct ob_worker *worker;
    pthread_t thread;
};

static void *worker_main(void *argument)
{
    struct worker_thread *self = argument;
    struct ob_scan_job job;
    while (queue_pop(self->scan, &job)) {
        bool cancelled = atomic_load_explicit(&self->scan->cancelled, memory_order_relaxed);
        if (!cancelled &&
            !(job.cached != NULL &&
              scan_worker_replay(self->worker, job.path, job.cached, job.root_length))) {
            scan_worker_scan_file(self->worker, job.path, job.fd, job.open_error, job.root_length);
            job.fd = -1; /* closed by the scan */
        }
        job_release(&job);
    }
    return NULL;
}

/* ---- the walk --------------------------------------------------------------- */

/* Files the state answers for are queued this many at a time. */
#define STATE_BATCH 32

/* What the walk of one root passes to on_walk. */
struct root_walk {
    struct ob_scan *scan;
    size_t root_length; /* of the root folder's absolute path */
    /* Jobs the state answers for, not queued yet (flush_batch). */
    struct ob_scan_job batch[STATE_BATCH];
    size_t batched;
};

/* Queues the batched jobs; those a cancelled scan refuses are dropped. */
static void flush_batch(struct root_walk *root)
{
    size_t queued = root->batched > 0 ? queue_push_batch(root->scan, root->batch, root->batched)
                                      : 0;
    for (size_t i = queued; i < root->batched; i++)
        job_release(&root->batch[i]);
    root->batched = 0;
}

static bool on_walk(void *user, const struct ob_walk_entry *entry)
{
    struct root_walk *root = user;
    struct ob_scan *scan = root->scan;
    if (atomic_load_explicit(&scan->cancelled, memory_order_relaxed))
        return false;
    char message[512];
    switch (entry->kind) {
    case OB_WALK_FILE:
        if ((uint64_t)entry->st->st_size > scan->options.max_file_size) {
            core_scan_count(&scan->stats.skipped_size, 1);
            return true;
        }
        {
            char *copy = strdup(entry->path);
            if (copy == NULL) {
                scan_emit_problem(scan, &scan->callbacks, entry->path, NULL, _("out of memory"),
                                  true);
                core_scan_count(&scan->stats.errors, 1);
                return true;
            }
            /* Opening here and asking the kernel to read ahead overlaps the
             * disk with the workers' hashing and matching. Only the start of
             * each file is asked for: that is what matters for many small
             * files on a slow disk, the kernel's own read-ahead follows the
             * workers through large ones, and asking for whole large files
             * costs the walker (which shares the cores with the workers)
             * time even when they are already in memory. */
            struct ob_scan_job job = {.path = copy, .fd = -1, .root_length = root->root_length};
            /* A file the state answers for is neither opened nor read. A
             * browser's history is always read: its visits are matched
             * with the indicators of this run. */
            const char *base = strrchr(copy, '/');
            if (scan->state != NULL && !(scan->options.lookup != NULL &&
                                         scan_history_name(base != NULL ? base + 1 : copy)))
                job.cached = scan_state_lookup(scan->state, copy, entry->st, root->root_length);
            /* Unless its path is too long to be opened again by name,
             * should the state's record not serve after all. Past the
             * first OB_SCAN_OPEN_AHEAD queued files, a worker opens it. */
            bool too_long = strlen(copy) >= PATH_MAX;
            bool archive = scan->options.scan_archives && job.cached == NULL &&
                           named_like_archive(base != NULL ? base + 1 : copy);
            bool open_now = (job.cached == NULL || too_long) &&
                            (too_long || archive ||
                             atomic_load_explicit(&scan->queue_open, memory_order_relaxed) <
                                 OB_SCAN_OPEN_AHEAD);
            if (open_now && (job.fd = scan_open_at(entry->dir_fd, entry->relative)) < 0)
                job.open_error = errno;
            if (job.fd >= 0 && job.cached == NULL)
                (void)posix_fadvise(job.fd, 0, READ_AHEAD_BYTES, POSIX_FADV_WILLNEED);
            if (job.cached != NULL && job.fd < 0 && job.open_error == 0) {
                root->batch[root->batched++] = job;
                if (root->batched == STATE_BATCH)
                    flush_batch(root);
                return true;
            }
            /* Files keep the walk's order in the queue. */
            flush_batch(root);
            if (job.fd >= 0)
                atomic_fetch_add_explicit(&scan->queue_open, 1, memory_order_relaxed);
            if (!queue_push(scan, job, archive)) {
                if (job.fd >= 0)
                    atomic_fetch_sub_explicit(&scan->queue_open, 1, memory_order_relaxed);
                job_release(&job);
            }
        }
        return true;
    case OB_WALK_SKIP_TYPE: core_scan_count(&scan->stats.skipped_type, 1); return true;
    case OB_WALK_SKIP_FS: core_scan_count(&scan->stats.skipped_filesystem, 1); return true;
    case OB_WALK_SKIP_EXCLUDED: core_scan_count(&scan->stats.skipped_excluded, 1); return true;
    case OB_WALK_TOO_DEEP:
        scan_emit_problem(scan, &scan->callbacks, entry->path, NULL, core_walk_too_deep_text(),
                          true);
        core_scan_count(&scan->stats.errors, 1);
        return true;
    case OB_WALK_ERROR:
        /* TRANSLATORS: %s says why, often in the system's words. */
        snprintf(message, sizeof(message), _("cannot read: %s"),
                 entry->error_number == EACCES ? _("permission denied")
                                               : strerror(entry->error_number));
        scan_emit_problem(scan, &scan->callbacks, entry->path, NULL, message, true);
        core_scan_count(&scan->stats.errors, 1);
        return true;
    }
    return true;
}

/* ---- the scan state -------------------------------------------------------- */

static void state_notice(struct ob_scan *scan, const char *text)
{
    scan_emit_problem(scan, &scan->callbacks, scan->options.state_path, NULL, text, false);
}

static void state_open(struct ob_scan *scan)
{
    char notice[1024];
    struct scan_state_setup setup = {.path = scan->options.state_path,
                                     .full = scan->options.state_full,
                                     .rules = scan->rules,
                                     .options = &scan->options};
    scan_state_open(&setup, &scan->state, notice, sizeof(notice));
    if (notice[0] != '\0')
        state_notice(scan, notice);
}

static void state_close(struct ob_scan *scan, bool ran)
{
    if (scan->state == NULL)
        return;
    char notice[1024];
    bool complete = ran && !atomic_load_explicit(&scan->cancelled, memory_order_relaxed);
    if (scan_state_take_notice(scan->state, notice, sizeof(notice)))
        state_notice(scan, notice);
    scan_state_close(scan->state, complete);
    scan->state = NULL;
}

enum ob_status ob_scan_run(struct ob_scan *scan, const char *const *roots, size_t root_count)
{
    struct timespec start = core_clock_now();
    unsigned threads = scan->options.threads;
    if (threads == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        threads = online > 0 ? (unsigned)online : 1;
    }
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    struct worker_thread *pool = calloc(threads, sizeof(*pool));
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    enum ob_status status = pool == NULL || ctx == NULL ? OB_ERR_NOMEM : OB_OK;
    if (status == OB_OK && scan->rules != NULL && scan->options.use_yara)
        status = ob_rule_cache_new(RULE_CACHE_ENTRIES, &scan->rule_cache);
    if (status == OB_OK && scan->options.state_path != NULL)
        state_open(scan);
    unsigned started = 0;
    for (unsigned i = 0; status == OB_OK && i < threads; i++) {
        pool[i].scan = scan;
        status = scan_worker_new(scan, ctx, &pool[i].worker);
        if (status != OB_OK)
            break;
        if (pthread_create(&pool[i].thread, NULL, worker_main, &pool[i]) != 0) {
            scan_worker_free(pool[i].worker);
            status = OB_ERR_NOMEM;
            break;
        }
        started++;
    }
    struct ob_walk_options walk = {
        .cross_filesystems = scan->options.cross_filesystems,
        .scan_special_dirs = scan->options.scan_special_dirs,
        .excludes = scan->options.excludes,
        .exclude_count = scan->options.exclude_count,
    };
    for (size_t r = 0; status == OB_OK && r < root_count; r++) {
        /* Indicators match absolute paths, whatever the user typed. */
        char *absolute = realpath(roots[r], NULL);
        if (absolute == NULL) {
            char message[512];
            /* TRANSLATORS: %s says why, often in the system's words. */
            snprintf(message, sizeof(message), _("cannot scan: %s"),
                     errno == ENOENT ? _("no such file or directory") : strerror(errno));
            scan_emit_problem(scan, &scan->callbacks, roots[r], NULL, message, true);
            core_scan_count(&scan->stats.errors, 1);
            continue;
        }
        /* A file given on its own is in the root of the drive. */
        struct root_walk root = {.scan = scan, .root_length = strlen(absolute)};
        struct stat info;
        if (stat(absolute, &info) == 0 && !S_ISDIR(info.st_mode))
            root.root_length = (size_t)(strrchr(absolute, '/') - absolute);
        status = core_walk(absolute, &walk, on_walk, &root);
        flush_batch(&root);
        if (scan->state != NULL && status == OB_OK &&
            !atomic_load_explicit(&scan->cancelled, memory_order_relaxed))
            scan_state_root_done(scan->state, absolute);
        free(absolute);
    }
    queue_close(scan);
    for (unsigned i = 0; i < started; i++) {
        pthread_join(pool[i].thread, NULL);
        scan_worker_free(pool[i].worker);
    }
    free(pool);
    ob_context_free(ctx);
    const char *damaged = scan->rules != NULL ? ob_rules_cache_damaged(scan->rules) : NULL;
    if (damaged != NULL)
        scan_emit_problem(scan, &scan->callbacks, damaged, NULL,
                          _("a rule set kept in this compiled-rules cache did not match its "
                            "SHA-256 and was not used: the rules were taken from the rule files "
                            "instead, and the cache is rebuilt at the next start"),
                          false);
    state_close(scan, status == OB_OK);
    if (scan->rule_cache != NULL) {
        uint64_t lookups = 0, reuses = 0;
        ob_rule_cache_stats(scan->rule_cache, &lookups, &reuses);
        atomic_store_explicit(&scan->stats.yara_reused, reuses, memory_order_relaxed);
        ob_rule_cache_free(scan->rule_cache);
        scan->rule_cache = NULL;
    }
    scan->stats.seconds = core_clock_seconds_since(&start);
    return status;
}
