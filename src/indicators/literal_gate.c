/* SPDX-License-Identifier: Apache-2.0 */
/* The texts every match of a parsed file-name regex contains, and a
 * trigram index that tells in a few hundred nanoseconds whether any of
 * them is in a path. */
#include "indicators/literal_gate.h"

#include "core/buffer.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BUCKETS 4096

struct ob_literal_gate {
    uint32_t *always; /* owners of the texts too short to index */
    size_t always_count;
    char **literals; /* lower case */
    size_t *lengths;
    uint32_t *owners; /* of each literal */
    size_t literal_count;
    size_t *bucket_start;             /* BUCKETS + 1 offsets into `entries` */
    size_t *entries;                  /* literal indices grouped by bucket */
    struct ob_literal_gate *suffixes; /* literals that must end the path */
};

/* ---- required texts ------------------------------------------------------ */

#define MAX_ALTERNATIVES 64
#define MAX_NESTING 8
#define MAX_RUN 255 /* longer literal runs are cut; a part of one is required too */

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* The bytes a token stands for when it is plain text (a literal written
 * as itself, or a UTF-8 character), or 0 bytes when it is not. */
static size_t text_of(const struct ob_regex_token *token, unsigned char *bytes)
{
    if (token->kind == OB_REGEX_LITERAL && !token->coded) {
        bytes[0] = lower(token->byte);
        return 1;
    }
    if (token->kind == OB_REGEX_CHARACTER) {
        memcpy(bytes, token->bytes, token->length);
        return token->length;
    }
    return 0;
}

/* True when the element at `index` is followed by a repeat; *optional
 * when one of its repeats may take it zero times. */
static bool repeated(const struct ob_filename_regex *regex, size_t end, size_t index,
                     bool *optional)
{
    *optional = false;
    size_t next = indicators_filename_regex_next(regex, index);
    bool any = false;
    for (; next < end && regex->tokens[next].kind == OB_REGEX_REPEAT; next++) {
        any = true;
        *optional = *optional || regex->tokens[next].minimum == 0;
    }
    return any;
}

/* Finds the '|' tokens of [begin, end) at its own depth; returns their
 * count (at most `max`). */
static size_t split_alternatives(const struct ob_filename_regex *regex, size_t begin, size_t end,
                                 size_t *bars, size_t max)
{
    size_t count = 0;
    for (size_t i = begin; i < end && count < max; i = indicators_filename_regex_next(regex, i)) {
        if (regex->tokens[i].kind == OB_REGEX_BAR)
            bars[count++] = i;
    }
    return count;
}

/* Drops what a failed search appended: `out` ends at `mark` again. */
static void rewind_to(struct ob_buffer *out, size_t mark)
{
    out->length = mark;
    if (out->data != NULL)
        out->data[mark] = '\0';
}

/* Finds the texts of [begin, end) at one nesting level. */
typedef bool (*texts_fn)(const struct ob_filename_regex *regex, size_t begin, size_t end,
                         struct ob_buffer *out, int nesting);

/* When [begin, end) has alternatives, each must give texts through
 * `texts`, and then every match holds one of them: *found says whether
 * they all did, and the result is true. False for a single alternative. */
static bool by_alternatives(const struct ob_filename_regex *regex, size_t begin, size_t end,
                            struct ob_buffer *out, int nesting, texts_fn texts, bool *found)
{
    size_t bars[MAX_ALTERNATIVES];
    size_t count = split_alternatives(regex, begin, end, bars, MAX_ALTERNATIVES);
    *found = false;
    if (count == MAX_ALTERNATIVES)
        return true; /* too many to index */
    if (count == 0)
        return false;
    size_t from = begin, mark = out->length;
    for (size_t k = 0; k <= count; k++) {
        size_t to = k < count ? bars[k] : end;
        if (!texts(regex, from, to, out, nesting + 1)) {
            rewind_to(out, mark);
            return true;
        }
        from = to + 1;
    }
    *found = true;
    return true;
}

struct run {
    unsigned char text[MAX_RUN];
    size_t length;
};

static void keep_longest(struct run *current, struct run *best)
{
    if (current->length > best->length)
        *best = *current;
    current->length = 0;
}

