/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the JSON indicator formats: the STIX 2.1 bundle and MISP
 * event importers, including malformed and hostile files, and the STIX,
 * MISP and CSV exporters, whose output must re-import to the same set. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ioc/ioc_internal.h"
#include "ioc/json_adapter.h"

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

struct fixture {
    struct ob_context *ctx;
    struct log_capture log;
    struct ob_ioc_batch batch;
};

static struct fixture *fixture_new(const char *file)
{
    struct fixture *fixture = calloc(1, sizeof(*fixture));
    assert_non_null(fixture);
    fixture->ctx = ob_context_new(capture_log, &fixture->log);
    assert_non_null(fixture->ctx);
    ioc_batch_init(&fixture->batch, fixture->ctx);
    assert_int_equal(ioc_batch_set_file(&fixture->batch, file, "test"), OB_OK);
    return fixture;
}

static void fixture_free(struct fixture *fixture)
{
    ioc_batch_release(&fixture->batch);
    ob_context_free(fixture->ctx);
    free(fixture);
}

static enum ob_status stix(struct fixture *fixture, const char *text, const char *campaign)
{
    return ioc_import_stix(&fixture->batch, text, strlen(text), campaign);
}

static enum ob_status misp(struct fixture *fixture, const char *text)
{
    return ioc_import_misp(&fixture->batch, text, strlen(text));
}

static const struct ob_ioc_record *find_record(const struct ob_ioc_batch *batch,
                                               enum ob_ioc_type type, const char *value)
{
    for (size_t i = 0; i < batch->count; i++)
        if (batch->records[i].type == type && strcmp(batch->records[i].value, value) == 0)
            return &batch->records[i];
    return NULL;
}

/* Asserts a record of `type` and `value` with `campaign`. */
static const struct ob_ioc_record *expect_record(const struct ob_ioc_batch *batch,
                                                 enum ob_ioc_type type, const char *value,
                                                 const char *campaign)
{
    const struct ob_ioc_record *record = find_record(batch, type, value);
    if (record == NULL)
        fail_msg("no %s record '%s'", ob_ioc_type_name(type), value);
    if (strcmp(record->campaign, campaign) != 0)
        fail_msg("%s '%s': campaign '%s', expected '%s'", ob_ioc_type_name(type), value,
                 record->campaign, campaign);
    return record;
}

static size_t unsupported(const struct ob_ioc_batch *batch, const char *kind)
{
    for (size_t i = 0; i < batch->unsupported_count; i++)
        if (strcmp(batch->unsupported[i].kind, kind) == 0)
            return batch->unsupported[i].count;
    return 0;
}

/* Expects `status` and an error text holding every one of the NULL-ended
 * `needles`. */
static void expect_failure(struct fixture *fixture, enum ob_status got, enum ob_status expected,
                           const char *input, ...)
{
    const char *error = ob_context_last_error(fixture->ctx);
    if (got != expected)
        fail_msg("'%.120s' gave %s, expected %s (%s)", input, ob_strerror(got),
                 ob_strerror(expected), error);
    va_list needles;
    va_start(needles, input);
    for (const char *needle = va_arg(needles, const char *); needle != NULL;
         needle = va_arg(needles, const char *))
        if (strstr(error, needle) == NULL)
            fail_msg("'%.120s': error '%s' does not name '%s'", input, error, needle);
    va_end(needles);
}

static char *repeated(const char *prefix, char fill, size_t count, const char *suffix)
{
    size_t a = strlen(prefix), c = strlen(suffix);
    char *text = malloc(a + count + c + 1);
    assert_non_null(text);
    memcpy(text, prefix, a);
    memset(text + a, fill, count);
    memcpy(text + a + count, suffix, c + 1);
    return text;
}

#define MD5_A "0c2674c3a97c53082187d930efb645c2"
#define SHA1_A "58e9f72081efff9bdaabd82e3b3efe5b1b9f1666"
#define SHA256_A "bf4f41403280c1b115650d470f9b260a5c9042c04d9bcc2a6ca504a66379b2d6"
#define SHA256_B "2d6bf4f41403280c1b115650d470f9b260a5c9042c04d9bcc2a6ca504a66379b"

/* ---- STIX bundles ----------------------------------------------------- */

static const char related_bundle[] =
    "{\"type\":\"bundle\",\"id\":\"bundle--0\",\"objects\":["
    "{\"type\":\"identity\",\"id\":\"identity--1\",\"name\":\"Lab\"},"
    "{\"type\":\"malware\",\"id\":\"malware--1\",\"name\":\"Pegasus\",\"is_family\":false},"
    "{\"type\":\"malware\",\"id\":\"malware--2\",\"name\":\"Predator\",\"is_family\":false},"
    "{\"type\":\"malware\",\"id\":\"malware--3\",\"name\":\"Pegasus\",\"is_family\":false},"
    "{\"type\":\"campaign\",\"id\":\"campaign--1\",\"name\":\"Op Night\"},"
    "{\"type\":\"intrusion-set\",\"id\":\"intrusion-set--1\",\"name\":\"APT-X\"},"
    "{\"type\":\"indicator\",\"id\":\"indicator--a\",\"description\":\"desc a\","
    "\"pattern\":\"[domain-name:value='Evil.Example.']\",\"pattern_type\":\"stix\"},"
    "{\"type\":\"indicator\",\"id\":\"indicator--b\","
    "\"pattern\":\"[file:hashes.sha256='" SHA256_A "']\",\"pattern_type\":\"stix\"},"
    "{\"type\":\"indicator\",\"id\":\"indicator--c\",\"name\":\"ind c\","
    "\"pattern\":\"[email-addr:value='Bad@Evil.Example']\",\"pattern_type\":\"stix\"},"
    "{\"type\":\"indicator\",\"id\":\"indicator--d\","
    "\"pattern\":\"[ipv4-addr:value='192.0.2.1']\",\"pattern_type\":\"stix\"},"
    "{\"type\":\"indicator\",\"id\":\"indicator--e\","
    "\"pattern\":\"[process:name='bh']\",\"pattern_type\":\"stix\"},"
    "{\"type\":\"indicator\",\"id\":\"indicator--f\","
    "\"pattern\":\"[app:id='com.evil.app']\",\"pattern_type\":\"stix\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--a\",\"target_ref\":\"malware--1\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--b\",\"target_ref\":\"malware--2\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--b\",\"target_ref\":\"malware--1\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--b\",\"target_ref\":\"malware--3\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--c\",\"target_ref\":\"campaign--1\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"related-to\","
    "\"source_ref\":\"indicator--e\",\"target_ref\":\"malware--1\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--f\",\"target_ref\":\"intrusion-set--1\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--f\",\"target_ref\":\"malware--missing\"}"
    "]}";

