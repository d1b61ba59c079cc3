// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Fachdienst
import Foundation
import Hummingbird
import Storage
import TICrypto
import Workflow

extension ServeCommand {
    /// `--profile production`: the Fachdienst on the key material of ``ProductionKeyOptions``, SQLite in the data
    /// directory, FHIR only through the VAU, no IDP and no OCSP responder of its own; OCSP answers come from the
    /// responders named in the certificates (``OCSPClient``).
    func runProduction(publicURL base: String) async throws {
        let material: ProductionKeyMaterial
        do {
            material = try ProductionKeyMaterial.load(production)
        } catch {
            StandardStreams.writeError("erezept serve: \(error)")
            throw ExitCode.validationFailure
        }
        // OCSP answers come from the responder named in each certificate's AIA, each kept for an hour: C.FD.SIG's for
        // every receipt (A_22919: at most 24 h old, else $close answers 503), the HBA's for a QES that arrives without
        // one (else $activate answers TIFLOW_OCSP_BACKEND_ERROR). A QES with an embedded answer needs no request.
        let ocspClient = OCSPClient(timeout: 5)
        let issuers = material.caCertificates + material.trustStore.anchors + material.trustStore.intermediates
        let receiptOCSP = ocspClient.cachedSource(issuers: issuers)
        let prescriptionOCSP = ocspClient.cachedSource(issuers: issuers)
        let workflow: WorkflowService
        do {
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let store = try SQLiteWorkflowStore(directory: data)
            let signer = try CMSSigner(
                key: material.signatureKey,
                certificateDER: material.signatureCertificate.derEncoded,
                chainDER: material.caCertificates.filter { $0.subjectDER == material.signatureCertificate.issuerDER }.map(\.derEncoded)
            )
            workflow = WorkflowService(
                store: store,
                clock: SystemClock(),
                prescriptionSignature: PrescriptionSignature(trustStore: material.trustStore, ocspSource: prescriptionOCSP),
                receiptSigner: try ReceiptSigner(signer: signer, ocspSource: receiptOCSP),
                patientCopySigner: try PatientCopySigner(
                    key: material.signatureKey,
                    certificateDER: material.signatureCertificate.derEncoded,
                    deviceReference: base + "/Device/1"
                )
            )
        } catch {
            StandardStreams.writeError("erezept serve: \(error)")
            throw ExitCode.failure
        }
        // The first C.FD.SIG answer is fetched now, so that the operator sees at start whether receipts can be signed.
        let ocspStatus = await Self.ocspStatus(of: material.signatureCertificate, source: receiptOCSP)
        let configuration = FachdienstConfiguration(
            hostname: host,
            port: port,
            idpSignerCertificate: material.idpSignerCertificate,
            audience: production.audience ?? base,
            publicBaseURL: base,
            vau: material.vau,
            plainEndpoints: false
        )
        StandardStreams.writeOutput(
            Array(
                """
                erezept Fachdienst (production profile)
                  listening   http://\(host):\(port)  (FHIR only through POST /VAU/{pseudonym})
                  public URL  \(base)
                  audience    \(configuration.audience)
                  data        \(data)  (SQLite storage.sqlite, key storage.key)
                  outside VAU GET /VAUCertificate, /CertList, GET /metadata
                  OCSP        \(ocspStatus)

                """.utf8
            )
        )
        let app = try buildApplication(configuration: configuration, workflow: workflow)
        try await app.runService()
    }

    /// One line on the OCSP answer for C.FD.SIG at start: the responder and whether it answered `good`; also fills the
    /// cache of `source`.
    static func ocspStatus(of certificate: TelematikCertificate, source: ReceiptSigner.OCSPSource) async -> String {
        guard let url = try? OCSPClient.responderURL(of: certificate) else {
            return "C.FD.SIG names no OCSP responder: every $close answers 503 (A_22919)"
        }
        guard let response = await source(certificate, Date()), let basic = response.basicResponse else {
            return "\(url.absoluteString) does not answer for C.FD.SIG yet: $close answers 503 until it does (A_22919)"
        }
        let good = basic.responses.allSatisfy { $0.status == .good }
        return "\(url.absoluteString) (C.FD.SIG \(good ? "good" : "not good: $close answers 503"), refreshed hourly)"
    }
}
