/* SPDX-License-Identifier: Apache-2.0 */
/* The only file that uses GMime: parses one message from memory into the
 * ob_mail_message model (headers, addresses, decoded bodies, attachments)
 * with every hostile-input limit of mail_internal.h applied. */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <gmime/gmime.h>

#include "mail/mail_internal.h"
#include "core/array.h"
#include "core/text.h"
#include "mail/mime_budget.h"

#define NOTICES_MAX 32
#define REPLY_TO_MAX 100
#define ATTACHMENT_BYTES_MAX ((size_t)64 << 20) /* decoded attachments per message */
#define TEXT_BYTES_MAX ((size_t)32 << 20)       /* decoded body text per message */
#define ARENA_CAP ((size_t)256 << 20)           /* all strings and buffers of a message */
#define READ_CHUNK ((size_t)64 << 10)
#define NAME_SHOWN_MAX 40                     /* bytes of a charset name quoted in a notice */
#define FIELD_MAX (OB_MAIL_HEADER_MAX + 1024) /* bytes of one header field given to GMime */
#define RECOVERIES_MAX 4 /* multiparts re-read with the boundary their text uses */
/* Bodies without a declared charset that are not UTF-8, and 8-bit header
 * text, are read as windows-1251: the users read Ukrainian and Russian,
 * and that is what undeclared 8-bit text in their mail most often is. */
#define FALLBACK_CHARSET "windows-1251"

/* ---- once per process -------------------------------------------------------- */

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

/* GMime and GLib report through g_log; the library never prints, and the
 * problems that matter arrive through the parser's warning callback. */
static void ignore_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
                       gpointer user)
{
    (void)domain;
    (void)level;
    (void)message;
    (void)user;
}

static void gmime_start(void)
{
    g_mime_init();
    g_log_set_handler("gmime",
                      (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                      ignore_log, NULL);
}

/* ---- helpers on the message model --------------------------------------------- */

/* Makes room for one more item; the model needs no capacity fields, and
 * its counts are capped where items are added. */
static bool grow(void **array, size_t count, size_t element_size)
{
    return core_array_grow_counted(array, count, element_size, 16, SIZE_MAX) == OB_OK;
}

void mail_message_notice(struct ob_mail_message *message, const char *fmt, ...)
{
    char text[512];
    va_list args;
    va_start(args, fmt);
    vsnprintf(text, sizeof(text), fmt, args);
    va_end(args);
    for (size_t i = 0; i < message->notice_count; i++)
        if (strcmp(message->notices[i], text) == 0)
            return;
    if (message->notice_count >= NOTICES_MAX)
        return;
    const char *copy = NULL;
    if (core_arena_strdup(&message->text, text, strlen(text), &copy) != OB_OK)
        return;
    if (!grow((void **)&message->notices, message->notice_count, sizeof(*message->notices)))
        return;
    /* The model hands notices out as char * for the result's array; the
     * text itself is never written through it. */
    message->notices[message->notice_count++] = (char *)copy;
}

const struct ob_mail_header *mail_headers_find(const struct ob_mail_header *headers, size_t count,
                                               const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcasecmp(headers[i].name, name) == 0)
            return &headers[i];
    return NULL;
}

const struct ob_mail_header *mail_header_find(const struct ob_mail_message *message,
                                              const char *name)
{
    return mail_headers_find(message->headers, message->header_count, name);
}

void mail_message_release(struct ob_mail_message *message)
{
    if (message == NULL)
        return;
    free(message->headers);
    free(message->forwarded.headers);
    free(message->reply_to);
    free(message->bodies);
    free(message->links);
    free(message->attachments);
    free(message->notices);
    core_arena_release(&message->text);
    memset(message, 0, sizeof(*message));
}

/* ---- UTF-8 ------------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at in[0], or 0 when it is not one
 * or is NUL (which would end the C strings the checks read). */
static size_t utf8_sequence(const unsigned char *in, size_t length)
{
    uint32_t code_point;
    return in[0] != 0 ? core_utf8_decode(in, length, &code_point) : 0;
}

/* Bytes from `in` that are plain ASCII without NUL, counted eight at a
 * time: most mail text is such runs. */
static size_t ascii_run(const unsigned char *in, size_t length)
{
    const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
    size_t run = 0;
    while (length - run >= 8) {
        uint64_t word;
        memcpy(&word, in + run, sizeof(word));
        if ((word & high) != 0 || ((word - ones) & ~word & high) != 0)
            break;
        run += 8;
    }
    while (run < length && in[run] >= 0x01 && in[run] < 0x80)
        run++;
    return run;
}

