// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// Path validation against a generated PKI: one good path, and one distinct error code per failure.
@Suite(.serialized)
struct CertificatePathValidatorTests {
    static let pki: Result<TrustTestPKI, any Error> = Result { try TrustTestPKI(.brainpoolP256r1) }

    /// A failure case: the leaf, how to tamper with it, what OCSP to supply, and the expected code.
    struct Failure: Sendable, CustomTestStringConvertible {
        let leaf: TrustTestPKI.Leaf
        let expected: TICryptoError.Code
        var flipSignature = false
        var withOCSP = true

        var testDescription: String { "\(expected)" }
    }

    static let failures: [Failure] = [
        Failure(leaf: .expired, expected: .certificateExpired),
        Failure(leaf: .notYetValid, expected: .certificateNotYetValid),
        Failure(leaf: .foreign, expected: .untrustedIssuer),
        Failure(leaf: .good, expected: .certificateSignatureInvalid, flipSignature: true),
        Failure(leaf: .notCAIssued, expected: .issuerNotCA),
        Failure(leaf: .wrongKeyUsage, expected: .wrongKeyUsage),
        Failure(leaf: .noAdmission, expected: .missingAdmission),
        Failure(leaf: .wrongProfession, expected: .professionNotAllowed),
        Failure(leaf: .criticalExtension, expected: .unhandledCriticalExtension),
        Failure(leaf: .revoked, expected: .certificateRevoked),
        Failure(leaf: .good, expected: .revocationStatusUnknown, withOCSP: false),
    ]

    @Test("the Admission built for the openssl config reads back: oid_arzt and the registration number")
    func admissionReadsBack() throws {
        let leaf = try Self.pki.get().leaf(.good)
        #expect(leaf.professionOIDs == [TelematikOID.arzt])
        #expect(leaf.telematikID == TrustTestPKI.registrationNumber)
        #expect(leaf.admission?.professionItems == ["Arzt"])
    }

    @Test("a good path passes with OCSP good, leaf first and anchor last")
    func goodPath() throws {
        let pki = try Self.pki.get()
        let validator = CertificatePathValidator(trustStore: pki.trustStore, policy: .qes())
        let ocsp = try pki.ocspResponse(for: .good, at: pki.now - 60)
        let path = try validator.validate(pki.leaf(.good), at: pki.now, ocspResponses: [ocsp])
        #expect(path.certificates == [pki.leaf(.good), pki.intermediate, pki.root])
        guard case .good(let single) = path.revocationStatus else {
            Issue.record("expected good, got \(path.revocationStatus)")
            return
        }
        #expect(single.thisUpdate == pki.now - 60)
    }

