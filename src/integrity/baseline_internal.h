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
