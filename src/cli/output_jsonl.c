/* SPDX-License-Identifier: Apache-2.0 */
/* JSON-lines output of scan, mail and ioc: one object per line, always valid
 * UTF-8; a path that is not UTF-8 also carries its exact bytes in hex.
 * Schema: docs/json-schema.md. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/output.h"
#include "core/i18n.h"

void cli_jsonl_begin(struct ob_jsonl_line *line, size_t cap, const char *type)
{
    core_buffer_init(&line->buffer, cap);
    core_json_init(&line->json, &line->buffer);
    core_json_object_begin(&line->json, NULL);
    core_json_cstring(&line->json, "type", type);
}

void cli_jsonl_end(FILE *out, struct ob_jsonl_line *line)
{
    core_json_object_end(&line->json);
    if (line->json.status == OB_OK) {
        fwrite(line->buffer.data, 1, line->buffer.length, out);
        fputc('\n', out);
    } else {
        /* The error line is small: it fits where the line did not. */
        core_buffer_reset(&line->buffer, 0);
        core_json_init(&line->json, &line->buffer);
        core_json_object_begin(&line->json, NULL);
        core_json_cstring(&line->json, "type", "error");
        core_json_cstring(&line->json, "message", _("output line too large"));
        core_json_object_end(&line->json);
        if (line->json.status == OB_OK) {
            fwrite(line->buffer.data, 1, line->buffer.length, out);
            fputc('\n', out);
        } else {
            fputs("{\"type\":\"error\",\"message\":\"output line too large\"}\n", out);
        }
    }
    core_buffer_release(&line->buffer);
}

void cli_jsonl_drop(struct ob_jsonl_line *line)
{
    core_buffer_release(&line->buffer);
}

/* Writes a string member and, when it had to be made valid UTF-8, the exact
 * bytes as "<key>_hex". */
static void exact_string(struct ob_json *json, const char *key, const char *value)
{
    if (value == NULL) {
        core_json_null(json, key);
        return;
    }
    size_t length = strlen(value);
    if (core_json_string(json, key, value, length)) {
        char hex_key[64];
        snprintf(hex_key, sizeof(hex_key), "%s_hex", key);
        core_json_hex(json, hex_key, value, length);
    }
}

void cli_jsonl_start(FILE *out, const struct ob_run_info *info)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 20, "start"); /* up to 1,536 named sets */
    struct ob_json *json = &line.json;
    core_json_cstring(json, "version", OB_VERSION_STRING);
    const struct ob_rules_counts *rules = &info->sources->rule_counts;
    const struct ob_indicator_counts *iocs = &info->sources->ioc_counts;
    core_json_uint(json, "rules", rules->rules);
    core_json_uint(json, "rule_files", rules->files_loaded);
    core_json_uint(json, "rule_files_failed", rules->files_failed);
    core_json_uint(json, "hash_iocs", iocs->hashes[0] + iocs->hashes[1] + iocs->hashes[2]);
    core_json_uint(json, "filename_iocs", iocs->filename_patterns);
    core_json_uint(json, "c2_iocs", iocs->c2_entries);
    core_json_uint(json, "false_positive_hashes", iocs->false_positive_hashes);
    core_json_uint(json, "ioc_malformed_lines", iocs->malformed_lines);
    core_json_uint(json, "store_indicators", info->sources->store_indicators);
    cli_jsonl_sets(json, info->sources);
    cli_jsonl_end(out, &line);
}

static void set_dates(struct ob_json *json, const struct ob_cli_set *set);

void cli_jsonl_sets(struct ob_json *json, const struct ob_cli_sources *sources)
{
    core_json_array_begin(json, "sets");
    for (size_t i = 0; i < sources->set_count; i++) {
        const struct ob_cli_set *set = &sources->sets[i];
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "kind", cli_set_kind_name(set->kind));
        exact_string(json, "name", set->name);
        core_json_uint(json, "count", set->count);
        if (set->kind != OB_CLI_SET_STORE)
            core_json_uint(json, "files", set->files);
        set_dates(json, set);
        core_json_object_end(json);
    }
    core_json_array_end(json);
}

/* A set's "date", and what a store source's publisher says where it says
 * more than that (the publication date, else the last import). */
