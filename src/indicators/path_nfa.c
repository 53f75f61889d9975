/* SPDX-License-Identifier: Apache-2.0 */
/* Thompson automata for file-name regexes, and a search that keeps every
 * state the automaton can be in at each byte of the path. */
#include "indicators/path_nfa.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "indicators/regex_translate.h"

struct compiler {
    const struct ob_filename_regex *regex;
    bool drive_shape;
    struct ob_nfa_program *out;
    size_t insn_capacity, set_capacity;
    struct ob_regex_error *error;
    enum ob_status status;
};

static void fail(struct compiler *c, enum ob_status status, size_t offset, const char *message)
{
    if (c->status != OB_OK)
        return;
    c->status = status;
    c->error->message = message;
    c->error->offset = offset;
}

/* Appends one instruction; its index, or 0 once the compile has failed. */
static uint32_t emit(struct compiler *c, enum ob_nfa_op op, unsigned char a, unsigned char b,
                     uint32_t x, uint32_t y)
{
    if (c->status != OB_OK)
        return 0;
    struct ob_nfa_program *p = c->out;
    if (p->count >= OB_NFA_MAX_INSNS) {
        fail(c, OB_ERR_UNSUPPORTED, OB_REGEX_WHOLE,
             _("too complex to match in time proportional to the path's length"));
        return 0;
    }
    if (p->count == c->insn_capacity) {
        size_t capacity = c->insn_capacity == 0 ? 32 : c->insn_capacity * 2;
        if (capacity > OB_NFA_MAX_INSNS)
            capacity = OB_NFA_MAX_INSNS;
        struct ob_nfa_insn *grown = realloc(p->insns, capacity * sizeof(*grown));
        if (grown == NULL) {
            fail(c, OB_ERR_NOMEM, OB_REGEX_WHOLE, "");
            return 0;
        }
        p->insns = grown;
        c->insn_capacity = capacity;
    }
    p->insns[p->count] = (struct ob_nfa_insn){.op = (uint8_t)op, .a = a, .b = b, .x = x, .y = y};
    return (uint32_t)p->count++;
}

static void set_add(struct ob_nfa_set *set, unsigned char byte)
{
    set->bits[byte >> 6] |= (uint64_t)1 << (byte & 63);
}

static bool set_holds(const struct ob_nfa_set *set, unsigned char byte)
{
    return (set->bits[byte >> 6] >> (byte & 63)) & 1;
}

static void set_add_range(struct ob_nfa_set *set, unsigned low, unsigned high)
{
    for (unsigned byte = low; byte <= high && byte < 256; byte++)
        set_add(set, (unsigned char)byte);
}

static bool is_word(unsigned char byte)
{
    return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
           (byte >= '0' && byte <= '9') || byte == '_';
}

/* \d \w \s and their negations, as YARA has them: ASCII only. */
static void set_add_shorthand(struct ob_nfa_set *set, unsigned char letter)
{
    struct ob_nfa_set plain = {{0}};
    switch (letter | 0x20) {
    case 'd': set_add_range(&plain, '0', '9'); break;
    case 'w':
        for (unsigned byte = 0; byte < 256; byte++)
            if (is_word((unsigned char)byte))
                set_add(&plain, (unsigned char)byte);
        break;
    case 's':
        set_add_range(&plain, '\t', '\r'); /* \t \n \v \f \r */
        set_add(&plain, ' ');
        break;
    default: break;
    }
    bool negated = letter >= 'A' && letter <= 'Z';
    for (size_t w = 0; w < 4; w++)
        set->bits[w] |= negated ? ~plain.bits[w] : plain.bits[w];
}

/* Adds the other case of every ASCII letter the set holds. */
static void set_fold(struct ob_nfa_set *set)
{
    for (unsigned char low = 'a'; low <= 'z'; low++) {
        unsigned char up = (unsigned char)(low - 'a' + 'A');
        if (set_holds(set, low) || set_holds(set, up)) {
            set_add(set, low);
            set_add(set, up);
        }
    }
}

