/* SPDX-License-Identifier: Apache-2.0 */
/* oberig ioc: the indicator library. Imports STIX 2.1 bundles, MISP events
 * and feeds, signature-base lists, CSV and MVT's indicators.yaml into a
 * local SQLite store that keeps every indicator's provenance, exports it
 * again, and loads it into in-memory sets for scanning and lookups. */
#ifndef OBERIG_IOC_H
#define OBERIG_IOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "oberig/core.h"
#include "oberig/indicators.h"
#include "oberig/pgp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What an indicator's value is. The names (ob_ioc_type_name) are the ones
 * used on the command line, in the store and in JSON. */
enum ob_ioc_type {
    OB_IOC_DOMAIN,            /* "domain": a host name, ASCII (punycode) form */
    OB_IOC_URL,               /* "url" */
    OB_IOC_EMAIL,             /* "email": an address */
    OB_IOC_IPV4,              /* "ipv4" */
    OB_IOC_IPV6,              /* "ipv6" */
    OB_IOC_FILE_NAME,         /* "file-name": a base name */
    OB_IOC_FILE_PATH,         /* "file-path": a full path */
    OB_IOC_MD5,               /* "md5" */
    OB_IOC_SHA1,              /* "sha1" */
    OB_IOC_SHA256,            /* "sha256" */
    OB_IOC_PROCESS_NAME,      /* "process-name" */
    OB_IOC_APP_ID,            /* "app-id": Android package or iOS bundle id */
    OB_IOC_APP_CERT_SHA256,   /* "app-cert-sha256": signing certificate */
    OB_IOC_CONFIG_PROFILE_ID, /* "configuration-profile-id": iOS profile */
    OB_IOC_FILE_PATH_REGEX,   /* "file-path-regex": signature-base pattern */
    OB_IOC_TYPE_COUNT
};

/* Static name of `type`, never NULL ("unknown" out of range). */
const char *ob_ioc_type_name(enum ob_ioc_type type);
/* Parses a type name as printed by ob_ioc_type_name. */
bool ob_ioc_type_parse(const char *name, enum ob_ioc_type *out);

/* Normalises `value` for `type` into `out` (a NUL-terminated string of at
 * most `size` bytes): hashes lower-case hex of the right length; domains
 * lower-case, without trailing dots, IDN labels in punycode (the Unicode
 * form, when it differs, goes to `unicode`, else unicode[0] is NUL); URLs
 * with scheme and host lower-case and the host in punycode; e-mail
 * addresses lower-case; IP addresses in canonical text form. Other types are
 * trimmed. `unicode` may be NULL.
 * Errors: OB_ERR_PARSE when the value is not valid for the type (the
 * reason is in ctx, which may be NULL), OB_ERR_LIMIT when it does not fit.
 * Thread-safe. */
enum ob_status ob_ioc_normalize(struct ob_context *ctx, enum ob_ioc_type type, const char *value,
                                size_t length, char *out, size_t size, char *unicode,
                                size_t unicode_size) OB_WARN_UNUSED;

#define OB_IOC_VALUE_MAX 4096 /* longest value kept, in bytes */

/* One indicator with one of its provenances, as listed or exported. The
 * strings are valid only during the callback that receives the entry. */
struct ob_ioc_entry {
    enum ob_ioc_type type;
    const char *value;         /* normalised */
    const char *value_unicode; /* Unicode form of an IDN domain or URL, else "" */
    const char *campaign;      /* "" when none */
    const char *description;   /* "" when none */
    const char *source;        /* source name given at import */
    const char *source_file;   /* file it was imported from */
    int score;                 /* meaningful only when has_score */
    bool has_score;
    int64_t first_import; /* Unix seconds */
    int64_t last_import;
    const char *exclude; /* file-path regexes: false-positive regex, "" when none */
    /* Fingerprint of the OpenPGP key whose signed bundle brought this
     * provenance (ob_ioc_bundle_import), "" when none. */
    const char *signer;
    /* What the publisher says of this indicator (STIX created, modified,
     * valid_from, valid_until; MISP event date and attribute timestamp as
     * created and modified), Unix seconds, 0 when not given. */
    int64_t created, modified, valid_from, valid_until;
    bool expired; /* valid_until is set and past: kept, listed, not used */
    /* What the publisher says of the file it came from; NULL or "" when
     * not given (entries made by callers may leave them NULL). */
    const char *publisher;          /* STIX identity, MISP Orgc, indicators.yaml sources */
    int64_t published;              /* publication date of the file, 0 unknown */
    const char *references;         /* report URLs, one per line */
    const char *source_description; /* the report's or malware's description */
    const char *version;            /* upstream version (a SOURCE or VERSION file) */
    const char *tlp;                /* the file's own TLP level ("clear", ...) */
    int64_t imported;               /* last import of the file, Unix seconds */
};

