/* SPDX-License-Identifier: Apache-2.0 */
/* The language of every message: from the locale (LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG) unless --lang says otherwise, and where the catalogs
 * are: beside the program in a build tree, else where CMake installed them. */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/i18n.h"

#ifndef OB_LOCALEDIR
#define OB_LOCALEDIR "/usr/local/share/locale"
#endif

/* The languages --lang takes; English is the texts in the sources. */
static const char *const languages[] = {"uk", "en"};

bool cli_language_valid(const char *language)
{
    for (size_t i = 0; i < sizeof(languages) / sizeof(languages[0]); i++)
        if (strcmp(language, languages[i]) == 0)
            return true;
    return false;
}

const char *cli_language_option(int argc, char **argv)
{
    const char *language = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            language = argv[++i];
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            language = argv[i] + 7;
    }
    return language;
}

/* The folder of catalogs: "locale" beside the program when it holds ours
 * (a build tree), else the installed one. */
static void catalog_folder(char *folder, size_t size)
{
    char program[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", program, sizeof(program) - 1);
    if (length > 0) {
        program[length] = '\0';
        char *slash = strrchr(program, '/');
        if (slash != NULL) {
            *slash = '\0';
            char probe[PATH_MAX + 64];
            snprintf(probe, sizeof(probe), "%s/locale/uk/LC_MESSAGES/" OB_TEXT_DOMAIN ".mo",
                     program);
            if (access(probe, R_OK) == 0) {
                snprintf(folder, size, "%s/locale", program);
                return;
            }
        }
    }
    snprintf(folder, size, "%s", OB_LOCALEDIR);
}

/* The first of LC_ALL, LC_MESSAGES, LANG that is set, as gettext reads them. */
static const char *locale_variable(void)
{
    static const char *const names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        const char *value = getenv(names[i]);
        if (value != NULL && value[0] != '\0')
            return value;
    }
    return NULL;
}

static bool is_plain_c(const char *name)
{
    return name == NULL || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

void cli_language_init(const char *language)
{
    /* Only messages and character classes follow the locale: numbers in
     * JSON keep their '.', and sorting stays byte order. */
    const char *wanted = locale_variable();
    const char *messages = setlocale(LC_MESSAGES, "");
    if (messages == NULL) {
        /* The locale asked for is not installed on this machine (uk_UA.UTF-8
         * on a fresh system, say): its language is still the one wanted. */
        messages = setlocale(LC_MESSAGES, "C.UTF-8");
        if (language == NULL && wanted != NULL && !is_plain_c(wanted) && getenv("LANGUAGE") == NULL)
            setenv("LANGUAGE", wanted, 1);
    }
    if (setlocale(LC_CTYPE, "") == NULL)
        setlocale(LC_CTYPE, "C.UTF-8");
    if (language != NULL && cli_language_valid(language)) {
        setenv("LANGUAGE", language, 1);
        /* gettext ignores LANGUAGE under the plain C locale. */
        if (is_plain_c(messages))
            setlocale(LC_MESSAGES, "C.UTF-8");
    }
    char folder[PATH_MAX + 16];
    catalog_folder(folder, sizeof(folder));
    bindtextdomain(OB_TEXT_DOMAIN, folder);
    bind_textdomain_codeset(OB_TEXT_DOMAIN, "UTF-8");
    textdomain(OB_TEXT_DOMAIN);
}
