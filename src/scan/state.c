/* SPDX-License-Identifier: Apache-2.0 */
/* The scan-state file (oberig scan --state): one SQLite record per file on
 * disk with its stat, hashes and content-only results, trusted only while
 * the file, the rules and the program are the ones that made it. */
#include "scan/state.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/i18n.h"
#include "oberig/version.h"
#include "scan/filetype.h"
#include "scan/magic_adapter.h"

/* "OBst" in the SQLite header, so a state file is told from other files. */
#define STATE_APPLICATION_ID 0x4f427374
/* Bumped whenever what the pipeline derives from a content changes. */
#define STATE_FORMAT 2
#define SEGMENT_CAP ((size_t)64 << 20)
/* A batch of writes is committed after this many records or this long. */
#define COMMIT_RECORDS 2000
#define COMMIT_SECONDS 1.0
#define MAX_ROOTS 256

struct scan_state {
    pthread_mutex_t lock; /* one connection, used by the walker and the workers */
    sqlite3 *db;
    sqlite3_stmt *select, *seen, *insert;
    char *path;
    bool full;
    const struct ob_scan_options *options;
    bool yara;        /* the rules run on files that are not trusted */
    bool rules_known; /* their identity could be computed */
    unsigned char rules_key[OB_SHA256_LEN];
    int64_t started, run;
    bool in_transaction, reads_off, writes_off;
    unsigned pending;
    struct timespec batch_started;
    uint64_t language; /* the explanations of built-in reasons in this run's language */
    char *roots[MAX_ROOTS];
    size_t root_count;
    uint64_t damaged_records;
    bool saw_damage; /* a damaged record was met: the file is checked next time */
    bool notice_due;
    char notice[512];
};

/* ---- the facts and their encoding ------------------------------------------ */

void scan_state_facts_init(struct scan_state_facts *facts)
{
    memset(facts, 0, sizeof(*facts));
    for (int s = 0; s < SCAN_STATE_SEGMENTS; s++)
        core_buffer_init(&facts->reasons[s], SEGMENT_CAP);
    core_buffer_init(&facts->members, SEGMENT_CAP);
    facts->storable = true;
}

void scan_state_facts_release(struct scan_state_facts *facts)
{
    for (int s = 0; s < SCAN_STATE_SEGMENTS; s++)
        core_buffer_release(&facts->reasons[s]);
    core_buffer_release(&facts->members);
}

void scan_state_facts_free(struct scan_state_facts *facts)
{
    if (facts == NULL)
        return;
    scan_state_facts_release(facts);
    free(facts);
}

void scan_state_facts_stat(struct scan_state_facts *facts, const struct stat *st)
{
    facts->dev = (uint64_t)st->st_dev;
    facts->ino = (uint64_t)st->st_ino;
    facts->size = (uint64_t)st->st_size;
    facts->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    facts->ctime_ns = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
    facts->uid = (uint32_t)st->st_uid;
    facts->mode = (uint32_t)st->st_mode;
}

static uint64_t fnv1a(uint64_t hash, const void *bytes, size_t length)
{
    const unsigned char *at = bytes;
    for (size_t i = 0; i < length; i++) {
        hash ^= at[i];
        hash *= 0x100000001b3ULL;
    }
    return hash;
}
#define FNV_START 0xcbf29ce484222325ULL

uint64_t scan_state_view(char windows_drive, const char *windows_root, size_t root_length)
{
    if (windows_drive == 0)
        return 0;
    uint64_t hash = fnv1a(FNV_START, &windows_drive, 1);
    if (windows_root != NULL)
        hash = fnv1a(hash, windows_root, strlen(windows_root) + 1);
    uint64_t length = windows_root != NULL ? 0 : (uint64_t)root_length;
    return fnv1a(hash, &length, sizeof(length));
}

uint64_t scan_state_archive_view(const struct ob_scan_options *options)
{
    uint64_t limits[5] = {options->archive_max_depth, options->archive_max_entries,
                          options->archive_max_total, options->archive_max_ratio,
                          options->max_file_size};
    return fnv1a(FNV_START, limits, sizeof(limits));
}

static bool put(struct ob_buffer *out, const void *bytes, size_t length)
{
    return core_buffer_append(out, bytes, length) == OB_OK;
}

static bool put_u64(struct ob_buffer *out, uint64_t value)
{
    return put(out, &value, sizeof(value));
}

static bool put_text(struct ob_buffer *out, const char *text)
{
    uint32_t length = (uint32_t)strlen(text) + 1;
    return put(out, &length, sizeof(length)) && put(out, text, length);
}