typedef enum ob_status (*ob_ioc_entry_fn)(void *user, const struct ob_ioc_entry *entry);

/* ---- Store ------------------------------------------------------------- */

struct ob_ioc_store;

/* The store path to use when none is given: $OBERIG_DB, else
 * $XDG_DATA_HOME/oberig/indicators.db, else ~/.local/share/oberig/indicators.db.
 * Returns a heap string the caller frees, or NULL when no home is known. */
char *ob_ioc_store_default_path(void);

/* Opens the store at `path`. With `create`, a missing file (and its folder,
 * mode 0700) is created; without, a missing file is OB_ERR_NOT_FOUND. The
 * schema is created or migrated to the current version; a store written by
 * a newer oberig is OB_ERR_UNSUPPORTED. The caller frees it with
 * ob_ioc_store_free. One store handle per thread. */
enum ob_status ob_ioc_store_open(struct ob_context *ctx, const char *path, bool create,
                                 struct ob_ioc_store **out) OB_WARN_UNUSED;
void ob_ioc_store_free(struct ob_ioc_store *store);

/* Keeps the store's file indicators, as ob_ioc_store_load_scan_set reads
 * them, in a cache file under `dir` (NULL: no cache, the default), so a
 * later load of the unchanged store reads that file instead of the
 * database; see ob_rules_set_cache. Errors: OB_ERR_NOMEM. */
enum ob_status ob_ioc_store_set_cache(struct ob_ioc_store *store, const char *dir) OB_WARN_UNUSED;

/* Schema version of an open store. */
int ob_ioc_store_schema_version(const struct ob_ioc_store *store);

/* Which entries a listing covers; NULL or "" fields match everything.
 * `source` and `campaign` match when they are found anywhere in the
 * provenance's source or campaign, ignoring ASCII case ("coruna" matches
 * "Coruna Indicators of Compromise"). */
struct ob_ioc_filter {
    bool any_type;
    enum ob_ioc_type type;
    const char *source;
    const char *campaign;
    /* Leaves out hashes, file paths and path patterns: what only a
     * scanning set uses (ob_ioc_store_load_scan_set_by_source). */
    bool skip_scan_only;
};

/* Calls `fn` for every (indicator, provenance) pair that passes `filter`, by
 * type, value, source, campaign. A non-OK return from fn stops the walk and
 * is returned. */
enum ob_status ob_ioc_store_foreach(struct ob_ioc_store *store, struct ob_context *ctx,
                                    const struct ob_ioc_filter *filter, ob_ioc_entry_fn fn,
                                    void *user) OB_WARN_UNUSED;

/* Counts of distinct indicators (not provenances). */
struct ob_ioc_count {
    const char *key; /* type name, source or campaign; valid during the callback */
    uint64_t count;
};
enum ob_ioc_count_by { OB_IOC_COUNT_BY_TYPE, OB_IOC_COUNT_BY_SOURCE, OB_IOC_COUNT_BY_CAMPAIGN };
typedef void (*ob_ioc_count_fn)(void *user, const struct ob_ioc_count *count);
enum ob_status ob_ioc_store_count(struct ob_ioc_store *store, struct ob_context *ctx,
                                  enum ob_ioc_count_by by, ob_ioc_count_fn fn,
                                  void *user) OB_WARN_UNUSED;
/* Total distinct indicators and provenances. */
enum ob_status ob_ioc_store_totals(struct ob_ioc_store *store, struct ob_context *ctx,
                                   uint64_t *indicators, uint64_t *provenances) OB_WARN_UNUSED;

