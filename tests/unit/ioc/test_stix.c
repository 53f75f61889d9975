/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the STIX 2.1 pattern parser and of the object paths that
 * map to indicator types. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ioc/ioc_internal.h"

/* ---- helpers ----------------------------------------------------------- */

static struct ob_stix_pattern parse_ok(const char *text)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    assert_non_null(ctx);
    struct ob_stix_pattern pattern;
    enum ob_status status = ioc_stix_pattern_parse(ctx, text, strlen(text), &pattern);
    if (status != OB_OK)
        fail_msg("'%s' did not parse: %s", text, ob_context_last_error(ctx));
    ob_context_free(ctx);
    return pattern;
}

/* Parses `text` (of `length` bytes), expects `expected`, and returns the
 * offset named in the error text (or -1 when none). */
static long parse_fails(const char *text, size_t length, enum ob_status expected)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    assert_non_null(ctx);
    struct ob_stix_pattern pattern;
    enum ob_status status = ioc_stix_pattern_parse(ctx, text, length, &pattern);
    if (status != expected)
        fail_msg("'%.80s' gave %s, expected %s (%s)", text, ob_strerror(status),
                 ob_strerror(expected), ob_context_last_error(ctx));
    /* A failed parse leaves nothing to release. */
    assert_int_equal(pattern.count, 0);
    assert_null(pattern.comparisons);
    const char *offset = strstr(ob_context_last_error(ctx), "offset ");
    long at = offset != NULL ? strtol(offset + 7, NULL, 10) : -1;
    ob_context_free(ctx);
    return at;
}

static void assert_comparison(const struct ob_stix_comparison *comparison, const char *path,
                              enum ob_stix_operator op, const char *value)
{
    assert_string_equal(comparison->object_path, path);
    assert_int_equal(comparison->op, op);
    assert_string_equal(comparison->value, value);
}

/* ---- the forms of issue #3 -------------------------------------------- */

static void test_stix__issue_pattern_forms(void **state)
{
    (void)state;
    static const struct {
        const char *pattern, *path, *value;
        enum ob_ioc_type type;
    } cases[] = {
        {"[domain-name:value='evil.example']", "domain-name:value", "evil.example", OB_IOC_DOMAIN},
        {"[url:value='https://evil.example/a?b=c&d==e']", "url:value",
         "https://evil.example/a?b=c&d==e", OB_IOC_URL},
        {"[email-addr:value='bad@evil.example']", "email-addr:value", "bad@evil.example",
         OB_IOC_EMAIL},
        {"[ipv4-addr:value='192.0.2.1']", "ipv4-addr:value", "192.0.2.1", OB_IOC_IPV4},
        {"[ipv6-addr:value='2001:db8::1']", "ipv6-addr:value", "2001:db8::1", OB_IOC_IPV6},
        {"[file:name='com.apple.update.plist']", "file:name", "com.apple.update.plist",
         OB_IOC_FILE_NAME},
        {"[file:path='/private/var/db/x=y']", "file:path", "/private/var/db/x=y", OB_IOC_FILE_PATH},
        {"[file:hashes.sha256='aa']", "file:hashes.sha256", "aa", OB_IOC_SHA256},
        {"[file:hashes.'SHA-256' = 'bb']", "file:hashes.'SHA-256'", "bb", OB_IOC_SHA256},
        {"[file:hashes.SHA256='cc']", "file:hashes.SHA256", "cc", OB_IOC_SHA256},
        {"[file:hashes.md5='dd']", "file:hashes.md5", "dd", OB_IOC_MD5},
        {"[file:hashes.'MD5'='ee']", "file:hashes.'MD5'", "ee", OB_IOC_MD5},
        {"[file:hashes.sha1='ff']", "file:hashes.sha1", "ff", OB_IOC_SHA1},
        {"[file:hashes.'SHA-1'='00']", "file:hashes.'SHA-1'", "00", OB_IOC_SHA1},
        {"[process:name='bh']", "process:name", "bh", OB_IOC_PROCESS_NAME},
        {"[app:id='com.evil.app']", "app:id", "com.evil.app", OB_IOC_APP_ID},
        {"[app:cert.sha256='12ab']", "app:cert.sha256", "12ab", OB_IOC_APP_CERT_SHA256},
        {"[configuration-profile:id='com.evil.profile']", "configuration-profile:id",
         "com.evil.profile", OB_IOC_CONFIG_PROFILE_ID},
        /* White space anywhere between tokens, and the == spelling. */
        {"  [ domain-name : value\n==\t'spaced.example' ]  ", "domain-name:value", "spaced.example",
         OB_IOC_DOMAIN},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ob_stix_pattern pattern = parse_ok(cases[i].pattern);
        assert_int_equal(pattern.count, 1);
        assert_false(pattern.has_and);
        assert_comparison(&pattern.comparisons[0], cases[i].path, OB_STIX_EQ, cases[i].value);
        assert_string_equal(pattern.comparisons[0].op_text, "=");
        assert_false(pattern.comparisons[0].negated);
        enum ob_ioc_type type = OB_IOC_TYPE_COUNT;
        if (!ioc_stix_path_type(pattern.comparisons[0].object_path, &type))
            fail_msg("path of '%s' not mapped", cases[i].pattern);
        assert_int_equal(type, cases[i].type);
        ioc_stix_pattern_release(&pattern);
    }
}

