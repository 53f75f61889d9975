/* SPDX-License-Identifier: Apache-2.0 */
/* What the indicator importers share: the batch they fill, read in full
 * before anything is written, and the per-format entry points. */
#ifndef OB_IOC_INTERNAL_H
#define OB_IOC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buffer.h"
#include "oberig/ioc.h"

#define OB_IOC_FILE_MAX ((size_t)256 << 20) /* largest indicator file read */
#define OB_IOC_BATCH_MAX ((size_t)1 << 24)  /* records in one import */
#define OB_IOC_TEXT_MAX ((size_t)65536)     /* longest description or campaign kept */

/* One record read from a file, normalised, its strings owned by the batch. */
struct ob_ioc_record {
    enum ob_ioc_type type;
    const char *value;
    const char *value_unicode; /* "" when the same as value */
    const char *campaign;      /* "" when none */
    const char *description;   /* "" when none */
    const char *source;        /* provenance name */
    const char *source_file;
    int score;
    bool has_score;
    const char *exclude; /* file-path regexes: the false-positive regex, "" when none */
    int64_t created, modified, valid_from, valid_until; /* 0: not given */
    size_t file; /* index of its file's ob_ioc_file_info in the batch */
};

/* What the publisher says of one file read (campaign NULL, one per
 * ioc_batch_set_file), or of one campaign in it (ioc_batch_campaign_info),
 * which overrides the file's for that campaign's indicators; strings owned
 * by the batch, "" when not given. */
struct ob_ioc_file_info {
    const char *source, *source_file;
    const char *campaign;
    const char *publisher;
    const char *description;
    const char *references; /* URLs, one per line */
    const char *version;
    const char *tlp;
    int64_t published; /* 0: not given */
};

/* The dates the publisher gives the indicators about to be added. */
struct ioc_dates {
    int64_t created, modified, valid_from, valid_until;
};

/* What makes an indicator one oberig does not import; each has its own
 * whole sentence in the report. */
enum ioc_unsupported_what {
    IOC_UNSUPPORTED_STIX_PATTERN_TYPE, /* name: the pattern_type */
    IOC_UNSUPPORTED_STIX_OBJECT_PATH,  /* name: the object path */
    IOC_UNSUPPORTED_STIX_OPERATOR,     /* name: the operator, object_path: what it tests */
    IOC_UNSUPPORTED_MISP_TYPE,         /* name: the attribute type */
    IOC_UNSUPPORTED_OTHER              /* the rest, past 999 distinct kinds */
};

/* Counted kinds of indicator that were not imported, with one example. */
struct ob_ioc_unsupported {
    char *kind; /* tells kinds apart, e.g. "STIX pattern_type 'sigma'" or "MISP type 'regkey'" */
    enum ioc_unsupported_what what;
    char *name;        /* "" for IOC_UNSUPPORTED_OTHER */
    char *object_path; /* "" unless IOC_UNSUPPORTED_STIX_OPERATOR */
    char *example_position;
    size_t count;
};

/* A YARA rule file found by an import (import_rules.c). */
struct ioc_rule_record {
    char *from;     /* the file to read */
    char *original; /* as recorded: the path, or its label */
    char *source;
    char *folder; /* the source's folder under rules/ */
    char *path;   /* inside that folder */
    size_t rules;
    bool failed; /* does not compile: left out */
    char sha256[65];
};

/* Records of one import, collected in memory from every file. */
struct ob_ioc_batch {
    struct ob_context *ctx;
    struct ob_ioc_record *records;
    size_t count, capacity;
    struct ob_ioc_unsupported *unsupported;
    size_t unsupported_count, unsupported_capacity;
    struct ob_arena text; /* record strings */
    size_t invalid;       /* values that failed normalisation */
    size_t invalid_logged;
    size_t skipped;                      /* left out on purpose (MISP to_ids false) */
    const char *source_file;             /* file being read; owned by the batch */
    const char *source_name;             /* provenance name of its records; owned by the batch */
    struct ob_ioc_import_report *report; /* notes go here; may be NULL */
    const char *signer;                  /* fingerprint that vouched for all records, or NULL */
    const char *path_prefix;             /* file paths starting with it ... */
    const char *path_label;              /* ... are recorded with this instead; both may be NULL */
    struct ioc_rule_record *rule_files;  /* YARA rule files found */
    size_t rule_count, rule_capacity;
    const char *campaign;           /* campaign for every record, or NULL */
    struct ioc_dates dates;         /* given to the records added next */
    struct ob_ioc_file_info *files; /* files read, each followed by its campaigns' */
    size_t file_count, file_capacity;
    size_t current_file; /* index of the current file's own info */
};

