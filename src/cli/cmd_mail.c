/* SPDX-License-Identifier: Apache-2.0 */
/* oberig mail: triage of suspicious messages, with a verdict, the reasons
 * in plain words, indicators to share and advice, per message. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/i18n.h"
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
              "      --no-store         do not use the indicator store\n"
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
              "  -v, --verbose          also list the evidence of every reason\n"),
            OB_MAIL_DEFAULT_SUSPICIOUS, OB_MAIL_DEFAULT_PHISHING);
    cli_help_every(out, 22);
    fputs(_("\n"
            "exit status: 0 no message reached SUSPICIOUS, 1 at least one did,\n"
            "             2 usage or fatal error\n"
            "\n"
            "examples:\n"
            "  oberig mail ~/Downloads/suspicious.eml\n"
            "  oberig mail --format jsonl ~/Mail/Inbox > triage.jsonl\n"
            "  xclip -o | oberig mail -\n"),
          out);
}

static void on_result(void *user, const struct ob_mail_result *result)
{
    cli_output_mail_result(user, result);
}

enum { OPT_BRANDS = 256, OPT_SUSPICIOUS, OPT_PHISHING };

#define usage_error(...) cli_usage_error("mail", __VA_ARGS__)

/* Returns an exit status, or -1 to go on. */
static int parse_options(struct ob_cli_args *args, struct ob_mail_options *options, int argc,
                         char **argv)
{
    static const struct option longs[] = {
        {"brands", required_argument, NULL, OPT_BRANDS},
        {"suspicious", required_argument, NULL, OPT_SUSPICIOUS},
        {"phishing", required_argument, NULL, OPT_PHISHING},
        {NULL, 0, NULL, 0},
    };
    int option;
    long score;
    while ((option = cli_getopt(args, argc, argv, "", longs)) != -1) {
        switch (option) {
        case OPT_BRANDS: options->brands_file = optarg; break;
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
    return -1; /* go on */
}

int cli_cmd_mail(int argc, char **argv)
{
    struct ob_cli_args args;
    cli_args_init(&args, "mail",
                  OB_CLI_SOURCES | OB_CLI_FORMAT | OB_CLI_OUTPUT | OB_CLI_COLOR | OB_CLI_VERBOSE);
    struct ob_mail_options options;
    ob_mail_options_init(&options);
    int exit_status = parse_options(&args, &options, argc, argv);
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
    enum ob_status status = ob_mail_new(ctx, &options, &mail);
    if (status != OB_OK) {
        cli_fail("mail", ctx, status);
        goto out;
    }
    bool failed = false;
    for (int i = optind; i < argc; i++) {
        status = ob_mail_triage_path(mail, argv[i], on_result, output);
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
    cli_output_mail_summary(output, &stats);
    if (failed)
        exit_status = OB_EXIT_ERROR;
    else if (stats.verdicts[OB_MAIL_SUSPICIOUS] + stats.verdicts[OB_MAIL_PHISHING] > 0)
        exit_status = OB_EXIT_FOUND;
    else
        exit_status = OB_EXIT_CLEAN;
    cli_log_finish(&args.log);
out:
    ob_mail_free(mail);
    if (!cli_output_close(output))
        exit_status = OB_EXIT_ERROR;
    cli_sources_release(&sources);
    ob_context_free(ctx);
    return exit_status;
}