static void test_import_json__stix_relationships_name_the_campaign(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new("related.stix2");
    assert_int_equal(stix(fixture, related_bundle, NULL), OB_OK);
    struct ob_ioc_batch *batch = &fixture->batch;
    assert_int_equal(batch->count, 6);
    const struct ob_ioc_record *record = expect_record(batch, OB_IOC_DOMAIN, "evil.example",
                                                       "Pegasus");
    assert_string_equal(record->description, "desc a");
    assert_string_equal(record->source_file, "related.stix2");
    /* Two malware objects of one name count once; names in target-id order. */
    expect_record(batch, OB_IOC_SHA256, SHA256_A, "Pegasus, Predator");
    record = expect_record(batch, OB_IOC_EMAIL, "bad@evil.example", "Op Night");
    assert_string_equal(record->description, "ind c");
    expect_record(batch, OB_IOC_IPV4, "192.0.2.1", "");
    expect_record(batch, OB_IOC_PROCESS_NAME, "bh", ""); /* related-to is not indicates */
    expect_record(batch, OB_IOC_APP_ID, "com.evil.app", "APT-X");
    assert_int_equal(batch->unsupported_count, 0);
    fixture_free(fixture);

    /* A campaign given by the caller (indicators.yaml) overrides them all. */
    fixture = fixture_new("related.stix2");
    assert_int_equal(stix(fixture, related_bundle, "From YAML"), OB_OK);
    assert_int_equal(fixture->batch.count, 6);
    for (size_t i = 0; i < fixture->batch.count; i++)
        assert_string_equal(fixture->batch.records[i].campaign, "From YAML");
    fixture_free(fixture);
}

static void test_import_json__stix_compound_patterns_import_each_comparison(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new("compound.json");
    const char *bundle =
        "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\","
        "\"pattern\":\"[file:name = 'it\\\\'s.apk' AND file:hashes.'SHA-256' = '" SHA256_B
        "'] OR [file:hashes.'MD5' = '" MD5_A "'] OR ([app:cert.sha256 = '" SHA256_A "'] "
        "FOLLOWEDBY [url:value = 'https://EVIL.example/a=b']) WITHIN 60 SECONDS\","
        "\"pattern_type\":\"stix\"}]}";
    assert_int_equal(stix(fixture, bundle, NULL), OB_OK);
    struct ob_ioc_batch *batch = &fixture->batch;
    assert_int_equal(batch->count, 5);
    expect_record(batch, OB_IOC_FILE_NAME, "it's.apk", "");
    expect_record(batch, OB_IOC_SHA256, SHA256_B, "");
    expect_record(batch, OB_IOC_MD5, MD5_A, "");
    expect_record(batch, OB_IOC_APP_CERT_SHA256, SHA256_A, "");
    expect_record(batch, OB_IOC_URL, "https://evil.example/a=b", "");
    fixture_free(fixture);
}

static void test_import_json__stix_unsupported_kinds_counted(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new("mixed.json");
    const char *bundle =
        "{\"type\":\"bundle\",\"objects\":["
        "{\"type\":\"indicator\",\"id\":\"indicator--s1\",\"pattern\":\"title: x\","
        "\"pattern_type\":\"sigma\"},"
        "{\"type\":\"indicator\",\"id\":\"indicator--s2\",\"pattern\":\"title: y\","
        "\"pattern_type\":\"sigma\"},"
        "{\"type\":\"indicator\",\"id\":\"indicator--y\",\"pattern\":\"rule a {}\","
        "\"pattern_type\":\"yara\"},"
        "{\"type\":\"indicator\",\"id\":\"indicator--n\",\"pattern\":"
        "\"[network-traffic:dst_port = 443 OR file:name LIKE 'a%' OR file:name NOT = 'x' OR "
        "file:size > 5 OR file:name MATCHES '^a' OR domain-name:value = 'ok.example' OR "
        "network-traffic:dst_port = 80]\",\"pattern_type\":\"stix\"}]}";
    assert_int_equal(stix(fixture, bundle, NULL), OB_OK);
    struct ob_ioc_batch *batch = &fixture->batch;
    assert_int_equal(batch->count, 1);
    expect_record(batch, OB_IOC_DOMAIN, "ok.example", "");
    assert_int_equal(unsupported(batch, "STIX pattern_type 'sigma'"), 2);
    assert_int_equal(unsupported(batch, "STIX pattern_type 'yara'"), 1);
    assert_int_equal(unsupported(batch, "STIX object path 'network-traffic:dst_port'"), 2);
    assert_int_equal(unsupported(batch, "STIX operator 'LIKE' on 'file:name'"), 1);
    assert_int_equal(unsupported(batch, "STIX operator 'NOT =' on 'file:name'"), 1);
    assert_int_equal(unsupported(batch, "STIX operator '>' on 'file:size'"), 1);
    assert_int_equal(unsupported(batch, "STIX operator 'MATCHES' on 'file:name'"), 1);
    assert_int_equal(batch->unsupported_count, 7);
    assert_non_null(strstr(batch->unsupported[0].example_position, "indicator--s1"));
    fixture_free(fixture);
}

