/* SPDX-License-Identifier: Apache-2.0 */
/* The output layer of scan, mail and ioc: where results go, which writer
 * (human or JSON lines) and which colours, and text made safe to print. */
#ifndef OB_CLI_OUTPUT_H
#define OB_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/cli.h"
#include "core/buffer.h"
#include "core/json.h"
#include "oberig/bootrec.h"
#include "oberig/ioc.h"
#include "oberig/mail.h"
#include "oberig/packages.h"
#include "oberig/persistence.h"
#include "oberig/report.h"
#include "oberig/scan.h"

struct ob_output;

/* Opens where a command's results go (--output, else standard output) and
 * decides colour: human output only, by --color, a terminal and NO_COLOR.
 * `progress`: a progress line on stderr (scan). Returns NULL after saying
 * why. Not thread-safe: the caller serialises the writes. */
struct ob_output *cli_output_open(const struct ob_cli_args *args, bool progress);
/* Closes the --output file and frees `output` (NULL is fine). Returns
 * false after saying why when the results could not be written in full. */
bool cli_output_close(struct ob_output *output);
/* The stream results go to, for a command that writes a document itself. */
FILE *cli_output_stream(const struct ob_output *output);

/* Prints untrusted text (file names, indicator values) so that control
 * characters and escape sequences never reach a terminal raw. */
void cli_put_safe(FILE *out, const char *text);
/* `text` made safe as cli_put_safe prints it, in `safe` (initialised and
 * released by the caller, reset here): for a whole translated sentence
 * with the text in it. Valid until `safe` is used again; "" for NULL. */
const char *cli_safe_text(struct ob_buffer *safe, const char *text);

/* A path made safe as cli_safe_text does, and shortened for people when
 * it is over 1,024 bytes (a tree deeper than PATH_MAX): its start and end
 * with how much was left out between them. Same lifetime as cli_safe_text. */
const char *cli_safe_path(struct ob_buffer *safe, const char *path);

/* Formats a byte count as "12.3 MB". */
void cli_format_bytes(char *out, size_t size, double bytes);

/* ---- scan ---- */
struct ob_run_info {
    const struct ob_cli_sources *sources;
    const struct ob_scan_options *options;
};
void cli_output_start(struct ob_output *output, const struct ob_run_info *info);
void cli_output_finding(struct ob_output *output, const struct ob_finding *finding);
void cli_output_problem(struct ob_output *output, const struct ob_scan_problem *problem);
/* `wiper` may be NULL: no wiper checks ran. */
void cli_output_summary(struct ob_output *output, const struct ob_scan_stats *stats,
                        const struct ob_wiper_extent *wiper);
/* Clears the progress line (if shown) and writes a new one. */
void cli_output_progress(struct ob_output *output, const struct ob_scan_stats *stats);

/* ---- mail ---- */
void cli_output_mail_result(struct ob_output *output, const struct ob_mail_result *result);
void cli_output_mail_summary(struct ob_output *output, const struct ob_mail_stats *stats);
/* The indicator sets the summary names (scan's are those of its start). */
void cli_output_set_sources(struct ob_output *output, const struct ob_cli_sources *sources);

/* ---- ioc ---- */
void cli_output_ioc_import(struct ob_output *output, const struct ob_ioc_import_report *report,
                           double seconds);
void cli_output_ioc_entry(struct ob_output *output, const struct ob_ioc_entry *entry);
void cli_output_ioc_removed(struct ob_output *output, const char *source, uint64_t removed);
/* ioc bundle create: the signed bundle written to `path`. */
void cli_output_ioc_bundle(struct ob_output *output, const char *path,
                           const struct ob_ioc_bundle_info *info);
/* ioc bundle extract: the verified bundle's files written into `folder`. */
void cli_output_ioc_extracted(struct ob_output *output, const char *folder,
                              const struct ob_ioc_bundle_info *info);
/* ioc stats, written as the counts come: begin, then for each grouping
 * (enum ob_ioc_count_by) group and its counts, then end; `complete` false
 * drops a JSON line that could not be finished. */
void cli_output_ioc_stats_begin(struct ob_output *output, uint64_t indicators,
                                uint64_t provenances);
