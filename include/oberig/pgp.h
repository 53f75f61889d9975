/* SPDX-License-Identifier: Apache-2.0 */
/* OpenPGP for the hand-off: encrypt a report to a helpline's public key,
 * sign and verify indicator bundles. Every call works in a temporary GnuPG
 * home of its own (removed afterwards, with any gpg-agent it started), so
 * the user's own keyring (~/.gnupg, $GNUPGHOME) is never read or written. */
#ifndef OBERIG_PGP_H
#define OBERIG_PGP_H

#include <stddef.h>

#include "oberig/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define OB_PGP_KEYFILE_MAX ((size_t)16 << 20) /* largest key file read */
#define OB_PGP_FINGERPRINT_SIZE 72            /* hex fingerprint (v4: 40, v5: 64) and NUL */
#define OB_PGP_SHA256_HEX_SIZE 65             /* 64 hex digits and NUL */

/* Encrypts `length` bytes at `data` to every public key in `keyfile`
 * (armored or binary, as `gpg --export` writes it) and writes the binary
 * OpenPGP message to `path` atomically: a temporary file in the same folder,
 * renamed over `path` once complete. The plain data goes to gpg through a
 * pipe and is never written to disk. `sha256_hex` receives the SHA-256 of
 * the encrypted file, in lower-case hex. Keys are used as given (no web of
 * trust in the temporary keyring). Errors: OB_ERR_NOT_FOUND / OB_ERR_IO
 * (key file, output), OB_ERR_PARSE (no usable public key in `keyfile`),
 * OB_ERR_LIMIT (key file too large), OB_ERR_INTERNAL (gpg missing or
 * failing); the reason is in ctx. Thread-safe. */
enum ob_status ob_pgp_encrypt_to_file(struct ob_context *ctx, const void *data, size_t length,
                                      const char *keyfile, const char *path,
                                      char sha256_hex[OB_PGP_SHA256_HEX_SIZE]) OB_WARN_UNUSED;

/* Signs `length` bytes at `data` with the secret key in `secret_keyfile`
 * (as `gpg --export-secret-keys` writes it; the first secret key in it
 * that can sign is used; only keys without a passphrase are supported:
 * no passphrase is ever asked for) and writes the signed message (binary OpenPGP, the data
 * inside) to `path` atomically. `fingerprint` (may be NULL) receives the
 * signing key's primary fingerprint. Errors as for encryption, and
 * OB_ERR_UNSUPPORTED for a key protected by a passphrase. Thread-safe. */
enum ob_status ob_pgp_sign_to_file(struct ob_context *ctx, const void *data, size_t length,
                                   const char *secret_keyfile, const char *path,
                                   char fingerprint[OB_PGP_FINGERPRINT_SIZE]) OB_WARN_UNUSED;

/* Why a signed message was refused, or OB_PGP_GOOD. */
enum ob_pgp_verdict {
    OB_PGP_GOOD,              /* a good signature by a key of the key file */
    OB_PGP_UNSIGNED,          /* no OpenPGP signature at all */
    OB_PGP_BAD_SIGNATURE,     /* signed, but the data was changed after signing */
    OB_PGP_OTHER_KEY,         /* signed by a key that is not in the key file */
    OB_PGP_KEY_EXPIRED,       /* signed by the key file's key, which has expired */
    OB_PGP_KEY_REVOKED,       /* signed by the key file's key, which was revoked */
    OB_PGP_SIGNATURE_EXPIRED, /* the signature itself has expired */
    OB_PGP_DAMAGED            /* not a readable OpenPGP message (truncated, altered) */
};

/* Verifies a signed message as ob_pgp_sign_to_file writes it against the
 * public key(s) in `keyfile`. On OB_OK a good signature by one of them
 * covers the data: *plain (malloc'd, NUL-terminated, the caller frees it)
 * holds the signed content and *plain_length its length, and `fingerprint`
 * the signer's primary fingerprint. Anything else leaves *plain NULL, sets
 * *verdict (may be NULL) to the reason and returns OB_ERR_PARSE with a
 * message in ctx naming `what` (e.g. the file's path). Content longer than
 * `plain_max` bytes is OB_ERR_LIMIT. Nothing of the content is read or
 * returned before the signature is known to be good. Thread-safe. */
enum ob_status ob_pgp_verify(struct ob_context *ctx, const void *signed_data, size_t length,
                             const char *what, const char *keyfile, size_t plain_max,
                             unsigned char **plain, size_t *plain_length,
                             char fingerprint[OB_PGP_FINGERPRINT_SIZE],
                             enum ob_pgp_verdict *verdict) OB_WARN_UNUSED;

#ifdef __cplusplus
}
#endif
#endif
