/* SPDX-License-Identifier: Apache-2.0 */
/* The report's reader: JSON lines of scan, mail, bootrec, baseline verify and
 * verify-packages, one untrusted line at a time, into the report's model. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/array.h"
#include "core/i18n.h"
#include "ioc/json_adapter.h"
#include "report/report_internal.h"

#define ARENA_MAX ((size_t)1 << 30)

const char *ob_report_verdict_name(enum ob_report_verdict verdict)
{
    switch (verdict) {
    case OB_REPORT_COMPROMISED: return "compromised";
    case OB_REPORT_SUSPICIOUS: return "suspicious";
    default: return "clean";
    }
}

const char *report_kind_name(enum report_kind kind)
{
    static const char *const names[REPORT_KIND_COUNT] = {"file",        "mail",
                                                         "boot-record", "package-file",
                                                         "file-change", "device-change",
                                                         "persistence"};
    return (unsigned)kind < REPORT_KIND_COUNT ? names[kind] : "unknown";
}

enum ob_status ob_report_new(struct ob_context *ctx, struct ob_report **out)
{
    *out = calloc(1, sizeof(**out));
    if (*out == NULL)
        return OB_ERR_NOMEM;
    (*out)->ctx = ctx;
    core_arena_init(&(*out)->arena, ARENA_MAX);
    return OB_OK;
}

void ob_report_free(struct ob_report *report)
{
    if (report == NULL)
        return;
    for (size_t i = 0; i < report->finding_count; i++) {
        free(report->findings[i].reasons);
        free(report->findings[i].items);
    }
    free(report->findings);
    for (size_t i = 0; i < report->entry_count; i++)
        free(report->entries[i].reasons);
    free(report->entries);
    free(report->steps);
    free(report->sets);
    free(report->problems);
    free(report->notices);
    core_arena_release(&report->arena);
    free(report);
}

/* A copy in the arena, cut at OB_REPORT_TEXT_MAX; "" for NULL or no memory
 * (the arena's cap is reported once by the caller's notice). */
static const char *keep(struct ob_report *report, const char *text, size_t length)
{
    if (text == NULL)
        return "";
    if (length > OB_REPORT_TEXT_MAX)
        length = OB_REPORT_TEXT_MAX;
    const char *copy = NULL;
    if (core_arena_strdup(&report->arena, text, length, &copy) != OB_OK)
        return "";
    return copy;
}

static const char *keep_str(struct ob_report *report, const char *text)
{
    return keep(report, text, text != NULL ? strlen(text) : 0);
}

void report_notice(struct ob_report *report, const char *format, ...)
{
    if (report->notice_count >= OB_REPORT_NOTICES_MAX) {
        report->notices_dropped++;
        return;
    }
    char text[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof(text), format, args);
    va_end(args);
    ob_context_log(report->ctx, OB_LOG_DEBUG, "report: %s", text);
    if (core_array_grow((void **)&report->notices, &report->notice_capacity,
                        report->notice_count + 1, sizeof(*report->notices), 16,
                        OB_REPORT_NOTICES_MAX) != OB_OK)
        return;
    report->notices[report->notice_count++] = keep_str(report, text);
}

enum ob_status ob_report_step_begin(struct ob_report *report, const char *name, const char *source)
{
    if (report->step_count >= OB_REPORT_STEPS_MAX)
        return ob_context_fail(report->ctx, OB_ERR_LIMIT, _("a report takes at most %d inputs"),
                               OB_REPORT_STEPS_MAX);
    enum ob_status status = core_array_grow((void **)&report->steps, &report->step_capacity,
                                            report->step_count + 1, sizeof(*report->steps), 8,
                                            OB_REPORT_STEPS_MAX);
    if (status != OB_OK)
        return status;
    struct report_step *step = &report->steps[report->step_count++];
    memset(step, 0, sizeof(*step));
    step->name = keep_str(report, name);
    step->source = keep_str(report, source);
    step->kind = "";
    step->seconds = -1;
    report->has_step = true;
    return OB_OK;
}

