/* SPDX-License-Identifier: Apache-2.0 */
/* oberig ioc: import, list, count, remove and export the indicators kept
 * in the local store. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/json.h"
#include "oberig/ioc.h"

void ob_cmd_ioc_help(FILE *out)
{
    fprintf(out,
"usage: oberig ioc <action> [options]\n"
"\n"
"Keeps the indicators of compromise that helplines and researchers publish\n"
"(STIX 2.1 from MVT and Amnesty Tech, MISP events and feeds, signature-base\n"
"lists, CSV) in one local store, with where each came from. 'oberig scan'\n"
"uses the store by default; nothing is fetched from the network.\n"
"\n"
"actions:\n"
"  import PATH...     read files or folders into the store, in one step: a\n"
"                     malformed file imports nothing and says where it broke\n"
"  list               print indicators with their campaign and source\n"
"  stats              count indicators by type, source and campaign\n"
"  remove --source S  remove what source S brought (indicators that other\n"
"                     sources also gave stay, with those sources)\n"
"  export --format F  write the store as stix (a STIX 2.1 bundle), misp\n"
"                     (MISP events, one per campaign) or csv\n"
"\n"
"options:\n"
"      --db PATH        the store (default: $OBERIG_DB, else\n"
"                       $XDG_DATA_HOME/oberig/indicators.db, else\n"
"                       ~/.local/share/oberig/indicators.db)\n"
"  -s, --source NAME    import: name the provenance (default: the name of\n"
"                       the file or folder given); list/export/remove: only\n"
"                       this source\n"
"  -c, --campaign NAME  list/export: only this campaign\n"
"  -t, --type TYPE      list/export: only this type: domain, url, email, ipv4,\n"
"                       ipv6, file-name, file-path, md5, sha1, sha256,\n"
"                       process-name, app-id, app-cert-sha256,\n"
"                       configuration-profile-id, file-path-regex\n"
"  -f, --format FORMAT  import/list/stats: human (default) or jsonl;\n"
"                       export: stix, misp or csv\n"
"  -o, --output FILE    export: write to FILE instead of standard output\n"
"  -v, --verbose        show every warning, not only the first ten\n"
"  -h, --help           show this help\n"
"\n"
"What is imported: STIX indicators with pattern_type stix (domain-name, url,\n"
"email-addr, ipv4/ipv6-addr, file name/path/hashes, process:name, app:id,\n"
"app:cert.sha256, configuration-profile:id), with the name of the malware\n"
"they indicate as campaign; MISP attributes marked for detection (to_ids),\n"
"with the event's info as campaign; indicators.yaml entries whose file is\n"
"here, with the entry's name as campaign. Anything else is counted and\n"
"listed, never dropped silently.\n"
"\n"
"exit status: 0 success, 2 usage error or a file that could not be imported\n"
"\n"
"examples:\n"
"  oberig ioc import ~/mvt-indicators\n"
"  oberig ioc import --source civicert misp-feed/\n"
"  oberig ioc list --campaign 'Predator Spyware Indicators of Compromise'\n"
"  oberig ioc export --format stix -o indicators.stix2\n");
}

struct ioc_cli {
    const char *db;
    const char *source;
    const char *campaign;
    const char *output;
    bool any_type;
    enum ob_ioc_type type;
    const char *format;
    struct ob_cli_log log;
};

static int fail(struct ob_context *ctx, enum ob_status status)
{
    fputs("oberig: ", stderr);
    const char *detail = ob_context_last_error(ctx);
    ob_put_safe(stderr, detail[0] != '\0' ? detail : ob_strerror(status));
    fputc('\n', stderr);
    return OB_EXIT_ERROR;
}

/* Opens the store; `create` for import. A missing store for reading is
 * reported by *missing, not as an error: it simply holds nothing yet. */
