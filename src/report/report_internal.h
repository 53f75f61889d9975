/* SPDX-License-Identifier: Apache-2.0 */
/* The report's model, shared by its reader (report.c), the redaction and
 * the three writers. */
#ifndef OB_REPORT_INTERNAL_H
#define OB_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buffer.h"
#include "oberig/report.h"

#define REPORT_REASONS_MAX 256       /* reasons kept per finding */
#define REPORT_ITEMS_MAX 256         /* mail indicators kept per finding */
#define REPORT_SUMMARY_MAX 64        /* summary counts kept per step */
#define REPORT_SETS_MAX 256          /* rule and indicator sets */
#define REPORT_INDICATORS_MAX 100000 /* indicators for sharing */
#define REPORT_ENTRIES_MAX 10000     /* persistence entries kept */

/* What a finding is, from its line's type. */
enum report_kind {
    REPORT_KIND_FILE,          /* scan "finding" */
    REPORT_KIND_MAIL,          /* mail "message" */
    REPORT_KIND_BOOT,          /* "bootrec" */
    REPORT_KIND_PACKAGE,       /* "package-finding" */
    REPORT_KIND_CHANGE,        /* "baseline-change" */
    REPORT_KIND_DEVICE_CHANGE, /* "baseline-device-change" */
    REPORT_KIND_PERSISTENCE,   /* a "persistence" entry with signals */
    REPORT_KIND_COUNT
};
/* "file", "mail", ... as report.json writes them. */
const char *report_kind_name(enum report_kind kind);

/* Strings below live in the report's arena; "" when absent, never NULL. */
struct report_reason {
    const char *signal, *name, *source, *campaign, *text, *evidence;
    int64_t score;
};

/* A mail indicator ("from", "url", ...) with an attachment's hashes. */
struct report_item {
    const char *kind, *value, *sha256, *md5;
};

struct report_finding {
    size_t step;
    enum report_kind kind;
    enum ob_level level;
    int64_t score;
    const char *path, *member, *md5, *sha1, *sha256, *filetype;
    const char *verdict, *from, *subject, *advice; /* mail */
    const char *signal, *package;                  /* a finding with one signal */
    const char *persistence;                       /* what starts it, when known */
    int64_t time;                                  /* the file's modification time, Unix seconds */
    bool has_time;
    size_t entry; /* persistence: index + 1 of its entry, 0 when not kept */
    struct report_reason *reasons;
    size_t reason_count;
    struct report_item *items;
    size_t item_count;
};

/* A persistence entry (a "persistence" line); strings "" when absent. */
struct report_entry {
    size_t step;
    const char *kind, *when, *user, *trigger, *file, *key, *value, *command, *program;
    bool program_exists, has_time;
    enum ob_level level;
    int64_t score, time;           /* time: the key's or holder file's last change, Unix seconds */
    struct report_reason *reasons; /* its signals */
    size_t reason_count;
    size_t finding; /* index + 1 of its own finding (kind persistence), 0 none */
};

struct report_count {
    const char *key; /* "files", "levels.alert", ... */
    int64_t value;
};

struct report_step {
    const char *name, *source, *kind; /* kind: "scan", "mail", ... or "" */
    const char *skipped;              /* why it did not run, or NULL */
    size_t lines, findings, errors, notices, ignored;
    double seconds; /* how long it took (ob_report_step_time), or -1 when not told */
    struct report_count summary[REPORT_SUMMARY_MAX];
    size_t summary_count;
};

/* A rule or indicator set used. */
struct report_set {
    size_t step;
    const char *kind, *name, *date; /* kind: "yara-rules", "ioc-lists", "indicator-store", ... */
    int64_t count, files;
};

/* Something that could not be checked (an error line) or was passed over. */
struct report_problem {
    size_t step;
    bool error;
    const char *path, *message;
};

/* An indicator for sharing (ob_report_export). */
struct report_indicator {
    enum ob_ioc_type type;
    const char *value, *campaign, *description;
    size_t finding; /* index */
};

struct ob_report {
    struct ob_context *ctx;
    struct ob_arena arena;
    struct report_step *steps;
    size_t step_count, step_capacity;
    bool has_step;
    struct report_finding *findings;
    size_t finding_count, finding_capacity, findings_dropped;
    struct report_set *sets;
    size_t set_count, set_capacity;
    struct report_problem *problems;
    size_t problem_count, problem_capacity, problems_dropped;
    const char **notices;
    size_t notice_count, notice_capacity, notices_dropped;
    struct report_entry *entries;
    size_t entry_count, entry_capacity, entries_dropped;
    size_t lines;
    bool lines_capped;
};

