/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the IOC lists: hash, file-name and C2 parsing, lookups,
 * path matching and the Python-to-YARA regex translation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include <cmocka.h>
#include <yara.h>

#include "core/buffer.h"
#include "core/text.h"
#include "indicators/filename_regex.h"
#include "indicators/ioc_internal.h"
#include "indicators/literal_gate.h"
#include "indicators/regex_translate.h"
#include "oberig/indicators.h"

/* ---- helpers ----------------------------------------------------------- */

struct log_capture {
    size_t warnings;
    char last[1024];
};

static void capture_log(void *user, enum ob_log_level level, const char *message)
{
    struct log_capture *log = user;
    if (level >= OB_LOG_WARNING)
        log->warnings++;
    snprintf(log->last, sizeof(log->last), "%s", message);
}

#define MAX_HITS 16
struct hits {
    size_t count;
    const struct ob_indicator_ref *refs[MAX_HITS];
};

static void collect_hit(void *user, const struct ob_indicator_ref *hit)
{
    struct hits *hits = user;
    if (hits->count < MAX_HITS)
        hits->refs[hits->count] = hit;
    hits->count++;
}

static bool hit_named(const struct hits *hits, const char *name)
{
    for (size_t i = 0; i < hits->count && i < MAX_HITS; i++) {
        if (strcmp(hits->refs[i]->name, name) == 0)
            return true;
    }
    return false;
}

static struct hits match(struct ob_filename_matcher *matcher, const char *path)
{
    struct hits hits = {0};
    assert_int_equal(ob_filename_matcher_match(matcher, path, strlen(path), collect_hit, &hits),
                     OB_OK);
    return hits;
}

/* Matches `path` with the folder `root` (a prefix of it) as a drive's root. */
static struct hits match_below(struct ob_filename_matcher *matcher, const char *root,
                               const char *path)
{
    struct hits hits = {0};
    assert_int_equal(strncmp(path, root, strlen(root)), 0);
    assert_int_equal(ob_filename_matcher_match_below(matcher, path, strlen(path), strlen(root),
                                                     collect_hit, &hits),
                     OB_OK);
    return hits;
}

/* A finalized set holding the file-name list `text`, with its matcher. */
struct filename_fixture {
    struct ob_context *ctx;
    struct log_capture log;
    struct ob_indicators *set;
    struct ob_filename_matcher *matcher;
};

static void filenames_setup(struct filename_fixture *fixture, const char *text)
{
    memset(fixture, 0, sizeof(*fixture));
    fixture->ctx = ob_context_new(capture_log, &fixture->log);
    assert_non_null(fixture->ctx);
    assert_int_equal(ob_indicators_new(&fixture->set), OB_OK);
    assert_int_equal(ob_indicators_parse_filenames(fixture->set, fixture->ctx, "names.txt", text,
                                                   strlen(text)),
                     OB_OK);
    assert_int_equal(ob_indicators_finalize(fixture->set, fixture->ctx), OB_OK);
    assert_int_equal(ob_filename_matcher_new(fixture->set, &fixture->matcher), OB_OK);
}

static void filenames_teardown(struct filename_fixture *fixture)
{
    ob_filename_matcher_free(fixture->matcher);
    ob_indicators_free(fixture->set);
    ob_context_free(fixture->ctx);
}

static size_t pattern_count(const struct ob_indicators *set)
{
    struct ob_indicator_counts counts;
    ob_indicators_counts(set, &counts);
    return counts.filename_patterns;
}

static void digest_of(const char *hex, unsigned char *digest)
{
    assert_true(core_hex_decode(hex, strlen(hex), digest));
}

#define MD5_A "0c2674c3a97c53082187d930efb645c2"
#define SHA1_A "58E9F72081EFFF9BDAABD82E3B3EFE5B1B9F1666"
#define SHA256_A "bf4f41403280c1b115650d470f9b260a5c9042c04d9bcc2a6ca504a66379b2d6"

/* ---- hash lists -------------------------------------------------------- */

static void test_indicators__hashes_parse_two_and_three_fields(void **state)
{
    (void)state;
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    const char *text = "# LOKI hashes\n"
                       "\n" MD5_A ";Sakula Malware\r\n" SHA1_A ";55; Vulnerable; Log4j  \n"
                       "  " SHA256_A " ;Report - flogon.js; - https://example.org\n";
    assert_int_equal(ob_indicators_parse_hashes(set, ctx, "hashes.txt", text, strlen(text), false),
                     OB_OK);
    assert_int_equal(ob_indicators_finalize(set, ctx), OB_OK);

    struct ob_indicator_counts counts;
    ob_indicators_counts(set, &counts);
    assert_int_equal(counts.hashes[OB_HASH_MD5], 1);
    assert_int_equal(counts.hashes[OB_HASH_SHA1], 1);
    assert_int_equal(counts.hashes[OB_HASH_SHA256], 1);
    assert_int_equal(counts.malformed_lines, 0);
    assert_true(ob_indicators_has_hash_kind(set, OB_HASH_SHA1));

    unsigned char digest[32];
    digest_of(MD5_A, digest);
    const struct ob_indicator_ref *ref = ob_indicators_find_hash(set, OB_HASH_MD5, digest);
    assert_non_null(ref);
    assert_string_equal(ref->name, MD5_A);
    assert_string_equal(ref->source, "hashes.txt:3");
    assert_string_equal(ref->description, "Sakula Malware");
    assert_int_equal(ref->score, OB_HASH_DEFAULT_SCORE);

    digest_of(SHA1_A, digest);
    ref = ob_indicators_find_hash(set, OB_HASH_SHA1, digest);
    assert_non_null(ref);
    assert_string_equal(ref->name, "58e9f72081efff9bdaabd82e3b3efe5b1b9f1666");
    assert_string_equal(ref->description, "Vulnerable; Log4j");
    assert_int_equal(ref->score, 55);

    /* A ';' inside a description is not a score separator. */
    digest_of(SHA256_A, digest);
    ref = ob_indicators_find_hash(set, OB_HASH_SHA256, digest);
    assert_non_null(ref);
    assert_string_equal(ref->description, "Report - flogon.js; - https://example.org");
    assert_int_equal(ref->score, OB_HASH_DEFAULT_SCORE);
    assert_string_equal(ref->source, "hashes.txt:5");

    ob_indicators_free(set);
    ob_context_free(ctx);
}

static void test_indicators__hashes_malformed_lines_counted_and_logged(void **state)
{
    (void)state;
    struct log_capture log = {0};
    struct ob_context *ctx = ob_context_new(capture_log, &log);
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    const char *text = "#comment;not a hash\n" MD5_A ";good\n"
                       "0c2674c3a97c53082187d930efb645c;one digit short\n"
                       "zz2674c3a97c53082187d930efb645c2;bad hex\n" MD5_A "1;too long\n"
                       "0c2674c3a97c53082187d930efb645c3;12a;bad score\n"
                       "0c2674c3a97c53082187d930efb645c4;99999999999;score too large\n"
                       ";no hash\n";
    assert_int_equal(ob_indicators_parse_hashes(set, ctx, "h.txt", text, strlen(text), false),
                     OB_OK);
    assert_int_equal(ob_indicators_finalize(set, ctx), OB_OK);
    struct ob_indicator_counts counts;
    ob_indicators_counts(set, &counts);
    assert_int_equal(counts.hashes[OB_HASH_MD5], 1);
    assert_int_equal(counts.malformed_lines, 6);
    assert_int_equal(log.warnings, 6);
    assert_non_null(strstr(log.last, "h.txt:8:"));
    ob_indicators_free(set);
    ob_context_free(ctx);
}

static void test_indicators__hash_lookup_hit_and_miss(void **state)
{
    (void)state;
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    const char *text = MD5_A ";a\n" SHA256_A ";b\n";
    assert_int_equal(ob_indicators_parse_hashes(set, NULL, "h", text, strlen(text), false), OB_OK);
    unsigned char digest[32];
    digest_of(MD5_A, digest);
    /* Lookups wait for finalize, which sorts. */
    assert_null(ob_indicators_find_hash(set, OB_HASH_MD5, digest));
    assert_int_equal(ob_indicators_finalize(set, NULL), OB_OK);
    assert_non_null(ob_indicators_find_hash(set, OB_HASH_MD5, digest));
    assert_null(ob_indicators_find_hash(set, OB_HASH_SHA1, digest));
    digest[15] ^= 1;
    assert_null(ob_indicators_find_hash(set, OB_HASH_MD5, digest));
    assert_false(ob_indicators_has_hash_kind(set, OB_HASH_SHA1));
    assert_true(ob_indicators_has_hash_kind(set, OB_HASH_SHA256));
    /* The set is read-only now. */
    assert_int_equal(ob_indicators_parse_hashes(set, NULL, "h", text, strlen(text), false),
                     OB_ERR_INVALID_ARGUMENT);
    assert_int_equal(ob_indicators_finalize(set, NULL), OB_ERR_INVALID_ARGUMENT);
    ob_indicators_free(set);
}

