// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL
internal import Foundation
internal import SwiftASN1

/// The signed attributes of one SignerInfo (RFC 5652 §5.3), read through OpenSSL and decoded in Swift.
struct CMSSignedAttributes {
    /// The bytes the signature covers (RFC 5652 §5.4): the `SignedAttributes` SET OF with the universal SET tag 0x31
    /// instead of the IMPLICIT [0], elements in received order, each element as OpenSSL re-encodes it. This is
    /// byte-for-byte what OpenSSL's `CMS_SignerInfo_verify` hashes (its `CMS_Attributes_Verify` template keeps the
    /// received order), and equals the input bytes whenever the producer wrote DER, as RFC 5652 §5.3 requires.
    let der: [UInt8]
    /// The attribute types in received order.
    let types: [OID]
    /// The messageDigest value (RFC 5652 §11.2).
    let messageDigest: [UInt8]
    /// The signingTime value (RFC 5652 §11.3), if present.
    let signingTime: Date?
    /// The DER of the SigningCertificateV2 value (RFC 5035 §3), if present.
    let signingCertificateV2: [UInt8]?

    /// Reads the signed attributes of `signerInfo` (not owned).
    /// - Throws: `unsupportedCMS` without signed attributes; `invalidCMS` when one is malformed or a single-valued one
    ///   (RFC 5652 §11) is repeated.
    init(signerInfo: OpaquePointer) throws(TICryptoError) {
        let count = CMS_signed_get_attr_count(signerInfo)
        guard count > 0 else {
            throw TICryptoError(.unsupportedCMS, reason: "SignerInfo without signed attributes (not CAdES)")
        }
        var body: [UInt8] = []
        var types: [OID] = []
        var values: [OID: ASN1Node] = [:]
        for index in 0..<count {
            guard let attribute = CMS_signed_get_attr(signerInfo, index) else {
                throw .openSSLFailure(.invalidCMS, "signed attribute \(index) missing")
            }
            let encoded = try OpenSSLBytes.attributeDER(attribute)
            body += encoded
            let (type, value) = try Self.decode(encoded)
            types.append(type)
            if [CMSOID.contentType, CMSOID.messageDigest, CMSOID.signingTime, CMSOID.signingCertificateV2].contains(type) {
                guard values[type] == nil else {
                    throw TICryptoError(.invalidCMS, reason: "signed attribute \(type) appears twice")
                }
                values[type] = value
            }
        }
        guard let digestNode = values[CMSOID.messageDigest] else {
            throw TICryptoError(.invalidCMS, reason: "signed attributes lack messageDigest")
        }
        self.der = [0x31] + DERLength.encode(body.count) + body
        self.types = types
        self.messageDigest = try Self.mapped { () throws(TICryptoError) in try DERDecoding.octetString(digestNode, "messageDigest") }
        if let timeNode = values[CMSOID.signingTime] {
            self.signingTime = try Self.mapped { () throws(TICryptoError) in try DERDecoding.time(timeNode, "signingTime") }
        } else {
            self.signingTime = nil
        }
        self.signingCertificateV2 = values[CMSOID.signingCertificateV2].map { Array($0.encodedBytes) }
    }

    /// `Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }`: the type and the
    /// first value.
    private static func decode(_ encoded: [UInt8]) throws(TICryptoError) -> (OID, ASN1Node) {
        try mapped { () throws(TICryptoError) in
            var attribute = try DERCursor(try DERDecoding.parse(encoded[...], "Attribute"), .sequence, "Attribute")
            let type = try DERDecoding.oid(try attribute.next(.objectIdentifier, "attrType"), "Attribute.attrType")
            var values = try DERCursor(try attribute.next(.set, "attrValues"), .set, "Attribute.attrValues")
            let first = try values.next("AttributeValue")
            try attribute.finish()
            return (type, first)
        }
    }

    /// Runs a DER decoder and reports its error as `invalidCMS`.
    static func mapped<T>(_ body: () throws(TICryptoError) -> T) throws(TICryptoError) -> T {
        do {
            return try body()
        } catch {
            throw TICryptoError(.invalidCMS, reason: error.description)
        }
    }
}

/// DER definite lengths (X.690 §8.1.3, §10.1).
enum DERLength {
    /// The length octets for `length` content octets.
    static func encode(_ length: Int) -> [UInt8] {
        guard length >= 0x80 else { return [UInt8(length)] }
        var bytes: [UInt8] = []
        var rest = length
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}
