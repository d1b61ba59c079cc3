// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Owns one memory `BIO` and frees it on deinit. Used for a single operation, never shared.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty, writable memory BIO.
    init() throws(TICryptoError) {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw .openSSLFailure(.openSSL, "BIO_new failed")
        }
        self.pointer = bio
    }

    /// A memory BIO holding a copy of `bytes`, for reading.
    convenience init(_ bytes: [UInt8]) throws(TICryptoError) {
        try self.init()
        guard bytes.isEmpty || BIO_write(self.pointer, bytes, Int32(clamping: bytes.count)) == Int32(clamping: bytes.count) else {
            throw .openSSLFailure(.openSSL, "BIO_write failed")
        }
    }

    deinit {
        BIO_free(self.pointer)
    }

    /// Everything written to the BIO so far.
    var contents: [UInt8] {
        var data: UnsafeMutablePointer<CChar>?
        let length = COpenSSL_BIO_get_mem_data(self.pointer, &data)
        guard length > 0, let data else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }
}
