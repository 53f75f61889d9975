/* SPDX-License-Identifier: Apache-2.0 */
/* oberig ioc: import, list, count, remove and export the indicators kept
 * in the local store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/array.h"
#include "core/clock.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "core/i18n.h"
#include "oberig/ioc.h"

void cli_cmd_ioc_help(FILE *out)
{
    fputs(_("usage: oberig ioc <action> [options]\n"
            "\n"
            "Keeps the indicators of compromise that helplines and researchers publish\n"
            "(STIX 2.1 from MVT and Amnesty Tech, MISP events and feeds, signature-base\n"
            "lists, CSV) in one local store, with where each came from. 'oberig scan'\n"
            "uses the store by default; nothing is fetched from the network.\n"
            "\n"
            "actions:\n"
            "  import PATH...     read files or folders into the store, in one step: a\n"
            "                     malformed file imports nothing and says where it broke\n"
            "  list               print indicators with their campaign and source, then\n"
            "                     each source's publisher and dates\n"
            "  stats              count indicators by type, source and campaign, and\n"
            "                     say who published each source and when\n"
            "  remove --source S  remove what source S brought (indicators that other\n"
            "                     sources also gave stay, with those sources)\n"
            "  export --format F  write the store as stix (a STIX 2.1 bundle), misp\n"
            "                     (MISP events, one per campaign) or csv, with the\n"
            "                     publisher's own dates, name and references\n"
            "  import BUNDLE --trust KEYFILE\n"
            "                     check that the helpline's key in KEYFILE signed the\n"
            "                     bundle, and only then import it; an unsigned, altered\n"
            "                     or otherwise signed bundle is refused and imports nothing\n"
            "  bundle create PATH... -o BUNDLE --sign-with KEYFILE\n"
            "                     pack indicator files and rule folders into one bundle\n"
            "                     signed with the secret key in KEYFILE (for helplines)\n"
            "  bundle extract BUNDLE -o DIR --trust KEYFILE\n"
            "                     check the signature as import does, then write the\n"
            "                     bundle's files into the new folder DIR (rules for\n"
            "                     'oberig scan --rules DIR/rules')\n"
            "\n"
            "options:\n"
            "      --db PATH        the store (default: $OBERIG_DB, else\n"
            "                       $XDG_DATA_HOME/oberig/indicators.db, else\n"
            "                       ~/.local/share/oberig/indicators.db)\n"
            "  -s, --source NAME    import: name the provenance (default: the name of\n"
            "                       the file or folder given); list/export: only sources\n"
            "                       whose name holds NAME, in any case; remove: exactly\n"
            "                       this source\n"
            "  -c, --campaign NAME  import: give every indicator this campaign; list/export:\n"
            "                       only campaigns whose name holds NAME, in any case\n"
            "                       ('--campaign coruna'); a filter that matches nothing\n"
            "                       says so and exits with status 1\n"
            "      --older-than AGE list: the sources published (else imported) more than\n"
            "                       AGE ago, such as 90d or 12w, instead of indicators\n"
            "      --tlp LEVEL      export: mark everything with this TLP level (clear,\n"
            "                       green, amber, amber+strict, red; default: each\n"
            "                       campaign's own, else clear)\n"
            "  -t, --type TYPE      list/export: only this type: domain, url, email, ipv4,\n"
            "                       ipv6, file-name, file-path, md5, sha1, sha256,\n"
            "                       process-name, app-id, app-cert-sha256,\n"
            "                       configuration-profile-id, file-path-regex\n"
            "  -f, --format FORMAT  import/list/stats: human (default) or jsonl;\n"
            "                       export: stix, misp or csv\n"
            "  -o, --output FILE    write to FILE instead of standard output\n"
            "  -v, --verbose        show every warning, not only the first ten\n"
            "      --trust KEYFILE  import, bundle extract: the OpenPGP public key a bundle\n"
            "                       must be signed with (made with 'gpg --export')\n"
            "      --sign-with KEYFILE\n"
            "                       bundle create: the OpenPGP secret key to sign with,\n"
            "                       without a passphrase ('gpg --export-secret-keys')\n"),
          out);
    cli_help_every(out, 20);
    fputs(_("\n"
            "What is imported: STIX indicators with pattern_type stix (domain-name, url,\n"
            "email-addr, ipv4/ipv6-addr, file name/path/hashes, process:name, app:id,\n"
            "app:cert.sha256, configuration-profile:id), with the name of the malware\n"
            "they indicate as campaign; MISP attributes marked for detection (to_ids),\n"
            "with the event's info as campaign; indicators.yaml entries whose file is\n"
            "here, with the entry's name as campaign. Anything else is counted and\n"
            "listed, never dropped silently.\n"
            "\n"
            "Indicators past the valid_until their publisher gave are kept and listed,\n"
            "but scan and mail do not use them.\n"
            "\n"
            "exit status: 0 success, 1 a filter (--source, --campaign, --type,\n"
            "--older-than) matched nothing, 2 usage error or a file that could not be\n"
            "imported\n"
            "\n"
            "examples:\n"
            "  oberig ioc import ~/mvt-indicators\n"
            "  oberig ioc import --source civicert misp-feed/\n"
            "  oberig ioc list --campaign predator\n"
            "  oberig ioc list --older-than 90d\n"
            "  oberig ioc export --format stix -o indicators.stix2\n"
            "  oberig ioc export --format misp --tlp green -o events.json\n"
            "  oberig ioc bundle create iocs/ rules/ -o update.bundle --sign-with secret.key\n"
            "  oberig ioc import update.bundle --trust helpline.asc\n"
            "  oberig ioc bundle extract update.bundle -o update --trust helpline.asc\n"),
          out);
}

struct ioc_cli {
    struct ob_cli_args args; /* the options ioc shares with other commands */
    const char *source;
    const char *campaign;
    bool any_type;
    enum ob_ioc_type type;
    const char *trust;     /* --trust KEYFILE */
    const char *sign_with; /* --sign-with KEYFILE */
    const char *tlp;       /* --tlp LEVEL */
    int64_t older_than;    /* --older-than: days, 0 when not given */
};

