// SPDX-License-Identifier: Apache-2.0

public import Foundation
internal import SwiftASN1

/// `SingleResponse` (RFC 6960 §4.2.1): the status of one certificate.
///
/// ```
/// SingleResponse ::= SEQUENCE { certID CertID, certStatus CertStatus, thisUpdate GeneralizedTime,
///     nextUpdate [0] EXPLICIT GeneralizedTime OPTIONAL, singleExtensions [1] EXPLICIT Extensions OPTIONAL }
/// RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
/// ```
public struct OCSPSingleResponse: Hashable, Sendable {
    /// `certID`.
    public let certID: OCSPCertID
    /// `certStatus`.
    public let status: OCSPCertStatus
    /// `thisUpdate`: the time at which the status was known to be correct.
    public let thisUpdate: Date
    /// `nextUpdate`: when newer information will be available; nil when the responder always has newer information.
    public let nextUpdate: Date?

    /// Creates a single response.
    public init(certID: OCSPCertID, status: OCSPCertStatus, thisUpdate: Date, nextUpdate: Date?) {
        self.certID = certID
        self.status = status
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
    }

    var derEncoded: [UInt8] {
        let status: [UInt8]
        switch self.status {
        case .good:
            status = [0x80, 0x00]
        case .revoked(let time, let reason):
            var info = OCSPDERWriter.generalizedTime(time)
            if let reason { info += OCSPDERWriter.explicit(0, OCSPDERWriter.enumerated(UInt8(reason.rawValue))) }
            status = OCSPDERWriter.tlv(0xA1, info)
        case .unknown:
            status = [0x82, 0x00]
        }
        var fields = [certID.derEncoded, status, OCSPDERWriter.generalizedTime(thisUpdate)]
        if let nextUpdate { fields.append(OCSPDERWriter.explicit(0, OCSPDERWriter.generalizedTime(nextUpdate))) }
        return OCSPDERWriter.sequence(fields)
    }

    init(node: ASN1Node) throws(TICryptoError) {
        var cursor = try DERCursor(node, .sequence, "SingleResponse")
        let certID = try OCSPCertID(node: try cursor.next(.sequence, "certID"))
        let statusNode = try cursor.next("certStatus")
        let status: OCSPCertStatus
        switch statusNode.identifier {
        case .context(0), .context(2):
            guard case .primitive(let bytes) = statusNode.content, bytes.isEmpty else {
                throw TICryptoError(.invalidStructure, reason: "CertStatus good/unknown must be an empty NULL")
            }
            status = statusNode.identifier == .context(0) ? .good : .unknown
        case .context(1):
            var info = try DERCursor(statusNode, .context(1), "RevokedInfo")
            let time = try DERDecoding.time(try info.next(.generalizedTime, "revocationTime"), "revocationTime")
            var reason: CRLReason?
            if let reasonNode = info.optional(.context(0)) {
                var explicit = try DERCursor(reasonNode, .context(0), "revocationReason")
                let bytes = try DERDecoding.primitive(try explicit.next(.enumerated, "CRLReason"), .enumerated, "CRLReason")
                try explicit.finish()
                guard bytes.count == 1, let value = bytes.first, let known = CRLReason(rawValue: Int(value)) else {
                    throw TICryptoError(.invalidStructure, reason: "unknown CRLReason")
                }
                reason = known
            }
            try info.finish()
            status = .revoked(time: time, reason: reason)
        default:
            throw TICryptoError(.invalidTag, reason: "CertStatus: unexpected \(statusNode.identifier)")
        }
        let thisUpdate = try DERDecoding.time(try cursor.next(.generalizedTime, "thisUpdate"), "thisUpdate")
        var nextUpdate: Date?
        if let nextNode = cursor.optional(.context(0)) {
            var explicit = try DERCursor(nextNode, .context(0), "nextUpdate")
            nextUpdate = try DERDecoding.time(try explicit.next(.generalizedTime, "nextUpdate"), "nextUpdate")
            try explicit.finish()
        }
        if let extensions = cursor.optional(.context(1)) { _ = try OCSPNonce.find(inExplicitExtensions: extensions, tag: 1) }
        try cursor.finish()
        self.init(certID: certID, status: status, thisUpdate: thisUpdate, nextUpdate: nextUpdate)
    }
}
