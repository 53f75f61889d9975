/* SPDX-License-Identifier: Apache-2.0 */
/* libyara adapter: the only file that includes yara.h. Compiles rule files
 * with Loki's external variables, and generated rule sets for patterns. */
#include "core/clock.h"
#include "indicators/yara_adapter.h"

#include <pthread.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <yara.h>

#include "core/array.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "indicators/rules_cache.h"
#include "indicators/rules_specialize.h"
#include "core/walk.h"
#include "oberig/indicators.h"

/* How every scanner runs: data is always a buffer oberig read itself, never
 * a mapped file, so YARA need not guard each scan against SIGBUS with a
 * signal handler; only matching rules are reported, where by default
 * YARA calls back once per rule that did not match too (5,883 calls per
 * file with signature-base); and in YARA's fast mode (yara -f): a string
 * that a condition only needs to be present is not looked for again after
 * its first match. Which rules match does not change (oberig reports
 * rules, never each string's matches); the work on files where a string
 * occurs many times does. */
#define SCAN_FLAGS                                                                                 \
    (SCAN_FLAGS_NO_TRYCATCH | SCAN_FLAGS_REPORT_RULES_MATCHING | SCAN_FLAGS_FAST_MODE)

/* ---- initialisation ----------------------------------------------------- */

enum ob_status indicators_yara_acquire(void)
{
    /* libyara keeps its own count of initialisations. */
    return yr_initialize() == ERROR_SUCCESS ? OB_OK : OB_ERR_INTERNAL;
}

void indicators_yara_release(void)
{
    yr_finalize();
}

static enum ob_status from_yara_error(int error)
{
    switch (error) {
    case ERROR_SUCCESS: return OB_OK;
    case ERROR_INSUFFICIENT_MEMORY: return OB_ERR_NOMEM;
    case ERROR_SCAN_TIMEOUT: return OB_ERR_LIMIT;
    case ERROR_COULD_NOT_OPEN_FILE: return OB_ERR_IO;
    case ERROR_INVALID_FILE:
    case ERROR_UNSUPPORTED_FILE_VERSION:
    case ERROR_CORRUPT_FILE: return OB_ERR_RULES;
    default: return OB_ERR_INTERNAL;
    }
}

/* ---- compiler diagnostics ----------------------------------------------- */

struct compile_report {
    struct ob_buffer *messages; /* "file:line: message" lines */
    int errors;
    int warnings;
};

static void on_compile_message(int level, const char *file_name, int line, const YR_RULE *rule,
                               const char *message, void *user)
{
    struct compile_report *report = user;
    if (level == YARA_ERROR_LEVEL_WARNING) {
        report->warnings++;
        return;
    }
    report->errors++;
    if (report->messages != NULL) {
        enum ob_status status = core_buffer_printf(report->messages, "%s%s:%d: %s",
                                                   report->messages->length ? "; " : "",
                                                   file_name ? file_name : "line", line, message);
        (void)status; /* a truncated diagnostic is still a diagnostic */
    }
}

/* ---- rule files --------------------------------------------------------- */

struct queued_path {
    char *path;
    bool precompiled;
    bool uses_externals; /* or includes other files: its matches depend on more than content */
    bool may_include;    /* its text may hold an include directive (may_include) */
    bool compiled;       /* it compiled into the main set */
    bool failed;         /* it did not compile or load */
    size_t group;        /* which ob_rules_add_path call queued it, from 0 */
    size_t rules;        /* rules it brought, after ob_rules_compile */
    int64_t mtime;       /* its modification time, Unix seconds */
    char *error;         /* failed: the compiler's messages, kept for the cache */
};

struct ob_rules {
    struct queued_path *queue;
    size_t queued, queue_capacity;
    /* All compiled sources first, then each precompiled file. sets[0] is
     * NULL when it came from the cache: it is in all_lazy, loaded when a
     * scanner first runs, so a rescan the scan state answers whole, or a
     * scan of an empty folder, does not pay for loading it. */
    YR_RULES **sets;
    struct lazy_set *all_lazy;
    /* The mapped cache file all_lazy and per_file_lazy are in, and its
     * path (removed when a set in it turns out damaged). */
    struct core_cache_file cache_file;
    char *cache_path;
    bool *cacheable; /* per set: the hits of its content-only rules may be reused */
    size_t set_count;
    /* The source files that read per-file externals, compiled a second time
     * on their own: for content already seen, only these are run again. */
    YR_RULES *per_file;
    /* From the cache, the per-file set is kept as saved and loaded only when
     * a scanner first needs it (content seen before): a start, or a scan
     * of only new content, does not pay for loading it. */
    struct lazy_set *per_file_lazy;
    bool *ns_per_file; /* by namespace index in sets[0]: a per-file rule file */
    size_t ns_count;
    /* sets[0] specialised for content that does not start with "MZ"
     * (rules_specialize.h): the same matches on such content, with the
     * rules that need a Windows program left out and no pe module where
     * none is left. NULL when it would be sets[0] again; from the cache,
     * loaded when first needed (plain_lazy). */
    YR_RULES *plain;
    struct lazy_set *plain_lazy;
    bool *ns_per_file_plain; /* as ns_per_file, by namespace index in plain */
    size_t ns_plain_count;
    size_t groups; /* ob_rules_add_path calls */
    struct ob_rules_counts counts;
    bool initialised;
    char *cache_dir; /* NULL: compiled rules are not cached */
    /* The digest of every source file's path and content (with libyara's
     * version) that the cache kept or computed: the rules' identity needs
     * no second read of them. */
    unsigned char source_key[OB_SHA256_LEN];
    bool source_key_known;
    bool from_cache; /* the source files' sets came from the cache */
};

static void lazy_set_free(struct lazy_set *lazy);

static const char *const external_names[] = {"filename", "filepath", "extension", "filetype",
                                             "owner"};

enum ob_status ob_rules_new(struct ob_rules **out)
{
    *out = NULL;
    struct ob_rules *rules = calloc(1, sizeof(*rules));
    if (rules == NULL)
        return OB_ERR_NOMEM;
    if (indicators_yara_acquire() != OB_OK) {
        free(rules);
        return OB_ERR_INTERNAL;
    }
    rules->initialised = true;
    *out = rules;
    return OB_OK;
}

void ob_rules_free(struct ob_rules *rules)
{
    if (rules == NULL)
        return;
    for (size_t i = 0; i < rules->queued; i++) {
        free(rules->queue[i].path);
        free(rules->queue[i].error);
    }
    free(rules->queue);
    free(rules->cache_dir);
    for (size_t i = 0; i < rules->set_count; i++)
        if (rules->sets[i] != NULL)
            yr_rules_destroy(rules->sets[i]);
    free(rules->sets);
    free(rules->cacheable);
    if (rules->per_file != NULL)
        yr_rules_destroy(rules->per_file);
    /* The sets not loaded yet are in the mapped cache file. */
    lazy_set_free(rules->all_lazy);
    lazy_set_free(rules->per_file_lazy);
    if (rules->plain != NULL)
        yr_rules_destroy(rules->plain);
    lazy_set_free(rules->plain_lazy);
    core_cache_file_release(&rules->cache_file);
    free(rules->cache_path);
    free(rules->ns_per_file);
    free(rules->ns_per_file_plain);
    if (rules->initialised)
        indicators_yara_release();
    free(rules);
}

static bool has_rule_extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot != NULL && (strcasecmp(dot, ".yar") == 0 || strcasecmp(dot, ".yara") == 0 ||
                           strcasecmp(dot, ".yarc") == 0);
}

/* Compiled rule files start with the bytes "YARA". */
static bool is_precompiled(const char *path)
{
    char magic[4];
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return false;
    bool yes = fread(magic, 1, 4, file) == 4 && memcmp(magic, "YARA", 4) == 0;
    fclose(file);
    return yes;
}

static bool is_identifier_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool text_may_include(const char *text, size_t length);

/* Reads source file `file` once for two facts: whether it names one of the
 * per-file externals, or "include", anywhere as a whole word (comments and
 * strings too: a false "yes" only costs the result cache), and whether it
 * may hold an include directive. Unreadable: yes to both. */
static void read_source_facts(struct queued_path *file)
{
    const char *path = file->path;
    static const char *const words[] = {"filename", "filepath", "extension",
                                        "filetype", "owner",    "include"};
    struct ob_buffer text;
    core_buffer_init(&text, (size_t)64 << 20);
    bool ok = core_buffer_read_file(&text, path, NULL) == OB_OK;
    /* A NUL byte would hide the rest of the text from strstr; such a file is
     * treated as using the per-file variables, which is always safe. */
    bool uses = !ok || (text.length > 0 && memchr(text.data, '\0', text.length) != NULL);
    const char *all = core_buffer_str(&text);
    for (size_t w = 0; !uses && w < sizeof(words) / sizeof(words[0]); w++) {
        size_t length = strlen(words[w]);
        for (const char *at = strstr(all, words[w]); at != NULL && !uses;
             at = strstr(at + 1, words[w]))
            uses = (at == all || !is_identifier_char(at[-1])) && !is_identifier_char(at[length]);
    }
    file->uses_externals = uses;
    file->may_include = !ok || text_may_include(all, text.length);
    core_buffer_release(&text);
}

