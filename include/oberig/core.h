/* SPDX-License-Identifier: Apache-2.0 */
/* oberig core: status codes, the context that carries diagnostics, version. */
#ifndef OBERIG_CORE_H
#define OBERIG_CORE_H

#include <stdarg.h>
#include <stddef.h>

#include "oberig/version.h" /* OB_VERSION_STRING, generated from CMakeLists.txt */

#ifdef __cplusplus
extern "C" {
#endif

#define OB_WARN_UNUSED __attribute__((warn_unused_result))

/* Every fallible function returns one of these; OB_OK is zero. */
enum ob_status {
    OB_OK = 0,
    OB_ERR_NOMEM,            /* an allocation failed */
    OB_ERR_IO,               /* a read, open or stat failed */
    OB_ERR_NOT_FOUND,        /* a named file or object does not exist */
    OB_ERR_PERMISSION,       /* the operating system refused access */
    OB_ERR_INVALID_ARGUMENT, /* the caller passed something unusable */
    OB_ERR_PARSE,            /* input was malformed */
    OB_ERR_LIMIT,            /* a configured limit was reached */
    OB_ERR_UNSUPPORTED,      /* input is valid but not handled */
    OB_ERR_RULES,            /* YARA rules failed to compile or load */
    OB_ERR_INTERNAL          /* a dependency failed in an unexpected way */
};

/* Returns a static, lowercase description of `status` in the language of
 * messages (gettext); never NULL. */
const char *ob_strerror(enum ob_status status);

/* The status for an errno value of a failed file operation: ENOENT and
 * ENOTDIR not found, EACCES and EPERM permission, ENOMEM memory, the rest
 * OB_ERR_IO. */
enum ob_status ob_status_from_errno(int error);

/* Severity of a diagnostic passed to the log callback. */
enum ob_log_level { OB_LOG_DEBUG, OB_LOG_INFO, OB_LOG_WARNING, OB_LOG_ERROR };

/* Receives diagnostics (never results). `message` is only valid during the
 * call. The callback may be invoked from several threads at once unless the
 * caller serialises it; the CLI's callback takes a lock. */
typedef void (*ob_log_fn)(void *user, enum ob_log_level level, const char *message);

/* A context carries the log callback and the text of the last error. It is
 * not thread-safe: give each thread that reports errors its own context, or
 * only use ob_context_log from several threads (which is safe when the
 * callback is). */
struct ob_context;

/* Creates a context. Returns NULL when memory is exhausted. The caller owns
 * the result and frees it with ob_context_free. */
struct ob_context *ob_context_new(ob_log_fn log, void *user);
void ob_context_free(struct ob_context *ctx);

/* Text of the last error recorded in `ctx` (path, line, offset), or "" when
 * none. Owned by the context; valid until the next call that records one. */
const char *ob_context_last_error(const struct ob_context *ctx);

/* Records `status` with a printf-style detail message as the last error and
 * returns `status`, so callers can write `return ob_context_fail(...)`. */
enum ob_status ob_context_fail(struct ob_context *ctx, enum ob_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sends a diagnostic to the log callback, if any. Thread-safe when the
 * callback is. */
void ob_context_log(const struct ob_context *ctx, enum ob_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- signals: every reason oberig can give, declared once ---------------- */

/* The score of a signal whose weight comes from the rule or indicator that
 * fired (a YARA rule's `score`, a list line's score). */
#define OB_SIGNAL_SCORE_FROM_INDICATOR (-1)

enum ob_signal_flags {
    /* Raised once per distinct evidence (each matching indicator counts),
     * instead of once per message or file. */
    OB_SIGNAL_PER_EVIDENCE = 1u << 0,
};

/* One reason a command can give. Each capability declares all of its
 * reasons in one table (ob_scan_signals, ob_mail_signals); the code raises
 * them by their place in that table, and the user guide's score tables,
 * the man pages and the translation catalogs follow from it. Every string
 * is static. */
struct ob_signal_def {
    const char *id;          /* stable, lower case ("attachment-rtlo"); never translated */
    int score;               /* default score, or OB_SIGNAL_SCORE_FROM_INDICATOR */
    int score_max;           /* highest score when it depends on the evidence, else 0 */
    unsigned flags;          /* enum ob_signal_flags */
    const char *score_note;  /* the score as the user guide gives it when a number or range says
                                too little ("20 (30 to free mail)"); or NULL */
    const char *title;       /* a short phrase for a finding's line ("hides its real extension"),
                                or NULL */
    const char *summary;     /* what it means, one or two sentences for tables */
    const char *explanation; /* printf template of the plain-language explanation shown with it */
    const char *advice;      /* id of the advice it triggers (the capability's advice table), or
                                NULL for the verdict's general advice */
};

/* Advice: what to do now, declared once per capability beside its signals. */
struct ob_advice_def {
    const char *id;   /* stable, lower case ("mail-opened-malware") */
    const char *text; /* plain-language advice, whole sentences */
};

/* A capability's signals and advice. */
struct ob_signal_table {
    const char *capability; /* "scan", "mail" */
    const struct ob_signal_def *signals;
    size_t signal_count;
    const struct ob_advice_def *advice;
    size_t advice_count;
};

/* The signal of `table` whose id is `id`, or NULL. */
const struct ob_signal_def *ob_signal_find(const struct ob_signal_table *table, const char *id);

/* The advice of `table` whose id is `id`, or NULL. */
const struct ob_advice_def *ob_advice_find(const struct ob_signal_table *table, const char *id);

/* Writes the score of `signal` as the user guide shows it (its score_note,
 * else "60", "10-30" or "from the rule or indicator"; words in the language
 * of messages) into `out`, cut to `size`. */
void ob_signal_score_text(const struct ob_signal_def *signal, char *out, size_t size);

/* Writes the explanation of `signal` into `out`, cut to `size`: its template
 * in the language of messages, filled in with the arguments, which must be
 * what that template's conversions ask for (the tables document each). */
void ob_signal_explain(const struct ob_signal_def *signal, char *out, size_t size, ...);
/* The same with the arguments as a va_list (needs <stdarg.h>). */
void ob_signal_vexplain(const struct ob_signal_def *signal, char *out, size_t size, va_list args);

#ifdef __cplusplus
}
#endif
#endif
