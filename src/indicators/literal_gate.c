/* SPDX-License-Identifier: Apache-2.0 */
/* Required-literal extraction from file-name regexes, and a trigram index
 * that tells in a few hundred nanoseconds whether any literal is in a path. */
#include "indicators/literal_gate.h"

#include "core/buffer.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BUCKETS 4096

struct ob_literal_gate {
    bool always_open;
    char **literals;       /* lower case */
    size_t *lengths;
    size_t literal_count;
    size_t *bucket_start;  /* BUCKETS + 1 offsets into `entries` */
    size_t *entries;       /* literal indices grouped by bucket */
    struct ob_literal_gate *suffixes; /* literals that must end the path */
};

/* ---- literal extraction ------------------------------------------------- */

struct run {
    char text[256];
    size_t length;
};

static void keep_longest(struct run *current, struct run *best)
{
    if (current->length > best->length)
        *best = *current;
    current->length = 0;
}

/* Skips a character class starting at pattern[i] == '['; returns the index
 * just past its closing ']'. */
static size_t skip_class(const char *pattern, size_t length, size_t i)
{
    i++;
    if (i < length && pattern[i] == '^')
        i++;
    if (i < length && pattern[i] == ']')
        i++;
    while (i < length && pattern[i] != ']')
        i += pattern[i] == '\\' ? 2 : 1;
    return i < length ? i + 1 : length;
}

static size_t longest_run(const char *pattern, size_t length, char *out, size_t out_size)
{
    struct run current = {.length = 0}, best = {.length = 0};
    size_t i = 0;
    if (length >= 4 && memcmp(pattern, "(?i)", 4) == 0)
        i = 4;
    int depth = 0;
    while (i < length) {
        char c = pattern[i];
        if (c == '[') {
            keep_longest(&current, &best);
            i = skip_class(pattern, length, i);
            continue;
        }
        if (c == '(' || c == ')') {
            keep_longest(&current, &best);
            depth += c == '(' ? 1 : -1;
            i++;
            continue;
        }
        if (c == '*' || c == '?' || c == '{') {
            /* The atom before may be absent: it is not required. */
            if (current.length > 0)
                current.length--;
            keep_longest(&current, &best);
            i++;
            if (c == '{') /* skip the counts; a '{' that starts none ends the run anyway */
                while (i < length && pattern[i] != '\\' && pattern[i++] != '}')
                    ;
            continue;
        }
        if (depth > 0) {
            i += c == '\\' ? 2 : 1;
            continue;
        }
        if (c == '\\') {
            char next = i + 1 < length ? pattern[i + 1] : '\0';
            i += next == 'x' ? 4 : 2; /* \xHH is one character */
            if (next == '\\' || isalnum((unsigned char)next) || next == '\0') {
                keep_longest(&current, &best); /* separator or class escape */
                continue;
            }
            c = next; /* an escaped punctuation character stands for itself */
        } else if (c == '.' || c == '^' || c == '$' || c == '+') {
            /* After '+' the atom is still required, but repeats may follow,
             * so the run cannot go on past it. */
            keep_longest(&current, &best);
            i++;
            continue;
        } else {
            i++;
        }
        if (current.length + 1 < sizeof(current.text))
            current.text[current.length++] = (char)tolower((unsigned char)c);
        else
            keep_longest(&current, &best);
    }
    keep_longest(&current, &best);
    if (best.length < OB_GATE_MIN_LITERAL || best.length + 1 > out_size) {
        if (out_size > 0)
            out[0] = '\0';
        return 0;
    }
    memcpy(out, best.text, best.length);
    out[best.length] = '\0';
    return best.length;
}

/* Finds the top-level '|' positions of pattern[begin, end); returns their
 * count (at most `max`). */
static size_t split_alternatives(const char *pattern, size_t begin, size_t end, size_t *bars,
                                 size_t max)
{
    size_t count = 0;
    int depth = 0;
    for (size_t j = begin; j < end; j++) {
        if (pattern[j] == '\\') {
            j++;
        } else if (pattern[j] == '[') {
            j = skip_class(pattern, end, j) - 1;
        } else if (pattern[j] == '(') {
            depth++;
        } else if (pattern[j] == ')') {
            depth--;
        } else if (pattern[j] == '|' && depth == 0 && count < max) {
            bars[count++] = j;
        }
    }
    return count;
}

