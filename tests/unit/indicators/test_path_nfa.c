/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the linear-time file-name matcher: what each construct
 * matches, the patterns it refuses, and that the classic patterns that make
 * backtracking engines take exponential or quadratic time cost it at most
 * 2 * (length + 1) * instructions steps on long paths. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "indicators/filename_regex.h"
#include "indicators/path_nfa.h"

struct compiled {
    struct ob_filename_regex regex;
    struct ob_nfa_program program;
    struct ob_nfa_scratch scratch;
};

static enum ob_status compile(const char *pattern, bool drive, struct compiled *out,
                              struct ob_regex_error *error)
{
    memset(out, 0, sizeof(*out));
    enum ob_status status = indicators_filename_regex_parse(pattern, strlen(pattern), &out->regex,
                                                            error);
    if (status == OB_OK)
        status = indicators_nfa_compile(&out->regex, drive, &out->program, error);
    if (status == OB_OK)
        assert_int_equal(indicators_nfa_scratch_init(&out->scratch, out->program.count), OB_OK);
    return status;
}

static void release(struct compiled *c)
{
    indicators_nfa_scratch_release(&c->scratch);
    indicators_nfa_release(&c->program);
    indicators_filename_regex_release(&c->regex);
}

static bool search(struct compiled *c, const char *text, size_t length)
{
    return indicators_nfa_search(c->program.insns, c->program.count, c->program.sets, text, length,
                                 &c->scratch);
}

/* Whether `pattern` (with the drive's shape when `drive`) is found in `text`. */
static bool found(const char *pattern, bool drive, const char *text)
{
    struct compiled c;
    struct ob_regex_error error;
    enum ob_status status = compile(pattern, drive, &c, &error);
    if (status != OB_OK)
        fail_msg("'%s' refused: %s", pattern, error.message);
    bool result = search(&c, text, strlen(text));
    release(&c);
    return result;
}

struct case_row {
    const char *pattern;
    bool drive;
    const char *text;
    bool expected;
};

static void check_rows(const struct case_row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        bool got = found(rows[i].pattern, rows[i].drive, rows[i].text);
        if (got != rows[i].expected)
            fail_msg("'%s'%s in '%s': %s, expected %s", rows[i].pattern,
                     rows[i].drive ? " (drive)" : "", rows[i].text, got ? "found" : "not found",
                     rows[i].expected ? "found" : "not found");
    }
}

static void test_path_nfa__literals_separators_and_anchors(void **state)
{
    (void)state;
    static const struct case_row rows[] = {
        {"\\\\Temp\\\\x\\.exe", false, "/home/a/Temp/x.exe", true},
        {"\\\\Temp\\\\x\\.exe", false, "C:\\Users\\Temp\\x.exe", true},
        {"\\\\Temp\\\\x\\.exe", false, "/home/a/temp/x.exe", false},
        {"(?i)\\\\Temp\\\\x\\.exe", false, "/home/a/TEMP/X.EXE", true},
        {"x\\.exe$", false, "/a/x.exe.txt", false},
        {"x\\.exe$", false, "/a/x.exe", true},
        {"^/tmp/", false, "/tmp/a", true},
        {"^/tmp/", false, "/var/tmp/a", false},
        {"/a/b", false, "/a\\b", false}, /* a written '/' is only '/' */
        {"a.c", false, "a\nc", false},   /* '.' is not a newline */
        {"a.c", false, "a/c", true},
        {"\\x41B", false, "xAB", true},
        {"(?i)\\x41b", false, "xab", true},
        {"\xd0\xbf\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c", false,
         "/home/\xd0\xbf\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c.txt", true},
        {"\xd1\x8f+$", false, "/\xd1\x8f\xd1\x8f\xd1\x8f", true},
        {"\xd1\x8f+$", false, "/\xd1\x8f\xd1", false},
    };
    check_rows(rows, sizeof(rows) / sizeof(rows[0]));
}

