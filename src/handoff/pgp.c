/* SPDX-License-Identifier: Apache-2.0 */
/* OpenPGP adapter over GPGME, the only file that includes gpgme.h: each
 * call imports its keys into a temporary GnuPG home and removes it after. */
#include <errno.h>
#include <fcntl.h>
#include <gpgme.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buffer.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/walk.h"
#include "oberig/pgp.h"

extern char **environ;

#define KEYS_MAX 64 /* keys of one key file that are used */

/* A GnuPG home made for one call, and the GPGME context that uses it. */
struct pgp_session {
    struct ob_context *ctx;
    gpgme_ctx_t gpg;
    char home[256];
    bool home_made;
};

/* Runs `gpgconf --homedir HOME ARGUMENT [VALUE]` and waits for it. It stops
 * the agent and removes its sockets; a failure there leaves nothing worse
 * than a stopped agent's folder, so it is not reported. */
static void run_gpgconf(const char *home, const char *argument, const char *value)
{
    const char *gpgconf = gpgme_get_dirinfo("gpgconf-name");
    if (gpgconf == NULL)
        gpgconf = "gpgconf";
    char *arguments[] = {"gpgconf",        "--homedir",   (char *)home,
                         (char *)argument, (char *)value, NULL};
    posix_spawn_file_actions_t actions;
    if (posix_spawn_file_actions_init(&actions) != 0)
        return;
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t child;
    if (posix_spawnp(&child, gpgconf, &actions, NULL, arguments, environ) == 0) {
        int wait_status;
        while (waitpid(child, &wait_status, 0) < 0 && errno == EINTR) {
        }
    }
    posix_spawn_file_actions_destroy(&actions);
}

/* What failed in GnuPG; each has its own whole sentence. */
enum gpg_step { STEP_START, STEP_ENCRYPT, STEP_SIGN, STEP_VERIFY };

static enum ob_status gpg_fail(struct ob_context *ctx, gpgme_error_t error, enum gpg_step step)
{
    const char *reason = gpgme_strerror(error);
    /* TRANSLATORS: %s is GnuPG's reason, in English. */
    switch (step) {
    case STEP_START:
        return ob_context_fail(ctx, OB_ERR_INTERNAL, _("OpenPGP: cannot start GnuPG: %s"), reason);
    case STEP_ENCRYPT:
        return ob_context_fail(ctx, OB_ERR_INTERNAL, _("OpenPGP: encrypting failed: %s"), reason);
    case STEP_SIGN:
        return ob_context_fail(ctx, OB_ERR_INTERNAL, _("OpenPGP: signing failed: %s"), reason);
    case STEP_VERIFY: break;
    }
    return ob_context_fail(ctx, OB_ERR_INTERNAL, _("OpenPGP: verifying failed: %s"), reason);
}

static gpgme_error_t refuse_passphrase(void *hook, const char *uid_hint, const char *info,
                                       int previous_was_bad, int fd)
{
    (void)hook;
    (void)uid_hint;
    (void)info;
    (void)previous_was_bad;
    (void)fd;
    return gpgme_error(GPG_ERR_NO_PASSPHRASE);
}

static void session_close(struct pgp_session *session)
{
    if (session->gpg != NULL)
        gpgme_release(session->gpg);
    session->gpg = NULL;
    if (!session->home_made)
        return;
    run_gpgconf(session->home, "--kill", "all");
    run_gpgconf(session->home, "--remove-socketdir", NULL);
    core_remove_tree(session->home);
    session->home_made = false;
}

/* Writes the session's gpg.conf. Signed data is stored uncompressed, so
 * any change to it shows as a bad signature, never as a damaged packet,
 * and nothing unpacks to more than the signed file's size. */
static enum ob_status write_config(struct pgp_session *session)
{
    char *path = NULL;
    if (asprintf(&path, "%s/gpg.conf", session->home) < 0)
        return OB_ERR_NOMEM;
    FILE *config = fopen(path, "wx");
    bool written = config != NULL && fputs("compress-level 0\n", config) >= 0;
    if (config != NULL && fclose(config) != 0)
        written = false;
    free(path);
    if (!written)
        return ob_context_fail(session->ctx, OB_ERR_IO, _("cannot write '%s/gpg.conf': %s"),
                               session->home, strerror(errno));
    return OB_OK;
}

