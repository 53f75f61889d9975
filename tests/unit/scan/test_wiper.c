/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of src/scan/wiper.c: the repeated-pattern detector, the
 * random-extension and ransom-note checks, and the extent's tally. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "scan/wiper.h"

static void test_wiper__one_repeated_byte_has_period_one(void **state)
{
    (void)state;
    unsigned char block[8192];
    memset(block, 0xcc, sizeof(block));
    assert_int_equal(scan_wiper_fill_period(block, sizeof(block)), 1);
    memset(block, 0, sizeof(block));
    assert_int_equal(scan_wiper_fill_period(block, sizeof(block)), 1);
    /* Only the first 4 KiB count: what follows may be anything. */
    block[5000] = 'x';
    assert_int_equal(scan_wiper_fill_period(block, sizeof(block)), 1);
    /* One different byte within them and it is not a fill. */
    block[4095] = 1;
    assert_int_equal(scan_wiper_fill_period(block, sizeof(block)), 0);
}

static void test_wiper__short_patterns_up_to_sixteen_bytes(void **state)
{
    (void)state;
    unsigned char block[4096];
    for (size_t period = 2; period <= 17; period++) {
        for (size_t i = 0; i < sizeof(block); i++)
            block[i] = (unsigned char)(i % period * 7 + 1);
        assert_int_equal(scan_wiper_fill_period(block, sizeof(block)),
                         period <= SCAN_WIPER_MAX_PERIOD ? period : 0);
    }
    char shown[96];
    const unsigned char pattern[] = {0x00, 0xff};
    scan_wiper_format_pattern(pattern, 2, shown, sizeof(shown));
    assert_string_equal(shown, "0x00 0xff");
    scan_wiper_format_pattern((const unsigned char *)"\xcc", 1, shown, sizeof(shown));
    assert_string_equal(shown, "0xcc");
}

static void test_wiper__small_files_and_real_headers_are_not_fills(void **state)
{
    (void)state;
    unsigned char block[4096];
    memset(block, 0xcc, sizeof(block));
    /* A whole small file counts from 512 bytes on; below, too little to tell. */
    assert_int_equal(scan_wiper_fill_period(block, 512), 1);
    assert_int_equal(scan_wiper_fill_period(block, 511), 0);
    assert_int_equal(scan_wiper_fill_period(block, 0), 0);
    /* A header followed by padding is content. */
    memcpy(block, "%PDF-1.7\n", 9);
    assert_int_equal(scan_wiper_fill_period(block, sizeof(block)), 0);
    memset(block, 0, sizeof(block));
    memcpy(block, "\x89PNG\r\n\x1a\n", 8);
    assert_int_equal(scan_wiper_fill_period(block, sizeof(block)), 0);
}

static void test_wiper__random_extension_after_a_document_extension(void **state)
{
    (void)state;
    struct scan_wiper_data *data = NULL;
    assert_int_equal(scan_wiper_data_new(&data), OB_OK);
    char added[16], original[16];
    assert_true(scan_wiper_renamed(data, "report.docx.9fa2", added, sizeof(added), original,
                                   sizeof(original)));
    assert_string_equal(added, ".9fa2");
    assert_string_equal(original, ".docx");
    assert_true(scan_wiper_renamed(data, "Photo.JPG.QWXZ", added, sizeof(added), original,
                                   sizeof(original)));
    assert_string_equal(added, ".qwxz");
    assert_string_equal(original, ".jpg");
    /* Extensions that tools add, digits alone, a text's or a plain name's
     * are not a wiper's. */
    const char *ordinary[] = {"report.docx.bak",  "invoice.pdf.exe",     "scan.jpg.pdf",
                              "report.docx.part", "film.mkv.crdownload", "archive.zip.001",
                              "notes.txt.9fa2",   "report.9fa2",         "report.docx",
                              ".docx.9fa2",       "report.docx.ab",      "report.docx.abcdefghi",
                              "report.docx.9f-a"};
    for (size_t i = 0; i < sizeof(ordinary) / sizeof(ordinary[0]); i++)
        assert_false(scan_wiper_renamed(data, ordinary[i], added, sizeof(added), original,
                                        sizeof(original)));
    assert_true(scan_wiper_is_structured(data, ".pdf"));
    assert_false(scan_wiper_is_structured(data, ".txt"));
    assert_false(scan_wiper_is_structured(data, ""));
    scan_wiper_data_free(data);
}

