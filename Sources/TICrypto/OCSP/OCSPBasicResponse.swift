// SPDX-License-Identifier: Apache-2.0

public import Foundation
internal import SwiftASN1

/// `BasicOCSPResponse` (RFC 6960 §4.2.1), the only response type in use (id-pkix-ocsp-basic).
///
/// ```
/// BasicOCSPResponse ::= SEQUENCE { tbsResponseData ResponseData, signatureAlgorithm AlgorithmIdentifier,
///     signature BIT STRING, certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
/// ResponseData ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, responderID ResponderID,
///     producedAt GeneralizedTime, responses SEQUENCE OF SingleResponse, responseExtensions [1] EXPLICIT Extensions OPTIONAL }
/// ```
public struct OCSPBasicResponse: Hashable, Sendable {
    /// `tbsResponseData` exactly as encoded: the bytes the responder signed.
    public let tbsResponseDataDER: [UInt8]
    /// `responderID`.
    public let responderID: OCSPResponderID
    /// `producedAt`: when the responder signed the response.
    public let producedAt: Date
    /// `responses`, in order.
    public let responses: [OCSPSingleResponse]
    /// The nonce of `responseExtensions` (content of the inner OCTET STRING); nil without.
    public let nonce: [UInt8]?
    /// `signatureAlgorithm.algorithm`, e.g. ecdsa-with-SHA256.
    public let signatureAlgorithm: OID
    /// The DER of `signatureAlgorithm` including parameters.
    public let signatureAlgorithmDER: [UInt8]
    /// `signature` BIT STRING content.
    public let signature: [UInt8]
    /// `certs`: certificates that help to verify the signature (a delegated responder's certificate), in order.
    public let certificates: [TelematikCertificate]

    init(derEncoded bytes: ArraySlice<UInt8>) throws(TICryptoError) {
        let root = try DERDecoding.parse(bytes, "BasicOCSPResponse")
        var basic = try DERCursor(root, .sequence, "BasicOCSPResponse")
        let tbsNode = try basic.next(.sequence, "tbsResponseData")
        let algorithm = try AlgorithmIdentifier(node: try basic.next(.sequence, "signatureAlgorithm"), context: "signatureAlgorithm")
        let signature = try DERDecoding.bitString(try basic.next(.bitString, "signature"), "signature")
        guard signature.unusedBits == 0 else { throw TICryptoError(.invalidStructure, reason: "signature with unused bits") }
        var certificates: [TelematikCertificate] = []
        if let certsNode = basic.optional(.context(0)) {
            var explicit = try DERCursor(certsNode, .context(0), "certs")
            var sequence = try DERCursor(try explicit.next(.sequence, "certs"), .sequence, "certs")
            try explicit.finish()
            for node in sequence.rest() { certificates.append(try TelematikCertificate(derEncoded: Array(node.encodedBytes))) }
        }
        try basic.finish()

        var tbs = try DERCursor(tbsNode, .sequence, "ResponseData")
        if let versionNode = tbs.optional(.context(0)) {
            var explicit = try DERCursor(versionNode, .context(0), "ResponseData.version")
            let version = try DERDecoding.smallInteger(try explicit.next(.integer, "Version"), "ResponseData.version")
            try explicit.finish()
            guard version == 0 else { throw TICryptoError(.unsupportedVersion, reason: "OCSP response version \(version + 1)") }
        }
        let responderNode = try tbs.next("responderID")
        let responderID: OCSPResponderID
        switch responderNode.identifier {
        case .context(1):
            var explicit = try DERCursor(responderNode, .context(1), "byName")
            let name = try explicit.next(.sequence, "Name")
            _ = try DistinguishedName(node: name, context: "byName")
            try explicit.finish()
            responderID = .byName(Array(name.encodedBytes))
        case .context(2):
            var explicit = try DERCursor(responderNode, .context(2), "byKey")
            let hash = try DERDecoding.octetString(try explicit.next(.octetString, "KeyHash"), "byKey")
            try explicit.finish()
            guard hash.count == 20 else { throw TICryptoError(.invalidStructure, reason: "KeyHash must be a SHA-1 hash") }
            responderID = .byKey(hash)
        default:
            throw TICryptoError(.invalidTag, reason: "ResponderID: unexpected \(responderNode.identifier)")
        }
        let producedAt = try DERDecoding.time(try tbs.next(.generalizedTime, "producedAt"), "producedAt")
        var list = try DERCursor(try tbs.next(.sequence, "responses"), .sequence, "responses")
        var responses: [OCSPSingleResponse] = []
        for node in list.rest() { responses.append(try OCSPSingleResponse(node: node)) }
        var nonce: [UInt8]?
        if let extensions = tbs.optional(.context(1)) { nonce = try OCSPNonce.find(inExplicitExtensions: extensions, tag: 1) }
        try tbs.finish()

        self.tbsResponseDataDER = Array(tbsNode.encodedBytes)
        self.responderID = responderID
        self.producedAt = producedAt
        self.responses = responses
        self.nonce = nonce
        self.signatureAlgorithm = algorithm.oid
        self.signatureAlgorithmDER = Array(algorithm.der)
        self.signature = signature.bytes
        self.certificates = certificates
    }

    /// Whether the signature verifies with the key of `signer` (any algorithm the CMS code verifies).
    public func isSignature(by signer: TelematikCertificate) -> Bool {
        SignedObjectVerifier.verify(
            tbsDER: tbsResponseDataDER,
            algorithmDER: signatureAlgorithmDER,
            signature: signature,
            subjectPublicKeyInfoDER: signer.subjectPublicKeyInfo.derEncoded
        )
    }
}