static void test_stix__compound_and_or_within_and_across_brackets(void **state)
{
    (void)state;
    struct ob_stix_pattern pattern = parse_ok(
        "[file:name = 'a.apk' AND file:hashes.MD5 = '0c2674c3a97c53082187d930efb645c2'] OR "
        "[domain-name:value = 'x.example' OR domain-name:value = 'y.example']");
    assert_int_equal(pattern.count, 4);
    assert_true(pattern.has_and);
    assert_comparison(&pattern.comparisons[0], "file:name", OB_STIX_EQ, "a.apk");
    assert_comparison(&pattern.comparisons[1], "file:hashes.MD5", OB_STIX_EQ,
                      "0c2674c3a97c53082187d930efb645c2");
    assert_comparison(&pattern.comparisons[3], "domain-name:value", OB_STIX_EQ, "y.example");
    ioc_stix_pattern_release(&pattern);

    pattern = parse_ok("[a:b = 'x'] OR [c:d = 'y'] OR ([e:f = 'z'])");
    assert_int_equal(pattern.count, 3);
    assert_false(pattern.has_and);
    ioc_stix_pattern_release(&pattern);

    pattern = parse_ok("[a:b = 'x'] AND [c:d = 'y']");
    assert_true(pattern.has_and);
    ioc_stix_pattern_release(&pattern);

    pattern = parse_ok("[a:b = 'x'] FOLLOWEDBY [c:d = 'y']");
    assert_int_equal(pattern.count, 2);
    assert_true(pattern.has_and);
    ioc_stix_pattern_release(&pattern);

    /* Parentheses inside a bracket and around observations. */
    pattern = parse_ok("(([a:b = '1' OR (c:d = '2' AND e:f = '3')]) OR [g:h = '4']) "
                       "FOLLOWEDBY ([i:j = '5'] AND [k:l = '6'])");
    assert_int_equal(pattern.count, 6);
    assert_string_equal(pattern.comparisons[5].value, "6");
    ioc_stix_pattern_release(&pattern);
}

static void test_stix__escaped_quotes_and_backslashes(void **state)
{
    (void)state;
    struct ob_stix_pattern pattern =
        parse_ok("[file:name = 'it\\'s = \\\\ here'] OR [url:value = '\\'']");
    assert_int_equal(pattern.count, 2);
    assert_string_equal(pattern.comparisons[0].value, "it's = \\ here");
    assert_string_equal(pattern.comparisons[1].value, "'");
    ioc_stix_pattern_release(&pattern);

    /* A backslash before anything else is kept, as regexes often have it. */
    pattern = parse_ok("[file:path MATCHES '^/var/.*\\.plist$']");
    assert_comparison(&pattern.comparisons[0], "file:path", OB_STIX_MATCHES, "^/var/.*\\.plist$");
    ioc_stix_pattern_release(&pattern);

    /* Brackets, parentheses and keywords inside strings are just text. */
    pattern = parse_ok("[file:name = '] AND [x:y = (\\')']");
    assert_int_equal(pattern.count, 1);
    assert_string_equal(pattern.comparisons[0].value, "] AND [x:y = (')");
    ioc_stix_pattern_release(&pattern);
}

