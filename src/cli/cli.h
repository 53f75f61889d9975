/* SPDX-License-Identifier: Apache-2.0 */
/* Shared declarations of the oberig program: commands and output writers. */
#ifndef OB_CLI_H
#define OB_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "oberig/scan.h"

/* Exit statuses, as grep and yara users expect. */
#define OB_EXIT_CLEAN 0
#define OB_EXIT_FOUND 1
#define OB_EXIT_ERROR 2

struct ob_command {
    const char *name;
    int (*run)(int argc, char **argv);
    void (*help)(FILE *out);
    const char *summary;
};

int ob_cmd_scan(int argc, char **argv);
void ob_cmd_scan_help(FILE *out);
int ob_cmd_signals(int argc, char **argv);
void ob_cmd_signals_help(FILE *out);
int ob_cmd_version(int argc, char **argv);
void ob_cmd_version_help(FILE *out);

/* Output of scan results: human blocks or JSON lines. */
struct ob_output;

enum ob_output_format { OB_FORMAT_HUMAN, OB_FORMAT_JSONL };

struct ob_output_config {
    enum ob_output_format format;
    FILE *results;     /* stdout or --output file */
    bool color;        /* ANSI colour in human output */
    bool progress;     /* progress line on stderr */
    bool verbose;      /* also print notices */
};

struct ob_run_info {
    size_t rule_files, rule_files_failed, rules;
    struct ob_indicator_counts iocs;
    bool iocs_loaded;
    bool store_used;          /* the indicator store was read */
    size_t store_indicators;  /* file indicators taken from it */
    const struct ob_scan_options *options;
};

struct ob_output *ob_output_new(const struct ob_output_config *config);
void ob_output_free(struct ob_output *output);
void ob_output_start(struct ob_output *output, const struct ob_run_info *info);
void ob_output_finding(struct ob_output *output, const struct ob_finding *finding);
void ob_output_problem(struct ob_output *output, const struct ob_scan_problem *problem);
void ob_output_summary(struct ob_output *output, const struct ob_scan_stats *stats);
/* Clears the progress line (if shown) and writes a new one. */
void ob_output_progress(struct ob_output *output, const struct ob_scan_stats *stats);

/* Human and JSON-lines writers behind ob_output. */
void ob_human_finding(FILE *out, bool color, const struct ob_finding *finding);
void ob_human_problem(FILE *out, bool color, const struct ob_scan_problem *problem);
void ob_human_summary(FILE *out, bool color, const struct ob_scan_stats *stats,
                      const struct ob_scan_options *options);
void ob_human_start(FILE *out, const struct ob_run_info *info);
void ob_jsonl_start(FILE *out, const struct ob_run_info *info);
void ob_jsonl_finding(FILE *out, const struct ob_finding *finding);
void ob_jsonl_problem(FILE *out, const struct ob_scan_problem *problem);
void ob_jsonl_summary(FILE *out, const struct ob_scan_stats *stats);

/* Prints untrusted text (file names, indicator values) so that control
 * characters and escape sequences never reach a terminal raw. */
void ob_put_safe(FILE *out, const char *text);

/* A log callback for ob_context_new(ob_cli_log, &log): errors and warnings
 * to stderr, made safe for the terminal; without verbose, only the first
 * OB_CLI_QUIET_WARNINGS warnings, and ob_cli_log_finish says how many more. */
#define OB_CLI_QUIET_WARNINGS 10
struct ob_cli_log {
    bool verbose;
    size_t warnings;
};
void ob_cli_log(void *user, enum ob_log_level level, const char *message);
void ob_cli_log_finish(const struct ob_cli_log *log);

/* Opens the indicator store for reading: `db` (--db) must exist; without
 * it the default store is used when there is one. *store stays NULL when
 * there is none. Returns false (after saying why) only for a --db that
 * cannot be opened. */
struct ob_ioc_store;
bool ob_cli_open_store(struct ob_context *ctx, const char *db, struct ob_ioc_store **store);

/* --color WHEN: OB_CLI_COLOR_AUTO, _NEVER or _ALWAYS, or -2 when `when` is
 * none of "auto", "never", "always". */
enum { OB_CLI_COLOR_AUTO = -1, OB_CLI_COLOR_NEVER = 0, OB_CLI_COLOR_ALWAYS = 1 };
int ob_cli_color_mode(const char *when);
/* Whether human output to `out` gets colour: always, never, or (auto) when
 * `out` is a terminal and NO_COLOR is unset or empty (no-color.org). */
bool ob_cli_use_color(int mode, FILE *out);

int ob_cmd_ioc(int argc, char **argv);
int ob_cmd_mail(int argc, char **argv);
void ob_cmd_mail_help(FILE *out);
void ob_cmd_ioc_help(FILE *out);

/* Formats a byte count as "12.3 MB". */
void ob_format_bytes(char *out, size_t size, double bytes);

#endif
