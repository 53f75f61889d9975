/* SPDX-License-Identifier: Apache-2.0 */
/* File-name IOC lists: parsing, compiling each regex into an automaton
 * (path_nfa.c), and matching paths against the patterns whose required
 * texts they hold. */
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "core/i18n.h"
#include "indicators/filename_regex.h"
#include "indicators/ioc_internal.h"
#include "indicators/literal_gate.h"
#include "indicators/path_nfa.h"
#include "indicators/regex_translate.h"

#define REGEX_CAP ((size_t)128 << 10) /* one regex as written */
#define VIEW_CAP ((size_t)1 << 20)    /* a path seen from a drive's root */

struct ob_filename_matcher {
    const struct ob_indicators *set;
    struct ob_nfa_scratch scratch;
    uint32_t *seen; /* per pattern: the stamp of the last path it was a candidate for */
    uint32_t stamp;
    uint32_t *candidates; /* the patterns a path may match, in pattern order */
    size_t candidate_count;
    struct ob_buffer view; /* the path as seen from a drive's root */
    bool use_gate;
};

/* ---- parsing -------------------------------------------------------------- */

struct parsed_line {
    const char *regex, *score, *exclude;
    size_t regex_length, score_length, exclude_length;
};

/* Splits "REGEX;SCORE[;EXCLUDE]"; the exclude regex runs to the end of the
 * line, so it may itself hold ';'. */
static bool split_line(const char *line, size_t size, struct parsed_line *out)
{
    const char *end = line + size;
    const char *first = memchr(line, ';', size);
    if (first == NULL)
        return false;
    out->regex = line;
    out->regex_length = (size_t)(first - line);
    out->score = first + 1;
    const char *second = memchr(out->score, ';', (size_t)(end - out->score));
    out->score_length = (size_t)((second != NULL ? second : end) - out->score);
    out->exclude = second != NULL ? second + 1 : end;
    out->exclude_length = (size_t)(end - out->exclude);
    return true;
}

/* What the set keeps of one regex, worked out from one parse: its
 * automaton, and for a pattern (not a false-positive regex) the gate texts. */
struct prepared_regex {
    struct ob_buffer text; /* the regex as written, NUL-terminated */
    struct ob_nfa_program program;
    struct ob_buffer gate;
    bool gate_suffixes;
    bool drive_rooted;
};

static void prepared_init(struct prepared_regex *prepared)
{
    core_buffer_init(&prepared->text, REGEX_CAP);
    memset(&prepared->program, 0, sizeof(prepared->program));
    core_buffer_init(&prepared->gate, REGEX_CAP);
    prepared->gate_suffixes = false;
    prepared->drive_rooted = false;
}

static void prepared_release(struct prepared_regex *prepared)
{
    core_buffer_release(&prepared->text);
    indicators_nfa_release(&prepared->program);
    core_buffer_release(&prepared->gate);
}

/* Parses `regex` once and derives from it the automaton and, with `gate`,
 * the texts of the literal gate. A pattern (`gate`) with a drive root
 * keeps the drive's shape (matched against the path seen from a drive's
 * root); a false-positive regex lets a drive root be any folder, so it
 * excludes at least what it would on Windows. The gate texts are: the
 * required suffixes when there are (far more selective than a literal that
 * may stand anywhere: ".exe" at the end against "tmp" in any folder), else
 * the required literals, else none. OB_ERR_PARSE, OB_ERR_UNSUPPORTED or
 * OB_ERR_LIMIT (too long) with `error` set when it cannot be used;
 * OB_ERR_NOMEM. */
static enum ob_status prepare(const char *regex, size_t length, bool gate,
                              struct prepared_regex *out, struct ob_regex_error *error)
{
    core_buffer_reset(&out->text, REGEX_CAP);
    indicators_nfa_release(&out->program);
    core_buffer_reset(&out->gate, REGEX_CAP);
    out->gate_suffixes = false;
    out->drive_rooted = false;
    struct ob_filename_regex parsed;
    enum ob_status status = indicators_filename_regex_parse(regex, length, &parsed, error);
    if (status == OB_OK) {
        status = core_buffer_append(&out->text, regex, length);
        if (status == OB_ERR_LIMIT) {
            error->message = _("too long");
            error->offset = OB_REGEX_WHOLE;
        }
    }
    if (status == OB_OK) {
        out->drive_rooted = gate && indicators_regex_has_drive_root(&parsed);
        status = indicators_nfa_compile(&parsed, out->drive_rooted, &out->program, error);
    }
    if (status == OB_OK && gate) {
        out->gate_suffixes = indicators_regex_required_suffixes(&parsed, &out->gate);
        if (!out->gate_suffixes)
            indicators_regex_required_literals(&parsed, &out->gate);
    }
    indicators_filename_regex_release(&parsed);
    return status;
}

