/* SPDX-License-Identifier: Apache-2.0 */
/* The plan of oberig triage: the places of a Linux or Windows root worth
 * examining (users' files, temporary folders, browser profiles, mail), the
 * disk that holds the root, and the programs of the running processes. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "core/buffer.h"
#include "core/i18n.h"
#include "oberig/triage.h"
#include "triage/persistence_internal.h"

#define PATH_SIZE OB_PERSISTENCE_MAX_PATH

const char *ob_triage_system_name(enum ob_triage_system system)
{
    return system == OB_TRIAGE_WINDOWS ? "windows" : "linux";
}

const char *ob_triage_place_kind_name(enum ob_triage_place_kind kind)
{
    static const char *const names[OB_TRIAGE_PLACE_KIND_COUNT] = {
        [OB_TRIAGE_USER_FILES] = "user-files",
        [OB_TRIAGE_TEMP] = "temp",
        [OB_TRIAGE_APP_DATA] = "app-data",
        [OB_TRIAGE_BROWSER] = "browser",
        [OB_TRIAGE_MAIL] = "mail",
    };
    return (unsigned)kind < OB_TRIAGE_PLACE_KIND_COUNT ? names[kind] : "";
}

/* ---- building the plan ------------------------------------------------------ */

struct planner {
    struct ob_triage_plan *plan;
    size_t capacity;
    bool quick;
    bool failed;            /* out of memory */
    struct triage_run *run; /* for the shared folder helpers */
};

static void add_place(struct planner *p, enum ob_triage_place_kind kind, const char *path,
                      const char *user)
{
    struct ob_triage_plan *plan = p->plan;
    if (p->failed || path[0] == '\0')
        return;
    if (plan->place_count >= OB_TRIAGE_MAX_PLACES) {
        plan->truncated = true;
        return;
    }
    if (plan->place_count == p->capacity) {
        size_t capacity = p->capacity == 0 ? 32 : p->capacity * 2;
        struct ob_triage_place *grown = realloc(plan->places, capacity * sizeof(*grown));
        if (grown == NULL) {
            p->failed = true;
            return;
        }
        plan->places = grown;
        p->capacity = capacity;
    }
    struct ob_triage_place *place = &plan->places[plan->place_count];
    place->kind = kind;
    place->path = strdup(path);
    place->user = user != NULL ? strdup(user) : NULL;
    if (place->path == NULL || (user != NULL && place->user == NULL)) {
        free(place->path);
        free(place->user);
        p->failed = true;
        return;
    }
    plan->place_count++;
}

