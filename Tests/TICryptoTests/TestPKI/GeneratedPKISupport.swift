// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto

/// The library's test PKI; the test target has an OpenSSL-CLI-made `TestPKI` of its own, hence the alias.
typealias GeneratedPKI = TICrypto.TestPKI

/// Seeded PKIs are generated once per process: generation signs 24 certificates.
enum SeededPKI {
    static let seed: UInt64 = 20_250_101
    static let shared: Result<GeneratedPKI, TICryptoError> = Result { () throws(TICryptoError) in try GeneratedPKI.generate(seed: seed) }

    static func get() throws -> GeneratedPKI { try shared.get() }
}

/// A fresh temporary directory for `body`, removed afterwards.
func withPKIDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("test-pki-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// Every regular file below `directory`, as relative path → bytes.
func fileContents(below directory: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let base = directory.resolvingSymlinksInPath().path
    guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return result }
    for case let url as URL in enumerator {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
        let path = url.resolvingSymlinksInPath().path
        result[String(path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
    }
    return result
}
