/* SPDX-License-Identifier: Apache-2.0 */
/* oberig scan: parses options, loads indicators once, runs the scan with a
 * progress line, and turns the result into an exit status. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "oberig/indicators.h"
#include "oberig/ioc.h"
#include "oberig/scan.h"

#define MAX_LIST 256
#define QUIET_WARNINGS 10

void ob_cmd_scan_help(FILE *out)
{
    fprintf(out,
"usage: oberig scan [options] PATH...\n"
"\n"
"Scans files, folders or a mounted disk for known malware, webshells, hacking\n"
"tools and attacker artefacts, and explains each finding. Nothing scanned is\n"
"changed, and nothing leaves this machine.\n"
"\n"
"indicators (use both for the fullest check):\n"
"  -r, --rules PATH       YARA rules: a .yar/.yara file, a folder of them, or\n"
"                         compiled rules; repeatable. A rule file that does not\n"
"                         compile is reported and skipped\n"
"  -i, --iocs DIR         IOC lists in Loki/signature-base format: files named\n"
"                         *hash*, *filename*, *c2*; repeatable\n"
"      --db PATH          the indicator store filled by 'oberig ioc import'\n"
"                         (default: $OBERIG_DB, else ~/.local/share/oberig/\n"
"                         indicators.db); its hashes, file names and paths\n"
"                         are used when it exists\n"
"      --no-store         do not use the indicator store\n"
"      --strict           stop if any rule file fails to compile\n"
"      --no-yara          hashes, names and types only (much faster)\n"
"\n"
"what to scan:\n"
"  -e, --exclude GLOB     skip paths or names matching GLOB; repeatable\n"
"                         (e.g. --exclude '*.iso' --exclude '/mnt/disk/Windows/WinSxS')\n"
"  -s, --max-size SIZE    skip files larger than SIZE (default 64M; K, M, G, T)\n"
"      --cross-fs         descend into other mounted file systems\n"
"      --scan-special     also scan /proc, /sys, /dev and /run (they are other\n"
"                         file systems, so this needs --cross-fs too)\n"
"      --windows-drive LETTER  each PATH is the root of a Windows drive (a\n"
"                         mounted Windows disk): YARA rules see file folders as\n"
"                         Windows shows them (C:\\Users\\...), so rules that test\n"
"                         'filepath' work as on Windows\n"
"      --no-archives      do not look inside archives\n"
"      --archive-depth N  nested archives opened (default 4)\n"
"      --archive-max-entries N   members per file on disk (default 10000)\n"
"      --archive-max-bytes SIZE  bytes expanded per file on disk (default 1G)\n"
"      --archive-max-ratio N     expanded/compressed before a file counts\n"
"                         as an archive bomb (default 200)\n"
"  -t, --threads N        worker threads (default: one per core)\n"
"      --timeout SECONDS  YARA time limit per file (default 60)\n"
"\n"
"scoring (each reason carries a score; a file's score is their sum):\n"
"      --alert N          score for ALERT (default 100)\n"
"      --warning N        score for WARNING (default 60)\n"
"      --notice N         score for NOTICE (default 40)\n"
"\n"
"output:\n"
"  -f, --format FORMAT    human (default) or jsonl: one JSON object per line,\n"
"                         schema in docs/json-schema.md\n"
"  -o, --output FILE      write results to FILE instead of standard output\n"
"      --color WHEN       auto (default), always or never\n"
"  -q, --quiet            no progress line\n"
"  -v, --verbose          also print notices (skipped archive members) and\n"
"                         every malformed indicator line\n"
"  -h, --help             show this help\n"
"\n"
"exit status: 0 nothing at or above WARNING was found, 1 something was,\n"
"             2 usage or fatal error (unreadable files alone are not fatal)\n"
"\n"
"examples:\n"
"  oberig scan -r signature-base/yara -i signature-base/iocs /mnt/client-disk\n"
"  oberig scan --no-yara -i signature-base/iocs --format jsonl / > hits.jsonl\n");
}

struct scan_cli {
    const char *rules[MAX_LIST];
    size_t rule_count;
    const char *iocs[MAX_LIST];
    size_t ioc_count;
    const char *excludes[MAX_LIST];
    size_t exclude_count;
    bool strict, quiet, verbose;
    const char *output_path;
    enum ob_output_format format;
    int color; /* -1 auto, 0 never, 1 always */
    struct ob_scan_options options;
    size_t warnings_shown, warnings_hidden;
    const char *db;  /* --db, or NULL for the default store */
    bool no_store;   /* --no-store */
};

