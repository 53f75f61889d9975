/* SPDX-License-Identifier: Apache-2.0 */
/* File-name IOC lists: parsing, compiling the regexes into one YARA rule
 * set, and matching paths against it. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "indicators/filename_regex.h"
#include "indicators/ioc_internal.h"
#include "indicators/literal_gate.h"
#include "indicators/regex_translate.h"

#define REGEX_CAP ((size_t)128 << 10)        /* one translated regex */
#define RULES_SOURCE_CAP ((size_t)256 << 20) /* the generated YARA source */
#define COMPILE_MESSAGE_CAP 4096
/* Rejected patterns found by recompiling everything before going by chunks. */
#define BATCH_RETRIES 4
#define CHECK_CHUNK 64             /* patterns compiled together while looking for rejects */
#define VIEW_CAP ((size_t)1 << 20) /* a path seen from a drive's root */

struct ob_filename_matcher {
    const struct ob_indicators *set;
    struct ob_yara_set_scanner *scanner; /* NULL when the set has no patterns */
    struct ob_yara_set_scanner *drive;   /* the drive-rooted ones; NULL when none */
    struct ob_buffer view;               /* the path as seen from a drive's root */
    ob_indicator_hit_fn hit;
    void *user;
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

/* What the set keeps of one regex, worked out from one parse: its YARA
 * literal, and for a pattern (not a false-positive regex) the gate texts. */
struct prepared_regex {
    struct ob_buffer text; /* the regex as written, NUL-terminated */
    struct ob_buffer yara;
    struct ob_buffer gate;
    bool gate_suffixes;
    bool drive_rooted;
};

static void prepared_init(struct prepared_regex *prepared)
{
    core_buffer_init(&prepared->text, REGEX_CAP);
    core_buffer_init(&prepared->yara, REGEX_CAP);
    core_buffer_init(&prepared->gate, REGEX_CAP);
    prepared->gate_suffixes = false;
    prepared->drive_rooted = false;
}

static void prepared_release(struct prepared_regex *prepared)
{
    core_buffer_release(&prepared->text);
    core_buffer_release(&prepared->yara);
    core_buffer_release(&prepared->gate);
}

/* Parses `regex` once and derives from it the YARA literal and, with
 * `gate`, the texts of the literal gate. A pattern (`gate`) with a drive
 * root keeps the drive's shape (matched against the path seen from a
 * drive's root); a false-positive regex lets a drive root be any folder,
 * so it excludes at least what it would on Windows. The gate texts are: the required suffixes when
 * there are (far more selective than a literal that may stand anywhere: ".exe" at the end against
 * "tmp" in any folder), else the required literals, else none. OB_ERR_PARSE, OB_ERR_UNSUPPORTED or
 * OB_ERR_LIMIT (too long) with `error` set when it cannot be used; OB_ERR_NOMEM. */
static enum ob_status prepare(const char *regex, size_t length, bool gate,
                              struct prepared_regex *out, struct ob_regex_error *error)
{
    core_buffer_reset(&out->text, REGEX_CAP);
    core_buffer_reset(&out->yara, REGEX_CAP);
    core_buffer_reset(&out->gate, REGEX_CAP);
    out->gate_suffixes = false;
    out->drive_rooted = false;
    struct ob_filename_regex parsed;
    enum ob_status status = indicators_filename_regex_parse(regex, length, &parsed, error);
    if (status == OB_OK)
        status = core_buffer_append(&out->text, regex, length);
    if (status == OB_OK) {
        out->drive_rooted = gate && indicators_regex_has_drive_root(&parsed);
        status = out->drive_rooted ? indicators_regex_translate_drive(&parsed, &out->yara)
                                   : indicators_regex_translate(&parsed, &out->yara);
    }
    if (status == OB_ERR_LIMIT)
        error->message = _("too long");
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
    if (status == OB_ERR_LIMIT)
        indicators_reader_malformed(reader, exclude ? _("false-positive regex skipped: too long")
                                                    : _("file-name regex skipped: too long"));
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

/* Copies the YARA literals and gate texts of `entry` (its other fields are
 * not used) into `pattern`. */
static enum ob_status keep_regexes(struct ob_indicators *set, const struct ob_ioc_entry *entry,
                                   struct ob_filename_pattern *pattern)
{
    pattern->gate_suffixes = entry->gate_suffixes;
    pattern->drive_rooted = entry->drive_rooted;
    enum ob_status status = indicators_strdup(set, entry->match_regex, strlen(entry->match_regex),
                                              &pattern->match_regex);
    if (status == OB_OK)
        status = indicators_strdup(set, entry->gate_texts, strlen(entry->gate_texts),
                                   &pattern->gate_texts);
    if (status == OB_OK && entry->exclude_regex != NULL)
        status = indicators_strdup(set, entry->exclude_regex, strlen(entry->exclude_regex),
                                   &pattern->exclude_regex);
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
 * regex is parsed and translated here; whether YARA compiles it is learnt
 * at finalize. As in Loki, a pattern is described by the last comment
 * line above it. */
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
            .match_regex = core_buffer_str(&match.yara),
            .exclude_regex = excludes ? core_buffer_str(&exclude.yara) : NULL,
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
    if (status == OB_ERR_PARSE || status == OB_ERR_LIMIT)
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
        .match_regex = core_buffer_str(&match.yara),
        .exclude_regex = excludes ? core_buffer_str(&exclude.yara) : NULL,
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

/* ---- compiling ------------------------------------------------------------ */

/* Compile state shared by the steps of finalize. */
struct compile_run {
    struct ob_indicators *set;
    struct ob_context *ctx;
    struct ob_buffer source;
    struct ob_buffer error;
    size_t dropped;
};

/* Writes the patterns of [begin, end) that are (`drive`) or are not
 * drive-rooted as YARA rules: pattern i becomes rule "f<i>" on line
 * i - begin + 1 (the others leave their line empty), so a compile error's
 * line names the pattern. */
static enum ob_status generate_rules(struct compile_run *run, size_t begin, size_t end, bool drive)
{
    core_buffer_reset(&run->source, 0);
    enum ob_status status = OB_OK;
    for (size_t i = begin; i < end && status == OB_OK; i++) {
        const struct ob_filename_pattern *pattern = &run->set->patterns[i];
        if (pattern->drive_rooted != drive)
            status = core_buffer_append(&run->source, "\n", 1);
        else if (pattern->exclude_regex == NULL)
            status = core_buffer_printf(&run->source, "rule f%zu{strings:$r=%s condition:$r}\n", i,
                                        pattern->match_regex);
        else
            status = core_buffer_printf(&run->source,
                                        "rule f%zu{strings:$r=%s $p=%s condition:$r and not $p}\n",
                                        i, pattern->match_regex, pattern->exclude_regex);
    }
    return status;
}

/* Compiles the patterns of [begin, end) that are (`drive`) or are not
 * drive-rooted; the rules are kept in *out when not NULL (NULL when there
 * are none). OB_ERR_RULES leaves YARA's message in run->error. */
static enum ob_status compile_kind(struct compile_run *run, size_t begin, size_t end, bool drive,
                                   struct ob_yara_set **out)
{
    size_t count = 0;
    for (size_t i = begin; i < end; i++)
        count += run->set->patterns[i].drive_rooted == drive;
    if (count == 0)
        return OB_OK;
    enum ob_status status = generate_rules(run, begin, end, drive);
    if (status != OB_OK)
        return ob_context_fail(run->ctx, status, _("cannot generate file-name rules: %s"),
                               ob_strerror(status));
    struct ob_yara_set *rules = NULL;
    core_buffer_reset(&run->error, COMPILE_MESSAGE_CAP);
    if (out != NULL) {
        /* The set kept for scanning is the one worth caching. */
        status = indicators_yara_set_compile_cached(core_buffer_str(&run->source),
                                                    run->set->cache_dir, run->ctx, &rules,
                                                    &run->error, &run->set->filenames_from_cache);
        *out = rules;
        return status;
    }
    status = indicators_yara_set_compile(core_buffer_str(&run->source), &rules, &run->error);
    indicators_yara_set_free(rules);
    return status;
}

/* Compiles patterns [begin, end) into two sets, those matched against the
 * path and the drive-rooted ones; kept in *plain and *drive when `plain` is
 * not NULL. OB_ERR_RULES leaves YARA's message in run->error. */
static enum ob_status compile_range(struct compile_run *run, size_t begin, size_t end,
                                    struct ob_yara_set **plain, struct ob_yara_set **drive)
{
    enum ob_status status = compile_kind(run, begin, end, false, plain);
    if (status == OB_OK)
        status = compile_kind(run, begin, end, true, plain != NULL ? drive : NULL);
    if (status != OB_OK && plain != NULL) {
        indicators_yara_set_free(*plain);
        *plain = NULL;
    }
    return status;
}

/* The 1-based line of the first error in an adapter message such as
 * "line:12: invalid regular expression", or 0. */
static size_t error_line(const char *message)
{
    const char *at = strstr(message, "line");
    if (at == NULL)
        return 0;
    at += 4;
    while (*at == ':' || *at == ' ')
        at++;
    size_t line = 0;
    while (*at >= '0' && *at <= '9' && line < (size_t)1 << 40)
        line = line * 10 + (size_t)(*at++ - '0');
    return line;
}

static void drop_pattern(struct compile_run *run, size_t index, const char *why)
{
    struct ob_indicators *set = run->set;
    if (++run->dropped <= OB_IOC_MAX_WARNINGS)
        ob_context_log(run->ctx, OB_LOG_WARNING,
                       _("%s: file-name regex skipped, YARA rejects it: %s"),
                       set->patterns[index].ref.source, why);
    set->malformed_lines++;
    memmove(&set->patterns[index], &set->patterns[index + 1],
            (set->pattern_count - index - 1) * sizeof(*set->patterns));
    set->pattern_count--;
}

/* Checks each pattern of [begin, *end) on its own: a YARA compile per
 * pattern, so only used when an error message names no line. */
static enum ob_status check_each(struct compile_run *run, size_t begin, size_t *end)
{
    enum ob_status status = OB_OK;
    size_t i = begin;
    while (i < *end) {
        const struct ob_filename_pattern *pattern = &run->set->patterns[i];
        core_buffer_reset(&run->error, COMPILE_MESSAGE_CAP);
        status = indicators_yara_pattern_check(pattern->match_regex, &run->error);
        if (status == OB_OK && pattern->exclude_regex != NULL)
            status = indicators_yara_pattern_check(pattern->exclude_regex, &run->error);
        if (status == OB_ERR_RULES) {
            drop_pattern(run, i, core_buffer_str(&run->error));
            (*end)--;
            continue;
        }
        if (status != OB_OK)
            return ob_context_fail(run->ctx, status, _("cannot check file-name patterns: %s"),
                                   ob_strerror(status));
        i++;
    }
    return OB_OK;
}

/* Compiles [begin, *end) and drops the pattern each error names until the
 * range compiles; *end moves down as patterns go. */
static enum ob_status clean_range(struct compile_run *run, size_t begin, size_t *end)
{
    while (begin < *end) {
        enum ob_status status = compile_range(run, begin, *end, NULL, NULL);
        if (status != OB_ERR_RULES)
            return status;
        size_t line = error_line(core_buffer_str(&run->error));
        if (line < 1 || line > *end - begin)
            return check_each(run, begin, end);
        drop_pattern(run, begin + line - 1, core_buffer_str(&run->error));
        (*end)--;
    }
    return OB_OK;
}

/* Splits '\n'-ended lines of `text` in place into a new array. */
static enum ob_status split_lines(struct ob_buffer *text, char ***out, size_t *count)
{
    *count = 0;
    for (size_t j = 0; j < text->length; j++)
        *count += text->data[j] == '\n';
    *out = calloc(*count + 1, sizeof(**out));
    if (*out == NULL)
        return OB_ERR_NOMEM;
    char *cursor = (char *)text->data;
    for (size_t k = 0; k < *count; k++) {
        char *newline = strchr(cursor, '\n');
        *newline = '\0';
        (*out)[k] = cursor;
        cursor = newline + 1;
    }
    return OB_OK;
}

/* Indexes the texts each surviving pattern that is (`drive`) or is not
 * drive-rooted requires, so most paths never reach YARA: matching a path
 * against 3,828 rules costs over 100 us, the gate well under 1 us. The
 * drive-rooted ones get a gate of their own, opened by the path seen from a
 * drive's root, so a text above the root ("web" of a scanned folder
 * "web-samples" for "[Cc]:\\(Web|Intel)\\...") opens neither. */
static enum ob_status build_gate(struct ob_indicators *set, struct ob_context *ctx, bool drive,
                                 struct ob_literal_gate **out)
{
    struct ob_buffer anywhere, at_end;
    core_buffer_init(&anywhere, (size_t)64 << 20);
    core_buffer_init(&at_end, (size_t)64 << 20);
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < set->pattern_count; i++) {
        const struct ob_filename_pattern *pattern = &set->patterns[i];
        if (pattern->drive_rooted != drive)
            continue;
        if (pattern->gate_texts[0] == '\0')
            status = core_buffer_append(&anywhere, "\n", 1); /* none: gate stays open */
        else
            status = core_buffer_append_str(pattern->gate_suffixes ? &at_end : &anywhere,
                                            pattern->gate_texts);
    }
    char **literals = NULL, **suffixes = NULL;
    size_t literal_count = 0, suffix_count = 0;
    if (status == OB_OK)
        status = split_lines(&anywhere, &literals, &literal_count);
    if (status == OB_OK)
        status = split_lines(&at_end, &suffixes, &suffix_count);
    if (status == OB_OK)
        status = indicators_literal_gate_new((const char *const *)literals, literal_count,
                                             (const char *const *)suffixes, suffix_count, out);
    free(literals);
    free(suffixes);
    core_buffer_release(&anywhere);
    core_buffer_release(&at_end);
    if (status != OB_OK)
        return ob_context_fail(ctx, status, _("cannot index file-name patterns"));
    return OB_OK;
}

enum ob_status indicators_filenames_finalize(struct ob_indicators *set, struct ob_context *ctx)
{
    if (set->pattern_count == 0)
        return OB_OK;
    struct compile_run run = {.set = set, .ctx = ctx};
    core_buffer_init(&run.source, RULES_SOURCE_CAP);
    core_buffer_init(&run.error, COMPILE_MESSAGE_CAP);
    enum ob_status status = indicators_need_yara(set);
    if (status != OB_OK) {
        status = ob_context_fail(ctx, status, _("cannot initialise libyara"));
        goto out;
    }
    /* Checking each regex alone costs a whole YARA compile per pattern
     * (14 s for signature-base), one compile of all of them 0.1 s. So compile
     * the batch and drop the pattern an error's line names. Past a few bad
     * patterns, find the rest in chunks rather than recompiling everything
     * once per bad pattern. */
    size_t retries = 0;
    for (;;) {
        status = compile_range(&run, 0, set->pattern_count, &set->filename_rules,
                               &set->drive_rules);
        if (status != OB_ERR_RULES)
            break;
        size_t line = error_line(core_buffer_str(&run.error));
        if (retries < BATCH_RETRIES && line >= 1 && line <= set->pattern_count) {
            drop_pattern(&run, line - 1, core_buffer_str(&run.error));
            retries++;
            continue;
        }
        if (retries > BATCH_RETRIES)
            break; /* the chunks compiled but the whole does not */
        retries = BATCH_RETRIES + 1;
        for (size_t begin = 0; begin < set->pattern_count;) {
            size_t end = begin + CHECK_CHUNK < set->pattern_count ? begin + CHECK_CHUNK
                                                                  : set->pattern_count;
            if ((status = clean_range(&run, begin, &end)) != OB_OK)
                goto out;
            begin = end;
        }
        if (set->pattern_count == 0)
            goto out;
    }
    if (status != OB_OK)
        status = ob_context_fail(ctx, status, _("cannot compile file-name patterns: %s"),
                                 core_buffer_str(&run.error));
    if (status == OB_OK)
        status = build_gate(set, ctx, false, &set->filename_gate);
    if (status == OB_OK)
        status = build_gate(set, ctx, true, &set->drive_gate);
out:
    if (run.dropped > OB_IOC_MAX_WARNINGS)
        ob_context_log(ctx, OB_LOG_WARNING,
                       P_("%zu more rejected file-name regex not shown",
                          "%zu more rejected file-name regexes not shown",
                          run.dropped - OB_IOC_MAX_WARNINGS),
                       run.dropped - OB_IOC_MAX_WARNINGS);
    core_buffer_release(&run.source);
    core_buffer_release(&run.error);
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
    enum ob_status status = OB_OK;
    if (set->filename_rules != NULL)
        status = indicators_yara_set_scanner_new(set->filename_rules, &matcher->scanner);
    if (status == OB_OK && set->drive_rules != NULL)
        status = indicators_yara_set_scanner_new(set->drive_rules, &matcher->drive);
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
    if (matcher->scanner != NULL)
        indicators_yara_set_scanner_free(matcher->scanner);
    if (matcher->drive != NULL)
        indicators_yara_set_scanner_free(matcher->drive);
    core_buffer_release(&matcher->view);
    free(matcher);
}

static void on_rule(void *user, const char *identifier)
{
    struct ob_filename_matcher *matcher = user;
    if (identifier == NULL || identifier[0] != 'f')
        return;
    char *end;
    unsigned long long index = strtoull(identifier + 1, &end, 10);
    if (*end != '\0' || end == identifier + 1 || index >= matcher->set->pattern_count)
        return;
    matcher->hit(matcher->user, &matcher->set->patterns[index].ref);
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
    if (status != OB_OK || (matcher->scanner == NULL && matcher->drive == NULL))
        return status;
    matcher->hit = hit;
    matcher->user = user;
    const struct ob_literal_gate *gate = matcher->set->filename_gate;
    if (matcher->scanner != NULL &&
        (!matcher->use_gate || gate == NULL || indicators_literal_gate_open(gate, path, length)))
        status = indicators_yara_set_scan(matcher->scanner, path, length, on_rule, matcher);
    if (status != OB_OK || matcher->drive == NULL)
        return status;
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
    if (matcher->use_gate && matcher->set->drive_gate != NULL &&
        !indicators_literal_gate_open(matcher->set->drive_gate, view, view_length))
        return OB_OK;
    return indicators_yara_set_scan(matcher->drive, view, view_length, on_rule, matcher);
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
