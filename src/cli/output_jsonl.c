/* SPDX-License-Identifier: Apache-2.0 */
/* JSON-lines output of scan, mail and ioc: one object per line, always valid
 * UTF-8; a path that is not UTF-8 also carries its exact bytes in hex.
 * Schema: docs/json-schema.md. */
#include <stdio.h>
#include <string.h>

#include "cli/output.h"

void ob_jsonl_begin(struct ob_jsonl_line *line, size_t cap, const char *type)
{
    ob_buffer_init(&line->buffer, cap);
    ob_json_init(&line->json, &line->buffer);
    ob_json_object_begin(&line->json, NULL);
    ob_json_cstring(&line->json, "type", type);
}

void ob_jsonl_end(FILE *out, struct ob_jsonl_line *line)
{
    ob_json_object_end(&line->json);
    if (line->json.status == OB_OK) {
        fwrite(line->buffer.data, 1, line->buffer.length, out);
        fputc('\n', out);
    } else {
        fprintf(out, "{\"type\":\"error\",\"message\":\"output line too large\"}\n");
    }
    ob_buffer_release(&line->buffer);
}

void ob_jsonl_drop(struct ob_jsonl_line *line)
{
    ob_buffer_release(&line->buffer);
}

/* Writes a string member and, when it had to be made valid UTF-8, the exact
 * bytes as "<key>_hex". */
static void exact_string(struct ob_json *json, const char *key, const char *value)
{
    if (value == NULL) {
        ob_json_null(json, key);
        return;
    }
    size_t length = strlen(value);
    if (ob_json_string(json, key, value, length)) {
        char hex_key[64];
        snprintf(hex_key, sizeof(hex_key), "%s_hex", key);
        ob_json_hex(json, hex_key, value, length);
    }
}

void ob_jsonl_start(FILE *out, const struct ob_run_info *info)
{
    struct ob_jsonl_line line;
    ob_jsonl_begin(&line, 1 << 16, "start");
    struct ob_json *json = &line.json;
    ob_json_cstring(json, "version", OB_VERSION_STRING);
    const struct ob_rules_counts *rules = &info->sources->rule_counts;
    const struct ob_indicator_counts *iocs = &info->sources->ioc_counts;
    ob_json_uint(json, "rules", rules->rules);
    ob_json_uint(json, "rule_files", rules->files_loaded);
    ob_json_uint(json, "rule_files_failed", rules->files_failed);
    ob_json_uint(json, "hash_iocs", iocs->hashes[0] + iocs->hashes[1] + iocs->hashes[2]);
    ob_json_uint(json, "filename_iocs", iocs->filename_patterns);
    ob_json_uint(json, "c2_iocs", iocs->c2_entries);
    ob_json_uint(json, "false_positive_hashes", iocs->false_positive_hashes);
    ob_json_uint(json, "ioc_malformed_lines", iocs->malformed_lines);
    ob_json_uint(json, "store_indicators", info->sources->store_indicators);
    ob_jsonl_end(out, &line);
}

void ob_jsonl_finding(FILE *out, const struct ob_finding *finding)
{
    struct ob_jsonl_line line;
    ob_jsonl_begin(&line, 8 << 20, "finding");
    struct ob_json *json = &line.json;
    exact_string(json, "path", finding->path);
    if (finding->member != NULL)
        exact_string(json, "member", finding->member);
    ob_json_uint(json, "size", finding->size);
    ob_json_cstring(json, "md5", finding->md5);
    ob_json_cstring(json, "sha1", finding->sha1);
    ob_json_cstring(json, "sha256", finding->sha256);
    ob_json_cstring(json, "filetype", finding->type);
    ob_json_int(json, "score", finding->score);
    ob_json_cstring(json, "level", ob_level_name(finding->level));
    ob_json_array_begin(json, "reasons");
    for (size_t i = 0; i < finding->reason_count; i++) {
        const struct ob_reason *reason = &finding->reasons[i];
        ob_json_object_begin(json, NULL);
        ob_json_cstring(json, "signal", ob_signal_name(reason->signal));
        ob_json_cstring(json, "name", reason->name);
        ob_json_int(json, "score", reason->score);
        ob_json_cstring(json, "source", reason->source);
        ob_json_cstring(json, "description", reason->description);
        if (reason->campaign != NULL)
            ob_json_cstring(json, "campaign", reason->campaign);
        ob_json_object_end(json);
    }
    ob_json_array_end(json);
    ob_jsonl_end(out, &line);
}

