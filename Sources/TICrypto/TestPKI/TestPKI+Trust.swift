// SPDX-License-Identifier: Apache-2.0

public import Foundation

extension TestPKI {
    /// The trust store a verifier of this PKI's signatures uses: the root and the imported outside anchors as anchors,
    /// the issuing CAs as intermediates, and the `ocsp` identity as a locally trusted OCSP responder (it is issued by
    /// `komp-ca`, so for the other CAs it is not a delegated responder in the sense of RFC 6960 §4.2.2.2).
    public var trustStore: TrustStore {
        TrustStore(
            anchors: self.identities.filter { $0.kind == .rootCA }.map(\.certificate) + self.anchors,
            intermediates: self.identities.filter { $0.kind == .ca }.map(\.certificate),
            ocspResponders: self.identities.filter { $0.kind == .ocsp }.map(\.certificate)
        )
    }

    /// The OCSP responder of this PKI: signs with the `ocsp` identity, answers for every CA of the PKI, and reports the
    /// certificates listed in ``revocations`` as revoked, every other certificate the PKI issued as good, and serial
    /// numbers it never issued as unknown.
    /// - Parameter validity: `nextUpdate - thisUpdate` of each answer.
    /// - Throws: `unknownIdentity` when the PKI has no `ocsp` identity.
    public func ocspResponder(validity: TimeInterval = 12 * 3_600) throws(TICryptoError) -> OCSPResponder {
        guard let responder = self.identities.first(where: { $0.kind == .ocsp }) else {
            throw TICryptoError(.unknownIdentity, reason: "the PKI has no identity of kind ocsp")
        }
        let cas = self.identities.filter(\.kind.isCertificateAuthority)
        let issued = Dictionary(
            self.identities.compactMap { identity in
                identity.issuer.map { (IssuedSerial(issuer: $0, serial: identity.certificate.serialNumber), identity) }
            },
            uniquingKeysWith: { first, _ in first }
        )
        let revoked = Dictionary(
            self.revocations.map { (IssuedSerial(issuer: $0.issuer, serialHex: $0.serial), $0) },
            uniquingKeysWith: { first, _ in first }
        )
        return OCSPResponder(
            key: .brainpoolP256r1(responder.privateKey),
            certificate: responder.certificate,
            caCertificates: cas.map(\.certificate),
            validity: validity
        ) { serialNumber, issuerCertificate in
            guard let ca = cas.first(where: { $0.certificate == issuerCertificate }) else { return .unknown }
            let key = IssuedSerial(issuer: ca.name, serial: serialNumber)
            if let revocation = revoked[key] { return .revoked(time: revocation.revokedAt, reason: revocation.reason) }
            return issued[key] == nil ? .unknown : .good
        }
    }

    /// A fresh answer of ``ocspResponder(validity:)`` for `certificate`, made at `now`; nil when none of this PKI's CAs
    /// issued it or the PKI has no responder.
    public func ocspResponse(for certificate: TelematikCertificate, now: Date) -> OCSPResponse? {
        guard let issuer = self.identities.first(where: { $0.kind.isCertificateAuthority && $0.certificate.subjectDER == certificate.issuerDER }),
            let certID = try? OCSPCertID(certificate: certificate, issuer: issuer.certificate),
            let request = try? OCSPRequest(certIDs: [certID]),
            let responder = try? self.ocspResponder()
        else { return nil }
        return try? OCSPResponse(derEncoded: responder.respond(to: request, now: now))
    }

    /// A certificate named by its issuing CA and serial number.
    private struct IssuedSerial: Hashable {
        let issuer: String
        let serialHex: String

        init(issuer: String, serial: [UInt8]) {
            self.issuer = issuer
            self.serialHex = DERDecoding.hex(serial).lowercased()
        }

        init(issuer: String, serialHex: String) {
            self.issuer = issuer
            self.serialHex = serialHex.lowercased()
        }
    }
}
