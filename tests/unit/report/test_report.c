/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of src/report: HTML escaping of hostile text, redaction of
 * the person's data with indicators kept, hostile lines, the verdict. */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report__html_escape_hostile_text),
        cmocka_unit_test(test_report__html_of_hostile_finding_has_no_markup),
        cmocka_unit_test(test_report__redact_keeps_indicators),
        cmocka_unit_test(test_report__shared_indicators_hold_no_personal_data),
        cmocka_unit_test(test_report__hostile_lines_give_notices),
        cmocka_unit_test(test_report__verdict_from_highest_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