static void test_import_json__stix_special_cases(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new("special.json");
    /* MATCHES on file:path is a path regex; no pattern_type means stix
     * (STIX 2.0); revoked indicators are skipped; a bad value is counted
     * and logged, not fatal; a bare list of objects is read too. */
    const char *objects = "[{\"type\":\"indicator\",\"id\":\"indicator--r\",\"pattern\":"
                          "\"[file:path MATCHES '^/private/var/tmp/[a-z]+\\\\\\\\.plist$']\"},"
                          "{\"type\":\"indicator\",\"id\":\"indicator--v\",\"revoked\":true,"
                          "\"pattern\":\"[domain-name:value = 'revoked.example']\"},"
                          "{\"type\":\"indicator\",\"id\":\"indicator--i\","
                          "\"pattern\":\"[file:hashes.sha256 = 'not-a-hash']\"}]";
    assert_int_equal(stix(fixture, objects, NULL), OB_OK);
    struct ob_ioc_batch *batch = &fixture->batch;
    assert_int_equal(batch->count, 1);
    expect_record(batch, OB_IOC_FILE_PATH_REGEX, "^/private/var/tmp/[a-z]+\\.plist$", "");
    assert_int_equal(batch->skipped, 1);
    assert_int_equal(batch->invalid, 1);
    assert_int_equal(fixture->log.warnings, 1);
    assert_non_null(strstr(fixture->log.last, "indicator--i"));
    fixture_free(fixture);
}

static void test_import_json__stix_malformed_files_are_parse_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *needle;
    } cases[] = {
        {"{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\"", "bundle.json:1:"},
        {"{\"type\":\"bundle\",\n\"objects\":[{\"type\":\"indicator\",}]}", "bundle.json:2:"},
        {"not json at all", "bundle.json:1:"},
        {"", "bundle.json"},
        {"{\"type\":\"bundle\",\"objects\":5}", "objects"},
        {"{\"type\":\"bundle\"}", "objects"},
        {"\"a string\"", "objects"},
        {"{\"type\":\"bundle\",\"objects\":[5]}", "objects[0] is not an object"},
        {"{\"type\":\"bundle\",\"objects\":[{\"id\":\"x\"}]}", "objects[0] has no type"},
        {"{\"type\":\"bundle\",\"objects\":[{\"type\":7}]}", "objects[0] has no type"},
        {"{\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--7\",\"pattern\":7}]}",
         "indicator--7"},
        {"{\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--9\"}]}", "indicator--9"},
        {"{\"objects\":[{\"type\":\"malware\"},{\"type\":\"indicator\",\"pattern\":null}]}",
         "objects[1]"},
        {"{\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--8\","
         "\"pattern\":\"[file:name = ]\"}]}",
         "offset 13"},
        {"{\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--t\","
         "\"pattern\":\"[file:name = 'a'\",\"pattern_type\":5}]}",
         "pattern_type"},
        {"{\"objects\":[{\"type\":\"indicator\",\"id\":5,\"pattern\":\"[a:b = 'c']\"}]}",
         "objects[0]"},
        {"{\"objects\":[{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
         "\"source_ref\":5,\"target_ref\":\"malware--1\"}]}",
         "relationship objects[0]"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct fixture *fixture = fixture_new("bundle.json");
        enum ob_status status = stix(fixture, cases[i].text, NULL);
        expect_failure(fixture, status, OB_ERR_PARSE, cases[i].text, cases[i].needle, "bundle.json",
                       NULL);
        fixture_free(fixture);
    }
}

static void test_import_json__stix_hostile_nesting_and_sizes(void **state)
{
    (void)state;
    /* 100,000 nested arrays or objects: an error, not a stack overflow. */
    char *deep = repeated("", '[', 100000, "");
    struct fixture *fixture = fixture_new("deep.json");
    expect_failure(fixture, stix(fixture, deep, NULL), OB_ERR_PARSE, "[[[...", "deep.json", NULL);
    expect_failure(fixture, misp(fixture, deep), OB_ERR_PARSE, "[[[...", "deep.json", NULL);
    fixture_free(fixture);
    free(deep);

    /* A pattern of 2 MiB is over the parser's limit; the error names it. */
    char *huge = repeated("{\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--h\","
                          "\"pattern\":\"[file:name = '",
                          'A', 2 << 20, "']\"}]}");
    fixture = fixture_new("huge.json");
    expect_failure(fixture, stix(fixture, huge, NULL), OB_ERR_LIMIT, "huge pattern", "indicator--h",
                   NULL);
    fixture_free(fixture);
    free(huge);

    /* A value too long to keep is an invalid value; a huge description is cut. */
    huge = repeated("{\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--l\","
                    "\"pattern\":\"[file:name = 'x.apk'] OR [file:name = '",
                    'B', 100000, "']\",\"description\":\"D");
    size_t length = strlen(huge);
    char *described = repeated(huge, 'D', 1 << 20, "\"}]}");
    fixture = fixture_new("long.json");
    assert_int_equal(stix(fixture, described, NULL), OB_OK);
    assert_int_equal(fixture->batch.count, 1);
    assert_int_equal(fixture->batch.invalid, 1);
    assert_int_equal(strlen(fixture->batch.records[0].description), OB_IOC_TEXT_MAX);
    fixture_free(fixture);
    (void)length;
    free(described);
    free(huge);
}

/* ---- MISP events -------------------------------------------------------- */

static const char misp_event[] =
    "{\"Event\":{\"info\":\"Campaign X\",\"Tag\":[{\"name\":\"tlp:white\"}],\"Attribute\":["
    "{\"uuid\":\"a-1\",\"type\":\"sha256\",\"category\":\"Payload delivery\","
    "\"value\":\"" SHA256_A "\",\"to_ids\":true,\"comment\":\"dropper\"},"
    "{\"type\":\"md5\",\"category\":\"Payload delivery\",\"value\":\"" MD5_A "\","
    "\"to_ids\":true,\"comment\":\"\"},"
    "{\"type\":\"sha1\",\"value\":\"" SHA1_A "\"},"
    "{\"type\":\"domain\",\"value\":\"Evil.Example\",\"to_ids\":true},"
    "{\"type\":\"hostname\",\"value\":\"host.evil.example\",\"to_ids\":true},"
    "{\"type\":\"url\",\"value\":\"https://evil.example/x\",\"to_ids\":true},"
    "{\"type\":\"email-dst\",\"value\":\"to@evil.example\",\"to_ids\":true},"
    "{\"type\":\"email-reply-to\",\"value\":\"re@evil.example\",\"to_ids\":true},"
    "{\"type\":\"ip-src\",\"value\":\"192.0.2.9\",\"to_ids\":true},"
    "{\"type\":\"ip-dst\",\"value\":\"2001:db8::9\",\"to_ids\":true},"
    "{\"type\":\"filename\",\"value\":\"payload.ipa\",\"to_ids\":true},"
    "{\"type\":\"filename\",\"value\":\"C:\\\\Temp\\\\a.exe\",\"to_ids\":true}],"
    "\"Object\":[{\"name\":\"file\",\"Attribute\":["
    "{\"type\":\"filename\",\"value\":\"/private/var/tmp/x\",\"to_ids\":true},"
    "{\"type\":\"mobile-application-id\",\"value\":\"com.evil.app\",\"to_ids\":true}]},"
    "{\"name\":\"empty\"}]}}";

