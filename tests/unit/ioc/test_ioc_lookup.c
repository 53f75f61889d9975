/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of reading an indicator store back: the in-memory lookup of
 * domains, URLs, addresses and networks (shared by threads), and the scan
 * set of file names, paths and hashes loaded from the store. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <pthread.h>

#include "oberig/indicators.h"
#include "oberig/ioc.h"
#include "store_fixture.h"

/* ---- lookup ---------------------------------------------------------------- */

struct matches {
    size_t count;
    char values[16][256];
    char campaigns[16][64];
    char sources[16][64];
};

static void collect_match(void *user, const struct ob_ioc_match *match)
{
    struct matches *matches = user;
    assert_true(matches->count < 16);
    snprintf(matches->values[matches->count], sizeof(matches->values[0]), "%s", match->value);
    snprintf(matches->campaigns[matches->count], sizeof(matches->campaigns[0]), "%s",
             match->campaign);
    snprintf(matches->sources[matches->count], sizeof(matches->sources[0]), "%s", match->source);
    matches->count++;
}

static bool matched(const struct matches *matches, const char *value, const char *campaign)
{
    for (size_t i = 0; i < matches->count; i++)
        if (strcmp(matches->values[i], value) == 0 &&
            (campaign == NULL || strcmp(matches->campaigns[i], campaign) == 0))
            return true;
    return false;
}

/* Looks `value` up as `type`, expects `found` indicators, returns the matches. */
static struct matches find(const struct ob_ioc_lookup *lookup, enum ob_ioc_type type,
                           const char *value, size_t found)
{
    struct matches matches = {.count = 0};
    size_t got = ob_ioc_lookup_find(lookup, type, value, strlen(value), collect_match, &matches);
    if (got != found)
        fail_msg("%s '%s' found %zu indicators, expected %zu", ob_ioc_type_name(type), value, got,
                 found);
    return matches;
}

static const char lookup_csv[] = "domain,Evil.Example,,C-dom\n"
                                 "url,https://Phish.Example/Login,,C-url\n"
                                 "domain,phish.example,,C-phish\n"
                                 "email,CEO@Mail.Example,,C-mail\n"
                                 "domain,mail.example,,C-maildom\n"
                                 "ipv4,10.0.0.0/8,,C-net\n"
                                 "ipv4,192.0.2.1,,C-ip\n"
                                 "ipv6,2001:db8::/32,,C-net6\n"
                                 "sha256," SHA256_A ",,C-hash\n"
                                 "domain," UKR_UNICODE ",,C-idn\n";

static struct fixture *lookup_fixture(struct ob_ioc_lookup **lookup)
{
    struct fixture *fixture = fixture_new();
    import_ok(fixture, "net", write_file(fixture, "net.csv", lookup_csv));
    /* A second provenance of one indicator. */
    import_ok(fixture, "other", write_file(fixture, "other.csv", "domain,evil.example,,C-two\n"));
    assert_int_equal(ob_ioc_lookup_new(fixture->store, fixture->ctx, lookup), OB_OK);
    /* The hash is the scanning set's, never looked up here. */
    assert_int_equal(ob_ioc_lookup_size(*lookup), 9);
    return fixture;
}