/* Index just past the ')' that closes the '(' at `open`, or `end`. */
static size_t group_end(const char *pattern, size_t open, size_t end)
{
    int depth = 0;
    for (size_t j = open; j < end; j++) {
        if (pattern[j] == '\\') {
            j++;
        } else if (pattern[j] == '[') {
            j = skip_class(pattern, end, j) - 1;
        } else if (pattern[j] == '(') {
            depth++;
        } else if (pattern[j] == ')' && --depth == 0) {
            return j + 1;
        }
    }
    return end;
}

#define MAX_ALTERNATIVES 64
#define MAX_NESTING 8

static bool literals_of(const char *pattern, size_t length, struct ob_buffer *out, int nesting)
{
    if (nesting > MAX_NESTING)
        return false;
    size_t begin = length >= 4 && memcmp(pattern, "(?i)", 4) == 0 ? 4 : 0;
    if (length >= begin + 2 && memcmp(pattern + begin, "?:", 2) == 0)
        begin += 2;
    size_t bars[MAX_ALTERNATIVES];
    size_t count = split_alternatives(pattern, begin, length, bars, MAX_ALTERNATIVES);
    if (count == MAX_ALTERNATIVES)
        return false;
    if (count > 0) {
        /* Every alternative must contribute: then one of them is required. */
        size_t from = begin, mark = out->length;
        for (size_t k = 0; k <= count; k++) {
            size_t to = k < count ? bars[k] : length;
            if (!literals_of(pattern + from, to - from, out, nesting + 1)) {
                out->length = mark;
                return false;
            }
            from = to + 1;
        }
        return true;
    }
    char run[256];
    size_t n = longest_run(pattern + begin, length - begin, run, sizeof(run));
    if (n >= OB_GATE_MIN_LITERAL)
        return ob_buffer_printf(out, "%s\n", run) == OB_OK;
    /* No literal outside groups: a required group whose alternatives all
     * have one will do, as in "\\[0-9]\.(exe|dll)$". */
    for (size_t j = begin; j < length; j++) {
        if (pattern[j] == '\\') {
            j++;
            continue;
        }
        if (pattern[j] == '[') {
            j = skip_class(pattern, length, j) - 1;
            continue;
        }
        if (pattern[j] != '(')
            continue;
        size_t close = group_end(pattern, j, length);
        bool optional = close < length && (pattern[close] == '?' || pattern[close] == '*' ||
                                           (pattern[close] == '{' && close + 1 < length &&
                                            pattern[close + 1] == '0'));
        if (!optional && close - j >= 2 &&
            literals_of(pattern + j + 1, close - j - 2, out, nesting + 1))
            return true;
        j = close - 1;
    }
    return false;
}

bool ob_regex_required_literals(const char *pattern, size_t length, struct ob_buffer *out)
{
    return literals_of(pattern, length, out, 0);
}

/* ---- end-anchored suffixes ---------------------------------------------- */

struct atom {
    bool literal;   /* one required character */
    bool group;     /* an unquantified group: content in [begin, end) */
    char ch;
    size_t begin, end;
};

#define MAX_ATOMS 512

/* Splits pattern[0, length) at depth 0 into atoms; a quantified atom is
 * neither literal nor group. Returns the count, or 0 when it is too long. */
static size_t tokenize(const char *pattern, size_t length, struct atom *atoms)
{
    size_t count = 0, i = 0;
    while (i < length) {
        if (count == MAX_ATOMS)
            return 0;
        struct atom *atom = &atoms[count];
        memset(atom, 0, sizeof(*atom));
        char c = pattern[i];
        if (c == '*' || c == '?' || c == '+' || c == '{') {
            if (count > 0)
                atoms[count - 1].literal = atoms[count - 1].group = false;
            i++;
            if (c == '{')
                while (i < length && pattern[i] != '\\' && pattern[i++] != '}')
                    ;
            continue;
        }
        if (c == '(') {
            size_t close = group_end(pattern, i, length);
            atom->group = close >= i + 2 && pattern[close - 1] == ')';
            atom->begin = i + 1;
            atom->end = close - 1;
            if (atom->end >= atom->begin + 2 && pattern[atom->begin] == '?' &&
                pattern[atom->begin + 1] == ':')
                atom->begin += 2;
            i = close;
        } else if (c == '[') {
            i = skip_class(pattern, length, i);
        } else if (c == '\\') {
            char next = i + 1 < length ? pattern[i + 1] : '\0';
            i += next == 'x' ? 4 : 2;
            if (next != '\\' && next != '\0' && !isalnum((unsigned char)next)) {
                atom->literal = true;
                atom->ch = next;
            }
        } else {
            i++;
            if (c != '.' && c != '^' && c != '$' && c != '|' && c != ')') {
                atom->literal = true;
                atom->ch = c;
            }
        }
        count++;
    }
    return count;
}

