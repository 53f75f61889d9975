/* SPDX-License-Identifier: Apache-2.0 */
/* oberig scan: parses options, loads indicators once, runs the scan with a
 * progress line, and turns the result into an exit status. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/i18n.h"
#include "oberig/packages.h"
#include "oberig/scan.h"
#include "oberig/triage.h"

void cli_cmd_scan_help(FILE *out)
{
    fputs(
        _("usage: oberig scan [options] PATH...\n"
          "       oberig scan --processes [options] [PATH...]\n"
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
          "      --no-store         do not use the indicator store (its indicators and\n"
          "                         YARA rules)\n"
          "      --no-cache         do not read or keep compiled rules in the cache\n"
          "                         folder ($XDG_CACHE_HOME/oberig, else ~/.cache/oberig)\n"
          "      --strict           stop if any rule file fails to compile\n"
          "      --no-yara          hashes, names and types only (much faster)\n"
          "  Browser histories (Firefox, Tor Browser, Chrome, Chromium, Edge, Brave,\n"
          "  Opera) found in PATH are checked for visits to the store's domains, URLs\n"
          "  and IP addresses and to the hosts of the --iocs C2 lists\n"
          "\n"
          "what to scan:\n"
          "      --processes        also check the running processes: names and programs\n"
          "                         against the indicators, programs deleted or run from\n"
          "                         temporary folders, and each program with the rules\n"
          "                         (other users' processes need root)\n"
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
          "      --trust-packages[=ROOT]  files that verify unchanged against the dpkg\n"
          "                         database under ROOT (default /; a mounted disk's\n"
          "                         root: write it with '=') are not matched against\n"
          "                         YARA rules; hashes and names are still checked. Only\n"
          "                         as trustworthy as that database\n"
          "      --no-archives      do not look inside archives\n"
          "      --no-wiper-checks  no wiper, ransom-note or damaged system program checks\n"
          "      --archive-depth N  nested archives opened (default 4)\n"
          "      --archive-max-entries N   members per file on disk (default 10000)\n"
          "      --archive-max-bytes SIZE  bytes expanded per file on disk (default 1G)\n"
          "      --archive-max-ratio N     expanded/compressed before a file counts\n"
          "                         as an archive bomb (default 200)\n"
          "  -t, --threads N        worker threads (default: one per core)\n"
          "      --timeout SECONDS  YARA time limit per file (default 60)\n"
          "      --state FILE       keep what each file's content gave in FILE (created\n"
          "                         if missing); a later scan with the same FILE reads\n"
          "                         only the files that changed and gives the same\n"
          "                         findings. Off unless given; FILE lists every path\n"
          "                         scanned\n"
          "      --full             with --state: read every file, use nothing kept, and\n"
          "                         write FILE anew\n"
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
          "                         every malformed indicator line\n"),
        out);
    cli_help_every(out, 22);
    fputs(_("\n"
            "exit status: 0 nothing at or above WARNING was found, 1 something was,\n"
            "             2 usage or fatal error, or nothing could be read at all\n"
            "             (when only some files cannot be read, the summary says the\n"
            "             result is incomplete and the status follows the findings)\n"
            "\n"
            "examples:\n"
            "  oberig scan -r signature-base/yara -i signature-base/iocs /mnt/client-disk\n"
            "  oberig scan --no-yara -i signature-base/iocs --format jsonl / > hits.jsonl\n"),
          out);
}

struct scan_cli {
    struct ob_cli_args args; /* the options scan shares with other commands */
    const char *excludes[OB_CLI_MAX_LIST];
    size_t exclude_count;
    bool strict;
    const char *package_root; /* --trust-packages: NULL, or the root of its dpkg database */
    bool processes;           /* --processes */
    struct ob_scan_options options;
};

/* The root folder of the system whose files are scanned, for the owners'
 * names: --trust-packages's root, else the first PATH that is a folder
 * holding etc/passwd (a mounted disk's root), else NULL (this system's). */
