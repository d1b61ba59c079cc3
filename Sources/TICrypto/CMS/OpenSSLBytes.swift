// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Copies out of OpenSSL's `ASN1_STRING` and `ASN1_OBJECT` values.
enum OpenSSLBytes {
    /// The content octets of an `ASN1_STRING` (OCTET STRING, BIT STRING, …); not owned.
    static func of(_ string: UnsafeMutablePointer<ASN1_STRING>) -> [UInt8] {
        let length = Int(ASN1_STRING_length(string))
        guard length > 0, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    /// The DER of an `X509_ATTRIBUTE` (RFC 5652 §5.3 `Attribute`); not owned.
    static func attributeDER(_ attribute: OpaquePointer) throws(TICryptoError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509_ATTRIBUTE(attribute, &output)
        guard length > 0, let output else {
            throw .openSSLFailure(.invalidCMS, "i2d_X509_ATTRIBUTE failed")
        }
        defer { COpenSSL_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }
}

extension OID {
    /// The OID of an OpenSSL `ASN1_OBJECT` (not owned), or nil when it has no numeric form.
    init?(openSSLObject object: OpaquePointer) {
        var buffer = [CChar](repeating: 0, count: 256)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        guard length > 0, Int(length) < buffer.count else { return nil }
        let text = String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.init(dotted: text)
    }
}