/* Prepares one regex of the current line (the file name's, or with
 * `exclude` its false-positive one), reporting a failure as malformed.
 * Returns OB_ERR_PARSE for a skipped line, or OB_ERR_NOMEM. */
static enum ob_status prepare_field(struct ob_ioc_reader *reader, bool exclude, const char *regex,
                                    size_t length, bool gate, struct prepared_regex *out)
{
    struct ob_regex_error error;
    enum ob_status status = prepare(regex, length, gate, out, &error);
    if (status == OB_OK || status == OB_ERR_NOMEM)
        return status;
    if (error.offset == OB_REGEX_WHOLE)
        indicators_reader_malformed(
            reader,
            /* TRANSLATORS: %s says what is wrong with the regular expression. */
            exclude ? _("false-positive regex skipped: %s")
                    /* TRANSLATORS: %s says what is wrong with the regular expression. */
                    : _("file-name regex skipped: %s"),
            error.message);
    else
        indicators_reader_malformed(
            reader,
            /* TRANSLATORS: %s says what is wrong with the regular expression. */
            exclude ? _("false-positive regex skipped: %s at offset %zu")
                    /* TRANSLATORS: %s says what is wrong with the regular expression. */
                    : _("file-name regex skipped: %s at offset %zu"),
            error.message, error.offset);
    return OB_ERR_PARSE;
}

/* Appends `program` to the set's pool; *slice says where it is. */
static enum ob_status keep_program(struct ob_indicators *set, const struct ob_nfa_program *program,
                                   struct ob_nfa_slice *slice)
{
    enum ob_status status = core_array_grow((void **)&set->nfa_insns, &set->nfa_insn_capacity,
                                            set->nfa_insn_count + program->count,
                                            sizeof(*set->nfa_insns), 1024, OB_IOC_MAX_ENTRIES);
    if (status == OB_OK)
        status = core_array_grow((void **)&set->nfa_sets, &set->nfa_set_capacity,
                                 set->nfa_set_count + program->set_count, sizeof(*set->nfa_sets),
                                 64, OB_IOC_MAX_ENTRIES);
    if (status != OB_OK)
        return status;
    slice->at = (uint32_t)set->nfa_insn_count;
    slice->count = (uint32_t)program->count;
    for (size_t i = 0; i < program->count; i++) {
        struct ob_nfa_insn insn = program->insns[i];
        if (insn.op == OB_NFA_SET)
            insn.x += (uint32_t)set->nfa_set_count; /* its sets follow those of the set */
        set->nfa_insns[set->nfa_insn_count++] = insn;
    }
    if (program->set_count > 0)
        memcpy(set->nfa_sets + set->nfa_set_count, program->sets,
               program->set_count * sizeof(*set->nfa_sets));
    set->nfa_set_count += program->set_count;
    if (program->count > set->nfa_longest)
        set->nfa_longest = program->count;
    return OB_OK;
}

/* Copies the automata and gate texts of `entry` (its other fields are not
 * used) into `pattern`. */
static enum ob_status keep_regexes(struct ob_indicators *set, const struct ob_ioc_entry *entry,
                                   struct ob_filename_pattern *pattern)
{
    pattern->gate_suffixes = entry->gate_suffixes;
    pattern->drive_rooted = entry->drive_rooted;
    enum ob_status status = keep_program(set, entry->match, &pattern->match);
    if (status == OB_OK)
        status = indicators_strdup(set, entry->gate_texts, strlen(entry->gate_texts),
                                   &pattern->gate_texts);
    if (status == OB_OK && entry->exclude != NULL)
        status = keep_program(set, entry->exclude, &pattern->exclude);
    return status;
}

