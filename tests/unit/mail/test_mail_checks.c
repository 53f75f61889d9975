/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the mail checks on messages built by hand: each check
 * fires on what it is meant to find, and stays quiet on ordinary mail. */
#include <stdarg.h>
#include <stddef.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mail/mail_internal.h"

/* ---- fixtures ---------------------------------------------------------------- */

struct fixture {
    struct ob_context *ctx;
    struct ob_scan *engine; /* for the attachments, without rules or file indicators */
    struct ob_mail_data data;
    struct ob_mail_options options;
    struct ob_mail_message message;
    struct ob_mail_verdict_builder verdict;
    struct ob_mail_header headers[8];
    struct ob_mail_body bodies[2];
    struct ob_mail_link links[4];
    struct ob_mail_attachment attachments[2];
    struct ob_mail_address reply_to[1];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    f->ctx = ob_context_new(NULL, NULL);
    assert_int_equal(mail_data_load(&f->data, NULL, f->ctx), OB_OK);
    struct ob_scan_options scan_options;
    ob_scan_options_init(&scan_options);
    assert_int_equal(ob_scan_new(&scan_options, NULL, NULL, NULL, &f->engine), OB_OK);
    ob_mail_options_init(&f->options);
    mail_verdict_init(&f->verdict);
    struct ob_mail_address empty = {"", "", ""};
    f->message.from = f->message.sender = f->message.return_path = empty;
    f->message.forwarded.from = f->message.forwarded.sender = empty;
    f->message.forwarded.subject = "";
    f->message.subject = "";
    f->message.message_id = "";
    f->message.source = "test";
    f->message.headers = f->headers;
    f->message.bodies = f->bodies;
    f->message.links = f->links;
    f->message.attachments = f->attachments;
    f->message.reply_to = f->reply_to;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    mail_verdict_release(&f->verdict);
    free(f->message.notices); /* the engine's notices on attachments */
    core_arena_release(&f->message.text);
    mail_data_release(&f->data);
    ob_scan_free(f->engine);
    ob_context_free(f->ctx);
    free(f);
    return 0;
}

/* A link as the parser gives it; run_all fills where it goes. */
static struct ob_mail_link link_to(const char *url, const char *shown, int kind)
{
    return (struct ob_mail_link){.url = url, .shown = shown, .kind = kind};
}

static void from(struct fixture *f, const char *display, const char *address, const char *domain)
{
    f->message.from = (struct ob_mail_address){display, address, domain};
}

static void header(struct fixture *f, const char *name, const char *value)
{
    f->headers[f->message.header_count++] = (struct ob_mail_header){name, value, value};
}

static void run_all(struct fixture *f)
{
    struct ob_mail_sites sites = {0};
    mail_resolve_links(&f->message, &f->data, &sites);
    struct ob_mail_check_context check = {.message = &f->message,
                                          .data = &f->data,
                                          .options = &f->options,
                                          .verdict = &f->verdict,
                                          .sites = &sites};
    mail_check_auth(&check);
    mail_check_sender(&check);
    mail_check_lookalike(&check);
    mail_check_links(&check);
    mail_check_attachments(&check);
    mail_check_content(&check);
    mail_check_bulk(&check);
    mail_scan_attachments(&check, &f->message, f->engine, f->ctx);
}

/* Starts a new verdict for the next case of a test. */
static void reset_verdict(struct fixture *f)
{
    mail_verdict_release(&f->verdict);
    mail_verdict_init(&f->verdict);
}

static const struct ob_mail_reason *reason_of(const struct fixture *f, const char *signal)
{
    for (size_t i = 0; i < f->verdict.reason_count; i++)
        if (strcmp(f->verdict.reasons[i].signal, signal) == 0)
            return &f->verdict.reasons[i];
    return NULL;
}

static int score_of(const struct fixture *f, const char *signal)
{
    const struct ob_mail_reason *reason = reason_of(f, signal);
    return reason != NULL ? reason->score : -1;
}

/* ---- authentication ------------------------------------------------------------ */

static void test_mail_checks__microsoft_results_without_authserv_id(void **state)
{
    struct fixture *f = *state;
    from(f, "Shop", "news@shop.example", "shop.example");
    header(f, "Authentication-Results",
           "spf=none (sender IP is 57.128.69.202) smtp.mailfrom=bulk.example; dkim=none "
           "(message not signed) header.d=none;dmarc=none action=none "
           "header.from=shop.example;compauth=fail reason=001");
    run_all(f);
    assert_int_equal(score_of(f, "auth-compauth-fail"), 30);
    assert_true(score_of(f, "auth-unverified") > 0);
    assert_int_equal(score_of(f, "auth-dmarc-fail"), -1);
    assert_int_equal(score_of(f, "auth-pass"), -1);
}

static void test_mail_checks__dmarc_failure_names_the_claimed_domain(void **state)
{
    struct fixture *f = *state;
    from(f, "Bank", "info@bank.example", "bank.example");
    header(f, "Authentication-Results",
           "mx.example.net; spf=fail smtp.mailfrom=other.example; dkim=fail header.d=x.example; "
           "dmarc=fail (p=reject) header.from=bank.example");
    run_all(f);
    assert_int_equal(score_of(f, "auth-dmarc-fail"), 40);
    assert_int_equal(score_of(f, "auth-spf-fail"), 20);
    assert_int_equal(score_of(f, "auth-dkim-fail"), 15);
    bool named = false;
    for (size_t i = 0; i < f->verdict.reason_count; i++)
        named |= strstr(f->verdict.reasons[i].explanation, "bank.example") != NULL;
    assert_true(named);
}

static void test_mail_checks__passing_authentication_is_weak_evidence(void **state)
{
    struct fixture *f = *state;
    from(f, "Colleague", "a@org.example", "org.example");
    header(f, "To", "olena@org.example");
    header(f, "Authentication-Results",
           "mx.example.net; spf=pass smtp.mailfrom=org.example; dkim=pass header.d=org.example; "
           "dmarc=pass header.from=org.example");
    run_all(f);
    assert_int_equal(score_of(f, "auth-pass"), 0);
    assert_int_equal(f->verdict.score, 0);
}

static const char *evidence_of(const struct fixture *f, const char *signal)
{
    const struct ob_mail_reason *reason = reason_of(f, signal);
    return reason != NULL ? reason->evidence : "";
}

static const char *explanation_of(const struct fixture *f, const char *signal)
{
    const struct ob_mail_reason *reason = reason_of(f, signal);
    return reason != NULL ? reason->explanation : "";
}

static void test_mail_checks__aligned_domain_reported(void **state)
{
    struct fixture *f = *state;
    from(f, "Colleague", "a@org.example", "org.example");
    header(f, "To", "olena@org.example");
    /* Relaxed alignment: a subdomain of the From domain counts. */
    header(f, "Authentication-Results",
           "mx.example.net; spf=pass smtp.mailfrom=bounce.org.example; dkim=pass "
           "header.d=org.example; dmarc=pass header.from=org.example");
    run_all(f);
    assert_non_null(strstr(evidence_of(f, "auth-pass"), "aligned=org.example (DKIM and SPF)"));
    assert_non_null(strstr(explanation_of(f, "auth-pass"), "is the one verified"));
    reset_verdict(f);
    /* Passes for other domains only: said so, with those domains. */
    from(f, "Shop", "news@shop.example", "shop.example");
    f->message.header_count = 1;
    header(f, "Authentication-Results",
           "mx.example.net; spf=pass smtp.mailfrom=bulk.example; dkim=fail header.d=shop.example; "
           "dkim=pass header.d=esp.example; dmarc=none header.from=shop.example");
    run_all(f);
    assert_non_null(strstr(evidence_of(f, "auth-pass"), "header.d=esp.example aligned=none"));
    assert_non_null(strstr(explanation_of(f, "auth-pass"),
                           "None of the checks that passed is for shop.example, the domain in "
                           "the From address: SPF passed for bulk.example, DKIM for "
                           "esp.example"));
}

