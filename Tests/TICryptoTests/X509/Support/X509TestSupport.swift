// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto

/// The checked-in certificates under `Fixtures/` (see `Fixtures/README.md`), located next to this source file so
/// that the test target needs no resource declaration.
enum X509Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The URL of fixture `name` (e.g. `hba-qes-schrasser.pem`).
    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The text of fixture `name`.
    static func pem(_ name: String) throws -> String { try String(contentsOf: url(name), encoding: .utf8) }

    /// The parsed certificate of fixture `name`.
    static func certificate(_ name: String) throws -> TelematikCertificate {
        try TelematikCertificate(pemEncoded: try pem(name))
    }

    /// All real certificates.
    static let realCertificateNames = [
        "hba-qes-schrasser.pem", "hba-qes-revoked-adamic.pem", "hba-qes-godofsky.pem", "fd-sig-erezept.pem",
    ]
}

/// The project's `shared/` folder, which sits beside the repository (locally and in CI), with the signed examples and
/// FHIR packages the fixtures were taken from. Tests that read it are disabled when it is absent.
enum SharedFolder {
    static let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")

    /// The URL of `relativePath` inside `shared/`.
    static func url(_ relativePath: String) -> URL { url.appendingPathComponent(relativePath) }

    /// Whether `relativePath` exists inside `shared/`.
    static func contains(_ relativePath: String) -> Bool { FileManager.default.fileExists(atPath: url(relativePath).path) }
}

/// Runs the OpenSSL command-line tool, which serves as the independent oracle for the parser.
enum OpenSSLCLI {
    /// The `openssl` executable, if installed.
    static let path: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether the tool is available (tests that need it are disabled otherwise).
    static var isAvailable: Bool { path != nil }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `openssl arguments…` in `directory` and returns standard output; throws with standard error on failure.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> String {
        guard let path else { throw Failure(description: "openssl not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("openssl-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let stderr = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw Failure(description: "openssl \(arguments.joined(separator: " ")) failed: \(stderr)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `openssl x509 -noout <options>` on a PEM file, returning the value after `key=` of the single output line.
    static func x509Field(_ option: String, file: URL, extra: [String] = []) throws -> String {
        let line = try run(["x509", "-in", file.path, "-noout", option] + extra).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let index = line.firstIndex(of: "=") else { return line }
        return String(line[line.index(after: index)...])
    }

    /// Parses OpenSSL's date output (`Nov  4 23:59:59 2023 GMT`).
    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "MMM d HH:mm:ss yyyy 'GMT'"
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return formatter.date(from: collapsed)
    }
}

/// A temporary directory removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("x509-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// A small deterministic generator (SplitMix64) so that fuzz failures can be reproduced from the seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Minimal DER encoding for building certificates by hand in malformed-input tests.
enum DERBuilder {
    /// One TLV with a definite, minimal length (X.690 §10.1).
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [tag]
        if content.count < 0x80 {
            out.append(UInt8(content.count))
        } else {
            var length = content.count
            var bytes: [UInt8] = []
            while length > 0 {
                bytes.insert(UInt8(length & 0xFF), at: 0)
                length >>= 8
            }
            out.append(0x80 | UInt8(bytes.count))
            out += bytes
        }
        return out + content
    }

    static func sequence(_ parts: [UInt8]...) -> [UInt8] { tlv(0x30, parts.flatMap { $0 }) }
    static func set(_ parts: [UInt8]...) -> [UInt8] { tlv(0x31, parts.flatMap { $0 }) }

    static func oid(_ dotted: String) -> [UInt8] {
        let arcs = dotted.split(separator: ".").map { UInt($0)! }
        var content: [UInt8] = []
        for arc in [arcs[0] * 40 + arcs[1]] + arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 {
                chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            content += chunk
        }
        return tlv(0x06, content)
    }

    static func utf8(_ text: String) -> [UInt8] { tlv(0x0C, Array(text.utf8)) }
    static func printable(_ text: String) -> [UInt8] { tlv(0x13, Array(text.utf8)) }
    static func utcTime(_ text: String) -> [UInt8] { tlv(0x17, Array(text.utf8)) }
    static func generalizedTime(_ text: String) -> [UInt8] { tlv(0x18, Array(text.utf8)) }
    static func octets(_ bytes: [UInt8]) -> [UInt8] { tlv(0x04, bytes) }
    static func bitString(_ bytes: [UInt8], unused: UInt8 = 0) -> [UInt8] { tlv(0x03, [unused] + bytes) }

    /// `Name` with one RDN per attribute.
    static func name(_ attributes: [(String, String)]) -> [UInt8] {
        tlv(0x30, attributes.flatMap { set(sequence(oid($0.0), utf8($0.1))) })
    }

    /// An `Extension`.
    static func `extension`(_ oid: String, critical: Bool = false, value: [UInt8]) -> [UInt8] {
        sequence(self.oid(oid), critical ? tlv(0x01, [0xFF]) : [], octets(value))
    }

    static let ecdsaWithSHA256 = sequence(oid("1.2.840.10045.4.3.2"))

    /// A structurally valid certificate whose parts can be replaced; the signature is not a real one.
    static func certificate(
        version: [UInt8]? = tlv(0xA0, tlv(0x02, [0x02])),
        serial: [UInt8] = tlv(0x02, [0x01, 0x23]),
        innerAlgorithm: [UInt8] = ecdsaWithSHA256,
        outerAlgorithm: [UInt8] = ecdsaWithSHA256,
        notBefore: [UInt8] = utcTime("250101000000Z"),
        notAfter: [UInt8] = generalizedTime("20600101000000Z"),
        subject: [UInt8] = name([("2.5.4.6", "DE"), ("2.5.4.3", "Test Leaf")]),
        extensions: [[UInt8]]? = [],
        trailingTBS: [UInt8] = []
    ) -> [UInt8] {
        let spki = sequence(
            sequence(oid("1.2.840.10045.2.1"), oid("1.3.36.3.3.2.8.1.1.7")),
            bitString([0x04] + [UInt8](repeating: 0x11, count: 64))
        )
        var tbsParts: [UInt8] = (version ?? []) + serial + innerAlgorithm
        tbsParts += name([("2.5.4.6", "DE"), ("2.5.4.3", "Test CA")])
        tbsParts += sequence(notBefore, notAfter) + subject + spki
        if let extensions, !extensions.isEmpty {
            tbsParts += tlv(0xA3, tlv(0x30, extensions.flatMap { $0 }))
        }
        tbsParts += trailingTBS
        return sequence(tlv(0x30, tbsParts), outerAlgorithm, bitString(sequence(tlv(0x02, [0x01]), tlv(0x02, [0x01]))))
    }
}
