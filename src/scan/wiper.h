/* SPDX-License-Identifier: Apache-2.0 */
/* Wiper damage without a baseline: overwritten starts, random extensions,
 * ransom notes, and the extent of the damage across a scan. */
#ifndef OB_SCAN_WIPER_H
#define OB_SCAN_WIPER_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oberig/scan.h"

/* The start of a file the fill check looks at, and the least a file must
 * hold to be judged (a smaller one is too short to tell). */
#define SCAN_WIPER_BLOCK 4096
#define SCAN_WIPER_MIN_SIZE 512
#define SCAN_WIPER_MAX_PERIOD 16

/* The lists of data/scan, parsed once per scan; read-only afterwards. */
struct scan_wiper_data;

enum ob_status scan_wiper_data_new(struct scan_wiper_data **out) OB_WARN_UNUSED;
void scan_wiper_data_free(struct scan_wiper_data *data);

/* The shortest period (1 to 16) with which the first block of `data` (4 KiB,
 * or all of a smaller file of at least 512 bytes) repeats itself, or 0 when
 * it does not: 1 for one repeated byte, 2 for "00 ff 00 ff ...". */
size_t scan_wiper_fill_period(const unsigned char *data, size_t length);

/* Writes the repeated bytes, "0xcc" or "0x00 0xff", into `out`. */
void scan_wiper_format_pattern(const unsigned char *pattern, size_t period, char *out,
                               size_t out_size);

/* True if `extension` (".docx", lower case) names a file whose start is a
 * format header. */
bool scan_wiper_is_structured(const struct scan_wiper_data *data, const char *extension);

/* If the base name `name` ends in a 3 to 8 character extension no program
 * uses, right after an extension of structured content
 * ("report.docx.9fa2"), writes the two (".9fa2", ".docx") and returns true. */
bool scan_wiper_renamed(const struct scan_wiper_data *data, const char *name, char *added,
                        size_t added_size, char *original, size_t original_size);

/* A ransom note entry matched by the base name or, for a small text file,
 * the first block: its value and origin, or false. */
bool scan_wiper_ransom_note(const struct scan_wiper_data *data, const char *name,
                            const unsigned char *bytes, size_t length, const char **value,
                            const char **origin);

/* Where a file sits among the system's programs, by its path and mode (the
 * same on a mounted disk): a direct child of a folder named bin or sbin
 * that someone may execute (a data file in a project's "bin" is not); a
 * shared library (name.so, name.so.N) in a folder named lib, lib32 or lib64
 * or one folder below it; a .exe, .dll or .sys directly in Windows/System32
 * or Windows/SysWOW64 (any case). */
enum scan_system_file {
    SCAN_SYSTEM_NONE,
    SCAN_SYSTEM_PROGRAM,
    SCAN_SYSTEM_LIBRARY,
    SCAN_SYSTEM_WINDOWS,
};
enum scan_system_file scan_wiper_system_file(const char *path, unsigned mode);

/* For a file `scan_wiper_system_file` placed, what a wiper left of it:
 * nothing (an empty file), a fill (its start repeats `*period` bytes), or
 * random-looking bytes where a program header belongs (`*entropy` bits per
 * byte of its first block, above 7.2). */
enum scan_system_damage {
    SCAN_SYSTEM_INTACT,
    SCAN_SYSTEM_EMPTIED,
    SCAN_SYSTEM_FILLED,
    SCAN_SYSTEM_RANDOM,
};
enum scan_system_damage scan_wiper_system_damage(const unsigned char *data, size_t length,
                                                 size_t *period, double *entropy);

/* The damage seen across a scan, shared by the workers. */
#define SCAN_WIPER_PATTERNS 8
struct scan_wiper_pattern {
    unsigned char bytes[SCAN_WIPER_MAX_PERIOD];
    size_t period;
    uint64_t files, renamed;
    int64_t mtime_first, mtime_last;
};
struct scan_wiper_tally {
    pthread_mutex_t lock;
    struct scan_wiper_pattern patterns[SCAN_WIPER_PATTERNS];
    size_t pattern_count;
    uint64_t overwritten, renamed, notes, system_damaged;
    int64_t renamed_first, renamed_last;
};

void scan_wiper_tally_init(struct scan_wiper_tally *tally);
void scan_wiper_tally_destroy(struct scan_wiper_tally *tally);

/* Records one file on disk: overwritten with `pattern` of `period` bytes
 * (period 0: not overwritten), renamed or not, a ransom note or not, a
 * damaged system program or not. */
void scan_wiper_tally_add(struct scan_wiper_tally *tally, const unsigned char *pattern,
                          size_t period, bool renamed, bool note, bool system, int64_t mtime);

/* The extent: the pattern that most files share. */
void scan_wiper_tally_extent(struct scan_wiper_tally *tally, struct ob_wiper_extent *out);

#endif
