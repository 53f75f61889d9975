/* SPDX-License-Identifier: Apache-2.0 */
/* The per-file pipeline: one read serves hashes, file-name indicators, type
 * checks, YARA and archive members; reasons are scored into a finding. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/array.h"
#include "core/buffer.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/text.h"
#include "scan/archive_adapter.h"
#include "scan/filetype.h"
#include "scan/magic_adapter.h"
#include "scan/scan_internal.h"
#include "scan/state.h"
#include "scan/wiper.h"

#define OWNER_CACHE 32
/* A rule file scanned as data can match hundreds of rules; far past that
 * is a hostile rule set. */
#define MAX_REASONS 100000
/* Read buffers above this are given back after the file, so one huge file
 * does not pin memory for the rest of the scan. */
#define KEEP_BUFFER ((size_t)8 << 20)

struct owner_entry {
    uid_t uid;
    char name[64];
};

struct ob_worker {
    struct ob_scan *scan;
    /* Where results go: the scan's callbacks, or an ob_scan_buffer call's. */
    const struct ob_scan_callbacks *report;
    struct ob_hasher *hasher;
    struct ob_magic *magic;
    struct ob_rule_scanner *rules;
    struct ob_filename_matcher *names;
    locale_t archive_locale; /* (locale_t)0 if the system has no C.UTF-8 */
    struct ob_buffer content;
    struct owner_entry owners[OWNER_CACHE];
    size_t owner_count;
};

/* What is known about the object being analysed: a file or a member. */
struct subject {
    const char *path;   /* file on disk */
    const char *member; /* "a/b.zip/c.exe" inside the archive(s), or NULL */
    const char *full;   /* path, or path + "/" + member: what names match */
    const char *owner;
    unsigned depth;
    struct ob_archive_budget *budget;
    size_t root_length; /* path[0..root_length) is the folder the scan was given */
    bool on_disk;       /* a file read from disk (not a member, not a buffer) */
    int64_t mtime;      /* its modification time, if on_disk */
    unsigned mode;      /* its permission bits, if on_disk */
    /* --state: what this file's content gave, recorded as it is read, or
     * taken from the state instead of reading a file that did not change. */
    struct scan_state_facts *record;
    const struct scan_state_facts *cached;
    /* The record of the file on disk, whose archive part (members and
     * notices) is logged in it, or NULL. */
    struct scan_state_facts *log;
    const struct ob_scan_process *process; /* the running process it is the program of */
};

/* Reasons gathered for one subject; strings are owned copies. */
struct verdict {
    struct ob_reason *reasons;
    size_t capacity;
    size_t count;
    bool truncated;
};

static void verdict_add(struct verdict *verdict, enum ob_signal signal, const char *name,
                        const char *source, const char *description, int score)
{
    if (verdict->count == verdict->capacity &&
        core_array_grow((void **)&verdict->reasons, &verdict->capacity, verdict->count + 1,
                        sizeof(*verdict->reasons), 16, MAX_REASONS) != OB_OK) {
        verdict->truncated = true;
        return;
    }
    struct ob_reason *reason = &verdict->reasons[verdict->count];
    reason->signal = signal;
    reason->name = strdup(name ? name : "");
    reason->source = strdup(source ? source : "");
    reason->description = strdup(description ? description : "");
    reason->score = score;
    reason->campaign = NULL;
    if (reason->name == NULL || reason->source == NULL || reason->description == NULL) {
        free((char *)reason->name);
        free((char *)reason->source);
        free((char *)reason->description);
        verdict->truncated = true;
        return;
    }
    verdict->count++;
}

static void verdict_release(struct verdict *verdict)
{
    for (size_t i = 0; i < verdict->count; i++) {
        free((char *)verdict->reasons[i].name);
        free((char *)verdict->reasons[i].source);
        free((char *)verdict->reasons[i].description);
        free((char *)verdict->reasons[i].campaign);
    }
    free(verdict->reasons);
    verdict->reasons = NULL;
    verdict->count = verdict->capacity = 0;
}

static void on_indicator(struct verdict *verdict, enum ob_signal signal,
                         const struct ob_indicator_ref *hit)
{
    size_t before = verdict->count;
    verdict_add(verdict, signal, hit->name, hit->source, hit->description, hit->score);
    if (verdict->count > before && hit->campaign != NULL && hit->campaign[0] != '\0')
        verdict->reasons[before].campaign = strdup(hit->campaign);
}

static void on_yara_hit(void *user, const struct ob_indicator_ref *hit)
{
    on_indicator(user, OB_SIGNAL_YARA, hit);
}

static void on_filename_hit(void *user, const struct ob_indicator_ref *hit)
{
    on_indicator(user, OB_SIGNAL_FILENAME, hit);
}

enum ob_status scan_worker_new(struct ob_scan *scan, struct ob_context *ctx, struct ob_worker **out)
{
    *out = NULL;
    struct ob_worker *worker = calloc(1, sizeof(*worker));
    if (worker == NULL)
        return OB_ERR_NOMEM;
    worker->scan = scan;
    worker->report = &scan->callbacks;
    uint64_t cap = scan->options.max_file_size + 1;
    core_buffer_init(&worker->content, cap > SIZE_MAX / 2 ? SIZE_MAX / 2 : (size_t)cap);
    worker->archive_locale = scan_archive_locale_new();
    enum ob_status status = core_hasher_new(&worker->hasher);
    if (status == OB_OK)
        status = scan_magic_new(ctx, &worker->magic);
    if (status == OB_OK && scan->rules != NULL && scan->options.use_yara)
        status = ob_rule_scanner_new(scan->rules, scan->options.yara_timeout_seconds,
                                     scan->rule_cache, &worker->rules);
    if (status == OB_OK && scan->iocs != NULL)
        status = ob_filename_matcher_new(scan->iocs, &worker->names);
    if (status != OB_OK) {
        scan_worker_free(worker);
        return status;
    }
    *out = worker;
    return OB_OK;
}

void scan_worker_free(struct ob_worker *worker)
{
    if (worker == NULL)
        return;
    core_hasher_free(worker->hasher);
    scan_magic_free(worker->magic);
    ob_rule_scanner_free(worker->rules);
    ob_filename_matcher_free(worker->names);
    scan_archive_locale_free(worker->archive_locale);
    core_buffer_release(&worker->content);
    free(worker);
}