void ioc_batch_init(struct ob_ioc_batch *batch, struct ob_context *ctx);
void ioc_batch_release(struct ob_ioc_batch *batch);

/* Sets the file the next records come from and their provenance name
 * (both copied), and starts its ob_ioc_file_info (the dates are reset). */
enum ob_status ioc_batch_set_file(struct ob_ioc_batch *batch, const char *path,
                                  const char *source) OB_WARN_UNUSED;

/* ob_ioc_import, recording files whose path starts with `path_prefix` as
 * `path_label` followed by the rest of their path (both may be NULL). */
enum ob_status ioc_import_labelled(struct ob_ioc_store *store, struct ob_context *ctx,
                                   const char *const *paths, size_t path_count,
                                   const struct ob_ioc_import_options *options,
                                   struct ob_ioc_import_report *report, const char *path_prefix,
                                   const char *path_label) OB_WARN_UNUSED;

/* The store's path and cache folder (NULL: none), owned by it (store.c). */
const char *ioc_store_path(const struct ob_ioc_store *store);
const char *ioc_store_cache_dir(const struct ob_ioc_store *store);

/* Calls `fn` for every entry ob_ioc_store_foreach gives for each of
 * `types` in turn, in the same order; with a `cache_dir`, from the cache
 * file of the store when the store is unchanged since it was written (its
 * device, inode, size, times and SQLite header, whose change counter
 * every write moves), else from the store, keeping them in the cache
 * after (scan_set_cache.c). A damaged cache file is logged as a warning
 * and rebuilt. Returns the first non-OK status of `fn`, or the store's. */
enum ob_status ioc_store_foreach_file_indicator(struct ob_ioc_store *store, struct ob_context *ctx,
                                                const char *cache_dir,
                                                const enum ob_ioc_type *types, size_t type_count,
                                                ob_ioc_entry_fn fn, void *user) OB_WARN_UNUSED;

/* The folder of kept rule files beside the store: a heap string, NULL for
 * lack of memory (store.c). */
char *ioc_store_rules_dir(const struct ob_ioc_store *store);

/* ---- YARA rule files in an import (import_rules.c) ---- */

/* True for a name ending in .yar or .yara. */
bool ioc_is_rule_file(const char *name);

/* Adds the rule file `path` of `source` to the batch, kept as `relative`
 * inside the source's folder. */
enum ob_status ioc_rules_add(struct ob_ioc_batch *batch, const char *path, const char *relative,
                             const char *source) OB_WARN_UNUSED;

/* Compiles each rule file of the batch on its own, marks the ones that do
 * not compile (logged as errors through ctx) and counts them and the rules
 * of the others in `report`, and takes the SHA-256 of the others. */
enum ob_status ioc_rules_check(struct ob_ioc_batch *batch, struct ob_context *ctx,
                               struct ob_ioc_import_report *report) OB_WARN_UNUSED;

/* After the batch is in the store: copies its rule files that compiled
 * into `dir` (the store's rules folder), each written atomically. */
enum ob_status ioc_rules_keep(const struct ob_ioc_batch *batch, struct ob_context *ctx,
                              const char *dir) OB_WARN_UNUSED;

/* Removes the folder of `source`'s copies under `dir`, with what is in it. */
enum ob_status ioc_rules_remove_copies(const char *dir, const char *source) OB_WARN_UNUSED;

void ioc_rules_release(struct ob_ioc_batch *batch);

/* Writes the batch into the store in one transaction (store.c). */
enum ob_status ioc_store_write(struct ob_ioc_store *store, struct ob_context *ctx,
                               const struct ob_ioc_batch *batch,
                               struct ob_ioc_import_report *report) OB_WARN_UNUSED;

