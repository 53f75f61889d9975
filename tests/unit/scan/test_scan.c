/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of src/scan: type labels, disguise checks, archives in memory,
 * and the engine end to end over a temporary tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hash.h"
#include "oberig/scan.h"
#include "scan/archive_adapter.h"
#include "scan/archive_names.h"
#include "core/text.h"
#include "scan/filetype.h"

static void ignore_finding(void *user, const struct ob_finding *finding)
{
    (void)user;
    (void)finding;
}

/* A drive letter in either case is taken; anything else is refused. */
static void test_scan__windows_drive_must_be_a_letter(void **state)
{
    (void)state;
    struct ob_scan_options options;
    ob_scan_options_init(&options);
    struct ob_scan_callbacks callbacks = {.finding = ignore_finding};
    struct ob_scan *scan = NULL;
    const char good[] = {0, 'C', 'c', 'z'};
    for (size_t i = 0; i < sizeof(good); i++) {
        options.windows_drive = good[i];
        assert_int_equal(ob_scan_new(&options, NULL, NULL, &callbacks, &scan), OB_OK);
        ob_scan_free(scan);
    }
    const char bad[] = {'1', '/', '@', '[', '`', '{', ':', (char)0xC3};
    for (size_t i = 0; i < sizeof(bad); i++) {
        options.windows_drive = bad[i];
        assert_int_equal(ob_scan_new(&options, NULL, NULL, &callbacks, &scan),
                         OB_ERR_INVALID_ARGUMENT);
        assert_null(scan);
    }
}

static void test_scan__labels_follow_header_bytes(void **state)
{
    assert_string_equal(scan_filetype_label((const unsigned char *)"MZ\x90\0", 4, ".jpg"), "EXE");
    assert_string_equal(scan_filetype_label((const unsigned char *)"\x7f"
                                                                   "ELF\2",
                                            5, ""),
                        "ELF");
    assert_string_equal(scan_filetype_label((const unsigned char *)"\xcf\xfa\xed\xfe", 4, ""),
                        "MACH-O");
    assert_string_equal(scan_filetype_label((const unsigned char *)"  <?php echo 1;", 15, ".jpg"),
                        "PHP");
    assert_string_equal(
        scan_filetype_label((const unsigned char *)"#!/usr/bin/env python3\n", 23, ""), "Python");
    assert_string_equal(scan_filetype_label((const unsigned char *)"<%@ page import=", 16, ".jsp"),
                        "JSP");
    assert_string_equal(scan_filetype_label((const unsigned char *)"<% eval request", 15, ".asp"),
                        "ASP");
    assert_string_equal(scan_filetype_label((const unsigned char *)"MDMP\x93\xa7", 6, ".dmp"),
                        "MDMP");
    assert_string_equal(scan_filetype_label((const unsigned char *)"{\\rtf1", 6, ".doc"), "RTF");
    assert_string_equal(scan_filetype_label((const unsigned char *)"Set x = 1", 9, ".vbs"), "VBS");
    assert_string_equal(scan_filetype_label((const unsigned char *)"hello", 5, ".txt"), "");
    assert_string_equal(scan_filetype_label((const unsigned char *)"", 0, ""), "");
}

static void test_scan__extension_is_lower_case_with_dot(void **state)
{
    char ext[24];
    scan_filetype_extension("Invoice.PDF", ext, sizeof(ext));
    assert_string_equal(ext, ".pdf");
    scan_filetype_extension("README", ext, sizeof(ext));
    assert_string_equal(ext, "");
    scan_filetype_extension(".bashrc", ext, sizeof(ext));
    assert_string_equal(ext, "");
    scan_filetype_extension("x.averyveryverylongextension", ext, sizeof(ext));
    assert_string_equal(ext, "");
}

static void test_scan__double_extension_is_found(void **state)
{
    char decoy[24], real[24];
    assert_true(scan_filetype_double_extension("invoice.pdf.exe", decoy, sizeof(decoy), real,
                                               sizeof(real)));
    assert_string_equal(decoy, ".pdf");
    assert_string_equal(real, ".exe");
    assert_true(scan_filetype_double_extension("photo.JPG        .scr", decoy, sizeof(decoy), real,
                                               sizeof(real)));
    assert_string_equal(decoy, ".jpg");
    assert_false(
        scan_filetype_double_extension("archive.tar.gz", decoy, sizeof(decoy), real, sizeof(real)));
    assert_false(
        scan_filetype_double_extension("setup.exe", decoy, sizeof(decoy), real, sizeof(real)));
    assert_false(
        scan_filetype_double_extension("python3.11.exe", decoy, sizeof(decoy), real, sizeof(real)));
}

