/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the input as a Chromium History and as a Firefox
 * places.sqlite, read by the scan with a lookup that every visited address
 * matches, with the checks its findings promise. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "oberig/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every address matches one domain indicator; those with "evil" in them a
 * second, from another source, so findings aggregate by indicator. */
static size_t lookup(const void *table, enum ob_scan_lookup_kind kind, const char *value,
                     ob_scan_lookup_fn fn, void *user)
{
    (void)table;
    if (kind != OB_SCAN_LOOKUP_ADDRESS || value == NULL)
        __builtin_trap();
    struct ob_scan_lookup_match match = {
        .type = "domain", .value = "example", .campaign = "", .source = "fuzz", .description = ""};
    fn(user, &match);
    if (strstr(value, "evil") == NULL)
        return 1;
    match.value = "evil.example";
    match.campaign = "Fuzz";
    fn(user, &match);
    return 2;
}

static void on_finding(void *user, const struct ob_finding *finding)
{
    (void)user;
    const struct ob_history_hit *history = finding->history;
    if (history == NULL)
        return; /* another check of the scan */
    if (history->visits == 0 || history->shown_count > OB_HISTORY_VISITS_SHOWN ||
        history->shown_count > history->visits || finding->reason_count == 0 ||
        (history->first > 0 && history->last < history->first))
        __builtin_trap();
    for (size_t i = 0; i < history->shown_count; i++)
        if (history->shown[i].url == NULL || history->shown[i].title == NULL ||
            (i > 0 && history->shown[i].time < history->shown[i - 1].time))
            __builtin_trap();
    for (size_t i = 0; i < finding->reason_count; i++)
        if (finding->reasons[i].signal != OB_SIGNAL_BROWSER_HISTORY)
            __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ob_scan_options options;
    ob_scan_options_init(&options);
    options.use_yara = false;
    options.scan_archives = false;
    options.lookup = lookup;
    options.yara_timeout_seconds = 5;
    struct ob_scan *scan = NULL;
    if (ob_scan_new(&options, NULL, NULL, NULL, &scan) != OB_OK)
        return 0;
    const struct ob_scan_callbacks callbacks = {.finding = on_finding};
    enum ob_status status = ob_scan_buffer(scan, "History", data, size, &callbacks);
    if (status == OB_OK)
        status = ob_scan_buffer(scan, "places.sqlite", data, size, &callbacks);
    (void)status;
    ob_scan_free(scan);
    return 0;
}
