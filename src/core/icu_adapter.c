/* SPDX-License-Identifier: Apache-2.0 */
/* ICU calls for oberig: UTS #46 domain name conversion, UTS #39
 * confusable skeletons and mixed-script checks, case folding and NFKC. */
#include "core/i18n.h"
#include "core/icu_adapter.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <pthread.h>
#include <unicode/ucasemap.h>
#include <unicode/uidna.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>
#include <stdio.h>
#include <string.h>

/* The UTS #46 converter is immutable once opened and ICU documents it as
 * safe to share between threads, so it is opened once per process. */
static UIDNA *shared_idna;
static pthread_once_t idna_once = PTHREAD_ONCE_INIT;

static void open_idna(void)
{
    UErrorCode error = U_ZERO_ERROR;
    UIDNA *idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE,
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
    int32_t written = to_ascii ? uidna_nameToASCII_UTF8(shared_idna, name, (int32_t)length, out,
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

enum ob_status core_idna_to_ascii(const char *name, size_t length, char *out, size_t size)
{
    return convert(name, length, out, size, true);
}

enum ob_status core_idna_to_unicode(const char *name, size_t length, char *out, size_t size)
{
    return convert(name, length, out, size, false);
}

/* One spoof checker, configured once and then only used through const
 * calls, which ICU documents as thread-safe. */
static USpoofChecker *shared_spoof;
static pthread_once_t spoof_once = PTHREAD_ONCE_INIT;

static void open_spoof(void)
{
    UErrorCode error = U_ZERO_ERROR;
    USpoofChecker *checker = uspoof_open(&error);
    if (U_FAILURE(error))
        return;
    uspoof_setChecks(checker, USPOOF_RESTRICTION_LEVEL, &error);
    uspoof_setRestrictionLevel(checker, USPOOF_HIGHLY_RESTRICTIVE);
    if (U_FAILURE(error)) {
        uspoof_close(checker);
        return;
    }
    shared_spoof = checker;
}

enum ob_status core_confusable_skeleton(const char *text, size_t length, char *out, size_t size)
{
    pthread_once(&spoof_once, open_spoof);
    if (shared_spoof == NULL)
        return OB_ERR_INTERNAL;
    if (length > INT32_MAX || size > INT32_MAX || size == 0)
        return OB_ERR_LIMIT;
    UErrorCode error = U_ZERO_ERROR;
    int32_t written = uspoof_getSkeletonUTF8(shared_spoof, 0, text, (int32_t)length, out,
                                             (int32_t)size, &error);
    if (error == U_BUFFER_OVERFLOW_ERROR || error == U_STRING_NOT_TERMINATED_WARNING ||
        written < 0 || (size_t)written >= size)
        return OB_ERR_LIMIT;
    if (U_FAILURE(error))
        return OB_ERR_PARSE;
    out[written] = '\0';
    return OB_OK;
}

/* A script's name in the language of messages: those a lookalike mixes in
 * most often by name, any other as ICU calls it. */
static const char *script_name(UScriptCode script)
{
    switch (script) {
    case USCRIPT_LATIN: return C_("writing system", "Latin");
    case USCRIPT_CYRILLIC: return C_("writing system", "Cyrillic");
    case USCRIPT_GREEK: return C_("writing system", "Greek");
    case USCRIPT_ARMENIAN: return C_("writing system", "Armenian");
    case USCRIPT_GEORGIAN: return C_("writing system", "Georgian");
    case USCRIPT_HEBREW: return C_("writing system", "Hebrew");
    case USCRIPT_ARABIC: return C_("writing system", "Arabic");
    case USCRIPT_CHEROKEE: return C_("writing system", "Cherokee");
    default: return uscript_getName(script);
    }
}

bool core_text_mixes_scripts(const char *text, size_t length, char *scripts, size_t size)
{
    pthread_once(&spoof_once, open_spoof);
    if (scripts != NULL && size > 0)
        scripts[0] = '\0';
    if (shared_spoof == NULL || length > INT32_MAX)
        return false;
    UErrorCode error = U_ZERO_ERROR;
    int32_t result = uspoof_checkUTF8(shared_spoof, text, (int32_t)length, NULL, &error);
    if (U_FAILURE(error) || (result & USPOOF_RESTRICTION_LEVEL) == 0)
        return false;
    /* Name the scripts, Common and Inherited (digits, punctuation) aside. */
    UScriptCode seen[8];
    size_t count = 0, used = 0;
    for (int32_t i = 0; i < (int32_t)length && count < 8;) {
        UChar32 c;
        U8_NEXT(text, i, (int32_t)length, c);
        if (c < 0)
            continue;
        UErrorCode script_error = U_ZERO_ERROR;
        UScriptCode script = uscript_getScript(c, &script_error);
        if (U_FAILURE(script_error) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED)
            continue;
        bool known = false;
        for (size_t k = 0; k < count; k++)
            known |= seen[k] == script;
        if (known)
            continue;
        seen[count++] = script;
        if (scripts != NULL && used < size) {
            int n = snprintf(scripts + used, size - used, "%s%s", count > 1 ? "+" : "",
                             script_name(script));
            used += n > 0 ? (size_t)n : 0;
        }
    }
    return true;
}

/* One case map with the default folding options: used only through const
 * calls after it is opened, like the spoof checker. */
static UCaseMap *shared_case_map;
static pthread_once_t case_map_once = PTHREAD_ONCE_INIT;

static void open_case_map(void)
{
    UErrorCode error = U_ZERO_ERROR;
    UCaseMap *map = ucasemap_open("", U_FOLD_CASE_DEFAULT, &error);
    shared_case_map = U_FAILURE(error) ? NULL : map;
}

enum ob_status core_text_fold_case(const char *text, size_t length, char *out, size_t size,
                                   size_t *written)
{
    *written = 0;
    pthread_once(&case_map_once, open_case_map);
    if (shared_case_map == NULL)
        return OB_ERR_INTERNAL;
    if (length > INT32_MAX || size > INT32_MAX || size == 0)
        return OB_ERR_LIMIT;
    UErrorCode error = U_ZERO_ERROR;
    int32_t folded = ucasemap_utf8FoldCase(shared_case_map, out, (int32_t)size, text,
                                           (int32_t)length, &error);
    if (error == U_BUFFER_OVERFLOW_ERROR || error == U_STRING_NOT_TERMINATED_WARNING ||
        folded < 0 || (size_t)folded >= size)
        return OB_ERR_LIMIT;
    if (U_FAILURE(error))
        return OB_ERR_INTERNAL;
    out[folded] = '\0';
    *written = (size_t)folded;
    return OB_OK;
}

#define NFKC_FOLD_UNITS 4096 /* UTF-16 units of a text normalised at once */

enum ob_status core_text_nfkc_fold(const char *text, size_t length, char *out, size_t size)
{
    if (length > INT32_MAX || size > INT32_MAX || size == 0)
        return OB_ERR_LIMIT;
    UErrorCode error = U_ZERO_ERROR;
    const UNormalizer2 *normalizer = unorm2_getNFKCCasefoldInstance(&error);
    if (U_FAILURE(error))
        return OB_ERR_INTERNAL;
    UChar source[NFKC_FOLD_UNITS], normalised[NFKC_FOLD_UNITS];
    int32_t units = 0;
    u_strFromUTF8(source, NFKC_FOLD_UNITS, &units, text, (int32_t)length, &error);
    if (error == U_BUFFER_OVERFLOW_ERROR || error == U_STRING_NOT_TERMINATED_WARNING)
        return OB_ERR_LIMIT;
    if (U_FAILURE(error))
        return OB_ERR_PARSE;
    int32_t normalised_units = unorm2_normalize(normalizer, source, units, normalised,
                                                NFKC_FOLD_UNITS, &error);
    if (error == U_BUFFER_OVERFLOW_ERROR || error == U_STRING_NOT_TERMINATED_WARNING)
        return OB_ERR_LIMIT;
    if (U_FAILURE(error))
        return OB_ERR_INTERNAL;
    int32_t bytes = 0;
    u_strToUTF8(out, (int32_t)size, &bytes, normalised, normalised_units, &error);
    if (error == U_BUFFER_OVERFLOW_ERROR || error == U_STRING_NOT_TERMINATED_WARNING || bytes < 0 ||
        (size_t)bytes >= size)
        return OB_ERR_LIMIT;
    if (U_FAILURE(error))
        return OB_ERR_PARSE;
    out[bytes] = '\0';
    return OB_OK;
}
