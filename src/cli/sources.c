/* SPDX-License-Identifier: Apache-2.0 */
/* Where every command gets its indicators: YARA rules, IOC lists and the
 * indicator store, opened and loaded one way with one set of messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/array.h"
#include "core/i18n.h"

bool cli_store_open(struct ob_context *ctx, const struct ob_cli_args *args,
                    enum ob_cli_store_mode mode, struct ob_ioc_store **store)
{
    *store = NULL;
    char *fallback = NULL;
    const char *path = args->db != NULL ? args->db : (fallback = ob_ioc_store_default_path());
    bool ok = true;
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    enum ob_status status;
    if (path == NULL)
        status = mode == OB_CLI_STORE_USE
                     ? OB_ERR_NOT_FOUND
                     : ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT,
                                       _("no place for the indicator store: set HOME, "
                                         "XDG_DATA_HOME, OBERIG_DB or use --db"));
    else
        status = ob_ioc_store_open(ctx, path, mode == OB_CLI_STORE_CREATE, store);
    if (status == OB_OK)
        goto out;
    if (mode == OB_CLI_STORE_READ && status == OB_ERR_NOT_FOUND && path != NULL) {
        fprintf(stderr,
                _("oberig: no indicator store yet at '%s'; add indicators with 'oberig ioc "
                  "import'\n"),
                cli_safe_text(&safe, path));
    } else if (mode == OB_CLI_STORE_USE && args->db == NULL) {
        /* No store yet is normal; a default store that cannot be read is
         * said loudly, not fatal. */
        if (status != OB_ERR_NOT_FOUND)
            /* TRANSLATORS: %s says why the indicator store cannot be read. */
            fprintf(stderr, _("oberig: warning: %s; going on without the indicator store\n"),
                    cli_safe_text(&safe, ob_context_last_error(ctx)));
    } else {
        /* A store named with --db must be there, and one to change must open. */
        cli_fail(args->command, ctx, status);
        ok = false;
    }
out:
    core_buffer_release(&safe);
    free(fallback);
    return ok;
}

const char *cli_set_kind_name(enum ob_cli_set_kind kind)
{
    switch (kind) {
    case OB_CLI_SET_RULES: return "yara-rules";
    case OB_CLI_SET_IOCS: return "ioc-lists";
    case OB_CLI_SET_STORE: return "indicator-store";
    case OB_CLI_SET_STORED_RULES: return "stored-rules";
    }
    return "indicators";
}

bool cli_set_date(const struct ob_cli_set *set, char *out, size_t size)
{
    /* Issue 15 adds the publisher's own date of a set (a rule's or list's
     * "date" meta, a bundle's date); when a set carries one, it is the date
     * to show, and the file time or import time only the fallback. */
    return cli_format_date(set->date, out, size);
}

bool cli_format_date(int64_t seconds, char *out, size_t size)
{
    out[0] = '\0';
    time_t when = (time_t)seconds;
    struct tm tm;
    if (seconds <= 0 || gmtime_r(&when, &tm) == NULL)
        return false;
    return strftime(out, size, "%Y-%m-%d", &tm) > 0;
}

/* Adds a set; only memory can fail. */
static bool add_set(struct ob_cli_sources *sources, enum ob_cli_set_kind kind, const char *name,
                    size_t count, size_t files, int64_t date)
{
    char *copy = strdup(name);
    if (copy == NULL || core_array_grow_counted((void **)&sources->sets, sources->set_count,
                                                sizeof(*sources->sets), 8, SIZE_MAX) != OB_OK) {
        free(copy);
        return false;
    }
    sources->sets[sources->set_count++] = (struct ob_cli_set){
        .kind = kind, .name = copy, .count = count, .files = files, .date = date};
    return true;
}

/* The compiled-rules cache folder, or NULL with --no-cache or no home. */
static char *cache_dir(const struct ob_cli_args *args)
{
    return args->no_cache ? NULL : ob_rules_cache_default_dir();
}

/* The rule files the store keeps, in its order (by source, then path). */
struct stored_rule {
    char *source;
    char *path;
    int64_t last_import;
};
struct stored_rules {
    struct stored_rule *items;
    size_t count;
    struct ob_context *ctx;
};

static enum ob_status collect_stored_rule(void *user, const struct ob_ioc_rule_file *file)
{
    struct stored_rules *stored = user;
    if (access(file->path, R_OK) != 0) {
        /* TRANSLATORS: the kept copy of a rule file, then its source. */
        ob_context_log(stored->ctx, OB_LOG_WARNING,
                       _("the kept rule file '%s' of source '%s' is missing; import the source "
                         "again"),
                       file->path, file->source);
        return OB_OK;
    }
    char *source = strdup(file->source), *path = strdup(file->path);
    if (source == NULL || path == NULL ||
        core_array_grow_counted((void **)&stored->items, stored->count, sizeof(*stored->items), 64,
                                SIZE_MAX) != OB_OK) {
        free(source);
        free(path);
        return OB_ERR_NOMEM;
    }
    stored->items[stored->count++] =
        (struct stored_rule){.source = source, .path = path, .last_import = file->last_import};
    return OB_OK;
}

