/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the scan state (src/scan/state.c): when a record may stand
 * in for reading a file, and the rules' identity it is kept under. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "oberig/indicators.h"
#include "oberig/scan.h"
#include "scan/filetype.h"
#include "scan/state.h"

struct fixture {
    char folder[64], path[96];
    struct ob_scan_options options;
};

static int set_up(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    snprintf(f->folder, sizeof(f->folder), "/tmp/oberig-state-XXXXXX");
    if (f == NULL || mkdtemp(f->folder) == NULL)
        return -1;
    snprintf(f->path, sizeof(f->path), "%s/scan.state", f->folder);
    ob_scan_options_init(&f->options);
    *state = f;
    return 0;
}

static int tear_down(void **state)
{
    struct fixture *f = *state;
    char command[160];
    snprintf(command, sizeof(command), "rm -rf '%s'", f->folder);
    int ignored = system(command);
    (void)ignored;
    free(f);
    return 0;
}

static struct scan_state *open_state(struct fixture *f)
{
    struct scan_state_setup setup = {.path = f->path, .options = &f->options};
    struct scan_state *opened = NULL;
    char notice[512];
    scan_state_open(&setup, &opened, notice, sizeof(notice));
    assert_non_null(opened);
    assert_string_equal(notice, "");
    return opened;
}

/* A stat as the walk gives it, an hour old, with fractions of seconds. */
static struct stat old_stat(void)
{
    struct stat st;
    memset(&st, 0, sizeof(st));
    st.st_dev = 2049;
    st.st_ino = 1234;
    st.st_size = 42;
    st.st_uid = 1000;
    st.st_mode = S_IFREG | 0644;
    st.st_mtim.tv_sec = time(NULL) - 3600;
    st.st_mtim.tv_nsec = 123456789;
    st.st_ctim = st.st_mtim;
    return st;
}

/* The name reason the records below hold. */
static const struct ob_reason disguise = {.signal = OB_SIGNAL_DOUBLE_EXTENSION,
                                          .name = ".exe",
                                          .source = "file name check",
                                          .description = "a disguise",
                                          .score = 50};

/* Records a clean text file at `path` with one name reason. */
static void store(struct scan_state *opened, const char *path, const struct stat *st,
                  unsigned archive_kind)
{
    struct scan_state_facts facts;
    scan_state_facts_init(&facts);
    scan_state_facts_stat(&facts, st);
    facts.flags = SCAN_STATE_COMPLETE | SCAN_STATE_WIPER;
    facts.archive_kind = archive_kind;
    snprintf(facts.type, sizeof(facts.type), "ASCII text");
    snprintf(facts.owner, sizeof(facts.owner), "olena");
    scan_state_keep_reasons(&facts, SCAN_STATE_NAME, &disguise, 1);
    scan_state_store(opened, path, &facts);
    scan_state_facts_release(&facts);
}

struct seen {
    int count;
    char name[32];
    int score;
};

static void on_reason(void *user, enum ob_signal signal, const struct ob_indicator_ref *reason)
{
    struct seen *seen = user;
    seen->count++;
    snprintf(seen->name, sizeof(seen->name), "%s", reason->name);
    seen->score = reason->score;
    assert_int_equal(signal, OB_SIGNAL_DOUBLE_EXTENSION);
}

/* A record comes back, after closing and opening again, for the same
 * stat, with its reasons; and not for another path. */
static void test_state__record_survives_reopening(void **state)
{
    struct fixture *f = *state;
    struct stat st = old_stat();
    struct scan_state *opened = open_state(f);
    store(opened, "/disk/a.pdf.exe", &st, OB_ARCHIVE_NONE);
    scan_state_close(opened, false);
    struct stat mode;
    assert_int_equal(stat(f->path, &mode), 0);
    assert_int_equal(mode.st_mode & 0777, 0600);

    opened = open_state(f);
    struct scan_state_facts *facts = scan_state_lookup(opened, "/disk/a.pdf.exe", &st, 5);
    assert_non_null(facts);
    assert_string_equal(facts->type, "ASCII text");
    struct seen seen = {0};
    scan_state_replay_reasons(facts, SCAN_STATE_NAME, on_reason, &seen);
    assert_int_equal(seen.count, 1);
    assert_string_equal(seen.name, ".exe");
    assert_int_equal(seen.score, 50);
    scan_state_facts_free(facts);
    assert_null(scan_state_lookup(opened, "/disk/other", &st, 5));
    scan_state_close(opened, false);
}