static void test_mail_checks__alignment_said_in_one_sentence_per_case(void **state)
{
    struct fixture *f = *state;
    /* Verified by DKIM alone: the From domain and the method. */
    from(f, "Colleague", "a@org.example", "org.example");
    header(f, "Authentication-Results",
           "mx.example.net; spf=fail smtp.mailfrom=other.example; dkim=pass header.d=org.example; "
           "dmarc=pass header.from=org.example");
    run_all(f);
    assert_non_null(strstr(explanation_of(f, "auth-pass"),
                           "pass too. The domain of the From address is the one verified: "
                           "org.example (DKIM)."));
    reset_verdict(f);
    /* A DKIM pass for another domain alone is named in a sentence of its own. */
    from(f, "Shop", "news@shop.example", "shop.example");
    f->message.header_count = 0;
    header(f, "Authentication-Results",
           "mx.example.net; spf=fail smtp.mailfrom=shop.example; dkim=pass header.d=esp.example; "
           "dmarc=bestguesspass header.from=shop.example");
    run_all(f);
    assert_non_null(strstr(explanation_of(f, "auth-pass"),
                           "pass too. None of the checks that passed is for shop.example, the "
                           "domain in the From address: DKIM passed for esp.example."));
    reset_verdict(f);
    /* Passes that name no domain: only the From domain is named. */
    from(f, "Shop", "news@shop.example", "shop.example");
    f->message.header_count = 0;
    header(f, "Authentication-Results", "mx.example.net; spf=pass; dkim=none; dmarc=none");
    run_all(f);
    assert_non_null(strstr(explanation_of(f, "auth-pass"),
                           "pass too. None of the checks that passed is for shop.example, the "
                           "domain in the From address."));
}

/* ---- sender and look-alikes ------------------------------------------------------ */

static void test_mail_checks__cyrillic_letter_in_brand_domain(void **state)
{
    struct fixture *f = *state;
    /* "pаypal.com" with U+0430 CYRILLIC SMALL LETTER A, in punycode. */
    from(f, "Service", "service@xn--pypal-4ve.com", "xn--pypal-4ve.com");
    run_all(f);
    assert_int_equal(score_of(f, "lookalike-confusable"), 60);
    assert_true(score_of(f, "lookalike-mixed-script") > 0);
    assert_true(score_of(f, "lookalike-punycode-sender") > 0);
}

static void test_mail_checks__typo_squat_but_not_another_word(void **state)
{
    struct fixture *f = *state;
    /* A letter added; the digit 1 for an l is a confusable (see skeletons). */
    from(f, "", "x@paypall.example", "paypall.example");
    run_all(f);
    assert_int_equal(score_of(f, "lookalike-brand"), 45);
    reset_verdict(f);
    from(f, "", "x@paypa1.example", "paypa1.example");
    run_all(f);
    assert_int_equal(score_of(f, "lookalike-confusable"), 60);

    struct fixture *g = *state;
    mail_verdict_release(&g->verdict);
    mail_verdict_init(&g->verdict);
    from(g, "", "news@finance.example", "finance.example"); /* not "binance" */
    run_all(g);
    assert_int_equal(score_of(g, "lookalike-brand"), -1);
}

static void test_mail_checks__display_name_with_another_address(void **state)
{
    struct fixture *f = *state;
    from(f, "security@paypal.com", "x@mailer.example", "mailer.example");
    run_all(f);
    assert_int_equal(score_of(f, "sender-name-shows-other-address"), 35);
}

static void test_mail_checks__free_mail_account_posing_as_a_bank(void **state)
{
    struct fixture *f = *state;
    from(f, "PrivatBank Support", "privat.help@gmail.com", "gmail.com");
    run_all(f);
    assert_int_equal(score_of(f, "sender-freemail-organisation"), 30);
    assert_int_equal(score_of(f, "sender-brand-mismatch"), 40);
}

static void test_mail_checks__reply_to_elsewhere_except_mailing_lists(void **state)
{
    struct fixture *f = *state;
    from(f, "Olena", "olena@news.example", "news.example");
    f->reply_to[0] = (struct ob_mail_address){"", "desk@other.example", "other.example"};
    f->message.reply_to_count = 1;
    header(f, "To", "you@example.org");
    run_all(f);
    assert_int_equal(score_of(f, "sender-reply-to-elsewhere"), 20);

    reset_verdict(f);
    header(f, "List-Id", "<list.news.example>");
    run_all(f);
    assert_int_equal(score_of(f, "sender-reply-to-elsewhere"), -1);
}

/* ---- links -------------------------------------------------------------------- */

static void test_mail_checks__link_text_against_unwrapped_safe_link(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    f->links[0] = link_to(
        "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Flogin.evil.example"
        "%2Fpaypal&data=05%7C01",
        "https://www.paypal.com/signin", OB_LINK_ANCHOR);
    /* A wrapped link that goes where it says is fine. */
    f->links[1] = link_to(
        "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.org.example%2F",
        "www.org.example", OB_LINK_ANCHOR);
    /* The look-alike check also reads the wrapped address. */
    f->links[2] = link_to("https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2F"
                          "www.paypa1.com%2Fsignin&data=05",
                          "Sign in", OB_LINK_ANCHOR);
    f->message.link_count = 3;
    run_all(f);
    assert_int_equal(score_of(f, "link-text-mismatch"), 35);
    size_t mismatches = 0;
    for (size_t i = 0; i < f->verdict.reason_count; i++)
        mismatches += strstr(f->verdict.reasons[i].evidence, "evil.example") != NULL;
    assert_int_equal(mismatches, 1);
    assert_int_equal(score_of(f, "lookalike-confusable"), 60);
    assert_non_null(strstr(evidence_of(f, "lookalike-confusable"), "paypa1.com"));
    assert_string_equal(f->links[2].target, "https://www.paypa1.com/signin");
    assert_string_equal(f->links[2].host, "www.paypa1.com");
    assert_string_equal(f->links[2].site, "paypa1.com");
}

static void test_mail_checks__links_resolved_to_host_and_site(void **state)
{
    struct fixture *f = *state;
    struct ob_mail_link links[40];
    const char *urls[] = {"https://news.org.example/a", "http://203.0.113.5/b",
                          "https://WWW.Shop.co.uk:8443/c", "mailto:a@org.example"};
    const char *hosts[] = {"news.org.example", "203.0.113.5", "www.shop.co.uk", ""};
    const char *sites[] = {"org.example", "203.0.113.5", "shop.co.uk", ""};
    /* Hosts repeat (the remembered answer is reused), and each link gets
     * its own host's. */
    for (size_t i = 0; i < 40; i++)
        links[i] = link_to(urls[(i * i + i / 7) % 4], "", OB_LINK_TEXT);
    f->message.links = links;
    f->message.link_count = 40;
    struct ob_mail_sites remembered = {0};
    mail_resolve_links(&f->message, &f->data, &remembered);
    assert_int_equal(remembered.count, 3); /* one per distinct host */
    for (size_t i = 0; i < 40; i++) {
        size_t which = (i * i + i / 7) % 4;
        assert_string_equal(links[i].target, urls[which]);
        assert_string_equal(links[i].host, hosts[which]);
        assert_string_equal(links[i].site, sites[which]);
    }
    f->message.links = f->links;
    f->message.link_count = 0;
}

