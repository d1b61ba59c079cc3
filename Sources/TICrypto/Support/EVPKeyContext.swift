// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Owns one `EVP_PKEY_CTX` and frees it on deinit. Used for a single operation, never shared.
final class EVPKeyContext {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// A context for the key type `name` ("EC"), for key generation or `EVP_PKEY_fromdata`.
    convenience init(algorithm name: String) throws(TICryptoError) {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, name, nil) else {
            throw .openSSLFailure(.openSSL, "EVP_PKEY_CTX_new_from_name(\(name)) failed")
        }
        self.init(taking: context)
    }

    deinit {
        EVP_PKEY_CTX_free(self.pointer)
    }
}
