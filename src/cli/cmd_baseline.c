/* SPDX-License-Identifier: Apache-2.0 */
/* oberig baseline: records the files under some paths, and later says what
 * changed since, with wiper and ransomware damage as the strongest findings. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/i18n.h"
#include "oberig/baseline.h"

void cli_cmd_baseline_help(FILE *out)
{
    fputs(_("usage: oberig baseline create [options] PATH...\n"
            "       oberig baseline verify [options] [PATH...]\n"
            "\n"
            "create records every file under PATH (size, permissions, owner, times, inode,\n"
            "SHA-256 and a fingerprint of its first block) in a baseline file. verify\n"
            "compares the same paths with it and reports files added, removed, changed,\n"
            "and damage as wipers and ransomware cause it. verify walks as create did\n"
            "(the same --exclude, --cross-fs, --scan-special); paths given to verify must\n"
            "be the ones recorded. With --device, create also records the boot sectors\n"
            "of a disk or disk image (boot code, MBR and GPT partition tables), and\n"
            "verify reads them again and reports boot code or partition tables changed.\n"
            "\n"
            "options:\n"
            "      --db FILE          the baseline file (default: $OBERIG_DB's folder, else\n"
            "                         ~/.local/share/oberig, then baseline.db)\n"
            "      --device DEV       create: also record the boot sectors of DEV, a block\n"
            "                         device or disk image; repeatable (at most 16)\n"
            "  -e, --exclude GLOB     skip paths or names matching GLOB; repeatable\n"
            "      --cross-fs         descend into other mounted file systems\n"
            "      --scan-special     also walk /proc, /sys, /dev and /run\n"
            "  -t, --threads N        hashing threads (default: one per core)\n"
            "      --full             verify: read every file again, even when its size,\n"
            "                         times and inode are unchanged\n"
            "      --other-host       verify: compare with a baseline recorded on another\n"
            "                         host (a disk moved to this machine)\n"
            "  -f, --format FORMAT    human (default) or jsonl, see docs/json-schema.md\n"
            "  -o, --output FILE      write results to FILE instead of standard output\n"),
          out);
    cli_help_every(out, 22);
    fputs(_("\n"
            "exit status: 0 nothing at or above WARNING changed, 1 something did,\n"
            "             2 usage or fatal error, or a baseline that cannot be trusted\n"
            "\n"
            "examples:\n"
            "  oberig baseline create --db /root/etc.db /etc /usr/bin\n"
            "  oberig baseline create --db /root/sys.db --device /dev/sda /etc /boot\n"
            "  oberig baseline verify --db /root/etc.db\n"),
          out);
}

enum { OPT_CROSS_FS = 1, OPT_SCAN_SPECIAL, OPT_FULL, OPT_OTHER_HOST, OPT_DEVICE };

struct baseline_cli {
    struct ob_cli_args args;
    const char *excludes[OB_CLI_MAX_LIST];
    const char *devices[OB_BASELINE_MAX_DEVICES];
    struct ob_baseline_options options;
    struct ob_output *output;
    FILE *out;
};

static const char *level_words(enum ob_level level)
{
    switch (level) {
    case OB_LEVEL_ALERT: return _("ALERT   - very likely malicious");
    case OB_LEVEL_WARNING: return _("WARNING - suspicious, look closer");
    default: return _("NOTICE  - unusual, probably harmless");
    }
}

/* A path as JSON, with its exact bytes in <key>_hex when not UTF-8. */
static void json_path(struct ob_json *json, const char *key, const char *path)
{
    size_t length = strlen(path);
    if (core_json_string(json, key, path, length)) {
        char hex_key[32];
        snprintf(hex_key, sizeof(hex_key), "%s_hex", key);
        core_json_hex(json, hex_key, path, length);
    }
}

static void json_record(struct ob_json *json, const char *key, const struct ob_baseline_record *r)
{
    core_json_object_begin(json, key);
    core_json_uint(json, "size", r->size);
    core_json_uint(json, "mode", r->mode);
    core_json_uint(json, "uid", r->uid);
    core_json_uint(json, "gid", r->gid);
    core_json_int(json, "mtime_ns", r->mtime_ns);
    core_json_uint(json, "inode", r->inode);
    if (r->hashed) {
        core_json_hex(json, "sha256", r->sha256, sizeof(r->sha256));
        core_json_double(json, "entropy", r->entropy);
        core_json_uint(json, "top_byte", r->top_byte);
        core_json_double(json, "top_share", r->top_share);
        core_json_uint(json, "pattern", r->pattern);
    }
    core_json_object_end(json);
}

