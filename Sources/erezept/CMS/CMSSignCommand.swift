// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Foundation
import TICrypto

/// `erezept cms sign`: an enveloping CAdES-BES signature by an identity of the test PKI.
struct CMSSignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a file with an identity of the test PKI (enveloping CAdES-BES, DER).",
        discussion: """
            The signature embeds the content, the signer certificate and its issuing CA, and the signed attributes \
            content type, message digest, signing time and signingCertificateV2. With --embed-ocsp it also carries \
            an OCSP response of the PKI's responder for the signer, as the Fachdienst stores a verified QES.
            """
    )

    @Option(help: ArgumentHelp("The identity that signs, e.g. doctor-a.", valueName: "name"))
    var identity: String

    @Option(help: ArgumentHelp("The PKI directory (made by `erezept pki init`).", valueName: "dir"))
    var pki: String

    @Option(help: ArgumentHelp("Write the signature here instead of to standard output.", valueName: "file"))
    var out: String?

    @Option(
        name: .customLong("signing-time"),
        help: ArgumentHelp("The signing time to sign (ISO 8601 date or date-time); default now.", valueName: "date")
    )
    var signingTime: String?

    @Flag(name: .customLong("embed-ocsp"), help: "Embed an OCSP response of the PKI's responder for the signer.")
    var embedOCSP = false

    @Argument(help: "The file to sign, or - for standard input.")
    var file: String

    func run() throws {
        try CommandErrors.reporting("erezept cms sign") {
            let time = try signingTime.map { text throws(TICryptoError) in try ReferenceTime.date(text) } ?? Date()
            let content = try InputFile(path: file).read()
            let testPKI = try TestPKI.load(from: URL(fileURLWithPath: pki))
            let signer = try testPKI.identity(named: identity)
            let chain = testPKI.chain(of: signer)
            let intermediates = chain.dropFirst().filter { $0.issuerDER != $0.subjectDER }.map(\.derEncoded)
            let cms = try CMSSigner(key: signer.privateKey, certificateDER: signer.certificate.derEncoded, chainDER: intermediates)
            var signature = try cms.sign(content, signingTime: time)
            if embedOCSP {
                signature = try CMSSignedData.embeddingOCSPResponse(try ocspResponse(for: signer, in: testPKI, at: time), in: signature)
            }
            try Output.write(signature, to: out)
        }
    }

    /// A response of the PKI's responder for `signer`, made at `time`.
    private func ocspResponse(for signer: TestPKI.Identity, in testPKI: TestPKI, at time: Date) throws(TICryptoError) -> [UInt8] {
        guard let issuerName = signer.issuer else {
            throw TICryptoError(.invalidParameter, reason: "\(signer.name) is the root; it has no OCSP status")
        }
        let issuer = try testPKI.identity(named: issuerName)
        let request = try OCSPRequest(certIDs: [try OCSPCertID(certificate: signer.certificate, issuer: issuer.certificate)])
        return try testPKI.ocspResponder().respond(to: request, now: time)
    }
}
