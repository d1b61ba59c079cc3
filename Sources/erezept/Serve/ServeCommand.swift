// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Fachdienst
import Foundation
import Hummingbird
import IdentityProvider
import Storage
import TICrypto
import Workflow

/// `erezept serve`: the Fachdienst with embedded defaults — SQLite and a generated test PKI in the data directory.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Fachdienst (SQLite, test PKI) on plain HTTP.",
        discussion: """
            On first start the data directory gets a test PKI in DIR/pki (an existing one, e.g. made by \
            `erezept pki init --out DIR/pki`, is kept), the storage key DIR/storage.key and the database \
            DIR/storage.sqlite. Access tokens must be signed by the PKI's idp-sig identity and carry the public URL \
            as their audience. Stop with Ctrl-C (SIGINT) or SIGTERM; requests in flight are completed first.

            --profile production generates nothing: it needs --vau-key, --vau-cert, --sig-key, --sig-cert, --idp-cert             and --trust-anchors, runs no IDP, and serves the FHIR endpoints only through POST /VAU/{pseudonym};             outside the VAU only /VAUCertificate, /VAUCertificateOCSPResponse, /CertList, /OCSPList and GET /metadata             (docs/serve-profiles.md).
            """
    )

    @Option(help: ArgumentHelp("local: test PKI, IDP, plain FHIR and VAU; production: key files, VAU only.", valueName: "profile"))
    var profile: ServeProfile = .local

    @OptionGroup(title: "Production key material")
    var production: ProductionKeyOptions

    @Option(help: ArgumentHelp("The data directory.", valueName: "dir"))
    var data: String = ".erezept"

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "host"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on.", valueName: "port"))
    var port: Int = 8080

    @Option(
        name: .customLong("public-url"),
        help: ArgumentHelp("The base of every absolute URL the server writes and the token audience; default http://HOST:PORT.", valueName: "url")
    )
    var publicURL: String?

    func run() async throws {
        let base = publicURL ?? "http://\(host):\(port)"
        if profile == .production { return try await self.runProduction(publicURL: base) }
        if production.anyGiven {
            StandardStreams.writeError("erezept serve: the key file options belong to --profile production; the local profile uses its test PKI")
            throw ExitCode.validationFailure
        }
        let directory = URL(fileURLWithPath: data)
        let setup: ServeSetup
        do {
            setup = try ServeSetup.prepare(directory: directory, publicURL: base)
        } catch {
            StandardStreams.writeError("erezept serve: \(error)")
            throw ExitCode.failure
        }
        StandardStreams.writeOutput(Array(setup.banner(host: host, port: port, publicURL: base).utf8))
        // The AIA of the PKI's certificates points at BASE/ocsp; the PKI's responder answers there.
        let responder = try setup.pki.ocspResponder()
        let configuration = FachdienstConfiguration(
            hostname: host,
            port: port,
            idpSignerCertificate: setup.idpSigner,
            audience: base,
            publicBaseURL: base,
            ocspResponder: { request, now in responder.respond(to: request, now: now) },
            vau: try VAUConfiguration(testPKI: setup.pki)
        )
        // The IDP (docs/idp.md) at BASE/idp, token-free; its access tokens carry the audience the Fachdienst checks.
        let identityProvider = RouteCollection(context: FachdienstRequestContext.self)
        IdentityProvider(configuration: try IdentityProviderConfiguration(testPKI: setup.pki, publicURL: base, audience: configuration.audience))
            .addRoutes(to: identityProvider)
        let app = try buildApplication(configuration: configuration, workflow: setup.workflow, publicRoutes: identityProvider)
        try await app.runService()
    }
}