/* A folder that exists and is not a symbolic link. */
static bool real_dir(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* `inside` under `base`, in any case on Windows; added when a folder. */
static void add_dir(struct planner *p, enum ob_triage_place_kind kind, const char *base,
                    const char *inside, const char *user)
{
    char path[PATH_SIZE];
    bool found = p->plan->system == OB_TRIAGE_WINDOWS
                     ? triage_find_nocase(base, inside, path, sizeof(path))
                     : triage_find(base, inside, path, sizeof(path));
    if (found && real_dir(path))
        add_place(p, kind, path, user);
}

/* Calls `fn` for each sub-folder (not a link) of `dir`, in name order. */
static void each_subdir(struct planner *p, const char *dir,
                        void (*fn)(struct planner *p, const char *path, const char *name,
                                   void *user),
                        void *user)
{
    struct ob_buffer names;
    core_buffer_init(&names, 1 << 20);
    size_t count = triage_list_dir(p->run, dir, &names);
    const char *name = (const char *)names.data;
    for (size_t i = 0; i < count; i++, name += strlen(name) + 1) {
        char path[PATH_SIZE];
        triage_join(path, sizeof(path), dir, "/", name);
        if (real_dir(path))
            fn(p, path, name, user);
    }
    core_buffer_release(&names);
}

/* ---- mail ---- */

static bool quick_mail_name(const char *name)
{
    static const char *const names[] = {"inbox", "junk", "spam", ".junk", ".spam", "bulk mail"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcasecmp(name, names[i]) == 0)
            return true;
    return false;
}

/* A regular file that starts as an mbox does ("From "). */
static bool is_mbox(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    char head[5];
    bool mbox = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 5 &&
                read(fd, head, sizeof(head)) == (ssize_t)sizeof(head) &&
                memcmp(head, "From ", 5) == 0;
    close(fd);
    return mbox;
}

/* The mbox files of a Thunderbird account folder and its ".sbd" sub-folders. */
static void thunderbird_folder(struct planner *p, const char *dir, const char *user, unsigned depth)
{
    if (depth > OB_TRIAGE_MAIL_DEPTH)
        return;
    struct ob_buffer names;
    core_buffer_init(&names, 1 << 20);
    size_t count = triage_list_dir(p->run, dir, &names);
    const char *name = (const char *)names.data;
    for (size_t i = 0; i < count; i++, name += strlen(name) + 1) {
        char path[PATH_SIZE];
        triage_join(path, sizeof(path), dir, "/", name);
        size_t length = strlen(name);
        if (length > 4 && strcmp(name + length - 4, ".sbd") == 0) {
            if (!p->quick && real_dir(path))
                thunderbird_folder(p, path, user, depth + 1);
        } else if (strchr(name, '.') == NULL && (!p->quick || quick_mail_name(name)) &&
                   is_mbox(path)) {
            add_place(p, OB_TRIAGE_MAIL, path, user);
        }
    }
    core_buffer_release(&names);
}

static void thunderbird_account(struct planner *p, const char *path, const char *name, void *user)
{
    (void)name;
    thunderbird_folder(p, path, user, 0);
}

static void thunderbird_profile(struct planner *p, const char *path, const char *name, void *user)
{
    (void)name;
    static const char *const stores[] = {"Mail", "ImapMail"};
    for (size_t i = 0; i < 2; i++) {
        char store[PATH_SIZE];
        triage_join(store, sizeof(store), path, "/", stores[i]);
        if (real_dir(store))
            each_subdir(p, store, thunderbird_account, user);
    }
}

/* A Maildir (cur/ or new/) and its Maildir++ sub-folders (".Name"). */
static void maildir(struct planner *p, const char *path, const char *user)
{
    char cur[PATH_SIZE], new_dir[PATH_SIZE];
    triage_join(cur, sizeof(cur), path, "/", "cur");
    triage_join(new_dir, sizeof(new_dir), path, "/", "new");
    if (!real_dir(cur) && !real_dir(new_dir))
        return;
    add_place(p, OB_TRIAGE_MAIL, path, user);
    struct ob_buffer names;
    core_buffer_init(&names, 1 << 20);
    size_t count = triage_list_dir(p->run, path, &names);
    const char *name = (const char *)names.data;
    for (size_t i = 0; i < count; i++, name += strlen(name) + 1) {
        if (name[0] != '.' || (p->quick && !quick_mail_name(name)))
            continue;
        char sub[PATH_SIZE];
        triage_join(sub, sizeof(sub), path, "/", name);
        triage_join(cur, sizeof(cur), sub, "/", "cur");
        if (real_dir(sub) && real_dir(cur))
            add_place(p, OB_TRIAGE_MAIL, sub, user);
    }
    core_buffer_release(&names);
}

static void thunderbird_profiles(struct planner *p, const char *base, const char *inside,
                                 const char *user)
{
    char dir[PATH_SIZE];
    bool found = p->plan->system == OB_TRIAGE_WINDOWS
                     ? triage_find_nocase(base, inside, dir, sizeof(dir))
                     : triage_find(base, inside, dir, sizeof(dir));
    if (found && real_dir(dir))
        each_subdir(p, dir, thunderbird_profile, (void *)user);
}

/* ---- browsers ---- */

/* Quick: a Firefox profile's extensions only. */
static void firefox_profile(struct planner *p, const char *path, const char *name, void *user)
{
    (void)name;
    char extensions[PATH_SIZE];
    triage_join(extensions, sizeof(extensions), path, "/", "extensions");
    if (real_dir(extensions))
        add_place(p, OB_TRIAGE_BROWSER, extensions, user);
}

/* Quick: a Chromium-family profile's extensions only ("Default",
 * "Profile 1", ...). */
static void chromium_profile(struct planner *p, const char *path, const char *name, void *user)
{
    (void)name;
    char extensions[PATH_SIZE];
    triage_join(extensions, sizeof(extensions), path, "/", "Extensions");
    if (real_dir(extensions))
        add_place(p, OB_TRIAGE_BROWSER, extensions, user);
}

static void browser(struct planner *p, const char *home, const char *inside, bool firefox,
                    const char *user)
{
    char dir[PATH_SIZE];
    bool found = p->plan->system == OB_TRIAGE_WINDOWS
                     ? triage_find_nocase(home, inside, dir, sizeof(dir))
                     : triage_find(home, inside, dir, sizeof(dir));
    if (!found || !real_dir(dir))
        return;
    if (!p->quick)
        add_place(p, OB_TRIAGE_BROWSER, dir, user);
    else
        each_subdir(p, dir, firefox ? firefox_profile : chromium_profile, (void *)user);
}

/* ---- Linux ---- */

/* XDG_<key>_DIR of ~/.config/user-dirs.dirs ("$HOME/Завантаження"), as a
 * path under `home`, into `out`; false when not set or set to the home. */
static bool xdg_dir(struct planner *p, const char *home, const char *key, char *out, size_t size)
{
    char file[PATH_SIZE];
    triage_join(file, sizeof(file), home, "/", ".config/user-dirs.dirs");
    if (!triage_read_file(p->run, file))
        return false;
    const char *text = core_buffer_str(&p->run->file);
    char wanted[64];
    snprintf(wanted, sizeof(wanted), "XDG_%s_DIR=\"$HOME/", key);
    for (const char *line = text; line != NULL && *line != '\0';) {
        const char *end = strchr(line, '\n');
        size_t length = end != NULL ? (size_t)(end - line) : strlen(line);
        size_t prefix = strlen(wanted);
        if (length > prefix + 1 && strncmp(line, wanted, prefix) == 0 && line[length - 1] == '"') {
            char inside[PATH_SIZE];
            size_t n = length - prefix - 1;
            if (n == 0 || n >= sizeof(inside))
                return false;
            memcpy(inside, line + prefix, n);
            inside[n] = '\0';
            /* Stay inside the home: no "..", no other variables. */
            if (strstr(inside, "..") != NULL || strchr(inside, '$') != NULL ||
                strcmp(inside, "/") == 0)
                return false;
            triage_join(out, size, home, "/", inside);
            return out[0] != '\0';
        }
        line = end != NULL ? end + 1 : NULL;
    }
    return false;
}

static void linux_home(struct planner *p, const char *home, const char *user)
{
    static const struct {
        const char *key, *name;
        bool quick;
    } folders[] = {{"DOWNLOAD", "Downloads", true},
                   {"DESKTOP", "Desktop", true},
                   {"DOCUMENTS", "Documents", false}};
    p->plan->user_count++;
    for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]); i++) {
        if (p->quick && !folders[i].quick)
            continue;
        char local[PATH_SIZE];
        if (xdg_dir(p, home, folders[i].key, local, sizeof(local)) && real_dir(local))
            add_place(p, OB_TRIAGE_USER_FILES, local, user);
        add_dir(p, OB_TRIAGE_USER_FILES, home, folders[i].name, user);
    }
    static const char *const firefoxes[] = {".mozilla/firefox",
                                            "snap/firefox/common/.mozilla/firefox",
                                            ".var/app/org.mozilla.firefox/.mozilla/firefox"};
    for (size_t i = 0; i < sizeof(firefoxes) / sizeof(firefoxes[0]); i++)
        browser(p, home, firefoxes[i], true, user);
    static const char *const chromiums[] = {
        ".config/google-chrome",        ".config/chromium", ".config/BraveSoftware/Brave-Browser",
        ".config/microsoft-edge",       ".config/opera",    ".config/vivaldi",
        "snap/chromium/common/chromium"};
    for (size_t i = 0; i < sizeof(chromiums) / sizeof(chromiums[0]); i++)
        browser(p, home, chromiums[i], false, user);
    thunderbird_profiles(p, home, ".thunderbird", user);
    thunderbird_profiles(p, home, "snap/thunderbird/common/.thunderbird", user);
    char mail_dir[PATH_SIZE];
    triage_join(mail_dir, sizeof(mail_dir), home, "/", "Maildir");
    if (real_dir(mail_dir))
        maildir(p, mail_dir, user);
}

