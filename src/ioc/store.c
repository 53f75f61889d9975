/* SPDX-License-Identifier: Apache-2.0 */
/* The indicator store: one SQLite file with a versioned schema, the only
 * place that uses SQLite. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/cache_file.h"
#include "core/i18n.h"
#include "ioc/ioc_internal.h"

struct ob_ioc_store {
    sqlite3 *db;
    char *path;
    int schema_version;
    char *cache_dir; /* NULL: its file indicators are not cached */
};

/* Each entry brings the schema from its index to index + 1. A store is
 * migrated in one transaction on open; user_version records the result. */
static const char *const migrations[] = {
    /* 0 -> 1: indicators, their provenances, and a log of imports. */
    "CREATE TABLE indicators ("
    "  id INTEGER PRIMARY KEY,"
    "  type TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  value_unicode TEXT NOT NULL DEFAULT '',"
    "  UNIQUE (type, value));"
    "CREATE TABLE provenance ("
    "  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,"
    "  source TEXT NOT NULL,"
    "  source_file TEXT NOT NULL,"
    "  campaign TEXT NOT NULL DEFAULT '',"
    "  description TEXT NOT NULL DEFAULT '',"
    "  score INTEGER,"
    "  first_import INTEGER NOT NULL,"
    "  last_import INTEGER NOT NULL,"
    "  UNIQUE (indicator_id, source, source_file, campaign));"
    "CREATE INDEX provenance_source ON provenance (source);"
    "CREATE INDEX provenance_campaign ON provenance (campaign);"
    "CREATE TABLE imports ("
    "  id INTEGER PRIMARY KEY,"
    "  time INTEGER NOT NULL,"
    "  files INTEGER NOT NULL,"
    "  records INTEGER NOT NULL,"
    "  added INTEGER NOT NULL);",
    /* 1 -> 2: a file-path regex keeps its false-positive regex (signature-base's
     * third field), which the scan applies as `--iocs` does. */
    "ALTER TABLE provenance ADD COLUMN exclude TEXT NOT NULL DEFAULT '';",
    /* 2 -> 3: the fingerprint of the OpenPGP key whose signed bundle brought
     * a provenance ('' when it came from plain files). */
    "ALTER TABLE provenance ADD COLUMN signer TEXT NOT NULL DEFAULT '';",
    /* 3 -> 4: YARA rule files kept in the data folder (rules/<folder>/<path>
     * beside the store), by source: where each came from, its rules, its
     * SHA-256 and the signer of the bundle that brought it. */
    "CREATE TABLE rule_files ("
    "  source TEXT NOT NULL,"
    "  folder TEXT NOT NULL,"
    "  path TEXT NOT NULL,"
    "  original TEXT NOT NULL,"
    "  rules INTEGER NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  signer TEXT NOT NULL DEFAULT '',"
    "  first_import INTEGER NOT NULL,"
    "  last_import INTEGER NOT NULL,"
    "  PRIMARY KEY (source, path));",
    /* 4 -> 5: what the publisher says. Of each file, for each campaign in
     * it: who published it, when, its description, report URLs, upstream
     * version and TLP; of each indicator: its dates (created, modified,
     * valid_from, valid_until; NULL when not given). */
    "CREATE TABLE sources ("
    "  source TEXT NOT NULL,"
    "  source_file TEXT NOT NULL,"
    "  campaign TEXT NOT NULL DEFAULT '',"
    "  publisher TEXT NOT NULL DEFAULT '',"
    "  published INTEGER,"
    "  description TEXT NOT NULL DEFAULT '',"
    "  refs TEXT NOT NULL DEFAULT '',"
    "  version TEXT NOT NULL DEFAULT '',"
    "  tlp TEXT NOT NULL DEFAULT '',"
    "  imported INTEGER NOT NULL,"
    "  PRIMARY KEY (source, source_file, campaign));"
    "ALTER TABLE provenance ADD COLUMN created INTEGER;"
    "ALTER TABLE provenance ADD COLUMN modified INTEGER;"
    "ALTER TABLE provenance ADD COLUMN valid_from INTEGER;"
    "ALTER TABLE provenance ADD COLUMN valid_until INTEGER;",
};
/* The first schema with kept rule files. */
#define SCHEMA_RULE_FILES 4
/* The schema version that has the sources table and the indicators'
 * dates (the migration above; renumbered when migrations are reordered). */