static void stored_rules_release(struct stored_rules *stored)
{
    for (size_t i = 0; i < stored->count; i++) {
        free(stored->items[i].source);
        free(stored->items[i].path);
    }
    free(stored->items);
    memset(stored, 0, sizeof(*stored));
}

/* A rule set with the cache `args` allows, the --rules first, then the
 * store's rule files, compiled. */
static enum ob_status compile_rules(struct ob_rules **rules, struct ob_context *ctx,
                                    const struct ob_cli_args *args, const char *const *paths,
                                    size_t path_count, const struct stored_rules *stored,
                                    bool strict)
{
    enum ob_status status = ob_rules_new(rules);
    if (status != OB_OK)
        return status;
    char *dir = cache_dir(args);
    status = ob_rules_set_cache(*rules, dir);
    free(dir);
    for (size_t i = 0; status == OB_OK && i < path_count; i++)
        status = ob_rules_add_path(*rules, ctx, paths[i]);
    for (size_t i = 0; status == OB_OK && i < stored->count; i++)
        status = ob_rules_add_path(*rules, ctx, stored->items[i].path);
    if (status == OB_OK)
        status = ob_rules_compile(*rules, ctx, strict);
    return status;
}

/* The sets of the store's rules: one per source, with the rules and files
 * of its paths, which follow the `first` --rules in the rule set. */
static bool add_stored_sets(struct ob_cli_sources *sources, const struct stored_rules *stored,
                            size_t first)
{
    for (size_t i = 0; i < stored->count;) {
        size_t rules = 0, files = 0;
        int64_t date = 0;
        size_t j = i;
        for (; j < stored->count && strcmp(stored->items[j].source, stored->items[i].source) == 0;
             j++) {
            struct ob_rules_path_counts counts;
            if (ob_rules_path_counts(sources->rules, first + j, &counts)) {
                rules += counts.counts.rules;
                files += counts.counts.files_loaded;
            }
            if (stored->items[j].last_import > date)
                date = stored->items[j].last_import;
        }
        if (!add_set(sources, OB_CLI_SET_STORED_RULES, stored->items[i].source, rules, files, date))
            return false;
        i = j;
    }
    return true;
}

/* Adds or completes the set of a store source: what it brought to the
 * scanning set, or (`network`) to the lookup. */
static bool add_store_use(struct ob_cli_sources *sources, const struct ob_ioc_source_use *use,
                          bool network)
{
    struct ob_cli_set *set = NULL;
    for (size_t i = 0; i < sources->set_count && set == NULL; i++)
        if (sources->sets[i].kind == OB_CLI_SET_STORE &&
            strcmp(sources->sets[i].name, use->source) == 0)
            set = &sources->sets[i];
    if (set == NULL) {
        if (!add_set(sources, OB_CLI_SET_STORE, use->source, 0, 0, 0))
            return false;
        set = &sources->sets[sources->set_count - 1];
        if ((set->publisher = strdup(use->publisher != NULL ? use->publisher : "")) == NULL)
            return false;
    }
    set->count += use->indicators;
    set->expired += use->expired;
    set->network = set->network || (network && use->indicators > 0);
    if (use->published > set->published)
        set->published = use->published;
    if (use->last_import > set->imported)
        set->imported = use->last_import;
    set->date = set->published != 0 ? set->published : set->imported;
    return true;
}

void cli_sources_freshness(const struct ob_cli_sources *sources, int64_t now,
                           struct ob_cli_freshness *out)
{
    *out = (struct ob_cli_freshness){0};
    for (size_t i = 0; i < sources->set_count; i++) {
        const struct ob_cli_set *set = &sources->sets[i];
        if (set->kind == OB_CLI_SET_RULES)
            continue;
        out->expired += set->expired;
        if (set->date > out->newest)
            out->newest = set->date;
    }
    if (out->newest == 0)
        return;
    out->age_days = now > out->newest ? (now - out->newest) / 86400 : 0;
    out->stale = out->age_days > OB_CLI_FRESH_DAYS;
}

void cli_freshness_warning(const struct ob_cli_freshness *freshness, char *out, size_t size)
{
    out[0] = '\0';
    if (!freshness->stale)
        return;
    long long months = freshness->age_days / 30;
    /* TRANSLATORS: the newest indicators' age in whole months (at least 3). */
    snprintf(out, size,
             P_("your indicators are %lld month old: ask your helpline for an update",
                "your indicators are %lld months old: ask your helpline for an update", months),
             months);
}

