/* SPDX-License-Identifier: Apache-2.0 */
/* Wiper damage without a baseline: files whose start is a repeated byte,
 * random extensions, ransom notes (lists of data/scan), and their extent. */
#include "scan/wiper.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/array.h"
#include "core/bytes.h"

#define WIPER_ENTRIES_MAX 4096
#define NOTE_TEXT_MAX_FILE ((size_t)64 << 10)

/* Generated from the files of data/scan by cmake/embed_data.cmake. */
extern const unsigned char scan_embedded_structured_extensions[], scan_embedded_known_extensions[],
    scan_embedded_ransom_notes[];
extern const size_t scan_embedded_structured_extensions_size, scan_embedded_known_extensions_size,
    scan_embedded_ransom_notes_size;

struct note_entry {
    bool by_name;      /* false: a phrase of the text */
    bool literal;      /* a name without wildcards: compared, not matched */
    const char *value; /* fnmatch pattern, or the phrase in lower case */
    const char *origin;
};

struct scan_wiper_data {
    char *text; /* one copy of every list; the entries point into it */
    const char **structured, **known;
    size_t structured_count, known_count;
    struct note_entry *notes;
    size_t note_count;
};

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Cuts `text` into trimmed lines, blank and comment lines left out; calls
 * `line_fn` with each. */
static enum ob_status each_line(struct scan_wiper_data *data, char *text,
                                enum ob_status (*line_fn)(struct scan_wiper_data *, char *))
{
    enum ob_status status = OB_OK;
    char *line = text;
    while (status == OB_OK && line != NULL && *line != '\0') {
        char *end = strchr(line, '\n');
        if (end != NULL)
            *end = '\0';
        char *next = end != NULL ? end + 1 : NULL;
        while (*line == ' ' || *line == '\t')
            line++;
        size_t n = strlen(line);
        while (n > 0 && isspace((unsigned char)line[n - 1]))
            line[--n] = '\0';
        if (n > 0 && line[0] != '#')
            status = line_fn(data, line);
        line = next;
    }
    return status;
}

static enum ob_status add_string(const char ***items, size_t *count, const char *value)
{
    enum ob_status status = core_array_grow_counted((void **)items, *count, sizeof(**items), 16,
                                                    WIPER_ENTRIES_MAX);
    if (status != OB_OK)
        return status; /* OB_ERR_NOMEM, or OB_ERR_LIMIT past WIPER_ENTRIES_MAX */
    (*items)[(*count)++] = value;
    return OB_OK;
}

static enum ob_status add_structured(struct scan_wiper_data *data, char *line)
{
    return add_string(&data->structured, &data->structured_count, line);
}

static enum ob_status add_known(struct scan_wiper_data *data, char *line)
{
    return add_string(&data->known, &data->known_count, line);
}

static enum ob_status add_note(struct scan_wiper_data *data, char *line)
{
    char *value = strchr(line, '|');
    char *origin = value != NULL ? strchr(value + 1, '|') : NULL;
    if (origin == NULL)
        return OB_ERR_PARSE;
    *value++ = '\0';
    *origin++ = '\0';
    bool by_name = strcmp(line, "name") == 0;
    if (!by_name && strcmp(line, "text") != 0)
        return OB_ERR_PARSE;
    if (!by_name)
        for (char *c = value; *c; c++)
            *c = (char)tolower((unsigned char)*c);
    enum ob_status status = core_array_grow_counted((void **)&data->notes, data->note_count,
                                                    sizeof(*data->notes), 16, WIPER_ENTRIES_MAX);
    if (status != OB_OK)
        return status;
    data->notes[data->note_count++] =
        (struct note_entry){.by_name = by_name,
                            .literal = strpbrk(value, "*?[\\") == NULL,
                            .value = value,
                            .origin = origin};
    return OB_OK;
}