/* One campaign of one file a source brought (or the file, for indicators
 * without a campaign), with what its publisher says of it. Strings are
 * valid during the callback. */
struct ob_ioc_source_info {
    const char *source;      /* the name given at import */
    const char *source_file; /* the file it was read from */
    const char *campaign;    /* "" for indicators without a campaign */
    const char *publisher;   /* STIX identity, MISP Orgc, indicators.yaml sources; "" */
    int64_t published;       /* its publication date, 0 unknown */
    int64_t imported;        /* its last import, Unix seconds */
    const char *version;     /* upstream version, "" when none */
    uint64_t indicators;     /* distinct indicators */
    uint64_t expired;        /* provenances past their valid_until at `now` */
};
typedef enum ob_status (*ob_ioc_source_fn)(void *user, const struct ob_ioc_source_info *source);
/* Calls `fn` for each (source, file, campaign) with an indicator that
 * passes `filter` (as for ob_ioc_store_foreach), in that order. With
 * `older_than` > 0 only those whose date (published, else imported) is
 * before it (Unix seconds). `now` decides what is expired. A non-OK
 * return from fn stops the walk and is returned. */
enum ob_status ob_ioc_store_sources(struct ob_ioc_store *store, struct ob_context *ctx,
                                    const struct ob_ioc_filter *filter, int64_t older_than,
                                    int64_t now, ob_ioc_source_fn fn, void *user) OB_WARN_UNUSED;

/* Removes every provenance of `source`, then every indicator left without
 * one. *removed (may be NULL) receives the number of indicators removed. */
enum ob_status ob_ioc_store_remove_source(struct ob_ioc_store *store, struct ob_context *ctx,
                                          const char *source, uint64_t *removed) OB_WARN_UNUSED;

/* One YARA rule file kept by the store (ob_ioc_import copies rule files
 * into the folder "rules" beside the store). Strings are valid only during
 * the callback that receives it. */
struct ob_ioc_rule_file {
    const char *source;        /* source name given at import */
    const char *path;          /* the kept copy, to compile */
    const char *relative_path; /* its path inside the source's folder */
    const char *original;      /* the file it was imported from */
    size_t rules;              /* rules it held when imported */
    const char *sha256;        /* of its content, lowercase hex */
    const char *signer;        /* fingerprint of the bundle's signer, "" when none */
    int64_t first_import;      /* Unix seconds */
    int64_t last_import;
};
typedef enum ob_status (*ob_ioc_rule_file_fn)(void *user, const struct ob_ioc_rule_file *file);

/* Calls `fn` for every kept rule file of a source whose name holds
 * `source` in any case, as the indicator filters match (NULL or "": of
 * every source), by source and path. A non-OK return from fn stops the walk and
 * is returned. A store of an older schema opened read-only keeps none. */
enum ob_status ob_ioc_store_foreach_rule_file(struct ob_ioc_store *store, struct ob_context *ctx,
                                              const char *source, ob_ioc_rule_file_fn fn,
                                              void *user) OB_WARN_UNUSED;

/* Removes the rule files `source` brought: their records, then their
 * copies. *removed (may be NULL) receives how many rule files. */
enum ob_status ob_ioc_store_remove_rules(struct ob_ioc_store *store, struct ob_context *ctx,
                                         const char *source, uint64_t *removed) OB_WARN_UNUSED;

/* ---- Import ------------------------------------------------------------ */

/* What an import found, for the summary. Lists are owned by the report. */
struct ob_ioc_import_report {
    size_t files;             /* files imported */
    size_t records;           /* indicator records read (before deduplication) */
    size_t added;             /* indicators new to the store */
    size_t provenances;       /* provenances added or refreshed */
    size_t unsupported;       /* indicators of a kind oberig does not use */
    size_t invalid;           /* values not valid for their type */
    size_t skipped;           /* records left out on purpose (MISP to_ids false) */
    size_t missing_files;     /* indicators.yaml entries whose file is absent */
    size_t ignored_files;     /* files in folders not in any known format */
    size_t rule_files;        /* YARA rule files kept (.yar, .yara) */
    size_t rule_files_failed; /* rule files left out: they do not compile */
    size_t rules;             /* rules in the kept rule files */
    size_t by_type[OB_IOC_TYPE_COUNT];
    /* Human-readable lines, one per unsupported kind with its count, and
     * one per missing indicators.yaml entry. */
    char **notes;
    size_t note_count;
    /* ob_ioc_bundle_import: fingerprint of the key whose good signature
     * vouched for the bundle, "" otherwise. */
    char signer[OB_PGP_FINGERPRINT_SIZE];
};
void ob_ioc_import_report_release(struct ob_ioc_import_report *report);

