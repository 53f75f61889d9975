/* SPDX-License-Identifier: Apache-2.0 */
/* oberig ioc import: finds the files to read, recognises each one's format,
 * reads them all into one batch and writes it in one transaction. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/array.h"
#include "core/buffer.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/walk.h"
#include "ioc/ioc_internal.h"
#include "ioc/json_adapter.h"
#include "ioc/yaml_adapter.h"

#define WALK_DEPTH_MAX 32
#define NOTE_MAX 200 /* notes kept in a report */

/* A file already read, known by identity rather than by the spelling of
 * its path ("a/./b.stix2", a link): the folder walk leaves it alone. */
struct claimed_file {
    dev_t device;
    ino_t inode;
};

/* State of one import across all its paths. */
struct import_run {
    struct ob_ioc_batch *batch;
    struct ob_context *ctx;
    const struct ob_ioc_import_options *options;
    struct ob_ioc_import_report *report;
    struct claimed_file *claimed; /* files an indicators.yaml or feed manifest read */
    size_t claimed_count, claimed_capacity;
    const char *source;   /* provenance name for the current path argument */
    const char *root;     /* the folder given as that argument, NULL for a file */
    char *version_folder; /* the folder whose upstream version was last looked up */
    char *version;        /* what was found there, "" when nothing */
};

