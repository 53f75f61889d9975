/* SPDX-License-Identifier: Apache-2.0 */
/* oberig triage: runs every check that fits the system or disk in front of
 * it (persistence and what it starts, running programs, users' files,
 * temporary folders, browsers, packages, the boot record, mail) and writes
 * one report, plain or encrypted to a helpline's key. */
#include <getopt.h>
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
#include "core/buffer.h"
#include "core/i18n.h"
#include "oberig/bootrec.h"
#include "oberig/mail.h"
#include "oberig/packages.h"
#include "oberig/persistence.h"
#include "oberig/report.h"
#include "oberig/triage.h"

#define usage_error(...) cli_usage_error("triage", __VA_ARGS__)

/* The steps, in the order they run; their names are what --skip takes. */
enum step_id {
    STEP_PERSISTENCE,
    STEP_STARTUP_PROGRAMS,
    STEP_PROCESSES,
    STEP_USER_FILES,
    STEP_TEMP,
    STEP_APP_DATA,
    STEP_BROWSER,
    STEP_PACKAGES,
    STEP_BOOTREC,
    STEP_MAIL,
    STEP_COUNT
};

static const struct {
    const char *name;
    const char *title;
    enum ob_triage_place_kind places; /* scan steps of a plan's places */
} step_defs[STEP_COUNT] = {
    [STEP_PERSISTENCE] = {"persistence", N_("what is set to start by itself"), 0},
    [STEP_STARTUP_PROGRAMS] = {"startup-programs", N_("the programs it starts"), 0},
    [STEP_PROCESSES] = {"processes", N_("the programs of running processes"), 0},
    [STEP_USER_FILES] = {"user-files", N_("users' downloads, desktop and documents"),
                         OB_TRIAGE_USER_FILES},
    [STEP_TEMP] = {"temp", N_("temporary folders"), OB_TRIAGE_TEMP},
    [STEP_APP_DATA] = {"app-data", N_("programs' data folders"), OB_TRIAGE_APP_DATA},
    [STEP_BROWSER] = {"browser", N_("browser profiles"), OB_TRIAGE_BROWSER},
    [STEP_PACKAGES] = {"packages", N_("installed packages"), 0},
    [STEP_BOOTREC] = {"bootrec", N_("the boot record of the system disk"), 0},
    [STEP_MAIL] = {"mail", N_("mail"), 0},
};

void cli_cmd_triage_help(FILE *out)
{
    fputs(_("usage: oberig triage [options]\n"
            "\n"
            "Looks where malware and attackers usually are, on this computer or on a\n"
            "mounted disk of another one (Linux or Windows), and writes one report for\n"
            "you and your helpline: report.html to read, report.json for programs.\n"
            "It needs no network and changes nothing on the disk it examines.\n"
            "\n"
            "steps (in this order; each can be skipped with --skip):\n"
            "  persistence       what is set to start by itself (cron, systemd, autostart,\n"
            "                    shell files, SSH keys, ld.so.preload; on Windows the\n"
            "                    registry's Run keys, services, Winlogon, IFEO, AppInit_DLLs,\n"
            "                    scheduled tasks and Startup folders)\n"
            "  startup-programs  scans the programs those entries start\n"
            "  processes         scans the programs of running processes, deleted ones too\n"
            "                    (this computer only)\n"
            "  user-files        users' Downloads, Desktop and Documents\n"
            "  temp              temporary folders\n"
            "  app-data          Windows: AppData and ProgramData\n"
            "  browser           browser profiles (with --quick: their extensions)\n"
            "  packages          verifies installed packages' files (dpkg)\n"
            "  bootrec           the boot record of the disk that holds the root\n"
            "  mail              Thunderbird's folders and Maildir\n"
            "\n"
            "options:\n"
            "      --root DIR         examine a mounted disk instead of this computer\n"
            "      --quick            only the places where most malware is found: minutes,\n"
            "                         not hours (no Documents, no package verification,\n"
            "                         browser extensions, inboxes and junk mail only)\n"
            "      --skip LIST        steps not to run, comma-separated: --skip mail,packages\n"
            "  -o, --output DIR       the report's folder (default: a new folder\n"
            "                         oberig-report-YYYYMMDD-HHMMSS in the current one)\n"
            "      --encrypt-to KEY   encrypt the report to the helpline's OpenPGP public key\n"
            "                         (a file): only report.html.gpg and report.json.gpg are\n"
            "                         written, and their SHA-256 is printed\n"
            "      --redact           leave user names, home folders and e-mail addresses\n"
            "                         out of the report; indicators stay\n"
            "  -q, --quiet            no progress, only the summary\n"),
          out);
    fputs(_("indicators (as for oberig scan; use both for the fullest check):\n"
            "  -r, --rules PATH       YARA rules: a .yar/.yara file, a folder of them, or\n"
            "                         compiled rules; repeatable\n"
            "  -i, --iocs DIR         IOC lists in Loki/signature-base format; repeatable\n"
            "      --db PATH          the indicator store filled by 'oberig ioc import'\n"
            "                         (default: $OBERIG_DB, else ~/.local/share/oberig/\n"
            "                         indicators.db); used when it exists\n"
            "      --no-store         do not use the indicator store (its indicators and\n"
            "                         YARA rules)\n"
            "      --no-cache         do not read or keep compiled rules in the cache\n"
            "                         folder ($XDG_CACHE_HOME/oberig, else ~/.cache/oberig)\n"
            "\n"),
          out);
    cli_help_every(out, 22);
    fputs(_("\n"
            "exit status: 0 nothing at WARNING or above, 1 something found,\n"
            "2 error (nothing could be examined, or the report could not be written).\n"
            "\n"
            "examples:\n"
            "  sudo oberig triage\n"
            "  sudo oberig triage --quick --encrypt-to helpline.asc\n"
            "  oberig triage --root /mnt/windows --rules rules/ --iocs iocs/ -o case-42\n"),
          out);
}

