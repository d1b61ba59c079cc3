// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Foundation
import PrimarySystemKit
import TICrypto

/// `erezept login`: the card login at the IDP of a running `erezept serve` with a software card of the test PKI, as a
/// primary system does it (docs/idp.md); prints the claims of the decrypted access token.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Log in at the IDP with a test PKI identity and print the access token's claims.",
        discussion: """
            Fetches URL/idp/.well-known/openid-configuration, checks its signer against the PKI's trust anchors, \
            signs the challenge with the identity's key (software card), exchanges the code with PKCE S256 and a \
            key verifier, and decrypts the tokens. The claims are printed as JSON; with --token the access token \
            (the JWS for Authorization: Bearer) follows on its own line. The identity needs an Admission with a \
            profession and an ID number: practice-a, pharmacy-a, doctor-a, insurant-a, …
            """
    )

    @Option(help: ArgumentHelp("The identity whose key signs the challenge, e.g. practice-a.", valueName: "name"))
    var identity: String

    @Option(help: ArgumentHelp("The PKI directory with the identity and the trust anchors.", valueName: "dir"))
    var pki: String = ".erezept/pki"

    @Option(help: ArgumentHelp("The public URL of the server running the IDP.", valueName: "url"))
    var url: String = "http://127.0.0.1:8080"

    @Option(name: .customLong("client-id"), help: ArgumentHelp("The registered client.", valueName: "id"))
    var clientID: String = "gematikTestPs"

    @Option(name: .customLong("redirect-uri"), help: ArgumentHelp("The client's registered redirect URI.", valueName: "uri"))
    var redirectURI: String = "http://test-ps.gematik.de/erezept"

    @Flag(help: "Also print the access token.")
    var token = false

    func run() async throws {
        let testPKI: TestPKI
        let card: SoftwareCard
        do {
            testPKI = try TestPKI.load(from: URL(fileURLWithPath: pki))
            card = try SoftwareCard(testPKI: testPKI, identity: identity)
        } catch {
            StandardStreams.writeError("erezept login: \(error.reason.isEmpty ? error.code.description : error.reason) [\(error.code)]")
            throw ExitCode.failure
        }
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        guard let discovery = URL(string: base + "/idp/.well-known/openid-configuration") else {
            StandardStreams.writeError("erezept login: \(url) is not a URL")
            throw ExitCode.validationFailure
        }
        let client = IDPClient(
            configuration: IDPClient.Configuration(
                discoveryURL: discovery,
                trustStore: testPKI.trustStore,
                clientID: clientID,
                redirectURI: redirectURI
            ),
            card: card
        )
        do {
            let login = try await client.login()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var output = Array(try encoder.encode(login.claims)) + [UInt8(ascii: "\n")]
            if token { output += Array((try await client.accessToken() + "\n").utf8) }
            StandardStreams.writeOutput(output)
            await client.logout()
        } catch let error as PrimarySystemError {
            StandardStreams.writeError("erezept login: \(identity) could not log in at \(base): \(error)")
            throw ExitCode.failure
        }
    }
}