static enum ob_status open_store(struct ioc_cli *cli, struct ob_context *ctx, bool create,
                                 struct ob_ioc_store **store, bool *missing)
{
    char *fallback = NULL;
    const char *path = cli->db;
    if (path == NULL && (path = fallback = ob_ioc_store_default_path()) == NULL)
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT,
                               "no place for the indicator store: set HOME, XDG_DATA_HOME, "
                               "OBERIG_DB or use --db");
    enum ob_status status = ob_ioc_store_open(ctx, path, create, store);
    if (status == OB_ERR_NOT_FOUND && !create && missing != NULL) {
        *missing = true;
        fputs("oberig: no indicator store yet at '", stderr);
        ob_put_safe(stderr, path);
        fputs("'; add indicators with 'oberig ioc import'\n", stderr);
        status = OB_OK;
    }
    free(fallback);
    return status;
}

static bool jsonl(const struct ioc_cli *cli)
{
    return cli->format != NULL && strcmp(cli->format, "jsonl") == 0;
}

/* Starts a JSON line: an object whose first member is "type". */
static void begin_line(struct ob_buffer *line, struct ob_json *json, size_t cap, const char *type)
{
    ob_buffer_init(line, cap);
    ob_json_init(json, line);
    ob_json_object_begin(json, NULL);
    ob_json_cstring(json, "type", type);
}

static void print_json(struct ob_json *json, struct ob_buffer *line)
{
    if (json->status == OB_OK) {
        fwrite(line->data, 1, line->length, stdout);
        fputc('\n', stdout);
    }
    ob_buffer_release(line);
}

/* ---- import ------------------------------------------------------------------ */

static int run_import(struct ioc_cli *cli, struct ob_context *ctx, int count, char **paths)
{
    if (count == 0) {
        fprintf(stderr, "oberig: ioc import needs at least one file or folder\n");
        return OB_EXIT_ERROR;
    }
    struct ob_ioc_store *store = NULL;
    enum ob_status status = open_store(cli, ctx, true, &store, NULL);
    if (status != OB_OK)
        return fail(ctx, status);
    struct ob_ioc_import_report report = {0};
    struct ob_ioc_import_options options = {.source = cli->source};
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    status = ob_ioc_import(store, ctx, (const char *const *)paths, (size_t)count, &options,
                           &report);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    int exit_status = OB_EXIT_CLEAN;
    if (status != OB_OK) {
        exit_status = fail(ctx, status);
        fprintf(stderr, "oberig: nothing was imported\n");
        goto out;
    }
    if (jsonl(cli)) {
        struct ob_buffer line;
        struct ob_json json;
        begin_line(&line, &json, 1 << 24, "import");
        ob_json_uint(&json, "files", report.files);
        ob_json_uint(&json, "records", report.records);
        ob_json_uint(&json, "added", report.added);
        ob_json_uint(&json, "provenances", report.provenances);
        ob_json_uint(&json, "unsupported", report.unsupported);
        ob_json_uint(&json, "invalid", report.invalid);
        ob_json_uint(&json, "skipped", report.skipped);
        ob_json_uint(&json, "missing_files", report.missing_files);
        ob_json_uint(&json, "ignored_files", report.ignored_files);
        ob_json_object_begin(&json, "by_type");
        for (int type = 0; type < OB_IOC_TYPE_COUNT; type++)
            if (report.by_type[type] > 0)
                ob_json_uint(&json, ob_ioc_type_name(type), report.by_type[type]);
        ob_json_object_end(&json);
        ob_json_array_begin(&json, "notes");
        for (size_t i = 0; i < report.note_count; i++)
            ob_json_cstring(&json, NULL, report.notes[i]);
        ob_json_array_end(&json);
        ob_json_double(&json, "seconds", seconds);
        ob_json_object_end(&json);
        print_json(&json, &line);
        goto out;
    }
    printf("imported %zu indicator records from %zu files in %.2f s: %zu new, %zu already "
           "known\n",
           report.records, report.files, seconds, report.added, report.records - report.added);
    for (int type = 0; type < OB_IOC_TYPE_COUNT; type++)
        if (report.by_type[type] > 0)
            printf("  %-26s %zu\n", ob_ioc_type_name(type), report.by_type[type]);
    if (report.unsupported > 0)
        printf("not imported, of a kind oberig does not use: %zu\n", report.unsupported);
    if (report.invalid > 0)
        printf("not imported, value not valid for its type: %zu (see warnings)\n",
               report.invalid);
    if (report.skipped > 0)
        printf("left out, not marked for detection (MISP to_ids false): %zu\n", report.skipped);
    if (report.missing_files > 0)
        printf("listed in an index but not here: %zu files\n", report.missing_files);
    if (report.ignored_files > 0)
        printf("files in the folders that are not indicator files: %zu\n", report.ignored_files);
    for (size_t i = 0; i < report.note_count; i++) {
        fputs("  ", stdout);
        ob_put_safe(stdout, report.notes[i]);
        fputc('\n', stdout);
    }
out:
    ob_ioc_import_report_release(&report);
    ob_ioc_store_free(store);
    return exit_status;
}

