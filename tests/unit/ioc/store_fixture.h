/* SPDX-License-Identifier: Apache-2.0 */
/* Test values and a temporary-store fixture shared by the indicator store,
 * normalisation and lookup unit tests. */
#ifndef OB_TESTS_IOC_STORE_FIXTURE_H
#define OB_TESTS_IOC_STORE_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "oberig/ioc.h"

#define MD5_A "0c2674c3a97c53082187d930efb645c2"
#define SHA1_A "58e9f72081efff9bdaabd82e3b3efe5b1b9f1666"
#define SHA256_A "bf4f41403280c1b115650d470f9b260a5c9042c04d9bcc2a6ca504a66379b2d6"
#define SHA256_A_UPPER "BF4F41403280C1B115650D470F9B260A5C9042C04D9BCC2A6CA504A66379B2D6"
#define UKR_ASCII "xn--e1afmkfd.xn--j1amh"
#define UKR_UNICODE "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80.\xd1\x83\xd0\xba\xd1\x80"

/* Log messages seen by the fixture's context. */
struct log_capture {
    size_t warnings;
    char last[1024];
};

/* A temporary folder with a store in it; paths handed out live as long as
 * the fixture. */
struct fixture {
    char dir[64];
    char *db_path;
    struct ob_context *ctx;
    struct log_capture log;
    struct ob_ioc_store *store;
    struct ob_ioc_import_report report;
    char *paths[64];
    size_t path_count;
};

/* Makes a temporary folder and opens (creating) <dir>/data/oberig/indicators.db
 * in it; fails the test when the store does not open. */
struct fixture *fixture_new(void);

/* Closes the store and removes the folder with all in it. */
void fixture_free(struct fixture *fixture);

/* The full path of `relative` inside the fixture's folder; owned by the fixture. */
const char *path_in(struct fixture *fixture, const char *relative);

/* Writes `text` to `relative` (folders made as needed); returns the full path,
 * owned by the fixture. */
const char *write_file(struct fixture *fixture, const char *relative, const char *text);

/* Imports `count` paths under `source` (NULL: named from the paths) into the
 * fixture's report; returns what ob_ioc_import returned. */
enum ob_status import_paths(struct fixture *fixture, const char *source, const char *const *paths,
                            size_t count);

/* Imports one path and fails the test, with the context's error, unless it succeeds. */
void import_ok(struct fixture *fixture, const char *source, const char *path);

#endif