static void test_ioc_lookup__domains_urls_and_addresses(void **state)
{
    (void)state;
    struct ob_ioc_lookup *lookup = NULL;
    struct fixture *fixture = lookup_fixture(&lookup);

    struct matches matches = find(lookup, OB_IOC_DOMAIN, "evil.example", 1);
    assert_int_equal(matches.count, 2); /* one indicator, two provenances */
    assert_true(matched(&matches, "evil.example", "C-dom"));
    assert_true(matched(&matches, "evil.example", "C-two"));
    assert_string_equal(matches.sources[0], "net");
    assert_string_equal(matches.sources[1], "other");
    matches = find(lookup, OB_IOC_DOMAIN, "A.B.Evil.Example.", 1);
    assert_true(matched(&matches, "evil.example", NULL));
    matches = find(lookup, OB_IOC_DOMAIN, "notevil.example", 0);
    assert_int_equal(matches.count, 0);
    find(lookup, OB_IOC_DOMAIN, "evil.example.org", 0);
    find(lookup, OB_IOC_DOMAIN, "example", 0);
    matches = find(lookup, OB_IOC_DOMAIN, "www." UKR_UNICODE, 1);
    assert_true(matched(&matches, UKR_ASCII, "C-idn"));

    /* A URL: itself, and its host as a domain. */
    matches = find(lookup, OB_IOC_URL, "HTTPS://PHISH.example/Login", 2);
    assert_true(matched(&matches, "https://phish.example/Login", "C-url"));
    assert_true(matched(&matches, "phish.example", "C-phish"));
    find(lookup, OB_IOC_URL, "https://phish.example/login", 1); /* path case counts */
    matches = find(lookup, OB_IOC_URL, "http://user@cdn.evil.example:8080/x", 1);
    assert_true(matched(&matches, "evil.example", "C-dom"));
    /* No scheme: the host comes first, even with a URL in the query. */
    matches = find(lookup, OB_IOC_URL, "evil.example/go?u=https://phish.example/", 1);
    assert_true(matched(&matches, "evil.example", NULL));
    assert_false(matched(&matches, "phish.example", NULL));
    find(lookup, OB_IOC_URL, "https://safe.example/?r=evil.example", 0);

    /* An address: itself and its domain. */
    matches = find(lookup, OB_IOC_EMAIL, "Ceo@MAIL.example", 2);
    assert_true(matched(&matches, "ceo@mail.example", "C-mail"));
    assert_true(matched(&matches, "mail.example", "C-maildom"));
    matches = find(lookup, OB_IOC_EMAIL, "someone@lists.mail.example", 1);
    assert_true(matched(&matches, "mail.example", NULL));

    /* IPs: exact, and inside a stored network. */
    matches = find(lookup, OB_IOC_IPV4, "10.200.3.4", 1);
    assert_true(matched(&matches, "10.0.0.0/8", "C-net"));
    find(lookup, OB_IOC_IPV4, "11.0.0.1", 0);
    find(lookup, OB_IOC_IPV4, "192.0.2.1", 1);
    find(lookup, OB_IOC_IPV4, "192.0.2.2", 0);
    matches = find(lookup, OB_IOC_IPV6, "2001:DB8:0::5", 1);
    assert_true(matched(&matches, "2001:db8::/32", "C-net6"));
    find(lookup, OB_IOC_IPV6, "2001:db9::5", 0);

    /* Hashes are the scanning set's: not in the lookup. */
    find(lookup, OB_IOC_SHA256, SHA256_A_UPPER, 0);
    find(lookup, OB_IOC_MD5, SHA256_A, 0);

    /* Values that do not normalise find nothing, and call nothing. */
    matches = find(lookup, OB_IOC_DOMAIN, "evil example", 0);
    assert_int_equal(matches.count, 0);
    find(lookup, OB_IOC_IPV4, "not-an-ip", 0);
    find(lookup, OB_IOC_EMAIL, "evil.example", 0);
    find(lookup, OB_IOC_DOMAIN, "", 0);
    /* A NULL callback only counts. */
    assert_int_equal(ob_ioc_lookup_find(lookup, OB_IOC_DOMAIN, "x.evil.example", 14, NULL, NULL),
                     1);
    ob_ioc_lookup_free(lookup);
    fixture_free(fixture);
}

struct lookup_thread {
    const struct ob_ioc_lookup *lookup;
    size_t found;
};

