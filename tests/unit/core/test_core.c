/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of src/core: buffers, arrays, arenas, text, hex, JSON, hashing,
 * walking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/array.h"
#include "core/buffer.h"
#include "core/hash.h"
#include "core/json.h"
#include "core/text.h"
#include "core/walk.h"

static void test_core__buffer_respects_its_cap(void **state)
{
    struct ob_buffer buffer;
    core_buffer_init(&buffer, 8);
    assert_int_equal(core_buffer_append(&buffer, "12345678", 8), OB_OK);
    assert_int_equal(core_buffer_append(&buffer, "9", 1), OB_ERR_LIMIT);
    assert_int_equal(buffer.length, 8);
    assert_string_equal(core_buffer_str(&buffer), "12345678");
    core_buffer_release(&buffer);
}

static void test_core__buffer_printf_and_reset(void **state)
{
    struct ob_buffer buffer;
    core_buffer_init(&buffer, 1024);
    assert_int_equal(core_buffer_printf(&buffer, "%s-%d", "a", 42), OB_OK);
    assert_string_equal(core_buffer_str(&buffer), "a-42");
    core_buffer_reset(&buffer, 1 << 20);
    assert_int_equal(buffer.length, 0);
    assert_string_equal(core_buffer_str(&buffer), "");
    core_buffer_release(&buffer);
}

