/* SPDX-License-Identifier: Apache-2.0 */
/* oberig signals: every reason oberig can give, from the capabilities'
 * signal tables, for people (text), the user guide (markdown), the man
 * pages (man) and scripts (jsonl). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/buffer.h"
#include "core/i18n.h"
#include "core/json.h"
#include "oberig/bootrec.h"
#include "oberig/baseline.h"
#include "oberig/core.h"
#include "oberig/mail.h"
#include "oberig/packages.h"
#include "oberig/persistence.h"
#include "oberig/scan.h"

enum format { FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_MAN, FORMAT_JSONL };

static const struct ob_signal_table *(*const tables[])(void) = {
    ob_scan_signals,     ob_mail_signals,     ob_bootrec_signals,
    ob_packages_signals, ob_baseline_signals, ob_persistence_signals,
};

void cli_cmd_signals_help(FILE *out)
{
    fputs(_("usage: oberig signals [--format text|markdown|man|jsonl] [CAPABILITY] [ID]\n"
            "\n"
            "Lists every reason oberig can give for a finding or a verdict: its id (as\n"
            "in the JSON output), its score, what it means and the explanation shown\n"
            "with it. CAPABILITY is one of: scan, mail, bootrec, packages, baseline,\n"
            "persistence.\n"
            "With an ID, shows that signal alone. The texts are in the language of the\n"
            "messages (--lang).\n"
            "\n"
            "options:\n"
            "  --format FORMAT  text (default), markdown (the user guide's tables),\n"
            "                   man (the man pages' lists) or jsonl (one object a line)\n"),
          out);
    cli_help_every(out, 16);
    fputs(_("\n"
            "examples:\n"
            "  oberig signals mail\n"
            "  oberig signals scan rtlo\n"
            "  oberig signals --format jsonl > signals.jsonl\n"
            "\n"
            "exit status: 0 listed, 1 no such capability or signal, 2 usage error\n"),
          out);
}

/* Markdown table cells: a '|' would end the cell. */
static void put_markdown_cell(FILE *out, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '|')
            fputc('\\', out);
        fputc(*p, out);
    }
}

/* roff: a line starting with '.' or '\'' is a request, and '\\' escapes. */
static void put_roff(FILE *out, const char *text)
{
    bool line_start = true;
    for (const char *p = text; *p != '\0'; p++) {
        if (line_start && (*p == '.' || *p == '\''))
            fputs("\\&", out);
        if (*p == '\\')
            fputs("\\e", out);
        else if (*p == '-')
            fputs("\\-", out);
        else if (*p == '`')
            continue; /* markdown code marks mean nothing in roff */
        else
            fputc(*p, out);
        line_start = *p == '\n';
    }
}

/* An explanation template for people: each printf conversion becomes "…". */
static void put_template(FILE *out, const char *template)
{
    for (const char *p = template; *p != '\0'; p++) {
        if (*p != '%') {
            fputc(*p, out);
        } else if (p[1] == '%') {
            fputc('%', out);
            p++;
        } else {
            while (p[1] != '\0' && strchr("0123456789.$-+ #lhzj", p[1]) != NULL)
                p++;
            if (p[1] != '\0')
                p++;
            fputs("…", out);
        }
    }
}

static void write_jsonl(FILE *out, const struct ob_signal_table *table,
                        const struct ob_signal_def *signal)
{
    struct ob_buffer buffer;
    core_buffer_init(&buffer, 1 << 20);
    struct ob_json json;
    core_json_init(&json, &buffer);
    core_json_object_begin(&json, NULL);
    core_json_cstring(&json, "capability", table->capability);
    core_json_cstring(&json, "id", signal->id);
    if (signal->score == OB_SIGNAL_SCORE_FROM_INDICATOR)
        core_json_null(&json, "score");
    else
        core_json_int(&json, "score", signal->score);
    if (signal->score_max > 0 && signal->score_max > signal->score)
        core_json_int(&json, "score_max", signal->score_max);
    core_json_bool(&json, "per_evidence", (signal->flags & OB_SIGNAL_PER_EVIDENCE) != 0);
    if (signal->score_note != NULL)
        core_json_cstring(&json, "score_note", _(signal->score_note));
    core_json_cstring(&json, "summary", _(signal->summary));
    if (signal->explanation != NULL)
        core_json_cstring(&json, "explanation", _(signal->explanation));
    const struct ob_advice_def *advice = ob_advice_find(table, signal->advice);
    if (advice != NULL) {
        core_json_cstring(&json, "advice_id", advice->id);
        core_json_cstring(&json, "advice", _(advice->text));
    }
    core_json_object_end(&json);
    if (json.status == OB_OK) {
        fwrite(buffer.data, 1, buffer.length, out);
        fputc('\n', out);
    }
    core_buffer_release(&buffer);
}