static enum ob_status queue_file(struct ob_rules *rules, const char *path, int64_t mtime)
{
    enum ob_status status = core_array_grow((void **)&rules->queue, &rules->queue_capacity,
                                            rules->queued + 1, sizeof(*rules->queue), 64, SIZE_MAX);
    if (status != OB_OK)
        return status;
    char *copy = strdup(path);
    if (copy == NULL)
        return OB_ERR_NOMEM;
    rules->queue[rules->queued] =
        (struct queued_path){.path = copy, .group = rules->groups - 1, .mtime = mtime};
    /* Whether a source reads per-file externals is found when it is
     * compiled, or taken from the cache without reading it. */
    rules->queue[rules->queued].precompiled = is_precompiled(path);
    rules->queued++;
    return OB_OK;
}

/* Queues the rule files below `dir` in name order, so runs are repeatable. */
static enum ob_status queue_directory(struct ob_rules *rules, struct ob_context *ctx,
                                      const char *dir, int depth)
{
    if (depth > 16)
        return ob_context_fail(ctx, OB_ERR_LIMIT, _("rule folders nested too deep at '%s'"), dir);
    char **names = NULL;
    size_t count = 0;
    enum ob_status status = core_folder_names(dir, SIZE_MAX, &names, &count);
    if (status == OB_ERR_NOMEM)
        return status;
    if (status != OB_OK)
        return ob_context_fail(ctx, status == OB_ERR_NOT_FOUND ? status : OB_ERR_IO,
                               _("cannot open rule folder '%s': %s"), dir, strerror(errno));
    for (size_t i = 0; i < count && status == OB_OK; i++) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, names[i]) >= sizeof(path))
            continue;
        struct stat st;
        if (lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            status = queue_directory(rules, ctx, path, depth + 1);
        else if (S_ISREG(st.st_mode) && has_rule_extension(names[i]))
            status = queue_file(rules, path, (int64_t)st.st_mtime);
    }
    core_folder_names_free(names, count);
    return status;
}

enum ob_status ob_rules_add_path(struct ob_rules *rules, struct ob_context *ctx, const char *path)
{
    rules->groups++;
    struct stat st;
    if (stat(path, &st) != 0)
        return ob_context_fail(ctx, errno == ENOENT ? OB_ERR_NOT_FOUND : OB_ERR_IO,
                               _("cannot read rules '%s': %s"), path, strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        size_t before = rules->queued;
        enum ob_status status = queue_directory(rules, ctx, path, 0);
        if (status == OB_OK && rules->queued == before)
            ob_context_log(ctx, OB_LOG_WARNING, _("no .yar, .yara or .yarc files in '%s'"), path);
        return status;
    }
    /* A FIFO or a device would block or never end. */
    if (!S_ISREG(st.st_mode))
        return ob_context_fail(ctx, OB_ERR_IO, _("cannot read rules '%s': %s"), path,
                               _("not a regular file"));
    return queue_file(rules, path, (int64_t)st.st_mtime);
}

/* An `include` is never followed: a rule file from a feed could name any
 * file of this machine (its text would reach the compiler's messages), a
 * FIFO (the compile would wait forever), or a file whose later change the
 * compiled-rules cache, keyed by the files it was given, would not see.
 * YARA then reports the file as not compiling, with this reason. */
static const char *refuse_include(const char *include_name, const char *calling_file,
                                  const char *calling_namespace, void *user)
{
    (void)calling_namespace;
    struct compile_report *report = user;
    if (report->messages != NULL) {
        enum ob_status status = core_buffer_printf(
            report->messages,
            /* TRANSLATORS: the file that holds the include, then the file it names. */
            _("%s%s: include \"%s\" not followed: give that file to --rules or import it"),
            report->messages->length ? "; " : "", calling_file ? calling_file : "", include_name);
        (void)status; /* a truncated diagnostic is still a diagnostic */
    }
    return NULL;
}

static enum ob_status new_compiler(YR_COMPILER **out, struct compile_report *report)
{
    *out = NULL;
    YR_COMPILER *compiler = NULL;
    if (yr_compiler_create(&compiler) != ERROR_SUCCESS)
        return OB_ERR_NOMEM;
    for (size_t i = 0; i < sizeof(external_names) / sizeof(external_names[0]); i++) {
        if (yr_compiler_define_string_variable(compiler, external_names[i], "") != ERROR_SUCCESS) {
            yr_compiler_destroy(compiler);
            return OB_ERR_NOMEM;
        }
    }
    yr_compiler_set_callback(compiler, on_compile_message, report);
    yr_compiler_set_include_callback(compiler, refuse_include, NULL, report);
    *out = compiler;
    return OB_OK;
}

static int add_source_file(YR_COMPILER *compiler, const char *path)
{
    FILE *file = fopen(path, "r");
    if (file == NULL)
        return -1;
    /* Each file gets its own namespace so equal rule names in different
     * files do not clash, and a match can name the file it came from. */
    int errors = yr_compiler_add_file(compiler, file, path, path);
    fclose(file);
    return errors;
}

static enum ob_status push_set(struct ob_rules *rules, YR_RULES *set, bool cacheable)
{
    /* Two arrays side by side, both with set_count items and no capacity. */
    enum ob_status status = core_array_grow_counted((void **)&rules->sets, rules->set_count,
                                                    sizeof(*rules->sets), 4, SIZE_MAX);
    if (status == OB_OK)
        status = core_array_grow_counted((void **)&rules->cacheable, rules->set_count,
                                         sizeof(*rules->cacheable), 4, SIZE_MAX);
    if (status != OB_OK) {
        if (set != NULL)
            yr_rules_destroy(set);
        return status;
    }
    rules->sets[rules->set_count] = set;
    rules->cacheable[rules->set_count++] = cacheable;
    return OB_OK;
}

static size_t count_rules(YR_RULES *set)
{
    size_t n = 0;
    const YR_RULE *rule;
    yr_rules_foreach(set, rule) n++;
    return n;
}

/* Counts the rules of each queued file in `set`, where each file is a
 * namespace named by its path; a file's rules come together, so the search
 * for the next file starts where the last one was found. */
static void count_rules_by_file(struct ob_rules *rules, YR_RULES *set)
{
    size_t at = 0;
    const YR_RULE *rule;
    yr_rules_foreach(set, rule)
    {
        if (rule->ns == NULL || rules->queued == 0)
            continue;
        for (size_t tries = 0; tries < rules->queued; tries++, at = (at + 1) % rules->queued) {
            if (!rules->queue[at].precompiled &&
                strcmp(rules->queue[at].path, rule->ns->name) == 0) {
                rules->queue[at].rules++;
                break;
            }
        }
    }
}

/* Compiles the queued source files into one set (*out stays NULL when none
 * compiles): all of them, reporting the ones that fail, or with
 * `per_file_only` again those that read per-file externals and compiled. */
static enum ob_status compile_sources(struct ob_rules *rules, struct ob_context *ctx, bool strict,
                                      bool per_file_only, YR_RULES **out)
{
    *out = NULL;
    struct ob_buffer messages;
    core_buffer_init(&messages, 1 << 16);
    struct compile_report report = {.messages = &messages};
    YR_COMPILER *compiler = NULL;
    size_t *good = calloc(rules->queued + 1, sizeof(*good));
    size_t good_count = 0;
    enum ob_status status = good == NULL ? OB_ERR_NOMEM : new_compiler(&compiler, &report);
    if (status != OB_OK)
        goto out;
    for (size_t i = 0; i < rules->queued; i++) {
        const char *path = rules->queue[i].path;
        if (rules->queue[i].precompiled ||
            (per_file_only && !(rules->queue[i].uses_externals && rules->queue[i].compiled)))
            continue;
        core_buffer_reset(&messages, 1 << 16);
        report.errors = 0;
        int errors = add_source_file(compiler, path);
        if (errors == 0 && report.errors == 0) {
            good[good_count++] = i;
            continue;
        }
        if (per_file_only) {
            status = ob_context_fail(ctx, OB_ERR_RULES, _("rule file '%s' no longer compiles"),
                                     path);
            goto out;
        }
        rules->counts.files_failed++;
        rules->queue[i].failed = true;
        if (errors >= 0 && rules->queue[i].error == NULL)
            rules->queue[i].error = strdup(core_buffer_str(&messages));
        if (errors < 0)
            ob_context_log(ctx, OB_LOG_ERROR, _("cannot open rule file '%s': %s"), path,
                           strerror(errno));
        else
            ob_context_log(ctx, OB_LOG_ERROR, _("rule file skipped, it does not compile: %s"),
                           core_buffer_str(&messages));
        if (strict) {
            status = ob_context_fail(ctx, OB_ERR_RULES, _("rule file '%s' does not compile: %s"),
                                     path, core_buffer_str(&messages));
            goto out;
        }
        if (errors < 0)
            continue;
        /* A YARA compiler cannot be used after an error: start a new one and
         * add again the files that compiled. */
        yr_compiler_destroy(compiler);
        compiler = NULL;
        if ((status = new_compiler(&compiler, &report)) != OB_OK)
            goto out;
        for (size_t g = 0; g < good_count; g++) {
            report.errors = 0;
            if (add_source_file(compiler, rules->queue[good[g]].path) != 0 || report.errors) {
                status = ob_context_fail(ctx, OB_ERR_RULES, _("rule file '%s' no longer compiles"),
                                         rules->queue[good[g]].path);
                goto out;
            }
        }
    }
    if (good_count > 0) {
        YR_RULES *set = NULL;
        int error = yr_compiler_get_rules(compiler, &set);
        if (error != ERROR_SUCCESS) {
            status = ob_context_fail(ctx, from_yara_error(error), _("cannot build the rule set"));
            goto out;
        }
        if (!per_file_only) {
            rules->counts.rules += count_rules(set);
            rules->counts.files_loaded += good_count;
            for (size_t g = 0; g < good_count; g++)
                rules->queue[good[g]].compiled = true;
            count_rules_by_file(rules, set);
        }
        *out = set;
    }
out:
    if (compiler != NULL)
        yr_compiler_destroy(compiler);
    free(good);
    core_buffer_release(&messages);
    return status;
}