static bool ends_with_anchor(const char *pattern, size_t length)
{
    if (length == 0 || pattern[length - 1] != '$')
        return false;
    size_t slashes = 0;
    while (slashes + 1 < length && pattern[length - 2 - slashes] == '\\')
        slashes++;
    return slashes % 2 == 0;
}

/* Appends `count` literal atoms from `atoms` lower-cased. */
static void put_atoms(char *out, size_t *n, size_t size, const struct atom *atoms, size_t count)
{
    for (size_t k = 0; k < count && *n + 1 < size; k++)
        out[(*n)++] = (char)tolower((unsigned char)atoms[k].ch);
    out[*n] = '\0';
}

static bool suffixes_of(const char *pattern, size_t length, struct ob_buffer *out, int nesting)
{
    if (nesting > MAX_NESTING)
        return false;
    size_t begin = length >= 4 && memcmp(pattern, "(?i)", 4) == 0 ? 4 : 0;
    pattern += begin;
    length -= begin;
    size_t bars[MAX_ALTERNATIVES];
    size_t count = split_alternatives(pattern, 0, length, bars, MAX_ALTERNATIVES);
    if (count == MAX_ALTERNATIVES)
        return false;
    if (count > 0) {
        size_t from = 0, mark = out->length;
        for (size_t k = 0; k <= count; k++) {
            size_t to = k < count ? bars[k] : length;
            if (!suffixes_of(pattern + from, to - from, out, nesting + 1)) {
                out->length = mark;
                return false;
            }
            from = to + 1;
        }
        return true;
    }
    if (!ends_with_anchor(pattern, length))
        return false;
    struct atom *atoms = calloc(MAX_ATOMS, sizeof(*atoms));
    struct atom *inner = calloc(MAX_ATOMS, sizeof(*inner));
    bool found = false;
    size_t n = atoms && inner ? tokenize(pattern, length - 1, atoms) : 0;
    size_t tail = n;
    while (tail > 0 && atoms[tail - 1].literal)
        tail--;
    char suffix[512];
    size_t used = 0;
    if (n > 0 && n - tail >= OB_GATE_MIN_LITERAL) {
        put_atoms(suffix, &used, sizeof(suffix), atoms + tail, n - tail);
        found = ob_buffer_printf(out, "%s\n", suffix) == OB_OK;
    } else if (n > 0 && tail > 0 && atoms[tail - 1].group) {
        /* "\.(exe|dll)$": each alternative, with the literals around it. */
        const struct atom *group = &atoms[tail - 1];
        size_t head = tail - 1;
        while (head > 0 && atoms[head - 1].literal)
            head--;
        size_t group_bars[MAX_ALTERNATIVES];
        size_t alternatives = split_alternatives(pattern, group->begin, group->end, group_bars,
                                                 MAX_ALTERNATIVES);
        size_t mark = out->length, from = group->begin;
        found = alternatives < MAX_ALTERNATIVES;
        for (size_t k = 0; found && k <= alternatives; k++) {
            size_t to = k < alternatives ? group_bars[k] : group->end;
            size_t m = to > from ? tokenize(pattern + from, to - from, inner) : 0;
            for (size_t a = 0; a < m; a++)
                found = found && inner[a].literal;
            used = 0;
            put_atoms(suffix, &used, sizeof(suffix), atoms + head, tail - 1 - head);
            put_atoms(suffix, &used, sizeof(suffix), inner, m);
            put_atoms(suffix, &used, sizeof(suffix), atoms + tail, n - tail);
            found = found && m > 0 && used >= OB_GATE_MIN_LITERAL &&
                    ob_buffer_printf(out, "%s\n", suffix) == OB_OK;
            from = to + 1;
        }
        if (!found)
            out->length = mark;
    }
    free(atoms);
    free(inner);
    return found;
}

