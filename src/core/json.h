/* SPDX-License-Identifier: Apache-2.0 */
/* A small streaming JSON writer into a capped buffer; always valid UTF-8. */
#ifndef OB_CORE_JSON_H
#define OB_CORE_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buffer.h"

#define OB_JSON_MAX_DEPTH 16

/* Caller-owned writer. Errors are sticky: check `status` once at the end. */
struct ob_json {
    struct ob_buffer *out;
    enum ob_status status;
    int depth;
    bool has_member[OB_JSON_MAX_DEPTH];
};

void core_json_init(struct ob_json *json, struct ob_buffer *out);
/* `key` is NULL inside arrays and at top level. */
void core_json_object_begin(struct ob_json *json, const char *key);
void core_json_object_end(struct ob_json *json);
void core_json_array_begin(struct ob_json *json, const char *key);
void core_json_array_end(struct ob_json *json);
/* Writes a string; bytes that are not UTF-8 become U+FFFD. Returns true when
 * the value was lossy, so the caller can add an exact hex copy. */
bool core_json_string(struct ob_json *json, const char *key, const char *value, size_t length);
void core_json_cstring(struct ob_json *json, const char *key, const char *value);
void core_json_null(struct ob_json *json, const char *key);
void core_json_int(struct ob_json *json, const char *key, int64_t value);
void core_json_uint(struct ob_json *json, const char *key, uint64_t value);
void core_json_double(struct ob_json *json, const char *key, double value);
void core_json_bool(struct ob_json *json, const char *key, bool value);
void core_json_hex(struct ob_json *json, const char *key, const void *bytes, size_t length);

#endif
