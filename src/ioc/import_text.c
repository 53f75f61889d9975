/* SPDX-License-Identifier: Apache-2.0 */
/* Line-based importers: CSV (type,value,description,campaign) and the
 * signature-base lists, which are read by the scanner's own parsers. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buffer.h"
#include "core/i18n.h"
#include "ioc/ioc_internal.h"

#define CSV_FIELDS_MAX 16
#define CSV_FIELD_MAX ((size_t)OB_IOC_TEXT_MAX)

/* ---- CSV ------------------------------------------------------------------ */

/* Type names accepted in CSV besides oberig's own. */
static bool csv_type(const char *name, enum ob_ioc_type *type)
{
    static const struct {
        const char *alias;
        enum ob_ioc_type type;
    } aliases[] = {
        {"domain-name", OB_IOC_DOMAIN}, {"hostname", OB_IOC_DOMAIN},
        {"email-addr", OB_IOC_EMAIL},   {"ipv4-addr", OB_IOC_IPV4},
        {"ipv6-addr", OB_IOC_IPV6},     {"filename", OB_IOC_FILE_NAME},
        {"filepath", OB_IOC_FILE_PATH}, {"sha-256", OB_IOC_SHA256},
        {"sha-1", OB_IOC_SHA1},         {"process", OB_IOC_PROCESS_NAME},
    };
    if (ob_ioc_type_parse(name, type))
        return true;
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
        if (strcasecmp(name, aliases[i].alias) == 0) {
            *type = aliases[i].type;
            return true;
        }
    }
    return false;
}

/* One CSV record (RFC 4180: quoted fields may hold commas, doubled quotes
 * and line breaks). Fields are NUL-separated in `fields`. */
struct csv_record {
    struct ob_buffer text;
    size_t starts[CSV_FIELDS_MAX];
    size_t count;
};

/* Reads the record at *offset; returns false at the end of the text.
 * Sets *error to a message for a malformed record (marked, untranslated). */
static bool csv_next(const char *text, size_t length, size_t *offset, size_t *line,
                     struct csv_record *record, const char **error)
{
    *error = NULL;
    size_t at = *offset;
    /* Blank lines between records are skipped. */
    while (at < length && (text[at] == '\n' || text[at] == '\r')) {
        if (text[at] == '\n')
            (*line)++;
        at++;
    }
    if (at >= length)
        return false;
    core_buffer_reset(&record->text, 1 << 16);
    record->count = 0;
    bool in_quotes = false, field_start = true;
    size_t field_length = 0;
    for (;; at++) {
        if (field_start) {
            if (record->count == CSV_FIELDS_MAX) {
                *error = N_("too many fields");
                break;
            }
            record->starts[record->count++] = record->text.length;
            field_start = false;
            field_length = 0;
            if (at < length && text[at] == '"') {
                in_quotes = true;
                continue;
            }
        }
        if (at >= length) {
            if (in_quotes)
                *error = N_("quoted field not closed");
            break;
        }
        char c = text[at];
        if (in_quotes) {
            if (c == '"' && at + 1 < length && text[at + 1] == '"') {
                at++;
            } else if (c == '"') {
                in_quotes = false;
                if (at + 1 < length && text[at + 1] != ',' && text[at + 1] != '\n' &&
                    text[at + 1] != '\r') {
                    *error = N_("text after a closing quote");
                    break;
                }
                continue;
            } else if (c == '\n') {
                (*line)++;
            }
        } else if (c == ',') {
            if (core_buffer_append(&record->text, "", 1) != OB_OK) {
                *error = N_("record too long");
                break;
            }
            field_start = true;
            continue;
        } else if (c == '\n' || c == '\r') {
            break;
        } else if (c == '"') {
            *error = N_("quote inside an unquoted field");
            break;
        }
        if (c == '\0') {
            /* the field would end there ("gmail.com\0.evil" as "gmail.com") */
            *error = N_("NUL byte in a field");
            break;
        }
        if (++field_length > CSV_FIELD_MAX || core_buffer_append(&record->text, &c, 1) != OB_OK) {
            *error = N_("field too long");
            break;
        }
    }
    if (*error == NULL && core_buffer_append(&record->text, "", 1) != OB_OK)
        *error = N_("record too long");
    if (*error == NULL) {
        /* The record ends at CR LF, LF or a lone CR (old Mac files); a CR
         * must not make the next records part of this line. */
        if (at < length && text[at] == '\r')
            at++;
        if (at < length && text[at] == '\n')
            at++;
        *offset = at;
        return true;
    }
    /* Resynchronise after the end of this line. */
    while (at < length && text[at] != '\n')
        at++;
    *offset = at < length ? at + 1 : at;
    return true;
}

