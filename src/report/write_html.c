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
    "details{margin:.5rem 0}summary{cursor:pointer}"
    "footer{margin-top:2rem;color:#555;font-size:.9rem}"
    "@media print{body{max-width:none;margin:0;font-size:11pt}"
    "h1,.finding{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "h2{break-after:avoid}a{color:inherit;text-decoration:none}}";

struct html {
    struct ob_buffer out;
    struct ob_buffer scratch; /* redaction */
    const struct report_redactor *redactor;
    struct report_links links;
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

static void sets(struct html *h, const struct ob_report *report, int64_t created)
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
    raw(h, "</table>\n");
    char newest[11], warning[512];
    int64_t days = 0;
    warning[0] = '\0';
    if (report_indicators_age(report, created, newest, &days))
        report_freshness_words(days, warning, sizeof(warning));
    if (warning[0] != '\0') {
        raw(h, "<p class=\"label\">");
        text(h, _("warning:"));
        raw(h, " ");
        text(h, warning);
        raw(h, "</p>\n");
    }
    raw(h, "</section>\n");
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
    evidence_item(h, _("Starts from"), report_finding_persistence(report, &h->links, f), true);
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

/* Links to the findings about entry `index` ("#3 #7"), or "-". */
static void entry_links(struct html *h, const struct ob_report *report, size_t index)
{
    const struct report_entry *e = &report->entries[index];
    size_t first = 0, count = report_entry_findings(report, &h->links, index, &first);
    char link[96];
    if (e->finding == 0 && count == 0)
        raw(h, "-");
    if (e->finding > 0) {
        snprintf(link, sizeof(link), "<a href=\"#finding-%zu\">#%zu</a> ", e->finding, e->finding);
        raw(h, link);
    }
    for (size_t i = 0; i < count; i++) {
        size_t id = h->links.files[first + i] + 1;
        snprintf(link, sizeof(link), "<a href=\"#finding-%zu\">#%zu</a> ", id, id);
        raw(h, link);
    }
}

static void entry_row(struct html *h, const struct ob_report *report, size_t index)
{
    const struct report_entry *e = &report->entries[index];
    char id[64];
    snprintf(id, sizeof(id), "<tr id=\"persistence-%zu\"><td>", index + 1);
    raw(h, id);
    personal(h, e->trigger);
    raw(h, "</td><td><code>");
    personal(h, e->program[0] != '\0' ? e->program : e->command);
    raw(h, "</code>");
    if (e->program[0] != '\0' && !e->program_exists) {
        raw(h, "<br>");
        text(h, _("The program is not there."));
    }
    raw(h, "</td><td><code>");
    personal(h, e->file);
    if (e->key[0] != '\0') {
        raw(h, "<br>");
        personal(h, e->key);
        raw(h, "\\");
        personal(h, e->value);
    }
    raw(h, "</code></td><td>");
    text(h, report_level_words(e->level));
    for (size_t i = 0; i < e->reason_count; i++) {
        raw(h, "<br><code>");
        text(h, e->reasons[i].signal);
        raw(h, "</code>");
    }
    raw(h, "</td><td>");
    entry_links(h, report, index);
    raw(h, "</td></tr>\n");
}

static void entry_table_head(struct html *h)
{
    raw(h, "<table>\n<tr>");
    element(h, "th", _("What starts it"));
    element(h, "th", _("Program"));
    element(h, "th", _("Where it is kept"));
    element(h, "th", _("Level"));
    element(h, "th", _("Findings"));
    raw(h, "</tr>\n");
}

/* Whether an entry is shown first: it has signals or findings about it. */
static bool entry_stands_out(const struct html *h, const struct ob_report *report, size_t index)
{
    size_t first = 0;
    return report->entries[index].reason_count > 0 || report->entries[index].finding > 0 ||
           report_entry_findings(report, &h->links, index, &first) > 0;
}

static const char *const when_codes[] = {"boot",     "logon", "schedule",
                                         "programs", "shell", "remote-login"};
#define WHEN_CODES (sizeof(when_codes) / sizeof(when_codes[0]))

/* Whether `code` is in the group `when` (NULL: the group of unknown codes). */
static bool in_group(const char *code, const char *when)
{
    if (when != NULL)
        return strcmp(code, when) == 0;
    for (size_t k = 0; k < WHEN_CODES; k++)
        if (strcmp(code, when_codes[k]) == 0)
            return false;
    return true;
}

/* The entries of one `when` code (NULL: those of no known code). */
static void entry_group(struct html *h, const struct ob_report *report, const char *when)
{
    size_t shown = 0, rest = 0;
    for (size_t i = 0; i < report->entry_count; i++) {
        if (!in_group(report->entries[i].when, when))
            continue;
        if (entry_stands_out(h, report, i)) {
            if (shown++ == 0) {
                element(h, "h3", report_when_words(when != NULL ? when : ""));
                entry_table_head(h);
            }
            entry_row(h, report, i);
        } else {
            rest++;
        }
    }
    if (shown > 0)
        raw(h, "</table>\n");
    if (rest == 0)
        return;
    if (shown == 0)
        element(h, "h3", report_when_words(when != NULL ? when : ""));
    raw(h, "<details><summary>");
    sentence(h,
             P_("%zu more entry, with nothing flagged", "%zu more entries, with nothing flagged",
                rest),
             rest);
    raw(h, "</summary>\n");
    entry_table_head(h);
    for (size_t i = 0; i < report->entry_count; i++)
        if (in_group(report->entries[i].when, when) && !entry_stands_out(h, report, i))
            entry_row(h, report, i);
    raw(h, "</table>\n</details>\n");
}

static void persistence(struct html *h, const struct ob_report *report)
{
    if (report->entry_count == 0 && report->entries_dropped == 0)
        return;
    raw(h, "<section id=\"persistence\">\n");
    element(h, "h2", _("What starts by itself"));
    size_t flagged = 0;
    for (size_t i = 0; i < report->entry_count; i++)
        flagged += report->entries[i].reason_count > 0;
    size_t total = report->entry_count + report->entries_dropped;
    raw(h, "<p>");
    sentence(h,
             P_("%zu program is set to start by itself; flagged: %zu.",
                "%zu programs are set to start by themselves; flagged: %zu.", total),
             total, flagged);
    raw(h, "</p>\n");
    for (size_t i = 0; i < WHEN_CODES; i++)
        entry_group(h, report, when_codes[i]);
    entry_group(h, report, NULL);
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
            bool is_finding = order[i] < report->finding_count;
            const struct report_finding *f = is_finding ? &report->findings[order[i]] : NULL;
            size_t entry = order[i] - report->finding_count;
            const struct report_entry *e = is_finding ? NULL : &report->entries[entry];
            char time_text[32], link[64];
            report_format_time(is_finding ? f->time : e->time, false, time_text, sizeof(time_text));
            if (is_finding)
                snprintf(link, sizeof(link), "<a href=\"#finding-%zu\">", order[i] + 1);
            else
                snprintf(link, sizeof(link), "<a href=\"#persistence-%zu\">", entry + 1);
            raw(h, "<tr><td>");
            text(h, time_text);
            raw(h, "</td><td>");
            text(h, report_level_words(is_finding ? f->level : e->level));
            raw(h, "</td><td>");
            raw(h, link);
            personal(h, is_finding ? f->path : e->trigger);
            raw(h, "</a>");
            if (!is_finding) {
                raw(h, "<br><code>");
                personal(h, e->program[0] != '\0' ? e->program : e->file);
                raw(h, "</code>");
            }
            raw(h, "</td></tr>\n");
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
    status = report_links_new(report, &h.links);
    if (status != OB_OK)
        goto out;
    enum ob_report_verdict verdict = ob_report_verdict(report);
    head(&h, verdict);
    answer(&h, report, options);
    advice(&h, verdict);
    steps(&h, report);
    skipped(&h, report);
    sets(&h, report, options->created);
    findings(&h, report);
    persistence(&h, report);
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
    report_links_release(&h.links);
    report_redactor_free(redactor);
    core_buffer_release(&h.scratch);
    core_buffer_release(&h.out);
    return status;
}
