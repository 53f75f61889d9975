/* SPDX-License-Identifier: Apache-2.0 */
/* oberig indicators: YARA rules and Loki/signature-base IOC lists, loaded
 * once and shared read-only by every scanning thread. */
#ifndef OBERIG_INDICATORS_H
#define OBERIG_INDICATORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oberig/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Score given to a hash indicator whose line carries none (as in Loki). */
#define OB_HASH_DEFAULT_SCORE 100
/* Score given to a YARA match whose rule has no integer `score` meta. */
#define OB_YARA_DEFAULT_SCORE 75

/* One indicator as it is explained in a finding. All strings are owned by
 * the set that produced the reference and live as long as it does. */
struct ob_indicator_ref {
    const char *name;        /* rule name, hash value or file-name regex */
    const char *source;      /* "path:line" of the indicator, or rule file */
    const char *description; /* what the indicator means; may be "" */
    int score;
    const char *campaign; /* campaign or malware it belongs to; NULL when unknown */
    /* File-name patterns only: the false-positive regex (Loki's third
     * field) as written; a path it matches is not reported. NULL if none. */
    const char *exclude;
};

/* ---- IOC lists ------------------------------------------------------- */

enum ob_hash_kind { OB_HASH_MD5, OB_HASH_SHA1, OB_HASH_SHA256, OB_HASH_KIND_COUNT };

struct ob_indicator_counts {
    size_t hashes[OB_HASH_KIND_COUNT]; /* evil hashes by kind */
    size_t file_names;                 /* exact names and paths (from the store) */
    size_t false_positive_hashes;
    size_t filename_patterns;
    size_t c2_entries;
    size_t malformed_lines; /* reported through the log and skipped */
    size_t files;           /* IOC files read */
};

/* A set of IOCs. Build it single-threaded with the load functions, then call
 * ob_indicators_finalize once; after that it is read-only and may be shared
 * by any number of threads. */
struct ob_indicators;

/* Creates an empty set; the caller frees it with ob_indicators_free. */
enum ob_status ob_indicators_new(struct ob_indicators **out) OB_WARN_UNUSED;
void ob_indicators_free(struct ob_indicators *set);

/* Loads every IOC file in `dir` (not recursive) by the convention that Loki
 * uses: a name containing "hash" is a hash list, "filename" a file-name
 * list, "c2" a C2 list; a name that also contains "falsepositive" (or starts
 * with "fp-"/"fp_") holds false-positive hashes. Names match without regard
 * to case and load in byte order. Other files are ignored.
 * Malformed lines are logged as warnings with file:line and skipped.
 * A file that cannot be read (or is over 64 MiB) is logged as an error and
 * the others still load; the call then returns that file's error.
 * Errors: OB_ERR_NOT_FOUND, OB_ERR_PERMISSION, OB_ERR_IO, OB_ERR_LIMIT,
 * OB_ERR_NOMEM. */
enum ob_status ob_indicators_load_dir(struct ob_indicators *set, struct ob_context *ctx,
                                      const char *dir) OB_WARN_UNUSED;

/* What one folder of IOC lists brought into a set, for naming where the
 * indicators came from and how fresh they are. */
struct ob_indicator_load {
    size_t files;      /* IOC files read */
    size_t indicators; /* evil hashes, file-name patterns and C2 entries read
                        * (before ob_indicators_finalize merges duplicates) */
    /* Newest modification time (Unix seconds) among the files read; 0 when
     * none was read. */
    int64_t newest_mtime;
};

/* ob_indicators_load_dir that also says, in *load (may be NULL; filled on
 * failure too, with what was read), what this folder brought. */
enum ob_status ob_indicators_load_dir_counted(struct ob_indicators *set, struct ob_context *ctx,
                                              const char *dir,
                                              struct ob_indicator_load *load) OB_WARN_UNUSED;

/* Parsers for one list held in memory; `source` names it in explanations
 * (normally the file path). Malformed lines are skipped and counted. */
enum ob_status ob_indicators_parse_hashes(struct ob_indicators *set, struct ob_context *ctx,
                                          const char *source, const char *text, size_t length,
                                          bool false_positive) OB_WARN_UNUSED;
enum ob_status ob_indicators_parse_filenames(struct ob_indicators *set, struct ob_context *ctx,
                                             const char *source, const char *text,
                                             size_t length) OB_WARN_UNUSED;
enum ob_status ob_indicators_parse_c2(struct ob_indicators *set, struct ob_context *ctx,
                                      const char *source, const char *text,
                                      size_t length) OB_WARN_UNUSED;

