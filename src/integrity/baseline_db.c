/* SPDX-License-Identifier: Apache-2.0 */
/* The baseline file: SQLite written to a temporary file and renamed into
 * place, and read back only after it proved to be an oberig baseline. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/array.h"
#include "core/i18n.h"
#include "integrity/baseline_internal.h"

#define MAX_RECORDS ((size_t)64 << 20)
#define MAX_ROOTS 4096

static const char schema[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE roots (path TEXT PRIMARY KEY);"
    "CREATE TABLE excludes (glob TEXT PRIMARY KEY);"
    "CREATE TABLE files ("
    "  path TEXT PRIMARY KEY,"
    "  type TEXT NOT NULL,"
    "  size INTEGER NOT NULL, mode INTEGER NOT NULL, uid INTEGER NOT NULL,"
    "  gid INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,"
    "  inode INTEGER NOT NULL, device INTEGER NOT NULL,"
    "  sha256 BLOB, entropy REAL, top_byte INTEGER, top_share REAL, pattern INTEGER);"
    /* Schema 2: the boot sectors of the devices named with --device. */
    "CREATE TABLE devices ("
    "  path TEXT PRIMARY KEY,"
    "  size INTEGER NOT NULL, mbr_signature INTEGER NOT NULL,"
    "  code_sha256 TEXT NOT NULL, code_class TEXT NOT NULL, known_name TEXT NOT NULL,"
    "  table_sha256 TEXT NOT NULL, gpt_present INTEGER NOT NULL, gpt_intact INTEGER NOT NULL);";

static enum ob_status db_fail(struct ob_context *ctx, sqlite3 *db, const char *path)
{
    int code = db != NULL ? sqlite3_errcode(db) : SQLITE_NOMEM;
    enum ob_status status = code == SQLITE_NOMEM                              ? OB_ERR_NOMEM
                            : code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? OB_ERR_PARSE
                            : code == SQLITE_PERM || code == SQLITE_READONLY  ? OB_ERR_PERMISSION
                                                                              : OB_ERR_IO;
    /* TRANSLATORS: the baseline file, then the database's own reason, in English. */
    return ob_context_fail(ctx, status, _("baseline '%s': %s"), path,
                           db != NULL ? sqlite3_errmsg(db) : _("out of memory"));
}

static int64_t as_int(uint64_t value)
{
    return (int64_t)value;
}

static bool put_meta(sqlite3 *db, const char *key, const char *value)
{
    sqlite3_stmt *statement = NULL;
    bool ok = sqlite3_prepare_v2(db, "INSERT INTO meta VALUES (?, ?)", -1, &statement, NULL) ==
                  SQLITE_OK &&
              sqlite3_bind_text(statement, 1, key, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(statement, 2, value, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_step(statement) == SQLITE_DONE;
    sqlite3_finalize(statement);
    return ok;
}

/* Inserts each of `values` with the one-parameter statement `sql`. */
static bool put_list(sqlite3 *db, const char *sql, const char *const *values, size_t count)
{
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, NULL) != SQLITE_OK)
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < count; i++) {
        ok = sqlite3_bind_text(statement, 1, values[i], -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_step(statement) == SQLITE_DONE;
        sqlite3_reset(statement);
    }
    sqlite3_finalize(statement);
    return ok;
}

static bool put_header(sqlite3 *db, const char *const *roots, size_t root_count,
                       const struct ob_baseline_options *options)
{
    char host[256] = "", number[32], created[32];
    if (gethostname(host, sizeof(host) - 1) != 0)
        host[0] = '\0';
    snprintf(number, sizeof(number), "%d", OB_BASELINE_SCHEMA_VERSION);
    snprintf(created, sizeof(created), "%lld", (long long)time(NULL));
    if (!put_meta(db, "schema_version", number) || !put_meta(db, "host", host) ||
        !put_meta(db, "created", created) || !put_meta(db, "oberig_version", OB_VERSION_STRING))
        return false;
    return put_meta(db, "cross_filesystems", options->cross_filesystems ? "1" : "0") &&
           put_meta(db, "scan_special_dirs", options->scan_special_dirs ? "1" : "0") &&
           put_list(db, "INSERT OR IGNORE INTO roots VALUES (?)", roots, root_count) &&
           put_list(db, "INSERT OR IGNORE INTO excludes VALUES (?)", options->excludes,
                    options->exclude_count);
}