/* The reasons of a changed file or device, one object each. */
static void json_reasons(struct ob_json *json, const enum ob_baseline_signal *reasons, size_t count)
{
    core_json_array_begin(json, "reasons");
    for (size_t i = 0; i < count; i++) {
        const struct ob_signal_def *def = ob_baseline_signal(reasons[i]);
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "signal", def->id);
        core_json_int(json, "score", def->score);
        core_json_cstring(json, "explanation", _(def->explanation));
        core_json_object_end(json);
    }
    core_json_array_end(json);
}

static void human_reasons(FILE *out, const enum ob_baseline_signal *reasons, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const struct ob_signal_def *def = ob_baseline_signal(reasons[i]);
        fprintf(out, "  - %s: %s\n", _(def->title), _(def->explanation));
    }
}

static void on_change(void *user, const struct ob_baseline_change *change)
{
    struct baseline_cli *cli = user;
    const char *path = change->after != NULL ? change->after->path : change->before->path;
    if (cli->args.format == OB_FORMAT_JSONL) {
        struct ob_jsonl_line line;
        cli_jsonl_begin(&line, 1 << 20, "baseline-change");
        struct ob_json *json = &line.json;
        json_path(json, "path", path);
        if (change->old_path != NULL)
            json_path(json, "old_path", change->old_path);
        core_json_int(json, "score", change->score);
        core_json_cstring(json, "level", ob_level_name(change->level));
        json_reasons(json, change->reasons, change->reason_count);
        if (change->before != NULL)
            json_record(json, "before", change->before);
        if (change->after != NULL)
            json_record(json, "after", change->after);
        cli_jsonl_end(cli->out, &line);
        return;
    }
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    fprintf(cli->out, "%s  ", level_words(change->level));
    fprintf(cli->out, P_("score %d\n", "score %d\n", abs(change->score)), change->score);
    fprintf(cli->out, _("  file:   %s\n"), cli_safe_path(&safe, path));
    if (change->old_path != NULL)
        /* TRANSLATORS: the name a renamed file had in the baseline. */
        fprintf(cli->out, _("  was:    %s\n"), cli_safe_path(&safe, change->old_path));
    human_reasons(cli->out, change->reasons, change->reason_count);
    fputc('\n', cli->out);
    core_buffer_release(&safe);
}

static void json_device(struct ob_json *json, const char *key, const struct ob_baseline_device *d)
{
    core_json_object_begin(json, key);
    core_json_uint(json, "size", d->size);
    core_json_cstring(json, "boot_code", ob_bootrec_code_name(d->code_class));
    core_json_cstring(json, "code_sha256", d->code_sha256);
    if (d->known_name[0] != '\0')
        core_json_cstring(json, "known_name", d->known_name);
    core_json_bool(json, "mbr_signature", d->mbr_signature);
    core_json_cstring(json, "table_sha256", d->table_sha256);
    core_json_bool(json, "gpt_present", d->gpt_present);
    core_json_bool(json, "gpt_intact", d->gpt_intact);
    core_json_object_end(json);
}

static void jsonl_device_change(struct baseline_cli *cli,
                                const struct ob_baseline_device_change *change)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 20, "baseline-device-change");
    struct ob_json *json = &line.json;
    json_path(json, "device", change->before->path);
    core_json_int(json, "score", change->score);
    core_json_cstring(json, "level", ob_level_name(change->level));
    json_reasons(json, change->reasons, change->reason_count);
    json_device(json, "before", change->before);
    json_device(json, "after", change->after);
    /* The text of the boot code, when the code changed: a ransom note shows here. */
    if (strcmp(change->before->code_sha256, change->after->code_sha256) != 0) {
        core_json_array_begin(json, "text");
        for (size_t i = 0; i < change->now->string_count; i++)
            core_json_cstring(json, NULL, change->now->text + change->now->string_offset[i]);
        core_json_array_end(json);
    }
    cli_jsonl_end(cli->out, &line);
}