/* Finds which namespaces (one per rule file) of `set` are per-file files:
 * *out (by namespace index) and *count. */
static enum ob_status mark_per_file_namespaces(const struct ob_rules *rules, YR_RULES *set,
                                               bool **out, size_t *count)
{
    size_t most = 0;
    const YR_RULE *rule;
    yr_rules_foreach(set, rule)
    {
        if (rule->ns != NULL && (size_t)rule->ns->idx + 1 > most)
            most = (size_t)rule->ns->idx + 1;
    }
    bool *ns_per_file = calloc(most + 1, sizeof(*ns_per_file));
    if (ns_per_file == NULL)
        return OB_ERR_NOMEM;
    yr_rules_foreach(set, rule)
    {
        if (rule->ns == NULL || ns_per_file[rule->ns->idx])
            continue;
        for (size_t i = 0; i < rules->queued; i++) {
            if (rules->queue[i].uses_externals && rules->queue[i].compiled &&
                strcmp(rules->queue[i].path, rule->ns->name) == 0) {
                ns_per_file[rule->ns->idx] = true;
                break;
            }
        }
    }
    *out = ns_per_file;
    *count = most;
    return OB_OK;
}

/* ---- the set for content that does not start with "MZ" ------------------- */

static int on_probe_rule(YR_SCAN_CONTEXT *context, int message, void *data, void *user)
{
    (void)context;
    (void)data;
    if (message == CALLBACK_MSG_RULE_MATCHING)
        *(bool *)user = true;
    return CALLBACK_CONTINUE;
}

/* Runs rule source `text` through libyara on content that does not start
 * with "MZ": 1 when a rule matches, 0 when none does, -1 when it does not
 * compile or cannot be run. */
static int probe_source(const char *text)
{
    struct compile_report report = {0};
    YR_COMPILER *compiler = NULL;
    YR_RULES *set = NULL;
    int result = -1;
    if (new_compiler(&compiler, &report) != OB_OK)
        goto out;
    if (yr_compiler_add_string(compiler, text, NULL) != 0 || report.errors > 0 ||
        yr_compiler_get_rules(compiler, &set) != ERROR_SUCCESS)
        goto out;
    /* Any content not starting with "MZ" gives the pe module the same
     * values (is_pe = 0, its constants, nothing else). */
    static const uint8_t content[64] = {0};
    bool matched = false;
    if (yr_rules_scan_mem(set, content, sizeof(content), SCAN_FLAGS, on_probe_rule, &matched, 0) ==
        ERROR_SUCCESS)
        result = matched ? 1 : 0;
out:
    if (set != NULL)
        yr_rules_destroy(set);
    if (compiler != NULL)
        yr_compiler_destroy(compiler);
    return result;
}

/* The value of `condition`, which reads only the pe module, for content
 * that does not start with "MZ" (indicators_pe_value_fn). */
static int probe_pe_condition(const char *condition, size_t length, void *user)
{
    (void)user;
    struct ob_buffer source;
    core_buffer_init(&source, (size_t)1 << 20);
    int result = -1;
    if (length <= INT32_MAX &&
        core_buffer_printf(&source, "import \"pe\"\nrule probe { condition: %.*s\n}\n", (int)length,
                           condition) == OB_OK)
        result = probe_source(core_buffer_str(&source));
    core_buffer_release(&source);
    return result;
}

/* The specialisation replaces a part of an and/or by its truth: that is
 * sound when and/or take an undefined value as false, as libyara 4 does.
 * Checked with this very libyara before it is relied on. */
static bool probe_semantics_hold(void)
{
    static const char *const hold[] = {"pe.number_of_sections > 0 or true",
                                       "not (pe.number_of_sections > 0 or false)",
                                       "not (pe.number_of_sections > 0 and true)"};
    static const char *const fail[] = {"pe.is_pe", "pe.number_of_sections > 0 and true",
                                       "not pe.number_of_sections > 0"};
    for (size_t i = 0; i < sizeof(hold) / sizeof(hold[0]); i++)
        if (probe_pe_condition(hold[i], strlen(hold[i]), NULL) != 1)
            return false;
    for (size_t i = 0; i < sizeof(fail) / sizeof(fail[0]); i++)
        if (probe_pe_condition(fail[i], strlen(fail[i]), NULL) != 0)
            return false;
    /* A string "at" an undefined offset is false (and found at 0 true). */
    return probe_source("import \"pe\" rule a { strings: $a = { 00 00 } "
                        "condition: $a at pe.entry_point }") == 0 &&
           probe_source("rule a { strings: $a = { 00 00 } condition: $a at 0 }") == 1;
}

/* Compiles into one set, each file in its own namespace named by its
 * path, as sets[0]: `texts` (one per queued file; NULL data for files left
 * out), or with `texts` NULL the source files that compiled into sets[0]
 * (only those that read per-file externals with `per_file_only`), read
 * again. On a file that does not compile, *bad says which (SIZE_MAX:
 * none). Touches nothing in `rules`: a worker may call it mid-scan. */
static enum ob_status compile_each(const struct ob_rules *rules, const struct ob_buffer *texts,
                                   bool per_file_only, size_t *bad, YR_RULES **out)
{
    *out = NULL;
    *bad = SIZE_MAX;
    struct compile_report report = {0};
    YR_COMPILER *compiler = NULL;
    enum ob_status status = new_compiler(&compiler, &report);
    for (size_t i = 0; status == OB_OK && i < rules->queued; i++) {
        const struct queued_path *file = &rules->queue[i];
        if (texts != NULL
                ? texts[i].data == NULL
                : file->precompiled || !file->compiled || (per_file_only && !file->uses_externals))
            continue;
        report.errors = 0;
        int errors = texts != NULL
                         ? yr_compiler_add_string(compiler, core_buffer_str(&texts[i]), file->path)
                         : add_source_file(compiler, file->path);
        if (errors != 0 || report.errors > 0) {
            *bad = i;
            status = OB_ERR_RULES;
        }
    }
    if (status == OB_OK && yr_compiler_get_rules(compiler, out) != ERROR_SUCCESS)
        status = OB_ERR_NOMEM;
    if (compiler != NULL)
        yr_compiler_destroy(compiler);
    return status;
}

/* Whether `plain` holds, for each file, its rules in sets[0] less those the
 * specialisation left out (dropped[i]): nothing else went or came. */
static bool plain_counts_fit(const struct ob_rules *rules, YR_RULES *plain, const size_t *dropped)
{
    size_t *counts = calloc(rules->queued + 1, sizeof(*counts));
    if (counts == NULL)
        return false;
    bool fit = true;
    size_t at = 0;
    const YR_RULE *rule;
    yr_rules_foreach(plain, rule)
    {
        bool found = false;
        for (size_t tries = 0; rule->ns != NULL && tries < rules->queued;
             tries++, at = (at + 1) % rules->queued) {
            if (strcmp(rules->queue[at].path, rule->ns->name) == 0) {
                counts[at]++;
                found = true;
                break;
            }
        }
        fit = fit && found;
    }
    for (size_t i = 0; fit && i < rules->queued; i++)
        if (rules->queue[i].compiled && !rules->queue[i].precompiled)
            fit = counts[i] + dropped[i] == rules->queue[i].rules;
    free(counts);
    return fit;
}

/* Builds rules->plain from the files that compiled into sets[0]; leaves it
 * NULL when no file changes or anything does not fit (only speed is lost).
 * Errors: OB_ERR_NOMEM only. */
