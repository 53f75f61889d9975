/* SPDX-License-Identifier: Apache-2.0 */
/* Persistence on a mounted Windows disk: Run keys, services, Winlogon,
 * Image File Execution Options and AppInit_DLLs from the registry hives,
 * scheduled tasks and Startup folders; and Windows command lines resolved
 * to the program inside the disk. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "triage/hive_adapter.h"
#include "triage/persistence_internal.h"

#define MAX_VALUES 1000   /* values read from one Run key */
#define MAX_SUBKEYS 10000 /* services, IFEO keys */
#define MAX_EXECS 8       /* <Exec> actions read from one task */

/* ---- command lines ------------------------------------------------------------ */

void triage_windows_expand(const char *command, const char *user, char *out, size_t size)
{
    char profile[300], roaming[320], local[320], temp[330], homepath[300];
    snprintf(profile, sizeof(profile), "C:\\Users\\%s", user);
    snprintf(roaming, sizeof(roaming), "%s\\AppData\\Roaming", profile);
    snprintf(local, sizeof(local), "%s\\AppData\\Local", profile);
    snprintf(temp, sizeof(temp), "%s\\AppData\\Local\\Temp", profile);
    snprintf(homepath, sizeof(homepath), "\\Users\\%s", user);
    bool has_user = user[0] != '\0';
    const struct {
        const char *name, *value;
    } variables[] = {
        {"SystemRoot", "C:\\Windows"},
        {"windir", "C:\\Windows"},
        {"SystemDrive", "C:"},
        {"ProgramFiles", "C:\\Program Files"},
        {"ProgramFiles(x86)", "C:\\Program Files (x86)"},
        {"ProgramW6432", "C:\\Program Files"},
        {"CommonProgramFiles", "C:\\Program Files\\Common Files"},
        {"CommonProgramFiles(x86)", "C:\\Program Files (x86)\\Common Files"},
        {"ProgramData", "C:\\ProgramData"},
        {"ALLUSERSPROFILE", "C:\\ProgramData"},
        {"PUBLIC", "C:\\Users\\Public"},
        {"HOMEDRIVE", "C:"},
        {"TEMP", has_user ? temp : "C:\\Windows\\Temp"},
        {"TMP", has_user ? temp : "C:\\Windows\\Temp"},
        {"USERPROFILE", has_user ? profile : NULL},
        {"APPDATA", has_user ? roaming : NULL},
        {"LOCALAPPDATA", has_user ? local : NULL},
        {"HOMEPATH", has_user ? homepath : NULL},
    };
    size_t used = 0;
    const char *p = command;
    while (*p != '\0' && used + 1 < size) {
        const char *end = *p == '%' ? strchr(p + 1, '%') : NULL;
        const char *value = NULL;
        if (end != NULL) {
            size_t length = (size_t)(end - p - 1);
            for (size_t i = 0; i < sizeof(variables) / sizeof(variables[0]); i++)
                if (strlen(variables[i].name) == length &&
                    strncasecmp(variables[i].name, p + 1, length) == 0)
                    value = variables[i].value;
        }
        if (value != NULL) {
            triage_copy(out + used, size - used, value);
            used = strlen(out);
            p = end + 1;
        } else {
            out[used++] = *p++;
        }
    }
    out[used] = '\0';
}

static bool starts_nocase(const char *text, const char *prefix)
{
    return strncasecmp(text, prefix, strlen(prefix)) == 0;
}

/* A Windows path as written (no quotes, no arguments) to a '/'-separated
 * path inside the disk. */
