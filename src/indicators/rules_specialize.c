/* SPDX-License-Identifier: Apache-2.0 */
/* Rule source specialised for content that does not start with "MZ": see
 * rules_specialize.h. A small lexer and a parser of what matters here:
 * the file's imports and rules, and the and/or structure of each
 * condition. Anything it does not understand is OB_ERR_PARSE, and the
 * caller keeps that file as it is. */
#include "indicators/rules_specialize.h"

#include "core/array.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum tok_kind {
    TOK_IDENT,  /* identifiers and keywords */
    TOK_NUMBER, /* 12, 0x5a4d, 1.5, 200KB */
    TOK_TEXT,   /* "..." */
    TOK_REGEX,  /* /.../is */
    TOK_HEX,    /* { 4D 5A ?? } */
    TOK_STRING, /* $a, #a, @a, !a, $a* */
    TOK_PUNCT,  /* operators and brackets */
};

struct tok {
    enum tok_kind kind;
    size_t start, end; /* bytes of the text */
};

struct lexer {
    const char *text;
    size_t length, at;
    struct tok *toks;
    size_t count, capacity;
};

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_alnum(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static bool tok_is(const struct lexer *lx, size_t i, const char *word)
{
    if (i >= lx->count)
        return false;
    size_t n = lx->toks[i].end - lx->toks[i].start;
    return strlen(word) == n && memcmp(lx->text + lx->toks[i].start, word, n) == 0;
}

static enum ob_status push_tok(struct lexer *lx, enum tok_kind kind, size_t start, size_t end)
{
    enum ob_status status = core_array_grow((void **)&lx->toks, &lx->capacity, lx->count + 1,
                                            sizeof(*lx->toks), 256, SIZE_MAX);
    if (status != OB_OK)
        return status;
    lx->toks[lx->count++] = (struct tok){kind, start, end};
    return OB_OK;
}

/* Skips blanks and comments; false for a comment left open. */
static bool skip_blanks(struct lexer *lx)
{
    const char *t = lx->text;
    while (lx->at < lx->length) {
        char c = t[lx->at];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
            lx->at++;
        } else if (c == '/' && lx->at + 1 < lx->length && t[lx->at + 1] == '/') {
            while (lx->at < lx->length && t[lx->at] != '\n')
                lx->at++;
        } else if (c == '/' && lx->at + 1 < lx->length && t[lx->at + 1] == '*') {
            size_t i = lx->at + 2;
            while (i + 1 < lx->length && !(t[i] == '*' && t[i + 1] == '/'))
                i++;
            if (i + 1 >= lx->length)
                return false;
            lx->at = i + 2;
        } else {
            break;
        }
    }
    return true;
}

/* A text or regular expression closed by `close` on the same line. */
static bool skip_quoted(struct lexer *lx, char close)
{
    const char *t = lx->text;
    for (lx->at++; lx->at < lx->length && t[lx->at] != '\n'; lx->at++) {
        if (t[lx->at] == '\\' && lx->at + 1 < lx->length && t[lx->at + 1] != '\n')
            lx->at++;
        else if (t[lx->at] == close) {
            lx->at++;
            return true;
        }
    }
    return false;
}

/* Splits the whole text into tokens. A "/" starts a regular expression
 * after "=" (a string's definition) or "matches"; a "{" starts a hex
 * string after "=". */
