/* SPDX-License-Identifier: Apache-2.0 */
/* report.json: every step, set, finding, problem and notice of a report,
 * schema 1 (docs/report-schema.md), written with core/json.c. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/json.h"
#include "oberig/version.h"
#include "report/report_internal.h"

#define JSON_OUTPUT_MAX ((size_t)1 << 30)

struct json_writer {
    struct ob_json json;
    const struct report_redactor *redactor;
    struct ob_buffer scratch;
    struct report_links links;
};

/* A string that may hold the person's data: redacted when asked. */
static void personal(struct json_writer *w, const char *key, const char *value)
{
    core_json_cstring(&w->json, key, report_redact(w->redactor, &w->scratch, value));
}

static void optional(struct json_writer *w, const char *key, const char *value)
{
    if (value != NULL && value[0] != '\0')
        core_json_cstring(&w->json, key, value);
}

static void optional_personal(struct json_writer *w, const char *key, const char *value)
{
    if (value != NULL && value[0] != '\0')
        personal(w, key, value);
}

static void write_steps(struct json_writer *w, const struct ob_report *report)
{
    struct ob_json *json = &w->json;
    core_json_array_begin(json, "steps");
    for (size_t i = 0; i < report->step_count; i++) {
        const struct report_step *step = &report->steps[i];
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "name", step->name);
        core_json_cstring(json, "kind", step->kind);
        personal(w, "source", step->source);
        if (step->skipped != NULL)
            core_json_cstring(json, "skipped", step->skipped);
        else
            core_json_null(json, "skipped");
        core_json_uint(json, "lines", step->lines);
        core_json_uint(json, "findings", step->findings);
        core_json_uint(json, "errors", step->errors);
        core_json_uint(json, "notices", step->notices);
        core_json_uint(json, "ignored", step->ignored);
        if (step->seconds >= 0)
            core_json_double(json, "seconds", step->seconds);
        else
            core_json_null(json, "seconds");
        core_json_object_begin(json, "summary");
        for (size_t k = 0; k < step->summary_count; k++)
            core_json_int(json, step->summary[k].key, step->summary[k].value);
        core_json_object_end(json);
        core_json_object_end(json);
    }
    core_json_array_end(json);
}

static void write_sets(struct json_writer *w, const struct ob_report *report)
{
    struct ob_json *json = &w->json;
    core_json_array_begin(json, "sets");
    for (size_t i = 0; i < report->set_count; i++) {
        const struct report_set *set = &report->sets[i];
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "step", report->steps[set->step].name);
        core_json_cstring(json, "kind", set->kind);
        core_json_cstring(json, "name", set->name);
        core_json_int(json, "count", set->count);
        if (set->files > 0)
            core_json_int(json, "files", set->files);
        if (set->date[0] != '\0')
            core_json_cstring(json, "date", set->date);
        else
            core_json_null(json, "date");
        core_json_object_end(json);
    }
    core_json_array_end(json);
}

static void write_finding(struct json_writer *w, const struct ob_report *report, size_t index)
{
    struct ob_json *json = &w->json;
    const struct report_finding *f = &report->findings[index];
    char time_text[32];
    core_json_object_begin(json, NULL);
    core_json_uint(json, "id", index + 1);
    core_json_cstring(json, "step", report->steps[f->step].name);
    core_json_cstring(json, "kind", report_kind_name(f->kind));
    core_json_cstring(json, "level", ob_level_name(f->level));
    core_json_int(json, "score", f->score);
    core_json_cstring(json, "what", report_what_words(f));
    core_json_cstring(json, "why", report_why_words(f));
    core_json_cstring(json, "todo", report_todo_words(f));
    personal(w, "path", f->path);
    optional_personal(w, "member", f->member);
    optional(w, "md5", f->md5);
    optional(w, "sha1", f->sha1);
    optional(w, "sha256", f->sha256);
    optional(w, "filetype", f->filetype);
    optional(w, "signal", f->signal);
    optional(w, "package", f->package);
    optional_personal(w, "persistence", report_finding_persistence(report, &w->links, f));
    optional(w, "verdict", f->verdict);
    optional_personal(w, "from", f->from);
    optional_personal(w, "subject", f->subject);
    optional_personal(w, "advice", f->advice);
    if (f->has_time) {
        report_format_time(f->time, true, time_text, sizeof(time_text));
        core_json_cstring(json, "time", time_text);
    }
    core_json_array_begin(json, "reasons");
    for (size_t i = 0; i < f->reason_count; i++) {
        const struct report_reason *r = &f->reasons[i];
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "signal", r->signal);
        optional(w, "name", r->name);
        core_json_int(json, "score", r->score);
        optional_personal(w, "source", r->source);
        optional(w, "campaign", r->campaign);
        personal(w, "description", r->text);
        optional_personal(w, "evidence", r->evidence);
        core_json_object_end(json);
    }
    core_json_array_end(json);
    if (f->kind == REPORT_KIND_MAIL) {
        core_json_array_begin(json, "indicators");
        for (size_t i = 0; i < f->item_count; i++) {
            const struct report_item *item = &f->items[i];
            core_json_object_begin(json, NULL);
            core_json_cstring(json, "kind", item->kind);
            personal(w, "value", item->value);
            optional(w, "sha256", item->sha256);
            optional(w, "md5", item->md5);
            core_json_object_end(json);
        }
        core_json_array_end(json);
    }
    core_json_object_end(json);
}

