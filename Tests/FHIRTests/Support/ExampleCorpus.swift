// SPDX-License-Identifier: Apache-2.0

import Foundation

/// The gematik example files in `../shared/fhir-examples`, beside the repository.
enum ExampleCorpus {
    /// The folder holding the examples.
    static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["FHIR_EXAMPLES"] {
            return URL(fileURLWithPath: override)
        }
        // Tests/FHIRTests/Support/ExampleCorpus.swift → repository root → ../shared/fhir-examples
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/fhir-examples")
    }()

    /// Every FHIR file (XML and JSON), `invalid/` excluded, sorted by path.
    static func fhirFiles() throws -> [URL] {
        try files().filter { !$0.path.contains("/invalid/") }
    }

    /// The files of `invalid/`.
    static func invalidFiles() throws -> [URL] {
        try files().filter { $0.path.contains("/invalid/") }
    }

    private static func files() throws -> [URL] {
        guard FileManager.default.fileExists(atPath: root.path),
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        else {
            throw CocoaError(.fileNoSuchFile)
        }
        return enumerator.compactMap { $0 as? URL }
            .filter { ["xml", "json"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }

    /// The path below the corpus root, for messages.
    static func name(of url: URL) -> String {
        String(url.path.dropFirst(root.path.count + 1))
    }

    static func bytes(of url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }
}