static void test_stix__qualifiers(void **state)
{
    (void)state;
    static const char *const patterns[] = {
        "[file:name = 'a'] WITHIN 300 SECONDS",
        "[file:name = 'a'] WITHIN 2.5 SECONDS",
        "[file:name = 'a'] REPEATS 5 TIMES",
        "[file:name = 'a'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.123Z'",
        "([file:name = 'a'] AND [file:name = 'b']) REPEATS 2 TIMES WITHIN 10 SECONDS",
        "[file:name = 'a'] FOLLOWEDBY [file:name = 'b'] WITHIN 60 SECONDS",
    };
    for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
        struct ob_stix_pattern pattern = parse_ok(patterns[i]);
        assert_true(pattern.count >= 1);
        assert_string_equal(pattern.comparisons[0].value, "a");
        ioc_stix_pattern_release(&pattern);
    }
}

static void test_stix__operators_and_negation(void **state)
{
    (void)state;
    struct ob_stix_pattern pattern = parse_ok(
        "[file:name != 'a' OR file:size > 10 OR file:size < -1 OR file:size >= 2.5 OR "
        "file:size <= 3 OR file:name IN ('x', 'y') OR file:name LIKE 'a%' OR "
        "file:name MATCHES '^a$' OR ipv4-addr:value ISSUBSET '198.51.100.0/24' OR "
        "ipv4-addr:value ISSUPERSET '198.51.100.1/32' OR file:name NOT = 'n' OR "
        "EXISTS file:hashes.MD5 OR file:name <> 'z']");
    static const struct {
        enum ob_stix_operator op;
        const char *text, *value;
        bool negated;
    } expected[] = {
        {OB_STIX_NE, "!=", "a", false},
        {OB_STIX_OTHER, ">", "10", false},
        {OB_STIX_OTHER, "<", "-1", false},
        {OB_STIX_OTHER, ">=", "2.5", false},
        {OB_STIX_OTHER, "<=", "3", false},
        {OB_STIX_OTHER, "IN", "('x', 'y')", false},
        {OB_STIX_OTHER, "LIKE", "a%", false},
        {OB_STIX_MATCHES, "MATCHES", "^a$", false},
        {OB_STIX_OTHER, "ISSUBSET", "198.51.100.0/24", false},
        {OB_STIX_OTHER, "ISSUPERSET", "198.51.100.1/32", false},
        {OB_STIX_EQ, "=", "n", true},
        {OB_STIX_OTHER, "EXISTS", "", false},
        {OB_STIX_NE, "!=", "z", false},
    };
    assert_int_equal(pattern.count, sizeof(expected) / sizeof(expected[0]));
    for (size_t i = 0; i < pattern.count; i++) {
        assert_int_equal(pattern.comparisons[i].op, expected[i].op);
        assert_string_equal(pattern.comparisons[i].op_text, expected[i].text);
        assert_string_equal(pattern.comparisons[i].value, expected[i].value);
        assert_int_equal(pattern.comparisons[i].negated, expected[i].negated);
    }
    assert_string_equal(pattern.comparisons[11].object_path, "file:hashes.MD5");
    ioc_stix_pattern_release(&pattern);
}

static void test_stix__literals_and_object_paths(void **state)
{
    (void)state;
    struct ob_stix_pattern pattern = parse_ok(
        "[network-traffic:extensions.'http-request-ext'.request_method = 'get' AND "
        "email-message:to_refs[*].value = 'a@b.example' AND "
        "process:child_refs[0].name = 'sh' AND "
        "file:content_ref.payload_bin = b'aGVsbG8=' AND "
        "file:magic_number_hex = h'ffd8' AND "
        "file:created = t'2020-01-01T00:00:00Z' AND "
        "file:x_flag = true AND file:y_flag = false AND file:'name' = 'q']");
    static const struct {
        const char *path, *value;
    } expected[] = {
        {"network-traffic:extensions.'http-request-ext'.request_method", "get"},
        {"email-message:to_refs[*].value", "a@b.example"},
        {"process:child_refs[0].name", "sh"},
        {"file:content_ref.payload_bin", "b'aGVsbG8='"},
        {"file:magic_number_hex", "h'ffd8'"},
        {"file:created", "t'2020-01-01T00:00:00Z'"},
        {"file:x_flag", "true"},
        {"file:y_flag", "false"},
        {"file:'name'", "q"},
    };
    assert_int_equal(pattern.count, sizeof(expected) / sizeof(expected[0]));
    for (size_t i = 0; i < pattern.count; i++)
        assert_comparison(&pattern.comparisons[i], expected[i].path, OB_STIX_EQ, expected[i].value);
    enum ob_ioc_type type;
    assert_true(ioc_stix_path_type(pattern.comparisons[8].object_path, &type));
    assert_int_equal(type, OB_IOC_FILE_NAME);
    assert_false(ioc_stix_path_type(pattern.comparisons[2].object_path, &type));
    ioc_stix_pattern_release(&pattern);
}

