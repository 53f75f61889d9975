/* SPDX-License-Identifier: Apache-2.0 */
/* ICU calls for oberig: UTS #46 domain name conversion. */
#include "core/icu_adapter.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <pthread.h>
#include <unicode/uidna.h>

/* The UTS #46 converter is immutable once opened and ICU documents it as
 * safe to share between threads, so it is opened once per process. */
static UIDNA *shared_idna;
static pthread_once_t idna_once = PTHREAD_ONCE_INIT;

static void open_idna(void)
{
    UErrorCode error = U_ZERO_ERROR;
    UIDNA *idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII |
                                      UIDNA_NONTRANSITIONAL_TO_UNICODE,
                                  &error);
    shared_idna = U_FAILURE(error) ? NULL : idna;
}

static enum ob_status convert(const char *name, size_t length, char *out, size_t size,
                              bool to_ascii)
{
    pthread_once(&idna_once, open_idna);
    if (shared_idna == NULL)
        return OB_ERR_INTERNAL;
    if (length > INT32_MAX || size > INT32_MAX || size == 0)
        return OB_ERR_LIMIT;
    UErrorCode error = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    int32_t written =
        to_ascii ? uidna_nameToASCII_UTF8(shared_idna, name, (int32_t)length, out,
                                          (int32_t)size, &info, &error)
                 : uidna_nameToUnicodeUTF8(shared_idna, name, (int32_t)length, out,
                                           (int32_t)size, &info, &error);
    if (error == U_BUFFER_OVERFLOW_ERROR || error == U_STRING_NOT_TERMINATED_WARNING ||
        written < 0 || (size_t)written >= size)
        return OB_ERR_LIMIT;
    if (U_FAILURE(error))
        return OB_ERR_PARSE;
    /* Hyphen rules (like "xn--" look-alikes or a leading '-') are reported
     * but tolerated: indicators name real, sometimes odd, host names. */
    uint32_t tolerated = UIDNA_ERROR_HYPHEN_3_4 | UIDNA_ERROR_LEADING_HYPHEN |
                         UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_EMPTY_LABEL;
    if ((info.errors & ~tolerated) != 0)
        return OB_ERR_PARSE;
    out[written] = '\0';
    return OB_OK;
}

enum ob_status ob_idna_to_ascii(const char *name, size_t length, char *out, size_t size)
{
    return convert(name, length, out, size, true);
}

enum ob_status ob_idna_to_unicode(const char *name, size_t length, char *out, size_t size)
{
    return convert(name, length, out, size, false);
}