static enum ob_status compile_plain(struct ob_rules *rules, struct ob_context *ctx)
{
    struct ob_buffer *texts = calloc(rules->queued + 1, sizeof(*texts));
    size_t *dropped = calloc(rules->queued + 1, sizeof(*dropped));
    bool *special = calloc(rules->queued + 1, sizeof(*special));
    enum ob_status status = texts == NULL || dropped == NULL || special == NULL ? OB_ERR_NOMEM
                                                                                : OB_OK;
    struct ob_buffer original;
    core_buffer_init(&original, (size_t)64 << 20);
    size_t changed = 0, rules_dropped = 0;
    for (size_t i = 0; status == OB_OK && i < rules->queued; i++) {
        const struct queued_path *file = &rules->queue[i];
        if (file->precompiled || !file->compiled)
            continue;
        core_buffer_init(&texts[i], (size_t)64 << 20);
        core_buffer_reset(&original, 0);
        if (core_buffer_read_file(&original, file->path, NULL) != OB_OK) {
            status = OB_ERR_IO; /* it changed since it compiled: no plain set */
            break;
        }
        struct indicators_specialize_stats stats;
        enum ob_status spec = indicators_specialize_not_mz((const char *)original.data,
                                                           original.length, probe_pe_condition,
                                                           NULL, &texts[i], &stats);
        if (spec == OB_ERR_NOMEM) {
            status = spec;
            break;
        }
        if (spec == OB_OK &&
            (stats.dropped > 0 || stats.rewritten > 0 || stats.pe_import_dropped)) {
            dropped[i] = stats.dropped;
            special[i] = true;
            rules_dropped += stats.dropped;
            changed++;
            continue;
        }
        core_buffer_reset(&texts[i], 0);
        status = core_buffer_append(&texts[i], original.data, original.length);
    }
    /* Checked only when something is to be specialised: a start whose
     * rules need none pays nothing for it. */
    if (status == OB_OK && changed > 0 && !probe_semantics_hold()) {
        ob_context_log(ctx, OB_LOG_DEBUG, "this libyara's and/or differ: no specialised rules");
        changed = 0;
    }
    YR_RULES *plain = NULL;
    /* A specialised text that does not compile is taken as it was. */
    for (size_t tries = 0; status == OB_OK && changed > 0 && tries < 8; tries++) {
        size_t bad = SIZE_MAX;
        status = compile_each(rules, texts, false, &bad, &plain);
        if (status != OB_ERR_RULES || bad == SIZE_MAX || !special[bad])
            break;
        core_buffer_reset(&texts[bad], 0);
        status = core_buffer_read_file(&texts[bad], rules->queue[bad].path, NULL);
        rules_dropped -= dropped[bad];
        dropped[bad] = 0;
        special[bad] = false;
        changed--;
    }
    if (changed == 0 && plain != NULL) {
        yr_rules_destroy(plain); /* sets[0] again */
        plain = NULL;
    }
    if (status == OB_OK && plain != NULL && !plain_counts_fit(rules, plain, dropped)) {
        ob_context_log(ctx, OB_LOG_DEBUG, "specialised rules do not fit: not used");
        yr_rules_destroy(plain);
        plain = NULL;
    }
    if (status == OB_OK && plain != NULL)
        status = mark_per_file_namespaces(rules, plain, &rules->ns_per_file_plain,
                                          &rules->ns_plain_count);
    if (status == OB_OK && plain != NULL) {
        rules->plain = plain;
        plain = NULL;
        ob_context_log(ctx, OB_LOG_INFO,
                       _("for files that are not Windows programs, %zu of %zu rules need not run"),
                       rules_dropped, rules->counts.rules);
    }
    if (plain != NULL)
        yr_rules_destroy(plain);
    for (size_t i = 0; texts != NULL && i < rules->queued; i++)
        core_buffer_release(&texts[i]);
    free(texts);
    free(dropped);
    free(special);
    core_buffer_release(&original);
    /* Only memory is an error: otherwise the full set does the work. */
    return status == OB_ERR_NOMEM ? status : OB_OK;
}

/* ---- the compiled-rules cache ----------------------------------------------- */

/* What the compiled form depends on besides the rule files: this payload's
 * layout, libyara's version and the external variables declared. */
#define RULES_CACHE_SALT                                                                           \
    "oberig rules payload 4; yara " YR_VERSION "; externals filename filepath extension "          \
    "filetype owner; pointer size " OB_STRINGIFY(__SIZEOF_POINTER__)
#define OB_STRINGIFY(x) OB_STRINGIFY_(x)
#define OB_STRINGIFY_(x) #x

enum { CACHED_COMPILED = 1, CACHED_FAILED = 2, CACHED_USES_EXTERNALS = 4, CACHED_MAY_INCLUDE = 8 };

static size_t write_to_buffer(const void *bytes, size_t size, size_t count, void *user)
{
    return core_buffer_append(user, bytes, size * count) == OB_OK ? count : 0;
}

struct memory_stream {
    const unsigned char *at;
    size_t left;
};

/* The sets a cache payload keeps, in their order there. */
enum kept_set { KEPT_ALL, KEPT_PER_FILE, KEPT_PLAIN, KEPT_SETS };

/* A saved set loaded once, by whichever thread needs it first. */
struct lazy_set {
    pthread_mutex_t lock;
    const struct ob_rules *rules; /* for the source files, to compile it again */
    enum kept_set kind;
    /* In the mapped cache file the rules keep (cache_file), until loaded;
     * not covered by the file's own SHA-256, but by this one. */
    const unsigned char *bytes;
    size_t length;
    unsigned char digest[OB_SHA256_LEN];
    YR_RULES *set;
    bool failed;
    bool damaged; /* the saved bytes did not match the digest */
};

static void lazy_set_free(struct lazy_set *lazy)
{
    if (lazy == NULL)
        return;
    pthread_mutex_destroy(&lazy->lock);
    if (lazy->set != NULL)
        yr_rules_destroy(lazy->set);
    free(lazy);
}

static size_t read_from_memory(void *bytes, size_t size, size_t count, void *user)
{
    struct memory_stream *memory = user;
    if (size == 0 || count > memory->left / size)
        return 0;
    memcpy(bytes, memory->at, size * count);
    memory->at += size * count;
    memory->left -= size * count;
    return count;
}

/* Appends a compiled set (nothing for none) as libyara saves it to
 * `blobs`; *length and `digest` get its length and SHA-256. */
static enum ob_status save_set(YR_RULES *set, struct ob_buffer *blobs, size_t *length,
                               unsigned char digest[OB_SHA256_LEN])
{
    size_t before = blobs->length;
    YR_STREAM stream = {.user_data = blobs, .write = write_to_buffer};
    if (set != NULL && yr_rules_save_stream(set, &stream) != ERROR_SUCCESS)
        return OB_ERR_NOMEM;
    *length = blobs->length - before;
    return core_sha256(blobs->data + before, *length, digest);
}

static YR_RULES *load_set(const unsigned char *bytes, size_t length)
{
    struct memory_stream memory = {bytes, length};
    YR_STREAM stream = {.user_data = &memory, .read = read_from_memory};
    YR_RULES *set = NULL;
    return yr_rules_load_stream(&stream, &set) == ERROR_SUCCESS ? set : NULL;
}

/* A saved set of the payload, to be loaded later from where it is (the
 * payload must outlive it); NULL for an empty one (or when out of memory:
 * *failed is then set). */
static struct lazy_set *new_lazy_set(const struct ob_rules *rules, enum kept_set kind,
                                     const unsigned char *bytes, size_t length,
                                     const unsigned char *digest, bool *failed)
{
    if (length == 0)
        return NULL;
    struct lazy_set *lazy = calloc(1, sizeof(*lazy));
    if (lazy == NULL || pthread_mutex_init(&lazy->lock, NULL) != 0) {
        free(lazy);
        *failed = true;
        return NULL;
    }
    lazy->rules = rules;
    lazy->kind = kind;
    lazy->bytes = bytes;
    lazy->length = length;
    memcpy(lazy->digest, digest, OB_SHA256_LEN);
    return lazy;
}

/* Compiles a damaged set again from the source files it was made of; NULL
 * when they no longer give the same rules. The specialised set is not
 * remade: without it sets[0] does its work. */
static YR_RULES *compile_kept_again(const struct lazy_set *lazy)
{
    const struct ob_rules *rules = lazy->rules;
    if (lazy->kind == KEPT_PLAIN)
        return NULL;
    bool per_file_only = lazy->kind == KEPT_PER_FILE;
    size_t expected = 0;
    for (size_t i = 0; i < rules->queued; i++) {
        const struct queued_path *file = &rules->queue[i];
        if (!file->precompiled && file->compiled && (!per_file_only || file->uses_externals))
            expected += file->rules;
    }
    size_t bad = SIZE_MAX;
    YR_RULES *set = NULL;
    if (compile_each(rules, NULL, per_file_only, &bad, &set) != OB_OK)
        return NULL;
    /* Files changed since the start would not match the namespace tables. */
    if (set != NULL && count_rules(set) != expected) {
        yr_rules_destroy(set);
        set = NULL;
    }
    return set;
}

/* Whether the saved bytes are those the cache was written with. */
static bool lazy_bytes_intact(const struct lazy_set *lazy)
{
    unsigned char computed[OB_SHA256_LEN];
    return core_sha256(lazy->bytes, lazy->length, computed) == OB_OK &&
           memcmp(computed, lazy->digest, OB_SHA256_LEN) == 0;
}

/* A set kept as saved, loaded on first use after its digest is checked;
 * a damaged one is compiled again from the rule files, and the cache file
 * removed so the next start rebuilds it (ob_rules_cache_damaged tells).
 * NULL when it cannot be had (*failed then says so). */