/* What the boot code was when recorded, or (`now`) is now. */
static void human_boot_code(FILE *out, struct ob_buffer *safe, bool now,
                            const struct ob_baseline_device *device)
{
    const char *words = cli_bootrec_code_words(device->code_class);
    if (now)
        /* TRANSLATORS: %s is what the boot code is, e.g. "unknown". */
        fprintf(out, _("  boot code now: %s\n"), words);
    else
        /* TRANSLATORS: %s is what the boot code is, e.g. "known boot loader". */
        fprintf(out, _("  boot code when recorded: %s\n"), words);
    if (device->known_name[0] != '\0')
        fprintf(out, _("    boot loader: %s\n"), cli_safe_text(safe, device->known_name));
}

static void on_device_change(void *user, const struct ob_baseline_device_change *change)
{
    struct baseline_cli *cli = user;
    if (cli->args.format == OB_FORMAT_JSONL) {
        jsonl_device_change(cli, change);
        return;
    }
    FILE *out = cli->out;
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    fprintf(out, "%s  ", level_words(change->level));
    fprintf(out, P_("score %d\n", "score %d\n", abs(change->score)), change->score);
    fprintf(out, _("  device: %s\n"), cli_safe_text(&safe, change->before->path));
    if (strcmp(change->before->code_sha256, change->after->code_sha256) != 0) {
        human_boot_code(out, &safe, false, change->before);
        human_boot_code(out, &safe, true, change->after);
        const struct ob_bootrec *now = change->now;
        if (now->string_count > 0)
            fputs(_("    text in the boot code (escaped):\n"), out);
        for (size_t i = 0; i < now->string_count; i++)
            fprintf(out, "      \"%s\"\n", cli_safe_text(&safe, now->text + now->string_offset[i]));
    }
    human_reasons(out, change->reasons, change->reason_count);
    fputc('\n', out);
    core_buffer_release(&safe);
}

static void on_problem(void *user, const char *path, const char *message)
{
    struct baseline_cli *cli = user;
    if (cli->args.format == OB_FORMAT_JSONL) {
        struct ob_jsonl_line line;
        cli_jsonl_begin(&line, 1 << 20, "error");
        json_path(&line.json, "path", path);
        core_json_cstring(&line.json, "message", message);
        cli_jsonl_end(cli->out, &line);
        return;
    }
    fputs("oberig baseline: ", stderr);
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    fputs(cli_safe_path(&safe, path), stderr);
    core_buffer_release(&safe);
    fputs(": ", stderr);
    cli_put_safe(stderr, message);
    fputc('\n', stderr);
}

static void time_text(char *out, size_t size, int64_t ns, bool json)
{
    time_t seconds = (time_t)(ns / 1000000000);
    struct tm tm;
    if (gmtime_r(&seconds, &tm) == NULL ||
        (json ? strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm)
              : strftime(out, size, "%Y-%m-%d %H:%M:%S UTC", &tm)) == 0)
        snprintf(out, size, "%lld", (long long)seconds);
}

static void json_counts(struct ob_json *json, const struct ob_baseline_stats *s)
{
    static const char *const keys[OB_BASELINE_SIGNAL_COUNT] = {"added",
                                                               "removed",
                                                               "content_changed",
                                                               "metadata_changed",
                                                               "renamed",
                                                               "mass_renamed",
                                                               "wiped",
                                                               "encrypted",
                                                               "truncated",
                                                               "boot_code_bad",
                                                               "boot_code_changed",
                                                               "boot_code_updated",
                                                               "partitions_changed",
                                                               "gpt_damaged"};
    for (int i = 0; i < OB_BASELINE_SIGNAL_COUNT; i++)
        core_json_uint(json, keys[i], s->counts[i]);
}

