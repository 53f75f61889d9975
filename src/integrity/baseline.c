/* SPDX-License-Identifier: Apache-2.0 */
/* Baseline create and verify: the scan's walk, parallel SHA-256 with a
 * first-block fingerprint, and the comparison that tells wiper damage. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/array.h"
#include "core/bytes.h"
#include "core/clock.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/walk.h"
#include "integrity/baseline_internal.h"
#include "oberig/ioc.h"

#define MAX_FILES ((size_t)64 << 20)
#define MAX_THREADS 64
#define READ_SIZE ((size_t)1 << 20)
#define MAX_PERIOD 16
#define MIN_PATTERN_BLOCK 64
/* Renamed files in one run from which each counts as a mass rename. */
#define MASS_RENAME_MIN 5

/* A walked file: its record as it is now, and what verify matched it with. */
struct entry {
    struct ob_baseline_record now;
    const struct ob_baseline_record *before; /* by path, or by inode after a rename */
    bool need_hash;
    bool renamed;
    int error; /* errno of hashing, 0 when fine */
};

struct run {
    struct ob_context *ctx;
    const struct ob_baseline_callbacks *callbacks;
    struct ob_baseline_stats *stats;
    struct entry *entries;
    size_t count, capacity;
    enum ob_status status;
};

char *ob_baseline_default_path(void)
{
    char *store = ob_ioc_store_default_path();
    if (store == NULL)
        return NULL;
    char *slash = strrchr(store, '/');
    char *path = NULL;
    if (slash == NULL) {
        path = strdup("baseline.db");
    } else {
        *slash = '\0';
        if (asprintf(&path, "%s/baseline.db", store) < 0)
            path = NULL;
    }
    free(store);
    return path;
}

static void problem(const struct run *run, const char *path, const char *message)
{
    run->stats->errors++;
    if (run->callbacks != NULL && run->callbacks->problem != NULL)
        run->callbacks->problem(run->callbacks->user, path, message);
}

enum ob_level integrity_level_of(int score)
{
    return score >= OB_DEFAULT_ALERT_SCORE     ? OB_LEVEL_ALERT
           : score >= OB_DEFAULT_WARNING_SCORE ? OB_LEVEL_WARNING
           : score >= OB_DEFAULT_NOTICE_SCORE  ? OB_LEVEL_NOTICE
                                               : OB_LEVEL_NONE;
}

static void problem_errno(const struct run *run, const char *path, int error)
{
    char message[512];
    /* TRANSLATORS: %s says why, often in the system's words. */
    snprintf(message, sizeof(message), _("cannot read: %s"),
             error == EACCES ? _("permission denied") : strerror(error));
    problem(run, path, message);
}

static int64_t nanoseconds(const struct timespec *time)
{
    return (int64_t)time->tv_sec * 1000000000 + time->tv_nsec;
}

static bool on_walk(void *user, const struct ob_walk_entry *walked)
{
    struct run *run = user;
    if (walked->kind == OB_WALK_ERROR) {
        problem_errno(run, walked->path, walked->error_number);
        return true;
    }
    if (walked->kind == OB_WALK_TOO_DEEP) {
        problem(run, walked->path, core_walk_too_deep_text());
        return true;
    }
    if (walked->kind != OB_WALK_FILE)
        return true;
    enum ob_status status = core_array_grow((void **)&run->entries, &run->capacity, run->count + 1,
                                            sizeof(*run->entries), 1024, MAX_FILES);
    char *path = status == OB_OK ? strdup(walked->path) : NULL;
    if (path == NULL) {
        run->status = status != OB_OK ? status : OB_ERR_NOMEM;
        return false;
    }
    const struct stat *st = walked->st;
    struct entry *entry = &run->entries[run->count++];
    memset(entry, 0, sizeof(*entry));
    entry->now = (struct ob_baseline_record){
        .path = path,
        .size = (uint64_t)st->st_size,
        .inode = (uint64_t)st->st_ino,
        .device = (uint64_t)st->st_dev,
        .mode = (uint32_t)st->st_mode,
        .uid = (uint32_t)st->st_uid,
        .gid = (uint32_t)st->st_gid,
        .mtime_ns = nanoseconds(&st->st_mtim),
        .ctime_ns = nanoseconds(&st->st_ctim),
    };
    entry->need_hash = true;
    return true;
}