void cli_output_ioc_stats_group(struct ob_output *output, enum ob_ioc_count_by by);
void cli_output_ioc_stats_count(struct ob_output *output, const struct ob_ioc_count *count);
void cli_output_ioc_stats_group_end(struct ob_output *output);
void cli_output_ioc_stats_end(struct ob_output *output, bool complete);
/* ioc list: one kept rule file; ioc remove: the rule files removed. */
void cli_output_ioc_rule_file(struct ob_output *output, const struct ob_ioc_rule_file *file);
void cli_output_ioc_rules_removed(struct ob_output *output, const char *source, uint64_t removed);
/* ioc stats, before end: the kept rules of each source (`source` "" for
 * none: the group is still opened and closed). */
struct cli_rule_set {
    const char *source;
    uint64_t files, rules;
    int64_t last_import;
};
void cli_output_ioc_stats_rule_sets(struct ob_output *output, const struct cli_rule_set *sets,
                                    size_t count);
/* One source with its publisher and dates: a line of its own (list
 * --older-than), or in stats inside its line (between stats_sources_begin
 * and stats_sources_end, after the groups). */
void cli_output_ioc_source(struct ob_output *output, const struct ob_ioc_source_info *source);
void cli_output_ioc_stats_sources_begin(struct ob_output *output);
void cli_output_ioc_stats_source(struct ob_output *output, const struct ob_ioc_source_info *source);
void cli_output_ioc_stats_sources_end(struct ob_output *output);

/* ---- report files (oberig report merge, oberig triage) ---- */
/* The report's folder into `folder`: `given` (-o; made when missing) or a
 * new "oberig-report-YYYYMMDD-HHMMSS" in the current folder, from
 * `created`. Returns false after saying why. */
bool cli_report_folder(const char *command, const char *given, int64_t created, char *folder,
                       size_t size);
/* Writes report.json and report.html into `folder` (mode 0600), or with
 * `encrypt_to` (a key file) report.json.gpg and report.html.gpg, encrypted
 * from memory, and says each one's SHA-256 on `say`. Returns false after
 * saying why. */
bool cli_report_write_files(const char *command, struct ob_report *report, struct ob_context *ctx,
                            const char *folder, const struct ob_report_write_options *options,
                            const char *encrypt_to, FILE *say);
/* Checks that `keyfile` holds a public key to encrypt to, before a long
 * run: encrypts nothing into a file of `folder` and removes it. */
bool cli_report_check_key(const char *command, struct ob_context *ctx, const char *folder,
                          const char *keyfile);

/* ---- the writers behind ob_output ---- */
/* What human writers need to know: where to, and with which colours. */
struct ob_human {
    FILE *out;
    bool color;
    bool verbose;
};
/* A finding's level and what it means, for people ("ALERT   - very likely
 * malicious"), in the language of messages. */
const char *cli_human_level_words(enum ob_level level);
void cli_human_start(FILE *out, const struct ob_run_info *info);
void cli_human_finding(const struct ob_human *human, const struct ob_finding *finding);
void cli_human_problem(const struct ob_human *human, const struct ob_scan_problem *problem);
void cli_human_summary(const struct ob_human *human, const struct ob_scan_stats *stats,
                       const struct ob_scan_options *options, const struct ob_wiper_extent *wiper);
/* The summary's line of findings by level (indexed by enum ob_level). */
void cli_human_levels(FILE *out, const uint64_t findings[4]);
void cli_human_mail_result(const struct ob_human *human, const struct ob_mail_result *result);
void cli_human_mail_summary(const struct ob_human *human, const struct ob_mail_stats *stats);
/* The summary's lines on the indicators used: each source with its date,
 * what was left out as expired, and a warning when they are old. */
void cli_human_freshness(const struct ob_human *human, const struct ob_cli_sources *sources);
void cli_human_ioc_import(const struct ob_human *human, const struct ob_ioc_import_report *report,
                          double seconds);
void cli_human_ioc_entry(const struct ob_human *human, const struct ob_ioc_entry *entry);
void cli_human_ioc_removed(const struct ob_human *human, const char *source, uint64_t removed);
void cli_human_ioc_rules_removed(const struct ob_human *human, const char *source,
                                 uint64_t removed);
void cli_human_ioc_rule_file(const struct ob_human *human, const struct ob_ioc_rule_file *file);
void cli_human_ioc_stats_rule_sets(const struct ob_human *human, const struct cli_rule_set *sets,
                                   size_t count);
void cli_human_ioc_bundle(const struct ob_human *human, const char *path,
                          const struct ob_ioc_bundle_info *info);
void cli_human_ioc_extracted(const struct ob_human *human, const char *folder,
                             const struct ob_ioc_bundle_info *info);
void cli_human_ioc_stats_begin(const struct ob_human *human, uint64_t indicators,
                               uint64_t provenances);
