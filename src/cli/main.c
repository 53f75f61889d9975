/* SPDX-License-Identifier: Apache-2.0 */
/* oberig: the thin program over liboberig; dispatches to one command. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "oberig/core.h"

static void main_help(FILE *out);

static const struct ob_command commands[] = {
    {"triage", cli_cmd_triage, cli_cmd_triage_help,
     N_("examine this computer or a mounted disk and write one report for a helpline")},
    {"scan", cli_cmd_scan, cli_cmd_scan_help,
     N_("scan files, folders or a mounted disk for malware and attacker tools")},
    {"ioc", cli_cmd_ioc, cli_cmd_ioc_help,
     N_("import, list and export indicators of compromise (STIX, MISP, CSV)")},
    {"mail", cli_cmd_mail, cli_cmd_mail_help,
     N_("explain whether e-mail (.eml, mbox, Maildir) is phishing, and what to do")},
    {"bootrec", cli_cmd_bootrec, cli_cmd_bootrec_help,
     N_("show a disk's boot records and whether a wiper overwrote them")},
    {"baseline", cli_cmd_baseline, cli_cmd_baseline_help,
     N_("record the files of a machine, and later find what changed or was wiped")},
    {"persistence", cli_cmd_persistence, cli_cmd_persistence_help,
     N_("list what starts by itself on this system or a mounted disk, and what stands out")},
    {"signals", cli_cmd_signals, cli_cmd_signals_help,
     N_("list every reason oberig can give, with its score and meaning")},
    {"verify-packages", cli_cmd_verify_packages, cli_cmd_verify_packages_help,
     N_("check installed files against the package database (dpkg), as debsums does")},
    {"report", cli_cmd_report, cli_cmd_report_help,
     N_("merge earlier results into one report for a helpline, and export its indicators")},
    {"version", cli_cmd_version, cli_cmd_version_help, N_("print the version of oberig")},
    {"help", NULL, NULL, N_("explain a command: oberig help scan")},
};

static const size_t command_count = sizeof(commands) / sizeof(commands[0]);

static const struct ob_command *find_command(const char *name)
{
    for (size_t i = 0; i < command_count; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void main_help(FILE *out)
{
    fprintf(out,
            _("oberig %s - offline triage: am I compromised, by what, and what do I do now?\n\n"
              "usage: oberig [--lang LANG] <command> [options] [arguments]\n\n"
              "commands:\n"),
            OB_VERSION_STRING);
    for (size_t i = 0; i < command_count; i++)
        fprintf(out, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
    fputs(_("\n"
            "Everything runs on this machine: no network, no telemetry, nothing leaves it\n"
            "unless you export it yourself.\n\n"
            "examples:\n"
            "  sudo oberig triage --quick --rules rules/ --iocs iocs/\n"
            "  oberig scan --rules rules/ --iocs iocs/ /media/usb-disk\n"
            "  oberig scan --format jsonl --rules rules/ ~/Downloads > findings.jsonl\n"
            "  oberig ioc import mvt-indicators/\n"
            "  oberig mail suspicious.eml\n\n"
            "Run 'oberig <command> --help' for the options of one command; see also\n"
            "man oberig-triage, man oberig-scan and docs/user-guide.md.\n"),
          out);
}

int main(int argc, char **argv)
{
    cli_language_init(cli_language_option(argc, argv));
    /* oberig --lang uk <command> ...: the command needs it no more. */
    while (argc >= 2 && (strcmp(argv[1], "--lang") == 0 || strncmp(argv[1], "--lang=", 7) == 0)) {
        const char *language = argv[1][6] == '=' ? argv[1] + 7 : argc >= 3 ? argv[2] : NULL;
        if (language == NULL)
            return cli_usage_error(NULL, _("option '%s' needs a value"), "--lang");
        if (!cli_language_valid(language))
            return cli_usage_error(NULL, _("--lang: '%s' is not uk or en"), language);
        int used = argv[1][6] == '=' ? 1 : 2;
        argv[used] = argv[0];
        argv += used;
        argc -= used;
    }
    if (argc < 2) {
        main_help(stderr);
        return OB_EXIT_ERROR;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        main_help(stdout);
        return OB_EXIT_CLEAN;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
        return cli_cmd_version(argc - 1, argv + 1);
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            main_help(stdout);
            return OB_EXIT_CLEAN;
        }
        const struct ob_command *topic = find_command(argv[2]);
        if (topic == NULL || topic->help == NULL)
            return cli_usage_error(NULL,
                                   _("no help for '%s': it is not a command (oberig --help "
                                     "lists them)"),
                                   argv[2]);
        topic->help(stdout);
        return OB_EXIT_CLEAN;
    }
    const struct ob_command *command = find_command(name);
    if (command == NULL || command->run == NULL)
        return cli_usage_error(NULL, _("unknown command '%s'"), name);
    return command->run(argc - 1, argv + 1);
}
