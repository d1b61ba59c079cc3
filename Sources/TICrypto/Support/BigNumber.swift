// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Owns one `BIGNUM` and clears and frees it on deinit (it may hold a private scalar).
final class BigNumber {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// The non-negative number with big-endian magnitude `bytes`.
    convenience init(bytes: [UInt8]) throws(TICryptoError) {
        guard let number = BN_bin2bn(bytes, Int32(clamping: bytes.count), nil) else {
            throw .openSSLFailure(.openSSL, "BN_bin2bn failed")
        }
        self.init(taking: number)
    }

    deinit {
        BN_clear_free(self.pointer)
    }

    /// The magnitude as exactly `width` big-endian bytes (left-padded with zeros), or nil when it does not fit.
    func bytes(paddedTo width: Int) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: width)
        guard BN_bn2binpad(self.pointer, &output, Int32(clamping: width)) == Int32(clamping: width) else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        return output
    }
}
