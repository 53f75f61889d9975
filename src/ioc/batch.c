/* SPDX-License-Identifier: Apache-2.0 */
/* The records of one import, normalised and held in memory until the whole
 * import has been read, so that a malformed file leaves the store as it was. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/array.h"
#include "core/i18n.h"
#include "ioc/ioc_internal.h"

#define TEXT_TOTAL_MAX ((size_t)1 << 30) /* all text one import keeps */
#define INVALID_LOGGED_MAX 20
#define SHOWN_MAX 128     /* bytes of a foreign name kept for an unsupported kind */
#define REFERENCES_MAX 64 /* reference URLs kept per file */
#define REFERENCE_LENGTH_MAX 2048

void ioc_batch_init(struct ob_ioc_batch *batch, struct ob_context *ctx)
{
    memset(batch, 0, sizeof(*batch));
    batch->ctx = ctx;
    core_arena_init(&batch->text, TEXT_TOTAL_MAX);
    batch->source_file = "";
    batch->source_name = "";
}

void ioc_batch_release(struct ob_ioc_batch *batch)
{
    core_arena_release(&batch->text);
    for (size_t i = 0; i < batch->unsupported_count; i++) {
        free(batch->unsupported[i].kind);
        free(batch->unsupported[i].name);
        free(batch->unsupported[i].object_path);
        free(batch->unsupported[i].example_position);
    }
    free(batch->unsupported);
    free(batch->records);
    ioc_rules_release(batch);
    free(batch->files);
    memset(batch, 0, sizeof(*batch));
}

enum ob_status ioc_batch_strdup(struct ob_ioc_batch *batch, const char *text, size_t length,
                                const char **out)
{
    if (text == NULL) {
        *out = "";
        return OB_OK;
    }
    char *cut = NULL;
    if (length > OB_IOC_TEXT_MAX) {
        /* Cut on a character boundary and marked with "…" (3 bytes), so the
         * reader sees the text goes on: a name is never dropped whole. */
        size_t keep = OB_IOC_TEXT_MAX - 3;
        while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
            keep--;
        cut = malloc(keep + 3);
        if (cut == NULL)
            return ob_context_fail(batch->ctx, OB_ERR_NOMEM, _("out of memory"));
        memcpy(cut, text, keep);
        memcpy(cut + keep, "\xE2\x80\xA6", 3);
        ob_context_log(batch->ctx, OB_LOG_WARNING,
                       _("%s: a text of %zu bytes was cut to %zu (marked with …)"),
                       batch->source_file, length, keep + 3);
        text = cut;
        length = keep + 3;
    }
    if (length == 0) {
        *out = "";
        return OB_OK;
    }
    enum ob_status status = core_arena_strdup(&batch->text, text, length, out);
    free(cut);
    if (status == OB_ERR_LIMIT)
        return ob_context_fail(batch->ctx, OB_ERR_LIMIT,
                               _("indicator text over %zu MiB in one import"),
                               TEXT_TOTAL_MAX >> 20);
    if (status != OB_OK)
        return ob_context_fail(batch->ctx, status, _("out of memory importing indicators"));
    return status;
}

enum ob_status ioc_batch_set_file(struct ob_ioc_batch *batch, const char *path, const char *source)
{
    /* A file unpacked from a bundle is named by the bundle and its place
     * in it, not by the temporary folder it was read from. */
    size_t prefix = batch->path_prefix != NULL ? strlen(batch->path_prefix) : 0;
    enum ob_status status = OB_OK;
    if (prefix > 0 && strncmp(path, batch->path_prefix, prefix) == 0) {
        char *labelled = NULL;
        if (asprintf(&labelled, "%s%s", batch->path_label, path + prefix) < 0)
            return OB_ERR_NOMEM;
        status = ioc_batch_strdup(batch, labelled, strlen(labelled), &batch->source_file);
        free(labelled);
    } else {
        status = ioc_batch_strdup(batch, path, strlen(path), &batch->source_file);
    }
    if (status == OB_OK)
        status = ioc_batch_strdup(batch, source, strlen(source), &batch->source_name);
    if (status == OB_OK)
        status = core_array_grow((void **)&batch->files, &batch->file_capacity,
                                 batch->file_count + 1, sizeof(*batch->files), 16, SIZE_MAX);
    if (status != OB_OK)
        return status;
    batch->current_file = batch->file_count;
    batch->files[batch->file_count++] = (struct ob_ioc_file_info){
        .source = batch->source_name,
        .source_file = batch->source_file,
        .publisher = "",
        .description = "",
        .references = "",
        .version = "",
        .tlp = "",
    };
    batch->dates = (struct ioc_dates){0};
    return OB_OK;
}