static bool normalise(const char *path, char *out, size_t size)
{
    char buffer[OB_PERSISTENCE_MAX_PATH];
    const char *p = path;
    while (isspace((unsigned char)*p))
        p++;
    if (starts_nocase(p, "\\??\\") || starts_nocase(p, "\\\\?\\"))
        p += 4;
    if (starts_nocase(p, "\\SystemRoot\\")) {
        snprintf(buffer, sizeof(buffer), "\\Windows\\%s", p + strlen("\\SystemRoot\\"));
    } else if (starts_nocase(p, "system32\\") || starts_nocase(p, "SysWOW64\\")) {
        snprintf(buffer, sizeof(buffer), "\\Windows\\%s", p);
    } else if (isalpha((unsigned char)p[0]) && p[1] == ':') {
        snprintf(buffer, sizeof(buffer), "%s", p + 2);
    } else if (p[0] == '\\' || p[0] == '/') {
        if (p[1] == '\\' || p[1] == '/')
            return false; /* a share on another computer */
        snprintf(buffer, sizeof(buffer), "%s", p);
    } else if (p[0] != '\0' && strpbrk(p, "\\/") == NULL) {
        /* A bare name is looked for where Windows looks first. */
        snprintf(buffer, sizeof(buffer), "\\Windows\\System32\\%s%s", p,
                 strchr(p, '.') == NULL ? ".exe" : "");
    } else {
        return false;
    }
    size_t length = strlen(buffer);
    while (length > 0 && (isspace((unsigned char)buffer[length - 1]) || buffer[length - 1] == ','))
        buffer[--length] = '\0';
    if (length == 0 || strchr(buffer, '%') != NULL)
        return false;
    size_t used = 0;
    for (const char *q = buffer; *q != '\0' && used + 1 < size; q++) {
        char c = *q == '\\' ? '/' : *q;
        if (c == '/' && used > 0 && out[used - 1] == '/')
            continue;
        if (used == 0 && c != '/')
            out[used++] = '/';
        out[used++] = c;
    }
    out[used] = '\0';
    return used > 1;
}

static bool find_program(const char *root, const char *command, const char *user, char *out,
                         size_t size);

bool triage_windows_program(const char *root, const char *command, const char *user, char *out,
                            size_t size)
{
    if (!find_program(root, command, user, out, size))
        return false;
    /* A bare name not in System32 may be in the Windows folder itself
     * (explorer.exe). */
    static const char system32[] = "/Windows/System32/";
    char found[OB_PERSISTENCE_MAX_PATH], other[OB_PERSISTENCE_MAX_PATH];
    if (root != NULL && starts_nocase(out, system32) &&
        strchr(out + strlen(system32), '/') == NULL &&
        !triage_find_nocase(root, out, found, sizeof(found))) {
        triage_join(other, sizeof(other), "/Windows/", "", out + strlen(system32));
        if (triage_find_nocase(root, other, found, sizeof(found)))
            triage_copy(out, size, other);
    }
    return true;
}

static bool find_program(const char *root, const char *command, const char *user, char *out,
                         size_t size)
{
    char expanded[OB_PERSISTENCE_MAX_COMMAND];
    triage_windows_expand(command, user, expanded, sizeof(expanded));
    char *p = expanded;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '"') {
        char *end = strchr(p + 1, '"');
        if (end != NULL)
            *end = '\0';
        return normalise(p + 1, out, size);
    }
    /* Unquoted: Windows itself tries each cut at a space in turn. */
    if (root != NULL) {
        for (char *space = p;; space++) {
            space = strchr(space, ' ');
            char saved = space != NULL ? *space : '\0';
            if (space != NULL)
                *space = '\0';
            char inside[OB_PERSISTENCE_MAX_PATH], found[OB_PERSISTENCE_MAX_PATH];
            bool hit = normalise(p, inside, sizeof(inside)) &&
                       triage_find_nocase(root, inside, found, sizeof(found)) &&
                       triage_is_file(found);
            if (space != NULL)
                *space = saved;
            if (hit) {
                triage_copy(out, size, inside);
                return true;
            }
            if (space == NULL)
                break;
        }
    }
    /* Nothing found: up to ".exe" when it is there, else the first word. */
    char *cut = NULL;
    for (char *q = p; *q != '\0'; q++)
        if (starts_nocase(q, ".exe") && (q[4] == ' ' || q[4] == ',' || q[4] == '\0')) {
            cut = q + 4;
            break;
        }
    if (cut == NULL)
        cut = strpbrk(p, " ,");
    if (cut != NULL)
        *cut = '\0';
    return normalise(p, out, size);
}

/* ---- entries ---------------------------------------------------------------------- */

/* Fills entry->program from `command` (a path inside the root, found
 * without regard to case) and passes the entry on. */
static void emit_command(struct triage_run *run, struct ob_persistence_entry *entry,
                         const char *command)
{
    entry->windows = true;
    triage_copy(entry->command, sizeof(entry->command), command);
    char inside[OB_PERSISTENCE_MAX_PATH];
    if (triage_windows_program(run->root, command, entry->user, inside, sizeof(inside)))
        triage_find_nocase(run->root, inside, entry->program, sizeof(entry->program));
    triage_emit(run, entry);
}

