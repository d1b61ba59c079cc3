// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A FHIR package (`package.tgz`) from `../shared/fhir-packages`, unpacked with the system's `tar`.
struct FHIRPackage {
    let name: String
    /// The JSON resources of the package, parsed by Foundation.
    let resources: [[String: Any]]

    static let root = ExampleCorpus.root.deletingLastPathComponent().appendingPathComponent("fhir-packages")

    /// The packages whose folder name starts with `prefix`.
    static func named(_ prefix: String) throws -> [FHIRPackage] {
        try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0.hasPrefix(prefix) }
            .sorted()
            .map { try FHIRPackage(folder: $0) }
    }

    init(folder: String) throws {
        name = folder
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fhir-package-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = [
            "tar", "-xzf", FHIRPackage.root.appendingPathComponent(folder).appendingPathComponent("package.tgz").path, "-C", scratch.path,
        ]
        try tar.run()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
        let directory = scratch.appendingPathComponent("package")
        resources = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") && $0 != "package.json" && !$0.hasPrefix(".") }
            .compactMap { file in
                let data = try Data(contentsOf: directory.appendingPathComponent(file))
                return try JSONSerialization.jsonObject(with: data) as? [String: Any]
            }
    }

    /// The profiles (constraining StructureDefinitions) of the package.
    var profiles: [[String: Any]] {
        resources.filter { $0["resourceType"] as? String == "StructureDefinition" && $0["derivation"] as? String == "constraint" }
    }
}