static const char *owner_name(struct ob_worker *worker, uid_t uid)
{
    for (size_t i = 0; i < worker->owner_count; i++)
        if (worker->owners[i].uid == uid)
            return worker->owners[i].name;
    struct owner_entry *slot =
        &worker->owners[worker->owner_count < OWNER_CACHE ? worker->owner_count++
                                                          : uid % OWNER_CACHE];
    slot->uid = uid;
    const char *name = core_passwd_name(worker->scan->owners, uid);
    if (name != NULL)
        snprintf(slot->name, sizeof(slot->name), "%s", name);
    else
        snprintf(slot->name, sizeof(slot->name), "%u", (unsigned)uid);
    return slot->name;
}

enum ob_level scan_level_of(const struct ob_scan_options *options, int score)
{
    if (score >= options->alert_score)
        return OB_LEVEL_ALERT;
    if (score >= options->warning_score)
        return OB_LEVEL_WARNING;
    if (score >= options->notice_score)
        return OB_LEVEL_NOTICE;
    return OB_LEVEL_NONE;
}

static void check_hashes(struct ob_worker *worker, const struct ob_digests *digests,
                         struct verdict *verdict)
{
    const struct ob_indicators *iocs = worker->scan->iocs;
    const unsigned char *by_kind[OB_HASH_KIND_COUNT] = {digests->md5, digests->sha1,
                                                        digests->sha256};
    for (int kind = 0; kind < OB_HASH_KIND_COUNT; kind++) {
        const struct ob_indicator_ref *hit = ob_indicators_find_hash(iocs, (enum ob_hash_kind)kind,
                                                                     by_kind[kind]);
        if (hit != NULL)
            on_indicator(verdict, OB_SIGNAL_HASH, hit);
    }
}

static bool is_false_positive(struct ob_worker *worker, const struct ob_digests *digests)
{
    const struct ob_indicators *iocs = worker->scan->iocs;
    return ob_indicators_is_false_positive(iocs, OB_HASH_MD5, digests->md5) ||
           ob_indicators_is_false_positive(iocs, OB_HASH_SHA1, digests->sha1) ||
           ob_indicators_is_false_positive(iocs, OB_HASH_SHA256, digests->sha256);
}

/* Adds a built-in reason of `signal` at its table score, with the table's
 * explanation filled in (names go in as they are; every output escapes
 * them). */
static void verdict_add_builtin(struct verdict *verdict, enum ob_signal signal, const char *name,
                                const char *source, ...)
{
    const struct ob_signal_def *def = ob_scan_signal(signal);
    char description[768];
    va_list args;
    va_start(args, source);
    ob_signal_vexplain(def, description, sizeof(description), args);
    va_end(args);
    verdict_add(verdict, signal, name, source, description, def->score);
}

static void check_name(struct ob_worker *worker, const char *base, const char *extension,
                       const char *label, const unsigned char *data, size_t length,
                       const struct scan_archive_found *archive, struct verdict *verdict,
                       char *type, size_t type_size)
{
    char decoy[24], real[24];
    if (scan_filetype_is_executable(label) && scan_filetype_is_harmless_extension(extension)) {
        if (type[0] == '\0')
            scan_magic_describe(worker->magic, data, length, type, type_size);
        /* "MZ" alone is two letters any text may start with: for those,
         * libmagic must agree that the content is a program. */
        bool program = strcmp(label, "EXE") != 0 || strstr(type, "executable") != NULL;
        /* A built-in reason's source is a fixed phrase: JSON keeps it in
         * English (a code), the human output translates it. */
        if (program)
            verdict_add_builtin(verdict, OB_SIGNAL_TYPE_MISMATCH, label, N_("content type check"),
                                extension, type[0] ? type : label);
    }
    if (scan_filetype_double_extension(base, decoy, sizeof(decoy), real, sizeof(real)))
        verdict_add_builtin(verdict, OB_SIGNAL_DOUBLE_EXTENSION, real, N_("file name check"), base,
                            decoy, real);
    if (archive->kind == OB_ARCHIVE_EMBEDDED) {
        char at[24];
        snprintf(at, sizeof(at), "%zu", archive->offset);
        verdict_add_builtin(verdict,
                            scan_filetype_is_executable(label) ? OB_SIGNAL_ARCHIVE_APPENDED
                                                               : OB_SIGNAL_ARCHIVE_AFTER_DATA,
                            archive->format, N_("content type check"), archive->format, at);
    }
    uint32_t override = core_text_find_bidi_control(base, strlen(base));
    if (override != 0) {
        char code[16];
        snprintf(code, sizeof(code), "U+%04X", (unsigned) override);
        verdict_add_builtin(verdict, OB_SIGNAL_RTLO, code, N_("file name check"), base, code);
    }
}

/* A system program or library that a wiper emptied or overwrote. Returns
 * true when it found such damage. */
static bool check_system_file(const struct subject *subject, const unsigned char *data,
                              size_t length, struct verdict *verdict, size_t *period)
{
    double entropy = 0;
    char shown[96];
    if (scan_wiper_system_file(subject->path, subject->mode) == SCAN_SYSTEM_NONE)
        return false;
    switch (scan_wiper_system_damage(data, length, period, &entropy)) {
    case SCAN_SYSTEM_EMPTIED:
        verdict_add_builtin(verdict, OB_SIGNAL_SYSTEM_EMPTY, "empty", N_("wiper check"));
        return true;
    case SCAN_SYSTEM_FILLED:
        scan_wiper_format_pattern(data, *period, shown, sizeof(shown));
        verdict_add_builtin(verdict, OB_SIGNAL_SYSTEM_OVERWRITTEN, shown, N_("wiper check"), shown);
        return true;
    case SCAN_SYSTEM_RANDOM:
        snprintf(shown, sizeof(shown), "%.2f", entropy);
        verdict_add_builtin(verdict, OB_SIGNAL_SYSTEM_SCRAMBLED, shown, N_("wiper check"), shown);
        return true;
    case SCAN_SYSTEM_INTACT: break;
    }
    return false;
}

/* Wiper damage in a file on disk: its start overwritten, a random extension
 * added, a ransom note, a system program emptied or overwritten; each also
 * counted for the scan's extent. */