/* The longest run of plain text in [begin, end) outside groups that every
 * match contains. A repeated element ends a run, and stays in it only when
 * it must appear at least once. */
static void longest_run(const struct ob_filename_regex *regex, size_t begin, size_t end,
                        struct run *best)
{
    struct run current = {.length = 0};
    best->length = 0;
    for (size_t i = begin; i < end; i = indicators_filename_regex_next(regex, i)) {
        const struct ob_regex_token *token = &regex->tokens[i];
        if (token->kind == OB_REGEX_REPEAT)
            continue; /* handled with the element before it */
        unsigned char bytes[4];
        size_t length = text_of(token, bytes);
        if (length == 0) {
            keep_longest(&current, best);
            continue;
        }
        if (current.length + length > MAX_RUN)
            keep_longest(&current, best);
        memcpy(current.text + current.length, bytes, length);
        current.length += length;
        bool optional;
        if (repeated(regex, end, i, &optional)) {
            if (optional)
                current.length -= length;
            keep_longest(&current, best);
        }
    }
    keep_longest(&current, best);
}

/* Appends `text` as one '\n'-ended line. */
static bool put_line(struct ob_buffer *out, const unsigned char *text, size_t length)
{
    return core_buffer_append(out, text, length) == OB_OK &&
           core_buffer_append(out, "\n", 1) == OB_OK;
}

static bool literals_of(const struct ob_filename_regex *regex, size_t begin, size_t end,
                        struct ob_buffer *out, int nesting)
{
    bool found;
    if (nesting > MAX_NESTING)
        return false;
    if (by_alternatives(regex, begin, end, out, nesting, literals_of, &found))
        return found;
    struct run run;
    longest_run(regex, begin, end, &run);
    if (run.length >= OB_GATE_MIN_LITERAL)
        return put_line(out, run.text, run.length);
    /* No literal outside groups: a required group whose alternatives all
     * have one will do, as in "\\[0-9]\.(exe|dll)$". */
    for (size_t i = begin; i < end; i = indicators_filename_regex_next(regex, i)) {
        const struct ob_regex_token *token = &regex->tokens[i];
        bool optional;
        if (token->kind != OB_REGEX_OPEN)
            continue;
        repeated(regex, end, i, &optional);
        if (!optional && literals_of(regex, i + 1, token->close, out, nesting + 1))
            return true;
    }
    return false;
}

bool indicators_regex_required_literals(const struct ob_filename_regex *regex,
                                        struct ob_buffer *out)
{
    size_t mark = out->length;
    bool found = literals_of(regex, 0, regex->count, out, 0);
    if (!found)
        rewind_to(out, mark);
    return found;
}

/* One element of a sequence before an end anchor: plain text, an
 * unrepeated group, or anything else. */
struct atom {
    size_t token;
    size_t length; /* bytes of plain text, 0 for anything else */
    bool group;
    unsigned char text[4];
};

/* Splits [begin, end) into atoms; *count gets their number. A repeated
 * element is neither text nor a group. */
static struct atom *atoms_of(const struct ob_filename_regex *regex, size_t begin, size_t end,
                             size_t *count)
{
    *count = 0;
    struct atom *atoms = calloc(end - begin + 1, sizeof(*atoms));
    if (atoms == NULL)
        return NULL;
    for (size_t i = begin; i < end; i = indicators_filename_regex_next(regex, i)) {
        const struct ob_regex_token *token = &regex->tokens[i];
        if (token->kind == OB_REGEX_REPEAT) {
            if (*count > 0) {
                atoms[*count - 1].length = 0;
                atoms[*count - 1].group = false;
            }
            continue;
        }
        struct atom *atom = &atoms[(*count)++];
        atom->token = i;
        atom->length = text_of(token, atom->text);
        atom->group = token->kind == OB_REGEX_OPEN;
    }
    return atoms;
}

static bool put_atoms(struct ob_buffer *out, const struct atom *atoms, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (core_buffer_append(out, atoms[k].text, atoms[k].length) != OB_OK)
            return false;
    return true;
}

/* Appends head, each alternative of the group `open`, and tail as one
 * suffix each; false unless every alternative is plain text. */
