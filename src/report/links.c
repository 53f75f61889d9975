/* SPDX-License-Identifier: Apache-2.0 */
/* Links between scan findings and persistence entries that name the same
 * program, found by sorting both when the report is written. */
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"

static int compare_paths(const void *a, const void *b, void *report)
{
    const struct report_finding *all = ((const struct ob_report *)report)->findings;
    size_t left = *(const size_t *)a, right = *(const size_t *)b;
    int order = strcmp(all[left].path, all[right].path);
    return order != 0 ? order : (left > right) - (left < right);
}

static int compare_programs(const void *a, const void *b, void *report)
{
    const struct report_entry *all = ((const struct ob_report *)report)->entries;
    size_t left = *(const size_t *)a, right = *(const size_t *)b;
    int order = strcmp(all[left].program, all[right].program);
    return order != 0 ? order : (left > right) - (left < right);
}

enum ob_status report_links_new(const struct ob_report *report, struct report_links *links)
{
    memset(links, 0, sizeof(*links));
    links->files = malloc((report->finding_count + 1) * sizeof(*links->files));
    links->entries = malloc((report->entry_count + 1) * sizeof(*links->entries));
    if (links->files == NULL || links->entries == NULL) {
        report_links_release(links);
        return OB_ERR_NOMEM;
    }
    for (size_t i = 0; i < report->finding_count; i++)
        if (report->findings[i].kind == REPORT_KIND_FILE)
            links->files[links->file_count++] = i;
    for (size_t i = 0; i < report->entry_count; i++)
        if (report->entries[i].program[0] != '\0')
            links->entries[links->entry_count++] = i;
    qsort_r(links->files, links->file_count, sizeof(*links->files), compare_paths, (void *)report);
    qsort_r(links->entries, links->entry_count, sizeof(*links->entries), compare_programs,
            (void *)report);
    return OB_OK;
}

void report_links_release(struct report_links *links)
{
    free(links->files);
    free(links->entries);
    memset(links, 0, sizeof(*links));
}

/* The first position in the sorted `order` (of `count`) whose text, given
 * by `text_of`, is not below `text`. */
static size_t lower_bound(const struct ob_report *report, const size_t *order, size_t count,
                          const char *text,
                          const char *(*text_of)(const struct ob_report *, size_t))
{
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (strcmp(text_of(report, order[middle]), text) < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

static const char *finding_path(const struct ob_report *report, size_t index)
{
    return report->findings[index].path;
}

static const char *entry_program(const struct ob_report *report, size_t index)
{
    return report->entries[index].program;
}

size_t report_entry_findings(const struct ob_report *report, const struct report_links *links,
                             size_t index, size_t *first)
{
    const char *program = report->entries[index].program;
    *first = 0;
    if (program[0] == '\0')
        return 0;
    *first = lower_bound(report, links->files, links->file_count, program, finding_path);
    size_t count = 0;
    while (*first + count < links->file_count &&
           strcmp(finding_path(report, links->files[*first + count]), program) == 0)
        count++;
    return count;
}

const char *report_finding_persistence(const struct ob_report *report,
                                       const struct report_links *links,
                                       const struct report_finding *finding)
{
    if (finding->persistence[0] != '\0' || finding->kind != REPORT_KIND_FILE ||
        finding->path[0] == '\0')
        return finding->persistence;
    size_t at = lower_bound(report, links->entries, links->entry_count, finding->path,
                            entry_program);
    if (at < links->entry_count &&
        strcmp(entry_program(report, links->entries[at]), finding->path) == 0)
        return report->entries[links->entries[at]].trigger;
    return "";
}
