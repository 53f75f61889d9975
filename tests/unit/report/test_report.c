/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of src/report: HTML escaping of hostile text, redaction of
 * the person's data with indicators kept, hostile lines, the verdict,
 * persistence entries read in any order and linked to scan findings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buffer.h"
#include "oberig/report.h"
#include "report/report_internal.h"

static struct ob_report *report_of(const char *const *lines, size_t count)
{
    struct ob_report *report = NULL;
    assert_int_equal(ob_report_new(NULL, &report), OB_OK);
    assert_int_equal(ob_report_step_begin(report, NULL, "input.jsonl"), OB_OK);
    for (size_t i = 0; i < count; i++)
        assert_int_equal(ob_report_add_line(report, lines[i], strlen(lines[i])), OB_OK);
    return report;
}

typedef enum ob_status (*writer_fn)(struct ob_report *, const struct ob_report_write_options *,
                                    FILE *);

/* One form of the report as a heap string. */
static char *written(struct ob_report *report, writer_fn write, bool redact)
{
    struct ob_report_write_options options = {.redact = redact, .created = 1700000000};
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    assert_non_null(out);
    assert_int_equal(write(report, &options, out), OB_OK);
    fclose(out);
    return text;
}

static void test_report__html_escape_hostile_text(void **state)
{
    (void)state;
    struct ob_buffer out;
    core_buffer_init(&out, 1 << 16);
    assert_int_equal(report_html_escape(&out, "<script>alert('x')</script>\"&\x01\x1b[31m"
                                              "\xff\xfe ok \xe2\x80\xae"
                                              "gpj.exe"),
                     OB_OK);
    const char *text = core_buffer_str(&out);
    assert_null(strchr(text, '<'));
    assert_null(strchr(text, '>'));
    assert_null(strchr(text, '"'));
    assert_null(strchr(text, '\''));
    assert_null(strchr(text, '\x01'));
    assert_null(strchr(text, '\x1b'));
    assert_non_null(strstr(text, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;"));
    /* invalid bytes and controls become U+FFFD; a direction control is named */
    assert_non_null(strstr(text, "\xef\xbf\xbd\xef\xbf\xbd ok [U+202E]gpj.exe"));
    core_buffer_release(&out);
}

static void test_report__html_of_hostile_finding_has_no_markup(void **state)
{
    (void)state;
    const char *lines[] = {
        "{\"type\":\"finding\",\"path\":\"/tmp/<script>alert(1)</script>\\u0007\\\".exe\","
        "\"level\":\"alert\",\"score\":100,\"reasons\":[{\"signal\":\"yara\",\"name\":"
        "\"R<img src=x onerror=alert(1)>\",\"score\":100,\"source\":\"x.yar\","
        "\"description\":\"'quoted' & <b>bold</b>\"}]}",
    };
    struct ob_report *report = report_of(lines, 1);
    char *html = written(report, ob_report_write_html, false);
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<b>"));
    assert_null(strchr(html, '\x07'));
    assert_non_null(strstr(html, "R&lt;img src=x onerror=alert(1)&gt;"));
    assert_non_null(strstr(html, "Signs of compromise found"));
    free(html);
    ob_report_free(report);
}

static const char *const personal_lines[] = {
    "{\"type\":\"finding\",\"path\":\"/mnt/disk/home/olena/Downloads/invoice.pdf.exe\","
    "\"md5\":\"44d88612fea8a8f36de82e1278abb02f\",\"sha256\":"
    "\"275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f\",\"level\":\"alert\","
    "\"score\":100,\"reasons\":[{\"signal\":\"yara\",\"name\":\"APT_Demo_Loader\",\"score\":100,"
    "\"source\":\"/home/olena/rules/demo.yar\",\"description\":\"seen on olena's laptop\"}]}",
    "{\"type\":\"finding\",\"path\":\"C:\\\\Users\\\\Olena\\\\AppData\\\\Roaming\\\\svc.exe\","
    "\"persistence\":\"Run key of Olena\",\"level\":\"warning\",\"score\":60,\"reasons\":[]}",
    "{\"type\":\"message\",\"source\":\"/home/olena/Mail/inbox#3\",\"from\":\"Support "
    "<attacker@evil.example>\",\"subject\":\"olena.k@ukr.net: your password\",\"verdict\":"
    "\"phishing\",\"score\":100,\"reasons\":[{\"signal\":\"sender-reply-to-elsewhere\",\"score\":"
    "20,\"explanation\":\"written to olena.k@ukr.net\",\"evidence\":\"thief@evil.example\"}],"
    "\"indicators\":[{\"kind\":\"from\",\"value\":\"attacker@evil.example\"},{\"kind\":"
    "\"reply-to\",\"value\":\"thief@evil.example\"},{\"kind\":\"url\",\"value\":"
    "\"http://evil.example/login?u=olena.k@ukr.net\"},{\"kind\":\"domain\",\"value\":"
    "\"evil.example\"}],\"advice\":\"\",\"notices\":[]}",
};

static void check_no_person(const char *text)
{
    assert_null(strcasestr(text, "olena"));
    assert_null(strstr(text, "ukr.net"));
}

static void check_redacted(const char *text)
{
    check_no_person(text);
    assert_non_null(strstr(text, "attacker@evil.example"));
    assert_non_null(strstr(text, "evil.example"));
}

static void test_report__redact_keeps_indicators(void **state)
{
    (void)state;
    struct ob_report *report = report_of(personal_lines, 3);
    char *json = written(report, ob_report_write_json, true);
    check_redacted(json);
    assert_non_null(strstr(json, "/mnt/disk/home/[user1]/Downloads/invoice.pdf.exe"));
    assert_non_null(strstr(json, "C:\\\\Users\\\\[user1]\\\\AppData"));
    assert_non_null(
        strstr(json, "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"));
    assert_non_null(strstr(json, "APT_Demo_Loader"));
    assert_non_null(strstr(json, "thief@evil.example"));
    assert_non_null(strstr(json, "\"redacted\":true"));
    char *html = written(report, ob_report_write_html, true);
    check_redacted(html);
    assert_non_null(strstr(html, "APT_Demo_Loader"));
    char *text = written(report, ob_report_write_text, true);
    check_no_person(text);
    assert_non_null(strstr(text, "[user1]"));
    /* without --redact the data is there */
    char *plain = written(report, ob_report_write_json, false);
    assert_non_null(strstr(plain, "/home/olena/"));
    free(json);
    free(html);
    free(text);
    free(plain);
    ob_report_free(report);
}

static void test_report__shared_indicators_hold_no_personal_data(void **state)
{
    (void)state;
    struct ob_report *report = report_of(personal_lines, 3);
    /* even without --redact, the indicators for sharing name no one */
    char *json = written(report, ob_report_write_json, false);
    char *shared = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&shared, &length);
    assert_int_equal(ob_report_export(NULL, json, strlen(json), OB_IOC_EXPORT_MISP, "amber", out),
                     OB_OK);
    fclose(out);
    check_redacted(shared);
    assert_non_null(strstr(shared, "invoice.pdf.exe"));
    assert_non_null(strstr(shared, "thief@evil.example"));
    assert_non_null(strstr(shared, "tlp:amber"));
    assert_null(strstr(shared, "Users"));
    free(shared);
    free(json);
    ob_report_free(report);
}

static void test_report__hostile_lines_give_notices(void **state)
{
    (void)state;
    char deep[5000];
    memset(deep, '[', sizeof(deep) - 1);
    deep[sizeof(deep) - 1] = '\0';
    const char *lines[] = {
        "{\"type\":\"finding\",\"path\":5,\"level\":\"alert\"}",
        "{\"type\":7}",
        "not json",
        "[1,2]",
        deep,
        "{\"type\":\"finding\",\"path\":\"/x\",\"level\":\"severe\"}",
        "{\"type\":\"message\",\"verdict\":\"phishing\",\"indicators\":[{\"kind\":\"from\","
        "\"value\":7},\"x\"],\"reasons\":{\"a\":1},\"notices\":[1,\"n\"]}",
        "{\"type\":\"finding\",\"path\":\"/ok\",\"level\":\"warning\",\"reasons\":[1,[2]]}",
    };
    struct ob_report *report = report_of(lines, sizeof(lines) / sizeof(lines[0]));
    struct ob_report_counts counts;
    ob_report_counts(report, &counts);
    /* the message (no path: its source is "") is still a finding; /ok is one */
    assert_int_equal(counts.findings, 2);
    assert_true(counts.input_notices >= 5);
    assert_int_equal(ob_report_verdict(report), OB_REPORT_SUSPICIOUS);
    char *json = written(report, ob_report_write_json, false);
    assert_non_null(strstr(json, "\"schema\":1"));
    free(json);
    ob_report_free(report);
}

static void test_report__verdict_from_highest_level(void **state)
{
    (void)state;
    const char *notice[] = {"{\"type\":\"finding\",\"path\":\"/n\",\"level\":\"notice\"}"};
    const char *alert[] = {"{\"type\":\"finding\",\"path\":\"/n\",\"level\":\"notice\"}",
                           "{\"type\":\"package-finding\",\"path\":\"/usr/bin/ls\",\"signal\":"
                           "\"package-file-changed\",\"level\":\"alert\",\"score\":100}"};
    struct ob_report *report = report_of(notice, 1);
    assert_int_equal(ob_report_verdict(report), OB_REPORT_CLEAN);
    ob_report_free(report);
    report = report_of(alert, 2);
    assert_int_equal(ob_report_verdict(report), OB_REPORT_COMPROMISED);
    ob_report_free(report);
}

#define SCAN_LINE                                                                                  \
    "{\"type\":\"finding\",\"path\":\"/mnt/disk/tmp/x\",\"level\":\"alert\",\"score\":100,"        \
    "\"mtime\":\"2024-05-01T10:00:00Z\",\"reasons\":[{\"signal\":\"yara\",\"name\":\"R\","         \
    "\"score\":100}]}"
#define ENTRY_LINE                                                                                 \
    "{\"type\":\"persistence\",\"kind\":\"cron\",\"when\":\"boot\",\"system\":\"linux\","          \
    "\"trigger\":\"starts at every boot, as olena (cron)\",\"user\":\"olena\","                    \
    "\"file\":\"/mnt/disk/var/spool/cron/crontabs/olena\",\"command\":\"/tmp/x --daemon\","        \
    "\"program\":\"/mnt/disk/tmp/x\",\"program_exists\":true,\"mtime\":\"2023-03-04T05:06:07Z\","  \
    "\"score\":40,\"level\":\"warning\",\"signals\":[{\"signal\":\"persistence-temp-folder\","     \
    "\"score\":40,\"explanation\":\"it starts a program kept in a temporary folder\"}]}"
#define PLAIN_ENTRY                                                                                \
    "{\"type\":\"persistence\",\"kind\":\"cron\",\"when\":\"schedule\",\"trigger\":\"runs at set " \
    "times\",\"user\":null,\"file\":\"/mnt/disk/etc/cron.d/backup\",\"command\":\"/usr/bin/b\","   \
    "\"program\":\"/mnt/disk/usr/bin/b\",\"program_exists\":true,\"score\":0,\"level\":\"none\","  \
    "\"signals\":[]}"
#define SUMMARY_LINE                                                                               \
    "{\"type\":\"persistence_summary\",\"root\":\"/mnt/disk\",\"entries\":2,"                      \
    "\"levels\":{\"notice\":0,\"warning\":1,\"alert\":0},\"notices\":0}"

/* The scan finding and the entry are linked both ways, whatever came first. */
static void check_linked(struct ob_report *report)
{
    assert_int_equal(report->entry_count, 2);
    const struct report_entry *entry = &report->entries[0];
    assert_string_equal(entry->program, "/mnt/disk/tmp/x");
    assert_true(entry->has_time);
    assert_int_equal(entry->time, 1677906367); /* 2023-03-04T05:06:07Z */
    assert_int_equal(entry->reason_count, 1);
    assert_string_equal(entry->reasons[0].signal, "persistence-temp-folder");
    /* two findings: the scan's and the entry's own */
    assert_int_equal(report->finding_count, 2);
    size_t scan = report->findings[0].kind == REPORT_KIND_FILE ? 0 : 1;
    const struct report_finding *own = &report->findings[1 - scan];
    assert_int_equal(own->kind, REPORT_KIND_PERSISTENCE);
    assert_int_equal(own->level, OB_LEVEL_WARNING);
    assert_string_equal(own->path, "/mnt/disk/tmp/x");
    assert_int_equal(own->entry, 1);
    assert_int_equal(entry->finding, 2 - scan);
    assert_non_null(strstr(own->persistence, "starts at every boot, as olena (cron)"));
    assert_non_null(strstr(own->persistence, "/mnt/disk/var/spool/cron/crontabs/olena"));
    struct report_links links;
    assert_int_equal(report_links_new(report, &links), OB_OK);
    size_t first = 0;
    assert_int_equal(report_entry_findings(report, &links, 0, &first), 1);
    assert_int_equal(links.files[first], scan);
    assert_int_equal(report_entry_findings(report, &links, 1, &first), 0);
    assert_string_equal(report_finding_persistence(report, &links, &report->findings[scan]),
                        "starts at every boot, as olena (cron)");
    report_links_release(&links);
    char *json = written(report, ob_report_write_json, false);
    char expected[64];
    snprintf(expected, sizeof(expected), "\"finding\":%zu,\"findings\":[%zu]", 2 - scan, scan + 1);
    assert_non_null(strstr(json, expected));
    assert_non_null(strstr(json, "\"persistence\":\"starts at every boot, as olena (cron)\""));
    /* the timeline: the entry (2023) before the scan finding (2024) */
    assert_non_null(strstr(json, "\"timeline\":[{\"time\":\"2023-03-04T05:06:07Z\","
                                 "\"persistence\":1,"));
    assert_non_null(strstr(json, "{\"type\":\"file-path\",\"value\":\"/mnt/disk/tmp/x\""));
    free(json);
    char *html = written(report, ob_report_write_html, false);
    assert_non_null(strstr(html, "<section id=\"persistence\">"));
    assert_non_null(strstr(html, "<tr id=\"persistence-1\">"));
    snprintf(expected, sizeof(expected), "<a href=\"#finding-%zu\">", scan + 1);
    assert_non_null(strstr(strstr(html, "<tr id=\"persistence-1\">"), expected));
    /* the entry with nothing flagged is in the collapsed part */
    assert_non_null(strstr(strstr(html, "<details>"), "<tr id=\"persistence-2\">"));
    free(html);
    char *text = written(report, ob_report_write_text, false);
    assert_non_null(strstr(text, "2 programs set to start by themselves; flagged: 1"));
    free(text);
}

static void test_report__persistence_before_scan_is_linked(void **state)
{
    (void)state;
    const char *lines[] = {ENTRY_LINE, PLAIN_ENTRY, SUMMARY_LINE, SCAN_LINE};
    struct ob_report *report = report_of(lines, 4);
    check_linked(report);
    assert_string_equal(report->steps[0].kind, "persistence");
    ob_report_free(report);
}

static void test_report__persistence_after_scan_is_linked(void **state)
{
    (void)state;
    struct ob_report *report = NULL;
    assert_int_equal(ob_report_new(NULL, &report), OB_OK);
    const char *steps[][3] = {{SCAN_LINE}, {ENTRY_LINE, PLAIN_ENTRY, SUMMARY_LINE}};
    assert_int_equal(ob_report_step_begin(report, "scan", NULL), OB_OK);
    assert_int_equal(ob_report_add_line(report, steps[0][0], strlen(steps[0][0])), OB_OK);
    assert_int_equal(ob_report_step_begin(report, NULL, "p.jsonl"), OB_OK);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(ob_report_add_line(report, steps[1][i], strlen(steps[1][i])), OB_OK);
    check_linked(report);
    const struct report_step *step = &report->steps[1];
    assert_string_equal(step->kind, "persistence");
    assert_string_equal(step->name, "persistence");
    bool entries = false, warning = false;
    for (size_t i = 0; i < step->summary_count; i++) {
        entries |= strcmp(step->summary[i].key, "entries") == 0 && step->summary[i].value == 2;
        warning |= strcmp(step->summary[i].key, "levels.warning") == 0 &&
                   step->summary[i].value == 1;
    }
    assert_true(entries && warning);
    ob_report_free(report);
}

static void test_report__persistence_entries_capped(void **state)
{
    (void)state;
    struct ob_report *report = report_of(NULL, 0);
    for (size_t i = 0; i < REPORT_ENTRIES_MAX + 5; i++)
        assert_int_equal(ob_report_add_line(report, PLAIN_ENTRY, strlen(PLAIN_ENTRY)), OB_OK);
    /* a flagged entry past the cap still becomes a finding */
    assert_int_equal(ob_report_add_line(report, ENTRY_LINE, strlen(ENTRY_LINE)), OB_OK);
    assert_int_equal(report->entry_count, REPORT_ENTRIES_MAX);
    assert_int_equal(report->entries_dropped, 6);
    assert_int_equal(report->finding_count, 1);
    assert_int_equal(report->findings[0].kind, REPORT_KIND_PERSISTENCE);
    assert_int_equal(report->findings[0].entry, 0);
    bool noticed = false;
    for (size_t i = 0; i < report->notice_count; i++)
        noticed |= strstr(report->notices[i], "persistence entries") != NULL;
    assert_true(noticed);
    char *json = written(report, ob_report_write_json, false);
    assert_non_null(strstr(json, "\"persistence\":10006,\"persistence_left_out\":6"));
    free(json);
    ob_report_free(report);
}

static void test_report__persistence_malformed_fields(void **state)
{
    (void)state;
    const char *lines[] = {
        /* no trigger, a trigger that is not text, an unknown level: left out */
        "{\"type\":\"persistence\",\"file\":\"/f\",\"level\":\"none\"}",
        "{\"type\":\"persistence\",\"trigger\":7,\"file\":\"/f\",\"level\":\"none\"}",
        "{\"type\":\"persistence\",\"trigger\":\"t\",\"file\":\"/f\",\"level\":\"huge\"}",
        /* fields of the wrong type are ignored, the entry kept */
        ("{\"type\":\"persistence\",\"trigger\":\"t\",\"file\":\"/f\",\"level\":\"warning\","
         "\"program\":[\"/x\"],\"program_exists\":\"yes\",\"mtime\":\"yesterday\",\"score\":\"9\","
         "\"signals\":[1,{\"signal\":\"s\",\"score\":40}],\"user\":{}}"),
        ("{\"type\":\"persistence\",\"trigger\":\"u\",\"file\":\"/g\",\"level\":\"alert\","
         "\"signals\":{\"signal\":\"s\"}}"),
    };
    struct ob_report *report = report_of(lines, 5);
    assert_int_equal(report->steps[0].ignored, 3);
    assert_true(report->notice_count >= 3);
    assert_int_equal(report->entry_count, 2);
    const struct report_entry *e = &report->entries[0];
    assert_string_equal(e->program, "");
    assert_false(e->program_exists);
    assert_false(e->has_time);
    assert_int_equal(e->score, 0);
    assert_string_equal(e->user, "");
    assert_int_equal(e->reason_count, 1);
    assert_string_equal(e->reasons[0].signal, "s");
    /* its finding is about the file that holds it, as it has no program */
    assert_int_equal(report->finding_count, 1);
    assert_string_equal(report->findings[0].path, "/f");
    /* signals that are not an array: no signals, so no finding */
    assert_int_equal(report->entries[1].reason_count, 0);
    assert_int_equal(report->entries[1].finding, 0);
    char *json = written(report, ob_report_write_json, false);
    assert_non_null(strstr(json, "\"program\":null,\"program_exists\":false"));
    free(json);
    ob_report_free(report);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report__html_escape_hostile_text),
        cmocka_unit_test(test_report__html_of_hostile_finding_has_no_markup),
        cmocka_unit_test(test_report__redact_keeps_indicators),
        cmocka_unit_test(test_report__shared_indicators_hold_no_personal_data),
        cmocka_unit_test(test_report__hostile_lines_give_notices),
        cmocka_unit_test(test_report__verdict_from_highest_level),
        cmocka_unit_test(test_report__persistence_before_scan_is_linked),
        cmocka_unit_test(test_report__persistence_after_scan_is_linked),
        cmocka_unit_test(test_report__persistence_entries_capped),
        cmocka_unit_test(test_report__persistence_malformed_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
