/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of rule source specialised for content that does not start
 * with "MZ": which rules are left out, which condition parts are written
 * as their value, what is never touched; then, through the public API,
 * that scanning gives the matches YARA gives for such content and for a
 * Windows program, compiled and from the cache. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "core/buffer.h"
#include "indicators/rules_specialize.h"
#include "oberig/indicators.h"

/* A stand-in for libyara: each condition asked about is recorded, and
 * answered by the first rule of `answers` whose text it contains. */
struct probe {
    const char *answers[8][2]; /* {text contained, "1" / "0" / "-1"} */
    char asked[16][256];
    size_t asked_count;
};

static int fake_pe_value(const char *condition, size_t length, void *user)
{
    struct probe *probe = user;
    if (probe->asked_count < 16)
        snprintf(probe->asked[probe->asked_count++], 256, "%.*s", (int)length, condition);
    char text[512];
    snprintf(text, sizeof(text), "%.*s", (int)length, condition);
    for (size_t i = 0; i < 8 && probe->answers[i][0] != NULL; i++)
        if (strstr(text, probe->answers[i][0]) != NULL)
            return atoi(probe->answers[i][1]);
    return 0;
}

struct result {
    enum ob_status status;
    struct ob_buffer out;
    struct indicators_specialize_stats stats;
};

static void specialize(const char *text, struct probe *probe, struct result *r)
{
    core_buffer_init(&r->out, 1 << 20);
    r->status = indicators_specialize_not_mz(text, strlen(text), fake_pe_value, probe, &r->out,
                                             &r->stats);
}

static const char *out_text(struct result *r)
{
    return core_buffer_str(&r->out);
}

static void test_rules_specialize__guarded_rule_left_out_and_pe_import_dropped(void **state)
{
    (void)state;
    struct probe probe = {0};
    struct result r;
    specialize("import \"pe\"\n"
               "rule win { strings: $a = \"x\" condition: uint16(0) == 0x5a4d and "
               "pe.imphash() == \"ab\" and $a }\n"
               "rule any_file { strings: $b = \"y\" condition: $b }\n",
               &probe, &r);
    assert_int_equal(r.status, OB_OK);
    assert_int_equal(r.stats.rules, 2);
    assert_int_equal(r.stats.dropped, 1);
    assert_true(r.stats.pe_import_dropped);
    assert_null(strstr(out_text(&r), "rule win"));
    assert_null(strstr(out_text(&r), "import"));
    assert_non_null(strstr(out_text(&r), "rule any_file { strings: $b = \"y\" condition: $b }"));
    /* The guard alone decides: the pe part was never evaluated. */
    assert_int_equal(probe.asked_count, 0);
    /* Line breaks are kept, so compiler messages keep their line numbers. */
    const char *any = strstr(out_text(&r), "rule any_file");
    size_t breaks = 0;
    for (const char *c = out_text(&r); c < any; c++)
        breaks += *c == '\n';
    assert_int_equal(breaks, 2);
    core_buffer_release(&r.out);
}

static void test_rules_specialize__guards_either_way_round_and_big_endian(void **state)
{
    (void)state;
    struct probe probe = {0};
    struct result r;
    specialize("rule a { condition: 0x5A4D == uint16(0) and filesize < 10 }\n"
               "rule b { condition: (uint16be(0) == 0x4d5a) and filesize < 10 }\n"
               "rule c { condition: uint16(0) == 23117 }\n"
               "rule d { condition: uint16(0) == 0x5a4e and filesize < 10 }\n"
               "rule e { condition: uint16(1) == 0x5a4d }\n",
               &probe, &r);
    assert_int_equal(r.status, OB_OK);
    assert_int_equal(r.stats.dropped, 3);
    assert_non_null(strstr(out_text(&r), "rule d"));
    assert_non_null(strstr(out_text(&r), "rule e"));
    core_buffer_release(&r.out);
}

/* A guarded part of an "or" is written as false; the strings it named stay
 * named (YARA refuses a string no condition uses), and pe goes. */
static void test_rules_specialize__guarded_disjunct_written_false_keeping_strings(void **state)
{
    (void)state;
    struct probe probe = {0};
    struct result r;
    specialize("import \"pe\"\n"
               "rule r { strings: $a = \"x\" $b = \"y\" condition: uint16(0) == 0x5a4d and "
               "pe.imphash() == \"ab\" and #b > 2 or $a }\n",
               &probe, &r);
    assert_int_equal(r.status, OB_OK);
    assert_int_equal(r.stats.dropped, 0);
    assert_int_equal(r.stats.rewritten, 1);
    assert_true(r.stats.pe_import_dropped);
    assert_non_null(strstr(out_text(&r), "condition:  (false and any of ($b))  or $a }"));
    core_buffer_release(&r.out);
}