static bool is_utf8(const unsigned char *in, size_t length)
{
    for (size_t i = 0; i < length;) {
        size_t run = ascii_run(in + i, length - i); /* most mail text is ASCII */
        if (run > 0) {
            i += run;
            continue;
        }
        size_t n = utf8_sequence(in + i, length - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

/* Copies `in` as valid UTF-8 into out (at most out_cap bytes, whole
 * characters only): invalid bytes and NUL become U+FFFD. Sets *cut when
 * not all of `in` fitted. Returns the bytes written. */
static size_t utf8_clean(const unsigned char *in, size_t length, char *out, size_t out_cap,
                         bool *cut)
{
    size_t used = 0;
    for (size_t i = 0; i < length;) {
        size_t run = ascii_run(in + i, length - i);
        if (run > out_cap - used)
            run = out_cap - used;
        if (run > 0) {
            memcpy(out + used, in + i, run);
            used += run;
            i += run;
            continue;
        }
        size_t n = utf8_sequence(in + i, length - i);
        const char *bytes = n > 0 ? (const char *)in + i : "\xef\xbf\xbd";
        size_t size = n > 0 ? n : 3;
        if (out_cap - used < size) {
            if (cut != NULL)
                *cut = true;
            break;
        }
        memcpy(out + used, bytes, size);
        used += size;
        i += n > 0 ? n : 1;
    }
    return used;
}

/* ---- the parse -------------------------------------------------------------- */

struct parse {
    struct ob_mail_message *message;
    GMimeParserOptions *options;
    enum ob_status status; /* OB_ERR_NOMEM once memory ran out */
    bool arena_full;       /* the message arena reached its cap */
    size_t parts;
    size_t attachment_bytes;
    size_t text_bytes;
    uint32_t warned; /* GMime warnings already turned into notices */
    bool truncated;  /* GMime reached the end inside a part or header block */
    GMimeObject *recovered[RECOVERIES_MAX]; /* re-read multiparts, released at the end */
    size_t recovery_count;
};

/* Keeps `length` bytes in the message arena; NULL when it cannot. */
static const char *keep(struct parse *parse, const char *text, size_t length)
{
    const char *copy = NULL;
    if (parse->status != OB_OK || parse->arena_full)
        return NULL;
    enum ob_status status = core_arena_strdup(&parse->message->text, text, length, &copy);
    if (status == OB_ERR_LIMIT) {
        parse->arena_full = true;
        mail_message_notice(parse->message, "%s",
                            _("message is too large to keep; the rest was not examined"));
        return NULL;
    }
    if (status != OB_OK)
        parse->status = status;
    return copy;
}

/* Keeps text as clean UTF-8, cut to `cap` bytes. */
static const char *keep_utf8(struct parse *parse, const char *text, size_t length, size_t cap)
{
    if (length <= cap && is_utf8((const unsigned char *)text, length))
        return keep(parse, text, length);
    size_t out_cap = length * 3 < cap ? length * 3 : cap;
    char *clean = malloc(out_cap + 1);
    if (clean == NULL) {
        parse->status = OB_ERR_NOMEM;
        return NULL;
    }
    size_t used = utf8_clean((const unsigned char *)text, length, clean, out_cap, NULL);
    const char *kept = keep(parse, clean, used);
    free(clean);
    return kept;
}

static void on_warning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer user)
{
    (void)offset;
    (void)item;
    struct parse *parse = user;
    const char *text = NULL;
    switch (code) {
    case GMIME_WARN_MALFORMED_MULTIPART:
        text = _("a multipart part has a broken or missing boundary");
        break;
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
        text = _("a multipart part declares no boundary");
        break;
    case GMIME_WARN_TRUNCATED_MESSAGE:
        /* Reported after the walk: pasted headers always end this way. */
        parse->truncated = true;
        return;
    case GMIME_WARN_MALFORMED_MESSAGE: text = _("the message structure is malformed"); break;
    case GMIME_CRIT_NESTING_OVERFLOW: text = _("MIME parts are nested too deep to parse"); break;
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
        text = _("a MIME part has neither headers nor content");
        break;
    default: return; /* duplicated headers, 8-bit headers and the like are common in real mail */
    }
    uint32_t bit = (uint32_t)1 << ((unsigned)code & 31);
    if (parse->warned & bit)
        return;
    parse->warned |= bit;
    mail_message_notice(parse->message, "%s", text);
}

/* Unfolds a raw header value: line breaks removed, surrounding white
 * space trimmed, cut to OB_MAIL_HEADER_MAX bytes at a character boundary.
 * Returns a malloc'd string (or NULL), sets *cut when it was cut. */
static char *unfold(const char *raw, bool *cut)
{
    size_t length = raw != NULL ? strlen(raw) : 0;
    char *out = malloc((length < OB_MAIL_HEADER_MAX ? length : OB_MAIL_HEADER_MAX) + 1);
    if (out == NULL)
        return NULL;
    size_t used = 0;
    *cut = false;
    for (size_t i = 0; i < length; i++) {
        if (raw[i] == '\r' || raw[i] == '\n')
            continue;
        if (used == 0 && (raw[i] == ' ' || raw[i] == '\t'))
            continue;
        if (used == OB_MAIL_HEADER_MAX) {
            *cut = true;
            break;
        }
        out[used++] = raw[i];
    }
    if (*cut) {
        /* Drop the last character, which may have been cut in half. */
        while (used > 0 && ((unsigned char)out[used - 1] & 0xc0) == 0x80)
            used--;
        if (used > 0 && (unsigned char)out[used - 1] >= 0xc0)
            used--;
    }
    while (used > 0 && (out[used - 1] == ' ' || out[used - 1] == '\t'))
        used--;
    out[used] = '\0';
    return out;
}

/* Keeps the headers of `object` (the message, or an attached one) in
 * *headers, *header_count. */
static void read_headers(struct parse *parse, GMimeObject *object, struct ob_mail_header **headers,
                         size_t *header_count)
{
    struct ob_mail_message *message = parse->message;
    GMimeHeaderList *list = g_mime_object_get_header_list(object);
    int count = list != NULL ? g_mime_header_list_get_count(list) : 0;
    for (int i = 0; i < count && parse->status == OB_OK && !parse->arena_full; i++) {
        if (*header_count >= OB_MAIL_HEADERS_MAX) {
            mail_message_notice(message,
                                P_("message has more than %d header; the rest were not kept",
                                   "message has more than %d headers; the rest were not kept",
                                   OB_MAIL_HEADERS_MAX),
                                OB_MAIL_HEADERS_MAX);
            break;
        }
        GMimeHeader *header = g_mime_header_list_get_header_at(list, i);
        const char *name = header != NULL ? g_mime_header_get_name(header) : NULL;
        if (name == NULL)
            continue;
        bool cut = false;
        char *raw = unfold(g_mime_header_get_raw_value(header), &cut);
        if (raw == NULL) {
            parse->status = OB_ERR_NOMEM;
            break;
        }
        if (cut)
            mail_message_notice(message,
                                P_("a header is longer than %zu byte; only its start was read",
                                   "a header is longer than %zu bytes; only its start was read",
                                   OB_MAIL_HEADER_MAX),
                                OB_MAIL_HEADER_MAX);
        /* GMime has already decoded the value (RFC 2047, charsets) while
         * building the message and keeps it: decoding it again cost a tenth
         * of all the work. The value is cut like the raw one. */
        const char *decoded = g_mime_header_get_value(header);
        struct ob_mail_header kept = {
            .name = keep_utf8(parse, name, strlen(name), OB_MAIL_HEADER_MAX),
            .raw = keep(parse, raw, strlen(raw)),
        };
        const char *value = decoded != NULL ? decoded : raw;
        kept.value = keep_utf8(parse, value, strnlen(value, OB_MAIL_HEADER_MAX + 1),
                               OB_MAIL_HEADER_MAX);
        free(raw);
        if (kept.name == NULL || kept.raw == NULL || kept.value == NULL)
            break;
        if (!grow((void **)headers, *header_count, sizeof(kept))) {
            parse->status = OB_ERR_NOMEM;
            break;
        }
        (*headers)[(*header_count)++] = kept;
    }
}

/* The address fields of one mailbox; the domain is lower-cased ASCII. */
static bool keep_mailbox(struct parse *parse, InternetAddress *address,
                         struct ob_mail_address *result)
{
    struct ob_mail_address kept, *out = &kept;
    const char *name = internet_address_get_name(address);
    const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
    if (name == NULL)
        name = "";
    if (addr == NULL)
        addr = "";
    const char *at = strrchr(addr, '@');
    const char *domain = at != NULL ? at + 1 : "";
    out->display = keep_utf8(parse, name, strlen(name), OB_MAIL_HEADER_MAX);
    out->address = keep_utf8(parse, addr, strlen(addr), OB_MAIL_HEADER_MAX);
    out->domain = keep_utf8(parse, domain, strlen(domain), OB_MAIL_HEADER_MAX);
    if (out->display == NULL || out->address == NULL || out->domain == NULL)
        return false;
    for (char *c = (char *)out->domain; *c != '\0'; c++) /* our own arena copy */
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    *result = kept;
    return true;
}

static void empty_address(struct ob_mail_address *address)
{
    address->display = address->address = address->domain = "";
}

/* Collects up to `max` mailboxes of an address header (NULL: none), groups
 * flattened one level. When nothing parses, the decoded header text is kept
 * as the display name of one empty address, so checks still see it. */
static size_t read_addresses(struct parse *parse, const struct ob_mail_header *header,
                             struct ob_mail_address *out, size_t max)
{
    if (header == NULL || max == 0)
        return 0;
    size_t found = 0;
    InternetAddressList *list = internet_address_list_parse(parse->options, header->raw);
    int count = list != NULL ? internet_address_list_length(list) : 0;
    for (int i = 0; i < count && found < max; i++) {
        InternetAddress *address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
            if (!keep_mailbox(parse, address, &out[found]))
                break;
            found++;
        } else if (INTERNET_ADDRESS_IS_GROUP(address)) {
            InternetAddressList *members =
                internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address));
            int member_count = members != NULL ? internet_address_list_length(members) : 0;
            for (int j = 0; j < member_count && found < max; j++) {
                InternetAddress *member = internet_address_list_get_address(members, j);
                if (!INTERNET_ADDRESS_IS_MAILBOX(member))
                    continue;
                if (!keep_mailbox(parse, member, &out[found]))
                    break;
                found++;
            }
        }
    }
    if (list != NULL)
        g_object_unref(list);
    if (found == 0 && header->value[0] != '\0') {
        empty_address(&out[0]);
        out[0].display = header->value;
        found = 1;
    }
    return found;
}

