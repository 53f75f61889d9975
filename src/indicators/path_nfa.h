/* SPDX-License-Identifier: Apache-2.0 */
/* A matcher for parsed file-name regexes whose time is linear in the
 * length of the path: the regex becomes a Thompson automaton, and a search
 * follows every state it can be in at once, so no pattern can make it go
 * back over the path (YARA's regex engine, like Python's, can be made to
 * take seconds on one path: "(.*a){20}$" against 3.7 KB took 10 s). It only
 * says whether the pattern is found, which is all an indicator needs. */
#ifndef OB_INDICATORS_PATH_NFA_H
#define OB_INDICATORS_PATH_NFA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "indicators/filename_regex.h"
#include "oberig/core.h"

/* Most instructions a pattern may become once its counted repeats are
 * written out ("[a-f0-9]{64}" takes 65). A search costs at most about
 * twice this many steps per byte of the path. */
#define OB_NFA_MAX_INSNS 2048

enum ob_nfa_op {
    OB_NFA_BYTE,   /* the byte `a` or the byte `b` */
    OB_NFA_SET,    /* a byte in set `x` */
    OB_NFA_SPLIT,  /* go on at `x` and at `y` */
    OB_NFA_JUMP,   /* go on at `x` */
    OB_NFA_ASSERT, /* a condition at this place, `a`: enum ob_nfa_assertion */
    OB_NFA_MATCH,
};

enum ob_nfa_assertion {
    OB_NFA_AT_START,      /* '^': the start of the path */
    OB_NFA_AT_END,        /* '$': the end of the path */
    OB_NFA_WORD_EDGE,     /* \b */
    OB_NFA_NOT_WORD_EDGE, /* \B */
    OB_NFA_NAME_END,      /* a separator or the end follows */
};

struct ob_nfa_insn {
    uint8_t op;
    unsigned char a, b;
    uint32_t x, y; /* SPLIT and JUMP: instruction indices within the program */
};

/* A byte set: bit c of word c / 64. */
struct ob_nfa_set {
    uint64_t bits[4];
};

/* A compiled pattern. Caller-owned: indicators_nfa_compile fills it and
 * indicators_nfa_release frees it (also after a failed compile). */
struct ob_nfa_program {
    struct ob_nfa_insn *insns;
    size_t count;
    struct ob_nfa_set *sets;
    size_t set_count;
};

/* Compiles `regex` with the meaning its YARA translation has
 * (regex_translate.c): a separator is '\' or '/'; a drive root is any
 * folder, or with `drive_shape` a letter, ':' and a separator, and then a
 * match must also end where a name ends; `(?i)` folds ASCII case; '.'
 * is any byte but '\n'; \w \d \s are ASCII. Errors, with `error` set
 * (offset OB_REGEX_WHOLE): OB_ERR_UNSUPPORTED when the program would pass
 * OB_NFA_MAX_INSNS; OB_ERR_PARSE for a pattern that matches an empty text,
 * which would match every path, or a repeat whose counts are the wrong
 * way round; OB_ERR_NOMEM. */
enum ob_status indicators_nfa_compile(const struct ob_filename_regex *regex, bool drive_shape,
                                      struct ob_nfa_program *out,
                                      struct ob_regex_error *error) OB_WARN_UNUSED;

void indicators_nfa_release(struct ob_nfa_program *program);

/* Per-thread room for searches, sized for programs of up to `capacity`
 * instructions. `steps` adds up the work of every search made with it:
 * states entered and bytes tried, at most 2 * (length + 1) * count per
 * search. */
struct ob_nfa_scratch {
    uint32_t *current, *next, *stack, *mark;
    size_t capacity;
    uint32_t generation;
    uint64_t steps;
};

enum ob_status indicators_nfa_scratch_init(struct ob_nfa_scratch *scratch,
                                           size_t capacity) OB_WARN_UNUSED;
void indicators_nfa_scratch_release(struct ob_nfa_scratch *scratch);

/* True when the program (`count` instructions from `insns`, its SET
 * instructions indexing `sets`) matches somewhere in `text`. `count` must
 * not pass the scratch's capacity. Reads only its arguments and writes
 * only `scratch`, so threads with scratches of their own may share the
 * program. */
bool indicators_nfa_search(const struct ob_nfa_insn *insns, size_t count,
                           const struct ob_nfa_set *sets, const char *text, size_t length,
                           struct ob_nfa_scratch *scratch);

#endif