/* Starts an entry held in value `value` of `key` (`node` of `hive`), with
 * the key's last-write time. */
static void registry_entry(struct ob_persistence_entry *entry, enum ob_persistence_kind kind,
                           enum ob_persistence_when when, const char *hive_path, const char *key,
                           const char *value, struct triage_hive *hive, triage_hive_node node)
{
    triage_entry_init(entry, kind, when, hive_path);
    entry->time = triage_hive_time(hive, node);
    triage_copy(entry->key, sizeof(entry->key), key);
    triage_copy(entry->value, sizeof(entry->value), value);
}

/* A problem whose message is `format` with one string filled in. */
__attribute__((format(printf, 3, 4))) static void
problem_about(struct triage_run *run, const char *path, const char *format, ...)
{
    char message[1400];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof(message), format, args);
    va_end(args);
    triage_problem(run, path, message);
}

/* A value that is there but cannot be read is a problem worth a notice. */
static void bad_value(struct triage_run *run, const char *hive_path, const char *key,
                      const char *value)
{
    /* TRANSLATORS: the first %s is a value name, the second a registry key. */
    problem_about(run, hive_path,
                  _("the value \"%s\" of \"%s\" is too large, not text, or not valid UTF-16; "
                    "skipped"),
                  value, key);
}

/* Every value of a Run or RunOnce key. `user` is "" for the machine's. */
static void run_key(struct triage_run *run, struct triage_hive *hive, const char *hive_path,
                    const char *key, bool once, const char *user)
{
    triage_hive_node node = triage_hive_path(hive, triage_hive_root(hive), key);
    if (node == 0)
        return;
    char *names = malloc((size_t)MAX_VALUES * 256);
    if (names == NULL)
        return;
    size_t count = triage_hive_value_names(hive, node, names, MAX_VALUES);
    if (count == MAX_VALUES)
        /* TRANSLATORS: %s is a registry key. */
        problem_about(run, hive_path, _("the key \"%s\" has too many values; not all were read"),
                      key);
    for (size_t i = 0; i < count; i++) {
        const char *name = names + i * 256;
        struct ob_persistence_entry entry;
        registry_entry(&entry, OB_PERSISTENCE_RUN_KEY, OB_PERSISTENCE_AT_LOGON, hive_path, key,
                       name, hive, node);
        char command[OB_PERSISTENCE_MAX_COMMAND];
        enum triage_hive_read read = triage_hive_string(hive, node, name, command, sizeof(command));
        if (read != TRIAGE_HIVE_FOUND) {
            if (read == TRIAGE_HIVE_BAD)
                bad_value(run, hive_path, key, name);
            continue;
        }
        triage_copy(entry.user, sizeof(entry.user), user);
        if (user[0] != '\0' && once)
            /* TRANSLATORS: %s is a user name. */
            snprintf(entry.trigger, sizeof(entry.trigger),
                     _("starts once, at the next log-on of %s"), user);
        else if (user[0] != '\0')
            /* TRANSLATORS: %s is a user name. */
            snprintf(entry.trigger, sizeof(entry.trigger), _("starts at every log-on of %s"), user);
        else
            triage_copy(entry.trigger, sizeof(entry.trigger),
                        once ? _("starts once, at the next log-on of any user")
                             : _("starts at every log-on of any user"));
        emit_command(run, &entry, command);
    }
    free(names);
}

static void run_keys(struct triage_run *run, struct triage_hive *hive, const char *hive_path,
                     const char *prefix, const char *user)
{
    static const char *const keys[] = {"Microsoft\\Windows\\CurrentVersion\\Run",
                                       "Microsoft\\Windows\\CurrentVersion\\RunOnce",
                                       "Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Run",
                                       "Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\RunOnce"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        char key[256];
        snprintf(key, sizeof(key), "%s%s", prefix, keys[i]);
        run_key(run, hive, hive_path, key, strstr(keys[i], "RunOnce") != NULL, user);
    }
}

/* The name of the program a Windows path ends with, lower case. */
static void base_name_lower(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '\\');
    triage_copy(out, size, slash != NULL ? slash + 1 : path);
    size_t length = strlen(out);
    while (length > 0 && (out[length - 1] == ',' || isspace((unsigned char)out[length - 1])))
        out[--length] = '\0';
    for (char *p = out; *p != '\0'; p++)
        *p = (char)tolower((unsigned char)*p);
}