static void test_wiper__ransom_notes_by_name_and_phrase(void **state)
{
    (void)state;
    struct scan_wiper_data *data = NULL;
    assert_int_equal(scan_wiper_data_new(&data), OB_OK);
    const char *value = NULL, *origin = NULL;
    const unsigned char text[] = "Hello.\nYOUR HARD DRIVE HAS BEEN CORRUPTED.\nPay.";
    assert_true(scan_wiper_ransom_note(data, "note.txt", text, sizeof(text) - 1, &value, &origin));
    assert_string_equal(value, "your hard drive has been corrupted");
    assert_non_null(strstr(origin, "WhisperGate"));
    assert_true(scan_wiper_ransom_note(data, "RECOVER-abc12-FILES.txt", (const unsigned char *)"x",
                                       1, &value, &origin));
    assert_non_null(strstr(origin, "BlackCat"));
    const unsigned char plain[] = "Minutes of the meeting: the drive was replaced.";
    assert_false(
        scan_wiper_ransom_note(data, "minutes.txt", plain, sizeof(plain) - 1, &value, &origin));
    /* A binary file (NUL bytes) is not read as a note. */
    unsigned char binary[64] = "your files have been encrypted";
    assert_false(scan_wiper_ransom_note(data, "x.txt", binary, sizeof(binary), &value, &origin));
    /* The phrase is looked for in the kinds of file a note is left as:
     * not in a script or a program's source. */
    assert_true(scan_wiper_ransom_note(data, "README", text, sizeof(text) - 1, &value, &origin));
    assert_true(scan_wiper_ransom_note(data, "INFO.HTA", text, sizeof(text) - 1, &value, &origin));
    assert_false(
        scan_wiper_ransom_note(data, "shell.php", text, sizeof(text) - 1, &value, &origin));
    scan_wiper_data_free(data);
}

static void test_wiper__tally_keeps_the_most_common_pattern(void **state)
{
    (void)state;
    struct scan_wiper_tally tally;
    scan_wiper_tally_init(&tally);
    const unsigned char cc = 0xcc, zero = 0;
    scan_wiper_tally_add(&tally, &cc, 1, true, false, false, 300);
    scan_wiper_tally_add(&tally, &zero, 1, false, false, false, 50);
    scan_wiper_tally_add(&tally, &cc, 1, true, false, false, 100);
    scan_wiper_tally_add(&tally, &cc, 1, false, false, true, 200);
    scan_wiper_tally_add(&tally, NULL, 0, true, false, false, 400);
    scan_wiper_tally_add(&tally, NULL, 0, false, true, false, 500);
    scan_wiper_tally_add(&tally, NULL, 0, false, false, true, 600);
    struct ob_wiper_extent extent;
    scan_wiper_tally_extent(&tally, &extent);
    assert_int_equal(extent.overwritten, 4);
    assert_int_equal(extent.files, 3);
    assert_int_equal(extent.pattern_length, 1);
    assert_int_equal(extent.pattern[0], 0xcc);
    assert_int_equal(extent.renamed, 2);
    assert_int_equal(extent.mtime_first, 100);
    assert_int_equal(extent.mtime_last, 300);
    assert_int_equal(extent.renamed_total, 3);
    assert_int_equal(extent.renamed_first, 100);
    assert_int_equal(extent.renamed_last, 400);
    assert_int_equal(extent.notes, 1);
    assert_int_equal(extent.system_damaged, 2);
    scan_wiper_tally_destroy(&tally);
}

