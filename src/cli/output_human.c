/* SPDX-License-Identifier: Apache-2.0 */
/* Human output of scan, mail and ioc: plain words first, exact detail after,
 * one palette, and everything taken from outside escaped before it reaches
 * a terminal. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/output.h"
#include "core/i18n.h"
#include "core/text.h"

#define RESET "\033[0m"
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RED "\033[1;31m"
#define YELLOW "\033[1;33m"
#define CYAN "\033[1;36m"
#define GREEN_PLAIN "\033[32m"
#define YELLOW_PLAIN "\033[33m"

void cli_format_bytes(char *out, size_t size, double bytes)
{
    /* TRANSLATORS: units of bytes, as in "12.3 MB". */
    static const char *const units[] = {N_("B"), N_("KB"), N_("MB"), N_("GB"), N_("TB")};
    int unit = 0;
    while (bytes >= 1000.0 && unit < 4) {
        bytes /= 1000.0;
        unit++;
    }
    if (unit == 0)
        snprintf(out, size, "%.0f %s", bytes, _(units[unit]));
    else
        snprintf(out, size, "%.1f %s", bytes, _(units[unit]));
}

const char *cli_safe_text(struct ob_buffer *safe, const char *text)
{
    core_buffer_reset(safe, 1 << 20);
    if (text == NULL)
        return "";
    if (core_text_append_terminal_safe(safe, text, strlen(text)) != OB_OK)
        return _("(unprintable)");
    return core_buffer_str(safe);
}

/* Bytes kept at each end of a path shortened for people. */
enum { PATH_SHOWN_LIMIT = 1024, PATH_SHOWN_END = 320 };

/* Moves `at` back to the start of a UTF-8 character. */
static size_t character_start(const char *text, size_t at)
{
    while (at > 0 && ((unsigned char)text[at] & 0xc0) == 0x80)
        at--;
    return at;
}

const char *cli_safe_path(struct ob_buffer *safe, const char *path)
{
    const char *whole = cli_safe_text(safe, path);
    size_t length = strlen(whole);
    if (length <= PATH_SHOWN_LIMIT)
        return whole;
    size_t head = character_start(whole, PATH_SHOWN_END);
    size_t tail = character_start(whole, length - PATH_SHOWN_END);
    size_t folders = 0;
    for (size_t i = head; i < tail; i++)
        folders += whole[i] == '/';
    /* Built here, then put in `safe`, which holds the whole path until then. */
    char shown[2 * PATH_SHOWN_END + 512];
    /* TRANSLATORS: in the middle of a path too long to show whole; the
     * machine-readable output (--format jsonl) has all of it. */
    snprintf(
        shown, sizeof(shown),
        P_("%.*s [... %zu bytes, %zu folder left out; --format jsonl has the whole path ...] %s",
           "%.*s [... %zu bytes, %zu folders left out; --format jsonl has the whole path ...] %s",
           folders),
        (int)head, whole, tail - head, folders, whole + tail);
    core_buffer_reset(safe, 1 << 20);
    return core_buffer_append_str(safe, shown) == OB_OK ? core_buffer_str(safe)
                                                        : _("(unprintable)");
}

/* Prints untrusted text safely. */
void cli_put_safe(FILE *out, const char *text)
{
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    fputs(cli_safe_text(&safe, text), out);
    core_buffer_release(&safe);
}

/* A text of a signal or advice table in the language of messages (gettext
 * would answer "" with its catalog's header). */
static const char *table_text(const char *text)
{
    return text != NULL && text[0] != '\0' ? _(text) : text;
}

static const char *level_color(enum ob_level level)
{
    switch (level) {
    case OB_LEVEL_ALERT: return RED;
    case OB_LEVEL_WARNING: return YELLOW;
    default: return CYAN;
    }
}

const char *cli_human_level_words(enum ob_level level)
{
    switch (level) {
    /* TRANSLATORS: the level of a finding and what it means; the three line
     * up (the codes ALERT, WARNING, NOTICE stay as they are in JSON only). */
    case OB_LEVEL_ALERT: return _("ALERT   - very likely malicious");
    case OB_LEVEL_WARNING: return _("WARNING - suspicious, look closer");
    default: return _("NOTICE  - unusual, probably harmless");
    }
}

static const char *signal_words(enum ob_signal signal)
{
    const struct ob_signal_def *def = ob_scan_signal(signal);
    return def != NULL && def->title != NULL ? _(def->title) : _("was flagged");
}

/* Where a reason came from: a rule or list file as it is, or for a built-in
 * check its name ("file name check"), which is a text of ours. */
static const char *reason_source(const struct ob_reason *reason)
{
    const struct ob_signal_def *def = ob_scan_signal(reason->signal);
    bool builtin = def != NULL && def->score != OB_SIGNAL_SCORE_FROM_INDICATOR;
    return builtin ? table_text(reason->source) : reason->source;
}

/* The visits of a browser history finding, the first few of them listed. */
static void human_history(FILE *out, const struct ob_history_hit *history, struct ob_buffer *safe)
{
    char first[32], last[32];
    cli_iso_time(history->first, first, sizeof(first));
    cli_iso_time(history->last, last, sizeof(last));
    fprintf(out,
            /* TRANSLATORS: the browser ("firefox", "chrome", ...), the number of
             * visits, then the times of the first and last. */
            P_("  browser %s: %llu visit, from %s to %s\n",
               "  browser %s: %llu visits, from %s to %s\n", history->visits),
            history->browser, (unsigned long long)history->visits, history->first > 0 ? first : "?",
            history->last > 0 ? last : "?");
    size_t listed = history->shown_count < 5 ? history->shown_count : 5;
    for (size_t i = 0; i < listed; i++) {
        const struct ob_history_visit *visit = &history->shown[i];
        char time[32] = "?";
        if (visit->time > 0)
            cli_iso_time(visit->time, time, sizeof(time));
        fprintf(out, "    %s  %s", time, cli_safe_text(safe, visit->url));
        if (visit->title[0] != '\0')
            fprintf(out, "  \"%s\"", cli_safe_text(safe, visit->title));
        fputc('\n', out);
    }
    if (history->visits > listed)
        fprintf(out,
                P_("    ... and %llu more visit\n", "    ... and %llu more visits\n",
                   history->visits - listed),
                (unsigned long long)(history->visits - listed));
}