/* The subkeys of the key at `path` below `node` (at most MAX_SUBKEYS), in
 * an array the caller frees; NULL when there is no such key. */
static triage_hive_node *subkeys(struct triage_hive *hive, triage_hive_node node, const char *path,
                                 size_t *count)
{
    node = triage_hive_path(hive, node, path);
    triage_hive_node *children = node != 0 ? calloc(MAX_SUBKEYS, sizeof(*children)) : NULL;
    if (children != NULL)
        *count = triage_hive_children(hive, node, children, MAX_SUBKEYS);
    return children;
}

/* Whether a Winlogon value names only the standard program: "explorer.exe",
 * "C:\\Windows\\system32\\userinit.exe," (items separated by commas). */
static bool is_standard_winlogon(const char *command, const char *standard)
{
    char copy[OB_PERSISTENCE_MAX_COMMAND];
    triage_copy(copy, sizeof(copy), command);
    size_t items = 0;
    bool standard_only = true;
    for (char *save = NULL, *item = strtok_r(copy, ",", &save); item != NULL;
         item = strtok_r(NULL, ",", &save)) {
        if (strspn(item, " \t") == strlen(item))
            continue;
        char name[256];
        base_name_lower(item, name, sizeof(name));
        items++;
        standard_only = standard_only && strcmp(name, standard) == 0;
    }
    return items == 1 && standard_only;
}

static void winlogon(struct triage_run *run, struct triage_hive *hive, const char *hive_path)
{
    static const char key[] = "Microsoft\\Windows NT\\CurrentVersion\\Winlogon";
    static const struct {
        const char *value, *standard;
    } values[] = {{"Shell", "explorer.exe"}, {"Userinit", "userinit.exe"}};
    triage_hive_node node = triage_hive_path(hive, triage_hive_root(hive), key);
    if (node == 0)
        return;
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        char command[OB_PERSISTENCE_MAX_COMMAND];
        enum triage_hive_read read = triage_hive_string(hive, node, values[i].value, command,
                                                        sizeof(command));
        if (read == TRIAGE_HIVE_BAD)
            bad_value(run, hive_path, key, values[i].value);
        if (read != TRIAGE_HIVE_FOUND)
            continue;
        struct ob_persistence_entry entry;
        registry_entry(&entry, OB_PERSISTENCE_WINLOGON_VALUE, OB_PERSISTENCE_AT_LOGON, hive_path,
                       key, values[i].value, hive, node);
        triage_copy(entry.trigger, sizeof(entry.trigger),
                    _("starts at every log-on of any user (Winlogon)"));
        if (!is_standard_winlogon(command, values[i].standard))
            triage_raise(&entry, OB_PERSISTENCE_WINLOGON, values[i].value, command);
        emit_command(run, &entry, command);
    }
}

static void ifeo(struct triage_run *run, struct triage_hive *hive, const char *hive_path)
{
    static const char key[] = "Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options";
    size_t count = 0;
    triage_hive_node *children = subkeys(hive, triage_hive_root(hive), key, &count);
    if (children == NULL)
        return;
    for (size_t i = 0; i < count; i++) {
        char name[256], command[OB_PERSISTENCE_MAX_COMMAND], subkey[600];
        if (!triage_hive_name(hive, children[i], name, sizeof(name)))
            continue;
        snprintf(subkey, sizeof(subkey), "%s\\%s", key, name);
        enum triage_hive_read read = triage_hive_string(hive, children[i], "Debugger", command,
                                                        sizeof(command));
        if (read == TRIAGE_HIVE_BAD)
            bad_value(run, hive_path, subkey, "Debugger");
        if (read != TRIAGE_HIVE_FOUND || command[0] == '\0')
            continue;
        struct ob_persistence_entry entry;
        registry_entry(&entry, OB_PERSISTENCE_IFEO, OB_PERSISTENCE_WITH_PROGRAMS, hive_path, subkey,
                       "Debugger", hive, children[i]);
        /* TRANSLATORS: %s is a program name ("sethc.exe"). */
        snprintf(entry.trigger, sizeof(entry.trigger),
                 _("starts instead of %s, each time it is started"), name);
        triage_raise(&entry, OB_PERSISTENCE_IFEO_DEBUGGER, name, command);
        emit_command(run, &entry, command);
    }
    free(children);
}

