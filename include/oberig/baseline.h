/* SPDX-License-Identifier: Apache-2.0 */
/* oberig baseline: records the files of a machine in an SQLite file and
 * later reports what was added, removed, changed, and wiper damage. */
#ifndef OBERIG_BASELINE_H
#define OBERIG_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oberig/bootrec.h"
#include "oberig/core.h"
#include "oberig/scan.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The newest schema this build writes and reads (the meta table's
 * schema_version and PRAGMA user_version). Schema 2 added the devices
 * table (boot sectors); schema 1 baselines, without it, are still read. */
#define OB_BASELINE_SCHEMA_VERSION 2

/* Why a change was reported: the baseline's signal table, in this order. */
enum ob_baseline_signal {
    OB_BASELINE_ADDED,              /* a file that was not recorded */
    OB_BASELINE_REMOVED,            /* a recorded file that is gone */
    OB_BASELINE_CONTENT_CHANGED,    /* SHA-256 differs */
    OB_BASELINE_METADATA,           /* mode, owner, mtime or inode differ */
    OB_BASELINE_RENAMED,            /* gone from one name, present under another (same inode) */
    OB_BASELINE_MASS_RENAME,        /* renamed, as many others in the same run */
    OB_BASELINE_WIPED,              /* first block became a constant or short repeating pattern */
    OB_BASELINE_ENCRYPTED,          /* first block's entropy jumped from < 6 to > 7.5 bits/byte */
    OB_BASELINE_TRUNCATED,          /* had content, now zero bytes */
    OB_BASELINE_BOOT_CODE_BAD,      /* a device's boot code changed to text or known-bad code */
    OB_BASELINE_BOOT_CODE_CHANGED,  /* ... changed to unknown code or to zeros */
    OB_BASELINE_BOOT_CODE_UPDATED,  /* ... changed to another known boot loader */
    OB_BASELINE_PARTITIONS_CHANGED, /* a device's MBR or GPT partition table differs */
    OB_BASELINE_GPT_DAMAGED,        /* a device's GPT was intact, now fails its CRCs or is gone */
    OB_BASELINE_SIGNAL_COUNT
};

/* The table (src/integrity/baseline_signals.c). Static; thread-safe. */
const struct ob_signal_table *ob_baseline_signals(void);
/* The entry of `signal`, or NULL out of range. */
const struct ob_signal_def *ob_baseline_signal(enum ob_baseline_signal signal);

/* What a baseline holds of one file. The fingerprint is of its first
 * OB_BASELINE_BLOCK bytes (fewer for a smaller file). */
#define OB_BASELINE_BLOCK 4096
struct ob_baseline_record {
    const char *path;
    uint64_t size, inode, device;
    uint32_t mode, uid, gid;
    int64_t mtime_ns, ctime_ns;
    unsigned char sha256[32];
    bool hashed;       /* sha256 and the fingerprint are known */
    double entropy;    /* bits per byte, 0 to 8 */
    unsigned top_byte; /* the most frequent byte */
    double top_share;  /* its share, 0 to 1 */
    unsigned pattern;  /* 0, or the period (1..16) of a repeating pattern filling the block */
};

/* What a baseline holds of one device's boot sectors (see ob_bootrec). */
#define OB_BASELINE_MAX_DEVICES 16
struct ob_baseline_device {
    const char *path; /* absolute */
    uint64_t size;
    bool mbr_signature;
    char code_sha256[65]; /* of the boot code's first 440 bytes, lowercase hex */
    enum ob_bootrec_code code_class;
    char known_name[128];  /* the boot loader, for OB_BOOTREC_CODE_KNOWN_GOOD; else "" */
    char table_sha256[65]; /* of the MBR and GPT partition tables as parsed, lowercase hex */
    bool gpt_present;      /* a GPT header at LBA 1 */
    bool gpt_intact;       /* header, entries and backup header pass their CRCs */
};

/* How to walk: the same rules and exclusions as ob_scan_options. */
struct ob_baseline_options {
    bool cross_filesystems;
    bool scan_special_dirs;
    const char *const *excludes;
    size_t exclude_count;
    unsigned threads; /* hashing threads; 0 = one per online core */
    bool full;        /* verify: re-hash every file */
    bool other_host;  /* verify: accept a baseline recorded on another host */
    /* create: block devices or disk images whose boot sectors to record
     * (at most OB_BASELINE_MAX_DEVICES); verify reads the recorded ones. */
    const char *const *devices;
    size_t device_count;
};

