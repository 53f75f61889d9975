/* SPDX-License-Identifier: Apache-2.0 */
/* oberig verify-packages: installed files against the dpkg database, and
 * programs in system folders that no package owns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/array.h"
#include "core/buffer.h"
#include "core/i18n.h"
#include "core/json.h"
#include "oberig/packages.h"

#define MAX_CONFFILE_FINDINGS 100000

void cli_cmd_verify_packages_help(FILE *out)
{
    fputs(_("usage: oberig verify-packages [options]\n"
            "\n"
            "Checks the files of the installed Debian/Ubuntu packages against the MD5 sums\n"
            "in the dpkg database (var/lib/dpkg), as debsums does: changed, missing or\n"
            "replaced files are findings, and so are programs in usr/bin, usr/sbin,\n"
            "usr/libexec, usr/lib, bin, sbin and lib that no package owns. Changed\n"
            "configuration files are listed apart, at a lower level: administrators edit\n"
            "them. Nothing is changed on the checked system.\n"
            "\n"
            "options:\n"
            "      --root DIR         the root folder of the system to check (default /):\n"
            "                         a mounted disk of another machine; links never lead\n"
            "                         out of it\n"
            "  -f, --format FORMAT    human (default) or jsonl (docs/json-schema.md)\n"
            "  -o, --output FILE      write results to FILE instead of standard output\n"
            "  -v, --verbose          show every warning\n"),
          out);
    cli_help_every(out, 22);
    fputs(_("\n"
            "exit status: 0 nothing at WARNING or above, 1 at least one finding was,\n"
            "             2 usage or fatal error (no dpkg database under the root)\n"
            "\n"
            "examples:\n"
            "  oberig verify-packages\n"
            "  oberig verify-packages --root /mnt/suspect-disk --format jsonl > packages.jsonl\n"),
          out);
}

/* A configuration file finding kept to be listed apart, after the others. */
struct kept {
    char *path, *package, *description;
};

struct run {
    struct ob_context *ctx;
    FILE *out;
    bool jsonl;
    struct kept *kept;
    size_t kept_count;
    bool kept_overflow;
};

static const char *level_words(enum ob_level level)
{
    switch (level) {
    case OB_LEVEL_ALERT: return _("ALERT   - very likely malicious");
    case OB_LEVEL_WARNING: return _("WARNING - suspicious, look closer");
    default: return _("NOTICE  - unusual, probably harmless");
    }
}

static void human_finding(FILE *out, enum ob_package_signal signal, enum ob_level level, int score,
                          const char *path, const char *package, const char *description)
{
    const struct ob_signal_def *def = &ob_packages_signals()->signals[signal];
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    fprintf(out, "%s  ", level_words(level));
    fprintf(out, P_("score %d\n", "score %d\n", abs(score)), score);
    fprintf(out, _("  file:   %s\n"), cli_safe_text(&safe, path));
    if (package != NULL)
        /* TRANSLATORS: the package that installed the file; lines up with "file:". */
        fprintf(out, _("  package: %s\n"), cli_safe_text(&safe, package));
    fputs(_("  why:\n"), out);
    fprintf(out, P_("  - %s (%s, score %+d): %s\n", "  - %s (%s, score %+d): %s\n", abs(score)),
            _(def->title), def->id, score, cli_safe_text(&safe, description));
    fputc('\n', out);
    core_buffer_release(&safe);
}

/* A path as JSON, with its exact bytes beside it when it is not UTF-8. */
static void json_path(struct ob_json *json, const char *path)
{
    if (core_json_string(json, "path", path, strlen(path)))
        core_json_hex(json, "path_hex", path, strlen(path));
}

void cli_jsonl_package_finding(FILE *out, const struct ob_package_finding *finding)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 20, "package-finding");
    struct ob_json *json = &line.json;
    json_path(json, finding->path);
    core_json_cstring(json, "signal", ob_packages_signals()->signals[finding->signal].id);
    if (finding->package != NULL)
        core_json_cstring(json, "package", finding->package);
    else
        core_json_null(json, "package");
    if (finding->expected_md5 != NULL)
        core_json_cstring(json, "expected_md5", finding->expected_md5);
    if (finding->actual_md5 != NULL)
        core_json_cstring(json, "actual_md5", finding->actual_md5);
    core_json_int(json, "score", finding->score);
    core_json_cstring(json, "level", ob_level_name(finding->level));
    core_json_cstring(json, "description", finding->description);
    cli_jsonl_end(out, &line);
}

