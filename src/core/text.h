/* SPDX-License-Identifier: Apache-2.0 */
/* Untrusted text: UTF-8, direction controls, hex, and safe rendering for
 * terminals and for JSON. */
#ifndef OB_CORE_TEXT_H
#define OB_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buffer.h"

/* Decodes one UTF-8 sequence at `s` (at most `length` bytes). Returns its
 * length and stores the code point, or returns 0 for an invalid, overlong,
 * surrogate or truncated sequence. */
size_t core_utf8_decode(const unsigned char *s, size_t length, uint32_t *code_point);

/* True when some code point of the UTF-8 text satisfies `test`; *found
 * (may be NULL) gets the first. Invalid bytes are stepped over. */
bool core_utf8_find(const char *text, size_t length, bool (*test)(uint32_t code_point),
                    uint32_t *found);

/* True when the bytes are valid UTF-8. */
bool core_utf8_valid(const char *s, size_t length);

/* True for the bidirectional embeddings, overrides and isolates, U+202A to
 * U+202E and U+2066 to U+2069: they reorder the text after them on screen,
 * so "photo\u202Egpj.exe" shows as "photoexe.jpg". The marks U+200E,
 * U+200F and U+061C, which only take a direction, are not among them. */
bool core_text_is_bidi_control(uint32_t code_point);

/* The first bidirectional control (as above) in the UTF-8 text, or 0.
 * Invalid bytes are stepped over; an overlong or cut encoding of one is not
 * one. Equals core_utf8_find with core_text_is_bidi_control, only faster. */
uint32_t core_text_find_bidi_control(const char *text, size_t length);

/* True for code points that must never reach a terminal raw: C0 and C1
 * controls, DEL, the bidirectional controls and the direction marks. */
bool core_text_is_dangerous(uint32_t code_point);

/* Appends `s` so that it is safe to print on a terminal: dangerous code
 * points become \u{XXXX}, invalid bytes \xNN, and a backslash that could
 * be read as the start of one of those escapes doubles. */
enum ob_status core_text_append_terminal_safe(struct ob_buffer *out, const char *s,
                                              size_t length) OB_WARN_UNUSED;

/* Appends `s` as a quoted JSON string that is valid UTF-8: invalid bytes
 * become U+FFFD. Sets *lossy (if not NULL) when any byte was replaced. */
enum ob_status core_text_append_json_string(struct ob_buffer *out, const char *s, size_t length,
                                            bool *lossy) OB_WARN_UNUSED;

/* The value (0 to 15) of the hex digit `c`, of either case, or -1. */
int core_hex_value(char c);

/* Writes the lowercase hex of `length` bytes and a NUL to `out`, which has
 * room for 2 * length + 1 characters. */
void core_hex_encode(const void *bytes, size_t length, char *out);

/* Decodes `digits` hex digits of either case into digits / 2 bytes at
 * `out`. Returns false, with `out` partly written, on an odd count or a
 * character that is not a hex digit. */
bool core_hex_decode(const char *hex, size_t digits, unsigned char *out);

/* Appends the lowercase hex of `length` bytes (core_hex_encode). */
enum ob_status core_text_append_hex(struct ob_buffer *out, const unsigned char *bytes,
                                    size_t length) OB_WARN_UNUSED;

#endif