    @Test("each failure has its own code", arguments: failures)
    func failure(_ failure: Failure) throws {
        let pki = try Self.pki.get()
        var leaf = pki.leaf(failure.leaf)
        if failure.flipSignature {
            var der = leaf.derEncoded
            der[der.count - 1] ^= 0x01
            leaf = try TelematikCertificate(derEncoded: der)
        }
        let validator = CertificatePathValidator(trustStore: pki.trustStore, policy: .qes())
        let responses = failure.withOCSP && failure.leaf != .foreign ? [try pki.ocspResponse(for: failure.leaf, at: pki.now - 60)] : []
        let error = #expect(throws: TICryptoError.self) {
            try validator.validate(leaf, at: pki.now, ocspResponses: responses)
        }
        #expect(error?.code == failure.expected, "\(String(describing: error))")
    }

    @Test("the reference time matters: a leaf expired now passes at an earlier signing time")
    func referenceTime() throws {
        let pki = try Self.pki.get()
        let signingTime = pki.now - 100 * TrustTestPKI.day
        let validator = CertificatePathValidator(trustStore: pki.trustStore, policy: .qes())
        let ocsp = try pki.ocspResponse(for: .expired, at: signingTime + 60)
        #expect(throws: TICryptoError(.certificateExpired)) {
            try validator.validate(pki.leaf(.expired), at: pki.now, ocspResponses: [ocsp])
        }
        let path = try validator.validate(pki.leaf(.expired), at: signingTime, ocspResponses: [ocsp])
        #expect(path.referenceTime == signingTime)
        #expect(throws: TICryptoError(.certificateNotYetValid)) {
            try validator.validate(pki.leaf(.good), at: pki.now - 40 * TrustTestPKI.day, ocspResponses: [ocsp])
        }
    }

    @Test("revocation modes, grace period and a revocation after the signing time")
    func revocationModes() throws {
        let pki = try Self.pki.get()
        let leaf = pki.leaf(.good)
        func validator(_ mode: CertificatePolicy.RevocationMode, maximumAge: TimeInterval = 12 * 3_600) -> CertificatePathValidator {
            CertificatePathValidator(
                trustStore: pki.trustStore,
                policy: CertificatePolicy(requiredKeyUsage: .nonRepudiation, revocationMode: mode, ocspMaximumAge: maximumAge, clockSkew: 60)
            )
        }
        #expect(try validator(.notChecked).validate(leaf, at: pki.now).revocationStatus == .notChecked)
        #expect(try validator(.ifAvailable).validate(leaf, at: pki.now).revocationStatus == .notAvailable)
        let old = try pki.ocspResponse(for: .good, at: pki.now - 13 * 3_600)
        #expect(throws: TICryptoError(.ocspResponseTooOld)) { try validator(.required).validate(leaf, at: pki.now, ocspResponses: [old]) }
        #expect(throws: TICryptoError(.ocspResponseTooOld)) { try validator(.ifAvailable).validate(leaf, at: pki.now, ocspResponses: [old]) }
        let oldLongLived = try pki.ocspResponse(for: .good, at: pki.now - 13 * 3_600, validity: 24 * 3_600)
        #expect(throws: TICryptoError(.ocspResponseTooOld)) {
            try validator(.required).validate(leaf, at: pki.now, ocspResponses: [oldLongLived])
        }
        let fdSig = try validator(.required, maximumAge: CertificatePolicy.fdSig.ocspMaximumAge).validate(
            leaf,
            at: pki.now,
            ocspResponses: [oldLongLived]
        )
        #expect(fdSig.certificates.count == 3)
        let future = try pki.ocspResponse(for: .good, at: pki.now + 3_600)
        #expect(throws: TICryptoError(.ocspResponseTooOld)) { try validator(.required).validate(leaf, at: pki.now, ocspResponses: [future]) }
        // Revoked one hour after the reference time: the signature made at the reference time stays valid.
        let later = try pki.ocspResponse(for: .revoked, at: pki.now + 30, revocationTime: pki.now + 3_600)
        let path = try validator(.required).validate(pki.leaf(.revoked), at: pki.now, ocspResponses: [later])
        guard case .revokedAfterReferenceTime(let single) = path.revocationStatus else {
            Issue.record("expected revokedAfterReferenceTime, got \(path.revocationStatus)")
            return
        }
        #expect(single.status == .revoked(time: pki.now + 3_600, reason: .keyCompromise))
        // Checked a day after signing with a response fetched then: freshness counts from the check time, the
        // revocation (one hour after signing) from the signing time; a stale response beside a fresh one is passed over.
        let dayLater = pki.now + 86_400
        let fetchedLater = try pki.ocspResponse(for: .revoked, at: dayLater - 60, revocationTime: pki.now + 3_600)
        #expect(throws: TICryptoError(.ocspResponseTooOld)) {
            try validator(.required).validate(pki.leaf(.revoked), at: pki.now, ocspResponses: [fetchedLater])
        }
        let checkedLater = try validator(.required).validate(
            pki.leaf(.revoked),
            at: pki.now,
            checkedAt: dayLater,
            ocspResponses: [later, fetchedLater]
        )
        #expect(checkedLater.revocationStatus == .revokedAfterReferenceTime(try #require(fetchedLater.basicResponse?.responses.first)))
        let revokedBefore = try pki.ocspResponse(for: .revoked, at: dayLater - 60, revocationTime: pki.now - 60)
        #expect(throws: TICryptoError(.certificateRevoked)) {
            try validator(.required).validate(pki.leaf(.revoked), at: pki.now, checkedAt: dayLater, ocspResponses: [revokedBefore])
        }
        // A response for another certificate does not count.
        let other = try pki.ocspResponse(for: .wrongKeyUsage, at: pki.now)
        #expect(throws: TICryptoError(.revocationStatusUnknown)) { try validator(.required).validate(leaf, at: pki.now, ocspResponses: [other]) }
    }

    @Test("the issuing CA as anchor ends the path; extra certificates complete it; a non-CA anchor issues nothing")
    func anchorsAndResponders() throws {
        let pki = try Self.pki.get()
        let leaf = pki.leaf(.good)
        let ocsp = try pki.ocspResponse(for: .good, at: pki.now)
        let subCA = CertificatePathValidator(trustStore: TrustStore(anchors: [pki.intermediate]), policy: .qes())
        #expect(try subCA.validate(leaf, at: pki.now, ocspResponses: [ocsp]).certificates == [leaf, pki.intermediate])
        let rootOnly = CertificatePathValidator(trustStore: TrustStore(anchors: [pki.root]), policy: .qes())
        #expect(throws: TICryptoError(.untrustedIssuer)) { try rootOnly.validate(leaf, at: pki.now, ocspResponses: [ocsp]) }
        #expect(try rootOnly.validate(leaf, extraCertificates: [pki.intermediate], at: pki.now, ocspResponses: [ocsp]).anchor == pki.root)
        // An anchor that is not a CA cannot issue.
        let foreignIssuer = CertificatePathValidator(trustStore: TrustStore(anchors: [pki.notCA]), policy: .init(revocationMode: .notChecked))
        #expect(throws: TICryptoError(.issuerNotCA)) { try foreignIssuer.validate(pki.leaf(.notCAIssued), at: pki.now) }
    }
}