static void linux_user(struct planner *p, const char *path, const char *name, void *user)
{
    (void)user;
    if (p->plan->user_count < OB_TRIAGE_MAX_USERS)
        linux_home(p, path, name);
    else
        p->plan->truncated = true;
}

static void plan_linux(struct planner *p, const char *root)
{
    char dir[PATH_SIZE];
    triage_join(dir, sizeof(dir), root, "/", "home");
    if (real_dir(dir))
        each_subdir(p, dir, linux_user, NULL);
    triage_join(dir, sizeof(dir), root, "/", "root");
    if (real_dir(dir) && access(dir, R_OK | X_OK) == 0)
        linux_home(p, dir, "root");
    add_dir(p, OB_TRIAGE_TEMP, root, "tmp", NULL);
    add_dir(p, OB_TRIAGE_TEMP, root, "var/tmp", NULL);
    if (p->plan->live)
        add_dir(p, OB_TRIAGE_TEMP, root, "dev/shm", NULL);
}

/* ---- Windows ---- */

static void windows_user(struct planner *p, const char *home, const char *name, void *user)
{
    (void)user;
    static const char *const not_users[] = {"Default", "Default User", "All Users"};
    for (size_t i = 0; i < sizeof(not_users) / sizeof(not_users[0]); i++)
        if (strcasecmp(name, not_users[i]) == 0)
            return;
    if (p->plan->user_count >= OB_TRIAGE_MAX_USERS) {
        p->plan->truncated = true;
        return;
    }
    p->plan->user_count++;
    add_dir(p, OB_TRIAGE_USER_FILES, home, "Downloads", name);
    add_dir(p, OB_TRIAGE_USER_FILES, home, "Desktop", name);
    if (!p->quick)
        add_dir(p, OB_TRIAGE_USER_FILES, home, "Documents", name);
    add_dir(p, OB_TRIAGE_APP_DATA, home, "AppData/Roaming", name);
    if (p->quick)
        add_dir(p, OB_TRIAGE_TEMP, home, "AppData/Local/Temp", name);
    else
        add_dir(p, OB_TRIAGE_APP_DATA, home, "AppData/Local", name);
    browser(p, home, "AppData/Local/Google/Chrome/User Data", false, name);
    browser(p, home, "AppData/Local/Microsoft/Edge/User Data", false, name);
    browser(p, home, "AppData/Local/BraveSoftware/Brave-Browser/User Data", false, name);
    browser(p, home, "AppData/Roaming/Mozilla/Firefox/Profiles", true, name);
    thunderbird_profiles(p, home, "AppData/Roaming/Thunderbird/Profiles", name);
}