void scan_state_keep_reasons(struct scan_state_facts *facts, enum scan_state_segment segment,
                             const struct ob_reason *reasons, size_t count)
{
    struct ob_buffer *out = &facts->reasons[segment];
    for (size_t i = 0; i < count && facts->storable; i++) {
        const struct ob_reason *reason = &reasons[i];
        unsigned char signal = (unsigned char)reason->signal;
        int32_t score = reason->score;
        unsigned char has_campaign = reason->campaign != NULL;
        facts->storable = put(out, &signal, 1) && put(out, &score, sizeof(score)) &&
                          put_text(out, reason->name) && put_text(out, reason->source) &&
                          put_text(out, reason->description) && put(out, &has_campaign, 1) &&
                          (!has_campaign || put_text(out, reason->campaign));
    }
}

void scan_state_keep_tally(struct scan_state_facts *facts, const unsigned char *data, size_t length,
                           size_t period, bool renamed, bool note, bool system)
{
    if (!(period > 0 || renamed || note || system))
        return;
    size_t kept = period < length ? period : length;
    if (kept > sizeof(facts->pattern))
        kept = sizeof(facts->pattern);
    facts->tally = true;
    facts->period = period;
    memcpy(facts->pattern, data, kept);
    facts->renamed = renamed;
    facts->note = note;
    facts->system = system;
    if (period > sizeof(facts->pattern))
        facts->storable = false;
}

/* The events of the archive part: a member (then its facts) or a notice. */
enum { EVENT_MEMBER = 1, EVENT_NOTICE = 2 };

static bool put_segment(struct ob_buffer *out, const struct ob_buffer *segment)
{
    return put_u64(out, segment->length) && put(out, segment->data, segment->length);
}

void scan_state_log_member(struct scan_state_facts *log, const char *member, unsigned depth,
                           const struct scan_state_facts *facts)
{
    if (!log->storable)
        return;
    struct ob_buffer *out = &log->members;
    unsigned char kind = EVENT_MEMBER;
    uint32_t words[3] = {depth, facts->flags, facts->archive_kind};
    log->storable = facts->storable && put(out, &kind, 1) && put_text(out, member) &&
                    put(out, words, sizeof(words)) && put_u64(out, facts->size) &&
                    put(out, &facts->digests, sizeof(facts->digests)) &&
                    put_text(out, facts->label) && put_text(out, facts->type) &&
                    put_segment(out, &facts->reasons[SCAN_STATE_NAME]) &&
                    put_segment(out, &facts->reasons[SCAN_STATE_RULES]);
}

void scan_state_log_notice(struct scan_state_facts *log, const char *member, const char *message)
{
    if (!log->storable)
        return;
    struct ob_buffer *out = &log->members;
    unsigned char kind = EVENT_NOTICE, has_member = member != NULL;
    log->storable = put(out, &kind, 1) && put(out, &has_member, 1) &&
                    (member == NULL || put_text(out, member)) && put_text(out, message);
}

/* A bounded reader over an encoded record. */
struct reader {
    const unsigned char *at, *end;
    bool bad;
};

static const void *take(struct reader *in, size_t length)
{
    if (in->bad || (size_t)(in->end - in->at) < length) {
        in->bad = true;
        return NULL;
    }
    const void *here = in->at;
    in->at += length;
    return here;
}

static void take_into(struct reader *in, void *out, size_t length)
{
    const void *from = take(in, length);
    if (from != NULL)
        memcpy(out, from, length);
    else
        memset(out, 0, length);
}

/* A NUL-terminated text of the record, or NULL (bad). */
static const char *take_text(struct reader *in)
{
    uint32_t length = 0;
    take_into(in, &length, sizeof(length));
    const char *text = length > 0 ? take(in, length) : NULL;
    if (text == NULL || text[length - 1] != '\0') {
        in->bad = true;
        return NULL;
    }
    return text;
}

static void take_text_into(struct reader *in, char *out, size_t size)
{
    const char *text = take_text(in);
    if (text == NULL || strlen(text) >= size) {
        in->bad = true;
        out[0] = '\0';
        return;
    }
    memcpy(out, text, strlen(text) + 1);
}

/* Reads one reason; false at the end or when it is malformed (in->bad). */
static bool take_reason(struct reader *in, enum ob_signal *signal, struct ob_indicator_ref *reason)
{
    if (in->at == in->end)
        return false;
    unsigned char code = 0, has_campaign = 0;
    int32_t score = 0;
    take_into(in, &code, 1);
    take_into(in, &score, sizeof(score));
    memset(reason, 0, sizeof(*reason));
    reason->name = take_text(in);
    reason->source = take_text(in);
    reason->description = take_text(in);
    take_into(in, &has_campaign, 1);
    if (has_campaign)
        reason->campaign = take_text(in);
    reason->score = score;
    *signal = (enum ob_signal)code;
    if (code >= OB_SIGNAL_COUNT)
        in->bad = true;
    return !in->bad;
}