static void appinit(struct triage_run *run, struct triage_hive *hive, const char *hive_path)
{
    static const char *const keys[] = {
        "Microsoft\\Windows NT\\CurrentVersion\\Windows",
        "Wow6432Node\\Microsoft\\Windows NT\\CurrentVersion\\Windows"};
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        triage_hive_node node = triage_hive_path(hive, triage_hive_root(hive), keys[k]);
        char dlls[OB_PERSISTENCE_MAX_COMMAND];
        enum triage_hive_read read = node == 0 ? TRIAGE_HIVE_MISSING
                                               : triage_hive_string(hive, node, "AppInit_DLLs",
                                                                    dlls, sizeof(dlls));
        if (read == TRIAGE_HIVE_BAD)
            bad_value(run, hive_path, keys[k], "AppInit_DLLs");
        if (read != TRIAGE_HIVE_FOUND)
            continue;
        /* Names are separated by spaces or commas; quotes are not allowed. */
        for (char *save = NULL, *dll = strtok_r(dlls, " ,", &save); dll != NULL;
             dll = strtok_r(NULL, " ,", &save)) {
            struct ob_persistence_entry entry;
            registry_entry(&entry, OB_PERSISTENCE_APPINIT, OB_PERSISTENCE_WITH_PROGRAMS, hive_path,
                           keys[k], "AppInit_DLLs", hive, node);
            triage_copy(entry.trigger, sizeof(entry.trigger),
                        _("loaded into every Windows program that shows a window"));
            triage_raise(&entry, OB_PERSISTENCE_PRELOAD_LIBRARY, dll);
            emit_command(run, &entry, dll);
        }
    }
}

/* Whether a path inside the disk is in Windows' own program folders. */
static bool in_system32(const struct triage_run *run, const char *program)
{
    size_t root_length = strlen(run->root);
    const char *inside = program +
                         (strncmp(program, run->root, root_length) == 0 ? root_length : 0);
    return starts_nocase(inside, "/Windows/System32/") ||
           starts_nocase(inside, "/Windows/SysWOW64/");
}

/* The services that start by themselves (Start 0 to 2: boot, system,
 * automatic) with their ImagePath and ServiceDll. */
static void services(struct triage_run *run, struct triage_hive *hive, const char *hive_path)
{
    triage_hive_node root = triage_hive_root(hive);
    uint32_t current = 1;
    triage_hive_node select = triage_hive_path(hive, root, "Select");
    if (select == 0 || !triage_hive_dword(hive, select, "Current", &current) || current > 999)
        current = 1;
    char key[64];
    snprintf(key, sizeof(key), "ControlSet%03u\\Services", (unsigned)current);
    size_t count = 0;
    triage_hive_node *children = subkeys(hive, root, key, &count);
    if (children == NULL)
        return;
    for (size_t i = 0; i < count; i++) {
        char name[256], subkey[600], command[OB_PERSISTENCE_MAX_COMMAND];
        uint32_t start = 0;
        if (!triage_hive_name(hive, children[i], name, sizeof(name)) ||
            !triage_hive_dword(hive, children[i], "Start", &start) || start > 2)
            continue;
        snprintf(subkey, sizeof(subkey), "%s\\%s", key, name);
        enum triage_hive_read read = triage_hive_string(hive, children[i], "ImagePath", command,
                                                        sizeof(command));
        if (read == TRIAGE_HIVE_BAD)
            bad_value(run, hive_path, subkey, "ImagePath");
        if (read == TRIAGE_HIVE_FOUND && command[0] != '\0') {
            struct ob_persistence_entry entry;
            registry_entry(&entry, OB_PERSISTENCE_SERVICE, OB_PERSISTENCE_AT_BOOT, hive_path,
                           subkey, "ImagePath", hive, children[i]);
            /* TRANSLATORS: %s is the name of a Windows service. */
            snprintf(entry.trigger, sizeof(entry.trigger),
                     _("starts at boot as the service \"%s\""), name);
            emit_command(run, &entry, command);
        }
        triage_hive_node parameters = triage_hive_path(hive, children[i], "Parameters");
        if (parameters == 0)
            continue;
        char parameters_key[700];
        snprintf(parameters_key, sizeof(parameters_key), "%s\\Parameters", subkey);
        read = triage_hive_string(hive, parameters, "ServiceDll", command, sizeof(command));
        if (read == TRIAGE_HIVE_BAD)
            bad_value(run, hive_path, parameters_key, "ServiceDll");
        if (read != TRIAGE_HIVE_FOUND || command[0] == '\0')
            continue;
        struct ob_persistence_entry entry;
        registry_entry(&entry, OB_PERSISTENCE_SERVICE, OB_PERSISTENCE_AT_BOOT, hive_path,
                       parameters_key, "ServiceDll", hive, parameters);
        /* TRANSLATORS: %s is the name of a Windows service. */
        snprintf(entry.trigger, sizeof(entry.trigger), _("loaded at boot into the service \"%s\""),
                 name);
        entry.windows = true;
        triage_copy(entry.command, sizeof(entry.command), command);
        char inside[OB_PERSISTENCE_MAX_PATH];
        if (triage_windows_program(run->root, command, "", inside, sizeof(inside))) {
            triage_find_nocase(run->root, inside, entry.program, sizeof(entry.program));
            if (!in_system32(run, entry.program))
                triage_raise(&entry, OB_PERSISTENCE_SERVICE_DLL, command);
        }
        triage_emit(run, &entry);
    }
    free(children);
}

