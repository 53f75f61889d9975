/* SPDX-License-Identifier: Apache-2.0 */
/* oberig mail: triage of suspicious messages, with a verdict, the reasons
 * in plain words, indicators to share and advice, per message. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/array.h"
#include "core/i18n.h"
#include "oberig/ioc.h"
#include "oberig/mail.h"

void cli_cmd_mail_help(FILE *out)
{
    fprintf(out,
            _("usage: oberig mail [options] PATH...\n"
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
              "      --no-store         do not use the indicator store (its indicators and\n"
              "                         YARA rules)\n"
              "      --no-cache         do not read or keep compiled rules in the cache\n"
              "                         folder ($XDG_CACHE_HOME/oberig, else ~/.cache/oberig)\n"
              "  -r, --rules PATH       YARA rules for the attachments (file or folder;\n"
              "                         repeatable)\n"
              "  -i, --iocs DIR         signature-base IOC lists for the attachments\n"
              "      --brands FILE      more brands to protect, one per line:\n"
              "                         'Name | Other Name: domain1 domain2'\n"
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
              "\n"
              "export (the indicators to share of the messages found SUSPICIOUS or PHISHING,\n"
              "each with its message's subject and date; a brand's own sites, CDNs, tracking\n"
              "hosts and the recipients' addresses are left out):\n"
              "      --export FORMAT    misp (one MISP event) or stix (one STIX 2.1 bundle),\n"
              "                         which 'oberig ioc import' reads back\n"
              "      --export-file FILE write the export to FILE (default: standard output,\n"
              "                         instead of the results)\n"
              "      --tlp LEVEL        its TLP marking: clear, green, amber (default),\n"
              "                         amber+strict or red\n"),
            OB_MAIL_DEFAULT_SUSPICIOUS, OB_MAIL_DEFAULT_PHISHING);
    cli_help_every(out, 22);
    fputs(_("\n"
            "exit status: 0 no message reached SUSPICIOUS, 1 at least one did,\n"
            "             2 usage or fatal error\n"
            "\n"
            "examples:\n"
            "  oberig mail ~/Downloads/suspicious.eml\n"
            "  oberig mail --format jsonl ~/Mail/Inbox > triage.jsonl\n"
            "  oberig mail --export misp --export-file event.json ~/Mail/Suspicious\n"
            "  xclip -o | oberig mail -\n"),
          out);
}

/* The indicators kept for --export, each string owned. */
struct mail_export {
    enum ob_ioc_export_format format;
    const char *format_name; /* NULL: no export */
    const char *path;        /* NULL: standard output */
    const char *tlp;
    struct ob_ioc_entry *entries;
    size_t count, capacity;
    int64_t now;
    bool failed; /* out of memory: the export would be incomplete */
};

struct mail_run {
    struct ob_output *output; /* NULL: results not written (the export is) */
    struct mail_export *export;
};

#define EXPORT_ENTRIES_MAX ((size_t)1 << 22)

static enum ob_ioc_type export_type(const struct ob_mail_indicator *indicator, const char *value)
{
    if (strcmp(indicator->kind, "domain") == 0)
        return OB_IOC_DOMAIN;
    if (strcmp(indicator->kind, "url") == 0)
        return OB_IOC_URL;
    if (strcmp(indicator->kind, "ip") == 0)
        return strchr(value, ':') != NULL ? OB_IOC_IPV6 : OB_IOC_IPV4;
    if (strcmp(indicator->kind, "attachment") == 0)
        return OB_IOC_SHA256;
    return OB_IOC_EMAIL;
}

/* Keeps one indicator of a message for the export: the punycode form when
 * there is one (the form other tools match), described by the message's
 * subject and date, and the value as written or the attachment's name. */
