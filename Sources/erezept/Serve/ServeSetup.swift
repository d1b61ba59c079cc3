// SPDX-License-Identifier: Apache-2.0

import Foundation
import Storage
import TICrypto
import Workflow

/// What `erezept serve` needs from its data directory: the test PKI (made on first start), the store and the
/// workflow service over both.
struct ServeSetup {
    let pkiDirectory: URL
    let pki: TestPKI
    let idpSigner: TelematikCertificate
    let workflow: WorkflowService
    let createdPKI: Bool

    /// Opens (and on first start creates) everything in `directory`.
    static func prepare(directory: URL, publicURL: String) throws -> ServeSetup {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pkiDirectory = directory.appendingPathComponent("pki")
        var created = false
        if !TestPKI.exists(at: pkiDirectory) {
            try TestPKI.generate(seed: nil, ocspURL: publicURL + "/ocsp").write(to: pkiDirectory)
            created = true
        }
        let pki = try TestPKI.load(from: pkiDirectory)
        let idpSigner = try pki.identity(named: "idp-sig").certificate
        let store = try SQLiteWorkflowStore(directory: directory.path)
        // The HBAs' OCSP responses are reused for an hour, well inside the 12 h the QES check accepts.
        let ocsp = OCSPResponseCache { certificate, now in pki.ocspResponse(for: certificate, now: now) }
        let signature = PrescriptionSignature(trustStore: pki.trustStore) { certificate, now in
            await ocsp.response(for: certificate, now: now)
        }
        // $close receipts: C.FD.SIG is the PKI's fd-sig identity, its OCSP responses come from the PKI's responder.
        // The patient copy of $activate (A_19029-06) is signed by the same identity, naming the server's Device.
        let workflow = WorkflowService(
            store: store,
            clock: SystemClock(),
            prescriptionSignature: signature,
            receiptSigner: try ReceiptSigner(testPKI: pki),
            patientCopySigner: try PatientCopySigner(testPKI: pki, deviceReference: publicURL + "/Device/1")
        )
        return ServeSetup(pkiDirectory: pkiDirectory, pki: pki, idpSigner: idpSigner, workflow: workflow, createdPKI: created)
    }

    /// The start-up text: what is served, where the PKI is, and the identities a developer can use.
    func banner(host: String, port: Int, publicURL: String) -> String {
        """
        erezept Fachdienst
          listening   http://\(host):\(port)  (plain HTTP FHIR endpoints at the root)
          public URL  \(publicURL)  (token audience)
          data        \(pkiDirectory.deletingLastPathComponent().path)  (SQLite storage.sqlite, key storage.key)
          test PKI    \(pkiDirectory.path)\(createdPKI ? "  (created now)" : "")
          endpoints   GET /metadata, /Task, /Task/{id}, /AuditEvent, /MedicationDispense;
                      POST /Task/$create, /Task/{id}/$activate|$accept|$reject|$dispense|$close|$abort;
                      OCSP (no token): POST /ocsp, GET /ocsp/{base64 request}
          VAU         POST /VAU/{pseudonym} (the same FHIR routes, encrypted; no outer token);
                      GET /VAUCertificate, /VAUCertificateOCSPResponse, /CertList, /OCSPList
          IDP         \(publicURL)/idp/.well-known/openid-configuration  (docs/idp.md; no token)
                      GET|POST /idp/sign_response, POST /idp/token, GET /idp/jwks;
                      clients gematikTestPs (http://test-ps.gematik.de/erezept), eRezeptApp (https://redirect.gematik.de/erezept)

        Identities (docs/test-pki.md; tokens are signed with idp-sig):
        \(pki.identityTable)

        """
    }
}