void scan_state_replay_reasons(const struct scan_state_facts *facts,
                               enum scan_state_segment segment,
                               void (*add)(void *user, enum ob_signal signal,
                                           const struct ob_indicator_ref *reason),
                               void *user)
{
    const struct ob_buffer *from = &facts->reasons[segment];
    struct reader in = {from->data, from->data + from->length, false};
    enum ob_signal signal;
    struct ob_indicator_ref reason;
    while (take_reason(&in, &signal, &reason))
        add(user, signal, &reason);
}

/* Copies a segment of reasons into `out` once every reason in it reads
 * back whole. */
static void take_segment(struct reader *in, struct ob_buffer *out)
{
    uint64_t length = 0;
    take_into(in, &length, 8);
    const void *segment = !in->bad && length <= SEGMENT_CAP ? take(in, (size_t)length) : NULL;
    core_buffer_reset(out, SEGMENT_CAP);
    if (segment == NULL || core_buffer_append(out, segment, (size_t)length) != OB_OK) {
        in->bad = true;
        return;
    }
    struct reader check = {segment, (const unsigned char *)segment + length, false};
    enum ob_signal signal;
    struct ob_indicator_ref reason;
    while (take_reason(&check, &signal, &reason))
        ;
    if (check.bad)
        in->bad = true;
}

bool scan_state_each_event(const struct scan_state_facts *facts, const struct scan_state_events *to)
{
    struct reader in = {facts->members.data, facts->members.data + facts->members.length, false};
    struct scan_state_facts member;
    scan_state_facts_init(&member);
    bool going = true;
    while (going && !in.bad && in.at < in.end) {
        unsigned char kind = 0;
        take_into(&in, &kind, 1);
        if (kind == EVENT_NOTICE) {
            unsigned char has_member = 0;
            take_into(&in, &has_member, 1);
            const char *name = has_member ? take_text(&in) : NULL;
            const char *message = take_text(&in);
            if (!in.bad && to->notice != NULL)
                to->notice(to->user, name, message);
            continue;
        }
        if (kind != EVENT_MEMBER) {
            in.bad = true;
            break;
        }
        const char *name = take_text(&in);
        uint32_t words[3] = {0};
        take_into(&in, words, sizeof(words));
        member.flags = words[1];
        member.archive_kind = words[2];
        take_into(&in, &member.size, 8);
        take_into(&in, &member.digests, sizeof(member.digests));
        take_text_into(&in, member.label, sizeof(member.label));
        take_text_into(&in, member.type, sizeof(member.type));
        take_segment(&in, &member.reasons[SCAN_STATE_NAME]);
        take_segment(&in, &member.reasons[SCAN_STATE_RULES]);
        if (!in.bad && to->member != NULL)
            going = to->member(to->user, name, words[0], &member);
    }
    scan_state_facts_release(&member);
    return going && !in.bad;
}

static bool encode(const struct scan_state_facts *facts, struct ob_buffer *out)
{
    uint32_t words[4] = {facts->uid, facts->mode, facts->flags, facts->archive_kind};
    unsigned char marks[5] = {facts->tally, facts->renamed, facts->note, facts->system,
                              (unsigned char)facts->period};
    bool ok = put_u64(out, facts->dev) && put_u64(out, facts->ino) && put_u64(out, facts->size) &&
              put_u64(out, (uint64_t)facts->mtime_ns) && put_u64(out, (uint64_t)facts->ctime_ns) &&
              put_u64(out, (uint64_t)facts->scan_start) && put(out, words, sizeof(words)) &&
              put_u64(out, facts->view) && put_u64(out, facts->language) &&
              put_u64(out, facts->archive_view) &&
              put(out, &facts->digests, sizeof(facts->digests)) && put_text(out, facts->label) &&
              put_text(out, facts->type) && put_text(out, facts->owner) &&
              put(out, facts->rules_key, sizeof(facts->rules_key)) &&
              put(out, marks, sizeof(marks)) && put(out, facts->pattern, sizeof(facts->pattern));
    for (int s = 0; ok && s < SCAN_STATE_SEGMENTS; s++)
        ok = put_segment(out, &facts->reasons[s]);
    return ok && put_segment(out, &facts->members) &&
           put_u64(out, fnv1a(FNV_START, out->data, out->length));
}