/* Walks every root as the scan does; roots become absolute paths. */
static enum ob_status walk_roots(struct run *run, const char *const *roots, size_t root_count,
                                 const struct ob_baseline_options *options)
{
    struct ob_walk_options walk = {
        .cross_filesystems = options->cross_filesystems,
        .scan_special_dirs = options->scan_special_dirs,
        .excludes = options->excludes,
        .exclude_count = options->exclude_count,
    };
    for (size_t i = 0; run->status == OB_OK && i < root_count; i++) {
        enum ob_status status = core_walk(roots[i], &walk, on_walk, run);
        if (status != OB_OK)
            return status;
    }
    return run->status;
}

/* ---- hashing ---------------------------------------------------------------- */

/* Entropy, most frequent byte and a repeating pattern of the first block. */
static void fingerprint(const unsigned char *block, size_t length, struct ob_baseline_record *out)
{
    struct core_byte_stats bytes;
    core_bytes_stats(block, length, &bytes);
    out->entropy = bytes.entropy;
    out->top_byte = bytes.top_byte;
    out->top_share = bytes.top_share;
    out->pattern =
        length < MIN_PATTERN_BLOCK ? 0 : (unsigned)core_bytes_period(block, length, MAX_PERIOD);
}

static int hash_file(struct ob_hasher *hasher, unsigned char *buffer,
                     struct ob_baseline_record *record)
{
    int fd = core_walk_open(record->path,
                            O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return errno;
    (void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    unsigned char block[OB_BASELINE_BLOCK];
    size_t block_length = 0;
    int error = core_hasher_stream_begin(hasher, CORE_DIGEST_SHA256) == OB_OK ? 0 : EIO;
    while (error == 0) {
        ssize_t got = read(fd, buffer, READ_SIZE);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            error = errno;
            break;
        }
        if (got == 0)
            break;
        if (block_length < sizeof(block)) {
            size_t take = sizeof(block) - block_length < (size_t)got ? sizeof(block) - block_length
                                                                     : (size_t)got;
            memcpy(block + block_length, buffer, take);
            block_length += take;
        }
        if (core_hasher_stream_update(hasher, CORE_DIGEST_SHA256, buffer, (size_t)got) != OB_OK)
            error = EIO;
    }
    close(fd);
    if (error == 0 &&
        core_hasher_stream_finish(hasher, CORE_DIGEST_SHA256, record->sha256) != OB_OK)
        error = EIO;
    if (error == 0) {
        fingerprint(block, block_length, record);
        record->hashed = true;
    }
    return error;
}

struct pool {
    struct entry *entries;
    size_t count;
    atomic_size_t next;
    atomic_uint_fast64_t bytes;
};

static void *hash_worker(void *argument)
{
    struct pool *pool = argument;
    struct ob_hasher *hasher = NULL;
    unsigned char *buffer = malloc(READ_SIZE);
    bool ready = buffer != NULL && core_hasher_new(&hasher) == OB_OK;
    for (;;) {
        size_t i = atomic_fetch_add(&pool->next, 1);
        if (i >= pool->count)
            break;
        struct entry *entry = &pool->entries[i];
        if (!entry->need_hash)
            continue;
        entry->error = ready ? hash_file(hasher, buffer, &entry->now) : ENOMEM;
        if (entry->error == 0)
            atomic_fetch_add(&pool->bytes, entry->now.size);
    }
    core_hasher_free(hasher);
    free(buffer);
    return NULL;
}

/* Hashes the entries that need it with `threads` threads, then reports the
 * ones that could not be read. */
static enum ob_status hash_entries(struct run *run, unsigned threads)
{
    if (threads == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        threads = online > 0 ? (unsigned)online : 1;
    }
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    struct pool pool = {.entries = run->entries, .count = run->count};
    atomic_init(&pool.next, 0);
    atomic_init(&pool.bytes, 0);
    pthread_t workers[MAX_THREADS];
    unsigned started = 0;
    for (; started < threads; started++)
        if (pthread_create(&workers[started], NULL, hash_worker, &pool) != 0)
            break;
    if (started == 0)
        hash_worker(&pool);
    for (unsigned i = 0; i < started; i++)
        pthread_join(workers[i], NULL);
    run->stats->bytes_hashed += atomic_load(&pool.bytes);
    for (size_t i = 0; i < run->count; i++) {
        struct entry *entry = &run->entries[i];
        if (!entry->need_hash)
            continue;
        if (entry->error == ENOMEM)
            return OB_ERR_NOMEM;
        if (entry->error != 0)
            problem_errno(run, entry->now.path, entry->error);
        else
            run->stats->files_hashed++;
    }
    return OB_OK;
}

static void run_release(struct run *run)
{
    for (size_t i = 0; i < run->count; i++)
        free((char *)run->entries[i].now.path);
    free(run->entries);
}

/* The absolute forms of `roots`, or a failure naming the one that is missing. */
static enum ob_status absolute_roots(struct ob_context *ctx, const char *const *roots,
                                     size_t root_count, char ***out)
{
    *out = calloc(root_count + 1, sizeof(char *));
    if (*out == NULL)
        return OB_ERR_NOMEM;
    for (size_t i = 0; i < root_count; i++) {
        if (((*out)[i] = realpath(roots[i], NULL)) == NULL)
            return ob_context_fail(ctx, ob_status_from_errno(errno), _("cannot read '%s': %s"),
                                   roots[i], strerror(errno));
    }
    return OB_OK;
}

static void free_roots(char **roots, size_t count)
{
    if (roots == NULL)
        return;
    for (size_t i = 0; i < count; i++)
        free(roots[i]);
    free(roots);
}

enum ob_status ob_baseline_create(struct ob_context *ctx, const char *db_path,
                                  const char *const *roots, size_t root_count,
                                  const struct ob_baseline_options *options,
                                  const struct ob_baseline_callbacks *callbacks,
                                  struct ob_baseline_stats *stats)
{
    struct timespec start = core_clock_now();
    memset(stats, 0, sizeof(*stats));
    struct run run = {.ctx = ctx, .callbacks = callbacks, .stats = stats};
    char **absolute = NULL;
    const struct ob_baseline_record **records = NULL;
    struct ob_baseline_device *devices = NULL;
    /* The devices first: a wrong device name fails before the long walk. */
    size_t device_count = 0;
    enum ob_status status = integrity_devices_record(ctx, options->devices, options->device_count,
                                                     &devices, &device_count);
    if (status == OB_OK)
        status = absolute_roots(ctx, roots, root_count, &absolute);
    if (status == OB_OK)
        status = walk_roots(&run, (const char *const *)absolute, root_count, options);
    if (status == OB_OK)
        status = hash_entries(&run, options->threads);
    if (status == OB_OK && (records = calloc(run.count + 1, sizeof(*records))) == NULL)
        status = OB_ERR_NOMEM;
    size_t kept = 0;
    for (size_t i = 0; status == OB_OK && i < run.count; i++)
        if (run.entries[i].error == 0)
            records[kept++] = &run.entries[i].now;
    if (status == OB_OK)
        status = integrity_db_write(ctx, db_path, (const char *const *)absolute, root_count,
                                    options, records, kept, devices, device_count);
    stats->files = run.count;
    stats->recorded = kept;
    stats->devices = status == OB_OK ? device_count : 0;
    integrity_devices_free(devices, device_count);
    stats->seconds = core_clock_seconds_since(&start);
    free(records);
    free_roots(absolute, root_count);
    run_release(&run);
    return status;
}

/* ---- verify ------------------------------------------------------------------ */

static int compare_record_path(const void *key, const void *item)
{
    return strcmp(key, ((const struct ob_baseline_record *)item)->path);
}

static int compare_inode(const void *a, const void *b)
{
    const struct ob_baseline_record *x = *(const struct ob_baseline_record *const *)a;
    const struct ob_baseline_record *y = *(const struct ob_baseline_record *const *)b;
    if (x->device != y->device)
        return x->device < y->device ? -1 : 1;
    return x->inode < y->inode ? -1 : x->inode > y->inode;
}

static int compare_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Refuses a baseline of another host or other paths than asked for. */
static enum ob_status check_origin(struct ob_context *ctx, const char *db_path,
                                   const struct integrity_baseline *loaded, char **asked,
                                   size_t asked_count, const struct ob_baseline_options *options)
{
    char host[256] = "";
    if (gethostname(host, sizeof(host) - 1) != 0)
        host[0] = '\0';
    if (!options->other_host && strcmp(host, loaded->host) != 0)
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT,
                               _("baseline '%s' was recorded on the host '%s', not on this one "
                                 "('%s'); use --other-host to compare anyway"),
                               db_path, loaded->host, host);
    if (asked_count == 0)
        return OB_OK;
    qsort(asked, asked_count, sizeof(*asked), compare_text);
    bool same = asked_count == loaded->root_count;
    for (size_t i = 0; same && i < asked_count; i++)
        same = strcmp(asked[i], loaded->roots[i]) == 0 &&
               (i == 0 || strcmp(asked[i], asked[i - 1]) != 0);
    if (!same)
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT,
                               _("baseline '%s' was recorded for other paths than the ones given "
                                 "(it holds '%s' and %zu more)"),
                               db_path, loaded->root_count > 0 ? loaded->roots[0] : "",
                               loaded->root_count > 0 ? loaded->root_count - 1 : 0);
    return OB_OK;
}

