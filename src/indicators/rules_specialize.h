/* SPDX-License-Identifier: Apache-2.0 */
/* Rule source specialised for content that does not start with "MZ".
 *
 * Most files a responder scans (scripts, documents, Linux programs) are not
 * Windows programs, while half of signature-base's rules require one: their
 * condition starts with `uint16(0) == 0x5a4d and`. For such content those
 * rules cannot match, and the pe module, whose per-file set-up is the
 * largest single cost of a scan with signature-base, gives the same values
 * for all of it (only is_pe = 0 and its constants; nothing is read from
 * the content unless it starts with "MZ"). The specialised text leaves out
 * the rules that cannot match and replaces each condition part that reads
 * only the pe module by its value, decided by the caller (by running it
 * through libyara on content that does not start with "MZ"), so a file
 * whose every rule lets go of pe no longer imports it. Scanning content
 * that does not start with "MZ" with the specialised set gives exactly the
 * matches of the full set. */
#ifndef OB_INDICATORS_RULES_SPECIALIZE_H
#define OB_INDICATORS_RULES_SPECIALIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buffer.h"
#include "oberig/core.h"

/* The value, for content that does not start with "MZ", of `condition`
 * (`length` bytes, not NUL-terminated), which reads only the pe module,
 * literals and its own loop variables: 1 true, 0 false or undefined, -1
 * not known (the caller could not evaluate it). */
typedef int (*indicators_pe_value_fn)(const char *condition, size_t length, void *user);

struct indicators_specialize_stats {
    size_t rules;     /* rules in the source */
    size_t dropped;   /* left out: they cannot match such content */
    size_t rewritten; /* kept with condition parts replaced by their value */
    bool pe_import_dropped;
};

/* Writes to `out` (appended) the source `text` (`length` bytes) specialised
 * as above. Errors: OB_ERR_PARSE for source it does not understand (an
 * include, a construct it does not know, text that would not compile;
 * the caller then keeps the source as it is), OB_ERR_NOMEM. */
enum ob_status
indicators_specialize_not_mz(const char *text, size_t length, indicators_pe_value_fn pe_value,
                             void *user, struct ob_buffer *out,
                             struct indicators_specialize_stats *stats) OB_WARN_UNUSED;

#endif
