/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the input as MVT's indicators.yaml, read by the index
 * reader (yaml_adapter.c) and then imported as a file by ob_ioc_import, which
 * resolves each entry's path next to it (a.stix2 and sub/b.stix2 are there)
 * into an in-memory store that is emptied again after each input. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "ioc/yaml_adapter.h"
#include "oberig/ioc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BUNDLE_HEAD                                                                                \
    "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"indicator\",\"id\":"       \
    "\"indicator--1\",\"pattern\":\"[domain-name:value='"
#define BUNDLE_TAIL "']\",\"pattern_type\":\"stix\"}]}"

/* The folder of this process's files; removed at exit. */
static char folder[] = "/tmp/oberig-fuzz-mvt-yaml-XXXXXX";
static char index_path[sizeof(folder) + 32];
static const char *const file_names[] = {"indicators.yaml", "a.stix2", "sub/b.stix2", "sub"};

static void remove_folder(void)
{
    char path[sizeof(index_path)];
    for (size_t i = 0; i < sizeof(file_names) / sizeof(file_names[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", folder, file_names[i]);
        remove(path);
    }
    rmdir(folder);
}

static void write_file(const char *name, const void *data, size_t size)
{
    char path[sizeof(index_path)];
    snprintf(path, sizeof(path), "%s/%s", folder, name);
    FILE *file = fopen(path, "wb");
    if (file == NULL || fwrite(data, 1, size, file) != size || fclose(file) != 0)
        __builtin_trap(); /* the fuzzer's own set-up failed */
}

static void set_up(void)
{
    if (mkdtemp(folder) == NULL)
        __builtin_trap();
    atexit(remove_folder);
    snprintf(index_path, sizeof(index_path), "%s/indicators.yaml", folder);
    char path[sizeof(index_path)];
    snprintf(path, sizeof(path), "%s/sub", folder);
    if (mkdir(path, 0700) != 0)
        __builtin_trap();
    static const char a[] = BUNDLE_HEAD "a.example" BUNDLE_TAIL;
    static const char b[] = BUNDLE_HEAD "b.example" BUNDLE_TAIL;
    write_file("a.stix2", a, sizeof(a) - 1);
    write_file("sub/b.stix2", b, sizeof(b) - 1);
}

/* The index reader alone: each entry has a name, and a failure says why. */
static void read_index(struct ob_context *ctx, const uint8_t *data, size_t size)
{
    struct ob_yaml_entry *entries = NULL;
    size_t count = 0, total = 0;
    enum ob_status status = ioc_yaml_read_indicator_index(ctx, "fuzz.yaml", (const char *)data,
                                                          size, &entries, &count);
    if (status != OB_OK) {
        if (entries != NULL || count != 0 ||
            (status != OB_ERR_NOMEM && ob_context_last_error(ctx)[0] == '\0'))
            __builtin_trap();
        return;
    }
    for (size_t i = 0; i < count; i++) {
        if (entries[i].name == NULL)
            __builtin_trap();
        total += strlen(entries[i].name) + (entries[i].path ? strlen(entries[i].path) : 0);
    }
    volatile size_t sink = total;
    (void)sink;
    ioc_yaml_entries_free(entries, count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ob_ioc_store *store;
    if (store == NULL) {
        set_up();
        struct ob_context *setup_ctx = ob_context_new(fuzz_quiet, NULL);
        if (setup_ctx == NULL || ob_ioc_store_open(setup_ctx, ":memory:", true, &store) != OB_OK)
            __builtin_trap();
        ob_context_free(setup_ctx);
    }
    /* A fresh context, so an error text is this input's own. */
    struct ob_context *ctx = ob_context_new(fuzz_quiet, NULL);
    if (ctx == NULL)
        return 0;
    read_index(ctx, data, size);
    ob_context_free(ctx);
    if ((ctx = ob_context_new(fuzz_quiet, NULL)) == NULL)
        return 0;

    write_file("indicators.yaml", data, size);
    struct ob_ioc_import_options options = {.source = "fuzz"};
    struct ob_ioc_import_report report;
    memset(&report, 0, sizeof(report));
    const char *paths[] = {index_path};
    enum ob_status status = ob_ioc_import(store, ctx, paths, 1, &options, &report);
    if (status != OB_OK && status != OB_ERR_NOMEM && ob_context_last_error(ctx)[0] == '\0')
        __builtin_trap();
    for (size_t i = 0; i < report.note_count; i++)
        if (report.notes[i] == NULL)
            __builtin_trap();
    ob_ioc_import_report_release(&report);

    /* What the input brought is taken out again, leaving the store empty. */
    uint64_t indicators = 1, provenances = 1;
    if (ob_ioc_store_remove_source(store, ctx, "fuzz", NULL) != OB_OK ||
        ob_ioc_store_totals(store, ctx, &indicators, &provenances) != OB_OK || indicators != 0 ||
        provenances != 0)
        __builtin_trap();
    ob_context_free(ctx);
    return 0;
}
