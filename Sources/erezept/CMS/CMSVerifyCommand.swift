// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Foundation
import TICrypto

/// `erezept cms verify`: checks a CMS signature, and with `--pki` the signer's chain and revocation status.
struct CMSVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a CMS signature; with --pki also the signer's certificate chain and OCSP status.",
        discussion: """
            Prints the signer, its professionOID, the signing time, the chain status and the revocation status. \
            Exit code 0 only when the signature holds and, with --pki, the chain holds at the reference time too. \
            Without --pki only the mathematics is checked. The chain is checked against the PKI's root and its \
            imported anchors; the OCSP status comes from a response embedded in the CMS or from the PKI's responder.
            """
    )

    @Option(help: ArgumentHelp("Check the chain against this test PKI (its root and imported anchors).", valueName: "dir"))
    var pki: String?

    @Option(help: ArgumentHelp("The reference time of the chain check: signing-time, now or an ISO 8601 date.", valueName: "time"))
    var at: String = "signing-time"

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Write the signed content here whenever the structure parses.", valueName: "file"))
    var content: String?

    @Argument(help: "The CMS signature (DER or BER), or - for standard input.")
    var file: String

    func run() throws {
        var passed = false
        try CommandErrors.reporting("erezept cms verify") {
            let reference = try ReferenceTime(at)
            let signedData = try CMSSignedData(derEncoded: try InputFile(path: file).read())
            if let content { try Output.write(signedData.content, to: content) }
            let trust = try pki.map { path throws(TICryptoError) in try TestPKI.load(from: URL(fileURLWithPath: path)) }
            let report = CMSVerifier(testPKI: trust, reference: reference, now: Date()).report(for: signedData)
            StandardStreams.writeOutput(json ? report.json : Array(report.text.utf8))
            passed = report.passed
        }
        if !passed { throw ExitCode.failure }
    }
}