#define SCHEMA_SOURCES 5
#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* `what` is a translated text (what was being done) or the store's path. */
static enum ob_status db_fail(struct ob_context *ctx, sqlite3 *db, const char *what)
{
    int code = db != NULL ? sqlite3_errcode(db) : SQLITE_ERROR;
    enum ob_status status = OB_ERR_IO;
    if (code == SQLITE_NOMEM)
        status = OB_ERR_NOMEM;
    else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        status = OB_ERR_PARSE;
    else if (code == SQLITE_PERM || code == SQLITE_READONLY || code == SQLITE_AUTH)
        status = OB_ERR_PERMISSION;
    /* TRANSLATORS: what was being done ("counting indicators"), then the
     * database's own reason, in English. */
    return ob_context_fail(ctx, status, _("indicator store: %s: %s"), what,
                           db != NULL ? sqlite3_errmsg(db) : _("cannot open"));
}

char *ob_ioc_store_default_path(void)
{
    const char *explicit_path = getenv("OBERIG_DB");
    if (explicit_path != NULL && explicit_path[0] != '\0')
        return strdup(explicit_path);
    const char *data_home = getenv("XDG_DATA_HOME");
    char *path = NULL;
    if (data_home != NULL && data_home[0] == '/') {
        if (asprintf(&path, "%s/oberig/indicators.db", data_home) < 0)
            return NULL;
        return path;
    }
    const char *home = getenv("HOME");
    if (home == NULL || home[0] == '\0')
        return NULL;
    if (asprintf(&path, "%s/.local/share/oberig/indicators.db", home) < 0)
        return NULL;
    return path;
}

/* Creates the folders above `path` that are missing, private to the user. */
static enum ob_status make_parents(struct ob_context *ctx, const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return OB_ERR_NOMEM;
    enum ob_status status = OB_OK;
    for (char *slash = strchr(copy + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
            status = ob_context_fail(ctx, errno == EACCES ? OB_ERR_PERMISSION : OB_ERR_IO,
                                     _("cannot create folder '%s': %s"), copy, strerror(errno));
            break;
        }
        *slash = '/';
    }
    free(copy);
    return status;
}

/* `what` as for db_fail. */
static enum ob_status exec_sql(struct ob_ioc_store *store, struct ob_context *ctx, const char *sql,
                               const char *what)
{
    char *message = NULL;
    if (sqlite3_exec(store->db, sql, NULL, NULL, &message) != SQLITE_OK) {
        enum ob_status status = db_fail(ctx, store->db, what);
        sqlite3_free(message);
        return status;
    }
    return OB_OK;
}

static enum ob_status read_version(struct ob_ioc_store *store, struct ob_context *ctx, int *version)
{
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(store->db, "PRAGMA user_version", -1, &statement, NULL) != SQLITE_OK)
        return db_fail(ctx, store->db, _("reading the schema version"));
    enum ob_status status = OB_OK;
    if (sqlite3_step(statement) == SQLITE_ROW)
        *version = sqlite3_column_int(statement, 0);
    else
        status = db_fail(ctx, store->db, _("reading the schema version"));
    sqlite3_finalize(statement);
    return status;
}

static enum ob_status migrate(struct ob_ioc_store *store, struct ob_context *ctx)
{
    int version = 0;
    enum ob_status status = read_version(store, ctx, &version);
    if (status != OB_OK)
        return status;
    if (version > SCHEMA_VERSION)
        return ob_context_fail(ctx, OB_ERR_UNSUPPORTED,
                               _("indicator store '%s' has schema version %d, this oberig knows "
                                 "up to %d: use a newer oberig"),
                               store->path, version, SCHEMA_VERSION);
    if (version == SCHEMA_VERSION) {
        store->schema_version = version;
        return OB_OK;
    }
    int found = version;
    if ((status = exec_sql(store, ctx, "BEGIN IMMEDIATE", _("starting the migration"))) != OB_OK)
        goto out;
    /* Read again inside the transaction: another oberig may have migrated. */
    if ((status = read_version(store, ctx, &version)) != OB_OK)
        goto out;
    for (; version < SCHEMA_VERSION; version++) {
        if ((status = exec_sql(store, ctx, migrations[version], _("migrating the schema"))) !=
            OB_OK)
            goto out;
        char pragma[64];
        snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", version + 1);
        if ((status = exec_sql(store, ctx, pragma, _("migrating the schema"))) != OB_OK)
            goto out;
    }
    status = exec_sql(store, ctx, "COMMIT", _("finishing the migration"));
out:
    if (status != OB_OK)
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    else
        store->schema_version = version;
    /* A store that cannot be written (read-only media, or a folder where
     * no journal can be made) is read as it is; what a later schema adds
     * is then empty. One never made is not a store. */
    if (status == OB_ERR_PERMISSION && found >= 1) {
        store->schema_version = found;
        return OB_OK;
    }
    return status;
}