static enum ob_status session_open(struct pgp_session *session, struct ob_context *ctx)
{
    memset(session, 0, sizeof(*session));
    session->ctx = ctx;
    gpgme_check_version(NULL);
    if (gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP) != 0)
        return ob_context_fail(ctx, OB_ERR_INTERNAL,
                               _("OpenPGP needs GnuPG (gpg), which is not installed"));
    /* Short, so that the agent's socket path fits (108 bytes). */
    const char *folder = getenv("TMPDIR");
    if (folder == NULL || folder[0] != '/' || strlen(folder) > 60)
        folder = "/tmp";
    snprintf(session->home, sizeof(session->home), "%s/oberig-gpg-XXXXXX", folder);
    if (mkdtemp(session->home) == NULL)
        return ob_context_fail(ctx, ob_status_from_errno(errno),
                               _("cannot create a temporary folder in '%s': %s"), folder,
                               strerror(errno));
    session->home_made = true;
    enum ob_status status = write_config(session);
    if (status != OB_OK) {
        session_close(session);
        return status;
    }
    gpgme_error_t error = gpgme_new(&session->gpg);
    if (error == 0)
        error = gpgme_set_protocol(session->gpg, GPGME_PROTOCOL_OpenPGP);
    if (error == 0)
        error = gpgme_ctx_set_engine_info(session->gpg, GPGME_PROTOCOL_OpenPGP, NULL,
                                          session->home);
    if (error == 0)
        error = gpgme_set_pinentry_mode(session->gpg, GPGME_PINENTRY_MODE_LOOPBACK);
    if (error != 0) {
        session_close(session);
        return gpg_fail(ctx, error, STEP_START);
    }
    gpgme_set_offline(session->gpg, 1);
    gpgme_set_armor(session->gpg, 0);
    gpgme_set_passphrase_cb(session->gpg, refuse_passphrase, NULL);
    return OB_OK;
}

/* Imports every key of `keyfile` into the session's keyring. */
static enum ob_status import_keyfile(struct pgp_session *session, const char *keyfile)
{
    struct ob_buffer content;
    core_buffer_init(&content, OB_PGP_KEYFILE_MAX);
    const char *reason = "";
    enum ob_status status = core_buffer_read_file(&content, keyfile, &reason);
    gpgme_data_t keys = NULL;
    if (status == OB_ERR_LIMIT) {
        status = ob_context_fail(session->ctx, status, _("key file '%s' is larger than %zu MiB"),
                                 keyfile, OB_PGP_KEYFILE_MAX >> 20);
        goto out;
    }
    if (status != OB_OK) {
        status = ob_context_fail(session->ctx, status, _("cannot read key file '%s': %s"), keyfile,
                                 reason);
        goto out;
    }
    gpgme_error_t error = gpgme_data_new_from_mem(&keys, (const char *)content.data, content.length,
                                                  0);
    if (error == 0)
        error = gpgme_op_import(session->gpg, keys);
    gpgme_import_result_t result = error == 0 ? gpgme_op_import_result(session->gpg) : NULL;
    if (result == NULL || result->imported + result->unchanged + result->secret_imported == 0)
        status = ob_context_fail(session->ctx, OB_ERR_PARSE,
                                 _("'%s' holds no OpenPGP key (a key file is made with "
                                   "'gpg --export' or 'gpg --export-secret-keys')"),
                                 keyfile);
out:
    gpgme_data_release(keys);
    core_buffer_release(&content);
    return status;
}

/* The usable keys of the session's keyring (secret ones with `secret`),
 * for encryption or signing, NULL-terminated; *count of them. */
static void list_keys(struct pgp_session *session, bool secret, bool for_signing,
                      gpgme_key_t keys[KEYS_MAX + 1], size_t *count)
{
    *count = 0;
    if (gpgme_op_keylist_start(session->gpg, NULL, secret ? 1 : 0) != 0) {
        keys[0] = NULL;
        return;
    }
    gpgme_key_t key;
    while (gpgme_op_keylist_next(session->gpg, &key) == 0) {
        bool usable = !key->revoked && !key->expired && !key->disabled && !key->invalid &&
                      (for_signing ? key->can_sign && key->secret : key->can_encrypt);
        if (usable && *count < KEYS_MAX)
            keys[(*count)++] = key;
        else
            gpgme_key_unref(key);
    }
    gpgme_op_keylist_end(session->gpg);
    keys[*count] = NULL;
}