static void *lookup_many(void *user)
{
    struct lookup_thread *thread = user;
    static const struct {
        enum ob_ioc_type type;
        const char *value;
    } probes[] = {
        {OB_IOC_DOMAIN, "a.evil.example"}, {OB_IOC_URL, "https://www." UKR_UNICODE "/x"},
        {OB_IOC_EMAIL, "x@mail.example"},  {OB_IOC_IPV4, "10.1.1.1"},
        {OB_IOC_DOMAIN, "safe.example"},
    };
    for (int pass = 0; pass < 200; pass++)
        for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
            thread->found += ob_ioc_lookup_find(thread->lookup, probes[i].type, probes[i].value,
                                                strlen(probes[i].value), NULL, NULL);
    return NULL;
}

static void test_ioc_lookup__is_shared_by_threads(void **state)
{
    (void)state;
    struct ob_ioc_lookup *lookup = NULL;
    struct fixture *fixture = lookup_fixture(&lookup);
    struct lookup_thread threads[4];
    pthread_t ids[4];
    for (size_t i = 0; i < 4; i++) {
        threads[i] = (struct lookup_thread){.lookup = lookup};
        assert_int_equal(pthread_create(&ids[i], NULL, lookup_many, &threads[i]), 0);
    }
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(pthread_join(ids[i], NULL), 0);
        assert_int_equal(threads[i].found, 200 * 4);
    }
    ob_ioc_lookup_free(lookup);
    fixture_free(fixture);
}

static void test_ioc_lookup__of_empty_store(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    struct ob_ioc_lookup *lookup = NULL;
    assert_int_equal(ob_ioc_lookup_new(fixture->store, fixture->ctx, &lookup), OB_OK);
    assert_int_equal(ob_ioc_lookup_size(lookup), 0);
    find(lookup, OB_IOC_DOMAIN, "evil.example", 0);
    find(lookup, OB_IOC_IPV4, "10.0.0.1", 0);
    ob_ioc_lookup_free(lookup);
    ob_ioc_lookup_free(NULL);
    fixture_free(fixture);
}

/* Looks a visited `url` up, expects `found` indicators, returns the matches. */
static struct matches find_address(const struct ob_ioc_lookup *lookup, const char *url,
                                   size_t found)
{
    struct matches matches = {.count = 0};
    size_t got = ob_ioc_lookup_find_address(lookup, url, strlen(url), collect_match, &matches);
    if (got != found)
        fail_msg("address '%s' found %zu indicators, expected %zu", url, got, found);
    return matches;
}

static void test_ioc_lookup__addresses_by_url_domain_and_ip(void **state)
{
    (void)state;
    struct ob_ioc_lookup *lookup = NULL;
    struct fixture *fixture = lookup_fixture(&lookup);
    /* The URL itself and its host's parent domain. */
    struct matches matches = find_address(lookup, "https://PHISH.example/Login", 2);
    assert_true(matched(&matches, "https://phish.example/Login", "C-url"));
    assert_true(matched(&matches, "phish.example", "C-phish"));
    matches = find_address(lookup, "http://user@a.evil.example:8080/x?y#z", 1);
    assert_true(matched(&matches, "evil.example", "C-two"));
    /* An IP host, and one in a network; IPv6 in brackets. */
    matches = find_address(lookup, "http://192.0.2.1/panel", 1);
    assert_true(matched(&matches, "192.0.2.1", "C-ip"));
    matches = find_address(lookup, "https://10.1.2.3:443/", 1);
    assert_true(matched(&matches, "10.0.0.0/8", "C-net"));
    matches = find_address(lookup, "http://[2001:db8::7]/", 1);
    assert_true(matched(&matches, "2001:db8::/32", "C-net6"));
    /* Too long to normalise as a URL, still matched by its host. */
    char long_url[OB_IOC_VALUE_MAX + 100];
    int written = snprintf(long_url, sizeof(long_url), "https://x.evil.example/?q=");
    memset(long_url + written, 'a', sizeof(long_url) - (size_t)written - 1);
    long_url[sizeof(long_url) - 1] = '\0';
    find_address(lookup, long_url, 1);
    find_address(lookup, "https://example.org/", 0);
    find_address(lookup, "about:blank", 0);
    find_address(lookup, "", 0);
    ob_ioc_lookup_free(lookup);
    fixture_free(fixture);
}

