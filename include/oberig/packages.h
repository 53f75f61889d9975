/* SPDX-License-Identifier: Apache-2.0 */
/* oberig integrity: installed files checked against the dpkg database, as debsums does. */
#ifndef OBERIG_PACKAGES_H
#define OBERIG_PACKAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oberig/core.h"
#include "oberig/scan.h" /* enum ob_level */

#ifdef __cplusplus
extern "C" {
#endif

/* The reasons package verification can give, in the order of its table. */
enum ob_package_signal {
    OB_PACKAGE_FILE_CHANGED,       /* content differs from the package's MD5 */
    OB_PACKAGE_FILE_MISSING,       /* listed in the package, absent */
    OB_PACKAGE_FILE_SYMLINK,       /* a symbolic link where the package put a file */
    OB_PACKAGE_CONFFILE_CHANGED,   /* a configuration file edited since installation */
    OB_PACKAGE_UNOWNED_EXECUTABLE, /* an executable in a system folder no package owns */
    OB_PACKAGE_SIGNAL_COUNT
};

/* The signal table of package verification ("packages"); static. */
const struct ob_signal_table *ob_packages_signals(void);

/* One problem found. Every pointer is valid only during the callback. */
struct ob_package_finding {
    enum ob_package_signal signal;
    const char *path;         /* absolute inside the root: "/usr/bin/ls" */
    const char *package;      /* the owner, or NULL for an unowned executable */
    const char *expected_md5; /* lowercase hex from the database, or NULL */
    const char *actual_md5;   /* lowercase hex of the file now, or NULL */
    const char *description;  /* the signal's explanation filled in, in the language of
                                 messages */
    int score;                /* the signal's score */
    enum ob_level level;      /* from the score, with the scan's default thresholds */
};

/* A file that could not be checked (is_error) or a remark on the database
 * (a malformed line: !is_error). `message` is in the language of messages. */
struct ob_package_problem {
    const char *path; /* absolute inside the root, or a database file */
    const char *message;
    bool is_error;
};

struct ob_package_stats {
    uint64_t packages;              /* installed packages in the status file */
    uint64_t packages_without_sums; /* of those, without an md5sums file */
    uint64_t files;                 /* package files checked against their MD5 */
    uint64_t conffiles;             /* configuration files checked */
    uint64_t system_files;          /* regular files looked at in system folders */
    uint64_t owned_paths;           /* paths the *.list files name */
    uint64_t malformed_lines;       /* database lines that could not be read */
    uint64_t errors;                /* files that could not be checked */
    uint64_t findings[4];           /* indexed by enum ob_level */
    uint64_t by_signal[OB_PACKAGE_SIGNAL_COUNT];
    double seconds;
};

typedef void (*ob_package_finding_fn)(void *user, const struct ob_package_finding *finding);
typedef void (*ob_package_problem_fn)(void *user, const struct ob_package_problem *problem);

struct ob_package_verify_options {
    const char *root; /* the system's root folder: "/" or a mounted disk */
    ob_package_finding_fn on_finding;
    ob_package_problem_fn on_problem;
    void *user;
};

/* Verifies the packages installed under options->root: each file in
 * var/lib/dpkg/info/<package>[:<arch>].md5sums and each configuration file
 * of the status file against its MD5, then the executables in the system
 * folders (usr/bin, usr/sbin, usr/libexec, usr/lib, and bin, sbin, lib
 * when they are folders, not links into usr) against
 * what the var/lib/dpkg/info/<package>.list files own. Paths are resolved inside the root
 * (a symbolic link never leads out of it); a file that is itself a link is
 * reported as such, never followed. Callbacks run on the calling thread, in
 * order. Fills *stats. Errors: OB_ERR_NOT_FOUND when the root has no dpkg
 * status file, OB_ERR_PARSE, OB_ERR_LIMIT, OB_ERR_NOMEM, OB_ERR_IO,
 * OB_ERR_UNSUPPORTED (a kernel without openat2); detail in the context. */
enum ob_status ob_packages_verify(struct ob_context *ctx,
                                  const struct ob_package_verify_options *options,
                                  struct ob_package_stats *stats) OB_WARN_UNUSED;

/* ---- trusted package files, for oberig scan --trust-packages ---- */

/* The files the dpkg database under a root vouches for: path and MD5 from
 * var/lib/dpkg/info/ *.md5sums, configuration files excepted. Immutable
 * once made; lookups from several threads at once are safe. */
struct ob_package_trust;

/* Reads the database under `root` ("/" or a mounted disk) once. Paths are
 * recorded where the files live (merged /usr: "/bin/ls" as "/usr/bin/ls";
 * diverted files at their diversion). Errors: as ob_packages_verify
 * (OB_ERR_NOT_FOUND when there is no dpkg database); detail in the
 * context. *out is owned by the caller: ob_package_trust_free. */
enum ob_status ob_package_trust_new(struct ob_context *ctx, const char *root,
                                    struct ob_package_trust **out) OB_WARN_UNUSED;
void ob_package_trust_free(struct ob_package_trust *trust);

/* How many files the database gives an MD5 for, configuration files left out. */
size_t ob_package_trust_count(const struct ob_package_trust *trust);

/* The lookup for struct ob_scan_options' trusted_md5, with `trust_table` an
 * ob_package_trust: `path` is absolute as seen here, with no symbolic link
 * in it (scanning /mnt/disk/usr with the root /mnt/disk looks up
 * "/usr/..." inside it). Returns true and puts the OB_MD5_LEN (16) bytes
 * the database expects in `md5` for a file of a package; false for a path
 * outside the root, unknown, a configuration file, or listed with two
 * different MD5s. */
bool ob_package_trust_md5(const void *trust_table, const char *path, unsigned char *md5);

/* ---- the parsers, public for tests and fuzzing ---- */

/* One installed package of the status file; pointers valid during the call. */
struct ob_dpkg_conffile {
    const char *path; /* absolute, as the status file gives it */
    const char *md5;  /* 32 lowercase hex digits */
};
struct ob_dpkg_package {
    const char *name;
    const char *architecture; /* "" when absent */
    const struct ob_dpkg_conffile *conffiles;
    size_t conffile_count;
};
/* Returns false to stop. */
typedef bool (*ob_dpkg_package_fn)(void *user, const struct ob_dpkg_package *package);

/* Calls `fn` for each package of the dpkg status file `text` whose Status
 * is "<want> ok installed". Conffiles without a usable MD5 (newconffile,
 * obsolete ones) are left out. Errors: OB_ERR_NOMEM, OB_ERR_LIMIT (a
 * package with more than 100,000 conffiles). */
enum ob_status ob_dpkg_status_parse(const char *text, size_t length, ob_dpkg_package_fn fn,
                                    void *user) OB_WARN_UNUSED;

/* Returns false to stop. `line` counts from 1; `md5` is NULL for a
 * malformed line (then `path` is NULL too). */
typedef bool (*ob_dpkg_sum_fn)(void *user, size_t line, const char *md5, const char *path);

/* Calls `fn` for each line of an md5sums file: "<32 hex>  <relative path>"
 * (md5sum's " *" separator too). The path comes without a leading '/'.
 * A line without 32 hex digits and a separator, with an empty path or a
 * ".." component, is malformed. Errors: OB_ERR_NOMEM. */
enum ob_status ob_dpkg_md5sums_parse(const char *text, size_t length, ob_dpkg_sum_fn fn,
                                     void *user) OB_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
