/* SPDX-License-Identifier: Apache-2.0 */
/* Browser history: Firefox's places.sqlite and Chromium's History, read
 * from a private read-only copy, their visits matched with the indicators. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/array.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "scan/scan_internal.h"

#define MAX_HITS 1000            /* indicators reported per database */
#define MAX_PROVENANCES 64       /* sources kept per indicator */
#define MAX_TEXT ((size_t)65536) /* a URL or title kept for showing */
#define ROW_LIMIT (1 << 20)      /* longest value SQLite hands out */
#define PROGRESS_STEP 1000       /* virtual machine steps between checks */
/* Seconds from 1601-01-01 (Chromium's and Windows' epoch) to 1970-01-01. */
#define WEBKIT_EPOCH_SECONDS 11644473600LL

static const unsigned char sqlite_header[16] = "SQLite format 3";

bool scan_history_name(const char *base)
{
    /* Names as the browsers write them; a copy taken from Windows may
     * have another case. */
    return strcasecmp(base, "places.sqlite") == 0 || strcasecmp(base, "History") == 0;
}

enum scan_history_kind scan_history_kind(const char *base, const unsigned char *data, size_t length)
{
    if (length < 100 || memcmp(data, sqlite_header, sizeof(sqlite_header)) != 0 ||
        !scan_history_name(base))
        return SCAN_HISTORY_NONE;
    return strcasecmp(base, "places.sqlite") == 0 ? SCAN_HISTORY_FIREFOX : SCAN_HISTORY_CHROMIUM;
}

/* The browser, told by the folders of its profile. */
static const char *browser_name(enum scan_history_kind kind, const char *path)
{
    static const struct {
        const char *folder, *browser;
    } chromium[] = {
        {"microsoft/edge", "edge"},  {"microsoft-edge", "edge"}, {"bravesoftware", "brave"},
        {"opera", "opera"},          {"vivaldi", "vivaldi"},     {"google/chrome", "chrome"},
        {"google-chrome", "chrome"}, {"chromium", "chromium"},
    };
    char lower[4096];
    size_t i = 0;
    for (; path[i] != '\0' && i + 1 < sizeof(lower); i++)
        lower[i] =
            path[i] == '\\' ? '/' : (char)(path[i] | (path[i] >= 'A' && path[i] <= 'Z' ? 0x20 : 0));
    lower[i] = '\0';
    if (kind == SCAN_HISTORY_FIREFOX)
        return strstr(lower, "tor browser") != NULL || strstr(lower, "tor-browser") != NULL ||
                       strstr(lower, "torbrowser") != NULL
                   ? "tor-browser"
               : strstr(lower, "firefox") != NULL ? "firefox"
                                                  : "firefox-based";
    for (size_t k = 0; k < sizeof(chromium) / sizeof(chromium[0]); k++)
        if (strstr(lower, chromium[k].folder) != NULL)
            return chromium[k].browser;
    return "chromium-based";
}

/* ---- the indicators matched ------------------------------------------------------- */

struct provenance {
    char *campaign, *source, *description;
};

struct hit {
    char *type, *value;
    struct provenance *provenances;
    size_t provenance_count, provenance_capacity;
    uint64_t visits;
    int64_t first, last;
    struct ob_history_visit shown[OB_HISTORY_VISITS_SHOWN];
    size_t shown_count;
};

struct history {
    struct ob_scan *scan;
    const struct ob_scan_callbacks *to;
    const struct scan_history_file *file;
    struct hit *hits;
    size_t hit_count, hit_capacity;
    bool hits_left_out, out_of_memory;
    size_t matched[16]; /* hits the current URL matched */
    size_t matched_count;
    struct timespec started;
    bool timed_out;
};

static char *copy_text(const char *text)
{
    size_t length = strnlen(text, MAX_TEXT);
    char *copy = malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, text, length);
        copy[length] = '\0';
    }
    return copy;
}