static void unref_keys(gpgme_key_t *keys, size_t count)
{
    for (size_t i = 0; i < count; i++)
        gpgme_key_unref(keys[i]);
}

/* Writes `bytes` to `path` through a temporary file in the same folder,
 * synced and renamed, so `path` is either absent, old, or complete. */
static enum ob_status write_atomically(struct ob_context *ctx, const char *path, const void *bytes,
                                       size_t length)
{
    const char *slash = strrchr(path, '/');
    int folder_length = slash != NULL ? (int)(slash - path + 1) : 0;
    char *temporary = NULL;
    if (asprintf(&temporary, "%.*s.%s.XXXXXX", folder_length, path, path + folder_length) < 0)
        return OB_ERR_NOMEM;
    enum ob_status status = OB_OK;
    int fd = mkstemp(temporary);
    if (fd < 0) {
        status = ob_context_fail(ctx, ob_status_from_errno(errno), _("cannot create '%s': %s"),
                                 path, strerror(errno));
        free(temporary);
        return status;
    }
    const unsigned char *at = bytes;
    size_t left = length;
    while (left > 0) {
        ssize_t written = write(fd, at, left);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            break;
        at += written;
        left -= (size_t)written;
    }
    int error = left > 0 ? (errno != 0 ? errno : EIO) : 0;
    if (error == 0 && fsync(fd) != 0)
        error = errno;
    if (close(fd) != 0 && error == 0)
        error = errno;
    if (error == 0 && rename(temporary, path) != 0)
        error = errno;
    if (error != 0) {
        unlink(temporary);
        status = ob_context_fail(ctx, ob_status_from_errno(error), _("cannot write '%s': %s"), path,
                                 strerror(error));
    }
    free(temporary);
    return status;
}

static void copy_fingerprint(char out[OB_PGP_FINGERPRINT_SIZE], const char *fingerprint)
{
    if (out != NULL)
        snprintf(out, OB_PGP_FINGERPRINT_SIZE, "%s", fingerprint != NULL ? fingerprint : "");
}

enum ob_status ob_pgp_encrypt_to_file(struct ob_context *ctx, const void *data, size_t length,
                                      const char *keyfile, const char *path,
                                      char sha256_hex[OB_PGP_SHA256_HEX_SIZE])
{
    struct pgp_session session;
    gpgme_key_t recipients[KEYS_MAX + 1] = {NULL};
    size_t recipient_count = 0;
    gpgme_data_t plain = NULL, cipher = NULL;
    char *cipher_bytes = NULL;
    size_t cipher_length = 0;
    struct ob_hasher *hasher = NULL;
    sha256_hex[0] = '\0';
    enum ob_status status = session_open(&session, ctx);
    if (status != OB_OK)
        return status;
    if ((status = import_keyfile(&session, keyfile)) != OB_OK)
        goto out;
    list_keys(&session, false, false, recipients, &recipient_count);
    if (recipient_count == 0) {
        status = ob_context_fail(ctx, OB_ERR_PARSE,
                                 _("'%s' holds no public key that can encrypt (it may have "
                                   "expired or been revoked)"),
                                 keyfile);
        goto out;
    }
    gpgme_error_t error = gpgme_data_new_from_mem(&plain, data, length, 0);
    if (error == 0)
        error = gpgme_data_new(&cipher);
    if (error == 0)
        error = gpgme_op_encrypt(session.gpg, recipients, GPGME_ENCRYPT_ALWAYS_TRUST, plain,
                                 cipher);
    if (error != 0) {
        status = gpg_fail(ctx, error, STEP_ENCRYPT);
        goto out;
    }
    cipher_bytes = gpgme_data_release_and_get_mem(cipher, &cipher_length);
    cipher = NULL;
    if (cipher_bytes == NULL || cipher_length == 0) {
        status = ob_context_fail(ctx, OB_ERR_INTERNAL, _("OpenPGP: encrypting gave no output"));
        goto out;
    }
    unsigned char digest[OB_SHA256_LEN];
    if ((status = core_hasher_new(&hasher)) != OB_OK ||
        (status = core_hasher_sha256(hasher, cipher_bytes, cipher_length, digest)) != OB_OK)
        goto out;
    if ((status = write_atomically(ctx, path, cipher_bytes, cipher_length)) != OB_OK)
        goto out;
    core_hex_encode(digest, sizeof(digest), sha256_hex);
out:
    core_hasher_free(hasher);
    gpgme_free(cipher_bytes);
    gpgme_data_release(cipher);
    gpgme_data_release(plain);
    unref_keys(recipients, recipient_count);
    session_close(&session);
    return status;
}