static void test_rules_specialize__pe_only_parts_take_their_value(void **state)
{
    (void)state;
    struct probe probe = {.answers = {{"is_pe", "0"}, {"MACHINE", "1"}, {"exports", "-1"}}};
    struct result r;
    specialize("import \"pe\"\n"
               "rule gone { strings: $a = \"x\" condition: $a and pe.is_pe }\n"
               "rule kept { strings: $a = \"x\" condition: $a and pe.MACHINE_I386 == 332 }\n"
               "rule unknown { strings: $a = \"x\" condition: $a and pe.exports(\"f\") }\n",
               &probe, &r);
    assert_int_equal(r.status, OB_OK);
    assert_int_equal(r.stats.dropped, 1);
    assert_int_equal(r.stats.rewritten, 1);
    assert_null(strstr(out_text(&r), "rule gone"));
    assert_non_null(
        strstr(out_text(&r), "rule kept { strings: $a = \"x\" condition: $a and  true  }"));
    /* Not known: left as it is, so pe stays imported. */
    assert_non_null(strstr(out_text(&r), "$a and pe.exports(\"f\")"));
    assert_false(r.stats.pe_import_dropped);
    assert_non_null(strstr(out_text(&r), "import \"pe\""));
    assert_int_equal(probe.asked_count, 3);
    assert_string_equal(probe.asked[0], "pe.is_pe");
    core_buffer_release(&r.out);
}

/* "not" is only ever evaluated whole: `not pe.x > 0` asks about all of it,
 * and a "not" over strings is never entered. */
static void test_rules_specialize__not_is_evaluated_whole_or_left_alone(void **state)
{
    (void)state;
    struct probe probe = {.answers = {{"not pe.number_of_signatures", "0"}}};
    struct result r;
    specialize("import \"pe\"\n"
               "rule a { strings: $a = \"x\" condition: $a and not pe.number_of_signatures > 0 }\n"
               "rule b { strings: $a = \"x\" condition: not ($a and pe.is_dll()) }\n",
               &probe, &r);
    assert_int_equal(r.status, OB_OK);
    assert_int_equal(r.stats.dropped, 1);
    assert_int_equal(probe.asked_count, 1);
    assert_string_equal(probe.asked[0], "not pe.number_of_signatures > 0");
    assert_non_null(strstr(out_text(&r), "not ($a and pe.is_dll())"));
    core_buffer_release(&r.out);
}

static void test_rules_specialize__loops_and_whole_or_of_pe_asked_once(void **state)
{
    (void)state;
    struct probe probe = {0};
    struct result r;
    specialize("import \"pe\"\n"
               "rule a { strings: $a = \"x\" condition: $a and (pe.imphash() == \"1\" or "
               "pe.imphash() == \"2\") }\n"
               "rule b { condition: for any i in (0..pe.number_of_signatures - 1) : "
               "(pe.signatures[i].issuer contains \"x\") }\n"
               "rule c { strings: $a = \"x\" condition: for any i in (0..#a) : (@a[i] < 10) and "
               "math.entropy(0, 1) > 1 }\n",
               &probe, &r);
    assert_int_equal(r.status, OB_OK);
    assert_int_equal(r.stats.dropped, 2);
    assert_int_equal(probe.asked_count, 2);
    assert_string_equal(probe.asked[0], "(pe.imphash() == \"1\" or pe.imphash() == \"2\")");
    assert_non_null(strstr(out_text(&r), "rule c"));
    core_buffer_release(&r.out);
}

static void test_rules_specialize__string_at_an_undefined_offset(void **state)
{
    (void)state;
    struct probe probe = {.answers = {{"entry_point", "0"}}};
    struct result r;
    specialize("import \"pe\"\n"
               "rule a { strings: $a = \"x\" condition: $a at pe.entry_point or $a at 0 }\n",
               &probe, &r);
    assert_int_equal(r.status, OB_OK);
    assert_int_equal(probe.asked_count, 1);
    assert_string_equal(probe.asked[0], "(pe.entry_point) == (pe.entry_point)");
    assert_non_null(strstr(out_text(&r), "(false and any of ($a))  or $a at 0"));
    assert_true(r.stats.pe_import_dropped);
    core_buffer_release(&r.out);
}

/* A rule another rule names, and a global rule, stay: leaving them out
 * would not compile, or would free their namespace's other rules. */
static void test_rules_specialize__referenced_and_global_rules_stay(void **state)
{
    (void)state;
    struct probe probe = {0};
    struct result r;
    specialize("global rule g { condition: uint16(0) == 0x5a4d }\n"
               "private rule p { condition: uint16(0) == 0x5a4d and filesize < 9 }\n"
               "rule uses { strings: $a = \"x\" condition: $a and not p }\n"
               "rule alone { condition: uint16(0) == 0x5a4d and filesize < 9 }\n",
               &probe, &r);
    assert_int_equal(r.status, OB_OK);
    assert_int_equal(r.stats.dropped, 1);
    assert_non_null(strstr(out_text(&r), "global rule g"));
    assert_non_null(strstr(out_text(&r), "private rule p"));
    assert_null(strstr(out_text(&r), "rule alone"));
    core_buffer_release(&r.out);
}

