/* SPDX-License-Identifier: Apache-2.0 */
/* oberig persistence: lists where programs are set to start by themselves
 * on this system or a mounted Linux or Windows disk, and what stands out. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/i18n.h"
#include "oberig/persistence.h"

#define OPTION_ROOT 1

void cli_cmd_persistence_help(FILE *out)
{
    fputs(_("usage: oberig persistence [options]\n"
            "\n"
            "Lists the places where programs are set to start by themselves, and the\n"
            "program each one starts. On Linux: cron, systemd units, desktop autostart,\n"
            "shell start-up files, SSH authorized_keys and /etc/ld.so.preload. On a\n"
            "Windows disk: Run and RunOnce keys, services, Winlogon, Image File\n"
            "Execution Options, AppInit_DLLs, scheduled tasks and Startup folders.\n"
            "What a responder should look at is flagged and explained.\n"
            "\n"
            "options:\n"
            "  --root DIR             a mounted disk to examine instead of this system\n"
            "  -f, --format FORMAT    human (default) or jsonl: one JSON object per entry\n"
            "                         and a summary (docs/json-schema.md)\n"
            "  -o, --output FILE      write results to FILE instead of standard output\n"),
          out);
    cli_help_every(out, 22);
    fputs(_("\n"
            "exit status: 0 nothing reached WARNING, 1 something did,\n"
            "             2 usage or fatal error\n"
            "\n"
            "examples:\n"
            "  sudo oberig persistence\n"
            "  oberig persistence --root /mnt/windows --format jsonl\n"),
          out);
}

static const char *when_heading(enum ob_persistence_when when)
{
    switch (when) {
    case OB_PERSISTENCE_AT_BOOT: return _("Starts when the computer starts");
    case OB_PERSISTENCE_AT_LOGON: return _("Starts when someone logs on");
    case OB_PERSISTENCE_ON_SCHEDULE: return _("Runs at set times");
    case OB_PERSISTENCE_WITH_PROGRAMS: return _("Runs inside or instead of other programs");
    case OB_PERSISTENCE_SHELL_OPENS: return _("Runs when a shell opens");
    default: return _("Lets someone log in from elsewhere");
    }
}

struct listing {
    FILE *out;
    bool jsonl;
    struct ob_buffer groups[OB_PERSISTENCE_WHEN_COUNT]; /* human: text per group */
    size_t group_counts[OB_PERSISTENCE_WHEN_COUNT];
    size_t entries, problems;
    bool truncated; /* a group's text reached its cap */
    uint64_t levels[4];
    struct ob_buffer safe;
};

/* Appends to a group; a group past its cap loses its last lines, which
 * the caps on entries make unlikely, and the listing says so. */
#define ADD(buffer, ...)                                                                           \
    (listing->truncated = core_buffer_printf(buffer, __VA_ARGS__) != OB_OK || listing->truncated)

static const char *safe(struct listing *listing, const char *text)
{
    return cli_safe_text(&listing->safe, text);
}

static void human_entry(struct listing *listing, const struct ob_persistence_entry *e)
{
    struct ob_buffer *b = &listing->groups[e->when];
    ADD(b, "\n  %s\n", safe(listing, e->trigger));
    if (e->key[0] != '\0') {
        /* TRANSLATORS: where a registry entry is: the hive file. "where:",
         * "key:", "value:", "command:" and "program:" line up. */
        ADD(b, _("    where:   %s\n"), safe(listing, e->file));
        ADD(b, _("    key:     %s\n"), safe(listing, e->key));
        ADD(b, _("    value:   %s\n"), safe(listing, e->value));
    } else {
        ADD(b, _("    where:   %s\n"), safe(listing, e->file));
    }
    if (e->command[0] != '\0')
        ADD(b, _("    command: %s\n"), safe(listing, e->command));
    if (e->program[0] != '\0' && e->program_exists)
        ADD(b, _("    program: %s\n"), safe(listing, e->program));
    else if (e->program[0] != '\0')
        ADD(b, _("    program: %s (not there)\n"), safe(listing, e->program));
    if (e->time != 0) {
        char changed[32];
        cli_iso_time(e->time, changed, sizeof(changed));
        /* TRANSLATORS: when the entry (its registry key or file) was last changed. */
        ADD(b, _("    changed: %s\n"), changed);
    }
    const struct ob_signal_table *table = ob_persistence_signals();
    for (size_t i = 0; i < e->finding_count; i++) {
        const struct ob_persistence_finding *f = &e->findings[i];
        ADD(b, "    * %s: %s\n", f->id, _(table->signals[f->signal].title));
        ADD(b, "      %s\n", safe(listing, f->explanation));
    }
    if (e->level != OB_LEVEL_NONE) {
        ADD(b, "    %s  ", cli_human_level_words(e->level));
        ADD(b, P_("score %d\n", "score %d\n", e->score), e->score);
    }
}