static enum ob_status keep_pattern(void *user, const struct ob_ioc_entry *entry)
{
    struct ob_ioc_keep *keep = user;
    struct ob_indicators *set = keep->set;
    enum ob_status status = indicators_grow((void **)&set->patterns, &set->pattern_capacity,
                                            set->pattern_count, sizeof(*set->patterns));
    if (status != OB_OK)
        return status;
    struct ob_filename_pattern *pattern = &set->patterns[set->pattern_count];
    memset(pattern, 0, sizeof(*pattern));
    status = indicators_keep_ref(keep, &entry->shown, &pattern->ref);
    if (status == OB_OK)
        status = keep_regexes(set, entry, pattern);
    if (status == OB_OK)
        set->pattern_count++;
    return status;
}

/* Lines are "REGEX;SCORE[;FALSE-POSITIVE-REGEX]" in Python re syntax. Each
 * regex is parsed and compiled here. As in Loki, a pattern is described by
 * the last comment line above it. */
enum ob_status indicators_read_filenames(struct ob_ioc_reader *reader, ob_ioc_entry_fn fn,
                                         void *user)
{
    struct prepared_regex match, exclude;
    prepared_init(&match);
    prepared_init(&exclude);
    struct ob_buffer description;
    core_buffer_init(&description, OB_IOC_LINE_CAP);
    enum ob_status status = OB_OK;
    const char *line;
    size_t size;
    while (status == OB_OK && indicators_reader_next(reader, &line, &size)) {
        if (line[0] == '#') {
            status = indicators_reader_comment(&description, line, size);
            continue;
        }
        struct parsed_line parsed;
        if (!split_line(line, size, &parsed)) {
            indicators_reader_malformed(reader, _("missing ';SCORE' after the regex"));
            continue;
        }
        int score;
        if (!indicators_parse_score(parsed.score, parsed.score_length, &score)) {
            indicators_reader_malformed(reader, _("bad score, expected an integer from %d to %d"),
                                        OB_IOC_MIN_SCORE, OB_IOC_MAX_SCORE);
            continue;
        }
        bool excludes = parsed.exclude_length > 0;
        status = prepare_field(reader, false, parsed.regex, parsed.regex_length, true, &match);
        if (status == OB_OK && excludes)
            status = prepare_field(reader, true, parsed.exclude, parsed.exclude_length, false,
                                   &exclude);
        if (status == OB_ERR_PARSE) {
            status = OB_OK;
            continue;
        }
        struct ob_ioc_entry entry = {
            .shown = {.kind = OB_INDICATOR_PATH_PATTERN,
                      .value = core_buffer_str(&match.text),
                      .line = reader->line_number,
                      .description = core_buffer_str(&description),
                      .score = score,
                      .exclude = excludes ? core_buffer_str(&exclude.text) : NULL},
            .match = &match.program,
            .exclude = excludes ? &exclude.program : NULL,
            .gate_texts = core_buffer_str(&match.gate),
            .gate_suffixes = match.gate_suffixes,
            .drive_rooted = match.drive_rooted,
        };
        if (status == OB_OK)
            status = fn(user, &entry);
    }
    prepared_release(&match);
    prepared_release(&exclude);
    core_buffer_release(&description);
    return status;
}

enum ob_status ob_indicators_parse_filenames(struct ob_indicators *set, struct ob_context *ctx,
                                             const char *source, const char *text, size_t length)
{
    struct ob_ioc_keep keep = {.set = set, .source = source};
    return indicators_parse_list(&keep, ctx, text, length, indicators_read_filenames, keep_pattern);
}

/* `regex` prepared into `out`; OB_ERR_PARSE, said in ctx, when it cannot be
 * used. `exclude`: it is the false-positive regex, else the path's. */
static enum ob_status prepare_or_fail(struct ob_context *ctx, bool exclude, const char *regex,
                                      bool gate, struct prepared_regex *out)
{
    struct ob_regex_error error;
    enum ob_status status = prepare(regex, strlen(regex), gate, out, &error);
    if (status == OB_ERR_PARSE || status == OB_ERR_LIMIT || status == OB_ERR_UNSUPPORTED)
        return ob_context_fail(
            ctx, OB_ERR_PARSE,
            /* TRANSLATORS: the regular expression, then what is wrong with it. */
            exclude ? _("false-positive regex '%s' not usable: %s")
                    /* TRANSLATORS: the regular expression, then what is wrong with it. */
                    : _("path regex '%s' not usable: %s"),
            regex, error.message);
    return status;
}