enum ob_status ob_pgp_sign_to_file(struct ob_context *ctx, const void *data, size_t length,
                                   const char *secret_keyfile, const char *path,
                                   char fingerprint[OB_PGP_FINGERPRINT_SIZE])
{
    struct pgp_session session;
    gpgme_key_t signers[KEYS_MAX + 1] = {NULL};
    size_t signer_count = 0;
    gpgme_data_t plain = NULL, signed_data = NULL;
    char *signed_bytes = NULL;
    size_t signed_length = 0;
    copy_fingerprint(fingerprint, "");
    enum ob_status status = session_open(&session, ctx);
    if (status != OB_OK)
        return status;
    if ((status = import_keyfile(&session, secret_keyfile)) != OB_OK)
        goto out;
    list_keys(&session, true, true, signers, &signer_count);
    if (signer_count == 0) {
        status = ob_context_fail(ctx, OB_ERR_PARSE,
                                 _("'%s' holds no secret key that can sign (export one with "
                                   "'gpg --export-secret-keys')"),
                                 secret_keyfile);
        goto out;
    }
    gpgme_error_t error = gpgme_signers_add(session.gpg, signers[0]);
    if (error == 0)
        error = gpgme_data_new_from_mem(&plain, data, length, 0);
    if (error == 0)
        error = gpgme_data_new(&signed_data);
    if (error == 0)
        error = gpgme_op_sign(session.gpg, plain, signed_data, GPGME_SIG_MODE_NORMAL);
    gpgme_sign_result_t result = error == 0 ? gpgme_op_sign_result(session.gpg) : NULL;
    gpg_err_code_t code = gpgme_err_code(error);
    if (code == GPG_ERR_NO_PASSPHRASE || code == GPG_ERR_BAD_PASSPHRASE ||
        code == GPG_ERR_CANCELED || code == GPG_ERR_NO_PIN) {
        status = ob_context_fail(ctx, OB_ERR_UNSUPPORTED,
                                 _("the secret key in '%s' is protected by a passphrase: oberig "
                                   "signs only with a key that has none"),
                                 secret_keyfile);
        goto out;
    }
    if (error != 0 || result == NULL || result->signatures == NULL ||
        result->invalid_signers != NULL) {
        status = gpg_fail(ctx, error != 0 ? error : gpgme_error(GPG_ERR_UNUSABLE_SECKEY),
                          STEP_SIGN);
        goto out;
    }
    signed_bytes = gpgme_data_release_and_get_mem(signed_data, &signed_length);
    signed_data = NULL;
    if (signed_bytes == NULL || signed_length == 0) {
        status = ob_context_fail(ctx, OB_ERR_INTERNAL, _("OpenPGP: signing gave no output"));
        goto out;
    }
    if ((status = write_atomically(ctx, path, signed_bytes, signed_length)) != OB_OK)
        goto out;
    copy_fingerprint(fingerprint, signers[0]->fpr);
out:
    gpgme_free(signed_bytes);
    gpgme_data_release(signed_data);
    gpgme_data_release(plain);
    unref_keys(signers, signer_count);
    session_close(&session);
    return status;
}

/* Where gpg writes the signed content: memory with a cap, so a compressed
 * message cannot unpack into more than the caller allows. */
struct capped_sink {
    struct ob_buffer buffer;
    bool over;
};

static ssize_t sink_write(void *handle, const void *bytes, size_t size)
{
    struct capped_sink *sink = handle;
    if (core_buffer_append(&sink->buffer, bytes, size) != OB_OK) {
        sink->over = true;
        errno = EFBIG;
        return -1;
    }
    return (ssize_t)size;
}

