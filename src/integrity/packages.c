/* SPDX-License-Identifier: Apache-2.0 */
/* Package verification: installed files against the dpkg database under a
 * root, and executables in system folders that no package owns. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/arena.h"
#include "core/array.h"
#include "core/buffer.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/text.h"
#include "oberig/packages.h"

#define DATABASE_CAP ((size_t)512 << 20) /* the status file, one md5sums or list file */
#define FILE_CAP ((uint64_t)16 << 30)    /* most bytes hashed of one package file */
#define MAX_OWNED ((size_t)20 << 20)     /* paths the list files may name */
#define MAX_DEPTH 32                     /* folders below a system folder */
#define MAX_TRUSTED ((size_t)20 << 20)   /* files ob_package_trust_new holds */

static const struct ob_signal_def signals[] = {
    [OB_PACKAGE_FILE_CHANGED] =
        {
            .id = "package-file-changed",
            .score = 100,
            .title = N_("differs from what its package installed"),
            .summary = N_("A file installed by a package no longer has the MD5 that the package "
                          "database records for it. Programs and libraries do not change by "
                          "themselves: an update that failed half-way, or tampering."),
            .explanation = N_(
                /* TRANSLATORS: the package name, the MD5 the database expects and the
                 * MD5 of the file now. */
                "the content differs from what the package \"%s\" installed (MD5 %s expected, "
                "%s found); a changed system program can mean that someone tampered with it"),
        },
    [OB_PACKAGE_FILE_MISSING] =
        {
            .id = "package-file-missing",
            .score = 60,
            .title = N_("was installed by a package but is gone"),
            .summary = N_("A file that the package database lists is missing. A wiper or an "
                          "attacker covering their tracks removes files; so does a careless "
                          "clean-up."),
            .explanation = N_(
                /* TRANSLATORS: the package name. */
                "the package \"%s\" installed this file, but it is no longer there"),
        },
    [OB_PACKAGE_FILE_SYMLINK] =
        {
            .id = "package-file-symlink",
            .score = 60,
            .title = N_("was replaced by a symbolic link"),
            .summary = N_("Where a package installed a file there is now a symbolic link. It is "
                          "reported, never followed: it may point anywhere."),
            .explanation = N_(
                /* TRANSLATORS: the package name. */
                "the package \"%s\" installed a file here, but now it is a symbolic link; "
                "check where it points and who made it"),
        },
    [OB_PACKAGE_CONFFILE_CHANGED] =
        {
            .id = "package-conffile-changed",
            .score = 40,
            .title = N_("is a configuration file changed since installation"),
            .summary = N_("A configuration file of a package differs from the installed one "
                          "or was removed. Administrators edit these files, so this is "
                          "reported apart and lower; check that the change is theirs."),
            .explanation = N_(
                /* TRANSLATORS: the package name. */
                "this configuration file of the package \"%s\" was changed or removed since "
                "it was installed; administrators often do that, so check that the change "
                "is theirs"),
        },
    [OB_PACKAGE_UNOWNED_EXECUTABLE] =
        {
            .id = "unowned-executable",
            .score = 60,
            .title = N_("is a program in a system folder that no package installed"),
            .summary = N_("A program (a file with an execute permission, or an ELF file) in "
                          "usr/bin, usr/sbin, usr/libexec, usr/lib, bin, sbin or lib that no "
                          "installed package owns. Attackers hide their tools there; software "
                          "installed by hand lands there too."),
            .explanation = N_("no installed package owns this program in a system folder; "
                              "attackers often hide their tools among the system's own"),
        },
};

static const struct ob_advice_def advice[] = {
    {"packages-found",
     N_("Programs or libraries of this system differ from what its packages installed, or "
        "programs were added beside them. Do not trust this system: disconnect it from the "
        "network, keep the disk as it is for examination, and ask a helpline or an "
        "administrator you trust to look at the files listed above.")},
    {"packages-clean",
     N_("The files of the installed packages match the package database. This does not prove "
        "the system is clean: an attacker with full control can change the database too, and "
        "files outside packages are not checked here. Run 'oberig scan' as well.")},
};