/* A timeline item's time: a finding's, or an entry's past finding_count. */
static int64_t item_time(const struct ob_report *report, size_t item)
{
    return item < report->finding_count ? report->findings[item].time
                                        : report->entries[item - report->finding_count].time;
}

static int compare_time(const void *a, const void *b, void *report)
{
    size_t left = *(const size_t *)a, right = *(const size_t *)b;
    int64_t left_time = item_time(report, left), right_time = item_time(report, right);
    int order = (left_time > right_time) - (left_time < right_time);
    return order != 0 ? order : (left > right) - (left < right);
}

size_t *report_timeline(const struct ob_report *report, size_t *count)
{
    *count = 0;
    size_t *order = malloc((report->finding_count + report->entry_count + 1) * sizeof(*order));
    if (order == NULL)
        return NULL;
    for (size_t i = 0; i < report->finding_count; i++)
        if (report->findings[i].has_time)
            order[(*count)++] = i;
    for (size_t i = 0; i < report->entry_count; i++)
        if (report->entries[i].has_time)
            order[(*count)++] = report->finding_count + i;
    qsort_r(order, *count, sizeof(*order), compare_time, (void *)report);
    return order;
}

static void write_entry(struct json_writer *w, const struct ob_report *report, size_t index)
{
    struct ob_json *json = &w->json;
    const struct report_entry *e = &report->entries[index];
    core_json_object_begin(json, NULL);
    core_json_uint(json, "id", index + 1);
    core_json_cstring(json, "step", report->steps[e->step].name);
    core_json_cstring(json, "kind", e->kind);
    core_json_cstring(json, "when", e->when);
    if (e->user[0] != '\0')
        personal(w, "user", e->user);
    else
        core_json_null(json, "user");
    personal(w, "trigger", e->trigger);
    personal(w, "file", e->file);
    optional_personal(w, "key", e->key);
    optional_personal(w, "value", e->value);
    personal(w, "command", e->command);
    if (e->program[0] != '\0')
        personal(w, "program", e->program);
    else
        core_json_null(json, "program");
    core_json_bool(json, "program_exists", e->program_exists);
    core_json_cstring(json, "level", ob_level_name(e->level));
    core_json_int(json, "score", e->score);
    core_json_array_begin(json, "signals");
    for (size_t i = 0; i < e->reason_count; i++) {
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "signal", e->reasons[i].signal);
        core_json_int(json, "score", e->reasons[i].score);
        personal(w, "explanation", e->reasons[i].text);
        core_json_object_end(json);
    }
    core_json_array_end(json);
    if (e->has_time) {
        char time_text[32];
        report_format_time(e->time, true, time_text, sizeof(time_text));
        core_json_cstring(json, "time", time_text);
    }
    if (e->finding > 0)
        core_json_uint(json, "finding", e->finding);
    else
        core_json_null(json, "finding");
    size_t first = 0, count = report_entry_findings(report, &w->links, index, &first);
    core_json_array_begin(json, "findings");
    for (size_t i = 0; i < count; i++)
        core_json_uint(json, NULL, w->links.files[first + i] + 1);
    core_json_array_end(json);
    core_json_object_end(json);
}

static void write_timeline(struct json_writer *w, const struct ob_report *report,
                           const size_t *order, size_t count)
{
    struct ob_json *json = &w->json;
    core_json_array_begin(json, "timeline");
    for (size_t i = 0; i < count; i++) {
        char time_text[32];
        report_format_time(item_time(report, order[i]), true, time_text, sizeof(time_text));
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "time", time_text);
        if (order[i] < report->finding_count) {
            const struct report_finding *f = &report->findings[order[i]];
            core_json_uint(json, "finding", order[i] + 1);
            core_json_cstring(json, "level", ob_level_name(f->level));
            personal(w, "path", f->path);
        } else {
            size_t index = order[i] - report->finding_count;
            const struct report_entry *e = &report->entries[index];
            core_json_uint(json, "persistence", index + 1);
            if (e->finding > 0)
                core_json_uint(json, "finding", e->finding);
            core_json_cstring(json, "level", ob_level_name(e->level));
            personal(w, "path", e->program[0] != '\0' ? e->program : e->file);
        }
        core_json_object_end(json);
    }
    core_json_array_end(json);
}

