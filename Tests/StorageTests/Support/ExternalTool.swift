// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Runs Python `cryptography` as an independent oracle for the at-rest format.
///
/// A missing tool is a test failure with installation advice, never a silent skip: CI installs it.
enum ExternalTool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Output {
        var status: Int32
        var standardOutput: [UInt8]
        var standardError: String

        var text: String { String(decoding: self.standardOutput, as: UTF8.self) }
    }

    /// The absolute path of `name` in `PATH`.
    static func locate(_ name: String, installHint: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(description: "interop oracle `\(name)` not found in PATH; install it (\(installHint))")
    }

    /// Runs `name arguments…` and collects its output.
    static func run(_ name: String, _ arguments: [String], installHint: String) throws -> Output {
        let executable = try self.locate(name, installHint: installHint)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("storage-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
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

    /// Runs `python3 arguments…` after checking that the `cryptography` package imports; throws unless it exits with 0.
    static func python(_ arguments: [String]) throws -> Output {
        let hint = "apt-get install python3-cryptography, or pip install cryptography"
        let check = try self.run("python3", ["-c", "import cryptography"], installHint: hint)
        guard check.status == 0 else {
            throw Failure(description: "Python package `cryptography` is missing (\(hint)): \(check.standardError)")
        }
        let output = try self.run("python3", arguments, installHint: hint)
        guard output.status == 0 else {
            throw Failure(description: "python3 exited \(output.status): \(output.standardError)")
        }
        return output
    }
}
