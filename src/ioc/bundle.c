/* SPDX-License-Identifier: Apache-2.0 */
/* Signed indicator bundles: pack and sign indicator files and rule folders,
 * and import a bundle only after its signature is known to be good. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/array.h"
#include "core/buffer.h"
#include "core/i18n.h"
#include "core/walk.h"
#include "ioc/bundle_internal.h"
#include "ioc/ioc_internal.h"
#include "oberig/pgp.h"

/* Room for the manifest beside the files' bytes. */
#define MANIFEST_MAX ((size_t)IOC_BUNDLE_MEMBERS_MAX * (IOC_BUNDLE_PATH_MAX + 100))

/* What a bundle being made holds: the files' contents, kept until signed. */
struct packer {
    struct ob_context *ctx;
    struct ioc_bundle bundle;
    struct ob_buffer *contents;
    size_t content_count, content_capacity;
    struct ob_ioc_bundle_info *info;
    const char *root;      /* the path argument being walked */
    const char *root_name; /* its base name, the member's first component */
    enum ob_status status;
};

static const char *base_name(const char *path, size_t *length)
{
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    *length = end - start;
    return path + start;
}

/* Whether a member path has a hidden component (".git", ".DS_Store"). */
static bool is_hidden(const char *path)
{
    return path[0] == '.' || strstr(path, "/.") != NULL;
}

static enum ob_status pack_file(struct packer *packer, const char *file, const char *member)
{
    if (is_hidden(member)) {
        packer->info->skipped++;
        return OB_OK;
    }
    if (!ioc_bundle_path_ok(member, strlen(member)))
        return ob_context_fail(packer->ctx, OB_ERR_PARSE,
                               _("'%s': this file name cannot travel in a bundle"), file);
    for (size_t i = 0; i < packer->bundle.count; i++)
        if (strcmp(packer->bundle.members[i].path, member) == 0)
            return ob_context_fail(packer->ctx, OB_ERR_PARSE,
                                   _("two files would be '%s' in the bundle: give folders of "
                                     "different names"),
                                   member);
    enum ob_status status = core_array_grow((void **)&packer->contents, &packer->content_capacity,
                                            packer->content_count + 1, sizeof(*packer->contents),
                                            16, IOC_BUNDLE_MEMBERS_MAX);
    if (status == OB_ERR_LIMIT)
        goto limit;
    if (status != OB_OK)
        return status;
    struct ob_buffer *content = &packer->contents[packer->content_count];
    core_buffer_init(content, IOC_BUNDLE_CONTENT_MAX);
    packer->content_count++;
    const char *reason = "";
    status = core_buffer_read_file(content, file, &reason);
    if (status == OB_ERR_LIMIT)
        goto limit;
    if (status != OB_OK)
        return ob_context_fail(packer->ctx, status, _("cannot read '%s': %s"), file, reason);
    status = ioc_bundle_add(&packer->bundle, member, content->data, content->length);
    if (status == OB_ERR_LIMIT)
        goto limit;
    if (status == OB_OK) {
        packer->info->files++;
        packer->info->bytes += content->length;
    }
    return status;
limit:
    return ob_context_fail(packer->ctx, OB_ERR_LIMIT,
                           _("a bundle holds at most %d files and %zu MiB"), IOC_BUNDLE_MEMBERS_MAX,
                           IOC_BUNDLE_CONTENT_MAX >> 20);
}

static bool visit(void *user, const struct ob_walk_entry *entry)
{
    struct packer *packer = user;
    if (entry->kind == OB_WALK_ERROR) {
        packer->status = ob_context_fail(packer->ctx, ob_status_from_errno(entry->error_number),
                                         _("cannot read '%s': %s"), entry->path,
                                         strerror(entry->error_number));
        return false;
    }
    if (entry->kind != OB_WALK_FILE) {
        packer->info->skipped++;
        return true;
    }
    size_t root_length = strlen(packer->root);
    while (root_length > 1 && packer->root[root_length - 1] == '/')
        root_length--;
    const char *rest = entry->path + root_length;
    while (*rest == '/')
        rest++;
    char *member = NULL;
    if (asprintf(&member, "%s%s%s", packer->root_name, rest[0] != '\0' ? "/" : "", rest) < 0) {
        packer->status = OB_ERR_NOMEM;
        return false;
    }
    packer->status = pack_file(packer, entry->path, member);
    free(member);
    return packer->status == OB_OK;
}