enum ob_status ob_ioc_store_open(struct ob_context *ctx, const char *path, bool create,
                                 struct ob_ioc_store **out)
{
    *out = NULL;
    if (path[0] == '\0')
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("empty indicator store path"));
    struct stat info;
    if (stat(path, &info) != 0) {
        if (errno != ENOENT)
            return ob_context_fail(ctx, errno == EACCES ? OB_ERR_PERMISSION : OB_ERR_IO,
                                   _("cannot open indicator store '%s': %s"), path,
                                   strerror(errno));
        if (!create)
            return ob_context_fail(ctx, OB_ERR_NOT_FOUND, _("no indicator store at '%s'"), path);
        enum ob_status status = make_parents(ctx, path);
        if (status != OB_OK)
            return status;
    } else if (!S_ISREG(info.st_mode)) {
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT,
                               _("indicator store '%s' is not a regular file"), path);
    }
    struct ob_ioc_store *store = calloc(1, sizeof(*store));
    if (store == NULL || (store->path = strdup(path)) == NULL) {
        free(store);
        return OB_ERR_NOMEM;
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    enum ob_status status = OB_OK;
    if (sqlite3_open_v2(path, &store->db, flags, NULL) != SQLITE_OK) {
        status = db_fail(ctx, store->db, path);
        goto out;
    }
    sqlite3_busy_timeout(store->db, 5000);
    status = exec_sql(store, ctx, "PRAGMA foreign_keys = ON", _("enabling foreign keys"));
    if (status == OB_OK)
        status = migrate(store, ctx);
out:
    if (status != OB_OK) {
        ob_ioc_store_free(store);
        return status;
    }
    *out = store;
    return OB_OK;
}

void ob_ioc_store_free(struct ob_ioc_store *store)
{
    if (store == NULL)
        return;
    sqlite3_close(store->db);
    free(store->path);
    free(store->cache_dir);
    free(store);
}

enum ob_status ob_ioc_store_set_cache(struct ob_ioc_store *store, const char *dir)
{
    return core_cache_dir_set(&store->cache_dir, dir);
}

const char *ioc_store_path(const struct ob_ioc_store *store)
{
    return store->path;
}

const char *ioc_store_cache_dir(const struct ob_ioc_store *store)
{
    return store->cache_dir;
}

int ob_ioc_store_schema_version(const struct ob_ioc_store *store)
{
    return store->schema_version;
}

static void bind_text(sqlite3_stmt *statement, int index, const char *text)
{
    if (text == NULL)
        sqlite3_bind_null(statement, index);
    else
        sqlite3_bind_text(statement, index, text, -1, SQLITE_STATIC);
}

/* A date, NULL when not given (0). */
static void bind_time(sqlite3_stmt *statement, int index, int64_t seconds)
{
    if (seconds == 0)
        sqlite3_bind_null(statement, index);
    else
        sqlite3_bind_int64(statement, index, seconds);
}

/* Says so when the store cannot be written: on read-only media it is
 * opened for reading only, and may still have an older schema. */
static enum ob_status writable(struct ob_ioc_store *store, struct ob_context *ctx)
{
    if (sqlite3_db_readonly(store->db, "main") != 1 && store->schema_version == SCHEMA_VERSION)
        return OB_OK;
    return ob_context_fail(ctx, OB_ERR_PERMISSION,
                           _("indicator store '%s' is read-only (or its folder is): it can be "
                             "used, not changed"),
                           store->path);
}

/* The first given of a campaign's and its file's text. */
static const char *either(const char *campaign_text, const char *file_text)
{
    return campaign_text != NULL && campaign_text[0] != '\0' ? campaign_text : file_text;
}

/* Writes what the publisher says of the file and campaign of `record`:
 * the campaign's own publisher, description and references when the file
 * speaks of the campaign (those of another campaign would mislead), and
 * its date and TLP where given, else the file's. */
static enum ob_status write_source(struct ob_ioc_store *store, struct ob_context *ctx,
                                   sqlite3_stmt *statement, const struct ob_ioc_batch *batch,
                                   const struct ob_ioc_record *record, int64_t now)
{
    const struct ob_ioc_file_info *file = &batch->files[record->file], *campaign = NULL;
    for (size_t i = record->file + 1;
         i < batch->file_count && batch->files[i].campaign != NULL && campaign == NULL; i++)
        if (strcmp(batch->files[i].campaign, record->campaign) == 0)
            campaign = &batch->files[i];
    sqlite3_reset(statement);
    bind_text(statement, 1, record->source);
    bind_text(statement, 2, record->source_file);
    bind_text(statement, 3, campaign != NULL ? campaign->publisher : file->publisher);
    bind_time(statement, 4,
              campaign != NULL && campaign->published != 0 ? campaign->published : file->published);
    bind_text(statement, 5, campaign != NULL ? campaign->description : file->description);
    bind_text(statement, 6, campaign != NULL ? campaign->references : file->references);
    bind_text(statement, 7, file->version);
    bind_text(statement, 8, either(campaign ? campaign->tlp : NULL, file->tlp));
    sqlite3_bind_int64(statement, 9, now);
    bind_text(statement, 10, record->campaign);
    if (sqlite3_step(statement) != SQLITE_DONE)
        return db_fail(ctx, store->db, _("adding a source"));
    return OB_OK;
}

