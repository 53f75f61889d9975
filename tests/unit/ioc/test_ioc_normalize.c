/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of indicator value normalisation: hashes, domains (with IDN),
 * URLs, e-mail addresses, IP addresses and networks, and the type names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "oberig/ioc.h"
#include "store_fixture.h"

/* Normalises and expects OB_OK, `value` and `unicode` ("" for none). */
static void normal_ok(enum ob_ioc_type type, const char *input, const char *value,
                      const char *unicode)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    assert_non_null(ctx);
    char out[OB_IOC_VALUE_MAX + 1], wide[OB_IOC_VALUE_MAX + 1];
    enum ob_status status = ob_ioc_normalize(ctx, type, input, strlen(input), out, sizeof(out),
                                             wide, sizeof(wide));
    if (status != OB_OK)
        fail_msg("%s '%s' gave %s: %s", ob_ioc_type_name(type), input, ob_strerror(status),
                 ob_context_last_error(ctx));
    if (strcmp(out, value) != 0)
        fail_msg("%s '%s' normalised to '%s', expected '%s'", ob_ioc_type_name(type), input, out,
                 value);
    if (strcmp(wide, unicode) != 0)
        fail_msg("%s '%s' has Unicode form '%s', expected '%s'", ob_ioc_type_name(type), input,
                 wide, unicode);
    ob_context_free(ctx);
}

static void normal_fails(enum ob_ioc_type type, const char *input, enum ob_status expected)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    assert_non_null(ctx);
    char out[OB_IOC_VALUE_MAX + 1], wide[OB_IOC_VALUE_MAX + 1];
    enum ob_status status = ob_ioc_normalize(ctx, type, input, strlen(input), out, sizeof(out),
                                             wide, sizeof(wide));
    if (status != expected)
        fail_msg("%s '%s' gave %s ('%s'), expected %s", ob_ioc_type_name(type), input,
                 ob_strerror(status), status == OB_OK ? out : ob_context_last_error(ctx),
                 ob_strerror(expected));
    if (expected == OB_ERR_PARSE)
        assert_true(ob_context_last_error(ctx)[0] != '\0');
    ob_context_free(ctx);
}

static void test_ioc_normalize__hashes(void **state)
{
    (void)state;
    normal_ok(OB_IOC_MD5, "0C2674C3A97C53082187D930EFB645C2", MD5_A, "");
    normal_ok(OB_IOC_SHA1, " 58E9f72081efff9bdaabd82e3b3efe5b1b9f1666\t", SHA1_A, "");
    normal_ok(OB_IOC_SHA256, SHA256_A_UPPER, SHA256_A, "");
    normal_fails(OB_IOC_MD5, "0c2674c3a97c53082187d930efb645c", OB_ERR_PARSE);   /* 31 */
    normal_fails(OB_IOC_MD5, "0c2674c3a97c53082187d930efb645c22", OB_ERR_PARSE); /* 33 */
    normal_fails(OB_IOC_MD5, "0c2674c3a97c53082187d930efb645cg", OB_ERR_PARSE);
    normal_fails(OB_IOC_SHA1, MD5_A, OB_ERR_PARSE);
    normal_fails(OB_IOC_SHA256, SHA1_A, OB_ERR_PARSE);
    normal_fails(OB_IOC_SHA256, "", OB_ERR_PARSE);
    /* Certificate fingerprints are written with colons; only they may be. */
    normal_ok(OB_IOC_APP_CERT_SHA256,
              "BF:4F:41:40:32:80:C1:B1:15:65:0D:47:0F:9B:26:0A:5C:90:42:C0:4D:9B:CC:2A:6C:A5:04:"
              "A6:63:79:B2:D6",
              SHA256_A, "");
    normal_fails(OB_IOC_SHA256,
                 "BF:4F:41:40:32:80:C1:B1:15:65:0D:47:0F:9B:26:0A:5C:90:42:C0:"
                 "4D:9B:CC:2A:6C:A5:04:A6:63:79:B2:D6",
                 OB_ERR_PARSE);
    normal_fails(OB_IOC_APP_CERT_SHA256, "BF:4F", OB_ERR_PARSE);
    /* An output buffer that cannot hold the value. */
    char small[10];
    assert_int_equal(ob_ioc_normalize(NULL, OB_IOC_MD5, MD5_A, 32, small, sizeof(small), NULL, 0),
                     OB_ERR_LIMIT);
}