/* Adds indicators from elsewhere (the indicator store) to a set that is not
 * finalized yet; the strings of `ref` (all but campaign may not be NULL)
 * are copied. A hash of 32, 40 or 64 hex digits (any case); an exact file
 * name, compared with the base name of each scanned path without regard to
 * ASCII case; a full path, which matches a scanned path that ends with it
 * (a disk image mounted anywhere) or, when it ends with '/', any file below
 * that folder, '\\' and '/' alike and a leading drive letter ignored; a
 * path regex, as in filename-iocs.txt. Errors: OB_ERR_PARSE for a value
 * that is not one of these, OB_ERR_LIMIT, OB_ERR_NOMEM. */
enum ob_status ob_indicators_add_hash(struct ob_indicators *set, struct ob_context *ctx,
                                      const char *hex,
                                      const struct ob_indicator_ref *ref) OB_WARN_UNUSED;
enum ob_status ob_indicators_add_file_name(struct ob_indicators *set, struct ob_context *ctx,
                                           const char *name,
                                           const struct ob_indicator_ref *ref) OB_WARN_UNUSED;
enum ob_status ob_indicators_add_file_path(struct ob_indicators *set, struct ob_context *ctx,
                                           const char *path,
                                           const struct ob_indicator_ref *ref) OB_WARN_UNUSED;
/* `regex` and ref->exclude (when not NULL or "") are Python regexes as in
 * signature-base; OB_ERR_PARSE when either cannot be used. */
enum ob_status ob_indicators_add_path_pattern(struct ob_indicators *set, struct ob_context *ctx,
                                              const char *regex,
                                              const struct ob_indicator_ref *ref) OB_WARN_UNUSED;

/* The kinds of signature-base list, and of their entries. */
enum ob_indicator_kind {
    OB_INDICATOR_HASH,         /* hash-iocs.txt */
    OB_INDICATOR_PATH_PATTERN, /* filename-iocs.txt */
    OB_INDICATOR_C2            /* c2-iocs.txt */
};

/* One usable entry of a list, as ob_indicator_list_read hands it out. The
 * strings are the reader's and valid only during the callback. */
struct ob_indicator_entry {
    enum ob_indicator_kind kind;
    enum ob_hash_kind hash_kind; /* OB_INDICATOR_HASH only */
    /* Lower-case hex digest, the regex as written, or host name or IP. */
    const char *value;
    size_t line; /* in the list, from 1 */
    /* The rest of a hash line, or the last comment line above the entry;
     * "" when none. */
    const char *description;
    int score;           /* the line's, or the kind's default */
    const char *exclude; /* OB_INDICATOR_PATH_PATTERN: false-positive regex, or NULL */
};
typedef enum ob_status (*ob_indicator_entry_fn)(void *user, const struct ob_indicator_entry *entry);

/* Reads one list of `kind` held in memory as the ob_indicators_parse_*
 * functions do (regexes are checked the same way), but hands each usable
 * entry, in order, to `fn` instead of keeping it. Malformed lines are
 * logged through ctx as warnings with source:line and skipped. Stops at
 * and returns the first non-OK status of `fn`; its own errors are
 * OB_ERR_NOMEM and OB_ERR_INVALID_ARGUMENT for an unknown kind. */
enum ob_status ob_indicator_list_read(enum ob_indicator_kind kind, struct ob_context *ctx,
                                      const char *source, const char *text, size_t length,
                                      ob_indicator_entry_fn fn, void *user) OB_WARN_UNUSED;

/* Sorts the hash lists and indexes the file-name patterns. Must be called
 * once after loading and before any lookup. Duplicate hashes collapse to
 * the one with the highest score (the first loaded on a tie). (A pattern
 * that cannot be matched in time linear in the path's length is refused
 * when it is added, logged with file:line and counted as malformed.) */
enum ob_status ob_indicators_finalize(struct ob_indicators *set,
                                      struct ob_context *ctx) OB_WARN_UNUSED;

void ob_indicators_counts(const struct ob_indicators *set, struct ob_indicator_counts *out);

/* The C2 entries of the set's C2 lists (host names and IP addresses as
 * written), in load order; *count gets their number. Owned by the set. */
const struct ob_indicator_ref *ob_indicators_c2_entries(const struct ob_indicators *set,
                                                        size_t *count);

/* True when the set holds at least one evil hash of `kind`. */
bool ob_indicators_has_hash_kind(const struct ob_indicators *set, enum ob_hash_kind kind);

