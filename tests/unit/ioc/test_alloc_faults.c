/* SPDX-License-Identifier: Apache-2.0 */
/* Allocation failures on the indicator parsers' main paths, in the spirit of
 * curl's torture tests: liboberig's malloc, calloc, realloc, strdup and
 * strndup are wrapped at link time (-Wl,--wrap; the libraries below it,
 * such as jansson and SQLite, allocate unwrapped), each path is run once to
 * count its allocations, then again failing the first, the second, ... the
 * N-th in turn. Every run must end in OB_OK or an error that says why, with
 * no crash and, under the address sanitizer, no leak. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc_hook.h"
#include "ioc/ioc_internal.h"

/* ---- the allocator hook (tests/alloc_hook.c) ------------------------------ */

#define allocations alloc_hook_count
#define fail_at alloc_hook_fail_at
#define armed alloc_hook_armed

/* At most this many failure points per path, spread evenly when a path
 * allocates more, so the suite stays quick. */
#define FAILURE_POINTS_MAX 400

/* ---- the paths ------------------------------------------------------------ */

typedef enum ob_status (*import_fn)(struct ob_ioc_batch *batch, const char *text, size_t length);

static enum ob_status import_stix(struct ob_ioc_batch *batch, const char *text, size_t length)
{
    return ioc_import_stix(batch, text, length, NULL);
}

/* Runs `import` on `text` with allocation `fail` failing (0: none); returns
 * how many allocations it made and checks the outcome. */
static long run_import(import_fn import, const char *text, long fail, size_t *records)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    assert_non_null(ctx);
    struct ob_ioc_batch batch;
    ioc_batch_init(&batch, ctx);
    assert_int_equal(ioc_batch_set_file(&batch, "fixture", "faults"), OB_OK);
    allocations = 0;
    fail_at = fail;
    armed = true;
    enum ob_status status = import(&batch, text, strlen(text));
    armed = false;
    if (status != OB_OK)
        /* a failure says why */
        assert_true(ob_context_last_error(ctx)[0] != '\0');
    else
        for (size_t i = 0; i < batch.count; i++)
            assert_true(batch.records[i].value[0] != '\0');
    if (records != NULL)
        *records = status == OB_OK ? batch.count : 0;
    ioc_batch_release(&batch);
    ob_context_free(ctx);
    return allocations;
}

static void torture_import(import_fn import, const char *text, size_t expected_records)
{
    size_t records = 0;
    long total = run_import(import, text, 0, &records);
    assert_int_equal(records, expected_records); /* the fixture imports whole */
    assert_true(total > 0);
    long step = total > FAILURE_POINTS_MAX ? total / FAILURE_POINTS_MAX : 1;
    for (long k = 1; k <= total; k += step)
        run_import(import, text, k, NULL);
}

static const char stix_bundle[] =
    "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":["
    "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--1\",\"name\":\"Lab\","
    "\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\"},"
    "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--1\",\"name\":\"Predator\","
    "\"is_family\":true,\"created\":\"2024-01-01T00:00:00Z\",\"modified\":\"2024-01-01T00:00:00Z\"}"
    ","
    "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--1\","
    "\"created_by_ref\":\"identity--1\",\"created\":\"2024-01-01T00:00:00Z\","
    "\"modified\":\"2024-01-02T00:00:00Z\",\"valid_from\":\"2024-01-01T00:00:00Z\","
    "\"pattern_type\":\"stix\",\"pattern\":\"[domain-name:value = 'evil.example' OR "
    "url:value = 'https://evil.example/x' OR file:hashes.'SHA-256' = "
    "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']\"},"
    "{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"relationship--1\","
    "\"relationship_type\":\"indicates\",\"source_ref\":\"indicator--1\","
    "\"target_ref\":\"malware--1\",\"created\":\"2024-01-01T00:00:00Z\","
    "\"modified\":\"2024-01-01T00:00:00Z\"}]}";

static const char misp_event[] =
    "{\"Event\":{\"info\":\"Phishing wave\",\"date\":\"2024-02-01\",\"uuid\":\"u-1\","
    "\"Orgc\":{\"name\":\"CERT\"},\"Tag\":[{\"name\":\"tlp:green\"}],\"Attribute\":["
    "{\"type\":\"domain\",\"category\":\"Network "
    "activity\",\"value\":\"phish.example\",\"to_ids\":true},"
    "{\"type\":\"md5\",\"category\":\"Payload "
    "delivery\",\"value\":\"d41d8cd98f00b204e9800998ecf8427e\",\"to_ids\":true},"
    "{\"type\":\"email-src\",\"category\":\"Payload "
    "delivery\",\"value\":\"boss@phish.example\",\"to_ids\":true}]}}";

static const char csv_list[] = "type,value,description,campaign\n"
                               "domain,evil.example,a C2,Wave 1\n"
                               "md5,d41d8cd98f00b204e9800998ecf8427e,empty,Wave 1\n"
                               "url,https://evil.example/login,phish,Wave 2\n";

static void test_alloc_faults__stix_bundle_import(void **state)
{
    (void)state;
    torture_import(import_stix, stix_bundle, 3);
}

static void test_alloc_faults__misp_event_import(void **state)
{
    (void)state;
    torture_import(ioc_import_misp, misp_event, 3);
}

static void test_alloc_faults__csv_import(void **state)
{
    (void)state;
    torture_import(ioc_import_csv, csv_list, 3);
}

static void test_alloc_faults__stix_pattern_parse(void **state)
{
    (void)state;
    static const char pattern[] = "([file:name = 'a.exe' AND file:hashes.MD5 = "
                                  "'d41d8cd98f00b204e9800998ecf8427e'] OR [ipv4-addr:value = "
                                  "'10.0.0.1']) FOLLOWEDBY [url:value = 'http://x.example/']";
    long total = -1;
    for (long k = 0; total < 0 || k <= total; k++) {
        struct ob_context *ctx = ob_context_new(NULL, NULL);
        assert_non_null(ctx);
        struct ob_stix_pattern parsed;
        allocations = 0;
        fail_at = k;
        armed = true;
        enum ob_status status = ioc_stix_pattern_parse(ctx, pattern, strlen(pattern), &parsed);
        armed = false;
        if (k == 0) {
            total = allocations;
            assert_int_equal(status, OB_OK);
            assert_int_equal(parsed.count, 4);
        }
        if (status == OB_OK)
            ioc_stix_pattern_release(&parsed);
        else
            assert_true(ob_context_last_error(ctx)[0] != '\0');
        ob_context_free(ctx);
    }
    assert_true(total > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_faults__stix_pattern_parse),
        cmocka_unit_test(test_alloc_faults__stix_bundle_import),
        cmocka_unit_test(test_alloc_faults__misp_event_import),
        cmocka_unit_test(test_alloc_faults__csv_import),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
