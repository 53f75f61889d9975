/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the mail signal table: every entry complete and well
 * formed, and reasons raised by enum carry the table's id, score and
 * explanation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "mail/mail_internal.h"

#define SCORE_LIMIT 150 /* no single reason weighs more */

/* ---- the table ------------------------------------------------------------- */

static bool is_id(const char *id)
{
    if (id[0] == '\0' || id[0] == '-' || id[strlen(id) - 1] == '-' || strstr(id, "--") != NULL)
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            return false;
    return true;
}

/* True when every conversion of `template` is %s, %d, %zu or %%: what a
 * translation catalog keeps as it is and a caller can be checked against. */
static bool has_plain_conversions(const char *template)
{
    for (const char *p = strchr(template, '%'); p != NULL; p = strchr(p, '%')) {
        if (p[1] == 's' || p[1] == 'd' || p[1] == '%')
            p += 2;
        else if (p[1] == 'z' && p[2] == 'u')
            p += 3;
        else
            return false;
    }
    return true;
}

static void test_mail_signals__every_entry_is_complete(void **state)
{
    (void)state;
    const struct ob_signal_table *table = ob_mail_signals();
    assert_string_equal(table->capability, "mail");
    assert_int_equal(table->signal_count, OB_MAIL_SIGNAL_COUNT);
    for (size_t i = 0; i < table->signal_count; i++) {
        const struct ob_signal_def *def = &table->signals[i];
        assert_ptr_equal(mail_signal((enum mail_signal)i), def);
        assert_non_null(def->id);
        if (!is_id(def->id))
            fail_msg("signal id '%s' is not lower case with hyphens", def->id);
        if (def->summary == NULL || def->summary[0] == '\0')
            fail_msg("signal '%s' has no summary", def->id);
        if (def->explanation == NULL || def->explanation[0] == '\0')
            fail_msg("signal '%s' has no explanation", def->id);
        for (size_t j = 0; j < i; j++)
            if (strcmp(table->signals[j].id, def->id) == 0)
                fail_msg("signal id '%s' is declared twice", def->id);
        if (def->score == OB_SIGNAL_SCORE_FROM_INDICATOR) {
            /* From the finding: the table says how far it may go. */
            if (def->score_max <= 0 || def->score_max > SCORE_LIMIT)
                fail_msg("signal '%s' scored by its finding has no cap", def->id);
        } else if (def->score < 0 || def->score > SCORE_LIMIT ||
                   (def->score_max != 0 &&
                    (def->score_max < def->score || def->score_max > SCORE_LIMIT))) {
            fail_msg("signal '%s' has scores %d and %d outside 0..%d", def->id, def->score,
                     def->score_max, SCORE_LIMIT);
        }
        if (def->advice != NULL && ob_advice_find(table, def->advice) == NULL)
            fail_msg("signal '%s' names advice '%s' that is not declared", def->id, def->advice);
    }
    assert_null(mail_signal(OB_MAIL_SIGNAL_COUNT));
}

static void test_mail_signals__templates_use_plain_conversions(void **state)
{
    (void)state;
    const struct ob_signal_table *table = ob_mail_signals();
    for (size_t i = 0; i < table->signal_count; i++)
        if (!has_plain_conversions(table->signals[i].explanation))
            fail_msg("the explanation of '%s' uses a conversion other than %%s, %%d, %%zu",
                     table->signals[i].id);
    for (size_t i = 0; i < OB_MAIL_WORDING_COUNT; i++) {
        const struct ob_mail_wording_def *wording = mail_wording((enum mail_wording)i);
        assert_non_null(wording);
        const struct ob_signal_def *def = mail_signal(wording->signal);
        assert_non_null(def);
        assert_non_null(wording->explanation);
        if (!has_plain_conversions(wording->explanation))
            fail_msg("wording %zu of '%s' uses a conversion other than %%s, %%d, %%zu", i, def->id);
        /* Another wording says something else than the signal's own. */
        assert_string_not_equal(wording->explanation, def->explanation);
    }
    assert_null(mail_wording(OB_MAIL_WORDING_COUNT));
    assert_true(has_plain_conversions("100%% sure: %s, %d, %zu"));
    assert_false(has_plain_conversions("U+%04X"));
    assert_false(has_plain_conversions("(%.11s...)"));
}