static void test_indicators__hash_duplicates_keep_highest_score(void **state)
{
    (void)state;
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    const char *text = MD5_A ";40;first\n" MD5_A ";80;second\n" MD5_A ";80;third\n";
    assert_int_equal(ob_indicators_parse_hashes(set, NULL, "h", text, strlen(text), false), OB_OK);
    assert_int_equal(ob_indicators_finalize(set, NULL), OB_OK);
    struct ob_indicator_counts counts;
    ob_indicators_counts(set, &counts);
    assert_int_equal(counts.hashes[OB_HASH_MD5], 1);
    unsigned char digest[16];
    digest_of(MD5_A, digest);
    const struct ob_indicator_ref *ref = ob_indicators_find_hash(set, OB_HASH_MD5, digest);
    assert_non_null(ref);
    assert_string_equal(ref->description, "second");
    assert_int_equal(ref->score, 80);
    ob_indicators_free(set);
}

static void test_indicators__false_positive_hashes_are_separate(void **state)
{
    (void)state;
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    const char *fp = SHA256_A "\n";
    assert_int_equal(ob_indicators_parse_hashes(set, NULL, "fp", fp, strlen(fp), true), OB_OK);
    assert_int_equal(ob_indicators_finalize(set, NULL), OB_OK);
    struct ob_indicator_counts counts;
    ob_indicators_counts(set, &counts);
    assert_int_equal(counts.false_positive_hashes, 1);
    assert_int_equal(counts.hashes[OB_HASH_SHA256], 0);
    unsigned char digest[32];
    digest_of(SHA256_A, digest);
    assert_true(ob_indicators_is_false_positive(set, OB_HASH_SHA256, digest));
    assert_null(ob_indicators_find_hash(set, OB_HASH_SHA256, digest));
    digest[0] ^= 1;
    assert_false(ob_indicators_is_false_positive(set, OB_HASH_SHA256, digest));
    ob_indicators_free(set);
}

/* ---- file-name lists ---------------------------------------------------- */

static void test_indicators__filenames_windows_separators_match_linux_paths(void **state)
{
    (void)state;
    struct filename_fixture f;
    filenames_setup(&f, "\\\\usbclass\\.sys;80\n"
                        "(TEMP|Temp)\\\\[^\\\\\"]+\\.(xmd|yls)$;70\n"
                        "\\\\config\\\\SystemAudit\\.Evt;75\n");
    assert_int_equal(pattern_count(f.set), 3);
    struct hits hits = match(f.matcher, "/mnt/win/Windows/System32/drivers/usbclass.sys");
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.refs[0]->name, "\\\\usbclass\\.sys");
    assert_string_equal(hits.refs[0]->source, "names.txt:1");
    assert_int_equal(hits.refs[0]->score, 80);
    /* Windows paths still match. */
    assert_int_equal(match(f.matcher, "C:\\Windows\\usbclass.sys").count, 1);
    /* The class [^\\"] must stop at '/' as it stops at '\'. */
    assert_int_equal(match(f.matcher, "/mnt/win/Temp/a.xmd").count, 1);
    assert_int_equal(match(f.matcher, "/mnt/win/Temp/sub/a.xmd").count, 0);
    assert_int_equal(match(f.matcher, "/mnt/win/Windows/system32/config/SystemAudit.Evt").count, 1);
    assert_int_equal(match(f.matcher, "/mnt/win/usbclassXsys").count, 0);
    filenames_teardown(&f);
}

static void test_indicators__filenames_drive_letter_matches_any_mount(void **state)
{
    (void)state;
    struct filename_fixture f;
    filenames_setup(&f, "C:\\\\Program Files\\\\x\\.exe;60\n"
                        "(?i)c:\\\\windows\\\\evil\\.exe;70\n"
                        ":\\\\Recovery\\\\msn\\.exe;80\n"
                        "[Cc]:\\\\[a-z]\\.bat$;50\n");
    /* The root of the drive is the mounted disk that was scanned. */
    struct hits hits = match_below(f.matcher, "/mnt/win", "/mnt/win/Program Files/x.exe");
    assert_int_equal(hits.count, 1);
    assert_true(hit_named(&hits, "C:\\\\Program Files\\\\x\\.exe"));
    assert_int_equal(match(f.matcher, "D:\\Program Files\\x.exe").count, 1);
    assert_int_equal(match_below(f.matcher, "/media/disk", "/media/disk/WINDOWS/EVIL.EXE").count,
                     1);
    assert_int_equal(match_below(f.matcher, "/mnt/win", "/mnt/win/Recovery/msn.exe").count, 1);
    assert_int_equal(match_below(f.matcher, "/mnt/win", "/mnt/win/a.bat").count, 1);
    assert_int_equal(match_below(f.matcher, "/mnt/win", "/mnt/win/Program Filesx.exe").count, 0);
    filenames_teardown(&f);
}

/* A pattern written for the root of a Windows drive matches there, not
 * below any folder of a Linux path (S-CMS ships a folder "1.com.php"). */
static void test_indicators__filenames_drive_root_only_at_a_drive_root(void **state)
{
    (void)state;
    struct filename_fixture f;
    filenames_setup(&f, "[Cc]:\\\\[\\w]{1,2}\\.(exe|com|scr);45\n"
                        "C:\\\\Windows\\\\Temp\\\\x\\.exe;70\n"
                        "\\\\tools\\\\nc\\.exe;50;C:\\\\Safe\\\\\n");
    const char *root = "/srv/www";
    const char *cms = "/srv/www/S-CMS_v3/1.com.php/admin/tpl.php";
    assert_int_equal(match_below(f.matcher, root, cms).count, 0);
    assert_int_equal(match(f.matcher, cms).count, 0);
    assert_int_equal(match_below(f.matcher, root, "/srv/www/1.com").count, 1);
    assert_int_equal(match_below(f.matcher, "/srv", "/srv/www/1.com").count, 0);
    assert_int_equal(match(f.matcher, "/home/u/ab.exe").count, 0);
    /* The scanned root "/" of a whole disk. */
    assert_int_equal(match_below(f.matcher, "/", "/ab.exe").count, 1);
    assert_int_equal(match_below(f.matcher, "/", "/Windows/Temp/x.exe").count, 1);
    assert_int_equal(match_below(f.matcher, "/", "/mnt/win/Windows/Temp/x.exe").count, 0);
    /* A WSL mount is a drive's root, and so is one written in the path. */
    assert_int_equal(match(f.matcher, "/mnt/c/Windows/Temp/x.exe").count, 1);
    assert_int_equal(match(f.matcher, "/mnt/cd/Windows/Temp/x.exe").count, 0);
    assert_int_equal(match_below(f.matcher, root, "/srv/www/l.zip/C:\\Windows\\Temp\\x.exe").count,
                     1);
    assert_int_equal(match(f.matcher, "e:/Windows/Temp/x.exe").count, 1);
    assert_int_equal(match(f.matcher, "/srv/Windows/Temp/x.exe").count, 0);
    /* Patterns without a drive root are matched as before, and a drive root
     * in a false-positive regex still excludes below any folder. */
    assert_int_equal(match_below(f.matcher, root, "/srv/www/tools/nc.exe").count, 1);
    assert_int_equal(match_below(f.matcher, root, "/srv/www/Safe/tools/nc.exe").count, 0);
    filenames_teardown(&f);
}

static void test_indicators__filenames_nocase_flag(void **state)
{
    (void)state;
    struct filename_fixture f;
    filenames_setup(&f, "(?i)\\\\quarks-pwdump\\.exe;80\n\\\\CaseSensitive\\.exe;80\n");
    assert_int_equal(match(f.matcher, "/tmp/QUARKS-PwDump.EXE").count, 1);
    assert_int_equal(match(f.matcher, "/tmp/CaseSensitive.exe").count, 1);
    assert_int_equal(match(f.matcher, "/tmp/casesensitive.exe").count, 0);
    filenames_teardown(&f);
}

/* A pattern that requires no text of the gate's length keeps the gate
 * open, even after one whose search for such texts went part of the way. */
static void test_indicators__filenames_without_required_text_pass_the_gate(void **state)
{
    (void)state;
    struct filename_fixture f;
    filenames_setup(&f, "\\\\mimikatz\\.exe;80\nabc|de;50\n\\\\x(tmp|a)$;40\n");
    assert_int_equal(match(f.matcher, "/tmp/de").count, 1);
    struct hits hits = match(f.matcher, "/home/u/xa");
    assert_int_equal(hits.count, 1);
    assert_true(hit_named(&hits, "\\\\x(tmp|a)$"));
    assert_int_equal(match(f.matcher, "/home/u/ls").count, 0);
    filenames_teardown(&f);
}

static void test_indicators__filenames_false_positive_regex_suppresses(void **state)
{
    (void)state;
    struct filename_fixture f;
    filenames_setup(
        &f, "(?i)\\\\procdump(64)?(a)?\\.(exe|zip);50;(?i)(SysInternals\\\\)\n"
            "\\\\security\\.sav;65;(?i)C:\\\\Windows\\\\System32\\\\config\\\\SECURITY\\.SAV\n");
    assert_int_equal(match(f.matcher, "/home/u/tools/procdump64.exe").count, 1);
    assert_int_equal(match(f.matcher, "/home/u/sysinternals/procdump64.exe").count, 0);
    assert_int_equal(match(f.matcher, "C:\\SysInternals\\procdump.exe").count, 0);
    assert_int_equal(match(f.matcher, "/mnt/win/Users/x/security.sav").count, 1);
    /* The drive letter in the exclusion also maps to any mount point. */
    assert_int_equal(match(f.matcher, "/mnt/win/Windows/System32/config/security.sav").count, 0);
    filenames_teardown(&f);
}