#define usage_error(...) cli_usage_error("ioc", __VA_ARGS__)

static struct ob_ioc_filter make_filter(const struct ioc_cli *cli)
{
    return (struct ob_ioc_filter){.any_type = cli->any_type,
                                  .type = cli->type,
                                  .source = cli->source,
                                  .campaign = cli->campaign};
}

/* Each action gets the open store: for import, created when missing; for
 * the others NULL when there is none yet, which lists and counts nothing,
 * removes nothing and exports as a valid, empty document. */

/* ---- import ------------------------------------------------------------------ */

/* `bundle` is the verified bundle of import --trust, else NULL. */
static int run_import(struct ioc_cli *cli, struct ob_context *ctx, struct ob_ioc_store *store,
                      struct ob_output *output, int count, char **paths,
                      struct ob_ioc_bundle *bundle)
{
    struct ob_ioc_import_report report = {0};
    struct ob_ioc_import_options options = {.source = cli->source, .campaign = cli->campaign};
    struct timespec start = core_clock_now();
    enum ob_status status = bundle != NULL
                                ? ob_ioc_bundle_import(bundle, store, ctx, &options, &report)
                                : ob_ioc_import(store, ctx, (const char *const *)paths,
                                                (size_t)count, &options, &report);
    double seconds = core_clock_seconds_since(&start);
    int exit_status = OB_EXIT_CLEAN;
    if (status == OB_OK) {
        cli_output_ioc_import(output, &report, seconds);
        if (report.rule_files > 0)
            cli_rules_warm_cache(ctx, &cli->args, store);
    } else {
        exit_status = cli_fail("ioc", ctx, status);
        cli_error("ioc", _("nothing was imported"));
    }
    ob_ioc_import_report_release(&report);
    return exit_status;
}

/* ---- list and stats --------------------------------------------------------- */

static enum ob_status print_entry(void *user, const struct ob_ioc_entry *entry)
{
    cli_output_ioc_entry(user, entry);
    return OB_OK;
}

static enum ob_status print_rule_file(void *user, const struct ob_ioc_rule_file *file)
{
    cli_output_ioc_rule_file(user, file);
    return OB_OK;
}

/* Whether a filter was given: one that matches nothing is said so. */
static bool has_filter(const struct ioc_cli *cli)
{
    return !cli->any_type || (cli->source != NULL && cli->source[0] != '\0') ||
           (cli->campaign != NULL && cli->campaign[0] != '\0');
}