static const char *owner_root(const char *package_root, const char *const *paths, size_t count)
{
    if (package_root != NULL)
        return package_root;
    for (size_t i = 0; i < count; i++) {
        char passwd[4096];
        struct stat st;
        int length = snprintf(passwd, sizeof(passwd), "%s/etc/passwd", paths[i]);
        if (length > 0 && (size_t)length < sizeof(passwd) && stat(passwd, &st) == 0 &&
            S_ISREG(st.st_mode))
            return paths[i];
    }
    return NULL;
}

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
    case 'k':
    case 'K':
        shift = 10;
        end++;
        break;
    case 'm':
    case 'M':
        shift = 20;
        end++;
        break;
    case 'g':
    case 'G':
        shift = 30;
        end++;
        break;
    case 't':
    case 'T':
        shift = 40;
        end++;
        break;
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

/* ---- progress and interruption -------------------------------------------- */

/* Set by the signal handler, read by the monitor thread and the main one:
 * a lock-free atomic, which is safe both in a handler and across threads
 * (a volatile sig_atomic_t is only the first). */
static atomic_int interrupted;

static void on_signal(int signal_number)
{
    (void)signal_number;
    atomic_store(&interrupted, 1);
}

/* The monitor wakes every 100 ms, and at once when the scan ends (`done`
 * under `wait_lock`, signalled on `wake`): a sleep it could not leave
 * would add up to 100 ms to every scan. */
struct monitor {
    struct ob_scan *scan;
    struct ob_output *output;
    pthread_mutex_t *lock;
    bool progress;
    pthread_mutex_t wait_lock;
    pthread_cond_t wake;
    bool done;
};

/* Waits up to 100 ms or until the scan ends; false once it has ended. */
static bool monitor_wait(struct monitor *monitor)
{
    struct timespec until;
    cli_deadline_after(&until, 100);
    pthread_mutex_lock(&monitor->wait_lock);
    if (!monitor->done)
        pthread_cond_timedwait(&monitor->wake, &monitor->wait_lock, &until);
    bool running = !monitor->done;
    pthread_mutex_unlock(&monitor->wait_lock);
    return running;
}