bool scan_state_decode(const unsigned char *bytes, size_t length, struct scan_state_facts *facts)
{
    uint64_t sum = 0;
    if (length < sizeof(sum))
        return false;
    memcpy(&sum, bytes + length - sizeof(sum), sizeof(sum));
    if (fnv1a(FNV_START, bytes, length - sizeof(sum)) != sum)
        return false;
    struct reader in = {bytes, bytes + length - sizeof(sum), false};
    uint32_t words[4];
    unsigned char marks[5];
    uint64_t value;
    take_into(&in, &facts->dev, 8);
    take_into(&in, &facts->ino, 8);
    take_into(&in, &facts->size, 8);
    take_into(&in, &value, 8);
    facts->mtime_ns = (int64_t)value;
    take_into(&in, &value, 8);
    facts->ctime_ns = (int64_t)value;
    take_into(&in, &value, 8);
    facts->scan_start = (int64_t)value;
    take_into(&in, words, sizeof(words));
    facts->uid = words[0];
    facts->mode = words[1];
    facts->flags = words[2];
    facts->archive_kind = words[3];
    take_into(&in, &facts->view, 8);
    take_into(&in, &facts->language, 8);
    take_into(&in, &facts->archive_view, 8);
    take_into(&in, &facts->digests, sizeof(facts->digests));
    take_text_into(&in, facts->label, sizeof(facts->label));
    take_text_into(&in, facts->type, sizeof(facts->type));
    take_text_into(&in, facts->owner, sizeof(facts->owner));
    take_into(&in, facts->rules_key, sizeof(facts->rules_key));
    take_into(&in, marks, sizeof(marks));
    facts->tally = marks[0];
    facts->renamed = marks[1];
    facts->note = marks[2];
    facts->system = marks[3];
    facts->period = marks[4];
    take_into(&in, facts->pattern, sizeof(facts->pattern));
    if (facts->period > sizeof(facts->pattern))
        in.bad = true;
    /* Every reason and event must read back whole before any is replayed. */
    for (int s = 0; !in.bad && s < SCAN_STATE_SEGMENTS; s++)
        take_segment(&in, &facts->reasons[s]);
    value = 0;
    take_into(&in, &value, 8);
    const void *members = !in.bad && value <= SEGMENT_CAP ? take(&in, (size_t)value) : NULL;
    if (members == NULL || core_buffer_append(&facts->members, members, (size_t)value) != OB_OK)
        in.bad = true;
    static const struct scan_state_events check = {0};
    return !in.bad && in.at == in.end && scan_state_each_event(facts, &check);
}

/* ---- the file ------------------------------------------------------------------ */

static void set_notice(struct scan_state *state, const char *text)
{
    if (state->notice_due)
        return;
    snprintf(state->notice, sizeof(state->notice), "%s", text);
    state->notice_due = true;
}

bool scan_state_take_notice(struct scan_state *state, char *notice, size_t notice_size)
{
    pthread_mutex_lock(&state->lock);
    bool due = state->notice_due;
    if (!due && state->damaged_records > 0) {
        snprintf(notice, notice_size,
                 /* TRANSLATORS: %s is the state file. */
                 _("the scan state '%s' held damaged records; those files were read again"),
                 state->path);
        state->damaged_records = 0;
        due = true;
    } else if (due) {
        snprintf(notice, notice_size, "%s", state->notice);
    }
    state->notice_due = false;
    pthread_mutex_unlock(&state->lock);
    return due;
}

/* A failure of the database while it is in use: reads or writes stop for
 * the rest of the scan (the scan itself goes on reading files). */
static void db_failed(struct scan_state *state, bool writing)
{
    char text[512];
    if (writing) {
        /* TRANSLATORS: %s is the state file, then SQLite's reason in English. */
        snprintf(text, sizeof(text), _("the scan state '%s' could not be written: %s"), state->path,
                 sqlite3_errmsg(state->db));
        state->writes_off = true;
    } else {
        snprintf(text, sizeof(text),
                 _("the scan state '%s' could not be read (%s); every file is read"), state->path,
                 sqlite3_errmsg(state->db));
        state->reads_off = true;
    }
    set_notice(state, text);
}

