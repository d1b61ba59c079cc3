// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

/// The nonce extension of OCSP requests and responses (RFC 6960 §4.4.1, RFC 8954): `extnValue` holds the DER of an
/// OCTET STRING with the nonce.
enum OCSPNonce {
    /// `Extensions` holding only the nonce extension.
    static func extensions(_ nonce: [UInt8]) -> [UInt8] {
        OCSPDERWriter.sequence([
            OCSPDERWriter.sequence([OCSPDERWriter.oid(OCSPOID.nonce), OCSPDERWriter.octetString(OCSPDERWriter.octetString(nonce))])
        ])
    }

    /// The nonce in `[tag] EXPLICIT Extensions`, or nil when there is none. A nonce value that is not an OCTET STRING
    /// (written by old implementations) is returned as it stands. Unknown critical extensions are refused.
    static func find(inExplicitExtensions node: ASN1Node, tag: UInt) throws(TICryptoError) -> [UInt8]? {
        var explicit = try DERCursor(node, .context(tag), "Extensions")
        var sequence = try DERCursor(try explicit.next(.sequence, "Extensions"), .sequence, "Extensions")
        try explicit.finish()
        var nonce: [UInt8]?
        for extensionNode in sequence.rest() {
            var cursor = try DERCursor(extensionNode, .sequence, "Extension")
            let oid = try DERDecoding.oid(try cursor.next(.objectIdentifier, "extnID"), "Extension.extnID")
            let critical = try cursor.optional(.boolean).map { (node) throws(TICryptoError) in try DERDecoding.boolean(node, "critical") }
            let value = try DERDecoding.octetString(try cursor.next(.octetString, "extnValue"), "Extension.extnValue")
            try cursor.finish()
            if oid == OCSPOID.nonce {
                if let inner = try? DERDecoding.parse(value[...], "nonce"), inner.identifier == .octetString {
                    nonce = try DERDecoding.octetString(inner, "nonce")
                } else {
                    nonce = value
                }
            } else if critical == true {
                throw TICryptoError(.invalidExtension, reason: "unknown critical OCSP extension \(oid)")
            }
        }
        return nonce
    }
}