static void test_import_json__misp_event_attributes_and_objects(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new("event.json");
    assert_int_equal(misp(fixture, misp_event), OB_OK);
    struct ob_ioc_batch *batch = &fixture->batch;
    assert_int_equal(batch->count, 14);
    const struct ob_ioc_record *record = expect_record(batch, OB_IOC_SHA256, SHA256_A,
                                                       "Campaign X");
    assert_string_equal(record->description, "dropper");
    /* No comment: the category describes it. */
    record = expect_record(batch, OB_IOC_MD5, MD5_A, "Campaign X");
    assert_string_equal(record->description, "Payload delivery");
    expect_record(batch, OB_IOC_SHA1, SHA1_A, "Campaign X");
    expect_record(batch, OB_IOC_DOMAIN, "evil.example", "Campaign X");
    expect_record(batch, OB_IOC_DOMAIN, "host.evil.example", "Campaign X");
    expect_record(batch, OB_IOC_URL, "https://evil.example/x", "Campaign X");
    expect_record(batch, OB_IOC_EMAIL, "to@evil.example", "Campaign X");
    expect_record(batch, OB_IOC_EMAIL, "re@evil.example", "Campaign X");
    expect_record(batch, OB_IOC_IPV4, "192.0.2.9", "Campaign X");
    expect_record(batch, OB_IOC_IPV6, "2001:db8::9", "Campaign X");
    expect_record(batch, OB_IOC_FILE_NAME, "payload.ipa", "Campaign X");
    expect_record(batch, OB_IOC_FILE_PATH, "C:\\Temp\\a.exe", "Campaign X");
    expect_record(batch, OB_IOC_FILE_PATH, "/private/var/tmp/x", "Campaign X");
    expect_record(batch, OB_IOC_APP_ID, "com.evil.app", "Campaign X");
    fixture_free(fixture);
}

static void test_import_json__misp_list_response_and_bare_event(void **state)
{
    (void)state;
    static const char *const shapes[] = {
        "[{\"Event\":{\"info\":\"A\",\"Attribute\":[{\"type\":\"domain\","
        "\"value\":\"a.example\"}]}},{\"Event\":{\"info\":\"B\",\"Attribute\":["
        "{\"type\":\"domain\",\"value\":\"b.example\"}]}}]",
        "{\"response\":[{\"Event\":{\"info\":\"A\",\"Attribute\":[{\"type\":\"domain\","
        "\"value\":\"a.example\"}]}},{\"info\":\"B\",\"Attribute\":[{\"type\":\"domain\","
        "\"value\":\"b.example\"}]}]}",
        "[{\"info\":\"A\",\"Attribute\":[{\"type\":\"domain\",\"value\":\"a.example\"}]},"
        "{\"Event\":{\"info\":\"B\",\"Object\":[{\"Attribute\":[{\"type\":\"domain\","
        "\"value\":\"b.example\"}]}]}}]",
    };
    for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        struct fixture *fixture = fixture_new("events.json");
        assert_int_equal(misp(fixture, shapes[i]), OB_OK);
        assert_int_equal(fixture->batch.count, 2);
        expect_record(&fixture->batch, OB_IOC_DOMAIN, "a.example", "A");
        expect_record(&fixture->batch, OB_IOC_DOMAIN, "b.example", "B");
        fixture_free(fixture);
    }
    /* A bare event without info has no campaign. */
    struct fixture *fixture = fixture_new("bare.json");
    assert_int_equal(
        misp(fixture, "{\"Attribute\":[{\"type\":\"domain\",\"value\":\"c.example\"}]}"), OB_OK);
    expect_record(&fixture->batch, OB_IOC_DOMAIN, "c.example", "");
    fixture_free(fixture);
}

static void test_import_json__misp_composite_types(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new("composite.json");
    const char *event = "{\"Event\":{\"info\":\"C\",\"Attribute\":["
                        "{\"type\":\"filename|md5\",\"value\":\"a.exe|" MD5_A "\"},"
                        "{\"type\":\"filename|sha1\",\"value\":\"/tmp/x|y|" SHA1_A "\"},"
                        "{\"type\":\"filename|sha256\",\"value\":\"C:\\\\b.dll|" SHA256_A "\"},"
                        "{\"type\":\"domain|ip\",\"value\":\"d.example|192.0.2.4\"},"
                        "{\"type\":\"domain|ip\",\"value\":\"e.example|2001:db8::4\"},"
                        "{\"type\":\"ip-dst|port\",\"value\":\"192.0.2.5|443\"},"
                        "{\"type\":\"ip-src|port\",\"value\":\"2001:db8::5|8080\"},"
                        "{\"type\":\"filename|md5\",\"value\":\"no-bar\"}]}}";
    assert_int_equal(misp(fixture, event), OB_OK);
    struct ob_ioc_batch *batch = &fixture->batch;
    assert_int_equal(batch->count, 12);
    expect_record(batch, OB_IOC_FILE_NAME, "a.exe", "C");
    expect_record(batch, OB_IOC_MD5, MD5_A, "C");
    expect_record(batch, OB_IOC_FILE_PATH, "/tmp/x|y", "C");
    expect_record(batch, OB_IOC_SHA1, SHA1_A, "C");
    expect_record(batch, OB_IOC_FILE_PATH, "C:\\b.dll", "C");
    expect_record(batch, OB_IOC_SHA256, SHA256_A, "C");
    expect_record(batch, OB_IOC_DOMAIN, "d.example", "C");
    expect_record(batch, OB_IOC_IPV4, "192.0.2.4", "C");
    expect_record(batch, OB_IOC_DOMAIN, "e.example", "C");
    expect_record(batch, OB_IOC_IPV6, "2001:db8::4", "C");
    expect_record(batch, OB_IOC_IPV4, "192.0.2.5", "C");
    expect_record(batch, OB_IOC_IPV6, "2001:db8::5", "C");
    /* A composite without its '|' is an invalid value, not a crash. */
    assert_int_equal(batch->invalid, 1);
    fixture_free(fixture);
}

