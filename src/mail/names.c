/* SPDX-License-Identifier: Apache-2.0 */
/* Brand and organisation names found in display names in any script:
 * case folding, NFKC, confusable skeletons, and Cyrillic inflection. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "core/icu_adapter.h"
#include "core/text.h"
#include "mail/mail_internal.h"

#define INFLECTION_LETTERS_MAX 3 /* letters an inflected Cyrillic word may add */
#define INFLECTED_WORD_MIN 5     /* letters of a word before its forms count */

static bool is_ascii(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)text[i] >= 0x80)
            return false;
    return true;
}

void mail_text_fold(const char *text, char *out, size_t size)
{
    size_t length = strlen(text), folded;
    if (size == 0)
        return;
    if (is_ascii(text, length) || core_text_fold_case(text, length, out, size, &folded) != OB_OK) {
        /* ASCII needs no ICU; text ICU refuses is compared as it is. */
        size_t used = length < size - 1 ? length : size - 1;
        for (size_t i = 0; i < used; i++)
            out[i] = (char)tolower((unsigned char)text[i]);
        out[used] = '\0';
    }
}

/* The skeleton of a name after NFKC and case folding: "Ｕｋｒｐоshta"
 * (full-width, and a Cyrillic 'о') has that of "ukrposhta". */
static void skeleton_of(const char *name, char *out, size_t size)
{
    char normalised[OB_MAIL_NAME_MAX];
    if (core_text_nfkc_fold(name, strlen(name), normalised, sizeof(normalised)) != OB_OK ||
        core_confusable_skeleton(normalised, strlen(normalised), out, size) != OB_OK)
        out[0] = '\0';
}

void mail_name_prepare(const char *display, struct mail_name *out)
{
    out->skeleton[0] = '\0';
    mail_text_fold(display, out->folded, sizeof(out->folded));
    if (!is_ascii(display, strlen(display)))
        skeleton_of(display, out->skeleton, sizeof(out->skeleton));
}

void mail_name_skeleton(const char *name, char *out, size_t size)
{
    skeleton_of(name, out, size);
}

/* Letters and digits of the alphabets names are written in: Latin with
 * its accents, Greek, Cyrillic and the scripts up to U+1FFF, CJK and
 * Hangul, full-width forms. Punctuation, symbols, spaces and emoji
 * ("📦DHL", "McAfee™") end a word. */
static bool is_letter(uint32_t c)
{
    if (c < 0x80)
        return isalnum((int)c) != 0;
    return (c >= 0xC0 && c <= 0x1FFF && c != 0xD7 && c != 0xF7) || (c >= 0x3040 && c <= 0xD7FF) ||
           (c >= 0xF900 && c <= 0xFDFF) || (c >= 0xFF10 && c <= 0xFF19) ||
           (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

/* The code point that starts at `at` (U+FFFD for a broken one), and its
 * length; 0 at the end of the text. */
static size_t next_code_point(const char *at, uint32_t *c)
{
    if (*at == '\0')
        return 0;
    size_t n = core_utf8_decode((const unsigned char *)at, strnlen(at, 4), c);
    if (n == 0) {
        *c = 0xFFFD;
        n = 1;
    }
    return n;
}

/* True when the character just before `at` (in `text`) is a letter. */
static bool letter_before(const char *text, const char *at)
{
    if (at == text)
        return false;
    const char *start = at - 1;
    while (start > text && at - start < 4 && ((unsigned char)*start & 0xC0) == 0x80)
        start--;
    uint32_t c;
    return next_code_point(start, &c) > 0 && is_letter(c);
}

static size_t letter_count(const char *text)
{
    size_t count = 0;
    for (; *text; text++)
        count += ((unsigned char)*text & 0xC0) != 0x80;
    return count;
}

/* A Cyrillic word's stem, without its last letter when that letter is an
 * ending (a vowel, soft sign or й): "укрпошт" of "укрпошта". Returns its
 * length in bytes, or 0 when the word does not inflect this way. */
static size_t cyrillic_stem(const char *word)
{
    size_t length = strlen(word);
    if (length < 2 || letter_count(word) < INFLECTED_WORD_MIN)
        return 0;
    uint32_t c;
    const char *last = word + length - 2;
    if (next_code_point(last, &c) != 2)
        return 0;
    static const uint32_t endings[] = {0x430, 0x44F, 0x43E, 0x435, 0x454, 0x456, 0x438,
                                       0x457, 0x44C, 0x439, 0x443, 0x44E, 0x44B};
    for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++)
        if (c == endings[i])
            return length - 2;
    return 0;
}

/* `word` in `text` as a whole word; with `stem` > 0, its first `stem`
 * bytes followed by one to a few Cyrillic letters are a form of it. */
static bool find_word(const char *text, const char *word, size_t stem)
{
    size_t length = strlen(word), text_length = strlen(text);
    size_t prefix = stem > 0 ? stem : length;
    if (length == 0)
        return false;
    for (const char *at = text;
         (at = memmem(at, text_length - (size_t)(at - text), word, prefix)) != NULL; at++) {
        if (letter_before(text, at))
            continue;
        uint32_t c;
        if (strncmp(at, word, length) == 0 &&
            (next_code_point(at + length, &c) == 0 || !is_letter(c)))
            return true;
        if (stem == 0)
            continue;
        const char *end = at + prefix;
        size_t added = 0, n;
        while ((n = next_code_point(end, &c)) > 0 && c >= 0x400 && c <= 0x4FF &&
               added <= INFLECTION_LETTERS_MAX) {
            end += n;
            added++;
        }
        if (added >= 1 && added <= INFLECTION_LETTERS_MAX && (n == 0 || !is_letter(c)))
            return true;
    }
    return false;
}

bool mail_name_has_word(const struct mail_name *name, const char *folded_word,
                        const char *skeleton_word)
{
    if (find_word(name->folded, folded_word, cyrillic_stem(folded_word)))
        return true;
    return name->skeleton[0] != '\0' && skeleton_word != NULL && skeleton_word[0] != '\0' &&
           find_word(name->skeleton, skeleton_word, 0);
}

const struct ob_mail_brand *mail_name_brand(const struct ob_mail_data *data,
                                            const struct mail_name *name)
{
    if (name->folded[0] == '\0')
        return NULL;
    for (size_t b = 0; b < data->brand_count; b++) {
        const struct ob_mail_brand *brand = &data->brands[b];
        for (size_t n = 0; n < brand->name_count; n++)
            if (letter_count(brand->folded_names[n]) >= 3 &&
                mail_name_has_word(name, brand->folded_names[n], brand->name_skeletons[n]))
                return brand;
    }
    return NULL;
}
