// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Foundation
import TICrypto

/// `erezept pki init`: generates a new test PKI into a directory and prints its identities.
struct PKIInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Generate a test PKI (root, issuing CAs, HBA, SMC-B, eGK and service identities).",
        discussion: """
            With --seed the PKI is reproducible byte for byte; without, keys and serial numbers are random. \
            Refuses to replace an existing PKI unless --force is given.
            """
    )

    @Option(help: ArgumentHelp("The directory to write the PKI to.", valueName: "dir"))
    var out: String

    @Option(help: "Derive every key, serial number and signature from this number.")
    var seed: UInt64?

    @Option(help: "The OCSP responder URL written into the certificates.")
    var ocspURL: String = TestPKI.defaultOCSPURL

    @Flag(help: "Replace an existing PKI in the directory.")
    var force = false

    func run() throws {
        try CommandErrors.reporting("erezept pki") {
            let directory = URL(fileURLWithPath: out)
            if TestPKI.exists(at: directory), !force {
                throw TICryptoError(.testPKIExists, reason: "\(out) holds a test PKI already (use --force to replace it)")
            }
            let pki = try TestPKI.generate(seed: seed, ocspURL: ocspURL)
            try pki.write(to: directory, overwrite: force)
            StandardStreams.writeOutput(Array(pki.identityTable.utf8))
        }
    }
}