static void test_scan__bidi_override_is_found(void **state)
{
    const char *rlo = "report\xe2\x80\xae"
                      "cod.exe";
    assert_int_equal(core_text_find_bidi_control(rlo, strlen(rlo)), 0x202E);
    const char *isolate = "a\xe2\x81\xa6"
                          "b";
    assert_int_equal(core_text_find_bidi_control(isolate, strlen(isolate)), 0x2066);
    const char *plain = "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xba\xd0\xbb\xd0\xb0\xd0\xb4.txt";
    assert_int_equal(core_text_find_bidi_control(plain, strlen(plain)), 0);
}

static void test_scan__archive_kinds_are_recognised(void **state)
{
    assert_int_equal(scan_filetype_archive_kind((const unsigned char *)"PK\x03\x04", 4),
                     OB_ARCHIVE_CONTAINER);
    assert_int_equal(scan_filetype_archive_kind((const unsigned char *)"\x1f\x8b\x08", 3),
                     OB_ARCHIVE_COMPRESSED_STREAM);
    assert_int_equal(scan_filetype_archive_kind((const unsigned char *)"7z\xbc\xaf\x27\x1c", 6),
                     OB_ARCHIVE_CONTAINER);
    assert_int_equal(scan_filetype_archive_kind((const unsigned char *)"plain", 5),
                     OB_ARCHIVE_NONE);
}

/* A stored (uncompressed) zip with one member "a.txt" = "hello", built by
 * hand so the test needs no archiver. */
static size_t make_zip(unsigned char *out)
{
    static const unsigned char zip[] = {
        'P',  'K', 3,   4,   10,  0,    0,    0,    0,    0, 0,  0, 0,  0,   0x86, 0xa6, 0x10,
        0x36, 5,   0,   0,   0,   5,    0,    0,    0,    5, 0,  0, 0,  'a', '.',  't',  'x',
        't',  'h', 'e', 'l', 'l', 'o',  'P',  'K',  1,    2, 20, 0, 10, 0,   0,    0,    0,
        0,    0,   0,   0,   0,   0x86, 0xa6, 0x10, 0x36, 5, 0,  0, 0,  5,   0,    0,    0,
        5,    0,   0,   0,   0,   0,    0,    0,    0,    0, 0,  0, 0,  0,   0,    0,    0,
        0,    'a', '.', 't', 'x', 't',  'P',  'K',  5,    6, 0,  0, 0,  0,   1,    0,    1,
        0,    51,  0,   0,   0,   40,   0,    0,    0,    0, 0};
    memcpy(out, zip, sizeof(zip));
    return sizeof(zip);
}

/* Limits far above what the small archives here need. */
static struct ob_archive_budget small_budget(size_t compressed, uint64_t entries)
{
    return (struct ob_archive_budget){.entries_left = entries,
                                      .bytes_left = 1 << 20,
                                      .compressed = compressed,
                                      .max_ratio = 100,
                                      .max_member = 1 << 20};
}

struct members {
    int count, notices;
    char name[256];
    char content[64];
    bool in_other_locale; /* a callback ran in a locale not the caller's */
};

static enum ob_status on_member(void *user, const char *name, const unsigned char *data,
                                size_t length)
{
    struct members *m = user;
    m->count++;
    m->in_other_locale |= uselocale((locale_t)0) != LC_GLOBAL_LOCALE;
    snprintf(m->name, sizeof(m->name), "%s", name);
    snprintf(m->content, sizeof(m->content), "%.*s", (int)length, (const char *)data);
    return OB_OK;
}

static void on_notice(void *user, const char *name, const char *message, bool is_error)
{
    struct members *m = user;
    m->notices++;
}

static void test_scan__zip_members_are_read_in_memory(void **state)
{
    unsigned char zip[256];
    size_t length = make_zip(zip);
    struct ob_archive_budget budget = small_budget(length, 10);
    struct members m = {0};
    assert_int_equal(scan_archive_each_member(zip, length, OB_ARCHIVE_CONTAINER, "x", &budget,
                                              on_member, on_notice, &m),
                     OB_OK);
    assert_int_equal(m.count, 1);
    assert_string_equal(m.name, "a.txt");
    assert_string_equal(m.content, "hello");
    assert_int_equal(budget.entries_left, 9);
}

static void test_scan__member_limit_stops_iteration(void **state)
{
    unsigned char zip[256];
    size_t length = make_zip(zip);
    struct ob_archive_budget budget = small_budget(length, 0);
    struct members m = {0};
    assert_int_equal(scan_archive_each_member(zip, length, OB_ARCHIVE_CONTAINER, "x", &budget,
                                              on_member, on_notice, &m),
                     OB_ERR_LIMIT);
    assert_int_equal(m.count, 0);
    assert_int_equal(m.notices, 1);
}