static bool put_record(sqlite3_stmt *statement, const struct ob_baseline_record *record)
{
    int column = 1;
    bool ok = sqlite3_bind_text(statement, column++, record->path, -1, SQLITE_STATIC) == SQLITE_OK;
    ok = ok && sqlite3_bind_text(statement, column++, "file", -1, SQLITE_STATIC) == SQLITE_OK;
    const int64_t numbers[] = {as_int(record->size),  record->mode,          record->uid,
                               record->gid,           record->mtime_ns,      record->ctime_ns,
                               as_int(record->inode), as_int(record->device)};
    for (size_t i = 0; ok && i < sizeof(numbers) / sizeof(numbers[0]); i++)
        ok = sqlite3_bind_int64(statement, column++, numbers[i]) == SQLITE_OK;
    if (record->hashed)
        ok = ok &&
             sqlite3_bind_blob(statement, column++, record->sha256, 32, SQLITE_STATIC) ==
                 SQLITE_OK &&
             sqlite3_bind_double(statement, column++, record->entropy) == SQLITE_OK &&
             sqlite3_bind_int(statement, column++, (int)record->top_byte) == SQLITE_OK &&
             sqlite3_bind_double(statement, column++, record->top_share) == SQLITE_OK &&
             sqlite3_bind_int(statement, column++, (int)record->pattern) == SQLITE_OK;
    else
        for (int i = 0; ok && i < 5; i++)
            ok = sqlite3_bind_null(statement, column++) == SQLITE_OK;
    ok = ok && sqlite3_step(statement) == SQLITE_DONE;
    sqlite3_reset(statement);
    return ok;
}

