/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the OpenPGP adapter: encryption round-trips through gpg,
 * signatures verify, and each refusal has its own reason; HOME and TMPDIR
 * are left as they were. Keys are made with gpg in a folder of the test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buffer.h"
#include "core/hash.h"
#include "core/text.h"
#include "core/walk.h"
#include "oberig/pgp.h"

static char dir[256];
static char path_buffer[8][512];
static int path_next;

/* A path inside the test's folder; valid for the next seven calls. */
static const char *in_dir(const char *relative)
{
    char *path = path_buffer[path_next++ % 8];
    snprintf(path, 512, "%s/%s", dir, relative);
    return path;
}

static int run(const char *format, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *format, ...)
{
    char command[4096];
    va_list args;
    va_start(args, format);
    vsnprintf(command, sizeof(command), format, args);
    va_end(args);
    return system(command);
}

/* gpg on the test's own keyring. */
#define GPG "gpg --homedir '%s/keys' --batch --quiet "

static void read_whole(const char *path, struct ob_buffer *out)
{
    core_buffer_init(out, 1 << 24);
    assert_int_equal(core_buffer_read_file(out, path, NULL), OB_OK);
}

/* Nothing in `path`, hidden names included. */
static bool folder_is_empty(const char *path)
{
    return run("test -z \"$(ls -A '%s')\"", path) == 0;
}