static void test_import_json__misp_to_ids_false_is_skipped(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new("to_ids.json");
    const char *event =
        "{\"Event\":{\"info\":\"T\",\"Attribute\":["
        "{\"type\":\"domain\",\"value\":\"f1.example\",\"to_ids\":false},"
        "{\"type\":\"domain\",\"value\":\"f2.example\",\"to_ids\":\"0\"},"
        "{\"type\":\"domain\",\"value\":\"f3.example\",\"to_ids\":0},"
        "{\"type\":\"domain\",\"value\":\"f4.example\",\"to_ids\":\"false\"},"
        "{\"type\":\"domain\",\"value\":\"f5.example\",\"to_ids\":true,\"deleted\":true},"
        "{\"type\":\"domain\",\"value\":\"t1.example\",\"to_ids\":true},"
        "{\"type\":\"domain\",\"value\":\"t2.example\",\"to_ids\":\"1\"},"
        "{\"type\":\"domain\",\"value\":\"t3.example\",\"to_ids\":1},"
        "{\"type\":\"domain\",\"value\":\"t4.example\",\"to_ids\":\"True\",\"deleted\":\"0\"},"
        "{\"type\":\"domain\",\"value\":\"t5.example\"}]}}";
    assert_int_equal(misp(fixture, event), OB_OK);
    struct ob_ioc_batch *batch = &fixture->batch;
    assert_int_equal(batch->skipped, 5);
    assert_int_equal(batch->count, 5);
    for (size_t i = 0; i < batch->count; i++)
        assert_int_equal(batch->records[i].value[0], 't');
    fixture_free(fixture);
}

static void test_import_json__misp_unsupported_types_counted(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new("unsupported.json");
    const char *event =
        "{\"Event\":{\"info\":\"U\",\"Attribute\":["
        "{\"type\":\"link\",\"value\":\"https://report.example/\"},"
        "{\"type\":\"uri\",\"value\":\"/gate.php\"},"
        "{\"type\":\"regkey\",\"value\":\"HKLM\\\\x\"},"
        "{\"type\":\"regkey\",\"value\":\"HKLM\\\\y\"},"
        "{\"type\":\"x509-fingerprint-sha256\",\"value\":\"" SHA256_A "\"},"
        "{\"type\":\"other\",\"value\":\"plain other\"},"
        "{\"type\":\"other\",\"value\":\"x\",\"comment\":\"oberig-type=nonsense\"},"
        "{\"type\":\"other\",\"value\":\"bh\",\"comment\":\"oberig-type=process-name; why\"}"
        "]}}";
    assert_int_equal(misp(fixture, event), OB_OK);
    struct ob_ioc_batch *batch = &fixture->batch;
    assert_int_equal(unsupported(batch, "MISP type 'link'"), 1);
    assert_int_equal(unsupported(batch, "MISP type 'uri'"), 1);
    assert_int_equal(unsupported(batch, "MISP type 'regkey'"), 2);
    assert_int_equal(unsupported(batch, "MISP type 'x509-fingerprint-sha256'"), 1);
    assert_int_equal(unsupported(batch, "MISP type 'other'"), 2);
    assert_int_equal(batch->count, 1);
    const struct ob_ioc_record *record = expect_record(batch, OB_IOC_PROCESS_NAME, "bh", "U");
    assert_string_equal(record->description, "why");
    fixture_free(fixture);
}

static void test_import_json__misp_malformed_files_are_parse_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *needle;
    } cases[] = {
        {"{\"Event\":{\"info\":\"A\",\"Attribute\":[{\"type\":\"md5\",\"va", "misp.json:1:"},
        {"[{\"Event\":{\"info\":\"A\",\"Attribute\":[{\"type\":\"md5\",\"value\":5}]}}]", "value"},
        {"{\"Event\":{\"Attribute\":[{\"type\":\"md5\",\"value\":null}]}}", "value"},
        {"{\"Event\":{\"Attribute\":[{\"value\":\"x\"}]}}", "type"},
        {"{\"Event\":{\"Attribute\":[5]}}", "attribute 0"},
        {"{\"Event\":{\"Attribute\":\"x\"}}", "Attribute"},
        {"{\"Event\":{\"Object\":[5]}}", "object 0"},
        {"{\"Event\":{\"Object\":[{\"Attribute\":{}}]}}", "Attribute"},
        {"{\"Event\":5}", "event 0"},
        {"{\"Event\":{\"info\":5}}", "info"},
        {"{\"Event\":{\"Attribute\":[{\"type\":\"md5\",\"value\":\"" MD5_A "\","
         "\"to_ids\":\"maybe\"}]}}",
         "to_ids"},
        {"{\"response\":5}", "response"},
        {"[5]", "element 0"},
        {"42", "no \"Event\""},
        {"{\"foo\":1}", "no \"Event\""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct fixture *fixture = fixture_new("misp.json");
        expect_failure(fixture, misp(fixture, cases[i].text), OB_ERR_PARSE, cases[i].text,
                       cases[i].needle, "misp.json", NULL);
        fixture_free(fixture);
    }
}

/* ---- exporters ------------------------------------------------------------ */

struct raw_indicator {
    enum ob_ioc_type type;
    const char *value, *campaign, *description, *source;
};

/* Every type, values that need escaping in each format, a value in two
 * campaigns, one provenance twice, and file names and paths that MISP's
 * single "filename" type would confuse. */