/* The extent of the damage, one whole sentence per pattern. */
static void human_extent(FILE *out, const struct ob_baseline_stats *s)
{
    unsigned long long of = s->recorded;
    unsigned long long wiped = s->counts[OB_BASELINE_WIPED];
    unsigned long long encrypted = s->counts[OB_BASELINE_ENCRYPTED];
    unsigned long long truncated = s->counts[OB_BASELINE_TRUNCATED];
    unsigned long long renamed = s->counts[OB_BASELINE_RENAMED] +
                                 s->counts[OB_BASELINE_MASS_RENAME];
    if (wiped > 0)
        fprintf(out,
                /* TRANSLATORS: wiped files of the recorded ones; then the byte, as 0xCC. */
                P_("%llu of %llu recorded files was overwritten at the start with a repeating "
                   "pattern (mostly the byte 0x%02X), as wipers do\n",
                   "%llu of %llu recorded files were overwritten at the start with a repeating "
                   "pattern (mostly the byte 0x%02X), as wipers do\n",
                   wiped),
                wiped, of, s->wipe_byte);
    if (encrypted > 0)
        fprintf(out,
                P_("%llu of %llu recorded files now looks encrypted\n",
                   "%llu of %llu recorded files now look encrypted\n", encrypted),
                encrypted, of);
    if (truncated > 0)
        fprintf(out,
                P_("%llu of %llu recorded files was emptied\n",
                   "%llu of %llu recorded files were emptied\n", truncated),
                truncated, of);
    if (renamed > 0)
        fprintf(out,
                P_("%llu of %llu recorded files was renamed\n",
                   "%llu of %llu recorded files were renamed\n", renamed),
                renamed, of);
    if (wiped + encrypted + truncated + renamed > 0 && s->first_change_ns != 0) {
        char first[64], last[64];
        time_text(first, sizeof(first), s->first_change_ns, false);
        time_text(last, sizeof(last), s->last_change_ns, false);
        /* TRANSLATORS: two dates and times, the first and the last change. */
        fprintf(out, _("the changed files were modified between %s and %s\n"), first, last);
    }
}

static void verify_summary(struct baseline_cli *cli, const struct ob_baseline_stats *s)
{
    if (cli->args.format == OB_FORMAT_JSONL) {
        struct ob_jsonl_line line;
        cli_jsonl_begin(&line, 1 << 16, "baseline-summary");
        struct ob_json *json = &line.json;
        core_json_uint(json, "recorded", s->recorded);
        core_json_uint(json, "files", s->files);
        core_json_uint(json, "files_read", s->files_hashed);
        core_json_uint(json, "bytes_read", s->bytes_hashed);
        core_json_uint(json, "errors", s->errors);
        core_json_uint(json, "devices", s->devices);
        core_json_uint(json, "devices_changed", s->devices_changed);
        core_json_uint(json, "device_errors", s->device_errors);
        json_counts(json, s);
        if (s->counts[OB_BASELINE_WIPED] > 0)
            core_json_uint(json, "wipe_byte", s->wipe_byte);
        if (s->first_change_ns != 0) {
            char text[64];
            time_text(text, sizeof(text), s->first_change_ns, true);
            core_json_cstring(json, "first_change", text);
            time_text(text, sizeof(text), s->last_change_ns, true);
            core_json_cstring(json, "last_change", text);
        }
        core_json_object_begin(json, "levels");
        core_json_uint(json, "alert", s->findings[OB_LEVEL_ALERT]);
        core_json_uint(json, "warning", s->findings[OB_LEVEL_WARNING]);
        core_json_uint(json, "notice", s->findings[OB_LEVEL_NOTICE]);
        core_json_object_end(json);
        core_json_double(json, "seconds", s->seconds);
        cli_jsonl_end(cli->out, &line);
        return;
    }
    FILE *out = cli->out;
    unsigned long long read = s->files_hashed, files = s->files;
    fprintf(out,
            P_("%llu file checked against the baseline\n",
               "%llu files checked against the baseline\n", files),
            files);
    fprintf(out, P_("%llu file read again\n", "%llu files read again\n", read), read);
    unsigned long long added = s->counts[OB_BASELINE_ADDED];
    unsigned long long removed = s->counts[OB_BASELINE_REMOVED];
    unsigned long long changed = s->counts[OB_BASELINE_CONTENT_CHANGED];
    unsigned long long metadata = s->counts[OB_BASELINE_METADATA];
    if (added > 0)
        fprintf(out, P_("%llu file added\n", "%llu files added\n", added), added);
    if (removed > 0)
        fprintf(out, P_("%llu file removed\n", "%llu files removed\n", removed), removed);
    if (changed > 0)
        fprintf(out,
                P_("%llu file with changed content\n", "%llu files with changed content\n",
                   changed),
                changed);
    if (metadata > 0)
        fprintf(out,
                P_("%llu file with changed permissions, owner or times\n",
                   "%llu files with changed permissions, owner or times\n", metadata),
                metadata);
    human_extent(out, s);
    unsigned long long devices = s->devices, devices_changed = s->devices_changed;
    if (devices > 0)
        fprintf(out,
                P_("boot sectors of %llu device read again\n",
                   "boot sectors of %llu devices read again\n", devices),
                devices);
    if (devices_changed > 0)
        fprintf(out,
                P_("%llu device with changed boot sectors\n",
                   "%llu devices with changed boot sectors\n", devices_changed),
                devices_changed);
    if (s->device_errors > 0)
        fprintf(out,
                P_("boot sectors of %llu device could not be read\n",
                   "boot sectors of %llu devices could not be read\n", s->device_errors),
                (unsigned long long)s->device_errors);
    /* Devices are counted in the findings too; their advice is their own. */
    bool found = s->findings[OB_LEVEL_ALERT] + s->findings[OB_LEVEL_WARNING] > s->devices_found;
    const struct ob_advice_def *advice =
        ob_advice_find(ob_baseline_signals(), found ? "baseline-found" : "baseline-clean");
    if (s->errors > 0)
        fprintf(out,
                P_("%llu file could not be read\n", "%llu files could not be read\n", s->errors),
                (unsigned long long)s->errors);
    if (found || (s->devices_found == 0 && s->device_errors == 0 &&
                  s->counts[OB_BASELINE_ADDED] + s->counts[OB_BASELINE_METADATA] == 0))
        fprintf(out, "%s\n", _(advice->text));
    if (s->devices_found > 0)
        fprintf(out, "%s\n", _(ob_advice_find(ob_baseline_signals(), "baseline-boot-found")->text));
}