/* Braces, slashes and the word "rule" inside texts, regular expressions,
 * hex strings and comments do not confuse it. */
static void test_rules_specialize__literals_and_comments(void **state)
{
    (void)state;
    struct probe probe = {0};
    struct result r;
    specialize("/* rule fake { condition: uint16(0) == 0x5a4d } */\n"
               "rule lits : tag1 tag2 {\n"
               "  meta: note = \"} rule { \\\" //\" score = 60\n"
               "  strings:\n"
               "    $a = \"}{ /* \\\"\" ascii wide\n"
               "    $b = /a\\/b{1,3}[}]/ nocase\n"
               "    $c = { 4D 5A [2-4] ( 90 | ?? ) // a hex comment\n"
               "           00 }\n"
               "  condition: // uint16(0) == 0x5a4d and\n"
               "    any of them and filesize / 2 < 10 and $a matches /x\\/y/\n"
               "}\n"
               "rule win { condition: uint16(0) == 0x5a4d }\n",
               &probe, &r);
    assert_int_equal(r.status, OB_OK);
    assert_int_equal(r.stats.rules, 2);
    assert_int_equal(r.stats.dropped, 1);
    assert_non_null(strstr(out_text(&r), "rule lits"));
    assert_non_null(strstr(out_text(&r), "/* rule fake"));
    core_buffer_release(&r.out);
}

static void test_rules_specialize__what_it_does_not_know_is_refused(void **state)
{
    (void)state;
    static const char *const refused[] = {
        "include \"other.yar\"\nrule a { condition: true }\n",
        "rule a { condition: true } /* open",
        "rule a { strings: $a = \"open condition: $a }\n",
        "rule a { condition: true \n",
        "rule a { meta: x = 1 }\n",
        "rule { condition: true }\n",
        "rule a { condition: 'x' }\n",
        "what is this\n",
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        struct probe probe = {0};
        struct result r;
        specialize(refused[i], &probe, &r);
        if (r.status != OB_ERR_PARSE)
            fail_msg("case %zu: status %d, not OB_ERR_PARSE", i, (int)r.status);
        core_buffer_release(&r.out);
    }
}

/* ---- through the public API, against libyara ------------------------------ */

struct hits {
    char names[16][64];
    size_t count;
};

static void on_hit(void *user, const struct ob_indicator_ref *hit)
{
    struct hits *hits = user;
    if (hits->count < 16)
        snprintf(hits->names[hits->count++], 64, "%s", hit->name);
}

struct log_capture {
    size_t specialised; /* info messages about the specialised set */
};

static void capture_log(void *user, enum ob_log_level level, const char *message)
{
    struct log_capture *log = user;
    if (level == OB_LOG_INFO && strstr(message, "not Windows programs") != NULL)
        log->specialised++;
}

static void write_text(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

/* The names hit, sorted and joined by spaces. */
static void joined(struct hits *hits, char *out, size_t size)
{
    for (size_t i = 0; i < hits->count; i++)
        for (size_t j = i + 1; j < hits->count; j++)
            if (strcmp(hits->names[j], hits->names[i]) < 0) {
                char swap[64];
                memcpy(swap, hits->names[i], 64);
                memcpy(hits->names[i], hits->names[j], 64);
                memcpy(hits->names[j], swap, 64);
            }
    out[0] = '\0';
    for (size_t i = 0; i < hits->count; i++)
        snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? " " : "", hits->names[i]);
}

static void scan_both(const char *rules_dir, const char *cache_dir, struct log_capture *log,
                      bool *from_cache, char *text_hits, char *mz_hits, size_t size)
{
    struct ob_context *ctx = ob_context_new(capture_log, log);
    struct ob_rules *rules = NULL;
    assert_int_equal(ob_rules_new(&rules), OB_OK);
    assert_int_equal(ob_rules_set_cache(rules, cache_dir), OB_OK);
    assert_int_equal(ob_rules_add_path(rules, ctx, rules_dir), OB_OK);
    assert_int_equal(ob_rules_compile(rules, ctx, true), OB_OK);
    *from_cache = ob_rules_from_cache(rules);
    struct ob_rule_scanner *scanner = NULL;
    assert_int_equal(ob_rule_scanner_new(rules, 0, NULL, &scanner), OB_OK);
    struct ob_yara_externals externals = {"f", "/tmp", "", "", ""};
    static const char *const contents[] = {"PE-MARK text", "MZ PE-MARK"};
    char *outs[] = {text_hits, mz_hits};
    for (size_t c = 0; c < 2; c++) {
        struct hits hits = {0};
        assert_int_equal(ob_rule_scanner_scan(scanner, (const unsigned char *)contents[c],
                                              strlen(contents[c]), &externals, NULL, on_hit, &hits),
                         OB_OK);
        joined(&hits, outs[c], size);
    }
    ob_rule_scanner_free(scanner);
    /* Loaded from the cache, each set matched its digest. */
    assert_null(ob_rules_cache_damaged(rules));
    ob_rules_free(rules);
    ob_context_free(ctx);
}

