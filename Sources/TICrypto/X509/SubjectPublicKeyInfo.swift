// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

/// `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7): what OpenSSL needs to load the key (``derEncoded``) plus the
/// algorithm and curve to decide quickly whether the key is acceptable (brainpoolP256r1 in the TI).
public struct SubjectPublicKeyInfo: Hashable, Sendable {
    /// The complete DER encoding (`d2i_PUBKEY` input).
    public let derEncoded: [UInt8]
    /// `algorithm.algorithm`, e.g. ``TelematikOID/ecPublicKey`` or ``TelematikOID/rsaEncryption``.
    public let algorithm: OID
    /// For EC keys, the named curve from `algorithm.parameters` (RFC 5480 §2.1.1), e.g. ``TelematikOID/brainpoolP256r1``.
    public let namedCurve: OID?
    /// The `subjectPublicKey` BIT STRING content: the EC point (X9.62 encoding) or the DER `RSAPublicKey`.
    public let publicKey: [UInt8]

    /// Whether the key is an EC key on brainpoolP256r1 (RFC 5639), the curve of the TI's ECC certificates.
    public var isBrainpoolP256r1: Bool { algorithm == TelematikOID.ecPublicKey && namedCurve == TelematikOID.brainpoolP256r1 }
}

extension SubjectPublicKeyInfo {
    /// Parses the element.
    init(node: ASN1Node) throws(TICryptoError) {
        var spki = try DERCursor(node, .sequence, "SubjectPublicKeyInfo")
        let algorithm = try AlgorithmIdentifier(node: try spki.next(.sequence, "algorithm"), context: "SubjectPublicKeyInfo.algorithm")
        let key = try DERDecoding.bitString(try spki.next(.bitString, "subjectPublicKey"), "SubjectPublicKeyInfo.subjectPublicKey")
        try spki.finish()
        var curve: OID?
        if algorithm.oid == TelematikOID.ecPublicKey {
            // RFC 5480 §2.1.1: ECParameters is a CHOICE; RFC 5480 allows only namedCurve for PKIX.
            guard let parameters = algorithm.parameters, parameters.identifier == .objectIdentifier else {
                throw TICryptoError(.invalidStructure, reason: "SubjectPublicKeyInfo: EC key without namedCurve")
            }
            curve = try DERDecoding.oid(parameters, "SubjectPublicKeyInfo.namedCurve")
        }
        guard key.unusedBits == 0 else {
            throw TICryptoError(.invalidStructure, reason: "SubjectPublicKeyInfo: key BIT STRING with unused bits")
        }
        self.derEncoded = Array(node.encodedBytes)
        self.algorithm = algorithm.oid
        self.namedCurve = curve
        self.publicKey = key.bytes
    }
}

/// `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }` (RFC 5280 §4.1.1.2).
struct AlgorithmIdentifier: Hashable {
    /// The algorithm.
    let oid: OID
    /// The parameters element, if present.
    let parameters: ASN1Node?
    /// The complete DER encoding (compared byte for byte with the outer `signatureAlgorithm`).
    let der: ArraySlice<UInt8>

    init(node: ASN1Node, context: String) throws(TICryptoError) {
        var cursor = try DERCursor(node, .sequence, context)
        oid = try DERDecoding.oid(try cursor.next(.objectIdentifier, "algorithm"), context)
        parameters = cursor.isAtEnd ? nil : try cursor.next("parameters")
        try cursor.finish()
        der = node.encodedBytes
    }
}