static bool parse_size(const char *text, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno != 0 || end == text || text[0] == '-')
        return false;
    unsigned shift = 0;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    case 't': case 'T': shift = 40; end++; break;
    default: return false;
    }
    if ((*end == 'i' || *end == 'I') && shift)
        end++;
    if (*end == 'b' || *end == 'B')
        end++;
    if (*end != '\0' || (shift && value > (UINT64_MAX >> shift)))
        return false;
    *out = (uint64_t)value << shift;
    return true;
}

static bool parse_int(const char *text, long min, long max, long *out)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max)
        return false;
    *out = value;
    return true;
}

static void on_log(void *user, enum ob_log_level level, const char *message)
{
    struct scan_cli *cli = user;
    if (level == OB_LOG_DEBUG || (level == OB_LOG_INFO && !cli->verbose))
        return;
    if (level == OB_LOG_WARNING && !cli->verbose && cli->warnings_shown >= QUIET_WARNINGS) {
        cli->warnings_hidden++;
        return;
    }
    if (level == OB_LOG_WARNING)
        cli->warnings_shown++;
    fprintf(stderr, "oberig: %s: %s\n",
            level == OB_LOG_ERROR ? "error" : level == OB_LOG_WARNING ? "warning" : "info", message);
}

/* ---- progress and interruption -------------------------------------------- */

static volatile sig_atomic_t interrupted;

static void on_signal(int signal_number)
{
    (void)signal_number;
    interrupted = 1;
}

struct monitor {
    struct ob_scan *scan;
    struct ob_output *output;
    pthread_mutex_t *lock;
    bool progress;
    atomic_int done;
};

static void *monitor_main(void *argument)
{
    struct monitor *monitor = argument;
    struct timespec tick = {0, 100 * 1000 * 1000};
    unsigned ticks = 0;
    while (!atomic_load_explicit(&monitor->done, memory_order_relaxed)) {
        nanosleep(&tick, NULL);
        if (interrupted)
            ob_scan_cancel(monitor->scan);
        if (monitor->progress && ++ticks % 3 == 0) {
            struct ob_scan_stats stats;
            ob_scan_progress(monitor->scan, &stats);
            pthread_mutex_lock(monitor->lock);
            ob_output_progress(monitor->output, &stats);
            pthread_mutex_unlock(monitor->lock);
        }
    }
    return NULL;
}

/* The engine serialises its callbacks; this lock also keeps the progress
 * line from landing in the middle of a finding. */
struct sink {
    struct ob_output *output;
    pthread_mutex_t lock;
};

static void sink_finding(void *user, const struct ob_finding *finding)
{
    struct sink *sink = user;
    pthread_mutex_lock(&sink->lock);
    ob_output_finding(sink->output, finding);
    pthread_mutex_unlock(&sink->lock);
}

static void sink_problem(void *user, const struct ob_scan_problem *problem)
{
    struct sink *sink = user;
    pthread_mutex_lock(&sink->lock);
    ob_output_problem(sink->output, problem);
    pthread_mutex_unlock(&sink->lock);
}

/* ---- options ---------------------------------------------------------------- */

enum {
    OPT_STRICT = 256, OPT_NO_YARA, OPT_CROSS_FS, OPT_SCAN_SPECIAL, OPT_NO_ARCHIVES,
    OPT_ARCHIVE_DEPTH, OPT_ARCHIVE_ENTRIES, OPT_ARCHIVE_BYTES, OPT_ARCHIVE_RATIO, OPT_TIMEOUT,
    OPT_ALERT, OPT_WARNING, OPT_NOTICE, OPT_COLOR, OPT_DB, OPT_NO_STORE, OPT_WINDOWS_DRIVE
};

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    fprintf(stderr, "oberig scan: ");
    vfprintf(stderr, fmt, args);
    fprintf(stderr, "\nrun 'oberig scan --help' for the options\n");
    va_end(args);
    return OB_EXIT_ERROR;
}