/* Wrappers inside wrappers, a wrapper of a bare domain, a wrapped address
 * longer than any buffer, and IPv4 addresses written as browsers also read
 * them. */
static void test_mail_checks__links_unwrapped_and_addresses_made_plain(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    f->links[0] = link_to("https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2F"
                          "urldefense.proofpoint.com%2Fv2%2Furl%3Fu%3Dhttps-3A__evil.example_x"
                          "%26d%3DDwMF&data=1",
                          "Open", OB_LINK_ANCHOR);
    f->links[1] = link_to("https://protect-eu.mimecast.com/s/AbCdEf?domain=PayPa1.com", "Sign in",
                          OB_LINK_ANCHOR);
    char *long_link = malloc(12000);
    assert_non_null(long_link);
    strcpy(long_link, "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2F"
                      "long.example%2F");
    size_t used = strlen(long_link);
    memset(long_link + used, 'q', 10000);
    strcpy(long_link + used + 10000, "&data=1");
    f->links[2] = link_to(long_link, "", OB_LINK_TEXT);
    f->links[3] = link_to("http://3232235777/login", "", OB_LINK_TEXT);
    f->message.link_count = 4;
    run_all(f);
    assert_string_equal(f->links[0].target, "https://evil.example/x");
    assert_string_equal(f->links[0].site, "evil.example");
    assert_string_equal(f->links[1].target, "PayPa1.com");
    assert_string_equal(f->links[1].host, "paypa1.com");
    assert_int_equal(score_of(f, "lookalike-confusable"), 60);
    assert_int_equal(strlen(f->links[2].target), strlen("https://long.example/") + 10000);
    assert_string_equal(f->links[2].host, "long.example");
    assert_string_equal(f->links[3].host, "192.168.1.1");
    assert_int_equal(score_of(f, "link-ip-address"), 30);
    assert_non_null(strstr(reason_of(f, "link-ip-address")->explanation,
                           "(3232235777, which a browser reads as 192.168.1.1)"));
    reset_verdict(f);
    /* Not an address: a browser refuses a space in a host. */
    f->links[0] = link_to("http://1.2.3.4 evil.example/", "", OB_LINK_TEXT);
    f->message.link_count = 1;
    mail_resolve_links(&f->message, &f->data, NULL);
    assert_false(mail_host_is_ip(f->links[0].host));
    const char *forms[] = {"http://0300.0250.1.1/", "http://0xC0.0xA8.1.1/", "http://192.168.1.1/"};
    for (size_t i = 0; i < 3; i++) {
        f->links[0] = link_to(forms[i], "", OB_LINK_TEXT);
        f->message.link_count = 1;
        mail_resolve_links(&f->message, &f->data, NULL);
        assert_string_equal(f->links[0].host, "192.168.1.1");
        assert_string_equal(f->links[0].site, "192.168.1.1");
    }
    f->message.link_count = 0;
    free(long_link);
}

/* Each wrapper's own encoding; Proofpoint's version 3 keeps characters it
 * cannot write in base64 after the address ("*" one, "**A" two...). */
static void test_mail_checks__wrapped_addresses_decoded(void **state)
{
    struct fixture *f = *state;
    struct {
        const char *wrapped, *inside;
    } cases[] = {
        {"https://urldefense.com/v3/__https://evil.example/p**Aq__;PyY!!abc$",
         "https://evil.example/p?&q"},
        {"https://urldefense.com/v3/__https://evil.example/caf*__;w6k!!x",
         "https://evil.example/caf\xc3\xa9"},
        {"https://urldefense.com/v3/__https:/evil.example/a*b__;Pw!!x$",
         "https://evil.example/a?b"},
        {"https://urldefense.com/v3/__https://evil.example/a*25__;JQ!!x",
         "https://evil.example/a%25"},
        {"https://urldefense.proofpoint.com/v2/url?u=https-3A__evil.example_a-3Fb-3D1&d=x",
         "https://evil.example/a?b=1"},
        {"https://clicktime.symantec.com/a?u=http%3A%2F%2Fevil.example%2Fa+b",
         "http://evil.example/a b"},
        {"https://protect-eu.mimecast.com/s/x?domain=evil.example", "evil.example"},
    };
    char out[256];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_true(mail_safelink_unwrap(&f->data, cases[i].wrapped, out, sizeof(out)));
        assert_string_equal(out, cases[i].inside);
    }
    /* Not wrappers, or broken ones: nothing comes out. */
    const char *not_wrapped[] = {
        "https://evil.example/v3/__https://x.example/__;!!",          /* not Proofpoint's host */
        "https://urldefense.com/v3/__https://evil.example/",          /* no end */
        "https://urldefense.com/v3/__https://evil.example/*__;%%%!!", /* codes not base64 */
        "https://eur01.safelinks.protection.outlook.com/?data=1",     /* no url= */
    };
    for (size_t i = 0; i < sizeof(not_wrapped) / sizeof(not_wrapped[0]); i++)
        assert_false(mail_safelink_unwrap(&f->data, not_wrapped[i], out, sizeof(out)));
    /* Cut to the room given, never past it. */
    assert_true(mail_safelink_unwrap(&f->data, cases[0].wrapped, out, 10));
    assert_string_equal(out, "https://e");
}

static void test_mail_checks__hidden_link_targets(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    f->links[0] = link_to("http://203.0.113.5/login", "Sign in", OB_LINK_ANCHOR);
    f->links[1] = link_to("https://www.paypal.com@evil.example/", "PayPal", OB_LINK_ANCHOR);
    f->links[2] = link_to("https://bit.ly/3xYz", "", OB_LINK_TEXT);
    f->links[3] = link_to("javascript:alert(1)", "click", OB_LINK_ANCHOR);
    f->message.link_count = 4;
    run_all(f);
    assert_int_equal(score_of(f, "link-ip-address"), 30);
    assert_int_equal(score_of(f, "link-credentials"), 40);
    assert_int_equal(score_of(f, "link-shortener"), 15);
    assert_true(score_of(f, "link-script") > 0);
}

/* ---- attachments -------------------------------------------------------------- */

/* A zip local header for `name`, with general-purpose flags `flags`. */
static size_t zip_entry(unsigned char *out, const char *name, uint16_t flags)
{
    size_t length = strlen(name);
    memset(out, 0, 30);
    memcpy(out, "PK\x03\x04", 4);
    out[6] = (unsigned char)(flags & 0xff);
    out[26] = (unsigned char)length;
    memcpy(out + 30, name, length);
    return 30 + length;
}

static void test_mail_checks__password_protected_zip_and_macros(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    static unsigned char encrypted[64], office[64];
    size_t encrypted_size = zip_entry(encrypted, "invoice.pdf", 1);
    size_t office_size = zip_entry(office, "word/vbaProject.bin", 0);
    f->attachments[0] = (struct ob_mail_attachment){"invoice.zip", "application/zip", encrypted,
                                                    encrypted_size, false};
    f->attachments[1] = (struct ob_mail_attachment){"report.docx",
                                                    "application/vnd.openxmlformats-officedocument",
                                                    office, office_size, false};
    f->message.attachment_count = 2;
    run_all(f);
    assert_int_equal(score_of(f, "attachment-encrypted-archive"), 50);
    assert_int_equal(score_of(f, "attachment-macro"), 50);
}

