/* SPDX-License-Identifier: Apache-2.0 */
/* The IOC set: its life cycle, loading a folder of lists, C2 lists, hash
 * lookups, and the line reading shared by every list parser. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/array.h"
#include "core/hash.h"
#include "core/cache_file.h"
#include "core/i18n.h"
#include "core/walk.h"
#include "indicators/ioc_internal.h"

#define MAX_DIRECTORY_ENTRIES 100000

/* ---- shared helpers ------------------------------------------------------ */

_Static_assert(OB_IOC_DIGEST_MAX >= OB_MD5_LEN && OB_IOC_DIGEST_MAX >= OB_SHA1_LEN &&
                   OB_IOC_DIGEST_MAX >= OB_SHA256_LEN,
               "a hash entry holds the longest digest");

size_t indicators_digest_size(enum ob_hash_kind kind)
{
    switch (kind) {
    case OB_HASH_MD5: return OB_MD5_LEN;
    case OB_HASH_SHA1: return OB_SHA1_LEN;
    case OB_HASH_SHA256: return OB_SHA256_LEN;
    case OB_HASH_KIND_COUNT: break;
    }
    return 0;
}

enum ob_status indicators_strdup(struct ob_indicators *set, const char *text, size_t length,
                                 const char **out)
{
    return core_arena_strdup(&set->strings, text, length, out);
}

enum ob_status indicators_source(struct ob_indicators *set, const char *source, size_t line,
                                 const char **out)
{
    char number[32];
    int digits = snprintf(number, sizeof(number), ":%zu", line);
    size_t source_length = strlen(source);
    if (source_length > OB_IOC_LINE_CAP)
        source_length = OB_IOC_LINE_CAP;
    char *text = malloc(source_length + (size_t)digits + 1);
    if (text == NULL)
        return OB_ERR_NOMEM;
    memcpy(text, source, source_length);
    memcpy(text + source_length, number, (size_t)digits + 1);
    enum ob_status status = indicators_strdup(set, text, source_length + (size_t)digits, out);
    free(text);
    return status;
}

