/* SPDX-License-Identifier: Apache-2.0 */
/* Private layout of struct ob_indicators and the helpers its IOC list
 * parsers (hashes, file names, C2) share. */
#ifndef OB_INDICATORS_IOC_INTERNAL_H
#define OB_INDICATORS_IOC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buffer.h"
#include "indicators/literal_gate.h"
#include "indicators/path_nfa.h"
#include "oberig/indicators.h"

#define OB_IOC_FILE_CAP ((size_t)64 << 20)     /* largest IOC file read */
#define OB_IOC_LINE_CAP 8192                   /* longer lines are malformed */
#define OB_IOC_MAX_ENTRIES ((size_t)1 << 24)   /* per list */
#define OB_IOC_STRINGS_CAP ((size_t)512 << 20) /* all text a set keeps */
#define OB_IOC_MAX_WARNINGS 50                 /* logged per parsed list */
#define OB_IOC_DIGEST_MAX 32
#define OB_IOC_MIN_SCORE (-1000)
#define OB_IOC_MAX_SCORE 1000
#define OB_C2_DEFAULT_SCORE 100
#define OB_C2_MAX_LENGTH 253 /* longest DNS name */

/* One hash; digest bytes past the kind's size are zero, so whole digests
 * compare with one memcmp. */
struct ob_hash_entry {
    unsigned char digest[OB_IOC_DIGEST_MAX];
    size_t sequence; /* load order, to keep duplicates deterministic */
    struct ob_indicator_ref ref;
};

struct ob_hash_list {
    struct ob_hash_entry *entries; /* sorted by digest after finalize */
    size_t count, capacity;
};

/* Where one compiled regex is in the set's pool of instructions. */
struct ob_nfa_slice {
    uint32_t at, count; /* count 0: none */
};

struct ob_filename_pattern {
    struct ob_indicator_ref ref; /* name: the regex as written in the list */
    struct ob_nfa_slice match;   /* the regex, compiled */
    struct ob_nfa_slice exclude; /* the false-positive regex, compiled, if any */
    const char *gate_texts;      /* '\n'-ended texts for the literal gate; "" for none */
    bool gate_suffixes;          /* the gate texts end every match, not just stand in it */
    bool drive_rooted;           /* the regex starts at a Windows drive root */
};

/* An exact file name or path from the store; key is folded to ASCII lower
 * case, with '/' separators and no drive letter for paths. */
struct ob_exact_entry {
    const char *key;
    struct ob_indicator_ref ref;
};

struct ob_exact_list {
    struct ob_exact_entry *entries; /* sorted by key after finalize */
    size_t count, capacity;
};

struct ob_indicators {
    struct ob_exact_list file_names, file_paths, folders;
    struct ob_hash_list hashes[OB_HASH_KIND_COUNT];
    struct ob_hash_list false_positives[OB_HASH_KIND_COUNT];
    struct ob_filename_pattern *patterns;
    size_t pattern_count, pattern_capacity;
    struct ob_indicator_ref *c2;
    size_t c2_count, c2_capacity;
    struct ob_arena strings; /* all its text, at most OB_IOC_STRINGS_CAP */
    /* The compiled patterns: their instructions, whose SET instructions
     * index `nfa_sets`, and the most instructions of one. */
    struct ob_nfa_insn *nfa_insns;
    size_t nfa_insn_count, nfa_insn_capacity;
    struct ob_nfa_set *nfa_sets;
    size_t nfa_set_count, nfa_set_capacity;
    size_t nfa_longest;
    struct ob_literal_gate *filename_gate; /* of the patterns matched against the path */
    struct ob_literal_gate *drive_gate;    /* of the drive-rooted ones */
    size_t plain_patterns;                 /* patterns not drive-rooted */
    size_t malformed_lines;
    size_t files;
    size_t sequence;
    bool finalized;
};

/* Splits one list into trimmed, non-blank lines and reports malformed ones. */
struct ob_ioc_reader {
    struct ob_context *ctx;
    const char *source;
    const char *text;
    size_t length;
    size_t offset;
    size_t line_number; /* of the line last returned, from 1 */
    size_t warnings;
    size_t malformed; /* lines reported as malformed */
};

void indicators_reader_init(struct ob_ioc_reader *reader, struct ob_context *ctx,
                            const char *source, const char *text, size_t length);

/* Returns the next non-blank line with surrounding whitespace (and CR)
 * removed, or false at the end. Lines that are too long or hold a NUL byte
 * are reported as malformed and skipped here. */
bool indicators_reader_next(struct ob_ioc_reader *reader, const char **line, size_t *length);

/* Counts the current line as malformed and logs "source:line: message" as a
 * warning (only the first OB_IOC_MAX_WARNINGS of a list are logged). */