static void test_ioc_lookup__with_c2_lists(void **state)
{
    (void)state;
    struct ob_ioc_lookup *lookup = NULL;
    struct fixture *fixture = lookup_fixture(&lookup);
    ob_ioc_lookup_free(lookup);
    struct ob_indicators *iocs = NULL;
    assert_int_equal(ob_indicators_new(&iocs), OB_OK);
    static const char c2[] =
        "# DarkSword\nnovosti.dn.ua\nEvil.Example\n198.51.100.9\n2001:db8:1::5\n";
    assert_int_equal(ob_indicators_parse_c2(iocs, fixture->ctx, "c2-iocs.txt", c2, strlen(c2)),
                     OB_OK);
    /* The store's and the lists' indicators together. */
    assert_int_equal(ob_ioc_lookup_new_with_lists(fixture->store, iocs, fixture->ctx, &lookup),
                     OB_OK);
    assert_int_equal(ob_ioc_lookup_size(lookup), 13); /* 9 of the store, 4 of the list */
    struct matches matches = find(lookup, OB_IOC_DOMAIN, "news.novosti.dn.ua", 1);
    assert_true(matched(&matches, "novosti.dn.ua", ""));
    assert_string_equal(matches.sources[0], "c2-iocs.txt:2");
    /* Held by the store and a list: both sources, one indicator. */
    matches = find(lookup, OB_IOC_DOMAIN, "evil.example", 1);
    assert_int_equal(matches.count, 3);
    assert_true(matched(&matches, "evil.example", "C-dom"));
    assert_string_equal(matches.sources[2], "c2-iocs.txt:3");
    find(lookup, OB_IOC_IPV4, "198.51.100.9", 1);
    find(lookup, OB_IOC_IPV6, "2001:db8:1::5", 2); /* and the store's 2001:db8::/32 */
    ob_ioc_lookup_free(lookup);
    /* The lists alone, without a store. */
    assert_int_equal(ob_ioc_lookup_new_with_lists(NULL, iocs, fixture->ctx, &lookup), OB_OK);
    assert_int_equal(ob_ioc_lookup_size(lookup), 4);
    find_address(lookup, "http://198.51.100.9/", 1);
    find_address(lookup, "https://phish.example/", 0);
    ob_ioc_lookup_free(lookup);
    ob_indicators_free(iocs);
    fixture_free(fixture);
}

/* ---- scan set ---------------------------------------------------------------- */

struct hits {
    size_t count;
    char names[16][256];
    char campaigns[16][64];
};

static void collect_hit(void *user, const struct ob_indicator_ref *hit)
{
    struct hits *hits = user;
    assert_true(hits->count < 16);
    snprintf(hits->names[hits->count], sizeof(hits->names[0]), "%s", hit->name);
    snprintf(hits->campaigns[hits->count], sizeof(hits->campaigns[0]), "%s",
             hit->campaign != NULL ? hit->campaign : "(none)");
    hits->count++;
}

static struct hits match_path(struct ob_filename_matcher *matcher, const char *path)
{
    struct hits hits = {.count = 0};
    assert_int_equal(ob_filename_matcher_match(matcher, path, strlen(path), collect_hit, &hits),
                     OB_OK);
    return hits;
}

static bool hit_campaign(const struct hits *hits, const char *campaign)
{
    for (size_t i = 0; i < hits->count; i++)
        if (strcmp(hits->campaigns[i], campaign) == 0)
            return true;
    return false;
}

static void parse_hex(const char *hex, unsigned char *out)
{
    for (size_t i = 0; hex[2 * i] != '\0'; i++) {
        unsigned int byte;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &byte), 1);
        out[i] = (unsigned char)byte;
    }
}

/* The store's file indicators as a finalized scan set, which must hold
 * `expected` of them. */
