/* SPDX-License-Identifier: Apache-2.0 */
/* ob_persistence_list: chooses Linux or Windows, and what both share:
 * raising and scoring signals, paths inside the root, capped reading. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "triage/persistence_internal.h"

const char *ob_persistence_kind_name(enum ob_persistence_kind kind)
{
    switch (kind) {
    case OB_PERSISTENCE_CRON: return "cron";
    case OB_PERSISTENCE_SYSTEMD: return "systemd";
    case OB_PERSISTENCE_XDG_AUTOSTART: return "xdg-autostart";
    case OB_PERSISTENCE_SHELL: return "shell-startup";
    case OB_PERSISTENCE_AUTHORIZED_KEY: return "authorized-key";
    case OB_PERSISTENCE_LD_PRELOAD: return "ld-preload";
    case OB_PERSISTENCE_RUN_KEY: return "run-key";
    case OB_PERSISTENCE_SERVICE: return "service";
    case OB_PERSISTENCE_WINLOGON_VALUE: return "winlogon";
    case OB_PERSISTENCE_IFEO: return "ifeo-debugger";
    case OB_PERSISTENCE_APPINIT: return "appinit-dlls";
    case OB_PERSISTENCE_TASK: return "scheduled-task";
    case OB_PERSISTENCE_STARTUP_FOLDER: return "startup-folder";
    }
    return "unknown";
}

const char *ob_persistence_when_name(enum ob_persistence_when when)
{
    switch (when) {
    case OB_PERSISTENCE_AT_BOOT: return "boot";
    case OB_PERSISTENCE_AT_LOGON: return "logon";
    case OB_PERSISTENCE_ON_SCHEDULE: return "schedule";
    case OB_PERSISTENCE_WITH_PROGRAMS: return "programs";
    case OB_PERSISTENCE_SHELL_OPENS: return "shell";
    case OB_PERSISTENCE_REMOTE_LOGIN: return "remote-login";
    }
    return "unknown";
}

void triage_copy(char *out, size_t size, const char *text)
{
    if (size == 0)
        return;
    size_t length = strlen(text);
    if (length >= size) {
        length = size - 1;
        /* Do not cut a UTF-8 sequence in two. */
        while (length > 0 && ((unsigned char)text[length] & 0xC0) == 0x80)
            length--;
    }
    memcpy(out, text, length);
    out[length] = '\0';
}

void triage_join(char *out, size_t size, const char *first, const char *separator,
                 const char *second)
{
    int length = snprintf(out, size, "%s%s%s", first, separator, second);
    if (length < 0 || (size_t)length >= size)
        out[0] = '\0';
}

void triage_entry_init(struct ob_persistence_entry *entry, enum ob_persistence_kind kind,
                       enum ob_persistence_when when, const char *file)
{
    memset(entry, 0, sizeof(*entry));
    entry->kind = kind;
    entry->when = when;
    triage_copy(entry->file, sizeof(entry->file), file);
}

void triage_raise(struct ob_persistence_entry *entry, enum ob_persistence_signal signal, ...)
{
    if (entry->finding_count >= OB_PERSISTENCE_MAX_FINDINGS)
        return;
    for (size_t i = 0; i < entry->finding_count; i++)
        if (entry->findings[i].signal == signal)
            return;
    const struct ob_signal_def *def = &ob_persistence_signals()->signals[signal];
    struct ob_persistence_finding *finding = &entry->findings[entry->finding_count++];
    finding->signal = signal;
    finding->id = def->id;
    finding->score = def->score;
    va_list args;
    va_start(args, signal);
    ob_signal_vexplain(def, finding->explanation, sizeof(finding->explanation), args);
    va_end(args);
}

/* Whether a component of `path` ('/'-separated) is `name`, in any case. */
static bool has_component(const char *path, const char *name)
{
    size_t length = strlen(name);
    for (const char *p = path; (p = strchr(p, '/')) != NULL; p++)
        if (strncasecmp(p + 1, name, length) == 0 &&
            (p[1 + length] == '/' || p[1 + length] == '\0'))
            return true;
    return false;
}

static bool starts_with(const char *text, const char *prefix, bool nocase)
{
    size_t length = strlen(prefix);
    return nocase ? strncasecmp(text, prefix, length) == 0 : strncmp(text, prefix, length) == 0;
}