void cli_human_finding(const struct ob_human *human, const struct ob_finding *finding)
{
    FILE *out = human->out;
    bool color = human->color;
    const char *on = color ? level_color(finding->level) : "";
    const char *off = color ? RESET : "";
    const char *dim = color ? DIM : "";
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    fprintf(out, "%s%s%s  ", on, cli_human_level_words(finding->level), off);
    /* TRANSLATORS: the score of a finding, after its level. */
    fprintf(out, P_("score %d\n", "score %d\n", abs(finding->score)), finding->score);
    /* TRANSLATORS: "file:" and "inside:" (a file in an archive) line up. */
    fprintf(out, _("  file:   %s%s%s\n"), color ? BOLD : "", cli_safe_path(&safe, finding->path),
            off);
    if (finding->member != NULL)
        fprintf(out, _("  inside: %s\n"), cli_safe_text(&safe, finding->member));
    fprintf(out, "  %s", dim);
    if (finding->type != NULL && finding->type[0] != '\0')
        /* TRANSLATORS: the size of a file, then its type as libmagic says it. */
        fprintf(out, P_("size %llu byte, type %s", "size %llu bytes, type %s", finding->size),
                (unsigned long long)finding->size, cli_safe_text(&safe, finding->type));
    else
        fprintf(out, P_("size %llu byte", "size %llu bytes", finding->size),
                (unsigned long long)finding->size);
    fprintf(out, "%s\n", off);
    fprintf(out, "  %smd5 %s  sha1 %s\n  sha256 %s%s\n", dim, finding->md5, finding->sha1,
            finding->sha256, off);
    if (finding->process != NULL) {
        /* TRANSLATORS: a running process: its id and its name. */
        fprintf(out, _("  process %d (%s)"), finding->process->pid,
                cli_safe_text(&safe, finding->process->name));
        fputc('\n', out);
    }
    if (finding->history != NULL)
        human_history(out, finding->history, &safe);
    fputs(_("  why:\n"), out);
    for (size_t i = 0; i < finding->reason_count; i++) {
        const struct ob_reason *reason = &finding->reasons[i];
        fprintf(out,
                /* TRANSLATORS: one reason of a finding: what it shows ("hides its
                 * real extension"), the signal's id, its score; the name of the rule
                 * or indicator follows. */
                P_("  - %s (%s, score %+d): %s\n", "  - %s (%s, score %+d): %s\n",
                   abs(reason->score)),
                signal_words(reason->signal), ob_signal_name(reason->signal), reason->score,
                cli_safe_text(&safe, reason->name));
        if (reason->description != NULL && reason->description[0] != '\0')
            fprintf(out, "      %s\n", cli_safe_text(&safe, reason->description));
        if (reason->campaign != NULL)
            fprintf(out, _("      campaign: %s\n"), cli_safe_text(&safe, reason->campaign));
        if (reason->source != NULL && reason->source[0] != '\0') {
            fprintf(out, "      %s", dim);
            /* TRANSLATORS: where a reason came from: a rule or list file, or
             * one of oberig's own checks. */
            fprintf(out, _("from %s"), cli_safe_text(&safe, reason_source(reason)));
            fprintf(out, "%s\n", off);
        }
    }
    fputc('\n', out);
    core_buffer_release(&safe);
}

void cli_human_problem(const struct ob_human *human, const struct ob_scan_problem *problem)
{
    FILE *out = human->out;
    bool color = human->color;
    fprintf(out, "oberig: %s%s%s: ", color && problem->is_error ? YELLOW : "",
            problem->is_error ? _("error") : _("notice"), color && problem->is_error ? RESET : "");
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    fputs(cli_safe_path(&safe, problem->path), out);
    core_buffer_release(&safe);
    if (problem->member != NULL) {
        fputs(" -> ", out);
        cli_put_safe(out, problem->member);
    }
    fprintf(out, ": %s\n", problem->message);
}

/* A store source the publisher dated, or with indicators for the lookup:
 * its publisher and both dates. */
static void human_store_set(FILE *out, const struct ob_cli_set *set, const char *name,
                            struct ob_buffer *safe_publisher)
{
    size_t n = set->count;
    char published[32], imported[32];
    if (!cli_format_date(set->imported, imported, sizeof(imported)))
        snprintf(imported, sizeof(imported), "?");
    const char *publisher = cli_safe_text(safe_publisher, set->publisher);
    /* TRANSLATORS: the store source's name, its publisher, how many of its
     * indicators are used, the dates (YYYY-MM-DD) it was published and
     * imported. */
    if (cli_format_date(set->published, published, sizeof(published)) && publisher[0] != '\0')
        fprintf(out,
                P_("oberig: indicator store source '%s' (%s): %zu indicator, published %s, "
                   "imported %s\n",
                   "oberig: indicator store source '%s' (%s): %zu indicators, published %s, "
                   "imported %s\n",
                   n),
                name, publisher, n, published, imported);
    else if (published[0] != '\0')
        fprintf(out,
                P_("oberig: indicator store source '%s': %zu indicator, published %s, imported "
                   "%s\n",
                   "oberig: indicator store source '%s': %zu indicators, published %s, imported "
                   "%s\n",
                   n),
                name, n, published, imported);
    else
        fprintf(out,
                P_("oberig: indicator store source '%s': %zu indicator, publication date not "
                   "given, imported %s\n",
                   "oberig: indicator store source '%s': %zu indicators, publication date not "
                   "given, imported %s\n",
                   n),
                name, n, imported);
}

