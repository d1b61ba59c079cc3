// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// The signed samples in `../shared/fhir-examples/signed`, beside the repository (override: `FHIR_EXAMPLES`).
enum SignedExamples {
    /// The corpus root.
    static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["FHIR_EXAMPLES"] {
            return URL(fileURLWithPath: override)
        }
        // Tests/TICryptoTests/CMS/SignedExamples.swift → repository root → ../shared/fhir-examples (symlinks resolved,
        // so the path also holds when the test folder is linked into another package)
        return URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/fhir-examples")
    }()

    /// The three connector products that signed the same prescription 4fe2013d-… (api-erp `samples/qes/signed`).
    enum Connector: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case kocobox = "KOCOC_kocobox_3.6.0_2.3.24"
        case rise = "RISEG_RKONN_4.8.1_3.0.7"
        case secunet = "SECUN_secu_kon_4.8.2_4.1.3"

        var fileName: String { "signed/4fe2013d-ae94-441a-a1b1-78236ae65680_S_\(self.rawValue).p7" }
        var testDescription: String { self.rawValue }
    }

    /// The bytes of `name` below the root.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    }

    /// The DER inside a base64 file (line breaks ignored).
    static func base64(_ name: String) throws -> [UInt8] {
        let text = String(decoding: try bytes(name), as: UTF8.self).filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: text) else { throw CocoaError(.fileReadCorruptFile) }
        return [UInt8](data)
    }

    /// A signed connector sample.
    static func connector(_ connector: Connector) throws -> [UInt8] {
        try bytes(connector.fileName)
    }

    /// The unsigned source bundle api-erp publishes next to the samples.
    static func qesSource() throws -> [UInt8] {
        try bytes("kbv-bundles/qes-source_4fe2013d-ae94-441a-a1b1-78236ae65680.xml")
    }
}