static const struct ob_signal_table table = {
    .capability = "packages",
    .signals = signals,
    .signal_count = sizeof(signals) / sizeof(signals[0]),
    .advice = advice,
    .advice_count = sizeof(advice) / sizeof(advice[0]),
};

const struct ob_signal_table *ob_packages_signals(void)
{
    return &table;
}

/* A dpkg-divert entry: the package's file `from` lives at `to`. */
struct diversion {
    const char *from, *to, *package;
};

struct verifier {
    struct ob_context *ctx;
    const struct ob_package_verify_options *options;
    struct ob_package_stats *stats;
    int root_fd;
    int info_fd;
    bool merged[6]; /* the alias folders below that are links into usr */
    struct ob_hasher *hasher;
    struct ob_arena strings;
    const char **owned;
    size_t owned_count;
    struct diversion *diversions;
    size_t diversion_count;
    struct ob_buffer file; /* a database file being read */
    unsigned char chunk[1 << 16];
    const char *package;                   /* during a package's md5sums */
    const struct ob_dpkg_package *current; /* its conffiles */
    struct ob_package_trust *trust;        /* collecting for ob_package_trust_new */
    char path[PATH_MAX];                   /* the system folder walk's path */
};

/* A file the database gives an MD5 for; a configuration file is never
 * trusted, whatever another package's md5sums says. */
struct trusted_file {
    const char *path; /* absolute inside the root, merged /usr applied */
    unsigned char md5[OB_MD5_LEN];
    bool conffile;
};

struct ob_package_trust {
    char *root;         /* the root's real path, "" for "/" */
    size_t root_length; /* of `root` */
    struct ob_arena strings;
    struct trusted_file *files; /* sorted by path */
    size_t count;
    size_t vouched; /* of those, not configuration files */
};

static const char *const alias_folders[6] = {"bin", "sbin", "lib", "lib32", "lib64", "libx32"};

/* Opens `path` (relative, or absolute meaning inside the root) as the
 * kernel resolves it with the root as "/": no link leads out of it. */
static int open_in_root(const struct verifier *verifier, const char *path, int flags)
{
    while (*path == '/')
        path++;
    struct open_how how = {
        /* openat2 refuses O_PATH with any flag it does not go with. */
        .flags = (uint64_t)(flags | O_CLOEXEC | ((flags & O_PATH) != 0 ? 0 : O_NOCTTY)),
        .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
    };
    long fd;
    do
        fd = syscall(SYS_openat2, verifier->root_fd, path[0] != '\0' ? path : ".", &how,
                     sizeof(how));
    while (fd < 0 && (errno == EAGAIN || errno == EINTR));
    return (int)fd;
}

/* Reads the whole regular file open at `fd` (closed here) into verifier->file. */
static enum ob_status read_fd(struct verifier *verifier, int fd)
{
    enum ob_status status = core_buffer_read_fd(&verifier->file, fd, NULL);
    close(fd);
    return status;
}

static void problem(struct verifier *verifier, bool is_error, const char *path, const char *format,
                    ...) __attribute__((format(printf, 4, 5)));
static void problem(struct verifier *verifier, bool is_error, const char *path, const char *format,
                    ...)
{
    char message[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof(message), format, args);
    va_end(args);
    if (is_error)
        verifier->stats->errors++;
    struct ob_package_problem report = {.path = path, .message = message, .is_error = is_error};
    if (verifier->options->on_problem != NULL)
        verifier->options->on_problem(verifier->options->user, &report);
}

static enum ob_level level_of(int score)
{
    if (score >= OB_DEFAULT_ALERT_SCORE)
        return OB_LEVEL_ALERT;
    if (score >= OB_DEFAULT_WARNING_SCORE)
        return OB_LEVEL_WARNING;
    return score >= OB_DEFAULT_NOTICE_SCORE ? OB_LEVEL_NOTICE : OB_LEVEL_NONE;
}

