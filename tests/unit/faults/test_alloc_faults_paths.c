/* SPDX-License-Identifier: Apache-2.0 */
/* Allocation failures (tests/alloc_hook.h) on two more main paths: a
 * file-name list read, indexed and matched, and the triage of a message
 * with a link, an HTML part and an attachment. Each path is run once to
 * count liboberig's allocations, then again failing each of them in turn
 * (at most FAILURE_POINTS_MAX, spread evenly). A run ends in OB_OK or an
 * error that says why, with no crash and, under ASan, no leak; a run that
 * ends in OB_OK gives the whole result. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc_hook.h"
#include "oberig/indicators.h"
#include "oberig/mail.h"

#define FAILURE_POINTS_MAX 300

static void arm(long fail)
{
    alloc_hook_count = 0;
    alloc_hook_fail_at = fail;
    alloc_hook_armed = true;
}

/* Stops failing and counting; returns how many allocations were made. */
static long disarm(void)
{
    alloc_hook_armed = false;
    return alloc_hook_count;
}

/* A failed run says why, unless it ran out of memory where no context was
 * there to say it in (OB_ERR_NOMEM itself is the reason then). */
static void expect_said(const struct ob_context *ctx, enum ob_status status, long fail)
{
    if (status != OB_ERR_NOMEM && ob_context_last_error(ctx)[0] == '\0')
        fail_msg("allocation %ld: %s with nothing said", fail, ob_strerror(status));
}

/* Calls `run` with no failure, then failing each allocation it made. */
static void torture(long (*run)(long fail))
{
    long total = run(0);
    assert_true(total > 0);
    print_message("%ld allocations; %ld runs, each failing one of them\n", total,
                  total > FAILURE_POINTS_MAX
                      ? (total + total / FAILURE_POINTS_MAX - 1) / (total / FAILURE_POINTS_MAX)
                      : total);
    long step = total > FAILURE_POINTS_MAX ? total / FAILURE_POINTS_MAX : 1;
    for (long k = 1; k <= total; k += step)
        run(k);
}

/* ---- file-name patterns --------------------------------------------------- */

static const char names_list[] =
    "# Mimikatz\n"
    "(?i)\\\\mimikatz\\.exe$;80\n"
    "# Temp executables\n"
    "(?i)\\\\Temp\\\\[^\\\\]+\\.exe$;40;\\\\Temp\\\\setup-[0-9]+\\.exe$\n"
    "[Cc]:\\\\[\\w]{1,2}\\.(exe|com|scr);60\n"
    "(.*a){5}x$;30\n";

static void count_hit(void *user, const struct ob_indicator_ref *hit)
{
    assert_non_null(hit->name);
    ++*(size_t *)user;
}

static long names_path(long fail)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    assert_non_null(ctx);
    struct ob_indicators *set = NULL;
    struct ob_filename_matcher *matcher = NULL;
    size_t hits = 0;
    arm(fail);
    enum ob_status status = ob_indicators_new(&set);
    if (status == OB_OK)
        status = ob_indicators_parse_filenames(set, ctx, "names.txt", names_list,
                                               strlen(names_list));
    if (status == OB_OK)
        status = ob_indicators_finalize(set, ctx);
    if (status == OB_OK)
        status = ob_filename_matcher_new(set, &matcher);
    static const char *const paths[] = {"/mnt/c/Users/a/AppData/Local/Temp/mimikatz.exe",
                                        "/mnt/c/1.com", "/srv/aaaaaax"};
    for (size_t i = 0; status == OB_OK && i < 3; i++)
        status = ob_filename_matcher_match(matcher, paths[i], strlen(paths[i]), count_hit, &hits);
    long total = disarm();
    if (status == OB_OK) {
        struct ob_indicator_counts counts;
        ob_indicators_counts(set, &counts);
        /* A pattern lost to a failed allocation is an error, never a gap. */
        assert_int_equal(counts.filename_patterns, 4);
        assert_int_equal(hits, 4); /* mimikatz, Temp, the drive root, the a's */
    } else {
        expect_said(ctx, status, fail);
    }
    ob_filename_matcher_free(matcher);
    ob_indicators_free(set);
    ob_context_free(ctx);
    return total;
}

static void test_alloc_faults__file_name_patterns(void **state)
{
    (void)state;
    torture(names_path);
}

/* ---- mail triage ---------------------------------------------------------- */

static const char message[] =
    "From: \"UKR.NET Support\" <support@ukr-net-login.example>\r\n"
    "To: olena@example.org\r\n"
    "Subject: =?UTF-8?B?0JLQsNGIINC/0LDRgNC+0LvRjA==?=\r\n"
    "Date: Mon, 10 Jan 2022 10:00:00 +0200\r\n"
    "Message-ID: <1@ukr-net-login.example>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b\"\r\n"
    "\r\n"
    "--b\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>Your password expires today. <a href=\"http://ukr-net-login.example/auth\">"
    "https://ukr.net/login</a></p>\r\n"
    "--b\r\n"
    "Content-Type: application/octet-stream; name=\"invoice.pdf.exe\"\r\n"
    "Content-Disposition: attachment; filename=\"invoice.pdf.exe\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAA=\r\n"
    "--b--\r\n";

struct triaged {
    size_t results;
    enum ob_mail_verdict verdict;
};

static void on_result(void *user, const struct ob_mail_result *result)
{
    struct triaged *triaged = user;
    triaged->results++;
    triaged->verdict = result->verdict;
}

static long mail_path(long fail)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    assert_non_null(ctx);
    struct ob_mail_options options;
    ob_mail_options_init(&options);
    struct ob_mail *mail = NULL;
    struct triaged triaged = {0};
    arm(fail);
    enum ob_status status = ob_mail_new(ctx, &options, &mail);
    if (status == OB_OK)
        status = ob_mail_triage_buffer(mail, "message.eml", message, strlen(message), on_result,
                                       &triaged);
    long total = disarm();
    if (status == OB_OK) {
        /* One result, and when the run was whole, the verdict it earns. */
        assert_int_equal(triaged.results, 1);
        if (fail == 0)
            assert_int_equal(triaged.verdict, OB_MAIL_PHISHING);
    } else {
        expect_said(ctx, status, fail);
        assert_true(triaged.results <= 1);
    }
    ob_mail_free(mail);
    ob_context_free(ctx);
    return total;
}

static void test_alloc_faults__mail_triage(void **state)
{
    (void)state;
    torture(mail_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_faults__file_name_patterns),
        cmocka_unit_test(test_alloc_faults__mail_triage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