static void read_envelope(struct parse *parse)
{
    struct ob_mail_message *message = parse->message;
    (void)read_addresses(parse, mail_header_find(message, "From"), &message->from, 1);
    (void)read_addresses(parse, mail_header_find(message, "Sender"), &message->sender, 1);
    (void)read_addresses(parse, mail_header_find(message, "Return-Path"), &message->return_path, 1);

    const struct ob_mail_header *reply_to = mail_header_find(message, "Reply-To");
    if (reply_to != NULL) {
        struct ob_mail_address *addresses = calloc(REPLY_TO_MAX, sizeof(*addresses));
        if (addresses == NULL) {
            parse->status = OB_ERR_NOMEM;
            return;
        }
        message->reply_to = addresses;
        message->reply_to_count = read_addresses(parse, reply_to, addresses, REPLY_TO_MAX);
    }

    const struct ob_mail_header *subject = mail_header_find(message, "Subject");
    if (subject != NULL)
        message->subject = subject->value;
    const struct ob_mail_header *id = mail_header_find(message, "Message-ID");
    if (id != NULL) {
        char *bare = g_mime_utils_decode_message_id(id->raw);
        if (bare != NULL && bare[0] != '\0') {
            const char *kept = keep_utf8(parse, bare, strlen(bare), OB_MAIL_HEADER_MAX);
            if (kept != NULL)
                message->message_id = kept;
        } else {
            message->message_id = id->value;
        }
        g_free(bare);
    }
    /* The Date header, for the report's timeline: kept only when GMime
     * reads it and it falls after 1980 and within a day of now. */
    const struct ob_mail_header *date = mail_header_find(message, "Date");
    GDateTime *when = date != NULL ? g_mime_utils_header_decode_date(date->raw) : NULL;
    if (when != NULL) {
        gint64 seconds = g_date_time_to_unix(when);
        if (seconds >= 315532800 && seconds <= (gint64)time(NULL) + 86400)
            message->date = seconds;
        g_date_time_unref(when);
    }
}