static void *monitor_main(void *argument)
{
    struct monitor *monitor = argument;
    unsigned ticks = 0;
    while (monitor_wait(monitor)) {
        if (atomic_load(&interrupted))
            ob_scan_cancel(monitor->scan);
        if (monitor->progress && ++ticks % 3 == 0) {
            struct ob_scan_stats stats;
            ob_scan_progress(monitor->scan, &stats);
            pthread_mutex_lock(monitor->lock);
            cli_output_progress(monitor->output, &stats);
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
    cli_output_finding(sink->output, finding);
    pthread_mutex_unlock(&sink->lock);
}

static void sink_problem(void *user, const struct ob_scan_problem *problem)
{
    struct sink *sink = user;
    pthread_mutex_lock(&sink->lock);
    cli_output_problem(sink->output, problem);
    pthread_mutex_unlock(&sink->lock);
}

/* ---- running processes ------------------------------------------------------ */

struct process_walk {
    struct ob_scan *scan;
    const struct ob_scan_callbacks *callbacks;
    enum ob_status status;
};

static void on_process(void *user, const struct ob_triage_process *process)
{
    struct process_walk *walk = user;
    if (atomic_load(&interrupted) || walk->status != OB_OK)
        return;
    /* Read through /proc/PID/exe: the program the process runs, even if
     * its path now holds another file or none. */
    char exe[64];
    snprintf(exe, sizeof(exe), "/proc/%d/exe", process->pid);
    struct ob_scan_process checked = {.pid = process->pid,
                                      .name = process->name,
                                      .program = process->program,
                                      .read_path = exe,
                                      .deleted = process->deleted};
    walk->status = ob_scan_process(walk->scan, &checked, walk->callbacks);
}

/* Checks every running process the user may read, then says how many
 * could not be read. */
static enum ob_status scan_processes(struct ob_scan *scan, struct sink *sink,
                                     const struct ob_scan_callbacks *callbacks)
{
    struct process_walk walk = {.scan = scan, .callbacks = callbacks};
    size_t unreadable = 0;
    ob_triage_processes(NULL, on_process, &walk, &unreadable);
    if (unreadable > 0) {
        char message[256];
        cli_unreadable_processes(message, sizeof(message), unreadable);
        struct ob_scan_problem problem = {.path = "/proc", .message = message};
        sink_problem(sink, &problem);
    }
    return walk.status;
}

/* ---- options ---------------------------------------------------------------- */

enum {
    OPT_STRICT = 256,
    OPT_NO_YARA,
    OPT_CROSS_FS,
    OPT_SCAN_SPECIAL,
    OPT_NO_ARCHIVES,
    OPT_ARCHIVE_DEPTH,
    OPT_ARCHIVE_ENTRIES,
    OPT_ARCHIVE_BYTES,
    OPT_ARCHIVE_RATIO,
    OPT_TIMEOUT,
    OPT_ALERT,
    OPT_WARNING,
    OPT_NOTICE,
    OPT_WINDOWS_DRIVE,
    OPT_TRUST_PACKAGES,
    OPT_NO_WIPER,
    OPT_STATE,
    OPT_FULL,
    OPT_PROCESSES
};

#define usage_error(...) cli_usage_error("scan", __VA_ARGS__)

/* Returns an exit status, or -1 to go on. */
static int parse_options(struct scan_cli *cli, int argc, char **argv)
{
    static const struct option longs[] = {
        {"strict", no_argument, NULL, OPT_STRICT},
        {"no-yara", no_argument, NULL, OPT_NO_YARA},
        {"exclude", required_argument, NULL, 'e'},
        {"max-size", required_argument, NULL, 's'},
        {"cross-fs", no_argument, NULL, OPT_CROSS_FS},
        {"scan-special", no_argument, NULL, OPT_SCAN_SPECIAL},
        {"windows-drive", required_argument, NULL, OPT_WINDOWS_DRIVE},
        {"trust-packages", optional_argument, NULL, OPT_TRUST_PACKAGES},
        {"no-archives", no_argument, NULL, OPT_NO_ARCHIVES},
        {"no-wiper-checks", no_argument, NULL, OPT_NO_WIPER},
        {"archive-depth", required_argument, NULL, OPT_ARCHIVE_DEPTH},
        {"archive-max-entries", required_argument, NULL, OPT_ARCHIVE_ENTRIES},
        {"archive-max-bytes", required_argument, NULL, OPT_ARCHIVE_BYTES},
        {"archive-max-ratio", required_argument, NULL, OPT_ARCHIVE_RATIO},
        {"threads", required_argument, NULL, 't'},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"alert", required_argument, NULL, OPT_ALERT},
        {"warning", required_argument, NULL, OPT_WARNING},
        {"notice", required_argument, NULL, OPT_NOTICE},
        {"state", required_argument, NULL, OPT_STATE},
        {"full", no_argument, NULL, OPT_FULL},
        {"processes", no_argument, NULL, OPT_PROCESSES},
        {NULL, 0, NULL, 0},
    };
    struct ob_scan_options *o = &cli->options;
    long number;
    int option;
    while ((option = cli_getopt(&cli->args, argc, argv, "e:s:t:", longs)) != -1) {
        switch (option) {
        case 'e':
            if (cli->exclude_count == OB_CLI_MAX_LIST)
                return usage_error(_("too many --exclude (at most %d)"), OB_CLI_MAX_LIST);
            cli->excludes[cli->exclude_count++] = optarg;
            break;
        case 's':
            if (!parse_size(optarg, &o->max_file_size) || o->max_file_size == 0)
                return usage_error(_("--max-size: '%s' is not a size such as 64M"), optarg);
            break;
        case 't':
            if (!cli_parse_long(optarg, 1, 256, &number))
                return usage_error(_("--threads: '%s' is not a number from 1 to 256"), optarg);
            o->threads = (unsigned)number;
            break;
        case OPT_STRICT: cli->strict = true; break;
        case OPT_NO_YARA: o->use_yara = false; break;
        case OPT_CROSS_FS: o->cross_filesystems = true; break;
        case OPT_SCAN_SPECIAL: o->scan_special_dirs = true; break;
        case OPT_NO_ARCHIVES: o->scan_archives = false; break;
        case OPT_NO_WIPER: o->wiper_checks = false; break;
        case OPT_STATE:
            if (optarg[0] == '\0')
                return usage_error(_("--state: the file name is empty"));
            o->state_path = optarg;
            break;
        case OPT_FULL: o->state_full = true; break;
        case OPT_PROCESSES: cli->processes = true; break;
        case OPT_TRUST_PACKAGES:
            if (optarg != NULL && optarg[0] == '\0')
                return usage_error(_("--trust-packages: the root folder is empty"));
            cli->package_root = optarg != NULL ? optarg : "/";
            break;
        case OPT_WINDOWS_DRIVE:
            /* "C", "c", "C:" or "C:\\" */
            if (((unsigned)optarg[0] | 0x20u) - 'a' >= 26u ||
                (optarg[1] != '\0' && strcmp(optarg + 1, ":") != 0 &&
                 strcmp(optarg + 1, ":\\") != 0))
                return usage_error(_("--windows-drive: '%s' is not a drive letter such as C"),
                                   optarg);
            o->windows_drive = (char)(optarg[0] & ~0x20); /* upper case */
            break;
        case OPT_ARCHIVE_DEPTH:
            if (!cli_parse_long(optarg, 0, 32, &number))
                return usage_error(_("--archive-depth: '%s' is not a number from 0 to 32"), optarg);
            o->archive_max_depth = (unsigned)number;
            break;
        case OPT_ARCHIVE_ENTRIES:
            if (!cli_parse_long(optarg, 1, 100000000, &number))
                return usage_error(_("--archive-max-entries: '%s' is not a positive number"),
                                   optarg);
            o->archive_max_entries = (uint64_t)number;
            break;
        case OPT_ARCHIVE_BYTES:
            if (!parse_size(optarg, &o->archive_max_total) || o->archive_max_total == 0)
                return usage_error(_("--archive-max-bytes: '%s' is not a size such as 1G"), optarg);
            break;
        case OPT_ARCHIVE_RATIO:
            if (!cli_parse_long(optarg, 2, 1000000, &number))
                return usage_error(_("--archive-max-ratio: '%s' is not a number from 2"), optarg);
            o->archive_max_ratio = (unsigned)number;
            break;
        case OPT_TIMEOUT:
            if (!cli_parse_long(optarg, 1, 86400, &number))
                return usage_error(_("--timeout: '%s' is not a number of seconds"), optarg);
            o->yara_timeout_seconds = (int)number;
            break;
        case OPT_ALERT:
        case OPT_WARNING:
        case OPT_NOTICE:
            if (!cli_parse_long(optarg, 1, 1000000, &number))
                return usage_error(_("score threshold '%s' is not a positive number"), optarg);
            *(option == OPT_ALERT     ? &o->alert_score
              : option == OPT_WARNING ? &o->warning_score
                                      : &o->notice_score) = (int)number;
            break;
        }
    }
    int status = cli_args_finish(&cli->args, cli_cmd_scan_help);
    if (status >= 0)
        return status;
    if (!(o->notice_score <= o->warning_score && o->warning_score <= o->alert_score))
        return usage_error(_("score thresholds must satisfy notice <= warning <= alert"));
    if (optind >= argc && !cli->processes)
        return usage_error(_("give at least one file or folder to scan, or --processes"));
    if (o->state_full && o->state_path == NULL)
        return usage_error(_("--full needs --state FILE"));
    o->excludes = cli->excludes;
    o->exclude_count = cli->exclude_count;
    return -1; /* go on */
}

int cli_cmd_scan(int argc, char **argv)
{
    struct scan_cli *cli = calloc(1, sizeof(*cli));
    if (cli == NULL)
        return cli_fail("scan", NULL, OB_ERR_NOMEM);
    cli_args_init(&cli->args, "scan",
                  OB_CLI_SOURCES | OB_CLI_FORMAT | OB_CLI_OUTPUT | OB_CLI_COLOR | OB_CLI_QUIET |
                      OB_CLI_VERBOSE);
    ob_scan_options_init(&cli->options);
    struct ob_context *ctx = ob_context_new(cli_log, &cli->args.log);
    struct ob_cli_sources sources = {0};
    struct ob_scan *scan = NULL;
    struct ob_package_trust *trust = NULL;
    struct ob_output *output = NULL;
    struct sink sink = {.output = NULL};
    pthread_mutex_init(&sink.lock, NULL);
    int exit_status = ctx == NULL ? cli_fail("scan", NULL, OB_ERR_NOMEM)
                                  : parse_options(cli, argc, argv);
    if (exit_status >= 0)
        goto out;
    exit_status = OB_EXIT_ERROR;
    /* From here Ctrl-C is noted, not fatal: one that comes while the rules
     * load stops the scan as soon as it starts, with the same summary and
     * status as one that comes later (and in a shell script's background
     * job, where SIGINT starts ignored, it is not lost). */
    struct sigaction action = {.sa_handler = on_signal};
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    unsigned load = (cli->strict ? OB_CLI_LOAD_STRICT : 0) |
                    (cli->options.use_yara ? 0 : OB_CLI_LOAD_NO_YARA) | OB_CLI_LOAD_LOOKUP;
    bool loaded = cli_sources_load(&sources, ctx, &cli->args, load);
    cli_log_finish(&cli->args.log);
    if (!loaded)
        goto out;
    if (cli->args.rule_count == 0 && cli->args.ioc_count == 0 && sources.store_indicators == 0 &&
        !cli->args.quiet)
        fputs(_("oberig: no --rules or --iocs given: only disguised files, wiper damage and "
                "archives are checked\n"),
              stderr);
    if (cli->package_root != NULL) {
        enum ob_status status = ob_package_trust_new(ctx, cli->package_root, &trust);
        if (status != OB_OK) {
            cli_fail("scan", ctx, status);
            goto out;
        }
        cli->options.trusted_md5 = ob_package_trust_md5;
        cli->options.trusted_table = trust;
        if (!cli->args.quiet)
            fprintf(stderr,
                    /* TRANSLATORS: %zu files, %s the root folder of the dpkg database. */
                    P_("oberig: %zu file of installed packages under '%s' is not matched "
                       "against rules if it verifies unchanged\n",
                       "oberig: %zu files of installed packages under '%s' are not matched "
                       "against rules if they verify unchanged\n",
                       ob_package_trust_count(trust)),
                    ob_package_trust_count(trust), cli->package_root);
    }
    cli_sources_use_lookup(&sources, &cli->options);
    bool progress = !cli->args.quiet && isatty(STDERR_FILENO) == 1;
    output = cli_output_open(&cli->args, progress);
    if (output == NULL)
        goto out;
    sink.output = output;
    struct ob_run_info info = {.sources = &sources, .options = &cli->options};
    cli_output_start(output, &info);
    struct ob_scan_callbacks callbacks = {.finding = sink_finding,
                                          .problem = sink_problem,
                                          .user = &sink};
    cli->options.owner_root = owner_root(cli->package_root, (const char *const *)argv + optind,
                                         (size_t)(argc - optind));
    enum ob_status status = ob_scan_new(&cli->options, sources.rules, sources.iocs, &callbacks,
                                        &scan);
    if (status != OB_OK) {
        cli_fail("scan", NULL, status);
        goto out;
    }
    struct monitor monitor = {.scan = scan,
                              .output = output,
                              .lock = &sink.lock,
                              .progress = progress,
                              .wait_lock = PTHREAD_MUTEX_INITIALIZER,
                              .wake = PTHREAD_COND_INITIALIZER};
    pthread_t monitor_thread;
    bool monitoring = pthread_create(&monitor_thread, NULL, monitor_main, &monitor) == 0;
    status = ob_scan_run(scan, (const char *const *)argv + optind, (size_t)(argc - optind));
    if (status == OB_OK && cli->processes && !atomic_load(&interrupted))
        status = scan_processes(scan, &sink, &callbacks);
    if (monitoring) {
        pthread_mutex_lock(&monitor.wait_lock);
        monitor.done = true;
        pthread_cond_signal(&monitor.wake);
        pthread_mutex_unlock(&monitor.wait_lock);
        pthread_join(monitor_thread, NULL);
    }
    struct ob_scan_stats stats;
    ob_scan_progress(scan, &stats);
    struct ob_wiper_extent wiper;
    ob_scan_wiper_extent(scan, &wiper);
    cli_output_summary(output, &stats, &wiper);
    if (status != OB_OK)
        cli_error("scan", _("the scan could not run: %s"), ob_strerror(status));
    else if (atomic_load(&interrupted))
        cli_error("scan", _("interrupted; the results above are incomplete"));
    else if (ob_scan_stats_nothing_read(&stats) && !cli->processes)
        cli_error("scan", _("nothing could be read, so nothing was checked"));
    else
        exit_status = stats.findings[OB_LEVEL_ALERT] + stats.findings[OB_LEVEL_WARNING] > 0
                          ? OB_EXIT_FOUND
                          : OB_EXIT_CLEAN;
out:
    ob_scan_free(scan);
    ob_package_trust_free(trust);
    if (!cli_output_close(output))
        exit_status = OB_EXIT_ERROR;
    cli_sources_release_at_exit(&sources);
    ob_context_free(ctx);
    pthread_mutex_destroy(&sink.lock);
    free(cli);
    return exit_status;
}
