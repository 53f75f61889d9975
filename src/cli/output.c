/* SPDX-License-Identifier: Apache-2.0 */
/* Routes scan results to the chosen format and keeps the progress line on
 * stderr out of the way of everything else printed to the terminal. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"

struct ob_output {
    struct ob_output_config config;
    const struct ob_scan_options *options;
    bool progress_shown;
};

struct ob_output *ob_output_new(const struct ob_output_config *config)
{
    struct ob_output *output = calloc(1, sizeof(*output));
    if (output != NULL)
        output->config = *config;
    return output;
}

void ob_output_free(struct ob_output *output)
{
    free(output);
}

static void clear_progress(struct ob_output *output)
{
    if (output->progress_shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        output->progress_shown = false;
    }
}

void ob_output_start(struct ob_output *output, const struct ob_run_info *info)
{
    output->options = info->options;
    if (output->config.format == OB_FORMAT_JSONL)
        ob_jsonl_start(output->config.results, info);
    else
        ob_human_start(stderr, info);
}

void ob_output_finding(struct ob_output *output, const struct ob_finding *finding)
{
    clear_progress(output);
    if (output->config.format == OB_FORMAT_JSONL)
        ob_jsonl_finding(output->config.results, finding);
    else
        ob_human_finding(output->config.results, output->config.color, finding);
    fflush(output->config.results);
}

void ob_output_problem(struct ob_output *output, const struct ob_scan_problem *problem)
{
    clear_progress(output);
    if (output->config.format == OB_FORMAT_JSONL) {
        ob_jsonl_problem(output->config.results, problem);
        fflush(output->config.results);
    }
    /* Diagnostics always reach a person on stderr too; notices only when
     * asked for, so a large scan is not drowned in them. */
    if (problem->is_error || output->config.verbose)
        ob_human_problem(stderr, output->config.color && output->config.progress, problem);
}

void ob_output_summary(struct ob_output *output, const struct ob_scan_stats *stats)
{
    clear_progress(output);
    if (output->config.format == OB_FORMAT_JSONL)
        ob_jsonl_summary(output->config.results, stats);
    else
        ob_human_summary(output->config.results, output->config.color, stats, output->options);
    fflush(output->config.results);
}

void ob_output_progress(struct ob_output *output, const struct ob_scan_stats *stats)
{
    if (!output->config.progress)
        return;
    char bytes[32];
    ob_format_bytes(bytes, sizeof(bytes), (double)stats->bytes);
    uint64_t findings = stats->findings[OB_LEVEL_NOTICE] + stats->findings[OB_LEVEL_WARNING] +
                        stats->findings[OB_LEVEL_ALERT];
    fprintf(stderr, "\r\033[Kscanning: %llu files, %s, %llu findings, %llu errors",
            (unsigned long long)stats->files, bytes, (unsigned long long)findings,
            (unsigned long long)stats->errors);
    fflush(stderr);
    output->progress_shown = true;
}