static void emit_set(struct compiler *c, const struct ob_nfa_set *set)
{
    if (c->status != OB_OK)
        return;
    struct ob_nfa_program *p = c->out;
    uint32_t index = 0;
    while (index < p->set_count && memcmp(&p->sets[index], set, sizeof(*set)) != 0)
        index++;
    if (index == p->set_count) {
        if (p->set_count == c->set_capacity) {
            size_t capacity = c->set_capacity == 0 ? 4 : c->set_capacity * 2;
            struct ob_nfa_set *grown = realloc(p->sets, capacity * sizeof(*grown));
            if (grown == NULL) {
                fail(c, OB_ERR_NOMEM, OB_REGEX_WHOLE, "");
                return;
            }
            p->sets = grown;
            c->set_capacity = capacity;
        }
        p->sets[p->set_count++] = *set;
    }
    emit(c, OB_NFA_SET, 0, 0, index, 0);
}

/* One byte, either case under (?i). */
static void emit_byte(struct compiler *c, unsigned char byte)
{
    unsigned char other = byte;
    if (c->regex->nocase && byte >= 'a' && byte <= 'z')
        other = (unsigned char)(byte - 'a' + 'A');
    else if (c->regex->nocase && byte >= 'A' && byte <= 'Z')
        other = (unsigned char)(byte - 'A' + 'a');
    emit(c, OB_NFA_BYTE, byte, other, 0, 0);
}

static void emit_separator(struct compiler *c)
{
    emit(c, OB_NFA_BYTE, '\\', '/', 0, 0);
}

static void emit_class(struct compiler *c, const struct ob_regex_token *token)
{
    struct ob_nfa_set set = {{0}};
    for (uint32_t k = 0; k < token->item_count; k++) {
        const struct ob_regex_class_item *item = &c->regex->items[token->first_item + k];
        if (item->shorthand)
            set_add_shorthand(&set, item->low);
        else
            set_add_range(&set, item->low, item->range ? item->high : item->low);
    }
    if (token->has_backslash)
        set_add(&set, '/'); /* a class that takes '\' takes either separator */
    if (c->regex->nocase)
        set_fold(&set);
    if (token->negated)
        for (size_t w = 0; w < 4; w++)
            set.bits[w] = ~set.bits[w];
    emit_set(c, &set);
}

static void emit_alternatives(struct compiler *c, size_t begin, size_t end);

static void emit_atom(struct compiler *c, size_t index)
{
    const struct ob_regex_token *token = &c->regex->tokens[index];
    struct ob_nfa_set set = {{0}};
    switch (token->kind) {
    case OB_REGEX_LITERAL: emit_byte(c, token->byte); return;
    case OB_REGEX_CHARACTER:
        for (size_t k = 0; k < token->length; k++)
            emit(c, OB_NFA_BYTE, token->bytes[k], token->bytes[k], 0, 0);
        return;
    case OB_REGEX_SEPARATOR: emit_separator(c); return;
    case OB_REGEX_DRIVE_ROOT:
        if (c->drive_shape) {
            set_add_range(&set, 'A', 'Z');
            set_add_range(&set, 'a', 'z');
            emit_set(c, &set);
            emit(c, OB_NFA_BYTE, ':', ':', 0, 0);
        }
        emit_separator(c);
        return;
    case OB_REGEX_ANY:
        set_add_range(&set, 0, 255);
        set.bits[0] &= ~((uint64_t)1 << '\n');
        emit_set(c, &set);
        return;
    case OB_REGEX_SHORTHAND:
        if ((token->byte | 0x20) == 'b') {
            emit(c, OB_NFA_ASSERT, token->byte == 'b' ? OB_NFA_WORD_EDGE : OB_NFA_NOT_WORD_EDGE, 0,
                 0, 0);
            return;
        }
        set_add_shorthand(&set, token->byte);
        emit_set(c, &set);
        return;
    case OB_REGEX_CLASS: emit_class(c, token); return;
    case OB_REGEX_START: emit(c, OB_NFA_ASSERT, OB_NFA_AT_START, 0, 0, 0); return;
    case OB_REGEX_END: emit(c, OB_NFA_ASSERT, OB_NFA_AT_END, 0, 0, 0); return;
    case OB_REGEX_OPEN: emit_alternatives(c, index + 1, token->close); return;
    case OB_REGEX_CLOSE:
    case OB_REGEX_BAR:
    case OB_REGEX_REPEAT:
    default: fail(c, OB_ERR_PARSE, OB_REGEX_WHOLE, _("nothing to repeat")); return;
    }
}

/* The upper count of a counted repeat, or UINT32_MAX for none ("{n,}"). */
static uint32_t repeat_maximum(const struct compiler *c, const struct ob_regex_token *token)
{
    if (!token->comma)
        return token->minimum;
    if (token->high_digits == 0)
        return UINT32_MAX;
    uint32_t high = 0;
    for (size_t k = 0; k < token->high_digits; k++)
        high = high * 10 + (uint32_t)(c->regex->pattern[token->high_at + k] - '0');
    return high;
}