enum ob_status indicators_grow(void **items, size_t *capacity, size_t count, size_t item_size)
{
    return core_array_grow(items, capacity, count + 1, item_size, 256, OB_IOC_MAX_ENTRIES);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

void indicators_trim(const char **text, size_t *length)
{
    while (*length > 0 && is_blank((*text)[0])) {
        (*text)++;
        (*length)--;
    }
    while (*length > 0 && is_blank((*text)[*length - 1]))
        (*length)--;
}

bool indicators_parse_score(const char *text, size_t length, int *score)
{
    indicators_trim(&text, &length);
    size_t i = 0;
    bool negative = false;
    if (i < length && (text[i] == '-' || text[i] == '+')) {
        negative = text[i] == '-';
        i++;
    }
    if (i == length)
        return false;
    long value = 0;
    for (; i < length; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (text[i] - '0');
        if (value > OB_IOC_MAX_SCORE - OB_IOC_MIN_SCORE)
            return false;
    }
    if (negative)
        value = -value;
    if (value < OB_IOC_MIN_SCORE || value > OB_IOC_MAX_SCORE)
        return false;
    *score = (int)value;
    return true;
}

enum ob_status indicators_store_failed(struct ob_context *ctx, enum ob_status status,
                                       const char *source)
{
    if (status == OB_ERR_LIMIT)
        return ob_context_fail(ctx, status, _("too many indicators in '%s'"), source);
    return ob_context_fail(ctx, status, _("cannot store indicators of '%s': %s"), source,
                           ob_strerror(status));
}

/* ---- line reader --------------------------------------------------------- */

void indicators_reader_init(struct ob_ioc_reader *reader, struct ob_context *ctx,
                            const char *source, const char *text, size_t length)
{
    reader->ctx = ctx;
    reader->source = source;
    reader->text = text;
    reader->length = text != NULL ? length : 0;
    reader->offset = 0;
    reader->line_number = 0;
    reader->warnings = 0;
    reader->malformed = 0;
    /* A UTF-8 byte order mark is not part of the first line. */
    if (reader->length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        reader->offset = 3;
}

bool indicators_reader_next(struct ob_ioc_reader *reader, const char **line, size_t *length)
{
    while (reader->offset < reader->length) {
        const char *start = reader->text + reader->offset;
        size_t remaining = reader->length - reader->offset;
        const char *newline = memchr(start, '\n', remaining);
        size_t raw = newline != NULL ? (size_t)(newline - start) : remaining;
        reader->offset += raw + (newline != NULL);
        reader->line_number++;
        const char *text = start;
        size_t size = raw;
        indicators_trim(&text, &size);
        if (size == 0)
            continue;
        if (size > OB_IOC_LINE_CAP) {
            indicators_reader_malformed(reader,
                                        P_("line longer than %d byte", "line longer than %d bytes",
                                           OB_IOC_LINE_CAP),
                                        OB_IOC_LINE_CAP);
            continue;
        }
        if (memchr(text, '\0', size) != NULL) {
            indicators_reader_malformed(reader, _("NUL byte in line"));
            continue;
        }
        *line = text;
        *length = size;
        return true;
    }
    return false;
}

void indicators_reader_malformed(struct ob_ioc_reader *reader, const char *fmt, ...)
{
    reader->malformed++;
    if (++reader->warnings > OB_IOC_MAX_WARNINGS)
        return;
    char message[1024];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof(message), fmt, args);
    va_end(args);
    ob_context_log(reader->ctx, OB_LOG_WARNING, "%s:%zu: %s", reader->source, reader->line_number,
                   message);
}

void indicators_reader_finish(struct ob_ioc_reader *reader)
{
    if (reader->warnings > OB_IOC_MAX_WARNINGS)
        ob_context_log(reader->ctx, OB_LOG_WARNING,
                       P_("%s: %zu more malformed line not shown",
                          "%s: %zu more malformed lines not shown",
                          reader->warnings - OB_IOC_MAX_WARNINGS),
                       reader->source, reader->warnings - OB_IOC_MAX_WARNINGS);
}

enum ob_status indicators_reader_comment(struct ob_buffer *description, const char *line,
                                         size_t length)
{
    while (length > 0 && line[0] == '#') {
        line++;
        length--;
    }
    indicators_trim(&line, &length);
    core_buffer_reset(description, OB_IOC_LINE_CAP);
    return core_buffer_append(description, line, length);
}

/* ---- keeping a list in a set ------------------------------------------------ */

enum ob_status indicators_keep_ref(struct ob_ioc_keep *keep, const struct ob_indicator_entry *entry,
                                   struct ob_indicator_ref *ref)
{
    struct ob_indicators *set = keep->set;
    memset(ref, 0, sizeof(*ref));
    ref->score = entry->score;
    enum ob_status status = indicators_strdup(set, entry->value, strlen(entry->value), &ref->name);
    if (status == OB_OK)
        status = indicators_source(set, keep->source, entry->line, &ref->source);
    /* Entries below one comment line share its text. */
    if (status == OB_OK &&
        (keep->description == NULL || strcmp(keep->description, entry->description) != 0))
        status = indicators_strdup(set, entry->description, strlen(entry->description),
                                   &keep->description);
    ref->description = keep->description;
    if (status == OB_OK && entry->exclude != NULL)
        status = indicators_strdup(set, entry->exclude, strlen(entry->exclude), &ref->exclude);
    return status;
}

enum ob_status indicators_parse_list(struct ob_ioc_keep *keep, struct ob_context *ctx,
                                     const char *text, size_t length,
                                     enum ob_status (*read)(struct ob_ioc_reader *, ob_ioc_entry_fn,
                                                            void *),
                                     ob_ioc_entry_fn keep_entry)
{
    if (keep->set->finalized)
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("indicator set already finalized"));
    struct ob_ioc_reader reader;
    indicators_reader_init(&reader, ctx, keep->source, text, length);
    enum ob_status status = read(&reader, keep_entry, keep);
    keep->set->malformed_lines += reader.malformed;
    if (status != OB_OK)
        status = indicators_store_failed(ctx, status, keep->source);
    indicators_reader_finish(&reader);
    return status;
}

/* What ob_indicator_list_read passes through a list reader. */
struct shown_entries {
    ob_indicator_entry_fn fn;
    void *user;
    enum ob_status refused; /* fn's status when it stopped the reading */
};

static enum ob_status show_entry(void *user, const struct ob_ioc_entry *entry)
{
    struct shown_entries *shown = user;
    shown->refused = shown->fn(shown->user, &entry->shown);
    return shown->refused;
}

