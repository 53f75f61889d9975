/* SPDX-License-Identifier: Apache-2.0 */
/* Shared declarations of the oberig program: the commands, and the one way
 * they parse their shared options, report errors and load indicators. */
#ifndef OB_CLI_H
#define OB_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "oberig/bootrec.h"
#include "oberig/indicators.h"
#include "oberig/ioc.h"
#include "oberig/scan.h"

/* Exit statuses, as grep and yara users expect. */
#define OB_EXIT_CLEAN 0
#define OB_EXIT_FOUND 1
#define OB_EXIT_ERROR 2 /* usage or fatal error */

struct ob_command {
    const char *name;
    int (*run)(int argc, char **argv);
    void (*help)(FILE *out);
    const char *summary;
};

int cli_cmd_scan(int argc, char **argv);
void cli_cmd_scan_help(FILE *out);
int cli_cmd_ioc(int argc, char **argv);
void cli_cmd_ioc_help(FILE *out);
int cli_cmd_mail(int argc, char **argv);
void cli_cmd_mail_help(FILE *out);
int cli_cmd_bootrec(int argc, char **argv);
void cli_cmd_bootrec_help(FILE *out);
/* What a boot code class is, in words of the language of messages. */
const char *cli_bootrec_code_words(enum ob_bootrec_code code);
int cli_cmd_signals(int argc, char **argv);
void cli_cmd_signals_help(FILE *out);
int cli_cmd_verify_packages(int argc, char **argv);
void cli_cmd_verify_packages_help(FILE *out);
int cli_cmd_triage(int argc, char **argv);
void cli_cmd_triage_help(FILE *out);
int cli_cmd_persistence(int argc, char **argv);
void cli_cmd_persistence_help(FILE *out);
int cli_cmd_baseline(int argc, char **argv);
void cli_cmd_baseline_help(FILE *out);
int cli_cmd_report(int argc, char **argv);
void cli_cmd_report_help(FILE *out);
int cli_cmd_version(int argc, char **argv);
void cli_cmd_version_help(FILE *out);

/* ---- errors ------------------------------------------------------------------
 * Each goes to stderr as one line "oberig <command>: <detail>" ("oberig: "
 * when `command` is NULL), made safe for the terminal, and returns
 * OB_EXIT_ERROR so a command can `return` it. */

