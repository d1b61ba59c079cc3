// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// Our responder and our checker against each other: signer authorisation, CertID hashes, unsuccessful statuses.
@Suite(.serialized)
struct OCSPResponderTests {
    static let pki: Result<TrustTestPKI, any Error> = Result { try TrustTestPKI(.p256) }

    @Test("unsuccessful statuses: malformed request, foreign issuer; mixed requests answer unknown for the foreign CertID")
    func unsuccessful() throws {
        let pki = try Self.pki.get()
        let responder = try pki.responder(revocationTime: pki.now)
        for garbage: [UInt8] in [[], [0x30, 0x00], [0xFF, 0xFF], Array(repeating: 0x30, count: 64)] {
            let response = try OCSPResponse(derEncoded: responder.respond(to: garbage, now: pki.now))
            #expect(response.status == .malformedRequest && response.basicResponse == nil)
        }
        let foreign = try OCSPCertID(certificate: pki.leaf(.foreign), issuer: pki.foreignRoot)
        let own = try OCSPCertID(certificate: pki.leaf(.good), issuer: pki.intermediate, hashAlgorithm: .sha256)
        let unauthorized = try OCSPResponse(derEncoded: responder.respond(to: try OCSPRequest(certIDs: [foreign]), now: pki.now))
        #expect(unauthorized.status == .unauthorized)
        #expect(throws: TICryptoError(.revocationStatusUnknown)) {
            try unauthorized.checkStatus(of: pki.leaf(.good), issuer: pki.intermediate, trustStore: pki.trustStore, at: pki.now, maximumAge: 60)
        }
        let mixed = try OCSPResponse(derEncoded: responder.respond(to: try OCSPRequest(certIDs: [foreign, own]), now: pki.now))
        let responses = try #require(mixed.basicResponse?.responses)
        #expect(responses.map(\.status) == [.unknown, .good])
        #expect(responses[1].certID.hashAlgorithm == .sha256)
        #expect(responses[1].nextUpdate == pki.now + 12 * 3_600)
        let single = try mixed.checkStatus(of: pki.leaf(.good), issuer: pki.intermediate, trustStore: pki.trustStore, at: pki.now, maximumAge: 60)
        #expect(single.status == .good)
        #expect(mixed.basicResponse?.responderID == .byKey(of: pki.ocspResponder))
    }

    @Test("signers: the CA itself, a delegated responder without OCSPSigning, a locally trusted responder, a forged signature")
    func signers() throws {
        let pki = try Self.pki.get()
        let request = try OCSPRequest(certIDs: [try OCSPCertID(certificate: pki.leaf(.good), issuer: pki.intermediate)])
        func check(_ der: [UInt8], _ store: TrustStore? = nil) throws -> OCSPSingleResponse {
            try OCSPResponse(derEncoded: der).checkStatus(
                of: pki.leaf(.good),
                issuer: pki.intermediate,
                trustStore: store ?? pki.trustStore,
                at: pki.now,
                maximumAge: 3_600
            )
        }
        let byCA = OCSPResponder(
            key: .p256(try P256.Signing.PrivateKey(pemRepresentation: try pki.keyPEM("inter"))),
            certificate: pki.intermediate,
            caCertificates: [pki.intermediate]
        ) { _, _ in .good }
        #expect(try check(byCA.respond(to: request, now: pki.now)).status == .good)
        // A leaf of the same CA has no id-kp-OCSPSigning.
        let noEKU = OCSPResponder(
            key: .p256(try P256.Signing.PrivateKey(pemRepresentation: try pki.keyPEM("wrongKeyUsage"))),
            certificate: pki.leaf(.wrongKeyUsage),
            caCertificates: [pki.intermediate]
        ) { _, _ in .good }
        let unauthorizedSigner = noEKU.respond(to: request, now: pki.now)
        #expect(throws: TICryptoError(.invalidOCSPResponse)) { try check(unauthorizedSigner) }
        // Trusted locally, the same signer is accepted.
        var store = pki.trustStore
        store.ocspResponders = [pki.leaf(.wrongKeyUsage)]
        #expect(try check(unauthorizedSigner, store).status == .good)
        // A flipped bit in the signature.
        var forged = try pki.responder(revocationTime: pki.now).respond(to: request, now: pki.now)
        let signerDER = pki.ocspResponder.derEncoded
        let certsStart = try #require(forged.indices.first { Array(forged[$0..<min($0 + signerDER.count, forged.count)]) == signerDER })
        forged[certsStart - 10] ^= 0x01
        #expect(throws: TICryptoError.self) { try check(forged) }
        // A response for the right serial but another issuer is not taken.
        #expect(throws: TICryptoError(.revocationStatusUnknown)) {
            try OCSPResponse(derEncoded: byCA.respond(to: request, now: pki.now)).checkStatus(
                of: pki.leaf(.good),
                issuer: pki.notCA,
                trustStore: pki.trustStore,
                at: pki.now,
                maximumAge: 3_600
            )
        }
    }

    @Test("requests round-trip with and without nonce; bad construction parameters are refused")
    func requests() throws {
        let pki = try Self.pki.get()
        let id = try OCSPCertID(certificate: pki.leaf(.good), issuer: pki.intermediate)
        for nonce in [nil, Array(repeating: UInt8(7), count: 32)] {
            let request = try OCSPRequest(certIDs: [id, id], nonce: nonce)
            let parsed = try OCSPRequest(derEncoded: request.derEncoded)
            #expect(parsed == request)
        }
        #expect(throws: TICryptoError(.invalidParameter)) { try OCSPRequest(certIDs: []) }
        #expect(throws: TICryptoError(.invalidParameter)) { try OCSPRequest(certIDs: [id], nonce: []) }
        #expect(throws: TICryptoError(.untrustedIssuer)) { try OCSPCertID(certificate: pki.leaf(.good), issuer: pki.root) }
        #expect(id.matches(certificate: pki.leaf(.good), issuer: pki.intermediate))
        #expect(!id.matches(certificate: pki.leaf(.revoked), issuer: pki.intermediate))
    }
}