static void test_scan__corrupt_archive_is_an_error_value(void **state)
{
    unsigned char zip[256];
    size_t length = make_zip(zip);
    memset(zip + 8, 0xff, 30); /* smash the local header */
    struct ob_archive_budget budget = small_budget(length, 10);
    struct members m = {0};
    enum ob_status status = scan_archive_each_member(zip, length, OB_ARCHIVE_CONTAINER, "x",
                                                     &budget, on_member, on_notice, &m);
    assert_true(status == OB_ERR_PARSE || (status == OB_OK && m.count <= 1));
    assert_true(m.notices >= (status == OB_ERR_PARSE ? 1 : 0));
}

static uint32_t crc32_of(const unsigned char *data, size_t length)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < length; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/* A gzip stream of `text` in one stored deflate block. */
static size_t make_gzip(unsigned char *out, const char *text)
{
    size_t n = strlen(text), at = 0;
    static const unsigned char header[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    memcpy(out, header, sizeof(header));
    at = sizeof(header);
    out[at++] = 1; /* the last block, stored */
    out[at++] = (unsigned char)n;
    out[at++] = (unsigned char)(n >> 8);
    out[at++] = (unsigned char)~n;
    out[at++] = (unsigned char)(~n >> 8);
    memcpy(out + at, text, n);
    at += n;
    uint32_t crc = crc32_of((const unsigned char *)text, n);
    for (int i = 0; i < 4; i++)
        out[at++] = (unsigned char)(crc >> (8 * i));
    for (int i = 0; i < 4; i++)
        out[at++] = (unsigned char)(n >> (8 * i));
    return at;
}

/* A file that only starts like a compressed stream ("BZh" text, 1f 8b and
 * then anything) has no members and raises no notice; read raw, it was its
 * own member down to the nesting limit. A real stream still opens. */
static void test_scan__stream_look_alike_is_not_an_archive(void **state)
{
    static const char *const look_alikes[] = {"BZhello, this is plain text\n",
                                              "\x1f\x8b no gzip follows these two bytes",
                                              "\x1f\x8b\x08\xff\xff\xff\xff\xff\xff"};
    for (size_t i = 0; i < sizeof(look_alikes) / sizeof(look_alikes[0]); i++) {
        const unsigned char *data = (const unsigned char *)look_alikes[i];
        size_t length = strlen(look_alikes[i]);
        assert_int_equal(scan_filetype_archive_kind(data, length), OB_ARCHIVE_COMPRESSED_STREAM);
        struct ob_archive_budget budget = small_budget(length, 10);
        struct members m = {0};
        assert_int_equal(scan_archive_each_member(data, length, OB_ARCHIVE_COMPRESSED_STREAM, "x",
                                                  &budget, on_member, on_notice, &m),
                         OB_OK);
        assert_int_equal(m.count, 0);
        assert_int_equal(m.notices, 0);
    }
    unsigned char gzip[128];
    size_t length = make_gzip(gzip, "inside the stream");
    struct ob_archive_budget budget = small_budget(length, 10);
    struct members m = {0};
    assert_int_equal(scan_archive_each_member(gzip, length, OB_ARCHIVE_COMPRESSED_STREAM,
                                              "report.txt", &budget, on_member, on_notice, &m),
                     OB_OK);
    assert_int_equal(m.count, 1);
    assert_string_equal(m.name, "report.txt");
    assert_string_equal(m.content, "inside the stream");
    assert_int_equal(m.notices, 0);
}

/* ---- member names ---------------------------------------------------------- */

/* Ukrainian and Russian names as Windows' zip writes them without the UTF-8
 * flag: in CP1125 (і is 0xF7) and in CP866 (ї 0xF5 and є 0xF3, which are
 * є and ґ in CP1125). */
static const char summons_utf8[] = "Документи/Повістка_ґанок.pdf";
static const char summons_cp1125[] = "\x84\xae\xaa\xe3\xac\xa5\xad\xe2\xa8/"
                                     "\x8f\xae\xa2\xf7\xe1\xe2\xaa\xa0_\xf3\xa0\xad\xae\xaa.pdf";
static const char summons_cp866_utf8[] = "Документи/Повестка_їжа_єдина.pdf";
static const char summons_cp866[] =
    "\x84\xae\xaa\xe3\xac\xa5\xad\xe2\xa8/"
    "\x8f\xae\xa2\xa5\xe1\xe2\xaa\xa0_\xf5\xa6\xa0_\xf3\xa4\xa8\xad\xa0.pdf";

static void test_scan__member_name_code_page_is_guessed(void **state)
{
    assert_string_equal(scan_archive_name_charset("plain.pdf", 9), "UTF-8");
    assert_string_equal(scan_archive_name_charset(summons_utf8, strlen(summons_utf8)), "UTF-8");
    assert_string_equal(scan_archive_name_charset(summons_cp1125, strlen(summons_cp1125)),
                        "CP1125");
    assert_string_equal(scan_archive_name_charset(summons_cp866, strlen(summons_cp866)), "CP866");
}

/* `name` decoded on its own gives `expected`. */
static void expect_decoded(const char *name, bool dos_code_page, const char *expected)
{
    struct ob_buffer out;
    core_buffer_init(&out, 1024);
    assert_int_equal(scan_archive_name_append(&out, name, strlen(name), dos_code_page), OB_OK);
    assert_string_equal(core_buffer_str(&out), expected);
    core_buffer_release(&out);
}

static void test_scan__member_names_are_decoded_to_utf8(void **state)
{
    expect_decoded(summons_cp1125, true, summons_utf8);
    expect_decoded(summons_cp866, true, summons_cp866_utf8);
    /* UTF-8 stays as it is, with or without a code page to fall back on. */
    expect_decoded(summons_utf8, true, summons_utf8);
    expect_decoded(summons_utf8, false, summons_utf8);
    /* Without one (a tar), bytes that are not UTF-8 stay, to be escaped. */
    expect_decoded(summons_cp866, false, summons_cp866);
    /* Appended after what is there; the buffer's cap holds. */
    struct ob_buffer out;
    core_buffer_init(&out, 16);
    assert_int_equal(scan_archive_name_append(&out, "a/", 2, true), OB_OK);
    assert_int_equal(scan_archive_name_append(&out, "b", 1, true), OB_OK);
    assert_string_equal(core_buffer_str(&out), "a/b");
    assert_int_equal(scan_archive_name_append(&out, summons_cp1125, strlen(summons_cp1125), true),
                     OB_ERR_LIMIT);
    core_buffer_release(&out);
}

/* A stored zip holding "x" under the name `name`, with `flags` in both
 * headers; returns its size. */
static size_t make_named_zip(unsigned char *out, size_t size, const char *name, unsigned flags)
{
    size_t name_length = strlen(name), at = 0;
    assert_true(name_length < 200 && size >= 3 * 46 + 2 * name_length + 1);
    const unsigned char crc_of_x[4] = {0x83, 0x16, 0xdc, 0x8c}; /* CRC-32 of "x" */
    for (int central = 0; central <= 1; central++) {
        size_t header = at;
        memcpy(out + at, central ? "PK\x01\x02\x14\x00" : "PK\x03\x04", central ? 6 : 4);
        at += central ? 6 : 4;
        unsigned char fixed[26] = {20, 0, (unsigned char)flags, (unsigned char)(flags >> 8)};
        memcpy(fixed + 10, crc_of_x, 4);
        fixed[14] = fixed[18] = 1; /* sizes */
        fixed[22] = (unsigned char)name_length;
        memcpy(out + at, fixed, 26);
        at += 26;
        if (central) {
            memset(out + at, 0, 14); /* comment, disk, attributes, local header at 0 */
            at += 14;
        }
        memcpy(out + at, name, name_length);
        at += name_length;
        if (!central)
            out[at++] = 'x';
        if (central) {
            size_t directory = header, directory_size = at - header;
            unsigned char end[22] = {'P', 'K', 5, 6, 0, 0, 0, 0, 1, 0, 1, 0};
            end[12] = (unsigned char)directory_size;
            end[16] = (unsigned char)directory;
            memcpy(out + at, end, 22);
            at += 22;
        }
    }
    return at;
}

static enum ob_status read_names(const unsigned char *zip, size_t length, struct members *m)
{
    struct ob_archive_budget budget = small_budget(length, 10);
    memset(m, 0, sizeof(*m));
    return scan_archive_each_member(zip, length, OB_ARCHIVE_CONTAINER, "x", &budget, on_member,
                                    on_notice, m);
}

/* libarchive converts names to the locale's charset; the adapter reads them
 * in UTF-8 whatever the process's locale, and calls back in that locale. */
static void test_scan__member_names_do_not_depend_on_the_locale(void **state)
{
    unsigned char flagged[512], dos[512], broken[512];
    size_t flagged_length = make_named_zip(flagged, sizeof(flagged), summons_utf8, 0x0800);
    size_t dos_length = make_named_zip(dos, sizeof(dos), summons_cp1125, 0);
    /* Flagged UTF-8 but not: libarchive drops it, the local header has it. */
    size_t broken_length = make_named_zip(broken, sizeof(broken), summons_cp866, 0x0800);
    const char *locales[] = {"C", "C.UTF-8", "uk_UA.UTF-8", "en_US.UTF-8"};
    for (size_t i = 0; i < sizeof(locales) / sizeof(locales[0]); i++) {
        if (setlocale(LC_ALL, locales[i]) == NULL)
            continue; /* not generated on this machine */
        struct members m;
        assert_int_equal(read_names(flagged, flagged_length, &m), OB_OK);
        assert_int_equal(m.count, 1);
        assert_string_equal(m.name, summons_utf8);
        assert_string_equal(m.content, "x");
        assert_false(m.in_other_locale);
        assert_int_equal(read_names(dos, dos_length, &m), OB_OK);
        assert_string_equal(m.name, summons_utf8);
        assert_int_equal(read_names(broken, broken_length, &m), OB_OK);
        assert_int_equal(m.count, 1);
        assert_string_equal(m.name, summons_cp866);
        assert_int_equal(m.notices, 0);
        assert_true(uselocale((locale_t)0) == LC_GLOBAL_LOCALE);
    }
    setlocale(LC_ALL, "C");
}

static void test_scan__zip_local_name_is_found_only_where_it_ends(void **state)
{
    unsigned char zip[512];
    size_t length = make_named_zip(zip, sizeof(zip), summons_cp866, 0x0800);
    size_t data_start = 30 + strlen(summons_cp866);
    const char *name = NULL;
    size_t name_length = 0;
    bool flagged = false;
    assert_true(
        scan_archive_zip_local_name(zip, length, data_start, &name, &name_length, &flagged));
    assert_int_equal(name_length, strlen(summons_cp866));
    assert_memory_equal(name, summons_cp866, name_length);
    assert_true(flagged);
    assert_false(
        scan_archive_zip_local_name(zip, length, data_start + 1, &name, &name_length, &flagged));
    assert_false(scan_archive_zip_local_name(zip, length, 12, &name, &name_length, &flagged));
    assert_false(
        scan_archive_zip_local_name(zip, length, length + 1, &name, &name_length, &flagged));
}

/* ---- the engine over a temporary tree ---------------------------------------- */

struct results {
    int findings, problems;
    char first_path[512];
    int max_score;
    bool saw_type_mismatch, saw_double_extension, saw_yara, saw_member;
};

static void collect_finding(void *user, const struct ob_finding *f)
{
    struct results *r = user;
    r->findings++;
    if (f->score > r->max_score)
        r->max_score = f->score;
    if (f->member != NULL)
        r->saw_member = true;
    for (size_t i = 0; i < f->reason_count; i++) {
        r->saw_type_mismatch |= f->reasons[i].signal == OB_SIGNAL_TYPE_MISMATCH;
        r->saw_double_extension |= f->reasons[i].signal == OB_SIGNAL_DOUBLE_EXTENSION;
        r->saw_yara |= f->reasons[i].signal == OB_SIGNAL_YARA;
    }
    assert_int_equal(strlen(f->sha256), 64);
}

static void collect_problem(void *user, const struct ob_scan_problem *p)
{
    struct results *r = user;
    r->problems++;
}

static void put(const char *dir, const char *name, const void *data, size_t length)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(data, 1, length, f);
    fclose(f);
}