/* Reads the decoded content of a leaf part, at most `cap` bytes, into a
 * malloc'd buffer. Sets *cut when there was more. */
static enum ob_status read_content(GMimePart *part, size_t cap, char **out, size_t *length,
                                   bool *cut)
{
    enum ob_status status = OB_OK;
    GMimeStream *filtered = NULL;
    char *bytes = NULL;
    size_t used = 0, capacity = 0;
    *out = NULL;
    *length = 0;
    *cut = false;

    GMimeDataWrapper *content = g_mime_part_get_content(part);
    GMimeStream *stream = content != NULL ? g_mime_data_wrapper_get_stream(content) : NULL;
    if (stream == NULL)
        goto out;
    if (g_mime_stream_reset(stream) == -1)
        goto out;
    filtered = g_mime_stream_filter_new(stream);
    GMimeContentEncoding encoding = g_mime_data_wrapper_get_encoding(content);
    if (encoding == GMIME_CONTENT_ENCODING_BASE64 ||
        encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
        encoding == GMIME_CONTENT_ENCODING_UUENCODE) {
        GMimeFilter *decoder = g_mime_filter_basic_new(encoding, FALSE);
        g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered), decoder);
        g_object_unref(decoder);
    }
    for (;;) {
        if (used == capacity) {
            if (capacity == cap) {
                /* Full: one more byte tells whether anything was cut. */
                char probe;
                *cut = g_mime_stream_read(filtered, &probe, 1) > 0;
                break;
            }
            status = core_array_grow((void **)&bytes, &capacity, used + 1, 1, READ_CHUNK, cap);
            if (status != OB_OK)
                goto out;
        }
        ssize_t got = g_mime_stream_read(filtered, bytes + used, capacity - used);
        if (got <= 0)
            break;
        used += (size_t)got;
    }
    *out = bytes;
    *length = used;
    bytes = NULL;
out:
    if (filtered != NULL)
        g_object_unref(filtered);
    free(bytes);
    return status;
}

static bool is_charset(const char *charset, const char *const *names)
{
    for (; *names != NULL; names++)
        if (g_ascii_strcasecmp(charset, *names) == 0)
            return true;
    return false;
}

/* Converts `in` from `charset` to UTF-8 with iconv through GMime (which
 * knows the aliases mail uses), at most `cap` bytes, into a malloc'd
 * *result. Bytes that are not valid in the charset become U+FFFD. *result
 * stays NULL when the charset is unknown. Errors: OB_ERR_NOMEM. */