void ob_report_step_time(struct ob_report *report, double seconds)
{
    if (report->has_step && seconds >= 0)
        report->steps[report->step_count - 1].seconds = seconds;
}

enum ob_status ob_report_step_skip(struct ob_report *report, const char *name, const char *reason)
{
    enum ob_status status = ob_report_step_begin(report, name, NULL);
    if (status == OB_OK) {
        struct report_step *step = &report->steps[report->step_count - 1];
        step->kind = step->name;
        step->skipped = keep_str(report, reason != NULL ? reason : "");
    }
    return status;
}

/* ---- fields of an untrusted line --------------------------------------------------- */

/* A string member, copied; "" when absent or of another type. */
static const char *get_text(struct ob_report *report, const struct ob_jnode *node, const char *key)
{
    size_t length = 0;
    const char *text = ioc_jnode_string(ioc_jnode_get(node, key), &length);
    return text != NULL ? keep(report, text, length) : "";
}

static int64_t get_int(const struct ob_jnode *node, const char *key)
{
    int64_t value = 0;
    return ioc_jnode_integer(ioc_jnode_get(node, key), &value) ? value : 0;
}

static bool parse_level(const char *name, enum ob_level *level)
{
    static const char *const names[] = {"none", "notice", "warning", "alert"};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0) {
            *level = (enum ob_level)i;
            return true;
        }
    return false;
}

/* "2026-12-04T11:40:00Z" (or with fractions) into Unix seconds. */
static bool parse_time(const char *text, int64_t *out)
{
    struct tm tm = {0};
    const char *end = strptime(text, "%Y-%m-%dT%H:%M:%S", &tm);
    if (end == NULL)
        return false;
    time_t seconds = timegm(&tm);
    if (seconds == (time_t)-1)
        return false;
    *out = (int64_t)seconds;
    return true;
}

/* `mtime` (Unix seconds or ISO 8601), or baseline's `after.mtime_ns`,
 * into *time; false when the line has none. */
static bool get_time(const struct ob_jnode *line, int64_t *time)
{
    const struct ob_jnode *mtime = ioc_jnode_get(line, "mtime");
    const char *text = ioc_jnode_string(mtime, NULL);
    if (ioc_jnode_integer(mtime, time) || (text != NULL && parse_time(text, time)))
        return true;
    const struct ob_jnode *state = ioc_jnode_get(line, "after");
    if (state == NULL)
        state = ioc_jnode_get(line, "before");
    int64_t value;
    if (!ioc_jnode_integer(ioc_jnode_get(state, "mtime_ns"), &value))
        return false;
    *time = value / 1000000000;
    return true;
}

static struct report_step *current_step(struct ob_report *report)
{
    return &report->steps[report->step_count - 1];
}

static void set_kind(struct ob_report *report, const char *kind)
{
    struct report_step *step = current_step(report);
    if (step->kind[0] == '\0')
        step->kind = kind;
    if (step->name[0] == '\0')
        step->name = kind;
}

static enum ob_status add_problem(struct ob_report *report, bool error, const char *path,
                                  const char *message)
{
    if (report->problem_count >= OB_REPORT_PROBLEMS_MAX) {
        report->problems_dropped++;
        return OB_OK;
    }
    enum ob_status status = core_array_grow((void **)&report->problems, &report->problem_capacity,
                                            report->problem_count + 1, sizeof(*report->problems),
                                            32, OB_REPORT_PROBLEMS_MAX);
    if (status != OB_OK)
        return status;
    report->problems[report->problem_count++] = (struct report_problem){
        .step = report->step_count - 1, .error = error, .path = path, .message = message};
    return OB_OK;
}

/* Reasons of scan, mail, baseline and bootrec lines: whatever of signal,
 * name, source, campaign, description/explanation, evidence they have. */