/* The expected matches are what `yara` 4.2 itself reports for these two
 * files with the full rules (checked by hand with the yara command). */
static void test_rules_specialize__scans_match_yara_cold_and_cached(void **state)
{
    (void)state;
    char root[] = "/tmp/ob-spec-XXXXXX";
    assert_non_null(mkdtemp(root));
    char rules_dir[128], cache_dir[128], path[192];
    snprintf(rules_dir, sizeof(rules_dir), "%s/rules", root);
    snprintf(cache_dir, sizeof(cache_dir), "%s/cache", root);
    assert_int_equal(mkdir(rules_dir, 0700), 0);
    snprintf(path, sizeof(path), "%s/r.yar", rules_dir);
    write_text(path,
               "import \"pe\"\n"
               "rule mz_only { strings: $a = \"PE-MARK\" condition: uint16(0) == 0x5a4d and $a }\n"
               "rule mz_or_string {\n"
               "    strings: $a = \"PE-MARK\" $b = \"OTHER\"\n"
               "    condition: uint16(0) == 0x5a4d and pe.imphash() == \"00\" and $b or $a\n"
               "}\n"
               "rule not_pe_and_string { strings: $a = \"PE-MARK\" condition: not pe.is_pe and "
               "$a }\n"
               "rule pe_field_false { strings: $a = \"PE-MARK\" condition: $a and "
               "pe.number_of_sections == 0 }\n"
               "rule not_undefined { strings: $a = \"PE-MARK\" condition: $a and not "
               "pe.number_of_sections > 0 }\n"
               "rule at_entry { strings: $a = \"PE-MARK\" condition: $a at pe.entry_point or $a "
               "at 0 }\n"
               "rule at_entry_only { strings: $a = \"PE-MARK\" condition: $a at pe.entry_point "
               "}\n"
               "rule referenced_guarded { condition: uint16(0) == 0x5a4d }\n"
               "rule uses_ref { strings: $a = \"PE-MARK\" condition: $a and not "
               "referenced_guarded }\n");
    snprintf(path, sizeof(path), "%s/g.yar", rules_dir);
    write_text(path, "global rule g { condition: uint16(0) == 0x5a4d }\n"
                     "rule in_g { strings: $a = \"PE-MARK\" condition: $a }\n");
    static const char text_expected[] = "at_entry mz_or_string not_pe_and_string uses_ref";
    static const char mz_expected[] =
        "g in_g mz_only mz_or_string not_pe_and_string referenced_guarded";
    for (int round = 0; round < 2; round++) {
        struct log_capture log = {0};
        bool from_cache = false;
        char text_hits[512], mz_hits[512];
        scan_both(rules_dir, cache_dir, &log, &from_cache, text_hits, mz_hits, sizeof(text_hits));
        assert_int_equal(from_cache, round == 1);
        /* Compiled, the specialised set was made (and said so). */
        assert_int_equal(log.specialised, round == 0 ? 1 : 0);
        assert_string_equal(text_hits, text_expected);
        assert_string_equal(mz_hits, mz_expected);
    }
    char command[160];
    snprintf(command, sizeof(command), "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_specialize__guarded_rule_left_out_and_pe_import_dropped),
        cmocka_unit_test(test_rules_specialize__guards_either_way_round_and_big_endian),
        cmocka_unit_test(test_rules_specialize__guarded_disjunct_written_false_keeping_strings),
        cmocka_unit_test(test_rules_specialize__pe_only_parts_take_their_value),
        cmocka_unit_test(test_rules_specialize__not_is_evaluated_whole_or_left_alone),
        cmocka_unit_test(test_rules_specialize__loops_and_whole_or_of_pe_asked_once),
        cmocka_unit_test(test_rules_specialize__string_at_an_undefined_offset),
        cmocka_unit_test(test_rules_specialize__referenced_and_global_rules_stay),
        cmocka_unit_test(test_rules_specialize__literals_and_comments),
        cmocka_unit_test(test_rules_specialize__what_it_does_not_know_is_refused),
        cmocka_unit_test(test_rules_specialize__scans_match_yara_cold_and_cached),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
