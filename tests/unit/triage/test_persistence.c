/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of src/triage: Windows environment variables, command lines
 * resolved to the program inside a disk, and a small Linux tree listed. */
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

#include "oberig/persistence.h"
#include "triage/persistence_internal.h"

static void test_persistence__expand_machine_and_user_variables(void **state)
{
    (void)state;
    char out[512];
    triage_windows_expand("%SystemRoot%\\system32\\x.exe", "", out, sizeof(out));
    assert_string_equal(out, "C:\\Windows\\system32\\x.exe");
    triage_windows_expand("%WINDIR%\\a;%ProgramFiles(x86)%\\b", "", out, sizeof(out));
    assert_string_equal(out, "C:\\Windows\\a;C:\\Program Files (x86)\\b");
    triage_windows_expand("%APPDATA%\\upd\\svc.exe", "olena", out, sizeof(out));
    assert_string_equal(out, "C:\\Users\\olena\\AppData\\Roaming\\upd\\svc.exe");
    triage_windows_expand("%LocalAppData%\\x %TEMP%\\y", "olena", out, sizeof(out));
    assert_string_equal(out, "C:\\Users\\olena\\AppData\\Local\\x "
                             "C:\\Users\\olena\\AppData\\Local\\Temp\\y");
    /* Without a user, a per-user variable cannot be told and stays. */
    triage_windows_expand("%APPDATA%\\x %TEMP%\\y", "", out, sizeof(out));
    assert_string_equal(out, "%APPDATA%\\x C:\\Windows\\Temp\\y");
    /* Unknown names, a lone % and 100% stay as they are. */
    triage_windows_expand("%NOPE%\\a 100% b%", "", out, sizeof(out));
    assert_string_equal(out, "%NOPE%\\a 100% b%");
    /* Cut to the buffer, never past it. */
    char small[8];
    triage_windows_expand("%SystemRoot%\\system32", "", small, sizeof(small));
    assert_string_equal(small, "C:\\Wind");
}

static void test_persistence__program_from_command_lines(void **state)
{
    (void)state;
    char out[512];
    assert_true(triage_windows_program(
        NULL, "\"C:\\Users\\olena\\AppData\\Roaming\\upd\\svc.exe\" -k", "", out, sizeof(out)));
    assert_string_equal(out, "/Users/olena/AppData/Roaming/upd/svc.exe");
    assert_true(triage_windows_program(NULL, "%SystemRoot%\\System32\\svchost.exe -k netsvcs", "",
                                       out, sizeof(out)));
    assert_string_equal(out, "/Windows/System32/svchost.exe");
    assert_true(triage_windows_program(NULL, "\\SystemRoot\\System32\\drivers\\x.sys", "", out,
                                       sizeof(out)));
    assert_string_equal(out, "/Windows/System32/drivers/x.sys");
    assert_true(triage_windows_program(NULL, "system32\\drivers\\y.sys", "", out, sizeof(out)));
    assert_string_equal(out, "/Windows/system32/drivers/y.sys");
    assert_true(triage_windows_program(NULL, "\\??\\C:\\Tools\\z.exe", "", out, sizeof(out)));
    assert_string_equal(out, "/Tools/z.exe");
    assert_true(
        triage_windows_program(NULL, "rundll32 shell32.dll,Control_RunDLL", "", out, sizeof(out)));
    assert_string_equal(out, "/Windows/System32/rundll32.exe");
    /* Unquoted with spaces and no file to tell: up to ".exe". */
    assert_true(
        triage_windows_program(NULL, "C:\\Program Files\\App\\app.exe /min", "", out, sizeof(out)));
    assert_string_equal(out, "/Program Files/App/app.exe");
    assert_true(
        triage_windows_program(NULL, "C:\\Windows\\system32\\userinit.exe,", "", out, sizeof(out)));
    assert_string_equal(out, "/Windows/system32/userinit.exe");
    /* What cannot be told: a share, a variable left, nothing. */
    assert_false(triage_windows_program(NULL, "\\\\server\\share\\x.exe", "", out, sizeof(out)));
    assert_false(triage_windows_program(NULL, "%APPDATA%\\x.exe", "", out, sizeof(out)));
    assert_false(triage_windows_program(NULL, "   ", "", out, sizeof(out)));
}