static void test_wiper__system_programs_by_their_folder(void **state)
{
    (void)state;
    assert_int_equal(scan_wiper_system_file("/usr/bin/ls", 0755), SCAN_SYSTEM_PROGRAM);
    assert_int_equal(scan_wiper_system_file("/mnt/disk/sbin/init", 0755), SCAN_SYSTEM_PROGRAM);
    assert_int_equal(scan_wiper_system_file("bin/sh", 0755), SCAN_SYSTEM_PROGRAM);
    assert_int_equal(scan_wiper_system_file("/usr/lib/x86_64-linux-gnu/libc.so.6", 0755),
                     SCAN_SYSTEM_LIBRARY);
    assert_int_equal(scan_wiper_system_file("/lib64/ld-linux-x86-64.so.2", 0755),
                     SCAN_SYSTEM_LIBRARY);
    assert_int_equal(scan_wiper_system_file("/usr/lib/libfoo.so", 0755), SCAN_SYSTEM_LIBRARY);
    assert_int_equal(scan_wiper_system_file("/mnt/win/WINDOWS/System32/kernel32.DLL", 0755),
                     SCAN_SYSTEM_WINDOWS);
    assert_int_equal(scan_wiper_system_file("/mnt/win/Windows/SysWOW64/drivers.sys", 0755),
                     SCAN_SYSTEM_WINDOWS);
    /* A file nobody may execute is not a program, even in a bin folder. */
    assert_int_equal(scan_wiper_system_file("/home/olena/project/bin/zeros.bin", 0644),
                     SCAN_SYSTEM_NONE);
    assert_int_equal(scan_wiper_system_file("/usr/lib/libfoo.so.1", 0644), SCAN_SYSTEM_LIBRARY);
    /* Not directly in the folder, not a library, not a program's name. */
    assert_int_equal(scan_wiper_system_file("/usr/bin/sub/tool", 0755), SCAN_SYSTEM_NONE);
    assert_int_equal(scan_wiper_system_file("/home/olena/cabin/notes", 0755), SCAN_SYSTEM_NONE);
    assert_int_equal(scan_wiper_system_file("/usr/lib/python3/dist-packages/x/y.so", 0755),
                     SCAN_SYSTEM_NONE);
    assert_int_equal(scan_wiper_system_file("/usr/lib/x86_64-linux-gnu/libc.sonnet", 0755),
                     SCAN_SYSTEM_NONE);
    assert_int_equal(scan_wiper_system_file("/usr/lib/README", 0755), SCAN_SYSTEM_NONE);
    assert_int_equal(scan_wiper_system_file("/mnt/win/Windows/System32/license.rtf", 0755),
                     SCAN_SYSTEM_NONE);
    assert_int_equal(scan_wiper_system_file("/mnt/win/Program Files/System32/a.exe", 0755),
                     SCAN_SYSTEM_NONE);
    assert_int_equal(scan_wiper_system_file("/usr/bin/", 0755), SCAN_SYSTEM_NONE);
}

static void test_wiper__system_program_damage_kinds(void **state)
{
    (void)state;
    static unsigned char block[8192];
    size_t period = 99;
    double entropy = -1;
    assert_int_equal(scan_wiper_system_damage(block, 0, &period, &entropy), SCAN_SYSTEM_EMPTIED);
    memset(block, 0xcc, sizeof(block));
    assert_int_equal(scan_wiper_system_damage(block, sizeof(block), &period, &entropy),
                     SCAN_SYSTEM_FILLED);
    assert_int_equal(period, 1);
    /* Random-looking bytes where a header belongs. */
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof(block); i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        block[i] = (unsigned char)x;
    }
    assert_int_equal(scan_wiper_system_damage(block, sizeof(block), &period, &entropy),
                     SCAN_SYSTEM_RANDOM);
    assert_true(entropy > 7.9);
    /* The same bytes behind a real header are a packed program, not damage. */
    memcpy(block, "\177ELF", 4);
    assert_int_equal(scan_wiper_system_damage(block, sizeof(block), &period, &entropy),
                     SCAN_SYSTEM_INTACT);
    memcpy(block, "MZ", 2);
    assert_int_equal(scan_wiper_system_damage(block, sizeof(block), &period, &entropy),
                     SCAN_SYSTEM_INTACT);
    /* Text (an ld script such as libc.so) and a short file are intact. */
    memset(block, 'a', sizeof(block));
    for (size_t i = 0; i < sizeof(block); i += 7)
        block[i] = (unsigned char)('a' + i % 26);
    assert_int_equal(scan_wiper_system_damage(block, sizeof(block), &period, &entropy),
                     SCAN_SYSTEM_INTACT);
    assert_int_equal(scan_wiper_system_damage(block, 100, &period, &entropy), SCAN_SYSTEM_INTACT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wiper__one_repeated_byte_has_period_one),
        cmocka_unit_test(test_wiper__short_patterns_up_to_sixteen_bytes),
        cmocka_unit_test(test_wiper__small_files_and_real_headers_are_not_fills),
        cmocka_unit_test(test_wiper__random_extension_after_a_document_extension),
        cmocka_unit_test(test_wiper__ransom_notes_by_name_and_phrase),
        cmocka_unit_test(test_wiper__tally_keeps_the_most_common_pattern),
        cmocka_unit_test(test_wiper__system_programs_by_their_folder),
        cmocka_unit_test(test_wiper__system_program_damage_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