/* Any change of the stat, a change near the recording scan's start, and
 * whole-second time stamps each mean the file is read again. */
static void test_state__changed_or_racy_file_is_read_again(void **state)
{
    struct fixture *f = *state;
    struct scan_state *opened = open_state(f);
    struct stat st = old_stat();
    store(opened, "/disk/old", &st, OB_ARCHIVE_NONE);
    struct stat changed = st;
    changed.st_ctim.tv_nsec++;
    assert_null(scan_state_lookup(opened, "/disk/old", &changed, 5));
    changed = st;
    changed.st_size++;
    assert_null(scan_state_lookup(opened, "/disk/old", &changed, 5));
    changed = st;
    changed.st_ino++;
    assert_null(scan_state_lookup(opened, "/disk/old", &changed, 5));

    struct stat racy = st;
    racy.st_ctim.tv_sec = scan_state_started(opened) - 1; /* within the second before */
    store(opened, "/disk/racy", &racy, OB_ARCHIVE_NONE);
    assert_null(scan_state_lookup(opened, "/disk/racy", &racy, 5));

    struct stat coarse = st;
    coarse.st_mtim.tv_nsec = coarse.st_ctim.tv_nsec = 0;
    store(opened, "/disk/coarse", &coarse, OB_ARCHIVE_NONE);
    assert_null(scan_state_lookup(opened, "/disk/coarse", &coarse, 5));

    struct scan_state_facts *facts = scan_state_lookup(opened, "/disk/old", &st, 5);
    assert_non_null(facts);
    scan_state_facts_free(facts);
    scan_state_close(opened, false);
}

/* Records an archive at `path`: with `members`, its archive part (a member
 * with a name reason, then a notice about a deeper one) under the limits
 * of `options`. */
static void store_archive(struct scan_state *opened, const char *path, const struct stat *st,
                          const struct ob_scan_options *options, bool members)
{
    struct scan_state_facts facts;
    scan_state_facts_init(&facts);
    scan_state_facts_stat(&facts, st);
    facts.flags = SCAN_STATE_COMPLETE | SCAN_STATE_WIPER | (members ? SCAN_STATE_MEMBERS : 0);
    facts.archive_kind = OB_ARCHIVE_CONTAINER;
    facts.archive_view = scan_state_archive_view(options);
    snprintf(facts.type, sizeof(facts.type), "Zip archive data");
    if (members) {
        struct scan_state_facts member;
        scan_state_facts_init(&member);
        member.size = 69;
        member.flags = SCAN_STATE_COMPLETE;
        snprintf(member.label, sizeof(member.label), "EXE");
        snprintf(member.type, sizeof(member.type), "MS-DOS executable");
        memset(member.digests.md5, 0xab, sizeof(member.digests.md5));
        scan_state_keep_reasons(&member, SCAN_STATE_NAME, &disguise, 1);
        scan_state_log_member(&facts, "docs/invoice.pdf.exe", 1, &member);
        scan_state_facts_release(&member);
        scan_state_log_notice(&facts, "inner.zip", "archive nested deeper than the limit");
    }
    scan_state_store(opened, path, &facts);
    scan_state_facts_release(&facts);
}

struct events {
    char order[8];
    struct seen reasons;
    char member[64], label[32];
    unsigned depth;
    uint64_t size;
    unsigned char md5_first;
};

static bool on_member_event(void *user, const char *member, unsigned depth,
                            const struct scan_state_facts *facts)
{
    struct events *events = user;
    strncat(events->order, "m", sizeof(events->order) - strlen(events->order) - 1);
    snprintf(events->member, sizeof(events->member), "%s", member);
    snprintf(events->label, sizeof(events->label), "%s", facts->label);
    events->depth = depth;
    events->size = facts->size;
    events->md5_first = facts->digests.md5[0];
    scan_state_replay_reasons(facts, SCAN_STATE_NAME, on_reason, &events->reasons);
    return true;
}

