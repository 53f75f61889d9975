/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of src/integrity: the dpkg status and md5sums parsers, and the
 * table of trusted package files. */
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

#include "oberig/packages.h"

/* What the status parser handed over, flattened to one text per package:
 * "name/arch:/etc/a=md5,/etc/b=md5". */
struct seen {
    char packages[8][512];
    size_t count;
    size_t stop_after; /* 0: never stop */
};

static bool on_package(void *user, const struct ob_dpkg_package *package)
{
    struct seen *seen = user;
    if (seen->count >= 8)
        return false;
    char *text = seen->packages[seen->count++];
    size_t used = (size_t)snprintf(text, 512, "%s/%s:", package->name, package->architecture);
    for (size_t i = 0; i < package->conffile_count && used < 512; i++)
        used += (size_t)snprintf(text + used, 512 - used, "%s%s=%s", i > 0 ? "," : "",
                                 package->conffiles[i].path, package->conffiles[i].md5);
    return seen->stop_after == 0 || seen->count < seen->stop_after;
}

static void parse_status(const char *text, struct seen *seen)
{
    assert_int_equal(ob_dpkg_status_parse(text, strlen(text), on_package, seen), OB_OK);
}

static void test_packages__status_gives_installed_packages_with_conffiles(void **state)
{
    (void)state;
    static const char status[] =
        "Package: base-files\n"
        "Status: install ok installed\n"
        "Architecture: amd64\n"
        "Conffiles:\n"
        " /etc/debian_version 0123456789ABCDEF0123456789abcdef\n"
        " /etc/old.conf 0123456789abcdef0123456789abcdef obsolete\n"
        " /etc/new.conf newconffile\n"
        " /etc/issue ffffffffffffffffffffffffffffffff\n"
        "Description: base files\n"
        " a continuation line: /etc/not-a-conffile 00000000000000000000000000000000\n"
        "\n"
        "Package: removed\n"
        "Status: deinstall ok config-files\n"
        "Conffiles:\n"
        " /etc/removed.conf 0123456789abcdef0123456789abcdef\n"
        "\n"
        "Package: held\r\n"
        "Status: hold ok installed\r\n"
        "\r\n"
        "Package: half\n"
        "Status: install reinstreq half-installed\n"
        "\n"
        "Package: last-without-newline\n"
        "Status: install ok installed\n"
        "Architecture: all";
    struct seen seen = {0};
    parse_status(status, &seen);
    assert_int_equal(seen.count, 3);
    assert_string_equal(seen.packages[0],
                        "base-files/amd64:/etc/debian_version=0123456789abcdef0123456789abcdef,"
                        "/etc/issue=ffffffffffffffffffffffffffffffff");
    assert_string_equal(seen.packages[1], "held/:");
    assert_string_equal(seen.packages[2], "last-without-newline/all:");
}

static void test_packages__status_stops_when_asked_and_takes_garbage(void **state)
{
    (void)state;
    static const char status[] = "Package: a\nStatus: install ok installed\n\n"
                                 "Package: b\nStatus: install ok installed\n\n";
    struct seen seen = {.stop_after = 1};
    parse_status(status, &seen);
    assert_int_equal(seen.count, 1);
    /* No field, stray continuation lines, a NUL: nothing installed, no error. */
    static const char garbage[] = " Conffiles:\n /etc/x 0\nno colon here\n\n\n:\nStatus:\0x\n";
    struct seen none = {0};
    assert_int_equal(ob_dpkg_status_parse(garbage, sizeof(garbage) - 1, on_package, &none), OB_OK);
    assert_int_equal(none.count, 0);
}

struct sums {
    char lines[8][300];
    size_t count;
    size_t malformed[8];
    size_t malformed_count;
};

static bool on_sum(void *user, size_t line, const char *md5, const char *path)
{
    struct sums *sums = user;
    if (md5 == NULL) {
        assert_null(path);
        if (sums->malformed_count < 8)
            sums->malformed[sums->malformed_count++] = line;
        return true;
    }
    if (sums->count < 8)
        snprintf(sums->lines[sums->count++], 300, "%s %s", md5, path);
    return true;
}

static void test_packages__md5sums_lines_and_malformed_ones(void **state)
{
    (void)state;
    static const char text[] =
        "d41d8cd98f00b204e9800998ecf8427e  usr/bin/true\n"          /* 1 */
        "D41D8CD98F00B204E9800998ECF8427E  /usr/share/with space\n" /* 2: upper case, '/' */
        "d41d8cd98f00b204e9800998ecf8427e *usr/lib/binary-mode\r\n" /* 3 */
        "not a checksum line\n"                                     /* 4 */
        "d41d8cd98f00b204e9800998ecf8427  usr/bin/short-md5\n"      /* 5 */
        "d41d8cd98f00b204e9800998ecf8427e  ../../etc/shadow\n"      /* 6 */
        "d41d8cd98f00b204e9800998ecf8427e  usr/../../etc/shadow\n"  /* 7 */
        "\n"                                                        /* 8: empty, skipped */
        "d41d8cd98f00b204e9800998ecf8427e  \n"                      /* 9: no path */
        "d41d8cd98f00b204e9800998ecf8427e  usr/share/..hidden";     /* 10: last, no newline */
    struct sums sums = {0};
    assert_int_equal(ob_dpkg_md5sums_parse(text, strlen(text), on_sum, &sums), OB_OK);
    assert_int_equal(sums.count, 4);
    assert_string_equal(sums.lines[0], "d41d8cd98f00b204e9800998ecf8427e usr/bin/true");
    assert_string_equal(sums.lines[1], "d41d8cd98f00b204e9800998ecf8427e usr/share/with space");
    assert_string_equal(sums.lines[2], "d41d8cd98f00b204e9800998ecf8427e usr/lib/binary-mode");
    assert_string_equal(sums.lines[3], "d41d8cd98f00b204e9800998ecf8427e usr/share/..hidden");
    assert_int_equal(sums.malformed_count, 5);
    static const size_t expected[] = {4, 5, 6, 7, 9};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(sums.malformed[i], expected[i]);
}