/* Opens a hive, or says why it cannot be read. */
static struct triage_hive *open_hive(struct triage_run *run, const char *path)
{
    const char *reason = NULL;
    struct triage_hive *hive = triage_hive_open(path, &reason);
    if (hive == NULL) {
        char message[512];
        /* TRANSLATORS: %s says why ("it is not a registry hive, or it is damaged"). */
        snprintf(message, sizeof(message), _("registry hive not read: %s"), reason);
        triage_problem(run, path, message);
    }
    return hive;
}

static void close_hive(struct triage_run *run, struct triage_hive *hive, const char *path)
{
    if (hive != NULL && triage_hive_exhausted(hive))
        triage_problem(run, path, _("the registry hive has too many keys; not all were read"));
    triage_hive_close(hive);
}

/* ---- files: Startup folders and scheduled tasks ------------------------------------- */

static void startup_folder(struct triage_run *run, const char *inside, const char *user,
                           struct ob_buffer *names)
{
    char dir[OB_PERSISTENCE_MAX_PATH];
    if (!triage_find_nocase(run->root, inside, dir, sizeof(dir)))
        return;
    size_t count = triage_list_dir(run, dir, names);
    const char *name = (const char *)names->data;
    for (size_t i = 0; i < count; name += strlen(name) + 1, i++) {
        char path[OB_PERSISTENCE_MAX_PATH];
        triage_join(path, sizeof(path), dir, "/", name);
        if (strcasecmp(name, "desktop.ini") == 0 || !triage_is_file(path))
            continue;
        struct ob_persistence_entry entry;
        triage_entry_init(&entry, OB_PERSISTENCE_STARTUP_FOLDER, OB_PERSISTENCE_AT_LOGON, path);
        entry.windows = true;
        if (user != NULL) {
            triage_copy(entry.user, sizeof(entry.user), user);
            snprintf(entry.trigger, sizeof(entry.trigger), _("starts at every log-on of %s"), user);
        } else {
            triage_copy(entry.trigger, sizeof(entry.trigger),
                        _("starts at every log-on of any user"));
        }
        triage_copy(entry.program, sizeof(entry.program), path);
        triage_emit(run, &entry);
    }
}

