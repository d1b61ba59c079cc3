// SPDX-License-Identifier: Apache-2.0

internal import Crypto
public import Foundation

/// An OCSP responder (RFC 6960 §2.2, §4.2) for a test PKI: answers DER requests with signed DER responses.
///
/// Responses are BasicOCSPResponses signed with ecdsa-with-SHA256, `responderID` byKey, `producedAt` and `thisUpdate`
/// equal to the given `now`, `nextUpdate = now + validity`, the request nonce echoed, and the responder certificate in
/// `certs` (so a delegated responder can be checked by clients, RFC 6960 §4.2.2.2).
///
/// Requests that cannot be answered never crash or throw:
/// - not a DER `OCSPRequest`, or a CertID hash other than SHA-1/SHA-256: `malformedRequest`;
/// - every CertID names an issuer not in ``caCertificates``: `unauthorized` (RFC 5019 §2.2.3; RFC 6960 §2.3 "the
///   client is not authorized to make this query to this server");
/// - some but not all CertIDs name a foreign issuer: those get the status `unknown` (RFC 6960 §2.2: "usually because
///   the request indicates an unrecognized issuer that is not served by this responder");
/// - the signing itself fails: `internalError`.
public struct OCSPResponder: Sendable {
    /// The status lookup: the status of the certificate with `serialNumber` (content octets) issued by `issuer`.
    public typealias StatusLookup = @Sendable (_ serialNumber: [UInt8], _ issuer: TelematikCertificate) -> OCSPCertStatus

    /// The responder key.
    public let key: SigningKey
    /// The responder certificate: a CA of ``caCertificates`` itself or a delegated responder it issued.
    public let certificate: TelematikCertificate
    /// The CAs this responder answers for.
    public let caCertificates: [TelematikCertificate]
    /// The distance between `thisUpdate` and `nextUpdate`.
    public let validity: TimeInterval
    private let lookup: StatusLookup

    /// Creates a responder.
    /// - Parameters:
    ///   - key: the private key of `certificate`.
    ///   - certificate: the responder certificate.
    ///   - caCertificates: the CAs answered for.
    ///   - validity: `nextUpdate - thisUpdate` in seconds (default 12 h, the QES grace period).
    ///   - status: the status lookup.
    public init(
        key: SigningKey,
        certificate: TelematikCertificate,
        caCertificates: [TelematikCertificate],
        validity: TimeInterval = 12 * 3_600,
        status: @escaping StatusLookup
    ) {
        self.key = key
        self.certificate = certificate
        self.caCertificates = caCertificates
        self.validity = validity
        self.lookup = status
    }

    /// Answers a DER `OCSPRequest` with a DER `OCSPResponse` at time `now`; never fails (see the type's notes).
    public func respond(to requestDER: [UInt8], now: Date) -> [UInt8] {
        guard let request = try? OCSPRequest(derEncoded: requestDER) else { return OCSPResponse.unsuccessful(.malformedRequest) }
        return respond(to: request, now: now)
    }

    /// Answers a parsed request at time `now`.
    public func respond(to request: OCSPRequest, now: Date) -> [UInt8] {
        let time = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        var anyKnown = false
        let singles = request.certIDs.map { certID -> OCSPSingleResponse in
            let status: OCSPCertStatus
            if let issuer = caCertificates.first(where: certID.names(issuer:)) {
                anyKnown = true
                status = lookup(certID.serialNumber, issuer)
            } else {
                status = .unknown
            }
            return OCSPSingleResponse(certID: certID, status: status, thisUpdate: time, nextUpdate: time + validity)
        }
        guard anyKnown else { return OCSPResponse.unsuccessful(.unauthorized) }
        do {
            return try signedResponse(singles, producedAt: time, nonce: request.nonce)
        } catch {
            return OCSPResponse.unsuccessful(.internalError)
        }
    }

    /// Builds and signs the successful response.
    private func signedResponse(_ singles: [OCSPSingleResponse], producedAt: Date, nonce: [UInt8]?) throws(TICryptoError) -> [UInt8] {
        var fields = [
            OCSPResponderID.byKey(of: certificate).derEncoded,
            OCSPDERWriter.generalizedTime(producedAt),
            OCSPDERWriter.sequence(singles.map(\.derEncoded)),
        ]
        if let nonce { fields.append(OCSPDERWriter.explicit(1, OCSPNonce.extensions(nonce))) }
        let tbs = OCSPDERWriter.sequence(fields)
        let basic = OCSPDERWriter.sequence([
            tbs,
            OCSPDERWriter.algorithm(OCSPOID.ecdsaWithSHA256),
            OCSPDERWriter.bitString(try key.signature(forSHA256Digest: Array(SHA256.hash(data: tbs)), deterministic: false).derRepresentation),
            OCSPDERWriter.explicit(0, OCSPDERWriter.sequence([certificate.derEncoded])),
        ])
        let responseBytes = OCSPDERWriter.sequence([OCSPDERWriter.oid(OCSPOID.basicResponse), OCSPDERWriter.octetString(basic)])
        return OCSPDERWriter.sequence([OCSPDERWriter.enumerated(0), OCSPDERWriter.explicit(0, responseBytes)])
    }
}