static enum ob_status lex(struct lexer *lx)
{
    const char *t = lx->text;
    if (memchr(t, '\0', lx->length) != NULL)
        return OB_ERR_PARSE;
    for (;;) {
        if (!skip_blanks(lx))
            return OB_ERR_PARSE;
        if (lx->at >= lx->length)
            return OB_OK;
        size_t start = lx->at;
        char c = t[start];
        bool after_eq = lx->count > 0 && tok_is(lx, lx->count - 1, "=");
        bool after_matches = lx->count > 0 && tok_is(lx, lx->count - 1, "matches");
        enum tok_kind kind = TOK_PUNCT;
        if (is_alpha(c)) {
            while (lx->at < lx->length && is_alnum(t[lx->at]))
                lx->at++;
            kind = TOK_IDENT;
        } else if (c >= '0' && c <= '9') {
            lx->at++;
            while (lx->at < lx->length &&
                   (is_alnum(t[lx->at]) || (t[lx->at] == '.' && lx->at + 1 < lx->length &&
                                            t[lx->at + 1] >= '0' && t[lx->at + 1] <= '9')))
                lx->at++;
            kind = TOK_NUMBER;
        } else if (c == '"') {
            if (!skip_quoted(lx, '"'))
                return OB_ERR_PARSE;
            kind = TOK_TEXT;
        } else if (c == '/' && (after_eq || after_matches)) {
            if (!skip_quoted(lx, '/'))
                return OB_ERR_PARSE;
            while (lx->at < lx->length && is_alpha(t[lx->at]))
                lx->at++; /* modifiers: i, s */
            kind = TOK_REGEX;
        } else if (c == '{' && after_eq) {
            /* Hex strings hold no braces; comments inside are allowed. */
            lx->at++;
            for (;;) {
                if (!skip_blanks(lx) || lx->at >= lx->length)
                    return OB_ERR_PARSE;
                if (t[lx->at] == '}')
                    break;
                if (t[lx->at] == '{' || t[lx->at] == '"')
                    return OB_ERR_PARSE;
                lx->at++;
            }
            lx->at++;
            kind = TOK_HEX;
        } else if ((c == '$' || c == '#' || c == '@' || c == '!') &&
                   !(c == '!' && lx->at + 1 < lx->length && t[lx->at + 1] == '=')) {
            lx->at++;
            while (lx->at < lx->length && is_alnum(t[lx->at]))
                lx->at++;
            if (lx->at < lx->length && t[lx->at] == '*')
                lx->at++;
            kind = TOK_STRING;
        } else {
            static const char *const pairs[] = {"==", "!=", "<=", ">=", "<<", ">>", ".."};
            lx->at++;
            for (size_t p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++)
                if (start + 1 < lx->length && t[start] == pairs[p][0] &&
                    t[start + 1] == pairs[p][1]) {
                    lx->at = start + 2;
                    break;
                }
            if ((unsigned char)c >= 0x80 || c == '\\' || c == '`' || c == '\'')
                return OB_ERR_PARSE;
        }
        enum ob_status status = push_tok(lx, kind, start, lx->at);
        if (status != OB_OK)
            return status;
    }
}

/* ---- rules ---------------------------------------------------------------- */

struct rule {
    size_t first, last;           /* tokens: the first modifier or "rule", the closing "}" */
    size_t name;                  /* the token of its identifier */
    size_t cond_first, cond_last; /* condition tokens [cond_first, cond_last) */
    bool global;
    bool referenced; /* another rule's condition names it */
    bool dropped;
};

/* A replacement of tokens [first, last) by a value. */
struct replacement {
    size_t first, last;
    bool value;
};

struct spec {
    struct lexer lx;
    struct rule *rules;
    size_t rule_count;
    struct replacement *repl;
    size_t repl_count, repl_capacity;
    size_t *imports; /* the "import" token of each `import "pe"` */
    size_t import_count;
    indicators_pe_value_fn pe_value;
    void *user;
    enum ob_status failed; /* OB_ERR_NOMEM seen while evaluating */
};

static bool is_punct(const struct lexer *lx, size_t i, const char *p)
{
    return tok_is(lx, i, p) && lx->toks[i].kind == TOK_PUNCT;
}

static bool is_word(const struct lexer *lx, size_t i, const char *word)
{
    return tok_is(lx, i, word) && lx->toks[i].kind == TOK_IDENT;
}

