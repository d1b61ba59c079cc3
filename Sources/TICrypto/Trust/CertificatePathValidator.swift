// SPDX-License-Identifier: Apache-2.0

public import Foundation

/// Builds and checks a certificate path from a leaf to a trust anchor of a ``TrustStore`` (RFC 5280 §6, simplified
/// to what the TI needs), as the Fachdienst checks a QES signer (spec/ref-impl.md E.1): at a reference time (the CMS
/// signing time), with the profession OID from the Admission extension and the OCSP status.
///
/// Path building matches the issuer name of each certificate byte for byte against the subject of candidates (the
/// anchors, known intermediates and the extra certificates, e.g. those carried in a CMS) and, when both are present,
/// the authorityKeyIdentifier against the subjectKeyIdentifier. Every candidate path (at most
/// ``maximumPathLength`` certificates) is then checked, in this order, and the first that passes is returned:
///
/// 1. validity of every certificate at the reference time (shell model): `certificateNotYetValid`, `certificateExpired`;
/// 2. no unhandled critical extension below the anchor: `unhandledCriticalExtension`;
/// 3. each issuer is a CA (basicConstraints cA, keyCertSign when keyUsage is present, pathLenConstraint): `issuerNotCA`;
/// 4. each signature verifies with the issuer's key: `certificateSignatureInvalid`;
/// 5. the leaf's key usage and Admission against the ``CertificatePolicy``: `wrongKeyUsage`, `missingAdmission`,
///    `professionNotAllowed`;
/// 6. the leaf's OCSP status: `certificateRevoked`, `revocationStatusUnknown`, `invalidOCSPResponse`,
///    `ocspResponseTooOld`.
///
/// Without any candidate path the error is `untrustedIssuer`; when all fail, the first path's error is thrown.
public struct CertificatePathValidator: Sendable {
    /// The longest path considered, anchor included.
    public static let maximumPathLength = 8

    /// The trusted and known certificates.
    public let trustStore: TrustStore
    /// The leaf requirements.
    public let policy: CertificatePolicy

    /// Creates a validator.
    public init(trustStore: TrustStore, policy: CertificatePolicy) {
        self.trustStore = trustStore
        self.policy = policy
    }

