/* SPDX-License-Identifier: Apache-2.0 */
/* Private to src/mail: bounds what the MIME parser is given, since GMime
 * builds objects for every header, address and part it reads (a 16 MiB
 * message of tiny headers or parts costs it gigabytes). */
#ifndef OB_MAIL_MIME_BUDGET_H
#define OB_MAIL_MIME_BUDGET_H

#include <stdbool.h>
#include <stddef.h>

#include "oberig/core.h"

#define OB_MIME_HEADER_LINES_MAX 20000  /* header lines, all parts together */
#define OB_MIME_BOUNDARY_LINES_MAX 5000 /* lines starting with "--" */
/* Bytes of address headers, and of Content-* headers. */
#define OB_MIME_STRUCTURED_MAX ((size_t)256 << 10)

/* The input as the parser should see it. */
struct ob_mime_budget {
    const char *data; /* the caller's bytes, or `copy` */
    size_t length;
    char *copy;              /* malloc'd when fields had to be shortened or dropped; free it */
    bool cut_boundaries;     /* stopped at OB_MIME_BOUNDARY_LINES_MAX */
    bool cut_header_lines;   /* stopped at OB_MIME_HEADER_LINES_MAX */
    bool shortened_field;    /* a header field was cut to field_max bytes */
    bool dropped_structured; /* address/Content-* fields past OB_MIME_STRUCTURED_MAX dropped */
};

/* Scans `data` line by line, following header blocks (the start, after
 * each boundary line, and the message inside a message part or a digest),
 * and returns the prefix or shortened copy that stays within the limits:
 * header fields cut to `field_max` bytes, address fields and Content-*
 * fields each dropped past OB_MIME_STRUCTURED_MAX bytes in all, and the
 * input cut before the line that passes a line limit. Errors: OB_ERR_NOMEM. */
enum ob_status mail_mime_budget_apply(const char *data, size_t length, size_t field_max,
                                      struct ob_mime_budget *out) OB_WARN_UNUSED;

#endif
