// SPDX-License-Identifier: Apache-2.0

public import Foundation

extension TestPKI {
    /// The OCSP responder URL written into the authorityInfoAccess of generated certificates unless another is given.
    public static let defaultOCSPURL = "http://localhost:8080/ocsp"

    /// Creates the complete test PKI: the root CA, the issuing CAs and every identity of ``catalog``.
    ///
    /// With a seed the result is reproducible byte for byte: keys and serial numbers are derived from the seed and the
    /// identity name (HKDF-SHA256), notBefore is ``Lifetime/seededNotBefore`` and signatures use RFC 6979. Without a
    /// seed keys and serial numbers are random and notBefore is `now` minus one hour. Lifetimes: ``Lifetime``.
    /// - Parameters:
    ///   - seed: the seed, or `nil` for a fresh random PKI.
    ///   - ocspURL: the OCSP responder URL for authorityInfoAccess.
    ///   - now: the creation time (used only without a seed).
    /// - Throws: ``TICryptoError`` if a key or certificate cannot be made (not expected).
    public static func generate(seed: UInt64?, ocspURL: String = defaultOCSPURL, now: Date = Date()) throws(TICryptoError) -> TestPKI {
        let material = KeyMaterial(seed: seed)
        let notBefore = Lifetime.notBefore(seeded: seed != nil, now: now)
        let rootKey = try material.privateKey(for: rootName)
        let rootPublicKey = CertificatePublicKey.brainpoolP256r1(rootKey.publicKey)
        let rootName = DistinguishedName(
            organization: organization,
            organizationalUnits: ["Root-CA der Test-PKI"],
            commonName: "ERP-TEST.RCA1 TEST-ONLY"
        )
        let builder = CertificateBuilder(
            serialNumber: material.serialNumber(for: Self.rootName),
            issuer: rootName,
            subject: rootName,
            notBefore: notBefore,
            notAfter: Lifetime.adding(years: Lifetime.rootYears, to: notBefore),
            publicKey: rootPublicKey,
            extensions: [
                try .basicConstraints(isCA: true, pathLengthConstraint: 1),
                try .keyUsage([.keyCertSign, .cRLSign]),
                try .subjectKeyIdentifier(rootPublicKey.keyIdentifier),
                try .certificatePolicies([PolicyOID.gematikCertificatePolicy]),
            ]
        )
        let root = Identity(
            name: Self.rootName,
            kind: .rootCA,
            issuer: nil,
            displayName: "ERP-TEST.RCA1 TEST-ONLY",
            certificate: try builder.sign(with: .brainpoolP256r1(rootKey)),
            privateKey: rootKey
        )
        var pki = try TestPKI(identities: [root])
        for (profile, issuer) in catalog {
            let start = notBefore
            let end = Lifetime.adding(years: Lifetime.years(for: profile.kind), to: start)
            let identity = try pki.issue(profile, by: issuer, validity: start...end, material: material, ocspURL: ocspURL)
            try pki.add(identity)
        }
        return pki
    }
}