static struct ob_indicators *scan_set_of(struct fixture *fixture, size_t expected)
{
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    size_t added = 0;
    assert_int_equal(ob_ioc_store_load_scan_set(fixture->store, fixture->ctx, set, &added), OB_OK);
    assert_int_equal(added, expected);
    assert_int_equal(ob_indicators_finalize(set, fixture->ctx), OB_OK);
    return set;
}

/* Loading by source counts what each source brought and when it was last
 * imported, in the walk that fills the set; network indicators do not count. */
static void test_ioc_lookup__scan_set_by_source_counts_and_dates(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    int64_t before = (int64_t)time(NULL);
    import_ok(fixture, "alpha",
              write_file(fixture, "alpha.csv",
                         "sha256," SHA256_A ",,\nfile-name,a.exe,,\ndomain,a.example,,\n"));
    import_ok(fixture, "beta", write_file(fixture, "beta.csv", "md5," MD5_A ",,\n"));
    int64_t after = (int64_t)time(NULL);
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    size_t added = 0;
    struct ob_ioc_source_uses uses;
    assert_int_equal(ob_ioc_store_load_scan_set_by_source(fixture->store, fixture->ctx, set, &added,
                                                          &uses),
                     OB_OK);
    assert_int_equal(added, 3);
    assert_int_equal(uses.count, 2);
    assert_false(uses.left_out);
    size_t alpha = strcmp(uses.items[0].source, "alpha") == 0 ? 0 : 1;
    assert_string_equal(uses.items[alpha].source, "alpha");
    assert_string_equal(uses.items[1 - alpha].source, "beta");
    assert_int_equal(uses.items[alpha].indicators, 2);
    assert_int_equal(uses.items[1 - alpha].indicators, 1);
    for (size_t i = 0; i < 2; i++)
        assert_true(uses.items[i].last_import >= before && uses.items[i].last_import <= after);
    ob_ioc_source_uses_release(&uses);
    assert_int_equal(uses.count, 0);
    assert_null(uses.items);
    ob_indicators_free(set);
    fixture_free(fixture);
}

/* A STIX bundle whose publisher names itself, with one indicator still
 * valid and two past their valid_until. */
static const char expiring_bundle[] =
    "{\"type\":\"bundle\",\"objects\":["
    "{\"type\":\"identity\",\"id\":\"identity--1\",\"name\":\"Lab\"},"
    "{\"type\":\"malware\",\"id\":\"malware--1\",\"name\":\"Fox\",\"created_by_ref\":\"identity--"
    "1\"},"
    "{\"type\":\"report\",\"id\":\"report--1\",\"published\":\"2024-03-15T00:00:00Z\","
    "\"object_refs\":[\"malware--1\"]},"
    "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"pattern\":\"[file:name = 'live.exe']\","
    "\"valid_until\":\"2099-01-01T00:00:00Z\"},"
    "{\"type\":\"indicator\",\"id\":\"indicator--2\",\"pattern\":\"[file:name = 'old.exe']\","
    "\"valid_until\":\"2020-01-01T00:00:00Z\"},"
    "{\"type\":\"indicator\",\"id\":\"indicator--3\",\"pattern\":\"[domain-name:value = "
    "'old.example']\","
    "\"valid_until\":\"2020-01-01\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--1\",\"target_ref\":\"malware--1\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--2\",\"target_ref\":\"malware--1\"},"
    "{\"type\":\"relationship\",\"relationship_type\":\"indicates\","
    "\"source_ref\":\"indicator--3\",\"target_ref\":\"malware--1\"}]}";

/* Indicators past their valid_until stay in the store but are left out of
 * the scanning set and the lookup, counted for their source, whose
 * publisher and publication date travel with what was used. */