static bool exec(struct scan_state *state, const char *sql)
{
    return sqlite3_exec(state->db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static void commit(struct scan_state *state)
{
    if (state->in_transaction && !exec(state, "COMMIT"))
        db_failed(state, true);
    state->in_transaction = false;
    state->pending = 0;
}

/* Begins a batch if none is open; commits one that is full or old. */
static bool batch(struct scan_state *state)
{
    if (state->in_transaction &&
        (state->pending >= COMMIT_RECORDS ||
         core_clock_seconds_since(&state->batch_started) >= COMMIT_SECONDS))
        commit(state);
    if (!state->in_transaction && !state->writes_off) {
        if (!exec(state, "BEGIN IMMEDIATE")) {
            db_failed(state, true);
            return false;
        }
        state->in_transaction = true;
        state->batch_started = core_clock_now();
    }
    return !state->writes_off;
}

enum file_kind { FILE_NEW, FILE_OURS, FILE_FOREIGN };

/* What is at `path`: nothing or an empty file, a state file (by its SQLite
 * header and application id, which survive most damage), or something
 * else, which is never touched. */
static enum file_kind classify(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return errno == ENOENT ? FILE_NEW : FILE_FOREIGN;
    unsigned char header[72];
    ssize_t got = read(fd, header, sizeof(header));
    close(fd);
    if (got == 0)
        return FILE_NEW;
    if (got != (ssize_t)sizeof(header) || memcmp(header, "SQLite format 3", 16) != 0)
        return FILE_FOREIGN;
    uint32_t id = (uint32_t)header[68] << 24 | (uint32_t)header[69] << 16 |
                  (uint32_t)header[70] << 8 | header[71];
    return id == STATE_APPLICATION_ID ? FILE_OURS : FILE_FOREIGN;
}

static void remove_files(const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    char name[4200];
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
        if ((size_t)snprintf(name, sizeof(name), "%s%s", path, suffixes[i]) < sizeof(name))
            (void)unlink(name);
}

static bool quick_check_ok(sqlite3 *db)
{
    sqlite3_stmt *statement = NULL;
    bool ok = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &statement, NULL) == SQLITE_OK &&
              sqlite3_step(statement) == SQLITE_ROW &&
              strcmp((const char *)sqlite3_column_text(statement, 0), "ok") == 0;
    sqlite3_finalize(statement);
    return ok;
}

/* The templates of the built-in reasons' explanations, in the language of
 * this run: a record that holds such reasons serves only runs in its
 * language. */
static uint64_t language_identity(void)
{
    const struct ob_signal_table *table = ob_scan_signals();
    uint64_t hash = FNV_START;
    for (size_t i = 0; i < table->signal_count; i++) {
        const char *explanation = table->signals[i].explanation;
        if (explanation != NULL) {
            explanation = _(explanation);
            hash = fnv1a(hash, explanation, strlen(explanation) + 1);
        }
    }
    return hash;
}

/* What decides the results besides the file, the rules and the language:
 * this program and libmagic. */
static void engine_identity(char *out, size_t size)
{
    snprintf(out, size, "oberig %s; state %d; magic %d", OB_VERSION_STRING, STATE_FORMAT,
             scan_magic_version());
}

static bool meta_read(sqlite3 *db, const char *key, char *out, size_t size)
{
    sqlite3_stmt *statement = NULL;
    out[0] = '\0';
    bool ok = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &statement,
                                 NULL) == SQLITE_OK &&
              sqlite3_bind_text(statement, 1, key, -1, SQLITE_STATIC) == SQLITE_OK;
    int step = ok ? sqlite3_step(statement) : SQLITE_ERROR;
    if (step == SQLITE_ROW && sqlite3_column_text(statement, 0) != NULL)
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
    return step == SQLITE_ROW || step == SQLITE_DONE;
}

