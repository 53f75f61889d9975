/* SPDX-License-Identifier: Apache-2.0 */
/* Where oberig report and oberig triage put a report: its folder, and
 * report.json and report.html in it, plain or encrypted to a helpline's
 * OpenPGP key without a plain copy ever reaching the disk. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/output.h"
#include "core/buffer.h"
#include "core/i18n.h"
#include "oberig/pgp.h"

bool cli_report_folder(const char *command, const char *given, int64_t created, char *folder,
                       size_t size)
{
    if (given != NULL) {
        if ((size_t)snprintf(folder, size, "%s", given) >= size) {
            cli_error(command, _("the path '%s' is too long"), given);
            return false;
        }
        if (mkdir(folder, 0700) != 0 && errno != EEXIST) {
            cli_error(command, _("cannot create the folder '%s': %s"), folder, strerror(errno));
            return false;
        }
        struct stat st;
        if (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)) {
            cli_error(command, _("'%s' is not a folder"), folder);
            return false;
        }
        return true;
    }
    struct tm local;
    time_t now = (time_t)created;
    localtime_r(&now, &local);
    strftime(folder, size, "oberig-report-%Y%m%d-%H%M%S", &local);
    if (mkdir(folder, 0700) != 0) {
        cli_error(command, _("cannot create the folder '%s': %s"), folder, strerror(errno));
        return false;
    }
    return true;
}

/* Creates a file for the report, readable by its owner only. */
static FILE *create_file(const char *command, const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    FILE *file = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (file == NULL) {
        cli_error(command, _("cannot write '%s': %s"), path, strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    return file;
}

typedef enum ob_status (*report_writer)(struct ob_report *, const struct ob_report_write_options *,
                                        FILE *);

/* One form of the report, written in memory and encrypted to `keyfile`. */
static bool write_encrypted(const char *command, struct ob_report *report, struct ob_context *ctx,
                            const char *path, const struct ob_report_write_options *options,
                            report_writer write, const char *keyfile, FILE *say)
{
    char *data = NULL;
    size_t length = 0;
    FILE *memory = open_memstream(&data, &length);
    if (memory == NULL) {
        cli_fail(command, NULL, OB_ERR_NOMEM);
        return false;
    }
    enum ob_status status = write(report, options, memory);
    if (fclose(memory) != 0 && status == OB_OK)
        status = OB_ERR_NOMEM;
    char sha256[OB_PGP_SHA256_HEX_SIZE];
    if (status == OB_OK)
        status = ob_pgp_encrypt_to_file(ctx, data, length, keyfile, path, sha256);
    if (data != NULL)
        explicit_bzero(data, length);
    free(data);
    if (status != OB_OK) {
        cli_fail(command, ctx, status);
        return false;
    }
    struct ob_buffer safe;
    core_buffer_init(&safe, 1 << 16);
    /* TRANSLATORS: %s the encrypted file, then its SHA-256 in hex. */
    fprintf(say, _("%s  SHA-256 %s\n"), cli_safe_text(&safe, path), sha256);
    core_buffer_release(&safe);
    return true;
}

static bool write_plain(const char *command, struct ob_report *report, struct ob_context *ctx,
                        const char *path, const struct ob_report_write_options *options,
                        report_writer write)
{
    FILE *file = create_file(command, path);
    if (file == NULL)
        return false;
    enum ob_status status = write(report, options, file);
    if (fclose(file) != 0 && status == OB_OK)
        status = ob_context_fail(ctx, OB_ERR_IO, _("writing the report failed"));
    if (status != OB_OK) {
        cli_fail(command, ctx, status);
        return false;
    }
    return true;
}

bool cli_report_write_files(const char *command, struct ob_report *report, struct ob_context *ctx,
                            const char *folder, const struct ob_report_write_options *options,
                            const char *encrypt_to, FILE *say)
{
    static const struct {
        const char *name;
        report_writer write;
    } forms[] = {{"report.json", ob_report_write_json}, {"report.html", ob_report_write_html}};
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof(path), "%s/%s%s", folder, forms[i].name,
                             encrypt_to != NULL ? ".gpg" : "") >= sizeof(path)) {
            cli_error(command, _("the path '%s' is too long"), folder);
            return false;
        }
        bool written = encrypt_to != NULL
                           ? write_encrypted(command, report, ctx, path, options, forms[i].write,
                                             encrypt_to, say)
                           : write_plain(command, report, ctx, path, options, forms[i].write);
        if (!written)
            return false;
    }
    return true;
}

bool cli_report_check_key(const char *command, struct ob_context *ctx, const char *folder,
                          const char *keyfile)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof(path), "%s/.oberig-key-check.gpg", folder) >= sizeof(path)) {
        cli_error(command, _("the path '%s' is too long"), folder);
        return false;
    }
    char sha256[OB_PGP_SHA256_HEX_SIZE];
    enum ob_status status = ob_pgp_encrypt_to_file(ctx, "", 0, keyfile, path, sha256);
    unlink(path);
    if (status != OB_OK) {
        cli_fail(command, ctx, status);
        return false;
    }
    return true;
}
