/* SPDX-License-Identifier: Apache-2.0 */
/* What every command shares on stderr: its error messages, in one shape,
 * and its log callback; everything that came from outside is escaped. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/i18n.h"

/* "oberig scan", or "oberig" for the program itself. */
static void put_program(const char *command)
{
    fputs("oberig", stderr);
    if (command != NULL)
        fprintf(stderr, " %s", command);
}

/* Writes "oberig <command>: <message>" and a newline, the message escaped:
 * it may quote a path or a value from the command line. */
static void say(const char *command, const char *format, va_list args)
    __attribute__((format(printf, 2, 0)));

static void say(const char *command, const char *format, va_list args)
{
    char message[8192];
    vsnprintf(message, sizeof(message), format, args);
    put_program(command);
    fputs(": ", stderr);
    cli_put_safe(stderr, message);
    fputc('\n', stderr);
}

int cli_usage_error(const char *command, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    say(command, format, args);
    va_end(args);
    char program[64];
    snprintf(program, sizeof(program), "oberig%s%s", command != NULL ? " " : "",
             command != NULL ? command : "");
    /* TRANSLATORS: %s is the program and its command ("oberig scan"). */
    fprintf(stderr, _("Try '%s --help'.\n"), program);
    return OB_EXIT_ERROR;
}

int cli_error(const char *command, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    say(command, format, args);
    va_end(args);
    return OB_EXIT_ERROR;
}

int cli_fail(const char *command, const struct ob_context *ctx, enum ob_status status)
{
    const char *detail = ob_context_last_error(ctx);
    return cli_error(command, "%s", detail[0] != '\0' ? detail : ob_strerror(status));
}

void cli_log(void *user, enum ob_log_level level, const char *message)
{
    struct cli_log *log = user;
    if (level == OB_LOG_DEBUG || (level == OB_LOG_INFO && !log->verbose))
        return;
    if (level == OB_LOG_WARNING && !log->verbose && log->warnings++ >= OB_CLI_QUIET_WARNINGS)
        return;
    fprintf(stderr, "oberig: %s: ",
            level == OB_LOG_ERROR     ? _("error")
            : level == OB_LOG_WARNING ? _("warning")
                                      : _("info"));
    cli_put_safe(stderr, message);
    fputc('\n', stderr);
}

void cli_log_finish(const struct cli_log *log)
{
    if (log->warnings > OB_CLI_QUIET_WARNINGS && !log->verbose)
        fprintf(stderr,
                P_("oberig: %zu more warning not shown (use --verbose to see it)\n",
                   "oberig: %zu more warnings not shown (use --verbose to see them)\n",
                   log->warnings - OB_CLI_QUIET_WARNINGS),
                log->warnings - OB_CLI_QUIET_WARNINGS);
}

void cli_unreadable_processes(char *out, size_t size, size_t unreadable)
{
    if (geteuid() == 0)
        snprintf(out, size,
                 P_("the program of %zu process could not be read",
                    "the programs of %zu processes could not be read", unreadable),
                 unreadable);
    else
        snprintf(out, size,
                 P_("the program of %zu process could not be read (run as root to see "
                    "every process)",
                    "the programs of %zu processes could not be read (run as root to see "
                    "every process)",
                    unreadable),
                 unreadable);
}

void cli_deadline_after(struct timespec *until, long milliseconds)
{
    clock_gettime(CLOCK_REALTIME, until);
    until->tv_sec += milliseconds / 1000;
    until->tv_nsec += (milliseconds % 1000) * 1000 * 1000;
    if (until->tv_nsec >= 1000 * 1000 * 1000) {
        until->tv_sec++;
        until->tv_nsec -= 1000 * 1000 * 1000;
    }
}