static void report(struct verifier *verifier, enum ob_package_signal signal, const char *path,
                   const char *package, const char *expected, const char *actual)
{
    const struct ob_signal_def *def = &signals[signal];
    char description[1024];
    /* Each template takes the package name first, the changed file's the
     * two MD5s after it; the unowned executable's takes nothing. */
    if (signal == OB_PACKAGE_FILE_CHANGED)
        ob_signal_explain(def, description, sizeof(description), package, expected, actual);
    else if (signal == OB_PACKAGE_UNOWNED_EXECUTABLE)
        ob_signal_explain(def, description, sizeof(description));
    else
        ob_signal_explain(def, description, sizeof(description), package);
    struct ob_package_finding finding = {
        .signal = signal,
        .path = path,
        .package = package,
        .expected_md5 = expected,
        .actual_md5 = actual,
        .description = description,
        .score = def->score,
        .level = level_of(def->score),
    };
    verifier->stats->findings[finding.level]++;
    verifier->stats->by_signal[signal]++;
    if (verifier->options->on_finding != NULL)
        verifier->options->on_finding(verifier->options->user, &finding);
}

/* "/bin/ls" is "/usr/bin/ls" when bin is a link into usr (merged /usr):
 * the list files name what the package shipped, the walk finds where it is. */