struct triage_cli {
    struct ob_cli_args args;
    const char *root;
    const char *encrypt_to;
    bool redact, quick;
    bool skip[STEP_COUNT];
};

/* ---- interruption ---------------------------------------------------------------- */

/* Set by the signal handler, read by the monitor thread and the main one:
 * a lock-free atomic, safe both in a handler and across threads. */
static atomic_int interrupted;

static void on_signal(int signal_number)
{
    (void)signal_number;
    atomic_store(&interrupted, 1);
}

/* ---- the run ------------------------------------------------------------------------ */

struct run {
    const struct triage_cli *cli;
    struct ob_context *ctx;
    struct ob_report *report;
    struct ob_cli_sources *sources;
    struct ob_triage_plan *plan;
    struct ob_package_trust *trust;
    bool progress_line; /* stderr is a terminal: a live progress line */
    bool quiet;
    /* The current step's JSON lines, in memory. */
    FILE *lines;
    char *line_data;
    size_t line_length;
    pthread_mutex_t lock; /* the lines and the progress line */
    double step_started;
    enum step_id step;
    bool start_written; /* the scan `start` line (sets) went into the report */
    size_t examined;    /* steps that examined something */
    bool failed;        /* a step failed in a way that is the run's error */
    /* Programs that persistence entries start. */
    char **programs;
    size_t program_count, program_capacity;
    struct ob_buffer safe;
    /* What the current step read, for the report's "source": paths. */
    struct ob_buffer source;
    size_t source_more; /* paths left out of `source` */
};

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void say_step(struct run *run, const char *detail)
{
    if (run->quiet)
        return;
    if (run->progress_line)
        fputs("\r\033[K", stderr);
    fprintf(stderr, "[%d/%d] %s: %s\n", (int)run->step + 1, STEP_COUNT,
            _(step_defs[run->step].title), detail);
}

#define SOURCE_MAX 2048 /* bytes of paths named as a step's source */

/* Names `path` among what the current step read. */
static void add_source(struct run *run, const char *path)
{
    size_t length = strlen(path);
    if (run->source.length + length + 2 > SOURCE_MAX) {
        run->source_more++;
        return;
    }
    if ((run->source.length > 0 && core_buffer_append(&run->source, ", ", 2) != OB_OK) ||
        core_buffer_append(&run->source, path, length) != OB_OK)
        run->source_more++;
}

static bool step_begin(struct run *run, enum step_id step)
{
    run->step = step;
    core_buffer_reset(&run->source, 1 << 16);
    run->source_more = 0;
    run->step_started = now_seconds();
    run->line_data = NULL;
    run->line_length = 0;
    run->lines = open_memstream(&run->line_data, &run->line_length);
    if (run->lines == NULL) {
        run->failed = true;
        return false;
    }
    if (run->progress_line)
        fprintf(stderr, "\r\033[K[%d/%d] %s…", (int)step + 1, STEP_COUNT, _(step_defs[step].title));
    return true;
}

/* Feeds the step's lines into the report and says how it went. */
static void step_end(struct run *run, const char *detail)
{
    double seconds = now_seconds() - run->step_started;
    enum ob_status status = OB_ERR_NOMEM;
    if (run->source_more > 0 &&
        core_buffer_printf(&run->source, " (+%zu)", run->source_more) != OB_OK)
        core_buffer_reset(&run->source, 1 << 16); /* better none than a wrong one */
    if (fclose(run->lines) == 0)
        status = ob_report_step_begin(run->report, step_defs[run->step].name,
                                      run->source.length > 0 ? core_buffer_str(&run->source)
                                                             : NULL);
    run->lines = NULL;
    for (size_t at = 0; status == OB_OK && at < run->line_length;) {
        const char *line = run->line_data + at;
        const char *end = memchr(line, '\n', run->line_length - at);
        size_t length = end != NULL ? (size_t)(end - line) : run->line_length - at;
        status = ob_report_add_line(run->report, line, length);
        at += length + 1;
    }
    free(run->line_data);
    run->line_data = NULL;
    if (status != OB_OK) {
        cli_fail("triage", run->ctx, status);
        run->failed = true;
        return;
    }
    ob_report_step_time(run->report, seconds);
    char text[512];
    /* TRANSLATORS: %s what the step found or read; then its time. */
    snprintf(text, sizeof(text), _("%s, %.1f s"), detail, seconds);
    say_step(run, text);
}