static void test_indicators__filenames_description_from_preceding_comment(void **state)
{
    (void)state;
    struct filename_fixture f;
    filenames_setup(&f, "# Regin\n\\\\usbclass\\.sys;80\n\n\\\\adpu160\\.sys;80\n"
                        "#   Second group\n\\\\other\\.sys;70\n");
    struct hits hits = match(f.matcher, "/x/adpu160.sys");
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.refs[0]->description, "Regin");
    hits = match(f.matcher, "/x/other.sys");
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.refs[0]->description, "Second group");
    assert_string_equal(hits.refs[0]->source, "names.txt:6");
    filenames_teardown(&f);
}

static void test_indicators__filenames_unsupported_regex_skipped(void **state)
{
    (void)state;
    struct filename_fixture f;
    filenames_setup(&f, "\\\\good\\.exe;80\n"
                        "\\\\(?=x)y;80\n"
                        "(a)\\1;80\n"
                        "(?P<name>abc);80\n"
                        "\\\\ok\\.dll;80;(?!x)\n"
                        "a{0,40000};80\n"
                        "[abc;80\n"
                        "\\\\nosemicolon\n"
                        "\\\\badscore;high\n"
                        "\\\\also-good\\.exe;70\n");
    struct ob_indicator_counts counts;
    ob_indicators_counts(f.set, &counts);
    assert_int_equal(counts.filename_patterns, 2);
    assert_int_equal(counts.malformed_lines, 8);
    assert_int_equal(f.log.warnings, 8);
    assert_int_equal(match(f.matcher, "/x/good.exe").count, 1);
    assert_int_equal(match(f.matcher, "/x/also-good.exe").count, 1);
    assert_int_equal(match(f.matcher, "/x/aaa").count, 0);
    filenames_teardown(&f);
}

static void test_indicators__filenames_rejected_by_yara_reported_with_line(void **state)
{
    (void)state;
    struct filename_fixture f;
    /* Python accepts these; YARA refuses them, which only its compiler knows. */
    filenames_setup(&f, "\\\\one\\.exe;80\n"
                        "x{1,99999};80\n"
                        "\\\\two\\.exe;80\n"
                        "();80\n"
                        "\\\\three\\.exe;80\n");
    struct ob_indicator_counts counts;
    ob_indicators_counts(f.set, &counts);
    assert_int_equal(counts.filename_patterns, 3);
    assert_int_equal(counts.malformed_lines, 2);
    assert_non_null(strstr(f.log.last, "names.txt:4"));
    struct hits hits = match(f.matcher, "/x/three.exe");
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.refs[0]->source, "names.txt:5");
    filenames_teardown(&f);
}

static void test_indicators__filenames_many_yara_rejects_found_in_chunks(void **state)
{
    (void)state;
    /* More rejects than one-at-a-time recompiling handles: 200 good
     * patterns with a bad one after every 25th, and one at the very end. */
    struct ob_buffer list;
    core_buffer_init(&list, 1 << 20);
    size_t bad = 0;
    for (int i = 0; i < 200; i++) {
        assert_int_equal(core_buffer_printf(&list, "\\\\good%d\\.exe;50\n", i), OB_OK);
        if (i % 25 == 24) {
            assert_int_equal(core_buffer_printf(&list, "x{1,%d};50\n", 90000 + i), OB_OK);
            bad++;
        }
    }
    assert_int_equal(bad, 8);
    struct filename_fixture f;
    filenames_setup(&f, core_buffer_str(&list));
    core_buffer_release(&list);
    struct ob_indicator_counts counts;
    ob_indicators_counts(f.set, &counts);
    assert_int_equal(counts.filename_patterns, 200);
    assert_int_equal(counts.malformed_lines, 8);
    assert_int_equal(f.log.warnings, 8);
    /* The last good pattern sits on line 207 (199 + 8 rejected lines). */
    struct hits hits = match(f.matcher, "/x/good199.exe");
    assert_int_equal(hits.count, 1);
    assert_string_equal(hits.refs[0]->source, "names.txt:207");
    assert_int_equal(match(f.matcher, "/x/good0.exe").count, 1);
    filenames_teardown(&f);
}

static void test_indicators__filenames_empty_set_matches_nothing(void **state)
{
    (void)state;
    struct ob_indicators *set = NULL;
    struct ob_filename_matcher *matcher = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    assert_int_equal(ob_filename_matcher_new(set, &matcher), OB_ERR_INVALID_ARGUMENT);
    assert_null(matcher);
    assert_int_equal(ob_indicators_finalize(set, NULL), OB_OK);
    assert_int_equal(ob_filename_matcher_new(set, &matcher), OB_OK);
    assert_int_equal(match(matcher, "/anything").count, 0);
    ob_filename_matcher_free(matcher);
    ob_indicators_free(set);
}

/* ---- regex translation ------------------------------------------------ */

/* Parses `python` and translates it into `out`; the parse's status. */
static enum ob_status translate(const char *python, struct ob_buffer *out,
                                struct ob_regex_error *error)
{
    struct ob_filename_regex regex;
    enum ob_status status = indicators_filename_regex_parse(python, strlen(python), &regex, error);
    if (status == OB_OK)
        status = indicators_regex_translate(&regex, out);
    indicators_filename_regex_release(&regex);
    return status;
}

static void check_translation(const char *python, const char *yara)
{
    struct ob_buffer out;
    core_buffer_init(&out, 1 << 16);
    struct ob_regex_error error;
    enum ob_status status = translate(python, &out, &error);
    if (status != OB_OK || strcmp(core_buffer_str(&out), yara) != 0)
        print_error("translating '%s': got '%s' (%s), expected '%s'\n", python,
                    core_buffer_str(&out), error.message, yara);
    assert_int_equal(status, OB_OK);
    assert_string_equal(core_buffer_str(&out), yara);
    core_buffer_release(&out);
}

/* A drive root keeps its shape (any letter) when the pattern is translated
 * for the matcher's drive set; nothing else changes. */