enum ob_status ioc_store_write(struct ob_ioc_store *store, struct ob_context *ctx,
                               const struct ob_ioc_batch *batch,
                               struct ob_ioc_import_report *report)
{
    static const char insert_indicator[] =
        "INSERT OR IGNORE INTO indicators (type, value, value_unicode) VALUES (?1, ?2, ?3)";
    static const char find_indicator[] = "SELECT id FROM indicators WHERE type = ?1 AND value = ?2";
    static const char upsert_provenance[] =
        "INSERT INTO provenance (indicator_id, source, source_file, campaign, description,"
        " score, first_import, last_import, exclude, signer, created, modified, valid_from,"
        " valid_until)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
        " ON CONFLICT (indicator_id, source, source_file, campaign) DO UPDATE SET"
        " description = excluded.description, score = excluded.score,"
        " last_import = excluded.last_import, exclude = excluded.exclude,"
        " signer = excluded.signer, created = excluded.created, modified = excluded.modified,"
        " valid_from = excluded.valid_from, valid_until = excluded.valid_until";
    static const char upsert_source[] =
        "INSERT INTO sources (source, source_file, publisher, published, description, refs,"
        " version, tlp, imported, campaign) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        " ON CONFLICT (source, source_file, campaign) DO UPDATE SET"
        " publisher = excluded.publisher,"
        " published = excluded.published, description = excluded.description,"
        " refs = excluded.refs, version = excluded.version, tlp = excluded.tlp,"
        " imported = excluded.imported";
    static const char log_import[] =
        "INSERT INTO imports (time, files, records, added) VALUES (?1, ?2, ?3, ?4)";
    static const char upsert_rule_file[] =
        "INSERT INTO rule_files (source, folder, path, original, rules, sha256, signer,"
        " first_import, last_import) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"
        " ON CONFLICT (source, path) DO UPDATE SET folder = excluded.folder,"
        " original = excluded.original, rules = excluded.rules, sha256 = excluded.sha256,"
        " signer = excluded.signer, last_import = excluded.last_import";
    sqlite3_stmt *insert = NULL, *find = NULL, *provenance = NULL, *log = NULL, *rule = NULL,
                 *source = NULL;
    int64_t now = (int64_t)time(NULL);
    enum ob_status status = writable(store, ctx);
    if (status != OB_OK)
        return status;
    status = exec_sql(store, ctx, "BEGIN IMMEDIATE", _("starting the import"));
    if (status != OB_OK)
        return status;
    if (sqlite3_prepare_v2(store->db, insert_indicator, -1, &insert, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(store->db, find_indicator, -1, &find, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(store->db, upsert_provenance, -1, &provenance, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(store->db, log_import, -1, &log, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(store->db, upsert_source, -1, &source, NULL) != SQLITE_OK ||
        (batch->rule_count > 0 &&
         sqlite3_prepare_v2(store->db, upsert_rule_file, -1, &rule, NULL) != SQLITE_OK)) {
        status = db_fail(ctx, store->db, _("preparing the import"));
        goto out;
    }
    for (size_t i = 0; i < batch->rule_count; i++) {
        const struct ioc_rule_record *file = &batch->rule_files[i];
        if (file->failed)
            continue;
        sqlite3_reset(rule);
        bind_text(rule, 1, file->source);
        bind_text(rule, 2, file->folder);
        bind_text(rule, 3, file->path);
        bind_text(rule, 4, file->original);
        sqlite3_bind_int64(rule, 5, (int64_t)file->rules);
        bind_text(rule, 6, file->sha256);
        bind_text(rule, 7, batch->signer != NULL ? batch->signer : "");
        sqlite3_bind_int64(rule, 8, now);
        if (sqlite3_step(rule) != SQLITE_DONE) {
            status = db_fail(ctx, store->db, _("adding a rule file"));
            goto out;
        }
    }
    for (size_t i = 0; i < batch->count; i++) {
        const struct ob_ioc_record *record = &batch->records[i];
        const char *type = ob_ioc_type_name(record->type);
        sqlite3_reset(insert);
        bind_text(insert, 1, type);
        bind_text(insert, 2, record->value);
        bind_text(insert, 3, record->value_unicode);
        if (sqlite3_step(insert) != SQLITE_DONE) {
            status = db_fail(ctx, store->db, _("adding an indicator"));
            goto out;
        }
        int64_t id;
        if (sqlite3_changes(store->db) == 1) {
            id = sqlite3_last_insert_rowid(store->db);
            report->added++;
        } else {
            sqlite3_reset(find);
            bind_text(find, 1, type);
            bind_text(find, 2, record->value);
            if (sqlite3_step(find) != SQLITE_ROW) {
                status = db_fail(ctx, store->db, _("finding an indicator"));
                goto out;
            }
            id = sqlite3_column_int64(find, 0);
        }
        sqlite3_reset(provenance);
        sqlite3_bind_int64(provenance, 1, id);
        bind_text(provenance, 2, record->source);
        bind_text(provenance, 3, record->source_file);
        bind_text(provenance, 4, record->campaign);
        bind_text(provenance, 5, record->description);
        if (record->has_score)
            sqlite3_bind_int(provenance, 6, record->score);
        else
            sqlite3_bind_null(provenance, 6);
        sqlite3_bind_int64(provenance, 7, now);
        bind_text(provenance, 8, record->exclude != NULL ? record->exclude : "");
        bind_text(provenance, 9, batch->signer != NULL ? batch->signer : "");
        bind_time(provenance, 10, record->created);
        bind_time(provenance, 11, record->modified);
        bind_time(provenance, 12, record->valid_from);
        bind_time(provenance, 13, record->valid_until);
        if (sqlite3_step(provenance) != SQLITE_DONE) {
            status = db_fail(ctx, store->db, _("adding a provenance"));
            goto out;
        }
        report->provenances++;
        /* Records of one file and campaign come together: one row each. */
        if (i == 0 || record->file != batch->records[i - 1].file ||
            strcmp(record->campaign, batch->records[i - 1].campaign) != 0)
            status = write_source(store, ctx, source, batch, record, now);
        if (status != OB_OK)
            goto out;
    }
    sqlite3_bind_int64(log, 1, now);
    sqlite3_bind_int64(log, 2, (int64_t)report->files);
    sqlite3_bind_int64(log, 3, (int64_t)batch->count);
    sqlite3_bind_int64(log, 4, (int64_t)report->added);
    if (sqlite3_step(log) != SQLITE_DONE) {
        status = db_fail(ctx, store->db, _("logging the import"));
        goto out;
    }
    status = exec_sql(store, ctx, "COMMIT", _("finishing the import"));
out:
    sqlite3_finalize(insert);
    sqlite3_finalize(find);
    sqlite3_finalize(provenance);
    sqlite3_finalize(log);
    sqlite3_finalize(rule);
    sqlite3_finalize(source);
    if (status != OB_OK) {
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
        report->added = 0;
        report->provenances = 0;
    }
    return status;
}

static const char *column_text(sqlite3_stmt *statement, int column)
{
    const unsigned char *text = sqlite3_column_text(statement, column);
    return text != NULL ? (const char *)text : "";
}

/* The WHERE clause shared by listings: type, source and campaign, the
 * last two found anywhere in the text, ignoring ASCII case. */
#define FILTER_SQL                                                                                 \
    " WHERE (?1 IS NULL OR i.type = ?1) AND (?2 IS NULL OR instr(lower(p.source), lower(?2)) > 0)" \
    " AND (?3 IS NULL OR instr(lower(p.campaign), lower(?3)) > 0)"                                 \
    " AND (:scan_only IS NULL OR i.type NOT IN"                                                    \
    " ('md5', 'sha1', 'sha256', 'file-path', 'file-path-regex'))"

static void bind_filter(sqlite3_stmt *statement, const struct ob_ioc_filter *filter)
{
    if (filter != NULL && !filter->any_type)
        bind_text(statement, 1, ob_ioc_type_name(filter->type));
    if (filter != NULL && filter->source != NULL && filter->source[0] != '\0')
        bind_text(statement, 2, filter->source);
    if (filter != NULL && filter->campaign != NULL && filter->campaign[0] != '\0')
        bind_text(statement, 3, filter->campaign);
    if (filter != NULL && filter->skip_scan_only)
        sqlite3_bind_int(statement, sqlite3_bind_parameter_index(statement, ":scan_only"), 1);
}

static int64_t column_time(sqlite3_stmt *statement, int column)
{
    return sqlite3_column_type(statement, column) == SQLITE_NULL
               ? 0
               : sqlite3_column_int64(statement, column);
}

enum ob_status ob_ioc_store_foreach(struct ob_ioc_store *store, struct ob_context *ctx,
                                    const struct ob_ioc_filter *filter, ob_ioc_entry_fn fn,
                                    void *user)
{
    /* Schema 1 (read-only, not migrated) has no false-positive regexes,
     * schemas 1 and 2 no signers, those before SCHEMA_SOURCES no dates. */
    bool dated = store->schema_version >= SCHEMA_SOURCES;
    char sql[2048];
    snprintf(sql, sizeof(sql),
             "SELECT i.type, i.value, i.value_unicode, p.campaign, p.description, p.source,"
             " p.source_file, p.score, p.first_import, p.last_import, %s, %s, %s"
             " FROM indicators i JOIN provenance p ON p.indicator_id = i.id %s" FILTER_SQL
             " ORDER BY i.type, i.value, p.source, p.campaign, p.source_file",
             store->schema_version >= 2 ? "p.exclude" : "''",
             store->schema_version >= 3 ? "p.signer" : "''",
             dated ? "p.created, p.modified, p.valid_from, p.valid_until, s.publisher,"
                     " s.published, s.refs, s.description, s.version, s.tlp, s.imported"
                   : "NULL, NULL, NULL, NULL, '', NULL, '', '', '', '', NULL",
             dated ? "LEFT JOIN sources s ON s.source = p.source AND s.source_file = p.source_file"
                     " AND s.campaign = p.campaign"
                   : "");
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(store->db, sql, -1, &statement, NULL) != SQLITE_OK)
        return db_fail(ctx, store->db, _("listing indicators"));
    bind_filter(statement, filter);
    int64_t now = (int64_t)time(NULL);
    enum ob_status status = OB_OK;
    int step;
    while (status == OB_OK && (step = sqlite3_step(statement)) == SQLITE_ROW) {
        struct ob_ioc_entry entry = {
            .value = column_text(statement, 1),
            .value_unicode = column_text(statement, 2),
            .campaign = column_text(statement, 3),
            .description = column_text(statement, 4),
            .source = column_text(statement, 5),
            .source_file = column_text(statement, 6),
            .has_score = sqlite3_column_type(statement, 7) != SQLITE_NULL,
            .score = sqlite3_column_int(statement, 7),
            .first_import = sqlite3_column_int64(statement, 8),
            .last_import = sqlite3_column_int64(statement, 9),
            .exclude = column_text(statement, 10),
            .signer = column_text(statement, 11),
            .created = column_time(statement, 12),
            .modified = column_time(statement, 13),
            .valid_from = column_time(statement, 14),
            .valid_until = column_time(statement, 15),
            .publisher = column_text(statement, 16),
            .published = column_time(statement, 17),
            .references = column_text(statement, 18),
            .source_description = column_text(statement, 19),
            .version = column_text(statement, 20),
            .tlp = column_text(statement, 21),
            .imported = column_time(statement, 22),
        };
        if (entry.imported == 0)
            entry.imported = entry.last_import;
        entry.expired = entry.valid_until != 0 && entry.valid_until < now;
        if (!ob_ioc_type_parse(column_text(statement, 0), &entry.type))
            continue; /* written by a newer oberig: not ours to interpret */
        status = fn(user, &entry);
    }
    if (status == OB_OK && step != SQLITE_DONE)
        status = db_fail(ctx, store->db, _("listing indicators"));
    sqlite3_finalize(statement);
    return status;
}

enum ob_status ob_ioc_store_sources(struct ob_ioc_store *store, struct ob_context *ctx,
                                    const struct ob_ioc_filter *filter, int64_t older_than,
                                    int64_t now, ob_ioc_source_fn fn, void *user)
{
    bool dated = store->schema_version >= SCHEMA_SOURCES;
    char sql[2048];
    snprintf(sql, sizeof(sql),
             "SELECT p.source, p.source_file, COUNT(DISTINCT p.indicator_id), MAX(p.last_import),"
             " p.campaign, %s"
             " FROM indicators i JOIN provenance p ON p.indicator_id = i.id %s" FILTER_SQL
             " GROUP BY p.source, p.source_file, p.campaign"
             " ORDER BY p.source, p.source_file, p.campaign",
             dated ? "SUM(CASE WHEN p.valid_until < ?4 THEN 1 ELSE 0 END), s.published,"
                     " s.publisher, s.version"
                   : "0, NULL, '', ''",
             dated ? "LEFT JOIN sources s ON s.source = p.source AND s.source_file = p.source_file"
                     " AND s.campaign = p.campaign"
                   : "");
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(store->db, sql, -1, &statement, NULL) != SQLITE_OK)
        return db_fail(ctx, store->db, _("listing sources"));
    bind_filter(statement, filter);
    if (dated)
        sqlite3_bind_int64(statement, 4, now);
    enum ob_status status = OB_OK;
    int step;
    while (status == OB_OK && (step = sqlite3_step(statement)) == SQLITE_ROW) {
        struct ob_ioc_source_info info = {
            .source = column_text(statement, 0),
            .source_file = column_text(statement, 1),
            .indicators = (uint64_t)sqlite3_column_int64(statement, 2),
            .imported = sqlite3_column_int64(statement, 3),
            .campaign = column_text(statement, 4),
            .expired = (uint64_t)sqlite3_column_int64(statement, 5),
            .published = column_time(statement, 6),
            .publisher = column_text(statement, 7),
            .version = column_text(statement, 8),
        };
        int64_t date = info.published != 0 ? info.published : info.imported;
        if (older_than > 0 && date >= older_than)
            continue;
        status = fn(user, &info);
    }
    if (status == OB_OK && step != SQLITE_DONE)
        status = db_fail(ctx, store->db, _("listing sources"));
    sqlite3_finalize(statement);
    return status;
}

enum ob_status ob_ioc_store_count(struct ob_ioc_store *store, struct ob_context *ctx,
                                  enum ob_ioc_count_by by, ob_ioc_count_fn fn, void *user)
{
    static const char *const sql[] = {
        [OB_IOC_COUNT_BY_TYPE] =
            "SELECT type, COUNT(*) FROM indicators GROUP BY type ORDER BY type",
        [OB_IOC_COUNT_BY_SOURCE] = "SELECT source, COUNT(DISTINCT indicator_id) FROM provenance"
                                   " GROUP BY source ORDER BY source",
        [OB_IOC_COUNT_BY_CAMPAIGN] = "SELECT campaign, COUNT(DISTINCT indicator_id) FROM"
                                     " provenance GROUP BY campaign ORDER BY campaign",
    };
    if ((unsigned)by >= sizeof(sql) / sizeof(sql[0]))
        return ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT, _("unknown indicator count"));
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(store->db, sql[by], -1, &statement, NULL) != SQLITE_OK)
        return db_fail(ctx, store->db, _("counting indicators"));
    int step;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
        struct ob_ioc_count count = {.key = column_text(statement, 0),
                                     .count = (uint64_t)sqlite3_column_int64(statement, 1)};
        fn(user, &count);
    }
    enum ob_status status = step == SQLITE_DONE ? OB_OK
                                                : db_fail(ctx, store->db, _("counting indicators"));
    sqlite3_finalize(statement);
    return status;
}