static enum ob_status get_reasons(struct ob_report *report, const struct ob_jnode *array,
                                  struct report_finding *finding)
{
    size_t count = ioc_jnode_size(array);
    if (count > REPORT_REASONS_MAX) {
        report_notice(report, _("a finding had %zu reasons; the first %d were kept"), count,
                      REPORT_REASONS_MAX);
        count = REPORT_REASONS_MAX;
    }
    if (count == 0)
        return OB_OK;
    finding->reasons = calloc(count, sizeof(*finding->reasons));
    if (finding->reasons == NULL)
        return OB_ERR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        const struct ob_jnode *node = ioc_jnode_at(array, i);
        if (!ioc_jnode_is_object(node))
            continue;
        struct report_reason *reason = &finding->reasons[finding->reason_count++];
        reason->signal = get_text(report, node, "signal");
        reason->name = get_text(report, node, "name");
        reason->source = get_text(report, node, "source");
        reason->campaign = get_text(report, node, "campaign");
        reason->text = get_text(report, node, "description");
        if (reason->text[0] == '\0')
            reason->text = get_text(report, node, "explanation");
        reason->evidence = get_text(report, node, "evidence");
        reason->score = get_int(node, "score");
    }
    return OB_OK;
}

static enum ob_status get_items(struct ob_report *report, const struct ob_jnode *array,
                                struct report_finding *finding)
{
    size_t count = ioc_jnode_size(array);
    if (count > REPORT_ITEMS_MAX)
        count = REPORT_ITEMS_MAX;
    if (count == 0)
        return OB_OK;
    finding->items = calloc(count, sizeof(*finding->items));
    if (finding->items == NULL)
        return OB_ERR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        const struct ob_jnode *node = ioc_jnode_at(array, i);
        if (!ioc_jnode_is_object(node))
            continue;
        struct report_item *item = &finding->items[finding->item_count++];
        item->kind = get_text(report, node, "kind");
        item->value = get_text(report, node, "value");
        item->sha256 = get_text(report, node, "sha256");
        item->md5 = get_text(report, node, "md5");
    }
    return OB_OK;
}

static void free_finding(struct report_finding *finding)
{
    free(finding->reasons);
    free(finding->items);
}

static enum ob_status add_finding(struct ob_report *report, struct report_finding *finding)
{
    struct report_step *step = current_step(report);
    if (finding->level == OB_LEVEL_NONE) {
        free_finding(finding);
        return OB_OK;
    }
    if (report->finding_count >= OB_REPORT_FINDINGS_MAX) {
        if (report->findings_dropped++ == 0)
            report_notice(report, _("more than %d findings: the rest were left out"),
                          OB_REPORT_FINDINGS_MAX);
        free_finding(finding);
        return OB_OK;
    }
    enum ob_status status = core_array_grow((void **)&report->findings, &report->finding_capacity,
                                            report->finding_count + 1, sizeof(*report->findings),
                                            32, OB_REPORT_FINDINGS_MAX);
    if (status != OB_OK) {
        free_finding(finding);
        return status;
    }
    finding->step = report->step_count - 1;
    report->findings[report->finding_count++] = *finding;
    step->findings++;
    return OB_OK;
}

/* Top-level integers, and those one object down as "object.key". */
static void get_summary(struct ob_report *report, const struct ob_jnode *line)
{
    struct report_step *step = current_step(report);
    struct ob_jiter it = {.object = line};
    const char *key;
    const struct ob_jnode *value;
    char name[128];
    while (ioc_jiter_next(&it, &key, &value)) {
        int64_t number;
        if (ioc_jnode_integer(value, &number) && step->summary_count < REPORT_SUMMARY_MAX) {
            step->summary[step->summary_count++] =
                (struct report_count){.key = keep_str(report, key), .value = number};
            continue;
        }
        struct ob_jiter inner = {.object = value};
        const char *inner_key;
        const struct ob_jnode *inner_value;
        while (ioc_jiter_next(&inner, &inner_key, &inner_value))
            if (ioc_jnode_integer(inner_value, &number) &&
                step->summary_count < REPORT_SUMMARY_MAX) {
                snprintf(name, sizeof(name), "%.60s.%.60s", key, inner_key);
                step->summary[step->summary_count++] =
                    (struct report_count){.key = keep_str(report, name), .value = number};
            }
    }
}