/* One reported file. Owned by the engine, valid during the callback only.
 * `before` is NULL for an added file, `after` for a removed one. */
struct ob_baseline_change {
    const struct ob_baseline_record *before, *after;
    const char *old_path; /* renamed: the recorded name; else NULL */
    enum ob_baseline_signal reasons[OB_BASELINE_SIGNAL_COUNT];
    size_t reason_count;
    int score;
    enum ob_level level;
};

/* One device whose boot sectors changed. Owned by the engine, valid during
 * the callback only. `now` is the device as read now (its boot code's text,
 * partitions, findings). */
struct ob_baseline_device_change {
    const struct ob_baseline_device *before, *after;
    const struct ob_bootrec *now;
    enum ob_baseline_signal reasons[OB_BASELINE_SIGNAL_COUNT];
    size_t reason_count;
    int score;
    enum ob_level level;
};

struct ob_baseline_stats {
    uint64_t recorded, files, bytes_hashed, files_hashed, errors;
    uint64_t counts[OB_BASELINE_SIGNAL_COUNT]; /* files per reason */
    uint64_t findings[4];                      /* by enum ob_level */
    unsigned wipe_byte;                        /* most frequent first byte of the wiped files */
    int64_t first_change_ns, last_change_ns;   /* mtimes of changed or added files; 0 if none */
    double seconds;
    uint64_t devices;         /* devices recorded (create) or read again (verify) */
    uint64_t devices_changed; /* verify: devices reported through device_change */
    uint64_t device_errors;   /* verify: recorded devices that could not be read */
    uint64_t devices_found;   /* verify: devices changed at WARNING or above (in findings too) */
};

/* Callbacks, each may be NULL; called from the calling thread only. */
struct ob_baseline_callbacks {
    void (*change)(void *user, const struct ob_baseline_change *change);
    void (*problem)(void *user, const char *path, const char *message);
    void *user;
    void (*device_change)(void *user, const struct ob_baseline_device_change *change);
};

/* The default baseline file: "baseline.db" beside the default indicator
 * store ($OBERIG_DB's folder, else $XDG_DATA_HOME/oberig, else
 * ~/.local/share/oberig). Caller frees; NULL without HOME or memory. */
char *ob_baseline_default_path(void);

/* Walks `roots` and records every regular file in a new baseline at
 * `db_path`, with the boot sectors of options->devices, written to a temporary file beside it and
 * renamed over it at the end, so a failure leaves an earlier baseline as it was. Unreadable files
 * are reported through `callbacks` and left out. Errors: OB_ERR_IO and OB_ERR_PERMISSION (the
 * database or a device), OB_ERR_NOT_FOUND (a root or a device), OB_ERR_PARSE (a device shorter than
 * one sector), OB_ERR_INVALID_ARGUMENT (too many devices), OB_ERR_NOMEM; detail in ctx. */
enum ob_status ob_baseline_create(struct ob_context *ctx, const char *db_path,
                                  const char *const *roots, size_t root_count,
                                  const struct ob_baseline_options *options,
                                  const struct ob_baseline_callbacks *callbacks,
                                  struct ob_baseline_stats *stats) OB_WARN_UNUSED;

/* Compares the files under the baseline's recorded paths with it and
 * reports each changed file through `callbacks`; reads each recorded
 * device again and reports changed boot sectors through device_change, a
 * device that cannot be read through problem. `roots` (may be 0): the
 * paths the caller expects; other ones than recorded are refused. Errors:
 * OB_ERR_PARSE (not an oberig baseline, damaged), OB_ERR_UNSUPPORTED (newer
 * schema), OB_ERR_INVALID_ARGUMENT (another host without other_host, other
 * paths), OB_ERR_NOT_FOUND, OB_ERR_IO, OB_ERR_NOMEM; detail in ctx. */
enum ob_status ob_baseline_verify(struct ob_context *ctx, const char *db_path,
                                  const char *const *roots, size_t root_count,
                                  const struct ob_baseline_options *options,
                                  const struct ob_baseline_callbacks *callbacks,
                                  struct ob_baseline_stats *stats) OB_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