static bool meta_write(sqlite3 *db, const char *key, const char *value)
{
    sqlite3_stmt *statement = NULL;
    bool ok = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", -1,
                                 &statement, NULL) == SQLITE_OK &&
              sqlite3_bind_text(statement, 1, key, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(statement, 2, value, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_step(statement) == SQLITE_DONE;
    sqlite3_finalize(statement);
    return ok;
}

/* Whether the last run that used the file ended with every read and write
 * of it done: the file is then as SQLite left it at a commit, and need not
 * be checked whole (PRAGMA quick_check reads every page: 15 to 35 ms for
 * the 6 MB state of web-samples, a tenth of its rescan). A run that ended
 * otherwise (killed, a disk error, an error from SQLite, a damaged record)
 * leaves it unset, and the next run checks the file. */
static bool ended_clean(sqlite3 *db)
{
    char value[8];
    return meta_read(db, "clean", value, sizeof(value)) && strcmp(value, "1") == 0;
}

/* Creates the schema if needed, and starts this run: a new engine forgets
 * every record. */
static bool prepare(struct scan_state *state)
{
    sqlite3 *db = state->db;
    char text[64];
    snprintf(text, sizeof(text), "PRAGMA application_id = %d", STATE_APPLICATION_ID);
    /* The header is written before WAL is on, so a state file is known by
     * it from the first scan. */
    if (sqlite3_busy_timeout(db, 10000) != SQLITE_OK || !exec(state, text) ||
        !exec(state, "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                     "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY,"
                     " seen INTEGER NOT NULL, record BLOB NOT NULL) WITHOUT ROWID;") ||
        !exec(state, "PRAGMA journal_mode = WAL") || !exec(state, "PRAGMA synchronous = NORMAL") ||
        /* The files this run took from the state, never written to the file:
         * marking them there would rewrite every record on each rescan. */
        !exec(state, "CREATE TEMP TABLE seen_now (path TEXT PRIMARY KEY) WITHOUT ROWID"))
        return false;
    char engine[256], stored[256], run[32];
    engine_identity(engine, sizeof(engine));
    if (!exec(state, "BEGIN IMMEDIATE"))
        return false;
    bool ok = meta_read(db, "engine", stored, sizeof(stored)) &&
              meta_read(db, "run", run, sizeof(run));
    if (ok && strcmp(engine, stored) != 0)
        ok = exec(state, "DELETE FROM files") && meta_write(db, "engine", engine);
    state->run = strtoll(run, NULL, 10) + 1;
    snprintf(run, sizeof(run), "%lld", (long long)state->run);
    /* Set again when this run ends with the file as it should be. */
    ok = ok && meta_write(db, "run", run) && meta_write(db, "clean", "0") && exec(state, "COMMIT");
    if (!ok) {
        exec(state, "ROLLBACK");
        return false;
    }
    return sqlite3_prepare_v2(db, "SELECT record FROM files WHERE path = ?1", -1, &state->select,
                              NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO temp.seen_now (path) VALUES (?1)", -1,
                              &state->seen, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(
               db, "INSERT OR REPLACE INTO files (path, seen, record) VALUES (?1, ?2, ?3)", -1,
               &state->insert, NULL) == SQLITE_OK;
}

static void state_free(struct scan_state *state)
{
    sqlite3_finalize(state->select);
    sqlite3_finalize(state->seen);
    sqlite3_finalize(state->insert);
    if (state->db != NULL)
        sqlite3_close(state->db);
    for (size_t i = 0; i < state->root_count; i++)
        free(state->roots[i]);
    free(state->path);
    pthread_mutex_destroy(&state->lock);
    free(state);
}

static bool open_db(struct scan_state *state)
{
    /* It lists every path scanned: only its owner reads it (SQLite gives
     * its -wal and -shm files the same mode). */
    int fd = open(state->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0)
        close(fd);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(state->path, &state->db, flags, NULL) != SQLITE_OK)
        return false;
    return true;
}

static void close_db(struct scan_state *state)
{
    sqlite3_finalize(state->select);
    sqlite3_finalize(state->seen);
    sqlite3_finalize(state->insert);
    state->select = state->seen = state->insert = NULL;
    sqlite3_close(state->db);
    state->db = NULL;
}

/* The key a record's rule results are kept under: the rules and the time
 * limit they ran with. */
static void rules_key(struct scan_state *state, const struct scan_state_setup *setup)
{
    state->yara = setup->rules != NULL && setup->options->use_yara;
    if (!state->yara)
        return;
    unsigned char identity[OB_SHA256_LEN];
    struct ob_hasher *hasher = NULL;
    int32_t timeout = setup->options->yara_timeout_seconds;
    state->rules_known =
        ob_rules_identity(setup->rules, identity) && core_hasher_new(&hasher) == OB_OK &&
        core_hasher_stream_begin(hasher, CORE_DIGEST_SHA256) == OB_OK &&
        core_hasher_stream_update(hasher, CORE_DIGEST_SHA256, identity, sizeof(identity)) ==
            OB_OK &&
        core_hasher_stream_update(hasher, CORE_DIGEST_SHA256, &timeout, sizeof(timeout)) == OB_OK &&
        core_hasher_stream_finish(hasher, CORE_DIGEST_SHA256, state->rules_key) == OB_OK;
    core_hasher_free(hasher);
}

void scan_state_open(const struct scan_state_setup *setup, struct scan_state **out, char *notice,
                     size_t notice_size)
{
    *out = NULL;
    notice[0] = '\0';
    struct scan_state *state = calloc(1, sizeof(*state));
    if (state == NULL || (state->path = strdup(setup->path)) == NULL) {
        free(state);
        snprintf(notice, notice_size, _("the scan state is not used: out of memory"));
        return;
    }
    pthread_mutex_init(&state->lock, NULL);
    state->full = setup->full;
    state->options = setup->options;
    state->started = (int64_t)time(NULL);
    state->language = language_identity();
    rules_key(state, setup);
    enum file_kind kind = classify(state->path);
    if (kind == FILE_FOREIGN) {
        snprintf(notice, notice_size,
                 /* TRANSLATORS: %s is the file given with --state. */
                 _("'%s' is not a scan state file of oberig; it is left alone and the scan "
                   "reads every file without a state"),
                 state->path);
        state_free(state);
        return;
    }
    bool ok = open_db(state);
    if (ok && kind == FILE_OURS && !ended_clean(state->db) && !quick_check_ok(state->db))
        ok = false;
    if (ok)
        ok = prepare(state);
    if (!ok && kind == FILE_OURS) {
        /* Damaged (or left unreadable by a crash SQLite could not undo):
         * it holds nothing that cannot be found again by reading. */
        snprintf(notice, notice_size,
                 /* TRANSLATORS: %s is the state file. */
                 _("the scan state '%s' is damaged; it is replaced, and every file is read"),
                 state->path);
        close_db(state);
        remove_files(state->path);
        ok = open_db(state) && prepare(state);
    }
    if (!ok) {
        /* TRANSLATORS: %s is the state file, then SQLite's reason in English. */
        snprintf(notice, notice_size, _("the scan state '%s' cannot be used: %s"), state->path,
                 state->db != NULL ? sqlite3_errmsg(state->db) : _("out of memory"));
        state_free(state);
        return;
    }
    *out = state;
}

void scan_state_root_done(struct scan_state *state, const char *absolute_root)
{
    pthread_mutex_lock(&state->lock);
    if (state->root_count < MAX_ROOTS)
        state->roots[state->root_count++] = strdup(absolute_root);
    pthread_mutex_unlock(&state->lock);
}

/* Forgets the records below `root` (a file or folder) not seen in this run. */
static void forget_unseen(struct scan_state *state, const char *root)
{
    sqlite3_stmt *statement = NULL;
    /* Below "/a/b": from "/a/b/" up to "/a/b0", '0' being the byte after '/'. */
    bool ok = sqlite3_prepare_v2(state->db,
                                 "DELETE FROM files WHERE seen < ?1 AND (path = ?2 OR"
                                 " (path >= ?2 || '/' AND path < ?2 || '0'))"
                                 " AND path NOT IN (SELECT path FROM temp.seen_now)",
                                 -1, &statement, NULL) == SQLITE_OK &&
              sqlite3_bind_int64(statement, 1, state->run) == SQLITE_OK &&
              sqlite3_bind_text(statement, 2, strcmp(root, "/") == 0 ? "" : root, -1,
                                SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_step(statement) == SQLITE_DONE;
    sqlite3_finalize(statement);
    if (!ok)
        db_failed(state, true);
}

void scan_state_close(struct scan_state *state, bool complete)
{
    if (state == NULL)
        return;
    pthread_mutex_lock(&state->lock);
    if (complete && !state->writes_off && !state->reads_off && batch(state)) {
        for (size_t i = 0; i < state->root_count; i++)
            if (state->roots[i] != NULL)
                forget_unseen(state, state->roots[i]);
    }
    if (!state->writes_off && !state->reads_off && !state->saw_damage && batch(state) &&
        !meta_write(state->db, "clean", "1"))
        db_failed(state, true);
    commit(state);
    pthread_mutex_unlock(&state->lock);
    state_free(state);
}

const unsigned char *scan_state_rules_key(const struct scan_state *state)
{
    return state->rules_key;
}

int64_t scan_state_started(const struct scan_state *state)
{
    return state->started;
}

/* Whether a decoded record serves the file `st` describes in this scan. */
static bool usable(const struct scan_state *state, const struct scan_state_facts *facts,
                   const char *path, const struct stat *st, size_t root_length)
{
    struct scan_state_facts now;
    memset(&now, 0, sizeof(now));
    scan_state_facts_stat(&now, st);
    if (now.dev != facts->dev || now.ino != facts->ino || now.size != facts->size ||
        now.mtime_ns != facts->mtime_ns || now.ctime_ns != facts->ctime_ns ||
        now.uid != facts->uid || now.mode != facts->mode)
        return false;
    /* Whole-second (or coarser) time stamps cannot show a change made in the
     * second the file was read; nor can any file system's stamps show one
     * made in the same tick, so a file changed less than a second before the
     * recording scan began, or after, is read again (git's "racy clean"). */
    if (st->st_mtim.tv_nsec == 0 && st->st_ctim.tv_nsec == 0)
        return false;
    int64_t newest = st->st_mtim.tv_sec > st->st_ctim.tv_sec ? st->st_mtim.tv_sec
                                                             : st->st_ctim.tv_sec;
    if (newest >= facts->scan_start - 1)
        return false;
    const struct ob_scan_options *options = state->options;
    if ((facts->reasons[SCAN_STATE_NAME].length > 0 ||
         facts->reasons[SCAN_STATE_WIPER_REASONS].length > 0) &&
        facts->language != state->language)
        return false;
    if (!(facts->flags & SCAN_STATE_COMPLETE) ||
        (options->wiper_checks && !(facts->flags & SCAN_STATE_WIPER)))
        return false;
    unsigned char md5[OB_MD5_LEN];
    bool trusted = options->trusted_md5 != NULL &&
                   options->trusted_md5(options->trusted_table, path, md5) &&
                   memcmp(md5, facts->digests.md5, OB_MD5_LEN) == 0;
    if (trusted)
        return true;
    /* An archive's members were read under the same limits, and their
     * notices given in this language. */
    if (options->scan_archives && facts->archive_kind != OB_ARCHIVE_NONE &&
        (!(facts->flags & SCAN_STATE_MEMBERS) ||
         facts->archive_view != scan_state_archive_view(options) ||
         (facts->members.length > 0 && facts->language != state->language)))
        return false;
    if (state->yara && (!state->rules_known || !(facts->flags & SCAN_STATE_YARA) ||
                        memcmp(facts->rules_key, state->rules_key, OB_SHA256_LEN) != 0 ||
                        facts->view != scan_state_view(options->windows_drive,
                                                       options->windows_root, root_length)))
        return false;
    return true;
}

struct scan_state_facts *scan_state_lookup(struct scan_state *state, const char *path,
                                           const struct stat *st, size_t root_length)
{
    if (state->full)
        return NULL;
    struct scan_state_facts *facts = malloc(sizeof(*facts));
    if (facts == NULL)
        return NULL;
    scan_state_facts_init(facts);
    bool found = false;
    pthread_mutex_lock(&state->lock);
    if (state->reads_off)
        goto out;
    sqlite3_reset(state->select);
    if (sqlite3_bind_text(state->select, 1, path, -1, SQLITE_STATIC) != SQLITE_OK) {
        db_failed(state, false);
        goto out;
    }
    int step = sqlite3_step(state->select);
    if (step == SQLITE_DONE)
        goto out;
    if (step != SQLITE_ROW) {
        db_failed(state, false);
        goto out;
    }
    const void *blob = sqlite3_column_blob(state->select, 0);
    int length = sqlite3_column_bytes(state->select, 0);
    if (blob == NULL || length <= 0 || !scan_state_decode(blob, (size_t)length, facts)) {
        state->damaged_records++;
        state->saw_damage = true;
        goto out;
    }
    found = usable(state, facts, path, st, root_length);
    if (found && !state->writes_off && batch(state)) {
        sqlite3_reset(state->seen);
        if (sqlite3_bind_text(state->seen, 1, path, -1, SQLITE_STATIC) != SQLITE_OK ||
            sqlite3_step(state->seen) != SQLITE_DONE)
            db_failed(state, true);
        else
            state->pending++;
    }
out:
    sqlite3_reset(state->select);
    pthread_mutex_unlock(&state->lock);
    if (!found) {
        scan_state_facts_free(facts);
        return NULL;
    }
    return facts;
}

void scan_state_store(struct scan_state *state, const char *path, struct scan_state_facts *facts)
{
    if (!facts->storable)
        return;
    facts->scan_start = state->started;
    facts->language = state->language;
    struct ob_buffer record;
    core_buffer_init(&record, SEGMENT_CAP * (SCAN_STATE_SEGMENTS + 1) + (1 << 16));
    if (encode(facts, &record)) {
        pthread_mutex_lock(&state->lock);
        if (batch(state)) {
            sqlite3_reset(state->insert);
            if (sqlite3_bind_text(state->insert, 1, path, -1, SQLITE_STATIC) != SQLITE_OK ||
                sqlite3_bind_int64(state->insert, 2, state->run) != SQLITE_OK ||
                sqlite3_bind_blob(state->insert, 3, record.data, (int)record.length,
                                  SQLITE_STATIC) != SQLITE_OK ||
                sqlite3_step(state->insert) != SQLITE_DONE)
                db_failed(state, true);
            else
                state->pending++;
            sqlite3_reset(state->insert);
        }
        pthread_mutex_unlock(&state->lock);
    }
    core_buffer_release(&record);
}