static void plan_windows(struct planner *p, const char *root)
{
    char users[PATH_SIZE];
    if (triage_find_nocase(root, "Users", users, sizeof(users)) && real_dir(users))
        each_subdir(p, users, windows_user, NULL);
    add_dir(p, OB_TRIAGE_TEMP, root, "Windows/Temp", NULL);
    add_dir(p, OB_TRIAGE_APP_DATA, root, "ProgramData", NULL);
}

/* ---- the disk that holds the root ---- */

/* The disk of block device `name` (in /sys/class/block): itself, the disk
 * of a partition, or through the devices a mapped device is made of. */
static bool disk_of(const char *name, char *out, size_t size, unsigned depth)
{
    if (depth > 4 || strchr(name, '/') != NULL || name[0] == '.')
        return false;
    char path[PATH_SIZE];
    snprintf(path, sizeof(path), "/sys/class/block/%s/partition", name);
    if (access(path, F_OK) == 0) {
        snprintf(path, sizeof(path), "/sys/class/block/%s", name);
        char target[PATH_SIZE];
        ssize_t n = readlink(path, target, sizeof(target) - 1);
        if (n <= 0)
            return false;
        target[n] = '\0';
        char *last = strrchr(target, '/');
        if (last == NULL)
            return false;
        *last = '\0';
        const char *parent = strrchr(target, '/');
        parent = parent != NULL ? parent + 1 : target;
        return (size_t)snprintf(out, size, "/dev/%s", parent) < size;
    }
    snprintf(path, sizeof(path), "/sys/class/block/%s/slaves", name);
    DIR *d = opendir(path);
    if (d != NULL) {
        struct dirent *e;
        bool found = false;
        while (!found && (e = readdir(d)) != NULL)
            if (e->d_name[0] != '.')
                found = disk_of(e->d_name, out, size, depth + 1);
        closedir(d);
        if (found)
            return true;
        /* A mapped device made of nothing readable: the device itself. */
    }
    return (size_t)snprintf(out, size, "/dev/%s", name) < size;
}