void cli_human_ioc_stats_group(const struct ob_human *human, enum ob_ioc_count_by by);
void cli_human_ioc_stats_count(const struct ob_human *human, const struct ob_ioc_count *count);
void cli_human_ioc_source(const struct ob_human *human, const struct ob_ioc_source_info *source);

/* One JSON line: begin starts an object whose first member is "type";
 * end closes it and writes it (or an error line when it outgrew `cap`). */
struct ob_jsonl_line {
    struct ob_buffer buffer;
    struct ob_json json;
};
void cli_jsonl_begin(struct ob_jsonl_line *line, size_t cap, const char *type);
void cli_jsonl_end(FILE *out, struct ob_jsonl_line *line);

/* A time as ISO 8601 in UTC, "2022-01-14T14:02:11Z" ("" when out of range). */
void cli_iso_time(int64_t seconds, char *out, size_t size);
/* Frees a line without writing it. */
void cli_jsonl_drop(struct ob_jsonl_line *line);
void cli_jsonl_start(FILE *out, const struct ob_run_info *info);
/* The "sets" array of a start line: each rule and indicator set with its
 * kind, name, count, files and date (oberig triage writes the same). */
void cli_jsonl_sets(struct ob_json *json, const struct ob_cli_sources *sources);
void cli_jsonl_finding(FILE *out, const struct ob_finding *finding);
void cli_jsonl_problem(FILE *out, const struct ob_scan_problem *problem);
/* `sources` (may be NULL) adds the indicator sources used and their
 * freshness (cli_jsonl_freshness). */
void cli_jsonl_summary(FILE *out, const struct ob_scan_stats *stats,
                       const struct ob_wiper_extent *wiper, const struct ob_cli_sources *sources);
/* "indicator_sources" (each store source and --iocs list with its
 * publisher and dates), "indicators_newest", "indicators_age_days",
 * "indicators_expired" and, when they are old, the warning as "message". */
void cli_jsonl_freshness(struct ob_json *json, const struct ob_cli_sources *sources);
/* "findings" (their total) and "levels" (by level) of a summary line. */
void cli_jsonl_levels(struct ob_json *json, const uint64_t findings[4]);
void cli_jsonl_mail_result(FILE *out, const struct ob_mail_result *result);
void cli_jsonl_mail_summary(FILE *out, const struct ob_mail_stats *stats,
                            const struct ob_cli_sources *sources);
void cli_jsonl_ioc_import(FILE *out, const struct ob_ioc_import_report *report, double seconds);
void cli_jsonl_ioc_entry(FILE *out, const struct ob_ioc_entry *entry);
void cli_jsonl_ioc_bundle(FILE *out, const char *path, const struct ob_ioc_bundle_info *info);
void cli_jsonl_ioc_extracted(FILE *out, const char *folder, const struct ob_ioc_bundle_info *info);
void cli_jsonl_ioc_stats_begin(struct ob_jsonl_line *line, uint64_t indicators,
                               uint64_t provenances);
void cli_jsonl_ioc_stats_group(struct ob_jsonl_line *line, enum ob_ioc_count_by by);
void cli_jsonl_ioc_stats_count(struct ob_jsonl_line *line, const struct ob_ioc_count *count);
void cli_jsonl_ioc_rule_file(FILE *out, const struct ob_ioc_rule_file *file);
void cli_jsonl_ioc_stats_rule_sets(struct ob_jsonl_line *line, const struct cli_rule_set *sets,
                                   size_t count);
/* A source's members (source, publisher, published, imported, version,
 * indicators, expired) into the open object of `json`. */
void cli_jsonl_ioc_source_members(struct ob_json *json, const struct ob_ioc_source_info *source);
void cli_jsonl_ioc_source(FILE *out, const struct ob_ioc_source_info *source);
/* The lines of bootrec, verify-packages and persistence, which oberig
 * triage writes too (each defined with its command). */
void cli_jsonl_bootrec(FILE *out, const char *path, const struct ob_bootrec *bootrec);
void cli_jsonl_package_finding(FILE *out, const struct ob_package_finding *finding);
void cli_jsonl_package_summary(FILE *out, const struct ob_package_stats *stats);
void cli_jsonl_persistence(FILE *out, const struct ob_persistence_entry *entry);
void cli_jsonl_persistence_summary(FILE *out, const char *root, size_t entries,
                                   const uint64_t levels[4], size_t notices);
/* An "error" or a "notice" line: `path` (may be NULL) and `message`. */
void cli_jsonl_note(FILE *out, bool error, const char *path, const char *message);

#endif