static void test_path_nfa__classes_and_shorthands(void **state)
{
    (void)state;
    static const struct case_row rows[] = {
        {"\\\\[a-c]\\d\\.dll$", false, "/x/b7.dll", true},
        {"\\\\[a-c]\\d\\.dll$", false, "/x/d7.dll", false},
        {"(?i)\\\\[a-c]\\d\\.dll$", false, "/x/B7.DLL", true},
        {"\\\\[^a-c]\\.dll$", false, "/x/B.dll", true},
        {"(?i)\\\\[^a-c]\\.dll$", false, "/x/B.dll", false},
        {"[\\\\]tmp", false, "/tmp", true}, /* a class with '\' takes '/' too */
        {"x[^\\\\]y", false, "x/y", false},
        {"x[^\\\\]y", false, "x.y", true},
        {"\\w\\W\\s\\S\\D", false, "a- bx", true},
        {"\\w\\W\\s\\S\\D", false, "a- b1", false},
        {"[\\d_]{3}$", false, "/x/1_2", true},
        {"\\bcmd\\b", false, "/x/cmd.exe", true},
        {"\\bcmd\\b", false, "/x/xcmd.exe", false},
        {"\\Bmd\\b", false, "/x/cmd", true},
        {"\\Bmd\\b", false, "/x/md", false},
    };
    check_rows(rows, sizeof(rows) / sizeof(rows[0]));
}

static void test_path_nfa__groups_alternatives_and_repeats(void **state)
{
    (void)state;
    static const struct case_row rows[] = {
        {"\\\\(Web|Intel|Temp)\\\\x", false, "/a/Intel/x", true},
        {"\\\\(Web|Intel|Temp)\\\\x", false, "/a/Other/x", false},
        {"\\\\(?:a|b(c|d))e$", false, "/bde", true},
        {"\\\\(?:a|b(c|d))e$", false, "/bbe", false},
        {"\\\\(ab|)c$", false, "/c", true},
        {"\\\\x{3}$", false, "/xxx", true},
        {"\\\\x{3}$", false, "/xx", false},
        {"\\\\x{2,3}$", false, "/xxx", true},
        {"\\\\x{2,3}$", false, "/xxxx", false},
        {"\\\\x{2,}$", false, "/xxxxxx", true},
        {"\\\\x{,2}y$", false, "/y", true},
        {"\\\\x{,2}y$", false, "/xxxy", false},
        {"\\\\(ab){2}$", false, "/abab", true},
        {"\\\\(ab){2}$", false, "/aba", false},
        {"\\\\a+?b*c?d$", false, "/aaad", true},
        {"\\\\[a-f0-9]{32}\\.exe$", false, "/0123456789abcdef0123456789abcdef.exe", true},
        {"\\\\[a-f0-9]{32}\\.exe$", false, "/0123456789abcdef0123456789abcde.exe", false},
        {"a{", false, "/a{", true}, /* a brace that starts no repeat */
    };
    check_rows(rows, sizeof(rows) / sizeof(rows[0]));
}

/* A drive root is any folder, or with the drive's shape a letter, ':' and a
 * separator, and a match must then end where a name ends. */
static void test_path_nfa__drive_roots(void **state)
{
    (void)state;
    static const struct case_row rows[] = {
        {"[Cc]:\\\\[\\w]{1,2}\\.(exe|com|scr)", true, "C:/1.com", true},
        {"[Cc]:\\\\[\\w]{1,2}\\.(exe|com|scr)", true, "C:/1.com/x", true},
        {"[Cc]:\\\\[\\w]{1,2}\\.(exe|com|scr)", true, "C:/1.com.php/x", false},
        {"[Cc]:\\\\[\\w]{1,2}\\.(exe|com|scr)", true, "/srv/www/1.com", false},
        {"[Cc]:\\\\[\\w]{1,2}\\.(exe|com|scr)", false, "/srv/www/1.com", true},
        {"C:\\\\Temp\\\\", true, "D:\\Temp\\a", true},
        {"C:\\\\Temp\\\\", true, "/Temp/a", false},
        {"^C:\\\\x\\.bat$", true, "C:/x.bat", true},
    };
    check_rows(rows, sizeof(rows) / sizeof(rows[0]));
}

static void expect_refused(const char *pattern, enum ob_status expected, const char *message_part)
{
    struct compiled c;
    struct ob_regex_error error;
    enum ob_status status = compile(pattern, false, &c, &error);
    if (status != expected)
        fail_msg("'%s': status %d, expected %d", pattern, (int)status, (int)expected);
    if (strstr(error.message, message_part) == NULL)
        fail_msg("'%s': '%s' does not say '%s'", pattern, error.message, message_part);
    assert_true(error.offset == OB_REGEX_WHOLE);
    release(&c);
}