void cli_jsonl_persistence(FILE *out, const struct ob_persistence_entry *e)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 20, "persistence");
    struct ob_json *json = &line.json;
    core_json_cstring(json, "kind", ob_persistence_kind_name(e->kind));
    core_json_cstring(json, "when", ob_persistence_when_name(e->when));
    core_json_cstring(json, "system", e->windows ? "windows" : "linux");
    core_json_cstring(json, "trigger", e->trigger);
    if (e->user[0] != '\0')
        core_json_cstring(json, "user", e->user);
    else
        core_json_null(json, "user");
    core_json_cstring(json, "file", e->file);
    if (e->key[0] != '\0') {
        core_json_cstring(json, "key", e->key);
        core_json_cstring(json, "value", e->value);
    }
    core_json_cstring(json, "command", e->command);
    if (e->program[0] != '\0') {
        core_json_cstring(json, "program", e->program);
        core_json_bool(json, "program_exists", e->program_exists);
    } else {
        core_json_null(json, "program");
        core_json_bool(json, "program_exists", false);
    }
    if (e->time != 0) {
        char mtime[32];
        cli_iso_time(e->time, mtime, sizeof(mtime));
        core_json_cstring(json, "mtime", mtime);
    }
    core_json_int(json, "score", e->score);
    core_json_cstring(json, "level", ob_level_name(e->level));
    core_json_array_begin(json, "signals");
    for (size_t i = 0; i < e->finding_count; i++) {
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "signal", e->findings[i].id);
        core_json_int(json, "score", e->findings[i].score);
        core_json_cstring(json, "explanation", e->findings[i].explanation);
        core_json_object_end(json);
    }
    core_json_array_end(json);
    cli_jsonl_end(out, &line);
}

static void on_entry(void *user, const struct ob_persistence_entry *entry)
{
    struct listing *listing = user;
    listing->entries++;
    listing->levels[entry->level]++;
    listing->group_counts[entry->when]++;
    if (listing->jsonl)
        cli_jsonl_persistence(listing->out, entry);
    else
        human_entry(listing, entry);
}

static void on_problem(void *user, const char *path, const char *message)
{
    struct listing *listing = user;
    listing->problems++;
    if (listing->jsonl)
        cli_jsonl_note(listing->out, false, path, message);
    /* TRANSLATORS: a notice about a file that could not be read fully. */
    cli_error("persistence", _("notice: %s: %s"), path, message);
}

