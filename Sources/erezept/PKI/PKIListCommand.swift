// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Foundation
import TICrypto

/// `erezept pki list`: prints the identities of a test PKI.
struct PKIListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the identities of a test PKI."
    )

    @Option(help: ArgumentHelp("The PKI directory.", valueName: "dir"))
    var pki: String

    func run() throws {
        try CommandErrors.reporting("erezept pki") {
            let loaded = try TestPKI.load(from: URL(fileURLWithPath: pki))
            var text = loaded.identityTable
            if !loaded.anchors.isEmpty {
                text += "\nImported anchors:\n" + loaded.anchors.map { "  \($0.subject)\n" }.joined()
            }
            StandardStreams.writeOutput(Array(text.utf8))
        }
    }
}
