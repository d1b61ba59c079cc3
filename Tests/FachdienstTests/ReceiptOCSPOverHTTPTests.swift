// SPDX-License-Identifier: Apache-2.0

import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import TICrypto
import Testing
import Workflow

/// `$close` with the receipt signer of the production profile: C.FD.SIG's OCSP answer comes from the responder in its
/// AIA over HTTP (``OCSPClient/cachedSource(issuers:refreshAfter:capacity:logger:)``), not from an in-process PKI.
@Suite("$close with C.FD.SIG's OCSP answer fetched over HTTP (production wiring)")
struct ReceiptOCSPOverHTTPTests {
    private typealias Fixture = TaskFixture

    /// The receipt signer as `erezept serve --profile production` builds it: fd-sig of `pki`, its OCSP source the
    /// cached client over the PKI's CAs.
    private static func productionSigner(_ pki: TestPKI) throws -> ReceiptSigner {
        let fdSig = try pki.identity(named: "fd-sig")
        let cas = pki.identities.filter(\.certificate.isCA).map(\.certificate)
        let cms = try CMSSigner(key: fdSig.privateKey, certificateDER: fdSig.certificate.derEncoded)
        // A generous timeout: the responder is local, and a loaded CI machine must not turn its answer into a 503.
        return try ReceiptSigner(signer: cms, ocspSource: OCSPClient(timeout: 20).cachedSource(issuers: cas))
    }

    @Test("the responder named by C.FD.SIG answers: 200, the receipt embeds its good answer (A_22919)")
    func closeWithReachableResponder() async throws {
        let responder = OCSPClientTests.Responder()
        try await OCSPClientTests.withResponder(responder) { url in
            let pki = try OCSPClientTests.pki(ocspURL: url)
            try responder.set(pki)
            let signer = try Self.productionSigner(pki)
            try await Fixture.withClosingApp(receiptSigner: .some(signer)) { client in
                let task = try await Fixture.acceptedTask(client)
                let id = try #require(task.id?.value)
                let response = try await Fixture.post(
                    client,
                    "close",
                    task: id,
                    query: Fixture.secretQuery(task),
                    body: try Fixture.dispenseParameters(id: id)
                )
                #expect(response.status == .ok)
                let receipt = try Fixture.decode(FHIR.Bundle.self, response, format: .json)
                let cms = try CMSSignedData(derEncoded: try TaskCloseTests.signatureCMS(of: receipt))
                #expect(cms.signerCertificateDER == (try pki.identity(named: "fd-sig").certificate.derEncoded))
                let embedded = try OCSPResponse(derEncoded: try #require(cms.embeddedOCSPResponseDER))
                let fdSig = try pki.identity(named: "fd-sig").certificate
                let issuer = try pki.identity(named: "komp-ca").certificate
                let status = try embedded.checkStatus(of: fdSig, issuer: issuer, trustStore: pki.trustStore, at: Fixture.now, maximumAge: 60)
                #expect(status.status == .good)
            }
            #expect(responder.count == 1)
        }
    }

    @Test("nobody answers at C.FD.SIG's AIA: 503 (A_22919), and the task stays in progress")
    func closeWithUnreachableResponder() async throws {
        let pki = try OCSPClientTests.pki(ocspURL: "http://127.0.0.1:1/ocsp", seed: 25)
        try await Fixture.withClosingApp(receiptSigner: .some(try Self.productionSigner(pki))) { client in
            let task = try await Fixture.acceptedTask(client)
            let id = try #require(task.id?.value)
            let body = try Fixture.dispenseParameters(id: id)
            let response = try await Fixture.post(client, "close", task: id, query: Fixture.secretQuery(task), body: body)
            #expect(response.status == .serviceUnavailable)
            let retry = try await Fixture.post(client, "dispense", task: id, query: Fixture.secretQuery(task), body: body)
            #expect(retry.status == .noContent)
        }
    }
}