static void add_set(struct ob_report *report, const char *kind, const char *name, const char *date,
                    int64_t count, int64_t files)
{
    if (report->set_count >= REPORT_SETS_MAX ||
        core_array_grow((void **)&report->sets, &report->set_capacity, report->set_count + 1,
                        sizeof(*report->sets), 8, REPORT_SETS_MAX) != OB_OK)
        return;
    report->sets[report->set_count++] = (struct report_set){.step = report->step_count - 1,
                                                            .kind = kind,
                                                            .name = name,
                                                            .date = date,
                                                            .count = count,
                                                            .files = files};
}

/* scan's start line: the rules and lists loaded, and any named sets with
 * their dates that a caller (oberig triage) adds as "sets". */
static void read_start(struct ob_report *report, const struct ob_jnode *line)
{
    set_kind(report, "scan");
    const struct ob_jnode *sets = ioc_jnode_get(line, "sets");
    /* Named sets (scan names its own since issue 13) replace the counts. */
    if (ioc_jnode_size(sets) == 0) {
        if (ioc_jnode_get(line, "rules") != NULL)
            add_set(report, "yara-rules", "", "", get_int(line, "rules"),
                    get_int(line, "rule_files"));
        if (ioc_jnode_get(line, "hash_iocs") != NULL)
            add_set(report, "ioc-lists", "", "",
                    get_int(line, "hash_iocs") + get_int(line, "filename_iocs"), 0);
        if (get_int(line, "store_indicators") > 0)
            add_set(report, "indicator-store", "", "", get_int(line, "store_indicators"), 0);
    }
    for (size_t i = 0; i < ioc_jnode_size(sets); i++) {
        const struct ob_jnode *set = ioc_jnode_at(sets, i);
        if (!ioc_jnode_is_object(set))
            continue;
        const char *kind = get_text(report, set, "kind");
        add_set(report, kind[0] != '\0' ? kind : "indicators", get_text(report, set, "name"),
                get_text(report, set, "date"), get_int(set, "count"), get_int(set, "files"));
    }
}

static enum ob_status read_file_finding(struct ob_report *report, const struct ob_jnode *line,
                                        enum report_kind kind)
{
    struct report_finding finding = {.kind = kind};
    const char *level = get_text(report, line, "level");
    if (!parse_level(level, &finding.level)) {
        report_notice(report, _("a line with an unknown level was left out"));
        current_step(report)->ignored++;
        return OB_OK;
    }
    finding.path = get_text(report, line, kind == REPORT_KIND_DEVICE_CHANGE ? "device" : "path");
    finding.member = get_text(report, line, "member");
    finding.md5 = get_text(report, line, "md5");
    finding.sha1 = get_text(report, line, "sha1");
    finding.sha256 = get_text(report, line, "sha256");
    finding.filetype = get_text(report, line, "filetype");
    finding.score = get_int(line, "score");
    finding.signal = get_text(report, line, "signal");
    finding.package = get_text(report, line, "package");
    finding.persistence = get_text(report, line, "persistence");
    finding.verdict = finding.from = finding.subject = finding.advice = "";
    if (kind == REPORT_KIND_PACKAGE) {
        finding.md5 = get_text(report, line, "actual_md5");
        finding.reasons = calloc(1, sizeof(*finding.reasons));
        if (finding.reasons == NULL)
            return OB_ERR_NOMEM;
        finding.reasons[0] = (struct report_reason){.signal = finding.signal,
                                                    .name = finding.package,
                                                    .source = "dpkg",
                                                    .campaign = "",
                                                    .text = get_text(report, line, "description"),
                                                    .evidence = "",
                                                    .score = finding.score};
        finding.reason_count = 1;
    } else if (kind == REPORT_KIND_CHANGE) {
        const struct ob_jnode *after = ioc_jnode_get(line, "after");
        finding.sha256 = get_text(report, after, "sha256");
    }
    finding.has_time = get_time(line, &finding.time);
    if (finding.path[0] == '\0') {
        report_notice(report, _("a finding without a path was left out"));
        current_step(report)->ignored++;
        free_finding(&finding);
        return OB_OK;
    }
    enum ob_status status = OB_OK;
    if (finding.reason_count == 0)
        status = get_reasons(report,
                             ioc_jnode_get(line, kind == REPORT_KIND_BOOT ? "findings" : "reasons"),
                             &finding);
    if (status != OB_OK) {
        free_finding(&finding);
        return status;
    }
    return add_finding(report, &finding);
}