static char *copy(const char *text)
{
    return text != NULL ? strdup(text) : NULL;
}

static void on_finding(void *user, const struct ob_package_finding *finding)
{
    struct run *run = user;
    if (run->jsonl) {
        cli_jsonl_package_finding(run->out, finding);
        return;
    }
    if (finding->signal != OB_PACKAGE_CONFFILE_CHANGED) {
        human_finding(run->out, finding->signal, finding->level, finding->score, finding->path,
                      finding->package, finding->description);
        return;
    }
    /* Listed apart after the others: administrators edit these. */
    struct kept kept = {copy(finding->path), copy(finding->package), copy(finding->description)};
    if (kept.path == NULL || kept.description == NULL ||
        core_array_grow_counted((void **)&run->kept, run->kept_count, sizeof(*run->kept), 16,
                                MAX_CONFFILE_FINDINGS) != OB_OK) {
        free(kept.path);
        free(kept.package);
        free(kept.description);
        run->kept_overflow = true;
        return;
    }
    run->kept[run->kept_count++] = kept;
}

static void on_problem(void *user, const struct ob_package_problem *problem)
{
    struct run *run = user;
    ob_context_log(run->ctx, problem->is_error ? OB_LOG_ERROR : OB_LOG_WARNING, "%s: %s",
                   problem->path, problem->message);
    if (run->jsonl)
        cli_jsonl_note(run->out, problem->is_error, problem->path, problem->message);
}

static void human_kept(struct run *run)
{
    if (run->kept_count == 0)
        return;
    fprintf(run->out,
            P_("configuration file changed since installation (%zu); administrators edit "
               "these, so check that each change is theirs:\n\n",
               "configuration files changed since installation (%zu); administrators edit "
               "these, so check that each change is theirs:\n\n",
               run->kept_count),
            run->kept_count);
    const struct ob_signal_def *def = &ob_packages_signals()->signals[OB_PACKAGE_CONFFILE_CHANGED];
    for (size_t i = 0; i < run->kept_count; i++)
        human_finding(run->out, OB_PACKAGE_CONFFILE_CHANGED, OB_LEVEL_NOTICE, def->score,
                      run->kept[i].path, run->kept[i].package, run->kept[i].description);
}

static uint64_t found(const struct ob_package_stats *stats)
{
    return stats->findings[OB_LEVEL_ALERT] + stats->findings[OB_LEVEL_WARNING];
}

static void human_summary(FILE *out, const struct ob_package_stats *stats)
{
    const uint64_t *by = stats->by_signal;
    fprintf(out, "%s\n", _("summary"));
    fprintf(out,
            /* TRANSLATORS: the labels of this summary line up; the plural form
             * follows the first count. */
            P_("  packages  %llu installed, %llu without an md5sums file\n",
               "  packages  %llu installed, %llu without an md5sums file\n", stats->packages),
            (unsigned long long)stats->packages, (unsigned long long)stats->packages_without_sums);
    fprintf(out,
            P_("  checked   %llu package file and %llu configuration files against their MD5\n",
               "  checked   %llu package files and %llu configuration files against their MD5\n",
               stats->files),
            (unsigned long long)stats->files, (unsigned long long)stats->conffiles);
    fprintf(out,
            P_("  looked at %llu file in system folders, %llu paths owned by packages\n",
               "  looked at %llu files in system folders, %llu paths owned by packages\n",
               stats->system_files),
            (unsigned long long)stats->system_files, (unsigned long long)stats->owned_paths);
    cli_human_levels(out, stats->findings);
    fprintf(out,
            /* TRANSLATORS: the findings by kind; the plural form follows the first
             * count, a translation may give the others as labels. */
            P_("            %llu changed, %llu missing, %llu replaced by links, %llu programs no "
               "package owns,\n"
               "            %llu configuration files changed\n",
               "            %llu changed, %llu missing, %llu replaced by links, %llu programs no "
               "package owns,\n"
               "            %llu configuration files changed\n",
               by[OB_PACKAGE_FILE_CHANGED]),
            (unsigned long long)by[OB_PACKAGE_FILE_CHANGED],
            (unsigned long long)by[OB_PACKAGE_FILE_MISSING],
            (unsigned long long)by[OB_PACKAGE_FILE_SYMLINK],
            (unsigned long long)by[OB_PACKAGE_UNOWNED_EXECUTABLE],
            (unsigned long long)by[OB_PACKAGE_CONFFILE_CHANGED]);
    fprintf(out,
            P_("  errors    %llu (files that could not be checked; see stderr), %llu malformed "
               "database lines\n",
               "  errors    %llu (files that could not be checked; see stderr), %llu malformed "
               "database lines\n",
               stats->errors),
            (unsigned long long)stats->errors, (unsigned long long)stats->malformed_lines);
    /* TRANSLATORS: how long the check took, in seconds. */
    fprintf(out, _("  time      %.1f s\n"), stats->seconds);
    fputc('\n', out);
    const struct ob_advice_def *advice = ob_advice_find(
        ob_packages_signals(), found(stats) > 0 ? "packages-found" : "packages-clean");
    fprintf(out, "%s %s\n", _("What now:"), _(advice->text));
}