static bool load_rules(struct ob_cli_sources *sources, struct ob_context *ctx,
                       const struct ob_cli_args *args, unsigned flags, struct ob_ioc_store *store)
{
    if (flags & OB_CLI_LOAD_NO_YARA) {
        if (args->rule_count > 0 && !args->quiet)
            fputs(_("oberig: --no-yara given, so the --rules are not loaded\n"), stderr);
        return true;
    }
    struct stored_rules stored = {.ctx = ctx};
    enum ob_status status = OB_OK;
    if (store != NULL)
        status = ob_ioc_store_foreach_rule_file(store, ctx, NULL, collect_stored_rule, &stored);
    if (status != OB_OK || (args->rule_count == 0 && stored.count == 0)) {
        stored_rules_release(&stored);
        if (status == OB_OK)
            return true;
        cli_fail(args->command, ctx, status);
        return false;
    }
    status = compile_rules(&sources->rules, ctx, args, args->rules, args->rule_count, &stored,
                           (flags & OB_CLI_LOAD_STRICT) != 0);
    bool ok = status == OB_OK;
    if (!ok) {
        if (sources->rules == NULL)
            cli_error(args->command, _("cannot start the YARA engine"));
        else
            cli_fail(args->command, ctx, status);
        goto out;
    }
    ob_rules_counts(sources->rules, &sources->rule_counts);
    size_t given = 0;
    for (size_t i = 0; i < args->rule_count; i++) {
        struct ob_rules_path_counts counts;
        if (!ob_rules_path_counts(sources->rules, i, &counts))
            continue;
        given += counts.counts.rules;
        if (!add_set(sources, OB_CLI_SET_RULES, args->rules[i], counts.counts.rules,
                     counts.counts.files_loaded, counts.newest_mtime)) {
            cli_fail(args->command, NULL, OB_ERR_NOMEM);
            ok = false;
            goto out;
        }
    }
    if (args->rule_count > 0 && given == 0) {
        cli_error(args->command, _("no YARA rule could be loaded from the given --rules"));
        ok = false;
        goto out;
    }
    if (!add_stored_sets(sources, &stored, args->rule_count)) {
        cli_fail(args->command, NULL, OB_ERR_NOMEM);
        ok = false;
        goto out;
    }
    if (sources->rule_counts.rules == 0) {
        /* Only kept rules, and none compiles now (another libyara?): said
         * above for each file; the scan goes on without YARA. */
        ob_rules_free(sources->rules);
        sources->rules = NULL;
    }
out:
    stored_rules_release(&stored);
    return ok;
}

void cli_rules_warm_cache(struct ob_context *ctx, const struct ob_cli_args *args,
                          struct ob_ioc_store *store)
{
    struct stored_rules stored = {.ctx = ctx};
    struct ob_rules *rules = NULL;
    if (ob_ioc_store_foreach_rule_file(store, ctx, NULL, collect_stored_rule, &stored) == OB_OK &&
        stored.count > 0 && compile_rules(&rules, ctx, args, NULL, 0, &stored, false) != OB_OK)
        /* Only time is lost: the next scan compiles them. */
        ob_context_log(ctx, OB_LOG_WARNING, _("the kept rules could not be compiled ahead: %s"),
                       ob_context_last_error(ctx));
    ob_rules_free(rules);
    stored_rules_release(&stored);
}

/* The IOC lists and the store's file indicators, in one scanning set. */
static bool load_iocs(struct ob_cli_sources *sources, struct ob_context *ctx,
                      const struct ob_cli_args *args, struct ob_ioc_store *store)
{
    if (args->ioc_count == 0 && store == NULL)
        return true;
    enum ob_status status = ob_indicators_new(&sources->iocs);
    for (size_t i = 0; status == OB_OK && i < args->ioc_count; i++) {
        struct ob_indicator_load load;
        status = ob_indicators_load_dir_counted(sources->iocs, ctx, args->iocs[i], &load);
        if (status == OB_OK && !add_set(sources, OB_CLI_SET_IOCS, args->iocs[i], load.indicators,
                                        load.files, load.newest_mtime))
            status = OB_ERR_NOMEM;
    }
    struct ob_ioc_source_uses uses = {0};
    if (status == OB_OK && store != NULL) {
        status = ob_ioc_store_load_scan_set_by_source(store, ctx, sources->iocs,
                                                      &sources->store_indicators, &uses);
        sources->store_used = status == OB_OK;
    }
    for (size_t i = 0; status == OB_OK && i < uses.count; i++)
        if (!add_store_use(sources, &uses.items[i], false))
            status = OB_ERR_NOMEM;
    /* The lookup's indicators (domains, URLs, addresses) are used too. */
    const struct ob_ioc_source_uses *network =
        sources->lookup != NULL ? ob_ioc_lookup_sources(sources->lookup) : NULL;
    for (size_t i = 0; status == OB_OK && network != NULL && i < network->count; i++)
        if (!add_store_use(sources, &network->items[i], true))
            status = OB_ERR_NOMEM;
    if (uses.left_out && !args->quiet)
        fprintf(stderr,
                P_("oberig: the indicator store has more than %d source: only the first are "
                   "named with their dates\n",
                   "oberig: the indicator store has more than %d sources: only the first are "
                   "named with their dates\n",
                   OB_IOC_SOURCE_USES_MAX),
                OB_IOC_SOURCE_USES_MAX);
    ob_ioc_source_uses_release(&uses);
    if (status == OB_OK)
        status = ob_indicators_finalize(sources->iocs, ctx);
    if (status != OB_OK) {
        cli_fail(args->command, ctx, status);
        return false;
    }
    ob_indicators_counts(sources->iocs, &sources->ioc_counts);
    return true;
}