/* ---- malformed and hostile patterns ----------------------------------- */

static void test_stix__malformed_patterns_are_parse_errors_with_offset(void **state)
{
    (void)state;
    static const struct {
        const char *pattern;
        long offset; /* where the error is reported */
    } cases[] = {
        {"", 0},
        {"   ", 3},
        {"[file:name = 'abc]", 13},                  /* unterminated string */
        {"[file:name = 'abc'", 18},                  /* missing ] */
        {"([file:name = 'a']", 18},                  /* unbalanced ( */
        {"[file:name = 'a'])", 17},                  /* unbalanced ) */
        {"[(file:name = 'a']", 17},                  /* ( closed by ] */
        {"file:name = 'a'", 0},                      /* no brackets */
        {"[file:name]", 10},                         /* no operator */
        {"[file:name = ]", 13},                      /* no value */
        {"[= 'a']", 1},                              /* no path */
        {"[file = 'a']", 6},                         /* no property */
        {"[file:name = 'a' AND]", 20},               /* dangling AND */
        {"[file:name = 'a'] [file:name = 'b']", 18}, /* no operator between */
        {"[file:name = 'a'] WITHIN SECONDS", 25},
        {"[file:name = 'a'] WITHIN 0 SECONDS", 25},
        {"[file:name = 'a'] REPEATS 1.5 TIMES", 26},
        {"[file:name = 'a'] START t'2016-06-01T00:00:00Z'", 47},
        {"[file:created = t'2020-01-01']", 16},
        {"[file:magic = h'abc']", 14},
        {"[file:bin = b'a$b']", 12},
        {"[file:name LIKE 5]", 16},
        {"[file:name IN ('a' 'b')]", 19},
        {"[file:name > true]", 13},
        {"[file:name ! 'a']", 11},
        {"[file:name = 'a'] ;", 18},
        {"[file:list[x] = 'a']", 11},
        {"[file:name = 12abc]", 13},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        long offset = parse_fails(cases[i].pattern, strlen(cases[i].pattern), OB_ERR_PARSE);
        if (offset != cases[i].offset)
            fail_msg("'%s': error at offset %ld, expected %ld", cases[i].pattern, offset,
                     cases[i].offset);
    }
    /* A NUL byte inside the pattern is an error, not an end. */
    static const char with_nul[] = "[file:name = 'a']\0 OR [x:y = 'b']";
    assert_int_equal(parse_fails(with_nul, sizeof(with_nul) - 1, OB_ERR_PARSE), 17);
}

static char *repeated(const char *prefix, char fill, size_t count, const char *suffix)
{
    size_t a = strlen(prefix), c = strlen(suffix);
    char *text = malloc(a + count + c + 1);
    assert_non_null(text);
    memcpy(text, prefix, a);
    memset(text + a, fill, count);
    memcpy(text + a + count, suffix, c + 1);
    return text;
}

static void test_stix__hostile_nesting_and_sizes(void **state)
{
    (void)state;
    /* 100,000 nested parentheses or brackets: an error, not a stack overflow. */
    char *deep = repeated("", '(', 100000, "[a:b = 'c']");
    parse_fails(deep, strlen(deep), OB_ERR_PARSE);
    free(deep);
    deep = repeated("[", '(', 100000, "a:b = 'c'");
    parse_fails(deep, strlen(deep), OB_ERR_PARSE);
    free(deep);
    deep = repeated("", '[', 100000, "");
    parse_fails(deep, strlen(deep), OB_ERR_PARSE);
    free(deep);

    /* 64 levels are fine. */
    char nested[256];
    snprintf(nested, sizeof(nested), "%.*s[a:b = 'c']%.*s", 64,
             "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((", 64,
             "))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))");
    struct ob_stix_pattern pattern = parse_ok(nested);
    assert_int_equal(pattern.count, 1);
    ioc_stix_pattern_release(&pattern);

    /* A string of 900,000 bytes is fine; a pattern over 1 MiB is a limit. */
    char *huge = repeated("[file:name = '", 'A', 900000, "']");
    pattern = parse_ok(huge);
    assert_int_equal(strlen(pattern.comparisons[0].value), 900000);
    ioc_stix_pattern_release(&pattern);
    free(huge);
    huge = repeated("[file:name = '", 'A', 2 << 20, "']");
    parse_fails(huge, strlen(huge), OB_ERR_LIMIT);
    free(huge);
    /* An unterminated huge string is reported where it starts. */
    huge = repeated("[file:name = '", 'A', 1000000, "");
    assert_int_equal(parse_fails(huge, strlen(huge), OB_ERR_PARSE), 13);
    free(huge);

    /* More than 10,000 comparisons is a limit. */
    const char *one = "a:b = '1' OR ";
    size_t count = 10001, size = strlen(one) * count + 16;
    char *many = malloc(size);
    assert_non_null(many);
    strcpy(many, "[");
    for (size_t i = 0; i < count; i++)
        strcat(many + i * strlen(one), one);
    strcat(many, "a:b = '2']");
    parse_fails(many, strlen(many), OB_ERR_LIMIT);
    free(many);
}