/* ---- list ------------------------------------------------------------------ */

static enum ob_status print_entry(void *user, const struct ob_ioc_entry *entry)
{
    const struct ioc_cli *cli = user;
    if (jsonl(cli)) {
        struct ob_buffer line;
        struct ob_json json;
        begin_line(&line, &json, 1 << 20, "indicator");
        ob_json_cstring(&json, "indicator_type", ob_ioc_type_name(entry->type));
        ob_json_cstring(&json, "value", entry->value);
        if (entry->value_unicode[0] != '\0')
            ob_json_cstring(&json, "value_unicode", entry->value_unicode);
        ob_json_cstring(&json, "campaign", entry->campaign);
        ob_json_cstring(&json, "description", entry->description);
        ob_json_cstring(&json, "source", entry->source);
        ob_json_cstring(&json, "source_file", entry->source_file);
        if (entry->has_score)
            ob_json_int(&json, "score", entry->score);
        ob_json_int(&json, "first_import", entry->first_import);
        ob_json_int(&json, "last_import", entry->last_import);
        if (entry->exclude[0] != '\0')
            ob_json_cstring(&json, "false_positive_regex", entry->exclude);
        ob_json_object_end(&json);
        print_json(&json, &line);
        return OB_OK;
    }
    printf("%-14s ", ob_ioc_type_name(entry->type));
    ob_put_safe(stdout, entry->value);
    if (entry->value_unicode[0] != '\0') {
        fputs(" (", stdout);
        ob_put_safe(stdout, entry->value_unicode);
        fputc(')', stdout);
    }
    fputs("\n    ", stdout);
    if (entry->campaign[0] != '\0') {
        fputs("campaign: ", stdout);
        ob_put_safe(stdout, entry->campaign);
        fputs("; ", stdout);
    }
    fputs("source: ", stdout);
    ob_put_safe(stdout, entry->source);
    fputs(" (", stdout);
    ob_put_safe(stdout, entry->source_file);
    fputs(")\n", stdout);
    if (entry->description[0] != '\0') {
        fputs("    ", stdout);
        ob_put_safe(stdout, entry->description);
        fputc('\n', stdout);
    }
    if (entry->exclude[0] != '\0') {
        fputs("    not for paths matching: ", stdout);
        ob_put_safe(stdout, entry->exclude);
        fputc('\n', stdout);
    }
    return OB_OK;
}

static struct ob_ioc_filter make_filter(const struct ioc_cli *cli)
{
    return (struct ob_ioc_filter){.any_type = cli->any_type,
                                  .type = cli->type,
                                  .source = cli->source,
                                  .campaign = cli->campaign};
}

static int run_list(struct ioc_cli *cli, struct ob_context *ctx)
{
    struct ob_ioc_store *store = NULL;
    bool missing = false;
    enum ob_status status = open_store(cli, ctx, false, &store, &missing);
    if (status != OB_OK)
        return fail(ctx, status);
    if (missing)
        return OB_EXIT_CLEAN;
    struct ob_ioc_filter filter = make_filter(cli);
    status = ob_ioc_store_foreach(store, ctx, &filter, print_entry, cli);
    ob_ioc_store_free(store);
    return status == OB_OK ? OB_EXIT_CLEAN : fail(ctx, status);
}

/* ---- stats ------------------------------------------------------------------ */

struct stats_print {
    struct ob_json *json; /* NULL for human output */
};