static enum ob_status count_rows(struct ob_ioc_store *store, struct ob_context *ctx,
                                 const char *sql, uint64_t *out)
{
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(store->db, sql, -1, &statement, NULL) != SQLITE_OK)
        return db_fail(ctx, store->db, _("counting indicators"));
    enum ob_status status = OB_OK;
    if (sqlite3_step(statement) == SQLITE_ROW)
        *out = (uint64_t)sqlite3_column_int64(statement, 0);
    else
        status = db_fail(ctx, store->db, _("counting indicators"));
    sqlite3_finalize(statement);
    return status;
}

enum ob_status ob_ioc_store_totals(struct ob_ioc_store *store, struct ob_context *ctx,
                                   uint64_t *indicators, uint64_t *provenances)
{
    enum ob_status status = count_rows(store, ctx, "SELECT COUNT(*) FROM indicators", indicators);
    if (status == OB_OK)
        status = count_rows(store, ctx, "SELECT COUNT(*) FROM provenance", provenances);
    return status;
}

/* Runs a DELETE `sql` whose ?1 is `source`. */
static enum ob_status delete_rows(struct ob_ioc_store *store, struct ob_context *ctx,
                                  const char *sql, const char *source)
{
    sqlite3_stmt *statement = NULL;
    enum ob_status status = OB_OK;
    if (sqlite3_prepare_v2(store->db, sql, -1, &statement, NULL) != SQLITE_OK) {
        status = db_fail(ctx, store->db, _("removing a source"));
    } else {
        bind_text(statement, 1, source);
        if (sqlite3_step(statement) != SQLITE_DONE)
            status = db_fail(ctx, store->db, _("removing a source"));
    }
    sqlite3_finalize(statement);
    return status;
}

