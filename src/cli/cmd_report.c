/* SPDX-License-Identifier: Apache-2.0 */
/* oberig report: merge the JSON lines of earlier runs into one report
 * (report.html, report.json, a summary), and export its indicators. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/buffer.h"
#include "core/i18n.h"
#include "oberig/report.h"

#define usage_error(...) cli_usage_error("report", __VA_ARGS__)

void cli_cmd_report_help(FILE *out)
{
    fputs(_("usage: oberig report merge [options] FILE...\n"
            "       oberig report export --format misp|stix [options] REPORT.json\n"
            "\n"
            "merge reads the JSON lines that scan, mail, bootrec, baseline verify and\n"
            "verify-packages write with --format jsonl (FILE '-' is standard input), and\n"
            "writes one report in a new folder: report.html, a page that opens with the\n"
            "answer and that the person and their helpline can read offline or print, and\n"
            "report.json (docs/report-schema.md). A short summary goes to the terminal.\n"
            "\n"
            "export turns a report's indicators (hashes and names of malicious files,\n"
            "senders, domains and URLs of suspicious mail) into a MISP event or a STIX 2.1\n"
            "bundle for sharing, without the person's own data.\n"
            "\n"
            "options:\n"
            "  -o, --output PATH      merge: the folder to write into (default: a new\n"
            "                         folder oberig-report-YYYYMMDD-HHMMSS here);\n"
            "                         export: the file (default: standard output)\n"
            "      --redact           merge: remove user names, home folders and e-mail\n"
            "                         addresses of the person; indicators are kept\n"
            "  -f, --format FORMAT    export: misp or stix\n"
            "      --tlp LEVEL        export: TLP marking: clear, white, green, amber\n"
            "                         (default) or red\n"),
          out);
    cli_help_every(out, 22);
    fputs(_("\n"
            "exit status: 0 nothing reached WARNING, 1 something did,\n"
            "             2 usage or fatal error\n"
            "\n"
            "examples:\n"
            "  oberig scan -f jsonl -r rules/ ~ > scan.jsonl\n"
            "  oberig mail -f jsonl ~/Mail > mail.jsonl\n"
            "  oberig report merge --redact scan.jsonl mail.jsonl -o report\n"
            "  oberig report export --format misp report/report.json -o event.json\n"),
          out);
}

enum { OPT_REDACT = 256, OPT_TLP };

struct report_cli {
    struct ob_cli_args args;
    bool redact;
    const char *tlp;
};

static int parse_options(struct report_cli *cli, int argc, char **argv)
{
    static const struct option longs[] = {
        {"redact", no_argument, NULL, OPT_REDACT},
        {"tlp", required_argument, NULL, OPT_TLP},
        {NULL, 0, NULL, 0},
    };
    int option;
    while ((option = cli_getopt(&cli->args, argc, argv, "", longs)) != -1) {
        if (option == OPT_REDACT)
            cli->redact = true;
        else if (option == OPT_TLP)
            cli->tlp = optarg;
    }
    return cli_args_finish(&cli->args, cli_cmd_report_help);
}

static enum ob_status read_input(struct ob_report *report, struct ob_context *ctx, const char *path)
{
    bool standard_input = strcmp(path, "-") == 0;
    FILE *in = standard_input ? stdin : fopen(path, "re");
    if (in == NULL)
        return ob_context_fail(ctx, OB_ERR_NOT_FOUND, _("cannot read '%s': %s"), path,
                               strerror(errno));
    struct stat info;
    enum ob_status status = OB_OK;
    if (!standard_input && (fstat(fileno(in), &info) != 0 || S_ISDIR(info.st_mode)))
        status = ob_context_fail(ctx, OB_ERR_IO, _("cannot read '%s': not a file"), path);
    if (status == OB_OK)
        status = ob_report_step_begin(report, NULL, path);
    if (status == OB_OK)
        status = ob_report_add_stream(report, in);
    if (!standard_input)
        fclose(in);
    return status;
}

static int run_merge(struct report_cli *cli, int count, char **files)
{
    struct ob_context *ctx = ob_context_new(cli_log, &cli->args.log);
    struct ob_report *report = NULL;
    int exit_status = OB_EXIT_ERROR;
    if (ctx == NULL || ob_report_new(ctx, &report) != OB_OK) {
        cli_fail("report", NULL, OB_ERR_NOMEM);
        goto out;
    }
    size_t standard_inputs = 0;
    for (int i = 0; i < count; i++) {
        standard_inputs += strcmp(files[i], "-") == 0;
        if (standard_inputs > 1) {
            usage_error(_("'-' (standard input) may be given once"));
            goto out;
        }
        enum ob_status status = read_input(report, ctx, files[i]);
        if (status != OB_OK) {
            cli_fail("report", ctx, status);
            goto out;
        }
    }
    struct ob_report_write_options options = {.redact = cli->redact, .created = time(NULL)};
    char target[4096];
    if (!cli_report_folder("report", cli->args.output_path, options.created, target,
                           sizeof(target)) ||
        !cli_report_write_files("report", report, ctx, target, &options, NULL, stdout))
        goto out;
    enum ob_status status = ob_report_write_text(report, &options, stdout);
    if (status != OB_OK) {
        cli_fail("report", ctx, status);
        goto out;
    }
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 16);
    printf(_("report written to %s (report.html, report.json)\n"), cli_safe_text(&safe, target));
    core_buffer_release(&safe);
    exit_status = ob_report_verdict(report) == OB_REPORT_CLEAN ? OB_EXIT_CLEAN : OB_EXIT_FOUND;
out:
    ob_report_free(report);
    cli_log_finish(&cli->args.log);
    ob_context_free(ctx);
    return exit_status;
}

static int run_export(struct report_cli *cli, const char *path)
{
    const char *format_name = cli->args.format_name;
    enum ob_ioc_export_format format;
    if (format_name == NULL)
        return usage_error(_("export needs --format misp or stix"));
    if (strcmp(format_name, "misp") == 0)
        format = OB_IOC_EXPORT_MISP;
    else if (strcmp(format_name, "stix") == 0)
        format = OB_IOC_EXPORT_STIX;
    else
        return usage_error(_("--format: '%s' is not misp or stix"), format_name);
    struct ob_context *ctx = ob_context_new(cli_log, &cli->args.log);
    struct ob_buffer text;
    core_buffer_init(&text, (size_t)256 << 20);
    FILE *out = NULL;
    int exit_status = OB_EXIT_ERROR;
    const char *reason = NULL;
    if (ctx == NULL) {
        cli_fail("report", NULL, OB_ERR_NOMEM);
        goto out;
    }
    if (core_buffer_read_file(&text, path, &reason) != OB_OK) {
        cli_error("report", _("cannot read '%s': %s"), path, reason != NULL ? reason : "");
        goto out;
    }
    out = cli->args.output_path != NULL ? fopen(cli->args.output_path, "we") : stdout;
    if (out == NULL) {
        cli_error("report", _("cannot write '%s': %s"), cli->args.output_path, strerror(errno));
        goto out;
    }
    enum ob_status status = ob_report_export(ctx, core_buffer_str(&text), text.length, format,
                                             cli->tlp != NULL ? cli->tlp : "amber", out);
    if (status != OB_OK) {
        cli_fail("report", ctx, status);
        goto out;
    }
    exit_status = OB_EXIT_CLEAN;
out:
    if (out != NULL && out != stdout && fclose(out) != 0 && exit_status == OB_EXIT_CLEAN)
        exit_status = cli_error("report", _("cannot write '%s': %s"), cli->args.output_path,
                                strerror(errno));
    core_buffer_release(&text);
    ob_context_free(ctx);
    return exit_status;
}

int cli_cmd_report(int argc, char **argv)
{
    struct report_cli cli = {0};
    cli_args_init(&cli.args, "report", OB_CLI_FORMAT | OB_CLI_OUTPUT | OB_CLI_VERBOSE);
    cli.args.own_formats = true;
    /* The options follow the action, which getopt then sees as argv[0]. */
    const char *action = argc >= 2 && argv[1][0] != '-' ? argv[1] : NULL;
    int shift = action != NULL ? 1 : 0;
    int exit_status = parse_options(&cli, argc - shift, argv + shift);
    if (exit_status >= 0)
        return exit_status;
    int rest = argc - shift - optind;
    char **operands = argv + shift + optind;
    if (action == NULL)
        return usage_error(_("give an action: merge or export"));
    if (strcmp(action, "merge") == 0) {
        if (rest < 1)
            return usage_error(_("merge needs at least one file of JSON lines, or -"));
        if (cli.tlp != NULL || cli.args.format_name != NULL)
            return usage_error(_("--tlp and --format are options of export"));
        return run_merge(&cli, rest, operands);
    }
    if (strcmp(action, "export") == 0) {
        if (rest != 1)
            return usage_error(_("export needs one report.json"));
        if (cli.redact)
            return usage_error(_("--redact is an option of merge; export never shares the "
                                 "person's data"));
        return run_export(&cli, operands[0]);
    }
    return usage_error(_("unknown action '%s'; actions are merge and export"), action);
}
