/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the mail signal table in Ukrainian: the advice, the other
 * wordings and the signals from lookalike-brand-name on, looked up in the
 * catalog the build compiled (OB_TEST_LOCALEDIR). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/i18n.h"
#include "mail/mail_internal.h"

#ifndef OB_TEST_LOCALEDIR
#error "OB_TEST_LOCALEDIR names the build's locale folder"
#endif

static int setup_ukrainian(void **state)
{
    (void)state;
    /* gettext reads LANGUAGE only under a locale other than plain C. */
    if (setenv("LANGUAGE", "uk", 1) != 0 || setlocale(LC_MESSAGES, "C.UTF-8") == NULL)
        return -1;
    if (bindtextdomain(OB_TEXT_DOMAIN, OB_TEST_LOCALEDIR) == NULL ||
        bind_textdomain_codeset(OB_TEXT_DOMAIN, "UTF-8") == NULL)
        return -1;
    return 0;
}

/* True when `text` holds a Cyrillic letter (U+0400..U+04FF: lead byte 0xd0..0xd3). */
static bool has_cyrillic(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
        if (*p >= 0xd0 && *p <= 0xd3 && (p[1] & 0xc0) == 0x80)
            return true;
    return false;
}

/* Writes the markdown code spans of `text`, one after another, into `out`. */
static void code_spans(const char *text, char *out, size_t size)
{
    size_t used = 0;
    bool inside = false;
    for (const char *p = text; *p != '\0' && used + 1 < size; p++) {
        if (*p == '`')
            inside = !inside;
        if (inside || *p == '`')
            out[used++] = *p;
    }
    out[used] = '\0';
}

/* Fails unless the catalog gives `english` a Ukrainian text. */
static void expect_ukrainian(const char *what, const char *english)
{
    const char *translated = _(english);
    if (translated == english || strcmp(translated, english) == 0 || !has_cyrillic(translated))
        fail_msg("%s has no Ukrainian in the catalog: \"%s\"", what, english);
}

static void test_mail_advice_i18n__advice_reads_in_ukrainian(void **state)
{
    (void)state;
    const struct ob_signal_table *table = ob_mail_signals();
    for (size_t i = 0; i < table->advice_count; i++)
        expect_ukrainian(table->advice[i].id, table->advice[i].text);
    const struct ob_advice_def *opened = ob_advice_find(table, "mail-opened-malware");
    assert_non_null(opened);
    assert_string_equal(_(opened->text),
                        "Не відкривайте вкладення і не завантажуйте того, що пропонує лист. Якщо "
                        "ви вже його відкрили, пристрій може бути зламано: не використовуйте його "
                        "для чутливої роботи й не вводьте на ньому паролів. Запустіть на ньому "
                        "oberig triage (або oberig scan для ваших файлів) і зверніться на вашу "
                        "гарячу лінію з цифрової безпеки, перш ніж знову використовувати його для "
                        "чогось чутливого.");
}

static void test_mail_advice_i18n__signals_read_in_ukrainian(void **state)
{
    (void)state;
    for (int s = OB_MAIL_SIGNAL_LOOKALIKE_BRAND_NAME; s < OB_MAIL_SIGNAL_COUNT; s++) {
        const struct ob_signal_def *def = mail_signal((enum mail_signal)s);
        expect_ukrainian(def->id, def->summary);
        expect_ukrainian(def->id, def->explanation);
        /* A score note of numbers alone ("10 / 20 / 30") is not marked. */
        if (def->score_note != NULL && strpbrk(def->score_note, "abcdefghijklmnopqrstuvwxyz"))
            expect_ukrainian(def->id, def->score_note);
        /* Code spans are what the user types or sees: kept as they are. */
        char english[512], ukrainian[512];
        code_spans(def->summary, english, sizeof(english));
        code_spans(_(def->summary), ukrainian, sizeof(ukrainian));
        if (strcmp(english, ukrainian) != 0)
            fail_msg("%s: the Ukrainian summary's code spans %s are not the English %s", def->id,
                     ukrainian, english);
    }
    assert_string_equal(_(mail_signal(OB_MAIL_SIGNAL_LINK_TEXT_MISMATCH)->explanation),
                        "Посилання показує %s, але насправді веде на %s.");
}

static void test_mail_advice_i18n__wordings_read_in_ukrainian(void **state)
{
    (void)state;
    for (int w = 0; w < OB_MAIL_WORDING_COUNT; w++) {
        const struct ob_mail_wording_def *wording = mail_wording((enum mail_wording)w);
        expect_ukrainian(mail_signal(wording->signal)->id, wording->explanation);
    }
    assert_string_equal(
        _(mail_wording(OB_MAIL_WORDING_ATTACHMENT_TYPE_MISMATCH_ARCHIVE)->explanation),
        "Вкладення «%s» названо як файл .%s, але насправді це архів.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mail_advice_i18n__advice_reads_in_ukrainian),
        cmocka_unit_test(test_mail_advice_i18n__signals_read_in_ukrainian),
        cmocka_unit_test(test_mail_advice_i18n__wordings_read_in_ukrainian),
    };
    return cmocka_run_group_tests(tests, setup_ukrainian, NULL);
}