static void test_core__utf8_decoder_rejects_bad_sequences(void **state)
{
    uint32_t cp;
    assert_int_equal(core_utf8_decode((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(core_utf8_decode((const unsigned char *)"\xc0\xaf", 2, &cp), 0); /* overlong */
    assert_int_equal(core_utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp),
                     0); /* surrogate */
    assert_int_equal(core_utf8_decode((const unsigned char *)"\xe2\x80", 2, &cp),
                     0);                                                 /* truncated */
    assert_true(core_utf8_valid("\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2", 8)); /* Київ */
    assert_false(core_utf8_valid("a\xff", 2));
}

static void test_core__terminal_text_never_passes_escapes(void **state)
{
    struct ob_buffer out;
    core_buffer_init(&out, 4096);
    const char name[] = "evil\x1b]0;pwned\x07\xe2\x80\xaegpj.exe\xff\\x\\a";
    assert_int_equal(core_text_append_terminal_safe(&out, name, sizeof(name) - 1), OB_OK);
    const char *shown = core_buffer_str(&out);
    assert_null(strchr(shown, '\x1b'));
    assert_null(strchr(shown, '\x07'));
    assert_null(strstr(shown, "\xe2\x80\xae"));
    assert_string_equal(shown, "evil\\u{001b}]0;pwned\\u{0007}\\u{202e}gpj.exe\\xff\\\\x\\a");
    core_buffer_release(&out);
}

static void test_core__json_strings_are_valid_utf8(void **state)
{
    struct ob_buffer out;
    core_buffer_init(&out, 4096);
    struct ob_json json;
    core_json_init(&json, &out);
    core_json_object_begin(&json, NULL);
    bool lossy = core_json_string(&json, "path", "a\"b\\\n\x01\xff", 7);
    core_json_uint(&json, "n", 7);
    core_json_array_begin(&json, "list");
    core_json_int(&json, NULL, -1);
    core_json_bool(&json, NULL, true);
    core_json_array_end(&json);
    core_json_object_end(&json);
    assert_int_equal(json.status, OB_OK);
    assert_true(lossy);
    assert_string_equal(
        core_buffer_str(&out),
        "{\"path\":\"a\\\"b\\\\\\n\\u0001\xef\xbf\xbd\",\"n\":7,\"list\":[-1,true]}");
    assert_true(core_utf8_valid((const char *)out.data, out.length));
    /* Runs of plain text between characters that need escaping. */
    core_buffer_reset(&out, 4096);
    const char *mixed = "Увага: \"verify\" now\x7f\tor else/ok";
    assert_int_equal(core_text_append_json_string(&out, mixed, strlen(mixed), &lossy), OB_OK);
    assert_false(lossy);
    assert_string_equal(core_buffer_str(&out), "\"Увага: \\\"verify\\\" now\\u007f\\tor else/ok\"");
    core_buffer_release(&out);
}

static void test_core__json_escapes_wherever_they_fall(void **state)
{
    /* Plain text is copied eight bytes at a time: a character that needs
     * escaping, or is not ASCII, at each place in and around those blocks. */
    const char *specials[] = {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xff"};
    const char *written[] = {"\\\"",    "\\\\",    "\\n",      "\\u0001",
                             "\\u001f", "\\u007f", "\xc3\xa9", "\xef\xbf\xbd"};
    struct ob_buffer out;
    core_buffer_init(&out, 4096);
    char text[64], expected[96];
    for (size_t s = 0; s < sizeof(specials) / sizeof(*specials); s++) {
        for (int at = 0; at <= 18; at++) {
            snprintf(text, sizeof(text), "%.*s%s%.*s", at, "abcdefghijklmnopqrstuvwxyz",
                     specials[s], 18 - at, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
            snprintf(expected, sizeof(expected), "\"%.*s%s%.*s\"", at, "abcdefghijklmnopqrstuvwxyz",
                     written[s], 18 - at, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
            bool lossy = true;
            core_buffer_reset(&out, 4096);
            assert_int_equal(core_text_append_json_string(&out, text, strlen(text), &lossy), OB_OK);
            assert_string_equal(core_buffer_str(&out), expected);
            assert_int_equal(lossy, specials[s][0] == '\xff');
        }
    }
    /* All plain, of every length up to three blocks. */
    const char *plain = " !#$%&'()*+,-./0123456789:;<=>?@[]^_`{|}~";
    for (int length = 0; length <= 24; length++) {
        core_buffer_reset(&out, 4096);
        assert_int_equal(core_text_append_json_string(&out, plain, (size_t)length, NULL), OB_OK);
        snprintf(expected, sizeof(expected), "\"%.*s\"", length, plain);
        assert_string_equal(core_buffer_str(&out), expected);
    }
    core_buffer_release(&out);
    /* More than the buffer may hold is an error, plain or not. */
    core_buffer_init(&out, 16);
    assert_int_equal(core_text_append_json_string(&out, plain, 20, NULL), OB_ERR_LIMIT);
    core_buffer_release(&out);
    core_buffer_init(&out, 16);
    assert_int_equal(core_text_append_json_string(&out, "0123456789\n0123456789", 21, NULL),
                     OB_ERR_LIMIT);
    core_buffer_release(&out);
}

static void test_core__json_depth_is_capped(void **state)
{
    struct ob_buffer out;
    core_buffer_init(&out, 4096);
    struct ob_json json;
    core_json_init(&json, &out);
    for (int i = 0; i < OB_JSON_MAX_DEPTH + 1; i++)
        core_json_array_begin(&json, NULL);
    assert_int_equal(json.status, OB_ERR_LIMIT);
    core_buffer_release(&out);
}

static void test_core__hex_round_trip(void **state)
{
    unsigned char bytes[4];
    assert_true(core_hex_decode("DeadBEEF", 8, bytes));
    assert_memory_equal(bytes, "\xde\xad\xbe\xef", 4);
    struct ob_buffer out;
    core_buffer_init(&out, 64);
    assert_int_equal(core_text_append_hex(&out, bytes, 4), OB_OK);
    assert_string_equal(core_buffer_str(&out), "deadbeef");
    core_buffer_release(&out);

    /* Every byte value there and back, lower case on the way out. */
    unsigned char all[256], back[256];
    char text[513];
    for (size_t i = 0; i < 256; i++)
        all[i] = (unsigned char)i;
    memset(text, 'x', sizeof(text));
    core_hex_encode(all, 256, text);
    assert_int_equal(strlen(text), 512);
    assert_memory_equal(text, "000102", 6);
    assert_memory_equal(text + 2 * 0xAB, "ab", 2);
    assert_memory_equal(text + 510, "ff", 2);
    assert_true(core_hex_decode(text, 512, back));
    assert_memory_equal(back, all, 256);
    core_hex_encode(all, 0, text);
    assert_string_equal(text, "");

    assert_int_equal(core_hex_value('0'), 0);
    assert_int_equal(core_hex_value('9'), 9);
    assert_int_equal(core_hex_value('a'), 10);
    assert_int_equal(core_hex_value('F'), 15);
    const char not_hex[] = {'g', 'G', '/', ':', '@', '`', ' ', '\0', 'x', (char)0xE0};
    for (size_t i = 0; i < sizeof(not_hex); i++)
        assert_int_equal(core_hex_value(not_hex[i]), -1);
    assert_false(core_hex_decode("zz", 2, bytes));
    assert_false(core_hex_decode("abc", 3, bytes));  /* odd */
    assert_false(core_hex_decode("a\0", 2, bytes));  /* NUL */
    assert_false(core_hex_decode("0x12", 4, bytes)); /* prefix */
    assert_false(core_hex_decode("12 3", 4, bytes)); /* space */
    assert_true(core_hex_decode("", 0, bytes));
}

static int compare_ints(const void *key, const void *item)
{
    int a = *(const int *)key, b = *(const int *)item;
    return a < b ? -1 : a > b;
}

static void test_core__array_lower_bound_finds_the_first_equal(void **state)
{
    const int sorted[] = {1, 3, 3, 3, 7, 9};
    const struct {
        int key;
        size_t at;
    } cases[] = {{0, 0}, {1, 0}, {2, 1}, {3, 1}, {4, 4}, {7, 4}, {8, 5}, {9, 5}, {10, 6}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(core_array_lower_bound(sorted, 6, sizeof(int), &cases[i].key,
                                                compare_ints),
                         cases[i].at);
    int key = 5;
    assert_int_equal(core_array_lower_bound(NULL, 0, sizeof(int), &key, compare_ints), 0);
    assert_int_equal(core_array_lower_bound(sorted, 1, sizeof(int), &key, compare_ints), 1);
}

static void test_core__array_grows_by_doubling_within_its_cap(void **state)
{
    int *items = NULL;
    size_t capacity = 0;
    assert_int_equal(core_array_grow((void **)&items, &capacity, 1, sizeof(*items), 4, 100), OB_OK);
    assert_int_equal(capacity, 4);
    assert_int_equal(core_array_grow((void **)&items, &capacity, 4, sizeof(*items), 4, 100), OB_OK);
    assert_int_equal(capacity, 4); /* room enough: no change */
    for (int i = 0; i < 4; i++)
        items[i] = i;
    assert_int_equal(core_array_grow((void **)&items, &capacity, 5, sizeof(*items), 4, 100), OB_OK);
    assert_int_equal(capacity, 8);
    assert_int_equal(core_array_grow((void **)&items, &capacity, 20, sizeof(*items), 4, 100),
                     OB_OK);
    assert_int_equal(capacity, 32); /* doubled until it fits */
    for (int i = 0; i < 4; i++)
        assert_int_equal(items[i], i);
    items[31] = 31;
    /* Doubling would pass the cap: it stops at the cap. */
    assert_int_equal(core_array_grow((void **)&items, &capacity, 65, sizeof(*items), 4, 100),
                     OB_OK);
    assert_int_equal(capacity, 100);
    items[99] = 99;
    /* Past the cap: refused, the array as it was. */
    int *before = items;
    assert_int_equal(core_array_grow((void **)&items, &capacity, 101, sizeof(*items), 4, 100),
                     OB_ERR_LIMIT);
    assert_ptr_equal(items, before);
    assert_int_equal(capacity, 100);
    assert_int_equal(items[31], 31);
    assert_int_equal(items[99], 99);
    free(items);

    /* A first size of 0 still grows. */
    items = NULL;
    capacity = 0;
    assert_int_equal(core_array_grow((void **)&items, &capacity, 3, sizeof(*items), 0, SIZE_MAX),
                     OB_OK);
    assert_true(capacity >= 3);
    free(items);
}

static void test_core__array_growth_refuses_overflow(void **state)
{
    char *items = NULL;
    size_t capacity = 0;
    /* needed * item_size does not fit a size_t: refused before any allocation. */
    assert_int_equal(core_array_grow((void **)&items, &capacity, SIZE_MAX / 8 + 1, 8, 16, SIZE_MAX),
                     OB_ERR_LIMIT);
    assert_int_equal(core_array_grow((void **)&items, &capacity, 2, SIZE_MAX / 2 + 1, 1, SIZE_MAX),
                     OB_ERR_LIMIT);
    assert_int_equal(core_array_grow((void **)&items, &capacity, SIZE_MAX, 1, 16, SIZE_MAX - 1),
                     OB_ERR_LIMIT);
    assert_int_equal(core_array_grow((void **)&items, &capacity, 1, 0, 16, SIZE_MAX),
                     OB_ERR_INVALID_ARGUMENT);
    assert_null(items);
    assert_int_equal(capacity, 0);
    /* Doubling a capacity past half of SIZE_MAX does not wrap to a small
     * size: the item size bounds it first, so the request is refused. */
    capacity = SIZE_MAX / 2 + 1;
    assert_int_equal(core_array_grow((void **)&items, &capacity, SIZE_MAX / 2 + 2, 2, 16, SIZE_MAX),
                     OB_ERR_LIMIT);
    assert_null(items);
    size_t count = SIZE_MAX;
    assert_int_equal(core_array_grow_counted((void **)&items, count, 1, 16, SIZE_MAX),
                     OB_ERR_LIMIT);
    assert_null(items);
}

static void test_core__array_grows_by_count_alone(void **state)
{
    /* Items added one at a time, the capacity never stored: each one lands
     * inside the allocation (ASan checks every write). */
    size_t *items = NULL;
    size_t count = 0;
    for (; count < 1000; count++) {
        assert_int_equal(core_array_grow_counted((void **)&items, count, sizeof(*items), 16, 1000),
                         OB_OK);
        items[count] = count * 7;
    }
    for (size_t i = 0; i < count; i++)
        assert_int_equal(items[i], i * 7);
    /* The cap of 1000 items is exact, though 1000 is not 16 doubled. */
    size_t *before = items;
    assert_int_equal(core_array_grow_counted((void **)&items, count, sizeof(*items), 16, 1000),
                     OB_ERR_LIMIT);
    assert_ptr_equal(items, before);
    assert_int_equal(items[999], 999 * 7);
    free(items);
}

/* The UTF-8 of a code point from U+0800 to U+FFFF. */
static void utf8_of(uint32_t cp, char out[4])
{
    out[0] = (char)(0xE0 | cp >> 12);
    out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    out[3] = '\0';
}

static void test_core__bidi_controls_are_found_in_any_bytes(void **state)
{
    const uint32_t controls[] = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                 0x2066, 0x2067, 0x2068, 0x2069};
    /* What comes before the control: valid text, a stray byte, the lead
     * byte of a two-, three- and four-byte sequence that is cut short. */
    const char *before[] = {"",     "photo",    "\xd0\x9a", "\xff",    "\xc3",
                            "\xe2", "\xe2\x80", "\xf0\x9f", "\x80\x80"};
    for (size_t c = 0; c < sizeof(controls) / sizeof(controls[0]); c++) {
        assert_true(core_text_is_bidi_control(controls[c]));
        assert_true(core_text_is_dangerous(controls[c]));
        char encoded[4];
        utf8_of(controls[c], encoded);
        for (size_t b = 0; b < sizeof(before) / sizeof(before[0]); b++) {
            char name[64];
            int length = snprintf(name, sizeof(name), "%s%sgpj.exe", before[b], encoded);
            assert_int_equal(core_text_find_bidi_control(name, (size_t)length), controls[c]);
            uint32_t found = 0;
            assert_true(core_utf8_find(name, (size_t)length, core_text_is_bidi_control, &found));
            assert_int_equal(found, controls[c]);
            /* Cut inside the control: not one any more. */
            size_t cut = strlen(before[b]) + 2;
            assert_int_equal(core_text_find_bidi_control(name, cut), 0);
        }
    }
    /* The direction marks only take a direction; their neighbours are not
     * controls. The marks are still dangerous on a terminal. */
    const uint32_t others[] = {0x200E, 0x200F, 0x061C, 0x2029, 0x2065, 0x206A, 0x202F, 0xFEFF};
    for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
        assert_false(core_text_is_bidi_control(others[i]));
        char encoded[4];
        if (others[i] >= 0x800)
            utf8_of(others[i], encoded);
        else
            snprintf(encoded, sizeof(encoded), "\xd8\x9c"); /* U+061C */
        assert_int_equal(core_text_find_bidi_control(encoded, strlen(encoded)), 0);
    }
    assert_true(core_text_is_dangerous(0x200E));
    assert_true(core_text_is_dangerous(0x200F));
    assert_true(core_text_is_dangerous(0x061C));
    /* Overlong encodings of U+202E are not U+202E. */
    assert_int_equal(core_text_find_bidi_control("\xf0\x82\x80\xae", 4), 0);
    assert_int_equal(core_text_find_bidi_control("a\xe2\x80", 3), 0);
    assert_int_equal(core_text_find_bidi_control("", 0), 0);
    /* The first one counts. */
    assert_int_equal(core_text_find_bidi_control("\xe2\x81\xa7x\xe2\x80\xae", 7), 0x2067);

    /* On byte strings made of the pieces that matter, the fast search
     * agrees with decoding the UTF-8. */
    const unsigned char pieces[] = {0xE2, 0x80, 0x81, 0xAA, 0xAE, 0xAF, 0xA6,
                                    0xA9, 0xA5, 0xF0, 0xC3, 0xFF, 'a'};
    uint32_t seed = 12345;
    for (int round = 0; round < 200000; round++) {
        char text[8];
        size_t length = (size_t)(round % 8) + 1;
        for (size_t i = 0; i < length; i++) {
            seed = seed * 1103515245u + 12345u;
            text[i] = (char)pieces[(seed >> 16) % sizeof(pieces)];
        }
        uint32_t decoded = 0;
        if (!core_utf8_find(text, length, core_text_is_bidi_control, &decoded))
            decoded = 0;
        assert_int_equal(core_text_find_bidi_control(text, length), decoded);
    }
}

static void test_core__arena_keeps_any_bytes_within_its_cap(void **state)
{
    struct ob_arena arena;
    core_arena_init(&arena, (size_t)2 << 20);
    const char *first = NULL, *empty = NULL, *binary = NULL;
    assert_int_equal(core_arena_strdup(&arena, "first", 5, &first), OB_OK);
    assert_int_equal(core_arena_strdup(&arena, NULL, 0, &empty), OB_OK);
    assert_int_equal(core_arena_strdup(&arena, "a\0b", 3, &binary), OB_OK);
    assert_string_equal(first, "first");
    assert_string_equal(empty, "");
    assert_memory_equal(binary, "a\0b", 4);
    /* A string larger than a chunk gets a chunk of its own, within the cap. */
    size_t large = (size_t)3 << 19; /* 1.5 MiB */
    char *text = malloc(large);
    assert_non_null(text);
    memset(text, 'x', large);
    const char *copy = NULL;
    assert_int_equal(core_arena_strdup(&arena, text, large, &copy), OB_ERR_LIMIT);
    core_arena_release(&arena);
    core_arena_init(&arena, (size_t)2 << 20);
    assert_int_equal(core_arena_strdup(&arena, text, large, &copy), OB_OK);
    assert_memory_equal(copy, text, large);
    assert_int_equal(copy[large], '\0');
    assert_int_equal(core_arena_strdup(&arena, text, (size_t)2 << 20, &copy), OB_ERR_LIMIT);
    assert_int_equal(core_arena_strdup(&arena, text, SIZE_MAX, &copy), OB_ERR_LIMIT);
    core_arena_release(&arena);
    free(text);
}

static void test_core__hasher_matches_known_digests(void **state)
{
    struct ob_hasher *hasher = NULL;
    assert_int_equal(core_hasher_new(&hasher), OB_OK);
    struct ob_digests d;
    assert_int_equal(core_hasher_digest(hasher, "abc", 3, &d), OB_OK);
    struct ob_buffer hex;
    core_buffer_init(&hex, 256);
    assert_int_equal(core_text_append_hex(&hex, d.md5, OB_MD5_LEN), OB_OK);
    assert_string_equal(core_buffer_str(&hex), "900150983cd24fb0d6963f7d28e17f72");
    core_buffer_reset(&hex, 256);
    assert_int_equal(core_text_append_hex(&hex, d.sha1, OB_SHA1_LEN), OB_OK);
    assert_string_equal(core_buffer_str(&hex), "a9993e364706816aba3e25717850c26c9cd0d89d");
    core_buffer_reset(&hex, 256);
    assert_int_equal(core_text_append_hex(&hex, d.sha256, OB_SHA256_LEN), OB_OK);
    assert_string_equal(core_buffer_str(&hex),
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* Larger than one 64 KiB slice: same digest as hashing again. */
    size_t big = 200000;
    unsigned char *data = malloc(big);
    assert_non_null(data);
    for (size_t i = 0; i < big; i++)
        data[i] = (unsigned char)(i * 7);
    struct ob_digests a, b;
    assert_int_equal(core_hasher_digest(hasher, data, big, &a), OB_OK);
    assert_int_equal(core_hasher_digest(hasher, data, big, &b), OB_OK);
    assert_memory_equal(&a, &b, sizeof(a));
    assert_memory_not_equal(&a, &d, sizeof(a));
    free(data);
    core_buffer_release(&hex);
    core_hasher_free(hasher);
}

struct walk_record {
    int files, skipped_type, skipped_excluded, errors;
    char seen[16][256];
};

static bool record(void *user, const struct ob_walk_entry *entry)
{
    struct walk_record *r = user;
    switch (entry->kind) {
    case OB_WALK_FILE:
        if (r->files < 16)
            snprintf(r->seen[r->files], sizeof(r->seen[0]), "%s", strrchr(entry->path, '/') + 1);
        r->files++;
        break;
    case OB_WALK_SKIP_TYPE: r->skipped_type++; break;
    case OB_WALK_SKIP_EXCLUDED: r->skipped_excluded++; break;
    case OB_WALK_ERROR: r->errors++; break;
    default: break;
    }
    return true;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_core__walk_skips_links_fifos_and_exclusions(void **state)
{
    char root[] = "/tmp/ob-walk-XXXXXX";
    assert_non_null(mkdtemp(root));
    char path[512], outside[] = "/tmp/ob-walk-outside-XXXXXX";
    assert_non_null(mkdtemp(outside));
    snprintf(path, sizeof(path), "%s/secret.txt", outside);
    write_file(path, "outside the root\n");
    snprintf(path, sizeof(path), "%s/a.txt", root);
    write_file(path, "a\n");
    snprintf(path, sizeof(path), "%s/sub", root);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof(path), "%s/sub/b.log", root);
    write_file(path, "b\n");
    snprintf(path, sizeof(path), "%s/skipme", root);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof(path), "%s/skipme/c.txt", root);
    write_file(path, "c\n");
    snprintf(path, sizeof(path), "%s/fifo", root);
    assert_int_equal(mkfifo(path, 0600), 0);
    snprintf(path, sizeof(path), "%s/link-out", root);
    assert_int_equal(symlink(outside, path), 0);

    const char *excludes[] = {"skipme", "*.log"};
    struct ob_walk_options options = {.excludes = excludes, .exclude_count = 2};
    struct walk_record r = {0};
    assert_int_equal(core_walk(root, &options, record, &r), OB_OK);
    assert_int_equal(r.files, 1);
    assert_string_equal(r.seen[0], "a.txt");
    assert_int_equal(r.skipped_type, 2);     /* fifo and symlink */
    assert_int_equal(r.skipped_excluded, 2); /* skipme/ and b.log */
    assert_int_equal(r.errors, 0);

    char command[1200];
    snprintf(command, sizeof(command), "rm -rf '%s' '%s'", root, outside);
    assert_int_equal(system(command), 0);
}

static void test_core__walk_reports_missing_root(void **state)
{
    struct ob_walk_options options = {0};
    struct walk_record r = {0};
    assert_int_equal(core_walk("/nonexistent/ob-test", &options, record, &r), OB_OK);
    assert_int_equal(r.errors, 1);
    assert_int_equal(r.files, 0);
}

static void test_core__base64_with_and_without_padding(void **state)
{
    (void)state;
    struct {
        const char *text, *bytes;
    } cases[] = {{"TWFu", "Man"}, {"TWE=", "Ma"}, {"TWE", "Ma"},       {"TQ==", "M"},
                 {"TQ", "M"},     {"", ""},       {"w6k", "\xc3\xa9"}, {"TWFuTWE=", "ManMa"}};
    unsigned char out[16];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t length = 99;
        assert_int_equal(core_base64_decode(cases[i].text, strlen(cases[i].text), out, &length),
                         OB_OK);
        assert_int_equal(length, strlen(cases[i].bytes));
        assert_memory_equal(out, cases[i].bytes, length);
    }
    const char *bad[] = {"T",      "TWFu!", "T=Fu",   "@@@@", "    TWFu",
                         "TWFu\n", "TWE==", "TWFu==", "TQ=",  "TWFu===="};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        size_t length = 99;
        assert_int_equal(core_base64_decode(bad[i], strlen(bad[i]), out, &length), OB_ERR_PARSE);
        assert_int_equal(length, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_core__buffer_respects_its_cap),
        cmocka_unit_test(test_core__buffer_printf_and_reset),
        cmocka_unit_test(test_core__utf8_decoder_rejects_bad_sequences),
        cmocka_unit_test(test_core__terminal_text_never_passes_escapes),
        cmocka_unit_test(test_core__json_strings_are_valid_utf8),
        cmocka_unit_test(test_core__json_escapes_wherever_they_fall),
        cmocka_unit_test(test_core__base64_with_and_without_padding),
        cmocka_unit_test(test_core__json_depth_is_capped),
        cmocka_unit_test(test_core__hex_round_trip),
        cmocka_unit_test(test_core__array_lower_bound_finds_the_first_equal),
        cmocka_unit_test(test_core__array_grows_by_doubling_within_its_cap),
        cmocka_unit_test(test_core__array_growth_refuses_overflow),
        cmocka_unit_test(test_core__array_grows_by_count_alone),
        cmocka_unit_test(test_core__bidi_controls_are_found_in_any_bytes),
        cmocka_unit_test(test_core__arena_keeps_any_bytes_within_its_cap),
        cmocka_unit_test(test_core__hasher_matches_known_digests),
        cmocka_unit_test(test_core__walk_skips_links_fifos_and_exclusions),
        cmocka_unit_test(test_core__walk_reports_missing_root),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