static YR_RULES *lazy_get(struct lazy_set *lazy, bool *failed)
{
    pthread_mutex_lock(&lazy->lock);
    if (lazy->set == NULL && !lazy->failed) {
        if (lazy_bytes_intact(lazy)) {
            lazy->set = load_set(lazy->bytes, lazy->length);
        } else {
            lazy->damaged = true;
            if (lazy->rules->cache_path != NULL)
                (void)unlink(lazy->rules->cache_path);
            lazy->set = compile_kept_again(lazy);
        }
        lazy->failed = lazy->set == NULL;
        /* Loaded, it is in libyara's memory: the saved form is not needed
         * again, and its pages need not stay resident. */
        core_cache_file_drop_pages(lazy->bytes, lazy->length);
        lazy->bytes = NULL;
    }
    YR_RULES *set = lazy->set;
    *failed = lazy->failed;
    pthread_mutex_unlock(&lazy->lock);
    return set;
}

static bool lazy_damaged(struct lazy_set *lazy)
{
    if (lazy == NULL)
        return false;
    pthread_mutex_lock(&lazy->lock);
    bool damaged = lazy->damaged;
    pthread_mutex_unlock(&lazy->lock);
    return damaged;
}

const char *ob_rules_cache_damaged(const struct ob_rules *rules)
{
    bool damaged = lazy_damaged(rules->all_lazy) || lazy_damaged(rules->per_file_lazy) ||
                   lazy_damaged(rules->plain_lazy);
    return damaged ? rules->cache_path : NULL;
}

/* A set as compiled, or else as kept in the cache (`lazy`), loaded on first
 * use; NULL when there is none or it cannot be loaded (*failed then says
 * so). */
static YR_RULES *set_or_kept(YR_RULES *set, struct lazy_set *lazy, bool *failed)
{
    *failed = false;
    return set == NULL && lazy != NULL ? lazy_get(lazy, failed) : set;
}

/* The compiled sources as the cache keeps them: per source file its flags,
 * rules and compiler messages, the per-file namespaces of sets[0] and of
 * the specialised set, and the length and SHA-256 of each of the three
 * sets; *checked is the length of that much, which the cache file's own
 * digest covers. Then the sets, as libyara saves them: each is checked
 * against its digest only when it is loaded, so a start that loads none
 * (a rescan the scan state answers) does not read them. */
static enum ob_status encode_sources(const struct ob_rules *rules, YR_RULES *all,
                                     struct ob_buffer *out, size_t *checked)
{
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < rules->queued; i++) {
        const struct queued_path *file = &rules->queue[i];
        if (file->precompiled)
            continue;
        const char *error = file->error != NULL ? file->error : "";
        uint64_t flags = (file->compiled ? CACHED_COMPILED : 0) |
                         (file->failed ? CACHED_FAILED : 0) |
                         (file->uses_externals ? CACHED_USES_EXTERNALS : 0) |
                         (file->may_include ? CACHED_MAY_INCLUDE : 0);
        status = core_cache_put_u64(out, flags);
        if (status == OB_OK)
            status = core_cache_put_u64(out, file->rules);
        if (status == OB_OK)
            status = core_cache_put_u64(out, strlen(error));
        if (status == OB_OK)
            status = core_cache_put(out, error, strlen(error));
    }
    if (status == OB_OK)
        status = core_cache_put_u64(out, all != NULL ? rules->ns_count : 0);
    if (status == OB_OK && all != NULL)
        status = core_cache_put(out, rules->ns_per_file, rules->ns_count);
    if (status == OB_OK)
        status = core_cache_put_u64(out, rules->plain != NULL ? rules->ns_plain_count : 0);
    if (status == OB_OK && rules->plain != NULL)
        status = core_cache_put(out, rules->ns_per_file_plain, rules->ns_plain_count);
    YR_RULES *const kept[KEPT_SETS] = {all, rules->per_file, rules->plain};
    struct ob_buffer blobs;
    core_buffer_init(&blobs, (size_t)1 << 30);
    for (size_t k = 0; status == OB_OK && k < KEPT_SETS; k++) {
        size_t length = 0;
        unsigned char digest[OB_SHA256_LEN];
        status = save_set(kept[k], &blobs, &length, digest);
        if (status == OB_OK)
            status = core_cache_put_u64(out, length);
        if (status == OB_OK)
            status = core_cache_put(out, digest, sizeof(digest));
    }
    *checked = out->length;
    if (status == OB_OK)
        status = core_cache_put(out, blobs.data, blobs.length);
    core_buffer_release(&blobs);
    return status;
}

/* Takes the compiled sources from a cache payload whose first `checked`
 * bytes were checked; false (and nothing changed) when the payload does
 * not fit the queued files. */
static bool decode_sources(struct ob_rules *rules, struct ob_context *ctx, bool strict,
                           const unsigned char *payload, size_t length, size_t checked)
{
    struct core_cache_reader reader = {payload, checked, false};
    struct ob_rules_counts counts = {0};
    for (size_t i = 0; i < rules->queued && !reader.failed; i++) {
        struct queued_path *file = &rules->queue[i];
        if (file->precompiled)
            continue;
        uint64_t flags = core_cache_get_u64(&reader);
        file->rules = (size_t)core_cache_get_u64(&reader);
        size_t error_length = (size_t)core_cache_get_u64(&reader);
        const unsigned char *error = core_cache_get(&reader, error_length);
        file->compiled = (flags & CACHED_COMPILED) != 0;
        file->failed = (flags & CACHED_FAILED) != 0;
        file->uses_externals = (flags & CACHED_USES_EXTERNALS) != 0;
        file->may_include = (flags & CACHED_MAY_INCLUDE) != 0;
        free(file->error);
        file->error = error != NULL && file->failed ? strndup((const char *)error, error_length)
                                                    : NULL;
        counts.rules += file->compiled ? file->rules : 0;
        counts.files_loaded += file->compiled;
        counts.files_failed += file->failed;
    }
    size_t ns_count = (size_t)core_cache_get_u64(&reader);
    const unsigned char *ns = core_cache_get(&reader, ns_count);
    bool *ns_per_file = reader.failed ? NULL : calloc(ns_count + 1, sizeof(*ns_per_file));
    for (size_t i = 0; ns_per_file != NULL && i < ns_count; i++)
        ns_per_file[i] = ns[i] != 0;
    size_t ns_plain_count = (size_t)core_cache_get_u64(&reader);
    const unsigned char *ns_plain = core_cache_get(&reader, ns_plain_count);
    bool *ns_per_file_plain =
        reader.failed ? NULL : calloc(ns_plain_count + 1, sizeof(*ns_per_file_plain));
    for (size_t i = 0; ns_per_file_plain != NULL && i < ns_plain_count; i++)
        ns_per_file_plain[i] = ns_plain[i] != 0;
    /* The sets follow the checked part, one after the other. */
    struct lazy_set *kept[KEPT_SETS] = {NULL};
    size_t at = checked;
    bool failed = false;
    for (size_t k = 0; k < KEPT_SETS && !reader.failed; k++) {
        size_t set_length = (size_t)core_cache_get_u64(&reader);
        const unsigned char *digest = core_cache_get(&reader, OB_SHA256_LEN);
        if (digest == NULL || set_length > length - at) {
            failed = true;
            break;
        }
        kept[k] = new_lazy_set(rules, (enum kept_set)k, payload + at, set_length, digest, &failed);
        at += set_length;
    }
    /* With --strict a file that does not compile is fatal: compiled again,
     * it is reported as such. */
    /* A specialised set stands in for set 0 of the sources: none without it. */
    struct lazy_set *all = kept[KEPT_ALL];
    if (ns_per_file == NULL || ns_per_file_plain == NULL || reader.failed || failed ||
        reader.left != 0 || at != length || (all == NULL) != (counts.files_loaded == 0) ||
        (all == NULL && (kept[KEPT_PER_FILE] != NULL || kept[KEPT_PLAIN] != NULL)) ||
        (strict && counts.files_failed > 0)) {
        for (size_t k = 0; k < KEPT_SETS; k++)
            lazy_set_free(kept[k]);
        free(ns_per_file);
        free(ns_per_file_plain);
        for (size_t i = 0; i < rules->queued; i++) {
            struct queued_path *file = &rules->queue[i];
            free(file->error);
            file->error = NULL;
            file->compiled = file->failed = false;
            file->rules = 0;
        }
        return false;
    }
    for (size_t i = 0; i < rules->queued; i++)
        if (rules->queue[i].failed)
            ob_context_log(ctx, OB_LOG_ERROR, _("rule file skipped, it does not compile: %s"),
                           rules->queue[i].error != NULL ? rules->queue[i].error : "");
    rules->counts.rules += counts.rules;
    rules->counts.files_loaded += counts.files_loaded;
    rules->counts.files_failed += counts.files_failed;
    rules->ns_per_file = ns_per_file;
    rules->ns_count = ns_count;
    if (all != NULL && push_set(rules, NULL, true) != OB_OK) {
        /* Their bytes are in the cache file, which the caller releases. */
        for (size_t k = 0; k < KEPT_SETS; k++)
            lazy_set_free(kept[k]);
        free(ns_per_file_plain);
        return false; /* a compile would fail for memory too */
    }
    rules->all_lazy = all;
    rules->per_file_lazy = kept[KEPT_PER_FILE];
    rules->plain_lazy = kept[KEPT_PLAIN];
    rules->ns_per_file_plain = ns_per_file_plain;
    rules->ns_plain_count = ns_plain_count;
    return true;
}

