/* SPDX-License-Identifier: Apache-2.0 */
/* Persistence on a Linux system or disk: cron, systemd units, XDG
 * autostart, shell start-up files, authorized_keys and ld.so.preload. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "triage/persistence_internal.h"

/* The next line of `text` (from *at) into `line`, cut at `size`;
 * whitespace at both ends removed. Returns false at the end. */
static bool next_line(const char *text, size_t *at, char *line, size_t size)
{
    if (text[*at] == '\0')
        return false;
    const char *start = text + *at;
    const char *end = strchr(start, '\n');
    size_t length = end != NULL ? (size_t)(end - start) : strlen(start);
    *at += length + (end != NULL ? 1 : 0);
    while (length > 0 && isspace((unsigned char)*start)) {
        start++;
        length--;
    }
    while (length > 0 && isspace((unsigned char)start[length - 1]))
        length--;
    if (length >= size)
        length = size - 1;
    memcpy(line, start, length);
    line[length] = '\0';
    return true;
}

/* The first word of `command` (quotes removed) into `word`. */
static void first_word(const char *command, char *word, size_t size)
{
    const char *p = command;
    while (isspace((unsigned char)*p))
        p++;
    size_t n = 0;
    char quote = (*p == '"' || *p == '\'') ? *p++ : '\0';
    while (*p != '\0' && (quote != '\0' ? *p != quote : !isspace((unsigned char)*p)) &&
           n + 1 < size)
        word[n++] = *p++;
    word[n] = '\0';
}

/* The program `command` starts, as a path joined to the root, into
 * entry->program: an absolute first word, or a bare name found in the
 * usual program folders. */
static void set_program(const struct triage_run *run, struct ob_persistence_entry *entry,
                        const char *command)
{
    static const char *const folders[] = {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
                                          "/usr/bin",        "/sbin",          "/bin"};
    char word[OB_PERSISTENCE_MAX_PATH];
    first_word(command, word, sizeof(word));
    if (word[0] == '/') {
        /* Components matched as written ("." and ".." kept inside the root). */
        char root[OB_PERSISTENCE_MAX_PATH];
        triage_path(run, "", root, sizeof(root));
        triage_find(root, word, entry->program, sizeof(entry->program));
        return;
    }
    if (word[0] == '\0' || strchr(word, '/') != NULL || strchr(word, '=') != NULL)
        return;
    for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]); i++) {
        char inside[OB_PERSISTENCE_MAX_PATH], path[OB_PERSISTENCE_MAX_PATH];
        triage_join(inside, sizeof(inside), folders[i], "/", word);
        triage_path(run, inside, path, sizeof(path));
        if (triage_is_file(path)) {
            triage_copy(entry->program, sizeof(entry->program), path);
            return;
        }
    }
}