static enum ob_status add_note(struct ob_ioc_import_report *report, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static enum ob_status add_note(struct ob_ioc_import_report *report, const char *fmt, ...)
{
    if (report->note_count >= NOTE_MAX)
        return OB_OK;
    /* The report, a public struct, keeps no capacity beside the count. */
    enum ob_status status = core_array_grow_counted((void **)&report->notes, report->note_count,
                                                    sizeof(*report->notes), 8, NOTE_MAX);
    if (status != OB_OK)
        return status;
    va_list args;
    va_start(args, fmt);
    int written = vasprintf(&report->notes[report->note_count], fmt, args);
    va_end(args);
    if (written < 0)
        return OB_ERR_NOMEM;
    report->note_count++;
    return OB_OK;
}

void ob_ioc_import_report_release(struct ob_ioc_import_report *report)
{
    for (size_t i = 0; i < report->note_count; i++)
        free(report->notes[i]);
    free(report->notes);
    memset(report, 0, sizeof(*report));
}

/* Reads a whole file of at most OB_IOC_FILE_MAX bytes; on failure `out` is
 * released already. */
static enum ob_status read_file(struct ob_context *ctx, const char *path, struct ob_buffer *out)
{
    core_buffer_init(out, OB_IOC_FILE_MAX);
    const char *reason = "";
    enum ob_status status = core_buffer_read_file(out, path, &reason);
    if (status == OB_OK)
        status = core_buffer_append(out, "", 0); /* data is set even for an empty file */
    if (status == OB_OK)
        return OB_OK;
    core_buffer_release(out);
    if (status == OB_ERR_LIMIT)
        return ob_context_fail(ctx, status, _("'%s' is larger than %zu MiB"), path,
                               OB_IOC_FILE_MAX >> 20);
    return ob_context_fail(ctx, status, _("cannot read '%s': %s"), path, reason);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

static bool has_suffix(const char *name, const char *suffix)
{
    size_t length = strlen(name), suffix_length = strlen(suffix);
    return length >= suffix_length && strcasecmp(name + length - suffix_length, suffix) == 0;
}

static bool is_claimed(const struct import_run *run, const struct stat *info)
{
    for (size_t i = 0; i < run->claimed_count; i++)
        if (run->claimed[i].device == info->st_dev && run->claimed[i].inode == info->st_ino)
            return true;
    return false;
}

static enum ob_status claim(struct import_run *run, const char *path)
{
    struct stat info;
    if (stat(path, &info) != 0)
        return OB_OK; /* gone since it was read: the walk will not see it either */
    enum ob_status status = core_array_grow((void **)&run->claimed, &run->claimed_capacity,
                                            run->claimed_count + 1, sizeof(*run->claimed), 16,
                                            SIZE_MAX);
    if (status != OB_OK)
        return status;
    run->claimed[run->claimed_count++] = (struct claimed_file){.device = info.st_dev,
                                                               .inode = info.st_ino};
    return OB_OK;
}

static size_t skip_space(const char *text, size_t length, size_t at)
{
    while (at < length &&
           (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n'))
        at++;
    return at;
}

/* Past the JSON string whose opening quote is at text[at]; `length` when
 * it is not closed. */
static size_t skip_string(const char *text, size_t length, size_t at)
{
    for (at++; at < length; at++) {
        if (text[at] == '\\')
            at++;
        else if (text[at] == '"')
            return at + 1;
    }
    return length;
}

/* Past the value at text[at]: a string, an object or array with all it
 * holds (brackets counted, strings skipped), or a scalar up to the next
 * ',', '}' or ']'. No recursion, so deep nesting costs nothing. */
static size_t skip_value(const char *text, size_t length, size_t at)
{
    size_t depth = 0;
    while (at < length) {
        char c = text[at];
        if (c == '"') {
            at = skip_string(text, length, at);
            if (depth == 0)
                return at;
            continue;
        }
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return at;
            if (--depth == 0)
                return at + 1;
        } else if (c == ',' && depth == 0) {
            return at;
        }
        at++;
    }
    return length;
}

/* Whether the string token [start, end) is "name". */
static bool token_is(const char *text, size_t start, size_t end, const char *name)
{
    size_t length = strlen(name);
    return end - start == length + 2 && text[end - 1] == '"' &&
           memcmp(text + start + 1, name, length) == 0;
}

enum ob_ioc_json_kind ioc_json_sniff(const char *text, size_t length)
{
    size_t at = skip_space(text, length, 0);
    /* A list is MISP's list of events; its first element decides. */
    if (at < length && text[at] == '[')
        at = skip_space(text, length, at + 1);
    if (at >= length || text[at] != '{')
        return OB_IOC_JSON_UNKNOWN;
    at++;
    for (;;) {
        at = skip_space(text, length, at);
        if (at >= length || text[at] != '"')
            return OB_IOC_JSON_UNKNOWN; /* the end of the object, or not JSON */
        size_t key = at;
        at = skip_string(text, length, at);
        size_t key_end = at;
        at = skip_space(text, length, at);
        if (at >= length || text[at] != ':')
            return OB_IOC_JSON_UNKNOWN;
        at = skip_space(text, length, at + 1);
        if (token_is(text, key, key_end, "Event") || token_is(text, key, key_end, "Attribute") ||
            token_is(text, key, key_end, "Object") || token_is(text, key, key_end, "response"))
            return OB_IOC_JSON_MISP;
        if (token_is(text, key, key_end, "objects") || token_is(text, key, key_end, "spec_version"))
            return OB_IOC_JSON_STIX;
        size_t value_end = skip_value(text, length, at);
        if (token_is(text, key, key_end, "type") && at < length && text[at] == '"' &&
            token_is(text, at, value_end, "bundle"))
            return OB_IOC_JSON_STIX;
        at = skip_space(text, length, value_end);
        if (at >= length || text[at] != ',')
            return OB_IOC_JSON_UNKNOWN;
        at++;
    }
}

enum file_format {
    FORMAT_UNKNOWN,
    FORMAT_STIX,
    FORMAT_MISP,
    FORMAT_CSV,
    FORMAT_YAML,
    FORMAT_SIGBASE_HASH,
    FORMAT_SIGBASE_FILENAME,
    FORMAT_SIGBASE_C2,
    FORMAT_FALSE_POSITIVE
};

/* The format of a file from its name and, for JSON, its first bytes. A
 * text list is read as signature-base when named on the command line by
 * Loki's convention (a name with "hash", "filename" or "c2"), but inside a
 * folder only when its name also says "ioc" (hash-iocs.txt): other
 * projects keep plain lists such as sha256.txt or package_cert_hashes.txt
 * beside their STIX files, and those must not be read twice. */
static enum file_format detect_format(const char *path, const struct ob_buffer *content, bool named)
{
    const char *name = base_name(path);
    if (strcasecmp(name, "indicators.yaml") == 0 || strcasecmp(name, "indicators.yml") == 0)
        return FORMAT_YAML;
    if (has_suffix(name, ".csv"))
        return FORMAT_CSV;
    enum ob_ioc_json_kind kind = ioc_json_sniff((const char *)content->data, content->length);
    if (kind == OB_IOC_JSON_STIX)
        return FORMAT_STIX;
    if (kind == OB_IOC_JSON_MISP)
        return FORMAT_MISP;
    if (has_suffix(name, ".stix2") || has_suffix(name, ".stix") || has_suffix(name, ".json"))
        return FORMAT_STIX; /* the importer says what is wrong with it */
    /* signature-base, by the names Loki reads. */
    if (has_suffix(name, ".txt") && (named || strcasestr(name, "ioc") != NULL)) {
        if (strcasestr(name, "falsepositive") != NULL || strncasecmp(name, "fp-", 3) == 0 ||
            strncasecmp(name, "fp_", 3) == 0)
            return FORMAT_FALSE_POSITIVE;
        if (strcasestr(name, "hash") != NULL)
            return FORMAT_SIGBASE_HASH;
        if (strcasestr(name, "filename") != NULL)
            return FORMAT_SIGBASE_FILENAME;
        if (strcasestr(name, "c2") != NULL)
            return FORMAT_SIGBASE_C2;
    }
    return FORMAT_UNKNOWN;
}

static enum ob_status import_yaml(struct import_run *run, const char *path,
                                  const struct ob_buffer *content);

#define VERSION_LENGTH_MAX 200 /* bytes of a SOURCE or VERSION line kept */
#define VERSION_LEVELS 4       /* folders looked in, from the file's own upwards */

/* The first line of a small SOURCE or VERSION file in `folder`, as MVT
 * mirrors and signature-base copies name their upstream commit ("commit
 * e035f4f of github.com/mvt-project/mvt-indicators"); "" when none. */
static void read_version_file(const char *folder, char *out, size_t size)
{
    static const char *const names[] = {"SOURCE", "VERSION"};
    out[0] = '\0';
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && out[0] == '\0'; i++) {
        char path[4096];
        struct stat info;
        if ((size_t)snprintf(path, sizeof(path), "%s/%s", folder, names[i]) >= sizeof(path) ||
            stat(path, &info) != 0 || !S_ISREG(info.st_mode))
            continue;
        FILE *file = fopen(path, "r");
        if (file == NULL)
            continue;
        if (fgets(out, (int)size, file) == NULL)
            out[0] = '\0';
        fclose(file);
        size_t length = strcspn(out, "\r\n");
        while (length > 0 && (out[length - 1] == ' ' || out[length - 1] == '\t'))
            length--;
        out[length] = '\0';
        for (size_t k = 0; k < length; k++)
            if ((unsigned char)out[k] < 0x20 || out[k] == 0x7f)
                out[0] = '\0'; /* not a line of text: not a version */
    }
}

/* The upstream version named beside `path` or in a folder above it. */
static enum ob_status find_version(struct import_run *run, const char *path, const char **out)
{
    char folder[4096];
    const char *slash = strrchr(path, '/');
    size_t length = slash != NULL ? (size_t)(slash - path) : 1;
    if (length == 0 || length >= sizeof(folder))
        length = 1;
    memcpy(folder, slash != NULL && slash != path ? path : ".", length);
    folder[length] = '\0';
    if (run->version_folder != NULL && strcmp(run->version_folder, folder) == 0) {
        *out = run->version;
        return OB_OK;
    }
    char found[VERSION_LENGTH_MAX + 1] = "";
    char walk[4096];
    snprintf(walk, sizeof(walk), "%s", folder);
    for (int level = 0; level < VERSION_LEVELS && found[0] == '\0'; level++) {
        read_version_file(walk, found, sizeof(found));
        size_t used = strlen(walk);
        if (used + 4 >= sizeof(walk))
            break;
        memcpy(walk + used, "/..", 4);
    }
    free(run->version_folder);
    free(run->version);
    run->version_folder = strdup(folder);
    run->version = strdup(found);
    if (run->version_folder == NULL || run->version == NULL)
        return OB_ERR_NOMEM;
    *out = run->version;
    return OB_OK;
}

/* Starts the next file of the batch with what is known of it without
 * reading it: the upstream version, and for lists without dates of their
 * own (`dated_by_file`) the file's modification time as its date. */
static enum ob_status start_file(struct import_run *run, const char *path, bool dated_by_file)
{
    enum ob_status status = ioc_batch_set_file(run->batch, path, run->source);
    const char *version = NULL;
    if (status == OB_OK)
        status = find_version(run, path, &version);
    if (status == OB_OK)
        status = ioc_batch_file_text(run->batch, &ioc_batch_file(run->batch)->version, version);
    struct stat info;
    if (status == OB_OK && dated_by_file && stat(path, &info) == 0)
        ioc_batch_published(run->batch, NULL, (int64_t)info.st_mtime);
    return status;
}

static enum ob_status import_file(struct import_run *run, const char *path, bool named)
{
    if (ioc_is_rule_file(base_name(path))) {
        /* Kept by its path inside the folder given, so a source's layout
         * (signature-base/yara/...) is kept too. */
        size_t root = run->root != NULL ? strlen(run->root) : 0;
        const char *relative = root > 0 && strncmp(path, run->root, root) == 0 && path[root] == '/'
                                   ? path + root + 1
                                   : base_name(path);
        return ioc_rules_add(run->batch, path, relative, run->source);
    }
    struct ob_buffer content;
    enum ob_status status = read_file(run->ctx, path, &content);
    if (status != OB_OK)
        return status;
    enum file_format format = detect_format(path, &content, named);
    if (format == FORMAT_UNKNOWN || format == FORMAT_FALSE_POSITIVE) {
        if (named)
            status = ob_context_fail(run->ctx, OB_ERR_UNSUPPORTED,
                                     _("'%s' is not in a format oberig imports (STIX 2.1, MISP "
                                       "JSON, indicators.yaml, signature-base lists, CSV)"),
                                     path);
        else
            run->report->ignored_files++;
        goto out;
    }
    status = start_file(run, path,
                        format == FORMAT_SIGBASE_HASH || format == FORMAT_SIGBASE_FILENAME ||
                            format == FORMAT_SIGBASE_C2);
    if (status != OB_OK)
        goto out;
    const char *text = (const char *)content.data;
    switch (format) {
    case FORMAT_STIX: status = ioc_import_stix(run->batch, text, content.length, NULL); break;
    case FORMAT_MISP: status = ioc_import_misp(run->batch, text, content.length); break;
    case FORMAT_CSV: status = ioc_import_csv(run->batch, text, content.length); break;
    case FORMAT_YAML: status = import_yaml(run, path, &content); break;
    case FORMAT_SIGBASE_HASH:
        status = ioc_import_sigbase(run->batch, OB_INDICATOR_HASH, text, content.length);
        break;
    case FORMAT_SIGBASE_FILENAME:
        status = ioc_import_sigbase(run->batch, OB_INDICATOR_PATH_PATTERN, text, content.length);
        break;
    case FORMAT_SIGBASE_C2:
        status = ioc_import_sigbase(run->batch, OB_INDICATOR_C2, text, content.length);
        break;
    default: break;
    }
    if (status == OB_OK)
        run->report->files++;
out:
    core_buffer_release(&content);
    return status;
}

/* An indicators.yaml entry's sources (the publishers) and references. */
static enum ob_status describe_entry(struct ob_ioc_batch *batch, const struct ob_yaml_entry *entry)
{
    enum ob_status status = ioc_batch_file_text(batch, &ioc_batch_file(batch)->publisher,
                                                entry->sources);
    for (const char *at = entry->references; status == OB_OK && at != NULL && *at != '\0';) {
        size_t length = strcspn(at, "\n");
        char *url = strndup(at, length);
        status = url != NULL ? ioc_batch_add_reference(batch, NULL, url) : OB_ERR_NOMEM;
        free(url);
        at += length + (at[length] == '\n');
    }
    return status;
}

/* indicators.yaml as MVT publishes it: each entry names a STIX file by a
 * path relative to the repository root, which is the yaml's folder. */
static enum ob_status import_yaml(struct import_run *run, const char *path,
                                  const struct ob_buffer *content)
{
    struct ob_yaml_entry *entries = NULL;
    size_t count = 0;
    enum ob_status status = ioc_yaml_read_indicator_index(run->ctx, path,
                                                          (const char *)content->data,
                                                          content->length, &entries, &count);
    if (status != OB_OK)
        return status;
    char *folder = strdup(path);
    if (folder == NULL) {
        status = OB_ERR_NOMEM;
        goto out;
    }
    char *slash = strrchr(folder, '/');
    if (slash != NULL)
        slash[1] = '\0';
    else
        folder[0] = '\0';
    for (size_t i = 0; status == OB_OK && i < count; i++) {
        char *file = NULL;
        if (entries[i].path == NULL || strstr(entries[i].path, "..") != NULL) {
            /* TRANSLATORS: the indicators.yaml file, then the name of its entry. */
            status = add_note(run->report, _("%s: entry '%s' names no usable local file"), path,
                              entries[i].name);
            run->report->missing_files++;
            continue;
        }
        if (asprintf(&file, "%s%s", folder, entries[i].path) < 0) {
            status = OB_ERR_NOMEM;
            break;
        }
        struct stat info;
        if (stat(file, &info) != 0 || !S_ISREG(info.st_mode)) {
            run->report->missing_files++;
            /* TRANSLATORS: a file an indicators.yaml names, then the entry's name. */
            status = add_note(run->report, _("missing: '%s' (%s) is not here"), entries[i].path,
                              entries[i].name);
            free(file);
            continue;
        }
        struct ob_buffer stix;
        status = read_file(run->ctx, file, &stix);
        if (status == OB_OK)
            status = start_file(run, file, false);
        if (status == OB_OK)
            status = describe_entry(run->batch, &entries[i]);
        if (status == OB_OK)
            status = ioc_import_stix(run->batch, (const char *)stix.data, stix.length,
                                     entries[i].name);
        if (status == OB_OK) {
            status = claim(run, file);
            run->report->files++;
        }
        core_buffer_release(&stix);
        free(file);
    }
    /* Restore the yaml itself as the current file for later notes. */
    if (status == OB_OK)
        status = start_file(run, path, false);
out:
    free(folder);
    ioc_yaml_entries_free(entries, count);
    return status;
}

/* The member names of a manifest.json (event UUIDs in a MISP feed);
 * *object is false when it is JSON but not an object. */
static enum ob_status read_manifest(struct ob_context *ctx, const char *path, const char *text,
                                    size_t length, char ***out, size_t *count, bool *object)
{
    *out = NULL;
    *count = 0;
    *object = false;
    struct ob_jdoc *doc = NULL;
    enum ob_status status = ioc_jdoc_parse(ctx, path, text, length, &doc);
    if (status != OB_OK)
        return status;
    const struct ob_jnode *root = ioc_jdoc_root(doc);
    if (!ioc_jnode_is_object(root))
        goto out;
    *object = true;
    struct ob_jiter iter = {.object = root};
    const char *key;
    const struct ob_jnode *value;
    size_t capacity = 0;
    while (ioc_jiter_next(&iter, &key, &value)) {
        status = core_array_grow((void **)out, &capacity, *count + 1, sizeof(**out), 64, SIZE_MAX);
        if (status != OB_OK)
            break;
        if (((*out)[*count] = strdup(key)) == NULL) {
            status = OB_ERR_NOMEM;
            break;
        }
        (*count)++;
    }
out:
    ioc_jdoc_free(doc);
    return status;
}

/* "8-4-4-4-12" hexadecimal digits, as MISP names events. */
static bool is_uuid(const char *text)
{
    if (strlen(text) != 36)
        return false;
    for (size_t i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : core_hex_value(text[i]) < 0)
            return false;
    }
    return true;
}

/* A MISP feed: manifest.json maps event UUIDs to <uuid>.json files. A
 * manifest.json of something else (a browser extension, a web app) is
 * passed over with a note, as other files that are not indicators are. */
static enum ob_status import_feed(struct import_run *run, const char *folder, const char *manifest)
{
    struct ob_buffer content;
    enum ob_status status = read_file(run->ctx, manifest, &content);
    if (status != OB_OK)
        return status;
    char **uuids = NULL;
    size_t count = 0;
    bool feed = false;
    status = read_manifest(run->ctx, manifest, (const char *)content.data, content.length, &uuids,
                           &count, &feed);
    core_buffer_release(&content);
    /* Why this manifest.json is not a feed's, if it is not. A web app's
     * may have comments (not JSON), an extension's other keys. */
    bool not_json = status == OB_ERR_PARSE, not_object = status == OB_OK && !feed;
    const char *bad_key = NULL;
    for (size_t i = 0; status == OB_OK && feed && bad_key == NULL && i < count; i++)
        if (!is_uuid(uuids[i]))
            bad_key = uuids[i];
    if (not_json)
        status = add_note(run->report, _("not a MISP feed: '%s' (not JSON: %s)"), manifest,
                          ob_context_last_error(run->ctx));
    else if (status == OB_OK && not_object)
        status = add_note(run->report, _("not a MISP feed: '%s' (not an object of event UUIDs)"),
                          manifest);
    else if (bad_key != NULL)
        status = add_note(run->report,
                          _("not a MISP feed: '%s' (its key '%s' is not an event UUID)"), manifest,
                          bad_key);
    if (not_json || not_object || bad_key != NULL) {
        feed = false;
        run->report->ignored_files++;
    }
    if (status == OB_OK)
        status = claim(run, manifest);
    for (size_t i = 0; status == OB_OK && feed && i < count; i++) {
        char *file = NULL;
        if (strchr(uuids[i], '/') != NULL || strstr(uuids[i], "..") != NULL) {
            status = ob_context_fail(run->ctx, OB_ERR_PARSE,
                                     _("%s: event '%s' is not a plain file name"), manifest,
                                     uuids[i]);
            break;
        }
        if (asprintf(&file, "%s/%s.json", folder, uuids[i]) < 0) {
            status = OB_ERR_NOMEM;
            break;
        }
        struct stat info;
        if (stat(file, &info) != 0) {
            run->report->missing_files++;
            status = add_note(run->report, _("missing: MISP event file '%s' listed in '%s'"), file,
                              manifest);
        } else {
            struct ob_buffer event;
            status = read_file(run->ctx, file, &event);
            if (status == OB_OK) {
                status = start_file(run, file, false);
                if (status == OB_OK)
                    status = ioc_import_misp(run->batch, (const char *)event.data, event.length);
                core_buffer_release(&event);
            }
            if (status == OB_OK) {
                run->report->files++;
                status = claim(run, file);
            }
        }
        free(file);
    }
    for (size_t i = 0; i < count; i++)
        free(uuids[i]);
    free(uuids);
    return status;
}

static enum ob_status import_folder(struct import_run *run, const char *folder, int depth)
{
    if (depth > WALK_DEPTH_MAX)
        return ob_context_fail(run->ctx, OB_ERR_LIMIT, _("folders nested too deep at '%s'"),
                               folder);
    char **names = NULL;
    size_t count = 0;
    enum ob_status status = core_folder_names(folder, SIZE_MAX, &names, &count);
    if (status == OB_ERR_NOMEM)
        return status;
    if (status != OB_OK)
        return ob_context_fail(run->ctx, status, _("cannot open folder '%s': %s"), folder,
                               strerror(errno));
    /* An index or manifest in a folder reads its files first, with the
     * campaign names it gives; the walk then leaves those files alone. */
    for (size_t i = 0; status == OB_OK && i < count; i++) {
        bool index = strcasecmp(names[i], "indicators.yaml") == 0 ||
                     strcasecmp(names[i], "indicators.yml") == 0;
        bool manifest = strcmp(names[i], "manifest.json") == 0;
        if (!index && !manifest)
            continue;
        char *path = NULL;
        if (asprintf(&path, "%s/%s", folder, names[i]) < 0) {
            status = OB_ERR_NOMEM;
            break;
        }
        if (index) {
            status = import_file(run, path, true);
            if (status == OB_OK)
                status = claim(run, path);
        } else {
            status = import_feed(run, folder, path);
        }
        free(path);
    }
    for (size_t i = 0; status == OB_OK && i < count; i++) {
        char *path = NULL;
        if (asprintf(&path, "%s/%s", folder, names[i]) < 0) {
            status = OB_ERR_NOMEM;
            break;
        }
        struct stat info;
        if (lstat(path, &info) != 0 || S_ISLNK(info.st_mode) || is_claimed(run, &info)) {
            free(path);
            continue;
        }
        if (S_ISDIR(info.st_mode))
            status = import_folder(run, path, depth + 1);
        else if (S_ISREG(info.st_mode))
            status = import_file(run, path, false);
        free(path);
    }
    core_folder_names_free(names, count);
    return status;
}

/* The provenance name for a path argument: its base name without the
 * extension ("mvt-indicators", "pegasus" for pegasus.stix2); for "." or
 * "..", the name of the folder they stand for. */
static char *default_source(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return NULL;
    size_t length = strlen(copy);
    while (length > 1 && copy[length - 1] == '/')
        copy[--length] = '\0';
    char *name = strrchr(copy, '/');
    name = name != NULL && name[1] != '\0' ? name + 1 : copy;
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        char *resolved = realpath(path, NULL);
        if (resolved != NULL) {
            free(copy);
            copy = resolved;
            name = strrchr(copy, '/');
            name = name != NULL && name[1] != '\0' ? name + 1 : copy;
        }
    }
    char *dot = strrchr(name, '.');
    if (dot != NULL && dot != name)
        *dot = '\0';
    char *result = strdup(name[0] != '\0' ? name : "import");
    free(copy);
    return result;
}