static bool has_signal(const struct report_finding *finding, const char *signal)
{
    for (size_t i = 0; i < finding->reason_count; i++)
        if (strcmp(finding->reasons[i].signal, signal) == 0)
            return true;
    return false;
}

/* A message: phishing and suspicious are WARNING (an attempt, not yet a
 * compromise), a known-malware attachment ALERT; others are only counted. */
static enum ob_status read_message(struct ob_report *report, const struct ob_jnode *line)
{
    set_kind(report, "mail");
    struct report_finding finding = {.kind = REPORT_KIND_MAIL};
    finding.verdict = get_text(report, line, "verdict");
    const struct ob_jnode *notices = ioc_jnode_get(line, "notices");
    const char *source = get_text(report, line, "source");
    for (size_t i = 0; i < ioc_jnode_size(notices); i++) {
        size_t length = 0;
        const char *text = ioc_jnode_string(ioc_jnode_at(notices, i), &length);
        if (text != NULL) {
            current_step(report)->notices++;
            enum ob_status status = add_problem(report, false, source, keep(report, text, length));
            if (status != OB_OK)
                return status;
        }
    }
    if (strcmp(finding.verdict, "phishing") != 0 && strcmp(finding.verdict, "suspicious") != 0)
        return OB_OK;
    finding.path = source;
    finding.member = finding.md5 = finding.sha1 = finding.sha256 = finding.filetype = "";
    finding.signal = finding.package = "";
    finding.from = get_text(report, line, "from");
    finding.subject = get_text(report, line, "subject");
    finding.advice = get_text(report, line, "advice");
    finding.persistence = "";
    finding.score = get_int(line, "score");
    finding.has_time = get_time(line, &finding.time);
    /* The message's Date header places it on the timeline. */
    int64_t date = 0;
    const char *date_text = ioc_jnode_string(ioc_jnode_get(line, "date"), NULL);
    if (!finding.has_time && date_text != NULL && parse_time(date_text, &date)) {
        finding.time = date;
        finding.has_time = true;
    }
    enum ob_status status = get_reasons(report, ioc_jnode_get(line, "reasons"), &finding);
    if (status == OB_OK)
        status = get_items(report, ioc_jnode_get(line, "indicators"), &finding);
    if (status != OB_OK) {
        free_finding(&finding);
        return status;
    }
    finding.level = has_signal(&finding, "attachment-known-malware") ? OB_LEVEL_ALERT
                                                                     : OB_LEVEL_WARNING;
    return add_finding(report, &finding);
}

static enum ob_status read_bootrec(struct ob_report *report, const struct ob_jnode *line)
{
    set_kind(report, "bootrec");
    const struct ob_jnode *code = ioc_jnode_get(line, "boot_code");
    get_summary(report, line);
    enum ob_status status = read_file_finding(report, line, REPORT_KIND_BOOT);
    if (status == OB_OK && report->finding_count > 0) {
        struct report_finding *last = &report->findings[report->finding_count - 1];
        if (last->kind == REPORT_KIND_BOOT && last->sha256[0] == '\0' &&
            last->step == report->step_count - 1)
            last->sha256 = get_text(report, code, "sha256_440");
    }
    return status;
}

/* Where an entry is held, after what starts it: "TRIGGER; set in FILE" or
 * "TRIGGER; set in FILE, KEY\VALUE", for a finding's `persistence`. */
