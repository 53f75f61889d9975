/* SPDX-License-Identifier: Apache-2.0 */
/* oberig mail: triage of suspicious messages, with a verdict, the reasons
 * in plain words, indicators to share and advice, per message. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/json.h"
#include "oberig/ioc.h"
#include "oberig/mail.h"

#define MAX_LIST 256

void ob_cmd_mail_help(FILE *out)
{
    fprintf(out,
"usage: oberig mail [options] PATH...\n"
"\n"
"Reads suspicious e-mail and says, for each message, how likely it is phishing\n"
"and why, in plain words, with the addresses, links and attachment hashes to\n"
"share with a helpline. Nothing is fetched: no link is opened, no sender is\n"
"looked up, nothing leaves this machine.\n"
"\n"
"PATH is an .eml file, an mbox file, a Maildir folder (cur/ and new/), a folder\n"
"of messages, or - for one message on standard input (paste the full source,\n"
"or just its headers). A message someone forwarded to you is opened up: the\n"
"original sender and subject in the forwarded part are checked too.\n"
"\n"
"indicators:\n"
"      --db PATH          the indicator store filled by 'oberig ioc import'\n"
"                         (default: $OBERIG_DB, else ~/.local/share/oberig/\n"
"                         indicators.db): sender, domains, links and\n"
"                         attachment hashes are matched against it\n"
"      --no-store         do not use the indicator store\n"
"  -r, --rules PATH       YARA rules for the attachments (file or folder;\n"
"                         repeatable)\n"
"  -i, --iocs DIR         signature-base IOC lists for the attachments\n"
"      --brands FILE      more brands to protect, one per line:\n"
"                         'Brand Name: domain1 domain2'\n"
"\n"
"scoring (each reason carries a score; a message's score is their sum):\n"
"      --suspicious N     score for SUSPICIOUS (default %d)\n"
"      --phishing N       score for PHISHING (default %d)\n"
"\n"
"output:\n"
"  -f, --format FORMAT    human (default) or jsonl: one JSON object per message\n"
"                         and a closing summary (docs/json-schema.md)\n"
"  -o, --output FILE      write results to FILE instead of standard output\n"
"      --color WHEN       auto (default), always or never\n"
"  -v, --verbose          also list the evidence of every reason\n"
"  -h, --help             show this help\n"
"\n"
"exit status: 0 no message reached SUSPICIOUS, 1 at least one did,\n"
"             2 usage or fatal error\n"
"\n"
"examples:\n"
"  oberig mail ~/Downloads/suspicious.eml\n"
"  oberig mail --format jsonl ~/Mail/Inbox > triage.jsonl\n"
"  xclip -o | oberig mail -\n",
            OB_MAIL_DEFAULT_SUSPICIOUS, OB_MAIL_DEFAULT_PHISHING);
}

struct mail_cli {
    const char *rules[MAX_LIST];
    size_t rule_count;
    const char *iocs[MAX_LIST];
    size_t ioc_count;
    const char *db;
    bool no_store, verbose, color;
    struct ob_cli_log log;
    int color_mode; /* -1 auto, 0 never, 1 always */
    bool jsonl;
    const char *output_path;
    FILE *out;
};

/* ---- output ----------------------------------------------------------------- */

static void print_jsonl(FILE *out, const struct ob_mail_result *result)
{
    struct ob_buffer line;
    struct ob_json json;
    ob_buffer_init(&line, (size_t)8 << 20);
    ob_json_init(&json, &line);
    ob_json_object_begin(&json, NULL);
    ob_json_cstring(&json, "type", "message");
    ob_json_cstring(&json, "source", result->source);
    ob_json_cstring(&json, "message_id", result->message_id);
    ob_json_cstring(&json, "from", result->from);
    ob_json_cstring(&json, "subject", result->subject);
    ob_json_cstring(&json, "verdict", ob_mail_verdict_name(result->verdict));
    ob_json_int(&json, "score", result->score);
    ob_json_array_begin(&json, "reasons");
    for (size_t i = 0; i < result->reason_count; i++) {
        const struct ob_mail_reason *reason = &result->reasons[i];
        ob_json_object_begin(&json, NULL);
        ob_json_cstring(&json, "signal", reason->signal);
        ob_json_int(&json, "score", reason->score);
        ob_json_cstring(&json, "explanation", reason->explanation);
        ob_json_cstring(&json, "evidence", reason->evidence);
        ob_json_object_end(&json);
    }
    ob_json_array_end(&json);
    ob_json_array_begin(&json, "indicators");
    for (size_t i = 0; i < result->indicator_count; i++) {
        const struct ob_mail_indicator *indicator = &result->indicators[i];
        ob_json_object_begin(&json, NULL);
        ob_json_cstring(&json, "kind", indicator->kind);
        ob_json_cstring(&json, "value", indicator->value);
        if (indicator->sha256 != NULL)
            ob_json_cstring(&json, "sha256", indicator->sha256);
        if (indicator->md5 != NULL)
            ob_json_cstring(&json, "md5", indicator->md5);
        ob_json_object_end(&json);
    }
    ob_json_array_end(&json);
    ob_json_cstring(&json, "advice", result->advice);
    ob_json_array_begin(&json, "notices");
    for (size_t i = 0; i < result->notice_count; i++)
        ob_json_cstring(&json, NULL, result->notices[i]);
    ob_json_array_end(&json);
    ob_json_object_end(&json);
    if (json.status == OB_OK) {
        fwrite(line.data, 1, line.length, out);
        fputc('\n', out);
    } else {
        fprintf(out, "{\"type\":\"error\",\"message\":\"output line too large\"}\n");
    }
    ob_buffer_release(&line);
}