enum ob_status ob_report_write_json(struct ob_report *report,
                                    const struct ob_report_write_options *options, FILE *out)
{
    struct ob_buffer text;
    core_buffer_init(&text, JSON_OUTPUT_MAX);
    struct json_writer w = {0};
    core_buffer_init(&w.scratch, OB_REPORT_TEXT_MAX * 8);
    core_json_init(&w.json, &text);
    struct report_redactor *redactor = NULL;
    struct report_indicator *indicators = NULL;
    size_t indicator_count = 0, *order = NULL, order_count = 0;
    struct ob_arena arena;
    core_arena_init(&arena, 0);
    enum ob_status status = report_redactor_new(report, options->redact, &redactor);
    if (status == OB_OK)
        status = report_indicators(report, redactor, &arena, &indicators, &indicator_count);
    if (status == OB_OK && (order = report_timeline(report, &order_count)) == NULL)
        status = OB_ERR_NOMEM;
    if (status == OB_OK)
        status = report_links_new(report, &w.links);
    if (status != OB_OK)
        goto out;
    w.redactor = redactor;
    struct ob_json *json = &w.json;
    char created[32];
    report_format_time(options->created, true, created, sizeof(created));
    enum ob_report_verdict verdict = ob_report_verdict(report);
    struct ob_report_counts counts;
    ob_report_counts(report, &counts);
    core_json_object_begin(json, NULL);
    core_json_int(json, "schema", OB_REPORT_SCHEMA);
    core_json_cstring(json, "generator", "oberig " OB_VERSION_STRING);
    core_json_cstring(json, "created", created);
    /* TRANSLATORS: the language code of the report (BCP 47): "uk" in Ukrainian. */
    core_json_cstring(json, "language", C_("language code", "en"));
    core_json_bool(json, "redacted", options->redact);
    core_json_cstring(json, "verdict", ob_report_verdict_name(verdict));
    core_json_cstring(json, "answer", report_verdict_words(verdict));
    core_json_cstring(json, "level", ob_level_name(report_max_level(report)));
    core_json_object_begin(json, "counts");
    core_json_uint(json, "findings", counts.findings);
    core_json_uint(json, "alert", counts.alerts);
    core_json_uint(json, "warning", counts.warnings);
    core_json_uint(json, "notice", counts.notices);
    core_json_uint(json, "problems", counts.problems);
    core_json_uint(json, "findings_left_out", report->findings_dropped);
    core_json_uint(json, "persistence", report->entry_count + report->entries_dropped);
    core_json_uint(json, "persistence_left_out", report->entries_dropped);
    core_json_object_end(json);
    write_steps(&w, report);
    write_sets(&w, report);
    char newest[11];
    int64_t days = 0;
    if (report_indicators_age(report, options->created, newest, &days)) {
        core_json_cstring(json, "indicators_newest", newest);
        core_json_int(json, "indicators_age_days", days);
    } else {
        core_json_null(json, "indicators_newest");
        core_json_null(json, "indicators_age_days");
    }
    core_json_array_begin(json, "findings");
    for (size_t i = 0; i < report->finding_count; i++)
        write_finding(&w, report, i);
    core_json_array_end(json);
    core_json_array_begin(json, "persistence");
    for (size_t i = 0; i < report->entry_count; i++)
        write_entry(&w, report, i);
    core_json_array_end(json);
    write_timeline(&w, report, order, order_count);
    core_json_array_begin(json, "problems");
    for (size_t i = 0; i < report->problem_count; i++) {
        const struct report_problem *p = &report->problems[i];
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "step", report->steps[p->step].name);
        core_json_cstring(json, "kind", p->error ? "error" : "notice");
        optional_personal(&w, "path", p->path);
        personal(&w, "message", p->message);
        core_json_object_end(json);
    }
    core_json_array_end(json);
    core_json_array_begin(json, "indicators");
    for (size_t i = 0; i < indicator_count; i++) {
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "type", ob_ioc_type_name(indicators[i].type));
        core_json_cstring(json, "value", indicators[i].value);
        optional(&w, "campaign", indicators[i].campaign);
        optional(&w, "description", indicators[i].description);
        core_json_uint(json, "finding", indicators[i].finding + 1);
        core_json_object_end(json);
    }
    core_json_array_end(json);
    core_json_array_begin(json, "notices");
    for (size_t i = 0; i < report->notice_count; i++)
        personal(&w, NULL, report->notices[i]);
    core_json_array_end(json);
    core_json_object_end(json);
    status = json->status;
    if (status == OB_OK)
        status = core_buffer_append(&text, "\n", 1);
    if (status != OB_OK) {
        status = ob_context_fail(report->ctx, status, _("the report could not be written: %s"),
                                 ob_strerror(status));
        goto out;
    }
    if (fwrite(text.data, 1, text.length, out) != text.length || fflush(out) != 0)
        status = ob_context_fail(report->ctx, OB_ERR_IO, _("writing the report failed"));
out:
    report_links_release(&w.links);
    free(order);
    free(indicators);
    core_arena_release(&arena);
    report_redactor_free(redactor);
    core_buffer_release(&w.scratch);
    core_buffer_release(&text);
    return status;
}
