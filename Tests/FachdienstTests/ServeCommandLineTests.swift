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
    /// The built `erezept`, next to the test bundle (`swift build --build-tests`).
    private static func binary() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        let binary = directory.appendingPathComponent("erezept")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "erezept not built at \(binary.path)")
        return binary
    }

    /// A running server on `port` with data in `directory`, and its output file.
    private struct Server {
        let process: Process
        let output: URL

        init(directory: URL, port: Int) throws {
            output = directory.appendingPathComponent("serve-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            process = Process()
            process.executableURL = try ServeCommandLineTests.binary()
            process.arguments = ["serve", "--data", directory.appendingPathComponent("data").path, "--port", String(port)]
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = process.standardOutput
            try process.run()
        }

        var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// Stops with SIGTERM and returns the exit status, or nil when it does not stop within 15 s.
        func stop() async throws -> Int32? {
            process.terminate()
            for _ in 0..<150 where process.isRunning { try await _Concurrency.Task.sleep(for: .milliseconds(100)) }
            return process.isRunning ? nil : process.terminationStatus
        }
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
    private func waitUntilReady(_ server: Server, base: String, pki: URL) async throws -> TestPKI {
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

        let first = try Server(directory: directory, port: port)
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

        let second = try Server(directory: directory, port: port)
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