enum ob_status ob_rules_set_cache(struct ob_rules *rules, const char *dir)
{
    return core_cache_dir_set(&rules->cache_dir, dir);
}

char *ob_rules_cache_default_dir(void)
{
    return core_cache_default_dir();
}

bool ob_rules_from_cache(const struct ob_rules *rules)
{
    return rules->from_cache;
}

/* Compiles the source files into sets 1 and 2. */
static enum ob_status compile_all_sources(struct ob_rules *rules, struct ob_context *ctx,
                                          bool strict, YR_RULES **all)
{
    for (size_t i = 0; i < rules->queued; i++)
        if (!rules->queue[i].precompiled)
            read_source_facts(&rules->queue[i]);
    enum ob_status status = compile_sources(rules, ctx, strict, false, all);
    if (status == OB_OK && *all != NULL) {
        status = push_set(rules, *all, true);
        if (status != OB_OK)
            *all = NULL; /* push_set destroyed it */
        if (status == OB_OK)
            status = mark_per_file_namespaces(rules, *all, &rules->ns_per_file, &rules->ns_count);
        if (status == OB_OK)
            status = compile_sources(rules, ctx, strict, true, &rules->per_file);
        if (status == OB_OK)
            status = compile_plain(rules, ctx);
    }
    return status;
}

/* Sets 1 and 2 from the cache when it holds them for these very files,
 * else compiled and then kept in the cache. */
static enum ob_status load_sources(struct ob_rules *rules, struct ob_context *ctx, bool strict)
{
    const char **paths = calloc(rules->queued + 1, sizeof(*paths));
    if (paths == NULL)
        return OB_ERR_NOMEM;
    size_t count = 0;
    for (size_t i = 0; i < rules->queued; i++)
        if (!rules->queue[i].precompiled)
            paths[count++] = rules->queue[i].path;
    struct indicators_cache cache = {0};
    enum ob_status status = OB_ERR_NOT_FOUND;
    if (rules->cache_dir != NULL && count > 0)
        status = indicators_cache_find_files(&cache, ctx, rules->cache_dir, "rules",
                                             RULES_CACHE_SALT, paths, count);
    if (status == OB_OK || status == OB_ERR_NOT_FOUND) {
        rules->source_key_known = cache.key_known || cache.hit;
        memcpy(rules->source_key, cache.header.key, OB_SHA256_LEN);
    }
    if (status == OB_OK &&
        decode_sources(rules, ctx, strict, cache.payload, cache.length, cache.checked)) {
        rules->from_cache = true;
        ob_context_log(ctx, OB_LOG_INFO,
                       P_("%zu rule file from the compiled-rules cache '%s'",
                          "%zu rule files from the compiled-rules cache '%s'", count),
                       count, cache.path);
        if (cache.rewrite)
            indicators_cache_save(&cache, ctx, cache.payload, cache.length, cache.checked);
        /* The sets are loaded from it when first needed. Until then the
         * pages of the part the digest check read need not stay resident. */
        rules->cache_file = cache.file;
        cache.file = (struct core_cache_file){0};
        core_cache_file_drop_pages(rules->cache_file.base, rules->cache_file.size);
        rules->cache_path = cache.path;
        cache.path = NULL;
        goto out;
    }
    /* With --strict a cached file that did not compile is compiled again
     * to fail as it should; that is no damage to report. */
    if (status == OB_OK && !strict)
        ob_context_log(ctx, OB_LOG_WARNING,
                       _("compiled-rules cache '%s' is ignored and rebuilt: %s"), cache.path,
                       _("it does not fit the rule files"));
    if (status != OB_OK && status != OB_ERR_NOT_FOUND)
        goto out;
    YR_RULES *all = NULL;
    status = compile_all_sources(rules, ctx, strict, &all);
    if (status == OB_OK && cache.path != NULL) {
        struct ob_buffer payload;
        core_buffer_init(&payload, (size_t)1 << 30);
        size_t checked = 0;
        if (encode_sources(rules, all, &payload, &checked) == OB_OK)
            indicators_cache_save(&cache, ctx, payload.data, payload.length, checked);
        core_buffer_release(&payload);
    }
out:
    indicators_cache_release(&cache);
    free(paths);
    return status;
}

enum ob_status ob_rules_compile(struct ob_rules *rules, struct ob_context *ctx, bool strict)
{
    /* One set holds every source file, so a new content is scanned in one
     * pass, as yara does. The files that read per-file externals are also
     * compiled on their own: for content already seen, the hits of the
     * content-only rules are reused and only that small set runs again. */
    enum ob_status status = load_sources(rules, ctx, strict);
    for (size_t i = 0; status == OB_OK && i < rules->queued; i++) {
        const char *path = rules->queue[i].path;
        if (!rules->queue[i].precompiled)
            continue;
        YR_RULES *set = NULL;
        int error = yr_rules_load(path, &set);
        if (error != ERROR_SUCCESS) {
            rules->counts.files_failed++;
            rules->queue[i].failed = true;
            ob_context_log(ctx, OB_LOG_ERROR, _("cannot load compiled rules '%s': %s"), path,
                           ob_strerror(from_yara_error(error)));
            if (strict)
                status = ob_context_fail(ctx, OB_ERR_RULES, _("cannot load compiled rules '%s'"),
                                         path);
            continue;
        }
        rules->queue[i].rules = count_rules(set);
        rules->counts.rules += rules->queue[i].rules;
        rules->counts.files_loaded++;
        status = push_set(rules, set, false); /* its source cannot be inspected */
    }
    return status;
}

void ob_rules_counts(const struct ob_rules *rules, struct ob_rules_counts *out)
{
    *out = rules->counts;
}

bool ob_rules_path_counts(const struct ob_rules *rules, size_t index,
                          struct ob_rules_path_counts *out)
{
    memset(out, 0, sizeof(*out));
    if (index >= rules->groups)
        return false;
    for (size_t i = 0; i < rules->queued; i++) {
        const struct queued_path *file = &rules->queue[i];
        if (file->group != index)
            continue;
        out->counts.rules += file->rules;
        if (file->failed)
            out->counts.files_failed++;
        else
            out->counts.files_loaded++;
        if (file->mtime > out->newest_mtime)
            out->newest_mtime = file->mtime;
    }
    return true;
}

/* ---- scanning with rule files --------------------------------------------- */

/* ---- reuse of results for identical content ------------------------------- */

struct cached_hit {
    const char *name, *source, *description; /* point into the compiled rules */
    int score;
};

struct cache_entry {
    unsigned char key[OB_RULE_CACHE_KEY];
    bool used;
    uint32_t hit_count;
    struct cached_hit *hits;
};
/* The memory caps in docs/architecture.md count on these sizes. */
_Static_assert(sizeof(void *) != 8 ||
                   (sizeof(struct cache_entry) == 48 && sizeof(struct cached_hit) == 32),
               "a rule cache slot is 48 bytes and a cached rule match 32 on 64-bit systems");

struct ob_rule_cache {
    pthread_mutex_t lock;
    struct cache_entry *entries;
    size_t capacity, count, max_entries;
    uint64_t lookups, reuses;
};

enum ob_status ob_rule_cache_new(size_t max_entries, struct ob_rule_cache **out)
{
    *out = NULL;
    struct ob_rule_cache *cache = calloc(1, sizeof(*cache));
    if (cache == NULL)
        return OB_ERR_NOMEM;
    cache->capacity = 1024;
    cache->entries = calloc(cache->capacity, sizeof(*cache->entries));
    if (cache->entries == NULL) {
        free(cache);
        return OB_ERR_NOMEM;
    }
    cache->max_entries = max_entries;
    pthread_mutex_init(&cache->lock, NULL);
    *out = cache;
    return OB_OK;
}

void ob_rule_cache_free(struct ob_rule_cache *cache)
{
    if (cache == NULL)
        return;
    for (size_t i = 0; i < cache->capacity; i++)
        free(cache->entries[i].hits);
    free(cache->entries);
    pthread_mutex_destroy(&cache->lock);
    free(cache);
}

void ob_rule_cache_stats(struct ob_rule_cache *cache, uint64_t *lookups, uint64_t *reuses)
{
    pthread_mutex_lock(&cache->lock);
    *lookups = cache->lookups;
    *reuses = cache->reuses;
    pthread_mutex_unlock(&cache->lock);
}

/* The key is a SHA-256: its first bytes are already uniformly spread. */
static size_t slot_of(const struct ob_rule_cache *cache, const unsigned char *key)
{
    _Static_assert(OB_RULE_CACHE_KEY >= sizeof(uint64_t), "a key has 8 bytes to spread slots");
    uint64_t h;
    memcpy(&h, key, sizeof(h));
    return (size_t)h & (cache->capacity - 1);
}