static void raise_folder_signals(const struct triage_run *run, struct ob_persistence_entry *entry)
{
    size_t root_length = strlen(run->root);
    if (strncmp(entry->program, run->root, root_length) != 0)
        return;
    const char *inside = entry->program + root_length;
    bool nocase = entry->windows;
    if (starts_with(inside, "/tmp/", nocase) || starts_with(inside, "/var/tmp/", nocase) ||
        starts_with(inside, "/dev/shm/", nocase) ||
        (entry->windows && has_component(inside, "Temp")))
        triage_raise(entry, OB_PERSISTENCE_TEMP_FOLDER, entry->program);
    else if (has_component(inside, "Downloads") ||
             (entry->windows &&
              (has_component(inside, "AppData") || starts_with(inside, "/Users/Public/", true))))
        triage_raise(entry, OB_PERSISTENCE_USER_FOLDER, entry->program);
}

void triage_emit(struct triage_run *run, struct ob_persistence_entry *entry)
{
    if (run->entry_count >= OB_PERSISTENCE_MAX_ENTRIES)
        return;
    run->entry_count++;
    if (run->entry_count == OB_PERSISTENCE_MAX_ENTRIES)
        triage_problem(run, run->root[0] != '\0' ? run->root : "/",
                       _("too many persistence entries; the rest are not listed"));
    if (entry->program[0] != '\0') {
        entry->program_exists = triage_is_file(entry->program);
        /* A program that is not there has nothing to scan: the folder it
         * would be in adds nothing. A Startup folder is in AppData itself. */
        if (!entry->program_exists)
            triage_raise(entry, OB_PERSISTENCE_MISSING_PROGRAM, entry->program);
        else if (entry->kind != OB_PERSISTENCE_STARTUP_FOLDER)
            raise_folder_signals(run, entry);
    }
    struct stat st;
    /* a file-held entry: the time its holder file was last changed */
    if (entry->time == 0 && entry->key[0] == '\0' && lstat(entry->file, &st) == 0)
        entry->time = (int64_t)st.st_mtime;
    entry->score = 0;
    for (size_t i = 0; i < entry->finding_count; i++)
        entry->score += entry->findings[i].score;
    entry->level = entry->score >= OB_DEFAULT_ALERT_SCORE     ? OB_LEVEL_ALERT
                   : entry->score >= OB_DEFAULT_WARNING_SCORE ? OB_LEVEL_WARNING
                   : entry->score >= OB_DEFAULT_NOTICE_SCORE  ? OB_LEVEL_NOTICE
                                                              : OB_LEVEL_NONE;
    if (run->callbacks->entry != NULL)
        run->callbacks->entry(run->callbacks->user, entry);
}

void triage_problem(struct triage_run *run, const char *path, const char *message)
{
    if (run->callbacks->problem != NULL)
        run->callbacks->problem(run->callbacks->user, path, message);
}

void triage_path(const struct triage_run *run, const char *inside, char *out, size_t size)
{
    snprintf(out, size, "%s%s", run->root, inside);
}

bool triage_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool triage_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The name in folder `dir` equal to `name` without regard to case, into
 * `found` (exact match first). */
static bool find_name(const char *dir, const char *name, bool nocase, char *found, size_t size)
{
    char path[OB_PERSISTENCE_MAX_PATH];
    triage_join(path, sizeof(path), dir, "/", name);
    struct stat st;
    if (lstat(path, &st) == 0) {
        triage_copy(found, size, name);
        return true;
    }
    if (!nocase)
        return false;
    DIR *d = opendir(dir[0] != '\0' ? dir : "/");
    if (d == NULL)
        return false;
    bool ok = false;
    size_t seen = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && seen++ < TRIAGE_MAX_DIR_ENTRIES) {
        if (strcasecmp(e->d_name, name) == 0) {
            triage_copy(found, size, e->d_name);
            ok = true;
            break;
        }
    }
    closedir(d);
    return ok;
}

