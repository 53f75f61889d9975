/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the input as JSON lines of one step of a report, then
 * the report written in its three forms, redacted and not, and exported. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oberig/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_all(struct ob_report *report, bool redact)
{
    struct ob_report_write_options options = {.redact = redact, .created = 1700000000};
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    if (out == NULL)
        abort();
    if (ob_report_write_json(report, &options, out) != OB_OK)
        abort();
    fflush(out);
    /* report.json of any input is exportable */
    FILE *sink = fopen("/dev/null", "w");
    if (sink == NULL ||
        ob_report_export(NULL, text, length, OB_IOC_EXPORT_STIX, "amber", sink) != OB_OK)
        abort();
    fclose(sink);
    fclose(out);
    free(text);
    text = NULL;
    out = open_memstream(&text, &length);
    if (out == NULL || ob_report_write_html(report, &options, out) != OB_OK)
        abort();
    fclose(out);
    /* nothing from the input reaches the page as markup */
    if (strstr(text, "<script") != NULL || strstr(text, "<img") != NULL)
        abort();
    free(text);
    text = NULL;
    out = open_memstream(&text, &length);
    if (out == NULL || ob_report_write_text(report, &options, out) != OB_OK)
        abort();
    fclose(out);
    /* the summary is safe for a terminal */
    if (strchr(text, '\x1b') != NULL)
        abort();
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0;
    struct ob_report *report = NULL;
    if (ob_report_new(NULL, &report) != OB_OK)
        return 0;
    if (ob_report_step_begin(report, NULL, "fuzz") != OB_OK)
        abort();
    const char *text = (const char *)data;
    for (size_t start = 0; start < size;) {
        const char *newline = memchr(text + start, '\n', size - start);
        size_t end = newline != NULL ? (size_t)(newline - text) : size;
        if (ob_report_add_line(report, text + start, end - start) != OB_OK)
            abort();
        start = end + 1;
    }
    write_all(report, false);
    write_all(report, true);
    ob_report_free(report);
    return 0;
}