struct ob_ioc_import_options {
    const char *source; /* provenance name; NULL: derived from each file's name */
    /* Fingerprint of the OpenPGP key that vouched for what is imported,
     * recorded with each provenance; NULL or "" when none did. */
    const char *signer;
    /* Campaign given to every indicator imported, in place of what the
     * files say; NULL or "" to keep theirs. */
    const char *campaign;
};

/* Imports every path (files or directories, recursively) into the store in
 * one transaction. A file's format is found from its content and name:
 * STIX 2.1 bundle, MISP event(s) or feed (manifest.json), indicators.yaml,
 * signature-base lists (names with "hash", "filename", "c2"), CSV (.csv),
 * and YARA rule files (.yar, .yara). Files named directly must be in a
 * known format; in folders, others are counted as ignored. A malformed
 * file fails the whole import with OB_ERR_PARSE and its path and position
 * in ctx; nothing is written then. Each rule file is compiled on its own:
 * one that does not compile is logged as an error with its file and line,
 * counted in rule_files_failed and left out, and the rest go on; the others
 * are recorded in the store under their source (a file of the same path
 * inside the source's folder replaces the one kept before) and copied,
 * each written atomically, to rules/<source>/<path> beside the store.
 * `report` must be zeroed by the caller and released by it. */
enum ob_status ob_ioc_import(struct ob_ioc_store *store, struct ob_context *ctx,
                             const char *const *paths, size_t path_count,
                             const struct ob_ioc_import_options *options,
                             struct ob_ioc_import_report *report) OB_WARN_UNUSED;

/* ---- Signed bundles ------------------------------------------------------ */

/* A bundle is one file a helpline sends to the people it supports: an
 * OpenPGP signed message (ob_pgp_sign_to_file) whose content is a manifest
 * of files with their sizes and SHA-256s followed by the files (see
 * docs/user-guide.md, "Signed indicator bundles"). */

struct ob_ioc_bundle_info {
    size_t files;                              /* files packed */
    size_t skipped;                            /* hidden files, links, special files left out */
    size_t bytes;                              /* bytes of those files */
    char fingerprint[OB_PGP_FINGERPRINT_SIZE]; /* the signing key's */
};

/* Packs the files under `paths` (files, or folders read recursively; each
 * kept under its own base name, so the layout `ob_ioc_import` and
 * `oberig scan --rules/--iocs` expect is kept), signs the result with the
 * secret key in `secret_keyfile` and writes it to `bundle_path`
 * atomically. Hidden names, links and special files are left out and
 * counted. Errors: OB_ERR_LIMIT past 10,000 files or 256 MiB, OB_ERR_PARSE
 * for a file name that cannot travel in a bundle or two paths of the same
 * base name, and those of ob_pgp_sign_to_file; the reason is in ctx. */
enum ob_status ob_ioc_bundle_create(struct ob_context *ctx, const char *const *paths,
                                    size_t path_count, const char *secret_keyfile,
                                    const char *bundle_path,
                                    struct ob_ioc_bundle_info *info) OB_WARN_UNUSED;

/* A bundle received: opened only when its signature is good. */
struct ob_ioc_bundle;

/* Reads `bundle_path` (at most 256 MiB) and verifies it against the public
 * key(s) in `trust_keyfile` (ob_pgp_verify) before reading anything else of
 * it; only then parses its manifest, checking every file's size, SHA-256
 * and name. A bundle that is unsigned, changed after signing, signed by
 * another key or by an expired or revoked one, or malformed is
 * OB_ERR_PARSE (OB_ERR_LIMIT when too large) with the reason in ctx, and
 * *out stays NULL. The caller frees *out with ob_ioc_bundle_free. */
