/* SPDX-License-Identifier: Apache-2.0 */
/* oberig bootrec: shows the boot records of a disk or disk image (MBR,
 * GPT) and whether the boot code is known, empty, unknown or a message. */
#include <inttypes.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/i18n.h"
#include "oberig/bootrec.h"

void cli_cmd_bootrec_help(FILE *out)
{
    fputs(_("usage: oberig bootrec [options] DEVICE|IMAGE...\n"
            "\n"
            "Reads the first sectors of a disk (/dev/sda) or of a raw disk image and shows\n"
            "its partition table (MBR, and GPT when present) and what its boot code is:\n"
            "a known boot loader (GRUB, SYSLINUX), empty, unknown, or text where code\n"
            "should be, as wipers like WhisperGate leave. A GPT whose header, partition\n"
            "entries or backup header fail their CRC check is reported as damaged.\n"
            "Only the first MiB and the last 64 KiB are read; nothing is written.\n"
            "\n"
            "options:\n"
            "  -f, --format FORMAT    human (default) or jsonl: one JSON object per disk\n"
            "                         (docs/json-schema.md)\n"
            "  -o, --output FILE      write results to FILE instead of standard output\n"),
          out);
    cli_help_every(out, 22);
    fputs(_("\n"
            "exit status: 0 nothing reached WARNING, 1 something did,\n"
            "             2 usage or fatal error (a file too short to be a disk, say)\n"
            "\n"
            "examples:\n"
            "  sudo oberig bootrec /dev/sda\n"
            "  oberig bootrec --format jsonl disk.img\n"),
          out);
}

const char *cli_bootrec_code_words(enum ob_bootrec_code code)
{
    switch (code) {
    case OB_BOOTREC_CODE_KNOWN_GOOD: return _("known boot loader");
    case OB_BOOTREC_CODE_EMPTY: return _("empty (all zero)");
    case OB_BOOTREC_CODE_KNOWN_BAD: return _("text where code should be (known bad)");
    default: return _("unknown");
    }
}

static void human_partitions(FILE *out, struct ob_buffer *safe,
                             const struct ob_bootrec_partition *partitions, size_t count, bool gpt)
{
    for (size_t i = 0; i < count; i++) {
        const struct ob_bootrec_partition *p = &partitions[i];
        if (gpt)
            /* TRANSLATORS: a GPT partition: number, type GUID, first and last
             * sector, name. */
            fprintf(out, _("    %3u  %s  sectors %" PRIu64 "-%" PRIu64 "  \"%s\"\n"), p->number,
                    p->type_guid, p->first_lba, p->last_lba, cli_safe_text(safe, p->name));
        else if (p->bootable)
            /* TRANSLATORS: an MBR partition: number, type, first and last sector. */
            fprintf(out, _("    %3u  type 0x%02x  sectors %" PRIu64 "-%" PRIu64 "  bootable\n"),
                    p->number, p->mbr_type, p->first_lba, p->last_lba);
        else
            fprintf(out, _("    %3u  type 0x%02x  sectors %" PRIu64 "-%" PRIu64 "\n"), p->number,
                    p->mbr_type, p->first_lba, p->last_lba);
    }
}

static const char *check_words(bool checked, bool ok)
{
    return !checked ? _("not checked") : ok ? _("intact") : _("DAMAGED");
}

static void human_gpt(FILE *out, struct ob_buffer *safe, const struct ob_bootrec *b)
{
    if (!b->gpt.present)
        return;
    fprintf(out, _("  GPT (sector size %u bytes), disk %s\n"), b->gpt.sector_size,
            b->gpt.disk_guid[0] != '\0' ? b->gpt.disk_guid : "-");
    fprintf(out, _("    header:            %s\n"), check_words(true, b->gpt.header_ok));
    fprintf(out, _("    partition entries: %s\n"),
            check_words(b->gpt.entries_checked, b->gpt.entries_ok));
    fprintf(out, _("    backup header:     %s\n"),
            check_words(b->gpt.backup_lba != 0, b->gpt.backup_ok));
    fputs(_("  GPT partitions:\n"), out);
    human_partitions(out, safe, b->gpt_partitions, b->gpt_partition_count, true);
}