/* Looks up a raw digest (16, 20 or 32 bytes for MD5, SHA-1, SHA-256). Returns
 * the indicator or NULL. Thread-safe after finalize. */
const struct ob_indicator_ref *ob_indicators_find_hash(const struct ob_indicators *set,
                                                       enum ob_hash_kind kind,
                                                       const unsigned char *digest);

/* True when the digest is on a false-positive list. Thread-safe. */
bool ob_indicators_is_false_positive(const struct ob_indicators *set, enum ob_hash_kind kind,
                                     const unsigned char *digest);

/* Per-thread matcher of file-name patterns against full paths. */
struct ob_filename_matcher;

enum ob_status ob_filename_matcher_new(const struct ob_indicators *set,
                                       struct ob_filename_matcher **out) OB_WARN_UNUSED;
void ob_filename_matcher_free(struct ob_filename_matcher *matcher);

typedef void (*ob_indicator_hit_fn)(void *user, const struct ob_indicator_ref *hit);

/* ob_filename_matcher_match_below: no folder of the path is known to be the
 * root of a Windows drive. */
#define OB_NO_DRIVE_ROOT ((size_t)-1)

/* Calls `hit` for every pattern that matches `path` (`length` bytes, need not
 * be NUL-terminated) and whose false-positive pattern does not. Patterns
 * written with Windows separators also match '/' separators, so indicators
 * written for Windows match a Windows disk mounted on Linux. A pattern
 * that starts at a drive root ("C:\\", "[Cc]:\\", ":\\", any letter) matches
 * only from the root of a drive: the folder path[0..root_length) (the
 * scanned root; OB_NO_DRIVE_ROOT for none), else a WSL mount such as
 * /mnt/c, or a drive root written in the path itself ("D:\\x" or an archive
 * member named "C:/x"). Its false-positive pattern matches its drive root
 * below any folder. OB_OK, or OB_ERR_NOMEM or OB_ERR_LIMIT (a path over
 * 1 MiB). Not thread-safe: one matcher per thread. */
enum ob_status ob_filename_matcher_match_below(struct ob_filename_matcher *matcher,
                                               const char *path, size_t length, size_t root_length,
                                               ob_indicator_hit_fn hit, void *user) OB_WARN_UNUSED;

/* ob_filename_matcher_match_below with no known drive root. */
enum ob_status ob_filename_matcher_match(struct ob_filename_matcher *matcher, const char *path,
                                         size_t length, ob_indicator_hit_fn hit,
                                         void *user) OB_WARN_UNUSED;

/* ---- YARA rules -------------------------------------------------------- */

/* The per-file external variables that Loki and THOR define. */
struct ob_yara_externals {
    const char *filename;  /* base name */
    const char *filepath;  /* directory part, without trailing separator */
    const char *extension; /* lower case with the dot, e.g. ".exe"; "" if none */
    const char *filetype;  /* magic label such as "EXE", "ELF"; "" if unknown */
    const char *owner;     /* owning user name, or "" */
};

struct ob_rules_counts {
    size_t files_loaded;
    size_t files_failed;
    size_t rules;
};

struct ob_rules;

enum ob_status ob_rules_new(struct ob_rules **out) OB_WARN_UNUSED;
void ob_rules_free(struct ob_rules *rules);

/* Queues a .yar/.yara file, a directory of them (recursively), or a file of
 * precompiled rules. Nothing is compiled until ob_rules_compile.
 * Errors: OB_ERR_NOT_FOUND, OB_ERR_NOMEM. */
enum ob_status ob_rules_add_path(struct ob_rules *rules, struct ob_context *ctx,
                                 const char *path) OB_WARN_UNUSED;

/* Compiles every queued source file, each in a namespace named after its
 * path. A file that fails to compile is logged as an error with file and
 * line and left out; with `strict` it makes the whole call fail with
 * OB_ERR_RULES instead. Call once. */
enum ob_status ob_rules_compile(struct ob_rules *rules, struct ob_context *ctx,
                                bool strict) OB_WARN_UNUSED;

void ob_rules_counts(const struct ob_rules *rules, struct ob_rules_counts *out);

/* The folder for compiled-rules caches: $XDG_CACHE_HOME/oberig, else
 * ~/.cache/oberig. A heap string the caller frees; NULL when no home is
 * known (then nothing is cached). */
char *ob_rules_cache_default_dir(void);

