/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the indicator store: opening and migrating a store,
 * importing files and folders in one transaction, the CSV reader, removal
 * and counts. Normalisation is in test_ioc_normalize.c, the lookup and the
 * scan set in test_ioc_lookup.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ioc/ioc_internal.h"
#include "oberig/ioc.h"
#include "store_fixture.h"

#define SHA256_B "2d6bf4f41403280c1b115650d470f9b260a5c9042c04d9bcc2a6ca504a66379b"

/* ---- helpers ----------------------------------------------------------- */

/* IMPORT(fixture, source, path...): imports the paths given, in one call. */
#define PATHS(...)                                                                                 \
    (const char *const[])                                                                          \
    {                                                                                              \
        __VA_ARGS__                                                                                \
    }
#define PATH_COUNT(...) (sizeof(PATHS(__VA_ARGS__)) / sizeof(const char *))
#define IMPORT(fixture, source, ...)                                                               \
    import_paths(fixture, source, PATHS(__VA_ARGS__), PATH_COUNT(__VA_ARGS__))

static void totals(struct fixture *fixture, uint64_t indicators, uint64_t provenances)
{
    uint64_t got_indicators = 0, got_provenances = 0;
    assert_int_equal(ob_ioc_store_totals(fixture->store, fixture->ctx, &got_indicators,
                                         &got_provenances),
                     OB_OK);
    if (got_indicators != indicators || got_provenances != provenances)
        fail_msg("store holds %llu indicators and %llu provenances, expected %llu and %llu",
                 (unsigned long long)got_indicators, (unsigned long long)got_provenances,
                 (unsigned long long)indicators, (unsigned long long)provenances);
}

static bool has_note(const struct ob_ioc_import_report *report, const char *needle)
{
    for (size_t i = 0; i < report->note_count; i++)
        if (strstr(report->notes[i], needle) != NULL)
            return true;
    return false;
}

static void expect_error(struct fixture *fixture, const char *needle)
{
    const char *error = ob_context_last_error(fixture->ctx);
    if (strstr(error, needle) == NULL)
        fail_msg("error '%s' does not name '%s'", error, needle);
}

/* Copies of the entries a listing handed out. */
struct entry_copy {
    enum ob_ioc_type type;
    char value[256], value_unicode[256], campaign[128], description[128], source[64],
        source_file[512];
    bool has_score;
    int score;
    int64_t first_import, last_import;
};

struct entry_list {
    size_t count;
    struct entry_copy items[64];
};

static enum ob_status collect_entry(void *user, const struct ob_ioc_entry *entry)
{
    struct entry_list *list = user;
    assert_true(list->count < sizeof(list->items) / sizeof(list->items[0]));
    struct entry_copy *copy = &list->items[list->count++];
    copy->type = entry->type;
    snprintf(copy->value, sizeof(copy->value), "%s", entry->value);
    snprintf(copy->value_unicode, sizeof(copy->value_unicode), "%s", entry->value_unicode);
    snprintf(copy->campaign, sizeof(copy->campaign), "%s", entry->campaign);
    snprintf(copy->description, sizeof(copy->description), "%s", entry->description);
    snprintf(copy->source, sizeof(copy->source), "%s", entry->source);
    snprintf(copy->source_file, sizeof(copy->source_file), "%s", entry->source_file);
    copy->has_score = entry->has_score;
    copy->score = entry->score;
    copy->first_import = entry->first_import;
    copy->last_import = entry->last_import;
    return OB_OK;
}

static struct entry_list *list_entries(struct fixture *fixture, const struct ob_ioc_filter *filter)
{
    struct entry_list *list = calloc(1, sizeof(*list));
    assert_non_null(list);
    struct ob_ioc_filter all = {.any_type = true};
    assert_int_equal(ob_ioc_store_foreach(fixture->store, fixture->ctx,
                                          filter != NULL ? filter : &all, collect_entry, list),
                     OB_OK);
    return list;
}

/* The entry of `type` and `value` (and `source`, unless NULL); fails when absent. */
static const struct entry_copy *expect_entry(const struct entry_list *list, enum ob_ioc_type type,
                                             const char *value, const char *source)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].type == type && strcmp(list->items[i].value, value) == 0 &&
            (source == NULL || strcmp(list->items[i].source, source) == 0))
            return &list->items[i];
    fail_msg("no %s entry '%s' from '%s' among %zu", ob_ioc_type_name(type), value,
             source != NULL ? source : "any source", list->count);
    return NULL;
}

static size_t count_entries(const struct entry_list *list, enum ob_ioc_type type, const char *value)
{
    size_t found = 0;
    for (size_t i = 0; i < list->count; i++)
        found += list->items[i].type == type && strcmp(list->items[i].value, value) == 0;
    return found;
}

/* Counts handed out by ob_ioc_store_count. */
struct count_list {
    size_t count;
    char keys[32][128];
    uint64_t values[32];
};

static void collect_count(void *user, const struct ob_ioc_count *count)
{
    struct count_list *list = user;
    assert_true(list->count < 32);
    snprintf(list->keys[list->count], sizeof(list->keys[0]), "%s", count->key);
    list->values[list->count++] = count->count;
}

static uint64_t count_of(const struct count_list *list, const char *key)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->keys[i], key) == 0)
            return list->values[i];
    return 0;
}

static void count_by(struct fixture *fixture, enum ob_ioc_count_by by, struct count_list *out)
{
    memset(out, 0, sizeof(*out));
    assert_int_equal(ob_ioc_store_count(fixture->store, fixture->ctx, by, collect_count, out),
                     OB_OK);
}

/* ---- opening a store ---------------------------------------------------- */

