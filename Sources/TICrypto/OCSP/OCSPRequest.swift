// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

/// An unsigned OCSP request (RFC 6960 §4.1.1), as `openssl ocsp -reqout` writes it.
///
/// ```
/// OCSPRequest ::= SEQUENCE { tbsRequest TBSRequest, optionalSignature [0] EXPLICIT Signature OPTIONAL }
/// TBSRequest ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, requestorName [1] EXPLICIT GeneralName OPTIONAL,
///                           requestList SEQUENCE OF Request, requestExtensions [2] EXPLICIT Extensions OPTIONAL }
/// Request ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0] EXPLICIT Extensions OPTIONAL }
/// ```
public struct OCSPRequest: Hashable, Sendable {
    /// The certificates asked about (`requestList`), in order; at least one.
    public let certIDs: [OCSPCertID]
    /// The nonce (RFC 6960 §4.4.1, RFC 8954): the content of the OCTET STRING inside the extension value; nil without.
    public let nonce: [UInt8]?
    /// Whether the request carried `optionalSignature` (parsed requests only; the signature is not checked).
    public let isSigned: Bool

    /// A request for `certIDs` with an optional nonce.
    /// - Throws: `invalidParameter` for an empty list, or a nonce that is empty or longer than 128 bytes (RFC 8954 §2.1).
    public init(certIDs: [OCSPCertID], nonce: [UInt8]? = nil) throws(TICryptoError) {
        guard !certIDs.isEmpty else { throw TICryptoError(.invalidParameter, reason: "an OCSP request needs a CertID") }
        if let nonce, nonce.isEmpty || nonce.count > 128 {
            throw TICryptoError(.invalidParameter, reason: "nonce must have 1 to 128 bytes")
        }
        self.certIDs = certIDs
        self.nonce = nonce
        self.isSigned = false
    }

    /// The DER encoding (version v1 left out as DEFAULT, no requestor name, no signature).
    public var derEncoded: [UInt8] {
        var tbs = [OCSPDERWriter.sequence(certIDs.map { OCSPDERWriter.sequence([$0.derEncoded]) })]
        if let nonce {
            tbs.append(OCSPDERWriter.explicit(2, OCSPNonce.extensions(nonce)))
        }
        return OCSPDERWriter.sequence([OCSPDERWriter.sequence(tbs)])
    }

    /// Parses a DER `OCSPRequest`.
    /// - Throws: `invalidOCSPRequest` for anything malformed, a version other than v1, or an unknown CertID hash.
    public init(derEncoded: [UInt8]) throws(TICryptoError) {
        do throws(TICryptoError) {
            let root = try DERDecoding.parse(derEncoded[...], "OCSPRequest")
            var request = try DERCursor(root, .sequence, "OCSPRequest")
            var tbs = try DERCursor(try request.next(.sequence, "tbsRequest"), .sequence, "TBSRequest")
            let signature = request.optional(.context(0))
            try request.finish()
            if let versionNode = tbs.optional(.context(0)) {
                var explicit = try DERCursor(versionNode, .context(0), "TBSRequest.version")
                let version = try DERDecoding.smallInteger(try explicit.next(.integer, "Version"), "TBSRequest.version")
                try explicit.finish()
                guard version == 0 else { throw TICryptoError(.unsupportedVersion, reason: "OCSP request version \(version + 1)") }
            }
            _ = tbs.optional(.context(1))
            var list = try DERCursor(try tbs.next(.sequence, "requestList"), .sequence, "requestList")
            var ids: [OCSPCertID] = []
            for node in list.rest() {
                var single = try DERCursor(node, .sequence, "Request")
                ids.append(try OCSPCertID(node: try single.next(.sequence, "reqCert")))
                _ = single.optional(.context(0))
                try single.finish()
            }
            guard !ids.isEmpty else { throw TICryptoError(.invalidStructure, reason: "empty requestList") }
            var nonce: [UInt8]?
            if let extensions = tbs.optional(.context(2)) {
                nonce = try OCSPNonce.find(inExplicitExtensions: extensions, tag: 2)
            }
            try tbs.finish()
            self.certIDs = ids
            self.nonce = nonce
            self.isSigned = signature != nil
        } catch {
            throw TICryptoError(.invalidOCSPRequest, reason: "\(error.code): \(error.reason)")
        }
    }
}