static void set_dates(struct ob_json *json, const struct ob_cli_set *set)
{
    char date[32];
    if (cli_set_date(set, date, sizeof(date)))
        core_json_cstring(json, "date", date);
    else
        core_json_null(json, "date");
    if (set->kind != OB_CLI_SET_STORE)
        return;
    if (set->publisher != NULL && set->publisher[0] != '\0')
        core_json_cstring(json, "publisher", set->publisher);
    if (cli_format_date(set->published, date, sizeof(date))) {
        core_json_cstring(json, "published", date);
        if (cli_format_date(set->imported, date, sizeof(date)))
            core_json_cstring(json, "imported", date);
    }
    if (set->expired > 0)
        core_json_uint(json, "expired", set->expired);
}

void cli_jsonl_freshness(struct ob_json *json, const struct ob_cli_sources *sources)
{
    core_json_array_begin(json, "indicator_sources");
    for (size_t i = 0; i < sources->set_count; i++) {
        const struct ob_cli_set *set = &sources->sets[i];
        if (set->kind == OB_CLI_SET_RULES)
            continue;
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "kind", cli_set_kind_name(set->kind));
        exact_string(json, "name", set->name);
        set_dates(json, set);
        core_json_object_end(json);
    }
    core_json_array_end(json);
    struct ob_cli_freshness freshness;
    cli_sources_freshness(sources, (int64_t)time(NULL), &freshness);
    char date[32], warning[512];
    if (cli_format_date(freshness.newest, date, sizeof(date))) {
        core_json_cstring(json, "indicators_newest", date);
        core_json_int(json, "indicators_age_days", freshness.age_days);
    } else {
        core_json_null(json, "indicators_newest");
        core_json_null(json, "indicators_age_days");
    }
    core_json_uint(json, "indicators_expired", freshness.expired);
    cli_freshness_warning(&freshness, warning, sizeof(warning));
    if (warning[0] != '\0')
        core_json_cstring(json, "message", warning);
}

void cli_jsonl_note(FILE *out, bool error, const char *path, const char *message)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 16, error ? "error" : "notice");
    if (path != NULL)
        exact_string(&line.json, "path", path);
    core_json_cstring(&line.json, "message", message);
    cli_jsonl_end(out, &line);
}

/* A browser history finding's visits: "history": {...}. */
static void history_fields(struct ob_json *json, const struct ob_history_hit *history)
{
    char time[32];
    core_json_object_begin(json, "history");
    core_json_cstring(json, "browser", history->browser);
    core_json_cstring(json, "indicator_type", history->indicator_type);
    exact_string(json, "indicator", history->indicator);
    core_json_uint(json, "visits", history->visits);
    cli_iso_time(history->first, time, sizeof(time));
    core_json_cstring(json, "first_visit", history->first > 0 ? time : "");
    cli_iso_time(history->last, time, sizeof(time));
    core_json_cstring(json, "last_visit", history->last > 0 ? time : "");
    core_json_array_begin(json, "shown");
    for (size_t i = 0; i < history->shown_count; i++) {
        const struct ob_history_visit *visit = &history->shown[i];
        core_json_object_begin(json, NULL);
        cli_iso_time(visit->time, time, sizeof(time));
        core_json_cstring(json, "time", visit->time > 0 ? time : "");
        exact_string(json, "url", visit->url);
        exact_string(json, "title", visit->title);
        core_json_object_end(json);
    }
    core_json_array_end(json);
    core_json_object_end(json);
}

void cli_jsonl_finding(FILE *out, const struct ob_finding *finding)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 8 << 20, "finding");
    struct ob_json *json = &line.json;
    exact_string(json, "path", finding->path);
    if (finding->member != NULL)
        exact_string(json, "member", finding->member);
    core_json_uint(json, "size", finding->size);
    core_json_cstring(json, "md5", finding->md5);
    core_json_cstring(json, "sha1", finding->sha1);
    core_json_cstring(json, "sha256", finding->sha256);
    core_json_cstring(json, "filetype", finding->type);
    if (finding->has_mtime) {
        char mtime[32];
        cli_iso_time(finding->mtime, mtime, sizeof(mtime));
        core_json_cstring(json, "mtime", mtime);
    }
    core_json_int(json, "score", finding->score);
    core_json_cstring(json, "level", ob_level_name(finding->level));
    core_json_array_begin(json, "reasons");
    for (size_t i = 0; i < finding->reason_count; i++) {
        const struct ob_reason *reason = &finding->reasons[i];
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "signal", ob_signal_name(reason->signal));
        core_json_cstring(json, "name", reason->name);
        core_json_int(json, "score", reason->score);
        core_json_cstring(json, "source", reason->source);
        core_json_cstring(json, "description", reason->description);
        if (reason->campaign != NULL)
            core_json_cstring(json, "campaign", reason->campaign);
        core_json_object_end(json);
    }
    core_json_array_end(json);
    if (finding->history != NULL)
        history_fields(json, finding->history);
    if (finding->process != NULL) {
        core_json_object_begin(json, "process");
        core_json_int(json, "pid", finding->process->pid);
        exact_string(json, "name", finding->process->name);
        exact_string(json, "program", finding->process->program);
        core_json_bool(json, "deleted", finding->process->deleted);
        core_json_object_end(json);
    }
    cli_jsonl_end(out, &line);
}

