// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto
import TestSupport
import Testing

/// Runs the built `erezept` executable, which SwiftPM places next to the test bundle (`swift build --build-tests`).
enum ErezeptBinary {
    static func url() throws -> URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        // On Apple platforms the runner sits inside `*.xctest/Contents/MacOS`.
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        let binary = directory.appendingPathComponent("erezept")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw ExternalTool.Failure(description: "erezept executable not found at \(binary.path); run `swift build --build-tests` first")
        }
        return binary
    }

    /// Runs `erezept arguments…` and returns its exit status and output.
    static func run(_ arguments: [String]) throws -> ExternalTool.Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("erezept-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return ExternalTool.Output(
            status: process.terminationStatus,
            standardOutput: Array(try Data(contentsOf: outURL)),
            standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }
}

@Suite("erezept pki: the command line over the built executable")
struct PKICommandLineTests {
    @Test("init writes the seeded PKI byte for byte as the library does and prints the table; a second init fails")
    func initCommand() throws {
        try withPKIDirectory { directory in
            let cli = directory.appendingPathComponent("cli")
            let library = directory.appendingPathComponent("library")
            let output = try ErezeptBinary.run(["pki", "init", "--out", cli.path, "--seed", String(SeededPKI.seed)])
            #expect(output.status == 0)
            #expect(output.text.contains("pharmacy-a"))
            #expect(output.text.contains("3-SMC-B-Testkarte-883110000116873"))
            try SeededPKI.get().write(to: library)
            #expect(try fileContents(below: cli) == fileContents(below: library))

            let again = try ErezeptBinary.run(["pki", "init", "--out", cli.path, "--seed", "1"])
            #expect(again.status != 0)
            #expect(again.standardError.hasPrefix("erezept pki: "))
            #expect(again.standardError.split(separator: "\n").count == 1)
            #expect(try fileContents(below: cli) == fileContents(below: library))

            let forced = try ErezeptBinary.run(["pki", "init", "--out", cli.path, "--force"])
            #expect(forced.status == 0)
            #expect(try fileContents(below: cli) != fileContents(below: library))
            #expect(try GeneratedPKI.load(from: cli).identities.count == SeededPKI.get().identities.count)
        }
    }

    @Test("list, revoke and import-anchors; errors are one line on stderr with a non-zero exit")
    func maintenanceCommands() throws {
        try withPKIDirectory { directory in
            let pki = directory.appendingPathComponent("pki")
            try SeededPKI.get().write(to: pki)
            let list = try ErezeptBinary.run(["pki", "list", "--pki", pki.path])
            #expect(list.status == 0)
            #expect(list.text.contains("K030182229"))

            let revoke = try ErezeptBinary.run(["pki", "revoke", "--pki", pki.path, "doctor-b", "--reason", "keyCompromise"])
            #expect(revoke.status == 0)
            let revocations = try GeneratedPKI.load(from: pki).revocations
            #expect(revocations.map(\.name) == ["doctor-b"])
            #expect(revocations.first?.reason == .keyCompromise)
            for arguments in [["doctor-b"], ["nobody"], ["doctor-a", "--reason", "bogus"]] {
                let failed = try ErezeptBinary.run(["pki", "revoke", "--pki", pki.path] + arguments)
                #expect(failed.status != 0)
                #expect(failed.standardError.split(separator: "\n").count == 1)
            }

            let foreign = try GeneratedPKI.generate(seed: 3)
            let derFile = directory.appendingPathComponent("foreign-root.der")
            try Data(try foreign.identity(named: "root-ca").certificate.derEncoded).write(to: derFile)
            let pemFile = directory.appendingPathComponent("foreign-ca.pem")
            try Data(try foreign.identity(named: "komp-ca").certificate.pemEncoded.utf8).write(to: pemFile)
            let leafFile = directory.appendingPathComponent("leaf.pem")
            try Data(try foreign.identity(named: "doctor-a").certificate.pemEncoded.utf8).write(to: leafFile)

            let refused = try ErezeptBinary.run(["pki", "import-anchors", "--pki", pki.path, derFile.path, leafFile.path])
            #expect(refused.status != 0)
            #expect(refused.standardError.contains("not a CA certificate"))
            #expect(try GeneratedPKI.load(from: pki).anchors.isEmpty)

            #expect(try ErezeptBinary.run(["pki", "import-anchors", "--pki", pki.path, derFile.path, pemFile.path]).status == 0)
            let anchorFiles = try FileManager.default.contentsOfDirectory(atPath: pki.appendingPathComponent("anchors").path).sorted()
            #expect(anchorFiles.count == 2)
            #expect(try ErezeptBinary.run(["pki", "import-anchors", "--pki", pki.path, pemFile.path]).status == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: pki.appendingPathComponent("anchors").path).sorted() == anchorFiles)

            let missing = try ErezeptBinary.run(["pki", "list", "--pki", directory.appendingPathComponent("none").path])
            #expect(missing.status != 0)
            #expect(missing.standardError.split(separator: "\n").count == 1)
        }
    }
}