/* UTF-16 (little or big endian) text to UTF-8, invalid units as U+FFFD. */
static void utf16_to_utf8(const unsigned char *data, size_t length, bool big_endian,
                          struct ob_buffer *out)
{
    core_buffer_reset(out, 1 << 20);
    for (size_t i = 0; i + 1 < length; i += 2) {
        uint32_t c = big_endian ? (uint32_t)(data[i] << 8 | data[i + 1])
                                : (uint32_t)(data[i] | data[i + 1] << 8);
        if (c >= 0xD800 && c <= 0xDBFF && i + 3 < length) {
            uint32_t low = big_endian ? (uint32_t)(data[i + 2] << 8 | data[i + 3])
                                      : (uint32_t)(data[i + 2] | data[i + 3] << 8);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            } else {
                c = 0xFFFD;
            }
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;
        }
        if (c == 0)
            c = 0xFFFD;
        unsigned char bytes[4];
        size_t n;
        if (c < 0x80) {
            bytes[0] = (unsigned char)c;
            n = 1;
        } else if (c < 0x800) {
            bytes[0] = (unsigned char)(0xC0 | c >> 6);
            bytes[1] = (unsigned char)(0x80 | (c & 0x3F));
            n = 2;
        } else if (c < 0x10000) {
            bytes[0] = (unsigned char)(0xE0 | c >> 12);
            bytes[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            bytes[2] = (unsigned char)(0x80 | (c & 0x3F));
            n = 3;
        } else {
            bytes[0] = (unsigned char)(0xF0 | c >> 18);
            bytes[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            bytes[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            bytes[3] = (unsigned char)(0x80 | (c & 0x3F));
            n = 4;
        }
        if (core_buffer_append(out, bytes, n) != OB_OK)
            return;
    }
}

/* The text of element <name> at or after `from` in `xml`, entities
 * decoded, into `out`; returns where the element ends, or NULL. */
static const char *xml_element(const char *from, const char *name, char *out, size_t size)
{
    char open[32], close[32];
    snprintf(open, sizeof(open), "<%s>", name);
    snprintf(close, sizeof(close), "</%s>", name);
    const char *start = strstr(from, open);
    if (start == NULL)
        return NULL;
    start += strlen(open);
    const char *end = strstr(start, close);
    if (end == NULL)
        return NULL;
    static const struct {
        const char *entity, *text;
    } entities[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
    size_t used = 0;
    for (const char *p = start; p < end && used + 1 < size;) {
        bool replaced = false;
        for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]) && *p == '&'; i++) {
            size_t length = strlen(entities[i].entity);
            if ((size_t)(end - p) >= length && strncmp(p, entities[i].entity, length) == 0) {
                out[used++] = entities[i].text[0];
                p += length;
                replaced = true;
                break;
            }
        }
        if (!replaced)
            out[used++] = *p++;
    }
    out[used] = '\0';
    return end + strlen(close);
}

static void task_file(struct triage_run *run, const char *path, const char *name,
                      struct ob_buffer *text)
{
    if (!triage_read_file(run, path))
        return;
    const unsigned char *data = run->file.data;
    size_t length = run->file.length;
    const char *xml;
    if (length >= 2 &&
        ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))) {
        utf16_to_utf8(data + 2, length - 2, data[0] == 0xFE, text);
        xml = core_buffer_str(text);
    } else {
        xml = core_buffer_str(&run->file);
    }
    const char *at = xml;
    for (int exec = 0; exec < MAX_EXECS; exec++) {
        const char *action = strstr(at, "<Exec>");
        if (action == NULL)
            break;
        char command[OB_PERSISTENCE_MAX_COMMAND], arguments[OB_PERSISTENCE_MAX_COMMAND];
        const char *end = xml_element(action, "Command", command, sizeof(command));
        if (end == NULL)
            break;
        const char *next_exec = strstr(action + 6, "<Exec>");
        const char *args_end = xml_element(action, "Arguments", arguments, sizeof(arguments));
        if (args_end == NULL || (next_exec != NULL && args_end > next_exec))
            arguments[0] = '\0';
        at = end;
        /* A task started at boot or log-on is grouped with those; any
         * other trigger (time, event, idle) counts as a schedule. */
        bool at_boot = strstr(xml, "<BootTrigger") != NULL;
        bool at_logon = !at_boot && strstr(xml, "<LogonTrigger") != NULL;
        struct ob_persistence_entry entry;
        triage_entry_init(&entry, OB_PERSISTENCE_TASK,
                          at_boot    ? OB_PERSISTENCE_AT_BOOT
                          : at_logon ? OB_PERSISTENCE_AT_LOGON
                                     : OB_PERSISTENCE_ON_SCHEDULE,
                          path);
        if (at_boot)
            /* TRANSLATORS: %s is the name of a scheduled task ("\Vendor\Refresh"). */
            snprintf(entry.trigger, sizeof(entry.trigger),
                     _("starts at boot as the scheduled task \"%s\""), name);
        else if (at_logon)
            /* TRANSLATORS: %s is the name of a scheduled task ("\Vendor\Refresh"). */
            snprintf(entry.trigger, sizeof(entry.trigger),
                     _("starts at log-on as the scheduled task \"%s\""), name);
        else
            /* TRANSLATORS: %s is the name of a scheduled task ("\Vendor\Refresh"). */
            snprintf(entry.trigger, sizeof(entry.trigger), _("runs as the scheduled task \"%s\""),
                     name);
        /* The program is the command alone, even unquoted with spaces. */
        char quoted[OB_PERSISTENCE_MAX_COMMAND];
        triage_join(quoted, sizeof(quoted), "\"", command, "\"");
        entry.windows = true;
        char inside[OB_PERSISTENCE_MAX_PATH];
        if (triage_windows_program(run->root, quoted, "", inside, sizeof(inside)))
            triage_find_nocase(run->root, inside, entry.program, sizeof(entry.program));
        if (arguments[0] != '\0')
            triage_join(entry.command, sizeof(entry.command), command, " ", arguments);
        else
            triage_copy(entry.command, sizeof(entry.command), command);
        triage_emit(run, &entry);
    }
}