void ob_jsonl_problem(FILE *out, const struct ob_scan_problem *problem)
{
    struct ob_jsonl_line line;
    ob_jsonl_begin(&line, 1 << 20, problem->is_error ? "error" : "notice");
    struct ob_json *json = &line.json;
    exact_string(json, "path", problem->path);
    if (problem->member != NULL)
        exact_string(json, "member", problem->member);
    ob_json_cstring(json, "message", problem->message);
    ob_jsonl_end(out, &line);
}

void ob_jsonl_summary(FILE *out, const struct ob_scan_stats *stats)
{
    struct ob_jsonl_line line;
    ob_jsonl_begin(&line, 1 << 16, "summary");
    struct ob_json *json = &line.json;
    ob_json_uint(json, "files", stats->files);
    ob_json_uint(json, "bytes", stats->bytes);
    ob_json_uint(json, "members", stats->members);
    ob_json_uint(json, "member_bytes", stats->member_bytes);
    ob_json_uint(json, "findings", stats->findings[OB_LEVEL_NOTICE] +
                                        stats->findings[OB_LEVEL_WARNING] +
                                        stats->findings[OB_LEVEL_ALERT]);
    ob_json_object_begin(json, "levels");
    ob_json_uint(json, "alert", stats->findings[OB_LEVEL_ALERT]);
    ob_json_uint(json, "warning", stats->findings[OB_LEVEL_WARNING]);
    ob_json_uint(json, "notice", stats->findings[OB_LEVEL_NOTICE]);
    ob_json_object_end(json);
    ob_json_uint(json, "errors", stats->errors);
    ob_json_object_begin(json, "skipped");
    ob_json_uint(json, "size", stats->skipped_size);
    ob_json_uint(json, "type", stats->skipped_type);
    ob_json_uint(json, "excluded", stats->skipped_excluded);
    ob_json_uint(json, "filesystem", stats->skipped_filesystem);
    ob_json_uint(json, "false_positive", stats->skipped_false_positive);
    ob_json_uint(json, "archive_limits", stats->archive_limits);
    ob_json_object_end(json);
    ob_json_uint(json, "yara_reused", stats->yara_reused);
    ob_json_double(json, "seconds", stats->seconds);
    ob_jsonl_end(out, &line);
}

/* ---- mail --------------------------------------------------------------------- */

void ob_jsonl_mail_result(FILE *out, const struct ob_mail_result *result)
{
    struct ob_jsonl_line line;
    ob_jsonl_begin(&line, (size_t)8 << 20, "message");
    struct ob_json *json = &line.json;
    ob_json_cstring(json, "source", result->source);
    ob_json_cstring(json, "message_id", result->message_id);
    ob_json_cstring(json, "from", result->from);
    ob_json_cstring(json, "subject", result->subject);
    ob_json_cstring(json, "verdict", ob_mail_verdict_name(result->verdict));
    ob_json_int(json, "score", result->score);
    ob_json_array_begin(json, "reasons");
    for (size_t i = 0; i < result->reason_count; i++) {
        const struct ob_mail_reason *reason = &result->reasons[i];
        ob_json_object_begin(json, NULL);
        ob_json_cstring(json, "signal", reason->signal);
        ob_json_int(json, "score", reason->score);
        ob_json_cstring(json, "explanation", reason->explanation);
        ob_json_cstring(json, "evidence", reason->evidence);
        ob_json_object_end(json);
    }
    ob_json_array_end(json);
    ob_json_array_begin(json, "indicators");
    for (size_t i = 0; i < result->indicator_count; i++) {
        const struct ob_mail_indicator *indicator = &result->indicators[i];
        ob_json_object_begin(json, NULL);
        ob_json_cstring(json, "kind", indicator->kind);
        ob_json_cstring(json, "value", indicator->value);
        if (indicator->sha256 != NULL)
            ob_json_cstring(json, "sha256", indicator->sha256);
        if (indicator->md5 != NULL)
            ob_json_cstring(json, "md5", indicator->md5);
        ob_json_object_end(json);
    }
    ob_json_array_end(json);
    ob_json_cstring(json, "advice", result->advice);
    ob_json_array_begin(json, "notices");
    for (size_t i = 0; i < result->notice_count; i++)
        ob_json_cstring(json, NULL, result->notices[i]);
    ob_json_array_end(json);
    ob_jsonl_end(out, &line);
}