static void hit_release(struct hit *hit)
{
    free(hit->type);
    free(hit->value);
    for (size_t i = 0; i < hit->provenance_count; i++) {
        free(hit->provenances[i].campaign);
        free(hit->provenances[i].source);
        free(hit->provenances[i].description);
    }
    free(hit->provenances);
    for (size_t i = 0; i < hit->shown_count; i++) {
        free((char *)hit->shown[i].url);
        free((char *)hit->shown[i].title);
    }
}

static struct hit *find_or_add_hit(struct history *history,
                                   const struct ob_scan_lookup_match *match)
{
    for (size_t i = 0; i < history->hit_count; i++)
        if (strcmp(history->hits[i].type, match->type) == 0 &&
            strcmp(history->hits[i].value, match->value) == 0)
            return &history->hits[i];
    if (history->hit_count >= MAX_HITS) {
        history->hits_left_out = true;
        return NULL;
    }
    if (core_array_grow((void **)&history->hits, &history->hit_capacity, history->hit_count + 1,
                        sizeof(*history->hits), 8, MAX_HITS) != OB_OK) {
        history->out_of_memory = true;
        return NULL;
    }
    struct hit *hit = &history->hits[history->hit_count];
    memset(hit, 0, sizeof(*hit));
    hit->type = copy_text(match->type);
    hit->value = copy_text(match->value);
    if (hit->type == NULL || hit->value == NULL) {
        hit_release(hit);
        history->out_of_memory = true;
        return NULL;
    }
    history->hit_count++;
    return hit;
}

static void on_match(void *user, const struct ob_scan_lookup_match *match)
{
    struct history *history = user;
    struct hit *hit = find_or_add_hit(history, match);
    if (hit == NULL)
        return;
    size_t index = (size_t)(hit - history->hits);
    bool listed = false;
    for (size_t i = 0; i < history->matched_count; i++)
        listed = listed || history->matched[i] == index;
    if (!listed && history->matched_count < sizeof(history->matched) / sizeof(history->matched[0]))
        history->matched[history->matched_count++] = index;
    for (size_t i = 0; i < hit->provenance_count; i++)
        if (strcmp(hit->provenances[i].source, match->source) == 0 &&
            strcmp(hit->provenances[i].campaign, match->campaign) == 0)
            return;
    if (hit->provenance_count >= MAX_PROVENANCES ||
        core_array_grow((void **)&hit->provenances, &hit->provenance_capacity,
                        hit->provenance_count + 1, sizeof(*hit->provenances), 4,
                        MAX_PROVENANCES) != OB_OK)
        return;
    struct provenance *provenance = &hit->provenances[hit->provenance_count];
    provenance->campaign = copy_text(match->campaign);
    provenance->source = copy_text(match->source);
    provenance->description = copy_text(match->description);
    if (provenance->campaign == NULL || provenance->source == NULL ||
        provenance->description == NULL) {
        free(provenance->campaign);
        free(provenance->source);
        free(provenance->description);
        history->out_of_memory = true;
        return;
    }
    hit->provenance_count++;
}

/* Counts one visit for a hit; the earliest visits are kept to be shown. */
static void add_visit(struct history *history, struct hit *hit, int64_t time, const char *url,
                      const char *title)
{
    hit->visits++;
    if (time > 0 && (hit->first == 0 || time < hit->first))
        hit->first = time;
    if (time > hit->last)
        hit->last = time;
    struct ob_history_visit *slot = NULL;
    if (hit->shown_count < OB_HISTORY_VISITS_SHOWN) {
        slot = &hit->shown[hit->shown_count];
    } else {
        /* Full: the latest shown visit gives way to an earlier one. */
        size_t latest = 0;
        for (size_t i = 1; i < hit->shown_count; i++)
            if (hit->shown[i].time > hit->shown[latest].time)
                latest = i;
        if (time >= hit->shown[latest].time)
            return;
        slot = &hit->shown[latest];
        free((char *)slot->url);
        free((char *)slot->title);
        hit->shown_count--;
        *slot = hit->shown[hit->shown_count];
        slot = &hit->shown[hit->shown_count];
    }
    char *url_copy = copy_text(url), *title_copy = copy_text(title);
    if (url_copy == NULL || title_copy == NULL) {
        free(url_copy);
        free(title_copy);
        history->out_of_memory = true;
        return;
    }
    *slot = (struct ob_history_visit){.time = time, .url = url_copy, .title = title_copy};
    hit->shown_count++;
}