/* One note per unsupported kind: how many, what, and the first place. */
static enum ob_status note_unsupported(struct ob_ioc_import_report *report,
                                       const struct ob_ioc_unsupported *kind)
{
    size_t n = kind->count;
    const char *where = kind->example_position;
    /* TRANSLATORS: how many indicators, what kind, then the file and place
     * of the first one ("pegasus.stix2: indicator--1234"). */
    switch (kind->what) {
    case IOC_UNSUPPORTED_STIX_PATTERN_TYPE:
        return add_note(report,
                        P_("not imported: %zu x STIX pattern_type '%s' (first at %s)",
                           "not imported: %zu x STIX pattern_type '%s' (first at %s)", n),
                        n, kind->name, where);
    case IOC_UNSUPPORTED_STIX_OBJECT_PATH:
        return add_note(report,
                        P_("not imported: %zu x STIX object path '%s' (first at %s)",
                           "not imported: %zu x STIX object path '%s' (first at %s)", n),
                        n, kind->name, where);
    case IOC_UNSUPPORTED_STIX_OPERATOR:
        return add_note(report,
                        P_("not imported: %zu x STIX operator '%s' on '%s' (first at %s)",
                           "not imported: %zu x STIX operator '%s' on '%s' (first at %s)", n),
                        n, kind->name, kind->object_path, where);
    case IOC_UNSUPPORTED_MISP_TYPE:
        return add_note(report,
                        P_("not imported: %zu x MISP type '%s' (first at %s)",
                           "not imported: %zu x MISP type '%s' (first at %s)", n),
                        n, kind->name, where);
    case IOC_UNSUPPORTED_OTHER: break;
    }
    return add_note(report,
                    P_("not imported: %zu x other kinds of indicator (first at %s)",
                       "not imported: %zu x other kinds of indicator (first at %s)", n),
                    n, where);
}