enum ob_status ob_ioc_bundle_open(struct ob_context *ctx, const char *bundle_path,
                                  const char *trust_keyfile,
                                  struct ob_ioc_bundle **out) OB_WARN_UNUSED;
void ob_ioc_bundle_free(struct ob_ioc_bundle *bundle);

/* The primary fingerprint of the key whose good signature opened the
 * bundle (upper-case hex), owned by the bundle. */
const char *ob_ioc_bundle_signer(const struct ob_ioc_bundle *bundle);

/* Unpacks an open bundle into a private temporary folder (removed after)
 * and imports it as ob_ioc_import would its top-level files and folders,
 * in one transaction; each provenance and kept rule file records the
 * signer (also in report->signer), and a source file named
 * "BUNDLE:path/inside". `report` as for ob_ioc_import. */
enum ob_status ob_ioc_bundle_import(struct ob_ioc_bundle *bundle, struct ob_ioc_store *store,
                                    struct ob_context *ctx,
                                    const struct ob_ioc_import_options *options,
                                    struct ob_ioc_import_report *report) OB_WARN_UNUSED;

/* Writes an open bundle's files under `folder`, a new folder it creates
 * (mode 0700; an existing one is OB_ERR_INVALID_ARGUMENT), with their
 * paths inside the bundle: rule folders for `oberig scan --rules`,
 * indicator lists for `--iocs`. `info` gets the files, their bytes and the
 * signer (skipped is 0). On failure the folder is removed again. */
enum ob_status ob_ioc_bundle_extract(struct ob_ioc_bundle *bundle, struct ob_context *ctx,
                                     const char *folder,
                                     struct ob_ioc_bundle_info *info) OB_WARN_UNUSED;

/* ---- Export ------------------------------------------------------------ */

enum ob_ioc_export_format { OB_IOC_EXPORT_STIX, OB_IOC_EXPORT_MISP, OB_IOC_EXPORT_CSV };

/* Writes every indicator that passes `filter` to `out` (a caller-owned
 * stream; `store` NULL writes an empty, valid document): a STIX 2.1 bundle, a MISP restSearch-style
 * response with one event per campaign, or CSV (type,value,description,campaign). Each format
 * re-imports to the same set of (type, value, campaign). STIX and MISP keep
 * what the publisher said: the indicators' dates (the import time only
 * where the source gave none), the publisher (a STIX identity, MISP's
 * Orgc), the references (a STIX report's external_references, MISP "link"
 * attributes) and a TLP marking: `tlp` as for ob_ioc_export_entries, or
 * with NULL each campaign's own (from its source) else "clear". Export,
 * import into an empty store and export again give the same document. */
enum ob_status ob_ioc_export(struct ob_ioc_store *store, struct ob_context *ctx,
                             const struct ob_ioc_filter *filter, enum ob_ioc_export_format format,
                             const char *tlp, FILE *out) OB_WARN_UNUSED;

/* Writes `count` caller-owned entries (type, value, campaign, description,
 * import times and the provenance fields that are not NULL are read) as
 * ob_ioc_export does, each object marked with
 * the TLP level `tlp` ("clear", "white", "green", "amber", "amber+strict", "red"; NULL for
 * none): in STIX its marking-definition in object_marking_refs, in MISP a
 * tag "tlp:LEVEL" on each event. Errors: OB_ERR_INVALID_ARGUMENT for
 * another `tlp` (in ctx), as ob_ioc_export otherwise. */
enum ob_status ob_ioc_export_entries(struct ob_context *ctx, const struct ob_ioc_entry *entries,
                                     size_t count, enum ob_ioc_export_format format,
                                     const char *tlp, FILE *out) OB_WARN_UNUSED;

/* ---- Use --------------------------------------------------------------- */

/* Adds the store's file hashes, file names, file paths and path patterns to
 * a scanning set (before ob_indicators_finalize), each explained with its
 * campaign and source; those past their valid_until are left out. *added (may be NULL) receives how
 * many were added. */
enum ob_status ob_ioc_store_load_scan_set(struct ob_ioc_store *store, struct ob_context *ctx,
                                          struct ob_indicators *set, size_t *added) OB_WARN_UNUSED;