static void test_scan__engine_explains_disguised_program_and_rule_hits(void **state)
{
    char dir[] = "/tmp/ob-scan-XXXXXX";
    assert_non_null(mkdtemp(dir));
    /* A DOS header libmagic calls an executable, named as a photo; and a
     * text that merely starts with "MZ", which must not be called one. */
    unsigned char program[80] = "MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";
    put(dir, "holiday.jpg", program, sizeof(program));
    put(dir, "mzungu.txt", "MZungu is a word, not a program", 31);
    put(dir, "invoice.pdf.exe", "MZ\x90\0fake program", 16);
    put(dir, "notes.txt", "nothing to see", 14);
    put(dir, "marker.bin", "xx OBERIG-UNIT-MARKER xx", 24);
    unsigned char zip[256];
    put(dir, "bundle.zip", zip, make_zip(zip));
    char rule_path[600];
    snprintf(rule_path, sizeof(rule_path), "%s/rules.yar", dir);
    FILE *rules_file = fopen(rule_path, "w");
    assert_non_null(rules_file);
    fputs("rule Unit_Marker { meta: score = 90 description = \"marker\" "
          "strings: $a = \"OBERIG-UNIT-MARKER\" condition: $a and extension == \".bin\" }\n"
          "rule Unit_Zip_Member { meta: score = 45 strings: $h = \"hello\" "
          "condition: $h at 0 and filename == \"a.txt\" }\n",
          rules_file);
    fclose(rules_file);

    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_rules *rules = NULL;
    assert_int_equal(ob_rules_new(&rules), OB_OK);
    assert_int_equal(ob_rules_add_path(rules, ctx, rule_path), OB_OK);
    assert_int_equal(ob_rules_compile(rules, ctx, true), OB_OK);

    struct ob_scan_options options;
    ob_scan_options_init(&options);
    options.threads = 2;
    struct results r = {0};
    struct ob_scan_callbacks callbacks = {.finding = collect_finding,
                                          .problem = collect_problem,
                                          .user = &r};
    struct ob_scan *scan = NULL;
    assert_int_equal(ob_scan_new(&options, rules, NULL, &callbacks, &scan), OB_OK);
    const char *roots[] = {dir, "/nonexistent/ob-unit"};
    assert_int_equal(ob_scan_run(scan, roots, 2), OB_OK);
    struct ob_scan_stats stats;
    ob_scan_progress(scan, &stats);
    assert_int_equal(stats.files, 7);
    assert_int_equal(stats.members, 1);
    assert_int_equal(stats.errors, 1); /* the missing root */
    assert_int_equal(r.problems, 1);
    assert_int_equal(r.findings, 4); /* jpg, pdf.exe, marker, zip member */
    assert_true(r.saw_type_mismatch);
    assert_true(r.saw_double_extension);
    assert_true(r.saw_yara);
    assert_true(r.saw_member);
    assert_int_equal(r.max_score, 90);
    ob_scan_free(scan);
    ob_rules_free(rules);
    ob_context_free(ctx);
    char command[600];
    snprintf(command, sizeof(command), "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

struct reason_counts {
    int by_name[2]; /* reasons of a.bin, b.bin */
};

static void count_reasons(void *user, const struct ob_finding *f)
{
    struct reason_counts *r = user;
    const char *base = strrchr(f->path, '/') + 1;
    r->by_name[strcmp(base, "b.bin") == 0] += (int)f->reason_count;
}

static void test_scan__identical_content_reuses_content_only_results(void **state)
{
    char dir[] = "/tmp/ob-cache-XXXXXX";
    assert_non_null(mkdtemp(dir));
    put(dir, "a.bin", "xx OBERIG-UNIT-MARKER xx", 24);
    put(dir, "b.bin", "xx OBERIG-UNIT-MARKER xx", 24);
    char rules_dir[600];
    snprintf(rules_dir, sizeof(rules_dir), "%s/rules", dir);
    assert_int_equal(mkdir(rules_dir, 0700), 0);
    const char *content = "rule Content { meta: score = 70 strings: $a = \"OBERIG-UNIT-MARKER\" "
                          "condition: $a }\n";
    put(rules_dir, "content.yar", content, strlen(content));
    const char *named = "rule Named { meta: score = 30 strings: $a = \"OBERIG-UNIT-MARKER\" "
                        "condition: $a and filename == \"b.bin\" }\n";
    put(rules_dir, "named.yar", named, strlen(named));

    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_rules *rules = NULL;
    assert_int_equal(ob_rules_new(&rules), OB_OK);
    assert_int_equal(ob_rules_add_path(rules, ctx, rules_dir), OB_OK);
    assert_int_equal(ob_rules_compile(rules, ctx, true), OB_OK);
    struct ob_scan_options options;
    ob_scan_options_init(&options);
    options.threads = 1; /* a.bin and b.bin one after the other */
    struct reason_counts r = {{0, 0}};
    struct ob_scan_callbacks callbacks = {.finding = count_reasons, .user = &r};
    struct ob_scan *scan = NULL;
    assert_int_equal(ob_scan_new(&options, rules, NULL, &callbacks, &scan), OB_OK);
    char a[700], b[700];
    snprintf(a, sizeof(a), "%s/a.bin", dir);
    snprintf(b, sizeof(b), "%s/b.bin", dir);
    const char *roots[] = {a, b};
    assert_int_equal(ob_scan_run(scan, roots, 2), OB_OK);
    struct ob_scan_stats stats;
    ob_scan_progress(scan, &stats);
    assert_int_equal(r.by_name[0], 1); /* a.bin: Content */
    assert_int_equal(r.by_name[1], 2); /* b.bin: Content (reused) and Named */
    assert_int_equal(stats.yara_reused, 1);
    ob_scan_free(scan);
    ob_rules_free(rules);
    ob_context_free(ctx);
    char command[700];
    snprintf(command, sizeof(command), "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

struct buffer_findings {
    int count;
    char path[64];
    bool yara, member;
};

static void collect_buffer_finding(void *user, const struct ob_finding *f)
{
    struct buffer_findings *r = user;
    r->count++;
    snprintf(r->path, sizeof(r->path), "%s", f->path);
    r->member |= f->member != NULL;
    for (size_t i = 0; i < f->reason_count; i++)
        r->yara |= f->reasons[i].signal == OB_SIGNAL_YARA;
}

static void test_scan__buffer_is_scanned_like_a_file(void **state)
{
    char dir[] = "/tmp/ob-buffer-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *rule = "rule Marker { meta: score = 80 strings: $a = \"OBERIG-UNIT-MARKER\" "
                       "condition: $a and extension == \".bin\" }\n";
    put(dir, "r.yar", rule, strlen(rule));
    char rule_path[600];
    snprintf(rule_path, sizeof(rule_path), "%s/r.yar", dir);
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_rules *rules = NULL;
    assert_int_equal(ob_rules_new(&rules), OB_OK);
    assert_int_equal(ob_rules_add_path(rules, ctx, rule_path), OB_OK);
    assert_int_equal(ob_rules_compile(rules, ctx, true), OB_OK);
    struct ob_scan_options options;
    ob_scan_options_init(&options);
    struct buffer_findings r = {0};
    struct ob_scan_callbacks callbacks = {.finding = collect_buffer_finding, .user = &r};
    struct ob_scan *scan = NULL;
    assert_int_equal(ob_scan_new(&options, rules, NULL, NULL, &scan), OB_OK);
    /* The name decides the extension the rule sees: .bin matches, .txt not. */
    const unsigned char marker[] = "xx OBERIG-UNIT-MARKER xx";
    assert_int_equal(ob_scan_buffer(scan, "note.txt", marker, sizeof(marker) - 1, &callbacks),
                     OB_OK);
    assert_int_equal(r.count, 0);
    assert_int_equal(ob_scan_buffer(scan, "note.bin", marker, sizeof(marker) - 1, &callbacks),
                     OB_OK);
    assert_int_equal(r.count, 1);
    assert_string_equal(r.path, "note.bin");
    assert_true(r.yara);
    /* A zip in memory is opened too: its member is checked for disguise. */
    unsigned char zip[256];
    size_t length = make_zip(zip);
    r = (struct buffer_findings){0};
    assert_int_equal(ob_scan_buffer(scan, "bundle.zip", zip, length, &callbacks), OB_OK);
    struct ob_scan_stats stats;
    ob_scan_progress(scan, &stats);
    assert_int_equal(stats.files, 3);
    assert_true(stats.members >= 1);
    ob_scan_free(scan);
    ob_rules_free(rules);
    ob_context_free(ctx);
    char command[700];
    snprintf(command, sizeof(command), "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

/* What one ob_scan_buffer call's callbacks heard. */
struct call_results {
    int findings, hashes;
    bool type_mismatch;
    char hashed_path[64], sha256[65], md5[33];
};

static void call_finding(void *user, const struct ob_finding *f)
{
    struct call_results *r = user;
    r->findings++;
    for (size_t i = 0; i < f->reason_count; i++)
        r->type_mismatch |= f->reasons[i].signal == OB_SIGNAL_TYPE_MISMATCH;
}

static void call_hashes(void *user, const struct ob_file_hashes *hashes)
{
    struct call_results *r = user;
    r->hashes++;
    snprintf(r->hashed_path, sizeof(r->hashed_path), "%s", hashes->path);
    snprintf(r->sha256, sizeof(r->sha256), "%s", hashes->sha256);
    snprintf(r->md5, sizeof(r->md5), "%s", hashes->md5);
}

/* The lowercase hex SHA-256 and MD5 of `data`, as core computes them. */
static void expected_hashes(const void *data, size_t length, char *sha256, char *md5)
{
    struct ob_hasher *hasher = NULL;
    struct ob_digests digests;
    assert_int_equal(core_hasher_new(&hasher), OB_OK);
    assert_int_equal(core_hasher_digest(hasher, data, length, &digests), OB_OK);
    for (size_t i = 0; i < OB_SHA256_LEN; i++)
        snprintf(sha256 + 2 * i, 3, "%02x", digests.sha256[i]);
    for (size_t i = 0; i < OB_MD5_LEN; i++)
        snprintf(md5 + 2 * i, 3, "%02x", digests.md5[i]);
    core_hasher_free(hasher);
}

/* Each call reports to its own callbacks (a scan made without any), hashes
 * come when asked, once per buffer and not for archive members, and text
 * that starts with "MZ" is not called a program. */
static void test_scan__buffer_reports_to_the_callbacks_of_each_call(void **state)
{
    struct ob_scan_options options;
    ob_scan_options_init(&options);
    struct ob_scan *scan = NULL;
    assert_int_equal(ob_scan_new(&options, NULL, NULL, NULL, &scan), OB_OK);
    struct call_results first = {0}, second = {0};
    struct ob_scan_callbacks to_first = {.finding = call_finding,
                                         .hashes = call_hashes,
                                         .user = &first};
    struct ob_scan_callbacks to_second = {.finding = call_finding,
                                          .hashes = call_hashes,
                                          .user = &second};
    /* A DOS header libmagic calls an executable, named as a photo. */
    unsigned char program[64] = "MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";
    assert_int_equal(ob_scan_buffer(scan, "holiday.jpg", program, sizeof(program), &to_first),
                     OB_OK);
    assert_int_equal(first.findings, 1);
    assert_true(first.type_mismatch);
    assert_int_equal(first.hashes, 1);
    assert_string_equal(first.hashed_path, "holiday.jpg");
    char sha256[65], md5[33];
    expected_hashes(program, sizeof(program), sha256, md5);
    assert_string_equal(first.sha256, sha256);
    assert_string_equal(first.md5, md5);
    assert_int_equal(second.findings + second.hashes, 0);

    const char text[] = "MZ notes: the meeting moved to Thursday";
    assert_int_equal(ob_scan_buffer(scan, "notes.txt", (const unsigned char *)text,
                                    sizeof(text) - 1, &to_second),
                     OB_OK);
    assert_int_equal(second.findings, 0);
    assert_int_equal(second.hashes, 1);
    expected_hashes(text, sizeof(text) - 1, sha256, md5);
    assert_string_equal(second.sha256, sha256);

    unsigned char zip[256];
    size_t length = make_zip(zip);
    assert_int_equal(ob_scan_buffer(scan, "bundle.zip", zip, length, &to_second), OB_OK);
    assert_int_equal(second.hashes, 2); /* the zip, not its member */
    assert_string_equal(second.hashed_path, "bundle.zip");
    /* Without callbacks the scan still runs and reports nothing. */
    assert_int_equal(ob_scan_buffer(scan, "holiday.jpg", program, sizeof(program), NULL), OB_OK);
    assert_int_equal(first.findings, 1);
    struct ob_scan_stats stats;
    ob_scan_progress(scan, &stats);
    assert_int_equal(stats.files, 4);
    assert_int_equal(stats.findings[OB_LEVEL_WARNING], 2);
    ob_scan_free(scan);
}

static void test_scan__broken_rule_file_is_skipped_unless_strict(void **state)
{
    char dir[] = "/tmp/ob-rules-XXXXXX";
    assert_non_null(mkdtemp(dir));
    put(dir, "a_good.yar", "rule Good { condition: true }\n", 30);
    put(dir, "b_bad.yar", "rule Bad { condition: nonsense_identifier }\n", 44);
    put(dir, "c_good.yar", "rule Good2 { condition: filesize > 0 }\n", 39);
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_rules *rules = NULL;
    assert_int_equal(ob_rules_new(&rules), OB_OK);
    assert_int_equal(ob_rules_add_path(rules, ctx, dir), OB_OK);
    assert_int_equal(ob_rules_compile(rules, ctx, false), OB_OK);
    struct ob_rules_counts counts;
    ob_rules_counts(rules, &counts);
    assert_int_equal(counts.files_loaded, 2);
    assert_int_equal(counts.files_failed, 1);
    assert_int_equal(counts.rules, 2);
    ob_rules_free(rules);

    assert_int_equal(ob_rules_new(&rules), OB_OK);
    assert_int_equal(ob_rules_add_path(rules, ctx, dir), OB_OK);
    assert_int_equal(ob_rules_compile(rules, ctx, true), OB_ERR_RULES);
    assert_non_null(strstr(ob_context_last_error(ctx), "b_bad.yar"));
    ob_rules_free(rules);
    ob_context_free(ctx);
    char command[600];
    snprintf(command, sizeof(command), "rm -rf '%s'", dir);
    assert_int_equal(system(command), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan__windows_drive_must_be_a_letter),
        cmocka_unit_test(test_scan__labels_follow_header_bytes),
        cmocka_unit_test(test_scan__extension_is_lower_case_with_dot),
        cmocka_unit_test(test_scan__double_extension_is_found),
        cmocka_unit_test(test_scan__bidi_override_is_found),
        cmocka_unit_test(test_scan__archive_kinds_are_recognised),
        cmocka_unit_test(test_scan__zip_members_are_read_in_memory),
        cmocka_unit_test(test_scan__member_limit_stops_iteration),
        cmocka_unit_test(test_scan__corrupt_archive_is_an_error_value),
        cmocka_unit_test(test_scan__stream_look_alike_is_not_an_archive),
        cmocka_unit_test(test_scan__engine_explains_disguised_program_and_rule_hits),
        cmocka_unit_test(test_scan__broken_rule_file_is_skipped_unless_strict),
        cmocka_unit_test(test_scan__identical_content_reuses_content_only_results),
        cmocka_unit_test(test_scan__buffer_is_scanned_like_a_file),
        cmocka_unit_test(test_scan__buffer_reports_to_the_callbacks_of_each_call),
        cmocka_unit_test(test_scan__member_name_code_page_is_guessed),
        cmocka_unit_test(test_scan__member_names_are_decoded_to_utf8),
        cmocka_unit_test(test_scan__member_names_do_not_depend_on_the_locale),
        cmocka_unit_test(test_scan__zip_local_name_is_found_only_where_it_ends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