static void human_finish(struct listing *listing, const char *root)
{
    FILE *out = listing->out;
    fprintf(out, _("Programs set to start by themselves under %s\n"), safe(listing, root));
    for (int when = 0; when < OB_PERSISTENCE_WHEN_COUNT; when++) {
        if (listing->group_counts[when] == 0)
            continue;
        fprintf(out, "\n%s\n", when_heading((enum ob_persistence_when)when));
        fwrite(listing->groups[when].data, 1, listing->groups[when].length, out);
    }
    if (listing->truncated)
        fputs(_("\n(the list is too long; some entries are not shown: use --format jsonl)\n"), out);
    fputc('\n', out);
    fprintf(out, P_("%zu entry found", "%zu entries found", listing->entries), listing->entries);
    fputs(", ", out);
    fprintf(out,
            P_("%llu needs a closer look", "%llu need a closer look",
               listing->levels[OB_LEVEL_WARNING] + listing->levels[OB_LEVEL_ALERT]),
            (unsigned long long)(listing->levels[OB_LEVEL_WARNING] +
                                 listing->levels[OB_LEVEL_ALERT]));
    fputs(".\n", out);
    if (listing->problems > 0)
        fprintf(out,
                P_("%zu place could not be read fully; the notices say which.\n",
                   "%zu places could not be read fully; the notices say which.\n",
                   listing->problems),
                listing->problems);
    bool found = listing->levels[OB_LEVEL_WARNING] + listing->levels[OB_LEVEL_ALERT] > 0;
    const struct ob_advice_def *advice =
        ob_advice_find(ob_persistence_signals(), found ? "persistence-found" : "persistence-clean");
    fprintf(out, "\n%s %s\n", _("What now:"), _(advice->text));
}

void cli_jsonl_persistence_summary(FILE *out, const char *root, size_t entries,
                                   const uint64_t levels[4], size_t notices)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 16, "persistence_summary");
    struct ob_json *json = &line.json;
    core_json_cstring(json, "root", root);
    core_json_uint(json, "entries", entries);
    core_json_object_begin(json, "levels");
    for (int level = OB_LEVEL_NOTICE; level <= OB_LEVEL_ALERT; level++)
        core_json_uint(json, ob_level_name((enum ob_level)level), levels[level]);
    core_json_object_end(json);
    core_json_uint(json, "notices", notices);
    cli_jsonl_end(out, &line);
}

int cli_cmd_persistence(int argc, char **argv)
{
    static const struct option longs[] = {{"root", required_argument, NULL, OPTION_ROOT},
                                          {NULL, 0, NULL, 0}};
    struct ob_cli_args args;
    cli_args_init(&args, "persistence", OB_CLI_FORMAT | OB_CLI_OUTPUT);
    const char *root = "/";
    int option;
    while ((option = cli_getopt(&args, argc, argv, "", longs)) != -1)
        if (option == OPTION_ROOT)
            root = optarg;
    int exit_status = cli_args_finish(&args, cli_cmd_persistence_help);
    if (exit_status >= 0)
        return exit_status;
    if (optind < argc)
        return cli_usage_error("persistence", _("unexpected argument '%s'"), argv[optind]);
    exit_status = OB_EXIT_ERROR;
    struct ob_output *output = NULL;
    struct listing listing = {.jsonl = args.format == OB_FORMAT_JSONL};
    for (int i = 0; i < OB_PERSISTENCE_WHEN_COUNT; i++)
        core_buffer_init(&listing.groups[i], 64u << 20);
    core_buffer_init(&listing.safe, 1 << 20);
    struct ob_context *ctx = ob_context_new(cli_log, &args.log);
    if (ctx == NULL) {
        cli_fail("persistence", NULL, OB_ERR_NOMEM);
        goto out;
    }
    output = cli_output_open(&args, false);
    if (output == NULL)
        goto out;
    listing.out = cli_output_stream(output);
    const struct ob_persistence_callbacks callbacks = {.entry = on_entry,
                                                       .problem = on_problem,
                                                       .user = &listing};
    enum ob_status status = ob_persistence_list(ctx, root, &callbacks);
    if (status != OB_OK) {
        cli_fail("persistence", ctx, status);
        goto out;
    }
    if (listing.jsonl)
        cli_jsonl_persistence_summary(listing.out, root, listing.entries, listing.levels,
                                      listing.problems);
    else
        human_finish(&listing, root);
    exit_status = listing.levels[OB_LEVEL_WARNING] + listing.levels[OB_LEVEL_ALERT] > 0
                      ? OB_EXIT_FOUND
                      : OB_EXIT_CLEAN;
out:
    if (!cli_output_close(output))
        exit_status = OB_EXIT_ERROR;
    ob_context_free(ctx);
    for (int i = 0; i < OB_PERSISTENCE_WHEN_COUNT; i++)
        core_buffer_release(&listing.groups[i]);
    core_buffer_release(&listing.safe);
    return exit_status;
}