enum ob_status ob_indicators_add_path_pattern(struct ob_indicators *set, struct ob_context *ctx,
                                              const char *regex, const struct ob_indicator_ref *ref)
{
    if (set->finalized)
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("indicator set already finalized"));
    struct prepared_regex match, exclude;
    prepared_init(&match);
    prepared_init(&exclude);
    bool excludes = ref->exclude != NULL && ref->exclude[0] != '\0';
    enum ob_status status = prepare_or_fail(ctx, false, regex, true, &match);
    if (status == OB_OK && excludes)
        status = prepare_or_fail(ctx, true, ref->exclude, false, &exclude);
    if (status != OB_OK)
        goto out;
    status = indicators_grow((void **)&set->patterns, &set->pattern_capacity, set->pattern_count,
                             sizeof(*set->patterns));
    if (status != OB_OK)
        goto out;
    struct ob_filename_pattern *pattern = &set->patterns[set->pattern_count];
    memset(pattern, 0, sizeof(*pattern));
    struct ob_ioc_entry entry = {
        .match = &match.program,
        .exclude = excludes ? &exclude.program : NULL,
        .gate_texts = core_buffer_str(&match.gate),
        .gate_suffixes = match.gate_suffixes,
        .drive_rooted = match.drive_rooted,
    };
    status = indicators_copy_ref(set, ref, &pattern->ref);
    if (status == OB_OK)
        status = keep_regexes(set, &entry, pattern);
    if (status == OB_OK)
        set->pattern_count++;
out:
    prepared_release(&match);
    prepared_release(&exclude);
    return status;
}

/* ---- indexing -------------------------------------------------------------- */

/* Indexes the texts each pattern that is (`drive`) or is not drive-rooted
 * requires, with the pattern each belongs to, so a path meets only the
 * patterns it may match: over 3,800 patterns, most paths meet none. The
 * drive-rooted ones get a gate of their own, asked with the path seen from
 * a drive's root, so a text above the root ("web" of a scanned folder
 * "web-samples" for "[Cc]:\\(Web|Intel)\\...") brings none of them. */
/* A pattern's gate texts ('\n'-ended), or "\n" (one empty text: it meets
 * every path) when it has none. */
static const char *gate_texts_of(const struct ob_filename_pattern *pattern)
{
    return pattern->gate_texts[0] != '\0' ? pattern->gate_texts : "\n";
}

static size_t count_lines(const char *text)
{
    size_t lines = 0;
    for (; *text != '\0'; text++)
        lines += *text == '\n';
    return lines;
}

static enum ob_status build_gate(struct ob_indicators *set, struct ob_context *ctx, bool drive,
                                 struct ob_literal_gate **out)
{
    struct ob_buffer texts;
    core_buffer_init(&texts, (size_t)64 << 20);
    size_t count = 0;
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < set->pattern_count; i++) {
        if (set->patterns[i].drive_rooted != drive)
            continue;
        status = core_buffer_append_str(&texts, gate_texts_of(&set->patterns[i]));
        count += count_lines(gate_texts_of(&set->patterns[i]));
    }
    /* Each text, its owner, and whether it must end the path. */
    const char **literals = calloc(count + 1, sizeof(*literals));
    const char **suffixes = calloc(count + 1, sizeof(*suffixes));
    uint32_t *literal_owners = calloc(count + 1, sizeof(*literal_owners));
    uint32_t *suffix_owners = calloc(count + 1, sizeof(*suffix_owners));
    if (status == OB_OK &&
        (literals == NULL || suffixes == NULL || literal_owners == NULL || suffix_owners == NULL))
        status = OB_ERR_NOMEM;
    size_t literal_count = 0, suffix_count = 0;
    char *cursor = (char *)texts.data;
    for (size_t i = 0; status == OB_OK && i < set->pattern_count; i++) {
        const struct ob_filename_pattern *pattern = &set->patterns[i];
        if (pattern->drive_rooted != drive)
            continue;
        /* The texts were copied in this order, one per line. */
        bool at_end = pattern->gate_suffixes && pattern->gate_texts[0] != '\0';
        for (size_t k = count_lines(gate_texts_of(pattern)); k > 0; k--) {
            char *newline = strchr(cursor, '\n');
            *newline = '\0';
            if (at_end) {
                suffixes[suffix_count] = cursor;
                suffix_owners[suffix_count++] = (uint32_t)i;
            } else {
                literals[literal_count] = cursor;
                literal_owners[literal_count++] = (uint32_t)i;
            }
            cursor = newline + 1;
        }
    }
    if (status == OB_OK)
        status = indicators_literal_gate_new(literals, literal_owners, literal_count, suffixes,
                                             suffix_owners, suffix_count, out);
    free(literals);
    free(suffixes);
    free(literal_owners);
    free(suffix_owners);
    core_buffer_release(&texts);
    if (status != OB_OK)
        return ob_context_fail(ctx, status, _("cannot index file-name patterns"));
    return OB_OK;
}

