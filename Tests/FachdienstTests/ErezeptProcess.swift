// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The built `erezept` as a child process, for the tests of its commands: one-shot runs and a running server.
enum ErezeptProcess {
    /// The built `erezept`, next to the test bundle (`swift build --build-tests`).
    static func binary() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        let binary = directory.appendingPathComponent("erezept")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "erezept not built at \(binary.path)")
        return binary
    }

    /// The result of a finished run.
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Runs `erezept ARGS` to its end (at most `limit`), with standard output and standard error apart.
    static func run(_ arguments: [String], limit: Duration = .seconds(60)) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory
        let out = directory.appendingPathComponent("erezept-\(UUID().uuidString).out")
        let err = directory.appendingPathComponent("erezept-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let process = Process()
        process.executableURL = try self.binary()
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            process.terminate()
            Issue.record("erezept \(arguments.first ?? "") did not finish within \(limit)")
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        )
    }

    /// A running `erezept serve ARGS` with its combined output in a file.
    struct Server {
        let process: Process
        let output: URL
        /// Whether ``stop()`` removes the output file (it does unless the caller chose the directory).
        private let removesOutput: Bool

        /// Starts `erezept serve ARGS`; the output goes to a file in `outputDirectory`, or in the temporary directory.
        init(_ arguments: [String], outputIn outputDirectory: URL? = nil) throws {
            removesOutput = outputDirectory == nil
            output = (outputDirectory ?? FileManager.default.temporaryDirectory).appendingPathComponent("serve-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            process = Process()
            process.executableURL = try ErezeptProcess.binary()
            process.arguments = ["serve"] + arguments
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = process.standardOutput
            try process.run()
        }

        var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// Waits (at most 60 s) until `url` answers with any HTTP status; records an issue and throws when the server
        /// exits or never answers.
        func waitUntilAnswering(_ url: String) async throws {
            for _ in 0..<600 {
                guard process.isRunning else { break }
                if let target = URL(string: url), (try? await URLSession.shared.data(from: target)) != nil { return }
                try await Task.sleep(for: .milliseconds(100))
            }
            Issue.record("serve did not answer at \(url): \(text)")
            throw CancellationError()
        }

        /// Waits (at most 60 s) until the output contains `marker`.
        func waitForOutput(_ marker: String) async throws {
            for _ in 0..<600 {
                if text.contains(marker) { return }
                guard process.isRunning else { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            Issue.record("serve never printed \(marker): \(text)")
            throw CancellationError()
        }

        /// Stops with SIGTERM and waits (at most 15 s); returns the exit status, or nil when it kept running.
        @discardableResult
        func stop() async throws -> Int32? {
            process.terminate()
            for _ in 0..<150 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            if removesOutput { try? FileManager.default.removeItem(at: output) }
            return process.isRunning ? nil : process.terminationStatus
        }

        /// Sends SIGKILL and waits (at most 5 s) until the process is gone.
        func kill() async throws {
            _ = Foundation.kill(process.processIdentifier, SIGKILL)
            for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        }
    }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ prefix: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
