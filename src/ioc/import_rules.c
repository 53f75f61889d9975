/* SPDX-License-Identifier: Apache-2.0 */
/* YARA rule files in an import: each compiled on its own, the ones that
 * compile recorded in the store and copied into its rules folder. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/array.h"
#include "core/buffer.h"
#include "core/cache_file.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/walk.h"
#include "ioc/ioc_internal.h"

#define RULE_FILE_MAX ((size_t)64 << 20) /* as ob_rules reads a rule file */

bool ioc_is_rule_file(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot != NULL && (strcasecmp(dot, ".yar") == 0 || strcasecmp(dot, ".yara") == 0);
}

/* The folder of a source's copies: the name itself when it is a plain
 * file name, else with other bytes made '_' and a digest of the name
 * added, so two sources never share a folder. */
static char *source_folder(const char *source)
{
    size_t length = strlen(source);
    char *folder = malloc(length + 2 + 1 + 16 + 1);
    if (folder == NULL)
        return NULL;
    bool plain = length > 0 && source[0] != '.';
    for (size_t i = 0; i < length; i++) {
        char c = source[i];
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
        folder[i] = keep ? c : '_';
        plain = plain && keep;
    }
    folder[length] = '\0';
    if (plain)
        return folder;
    unsigned char digest[OB_SHA256_LEN];
    bool ok = core_sha256(source, length, digest) == OB_OK;
    if (!ok) {
        free(folder);
        return NULL;
    }
    folder[length] = '_';
    folder[length + 1] = '-';
    core_hex_encode(digest, 8, folder + length + 2);
    return folder;
}

enum ob_status ioc_rules_add(struct ob_ioc_batch *batch, const char *path, const char *relative,
                             const char *source)
{
    enum ob_status status = core_array_grow((void **)&batch->rule_files, &batch->rule_capacity,
                                            batch->rule_count + 1, sizeof(*batch->rule_files), 16,
                                            OB_IOC_BATCH_MAX);
    if (status != OB_OK)
        return status;
    /* Recorded as the indicators' files are: a bundle's under its label. */
    size_t prefix = batch->path_prefix != NULL ? strlen(batch->path_prefix) : 0;
    char *original = NULL;
    if (prefix > 0 && strncmp(path, batch->path_prefix, prefix) == 0) {
        if (asprintf(&original, "%s%s", batch->path_label, path + prefix) < 0)
            original = NULL;
    } else {
        original = strdup(path);
    }
    struct ioc_rule_record record = {
        .from = strdup(path),
        .original = original,
        .source = strdup(source),
        .folder = source_folder(source),
        .path = strdup(relative),
    };
    batch->rule_files[batch->rule_count++] = record;
    if (record.from == NULL || record.original == NULL || record.source == NULL ||
        record.folder == NULL || record.path == NULL)
        return OB_ERR_NOMEM;
    return OB_OK;
}

/* Reads a rule file whole, for its digest and its copy. */
static enum ob_status read_rule_file(struct ob_context *ctx, const char *path,
                                     struct ob_buffer *out)
{
    const char *reason = "";
    core_buffer_init(out, RULE_FILE_MAX);
    enum ob_status status = core_buffer_read_file(out, path, &reason);
    if (status != OB_OK)
        return ob_context_fail(ctx, status, _("cannot read '%s': %s"), path, reason);
    return OB_OK;
}

enum ob_status ioc_rules_check(struct ob_ioc_batch *batch, struct ob_context *ctx,
                               struct ob_ioc_import_report *report)
{
    if (batch->rule_count == 0)
        return OB_OK;
    /* One rule set, one queued path per file, so that the counts of each
     * file come back by its index; each file has its own namespace, so a
     * file compiles alone as it does among the others. */
    struct ob_rules *rules = NULL;
    enum ob_status status = ob_rules_new(&rules);
    for (size_t i = 0; status == OB_OK && i < batch->rule_count; i++)
        status = ob_rules_add_path(rules, ctx, batch->rule_files[i].from);
    if (status == OB_OK)
        status = ob_rules_compile(rules, ctx, false);
    struct ob_hasher *hasher = NULL;
    if (status == OB_OK)
        status = core_hasher_new(&hasher);
    for (size_t i = 0; status == OB_OK && i < batch->rule_count; i++) {
        struct ioc_rule_record *file = &batch->rule_files[i];
        struct ob_rules_path_counts counts;
        if (!ob_rules_path_counts(rules, i, &counts) || counts.counts.files_loaded == 0) {
            file->failed = true;
            report->rule_files_failed++;
            continue;
        }
        file->rules = counts.counts.rules;
        struct ob_buffer content;
        status = read_rule_file(ctx, file->from, &content);
        unsigned char digest[OB_SHA256_LEN];
        if (status == OB_OK)
            status = core_hasher_sha256(hasher, content.data, content.length, digest);
        if (status == OB_OK)
            core_hex_encode(digest, sizeof(digest), file->sha256);
        core_buffer_release(&content);
        report->rule_files++;
        report->rules += file->rules;
    }
    core_hasher_free(hasher);
    ob_rules_free(rules);
    return status;
}

enum ob_status ioc_rules_keep(const struct ob_ioc_batch *batch, struct ob_context *ctx,
                              const char *dir)
{
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < batch->rule_count; i++) {
        const struct ioc_rule_record *file = &batch->rule_files[i];
        if (file->failed)
            continue;
        char *copy = NULL;
        if (asprintf(&copy, "%s/%s/%s", dir, file->folder, file->path) < 0)
            return OB_ERR_NOMEM;
        struct ob_buffer content;
        status = read_rule_file(ctx, file->from, &content);
        if (status == OB_OK) {
            struct core_file_piece piece = {content.data, content.length};
            status = core_file_write_atomic(copy, &piece, 1);
            if (status != OB_OK)
                status = ob_context_fail(ctx, status, _("cannot keep a copy of '%s' as '%s': %s"),
                                         file->original, copy, strerror(errno));
        }
        core_buffer_release(&content);
        free(copy);
    }
    return status;
}

enum ob_status ioc_rules_remove_copies(const char *dir, const char *source)
{
    char *folder = source_folder(source);
    char *path = NULL;
    if (folder == NULL || asprintf(&path, "%s/%s", dir, folder) < 0) {
        free(folder);
        return OB_ERR_NOMEM;
    }
    core_remove_tree(path);
    free(path);
    free(folder);
    return OB_OK;
}

void ioc_rules_release(struct ob_ioc_batch *batch)
{
    for (size_t i = 0; i < batch->rule_count; i++) {
        struct ioc_rule_record *file = &batch->rule_files[i];
        free(file->from);
        free(file->original);
        free(file->source);
        free(file->folder);
        free(file->path);
    }
    free(batch->rule_files);
    batch->rule_files = NULL;
    batch->rule_count = batch->rule_capacity = 0;
}