/* Keeps the compiled rule sets under `dir` (NULL: no cache, the default),
 * in files written atomically and named after the rule files' paths; call
 * before ob_rules_compile. A later ob_rules_compile of the same files, in
 * the same order, with the same libyara, loads them instead of compiling:
 * a file is taken as unchanged when its path, device, inode, size,
 * modification and change times are (the change time cannot be set back,
 * so a content change with a restored modification time is seen), else
 * its content is hashed and compared. A file changed less than 2 seconds
 * before the cache was written is always hashed. A cache file that is
 * damaged, cut short or not oberig's (its SHA-256 is checked before
 * libyara reads it) is logged as a warning and rebuilt. Errors:
 * OB_ERR_NOMEM. */
enum ob_status ob_rules_set_cache(struct ob_rules *rules, const char *dir) OB_WARN_UNUSED;

/* After ob_rules_compile: true when the source files' compiled sets came
 * from the cache (also said at INFO level through the context). */
bool ob_rules_from_cache(const struct ob_rules *rules);

/* After scanning with rules from the cache: the cache file's path when a
 * set kept in it did not match its SHA-256 when it was first needed (it
 * was then compiled again from the rule files, or, for the set
 * specialised for files that are not Windows programs, left to the full
 * set; findings are unchanged), else NULL. The damaged file is removed, so
 * the next start rebuilds it. Call once the scans are over. */
const char *ob_rules_cache_damaged(const struct ob_rules *rules);

/* What one ob_rules_add_path call brought, once ob_rules_compile ran. */
struct ob_rules_path_counts {
    struct ob_rules_counts counts; /* its rules and rule files */
    /* Newest modification time (Unix seconds) among the rule files it
     * queued, loaded or not; 0 when it queued none. */
    int64_t newest_mtime;
};

/* The counts of the path given to the `index`th call of ob_rules_add_path
 * (from 0, in call order, failed calls included). Returns false, *out
 * zeroed, when there was no such call. */
bool ob_rules_path_counts(const struct ob_rules *rules, size_t index,
                          struct ob_rules_path_counts *out);

/* Writes into `out` (32 bytes) a digest of what decides the rules' results:
 * libyara's version and every queued rule file, its path, whether it
 * compiled and its content as read now. Returns false when that cannot be
 * known: a file cannot be read, or a source file includes another (whose
 * content is not in the digest). Reads every rule file again. */
bool ob_rules_identity(const struct ob_rules *rules, unsigned char *out);

/* Results of content-only rules, shared by all threads, so that a file
 * whose content was already scanned (a copy, the same DLL in ten folders)
 * is not scanned by those rules again. Rule files that mention the per-file
 * externals (or include other files) are always scanned. Thread-safe.
 * Free it before the rules it served: it points into them. */
#define OB_RULE_CACHE_KEY 32 /* a SHA-256 of the content */
struct ob_rule_cache;

/* Creates a cache that remembers at most `max_entries` contents. */
enum ob_status ob_rule_cache_new(size_t max_entries, struct ob_rule_cache **out) OB_WARN_UNUSED;
void ob_rule_cache_free(struct ob_rule_cache *cache);
/* How many scans asked the cache, and how many it answered. */
void ob_rule_cache_stats(struct ob_rule_cache *cache, uint64_t *lookups, uint64_t *reuses);

/* Per-thread YARA scanner over compiled rules; `cache` may be NULL. */
struct ob_rule_scanner;

enum ob_status ob_rule_scanner_new(const struct ob_rules *rules, int timeout_seconds,
                                   struct ob_rule_cache *cache,
                                   struct ob_rule_scanner **out) OB_WARN_UNUSED;
void ob_rule_scanner_free(struct ob_rule_scanner *scanner);

/* Scans `data` with the externals set, calling `hit` once per matching rule
 * (name = rule identifier, source = rule file, score from the rule's `score`
 * meta or OB_YARA_DEFAULT_SCORE, description from its `description` meta).
 * `content_key` is the SHA-256 of `data` (OB_RULE_CACHE_KEY bytes), or NULL
 * to bypass the cache. The strings in `hit` are valid only during the call.
 * Errors: OB_ERR_LIMIT on timeout, OB_ERR_INTERNAL on other YARA failures;
 * a failed scan is never cached. */
enum ob_status ob_rule_scanner_scan(struct ob_rule_scanner *scanner, const unsigned char *data,
                                    size_t length, const struct ob_yara_externals *externals,
                                    const unsigned char *content_key, ob_indicator_hit_fn hit,
                                    void *user) OB_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
