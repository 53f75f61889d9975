/* SPDX-License-Identifier: Apache-2.0 */
/* libarchive adapter: iterates the members of an archive held in memory,
 * within limits, without ever writing to disk. */
#ifndef OB_SCAN_ARCHIVE_ADAPTER_H
#define OB_SCAN_ARCHIVE_ADAPTER_H

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/buffer.h"
#include "oberig/core.h"
#include "scan/filetype.h"

/* Shared by an archive and everything nested in it, so the limits hold for
 * the whole tree below one file on disk. */
struct ob_archive_budget {
    uint64_t entries_left;
    uint64_t bytes_left; /* expanded bytes still allowed */
    uint64_t expanded;   /* expanded so far */
    uint64_t compressed; /* size of the file on disk */
    unsigned max_ratio;  /* expanded / compressed before it counts as a bomb */
    uint64_t max_member; /* members larger than this are skipped */
    bool limit_reached;  /* set when any limit cut something short */
    /* Not a limit: the locale names are read in, from
     * scan_archive_locale_new; (locale_t)0 makes one for each archive. */
    locale_t utf8_locale;
};

/* The UTF-8 locale archives are read in (see archive_adapter.c), or
 * (locale_t)0 when the system has none. Making one costs up to 150 µs while
 * no other is alive, so each worker makes one and puts it in its budgets.
 * Free with scan_archive_locale_free; usable by any thread. */
locale_t scan_archive_locale_new(void);
void scan_archive_locale_free(locale_t utf8);

/* Called for each regular member with its whole content. `name` is its path
 * in UTF-8 whatever the process's locale, with any bytes that cannot be
 * decoded left as they are (archive_names.h). Returning an error stops the
 * iteration and is passed back. */
typedef enum ob_status (*ob_archive_member_fn)(void *user, const char *name,
                                               const unsigned char *data, size_t length);

/* Called for members that are skipped (encrypted, too large) and for the
 * reason an archive was cut short; `name` may be NULL. */
typedef void (*ob_archive_notice_fn)(void *user, const char *name, const char *message,
                                     bool is_error);

/* Opens `data` as an archive of `kind` (OB_ARCHIVE_CONTAINER or
 * OB_ARCHIVE_COMPRESSED_STREAM: an embedded archive is given from where it
 * starts) and calls `member` for each regular
 * member. `stream_name` names the single member of a bare compressed stream
 * ("report.doc" for "report.doc.gz"); a stream no decompressor takes has
 * no members and no notice: it only starts like one. Returns OB_OK,
 * OB_ERR_LIMIT when a
 * limit cut it short, OB_ERR_PARSE when the archive is corrupt (members read
 * before the damage were still delivered), or the member callback's error.
 * Every stop is explained through `notice`. */
enum ob_status scan_archive_each_member(const unsigned char *data, size_t length,
                                        enum ob_archive_kind kind, const char *stream_name,
                                        struct ob_archive_budget *budget,
                                        ob_archive_member_fn member, ob_archive_notice_fn notice,
                                        void *user) OB_WARN_UNUSED;

#endif
