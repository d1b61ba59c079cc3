// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import Testing

/// `erezept serve --profile production` as a process: it never generates key material and refuses to start without
/// real key files, with a message naming what is missing and a non-zero status.
@Suite("erezept serve --profile production: start-up checks")
struct ServeProductionProfileTests {

    /// Runs `erezept serve ARGS` and returns its exit status and combined output (at most 30 s).
    private static func serve(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = try ErezeptProcess.binary()
        process.arguments = ["serve"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        try process.run()
        for _ in 0..<300 where process.isRunning { try await _Concurrency.Task.sleep(for: .milliseconds(100)) }
        if process.isRunning {
            process.terminate()
            Issue.record("serve --profile production kept running")
        }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    private static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-production-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("without key files: non-zero exit, every missing option named, nothing generated")
    func refusesWithoutKeys() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data")
        let (status, output) = try await Self.serve(["--profile", "production", "--data", data.path, "--port", "0"])
        #expect(status != 0)
        #expect(output.contains("--profile production needs real key material"))
        for flag in ["--vau-key", "--vau-cert", "--sig-key", "--sig-cert", "--idp-cert", "--trust-anchors"] {
            #expect(output.contains(flag), "\(flag) not named")
        }
        // No test PKI, no storage: nothing was created.
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("pki").path))
        #expect(!FileManager.default.fileExists(atPath: data.path))
    }

    @Test("a key that does not belong to its certificate is refused")
    func refusesForeignKey() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pki = directory.appendingPathComponent("pki")
        try TestPKI.generate(seed: 3).write(to: pki)
        func file(_ path: String) -> String { pki.appendingPathComponent(path).path }
        let (status, output) = try await Self.serve([
            "--profile", "production", "--data", directory.appendingPathComponent("data").path, "--port", "0",
            "--vau-key", file("keys/fd-sig.key.pem"), "--vau-cert", file("certs/fd-enc.pem"),
            "--sig-key", file("keys/fd-sig.key.pem"), "--sig-cert", file("certs/fd-sig.pem"),
            "--idp-cert", file("certs/idp-sig.pem"), "--trust-anchors", file("certs/root-ca.pem"),
        ])
        #expect(status != 0)
        #expect(output.contains("--vau-key does not belong to the certificate of --vau-cert"))
    }

    @Test("the local profile refuses production key options instead of ignoring them")
    func localRefusesKeyOptions() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (status, output) = try await Self.serve(["--data", directory.appendingPathComponent("data").path, "--port", "0", "--vau-key", "x.pem"])
        #expect(status != 0)
        #expect(output.contains("belong to --profile production"))
    }
}