enum ob_status ob_ioc_bundle_create(struct ob_context *ctx, const char *const *paths,
                                    size_t path_count, const char *secret_keyfile,
                                    const char *bundle_path, struct ob_ioc_bundle_info *info)
{
    memset(info, 0, sizeof(*info));
    struct packer packer = {.ctx = ctx, .info = info, .status = OB_OK};
    struct ob_buffer content;
    core_buffer_init(&content, IOC_BUNDLE_CONTENT_MAX + MANIFEST_MAX);
    enum ob_status status = OB_OK;
    for (size_t i = 0; status == OB_OK && i < path_count; i++) {
        size_t name_length = 0;
        const char *name = base_name(paths[i], &name_length);
        char *root_name = strndup(name, name_length);
        if (root_name == NULL) {
            status = OB_ERR_NOMEM;
            break;
        }
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            status = ob_context_fail(ctx, ob_status_from_errno(errno), _("cannot read '%s': %s"),
                                     paths[i], strerror(errno));
        } else if (strcmp(root_name, ".") == 0 || strcmp(root_name, "..") == 0) {
            status = ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT,
                                     _("'%s': name the folder itself, not '.' or '..'"), paths[i]);
        } else {
            packer.root = paths[i];
            packer.root_name = root_name;
            struct ob_walk_options walk = {.cross_filesystems = true};
            status = core_walk(paths[i], &walk, visit, &packer);
            if (status == OB_OK)
                status = packer.status;
        }
        free(root_name);
    }
    if (status == OB_OK && packer.bundle.count == 0)
        status = ob_context_fail(ctx, OB_ERR_INVALID_ARGUMENT,
                                 _("nothing to put in the bundle: no files found"));
    if (status == OB_OK)
        status = ioc_bundle_write(&packer.bundle, &content);
    if (status == OB_OK)
        status = ob_pgp_sign_to_file(ctx, content.data, content.length, secret_keyfile, bundle_path,
                                     info->fingerprint);
    core_buffer_release(&content);
    ioc_bundle_release(&packer.bundle);
    for (size_t i = 0; i < packer.content_count; i++)
        core_buffer_release(&packer.contents[i]);
    free(packer.contents);
    return status;
}

/* The distinct first components of the members, in manifest order: the
 * paths given to `oberig ioc bundle create`. */
static enum ob_status top_level_paths(const struct ioc_bundle *bundle, const char *folder,
                                      char ***out, size_t *count)
{
    *out = NULL;
    *count = 0;
    size_t capacity = 0;
    for (size_t i = 0; i < bundle->count; i++) {
        const char *path = bundle->members[i].path;
        size_t length = strcspn(path, "/");
        char *top = NULL;
        if (asprintf(&top, "%s/%.*s", folder, (int)length, path) < 0)
            return OB_ERR_NOMEM;
        bool seen = false;
        for (size_t j = 0; !seen && j < *count; j++)
            seen = strcmp((*out)[j], top) == 0;
        if (seen) {
            free(top);
            continue;
        }
        enum ob_status status = core_array_grow((void **)out, &capacity, *count + 1, sizeof(**out),
                                                8, IOC_BUNDLE_MEMBERS_MAX);
        if (status != OB_OK) {
            free(top);
            return status;
        }
        (*out)[(*count)++] = top;
    }
    return OB_OK;
}

/* A bundle whose signature verified: its content, the parsed manifest
 * pointing into it, the signer, and the path it was read from. */
struct ob_ioc_bundle {
    unsigned char *content;
    size_t content_length;
    struct ioc_bundle bundle;
    char fingerprint[OB_PGP_FINGERPRINT_SIZE];
    char *path;
};

void ob_ioc_bundle_free(struct ob_ioc_bundle *bundle)
{
    if (bundle == NULL)
        return;
    ioc_bundle_release(&bundle->bundle);
    free(bundle->content);
    free(bundle->path);
    free(bundle);
}