static void check_wiper(struct ob_worker *worker, const struct subject *subject, const char *base,
                        const char *extension, const unsigned char *data, size_t length,
                        struct verdict *verdict)
{
    const struct scan_wiper_data *lists = worker->scan->wiper_data;
    char added[16], original[16], shown[96];
    bool renamed = scan_wiper_renamed(lists, base, added, sizeof(added), original,
                                      sizeof(original));
    /* "report.docx.9fa2" was a .docx. */
    const char *own = renamed ? original : extension;
    size_t period = 0;
    bool system = check_system_file(subject, data, length, verdict, &period);
    if (!system && scan_wiper_is_structured(lists, own))
        period = scan_wiper_fill_period(data, length);
    if (period > 0 && !system) {
        scan_wiper_format_pattern(data, period, shown, sizeof(shown));
        verdict_add_builtin(verdict, OB_SIGNAL_WIPER_OVERWRITTEN, shown, N_("wiper check"), own,
                            shown);
    }
    if (renamed)
        verdict_add_builtin(verdict, OB_SIGNAL_WIPER_RENAMED, added, N_("wiper check"), base, added,
                            original);
    const char *value = NULL, *origin = NULL;
    bool note = scan_wiper_ransom_note(lists, base, data, length, &value, &origin);
    if (note)
        verdict_add_builtin(verdict, OB_SIGNAL_RANSOM_NOTE, value, N_("ransom note list"), value,
                            origin);
    if (period > 0 || renamed || note || system)
        scan_wiper_tally_add(&worker->scan->wiper, data, period, renamed, note, system,
                             subject->mtime);
    if (subject->record != NULL)
        scan_state_keep_tally(subject->record, data, length, period, renamed, note, system);
}

static void on_process_match(void *user, const struct ob_scan_lookup_match *match)
{
    struct verdict *verdict = user;
    const struct ob_signal_def *def = ob_scan_signal(OB_SIGNAL_PROCESS_INDICATOR);
    char explanation[768];
    ob_signal_explain(def, explanation, sizeof(explanation), match->value);
    size_t before = verdict->count;
    verdict_add(verdict, OB_SIGNAL_PROCESS_INDICATOR, match->value, match->source, explanation,
                SCAN_PROCESS_INDICATOR_SCORE);
    if (verdict->count > before && match->campaign[0] != '\0')
        verdict->reasons[before].campaign = strdup(match->campaign);
}

/* What is wrong with a running process apart from its program's content:
 * its name is an indicator, its program was deleted or runs from a
 * temporary folder. */
static void check_process(struct ob_worker *worker, const struct ob_scan_process *process,
                          struct verdict *verdict)
{
    const struct ob_scan_options *options = &worker->scan->options;
    if (options->lookup != NULL && process->name[0] != '\0')
        options->lookup(options->lookup_table, OB_SCAN_LOOKUP_PROCESS_NAME, process->name,
                        on_process_match, verdict);
    if (process->deleted)
        verdict_add_builtin(verdict, OB_SIGNAL_PROCESS_DELETED, "deleted", N_("process check"),
                            process->program);
    if (ob_scan_path_is_temporary(process->program))
        verdict_add_builtin(verdict, OB_SIGNAL_PROCESS_TEMP, process->program, N_("process check"),
                            process->program);
}

bool ob_scan_path_is_temporary(const char *path)
{
    static const char *const system[] = {"/tmp/", "/var/tmp/", "/dev/shm/", "/run/user/",
                                         "/run/shm/"};
    for (size_t i = 0; i < sizeof(system) / sizeof(system[0]); i++)
        if (strncmp(path, system[i], strlen(system[i])) == 0)
            return true;
    /* A home folder: /home/NAME/ or /root/, then one of the folders where
     * downloads and unpacked files land. */
    const char *rest = NULL;
    if (strncmp(path, "/home/", 6) == 0 && (rest = strchr(path + 6, '/')) != NULL)
        rest++;
    else if (strncmp(path, "/root/", 6) == 0)
        rest = path + 6;
    static const char *const home[] = {"Downloads/", "Desktop/", ".cache/", "tmp/"};
    for (size_t i = 0; rest != NULL && i < sizeof(home) / sizeof(home[0]); i++)
        if (strncmp(rest, home[i], strlen(home[i])) == 0)
            return true;
    return false;
}

static void analyse(struct ob_worker *worker, const struct subject *subject,
                    const unsigned char *data, size_t length);

/* Reports a problem with `subject` (shown as `member` inside its file),
 * and logs it for the scan state: a notice is replayed with the file's
 * members, an error keeps the file out of the state. */
static void problem(struct ob_worker *worker, const struct subject *subject, const char *member,
                    const char *message, bool is_error)
{
    scan_emit_problem(worker->scan, worker->report, subject->path, member, message, is_error);
    if (is_error)
        core_scan_count(&worker->scan->stats.errors, 1);
    if (subject->log != NULL && is_error)
        subject->log->storable = false;
    else if (subject->log != NULL)
        scan_state_log_notice(subject->log, member, message);
}

struct member_walk {
    struct ob_worker *worker;
    const struct subject *parent;
};

static enum ob_status build_member_path(struct ob_buffer *out, const struct subject *parent,
                                        const char *name)
{
    if (parent->member != NULL) {
        enum ob_status status = core_buffer_append_str(out, parent->member);
        if (status == OB_OK)
            status = core_buffer_append(out, "/", 1);
        if (status != OB_OK)
            return status;
    }
    return core_buffer_append_str(out, name);
}

static enum ob_status on_member(void *user, const char *name, const unsigned char *data,
                                size_t length)
{
    struct member_walk *walk = user;
    struct ob_scan *scan = walk->worker->scan;
    if (atomic_load_explicit(&scan->cancelled, memory_order_relaxed))
        return OB_ERR_LIMIT;
    struct ob_buffer member, full;
    core_buffer_init(&member, 1 << 16);
    core_buffer_init(&full, 1 << 16);
    enum ob_status status = build_member_path(&member, walk->parent, name);
    if (status == OB_OK)
        status = core_buffer_printf(&full, "%s/%s", walk->parent->path, core_buffer_str(&member));
    if (status == OB_OK) {
        struct subject child = *walk->parent;
        child.member = core_buffer_str(&member);
        child.full = core_buffer_str(&full);
        child.depth = walk->parent->depth + 1;
        child.on_disk = false; /* the wiper checks judge files on disk */
        child.record = NULL;
        struct scan_state_facts facts;
        if (child.log != NULL) {
            /* kept in the file's log by analyse */
            scan_state_facts_init(&facts);
            facts.size = length;
            child.record = &facts;
        }
        core_scan_count(&scan->stats.members, 1);
        core_scan_count(&scan->stats.member_bytes, length);
        analyse(walk->worker, &child, data, length);
        if (child.record != NULL)
            scan_state_facts_release(&facts);
    }
    core_buffer_release(&member);
    core_buffer_release(&full);
    return OB_OK; /* a member that could not be named is skipped, not fatal */
}