/* A temporary folder with `files` (paths inside it) created empty. */
static void make_tree(char *root, const char *const *files, size_t count)
{
    assert_non_null(mkdtemp(root));
    for (size_t i = 0; i < count; i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", root, files[i]);
        for (char *slash = strchr(path + strlen(root) + 1, '/'); slash != NULL;
             slash = strchr(slash + 1, '/')) {
            *slash = '\0';
            mkdir(path, 0700);
            *slash = '/';
        }
        FILE *file = fopen(path, "w");
        assert_non_null(file);
        fclose(file);
    }
}

static void remove_tree(const char *root)
{
    char command[1100];
    snprintf(command, sizeof(command), "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

static void test_persistence__unquoted_spaces_cut_where_a_file_is(void **state)
{
    (void)state;
    char root[] = "/tmp/test_persistence_XXXXXX";
    static const char *const files[] = {"program files/my app/App.EXE", "windows/explorer.exe"};
    make_tree(root, files, 2);
    char out[512], found[1024];
    assert_true(triage_windows_program(root, "C:\\Program Files\\My App\\app.exe --tray now", "",
                                       out, sizeof(out)));
    assert_string_equal(out, "/Program Files/My App/app.exe");
    assert_true(triage_find_nocase(root, out, found, sizeof(found)));
    assert_non_null(strstr(found, "/program files/my app/App.EXE"));
    /* A bare name not in System32 is looked for in the Windows folder. */
    assert_true(triage_windows_program(root, "explorer.exe", "", out, sizeof(out)));
    assert_string_equal(out, "/Windows/explorer.exe");
    /* ".." never leads out of the root. */
    assert_false(triage_find_nocase(root, "/windows/../../../etc/passwd", found, sizeof(found)));
    assert_null(strstr(found, ".."));
    assert_int_equal(strncmp(found, root, strlen(root)), 0);
    assert_true(triage_find_nocase(root, "/./windows/./explorer.exe", found, sizeof(found)));
    /* Exactly, for a Linux disk. */
    assert_false(triage_find(root, "/Windows/explorer.exe", found, sizeof(found)));
    assert_true(triage_find(root, "/windows/explorer.exe", found, sizeof(found)));
    /* A missing component keeps the rest as given. */
    assert_false(triage_find_nocase(root, "/Program Files/Other/x.exe", found, sizeof(found)));
    assert_non_null(strstr(found, "/program files/Other/x.exe"));
    remove_tree(root);
}

struct collected {
    size_t count;
    char kinds[16][32];
    int scores[16];
};

static void collect(void *user, const struct ob_persistence_entry *entry)
{
    struct collected *c = user;
    if (c->count < 16) {
        snprintf(c->kinds[c->count], sizeof(c->kinds[0]), "%s",
                 ob_persistence_kind_name(entry->kind));
        c->scores[c->count] = entry->score;
    }
    c->count++;
}

static void test_persistence__linux_tree_listed_and_scored(void **state)
{
    (void)state;
    char root[] = "/tmp/test_persistence_XXXXXX";
    static const char *const files[] = {"etc/ld.so.preload", "dev/shm/k.so"};
    make_tree(root, files, 2);
    char path[1024];
    snprintf(path, sizeof(path), "%s/etc/ld.so.preload", root);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs("# a comment\n/dev/shm/k.so\n", file);
    fclose(file);
    struct collected c = {0};
    const struct ob_persistence_callbacks callbacks = {.entry = collect, .user = &c};
    assert_int_equal(ob_persistence_list(NULL, root, &callbacks), OB_OK);
    assert_int_equal(c.count, 1);
    assert_string_equal(c.kinds[0], "ld-preload");
    assert_int_equal(c.scores[0], 120); /* preload library 60 + temporary folder 60 */
    remove_tree(root);
    assert_int_equal(ob_persistence_list(NULL, root, &callbacks), OB_ERR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_persistence__expand_machine_and_user_variables),
        cmocka_unit_test(test_persistence__program_from_command_lines),
        cmocka_unit_test(test_persistence__unquoted_spaces_cut_where_a_file_is),
        cmocka_unit_test(test_persistence__linux_tree_listed_and_scored),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