/* A usage error, followed by "Try 'oberig <command> --help'.". */
int cli_usage_error(const char *command, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* A library call that failed with `status`: the context's last error, or
 * ob_strerror(status) when it holds none. `ctx` may be NULL. */
int cli_fail(const char *command, const struct ob_context *ctx, enum ob_status status);
/* Any other fatal error, in the command's own words. */
int cli_error(const char *command, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* A log callback for ob_context_new(cli_log, &log): errors and warnings
 * to stderr, made safe for the terminal; without verbose, only the first
 * OB_CLI_QUIET_WARNINGS warnings, and cli_log_finish says how many more.
 * Not thread-safe: one context per command, used by one thread. */
#define OB_CLI_QUIET_WARNINGS 10
struct cli_log {
    bool verbose;
    size_t warnings;
};
void cli_log(void *user, enum ob_log_level level, const char *message);
void cli_log_finish(const struct cli_log *log);

/* The notice that the programs of `unreadable` processes could not be
 * read, telling an unprivileged user that root sees them all. */
void cli_unreadable_processes(char *out, size_t size, size_t unreadable);

/* The CLOCK_REALTIME time `milliseconds` from now, for a timed wait on a
 * condition variable (pthread_cond_timedwait). */
void cli_deadline_after(struct timespec *until, long milliseconds);

/* ---- options several commands share -----------------------------------------
 * Declared once (options.c), merged into each command's own getopt table and
 * parsed by cli_getopt. A command names the shared options it takes;
 * --help (and any option added for every command) it always takes. */

#define OB_CLI_MAX_LIST 256    /* --rules, --iocs (and scan's --exclude), each */
#define OB_CLI_MAX_OPTIONS 64  /* long options of one command, shared ones included */
#define OB_CLI_SHARED_VAL 1024 /* a command's own option values stay below this */

enum ob_cli_shared {
    OB_CLI_RULES = 1u << 0,    /* -r, --rules PATH: YARA rules, repeatable */
    OB_CLI_IOCS = 1u << 1,     /* -i, --iocs DIR: IOC lists, repeatable */
    OB_CLI_DB = 1u << 2,       /* --db PATH: the indicator store */
    OB_CLI_NO_STORE = 1u << 3, /* --no-store */
    OB_CLI_FORMAT = 1u << 4,   /* -f, --format human|jsonl */
    OB_CLI_OUTPUT = 1u << 5,   /* -o, --output FILE */
    OB_CLI_COLOR = 1u << 6,    /* --color (--colour) auto|always|never */
    OB_CLI_QUIET = 1u << 7,    /* -q, --quiet */
    OB_CLI_VERBOSE = 1u << 8,  /* -v, --verbose */
    OB_CLI_NO_CACHE = 1u << 9, /* --no-cache */
};
#define OB_CLI_SOURCES (OB_CLI_RULES | OB_CLI_IOCS | OB_CLI_DB | OB_CLI_NO_STORE | OB_CLI_NO_CACHE)

enum ob_output_format { OB_FORMAT_HUMAN, OB_FORMAT_JSONL };

/* --color WHEN */
enum { OB_CLI_COLOR_AUTO = -1, OB_CLI_COLOR_NEVER = 0, OB_CLI_COLOR_ALWAYS = 1 };

/* What the shared options say, and getopt's tables for one command. */
struct ob_cli_args {
    const char *command; /* "scan": names the command in every message */
    unsigned takes;      /* enum ob_cli_shared: the shared options it takes */
    bool own_formats;    /* --format values are the command's to check */
    const char *rules[OB_CLI_MAX_LIST];
    size_t rule_count;
    const char *iocs[OB_CLI_MAX_LIST];
    size_t ioc_count;
    const char *db; /* NULL: the default store */
    bool no_store;
    bool no_cache; /* compiled rules are neither read from nor kept in the cache */
    enum ob_output_format format;
    const char *format_name; /* --format as given, or NULL */
    const char *output_path; /* NULL: standard output */
    int color;               /* OB_CLI_COLOR_* */
    bool quiet;
    bool help;
    bool usage_error;   /* one was reported while parsing */
    struct cli_log log; /* log.verbose is --verbose */
    struct option longs[OB_CLI_MAX_OPTIONS + 1];
    char shorts[2 * OB_CLI_MAX_OPTIONS + 2];
};

/* Sets the defaults for `command`, which takes the shared options `takes`. */
void cli_args_init(struct ob_cli_args *args, const char *command, unsigned takes);

/* getopt_long over the command's own options together with the shared ones
 * it takes, called in a loop over one argv (the first call starts getopt
 * afresh). `shorts` and `longs` are as for getopt_long, without a leading
 * ':' and without the shared letters; `longs` ends with a zero entry, and
 * its values stay below OB_CLI_SHARED_VAL. Shared options are handled here,
 * usage errors reported. Returns the next option of the command's own, or
 * -1 when the options end, --help was given or a usage error was reported;
 * then cli_args_finish says which. Operands start at argv[optind]. */
int cli_getopt(struct ob_cli_args *args, int argc, char **argv, const char *shorts,
               const struct option *longs);

/* After cli_getopt returned -1: OB_EXIT_ERROR after a usage error,
 * OB_EXIT_CLEAN after printing `help` to stdout for --help, else -1 (go on). */
int cli_args_finish(const struct ob_cli_args *args, void (*help)(FILE *out));

/* A whole number from `min` to `max`, the whole of `text`, into *out. */
bool cli_parse_long(const char *text, long min, long max, long *out);

/* Prints the help lines of the options every command takes (--help), the
 * option names padded to `width`, for a command's own --help. */
void cli_help_every(FILE *out, int width);

/* ---- language ------------------------------------------------------------------ */

/* Whether --lang takes `language` ("uk", "en"). */
bool cli_language_valid(const char *language);

/* The value of the last --lang in argv before "--", or NULL: read before any
 * parsing, so that even a usage error is in the language asked for. */
const char *cli_language_option(int argc, char **argv);

/* Sets the language of messages from the locale, or from `language` (--lang,
 * NULL for none; an invalid one is ignored here and reported by the option
 * parser), and finds the catalogs. Call once, first. */
void cli_language_init(const char *language);

/* ---- indicators: rules, IOC lists and the store ------------------------------ */

/* How a command uses the indicator store (--db, else the default one):
 * USE (scan, mail): a --db must exist; no default store is normal, and one
 * that cannot be read is a warning. READ (ioc list, stats, export, remove):
 * a store that does not exist yet holds nothing, said on stderr. CREATE (ioc
 * import): made when missing. */
enum ob_cli_store_mode { OB_CLI_STORE_USE, OB_CLI_STORE_READ, OB_CLI_STORE_CREATE };

/* Opens the store for `mode`. *store stays NULL when there is none to use.
 * Returns false after saying why when the command cannot go on. The caller
 * frees *store with ob_ioc_store_free. */
bool cli_store_open(struct ob_context *ctx, const struct ob_cli_args *args,
                    enum ob_cli_store_mode mode, struct ob_ioc_store **store);

enum {
    OB_CLI_LOAD_STRICT = 1u << 0,  /* a rule file that does not compile is fatal */
    OB_CLI_LOAD_NO_YARA = 1u << 1, /* --rules are named but not loaded */
    OB_CLI_LOAD_LOOKUP = 1u << 2,  /* also the store's lookup of domains, URLs, ... */
};

/* One rule or indicator set a command used, named so that a result says
 * how fresh its indicators were: each --rules PATH, each --iocs DIR, each
 * source of the indicator store. */
enum ob_cli_set_kind {
    OB_CLI_SET_RULES,
    OB_CLI_SET_IOCS,
    OB_CLI_SET_STORE,
    OB_CLI_SET_STORED_RULES /* one per source of the rule files the store keeps */
};
struct ob_cli_set {
    enum ob_cli_set_kind kind;
    char *name;   /* the path as given, or the store source's name */
    size_t count; /* rules, or indicators read from it */
    size_t files; /* rule files loaded (rules, stored rules), IOC files read (lists), 0 (store) */
    /* Unix seconds, 0 when unknown: the newest modification time of its
     * files, or for a store source the date its publisher gives, else its
     * last import (cli_set_date). */
    int64_t date;
    /* Store sources only: what the publisher says, and the last import. */
    char *publisher; /* "" when not given, NULL for other kinds */
    int64_t published, imported;
    size_t expired; /* its indicators left out: past their valid_until */
    bool network;   /* it brought indicators for the lookup (mail, network checks) */
};
/* "yara-rules", "ioc-lists", "indicator-store" or "stored-rules", as JSON
 * names it. */
const char *cli_set_kind_name(enum ob_cli_set_kind kind);
/* The set's date as "YYYY-MM-DD" (UTC) in `out`; false, out "", when unknown. */
bool cli_set_date(const struct ob_cli_set *set, char *out, size_t size);
/* Unix seconds as "YYYY-MM-DD" (UTC) in `out`; false, out "", for 0 or
 * out of range. */
bool cli_format_date(int64_t seconds, char *out, size_t size);

/* How fresh the indicators a command used are: the newest date of its
 * indicator sets (store sources and --iocs lists), and whether it is older
 * than OB_CLI_FRESH_DAYS at `now`. */
#define OB_CLI_FRESH_DAYS 90
struct ob_cli_freshness {
    int64_t newest;   /* Unix seconds, 0 when no indicator set is dated */
    int64_t age_days; /* of the newest, 0 when not dated */
    bool stale;
    size_t expired; /* store indicators left out: past their valid_until */
};
struct ob_cli_sources;
void cli_sources_freshness(const struct ob_cli_sources *sources, int64_t now,
                           struct ob_cli_freshness *out);
/* The warning for stale indicators in words ("your indicators are 7
 * months old: ask your helpline for an update"), "" when not stale. */
void cli_freshness_warning(const struct ob_cli_freshness *freshness, char *out, size_t size);

/* What --rules, --iocs, --db and --no-store name, loaded once, read-only
 * after. The caller owns it and releases it with cli_sources_release. */
struct ob_cli_sources {
    struct ob_rules *rules;       /* NULL without --rules or kept rules (or with --no-yara) */
    struct ob_indicators *iocs;   /* NULL without --iocs or a store */
    struct ob_ioc_lookup *lookup; /* with OB_CLI_LOAD_LOOKUP and a store or C2 lists */
    struct ob_rules_counts rule_counts;
    struct ob_indicator_counts ioc_counts;
    bool store_used;         /* the indicator store was read */
    size_t store_indicators; /* file indicators taken from it */
    struct ob_cli_set *sets; /* the sets, in the order loaded (oberig triage writes them too) */
    size_t set_count;
};

/* Loads the rules, the IOC lists and the store's indicators that `args`
 * name (flags: OB_CLI_LOAD_*), with the same rules and messages for every
 * command. Returns false after saying why. Release `sources` either way. */
bool cli_sources_load(struct ob_cli_sources *sources, struct ob_context *ctx,
                      const struct ob_cli_args *args, unsigned flags);
void cli_sources_release(struct ob_cli_sources *sources);

/* Compiles the rule files the store keeps into the compiled-rules cache
 * (unless --no-cache), as the next scan will load them, so that scan
 * starts warm. Failures are warnings: only time is lost. */
void cli_rules_warm_cache(struct ob_context *ctx, const struct ob_cli_args *args,
                          struct ob_ioc_store *store);
/* The scan's lookup (ob_scan_options.lookup) over an ob_ioc_lookup: a
 * visited address as ob_ioc_lookup_find_address, a process name as a
 * process-name or file-name indicator. */
size_t cli_sources_lookup(const void *table, enum ob_scan_lookup_kind kind, const char *value,
                          ob_scan_lookup_fn fn, void *user);
/* Gives `options` the sources' lookup, when they have one. */
void cli_sources_use_lookup(const struct ob_cli_sources *sources, struct ob_scan_options *options);
/* For a command about to return to main and exit: releases `sources`, but
 * leaves the compiled rules and indicator sets to the operating system,
 * whose freeing piece by piece costs libyara a few tenths of a second after
 * the last result (as git's UNLEAK). Builds that check for leaks (address
 * sanitizer) release everything. */
void cli_sources_release_at_exit(struct ob_cli_sources *sources);

#endif