static void find_boot_disk(struct ob_triage_plan *plan, const char *root)
{
    struct stat st, parent;
    const char *reason = NULL;
    char disk[PATH_SIZE] = "", up[PATH_SIZE];
    triage_join(up, sizeof(up), root, "/", "..");
    if (stat(root, &st) != 0) {
        reason = _("the root folder cannot be read");
    } else if (!plan->live && stat(up, &parent) == 0 && parent.st_dev == st.st_dev) {
        /* A folder, not a mounted disk: its disk is this computer's. */
        reason = _("the root folder is not a mounted disk");
    } else if (major(st.st_dev) == 0) {
        reason = _("the root is not on a disk of this computer (a container, a network share "
                   "or a memory file system)");
    } else {
        char link[64], target[PATH_SIZE];
        snprintf(link, sizeof(link), "/sys/dev/block/%u:%u", major(st.st_dev), minor(st.st_dev));
        ssize_t n = readlink(link, target, sizeof(target) - 1);
        const char *name = NULL;
        if (n > 0) {
            target[n] = '\0';
            name = strrchr(target, '/');
            name = name != NULL ? name + 1 : target;
        }
        if (name == NULL || !disk_of(name, disk, sizeof(disk), 0))
            reason = _("the disk that holds the root could not be found");
        else if (access(disk, F_OK) != 0)
            reason = _("the disk that holds the root has no device file");
    }
    if (reason != NULL)
        plan->boot_disk_reason = strdup(reason);
    else
        plan->boot_disk = strdup(disk);
}

/* ---- the plan ---- */

static int by_path(const void *a, const void *b)
{
    const struct ob_triage_place *x = a, *y = b;
    return strcmp(x->path, y->path);
}

static int by_kind_path(const void *a, const void *b)
{
    const struct ob_triage_place *x = a, *y = b;
    if (x->kind != y->kind)
        return (int)x->kind - (int)y->kind;
    return strcmp(x->path, y->path);
}

/* Whether `inner` is `outer` or inside it. */
static bool inside(const char *inner, const char *outer)
{
    size_t length = strlen(outer);
    return strncmp(inner, outer, length) == 0 &&
           (inner[length] == '\0' || inner[length] == '/' || strcmp(outer, "/") == 0);
}

/* Drops duplicates and folders inside another folder of the plan (their
 * files are examined once, with the outer place); mail is kept apart. */
static void drop_nested(struct ob_triage_plan *plan)
{
    qsort(plan->places, plan->place_count, sizeof(*plan->places), by_path);
    size_t kept = 0;
    const char *outer = NULL;
    for (size_t i = 0; i < plan->place_count; i++) {
        struct ob_triage_place *place = &plan->places[i];
        bool mail = place->kind == OB_TRIAGE_MAIL;
        bool duplicate = kept > 0 && strcmp(plan->places[kept - 1].path, place->path) == 0;
        if (duplicate || (!mail && outer != NULL && inside(place->path, outer))) {
            free(place->path);
            free(place->user);
            continue;
        }
        plan->places[kept++] = *place;
        if (!mail)
            outer = plan->places[kept - 1].path;
    }
    plan->place_count = kept;
    qsort(plan->places, plan->place_count, sizeof(*plan->places), by_kind_path);
}

enum ob_status ob_triage_plan_make(struct ob_context *ctx, const char *root, bool quick,
                                   struct ob_triage_plan **out)
{
    static const struct ob_persistence_callbacks none = {0};
    *out = NULL;
    if (root == NULL || root[0] == '\0')
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("no root folder given"));
    struct stat st;
    if (stat(root, &st) != 0)
        return ob_context_fail(ctx, errno == ENOENT ? OB_ERR_NOT_FOUND : OB_ERR_IO, "%s: %s", root,
                               strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return ob_context_fail(ctx, OB_ERR_IO, _("%s: not a folder"), root);
    struct ob_triage_plan *plan = calloc(1, sizeof(*plan));
    struct triage_run *run = calloc(1, sizeof(*run));
    if (plan == NULL || run == NULL || (plan->root = strdup(root)) == NULL) {
        free(run);
        ob_triage_plan_free(plan);
        return OB_ERR_NOMEM;
    }
    run->ctx = ctx;
    run->callbacks = &none;
    core_buffer_init(&run->file, OB_PERSISTENCE_MAX_FILE);
    /* The root without its trailing '/', "" for "/". */
    char base[PATH_SIZE];
    triage_copy(base, sizeof(base), root);
    size_t length = strlen(base);
    while (length > 0 && base[length - 1] == '/')
        base[--length] = '\0';
    char *resolved = realpath(root, NULL);
    plan->live = resolved != NULL && strcmp(resolved, "/") == 0;
    free(resolved);
    char software[PATH_SIZE];
    plan->system = triage_find_nocase(base, "Windows/System32/config/SOFTWARE", software,
                                      sizeof(software))
                       ? OB_TRIAGE_WINDOWS
                       : OB_TRIAGE_LINUX;
    char status_file[PATH_SIZE];
    triage_join(status_file, sizeof(status_file), base, "/", "var/lib/dpkg/status");
    plan->has_dpkg = plan->system == OB_TRIAGE_LINUX && triage_is_file(status_file);
    struct planner p = {.plan = plan, .quick = quick, .run = run};
    if (plan->system == OB_TRIAGE_WINDOWS)
        plan_windows(&p, base);
    else
        plan_linux(&p, base);
    find_boot_disk(plan, root);
    core_buffer_release(&run->file);
    free(run);
    if (p.failed || (plan->boot_disk == NULL && plan->boot_disk_reason == NULL)) {
        ob_triage_plan_free(plan);
        return OB_ERR_NOMEM;
    }
    drop_nested(plan);
    *out = plan;
    return OB_OK;
}