void cli_jsonl_problem(FILE *out, const struct ob_scan_problem *problem)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 20, problem->is_error ? "error" : "notice");
    struct ob_json *json = &line.json;
    exact_string(json, "path", problem->path);
    if (problem->member != NULL)
        exact_string(json, "member", problem->member);
    core_json_cstring(json, "message", problem->message);
    cli_jsonl_end(out, &line);
}

void cli_jsonl_levels(struct ob_json *json, const uint64_t findings[4])
{
    core_json_uint(json, "findings",
                   findings[OB_LEVEL_NOTICE] + findings[OB_LEVEL_WARNING] +
                       findings[OB_LEVEL_ALERT]);
    core_json_object_begin(json, "levels");
    core_json_uint(json, "alert", findings[OB_LEVEL_ALERT]);
    core_json_uint(json, "warning", findings[OB_LEVEL_WARNING]);
    core_json_uint(json, "notice", findings[OB_LEVEL_NOTICE]);
    core_json_object_end(json);
}

/* A time as ISO 8601 in UTC, "2022-01-14T14:02:11Z". */
void cli_iso_time(int64_t seconds, char *out, size_t size)
{
    time_t when = (time_t)seconds;
    struct tm tm;
    if (gmtime_r(&when, &tm) == NULL || strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(out, size, "%s", "");
}

static void time_fields(struct ob_json *json, const char *first_key, int64_t first,
                        const char *last_key, int64_t last)
{
    char text[32];
    cli_iso_time(first, text, sizeof(text));
    core_json_cstring(json, first_key, text);
    cli_iso_time(last, text, sizeof(text));
    core_json_cstring(json, last_key, text);
}

static void wiper_fields(struct ob_json *json, const struct ob_scan_stats *stats,
                         const struct ob_wiper_extent *wiper)
{
    char text[96];
    core_json_object_begin(json, "wiper");
    core_json_uint(json, "overwritten", wiper->overwritten);
    core_json_uint(json, "files", wiper->files);
    core_json_uint(json, "of", stats->files);
    size_t used = 0;
    text[0] = '\0';
    for (size_t i = 0; i < wiper->pattern_length && used + 6 <= sizeof(text); i++)
        used += (size_t)snprintf(text + used, sizeof(text) - used, "%s0x%02x", i ? " " : "",
                                 wiper->pattern[i]);
    if (wiper->pattern_length == 1)
        core_json_cstring(json, "byte", text);
    else if (wiper->pattern_length > 1)
        core_json_cstring(json, "pattern", text);
    core_json_uint(json, "renamed", wiper->renamed);
    if (wiper->files > 0)
        time_fields(json, "mtime_first", wiper->mtime_first, "mtime_last", wiper->mtime_last);
    core_json_uint(json, "renamed_total", wiper->renamed_total);
    if (wiper->renamed_total > 0)
        time_fields(json, "renamed_first", wiper->renamed_first, "renamed_last",
                    wiper->renamed_last);
    core_json_uint(json, "ransom_notes", wiper->notes);
    core_json_uint(json, "system_damaged", wiper->system_damaged);
    core_json_object_end(json);
}

void cli_jsonl_summary(FILE *out, const struct ob_scan_stats *stats,
                       const struct ob_wiper_extent *wiper, const struct ob_cli_sources *sources)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 20, "summary");
    struct ob_json *json = &line.json;
    core_json_uint(json, "files", stats->files);
    core_json_uint(json, "bytes", stats->bytes);
    core_json_uint(json, "members", stats->members);
    core_json_uint(json, "member_bytes", stats->member_bytes);
    cli_jsonl_levels(json, stats->findings);
    core_json_uint(json, "errors", stats->errors);
    /* errors > 0: some files were not read or not fully scanned */
    core_json_bool(json, "incomplete", stats->errors > 0);
    core_json_bool(json, "nothing_read", ob_scan_stats_nothing_read(stats));
    core_json_object_begin(json, "skipped");
    core_json_uint(json, "size", stats->skipped_size);
    core_json_uint(json, "type", stats->skipped_type);
    core_json_uint(json, "excluded", stats->skipped_excluded);
    core_json_uint(json, "filesystem", stats->skipped_filesystem);
    core_json_uint(json, "false_positive", stats->skipped_false_positive);
    core_json_uint(json, "archive_limits", stats->archive_limits);
    core_json_uint(json, "package_verified", stats->skipped_trusted);
    core_json_object_end(json);
    core_json_uint(json, "yara_reused", stats->yara_reused);
    core_json_uint(json, "files_read", stats->files - stats->files_from_state);
    core_json_uint(json, "files_from_state", stats->files_from_state);
    if (wiper != NULL &&
        wiper->overwritten + wiper->renamed_total + wiper->notes + wiper->system_damaged > 0)
        wiper_fields(json, stats, wiper);
    if (sources != NULL)
        cli_jsonl_freshness(json, sources);
    core_json_double(json, "seconds", stats->seconds);
    cli_jsonl_end(out, &line);
}