static void print_human(const struct mail_cli *cli, const struct ob_mail_result *result)
{
    FILE *out = cli->out;
    static const char *const colors[] = {"\033[32m", "\033[33m", "\033[1;31m"};
    static const char *const labels[] = {"NO SIGNS FOUND", "SUSPICIOUS", "PHISHING"};
    _Static_assert(sizeof(colors) / sizeof(colors[0]) == OB_MAIL_PHISHING + 1 &&
                       sizeof(labels) / sizeof(labels[0]) == OB_MAIL_PHISHING + 1,
                   "one colour and one label per enum ob_mail_verdict");
    const char *on = cli->color ? colors[result->verdict] : "";
    const char *off = cli->color ? "\033[0m" : "";
    const char *dim = cli->color ? "\033[2m" : "";
    fprintf(out, "%s%s%s  score %d  ", on, labels[result->verdict], off, result->score);
    ob_put_safe(out, result->source);
    fputs("\n  from:    ", out);
    ob_put_safe(out, result->from[0] ? result->from : "(none)");
    fputs("\n  subject: ", out);
    ob_put_safe(out, result->subject[0] ? result->subject : "(none)");
    fputc('\n', out);
    if (result->reason_count > 0)
        fputs("  why:\n", out);
    for (size_t i = 0; i < result->reason_count; i++) {
        const struct ob_mail_reason *reason = &result->reasons[i];
        fprintf(out, "  - (%+d) ", reason->score);
        ob_put_safe(out, reason->explanation);
        fputc('\n', out);
        if (cli->verbose && reason->evidence[0] != '\0') {
            fprintf(out, "      %s%s: ", dim, reason->signal);
            ob_put_safe(out, reason->evidence);
            fprintf(out, "%s\n", off);
        }
    }
    bool shown = false;
    for (size_t i = 0; i < result->indicator_count; i++) {
        const struct ob_mail_indicator *indicator = &result->indicators[i];
        if (result->verdict == OB_MAIL_CLEAN && !cli->verbose)
            break;
        if (!shown)
            fputs("  to share with your helpline:\n", out);
        shown = true;
        fprintf(out, "    %-12s ", indicator->kind);
        ob_put_safe(out, indicator->value);
        if (indicator->sha256 != NULL) {
            fputs("  sha256 ", out);
            ob_put_safe(out, indicator->sha256);
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < result->notice_count; i++) {
        fprintf(out, "  %snote: ", dim);
        ob_put_safe(out, result->notices[i]);
        fprintf(out, "%s\n", off);
    }
    fputs("  what to do now: ", out);
    fputs(result->advice, out);
    fputs("\n\n", out);
}

static void on_result(void *user, const struct ob_mail_result *result)
{
    struct mail_cli *cli = user;
    if (cli->jsonl)
        print_jsonl(cli->out, result);
    else
        print_human(cli, result);
}

static void print_summary(const struct mail_cli *cli, const struct ob_mail_stats *stats)
{
    if (cli->jsonl) {
        fprintf(cli->out,
                "{\"type\":\"summary\",\"messages\":%" PRIu64 ",\"phishing\":%" PRIu64
                ",\"suspicious\":%" PRIu64 ",\"no_signs\":%" PRIu64 ",\"errors\":%" PRIu64
                ",\"with_notices\":%" PRIu64 ",\"skipped\":%" PRIu64 ",\"seconds\":%.3f}\n",
                stats->messages, stats->verdicts[OB_MAIL_PHISHING],
                stats->verdicts[OB_MAIL_SUSPICIOUS], stats->verdicts[OB_MAIL_CLEAN],
                stats->errors, stats->notices, stats->skipped, stats->seconds);
        return;
    }
    fprintf(cli->out,
            "summary: %" PRIu64 " messages in %.2f s: %" PRIu64 " phishing, %" PRIu64
            " suspicious, %" PRIu64 " with no signs found; %" PRIu64 " inputs unreadable, %" PRIu64
            " files passed over (not mail)\n",
            stats->messages, stats->seconds, stats->verdicts[OB_MAIL_PHISHING],
            stats->verdicts[OB_MAIL_SUSPICIOUS], stats->verdicts[OB_MAIL_CLEAN], stats->errors,
            stats->skipped);
}

/* ---- indicators --------------------------------------------------------------- */

struct loaded {
    struct ob_rules *rules;
    struct ob_indicators *iocs;
    struct ob_ioc_lookup *lookup;
};

static void loaded_release(struct loaded *loaded)
{
    ob_ioc_lookup_free(loaded->lookup);
    ob_indicators_free(loaded->iocs);
    ob_rules_free(loaded->rules);
}

/* Loads what the options name; false on failure, with *reported telling
 * whether the reason was already printed. */
static bool load(struct mail_cli *cli, struct ob_context *ctx, struct loaded *loaded,
                 bool *reported)
{
    *reported = false;
    if (cli->rule_count > 0) {
        if (ob_rules_new(&loaded->rules) != OB_OK)
            return false;
        for (size_t i = 0; i < cli->rule_count; i++)
            if (ob_rules_add_path(loaded->rules, ctx, cli->rules[i]) != OB_OK)
                return false;
        if (ob_rules_compile(loaded->rules, ctx, false) != OB_OK)
            return false;
    }
    struct ob_ioc_store *store = NULL;
    if (!cli->no_store && !ob_cli_open_store(ctx, cli->db, &store)) {
        *reported = true;
        return false;
    }
    bool ok = true;
    if (store != NULL)
        ok = ob_ioc_lookup_new(store, ctx, &loaded->lookup) == OB_OK;
    if (ok && (cli->ioc_count > 0 || store != NULL)) {
        ok = ob_indicators_new(&loaded->iocs) == OB_OK;
        for (size_t i = 0; ok && i < cli->ioc_count; i++)
            ok = ob_indicators_load_dir(loaded->iocs, ctx, cli->iocs[i]) == OB_OK;
        if (ok && store != NULL)
            ok = ob_ioc_store_load_scan_set(store, ctx, loaded->iocs, NULL) == OB_OK;
        if (ok)
            ok = ob_indicators_finalize(loaded->iocs, ctx) == OB_OK;
    }
    ob_ioc_store_free(store);
    return ok;
}

/* ---- main --------------------------------------------------------------------- */

enum { OPT_DB = 256, OPT_NO_STORE, OPT_BRANDS, OPT_SUSPICIOUS, OPT_PHISHING, OPT_COLOR };

static bool parse_score(const char *text, int *out)
{
    char *end;
    long value = strtol(text, &end, 10);
    if (end == text || *end != '\0' || value < 1 || value > 100000)
        return false;
    *out = (int)value;
    return true;
}

int ob_cmd_mail(int argc, char **argv)
{
    static const struct option longs[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"no-store", no_argument, NULL, OPT_NO_STORE},
        {"rules", required_argument, NULL, 'r'},
        {"iocs", required_argument, NULL, 'i'},
        {"brands", required_argument, NULL, OPT_BRANDS},
        {"suspicious", required_argument, NULL, OPT_SUSPICIOUS},
        {"phishing", required_argument, NULL, OPT_PHISHING},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct mail_cli cli = {.color_mode = OB_CLI_COLOR_AUTO, .out = stdout};
    struct ob_mail_options options;
    ob_mail_options_init(&options);
    optind = 1;
    int option;
    while ((option = getopt_long(argc, argv, "r:i:f:o:vh", longs, NULL)) != -1) {
        switch (option) {
        case 'r':
        case 'i': {
            const char **list = option == 'r' ? cli.rules : cli.iocs;
            size_t *count = option == 'r' ? &cli.rule_count : &cli.ioc_count;
            if (*count == MAX_LIST) {
                fprintf(stderr, "oberig mail: at most %d --rules and --iocs each\n", MAX_LIST);
                return OB_EXIT_ERROR;
            }
            list[(*count)++] = optarg;
            break;
        }
        case OPT_DB: cli.db = optarg; break;
        case OPT_NO_STORE: cli.no_store = true; break;
        case OPT_BRANDS: options.brands_file = optarg; break;
        case OPT_SUSPICIOUS:
        case OPT_PHISHING:
            if (!parse_score(optarg, option == OPT_SUSPICIOUS ? &options.suspicious_score
                                                              : &options.phishing_score)) {
                fprintf(stderr, "oberig mail: a score is a whole number from 1 to 100000\n");
                return OB_EXIT_ERROR;
            }
            break;
        case 'f':
            if (strcmp(optarg, "jsonl") == 0) {
                cli.jsonl = true;
            } else if (strcmp(optarg, "human") != 0) {
                fprintf(stderr, "oberig mail: --format is human or jsonl\n");
                return OB_EXIT_ERROR;
            }
            break;
        case 'o': cli.output_path = optarg; break;
        case OPT_COLOR:
            cli.color_mode = ob_cli_color_mode(optarg);
            if (cli.color_mode < OB_CLI_COLOR_AUTO) {
                fprintf(stderr, "oberig mail: --color is auto, always or never\n");
                return OB_EXIT_ERROR;
            }
            break;
        case 'v': cli.verbose = cli.log.verbose = true; break;
        case 'h': ob_cmd_mail_help(stdout); return OB_EXIT_CLEAN;
        default:
            fprintf(stderr, "run 'oberig mail --help' for the options\n");
            return OB_EXIT_ERROR;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "oberig mail: give at least one message, mbox, Maildir or -\n"
                        "run 'oberig mail --help' for the options\n");
        return OB_EXIT_ERROR;
    }
    if (options.suspicious_score > options.phishing_score) {
        fprintf(stderr, "oberig mail: --suspicious must not be above --phishing\n");
        return OB_EXIT_ERROR;
    }
    struct ob_context *ctx = ob_context_new(ob_cli_log, &cli.log);
    struct loaded loaded = {0};
    struct ob_mail *mail = NULL;
    int exit_status = OB_EXIT_ERROR;
    if (ctx == NULL)
        goto out;
    bool reported;
    if (!load(&cli, ctx, &loaded, &reported)) {
        if (!reported) {
            fputs("oberig mail: ", stderr);
            ob_put_safe(stderr, ob_context_last_error(ctx));
            fputc('\n', stderr);
        }
        goto out;
    }
    options.lookup = loaded.lookup;
    options.rules = loaded.rules;
    options.iocs = loaded.iocs;
    if (cli.output_path != NULL && (cli.out = fopen(cli.output_path, "w")) == NULL) {
        cli.out = stdout;
        fprintf(stderr, "oberig mail: cannot write '%s'\n", cli.output_path);
        goto out;
    }
    cli.color = !cli.jsonl && ob_cli_use_color(cli.color_mode, cli.out);
    if (ob_mail_new(ctx, &options, &mail) != OB_OK) {
        fputs("oberig mail: ", stderr);
        ob_put_safe(stderr, ob_context_last_error(ctx));
        fputc('\n', stderr);
        goto out;
    }
    bool failed = false;
    for (int i = optind; i < argc; i++) {
        enum ob_status status = ob_mail_triage_path(mail, argv[i], on_result, &cli);
        if (status == OB_ERR_NOT_FOUND) {
            fputs("oberig mail: ", stderr);
            ob_put_safe(stderr, ob_context_last_error(ctx));
            fputc('\n', stderr);
            failed = true;
        } else if (status != OB_OK) {
            fprintf(stderr, "oberig mail: %s\n", ob_strerror(status));
            failed = true;
            break;
        }
    }
    struct ob_mail_stats stats;
    ob_mail_stats(mail, &stats);
    print_summary(&cli, &stats);
    if (failed)
        exit_status = OB_EXIT_ERROR;
    else if (stats.verdicts[OB_MAIL_SUSPICIOUS] + stats.verdicts[OB_MAIL_PHISHING] > 0)
        exit_status = OB_EXIT_FOUND;
    else
        exit_status = OB_EXIT_CLEAN;
    ob_cli_log_finish(&cli.log);
out:
    ob_mail_free(mail);
    loaded_release(&loaded);
    if (cli.out != stdout && fclose(cli.out) != 0)
        exit_status = OB_EXIT_ERROR;
    ob_context_free(ctx);
    return exit_status;
}