/* ---- reading the database ----------------------------------------------------------- */

/* Stops a query that runs too long (a hostile schema, a huge table) or
 * when the scan is cancelled. */
static int on_progress(void *user)
{
    struct history *history = user;
    const struct ob_scan *scan = history->scan;
    if (atomic_load_explicit(&scan->cancelled, memory_order_relaxed))
        return 1;
    double limit = scan->options.yara_timeout_seconds > 0 ? scan->options.yara_timeout_seconds : 60;
    if (core_clock_seconds_since(&history->started) > limit) {
        history->timed_out = true;
        return 1;
    }
    return 0;
}

struct schema {
    const char *places_table, *visits_table;
    const char *places_query, *visits_query;
    bool webkit_time; /* microseconds since 1601, else since 1970 */
};

static const struct schema schemas[] = {
    [SCAN_HISTORY_FIREFOX] = {"moz_places", "moz_historyvisits",
                              "SELECT id, url, title FROM moz_places",
                              "SELECT visit_date FROM moz_historyvisits WHERE place_id = ?1 "
                              "ORDER BY visit_date",
                              false},
    [SCAN_HISTORY_CHROMIUM] = {"urls", "visits", "SELECT id, url, title FROM urls",
                               "SELECT visit_time FROM visits WHERE url = ?1 ORDER BY visit_time",
                               true},
};

static int64_t unix_seconds(const struct schema *schema, sqlite3_int64 microseconds)
{
    if (microseconds <= 0)
        return 0;
    int64_t seconds = microseconds / 1000000;
    if (schema->webkit_time)
        seconds -= WEBKIT_EPOCH_SECONDS;
    return seconds > 0 ? seconds : 0;
}

/* Opens the private copy read-only, with no way to run anything but our
 * own queries: no triggers, views, extensions or writes, values capped. */
static const char *open_copy(const char *path, struct history *history, sqlite3 **out)
{
    sqlite3 *db = NULL;
    *out = NULL;
    if (sqlite3_open_v2(path, &db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE,
                        NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return _("the database cannot be opened");
    }
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, ROW_LIMIT);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 100);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
    sqlite3_progress_handler(db, PROGRESS_STEP, on_progress, history);
    if (sqlite3_exec(db,
                     "PRAGMA query_only = 1; PRAGMA cell_size_check = 1; "
                     "PRAGMA cache_size = -8192",
                     NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return _("the database cannot be read: it is damaged or not a database");
    }
    *out = db;
    return NULL;
}

/* Both tables are there, and are tables (not views named like them). */
static const char *check_schema(sqlite3 *db, const struct schema *schema)
{
    sqlite3_stmt *statement = NULL;
    const char *problem = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                           "name IN (?1, ?2)",
                           -1, &statement, NULL) != SQLITE_OK)
        problem = _("the database cannot be read: it is damaged or not a database");
    else {
        sqlite3_bind_text(statement, 1, schema->places_table, -1, SQLITE_STATIC);
        sqlite3_bind_text(statement, 2, schema->visits_table, -1, SQLITE_STATIC);
        if (sqlite3_step(statement) != SQLITE_ROW)
            problem = _("the database cannot be read: it is damaged or not a database");
        else if (sqlite3_column_int(statement, 0) != 2)
            problem = _("named like a browser history, but it lacks the history's tables");
    }
    sqlite3_finalize(statement);
    return problem;
}

