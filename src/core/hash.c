/* SPDX-License-Identifier: Apache-2.0 */
/* Adapter over OpenSSL libcrypto (hashes, base64): the only file that includes OpenSSL. */
#include "core/hash.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

struct ob_hasher {
    EVP_MD_CTX *ctx[3];
    const EVP_MD *md[3];
};

void core_hasher_free(struct ob_hasher *hasher)
{
    if (hasher == NULL)
        return;
    for (int i = 0; i < 3; i++)
        EVP_MD_CTX_free(hasher->ctx[i]);
    free(hasher);
}

enum ob_status core_hasher_new(struct ob_hasher **out)
{
    *out = NULL;
    struct ob_hasher *hasher = calloc(1, sizeof(*hasher));
    if (hasher == NULL)
        return OB_ERR_NOMEM;
    hasher->md[0] = EVP_md5();
    hasher->md[1] = EVP_sha1();
    hasher->md[2] = EVP_sha256();
    for (int i = 0; i < 3; i++) {
        hasher->ctx[i] = EVP_MD_CTX_new();
        if (hasher->ctx[i] == NULL || hasher->md[i] == NULL) {
            core_hasher_free(hasher);
            return OB_ERR_NOMEM;
        }
    }
    *out = hasher;
    return OB_OK;
}

enum ob_status core_hasher_digest(struct ob_hasher *hasher, const void *data, size_t length,
                                  struct ob_digests *out)
{
    unsigned char *targets[3] = {out->md5, out->sha1, out->sha256};
    /* Interleave in 64 KiB slices so the data is read from cache by the
     * second and third hash rather than from memory again. */
    const size_t slice = 64 * 1024;
    for (int i = 0; i < 3; i++)
        if (EVP_DigestInit_ex(hasher->ctx[i], hasher->md[i], NULL) != 1)
            return OB_ERR_INTERNAL;
    const unsigned char *p = data;
    for (size_t done = 0; done < length; done += slice) {
        size_t n = length - done < slice ? length - done : slice;
        for (int i = 0; i < 3; i++)
            if (EVP_DigestUpdate(hasher->ctx[i], p + done, n) != 1)
                return OB_ERR_INTERNAL;
    }
    for (int i = 0; i < 3; i++)
        if (EVP_DigestFinal_ex(hasher->ctx[i], targets[i], NULL) != 1)
            return OB_ERR_INTERNAL;
    return OB_OK;
}

enum ob_status core_hasher_sha256(struct ob_hasher *hasher, const void *data, size_t length,
                                  unsigned char *out)
{
    if (EVP_DigestInit_ex(hasher->ctx[2], hasher->md[2], NULL) != 1 ||
        EVP_DigestUpdate(hasher->ctx[2], data, length) != 1 ||
        EVP_DigestFinal_ex(hasher->ctx[2], out, NULL) != 1)
        return OB_ERR_INTERNAL;
    return OB_OK;
}

enum ob_status core_sha256(const void *data, size_t length, unsigned char *out)
{
    struct ob_hasher *hasher = NULL;
    enum ob_status status = core_hasher_new(&hasher);
    if (status == OB_OK)
        status = core_hasher_sha256(hasher, data, length, out);
    core_hasher_free(hasher);
    return status;
}

enum ob_status core_hasher_stream_begin(struct ob_hasher *hasher, enum core_digest digest)
{
    return EVP_DigestInit_ex(hasher->ctx[digest], hasher->md[digest], NULL) == 1 ? OB_OK
                                                                                 : OB_ERR_INTERNAL;
}

enum ob_status core_hasher_stream_update(struct ob_hasher *hasher, enum core_digest digest,
                                         const void *data, size_t length)
{
    return EVP_DigestUpdate(hasher->ctx[digest], data, length) == 1 ? OB_OK : OB_ERR_INTERNAL;
}

enum ob_status core_hasher_stream_finish(struct ob_hasher *hasher, enum core_digest digest,
                                         unsigned char *out)
{
    return EVP_DigestFinal_ex(hasher->ctx[digest], out, NULL) == 1 ? OB_OK : OB_ERR_INTERNAL;
}

enum ob_status core_base64_decode(const char *text, size_t length, unsigned char *out,
                                  size_t *decoded)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    *decoded = 0;
    /* OpenSSL skips white space and reads '=' anywhere as a zero, so the
     * text is checked here: letters of the alphabet, then either no
     * padding or exactly what completes the last group. */
    size_t letters = strspn(text, alphabet);
    if (letters > length)
        letters = length;
    size_t padding = length - letters;
    if (letters % 4 == 1 || strspn(text + letters, "=") < padding ||
        (padding != 0 && padding != (4 - letters % 4) % 4) || (padding != 0 && letters % 4 == 0))
        return OB_ERR_PARSE;
    /* EVP_DecodeBlock wants whole groups of four and counts the bytes the
     * padding stands for, so pad here and take those back after. */
    size_t padded = (letters + 3) / 4 * 4, pad = padded - letters;
    if (padded > INT_MAX)
        return OB_ERR_LIMIT;
    unsigned char *group = malloc(padded + 1);
    if (group == NULL)
        return OB_ERR_NOMEM;
    memcpy(group, text, letters);
    memset(group + letters, '=', pad);
    int count = EVP_DecodeBlock(out, group, (int)padded);
    free(group);
    if (count < 0 || (size_t)count < pad)
        return OB_ERR_PARSE;
    *decoded = (size_t)count - pad;
    return OB_OK;
}