/* The verdict of one signature, and the primary fingerprint of its key
 * when the key is in the keyring. */
static enum ob_pgp_verdict signature_verdict(struct pgp_session *session,
                                             gpgme_signature_t signature,
                                             char fingerprint[OB_PGP_FINGERPRINT_SIZE])
{
    switch (gpgme_err_code(signature->status)) {
    case GPG_ERR_NO_ERROR: break;
    case GPG_ERR_BAD_SIGNATURE: return OB_PGP_BAD_SIGNATURE;
    case GPG_ERR_NO_PUBKEY: return OB_PGP_OTHER_KEY;
    case GPG_ERR_KEY_EXPIRED: return OB_PGP_KEY_EXPIRED;
    case GPG_ERR_CERT_REVOKED: return OB_PGP_KEY_REVOKED;
    case GPG_ERR_SIG_EXPIRED: return OB_PGP_SIGNATURE_EXPIRED;
    default: return OB_PGP_DAMAGED;
    }
    if (signature->summary & GPGME_SIGSUM_KEY_REVOKED)
        return OB_PGP_KEY_REVOKED;
    if (signature->summary & GPGME_SIGSUM_KEY_EXPIRED)
        return OB_PGP_KEY_EXPIRED;
    if (signature->summary & GPGME_SIGSUM_SIG_EXPIRED)
        return OB_PGP_SIGNATURE_EXPIRED;
    /* Only the key file's keys are in this keyring: a good signature whose
     * key is found there was made by one of them. */
    gpgme_key_t key = NULL;
    if (signature->fpr == NULL || gpgme_get_key(session->gpg, signature->fpr, &key, 0) != 0 ||
        key == NULL)
        return OB_PGP_OTHER_KEY;
    copy_fingerprint(fingerprint, key->fpr);
    gpgme_key_unref(key);
    return OB_PGP_GOOD;
}

/* Which refusal outweighs which when a message holds several signatures:
 * any bad one refuses the whole; else one good one accepts. */
static int verdict_rank(enum ob_pgp_verdict verdict)
{
    static const int rank[] = {
        [OB_PGP_BAD_SIGNATURE] = 7,     [OB_PGP_GOOD] = 6,
        [OB_PGP_KEY_REVOKED] = 5,       [OB_PGP_KEY_EXPIRED] = 4,
        [OB_PGP_SIGNATURE_EXPIRED] = 3, [OB_PGP_OTHER_KEY] = 2,
        [OB_PGP_DAMAGED] = 1,           [OB_PGP_UNSIGNED] = 0,
    };
    return rank[verdict];
}

static enum ob_status refuse(struct ob_context *ctx, enum ob_pgp_verdict verdict, const char *what,
                             const char *keyfile, const char *other_key, const char *detail)
{
    switch (verdict) {
    case OB_PGP_UNSIGNED:
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("'%s' is not signed: refused (only what the key in '%s' signed "
                                 "is accepted)"),
                               what, keyfile);
    case OB_PGP_BAD_SIGNATURE:
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("'%s' was changed after it was signed (bad signature): refused"),
                               what);
    case OB_PGP_OTHER_KEY:
        /* TRANSLATORS: the file, the id of the key that signed it, the key file. */
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("'%s' is signed by another key (%s), not by the key in '%s': "
                                 "refused"),
                               what, other_key, keyfile);
    case OB_PGP_KEY_EXPIRED:
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("'%s' is signed by the key in '%s', but that key has expired: "
                                 "refused"),
                               what, keyfile);
    case OB_PGP_KEY_REVOKED:
        return ob_context_fail(ctx, OB_ERR_PARSE,
                               _("'%s' is signed by the key in '%s', but that key was revoked: "
                                 "refused"),
                               what, keyfile);
    case OB_PGP_SIGNATURE_EXPIRED:
        return ob_context_fail(ctx, OB_ERR_PARSE, _("the signature of '%s' has expired: refused"),
                               what);
    case OB_PGP_DAMAGED:
    case OB_PGP_GOOD: break;
    }
    /* TRANSLATORS: the file, then GnuPG's reason, in English. */
    return ob_context_fail(ctx, OB_ERR_PARSE,
                           _("'%s' is damaged or was changed after it was signed (%s): refused"),
                           what, detail);
}