static void test_indicators__translate_drive_roots_keep_their_shape(void **state)
{
    (void)state;
    static const struct {
        const char *python, *yara;
        bool drive;
    } cases[] = {
        {"[Cc]:\\\\[\\w]{1,2}\\.(exe|com|scr)",
         "/([A-Za-z]:[\\\\\\/][\\w]{1,2}\\.(exe|com|scr))([\\\\\\/]|$)/", true},
        {"^C:\\\\Windows", "/([A-Za-z]:[\\\\\\/]Windows)([\\\\\\/]|$)/", true},
        {"[Cc]:\\\\[a-z]\\.bat$", "/[A-Za-z]:[\\\\\\/][a-z]\\.bat$/", true},
        {"C:\\\\ProgramData\\\\psh\\\\", "/[A-Za-z]:[\\\\\\/]ProgramData[\\\\\\/]psh[\\\\\\/]/",
         true},
        {":\\\\Recovery", "/([A-Za-z]:[\\\\\\/]Recovery)([\\\\\\/]|$)/", true},
        {"(?i)(C:\\\\SW\\\\|\\\\x)", "/(([A-Za-z]:[\\\\\\/]SW[\\\\\\/]|[\\\\\\/]x))([\\\\\\/]|$)/i",
         true},
        {"(?i)(C:\\\\SW\\\\|C:\\\\x\\\\)+",
         "/([A-Za-z]:[\\\\\\/]SW[\\\\\\/]|[A-Za-z]:[\\\\\\/]x[\\\\\\/])+/i", true},
        {"ab C:\\\\x", "/ab C:[\\\\\\/]x/", false},
        {"\\\\Windows\\\\x", "/[\\\\\\/]Windows[\\\\\\/]x/", false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ob_filename_regex regex;
        struct ob_regex_error error;
        assert_int_equal(indicators_filename_regex_parse(cases[i].python, strlen(cases[i].python),
                                                         &regex, &error),
                         OB_OK);
        struct ob_buffer out;
        core_buffer_init(&out, 1 << 16);
        assert_int_equal(indicators_regex_translate_drive(&regex, &out), OB_OK);
        if (strcmp(core_buffer_str(&out), cases[i].yara) != 0)
            fail_msg("'%s' gave '%s'", cases[i].python, core_buffer_str(&out));
        assert_int_equal(indicators_regex_has_drive_root(&regex), cases[i].drive);
        core_buffer_release(&out);
        indicators_filename_regex_release(&regex);
    }
}

static void check_rejected(const char *python, enum ob_status expected)
{
    struct ob_buffer out;
    core_buffer_init(&out, 1 << 16);
    struct ob_regex_error error;
    enum ob_status status = translate(python, &out, &error);
    if (status != expected)
        print_error("translating '%s': got %s, expected %s\n", python, ob_strerror(status),
                    ob_strerror(expected));
    assert_int_equal(status, expected);
    assert_true(error.message[0] != '\0');
    core_buffer_release(&out);
}

/* In the comments below, each case is shown as the list file spells it. */
static void test_indicators__translate_separators_and_escapes(void **state)
{
    (void)state;
    /* \\a\.exe */
    check_translation("\\\\a\\.exe", "/[\\\\\\/]a\\.exe/");
    /* \\\. : an escaped backslash, then an escaped dot */
    check_translation("\\\\\\.", "/[\\\\\\/]\\./");
    /* \\\\ : two separators */
    check_translation("\\\\\\\\", "/[\\\\\\/][\\\\\\/]/");
    /* [^\\"]+ : the class also excludes '/' */
    check_translation("[^\\\\\"]+", "/[^\\\\\"\\/]+/");
    /* [\\]] : a class holding '\', then a literal ']' */
    check_translation("[\\\\]]", "/[\\\\\\/]\\]/");
    /* []a] : ']' first in a class is literal */
    check_translation("x[]a]", "/x[\\]a]/");
    /* [\\a-] : a trailing '-' is literal and must not form a range with '/' */
    check_translation("[\\\\a-]", "/[\\\\a\\-\\/]/");
    /* [!-\\] : a range ending at '\' gets '/' too */
    check_translation("[!-\\\\]", "/[!-\\\\\\/]/");
    /* a/b and [/] : '/' ends a YARA literal, so it is escaped */
    check_translation("a/b[/]", "/a\\/b[\\/]/");
    check_translation("\\d+\\w\\b\\t", "/\\d+\\w\\b\\x09/");
    check_translation("\\x41\\x5c\\$", "/A[\\\\\\/]\\$/");
    check_translation("\\Aab\\Z", "/^ab$/");
    check_translation("(?:ab|cd)", "/(ab|cd)/");
    check_translation("x{,3}y{2}z{1,}w{,}", "/x{0,3}y{2}z{1,}w*/");
    check_translation("a{b}", "/a\\{b\\}/");
    check_translation("a*?b{2}?", "/a*?b{2}?/");
    /* A multi-byte character stays one unit under a quantifier. */
    check_translation("svchost\xe2\x80\x9d+", "/svchost(\\xe2\\x80\\x9d)+/");
}

static void test_indicators__translate_drive_letters_and_flags(void **state)
{
    (void)state;
    check_translation("C:\\\\Program Files\\\\x", "/[\\\\\\/]Program Files[\\\\\\/]x/");
    check_translation("(?i)c:\\\\temp", "/[\\\\\\/]temp/i");
    check_translation("^C:\\\\Windows", "/[\\\\\\/]Windows/");
    check_translation("[Cc]:\\\\a", "/[\\\\\\/]a/");
    check_translation("[C-Zc-z]:\\\\a", "/[\\\\\\/]a/");
    check_translation(":\\\\Recovery", "/[\\\\\\/]Recovery/");
    check_translation("(?i)(C:\\\\SW\\\\|\\\\x|D:\\\\y)",
                      "/([\\\\\\/]SW[\\\\\\/]|[\\\\\\/]x|[\\\\\\/]y)/i");
    /* Only at the start of an alternative. */
    check_translation("ab C:\\\\x", "/ab C:[\\\\\\/]x/");
    check_translation("^/bin/rdt$", "/^\\/bin\\/rdt$/");
}

static void test_indicators__translate_rejects_unsupported(void **state)
{
    (void)state;
    check_rejected("a(?=b)", OB_ERR_UNSUPPORTED);
    check_rejected("a(?!b)", OB_ERR_UNSUPPORTED);
    check_rejected("(?<=a)b", OB_ERR_UNSUPPORTED);
    check_rejected("(?<!a)b", OB_ERR_UNSUPPORTED);
    check_rejected("(?P<n>a)", OB_ERR_UNSUPPORTED);
    check_rejected("(a)\\1", OB_ERR_UNSUPPORTED);
    check_rejected("(?s)a", OB_ERR_UNSUPPORTED);
    check_rejected("(?im)a", OB_ERR_UNSUPPORTED);
    check_rejected("a(?i)b", OB_ERR_UNSUPPORTED);
    check_rejected("(?i:a)", OB_ERR_UNSUPPORTED);
    check_rejected("a*+", OB_ERR_UNSUPPORTED);
    check_rejected("[\xc3\xa9]", OB_ERR_UNSUPPORTED);
    check_rejected("\\u00e9", OB_ERR_UNSUPPORTED);
    check_rejected("\\0", OB_ERR_UNSUPPORTED);
    check_rejected("", OB_ERR_UNSUPPORTED);
    check_rejected("(?i)", OB_ERR_UNSUPPORTED);
    check_rejected("abc\\", OB_ERR_PARSE);
    check_rejected("(ab", OB_ERR_PARSE);
    check_rejected("ab)", OB_ERR_PARSE);
    check_rejected("[ab", OB_ERR_PARSE);
    check_rejected("\\q", OB_ERR_PARSE);
    check_rejected("[z-a]", OB_ERR_PARSE);
    check_rejected("[\\d-z]", OB_ERR_PARSE);
    check_rejected("\\x4", OB_ERR_PARSE);
}

/* ---- reading lists without a set ------------------------------------------- */

#define MAX_READ 8
/* Copies of what ob_indicator_list_read handed out; stops with `stop`
 * after `stop_after` entries. */
struct read_entries {
    size_t count;
    struct ob_indicator_entry entries[MAX_READ];
    char values[MAX_READ][128], descriptions[MAX_READ][128], excludes[MAX_READ][128];
    size_t stop_after;
    enum ob_status stop;
};

static enum ob_status copy_entry(void *user, const struct ob_indicator_entry *entry)
{
    struct read_entries *read = user;
    assert_true(read->count < MAX_READ);
    size_t i = read->count++;
    read->entries[i] = *entry;
    snprintf(read->values[i], sizeof(read->values[i]), "%s", entry->value);
    snprintf(read->descriptions[i], sizeof(read->descriptions[i]), "%s", entry->description);
    snprintf(read->excludes[i], sizeof(read->excludes[i]), "%s",
             entry->exclude != NULL ? entry->exclude : "(none)");
    return read->count == read->stop_after ? read->stop : OB_OK;
}

static struct read_entries read_list(enum ob_indicator_kind kind, const char *text,
                                     struct log_capture *log, enum ob_status expected)
{
    struct read_entries read = {.count = 0};
    struct ob_context *ctx = ob_context_new(capture_log, log);
    assert_int_equal(ob_indicator_list_read(kind, ctx, "list.txt", text, strlen(text), copy_entry,
                                            &read),
                     expected);
    ob_context_free(ctx);
    return read;
}

/* The readers hand each entry over as fields: nothing to parse back. */
static void test_indicators__list_read_hands_out_entries(void **state)
{
    (void)state;
    struct log_capture log = {0};
    struct read_entries read = read_list(OB_INDICATOR_HASH,
                                         "# tools\n" MD5_A ";md5 tool\n" SHA1_A
                                         ";90;sha1 tool\nnot-a-hash\n",
                                         &log, OB_OK);
    assert_int_equal(read.count, 2);
    assert_int_equal(read.entries[0].kind, OB_INDICATOR_HASH);
    assert_int_equal(read.entries[0].hash_kind, OB_HASH_MD5);
    assert_string_equal(read.values[0], MD5_A);
    assert_int_equal(read.entries[0].line, 2);
    assert_string_equal(read.descriptions[0], "md5 tool");
    assert_int_equal(read.entries[0].score, OB_HASH_DEFAULT_SCORE);
    assert_int_equal(read.entries[1].hash_kind, OB_HASH_SHA1);
    assert_string_equal(read.values[1], "58e9f72081efff9bdaabd82e3b3efe5b1b9f1666");
    assert_int_equal(read.entries[1].line, 3);
    assert_int_equal(read.entries[1].score, 90);
    assert_string_equal(read.descriptions[1], "sha1 tool");
    assert_int_equal(log.warnings, 1);
    assert_non_null(strstr(log.last, "list.txt:4:"));

    memset(&log, 0, sizeof(log));
    read = read_list(OB_INDICATOR_PATH_PATTERN,
                     "# Droppers\n\\\\evil\\.exe;80;\\\\good\\\\\n\\\\a(?=b);50\nxyz;70\n"
                     "#\nabc;-5\n",
                     &log, OB_OK);
    assert_int_equal(read.count, 3);
    assert_int_equal(read.entries[0].kind, OB_INDICATOR_PATH_PATTERN);
    assert_string_equal(read.values[0], "\\\\evil\\.exe");
    assert_int_equal(read.entries[0].line, 2);
    assert_int_equal(read.entries[0].score, 80);
    assert_string_equal(read.descriptions[0], "Droppers");
    assert_string_equal(read.excludes[0], "\\\\good\\\\");
    assert_string_equal(read.values[1], "xyz");
    assert_int_equal(read.entries[1].line, 4);
    assert_string_equal(read.descriptions[1], "Droppers");
    assert_string_equal(read.excludes[1], "(none)");
    assert_string_equal(read.descriptions[2], ""); /* a bare '#' clears it */
    assert_int_equal(read.entries[2].score, -5);
    assert_int_equal(log.warnings, 1);
    assert_non_null(strstr(log.last, "list.txt:3: file-name regex skipped"));

    read = read_list(OB_INDICATOR_C2, "# C2\nevil.example;65\n192.0.2.5\n", &log, OB_OK);
    assert_int_equal(read.count, 2);
    assert_int_equal(read.entries[0].kind, OB_INDICATOR_C2);
    assert_string_equal(read.values[0], "evil.example");
    assert_int_equal(read.entries[0].score, 65);
    assert_string_equal(read.descriptions[1], "C2");
    assert_int_equal(read.entries[1].score, OB_C2_DEFAULT_SCORE);
    assert_int_equal(read.entries[1].line, 3);
}

/* A callback's failure ends the reading and is what the call returns. */
static void test_indicators__list_read_stops_at_callback_failure(void **state)
{
    (void)state;
    struct read_entries read = {.stop_after = 1, .stop = OB_ERR_LIMIT};
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    const char *text = "a1;10\na2;20\na3;30\n";
    assert_int_equal(ob_indicator_list_read(OB_INDICATOR_PATH_PATTERN, ctx, "list.txt", text,
                                            strlen(text), copy_entry, &read),
                     OB_ERR_LIMIT);
    assert_int_equal(read.count, 1);
    ob_context_free(ctx);
}

/* ---- C2 lists and folders ----------------------------------------------- */

static void test_indicators__c2_entries_counted(void **state)
{
    (void)state;
    struct log_capture log = {0};
    struct ob_context *ctx = ob_context_new(capture_log, &log);
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    const char *text = "# Snowman\nsuroot.com\n58.64.143.244\n176.123.5.126;65\n"
                       "2001:db8::1\nbad host.com\nhttp://x.com/\nx.com;abc\n";
    assert_int_equal(ob_indicators_parse_c2(set, ctx, "c2.txt", text, strlen(text)), OB_OK);
    assert_int_equal(ob_indicators_finalize(set, ctx), OB_OK);
    struct ob_indicator_counts counts;
    ob_indicators_counts(set, &counts);
    assert_int_equal(counts.c2_entries, 4);
    assert_int_equal(counts.malformed_lines, 3);
    assert_non_null(strstr(log.last, "c2.txt:8:"));
    ob_indicators_free(set);
    ob_context_free(ctx);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(text, 1, strlen(text), file), strlen(text));
    fclose(file);
}