enum ob_status ob_ioc_store_remove_source(struct ob_ioc_store *store, struct ob_context *ctx,
                                          const char *source, uint64_t *removed)
{
    enum ob_status status = writable(store, ctx);
    if (status != OB_OK)
        return status;
    status = exec_sql(store, ctx, "BEGIN IMMEDIATE", _("starting the removal"));
    if (status != OB_OK)
        return status;
    status = delete_rows(store, ctx, "DELETE FROM provenance WHERE source = ?1", source);
    if (status == OB_OK && store->schema_version >= SCHEMA_SOURCES)
        status = delete_rows(store, ctx, "DELETE FROM sources WHERE source = ?1", source);
    if (status == OB_OK)
        status = exec_sql(store, ctx,
                          "DELETE FROM indicators WHERE id NOT IN"
                          " (SELECT indicator_id FROM provenance)",
                          _("removing indicators left without a source"));
    if (status == OB_OK && removed != NULL)
        *removed = (uint64_t)sqlite3_changes(store->db);
    if (status == OB_OK)
        status = exec_sql(store, ctx, "COMMIT", _("finishing the removal"));
    if (status != OB_OK)
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    return status;
}

/* ---- kept rule files ------------------------------------------------------- */

char *ioc_store_rules_dir(const struct ob_ioc_store *store)
{
    const char *slash = strrchr(store->path, '/');
    char *dir = NULL;
    if (slash == NULL)
        return asprintf(&dir, "rules") < 0 ? NULL : dir;
    return asprintf(&dir, "%.*s/rules", (int)(slash - store->path), store->path) < 0 ? NULL : dir;
}