bool ob_regex_required_suffixes(const char *pattern, size_t length, struct ob_buffer *out)
{
    size_t mark = out->length;
    bool found = suffixes_of(pattern, length, out, 0);
    if (!found && out->length != mark) {
        out->length = mark;
        out->data[mark] = '\0';
    }
    return found;
}

/* ---- the gate ------------------------------------------------------------- */

static unsigned trigram(const unsigned char *p)
{
    unsigned a = (unsigned)tolower(p[0]), b = (unsigned)tolower(p[1]), c = (unsigned)tolower(p[2]);
    return (a * 31u * 31u + b * 31u + c) % BUCKETS;
}

void ob_literal_gate_free(struct ob_literal_gate *gate)
{
    if (gate == NULL)
        return;
    for (size_t i = 0; i < gate->literal_count; i++)
        free(gate->literals[i]);
    free(gate->literals);
    free(gate->lengths);
    free(gate->bucket_start);
    free(gate->entries);
    ob_literal_gate_free(gate->suffixes);
    free(gate);
}

/* Indexes `literals` by their first trigram, or their last with `by_end`. */
static enum ob_status build_index(struct ob_literal_gate *gate, const char *const *literals,
                                  size_t count, bool by_end)
{
    gate->literals = calloc(count + 1, sizeof(*gate->literals));
    gate->lengths = calloc(count + 1, sizeof(*gate->lengths));
    gate->bucket_start = calloc(BUCKETS + 1, sizeof(*gate->bucket_start));
    gate->entries = calloc(count + 1, sizeof(*gate->entries));
    size_t *fill = calloc(BUCKETS, sizeof(*fill));
    enum ob_status status = OB_ERR_NOMEM;
    if (gate->literals == NULL || gate->lengths == NULL || gate->bucket_start == NULL ||
        gate->entries == NULL || fill == NULL)
        goto out;
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(literals[i]);
        if (n < OB_GATE_MIN_LITERAL) {
            gate->always_open = true;
            continue;
        }
        if ((gate->literals[gate->literal_count] = strdup(literals[i])) == NULL)
            goto out;
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

enum ob_status ob_literal_gate_new(const char *const *literals, size_t count,
                                   const char *const *suffixes, size_t suffix_count,
                                   struct ob_literal_gate **out)
{
    *out = NULL;
    struct ob_literal_gate *gate = calloc(1, sizeof(*gate));
    if (gate == NULL)
        return OB_ERR_NOMEM;
    enum ob_status status = build_index(gate, literals, count, false);
    if (status == OB_OK && suffix_count > 0) {
        gate->suffixes = calloc(1, sizeof(*gate->suffixes));
        status = gate->suffixes == NULL ? OB_ERR_NOMEM
                                        : build_index(gate->suffixes, suffixes, suffix_count, true);
        if (status == OB_OK && gate->suffixes->always_open)
            gate->always_open = true;
    }
    if (status != OB_OK) {
        ob_literal_gate_free(gate);
        return status;
    }
    *out = gate;
    return OB_OK;
}

static bool ends_with_suffix(const struct ob_literal_gate *suffixes, const char *path,
                             size_t length)
{
    if (length < OB_GATE_MIN_LITERAL)
        return false;
    unsigned b = trigram((const unsigned char *)path + length - 3);
    for (size_t e = suffixes->bucket_start[b]; e < suffixes->bucket_start[b + 1]; e++) {
        size_t index = suffixes->entries[e];
        size_t n = suffixes->lengths[index];
        if (n <= length && strncasecmp(path + length - n, suffixes->literals[index], n) == 0)
            return true;
    }
    return false;
}

bool ob_literal_gate_open(const struct ob_literal_gate *gate, const char *path, size_t length)
{
    if (gate->always_open)
        return true;
    if (gate->suffixes != NULL && ends_with_suffix(gate->suffixes, path, length))
        return true;
    const unsigned char *p = (const unsigned char *)path;
    for (size_t i = 0; i + OB_GATE_MIN_LITERAL <= length; i++) {
        unsigned b = trigram(p + i);
        for (size_t e = gate->bucket_start[b]; e < gate->bucket_start[b + 1]; e++) {
            size_t index = gate->entries[e];
            size_t n = gate->lengths[index];
            if (n <= length - i && strncasecmp(path + i, gate->literals[index], n) == 0)
                return true;
        }
    }
    return false;
}