/* ---- mail --------------------------------------------------------------------- */

void cli_jsonl_mail_result(FILE *out, const struct ob_mail_result *result)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, (size_t)8 << 20, "message");
    struct ob_json *json = &line.json;
    core_json_cstring(json, "source", result->source);
    core_json_cstring(json, "message_id", result->message_id);
    core_json_cstring(json, "from", result->from);
    core_json_cstring(json, "subject", result->subject);
    if (result->date != 0) {
        char date[32];
        cli_iso_time(result->date, date, sizeof(date));
        core_json_cstring(json, "date", date);
    } else {
        core_json_null(json, "date");
    }
    core_json_cstring(json, "verdict", ob_mail_verdict_name(result->verdict));
    core_json_int(json, "score", result->score);
    core_json_array_begin(json, "reasons");
    for (size_t i = 0; i < result->reason_count; i++) {
        const struct ob_mail_reason *reason = &result->reasons[i];
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "signal", reason->signal);
        core_json_int(json, "score", reason->score);
        core_json_cstring(json, "explanation", reason->explanation);
        core_json_cstring(json, "evidence", reason->evidence);
        core_json_object_end(json);
    }
    core_json_array_end(json);
    core_json_array_begin(json, "indicators");
    for (size_t i = 0; i < result->indicator_count; i++) {
        const struct ob_mail_indicator *indicator = &result->indicators[i];
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "kind", indicator->kind);
        core_json_cstring(json, "value", indicator->value);
        if (indicator->sha256 != NULL)
            core_json_cstring(json, "sha256", indicator->sha256);
        if (indicator->md5 != NULL)
            core_json_cstring(json, "md5", indicator->md5);
        if (indicator->ascii != NULL)
            core_json_cstring(json, "ascii", indicator->ascii);
        if (indicator->context != NULL) {
            core_json_bool(json, "context", true);
            core_json_cstring(json, "context_reason", indicator->context);
        }
        core_json_object_end(json);
    }
    core_json_array_end(json);
    core_json_cstring(json, "advice", result->advice);
    core_json_array_begin(json, "advice_ids");
    for (size_t i = 0; i < result->advice_id_count; i++)
        core_json_cstring(json, NULL, result->advice_ids[i]);
    core_json_array_end(json);
    core_json_cstring(json, "threat", result->threat);
    core_json_array_begin(json, "notices");
    for (size_t i = 0; i < result->notice_count; i++)
        core_json_cstring(json, NULL, result->notices[i]);
    core_json_array_end(json);
    cli_jsonl_end(out, &line);
}

