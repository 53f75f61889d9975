/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of src/integrity/bootrec.c: the MBR and GPT parser on the fuzz
 * seeds and on sectors made here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oberig/bootrec.h"

/* A fuzz seed of fuzz/corpus/fuzz_bootrec, whole, into *size bytes. */
static unsigned char *read_seed(const char *name, size_t *size)
{
    const char *root = getenv("OB_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof(path), "%s/fuzz/corpus/fuzz_bootrec/%s", root ? root : ".", name);
    FILE *file = fopen(path, "rb");
    assert_non_null(file);
    unsigned char *data = malloc(1 << 20);
    assert_non_null(data);
    *size = fread(data, 1, 1 << 20, file);
    fclose(file);
    return data;
}

static struct ob_bootrec *parse_whole(const unsigned char *data, size_t size)
{
    struct ob_bootrec *bootrec = NULL;
    assert_int_equal(ob_bootrec_parse(NULL, data, size, data, size, size, &bootrec), OB_OK);
    return bootrec;
}

static bool has_finding(const struct ob_bootrec *bootrec, const char *id)
{
    for (size_t i = 0; i < bootrec->finding_count; i++)
        if (strcmp(bootrec->findings[i].id, id) == 0)
            return true;
    return false;
}

static void test_bootrec__shorter_than_a_sector_is_a_parse_error(void **state)
{
    (void)state;
    unsigned char sector[511] = {0};
    struct ob_bootrec *bootrec = (struct ob_bootrec *)sector;
    assert_int_equal(ob_bootrec_parse(NULL, sector, sizeof(sector), NULL, 0, sizeof(sector),
                                      &bootrec),
                     OB_ERR_PARSE);
    assert_null(bootrec);
}

/* The intact seed passes every check; one byte changed in the header, the
 * entries or the backup header fails exactly that check. */
static void test_bootrec__each_gpt_crc_catches_one_changed_byte(void **state)
{
    (void)state;
    size_t size;
    unsigned char *data = read_seed("gpt-small", &size);
    struct ob_bootrec *bootrec = parse_whole(data, size);
    assert_true(bootrec->gpt.present && bootrec->gpt.header_ok && bootrec->gpt.entries_ok &&
                bootrec->gpt.backup_ok);
    assert_int_equal(bootrec->gpt.sector_size, 512);
    assert_int_equal(bootrec->gpt_partition_count, 1);
    assert_string_equal(bootrec->gpt_partitions[0].name, "data");
    assert_false(has_finding(bootrec, "gpt-header-damaged"));
    ob_bootrec_free(bootrec);

    const size_t offsets[] = {512 + 48, 1024 + 40, size - 512 + 48};
    const char *ids[] = {"gpt-header-damaged", "gpt-entries-damaged", "gpt-backup-damaged"};
    for (size_t i = 0; i < 3; i++) {
        data[offsets[i]] ^= 0x01;
        bootrec = parse_whole(data, size);
        for (size_t j = 0; j < 3; j++)
            assert_int_equal(has_finding(bootrec, ids[j]), i == j);
        assert_true(bootrec->level >= OB_LEVEL_WARNING);
        ob_bootrec_free(bootrec);
        data[offsets[i]] ^= 0x01;
    }
    /* Without the end of the disk, the backup is not judged. */
    assert_int_equal(ob_bootrec_parse(NULL, data, size, NULL, 0, size * 2, &bootrec), OB_OK);
    assert_false(bootrec->gpt.backup_found);
    assert_false(has_finding(bootrec, "gpt-backup-damaged"));
    ob_bootrec_free(bootrec);
    free(data);
}

static void test_bootrec__gpt_of_4096_byte_sectors(void **state)
{
    (void)state;
    size_t size;
    unsigned char *data = read_seed("gpt-4k", &size);
    struct ob_bootrec *bootrec = parse_whole(data, size);
    assert_int_equal(bootrec->gpt.sector_size, 4096);
    assert_true(bootrec->gpt.header_ok && bootrec->gpt.entries_ok && bootrec->gpt.backup_ok);
    assert_string_equal(bootrec->gpt_partitions[0].type_guid,
                        "c12a7328-f81f-11d2-ba4b-00a0c93ec93b");
    ob_bootrec_free(bootrec);
    free(data);
}

/* UTF-16 names: a surrogate pair becomes one code point, a lone surrogate
 * U+FFFD. */
static void test_bootrec__gpt_name_utf16_to_utf8(void **state)
{
    (void)state;
    size_t size;
    unsigned char *data = read_seed("gpt-small", &size);
    static const unsigned char name[] = {0x3D, 0xD8, 0x00, 0xDE, 0x00, 0xD8, 'A', 0, 0, 0};
    memcpy(data + 1024 + 56, name, sizeof(name));
    struct ob_bootrec *bootrec = parse_whole(data, size);
    assert_string_equal(bootrec->gpt_partitions[0].name, "\xF0\x9F\x98\x80\xEF\xBF\xBD"
                                                         "A");
    assert_true(has_finding(bootrec, "gpt-entries-damaged"));
    ob_bootrec_free(bootrec);
    free(data);
}

/* 47 readable bytes are not yet a message; 48 are. */
static void test_bootrec__ransom_note_threshold(void **state)
{
    (void)state;
    unsigned char sector[512] = {0xFA, 0x31, 0xC0};
    sector[510] = 0x55;
    sector[511] = 0xAA;
    for (size_t length = OB_BOOTREC_RANSOM_TEXT - 1; length <= OB_BOOTREC_RANSOM_TEXT; length++) {
        memset(sector + 3, 'x', length);
        sector[3 + length] = 0;
        struct ob_bootrec *bootrec = parse_whole(sector, sizeof(sector));
        bool note = length >= OB_BOOTREC_RANSOM_TEXT;
        assert_int_equal(bootrec->code_class,
                         note ? OB_BOOTREC_CODE_KNOWN_BAD : OB_BOOTREC_CODE_UNKNOWN);
        assert_int_equal(has_finding(bootrec, "bootrec-ransom-note"), note);
        assert_int_equal(bootrec->string_count, 1);
        assert_int_equal(strlen(bootrec->text), length);
        ob_bootrec_free(bootrec);
    }
}

/* Zeros are empty, a blank sector has no signature finding, noise has. */
static void test_bootrec__empty_and_missing_signature(void **state)
{
    (void)state;
    unsigned char sector[512] = {0};
    struct ob_bootrec *bootrec = parse_whole(sector, sizeof(sector));
    assert_int_equal(bootrec->code_class, OB_BOOTREC_CODE_EMPTY);
    assert_false(bootrec->mbr_signature);
    assert_false(has_finding(bootrec, "bootrec-no-signature"));
    ob_bootrec_free(bootrec);
    sector[100] = 0x90;
    bootrec = parse_whole(sector, sizeof(sector));
    assert_true(has_finding(bootrec, "bootrec-no-signature"));
    assert_true(has_finding(bootrec, "bootrec-unknown-code"));
    ob_bootrec_free(bootrec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bootrec__shorter_than_a_sector_is_a_parse_error),
        cmocka_unit_test(test_bootrec__each_gpt_crc_catches_one_changed_byte),
        cmocka_unit_test(test_bootrec__gpt_of_4096_byte_sectors),
        cmocka_unit_test(test_bootrec__gpt_name_utf16_to_utf8),
        cmocka_unit_test(test_bootrec__ransom_note_threshold),
        cmocka_unit_test(test_bootrec__empty_and_missing_signature),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