static struct cache_entry *find_slot(struct ob_rule_cache *cache, const unsigned char *key)
{
    size_t i = slot_of(cache, key);
    while (cache->entries[i].used && memcmp(cache->entries[i].key, key, OB_RULE_CACHE_KEY) != 0)
        i = (i + 1) & (cache->capacity - 1);
    return &cache->entries[i];
}

static bool grow(struct ob_rule_cache *cache)
{
    size_t old_capacity = cache->capacity;
    struct cache_entry *old = cache->entries;
    struct cache_entry *entries = calloc(old_capacity * 2, sizeof(*entries));
    if (entries == NULL)
        return false;
    cache->entries = entries;
    cache->capacity = old_capacity * 2;
    for (size_t i = 0; i < old_capacity; i++)
        if (old[i].used)
            *find_slot(cache, old[i].key) = old[i];
    free(old);
    return true;
}

/* Copies the cached hits for `key` into `out` (caller frees). */
static bool cache_lookup(struct ob_rule_cache *cache, const unsigned char *key,
                         struct cached_hit **out, uint32_t *count)
{
    bool found = false;
    pthread_mutex_lock(&cache->lock);
    cache->lookups++;
    struct cache_entry *entry = find_slot(cache, key);
    if (entry->used) {
        *count = entry->hit_count;
        *out = NULL;
        if (entry->hit_count > 0) {
            *out = malloc(entry->hit_count * sizeof(**out));
            if (*out != NULL)
                memcpy(*out, entry->hits, entry->hit_count * sizeof(**out));
        }
        found = entry->hit_count == 0 || *out != NULL;
        cache->reuses += found;
    }
    pthread_mutex_unlock(&cache->lock);
    return found;
}

/* Takes ownership of `hits`. */
static void cache_store(struct ob_rule_cache *cache, const unsigned char *key,
                        struct cached_hit *hits, uint32_t count)
{
    pthread_mutex_lock(&cache->lock);
    bool room = cache->count < cache->max_entries &&
                ((cache->count + 1) * 10 < cache->capacity * 7 || grow(cache));
    struct cache_entry *entry = room ? find_slot(cache, key) : NULL;
    if (entry != NULL && !entry->used) {
        memcpy(entry->key, key, OB_RULE_CACHE_KEY);
        entry->used = true;
        entry->hits = hits;
        entry->hit_count = count;
        cache->count++;
        hits = NULL;
    }
    pthread_mutex_unlock(&cache->lock);
    free(hits);
}

/* ---- scanning with rule files ------------------------------------------------- */

struct ob_rule_scanner {
    YR_SCANNER **scanners;
    const bool *cacheable;
    size_t count;
    YR_SCANNER *per_file; /* NULL when no rule file reads per-file externals */
    YR_SCANNER *plain;    /* of rules->plain, made on first use */
    bool plain_made;
    const struct ob_rules *rules; /* for the sets, made on first use */
    bool per_file_made;
    const bool *ns_per_file;
    size_t ns_count;
    int timeout_seconds;     /* for all the sets together, per file; 0: none */
    struct timespec started; /* of the file being scanned */
    struct ob_rule_cache *cache;
    ob_indicator_hit_fn hit;
    void *user;
    /* Hits of the set being scanned, kept for the cache. */
    struct cached_hit *collected;
    uint32_t collected_count; /* the cache counts hits in 32 bits */
    size_t collected_capacity;
    bool collecting, collect_failed;
};

enum ob_status ob_rule_scanner_new(const struct ob_rules *rules, int timeout_seconds,
                                   struct ob_rule_cache *cache, struct ob_rule_scanner **out)
{
    *out = NULL;
    struct ob_rule_scanner *scanner = calloc(1, sizeof(*scanner));
    if (scanner == NULL)
        return OB_ERR_NOMEM;
    scanner->cache = cache;
    scanner->timeout_seconds = timeout_seconds > 0 ? timeout_seconds : 0;
    scanner->cacheable = rules->cacheable;
    scanner->scanners = calloc(rules->set_count + 1, sizeof(*scanner->scanners));
    if (scanner->scanners == NULL) {
        free(scanner);
        return OB_ERR_NOMEM;
    }
    /* Each YARA scanner is made on first use (make_scanners). */
    scanner->count = rules->set_count;
    scanner->rules = rules;
    *out = scanner;
    return OB_OK;
}

void ob_rule_scanner_free(struct ob_rule_scanner *scanner)
{
    if (scanner == NULL)
        return;
    for (size_t i = 0; i < scanner->count; i++)
        if (scanner->scanners[i] != NULL)
            yr_scanner_destroy(scanner->scanners[i]);
    if (scanner->per_file != NULL)
        yr_scanner_destroy(scanner->per_file);
    if (scanner->plain != NULL)
        yr_scanner_destroy(scanner->plain);
    free(scanner->scanners);
    free(scanner->collected);
    free(scanner);
}

/* A YARA scanner of `set` that runs as every scanner here does. */
static int new_scanner(YR_RULES *set, YR_SCANNER **out)
{
    int error = yr_scanner_create(set, out);
    if (error == ERROR_SUCCESS)
        yr_scanner_set_flags(*out, SCAN_FLAGS);
    return error;
}

/* Makes the scanner of set `i` the first time it is needed, loading the
 * set when it is kept as saved: with a specialised set, the full sets[0]
 * is loaded only once a Windows program comes. */
static int make_scanner(struct ob_rule_scanner *scanner, size_t i)
{
    if (scanner->scanners[i] != NULL)
        return ERROR_SUCCESS;
    bool failed = false;
    YR_RULES *set = set_or_kept(scanner->rules->sets[i], scanner->rules->all_lazy, &failed);
    return set != NULL ? new_scanner(set, &scanner->scanners[i]) : ERROR_INSUFFICIENT_MEMORY;
}

/* The scanner of the set for content that does not start with "MZ", made
 * the first time it is needed; NULL when there is no such set (or it
 * cannot be loaded: sets[0] then does the work). */
static YR_SCANNER *plain_scanner(struct ob_rule_scanner *scanner)
{
    if (scanner->plain_made)
        return scanner->plain;
    scanner->plain_made = true;
    bool failed = false;
    YR_RULES *set = set_or_kept(scanner->rules->plain, scanner->rules->plain_lazy, &failed);
    if (set != NULL && new_scanner(set, &scanner->plain) != ERROR_SUCCESS)
        scanner->plain = NULL;
    return scanner->plain;
}

/* Makes the scanner of the per-file set the first time it is needed. */
static int make_per_file_scanner(struct ob_rule_scanner *scanner)
{
    if (scanner->per_file_made)
        return ERROR_SUCCESS;
    bool failed = false;
    YR_RULES *set = set_or_kept(scanner->rules->per_file, scanner->rules->per_file_lazy, &failed);
    if (failed)
        return ERROR_INSUFFICIENT_MEMORY;
    int error = set != NULL ? new_scanner(set, &scanner->per_file) : ERROR_SUCCESS;
    scanner->per_file_made = error == ERROR_SUCCESS;
    return error;
}

static void collect(struct ob_rule_scanner *scanner, const struct ob_indicator_ref *hit)
{
    if (core_array_grow((void **)&scanner->collected, &scanner->collected_capacity,
                        (size_t)scanner->collected_count + 1, sizeof(*scanner->collected), 16,
                        UINT32_MAX) != OB_OK) {
        scanner->collect_failed = true;
        return;
    }
    scanner->collected[scanner->collected_count++] =
        (struct cached_hit){.name = hit->name,
                            .source = hit->source,
                            .description = hit->description,
                            .score = hit->score};
}

static int on_rule_scan(YR_SCAN_CONTEXT *context, int message, void *data, void *user)
{
    struct ob_rule_scanner *scanner = user;
    if (message != CALLBACK_MSG_RULE_MATCHING)
        return CALLBACK_CONTINUE;
    const YR_RULE *rule = data;
    struct ob_indicator_ref hit = {
        .name = rule->identifier,
        .source = rule->ns != NULL ? rule->ns->name : "",
        .description = "",
        .score = OB_YARA_DEFAULT_SCORE,
    };
    const YR_META *meta;
    yr_rule_metas_foreach(rule, meta)
    {
        if (strcmp(meta->identifier, "score") == 0) {
            if (meta->type == META_TYPE_INTEGER)
                hit.score = (int)meta->integer;
            else if (meta->type == META_TYPE_STRING && meta->string != NULL)
                hit.score = atoi(meta->string);
        } else if (strcmp(meta->identifier, "description") == 0 && meta->type == META_TYPE_STRING &&
                   meta->string != NULL) {
            hit.description = meta->string;
        }
    }
    /* Only content-only rules' hits may be reused for another copy. */
    if (scanner->collecting && !(rule->ns != NULL && rule->ns->idx < scanner->ns_count &&
                                 scanner->ns_per_file[rule->ns->idx]))
        collect(scanner, &hit);
    scanner->hit(scanner->user, &hit);
    return CALLBACK_CONTINUE;
}

static void define_externals(YR_SCANNER *yr, const struct ob_yara_externals *externals)
{
    const char *values[] = {externals->filename, externals->filepath, externals->extension,
                            externals->filetype, externals->owner};
    _Static_assert(sizeof(values) / sizeof(values[0]) ==
                       sizeof(external_names) / sizeof(external_names[0]),
                   "one value per external variable");
    for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
        /* Precompiled sets may not declare every external; that is fine. */
        (void)yr_scanner_define_string_variable(yr, external_names[v],
                                                values[v] != NULL ? values[v] : "");
    }
}