static void test_store__open_missing_without_create_is_not_found(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *missing = path_in(fixture, "nowhere/indicators.db");
    struct ob_ioc_store *store = (struct ob_ioc_store *)fixture; /* must be reset */
    assert_int_equal(ob_ioc_store_open(fixture->ctx, missing, false, &store), OB_ERR_NOT_FOUND);
    assert_null(store);
    expect_error(fixture, missing);
    struct stat info;
    assert_int_not_equal(stat(path_in(fixture, "nowhere"), &info), 0); /* nothing created */
    assert_int_equal(ob_ioc_store_open(fixture->ctx, "", true, &store), OB_ERR_INVALID_ARGUMENT);
    assert_null(store);
    /* A folder is not a store. */
    assert_int_equal(ob_ioc_store_open(fixture->ctx, fixture->dir, false, &store),
                     OB_ERR_INVALID_ARGUMENT);
    /* Neither is a file of something else. */
    const char *text = write_file(fixture, "not-a-db", "this is not SQLite, not at all\n");
    assert_int_equal(ob_ioc_store_open(fixture->ctx, text, false, &store), OB_ERR_PARSE);
    assert_null(store);
    fixture_free(fixture);
}

static void test_store__open_creates_parent_folders_and_schema(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    /* fixture_new opened <dir>/data/oberig/indicators.db */
    struct stat info;
    assert_int_equal(stat(path_in(fixture, "data/oberig"), &info), 0);
    assert_true(S_ISDIR(info.st_mode));
    assert_int_equal(info.st_mode & 0777, 0700);
    assert_int_equal(stat(fixture->db_path, &info), 0);
    assert_true(S_ISREG(info.st_mode));
    assert_int_equal(ob_ioc_store_schema_version(fixture->store), 5);
    totals(fixture, 0, 0);
    fixture_free(fixture);
}

static void run_sql(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    char *message = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK)
        fail_msg("'%s': %s", sql, message);
    sqlite3_close(db);
}

static void test_store__newer_schema_is_unsupported(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    ob_ioc_store_free(fixture->store);
    fixture->store = NULL;
    run_sql(fixture->db_path, "PRAGMA user_version = 99");
    struct ob_ioc_store *store = NULL;
    assert_int_equal(ob_ioc_store_open(fixture->ctx, fixture->db_path, false, &store),
                     OB_ERR_UNSUPPORTED);
    assert_null(store);
    expect_error(fixture, "99");
    /* With create, too: the store is not touched. */
    assert_int_equal(ob_ioc_store_open(fixture->ctx, fixture->db_path, true, &store),
                     OB_ERR_UNSUPPORTED);
    run_sql(fixture->db_path, "PRAGMA user_version = 5");
    assert_int_equal(ob_ioc_store_open(fixture->ctx, fixture->db_path, false, &store), OB_OK);
    assert_int_equal(ob_ioc_store_schema_version(store), 5);
    fixture->store = store;
    fixture_free(fixture);
}

static enum ob_status keep_entry(void *user, const struct ob_ioc_entry *entry)
{
    char *out = user;
    snprintf(out, 512, "%s|%s|%s|%s|%s", entry->value, entry->campaign, entry->source,
             entry->exclude, entry->signer);
    return OB_OK;
}

/* A store written by the first oberig (schema 1) is brought to the
 * current schema on open, its indicators kept, with no false-positive
 * regexes, no signers and no dates. */
static void test_store__first_schema_migrated(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    ob_ioc_store_free(fixture->store);
    fixture->store = NULL;
    unlink(fixture->db_path);
    FILE *file = fopen(fixture->db_path, "w");
    assert_non_null(file);
    fclose(file);
    run_sql(fixture->db_path,
            "CREATE TABLE indicators (id INTEGER PRIMARY KEY, type TEXT NOT NULL,"
            " value TEXT NOT NULL, value_unicode TEXT NOT NULL DEFAULT '', UNIQUE (type, value));"
            "CREATE TABLE provenance (indicator_id INTEGER NOT NULL REFERENCES indicators (id)"
            " ON DELETE CASCADE, source TEXT NOT NULL, source_file TEXT NOT NULL,"
            " campaign TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',"
            " score INTEGER, first_import INTEGER NOT NULL, last_import INTEGER NOT NULL,"
            " UNIQUE (indicator_id, source, source_file, campaign));"
            "CREATE INDEX provenance_source ON provenance (source);"
            "CREATE INDEX provenance_campaign ON provenance (campaign);"
            "CREATE TABLE imports (id INTEGER PRIMARY KEY, time INTEGER NOT NULL,"
            " files INTEGER NOT NULL, records INTEGER NOT NULL, added INTEGER NOT NULL);"
            "INSERT INTO indicators VALUES (1, 'domain', 'old.example', '');"
            "INSERT INTO provenance VALUES (1, 'old', 'old.csv', 'Old Wave', '', NULL, 1, 1);"
            "PRAGMA user_version = 1;");
    struct ob_ioc_store *store = NULL;
    assert_int_equal(ob_ioc_store_open(fixture->ctx, fixture->db_path, false, &store), OB_OK);
    assert_int_equal(ob_ioc_store_schema_version(store), 5);
    char entry[512] = "";
    assert_int_equal(ob_ioc_store_foreach(store, fixture->ctx, NULL, keep_entry, entry), OB_OK);
    assert_string_equal(entry, "old.example|Old Wave|old||");
    fixture->store = store;
    fixture_free(fixture);
}

static void test_store__reopening_keeps_data(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *csv = write_file(fixture, "in/list.csv",
                                 "domain,evil.example,bad host,Camp\nmd5," MD5_A ",,\n");
    import_ok(fixture, "feed", csv);
    assert_int_equal(fixture->report.added, 2);
    ob_ioc_store_free(fixture->store);
    fixture->store = NULL;
    assert_int_equal(ob_ioc_store_open(fixture->ctx, fixture->db_path, false, &fixture->store),
                     OB_OK);
    totals(fixture, 2, 2);
    struct entry_list *list = list_entries(fixture, NULL);
    const struct entry_copy *entry = expect_entry(list, OB_IOC_DOMAIN, "evil.example", "feed");
    assert_string_equal(entry->campaign, "Camp");
    assert_string_equal(entry->description, "bad host");
    assert_string_equal(entry->source_file, csv);
    assert_false(entry->has_score);
    free(list);
    fixture_free(fixture);
}

