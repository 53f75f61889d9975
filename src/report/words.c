/* SPDX-License-Identifier: Apache-2.0 */
/* The report's sentences for people, in the language of messages: the
 * answer, what each finding is, why it matters and what to do now. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "report/report_internal.h"

const char *report_verdict_words(enum ob_report_verdict verdict)
{
    switch (verdict) {
    case OB_REPORT_COMPROMISED: return _("Signs of compromise found");
    case OB_REPORT_SUSPICIOUS: return _("Suspicious items found");
    default: return _("No known signs found");
    }
}

const char *report_level_words(enum ob_level level)
{
    switch (level) {
    case OB_LEVEL_ALERT: return _("ALERT");
    case OB_LEVEL_WARNING: return _("WARNING");
    case OB_LEVEL_NOTICE: return _("NOTICE");
    default: return _("NONE");
    }
}

static bool has_signal_prefix(const struct report_finding *finding, const char *prefix)
{
    for (size_t i = 0; i < finding->reason_count; i++)
        if (strncmp(finding->reasons[i].signal, prefix, strlen(prefix)) == 0)
            return true;
    return false;
}

static bool is_known_malware(const struct report_finding *finding)
{
    return has_signal_prefix(finding, "yara") || has_signal_prefix(finding, "hash") ||
           has_signal_prefix(finding, "filename");
}

static bool is_disguised(const struct report_finding *finding)
{
    return has_signal_prefix(finding, "type-mismatch") ||
           has_signal_prefix(finding, "double-extension") || has_signal_prefix(finding, "rtlo");
}

/* A browser history's visits to an indicator (oberig scan, triage). */
static bool is_visit(const struct report_finding *finding)
{
    return has_signal_prefix(finding, "browser-history");
}

/* A running process's program (oberig scan --processes). */
static bool is_process(const struct report_finding *finding)
{
    return has_signal_prefix(finding, "process-");
}

const char *report_what_words(const struct report_finding *finding)
{
    switch (finding->kind) {
    case REPORT_KIND_FILE:
        if (is_visit(finding))
            return _("A browser history with visits to a site used in attacks");
        if (is_known_malware(finding))
            return _("A file that matches a known malware rule or indicator");
        if (is_disguised(finding))
            return _("A file disguised as something it is not");
        if (is_process(finding))
            return _("A running program that needs a closer look");
        return _("A file damaged or changed in a way that wipers and ransomware leave");
    case REPORT_KIND_MAIL:
        return strcmp(finding->verdict, "phishing") == 0
                   ? _("An e-mail message that looks like phishing")
                   : _("An e-mail message with suspicious signs");
    case REPORT_KIND_BOOT: return _("The disk's boot record is not what it should be");
    case REPORT_KIND_PACKAGE: return _("A system file differs from what its package installed");
    case REPORT_KIND_CHANGE: return _("A file changed since the baseline was recorded");
    case REPORT_KIND_DEVICE_CHANGE:
        return _("The disk's boot sectors changed since the baseline was recorded");
    case REPORT_KIND_PERSISTENCE:
        return _("A program set to start by itself, in a way that needs a closer look");
    default: return _("A finding");
    }
}

const char *report_why_words(const struct report_finding *finding)
{
    switch (finding->kind) {
    case REPORT_KIND_FILE:
        if (is_visit(finding))
            return _("Attackers send links to such sites to install spyware or to steal "
                     "passwords. The times of the visits tell when this device may have been "
                     "exposed.");
        if (is_known_malware(finding))
            return _("Files like this are used to spy on people, steal their accounts or "
                     "damage their data. If it was ever opened, the device may be under "
                     "someone else's control.");
        if (is_disguised(finding))
            return _("A program dressed up as a document or picture is a common way to trick "
                     "people into running malware.");
        if (is_process(finding))
            return _("Malware runs from temporary or download folders, or deletes its own "
                     "file once started, to be harder to find.");
        return _("Wipers and ransomware destroy or lock files; finding their traces early "
                 "can save the rest.");
    case REPORT_KIND_MAIL:
        return _("Phishing messages try to steal passwords or to make you open malware. "
                 "Targeted messages like this often come before an attack on your accounts.");
    case REPORT_KIND_BOOT:
    case REPORT_KIND_DEVICE_CHANGE:
        return _("Malware that overwrites the boot record can stop the computer from starting "
                 "or hide itself before the system loads.");
    case REPORT_KIND_PACKAGE:
        return _("Attackers replace system programs to hide themselves or to keep access; "
                 "an ordinary update does not change a file without its package.");
    case REPORT_KIND_PERSISTENCE:
        return _("Malware sets itself to start again at every start-up or log-on, so that it "
                 "keeps running after a restart. Programs started from temporary or download "
                 "folders, or set to start in unusual ways, are a common trace of that.");
    default:
        return _("A file that changes unexpectedly can be a sign of tampering, of a wiper or "
                 "of ransomware.");
    }
}

