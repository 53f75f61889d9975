/* SPDX-License-Identifier: Apache-2.0 */
/* MVT's indicators.yaml read through libyaml; the one place that uses it. */
#ifndef OB_IOC_YAML_ADAPTER_H
#define OB_IOC_YAML_ADAPTER_H

#include <stddef.h>

#include "oberig/core.h"

/* One entry of the index: its name (the campaign) and the file's path
 * relative to the repository (github.path), NULL when the entry has none. */
struct ob_yaml_entry {
    char *name;
    char *path;
    char *sources;    /* its `sources:` joined by ", ", NULL when none */
    char *references; /* its `references:`, one per line, NULL when none */
};

/* Reads the `indicators:` list of an indicators.yaml. `name` (the file
 * path) prefixes errors: "name:LINE:COLUMN: what". Errors: OB_ERR_PARSE,
 * OB_ERR_LIMIT past 100,000 entries, OB_ERR_NOMEM. The caller frees the
 * entries with ioc_yaml_entries_free. */
enum ob_status ioc_yaml_read_indicator_index(struct ob_context *ctx, const char *name,
                                             const char *text, size_t length,
                                             struct ob_yaml_entry **entries,
                                             size_t *count) OB_WARN_UNUSED;
void ioc_yaml_entries_free(struct ob_yaml_entry *entries, size_t count);

#endif