static const char *read_visits(struct history *history, sqlite3 *db, const struct schema *schema)
{
    sqlite3_stmt *places = NULL, *visits = NULL;
    const char *problem = NULL;
    if (sqlite3_prepare_v2(db, schema->places_query, -1, &places, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, schema->visits_query, -1, &visits, NULL) != SQLITE_OK) {
        problem = _("named like a browser history, but its tables lack the history's columns");
        goto out;
    }
    int step;
    while ((step = sqlite3_step(places)) == SQLITE_ROW) {
        const char *url = (const char *)sqlite3_column_text(places, 1);
        int url_length = sqlite3_column_bytes(places, 1);
        if (url == NULL || url_length <= 0)
            continue;
        history->matched_count = 0;
        history->scan->options.lookup(history->scan->options.lookup_table, OB_SCAN_LOOKUP_ADDRESS,
                                      url, on_match, history);
        if (history->matched_count == 0)
            continue;
        /* The row's values last until the next step of `places`. */
        const char *title = (const char *)sqlite3_column_text(places, 2);
        if (title == NULL)
            title = "";
        sqlite3_reset(visits);
        sqlite3_bind_int64(visits, 1, sqlite3_column_int64(places, 0));
        int visit_step;
        while ((visit_step = sqlite3_step(visits)) == SQLITE_ROW) {
            int64_t time = unix_seconds(schema, sqlite3_column_int64(visits, 0));
            for (size_t i = 0; i < history->matched_count; i++)
                add_visit(history, &history->hits[history->matched[i]], time, url, title);
        }
        if (visit_step != SQLITE_DONE) {
            step = visit_step;
            break;
        }
    }
    if (step != SQLITE_DONE)
        problem = history->timed_out
                      ? _("reading the browser history took too long; only the visits read "
                          "before are reported")
                  : step == SQLITE_INTERRUPT
                      ? NULL /* cancelled */
                      : _("the browser history is damaged or holds values too large to read; "
                          "only the visits read before are reported");
out:
    sqlite3_finalize(places);
    sqlite3_finalize(visits);
    return problem;
}

/* ---- the private copy ------------------------------------------------------------------ */

static bool write_all(int fd, const unsigned char *data, size_t length)
{
    while (length > 0) {
        ssize_t written = write(fd, data, length);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data += written;
        length -= (size_t)written;
    }
    return true;
}

static bool write_file(const char *path, const unsigned char *data, size_t length)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    bool ok = write_all(fd, data, length);
    return close(fd) == 0 && ok;
}

/* Copies the write-ahead log beside the original, if there is one, up to
 * `cap` bytes; a log that cannot be read is left out (the database as it
 * was last checkpointed is still read). */
static void copy_wal(const char *original, const char *copy, uint64_t cap)
{
    char from[4096 + 8], to[4096 + 64];
    if ((size_t)snprintf(from, sizeof(from), "%s-wal", original) >= sizeof(from))
        return;
    snprintf(to, sizeof(to), "%s-wal", copy);
    int in = scan_open(from);
    if (in < 0)
        return;
    struct stat st;
    if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > cap) {
        close(in);
        return;
    }
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    unsigned char block[65536];
    uint64_t total = 0;
    bool ok = out >= 0;
    while (ok) {
        ssize_t got = read(in, block, sizeof(block));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0 || (total += (uint64_t)got) > cap)
            break;
        ok = write_all(out, block, (size_t)got);
    }
    close(in);
    if (out >= 0)
        close(out);
}

/* ---- findings ------------------------------------------------------------------------------ */

static int compare_visits(const void *a, const void *b)
{
    const struct ob_history_visit *left = a, *right = b;
    return (left->time > right->time) - (left->time < right->time);
}