static void on_member_notice(void *user, const char *name, const char *message, bool is_error)
{
    struct member_walk *walk = user;
    struct ob_buffer member;
    core_buffer_init(&member, 1 << 16);
    if (name == NULL || build_member_path(&member, walk->parent, name) != OB_OK)
        core_buffer_reset(&member, 0);
    const char *shown = member.length ? core_buffer_str(&member) : walk->parent->member;
    problem(walk->worker, walk->parent, shown, message, is_error);
    core_buffer_release(&member);
}

static void scan_archive(struct ob_worker *worker, const struct subject *subject,
                         const struct scan_archive_found *archive, const char *base,
                         const unsigned char *data, size_t length)
{
    const struct ob_scan_options *options = &worker->scan->options;
    struct ob_archive_budget budget = {0};
    struct subject parent = *subject;
    if (subject->budget == NULL) {
        budget = (struct ob_archive_budget){
            .entries_left = options->archive_max_entries,
            .bytes_left = options->archive_max_total,
            .compressed = length,
            .max_ratio = options->archive_max_ratio,
            .max_member = options->max_file_size,
            .utf8_locale = worker->archive_locale,
        };
        parent.budget = &budget;
    }
    /* "report.doc.gz" holds "report.doc". */
    char stream_name[256];
    snprintf(stream_name, sizeof(stream_name), "%s", base);
    char *dot = strrchr(stream_name, '.');
    if (dot != NULL && dot != stream_name)
        *dot = '\0';
    struct member_walk walk = {.worker = worker, .parent = &parent};
    /* An archive after other bytes is read from where it starts, as its own
     * readers do: the zip reader then meets the local headers in order, and
     * 7z and RAR count their offsets from their own signature. */
    enum ob_archive_kind kind = archive->kind == OB_ARCHIVE_EMBEDDED ? OB_ARCHIVE_CONTAINER
                                                                     : archive->kind;
    enum ob_status status =
        scan_archive_each_member(data + archive->offset, length - archive->offset, kind,
                                 stream_name, parent.budget, on_member, on_member_notice, &walk);
    (void)status; /* every outcome was explained through on_member_notice */
    /* One count per file on disk, whichever nested archive hit the limit. */
    bool cancelled = atomic_load_explicit(&worker->scan->cancelled, memory_order_relaxed);
    if (subject->depth == 0 && budget.limit_reached && !cancelled) {
        core_scan_count(&worker->scan->stats.archive_limits, 1);
        if (subject->log != NULL)
            subject->log->flags |= SCAN_STATE_ARCHIVE_LIMIT;
    }
    if (cancelled && subject->log != NULL)
        subject->log->storable = false; /* its members were not all read */
}

/* The digests in lowercase hex, each "" if it could not be written. */
struct digests_hex {
    char md5[2 * OB_MD5_LEN + 1], sha1[2 * OB_SHA1_LEN + 1], sha256[2 * OB_SHA256_LEN + 1];
};

static void digests_to_hex(const struct ob_digests *digests, struct digests_hex *out)
{
    struct ob_buffer hex;
    core_buffer_init(&hex, 256);
    out->md5[0] = out->sha1[0] = out->sha256[0] = '\0';
    if (core_text_append_hex(&hex, digests->md5, OB_MD5_LEN) == OB_OK)
        snprintf(out->md5, sizeof(out->md5), "%s", core_buffer_str(&hex));
    core_buffer_reset(&hex, 256);
    if (core_text_append_hex(&hex, digests->sha1, OB_SHA1_LEN) == OB_OK)
        snprintf(out->sha1, sizeof(out->sha1), "%s", core_buffer_str(&hex));
    core_buffer_reset(&hex, 256);
    if (core_text_append_hex(&hex, digests->sha256, OB_SHA256_LEN) == OB_OK)
        snprintf(out->sha256, sizeof(out->sha256), "%s", core_buffer_str(&hex));
    core_buffer_release(&hex);
}

/* Hands a file's hashes to the caller who asked for them (NULL: hashing
 * failed). */
static void report_hashes(struct ob_worker *worker, const struct subject *subject,
                          const struct ob_digests *digests)
{
    struct digests_hex hex = {0};
    if (digests != NULL)
        digests_to_hex(digests, &hex);
    struct ob_file_hashes hashes = {
        .path = subject->path, .md5 = hex.md5, .sha1 = hex.sha1, .sha256 = hex.sha256};
    scan_emit_hashes(worker->scan, worker->report, &hashes);
}

static void emit(struct ob_worker *worker, const struct subject *subject,
                 const struct verdict *verdict, int score, enum ob_level level,
                 const struct ob_digests *digests, const char *type, uint64_t length)
{
    struct digests_hex hex = {0};
    if (digests != NULL)
        digests_to_hex(digests, &hex);
    struct ob_process_info process = {0};
    if (subject->process != NULL)
        process = (struct ob_process_info){.pid = subject->process->pid,
                                           .name = subject->process->name,
                                           .program = subject->process->program,
                                           .deleted = subject->process->deleted};
    struct ob_finding finding = {
        .path = subject->path,
        .member = subject->member,
        .size = length,
        .md5 = hex.md5,
        .sha1 = hex.sha1,
        .sha256 = hex.sha256,
        .type = type,
        .score = score,
        .level = level,
        .reasons = verdict->reasons,
        .reason_count = verdict->count,
        .mtime = subject->mtime,
        .has_mtime = subject->on_disk,
        .process = subject->process != NULL ? &process : NULL,
    };
    scan_emit_finding(worker->scan, worker->report, &finding);
}

/* Rewrites `folder`, below a scan root of `root_length` bytes, as Windows
 * shows it on drive `drive`: "/mnt/disk/Users/olena" becomes
 * "C:\\Users\\olena", the root itself "C:\\". Archive members keep their
 * archive's path in front, as on disk. */