void ob_jsonl_mail_summary(FILE *out, const struct ob_mail_stats *stats)
{
    struct ob_jsonl_line line;
    ob_jsonl_begin(&line, 1 << 16, "summary");
    struct ob_json *json = &line.json;
    ob_json_uint(json, "messages", stats->messages);
    ob_json_uint(json, "phishing", stats->verdicts[OB_MAIL_PHISHING]);
    ob_json_uint(json, "suspicious", stats->verdicts[OB_MAIL_SUSPICIOUS]);
    ob_json_uint(json, "no_signs", stats->verdicts[OB_MAIL_CLEAN]);
    ob_json_uint(json, "errors", stats->errors);
    ob_json_uint(json, "with_notices", stats->notices);
    ob_json_uint(json, "skipped", stats->skipped);
    ob_json_double(json, "seconds", stats->seconds);
    ob_jsonl_end(out, &line);
}

/* ---- ioc ---------------------------------------------------------------------- */

void ob_jsonl_ioc_import(FILE *out, const struct ob_ioc_import_report *report, double seconds)
{
    struct ob_jsonl_line line;
    ob_jsonl_begin(&line, 1 << 24, "import");
    struct ob_json *json = &line.json;
    ob_json_uint(json, "files", report->files);
    ob_json_uint(json, "records", report->records);
    ob_json_uint(json, "added", report->added);
    ob_json_uint(json, "provenances", report->provenances);
    ob_json_uint(json, "unsupported", report->unsupported);
    ob_json_uint(json, "invalid", report->invalid);
    ob_json_uint(json, "skipped", report->skipped);
    ob_json_uint(json, "missing_files", report->missing_files);
    ob_json_uint(json, "ignored_files", report->ignored_files);
    ob_json_object_begin(json, "by_type");
    for (int type = 0; type < OB_IOC_TYPE_COUNT; type++)
        if (report->by_type[type] > 0)
            ob_json_uint(json, ob_ioc_type_name(type), report->by_type[type]);
    ob_json_object_end(json);
    ob_json_array_begin(json, "notes");
    for (size_t i = 0; i < report->note_count; i++)
        ob_json_cstring(json, NULL, report->notes[i]);
    ob_json_array_end(json);
    ob_json_double(json, "seconds", seconds);
    ob_jsonl_end(out, &line);
}

void ob_jsonl_ioc_entry(FILE *out, const struct ob_ioc_entry *entry)
{
    struct ob_jsonl_line line;
    ob_jsonl_begin(&line, 1 << 20, "indicator");
    struct ob_json *json = &line.json;
    ob_json_cstring(json, "indicator_type", ob_ioc_type_name(entry->type));
    ob_json_cstring(json, "value", entry->value);
    if (entry->value_unicode[0] != '\0')
        ob_json_cstring(json, "value_unicode", entry->value_unicode);
    ob_json_cstring(json, "campaign", entry->campaign);
    ob_json_cstring(json, "description", entry->description);
    ob_json_cstring(json, "source", entry->source);
    ob_json_cstring(json, "source_file", entry->source_file);
    if (entry->has_score)
        ob_json_int(json, "score", entry->score);
    ob_json_int(json, "first_import", entry->first_import);
    ob_json_int(json, "last_import", entry->last_import);
    if (entry->exclude[0] != '\0')
        ob_json_cstring(json, "false_positive_regex", entry->exclude);
    ob_jsonl_end(out, &line);
}

void ob_jsonl_ioc_stats_begin(struct ob_jsonl_line *line, uint64_t indicators,
                              uint64_t provenances)
{
    ob_jsonl_begin(line, 1 << 24, "stats");
    ob_json_uint(&line->json, "indicators", indicators);
    ob_json_uint(&line->json, "provenances", provenances);
}

void ob_jsonl_ioc_stats_group(struct ob_jsonl_line *line, enum ob_ioc_count_by by)
{
    static const char *const groups[] = {"by_type", "by_source", "by_campaign"};
    ob_json_object_begin(&line->json, groups[by]);
}

void ob_jsonl_ioc_stats_count(struct ob_jsonl_line *line, const struct ob_ioc_count *count)
{
    ob_json_uint(&line->json, count->key[0] != '\0' ? count->key : "(none)", count->count);
}