static enum ob_status count_entry(void *user, const struct ob_ioc_entry *entry)
{
    (void)entry;
    (*(size_t *)user)++;
    return OB_ERR_LIMIT; /* one is enough to know */
}

static enum ob_status count_rule(void *user, const struct ob_ioc_rule_file *file)
{
    (void)file;
    (*(size_t *)user)++;
    return OB_ERR_LIMIT; /* one is enough to know */
}

/* With a filter, says on stderr when nothing in the store passes it and
 * returns false (exit status 1 for the caller). */
static bool filter_matches(struct ioc_cli *cli, struct ob_context *ctx, struct ob_ioc_store *store,
                           int *exit_status)
{
    *exit_status = OB_EXIT_CLEAN;
    if (!has_filter(cli))
        return true;
    size_t found = 0;
    struct ob_ioc_filter filter = make_filter(cli);
    enum ob_status status =
        store != NULL ? ob_ioc_store_foreach(store, ctx, &filter, count_entry, &found) : OB_OK;
    /* Kept rule files have a source but no type or campaign. */
    if (found == 0 && status == OB_OK && store != NULL && cli->any_type &&
        (cli->campaign == NULL || cli->campaign[0] == '\0'))
        status = ob_ioc_store_foreach_rule_file(store, ctx, cli->source, count_rule, &found);
    if (status != OB_OK && status != OB_ERR_LIMIT) {
        *exit_status = cli_fail("ioc", ctx, status);
        return false;
    }
    if (found > 0)
        return true;
    struct ob_buffer safe_source, safe_campaign;
    core_buffer_init(&safe_source, 1 << 16);
    core_buffer_init(&safe_campaign, 1 << 16);
    const char *source = cli_safe_text(&safe_source, cli->source);
    const char *campaign = cli_safe_text(&safe_campaign, cli->campaign);
    if (source[0] != '\0' && campaign[0] != '\0')
        fprintf(stderr, _("oberig ioc: no indicator matches --source '%s' and --campaign '%s'\n"),
                source, campaign);
    else if (source[0] != '\0')
        fprintf(stderr, _("oberig ioc: no indicator matches --source '%s'\n"), source);
    else if (campaign[0] != '\0')
        fprintf(stderr, _("oberig ioc: no indicator matches --campaign '%s'\n"), campaign);
    else
        fprintf(stderr, _("oberig ioc: no indicator of type %s in the store\n"),
                ob_ioc_type_name(cli->type));
    core_buffer_release(&safe_source);
    core_buffer_release(&safe_campaign);
    *exit_status = OB_EXIT_FOUND;
    return false;
}

struct source_walk {
    struct ob_output *output;
    size_t count;
    bool in_stats;
};

static enum ob_status print_source(void *user, const struct ob_ioc_source_info *source)
{
    struct source_walk *walk = user;
    walk->count++;
    if (walk->in_stats)
        cli_output_ioc_stats_source(walk->output, source);
    else
        cli_output_ioc_source(walk->output, source);
    return OB_OK;
}

/* list --older-than: the sources whose date is older, not their indicators. */
static int run_stale(struct ioc_cli *cli, struct ob_context *ctx, struct ob_ioc_store *store,
                     struct ob_output *output)
{
    int64_t now = (int64_t)time(NULL);
    /* Before 1970 nothing is dated: a cut-off of 1 lists nothing. */
    int64_t cutoff = now - cli->older_than * 86400 > 0 ? now - cli->older_than * 86400 : 1;
    struct source_walk walk = {.output = output};
    struct ob_ioc_filter filter = make_filter(cli);
    enum ob_status status = store != NULL ? ob_ioc_store_sources(store, ctx, &filter, cutoff, now,
                                                                 print_source, &walk)
                                          : OB_OK;
    if (status != OB_OK)
        return cli_fail("ioc", ctx, status);
    if (walk.count > 0)
        return OB_EXIT_CLEAN;
    long long days = (long long)cli->older_than;
    fprintf(stderr,
            P_("oberig ioc: no source is older than %lld day\n",
               "oberig ioc: no source is older than %lld days\n", days),
            days);
    return OB_EXIT_FOUND;
}