static const char *entry_persistence(struct ob_report *report, const struct report_entry *entry)
{
    struct ob_buffer text;
    core_buffer_init(&text, OB_REPORT_TEXT_MAX);
    enum ob_status status =
        entry->key[0] != '\0'
            /* TRANSLATORS: what starts a program, then the registry hive file, key and
             * value that hold the entry. */
            ? core_buffer_printf(&text, _("%s; set in %s, %s\\%s"), entry->trigger, entry->file,
                                 entry->key, entry->value)
            /* TRANSLATORS: what starts a program, then the file that holds the entry. */
            : core_buffer_printf(&text, _("%s; set in %s"), entry->trigger, entry->file);
    const char *kept = status == OB_OK ? keep(report, (const char *)text.data, text.length)
                                       : entry->trigger;
    core_buffer_release(&text);
    return kept;
}

/* An entry with signals as a finding of kind persistence, about its
 * program (or, without one, the file that holds it). */
static enum ob_status entry_finding(struct ob_report *report, struct report_entry *entry,
                                    size_t entry_index)
{
    struct report_finding finding = {.kind = REPORT_KIND_PERSISTENCE,
                                     .level = entry->level,
                                     .score = entry->score,
                                     .entry = entry_index};
    finding.path = entry->program[0] != '\0' ? entry->program : entry->file;
    finding.member = finding.md5 = finding.sha1 = finding.sha256 = finding.filetype = "";
    finding.verdict = finding.from = finding.subject = finding.advice = "";
    finding.signal = finding.package = "";
    finding.persistence = entry_persistence(report, entry);
    finding.reasons = calloc(entry->reason_count, sizeof(*finding.reasons));
    if (finding.reasons == NULL)
        return OB_ERR_NOMEM;
    memcpy(finding.reasons, entry->reasons, entry->reason_count * sizeof(*finding.reasons));
    finding.reason_count = entry->reason_count;
    size_t before = report->finding_count;
    enum ob_status status = add_finding(report, &finding);
    if (status == OB_OK && report->finding_count > before)
        entry->finding = report->finding_count;
    return status;
}

/* A "persistence" line of oberig persistence: kept as an entry (at most
 * REPORT_ENTRIES_MAX), and a finding too when it has signals. */
static enum ob_status read_persistence(struct ob_report *report, const struct ob_jnode *line)
{
    set_kind(report, "persistence");
    struct report_entry entry = {.step = report->step_count - 1};
    entry.trigger = get_text(report, line, "trigger");
    entry.file = get_text(report, line, "file");
    if (!parse_level(get_text(report, line, "level"), &entry.level) || entry.trigger[0] == '\0' ||
        entry.file[0] == '\0') {
        report_notice(report, _("a persistence line without a level, a trigger or a file was "
                                "left out"));
        current_step(report)->ignored++;
        return OB_OK;
    }
    entry.kind = get_text(report, line, "kind");
    entry.when = get_text(report, line, "when");
    entry.user = get_text(report, line, "user");
    entry.key = get_text(report, line, "key");
    entry.value = get_text(report, line, "value");
    entry.command = get_text(report, line, "command");
    entry.program = get_text(report, line, "program");
    entry.program_exists = ioc_jnode_bool(ioc_jnode_get(line, "program_exists"), NULL);
    entry.score = get_int(line, "score");
    entry.has_time = get_time(line, &entry.time);
    struct report_finding signals = {0};
    enum ob_status status = get_reasons(report, ioc_jnode_get(line, "signals"), &signals);
    if (status != OB_OK)
        return status;
    entry.reasons = signals.reasons;
    entry.reason_count = signals.reason_count;
    struct report_entry *kept = &entry;
    if (report->entry_count >= REPORT_ENTRIES_MAX) {
        if (report->entries_dropped++ == 0)
            report_notice(report, _("more than %d persistence entries: the rest were left out"),
                          REPORT_ENTRIES_MAX);
    } else {
        status = core_array_grow((void **)&report->entries, &report->entry_capacity,
                                 report->entry_count + 1, sizeof(*report->entries), 32,
                                 REPORT_ENTRIES_MAX);
        if (status != OB_OK) {
            free(entry.reasons);
            return status;
        }
        kept = &report->entries[report->entry_count++];
        *kept = entry;
    }
    /* an entry past the cap is still a finding when it has signals */
    if (kept->reason_count > 0 && kept->level >= OB_LEVEL_NOTICE)
        status = entry_finding(report, kept, kept == &entry ? 0 : report->entry_count);
    if (kept == &entry)
        free(entry.reasons);
    return status;
}

