/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of names in any script (names.c), case folding and NFKC
 * (icu_adapter.c), brands with several names, cue phrases in capitals,
 * and the words of lure domains (lure.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/icu_adapter.h"
#include "mail/mail_internal.h"

struct fixture {
    struct ob_context *ctx;
    struct ob_mail_data data;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    f->ctx = ob_context_new(NULL, NULL);
    assert_int_equal(mail_data_load(&f->data, NULL, f->ctx), OB_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    mail_data_release(&f->data);
    ob_context_free(f->ctx);
    free(f);
    return 0;
}

static void test_mail_names__fold_case_is_full_unicode(void **state)
{
    (void)state;
    char out[64];
    size_t written = 0;
    const char *upper = "ТЕРМІНОВО Ґанок Straße";
    assert_int_equal(core_text_fold_case(upper, strlen(upper), out, sizeof(out), &written), OB_OK);
    assert_string_equal(out, "терміново ґанок strasse");
    assert_int_equal(written, strlen(out));
    /* Too small a buffer is an error, never a cut folding. */
    assert_int_equal(core_text_fold_case(upper, strlen(upper), out, 8, &written), OB_ERR_LIMIT);
    const char *wide = "Ｕｋｒｐｏｓｈｔａ";
    assert_int_equal(core_text_nfkc_fold(wide, strlen(wide), out, sizeof(out)), OB_OK);
    assert_string_equal(out, "ukrposhta");
    assert_int_equal(core_text_nfkc_fold("\xff", 1, out, sizeof(out)), OB_ERR_PARSE);
}

static void test_mail_names__fold_keeps_ascii_and_folds_the_rest(void **state)
{
    (void)state;
    char out[64];
    mail_text_fold("PayPal SUPPORT", out, sizeof(out));
    assert_string_equal(out, "paypal support");
    mail_text_fold("Служба Підтримки", out, sizeof(out));
    assert_string_equal(out, "служба підтримки");
    /* Cut to the size given. */
    mail_text_fold("ABCDEFGH", out, 4);
    assert_string_equal(out, "abc");
}

static void test_mail_names__whole_words_and_cyrillic_forms(void **state)
{
    (void)state;
    struct mail_name name;
    mail_name_prepare("Служба підтримки Укрпошти", &name);
    assert_true(mail_name_has_word(&name, "укрпошта", NULL));
    assert_true(mail_name_has_word(&name, "підтримка", NULL));
    assert_true(mail_name_has_word(&name, "служба", NULL));
    /* A word inside another, or with too long an ending, is not it. */
    assert_false(mail_name_has_word(&name, "пошта", NULL));
    mail_name_prepare("Укрпоштовський клуб", &name);
    assert_false(mail_name_has_word(&name, "укрпошта", NULL));
    /* A short word has no forms: "Дія" is not found in "Дії". */
    mail_name_prepare("Дії уряду", &name);
    assert_false(mail_name_has_word(&name, "дія", NULL));
    /* Latin words keep their exact form, between any punctuation. */
    mail_name_prepare("📦PayPal™ — Team", &name);
    assert_true(mail_name_has_word(&name, "paypal", NULL));
    assert_true(mail_name_has_word(&name, "team", NULL));
    mail_name_prepare("PayPals", &name);
    assert_false(mail_name_has_word(&name, "paypal", NULL));
}

static void test_mail_names__brands_by_any_name_and_look_alikes(void **state)
{
    struct fixture *f = *state;
    struct mail_name name;
    const char *found[] = {"Служба підтримки Укрпошти", "UKRPOSHTA", "Ukrpоshta Delivery",
                           "Ｕｋｒｐｏｓｈｔａ", "Укрпочта"};
    for (size_t i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
        mail_name_prepare(found[i], &name);
        const struct ob_mail_brand *brand = mail_name_brand(&f->data, &name);
        if (brand == NULL)
            fail_msg("no brand in '%s'", found[i]);
        assert_string_equal(brand->name, "Укрпошта");
        assert_true(mail_brand_owns(brand, "ukrposhta.ua"));
    }
    mail_name_prepare("ПриватБанк", &name);
    assert_non_null(mail_name_brand(&f->data, &name));
    assert_true(mail_brand_owns(mail_name_brand(&f->data, &name), "privat24.ua"));
    mail_name_prepare("Олена Коваль", &name);
    assert_null(mail_name_brand(&f->data, &name));
    mail_name_prepare("", &name);
    assert_null(mail_name_brand(&f->data, &name));
}

static void test_mail_names__user_brands_with_several_names(void **state)
{
    struct fixture *f = *state;
    char path[] = "/tmp/oberig-brands-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *file = fdopen(fd, "w");
    assert_non_null(file);
    fputs("# our newsroom\nГромадське | Hromadske:  hromadske.ua  # its own site\n", file);
    fclose(file);
    struct ob_mail_data data;
    assert_int_equal(mail_data_load(&data, path, f->ctx), OB_OK);
    const struct ob_mail_brand *brand = &data.brands[data.brand_count - 1];
    assert_int_equal(brand->name_count, 2);
    assert_string_equal(brand->names[1], "Hromadske");
    assert_int_equal(brand->domain_count, 1); /* the comment is not a domain */
    assert_string_equal(brand->domains[0], "hromadske.ua");
    struct mail_name name;
    mail_name_prepare("Громадське — редакція", &name);
    assert_ptr_equal(mail_name_brand(&data, &name), brand);
    mail_data_release(&data);
    unlink(path);
}

static void mark(void *user, size_t cue)
{
    ((bool *)user)[cue] = true;
}

static void test_mail_names__cues_are_folded_like_the_text(void **state)
{
    struct fixture *f = *state;
    char text[128];
    mail_text_fold("ТЕРМІНОВО: ПІДТВЕРДІТЬ", text, sizeof(text));
    bool *seen = calloc(f->data.cue_count + 1, sizeof(*seen));
    assert_non_null(seen);
    mail_find_cues(&f->data, text, strlen(text), mark, seen);
    size_t found = 0;
    for (size_t i = 0; i < f->data.cue_count; i++)
        if (seen[i]) {
            found++;
            assert_true(strcmp(f->data.cues[i], "терміново") == 0 ||
                        strcmp(f->data.cues[i], "підтвердіть") == 0);
        }
    assert_int_equal(found, 2);
    free(seen);
}

static void test_mail_names__lure_words_make_the_whole_label(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(mail_lure_word_count(&f->data, "docs-view"), 2);
    assert_int_equal(mail_lure_word_count(&f->data, "secureloginverify"), 3);
    assert_int_equal(mail_lure_word_count(&f->data, "dokumenty-vkhid"), 2);
    assert_int_equal(mail_lure_word_count(&f->data, "pidtverdzhennya2-oblikovyi"), 2);
    assert_int_equal(mail_lure_word_count(&f->data, "mail-auth"), 2);
    /* One word is a name like any other; a part that is no word spoils it. */
    assert_int_equal(mail_lure_word_count(&f->data, "docs"), 1);
    assert_int_equal(mail_lure_word_count(&f->data, "hromadske-docs"), 0);
    assert_int_equal(mail_lure_word_count(&f->data, "sharepoint"), 0);
    assert_int_equal(mail_lure_word_count(&f->data, "mailchimp"), 0);
    assert_int_equal(mail_lure_word_count(&f->data, "list-manage"), 0);
    assert_int_equal(mail_lure_word_count(&f->data, "docusign"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mail_names__fold_case_is_full_unicode),
        cmocka_unit_test(test_mail_names__fold_keeps_ascii_and_folds_the_rest),
        cmocka_unit_test(test_mail_names__whole_words_and_cyrillic_forms),
        cmocka_unit_test_setup_teardown(test_mail_names__brands_by_any_name_and_look_alikes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_names__user_brands_with_several_names, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_names__cues_are_folded_like_the_text, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_names__lure_words_make_the_whole_label, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