/* One line per rule or indicator set: its name, count and date. */
static void human_sets(FILE *out, const struct ob_cli_sources *sources)
{
    struct ob_buffer safe, safe_publisher;
    core_buffer_init(&safe, 1 << 16);
    core_buffer_init(&safe_publisher, 1 << 16);
    for (size_t i = 0; i < sources->set_count; i++) {
        const struct ob_cli_set *set = &sources->sets[i];
        const char *name = cli_safe_text(&safe, set->name);
        if (set->kind == OB_CLI_SET_STORE && set->expired > 0)
            fprintf(out,
                    /* TRANSLATORS: a count, then the store source's name. */
                    P_("oberig: %zu indicator of source '%s' is past its valid_until: kept, not "
                       "used\n",
                       "oberig: %zu indicators of source '%s' are past their valid_until: kept, "
                       "not used\n",
                       set->expired),
                    set->expired, name);
        if (set->kind == OB_CLI_SET_STORE && (set->published != 0 || set->network)) {
            human_store_set(out, set, name, &safe_publisher);
            continue;
        }
        size_t n = set->count;
        enum ob_cli_set_kind kind = set->kind;
        char date[32];
        if (kind == OB_CLI_SET_STORED_RULES) {
            if (cli_set_date(set, date, sizeof(date)))
                /* TRANSLATORS: %s the store source, %zu its rules, %s the
                 * date (YYYY-MM-DD) of its last import. */
                fprintf(out,
                        P_("oberig: kept rules of source '%s': %zu YARA rule, imported %s\n",
                           "oberig: kept rules of source '%s': %zu YARA rules, imported %s\n", n),
                        name, n, date);
            else
                fprintf(out,
                        P_("oberig: kept rules of source '%s': %zu YARA rule, import date "
                           "unknown\n",
                           "oberig: kept rules of source '%s': %zu YARA rules, import date "
                           "unknown\n",
                           n),
                        name, n);
            continue;
        }
        if (cli_set_date(set, date, sizeof(date)))
            fprintf(
                out,
                kind == OB_CLI_SET_RULES
                    /* TRANSLATORS: %s the --rules path, --iocs folder or store
                     * source, %zu its rules or indicators, %s the date
                     * (YYYY-MM-DD) of its newest file or last import. */
                    ? P_("oberig: rules '%s': %zu YARA rule, newest file dated %s\n",
                         "oberig: rules '%s': %zu YARA rules, newest file dated %s\n", n)
                    : kind == OB_CLI_SET_IOCS
                          ? P_("oberig: indicator lists '%s': %zu indicator, newest file dated "
                               "%s\n",
                               "oberig: indicator lists '%s': %zu indicators, newest file dated "
                               "%s\n",
                               n)
                          : P_("oberig: indicator store source '%s': %zu file indicator, imported "
                               "%s\n",
                               "oberig: indicator store source '%s': %zu file indicators, imported "
                               "%s\n",
                               n),
                name, n, date);
        else
            fprintf(out,
                    kind == OB_CLI_SET_RULES
                        ? P_("oberig: rules '%s': %zu YARA rule, date unknown\n",
                             "oberig: rules '%s': %zu YARA rules, date unknown\n", n)
                    : kind == OB_CLI_SET_IOCS
                        ? P_("oberig: indicator lists '%s': %zu indicator, date unknown\n",
                             "oberig: indicator lists '%s': %zu indicators, date unknown\n", n)
                        : P_("oberig: indicator store source '%s': %zu file indicator, import "
                             "date unknown\n",
                             "oberig: indicator store source '%s': %zu file indicators, import "
                             "date unknown\n",
                             n),
                    name, n);
    }
    core_buffer_release(&safe);
    core_buffer_release(&safe_publisher);
}

void cli_human_start(FILE *out, const struct ob_run_info *info)
{
    const struct ob_rules_counts *rules = &info->sources->rule_counts;
    const struct ob_indicator_counts *iocs = &info->sources->ioc_counts;
    /* Each sentence takes its plural form from one count (the last noun's);
     * a translation may give the other counts as "rules: 3". */
    if (rules->files_loaded + rules->files_failed > 0 && rules->files_failed == 0)
        fprintf(out,
                P_("oberig: loaded %zu YARA rules from %zu file\n",
                   "oberig: loaded %zu YARA rules from %zu files\n", rules->files_loaded),
                rules->rules, rules->files_loaded);
    else if (rules->files_loaded + rules->files_failed > 0)
        fprintf(out,
                P_("oberig: loaded %zu YARA rules from %zu file (some files were skipped, see "
                   "above)\n",
                   "oberig: loaded %zu YARA rules from %zu files (some files were skipped, see "
                   "above)\n",
                   rules->files_loaded),
                rules->rules, rules->files_loaded);
    if (info->sources->iocs != NULL)
        fprintf(out,
                P_("oberig: loaded %zu hash, %zu file-name and %zu C2 indicators, %zu known-good "
                   "hashes (%zu malformed line skipped)\n",
                   "oberig: loaded %zu hash, %zu file-name and %zu C2 indicators, %zu known-good "
                   "hashes (%zu malformed lines skipped)\n",
                   iocs->malformed_lines),
                iocs->hashes[0] + iocs->hashes[1] + iocs->hashes[2],
                iocs->filename_patterns + iocs->file_names, iocs->c2_entries,
                iocs->false_positive_hashes, iocs->malformed_lines);
    if (info->sources->store_used)
        fprintf(out,
                P_("oberig: of these, %zu file indicator comes from the indicator store\n",
                   "oberig: of these, %zu file indicators come from the indicator store\n",
                   info->sources->store_indicators),
                info->sources->store_indicators);
    human_sets(out, info->sources);
}

void cli_human_levels(FILE *out, const uint64_t findings[4])
{
    fprintf(out,
            /* TRANSLATORS: the counts of findings by level, as labels; the plural
             * form follows the number of alerts. */
            P_("  findings  %llu alert, %llu warning, %llu notice\n",
               "  findings  %llu alert, %llu warning, %llu notice\n", findings[OB_LEVEL_ALERT]),
            (unsigned long long)findings[OB_LEVEL_ALERT],
            (unsigned long long)findings[OB_LEVEL_WARNING],
            (unsigned long long)findings[OB_LEVEL_NOTICE]);
}

/* The span of modification times in UTC: "2022-01-14 14:02" and "14:09 UTC",
 * or the second in full when the day differs. */
static void time_span(int64_t first, int64_t last, char *from, char *to, size_t size)
{
    time_t a = (time_t)first, b = (time_t)last;
    struct tm ta, tb;
    from[0] = to[0] = '\0';
    if (gmtime_r(&a, &ta) == NULL || gmtime_r(&b, &tb) == NULL)
        return;
    bool same_day = ta.tm_year == tb.tm_year && ta.tm_yday == tb.tm_yday;
    if (strftime(from, size, "%Y-%m-%d %H:%M", &ta) == 0 ||
        strftime(to, size, same_day ? "%H:%M UTC" : "%Y-%m-%d %H:%M UTC", &tb) == 0)
        from[0] = to[0] = '\0';
}