static bool put_devices(sqlite3 *db, const struct ob_baseline_device *devices, size_t count)
{
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO devices VALUES (?,?,?,?,?,?,?,?,?)", -1,
                           &statement, NULL) != SQLITE_OK)
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < count; i++) {
        const struct ob_baseline_device *d = &devices[i];
        ok = sqlite3_bind_text(statement, 1, d->path, -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_bind_int64(statement, 2, as_int(d->size)) == SQLITE_OK &&
             sqlite3_bind_int(statement, 3, d->mbr_signature) == SQLITE_OK &&
             sqlite3_bind_text(statement, 4, d->code_sha256, -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_bind_text(statement, 5, ob_bootrec_code_name(d->code_class), -1,
                               SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_bind_text(statement, 6, d->known_name, -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_bind_text(statement, 7, d->table_sha256, -1, SQLITE_STATIC) == SQLITE_OK &&
             sqlite3_bind_int(statement, 8, d->gpt_present) == SQLITE_OK &&
             sqlite3_bind_int(statement, 9, d->gpt_intact) == SQLITE_OK &&
             sqlite3_step(statement) == SQLITE_DONE;
        sqlite3_reset(statement);
    }
    sqlite3_finalize(statement);
    return ok;
}

/* Makes what was written durable before it replaces the old baseline. */
static bool sync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

/* Creates `folder` and what is missing above it, private to the user (the
 * default baseline's folder may not exist yet). */
static bool make_folder(const char *folder, int depth)
{
    if (mkdir(folder, 0700) == 0 || errno == EEXIST)
        return true;
    if (errno != ENOENT || depth > 64)
        return false;
    char *parent = strdup(folder);
    char *slash = parent != NULL ? strrchr(parent, '/') : NULL;
    bool made = false;
    if (slash != NULL && slash != parent) {
        *slash = '\0';
        made = make_folder(parent, depth + 1) && mkdir(folder, 0700) == 0;
    }
    free(parent);
    return made;
}

enum ob_status integrity_db_write(struct ob_context *ctx, const char *db_path,
                                  const char *const *roots, size_t root_count,
                                  const struct ob_baseline_options *options,
                                  const struct ob_baseline_record *const *records, size_t count,
                                  const struct ob_baseline_device *devices, size_t device_count)
{
    char *temporary = NULL, *folder = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *statement = NULL;
    enum ob_status status = OB_OK;
    if (asprintf(&temporary, "%s.tmp-XXXXXX", db_path) < 0) {
        temporary = NULL;
        status = OB_ERR_NOMEM;
        goto out;
    }
    int fd = mkstemp(temporary);
    if (fd < 0 && errno == ENOENT && (folder = strdup(db_path)) != NULL &&
        strrchr(folder, '/') != NULL) {
        *strrchr(folder, '/') = '\0';
        /* mkstemp leaves its last try in the template. */
        memcpy(temporary + strlen(temporary) - 6, "XXXXXX", 6);
        if (folder[0] != '\0' && make_folder(folder, 0))
            fd = mkstemp(temporary);
        free(folder);
        folder = NULL;
    }
    if (fd < 0) {
        status = ob_context_fail(ctx, ob_status_from_errno(errno),
                                 _("cannot create a file beside '%s': %s"), db_path,
                                 strerror(errno));
        free(temporary);
        temporary = NULL;
        goto out;
    }
    close(fd);
    if (sqlite3_open_v2(temporary, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        status = db_fail(ctx, db, db_path);
        goto out;
    }
    char pragma[64];
    snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", OB_BASELINE_SCHEMA_VERSION);
    /* No journal: the file is not in use until renamed, and a crash leaves
     * only a temporary file behind. */
    if (sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL) !=
            SQLITE_OK ||
        sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        !put_header(db, roots, root_count, options) || !put_devices(db, devices, device_count) ||
        sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &statement, NULL) != SQLITE_OK) {
        status = db_fail(ctx, db, db_path);
        goto out;
    }
    for (size_t i = 0; i < count; i++) {
        if (!put_record(statement, records[i])) {
            status = db_fail(ctx, db, db_path);
            goto out;
        }
    }
    sqlite3_finalize(statement);
    statement = NULL;
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        status = db_fail(ctx, db, db_path);
        goto out;
    }
    if (sqlite3_close(db) != SQLITE_OK) {
        status = db_fail(ctx, db, db_path);
        goto out;
    }
    db = NULL;
    if (!sync_path(temporary, O_RDONLY) || rename(temporary, db_path) != 0) {
        status = ob_context_fail(ctx, ob_status_from_errno(errno), _("cannot write '%s': %s"),
                                 db_path, strerror(errno));
        goto out;
    }
    free(temporary);
    temporary = NULL;
    folder = strdup(db_path);
    if (folder != NULL) {
        char *slash = strrchr(folder, '/');
        if (slash != NULL) {
            slash[slash == folder ? 1 : 0] = '\0';
            (void)sync_path(folder, O_RDONLY | O_DIRECTORY);
        } else {
            (void)sync_path(".", O_RDONLY | O_DIRECTORY);
        }
    }
out:
    sqlite3_finalize(statement);
    sqlite3_close(db);
    if (temporary != NULL) {
        unlink(temporary);
        free(temporary);
    }
    free(folder);
    return status;
}

/* ---- reading ------------------------------------------------------------- */

void integrity_loaded_release(struct integrity_baseline *loaded)
{
    for (size_t i = 0; i < loaded->count; i++)
        free((char *)loaded->records[i].path);
    free(loaded->records);
    for (size_t i = 0; i < loaded->root_count; i++)
        free(loaded->roots[i]);
    free(loaded->roots);
    for (size_t i = 0; i < loaded->exclude_count; i++)
        free(loaded->excludes[i]);
    free(loaded->excludes);
    free(loaded->host);
    integrity_devices_free(loaded->devices, loaded->device_count);
    memset(loaded, 0, sizeof(*loaded));
}

static enum ob_status not_a_baseline(struct ob_context *ctx, const char *path, const char *why)
{
    /* TRANSLATORS: the file named with --db, then why (often the database's
     * own words, in English). */
    return ob_context_fail(ctx, OB_ERR_PARSE, _("'%s' is not an oberig baseline (%s)"), path, why);
}

/* The one text value of `sql`, copied into *out; false when there is none. */
static bool read_text(sqlite3 *db, const char *sql, char **out)
{
    sqlite3_stmt *statement = NULL;
    *out = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, NULL) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
        const unsigned char *text = sqlite3_column_text(statement, 0);
        if (text != NULL)
            *out = strdup((const char *)text);
    }
    sqlite3_finalize(statement);
    return *out != NULL;
}