static bool group_suffixes(const struct ob_filename_regex *regex, const struct atom *head,
                           size_t head_count, size_t open, const struct atom *tail,
                           size_t tail_count, struct ob_buffer *out)
{
    size_t close = regex->tokens[open].close;
    size_t bars[MAX_ALTERNATIVES];
    size_t alternatives = split_alternatives(regex, open + 1, close, bars, MAX_ALTERNATIVES);
    if (alternatives == MAX_ALTERNATIVES)
        return false;
    size_t from = open + 1;
    for (size_t k = 0; k <= alternatives; k++) {
        size_t to = k < alternatives ? bars[k] : close;
        size_t count;
        struct atom *inner = atoms_of(regex, from, to, &count);
        bool plain = inner != NULL && count > 0;
        for (size_t a = 0; plain && a < count; a++)
            plain = inner[a].length > 0;
        size_t line = out->length;
        bool put = plain && put_atoms(out, head, head_count) && put_atoms(out, inner, count) &&
                   put_atoms(out, tail, tail_count);
        free(inner);
        if (!put || out->length - line < OB_GATE_MIN_LITERAL ||
            core_buffer_append(out, "\n", 1) != OB_OK)
            return false;
        from = to + 1;
    }
    return true;
}

static bool suffixes_of(const struct ob_filename_regex *regex, size_t begin, size_t end,
                        struct ob_buffer *out, int nesting)
{
    bool found = false;
    if (nesting > MAX_NESTING)
        return false;
    if (by_alternatives(regex, begin, end, out, nesting, suffixes_of, &found))
        return found;
    if (end == begin || regex->tokens[end - 1].kind != OB_REGEX_END)
        return false;
    size_t n;
    struct atom *atoms = atoms_of(regex, begin, end - 1, &n);
    if (atoms == NULL)
        return false;
    size_t tail = n, tail_bytes = 0;
    while (tail > 0 && atoms[tail - 1].length > 0)
        tail_bytes += atoms[--tail].length;
    if (tail_bytes >= OB_GATE_MIN_LITERAL) {
        found = put_atoms(out, atoms + tail, n - tail) && core_buffer_append(out, "\n", 1) == OB_OK;
    } else if (tail > 0 && atoms[tail - 1].group) {
        /* "\.(exe|dll)$": each alternative, with the text around it. */
        size_t head = tail - 1;
        while (head > 0 && atoms[head - 1].length > 0)
            head--;
        found = group_suffixes(regex, atoms + head, tail - 1 - head, atoms[tail - 1].token,
                               atoms + tail, n - tail, out);
    }
    free(atoms);
    return found;
}

bool indicators_regex_required_suffixes(const struct ob_filename_regex *regex,
                                        struct ob_buffer *out)
{
    size_t mark = out->length;
    bool found = suffixes_of(regex, 0, regex->count, out, 0);
    if (!found)
        rewind_to(out, mark);
    return found;
}

/* ---- the gate ------------------------------------------------------------- */

static unsigned trigram(const unsigned char *p)
{
    unsigned a = (unsigned)tolower(p[0]), b = (unsigned)tolower(p[1]), c = (unsigned)tolower(p[2]);
    return (a * 31u * 31u + b * 31u + c) % BUCKETS;
}

void indicators_literal_gate_free(struct ob_literal_gate *gate)
{
    if (gate == NULL)
        return;
    for (size_t i = 0; i < gate->literal_count; i++)
        free(gate->literals[i]);
    free(gate->literals);
    free(gate->lengths);
    free(gate->owners);
    free(gate->always);
    free(gate->bucket_start);
    free(gate->entries);
    indicators_literal_gate_free(gate->suffixes);
    free(gate);
}

