/* SPDX-License-Identifier: Apache-2.0 */
/* Streaming JSON writer. */
#include "core/json.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"

void core_json_init(struct ob_json *json, struct ob_buffer *out)
{
    memset(json, 0, sizeof(*json));
    json->out = out;
}

/* Writes the separator and key that precede a value. */
static void prefix(struct ob_json *json, const char *key)
{
    if (json->status != OB_OK)
        return;
    if (json->depth > 0) {
        if (json->has_member[json->depth - 1])
            json->status = core_buffer_append(json->out, ",", 1);
        json->has_member[json->depth - 1] = true;
    }
    if (key != NULL && json->status == OB_OK) {
        json->status = core_text_append_json_string(json->out, key, strlen(key), NULL);
        if (json->status == OB_OK)
            json->status = core_buffer_append(json->out, ":", 1);
    }
}

static void open(struct ob_json *json, const char *key, const char *bracket)
{
    prefix(json, key);
    if (json->status != OB_OK)
        return;
    if (json->depth >= OB_JSON_MAX_DEPTH) {
        json->status = OB_ERR_LIMIT;
        return;
    }
    json->has_member[json->depth++] = false;
    json->status = core_buffer_append(json->out, bracket, 1);
}

static void close_level(struct ob_json *json, const char *bracket)
{
    if (json->status != OB_OK)
        return;
    if (json->depth > 0)
        json->depth--;
    json->status = core_buffer_append(json->out, bracket, 1);
}

void core_json_object_begin(struct ob_json *json, const char *key)
{
    open(json, key, "{");
}
void core_json_object_end(struct ob_json *json)
{
    close_level(json, "}");
}
void core_json_array_begin(struct ob_json *json, const char *key)
{
    open(json, key, "[");
}
void core_json_array_end(struct ob_json *json)
{
    close_level(json, "]");
}

bool core_json_string(struct ob_json *json, const char *key, const char *value, size_t length)
{
    bool lossy = false;
    prefix(json, key);
    if (json->status == OB_OK)
        json->status = core_text_append_json_string(json->out, value, length, &lossy);
    return lossy;
}

void core_json_cstring(struct ob_json *json, const char *key, const char *value)
{
    if (value == NULL)
        core_json_null(json, key);
    else
        core_json_string(json, key, value, strlen(value));
}

static void raw(struct ob_json *json, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void raw(struct ob_json *json, const char *key, const char *fmt, ...)
{
    prefix(json, key);
    if (json->status != OB_OK)
        return;
    char text[64];
    va_list args;
    va_start(args, fmt);
    vsnprintf(text, sizeof(text), fmt, args);
    va_end(args);
    json->status = core_buffer_append_str(json->out, text);
}

void core_json_null(struct ob_json *json, const char *key)
{
    raw(json, key, "null");
}
void core_json_int(struct ob_json *json, const char *key, int64_t v)
{
    raw(json, key, "%" PRId64, v);
}
void core_json_uint(struct ob_json *json, const char *key, uint64_t v)
{
    raw(json, key, "%" PRIu64, v);
}
void core_json_bool(struct ob_json *json, const char *key, bool v)
{
    raw(json, key, v ? "true" : "false");
}

void core_json_double(struct ob_json *json, const char *key, double value)
{
    if (!isfinite(value))
        core_json_null(json, key);
    else
        raw(json, key, "%.3f", value);
}

void core_json_hex(struct ob_json *json, const char *key, const void *bytes, size_t length)
{
    prefix(json, key);
    if (json->status == OB_OK)
        json->status = core_buffer_append(json->out, "\"", 1);
    if (json->status == OB_OK)
        json->status = core_text_append_hex(json->out, bytes, length);
    if (json->status == OB_OK)
        json->status = core_buffer_append(json->out, "\"", 1);
}
