/* SPDX-License-Identifier: Apache-2.0 */
/* Hash IOC lists in signature-base format: parsing, sorting, de-duplication. */
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "indicators/ioc_internal.h"

static bool kind_from_digits(size_t digits, enum ob_hash_kind *kind)
{
    switch (digits) {
    case 32: *kind = OB_HASH_MD5; return true;
    case 40: *kind = OB_HASH_SHA1; return true;
    case 64: *kind = OB_HASH_SHA256; return true;
    default: return false;
    }
}

/* A second field is read as a score when it starts like a number; anything
 * else is part of the description (descriptions do contain ';'). */
static bool looks_numeric(const char *text, size_t length)
{
    indicators_trim(&text, &length);
    return length > 0 && ((text[0] >= '0' && text[0] <= '9') || text[0] == '-' || text[0] == '+');
}

/* Adds one hash to `list` with a reference whose strings the set owns. */
static enum ob_status append_hash(struct ob_indicators *set, struct ob_hash_list *list,
                                  enum ob_hash_kind kind, const unsigned char *digest,
                                  const struct ob_indicator_ref *ref)
{
    enum ob_status status = indicators_grow((void **)&list->entries, &list->capacity, list->count,
                                            sizeof(*list->entries));
    if (status != OB_OK)
        return status;
    struct ob_hash_entry *entry = &list->entries[list->count];
    memset(entry, 0, sizeof(*entry));
    memcpy(entry->digest, digest, indicators_digest_size(kind));
    entry->sequence = set->sequence++;
    entry->ref = *ref;
    list->count++;
    return OB_OK;
}

enum ob_status indicators_add_hash_entry(struct ob_indicators *set, enum ob_hash_kind kind,
                                         const unsigned char *digest,
                                         const struct ob_indicator_ref *ref)
{
    return append_hash(set, &set->hashes[kind], kind, digest, ref);
}

static enum ob_status keep_hash(void *user, const struct ob_ioc_entry *entry)
{
    struct ob_ioc_keep *keep = user;
    struct ob_indicators *set = keep->set;
    enum ob_hash_kind kind = entry->shown.hash_kind;
    struct ob_indicator_ref ref;
    enum ob_status status = indicators_keep_ref(keep, &entry->shown, &ref);
    if (status == OB_OK)
        status = append_hash(set,
                             keep->false_positive ? &set->false_positives[kind]
                                                  : &set->hashes[kind],
                             kind, entry->digest, &ref);
    return status;
}

/* Lines are "HASH;DESCRIPTION", "HASH;SCORE;DESCRIPTION" or a bare "HASH";
 * the hash is 32, 40 or 64 hex digits of any case. '#' lines are comments. */
enum ob_status indicators_read_hashes(struct ob_ioc_reader *reader, ob_ioc_entry_fn fn, void *user)
{
    struct ob_buffer description;
    core_buffer_init(&description, OB_IOC_LINE_CAP);
    enum ob_status status = OB_OK;
    const char *line;
    size_t size;
    while (status == OB_OK && indicators_reader_next(reader, &line, &size)) {
        if (line[0] == '#')
            continue;
        const char *end = line + size;
        const char *separator = memchr(line, ';', size);
        const char *hex = line;
        size_t digits = separator != NULL ? (size_t)(separator - line) : size;
        indicators_trim(&hex, &digits);
        enum ob_hash_kind kind;
        if (!kind_from_digits(digits, &kind)) {
            indicators_reader_malformed(reader,
                                        P_("hash of %zu character, expected 32, 40 or 64",
                                           "hash of %zu characters, expected 32, 40 or 64", digits),
                                        digits);
            continue;
        }
        unsigned char digest[OB_IOC_DIGEST_MAX];
        if (!core_hex_decode(hex, digits, digest)) {
            indicators_reader_malformed(reader, _("hash is not hexadecimal"));
            continue;
        }
        int score = OB_HASH_DEFAULT_SCORE;
        const char *text = separator != NULL ? separator + 1 : end;
        const char *second_end = memchr(text, ';', (size_t)(end - text));
        if (second_end != NULL && looks_numeric(text, (size_t)(second_end - text))) {
            if (!indicators_parse_score(text, (size_t)(second_end - text), &score)) {
                indicators_reader_malformed(reader,
                                            _("bad score, expected an integer from %d to %d"),
                                            OB_IOC_MIN_SCORE, OB_IOC_MAX_SCORE);
                continue;
            }
            text = second_end + 1;
        }
        size_t text_length = (size_t)(end - text);
        indicators_trim(&text, &text_length);
        core_buffer_reset(&description, OB_IOC_LINE_CAP);
        status = core_buffer_append(&description, text, text_length);
        char name[OB_IOC_DIGEST_MAX * 2 + 1];
        core_hex_encode(digest, digits / 2, name);
        struct ob_ioc_entry entry = {
            .shown = {.kind = OB_INDICATOR_HASH,
                      .hash_kind = kind,
                      .value = name,
                      .line = reader->line_number,
                      .description = core_buffer_str(&description),
                      .score = score},
            .digest = digest,
        };
        if (status == OB_OK)
            status = fn(user, &entry);
    }
    core_buffer_release(&description);
    return status;
}

enum ob_status ob_indicators_parse_hashes(struct ob_indicators *set, struct ob_context *ctx,
                                          const char *source, const char *text, size_t length,
                                          bool false_positive)
{
    struct ob_ioc_keep keep = {.set = set, .source = source, .false_positive = false_positive};
    return indicators_parse_list(&keep, ctx, text, length, indicators_read_hashes, keep_hash);
}

/* Orders by digest, then the entry that wins among duplicates first: the
 * highest score, then the one loaded first. */
static int compare_entries(const void *a, const void *b)
{
    const struct ob_hash_entry *left = a, *right = b;
    int order = memcmp(left->digest, right->digest, OB_IOC_DIGEST_MAX);
    if (order != 0)
        return order;
    if (left->ref.score != right->ref.score)
        return left->ref.score > right->ref.score ? -1 : 1;
    return left->sequence < right->sequence ? -1 : left->sequence > right->sequence;
}

static void sort_list(struct ob_hash_list *list)
{
    if (list->count < 2)
        return;
    qsort(list->entries, list->count, sizeof(*list->entries), compare_entries);
    size_t kept = 1;
    for (size_t i = 1; i < list->count; i++) {
        if (memcmp(list->entries[i].digest, list->entries[kept - 1].digest, OB_IOC_DIGEST_MAX) == 0)
            continue;
        list->entries[kept++] = list->entries[i];
    }
    list->count = kept;
}

void indicators_hashes_finalize(struct ob_indicators *set)
{
    for (int kind = 0; kind < OB_HASH_KIND_COUNT; kind++) {
        sort_list(&set->hashes[kind]);
        sort_list(&set->false_positives[kind]);
    }
}
