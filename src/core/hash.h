/* SPDX-License-Identifier: Apache-2.0 */
/* Hash adapter: MD5, SHA-1 and SHA-256 in one pass, over OpenSSL libcrypto. */
#ifndef OB_CORE_HASH_H
#define OB_CORE_HASH_H

#include <stdbool.h>
#include <stddef.h>

#include "oberig/core.h"

#define OB_MD5_LEN 16
#define OB_SHA1_LEN 20
#define OB_SHA256_LEN 32

struct ob_digests {
    unsigned char md5[OB_MD5_LEN];
    unsigned char sha1[OB_SHA1_LEN];
    unsigned char sha256[OB_SHA256_LEN];
};

/* A reusable hasher; one per thread. */
struct ob_hasher;

enum ob_status core_hasher_new(struct ob_hasher **out) OB_WARN_UNUSED;
void core_hasher_free(struct ob_hasher *hasher);

/* Computes all three digests of `data`. */
enum ob_status core_hasher_digest(struct ob_hasher *hasher, const void *data, size_t length,
                                  struct ob_digests *out) OB_WARN_UNUSED;

/* Computes only the SHA-256 of `data` into `out` (OB_SHA256_LEN bytes). */
enum ob_status core_hasher_sha256(struct ob_hasher *hasher, const void *data, size_t length,
                                  unsigned char *out) OB_WARN_UNUSED;

/* The SHA-256 of `data` into `out` (OB_SHA256_LEN bytes) with a hasher made
 * for it: for a digest taken now and then, where keeping a hasher is not
 * worth it. Errors: OB_ERR_NOMEM, OB_ERR_INTERNAL. */
enum ob_status core_sha256(const void *data, size_t length, unsigned char *out) OB_WARN_UNUSED;

/* The digests a hasher computes, in the order of its states. */
enum core_digest { CORE_DIGEST_MD5, CORE_DIGEST_SHA1, CORE_DIGEST_SHA256 };

/* One digest of data given in pieces: begin, update with each piece, then
 * finish into `out` (OB_MD5_LEN, OB_SHA1_LEN or OB_SHA256_LEN bytes). Uses
 * that digest's state of the hasher only, so not to be mixed with other
 * calls for the same digest in between. */
enum ob_status core_hasher_stream_begin(struct ob_hasher *hasher,
                                        enum core_digest digest) OB_WARN_UNUSED;
enum ob_status core_hasher_stream_update(struct ob_hasher *hasher, enum core_digest digest,
                                         const void *data, size_t length) OB_WARN_UNUSED;
enum ob_status core_hasher_stream_finish(struct ob_hasher *hasher, enum core_digest digest,
                                         unsigned char *out) OB_WARN_UNUSED;

/* Decodes standard base64 (RFC 4648 alphabet; '=' padding, which may be
 * left out but is then not partial) into `out`, which has room for
 * length * 3 / 4 + 3 bytes; *decoded gets the number of bytes.
 * Errors: OB_ERR_PARSE when `text` is not base64 (other characters, white
 * space included, or wrong padding), OB_ERR_NOMEM. */
enum ob_status core_base64_decode(const char *text, size_t length, unsigned char *out,
                                  size_t *decoded) OB_WARN_UNUSED;

#endif