const char *report_todo_words(const struct report_finding *finding)
{
    if (finding->kind == REPORT_KIND_MAIL)
        return _("Do not click its links, open its attachments or reply. If you already "
                 "typed a password after opening it, change that password from another, clean "
                 "device and turn on two-factor authentication.");
    if (finding->level >= OB_LEVEL_ALERT)
        return _("Disconnect this device from the network (Wi-Fi and cable) but leave it "
                 "switched on. Do not delete the file, wipe or reinstall before your helpline "
                 "has seen this report. Send them this report.");
    if (finding->kind == REPORT_KIND_PERSISTENCE)
        return _("Do not remove this entry or its program yourself: that would destroy "
                 "evidence. Show this report to your helpline: they can tell whether it is "
                 "harmful and how to remove it safely.");
    if (finding->level >= OB_LEVEL_WARNING)
        return _("Do not open the file. Show this report to your helpline: they can tell "
                 "whether it is harmful. Do not delete it before they have seen it.");
    return _("Nothing urgent. Mention it to your helpline when you send them this report.");
}

const char *report_set_words(const char *kind)
{
    if (strcmp(kind, "yara-rules") == 0)
        return _("YARA rules");
    if (strcmp(kind, "ioc-lists") == 0)
        return _("indicator lists (hashes and file names)");
    if (strcmp(kind, "indicator-store") == 0)
        return _("indicator store");
    if (strcmp(kind, "stored-rules") == 0)
        return _("YARA rules kept in the indicator store");
    return _("indicators");
}

const char *report_step_words(const char *kind)
{
    if (strcmp(kind, "scan") == 0)
        return _("files scanned for malware");
    if (strcmp(kind, "mail") == 0)
        return _("e-mail checked for phishing");
    if (strcmp(kind, "bootrec") == 0)
        return _("boot records of disks");
    if (strcmp(kind, "baseline") == 0)
        return _("files compared with a baseline");
    if (strcmp(kind, "verify-packages") == 0)
        return _("system files checked against their packages");
    if (strcmp(kind, "persistence") == 0)
        return _("programs set to start by themselves");
    return _("other results");
}

const char *report_when_words(const char *when)
{
    static const struct {
        const char *code, *words;
    } headings[] = {
        {"boot", N_("When the computer starts")},
        {"logon", N_("When someone logs on")},
        {"schedule", N_("At set times")},
        {"programs", N_("Inside or instead of other programs")},
        {"shell", N_("When a command shell opens")},
        {"remote-login", N_("Logging in from elsewhere")},
    };
    for (size_t i = 0; i < sizeof(headings) / sizeof(headings[0]); i++)
        if (strcmp(when, headings[i].code) == 0)
            return _(headings[i].words);
    return _("Other ways");
}

#define SENTENCE(format) return snprintf(out, size, format, n), true
bool report_skipped_words(const char *key, int64_t count, char *out, size_t size)
{
    unsigned long n = count < 0 ? 0 : (unsigned long)count;
    if (strcmp(key, "skipped.size") == 0)
        SENTENCE(P_("%lu file was larger than the size limit and was not scanned",
                    "%lu files were larger than the size limit and were not scanned", n));
    if (strcmp(key, "skipped.type") == 0)
        SENTENCE(P_("%lu file of a type left out was not scanned",
                    "%lu files of a type left out were not scanned", n));
    if (strcmp(key, "skipped.excluded") == 0)
        SENTENCE(
            P_("%lu file was excluded by an option", "%lu files were excluded by an option", n));
    if (strcmp(key, "skipped.filesystem") == 0)
        SENTENCE(P_("%lu folder on another file system was not entered",
                    "%lu folders on other file systems were not entered", n));
    if (strcmp(key, "skipped.false_positive") == 0)
        SENTENCE(P_("%lu file was a known good file", "%lu files were known good files", n));
    if (strcmp(key, "skipped.archive_limits") == 0)
        SENTENCE(P_("%lu archive member was past the archive limits and was not scanned",
                    "%lu archive members were past the archive limits and were not scanned", n));
    if (strcmp(key, "skipped.package_verified") == 0)
        SENTENCE(P_("%lu system file matched its package and was not scanned again",
                    "%lu system files matched their packages and were not scanned again", n));
    if (strcmp(key, "skipped") == 0)
        SENTENCE(P_("%lu file did not look like mail and was passed over",
                    "%lu files did not look like mail and were passed over", n));
    return false;
}
#undef SENTENCE

bool report_indicators_age(const struct ob_report *report, int64_t now, char *newest, int64_t *days)
{
    newest[0] = '\0';
    for (size_t i = 0; i < report->set_count; i++) {
        const struct report_set *set = &report->sets[i];
        /* "YYYY-MM-DD" compares as text */
        if ((strcmp(set->kind, "indicator-store") == 0 || strcmp(set->kind, "ioc-lists") == 0) &&
            strlen(set->date) == 10 && strcmp(set->date, newest) > 0)
            snprintf(newest, 11, "%s", set->date);
    }
    struct tm tm = {0};
    const char *end = newest[0] != '\0' ? strptime(newest, "%Y-%m-%d", &tm) : NULL;
    if (end == NULL || *end != '\0') {
        newest[0] = '\0';
        return false;
    }
    int64_t seconds = (int64_t)timegm(&tm);
    *days = now > seconds ? (now - seconds) / 86400 : 0;
    return true;
}

void report_freshness_words(int64_t days, char *out, size_t size)
{
    out[0] = '\0';
    if (days <= REPORT_FRESH_DAYS)
        return;
    long long months = days / 30;
    /* The same sentence as the summaries of scan and mail. */
    snprintf(out, size,
             P_("your indicators are %lld month old: ask your helpline for an update",
                "your indicators are %lld months old: ask your helpline for an update", months),
             months);
}