static void test_ioc_lookup__expired_indicators_left_out(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    import_ok(fixture, "lab", write_file(fixture, "lab.stix2", expiring_bundle));
    struct ob_indicators *set = NULL;
    assert_int_equal(ob_indicators_new(&set), OB_OK);
    size_t added = 0;
    struct ob_ioc_source_uses uses;
    assert_int_equal(ob_ioc_store_load_scan_set_by_source(fixture->store, fixture->ctx, set, &added,
                                                          &uses),
                     OB_OK);
    assert_int_equal(added, 1);
    assert_int_equal(uses.count, 1);
    assert_int_equal(uses.expired, 1);
    assert_int_equal(uses.items[0].indicators, 1);
    assert_int_equal(uses.items[0].expired, 1);
    assert_string_equal(uses.items[0].publisher, "Lab");
    assert_int_equal(uses.items[0].published, 1710460800); /* 2024-03-15 */
    ob_ioc_source_uses_release(&uses);
    ob_indicators_free(set);

    struct ob_ioc_lookup *lookup = NULL;
    assert_int_equal(ob_ioc_lookup_new(fixture->store, fixture->ctx, &lookup), OB_OK);
    assert_int_equal(ob_ioc_lookup_find(lookup, OB_IOC_DOMAIN, "old.example", 11, NULL, NULL), 0);
    const struct ob_ioc_source_uses *network = ob_ioc_lookup_sources(lookup);
    assert_int_equal(network->expired, 1);
    assert_int_equal(network->count, 1);
    assert_int_equal(network->items[0].indicators, 0);
    ob_ioc_lookup_free(lookup);
    fixture_free(fixture);
}

/* A signature-base pattern's false-positive regex is kept in the store and
 * applied by the scan set made from it, as `--iocs` applies it. */
static void test_ioc_lookup__scan_set_keeps_false_positive_regexes(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *list = write_file(fixture, "sb/filename-iocs.txt",
                                  "# Programs in Temp\n"
                                  "\\\\Temp\\\\[a-z]+\\.exe$;60;\\\\Temp\\\\setup\\.exe$\n"
                                  "# Droppers\n"
                                  "\\\\evil_[0-9]+\\.bin$;80\n");
    import_ok(fixture, "sigbase", list);
    struct ob_indicators *set = scan_set_of(fixture, 2);
    struct ob_filename_matcher *matcher = NULL;
    assert_int_equal(ob_filename_matcher_new(set, &matcher), OB_OK);
    assert_int_equal(match_path(matcher, "/mnt/disk/Windows/Temp/dropper.exe").count, 1);
    assert_int_equal(match_path(matcher, "/mnt/disk/Windows/Temp/setup.exe").count, 0);
    assert_int_equal(match_path(matcher, "/mnt/disk/evil_7.bin").count, 1);
    ob_filename_matcher_free(matcher);
    ob_indicators_free(set);
    fixture_free(fixture);
}