static enum ob_status read_line(struct ob_report *report, const struct ob_jnode *line)
{
    const char *type = ioc_jnode_get_string(line, "type");
    struct report_step *step = current_step(report);
    if (type == NULL) {
        report_notice(report, _("a line without a type was left out"));
        step->ignored++;
        return OB_OK;
    }
    if (strcmp(type, "start") == 0) {
        read_start(report, line);
    } else if (strcmp(type, "finding") == 0) {
        set_kind(report, "scan");
        return read_file_finding(report, line, REPORT_KIND_FILE);
    } else if (strcmp(type, "error") == 0 || strcmp(type, "notice") == 0) {
        bool error = type[0] == 'e';
        if (error)
            step->errors++;
        else
            step->notices++;
        return add_problem(report, error, get_text(report, line, "path"),
                           get_text(report, line, "message"));
    } else if (strcmp(type, "persistence") == 0) {
        return read_persistence(report, line);
    } else if (strcmp(type, "persistence_summary") == 0) {
        set_kind(report, "persistence");
        get_summary(report, line);
    } else if (strcmp(type, "summary") == 0 || strcmp(type, "package-summary") == 0 ||
               strcmp(type, "baseline-summary") == 0) {
        if (type[0] == 'p')
            set_kind(report, "verify-packages");
        else if (type[0] == 'b')
            set_kind(report, "baseline");
        else
            set_kind(report, ioc_jnode_get(line, "messages") != NULL ? "mail" : "scan");
        get_summary(report, line);
    } else if (strcmp(type, "message") == 0) {
        return read_message(report, line);
    } else if (strcmp(type, "bootrec") == 0) {
        return read_bootrec(report, line);
    } else if (strcmp(type, "package-finding") == 0) {
        set_kind(report, "verify-packages");
        return read_file_finding(report, line, REPORT_KIND_PACKAGE);
    } else if (strcmp(type, "baseline-change") == 0) {
        set_kind(report, "baseline");
        return read_file_finding(report, line, REPORT_KIND_CHANGE);
    } else if (strcmp(type, "baseline-device-change") == 0) {
        set_kind(report, "baseline");
        return read_file_finding(report, line, REPORT_KIND_DEVICE_CHANGE);
    } else {
        step->ignored++;
    }
    return OB_OK;
}

enum ob_status ob_report_add_line(struct ob_report *report, const char *line, size_t length)
{
    if (!report->has_step)
        return ob_context_fail(report->ctx, OB_ERR_INVALID_ARGUMENT,
                               "report: a line was added before any step");
    struct report_step *step = current_step(report);
    while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
        length--;
    size_t blank = 0;
    while (blank < length && (line[blank] == ' ' || line[blank] == '\t'))
        blank++;
    if (blank == length)
        return OB_OK;
    if (report->lines >= OB_REPORT_LINES_MAX) {
        if (!report->lines_capped)
            report_notice(report, _("more than %d lines: the rest were not read"),
                          OB_REPORT_LINES_MAX);
        report->lines_capped = true;
        return OB_OK;
    }
    report->lines++;
    step->lines++;
    if (length > OB_REPORT_LINE_MAX) {
        report_notice(report, _("line %zu of \"%s\" is longer than 8 MiB and was left out"),
                      step->lines, step->source);
        step->ignored++;
        return OB_OK;
    }
    struct ob_jdoc *doc = NULL;
    enum ob_status status = ioc_jdoc_parse(NULL, step->source, line, length, &doc);
    if (status == OB_ERR_NOMEM)
        return status;
    const struct ob_jnode *root = doc != NULL ? ioc_jdoc_root(doc) : NULL;
    if (status != OB_OK || !ioc_jnode_is_object(root)) {
        report_notice(report, _("line %zu of \"%s\" is not a JSON object and was left out"),
                      step->lines, step->source);
        step->ignored++;
        ioc_jdoc_free(doc);
        return OB_OK;
    }
    status = read_line(report, root);
    ioc_jdoc_free(doc);
    return status;
}

