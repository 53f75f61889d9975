/* SPDX-License-Identifier: Apache-2.0 */
/* JSON-lines output: one object per line, always valid UTF-8; a path that is
 * not UTF-8 also carries its exact bytes in hex. Schema: docs/json-schema.md. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/json.h"

static void write_line(FILE *out, struct ob_buffer *line, struct ob_json *json)
{
    if (json->status == OB_OK) {
        fwrite(line->data, 1, line->length, out);
        fputc('\n', out);
    } else {
        fprintf(out, "{\"type\":\"error\",\"message\":\"output line too large\"}\n");
    }
    ob_buffer_release(line);
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
    struct ob_buffer line;
    struct ob_json json;
    ob_buffer_init(&line, 1 << 16);
    ob_json_init(&json, &line);
    ob_json_object_begin(&json, NULL);
    ob_json_cstring(&json, "type", "start");
    ob_json_cstring(&json, "version", OB_VERSION_STRING);
    ob_json_uint(&json, "rules", info->rules);
    ob_json_uint(&json, "rule_files", info->rule_files);
    ob_json_uint(&json, "rule_files_failed", info->rule_files_failed);
    ob_json_uint(&json, "hash_iocs",
                 info->iocs.hashes[0] + info->iocs.hashes[1] + info->iocs.hashes[2]);
    ob_json_uint(&json, "filename_iocs", info->iocs.filename_patterns);
    ob_json_uint(&json, "c2_iocs", info->iocs.c2_entries);
    ob_json_uint(&json, "false_positive_hashes", info->iocs.false_positive_hashes);
    ob_json_uint(&json, "ioc_malformed_lines", info->iocs.malformed_lines);
    ob_json_uint(&json, "store_indicators", info->store_indicators);
    ob_json_object_end(&json);
    write_line(out, &line, &json);
}

void ob_jsonl_finding(FILE *out, const struct ob_finding *finding)
{
    struct ob_buffer line;
    struct ob_json json;
    ob_buffer_init(&line, 8 << 20);
    ob_json_init(&json, &line);
    ob_json_object_begin(&json, NULL);
    ob_json_cstring(&json, "type", "finding");
    exact_string(&json, "path", finding->path);
    if (finding->member != NULL)
        exact_string(&json, "member", finding->member);
    ob_json_uint(&json, "size", finding->size);
    ob_json_cstring(&json, "md5", finding->md5);
    ob_json_cstring(&json, "sha1", finding->sha1);
    ob_json_cstring(&json, "sha256", finding->sha256);
    ob_json_cstring(&json, "filetype", finding->type);
    ob_json_int(&json, "score", finding->score);
    ob_json_cstring(&json, "level", ob_level_name(finding->level));
    ob_json_array_begin(&json, "reasons");
    for (size_t i = 0; i < finding->reason_count; i++) {
        const struct ob_reason *reason = &finding->reasons[i];
        ob_json_object_begin(&json, NULL);
        ob_json_cstring(&json, "signal", ob_signal_name(reason->signal));
        ob_json_cstring(&json, "name", reason->name);
        ob_json_int(&json, "score", reason->score);
        ob_json_cstring(&json, "source", reason->source);
        ob_json_cstring(&json, "description", reason->description);
        if (reason->campaign != NULL)
            ob_json_cstring(&json, "campaign", reason->campaign);
        ob_json_object_end(&json);
    }
    ob_json_array_end(&json);
    ob_json_object_end(&json);
    write_line(out, &line, &json);
}

void ob_jsonl_problem(FILE *out, const struct ob_scan_problem *problem)
{
    struct ob_buffer line;
    struct ob_json json;
    ob_buffer_init(&line, 1 << 20);
    ob_json_init(&json, &line);
    ob_json_object_begin(&json, NULL);
    ob_json_cstring(&json, "type", problem->is_error ? "error" : "notice");
    exact_string(&json, "path", problem->path);
    if (problem->member != NULL)
        exact_string(&json, "member", problem->member);
    ob_json_cstring(&json, "message", problem->message);
    ob_json_object_end(&json);
    write_line(out, &line, &json);
}

void ob_jsonl_summary(FILE *out, const struct ob_scan_stats *stats)
{
    struct ob_buffer line;
    struct ob_json json;
    ob_buffer_init(&line, 1 << 16);
    ob_json_init(&json, &line);
    ob_json_object_begin(&json, NULL);
    ob_json_cstring(&json, "type", "summary");
    ob_json_uint(&json, "files", stats->files);
    ob_json_uint(&json, "bytes", stats->bytes);
    ob_json_uint(&json, "members", stats->members);
    ob_json_uint(&json, "member_bytes", stats->member_bytes);
    ob_json_uint(&json, "findings", stats->findings[OB_LEVEL_NOTICE] +
                                        stats->findings[OB_LEVEL_WARNING] +
                                        stats->findings[OB_LEVEL_ALERT]);
    ob_json_object_begin(&json, "levels");
    ob_json_uint(&json, "alert", stats->findings[OB_LEVEL_ALERT]);
    ob_json_uint(&json, "warning", stats->findings[OB_LEVEL_WARNING]);
    ob_json_uint(&json, "notice", stats->findings[OB_LEVEL_NOTICE]);
    ob_json_object_end(&json);
    ob_json_uint(&json, "errors", stats->errors);
    ob_json_object_begin(&json, "skipped");
    ob_json_uint(&json, "size", stats->skipped_size);
    ob_json_uint(&json, "type", stats->skipped_type);
    ob_json_uint(&json, "excluded", stats->skipped_excluded);
    ob_json_uint(&json, "filesystem", stats->skipped_filesystem);
    ob_json_uint(&json, "false_positive", stats->skipped_false_positive);
    ob_json_uint(&json, "archive_limits", stats->archive_limits);
    ob_json_object_end(&json);
    ob_json_uint(&json, "yara_reused", stats->yara_reused);
    ob_json_double(&json, "seconds", stats->seconds);
    ob_json_object_end(&json);
    write_line(out, &line, &json);
}