static void remove_file(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    unlink(path);
}

static void test_indicators__load_dir_classifies_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/oberig-ioc-XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "hash-iocs.txt", MD5_A ";evil\n" SHA1_A ";evil\n");
    write_file(dir, "falsepositive-hashes.txt", SHA256_A ";known good\n");
    write_file(dir, "fp_hashes.txt", "d41d8cd98f00b204e9800998ecf8427e;empty file\n");
    write_file(dir, "filename-iocs.txt", "\\\\evil\\.exe;80\n");
    write_file(dir, "c2-iocs.txt", "evil.example\n");
    write_file(dir, "keywords.txt", "mimikatz\n");
    write_file(dir, "README.txt", "the string \"hash\" is in the text, not the name\n");

    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    assert_int_equal(ob_indicators_load_dir(set, ctx, dir), OB_OK);
    assert_int_equal(ob_indicators_finalize(set, ctx), OB_OK);
    struct ob_indicator_counts counts;
    ob_indicators_counts(set, &counts);
    assert_int_equal(counts.files, 5);
    assert_int_equal(counts.hashes[OB_HASH_MD5], 1);
    assert_int_equal(counts.hashes[OB_HASH_SHA1], 1);
    assert_int_equal(counts.false_positive_hashes, 2);
    assert_int_equal(counts.filename_patterns, 1);
    assert_int_equal(counts.c2_entries, 1);
    assert_int_equal(counts.malformed_lines, 0);
    unsigned char digest[32];
    digest_of(SHA256_A, digest);
    assert_true(ob_indicators_is_false_positive(set, OB_HASH_SHA256, digest));
    ob_indicators_free(set);

    /* A missing folder is reported as such. */
    char missing[4200];
    snprintf(missing, sizeof(missing), "%s/none", dir);
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    assert_int_equal(ob_indicators_load_dir(set, ctx, missing), OB_ERR_NOT_FOUND);
    assert_non_null(strstr(ob_context_last_error(ctx), missing));
    ob_indicators_free(set);
    ob_context_free(ctx);

    const char *names[] = {"hash-iocs.txt", "falsepositive-hashes.txt",
                           "fp_hashes.txt", "filename-iocs.txt",
                           "c2-iocs.txt",   "keywords.txt",
                           "README.txt"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        remove_file(dir, names[i]);
    rmdir(dir);
}