static void on_notice_event(void *user, const char *member, const char *message)
{
    struct events *events = user;
    strncat(events->order, "n", sizeof(events->order) - strlen(events->order) - 1);
    assert_string_equal(member, "inner.zip");
    assert_string_equal(message, "archive nested deeper than the limit");
}

/* An archive's record serves only with its members recorded, under the
 * same archive limits; its events come back in order with their facts.
 * Without archives, any record of it serves. */
static void test_state__archive_members_serve_under_the_same_limits(void **state)
{
    struct fixture *f = *state;
    struct stat st = old_stat();
    struct scan_state *opened = open_state(f);
    store_archive(opened, "/disk/a.zip", &st, &f->options, false);
    store_archive(opened, "/disk/b.zip", &st, &f->options, true);
    assert_null(scan_state_lookup(opened, "/disk/a.zip", &st, 5));
    struct scan_state_facts *facts = scan_state_lookup(opened, "/disk/b.zip", &st, 5);
    assert_non_null(facts);
    struct events events = {0};
    struct scan_state_events to = {.member = on_member_event,
                                   .notice = on_notice_event,
                                   .user = &events};
    assert_true(scan_state_each_event(facts, &to));
    assert_string_equal(events.order, "mn");
    assert_string_equal(events.member, "docs/invoice.pdf.exe");
    assert_string_equal(events.label, "EXE");
    assert_int_equal(events.depth, 1);
    assert_int_equal(events.size, 69);
    assert_int_equal(events.md5_first, 0xab);
    assert_int_equal(events.reasons.count, 1);
    assert_string_equal(events.reasons.name, ".exe");
    scan_state_facts_free(facts);
    scan_state_close(opened, false);

    f->options.archive_max_depth++;
    opened = open_state(f);
    assert_null(scan_state_lookup(opened, "/disk/b.zip", &st, 5));
    scan_state_close(opened, false);
    f->options.scan_archives = false;
    opened = open_state(f);
    facts = scan_state_lookup(opened, "/disk/a.zip", &st, 5);
    assert_non_null(facts);
    scan_state_facts_free(facts);
    scan_state_close(opened, false);
}

/* A record the wiper checks did not run for does not serve a scan that
 * runs them; with --full no record serves. */
static void test_state__missing_checks_and_full_read_again(void **state)
{
    struct fixture *f = *state;
    struct stat st = old_stat();
    struct scan_state *opened = open_state(f);
    struct scan_state_facts facts;
    scan_state_facts_init(&facts);
    scan_state_facts_stat(&facts, &st);
    facts.flags = SCAN_STATE_COMPLETE; /* no SCAN_STATE_WIPER */
    snprintf(facts.type, sizeof(facts.type), "data");
    scan_state_store(opened, "/disk/w", &facts);
    scan_state_facts_release(&facts);
    assert_null(scan_state_lookup(opened, "/disk/w", &st, 5));
    store(opened, "/disk/good", &st, OB_ARCHIVE_NONE);
    scan_state_close(opened, false);

    struct scan_state_setup setup = {.path = f->path, .full = true, .options = &f->options};
    char notice[512];
    scan_state_open(&setup, &opened, notice, sizeof(notice));
    assert_non_null(opened);
    assert_null(scan_state_lookup(opened, "/disk/good", &st, 5));
    scan_state_close(opened, false);
}

/* A foreign file is refused and left as it was. */
static void test_state__foreign_file_is_left_alone(void **state)
{
    struct fixture *f = *state;
    FILE *file = fopen(f->path, "w");
    assert_non_null(file);
    fputs("SQLite format 3 but not really; notes\n", file);
    fclose(file);
    struct scan_state_setup setup = {.path = f->path, .options = &f->options};
    struct scan_state *opened = NULL;
    char notice[512];
    scan_state_open(&setup, &opened, notice, sizeof(notice));
    assert_null(opened);
    assert_non_null(strstr(notice, "not a scan state file"));
    char text[64] = "";
    file = fopen(f->path, "r");
    assert_non_null(fgets(text, sizeof(text), file));
    fclose(file);
    assert_string_equal(text, "SQLite format 3 but not really; notes\n");
}

