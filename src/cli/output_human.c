/* SPDX-License-Identifier: Apache-2.0 */
/* Human output: one block per finding, plain words first, exact detail after;
 * everything taken from scanned data is escaped before it reaches a terminal. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buffer.h"
#include "core/text.h"

#define RESET "\033[0m"
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RED "\033[1;31m"
#define YELLOW "\033[1;33m"
#define CYAN "\033[1;36m"

void ob_format_bytes(char *out, size_t size, double bytes)
{
    static const char *const units[] = {"B", "KB", "MB", "GB", "TB"};
    int unit = 0;
    while (bytes >= 1000.0 && unit < 4) {
        bytes /= 1000.0;
        unit++;
    }
    if (unit == 0)
        snprintf(out, size, "%.0f %s", bytes, units[unit]);
    else
        snprintf(out, size, "%.1f %s", bytes, units[unit]);
}

/* Prints untrusted text safely. */
void ob_put_safe(FILE *out, const char *text)
{
    struct ob_buffer safe;
    ob_buffer_init(&safe, 1 << 20);
    if (text != NULL && ob_text_append_terminal_safe(&safe, text, strlen(text)) == OB_OK)
        fputs(ob_buffer_str(&safe), out);
    else if (text != NULL)
        fputs("(unprintable)", out);
    ob_buffer_release(&safe);
}

static const char *level_color(enum ob_level level)
{
    switch (level) {
    case OB_LEVEL_ALERT: return RED;
    case OB_LEVEL_WARNING: return YELLOW;
    default: return CYAN;
    }
}

static const char *level_words(enum ob_level level)
{
    switch (level) {
    case OB_LEVEL_ALERT: return "ALERT   - very likely malicious";
    case OB_LEVEL_WARNING: return "WARNING - suspicious, look closer";
    default: return "NOTICE  - unusual, probably harmless";
    }
}

static const char *signal_words(enum ob_signal signal)
{
    const struct ob_signal_def *def = ob_scan_signal(signal);
    return def != NULL && def->title != NULL ? def->title : "was flagged";
}

void ob_human_finding(FILE *out, bool color, const struct ob_finding *finding)
{
    const char *on = color ? level_color(finding->level) : "";
    const char *off = color ? RESET : "";
    const char *dim = color ? DIM : "";
    fprintf(out, "%s%s%s  score %d\n", on, level_words(finding->level), off, finding->score);
    fprintf(out, "  file:   %s", color ? BOLD : "");
    ob_put_safe(out, finding->path);
    fprintf(out, "%s\n", off);
    if (finding->member != NULL) {
        fprintf(out, "  inside: ");
        ob_put_safe(out, finding->member);
        fputc('\n', out);
    }
    fprintf(out, "  %ssize %llu bytes", dim, (unsigned long long)finding->size);
    if (finding->type != NULL && finding->type[0] != '\0') {
        fputs(", type ", out);
        ob_put_safe(out, finding->type);
    }
    fprintf(out, "%s\n", off);
    fprintf(out, "  %smd5 %s  sha1 %s\n  sha256 %s%s\n", dim, finding->md5, finding->sha1,
            finding->sha256, off);
    fprintf(out, "  why:\n");
    for (size_t i = 0; i < finding->reason_count; i++) {
        const struct ob_reason *reason = &finding->reasons[i];
        fprintf(out, "  - %s (%s, score %+d): ", signal_words(reason->signal),
                ob_signal_name(reason->signal), reason->score);
        ob_put_safe(out, reason->name);
        fputc('\n', out);
        if (reason->description != NULL && reason->description[0] != '\0') {
            fputs("      ", out);
            ob_put_safe(out, reason->description);
            fputc('\n', out);
        }
        if (reason->campaign != NULL) {
            fputs("      campaign: ", out);
            ob_put_safe(out, reason->campaign);
            fputc('\n', out);
        }
        if (reason->source != NULL && reason->source[0] != '\0') {
            fprintf(out, "      %sfrom ", dim);
            ob_put_safe(out, reason->source);
            fprintf(out, "%s\n", off);
        }
    }
    fputc('\n', out);
}