/* Writes a file with a given modification time (Unix seconds). */
static void write_dated(const char *dir, const char *name, const char *text, time_t when)
{
    write_file(dir, name, text);
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    struct timespec times[2] = {{.tv_sec = when}, {.tv_sec = when}};
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void test_indicators__load_dir_counted_says_what_each_folder_brought(void **state)
{
    (void)state;
    char first[] = "/tmp/oberig-ioc-XXXXXX", second[] = "/tmp/oberig-ioc-XXXXXX";
    assert_non_null(mkdtemp(first));
    assert_non_null(mkdtemp(second));
    write_dated(first, "hash-iocs.txt", MD5_A ";evil\n" SHA1_A ";evil\n", 1600000000);
    write_dated(first, "filename-iocs.txt", "\\\\evil\\.exe;80\n", 1650000000);
    write_dated(first, "fp-hashes.txt", SHA256_A ";known good\n", 1610000000);
    write_dated(first, "README.txt", "not a list, so not its date\n", 1700000000);
    write_dated(second, "c2-iocs.txt", "evil.example\n", 1500000000);

    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    struct ob_indicator_load load;
    assert_int_equal(ob_indicators_load_dir_counted(set, ctx, first, &load), OB_OK);
    assert_int_equal(load.files, 3);
    assert_int_equal(load.indicators, 3); /* the known-good hash is not one */
    assert_int_equal(load.newest_mtime, 1650000000);
    assert_int_equal(ob_indicators_load_dir_counted(set, ctx, second, &load), OB_OK);
    assert_int_equal(load.files, 1);
    assert_int_equal(load.indicators, 1);
    assert_int_equal(load.newest_mtime, 1500000000);
    char missing[4200];
    snprintf(missing, sizeof(missing), "%s/none", first);
    assert_int_equal(ob_indicators_load_dir_counted(set, ctx, missing, &load), OB_ERR_NOT_FOUND);
    assert_int_equal(load.files, 0);
    assert_int_equal(load.newest_mtime, 0);
    ob_indicators_free(set);

    /* Per rule path: its rules, its files loaded and failed, its newest file. */
    struct ob_rules *rules = NULL;
    assert_int_equal(ob_rules_new(&rules), OB_OK);
    write_dated(first, "two.yar", "rule A { condition: false }\nrule B { condition: false }\n",
                1600000000);
    write_dated(first, "broken.yar", "rule { nope", 1700000000);
    write_dated(second, "one.yara", "rule C { condition: false }\n", 1500000000);
    char one[4200];
    snprintf(one, sizeof(one), "%s/one.yara", second);
    assert_int_equal(ob_rules_add_path(rules, ctx, first), OB_OK);
    assert_int_equal(ob_rules_add_path(rules, ctx, one), OB_OK);
    assert_int_equal(ob_rules_compile(rules, ctx, false), OB_OK);
    struct ob_rules_path_counts counts;
    assert_true(ob_rules_path_counts(rules, 0, &counts));
    assert_int_equal(counts.counts.rules, 2);
    assert_int_equal(counts.counts.files_loaded, 1);
    assert_int_equal(counts.counts.files_failed, 1);
    assert_int_equal(counts.newest_mtime, 1700000000);
    assert_true(ob_rules_path_counts(rules, 1, &counts));
    assert_int_equal(counts.counts.rules, 1);
    assert_int_equal(counts.counts.files_loaded, 1);
    assert_int_equal(counts.newest_mtime, 1500000000);
    assert_false(ob_rules_path_counts(rules, 2, &counts));
    assert_int_equal(counts.counts.rules, 0);
    ob_rules_free(rules);
    ob_context_free(ctx);

    const char *names[] = {"hash-iocs.txt", "filename-iocs.txt", "fp-hashes.txt",
                           "README.txt",    "two.yar",           "broken.yar"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        remove_file(first, names[i]);
    remove_file(second, "c2-iocs.txt");
    remove_file(second, "one.yara");
    rmdir(first);
    rmdir(second);
}

static void test_indicators__load_dir_signature_base(void **state)
{
    (void)state;
    const char *root = getenv("OB_SOURCE_DIR");
    char dir[4096];
    struct stat st;
    if (root == NULL ||
        (size_t)snprintf(dir, sizeof(dir), "%s/../shared/data/signature-base/iocs", root) >=
            sizeof(dir) ||
        stat(dir, &st) != 0) {
        print_message("signature-base IOCs not found (OB_SOURCE_DIR/../shared/data), skipped\n");
        skip();
    }
    struct log_capture log = {0};
    struct ob_context *ctx = ob_context_new(capture_log, &log);
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    assert_int_equal(ob_indicators_load_dir(set, ctx, dir), OB_OK);
    assert_int_equal(ob_indicators_finalize(set, ctx), OB_OK);
    struct ob_indicator_counts counts;
    ob_indicators_counts(set, &counts);
    size_t hashes = counts.hashes[OB_HASH_MD5] + counts.hashes[OB_HASH_SHA1] +
                    counts.hashes[OB_HASH_SHA256];
    print_message("signature-base: %zu hashes, %zu file-name patterns, %zu C2, %zu malformed\n",
                  hashes, counts.filename_patterns, counts.c2_entries, counts.malformed_lines);
    assert_true(hashes > 3000);
    assert_true(counts.filename_patterns > 3500);
    assert_true(counts.c2_entries > 1000);

    struct ob_filename_matcher *matcher = NULL;
    assert_int_equal(ob_filename_matcher_new(set, &matcher), OB_OK);
    struct hits hits = match(matcher, "/mnt/win/Windows/Temp/sdbAB12.tmp");
    assert_true(hit_named(&hits, "\\\\Windows\\\\Temp\\\\sdb[A-Z0-9]{4}\\.tmp$"));
    ob_filename_matcher_free(matcher);
    ob_indicators_free(set);
    ob_context_free(ctx);
}

/* ---- the literal gate ------------------------------------------------------ */

static void parse_regex(const char *text, struct ob_filename_regex *regex)
{
    struct ob_regex_error error;
    assert_int_equal(indicators_filename_regex_parse(text, strlen(text), regex, &error), OB_OK);
}

static void test_indicators__gate_literals_of_tricky_patterns(void **state)
{
    static const struct {
        const char *regex, *literals; /* NULL: none found */
    } cases[] = {
        {"\\\\mimikatz\\.exe$", "mimikatz.exe\n"},
        {"(?i)\\\\AppData\\\\Local\\\\Temp\\\\[^\\\\]+\\.exe$", "appdata\n"},
        {"\\\\[0-9]\\.(exe|dll)$", "exe\ndll\n"},
        {"(temp|tmp)\\\\[a-z]\\.(zip|exe|txt)$", "temp\ntmp\n"},
        {"abc|de", NULL},
        {"\\\\svchosts?\\.exe", "svchost\n"},
        {"\\\\ab(cd)?efgh", "efgh\n"},
        {"x\\x41yz", NULL},
        {"C:\\\\Program Files\\\\LNV", "program files\n"},
        {"\\\\(tools|bin)?\\\\nc\\.exe", "nc.exe\n"},
        {"\\\\[Ss]ystem32\\\\isecc\\.dll", "isecc.dll\n"},
        {"\\\\g(ab)+cdefg", "cdefg\n"},
    };
    struct ob_buffer out;
    core_buffer_init(&out, 4096);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        core_buffer_reset(&out, 4096);
        struct ob_filename_regex regex;
        parse_regex(cases[i].regex, &regex);
        bool found = indicators_regex_required_literals(&regex, &out);
        indicators_filename_regex_release(&regex);
        if (cases[i].literals == NULL) {
            if (found)
                fail_msg("'%s' gave literals '%s'", cases[i].regex, core_buffer_str(&out));
        } else {
            assert_true(found);
            assert_string_equal(core_buffer_str(&out), cases[i].literals);
        }
    }
    core_buffer_release(&out);
}

static void test_indicators__gate_suffixes_of_anchored_patterns(void **state)
{
    static const struct {
        const char *regex, *suffixes; /* NULL: none found */
    } cases[] = {
        {"\\\\mimikatz\\.exe$", "mimikatz.exe\n"},
        {"(?i)\\\\[0-9]\\.(exe|dll)$", ".exe\n.dll\n"},
        {"\\\\Temp\\\\[a-z]{8}\\.tmp$", ".tmp\n"},
        {"\\\\x\\.(js|vbs)$", "x.js\nx.vbs\n"},
        {"\\\\a(b|c)$", NULL}, /* "ab", "ac": too short */
        {"\\\\ab(cd|e)$", "abcd\nabe\n"},
        {"\\\\evil\\.exe", NULL}, /* not anchored */
        {"\\\\evil[0-9]+$", NULL},
        {"\\\\evil\\$", NULL}, /* an escaped dollar */
        {"\\\\a\\.exe$|\\\\b\\.dll$", "a.exe\nb.dll\n"},
        {"\\\\a\\.exe$|\\\\b\\.dll", NULL},
        {"\\\\ab\\.(e|x)?$", NULL},
    };
    struct ob_buffer out;
    core_buffer_init(&out, 4096);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        core_buffer_reset(&out, 4096);
        struct ob_filename_regex regex;
        parse_regex(cases[i].regex, &regex);
        bool found = indicators_regex_required_suffixes(&regex, &out);
        indicators_filename_regex_release(&regex);
        if (cases[i].suffixes == NULL) {
            if (found || out.length != 0)
                fail_msg("'%s' gave suffixes '%s'", cases[i].regex, core_buffer_str(&out));
        } else {
            if (!found)
                fail_msg("'%s' gave no suffixes", cases[i].regex);
            assert_string_equal(core_buffer_str(&out), cases[i].suffixes);
        }
    }
    core_buffer_release(&out);
}

/* The owners the gate names for `path`, as a bit mask (owners below 32). */
static void add_owner(void *user, uint32_t owner)
{
    *(uint32_t *)user |= (uint32_t)1 << owner;
}

static uint32_t owners_of(const struct ob_literal_gate *gate, const char *path)
{
    uint32_t owners = 0;
    indicators_literal_gate_owners(gate, path, strlen(path), add_owner, &owners);
    return owners;
}

static void test_indicators__gate_names_the_patterns_a_path_may_match(void **state)
{
    (void)state;
    const char *literals[] = {"mimikatz", "psexe", "tmp"};
    const uint32_t owners[] = {1, 2, 3};
    const char *suffixes[] = {".scr"};
    const uint32_t suffix_owners[] = {4};
    struct ob_literal_gate *gate = NULL;
    assert_int_equal(
        indicators_literal_gate_new(literals, owners, 3, suffixes, suffix_owners, 1, &gate), OB_OK);
    assert_int_equal(owners_of(gate, "/x/photo.SCR"), 1u << 4);
    assert_int_equal(owners_of(gate, "/x/scr.txt"), 0);
    assert_int_equal(owners_of(gate, "/a/MimiKatz.exe"), 1u << 1);
    assert_int_equal(owners_of(gate, "/tmp/psexesvc.scr"), (1u << 2) | (1u << 3) | (1u << 4));
    assert_int_equal(owners_of(gate, "/usr/bin/ls"), 0);
    assert_int_equal(owners_of(gate, "tm"), 0);
    indicators_literal_gate_free(gate);
    /* A pattern with no text, or one too short to index, meets every path. */
    const char *with_empty[] = {"abc", "", "ab"};
    assert_int_equal(indicators_literal_gate_new(with_empty, NULL, 3, NULL, NULL, 0, &gate), OB_OK);
    assert_int_equal(owners_of(gate, "/usr/bin/ls"), (1u << 1) | (1u << 2));
    assert_int_equal(owners_of(gate, "/x/ABC"), 7);
    indicators_literal_gate_free(gate);
}

/* Writes a path that the Python-style `regex` is likely to match: the first
 * choice of every class and alternative, one of every repeat. */
static void sample_path(const char *regex, char *out, size_t size)
{
    size_t o = 0, i = 0, n = strlen(regex);
    if (strncmp(regex, "(?i)", 4) == 0)
        i = 4;
    int skip_depth = -1, depth = 0;
    char last = 'a';
    o += (size_t)snprintf(out, size, "/mnt/win/");
    while (i < n && o + 8 < size) {
        char c = regex[i];
        if (c == '(') {
            depth++;
            i += (i + 2 < n && regex[i + 1] == '?' && regex[i + 2] == ':') ? 3 : 1;
            continue;
        }
        if (c == ')') {
            if (skip_depth == depth)
                skip_depth = -1;
            depth--;
            i++;
            continue;
        }
        if (c == '|') { /* keep the first alternative, skip to the group's end */
            if (skip_depth < 0)
                skip_depth = depth;
            i++;
            continue;
        }
        if (skip_depth >= 0 && depth >= skip_depth) {
            i += c == '\\' ? 2 : 1;
            if (c == '[')
                while (i < n && regex[i] != ']')
                    i += regex[i] == '\\' ? 2 : 1;
            continue;
        }
        if (c == '^' || c == '$' || c == '?' || c == '*' || c == '+') {
            i++;
            continue;
        }
        if (c == '{') {
            int times = atoi(regex + i + 1);
            for (int t = 1; t < times && o + 8 < size; t++)
                out[o++] = last;
            while (i < n && regex[i] != '}')
                i++;
            i++;
            continue;
        }
        if (c == '[') {
            i++;
            bool negated = i < n && regex[i] == '^';
            char pick = 'a';
            if (!negated) {
                pick = regex[i] == '\\' ? regex[i + 1] : regex[i];
                if (pick == '\\')
                    pick = '/';
                if (pick == 'd')
                    pick = '1';
            }
            while (i < n && regex[i] != ']')
                i += regex[i] == '\\' ? 2 : 1;
            i++;
            out[o++] = last = pick;
            continue;
        }
        if (c == '\\') {
            char e = i + 1 < n ? regex[i + 1] : 'a';
            i += 2;
            char put = e == '\\' ? '/' : e == 'd' ? '1' : e == 'w' ? 'a' : e == 's' ? ' ' : e;
            out[o++] = last = put;
            continue;
        }
        out[o++] = last = c == '.' ? 'a' : c;
        i++;
    }
    out[o] = '\0';
}

