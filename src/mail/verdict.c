/* SPDX-License-Identifier: Apache-2.0 */
/* The verdict builder: reasons and indicators of one message, their
 * strings kept in the builder's arena. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/array.h"
#include "mail/mail_internal.h"

#define REASONS_MAX 200
#define INDICATORS_MAX 5000

const char *mail_verdict_keep(struct ob_mail_verdict_builder *verdict, const char *text)
{
    const char *copy = NULL;
    if (text == NULL)
        return NULL;
    size_t length = strlen(text);
    if (length > OB_MAIL_HEADER_MAX)
        length = OB_MAIL_HEADER_MAX;
    return core_arena_strdup(&verdict->text, text, length, &copy) == OB_OK ? copy : NULL;
}

static bool has_reason(const struct ob_mail_verdict_builder *verdict, const char *signal,
                       const char *evidence)
{
    for (size_t i = 0; i < verdict->reason_count; i++)
        if (strcmp(verdict->reasons[i].signal, signal) == 0 &&
            (evidence == NULL || strcmp(verdict->reasons[i].evidence, evidence) == 0))
            return true;
    return false;
}

bool mail_has_reason(const struct ob_mail_verdict_builder *verdict, enum mail_signal signal)
{
    const struct ob_signal_def *def = mail_signal(signal);
    return def != NULL && has_reason(verdict, def->id, NULL);
}

/* Appends a reason: `signal` is static (a table's id) or already kept in
 * the verdict's text. */
static void append(struct ob_mail_verdict_builder *verdict, const char *signal, int score,
                   const char *evidence, const char *explanation)
{
    if (core_array_grow((void **)&verdict->reasons, &verdict->reason_capacity,
                        verdict->reason_count + 1, sizeof(*verdict->reasons), 16,
                        REASONS_MAX) != OB_OK)
        return;
    struct ob_mail_reason reason = {
        .signal = signal,
        .score = score,
        .explanation = mail_verdict_keep(verdict, explanation),
        .evidence = mail_verdict_keep(verdict, evidence != NULL ? evidence : ""),
    };
    if (reason.signal == NULL || reason.explanation == NULL || reason.evidence == NULL)
        return;
    verdict->reasons[verdict->reason_count++] = reason;
    verdict->score += score;
}

/* The score range a signal's table entry declares. */
static int clamp_score(const struct ob_signal_def *def, int score)
{
    int low = def->score == OB_SIGNAL_SCORE_FROM_INDICATOR ? 0 : def->score;
    int high = def->score_max > low ? def->score_max : low;
    return score < low ? low : score > high ? high : score;
}

/* Adds a reason of `signal` at `score`, explained by `template` filled
 * with `args`. */
static void add(struct ob_mail_verdict_builder *verdict, enum mail_signal signal, int score,
                const char *template, const char *evidence, va_list args)
{
    const struct ob_signal_def *def = mail_signal(signal);
    if (def == NULL || verdict->reason_count >= REASONS_MAX)
        return;
    bool per_evidence = (def->flags & OB_SIGNAL_PER_EVIDENCE) != 0;
    if (has_reason(verdict, def->id, per_evidence ? (evidence != NULL ? evidence : "") : NULL))
        return;
    char explanation[2048];
    /* The template is the signal table's own text (or its translation,
     * which msgfmt --check holds to the same conversions), never input. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(explanation, sizeof(explanation), template, args);
#pragma GCC diagnostic pop
    append(verdict, def->id, clamp_score(def, score), evidence, explanation);
}

void mail_reason_add(struct ob_mail_verdict_builder *verdict, enum mail_signal signal,
                     const char *evidence, ...)
{
    const struct ob_signal_def *def = mail_signal(signal);
    if (def == NULL)
        return;
    va_list args;
    va_start(args, evidence);
    add(verdict, signal, def->score, _(def->explanation), evidence, args);
    va_end(args);
}

void mail_reason_add_scored(struct ob_mail_verdict_builder *verdict, enum mail_signal signal,
                            int score, const char *evidence, ...)
{
    const struct ob_signal_def *def = mail_signal(signal);
    if (def == NULL)
        return;
    va_list args;
    va_start(args, evidence);
    add(verdict, signal, score, _(def->explanation), evidence, args);
    va_end(args);
}

void mail_reason_add_worded(struct ob_mail_verdict_builder *verdict, enum mail_wording wording,
                            const char *evidence, ...)
{
    const struct ob_mail_wording_def *worded = mail_wording(wording);
    if (worded == NULL)
        return;
    va_list args;
    va_start(args, evidence);
    add(verdict, worded->signal, mail_signal(worded->signal)->score, _(worded->explanation),
        evidence, args);
    va_end(args);
}

void mail_reason_add_worded_scored(struct ob_mail_verdict_builder *verdict,
                                   enum mail_wording wording, int score, const char *evidence, ...)
{
    const struct ob_mail_wording_def *worded = mail_wording(wording);
    if (worded == NULL)
        return;
    va_list args;
    va_start(args, evidence);
    add(verdict, worded->signal, score, _(worded->explanation), evidence, args);
    va_end(args);
}

void mail_indicator_add(struct ob_mail_verdict_builder *verdict, const char *kind,
                        const char *value, const char *sha256, const char *md5)
{
    if (value == NULL || value[0] == '\0' || verdict->indicator_count >= INDICATORS_MAX)
        return;
    /* A loose parser takes a bare word ("From: support") for an address:
     * a name is not an indicator anyone can block. */
    if (mail_indicator_is_address(kind) && !mail_looks_like_address(value))
        return;
    for (size_t i = 0; i < verdict->indicator_count; i++)
        if (strcmp(verdict->indicators[i].kind, kind) == 0 &&
            strcmp(verdict->indicators[i].value, value) == 0)
            return;
    if (core_array_grow((void **)&verdict->indicators, &verdict->indicator_capacity,
                        verdict->indicator_count + 1, sizeof(*verdict->indicators), 16,
                        INDICATORS_MAX) != OB_OK)
        return;
    struct ob_mail_indicator indicator = {
        .kind = mail_verdict_keep(verdict, kind),
        .value = mail_verdict_keep(verdict, value),
        .sha256 = mail_verdict_keep(verdict, sha256),
        .md5 = mail_verdict_keep(verdict, md5),
    };
    if (indicator.kind == NULL || indicator.value == NULL)
        return;
    verdict->indicators[verdict->indicator_count++] = indicator;
}

void mail_verdict_init(struct ob_mail_verdict_builder *verdict)
{
    memset(verdict, 0, sizeof(*verdict));
    core_arena_init(&verdict->text, (size_t)256 << 20);
}

void mail_verdict_release(struct ob_mail_verdict_builder *verdict)
{
    free(verdict->reasons);
    free(verdict->indicators);
    core_arena_release(&verdict->text);
    memset(verdict, 0, sizeof(*verdict));
}