static void print_count(void *user, const struct ob_ioc_count *count)
{
    struct stats_print *print = user;
    if (print->json != NULL) {
        ob_json_uint(print->json, count->key[0] != '\0' ? count->key : "(none)", count->count);
        return;
    }
    printf("  %8" PRIu64 "  ", count->count);
    ob_put_safe(stdout, count->key[0] != '\0' ? count->key : "(no campaign)");
    fputc('\n', stdout);
}

static int run_stats(struct ioc_cli *cli, struct ob_context *ctx)
{
    struct ob_ioc_store *store = NULL;
    bool missing = false;
    enum ob_status status = open_store(cli, ctx, false, &store, &missing);
    if (status != OB_OK)
        return fail(ctx, status);
    uint64_t indicators = 0, provenances = 0;
    if (!missing)
        status = ob_ioc_store_totals(store, ctx, &indicators, &provenances);
    static const char *const groups[] = {"by_type", "by_source", "by_campaign"};
    static const char *const titles[] = {"by type:", "by source:", "by campaign:"};
    struct ob_buffer line;
    struct ob_json json;
    struct stats_print print = {.json = jsonl(cli) ? &json : NULL};
    if (print.json != NULL) {
        begin_line(&line, &json, 1 << 24, "stats");
        ob_json_uint(&json, "indicators", indicators);
        ob_json_uint(&json, "provenances", provenances);
    } else {
        printf("%" PRIu64 " indicators, %" PRIu64 " provenances\n", indicators, provenances);
    }
    for (int by = 0; status == OB_OK && by < 3; by++) {
        if (print.json != NULL)
            ob_json_object_begin(&json, groups[by]);
        else
            printf("%s\n", titles[by]);
        if (!missing)
            status = ob_ioc_store_count(store, ctx, (enum ob_ioc_count_by)by, print_count,
                                        &print);
        if (print.json != NULL)
            ob_json_object_end(&json);
    }
    if (print.json != NULL) {
        ob_json_object_end(&json);
        if (status == OB_OK)
            print_json(&json, &line);
        else
            ob_buffer_release(&line);
    }
    ob_ioc_store_free(store);
    return status == OB_OK ? OB_EXIT_CLEAN : fail(ctx, status);
}

/* ---- remove and export ------------------------------------------------------ */

static int run_remove(struct ioc_cli *cli, struct ob_context *ctx)
{
    if (cli->source == NULL) {
        fprintf(stderr, "oberig: ioc remove needs --source NAME (see 'oberig ioc stats')\n");
        return OB_EXIT_ERROR;
    }
    struct ob_ioc_store *store = NULL;
    bool missing = false;
    enum ob_status status = open_store(cli, ctx, false, &store, &missing);
    if (status != OB_OK)
        return fail(ctx, status);
    if (missing)
        return OB_EXIT_CLEAN;
    uint64_t removed = 0;
    status = ob_ioc_store_remove_source(store, ctx, cli->source, &removed);
    ob_ioc_store_free(store);
    if (status != OB_OK)
        return fail(ctx, status);
    fputs("removed source '", stdout);
    ob_put_safe(stdout, cli->source);
    printf("': %" PRIu64 " indicators had no other source and are gone\n", removed);
    return OB_EXIT_CLEAN;
}

static int run_export(struct ioc_cli *cli, struct ob_context *ctx)
{
    enum ob_ioc_export_format format;
    if (cli->format == NULL) {
        fprintf(stderr, "oberig: ioc export needs --format stix, misp or csv\n");
        return OB_EXIT_ERROR;
    } else if (strcmp(cli->format, "stix") == 0) {
        format = OB_IOC_EXPORT_STIX;
    } else if (strcmp(cli->format, "misp") == 0) {
        format = OB_IOC_EXPORT_MISP;
    } else if (strcmp(cli->format, "csv") == 0) {
        format = OB_IOC_EXPORT_CSV;
    } else {
        fprintf(stderr, "oberig: export format must be stix, misp or csv\n");
        return OB_EXIT_ERROR;
    }
    struct ob_ioc_store *store = NULL;
    bool missing = false;
    /* A store that does not exist yet exports as a valid, empty document. */
    enum ob_status status = open_store(cli, ctx, false, &store, &missing);
    if (status != OB_OK)
        return fail(ctx, status);
    FILE *out = stdout;
    if (cli->output != NULL && (out = fopen(cli->output, "w")) == NULL) {
        ob_ioc_store_free(store);
        fprintf(stderr, "oberig: cannot write '%s'\n", cli->output);
        return OB_EXIT_ERROR;
    }
    struct ob_ioc_filter filter = make_filter(cli);
    status = ob_ioc_export(store, ctx, &filter, format, out);
    if (fflush(out) != 0 && status == OB_OK)
        status = ob_context_fail(ctx, OB_ERR_IO, "cannot write the export");
    if (out != stdout)
        fclose(out);
    ob_ioc_store_free(store);
    return status == OB_OK ? OB_EXIT_CLEAN : fail(ctx, status);
}

