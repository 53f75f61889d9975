/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of indicators fit to share: defanging, the punycode form of a
 * host, addresses told from display names, context hosts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mail/mail_internal.h"
#include "oberig/mail.h"

static void expect_defanged(const char *kind, const char *value, const char *expected)
{
    char out[256];
    size_t length = ob_mail_defang(kind, value, out, sizeof(out));
    assert_string_equal(out, expected);
    assert_int_equal(length, strlen(expected));
}

static void test_share__defang_links_hosts_and_addresses(void **state)
{
    (void)state;
    expect_defanged("url", "https://docs-view.online/x", "hxxps://docs-view[.]online/x");
    expect_defanged("url", "HTTP://evil.example:8080/a.b/c?d=e.f",
                    "hxxp://evil[.]example:8080/a.b/c?d=e.f");
    expect_defanged("url", "ftp://files.evil.example/a.exe", "fxp://files.evil[.]example/a.exe");
    expect_defanged("url", "https://user@login.evil.example/",
                    "hxxps://user@login.evil[.]example/");
    expect_defanged("domain", "mail.evil.example", "mail.evil[.]example");
    expect_defanged("from", "user@evil.example", "user@evil[.]example");
    expect_defanged("contact-address", "first.last@gmail.com", "first.last@gmail[.]com");
    expect_defanged("ip", "203.0.113.9", "203.0.113[.]9");
    expect_defanged("ip", "[2001:db8::1]", "[2001:db8::1]");
    /* An attachment's name is a name, not a host. */
    expect_defanged("attachment", "invoice.pdf.exe", "invoice.pdf.exe");
}

static void test_share__defang_cuts_to_the_buffer(void **state)
{
    (void)state;
    char out[8];
    size_t length = ob_mail_defang("domain", "docs-view.online", out, sizeof(out));
    assert_int_equal(length, 7);
    assert_string_equal(out, "docs-vi");
    char tiny[1];
    assert_int_equal(ob_mail_defang("url", "https://a.example", tiny, sizeof(tiny)), 0);
    assert_string_equal(tiny, "");
}

static void test_share__punycode_of_a_host_that_is_not_ascii(void **state)
{
    (void)state;
    char out[256];
    assert_int_equal(mail_indicator_ascii("domain", "gооgle.com", out, sizeof(out)), OB_OK);
    assert_string_equal(out, "xn--ggle-55da.com");
    assert_int_equal(
        mail_indicator_ascii("url", "https://gооgle.com:443/a?b=укр", out, sizeof(out)), OB_OK);
    assert_string_equal(out, "https://xn--ggle-55da.com:443/a?b=укр");
    assert_int_equal(mail_indicator_ascii("reply-to", "олена@пошта.укр", out, sizeof(out)), OB_OK);
    assert_string_equal(out, "олена@xn--80a1acn3a.xn--j1amh");
    /* ASCII hosts, IPs and attachments have no other form. */
    assert_int_equal(mail_indicator_ascii("domain", "docs-view.online", out, sizeof(out)),
                     OB_ERR_NOT_FOUND);
    assert_int_equal(mail_indicator_ascii("url", "https://a.example/путь", out, sizeof(out)),
                     OB_ERR_NOT_FOUND);
    assert_int_equal(mail_indicator_ascii("attachment", "рахунок.zip", out, sizeof(out)),
                     OB_ERR_NOT_FOUND);
    char small[8];
    assert_int_equal(mail_indicator_ascii("domain", "gооgle.com", small, sizeof(small)),
                     OB_ERR_LIMIT);
}

static void test_share__addresses_are_not_display_names(void **state)
{
    (void)state;
    assert_true(mail_looks_like_address("hromadske.redakcia@gmail.com"));
    assert_true(mail_looks_like_address("no-reply@gооgle.com"));
    assert_false(mail_looks_like_address("support"));
    assert_false(mail_looks_like_address("Ukrposhta Support"));
    assert_false(mail_looks_like_address("Служба підтримки <support@ukrposhta.ua>"));
    assert_false(mail_looks_like_address("@evil.example"));
    assert_false(mail_looks_like_address("user@localhost"));
    assert_false(mail_looks_like_address("user@evil.example."));
    assert_true(mail_indicator_is_address("forwarded-from"));
    assert_false(mail_indicator_is_address("domain"));
}

static void test_share__context_hosts_and_their_reasons(void **state)
{
    (void)state;
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_mail_data data;
    assert_int_equal(mail_data_load(&data, NULL, ctx), OB_OK);
    assert_string_equal(mail_context_host(&data, "fonts.gstatic.com"), "cdn");
    assert_string_equal(mail_context_host(&data, "bucket.s3.amazonaws.com"), "cdn");
    assert_string_equal(mail_context_host(&data, "newsroom.us1.list-manage.com"), "tracking");
    assert_string_equal(mail_context_host(&data, "u123.ct.sendgrid.net"), "tracking");
    assert_null(mail_context_host(&data, "docs-view.online"));
    assert_null(mail_context_host(&data, "notgstatic.com"));
    mail_data_release(&data);
    ob_context_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_share__defang_links_hosts_and_addresses),
        cmocka_unit_test(test_share__defang_cuts_to_the_buffer),
        cmocka_unit_test(test_share__punycode_of_a_host_that_is_not_ascii),
        cmocka_unit_test(test_share__addresses_are_not_display_names),
        cmocka_unit_test(test_share__context_hosts_and_their_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
