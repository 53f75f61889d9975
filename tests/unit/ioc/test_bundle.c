/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the indicator bundle's content: written and read back,
 * unsafe names, lying sizes and hashes refused, unpacking kept inside its
 * folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buffer.h"
#include "core/walk.h"
#include "ioc/bundle_internal.h"

static const unsigned char csv[] = "domain,evil.example,,Camp\n";
static const unsigned char rule[] = "rule a { condition: true }\n";

/* Content of a bundle with two files, as ioc_bundle_write makes it. */
static void write_two(struct ob_buffer *out)
{
    struct ioc_bundle bundle = {0};
    core_buffer_init(out, 1 << 20);
    assert_int_equal(ioc_bundle_add(&bundle, "iocs/list.csv", csv, sizeof(csv) - 1), OB_OK);
    assert_int_equal(ioc_bundle_add(&bundle, "rules/a.yar", rule, sizeof(rule) - 1), OB_OK);
    assert_int_equal(ioc_bundle_write(&bundle, out), OB_OK);
    ioc_bundle_release(&bundle);
}

static void expect_parse_error(const char *content, size_t length, const char *message)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ioc_bundle bundle;
    enum ob_status status = ioc_bundle_parse(ctx, (const unsigned char *)content, length, &bundle);
    assert_int_not_equal(status, OB_OK);
    assert_int_equal(bundle.count, 0);
    if (strstr(ob_context_last_error(ctx), message) == NULL)
        fail_msg("'%s' not in '%s'", message, ob_context_last_error(ctx));
    ob_context_free(ctx);
}

static void test_bundle__written_content_reads_back(void **state)
{
    (void)state;
    struct ob_buffer content;
    write_two(&content);
    assert_non_null(strstr(core_buffer_str(&content), "oberig-indicator-bundle 1\nfile 26 "));
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ioc_bundle bundle;
    assert_int_equal(ioc_bundle_parse(ctx, content.data, content.length, &bundle), OB_OK);
    assert_int_equal(bundle.count, 2);
    assert_string_equal(bundle.members[0].path, "iocs/list.csv");
    assert_int_equal(bundle.members[0].length, sizeof(csv) - 1);
    assert_memory_equal(bundle.members[0].data, csv, sizeof(csv) - 1);
    assert_string_equal(bundle.members[1].path, "rules/a.yar");
    assert_memory_equal(bundle.members[1].data, rule, sizeof(rule) - 1);
    /* Unpacked, the files are where their paths say, private. */
    char folder[] = "/tmp/oberig-bundle-test-XXXXXX";
    assert_non_null(mkdtemp(folder));
    assert_int_equal(ioc_bundle_unpack(ctx, &bundle, folder), OB_OK);
    char path[256];
    snprintf(path, sizeof(path), "%s/rules/a.yar", folder);
    struct ob_buffer file;
    core_buffer_init(&file, 1 << 20);
    assert_int_equal(core_buffer_read_file(&file, path, NULL), OB_OK);
    assert_string_equal(core_buffer_str(&file), (const char *)rule);
    struct stat info;
    assert_int_equal(stat(path, &info), 0);
    assert_int_equal(info.st_mode & 0777, 0600);
    core_buffer_release(&file);
    /* Unpacked twice into the same folder: nothing is replaced. */
    assert_int_not_equal(ioc_bundle_unpack(ctx, &bundle, folder), OB_OK);
    core_remove_tree(folder);
    ioc_bundle_release(&bundle);
    core_buffer_release(&content);
    ob_context_free(ctx);
}

static void test_bundle__unsafe_paths_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"",          "/etc/passwd", "../x",     "a/../b", "a//b",
                                      "a/",        ".hidden",     "a/.git/c", "a\\b",   "a/./b",
                                      "tab\there", "\xff\xfe",    "new\nline"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (ioc_bundle_path_ok(bad[i], strlen(bad[i])))
            fail_msg("'%s' was accepted", bad[i]);
    assert_true(ioc_bundle_path_ok("rules/apt/wave.yar", 18));
    assert_true(ioc_bundle_path_ok("індикатори/хвиля.csv", strlen("індикатори/хвиля.csv")));
    char deep[256] = "";
    for (int i = 0; i < IOC_BUNDLE_DEPTH_MAX + 1; i++)
        strcat(deep, i == 0 ? "d" : "/d");
    assert_false(ioc_bundle_path_ok(deep, strlen(deep)));
    /* In a manifest, too. */
    static const char dotdot[] =
        "oberig-indicator-bundle 1\n"
        "file 5 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 ../escape\n"
        "end\nhello";
    expect_parse_error(dotdot, sizeof(dotdot) - 1, "unsafe file name");
}

