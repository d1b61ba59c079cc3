// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Foundation
import TICrypto

/// `erezept pki import-anchors`: copies outside CA certificates (PEM or DER) into the PKI's `anchors/`.
struct PKIImportAnchorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-anchors",
        abstract: "Import trust anchors (CA certificates, PEM or DER) into a test PKI.",
        discussion: "Every file must parse and hold only CA certificates; otherwise nothing is written. Importing twice changes nothing."
    )

    @Option(help: ArgumentHelp("The PKI directory.", valueName: "dir"))
    var pki: String

    @Argument(help: ArgumentHelp("Certificate files, PEM or DER.", valueName: "file"))
    var files: [String]

    func run() throws {
        try CommandErrors.reporting("erezept pki") {
            let directory = URL(fileURLWithPath: pki)
            var loaded = try TestPKI.load(from: directory)
            var certificates: [TelematikCertificate] = []
            for path in files {
                let bytes = try InputFile(path: path).read()
                do {
                    certificates += try TestPKI.certificates(fileContents: bytes)
                } catch let error as TICryptoError {
                    throw TICryptoError(error.code, reason: "\(path): \(error.reason)")
                }
            }
            let added = try loaded.importAnchors(certificates)
            try loaded.writeAnchors(to: directory)
            var lines = added.map { "imported \($0.subject)\n" }
            lines.append("\(added.count) new, \(certificates.count - added.count) already present\n")
            StandardStreams.writeOutput(Array(lines.joined().utf8))
        }
    }
}