enum ob_status ob_pgp_verify(struct ob_context *ctx, const void *signed_data, size_t length,
                             const char *what, const char *keyfile, size_t plain_max,
                             unsigned char **plain, size_t *plain_length,
                             char fingerprint[OB_PGP_FINGERPRINT_SIZE],
                             enum ob_pgp_verdict *verdict)
{
    *plain = NULL;
    *plain_length = 0;
    copy_fingerprint(fingerprint, "");
    enum ob_pgp_verdict outcome = OB_PGP_DAMAGED;
    struct pgp_session session;
    struct capped_sink sink = {.over = false};
    core_buffer_init(&sink.buffer, plain_max);
    struct gpgme_data_cbs callbacks = {.write = sink_write};
    gpgme_data_t input = NULL, output = NULL;
    char signer[OB_PGP_FINGERPRINT_SIZE] = "", other_key[OB_PGP_FINGERPRINT_SIZE] = "";
    const char *detail = "";
    enum ob_status status = session_open(&session, ctx);
    if (status != OB_OK)
        goto done;
    if ((status = import_keyfile(&session, keyfile)) != OB_OK)
        goto out;
    gpgme_error_t error = gpgme_data_new_from_mem(&input, signed_data, length, 0);
    if (error == 0)
        error = gpgme_data_new_from_cbs(&output, &callbacks, &sink);
    if (error != 0) {
        status = gpg_fail(ctx, error, STEP_VERIFY);
        goto out;
    }
    error = gpgme_op_verify(session.gpg, input, NULL, output);
    if (sink.over) {
        status = ob_context_fail(ctx, OB_ERR_LIMIT,
                                 _("'%s': the signed content is larger than %zu MiB: refused"),
                                 what, plain_max >> 20);
        goto out;
    }
    gpgme_verify_result_t result = gpgme_op_verify_result(session.gpg);
    /* A file that starts as a signed message but yields no signature was
     * damaged or changed; one that does not is simply not signed. */
    gpgme_data_seek(input, 0, SEEK_SET);
    gpgme_data_type_t type = gpgme_data_identify(input, 0);
    bool looks_signed = type == GPGME_DATA_TYPE_PGP_SIGNED || type == GPGME_DATA_TYPE_PGP_OTHER ||
                        type == GPGME_DATA_TYPE_PGP_ENCRYPTED;
    if (error != 0 || result == NULL || result->signatures == NULL) {
        outcome = looks_signed ? OB_PGP_DAMAGED : OB_PGP_UNSIGNED;
        detail = error != 0 ? gpgme_strerror(error) : _("no signature in it");
    } else {
        outcome = OB_PGP_UNSIGNED;
        for (gpgme_signature_t signature = result->signatures; signature != NULL;
             signature = signature->next) {
            char key[OB_PGP_FINGERPRINT_SIZE] = "";
            enum ob_pgp_verdict one = signature_verdict(&session, signature, key);
            if (one == OB_PGP_GOOD && signer[0] == '\0')
                copy_fingerprint(signer, key);
            if (one == OB_PGP_OTHER_KEY && other_key[0] == '\0')
                copy_fingerprint(other_key, signature->fpr);
            if (one == OB_PGP_DAMAGED)
                detail = gpgme_strerror(signature->status);
            if (verdict_rank(one) > verdict_rank(outcome))
                outcome = one;
        }
    }
    if (outcome != OB_PGP_GOOD) {
        status = refuse(ctx, outcome, what, keyfile, other_key, detail);
        goto out;
    }
    *plain_length = sink.buffer.length;
    if (core_buffer_append(&sink.buffer, "", 0) != OB_OK) {
        status = OB_ERR_NOMEM;
        goto out;
    }
    *plain = sink.buffer.data; /* detached from the sink */
    sink.buffer.data = NULL;
    copy_fingerprint(fingerprint, signer);
out:
    gpgme_data_release(output);
    gpgme_data_release(input);
    session_close(&session);
done:
    core_buffer_release(&sink.buffer);
    if (verdict != NULL)
        *verdict = status == OB_OK ? OB_PGP_GOOD : outcome;
    return status;
}