static void write_signal(FILE *out, enum format format, const struct ob_signal_table *table,
                         const struct ob_signal_def *signal)
{
    char score[160], line[200];
    ob_signal_score_text(signal, score, sizeof(score));
    switch (format) {
    case FORMAT_MARKDOWN:
        fprintf(out, "| `%s` | ", signal->id);
        put_markdown_cell(out, score);
        fputs(" | ", out);
        put_markdown_cell(out, _(signal->summary));
        fputs(" |\n", out);
        break;
    case FORMAT_MAN:
        fputs(".TP\n.B ", out);
        put_roff(out, signal->id);
        fputc('\n', out);
        /* TRANSLATORS: a man page line; %s is the score ("60", "10-30"). */
        snprintf(line, sizeof(line), _("Score: %s"), score);
        put_roff(out, line);
        fputs("\n.br\n", out);
        put_roff(out, _(signal->summary));
        fputc('\n', out);
        break;
    case FORMAT_JSONL: write_jsonl(out, table, signal); break;
    case FORMAT_TEXT:
        fprintf(out, "%s %s\n", table->capability, signal->id);
        /* TRANSLATORS: %s is the score ("60", "10-30", or words). */
        fprintf(out, _("  score: %s\n"), score);
        fprintf(out, "  %s\n", _(signal->summary));
        if (signal->explanation != NULL) {
            fputs(_("  shown as: "), out);
            put_template(out, _(signal->explanation));
            fputc('\n', out);
        }
        const struct ob_advice_def *advice = ob_advice_find(table, signal->advice);
        if (advice != NULL)
            fprintf(out, _("  advice: %s\n"), _(advice->text));
        fputc('\n', out);
        break;
    }
}

static void write_table_start(FILE *out, enum format format)
{
    if (format == FORMAT_MARKDOWN)
        fputs(_("| Signal | Score | What it means |\n"), out);
    if (format == FORMAT_MARKDOWN)
        fputs("|---|---|---|\n", out);
}

int cli_cmd_signals(int argc, char **argv)
{
    static const struct option longs[] = {{NULL, 0, NULL, 0}};
    static const char *const format_names[] = {"text", "markdown", "man", "jsonl"};
    struct ob_cli_args args;
    cli_args_init(&args, "signals", OB_CLI_FORMAT);
    args.own_formats = true; /* text, markdown, man or jsonl */
    while (cli_getopt(&args, argc, argv, "", longs) != -1)
        continue;
    int status = cli_args_finish(&args, cli_cmd_signals_help);
    if (status >= 0)
        return status;
    enum format format = FORMAT_TEXT;
    while (args.format_name != NULL && format <= FORMAT_JSONL &&
           strcmp(args.format_name, format_names[format]) != 0)
        format++;
    if (format > FORMAT_JSONL)
        return cli_usage_error("signals", _("--format: '%s' is not text, markdown, man or jsonl"),
                               args.format_name);
    const char *capability = optind < argc ? argv[optind++] : NULL;
    const char *id = optind < argc ? argv[optind++] : NULL;
    if (optind < argc)
        return cli_usage_error("signals", _("too many arguments"));
    size_t listed = 0;
    bool known_capability = capability == NULL;
    write_table_start(stdout, format);
    for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
        const struct ob_signal_table *table = tables[t]();
        if (capability != NULL && strcmp(capability, table->capability) != 0)
            continue;
        known_capability = true;
        for (size_t i = 0; i < table->signal_count; i++) {
            if (id != NULL && strcmp(id, table->signals[i].id) != 0)
                continue;
            write_signal(stdout, format, table, &table->signals[i]);
            listed++;
        }
    }
    if (!known_capability || listed == 0) {
        if (known_capability)
            cli_error("signals", _("no signal '%s'; 'oberig signals' lists them all"),
                      id != NULL ? id : "");
        else
            cli_error("signals", _("no capability '%s'; 'oberig signals' lists them all"),
                      capability);
        return OB_EXIT_FOUND;
    }
    return OB_EXIT_CLEAN;
}