enum ob_status ob_ioc_store_foreach_rule_file(struct ob_ioc_store *store, struct ob_context *ctx,
                                              const char *source, ob_ioc_rule_file_fn fn,
                                              void *user)
{
    if (store->schema_version < SCHEMA_RULE_FILES)
        return OB_OK; /* an older store, read as it is: it keeps no rules */
    char *dir = ioc_store_rules_dir(store);
    if (dir == NULL)
        return OB_ERR_NOMEM;
    sqlite3_stmt *statement = NULL;
    enum ob_status status = OB_OK;
    if (sqlite3_prepare_v2(store->db,
                           "SELECT source, folder, path, original, rules, sha256, signer,"
                           " first_import, last_import FROM rule_files"
                           " WHERE ?1 IS NULL OR instr(lower(source), lower(?1)) > 0"
                           " ORDER BY source, path",
                           -1, &statement, NULL) != SQLITE_OK) {
        status = db_fail(ctx, store->db, _("listing rule files"));
        goto out;
    }
    if (source != NULL && source[0] != '\0')
        bind_text(statement, 1, source);
    int step;
    char *path = NULL;
    while (status == OB_OK && (step = sqlite3_step(statement)) == SQLITE_ROW) {
        free(path);
        if (asprintf(&path, "%s/%s/%s", dir, column_text(statement, 1), column_text(statement, 2)) <
            0) {
            path = NULL;
            status = OB_ERR_NOMEM;
            break;
        }
        struct ob_ioc_rule_file file = {
            .source = column_text(statement, 0),
            .path = path,
            .relative_path = column_text(statement, 2),
            .original = column_text(statement, 3),
            .rules = (size_t)sqlite3_column_int64(statement, 4),
            .sha256 = column_text(statement, 5),
            .signer = column_text(statement, 6),
            .first_import = sqlite3_column_int64(statement, 7),
            .last_import = sqlite3_column_int64(statement, 8),
        };
        status = fn(user, &file);
    }
    free(path);
    if (status == OB_OK && step != SQLITE_DONE)
        status = db_fail(ctx, store->db, _("listing rule files"));
out:
    sqlite3_finalize(statement);
    free(dir);
    return status;
}