bool cli_sources_load(struct ob_cli_sources *sources, struct ob_context *ctx,
                      const struct ob_cli_args *args, unsigned flags)
{
    memset(sources, 0, sizeof(*sources));
    struct ob_ioc_store *store = NULL;
    if (!args->no_store && !cli_store_open(ctx, args, OB_CLI_STORE_USE, &store))
        return false;
    if (!load_rules(sources, ctx, args, flags, store)) {
        ob_ioc_store_free(store);
        return false;
    }
    enum ob_status status = OB_OK;
    if (store != NULL) {
        char *dir = cache_dir(args);
        status = ob_ioc_store_set_cache(store, dir);
        free(dir);
    }
    bool ok = status == OB_OK ? load_iocs(sources, ctx, args, store)
                              : (cli_fail(args->command, ctx, status), false);
    /* The store's indicators that are not about files, and the C2 lists'
     * host names and addresses. */
    if (ok && (flags & OB_CLI_LOAD_LOOKUP) &&
        (store != NULL || sources->ioc_counts.c2_entries > 0)) {
        status = ob_ioc_lookup_new_with_lists(store, sources->iocs, ctx, &sources->lookup);
        if (status != OB_OK)
            ok = (cli_fail(args->command, ctx, status), false);
    }
    ob_ioc_store_free(store);
    return ok;
}

struct lookup_call {
    ob_scan_lookup_fn fn;
    void *user;
};

static void on_lookup_match(void *user, const struct ob_ioc_match *match)
{
    const struct lookup_call *call = user;
    struct ob_scan_lookup_match found = {.type = ob_ioc_type_name(match->type),
                                         .value = match->value,
                                         .campaign = match->campaign,
                                         .source = match->source,
                                         .description = match->description};
    call->fn(call->user, &found);
}

size_t cli_sources_lookup(const void *table, enum ob_scan_lookup_kind kind, const char *value,
                          ob_scan_lookup_fn fn, void *user)
{
    const struct ob_ioc_lookup *lookup = table;
    struct lookup_call call = {.fn = fn, .user = user};
    size_t length = strlen(value);
    if (kind == OB_SCAN_LOOKUP_ADDRESS)
        return ob_ioc_lookup_find_address(lookup, value, length, on_lookup_match, &call);
    /* A process is named after its program's file, so file names count. */
    return ob_ioc_lookup_find(lookup, OB_IOC_PROCESS_NAME, value, length, on_lookup_match, &call) +
           ob_ioc_lookup_find(lookup, OB_IOC_FILE_NAME, value, length, on_lookup_match, &call);
}

void cli_sources_use_lookup(const struct ob_cli_sources *sources, struct ob_scan_options *options)
{
    if (sources->lookup == NULL)
        return;
    options->lookup = cli_sources_lookup;
    options->lookup_table = sources->lookup;
}

/* Whether this build checks for leaks at exit (gcc and clang say it each
 * their own way). */
#if defined(__SANITIZE_ADDRESS__)
#define LEAKS_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEAKS_CHECKED 1
#endif
#endif

void cli_sources_release_at_exit(struct ob_cli_sources *sources)
{
#ifndef LEAKS_CHECKED
    sources->rules = NULL;
    sources->iocs = NULL;
#endif
    cli_sources_release(sources);
}

void cli_sources_release(struct ob_cli_sources *sources)
{
    for (size_t i = 0; i < sources->set_count; i++) {
        free(sources->sets[i].name);
        free(sources->sets[i].publisher);
    }
    free(sources->sets);
    ob_ioc_lookup_free(sources->lookup);
    ob_indicators_free(sources->iocs);
    ob_rules_free(sources->rules);
    memset(sources, 0, sizeof(*sources));
}