enum ob_status ob_indicator_list_read(enum ob_indicator_kind kind, struct ob_context *ctx,
                                      const char *source, const char *text, size_t length,
                                      ob_indicator_entry_fn fn, void *user)
{
    struct ob_ioc_reader reader;
    indicators_reader_init(&reader, ctx, source, text, length);
    struct shown_entries shown = {.fn = fn, .user = user, .refused = OB_OK};
    enum ob_status status;
    switch (kind) {
    case OB_INDICATOR_HASH: status = indicators_read_hashes(&reader, show_entry, &shown); break;
    case OB_INDICATOR_PATH_PATTERN:
        status = indicators_read_filenames(&reader, show_entry, &shown);
        break;
    case OB_INDICATOR_C2: status = indicators_read_c2(&reader, show_entry, &shown); break;
    default: return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("unknown indicator list kind"));
    }
    /* fn has said its own failure; the reader's is said here. */
    if (status != OB_OK && shown.refused == OB_OK)
        status = indicators_store_failed(ctx, status, source);
    indicators_reader_finish(&reader);
    return status;
}

/* ---- life cycle ------------------------------------------------------------ */

enum ob_status ob_indicators_new(struct ob_indicators **out)
{
    *out = calloc(1, sizeof(**out));
    if (*out == NULL)
        return OB_ERR_NOMEM;
    core_arena_init(&(*out)->strings, OB_IOC_STRINGS_CAP);
    return OB_OK;
}

void ob_indicators_free(struct ob_indicators *set)
{
    if (set == NULL)
        return;
    for (int kind = 0; kind < OB_HASH_KIND_COUNT; kind++) {
        free(set->hashes[kind].entries);
        free(set->false_positives[kind].entries);
    }
    free(set->patterns);
    free(set->c2);
    free(set->file_names.entries);
    free(set->file_paths.entries);
    free(set->folders.entries);
    free(set->nfa_insns);
    free(set->nfa_sets);
    indicators_literal_gate_free(set->filename_gate);
    indicators_literal_gate_free(set->drive_gate);
    core_arena_release(&set->strings);
    free(set);
}

enum ob_status ob_indicators_finalize(struct ob_indicators *set, struct ob_context *ctx)
{
    if (set->finalized)
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("indicator set already finalized"));
    indicators_hashes_finalize(set);
    indicators_exact_finalize(set);
    enum ob_status status = indicators_filenames_finalize(set, ctx);
    if (status == OB_OK)
        set->finalized = true;
    return status;
}

void ob_indicators_counts(const struct ob_indicators *set, struct ob_indicator_counts *out)
{
    memset(out, 0, sizeof(*out));
    for (int kind = 0; kind < OB_HASH_KIND_COUNT; kind++) {
        out->hashes[kind] = set->hashes[kind].count;
        out->false_positive_hashes += set->false_positives[kind].count;
    }
    out->filename_patterns = set->pattern_count;
    out->file_names = set->file_names.count + set->file_paths.count + set->folders.count;
    out->c2_entries = set->c2_count;
    out->malformed_lines = set->malformed_lines;
    out->files = set->files;
}

/* ---- hash lookups ------------------------------------------------------------ */

static int compare_entry_digest(const void *key, const void *element)
{
    const struct ob_hash_entry *entry = element;
    return memcmp(key, entry->digest, OB_IOC_DIGEST_MAX);
}

static const struct ob_hash_entry *find_entry(const struct ob_hash_list *list,
                                              enum ob_hash_kind kind, const unsigned char *digest)
{
    if (list->count == 0 || digest == NULL)
        return NULL;
    unsigned char key[OB_IOC_DIGEST_MAX] = {0};
    memcpy(key, digest, indicators_digest_size(kind));
    return bsearch(key, list->entries, list->count, sizeof(*list->entries), compare_entry_digest);
}

static bool valid_kind(enum ob_hash_kind kind)
{
    return (int)kind >= 0 && kind < OB_HASH_KIND_COUNT;
}

bool ob_indicators_has_hash_kind(const struct ob_indicators *set, enum ob_hash_kind kind)
{
    return valid_kind(kind) && set->hashes[kind].count > 0;
}

const struct ob_indicator_ref *ob_indicators_find_hash(const struct ob_indicators *set,
                                                       enum ob_hash_kind kind,
                                                       const unsigned char *digest)
{
    if (!set->finalized || !valid_kind(kind))
        return NULL;
    const struct ob_hash_entry *entry = find_entry(&set->hashes[kind], kind, digest);
    return entry != NULL ? &entry->ref : NULL;
}

bool ob_indicators_is_false_positive(const struct ob_indicators *set, enum ob_hash_kind kind,
                                     const unsigned char *digest)
{
    if (!set->finalized || !valid_kind(kind))
        return false;
    return find_entry(&set->false_positives[kind], kind, digest) != NULL;
}

