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
    /// directory, FHIR only through the VAU, no IDP and no OCSP responder of its own.
    func runProduction(publicURL base: String) async throws {
        let material: ProductionKeyMaterial
        do {
            material = try ProductionKeyMaterial.load(production)
        } catch {
            StandardStreams.writeError("erezept serve: \(error)")
            throw ExitCode.validationFailure
        }
        let workflow: WorkflowService
        do {
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let store = try SQLiteWorkflowStore(directory: data)
            // No OCSP client yet: a QES must carry its OCSP answer (as the Konnektor embeds it), receipts go out without.
            let signer = try CMSSigner(
                key: material.signatureKey,
                certificateDER: material.signatureCertificate.derEncoded,
                chainDER: material.caCertificates.filter { $0.subjectDER == material.signatureCertificate.issuerDER }.map(\.derEncoded)
            )
            workflow = WorkflowService(
                store: store,
                clock: SystemClock(),
                prescriptionSignature: PrescriptionSignature(trustStore: material.trustStore) { _, _ in nil },
                receiptSigner: try ReceiptSigner(signer: signer, ocspSource: { _, _ in nil }),
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

                """.utf8
            )
        )
        let app = try buildApplication(configuration: configuration, workflow: workflow)
        try await app.runService()
    }
}