void cli_jsonl_mail_summary(FILE *out, const struct ob_mail_stats *stats,
                            const struct ob_cli_sources *sources)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 20, "summary");
    struct ob_json *json = &line.json;
    core_json_uint(json, "messages", stats->messages);
    core_json_uint(json, "phishing", stats->verdicts[OB_MAIL_PHISHING]);
    core_json_uint(json, "suspicious", stats->verdicts[OB_MAIL_SUSPICIOUS]);
    core_json_uint(json, "no_signs", stats->verdicts[OB_MAIL_CLEAN]);
    core_json_uint(json, "errors", stats->errors);
    core_json_uint(json, "with_notices", stats->notices);
    core_json_uint(json, "skipped", stats->skipped);
    core_json_bool(json, "incomplete", stats->errors > 0);
    core_json_bool(json, "nothing_read", ob_mail_stats_nothing_read(stats));
    if (sources != NULL)
        cli_jsonl_freshness(json, sources);
    core_json_double(json, "seconds", stats->seconds);
    cli_jsonl_end(out, &line);
}

/* ---- ioc ---------------------------------------------------------------------- */

void cli_jsonl_ioc_import(FILE *out, const struct ob_ioc_import_report *report, double seconds)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 24, "import");
    struct ob_json *json = &line.json;
    core_json_uint(json, "files", report->files);
    core_json_uint(json, "records", report->records);
    core_json_uint(json, "added", report->added);
    core_json_uint(json, "provenances", report->provenances);
    core_json_uint(json, "unsupported", report->unsupported);
    core_json_uint(json, "invalid", report->invalid);
    core_json_uint(json, "skipped", report->skipped);
    core_json_uint(json, "missing_files", report->missing_files);
    core_json_uint(json, "ignored_files", report->ignored_files);
    core_json_uint(json, "rule_files", report->rule_files);
    core_json_uint(json, "rule_files_failed", report->rule_files_failed);
    core_json_uint(json, "rules", report->rules);
    core_json_object_begin(json, "by_type");
    for (int type = 0; type < OB_IOC_TYPE_COUNT; type++)
        if (report->by_type[type] > 0)
            core_json_uint(json, ob_ioc_type_name(type), report->by_type[type]);
    core_json_object_end(json);
    core_json_array_begin(json, "notes");
    for (size_t i = 0; i < report->note_count; i++)
        core_json_cstring(json, NULL, report->notes[i]);
    core_json_array_end(json);
    if (report->signer[0] != '\0')
        core_json_cstring(json, "signer", report->signer);
    core_json_double(json, "seconds", seconds);
    cli_jsonl_end(out, &line);
}

/* An ISO 8601 time, null when not known (0). */
static void iso_or_null(struct ob_json *json, const char *key, int64_t seconds)
{
    char text[32];
    if (seconds != 0)
        cli_iso_time(seconds, text, sizeof(text));
    if (seconds != 0 && text[0] != '\0')
        core_json_cstring(json, key, text);
    else
        core_json_null(json, key);
}

void cli_jsonl_ioc_entry(FILE *out, const struct ob_ioc_entry *entry)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 20, "indicator");
    struct ob_json *json = &line.json;
    core_json_cstring(json, "indicator_type", ob_ioc_type_name(entry->type));
    core_json_cstring(json, "value", entry->value);
    if (entry->value_unicode[0] != '\0')
        core_json_cstring(json, "value_unicode", entry->value_unicode);
    core_json_cstring(json, "campaign", entry->campaign);
    core_json_cstring(json, "description", entry->description);
    core_json_cstring(json, "source", entry->source);
    core_json_cstring(json, "source_file", entry->source_file);
    if (entry->has_score)
        core_json_int(json, "score", entry->score);
    core_json_int(json, "first_import", entry->first_import);
    core_json_int(json, "last_import", entry->last_import);
    if (entry->exclude[0] != '\0')
        core_json_cstring(json, "false_positive_regex", entry->exclude);
    if (entry->signer[0] != '\0')
        core_json_cstring(json, "signer", entry->signer);
    iso_or_null(json, "created", entry->created);
    iso_or_null(json, "modified", entry->modified);
    iso_or_null(json, "valid_from", entry->valid_from);
    iso_or_null(json, "valid_until", entry->valid_until);
    core_json_bool(json, "expired", entry->expired);
    core_json_cstring(json, "publisher", entry->publisher != NULL ? entry->publisher : "");
    iso_or_null(json, "published", entry->published);
    iso_or_null(json, "imported", entry->imported);
    core_json_array_begin(json, "references");
    for (const char *at = entry->references != NULL ? entry->references : ""; *at != '\0';) {
        size_t length = strcspn(at, "\n");
        core_json_string(json, NULL, at, length);
        at += length + (at[length] == '\n');
    }
    core_json_array_end(json);
    core_json_cstring(json, "source_description",
                      entry->source_description != NULL ? entry->source_description : "");
    core_json_cstring(json, "version", entry->version != NULL ? entry->version : "");
    core_json_cstring(json, "tlp", entry->tlp != NULL ? entry->tlp : "");
    cli_jsonl_end(out, &line);
}