static const struct raw_indicator export_set[] = {
    {OB_IOC_DOMAIN, "evil.example", "Pegasus", "c2", "mvt"},
    {OB_IOC_DOMAIN, "evil.example", "Predator", "", "mvt"},
    {OB_IOC_DOMAIN, "evil.example", "Pegasus", "c2 again", "misp"},
    {OB_IOC_DOMAIN, "xn--bcher-kva.example", "", "", "mvt"},
    {OB_IOC_URL, "https://evil.example/a?b='c'&d=\\e", "Pegasus", "quote's", "mvt"},
    {OB_IOC_EMAIL, "bad@evil.example", "Campaign, with \"quotes\"", "a,b", "mvt"},
    {OB_IOC_IPV4, "192.0.2.1", "", "line\nbreak", "mvt"},
    {OB_IOC_IPV6, "2001:db8::1", "Pegasus", "", "mvt"},
    {OB_IOC_FILE_NAME, "it's.apk", "Pegasus", "", "mvt"},
    {OB_IOC_FILE_PATH, "/private/var/db/x", "Pegasus", "", "mvt"},
    {OB_IOC_FILE_PATH, "relative-name", "Pegasus", "path without separator", "mvt"},
    {OB_IOC_MD5, MD5_A, "Pegasus", "", "mvt"},
    {OB_IOC_SHA1, SHA1_A, "Pegasus", "", "mvt"},
    {OB_IOC_SHA256, SHA256_A, "", "", "mvt"},
    {OB_IOC_PROCESS_NAME, "bh", "Pegasus", "", "mvt"},
    {OB_IOC_APP_ID, "com.evil.app", "Pegasus", "", "mvt"},
    {OB_IOC_APP_CERT_SHA256, SHA256_B, "Pegasus", "cert", "mvt"},
    {OB_IOC_CONFIG_PROFILE_ID, "com.evil.profile", "Pegasus", "", "mvt"},
    {OB_IOC_FILE_PATH_REGEX, "^/var/mobile/Library/[^/]+\\.plist$", "", "sigbase", "sigbase"},
};
#define EXPORT_COUNT (sizeof(export_set) / sizeof(export_set[0]))

/* A (type, value, campaign) as one comparable string. */
static char *triple(enum ob_ioc_type type, const char *value, const char *campaign)
{
    size_t size = strlen(value) + strlen(campaign) + 64;
    char *text = malloc(size);
    assert_non_null(text);
    snprintf(text, size, "%s\t%s\t%s", ob_ioc_type_name(type), value, campaign);
    return text;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts and removes duplicates; returns the new count. */
static size_t unique(char **items, size_t count)
{
    qsort(items, count, sizeof(*items), compare_strings);
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (kept > 0 && strcmp(items[kept - 1], items[i]) == 0) {
            free(items[i]);
            continue;
        }
        items[kept++] = items[i];
    }
    return kept;
}

/* Exports export_set (in order, or reversed) and returns the text. */
static char *export_text(enum ob_ioc_export_format format, bool reversed, size_t *length)
{
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_ioc_exporter *exporter = NULL;
    assert_int_equal(ioc_exporter_new(format, &exporter), OB_OK);
    for (size_t k = 0; k < EXPORT_COUNT; k++) {
        size_t index = reversed ? EXPORT_COUNT - 1 - k : k;
        const struct raw_indicator *raw = &export_set[index];
        struct ob_ioc_entry entry = {
            .type = raw->type,
            .value = raw->value,
            .value_unicode = "",
            .campaign = raw->campaign,
            .description = raw->description,
            .source = raw->source,
            .source_file = "file",
            .first_import = 1700000000 + (int64_t)index,
            .last_import = 1700000100 + (int64_t)index,
        };
        assert_int_equal(ioc_exporter_add(exporter, &entry), OB_OK);
    }
    char *text = NULL;
    FILE *out = open_memstream(&text, length);
    assert_non_null(out);
    enum ob_status status = ioc_exporter_write(exporter, ctx, out);
    if (status != OB_OK)
        fail_msg("export failed: %s", ob_context_last_error(ctx));
    fclose(out);
    ioc_exporter_free(exporter);
    ob_context_free(ctx);
    return text;
}

/* Exports in `format`, re-imports with `import`, and compares the sets. */
static void assert_round_trip(enum ob_ioc_export_format format,
                              enum ob_status (*import)(struct fixture *, const char *, size_t))
{
    /* The values are as the store holds them: normalised. */
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    char *expected[EXPORT_COUNT];
    for (size_t i = 0; i < EXPORT_COUNT; i++) {
        char normal[OB_IOC_VALUE_MAX + 1];
        assert_int_equal(ob_ioc_normalize(ctx, export_set[i].type, export_set[i].value,
                                          strlen(export_set[i].value), normal, sizeof(normal), NULL,
                                          0),
                         OB_OK);
        assert_string_equal(normal, export_set[i].value);
        expected[i] = triple(export_set[i].type, export_set[i].value, export_set[i].campaign);
    }
    ob_context_free(ctx);
    size_t expected_count = unique(expected, EXPORT_COUNT);

    size_t length;
    char *text = export_text(format, false, &length);
    struct fixture *fixture = fixture_new("export");
    enum ob_status status = import(fixture, text, length);
    if (status != OB_OK)
        fail_msg("re-import failed: %s\n%s", ob_context_last_error(fixture->ctx), text);
    struct ob_ioc_batch *batch = &fixture->batch;
    assert_int_equal(batch->unsupported_count, 0);
    assert_int_equal(batch->invalid, 0);
    assert_int_equal(batch->skipped, 0);
    char **got = calloc(batch->count + 1, sizeof(*got));
    assert_non_null(got);
    for (size_t i = 0; i < batch->count; i++)
        got[i] = triple(batch->records[i].type, batch->records[i].value,
                        batch->records[i].campaign);
    size_t got_count = unique(got, batch->count);
    if (got_count != expected_count)
        fail_msg("re-imported %zu indicators, exported %zu:\n%s", got_count, expected_count, text);
    for (size_t i = 0; i < expected_count; i++) {
        if (strcmp(got[i], expected[i]) != 0)
            fail_msg("re-imported '%s', expected '%s'", got[i], expected[i]);
        free(got[i]);
        free(expected[i]);
    }
    free(got);
    fixture_free(fixture);
    free(text);
}