static void test_mail_signals__forwarded_variants_are_declared_whole(void **state)
{
    (void)state;
    const struct ob_signal_table *table = ob_mail_signals();
    assert_non_null(ob_signal_find(table, "forwarded-sender-brand-mismatch"));
    assert_non_null(ob_signal_find(table, "forwarded-sender-on-behalf"));
    /* Each identity check of the sender has its forwarded twin, at the
     * same score. */
    size_t twins = 0;
    for (size_t i = 0; i < table->signal_count; i++) {
        const struct ob_signal_def *def = &table->signals[i];
        if (strncmp(def->id, "forwarded-sender-", 17) != 0 ||
            strcmp(def->id, "forwarded-sender-on-behalf") == 0)
            continue;
        const struct ob_signal_def *own = ob_signal_find(table, def->id + strlen("forwarded-"));
        if (own == NULL)
            fail_msg("'%s' has no sender check of its own", def->id);
        assert_int_equal(own->score, def->score);
        assert_non_null(strstr(def->explanation, "original sender"));
        twins++;
    }
    assert_int_equal(twins, 7);
}

static void test_mail_signals__advice_for_each_verdict(void **state)
{
    (void)state;
    const struct ob_signal_table *table = ob_mail_signals();
    const char *ids[] = {"mail-phishing",     "mail-suspicious",
                         "mail-clean",        "mail-opened-malware",
                         "mail-known-attack", "mail-credential-phishing",
                         "mail-scam"};
    assert_int_equal(table->advice_count, 7);
    for (size_t i = 0; i < 7; i++) {
        const struct ob_advice_def *advice = ob_advice_find(table, ids[i]);
        assert_non_null(advice);
        assert_true(strlen(advice->text) > 40);
    }
    /* The advice a signal triggers is in the table. */
    size_t triggering = 0;
    for (size_t i = 0; i < table->signal_count; i++) {
        if (table->signals[i].advice == NULL)
            continue;
        assert_non_null(ob_advice_find(table, table->signals[i].advice));
        triggering++;
    }
    /* Every signal that tells what kind of threat a message is names its
     * advice; the authentication results, the receiving filter's verdict and
     * the signals that honest and hostile mail share name none. */
    assert_int_equal(triggering, 61);
    assert_string_equal(ob_signal_find(table, "content-romance")->advice, "mail-scam");
    assert_null(ob_signal_find(table, "forwarded-auth-fail")->advice);
    assert_string_equal(ob_signal_find(table, "link-form-password")->advice,
                        "mail-credential-phishing");
    assert_string_equal(ob_signal_find(table, "attachment-shortcut")->advice,
                        "mail-opened-malware");
    assert_string_equal(ob_signal_find(table, "content-picture-only")->advice, "mail-scam");
    assert_null(ob_signal_find(table, "auth-dmarc-fail")->advice);
    assert_null(ob_signal_find(table, "link-shortener")->advice);
    assert_null(ob_signal_find(table, "content-pressure")->advice);
    char score[64];
    ob_signal_score_text(ob_signal_find(table, "sender-reply-to-elsewhere"), score, sizeof(score));
    assert_string_equal(score, "20 (30 to free mail)");
    ob_signal_score_text(ob_signal_find(table, "attachment-program"), score, sizeof(score));
    assert_string_equal(score, "50-60");
}

/* ---- raising reasons --------------------------------------------------------- */

static int setup(void **state)
{
    struct ob_mail_verdict_builder *verdict = calloc(1, sizeof(*verdict));
    assert_non_null(verdict);
    mail_verdict_init(verdict);
    *state = verdict;
    return 0;
}

static int teardown(void **state)
{
    mail_verdict_release(*state);
    free(*state);
    return 0;
}

