/* SPDX-License-Identifier: Apache-2.0 */
/* The temporary-store fixture shared by the indicator store and lookup unit tests. */
#include "store_fixture.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void capture_log(void *user, enum ob_log_level level, const char *message)
{
    struct log_capture *log = user;
    if (level >= OB_LOG_WARNING)
        log->warnings++;
    snprintf(log->last, sizeof(log->last), "%s", message);
}

const char *path_in(struct fixture *fixture, const char *relative)
{
    assert_true(fixture->path_count < sizeof(fixture->paths) / sizeof(fixture->paths[0]));
    char *path = NULL;
    assert_true(asprintf(&path, "%s/%s", fixture->dir, relative) > 0);
    fixture->paths[fixture->path_count++] = path;
    return path;
}

static void make_parents(const char *path)
{
    char copy[4096];
    snprintf(copy, sizeof(copy), "%s", path);
    for (char *slash = strchr(copy + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(copy, 0700);
        *slash = '/';
    }
}

/* Writes `length` bytes to `relative` (folders made as needed); returns the
 * full path. */
static const char *write_bytes(struct fixture *fixture, const char *relative, const char *text,
                               size_t length)
{
    const char *path = path_in(fixture, relative);
    make_parents(path);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(text, 1, length, file), length);
    assert_int_equal(fclose(file), 0);
    return path;
}

const char *write_file(struct fixture *fixture, const char *relative, const char *text)
{
    return write_bytes(fixture, relative, text, strlen(text));
}

struct fixture *fixture_new(void)
{
    struct fixture *fixture = calloc(1, sizeof(*fixture));
    assert_non_null(fixture);
    snprintf(fixture->dir, sizeof(fixture->dir), "/tmp/ob_test_store.XXXXXX");
    assert_non_null(mkdtemp(fixture->dir));
    fixture->ctx = ob_context_new(capture_log, &fixture->log);
    assert_non_null(fixture->ctx);
    assert_true(asprintf(&fixture->db_path, "%s/data/oberig/indicators.db", fixture->dir) > 0);
    enum ob_status status = ob_ioc_store_open(fixture->ctx, fixture->db_path, true,
                                              &fixture->store);
    if (status != OB_OK)
        fail_msg("store did not open: %s", ob_context_last_error(fixture->ctx));
    return fixture;
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
    (void)info;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void fixture_free(struct fixture *fixture)
{
    ob_ioc_import_report_release(&fixture->report);
    ob_ioc_store_free(fixture->store);
    ob_context_free(fixture->ctx);
    nftw(fixture->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    for (size_t i = 0; i < fixture->path_count; i++)
        free(fixture->paths[i]);
    free(fixture->db_path);
    free(fixture);
}

enum ob_status import_paths(struct fixture *fixture, const char *source, const char *const *paths,
                            size_t count)
{
    ob_ioc_import_report_release(&fixture->report);
    struct ob_ioc_import_options options = {.source = source};
    return ob_ioc_import(fixture->store, fixture->ctx, paths, count, &options, &fixture->report);
}

void import_ok(struct fixture *fixture, const char *source, const char *path)
{
    enum ob_status status = import_paths(fixture, source, &path, 1);
    if (status != OB_OK)
        fail_msg("import of '%s' failed: %s: %s", path, ob_strerror(status),
                 ob_context_last_error(fixture->ctx));
}