static int parse_options(struct scan_cli *cli, int argc, char **argv, bool *help)
{
    static const struct option longs[] = {
        {"rules", required_argument, NULL, 'r'},
        {"iocs", required_argument, NULL, 'i'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"db", required_argument, NULL, OPT_DB},
        {"no-store", no_argument, NULL, OPT_NO_STORE},
        {"no-yara", no_argument, NULL, OPT_NO_YARA},
        {"exclude", required_argument, NULL, 'e'},
        {"max-size", required_argument, NULL, 's'},
        {"cross-fs", no_argument, NULL, OPT_CROSS_FS},
        {"scan-special", no_argument, NULL, OPT_SCAN_SPECIAL},
        {"windows-drive", required_argument, NULL, OPT_WINDOWS_DRIVE},
        {"no-archives", no_argument, NULL, OPT_NO_ARCHIVES},
        {"archive-depth", required_argument, NULL, OPT_ARCHIVE_DEPTH},
        {"archive-max-entries", required_argument, NULL, OPT_ARCHIVE_ENTRIES},
        {"archive-max-bytes", required_argument, NULL, OPT_ARCHIVE_BYTES},
        {"archive-max-ratio", required_argument, NULL, OPT_ARCHIVE_RATIO},
        {"threads", required_argument, NULL, 't'},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"alert", required_argument, NULL, OPT_ALERT},
        {"warning", required_argument, NULL, OPT_WARNING},
        {"notice", required_argument, NULL, OPT_NOTICE},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct ob_scan_options *o = &cli->options;
    long number;
    int option;
    opterr = 0;
    optind = 1;
    while ((option = getopt_long(argc, argv, ":r:i:e:s:t:f:o:qvh", longs, NULL)) != -1) {
        switch (option) {
        case 'r':
            if (cli->rule_count == MAX_LIST)
                return usage_error("too many --rules (at most %s)", "256");
            cli->rules[cli->rule_count++] = optarg;
            break;
        case 'i':
            if (cli->ioc_count == MAX_LIST)
                return usage_error("too many --iocs (at most %s)", "256");
            cli->iocs[cli->ioc_count++] = optarg;
            break;
        case 'e':
            if (cli->exclude_count == MAX_LIST)
                return usage_error("too many --exclude (at most %s)", "256");
            cli->excludes[cli->exclude_count++] = optarg;
            break;
        case 's':
            if (!parse_size(optarg, &o->max_file_size) || o->max_file_size == 0)
                return usage_error("--max-size: '%s' is not a size such as 64M", optarg);
            break;
        case 't':
            if (!parse_int(optarg, 1, 256, &number))
                return usage_error("--threads: '%s' is not a number from 1 to 256", optarg);
            o->threads = (unsigned)number;
            break;
        case 'f':
            if (strcmp(optarg, "human") == 0)
                cli->format = OB_FORMAT_HUMAN;
            else if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
                cli->format = OB_FORMAT_JSONL;
            else
                return usage_error("--format: '%s' is not human or jsonl", optarg);
            break;
        case 'o': cli->output_path = optarg; break;
        case 'q': cli->quiet = true; break;
        case 'v': cli->verbose = true; break;
        case 'h': *help = true; return OB_EXIT_CLEAN;
        case OPT_STRICT: cli->strict = true; break;
        case OPT_DB: cli->db = optarg; break;
        case OPT_NO_STORE: cli->no_store = true; break;
        case OPT_NO_YARA: o->use_yara = false; break;
        case OPT_CROSS_FS: o->cross_filesystems = true; break;
        case OPT_SCAN_SPECIAL: o->scan_special_dirs = true; break;
        case OPT_NO_ARCHIVES: o->scan_archives = false; break;
        case OPT_WINDOWS_DRIVE:
            /* "C", "c", "C:" or "C:\\" */
            if (((unsigned)optarg[0] | 0x20u) - 'a' >= 26u ||
                (optarg[1] != '\0' && strcmp(optarg + 1, ":") != 0 &&
                 strcmp(optarg + 1, ":\\") != 0))
                return usage_error("--windows-drive: '%s' is not a drive letter such as C", optarg);
            o->windows_drive = (char)(optarg[0] & ~0x20); /* upper case */
            break;
        case OPT_ARCHIVE_DEPTH:
            if (!parse_int(optarg, 0, 32, &number))
                return usage_error("--archive-depth: '%s' is not a number from 0 to 32", optarg);
            o->archive_max_depth = (unsigned)number;
            break;
        case OPT_ARCHIVE_ENTRIES:
            if (!parse_int(optarg, 1, 100000000, &number))
                return usage_error("--archive-max-entries: '%s' is not a positive number", optarg);
            o->archive_max_entries = (uint64_t)number;
            break;
        case OPT_ARCHIVE_BYTES:
            if (!parse_size(optarg, &o->archive_max_total) || o->archive_max_total == 0)
                return usage_error("--archive-max-bytes: '%s' is not a size such as 1G", optarg);
            break;
        case OPT_ARCHIVE_RATIO:
            if (!parse_int(optarg, 2, 1000000, &number))
                return usage_error("--archive-max-ratio: '%s' is not a number from 2", optarg);
            o->archive_max_ratio = (unsigned)number;
            break;
        case OPT_TIMEOUT:
            if (!parse_int(optarg, 1, 86400, &number))
                return usage_error("--timeout: '%s' is not a number of seconds", optarg);
            o->yara_timeout_seconds = (int)number;
            break;
        case OPT_ALERT:
        case OPT_WARNING:
        case OPT_NOTICE:
            if (!parse_int(optarg, 1, 1000000, &number))
                return usage_error("score threshold '%s' is not a positive number", optarg);
            *(option == OPT_ALERT ? &o->alert_score
              : option == OPT_WARNING ? &o->warning_score : &o->notice_score) = (int)number;
            break;
        case OPT_COLOR:
            cli->color = ob_cli_color_mode(optarg);
            if (cli->color < OB_CLI_COLOR_AUTO)
                return usage_error("--color: '%s' is not auto, always or never", optarg);
            break;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (!(o->notice_score <= o->warning_score && o->warning_score <= o->alert_score))
        return usage_error("%s", "score thresholds must satisfy notice <= warning <= alert");
    o->excludes = cli->excludes;
    o->exclude_count = cli->exclude_count;
    return -1; /* go on */
}

/* ---- loading ---------------------------------------------------------------- */

static int load_indicators(struct scan_cli *cli, struct ob_context *ctx, struct ob_rules **rules,
                           struct ob_indicators **iocs, struct ob_run_info *info)
{
    if (cli->rule_count > 0 && cli->options.use_yara) {
        if (ob_rules_new(rules) != OB_OK) {
            fprintf(stderr, "oberig scan: cannot start the YARA engine\n");
            return OB_EXIT_ERROR;
        }
        for (size_t i = 0; i < cli->rule_count; i++) {
            if (ob_rules_add_path(*rules, ctx, cli->rules[i]) != OB_OK) {
                fprintf(stderr, "oberig scan: %s\n", ob_context_last_error(ctx));
                return OB_EXIT_ERROR;
            }
        }
        if (ob_rules_compile(*rules, ctx, cli->strict) != OB_OK) {
            fprintf(stderr, "oberig scan: %s\n", ob_context_last_error(ctx));
            return OB_EXIT_ERROR;
        }
        struct ob_rules_counts counts;
        ob_rules_counts(*rules, &counts);
        info->rule_files = counts.files_loaded;
        info->rule_files_failed = counts.files_failed;
        info->rules = counts.rules;
        if (counts.rules == 0) {
            fprintf(stderr, "oberig scan: no YARA rule could be loaded from the given --rules\n");
            return OB_EXIT_ERROR;
        }
    } else if (cli->rule_count > 0 && !cli->quiet) {
        fprintf(stderr, "oberig: --no-yara given, so the --rules are not loaded\n");
    }
    struct ob_ioc_store *store = NULL;
    if (!cli->no_store && !ob_cli_open_store(ctx, cli->db, &store))
        return OB_EXIT_ERROR;
    if (cli->ioc_count > 0 || store != NULL) {
        if (ob_indicators_new(iocs) != OB_OK) {
            fprintf(stderr, "oberig scan: out of memory\n");
            return OB_EXIT_ERROR;
        }
        for (size_t i = 0; i < cli->ioc_count; i++) {
            if (ob_indicators_load_dir(*iocs, ctx, cli->iocs[i]) != OB_OK) {
                fprintf(stderr, "oberig scan: %s\n", ob_context_last_error(ctx));
                ob_ioc_store_free(store);
                return OB_EXIT_ERROR;
            }
        }
        if (store != NULL) {
            enum ob_status status =
                ob_ioc_store_load_scan_set(store, ctx, *iocs, &info->store_indicators);
            ob_ioc_store_free(store);
            if (status != OB_OK) {
                fprintf(stderr, "oberig scan: %s\n", ob_context_last_error(ctx));
                return OB_EXIT_ERROR;
            }
            info->store_used = true;
        }
        if (ob_indicators_finalize(*iocs, ctx) != OB_OK) {
            fprintf(stderr, "oberig scan: %s\n", ob_context_last_error(ctx));
            return OB_EXIT_ERROR;
        }
        ob_indicators_counts(*iocs, &info->iocs);
        info->iocs_loaded = true;
    }
    if (cli->warnings_hidden > 0)
        fprintf(stderr, "oberig: %zu more warnings not shown (use --verbose to see them)\n",
                cli->warnings_hidden);
    if (cli->rule_count == 0 && cli->ioc_count == 0 && info->store_indicators == 0 && !cli->quiet)
        fprintf(stderr, "oberig: no --rules or --iocs given: only disguised files and archives "
                        "are checked\n");
    return -1;
}

int ob_cmd_scan(int argc, char **argv)
{
    struct scan_cli *cli = calloc(1, sizeof(*cli));
    if (cli == NULL)
        return OB_EXIT_ERROR;
    cli->color = OB_CLI_COLOR_AUTO;
    ob_scan_options_init(&cli->options);
    struct ob_context *ctx = ob_context_new(on_log, cli);
    struct ob_rules *rules = NULL;
    struct ob_indicators *iocs = NULL;
    struct ob_scan *scan = NULL;
    struct ob_output *output = NULL;
    FILE *results = stdout;
    struct sink sink = {.output = NULL};
    pthread_mutex_init(&sink.lock, NULL);
    bool help = false;
    int exit_status = ctx == NULL ? OB_EXIT_ERROR : parse_options(cli, argc, argv, &help);
    if (help) {
        ob_cmd_scan_help(stdout);
        exit_status = OB_EXIT_CLEAN;
        goto out;
    }
    if (exit_status >= 0)
        goto out;
    if (optind >= argc) {
        exit_status = usage_error("%s", "give at least one file or folder to scan");
        goto out;
    }
    struct ob_run_info info = {.options = &cli->options};
    exit_status = load_indicators(cli, ctx, &rules, &iocs, &info);
    if (exit_status >= 0)
        goto out;
    if (cli->output_path != NULL) {
        results = fopen(cli->output_path, "w");
        if (results == NULL) {
            fprintf(stderr, "oberig scan: cannot write '%s': %s\n", cli->output_path,
                    strerror(errno));
            results = stdout;
            exit_status = OB_EXIT_ERROR;
            goto out;
        }
    }
    struct ob_output_config config = {
        .format = cli->format,
        .results = results,
        .color = cli->format == OB_FORMAT_HUMAN && ob_cli_use_color(cli->color, results),
        .progress = !cli->quiet && isatty(STDERR_FILENO) == 1,
        .verbose = cli->verbose,
    };
    output = ob_output_new(&config);
    if (output == NULL) {
        exit_status = OB_EXIT_ERROR;
        goto out;
    }
    sink.output = output;
    ob_output_start(output, &info);
    struct ob_scan_callbacks callbacks = {
        .finding = sink_finding, .problem = sink_problem, .user = &sink};
    if (ob_scan_new(&cli->options, rules, iocs, &callbacks, &scan) != OB_OK) {
        fprintf(stderr, "oberig scan: out of memory\n");
        exit_status = OB_EXIT_ERROR;
        goto out;
    }
    struct sigaction action = {.sa_handler = on_signal};
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    struct monitor monitor = {.scan = scan, .output = output, .lock = &sink.lock,
                              .progress = config.progress};
    pthread_t monitor_thread;
    bool monitoring = pthread_create(&monitor_thread, NULL, monitor_main, &monitor) == 0;
    enum ob_status status = ob_scan_run(scan, (const char *const *)argv + optind,
                                        (size_t)(argc - optind));
    if (monitoring) {
        atomic_store_explicit(&monitor.done, 1, memory_order_relaxed);
        pthread_join(monitor_thread, NULL);
    }
    struct ob_scan_stats stats;
    ob_scan_progress(scan, &stats);
    ob_output_summary(output, &stats);
    if (status != OB_OK) {
        fprintf(stderr, "oberig scan: the scan could not run: %s\n", ob_strerror(status));
        exit_status = OB_EXIT_ERROR;
    } else if (interrupted) {
        fprintf(stderr, "oberig scan: interrupted; the results above are incomplete\n");
        exit_status = OB_EXIT_ERROR;
    } else {
        exit_status = stats.findings[OB_LEVEL_ALERT] + stats.findings[OB_LEVEL_WARNING] > 0
                          ? OB_EXIT_FOUND
                          : OB_EXIT_CLEAN;
    }
out:
    ob_scan_free(scan);
    ob_output_free(output);
    ob_rules_free(rules);
    ob_indicators_free(iocs);
    ob_context_free(ctx);
    pthread_mutex_destroy(&sink.lock);
    if (results != stdout && fclose(results) != 0 && exit_status != OB_EXIT_ERROR) {
        fprintf(stderr, "oberig scan: cannot finish writing '%s'\n", cli->output_path);
        exit_status = OB_EXIT_ERROR;
    }
    free(cli);
    return exit_status;
}