static int run_list(struct ioc_cli *cli, struct ob_context *ctx, struct ob_ioc_store *store,
                    struct ob_output *output, bool human)
{
    if (cli->older_than > 0)
        return run_stale(cli, ctx, store, output);
    int exit_status;
    if (!filter_matches(cli, ctx, store, &exit_status))
        return exit_status;
    if (store == NULL)
        return OB_EXIT_CLEAN;
    struct ob_ioc_filter filter = make_filter(cli);
    enum ob_status status = ob_ioc_store_foreach(store, ctx, &filter, print_entry, output);
    /* Rule files have no type or campaign: listed unless one is asked for. */
    if (status == OB_OK && cli->any_type && (cli->campaign == NULL || cli->campaign[0] == '\0'))
        status = ob_ioc_store_foreach_rule_file(store, ctx, cli->source, print_rule_file, output);
    /* People are told the age of what they hold; JSON lines give it with
     * each indicator. */
    if (status == OB_OK && human) {
        fprintf(cli_output_stream(output), "%s\n", _("sources:"));
        struct source_walk walk = {.output = output};
        status = ob_ioc_store_sources(store, ctx, &filter, 0, (int64_t)time(NULL), print_source,
                                      &walk);
    }
    return status == OB_OK ? OB_EXIT_CLEAN : cli_fail("ioc", ctx, status);
}

/* The kept rules of each source, summed from its files (in source order). */
struct rule_sets {
    struct cli_rule_set *items;
    size_t count;
};

static enum ob_status count_rule_file(void *user, const struct ob_ioc_rule_file *file)
{
    struct rule_sets *sets = user;
    struct cli_rule_set *last = sets->count > 0 ? &sets->items[sets->count - 1] : NULL;
    if (last == NULL || strcmp(last->source, file->source) != 0) {
        char *source = strdup(file->source);
        if (source == NULL || core_array_grow_counted((void **)&sets->items, sets->count,
                                                      sizeof(*sets->items), 8, SIZE_MAX) != OB_OK) {
            free(source);
            return OB_ERR_NOMEM;
        }
        last = &sets->items[sets->count++];
        *last = (struct cli_rule_set){.source = source};
    }
    last->files++;
    last->rules += file->rules;
    if (file->last_import > last->last_import)
        last->last_import = file->last_import;
    return OB_OK;
}

static void print_count(void *user, const struct ob_ioc_count *count)
{
    cli_output_ioc_stats_count(user, count);
}

static int run_stats(struct ob_context *ctx, struct ob_ioc_store *store, struct ob_output *output)
{
    uint64_t indicators = 0, provenances = 0;
    enum ob_status status = OB_OK;
    if (store != NULL)
        status = ob_ioc_store_totals(store, ctx, &indicators, &provenances);
    cli_output_ioc_stats_begin(output, indicators, provenances);
    for (int by = 0; status == OB_OK && by < 3; by++) {
        cli_output_ioc_stats_group(output, (enum ob_ioc_count_by)by);
        if (store != NULL)
            status = ob_ioc_store_count(store, ctx, (enum ob_ioc_count_by)by, print_count, output);
        cli_output_ioc_stats_group_end(output);
    }
    struct rule_sets sets = {0};
    if (status == OB_OK && store != NULL)
        status = ob_ioc_store_foreach_rule_file(store, ctx, NULL, count_rule_file, &sets);
    if (status == OB_OK)
        cli_output_ioc_stats_rule_sets(output, sets.items, sets.count);
    for (size_t i = 0; i < sets.count; i++)
        free((char *)sets.items[i].source);
    free(sets.items);
    if (status == OB_OK) {
        struct source_walk walk = {.output = output, .in_stats = true};
        struct ob_ioc_filter all = {.any_type = true};
        cli_output_ioc_stats_sources_begin(output);
        if (store != NULL)
            status = ob_ioc_store_sources(store, ctx, &all, 0, (int64_t)time(NULL), print_source,
                                          &walk);
        cli_output_ioc_stats_sources_end(output);
    }
    cli_output_ioc_stats_end(output, status == OB_OK);
    return status == OB_OK ? OB_EXIT_CLEAN : cli_fail("ioc", ctx, status);
}

/* ---- remove and export ------------------------------------------------------ */