static void windows_folder(char drive, char *folder, size_t size, size_t root_length)
{
    size_t length = strlen(folder);
    const char *rest = folder + (root_length < length ? root_length : length);
    while (*rest == '/')
        rest++;
    char windows[4096];
    int written = snprintf(windows, sizeof(windows), "%c:\\%s", drive, rest);
    if (written < 0 || (size_t)written >= sizeof(windows) || (size_t)written >= size)
        return; /* too long to rewrite: left as it is */
    for (char *c = windows; *c != '\0'; c++)
        if (*c == '/')
            *c = '\\';
    memcpy(folder, windows, (size_t)written + 1);
}

/* A file on disk whose content is what options.trusted_md5 vouches for
 * (`digests`: its digests when already computed, else NULL). */
static bool is_trusted(struct ob_worker *worker, const struct subject *subject,
                       const unsigned char *data, size_t length, const struct ob_digests *digests)
{
    const struct ob_scan_options *options = &worker->scan->options;
    unsigned char expected[OB_MD5_LEN], actual[OB_MD5_LEN];
    if (!subject->on_disk || options->trusted_md5 == NULL ||
        !options->trusted_md5(options->trusted_table, subject->path, expected))
        return false;
    if (digests != NULL)
        memcpy(actual, digests->md5, OB_MD5_LEN);
    else if (core_hasher_stream_begin(worker->hasher, CORE_DIGEST_MD5) != OB_OK ||
             core_hasher_stream_update(worker->hasher, CORE_DIGEST_MD5, data, length) != OB_OK ||
             core_hasher_stream_finish(worker->hasher, CORE_DIGEST_MD5, actual) != OB_OK)
        return false;
    return memcmp(expected, actual, OB_MD5_LEN) == 0;
}

/* ---- the scan state (--state): what a file's content gave, kept and replayed */

static void on_recorded(void *user, enum ob_signal signal, const struct ob_indicator_ref *reason)
{
    on_indicator(user, signal, reason);
}

/* Keeps the reasons a step added (from `before` on) in the record. */
static void keep_reasons(const struct subject *subject, enum scan_state_segment segment,
                         const struct verdict *verdict, size_t before)
{
    if (subject->record != NULL)
        scan_state_keep_reasons(subject->record, segment, verdict->reasons + before,
                                verdict->count - before);
}

static void keep_rules(struct ob_worker *worker, const struct subject *subject,
                       const struct verdict *verdict, size_t before)
{
    struct scan_state_facts *record = subject->record;
    keep_reasons(subject, SCAN_STATE_RULES, verdict, before);
    record->flags |= SCAN_STATE_YARA;
    memcpy(record->rules_key, scan_state_rules_key(worker->scan->state), OB_SHA256_LEN);
    const struct ob_scan_options *options = &worker->scan->options;
    record->view = scan_state_view(options->windows_drive, options->windows_root,
                                   subject->root_length);
}

/* The name and wiper checks of a file taken from the state: their reasons
 * and its share of the wiper tally, as recorded. */
static void replay_checks(struct ob_worker *worker, const struct subject *subject,
                          struct verdict *verdict)
{
    const struct scan_state_facts *cached = subject->cached;
    scan_state_replay_reasons(cached, SCAN_STATE_NAME, on_recorded, verdict);
    if (!worker->scan->options.wiper_checks)
        return;
    scan_state_replay_reasons(cached, SCAN_STATE_WIPER_REASONS, on_recorded, verdict);
    if (cached->tally)
        scan_wiper_tally_add(&worker->scan->wiper, cached->pattern, cached->period, cached->renamed,
                             cached->note, cached->system, subject->mtime);
}

/* What the content gave besides reasons, once the file was analysed. */
static void keep_facts(struct ob_worker *worker, const struct subject *subject,
                       const struct verdict *verdict, const unsigned char *data, size_t length,
                       enum ob_archive_kind archive_kind, const char *label, const char *type,
                       const struct ob_digests *digests)
{
    struct scan_state_facts *record = subject->record;
    snprintf(record->label, sizeof(record->label), "%s", label);
    snprintf(record->type, sizeof(record->type), "%s", type);
    if (record->type[0] == '\0')
        scan_magic_describe(worker->magic, data, length, record->type, sizeof(record->type));
    record->archive_kind = (unsigned)archive_kind;
    record->flags |= SCAN_STATE_COMPLETE;
    if (worker->scan->options.wiper_checks)
        record->flags |= SCAN_STATE_WIPER;
    if (digests != NULL)
        record->digests = *digests;
    if (digests == NULL || verdict->truncated || record->type[0] == '\0' ||
        strlen(label) >= sizeof(record->label))
        record->storable = false;
}

/* Logs a member's facts in its file's record. */
static void log_member(const struct subject *subject)
{
    if (subject->member != NULL && subject->log != NULL)
        scan_state_log_member(subject->log, subject->member, subject->depth, subject->record);
}

/* A file taken from the state: its archive part, replayed. */
struct replay {
    struct ob_worker *worker;
    const struct subject *file;
    struct ob_buffer full;
};

static bool replay_member(void *user, const char *member, unsigned depth,
                          const struct scan_state_facts *facts)
{
    struct replay *replay = user;
    struct ob_scan *scan = replay->worker->scan;
    if (atomic_load_explicit(&scan->cancelled, memory_order_relaxed))
        return false;
    core_buffer_reset(&replay->full, 1 << 16);
    if (core_buffer_printf(&replay->full, "%s/%s", replay->file->path, member) != OB_OK)
        return false; /* a path recorded whole fits again: out of memory */
    struct subject child = *replay->file;
    child.member = member;
    child.full = core_buffer_str(&replay->full);
    child.depth = depth;
    child.on_disk = false;
    child.cached = facts;
    core_scan_count(&scan->stats.members, 1);
    core_scan_count(&scan->stats.member_bytes, facts->size);
    analyse(replay->worker, &child, NULL, (size_t)facts->size);
    return true;
}

static void replay_notice(void *user, const char *member, const char *message)
{
    struct replay *replay = user;
    scan_emit_problem(replay->worker->scan, replay->worker->report, replay->file->path, member,
                      message, false);
}