    /// Validates `leaf` at `referenceTime`.
    /// - Parameters:
    ///   - leaf: the end-entity certificate.
    ///   - extraCertificates: further certificates that may complete the path (not trusted by themselves).
    ///   - referenceTime: the time of the check; for a QES its signing time.
    ///   - checkTime: when the check happens, the time OCSP freshness is measured against (a QES signed minutes ago is
    ///     checked with a response fetched now); `referenceTime` when nil. Revocation is still compared with
    ///     `referenceTime`: a certificate revoked after it passes, reported as ``RevocationStatus/revokedAfterReferenceTime(_:)``.
    ///   - ocspResponses: OCSP responses to use for the leaf's status (those that do not cover the leaf are ignored; of
    ///     several that pass the checks, the most recent `thisUpdate` counts, the later one on a tie, so a fresh answer
    ///     overrides an embedded one).
    /// - Returns: the path and the revocation status.
    /// - Throws: ``TICryptoError`` with one of the codes listed on the type.
    public func validate(
        _ leaf: TelematikCertificate,
        extraCertificates: [TelematikCertificate] = [],
        at referenceTime: Date,
        checkedAt checkTime: Date? = nil,
        ocspResponses: [OCSPResponse] = []
    ) throws(TICryptoError) -> ValidatedPath {
        let paths = candidatePaths(from: leaf, extra: extraCertificates)
        guard !paths.isEmpty else {
            throw TICryptoError(.untrustedIssuer, reason: "no path from \(leaf.subject) (issuer \(leaf.issuer)) to a trust anchor")
        }
        var firstError: TICryptoError?
        for path in paths {
            do {
                return try check(path, at: referenceTime, checkedAt: checkTime ?? referenceTime, ocspResponses: ocspResponses)
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        throw firstError ?? TICryptoError(.untrustedIssuer)
    }

    /// All paths from `leaf` to an anchor by names and key identifiers, anchors tried first, shortest first.
    func candidatePaths(from leaf: TelematikCertificate, extra: [TelematikCertificate]) -> [[TelematikCertificate]] {
        let pool = trustStore.anchors + trustStore.intermediates + extra
        var result: [[TelematikCertificate]] = []
        // Bounds the search, so that many certificates with equal names (e.g. supplied in a CMS) cannot make it explode.
        var budget = 512
        func extend(_ path: [TelematikCertificate]) {
            budget -= 1
            guard budget >= 0, result.count < 16, let last = path.last else { return }
            if trustStore.isAnchor(last) {
                result.append(path)
                return
            }
            guard path.count < Self.maximumPathLength else { return }
            var seen: Set<TelematikCertificate> = []
            for candidate in pool where Self.mayHaveIssued(candidate, last) && !path.contains(candidate) && seen.insert(candidate).inserted {
                extend(path + [candidate])
            }
        }
        extend([leaf])
        return result.sorted { $0.count < $1.count }
    }

    /// Whether `issuer`'s subject and key identifier fit `certificate`'s issuer name and authority key identifier.
    static func mayHaveIssued(_ issuer: TelematikCertificate, _ certificate: TelematikCertificate) -> Bool {
        guard issuer.subjectDER == certificate.issuerDER else { return false }
        if let authority = certificate.authorityKeyIdentifier, let subject = issuer.subjectKeyIdentifier { return authority == subject }
        return true
    }

    /// Checks one path (leaf first, anchor last).
    private func check(
        _ path: [TelematikCertificate],
        at time: Date,
        checkedAt checkTime: Date,
        ocspResponses: [OCSPResponse]
    ) throws(TICryptoError) -> ValidatedPath {
        for certificate in path {
            if time < certificate.notBefore {
                throw TICryptoError(
                    .certificateNotYetValid,
                    reason: "\(certificate.subject) is valid from \(certificate.notBefore), checked at \(time)"
                )
            }
            if time > certificate.notAfter {
                throw TICryptoError(.certificateExpired, reason: "\(certificate.subject) expired \(certificate.notAfter), checked at \(time)")
            }
        }
        for certificate in path.dropLast() where !certificate.unhandledCriticalExtensions.isEmpty {
            throw TICryptoError(
                .unhandledCriticalExtension,
                reason: "\(certificate.subject): critical \(certificate.unhandledCriticalExtensions.map(\.dotted))"
            )
        }
        for index in path.indices.dropFirst() {
            let issuer = path[index]
            guard let constraints = issuer.basicConstraints, constraints.isCA else {
                throw TICryptoError(.issuerNotCA, reason: "\(issuer.subject) is not a CA (basicConstraints)")
            }
            if let usage = issuer.keyUsage, !usage.contains(.keyCertSign) {
                throw TICryptoError(.issuerNotCA, reason: "\(issuer.subject) lacks keyCertSign")
            }
            // RFC 5280 §4.2.1.9: pathLenConstraint counts the non-self-issued intermediates below this CA.
            let intermediatesBelow = path[1..<index].filter { $0.subjectDER != $0.issuerDER }.count
            if let limit = constraints.pathLengthConstraint, intermediatesBelow > limit {
                throw TICryptoError(.issuerNotCA, reason: "\(issuer.subject): pathLenConstraint \(limit) exceeded")
            }
            let subject = path[index - 1]
            let valid = SignedObjectVerifier.verify(
                tbsDER: subject.tbsCertificateDER,
                algorithmDER: subject.signatureAlgorithmDER,
                signature: subject.signatureValue,
                subjectPublicKeyInfoDER: issuer.subjectPublicKeyInfo.derEncoded
            )
            guard valid else {
                throw TICryptoError(
                    .certificateSignatureInvalid,
                    reason: "the signature of \(subject.subject) does not verify with \(issuer.subject)"
                )
            }
        }
        let leaf = path[0]
        try checkLeaf(leaf)
        let status = try revocationStatus(of: path, at: time, checkedAt: checkTime, ocspResponses: ocspResponses)
        return ValidatedPath(certificates: path, revocationStatus: status, referenceTime: time)
    }

    /// Key usage and Admission of the leaf (gemSpec_FD_eRp A_19225: profession OID of the QES signer).
    private func checkLeaf(_ leaf: TelematikCertificate) throws(TICryptoError) {
        if !policy.requiredKeyUsage.isEmpty {
            guard let usage = leaf.keyUsage, usage.isSuperset(of: policy.requiredKeyUsage) else {
                throw TICryptoError(
                    .wrongKeyUsage,
                    reason: "keyUsage \(leaf.keyUsage?.description ?? "absent"), required \(policy.requiredKeyUsage)"
                )
            }
        }
        if let allowed = policy.allowedProfessionOIDs {
            guard let admission = leaf.admission else {
                throw TICryptoError(.missingAdmission, reason: "\(leaf.subject) has no Admission extension")
            }
            guard admission.professionOIDs.contains(where: allowed.contains) else {
                throw TICryptoError(.professionNotAllowed, reason: "professionOIDs \(admission.professionOIDs.map(\.dotted)) not allowed")
            }
        }
    }

    /// The OCSP status of the leaf according to the policy's revocation mode.
    private func revocationStatus(
        of path: [TelematikCertificate],
        at time: Date,
        checkedAt checkTime: Date,
        ocspResponses: [OCSPResponse]
    ) throws(TICryptoError) -> RevocationStatus {
        guard policy.revocationMode != .notChecked, path.count > 1 else { return .notChecked }
        let leaf = path[0]
        let issuer = path[1]
        let covering = ocspResponses.filter { response in
            response.basicResponse?.responses.contains { $0.certID.matches(certificate: leaf, issuer: issuer) } ?? false
        }
        let candidates = covering.isEmpty && policy.revocationMode == .required ? Array(ocspResponses.prefix(1)) : covering
        guard !candidates.isEmpty else {
            if policy.revocationMode == .ifAvailable { return .notAvailable }
            throw TICryptoError(.revocationStatusUnknown, reason: "no OCSP response for \(leaf.subject)")
        }
        var firstError: TICryptoError?
        var checked: OCSPSingleResponse?
        for response in candidates {
            do {
                let single = try response.checkStatus(
                    of: leaf,
                    issuer: issuer,
                    trustStore: trustStore,
                    at: checkTime,
                    maximumAge: policy.ocspMaximumAge,
                    clockSkew: policy.clockSkew
                )
                if checked.map({ single.thisUpdate >= $0.thisUpdate }) ?? true { checked = single }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        guard let single = checked else { throw firstError ?? TICryptoError(.revocationStatusUnknown) }
        switch single.status {
        case .good:
            return .good(single)
        case .revoked(let revocationTime, let reason):
            if revocationTime <= time {
                throw TICryptoError(
                    .certificateRevoked,
                    reason: "\(leaf.subject) revoked at \(revocationTime) (\(reason.map { "\($0)" } ?? "no reason"))"
                )
            }
            return .revokedAfterReferenceTime(single)
        case .unknown:
            throw TICryptoError(.revocationStatusUnknown, reason: "the OCSP responder does not know \(leaf.subject)")
        }
    }
}
