// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Runs independent implementations (the `openssl` CLI, Python `cryptography`) as interop oracles, for every test
/// target.
///
/// A missing tool is a test failure with installation advice, never a silent skip: CI installs them.
public enum ExternalTool {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) { self.description = description }
    }

    public struct Output {
        public var status: Int32
        public var standardOutput: [UInt8]
        public var standardError: String

        public var text: String { String(decoding: self.standardOutput, as: UTF8.self) }

        public init(status: Int32, standardOutput: [UInt8], standardError: String) {
            self.status = status
            self.standardOutput = standardOutput
            self.standardError = standardError
        }
    }

    /// The absolute path of `name` in `PATH`.
    public static func locate(_ name: String, installHint: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(description: "interop oracle `\(name)` not found in PATH; install it (\(installHint))")
    }

    /// Runs `name arguments…` with `input` on stdin.
    public static func run(_ name: String, _ arguments: [String], input: [UInt8] = [], installHint: String) throws -> Output {
        let executable = try self.locate(name, installHint: installHint)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ticrypto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("in")
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        try Data(input).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: Array(try Data(contentsOf: outURL)),
            standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }

    /// Runs `openssl arguments…` and throws unless it exits with 0.
    @discardableResult
    public static func openssl(_ arguments: [String], input: [UInt8] = []) throws -> Output {
        let output = try self.run("openssl", arguments, input: input, installHint: "apt-get install openssl")
        guard output.status == 0 else {
            throw Failure(description: "openssl \(arguments.joined(separator: " ")) exited \(output.status): \(output.standardError)")
        }
        return output
    }

    /// Runs `python3 arguments…` after checking that the `cryptography` package imports; throws unless it exits with 0.
    @discardableResult
    public static func python(_ arguments: [String], input: [UInt8] = []) throws -> Output {
        let hint = "apt-get install python3-cryptography, or pip install cryptography"
        let check = try self.run("python3", ["-c", "import cryptography"], installHint: hint)
        guard check.status == 0 else {
            throw Failure(description: "Python package `cryptography` is missing (\(hint)): \(check.standardError)")
        }
        let output = try self.run("python3", arguments, input: input, installHint: hint)
        guard output.status == 0 else {
            throw Failure(description: "python3 \(arguments.joined(separator: " ")) exited \(output.status): \(output.standardError)")
        }
        return output
    }
}