/* When several files show the same wiper damage: the pattern and its
 * extent, in one sentence. */
static void wiper_extent(FILE *out, const struct ob_scan_stats *stats,
                         const struct ob_wiper_extent *wiper)
{
    char bytes[96], from[48], to[48];
    size_t used = 0;
    bytes[0] = '\0';
    for (size_t i = 0; i < wiper->pattern_length && used + 6 <= sizeof(bytes); i++)
        used += (size_t)snprintf(bytes + used, sizeof(bytes) - used, "%s0x%02X", i ? " " : "",
                                 wiper->pattern[i]);
    unsigned long long n = wiper->files, of = stats->files, renamed = wiper->renamed;
    bool one = wiper->pattern_length == 1;
    if (n >= 2) {
        time_span(wiper->mtime_first, wiper->mtime_last, from, to, sizeof(from));
        if (renamed == n && one)
            fprintf(out,
                    /* TRANSLATORS: a line of the summary; %s are the byte ("0xCC") and
                     * two times ("2022-01-14 14:02", "14:09 UTC"). The plural form
                     * follows the first count. */
                    P_("  damage    %llu of %llu file overwritten with the byte %s at the start "
                       "and renamed with random extensions, modified between %s and %s\n",
                       "  damage    %llu of %llu files overwritten with the byte %s at the start "
                       "and renamed with random extensions, modified between %s and %s\n",
                       n),
                    n, of, bytes, from, to);
        else if (renamed == n)
            fprintf(out,
                    /* TRANSLATORS: a line of the summary; %s are the bytes ("0x00 0xFF")
                     * and two times. The plural form follows the first count. */
                    P_("  damage    %llu of %llu file overwritten with the bytes %s repeated at "
                       "the start and renamed with random extensions, modified between %s and "
                       "%s\n",
                       "  damage    %llu of %llu files overwritten with the bytes %s repeated at "
                       "the start and renamed with random extensions, modified between %s and "
                       "%s\n",
                       n),
                    n, of, bytes, from, to);
        else if (renamed == 0 && one)
            fprintf(out,
                    /* TRANSLATORS: a line of the summary; %s are the byte ("0xCC") and
                     * two times. The plural form follows the first count. */
                    P_("  damage    %llu of %llu file overwritten with the byte %s at the start, "
                       "modified between %s and %s\n",
                       "  damage    %llu of %llu files overwritten with the byte %s at the start, "
                       "modified between %s and %s\n",
                       n),
                    n, of, bytes, from, to);
        else if (renamed == 0)
            fprintf(out,
                    /* TRANSLATORS: a line of the summary; %s are the bytes ("0x00 0xFF")
                     * and two times. The plural form follows the first count. */
                    P_("  damage    %llu of %llu file overwritten with the bytes %s repeated at "
                       "the start, modified between %s and %s\n",
                       "  damage    %llu of %llu files overwritten with the bytes %s repeated at "
                       "the start, modified between %s and %s\n",
                       n),
                    n, of, bytes, from, to);
        else if (one)
            fprintf(out,
                    /* TRANSLATORS: a line of the summary; the third count is how many of
                     * the overwritten files were also renamed; %s are the byte ("0xCC")
                     * and two times. The plural form follows the first count. */
                    P_("  damage    %llu of %llu file overwritten with the byte %s at the start, "
                       "%llu of them also renamed with random extensions, modified between %s "
                       "and %s\n",
                       "  damage    %llu of %llu files overwritten with the byte %s at the start, "
                       "%llu of them also renamed with random extensions, modified between %s "
                       "and %s\n",
                       n),
                    n, of, bytes, renamed, from, to);
        else
            fprintf(out,
                    /* TRANSLATORS: as the line before, with the bytes ("0x00 0xFF") of
                     * a repeated pattern. */
                    P_("  damage    %llu of %llu file overwritten with the bytes %s repeated at "
                       "the start, %llu of them also renamed with random extensions, modified "
                       "between %s and %s\n",
                       "  damage    %llu of %llu files overwritten with the bytes %s repeated at "
                       "the start, %llu of them also renamed with random extensions, modified "
                       "between %s and %s\n",
                       n),
                    n, of, bytes, renamed, from, to);
    } else if (wiper->renamed_total >= 2) {
        time_span(wiper->renamed_first, wiper->renamed_last, from, to, sizeof(from));
        fprintf(out,
                /* TRANSLATORS: a line of the summary; %s are two times
                 * ("2022-01-14 14:02", "14:09 UTC"). The plural form follows the first
                 * count. */
                P_("  damage    %llu of %llu file renamed with a random extension after its own, "
                   "modified between %s and %s\n",
                   "  damage    %llu of %llu files renamed with random extensions after their "
                   "own, modified between %s and %s\n",
                   (unsigned long long)wiper->renamed_total),
                (unsigned long long)wiper->renamed_total, of, from, to);
    }
    if (wiper->system_damaged >= 2)
        fprintf(out,
                /* TRANSLATORS: a line of the summary, below the other damage lines. */
                P_("  damage    %llu system program or library emptied or overwritten\n",
                   "  damage    %llu system programs and libraries emptied or overwritten\n",
                   (unsigned long long)wiper->system_damaged),
                (unsigned long long)wiper->system_damaged);
}