/* Finds the rules and imports of the file. */
static enum ob_status parse_file(struct spec *sp)
{
    struct lexer *lx = &sp->lx;
    size_t i = 0;
    while (i < lx->count) {
        if (is_word(lx, i, "import")) {
            if (i + 1 >= lx->count || lx->toks[i + 1].kind != TOK_TEXT)
                return OB_ERR_PARSE;
            if (tok_is(lx, i + 1, "\"pe\"")) {
                enum ob_status status = core_array_grow_counted((void **)&sp->imports,
                                                                sp->import_count,
                                                                sizeof(*sp->imports), 4, SIZE_MAX);
                if (status != OB_OK)
                    return status;
                sp->imports[sp->import_count++] = i;
            }
            i += 2;
            continue;
        }
        struct rule rule = {.first = i};
        while (is_word(lx, i, "private") || is_word(lx, i, "global")) {
            rule.global = rule.global || is_word(lx, i, "global");
            i++;
        }
        if (!is_word(lx, i, "rule") || i + 1 >= lx->count || lx->toks[i + 1].kind != TOK_IDENT)
            return OB_ERR_PARSE; /* an include, or what this parser does not know */
        rule.name = i + 1;
        i += 2;
        if (is_punct(lx, i, ":")) {
            for (i++; i < lx->count && lx->toks[i].kind == TOK_IDENT; i++)
                ;
        }
        if (!is_punct(lx, i, "{"))
            return OB_ERR_PARSE;
        /* The body ends at the first "}": hex strings are single tokens and
         * conditions hold no braces. */
        size_t close = i + 1;
        while (close < lx->count && !is_punct(lx, close, "}")) {
            if (is_punct(lx, close, "{"))
                return OB_ERR_PARSE;
            close++;
        }
        if (close >= lx->count)
            return OB_ERR_PARSE;
        rule.cond_first = rule.cond_last = 0;
        for (size_t k = i + 1; k + 1 < close; k++) {
            if (is_word(lx, k, "condition") && is_punct(lx, k + 1, ":")) {
                rule.cond_first = k + 2;
                rule.cond_last = close;
            }
        }
        if (rule.cond_first == 0 || rule.cond_first >= rule.cond_last)
            return OB_ERR_PARSE;
        rule.last = close;
        enum ob_status status = core_array_grow_counted((void **)&sp->rules, sp->rule_count,
                                                        sizeof(*sp->rules), 16, SIZE_MAX);
        if (status != OB_OK)
            return status;
        sp->rules[sp->rule_count++] = rule;
        i = close + 1;
    }
    return OB_OK;
}

/* A rule whose name another rule's condition uses must stay: leaving it
 * out would not compile (and a global rule constrains its namespace). */
static void mark_referenced(struct spec *sp)
{
    const struct lexer *lx = &sp->lx;
    for (size_t r = 0; r < sp->rule_count; r++) {
        const struct tok *name = &lx->toks[sp->rules[r].name];
        size_t n = name->end - name->start;
        for (size_t o = 0; o < sp->rule_count && !sp->rules[r].referenced; o++) {
            if (o == r)
                continue;
            for (size_t k = sp->rules[o].cond_first; k < sp->rules[o].cond_last; k++) {
                const struct tok *t = &lx->toks[k];
                if (t->kind == TOK_IDENT && t->end - t->start == n &&
                    memcmp(lx->text + t->start, lx->text + name->start, n) == 0 &&
                    !(k > 0 && is_punct(lx, k - 1, "."))) {
                    sp->rules[r].referenced = true;
                    break;
                }
            }
        }
    }
}

/* ---- conditions ----------------------------------------------------------- */

enum value { V_FALSE, V_TRUE, V_UNKNOWN };

/* The token after the bracket closing the one at `i`, within [i, last). */
static size_t after_close(const struct lexer *lx, size_t i, size_t last)
{
    int depth = 0;
    for (size_t k = i; k < last; k++) {
        if (is_punct(lx, k, "(") || is_punct(lx, k, "["))
            depth++;
        else if (is_punct(lx, k, ")") || is_punct(lx, k, "]")) {
            if (--depth == 0)
                return k + 1;
        }
    }
    return SIZE_MAX;
}