static enum ob_status read_list(sqlite3 *db, const char *sql, char ***list, size_t *count)
{
    sqlite3_stmt *statement = NULL;
    size_t capacity = 0;
    enum ob_status status = OB_OK;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, NULL) != SQLITE_OK)
        return OB_ERR_PARSE;
    int step;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
        const unsigned char *text = sqlite3_column_text(statement, 0);
        status = core_array_grow((void **)list, &capacity, *count + 1, sizeof(char *), 8,
                                 MAX_ROOTS);
        if (status != OB_OK)
            break;
        if (text == NULL || ((*list)[*count] = strdup((const char *)text)) == NULL) {
            status = text == NULL ? OB_ERR_PARSE : OB_ERR_NOMEM;
            break;
        }
        (*count)++;
    }
    if (status == OB_OK && step != SQLITE_DONE)
        status = OB_ERR_PARSE;
    sqlite3_finalize(statement);
    return status;
}

static bool read_record(sqlite3_stmt *statement, struct ob_baseline_record *record)
{
    memset(record, 0, sizeof(*record));
    const unsigned char *path = sqlite3_column_text(statement, 0);
    if (path == NULL || (record->path = strdup((const char *)path)) == NULL)
        return false;
    record->size = (uint64_t)sqlite3_column_int64(statement, 1);
    record->mode = (uint32_t)sqlite3_column_int64(statement, 2);
    record->uid = (uint32_t)sqlite3_column_int64(statement, 3);
    record->gid = (uint32_t)sqlite3_column_int64(statement, 4);
    record->mtime_ns = sqlite3_column_int64(statement, 5);
    record->ctime_ns = sqlite3_column_int64(statement, 6);
    record->inode = (uint64_t)sqlite3_column_int64(statement, 7);
    record->device = (uint64_t)sqlite3_column_int64(statement, 8);
    if (sqlite3_column_type(statement, 9) == SQLITE_BLOB &&
        sqlite3_column_bytes(statement, 9) == 32) {
        memcpy(record->sha256, sqlite3_column_blob(statement, 9), 32);
        record->hashed = true;
        record->entropy = sqlite3_column_double(statement, 10);
        record->top_byte = (unsigned)sqlite3_column_int(statement, 11) & 0xff;
        record->top_share = sqlite3_column_double(statement, 12);
        int pattern = sqlite3_column_int(statement, 13);
        record->pattern = pattern > 0 && pattern <= 16 ? (unsigned)pattern : 0;
    }
    return true;
}

static enum ob_status read_records(sqlite3 *db, struct integrity_baseline *loaded)
{
    sqlite3_stmt *statement = NULL;
    size_t capacity = 0;
    enum ob_status status = OB_OK;
    /* ORDER BY path with the BINARY collation is strcmp's order. */
    if (sqlite3_prepare_v2(db,
                           "SELECT path, size, mode, uid, gid, mtime_ns, ctime_ns, inode, device, "
                           "sha256, entropy, top_byte, top_share, pattern FROM files "
                           "WHERE type = 'file' ORDER BY path",
                           -1, &statement, NULL) != SQLITE_OK)
        return OB_ERR_PARSE;
    int step;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
        status = core_array_grow((void **)&loaded->records, &capacity, loaded->count + 1,
                                 sizeof(*loaded->records), 1024, MAX_RECORDS);
        if (status != OB_OK)
            break;
        if (!read_record(statement, &loaded->records[loaded->count])) {
            status = OB_ERR_NOMEM;
            break;
        }
        loaded->count++;
    }
    if (status == OB_OK && step != SQLITE_DONE)
        status = OB_ERR_PARSE;
    sqlite3_finalize(statement);
    return status;
}