/* Indexes `literals` by their first trigram, or their last with `by_end`. */
static enum ob_status build_index(struct ob_literal_gate *gate, const char *const *literals,
                                  const uint32_t *owners, size_t count, bool by_end)
{
    gate->literals = calloc(count + 1, sizeof(*gate->literals));
    gate->lengths = calloc(count + 1, sizeof(*gate->lengths));
    gate->owners = calloc(count + 1, sizeof(*gate->owners));
    gate->always = calloc(count + 1, sizeof(*gate->always));
    gate->bucket_start = calloc(BUCKETS + 1, sizeof(*gate->bucket_start));
    gate->entries = calloc(count + 1, sizeof(*gate->entries));
    size_t *fill = calloc(BUCKETS, sizeof(*fill));
    enum ob_status status = OB_ERR_NOMEM;
    if (gate->literals == NULL || gate->lengths == NULL || gate->owners == NULL ||
        gate->always == NULL || gate->bucket_start == NULL || gate->entries == NULL || fill == NULL)
        goto out;
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(literals[i]);
        uint32_t owner = owners != NULL ? owners[i] : (uint32_t)i;
        if (n < OB_GATE_MIN_LITERAL) {
            gate->always[gate->always_count++] = owner;
            continue;
        }
        if ((gate->literals[gate->literal_count] = strdup(literals[i])) == NULL)
            goto out;
        gate->owners[gate->literal_count] = owner;
        gate->lengths[gate->literal_count++] = n;
    }
    /* Counting sort of the literals by bucket. */
    size_t *counts = gate->bucket_start;
    for (size_t i = 0; i < gate->literal_count; i++) {
        const char *at = gate->literals[i] + (by_end ? gate->lengths[i] - 3 : 0);
        counts[trigram((const unsigned char *)at) + 1]++;
    }
    for (size_t b = 1; b <= BUCKETS; b++)
        counts[b] += counts[b - 1];
    memset(fill, 0, BUCKETS * sizeof(*fill));
    for (size_t i = 0; i < gate->literal_count; i++) {
        const char *at = gate->literals[i] + (by_end ? gate->lengths[i] - 3 : 0);
        unsigned b = trigram((const unsigned char *)at);
        gate->entries[gate->bucket_start[b] + fill[b]++] = i;
    }
    status = OB_OK;
out:
    free(fill);
    return status;
}

enum ob_status indicators_literal_gate_new(const char *const *literals, const uint32_t *owners,
                                           size_t count, const char *const *suffixes,
                                           const uint32_t *suffix_owners, size_t suffix_count,
                                           struct ob_literal_gate **out)
{
    *out = NULL;
    struct ob_literal_gate *gate = calloc(1, sizeof(*gate));
    if (gate == NULL)
        return OB_ERR_NOMEM;
    enum ob_status status = build_index(gate, literals, owners, count, false);
    if (status == OB_OK && suffix_count > 0) {
        gate->suffixes = calloc(1, sizeof(*gate->suffixes));
        status = gate->suffixes == NULL
                     ? OB_ERR_NOMEM
                     : build_index(gate->suffixes, suffixes, suffix_owners, suffix_count, true);
    }
    if (status != OB_OK) {
        indicators_literal_gate_free(gate);
        return status;
    }
    *out = gate;
    return OB_OK;
}

void indicators_literal_gate_owners(const struct ob_literal_gate *gate, const char *path,
                                    size_t length, ob_gate_owner_fn fn, void *user)
{
    for (size_t i = 0; i < gate->always_count; i++)
        fn(user, gate->always[i]);
    const struct ob_literal_gate *suffixes = gate->suffixes;
    if (suffixes != NULL) {
        for (size_t i = 0; i < suffixes->always_count; i++)
            fn(user, suffixes->always[i]);
        if (length >= OB_GATE_MIN_LITERAL) {
            unsigned b = trigram((const unsigned char *)path + length - 3);
            for (size_t e = suffixes->bucket_start[b]; e < suffixes->bucket_start[b + 1]; e++) {
                size_t index = suffixes->entries[e];
                size_t n = suffixes->lengths[index];
                if (n <= length &&
                    strncasecmp(path + length - n, suffixes->literals[index], n) == 0)
                    fn(user, suffixes->owners[index]);
            }
        }
    }
    const unsigned char *p = (const unsigned char *)path;
    for (size_t i = 0; i + OB_GATE_MIN_LITERAL <= length; i++) {
        unsigned b = trigram(p + i);
        for (size_t e = gate->bucket_start[b]; e < gate->bucket_start[b + 1]; e++) {
            size_t index = gate->entries[e];
            size_t n = gate->lengths[index];
            if (n <= length - i && strncasecmp(path + i, gate->literals[index], n) == 0)
                fn(user, gate->owners[index]);
        }
    }
}