enum ob_status scan_wiper_data_new(struct scan_wiper_data **out)
{
    *out = NULL;
    struct scan_wiper_data *data = calloc(1, sizeof(*data));
    const struct {
        const unsigned char *text;
        size_t size;
        enum ob_status (*line_fn)(struct scan_wiper_data *, char *);
    } lists[] = {
        {scan_embedded_structured_extensions, scan_embedded_structured_extensions_size,
         add_structured},
        {scan_embedded_known_extensions, scan_embedded_known_extensions_size, add_known},
        {scan_embedded_ransom_notes, scan_embedded_ransom_notes_size, add_note},
    };
    size_t total = 0;
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
        total += lists[i].size + 1;
    if (data == NULL || (data->text = malloc(total)) == NULL) {
        scan_wiper_data_free(data);
        return OB_ERR_NOMEM;
    }
    enum ob_status status = OB_OK;
    char *at = data->text;
    for (size_t i = 0; status == OB_OK && i < sizeof(lists) / sizeof(lists[0]); i++) {
        memcpy(at, lists[i].text, lists[i].size);
        at[lists[i].size] = '\0';
        status = each_line(data, at, lists[i].line_fn);
        at += lists[i].size + 1;
    }
    if (status != OB_OK) {
        scan_wiper_data_free(data);
        return status;
    }
    qsort(data->structured, data->structured_count, sizeof(*data->structured), compare_strings);
    qsort(data->known, data->known_count, sizeof(*data->known), compare_strings);
    *out = data;
    return OB_OK;
}

void scan_wiper_data_free(struct scan_wiper_data *data)
{
    if (data == NULL)
        return;
    free(data->structured);
    free(data->known);
    free(data->notes);
    free(data->text);
    free(data);
}

size_t scan_wiper_fill_period(const unsigned char *data, size_t length)
{
    if (length < SCAN_WIPER_MIN_SIZE)
        return 0;
    return core_bytes_period(data, length < SCAN_WIPER_BLOCK ? length : SCAN_WIPER_BLOCK,
                             SCAN_WIPER_MAX_PERIOD);
}

void scan_wiper_format_pattern(const unsigned char *pattern, size_t period, char *out,
                               size_t out_size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < period && used + 6 <= out_size; i++)
        used += (size_t)snprintf(out + used, out_size - used, "%s0x%02x", i ? " " : "", pattern[i]);
}

static bool in_sorted(const char *const *items, size_t count, const char *key)
{
    return bsearch(&key, items, count, sizeof(*items), compare_strings) != NULL;
}

bool scan_wiper_is_structured(const struct scan_wiper_data *data, const char *extension)
{
    return extension[0] == '.' &&
           in_sorted(data->structured, data->structured_count, extension + 1);
}

bool scan_wiper_renamed(const struct scan_wiper_data *data, const char *name, char *added,
                        size_t added_size, char *original, size_t original_size)
{
    const char *last = strrchr(name, '.');
    if (last == NULL || last == name)
        return false;
    size_t n = strlen(last + 1);
    if (n < 3 || n > 8 || n + 2 > added_size)
        return false;
    char lower[16];
    bool letter = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)last[1 + i];
        if (!isalnum(c))
            return false;
        letter = letter || isalpha(c);
        lower[i] = (char)tolower(c);
    }
    lower[n] = '\0';
    /* Digits alone are a split archive's part or a version (".001"); a known
     * or structured extension is a conversion or a tool's ("a.docx.pdf"). */
    if (!letter || in_sorted(data->known, data->known_count, lower) ||
        in_sorted(data->structured, data->structured_count, lower))
        return false;
    const char *before = last - 1;
    while (before > name && *before != '.')
        before--;
    size_t m = (size_t)(last - before);
    if (*before != '.' || before == name || m < 2 || m > 8 || m + 1 > original_size)
        return false;
    char previous[16];
    for (size_t i = 0; i < m; i++)
        previous[i] = (char)tolower((unsigned char)before[i]);
    previous[m] = '\0';
    if (!scan_wiper_is_structured(data, previous))
        return false;
    snprintf(added, added_size, ".%s", lower);
    memcpy(original, previous, m + 1);
    return true;
}

static bool is_note_name(const char *name)
{
    static const char *const kinds[] = {".txt", ".html", ".htm", ".hta", ".rtf"};
    const char *dot = strrchr(name, '.');
    if (dot == NULL || dot == name)
        return true;
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (strcasecmp(dot, kinds[i]) == 0)
            return true;
    return false;
}