static void test_mail_reason__takes_id_score_and_explanation_from_the_table(void **state)
{
    struct ob_mail_verdict_builder *verdict = *state;
    mail_reason_add(verdict, OB_MAIL_SIGNAL_AUTH_DMARC_FAIL, "dmarc=fail", "bank.example");
    mail_reason_add(verdict, OB_MAIL_SIGNAL_AUTH_DMARC_FAIL, "again", "other.example");
    mail_reason_add(verdict, OB_MAIL_SIGNAL_CONTENT_PRESSURE, NULL, (size_t)1, "\"urgent\"");
    assert_int_equal(verdict->reason_count, 2);
    assert_string_equal(verdict->reasons[0].signal, "auth-dmarc-fail");
    assert_int_equal(verdict->reasons[0].score, 40);
    assert_string_equal(verdict->reasons[0].evidence, "dmarc=fail");
    assert_string_equal(verdict->reasons[0].explanation,
                        "The message says it comes from bank.example, but that domain's own "
                        "rules (DMARC) say the server that sent it was not allowed to. Forged "
                        "senders look like this.");
    assert_string_equal(verdict->reasons[1].explanation,
                        "The message uses 1 phrase that presses you to act quickly or to give "
                        "your password (\"urgent\").");
    assert_string_equal(verdict->reasons[1].evidence, "");
    assert_int_equal(verdict->score, 50);
    assert_true(mail_has_reason(verdict, OB_MAIL_SIGNAL_AUTH_DMARC_FAIL));
    assert_false(mail_has_reason(verdict, OB_MAIL_SIGNAL_AUTH_SPF_FAIL));
}

static void test_mail_reason__scored_stays_in_the_declared_range(void **state)
{
    struct ob_mail_verdict_builder *verdict = *state;
    mail_reason_add_scored(verdict, OB_MAIL_SIGNAL_FILTER_SPAM, 1000, "");
    mail_reason_add_scored(verdict, OB_MAIL_SIGNAL_AUTH_COMPAUTH_FAIL, 0, "", "x.example");
    mail_reason_add_scored(verdict, OB_MAIL_SIGNAL_SENDER_REPLY_TO_ELSEWHERE, 30, "", "a@b.example",
                           "c.example");
    mail_reason_add_worded_scored(verdict, OB_MAIL_WORDING_CONTENT_PRESSURE_PLURAL, 90, "",
                                  (size_t)9, "\"a\", \"b\"");
    mail_reason_add_scored(verdict, OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE, 500, "one", "a", "",
                           "", "alert", "");
    mail_reason_add_scored(verdict, OB_MAIL_SIGNAL_ATTACHMENT_KNOWN_MALWARE, -5, "two", "b", "", "",
                           "notice", "");
    mail_reason_add_scored(verdict, OB_MAIL_SIGNAL_AUTH_DKIM_FAIL, 99, "");
    int expected[] = {40, 10, 30, 30, 150, 0, 15};
    assert_int_equal(verdict->reason_count, 7);
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(verdict->reasons[i].score, expected[i]);
    assert_string_equal(verdict->reasons[3].explanation,
                        "The message uses 9 phrases that press you to act quickly or to give "
                        "your password (\"a\", \"b\").");
    /* Every signal, raised at any score, stays within its range. */
    const struct ob_signal_table *table = ob_mail_signals();
    for (size_t i = 0; i < table->signal_count; i++) {
        const struct ob_signal_def *def = &table->signals[i];
        int low = def->score == OB_SIGNAL_SCORE_FROM_INDICATOR ? 0 : def->score;
        int high = def->score_max > low ? def->score_max : low;
        /* Strings fill the template; a number (content-pressure's count)
         * was raised above. */
        if (strstr(def->explanation, "%d") != NULL || strstr(def->explanation, "%zu") != NULL)
            continue;
        int tries[] = {-1000, low - 1, low, high, high + 1, 1000};
        for (size_t t = 0; t < sizeof(tries) / sizeof(tries[0]); t++) {
            struct ob_mail_verdict_builder one;
            mail_verdict_init(&one);
            mail_reason_add_scored(&one, (enum mail_signal)i, tries[t], "", "s", "s", "s", "s", "s",
                                   "s");
            assert_int_equal(one.reason_count, 1);
            assert_in_range(one.reasons[0].score, low, high);
            mail_verdict_release(&one);
        }
    }
}

