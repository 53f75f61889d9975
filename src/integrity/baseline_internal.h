/* SPDX-License-Identifier: Apache-2.0 */
/* What the baseline's files share: the records in memory and the SQLite side. */
#ifndef OB_INTEGRITY_BASELINE_INTERNAL_H
#define OB_INTEGRITY_BASELINE_INTERNAL_H

#include "oberig/baseline.h"

/* A baseline read back: records sorted by path (bytewise), and its roots. */
struct integrity_baseline {
    struct ob_baseline_record *records;
    size_t count;
    char **roots;
    size_t root_count;
    char *host;
    /* How create walked, so verify walks the same way. */
    char **excludes;
    size_t exclude_count;
    bool cross_filesystems, scan_special_dirs;
    /* Devices whose boot sectors were recorded (schema 2 on). */
    struct ob_baseline_device *devices;
    size_t device_count;
};
void integrity_loaded_release(struct integrity_baseline *loaded);

/* Writes `records`, `devices`, `roots` and how they were walked (`options`) into a new
 * file at db_path, atomically
 * (temporary file beside it, fsync, rename). */
enum ob_status integrity_db_write(struct ob_context *ctx, const char *db_path,
                                  const char *const *roots, size_t root_count,
                                  const struct ob_baseline_options *options,
                                  const struct ob_baseline_record *const *records, size_t count,
                                  const struct ob_baseline_device *devices,
                                  size_t device_count) OB_WARN_UNUSED;

/* Reads a baseline after checking that it is one: an SQLite file that
 * passes quick_check, with the tables and a schema this build reads.
 * Errors: OB_ERR_NOT_FOUND, OB_ERR_PARSE, OB_ERR_UNSUPPORTED, OB_ERR_IO,
 * OB_ERR_NOMEM. Release `loaded` either way. */
enum ob_status integrity_db_read(struct ob_context *ctx, const char *db_path,
                                 struct integrity_baseline *loaded) OB_WARN_UNUSED;

/* The same in two steps, so that the records can be read on another thread
 * while verify walks: open reads the header (schema, host, roots, how they
 * were walked) into `loaded`; finish checks the whole file (quick_check),
 * reads the records and devices, and closes. The reader's connection is
 * used by one thread at a time. Errors as integrity_db_read; after a
 * failed open nothing is left open, after a good one call finish or
 * integrity_db_close. */
struct sqlite3;
struct integrity_reader {
    struct sqlite3 *db;
    const char *path;
    long version;
};
enum ob_status integrity_db_open(struct ob_context *ctx, const char *db_path,
                                 struct integrity_baseline *loaded,
                                 struct integrity_reader *reader) OB_WARN_UNUSED;
enum ob_status integrity_db_finish(struct ob_context *ctx, struct integrity_reader *reader,
                                   struct integrity_baseline *loaded) OB_WARN_UNUSED;
void integrity_db_close(struct integrity_reader *reader);

/* The level of a score, with scan's default thresholds. */
enum ob_level integrity_level_of(int score);

/* Reads the boot sectors of each of `paths` (ob_bootrec_read) into a new
 * array *out of *out_count devices with absolute paths, each once; free it
 * with integrity_devices_free. Errors: those of ob_bootrec_read, and
 * OB_ERR_INVALID_ARGUMENT for more than OB_BASELINE_MAX_DEVICES. */
enum ob_status integrity_devices_record(struct ob_context *ctx, const char *const *paths,
                                        size_t count, struct ob_baseline_device **out,
                                        size_t *out_count) OB_WARN_UNUSED;
void integrity_devices_free(struct ob_baseline_device *devices, size_t count);

/* Reads each recorded device again and reports changed boot sectors
 * through callbacks->device_change, counted in stats; a device that cannot
 * be read is a problem (callbacks->problem, stats->device_errors), never fatal. */
void integrity_devices_verify(struct ob_context *ctx, const struct ob_baseline_device *recorded,
                              size_t count, const struct ob_baseline_callbacks *callbacks,
                              struct ob_baseline_stats *stats);

#endif