static bool metadata_differs(const struct ob_baseline_record *a, const struct ob_baseline_record *b)
{
    return a->mode != b->mode || a->uid != b->uid || a->gid != b->gid ||
           a->mtime_ns != b->mtime_ns || a->inode != b->inode;
}

static void add_reason(struct ob_baseline_change *change, enum ob_baseline_signal signal)
{
    change->reasons[change->reason_count++] = signal;
    change->score += ob_baseline_signal(signal)->score;
}

static void emit(struct run *run, struct ob_baseline_change *change, int64_t mtime_ns)
{
    if (change->reason_count == 0)
        return;
    change->level = integrity_level_of(change->score);
    struct ob_baseline_stats *stats = run->stats;
    stats->findings[change->level]++;
    for (size_t i = 0; i < change->reason_count; i++)
        stats->counts[change->reasons[i]]++;
    if (mtime_ns != 0) {
        if (stats->first_change_ns == 0 || mtime_ns < stats->first_change_ns)
            stats->first_change_ns = mtime_ns;
        if (mtime_ns > stats->last_change_ns)
            stats->last_change_ns = mtime_ns;
    }
    if (run->callbacks != NULL && run->callbacks->change != NULL)
        run->callbacks->change(run->callbacks->user, change);
}

/* The reasons of a file that has a record (by path or by inode). */
static void judge(struct run *run, const struct entry *entry, size_t renamed, unsigned *wipe_bytes)
{
    const struct ob_baseline_record *before = entry->before, *now = &entry->now;
    struct ob_baseline_change change = {.before = before, .after = now};
    if (entry->renamed) {
        change.old_path = before->path;
        add_reason(&change,
                   renamed >= MASS_RENAME_MIN ? OB_BASELINE_MASS_RENAME : OB_BASELINE_RENAMED);
    }
    bool content = entry->need_hash && now->hashed && before->hashed &&
                   memcmp(now->sha256, before->sha256, sizeof(now->sha256)) != 0;
    if (content)
        add_reason(&change, OB_BASELINE_CONTENT_CHANGED);
    /* Editing a file changes its times: with the content, only a change
     * of permissions or owner is worth its own reason. */
    if (content ? before->mode != now->mode || before->uid != now->uid || before->gid != now->gid
                : metadata_differs(before, now))
        add_reason(&change, OB_BASELINE_METADATA);
    if (before->size > 0 && now->size == 0)
        add_reason(&change, OB_BASELINE_TRUNCATED);
    if (content && now->size > 0 && now->pattern != 0 && before->pattern == 0) {
        add_reason(&change, OB_BASELINE_WIPED);
        wipe_bytes[now->top_byte & 0xff]++;
    }
    if (content && before->entropy < 6.0 && now->entropy > 7.5)
        add_reason(&change, OB_BASELINE_ENCRYPTED);
    emit(run, &change, change.reason_count > 0 ? now->mtime_ns : 0);
}