static enum ob_status finish_report(struct import_run *run)
{
    struct ob_ioc_batch *batch = run->batch;
    struct ob_ioc_import_report *report = run->report;
    report->records = batch->count;
    report->invalid = batch->invalid;
    report->skipped = batch->skipped;
    for (size_t i = 0; i < batch->count; i++)
        report->by_type[batch->records[i].type]++;
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < batch->unsupported_count; i++) {
        report->unsupported += batch->unsupported[i].count;
        status = note_unsupported(report, &batch->unsupported[i]);
    }
    return status;
}

enum ob_status ob_ioc_import(struct ob_ioc_store *store, struct ob_context *ctx,
                             const char *const *paths, size_t path_count,
                             const struct ob_ioc_import_options *options,
                             struct ob_ioc_import_report *report)
{
    return ioc_import_labelled(store, ctx, paths, path_count, options, report, NULL, NULL);
}

enum ob_status ioc_import_labelled(struct ob_ioc_store *store, struct ob_context *ctx,
                                   const char *const *paths, size_t path_count,
                                   const struct ob_ioc_import_options *options,
                                   struct ob_ioc_import_report *report, const char *path_prefix,
                                   const char *path_label)
{
    struct ob_ioc_batch batch;
    ioc_batch_init(&batch, ctx);
    batch.report = report;
    batch.path_prefix = path_prefix;
    batch.path_label = path_label;
    batch.signer = options != NULL && options->signer != NULL && options->signer[0] != '\0'
                       ? options->signer
                       : NULL;
    batch.campaign = options != NULL && options->campaign != NULL && options->campaign[0] != '\0'
                         ? options->campaign
                         : NULL;
    struct import_run run = {.batch = &batch, .ctx = ctx, .options = options, .report = report};
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < path_count; i++) {
        char *derived = NULL;
        if (options != NULL && options->source != NULL && options->source[0] != '\0')
            run.source = options->source;
        else if ((run.source = derived = default_source(paths[i])) == NULL)
            status = OB_ERR_NOMEM;
        struct stat info;
        if (status != OB_OK) {
        } else if (stat(paths[i], &info) != 0) {
            status = ob_context_fail(ctx, errno == ENOENT ? OB_ERR_NOT_FOUND : OB_ERR_IO,
                                     _("cannot read '%s': %s"), paths[i], strerror(errno));
        } else if (S_ISDIR(info.st_mode)) {
            size_t length = strlen(paths[i]);
            char *folder = strndup(paths[i],
                                   length > 1 && paths[i][length - 1] == '/' ? length - 1 : length);
            run.root = folder;
            status = folder == NULL ? OB_ERR_NOMEM : import_folder(&run, folder, 0);
            run.root = NULL;
            free(folder);
        } else {
            status = import_file(&run, paths[i], true);
        }
        free(derived);
        run.source = NULL;
    }
    if (status == OB_OK)
        status = finish_report(&run);
    if (status == OB_OK)
        status = ioc_rules_check(&batch, ctx, report);
    bool rules = report->rule_files > 0;
    if (status == OB_OK && (batch.count > 0 || rules))
        status = ioc_store_write(store, ctx, &batch, report);
    char *rules_dir = status == OB_OK && rules ? ioc_store_rules_dir(store) : NULL;
    if (status == OB_OK && rules)
        status = rules_dir == NULL ? OB_ERR_NOMEM : ioc_rules_keep(&batch, ctx, rules_dir);
    free(rules_dir);
    free(run.claimed);
    free(run.version_folder);
    free(run.version);
    ioc_batch_release(&batch);
    return status;
}
