// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Foundation
import TICrypto

/// `erezept pki revoke`: records the revocation of an identity's certificate in `revocations.json`.
struct PKIRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Mark an identity's certificate as revoked (read by the OCSP responder)."
    )

    @Option(help: ArgumentHelp("The PKI directory.", valueName: "dir"))
    var pki: String

    @Option(help: ArgumentHelp("The RFC 5280 CRLReason name, e.g. keyCompromise.", valueName: "reason"))
    var reason: String = CRLReason.unspecified.name

    @Argument(help: "The identity name, e.g. doctor-b.")
    var name: String

    func run() throws {
        try CommandErrors.reporting("erezept pki") {
            guard let revocationReason = CRLReason(name: reason) else {
                let known = CRLReason.allCases.map(\.name).joined(separator: ", ")
                throw TICryptoError(.invalidParameter, reason: "unknown reason \(reason); one of: \(known)")
            }
            let directory = URL(fileURLWithPath: pki)
            var loaded = try TestPKI.load(from: directory)
            let entry = try loaded.revoke(name, reason: revocationReason)
            try loaded.writeRevocations(to: directory)
            StandardStreams.writeOutput(
                Array("revoked \(entry.name) (serial \(entry.serial), issuer \(entry.issuer), \(entry.reason.name))\n".utf8)
            )
        }
    }
}