/* A DOS header that libmagic, and so the scan engine, calls a program. */
static const unsigned char dos_program[64] = "MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";

static void test_mail_checks__double_extension_and_disguised_program(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    f->attachments[0] = (struct ob_mail_attachment){"invoice.pdf.exe", "application/octet-stream",
                                                    dos_program, sizeof(dos_program), false};
    f->attachments[1] = (struct ob_mail_attachment){"photo.jpg", "image/jpeg", dos_program,
                                                    sizeof(dos_program), false};
    f->message.attachment_count = 2;
    run_all(f);
    assert_int_equal(score_of(f, "attachment-program"), 60);
    assert_int_equal(score_of(f, "attachment-double-extension"), 50);
    assert_int_equal(score_of(f, "attachment-disguised-program"), 60);
}

/* The sum of the scores of the reasons whose signal starts with `prefix`,
 * and how many there are. */
static int score_of_all(const struct fixture *f, const char *prefix, int *count)
{
    int score = 0;
    *count = 0;
    for (size_t i = 0; i < f->verdict.reason_count; i++)
        if (strncmp(f->verdict.reasons[i].signal, prefix, strlen(prefix)) == 0) {
            score += f->verdict.reasons[i].score;
            (*count)++;
        }
    return score;
}

static const struct ob_mail_indicator *indicator_of(const struct fixture *f, const char *value)
{
    for (size_t i = 0; i < f->verdict.indicator_count; i++)
        if (strcmp(f->verdict.indicators[i].value, value) == 0)
            return &f->verdict.indicators[i];
    return NULL;
}

/* Disguises are the scan engine's to find, each scored once: a name with a
 * right-to-left override gives attachment-rtlo alone (not a second reason
 * from another check), and text that starts with "MZ" is no program. The
 * hashes shared are the engine's. */
static void test_mail_checks__disguises_come_from_the_scan_engine_once(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    static const char notes[] = "Plain notes from the meeting.\n";
    static const char mz_notes[] = "MZ notes: the meeting moved to Thursday.\n";
    f->attachments[0] = (struct ob_mail_attachment){"notes\xe2\x80\xae"
                                                    "fdp.txt",
                                                    "text/plain", (const unsigned char *)notes,
                                                    sizeof(notes) - 1, false};
    f->attachments[1] = (struct ob_mail_attachment){"mz-notes.txt", "text/plain",
                                                    (const unsigned char *)mz_notes,
                                                    sizeof(mz_notes) - 1, false};
    f->message.attachment_count = 2;
    run_all(f);
    int count = 0;
    assert_int_equal(score_of_all(f, "attachment-", &count), 60);
    assert_int_equal(count, 1);
    assert_int_equal(score_of(f, "attachment-rtlo"), 60);
    assert_int_equal(score_of(f, "attachment-disguised-program"), -1);
    const struct ob_mail_indicator *shared = indicator_of(f, "mz-notes.txt");
    assert_non_null(shared);
    assert_non_null(shared->sha256);
    assert_string_equal(shared->sha256,
                        "c88a0f4551ccd61cd34faa1fb9adc5fd6397938f55267571d71ffe3f71f59c97");
}

/* A signal that counts per piece of evidence: a second piece counts, the
 * same piece again does not, and other signals still count once. */
static void test_mail_checks__distinct_evidence_counts_once_each(void **state)
{
    struct fixture *f = *state;
    const char *email = "email indicator 'a@x.example'", *domain = "domain indicator 'x.example'";
    mail_reason_add(&f->verdict, OB_MAIL_SIGNAL_INDICATOR_MATCH, email, "The sender", "a", "feed",
                    "", "");
    mail_reason_add(&f->verdict, OB_MAIL_SIGNAL_INDICATOR_MATCH, email, "The sender", "a", "feed",
                    "", "");
    mail_reason_add(&f->verdict, OB_MAIL_SIGNAL_INDICATOR_MATCH, domain, "A link", "x", "feed", "",
                    "");
    mail_reason_add(&f->verdict, OB_MAIL_SIGNAL_ATTACHMENT_RTLO, "a");
    mail_reason_add(&f->verdict, OB_MAIL_SIGNAL_ATTACHMENT_RTLO, "b");
    int count = 0;
    assert_int_equal(score_of_all(f, "indicator-match", &count), 200);
    assert_int_equal(count, 2);
    assert_int_equal(score_of_all(f, "attachment-rtlo", &count), 60);
    assert_int_equal(count, 1);
    assert_int_equal(f->verdict.score, 260);
}

/* ---- content ------------------------------------------------------------------ */

static void test_mail_checks__ukrainian_pressure_phrases(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    f->bodies[0] = (struct ob_mail_body){
        false, "Шановний клієнте! ПІДТВЕРДІТЬ свій обліковий запис протягом 24 годин.", 0};
    f->bodies[0].length = strlen(f->bodies[0].text);
    f->message.body_count = 1;
    run_all(f);
    assert_int_equal(score_of(f, "content-pressure"), 30);
}

static void test_mail_checks__cues_found_where_words_start(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    /* At the start of a word, after punctuation, and in upper case. */
    f->bodies[0] = (struct ob_mail_body){false, "Please (URGENT) act:immediately.", 0};
    f->bodies[0].length = strlen(f->bodies[0].text);
    f->message.body_count = 1;
    run_all(f);
    assert_int_equal(score_of(f, "content-pressure"), 20);
    reset_verdict(f);
    /* Inside another word a phrase does not count ("insurgent"). */
    f->bodies[0].text = "The insurgents moved; nonurgent notes follow.";
    f->bodies[0].length = strlen(f->bodies[0].text);
    run_all(f);
    assert_int_equal(score_of(f, "content-pressure"), -1);
    reset_verdict(f);
    /* Cyrillic cues are found inside longer words, as a stem. */
    f->bodies[0].text = "Будь ласка, непідтвердіть нічого";
    f->bodies[0].length = strlen(f->bodies[0].text);
    run_all(f);
    assert_int_equal(score_of(f, "content-pressure"), 10);
}

static void test_mail_checks__cues_in_upper_case_and_html_text(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    /* Upper case long enough to be lower-cased eight bytes at a time, with
     * Cyrillic in between; the cues are listed in the order of the files. */
    f->bodies[0] = (struct ob_mail_body){
        false,
        "NOTICE TO ALL USERS - УВАГА: ACTION REQUIRED. YOUR ACCOUNT HAS BEEN SUSPENDED, "
        "REPLY IMMEDIATELY",
        0};
    f->bodies[0].length = strlen(f->bodies[0].text);
    f->message.body_count = 1;
    run_all(f);
    assert_int_equal(score_of(f, "content-pressure"), 30);
    assert_string_equal(evidence_of(f, "content-pressure"),
                        "\"your account has been suspended\", \"immediately\", "
                        "\"action required\"");
    reset_verdict(f);
    /* In HTML only the visible text counts, each tag read as a space. */
    f->bodies[0] = (struct ob_mail_body){
        true, "<p title=\"urgent\">Dear user,</p><b>URG</b>ENT <i>Immediately</i>", 0};
    f->bodies[0].length = strlen(f->bodies[0].text);
    run_all(f);
    assert_int_equal(score_of(f, "content-pressure"), 10);
    assert_string_equal(evidence_of(f, "content-pressure"), "\"immediately\"");
    reset_verdict(f);
    /* A tag that never ends hides the rest. */
    f->bodies[0].text = "Hello <span title='urgent'>Dear user <b immediately";
    f->bodies[0].length = strlen(f->bodies[0].text);
    run_all(f);
    assert_int_equal(score_of(f, "content-pressure"), -1);
}