static void test_ioc_lookup__scan_set_names_paths_folders_and_hashes(void **state)
{
    (void)state;
    struct fixture *fixture = fixture_new();
    const char *csv = write_file(fixture, "files.csv",
                                 "file-name,Evil.EXE,,C-name\n"
                                 "file-path,/private/var/db/x,,C-path\n"
                                 "file-path,C:\\Users\\Public\\evil.exe,,C-win\n"
                                 "file-path,/Library/Evil/,,C-folder\n"
                                 "file-path-regex,evil_[0-9]+\\.bin$,,C-regex\n"
                                 "sha256," SHA256_A ",hash desc,C-hash\n"
                                 "md5," MD5_A ",,\n"
                                 "domain,not-for-files.example,,C-dom\n"
                                 "process-name,bh,,C-proc\n");
    import_ok(fixture, "files", csv);
    struct ob_indicators *set = scan_set_of(fixture, 7);
    struct ob_indicator_counts counts;
    ob_indicators_counts(set, &counts);
    assert_int_equal(counts.file_names, 4);
    assert_int_equal(counts.filename_patterns, 1);
    assert_int_equal(counts.hashes[OB_HASH_SHA256], 1);
    assert_int_equal(counts.hashes[OB_HASH_MD5], 1);
    struct ob_filename_matcher *matcher = NULL;
    assert_int_equal(ob_filename_matcher_new(set, &matcher), OB_OK);

    struct hits hits = match_path(matcher, "/home/user/evil.exe");
    assert_int_equal(hits.count, 1);
    assert_true(hit_campaign(&hits, "C-name"));
    assert_string_equal(hits.names[0], "Evil.EXE");
    assert_int_equal(match_path(matcher, "/home/user/evil.exe.txt").count, 0);
    assert_int_equal(match_path(matcher, "/home/user/xevil.exe").count, 0);

    hits = match_path(matcher, "/mnt/img/private/var/db/x");
    assert_int_equal(hits.count, 1);
    assert_true(hit_campaign(&hits, "C-path"));
    assert_int_equal(match_path(matcher, "/private/var/db/x").count, 1);
    assert_int_equal(match_path(matcher, "/mnt/img/private/var/db/xy").count, 0);
    assert_int_equal(match_path(matcher, "/mnt/img/notprivate/var/db/x").count, 0);
    assert_int_equal(match_path(matcher, "/mnt/img/private/var/db/x/y").count, 0);

    /* A Windows path matches the disk mounted anywhere, in any case, and
     * its base name is also the file-name indicator. */
    hits = match_path(matcher, "/media/disk/Users/Public/evil.exe");
    assert_int_equal(hits.count, 2);
    assert_true(hit_campaign(&hits, "C-win"));
    assert_true(hit_campaign(&hits, "C-name"));
    assert_int_equal(match_path(matcher, "/media/disk/Users/Other/evil.exe").count, 1);

    hits = match_path(matcher, "/mnt/Library/Evil/sub/file.plist");
    assert_int_equal(hits.count, 1);
    assert_true(hit_campaign(&hits, "C-folder"));
    assert_int_equal(match_path(matcher, "/mnt/Library/Evilish/file.plist").count, 0);
    assert_int_equal(match_path(matcher, "/mnt/Library/Evil").count, 0);

    hits = match_path(matcher, "/tmp/evil_42.bin");
    assert_int_equal(hits.count, 1);
    assert_true(hit_campaign(&hits, "C-regex"));

    unsigned char digest[32];
    parse_hex(SHA256_A, digest);
    const struct ob_indicator_ref *ref = ob_indicators_find_hash(set, OB_HASH_SHA256, digest);
    assert_non_null(ref);
    assert_string_equal(ref->campaign, "C-hash");
    assert_string_equal(ref->description, "hash desc");
    assert_non_null(strstr(ref->source, "files"));
    assert_non_null(strstr(ref->source, "files.csv"));
    assert_int_equal(ref->score, OB_HASH_DEFAULT_SCORE);
    parse_hex(MD5_A, digest);
    ref = ob_indicators_find_hash(set, OB_HASH_MD5, digest);
    assert_non_null(ref);
    assert_null(ref->campaign); /* none given */
    digest[0] ^= 1;
    assert_null(ob_indicators_find_hash(set, OB_HASH_MD5, digest));

    ob_filename_matcher_free(matcher);
    ob_indicators_free(set);
    fixture_free(fixture);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ioc_lookup__domains_urls_and_addresses),
        cmocka_unit_test(test_ioc_lookup__is_shared_by_threads),
        cmocka_unit_test(test_ioc_lookup__of_empty_store),
        cmocka_unit_test(test_ioc_lookup__addresses_by_url_domain_and_ip),
        cmocka_unit_test(test_ioc_lookup__with_c2_lists),
        cmocka_unit_test(test_ioc_lookup__scan_set_by_source_counts_and_dates),
        cmocka_unit_test(test_ioc_lookup__expired_indicators_left_out),
        cmocka_unit_test(test_ioc_lookup__scan_set_keeps_false_positive_regexes),
        cmocka_unit_test(test_ioc_lookup__scan_set_names_paths_folders_and_hashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