/* The gate must never hide a match: over a path made to match each real
 * signature-base pattern, gated and ungated matching give the same hits. */
static void test_indicators__gate_changes_no_result_on_signature_base(void **state)
{
    const char *root = getenv("OB_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/../shared/data/signature-base/iocs", root ? root : ".");
    struct stat st;
    if (stat(dir, &st) != 0) {
        print_message("skip: %s is absent\n", dir);
        skip();
    }
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    assert_int_equal(ob_indicators_load_dir(set, ctx, dir), OB_OK);
    assert_int_equal(ob_indicators_finalize(set, ctx), OB_OK);
    struct ob_filename_matcher *gated = NULL, *plain = NULL;
    assert_int_equal(ob_filename_matcher_new(set, &gated), OB_OK);
    assert_int_equal(ob_filename_matcher_new(set, &plain), OB_OK);
    indicators_filename_matcher_use_gate(plain, false);
    size_t self_matches = 0, paths = 0;
    for (size_t i = 0; i < set->pattern_count; i++) {
        char path[1024];
        sample_path(set->patterns[i].ref.name, path, sizeof(path));
        struct hits a = match(gated, path), b = match(plain, path);
        paths++;
        if (a.count != b.count)
            fail_msg("gate changed the hits for '%s' (pattern '%s'): %zu vs %zu", path,
                     set->patterns[i].ref.name, a.count, b.count);
        self_matches += hit_named(&b, set->patterns[i].ref.name);
    }
    print_message("gate: %zu sample paths, %zu matched their own pattern, hits identical\n", paths,
                  self_matches);
    /* The samples are meaningful only if most really match. */
    assert_true(self_matches * 10 > paths * 7);
    ob_filename_matcher_free(gated);
    ob_filename_matcher_free(plain);
    ob_indicators_free(set);
    ob_context_free(ctx);
}

/* ---- the linear matcher against YARA ------------------------------------ */

/* The lines of `path` YARA's rules matched, as a set of line numbers. */
struct yara_lines {
    unsigned char *hit; /* per line of the list */
    size_t lines;
};

static int on_yara_rule(YR_SCAN_CONTEXT *context, int message, void *data, void *user)
{
    (void)context;
    if (message == CALLBACK_MSG_RULE_MATCHING) {
        struct yara_lines *lines = user;
        size_t line = strtoul(((YR_RULE *)data)->identifier + 1, NULL, 10);
        if (line < lines->lines)
            lines->hit[line] = 1;
    }
    return CALLBACK_CONTINUE;
}

struct compile_errors {
    size_t line;
};

static void on_compile_error(int level, const char *file, int line, const YR_RULE *rule,
                             const char *message, void *user)
{
    (void)file;
    (void)rule;
    (void)message;
    struct compile_errors *errors = user;
    if (level == YARA_ERROR_LEVEL_ERROR && errors->line == 0)
        errors->line = (size_t)line;
}

/* Compiles `source` (one rule per line), emptying each line YARA refuses;
 * *dropped counts them. */
static YR_RULES *compile_dropping(char *source, size_t *dropped)
{
    for (;;) {
        YR_COMPILER *compiler = NULL;
        assert_int_equal(yr_compiler_create(&compiler), ERROR_SUCCESS);
        struct compile_errors errors = {0};
        yr_compiler_set_callback(compiler, on_compile_error, &errors);
        if (yr_compiler_add_string(compiler, source, NULL) == 0) {
            YR_RULES *rules = NULL;
            assert_int_equal(yr_compiler_get_rules(compiler, &rules), ERROR_SUCCESS);
            yr_compiler_destroy(compiler);
            return rules;
        }
        yr_compiler_destroy(compiler);
        assert_true(errors.line > 0);
        char *at = source;
        for (size_t l = 1; l < errors.line; l++)
            at = strchr(at, '\n') + 1;
        while (*at != '\n' && *at != '\0')
            *at++ = ' ';
        ++*dropped;
    }
}

/* The paths each matcher is asked about: a sample made for every pattern,
 * the same below a drive letter, and the files of web-samples. */
static void add_text(struct ob_buffer *texts, size_t *count, const char *text)
{
    assert_int_equal(core_buffer_append(texts, text, strlen(text) + 1), OB_OK);
    ++*count;
}

static void add_tree(struct ob_buffer *texts, size_t *count, const char *dir, size_t depth)
{
    DIR *folder = opendir(dir);
    if (folder == NULL || depth > 12)
        goto out;
    struct dirent *entry;
    while ((entry = readdir(folder)) != NULL && *count < 60000) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
        add_text(texts, count, path);
        if (entry->d_type == DT_DIR)
            add_tree(texts, count, path, depth + 1);
    }
out:
    if (folder != NULL)
        closedir(folder);
}

/* Every (pattern, path) pair of signature-base's file-name list that YARA
 * finds through the translation the matcher used before, the linear
 * matcher finds too, and no other: over a path made to match each pattern,
 * the same path below a drive letter, and the paths of web-samples. */
static void test_indicators__linear_matcher_agrees_with_yara_on_signature_base(void **state)
{
    (void)state;
    const char *root = getenv("OB_SOURCE_DIR");
    char list[4096], web[4096];
    snprintf(list, sizeof(list), "%s/../shared/data/signature-base/iocs/filename-iocs.txt",
             root ? root : ".");
    snprintf(web, sizeof(web), "%s/../shared/data/web-samples", root ? root : ".");
    size_t size = 0;
    char *text = NULL;
    struct stat st;
    if (stat(list, &st) != 0) {
        print_message("skip: %s is absent\n", list);
        skip();
    }
    FILE *file = fopen(list, "rb");
    assert_non_null(file);
    text = malloc((size_t)st.st_size + 1);
    assert_non_null(text);
    size = fread(text, 1, (size_t)st.st_size, file);
    fclose(file);
    text[size] = '\0';

    /* The matcher under test. */
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    assert_int_equal(ob_indicators_parse_filenames(set, ctx, "names", text, size), OB_OK);
    assert_int_equal(ob_indicators_finalize(set, ctx), OB_OK);
    struct ob_filename_matcher *matcher = NULL;
    assert_int_equal(ob_filename_matcher_new(set, &matcher), OB_OK);

    /* YARA: each pattern as a rule named after its line, translated as the
     * matcher did before (a drive-rooted one with the drive's shape). */
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += text[i] == '\n';
    struct ob_buffer source, yara;
    core_buffer_init(&source, (size_t)64 << 20);
    core_buffer_init(&yara, (size_t)1 << 20);
    char *line = text;
    for (size_t number = 1; line != NULL && *line != '\0'; number++) {
        char *end = strchr(line, '\n');
        if (end != NULL)
            *end = '\0';
        char *cut = line[0] == '#' ? NULL : strchr(line, ';');
        char *exclude = cut != NULL ? strchr(cut + 1, ';') : NULL;
        struct ob_filename_regex parsed = {0}, parsed_exclude = {0};
        struct ob_regex_error error;
        bool usable = cut != NULL && indicators_filename_regex_parse(line, (size_t)(cut - line),
                                                                     &parsed, &error) == OB_OK;
        if (usable) {
            core_buffer_reset(&yara, (size_t)1 << 20);
            assert_int_equal(indicators_regex_has_drive_root(&parsed)
                                 ? indicators_regex_translate_drive(&parsed, &yara)
                                 : indicators_regex_translate(&parsed, &yara),
                             OB_OK);
            assert_int_equal(core_buffer_printf(&source, "rule l%zu{strings:$r=%s", number,
                                                core_buffer_str(&yara)),
                             OB_OK);
            if (exclude != NULL && exclude[1] != '\0' &&
                indicators_filename_regex_parse(exclude + 1, strlen(exclude + 1), &parsed_exclude,
                                                &error) == OB_OK) {
                core_buffer_reset(&yara, (size_t)1 << 20);
                assert_int_equal(indicators_regex_translate(&parsed_exclude, &yara), OB_OK);
                assert_int_equal(core_buffer_printf(&source, " $p=%s condition:$r and not $p}",
                                                    core_buffer_str(&yara)),
                                 OB_OK);
                indicators_filename_regex_release(&parsed_exclude);
            } else {
                assert_int_equal(core_buffer_append_str(&source, " condition:$r}"), OB_OK);
            }
        }
        indicators_filename_regex_release(&parsed);
        assert_int_equal(core_buffer_append_str(&source, "\n"), OB_OK);
        line = end != NULL ? end + 1 : NULL;
    }
    assert_int_equal(yr_initialize(), ERROR_SUCCESS);
    size_t dropped = 0;
    YR_RULES *rules = compile_dropping((char *)source.data, &dropped);

    struct ob_buffer texts;
    core_buffer_init(&texts, (size_t)64 << 20);
    size_t text_count = 0;
    for (size_t i = 0; i < set->pattern_count; i++) {
        char path[1024], below[1100];
        sample_path(set->patterns[i].ref.name, path, sizeof(path));
        add_text(&texts, &text_count, path);
        snprintf(below, sizeof(below), "C:%s", path + strlen("/mnt/win"));
        add_text(&texts, &text_count, below);
        for (char *c = below; *c != '\0'; c++)
            *c = *c == '/' ? '\\' : *c;
        add_text(&texts, &text_count, below);
    }
    if (stat(web, &st) == 0)
        add_tree(&texts, &text_count, web, 0);
    else
        print_message("note: %s is absent, only sample paths\n", web);

    struct yara_lines expected = {.hit = calloc(lines + 1, 1), .lines = lines + 1};
    unsigned char *got = calloc(lines + 1, 1);
    assert_non_null(expected.hit);
    assert_non_null(got);
    size_t pairs = 0, differences = 0;
    const char *path = (const char *)texts.data;
    for (size_t t = 0; t < text_count; t++, path += strlen(path) + 1) {
        memset(expected.hit, 0, lines + 1);
        memset(got, 0, lines + 1);
        assert_int_equal(yr_rules_scan_mem(rules, (const uint8_t *)path, strlen(path),
                                           SCAN_FLAGS_NO_TRYCATCH, on_yara_rule, &expected, 0),
                         ERROR_SUCCESS);
        struct hits hits = {0};
        assert_int_equal(ob_filename_matcher_match(matcher, path, strlen(path), collect_hit, &hits),
                         OB_OK);
        assert_true(hits.count <= MAX_HITS);
        for (size_t h = 0; h < hits.count; h++)
            got[strtoul(strrchr(hits.refs[h]->source, ':') + 1, NULL, 10)] = 1;
        for (size_t l = 0; l <= lines; l++) {
            pairs += expected.hit[l];
            if (expected.hit[l] != got[l] && differences++ < 20)
                print_message("line %zu, '%s': YARA %s, linear matcher %s\n", l, path,
                              expected.hit[l] ? "matches" : "does not",
                              got[l] ? "matches" : "does not");
        }
    }
    print_message("%zu paths, %zu patterns (%zu refused by YARA), %zu pairs found by YARA, "
                  "%zu differences\n",
                  text_count, set->pattern_count, dropped, pairs, differences);
    assert_int_equal(differences, 0);
    assert_true(pairs > set->pattern_count); /* the samples do match */
    free(expected.hit);
    free(got);
    core_buffer_release(&texts);
    yr_rules_destroy(rules);
    yr_finalize();
    core_buffer_release(&source);
    core_buffer_release(&yara);
    ob_filename_matcher_free(matcher);
    ob_indicators_free(set);
    ob_context_free(ctx);
    free(text);
}