static void test_mail_checks__romance_phrases_are_their_own_signal(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    /* One phrase: the lower score, and no pressure counted for it. */
    f->bodies[0] = (struct ob_mail_body){false, "Meet SINGLES IN YOUR AREA tonight.", 0};
    f->bodies[0].length = strlen(f->bodies[0].text);
    f->message.body_count = 1;
    run_all(f);
    assert_int_equal(score_of(f, "content-romance"), 15);
    assert_string_equal(evidence_of(f, "content-romance"), "\"singles in your area\"");
    assert_int_equal(score_of(f, "content-pressure"), -1);
    reset_verdict(f);
    /* Two phrases in two languages, listed in the order of the cue files
     * (Ukrainian before Dutch), beside a pressure phrase that still counts
     * on its own. */
    f->bodies[0].text = "Самотні жінки чекають! Mooie meisjes. Act immediately.";
    f->bodies[0].length = strlen(f->bodies[0].text);
    run_all(f);
    assert_int_equal(score_of(f, "content-romance"), 25);
    assert_string_equal(evidence_of(f, "content-romance"), "\"самотні жінки\", \"mooie meisjes\"");
    assert_int_equal(score_of(f, "content-pressure"), 10);
    reset_verdict(f);
    /* Ordinary words about people are not it. */
    f->bodies[0].text = "Our women's football team and the girls' choir meet on Monday.";
    f->bodies[0].length = strlen(f->bodies[0].text);
    run_all(f);
    assert_int_equal(score_of(f, "content-romance"), -1);
}

/* ---- registrable domains ------------------------------------------------------ */

/* Host i of a set of sites under one-label and two-label public suffixes,
 * and the registrable domain it should give. */
static void numbered_host(int i, char *host, size_t host_size, char *site, size_t site_size)
{
    if (i % 2 == 0) {
        snprintf(host, host_size, "mail.site%d.org", i);
        snprintf(site, site_size, "site%d.org", i);
    } else {
        snprintf(host, host_size, "www.shop%d.co.uk", i);
        snprintf(site, site_size, "shop%d.co.uk", i);
    }
}

static void test_mail_checks__registrable_domain_of_repeated_hosts(void **state)
{
    (void)state;
    char host[64], expected[64], site[256];
    /* Each asked more than once, in different orders. */
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 40; i++) {
            int n = round == 1 ? i / 2 : i;
            numbered_host(n, host, sizeof(host), expected, sizeof(expected));
            mail_registrable(host, site, sizeof(site));
            assert_string_equal(site, expected);
        }
    /* A public suffix is its own; the answer is cut to the room given. */
    mail_registrable("co.uk", site, sizeof(site));
    assert_string_equal(site, "co.uk");
    mail_registrable("mail.google.com", site, 5);
    assert_string_equal(site, "goog");
    mail_registrable("mail.google.com", site, sizeof(site));
    assert_string_equal(site, "google.com");
    mail_registrable("", site, sizeof(site));
    assert_string_equal(site, "");
    /* An IP address is its own, whole. */
    mail_registrable("192.0.2.7", site, sizeof(site));
    assert_string_equal(site, "192.0.2.7");
    mail_registrable("[2001:db8::1]", site, sizeof(site));
    assert_string_equal(site, "[2001:db8::1]");
    /* Remembered for a message: the same answers, also for hosts asked
     * again after more than OB_MAIL_SITES others pushed them out. */
    struct ob_mail_sites sites = {0};
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 3 * OB_MAIL_SITES; i++) {
            int n = round == 1 ? i % 3 : i;
            numbered_host(n, host, sizeof(host), expected, sizeof(expected));
            mail_site_of(&sites, host, site, sizeof(site));
            assert_string_equal(site, expected);
        }
    assert_int_equal(sites.count, OB_MAIL_SITES);
    mail_site_of(&sites, "mail.google.com", site, 5);
    assert_string_equal(site, "goog");
    /* A host longer than DNS allows (a 300-byte label) still has one. */
    char long_host[400];
    memset(long_host, 'a', 300);
    strcpy(long_host + 300, ".example.com");
    mail_registrable(long_host, site, sizeof(site));
    assert_string_equal(site, "example.com");
    mail_site_of(&sites, long_host, site, sizeof(site));
    assert_string_equal(site, "example.com");
}

static void *look_up_hosts(void *unused)
{
    (void)unused;
    char host[64], expected[64], site[64];
    for (int i = 0; i < 2000; i++) {
        numbered_host((i * 7) % 37, host, sizeof(host), expected, sizeof(expected));
        mail_registrable(host, site, sizeof(site));
        if (strcmp(site, expected) != 0)
            return "wrong registrable domain";
    }
    return NULL;
}

static void test_mail_checks__registrable_domain_from_several_threads(void **state)
{
    (void)state;
    pthread_t threads[4];
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, look_up_hosts, NULL), 0);
    for (size_t i = 0; i < 4; i++) {
        void *failure = NULL;
        assert_int_equal(pthread_join(threads[i], &failure), 0);
        assert_null(failure);
    }
}

static void test_mail_checks__receiving_filter_verdicts(void **state)
{
    struct fixture *f = *state;
    from(f, "Shop", "news@shop.example", "shop.example");
    header(f, "X-MS-Exchange-Organization-SCL", "9");
    run_all(f);
    assert_int_equal(score_of(f, "filter-spam"), 40);
    reset_verdict(f);
    /* Spam (5), and the folder it was put in, count once. */
    f->message.header_count = 0;
    header(f, "X-MS-Exchange-Organization-SCL", "5");
    header(f, "X-Microsoft-Antispam-Mailbox-Delivery", "ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilter;");
    run_all(f);
    assert_int_equal(score_of(f, "filter-spam"), 30);
    reset_verdict(f);
    f->message.header_count = 0;
    header(f, "X-Forefront-Antispam-Report",
           "CIP:192.0.2.1;CTRY:;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mx.example;CAT:PHSH;SFS:;");
    run_all(f);
    assert_int_equal(score_of(f, "filter-phishing"), 50);
    assert_int_equal(score_of(f, "filter-spam"), -1);
}

static void test_mail_checks__low_spam_levels_say_nothing(void **state)
{
    struct fixture *f = *state;
    from(f, "Shop", "news@shop.example", "shop.example");
    header(f, "X-MS-Exchange-Organization-SCL", "1");
    header(f, "X-Microsoft-Antispam-Mailbox-Delivery", "ucf:0;jmr:0;auth:0;dest:I;");
    header(f, "X-Forefront-Antispam-Report", "CIP:192.0.2.1;SFV:NSPM;CAT:NONE;");
    header(f, "X-Spam-Flag", "NO");
    run_all(f);
    assert_int_equal(score_of(f, "filter-spam"), -1);
    assert_int_equal(score_of(f, "filter-phishing"), -1);
}

static void test_mail_checks__shortener_subdomains_and_malformed_hosts(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    f->links[0] = link_to("https://jf27z.app.goo.gl/3wA2mT", "", OB_LINK_TEXT);
    f->links[1] = link_to("http://x7r\xc2\x9f"
                          "dn.rentals.example/r.php",
                          "Open", OB_LINK_ANCHOR);
    f->message.link_count = 2;
    run_all(f);
    assert_int_equal(score_of(f, "link-shortener"), 15);
    assert_int_equal(score_of(f, "link-malformed-host"), 40);
}