/* ---- C2 lists ---------------------------------------------------------------- */

/* Host names, IPv4 and IPv6 addresses: letters, digits, '.', '-', '_', ':'. */
static bool valid_c2_entry(const char *text, size_t length)
{
    if (length == 0 || length > OB_C2_MAX_LENGTH)
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == '_' || c == ':';
        if (!ok)
            return false;
    }
    return true;
}

enum ob_status indicators_read_c2(struct ob_ioc_reader *reader, ob_ioc_entry_fn fn, void *user)
{
    struct ob_buffer description, value;
    core_buffer_init(&description, OB_IOC_LINE_CAP);
    core_buffer_init(&value, OB_IOC_LINE_CAP);
    enum ob_status status = OB_OK;
    const char *line;
    size_t size;
    while (status == OB_OK && indicators_reader_next(reader, &line, &size)) {
        if (line[0] == '#') {
            status = indicators_reader_comment(&description, line, size);
            continue;
        }
        const char *separator = memchr(line, ';', size);
        const char *host = line;
        size_t host_length = separator != NULL ? (size_t)(separator - line) : size;
        indicators_trim(&host, &host_length);
        int score = OB_C2_DEFAULT_SCORE;
        if (!valid_c2_entry(host, host_length)) {
            indicators_reader_malformed(reader, _("not a host name or IP address"));
            continue;
        }
        const char *score_text = separator != NULL ? separator + 1 : line + size;
        size_t score_length = (size_t)(line + size - score_text);
        indicators_trim(&score_text, &score_length);
        if (score_length > 0) {
            if (!indicators_parse_score(score_text, score_length, &score)) {
                indicators_reader_malformed(reader,
                                            _("bad score, expected an integer from %d to %d"),
                                            OB_IOC_MIN_SCORE, OB_IOC_MAX_SCORE);
                continue;
            }
        }
        core_buffer_reset(&value, OB_IOC_LINE_CAP);
        status = core_buffer_append(&value, host, host_length);
        struct ob_ioc_entry entry = {
            .shown = {.kind = OB_INDICATOR_C2,
                      .value = core_buffer_str(&value),
                      .line = reader->line_number,
                      .description = core_buffer_str(&description),
                      .score = score},
        };
        if (status == OB_OK)
            status = fn(user, &entry);
    }
    core_buffer_release(&description);
    core_buffer_release(&value);
    return status;
}

static enum ob_status keep_c2(void *user, const struct ob_ioc_entry *entry)
{
    struct ob_ioc_keep *keep = user;
    struct ob_indicators *set = keep->set;
    struct ob_indicator_ref ref;
    enum ob_status status = indicators_keep_ref(keep, &entry->shown, &ref);
    if (status == OB_OK)
        status = indicators_grow((void **)&set->c2, &set->c2_capacity, set->c2_count,
                                 sizeof(*set->c2));
    if (status == OB_OK)
        set->c2[set->c2_count++] = ref;
    return status;
}

enum ob_status ob_indicators_parse_c2(struct ob_indicators *set, struct ob_context *ctx,
                                      const char *source, const char *text, size_t length)
{
    struct ob_ioc_keep keep = {.set = set, .source = source};
    return indicators_parse_list(&keep, ctx, text, length, indicators_read_c2, keep_c2);
}

const struct ob_indicator_ref *ob_indicators_c2_entries(const struct ob_indicators *set,
                                                        size_t *count)
{
    *count = set->c2_count;
    return set->c2;
}

/* ---- loading a folder ------------------------------------------------------- */

enum list_kind { LIST_IGNORED, LIST_HASHES, LIST_FALSE_POSITIVE_HASHES, LIST_FILENAMES, LIST_C2 };

static enum list_kind classify(const char *name)
{
    bool false_positive = strcasestr(name, "falsepositive") != NULL ||
                          strncasecmp(name, "fp-", 3) == 0 || strncasecmp(name, "fp_", 3) == 0;
    if (strcasestr(name, "hash") != NULL)
        return false_positive ? LIST_FALSE_POSITIVE_HASHES : LIST_HASHES;
    if (false_positive)
        return LIST_IGNORED; /* only hash lists have a false-positive form */
    if (strcasestr(name, "filename") != NULL)
        return LIST_FILENAMES;
    if (strcasestr(name, "c2") != NULL)
        return LIST_C2;
    return LIST_IGNORED;
}