/* A lowercase SHA-256 in hex, copied into out[65]; false for anything else. */
static bool read_digest(sqlite3_stmt *statement, int column, char out[65])
{
    const unsigned char *text = sqlite3_column_text(statement, column);
    if (text == NULL || strlen((const char *)text) != 64)
        return false;
    for (size_t i = 0; i < 64; i++)
        if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
            return false;
    memcpy(out, text, 65);
    return true;
}

static bool read_code_class(const unsigned char *text, enum ob_bootrec_code *out)
{
    static const enum ob_bootrec_code classes[] = {OB_BOOTREC_CODE_KNOWN_GOOD,
                                                   OB_BOOTREC_CODE_EMPTY, OB_BOOTREC_CODE_UNKNOWN,
                                                   OB_BOOTREC_CODE_KNOWN_BAD};
    for (size_t i = 0; text != NULL && i < sizeof(classes) / sizeof(classes[0]); i++)
        if (strcmp((const char *)text, ob_bootrec_code_name(classes[i])) == 0) {
            *out = classes[i];
            return true;
        }
    return false;
}

static bool read_device(sqlite3_stmt *statement, struct ob_baseline_device *device)
{
    memset(device, 0, sizeof(*device));
    const unsigned char *path = sqlite3_column_text(statement, 0);
    const unsigned char *known = sqlite3_column_text(statement, 5);
    if (path == NULL || path[0] != '/' || known == NULL ||
        strlen((const char *)known) >= sizeof(device->known_name) ||
        !read_digest(statement, 3, device->code_sha256) ||
        !read_code_class(sqlite3_column_text(statement, 4), &device->code_class) ||
        !read_digest(statement, 6, device->table_sha256))
        return false;
    device->size = (uint64_t)sqlite3_column_int64(statement, 1);
    device->mbr_signature = sqlite3_column_int(statement, 2) != 0;
    memcpy(device->known_name, known, strlen((const char *)known) + 1);
    device->gpt_present = sqlite3_column_int(statement, 7) != 0;
    device->gpt_intact = sqlite3_column_int(statement, 8) != 0;
    return true;
}

/* The devices table of a schema 2 baseline. A row that does not hold what
 * create writes is damage: OB_ERR_PARSE. */
static enum ob_status read_devices(sqlite3 *db, struct integrity_baseline *loaded)
{
    sqlite3_stmt *statement = NULL;
    enum ob_status status = OB_OK;
    if (sqlite3_prepare_v2(db,
                           "SELECT path, size, mbr_signature, code_sha256, code_class, known_name, "
                           "table_sha256, gpt_present, gpt_intact FROM devices ORDER BY path",
                           -1, &statement, NULL) != SQLITE_OK)
        return OB_ERR_PARSE;
    loaded->devices = calloc(OB_BASELINE_MAX_DEVICES, sizeof(*loaded->devices));
    if (loaded->devices == NULL)
        status = OB_ERR_NOMEM;
    int step = SQLITE_DONE;
    while (status == OB_OK && (step = sqlite3_step(statement)) == SQLITE_ROW) {
        struct ob_baseline_device *device = &loaded->devices[loaded->device_count];
        if (loaded->device_count == OB_BASELINE_MAX_DEVICES || !read_device(statement, device)) {
            status = OB_ERR_PARSE;
            break;
        }
        if ((device->path = strdup((const char *)sqlite3_column_text(statement, 0))) == NULL) {
            status = OB_ERR_NOMEM;
            break;
        }
        loaded->device_count++;
    }
    if (status == OB_OK && step != SQLITE_DONE)
        status = OB_ERR_PARSE;
    sqlite3_finalize(statement);
    return status;
}