static void replay_members(struct ob_worker *worker, const struct subject *subject)
{
    struct replay replay = {.worker = worker, .file = subject};
    core_buffer_init(&replay.full, 1 << 17);
    struct scan_state_events events = {.member = replay_member,
                                       .notice = replay_notice,
                                       .user = &replay};
    bool whole = scan_state_each_event(subject->cached, &events);
    core_buffer_release(&replay.full);
    if (!whole && !atomic_load_explicit(&worker->scan->cancelled, memory_order_relaxed)) {
        problem(worker, subject, NULL, _("out of memory"), true);
        return;
    }
    if ((subject->cached->flags & SCAN_STATE_ARCHIVE_LIMIT) &&
        !atomic_load_explicit(&worker->scan->cancelled, memory_order_relaxed))
        core_scan_count(&worker->scan->stats.archive_limits, 1);
}

/* Whether each member's hash is a false positive now as it was when its
 * file was recorded: a full scan skips a false positive's own members. */
static bool same_false_positive(void *user, const char *member, unsigned depth,
                                const struct scan_state_facts *facts)
{
    (void)member;
    (void)depth;
    struct ob_worker *worker = user;
    bool now = worker->scan->hash_needed && is_false_positive(worker, &facts->digests);
    return now == ((facts->flags & SCAN_STATE_FALSE_POSITIVE) != 0);
}

/* Where a Windows drive's root is for `subject`'s drive-rooted file-name
 * patterns: options.windows_root when the file is below it, else the folder
 * the scan was given; none for a buffer. */
static size_t drive_root_length(const struct ob_scan_options *options,
                                const struct subject *subject)
{
    if (options->windows_root != NULL) {
        size_t root = strlen(options->windows_root);
        if (strncmp(subject->full, options->windows_root, root) == 0)
            return root;
    }
    return subject->root_length > 0 ? subject->root_length : OB_NO_DRIVE_ROOT;
}

static void analyse(struct ob_worker *worker, const struct subject *subject,
                    const unsigned char *data, size_t length)
{
    struct ob_scan *scan = worker->scan;
    const struct ob_scan_options *options = &scan->options;
    struct verdict *verdict = calloc(1, sizeof(*verdict));
    if (verdict == NULL) {
        problem(worker, subject, subject->member, _("out of memory"), true);
        return;
    }
    const char *full = subject->full;
    const char *slash = strrchr(full, '/');
    const char *base = slash != NULL ? slash + 1 : full;
    char directory[4096], extension[24], type[512] = "";
    /* found once, before the name checks, for them, the members and the state */
    struct scan_archive_found archive = {.kind = OB_ARCHIVE_NONE};
    size_t dir_length = slash != NULL ? (size_t)(slash - full) : 0;
    if (dir_length >= sizeof(directory))
        dir_length = sizeof(directory) - 1;
    memcpy(directory, full, dir_length);
    directory[dir_length] = '\0';
    if (options->windows_drive != 0 && options->windows_root == NULL) {
        windows_folder(options->windows_drive, directory, sizeof(directory), subject->root_length);
    } else if (options->windows_drive != 0) {
        size_t root = strlen(options->windows_root);
        while (root > 0 && options->windows_root[root - 1] == '/')
            root--;
        if (strncmp(full, options->windows_root, root) == 0 &&
            (full[root] == '/' || full[root] == '\0'))
            windows_folder(options->windows_drive, directory, sizeof(directory), root);
    }
    scan_filetype_extension(base, extension, sizeof(extension));
    const struct scan_state_facts *cached = subject->cached; /* then data is NULL */
    const char *label = cached != NULL ? cached->label
                                       : scan_filetype_label(data, length, extension);
    if (cached != NULL)
        snprintf(type, sizeof(type), "%s", cached->type);

    struct ob_digests digests;
    bool hashed = false;
    /* A caller that asks for each file's hashes gets those of this one
     * pass, which the lists, the rule cache and a finding use too. */
    bool hashes_asked = subject->depth == 0 && worker->report->hashes != NULL;
    if (cached != NULL) {
        digests = cached->digests;
        hashed = true;
    } else if (scan->hash_needed || hashes_asked || subject->record != NULL) {
        hashed = core_hasher_digest(worker->hasher, data, length, &digests) == OB_OK;
    }
    if (hashes_asked)
        report_hashes(worker, subject, hashed ? &digests : NULL);
    if (hashed && scan->hash_needed) {
        if (is_false_positive(worker, &digests)) {
            core_scan_count(&scan->stats.skipped_false_positive, 1);
            if (subject->record != NULL) {
                subject->record->flags |= SCAN_STATE_FALSE_POSITIVE;
                subject->record->digests = digests;
                log_member(subject);
            }
            goto out;
        }
        check_hashes(worker, &digests, verdict);
    }
    if (worker->names != NULL &&
        ob_filename_matcher_match_below(worker->names, full, strlen(full),
                                        drive_root_length(options, subject), on_filename_hit,
                                        verdict) != OB_OK) {
        problem(worker, subject, subject->member, _("file-name indicators could not be matched"),
                true);
    }
    if (cached != NULL) {
        replay_checks(worker, subject, verdict);
    } else {
        size_t before = verdict->count;
        scan_filetype_archive_find(data, length, &archive);
        check_name(worker, base, extension, label, data, length, &archive, verdict, type,
                   sizeof(type));
        keep_reasons(subject, SCAN_STATE_NAME, verdict, before);
        before = verdict->count;
        if (subject->on_disk && scan->options.wiper_checks)
            check_wiper(worker, subject, base, extension, data, length, verdict);
        keep_reasons(subject, SCAN_STATE_WIPER_REASONS, verdict, before);
    }
    if (subject->process != NULL)
        check_process(worker, subject->process, verdict);
    /* A history database is never answered from the state (scan.c): what
     * it gives depends on the indicators, not only on its content. */
    enum scan_history_kind history = cached == NULL && options->lookup != NULL
                                         ? scan_history_kind(base, data, length)
                                         : SCAN_HISTORY_NONE;
    if (history != SCAN_HISTORY_NONE) {
        if (subject->member != NULL && subject->log != NULL)
            subject->log->storable = false; /* nor is an archive holding one */
        if (!hashed)
            hashed = core_hasher_digest(worker->hasher, data, length, &digests) == OB_OK;
        struct digests_hex hex = {0};
        if (hashed)
            digests_to_hex(&digests, &hex);
        if (type[0] == '\0')
            scan_magic_describe(worker->magic, data, length, type, sizeof(type));
        struct scan_history_file file = {.path = subject->path,
                                         .member = subject->member,
                                         .on_disk = subject->on_disk,
                                         .mtime = subject->mtime,
                                         .size = length,
                                         .md5 = hex.md5,
                                         .sha1 = hex.sha1,
                                         .sha256 = hex.sha256,
                                         .type = type};
        scan_history_check(scan, worker->report, &file, history, data, length);
    }
    /* Content that its package vouches for is not matched against rules;
     * the checks above (a known-bad hash among them) still apply. */
    bool trusted = is_trusted(worker, subject, data, length, hashed ? &digests : NULL);
    if (trusted)
        core_scan_count(&scan->stats.skipped_trusted, 1);
    if (worker->rules != NULL && !trusted && cached != NULL) {
        scan_state_replay_reasons(cached, SCAN_STATE_RULES, on_recorded, verdict);
    } else if (worker->rules != NULL && !trusted) {
        size_t before = verdict->count;
        struct ob_yara_externals externals = {
            .filename = base,
            .filepath = directory,
            .extension = extension,
            .filetype = label,
            .owner = subject->owner,
        };
        /* Identical content gives identical results for content-only rules:
         * the SHA-256 lets them be reused (already there if hashes are). */
        _Static_assert(OB_RULE_CACHE_KEY == OB_SHA256_LEN, "the rule cache key is a SHA-256");
        const unsigned char *key = NULL;
        if (hashed)
            key = digests.sha256;
        else if (core_hasher_sha256(worker->hasher, data, length, digests.sha256) == OB_OK)
            key = digests.sha256;
        enum ob_status status = ob_rule_scanner_scan(worker->rules, data, length, &externals, key,
                                                     on_yara_hit, verdict);
        if (status != OB_OK)
            problem(worker, subject, subject->member,
                    status == OB_ERR_LIMIT
                        ? _("yara rules timed out on this file; it was not fully scanned")
                        : _("yara scan failed on this file"),
                    true);
        if (subject->record != NULL && status == OB_OK)
            keep_rules(worker, subject, verdict, before);
        else if (subject->record != NULL)
            subject->record->storable = false; /* an error is never kept */
    }

    int score = 0;
    for (size_t i = 0; i < verdict->count; i++)
        score += verdict->reasons[i].score;
    enum ob_level level = verdict->count > 0 ? scan_level_of(options, score) : OB_LEVEL_NONE;
    if (level != OB_LEVEL_NONE) {
        if (!hashed && core_hasher_digest(worker->hasher, data, length, &digests) != OB_OK)
            memset(&digests, 0, sizeof(digests));
        if (type[0] == '\0')
            scan_magic_describe(worker->magic, data, length, type, sizeof(type));
        core_scan_count(&scan->stats.findings[level], 1);
        emit(worker, subject, verdict, score, level, &digests, type, length);
        if (verdict->truncated)
            problem(worker, subject, subject->member,
                    _("more reasons than can be listed (out of memory or over 100000); "
                      "only those shown are counted in the score"),
                    false);
    }
    /* A member's facts are logged before its own members, in the order
     * a full scan meets them. */
    if (subject->record != NULL) {
        keep_facts(worker, subject, verdict, data, length, archive.kind, label, type,
                   hashed ? &digests : NULL);
        if (!trusted && options->scan_archives)
            subject->record->flags |= SCAN_STATE_MEMBERS;
        log_member(subject);
    }

    if (trusted) {
        /* its members are the package's too */
    } else if (cached != NULL) {
        /* a member taken from the state: its own members are in its file's log */
        if (subject->member == NULL && options->scan_archives)
            replay_members(worker, subject);
    } else if (options->scan_archives && subject->depth < options->archive_max_depth) {
        if (archive.kind != OB_ARCHIVE_NONE)
            scan_archive(worker, subject, &archive, base, data, length);
    } else if (options->scan_archives && archive.kind != OB_ARCHIVE_NONE) {
        problem(worker, subject, subject->member,
                _("archive nested deeper than the limit; its members were not scanned"), false);
        if (subject->budget != NULL) {
            subject->budget->limit_reached = true;
        } else {
            core_scan_count(&scan->stats.archive_limits, 1); /* --archive-depth 0 */
            if (subject->log != NULL)
                subject->log->flags |= SCAN_STATE_ARCHIVE_LIMIT;
        }
    }
out:
    verdict_release(verdict);
    free(verdict);
}