static void test_mail_reason__per_evidence_signal_counts_each_evidence(void **state)
{
    struct ob_mail_verdict_builder *verdict = *state;
    const char *what = "The sender address";
    mail_reason_add(verdict, OB_MAIL_SIGNAL_INDICATOR_MATCH, "email a@evil.example", what,
                    "a@evil.example", "feed", "", "");
    mail_reason_add(verdict, OB_MAIL_SIGNAL_INDICATOR_MATCH, "domain evil.example", "A link",
                    "https://evil.example/", "feed", ", campaign: ", "Wave");
    mail_reason_add(verdict, OB_MAIL_SIGNAL_INDICATOR_MATCH, "email a@evil.example", what,
                    "a@evil.example", "feed", "", "");
    assert_int_equal(verdict->reason_count, 2);
    assert_int_equal(verdict->score, 200);
    assert_string_equal(verdict->reasons[1].signal, "indicator-match");
    assert_string_equal(verdict->reasons[1].explanation,
                        "A link (https://evil.example/) is on a list of known attack indicators "
                        "(source: feed, campaign: Wave). Treat this message as part of an "
                        "attack.");
}

/* ---- the checks raise only what the table declares ---------------------------- */

struct corpus_visit {
    size_t messages, reasons;
};

static void check_reasons(void *user, const struct ob_mail_result *result)
{
    struct corpus_visit *visit = user;
    const struct ob_signal_table *table = ob_mail_signals();
    visit->messages++;
    for (size_t i = 0; i < result->reason_count; i++) {
        const struct ob_mail_reason *reason = &result->reasons[i];
        const struct ob_signal_def *def = ob_signal_find(table, reason->signal);
        if (def == NULL)
            fail_msg("%s: reason '%s' is not in the table", result->source, reason->signal);
        int low = def->score == OB_SIGNAL_SCORE_FROM_INDICATOR ? 0 : def->score;
        int high = def->score_max > low ? def->score_max : low;
        if (reason->score < low || reason->score > high)
            fail_msg("%s: '%s' scored %d, the table says %d-%d", result->source, reason->signal,
                     reason->score, low, high);
        visit->reasons++;
    }
}

static void test_mail_signals__corpus_reasons_are_declared(void **state)
{
    (void)state;
    const char *root = getenv("OB_SOURCE_DIR");
    const char *corpora[] = {"phishing-train", "ham-train"};
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_mail_options options;
    ob_mail_options_init(&options);
    struct ob_mail *mail = NULL;
    assert_int_equal(ob_mail_new(ctx, &options, &mail), OB_OK);
    struct corpus_visit visit = {0};
    for (size_t i = 0; i < 2; i++) {
        char dir[4096];
        struct stat st;
        if (root == NULL ||
            (size_t)snprintf(dir, sizeof(dir), "%s/../shared/data/%s", root, corpora[i]) >=
                sizeof(dir) ||
            stat(dir, &st) != 0)
            continue;
        assert_int_equal(ob_mail_triage_path(mail, dir, check_reasons, &visit), OB_OK);
    }
    ob_mail_free(mail);
    ob_context_free(ctx);
    if (visit.messages == 0) {
        print_message("mail corpora not found (OB_SOURCE_DIR/../shared/data), skipped\n");
        skip();
    }
    print_message("%zu messages, %zu reasons, each declared in the table\n", visit.messages,
                  visit.reasons);
    assert_true(visit.reasons > visit.messages);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mail_signals__every_entry_is_complete),
        cmocka_unit_test(test_mail_signals__templates_use_plain_conversions),
        cmocka_unit_test(test_mail_signals__forwarded_variants_are_declared_whole),
        cmocka_unit_test(test_mail_signals__advice_for_each_verdict),
        cmocka_unit_test_setup_teardown(
            test_mail_reason__takes_id_score_and_explanation_from_the_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mail_reason__scored_stays_in_the_declared_range, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_reason__per_evidence_signal_counts_each_evidence,
                                        setup, teardown),
        cmocka_unit_test(test_mail_signals__corpus_reasons_are_declared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
