// SPDX-License-Identifier: Apache-2.0

import Crypto
import FHIR
import Fachdienst
import Foundation
import Hummingbird
import HummingbirdTesting
import IdentityProvider
import PrimarySystemKit
import Storage
import TICrypto
import Testing
import Workflow

/// The world of the kit's tests: a seeded test PKI, a clock standing at 2026-11-21T08:30:00Z, and the real Fachdienst
/// (`Fachdienst.buildRouter`) served on an ephemeral local port with SQLite in memory, the VAU channel on C.FD.ENC of
/// the PKI, receipts signed by its `fd-sig`.
enum KitFixture {
    /// 2026-11-21T08:30:00Z, the day the fixture prescription is authored and signed.
    static let now = Date(timeIntervalSince1970: 1_795_249_800)
    static let audience = "https://erp-test.example/"
    static let userAgent = "KitTests/1.0 erezept/gematikTestPs"
    static let kvnr = "X234567891"
    static let pki: Result<TestPKI, TICryptoError> = Result { () throws(TICryptoError) in try TestPKI.generate(seed: 1) }

    /// A clock that does not move.
    struct FixedClock: WallClock {
        let now: Date
    }

    /// An access token of `identity`, issued now by the PKI's `idp-sig`.
    static func token(_ identity: String) throws -> String {
        try self.pki.get().accessToken(for: identity, audience: self.audience, now: self.now)
    }

    /// A client transport through the VAU of the server at `baseURL`, trusting the fixture PKI.
    static func vauTransport(
        _ baseURL: URL,
        trustStore: TrustStore? = nil,
        revocationCheck: VAUCertificateVerifier.RevocationCheck = .required,
        sender: any HTTPSender = URLSessionHTTPSender()
    ) throws -> VAUTransport {
        let configuration = VAUTransport.Configuration(
            baseURL: baseURL,
            trustStore: try trustStore ?? self.pki.get().trustStore,
            userAgent: self.userAgent,
            revocationCheck: revocationCheck,
            clock: { KitFixture.now }
        )
        return VAUTransport(configuration: configuration, sender: sender)
    }

    /// Runs `body` with the base URL of a live Fachdienst on a free local port.
    /// - Parameters:
    ///   - plainEndpoints: Whether the FHIR routes are served outside the VAU.
    ///   - vauIdentity: The PKI identity whose certificate the VAU serves as C.FD.ENC.
    ///   - pki: The server's PKI (its OCSP responder answers for it); the fixture PKI by default.
    ///   - identityProvider: The IDP to serve at `/idp`, as `erezept serve` does; none by default.
    static func withServer(
        plainEndpoints: Bool = true,
        vauIdentity: String = "fd-enc",
        pki: TestPKI? = nil,
        identityProvider: IdentityProviderConfiguration? = nil,
        _ body: @Sendable (URL) async throws -> Void
    ) async throws {
        let pki = try pki ?? self.pki.get()
        let clock = FixedClock(now: self.now)
        let responder = try pki.ocspResponder()
        let configuration = FachdienstConfiguration(
            idpSignerCertificate: try pki.identity(named: "idp-sig").certificate,
            audience: self.audience,
            clock: clock,
            publicBaseURL: "https://erp.example",
            ocspResponder: { request, now in responder.respond(to: request, now: now) },
            vau: try VAUConfiguration(testPKI: pki, identity: vauIdentity),
            plainEndpoints: plainEndpoints
        )
        let signature = PrescriptionSignature(trustStore: pki.trustStore) { certificate, now in pki.ocspResponse(for: certificate, now: now) }
        let store = try SQLiteWorkflowStore.inMemory(masterKey: SymmetricKey(size: .bits256))
        let workflow = WorkflowService(
            store: store,
            clock: clock,
            prescriptionSignature: signature,
            receiptSigner: try ReceiptSigner(testPKI: pki)
        )
        let idpRoutes = identityProvider.map { idp in
            let routes = RouteCollection(context: FachdienstRequestContext.self)
            IdentityProvider(configuration: idp).addRoutes(to: routes)
            return routes
        }
        let router = try buildRouter(configuration: configuration, workflow: workflow, publicRoutes: idpRoutes)
        try await Application(router: router).test(.live) { client in
            let port = try #require(client.port)
            try await body(URL(string: "http://127.0.0.1:\(port)")!)
        }
    }

    /// The QES of doctor-a (HBA, chain hba-ca) over the fixture prescription for `id`, signed now.
    static func qes(id: PrescriptionID) throws -> [UInt8] {
        let pki = try self.pki.get()
        let doctor = try pki.identity(named: "doctor-a")
        let chain = [try pki.identity(named: "hba-ca").certificate.derEncoded]
        let signer = try CMSSigner(key: doctor.privateKey, certificateDER: doctor.certificate.derEncoded, chainDER: chain)
        return try signer.sign(try self.prescription(id: id), signingTime: self.now)
    }

    /// `shared/fhir-examples/e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_1/PZN_Nr1_VerordnungArzt.xml` for `id`,
    /// authored on 2026-11-21.
    static func prescription(id: PrescriptionID) throws -> [UInt8] {
        var text = try String(
            contentsOf: self.shared("fhir-examples/e2e-2025-10-01/PZN-Verordnung/PZN-Verordnung_1/PZN_Nr1_VerordnungArzt.xml"),
            encoding: .utf8
        )
        text = text.replacing(/<authoredOn value="[0-9-]+"\/>/) { _ in "<authoredOn value=\"2026-11-21\"/>" }
        text = text.replacingOccurrences(of: "160.000.764.737.300.50", with: "\(id)")
        return Array(text.utf8)
    }

    /// The `$close` body of `shared/fhir-examples/parameters/wf1.6_Parameters-ExampleDispenseInputParameters.json`
    /// for `id`, dispensed by pharmacy-a.
    static func dispenseParameters(id: PrescriptionID) throws -> FHIR.Parameters {
        var text = try String(
            contentsOf: self.shared("fhir-examples/parameters/wf1.6_Parameters-ExampleDispenseInputParameters.json"),
            encoding: .utf8
        )
        let pharmacy = try #require(try self.pki.get().identity(named: "pharmacy-a").telematikID)
        text = text.replacingOccurrences(of: "160.000.033.491.280.78", with: "\(id)")
        text = text.replacingOccurrences(of: "X123456789", with: self.kvnr)
        text = text.replacingOccurrences(of: "3-SMC-B-Testkarte-883110000095957", with: pharmacy)
        return try FHIRDecoder().decode(FHIR.Parameters.self, from: Array(text.utf8), format: .json)
    }

    private static func shared(_ path: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/\(path)").standardizedFileURL
    }
}
