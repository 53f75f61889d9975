/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the indicator bundle reader. An input whose first byte
 * is 1 is a bundle file as received: verified by gpg against a fixed public
 * key, which no input can forge a signature for, so it must be refused
 * unless it is a seed signed with that key. Any other first byte makes the
 * rest bundle content (what a good signature covers): parsed, then
 * unpacked into a private folder. Running gpg is slow, so only a mutation
 * that keeps the byte 1 pays for it. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/walk.h"
#include "fuzz_common.h"
#include "ioc/bundle_internal.h"
#include "oberig/pgp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The public half of the key the seed corpus's signed bundles were made
 * with; its secret half is not in the tree. */
static const char trusted_key[] =
    "-----BEGIN PGP PUBLIC KEY BLOCK-----\n"
    "\n"
    "mDMEaxKkZRYJKwYBBAHaRw8BAQdARspbMxFASH3uFMVtk01F5dlWjabzRZjnXADI\n"
    "uy+CVNG0G0hlbHBsaW5lIDxoZWxwQGV4YW1wbGUub3JnPoiQBBMWCAA4FiEE7HVt\n"
    "sYinOA3tyFT2gZI4Ddva1lEFAmsSpGUCGwMFCwkIBwIGFQoJCAsCBBYCAwECHgEC\n"
    "F4AACgkQgZI4Ddva1lFO3QEA5yU0G/OAeQTwt9nhAAzMfWq83z7aszIEaJR3g6U/\n"
    "OBkBAL2rtjsVczXggTZE9g3D/opKSpqq/cbfUU/5r2Sm6fEP\n"
    "=vFBt\n"
    "-----END PGP PUBLIC KEY BLOCK-----\n";
static const char trusted_fingerprint[] = "EC756DB188A7380DEDC854F68192380DDBDAD651";

/* A folder for this process: the key file, and each input's unpacking. */
static char folder[64];

static void remove_folder(void)
{
    core_remove_tree(folder);
}

static bool prepare(void)
{
    if (folder[0] != '\0')
        return true;
    snprintf(folder, sizeof(folder), "/tmp/oberig-fuzz-bundle-XXXXXX");
    if (mkdtemp(folder) == NULL)
        return false;
    atexit(remove_folder);
    char path[128];
    snprintf(path, sizeof(path), "%s/trusted.asc", folder);
    FILE *key = fopen(path, "w");
    if (key == NULL)
        return false;
    fputs(trusted_key, key);
    return fclose(key) == 0;
}

static void read_content(struct ob_context *ctx, const uint8_t *data, size_t size)
{
    struct ioc_bundle bundle;
    enum ob_status status = ioc_bundle_parse(ctx, data, size, &bundle);
    if (status != OB_OK) {
        if (bundle.count != 0 || ob_context_last_error(ctx)[0] == '\0')
            __builtin_trap();
        return;
    }
    size_t total = 0;
    for (size_t i = 0; i < bundle.count; i++) {
        const struct ioc_bundle_member *member = &bundle.members[i];
        if (!ioc_bundle_path_ok(member->path, strlen(member->path)) || member->data < data ||
            member->data + member->length > data + size)
            __builtin_trap();
        total += member->length;
    }
    if (total != bundle.total)
        __builtin_trap();
    char target[128];
    snprintf(target, sizeof(target), "%s/unpacked", folder);
    if (mkdir(target, 0700) == 0) {
        /* A failure (a file and a folder of one name) is a refusal with a
         * reason; what was written stays inside the folder either way. */
        if (ioc_bundle_unpack(ctx, &bundle, target) != OB_OK &&
            ob_context_last_error(ctx)[0] == '\0')
            __builtin_trap();
        core_remove_tree(target);
    }
    ioc_bundle_release(&bundle);
}

static void verify(struct ob_context *ctx, const uint8_t *data, size_t size)
{
    char keyfile[128];
    snprintf(keyfile, sizeof(keyfile), "%s/trusted.asc", folder);
    unsigned char *plain = NULL;
    size_t plain_length = 0;
    char fingerprint[OB_PGP_FINGERPRINT_SIZE] = "";
    enum ob_pgp_verdict verdict = OB_PGP_GOOD;
    enum ob_status status = ob_pgp_verify(ctx, data, size, "fuzz.bundle", keyfile, 1 << 20, &plain,
                                          &plain_length, fingerprint, &verdict);
    if (status == OB_OK) {
        /* Only the seeds signed with the real key get here, unchanged. */
        if (plain == NULL || verdict != OB_PGP_GOOD ||
            strcmp(fingerprint, trusted_fingerprint) != 0)
            __builtin_trap();
        read_content(ctx, plain, plain_length);
        free(plain);
        return;
    }
    if (plain != NULL || fingerprint[0] != '\0' || ob_context_last_error(ctx)[0] == '\0')
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || !prepare())
        return 0;
    struct ob_context *ctx = ob_context_new(fuzz_quiet, NULL);
    if (ctx == NULL)
        return 0;
    if (data[0] == 1)
        verify(ctx, data + 1, size - 1);
    else
        read_content(ctx, data + 1, size - 1);
    ob_context_free(ctx);
    return 0;
}
