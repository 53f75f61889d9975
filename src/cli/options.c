/* SPDX-License-Identifier: Apache-2.0 */
/* The options several commands share, declared once: each command's getopt
 * table gets the shared entries it takes, and one parser handles them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"

enum {
    SHARED_RULES = OB_CLI_SHARED_VAL,
    SHARED_IOCS,
    SHARED_DB,
    SHARED_NO_STORE,
    SHARED_NO_CACHE,
    SHARED_FORMAT,
    SHARED_OUTPUT,
    SHARED_COLOR,
    SHARED_QUIET,
    SHARED_VERBOSE,
    SHARED_LANG,
    SHARED_HELP
};

/* Adding a shared option: a row here, a case in handle() and a field in
 * struct ob_cli_args. One that every command takes (takes 0) also brings its
 * line of help, printed by cli_help_every in each command's --help; the
 * others each command describes in its own words. */
static const struct shared_option {
    struct option option;
    char short_name;   /* 0 when it has none */
    unsigned takes;    /* enum ob_cli_shared bit, or 0 for every command */
    const char *usage; /* takes 0: "-h, --help" */
    const char *help;  /* takes 0: what it does */
} shared_options[] = {
    {{"rules", required_argument, NULL, SHARED_RULES}, 'r', OB_CLI_RULES, NULL, NULL},
    {{"iocs", required_argument, NULL, SHARED_IOCS}, 'i', OB_CLI_IOCS, NULL, NULL},
    {{"db", required_argument, NULL, SHARED_DB}, 0, OB_CLI_DB, NULL, NULL},
    {{"no-store", no_argument, NULL, SHARED_NO_STORE}, 0, OB_CLI_NO_STORE, NULL, NULL},
    {{"no-cache", no_argument, NULL, SHARED_NO_CACHE}, 0, OB_CLI_NO_CACHE, NULL, NULL},
    {{"format", required_argument, NULL, SHARED_FORMAT}, 'f', OB_CLI_FORMAT, NULL, NULL},
    {{"output", required_argument, NULL, SHARED_OUTPUT}, 'o', OB_CLI_OUTPUT, NULL, NULL},
    {{"color", required_argument, NULL, SHARED_COLOR}, 0, OB_CLI_COLOR, NULL, NULL},
    {{"colour", required_argument, NULL, SHARED_COLOR}, 0, OB_CLI_COLOR, NULL, NULL},
    {{"quiet", no_argument, NULL, SHARED_QUIET}, 'q', OB_CLI_QUIET, NULL, NULL},
    {{"verbose", no_argument, NULL, SHARED_VERBOSE}, 'v', OB_CLI_VERBOSE, NULL, NULL},
    {{"lang", required_argument, NULL, SHARED_LANG},
     0,
     0,
     "--lang LANG",
     N_("language of the messages: uk or en (default: the locale's)")},
    {{"help", no_argument, NULL, SHARED_HELP}, 'h', 0, "-h, --help", N_("show this help")},
};
#define SHARED_COUNT (sizeof(shared_options) / sizeof(shared_options[0]))

void cli_args_init(struct ob_cli_args *args, const char *command, unsigned takes)
{
    memset(args, 0, sizeof(*args));
    args->command = command;
    args->takes = takes;
    args->format = OB_FORMAT_HUMAN;
    args->color = OB_CLI_COLOR_AUTO;
}

static bool taken(const struct ob_cli_args *args, const struct shared_option *shared)
{
    return shared->takes == 0 || (args->takes & shared->takes) != 0;
}

/* getopt's tables: the command's own options, then the shared ones it takes.
 * A leading ':' makes a missing value ':' rather than '?'. */
static void build_tables(struct ob_cli_args *args, const char *shorts, const struct option *longs)
{
    size_t count = 0, length = 0;
    args->shorts[length++] = ':';
    for (; longs[count].name != NULL && count < OB_CLI_MAX_OPTIONS; count++)
        args->longs[count] = longs[count];
    size_t own = strlen(shorts);
    if (own > sizeof(args->shorts) - SHARED_COUNT * 2 - 2)
        own = sizeof(args->shorts) - SHARED_COUNT * 2 - 2;
    memcpy(args->shorts + length, shorts, own);
    length += own;
    for (size_t i = 0; i < SHARED_COUNT; i++) {
        const struct shared_option *shared = &shared_options[i];
        if (!taken(args, shared))
            continue;
        if (count < OB_CLI_MAX_OPTIONS)
            args->longs[count++] = shared->option;
        if (shared->short_name != 0) {
            args->shorts[length++] = shared->short_name;
            if (shared->option.has_arg == required_argument)
                args->shorts[length++] = ':';
        }
    }
    args->longs[count] = (struct option){NULL, 0, NULL, 0};
    args->shorts[length] = '\0';
}