/* Writes `text` as a rule file and says whether its identity is known:
 * read from the files, or (with `cached`) from the compiled-rules cache's
 * key, as a second start that takes the rules from the cache finds it. */
static bool identity_known_as(struct fixture *f, const char *text, unsigned char *digest,
                              bool cached)
{
    char rule_path[128];
    snprintf(rule_path, sizeof(rule_path), "%s/r.yar", f->folder);
    FILE *file = fopen(rule_path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
    char cache[128];
    snprintf(cache, sizeof(cache), "%s/cache", f->folder);
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    bool known = false;
    for (int start = 0; start < (cached ? 2 : 1); start++) {
        struct ob_rules *rules = NULL;
        assert_int_equal(ob_rules_new(&rules), OB_OK);
        if (cached)
            assert_int_equal(ob_rules_set_cache(rules, cache), OB_OK);
        assert_int_equal(ob_rules_add_path(rules, ctx, rule_path), OB_OK);
        assert_int_equal(ob_rules_compile(rules, ctx, false), OB_OK);
        unsigned char now[32];
        bool known_now = ob_rules_identity(rules, now);
        /* the start that compiled and the one that loaded agree */
        if (start > 0) {
            assert_int_equal(known_now, known);
            if (known)
                assert_memory_equal(now, digest, sizeof(now));
        }
        known = known_now;
        memcpy(digest, now, sizeof(now));
        ob_rules_free(rules);
    }
    ob_context_free(ctx);
    return known;
}

static bool identity_known(struct fixture *f, const char *text, unsigned char *digest)
{
    unsigned char cached[32];
    bool known = identity_known_as(f, text, digest, false);
    assert_int_equal(identity_known_as(f, text, cached, true), known);
    return known;
}

/* The word "include" in texts, comments and regexes leaves the identity
 * known; an include directive (whose file it does not cover) does not;
 * a change of the text changes it. */
static void test_state__rules_identity_sees_includes_only(void **state)
{
    struct fixture *f = *state;
    unsigned char a[32], b[32];
    assert_true(identity_known(f,
                               "// include \"x\" is how\n"
                               "rule r { strings: $a = \"include \\\"remote.inc\\\";\" $b = "
                               "\"#include \" $c = /include \"x/ condition: any of them }\n",
                               a));
    assert_true(identity_known(f,
                               "// include \"x\" is how\n"
                               "rule r { strings: $a = \"include \\\"remote.inc\\\";\" $b = "
                               "\"#include \" $c = /include \"y/ condition: any of them }\n",
                               b));
    assert_memory_not_equal(a, b, sizeof(a));
    /* The same from the cache's key. */
    assert_true(identity_known_as(f, "rule r { strings: $a = \"x\" condition: $a }\n", a, true));
    assert_true(identity_known_as(f, "rule r { strings: $a = \"y\" condition: $a }\n", b, true));
    assert_memory_not_equal(a, b, sizeof(a));
    char included[160];
    snprintf(included, sizeof(included), "%s/other.yar", f->folder);
    FILE *file = fopen(included, "w");
    assert_non_null(file);
    fputs("rule o { condition: true }\n", file);
    fclose(file);
    char text[256];
    snprintf(text, sizeof(text), "rule r { condition: true } /* a */ include /* b */ \"%s\"\n",
             included);
    assert_false(identity_known(f, text, a));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_state__record_survives_reopening, set_up, tear_down),
        cmocka_unit_test_setup_teardown(test_state__changed_or_racy_file_is_read_again, set_up,
                                        tear_down),
        cmocka_unit_test_setup_teardown(test_state__archive_members_serve_under_the_same_limits,
                                        set_up, tear_down),
        cmocka_unit_test_setup_teardown(test_state__missing_checks_and_full_read_again, set_up,
                                        tear_down),
        cmocka_unit_test_setup_teardown(test_state__foreign_file_is_left_alone, set_up, tear_down),
        cmocka_unit_test_setup_teardown(test_state__rules_identity_sees_includes_only, set_up,
                                        tear_down),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
