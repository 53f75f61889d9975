/* SPDX-License-Identifier: Apache-2.0 */
/* ICU behind oberig's own functions: internationalised domain names
 * (UTS #46), confusable skeletons, case folding and normalisation. */
#ifndef OB_CORE_ICU_ADAPTER_H
#define OB_CORE_ICU_ADAPTER_H

#include <stdbool.h>
#include <stddef.h>

#include "oberig/core.h"

/* Converts a domain name (UTF-8, `length` bytes) to its ASCII form with
 * punycode labels (UTS #46 processing, non-transitional, so "ß" stays
 * distinct) into `out`, NUL-terminated. Errors: OB_ERR_PARSE when the name
 * is not a valid IDN, OB_ERR_LIMIT when `size` is too small. Thread-safe. */
enum ob_status core_idna_to_ascii(const char *name, size_t length, char *out,
                                  size_t size) OB_WARN_UNUSED;

/* Converts an ASCII domain name with punycode labels to Unicode (UTF-8). */
enum ob_status core_idna_to_unicode(const char *name, size_t length, char *out,
                                    size_t size) OB_WARN_UNUSED;

/* The UTS #39 confusable skeleton of UTF-8 `text` into `out`: two strings
 * with the same skeleton look alike ("pаypal" with a Cyrillic 'а' and
 * "paypal"). Errors: OB_ERR_PARSE for text ICU refuses, OB_ERR_LIMIT.
 * Thread-safe. */
enum ob_status core_confusable_skeleton(const char *text, size_t length, char *out,
                                        size_t size) OB_WARN_UNUSED;

/* True when UTF-8 `text` mixes scripts in a way UTS #39's "highly
 * restrictive" level does not allow (Latin with Cyrillic or Greek, say);
 * `scripts` (may be NULL) receives their names joined by '+', for example
 * "Latin+Cyrillic", in the language of messages. Thread-safe. */
bool core_text_mixes_scripts(const char *text, size_t length, char *scripts, size_t size);

/* Full Unicode case folding of UTF-8 `text` into `out`, NUL-terminated
 * ("ТЕРМІНОВО" -> "терміново", "Straße" -> "strasse"): for comparing
 * without regard to case in any script. The folded text may be longer
 * than `text` (at most three times). Invalid bytes become U+FFFD. Returns
 * the folded length. Errors: OB_ERR_LIMIT when `size` is too small,
 * OB_ERR_INTERNAL when ICU cannot fold. Thread-safe. */
enum ob_status core_text_fold_case(const char *text, size_t length, char *out, size_t size,
                                   size_t *written) OB_WARN_UNUSED;

/* NFKC compatibility normalisation and full case folding together
 * (Unicode's NFKC_Casefold) of UTF-8 `text` into `out`, NUL-terminated:
 * full-width and styled letters become plain ones ("Ｕｋｒ" -> "ukr"),
 * ignorable characters go. Errors: OB_ERR_PARSE for text that is not
 * UTF-8, OB_ERR_LIMIT when `size` is too small (or the text is longer
 * than 4,096 characters). Thread-safe. */
enum ob_status core_text_nfkc_fold(const char *text, size_t length, char *out,
                                   size_t size) OB_WARN_UNUSED;

#endif