enum ob_status ob_ioc_bundle_open(struct ob_context *ctx, const char *bundle_path,
                                  const char *trust_keyfile, struct ob_ioc_bundle **out)
{
    *out = NULL;
    struct ob_ioc_bundle *opened = calloc(1, sizeof(*opened));
    if (opened == NULL || (opened->path = strdup(bundle_path)) == NULL) {
        free(opened);
        return OB_ERR_NOMEM;
    }
    struct ob_buffer signed_file;
    core_buffer_init(&signed_file, IOC_BUNDLE_SIGNED_MAX);
    const char *reason = "";
    enum ob_status status = core_buffer_read_file(&signed_file, bundle_path, &reason);
    if (status == OB_ERR_LIMIT)
        status = ob_context_fail(ctx, status, _("'%s' is larger than %zu MiB: refused"),
                                 bundle_path, IOC_BUNDLE_SIGNED_MAX >> 20);
    else if (status != OB_OK)
        status = ob_context_fail(ctx, status, _("cannot read '%s': %s"), bundle_path, reason);
    /* Nothing of the bundle is looked at before its signature is good. */
    if (status == OB_OK)
        status = ob_pgp_verify(ctx, signed_file.data, signed_file.length, bundle_path,
                               trust_keyfile, IOC_BUNDLE_CONTENT_MAX + MANIFEST_MAX,
                               &opened->content, &opened->content_length, opened->fingerprint,
                               NULL);
    core_buffer_release(&signed_file);
    if (status == OB_OK)
        status = ioc_bundle_parse(ctx, opened->content, opened->content_length, &opened->bundle);
    if (status != OB_OK) {
        ob_ioc_bundle_free(opened);
        return status;
    }
    *out = opened;
    return OB_OK;
}

const char *ob_ioc_bundle_signer(const struct ob_ioc_bundle *bundle)
{
    return bundle->fingerprint;
}

enum ob_status ob_ioc_bundle_import(struct ob_ioc_bundle *bundle, struct ob_ioc_store *store,
                                    struct ob_context *ctx,
                                    const struct ob_ioc_import_options *options,
                                    struct ob_ioc_import_report *report)
{
    char folder[256] = "";
    char **tops = NULL;
    size_t top_count = 0;
    char *prefix = NULL, *label = NULL;
    enum ob_status status = OB_OK;
    const char *temporary = getenv("TMPDIR");
    if (temporary == NULL || temporary[0] != '/' || strlen(temporary) > 200)
        temporary = "/tmp";
    snprintf(folder, sizeof(folder), "%s/oberig-bundle-XXXXXX", temporary);
    if (mkdtemp(folder) == NULL) {
        status = ob_context_fail(ctx, ob_status_from_errno(errno),
                                 _("cannot create a temporary folder in '%s': %s"), temporary,
                                 strerror(errno));
        folder[0] = '\0';
        goto out;
    }
    if ((status = ioc_bundle_unpack(ctx, &bundle->bundle, folder)) != OB_OK ||
        (status = top_level_paths(&bundle->bundle, folder, &tops, &top_count)) != OB_OK)
        goto out;
    if (asprintf(&prefix, "%s/", folder) < 0 || asprintf(&label, "%s:", bundle->path) < 0) {
        status = OB_ERR_NOMEM;
        goto out;
    }
    struct ob_ioc_import_options signed_options = {
        .source = options != NULL ? options->source : NULL, .signer = bundle->fingerprint};
    status = ioc_import_labelled(store, ctx, (const char *const *)tops, top_count, &signed_options,
                                 report, prefix, label);
    if (status == OB_OK)
        memcpy(report->signer, bundle->fingerprint, sizeof(report->signer));
out:
    if (folder[0] != '\0')
        core_remove_tree(folder);
    for (size_t i = 0; i < top_count; i++)
        free(tops[i]);
    free(tops);
    free(prefix);
    free(label);
    return status;
}

enum ob_status ob_ioc_bundle_extract(struct ob_ioc_bundle *bundle, struct ob_context *ctx,
                                     const char *folder, struct ob_ioc_bundle_info *info)
{
    memset(info, 0, sizeof(*info));
    /* A new folder only: nothing of the bundle lands among other files. */
    if (mkdir(folder, 0700) != 0)
        return ob_context_fail(ctx,
                               errno == EEXIST ? OB_ERR_INVALID_ARGUMENT
                                               : ob_status_from_errno(errno),
                               _("cannot create folder '%s': %s"), folder, strerror(errno));
    enum ob_status status = ioc_bundle_unpack(ctx, &bundle->bundle, folder);
    if (status != OB_OK) {
        core_remove_tree(folder);
        return status;
    }
    info->files = bundle->bundle.count;
    info->bytes = bundle->bundle.total;
    memcpy(info->fingerprint, bundle->fingerprint, sizeof(info->fingerprint));
    return OB_OK;
}