static enum ob_status import_stix_text(struct fixture *fixture, const char *text, size_t length)
{
    return ioc_import_stix(&fixture->batch, text, length, NULL);
}

static enum ob_status import_misp_text(struct fixture *fixture, const char *text, size_t length)
{
    return ioc_import_misp(&fixture->batch, text, length);
}

static enum ob_status import_csv_text(struct fixture *fixture, const char *text, size_t length)
{
    return ioc_import_csv(&fixture->batch, text, length);
}

static void test_import_json__export_stix_reimports_same_set(void **state)
{
    (void)state;
    assert_round_trip(OB_IOC_EXPORT_STIX, import_stix_text);
}

static void test_import_json__export_misp_reimports_same_set(void **state)
{
    (void)state;
    assert_round_trip(OB_IOC_EXPORT_MISP, import_misp_text);
}

static void test_import_json__export_csv_reimports_same_set(void **state)
{
    (void)state;
    assert_round_trip(OB_IOC_EXPORT_CSV, import_csv_text);
}

static size_t count_of_type(const struct ob_jnode *objects, const char *type)
{
    size_t count = 0;
    for (size_t i = 0; i < ioc_jnode_size(objects); i++) {
        const char *object_type = ioc_jnode_get_string(ioc_jnode_at(objects, i), "type");
        count += object_type != NULL && strcmp(object_type, type) == 0;
    }
    return count;
}

static void test_import_json__export_stix_is_valid_bundle(void **state)
{
    (void)state;
    size_t length;
    char *text = export_text(OB_IOC_EXPORT_STIX, false, &length);
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_jdoc *doc = NULL;
    assert_int_equal(ioc_jdoc_parse(ctx, "export", text, length, &doc), OB_OK);
    const struct ob_jnode *root = ioc_jdoc_root(doc);
    assert_string_equal(ioc_jnode_get_string(root, "type"), "bundle");
    assert_non_null(strstr(ioc_jnode_get_string(root, "id"), "bundle--"));
    const struct ob_jnode *objects = ioc_jnode_get(root, "objects");
    /* Campaigns Pegasus, Predator and the quoted one; 18 distinct
     * (type, value, campaign); a relationship for each that has a campaign. */
    assert_int_equal(count_of_type(objects, "malware"), 3);
    assert_int_equal(count_of_type(objects, "indicator"), 18);
    assert_int_equal(count_of_type(objects, "relationship"), 14);
    /* A report per campaign and one for those without: the publication
     * date, description and references travel there. */
    assert_int_equal(count_of_type(objects, "report"), 4);
    for (size_t i = 0; i < ioc_jnode_size(objects); i++) {
        const struct ob_jnode *object = ioc_jnode_at(objects, i);
        const char *type = ioc_jnode_get_string(object, "type");
        const char *id = ioc_jnode_get_string(object, "id");
        assert_non_null(id);
        /* type--UUIDv5 */
        assert_int_equal(strlen(id), strlen(type) + 2 + 36);
        assert_int_equal(id[strlen(type) + 2 + 14], '5');
        assert_string_equal(ioc_jnode_get_string(object, "spec_version"), "2.1");
        const char *created = ioc_jnode_get_string(object, "created");
        assert_non_null(created);
        assert_int_equal(strlen(created), strlen("2023-11-14T22:13:20.000Z"));
        assert_non_null(ioc_jnode_get_string(object, "modified"));
        if (strcmp(type, "malware") == 0) {
            bool is_bool;
            assert_false(ioc_jnode_bool(ioc_jnode_get(object, "is_family"), &is_bool));
            assert_true(is_bool);
            assert_non_null(ioc_jnode_get_string(object, "name"));
        } else if (strcmp(type, "indicator") == 0) {
            assert_string_equal(ioc_jnode_get_string(object, "pattern_type"), "stix");
            assert_string_equal(ioc_jnode_get_string(object, "pattern_version"), "2.1");
            assert_non_null(ioc_jnode_get_string(object, "valid_from"));
            assert_string_equal(
                ioc_jnode_string(ioc_jnode_at(ioc_jnode_get(object, "indicator_types"), 0), NULL),
                "malicious-activity");
        } else if (strcmp(type, "report") == 0) {
            const char *published = ioc_jnode_get_string(object, "published");
            assert_non_null(published);
            assert_int_equal(strlen(published), strlen(created));
            assert_int_equal(ioc_jnode_size(ioc_jnode_get(object, "object_refs")), 1);
            assert_non_null(ioc_jnode_get_string(object, "name"));
        } else {
            assert_string_equal(type, "relationship");
            assert_string_equal(ioc_jnode_get_string(object, "relationship_type"), "indicates");
        }
    }
    /* Escaping in the pattern, and path regexes as MATCHES. */
    assert_non_null(
        strstr(text, "[url:value = 'https://evil.example/a?b=\\\\'c\\\\'&d=\\\\\\\\e']"));
    assert_non_null(
        strstr(text, "[file:path MATCHES '^/var/mobile/Library/[^/]+\\\\\\\\.plist$']"));
    assert_non_null(strstr(text, "[file:hashes.'SHA-256' = '" SHA256_A "']"));
    ioc_jdoc_free(doc);
    ob_context_free(ctx);
    free(text);
}

