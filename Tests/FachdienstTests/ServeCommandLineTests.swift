// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `erezept serve` as a process: first start creates the PKI and the database, /metadata answers once ready,
/// `$create` works with a token of `erezept token`, SIGTERM stops it cleanly, and a restart keeps the PKI.
@Suite("erezept serve: the server process", .serialized)
struct ServeCommandLineTests {

    /// `erezept serve` on `port` with data in `directory/data`; its output stays in `directory`.
    private static func server(directory: URL, port: Int) throws -> ErezeptProcess.Server {
        try ErezeptProcess.Server(["--data", directory.appendingPathComponent("data").path, "--port", String(port)], outputIn: directory)
    }

    private func request(_ method: String, _ url: String, token: String, body: String? = nil) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/fhir+json", forHTTPHeaderField: "Accept")
        if let body {
            request.setValue("application/fhir+json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Polls /metadata until it answers 200 (at most 60 s).
    private func waitUntilReady(_ server: ErezeptProcess.Server, base: String, pki: URL) async throws -> TestPKI {
        for _ in 0..<600 {
            #expect(server.process.isRunning, "serve exited: \(server.text)")
            if !server.process.isRunning { break }
            if let loaded = try? TestPKI.load(from: pki),
                let token = try? loaded.accessToken(for: "practice-a", audience: base),
                let (status, _) = try? await request("GET", base + "/metadata", token: token), status == 200
            {
                return loaded
            }
            try await _Concurrency.Task.sleep(for: .milliseconds(100))
        }
        Issue.record("serve did not become ready: \(server.text)")
        throw CancellationError()
    }

    @Test("first start, $create, SIGTERM, restart with the same PKI")
    func lifecycle() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = Int.random(in: 20_000...60_000)
        let base = "http://127.0.0.1:\(port)"
        let pkiDirectory = directory.appendingPathComponent("data/pki")

        let first = try Self.server(directory: directory, port: port)
        let pki = try await waitUntilReady(first, base: base, pki: pkiDirectory)
        #expect(first.text.contains("(created now)"))
        #expect(first.text.contains("pharmacy-a"))
        let body = """
            {"resourceType":"Parameters","parameter":[{"name":"workflowType","valueCoding":\
            {"system":"https://gematik.de/fhir/erp/CodeSystem/GEM_ERP_CS_FlowType","code":"160"}}]}
            """
        let practice = try pki.accessToken(for: "practice-a", audience: base)
        let (created, task) = try await request("POST", base + "/Task/$create", token: practice, body: body)
        #expect(created == 201, "\(task)")
        #expect(task.contains("\"status\":\"draft\""))
        let pharmacy = try pki.accessToken(for: "pharmacy-a", audience: base)
        let (refused, _) = try await request("POST", base + "/Task/$create", token: pharmacy, body: body)
        #expect(refused == 403)
        #expect(try await first.stop() == 0, "\(first.text)")

        let second = try Self.server(directory: directory, port: port)
        let reloaded = try await waitUntilReady(second, base: base, pki: pkiDirectory)
        #expect(!second.text.contains("(created now)"))
        #expect(try reloaded.identity(named: "doctor-a").certificate == pki.identity(named: "doctor-a").certificate)
        let practiceAgain = try reloaded.accessToken(for: "practice-a", audience: base)
        let (again, next) = try await request("POST", base + "/Task/$create", token: practiceAgain, body: body)
        #expect(again == 201)
        #expect(next != task)
        #expect(try await second.stop() == 0, "\(second.text)")
    }
}