void ob_triage_plan_free(struct ob_triage_plan *plan)
{
    if (plan == NULL)
        return;
    for (size_t i = 0; i < plan->place_count; i++) {
        free(plan->places[i].path);
        free(plan->places[i].user);
    }
    free(plan->places);
    free(plan->root);
    free(plan->boot_disk);
    free(plan->boot_disk_reason);
    free(plan);
}

/* ---- running processes ---------------------------------------------------------- */

size_t ob_triage_processes(struct ob_context *ctx,
                           void (*fn)(void *user, const struct ob_triage_process *process),
                           void *user, size_t *unreadable)
{
    (void)ctx;
    size_t given = 0, failed = 0, seen = 0;
    DIR *d = opendir("/proc");
    if (d == NULL) {
        if (unreadable != NULL)
            *unreadable = 0;
        return 0;
    }
    char **programs = NULL;
    size_t program_count = 0;
    struct ob_triage_process *process = malloc(sizeof(*process));
    struct dirent *e;
    while (process != NULL && (e = readdir(d)) != NULL && seen < OB_TRIAGE_MAX_PROCESSES) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end != '\0' || pid <= 0 || pid > INT_MAX)
            continue;
        seen++;
        memset(process, 0, sizeof(*process));
        process->pid = (int)pid;
        char link[64];
        snprintf(link, sizeof(link), "/proc/%ld/exe", pid);
        ssize_t n = readlink(link, process->program, sizeof(process->program) - 1);
        if (n <= 0) {
            /* Kernel threads have no program: not a failure. */
            if (errno != ENOENT)
                failed++;
            continue;
        }
        process->program[n] = '\0';
        static const char deleted_mark[] = " (deleted)";
        size_t mark = sizeof(deleted_mark) - 1;
        if ((size_t)n > mark && strcmp(process->program + n - mark, deleted_mark) == 0 &&
            access(process->program, F_OK) != 0) {
            process->deleted = true;
            process->program[n - mark] = '\0';
            snprintf(process->path, sizeof(process->path), "%s", link);
        } else {
            /* Its place in the sorted list, unless it is there already. */
            size_t low = 0, high = program_count;
            bool seen_before = false;
            while (low < high && !seen_before) {
                size_t middle = low + (high - low) / 2;
                int order = strcmp(programs[middle], process->program);
                seen_before = order == 0;
                if (order < 0)
                    low = middle + 1;
                else
                    high = middle;
            }
            if (seen_before)
                continue;
            char **grown = realloc(programs, (program_count + 1) * sizeof(*programs));
            char *copy = strdup(process->program);
            if (grown == NULL || copy == NULL) {
                free(copy);
                programs = grown != NULL ? grown : programs;
                break;
            }
            programs = grown;
            memmove(programs + low + 1, programs + low, (program_count - low) * sizeof(*programs));
            programs[low] = copy;
            program_count++;
            snprintf(process->path, sizeof(process->path), "%s", process->program);
        }
        char comm_path[64];
        snprintf(comm_path, sizeof(comm_path), "/proc/%ld/comm", pid);
        int fd = open(comm_path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            ssize_t got = read(fd, process->name, sizeof(process->name) - 1);
            close(fd);
            for (ssize_t i = 0; i < got; i++)
                if (!isprint((unsigned char)process->name[i]))
                    process->name[i] = i == got - 1 ? '\0' : '?';
        }
        fn(user, process);
        given++;
    }
    closedir(d);
    for (size_t i = 0; i < program_count; i++)
        free(programs[i]);
    free(programs);
    free(process);
    if (unreadable != NULL)
        *unreadable = failed;
    return given;
}