struct ob_ioc_file_info *ioc_batch_file(struct ob_ioc_batch *batch)
{
    return batch->file_count > 0 ? &batch->files[batch->current_file] : NULL;
}

struct ob_ioc_file_info *ioc_batch_campaign_info(struct ob_ioc_batch *batch, const char *campaign,
                                                 enum ob_status *status)
{
    *status = OB_OK;
    if (batch->file_count == 0)
        return NULL;
    if (batch->campaign != NULL)
        campaign = batch->campaign; /* import --campaign: one campaign for all */
    for (size_t i = batch->current_file + 1; i < batch->file_count; i++)
        if (strcmp(batch->files[i].campaign, campaign) == 0)
            return &batch->files[i];
    const char *copy = NULL;
    *status = ioc_batch_strdup(batch, campaign, strlen(campaign), &copy);
    if (*status == OB_OK)
        *status = core_array_grow((void **)&batch->files, &batch->file_capacity,
                                  batch->file_count + 1, sizeof(*batch->files), 16, SIZE_MAX);
    if (*status != OB_OK)
        return NULL;
    const struct ob_ioc_file_info *file = &batch->files[batch->current_file];
    batch->files[batch->file_count] = (struct ob_ioc_file_info){
        .source = file->source,
        .source_file = file->source_file,
        .campaign = copy,
        .publisher = "",
        .description = "",
        .references = "",
        .version = "",
        .tlp = "",
    };
    return &batch->files[batch->file_count++];
}

enum ob_status ioc_batch_file_text(struct ob_ioc_batch *batch, const char **field, const char *text)
{
    if (text == NULL || text[0] == '\0' || (*field)[0] != '\0')
        return OB_OK;
    return ioc_batch_strdup(batch, text, strlen(text), field);
}

enum ob_status ioc_batch_add_reference(struct ob_ioc_batch *batch, struct ob_ioc_file_info *info,
                                       const char *url)
{
    struct ob_ioc_file_info *file = info != NULL ? info : ioc_batch_file(batch);
    size_t length = url != NULL ? strlen(url) : 0;
    if (file == NULL || length == 0 || length > REFERENCE_LENGTH_MAX ||
        (strncasecmp(url, "https://", 8) != 0 && strncasecmp(url, "http://", 7) != 0) ||
        strpbrk(url, "\r\n") != NULL)
        return OB_OK;
    size_t count = 0;
    for (const char *at = file->references; *at != '\0'; count++) {
        size_t line = strcspn(at, "\n");
        if (line == length && memcmp(at, url, length) == 0)
            return OB_OK;
        at += line + (at[line] == '\n');
    }
    if (count >= REFERENCES_MAX)
        return OB_OK;
    char *joined = NULL;
    if (asprintf(&joined, "%s%s%s", file->references, count > 0 ? "\n" : "", url) < 0)
        return OB_ERR_NOMEM;
    enum ob_status status = ioc_batch_strdup(batch, joined, strlen(joined), &file->references);
    free(joined);
    return status;
}

void ioc_batch_published(struct ob_ioc_batch *batch, struct ob_ioc_file_info *info, int64_t date)
{
    struct ob_ioc_file_info *file = info != NULL ? info : ioc_batch_file(batch);
    if (file != NULL && date > file->published)
        file->published = date;
}

