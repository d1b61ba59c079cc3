// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Owns one OpenSSL `CMS_ContentInfo` (RFC 5652 §3) and frees it on deinit. Used for a single operation, never shared.
final class CMSContentInfo {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Decodes one BER or DER `ContentInfo` (indefinite lengths and constructed OCTET STRINGs included, as
    /// `openssl cms -sign -stream` writes them); trailing bytes are refused.
    convenience init(berEncoded bytes: [UInt8]) throws(TICryptoError) {
        defer { OpenSSLErrorQueue.clear() }
        let decoded = bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            guard let start = buffer.baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = start
            guard let info = d2i_CMS_ContentInfo(nil, &cursor, buffer.count) else { return nil }
            guard let cursor, cursor - start == buffer.count else {
                CMS_ContentInfo_free(info)
                return nil
            }
            return info
        }
        guard let decoded else {
            throw .openSSLFailure(.invalidCMS, "not a BER/DER CMS ContentInfo (or trailing bytes)")
        }
        self.init(taking: decoded)
    }

    deinit {
        CMS_ContentInfo_free(self.pointer)
    }

    /// The DER encoding (OpenSSL re-encodes BER input as DER).
    func derEncoded() throws(TICryptoError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_CMS_ContentInfo(self.pointer, &output)
        guard length > 0, let output else {
            throw .openSSLFailure(.openSSL, "i2d_CMS_ContentInfo failed")
        }
        defer { COpenSSL_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }

    /// Whether the content type is `id-signedData` (RFC 5652 §5).
    var isSignedData: Bool {
        guard let type = CMS_get0_type(self.pointer) else { return false }
        return OBJ_obj2nid(type) == NID_pkcs7_signed
    }

    /// The only `SignerInfo`.
    /// - Throws: `unsupportedCMS` unless there is exactly one signer.
    func singleSignerInfo() throws(TICryptoError) -> OpaquePointer {
        guard let infos = CMS_get0_SignerInfos(self.pointer) else {
            throw .openSSLFailure(.invalidCMS, "no SignerInfos")
        }
        let count = COpenSSL_sk_CMS_SignerInfo_num(infos)
        guard count == 1, let info = COpenSSL_sk_CMS_SignerInfo_value(infos, 0) else {
            throw TICryptoError(.unsupportedCMS, reason: "expected exactly one SignerInfo, found \(count)")
        }
        return info
    }

    /// The embedded `eContent` octets, byte-exact (BER constructed OCTET STRING chunks are concatenated).
    /// - Throws: `unsupportedCMS` for detached content.
    func embeddedContent() throws(TICryptoError) -> [UInt8] {
        guard let slot = CMS_get0_content(self.pointer), let octets = slot.pointee else {
            throw TICryptoError(.unsupportedCMS, reason: "detached content (no eContent)")
        }
        return OpenSSLBytes.of(octets)
    }

    /// `eContentType` (RFC 5652 §5.2), for example id-data.
    func contentType() throws(TICryptoError) -> OID {
        guard let type = CMS_get0_eContentType(self.pointer), let oid = OID(openSSLObject: type) else {
            throw TICryptoError(.invalidCMS, reason: "no eContentType")
        }
        return oid
    }

    /// The DER of every certificate in `SignedData.certificates`, in order.
    func certificatesDER() throws(TICryptoError) -> [[UInt8]] {
        guard let stack = CMS_get1_certs(self.pointer) else {
            OpenSSLErrorQueue.clear()
            return []
        }
        defer { COpenSSL_sk_X509_pop_free(stack) }
        var result: [[UInt8]] = []
        for index in 0..<COpenSSL_sk_X509_num(stack) {
            guard let certificate = COpenSSL_sk_X509_value(stack, index) else { continue }
            result.append(try X509Handle.der(of: certificate))
        }
        return result
    }

    /// Binds each SignerInfo to its certificate among `SignedData.certificates` (by issuerAndSerialNumber or
    /// subjectKeyIdentifier, RFC 5652 §5.3) and returns the one of `signerInfo` (not owned).
    /// - Throws: `unsupportedCMS` when the signer certificate is not included.
    func signerCertificate(of signerInfo: OpaquePointer) throws(TICryptoError) -> OpaquePointer {
        _ = CMS_set1_signers_certs(self.pointer, nil, 0)
        OpenSSLErrorQueue.clear()
        var certificate: OpaquePointer?
        CMS_SignerInfo_get0_algs(signerInfo, nil, &certificate, nil, nil)
        guard let certificate else {
            throw TICryptoError(.unsupportedCMS, reason: "the signer certificate is not included in the CMS")
        }
        return certificate
    }
}