static int run_remove(struct ioc_cli *cli, struct ob_context *ctx, struct ob_ioc_store *store,
                      struct ob_output *output)
{
    if (store == NULL)
        return OB_EXIT_CLEAN;
    uint64_t removed = 0, rule_files = 0;
    enum ob_status status = ob_ioc_store_remove_source(store, ctx, cli->source, &removed);
    if (status == OB_OK)
        status = ob_ioc_store_remove_rules(store, ctx, cli->source, &rule_files);
    if (status != OB_OK)
        return cli_fail("ioc", ctx, status);
    cli_output_ioc_removed(output, cli->source, removed);
    if (rule_files > 0)
        cli_output_ioc_rules_removed(output, cli->source, rule_files);
    return OB_EXIT_CLEAN;
}

static int run_export(struct ioc_cli *cli, struct ob_context *ctx, struct ob_ioc_store *store,
                      struct ob_output *output, enum ob_ioc_export_format format)
{
    int exit_status;
    if (!filter_matches(cli, ctx, store, &exit_status))
        return exit_status;
    FILE *out = cli_output_stream(output);
    struct ob_ioc_filter filter = make_filter(cli);
    enum ob_status status = ob_ioc_export(store, ctx, &filter, format, cli->tlp, out);
    if (fflush(out) != 0 && status == OB_OK)
        status = ob_context_fail(ctx, OB_ERR_IO, _("cannot write the export"));
    return status == OB_OK ? OB_EXIT_CLEAN : cli_fail("ioc", ctx, status);
}

/* ---- bundle create and extract ------------------------------------------------ */

static int run_extract(struct ob_context *ctx, struct ob_ioc_bundle *bundle, const char *folder,
                       struct ob_output *output)
{
    struct ob_ioc_bundle_info info;
    enum ob_status status = ob_ioc_bundle_extract(bundle, ctx, folder, &info);
    if (status != OB_OK) {
        cli_fail("ioc", ctx, status);
        cli_error("ioc", _("nothing was extracted"));
        return OB_EXIT_ERROR;
    }
    cli_output_ioc_extracted(output, folder, &info);
    return OB_EXIT_CLEAN;
}

static int run_bundle(struct ob_context *ctx, const char *secret_keyfile, const char *bundle_path,
                      struct ob_output *output, int count, char **paths)
{
    struct ob_ioc_bundle_info info;
    enum ob_status status = ob_ioc_bundle_create(ctx, (const char *const *)paths, (size_t)count,
                                                 secret_keyfile, bundle_path, &info);
    if (status != OB_OK) {
        cli_fail("ioc", ctx, status);
        cli_error("ioc", _("no bundle was written"));
        return OB_EXIT_ERROR;
    }
    cli_output_ioc_bundle(output, bundle_path, &info);
    return OB_EXIT_CLEAN;
}

/* ---- options and actions ---------------------------------------------------- */

static const char *const actions[] = {"import", "list", "stats", "remove", "export", "bundle"};
enum { IMPORT, LIST, STATS, REMOVE, EXPORT, BUNDLE, ACTION_COUNT };
enum { OPTION_TRUST = 256, OPTION_SIGN_WITH, OPTION_TLP, OPTION_OLDER_THAN };

/* "90d", "12w" or "90" (days) as days; false for anything else. */
static bool parse_days(const char *text, int64_t *days)
{
    char *end = NULL;
    long long value = strtoll(text, &end, 10);
    if (end == text || value <= 0 || value > 100000)
        return false;
    if (strcmp(end, "w") == 0)
        value *= 7;
    else if (end[0] != '\0' && strcmp(end, "d") != 0)
        return false;
    *days = value;
    return true;
}

/* Parses the options after the action `name` (argv[0]; NULL when none was
 * given, ACTION_COUNT when unknown). Returns an exit status, or -1 to go on. */