static void export_add(struct mail_export *export, const struct ob_mail_result *result,
                       const struct ob_mail_indicator *indicator)
{
    bool attachment = strcmp(indicator->kind, "attachment") == 0;
    if (attachment && indicator->sha256 == NULL)
        return;
    char value[4096], date[32] = "", description[8192];
    snprintf(value, sizeof(value), "%s",
             attachment                 ? indicator->sha256
             : indicator->ascii != NULL ? indicator->ascii
                                        : indicator->value);
    if (strcmp(indicator->kind, "ip") == 0 && value[0] == '[') {
        memmove(value, value + 1, strlen(value));
        value[strcspn(value, "]")] = '\0';
    }
    if (result->date != 0)
        cli_iso_time(result->date, date, sizeof(date));
    /* Machine-read fields of a shared document: the header names stay
     * English whatever the language of messages. */
    snprintf(description, sizeof(description), "oberig mail %s%s%s; Subject: %s; Date: %s%s%s",
             indicator->kind, attachment ? " " : "", attachment ? indicator->value : "",
             result->subject_to_share, date[0] != '\0' ? date : "-",
             indicator->ascii != NULL ? "; as written: " : "",
             indicator->ascii != NULL ? indicator->value : "");
    if (core_array_grow((void **)&export->entries, &export->capacity, export->count + 1,
                        sizeof(*export->entries), 64, EXPORT_ENTRIES_MAX) != OB_OK) {
        export->failed = true;
        return;
    }
    struct ob_ioc_entry entry = {
        .type = export_type(indicator, value),
        .value = strdup(value),
        .value_unicode = "",
        .campaign = "",
        .description = strdup(description),
        .source = "oberig mail",
        .source_file = "",
        .first_import = export->now,
        .last_import = export->now,
        .exclude = "",
        .signer = "",
    };
    if (entry.value == NULL || entry.description == NULL) {
        free((char *)entry.value);
        free((char *)entry.description);
        export->failed = true;
        return;
    }
    export->entries[export->count++] = entry;
}

static void export_release(struct mail_export *export)
{
    for (size_t i = 0; i < export->count; i++) {
        free((char *)export->entries[i].value);
        free((char *)export->entries[i].description);
    }
    free(export->entries);
}

/* Writes the export; false (reported) when it could not be written. */
static bool export_write(struct mail_export *export, struct ob_context *ctx)
{
    if (export->failed) {
        cli_fail("mail", NULL, OB_ERR_NOMEM);
        return false;
    }
    FILE *out = export->path != NULL ? fopen(export->path, "we") : stdout;
    if (out == NULL) {
        cli_error("mail", _("cannot write '%s': %s"), export->path, strerror(errno));
        return false;
    }
    enum ob_status status = ob_ioc_export_entries(ctx, export->entries, export->count,
                                                  export->format, export->tlp, out);
    if (status != OB_OK)
        cli_fail("mail", ctx, status);
    if (out != stdout && fclose(out) != 0 && status == OB_OK) {
        cli_error("mail", _("cannot write '%s': %s"), export->path, strerror(errno));
        return false;
    }
    return status == OB_OK;
}

static void on_result(void *user, const struct ob_mail_result *result)
{
    struct mail_run *run = user;
    if (run->output != NULL)
        cli_output_mail_result(run->output, result);
    if (run->export->format_name == NULL || result->verdict == OB_MAIL_CLEAN)
        return;
    for (size_t i = 0; i < result->indicator_count; i++)
        if (result->indicators[i].context == NULL)
            export_add(run->export, result, &result->indicators[i]);
}

enum { OPT_BRANDS = 256, OPT_SUSPICIOUS, OPT_PHISHING, OPT_EXPORT, OPT_EXPORT_FILE, OPT_TLP };

#define usage_error(...) cli_usage_error("mail", __VA_ARGS__)