enum ob_status indicators_filenames_finalize(struct ob_indicators *set, struct ob_context *ctx)
{
    set->plain_patterns = 0;
    for (size_t i = 0; i < set->pattern_count; i++)
        set->plain_patterns += !set->patterns[i].drive_rooted;
    if (set->pattern_count > UINT32_MAX - 1)
        return ob_context_fail(ctx, OB_ERR_LIMIT, _("cannot index file-name patterns"));
    enum ob_status status = OB_OK;
    if (set->plain_patterns > 0)
        status = build_gate(set, ctx, false, &set->filename_gate);
    if (status == OB_OK && set->plain_patterns < set->pattern_count)
        status = build_gate(set, ctx, true, &set->drive_gate);
    return status;
}

/* ---- matching -------------------------------------------------------------- */

enum ob_status ob_filename_matcher_new(const struct ob_indicators *set,
                                       struct ob_filename_matcher **out)
{
    *out = NULL;
    if (!set->finalized)
        return OB_ERR_INVALID_ARGUMENT;
    struct ob_filename_matcher *matcher = calloc(1, sizeof(*matcher));
    if (matcher == NULL)
        return OB_ERR_NOMEM;
    matcher->set = set;
    matcher->use_gate = true;
    core_buffer_init(&matcher->view, VIEW_CAP);
    size_t patterns = set->pattern_count > 0 ? set->pattern_count : 1;
    matcher->seen = calloc(patterns, sizeof(*matcher->seen));
    matcher->candidates = calloc(patterns, sizeof(*matcher->candidates));
    enum ob_status status = matcher->seen == NULL || matcher->candidates == NULL
                                ? OB_ERR_NOMEM
                                : indicators_nfa_scratch_init(&matcher->scratch, set->nfa_longest);
    if (status != OB_OK) {
        ob_filename_matcher_free(matcher);
        return status;
    }
    *out = matcher;
    return OB_OK;
}

void ob_filename_matcher_free(struct ob_filename_matcher *matcher)
{
    if (matcher == NULL)
        return;
    indicators_nfa_scratch_release(&matcher->scratch);
    free(matcher->seen);
    free(matcher->candidates);
    core_buffer_release(&matcher->view);
    free(matcher);
}

static void add_candidate(void *user, uint32_t owner)
{
    struct ob_filename_matcher *matcher = user;
    if (owner >= matcher->set->pattern_count || matcher->seen[owner] == matcher->stamp)
        return;
    matcher->seen[owner] = matcher->stamp;
    matcher->candidates[matcher->candidate_count++] = owner;
}