static void human_bootrec(FILE *out, const char *path, const struct ob_bootrec *b)
{
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    char size[32];
    cli_format_bytes(size, sizeof(size), (double)b->size);
    fprintf(out, _("%s (%s)\n"), cli_safe_text(&safe, path), size);
    fputs(b->mbr_signature ? _("  master boot record: signature 55 AA present\n")
                           : _("  master boot record: no boot signature\n"),
          out);
    fprintf(out, _("  boot code: %s\n"), cli_bootrec_code_words(b->code_class));
    if (b->code_class == OB_BOOTREC_CODE_KNOWN_GOOD) {
        fprintf(out, _("    boot loader: %s\n"), cli_safe_text(&safe, b->known_name));
        fprintf(out, _("    hash taken from: %s\n"), cli_safe_text(&safe, b->known_origin));
    }
    fprintf(out, _("    SHA-256 of the first 440 bytes: %s\n"), b->code_sha256);
    if (b->string_count > 0) {
        fputs(_("    text in the boot code (escaped):\n"), out);
        for (size_t i = 0; i < b->string_count; i++)
            fprintf(out, "      \"%s\"\n", cli_safe_text(&safe, b->text + b->string_offset[i]));
    }
    if (b->mbr_partition_count > 0) {
        fputs(_("  MBR partitions:\n"), out);
        human_partitions(out, &safe, b->mbr_partitions, b->mbr_partition_count, false);
    }
    human_gpt(out, &safe, b);
    const struct ob_signal_table *table = ob_bootrec_signals();
    for (size_t i = 0; i < b->finding_count; i++) {
        const struct ob_bootrec_finding *f = &b->findings[i];
        fprintf(out, "\n%s  ", cli_human_level_words(f->level));
        fprintf(out, P_("score %d\n", "score %d\n", f->score < 0 ? -f->score : f->score), f->score);
        fprintf(out, "  %s: %s\n", f->id, _(table->signals[f->signal].title));
        fprintf(out, "  %s\n", cli_safe_text(&safe, f->explanation));
    }
    bool wiped = b->level >= OB_LEVEL_WARNING;
    const struct ob_advice_def *advice = ob_advice_find(table,
                                                        wiped ? "bootrec-wiped" : "bootrec-clean");
    fprintf(out, "\n%s %s\n", _("What now:"), _(advice->text));
    core_buffer_release(&safe);
}

static void json_partitions(struct ob_json *json, const char *key,
                            const struct ob_bootrec_partition *partitions, size_t count, bool gpt)
{
    core_json_array_begin(json, key);
    for (size_t i = 0; i < count; i++) {
        const struct ob_bootrec_partition *p = &partitions[i];
        core_json_object_begin(json, NULL);
        core_json_uint(json, "number", p->number);
        if (gpt) {
            core_json_cstring(json, "type_guid", p->type_guid);
            core_json_cstring(json, "name", p->name);
        } else {
            core_json_uint(json, "type", p->mbr_type);
            core_json_bool(json, "bootable", p->bootable);
        }
        core_json_uint(json, "first_lba", p->first_lba);
        core_json_uint(json, "last_lba", p->last_lba);
        core_json_object_end(json);
    }
    core_json_array_end(json);
}

