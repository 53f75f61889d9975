/* SPDX-License-Identifier: Apache-2.0 */
/* The output layer: opens where results go, decides colour, routes each
 * result of scan, mail and ioc to the human or the JSON-lines writer, and
 * keeps scan's progress line on stderr out of the way of everything else. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/output.h"
#include "core/i18n.h"

struct ob_output {
    const char *command;
    enum ob_output_format format;
    const char *path;      /* --output, or NULL for standard output */
    struct ob_human human; /* results: out, colour, verbose */
    bool progress;         /* progress line on stderr */
    bool progress_shown;
    const struct ob_scan_options *options;
    const struct ob_cli_sources *sources; /* named in the summary, or NULL */
    struct ob_jsonl_line line;            /* a line written piece by piece (ioc stats) */
};

/* Whether human output to `out` gets colour: always, never, or (auto) when
 * `out` is a terminal and NO_COLOR is unset or empty (no-color.org). */
static bool use_color(int mode, FILE *out)
{
    if (mode != OB_CLI_COLOR_AUTO)
        return mode == OB_CLI_COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    return isatty(fileno(out)) == 1 && (no_color == NULL || no_color[0] == '\0');
}

struct ob_output *cli_output_open(const struct ob_cli_args *args, bool progress)
{
    struct ob_output *output = calloc(1, sizeof(*output));
    if (output == NULL) {
        cli_fail(args->command, NULL, OB_ERR_NOMEM);
        return NULL;
    }
    FILE *results = stdout;
    if (args->output_path != NULL && (results = fopen(args->output_path, "w")) == NULL) {
        cli_error(args->command, _("cannot write '%s': %s"), args->output_path, strerror(errno));
        free(output);
        return NULL;
    }
    output->command = args->command;
    output->format = args->format;
    output->path = args->output_path;
    output->human = (struct ob_human){
        .out = results,
        .color = args->format == OB_FORMAT_HUMAN && use_color(args->color, results),
        .verbose = args->log.verbose,
    };
    output->progress = progress;
    return output;
}

bool cli_output_close(struct ob_output *output)
{
    if (output == NULL)
        return true;
    bool ok = true;
    if (output->path != NULL && fclose(output->human.out) != 0) {
        cli_error(output->command, _("cannot finish writing '%s'"), output->path);
        ok = false;
    }
    free(output);
    return ok;
}

FILE *cli_output_stream(const struct ob_output *output)
{
    return output->human.out;
}

static bool jsonl(const struct ob_output *output)
{
    return output->format == OB_FORMAT_JSONL;
}

/* ---- scan --------------------------------------------------------------------- */

static void clear_progress(struct ob_output *output)
{
    if (output->progress_shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        output->progress_shown = false;
    }
}

void cli_output_start(struct ob_output *output, const struct ob_run_info *info)
{
    output->options = info->options;
    output->sources = info->sources;
    if (jsonl(output))
        cli_jsonl_start(output->human.out, info);
    else
        cli_human_start(stderr, info);
}

void cli_output_finding(struct ob_output *output, const struct ob_finding *finding)
{
    clear_progress(output);
    if (jsonl(output))
        cli_jsonl_finding(output->human.out, finding);
    else
        cli_human_finding(&output->human, finding);
    fflush(output->human.out);
}

void cli_output_problem(struct ob_output *output, const struct ob_scan_problem *problem)
{
    clear_progress(output);
    if (jsonl(output)) {
        cli_jsonl_problem(output->human.out, problem);
        fflush(output->human.out);
    }
    /* Diagnostics always reach a person on stderr too; notices only when
     * asked for, so a large scan is not drowned in them. Colour there only
     * when stderr is the terminal the progress line is drawn on. */
    if (problem->is_error || output->human.verbose) {
        struct ob_human diagnostics = {.out = stderr,
                                       .color = output->human.color && output->progress};
        cli_human_problem(&diagnostics, problem);
    }
}

void cli_output_summary(struct ob_output *output, const struct ob_scan_stats *stats,
                        const struct ob_wiper_extent *wiper)
{
    clear_progress(output);
    if (jsonl(output)) {
        cli_jsonl_summary(output->human.out, stats, wiper, output->sources);
    } else {
        cli_human_summary(&output->human, stats, output->options, wiper);
        cli_human_freshness(&output->human, output->sources);
    }
    fflush(output->human.out);
}

void cli_output_progress(struct ob_output *output, const struct ob_scan_stats *stats)
{
    if (!output->progress)
        return;
    char bytes[32];
    cli_format_bytes(bytes, sizeof(bytes), (double)stats->bytes);
    uint64_t findings = stats->findings[OB_LEVEL_NOTICE] + stats->findings[OB_LEVEL_WARNING] +
                        stats->findings[OB_LEVEL_ALERT];
    fputs("\r\033[K", stderr);
    fprintf(stderr,
            /* TRANSLATORS: the progress line of a scan; the plural form follows the
             * number of files, and a translation may give the other counts as
             * labels ("findings: 2"). */
            P_("scanning: %llu file, %s, %llu findings, %llu errors",
               "scanning: %llu files, %s, %llu findings, %llu errors", stats->files),
            (unsigned long long)stats->files, bytes, (unsigned long long)findings,
            (unsigned long long)stats->errors);
    fflush(stderr);
    output->progress_shown = true;
}