/* Whether the folder entry `path` is a regular file, not followed if a link. */
static bool is_plain_file(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The text of the regular file `path` (not a link), or NULL. */
static const char *read_text(struct triage_run *run, const char *path)
{
    return is_plain_file(path) && triage_read_file(run, path) ? core_buffer_str(&run->file) : NULL;
}

/* ---- cron ------------------------------------------------------------------ */

/* A crontab line that sets a variable: "SHELL=/bin/sh", "PATH = ...". */
static bool is_assignment(const char *line)
{
    const char *p = line;
    if (!isalpha((unsigned char)*p) && *p != '_')
        return false;
    while (isalnum((unsigned char)*p) || *p == '_')
        p++;
    p += strspn(p, " \t");
    return *p == '=';
}

/* One crontab: `user` is the owner for a user's crontab, NULL for the
 * system ones, whose lines name the user in a sixth field. */
static void cron_table(struct triage_run *run, const char *path, const char *user)
{
    const char *text = read_text(run, path);
    if (text == NULL)
        return;
    char line[OB_PERSISTENCE_MAX_COMMAND];
    size_t at = 0;
    while (next_line(text, &at, line, sizeof(line))) {
        if (line[0] == '\0' || line[0] == '#')
            continue;
        if (is_assignment(line))
            continue; /* SHELL=/bin/sh, PATH = ... */
        /* The schedule: "@word" or five fields. */
        const char *p = line;
        int fields = line[0] == '@' ? 1 : 5;
        for (int i = 0; i < fields && *p != '\0'; i++) {
            p += strcspn(p, " \t");
            p += strspn(p, " \t");
        }
        char schedule[128];
        size_t schedule_length = (size_t)(p - line);
        while (schedule_length > 0 && isspace((unsigned char)line[schedule_length - 1]))
            schedule_length--;
        if (schedule_length >= sizeof(schedule))
            schedule_length = sizeof(schedule) - 1;
        memcpy(schedule, line, schedule_length);
        schedule[schedule_length] = '\0';
        char owner[256];
        if (user != NULL) {
            triage_copy(owner, sizeof(owner), user);
        } else {
            size_t length = strcspn(p, " \t");
            if (length >= sizeof(owner))
                length = sizeof(owner) - 1;
            memcpy(owner, p, length);
            owner[length] = '\0';
            p += length;
            p += strspn(p, " \t");
        }
        if (*p == '\0')
            continue;
        bool at_boot = strcmp(schedule, "@reboot") == 0;
        struct ob_persistence_entry entry;
        triage_entry_init(&entry, OB_PERSISTENCE_CRON,
                          at_boot ? OB_PERSISTENCE_AT_BOOT : OB_PERSISTENCE_ON_SCHEDULE, path);
        triage_copy(entry.user, sizeof(entry.user), owner);
        if (at_boot)
            /* TRANSLATORS: %s is a user name. */
            snprintf(entry.trigger, sizeof(entry.trigger),
                     _("starts at every start of the computer, as %s (cron)"), owner);
        else
            /* TRANSLATORS: the first %s is a cron schedule ("0 * * * *"), the second
             * a user name. */
            snprintf(entry.trigger, sizeof(entry.trigger),
                     _("runs at the times \"%s\", as %s (cron)"), schedule, owner);
        triage_copy(entry.command, sizeof(entry.command), p);
        set_program(run, &entry, p);
        triage_emit(run, &entry);
    }
}

static void cron_folder_tables(struct triage_run *run, const char *inside, bool per_user)
{
    char dir[OB_PERSISTENCE_MAX_PATH];
    triage_path(run, inside, dir, sizeof(dir));
    struct ob_buffer names;
    core_buffer_init(&names, 1 << 22);
    size_t count = triage_list_dir(run, dir, &names);
    const char *name = (const char *)names.data;
    for (size_t i = 0; i < count; name += strlen(name) + 1, i++) {
        char path[OB_PERSISTENCE_MAX_PATH];
        triage_join(path, sizeof(path), dir, "/", name);
        if (name[0] != '.' && is_plain_file(path))
            cron_table(run, path, per_user ? name : NULL);
    }
    core_buffer_release(&names);
}

/* /etc/cron.hourly and its kind: each script is run by run-parts. */
static void cron_scripts(struct triage_run *run)
{
    static const struct {
        const char *folder;
        const char *trigger;
    } periods[] = {
        {"/etc/cron.hourly", N_("runs every hour, as root (cron)")},
        {"/etc/cron.daily", N_("runs every day, as root (cron)")},
        {"/etc/cron.weekly", N_("runs every week, as root (cron)")},
        {"/etc/cron.monthly", N_("runs every month, as root (cron)")},
    };
    struct ob_buffer names;
    core_buffer_init(&names, 1 << 22);
    for (size_t p = 0; p < sizeof(periods) / sizeof(periods[0]); p++) {
        char dir[OB_PERSISTENCE_MAX_PATH];
        triage_path(run, periods[p].folder, dir, sizeof(dir));
        size_t count = triage_list_dir(run, dir, &names);
        const char *name = (const char *)names.data;
        for (size_t i = 0; i < count; name += strlen(name) + 1, i++) {
            char path[OB_PERSISTENCE_MAX_PATH];
            triage_join(path, sizeof(path), dir, "/", name);
            if (name[0] == '.' || !is_plain_file(path))
                continue;
            struct ob_persistence_entry entry;
            triage_entry_init(&entry, OB_PERSISTENCE_CRON, OB_PERSISTENCE_ON_SCHEDULE, path);
            triage_copy(entry.user, sizeof(entry.user), "root");
            triage_copy(entry.trigger, sizeof(entry.trigger), _(periods[p].trigger));
            triage_join(entry.command, sizeof(entry.command), periods[p].folder, "/", name);
            triage_copy(entry.program, sizeof(entry.program), path);
            triage_emit(run, &entry);
        }
    }
    core_buffer_release(&names);
}

/* ---- unit files and .desktop files ------------------------------------------ */

/* The value of the first "key=" line of an ini-style file, into `out`. */
static bool ini_value(const char *text, const char *key, char *out, size_t size)
{
    char line[OB_PERSISTENCE_MAX_COMMAND];
    size_t at = 0, key_length = strlen(key);
    while (next_line(text, &at, line, sizeof(line))) {
        if (strncmp(line, key, key_length) == 0 && line[key_length] == '=') {
            triage_copy(out, size, line + key_length + 1);
            return true;
        }
    }
    return false;
}

/* Each file ending in `suffix` in folder `dir`: a systemd unit (ExecStart)
 * or a .desktop file (Exec). `trigger` is a template with one %s for the
 * user, or none when `user` is NULL. */
static void unit_folder(struct triage_run *run, const char *dir, const char *suffix,
                        enum ob_persistence_kind kind, enum ob_persistence_when when,
                        const char *user)
{
    struct ob_buffer names;
    core_buffer_init(&names, 1 << 22);
    size_t count = triage_list_dir(run, dir, &names);
    const char *name = (const char *)names.data;
    size_t suffix_length = strlen(suffix);
    for (size_t i = 0; i < count; name += strlen(name) + 1, i++) {
        size_t length = strlen(name);
        char path[OB_PERSISTENCE_MAX_PATH];
        triage_join(path, sizeof(path), dir, "/", name);
        /* Links are how units are enabled and masked; the files they point
         * to are the packages' own. */
        if (length <= suffix_length || strcmp(name + length - suffix_length, suffix) != 0 ||
            !is_plain_file(path) || !triage_read_file(run, path))
            continue;
        struct ob_persistence_entry entry;
        triage_entry_init(&entry, kind, when, path);
        char command[OB_PERSISTENCE_MAX_COMMAND] = "";
        if (kind == OB_PERSISTENCE_SYSTEMD) {
            ini_value(core_buffer_str(&run->file), "ExecStart", command, sizeof(command));
            /* ExecStart=-/path: the prefixes only change how failure is treated. */
            size_t skip = strspn(command, "@-:+!");
            memmove(command, command + skip, strlen(command + skip) + 1);
        } else {
            ini_value(core_buffer_str(&run->file), "Exec", command, sizeof(command));
        }
        triage_copy(entry.command, sizeof(entry.command), command);
        if (user != NULL)
            triage_copy(entry.user, sizeof(entry.user), user);
        if (kind == OB_PERSISTENCE_SYSTEMD && user != NULL)
            /* TRANSLATORS: %s is a user name. */
            snprintf(entry.trigger, sizeof(entry.trigger),
                     _("starts at every log-on of %s, as a user service (systemd)"), user);
        else if (kind == OB_PERSISTENCE_SYSTEMD)
            triage_copy(entry.trigger, sizeof(entry.trigger),
                        _("starts at boot as a system service (systemd)"));
        else if (user != NULL)
            /* TRANSLATORS: %s is a user name. */
            snprintf(entry.trigger, sizeof(entry.trigger),
                     _("starts when %s logs on to the desktop"), user);
        else
            triage_copy(entry.trigger, sizeof(entry.trigger),
                        _("starts when any user logs on to the desktop"));
        set_program(run, &entry, command);
        triage_emit(run, &entry);
    }
    core_buffer_release(&names);
}

/* ---- shell start-up files, keys, ld.so.preload --------------------------------- */

/* A shell start-up file, reported whole; the first line that names a
 * program in a temporary folder becomes its command. */
static void shell_file(struct triage_run *run, const char *path, const char *user)
{
    const char *text = read_text(run, path);
    if (text == NULL)
        return;
    struct ob_persistence_entry entry;
    triage_entry_init(&entry, OB_PERSISTENCE_SHELL, OB_PERSISTENCE_SHELL_OPENS, path);
    if (user != NULL) {
        triage_copy(entry.user, sizeof(entry.user), user);
        /* TRANSLATORS: %s is a user name. */
        snprintf(entry.trigger, sizeof(entry.trigger), _("runs each time %s opens a shell"), user);
    } else {
        triage_copy(entry.trigger, sizeof(entry.trigger),
                    _("runs each time any user opens a log-in shell"));
    }
    static const char *const temporary[] = {"/tmp/", "/var/tmp/", "/dev/shm/"};
    char line[OB_PERSISTENCE_MAX_COMMAND];
    size_t at = 0;
    while (entry.command[0] == '\0' && next_line(text, &at, line, sizeof(line))) {
        if (line[0] == '#')
            continue;
        for (size_t i = 0; i < sizeof(temporary) / sizeof(temporary[0]); i++) {
            const char *hit = strstr(line, temporary[i]);
            if (hit == NULL)
                continue;
            triage_copy(entry.command, sizeof(entry.command), line);
            set_program(run, &entry, hit);
            break;
        }
    }
    triage_emit(run, &entry);
}

static void authorized_keys(struct triage_run *run, const char *path, const char *user)
{
    const char *text = read_text(run, path);
    if (text == NULL)
        return;
    char line[OB_PERSISTENCE_MAX_COMMAND];
    size_t at = 0;
    while (next_line(text, &at, line, sizeof(line))) {
        if (line[0] == '\0' || line[0] == '#')
            continue;
        struct ob_persistence_entry entry;
        triage_entry_init(&entry, OB_PERSISTENCE_AUTHORIZED_KEY, OB_PERSISTENCE_REMOTE_LOGIN, path);
        triage_copy(entry.user, sizeof(entry.user), user);
        /* TRANSLATORS: %s is a user name. */
        snprintf(entry.trigger, sizeof(entry.trigger),
                 _("lets whoever holds this key log in as %s (SSH)"), user);
        triage_copy(entry.command, sizeof(entry.command), line);
        triage_emit(run, &entry);
    }
}

static void ld_preload(struct triage_run *run)
{
    char path[OB_PERSISTENCE_MAX_PATH];
    triage_path(run, "/etc/ld.so.preload", path, sizeof(path));
    const char *text = read_text(run, path);
    if (text == NULL)
        return;
    char line[OB_PERSISTENCE_MAX_COMMAND];
    size_t at = 0;
    while (next_line(text, &at, line, sizeof(line))) {
        if (line[0] == '#')
            continue;
        /* Names are separated by spaces, tabs, colons or new lines. */
        for (char *save = NULL, *word = strtok_r(line, " \t:", &save); word != NULL;
             word = strtok_r(NULL, " \t:", &save)) {
            struct ob_persistence_entry entry;
            triage_entry_init(&entry, OB_PERSISTENCE_LD_PRELOAD, OB_PERSISTENCE_WITH_PROGRAMS,
                              path);
            triage_copy(entry.trigger, sizeof(entry.trigger),
                        _("loaded into every program that starts"));
            triage_copy(entry.command, sizeof(entry.command), word);
            set_program(run, &entry, word);
            triage_raise(&entry, OB_PERSISTENCE_PRELOAD_LIBRARY, word);
            triage_emit(run, &entry);
        }
    }
}

/* ---- users ---------------------------------------------------------------------- */

static void user_home(struct triage_run *run, const char *home, const char *user)
{
    static const char *const shell_files[] = {".bashrc",  ".bash_profile", ".bash_login",
                                              ".profile", ".zshrc",        ".zprofile"};
    char path[OB_PERSISTENCE_MAX_PATH];
    snprintf(path, sizeof(path), "%s/.config/systemd/user", home);
    unit_folder(run, path, ".service", OB_PERSISTENCE_SYSTEMD, OB_PERSISTENCE_AT_LOGON, user);
    snprintf(path, sizeof(path), "%s/.config/autostart", home);
    unit_folder(run, path, ".desktop", OB_PERSISTENCE_XDG_AUTOSTART, OB_PERSISTENCE_AT_LOGON, user);
    for (size_t i = 0; i < sizeof(shell_files) / sizeof(shell_files[0]); i++) {
        triage_join(path, sizeof(path), home, "/", shell_files[i]);
        shell_file(run, path, user);
    }
    snprintf(path, sizeof(path), "%s/.ssh/authorized_keys", home);
    authorized_keys(run, path, user);
    snprintf(path, sizeof(path), "%s/.ssh/authorized_keys2", home);
    authorized_keys(run, path, user);
}

void triage_linux(struct triage_run *run)
{
    char path[OB_PERSISTENCE_MAX_PATH];
    triage_path(run, "/etc/crontab", path, sizeof(path));
    if (is_plain_file(path))
        cron_table(run, path, NULL);
    cron_folder_tables(run, "/etc/cron.d", false);
    cron_folder_tables(run, "/var/spool/cron/crontabs", true);
    cron_scripts(run);
    triage_path(run, "/etc/systemd/system", path, sizeof(path));
    unit_folder(run, path, ".service", OB_PERSISTENCE_SYSTEMD, OB_PERSISTENCE_AT_BOOT, NULL);
    triage_path(run, "/etc/xdg/autostart", path, sizeof(path));
    unit_folder(run, path, ".desktop", OB_PERSISTENCE_XDG_AUTOSTART, OB_PERSISTENCE_AT_LOGON, NULL);
    triage_path(run, "/etc/profile.d", path, sizeof(path));
    struct ob_buffer names;
    core_buffer_init(&names, 1 << 22);
    size_t count = triage_list_dir(run, path, &names);
    const char *name = (const char *)names.data;
    for (size_t i = 0; i < count; name += strlen(name) + 1, i++) {
        char file[OB_PERSISTENCE_MAX_PATH];
        triage_join(file, sizeof(file), path, "/", name);
        shell_file(run, file, NULL);
    }
    ld_preload(run);
    triage_path(run, "/root", path, sizeof(path));
    if (triage_is_dir(path))
        user_home(run, path, "root");
    triage_path(run, "/home", path, sizeof(path));
    count = triage_list_dir(run, path, &names);
    name = (const char *)names.data;
    for (size_t i = 0; i < count; name += strlen(name) + 1, i++) {
        char home[OB_PERSISTENCE_MAX_PATH];
        triage_join(home, sizeof(home), path, "/", name);
        struct stat st;
        if (lstat(home, &st) == 0 && S_ISDIR(st.st_mode))
            user_home(run, home, name);
    }
    core_buffer_release(&names);
}