static uint64_t number_value(const struct lexer *lx, size_t i, bool *ok)
{
    const struct tok *t = &lx->toks[i];
    char digits[32];
    size_t n = t->end - t->start;
    *ok = t->kind == TOK_NUMBER && n < sizeof(digits);
    if (!*ok)
        return 0;
    memcpy(digits, lx->text + t->start, n);
    digits[n] = '\0';
    char *end = NULL;
    uint64_t v = strtoull(digits, &end, 0);
    *ok = end != NULL && *end == '\0';
    return v;
}

/* `uint16(0) == 0x5a4d` or `uint16be(0) == 0x4d5a`, either way round: false
 * for content that does not start with "MZ" (undefined when shorter than
 * two bytes), as [first, last) says. */
static bool is_mz_guard(const struct lexer *lx, size_t first, size_t last)
{
    if (last - first != 6)
        return false;
    size_t read = first, value = first + 5;
    if (is_punct(lx, first + 1, "==")) {
        read = first + 2;
        value = first;
    } else if (!is_punct(lx, first + 4, "==")) {
        return false;
    }
    bool le = is_word(lx, read, "uint16"), be = is_word(lx, read, "uint16be");
    bool ok = false;
    if (!(le || be) || !is_punct(lx, read + 1, "(") || !is_punct(lx, read + 3, ")"))
        return false;
    if (number_value(lx, read + 2, &ok) != 0 || !ok)
        return false;
    uint64_t v = number_value(lx, value, &ok);
    return ok && v == (le ? 0x5a4du : 0x4d5au);
}

/* Whether [first, last) reads only the pe module (with literals, operators
 * and loop variables it declares itself): its value is then the same for
 * all content that does not start with "MZ". */
static bool reads_only_pe(const struct lexer *lx, size_t first, size_t last)
{
    static const char *const keywords[] = {"and",         "or",       "not",       "for",
                                           "any",         "all",      "none",      "in",
                                           "of",          "contains", "icontains", "startswith",
                                           "istartswith", "endswith", "iendswith", "iequals",
                                           "matches",     "true",     "false",     "defined"};
    const char *vars[8];
    size_t var_lengths[8], var_count = 0;
    bool uses_pe = false;
    for (size_t k = first; k < last; k++) {
        const struct tok *t = &lx->toks[k];
        if (t->kind == TOK_STRING || t->kind == TOK_HEX)
            return false;
        if (t->kind != TOK_IDENT)
            continue;
        if (k > first && is_punct(lx, k - 1, "."))
            continue; /* a field of what comes before */
        if (is_word(lx, k, "pe")) {
            if (!is_punct(lx, k + 1, "."))
                return false;
            uses_pe = true;
            continue;
        }
        if (is_word(lx, k, "for")) {
            /* for <quantifier> <var>[, <var>...] in */
            size_t v = k + 2;
            while (v < last && lx->toks[v].kind == TOK_IDENT && !is_word(lx, v, "in") &&
                   !is_word(lx, v, "of")) {
                if (var_count == sizeof(vars) / sizeof(vars[0]))
                    return false;
                vars[var_count] = lx->text + lx->toks[v].start;
                var_lengths[var_count++] = lx->toks[v].end - lx->toks[v].start;
                v++;
                if (is_punct(lx, v, ","))
                    v++;
            }
            continue;
        }
        bool known = false;
        for (size_t w = 0; !known && w < sizeof(keywords) / sizeof(keywords[0]); w++)
            known = is_word(lx, k, keywords[w]);
        for (size_t v = 0; !known && v < var_count; v++)
            known = var_lengths[v] == t->end - t->start &&
                    memcmp(vars[v], lx->text + t->start, var_lengths[v]) == 0;
        if (!known)
            return false; /* filesize, uint32, another module, a rule, them... */
    }
    return uses_pe;
}