static enum ob_status convert(const char *charset, const char *in, size_t length, size_t cap,
                              char **result, size_t *out_length, bool *cut)
{
    *result = NULL;
    iconv_t cd = g_mime_iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return OB_OK;
    size_t out_cap = length <= cap / 4 ? length * 4 + 16 : cap;
    if (out_cap > cap)
        out_cap = cap;
    char *out = malloc(out_cap + 1);
    if (out == NULL) {
        g_mime_iconv_close(cd);
        return OB_ERR_NOMEM;
    }
    char *in_at = (char *)in; /* iconv's prototype; the input is not written */
    size_t in_left = length;
    char *out_at = out;
    size_t out_left = out_cap;
    while (in_left > 0) {
        if (iconv(cd, &in_at, &in_left, &out_at, &out_left) != (size_t)-1)
            break;
        if (errno == E2BIG) {
            *cut = true;
            break;
        }
        /* EILSEQ or EINVAL (a character cut at the end): mark it, skip a byte. */
        if (out_left < 3) {
            *cut = true;
            break;
        }
        memcpy(out_at, "\xef\xbf\xbd", 3);
        out_at += 3;
        out_left -= 3;
        in_at++;
        in_left--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv(cd, NULL, NULL, &out_at, &out_left); /* shift back stateful charsets */
    g_mime_iconv_close(cd);
    *out_length = (size_t)(out_at - out);
    *result = out;
    return OB_OK;
}

/* Decodes a text/plain or text/html part into a body of the message. */
static void read_body(struct parse *parse, GMimePart *part, bool html)
{
    struct ob_mail_message *message = parse->message;
    char *raw = NULL, *converted = NULL, *clean = NULL;
    size_t raw_length = 0;
    bool cut = false;

    if (parse->text_bytes >= TEXT_BYTES_MAX) {
        mail_message_notice(message,
                            P_("message text is longer than %zu byte; the rest was not examined",
                               "message text is longer than %zu bytes; the rest was not examined",
                               TEXT_BYTES_MAX),
                            TEXT_BYTES_MAX);
        return;
    }
    size_t cap = OB_MAIL_TEXT_MAX;
    if (cap > TEXT_BYTES_MAX - parse->text_bytes)
        cap = TEXT_BYTES_MAX - parse->text_bytes;
    enum ob_status status = read_content(part, cap, &raw, &raw_length, &cut);
    if (status != OB_OK) {
        parse->status = status;
        goto out;
    }
    if (raw_length == 0)
        goto out;

    static const char *const utf8_names[] = {"utf-8", "utf8", NULL};
    static const char *const ascii_names[] = {"us-ascii", "ascii", "ansi_x3.4-1968", NULL};
    const char *charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
    const char *from = NULL;
    if (charset == NULL || charset[0] == '\0' || is_charset(charset, ascii_names)) {
        if (!is_utf8((const unsigned char *)raw, raw_length))
            from = FALLBACK_CHARSET;
    } else if (!is_charset(charset, utf8_names)) {
        from = charset;
    }
    const char *text = raw;
    size_t text_length = raw_length;
    if (from != NULL) {
        status = convert(from, raw, raw_length, cap, &converted, &text_length, &cut);
        if (status == OB_OK && converted == NULL) {
            mail_message_notice(message, _("a text part has the unknown charset \"%.*s\""),
                                NAME_SHOWN_MAX, charset);
            if (!is_utf8((const unsigned char *)raw, raw_length))
                status = convert(FALLBACK_CHARSET, raw, raw_length, cap, &converted, &text_length,
                                 &cut);
        }
        if (status != OB_OK) {
            parse->status = status;
            goto out;
        }
        if (converted != NULL)
            text = converted;
        else
            text_length = raw_length;
    }
    size_t clean_cap = text_length <= cap / 3 ? text_length * 3 : cap;
    clean = malloc(clean_cap + 1);
    if (clean == NULL) {
        parse->status = OB_ERR_NOMEM;
        goto out;
    }
    size_t clean_length = utf8_clean((const unsigned char *)text, text_length, clean, clean_cap,
                                     &cut);
    if (cut)
        mail_message_notice(message,
                            P_("a text part is longer than %zu byte; only its start was examined",
                               "a text part is longer than %zu bytes; only its start was examined",
                               cap),
                            cap);
    bool blank = true;
    for (size_t i = 0; i < clean_length && blank; i++)
        blank = clean[i] == ' ' || clean[i] == '\t' || clean[i] == '\r' || clean[i] == '\n';
    if (blank)
        goto out;
    struct ob_mail_body body = {.html = html, .length = clean_length};
    body.text = keep(parse, clean, clean_length);
    if (body.text == NULL)
        goto out;
    if (!grow((void **)&message->bodies, message->body_count, sizeof(body))) {
        parse->status = OB_ERR_NOMEM;
        goto out;
    }
    message->bodies[message->body_count++] = body;
    parse->text_bytes += clean_length;
out:
    free(raw);
    free(converted);
    free(clean);
}

static void read_attachment(struct parse *parse, GMimePart *part)
{
    struct ob_mail_message *message = parse->message;
    char *data = NULL;
    size_t length = 0;
    bool cut = false;

    if (message->attachment_count >= OB_MAIL_ATTACHMENTS_MAX) {
        mail_message_notice(message,
                            P_("message has more than %d attachment; the rest were not examined",
                               "message has more than %d attachments; the rest were not examined",
                               OB_MAIL_ATTACHMENTS_MAX),
                            OB_MAIL_ATTACHMENTS_MAX);
        return;
    }
    enum ob_status status = read_content(part, ATTACHMENT_BYTES_MAX - parse->attachment_bytes,
                                         &data, &length, &cut);
    if (status != OB_OK) {
        parse->status = status;
        return;
    }
    if (cut)
        mail_message_notice(message,
                            P_("attachments are larger than %zu byte in all; the rest were cut",
                               "attachments are larger than %zu bytes in all; the rest were cut",
                               ATTACHMENT_BYTES_MAX),
                            ATTACHMENT_BYTES_MAX);

    struct ob_mail_attachment attachment = {.size = length};
    const char *filename = g_mime_part_get_filename(part);
    attachment.filename =
        filename != NULL ? keep_utf8(parse, filename, strlen(filename), OB_MAIL_HEADER_MAX) : "";
    GMimeContentType *type = g_mime_object_get_content_type(GMIME_OBJECT(part));
    char *mime_type = type != NULL ? g_mime_content_type_get_mime_type(type) : NULL;
    const char *shown_type = mime_type != NULL ? mime_type : "application/octet-stream";
    attachment.content_type = keep_utf8(parse, shown_type, strlen(shown_type), 255);
    g_free(mime_type);
    if (attachment.content_type != NULL)
        for (char *c = (char *)attachment.content_type; *c != '\0'; c++) /* our arena copy */
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
    const char *disposition = g_mime_object_get_disposition(GMIME_OBJECT(part));
    attachment.inline_part = disposition != NULL && g_ascii_strcasecmp(disposition, "inline") == 0;
    attachment.data = (const unsigned char *)keep(parse, data != NULL ? data : "", length);
    free(data);
    if (attachment.filename == NULL || attachment.content_type == NULL || attachment.data == NULL)
        return;
    if (!grow((void **)&message->attachments, message->attachment_count, sizeof(attachment))) {
        parse->status = OB_ERR_NOMEM;
        return;
    }
    message->attachments[message->attachment_count++] = attachment;
    parse->attachment_bytes += length;
}

static void read_leaf(struct parse *parse, GMimePart *part)
{
    GMimeObject *object = GMIME_OBJECT(part);
    GMimeContentType *type = g_mime_object_get_content_type(object);
    bool plain = type != NULL && g_mime_content_type_is_type(type, "text", "plain");
    bool html = type != NULL && g_mime_content_type_is_type(type, "text", "html");
    GMimeContentDisposition *disposition = g_mime_object_get_content_disposition(object);
    bool attached = disposition != NULL && g_mime_content_disposition_is_attachment(disposition);
    if ((plain || html) && !attached && g_mime_part_get_filename(part) == NULL)
        read_body(parse, part, html);
    else
        read_attachment(parse, part);
}

/* A multipart whose declared boundary never occurs (an unclosed quote in
 * boundary="…, a common way to hide a body from filters) holds all its
 * text in the prologue, while mail clients still show its parts. Re-reads
 * that text with the first "--" line in it as the boundary. Returns the
 * new multipart (owned by parse) or NULL. */
static GMimeObject *recover_multipart(struct parse *parse, GMimeMultipart *multipart)
{
    const char *prologue = g_mime_multipart_get_prologue(multipart);
    if (prologue == NULL || parse->recovery_count >= RECOVERIES_MAX)
        return NULL;
    const char *line = prologue;
    size_t length = 0;
    while (line != NULL && line[0] != '\0') {
        const char *newline = strchr(line, '\n');
        length = newline != NULL ? (size_t)(newline - line) : strlen(line);
        while (length > 0 &&
               (line[length - 1] == '\r' || line[length - 1] == ' ' || line[length - 1] == '\t'))
            length--;
        if (length > 2 && length <= 202 && line[0] == '-' && line[1] == '-')
            break;
        line = newline != NULL ? newline + 1 : NULL;
        length = 0;
    }
    if (length == 0)
        return NULL;
    const char *subtype = g_mime_content_type_get_media_subtype(
        g_mime_object_get_content_type(GMIME_OBJECT(multipart)));
    GString *text = g_string_new("Content-Type: multipart/");
    g_string_append(text, subtype != NULL && strchr(subtype, '\n') == NULL ? subtype : "mixed");
    g_string_append(text, "; boundary=\"");
    g_string_append_len(text, line + 2, (gssize)(length - 2));
    g_string_append(text, "\"\r\n\r\n");
    g_string_append(text, prologue);
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer(text->str, text->len);
    g_string_free(text, TRUE);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    GMimeObject *object = g_mime_parser_construct_part(parser, parse->options);
    g_object_unref(parser);
    g_object_unref(stream);
    if (object == NULL)
        return NULL;
    if (!GMIME_IS_MULTIPART(object) || g_mime_multipart_get_count(GMIME_MULTIPART(object)) == 0) {
        g_object_unref(object);
        return NULL;
    }
    parse->recovered[parse->recovery_count++] = object;
    mail_message_notice(parse->message, "%s",
                        _("a multipart part declares a boundary its text does not use; it was "
                          "read with the boundary found in it"));
    return object;
}

/* Walks the MIME tree in document order without recursion: a stack of
 * the multiparts being read, at most OB_MAIL_DEPTH_MAX deep, and at most
 * OB_MAIL_PARTS_MAX parts looked at. A message/rfc822 part counts as one
 * level, and its message's content is read like the outer one's. */
struct frame {
    GMimeMultipart *multipart;
    int next;
    size_t depth;
};

static InternetAddress *first_mailbox(InternetAddressList *list)
{
    InternetAddress *first = list != NULL && internet_address_list_length(list) > 0
                                 ? internet_address_list_get_address(list, 0)
                                 : NULL;
    return first != NULL && INTERNET_ADDRESS_IS_MAILBOX(first) ? first : NULL;
}

/* The first attached message (message/rfc822), a message forwarded "as
 * attachment": its sender and subject, where its replies and bounces go,
 * and all its headers, which its first recipient's server wrote. */
static void read_attached(struct parse *parse, GMimeMessage *inner)
{
    struct ob_mail_forwarded *forwarded = &parse->message->forwarded;
    InternetAddress *from = first_mailbox(g_mime_message_get_from(inner));
    if (from == NULL || !keep_mailbox(parse, from, &forwarded->from))
        return;
    InternetAddress *sender = first_mailbox(g_mime_message_get_sender(inner));
    if (sender == NULL || !keep_mailbox(parse, sender, &forwarded->sender))
        empty_address(&forwarded->sender);
    read_headers(parse, GMIME_OBJECT(inner), &forwarded->headers, &forwarded->header_count);
    const struct ob_mail_header *headers = forwarded->headers;
    size_t count = forwarded->header_count;
    if (read_addresses(parse, mail_headers_find(headers, count, "Reply-To"), &forwarded->reply_to,
                       1) == 0 ||
        forwarded->reply_to.address == NULL)
        empty_address(&forwarded->reply_to);
    if (read_addresses(parse, mail_headers_find(headers, count, "Return-Path"),
                       &forwarded->return_path, 1) == 0 ||
        forwarded->return_path.address == NULL)
        empty_address(&forwarded->return_path);
    const char *subject = g_mime_message_get_subject(inner);
    forwarded->subject = keep_utf8(parse, subject != NULL ? subject : "",
                                   subject != NULL ? strlen(subject) : 0, OB_MAIL_HEADER_MAX);
    if (forwarded->subject == NULL)
        forwarded->subject = "";
    forwarded->present = forwarded->attached = true;
}

/* Looks at one part; pushes it when it is a multipart. Returns false when
 * the walk must stop. */
static bool visit(struct parse *parse, GMimeObject *object, size_t depth, struct frame *stack,
                  size_t *top)
{
    while (object != NULL) {
        if (parse->status != OB_OK || parse->arena_full)
            return false;
        if (++parse->parts > OB_MAIL_PARTS_MAX) {
            mail_message_notice(parse->message,
                                P_("message has more than %d part; the rest were not examined",
                                   "message has more than %d parts; the rest were not examined",
                                   OB_MAIL_PARTS_MAX),
                                OB_MAIL_PARTS_MAX);
            return false;
        }
        if (GMIME_IS_MESSAGE_PART(object)) {
            GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
            /* The message a bounce (multipart/report) returns is one's own,
             * not a forward. */
            GMimeContentType *parent =
                *top > 0 ? g_mime_object_get_content_type(GMIME_OBJECT(stack[*top - 1].multipart))
                         : NULL;
            bool returned = parent != NULL &&
                            g_mime_content_type_is_type(parent, "multipart", "report");
            if (inner != NULL && !returned && !parse->message->forwarded.present)
                read_attached(parse, inner);
            object = inner != NULL ? g_mime_message_get_mime_part(inner) : NULL;
            depth++;
        } else if (GMIME_IS_MULTIPART(object)) {
            if (depth >= OB_MAIL_DEPTH_MAX) {
                mail_message_notice(parse->message,
                                    P_("message has parts nested more than %d deep; the deeper "
                                       "parts were not examined",
                                       "message has parts nested more than %d deep; the deeper "
                                       "parts were not examined",
                                       OB_MAIL_DEPTH_MAX),
                                    OB_MAIL_DEPTH_MAX);
                return true;
            }
            if (g_mime_multipart_get_count(GMIME_MULTIPART(object)) == 0) {
                GMimeObject *recovered = recover_multipart(parse, GMIME_MULTIPART(object));
                if (recovered != NULL) {
                    object = recovered;
                    continue;
                }
            }
            stack[(*top)++] = (struct frame){GMIME_MULTIPART(object), 0, depth};
            return true;
        } else {
            if (GMIME_IS_PART(object))
                read_leaf(parse, GMIME_PART(object));
            return true;
        }
        if (depth > OB_MAIL_DEPTH_MAX) {
            mail_message_notice(parse->message,
                                P_("message has parts nested more than %d deep; the deeper "
                                   "parts were not examined",
                                   "message has parts nested more than %d deep; the deeper "
                                   "parts were not examined",
                                   OB_MAIL_DEPTH_MAX),
                                OB_MAIL_DEPTH_MAX);
            return true;
        }
    }
    return true;
}

static void walk(struct parse *parse, GMimeObject *root)
{
    /* A frame is pushed only below OB_MAIL_DEPTH_MAX, and each frame is one
     * level deeper than the one under it. */
    struct frame stack[OB_MAIL_DEPTH_MAX + 1];
    size_t top = 0;
    if (!visit(parse, root, 0, stack, &top))
        return;
    while (top > 0) {
        struct frame *frame = &stack[top - 1];
        if (frame->next >= g_mime_multipart_get_count(frame->multipart)) {
            top--;
            continue;
        }
        GMimeObject *child = g_mime_multipart_get_part(frame->multipart, frame->next++);
        if (!visit(parse, child, frame->depth + 1, stack, &top))
            return;
    }
}

/* Input GMime could not read as a message: kept as one plain-text body so
 * the links and words in it are still examined. */
static void read_as_text(struct parse *parse, const char *data, size_t length)
{
    struct ob_mail_message *message = parse->message;
    if (length == 0) {
        mail_message_notice(message, "%s", _("the input is empty"));
        return;
    }
    mail_message_notice(message, "%s", _("no mail headers were found; the input was read as text"));
    size_t cap = length < OB_MAIL_TEXT_MAX ? length : OB_MAIL_TEXT_MAX;
    const char *text = NULL;
    char *converted = NULL;
    size_t text_length = length;
    bool cut = false;
    if (!is_utf8((const unsigned char *)data, cap)) {
        parse->status = convert(FALLBACK_CHARSET, data, cap, cap, &converted, &text_length, &cut);
        if (parse->status != OB_OK)
            return;
    }
    text = keep_utf8(parse, converted != NULL ? converted : data,
                     converted != NULL ? text_length : length, cap);
    free(converted);
    if (text == NULL || text[0] == '\0')
        return;
    struct ob_mail_body body = {.html = false, .text = text, .length = strlen(text)};
    if (!grow((void **)&message->bodies, message->body_count, sizeof(body))) {
        parse->status = OB_ERR_NOMEM;
        return;
    }
    message->bodies[message->body_count++] = body;
}

enum ob_status mail_message_parse(const char *source, const char *data, size_t length,
                                  struct ob_mail_message *out)
{
    GMimeStream *stream = NULL;
    GMimeParser *parser = NULL;
    GMimeMessage *parsed = NULL;
    struct parse parse = {.message = out, .status = OB_OK};

    memset(out, 0, sizeof(*out));
    core_arena_init(&out->text, ARENA_CAP);
    out->subject = out->message_id = "";
    empty_address(&out->from);
    empty_address(&out->sender);
    empty_address(&out->return_path);
    empty_address(&out->forwarded.from);
    empty_address(&out->forwarded.sender);
    out->forwarded.subject = "";
    if (data == NULL)
        length = 0;
    out->source = keep(&parse, source != NULL ? source : "", source != NULL ? strlen(source) : 0);
    if (out->source == NULL)
        goto out;
    /* Pasted headers often come after blank lines or indented; white space
     * before the first header means nothing in a message. */
    while (length > 0 && (data[0] == '\n' || data[0] == '\r' || data[0] == ' ' || data[0] == '\t'))
        data++, length--;
    if (length > OB_MAIL_MESSAGE_MAX) {
        length = OB_MAIL_MESSAGE_MAX;
        mail_message_notice(out,
                            P_("message is larger than %zu byte; only its start was read",
                               "message is larger than %zu bytes; only its start was read",
                               OB_MAIL_MESSAGE_MAX),
                            OB_MAIL_MESSAGE_MAX);
    }

    pthread_once(&gmime_once, gmime_start);
    parse.options = g_mime_parser_options_new();
    const char *fallback[] = {"UTF-8", FALLBACK_CHARSET, NULL};
    g_mime_parser_options_set_fallback_charsets(parse.options, fallback);
    g_mime_parser_options_set_rfc2047_compliance_mode(parse.options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_address_compliance_mode(parse.options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_parameter_compliance_mode(parse.options, GMIME_RFC_COMPLIANCE_LOOSE);
    g_mime_parser_options_set_allow_addresses_without_domain(parse.options, TRUE);
    g_mime_parser_options_set_warning_callback(parse.options, on_warning, &parse);

    if (length > 0) {
        struct ob_mime_budget budget;
        parse.status = mail_mime_budget_apply(data, length, FIELD_MAX, &budget);
        if (parse.status != OB_OK)
            goto out;
        if (budget.cut_boundaries)
            mail_message_notice(out,
                                P_("message has more than %d MIME boundary; the rest was not read",
                                   "message has more than %d MIME boundaries; the rest was not "
                                   "read",
                                   OB_MIME_BOUNDARY_LINES_MAX),
                                OB_MIME_BOUNDARY_LINES_MAX);
        if (budget.cut_header_lines)
            mail_message_notice(out,
                                P_("message has more than %d header line; the rest was not read",
                                   "message has more than %d header lines; the rest was not read",
                                   OB_MIME_HEADER_LINES_MAX),
                                OB_MIME_HEADER_LINES_MAX);
        if (budget.shortened_field)
            mail_message_notice(out,
                                P_("a header is longer than %zu byte; only its start was read",
                                   "a header is longer than %zu bytes; only its start was read",
                                   OB_MAIL_HEADER_MAX),
                                OB_MAIL_HEADER_MAX);
        if (budget.dropped_structured)
            mail_message_notice(out,
                                P_("address or Content- headers are longer than %zu byte in "
                                   "all; the rest were not read",
                                   "address or Content- headers are longer than %zu bytes in "
                                   "all; the rest were not read",
                                   OB_MIME_STRUCTURED_MAX),
                                OB_MIME_STRUCTURED_MAX);
        /* The stream keeps its own copy of the bytes. */
        stream = g_mime_stream_mem_new_with_buffer(budget.data, budget.length);
        free(budget.copy);
        parser = g_mime_parser_new_with_stream(stream);
        g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
        parsed = g_mime_parser_construct_message(parser, parse.options);
    }
    if (parsed == NULL || g_mime_object_get_header_list(GMIME_OBJECT(parsed)) == NULL ||
        g_mime_header_list_get_count(g_mime_object_get_header_list(GMIME_OBJECT(parsed))) == 0) {
        read_as_text(&parse, data, length);
    } else {
        read_headers(&parse, GMIME_OBJECT(parsed), &out->headers, &out->header_count);
        if (parse.status == OB_OK)
            read_envelope(&parse);
        if (parse.status == OB_OK)
            walk(&parse, g_mime_message_get_mime_part(parsed));
        out->headers_only = out->body_count == 0 && out->attachment_count == 0;
        if (parse.truncated && !out->headers_only)
            mail_message_notice(out, "%s", _("the message ends in the middle of a part"));
    }
    for (size_t i = 0; i < out->body_count && parse.status == OB_OK; i++)
        parse.status = mail_find_links(out, &out->bodies[i]);
    if (parse.status == OB_OK)
        mail_find_forwarded(out);

out:
    if (parsed != NULL)
        g_object_unref(parsed);
    if (parser != NULL)
        g_object_unref(parser);
    if (stream != NULL)
        g_object_unref(stream);
    for (size_t i = 0; i < parse.recovery_count; i++)
        g_object_unref(parse.recovered[i]);
    if (parse.options != NULL)
        g_mime_parser_options_free(parse.options);
    if (parse.status != OB_OK)
        mail_message_release(out);
    return parse.status;
}