static const char *csv_field(const struct csv_record *record, size_t index)
{
    if (index >= record->count)
        return "";
    return (const char *)record->text.data + record->starts[index];
}

enum ob_status ioc_import_csv(struct ob_ioc_batch *batch, const char *text, size_t length)
{
    struct csv_record record = {.count = 0};
    core_buffer_init(&record.text, (size_t)1 << 20);
    size_t offset = 0, line = 1, record_line;
    enum ob_status status = OB_OK;
    const char *error;
    bool first = true;
    /* A UTF-8 byte order mark, as spreadsheet programs write it. */
    if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        offset = 3;
    for (;;) {
        size_t before = offset;
        while (before < length && (text[before] == '\n' || text[before] == '\r'))
            before++;
        record_line = line;
        for (size_t i = offset; i < before; i++)
            record_line += text[i] == '\n';
        if (!csv_next(text, length, &offset, &line, &record, &error))
            break;
        line++;
        if (error != NULL) {
            status = ob_context_fail(batch->ctx, OB_ERR_PARSE, "%s:%zu: %s", batch->source_file,
                                     record_line, _(error));
            break;
        }
        const char *type_name = csv_field(&record, 0);
        if (first && strcasecmp(type_name, "type") == 0) {
            first = false;
            continue; /* header */
        }
        first = false;
        if (type_name[0] == '#')
            continue;
        enum ob_ioc_type type;
        if (!csv_type(type_name, &type)) {
            status = ob_context_fail(batch->ctx, OB_ERR_PARSE,
                                     _("%s:%zu: unknown indicator type '%.64s'"),
                                     batch->source_file, record_line, type_name);
            break;
        }
        if (record.count < 2) {
            status = ob_context_fail(batch->ctx, OB_ERR_PARSE,
                                     _("%s:%zu: expected type,value[,description[,campaign]]"),
                                     batch->source_file, record_line);
            break;
        }
        char position[48];
        snprintf(position, sizeof(position), _("line %zu"), record_line);
        const char *value = csv_field(&record, 1);
        status = ioc_batch_add(batch, type, value, strlen(value), csv_field(&record, 3),
                               csv_field(&record, 2), NULL, position);
        if (status != OB_OK)
            break;
    }
    core_buffer_release(&record.text);
    return status;
}

/* ---- signature-base --------------------------------------------------------- */

static enum ob_status add_sigbase(void *user, const struct ob_indicator_entry *entry)
{
    struct ob_ioc_batch *batch = user;
    enum ob_ioc_type type = OB_IOC_FILE_PATH_REGEX;
    unsigned char address[16];
    if (entry->kind == OB_INDICATOR_HASH)
        type = entry->hash_kind == OB_HASH_MD5    ? OB_IOC_MD5
               : entry->hash_kind == OB_HASH_SHA1 ? OB_IOC_SHA1
                                                  : OB_IOC_SHA256;
    else if (entry->kind == OB_INDICATOR_C2)
        type = inet_pton(AF_INET, entry->value, address) == 1    ? OB_IOC_IPV4
               : inet_pton(AF_INET6, entry->value, address) == 1 ? OB_IOC_IPV6
                                                                 : OB_IOC_DOMAIN;
    char where[48];
    snprintf(where, sizeof(where), _("line %zu"), entry->line);
    size_t before = batch->count;
    enum ob_status status = ioc_batch_add(batch, type, entry->value, strlen(entry->value), NULL,
                                          entry->description, &entry->score, where);
    /* The pattern's false-positive regex goes with it into the store. */
    if (status == OB_OK && batch->count > before && entry->exclude != NULL)
        status = ioc_batch_strdup(batch, entry->exclude, strlen(entry->exclude),
                                  &batch->records[before].exclude);
    return status;
}

enum ob_status ioc_import_sigbase(struct ob_ioc_batch *batch, enum ob_indicator_kind kind,
                                  const char *text, size_t length)
{
    /* The scanner's readers read the lists exactly as `oberig scan --iocs`
     * does; malformed lines are reported as warnings and skipped there too. */
    return ob_indicator_list_read(kind, batch->ctx, batch->source_file, text, length, add_sigbase,
                                  batch);
}