static void step_skip(struct run *run, enum step_id step, const char *reason)
{
    run->step = step;
    if (ob_report_step_skip(run->report, step_defs[step].name, reason) != OB_OK)
        run->failed = true;
    char text[512];
    /* TRANSLATORS: %s why a step did not run. */
    snprintf(text, sizeof(text), _("skipped (%s)"), reason);
    say_step(run, text);
}

static void note(struct run *run, bool error, const char *path, const char *message)
{
    pthread_mutex_lock(&run->lock);
    cli_jsonl_note(run->lines, error, path, message);
    pthread_mutex_unlock(&run->lock);
}

/* ---- scanning ------------------------------------------------------------------------- */

static void sink_finding(void *user, const struct ob_finding *finding)
{
    struct run *run = user;
    pthread_mutex_lock(&run->lock);
    cli_jsonl_finding(run->lines, finding);
    pthread_mutex_unlock(&run->lock);
}

static void sink_problem(void *user, const struct ob_scan_problem *problem)
{
    struct run *run = user;
    pthread_mutex_lock(&run->lock);
    cli_jsonl_problem(run->lines, problem);
    pthread_mutex_unlock(&run->lock);
}

/* Watches a running scan: interruption, and the progress line. `done`
 * (under `lock`, signalled on `wake`) ends it at once. */
struct monitor {
    struct run *run;
    struct ob_scan *scan;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool done;
};

static void scan_detail(char *out, size_t size, const struct ob_scan_stats *stats)
{
    char bytes[32];
    cli_format_bytes(bytes, sizeof(bytes), (double)stats->bytes);
    /* TRANSLATORS: files examined, then their size ("12.3 MB"). */
    snprintf(out, size, P_("%llu file, %s", "%llu files, %s", stats->files),
             (unsigned long long)stats->files, bytes);
}

static void *monitor_main(void *argument)
{
    struct monitor *monitor = argument;
    struct run *run = monitor->run;
    unsigned ticks = 0;
    pthread_mutex_lock(&monitor->lock);
    while (!monitor->done) {
        struct timespec until;
        cli_deadline_after(&until, 100);
        pthread_cond_timedwait(&monitor->wake, &monitor->lock, &until);
        if (monitor->done)
            break;
        if (atomic_load(&interrupted))
            ob_scan_cancel(monitor->scan);
        if (run->progress_line && ++ticks % 3 == 0) {
            struct ob_scan_stats stats;
            ob_scan_progress(monitor->scan, &stats);
            char detail[128];
            scan_detail(detail, sizeof(detail), &stats);
            pthread_mutex_lock(&run->lock);
            fprintf(stderr, "\r\033[K[%d/%d] %s: %s, %.0f s", (int)run->step + 1, STEP_COUNT,
                    _(step_defs[run->step].title), detail, now_seconds() - run->step_started);
            pthread_mutex_unlock(&run->lock);
        }
    }
    pthread_mutex_unlock(&monitor->lock);
    return NULL;
}

/* A deleted program of a running process: read through /proc/PID/exe
 * into memory and scanned there. */
static void scan_deleted(struct run *run, struct ob_scan *scan, const struct ob_scan_options *o,
                         const struct ob_triage_process *process)
{
    struct ob_buffer content;
    core_buffer_init(&content, (size_t)o->max_file_size);
    const char *reason = NULL;
    enum ob_status status = core_buffer_read_file(&content, process->path, &reason);
    if (status != OB_OK) {
        note(run, true, process->path, reason != NULL ? reason : ob_strerror(status));
    } else {
        const struct ob_scan_callbacks callbacks = {.finding = sink_finding,
                                                    .problem = sink_problem,
                                                    .user = run};
        status = ob_scan_buffer(scan, process->path, content.data, content.length, &callbacks);
        if (status != OB_OK)
            note(run, true, process->path, ob_strerror(status));
    }
    core_buffer_release(&content);
}

struct deleted_list {
    struct ob_triage_process *items;
    size_t count;
};