enum ob_status ob_ioc_store_remove_rules(struct ob_ioc_store *store, struct ob_context *ctx,
                                         const char *source, uint64_t *removed)
{
    if (removed != NULL)
        *removed = 0;
    if (store->schema_version < SCHEMA_RULE_FILES)
        return writable(store, ctx);
    enum ob_status status = writable(store, ctx);
    if (status != OB_OK)
        return status;
    char *dir = ioc_store_rules_dir(store);
    if (dir == NULL)
        return OB_ERR_NOMEM;
    sqlite3_stmt *remove = NULL;
    status = exec_sql(store, ctx, "BEGIN IMMEDIATE", _("starting the removal"));
    if (status != OB_OK)
        goto out;
    if (sqlite3_prepare_v2(store->db, "DELETE FROM rule_files WHERE source = ?1", -1, &remove,
                           NULL) != SQLITE_OK) {
        status = db_fail(ctx, store->db, _("removing a source"));
        goto out;
    }
    bind_text(remove, 1, source);
    if (sqlite3_step(remove) != SQLITE_DONE) {
        status = db_fail(ctx, store->db, _("removing a source"));
        goto out;
    }
    uint64_t count = (uint64_t)sqlite3_changes(store->db);
    status = exec_sql(store, ctx, "COMMIT", _("finishing the removal"));
    if (status != OB_OK)
        goto out;
    /* The rows are gone, so no scan uses the copies any more; now the
     * source's folder of copies goes. */
    if (removed != NULL)
        *removed = count;
    status = ioc_rules_remove_copies(dir, source);
out:
    if (status != OB_OK && sqlite3_get_autocommit(store->db) == 0)
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_finalize(remove);
    free(dir);
    return status;
}