static void test_ioc_normalize__domains(void **state)
{
    (void)state;
    normal_ok(OB_IOC_DOMAIN, "Evil.EXAMPLE.", "evil.example", "");
    normal_ok(OB_IOC_DOMAIN, "  evil.example..  ", "evil.example", "");
    /* IDN: punycode value, Unicode form kept for people to read. */
    normal_ok(OB_IOC_DOMAIN, UKR_UNICODE, UKR_ASCII, UKR_UNICODE);
    normal_ok(OB_IOC_DOMAIN,
              "\xd0\x9f\xd0\xa0\xd0\x98\xd0\x9c\xd0\x95\xd0\xa0.\xd0\xa3\xd0\x9a"
              "\xd0\xa0.", /* ПРИМЕР.УКР. */
              UKR_ASCII, UKR_UNICODE);
    /* An ideographic full stop is a dot, also at the end. */
    normal_ok(OB_IOC_DOMAIN,
              "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80\xe3\x80\x82\xd1\x83\xd0\xba\xd1\x80"
              "\xe3\x80\x82",
              UKR_ASCII, UKR_UNICODE);
    /* Punycode input gets its Unicode form too. */
    normal_ok(OB_IOC_DOMAIN, "XN--E1AFMKFD.xn--j1amh", UKR_ASCII, UKR_UNICODE);
    normal_ok(OB_IOC_DOMAIN, "a." UKR_ASCII, "a." UKR_ASCII, "a." UKR_UNICODE);
    normal_fails(OB_IOC_DOMAIN, "evil example", OB_ERR_PARSE);
    normal_fails(OB_IOC_DOMAIN, "evil\texample", OB_ERR_PARSE);
    normal_fails(OB_IOC_DOMAIN, "...", OB_ERR_PARSE);
    normal_fails(OB_IOC_DOMAIN, "   ", OB_ERR_PARSE);
    normal_fails(OB_IOC_DOMAIN, "\xd0\xbf\xff.example", OB_ERR_PARSE); /* not UTF-8 */
}

static void test_ioc_normalize__urls(void **state)
{
    (void)state;
    normal_ok(OB_IOC_URL, "HTTPS://Evil.Example/Path/A?Q=B#Frag",
              "https://evil.example/Path/A?Q=B#Frag", "");
    normal_ok(OB_IOC_URL, "http://" UKR_UNICODE "/\xd0\xa8", "http://" UKR_ASCII "/\xd0\xa8",
              "http://" UKR_UNICODE "/\xd0\xa8");
    normal_ok(OB_IOC_URL, "FTP://User:Pw@Host.Example.:8080/X", "ftp://User:Pw@host.example:8080/X",
              "");
    normal_ok(OB_IOC_URL, "http://[2001:DB8::1]:443/A", "http://[2001:db8::1]:443/A", "");
    /* Without a scheme the URL starts with its host, even when its query
     * holds another URL. */
    normal_ok(OB_IOC_URL, "Evil.Example/Go", "evil.example/Go", "");
    normal_ok(OB_IOC_URL, "Evil.Example/go?to=HTTP://X", "evil.example/go?to=HTTP://X", "");
    normal_ok(OB_IOC_URL, "Evil.Example?u=a://b", "evil.example?u=a://b", "");
    normal_fails(OB_IOC_URL, "http://evil.example/a b", OB_ERR_PARSE);
    normal_fails(OB_IOC_URL, "://evil.example/", OB_ERR_PARSE);
    normal_fails(OB_IOC_URL, "ht_tp://evil.example/", OB_ERR_PARSE);
    normal_fails(OB_IOC_URL, "http:///path", OB_ERR_PARSE);
    normal_fails(OB_IOC_URL, "http://user@:80/", OB_ERR_PARSE);
    normal_fails(OB_IOC_URL, "http://[::1/", OB_ERR_PARSE);
}

