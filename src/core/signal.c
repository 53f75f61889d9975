/* SPDX-License-Identifier: Apache-2.0 */
/* Look-ups in a capability's table of signals and advice. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "oberig/core.h"

const struct ob_signal_def *ob_signal_find(const struct ob_signal_table *table, const char *id)
{
    if (table == NULL || id == NULL)
        return NULL;
    for (size_t i = 0; i < table->signal_count; i++)
        if (strcmp(table->signals[i].id, id) == 0)
            return &table->signals[i];
    return NULL;
}

const struct ob_advice_def *ob_advice_find(const struct ob_signal_table *table, const char *id)
{
    if (table == NULL || id == NULL)
        return NULL;
    for (size_t i = 0; i < table->advice_count; i++)
        if (strcmp(table->advice[i].id, id) == 0)
            return &table->advice[i];
    return NULL;
}

void ob_signal_score_text(const struct ob_signal_def *signal, char *out, size_t size)
{
    if (size == 0)
        return;
    if (signal->score_note != NULL)
        snprintf(out, size, "%s", _(signal->score_note));
    else if (signal->score == OB_SIGNAL_SCORE_FROM_INDICATOR)
        snprintf(out, size, "%s", _("from the rule or indicator"));
    else if (signal->score_max > 0 && signal->score_max > signal->score)
        snprintf(out, size, "%d-%d", signal->score, signal->score_max);
    else
        snprintf(out, size, "%d", signal->score);
}

void ob_signal_vexplain(const struct ob_signal_def *signal, char *out, size_t size, va_list args)
{
    /* The format is a signal table's explanation template, one of our
     * constants, not text from outside. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(out, size, _(signal->explanation), args);
#pragma GCC diagnostic pop
}

void ob_signal_explain(const struct ob_signal_def *signal, char *out, size_t size, ...)
{
    va_list args;
    va_start(args, size);
    ob_signal_vexplain(signal, out, size, args);
    va_end(args);
}