/* Returns an exit status, or -1 to go on. */
static int parse_options(struct ob_cli_args *args, struct ob_mail_options *options,
                         struct mail_export *export, int argc, char **argv)
{
    static const struct option longs[] = {
        {"brands", required_argument, NULL, OPT_BRANDS},
        {"export", required_argument, NULL, OPT_EXPORT},
        {"export-file", required_argument, NULL, OPT_EXPORT_FILE},
        {"tlp", required_argument, NULL, OPT_TLP},
        {"suspicious", required_argument, NULL, OPT_SUSPICIOUS},
        {"phishing", required_argument, NULL, OPT_PHISHING},
        {NULL, 0, NULL, 0},
    };
    int option;
    long score;
    while ((option = cli_getopt(args, argc, argv, "", longs)) != -1) {
        switch (option) {
        case OPT_BRANDS: options->brands_file = optarg; break;
        case OPT_EXPORT: export->format_name = optarg; break;
        case OPT_EXPORT_FILE: export->path = optarg; break;
        case OPT_TLP: export->tlp = optarg; break;
        case OPT_SUSPICIOUS:
        case OPT_PHISHING:
            if (!cli_parse_long(optarg, 1, 100000, &score))
                return usage_error(option == OPT_SUSPICIOUS
                                       ? _("--suspicious: '%s' is not a whole number from 1 to "
                                           "100000")
                                       : _("--phishing: '%s' is not a whole number from 1 to "
                                           "100000"),
                                   optarg);
            *(option == OPT_SUSPICIOUS ? &options->suspicious_score
                                       : &options->phishing_score) = (int)score;
            break;
        }
    }
    int status = cli_args_finish(args, cli_cmd_mail_help);
    if (status >= 0)
        return status;
    if (optind >= argc)
        return usage_error(_("give at least one message, mbox, Maildir or -"));
    if (options->suspicious_score > options->phishing_score)
        return usage_error(_("--suspicious must not be above --phishing"));
    if (export->format_name != NULL && strcmp(export->format_name, "misp") == 0)
        export->format = OB_IOC_EXPORT_MISP;
    else if (export->format_name != NULL && strcmp(export->format_name, "stix") == 0)
        export->format = OB_IOC_EXPORT_STIX;
    else if (export->format_name != NULL)
        return usage_error(_("--export: '%s' is not misp or stix"), export->format_name);
    if (export->format_name == NULL && (export->path != NULL || export->tlp != NULL))
        return usage_error(_("--export-file and --tlp go with --export misp or stix"));
    if (export->tlp == NULL)
        export->tlp = "amber";
    return -1; /* go on */
}

int cli_cmd_mail(int argc, char **argv)
{
    struct ob_cli_args args;
    cli_args_init(&args, "mail",
                  OB_CLI_SOURCES | OB_CLI_FORMAT | OB_CLI_OUTPUT | OB_CLI_COLOR | OB_CLI_VERBOSE);
    struct ob_mail_options options;
    ob_mail_options_init(&options);
    struct mail_export export = {.now = (int64_t)time(NULL)};
    int exit_status = parse_options(&args, &options, &export, argc, argv);
    if (exit_status >= 0)
        return exit_status;
    exit_status = OB_EXIT_ERROR;
    struct ob_context *ctx = ob_context_new(cli_log, &args.log);
    struct ob_cli_sources sources = {0};
    struct ob_output *output = NULL;
    struct ob_mail *mail = NULL;
    if (ctx == NULL) {
        cli_fail("mail", NULL, OB_ERR_NOMEM);
        goto out;
    }
    if (!cli_sources_load(&sources, ctx, &args, OB_CLI_LOAD_LOOKUP))
        goto out;
    options.lookup = sources.lookup;
    options.rules = sources.rules;
    options.iocs = sources.iocs;
    output = cli_output_open(&args, false);
    if (output == NULL)
        goto out;
    cli_output_set_sources(output, &sources);
    enum ob_status status = ob_mail_new(ctx, &options, &mail);
    if (status != OB_OK) {
        cli_fail("mail", ctx, status);
        goto out;
    }
    /* An export to standard output takes the place of the results there. */
    bool results = export.format_name == NULL || export.path != NULL || args.output_path != NULL;
    struct mail_run run = {.output = results ? output : NULL, .export = &export};
    bool failed = false;
    for (int i = optind; i < argc; i++) {
        status = ob_mail_triage_path(mail, argv[i], on_result, &run);
        if (status == OB_ERR_NOT_FOUND) {
            cli_fail("mail", ctx, status);
            failed = true;
        } else if (status != OB_OK) {
            cli_error("mail", "%s", ob_strerror(status));
            failed = true;
            break;
        }
    }
    struct ob_mail_stats stats;
    ob_mail_stats(mail, &stats);
    if (results)
        cli_output_mail_summary(output, &stats);
    if (export.format_name != NULL && !export_write(&export, ctx))
        failed = true;
    if (failed)
        exit_status = OB_EXIT_ERROR;
    else if (ob_mail_stats_nothing_read(&stats)) {
        cli_error("mail", _("nothing could be read, so nothing was checked"));
        exit_status = OB_EXIT_ERROR;
    } else if (stats.verdicts[OB_MAIL_SUSPICIOUS] + stats.verdicts[OB_MAIL_PHISHING] > 0)
        exit_status = OB_EXIT_FOUND;
    else
        exit_status = OB_EXIT_CLEAN;
    cli_log_finish(&args.log);
out:
    ob_mail_free(mail);
    if (!cli_output_close(output))
        exit_status = OB_EXIT_ERROR;
    cli_sources_release(&sources);
    export_release(&export);
    ob_context_free(ctx);
    return exit_status;
}