static void test_ioc_normalize__email_and_ip(void **state)
{
    (void)state;
    normal_ok(OB_IOC_EMAIL, "Bad.Guy@Evil.Example.", "bad.guy@evil.example", "");
    normal_ok(OB_IOC_EMAIL, "Info@" UKR_UNICODE, "info@" UKR_ASCII, "info@" UKR_UNICODE);
    normal_fails(OB_IOC_EMAIL, "no-at-sign.example", OB_ERR_PARSE);
    normal_fails(OB_IOC_EMAIL, "@evil.example", OB_ERR_PARSE);
    normal_fails(OB_IOC_EMAIL, "bad@", OB_ERR_PARSE);
    normal_fails(OB_IOC_EMAIL, "bad guy@evil.example", OB_ERR_PARSE);

    normal_ok(OB_IOC_IPV4, " 192.0.2.1 ", "192.0.2.1", "");
    normal_ok(OB_IOC_IPV4, "10.0.0.0/8", "10.0.0.0/8", "");
    normal_ok(OB_IOC_IPV6, "2001:DB8:0:0::1", "2001:db8::1", "");
    normal_ok(OB_IOC_IPV6, "2001:0DB8:0000::/32", "2001:db8::/32", "");
    normal_fails(OB_IOC_IPV4, "10.0.0.0/33", OB_ERR_PARSE);
    normal_fails(OB_IOC_IPV4, "10.0.0.0/", OB_ERR_PARSE);
    normal_fails(OB_IOC_IPV4, "10.0.0.0/+8", OB_ERR_PARSE);
    normal_fails(OB_IOC_IPV4, "10.0.0.0/-0", OB_ERR_PARSE);
    normal_fails(OB_IOC_IPV4, "10.0.0.0/8x", OB_ERR_PARSE);
    normal_fails(OB_IOC_IPV6, "2001:db8::/129", OB_ERR_PARSE);
    normal_fails(OB_IOC_IPV4, "256.0.0.1", OB_ERR_PARSE);
    normal_fails(OB_IOC_IPV4, "2001:db8::1", OB_ERR_PARSE);
    normal_fails(OB_IOC_IPV6, "192.0.2.1", OB_ERR_PARSE);
    normal_fails(OB_IOC_IPV6, "2001:db8:::1", OB_ERR_PARSE);

    /* Other types are trimmed, and must be text. */
    normal_ok(OB_IOC_FILE_PATH, "  C:\\Users\\Evil.exe ", "C:\\Users\\Evil.exe", "");
    normal_fails(OB_IOC_FILE_NAME,
                 "a\x01"
                 "b",
                 OB_ERR_PARSE);
    normal_fails(OB_IOC_APP_ID, "com.\xff", OB_ERR_PARSE);
}

static void test_ioc_normalize__type_names_round_trip(void **state)
{
    (void)state;
    for (int type = 0; type < OB_IOC_TYPE_COUNT; type++) {
        const char *name = ob_ioc_type_name((enum ob_ioc_type)type);
        enum ob_ioc_type parsed = OB_IOC_TYPE_COUNT;
        assert_string_not_equal(name, "unknown");
        if (!ob_ioc_type_parse(name, &parsed) || parsed != (enum ob_ioc_type)type)
            fail_msg("type name '%s' does not parse back to %d", name, type);
    }
    assert_string_equal(ob_ioc_type_name(OB_IOC_APP_CERT_SHA256), "app-cert-sha256");
    assert_string_equal(ob_ioc_type_name(OB_IOC_TYPE_COUNT), "unknown");
    assert_string_equal(ob_ioc_type_name((enum ob_ioc_type) - 1), "unknown");
    enum ob_ioc_type parsed;
    assert_false(ob_ioc_type_parse("Domain", &parsed));
    assert_false(ob_ioc_type_parse("unknown", &parsed));
    assert_false(ob_ioc_type_parse("", &parsed));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ioc_normalize__hashes),
        cmocka_unit_test(test_ioc_normalize__domains),
        cmocka_unit_test(test_ioc_normalize__urls),
        cmocka_unit_test(test_ioc_normalize__email_and_ip),
        cmocka_unit_test(test_ioc_normalize__type_names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