void cli_jsonl_package_summary(FILE *out, const struct ob_package_stats *stats)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 16, "package-summary");
    struct ob_json *json = &line.json;
    core_json_uint(json, "packages", stats->packages);
    core_json_uint(json, "packages_without_md5sums", stats->packages_without_sums);
    core_json_uint(json, "files", stats->files);
    core_json_uint(json, "conffiles", stats->conffiles);
    core_json_uint(json, "system_files", stats->system_files);
    core_json_uint(json, "owned_paths", stats->owned_paths);
    cli_jsonl_levels(json, stats->findings);
    core_json_object_begin(json, "signals");
    const struct ob_signal_table *table = ob_packages_signals();
    for (size_t i = 0; i < table->signal_count; i++)
        core_json_uint(json, table->signals[i].id, stats->by_signal[i]);
    core_json_object_end(json);
    core_json_uint(json, "errors", stats->errors);
    core_json_uint(json, "malformed_lines", stats->malformed_lines);
    core_json_double(json, "seconds", stats->seconds);
    cli_jsonl_end(out, &line);
}

enum { OPT_ROOT = 256 };

int cli_cmd_verify_packages(int argc, char **argv)
{
    static const struct option longs[] = {
        {"root", required_argument, NULL, OPT_ROOT},
        {NULL, 0, NULL, 0},
    };
    struct ob_cli_args args;
    cli_args_init(&args, "verify-packages", OB_CLI_FORMAT | OB_CLI_OUTPUT | OB_CLI_VERBOSE);
    const char *root = "/";
    int option;
    while ((option = cli_getopt(&args, argc, argv, "", longs)) != -1)
        if (option == OPT_ROOT)
            root = optarg;
    int exit_status = cli_args_finish(&args, cli_cmd_verify_packages_help);
    if (exit_status >= 0)
        return exit_status;
    if (optind < argc)
        return cli_usage_error("verify-packages", _("too many arguments"));
    exit_status = OB_EXIT_ERROR;
    struct run run = {0};
    struct ob_output *output = NULL;
    run.ctx = ob_context_new(cli_log, &args.log);
    if (run.ctx == NULL) {
        cli_fail("verify-packages", NULL, OB_ERR_NOMEM);
        goto out;
    }
    output = cli_output_open(&args, false);
    if (output == NULL)
        goto out;
    run.out = cli_output_stream(output);
    run.jsonl = args.format == OB_FORMAT_JSONL;
    struct ob_package_verify_options options = {
        .root = root,
        .on_finding = on_finding,
        .on_problem = on_problem,
        .user = &run,
    };
    struct ob_package_stats stats;
    enum ob_status status = ob_packages_verify(run.ctx, &options, &stats);
    if (status != OB_OK) {
        cli_fail("verify-packages", run.ctx, status);
        goto out;
    }
    if (run.jsonl) {
        cli_jsonl_package_summary(run.out, &stats);
    } else {
        human_kept(&run);
        if (run.kept_overflow)
            cli_error("verify-packages", "%s", ob_strerror(OB_ERR_NOMEM));
        human_summary(run.out, &stats);
    }
    cli_log_finish(&args.log);
    exit_status = found(&stats) > 0 ? OB_EXIT_FOUND : OB_EXIT_CLEAN;
out:
    for (size_t i = 0; i < run.kept_count; i++) {
        free(run.kept[i].path);
        free(run.kept[i].package);
        free(run.kept[i].description);
    }
    free(run.kept);
    if (!cli_output_close(output))
        exit_status = OB_EXIT_ERROR;
    ob_context_free(run.ctx);
    return exit_status;
}
