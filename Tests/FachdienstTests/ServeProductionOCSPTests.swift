// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// `erezept serve --profile production` fetches C.FD.SIG's OCSP answer at start from the responder named in its AIA:
/// here the `/ocsp` of a local-profile `erezept serve` whose test PKI provides the key material.
@Suite("erezept serve --profile production: OCSP of C.FD.SIG over HTTP", .serialized)
struct ServeProductionOCSPTests {
    private static func productionArguments(pki: URL, data: URL, port: Int) -> [String] {
        func file(_ path: String) -> String { pki.appendingPathComponent(path).path }
        return [
            "--profile", "production", "--data", data.path, "--port", String(port),
            "--vau-key", file("keys/fd-enc.key.pem"), "--vau-cert", file("certs/fd-enc.pem"),
            "--sig-key", file("keys/fd-sig.key.pem"), "--sig-cert", file("certs/fd-sig.pem"),
            "--idp-cert", file("certs/idp-sig.pem"), "--trust-anchors", file("certs/root-ca.pem"),
            "--ca-certs", file("certs/komp-ca.pem"),
        ]
    }

    @Test("responder up: the start banner reports C.FD.SIG good; responder down: it reports that $close answers 503")
    func ocspAtStart() async throws {
        let directory = try ErezeptProcess.temporaryDirectory("serve-production-ocsp")
        defer { try? FileManager.default.removeItem(at: directory) }
        let localPort = Int.random(in: 20_000...40_000)
        let ocspURL = "http://127.0.0.1:\(localPort)/ocsp"
        let local = try ErezeptProcess.Server(["--data", directory.appendingPathComponent("local").path, "--port", String(localPort)])
        defer { local.process.terminate() }
        try await local.waitUntilAnswering("http://127.0.0.1:\(localPort)/metadata")
        let pki = directory.appendingPathComponent("local/pki")

        let port = Int.random(in: 40_001...60_000)
        let production = try ErezeptProcess.Server(Self.productionArguments(pki: pki, data: directory.appendingPathComponent("prod"), port: port))
        defer { production.process.terminate() }
        // Stopped only once it listens: SIGTERM is handled from then on.
        try await production.waitForOutput("Server started and listening")
        #expect(production.text.contains("OCSP        \(ocspURL) (C.FD.SIG good, refreshed hourly)"), "\(production.text)")
        #expect(try await production.stop() == 0)

        #expect(try await local.stop() == 0)
        let alone = try ErezeptProcess.Server(Self.productionArguments(pki: pki, data: directory.appendingPathComponent("prod"), port: port))
        defer { alone.process.terminate() }
        try await alone.waitForOutput("Server started and listening")
        #expect(alone.text.contains("\(ocspURL) does not answer for C.FD.SIG yet: $close answers 503"), "\(alone.text)")
        #expect(try await alone.stop() == 0)
    }
}
