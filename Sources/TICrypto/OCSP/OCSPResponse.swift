// SPDX-License-Identifier: Apache-2.0

internal import SwiftASN1

/// An OCSP response (RFC 6960 §4.2.1), parsed in pure Swift.
///
/// ```
/// OCSPResponse ::= SEQUENCE { responseStatus OCSPResponseStatus, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }
/// ResponseBytes ::= SEQUENCE { responseType OBJECT IDENTIFIER, response OCTET STRING }
/// ```
///
/// Parsing checks the structure only; ``checkStatus(of:issuer:trustStore:at:maximumAge:clockSkew:expectedNonce:)``
/// checks signer, signature, CertID and freshness. Equality and hashing use ``derEncoded``.
public struct OCSPResponse: Hashable, Sendable {
    /// `OCSPResponseStatus` (RFC 6960 §4.2.1).
    public enum Status: Int, Hashable, Sendable {
        /// `successful (0)`: responseBytes hold a response.
        case successful = 0
        /// `malformedRequest (1)`: the request did not conform to the OCSP syntax.
        case malformedRequest = 1
        /// `internalError (2)`.
        case internalError = 2
        /// `tryLater (3)`.
        case tryLater = 3
        /// `sigRequired (5)`: the request must be signed.
        case sigRequired = 5
        /// `unauthorized (6)`: the responder may not answer this request.
        case unauthorized = 6
    }

    /// The response exactly as given.
    public let derEncoded: [UInt8]
    /// `responseStatus`.
    public let status: Status
    /// The basic response; present exactly when ``status`` is `successful`.
    public let basicResponse: OCSPBasicResponse?

    /// Parses a DER `OCSPResponse`.
    /// - Throws: `invalidOCSPResponse` for malformed input, an unknown status, a successful response without
    ///   responseBytes (or an unsuccessful one with), or a response type other than id-pkix-ocsp-basic.
    public init(derEncoded: [UInt8]) throws(TICryptoError) {
        do throws(TICryptoError) {
            let root = try DERDecoding.parse(derEncoded[...], "OCSPResponse")
            var response = try DERCursor(root, .sequence, "OCSPResponse")
            let statusBytes = try DERDecoding.primitive(try response.next(.enumerated, "responseStatus"), .enumerated, "responseStatus")
            guard statusBytes.count == 1, let value = statusBytes.first, let status = Status(rawValue: Int(value)) else {
                throw TICryptoError(.invalidStructure, reason: "unknown responseStatus")
            }
            var basic: OCSPBasicResponse?
            if let bytesNode = response.optional(.context(0)) {
                var explicit = try DERCursor(bytesNode, .context(0), "responseBytes")
                var responseBytes = try DERCursor(try explicit.next(.sequence, "ResponseBytes"), .sequence, "ResponseBytes")
                try explicit.finish()
                let type = try DERDecoding.oid(try responseBytes.next(.objectIdentifier, "responseType"), "responseType")
                let content = try DERDecoding.octetString(try responseBytes.next(.octetString, "response"), "response")
                try responseBytes.finish()
                guard type == OCSPOID.basicResponse else {
                    throw TICryptoError(.unsupportedAlgorithm, reason: "response type \(type)")
                }
                basic = try OCSPBasicResponse(derEncoded: content[...])
            }
            try response.finish()
            guard (status == .successful) == (basic != nil) else {
                throw TICryptoError(.invalidStructure, reason: "responseBytes must be present exactly for a successful response")
            }
            self.derEncoded = derEncoded
            self.status = status
            self.basicResponse = basic
        } catch {
            throw TICryptoError(.invalidOCSPResponse, reason: "\(error.code): \(error.reason)")
        }
    }

    /// The DER of an unsuccessful response (no responseBytes).
    static func unsuccessful(_ status: Status) -> [UInt8] {
        OCSPDERWriter.sequence([OCSPDERWriter.enumerated(UInt8(status.rawValue))])
    }

    /// Equal when the encodings are equal.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.derEncoded == rhs.derEncoded }

    /// Hashes the encoding.
    public func hash(into hasher: inout Hasher) { hasher.combine(derEncoded) }
}