static void test_mail_checks__lookalike_shortener_name_is_not_a_shortener(void **state)
{
    struct fixture *f = *state;
    from(f, "", "a@org.example", "org.example");
    f->links[0] = link_to("https://notbit.ly/x", "", OB_LINK_TEXT);
    f->links[1] = link_to("https://www.org.example/news", "", OB_LINK_TEXT);
    f->message.link_count = 2;
    run_all(f);
    assert_int_equal(score_of(f, "link-shortener"), -1);
    assert_int_equal(score_of(f, "link-malformed-host"), -1);
}

static void test_mail_checks__random_code_in_attachment_name(void **state)
{
    struct fixture *f = *state;
    from(f, "ETH", "someone@icloud.com", "icloud.com");
    f->attachments[0] = (struct ob_mail_attachment){"V76AlVCdM3q9M.pdf", "application/pdf",
                                                    (const unsigned char *)"%PDF-1.4\n", 9, false};
    f->message.attachment_count = 1;
    run_all(f);
    assert_int_equal(score_of(f, "content-random-code"), 20);
}

static void test_mail_checks__sender_name_with_case_number_or_symbols(void **state)
{
    struct fixture *f = *state;
    from(f, "support-31665876", "info@shop.example", "shop.example");
    header(f, "To", "olena@org.example");
    run_all(f);
    assert_int_equal(score_of(f, "sender-name-number"), 15);
    assert_int_equal(score_of(f, "sender-name-decorated"), -1);
    reset_verdict(f);
    from(f, "=?x-unknown?q?Shop?=", "news@shop.example", "shop.example");
    run_all(f);
    assert_int_equal(score_of(f, "sender-name-decorated"), -1);
    reset_verdict(f);
    from(f, "--Notice**", "news@shop.example", "shop.example");
    run_all(f);
    assert_int_equal(score_of(f, "sender-name-decorated"), 20);
    assert_int_equal(score_of(f, "sender-name-number"), -1);
    reset_verdict(f);
    /* Phone-like short numbers and plain names say nothing. */
    from(f, "Shop Support 0800 123 456", "help@shop.example", "shop.example");
    run_all(f);
    assert_int_equal(score_of(f, "sender-name-number"), -1);
    assert_int_equal(score_of(f, "sender-name-decorated"), -1);
    reset_verdict(f);
    /* Pictographs anywhere in the name dress it too; letters of other
     * scripts and punctuation inside do not. */
    from(f, "Free Spins 💰 Inside", "news@shop.example", "shop.example");
    run_all(f);
    assert_int_equal(score_of(f, "sender-name-decorated"), 20);
    reset_verdict(f);
    from(f, "⚠ Account notice", "news@shop.example", "shop.example");
    run_all(f);
    assert_int_equal(score_of(f, "sender-name-decorated"), 20);
    reset_verdict(f);
    from(f, "Олена (O'Brien), «НУ»", "olena@shop.example", "shop.example");
    run_all(f);
    assert_int_equal(score_of(f, "sender-name-decorated"), -1);
    /* A full stop after a whole word or a comma at the end: template
     * residue; after an abbreviation or an initial: an ordinary name. */
    const char *residue[] = {"AAA Loyalty Program.", "Exclusive offer ,", "Kaufland.",
                             "Служба підтримки."};
    for (size_t i = 0; i < sizeof(residue) / sizeof(residue[0]); i++) {
        reset_verdict(f);
        from(f, residue[i], "news@shop.example", "shop.example");
        run_all(f);
        assert_int_equal(score_of(f, "sender-name-decorated"), 20);
    }
    const char *ordinary[] = {"Acme Inc.", "Olena K.", "Shop Ltd.", "Dr. Taras Shevchuk",
                              "Ірина Б."};
    for (size_t i = 0; i < sizeof(ordinary) / sizeof(ordinary[0]); i++) {
        reset_verdict(f);
        from(f, ordinary[i], "news@shop.example", "shop.example");
        run_all(f);
        assert_int_equal(score_of(f, "sender-name-decorated"), -1);
    }
}

static void test_mail_checks__sender_address_written_by_bulk_software(void **state)
{
    struct fixture *f = *state;
    const char *malformed[] = {
        "Life Line Screening <Smith_Thomas_40941@ali001.shop.example >",
        "\"Cadeaukaart \"<\"noreply@shop.example\">",
        "\"Sally Burton\" <>",
    };
    for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
        reset_verdict(f);
        f->message.header_count = 0;
        header(f, "From", malformed[i]);
        run_all(f);
        assert_int_equal(score_of(f, "sender-malformed-address"), 20);
        assert_string_equal(reason_of(f, "sender-malformed-address")->evidence, malformed[i]);
    }
    /* A name and no address at all has its own sentence. */
    reset_verdict(f);
    f->message.header_count = 0;
    header(f, "From", "Sara Hoppitt");
    run_all(f);
    assert_int_equal(score_of(f, "sender-malformed-address"), 20);
    assert_non_null(
        strstr(reason_of(f, "sender-malformed-address")->explanation, "no sender address"));
    /* What mail programs write, a quoted local part included, says nothing. */
    const char *well_formed[] = {"\"Olena K.\" <olena@org.example>",
                                 "olena@org.example",
                                 "<olena@org.example>",
                                 "\"olena k\"@org.example",
                                 "Olena <\"olena k\"@org.example>",
                                 "=?UTF-8?B?0J7Qu9C10L3QsA==?= <olena@org.example>"};
    for (size_t i = 0; i < sizeof(well_formed) / sizeof(well_formed[0]); i++) {
        reset_verdict(f);
        f->message.header_count = 0;
        header(f, "From", well_formed[i]);
        run_all(f);
        assert_int_equal(score_of(f, "sender-malformed-address"), -1);
    }
}

static void test_mail_checks__a_picture_with_a_link_instead_of_text(void **state)
{
    struct fixture *f = *state;
    from(f, "Offers", "news@shop.example", "shop.example");
    static const char picture[] =
        "<html><head><title>Winter offer for you today only</title><style>p { color: red; "
        "font-family: Arial, sans-serif; margin: 0 auto; padding: 10px 20px; }</style></head>"
        "<body><!-- a long comment with many many words that nobody sees at all here -->"
        "<a href=\"https://offer.example/go\"><img src=\"https://cdn.offer.example/a.png\"></a>"
        "<p>Click&nbsp;here to unsubscribe</p></body></html>";
    f->bodies[0] = (struct ob_mail_body){true, picture, sizeof(picture) - 1};
    f->message.body_count = 1;
    f->links[0] = link_to("https://offer.example/go", "", OB_LINK_ANCHOR);
    f->links[1] = link_to("https://cdn.offer.example/a.png", "", OB_LINK_IMAGE);
    f->message.link_count = 2;
    run_all(f);
    assert_int_equal(score_of(f, "content-picture-only"), 15);
    assert_string_equal(reason_of(f, "content-picture-only")->evidence, "4");
    /* The same picture in a letter with text says nothing. */
    reset_verdict(f);
    static const char letter[] =
        "<html><body><p>Dear Olena, thank you for your order of the winter jacket. It was "
        "sent today from our store in Lviv and should reach you by Friday. If anything is "
        "wrong with it, reply to this message and we will sort it out.</p>"
        "<a href=\"https://offer.example/go\"><img src=\"https://cdn.offer.example/a.png\"></a>"
        "</body></html>";
    f->bodies[0] = (struct ob_mail_body){true, letter, sizeof(letter) - 1};
    run_all(f);
    assert_int_equal(score_of(f, "content-picture-only"), -1);
    /* Words in Cyrillic count as words. */
    reset_verdict(f);
    static const char cyrillic[] =
        "<p>Дякуємо за ваше замовлення: воно вже в дорозі і буде у п'ятницю на пошті. А якщо "
        "щось не так, напишіть нам, і ми все виправимо швидко. Гарного вам дня та до "
        "зустрічі!</p>"
        "<a href=\"https://offer.example/go\"><img src=\"https://cdn.offer.example/a.png\"></a>";
    f->bodies[0] = (struct ob_mail_body){true, cyrillic, sizeof(cyrillic) - 1};
    run_all(f);
    assert_int_equal(score_of(f, "content-picture-only"), -1);
    /* A picture without a link, or plain text, is not the pattern. */
    reset_verdict(f);
    f->bodies[0] = (struct ob_mail_body){true, picture, sizeof(picture) - 1};
    f->message.link_count = 1;
    f->links[0] = link_to("https://cdn.offer.example/a.png", "", OB_LINK_IMAGE);
    run_all(f);
    assert_int_equal(score_of(f, "content-picture-only"), -1);
}

