/* SPDX-License-Identifier: Apache-2.0 */
/* Parsers of the dpkg database: the status file and the md5sums files. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/array.h"
#include "oberig/packages.h"

#define MAX_CONFFILES 100000

/* A mutable, NUL-terminated copy of `text`, so lines can be cut in place. */
static char *copy_text(const char *text, size_t length)
{
    char *copy = malloc(length + 1);
    if (copy == NULL)
        return NULL;
    if (length > 0)
        memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

/* The next line of `*cursor` (up to `end`), cut at its '\n' and without a
 * trailing '\r'; NULL at the end. A NUL byte inside a line ends it early,
 * which the callers treat as the end of the value. */
static char *next_line(char **cursor, char *end)
{
    char *line = *cursor;
    if (line >= end)
        return NULL;
    char *newline = memchr(line, '\n', (size_t)(end - line));
    char *stop = newline != NULL ? newline : end;
    *cursor = newline != NULL ? newline + 1 : end;
    *stop = '\0';
    if (stop > line && stop[-1] == '\r')
        stop[-1] = '\0';
    return line;
}

static char *trim(char *text)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t length = strlen(text);
    while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t'))
        text[--length] = '\0';
    return text;
}

static bool is_md5(const char *text, size_t length)
{
    if (length != 32)
        return false;
    for (size_t i = 0; i < 32; i++)
        if (!isxdigit((unsigned char)text[i]))
            return false;
    return true;
}

static void lower(char *text)
{
    for (; *text != '\0'; text++)
        *text = (char)tolower((unsigned char)*text);
}

/* "install ok installed", "hold ok installed": the third word. */
static bool status_installed(const char *value)
{
    const char *last = strrchr(value, ' ');
    return last != NULL && strcmp(last + 1, "installed") == 0 && strstr(value, " ok ") != NULL;
}

struct paragraph {
    const char *name;
    const char *architecture;
    bool installed;
    bool in_conffiles;
    struct ob_dpkg_conffile *conffiles;
    size_t conffile_count;
};

/* " /etc/foo.conf 0123...abcdef [obsolete]" */
static enum ob_status add_conffile(struct paragraph *paragraph, char *line)
{
    char *path = strtok_r(line, " \t", &line);
    char *md5 = path != NULL ? strtok_r(NULL, " \t", &line) : NULL;
    char *flag = md5 != NULL ? strtok_r(NULL, " \t", &line) : NULL;
    if (md5 == NULL || path[0] != '/' || !is_md5(md5, strlen(md5)) ||
        (flag != NULL && strcmp(flag, "obsolete") == 0))
        return OB_OK; /* newconffile, obsolete or unreadable: nothing to compare */
    enum ob_status status =
        core_array_grow_counted((void **)&paragraph->conffiles, paragraph->conffile_count,
                                sizeof(*paragraph->conffiles), 16, MAX_CONFFILES);
    if (status != OB_OK)
        return status;
    lower(md5);
    paragraph->conffiles[paragraph->conffile_count++] = (struct ob_dpkg_conffile){.path = path,
                                                                                  .md5 = md5};
    return OB_OK;
}

/* Hands an installed package to `fn` and empties the paragraph. */
static bool finish_paragraph(struct paragraph *paragraph, ob_dpkg_package_fn fn, void *user)
{
    bool go_on = true;
    if (paragraph->name != NULL && paragraph->name[0] != '\0' && paragraph->installed) {
        struct ob_dpkg_package package = {
            .name = paragraph->name,
            .architecture = paragraph->architecture != NULL ? paragraph->architecture : "",
            .conffiles = paragraph->conffiles,
            .conffile_count = paragraph->conffile_count,
        };
        go_on = fn(user, &package);
    }
    paragraph->name = NULL;
    paragraph->architecture = NULL;
    paragraph->installed = false;
    paragraph->in_conffiles = false;
    paragraph->conffile_count = 0;
    return go_on;
}

enum ob_status ob_dpkg_status_parse(const char *text, size_t length, ob_dpkg_package_fn fn,
                                    void *user)
{
    enum ob_status status = OB_OK;
    struct paragraph paragraph = {0};
    char *copy = copy_text(text, length);
    if (copy == NULL)
        return OB_ERR_NOMEM;
    char *cursor = copy, *end = copy + length, *line;
    while ((line = next_line(&cursor, end)) != NULL) {
        if (trim(line)[0] == '\0') {
            if (!finish_paragraph(&paragraph, fn, user))
                goto out;
            continue;
        }
        if (line[0] == ' ' || line[0] == '\t') {
            if (paragraph.in_conffiles && (status = add_conffile(&paragraph, line)) != OB_OK)
                goto out;
            continue;
        }
        char *colon = strchr(line, ':');
        paragraph.in_conffiles = false;
        if (colon == NULL)
            continue; /* not a field: dpkg would refuse it, verification goes on */
        *colon = '\0';
        char *value = trim(colon + 1);
        if (strcasecmp(line, "Package") == 0)
            paragraph.name = value;
        else if (strcasecmp(line, "Architecture") == 0)
            paragraph.architecture = value;
        else if (strcasecmp(line, "Status") == 0)
            paragraph.installed = status_installed(value);
        else if (strcasecmp(line, "Conffiles") == 0)
            paragraph.in_conffiles = true;
    }
    finish_paragraph(&paragraph, fn, user);
out:
    free(paragraph.conffiles);
    free(copy);
    return status;
}

/* A path of an md5sums line: relative, not empty, without a ".." component. */
static bool usable_path(const char *path)
{
    if (path[0] == '\0')
        return false;
    for (const char *p = path; *p != '\0';) {
        size_t component = strcspn(p, "/");
        if (component == 2 && p[0] == '.' && p[1] == '.')
            return false;
        p += component;
        if (*p == '/')
            p++;
    }
    return true;
}

enum ob_status ob_dpkg_md5sums_parse(const char *text, size_t length, ob_dpkg_sum_fn fn, void *user)
{
    char *copy = copy_text(text, length);
    if (copy == NULL)
        return OB_ERR_NOMEM;
    char *cursor = copy, *end = copy + length, *line;
    size_t number = 0;
    while ((line = next_line(&cursor, end)) != NULL) {
        number++;
        if (line[0] == '\0')
            continue;
        char *path = NULL;
        if (strlen(line) > 34 && is_md5(line, 32) && line[32] == ' ' &&
            (line[33] == ' ' || line[33] == '*')) {
            line[32] = '\0';
            path = line + 34;
            while (*path == '/')
                path++;
        }
        bool go_on;
        if (path != NULL && usable_path(path)) {
            lower(line);
            go_on = fn(user, number, line, path);
        } else {
            go_on = fn(user, number, NULL, NULL);
        }
        if (!go_on)
            break;
    }
    free(copy);
    return OB_OK;
}