/* ---- mail --------------------------------------------------------------------- */

void cli_output_mail_result(struct ob_output *output, const struct ob_mail_result *result)
{
    if (jsonl(output))
        cli_jsonl_mail_result(output->human.out, result);
    else
        cli_human_mail_result(&output->human, result);
}

void cli_output_mail_summary(struct ob_output *output, const struct ob_mail_stats *stats)
{
    if (jsonl(output)) {
        cli_jsonl_mail_summary(output->human.out, stats, output->sources);
    } else {
        cli_human_mail_summary(&output->human, stats);
        cli_human_freshness(&output->human, output->sources);
    }
}

void cli_output_set_sources(struct ob_output *output, const struct ob_cli_sources *sources)
{
    output->sources = sources;
}

/* ---- ioc ---------------------------------------------------------------------- */

void cli_output_ioc_import(struct ob_output *output, const struct ob_ioc_import_report *report,
                           double seconds)
{
    if (jsonl(output))
        cli_jsonl_ioc_import(output->human.out, report, seconds);
    else
        cli_human_ioc_import(&output->human, report, seconds);
}

void cli_output_ioc_entry(struct ob_output *output, const struct ob_ioc_entry *entry)
{
    if (jsonl(output))
        cli_jsonl_ioc_entry(output->human.out, entry);
    else
        cli_human_ioc_entry(&output->human, entry);
}

void cli_output_ioc_bundle(struct ob_output *output, const char *path,
                           const struct ob_ioc_bundle_info *info)
{
    if (jsonl(output))
        cli_jsonl_ioc_bundle(output->human.out, path, info);
    else
        cli_human_ioc_bundle(&output->human, path, info);
}

void cli_output_ioc_extracted(struct ob_output *output, const char *folder,
                              const struct ob_ioc_bundle_info *info)
{
    if (jsonl(output))
        cli_jsonl_ioc_extracted(output->human.out, folder, info);
    else
        cli_human_ioc_extracted(&output->human, folder, info);
}

void cli_output_ioc_removed(struct ob_output *output, const char *source, uint64_t removed)
{
    /* Said in words in either format: there is no JSON form for it. */
    cli_human_ioc_removed(&output->human, source, removed);
}

void cli_output_ioc_stats_begin(struct ob_output *output, uint64_t indicators, uint64_t provenances)
{
    if (jsonl(output))
        cli_jsonl_ioc_stats_begin(&output->line, indicators, provenances);
    else
        cli_human_ioc_stats_begin(&output->human, indicators, provenances);
}

void cli_output_ioc_stats_group(struct ob_output *output, enum ob_ioc_count_by by)
{
    if (jsonl(output))
        cli_jsonl_ioc_stats_group(&output->line, by);
    else
        cli_human_ioc_stats_group(&output->human, by);
}

void cli_output_ioc_stats_count(struct ob_output *output, const struct ob_ioc_count *count)
{
    if (jsonl(output))
        cli_jsonl_ioc_stats_count(&output->line, count);
    else
        cli_human_ioc_stats_count(&output->human, count);
}

void cli_output_ioc_stats_group_end(struct ob_output *output)
{
    if (jsonl(output))
        core_json_object_end(&output->line.json);
}

void cli_output_ioc_rule_file(struct ob_output *output, const struct ob_ioc_rule_file *file)
{
    if (jsonl(output))
        cli_jsonl_ioc_rule_file(output->human.out, file);
    else
        cli_human_ioc_rule_file(&output->human, file);
}

void cli_output_ioc_rules_removed(struct ob_output *output, const char *source, uint64_t removed)
{
    /* In words in either format, as cli_output_ioc_removed. */
    cli_human_ioc_rules_removed(&output->human, source, removed);
}

void cli_output_ioc_stats_rule_sets(struct ob_output *output, const struct cli_rule_set *sets,
                                    size_t count)
{
    if (jsonl(output))
        cli_jsonl_ioc_stats_rule_sets(&output->line, sets, count);
    else
        cli_human_ioc_stats_rule_sets(&output->human, sets, count);
}

void cli_output_ioc_stats_end(struct ob_output *output, bool complete)
{
    if (!jsonl(output))
        return;
    if (complete)
        cli_jsonl_end(output->human.out, &output->line);
    else
        cli_jsonl_drop(&output->line);
}

void cli_output_ioc_source(struct ob_output *output, const struct ob_ioc_source_info *source)
{
    if (jsonl(output))
        cli_jsonl_ioc_source(output->human.out, source);
    else
        cli_human_ioc_source(&output->human, source);
}

void cli_output_ioc_stats_sources_begin(struct ob_output *output)
{
    if (jsonl(output))
        core_json_array_begin(&output->line.json, "sources");
    else
        fprintf(output->human.out, "%s\n", _("sources:"));
}

void cli_output_ioc_stats_source(struct ob_output *output, const struct ob_ioc_source_info *source)
{
    if (!jsonl(output)) {
        cli_human_ioc_source(&output->human, source);
        return;
    }
    core_json_object_begin(&output->line.json, NULL);
    cli_jsonl_ioc_source_members(&output->line.json, source);
    core_json_object_end(&output->line.json);
}

void cli_output_ioc_stats_sources_end(struct ob_output *output)
{
    if (jsonl(output))
        core_json_array_end(&output->line.json);
}