/* ---- YARA time limit ------------------------------------------------------ */

static void write_text(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

static void count_quick_hits(void *user, const struct ob_indicator_ref *hit)
{
    if (strcmp(hit->name, "quick") == 0)
        ++*(size_t *)user;
}

/* How often the rule "quick" fires when the rule files `paths` scan 4 KiB
 * within `timeout` seconds (0: no limit); the scan must end with `expected`. */
static size_t quick_hits_within(struct ob_context *ctx, const char *const *paths, size_t count,
                                int timeout, enum ob_status expected)
{
    struct ob_rules *rules = NULL;
    assert_int_equal(ob_rules_new(&rules), OB_OK);
    for (size_t i = 0; i < count; i++)
        assert_int_equal(ob_rules_add_path(rules, ctx, paths[i]), OB_OK);
    assert_int_equal(ob_rules_compile(rules, ctx, true), OB_OK);
    unsigned char data[4096];
    memset(data, 'a', sizeof(data));
    struct ob_yara_externals externals = {"a.bin", "/tmp", "bin", "data", "root"};
    struct ob_rule_scanner *scanner = NULL;
    assert_int_equal(ob_rule_scanner_new(rules, timeout, NULL, &scanner), OB_OK);
    size_t hits = 0;
    assert_int_equal(ob_rule_scanner_scan(scanner, data, sizeof(data), &externals, NULL,
                                          count_quick_hits, &hits),
                     expected);
    ob_rule_scanner_free(scanner);
    ob_rules_free(rules);
    return hits;
}

/* The time limit is for the whole file: when the rule sources use it up,
 * a set of precompiled rules after them is not given a limit of its own. */
static void test_indicators__yara_time_limit_is_per_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/ob-timeout-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char slow[600], quick[600];
    snprintf(slow, sizeof(slow), "%s/slow.yar", dir);
    snprintf(quick, sizeof(quick), "%s/quick.yarc", dir);
    /* About 10^13 steps: never finishes within the limit. */
    write_text(slow, "rule slow { condition: for all i in (0..filesize) : "
                     "(for all j in (0..10000000000) : (uint8(i) + j >= 0)) }\n");
    /* The quick rule as precompiled rules, made with libyara as yarac does. */
    assert_int_equal(yr_initialize(), ERROR_SUCCESS);
    YR_COMPILER *compiler = NULL;
    assert_int_equal(yr_compiler_create(&compiler), ERROR_SUCCESS);
    assert_int_equal(yr_compiler_add_string(compiler, "rule quick { condition: true }", NULL), 0);
    YR_RULES *compiled = NULL;
    assert_int_equal(yr_compiler_get_rules(compiler, &compiled), ERROR_SUCCESS);
    assert_int_equal(yr_rules_save(compiled, quick), ERROR_SUCCESS);
    yr_rules_destroy(compiled);
    yr_compiler_destroy(compiler);

    struct ob_context *ctx = ob_context_new(NULL, NULL);
    /* Without a limit the quick rule is found (the slow one is left out
     * here, or this would never end): the compiled set is read and runs. */
    const char *quick_only[] = {quick};
    assert_int_equal(quick_hits_within(ctx, quick_only, 1, 0, OB_OK), 1);
    const char *both[] = {slow, quick};
    assert_int_equal(quick_hits_within(ctx, both, 2, 1, OB_ERR_LIMIT), 0);
    ob_context_free(ctx);
    yr_finalize();
    unlink(slow);
    unlink(quick);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_indicators__hashes_parse_two_and_three_fields),
        cmocka_unit_test(test_indicators__yara_time_limit_is_per_file),
        cmocka_unit_test(test_indicators__linear_matcher_agrees_with_yara_on_signature_base),
        cmocka_unit_test(test_indicators__hashes_malformed_lines_counted_and_logged),
        cmocka_unit_test(test_indicators__hash_lookup_hit_and_miss),
        cmocka_unit_test(test_indicators__hash_duplicates_keep_highest_score),
        cmocka_unit_test(test_indicators__false_positive_hashes_are_separate),
        cmocka_unit_test(test_indicators__filenames_windows_separators_match_linux_paths),
        cmocka_unit_test(test_indicators__filenames_drive_letter_matches_any_mount),
        cmocka_unit_test(test_indicators__filenames_drive_root_only_at_a_drive_root),
        cmocka_unit_test(test_indicators__filenames_nocase_flag),
        cmocka_unit_test(test_indicators__filenames_without_required_text_pass_the_gate),
        cmocka_unit_test(test_indicators__filenames_false_positive_regex_suppresses),
        cmocka_unit_test(test_indicators__filenames_description_from_preceding_comment),
        cmocka_unit_test(test_indicators__filenames_unsupported_regex_skipped),
        cmocka_unit_test(test_indicators__filenames_rejected_by_yara_reported_with_line),
        cmocka_unit_test(test_indicators__filenames_many_yara_rejects_found_in_chunks),
        cmocka_unit_test(test_indicators__filenames_empty_set_matches_nothing),
        cmocka_unit_test(test_indicators__translate_separators_and_escapes),
        cmocka_unit_test(test_indicators__translate_drive_letters_and_flags),
        cmocka_unit_test(test_indicators__translate_drive_roots_keep_their_shape),
        cmocka_unit_test(test_indicators__translate_rejects_unsupported),
        cmocka_unit_test(test_indicators__list_read_hands_out_entries),
        cmocka_unit_test(test_indicators__list_read_stops_at_callback_failure),
        cmocka_unit_test(test_indicators__c2_entries_counted),
        cmocka_unit_test(test_indicators__load_dir_classifies_files),
        cmocka_unit_test(test_indicators__load_dir_counted_says_what_each_folder_brought),
        cmocka_unit_test(test_indicators__load_dir_signature_base),
        cmocka_unit_test(test_indicators__gate_literals_of_tricky_patterns),
        cmocka_unit_test(test_indicators__gate_suffixes_of_anchored_patterns),
        cmocka_unit_test(test_indicators__gate_names_the_patterns_a_path_may_match),
        cmocka_unit_test(test_indicators__gate_changes_no_result_on_signature_base),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
