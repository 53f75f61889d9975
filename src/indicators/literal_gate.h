/* SPDX-License-Identifier: Apache-2.0 */
/* A cheap gate in front of the file-name regexes: a path can only match a
 * pattern if it contains that pattern's required literal, so paths holding
 * none of the literals skip the regex engine altogether. */
#ifndef OB_INDICATORS_LITERAL_GATE_H
#define OB_INDICATORS_LITERAL_GATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buffer.h"
#include "indicators/filename_regex.h"
#include "oberig/core.h"

/* Shortest literal worth indexing; patterns without one keep the gate open. */
#define OB_GATE_MIN_LITERAL 3

/* Appends to `out` literals (lower-case ASCII, each ended by '\n') such that
 * every match of the parsed regex contains at least one of them: the
 * longest run of plain text outside groups, or one per alternative of a
 * top-level or required group. Each is at least OB_GATE_MIN_LITERAL bytes.
 * Separators never belong to a literal, since they also match '/', nor do
 * bytes written as escape codes (\x41, \n). Returns false when no such set
 * is found (`out` is then unchanged). Pure. */
bool indicators_regex_required_literals(const struct ob_filename_regex *regex,
                                        struct ob_buffer *out);

/* Appends to `out` suffixes ('\n'-ended, lower-case) such that every match
 * of an end-anchored (`...$`) regex ends with one of them: the plain text
 * before `$`, or each alternative of a final group with the text around it
 * (`\.(exe|dll)$` gives ".exe" and ".dll"). Returns false, leaving `out`
 * unchanged, when the regex is not end-anchored or no such set exists. */
bool indicators_regex_required_suffixes(const struct ob_filename_regex *regex,
                                        struct ob_buffer *out);

struct ob_literal_gate;

/* Builds a gate over `count` literals that may stand anywhere in a path and
 * `suffix_count` that must end it, each with the number of the pattern it
 * belongs to in `owners` and `suffix_owners` (NULL: its own index); an
 * empty literal ("") means "this pattern has none", which keeps the gate
 * open for every path. */
enum ob_status indicators_literal_gate_new(const char *const *literals, const uint32_t *owners,
                                           size_t count, const char *const *suffixes,
                                           const uint32_t *suffix_owners, size_t suffix_count,
                                           struct ob_literal_gate **out) OB_WARN_UNUSED;
void indicators_literal_gate_free(struct ob_literal_gate *gate);

typedef void (*ob_gate_owner_fn)(void *user, uint32_t owner);

/* Calls `fn` with the owner of every text that `path` contains or ends
 * with, ignoring ASCII case, and of every text too short to index: the
 * patterns that may match it. An owner may come more than once, in no
 * particular order. Read-only; thread-safe. */
void indicators_literal_gate_owners(const struct ob_literal_gate *gate, const char *path,
                                    size_t length, ob_gate_owner_fn fn, void *user);

#endif