static int parse(struct baseline_cli *cli, int argc, char **argv, const char *command)
{
    static const struct option longs[] = {
        {"exclude", required_argument, NULL, 'e'},
        {"threads", required_argument, NULL, 't'},
        {"cross-fs", no_argument, NULL, OPT_CROSS_FS},
        {"scan-special", no_argument, NULL, OPT_SCAN_SPECIAL},
        {"full", no_argument, NULL, OPT_FULL},
        {"other-host", no_argument, NULL, OPT_OTHER_HOST},
        {"device", required_argument, NULL, OPT_DEVICE},
        {NULL, 0, NULL, 0},
    };
    cli_args_init(&cli->args, command,
                  OB_CLI_DB | OB_CLI_FORMAT | OB_CLI_OUTPUT | OB_CLI_QUIET | OB_CLI_VERBOSE);
    int option;
    long number;
    while ((option = cli_getopt(&cli->args, argc, argv, "e:t:", longs)) != -1) {
        switch (option) {
        case 'e':
            if (cli->options.exclude_count == OB_CLI_MAX_LIST)
                return cli_usage_error(command, _("too many --%s (at most %d)"), "exclude",
                                       OB_CLI_MAX_LIST);
            cli->excludes[cli->options.exclude_count++] = optarg;
            break;
        case 't':
            if (!cli_parse_long(optarg, 1, 64, &number))
                return cli_usage_error(command, _("--threads: '%s' is not a number from 1 to 64"),
                                       optarg);
            cli->options.threads = (unsigned)number;
            break;
        case OPT_CROSS_FS: cli->options.cross_filesystems = true; break;
        case OPT_SCAN_SPECIAL: cli->options.scan_special_dirs = true; break;
        case OPT_FULL: cli->options.full = true; break;
        case OPT_OTHER_HOST: cli->options.other_host = true; break;
        case OPT_DEVICE:
            if (strcmp(command, "baseline create") != 0)
                return cli_usage_error(command,
                                       _("--device is for create; verify reads the devices "
                                         "recorded in the baseline"));
            if (cli->options.device_count == OB_BASELINE_MAX_DEVICES)
                return cli_usage_error(command, _("too many --%s (at most %d)"), "device",
                                       OB_BASELINE_MAX_DEVICES);
            cli->devices[cli->options.device_count++] = optarg;
            break;
        default: break;
        }
    }
    cli->options.excludes = cli->excludes;
    cli->options.devices = cli->devices;
    return cli_args_finish(&cli->args, cli_cmd_baseline_help);
}