/* One source of the store as a scanning set used it. */
struct ob_ioc_source_use {
    char *source;        /* the name given at import */
    size_t indicators;   /* its (indicator, provenance) pairs added to the set */
    int64_t last_import; /* newest import of those, Unix seconds */
    int64_t published;   /* newest publication date of its files, 0 unknown */
    char *publisher;     /* the publisher of its newest file (else its first), "" when none */
    size_t expired;      /* its indicators left out: past their valid_until */
};
#define OB_IOC_SOURCE_USES_MAX 1024 /* sources told apart; more set left_out */
/* The sources a load used, in the order first met. Release with
 * ob_ioc_source_uses_release. */
struct ob_ioc_source_uses {
    struct ob_ioc_source_use *items;
    size_t count, capacity;
    bool left_out;  /* more sources than OB_IOC_SOURCE_USES_MAX were used */
    size_t expired; /* indicators left out because past their valid_until */
};
void ob_ioc_source_uses_release(struct ob_ioc_source_uses *uses);

/* ob_ioc_store_load_scan_set that also counts, in *uses (may be NULL;
 * released by the caller on failure too), what each source brought and
 * when it was last imported, in the same walk. */
enum ob_status ob_ioc_store_load_scan_set_by_source(struct ob_ioc_store *store,
                                                    struct ob_context *ctx,
                                                    struct ob_indicators *set, size_t *added,
                                                    struct ob_ioc_source_uses *uses) OB_WARN_UNUSED;

/* In-memory lookup of network and identity indicators (domains, URLs,
 * e-mail addresses, IPs, names, and the other types that are not hashes,
 * file paths or path patterns, which only a scanning set matches) for mail
 * triage and network checks. Built once from the store; read-only and
 * thread-safe after. Indicators past their valid_until are left out (and
 * counted). */
struct ob_ioc_lookup;

enum ob_status ob_ioc_lookup_new(struct ob_ioc_store *store, struct ob_context *ctx,
                                 struct ob_ioc_lookup **out) OB_WARN_UNUSED;
/* ob_ioc_lookup_new over the store (NULL: none) and the C2 lists of `iocs`
 * (NULL: none; finalized or not), whose host names and addresses become
 * domain and IP indicators with the list file as their source. */
enum ob_status ob_ioc_lookup_new_with_lists(struct ob_ioc_store *store,
                                            const struct ob_indicators *iocs,
                                            struct ob_context *ctx,
                                            struct ob_ioc_lookup **out) OB_WARN_UNUSED;
void ob_ioc_lookup_free(struct ob_ioc_lookup *lookup);
size_t ob_ioc_lookup_size(const struct ob_ioc_lookup *lookup);
/* The sources the lookup holds, with their counts and dates, owned by the
 * lookup. */
const struct ob_ioc_source_uses *ob_ioc_lookup_sources(const struct ob_ioc_lookup *lookup);

/* One match: the indicator as stored and where it came from. Strings are
 * owned by the lookup. */
struct ob_ioc_match {
    enum ob_ioc_type type;
    const char *value; /* the indicator that matched (a parent domain, say) */
    const char *campaign;
    const char *source;
    const char *description;
};
typedef void (*ob_ioc_match_fn)(void *user, const struct ob_ioc_match *match);

/* Normalises `value` as `type` and calls `fn` once per provenance of every
 * indicator it matches: exact value, and for domains also each parent
 * domain (a.evil.example matches evil.example); for URLs also the URL's
 * host as a domain; for e-mail addresses also the address's domain.
 * Returns the number of indicators matched (0 for values that do not
 * normalise). Thread-safe. */
size_t ob_ioc_lookup_find(const struct ob_ioc_lookup *lookup, enum ob_ioc_type type,
                          const char *value, size_t length, ob_ioc_match_fn fn, void *user);

/* An address a browser visited: the URL itself, and its host as a domain
 * (with its parent domains) or as an IPv4 or IPv6 address (with the
 * networks holding it). A URL too long or malformed to normalise is still
 * matched by its host. Returns the number of indicators matched, calling
 * `fn` as ob_ioc_lookup_find does. Thread-safe. */
size_t ob_ioc_lookup_find_address(const struct ob_ioc_lookup *lookup, const char *url,
                                  size_t length, ob_ioc_match_fn fn, void *user);

#ifdef __cplusplus
}
#endif
#endif