/* Normalises and adds one record from the current file. A value that is not
 * valid for its type is counted as invalid, logged as a warning naming
 * `position` (e.g. "indicator--1234" or "line 7"), and OB_OK is returned:
 * one bad value does not make a file malformed. campaign, description may
 * be NULL; score NULL means none. Errors: OB_ERR_NOMEM, OB_ERR_LIMIT. */
enum ob_status ioc_batch_add(struct ob_ioc_batch *batch, enum ob_ioc_type type, const char *value,
                             size_t length, const char *campaign, const char *description,
                             const int *score, const char *position) OB_WARN_UNUSED;

/* Counts an indicator of a kind that is not imported, e.g. `what`
 * IOC_UNSUPPORTED_STIX_OBJECT_PATH, `name` "network-traffic:dst_port"
 * (`object_path` NULL but for operators); the first position is kept as an
 * example for the report. */
enum ob_status ioc_batch_unsupported(struct ob_ioc_batch *batch, enum ioc_unsupported_what what,
                                     const char *name, const char *object_path,
                                     const char *position) OB_WARN_UNUSED;

/* The kinds of document a file can be malformed as. */
enum ioc_document { IOC_STIX_BUNDLE, IOC_MISP_EVENT };

/* Records OB_ERR_PARSE for the current file as "FILE: malformed STIX
 * bundle: detail" (or MISP event) in the batch's context and returns it;
 * `fmt` is a translated text. */
