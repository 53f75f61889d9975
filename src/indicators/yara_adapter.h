/* SPDX-License-Identifier: Apache-2.0 */
/* Internal face of the libyara adapter for generated rule sets (file-name
 * patterns); the public rule API is in oberig/indicators.h. */
#ifndef OB_INDICATORS_YARA_ADAPTER_H
#define OB_INDICATORS_YARA_ADAPTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buffer.h"
#include "oberig/core.h"

/* Reference-counted libyara initialisation; call from set-up code only
 * (single-threaded). Each successful acquire needs one release. */
enum ob_status indicators_yara_acquire(void) OB_WARN_UNUSED;
void indicators_yara_release(void);

/* Rules compiled from one generated source text without externals. */
struct ob_yara_set;

/* Compiles `source`. On failure, appends "line N: message" to `error`. */
enum ob_status indicators_yara_set_compile(const char *source, struct ob_yara_set **out,
                                           struct ob_buffer *error) OB_WARN_UNUSED;
void indicators_yara_set_free(struct ob_yara_set *set);

/* indicators_yara_set_compile through the compiled-rules cache under
 * `cache_dir` (NULL: no cache): a set compiled before from the same text
 * is loaded instead, and *from_cache says so; one compiled now is kept.
 * Cache problems are logged through ctx as warnings, never fatal. */
enum ob_status indicators_yara_set_compile_cached(const char *source, const char *cache_dir,
                                                  struct ob_context *ctx, struct ob_yara_set **out,
                                                  struct ob_buffer *error,
                                                  bool *from_cache) OB_WARN_UNUSED;

/* Checks that `pattern` (a YARA regex literal such as "/a\.exe$/i") compiles
 * as a string of a rule. On failure appends YARA's message to `error`. */
enum ob_status indicators_yara_pattern_check(const char *pattern,
                                             struct ob_buffer *error) OB_WARN_UNUSED;

struct ob_yara_set_scanner;
enum ob_status indicators_yara_set_scanner_new(const struct ob_yara_set *set,
                                               struct ob_yara_set_scanner **out) OB_WARN_UNUSED;
void indicators_yara_set_scanner_free(struct ob_yara_set_scanner *scanner);

/* Calls `matched` with the identifier of each rule that matches `data`. */
typedef void (*ob_yara_rule_fn)(void *user, const char *identifier);
enum ob_status indicators_yara_set_scan(struct ob_yara_set_scanner *scanner, const void *data,
                                        size_t length, ob_yara_rule_fn matched,
                                        void *user) OB_WARN_UNUSED;

#endif