/* Reads exactly `digits` decimal digits. */
static bool read_number(const char **at, int digits, int *out)
{
    int value = 0;
    for (int i = 0; i < digits; i++) {
        char c = (*at)[i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    *at += digits;
    *out = value;
    return true;
}

bool ioc_parse_time(const char *text, int64_t *out)
{
    if (text == NULL)
        return false;
    const char *at = text;
    int year, month, day, hour = 0, minute = 0, second = 0;
    if (!read_number(&at, 4, &year) || *at++ != '-' || !read_number(&at, 2, &month) ||
        *at++ != '-' || !read_number(&at, 2, &day) || month < 1 || month > 12 || day < 1 ||
        day > 31)
        return false;
    int offset = 0;
    if (*at == 'T' || *at == 't' || *at == ' ') {
        at++;
        if (!read_number(&at, 2, &hour) || *at++ != ':' || !read_number(&at, 2, &minute))
            return false;
        if (*at == ':' && (at++, !read_number(&at, 2, &second)))
            return false;
        if (*at == '.' || *at == ',')
            for (at++; *at >= '0' && *at <= '9'; at++) {
            }
        if (hour > 23 || minute > 59 || second > 60)
            return false;
        if (*at == 'Z' || *at == 'z') {
            at++;
        } else if (*at == '+' || *at == '-') {
            int sign = *at++ == '-' ? -1 : 1, offset_hours, offset_minutes = 0;
            if (!read_number(&at, 2, &offset_hours))
                return false;
            if (*at == ':')
                at++;
            if (*at >= '0' && *at <= '9' && !read_number(&at, 2, &offset_minutes))
                return false;
            offset = sign * (offset_hours * 3600 + offset_minutes * 60);
        }
    }
    if (*at != '\0')
        return false;
    struct tm tm = {.tm_year = year - 1900,
                    .tm_mon = month - 1,
                    .tm_mday = day,
                    .tm_hour = hour,
                    .tm_min = minute,
                    .tm_sec = second};
    time_t seconds = timegm(&tm);
    if (seconds == (time_t)-1)
        return false;
    *out = (int64_t)seconds - offset;
    return true;
}

enum ob_status ioc_batch_add(struct ob_ioc_batch *batch, enum ob_ioc_type type, const char *value,
                             size_t length, const char *campaign, const char *description,
                             const int *score, const char *position)
{
    char normal[OB_IOC_VALUE_MAX + 1], unicode[OB_IOC_VALUE_MAX + 1];
    enum ob_status status = ob_ioc_normalize(batch->ctx, type, value, length, normal,
                                             sizeof(normal), unicode, sizeof(unicode));
    if (status == OB_ERR_PARSE || status == OB_ERR_LIMIT) {
        /* One bad value is reported and left out; the file is still sound. */
        batch->invalid++;
        if (batch->invalid_logged++ < INVALID_LOGGED_MAX)
            /* TRANSLATORS: the file, the place in it ("line 7", "event 0
             * attribute 3"), the indicator type (sha256, domain, ...) and why. */
            ob_context_log(batch->ctx, OB_LOG_WARNING, _("%s: %s: %s value left out: %s"),
                           batch->source_file, position != NULL ? position : "?",
                           ob_ioc_type_name(type), ob_context_last_error(batch->ctx));
        return OB_OK;
    }
    if (status != OB_OK)
        return status;
    status = core_array_grow((void **)&batch->records, &batch->capacity, batch->count + 1,
                             sizeof(*batch->records), 1024, OB_IOC_BATCH_MAX);
    if (status == OB_ERR_LIMIT)
        return ob_context_fail(batch->ctx, OB_ERR_LIMIT,
                               P_("more than %zu indicator in one import",
                                  "more than %zu indicators in one import", OB_IOC_BATCH_MAX),
                               OB_IOC_BATCH_MAX);
    if (status != OB_OK)
        return ob_context_fail(batch->ctx, status, _("out of memory importing indicators"));
    struct ob_ioc_record record = {.type = type,
                                   .source = batch->source_name,
                                   .source_file = batch->source_file,
                                   .exclude = "",
                                   .created = batch->dates.created,
                                   .modified = batch->dates.modified,
                                   .valid_from = batch->dates.valid_from,
                                   .valid_until = batch->dates.valid_until,
                                   .file = batch->current_file};
    if (batch->campaign != NULL)
        campaign = batch->campaign;
    if (score != NULL) {
        record.score = *score;
        record.has_score = true;
    }
    status = ioc_batch_strdup(batch, normal, strlen(normal), &record.value);
    if (status == OB_OK)
        status = ioc_batch_strdup(batch, unicode, strlen(unicode), &record.value_unicode);
    if (status == OB_OK)
        status = ioc_batch_strdup(batch, campaign, campaign ? strlen(campaign) : 0,
                                  &record.campaign);
    if (status == OB_OK)
        status = ioc_batch_strdup(batch, description, description ? strlen(description) : 0,
                                  &record.description);
    if (status != OB_OK)
        return status;
    batch->records[batch->count++] = record;
    return OB_OK;
}

/* Writes the text that tells one unsupported kind from another into `key`
 * (English, as the tests and the importers name kinds). */
static void kind_key(char *key, size_t size, enum ioc_unsupported_what what, const char *name,
                     const char *object_path)
{
    switch (what) {
    case IOC_UNSUPPORTED_STIX_PATTERN_TYPE:
        snprintf(key, size, "STIX pattern_type '%.*s'", SHOWN_MAX, name);
        break;
    case IOC_UNSUPPORTED_STIX_OBJECT_PATH:
        snprintf(key, size, "STIX object path '%.*s'", SHOWN_MAX, name);
        break;
    case IOC_UNSUPPORTED_STIX_OPERATOR:
        snprintf(key, size, "STIX operator '%.*s' on '%.*s'", SHOWN_MAX, name, SHOWN_MAX,
                 object_path);
        break;
    case IOC_UNSUPPORTED_MISP_TYPE: snprintf(key, size, "MISP type '%.*s'", SHOWN_MAX, name); break;
    case IOC_UNSUPPORTED_OTHER: snprintf(key, size, "other kinds of indicator"); break;
    }
}

enum ob_status ioc_batch_unsupported(struct ob_ioc_batch *batch, enum ioc_unsupported_what what,
                                     const char *name, const char *object_path,
                                     const char *position)
{
    /* Kinds are few in practice; a hostile file with endless distinct kinds
     * has the rest counted together, so the list stays readable and small. */
    if (batch->unsupported_count >= 999)
        what = IOC_UNSUPPORTED_OTHER;
    if (name == NULL || what == IOC_UNSUPPORTED_OTHER)
        name = "";
    if (object_path == NULL || what != IOC_UNSUPPORTED_STIX_OPERATOR)
        object_path = "";
    char key[2 * SHOWN_MAX + 64];
    kind_key(key, sizeof(key), what, name, object_path);
    for (size_t i = 0; i < batch->unsupported_count; i++) {
        if (strcmp(batch->unsupported[i].kind, key) == 0) {
            batch->unsupported[i].count++;
            return OB_OK;
        }
    }
    enum ob_status status =
        core_array_grow((void **)&batch->unsupported, &batch->unsupported_capacity,
                        batch->unsupported_count + 1, sizeof(*batch->unsupported), 8, SIZE_MAX);
    if (status != OB_OK)
        return status;
    struct ob_ioc_unsupported kind = {.kind = strdup(key),
                                      .what = what,
                                      .name = strndup(name, SHOWN_MAX),
                                      .object_path = strndup(object_path, SHOWN_MAX),
                                      .count = 1};
    if (asprintf(&kind.example_position, "%s: %s", batch->source_file, position ? position : "?") <
        0)
        kind.example_position = NULL;
    if (kind.kind == NULL || kind.name == NULL || kind.object_path == NULL ||
        kind.example_position == NULL) {
        free(kind.kind);
        free(kind.name);
        free(kind.object_path);
        free(kind.example_position);
        return OB_ERR_NOMEM;
    }
    batch->unsupported[batch->unsupported_count++] = kind;
    return OB_OK;
}

enum ob_status ioc_batch_malformed(const struct ob_ioc_batch *batch, enum ioc_document document,
                                   const char *fmt, ...)
{
    char detail[512];
    va_list args;
    va_start(args, fmt);
    vsnprintf(detail, sizeof(detail), fmt, args);
    va_end(args);
    /* TRANSLATORS: the file, then what is wrong with it. */
    return ob_context_fail(batch->ctx, OB_ERR_PARSE,
                           document == IOC_STIX_BUNDLE ? _("%s: malformed STIX bundle: %s")
                                                       : _("%s: malformed MISP event: %s"),
                           batch->source_file, detail);
}
