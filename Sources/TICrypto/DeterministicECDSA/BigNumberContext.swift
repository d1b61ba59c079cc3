// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Owns one `BN_CTX` (OpenSSL's scratch space for big-number arithmetic) and frees it on deinit.
final class BigNumberContext {
    let pointer: OpaquePointer

    /// A fresh context.
    init() throws(TICryptoError) {
        guard let context = BN_CTX_new() else {
            throw .openSSLFailure(.openSSL, "BN_CTX_new failed")
        }
        self.pointer = context
    }

    deinit {
        BN_CTX_free(self.pointer)
    }
}

extension BigNumber {
    /// A new, zero-valued number that is cleared when freed.
    static func zero() throws(TICryptoError) -> BigNumber {
        guard let number = BN_secure_new() ?? BN_new() else {
            throw .openSSLFailure(.openSSL, "BN_new failed")
        }
        return BigNumber(taking: number)
    }

    /// Whether the number is zero.
    var isZero: Bool { BN_is_zero(self.pointer) == 1 }
}
