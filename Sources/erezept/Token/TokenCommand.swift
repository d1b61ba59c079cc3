// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Foundation
import TICrypto

/// `erezept token`: an access token for an identity of the test PKI, signed by its `idp-sig` key, for curl and
/// tests while the identity provider's card login is not needed.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print an access token for a test PKI identity (development only).",
        discussion: """
            The token carries the claims of the gematik IDP (professionOID, idNummer, names, aud, acr, jti, iat, \
            exp) and is signed BP256R1 with the PKI's idp-sig key, which `erezept serve` trusts. The audience must \
            be the server's public URL.
            """
    )

    @Option(help: ArgumentHelp("The identity, e.g. practice-a, pharmacy-a, insurant-a.", valueName: "name"))
    var identity: String

    @Option(help: ArgumentHelp("The PKI directory.", valueName: "dir"))
    var pki: String = ".erezept/pki"

    @Option(help: ArgumentHelp("The token audience: the server's public URL.", valueName: "url"))
    var audience: String = "http://127.0.0.1:8080"

    @Option(help: ArgumentHelp("Seconds until the token expires.", valueName: "seconds"))
    var lifetime: Int = 300

    func run() throws {
        try CommandErrors.reporting("erezept token") {
            let testPKI = try TestPKI.load(from: URL(fileURLWithPath: pki))
            let token = try testPKI.accessToken(for: identity, audience: audience, lifetime: TimeInterval(lifetime))
            StandardStreams.writeOutput(Array((token + "\n").utf8))
        }
    }
}