static int setup(void **state)
{
    (void)state;
    if (run("gpg --version >/dev/null 2>&1") != 0)
        return 0; /* each test skips */
    snprintf(dir, sizeof(dir), "/tmp/oberig-pgp-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    assert_int_equal(mkdir(in_dir("keys"), 0700), 0);
    assert_int_equal(mkdir(in_dir("home"), 0700), 0);
    assert_int_equal(mkdir(in_dir("tmp"), 0700), 0);
    assert_int_equal(mkdir(in_dir("out"), 0700), 0);
    /* The keys: an encryption key (ed25519 with a cv25519 subkey), a
     * signing-only key. */
    assert_int_equal(run(GPG "--passphrase '' --quick-gen-key 'Helpline <help@example.org>' "
                             "default default never 2>/dev/null",
                         dir),
                     0);
    assert_int_equal(run(GPG "--passphrase '' --quick-gen-key 'Signer <sign@example.org>' "
                             "ed25519 sign never 2>/dev/null",
                         dir),
                     0);
    assert_int_equal(run(GPG "--armor --export help@example.org > '%s/helpline.asc'", dir, dir), 0);
    assert_int_equal(run(GPG "--export sign@example.org > '%s/signer.pub'", dir, dir), 0);
    assert_int_equal(run(GPG "--export-secret-keys sign@example.org > '%s/signer.key'", dir, dir),
                     0);
    /* oberig must leave these alone. */
    setenv("HOME", in_dir("home"), 1);
    setenv("GNUPGHOME", in_dir("home/.gnupg"), 1);
    setenv("TMPDIR", in_dir("tmp"), 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (dir[0] != '\0') {
        run("gpgconf --homedir '%s/keys' --kill all 2>/dev/null", dir);
        core_remove_tree(dir);
    }
    return 0;
}

static void need_gpg(void)
{
    if (dir[0] == '\0')
        skip();
}

static void expect_clean(void)
{
    assert_true(folder_is_empty(in_dir("home")));
    assert_true(folder_is_empty(in_dir("tmp")));
    /* [p]: the pattern does not match the shell that runs pgrep. */
    assert_int_not_equal(run("pgrep -f '%s/tm[p]/oberig-gpg' >/dev/null", dir), 0);
}

static void fingerprint_of(const char *user, char out[OB_PGP_FINGERPRINT_SIZE])
{
    assert_int_equal(run(GPG "--with-colons --list-keys %s | awk -F: '$1 == \"fpr\" "
                             "{ print $10; exit }' > '%s/fpr'",
                         dir, user, dir),
                     0);
    struct ob_buffer text;
    read_whole(in_dir("fpr"), &text);
    snprintf(out, OB_PGP_FINGERPRINT_SIZE, "%.*s", (int)strcspn(core_buffer_str(&text), "\n"),
             core_buffer_str(&text));
    core_buffer_release(&text);
    assert_int_equal(strlen(out), 40);
}

static const char report[] = "{\"verdict\":\"suspicious\",\"user\":\"Олена\","
                             "\"path\":\"/home/olena/Downloads/invoice.pdf.exe\"}\n";

static void test_pgp__encrypt_round_trip(void **state)
{
    (void)state;
    need_gpg();
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    char sha256[OB_PGP_SHA256_HEX_SIZE];
    const char *output = in_dir("out/report.json.gpg");
    assert_int_equal(ob_pgp_encrypt_to_file(ctx, report, strlen(report), in_dir("helpline.asc"),
                                            output, sha256),
                     OB_OK);
    /* The file is OpenPGP, not the report: no plain text in it. */
    struct ob_buffer cipher;
    read_whole(output, &cipher);
    assert_null(memmem(cipher.data, cipher.length, "suspicious", 10));
    assert_null(memmem(cipher.data, cipher.length, "olena", 5));
    /* The SHA-256 given is the encrypted file's. */
    struct ob_hasher *hasher = NULL;
    unsigned char digest[OB_SHA256_LEN];
    char hex[OB_PGP_SHA256_HEX_SIZE];
    assert_int_equal(core_hasher_new(&hasher), OB_OK);
    assert_int_equal(core_hasher_sha256(hasher, cipher.data, cipher.length, digest), OB_OK);
    core_hasher_free(hasher);
    core_hex_encode(digest, sizeof(digest), hex);
    assert_string_equal(sha256, hex);
    core_buffer_release(&cipher);
    /* The helpline decrypts it with its own gpg to the same bytes. */
    assert_int_equal(run(GPG "--decrypt '%s' > '%s/decrypted' 2>/dev/null", dir, output, dir), 0);
    struct ob_buffer plain;
    read_whole(in_dir("decrypted"), &plain);
    assert_int_equal(plain.length, strlen(report));
    assert_memory_equal(plain.data, report, plain.length);
    core_buffer_release(&plain);
    /* Only the encrypted file is in its folder: the temporary one was renamed. */
    assert_int_equal(run("test \"$(ls -A '%s/out')\" = report.json.gpg", dir), 0);
    /* Written again, the file is replaced whole. */
    assert_int_equal(ob_pgp_encrypt_to_file(ctx, "x", 1, in_dir("helpline.asc"), output, sha256),
                     OB_OK);
    assert_int_equal(run(GPG "--decrypt '%s' 2>/dev/null | grep -qx x", dir, output), 0);
    expect_clean();
    ob_context_free(ctx);
}

static void test_pgp__encrypt_needs_an_encryption_key(void **state)
{
    (void)state;
    need_gpg();
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    char sha256[OB_PGP_SHA256_HEX_SIZE] = "x";
    const char *output = in_dir("out/refused.gpg");
    /* A signing-only key cannot encrypt. */
    assert_int_equal(ob_pgp_encrypt_to_file(ctx, report, strlen(report), in_dir("signer.pub"),
                                            output, sha256),
                     OB_ERR_PARSE);
    assert_non_null(strstr(ob_context_last_error(ctx), "no public key that can encrypt"));
    assert_string_equal(sha256, "");
    /* A file without a key. */
    FILE *text = fopen(in_dir("not-a-key.txt"), "w");
    assert_non_null(text);
    fputs("hello\n", text);
    fclose(text);
    assert_int_equal(ob_pgp_encrypt_to_file(ctx, report, strlen(report), in_dir("not-a-key.txt"),
                                            output, sha256),
                     OB_ERR_PARSE);
    assert_non_null(strstr(ob_context_last_error(ctx), "holds no OpenPGP key"));
    /* A key file that is not there. */
    assert_int_equal(ob_pgp_encrypt_to_file(ctx, report, strlen(report), in_dir("missing.asc"),
                                            output, sha256),
                     OB_ERR_NOT_FOUND);
    assert_int_not_equal(access(output, F_OK), 0);
    assert_int_equal(run("test -z \"$(ls -A '%s/out' | grep refused)\"", dir), 0);
    expect_clean();
    ob_context_free(ctx);
}

/* Verifies `file` against `keyfile`, expecting `verdict`. */
static void expect_verdict(struct ob_context *ctx, const char *file, const char *keyfile,
                           enum ob_pgp_verdict expected, const char *message)
{
    struct ob_buffer signed_data;
    read_whole(file, &signed_data);
    unsigned char *plain = (unsigned char *)"unset";
    size_t plain_length = 99;
    char fingerprint[OB_PGP_FINGERPRINT_SIZE] = "unset";
    enum ob_pgp_verdict verdict = OB_PGP_GOOD;
    enum ob_status status = ob_pgp_verify(ctx, signed_data.data, signed_data.length, file, keyfile,
                                          1 << 20, &plain, &plain_length, fingerprint, &verdict);
    core_buffer_release(&signed_data);
    assert_int_equal(verdict, expected);
    if (expected == OB_PGP_GOOD) {
        assert_int_equal(status, OB_OK);
        assert_non_null(plain);
        free(plain);
        return;
    }
    assert_int_equal(status, OB_ERR_PARSE);
    assert_null(plain);
    assert_int_equal(plain_length, 0);
    assert_string_equal(fingerprint, "");
    if (strstr(ob_context_last_error(ctx), message) == NULL)
        fail_msg("'%s' not in '%s'", message, ob_context_last_error(ctx));
}

static void test_pgp__sign_and_verify(void **state)
{
    (void)state;
    need_gpg();
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    char signer[OB_PGP_FINGERPRINT_SIZE], expected[OB_PGP_FINGERPRINT_SIZE];
    fingerprint_of("sign@example.org", expected);
    const char *signed_path = in_dir("out/signed.gpg");
    assert_int_equal(ob_pgp_sign_to_file(ctx, report, strlen(report), in_dir("signer.key"),
                                         signed_path, signer),
                     OB_OK);
    assert_string_equal(signer, expected);
    struct ob_buffer signed_data;
    read_whole(signed_path, &signed_data);
    /* Stored uncompressed: the signed text is in the file as it is. */
    assert_non_null(memmem(signed_data.data, signed_data.length, "invoice.pdf.exe", 15));
    unsigned char *plain = NULL;
    size_t plain_length = 0;
    char fingerprint[OB_PGP_FINGERPRINT_SIZE] = "";
    enum ob_pgp_verdict verdict = OB_PGP_DAMAGED;
    assert_int_equal(ob_pgp_verify(ctx, signed_data.data, signed_data.length, "signed.gpg",
                                   in_dir("signer.pub"), 1 << 20, &plain, &plain_length,
                                   fingerprint, &verdict),
                     OB_OK);
    assert_int_equal(verdict, OB_PGP_GOOD);
    assert_string_equal(fingerprint, expected);
    assert_int_equal(plain_length, strlen(report));
    assert_memory_equal(plain, report, plain_length);
    free(plain);
    /* Content over the caller's cap is refused, not returned. */
    assert_int_equal(ob_pgp_verify(ctx, signed_data.data, signed_data.length, "signed.gpg",
                                   in_dir("signer.pub"), 16, &plain, &plain_length, fingerprint,
                                   NULL),
                     OB_ERR_LIMIT);
    assert_null(plain);
    /* One letter of the signed text changed: a bad signature. */
    unsigned char *letter = memmem(signed_data.data, signed_data.length, "invoice", 7);
    *letter = 'I';
    FILE *altered = fopen(in_dir("altered.gpg"), "wb");
    assert_non_null(altered);
    assert_int_equal(fwrite(signed_data.data, 1, signed_data.length, altered), signed_data.length);
    fclose(altered);
    core_buffer_release(&signed_data);
    expect_verdict(ctx, in_dir("altered.gpg"), in_dir("signer.pub"), OB_PGP_BAD_SIGNATURE,
                   "bad signature");
    /* Another key's file does not vouch for it. */
    expect_verdict(ctx, signed_path, in_dir("helpline.asc"), OB_PGP_OTHER_KEY,
                   "signed by another key");
    /* Plain data is not signed. */
    expect_verdict(ctx, in_dir("helpline.asc"), in_dir("signer.pub"), OB_PGP_UNSIGNED,
                   "is not signed");
    expect_clean();
    ob_context_free(ctx);
}

static void test_pgp__expired_and_revoked_keys_are_refused(void **state)
{
    (void)state;
    need_gpg();
    struct ob_context *ctx = ob_context_new(NULL, NULL);
    FILE *data = fopen(in_dir("data.txt"), "w");
    assert_non_null(data);
    fputs(report, data);
    fclose(data);
    /* A key made three days ago that expired a day later, and a signature
     * it made then. */
    long then = (long)time(NULL) - 3 * 86400;
    assert_int_equal(run(GPG "--faked-system-time %ld --passphrase '' --quick-gen-key "
                             "'Old <old@example.org>' ed25519 sign 1d 2>/dev/null",
                         dir, then),
                     0);
    assert_int_equal(run(GPG "--faked-system-time %ld -u old@example.org --output '%s/old.gpg' "
                             "--sign '%s/data.txt' 2>/dev/null",
                         dir, then + 60, dir, dir),
                     0);
    assert_int_equal(run(GPG "--export old@example.org > '%s/old.pub' 2>/dev/null", dir, dir), 0);
    expect_verdict(ctx, in_dir("old.gpg"), in_dir("old.pub"), OB_PGP_KEY_EXPIRED,
                   "that key has expired");
    /* A key that signed, then was revoked with its revocation certificate. */
    assert_int_equal(run(GPG "--passphrase '' --quick-gen-key 'Lost <lost@example.org>' ed25519 "
                             "sign never 2>/dev/null",
                         dir),
                     0);
    assert_int_equal(run(GPG "-u lost@example.org --output '%s/lost.gpg' --sign '%s/data.txt'", dir,
                         dir, dir),
                     0);
    char lost[OB_PGP_FINGERPRINT_SIZE];
    fingerprint_of("lost@example.org", lost);
    assert_int_equal(run("sed 's/^:-----/-----/' '%s/keys/openpgp-revocs.d/%s.rev' | " GPG
                         "--import 2>/dev/null",
                         dir, lost, dir),
                     0);
    assert_int_equal(run(GPG "--export lost@example.org > '%s/lost.pub'", dir, dir), 0);
    expect_verdict(ctx, in_dir("lost.gpg"), in_dir("lost.pub"), OB_PGP_KEY_REVOKED,
                   "that key was revoked");
    expect_clean();
    ob_context_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pgp__encrypt_round_trip),
        cmocka_unit_test(test_pgp__encrypt_needs_an_encryption_key),
        cmocka_unit_test(test_pgp__sign_and_verify),
        cmocka_unit_test(test_pgp__expired_and_revoked_keys_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