void cli_jsonl_ioc_source_members(struct ob_json *json, const struct ob_ioc_source_info *source)
{
    core_json_cstring(json, "source", source->source);
    core_json_cstring(json, "source_file", source->source_file);
    core_json_cstring(json, "campaign", source->campaign);
    core_json_cstring(json, "publisher", source->publisher);
    iso_or_null(json, "published", source->published);
    iso_or_null(json, "imported", source->imported);
    core_json_cstring(json, "version", source->version);
    core_json_uint(json, "indicators", source->indicators);
    core_json_uint(json, "expired", source->expired);
}

void cli_jsonl_ioc_source(FILE *out, const struct ob_ioc_source_info *source)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 20, "source");
    cli_jsonl_ioc_source_members(&line.json, source);
    cli_jsonl_end(out, &line);
}

/* A bundle packed or read ("bundle") or unpacked ("extract"): where, what, who signed it. */
static void bundle_line(FILE *out, const char *type, const char *key, const char *value,
                        const struct ob_ioc_bundle_info *info, bool skipped)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 16, type);
    struct ob_json *json = &line.json;
    core_json_cstring(json, key, value);
    core_json_uint(json, "files", info->files);
    core_json_uint(json, "bytes", info->bytes);
    if (skipped)
        core_json_uint(json, "skipped", info->skipped);
    core_json_cstring(json, "signer", info->fingerprint);
    cli_jsonl_end(out, &line);
}

void cli_jsonl_ioc_bundle(FILE *out, const char *path, const struct ob_ioc_bundle_info *info)
{
    bundle_line(out, "bundle", "path", path, info, true);
}

void cli_jsonl_ioc_extracted(FILE *out, const char *folder, const struct ob_ioc_bundle_info *info)
{
    bundle_line(out, "extract", "folder", folder, info, false);
}

void cli_jsonl_ioc_stats_begin(struct ob_jsonl_line *line, uint64_t indicators,
                               uint64_t provenances)
{
    cli_jsonl_begin(line, 1 << 24, "stats");
    core_json_uint(&line->json, "indicators", indicators);
    core_json_uint(&line->json, "provenances", provenances);
}

void cli_jsonl_ioc_stats_group(struct ob_jsonl_line *line, enum ob_ioc_count_by by)
{
    static const char *const groups[] = {"by_type", "by_source", "by_campaign"};
    core_json_object_begin(&line->json, groups[by]);
}

void cli_jsonl_ioc_stats_count(struct ob_jsonl_line *line, const struct ob_ioc_count *count)
{
    core_json_uint(&line->json, count->key[0] != '\0' ? count->key : "(none)", count->count);
}

void cli_jsonl_ioc_rule_file(FILE *out, const struct ob_ioc_rule_file *file)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 20, "rule_file");
    struct ob_json *json = &line.json;
    core_json_cstring(json, "source", file->source);
    core_json_cstring(json, "path", file->relative_path);
    core_json_cstring(json, "kept_as", file->path);
    core_json_cstring(json, "source_file", file->original);
    core_json_uint(json, "rules", file->rules);
    core_json_cstring(json, "sha256", file->sha256);
    core_json_int(json, "first_import", file->first_import);
    core_json_int(json, "last_import", file->last_import);
    if (file->signer[0] != '\0')
        core_json_cstring(json, "signer", file->signer);
    cli_jsonl_end(out, &line);
}

void cli_jsonl_ioc_stats_rule_sets(struct ob_jsonl_line *line, const struct cli_rule_set *sets,
                                   size_t count)
{
    struct ob_json *json = &line->json;
    uint64_t files = 0, rules = 0;
    core_json_array_begin(json, "rule_sets");
    for (size_t i = 0; i < count; i++) {
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "source", sets[i].source);
        core_json_uint(json, "files", sets[i].files);
        core_json_uint(json, "rules", sets[i].rules);
        core_json_int(json, "last_import", sets[i].last_import);
        core_json_object_end(json);
        files += sets[i].files;
        rules += sets[i].rules;
    }
    core_json_array_end(json);
    core_json_uint(json, "rule_files", files);
    core_json_uint(json, "rules", rules);
}