/* The shared option a short letter stands for, as a long option's value. */
static int shared_value(const struct ob_cli_args *args, int option)
{
    for (size_t i = 0; i < SHARED_COUNT; i++)
        if (shared_options[i].short_name == option && taken(args, &shared_options[i]))
            return shared_options[i].option.val;
    return option;
}

static bool add_to_list(struct ob_cli_args *args, const char **list, size_t *count,
                        const char *name, const char *value)
{
    if (*count == OB_CLI_MAX_LIST) {
        /* TRANSLATORS: %s is the name of an option (rules, iocs). */
        cli_usage_error(args->command, _("too many --%s (at most %d)"), name, OB_CLI_MAX_LIST);
        return false;
    }
    list[(*count)++] = value;
    return true;
}

/* --color WHEN: OB_CLI_COLOR_AUTO, _NEVER or _ALWAYS, or -2 for none of them. */
static int color_mode(const char *when)
{
    if (strcmp(when, "auto") == 0)
        return OB_CLI_COLOR_AUTO;
    if (strcmp(when, "never") == 0)
        return OB_CLI_COLOR_NEVER;
    if (strcmp(when, "always") == 0)
        return OB_CLI_COLOR_ALWAYS;
    return -2;
}

/* Handles one shared option; false after a usage error. */
static bool handle(struct ob_cli_args *args, int option, const char *value)
{
    switch (option) {
    case SHARED_RULES: return add_to_list(args, args->rules, &args->rule_count, "rules", value);
    case SHARED_IOCS: return add_to_list(args, args->iocs, &args->ioc_count, "iocs", value);
    case SHARED_DB: args->db = value; return true;
    case SHARED_NO_STORE: args->no_store = true; return true;
    case SHARED_NO_CACHE: args->no_cache = true; return true;
    case SHARED_FORMAT:
        args->format_name = value;
        if (strcmp(value, "human") == 0) {
            args->format = OB_FORMAT_HUMAN;
        } else if (strcmp(value, "jsonl") == 0 || strcmp(value, "json") == 0) {
            args->format = OB_FORMAT_JSONL;
        } else if (!args->own_formats) {
            cli_usage_error(args->command, _("--format: '%s' is not human or jsonl"), value);
            return false;
        }
        return true;
    case SHARED_OUTPUT: args->output_path = value; return true;
    case SHARED_COLOR:
        args->color = color_mode(value);
        if (args->color < OB_CLI_COLOR_AUTO) {
            cli_usage_error(args->command, _("--color: '%s' is not auto, always or never"), value);
            return false;
        }
        return true;
    case SHARED_QUIET: args->quiet = true; return true;
    case SHARED_VERBOSE: args->log.verbose = true; return true;
    case SHARED_LANG:
        /* main() already applied it (cli_language_option); here it is checked. */
        if (!cli_language_valid(value)) {
            cli_usage_error(args->command, _("--lang: '%s' is not uk or en"), value);
            return false;
        }
        return true;
    case SHARED_HELP: args->help = true; return true;
    }
    return true;
}

int cli_getopt(struct ob_cli_args *args, int argc, char **argv, const char *shorts,
               const struct option *longs)
{
    if (args->shorts[0] == '\0') { /* the first call */
        build_tables(args, shorts, longs);
        opterr = 0;
        optind = 1;
    }
    if (args->help || args->usage_error)
        return -1;
    for (;;) {
        optopt = 0;
        int option = getopt_long(argc, argv, args->shorts, args->longs, NULL);
        if (option == -1)
            return -1;
        if (option == ':') {
            args->usage_error = true;
            cli_usage_error(args->command, _("option '%s' needs a value"), argv[optind - 1]);
            return -1;
        }
        if (option == '?') {
            args->usage_error = true;
            if (optopt != 0)
                cli_usage_error(args->command, _("unknown option '-%c'"), optopt);
            else
                cli_usage_error(args->command, _("unknown option '%s'"), argv[optind - 1]);
            return -1;
        }
        option = shared_value(args, option);
        if (option < OB_CLI_SHARED_VAL)
            return option;
        if (!handle(args, option, optarg))
            args->usage_error = true;
        if (args->help || args->usage_error)
            return -1;
    }
}

void cli_help_every(FILE *out, int width)
{
    for (size_t i = 0; i < SHARED_COUNT; i++)
        if (shared_options[i].takes == 0)
            fprintf(out, "  %-*s %s\n", width, shared_options[i].usage, _(shared_options[i].help));
}

int cli_args_finish(const struct ob_cli_args *args, void (*help)(FILE *out))
{
    if (args->usage_error)
        return OB_EXIT_ERROR;
    if (args->help) {
        help(stdout);
        return OB_EXIT_CLEAN;
    }
    return -1;
}

bool cli_parse_long(const char *text, long min, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max)
        return false;
    *out = value;
    return true;
}