/* ---- importing ----------------------------------------------------------- */

static const char stix_hash_bundle[] =
    "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":["
    "{\"type\":\"malware\",\"id\":\"malware--1\",\"name\":\"Stix Malware\",\"is_family\":false},"
    "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"pattern_type\":\"stix\","
    "\"pattern\":\"[file:hashes.'SHA-256' = '" SHA256_A_UPPER "']\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--1\",\"target_ref\":\"malware--1\"}]}";

static const char one_stix_domain[] =
    "{\"type\":\"bundle\",\"id\":\"bundle--2\",\"objects\":["
    "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"pattern_type\":\"stix\","
    "\"pattern\":\"[domain-name:value = 'pegasus.example']\"}]}";

static void test_store__same_indicator_from_two_sources(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *csv = write_file(fixture, "a/list.csv", "sha256," SHA256_A ",from csv,Csv Camp\n");
    const char *stix = write_file(fixture, "b/bundle.stix2", stix_hash_bundle);
    import_ok(fixture, "csvfeed", csv);
    assert_int_equal(fixture->report.added, 1);
    import_ok(fixture, "stixfeed", stix);
    assert_int_equal(fixture->report.files, 1);
    assert_int_equal(fixture->report.records, 1);
    assert_int_equal(fixture->report.added, 0);
    assert_int_equal(fixture->report.provenances, 1);
    assert_int_equal(fixture->report.by_type[OB_IOC_SHA256], 1);
    totals(fixture, 1, 2);
    struct entry_list *list = list_entries(fixture, NULL);
    assert_int_equal(list->count, 2);
    /* Ordered by source. */
    assert_string_equal(list->items[0].source, "csvfeed");
    assert_string_equal(list->items[0].campaign, "Csv Camp");
    assert_string_equal(list->items[0].source_file, csv);
    assert_string_equal(list->items[1].source, "stixfeed");
    assert_string_equal(list->items[1].campaign, "Stix Malware");
    assert_string_equal(list->items[1].source_file, stix);
    assert_string_equal(list->items[1].value, SHA256_A);
    free(list);
    struct count_list counts;
    count_by(fixture, OB_IOC_COUNT_BY_SOURCE, &counts);
    assert_int_equal(counts.count, 2);
    assert_int_equal(count_of(&counts, "csvfeed"), 1);
    assert_int_equal(count_of(&counts, "stixfeed"), 1);
    fixture_free(fixture);
}

static void test_store__reimport_refreshes_without_duplicates(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *csv = write_file(fixture, "list.csv", "domain,evil.example,first,Camp\n");
    import_ok(fixture, "feed", csv);
    /* Pretend the first import was long ago. */
    run_sql(fixture->db_path, "UPDATE provenance SET first_import = 1000,"
                              " last_import = 1000");
    write_file(fixture, "list.csv", "domain,EVIL.example.,second,Camp\n");
    import_ok(fixture, "feed", csv);
    assert_int_equal(fixture->report.added, 0);
    assert_int_equal(fixture->report.provenances, 1);
    totals(fixture, 1, 1);
    struct entry_list *list = list_entries(fixture, NULL);
    assert_int_equal(list->count, 1);
    assert_int_equal(list->items[0].first_import, 1000);
    assert_true(list->items[0].last_import > 1000);
    assert_string_equal(list->items[0].description, "second"); /* the newest text */
    free(list);
    /* Without --source the name comes from the file. */
    import_ok(fixture, NULL, csv);
    totals(fixture, 1, 2);
    list = list_entries(fixture, NULL);
    expect_entry(list, OB_IOC_DOMAIN, "evil.example", "list");
    free(list);
    fixture_free(fixture);
}

static void test_store__default_source_names(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *bundle = write_file(fixture, "my.feeds/pegasus.stix2", one_stix_domain);
    import_ok(fixture, NULL, bundle);
    import_ok(fixture, NULL, path_in(fixture, "my.feeds/"));
    char *previous = getcwd(NULL, 0);
    assert_non_null(previous);
    assert_int_equal(chdir(path_in(fixture, "my.feeds")), 0);
    enum ob_status status = IMPORT(fixture, NULL, ".");
    assert_int_equal(chdir(previous), 0);
    free(previous);
    assert_int_equal(status, OB_OK);
    struct count_list counts;
    count_by(fixture, OB_IOC_COUNT_BY_SOURCE, &counts);
    assert_int_equal(counts.count, 2);
    assert_int_equal(count_of(&counts, "pegasus"), 1);
    assert_int_equal(count_of(&counts, "my"), 1); /* "." is the folder "my.feeds" */
    fixture_free(fixture);
}

static void test_store__import_is_one_transaction(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *before = write_file(fixture, "before.csv", "domain,kept.example\n");
    import_ok(fixture, "old", before);
    const char *good = write_file(fixture, "good.csv", "domain,good.example\nmd5," MD5_A "\n");
    const char *bad = write_file(fixture, "bad.json",
                                 "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\","
                                 "\"pattern\":\"[domain-name:value = 'x.example']\"");
    assert_int_equal(IMPORT(fixture, "new", good, bad), OB_ERR_PARSE);
    expect_error(fixture, "bad.json:1:"); /* file, line and column */
    assert_int_equal(fixture->report.added, 0);
    totals(fixture, 1, 1);
    struct entry_list *list = list_entries(fixture, NULL);
    assert_int_equal(count_entries(list, OB_IOC_DOMAIN, "good.example"), 0);
    free(list);
    /* The same with the bad file inside a folder. */
    write_file(fixture, "folder/a.csv", "domain,good.example\n");
    write_file(fixture, "folder/b/broken.json", "{\"Event\": {\"info\": \"x\", \"Attribute\": [");
    assert_int_equal(IMPORT(fixture, "new", path_in(fixture, "folder")), OB_ERR_PARSE);
    expect_error(fixture, "broken.json");
    totals(fixture, 1, 1);
    /* A path that does not exist fails the import as well. */
    assert_int_equal(IMPORT(fixture, "new", good, path_in(fixture, "absent.csv")),
                     OB_ERR_NOT_FOUND);
    expect_error(fixture, "absent.csv");
    totals(fixture, 1, 1);
    fixture_free(fixture);
}

static void test_store__unknown_formats(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *notes = write_file(fixture, "set/notes.txt", "evil.example\n");
    write_file(fixture, "set/list.csv", "domain,evil.example\n");
    write_file(fixture, "set/readme.md", "# indicators\n");
    write_file(fixture, "set/.hidden.csv", "bogus,line\n"); /* hidden: not read */
    assert_int_equal(IMPORT(fixture, "feed", notes), OB_ERR_UNSUPPORTED);
    expect_error(fixture, notes);
    totals(fixture, 0, 0);
    import_ok(fixture, "feed", path_in(fixture, "set/"));
    assert_int_equal(fixture->report.files, 1);
    assert_int_equal(fixture->report.ignored_files, 2);
    totals(fixture, 1, 1);
    fixture_free(fixture);
}

static const char one_stix[] =
    "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":["
    "{\"type\":\"malware\",\"id\":\"malware--1\",\"name\":\"Malware Name\",\"is_family\":false},"
    "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"pattern_type\":\"stix\","
    "\"pattern\":\"[domain-name:value = 'one.example']\"},"
    "{\"type\":\"indicator\",\"id\":\"indicator--2\",\"pattern_type\":\"stix\","
    "\"pattern\":\"[file:name = 'one.apk'] OR [process:name = 'onep']\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--1\",\"target_ref\":\"malware--1\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--2\",\"target_ref\":\"malware--1\"}]}";

static void test_store__indicators_yaml_names_campaigns(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    write_file(fixture, "mvt/indicators.yaml",
               "indicators:\n"
               "  -\n"
               "    type: github\n"
               "    name: Campaign One\n"
               "    sources:\n"
               "      - Lab\n"
               "    github:\n"
               "      owner: lab\n"
               "      repo: investigations\n"
               "      branch: main\n"
               "      path: ./2024_one/one.stix2\n"
               "  -\n"
               "    type: github\n"
               "    name: Campaign Two\n"
               "    github:\n"
               "      path: 2025_two/two.stix2\n");
    write_file(fixture, "mvt/2024_one/one.stix2", one_stix);
    write_file(fixture, "mvt/2024_one/sha256.txt", SHA256_A "\n"); /* not signature-base */
    write_file(fixture, "mvt/README.md", "hello\n");
    import_ok(fixture, NULL, path_in(fixture, "mvt"));
    const struct ob_ioc_import_report *report = &fixture->report;
    assert_int_equal(report->missing_files, 1);
    assert_true(has_note(report, "2025_two/two.stix2"));
    assert_true(has_note(report, "Campaign Two"));
    assert_int_equal(report->files, 2); /* indicators.yaml and one.stix2 */
    assert_int_equal(report->ignored_files, 2);
    assert_int_equal(report->records, 3);
    /* Read once, through the index, with its campaign. */
    totals(fixture, 3, 3);
    struct count_list counts;
    count_by(fixture, OB_IOC_COUNT_BY_CAMPAIGN, &counts);
    assert_int_equal(counts.count, 1);
    assert_int_equal(count_of(&counts, "Campaign One"), 3);
    struct entry_list *list = list_entries(fixture, NULL);
    const struct entry_copy *entry = expect_entry(list, OB_IOC_DOMAIN, "one.example", "mvt");
    assert_non_null(strstr(entry->source_file, "one.stix2"));
    expect_entry(list, OB_IOC_FILE_NAME, "one.apk", "mvt");
    expect_entry(list, OB_IOC_PROCESS_NAME, "onep", "mvt");
    assert_int_equal(count_entries(list, OB_IOC_SHA256, SHA256_A), 0);
    free(list);

    /* A bad index is a parse error naming it. */
    const char *bad = write_file(fixture, "bad/indicators.yaml", "indicators:\n  - [unclosed\n");
    assert_int_equal(IMPORT(fixture, NULL, bad), OB_ERR_PARSE);
    expect_error(fixture, bad);
    fixture_free(fixture);
}

#define EVENT_UUID "5f1a8f3c-0000-4000-8000-000000000001"
#define MISSING_UUID "5f1a8f3c-0000-4000-8000-000000000002"

static void test_store__misp_feed_folder(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    write_file(fixture, "feed/manifest.json",
               "{\"" EVENT_UUID "\":{\"info\":\"Feed Event\",\"timestamp\":\"1\"},"
               "\"" MISSING_UUID "\":{\"info\":\"Gone\"}}");
    write_file(fixture, "feed/" EVENT_UUID ".json",
               "{\"Event\":{\"info\":\"Feed Event\",\"uuid\":\"" EVENT_UUID "\",\"Attribute\":["
               "{\"type\":\"domain\",\"category\":\"Network activity\",\"to_ids\":true,"
               "\"value\":\"feed.example\"},"
               "{\"type\":\"ip-dst\",\"category\":\"Network activity\",\"to_ids\":true,"
               "\"value\":\"192.0.2.77\"},"
               "{\"type\":\"md5\",\"category\":\"Payload delivery\",\"to_ids\":false,"
               "\"value\":\"" MD5_A "\"}]}}");
    import_ok(fixture, "misp", path_in(fixture, "feed"));
    const struct ob_ioc_import_report *report = &fixture->report;
    assert_int_equal(report->files, 1);
    assert_int_equal(report->missing_files, 1);
    assert_true(has_note(report, MISSING_UUID));
    assert_int_equal(report->ignored_files, 0);
    assert_int_equal(report->skipped, 1);
    totals(fixture, 2, 2); /* the event file was not read a second time */
    struct entry_list *list = list_entries(fixture, NULL);
    assert_string_equal(expect_entry(list, OB_IOC_DOMAIN, "feed.example", "misp")->campaign,
                        "Feed Event");
    expect_entry(list, OB_IOC_IPV4, "192.0.2.77", "misp");
    free(list);
    fixture_free(fixture);
}

/* A manifest.json that is not a MISP feed's (a browser extension's, a web
 * app's) is passed over with a note; the folder's other files are read. */
static void test_store__manifest_that_is_not_a_feed(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    write_file(fixture, "ext/manifest.json", "{\"manifest_version\":3,\"name\":\"Reader\"}");
    write_file(fixture, "ext/c2-iocs.txt", "c2.evil.example\n");
    write_file(fixture, "app/manifest.json", "[\"" EVENT_UUID "\"]");
    write_file(fixture, "app/c2-iocs.txt", "192.0.2.5\n");
    import_ok(fixture, "other", path_in(fixture, "ext"));
    const struct ob_ioc_import_report *report = &fixture->report;
    assert_int_equal(report->files, 1);
    assert_int_equal(report->missing_files, 0);
    assert_int_equal(report->ignored_files, 1);
    assert_true(has_note(report, "its key 'manifest_version' is not an event UUID"));
    assert_int_equal(report->by_type[OB_IOC_DOMAIN], 1);
    import_ok(fixture, "other", path_in(fixture, "app"));
    assert_int_equal(report->files, 1);
    assert_int_equal(report->ignored_files, 1);
    assert_true(has_note(report, "not an object of event UUIDs"));
    assert_int_equal(report->by_type[OB_IOC_IPV4], 1);
    write_file(fixture, "web/manifest.json", "// a comment\n{\"name\":\"x\"}");
    write_file(fixture, "web/c2-iocs.txt", "c2.web.example\n");
    import_ok(fixture, "other", path_in(fixture, "web"));
    assert_int_equal(report->files, 1);
    assert_int_equal(report->ignored_files, 1);
    assert_true(has_note(report, "not a MISP feed"));
    assert_true(has_note(report, "not JSON"));
    fixture_free(fixture);
}

static void test_store__signature_base_lists_in_folder(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    write_file(fixture, "sb/hash-iocs.txt",
               "# Evil tools\n" MD5_A ";md5 tool\n" SHA1_A ";90;sha1 tool\n" SHA256_A_UPPER
               "\nnot-a-hash;x\n");
    write_file(fixture, "sb/filename-iocs.txt",
               "# Droppers\n\\\\evil_[0-9]+\\.bin$;80\n\\\\Temp\\\\x\\.exe;70\n");
    write_file(fixture, "sb/c2-iocs.txt", "# C2\nC2.Evil.Example\n192.0.2.5;90\n2001:db8::5\n");
    write_file(fixture, "sb/sha256.txt", SHA256_B "\n");
    write_file(fixture, "sb/falsepositive-hashes-iocs.txt", SHA256_B "\n");
    import_ok(fixture, "sigbase", path_in(fixture, "sb"));
    const struct ob_ioc_import_report *report = &fixture->report;
    assert_int_equal(report->files, 3);
    assert_int_equal(report->ignored_files, 2);
    assert_int_equal(report->by_type[OB_IOC_MD5], 1);
    assert_int_equal(report->by_type[OB_IOC_SHA1], 1);
    assert_int_equal(report->by_type[OB_IOC_SHA256], 1);
    assert_int_equal(report->by_type[OB_IOC_FILE_PATH_REGEX], 2);
    assert_int_equal(report->by_type[OB_IOC_DOMAIN], 1);
    assert_int_equal(report->by_type[OB_IOC_IPV4], 1);
    assert_int_equal(report->by_type[OB_IOC_IPV6], 1);
    struct count_list counts;
    count_by(fixture, OB_IOC_COUNT_BY_TYPE, &counts);
    assert_int_equal(count_of(&counts, "sha256"), 1);
    assert_int_equal(count_of(&counts, "file-path-regex"), 2);
    assert_int_equal(count_of(&counts, "domain"), 1);
    struct entry_list *list = list_entries(fixture, NULL);
    expect_entry(list, OB_IOC_SHA256, SHA256_A, "sigbase");
    assert_int_equal(count_entries(list, OB_IOC_SHA256, SHA256_B), 0);
    const struct entry_copy *entry = expect_entry(list, OB_IOC_SHA1, SHA1_A, NULL);
    assert_true(entry->has_score);
    assert_int_equal(entry->score, 90);
    assert_string_equal(entry->description, "sha1 tool");
    expect_entry(list, OB_IOC_DOMAIN, "c2.evil.example", NULL);
    expect_entry(list, OB_IOC_FILE_PATH_REGEX, "\\\\evil_[0-9]+\\.bin$", NULL);
    free(list);
    /* Named directly, Loki's names are enough. */
    const char *named = write_file(fixture, "other/my-hashes.txt", SHA256_B "\n");
    import_ok(fixture, "sigbase", named);
    assert_int_equal(fixture->report.by_type[OB_IOC_SHA256], 1);
    fixture_free(fixture);
}

static void test_store__unsupported_stix_patterns_reported(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *bundle = write_file(
        fixture, "mixed.json",
        "{\"type\":\"bundle\",\"objects\":["
        "{\"type\":\"indicator\",\"id\":\"indicator--s1\",\"pattern\":\"title: x\","
        "\"pattern_type\":\"sigma\"},"
        "{\"type\":\"indicator\",\"id\":\"indicator--s2\",\"pattern\":\"title: y\","
        "\"pattern_type\":\"sigma\"},"
        "{\"type\":\"indicator\",\"id\":\"indicator--n\",\"pattern_type\":\"stix\","
        "\"pattern\":\"[network-traffic:dst_port = 443] OR [domain-name:value = 'ok.example']\"}"
        "]}");
    import_ok(fixture, "feed", bundle);
    const struct ob_ioc_import_report *report = &fixture->report;
    assert_int_equal(report->unsupported, 3);
    assert_true(has_note(report, "2 x STIX pattern_type 'sigma'"));
    assert_true(has_note(report, "indicator--s1"));
    assert_true(has_note(report, "network-traffic:dst_port"));
    assert_int_equal(report->records, 1);
    totals(fixture, 1, 1);
    fixture_free(fixture);
}

static void test_store__json_kind_from_top_level_keys(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        enum ob_ioc_json_kind kind;
    } cases[] = {
        {"{\"type\":\"bundle\",\"objects\":[]}", OB_IOC_JSON_STIX},
        /* "Event" and "response" nested or as values say nothing. */
        {"{\"id\":\"bundle--1\",\"x_note\":{\"Event\":{},\"response\":[]},\"objects\":[]}",
         OB_IOC_JSON_STIX},
        {"{\"id\":\"bundle--1\",\"name\":\"Event\",\"type\":\"bundle\"}", OB_IOC_JSON_STIX},
        {"{\"a\":\"\\\"Event\\\":\",\"spec_version\":\"2.0\"}", OB_IOC_JSON_STIX},
        {" \n{\"Event\":{\"info\":\"x\"}}", OB_IOC_JSON_MISP},
        {"[ {\"Event\":{}}, {\"Event\":{}} ]", OB_IOC_JSON_MISP},
        {"{\"response\":[]}", OB_IOC_JSON_MISP},
        {"{\"info\":\"objects\",\"date\":1,\"Attribute\":[]}", OB_IOC_JSON_MISP},
        {"{\"a\":[1,{\"objects\":2}],\"b\":true,\"Object\":[]}", OB_IOC_JSON_MISP},
        {"{\"type\":\"indicator\"}", OB_IOC_JSON_UNKNOWN},
        {"{\"type\":\"bundles\"}", OB_IOC_JSON_UNKNOWN},
        {"{\"name\":\"x\"}", OB_IOC_JSON_UNKNOWN},
        {"\"Event\"", OB_IOC_JSON_UNKNOWN},
        {"[]", OB_IOC_JSON_UNKNOWN},
        {"", OB_IOC_JSON_UNKNOWN},
        {"{\"type\":\"bun", OB_IOC_JSON_UNKNOWN},
        {"{\"type\":\"bundle\",\"objects\":[{", OB_IOC_JSON_STIX},
        {"{\"a\" \"Event\":1}", OB_IOC_JSON_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum ob_ioc_json_kind kind = ioc_json_sniff(cases[i].text, strlen(cases[i].text));
        if (kind != cases[i].kind)
            fail_msg("'%s' sniffed as %d, expected %d", cases[i].text, kind, cases[i].kind);
    }
    /* Deep nesting before any key that decides costs no recursion. */
    size_t depth = 200000;
    char *deep = malloc(depth + 32);
    assert_non_null(deep);
    strcpy(deep, "{\"a\":");
    memset(deep + 5, '[', depth);
    strcpy(deep + 5 + depth, "");
    assert_int_equal(ioc_json_sniff(deep, strlen(deep)), OB_IOC_JSON_UNKNOWN);
    free(deep);

    /* A bundle that mentions "Event" early is still imported as STIX. */
    struct fixture *fixture = fixture_new();
    const char *bundle =
        write_file(fixture, "event.json",
                   "{\"type\":\"bundle\",\"objects\":["
                   "{\"type\":\"identity\",\"id\":\"identity--1\",\"name\":\"Event\"},"
                   "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"pattern_type\":\"stix\","
                   "\"pattern\":\"[domain-name:value = 'event.example']\"}]}");
    import_ok(fixture, "feed", bundle);
    totals(fixture, 1, 1);
    fixture_free(fixture);
}

/* ---- CSV ------------------------------------------------------------------ */

static void test_store__csv_quoting_and_line_endings(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *csv = write_file(fixture, "q.csv",
                                 "\xEF\xBB\xBFtype,value,description,campaign\r\n"
                                 "domain,comma.example,\"a, b\",Camp A\r\n"
                                 "md5," MD5_A ",\"say \"\"hi\"\"\",\"Camp \"\"B\"\"\"\r\n"
                                 "\r\n"
                                 "# a comment line\n"
                                 "url,http://x.example/,\"line one\nline two\",Multi\n"
                                 "ipv4,192.0.2.1\n"
                                 "Domain-Name,alias.example,,\n"
                                 "email,\"Quoted@Example.ORG\"");
    import_ok(fixture, "csv", csv);
    assert_int_equal(fixture->report.records, 6);
    struct entry_list *list = list_entries(fixture, NULL);
    const struct entry_copy *entry = expect_entry(list, OB_IOC_DOMAIN, "comma.example", NULL);
    assert_string_equal(entry->description, "a, b");
    assert_string_equal(entry->campaign, "Camp A");
    entry = expect_entry(list, OB_IOC_MD5, MD5_A, NULL);
    assert_string_equal(entry->description, "say \"hi\"");
    assert_string_equal(entry->campaign, "Camp \"B\"");
    entry = expect_entry(list, OB_IOC_URL, "http://x.example/", NULL);
    assert_string_equal(entry->description, "line one\nline two");
    assert_string_equal(entry->campaign, "Multi");
    entry = expect_entry(list, OB_IOC_IPV4, "192.0.2.1", NULL);
    assert_string_equal(entry->description, "");
    assert_string_equal(entry->campaign, "");
    expect_entry(list, OB_IOC_DOMAIN, "alias.example", NULL);
    expect_entry(list, OB_IOC_EMAIL, "quoted@example.org", NULL);
    free(list);

    /* No header; old Mac line ends (a lone CR) end records too. */
    const char *bare = write_file(fixture, "bare.csv",
                                  "domain,cr1.example\rdomain,cr2.example\rsha1," SHA1_A "\r");
    import_ok(fixture, "csv", bare);
    assert_int_equal(fixture->report.records, 3);
    list = list_entries(fixture, NULL);
    expect_entry(list, OB_IOC_DOMAIN, "cr1.example", NULL);
    expect_entry(list, OB_IOC_DOMAIN, "cr2.example", NULL);
    expect_entry(list, OB_IOC_SHA1, SHA1_A, NULL);
    free(list);

    /* A value not valid for its type is left out and counted, not fatal. */
    const char *invalid = write_file(fixture, "invalid.csv", "md5,nothex\ndomain,ok.example\n");
    import_ok(fixture, "csv", invalid);
    assert_int_equal(fixture->report.invalid, 1);
    assert_int_equal(fixture->report.records, 1);
    assert_true(fixture->log.warnings > 0);
    assert_non_null(strstr(fixture->log.last, "line 1"));
    fixture_free(fixture);
}

static void test_store__csv_errors_name_file_and_line(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *unknown = write_file(fixture, "unknown.csv",
                                     "type,value\ndomain,ok.example\ndomain,\"multi\nline\"\n"
                                     "bogus,x.example\n");
    assert_int_equal(IMPORT(fixture, "csv", unknown), OB_ERR_PARSE);
    expect_error(fixture, "unknown.csv:5");
    expect_error(fixture, "bogus");
    const char *open_quote = write_file(fixture, "quote.csv",
                                        "domain,ok.example\ndomain,\"never.example\n\n");
    assert_int_equal(IMPORT(fixture, "csv", open_quote), OB_ERR_PARSE);
    expect_error(fixture, "quote.csv:2");
    expect_error(fixture, "not closed");
    const char *after_quote = write_file(fixture, "after.csv", "domain,\"a.example\"x,d\n");
    assert_int_equal(IMPORT(fixture, "csv", after_quote), OB_ERR_PARSE);
    expect_error(fixture, "after.csv:1");
    const char *one_field = write_file(fixture, "one.csv", "domain\n");
    assert_int_equal(IMPORT(fixture, "csv", one_field), OB_ERR_PARSE);
    expect_error(fixture, "one.csv:1");
    const char *wide = write_file(fixture, "wide.csv",
                                  "domain,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q\n");
    assert_int_equal(IMPORT(fixture, "csv", wide), OB_ERR_PARSE);
    expect_error(fixture, "too many fields");
    totals(fixture, 0, 0);
    fixture_free(fixture);
}

/* ---- removal and counts ---------------------------------------------------- */

static void test_store__remove_source_keeps_shared_indicators(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *a = write_file(fixture, "a.csv", "domain,only-a.example\ndomain,shared.example\n");
    const char *b = write_file(fixture, "b.csv", "domain,shared.example\ndomain,only-b.example\n");
    import_ok(fixture, "a", a);
    import_ok(fixture, "b", b);
    totals(fixture, 3, 4);
    uint64_t removed = 99;
    assert_int_equal(ob_ioc_store_remove_source(fixture->store, fixture->ctx, "a", &removed),
                     OB_OK);
    assert_int_equal(removed, 1);
    totals(fixture, 2, 2);
    struct entry_list *list = list_entries(fixture, NULL);
    assert_int_equal(count_entries(list, OB_IOC_DOMAIN, "only-a.example"), 0);
    expect_entry(list, OB_IOC_DOMAIN, "shared.example", "b");
    expect_entry(list, OB_IOC_DOMAIN, "only-b.example", "b");
    free(list);
    assert_int_equal(ob_ioc_store_remove_source(fixture->store, fixture->ctx, "none", &removed),
                     OB_OK);
    assert_int_equal(removed, 0);
    assert_int_equal(ob_ioc_store_remove_source(fixture->store, fixture->ctx, "b", NULL), OB_OK);
    totals(fixture, 0, 0);
    fixture_free(fixture);
}

static void test_store__counts_and_filters(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *one = write_file(fixture, "one.csv",
                                 "domain,d1.example,,Alpha\ndomain,d2.example,,Alpha\n"
                                 "sha256," SHA256_A ",,Beta\nurl,http://u.example/,,\n");
    const char *two = write_file(fixture, "two.csv", "domain,d1.example,,Beta\n");
    import_ok(fixture, "one", one);
    import_ok(fixture, "two", two);
    struct count_list counts;
    count_by(fixture, OB_IOC_COUNT_BY_TYPE, &counts);
    assert_int_equal(counts.count, 3);
    assert_int_equal(count_of(&counts, "domain"), 2); /* d1 once, though twice provenanced */
    assert_int_equal(count_of(&counts, "sha256"), 1);
    assert_int_equal(count_of(&counts, "url"), 1);
    count_by(fixture, OB_IOC_COUNT_BY_SOURCE, &counts);
    assert_int_equal(count_of(&counts, "one"), 4);
    assert_int_equal(count_of(&counts, "two"), 1);
    count_by(fixture, OB_IOC_COUNT_BY_CAMPAIGN, &counts);
    assert_int_equal(count_of(&counts, "Alpha"), 2);
    assert_int_equal(count_of(&counts, "Beta"), 2);
    assert_int_equal(count_of(&counts, ""), 1);
    assert_int_equal(ob_ioc_store_count(fixture->store, fixture->ctx, (enum ob_ioc_count_by)7,
                                        collect_count, &counts),
                     OB_ERR_INVALID_ARGUMENT);

    struct ob_ioc_filter by_type = {.type = OB_IOC_DOMAIN};
    struct entry_list *list = list_entries(fixture, &by_type);
    assert_int_equal(list->count, 3);
    free(list);
    struct ob_ioc_filter by_source = {.any_type = true, .source = "two"};
    list = list_entries(fixture, &by_source);
    assert_int_equal(list->count, 1);
    assert_string_equal(list->items[0].campaign, "Beta");
    free(list);
    struct ob_ioc_filter by_campaign = {.any_type = true, .campaign = "Beta"};
    list = list_entries(fixture, &by_campaign);
    assert_int_equal(list->count, 2);
    free(list);
    struct ob_ioc_filter both = {.type = OB_IOC_SHA256, .source = "one", .campaign = "Alpha"};
    list = list_entries(fixture, &both);
    assert_int_equal(list->count, 0);
    free(list);
    fixture_free(fixture);
}

struct source_list {
    char lines[8][256];
    size_t count;
};

static enum ob_status collect_source(void *user, const struct ob_ioc_source_info *source)
{
    struct source_list *list = user;
    if (list->count < 8)
        snprintf(list->lines[list->count++], 256, "%s|%s|%s|%lld|%llu|%llu", source->source,
                 source->campaign, source->publisher, (long long)source->published,
                 (unsigned long long)source->indicators, (unsigned long long)source->expired);
    return OB_OK;
}

/* Sources are listed per file and campaign with what the publisher said;
 * filters match part of a name in any case; older_than keeps the stale. */
static void test_store__sources_dated_and_filtered(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    import_ok(fixture, "misp",
              write_file(fixture, "event.json",
                         "{\"Event\":{\"info\":\"Coruna Wave\",\"date\":\"2025-01-20\","
                         "\"Orgc\":{\"name\":\"CERT\"},\"Attribute\":["
                         "{\"type\":\"domain\",\"value\":\"c.example\",\"to_ids\":true},"
                         "{\"type\":\"link\",\"value\":\"https://cert.example/a\","
                         "\"to_ids\":false}]}}"));
    import_ok(fixture, "local", write_file(fixture, "local.csv", "domain,l.example,,Other\n"));
    struct source_list list = {0};
    struct ob_ioc_filter all = {.any_type = true};
    int64_t now = (int64_t)time(NULL);
    assert_int_equal(ob_ioc_store_sources(fixture->store, fixture->ctx, &all, 0, now,
                                          collect_source, &list),
                     OB_OK);
    assert_int_equal(list.count, 2);
    assert_string_equal(list.lines[1], "misp|Coruna Wave|CERT|1737331200|1|0");
    assert_int_equal(strncmp(list.lines[0], "local|Other||0|1|0", 18), 0);
    /* older than 90 days: only the dated event */
    list.count = 0;
    assert_int_equal(ob_ioc_store_sources(fixture->store, fixture->ctx, &all, now - 90 * 86400, now,
                                          collect_source, &list),
                     OB_OK);
    assert_int_equal(list.count, 1);
    assert_string_equal(list.lines[0], "misp|Coruna Wave|CERT|1737331200|1|0");
    /* part of the name, any case */
    struct ob_ioc_filter coruna = {.any_type = true, .campaign = "cORUNA"};
    struct entry_list *entries = list_entries(fixture, &coruna);
    assert_int_equal(entries->count, 1);
    assert_string_equal(entries->items[0].campaign, "Coruna Wave");
    free(entries);
    struct ob_ioc_filter source = {.any_type = true, .source = "OCA"};
    entries = list_entries(fixture, &source);
    assert_int_equal(entries->count, 1);
    assert_string_equal(entries->items[0].campaign, "Other");
    free(entries);
    fixture_free(fixture);
}

static enum ob_status stop_walk(void *user, const struct ob_ioc_entry *entry)
{
    (void)entry;
    (*(size_t *)user)++;
    return OB_ERR_LIMIT;
}

static void test_store__foreach_stops_at_callback_error(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    import_ok(fixture, "x", write_file(fixture, "x.csv", "domain,a.example\ndomain,b.example\n"));
    size_t calls = 0;
    struct ob_ioc_filter all = {.any_type = true};
    assert_int_equal(ob_ioc_store_foreach(fixture->store, fixture->ctx, &all, stop_walk, &calls),
                     OB_ERR_LIMIT);
    assert_int_equal(calls, 1);
    fixture_free(fixture);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_store__open_missing_without_create_is_not_found),
        cmocka_unit_test(test_store__open_creates_parent_folders_and_schema),
        cmocka_unit_test(test_store__newer_schema_is_unsupported),
        cmocka_unit_test(test_store__first_schema_migrated),
        cmocka_unit_test(test_store__reopening_keeps_data),
        cmocka_unit_test(test_store__same_indicator_from_two_sources),
        cmocka_unit_test(test_store__reimport_refreshes_without_duplicates),
        cmocka_unit_test(test_store__default_source_names),
        cmocka_unit_test(test_store__import_is_one_transaction),
        cmocka_unit_test(test_store__unknown_formats),
        cmocka_unit_test(test_store__indicators_yaml_names_campaigns),
        cmocka_unit_test(test_store__misp_feed_folder),
        cmocka_unit_test(test_store__manifest_that_is_not_a_feed),
        cmocka_unit_test(test_store__signature_base_lists_in_folder),
        cmocka_unit_test(test_store__unsupported_stix_patterns_reported),
        cmocka_unit_test(test_store__json_kind_from_top_level_keys),
        cmocka_unit_test(test_store__csv_quoting_and_line_endings),
        cmocka_unit_test(test_store__csv_errors_name_file_and_line),
        cmocka_unit_test(test_store__remove_source_keeps_shared_indicators),
        cmocka_unit_test(test_store__counts_and_filters),
        cmocka_unit_test(test_store__sources_dated_and_filtered),
        cmocka_unit_test(test_store__foreach_stops_at_callback_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