void cli_human_summary(const struct ob_human *human, const struct ob_scan_stats *stats,
                       const struct ob_scan_options *options, const struct ob_wiper_extent *wiper)
{
    FILE *out = human->out;
    bool color = human->color;
    char bytes[32], rate[32];
    cli_format_bytes(bytes, sizeof(bytes), (double)stats->bytes);
    double seconds = stats->seconds > 0 ? stats->seconds : 1e-9;
    cli_format_bytes(rate, sizeof(rate), (double)stats->bytes / seconds);
    const char *bold = color ? BOLD : "", *off = color ? RESET : "";
    fprintf(out, "%s%s%s\n", bold, _("summary"), off);
    fprintf(out,
            /* TRANSLATORS: the labels of the summary (scanned, findings, errors,
             * skipped) line up; the plural form follows the number of files, and a
             * translation may give the other counts as "files in archives: 3". */
            P_("  scanned   %llu file (%s) and %llu archive members in %.1f s (%s/s)\n",
               "  scanned   %llu files (%s) and %llu archive members in %.1f s (%s/s)\n",
               stats->files),
            (unsigned long long)stats->files, bytes, (unsigned long long)stats->members,
            stats->seconds, rate);
    if (stats->files_from_state > 0)
        fprintf(out,
                /* TRANSLATORS: the plural form follows the number of files taken from
                 * the scan state (--state); the second count is of files read. */
                P_("  state     %llu file unchanged since the last scan, not read again; "
                   "%llu read\n",
                   "  state     %llu files unchanged since the last scan, not read again; "
                   "%llu read\n",
                   stats->files_from_state),
                (unsigned long long)stats->files_from_state,
                (unsigned long long)(stats->files - stats->files_from_state));
    cli_human_levels(out, stats->findings);
    if (stats->errors > 0)
        fprintf(out,
                P_("  errors    %llu (files that could not be read or fully scanned; see "
                   "stderr)\n",
                   "  errors    %llu (files that could not be read or fully scanned; see "
                   "stderr)\n",
                   stats->errors),
                (unsigned long long)stats->errors);
    else
        fputs(_("  errors    0\n"), out);
    char limit[32];
    double mib = (double)options->max_file_size / (1024.0 * 1024.0);
    if (mib >= 1.0)
        snprintf(limit, sizeof(limit), _("%.4g MiB"), mib);
    else
        snprintf(limit, sizeof(limit), P_("%llu byte", "%llu bytes", options->max_file_size),
                 (unsigned long long)options->max_file_size);
    fprintf(out,
            /* TRANSLATORS: %s is the size limit ("64 MiB"); the plural form follows
             * the first count, and a translation may give the others as labels. */
            P_("  skipped   %llu larger than %s, %llu links or special files, %llu excluded,\n"
               "            %llu on other or system file systems, %llu known-good "
               "(false-positive hashes),\n"
               "            %llu archives cut short by a safety limit\n",
               "  skipped   %llu larger than %s, %llu links or special files, %llu excluded,\n"
               "            %llu on other or system file systems, %llu known-good "
               "(false-positive hashes),\n"
               "            %llu archives cut short by a safety limit\n",
               stats->skipped_size),
            (unsigned long long)stats->skipped_size, limit, (unsigned long long)stats->skipped_type,
            (unsigned long long)stats->skipped_excluded,
            (unsigned long long)stats->skipped_filesystem,
            (unsigned long long)stats->skipped_false_positive,
            (unsigned long long)stats->archive_limits);
    if (options->trusted_md5 != NULL)
        fprintf(out,
                /* TRANSLATORS: lines up under "skipped"; the files were read and their
                 * hashes and names checked, only the rules were not run on them. */
                P_("            %llu file verified unchanged against its package, not matched "
                   "against rules (--trust-packages)\n",
                   "            %llu files verified unchanged against their packages, not "
                   "matched against rules (--trust-packages)\n",
                   stats->skipped_trusted),
                (unsigned long long)stats->skipped_trusted);
    if (wiper != NULL)
        wiper_extent(out, stats, wiper);
    fputc('\n', out);
    bool unread = ob_scan_stats_nothing_read(stats);
    if (unread)
        fputs(_("The result is empty: nothing could be read.\n\n"), out);
    else if (stats->errors > 0)
        fprintf(out,
                P_("The result is incomplete: %llu file or archive member could not be read "
                   "or fully scanned (see the errors above).\n\n",
                   "The result is incomplete: %llu files or archive members could not be read "
                   "or fully scanned (see the errors above).\n\n",
                   stats->errors),
                (unsigned long long)stats->errors);
    const char *advice = stats->findings[OB_LEVEL_ALERT] + stats->findings[OB_LEVEL_WARNING] > 0
                             ? "scan-found"
                         : unread                               ? "scan-unread"
                         : stats->findings[OB_LEVEL_NOTICE] > 0 ? "scan-notice"
                         : stats->errors > 0                    ? "scan-incomplete"
                                                                : "scan-clean";
    fprintf(out, "%s%s%s %s\n", bold, _("What now:"), off,
            table_text(ob_advice_find(ob_scan_signals(), advice)->text));
}

/* ---- mail --------------------------------------------------------------------- */

static const char *verdict_color(enum ob_mail_verdict verdict)
{
    switch (verdict) {
    case OB_MAIL_PHISHING: return RED;
    case OB_MAIL_SUSPICIOUS: return YELLOW_PLAIN;
    default: return GREEN_PLAIN;
    }
}

static const char *verdict_words(enum ob_mail_verdict verdict)
{
    switch (verdict) {
    /* TRANSLATORS: the verdict on a message, in capitals (the codes phishing,
     * suspicious and clean stay as they are in JSON only). */
    case OB_MAIL_PHISHING: return _("PHISHING");
    case OB_MAIL_SUSPICIOUS: return _("SUSPICIOUS");
    default: return _("NO SIGNS FOUND");
    }
}

