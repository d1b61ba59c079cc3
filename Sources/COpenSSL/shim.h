// SPDX-License-Identifier: Apache-2.0
//
// Umbrella header for the COpenSSL system library (OpenSSL 3, libssl-dev).
// Function-like macros are not importable into Swift; the static inline shims below stand in for the ones we use
// (see spec/swift-platform.md section 2).

#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/ocsp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/// `OPENSSL_free` is a macro over `CRYPTO_free`.
static inline void COpenSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

/// `BIO_get_mem_data` is a macro over `BIO_ctrl`; returns the length and sets `*data` to the buffer.
static inline long COpenSSL_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

/// `sk_X509_new_null` is a type-safe stack macro.
static inline STACK_OF(X509) *COpenSSL_sk_X509_new_null(void) {
    return sk_X509_new_null();
}

/// `sk_X509_push` is a type-safe stack macro; the stack takes ownership of `cert` on success.
static inline int COpenSSL_sk_X509_push(STACK_OF(X509) *stack, X509 *cert) {
    return sk_X509_push(stack, cert);
}

/// `sk_X509_num` is a type-safe stack macro.
static inline int COpenSSL_sk_X509_num(const STACK_OF(X509) *stack) {
    return sk_X509_num(stack);
}

/// `sk_X509_value` is a type-safe stack macro; the stack keeps ownership.
static inline X509 *COpenSSL_sk_X509_value(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}

/// `sk_X509_pop_free(stack, X509_free)` is a type-safe stack macro.
static inline void COpenSSL_sk_X509_pop_free(STACK_OF(X509) *stack) {
    sk_X509_pop_free(stack, X509_free);
}

/// `EVP_PKEY_KEYPAIR` (a composite macro): the selection for EVP_PKEY_fromdata of a private and public key.
static inline int COpenSSL_EVP_PKEY_KEYPAIR(void) {
    return EVP_PKEY_KEYPAIR;
}

/// `EVP_PKEY_PUBLIC_KEY` (a composite macro): the selection for EVP_PKEY_fromdata of a public key.
static inline int COpenSSL_EVP_PKEY_PUBLIC_KEY(void) {
    return EVP_PKEY_PUBLIC_KEY;
}

/// `sk_CMS_SignerInfo_num` is a type-safe stack macro.
static inline int COpenSSL_sk_CMS_SignerInfo_num(const STACK_OF(CMS_SignerInfo) *stack) {
    return sk_CMS_SignerInfo_num(stack);
}

/// `sk_CMS_SignerInfo_value` is a type-safe stack macro; the stack keeps ownership.
static inline CMS_SignerInfo *COpenSSL_sk_CMS_SignerInfo_value(const STACK_OF(CMS_SignerInfo) *stack, int index) {
    return sk_CMS_SignerInfo_value(stack, index);
}

#endif