/* ---- object paths ------------------------------------------------------ */

static void test_stix__path_type_mapping(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        bool known;
        enum ob_ioc_type type;
    } cases[] = {
        {"domain-name:value", true, OB_IOC_DOMAIN},
        {"url:value", true, OB_IOC_URL},
        {"email-addr:value", true, OB_IOC_EMAIL},
        {"ipv4-addr:value", true, OB_IOC_IPV4},
        {"ipv6-addr:value", true, OB_IOC_IPV6},
        {"file:name", true, OB_IOC_FILE_NAME},
        {"file:path", true, OB_IOC_FILE_PATH},
        {"file:hashes.sha256", true, OB_IOC_SHA256},
        {"file:hashes.SHA256", true, OB_IOC_SHA256},
        {"file:hashes.'SHA-256'", true, OB_IOC_SHA256},
        {"file:hashes.'sha-256'", true, OB_IOC_SHA256},
        {"file:hashes.'sha256'", true, OB_IOC_SHA256},
        {"file:hashes.md5", true, OB_IOC_MD5},
        {"file:hashes.MD5", true, OB_IOC_MD5},
        {"file:hashes.'MD5'", true, OB_IOC_MD5},
        {"file:hashes.sha1", true, OB_IOC_SHA1},
        {"file:hashes.'SHA-1'", true, OB_IOC_SHA1},
        {"file:hashes.SHA1", true, OB_IOC_SHA1},
        {"process:name", true, OB_IOC_PROCESS_NAME},
        {"app:id", true, OB_IOC_APP_ID},
        {"app:cert.sha256", true, OB_IOC_APP_CERT_SHA256},
        {"configuration-profile:id", true, OB_IOC_CONFIG_PROFILE_ID},
        {"file:'name'", true, OB_IOC_FILE_NAME},
        {"file:hashes.'SHA-512'", false, 0},
        {"file:hashes", false, 0},
        {"file:hashes.sha256.x", false, 0},
        {"file:size", false, 0},
        {"file:name[0]", false, 0},
        {"network-traffic:dst_port", false, 0},
        {"app:cert.md5", false, 0},
        {"domain-name:value.x", false, 0},
        {"domain-name", false, 0},
        {"", false, 0},
        {"file:hashes.'SHA-256", false, 0},
        {"file:hashes.", false, 0},
        {"file:", false, 0},
        {"Domain-Name:value", false, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum ob_ioc_type type = OB_IOC_TYPE_COUNT;
        bool known = ioc_stix_path_type(cases[i].path, &type);
        if (known != cases[i].known)
            fail_msg("'%s': known %d, expected %d", cases[i].path, known, cases[i].known);
        if (known)
            assert_int_equal(type, cases[i].type);
    }
}

static void test_stix__release_twice_is_harmless(void **state)
{
    (void)state;
    struct ob_stix_pattern pattern = parse_ok("[a:b = 'c']");
    ioc_stix_pattern_release(&pattern);
    ioc_stix_pattern_release(&pattern);
    ioc_stix_pattern_release(NULL);
    assert_int_equal(pattern.count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stix__issue_pattern_forms),
        cmocka_unit_test(test_stix__compound_and_or_within_and_across_brackets),
        cmocka_unit_test(test_stix__escaped_quotes_and_backslashes),
        cmocka_unit_test(test_stix__qualifiers),
        cmocka_unit_test(test_stix__operators_and_negation),
        cmocka_unit_test(test_stix__literals_and_object_paths),
        cmocka_unit_test(test_stix__malformed_patterns_are_parse_errors_with_offset),
        cmocka_unit_test(test_stix__hostile_nesting_and_sizes),
        cmocka_unit_test(test_stix__path_type_mapping),
        cmocka_unit_test(test_stix__release_twice_is_harmless),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