void cli_human_mail_result(const struct ob_human *human, const struct ob_mail_result *result)
{
    FILE *out = human->out;
    const char *on = human->color ? verdict_color(result->verdict) : "";
    const char *off = human->color ? RESET : "";
    const char *dim = human->color ? DIM : "";
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    fprintf(out, "%s%s%s  ", on, verdict_words(result->verdict), off);
    /* TRANSLATORS: the score of a message, then where it was read from. */
    fprintf(out, P_("score %d  %s\n", "score %d  %s\n", abs(result->score)), result->score,
            cli_safe_text(&safe, result->source));
    /* TRANSLATORS: "from:" (the sender) and "subject:" line up. */
    fprintf(out, _("  from:    %s\n"),
            result->from[0] ? cli_safe_text(&safe, result->from) : _("(none)"));
    fprintf(out, _("  subject: %s\n"),
            result->subject[0] ? cli_safe_text(&safe, result->subject) : _("(none)"));
    if (result->reason_count > 0)
        fputs(_("  why:\n"), out);
    for (size_t i = 0; i < result->reason_count; i++) {
        const struct ob_mail_reason *reason = &result->reasons[i];
        fprintf(out, "  - (%+d) ", reason->score);
        cli_put_safe(out, reason->explanation);
        fputc('\n', out);
        if (human->verbose && reason->evidence[0] != '\0') {
            fprintf(out, "      %s%s: ", dim, reason->signal);
            cli_put_safe(out, reason->evidence);
            fprintf(out, "%s\n", off);
        }
    }
    /* Defanged, so that pasting them anywhere makes no link; context (a
     * brand's own site, CDNs, tracking) left out. */
    bool shown = false;
    char defanged[8192];
    int width = 12; /* the kinds in one column: the longest shown */
    for (size_t i = 0; i < result->indicator_count; i++)
        if (result->indicators[i].context == NULL &&
            strlen(result->indicators[i].kind) > (size_t)width)
            width = (int)strlen(result->indicators[i].kind);
    for (size_t i = 0; i < result->indicator_count; i++) {
        const struct ob_mail_indicator *indicator = &result->indicators[i];
        if (result->verdict == OB_MAIL_CLEAN && !human->verbose)
            break;
        if (indicator->context != NULL)
            continue;
        if (!shown)
            fputs(_("  to share with your helpline:\n"), out);
        shown = true;
        fprintf(out, "    %-*s ", width, indicator->kind);
        (void)ob_mail_defang(indicator->kind, indicator->value, defanged, sizeof(defanged));
        cli_put_safe(out, defanged);
        if (indicator->ascii != NULL) {
            (void)ob_mail_defang(indicator->kind, indicator->ascii, defanged, sizeof(defanged));
            fputs("  ", out);
            /* TRANSLATORS: the same domain, link or address with its host
             * in punycode (ASCII letters only), after its form as written */
            fprintf(out, _("(ASCII: %s)"), cli_safe_text(&safe, defanged));
        }
        if (indicator->sha256 != NULL) {
            fputs("  sha256 ", out);
            cli_put_safe(out, indicator->sha256);
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < result->notice_count; i++) {
        fprintf(out, "  %s", dim);
        fprintf(out, _("note: %s"), cli_safe_text(&safe, result->notices[i]));
        fprintf(out, "%s\n", off);
    }
    /* The library wrote the advice in the language of messages. */
    fprintf(out, _("  what to do now: %s\n\n"), result->advice);
    core_buffer_release(&safe);
}

void cli_human_mail_summary(const struct ob_human *human, const struct ob_mail_stats *stats)
{
    fprintf(human->out,
            /* TRANSLATORS: the plural form follows the number of messages; a
             * translation may give the other counts as labels ("phishing: 1"). */
            P_("summary: %llu message in %.2f s: %llu phishing, %llu suspicious, %llu with no "
               "signs found; %llu inputs unreadable, %llu files passed over (not mail)\n",
               "summary: %llu messages in %.2f s: %llu phishing, %llu suspicious, %llu with no "
               "signs found; %llu inputs unreadable, %llu files passed over (not mail)\n",
               stats->messages),
            (unsigned long long)stats->messages, stats->seconds,
            (unsigned long long)stats->verdicts[OB_MAIL_PHISHING],
            (unsigned long long)stats->verdicts[OB_MAIL_SUSPICIOUS],
            (unsigned long long)stats->verdicts[OB_MAIL_CLEAN], (unsigned long long)stats->errors,
            (unsigned long long)stats->skipped);
    if (stats->errors > 0 && !ob_mail_stats_nothing_read(stats))
        fprintf(human->out,
                P_("The result is incomplete: %llu input could not be read, so the messages "
                   "in it were not checked.\n",
                   "The result is incomplete: %llu inputs could not be read, so the messages "
                   "in them were not checked.\n",
                   stats->errors),
                (unsigned long long)stats->errors);
}

/* ---- ioc ---------------------------------------------------------------------- */

void cli_human_ioc_import(const struct ob_human *human, const struct ob_ioc_import_report *report,
                          double seconds)
{
    FILE *out = human->out;
    size_t records = report->records, added = report->added;
    fprintf(out,
            P_("imported %zu indicator record in %.2f s: %zu new, %zu already known\n",
               "imported %zu indicator records in %.2f s: %zu new, %zu already known\n", records),
            records, seconds, added, records - added);
    fprintf(out, P_("%zu file read\n", "%zu files read\n", report->files), report->files);
    if (report->signer[0] != '\0') {
        /* TRANSLATORS: followed by an OpenPGP key fingerprint. */
        fprintf(out, "%s ", _("the bundle's signature is good, made by the key:"));
        cli_put_safe(out, report->signer);
        fputc('\n', out);
    }
    for (int type = 0; type < OB_IOC_TYPE_COUNT; type++)
        if (report->by_type[type] > 0)
            fprintf(out, "  %-26s %zu\n", ob_ioc_type_name(type), report->by_type[type]);
    if (report->unsupported > 0)
        fprintf(out,
                P_("%zu indicator not imported: of a kind oberig does not use\n",
                   "%zu indicators not imported: of a kind oberig does not use\n",
                   report->unsupported),
                report->unsupported);
    if (report->invalid > 0)
        fprintf(out,
                P_("%zu indicator not imported: its value is not valid for its type (see the "
                   "warnings)\n",
                   "%zu indicators not imported: their values are not valid for their types (see "
                   "the warnings)\n",
                   report->invalid),
                report->invalid);
    if (report->skipped > 0)
        fprintf(out,
                P_("%zu record left out: not marked for detection (MISP to_ids false) or "
                   "revoked\n",
                   "%zu records left out: not marked for detection (MISP to_ids false) or "
                   "revoked\n",
                   report->skipped),
                report->skipped);
    if (report->missing_files > 0)
        fprintf(out,
                P_("%zu file listed in an index is not here\n",
                   "%zu files listed in an index are not here\n", report->missing_files),
                report->missing_files);
    if (report->rule_files > 0)
        /* TRANSLATORS: the rules, then the files they are in; the plural
         * follows the files. */
        fprintf(out,
                P_("YARA rules kept: %zu, from %zu rule file\n",
                   "YARA rules kept: %zu, from %zu rule files\n", report->rule_files),
                report->rules, report->rule_files);
    if (report->rule_files_failed > 0)
        fprintf(out,
                P_("%zu YARA rule file left out: it does not compile (see the errors)\n",
                   "%zu YARA rule files left out: they do not compile (see the errors)\n",
                   report->rule_files_failed),
                report->rule_files_failed);
    if (report->ignored_files > 0)
        fprintf(out,
                P_("%zu file in the folders is not an indicator file\n",
                   "%zu files in the folders are not indicator files\n", report->ignored_files),
                report->ignored_files);
    for (size_t i = 0; i < report->note_count; i++) {
        fputs("  ", out);
        cli_put_safe(out, report->notes[i]);
        fputc('\n', out);
    }
}

/* "source: NAME (FILE)" of a listed indicator or rule file. */
static void put_source(FILE *out, const char *source, const char *file)
{
    fprintf(out, "%s ", _("source:"));
    cli_put_safe(out, source);
    fputs(" (", out);
    cli_put_safe(out, file);
    fputc(')', out);
}

/* The signer's line of a listed indicator or rule file, if it has one. */
static void put_signer(FILE *out, const char *signer)
{
    if (signer[0] == '\0')
        return;
    /* TRANSLATORS: followed by an OpenPGP key fingerprint. */
    fprintf(out, "    %s ", _("vouched for by the key:"));
    cli_put_safe(out, signer);
    fputc('\n', out);
}

void cli_human_ioc_entry(const struct ob_human *human, const struct ob_ioc_entry *entry)
{
    FILE *out = human->out;
    fprintf(out, "%-14s ", ob_ioc_type_name(entry->type));
    cli_put_safe(out, entry->value);
    if (entry->value_unicode[0] != '\0') {
        fputs(" (", out);
        cli_put_safe(out, entry->value_unicode);
        fputc(')', out);
    }
    fputs("\n    ", out);
    if (entry->campaign[0] != '\0') {
        fprintf(out, "%s ", _("campaign:"));
        cli_put_safe(out, entry->campaign);
        fputs("; ", out);
    }
    put_source(out, entry->source, entry->source_file);
    fputc('\n', out);
    if (entry->description[0] != '\0') {
        fputs("    ", out);
        cli_put_safe(out, entry->description);
        fputc('\n', out);
    }
    if (entry->exclude[0] != '\0') {
        fprintf(out, "    %s ", _("not for paths matching:"));
        cli_put_safe(out, entry->exclude);
        fputc('\n', out);
    }
    put_signer(out, entry->signer);
    char until[32];
    if (entry->valid_until != 0 && cli_format_date(entry->valid_until, until, sizeof(until)))
        fprintf(out,
                entry->expired
                    /* TRANSLATORS: %s is a date, YYYY-MM-DD. */
                    ? _("    valid until %s: expired, kept but not used by scan and mail\n")
                    : _("    valid until %s\n"),
                until);
}

#define FRESHNESS_SOURCES_SHOWN 10

void cli_human_freshness(const struct ob_human *human, const struct ob_cli_sources *sources)
{
    if (sources == NULL)
        return;
    FILE *out = human->out;
    struct ob_buffer safe, safe_publisher;
    core_buffer_init(&safe, 1 << 16);
    core_buffer_init(&safe_publisher, 1 << 16);
    size_t shown = 0, more = 0;
    for (size_t i = 0; i < sources->set_count; i++) {
        const struct ob_cli_set *set = &sources->sets[i];
        if (set->kind == OB_CLI_SET_RULES)
            continue;
        if (shown == FRESHNESS_SOURCES_SHOWN) {
            more++;
            continue;
        }
        shown++;
        const char *name = cli_safe_text(&safe, set->name);
        const char *publisher = cli_safe_text(&safe_publisher, set->publisher);
        char date[32];
        bool dated = cli_set_date(set, date, sizeof(date));
        /* TRANSLATORS: an indicator source's name, its publisher and the
         * date (YYYY-MM-DD) it was published. */
        if (set->published != 0 && publisher[0] != '\0')
            fprintf(out, _("indicators used: '%s' by %s, published %s\n"), name, publisher, date);
        else if (set->published != 0)
            fprintf(out, _("indicators used: '%s', published %s\n"), name, date);
        else if (dated && set->kind == OB_CLI_SET_STORE)
            /* TRANSLATORS: a source's name and the date it was imported. */
            fprintf(out, _("indicators used: '%s', publication date not given, imported %s\n"),
                    name, date);
        else if (dated)
            /* TRANSLATORS: a folder of lists and the date of its newest file. */
            fprintf(out, _("indicators used: '%s', newest file dated %s\n"), name, date);
        else
            fprintf(out, _("indicators used: '%s', date unknown\n"), name);
    }
    if (more > 0)
        fprintf(out,
                P_("indicators used: %zu more source\n", "indicators used: %zu more sources\n",
                   more),
                more);
    struct ob_cli_freshness freshness;
    cli_sources_freshness(sources, (int64_t)time(NULL), &freshness);
    if (freshness.expired > 0)
        fprintf(out,
                P_("%zu indicator past its valid_until was not used\n",
                   "%zu indicators past their valid_until were not used\n", freshness.expired),
                freshness.expired);
    char warning[512];
    cli_freshness_warning(&freshness, warning, sizeof(warning));
    if (warning[0] != '\0')
        fprintf(out, "%s%s%s %s\n", human->color ? YELLOW : "", _("warning:"),
                human->color ? RESET : "", warning);
    core_buffer_release(&safe);
    core_buffer_release(&safe_publisher);
}

void cli_human_ioc_source(const struct ob_human *human, const struct ob_ioc_source_info *source)
{
    FILE *out = human->out;
    struct ob_buffer safe_name, safe_publisher;
    core_buffer_init(&safe_name, 1 << 16);
    core_buffer_init(&safe_publisher, 1 << 16);
    /* Named by its campaign when it has one ("Predator (mvt-indicators)"),
     * else by its file: names from the input, no words to translate. */
    char *label = NULL;
    if (asprintf(&label, "%s (%s)", source->campaign[0] != '\0' ? source->campaign : source->source,
                 source->campaign[0] != '\0' ? source->source : source->source_file) < 0)
        label = NULL;
    const char *name = cli_safe_text(&safe_name, label != NULL ? label : source->source);
    free(label);
    const char *publisher = cli_safe_text(&safe_publisher, source->publisher);
    char published[32], imported[32];
    bool dated = cli_format_date(source->published, published, sizeof(published));
    if (!cli_format_date(source->imported, imported, sizeof(imported)))
        snprintf(imported, sizeof(imported), "?");
    unsigned long long n = source->indicators;
    /* TRANSLATORS: the source's name, its publisher, the dates
     * (YYYY-MM-DD) it was published and imported, how many indicators. */
    if (publisher[0] != '\0' && dated)
        fprintf(out,
                P_("  %s — %s, published %s, imported %s (%llu indicator)\n",
                   "  %s — %s, published %s, imported %s (%llu indicators)\n", n),
                name, publisher, published, imported, n);
    else if (publisher[0] != '\0')
        fprintf(out,
                P_("  %s — %s, publication date not given, imported %s (%llu indicator)\n",
                   "  %s — %s, publication date not given, imported %s (%llu indicators)\n", n),
                name, publisher, imported, n);
    else if (dated)
        fprintf(out,
                P_("  %s, published %s, imported %s (%llu indicator)\n",
                   "  %s, published %s, imported %s (%llu indicators)\n", n),
                name, published, imported, n);
    else
        fprintf(out,
                P_("  %s, publication date not given, imported %s (%llu indicator)\n",
                   "  %s, publication date not given, imported %s (%llu indicators)\n", n),
                name, imported, n);
    if (source->version[0] != '\0') {
        fprintf(out, "    %s ", _("upstream version:"));
        cli_put_safe(out, source->version);
        fputc('\n', out);
    }
    unsigned long long expired = source->expired;
    if (expired > 0)
        fprintf(out,
                P_("    %llu indicator is past its valid_until: kept, not used by scan and mail\n",
                   "    %llu indicators are past their valid_until: kept, not used by scan and "
                   "mail\n",
                   expired),
                expired);
    core_buffer_release(&safe_name);
    core_buffer_release(&safe_publisher);
}

void cli_human_ioc_bundle(const struct ob_human *human, const char *path,
                          const struct ob_ioc_bundle_info *info)
{
    FILE *out = human->out;
    fprintf(out, "%s ", _("signed bundle written:"));
    cli_put_safe(out, path);
    fputc('\n', out);
    fprintf(out, P_("%zu file packed\n", "%zu files packed\n", info->files), info->files);
    if (info->skipped > 0)
        fprintf(out,
                P_("%zu hidden file, link or special file left out\n",
                   "%zu hidden files, links or special files left out\n", info->skipped),
                info->skipped);
    /* TRANSLATORS: followed by an OpenPGP key fingerprint. */
    fprintf(out, "%s ", _("signed by the key:"));
    cli_put_safe(out, info->fingerprint);
    fputc('\n', out);
}

void cli_human_ioc_extracted(const struct ob_human *human, const char *folder,
                             const struct ob_ioc_bundle_info *info)
{
    FILE *out = human->out;
    /* TRANSLATORS: followed by an OpenPGP key fingerprint. */
    fprintf(out, "%s ", _("the bundle's signature is good, made by the key:"));
    cli_put_safe(out, info->fingerprint);
    fputc('\n', out);
    fprintf(out, "%s ", _("its files are in the folder:"));
    cli_put_safe(out, folder);
    fputc('\n', out);
    fprintf(out, P_("%zu file written\n", "%zu files written\n", info->files), info->files);
}

void cli_human_ioc_removed(const struct ob_human *human, const char *source, uint64_t removed)
{
    /* The source name comes from the command line: escaped before it is
     * put into the sentence. */
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    bool escaped = core_text_append_terminal_safe(&safe, source, strlen(source)) == OB_OK;
    unsigned long long count = removed;
    fprintf(human->out,
            P_("removed source '%s': %llu indicator had no other source and is gone\n",
               "removed source '%s': %llu indicators had no other source and are gone\n", count),
            escaped ? core_buffer_str(&safe) : "?", count);
    core_buffer_release(&safe);
}

void cli_human_ioc_stats_begin(const struct ob_human *human, uint64_t indicators,
                               uint64_t provenances)
{
    unsigned long long distinct = indicators, sources = provenances;
    fprintf(human->out,
            P_("%llu indicator in the store\n", "%llu indicators in the store\n", distinct),
            distinct);
    fprintf(human->out,
            P_("%llu provenance (a source and file an indicator came from)\n",
               "%llu provenances (sources and files the indicators came from)\n", sources),
            sources);
}

void cli_human_ioc_stats_group(const struct ob_human *human, enum ob_ioc_count_by by)
{
    static const char *const titles[] = {N_("by type:"), N_("by source:"), N_("by campaign:")};
    fprintf(human->out, "%s\n", _(titles[by]));
}

void cli_human_ioc_stats_count(const struct ob_human *human, const struct ob_ioc_count *count)
{
    fprintf(human->out, "  %8" PRIu64 "  ", count->count);
    cli_put_safe(human->out, count->key[0] != '\0' ? count->key : _("(no campaign)"));
    fputc('\n', human->out);
}

void cli_human_ioc_rules_removed(const struct ob_human *human, const char *source, uint64_t removed)
{
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 20);
    unsigned long long count = removed;
    fprintf(human->out,
            P_("removed source '%s': %llu kept YARA rule file is gone\n",
               "removed source '%s': %llu kept YARA rule files are gone\n", count),
            cli_safe_text(&safe, source), count);
    core_buffer_release(&safe);
}