static void tasks_folder(struct triage_run *run, const char *dir, const char *name, int depth,
                         struct ob_buffer *text)
{
    if (depth > TRIAGE_MAX_DEPTH) {
        triage_problem(run, dir, _("folders nested too deep; not read"));
        return;
    }
    struct ob_buffer names;
    core_buffer_init(&names, 1 << 22);
    size_t count = triage_list_dir(run, dir, &names);
    const char *child = (const char *)names.data;
    for (size_t i = 0; i < count; child += strlen(child) + 1, i++) {
        char path[OB_PERSISTENCE_MAX_PATH], task[1024];
        triage_join(path, sizeof(path), dir, "/", child);
        snprintf(task, sizeof(task), "%s\\%s", name, child);
        struct stat st;
        if (lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            tasks_folder(run, path, task, depth + 1, text);
        else if (S_ISREG(st.st_mode))
            task_file(run, path, task, text);
    }
    core_buffer_release(&names);
}

/* ---- the disk ------------------------------------------------------------------------ */

static void users(struct triage_run *run)
{
    char dir[OB_PERSISTENCE_MAX_PATH];
    if (!triage_find_nocase(run->root, "/Users", dir, sizeof(dir)))
        return;
    struct ob_buffer users_list, files;
    core_buffer_init(&users_list, 1 << 22);
    core_buffer_init(&files, 1 << 22);
    size_t count = triage_list_dir(run, dir, &users_list);
    const char *user = (const char *)users_list.data;
    for (size_t i = 0; i < count; user += strlen(user) + 1, i++) {
        char inside[OB_PERSISTENCE_MAX_PATH], path[OB_PERSISTENCE_MAX_PATH];
        triage_join(path, sizeof(path), dir, "/", user);
        struct stat st;
        if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        snprintf(inside, sizeof(inside), "/Users/%s/NTUSER.DAT", user);
        if (triage_find_nocase(run->root, inside, path, sizeof(path))) {
            struct triage_hive *hive = open_hive(run, path);
            if (hive != NULL) {
                run_keys(run, hive, path, "Software\\", user);
                close_hive(run, hive, path);
            }
        }
        snprintf(inside, sizeof(inside),
                 "/Users/%s/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup", user);
        startup_folder(run, inside, user, &files);
    }
    core_buffer_release(&users_list);
    core_buffer_release(&files);
}

void triage_windows(struct triage_run *run)
{
    char path[OB_PERSISTENCE_MAX_PATH];
    if (triage_find_nocase(run->root, "/Windows/System32/config/SOFTWARE", path, sizeof(path))) {
        struct triage_hive *hive = open_hive(run, path);
        if (hive != NULL) {
            run_keys(run, hive, path, "", "");
            winlogon(run, hive, path);
            ifeo(run, hive, path);
            appinit(run, hive, path);
            close_hive(run, hive, path);
        }
    }
    if (triage_find_nocase(run->root, "/Windows/System32/config/SYSTEM", path, sizeof(path))) {
        struct triage_hive *hive = open_hive(run, path);
        if (hive != NULL) {
            services(run, hive, path);
            close_hive(run, hive, path);
        }
    }
    struct ob_buffer names, text;
    core_buffer_init(&names, 1 << 22);
    core_buffer_init(&text, 2 * OB_PERSISTENCE_MAX_FILE);
    users(run);
    startup_folder(run, "/ProgramData/Microsoft/Windows/Start Menu/Programs/StartUp", NULL, &names);
    if (triage_find_nocase(run->root, "/Windows/System32/Tasks", path, sizeof(path)))
        tasks_folder(run, path, "", 0, &text);
    core_buffer_release(&names);
    core_buffer_release(&text);
}