static int parse_options(struct ioc_cli *cli, const char *name, int action, int argc, char **argv,
                         enum ob_ioc_export_format *format)
{
    static const struct option longs[] = {
        {"source", required_argument, NULL, 's'},
        {"campaign", required_argument, NULL, 'c'},
        {"type", required_argument, NULL, 't'},
        {"trust", required_argument, NULL, OPTION_TRUST},
        {"sign-with", required_argument, NULL, OPTION_SIGN_WITH},
        {"tlp", required_argument, NULL, OPTION_TLP},
        {"older-than", required_argument, NULL, OPTION_OLDER_THAN},
        {NULL, 0, NULL, 0},
    };
    /* export's --format names a document format, checked below. */
    cli->args.own_formats = action == EXPORT;
    int option;
    while ((option = cli_getopt(&cli->args, argc, argv, "s:c:t:", longs)) != -1) {
        switch (option) {
        case 's': cli->source = optarg; break;
        case OPTION_TRUST: cli->trust = optarg; break;
        case OPTION_SIGN_WITH: cli->sign_with = optarg; break;
        case OPTION_TLP: cli->tlp = optarg; break;
        case OPTION_OLDER_THAN:
            if (!parse_days(optarg, &cli->older_than))
                return usage_error(_("--older-than: '%s' is not a number of days such as 90d"),
                                   optarg);
            break;
        case 'c': cli->campaign = optarg; break;
        case 't':
            if (!ob_ioc_type_parse(optarg, &cli->type))
                return usage_error(_("unknown indicator type '%s'"), optarg);
            cli->any_type = false;
            break;
        }
    }
    int status = cli_args_finish(&cli->args, cli_cmd_ioc_help);
    if (status >= 0)
        return status;
    if (name == NULL)
        return usage_error(_("give an action: import, list, stats, remove or export"));
    if (action == ACTION_COUNT)
        return usage_error(_("unknown action '%s'; actions are import, list, stats, remove, "
                             "export, bundle"),
                           name);
    if (action == IMPORT && optind >= argc)
        return usage_error(_("import needs at least one file or folder"));
    bool create = action == BUNDLE && optind < argc && strcmp(argv[optind], "create") == 0;
    bool extract = action == BUNDLE && optind < argc && strcmp(argv[optind], "extract") == 0;
    if (action == BUNDLE && !create && !extract)
        return usage_error(_("give 'bundle create PATH... -o BUNDLE --sign-with KEYFILE' or "
                             "'bundle extract BUNDLE -o DIR --trust KEYFILE'"));
    if (cli->trust != NULL && action != IMPORT && !extract)
        return usage_error(_("--trust goes with import or bundle extract"));
    if (cli->trust != NULL && action == IMPORT && argc - optind != 1)
        return usage_error(_("import --trust takes one bundle"));
    if (cli->sign_with != NULL && !create)
        return usage_error(_("--sign-with goes with bundle create"));
    if (create && argc - optind < 2)
        return usage_error(_("bundle create needs at least one file or folder"));
    if (create && cli->args.output_path == NULL)
        return usage_error(_("bundle create needs -o BUNDLE, the file to write"));
    if (create && cli->sign_with == NULL)
        return usage_error(_("bundle create needs --sign-with KEYFILE, the secret key to sign "
                             "with"));
    if (extract && argc - optind != 2)
        return usage_error(_("bundle extract takes one bundle"));
    if (extract && cli->args.output_path == NULL)
        return usage_error(_("bundle extract needs -o DIR, a new folder to write into"));
    if (extract && cli->trust == NULL)
        return usage_error(_("bundle extract needs --trust KEYFILE, the key the bundle must be "
                             "signed with"));
    if (action != IMPORT && action != BUNDLE && optind < argc)
        /* TRANSLATORS: %s is an action: list, stats, remove or export. */
        return usage_error(_("%s takes no file arguments"), actions[action]);
    if (cli->tlp != NULL && action != EXPORT)
        return usage_error(_("--tlp goes with export"));
    if (cli->older_than > 0 && action != LIST)
        return usage_error(_("--older-than goes with list"));
    if (cli->campaign != NULL && action != IMPORT && action != LIST && action != EXPORT)
        /* TRANSLATORS: %s is an action: stats, remove or bundle. */
        return usage_error(_("--campaign does not go with %s"), actions[action]);
    if (action == IMPORT && cli->trust != NULL && cli->campaign != NULL)
        return usage_error(_("--campaign does not go with import --trust: a signed bundle keeps "
                             "the campaigns its signer gave"));
    if (action == REMOVE && cli->source == NULL)
        return usage_error(_("remove needs --source NAME (see 'oberig ioc stats')"));
    const char *format_name = cli->args.format_name;
    if (action == EXPORT && format_name == NULL)
        return usage_error(_("export needs --format stix, misp or csv"));
    if (action == EXPORT && strcmp(format_name, "stix") == 0)
        *format = OB_IOC_EXPORT_STIX;
    else if (action == EXPORT && strcmp(format_name, "misp") == 0)
        *format = OB_IOC_EXPORT_MISP;
    else if (action == EXPORT && strcmp(format_name, "csv") == 0)
        *format = OB_IOC_EXPORT_CSV;
    else if (action == EXPORT)
        return usage_error(_("--format: '%s' is not stix, misp or csv"), format_name);
    return -1; /* go on */
}