enum ob_status ioc_batch_malformed(const struct ob_ioc_batch *batch, enum ioc_document document,
                                   const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The current file's information, NULL before the first file. Valid until
 * the next ioc_batch_campaign_info or ioc_batch_set_file. */
struct ob_ioc_file_info *ioc_batch_file(struct ob_ioc_batch *batch);

/* The information of `campaign` ("" for indicators without one) in the
 * current file, made empty when new; valid as ioc_batch_file's. NULL when
 * there is no current file or memory ran out (*status says which). */
struct ob_ioc_file_info *ioc_batch_campaign_info(struct ob_ioc_batch *batch, const char *campaign,
                                                 enum ob_status *status);

/* Sets `*field` of the current file to a copy of `text` when it is still
 * empty (the first value found wins); NULL or "" text does nothing. */
enum ob_status ioc_batch_file_text(struct ob_ioc_batch *batch, const char **field,
                                   const char *text) OB_WARN_UNUSED;

/* Adds a reference URL (http or https only, at most 64 per file or
 * campaign) to `info` (NULL: the current file), once. */
enum ob_status ioc_batch_add_reference(struct ob_ioc_batch *batch, struct ob_ioc_file_info *info,
                                       const char *url) OB_WARN_UNUSED;

/* The newer of `info`'s (NULL: the current file's) publication date and `date`. */
void ioc_batch_published(struct ob_ioc_batch *batch, struct ob_ioc_file_info *info, int64_t date);

/* Parses an ISO 8601 date ("2026-03-15") or UTC time
 * ("2026-03-15T16:42:48.6964Z", "+hh:mm" offsets too) into Unix seconds.
 * False for anything else. */
bool ioc_parse_time(const char *text, int64_t *out);

/* Copies text into the batch's arena (NUL-terminated, at most
 * OB_IOC_TEXT_MAX bytes kept). */
enum ob_status ioc_batch_strdup(struct ob_ioc_batch *batch, const char *text, size_t length,
                                const char **out) OB_WARN_UNUSED;

/* ---- STIX patterns (stix_pattern.c) -------------------------------------- */

enum ob_stix_operator {
    OB_STIX_EQ,      /* = */
    OB_STIX_NE,      /* != */
    OB_STIX_MATCHES, /* MATCHES */
    OB_STIX_OTHER    /* LIKE, IN, <, >, ISSUBSET, ... */
};

/* One comparison "object-path op value" of a pattern. */
struct ob_stix_comparison {
    char *object_path;   /* e.g. "file:hashes.'SHA-256'", as written */
    char *value;         /* unescaped string literal, or the raw token */
    size_t value_length; /* its length: a NUL inside (\u0000) is kept, to be refused */
    enum ob_stix_operator op;
    const char *op_text; /* static: "=", "!=", "LIKE", "IN", "EXISTS", ... */
    bool negated;        /* preceded by NOT */
};

struct ob_stix_pattern {
    struct ob_stix_comparison *comparisons;
    size_t count;
    bool has_and; /* some comparisons are joined by AND */
};

/* Parses a STIX 2.1 pattern into its comparisons, whatever mix of AND, OR,
 * FOLLOWEDBY, parentheses and qualifiers (WITHIN, REPEATS, START/STOP)
 * joins them. Errors: OB_ERR_PARSE with the offset in ctx, OB_ERR_LIMIT
 * past 1 MiB of pattern or 10,000 comparisons, OB_ERR_NOMEM. */
enum ob_status ioc_stix_pattern_parse(struct ob_context *ctx, const char *pattern, size_t length,
                                      struct ob_stix_pattern *out) OB_WARN_UNUSED;
void ioc_stix_pattern_release(struct ob_stix_pattern *pattern);

/* Maps an object path with the '=' operator to an indicator type; false for
 * paths oberig does not use. Accepts the hash spellings sha256, 'SHA-256',
 * SHA256, md5, 'MD5', sha1, 'SHA-1' (case-insensitive). */
bool ioc_stix_path_type(const char *object_path, enum ob_ioc_type *type);

/* ---- Importers: each reads one file's text into the batch ------------------ */
/* They return OB_ERR_PARSE (position in ctx) for a malformed file. */

/* A STIX 2.1 bundle. `campaign` overrides the malware names when not NULL. */
enum ob_status ioc_import_stix(struct ob_ioc_batch *batch, const char *text, size_t length,
                               const char *campaign) OB_WARN_UNUSED;
/* A MISP event, a list of events, or a {"response": [...]} of them. */
enum ob_status ioc_import_misp(struct ob_ioc_batch *batch, const char *text,
                               size_t length) OB_WARN_UNUSED;
/* CSV with columns type,value,description,campaign (a header line is optional). */
enum ob_status ioc_import_csv(struct ob_ioc_batch *batch, const char *text,
                              size_t length) OB_WARN_UNUSED;
/* One signature-base list of `kind`. */
enum ob_status ioc_import_sigbase(struct ob_ioc_batch *batch, enum ob_indicator_kind kind,
                                  const char *text, size_t length) OB_WARN_UNUSED;

/* What kind of JSON document a text is, from the names of its top-level
 * members (of the first element, for a list): "Event", "Attribute",
 * "Object" or "response" make MISP; "objects", "spec_version" or "type":
 * "bundle" make STIX. Nested members and values are skipped unread, so a
 * STIX bundle that mentions "Event" stays STIX. Truncated or malformed
 * text gives what was seen before the damage, else UNKNOWN. */
enum ob_ioc_json_kind { OB_IOC_JSON_UNKNOWN, OB_IOC_JSON_STIX, OB_IOC_JSON_MISP };
enum ob_ioc_json_kind ioc_json_sniff(const char *text, size_t length);

/* ---- Export writers (export_json.c) ------------------------------------------- */

/* The TLP level ("clear", "green", ...) of a STIX TLP marking-definition
 * id, NULL for another id. */
const char *ioc_tlp_of_stix_marking(const char *id);

/* Accumulates entries and writes them at the end, grouped by campaign. */
struct ob_ioc_exporter;
enum ob_status ioc_exporter_new(enum ob_ioc_export_format format,
                                struct ob_ioc_exporter **out) OB_WARN_UNUSED;
void ioc_exporter_free(struct ob_ioc_exporter *exporter);
/* Marks what is written with TLP level `tlp`, or when NULL and `own`,
 * each campaign with its source's own level, else "clear". Errors:
 * OB_ERR_INVALID_ARGUMENT for an unknown level (in ctx). */
enum ob_status ioc_exporter_mark(struct ob_ioc_exporter *exporter, struct ob_context *ctx,
                                 const char *tlp, bool own) OB_WARN_UNUSED;
enum ob_status ioc_exporter_add(void *exporter, const struct ob_ioc_entry *entry) OB_WARN_UNUSED;
enum ob_status ioc_exporter_write(struct ob_ioc_exporter *exporter, struct ob_context *ctx,
                                  FILE *out) OB_WARN_UNUSED;

/* Whether `payload` is a whole cached list of file indicators as the
 * store's cache writes it (every entry checked, nothing left over): a cache
 * file whose digest holds is still read as hostile input. */
bool ioc_scan_set_payload_fits(const unsigned char *payload, size_t length);

#endif