/* Points every instruction of a chain threaded through their y fields
 * (each holds the index of the one before; the chain ends at `first`) at
 * `target`: the x of JUMPs (`jumps`, their y then cleared), else the y of
 * SPLITs. */
static void patch_chain(struct compiler *c, uint32_t last, uint32_t first, bool jumps,
                        uint32_t target)
{
    if (c->status != OB_OK)
        return;
    uint32_t at = last;
    for (;;) {
        struct ob_nfa_insn *insn = &c->out->insns[at];
        uint32_t before = insn->y;
        if (jumps) {
            insn->x = target;
            insn->y = 0;
        } else {
            insn->y = target;
        }
        if (at == first)
            break;
        at = before;
    }
}

static void emit_piece(struct compiler *c, size_t atom, size_t repeat_begin, size_t repeat_end);

/* The body of a repeat: the atom with the repeats before the last. */
static size_t emit_body(struct compiler *c, size_t atom, size_t repeat_begin, size_t repeat_end)
{
    size_t before = c->out->count;
    emit_piece(c, atom, repeat_begin, repeat_end - 1);
    return c->out->count - before;
}

/* The body any number of times, none included. */
static void emit_star(struct compiler *c, size_t atom, size_t repeat_begin, size_t repeat_end)
{
    uint32_t loop = emit(c, OB_NFA_SPLIT, 0, 0, 0, 0);
    emit_body(c, atom, repeat_begin, repeat_end);
    emit(c, OB_NFA_JUMP, 0, 0, loop, 0);
    if (c->status == OB_OK) {
        c->out->insns[loop].x = loop + 1;
        c->out->insns[loop].y = (uint32_t)c->out->count;
    }
}

static void emit_counted(struct compiler *c, const struct ob_regex_token *repeat, size_t atom,
                         size_t repeat_begin, size_t repeat_end)
{
    uint32_t minimum = repeat->minimum, maximum = repeat_maximum(c, repeat);
    if (maximum < minimum) {
        fail(c, OB_ERR_PARSE, OB_REGEX_WHOLE, _("min repeat greater than max repeat"));
        return;
    }
    for (uint32_t k = 0; k < minimum && c->status == OB_OK; k++)
        if (emit_body(c, atom, repeat_begin, repeat_end) == 0)
            break; /* an empty body repeated is still empty */
    if (maximum == UINT32_MAX) {
        emit_star(c, atom, repeat_begin, repeat_end);
        return;
    }
    /* Each optional copy may be left out, and then so are those after. */
    uint32_t first = 0, last = 0;
    for (uint32_t k = minimum; k < maximum && c->status == OB_OK; k++) {
        uint32_t split = emit(c, OB_NFA_SPLIT, 0, 0, 0, k == minimum ? 0 : last);
        if (c->status != OB_OK)
            return;
        c->out->insns[split].x = split + 1;
        if (k == minimum)
            first = split;
        last = split;
        emit_body(c, atom, repeat_begin, repeat_end);
    }
    if (maximum > minimum)
        patch_chain(c, last, first, false, (uint32_t)c->out->count);
}

/* The atom at `atom` with the repeats [repeat_begin, repeat_end) after it,
 * the last applying to what the others make of the atom. */
static void emit_piece(struct compiler *c, size_t atom, size_t repeat_begin, size_t repeat_end)
{
    if (c->status != OB_OK)
        return;
    if (repeat_begin == repeat_end) {
        emit_atom(c, atom);
        return;
    }
    const struct ob_regex_token *repeat = &c->regex->tokens[repeat_end - 1];
    uint32_t split;
    switch (repeat->form) {
    case OB_REPEAT_STAR: emit_star(c, atom, repeat_begin, repeat_end); return;
    case OB_REPEAT_PLUS: {
        uint32_t start = (uint32_t)c->out->count;
        emit_body(c, atom, repeat_begin, repeat_end);
        split = emit(c, OB_NFA_SPLIT, 0, 0, start, 0);
        if (c->status == OB_OK)
            c->out->insns[split].y = split + 1;
        return;
    }
    case OB_REPEAT_QUESTION:
        split = emit(c, OB_NFA_SPLIT, 0, 0, 0, 0);
        emit_body(c, atom, repeat_begin, repeat_end);
        if (c->status == OB_OK) {
            c->out->insns[split].x = split + 1;
            c->out->insns[split].y = (uint32_t)c->out->count;
        }
        return;
    case OB_REPEAT_COUNTED:
    default: emit_counted(c, repeat, atom, repeat_begin, repeat_end); return;
    }
}

