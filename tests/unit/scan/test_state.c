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
    struct ob_reason reason = {.signal = OB_SIGNAL_DOUBLE_EXTENSION,
                               .name = ".exe",
                               .source = "file name check",
                               .description = "a disguise",
                               .score = 50};
    scan_state_keep_reasons(&facts, SCAN_STATE_NAME, &reason, 1);
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

/* An archive is read again while archives are opened. */
static void test_state__archive_is_read_again(void **state)
{
    struct fixture *f = *state;
    struct stat st = old_stat();
    struct scan_state *opened = open_state(f);
    store(opened, "/disk/a.zip", &st, OB_ARCHIVE_CONTAINER);
    assert_null(scan_state_lookup(opened, "/disk/a.zip", &st, 5));
    scan_state_close(opened, false);
    f->options.scan_archives = false;
    opened = open_state(f);
    struct scan_state_facts *facts = scan_state_lookup(opened, "/disk/a.zip", &st, 5);
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

/* Writes `text` as a rule file and says whether its identity is known. */
static bool identity_known(struct fixture *f, const char *text, unsigned char *digest)
{
    char rule_path[128];
    snprintf(rule_path, sizeof(rule_path), "%s/r.yar", f->folder);
    FILE *file = fopen(rule_path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
    struct ob_rules *rules = NULL;
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    assert_int_equal(ob_rules_new(&rules), OB_OK);
    assert_int_equal(ob_rules_add_path(rules, ctx, rule_path), OB_OK);
    assert_int_equal(ob_rules_compile(rules, ctx, false), OB_OK);
    bool known = ob_rules_identity(rules, digest);
    ob_rules_free(rules);
    ob_context_free(ctx);
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
        cmocka_unit_test_setup_teardown(test_state__archive_is_read_again, set_up, tear_down),
        cmocka_unit_test_setup_teardown(test_state__missing_checks_and_full_read_again, set_up,
                                        tear_down),
        cmocka_unit_test_setup_teardown(test_state__foreign_file_is_left_alone, set_up, tear_down),
        cmocka_unit_test_setup_teardown(test_state__rules_identity_sees_includes_only, set_up,
                                        tear_down),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
