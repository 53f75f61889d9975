/* SPDX-License-Identifier: Apache-2.0 */
/* Archive member names as UTF-8: guesses the DOS code page of a zip name
 * written without the UTF-8 flag and decodes it with iconv, and finds a
 * zip name libarchive dropped in its local header. */
#include "scan/archive_names.h"

#include <iconv.h>
#include <string.h>

#include "core/text.h"

const char *scan_archive_name_charset(const char *name, size_t length)
{
    if (core_utf8_valid(name, length))
        return "UTF-8";
    for (size_t i = 0; i < length; i++) {
        unsigned char byte = (unsigned char)name[i];
        if (byte >= 0xF6 && byte <= 0xF9)
            return "CP1125";
    }
    return "CP866";
}

/* Decodes `name` from `charset` onto the end of `out`. Returns false, with
 * `out` as it was, when iconv cannot (an unknown charset, a byte the
 * code page leaves undefined); *status is set when `out` could not grow. */
static bool decode(struct ob_buffer *out, const char *charset, const char *name, size_t length,
                   enum ob_status *status)
{
    iconv_t converter = iconv_open("UTF-8", charset);
    if (converter == (iconv_t)-1)
        return false;
    bool decoded = false;
    /* Every character of a DOS code page is in the BMP: 3 bytes at most. */
    *status = length <= ((size_t)-1 - 1) / 3 ? core_buffer_reserve(out, length * 3) : OB_ERR_LIMIT;
    if (*status == OB_OK) {
        char *in = (char *)name; /* iconv's prototype; the input is not written */
        size_t in_left = length;
        char *at = (char *)out->data + out->length;
        size_t room = length * 3;
        if (iconv(converter, &in, &in_left, &at, &room) != (size_t)-1 && in_left == 0) {
            out->length = (size_t)((unsigned char *)at - out->data);
            out->data[out->length] = '\0';
            decoded = true;
        }
    }
    iconv_close(converter);
    return decoded;
}

enum ob_status scan_archive_name_append(struct ob_buffer *out, const char *name, size_t length,
                                        bool dos_code_page)
{
    enum ob_status status = OB_OK;
    if (dos_code_page && !core_utf8_valid(name, length) &&
        decode(out, scan_archive_name_charset(name, length), name, length, &status))
        return OB_OK;
    if (status != OB_OK)
        return status;
    return core_buffer_append(out, name, length);
}

static unsigned little16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

bool scan_archive_zip_local_name(const unsigned char *zip, size_t length, uint64_t data_start,
                                 const char **name, size_t *name_length, bool *utf8_flag)
{
    enum { FIXED = 30, MOST = FIXED + 2 * 0xFFFF };
    if (data_start > length)
        return false;
    size_t end = (size_t)data_start;
    /* The header is 30 bytes, then a name and an extra field of up to
     * 64 KiB each: the one whose two lengths reach exactly to `end`. */
    for (size_t size = FIXED; size <= MOST && size <= end; size++) {
        const unsigned char *header = zip + end - size;
        if (memcmp(header, "PK\x03\x04", 4) != 0)
            continue;
        size_t name_size = little16(header + 26), extra_size = little16(header + 28);
        if (FIXED + name_size + extra_size != size)
            continue;
        *name = (const char *)header + FIXED;
        *name_length = name_size;
        *utf8_flag = (little16(header + 6) & 0x0800) != 0;
        return true;
    }
    return false;
}