static void emit_sequence(struct compiler *c, size_t begin, size_t end)
{
    size_t i = begin;
    while (i < end && c->status == OB_OK) {
        size_t after = indicators_filename_regex_next(c->regex, i);
        size_t repeats = after;
        while (repeats < end && c->regex->tokens[repeats].kind == OB_REGEX_REPEAT)
            repeats++;
        emit_piece(c, i, after, repeats);
        i = repeats;
    }
}

static void emit_alternatives(struct compiler *c, size_t begin, size_t end)
{
    size_t from = begin;
    uint32_t first_jump = 0, last_jump = 0;
    bool jumped = false;
    for (size_t i = begin; i < end && c->status == OB_OK;
         i = indicators_filename_regex_next(c->regex, i)) {
        if (c->regex->tokens[i].kind != OB_REGEX_BAR)
            continue;
        uint32_t split = emit(c, OB_NFA_SPLIT, 0, 0, 0, 0);
        emit_sequence(c, from, i);
        uint32_t jump = emit(c, OB_NFA_JUMP, 0, 0, 0, jumped ? last_jump : 0);
        if (c->status != OB_OK)
            return;
        if (!jumped)
            first_jump = jump;
        jumped = true;
        last_jump = jump;
        c->out->insns[split].x = split + 1;
        c->out->insns[split].y = (uint32_t)c->out->count;
        from = i + 1;
    }
    emit_sequence(c, from, end);
    if (jumped)
        patch_chain(c, last_jump, first_jump, true, (uint32_t)c->out->count);
}

/* ---- search ---------------------------------------------------------------- */

enum ob_status indicators_nfa_scratch_init(struct ob_nfa_scratch *scratch, size_t capacity)
{
    memset(scratch, 0, sizeof(*scratch));
    if (capacity == 0)
        capacity = 1;
    scratch->current = calloc(capacity, sizeof(uint32_t));
    scratch->next = calloc(capacity, sizeof(uint32_t));
    scratch->stack = calloc(2 * capacity + 1, sizeof(uint32_t));
    scratch->mark = calloc(capacity, sizeof(uint32_t));
    scratch->capacity = capacity;
    if (scratch->current == NULL || scratch->next == NULL || scratch->stack == NULL ||
        scratch->mark == NULL) {
        indicators_nfa_scratch_release(scratch);
        return OB_ERR_NOMEM;
    }
    return OB_OK;
}

void indicators_nfa_scratch_release(struct ob_nfa_scratch *scratch)
{
    free(scratch->current);
    free(scratch->next);
    free(scratch->stack);
    free(scratch->mark);
    memset(scratch, 0, sizeof(*scratch));
}

/* A fresh mark for the next list of states. */
static void next_generation(struct ob_nfa_scratch *scratch)
{
    if (++scratch->generation == 0) {
        memset(scratch->mark, 0, scratch->capacity * sizeof(*scratch->mark));
        scratch->generation = 1;
    }
}

struct search {
    const struct ob_nfa_insn *insns;
    size_t count;
    const unsigned char *text;
    size_t length;
    struct ob_nfa_scratch *scratch;
    bool any_place; /* no text: every assertion holds */
};

static bool assertion_holds(const struct search *s, unsigned char kind, size_t at)
{
    if (s->any_place)
        return true;
    switch (kind) {
    case OB_NFA_AT_START: return at == 0;
    case OB_NFA_AT_END: return at == s->length;
    case OB_NFA_NAME_END: return at == s->length || s->text[at] == '/' || s->text[at] == '\\';
    case OB_NFA_WORD_EDGE:
    case OB_NFA_NOT_WORD_EDGE: {
        bool before = at > 0 && is_word(s->text[at - 1]);
        bool after = at < s->length && is_word(s->text[at]);
        return (before != after) == (kind == OB_NFA_WORD_EDGE);
    }
    default: return false;
    }
}

/* Puts into `list` the byte-reading states reachable from `pc` at `at`
 * without reading; true when the match state is among them. */