void ob_human_problem(FILE *out, bool color, const struct ob_scan_problem *problem)
{
    fprintf(out, "oberig: %s%s%s: ", color && problem->is_error ? YELLOW : "",
            problem->is_error ? "error" : "notice", color && problem->is_error ? RESET : "");
    ob_put_safe(out, problem->path);
    if (problem->member != NULL) {
        fputs(" -> ", out);
        ob_put_safe(out, problem->member);
    }
    fprintf(out, ": %s\n", problem->message);
}

void ob_human_start(FILE *out, const struct ob_run_info *info)
{
    if (info->rule_files + info->rule_files_failed > 0)
        fprintf(out, "oberig: loaded %zu YARA rules from %zu file%s%s\n", info->rules,
                info->rule_files, info->rule_files == 1 ? "" : "s", info->rule_files_failed ? " (some files were skipped, see above)" : "");
    if (info->iocs_loaded)
        fprintf(out,
                "oberig: loaded %zu hash, %zu file-name and %zu C2 indicators, %zu known-good "
                "hashes (%zu malformed lines skipped)\n",
                info->iocs.hashes[0] + info->iocs.hashes[1] + info->iocs.hashes[2],
                info->iocs.filename_patterns + info->iocs.file_names, info->iocs.c2_entries,
                info->iocs.false_positive_hashes, info->iocs.malformed_lines);
    if (info->store_used)
        fprintf(out, "oberig: of these, %zu file indicators come from the indicator store\n",
                info->store_indicators);
}

void ob_human_summary(FILE *out, bool color, const struct ob_scan_stats *stats,
                      const struct ob_scan_options *options)
{
    char bytes[32], rate[32];
    ob_format_bytes(bytes, sizeof(bytes), (double)stats->bytes);
    double seconds = stats->seconds > 0 ? stats->seconds : 1e-9;
    ob_format_bytes(rate, sizeof(rate), (double)stats->bytes / seconds);
    const char *bold = color ? BOLD : "", *off = color ? RESET : "";
    fprintf(out, "%ssummary%s\n", bold, off);
    fprintf(out, "  scanned   %llu files (%s) and %llu archive members in %.1f s (%s/s)\n",
            (unsigned long long)stats->files, bytes, (unsigned long long)stats->members,
            stats->seconds, rate);
    fprintf(out, "  findings  %llu alert, %llu warning, %llu notice\n",
            (unsigned long long)stats->findings[OB_LEVEL_ALERT],
            (unsigned long long)stats->findings[OB_LEVEL_WARNING],
            (unsigned long long)stats->findings[OB_LEVEL_NOTICE]);
    fprintf(out, "  errors    %llu%s\n", (unsigned long long)stats->errors,
            stats->errors ? " (files that could not be read or fully scanned; see stderr)" : "");
    char limit[32];
    double mib = (double)options->max_file_size / (1024.0 * 1024.0);
    snprintf(limit, sizeof(limit), mib >= 1.0 ? "%.4g MiB" : "%.0f bytes",
             mib >= 1.0 ? mib : (double)options->max_file_size);
    fprintf(out,
            "  skipped   %llu larger than %s, %llu links or special files, %llu excluded,\n"
            "            %llu on other or system file systems, %llu known-good (false-positive "
            "hashes),\n            %llu archives cut short by a safety limit\n",
            (unsigned long long)stats->skipped_size, limit,
            (unsigned long long)stats->skipped_type, (unsigned long long)stats->skipped_excluded,
            (unsigned long long)stats->skipped_filesystem,
            (unsigned long long)stats->skipped_false_positive,
            (unsigned long long)stats->archive_limits);
    fputc('\n', out);
    const char *advice = stats->findings[OB_LEVEL_ALERT] + stats->findings[OB_LEVEL_WARNING] > 0
                             ? "scan-found"
                         : stats->findings[OB_LEVEL_NOTICE] > 0 ? "scan-notice"
                                                                : "scan-clean";
    fprintf(out, "%sWhat now:%s %s\n", bold, off,
            ob_advice_find(ob_scan_signals(), advice)->text);
}