static void emit_hit(struct history *history, const char *browser, struct hit *hit)
{
    struct ob_scan *scan = history->scan;
    const struct scan_history_file *file = history->file;
    if (hit->visits == 0 || hit->provenance_count == 0)
        return;
    qsort(hit->shown, hit->shown_count, sizeof(*hit->shown), compare_visits);
    struct ob_reason reasons[MAX_PROVENANCES];
    const struct ob_signal_def *def = ob_scan_signal(OB_SIGNAL_BROWSER_HISTORY);
    char explanation[1024];
    ob_signal_explain(def, explanation, sizeof(explanation), hit->value);
    int score = 0;
    for (size_t i = 0; i < hit->provenance_count; i++) {
        const struct provenance *provenance = &hit->provenances[i];
        reasons[i] = (struct ob_reason){
            .signal = OB_SIGNAL_BROWSER_HISTORY,
            .name = hit->value,
            .source = provenance->source,
            .description = explanation,
            .score = SCAN_HISTORY_SCORE,
            .campaign = provenance->campaign[0] != '\0' ? provenance->campaign : NULL,
        };
        score += SCAN_HISTORY_SCORE;
    }
    enum ob_level level = scan_level_of(&scan->options, score);
    if (level == OB_LEVEL_NONE)
        return;
    struct ob_history_hit shown = {
        .browser = browser,
        .indicator_type = hit->type,
        .indicator = hit->value,
        .visits = hit->visits,
        .first = hit->first,
        .last = hit->last,
        .shown = hit->shown,
        .shown_count = hit->shown_count,
    };
    struct ob_finding finding = {
        .path = file->path,
        .member = file->member,
        .size = file->size,
        .md5 = file->md5,
        .sha1 = file->sha1,
        .sha256 = file->sha256,
        .type = file->type,
        .score = score,
        .level = level,
        .reasons = reasons,
        .reason_count = hit->provenance_count,
        .mtime = file->mtime,
        .has_mtime = file->on_disk,
        .history = &shown,
    };
    core_scan_count(&scan->stats.findings[level], 1);
    scan_emit_finding(scan, history->to, &finding);
}

void scan_history_check(struct ob_scan *scan, const struct ob_scan_callbacks *to,
                        const struct scan_history_file *file, enum scan_history_kind kind,
                        const unsigned char *data, size_t length)
{
    struct history history = {.scan = scan, .to = to, .file = file, .started = core_clock_now()};
    const struct schema *schema = &schemas[kind];
    const char *problem = NULL;
    bool is_error = false;
    const char *tmp = getenv("TMPDIR");
    char folder[4096], copy[4096 + 32];
    if (tmp == NULL || tmp[0] != '/' || strlen(tmp) > 2048)
        tmp = "/tmp";
    snprintf(folder, sizeof(folder), "%s/oberig-history-XXXXXX", tmp);
    /* mkdtemp makes the folder 0700: no one else can swap the copy. */
    if (mkdtemp(folder) == NULL) {
        scan_emit_problem(scan, to, file->path, file->member,
                          _("browser history not read: no private temporary folder could be "
                            "made"),
                          true);
        core_scan_count(&scan->stats.errors, 1);
        return;
    }
    snprintf(copy, sizeof(copy), "%s/history.sqlite", folder);
    sqlite3 *db = NULL;
    if (!write_file(copy, data, length)) {
        problem = _("browser history not read: the private copy could not be written");
        is_error = true;
        goto out;
    }
    if (file->on_disk)
        copy_wal(file->path, copy, scan->options.max_file_size);
    problem = open_copy(copy, &history, &db);
    if (problem == NULL)
        problem = check_schema(db, schema);
    if (problem == NULL)
        problem = read_visits(&history, db, schema);
    const char *browser = browser_name(kind, file->path);
    for (size_t i = 0; i < history.hit_count; i++)
        emit_hit(&history, browser, &history.hits[i]);
    if (history.hits_left_out) {
        char message[256];
        snprintf(message, sizeof(message),
                 P_("the browser history matches more than %d indicator; only the first are "
                    "reported",
                    "the browser history matches more than %d indicators; only the first are "
                    "reported",
                    MAX_HITS),
                 MAX_HITS);
        scan_emit_problem(scan, to, file->path, file->member, message, false);
    }
    if (history.out_of_memory) {
        problem = _("out of memory reading the browser history; not every visit is reported");
        is_error = true;
    }
out:
    sqlite3_close(db);
    if (problem != NULL) {
        scan_emit_problem(scan, to, file->path, file->member, problem, is_error);
        if (is_error)
            core_scan_count(&scan->stats.errors, 1);
    }
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        char name[sizeof(copy) + 16];
        snprintf(name, sizeof(name), "%s%s", copy, suffixes[i]);
        (void)unlink(name);
    }
    (void)rmdir(folder);
    for (size_t i = 0; i < history.hit_count; i++)
        hit_release(&history.hits[i]);
    free(history.hits);
}
