/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the triage plan (src/triage/places.c): the places of a
 * Linux and a Windows tree, full and quick, local folder names, mail found
 * by content, nested places dropped, and paths that would leave the home. */
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

#include "oberig/triage.h"

/* A file under `root` with `text` in it, its folders made. */
static void put(const char *root, const char *inside, const char *text)
{
    char path[2048];
    snprintf(path, sizeof(path), "%s/%s", root, inside);
    for (char *slash = strchr(path + strlen(root) + 1, '/'); slash != NULL;
         slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0700);
        *slash = '/';
    }
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

static void remove_tree(const char *root)
{
    char command[1100];
    snprintf(command, sizeof(command), "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

/* The plan as "kind path-inside-root" lines, in plan order. */
static void describe(const char *root, bool quick, char *out, size_t size)
{
    struct ob_triage_plan *plan = NULL;
    assert_int_equal(ob_triage_plan_make(NULL, root, quick, &plan), OB_OK);
    size_t used = 0;
    out[0] = '\0';
    size_t skip = strlen(root);
    for (size_t i = 0; i < plan->place_count; i++) {
        const struct ob_triage_place *place = &plan->places[i];
        assert_int_equal(strncmp(place->path, root, skip), 0);
        used += (size_t)snprintf(out + used, size - used, "%s %s\n",
                                 ob_triage_place_kind_name(place->kind), place->path + skip);
        assert_true(used < size);
    }
    ob_triage_plan_free(plan);
}

static const char mbox[] = "From - Thu May  2 08:00:00 2024\nSubject: x\n\nhello\n";

static void make_linux(char *root)
{
    assert_non_null(mkdtemp(root));
    put(root, "home/olena/Downloads/a.exe", "x");
    put(root, "home/olena/Documents/b.odt", "x");
    put(root, "home/olena/Завантаження/c.exe", "x");
    /* The desktop set to a folder outside the home is not followed. */
    put(root, "home/olena/.config/user-dirs.dirs",
        "XDG_DOWNLOAD_DIR=\"$HOME/Завантаження\"\nXDG_DESKTOP_DIR=\"$HOME/../../etc\"\n");
    put(root, "etc/passwd", "root:x:0:0\n");
    put(root, "home/olena/.mozilla/firefox/p1.default/extensions/e.xpi", "x");
    put(root, "home/olena/.config/google-chrome/Default/Extensions/abc/1/m.js", "x");
    put(root, "home/olena/.thunderbird/t.default/Mail/Local Folders/Inbox", mbox);
    put(root, "home/olena/.thunderbird/t.default/Mail/Local Folders/Inbox.msf", "// index");
    put(root, "home/olena/.thunderbird/t.default/Mail/Local Folders/Trash", "not mail");
    put(root, "home/olena/.thunderbird/t.default/Mail/Local Folders/Work.sbd/Projects", mbox);
    put(root, "home/olena/Maildir/cur/1.laptop", "Subject: y\n\n");
    put(root, "home/olena/Maildir/.Spam/cur/2.laptop", "Subject: z\n\n");
    put(root, "home/olena/Maildir/.Receipts/cur/3.laptop", "Subject: w\n\n");
    put(root, "tmp/.x/upd", "x");
    put(root, "var/tmp/v", "x");
}

static void test_places__linux_full(void **state)
{
    (void)state;
    char root[] = "/tmp/test_places_XXXXXX";
    make_linux(root);
    char got[8192];
    describe(root, false, got, sizeof(got));
    assert_string_equal(got, "user-files /home/olena/Documents\n"
                             "user-files /home/olena/Downloads\n"
                             "user-files /home/olena/Завантаження\n"
                             "temp /tmp\n"
                             "temp /var/tmp\n"
                             "browser /home/olena/.config/google-chrome\n"
                             "browser /home/olena/.mozilla/firefox\n"
                             "mail /home/olena/.thunderbird/t.default/Mail/Local Folders/Inbox\n"
                             "mail /home/olena/.thunderbird/t.default/Mail/Local "
                             "Folders/Work.sbd/Projects\n"
                             "mail /home/olena/Maildir\n"
                             "mail /home/olena/Maildir/.Receipts\n"
                             "mail /home/olena/Maildir/.Spam\n");
    struct ob_triage_plan *plan = NULL;
    assert_int_equal(ob_triage_plan_make(NULL, root, false, &plan), OB_OK);
    assert_int_equal(plan->system, OB_TRIAGE_LINUX);
    assert_false(plan->live);
    assert_false(plan->has_dpkg);
    assert_int_equal(plan->user_count, 1);
    /* A folder that is not a mounted disk: its boot record is not read. */
    assert_null(plan->boot_disk);
    assert_non_null(plan->boot_disk_reason);
    ob_triage_plan_free(plan);
    remove_tree(root);
}

static void test_places__linux_quick(void **state)
{
    (void)state;
    char root[] = "/tmp/test_places_XXXXXX";
    make_linux(root);
    char got[8192];
    describe(root, true, got, sizeof(got));
    assert_string_equal(got, "user-files /home/olena/Downloads\n"
                             "user-files /home/olena/Завантаження\n"
                             "temp /tmp\n"
                             "temp /var/tmp\n"
                             "browser /home/olena/.config/google-chrome/Default/Extensions\n"
                             "browser /home/olena/.mozilla/firefox/p1.default/extensions\n"
                             "mail /home/olena/.thunderbird/t.default/Mail/Local Folders/Inbox\n"
                             "mail /home/olena/Maildir\n"
                             "mail /home/olena/Maildir/.Spam\n");
    remove_tree(root);
}

static void make_windows(char *root)
{
    assert_non_null(mkdtemp(root));
    put(root, "Windows/System32/config/SOFTWARE", "regf");
    put(root, "Windows/Temp/t.exe", "x");
    put(root, "ProgramData/x/y.dll", "x");
    put(root, "Users/olena/Downloads/a.exe", "x");
    put(root, "Users/olena/Documents/b.docx", "x");
    put(root, "Users/olena/AppData/Roaming/upd/svc.exe", "x");
    put(root, "Users/olena/AppData/Local/Temp/t.exe", "x");
    put(root, "Users/olena/AppData/Local/Google/Chrome/User Data/Default/Extensions/e/m.js", "x");
    put(root, "Users/Default/Downloads/d.exe", "x");
}

static void test_places__windows_full_and_quick(void **state)
{
    (void)state;
    char root[] = "/tmp/test_places_XXXXXX";
    make_windows(root);
    char got[8192];
    /* Full: the browser profile lies inside AppData\Local, scanned once. */
    describe(root, false, got, sizeof(got));
    assert_string_equal(got, "user-files /Users/olena/Documents\n"
                             "user-files /Users/olena/Downloads\n"
                             "temp /Windows/Temp\n"
                             "app-data /ProgramData\n"
                             "app-data /Users/olena/AppData/Local\n"
                             "app-data /Users/olena/AppData/Roaming\n");
    describe(root, true, got, sizeof(got));
    assert_string_equal(got, "user-files /Users/olena/Downloads\n"
                             "temp /Users/olena/AppData/Local/Temp\n"
                             "temp /Windows/Temp\n"
                             "app-data /ProgramData\n"
                             "app-data /Users/olena/AppData/Roaming\n"
                             "browser /Users/olena/AppData/Local/Google/Chrome/User "
                             "Data/Default/Extensions\n");
    struct ob_triage_plan *plan = NULL;
    assert_int_equal(ob_triage_plan_make(NULL, root, false, &plan), OB_OK);
    assert_int_equal(plan->system, OB_TRIAGE_WINDOWS);
    assert_int_equal(plan->user_count, 1); /* not Default */
    ob_triage_plan_free(plan);
    remove_tree(root);
}

static void test_places__roots_that_cannot_be_planned(void **state)
{
    (void)state;
    struct ob_triage_plan *plan = NULL;
    assert_int_equal(ob_triage_plan_make(NULL, "/nonexistent/oberig-root", false, &plan),
                     OB_ERR_NOT_FOUND);
    assert_null(plan);
    assert_int_equal(ob_triage_plan_make(NULL, "/etc/passwd", false, &plan), OB_ERR_IO);
    assert_int_equal(ob_triage_plan_make(NULL, "", false, &plan), OB_ERR_INVALID_ARGUMENT);
    /* The running system. */
    assert_int_equal(ob_triage_plan_make(NULL, "/", true, &plan), OB_OK);
    assert_true(plan->live);
    assert_true(plan->boot_disk != NULL || plan->boot_disk_reason != NULL);
    ob_triage_plan_free(plan);
}

struct programs_seen {
    size_t count;
    char paths[512][4096];
};

static void count_process(void *user, const struct ob_triage_process *process)
{
    struct programs_seen *seen = user;
    assert_true(process->pid > 0);
    assert_true(process->path[0] == '/');
    /* Each program is given once (deleted ones once per process). */
    for (size_t i = 0; !process->deleted && i < seen->count && i < 512; i++)
        assert_string_not_equal(seen->paths[i], process->path);
    if (!process->deleted && seen->count < 512)
        snprintf(seen->paths[seen->count], sizeof(seen->paths[0]), "%s", process->path);
    seen->count++;
}

static void test_places__running_programs_listed(void **state)
{
    (void)state;
    static struct programs_seen seen;
    size_t given = ob_triage_processes(NULL, count_process, &seen, NULL);
    assert_int_equal(given, seen.count);
    assert_true(seen.count >= 1); /* at least this test's own program */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_places__linux_full),
        cmocka_unit_test(test_places__linux_quick),
        cmocka_unit_test(test_places__windows_full_and_quick),
        cmocka_unit_test(test_places__roots_that_cannot_be_planned),
        cmocka_unit_test(test_places__running_programs_listed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