enum ob_status ob_report_add_stream(struct ob_report *report, FILE *in)
{
    struct ob_buffer line;
    core_buffer_init(&line, OB_REPORT_LINE_MAX + 1);
    enum ob_status status = OB_OK;
    bool too_long = false;
    char chunk[65536];
    while (status == OB_OK && fgets(chunk, sizeof(chunk), in) != NULL) {
        size_t length = strlen(chunk);
        bool ends = length > 0 && chunk[length - 1] == '\n';
        if (!too_long && core_buffer_append(&line, chunk, length) != OB_OK)
            too_long = true;
        if (!ends && !feof(in))
            continue;
        if (too_long) {
            struct report_step *step = current_step(report);
            step->lines++;
            step->ignored++;
            report_notice(report, _("line %zu of \"%s\" is longer than 8 MiB and was left out"),
                          step->lines, step->source);
        } else {
            status = ob_report_add_line(report, (const char *)line.data, line.length);
        }
        core_buffer_reset(&line, 1 << 16);
        too_long = false;
    }
    if (status == OB_OK && ferror(in))
        status = ob_context_fail(report->ctx, OB_ERR_IO, _("reading \"%s\" failed"),
                                 current_step(report)->source);
    core_buffer_release(&line);
    return status;
}

enum ob_level report_max_level(const struct ob_report *report)
{
    enum ob_level level = OB_LEVEL_NONE;
    for (size_t i = 0; i < report->finding_count; i++)
        if (report->findings[i].level > level)
            level = report->findings[i].level;
    return level;
}

enum ob_report_verdict ob_report_verdict(const struct ob_report *report)
{
    enum ob_level level = report_max_level(report);
    return level >= OB_LEVEL_ALERT     ? OB_REPORT_COMPROMISED
           : level >= OB_LEVEL_WARNING ? OB_REPORT_SUSPICIOUS
                                       : OB_REPORT_CLEAN;
}

void ob_report_counts(const struct ob_report *report, struct ob_report_counts *counts)
{
    memset(counts, 0, sizeof(*counts));
    counts->steps = report->step_count;
    counts->findings = report->finding_count;
    for (size_t i = 0; i < report->finding_count; i++) {
        enum ob_level level = report->findings[i].level;
        counts->alerts += level == OB_LEVEL_ALERT;
        counts->warnings += level == OB_LEVEL_WARNING;
        counts->notices += level == OB_LEVEL_NOTICE;
    }
    counts->problems = report->problem_count + report->problems_dropped;
    counts->input_notices = report->notice_count + report->notices_dropped;
    struct report_indicator *indicators = NULL;
    struct report_redactor *redactor = NULL;
    struct ob_arena arena;
    core_arena_init(&arena, 0);
    size_t count = 0;
    if (report_redactor_new(report, false, &redactor) == OB_OK &&
        report_indicators(report, redactor, &arena, &indicators, &count) == OB_OK)
        counts->indicators = count;
    free(indicators);
    report_redactor_free(redactor);
    core_arena_release(&arena);
}

void report_format_time(int64_t seconds, bool iso, char *out, size_t size)
{
    time_t value = (time_t)seconds;
    struct tm tm;
    if (gmtime_r(&value, &tm) == NULL || tm.tm_year > 8099 || tm.tm_year < -1899) {
        snprintf(out, size, "%s", iso ? "1970-01-01T00:00:00Z" : "-");
        return;
    }
    strftime(out, size, iso ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M UTC", &tm);
}
