/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the parsed form of file-name regexes: its tokens, and the
 * YARA translation and literal-gate texts derived from one parse. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/buffer.h"
#include "indicators/filename_regex.h"
#include "indicators/literal_gate.h"
#include "indicators/regex_translate.h"

/* In the comments and strings below, a case is shown as the list file
 * spells it first, then as C text. */

static void parse_ok(const char *pattern, struct ob_filename_regex *regex)
{
    struct ob_regex_error error;
    enum ob_status status = indicators_filename_regex_parse(pattern, strlen(pattern), regex,
                                                            &error);
    if (status != OB_OK)
        fail_msg("'%s' not parsed: %s at %zu", pattern, error.message, error.offset);
}

static void expect_kinds(const struct ob_filename_regex *regex,
                         const enum ob_regex_token_kind *kinds, size_t count)
{
    assert_int_equal(regex->count, count);
    for (size_t i = 0; i < count; i++)
        if (regex->tokens[i].kind != kinds[i])
            fail_msg("token %zu is of kind %d, expected %d", i, (int)regex->tokens[i].kind,
                     (int)kinds[i]);
}

static void test_filename_regex__tokens_of_a_windows_pattern(void **state)
{
    (void)state;
    /* (?i)C:\\Users\\[^\\]+\\(a|b)\.exe$ */
    struct ob_filename_regex regex;
    parse_ok("(?i)C:\\\\Users\\\\[^\\\\]+\\\\(a|b)\\.exe$", &regex);
    static const enum ob_regex_token_kind kinds[] = {
        OB_REGEX_DRIVE_ROOT, OB_REGEX_LITERAL,   OB_REGEX_LITERAL,   OB_REGEX_LITERAL,
        OB_REGEX_LITERAL,    OB_REGEX_LITERAL,   OB_REGEX_SEPARATOR, OB_REGEX_CLASS,
        OB_REGEX_REPEAT,     OB_REGEX_SEPARATOR, OB_REGEX_OPEN,      OB_REGEX_LITERAL,
        OB_REGEX_BAR,        OB_REGEX_LITERAL,   OB_REGEX_CLOSE,     OB_REGEX_LITERAL,
        OB_REGEX_LITERAL,    OB_REGEX_LITERAL,   OB_REGEX_LITERAL,   OB_REGEX_END,
    };
    expect_kinds(&regex, kinds, sizeof(kinds) / sizeof(kinds[0]));
    assert_true(regex.nocase);
    assert_int_equal(regex.tokens[1].byte, 'U');
    const struct ob_regex_token *class = &regex.tokens[7];
    assert_true(class->negated);
    assert_true(class->has_backslash);
    assert_int_equal(class->item_count, 1);
    assert_int_equal(regex.items[class->first_item].low, '\\');
    assert_int_equal(regex.tokens[8].form, OB_REPEAT_PLUS);
    assert_int_equal(regex.tokens[8].minimum, 1);
    assert_int_equal(regex.tokens[10].close, 14);
    assert_int_equal(indicators_filename_regex_next(&regex, 10), 15);
    assert_int_equal(indicators_filename_regex_next(&regex, 9), 10);
    assert_int_equal(regex.tokens[15].byte, '.'); /* escaped: a literal dot */
    indicators_filename_regex_release(&regex);
}

static void test_filename_regex__escapes_and_characters(void **state)
{
    (void)state;
    /* \x41\x5c\n\.\d” : a coded 'A', a coded backslash (a separator), a
     * coded newline, an escaped dot, a shorthand, a UTF-8 character */
    struct ob_filename_regex regex;
    parse_ok("\\x41\\x5c\\n\\.\\d\xe2\x80\x9d", &regex);
    static const enum ob_regex_token_kind kinds[] = {
        OB_REGEX_LITERAL, OB_REGEX_SEPARATOR, OB_REGEX_LITERAL,
        OB_REGEX_LITERAL, OB_REGEX_SHORTHAND, OB_REGEX_CHARACTER,
    };
    expect_kinds(&regex, kinds, sizeof(kinds) / sizeof(kinds[0]));
    assert_int_equal(regex.tokens[0].byte, 'A');
    assert_true(regex.tokens[0].coded);
    assert_int_equal(regex.tokens[2].byte, '\n');
    assert_true(regex.tokens[2].coded);
    assert_false(regex.tokens[3].coded);
    assert_int_equal(regex.tokens[4].byte, 'd');
    assert_int_equal(regex.tokens[5].length, 3);
    assert_memory_equal(regex.tokens[5].bytes, "\xe2\x80\x9d", 3);
    indicators_filename_regex_release(&regex);
}