static enum value eval_or(struct spec *sp, size_t first, size_t last);

static void add_replacement(struct spec *sp, size_t first, size_t last, bool value)
{
    /* Not counted growth: the count also goes back (a disjunct written
     * whole drops what was replaced inside it). */
    if (core_array_grow((void **)&sp->repl, &sp->repl_capacity, sp->repl_count + 1,
                        sizeof(*sp->repl), 16, SIZE_MAX) != OB_OK) {
        sp->failed = OB_ERR_NOMEM;
        return;
    }
    sp->repl[sp->repl_count++] = (struct replacement){first, last, value};
}

/* One operand of and/or: its value for content not starting with "MZ".
 * Only operands whose ancestors are all and/or/brackets are replaced, so
 * only their truth counts (and/or take undefined as false). */
static enum value eval_unit(struct spec *sp, size_t first, size_t last)
{
    const struct lexer *lx = &sp->lx;
    if (first >= last)
        return V_UNKNOWN;
    if (is_mz_guard(lx, first, last))
        return V_FALSE;
    if (reads_only_pe(lx, first, last)) {
        const char *text = lx->text + lx->toks[first].start;
        size_t length = lx->toks[last - 1].end - lx->toks[first].start;
        int v = sp->pe_value(text, length, sp->user);
        if (v < 0)
            return V_UNKNOWN;
        add_replacement(sp, first, last, v == 1);
        return v == 1 ? V_TRUE : V_FALSE;
    }
    if (is_punct(lx, first, "(") && after_close(lx, first, last) == last)
        return eval_or(sp, first + 1, last - 1);
    /* `$a at pe.entry_point`: false when the offset is undefined for such
     * content, which `x == x` not holding shows. */
    if (lx->toks[first].kind == TOK_STRING && lx->text[lx->toks[first].start] == '$' &&
        is_word(lx, first + 1, "at") && reads_only_pe(lx, first + 2, last)) {
        struct ob_buffer same;
        core_buffer_init(&same, (size_t)1 << 20);
        const char *offset = lx->text + lx->toks[first + 2].start;
        int length = (int)(lx->toks[last - 1].end - lx->toks[first + 2].start);
        int v = -1;
        if (core_buffer_printf(&same, "(%.*s) == (%.*s)", length, offset, length, offset) == OB_OK)
            v = sp->pe_value((const char *)same.data, same.length, sp->user);
        core_buffer_release(&same);
        if (v == 0) {
            add_replacement(sp, first, last, false);
            return V_FALSE;
        }
        return V_UNKNOWN;
    }
    return V_UNKNOWN; /* strings, file data, other modules, or under "not" */
}

/* Splits [first, last) at the top-level `word` ("or" or "and"). */
static size_t next_split(const struct lexer *lx, size_t first, size_t last, const char *word)
{
    int depth = 0;
    for (size_t k = first; k < last; k++) {
        if (is_punct(lx, k, "(") || is_punct(lx, k, "["))
            depth++;
        else if (is_punct(lx, k, ")") || is_punct(lx, k, "]"))
            depth--;
        else if (depth == 0 && is_word(lx, k, word))
            return k;
    }
    return last;
}

static enum value eval_and(struct spec *sp, size_t first, size_t last)
{
    const struct lexer *lx = &sp->lx;
    /* A guard decides alone: the other operands need no evaluation. */
    for (size_t at = first; at < last;) {
        size_t end = next_split(lx, at, last, "and");
        if (is_mz_guard(lx, at, end))
            return V_FALSE;
        at = end + 1;
    }
    enum value result = V_TRUE;
    for (size_t at = first; at < last;) {
        size_t end = next_split(lx, at, last, "and");
        enum value v = eval_unit(sp, at, end);
        if (v == V_FALSE)
            return V_FALSE;
        if (v == V_UNKNOWN)
            result = V_UNKNOWN;
        at = end + 1;
    }
    return result;
}

