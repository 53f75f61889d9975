/* SPDX-License-Identifier: Apache-2.0 */
/* The report's short text summary for the terminal: the answer, the counts
 * and the first findings, every text from outside made terminal-safe. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "report/report_internal.h"

#define TEXT_FINDINGS_SHOWN 10

struct text_writer {
    struct ob_buffer out, scratch;
    const struct report_redactor *redactor;
    enum ob_status status;
};

/* A formatted line (translated format, values from outside), redacted and
 * made safe for a terminal as a whole. */
static void line(struct text_writer *w, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
static void line(struct text_writer *w, const char *format, ...)
{
    char text[2048];
    va_list args;
    va_start(args, format);
    vsnprintf(text, sizeof(text), format, args);
    va_end(args);
    const char *redacted = report_redact(w->redactor, &w->scratch, text);
    if (w->status == OB_OK)
        w->status = core_text_append_terminal_safe(&w->out, redacted, strlen(redacted));
    if (w->status == OB_OK)
        w->status = core_buffer_append(&w->out, "\n", 1);
}

enum ob_status ob_report_write_text(struct ob_report *report,
                                    const struct ob_report_write_options *options, FILE *out)
{
    struct text_writer w = {0};
    core_buffer_init(&w.out, 1 << 24);
    core_buffer_init(&w.scratch, OB_REPORT_TEXT_MAX * 8);
    struct report_redactor *redactor = NULL;
    enum ob_status status = report_redactor_new(report, options->redact, &redactor);
    if (status != OB_OK)
        goto out;
    w.redactor = redactor;
    enum ob_report_verdict verdict = ob_report_verdict(report);
    struct ob_report_counts counts;
    ob_report_counts(report, &counts);
    line(&w, "%s", report_verdict_words(verdict));
    line(&w,
         P_("  %zu finding (ALERT %zu, WARNING %zu, NOTICE %zu)",
            "  %zu findings (ALERT %zu, WARNING %zu, NOTICE %zu)", counts.findings),
         counts.findings, counts.alerts, counts.warnings, counts.notices);
    for (size_t i = 0; i < report->step_count; i++) {
        const struct report_step *step = &report->steps[i];
        if (step->skipped != NULL)
            /* TRANSLATORS: a step's name, then why it did not run. */
            line(&w, _("  %s: not run (%s)"), step->name, step->skipped);
        else
            /* TRANSLATORS: a step's name, what it checks, its findings. */
            line(&w, P_("  %s (%s): %zu finding", "  %s (%s): %zu findings", step->findings),
                 step->name, report_step_words(step->kind), step->findings);
    }
    for (size_t i = 0; i < report->set_count; i++) {
        const struct report_set *set = &report->sets[i];
        unsigned long long count = set->count > 0 ? (unsigned long long)set->count : 0;
        const char *kind = report_set_words(set->kind);
        if (set->name[0] != '\0' && set->date[0] != '\0')
            /* TRANSLATORS: what the set is (YARA rules, ...), its name, how
             * many rules or indicators it held, its date (YYYY-MM-DD). */
            line(&w,
                 P_("  %s '%s': %llu entry, dated %s", "  %s '%s': %llu entries, dated %s", count),
                 kind, set->name, count, set->date);
        else if (set->name[0] != '\0')
            line(&w,
                 P_("  %s '%s': %llu entry, date not given",
                    "  %s '%s': %llu entries, date not given", count),
                 kind, set->name, count);
        else if (set->date[0] != '\0')
            line(&w, P_("  %s: %llu entry, dated %s", "  %s: %llu entries, dated %s", count), kind,
                 count, set->date);
        else
            line(&w,
                 P_("  %s: %llu entry, date not given", "  %s: %llu entries, date not given",
                    count),
                 kind, count);
    }
    char newest[11], warning[512];
    int64_t days = 0;
    if (report_indicators_age(report, options->created, newest, &days)) {
        report_freshness_words(days, warning, sizeof(warning));
        if (warning[0] != '\0')
            line(&w, "  %s %s", _("warning:"), warning);
    }
    if (report->entry_count + report->entries_dropped > 0) {
        size_t total = report->entry_count + report->entries_dropped, flagged = 0;
        for (size_t i = 0; i < report->entry_count; i++)
            flagged += report->entries[i].reason_count > 0;
        line(&w,
             P_("  %zu program set to start by itself; flagged: %zu",
                "  %zu programs set to start by themselves; flagged: %zu", total),
             total, flagged);
    }
    size_t shown = 0;
    for (int level = OB_LEVEL_ALERT; level >= OB_LEVEL_NOTICE; level--)
        for (size_t i = 0; i < report->finding_count && shown < TEXT_FINDINGS_SHOWN; i++) {
            const struct report_finding *f = &report->findings[i];
            if ((int)f->level != level)
                continue;
            line(&w, "  %-8s %s", report_level_words(f->level), report_what_words(f));
            line(&w, "           %s", f->path);
            shown++;
        }
    if (report->finding_count > shown)
        line(&w,
             P_("  and %zu more in the report", "  and %zu more in the report",
                report->finding_count - shown),
             report->finding_count - shown);
    if (counts.input_notices > 0)
        line(&w,
             P_("  %zu note on the input is in the report",
                "  %zu notes on the input are in the report", counts.input_notices),
             counts.input_notices);
    status = w.status;
    if (status == OB_OK &&
        (fwrite(w.out.data, 1, w.out.length, out) != w.out.length || fflush(out) != 0))
        status = ob_context_fail(report->ctx, OB_ERR_IO, _("writing the report failed"));
out:
    report_redactor_free(redactor);
    core_buffer_release(&w.scratch);
    core_buffer_release(&w.out);
    return status;
}