static void test_mail_checks__pictures_from_public_picture_sites(void **state)
{
    struct fixture *f = *state;
    from(f, "Offers", "news@shop.example", "shop.example");
    f->links[0] = link_to("https://shop.example/", "", OB_LINK_ANCHOR);
    f->links[1] = link_to("https://i.imgur.com/AbCdEf1.png", "", OB_LINK_IMAGE);
    f->links[2] = link_to("https://www.zupimages.net/up/1.jpg", "", OB_LINK_IMAGE);
    f->message.link_count = 3;
    run_all(f);
    assert_int_equal(score_of(f, "content-image-host"), 15);
    assert_string_equal(reason_of(f, "content-image-host")->evidence, "i.imgur.com");
    /* Counted once a message. */
    size_t count = 0;
    for (size_t i = 0; i < f->verdict.reason_count; i++)
        count += strcmp(f->verdict.reasons[i].signal, "content-image-host") == 0;
    assert_int_equal(count, 1);
    /* A link to such a site, or a picture from the sender's own servers or
     * a site whose name only ends like one, says nothing. */
    reset_verdict(f);
    f->links[0] = link_to("https://imgur.com/gallery/x", "", OB_LINK_ANCHOR);
    f->links[1] = link_to("https://cdn.shop.example/a.png", "", OB_LINK_IMAGE);
    f->links[2] = link_to("https://notimgur.com/a.png", "", OB_LINK_IMAGE);
    run_all(f);
    assert_int_equal(score_of(f, "content-image-host"), -1);
}

static void test_mail_checks__every_link_elsewhere_than_the_sender(void **state)
{
    struct fixture *f = *state;
    from(f, "Offers", "news@deals-mailer.example", "deals-mailer.example");
    f->links[0] = link_to("https://shop.other.example/buy", "Buy now", OB_LINK_ANCHOR);
    f->links[1] = link_to("https://www.deals-mailer.example/logo.png", "", OB_LINK_IMAGE);
    f->message.link_count = 2;
    run_all(f);
    assert_int_equal(score_of(f, "link-all-elsewhere"), 10);
    assert_string_equal(reason_of(f, "link-all-elsewhere")->evidence, "other.example");
    /* A link to the sender's own site, a subdomain included, says nothing. */
    reset_verdict(f);
    f->links[1] = link_to("https://help.deals-mailer.example/", "Help", OB_LINK_ANCHOR);
    run_all(f);
    assert_int_equal(score_of(f, "link-all-elsewhere"), -1);
    /* A link through a mailing service's click tracking goes nowhere known. */
    reset_verdict(f);
    f->links[1] = link_to("https://deals.us19.list-manage.com/track/click?u=1", "Shop",
                          OB_LINK_ANCHOR);
    f->links[0] = link_to("https://www.deals-mailer.example/logo.png", "", OB_LINK_IMAGE);
    run_all(f);
    assert_int_equal(score_of(f, "link-all-elsewhere"), -1);
    f->links[0] = link_to("https://shop.other.example/buy", "Buy now", OB_LINK_ANCHOR);
    /* Nor do newsletters, mailing lists and people writing from free mail. */
    reset_verdict(f);
    f->links[1] = link_to("https://www.deals-mailer.example/logo.png", "", OB_LINK_IMAGE);
    header(f, "List-Unsubscribe", "<https://deals-mailer.example/u>");
    run_all(f);
    assert_int_equal(score_of(f, "link-all-elsewhere"), -1);
    reset_verdict(f);
    f->message.header_count = 0;
    from(f, "Olena", "olena.k@gmail.com", "gmail.com");
    run_all(f);
    assert_int_equal(score_of(f, "link-all-elsewhere"), -1);
}

static void test_mail_checks__pressure_phrases_in_the_languages_of_neighbours(void **state)
{
    struct fixture *f = *state;
    from(f, "Konto", "info@bank.example", "bank.example");
    f->message.subject = "Ihr Konto wurde gesperrt";
    f->bodies[0] = (struct ob_mail_body){false, "Bitte antworten Sie dringend.", 0};
    f->bodies[0].length = strlen(f->bodies[0].text);
    f->message.body_count = 1;
    run_all(f);
    assert_int_equal(score_of(f, "content-pressure"), 20);
    /* A phrase two languages share ("dringend": German and Dutch) counts
     * once. */
    reset_verdict(f);
    f->message.subject = "Bericht";
    f->bodies[0] = (struct ob_mail_body){false, "Het is dringend.", 0};
    f->bodies[0].length = strlen(f->bodies[0].text);
    run_all(f);
    assert_int_equal(score_of(f, "content-pressure"), 10);
    reset_verdict(f);
    f->message.subject = "Paczka";
    f->bodies[0] = (struct ob_mail_body){false, "Zweryfikuj swoje konto w ciągu 24 godzin.", 0};
    f->bodies[0].length = strlen(f->bodies[0].text);
    run_all(f);
    assert_int_equal(score_of(f, "content-pressure"), 20);
}

static void test_mail_checks__brand_in_sender_address(void **state)
{
    struct fixture *f = *state;
    from(f, "BNB Airdrop", "mail.bnbchainbinance@yx2nqoz.onmicrosoft.com",
         "yx2nqoz.onmicrosoft.com");
    header(f, "To", "olena@org.example");
    run_all(f);
    assert_int_equal(score_of(f, "lookalike-brand-in-address"), 25);
    reset_verdict(f);
    from(f, "Binance", "do-not-reply@binance.com", "binance.com");
    run_all(f);
    assert_int_equal(score_of(f, "lookalike-brand-in-address"), -1);
    /* Names and words people use for themselves are not brands there. */
    reset_verdict(f);
    from(f, "Chase Miller", "chase.miller@studio.example", "studio.example");
    run_all(f);
    assert_int_equal(score_of(f, "lookalike-brand-in-address"), -1);
}

static void test_mail_checks__link_dressed_as_the_senders_own_site(void **state)
{
    struct fixture *f = *state;
    from(f, "someone", "notifications@github.com", "github.com");
    header(f, "To", "olena@org.example");
    f->links[0] = link_to("https://github-scanner.com/fix", "", OB_LINK_TEXT);
    f->message.link_count = 1;
    run_all(f);
    assert_int_equal(score_of(f, "lookalike-brand-name-of-sender"), 45);
    assert_int_equal(score_of(f, "lookalike-brand-name"), -1);
    reset_verdict(f);
    /* From someone else, the same link is the plain brand-name signal. */
    from(f, "Taras", "taras@org.example", "org.example");
    run_all(f);
    assert_int_equal(score_of(f, "lookalike-brand-name"), 35);
    assert_int_equal(score_of(f, "lookalike-brand-name-of-sender"), -1);
}