/* Scans `paths` (and the deleted programs) as one step. */
static void scan_step(struct run *run, const char *const *paths, size_t count,
                      const struct deleted_list *deleted, bool trusted)
{
    struct ob_scan_options options;
    ob_scan_options_init(&options);
    static const char *const browser_caches[] = {"Cache",    "cache2",       "Code Cache",
                                                 "GPUCache", "CacheStorage", "ScriptCache"};
    if (run->step == STEP_BROWSER) {
        options.excludes = browser_caches;
        options.exclude_count = sizeof(browser_caches) / sizeof(browser_caches[0]);
    }
    /* YARA rules see a Windows disk's folders as Windows shows them. */
    if (run->plan->system == OB_TRIAGE_WINDOWS) {
        options.windows_drive = 'C';
        options.windows_root = run->cli->root;
    }
    /* Owners are named from the examined system's own etc/passwd. */
    options.owner_root = run->cli->root;
    /* Browser histories are checked against the store and the C2 lists. */
    cli_sources_use_lookup(run->sources, &options);
    if (trusted && run->trust != NULL) {
        options.trusted_md5 = ob_package_trust_md5;
        options.trusted_table = run->trust;
    }
    const struct ob_scan_callbacks callbacks = {.finding = sink_finding,
                                                .problem = sink_problem,
                                                .user = run};
    struct ob_scan *scan = NULL;
    enum ob_status status = ob_scan_new(&options, run->sources->rules, run->sources->iocs,
                                        &callbacks, &scan);
    if (status != OB_OK) {
        note(run, true, NULL, ob_strerror(status));
        step_end(run, ob_strerror(status));
        return;
    }
    if (!run->start_written) {
        struct ob_run_info info = {.sources = run->sources, .options = &options};
        cli_jsonl_start(run->lines, &info);
        run->start_written = true;
    }
    struct monitor monitor = {.run = run, .scan = scan};
    pthread_mutex_init(&monitor.lock, NULL);
    pthread_cond_init(&monitor.wake, NULL);
    pthread_t thread;
    bool monitoring = pthread_create(&thread, NULL, monitor_main, &monitor) == 0;
    status = ob_scan_run(scan, paths, count);
    if (monitoring) {
        pthread_mutex_lock(&monitor.lock);
        monitor.done = true;
        pthread_cond_signal(&monitor.wake);
        pthread_mutex_unlock(&monitor.lock);
        pthread_join(thread, NULL);
    }
    pthread_cond_destroy(&monitor.wake);
    pthread_mutex_destroy(&monitor.lock);
    for (size_t i = 0; deleted != NULL && i < deleted->count && !atomic_load(&interrupted); i++)
        scan_deleted(run, scan, &options, &deleted->items[i]);
    struct ob_scan_stats stats;
    ob_scan_progress(scan, &stats);
    struct ob_wiper_extent wiper;
    ob_scan_wiper_extent(scan, &wiper);
    cli_jsonl_summary(run->lines, &stats, &wiper, run->sources);
    ob_scan_free(scan);
    char detail[128];
    if (status != OB_OK) {
        snprintf(detail, sizeof(detail), "%s", ob_strerror(status));
        run->failed = true;
    } else {
        scan_detail(detail, sizeof(detail), &stats);
    }
    if (stats.files > 0)
        run->examined++;
    step_end(run, detail);
}

/* ---- persistence ---------------------------------------------------------------------- */

struct persistence_tally {
    struct run *run;
    size_t entries, notices;
    uint64_t levels[4];
};

static void remember_program(struct run *run, const char *program)
{
    if (run->program_count == run->program_capacity) {
        size_t capacity = run->program_capacity == 0 ? 64 : run->program_capacity * 2;
        char **grown = realloc(run->programs, capacity * sizeof(*grown));
        if (grown == NULL)
            return;
        run->programs = grown;
        run->program_capacity = capacity;
    }
    char *copy = strdup(program);
    if (copy != NULL)
        run->programs[run->program_count++] = copy;
}

static void on_entry(void *user, const struct ob_persistence_entry *entry)
{
    struct persistence_tally *tally = user;
    tally->entries++;
    tally->levels[entry->level]++;
    cli_jsonl_persistence(tally->run->lines, entry);
    if (entry->program[0] != '\0' && entry->program_exists)
        remember_program(tally->run, entry->program);
}

static void on_persistence_problem(void *user, const char *path, const char *message)
{
    struct persistence_tally *tally = user;
    tally->notices++;
    cli_jsonl_note(tally->run->lines, false, path, message);
}

static void persistence_step(struct run *run)
{
    struct persistence_tally tally = {.run = run};
    add_source(run, run->cli->root);
    const struct ob_persistence_callbacks callbacks = {.entry = on_entry,
                                                       .problem = on_persistence_problem,
                                                       .user = &tally};
    enum ob_status status = ob_persistence_list(run->ctx, run->cli->root, &callbacks);
    char detail[256];
    if (status != OB_OK) {
        snprintf(detail, sizeof(detail), "%s", ob_context_last_error(run->ctx));
        cli_jsonl_note(run->lines, true, run->cli->root, detail);
    } else {
        cli_jsonl_persistence_summary(run->lines, run->cli->root, tally.entries, tally.levels,
                                      tally.notices);
        run->examined++;
        snprintf(detail, sizeof(detail),
                 P_("%zu entry, %llu to look at", "%zu entries, %llu to look at", tally.entries),
                 tally.entries,
                 (unsigned long long)(tally.levels[OB_LEVEL_WARNING] +
                                      tally.levels[OB_LEVEL_ALERT]));
    }
    step_end(run, detail);
}