bool scan_wiper_ransom_note(const struct scan_wiper_data *data, const char *name,
                            const unsigned char *bytes, size_t length, const char **value,
                            const char **origin)
{
    for (size_t i = 0; i < data->note_count; i++)
        if (data->notes[i].by_name &&
            (data->notes[i].literal ? strcasecmp(data->notes[i].value, name) == 0
                                    : fnmatch(data->notes[i].value, name, FNM_CASEFOLD) == 0)) {
            *value = data->notes[i].value;
            *origin = data->notes[i].origin;
            return true;
        }
    /* Notes are short texts left to be opened with a double click: a small
     * .txt, .html, .hta or .rtf file (or one without an extension) without
     * NUL bytes at its start. */
    if (length > NOTE_TEXT_MAX_FILE || length == 0 || !is_note_name(name))
        return false;
    size_t block = length < SCAN_WIPER_BLOCK ? length : SCAN_WIPER_BLOCK;
    if (memchr(bytes, '\0', block) != NULL)
        return false;
    char lower[SCAN_WIPER_BLOCK];
    for (size_t i = 0; i < block; i++) /* ASCII only, as the phrases are */
        lower[i] = (char)(bytes[i] >= 'A' && bytes[i] <= 'Z' ? bytes[i] + ('a' - 'A') : bytes[i]);
    for (size_t i = 0; i < data->note_count; i++)
        if (!data->notes[i].by_name &&
            memmem(lower, block, data->notes[i].value, strlen(data->notes[i].value)) != NULL) {
            *value = data->notes[i].value;
            *origin = data->notes[i].origin;
            return true;
        }
    return false;
}

/* ---- system programs ------------------------------------------------------ */

/* True if the folder path[0..end) is named `name` (any case when `fold`). */
static bool folder_named(const char *path, size_t end, const char *name, bool fold)
{
    size_t n = strlen(name);
    if (end < n || (end > n && path[end - n - 1] != '/'))
        return false;
    return fold ? strncasecmp(path + end - n, name, n) == 0 : strncmp(path + end - n, name, n) == 0;
}

/* The end of the folder that holds path[0..end), or 0 at the top. */
static size_t parent_end(const char *path, size_t end)
{
    while (end > 0 && path[end - 1] != '/')
        end--;
    return end > 0 ? end - 1 : 0;
}

static bool is_shared_library(const char *base)
{
    const char *so = strstr(base, ".so");
    while (so != NULL && so[3] != '\0' && so[3] != '.')
        so = strstr(so + 3, ".so");
    return so != NULL && so != base;
}

enum scan_system_file scan_wiper_system_file(const char *path, unsigned mode)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL || slash[1] == '\0')
        return SCAN_SYSTEM_NONE;
    const char *base = slash + 1;
    size_t folder = (size_t)(slash - path);
    if ((mode & 0111) != 0 &&
        (folder_named(path, folder, "bin", false) || folder_named(path, folder, "sbin", false)))
        return SCAN_SYSTEM_PROGRAM;
    if (is_shared_library(base)) {
        size_t above = parent_end(path, folder);
        static const char *const libs[] = {"lib", "lib32", "lib64"};
        for (size_t i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
            if (folder_named(path, folder, libs[i], false) ||
                (above > 0 && folder_named(path, above, libs[i], false)))
                return SCAN_SYSTEM_LIBRARY;
    }
    const char *dot = strrchr(base, '.');
    if (dot != NULL &&
        (strcasecmp(dot, ".exe") == 0 || strcasecmp(dot, ".dll") == 0 ||
         strcasecmp(dot, ".sys") == 0) &&
        (folder_named(path, folder, "system32", true) ||
         folder_named(path, folder, "syswow64", true))) {
        size_t above = parent_end(path, folder);
        if (folder_named(path, above, "windows", true))
            return SCAN_SYSTEM_WINDOWS;
    }
    return SCAN_SYSTEM_NONE;
}