/* Runs one YARA scanner over the data; with `collect_hits`, the content-only
 * hits are kept in scanner->collected for the cache (`plain`: the scanner
 * is of the specialised set, whose namespaces say which are per-file). */
static int run_scanner(struct ob_rule_scanner *scanner, YR_SCANNER *yr, const unsigned char *data,
                       size_t length, const struct ob_yara_externals *externals, bool collect_hits,
                       bool plain)
{
    /* The time limit is for the file: each set gets what the sets before
     * it left, in whole seconds as YARA counts them. */
    if (scanner->timeout_seconds > 0) {
        double spent = core_clock_seconds_since(&scanner->started);
        double left = (double)scanner->timeout_seconds - spent;
        if (left <= 0)
            return ERROR_SCAN_TIMEOUT;
        int seconds = (int)left; /* rounded up: a set is never given 0, no limit */
        yr_scanner_set_timeout(yr, seconds < left ? seconds + 1 : seconds);
    }
    define_externals(yr, externals);
    yr_scanner_set_callback(yr, on_rule_scan, scanner);
    scanner->ns_per_file = plain ? scanner->rules->ns_per_file_plain : scanner->rules->ns_per_file;
    scanner->ns_count = plain ? scanner->rules->ns_plain_count : scanner->rules->ns_count;
    scanner->collecting = collect_hits;
    scanner->collect_failed = false;
    scanner->collected_count = 0;
    int error = yr_scanner_scan_mem(yr, data, length);
    scanner->collecting = false;
    return error;
}

enum ob_status ob_rule_scanner_scan(struct ob_rule_scanner *scanner, const unsigned char *data,
                                    size_t length, const struct ob_yara_externals *externals,
                                    const unsigned char *content_key, ob_indicator_hit_fn hit,
                                    void *user)
{
    scanner->hit = hit;
    scanner->user = user;
    if (scanner->timeout_seconds > 0)
        scanner->started = core_clock_now();
    enum ob_status result = OB_OK;
    for (size_t i = 0; i < scanner->count; i++) {
        bool reusable = scanner->cache != NULL && content_key != NULL && scanner->cacheable[i];
        struct cached_hit *hits = NULL;
        uint32_t count = 0;
        if (reusable && cache_lookup(scanner->cache, content_key, &hits, &count)) {
            /* Seen before: replay the content-only hits and run only the
             * rule files that read this file's name, path, type or owner. */
            for (uint32_t h = 0; h < count; h++) {
                struct ob_indicator_ref ref = {hits[h].name,  hits[h].source, hits[h].description,
                                               hits[h].score, NULL,           NULL};
                hit(user, &ref);
            }
            free(hits);
            int made = make_per_file_scanner(scanner);
            if (made != ERROR_SUCCESS && result == OB_OK)
                result = from_yara_error(made);
            if (scanner->per_file != NULL) {
                int error = run_scanner(scanner, scanner->per_file, data, length, externals, false,
                                        false);
                if (error != ERROR_SUCCESS && result == OB_OK)
                    result = from_yara_error(error);
            }
            continue;
        }
        /* Content that does not start with "MZ" gets the same matches from
         * the set specialised for it, which does less work. */
        bool mz = length >= 2 && data[0] == 'M' && data[1] == 'Z';
        /* (A specialised set exists only when set 0 holds the sources.) */
        YR_SCANNER *yr = i == 0 && !mz ? plain_scanner(scanner) : NULL;
        bool plain = yr != NULL;
        int error = ERROR_SUCCESS;
        if (!plain && (error = make_scanner(scanner, i)) == ERROR_SUCCESS)
            yr = scanner->scanners[i];
        if (yr != NULL)
            error = run_scanner(scanner, yr, data, length, externals, reusable, plain);
        if (error != ERROR_SUCCESS && result == OB_OK)
            result = from_yara_error(error);
        if (reusable && error == ERROR_SUCCESS && !scanner->collect_failed) {
            struct cached_hit *copy = NULL;
            if (scanner->collected_count > 0) {
                copy = malloc(scanner->collected_count * sizeof(*copy));
                if (copy == NULL)
                    continue;
                memcpy(copy, scanner->collected, scanner->collected_count * sizeof(*copy));
            }
            cache_store(scanner->cache, content_key, copy, scanner->collected_count);
        }
    }
    return result;
}

/* ---- identity ------------------------------------------------------------ */

/* Skips blanks and comments. */
static const char *skip_blanks(const char *at)
{
    for (;;) {
        at += strspn(at, " \t\r\n\f\v");
        if (strncmp(at, "/*", 2) == 0) {
            const char *end = strstr(at + 2, "*/");
            at = end != NULL ? end + 2 : at + strlen(at);
        } else if (strncmp(at, "//", 2) == 0) {
            at += strcspn(at, "\n");
        } else {
            return at;
        }
    }
}

/* Skips a text or regular expression opened at `at` by `close`: up to its
 * unescaped end, or the end of the line (neither spans lines). */
static const char *skip_literal(const char *at, char close)
{
    for (at++; *at != '\0' && *at != '\n'; at++) {
        if (*at == '\\' && at[1] != '\0' && at[1] != '\n')
            at++;
        else if (*at == close)
            return at + 1;
    }
    return at;
}

/* True when rule source `text` may hold an include directive: the word
 * "include" outside comments, texts and regular expressions, followed by a
 * text. A false yes only costs the rescan cache (--state). */
static bool may_include(const char *text)
{
    const char *at = text;
    char last = '\0'; /* the last character of code, to tell a regex from "/" */
    bool after_matches = false;
    while (*at != '\0') {
        const char *next = skip_blanks(at);
        if (next != at) {
            at = next;
            continue;
        }
        if (*at == '"') {
            at = skip_literal(at, '"');
            last = '"';
        } else if (*at == '/' && (last == '=' || after_matches)) {
            at = skip_literal(at, '/');
            last = '/';
        } else if (is_identifier_char(*at)) {
            const char *start = at;
            while (is_identifier_char(*at))
                at++;
            size_t length = (size_t)(at - start);
            if (length == 7 && memcmp(start, "include", 7) == 0 && *skip_blanks(at) == '"')
                return true;
            after_matches = length == 7 && memcmp(start, "matches", 7) == 0;
            last = at[-1];
            continue;
        } else {
            last = *at++;
        }
        after_matches = false;
    }
    return false;
}

/* `text` (`length` bytes, NUL-terminated) may hold an include directive;
 * a NUL inside would hide the rest from the parser above, so it may. */
static bool text_may_include(const char *text, size_t length)
{
    return memchr(text, '\0', length) != NULL || may_include(text);
}

bool ob_rules_identity(const struct ob_rules *rules, unsigned char *out)
{
    struct ob_hasher *hasher = NULL;
    struct ob_buffer text;
    core_buffer_init(&text, (size_t)64 << 20);
    bool known = core_hasher_new(&hasher) == OB_OK &&
                 core_hasher_stream_begin(hasher, CORE_DIGEST_SHA256) == OB_OK &&
                 core_hasher_stream_update(hasher, CORE_DIGEST_SHA256, YR_VERSION,
                                           sizeof(YR_VERSION)) == OB_OK;
    /* The source files' paths and content are in the cache's key already
     * (and whether one may include another in its flags). */
    bool keyed = rules->source_key_known;
    if (keyed)
        known = known && core_hasher_stream_update(hasher, CORE_DIGEST_SHA256, rules->source_key,
                                                   OB_SHA256_LEN) == OB_OK;
    for (size_t i = 0; known && i < rules->queued; i++) {
        const struct queued_path *file = &rules->queue[i];
        unsigned char flags[2] = {file->precompiled, file->failed};
        if (keyed && !file->precompiled) {
            known = !file->may_include && core_hasher_stream_update(hasher, CORE_DIGEST_SHA256,
                                                                    flags, sizeof(flags)) == OB_OK;
            continue;
        }
        known = core_buffer_read_file(&text, file->path, NULL) == OB_OK &&
                core_hasher_stream_update(hasher, CORE_DIGEST_SHA256, file->path,
                                          strlen(file->path) + 1) == OB_OK &&
                core_hasher_stream_update(hasher, CORE_DIGEST_SHA256, flags, sizeof(flags)) ==
                    OB_OK;
        uint64_t length = text.length;
        known = known &&
                core_hasher_stream_update(hasher, CORE_DIGEST_SHA256, &length, sizeof(length)) ==
                    OB_OK &&
                core_hasher_stream_update(hasher, CORE_DIGEST_SHA256, text.data, text.length) ==
                    OB_OK;
        /* What an included file says is not in this digest. */
        if (known && !file->precompiled)
            known = !text_may_include(core_buffer_str(&text), text.length);
    }
    known = known && core_hasher_stream_finish(hasher, CORE_DIGEST_SHA256, out) == OB_OK;
    core_hasher_free(hasher);
    core_buffer_release(&text);
    return known;
}