static bool add_states(const struct search *s, uint32_t *list, size_t *size, uint32_t pc, size_t at)
{
    struct ob_nfa_scratch *scratch = s->scratch;
    uint32_t *stack = scratch->stack;
    size_t top = 0;
    stack[top++] = pc;
    while (top > 0) {
        pc = stack[--top];
        if (pc >= s->count || scratch->mark[pc] == scratch->generation)
            continue;
        scratch->mark[pc] = scratch->generation;
        scratch->steps++;
        const struct ob_nfa_insn *insn = &s->insns[pc];
        switch (insn->op) {
        case OB_NFA_MATCH: return true;
        case OB_NFA_JUMP: stack[top++] = insn->x; break;
        case OB_NFA_SPLIT:
            stack[top++] = insn->y;
            stack[top++] = insn->x;
            break;
        case OB_NFA_ASSERT:
            if (assertion_holds(s, insn->a, at))
                stack[top++] = pc + 1;
            break;
        default: list[(*size)++] = pc; break;
        }
    }
    return false;
}

bool indicators_nfa_search(const struct ob_nfa_insn *insns, size_t count,
                           const struct ob_nfa_set *sets, const char *text, size_t length,
                           struct ob_nfa_scratch *scratch)
{
    if (count == 0 || count > scratch->capacity)
        return false;
    struct search s = {.insns = insns,
                       .count = count,
                       .text = (const unsigned char *)text,
                       .length = length,
                       .scratch = scratch};
    bool anchored = insns[0].op == OB_NFA_ASSERT && insns[0].a == OB_NFA_AT_START;
    uint32_t *current = scratch->current, *next = scratch->next;
    size_t current_size = 0;
    next_generation(scratch);
    for (size_t at = 0;; at++) {
        /* A match may start here, unless the pattern starts at the start. */
        if ((at == 0 || !anchored) && add_states(&s, current, &current_size, 0, at))
            return true;
        if (at == length || (current_size == 0 && anchored))
            return false;
        unsigned char byte = s.text[at];
        size_t next_size = 0;
        next_generation(scratch);
        for (size_t k = 0; k < current_size; k++) {
            const struct ob_nfa_insn *insn = &insns[current[k]];
            scratch->steps++;
            bool takes = insn->op == OB_NFA_BYTE ? byte == insn->a || byte == insn->b
                                                 : set_holds(&sets[insn->x], byte);
            if (takes && add_states(&s, next, &next_size, current[k] + 1, at + 1))
                return true;
        }
        uint32_t *swap = current;
        current = next;
        next = swap;
        current_size = next_size;
    }
}

/* ---- compiling, the whole ----------------------------------------------- */

/* Refuses a program whose match state can be reached without reading a
 * byte, wherever that may be: every assertion taken to hold. */
static void refuse_empty_match(struct compiler *c)
{
    struct ob_nfa_scratch scratch;
    if (indicators_nfa_scratch_init(&scratch, c->out->count) != OB_OK) {
        fail(c, OB_ERR_NOMEM, OB_REGEX_WHOLE, "");
        return;
    }
    struct search s = {
        .insns = c->out->insns, .count = c->out->count, .scratch = &scratch, .any_place = true};
    size_t size = 0;
    next_generation(&scratch);
    if (add_states(&s, scratch.current, &size, 0, 0))
        fail(c, OB_ERR_PARSE, OB_REGEX_WHOLE,
             _("matches an empty name, so it would match every path"));
    indicators_nfa_scratch_release(&scratch);
}

enum ob_status indicators_nfa_compile(const struct ob_filename_regex *regex, bool drive_shape,
                                      struct ob_nfa_program *out, struct ob_regex_error *error)
{
    memset(out, 0, sizeof(*out));
    error->message = "";
    error->offset = 0;
    struct compiler c = {
        .regex = regex, .drive_shape = drive_shape, .out = out, .error = error, .status = OB_OK};
    emit_alternatives(&c, 0, regex->count);
    if (drive_shape && indicators_regex_ends_at_a_name(regex))
        emit(&c, OB_NFA_ASSERT, OB_NFA_NAME_END, 0, 0, 0);
    emit(&c, OB_NFA_MATCH, 0, 0, 0, 0);
    if (c.status == OB_OK)
        refuse_empty_match(&c);
    return c.status;
}

void indicators_nfa_release(struct ob_nfa_program *program)
{
    free(program->insns);
    free(program->sets);
    memset(program, 0, sizeof(*program));
}
