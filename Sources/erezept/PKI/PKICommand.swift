// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import TICrypto

/// `erezept pki`: create and maintain the generated test PKI (docs/test-pki.md).
struct PKICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pki",
        abstract: "Create and maintain the brainpoolP256r1 test PKI.",
        subcommands: [PKIInitCommand.self, PKIListCommand.self, PKIImportAnchorsCommand.self, PKIRevokeCommand.self]
    )
}