void scan_worker_scan_buffer(struct ob_worker *worker, const char *name, const unsigned char *data,
                             size_t length, const struct ob_scan_callbacks *to)
{
    struct ob_scan *scan = worker->scan;
    if ((uint64_t)length > scan->options.max_file_size) {
        core_scan_count(&scan->stats.skipped_size, 1);
        return;
    }
    core_scan_count(&scan->stats.files, 1);
    core_scan_count(&scan->stats.bytes, length);
    struct subject subject = {
        .path = name, .member = NULL, .full = name, .owner = "", .depth = 0, .budget = NULL};
    worker->report = to;
    analyse(worker, &subject, data, length);
    worker->report = &scan->callbacks; /* `to` belongs to the call */
}

static const char *open_error_message(int error)
{
    switch (error) {
    case ENOENT: return _("vanished before it could be read");
    case EACCES:
    case EPERM: return _("permission denied");
    default: return NULL;
    }
}

int scan_open_at(int dir_fd, const char *path)
{
    /* O_NONBLOCK: a FIFO swapped in after the walk must not hang us. */
    int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
    int fd = openat(dir_fd, path, flags | O_NOATIME);
    if (fd < 0 && errno == EPERM)
        fd = openat(dir_fd, path, flags); /* O_NOATIME needs ownership or privilege */
    return fd;
}

int scan_open(const char *path)
{
    return scan_open_at(AT_FDCWD, path);
}

/* Reads the open regular file `fd` (`st` its status) whole into the
 * worker's buffer. Returns false after reporting or counting why not. */
static bool read_whole(struct ob_worker *worker, const char *path, int fd, const struct stat *st)
{
    struct ob_scan *scan = worker->scan;
    struct ob_buffer *content = &worker->content;
    core_buffer_reset(content, KEEP_BUFFER);
    if (core_buffer_reserve(content, (size_t)st->st_size + 1) != OB_OK) {
        scan_emit_problem(scan, worker->report, path, NULL, _("out of memory reading the file"),
                          true);
        core_scan_count(&scan->stats.errors, 1);
        return false;
    }
    for (;;) {
        if (content->capacity - content->length < 2 &&
            core_buffer_reserve(content, 64 * 1024 + 1) != OB_OK) {
            /* The file grew past the size limit while being read. */
            core_scan_count(&scan->stats.skipped_size, 1);
            return false;
        }
        ssize_t n = read(fd, content->data + content->length,
                         content->capacity - content->length - 1);
        if (n == 0)
            return true;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            char message[512];
            snprintf(message, sizeof(message), _("read error: %s"), strerror(errno));
            scan_emit_problem(scan, worker->report, path, NULL, message, true);
            core_scan_count(&scan->stats.errors, 1);
            return false;
        }
        content->length += (size_t)n;
    }
}

