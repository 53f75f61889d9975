/* SPDX-License-Identifier: Apache-2.0 */
/* report.html: one self-contained page (inline CSS, no script, nothing
 * fetched) that opens with the answer, for the person and their helpline. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "oberig/version.h"
#include "report/report_internal.h"

#define HTML_OUTPUT_MAX ((size_t)1 << 30)

static const char style[] =
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;"
    "color:#111;line-height:1.45}"
    "h1{font-size:1.8rem;padding:.8rem 1rem;border-radius:.4rem}"
    ".verdict-compromised{background:#fde2e1;border:3px solid #b00020}"
    ".verdict-suspicious{background:#fff4d6;border:3px solid #a86b00}"
    ".verdict-clean{background:#e3f4e6;border:3px solid #1f7a33}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0}"
    "th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}"
    ".finding{border:1px solid #999;border-left:8px solid #999;padding:.5rem 1rem;"
    "margin:1rem 0;break-inside:avoid}"
    ".level-alert{border-left-color:#b00020}.level-warning{border-left-color:#a86b00}"
    ".level-notice{border-left-color:#3366aa}"
    ".label{font-weight:bold;letter-spacing:.05em}"
    "code,.evidence dd{font-family:ui-monospace,monospace;overflow-wrap:anywhere}"
    ".evidence dt{font-weight:bold;margin-top:.3rem}.evidence dd{margin-left:1rem}"
    ".advice{background:#f3f3f3;padding:.5rem 1rem;border-radius:.3rem}"
    "footer{margin-top:2rem;color:#555;font-size:.9rem}"
    "@media print{body{max-width:none;margin:0;font-size:11pt}"
    "h1,.finding{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "h2{break-after:avoid}a{color:inherit;text-decoration:none}}";

struct html {
    struct ob_buffer out;
    struct ob_buffer scratch; /* redaction */
    const struct report_redactor *redactor;
    enum ob_status status;
};

static void raw(struct html *h, const char *text)
{
    if (h->status == OB_OK)
        h->status = core_buffer_append_str(&h->out, text);
}

/* Escaped text that is not the person's (codes, hashes, our sentences). */
static void text(struct html *h, const char *value)
{
    if (h->status == OB_OK)
        h->status = report_html_escape(&h->out, value);
}

/* Escaped text that may hold the person's data: redacted when asked. */
static void personal(struct html *h, const char *value)
{
    text(h, report_redact(h->redactor, &h->scratch, value));
}

/* A formatted sentence (translated format, values from the input),
 * redacted and escaped as a whole. */
