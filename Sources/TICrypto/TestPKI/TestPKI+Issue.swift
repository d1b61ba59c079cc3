// SPDX-License-Identifier: Apache-2.0

public import Foundation

extension TestPKI {
    /// Issues a certificate for `profile` from the CA `issuerName` of this PKI; the result is not added (see ``add(_:)``).
    ///
    /// Use it for special cases in tests: an expired HBA (a `validity` in the past), an HBA without Admission or with
    /// another profession OID (edit the ``Profile``), or a certificate of a foreign CA (issue from another
    /// ``generate(seed:ocspURL:now:)`` result).
    /// - Parameters:
    ///   - profile: what to certify.
    ///   - issuerName: the `name` of a CA identity of this PKI.
    ///   - validity: notBefore…notAfter; by default the PKI's lifetime for the kind (``Lifetime``) from the seeded
    ///     notBefore with a seed, or from `now` minus one hour without.
    ///   - seed: derive key and serial number from this seed and the profile name; random without.
    ///   - now: the time an unseeded default validity starts from.
    /// - Throws: `unknownIdentity` for an unknown issuer, `notACertificateAuthority` when it is no CA,
    ///   `invalidCertificateField` for an unencodable profile.
    public func issue(
        _ profile: Profile,
        by issuerName: String,
        validity: ClosedRange<Date>? = nil,
        seed: UInt64? = nil,
        now: Date = Date()
    ) throws(TICryptoError) -> Identity {
        let issuer = try self.identity(named: issuerName)
        let start = Lifetime.notBefore(seeded: seed != nil, now: now)
        let period = validity ?? start...Lifetime.adding(years: Lifetime.years(for: profile.kind), to: start)
        let ocspURL = issuer.certificate.ocspURLs.first ?? Self.defaultOCSPURL
        return try self.issue(profile, by: issuerName, validity: period, material: KeyMaterial(seed: seed), ocspURL: ocspURL)
    }

    func issue(
        _ profile: Profile,
        by issuerName: String,
        validity: ClosedRange<Date>,
        material: KeyMaterial,
        ocspURL: String
    ) throws(TICryptoError) -> Identity {
        let issuer = try self.identity(named: issuerName)
        guard issuer.certificate.isCA else {
            throw TICryptoError(.notACertificateAuthority, reason: "\(issuerName) is not a CA")
        }
        let key = try material.privateKey(for: profile.name)
        let publicKey = CertificatePublicKey.brainpoolP256r1(key.publicKey)
        let issuerKeyIdentifier =
            issuer.certificate.subjectKeyIdentifier ?? CertificatePublicKey.brainpoolP256r1(issuer.privateKey.publicKey).keyIdentifier
        var extensions: [CertificateExtension] = [
            try .basicConstraints(isCA: profile.kind.isCertificateAuthority, pathLengthConstraint: profile.pathLengthConstraint),
            try .keyUsage(profile.keyUsage),
        ]
        if !profile.extendedKeyUsage.isEmpty { extensions.append(try .extendedKeyUsage(profile.extendedKeyUsage)) }
        extensions.append(try .subjectKeyIdentifier(publicKey.keyIdentifier))
        extensions.append(try .authorityKeyIdentifier(issuerKeyIdentifier))
        if !profile.policies.isEmpty { extensions.append(try .certificatePolicies(profile.policies)) }
        extensions.append(try .authorityInformationAccess(ocspURLs: [ocspURL]))
        if !profile.subjectAlternativeNames.isEmpty { extensions.append(try .subjectAlternativeNames(profile.subjectAlternativeNames)) }
        if let admission = profile.admission { extensions.append(try .admission(admission)) }
        var builder = CertificateBuilder(
            serialNumber: material.serialNumber(for: profile.name),
            issuer: issuer.certificate.subject,
            subject: profile.subject,
            notBefore: validity.lowerBound,
            notAfter: validity.upperBound,
            publicKey: publicKey,
            extensions: extensions
        )
        builder.issue(by: issuer.certificate)
        return Identity(
            name: profile.name,
            kind: profile.kind,
            issuer: issuerName,
            displayName: profile.displayName,
            insurance: profile.insurance,
            certificate: try builder.sign(with: issuer.signingKey),
            privateKey: key
        )
    }
}