void scan_worker_scan_process(struct ob_worker *worker, const struct ob_scan_process *process,
                              const struct ob_scan_callbacks *to)
{
    struct ob_scan *scan = worker->scan;
    worker->report = to;
    struct subject subject = {
        .path = process->program, .full = process->program, .owner = "", .process = process};
    char message[512];
    /* /proc/PID/exe is a link to the program, deleted or not: followed. */
    int fd = open(process->read_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    struct stat st;
    bool read = false;
    if (fd < 0) {
        const char *known = open_error_message(errno);
        /* TRANSLATORS: %s says why, often in the system's words. */
        snprintf(message, sizeof(message), _("cannot open: %s"), known ? known : strerror(errno));
        scan_emit_problem(scan, to, process->program, NULL, message, true);
        core_scan_count(&scan->stats.errors, 1);
    } else if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        core_scan_count(&scan->stats.skipped_type, 1);
    } else if ((uint64_t)st.st_size > scan->options.max_file_size) {
        scan_emit_problem(scan, to, process->program, NULL,
                          _("the program is larger than --max-size; its content was not scanned"),
                          false);
        core_scan_count(&scan->stats.skipped_size, 1);
    } else {
        read = read_whole(worker, process->program, fd, &st);
    }
    if (fd >= 0)
        close(fd);
    if (read) {
        core_scan_count(&scan->stats.files, 1);
        core_scan_count(&scan->stats.bytes, worker->content.length);
        analyse(worker, &subject, worker->content.data, worker->content.length);
    } else {
        /* The process still tells something without its program. */
        struct verdict verdict = {0};
        check_process(worker, process, &verdict);
        int score = 0;
        for (size_t i = 0; i < verdict.count; i++)
            score += verdict.reasons[i].score;
        enum ob_level level = verdict.count > 0 ? scan_level_of(&scan->options, score)
                                                : OB_LEVEL_NONE;
        if (level != OB_LEVEL_NONE) {
            core_scan_count(&scan->stats.findings[level], 1);
            emit(worker, &subject, &verdict, score, level, NULL, "", 0);
        }
        verdict_release(&verdict);
    }
    worker->report = &scan->callbacks;
}

void scan_worker_scan_file(struct ob_worker *worker, const char *path, int fd, int open_error,
                           size_t root_length)
{
    struct ob_scan *scan = worker->scan;
    char message[512];
    /* A failed open is not tried again: the walker opened through a folder
     * descriptor, which also reaches paths longer than PATH_MAX. */
    if (fd < 0 && open_error == 0)
        open_error = (fd = scan_open(path)) < 0 ? errno : 0;
    if (fd < 0) {
        errno = open_error;
        if (errno == ELOOP) { /* became a symlink after the walk */
            core_scan_count(&scan->stats.skipped_type, 1);
            return;
        }
        const char *known = open_error_message(errno);
        /* TRANSLATORS: %s says why, often in the system's words. */
        snprintf(message, sizeof(message), _("cannot open: %s"), known ? known : strerror(errno));
        scan_emit_problem(scan, worker->report, path, NULL, message, true);
        core_scan_count(&scan->stats.errors, 1);
        return;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        core_scan_count(&scan->stats.skipped_type, 1);
        goto out;
    }
    if ((uint64_t)st.st_size > scan->options.max_file_size) {
        core_scan_count(&scan->stats.skipped_size, 1);
        goto out;
    }
    if (!read_whole(worker, path, fd, &st))
        goto out;
    struct ob_buffer *content = &worker->content;
    close(fd);
    fd = -1;
    core_scan_count(&scan->stats.files, 1);
    core_scan_count(&scan->stats.bytes, content->length);
    struct subject subject = {
        .path = path,
        .member = NULL,
        .full = path,
        .owner = owner_name(worker, st.st_uid),
        .depth = 0,
        .budget = NULL,
        .root_length = root_length,
        .on_disk = true,
        .mtime = (int64_t)st.st_mtime,
        .mode = (unsigned)st.st_mode & 07777,
    };
    struct scan_state_facts record;
    if (scan->state != NULL) {
        scan_state_facts_init(&record);
        scan_state_facts_stat(&record, &st);
        snprintf(record.owner, sizeof(record.owner), "%s", subject.owner);
        record.archive_view = scan_state_archive_view(&scan->options);
        subject.record = &record;
        subject.log = &record;
    }
    analyse(worker, &subject, content->data, content->length);
    if (scan->state != NULL) {
        scan_state_store(scan->state, path, &record);
        scan_state_facts_release(&record);
    }
out:
    if (fd >= 0)
        close(fd);
}

bool scan_worker_replay(struct ob_worker *worker, const char *path,
                        const struct scan_state_facts *cached, size_t root_length)
{
    struct ob_scan *scan = worker->scan;
    const char *owner = owner_name(worker, (uid_t)cached->uid);
    if (strcmp(owner, cached->owner) != 0)
        return false; /* the rules saw another owner's name */
    struct scan_state_events check = {.member = same_false_positive, .user = worker};
    if (scan->options.scan_archives && !scan_state_each_event(cached, &check))
        return false;
    core_scan_count(&scan->stats.files, 1);
    core_scan_count(&scan->stats.bytes, cached->size);
    core_scan_count(&scan->stats.files_from_state, 1);
    int64_t mtime = cached->mtime_ns / 1000000000;
    if (cached->mtime_ns % 1000000000 < 0)
        mtime--; /* before 1970: st_mtime rounds down */
    struct subject subject = {
        .path = path,
        .member = NULL,
        .full = path,
        .owner = owner,
        .depth = 0,
        .budget = NULL,
        .root_length = root_length,
        .on_disk = true,
        .mtime = mtime,
        .mode = (unsigned)cached->mode & 07777,
        .cached = cached,
    };
    analyse(worker, &subject, NULL, (size_t)cached->size);
    return true;
}
