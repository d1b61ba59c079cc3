// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Owns one `EVP_PKEY` and frees it on deinit.
// @unchecked Sendable: the key is never mutated after creation, and OpenSSL 3 allows concurrent use of a const EVP_PKEY.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(self.pointer)
    }

    /// A fresh operation context for this key.
    func makeContext() throws(TICryptoError) -> EVPKeyContext {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, self.pointer, nil) else {
            throw .openSSLFailure(.openSSL, "EVP_PKEY_CTX_new_from_pkey failed")
        }
        return EVPKeyContext(taking: context)
    }

    /// The UTF-8 string parameter `name`, or nil when the key has none.
    func stringParameter(_ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_utf8_string_param(self.pointer, name, &buffer, buffer.count, &length) == 1 else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The big-number parameter `name` as exactly `width` big-endian bytes, or nil when absent or wider than `width`.
    func bigNumberParameter(_ name: String, width: Int) -> [UInt8]? {
        var number: OpaquePointer?
        guard EVP_PKEY_get_bn_param(self.pointer, name, &number) == 1, let number else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        return BigNumber(taking: number).bytes(paddedTo: width)
    }
}