static void test_path_nfa__refusals(void **state)
{
    (void)state;
    /* More states than a search may carry per byte. */
    expect_refused("x{1,99999}", OB_ERR_UNSUPPORTED, "proportional");
    expect_refused("((a{40}){40}){40}", OB_ERR_UNSUPPORTED, "proportional");
    /* Each would match every path. */
    expect_refused("()", OB_ERR_PARSE, "every path");
    expect_refused("a*", OB_ERR_PARSE, "every path");
    expect_refused("(|\\\\x)", OB_ERR_PARSE, "every path");
    expect_refused("$", OB_ERR_PARSE, "every path");
    expect_refused("\\b", OB_ERR_PARSE, "every path");
    /* Counts the wrong way round. */
    expect_refused("a{3,2}", OB_ERR_PARSE, "greater");
    /* Empty bodies repeated many times cost nothing to refuse. */
    expect_refused("(){999999999}", OB_ERR_PARSE, "every path");
    /* Near the limit is still accepted. */
    assert_true(found("\\\\x{1,1000}y$", false, "/xxy"));
}

/* A text of `length` bytes: `fill` repeated, then `end`. */
static char *long_text(size_t length, const char *fill, const char *end)
{
    char *text = malloc(length + 1);
    assert_non_null(text);
    size_t fill_length = strlen(fill), end_length = strlen(end);
    for (size_t i = 0; i < length; i++)
        text[i] = fill[i % fill_length];
    memcpy(text + length - end_length, end, end_length);
    text[length] = '\0';
    return text;
}

/* Each classic pathological pattern against an 8 KiB path: the answer is
 * right and the work at most 2 * (length + 1) * instructions steps. */
static void test_path_nfa__pathological_patterns_cost_linear_steps(void **state)
{
    (void)state;
    static const struct {
        const char *pattern, *fill, *end;
        bool expected;
    } rows[] = {
        {"(.*a){20}$", "a/", "b", false},
        {"(.*a){20}$", "a/", "a", true},
        {"(a+)+$", "a", "/", false},
        {"(a|aa)+$", "a", "!", false},
        {"(a|a)*b", "a", "a", false},
        {"(x+x+)+y", "x", "x", false},
        {"((a*)*)*b", "a", "a", false},
        {"(.*){1,30}z", "q/", "q", false},
        {"(\\\\.*)*\\\\x\\.exe$", "/d", "/x.exe", true},
        {"(?i)([a-z]+\\\\)*[a-z]+\\.exe$", "ab/", "a.EXE", true},
    };
    const size_t length = 8192;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct compiled c;
        struct ob_regex_error error;
        assert_int_equal(compile(rows[i].pattern, false, &c, &error), OB_OK);
        char *text = long_text(length, rows[i].fill, rows[i].end);
        bool got = search(&c, text, length);
        uint64_t bound = 2 * (uint64_t)(length + 1) * c.program.count;
        print_message("%-32s %zu instructions, %llu steps (bound %llu)\n", rows[i].pattern,
                      c.program.count, (unsigned long long)c.scratch.steps,
                      (unsigned long long)bound);
        if (got != rows[i].expected)
            fail_msg("'%s': %s", rows[i].pattern, got ? "found" : "not found");
        if (c.scratch.steps > bound)
            fail_msg("'%s': %llu steps over the bound %llu", rows[i].pattern,
                     (unsigned long long)c.scratch.steps, (unsigned long long)bound);
        free(text);
        release(&c);
    }
}

/* A scratch is reused across searches and patterns, as a matcher does:
 * marks from an earlier search must not hide a state of a later one. */
static void test_path_nfa__scratch_reused_across_many_searches(void **state)
{
    (void)state;
    struct compiled c;
    struct ob_regex_error error;
    assert_int_equal(compile("\\\\(a|b)+c$", false, &c, &error), OB_OK);
    for (int i = 0; i < 20000; i++) {
        assert_true(search(&c, "/ababc", 6));
        assert_false(search(&c, "/ababd", 6));
    }
    /* Past a wrap of the mark counter, the marks are cleared. */
    c.scratch.generation = UINT32_MAX - 3;
    for (int i = 0; i < 8; i++) {
        assert_true(search(&c, "/ababc", 6));
        assert_false(search(&c, "/abab", 5));
    }
    release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_nfa__literals_separators_and_anchors),
        cmocka_unit_test(test_path_nfa__classes_and_shorthands),
        cmocka_unit_test(test_path_nfa__groups_alternatives_and_repeats),
        cmocka_unit_test(test_path_nfa__drive_roots),
        cmocka_unit_test(test_path_nfa__refusals),
        cmocka_unit_test(test_path_nfa__pathological_patterns_cost_linear_steps),
        cmocka_unit_test(test_path_nfa__scratch_reused_across_many_searches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