void indicators_reader_malformed(struct ob_ioc_reader *reader, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Logs how many warnings were left out, if any. */
void indicators_reader_finish(struct ob_ioc_reader *reader);

/* Keeps the description a comment line gives the entries below it (the
 * text after the leading '#'s, trimmed) in `description`. */
enum ob_status indicators_reader_comment(struct ob_buffer *description, const char *line,
                                         size_t length) OB_WARN_UNUSED;

/* One usable entry of a list as its reader hands it out: what
 * ob_indicator_list_read shows, and what the set keeps besides, worked out
 * once by the reader. The strings live only during the callback. */
struct ob_ioc_entry {
    struct ob_indicator_entry shown;
    const unsigned char *digest;          /* hashes: indicators_digest_size(kind) bytes */
    const struct ob_nfa_program *match;   /* file-name patterns: the regex, compiled */
    const struct ob_nfa_program *exclude; /* and the false-positive regex, or NULL */
    const char *gate_texts;               /* as in struct ob_filename_pattern */
    bool gate_suffixes;
    bool drive_rooted;
};
typedef enum ob_status (*ob_ioc_entry_fn)(void *user, const struct ob_ioc_entry *entry);

/* The list readers: each calls `fn` for every usable entry of the list in
 * `reader`, in order, reports malformed lines through it, and returns the
 * first non-OK status of `fn` or its own OB_ERR_NOMEM, which the caller
 * says in the context. */
enum ob_status indicators_read_hashes(struct ob_ioc_reader *reader, ob_ioc_entry_fn fn,
                                      void *user) OB_WARN_UNUSED;
enum ob_status indicators_read_filenames(struct ob_ioc_reader *reader, ob_ioc_entry_fn fn,
                                         void *user) OB_WARN_UNUSED;
enum ob_status indicators_read_c2(struct ob_ioc_reader *reader, ob_ioc_entry_fn fn,
                                  void *user) OB_WARN_UNUSED;

/* Copies `length` bytes into the set's text (core_arena_strdup on
 * set->strings); *out lives as long as the set. OB_ERR_LIMIT past
 * OB_IOC_STRINGS_CAP, OB_ERR_NOMEM. */
enum ob_status indicators_strdup(struct ob_indicators *set, const char *text, size_t length,
                                 const char **out) OB_WARN_UNUSED;

/* Stores "source:line" in the set's text. */
enum ob_status indicators_source(struct ob_indicators *set, const char *source, size_t line,
                                 const char **out) OB_WARN_UNUSED;

/* Makes room for one more item in one of the set's lists (core_array_grow
 * from 256 items); OB_ERR_LIMIT past OB_IOC_MAX_ENTRIES items. */
enum ob_status indicators_grow(void **items, size_t *capacity, size_t count,
                               size_t item_size) OB_WARN_UNUSED;

/* Removes leading and trailing spaces, tabs and CRs. */
void indicators_trim(const char **text, size_t *length);

/* Parses a decimal score within OB_IOC_MIN_SCORE..OB_IOC_MAX_SCORE. */
bool indicators_parse_score(const char *text, size_t length, int *score);

/* One list being kept in a set by an ob_indicators_parse_* function. */
struct ob_ioc_keep {
    struct ob_indicators *set;
    const char *source;
    const char *description; /* the set's copy stored last, or NULL */
    bool false_positive;     /* hash lists: the hashes are false positives */
};

/* `entry` as a reference whose strings the set owns: its value as name,
 * "source:line" as source, its description (shared with the entry before
 * when the same), score and false-positive regex. */
enum ob_status indicators_keep_ref(struct ob_ioc_keep *keep, const struct ob_indicator_entry *entry,
                                   struct ob_indicator_ref *ref) OB_WARN_UNUSED;

/* The body of the ob_indicators_parse_* functions: reads `text` with `read`
 * and hands each entry to `keep_entry` (user: `keep`). Malformed lines are
 * counted in the set; a failure is said in ctx. */
enum ob_status indicators_parse_list(struct ob_ioc_keep *keep, struct ob_context *ctx,
                                     const char *text, size_t length,
                                     enum ob_status (*read)(struct ob_ioc_reader *, ob_ioc_entry_fn,
                                                            void *),
                                     ob_ioc_entry_fn keep_entry) OB_WARN_UNUSED;

/* Reports a failure to store indicators (limit or memory) through ctx. */
enum ob_status indicators_store_failed(struct ob_context *ctx, enum ob_status status,
                                       const char *source);

/* Digest size in bytes of `kind`. */
size_t indicators_digest_size(enum ob_hash_kind kind);

/* Adds one evil hash with a ready explanation whose strings the set owns. */
enum ob_status indicators_add_hash_entry(struct ob_indicators *set, enum ob_hash_kind kind,
                                         const unsigned char *digest,
                                         const struct ob_indicator_ref *ref) OB_WARN_UNUSED;

/* Copies the strings of `ref` into the set. */
enum ob_status indicators_copy_ref(struct ob_indicators *set, const struct ob_indicator_ref *ref,
                                   struct ob_indicator_ref *out) OB_WARN_UNUSED;

/* Sorts the exact name and path lists (ioc_exact.c). */
void indicators_exact_finalize(struct ob_indicators *set);

/* Calls `hit` for each exact name, path and folder indicator that `path`
 * matches (ioc_exact.c). Thread-safe after finalize. */
enum ob_status indicators_exact_match(const struct ob_indicators *set, const char *path,
                                      size_t length, ob_indicator_hit_fn hit,
                                      void *user) OB_WARN_UNUSED;

/* Sorts every hash list and drops duplicates (ioc_hashes.c). */
void indicators_hashes_finalize(struct ob_indicators *set);

/* For tests: turns the literal gate in front of a matcher's regexes off
 * (false) or on (true, the default), to show that it changes no result. */
void indicators_filename_matcher_use_gate(struct ob_filename_matcher *matcher, bool use);

/* Indexes the file-name patterns' required texts, so a path meets only the
 * patterns it may match (ioc_filenames.c). */
enum ob_status indicators_filenames_finalize(struct ob_indicators *set,
                                             struct ob_context *ctx) OB_WARN_UNUSED;

#endif
