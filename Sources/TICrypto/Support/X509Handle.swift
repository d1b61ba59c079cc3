// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Owns one OpenSSL `X509`, used only to hand certificates to OpenSSL (CMS signing, PKCS#12); parsing lives in the
/// X509 folder.
// @unchecked Sendable: the certificate is never mutated after decoding; OpenSSL 3 guards its lazily filled caches.
final class X509Handle: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Decodes a DER certificate; trailing bytes are refused.
    convenience init(der: [UInt8]) throws(TICryptoError) {
        let decoded = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            guard let start = buffer.baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = start
            guard let certificate = d2i_X509(nil, &cursor, buffer.count) else { return nil }
            guard let cursor, cursor - start == buffer.count else {
                X509_free(certificate)
                return nil
            }
            return certificate
        }
        guard let decoded else {
            throw .openSSLFailure(.invalidEncoding, "not a DER certificate")
        }
        self.init(taking: decoded)
    }

    deinit {
        X509_free(self.pointer)
    }

    /// The DER encoding of an OpenSSL certificate (not owned).
    static func der(of certificate: OpaquePointer) throws(TICryptoError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(certificate, &output)
        guard length > 0, let output else {
            throw .openSSLFailure(.openSSL, "i2d_X509 failed")
        }
        defer { COpenSSL_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }
}