static enum value eval_or(struct spec *sp, size_t first, size_t last)
{
    const struct lexer *lx = &sp->lx;
    /* The whole reads only pe: one evaluation for all of it. */
    if (next_split(lx, first, last, "or") != last && reads_only_pe(lx, first, last))
        return eval_unit(sp, first, last);
    enum value result = V_FALSE;
    for (size_t at = first; at < last;) {
        size_t end = next_split(lx, at, last, "or");
        size_t before = sp->repl_count;
        enum value v = eval_and(sp, at, end);
        /* A disjunct whose value is known is written as that value (what
         * was replaced inside it goes with it), so that, for instance,
         * `uint16(0) == 0x5a4d and pe.imphash() == "..." or 4 of them`
         * no longer names pe. */
        if (v != V_UNKNOWN && sp->failed == OB_OK) {
            sp->repl_count = before;
            add_replacement(sp, at, end, v == V_TRUE);
        }
        if (v == V_TRUE)
            result = V_TRUE;
        else if (v == V_UNKNOWN && result == V_FALSE)
            result = V_UNKNOWN;
        at = end + 1;
    }
    return result;
}

/* ---- output --------------------------------------------------------------- */

/* Appends text [from, to), with each line break kept so that compiler
 * messages keep their line numbers. */
static enum ob_status put_lines_only(struct ob_buffer *out, const char *from, const char *to)
{
    for (const char *c = from; c < to; c++)
        if (*c == '\n') {
            enum ob_status status = core_buffer_append(out, "\n", 1);
            if (status != OB_OK)
                return status;
        }
    return OB_OK;
}

/* Writes the value of replaced tokens [first, last). The strings they name
 * stay named (YARA refuses a string no condition uses), in a part that
 * never changes the value: `false and any of ($a, $b)`. */
static enum ob_status put_value(struct ob_buffer *out, const struct lexer *lx, size_t first,
                                size_t last, bool value)
{
    struct ob_buffer names;
    core_buffer_init(&names, (size_t)1 << 20);
    bool them = false;
    enum ob_status status = OB_OK;
    for (size_t k = first; k < last && status == OB_OK; k++) {
        const struct tok *t = &lx->toks[k];
        them = them || is_word(lx, k, "them");
        if (t->kind != TOK_STRING || t->end - t->start < 2)
            continue; /* not a string, or the anonymous one of a loop */
        /* $a, #a, @a and !a all name $a. */
        const char *name = lx->text + t->start + 1;
        int length = (int)(t->end - t->start - 1);
        char key[256];
        if (snprintf(key, sizeof(key), "$%.*s,", length, name) >= (int)sizeof(key)) {
            status = OB_ERR_PARSE;
            break;
        }
        /* Each once ("$a," cannot be found inside "$ba," or "$ab,"). */
        if (names.length == 0 || strstr(core_buffer_str(&names), key) == NULL)
            status = core_buffer_append_str(&names, key);
    }
    const char *word = value ? " true " : " false ";
    if (status == OB_OK && !them && names.length == 0)
        status = core_buffer_append_str(out, word);
    else if (status == OB_OK && them)
        status = core_buffer_printf(out, " (%s %s any of them) ", value ? "true" : "false",
                                    value ? "or" : "and");
    else if (status == OB_OK) {
        names.data[names.length - 1] = '\0'; /* the last comma */
        status = core_buffer_printf(out, " (%s %s any of (%s)) ", value ? "true" : "false",
                                    value ? "or" : "and", core_buffer_str(&names));
    }
    core_buffer_release(&names);
    return status;
}