static int by_index(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The patterns that are (`drive`) or are not drive-rooted and may match
 * `text`, in pattern order: those whose required texts it holds, or with
 * the gate off all of them. */
static void gather_candidates(struct ob_filename_matcher *matcher, bool drive, const char *text,
                              size_t length)
{
    const struct ob_indicators *set = matcher->set;
    matcher->candidate_count = 0;
    if (++matcher->stamp == 0) {
        memset(matcher->seen, 0, set->pattern_count * sizeof(*matcher->seen));
        matcher->stamp = 1;
    }
    const struct ob_literal_gate *gate = drive ? set->drive_gate : set->filename_gate;
    if (!matcher->use_gate || gate == NULL) {
        for (size_t i = 0; i < set->pattern_count; i++)
            if (set->patterns[i].drive_rooted == drive)
                matcher->candidates[matcher->candidate_count++] = (uint32_t)i;
        return;
    }
    indicators_literal_gate_owners(gate, text, length, add_candidate, matcher);
    if (matcher->candidate_count > 1)
        qsort(matcher->candidates, matcher->candidate_count, sizeof(*matcher->candidates),
              by_index);
}

static bool search(struct ob_filename_matcher *matcher, struct ob_nfa_slice slice, const char *text,
                   size_t length)
{
    const struct ob_indicators *set = matcher->set;
    return indicators_nfa_search(set->nfa_insns + slice.at, slice.count, set->nfa_sets, text,
                                 length, &matcher->scratch);
}

/* Calls `hit` for each pattern that is (`drive`) or is not drive-rooted,
 * matches `text` and whose false-positive regex does not. */
static void match_kind(struct ob_filename_matcher *matcher, bool drive, const char *text,
                       size_t length, ob_indicator_hit_fn hit, void *user)
{
    gather_candidates(matcher, drive, text, length);
    for (size_t k = 0; k < matcher->candidate_count; k++) {
        const struct ob_filename_pattern *pattern = &matcher->set->patterns[matcher->candidates[k]];
        if (!search(matcher, pattern->match, text, length))
            continue;
        if (pattern->exclude.count > 0 && search(matcher, pattern->exclude, text, length))
            continue;
        hit(user, &pattern->ref);
    }
}

/* Where the root of a Windows drive is in `path`: the byte at which the
 * rest of the path below it starts (a '/' or the end), or `length` when no
 * folder of it is one. It is the folder `root_length` names, or failing
 * that a WSL mount such as /mnt/c. */
static size_t drive_root_end(const char *path, size_t length, size_t root_length)
{
    if (root_length != OB_NO_DRIVE_ROOT && root_length <= length) {
        if (root_length > 0 && path[root_length - 1] == '/')
            root_length--; /* the root "/" */
        if (root_length == length || path[root_length] == '/')
            return root_length;
    }
    if (length >= 6 && memcmp(path, "/mnt/", 5) == 0 &&
        ((path[5] >= 'a' && path[5] <= 'z') || (path[5] >= 'A' && path[5] <= 'Z')) &&
        (length == 6 || path[6] == '/'))
        return 6;
    return length;
}

enum ob_status ob_filename_matcher_match_below(struct ob_filename_matcher *matcher,
                                               const char *path, size_t length, size_t root_length,
                                               ob_indicator_hit_fn hit, void *user)
{
    if (length == 0)
        return OB_OK;
    enum ob_status status = indicators_exact_match(matcher->set, path, length, hit, user);
    const struct ob_indicators *set = matcher->set;
    if (status != OB_OK || set->pattern_count == 0)
        return status;
    if (set->plain_patterns > 0)
        match_kind(matcher, false, path, length, hit, user);
    if (set->plain_patterns == set->pattern_count)
        return OB_OK;
    /* Drive-rooted patterns see the path from the drive's root, "C:/Users/x"
     * (any letter: the patterns accept any), or the path itself when no
     * folder of it is a drive's root: then only a drive root written in it
     * ("C:\\Users" in an archive member's name) matches. */
    size_t root = drive_root_end(path, length, root_length);
    const char *view = path;
    size_t view_length = length;
    if (root < length) {
        core_buffer_reset(&matcher->view, VIEW_CAP);
        status = core_buffer_append(&matcher->view, "C:", 2);
        if (status == OB_OK)
            status = core_buffer_append(&matcher->view, path + root, length - root);
        if (status != OB_OK)
            return status;
        view = (const char *)matcher->view.data;
        view_length = matcher->view.length;
    }
    match_kind(matcher, true, view, view_length, hit, user);
    return OB_OK;
}

enum ob_status ob_filename_matcher_match(struct ob_filename_matcher *matcher, const char *path,
                                         size_t length, ob_indicator_hit_fn hit, void *user)
{
    return ob_filename_matcher_match_below(matcher, path, length, OB_NO_DRIVE_ROOT, hit, user);
}

void indicators_filename_matcher_use_gate(struct ob_filename_matcher *matcher, bool use)
{
    matcher->use_gate = use;
}
