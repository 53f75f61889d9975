/* SPDX-License-Identifier: Apache-2.0 */
/* What the persistence files share: the run, raising signals, paths inside
 * the root, and the Windows command-line resolution the tests call. */
#ifndef OB_TRIAGE_PERSISTENCE_INTERNAL_H
#define OB_TRIAGE_PERSISTENCE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buffer.h"
#include "oberig/persistence.h"

#define TRIAGE_MAX_DIR_ENTRIES 10000 /* names read from one folder */
#define TRIAGE_MAX_DEPTH 8           /* folders below the tasks folder */

struct triage_run {
    struct ob_context *ctx;
    const struct ob_persistence_callbacks *callbacks;
    char root[OB_PERSISTENCE_MAX_PATH]; /* without a trailing '/', "" for "/" */
    size_t entry_count;
    struct ob_buffer file; /* reused to read files */
};

/* Starts an entry: zeroes it and sets its kind, time and file. */
void triage_entry_init(struct ob_persistence_entry *entry, enum ob_persistence_kind kind,
                       enum ob_persistence_when when, const char *file);

/* Adds `signal` to `entry` with its explanation, the table's template
 * filled with the arguments (strings only). */
void triage_raise(struct ob_persistence_entry *entry, enum ob_persistence_signal signal, ...);

/* Raises the folder and missing-program signals, scores the entry and
 * passes it to the entry callback (at most OB_PERSISTENCE_MAX_ENTRIES). */
void triage_emit(struct triage_run *run, struct ob_persistence_entry *entry);

/* Sends a problem about `path` (`message` already in words). */
void triage_problem(struct triage_run *run, const char *path, const char *message);

/* Copies `text` into `out` of `size`, cut on a UTF-8 boundary. */
void triage_copy(char *out, size_t size, const char *text);

/* `first`, `separator` and `second` into `out`; "" when they do not fit
 * (a path too long is skipped, never cut). */
void triage_join(char *out, size_t size, const char *first, const char *separator,
                 const char *second);

/* Joins the root and `inside` (a path starting with '/') into `out`. */
void triage_path(const struct triage_run *run, const char *inside, char *out, size_t size);

/* Finds `inside` ('/'-separated, relative to `base`) component by
 * component, each matched without regard to ASCII case, and writes the path
 * found into `out` (the rest as given when a component is missing; "."
 * skipped, ".." dropped and counted as missing, so `out` stays inside).
 * Returns whether the whole path exists. */
bool triage_find_nocase(const char *base, const char *inside, char *out, size_t size);
/* The same with each component matched exactly (a Linux disk). */
bool triage_find(const char *base, const char *inside, char *out, size_t size);

/* Whether `path` is a folder, or a regular file (stat, following links). */
bool triage_is_dir(const char *path);
bool triage_is_file(const char *path);

/* Reads the regular file `path` (at most OB_PERSISTENCE_MAX_FILE) into
 * run->file; on failure sends a problem and returns false. A missing file
 * is no problem. */
bool triage_read_file(struct triage_run *run, const char *path);

/* The names in folder `path` (not "." or ".."), sorted, at most
 * TRIAGE_MAX_DIR_ENTRIES, NUL-separated in `names`; returns their count.
 * A folder that cannot be read gives 0. */
size_t triage_list_dir(struct triage_run *run, const char *path, struct ob_buffer *names);

void triage_linux(struct triage_run *run);
void triage_windows(struct triage_run *run);

/* ---- Windows command lines ---------------------------------------------- */

/* Expands %SystemRoot%, %windir%, %ProgramFiles%, %APPDATA%, ... in
 * `command` into `out` as they are on a standard Windows installed on C:,
 * with `user` ("" for none) as the user of the per-user folders. Unknown
 * variables stay as they are. */
void triage_windows_expand(const char *command, const char *user, char *out, size_t size);

/* The program a Windows command line starts: variables expanded, quotes and
 * arguments removed, "\??\", "\SystemRoot\", the drive letter and a bare
 * "system32\..." handled, as a '/'-separated path inside the disk
 * ("/Users/olena/AppData/Roaming/upd/svc.exe"). When `root` is not NULL,
 * the unquoted command is cut at the first space after which a file exists
 * under `root`, and a bare name is looked for in Windows/System32. Returns
 * false when no program can be told. */
bool triage_windows_program(const char *root, const char *command, const char *user, char *out,
                            size_t size);

#endif