static void test_packages__signal_table_has_one_entry_per_signal(void **state)
{
    (void)state;
    const struct ob_signal_table *table = ob_packages_signals();
    assert_int_equal(table->signal_count, OB_PACKAGE_SIGNAL_COUNT);
    assert_string_equal(table->signals[OB_PACKAGE_CONFFILE_CHANGED].id, "package-conffile-changed");
    /* Configuration files are reported lower than changed programs. */
    assert_true(table->signals[OB_PACKAGE_CONFFILE_CHANGED].score <
                table->signals[OB_PACKAGE_FILE_MISSING].score);
    assert_true(table->signals[OB_PACKAGE_FILE_MISSING].score <
                table->signals[OB_PACKAGE_FILE_CHANGED].score);
    assert_non_null(ob_advice_find(table, "packages-found"));
    assert_non_null(ob_advice_find(table, "packages-clean"));
}

/* Writes `text` to root/relative, making its folders. */
static void put(const char *root, const char *relative, const char *text)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", root, relative);
    for (char *slash = strchr(path + strlen(root) + 1, '/'); slash != NULL;
         slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        (void)mkdir(path, 0755);
        *slash = '/';
    }
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

static bool lookup(const struct ob_package_trust *trust, const char *root, const char *inside,
                   unsigned char *md5)
{
    char path[512];
    snprintf(path, sizeof(path), "%s%s", root, inside);
    return ob_package_trust_md5(trust, path, md5);
}

static void test_packages__trust_gives_package_md5s_but_never_conffiles(void **state)
{
    (void)state;
    char root[] = "/tmp/oberig-trust-XXXXXX", link[512];
    assert_non_null(mkdtemp(root));
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    assert_non_null(ctx);
    struct ob_package_trust *trust = NULL;
    /* No database yet. */
    assert_int_equal(ob_package_trust_new(ctx, root, &trust), OB_ERR_NOT_FOUND);
    assert_null(trust);

    put(root, "var/lib/dpkg/status",
        "Package: p\nStatus: install ok installed\nArchitecture: amd64\nConffiles:\n"
        " /etc/p.conf 0123456789abcdef0123456789abcdef\n\n"
        "Package: q\nStatus: install ok installed\nArchitecture: all\n\n"
        "Package: r\nStatus: install ok installed\nArchitecture: all\n");
    put(root, "var/lib/dpkg/info/p.md5sums",
        "00000000000000000000000000000001  usr/bin/a\n"
        "00000000000000000000000000000002  bin/b\n"
        "0123456789abcdef0123456789abcdef  etc/p.conf\n"
        "00000000000000000000000000000003  usr/share/same\n"
        "00000000000000000000000000000004  usr/share/differ\n");
    /* Another package names p's conffile and shares two paths. */
    put(root, "var/lib/dpkg/info/q.md5sums",
        "0123456789abcdef0123456789abcdef  etc/p.conf\n"
        "00000000000000000000000000000003  usr/share/same\n"
        "00000000000000000000000000000005  usr/share/differ\n");
    put(root, "var/lib/dpkg/info/r.md5sums", "");
    mkdir(strcat(strcpy(link, root), "/usr/bin"), 0755);
    assert_int_equal(symlink("usr/bin", strcat(strcpy(link, root), "/bin")), 0);

    assert_int_equal(ob_package_trust_new(ctx, root, &trust), OB_OK);
    assert_non_null(trust);
    assert_int_equal(ob_package_trust_count(trust), 7); /* the conffile left out */
    unsigned char md5[16], expected[16] = {0};
    expected[15] = 1;
    assert_true(lookup(trust, root, "/usr/bin/a", md5));
    assert_memory_equal(md5, expected, 16);
    expected[15] = 2; /* bin is a link into usr: the file is found where it lives */
    assert_true(lookup(trust, root, "/usr/bin/b", md5));
    assert_memory_equal(md5, expected, 16);
    assert_false(lookup(trust, root, "/bin/b", md5));
    expected[15] = 3;
    assert_true(lookup(trust, root, "/usr/share/same", md5));
    assert_memory_equal(md5, expected, 16);
    assert_false(lookup(trust, root, "/usr/share/differ", md5)); /* two MD5s */
    assert_false(lookup(trust, root, "/etc/p.conf", md5));       /* a conffile */
    assert_false(lookup(trust, root, "/usr/bin/unknown", md5));
    assert_false(lookup(trust, root, "", md5));
    assert_false(lookup(trust, root, "x/usr/bin/a", md5));        /* a sibling of the root */
    assert_false(ob_package_trust_md5(trust, "/usr/bin/a", md5)); /* outside the root */
    ob_package_trust_free(trust);

    ob_context_free(ctx);
    char command[600];
    snprintf(command, sizeof(command), "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_packages__status_gives_installed_packages_with_conffiles),
        cmocka_unit_test(test_packages__status_stops_when_asked_and_takes_garbage),
        cmocka_unit_test(test_packages__md5sums_lines_and_malformed_ones),
        cmocka_unit_test(test_packages__signal_table_has_one_entry_per_signal),
        cmocka_unit_test(test_packages__trust_gives_package_md5s_but_never_conffiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