int ob_cmd_ioc(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"db", required_argument, NULL, 'D'},      {"source", required_argument, NULL, 's'},
        {"campaign", required_argument, NULL, 'c'}, {"type", required_argument, NULL, 't'},
        {"format", required_argument, NULL, 'f'},   {"output", required_argument, NULL, 'o'},
        {"verbose", no_argument, NULL, 'v'},        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        ob_cmd_ioc_help(argc < 2 ? stderr : stdout);
        return argc < 2 ? OB_EXIT_ERROR : OB_EXIT_CLEAN;
    }
    const char *action = argv[1];
    struct ioc_cli cli = {.any_type = true};
    optind = 1;
    int option;
    while ((option = getopt_long(argc - 1, argv + 1, "s:c:t:f:o:vh", long_options, NULL)) != -1) {
        switch (option) {
        case 'D': cli.db = optarg; break;
        case 's': cli.source = optarg; break;
        case 'c': cli.campaign = optarg; break;
        case 'f': cli.format = optarg; break;
        case 'o': cli.output = optarg; break;
        case 'v': cli.log.verbose = true; break;
        case 't':
            if (!ob_ioc_type_parse(optarg, &cli.type)) {
                fprintf(stderr, "oberig: unknown indicator type '%s'; see 'oberig ioc --help'\n",
                        optarg);
                return OB_EXIT_ERROR;
            }
            cli.any_type = false;
            break;
        case 'h': ob_cmd_ioc_help(stdout); return OB_EXIT_CLEAN;
        default:
            fprintf(stderr, "run 'oberig ioc --help' for the options\n");
            return OB_EXIT_ERROR;
        }
    }
    bool exporting = strcmp(action, "export") == 0;
    if (!exporting && cli.format != NULL && strcmp(cli.format, "human") != 0 && !jsonl(&cli)) {
        fprintf(stderr, "oberig: --format must be human or jsonl for '%s'\n", action);
        return OB_EXIT_ERROR;
    }
    int rest = argc - 1 - optind;
    char **operands = argv + 1 + optind;
    if (strcmp(action, "import") != 0 && rest > 0) {
        fprintf(stderr, "oberig: ioc %s takes no file arguments\n", action);
        return OB_EXIT_ERROR;
    }
    struct ob_context *ctx = ob_context_new(ob_cli_log, &cli.log);
    if (ctx == NULL) {
        fprintf(stderr, "oberig: out of memory\n");
        return OB_EXIT_ERROR;
    }
    int exit_status;
    if (strcmp(action, "import") == 0) {
        exit_status = run_import(&cli, ctx, rest, operands);
    } else if (strcmp(action, "list") == 0) {
        exit_status = run_list(&cli, ctx);
    } else if (strcmp(action, "stats") == 0) {
        exit_status = run_stats(&cli, ctx);
    } else if (strcmp(action, "remove") == 0) {
        exit_status = run_remove(&cli, ctx);
    } else if (exporting) {
        exit_status = run_export(&cli, ctx);
    } else {
        fprintf(stderr, "oberig: unknown ioc action '%s'; actions are import, list, stats, "
                        "remove, export\n",
                action);
        exit_status = OB_EXIT_ERROR;
    }
    ob_cli_log_finish(&cli.log);
    ob_context_free(ctx);
    return exit_status;
}