/* Lists the names of `dir` in byte order, so loading is repeatable. */
static enum ob_status list_directory(struct ob_context *ctx, const char *dir, char ***out,
                                     size_t *out_count)
{
    enum ob_status status = core_folder_names(dir, MAX_DIRECTORY_ENTRIES + 1, out, out_count);
    if (status == OB_ERR_NOMEM)
        return status;
    if (status != OB_OK)
        return ob_context_fail(ctx, status, _("cannot open IOC folder '%s': %s"), dir,
                               strerror(errno));
    if (*out_count > MAX_DIRECTORY_ENTRIES) {
        core_folder_names_free(*out, *out_count);
        *out = NULL;
        *out_count = 0;
        return ob_context_fail(ctx, OB_ERR_LIMIT, _("too many files in IOC folder '%s'"), dir);
    }
    return OB_OK;
}

/* Evil hashes, file-name patterns and C2 entries held so far. */
static size_t indicators_held(const struct ob_indicators *set)
{
    struct ob_indicator_counts counts;
    ob_indicators_counts(set, &counts);
    return counts.hashes[OB_HASH_MD5] + counts.hashes[OB_HASH_SHA1] +
           counts.hashes[OB_HASH_SHA256] + counts.filename_patterns + counts.c2_entries;
}

enum ob_status ob_indicators_load_dir(struct ob_indicators *set, struct ob_context *ctx,
                                      const char *dir)
{
    return ob_indicators_load_dir_counted(set, ctx, dir, NULL);
}

enum ob_status ob_indicators_load_dir_counted(struct ob_indicators *set, struct ob_context *ctx,
                                              const char *dir, struct ob_indicator_load *load)
{
    struct ob_indicator_load counted = {0};
    if (load != NULL)
        *load = counted;
    size_t held = indicators_held(set);
    if (set->finalized)
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("indicator set already finalized"));
    char **names = NULL;
    size_t count = 0;
    enum ob_status status = list_directory(ctx, dir, &names, &count);
    if (status != OB_OK)
        return status;
    enum ob_status unreadable = OB_OK;
    struct ob_buffer content, path;
    core_buffer_init(&content, OB_IOC_FILE_CAP);
    core_buffer_init(&path, PATH_MAX);
    for (size_t i = 0; i < count; i++) {
        enum list_kind kind = classify(names[i]);
        if (kind == LIST_IGNORED)
            continue;
        core_buffer_reset(&path, PATH_MAX);
        if ((status = core_buffer_printf(&path, "%s/%s", dir, names[i])) != OB_OK) {
            status = ob_context_fail(ctx, status, _("IOC file path too long in '%s'"), dir);
            goto out;
        }
        const char *file = core_buffer_str(&path);
        struct stat st;
        bool stat_failed = stat(file, &st) != 0;
        if (!stat_failed && !S_ISREG(st.st_mode))
            continue;
        const char *reason = "";
        enum ob_status read = core_buffer_read_file(&content, file, &reason);
        if (read == OB_ERR_LIMIT)
            reason = _("larger than 64 MiB");
        if (read == OB_ERR_NOMEM) {
            status = ob_context_fail(ctx, read, _("cannot read IOC file '%s': %s"), file, reason);
            goto out;
        }
        if (read != OB_OK) {
            /* One bad file does not hide the others; the call still fails. */
            ob_context_log(ctx, OB_LOG_ERROR, _("cannot read IOC file '%s': %s"), file, reason);
            if (unreadable == OB_OK)
                unreadable = ob_context_fail(ctx, read, _("cannot read IOC file '%s': %s"), file,
                                             reason);
            continue;
        }
        const char *text = (const char *)content.data;
        switch (kind) {
        case LIST_HASHES:
        case LIST_FALSE_POSITIVE_HASHES:
            status = ob_indicators_parse_hashes(set, ctx, file, text, content.length,
                                                kind == LIST_FALSE_POSITIVE_HASHES);
            break;
        case LIST_FILENAMES:
            status = ob_indicators_parse_filenames(set, ctx, file, text, content.length);
            break;
        case LIST_C2: status = ob_indicators_parse_c2(set, ctx, file, text, content.length); break;
        case LIST_IGNORED: break;
        }
        if (status != OB_OK)
            goto out;
        set->files++;
        counted.files++;
        if (!stat_failed && (int64_t)st.st_mtime > counted.newest_mtime)
            counted.newest_mtime = (int64_t)st.st_mtime;
    }
    status = unreadable;
out:
    if (load != NULL) {
        counted.indicators = indicators_held(set) - held;
        *load = counted;
    }
    core_folder_names_free(names, count);
    core_buffer_release(&content);
    core_buffer_release(&path);
    return status;
}