static void test_mail_checks__text_asks_to_write_to_free_mail(void **state)
{
    struct fixture *f = *state;
    from(f, "Anna", "fernando@shop.example", "shop.example");
    header(f, "To", "olena@org.example");
    f->bodies[0] = (struct ob_mail_body){false, "I am single) email me at anna84@gmail.com !", 0};
    f->bodies[0].length = strlen(f->bodies[0].text);
    f->message.body_count = 1;
    run_all(f);
    assert_int_equal(score_of(f, "content-write-elsewhere"), 30);
    bool listed = false;
    for (size_t i = 0; i < f->verdict.indicator_count; i++)
        listed |= strcmp(f->verdict.indicators[i].value, "anna84@gmail.com") == 0;
    assert_true(listed);
    reset_verdict(f);
    /* The sender's own address, an address quoted without a request, and
     * a company address do not count. */
    from(f, "Anna", "anna84@gmail.com", "gmail.com");
    f->bodies[0].text = "Contact me at anna84@gmail.com. Taras (taras.k@gmail.com) says hi. "
                        "Write to support@shop.example.";
    f->bodies[0].length = strlen(f->bodies[0].text);
    run_all(f);
    assert_int_equal(score_of(f, "content-write-elsewhere"), -1);
}

static void test_mail_checks__forwarded_original_sender_checked(void **state)
{
    struct fixture *f = *state;
    from(f, "Olena", "olena@org.example", "org.example");
    header(f, "To", "help@helpline.example");
    f->message.subject = "Fwd: Your account is limited";
    f->message.forwarded = (struct ob_mail_forwarded){
        .present = true,
        .from = {"PayPal", "service@account-check.example", "account-check.example"},
        .sender = {"", "admin@bulk.example", "bulk.example"},
        .subject = "Your account is limited"};
    run_all(f);
    assert_int_equal(score_of(f, "forwarded-message"), 0);
    assert_int_equal(score_of(f, "forwarded-sender-brand-mismatch"), 40);
    assert_int_equal(score_of(f, "forwarded-sender-on-behalf"), 10);
    assert_int_equal(score_of(f, "sender-brand-mismatch"), -1);
    bool named = false;
    for (size_t i = 0; i < f->verdict.reason_count; i++)
        named |= strstr(f->verdict.reasons[i].explanation, "original sender") != NULL;
    assert_true(named);
    assert_int_equal(score_of(f, "content-random-code"), -1);
    reset_verdict(f);
    f->message.forwarded.subject = "Statement fg46qFdZiRVH3jI";
    run_all(f);
    assert_int_equal(score_of(f, "content-random-code"), 20);
}

static void test_mail_checks__abused_top_level_domains_weigh_little(void **state)
{
    struct fixture *f = *state;
    from(f, "Shop", "news@mail.shop.quest", "mail.shop.quest");
    header(f, "To", "olena@org.example");
    run_all(f);
    assert_int_equal(score_of(f, "domain-abused-tld"), 10);
    reset_verdict(f);
    /* A link under one, once per message however many there are. */
    from(f, "Shop", "news@shop.example", "shop.example");
    f->links[0] = link_to("https://login.bering120.click/a", "", OB_LINK_ANCHOR);
    f->links[1] = link_to("https://cdn.x.top/b", "", OB_LINK_ANCHOR);
    /* (and one to the sender's own site, so that not every link goes elsewhere) */
    f->links[2] = link_to("https://www.shop.example/", "", OB_LINK_ANCHOR);
    f->message.link_count = 3;
    run_all(f);
    assert_int_equal(score_of(f, "domain-abused-tld"), 10);
    assert_int_equal(f->verdict.score, 10);
    reset_verdict(f);
    /* Ordinary top-level domains, and names that only end like one. */
    f->links[0].url = "https://www.topshop.example/";
    f->links[1].url = "https://clickandcollect.example/";
    run_all(f);
    assert_int_equal(score_of(f, "domain-abused-tld"), -1);
}

static void test_mail_checks__prize_and_giveaway_lures(void **state)
{
    struct fixture *f = *state;
    from(f, "Rewards", "info@rewards.example", "rewards.example");
    f->message.subject = "Claim now: the BNB airdrop";
    f->bodies[0] = (struct ob_mail_body){false, "Your balance is waiting.", 24};
    f->message.body_count = 1;
    run_all(f);
    assert_int_equal(score_of(f, "content-pressure"), 30);
}

static void test_mail_checks__ordinary_message_has_no_reasons(void **state)
{
    struct fixture *f = *state;
    from(f, "Taras Shevchuk", "taras@org.example", "org.example");
    f->message.subject = "Minutes of Tuesday's meeting";
    header(f, "To", "olena@org.example");
    f->bodies[0] = (struct ob_mail_body){false, "Hi Olena, the minutes are attached. Taras", 0};
    f->bodies[0].length = strlen(f->bodies[0].text);
    f->message.body_count = 1;
    f->links[0] = link_to("https://www.org.example/minutes", "", OB_LINK_TEXT);
    f->message.link_count = 1;
    run_all(f);
    assert_int_equal(f->verdict.reason_count, 0);
    assert_int_equal(f->verdict.score, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_mail_checks__microsoft_results_without_authserv_id,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__dmarc_failure_names_the_claimed_domain,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__aligned_domain_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__alignment_said_in_one_sentence_per_case,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__passing_authentication_is_weak_evidence,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__cyrillic_letter_in_brand_domain, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__typo_squat_but_not_another_word, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__display_name_with_another_address, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__free_mail_account_posing_as_a_bank, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__reply_to_elsewhere_except_mailing_lists,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__link_text_against_unwrapped_safe_link,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__links_resolved_to_host_and_site, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__links_unwrapped_and_addresses_made_plain,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__wrapped_addresses_decoded, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__hidden_link_targets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__password_protected_zip_and_macros, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__double_extension_and_disguised_program,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__disguises_come_from_the_scan_engine_once,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__distinct_evidence_counts_once_each, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__ukrainian_pressure_phrases, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__cues_found_where_words_start, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__cues_in_upper_case_and_html_text, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__romance_phrases_are_their_own_signal,
                                        setup, teardown),
        cmocka_unit_test(test_mail_checks__registrable_domain_of_repeated_hosts),
        cmocka_unit_test(test_mail_checks__registrable_domain_from_several_threads),
        cmocka_unit_test_setup_teardown(test_mail_checks__receiving_filter_verdicts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__low_spam_levels_say_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__shortener_subdomains_and_malformed_hosts,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_mail_checks__lookalike_shortener_name_is_not_a_shortener, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__random_code_in_attachment_name, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__sender_name_with_case_number_or_symbols,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__brand_in_sender_address, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__link_dressed_as_the_senders_own_site,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__text_asks_to_write_to_free_mail, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__forwarded_original_sender_checked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__abused_top_level_domains_weigh_little,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__prize_and_giveaway_lures, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__sender_address_written_by_bulk_software,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__a_picture_with_a_link_instead_of_text,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__pictures_from_public_picture_sites, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_mail_checks__pressure_phrases_in_the_languages_of_neighbours, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__every_link_elsewhere_than_the_sender,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_checks__ordinary_message_has_no_reasons, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