enum scan_system_damage scan_wiper_system_damage(const unsigned char *data, size_t length,
                                                 size_t *period, double *entropy)
{
    *period = 0;
    *entropy = 0;
    if (length == 0)
        return SCAN_SYSTEM_EMPTIED;
    if ((*period = scan_wiper_fill_period(data, length)) > 0)
        return SCAN_SYSTEM_FILLED;
    /* A program or library starts with its header; a script with "#!". */
    if (length < SCAN_WIPER_MIN_SIZE || (length >= 4 && memcmp(data, "\177ELF", 4) == 0) ||
        memcmp(data, "MZ", 2) == 0 || memcmp(data, "#!", 2) == 0)
        return SCAN_SYSTEM_INTACT;
    struct core_byte_stats stats;
    core_bytes_stats(data, length < SCAN_WIPER_BLOCK ? length : SCAN_WIPER_BLOCK, &stats);
    *entropy = stats.entropy;
    return stats.entropy > 7.2 ? SCAN_SYSTEM_RANDOM : SCAN_SYSTEM_INTACT;
}

/* ---- the extent ------------------------------------------------------------ */

void scan_wiper_tally_init(struct scan_wiper_tally *tally)
{
    memset(tally, 0, sizeof(*tally));
    pthread_mutex_init(&tally->lock, NULL);
}

void scan_wiper_tally_destroy(struct scan_wiper_tally *tally)
{
    pthread_mutex_destroy(&tally->lock);
}

static void widen(int64_t *first, int64_t *last, bool empty, int64_t mtime)
{
    if (empty || mtime < *first)
        *first = mtime;
    if (empty || mtime > *last)
        *last = mtime;
}

void scan_wiper_tally_add(struct scan_wiper_tally *tally, const unsigned char *pattern,
                          size_t period, bool renamed, bool note, bool system, int64_t mtime)
{
    pthread_mutex_lock(&tally->lock);
    if (period > 0) {
        tally->overwritten++;
        struct scan_wiper_pattern *slot = NULL;
        for (size_t i = 0; i < tally->pattern_count && slot == NULL; i++)
            if (tally->patterns[i].period == period &&
                memcmp(tally->patterns[i].bytes, pattern, period) == 0)
                slot = &tally->patterns[i];
        if (slot == NULL && tally->pattern_count < SCAN_WIPER_PATTERNS) {
            slot = &tally->patterns[tally->pattern_count++];
            memcpy(slot->bytes, pattern, period);
            slot->period = period;
        }
        /* Past eight different patterns the damage is no one pattern: those
         * files count as overwritten only. */
        if (slot != NULL) {
            widen(&slot->mtime_first, &slot->mtime_last, slot->files == 0, mtime);
            slot->files++;
            slot->renamed += renamed;
        }
    }
    if (renamed) {
        widen(&tally->renamed_first, &tally->renamed_last, tally->renamed == 0, mtime);
        tally->renamed++;
    }
    tally->notes += note;
    tally->system_damaged += system;
    pthread_mutex_unlock(&tally->lock);
}

void scan_wiper_tally_extent(struct scan_wiper_tally *tally, struct ob_wiper_extent *out)
{
    memset(out, 0, sizeof(*out));
    pthread_mutex_lock(&tally->lock);
    const struct scan_wiper_pattern *most = NULL;
    for (size_t i = 0; i < tally->pattern_count; i++)
        if (most == NULL || tally->patterns[i].files > most->files)
            most = &tally->patterns[i];
    out->overwritten = tally->overwritten;
    if (most != NULL) {
        out->files = most->files;
        _Static_assert(sizeof(out->pattern) >= SCAN_WIPER_MAX_PERIOD, "a pattern fits");
        memcpy(out->pattern, most->bytes, most->period);
        out->pattern_length = most->period;
        out->renamed = most->renamed;
        out->mtime_first = most->mtime_first;
        out->mtime_last = most->mtime_last;
    }
    out->renamed_total = tally->renamed;
    out->system_damaged = tally->system_damaged;
    out->renamed_first = tally->renamed_first;
    out->renamed_last = tally->renamed_last;
    out->notes = tally->notes;
    pthread_mutex_unlock(&tally->lock);
}