/* The scan step of a kind of place. */
static enum step_id place_step(enum ob_triage_place_kind kind)
{
    for (int step = STEP_USER_FILES; step <= STEP_BROWSER; step++)
        if (step_defs[step].places == kind)
            return (enum step_id)step;
    return STEP_USER_FILES;
}

/* Whether a later step scans `path` anyway, inside one of the plan's
 * folders: it is then scanned once, there. */
static bool covered_later(const struct run *run, const char *path)
{
    for (size_t i = 0; i < run->plan->place_count; i++) {
        const struct ob_triage_place *place = &run->plan->places[i];
        enum ob_triage_place_kind kind = place->kind;
        if (kind == OB_TRIAGE_MAIL || run->cli->skip[place_step(kind)])
            continue;
        size_t length = strlen(place->path);
        if (strncmp(path, place->path, length) == 0 && path[length] == '/')
            return true;
    }
    return false;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void startup_programs_step(struct run *run)
{
    qsort(run->programs, run->program_count, sizeof(*run->programs), compare_strings);
    size_t unique = 0;
    for (size_t i = 0; i < run->program_count; i++) {
        if ((unique > 0 && strcmp(run->programs[unique - 1], run->programs[i]) == 0) ||
            covered_later(run, run->programs[i]))
            free(run->programs[i]);
        else
            run->programs[unique++] = run->programs[i];
    }
    run->program_count = unique;
    for (size_t i = 0; i < run->program_count; i++)
        add_source(run, run->programs[i]);
    scan_step(run, (const char *const *)run->programs, run->program_count, NULL, true);
}

/* ---- running processes ------------------------------------------------------------------ */

struct process_list {
    struct run *run;
    char **paths;
    size_t count, capacity;
    struct deleted_list deleted;
    size_t deleted_capacity;
};

static void on_process(void *user, const struct ob_triage_process *process)
{
    struct process_list *list = user;
    if (process->deleted) {
        char message[8192];
        if (strncmp(process->program, "/memfd:", 7) == 0)
            snprintf(message, sizeof(message),
                     /* TRANSLATORS: %d a process id, %s its name, %s the kernel's name of
                      * the program ("/memfd:..."). */
                     _("process %d (%s) runs a program that exists only in memory (%s): "
                       "malware that leaves no file does this, and so do some container and "
                       "sandbox tools"),
                     process->pid, process->name, process->program);
        else
            snprintf(message, sizeof(message),
                     /* TRANSLATORS: %d a process id, %s its name, %s the deleted program's
                      * path. */
                     _("process %d (%s) runs a program whose file was deleted: %s; updates "
                       "leave this until a restart, and so does malware that hides its file"),
                     process->pid, process->name, process->program);
        cli_jsonl_note(list->run->lines, false, process->path, message);
        if (list->deleted.count == list->deleted_capacity) {
            size_t capacity = list->deleted_capacity == 0 ? 8 : list->deleted_capacity * 2;
            struct ob_triage_process *grown = realloc(list->deleted.items,
                                                      capacity * sizeof(*grown));
            if (grown == NULL)
                return;
            list->deleted.items = grown;
            list->deleted_capacity = capacity;
        }
        list->deleted.items[list->deleted.count++] = *process;
        return;
    }
    if (list->count == list->capacity) {
        size_t capacity = list->capacity == 0 ? 64 : list->capacity * 2;
        char **grown = realloc(list->paths, capacity * sizeof(*grown));
        if (grown == NULL)
            return;
        list->paths = grown;
        list->capacity = capacity;
    }
    if (covered_later(list->run, process->path))
        return;
    char *copy = strdup(process->path);
    if (copy != NULL)
        list->paths[list->count++] = copy;
}

static void processes_step(struct run *run)
{
    struct process_list list = {.run = run};
    add_source(run, "/proc");
    size_t unreadable = 0;
    ob_triage_processes(run->ctx, on_process, &list, &unreadable);
    if (unreadable > 0) {
        char message[256];
        cli_unreadable_processes(message, sizeof(message), unreadable);
        cli_jsonl_note(run->lines, false, NULL, message);
    }
    scan_step(run, (const char *const *)list.paths, list.count, &list.deleted, true);
    for (size_t i = 0; i < list.count; i++)
        free(list.paths[i]);
    free(list.paths);
    free(list.deleted.items);
}

/* ---- places ------------------------------------------------------------------------------- */

static void places_step(struct run *run, enum ob_triage_place_kind kind)
{
    size_t count = 0;
    for (size_t i = 0; i < run->plan->place_count; i++)
        count += run->plan->places[i].kind == kind;
    const char **paths = calloc(count > 0 ? count : 1, sizeof(*paths));
    if (paths == NULL) {
        run->failed = true;
        step_end(run, ob_strerror(OB_ERR_NOMEM));
        return;
    }
    count = 0;
    for (size_t i = 0; i < run->plan->place_count; i++)
        if (run->plan->places[i].kind == kind) {
            paths[count++] = run->plan->places[i].path;
            add_source(run, run->plan->places[i].path);
        }
    scan_step(run, paths, count, NULL, false);
    free(paths);
}

/* ---- packages ------------------------------------------------------------------------------ */

static void on_package_finding(void *user, const struct ob_package_finding *finding)
{
    struct run *run = user;
    cli_jsonl_package_finding(run->lines, finding);
}

static void on_package_problem(void *user, const struct ob_package_problem *problem)
{
    struct run *run = user;
    cli_jsonl_note(run->lines, problem->is_error, problem->path, problem->message);
}

static void packages_step(struct run *run)
{
    struct ob_package_verify_options options = {.root = run->cli->root,
                                                .on_finding = on_package_finding,
                                                .on_problem = on_package_problem,
                                                .user = run};
    struct ob_package_stats stats;
    add_source(run, run->cli->root);
    enum ob_status status = ob_packages_verify(run->ctx, &options, &stats);
    char detail[256];
    if (status != OB_OK) {
        snprintf(detail, sizeof(detail), "%s", ob_context_last_error(run->ctx));
        cli_jsonl_note(run->lines, true, run->cli->root, detail);
    } else {
        cli_jsonl_package_summary(run->lines, &stats);
        run->examined++;
        snprintf(detail, sizeof(detail),
                 P_("%llu package, %llu files", "%llu packages, %llu files", stats.packages),
                 (unsigned long long)stats.packages, (unsigned long long)stats.files);
    }
    step_end(run, detail);
}

/* ---- the boot record ------------------------------------------------------------------------ */

static void bootrec_step(struct run *run)
{
    struct ob_bootrec *bootrec = NULL;
    const char *disk = run->plan->boot_disk;
    add_source(run, disk);
    enum ob_status status = ob_bootrec_read(run->ctx, disk, &bootrec);
    char detail[256];
    if (status != OB_OK) {
        snprintf(detail, sizeof(detail), "%s", ob_context_last_error(run->ctx));
        cli_jsonl_note(run->lines, true, disk, detail);
    } else {
        cli_jsonl_bootrec(run->lines, disk, bootrec);
        run->examined++;
        snprintf(detail, sizeof(detail), "%s", cli_safe_text(&run->safe, disk));
    }
    ob_bootrec_free(bootrec);
    step_end(run, detail);
}

/* ---- mail -------------------------------------------------------------------------------------
 */

struct mail_progress {
    struct run *run;
    size_t place, places; /* the mail folder being read (from 1), of how many */
    uint64_t messages;
    double shown; /* when the progress line was last written */
};

static void on_mail_result(void *user, const struct ob_mail_result *result)
{
    struct mail_progress *progress = user;
    struct run *run = progress->run;
    cli_jsonl_mail_result(run->lines, result);
    progress->messages++;
    double now = now_seconds();
    if (!run->progress_line || now - progress->shown < 0.3)
        return;
    progress->shown = now;
    fprintf(stderr, "\r\033[K[%d/%d] %s: ", (int)run->step + 1, STEP_COUNT,
            _(step_defs[run->step].title));
    /* TRANSLATORS: messages read so far, then which mail folder of how many. */
    fprintf(stderr,
            P_("%llu message, folder %zu of %zu", "%llu messages, folder %zu of %zu",
               progress->messages),
            (unsigned long long)progress->messages, progress->place, progress->places);
}

static void mail_step(struct run *run)
{
    struct ob_mail_options options;
    ob_mail_options_init(&options);
    options.lookup = run->sources->lookup;
    options.rules = run->sources->rules;
    options.iocs = run->sources->iocs;
    struct ob_mail *mail = NULL;
    enum ob_status status = ob_mail_new(run->ctx, &options, &mail);
    if (status != OB_OK) {
        cli_jsonl_note(run->lines, true, NULL, ob_context_last_error(run->ctx));
        step_end(run, ob_strerror(status));
        return;
    }
    struct mail_progress progress = {.run = run};
    for (size_t i = 0; i < run->plan->place_count; i++)
        progress.places += run->plan->places[i].kind == OB_TRIAGE_MAIL;
    for (size_t i = 0; i < run->plan->place_count && !atomic_load(&interrupted); i++) {
        const struct ob_triage_place *place = &run->plan->places[i];
        if (place->kind != OB_TRIAGE_MAIL)
            continue;
        progress.place++;
        add_source(run, place->path);
        status = ob_mail_triage_path(mail, place->path, on_mail_result, &progress);
        if (status != OB_OK)
            cli_jsonl_note(run->lines, true, place->path, ob_context_last_error(run->ctx));
    }
    struct ob_mail_stats stats;
    ob_mail_stats(mail, &stats);
    cli_jsonl_mail_summary(run->lines, &stats, run->sources);
    ob_mail_free(mail);
    if (stats.messages > 0)
        run->examined++;
    char detail[128];
    snprintf(detail, sizeof(detail), P_("%llu message", "%llu messages", stats.messages),
             (unsigned long long)stats.messages);
    step_end(run, detail);
}

/* ---- options ------------------------------------------------------------------------------------
 */

enum { OPT_ROOT = 256, OPT_QUICK, OPT_SKIP, OPT_ENCRYPT_TO, OPT_REDACT };

static bool parse_skip(struct triage_cli *cli, const char *list)
{
    char copy[512];
    if ((size_t)snprintf(copy, sizeof(copy), "%s", list) >= sizeof(copy))
        return false;
    char *save = NULL;
    for (char *name = strtok_r(copy, ",", &save); name != NULL; name = strtok_r(NULL, ",", &save)) {
        bool known = false;
        for (int i = 0; i < STEP_COUNT; i++) {
            if (strcmp(name, step_defs[i].name) == 0) {
                cli->skip[i] = true;
                known = true;
            }
        }
        if (!known) {
            usage_error(_("--skip: unknown step '%s'; the steps are persistence, "
                          "startup-programs, processes, user-files, temp, app-data, browser, "
                          "packages, bootrec, mail"),
                        name);
            return false;
        }
    }
    return true;
}

static int parse_options(struct triage_cli *cli, int argc, char **argv)
{
    static const struct option longs[] = {
        {"root", required_argument, NULL, OPT_ROOT},
        {"quick", no_argument, NULL, OPT_QUICK},
        {"skip", required_argument, NULL, OPT_SKIP},
        {"encrypt-to", required_argument, NULL, OPT_ENCRYPT_TO},
        {"redact", no_argument, NULL, OPT_REDACT},
        {NULL, 0, NULL, 0},
    };
    int option;
    while ((option = cli_getopt(&cli->args, argc, argv, "", longs)) != -1) {
        switch (option) {
        case OPT_ROOT:
            if (optarg[0] == '\0')
                return usage_error(_("--root: the folder is empty"));
            cli->root = optarg;
            break;
        case OPT_QUICK: cli->quick = true; break;
        case OPT_REDACT: cli->redact = true; break;
        case OPT_ENCRYPT_TO: cli->encrypt_to = optarg; break;
        case OPT_SKIP:
            if (!parse_skip(cli, optarg))
                return OB_EXIT_ERROR;
            break;
        }
    }
    int status = cli_args_finish(&cli->args, cli_cmd_triage_help);
    if (status >= 0)
        return status;
    if (optind < argc)
        return usage_error(_("unexpected argument '%s' (to examine a mounted disk, use --root)"),
                           argv[optind]);
    return -1;
}

/* ---- the command ------------------------------------------------------------------------------
 */

/* Why a step does not run, or NULL when it does. */
static const char *skip_reason(const struct run *run, enum step_id step)
{
    const struct triage_cli *cli = run->cli;
    const struct ob_triage_plan *plan = run->plan;
    if (cli->skip[step])
        return _("--skip");
    if (atomic_load(&interrupted))
        return _("interrupted");
    switch (step) {
    case STEP_STARTUP_PROGRAMS:
        if (cli->skip[STEP_PERSISTENCE])
            return _("needs the persistence step");
        if (run->program_count == 0)
            return _("no program to scan");
        return NULL;
    case STEP_PROCESSES:
        if (!plan->live)
            return _("only on the running system, not with --root");
        return NULL;
    case STEP_PACKAGES:
        if (!plan->has_dpkg)
            return _("no dpkg package database under the root");
        if (cli->quick)
            return _("not part of --quick");
        return NULL;
    case STEP_BOOTREC: return plan->boot_disk == NULL ? plan->boot_disk_reason : NULL;
    case STEP_PERSISTENCE: return NULL;
    default: break;
    }
    enum ob_triage_place_kind kind = step == STEP_MAIL ? OB_TRIAGE_MAIL : step_defs[step].places;
    for (size_t i = 0; i < plan->place_count; i++)
        if (plan->places[i].kind == kind)
            return NULL;
    if (step == STEP_APP_DATA && plan->system != OB_TRIAGE_WINDOWS)
        return _("a Windows folder; this is not a Windows disk");
    return _("none found");
}

static void run_step(struct run *run, enum step_id step)
{
    const char *reason = skip_reason(run, step);
    if (reason != NULL) {
        step_skip(run, step, reason);
        return;
    }
    if (!step_begin(run, step))
        return;
    switch (step) {
    case STEP_PERSISTENCE: persistence_step(run); break;
    case STEP_STARTUP_PROGRAMS: startup_programs_step(run); break;
    case STEP_PROCESSES: processes_step(run); break;
    case STEP_PACKAGES: packages_step(run); break;
    case STEP_BOOTREC: bootrec_step(run); break;
    case STEP_MAIL: mail_step(run); break;
    default: places_step(run, step_defs[step].places); break;
    }
}

static void say_plan(const struct run *run, struct ob_buffer *safe)
{
    if (run->quiet)
        return;
    const struct ob_triage_plan *plan = run->plan;
    const char *system = plan->system == OB_TRIAGE_WINDOWS ? _("a Windows disk")
                         : plan->live                      ? _("this computer")
                                                           : _("a Linux disk");
    /* TRANSLATORS: %s "this computer", "a Windows disk" or "a Linux disk";
     * %s the root folder; %zu the number of users' home folders. */
    fprintf(stderr,
            P_("oberig triage: examining %s (%s), %zu user\n",
               "oberig triage: examining %s (%s), %zu users\n", plan->user_count),
            system, cli_safe_text(safe, plan->root), plan->user_count);
}

int cli_cmd_triage(int argc, char **argv)
{
    struct triage_cli *cli = calloc(1, sizeof(*cli));
    if (cli == NULL)
        return cli_fail("triage", NULL, OB_ERR_NOMEM);
    cli_args_init(&cli->args, "triage",
                  OB_CLI_SOURCES | OB_CLI_OUTPUT | OB_CLI_QUIET | OB_CLI_VERBOSE);
    cli->root = "/";
    struct ob_cli_sources sources = {0};
    struct run run = {.cli = cli, .sources = &sources};
    pthread_mutex_init(&run.lock, NULL);
    core_buffer_init(&run.safe, 1 << 16);
    core_buffer_init(&run.source, 1 << 16);
    int exit_status = parse_options(cli, argc, argv);
    if (exit_status >= 0)
        goto out;
    exit_status = OB_EXIT_ERROR;
    run.quiet = cli->args.quiet;
    run.progress_line = !run.quiet && isatty(STDERR_FILENO) == 1;
    run.ctx = ob_context_new(cli_log, &cli->args.log);
    if (run.ctx == NULL || ob_report_new(run.ctx, &run.report) != OB_OK) {
        cli_fail("triage", NULL, OB_ERR_NOMEM);
        goto out;
    }
    enum ob_status status = ob_triage_plan_make(run.ctx, cli->root, cli->quick, &run.plan);
    if (status != OB_OK) {
        cli_fail("triage", run.ctx, status);
        goto out;
    }
    struct ob_report_write_options write_options = {.redact = cli->redact, .created = time(NULL)};
    char folder[4096];
    if (!cli_report_folder("triage", cli->args.output_path, write_options.created, folder,
                           sizeof(folder)))
        goto out;
    if (cli->encrypt_to != NULL &&
        !cli_report_check_key("triage", run.ctx, folder, cli->encrypt_to))
        goto out;
    bool loaded = cli_sources_load(&sources, run.ctx, &cli->args, OB_CLI_LOAD_LOOKUP);
    cli_log_finish(&cli->args.log);
    if (!loaded)
        goto out;
    if (cli->args.rule_count == 0 && cli->args.ioc_count == 0 && sources.store_indicators == 0 &&
        !run.quiet)
        fputs(_("oberig: no --rules or --iocs given and no indicators in the store: only "
                "disguised files, wiper damage, archives, persistence, packages, the boot "
                "record and mail are checked\n"),
              stderr);
    if (run.plan->has_dpkg && ob_package_trust_new(run.ctx, cli->root, &run.trust) != OB_OK)
        run.trust = NULL; /* the packages step says why, if it runs */
    say_plan(&run, &run.safe);
    struct sigaction action = {.sa_handler = on_signal};
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    for (int step = 0; step < STEP_COUNT && !run.failed; step++)
        run_step(&run, (enum step_id)step);
    if (run.failed)
        goto out;
    if (!cli_report_write_files("triage", run.report, run.ctx, folder, &write_options,
                                cli->encrypt_to, stdout))
        goto out;
    if (!run.quiet)
        fputc('\n', stdout);
    status = ob_report_write_text(run.report, &write_options, stdout);
    if (status != OB_OK) {
        cli_fail("triage", run.ctx, status);
        goto out;
    }
    if (cli->encrypt_to != NULL)
        printf(_("report encrypted in %s (report.html.gpg, report.json.gpg): only the holder of "
                 "the key can read it. Read the SHA-256 above out to your helpline, so they can "
                 "tell the files they receive are the ones you sent.\n"),
               cli_safe_text(&run.safe, folder));
    else
        printf(_("report written to %s (report.html, report.json)\n"),
               cli_safe_text(&run.safe, folder));
    if (atomic_load(&interrupted))
        cli_error("triage", _("interrupted; the report is incomplete"));
    else if (run.examined == 0)
        cli_error("triage", _("nothing could be examined: the report is empty"));
    else
        exit_status = ob_report_verdict(run.report) == OB_REPORT_CLEAN ? OB_EXIT_CLEAN
                                                                       : OB_EXIT_FOUND;
out:
    if (run.lines != NULL)
        fclose(run.lines);
    free(run.line_data);
    for (size_t i = 0; i < run.program_count; i++)
        free(run.programs[i]);
    free(run.programs);
    ob_package_trust_free(run.trust);
    ob_triage_plan_free(run.plan);
    ob_report_free(run.report);
    cli_sources_release(&sources);
    ob_context_free(run.ctx);
    core_buffer_release(&run.safe);
    core_buffer_release(&run.source);
    pthread_mutex_destroy(&run.lock);
    free(cli);
    return exit_status;
}