static void test_filename_regex__braces_and_repeats(void **state)
{
    (void)state;
    /* a{2}b{,3}c{1,}?d{,}e{x} : counted repeats, a lazy one, "{,}" as a
     * star, and a brace that starts no repeat (a literal) */
    struct ob_filename_regex regex;
    parse_ok("a{2}b{,3}c{1,}?d{,}e{x}", &regex);
    static const enum ob_regex_token_kind kinds[] = {
        OB_REGEX_LITERAL, OB_REGEX_REPEAT,  OB_REGEX_LITERAL, OB_REGEX_REPEAT,
        OB_REGEX_LITERAL, OB_REGEX_REPEAT,  OB_REGEX_LITERAL, OB_REGEX_REPEAT,
        OB_REGEX_LITERAL, OB_REGEX_LITERAL, OB_REGEX_LITERAL, OB_REGEX_LITERAL,
    };
    expect_kinds(&regex, kinds, sizeof(kinds) / sizeof(kinds[0]));
    assert_int_equal(regex.tokens[1].form, OB_REPEAT_COUNTED);
    assert_int_equal(regex.tokens[1].minimum, 2);
    assert_false(regex.tokens[1].comma);
    assert_int_equal(regex.tokens[3].minimum, 0);
    assert_true(regex.tokens[3].comma);
    assert_int_equal(regex.tokens[5].minimum, 1);
    assert_true(regex.tokens[5].lazy);
    assert_int_equal(regex.tokens[7].form, OB_REPEAT_STAR);
    assert_int_equal(regex.tokens[9].byte, '{');
    indicators_filename_regex_release(&regex);
}

/* One parse of each pattern gives both its YARA literal and its gate
 * texts ('|' between texts here; kind "suffix", "literal" or "none"). */
static void test_filename_regex__translation_and_gate_from_one_parse(void **state)
{
    (void)state;
    static const struct {
        const char *regex, *yara, *kind, *texts;
    } cases[] = {
        /* alternation in a group, separators, a nocase drive root */
        {"(?i)C:\\\\Users\\\\[^\\\\]+\\\\(a|b)\\.exe$",
         "/[\\\\\\/]Users[\\\\\\/][^\\\\\\/]+[\\\\\\/](a|b)\\.exe$/i", "suffix", ".exe|"},
        {"\\\\Temp\\\\(svchost|lsass|csrss)\\.exe",
         "/[\\\\\\/]Temp[\\\\\\/](svchost|lsass|csrss)\\.exe/", "literal", "temp|"},
        {"(?i)\\\\(tmp|temp)\\\\[a-z]{8}\\.(dll|ocx)$",
         "/[\\\\\\/](tmp|temp)[\\\\\\/][a-z]{8}\\.(dll|ocx)$/i", "suffix", ".dll|.ocx|"},
        /* top-level alternatives, each anchored; '^' goes with the drive */
        {"^[Cc]:\\\\Windows\\\\x\\.bat$|\\\\Tools\\\\nc\\.exe$",
         "/[\\\\\\/]Windows[\\\\\\/]x\\.bat$|[\\\\\\/]Tools[\\\\\\/]nc\\.exe$/", "suffix",
         "x.bat|nc.exe|"},
        {"\\\\Tasks\\\\[^\\\\]{1,64}\\.job$", "/[\\\\\\/]Tasks[\\\\\\/][^\\\\\\/]{1,64}\\.job$/",
         "suffix", ".job|"},
        /* \Z is an end anchor too */
        {"\\\\rar\\.exe\\Z", "/[\\\\\\/]rar\\.exe$/", "suffix", "rar.exe|"},
        {"\\\\(?:ab|cd)ef\\.exe", "/[\\\\\\/](ab|cd)ef\\.exe/", "literal", "ef.exe|"},
        /* quantifiers: '+' and {2} keep their atom, '?', {0,2} and {,2} do not */
        {"\\\\psexe(c)+svc\\.exe", "/[\\\\\\/]psexe(c)+svc\\.exe/", "literal", "svc.exe|"},
        {"\\\\mimi{2}katz", "/[\\\\\\/]mimi{2}katz/", "literal", "mimi|"},
        {"\\\\backup{0,2}\\.zip", "/[\\\\\\/]backup{0,2}\\.zip/", "literal", "backu|"},
        {"\\\\backup{,2}\\.zip", "/[\\\\\\/]backup{0,2}\\.zip/", "literal", "backu|"},
        {"\\\\ab(cd)?efgh", "/[\\\\\\/]ab(cd)?efgh/", "literal", "efgh|"},
        /* an optional UTF-8 character goes as a whole */
        {"\\\\abc\xe2\x80\x9d?d", "/[\\\\\\/]abc(\\xe2\\x80\\x9d)?d/", "literal", "abc|"},
        {"\\\\svchost\xe2\x80\x9d?\\.exe$", "/[\\\\\\/]svchost(\\xe2\\x80\\x9d)?\\.exe$/", "suffix",
         ".exe|"},
        /* a brace that starts no repeat is text */
        {"\\\\a{b}\\.txt", "/[\\\\\\/]a\\{b\\}\\.txt/", "literal", "a{b}.txt|"},
        /* bytes written as escape codes and shorthands are not text */
        {"\\\\x\\x41yz\\.exe", "/[\\\\\\/]xAyz\\.exe/", "literal", "yz.exe|"},
        {"\\\\d\\d\\d\\.dat", "/[\\\\\\/]d\\d\\d\\.dat/", "literal", ".dat|"},
        /* nothing required of 3 bytes or more */
        {"\\\\p\\.x{,}$", "/[\\\\\\/]p\\.x*$/", "none", ""},
        {"abc|de", "/abc|de/", "none", ""},
    };
    struct ob_buffer yara, gate;
    core_buffer_init(&yara, 4096);
    core_buffer_init(&gate, 4096);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ob_filename_regex regex;
        parse_ok(cases[i].regex, &regex);
        core_buffer_reset(&yara, 4096);
        core_buffer_reset(&gate, 4096);
        assert_int_equal(indicators_regex_translate(&regex, &yara), OB_OK);
        const char *kind = "none";
        if (indicators_regex_required_suffixes(&regex, &gate))
            kind = "suffix";
        else if (indicators_regex_required_literals(&regex, &gate))
            kind = "literal";
        indicators_filename_regex_release(&regex);
        for (size_t k = 0; k < gate.length; k++)
            if (gate.data[k] == '\n')
                gate.data[k] = '|';
        if (strcmp(core_buffer_str(&yara), cases[i].yara) != 0 ||
            strcmp(kind, cases[i].kind) != 0 || strcmp(core_buffer_str(&gate), cases[i].texts) != 0)
            fail_msg("'%s' gave '%s', %s '%s'; expected '%s', %s '%s'", cases[i].regex,
                     core_buffer_str(&yara), kind, core_buffer_str(&gate), cases[i].yara,
                     cases[i].kind, cases[i].texts);
    }
    core_buffer_release(&yara);
    core_buffer_release(&gate);
}

