/* SPDX-License-Identifier: Apache-2.0 */
/* Untrusted text: UTF-8, hex, and safe rendering for terminals and for
 * JSON. */
#ifndef OB_CORE_TEXT_H
#define OB_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buffer.h"

/* Decodes one UTF-8 sequence at `s` (at most `length` bytes). Returns its
 * length and stores the code point, or returns 0 for an invalid, overlong,
 * surrogate or truncated sequence. */
size_t ob_utf8_decode(const unsigned char *s, size_t length, uint32_t *code_point);

/* True when some code point of the UTF-8 text satisfies `test`; *found
 * (may be NULL) gets the first. Invalid bytes are stepped over. */
bool ob_utf8_find(const char *text, size_t length, bool (*test)(uint32_t code_point),
                  uint32_t *found);

/* True when the bytes are valid UTF-8. */
bool ob_utf8_valid(const char *s, size_t length);

/* True for code points that must never reach a terminal raw: C0 and C1
 * controls, DEL, and the bidirectional overrides and isolates. */
bool ob_text_is_dangerous(uint32_t code_point);

/* Appends `s` so that it is safe to print on a terminal: dangerous code
 * points become \u{XXXX}, invalid bytes \xNN, and a backslash that could
 * be read as the start of one of those escapes doubles. */
enum ob_status ob_text_append_terminal_safe(struct ob_buffer *out, const char *s,
                                            size_t length) OB_WARN_UNUSED;

/* Appends `s` as a quoted JSON string that is valid UTF-8: invalid bytes
 * become U+FFFD. Sets *lossy (if not NULL) when any byte was replaced. */
enum ob_status ob_text_append_json_string(struct ob_buffer *out, const char *s, size_t length,
                                          bool *lossy) OB_WARN_UNUSED;

/* The value (0 to 15) of the hex digit `c`, of either case, or -1. */
int ob_hex_value(char c);

/* Writes the lowercase hex of `length` bytes and a NUL to `out`, which has
 * room for 2 * length + 1 characters. */
void ob_hex_encode(const void *bytes, size_t length, char *out);

/* Decodes `digits` hex digits of either case into digits / 2 bytes at
 * `out`. Returns false, with `out` partly written, on an odd count or a
 * character that is not a hex digit. */
bool ob_hex_decode(const char *hex, size_t digits, unsigned char *out);

/* Appends the lowercase hex of `length` bytes (ob_hex_encode). */
enum ob_status ob_text_append_hex(struct ob_buffer *out, const unsigned char *bytes,
                                  size_t length) OB_WARN_UNUSED;

#endif