static void test_bundle__lying_manifests_are_refused(void **state)
{
    (void)state;
    static const char hello_hash[] =
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    char text[512];
    /* The bytes do not match the SHA-256. */
    snprintf(text, sizeof(text), "oberig-indicator-bundle 1\nfile 5 %s a\nend\nhellX", hello_hash);
    expect_parse_error(text, strlen(text), "does not match its SHA-256");
    /* More or fewer bytes than the manifest lists. */
    snprintf(text, sizeof(text), "oberig-indicator-bundle 1\nfile 5 %s a\nend\nhello!", hello_hash);
    expect_parse_error(text, strlen(text), "lists 5 bytes, the bundle holds 6");
    snprintf(text, sizeof(text), "oberig-indicator-bundle 1\nfile 5 %s a\nend\nhell", hello_hash);
    expect_parse_error(text, strlen(text), "lists 5 bytes, the bundle holds 4");
    /* A size past every limit, one with a leading zero, a sign. */
    snprintf(text, sizeof(text), "oberig-indicator-bundle 1\nfile 9999999999999999999 %s a\nend\n",
             hello_hash);
    expect_parse_error(text, strlen(text), "more than 256 MiB");
    snprintf(text, sizeof(text), "oberig-indicator-bundle 1\nfile 18446744073709551616 %s a\nend\n",
             hello_hash);
    expect_parse_error(text, strlen(text), "bad size");
    snprintf(text, sizeof(text), "oberig-indicator-bundle 1\nfile 05 %s a\nend\nhello", hello_hash);
    expect_parse_error(text, strlen(text), "bad size");
    snprintf(text, sizeof(text), "oberig-indicator-bundle 1\nfile -5 %s a\nend\nhello", hello_hash);
    expect_parse_error(text, strlen(text), "bad size");
    /* The same name twice; no end; another version; something else. */
    snprintf(text, sizeof(text), "oberig-indicator-bundle 1\nfile 5 %s a\nfile 5 %s a\nend\n",
             hello_hash, hello_hash);
    expect_parse_error(text, strlen(text), "names a file again");
    snprintf(text, sizeof(text), "oberig-indicator-bundle 1\nfile 5 %s a\nhello\n", hello_hash);
    expect_parse_error(text, strlen(text), "is not 'file' or 'end'");
    snprintf(text, sizeof(text), "oberig-indicator-bundle 1\nfile 5 %s a", hello_hash);
    expect_parse_error(text, strlen(text), "no end");
    expect_parse_error("oberig-indicator-bundle 2\nend\n", 30, "not an oberig indicator bundle");
    expect_parse_error("", 0, "not an oberig indicator bundle");
}

static void test_bundle__file_and_folder_of_one_name_fail_to_unpack(void **state)
{
    (void)state;
    struct ioc_bundle bundle = {0};
    assert_int_equal(ioc_bundle_add(&bundle, "a", csv, 3), OB_OK);
    assert_int_equal(ioc_bundle_add(&bundle, "a/b", csv, 3), OB_OK);
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    char folder[] = "/tmp/oberig-bundle-test-XXXXXX";
    assert_non_null(mkdtemp(folder));
    /* A link planted where a folder of the bundle goes is not followed. */
    char link_path[256];
    snprintf(link_path, sizeof(link_path), "%s/rules", folder);
    assert_int_equal(symlink("/tmp", link_path), 0);
    assert_int_not_equal(ioc_bundle_unpack(ctx, &bundle, folder), OB_OK);
    assert_non_null(strstr(ob_context_last_error(ctx), "cannot unpack 'a/b'"));
    ioc_bundle_release(&bundle);
    assert_int_equal(ioc_bundle_add(&bundle, "rules/oberig-bundle-test-escape.yar", rule, 3),
                     OB_OK);
    assert_int_not_equal(ioc_bundle_unpack(ctx, &bundle, folder), OB_OK);
    assert_int_not_equal(access("/tmp/oberig-bundle-test-escape.yar", F_OK), 0);
    ioc_bundle_release(&bundle);
    core_remove_tree(folder);
    ob_context_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundle__written_content_reads_back),
        cmocka_unit_test(test_bundle__unsafe_paths_are_refused),
        cmocka_unit_test(test_bundle__lying_manifests_are_refused),
        cmocka_unit_test(test_bundle__file_and_folder_of_one_name_fail_to_unpack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