/* Scan findings and persistence entries about the same program (a file
 * finding's `path` equal to an entry's `program`), found when the report
 * is written so that the order of the lines does not matter. */
struct report_links {
    size_t *files; /* indices of file findings, by path, then index */
    size_t file_count;
    size_t *entries; /* indices of entries with a program, by program, then index */
    size_t entry_count;
};
enum ob_status report_links_new(const struct ob_report *report,
                                struct report_links *links) OB_WARN_UNUSED;
void report_links_release(struct report_links *links);
/* The file findings about entry `index`'s program: links->files[*first]
 * and the count returned after it. */
size_t report_entry_findings(const struct ob_report *report, const struct report_links *links,
                             size_t index, size_t *first);
/* What starts a finding: its own `persistence`, else the trigger of the
 * first entry whose program is its path; "" when nothing does. */
const char *report_finding_persistence(const struct ob_report *report,
                                       const struct report_links *links,
                                       const struct report_finding *finding);

/* A notice about the input, in the report (capped). `format` is translated. */
void report_notice(struct ob_report *report, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* The indicators of the report's findings, for report.json and export,
 * built by the caller into a caller-owned array (free it) without the
 * person's data: see docs/report-schema.md. Redaction decides which
 * addresses are the person's. */
struct report_redactor;
enum ob_status report_indicators(const struct ob_report *report,
                                 const struct report_redactor *redactor, struct ob_arena *arena,
                                 struct report_indicator **out, size_t *count) OB_WARN_UNUSED;

/* ---- redaction (redact.c) -------------------------------------------------------- */

/* Finds the user names (from home paths) and the e-mail addresses that are
 * not indicators in the report; with `enabled` false it changes nothing.
 * Free with report_redactor_free. */
enum ob_status report_redactor_new(const struct ob_report *report, bool enabled,
                                   struct report_redactor **out) OB_WARN_UNUSED;
void report_redactor_free(struct report_redactor *redactor);
/* `text` with the person's data replaced, in `scratch` (reset first);
 * `text` itself when nothing is to be replaced or redaction is off. */
const char *report_redact(const struct report_redactor *redactor, struct ob_buffer *scratch,
                          const char *text);
/* As report_redact, even when redaction is off (for what is shared). */
const char *report_redact_always(const struct report_redactor *redactor, struct ob_buffer *scratch,
                                 const char *text);
/* Whether `text` names a user or a home folder of the person (for what must
 * never be shared, even redacted). */
bool report_redactor_is_personal(const struct report_redactor *redactor, const char *text);
/* Whether `address` is an indicator (a sender of a suspicious message). */
bool report_is_indicator_address(const struct ob_report *report, const char *address);

/* ---- words (words.c): the report's sentences in the language of messages -------- */

const char *report_verdict_words(enum ob_report_verdict verdict);
const char *report_level_words(enum ob_level level);
const char *report_what_words(const struct report_finding *finding);
const char *report_why_words(const struct report_finding *finding);
const char *report_todo_words(const struct report_finding *finding);
const char *report_set_words(const char *kind);
/* How old the indicators behind the report are: the newest date of its
 * indicator sets (store sources and --iocs lists) as "YYYY-MM-DD" in
 * `newest` (11 bytes) and its age in days at `now`; false when none is
 * dated. */
#define REPORT_FRESH_DAYS 90
bool report_indicators_age(const struct ob_report *report, int64_t now, char *newest,
                           int64_t *days);
/* The warning for indicators more than REPORT_FRESH_DAYS old into `out`
 * ("your indicators are 7 months old: ..."), "" when they are not. */
void report_freshness_words(int64_t days, char *out, size_t size);
const char *report_step_words(const char *kind);
/* A heading for persistence's `when` code ("boot", "logon", ...). */
const char *report_when_words(const char *when);
/* The sentence for a skipped count of a summary ("skipped.size") into
 * `out`; false for a key that is not one. */
bool report_skipped_words(const char *key, int64_t count, char *out, size_t size);
/* The findings and persistence entries that have a time, oldest first, in
 * a new array the caller frees (NULL when out of memory): an index below
 * report->finding_count is a finding's, finding_count + i is entry i's. */
size_t *report_timeline(const struct ob_report *report, size_t *count);
/* Appends `text` escaped for HTML: & < > " ' as entities, invalid UTF-8
 * and control characters as U+FFFD, direction controls as [U+XXXX]. */
enum ob_status report_html_escape(struct ob_buffer *out, const char *text) OB_WARN_UNUSED;
enum ob_level report_max_level(const struct ob_report *report);
/* "2026-12-04 11:40 UTC" from Unix seconds into `out`. */
void report_format_time(int64_t seconds, bool iso, char *out, size_t size);

#endif