/* Pairs files that are new by name with recorded ones gone by name but
 * alive under the same inode: renames. */
static enum ob_status match_renames(struct run *run, struct integrity_baseline *loaded, bool *seen,
                                    size_t *renamed)
{
    *renamed = 0;
    size_t gone = 0;
    for (size_t i = 0; i < loaded->count; i++)
        gone += !seen[i];
    if (gone == 0)
        return OB_OK;
    const struct ob_baseline_record **by_inode = malloc(gone * sizeof(*by_inode));
    if (by_inode == NULL)
        return OB_ERR_NOMEM;
    for (size_t i = 0, n = 0; i < loaded->count; i++)
        if (!seen[i])
            by_inode[n++] = &loaded->records[i];
    qsort(by_inode, gone, sizeof(*by_inode), compare_inode);
    for (size_t i = 0; i < run->count; i++) {
        struct entry *entry = &run->entries[i];
        if (entry->before != NULL)
            continue;
        const struct ob_baseline_record *key = &entry->now;
        const struct ob_baseline_record **found = bsearch(&key, by_inode, gone, sizeof(*by_inode),
                                                          compare_inode);
        if (found == NULL || seen[*found - loaded->records])
            continue;
        seen[*found - loaded->records] = true;
        entry->before = *found;
        entry->renamed = true;
        (*renamed)++;
    }
    free(by_inode);
    return OB_OK;
}

struct finish_job {
    struct ob_context *ctx;
    struct integrity_reader *reader;
    struct integrity_baseline *loaded;
    enum ob_status status;
};

static void *finish_thread(void *argument)
{
    struct finish_job *job = argument;
    job->status = integrity_db_finish(job->ctx, job->reader, job->loaded);
    return NULL;
}