int cli_cmd_baseline(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "create") != 0 && strcmp(argv[1], "verify") != 0)) {
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
            cli_cmd_baseline_help(stdout);
            return OB_EXIT_CLEAN;
        }
        return cli_usage_error("baseline", _("say 'create' or 'verify'"));
    }
    bool create = strcmp(argv[1], "create") == 0;
    const char *command = create ? "baseline create" : "baseline verify";
    struct baseline_cli cli;
    memset(&cli, 0, sizeof(cli));
    int status = parse(&cli, argc - 1, argv + 1, command);
    if (status >= 0)
        return status;
    const char *const *paths = (const char *const *)argv + 1 + optind;
    size_t path_count = (size_t)(argc - 1 - optind);
    if (create && path_count == 0)
        return cli_usage_error(command, _("name at least one PATH to record"));
    char *default_db = cli.args.db == NULL ? ob_baseline_default_path() : NULL;
    const char *db = cli.args.db != NULL ? cli.args.db : default_db;
    struct ob_context *ctx = ob_context_new(cli_log, &cli.args.log);
    int exit_status = OB_EXIT_ERROR;
    if (db == NULL) {
        cli_error(command, _("no baseline file: give --db FILE (HOME is not set)"));
        goto out;
    }
    if (ctx == NULL) {
        cli_fail(command, NULL, OB_ERR_NOMEM);
        goto out;
    }
    if ((cli.output = cli_output_open(&cli.args, false)) == NULL)
        goto out;
    cli.out = cli_output_stream(cli.output);
    struct ob_baseline_callbacks callbacks = {on_change, on_problem, &cli, on_device_change};
    struct ob_baseline_stats stats;
    enum ob_status result;
    if (create) {
        result = ob_baseline_create(ctx, db, paths, path_count, &cli.options, &callbacks, &stats);
        if (result == OB_OK && cli.args.format == OB_FORMAT_JSONL) {
            struct ob_jsonl_line line;
            cli_jsonl_begin(&line, 1 << 16, "baseline-created");
            json_path(&line.json, "db", db);
            core_json_uint(&line.json, "files", stats.recorded);
            core_json_uint(&line.json, "bytes", stats.bytes_hashed);
            core_json_uint(&line.json, "errors", stats.errors);
            core_json_uint(&line.json, "devices", stats.devices);
            core_json_double(&line.json, "seconds", stats.seconds);
            cli_jsonl_end(cli.out, &line);
        } else if (result == OB_OK) {
            unsigned long long files = stats.recorded;
            struct ob_buffer safe;
            core_buffer_init(&safe, 1 << 20);
            /* TRANSLATORS: the number of files, then the baseline file. */
            fprintf(cli.out, P_("%llu file recorded in %s\n", "%llu files recorded in %s\n", files),
                    files, cli_safe_text(&safe, db));
            unsigned long long devices = stats.devices;
            if (devices > 0)
                fprintf(cli.out,
                        P_("boot sectors of %llu device recorded\n",
                           "boot sectors of %llu devices recorded\n", devices),
                        devices);
            core_buffer_release(&safe);
        }
        exit_status = result == OB_OK ? OB_EXIT_CLEAN : OB_EXIT_ERROR;
    } else {
        result = ob_baseline_verify(ctx, db, paths, path_count, &cli.options, &callbacks, &stats);
        if (result == OB_OK) {
            verify_summary(&cli, &stats);
            exit_status = stats.findings[OB_LEVEL_ALERT] + stats.findings[OB_LEVEL_WARNING] > 0
                              ? OB_EXIT_FOUND
                              : OB_EXIT_CLEAN;
        }
    }
    if (!cli_output_close(cli.output))
        exit_status = OB_EXIT_ERROR;
    cli.output = NULL;
    if (result != OB_OK)
        cli_fail(command, ctx, result);
out:
    cli_output_close(cli.output);
    ob_context_free(ctx);
    free(default_db);
    return exit_status;
}