/* Unusable patterns are refused by the parse, which says why and where. */
static void test_filename_regex__refusals_say_why_and_where(void **state)
{
    (void)state;
    static const struct {
        const char *regex;
        enum ob_status status;
        size_t offset;
        const char *message;
    } cases[] = {
        {"a(?=b)", OB_ERR_UNSUPPORTED, 1, "lookahead assertions are not supported"},
        {"(?P<n>a)", OB_ERR_UNSUPPORTED, 0, "named groups are not supported"},
        {"ab(a)\\1", OB_ERR_UNSUPPORTED, 5, "backreferences are not supported"},
        {"(?i)a(?s)", OB_ERR_UNSUPPORTED, 5,
         "inline flags other than a leading (?i) are not supported"},
        {"a*+", OB_ERR_UNSUPPORTED, 2, "possessive quantifiers are not supported"},
        {"x[\xc3\xa9]", OB_ERR_UNSUPPORTED, 2, "non-ASCII characters in a class are not supported"},
        {"a{1234567890}", OB_ERR_UNSUPPORTED, 1, "repeat count too large"},
        {"(?i)", OB_ERR_UNSUPPORTED, 4, "empty pattern"},
        {"ab)", OB_ERR_PARSE, 2, "unbalanced parenthesis"},
        {"(ab", OB_ERR_PARSE, 3, "missing closing parenthesis"},
        {"x[ab", OB_ERR_PARSE, 1, "unterminated character set"},
        {"x[z-a]", OB_ERR_PARSE, 2, "bad character range"},
        {"ab\\q", OB_ERR_PARSE, 2, "bad escape"},
        {"ab\\x4", OB_ERR_PARSE, 2, "incomplete \\x escape"},
        {"abc\\", OB_ERR_PARSE, 3, "pattern ends with a backslash"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ob_filename_regex regex;
        struct ob_regex_error error;
        enum ob_status status =
            indicators_filename_regex_parse(cases[i].regex, strlen(cases[i].regex), &regex, &error);
        indicators_filename_regex_release(&regex);
        if (status != cases[i].status || error.offset != cases[i].offset ||
            strcmp(error.message, cases[i].message) != 0)
            fail_msg("'%s' gave %s at %zu: %s", cases[i].regex, ob_strerror(status), error.offset,
                     error.message);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filename_regex__tokens_of_a_windows_pattern),
        cmocka_unit_test(test_filename_regex__escapes_and_characters),
        cmocka_unit_test(test_filename_regex__braces_and_repeats),
        cmocka_unit_test(test_filename_regex__translation_and_gate_from_one_parse),
        cmocka_unit_test(test_filename_regex__refusals_say_why_and_where),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