void cli_jsonl_bootrec(FILE *out, const char *path, const struct ob_bootrec *b)
{
    struct ob_jsonl_line line;
    cli_jsonl_begin(&line, 1 << 20, "bootrec");
    struct ob_json *json = &line.json;
    core_json_cstring(json, "path", path);
    core_json_uint(json, "size", b->size);
    core_json_bool(json, "mbr_signature", b->mbr_signature);
    core_json_object_begin(json, "boot_code");
    core_json_cstring(json, "class", ob_bootrec_code_name(b->code_class));
    core_json_cstring(json, "sha256_440", b->code_sha256);
    if (b->code_class == OB_BOOTREC_CODE_KNOWN_GOOD) {
        core_json_cstring(json, "known_name", b->known_name);
        core_json_cstring(json, "known_origin", b->known_origin);
    }
    core_json_array_begin(json, "text");
    for (size_t i = 0; i < b->string_count; i++)
        core_json_cstring(json, NULL, b->text + b->string_offset[i]);
    core_json_array_end(json);
    core_json_object_end(json);
    json_partitions(json, "mbr_partitions", b->mbr_partitions, b->mbr_partition_count, false);
    if (b->gpt.present) {
        core_json_object_begin(json, "gpt");
        core_json_uint(json, "sector_size", b->gpt.sector_size);
        core_json_cstring(json, "disk_guid", b->gpt.disk_guid);
        core_json_bool(json, "header_ok", b->gpt.header_ok);
        if (b->gpt.entries_checked)
            core_json_bool(json, "entries_ok", b->gpt.entries_ok);
        else
            core_json_null(json, "entries_ok");
        if (b->gpt.backup_lba != 0)
            core_json_bool(json, "backup_ok", b->gpt.backup_ok);
        else
            core_json_null(json, "backup_ok");
        core_json_uint(json, "entry_count", b->gpt.entry_count);
        json_partitions(json, "partitions", b->gpt_partitions, b->gpt_partition_count, true);
        core_json_object_end(json);
    } else {
        core_json_null(json, "gpt");
    }
    core_json_int(json, "score", b->score);
    core_json_cstring(json, "level", ob_level_name(b->level));
    core_json_array_begin(json, "findings");
    for (size_t i = 0; i < b->finding_count; i++) {
        const struct ob_bootrec_finding *f = &b->findings[i];
        core_json_object_begin(json, NULL);
        core_json_cstring(json, "signal", f->id);
        core_json_int(json, "score", f->score);
        core_json_cstring(json, "level", ob_level_name(f->level));
        core_json_cstring(json, "explanation", f->explanation);
        core_json_object_end(json);
    }
    core_json_array_end(json);
    cli_jsonl_end(out, &line);
}

int cli_cmd_bootrec(int argc, char **argv)
{
    static const struct option longs[] = {{NULL, 0, NULL, 0}};
    struct ob_cli_args args;
    cli_args_init(&args, "bootrec", OB_CLI_FORMAT | OB_CLI_OUTPUT);
    while (cli_getopt(&args, argc, argv, "", longs) != -1)
        continue;
    int exit_status = cli_args_finish(&args, cli_cmd_bootrec_help);
    if (exit_status >= 0)
        return exit_status;
    if (optind >= argc)
        return cli_usage_error("bootrec", _("give a disk or a disk image"));
    exit_status = OB_EXIT_ERROR;
    struct ob_output *output = NULL;
    struct ob_context *ctx = ob_context_new(cli_log, &args.log);
    if (ctx == NULL) {
        cli_fail("bootrec", NULL, OB_ERR_NOMEM);
        goto out;
    }
    output = cli_output_open(&args, false);
    if (output == NULL)
        goto out;
    FILE *out = cli_output_stream(output);
    bool failed = false, found = false;
    for (int i = optind; i < argc; i++) {
        struct ob_bootrec *bootrec = NULL;
        enum ob_status status = ob_bootrec_read(ctx, argv[i], &bootrec);
        if (status != OB_OK) {
            cli_fail("bootrec", ctx, status);
            failed = true;
            continue;
        }
        if (args.format == OB_FORMAT_JSONL)
            cli_jsonl_bootrec(out, argv[i], bootrec);
        else
            human_bootrec(out, argv[i], bootrec);
        found = found || bootrec->level >= OB_LEVEL_WARNING;
        ob_bootrec_free(bootrec);
    }
    exit_status = failed ? OB_EXIT_ERROR : found ? OB_EXIT_FOUND : OB_EXIT_CLEAN;
out:
    if (!cli_output_close(output))
        exit_status = OB_EXIT_ERROR;
    ob_context_free(ctx);
    return exit_status;
}