enum ob_status ob_baseline_verify(struct ob_context *ctx, const char *db_path,
                                  const char *const *roots, size_t root_count,
                                  const struct ob_baseline_options *options,
                                  const struct ob_baseline_callbacks *callbacks,
                                  struct ob_baseline_stats *stats)
{
    struct timespec start = core_clock_now();
    memset(stats, 0, sizeof(*stats));
    struct run run = {.ctx = ctx, .callbacks = callbacks, .stats = stats};
    struct integrity_baseline loaded;
    char **asked = NULL;
    bool *seen = NULL;
    struct integrity_reader reader;
    enum ob_status status = integrity_db_open(ctx, db_path, &loaded, &reader);
    if (status != OB_OK)
        goto out;
    if (root_count > 0)
        status = absolute_roots(ctx, roots, root_count, &asked);
    if (status == OB_OK)
        status = check_origin(ctx, db_path, &loaded, asked, root_count, options);
    if (status != OB_OK) {
        integrity_db_close(&reader);
        goto out;
    }
    /* The records are read (and the file checked) on another thread while
     * this one walks: the walk needs only the header. Until the join, only
     * that thread uses ctx; the walk reports through the callbacks. */
    struct finish_job job = {.ctx = ctx, .reader = &reader, .loaded = &loaded};
    pthread_t reading;
    bool threaded = pthread_create(&reading, NULL, finish_thread, &job) == 0;
    if (!threaded)
        finish_thread(&job);
    /* The walk of create, whatever this call's options say about walking. */
    struct ob_baseline_options walk = *options;
    walk.cross_filesystems = loaded.cross_filesystems;
    walk.scan_special_dirs = loaded.scan_special_dirs;
    walk.excludes = (const char *const *)loaded.excludes;
    walk.exclude_count = loaded.exclude_count;
    /* A recorded root that is gone: its files are reported as removed. */
    for (size_t i = 0; status == OB_OK && i < loaded.root_count; i++) {
        struct stat info;
        if (lstat(loaded.roots[i], &info) == 0)
            status = walk_roots(&run, (const char *const *)&loaded.roots[i], 1, &walk);
    }
    if (threaded)
        pthread_join(reading, NULL);
    if (job.status != OB_OK) /* the baseline itself: its message is in ctx */
        status = job.status;
    stats->recorded = loaded.count;
    if (status == OB_OK && (seen = calloc(loaded.count + 1, sizeof(*seen))) == NULL)
        status = OB_ERR_NOMEM;
    if (status != OB_OK)
        goto out;
    for (size_t i = 0; i < run.count; i++) {
        struct entry *entry = &run.entries[i];
        const struct ob_baseline_record *before = bsearch(entry->now.path, loaded.records,
                                                          loaded.count, sizeof(*loaded.records),
                                                          compare_record_path);
        if (before != NULL) {
            seen[before - loaded.records] = true;
            entry->before = before;
            entry->need_hash = options->full || !before->hashed ||
                               before->size != entry->now.size ||
                               before->mtime_ns != entry->now.mtime_ns ||
                               before->ctime_ns != entry->now.ctime_ns ||
                               before->inode != entry->now.inode;
        }
    }
    size_t renamed = 0;
    status = match_renames(&run, &loaded, seen, &renamed);
    if (status == OB_OK)
        status = hash_entries(&run, options->threads);
    if (status != OB_OK)
        goto out;
    stats->files = run.count;
    unsigned wipe_bytes[256] = {0};
    for (size_t i = 0; i < run.count; i++) {
        const struct entry *entry = &run.entries[i];
        if (entry->error != 0)
            continue;
        if (entry->before != NULL) {
            judge(&run, entry, renamed, wipe_bytes);
        } else {
            struct ob_baseline_change change = {.after = &entry->now};
            add_reason(&change, OB_BASELINE_ADDED);
            emit(&run, &change, entry->now.mtime_ns);
        }
    }
    for (size_t i = 0; i < loaded.count; i++) {
        if (seen[i])
            continue;
        struct ob_baseline_change change = {.before = &loaded.records[i]};
        add_reason(&change, OB_BASELINE_REMOVED);
        emit(&run, &change, 0);
    }
    for (unsigned b = 0; b < 256; b++)
        if (wipe_bytes[b] > wipe_bytes[stats->wipe_byte])
            stats->wipe_byte = b;
    integrity_devices_verify(ctx, loaded.devices, loaded.device_count, callbacks, stats);
out:
    stats->seconds = core_clock_seconds_since(&start);
    free(seen);
    free_roots(asked, root_count);
    integrity_loaded_release(&loaded);
    run_release(&run);
    return status;
}
