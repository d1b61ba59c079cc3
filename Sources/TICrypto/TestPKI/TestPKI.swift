// SPDX-License-Identifier: Apache-2.0

/// A complete brainpoolP256r1 test PKI of the telematics infrastructure: a root CA, issuing CAs for HBA, SMC-B, eGK and
/// components, and identities for every role the E-Rezept needs (doctors, practices, pharmacies, payer, insurants, the
/// Fachdienst's signer and VAU keys, the IDP signer, the OCSP responder).
///
/// ``generate(seed:ocspURL:now:)`` creates it; with a seed every byte is reproducible (keys and serial numbers derived
/// from the seed and the identity name, fixed validity, RFC 6979 signatures). ``write(to:overwrite:)`` and
/// ``load(from:)`` store it in a directory whose `identities.json` is the contract other tools read (docs/test-pki.md).
/// ``issue(_:by:validity:seed:now:)`` adds special certificates for tests (expired, without admission, foreign CA),
/// ``revoke(_:reason:at:)`` records revocations in `revocations.json`.
///
/// ```swift
/// let pki = try TestPKI.generate(seed: 42)
/// let doctor = try pki.identity(named: "doctor-a")
/// let signature = try doctor.privateKey.signature(for: bytes)
/// ```
public struct TestPKI: Sendable {
    /// All identities: the root first, then the issuing CAs, then end entities, in issuing order.
    public internal(set) var identities: [Identity]
    /// Trust anchors imported from outside (for example gematik's TEST-ONLY roots), stored in `anchors/`.
    public internal(set) var anchors: [TelematikCertificate]
    /// Revoked certificates, stored in `revocations.json`.
    public internal(set) var revocations: [Revocation]

    /// Creates a PKI from its parts.
    /// - Throws: `duplicateIdentity` when two identities share a name; `unknownIdentity` when an issuer is missing.
    public init(identities: [Identity], anchors: [TelematikCertificate] = [], revocations: [Revocation] = []) throws(TICryptoError) {
        self.identities = []
        self.anchors = anchors
        self.revocations = revocations
        for identity in identities { try self.add(identity) }
    }

    /// The self-signed root CA (kind `root-ca`).
    public var root: Identity? { self.identities.first { $0.kind == .rootCA } }

    /// The identity called `name`.
    /// - Throws: `unknownIdentity` when there is none.
    public func identity(named name: String) throws(TICryptoError) -> Identity {
        guard let identity = self.identities.first(where: { $0.name == name }) else {
            throw TICryptoError(.unknownIdentity, reason: "no identity named \(name)")
        }
        return identity
    }

    /// The certificates from `identity` up to the root, starting with the identity's own.
    public func chain(of identity: Identity) -> [TelematikCertificate] {
        var result = [identity.certificate]
        var current = identity
        while let issuerName = current.issuer, issuerName != current.name,
            let issuer = self.identities.first(where: { $0.name == issuerName })
        {
            result.append(issuer.certificate)
            current = issuer
        }
        return result
    }

    /// Adds an identity, for example one made by ``issue(_:by:validity:seed:now:)``.
    /// - Throws: `duplicateIdentity` when the name is taken; `unknownIdentity` when its issuer is not in the PKI.
    public mutating func add(_ identity: Identity) throws(TICryptoError) {
        guard !self.identities.contains(where: { $0.name == identity.name }) else {
            throw TICryptoError(.duplicateIdentity, reason: "an identity named \(identity.name) exists already")
        }
        if let issuer = identity.issuer, issuer != identity.name, !self.identities.contains(where: { $0.name == issuer }) {
            throw TICryptoError(.unknownIdentity, reason: "issuer \(issuer) of \(identity.name) is not in the PKI")
        }
        self.identities.append(identity)
    }
}