static bool find_path(const char *base, const char *inside, bool nocase, char *out, size_t size)
{
    char current[OB_PERSISTENCE_MAX_PATH];
    triage_copy(current, sizeof(current), base);
    const char *p = inside;
    bool exists = true;
    while (*p != '\0') {
        while (*p == '/')
            p++;
        if (*p == '\0')
            break;
        const char *end = strchr(p, '/');
        size_t whole = end != NULL ? (size_t)(end - p) : strlen(p);
        char component[256], found[256];
        size_t length = whole < sizeof(component) ? whole : sizeof(component) - 1;
        memcpy(component, p, length);
        component[length] = '\0';
        p += whole;
        if (strcmp(component, ".") == 0)
            continue;
        size_t used = strlen(current);
        if (strcmp(component, "..") == 0) {
            /* Never out of the root: the path is not there, and ".." is dropped. */
            exists = false;
        } else if (exists && find_name(current, component, nocase, found, sizeof(found))) {
            snprintf(current + used, sizeof(current) - used, "/%s", found);
        } else {
            exists = false;
            snprintf(current + used, sizeof(current) - used, "/%s", component);
        }
    }
    triage_copy(out, size, current);
    return exists;
}

bool triage_find_nocase(const char *base, const char *inside, char *out, size_t size)
{
    return find_path(base, inside, true, out, size);
}

bool triage_find(const char *base, const char *inside, char *out, size_t size)
{
    return find_path(base, inside, false, out, size);
}

bool triage_read_file(struct triage_run *run, const char *path)
{
    const char *reason = NULL;
    enum ob_status status = core_buffer_read_file(&run->file, path, &reason);
    if (status == OB_OK)
        return true;
    if (status != OB_ERR_NOT_FOUND) {
        char message[256];
        if (status == OB_ERR_LIMIT)
            snprintf(message, sizeof(message), _("larger than %d bytes; not read"),
                     OB_PERSISTENCE_MAX_FILE);
        else
            snprintf(message, sizeof(message), "%s", reason != NULL ? reason : ob_strerror(status));
        triage_problem(run, path, message);
    }
    return false;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t triage_list_dir(struct triage_run *run, const char *path, struct ob_buffer *names)
{
    core_buffer_reset(names, 1 << 20);
    DIR *d = opendir(path);
    if (d == NULL)
        return 0;
    struct ob_buffer raw;
    core_buffer_init(&raw, 1 << 24);
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (count >= TRIAGE_MAX_DIR_ENTRIES) {
            triage_problem(run, path, _("too many files in this folder; the rest are not read"));
            break;
        }
        if (core_buffer_append(&raw, e->d_name, strlen(e->d_name) + 1) != OB_OK)
            break;
        count++;
    }
    closedir(d);
    const char **list = count > 0 ? calloc(count, sizeof(*list)) : NULL;
    if (list == NULL) {
        core_buffer_release(&raw);
        return 0;
    }
    const char *p = (const char *)raw.data;
    for (size_t i = 0; i < count; i++) {
        list[i] = p;
        p += strlen(p) + 1;
    }
    qsort(list, count, sizeof(*list), compare_names);
    size_t kept = 0;
    for (size_t i = 0; i < count; i++)
        if (core_buffer_append(names, list[i], strlen(list[i]) + 1) == OB_OK)
            kept++;
    free(list);
    core_buffer_release(&raw);
    return kept;
}

enum ob_status ob_persistence_list(struct ob_context *ctx, const char *root,
                                   const struct ob_persistence_callbacks *callbacks)
{
    static const struct ob_persistence_callbacks none = {0};
    if (root == NULL || root[0] == '\0')
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("no root folder given"));
    struct stat st;
    if (stat(root, &st) != 0)
        return ob_context_fail(ctx, ob_status_from_errno(errno), _("cannot read '%s': %s"), root,
                               strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return ob_context_fail(ctx, OB_ERR_IO, _("'%s' is not a folder"), root);
    struct triage_run *run = calloc(1, sizeof(*run));
    if (run == NULL)
        return ob_context_fail(ctx, OB_ERR_NOMEM, "%s", ob_strerror(OB_ERR_NOMEM));
    run->ctx = ctx;
    run->callbacks = callbacks != NULL ? callbacks : &none;
    triage_copy(run->root, sizeof(run->root), root);
    size_t length = strlen(run->root);
    while (length > 0 && run->root[length - 1] == '/')
        run->root[--length] = '\0';
    core_buffer_init(&run->file, OB_PERSISTENCE_MAX_FILE);
    char software[OB_PERSISTENCE_MAX_PATH];
    if (triage_find_nocase(run->root, "Windows/System32/config/SOFTWARE", software,
                           sizeof(software)))
        triage_windows(run);
    else
        triage_linux(run);
    core_buffer_release(&run->file);
    free(run);
    return OB_OK;
}