int cli_cmd_ioc(int argc, char **argv)
{
    struct ioc_cli cli = {.any_type = true};
    cli_args_init(&cli.args, "ioc", OB_CLI_DB | OB_CLI_FORMAT | OB_CLI_OUTPUT | OB_CLI_VERBOSE);
    /* The options follow the action, which getopt then sees as argv[0];
     * without an action (oberig ioc --help), they follow "ioc". */
    const char *name = argc >= 2 && argv[1][0] != '-' ? argv[1] : NULL;
    int action = 0;
    while (name != NULL && action < ACTION_COUNT && strcmp(name, actions[action]) != 0)
        action++;
    int shift = name != NULL ? 1 : 0;
    enum ob_ioc_export_format format = OB_IOC_EXPORT_STIX;
    int exit_status = parse_options(&cli, name, action, argc - shift, argv + shift, &format);
    if (exit_status >= 0)
        return exit_status;
    int rest = argc - shift - optind;
    char **operands = argv + shift + optind;
    struct ob_context *ctx = ob_context_new(cli_log, &cli.args.log);
    struct ob_ioc_store *store = NULL;
    struct ob_output *output = NULL;
    struct ob_ioc_bundle *bundle = NULL;
    exit_status = OB_EXIT_ERROR;
    if (ctx == NULL) {
        cli_fail("ioc", NULL, OB_ERR_NOMEM);
        goto out;
    }
    /* A bundle is verified before anything else is done: a refused one
     * leaves no store, folder or output behind. */
    bool extract = action == BUNDLE && strcmp(operands[0], "extract") == 0;
    if (cli.trust != NULL) {
        enum ob_status status = ob_ioc_bundle_open(ctx, extract ? operands[1] : operands[0],
                                                   cli.trust, &bundle);
        if (status != OB_OK) {
            cli_fail("ioc", ctx, status);
            cli_error("ioc", extract ? _("nothing was extracted") : _("nothing was imported"));
            goto out;
        }
    }
    /* -o names the bundle to write, which the signing writes itself, or
     * the folder to extract into. */
    const char *bundle_path = action == BUNDLE ? cli.args.output_path : NULL;
    if (action == BUNDLE)
        cli.args.output_path = NULL;
    else if (!cli_store_open(ctx, &cli.args,
                             action == IMPORT ? OB_CLI_STORE_CREATE : OB_CLI_STORE_READ, &store))
        goto out;
    output = cli_output_open(&cli.args, false);
    if (output == NULL)
        goto out;
    switch (action) {
    case IMPORT: exit_status = run_import(&cli, ctx, store, output, rest, operands, bundle); break;
    case LIST:
        exit_status = run_list(&cli, ctx, store, output, cli.args.format == OB_FORMAT_HUMAN);
        break;
    case STATS: exit_status = run_stats(ctx, store, output); break;
    case REMOVE: exit_status = run_remove(&cli, ctx, store, output); break;
    case BUNDLE:
        if (extract)
            exit_status = run_extract(ctx, bundle, bundle_path, output);
        else
            exit_status = run_bundle(ctx, cli.sign_with, bundle_path, output, rest - 1,
                                     operands + 1);
        break;
    default: exit_status = run_export(&cli, ctx, store, output, format); break;
    }
out:
    if (!cli_output_close(output))
        exit_status = OB_EXIT_ERROR;
    ob_ioc_store_free(store);
    ob_ioc_bundle_free(bundle);
    cli_log_finish(&cli.args.log);
    ob_context_free(ctx);
    return exit_status;
}