static void test_import_json__export_misp_shape(void **state)
{
    (void)state;
    size_t length;
    char *text = export_text(OB_IOC_EXPORT_MISP, false, &length);
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    struct ob_jdoc *doc = NULL;
    assert_int_equal(ioc_jdoc_parse(ctx, "export", text, length, &doc), OB_OK);
    const struct ob_jnode *events = ioc_jnode_get(ioc_jdoc_root(doc), "response");
    /* "", the quoted campaign, Pegasus, Predator. */
    assert_int_equal(ioc_jnode_size(events), 4);
    const struct ob_jnode *first = ioc_jnode_get(ioc_jnode_at(events, 0), "Event");
    assert_string_equal(ioc_jnode_get_string(first, "info"), "oberig export");
    assert_string_equal(ioc_jnode_get_string(first, "threat_level_id"), "4");
    assert_string_equal(ioc_jnode_get_string(first, "analysis"), "2");
    assert_string_equal(ioc_jnode_get_string(first, "distribution"), "0");
    assert_int_equal(strlen(ioc_jnode_get_string(first, "uuid")), 36);
    assert_int_equal(strlen(ioc_jnode_get_string(first, "date")), 10);
    bool is_bool;
    assert_false(ioc_jnode_bool(ioc_jnode_get(first, "published"), &is_bool));
    assert_true(is_bool);
    const struct ob_jnode *attributes = ioc_jnode_get(first, "Attribute");
    assert_true(ioc_jnode_size(attributes) > 0);
    for (size_t i = 0; i < ioc_jnode_size(attributes); i++) {
        const struct ob_jnode *attribute = ioc_jnode_at(attributes, i);
        assert_true(ioc_jnode_bool(ioc_jnode_get(attribute, "to_ids"), NULL));
        assert_int_equal(strlen(ioc_jnode_get_string(attribute, "uuid")), 36);
        assert_non_null(ioc_jnode_get_string(attribute, "category"));
    }
    /* Native MISP types where they exist, "other" with the type otherwise. */
    assert_non_null(strstr(text, "\"type\":\"mobile-application-id\""));
    assert_non_null(strstr(text, "\"comment\":\"oberig-type=file-path; path without separator\""));
    assert_non_null(strstr(text, "\"comment\":\"oberig-type=file-path-regex; sigbase\""));
    ioc_jdoc_free(doc);
    ob_context_free(ctx);
    free(text);
}

static void test_import_json__export_csv_quotes_fields(void **state)
{
    (void)state;
    size_t length;
    char *text = export_text(OB_IOC_EXPORT_CSV, false, &length);
    assert_memory_equal(text, "type,value,description,campaign\r\n", 33);
    assert_non_null(strstr(text, "\r\nemail,bad@evil.example,\"a,b\",\"Campaign, with "
                                 "\"\"quotes\"\"\"\r\n"));
    assert_non_null(strstr(text, "\r\nipv4,192.0.2.1,\"line\nbreak\",\r\n"));
    assert_non_null(strstr(text, "\r\nfile-name,it's.apk,,Pegasus\r\n"));
    /* One line per (type, value, campaign): 18 and the header. */
    size_t lines = 0;
    for (const char *at = text; (at = strstr(at, "\r\n")) != NULL; at += 2)
        lines++;
    assert_int_equal(lines, 19);
    free(text);
}

static void test_import_json__export_is_deterministic(void **state)
{
    (void)state;
    enum ob_ioc_export_format formats[] = {OB_IOC_EXPORT_STIX, OB_IOC_EXPORT_MISP,
                                           OB_IOC_EXPORT_CSV};
    for (size_t i = 0; i < 3; i++) {
        size_t a_length, b_length;
        char *a = export_text(formats[i], false, &a_length);
        char *b = export_text(formats[i], true, &b_length);
        /* Different input order, same bytes (ids, order, merged provenance). */
        assert_int_equal(a_length, b_length);
        assert_memory_equal(a, b, a_length);
        free(a);
        free(b);
    }
    /* The duplicate provenance keeps one description, the first non-empty
     * one in text order. */
    size_t length;
    char *csv = export_text(OB_IOC_EXPORT_CSV, false, &length);
    assert_non_null(strstr(csv, "domain,evil.example,c2,Pegasus\r\n"));
    assert_null(strstr(csv, "c2 again"));
    free(csv);
}

static void test_import_json__export_empty_store(void **state)
{
    (void)state;
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    enum ob_ioc_export_format formats[] = {OB_IOC_EXPORT_STIX, OB_IOC_EXPORT_MISP,
                                           OB_IOC_EXPORT_CSV};
    static const char *const expected[] = {NULL, "{\"response\":[]}\n",
                                           "type,value,description,campaign\r\n"};
    for (size_t i = 0; i < 3; i++) {
        struct ob_ioc_exporter *exporter = NULL;
        assert_int_equal(ioc_exporter_new(formats[i], &exporter), OB_OK);
        char *text = NULL;
        size_t length = 0;
        FILE *out = open_memstream(&text, &length);
        assert_int_equal(ioc_exporter_write(exporter, ctx, out), OB_OK);
        fclose(out);
        if (expected[i] != NULL)
            assert_string_equal(text, expected[i]);
        else
            assert_non_null(strstr(text, "\"objects\":[]"));
        free(text);
        ioc_exporter_free(exporter);
    }
    ob_context_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_json__stix_relationships_name_the_campaign),
        cmocka_unit_test(test_import_json__stix_compound_patterns_import_each_comparison),
        cmocka_unit_test(test_import_json__stix_unsupported_kinds_counted),
        cmocka_unit_test(test_import_json__stix_special_cases),
        cmocka_unit_test(test_import_json__stix_malformed_files_are_parse_errors),
        cmocka_unit_test(test_import_json__stix_hostile_nesting_and_sizes),
        cmocka_unit_test(test_import_json__misp_event_attributes_and_objects),
        cmocka_unit_test(test_import_json__misp_list_response_and_bare_event),
        cmocka_unit_test(test_import_json__misp_composite_types),
        cmocka_unit_test(test_import_json__misp_to_ids_false_is_skipped),
        cmocka_unit_test(test_import_json__misp_unsupported_types_counted),
        cmocka_unit_test(test_import_json__misp_malformed_files_are_parse_errors),
        cmocka_unit_test(test_import_json__export_stix_reimports_same_set),
        cmocka_unit_test(test_import_json__export_misp_reimports_same_set),
        cmocka_unit_test(test_import_json__export_csv_reimports_same_set),
        cmocka_unit_test(test_import_json__export_stix_is_valid_bundle),
        cmocka_unit_test(test_import_json__export_misp_shape),
        cmocka_unit_test(test_import_json__export_csv_quotes_fields),
        cmocka_unit_test(test_import_json__export_is_deterministic),
        cmocka_unit_test(test_import_json__export_empty_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