void cli_human_ioc_rule_file(const struct ob_human *human, const struct ob_ioc_rule_file *file)
{
    FILE *out = human->out;
    fprintf(out, "%-14s ", "yara-rules");
    cli_put_safe(out, file->relative_path);
    fputs("\n    ", out);
    put_source(out, file->source, file->original);
    fputs("\n    ", out);
    fprintf(out, P_("%zu YARA rule, kept as: ", "%zu YARA rules, kept as: ", file->rules),
            file->rules);
    cli_put_safe(out, file->path);
    fputc('\n', out);
    put_signer(out, file->signer);
}

void cli_human_ioc_stats_rule_sets(const struct ob_human *human, const struct cli_rule_set *sets,
                                   size_t count)
{
    FILE *out = human->out;
    fprintf(out, "%s\n", _("YARA rules kept, by source:"));
    for (size_t i = 0; i < count; i++) {
        unsigned long long rules = sets[i].rules, files = sets[i].files;
        /* TRANSLATORS: the rules, then the files they are in; the plural
         * follows the rules. */
        fprintf(out,
                P_("  %8llu YARA rule, files: %llu  ", "  %8llu YARA rules, files: %llu  ", rules),
                rules, files);
        cli_put_safe(out, sets[i].source);
        fputc('\n', out);
    }
}