static int compare_replacements(const void *a, const void *b)
{
    const struct replacement *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

enum ob_status indicators_specialize_not_mz(const char *text, size_t length,
                                            indicators_pe_value_fn pe_value, void *user,
                                            struct ob_buffer *out,
                                            struct indicators_specialize_stats *stats)
{
    memset(stats, 0, sizeof(*stats));
    if (text == NULL)
        text = ""; /* an empty file's buffer */
    struct spec sp = {.lx = {.text = text, .length = length}, .pe_value = pe_value, .user = user};
    enum ob_status status = lex(&sp.lx);
    if (status == OB_OK)
        status = parse_file(&sp);
    if (status != OB_OK)
        goto out;
    mark_referenced(&sp);
    const struct lexer *lx = &sp.lx;
    for (size_t r = 0; r < sp.rule_count; r++) {
        struct rule *rule = &sp.rules[r];
        size_t before = sp.repl_count;
        enum value v = eval_or(&sp, rule->cond_first, rule->cond_last);
        if (sp.failed != OB_OK) {
            status = sp.failed;
            goto out;
        }
        if (v == V_FALSE && !rule->global && !rule->referenced) {
            rule->dropped = true;
            sp.repl_count = before; /* nothing of it is written */
            stats->dropped++;
        } else if (sp.repl_count > before) {
            stats->rewritten++;
        }
    }
    stats->rules = sp.rule_count;
    if (sp.repl_count > 1)
        qsort(sp.repl, sp.repl_count, sizeof(*sp.repl), compare_replacements);
    /* Does pe stay in use: a "pe" token of a kept rule not replaced. */
    bool pe_used = false;
    size_t next_repl = 0;
    for (size_t r = 0; r < sp.rule_count && !pe_used; r++) {
        const struct rule *rule = &sp.rules[r];
        if (rule->dropped)
            continue;
        for (size_t k = rule->cond_first; k < rule->cond_last && !pe_used; k++) {
            while (next_repl < sp.repl_count && sp.repl[next_repl].last <= k)
                next_repl++;
            bool replaced = next_repl < sp.repl_count && sp.repl[next_repl].first <= k;
            pe_used = !replaced && is_word(lx, k, "pe") && is_punct(lx, k + 1, ".");
        }
    }
    stats->pe_import_dropped = !pe_used && sp.import_count > 0;
    /* Copy the text, leaving out dropped rules (and pe's imports when
     * nothing uses pe any more) and writing the values in. */
    size_t copied = 0; /* bytes of text written or skipped */
    size_t r = 0, m = 0;
    size_t q = pe_used ? sp.import_count : 0; /* imports kept: none to skip */
    for (;;) {
        /* The next place where the text changes. */
        size_t first_tok = SIZE_MAX, last_tok = 0;
        bool is_value = false, value = false;
        while (r < sp.rule_count && !sp.rules[r].dropped)
            r++;
        if (r < sp.rule_count) {
            first_tok = sp.rules[r].first;
            last_tok = sp.rules[r].last + 1;
        }
        if (q < sp.import_count && sp.imports[q] < first_tok) {
            first_tok = sp.imports[q];
            last_tok = sp.imports[q] + 2;
        }
        if (m < sp.repl_count && sp.repl[m].first < first_tok) {
            first_tok = sp.repl[m].first;
            last_tok = sp.repl[m].last;
            is_value = true;
            value = sp.repl[m].value;
        }
        if (first_tok == SIZE_MAX)
            break;
        size_t from = lx->toks[first_tok].start, to = lx->toks[last_tok - 1].end;
        status = core_buffer_append(out, text + copied, from - copied);
        if (status == OB_OK && is_value)
            status = put_value(out, lx, first_tok, last_tok, value);
        if (status == OB_OK)
            status = put_lines_only(out, text + from, text + to);
        if (status != OB_OK)
            goto out;
        copied = to;
        if (is_value)
            m++;
        else if (r < sp.rule_count && first_tok == sp.rules[r].first)
            r++;
        else
            q++;
    }
    status = core_buffer_append(out, text + copied, length - copied);
out:
    free(sp.lx.toks);
    free(sp.rules);
    free(sp.repl);
    free(sp.imports);
    return status;
}