enum ob_status integrity_db_open(struct ob_context *ctx, const char *db_path,
                                 struct integrity_baseline *loaded, struct integrity_reader *reader)
{
    memset(loaded, 0, sizeof(*loaded));
    memset(reader, 0, sizeof(*reader));
    reader->path = db_path;
    struct stat info;
    if (stat(db_path, &info) != 0)
        return ob_context_fail(ctx, ob_status_from_errno(errno), _("cannot read baseline '%s': %s"),
                               db_path, strerror(errno));
    if (!S_ISREG(info.st_mode))
        return not_a_baseline(ctx, db_path, _("not a regular file"));
    sqlite3 *db = NULL;
    char *version_text = NULL;
    enum ob_status status = OB_OK;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        status = db_fail(ctx, db, db_path);
        goto out;
    }
    if (!read_text(db, "SELECT value FROM meta WHERE key = 'schema_version'", &version_text)) {
        status = not_a_baseline(ctx, db_path, _("it has no schema version"));
        goto out;
    }
    char *end = NULL;
    long version = strtol(version_text, &end, 10);
    if (end == version_text || *end != '\0' || version < 1) {
        status = not_a_baseline(ctx, db_path, _("its schema version is not valid"));
        goto out;
    }
    if (version > OB_BASELINE_SCHEMA_VERSION) {
        status = ob_context_fail(ctx, OB_ERR_UNSUPPORTED,
                                 _("baseline '%s' was written by a newer oberig (schema %ld; "
                                   "this one reads up to %d): update oberig to verify it"),
                                 db_path, version, OB_BASELINE_SCHEMA_VERSION);
        goto out;
    }
    reader->version = version;
    if (!read_text(db, "SELECT value FROM meta WHERE key = 'host'", &loaded->host)) {
        status = not_a_baseline(ctx, db_path, _("it does not say which host it was recorded on"));
        goto out;
    }
    char *flag = NULL;
    loaded->cross_filesystems =
        read_text(db, "SELECT value FROM meta WHERE key = 'cross_filesystems'", &flag) &&
        strcmp(flag, "1") == 0;
    free(flag);
    loaded->scan_special_dirs =
        read_text(db, "SELECT value FROM meta WHERE key = 'scan_special_dirs'", &flag) &&
        strcmp(flag, "1") == 0;
    free(flag);
    status = read_list(db, "SELECT path FROM roots ORDER BY path", &loaded->roots,
                       &loaded->root_count);
    if (status == OB_OK)
        status = read_list(db, "SELECT glob FROM excludes", &loaded->excludes,
                           &loaded->exclude_count);
    if (status == OB_ERR_PARSE)
        status = not_a_baseline(ctx, db_path, sqlite3_errmsg(db));
    else if (status != OB_OK)
        status = ob_context_fail(ctx, status, _("baseline '%s': %s"), db_path, ob_strerror(status));
out:
    free(version_text);
    if (status == OB_OK)
        reader->db = db;
    else
        sqlite3_close(db);
    return status;
}

enum ob_status integrity_db_finish(struct ob_context *ctx, struct integrity_reader *reader,
                                   struct integrity_baseline *loaded)
{
    sqlite3 *db = reader->db;
    const char *db_path = reader->path;
    char *check = NULL;
    enum ob_status status = OB_OK;
    if (db == NULL)
        return OB_ERR_INVALID_ARGUMENT;
    /* The whole file is checked before any record is believed. */
    if (!read_text(db, "PRAGMA quick_check", &check) || strcmp(check, "ok") != 0) {
        status = not_a_baseline(ctx, db_path, check != NULL ? check : sqlite3_errmsg(db));
        goto out;
    }
    status = read_records(db, loaded);
    if (status == OB_OK && reader->version >= 2 &&
        (status = read_devices(db, loaded)) == OB_ERR_PARSE) {
        status = not_a_baseline(ctx, db_path, _("its table of devices is damaged"));
        goto out;
    }
    if (status == OB_ERR_PARSE)
        status = not_a_baseline(ctx, db_path, sqlite3_errmsg(db));
    else if (status != OB_OK)
        status = ob_context_fail(ctx, status, _("baseline '%s': %s"), db_path, ob_strerror(status));
out:
    free(check);
    integrity_db_close(reader);
    return status;
}

void integrity_db_close(struct integrity_reader *reader)
{
    sqlite3_close(reader->db);
    reader->db = NULL;
}

enum ob_status integrity_db_read(struct ob_context *ctx, const char *db_path,
                                 struct integrity_baseline *loaded)
{
    struct integrity_reader reader;
    enum ob_status status = integrity_db_open(ctx, db_path, loaded, &reader);
    return status == OB_OK ? integrity_db_finish(ctx, &reader, loaded) : status;
}
