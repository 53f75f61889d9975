/* SPDX-License-Identifier: Apache-2.0 */
/* The report: one model built from the JSON lines of oberig's commands,
 * written as report.json, a self-contained report.html and a text summary. */
#ifndef OBERIG_REPORT_H
#define OBERIG_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "oberig/core.h"
#include "oberig/ioc.h"
#include "oberig/scan.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OB_REPORT_SCHEMA 1             /* "schema" of report.json */
#define OB_REPORT_LINE_MAX (8u << 20)  /* longest JSON line read, bytes */
#define OB_REPORT_LINES_MAX 1000000    /* lines read into one report */
#define OB_REPORT_FINDINGS_MAX 100000  /* findings kept */
#define OB_REPORT_STEPS_MAX 64         /* steps (input streams) */
#define OB_REPORT_PROBLEMS_MAX 2000    /* errors and skipped items kept */
#define OB_REPORT_NOTICES_MAX 1000     /* notices about the input kept */
#define OB_REPORT_TEXT_MAX (64u << 10) /* longest string kept; longer ones are cut */

/* The answer a report opens with, from the highest level among findings. */
enum ob_report_verdict {
    OB_REPORT_CLEAN,       /* "clean": nothing at WARNING or above */
    OB_REPORT_SUSPICIOUS,  /* "suspicious": a WARNING */
    OB_REPORT_COMPROMISED, /* "compromised": an ALERT */
};

/* The code of a verdict, as report.json writes it. Static, never NULL. */
const char *ob_report_verdict_name(enum ob_report_verdict verdict);

struct ob_report;

/* A new, empty report. Notices about the input go into the report (and to
 * ctx's log at DEBUG), never to stdout. `ctx` must outlive the report. The
 * caller frees it with ob_report_free. Not thread-safe: one report, one
 * writer (oberig triage feeds it from its one output thread). */
enum ob_status ob_report_new(struct ob_context *ctx, struct ob_report **out) OB_WARN_UNUSED;
void ob_report_free(struct ob_report *report);

/* Starts a step: the lines added next belong to it. `name` ("scan",
 * "mail", ...) may be NULL: the step is then named after the kind of lines
 * it holds. `source` (the file read, "-" for standard input) may be NULL.
 * Both are copied. Errors: OB_ERR_LIMIT past OB_REPORT_STEPS_MAX steps. */
enum ob_status ob_report_step_begin(struct ob_report *report, const char *name,
                                    const char *source) OB_WARN_UNUSED;

/* Records how long the current step took, in seconds (report.json's
 * `seconds`; `null` when never told). Negative values are ignored. */
void ob_report_step_time(struct ob_report *report, double seconds);

/* Records a step that did not run and why, in words of the language of
 * messages (`reason` is copied). */
enum ob_status ob_report_step_skip(struct ob_report *report, const char *name,
                                   const char *reason) OB_WARN_UNUSED;

/* Adds one JSON line (without or with its newline) of the current step, as
 * `oberig scan|mail|bootrec|baseline verify|verify-packages --format jsonl`
 * write them (docs/json-schema.md); a line may also carry `mtime` and
 * `persistence` (docs/report-schema.md). The line is untrusted: a line
 * that is too long, not JSON, of an unknown type or with fields of the
 * wrong type is left out (or the field ignored) with a notice in the
 * report, and OB_OK is returned. Errors: OB_ERR_NOMEM; OB_ERR_INVALID_ARGUMENT
 * before any ob_report_step_begin. */
enum ob_status ob_report_add_line(struct ob_report *report, const char *line,
                                  size_t length) OB_WARN_UNUSED;

/* Reads a whole stream of JSON lines into the current step, one line at a
 * time (lines longer than OB_REPORT_LINE_MAX are skipped with a notice).
 * Errors: OB_ERR_IO (in ctx) when reading fails, OB_ERR_NOMEM. */
enum ob_status ob_report_add_stream(struct ob_report *report, FILE *in) OB_WARN_UNUSED;

/* Counts of what the report holds. */
struct ob_report_counts {
    size_t steps, findings, alerts, warnings, notices, problems, input_notices, indicators;
};
void ob_report_counts(const struct ob_report *report, struct ob_report_counts *counts);
enum ob_report_verdict ob_report_verdict(const struct ob_report *report);

/* How the report is written. */
struct ob_report_write_options {
    bool redact;     /* user names, home paths and e-mail addresses replaced */
    int64_t created; /* Unix seconds written as the report's time */
};

/* Writes report.json (schema OB_REPORT_SCHEMA, docs/report-schema.md),
 * report.html (one self-contained page in the language of messages, every
 * string escaped) or the short text summary (safe for a terminal) to `out`,
 * a caller-owned stream. Errors: OB_ERR_IO, OB_ERR_NOMEM, OB_ERR_LIMIT (in
 * ctx). */
enum ob_status ob_report_write_json(struct ob_report *report,
                                    const struct ob_report_write_options *options,
                                    FILE *out) OB_WARN_UNUSED;
enum ob_status ob_report_write_html(struct ob_report *report,
                                    const struct ob_report_write_options *options,
                                    FILE *out) OB_WARN_UNUSED;
enum ob_status ob_report_write_text(struct ob_report *report,
                                    const struct ob_report_write_options *options,
                                    FILE *out) OB_WARN_UNUSED;

/* Reads the "indicators" of a report.json (`length` bytes of `text`, at
 * most 256 MiB) and writes them with ob_ioc_export_entries as a MISP event
 * or a STIX 2.1 bundle marked `tlp` ("clear", "white", "green", "amber",
 * "amber+strict", "red"). Only the indicator kinds of the export are
 * taken (hashes, file names, persistence targets, e-mail addresses,
 * domains, URLs, IPs); values that do not normalise are left out.
 * Errors: OB_ERR_PARSE (not a report of a known schema), OB_ERR_IO. */
enum ob_status ob_report_export(struct ob_context *ctx, const char *text, size_t length,
                                enum ob_ioc_export_format format, const char *tlp,
                                FILE *out) OB_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