static void sentence(struct html *h, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void sentence(struct html *h, const char *format, ...)
{
    char line[4096];
    va_list args;
    va_start(args, format);
    vsnprintf(line, sizeof(line), format, args);
    va_end(args);
    personal(h, line);
}

static void element(struct html *h, const char *tag, const char *value)
{
    raw(h, "<");
    raw(h, tag);
    raw(h, ">");
    text(h, value);
    raw(h, "</");
    raw(h, tag);
    raw(h, ">\n");
}

enum ob_status report_html_escape(struct ob_buffer *out, const char *value)
{
    enum ob_status status = OB_OK;
    const unsigned char *s = (const unsigned char *)value;
    size_t length = strlen(value);
    for (size_t i = 0; i < length && status == OB_OK;) {
        uint32_t code_point = 0;
        size_t used = core_utf8_decode(s + i, length - i, &code_point);
        if (used == 0) {
            status = core_buffer_append_str(out, "\xef\xbf\xbd");
            i++;
            continue;
        }
        switch (code_point) {
        case '&': status = core_buffer_append_str(out, "&amp;"); break;
        case '<': status = core_buffer_append_str(out, "&lt;"); break;
        case '>': status = core_buffer_append_str(out, "&gt;"); break;
        case '"': status = core_buffer_append_str(out, "&quot;"); break;
        case '\'': status = core_buffer_append_str(out, "&#39;"); break;
        case '\n':
        case '\t': status = core_buffer_append(out, s + i, used); break;
        default:
            if (core_text_is_bidi_control(code_point))
                status = core_buffer_printf(out, "[U+%04X]", (unsigned)code_point);
            else if (core_text_is_dangerous(code_point) || code_point == 0xfeff)
                status = core_buffer_append_str(out, "\xef\xbf\xbd");
            else
                status = core_buffer_append(out, s + i, used);
        }
        i += used;
    }
    return status;
}

static void head(struct html *h, enum ob_report_verdict verdict)
{
    raw(h, "<!DOCTYPE html>\n<html lang=\"");
    text(h, C_("language code", "en"));
    raw(h, "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    text(h, _("oberig report"));
    raw(h, ": ");
    text(h, report_verdict_words(verdict));
    raw(h, "</title>\n<style>");
    raw(h, style);
    raw(h, "</style>\n</head>\n<body>\n");
}

static void answer(struct html *h, const struct ob_report *report,
                   const struct ob_report_write_options *options)
{
    enum ob_report_verdict verdict = ob_report_verdict(report);
    struct ob_report_counts counts;
    ob_report_counts(report, &counts);
    raw(h, "<h1 id=\"verdict\" class=\"verdict-");
    raw(h, ob_report_verdict_name(verdict));
    raw(h, "\">");
    text(h, report_verdict_words(verdict));
    raw(h, "</h1>\n<p>");
    sentence(h,
             P_("%zu finding (ALERT %zu, WARNING %zu, NOTICE %zu).",
                "%zu findings (ALERT %zu, WARNING %zu, NOTICE %zu).", counts.findings),
             counts.findings, counts.alerts, counts.warnings, counts.notices);
    raw(h, " ");
    char created[32];
    report_format_time(options->created, false, created, sizeof(created));
    sentence(h, _("Report made on %s by oberig %s."), created, OB_VERSION_STRING);
    if (options->redact) {
        raw(h, " ");
        text(h, _("User names, home folders and e-mail addresses were removed from this copy."));
    }
    raw(h, "</p>\n");
    if (verdict == OB_REPORT_CLEAN) {
        raw(h, "<p>");
        text(h, _("No known signs is not a guarantee: it means that none of the rules and "
                  "indicators below matched. Check how recent they are."));
        raw(h, "</p>\n");
    }
}

static void advice(struct html *h, enum ob_report_verdict verdict)
{
    raw(h, "<section class=\"advice\" id=\"advice\">\n");
    element(h, "h2", _("What to do now"));
    raw(h, "<ul>\n");
    if (verdict == OB_REPORT_COMPROMISED) {
        element(h, "li",
                _("Disconnect this device from the network (Wi-Fi and cable) while an "
                  "alert is open, but do not switch it off."));
    }
    element(h, "li",
            _("Do not wipe, reset or reinstall the device before your helpline has "
              "seen this report: the evidence would be lost."));
    element(h, "li",
            _("Send this report to your helpline (for example the Digital First Aid "
              "Kit's list of helplines, or Access Now's helpline)."));
    if (verdict != OB_REPORT_CLEAN) {
        element(h, "li",
                _("Change the passwords of your important accounts from another, "
                  "clean device, starting with your e-mail."));
    }
    element(h, "li", _("Turn on two-factor authentication for your e-mail and messengers."));
    raw(h, "</ul>\n</section>\n");
}

static void steps(struct html *h, const struct ob_report *report)
{
    raw(h, "<section id=\"checked\">\n");
    element(h, "h2", _("What was checked"));
    raw(h, "<table>\n<tr>");
    element(h, "th", _("Step"));
    element(h, "th", _("What"));
    element(h, "th", _("Input"));
    element(h, "th", _("Findings"));
    element(h, "th", _("Could not be checked"));
    raw(h, "</tr>\n");
    for (size_t i = 0; i < report->step_count; i++) {
        const struct report_step *step = &report->steps[i];
        if (step->skipped != NULL)
            continue;
        char number[32];
        raw(h, "<tr><td><code>");
        text(h, step->name);
        raw(h, "</code></td><td>");
        text(h, report_step_words(step->kind));
        raw(h, "</td><td><code>");
        personal(h, step->source);
        raw(h, "</code></td><td>");
        snprintf(number, sizeof(number), "%zu", step->findings);
        text(h, number);
        raw(h, "</td><td>");
        snprintf(number, sizeof(number), "%zu", step->errors);
        text(h, number);
        raw(h, "</td></tr>\n");
    }
    raw(h, "</table>\n</section>\n");
}

static void skipped(struct html *h, const struct ob_report *report)
{
    raw(h, "<section id=\"skipped\">\n");
    element(h, "h2", _("What was skipped and why"));
    raw(h, "<ul>\n");
    size_t lines = 0;
    for (size_t i = 0; i < report->step_count; i++) {
        const struct report_step *step = &report->steps[i];
        char words[512];
        if (step->skipped != NULL) {
            raw(h, "<li>");
            /* TRANSLATORS: a step's name, then why it did not run. */
            sentence(h, _("%s: not run (%s)"), step->name, step->skipped);
            raw(h, "</li>\n");
            lines++;
        }
        for (size_t k = 0; k < step->summary_count; k++)
            if (step->summary[k].value > 0 &&
                report_skipped_words(step->summary[k].key, step->summary[k].value, words,
                                     sizeof(words))) {
                raw(h, "<li>");
                sentence(h, "%s: %s", step->name, words);
                raw(h, "</li>\n");
                lines++;
            }
        if (step->ignored > 0) {
            raw(h, "<li>");
            sentence(h,
                     P_("%s: %zu input line was not understood and was left out",
                        "%s: %zu input lines were not understood and were left out", step->ignored),
                     step->name, step->ignored);
            raw(h, "</li>\n");
            lines++;
        }
    }
    for (size_t i = 0; i < report->problem_count; i++) {
        const struct report_problem *p = &report->problems[i];
        raw(h, "<li><code>");
        personal(h, p->path);
        raw(h, "</code>: ");
        personal(h, p->message);
        raw(h, "</li>\n");
        lines++;
    }
    if (report->problems_dropped > 0) {
        raw(h, "<li>");
        sentence(h, P_("and %zu more", "and %zu more", report->problems_dropped),
                 report->problems_dropped);
        raw(h, "</li>\n");
    }
    if (lines == 0)
        element(h, "li", _("Nothing was skipped."));
    raw(h, "</ul>\n</section>\n");
}

static void sets(struct html *h, const struct ob_report *report)
{
    raw(h, "<section id=\"sets\">\n");
    element(h, "h2", _("Rules and indicators used"));
    if (report->set_count == 0) {
        element(h, "p", _("The input does not say which rules or indicators were used."));
        raw(h, "</section>\n");
        return;
    }
    raw(h, "<table>\n<tr>");
    element(h, "th", _("Set"));
    element(h, "th", _("Name"));
    element(h, "th", _("Count"));
    element(h, "th", _("Date"));
    raw(h, "</tr>\n");
    for (size_t i = 0; i < report->set_count; i++) {
        const struct report_set *set = &report->sets[i];
        char number[32];
        snprintf(number, sizeof(number), "%lld", (long long)set->count);
        raw(h, "<tr><td>");
        text(h, report_set_words(set->kind));
        raw(h, "</td><td>");
        personal(h, set->name);
        raw(h, "</td><td>");
        text(h, number);
        raw(h, "</td><td>");
        text(h, set->date[0] != '\0' ? set->date : _("not given"));
        raw(h, "</td></tr>\n");
    }
    raw(h, "</table>\n</section>\n");
}

static void evidence_item(struct html *h, const char *term, const char *value, bool is_personal)
{
    if (value == NULL || value[0] == '\0')
        return;
    element(h, "dt", term);
    raw(h, "<dd>");
    if (is_personal)
        personal(h, value);
    else
        text(h, value);
    raw(h, "</dd>\n");
}

static void finding(struct html *h, const struct ob_report *report, size_t index)
{
    const struct report_finding *f = &report->findings[index];
    char id[64], time_text[32];
    snprintf(id, sizeof(id), "finding-%zu", index + 1);
    raw(h, "<section class=\"finding level-");
    raw(h, ob_level_name(f->level));
    raw(h, "\" id=\"");
    raw(h, id);
    raw(h, "\">\n<h3><span class=\"label\">");
    text(h, report_level_words(f->level));
    raw(h, "</span> ");
    text(h, report_what_words(f));
    raw(h, "</h3>\n<p>");
    text(h, report_why_words(f));
    raw(h, "</p>\n<dl class=\"evidence\">\n");
    evidence_item(h, f->kind == REPORT_KIND_MAIL ? _("Message") : _("Path"), f->path, true);
    evidence_item(h, _("Inside the archive"), f->member, true);
    evidence_item(h, _("From"), f->from, true);
    evidence_item(h, _("Subject"), f->subject, true);
    evidence_item(h, _("Starts from"), f->persistence, true);
    evidence_item(h, _("File type"), f->filetype, false);
    evidence_item(h, "SHA-256", f->sha256, false);
    evidence_item(h, "SHA-1", f->sha1, false);
    evidence_item(h, "MD5", f->md5, false);
    evidence_item(h, _("Package"), f->package, false);
    if (f->has_time) {
        report_format_time(f->time, false, time_text, sizeof(time_text));
        evidence_item(h, _("File time"), time_text, false);
    }
    for (size_t i = 0; i < f->reason_count; i++) {
        const struct report_reason *r = &f->reasons[i];
        element(h, "dt", _("Why it was flagged"));
        raw(h, "<dd><code>");
        text(h, r->signal);
        if (r->name[0] != '\0') {
            raw(h, " ");
            text(h, r->name);
        }
        raw(h, "</code>");
        if (r->source[0] != '\0') {
            raw(h, " &middot; ");
            sentence(h, _("source: %s"), r->source);
        }
        if (r->campaign[0] != '\0') {
            raw(h, " &middot; ");
            /* TRANSLATORS: the malware or campaign an indicator belongs to. */
            sentence(h, _("campaign: %s"), r->campaign);
        }
        if (r->text[0] != '\0') {
            raw(h, "<br>");
            personal(h, r->text);
        }
        if (r->evidence[0] != '\0') {
            raw(h, "<br><code>");
            personal(h, r->evidence);
            raw(h, "</code>");
        }
        raw(h, "</dd>\n");
    }
    for (size_t i = 0; i < f->item_count; i++) {
        const struct report_item *item = &f->items[i];
        raw(h, "<dt>");
        text(h, _("Indicator"));
        raw(h, "</dt><dd><code>");
        text(h, item->kind);
        raw(h, " ");
        personal(h, item->value);
        if (item->sha256[0] != '\0') {
            raw(h, " SHA-256 ");
            text(h, item->sha256);
        }
        raw(h, "</code></dd>\n");
    }
    raw(h, "</dl>\n<p><strong>");
    text(h, _("What to do now:"));
    raw(h, "</strong> ");
    /* mail's own advice fits the message better than the general one */
    if (f->advice[0] != '\0')
        personal(h, f->advice);
    else
        text(h, report_todo_words(f));
    raw(h, "</p>\n</section>\n");
}

static void findings(struct html *h, const struct ob_report *report)
{
    raw(h, "<section id=\"findings\">\n");
    element(h, "h2", _("Findings"));
    if (report->finding_count == 0)
        element(h, "p", _("Nothing was found."));
    for (int level = OB_LEVEL_ALERT; level >= OB_LEVEL_NOTICE; level--)
        for (size_t i = 0; i < report->finding_count; i++)
            if ((int)report->findings[i].level == level)
                finding(h, report, i);
    raw(h, "</section>\n");
}

static void timeline(struct html *h, const struct ob_report *report)
{
    size_t count = 0;
    size_t *order = report_timeline(report, &count);
    if (order == NULL) {
        h->status = OB_ERR_NOMEM;
        return;
    }
    raw(h, "<section id=\"timeline\">\n");
    element(h, "h2", _("Timeline"));
    if (count == 0) {
        element(h, "p", _("The input gives no file times for the findings."));
    } else {
        raw(h, "<table>\n<tr>");
        element(h, "th", _("Time"));
        element(h, "th", _("Level"));
        element(h, "th", _("What"));
        raw(h, "</tr>\n");
        for (size_t i = 0; i < count; i++) {
            const struct report_finding *f = &report->findings[order[i]];
            char time_text[32], link[64];
            report_format_time(f->time, false, time_text, sizeof(time_text));
            snprintf(link, sizeof(link), "<a href=\"#finding-%zu\">", order[i] + 1);
            raw(h, "<tr><td>");
            text(h, time_text);
            raw(h, "</td><td>");
            text(h, report_level_words(f->level));
            raw(h, "</td><td>");
            raw(h, link);
            personal(h, f->path);
            raw(h, "</a></td></tr>\n");
        }
        raw(h, "</table>\n");
    }
    raw(h, "</section>\n");
    free(order);
}

static void notices(struct html *h, const struct ob_report *report)
{
    if (report->notice_count == 0)
        return;
    raw(h, "<section id=\"notices\">\n");
    element(h, "h2", _("Notes on the input"));
    raw(h, "<ul>\n");
    for (size_t i = 0; i < report->notice_count; i++) {
        raw(h, "<li>");
        personal(h, report->notices[i]);
        raw(h, "</li>\n");
    }
    raw(h, "</ul>\n</section>\n");
}

enum ob_status ob_report_write_html(struct ob_report *report,
                                    const struct ob_report_write_options *options, FILE *out)
{
    struct html h = {0};
    core_buffer_init(&h.out, HTML_OUTPUT_MAX);
    core_buffer_init(&h.scratch, OB_REPORT_TEXT_MAX * 8);
    struct report_redactor *redactor = NULL;
    enum ob_status status = report_redactor_new(report, options->redact, &redactor);
    if (status != OB_OK)
        goto out;
    h.redactor = redactor;
    enum ob_report_verdict verdict = ob_report_verdict(report);
    head(&h, verdict);
    answer(&h, report, options);
    advice(&h, verdict);
    steps(&h, report);
    skipped(&h, report);
    sets(&h, report);
    findings(&h, report);
    timeline(&h, report);
    notices(&h, report);
    raw(&h, "<footer>");
    sentence(&h, _("Made by oberig %s, offline. The same report as data: report.json (schema %d)."),
             OB_VERSION_STRING, OB_REPORT_SCHEMA);
    raw(&h, "</footer>\n</body>\n</html>\n");
    status = h.status;
    if (status != OB_OK) {
        status = ob_context_fail(report->ctx, status, _("the report could not be written: %s"),
                                 ob_strerror(status));
        goto out;
    }
    if (fwrite(h.out.data, 1, h.out.length, out) != h.out.length || fflush(out) != 0)
        status = ob_context_fail(report->ctx, OB_ERR_IO, _("writing the report failed"));
out:
    report_redactor_free(redactor);
    core_buffer_release(&h.scratch);
    core_buffer_release(&h.out);
    return status;
}