static const char *canonical(const struct verifier *verifier, const char *path, char *out,
                             size_t size)
{
    for (size_t i = 0; i < 6; i++) {
        size_t length = strlen(alias_folders[i]);
        if (verifier->merged[i] && path[0] == '/' &&
            strncmp(path + 1, alias_folders[i], length) == 0 && path[length + 1] == '/') {
            if ((size_t)snprintf(out, size, "/usr%s", path) >= size)
                return path;
            return out;
        }
    }
    return path;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int compare_key(const void *key, const void *item)
{
    return strcmp(key, *(const char *const *)item);
}

static bool owned(const struct verifier *verifier, const char *path)
{
    size_t at = core_array_lower_bound(verifier->owned, verifier->owned_count,
                                       sizeof(*verifier->owned), path, compare_key);
    return at < verifier->owned_count && strcmp(verifier->owned[at], path) == 0;
}

static enum ob_status add_owned(struct verifier *verifier, const char *path, size_t length)
{
    char line[PATH_MAX], alias[PATH_MAX + 8];
    if (length == 0 || length >= sizeof(line))
        return OB_OK;
    memcpy(line, path, length);
    line[length] = '\0';
    const char *name = canonical(verifier, line, alias, sizeof(alias));
    enum ob_status status = core_array_grow_counted((void **)&verifier->owned,
                                                    verifier->owned_count, sizeof(*verifier->owned),
                                                    4096, MAX_OWNED);
    if (status == OB_OK)
        status = core_arena_strdup(&verifier->strings, name, strlen(name),
                                   &verifier->owned[verifier->owned_count]);
    if (status == OB_OK)
        verifier->owned_count++;
    return status;
}

static bool ends_with(const char *text, const char *end)
{
    size_t length = strlen(text), end_length = strlen(end);
    return length >= end_length && strcmp(text + length - end_length, end) == 0;
}

/* Every path that var/lib/dpkg/info/ *.list files name, and the places
 * files were diverted to, sorted for owned(). */
static enum ob_status load_owned(struct verifier *verifier)
{
    enum ob_status status = OB_OK;
    int fd = openat(verifier->info_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *folder = fd >= 0 ? fdopendir(fd) : NULL;
    if (folder == NULL) {
        if (fd >= 0)
            close(fd);
        return ob_context_fail(verifier->ctx, ob_status_from_errno(errno),
                               _("cannot list the dpkg database folder '%s': %s"),
                               "var/lib/dpkg/info", strerror(errno));
    }
    struct dirent *entry;
    while (status == OB_OK && (entry = readdir(folder)) != NULL) {
        if (!ends_with(entry->d_name, ".list"))
            continue;
        int list = openat(verifier->info_fd, entry->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        enum ob_status read = list >= 0 ? read_fd(verifier, list) : ob_status_from_errno(errno);
        if (read != OB_OK) {
            problem(verifier, true, entry->d_name, _("cannot read the package file list: %s"),
                    ob_strerror(read));
            continue;
        }
        const char *text = (const char *)verifier->file.data, *end = text + verifier->file.length;
        while (status == OB_OK && text < end) {
            const char *newline = memchr(text, '\n', (size_t)(end - text));
            const char *stop = newline != NULL ? newline : end;
            if (text[0] == '/')
                status = add_owned(verifier, text, (size_t)(stop - text));
            text = stop + 1;
        }
    }
    closedir(folder);
    for (size_t i = 0; status == OB_OK && i < verifier->diversion_count; i++)
        status = add_owned(verifier, verifier->diversions[i].to,
                           strlen(verifier->diversions[i].to));
    if (status != OB_OK)
        return ob_context_fail(verifier->ctx, status,
                               _("cannot hold the list of files that packages own: %s"),
                               ob_strerror(status));
    qsort(verifier->owned, verifier->owned_count, sizeof(*verifier->owned), compare_paths);
    verifier->stats->owned_paths = verifier->owned_count;
    return OB_OK;
}

/* var/lib/dpkg/diversions: groups of three lines (from, to, package). */
static enum ob_status load_diversions(struct verifier *verifier)
{
    int fd = open_in_root(verifier, "var/lib/dpkg/diversions", O_RDONLY | O_NOFOLLOW);
    if (fd < 0)
        return OB_OK; /* none */
    enum ob_status status = read_fd(verifier, fd);
    if (status != OB_OK)
        return OB_OK;
    const char *fields[3];
    size_t field = 0;
    char *text = (char *)verifier->file.data, *end = text + verifier->file.length;
    while (status == OB_OK && text < end) {
        char *newline = memchr(text, '\n', (size_t)(end - text));
        char *stop = newline != NULL ? newline : end;
        *stop = '\0';
        status = core_arena_strdup(&verifier->strings, text, (size_t)(stop - text), &fields[field]);
        text = stop + 1;
        if (status != OB_OK || ++field < 3)
            continue;
        field = 0;
        status = core_array_grow_counted((void **)&verifier->diversions, verifier->diversion_count,
                                         sizeof(*verifier->diversions), 16, MAX_OWNED);
        if (status == OB_OK)
            verifier->diversions[verifier->diversion_count++] =
                (struct diversion){fields[0], fields[1], fields[2]};
    }
    return status;
}

/* Where the file `path` of `package` really is: diverted by another
 * package, it lives at the diversion's target. */
static const char *diverted(const struct verifier *verifier, const char *path, const char *package)
{
    for (size_t i = 0; i < verifier->diversion_count; i++) {
        const struct diversion *d = &verifier->diversions[i];
        if (strcmp(d->from + (d->from[0] == '/'), path + (path[0] == '/')) == 0)
            return strcmp(d->package, package) == 0 ? path : d->to;
    }
    return path;
}

/* Checks one file of `package` against `expected` (lowercase hex). */
static void check_file(struct verifier *verifier, const char *package, const char *relative,
                       const char *expected, bool conffile)
{
    char shown[PATH_MAX + 2];
    snprintf(shown, sizeof(shown), "/%s", relative + (relative[0] == '/'));
    const char *path = verifier->diversion_count > 0 ? diverted(verifier, shown, package) : shown;
    if (conffile)
        verifier->stats->conffiles++;
    else
        verifier->stats->files++;
    int fd = open_in_root(verifier, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            report(verifier, conffile ? OB_PACKAGE_CONFFILE_CHANGED : OB_PACKAGE_FILE_MISSING, path,
                   package, expected, NULL);
        else if (errno == ELOOP) /* administrators also link configuration files */
            report(verifier, conffile ? OB_PACKAGE_CONFFILE_CHANGED : OB_PACKAGE_FILE_SYMLINK, path,
                   package, expected, NULL);
        else
            problem(verifier, true, path, _("cannot open the file: %s"), strerror(errno));
        return;
    }
    struct stat st;
    enum ob_status status = OB_OK;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        problem(verifier, true, path, _("not a regular file where the package put one"));
        goto out;
    }
    if ((uint64_t)st.st_size > FILE_CAP) {
        problem(verifier, true, path, _("larger than the size limit"));
        goto out;
    }
    status = core_hasher_stream_begin(verifier->hasher, CORE_DIGEST_MD5);
    uint64_t total = 0;
    while (status == OB_OK) {
        ssize_t got = read(fd, verifier->chunk, sizeof(verifier->chunk));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            problem(verifier, true, path, _("cannot read the file: %s"), strerror(errno));
            goto out;
        }
        if (got == 0)
            break;
        total += (uint64_t)got;
        if (total > FILE_CAP) {
            problem(verifier, true, path, _("larger than the size limit"));
            goto out;
        }
        status = core_hasher_stream_update(verifier->hasher, CORE_DIGEST_MD5, verifier->chunk,
                                           (size_t)got);
    }
    unsigned char digest[OB_MD5_LEN];
    if (status == OB_OK)
        status = core_hasher_stream_finish(verifier->hasher, CORE_DIGEST_MD5, digest);
    if (status != OB_OK) {
        problem(verifier, true, path, "%s", ob_strerror(status));
        goto out;
    }
    char actual[2 * OB_MD5_LEN + 1];
    core_hex_encode(digest, OB_MD5_LEN, actual);
    if (strcmp(actual, expected) != 0)
        report(verifier, conffile ? OB_PACKAGE_CONFFILE_CHANGED : OB_PACKAGE_FILE_CHANGED, path,
               package, expected, actual);
out:
    close(fd);
}

/* Records the file `relative` of the current package with its MD5 (hex)
 * where it lives: diverted, and below usr when its folder is a link there. */
static enum ob_status trust_add(struct verifier *verifier, const char *relative, const char *md5,
                                bool conffile)
{
    struct ob_package_trust *trust = verifier->trust;
    char shown[PATH_MAX + 2], alias[PATH_MAX + 8];
    snprintf(shown, sizeof(shown), "/%s", relative + (relative[0] == '/'));
    const char *path = verifier->diversion_count > 0 ? diverted(verifier, shown, verifier->package)
                                                     : shown;
    path = canonical(verifier, path, alias, sizeof(alias));
    struct trusted_file file = {.conffile = conffile};
    if (!core_hex_decode(md5, 2 * OB_MD5_LEN, file.md5))
        return OB_OK; /* the parsers only pass 32 hex digits on */
    enum ob_status status = core_array_grow_counted((void **)&trust->files, trust->count,
                                                    sizeof(*trust->files), 4096, MAX_TRUSTED);
    if (status == OB_OK)
        status = core_arena_strdup(&trust->strings, path, strlen(path), &file.path);
    if (status == OB_OK)
        trust->files[trust->count++] = file;
    return status;
}

static bool is_conffile(const struct ob_dpkg_package *package, const char *relative)
{
    for (size_t i = 0; i < package->conffile_count; i++)
        if (strcmp(package->conffiles[i].path + 1, relative) == 0)
            return true;
    return false;
}

static bool on_sum(void *user, size_t line, const char *md5, const char *path)
{
    struct verifier *verifier = user;
    if (md5 == NULL) {
        verifier->stats->malformed_lines++;
        char where[NAME_MAX + 64];
        snprintf(where, sizeof(where), "var/lib/dpkg/info/%s.md5sums", verifier->package);
        /* TRANSLATORS: %zu is a line number of a package's md5sums file. */
        problem(verifier, false, where, _("line %zu is not \"MD5  path\"; it is left out"), line);
        return true;
    }
    if (is_conffile(verifier->current, path))
        return true;
    if (verifier->trust != NULL)
        return trust_add(verifier, path, md5, false) == OB_OK;
    check_file(verifier, verifier->package, path, md5, false);
    return true;
}

/* The md5sums file of `package`: "<name>:<arch>.md5sums" for a package
 * installed for several architectures, else "<name>.md5sums". */
static int open_md5sums(const struct verifier *verifier, const struct ob_dpkg_package *package)
{
    char name[NAME_MAX + 1];
    int fd = -1;
    if (package->architecture[0] != '\0' &&
        (size_t)snprintf(name, sizeof(name), "%s:%s.md5sums", package->name,
                         package->architecture) < sizeof(name))
        fd = openat(verifier->info_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && (size_t)snprintf(name, sizeof(name), "%s.md5sums", package->name) < sizeof(name))
        fd = openat(verifier->info_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    return fd;
}

struct status_walk {
    struct verifier *verifier;
    enum ob_status status;
};

static bool on_package(void *user, const struct ob_dpkg_package *package)
{
    struct status_walk *walk = user;
    struct verifier *verifier = walk->verifier;
    verifier->stats->packages++;
    verifier->package = package->name;
    verifier->current = package;
    int fd = open_md5sums(verifier, package);
    if (fd < 0) {
        verifier->stats->packages_without_sums++;
    } else {
        enum ob_status status = read_fd(verifier, fd);
        if (status == OB_OK) {
            /* The file buffer is reused by nothing while its lines are checked. */
            status = ob_dpkg_md5sums_parse((const char *)verifier->file.data, verifier->file.length,
                                           on_sum, verifier);
        } else {
            problem(verifier, true, package->name, _("cannot read the md5sums file: %s"),
                    ob_strerror(status));
            status = OB_OK;
        }
        if (status != OB_OK) {
            walk->status = status;
            return false;
        }
    }
    for (size_t i = 0; i < package->conffile_count; i++) {
        if (verifier->trust == NULL) {
            check_file(verifier, package->name, package->conffiles[i].path,
                       package->conffiles[i].md5, true);
        } else if ((walk->status = trust_add(verifier, package->conffiles[i].path,
                                             package->conffiles[i].md5, true)) != OB_OK) {
            return false;
        }
    }
    return true;
}

static bool is_elf(int folder, const char *name)
{
    int fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return false;
    unsigned char magic[4];
    bool elf = read(fd, magic, 4) == 4 && memcmp(magic, "\177ELF", 4) == 0;
    close(fd);
    return elf;
}

/* Walks the folder open at `folder` (taken and closed here), whose path
 * inside the root is verifier->path[0..length). */
static void walk_folder(struct verifier *verifier, int folder, size_t length, dev_t device,
                        int depth)
{
    DIR *dir = fdopendir(folder);
    if (dir == NULL) {
        close(folder);
        return;
    }
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        const char *name = entry->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        size_t name_length = strlen(name);
        if (length + 1 + name_length >= sizeof(verifier->path))
            continue;
        verifier->path[length] = '/';
        memcpy(verifier->path + length + 1, name, name_length + 1);
        struct stat st;
        if (fstatat(dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH && st.st_dev == device) {
            int child = openat(dirfd(dir), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child >= 0)
                walk_folder(verifier, child, length + 1 + name_length, device, depth + 1);
            continue;
        }
        if (!S_ISREG(st.st_mode))
            continue;
        verifier->stats->system_files++;
        if (owned(verifier, verifier->path))
            continue;
        if ((st.st_mode & 0111) != 0 || is_elf(dirfd(dir), name))
            report(verifier, OB_PACKAGE_UNOWNED_EXECUTABLE, verifier->path, NULL, NULL, NULL);
    }
    closedir(dir);
}

static void walk_system_folders(struct verifier *verifier)
{
    static const char *const folders[] = {"/usr/bin", "/usr/sbin", "/usr/libexec", "/usr/lib",
                                          "/bin",     "/sbin",     "/lib"};
    for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]); i++) {
        /* A folder that is a link (bin -> usr/bin) is walked as its target. */
        int fd = open_in_root(verifier, folders[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
        struct stat st;
        if (fd < 0)
            continue;
        if (fstat(fd, &st) != 0) {
            close(fd);
            continue;
        }
        size_t length = strlen(folders[i]);
        memcpy(verifier->path, folders[i], length + 1);
        walk_folder(verifier, fd, length, st.st_dev, 0);
    }
}

/* Opens options->root and its dpkg database, reads the diversions, and
 * reads the status file into `status_text` (initialised here; the caller
 * releases it). */
static enum ob_status database_open(struct verifier *verifier, struct ob_buffer *status_text)
{
    struct ob_context *ctx = verifier->ctx;
    const char *root = verifier->options->root;
    core_buffer_init(status_text, DATABASE_CAP);
    verifier->root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (verifier->root_fd < 0)
        return ob_context_fail(ctx, ob_status_from_errno(errno),
                               _("cannot open the root folder '%s': %s"), root, strerror(errno));
    enum ob_status status = core_hasher_new(&verifier->hasher);
    if (status != OB_OK)
        return status;
    verifier->info_fd = open_in_root(verifier, "var/lib/dpkg/info", O_PATH | O_DIRECTORY);
    if (verifier->info_fd < 0 && errno == ENOSYS)
        return ob_context_fail(ctx, OB_ERR_UNSUPPORTED,
                               _("this kernel cannot open files safely inside another root "
                                 "(openat2 is missing)"));
    int status_fd = open_in_root(verifier, "var/lib/dpkg/status", O_RDONLY | O_NOFOLLOW);
    if (verifier->info_fd < 0 || status_fd < 0) {
        int error = errno;
        if (status_fd >= 0)
            close(status_fd);
        return ob_context_fail(ctx, OB_ERR_NOT_FOUND,
                               _("no dpkg database under '%s' (var/lib/dpkg/status and "
                                 "var/lib/dpkg/info): %s"),
                               root, strerror(error));
    }
    for (size_t i = 0; i < 6; i++) {
        struct stat st;
        verifier->merged[i] = fstatat(verifier->root_fd, alias_folders[i], &st,
                                      AT_SYMLINK_NOFOLLOW) == 0 &&
                              S_ISLNK(st.st_mode);
    }
    if ((status = load_diversions(verifier)) != OB_OK) {
        close(status_fd);
        return status;
    }
    status = core_buffer_read_fd(status_text, status_fd, NULL);
    close(status_fd);
    if (status != OB_OK)
        return ob_context_fail(ctx, status, _("cannot read the dpkg status file '%s': %s"),
                               "var/lib/dpkg/status", ob_strerror(status));
    return OB_OK;
}

/* Calls on_package for each installed package of the status file. */
static enum ob_status database_walk(struct verifier *verifier, const struct ob_buffer *status_text)
{
    struct status_walk walk = {.verifier = verifier, .status = OB_OK};
    enum ob_status status = ob_dpkg_status_parse((const char *)status_text->data,
                                                 status_text->length, on_package, &walk);
    if (status == OB_OK)
        status = walk.status;
    if (status != OB_OK)
        return ob_context_fail(verifier->ctx, status, _("cannot read the dpkg database: %s"),
                               ob_strerror(status));
    return OB_OK;
}

static struct verifier *verifier_new(struct ob_context *ctx,
                                     const struct ob_package_verify_options *options,
                                     struct ob_package_stats *stats)
{
    struct verifier *verifier = calloc(1, sizeof(*verifier));
    if (verifier == NULL)
        return NULL;
    verifier->ctx = ctx;
    verifier->options = options;
    verifier->stats = stats;
    verifier->root_fd = verifier->info_fd = -1;
    core_arena_init(&verifier->strings, 0);
    core_buffer_init(&verifier->file, DATABASE_CAP);
    return verifier;
}

static void verifier_free(struct verifier *verifier)
{
    if (verifier->info_fd >= 0)
        close(verifier->info_fd);
    if (verifier->root_fd >= 0)
        close(verifier->root_fd);
    core_hasher_free(verifier->hasher);
    core_arena_release(&verifier->strings);
    core_buffer_release(&verifier->file);
    free(verifier->owned);
    free(verifier->diversions);
    free(verifier);
}

enum ob_status ob_packages_verify(struct ob_context *ctx,
                                  const struct ob_package_verify_options *options,
                                  struct ob_package_stats *stats)
{
    struct timespec started = core_clock_now();
    memset(stats, 0, sizeof(*stats));
    struct verifier *verifier = verifier_new(ctx, options, stats);
    if (verifier == NULL)
        return OB_ERR_NOMEM;
    struct ob_buffer status_text;
    enum ob_status status = database_open(verifier, &status_text);
    if (status == OB_OK)
        status = load_owned(verifier);
    if (status == OB_OK)
        status = database_walk(verifier, &status_text);
    if (status == OB_OK)
        walk_system_folders(verifier);
    core_buffer_release(&status_text);
    verifier_free(verifier);
    stats->seconds = core_clock_seconds_since(&started);
    return status;
}

static int compare_trusted(const void *a, const void *b)
{
    return strcmp(((const struct trusted_file *)a)->path, ((const struct trusted_file *)b)->path);
}

static int compare_trusted_key(const void *key, const void *item)
{
    return strcmp(key, ((const struct trusted_file *)item)->path);
}

enum ob_status ob_package_trust_new(struct ob_context *ctx, const char *root,
                                    struct ob_package_trust **out)
{
    *out = NULL;
    struct ob_package_stats stats = {0};
    struct ob_package_verify_options options = {.root = root};
    struct ob_package_trust *trust = calloc(1, sizeof(*trust));
    struct verifier *verifier = verifier_new(ctx, &options, &stats);
    if (trust == NULL || verifier == NULL) {
        free(trust);
        if (verifier != NULL)
            verifier_free(verifier);
        return OB_ERR_NOMEM;
    }
    core_arena_init(&trust->strings, 0);
    verifier->trust = trust;
    struct ob_buffer status_text;
    enum ob_status status = database_open(verifier, &status_text);
    if (status == OB_OK && (trust->root = realpath(root, NULL)) == NULL)
        status = ob_context_fail(ctx, ob_status_from_errno(errno),
                                 _("cannot open the root folder '%s': %s"), root, strerror(errno));
    if (status == OB_OK)
        status = database_walk(verifier, &status_text);
    core_buffer_release(&status_text);
    verifier_free(verifier);
    if (status != OB_OK) {
        ob_package_trust_free(trust);
        return status;
    }
    /* "/" is the empty prefix of every absolute path. */
    trust->root_length = strcmp(trust->root, "/") == 0 ? 0 : strlen(trust->root);
    trust->root[trust->root_length] = '\0';
    qsort(trust->files, trust->count, sizeof(*trust->files), compare_trusted);
    for (size_t i = 0; i < trust->count; i++)
        trust->vouched += !trust->files[i].conffile;
    *out = trust;
    return OB_OK;
}

void ob_package_trust_free(struct ob_package_trust *trust)
{
    if (trust == NULL)
        return;
    free(trust->root);
    core_arena_release(&trust->strings);
    free(trust->files);
    free(trust);
}

size_t ob_package_trust_count(const struct ob_package_trust *trust)
{
    return trust->vouched;
}

bool ob_package_trust_md5(const void *trust_table, const char *path, unsigned char *md5)
{
    const struct ob_package_trust *trust = trust_table;
    if (strncmp(path, trust->root, trust->root_length) != 0 || path[trust->root_length] != '/')
        return false;
    const char *inside = path + trust->root_length;
    size_t at = core_array_lower_bound(trust->files, trust->count, sizeof(*trust->files), inside,
                                       compare_trusted_key);
    bool found = false;
    /* Two packages may ship one path (Multi-Arch: same, diversions); any
     * of them being a configuration file makes the path untrusted, and
     * two different MD5s leave nothing to compare against. */
    for (size_t i = at; i < trust->count && strcmp(trust->files[i].path, inside) == 0; i++) {
        if (trust->files[i].conffile ||
            (found && memcmp(md5, trust->files[i].md5, OB_MD5_LEN) != 0))
            return false;
        memcpy(md5, trust->files[i].md5, OB_MD5_LEN);
        found = true;
    }
    return found;
}
