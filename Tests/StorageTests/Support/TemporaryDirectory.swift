// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A fresh directory under the system's temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
    let path: String

    init() throws {
        self.path = FileManager.default.temporaryDirectory.appendingPathComponent("storage-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
    }

    /// Writes `contents` to `name` inside the directory with the given POSIX mode.
    @discardableResult
    func write(_ contents: [UInt8], to name: String, mode: Int) throws -> String {
        let file = self.path + "/" + name
        try Data(contents).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    /// The POSIX permission bits of `name`.
    func mode(of name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: self.path + "/" + name)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// The contents of `name`.
    func contents(of name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: self.path + "/" + name)))
    }

    /// The names in the directory.
    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: self.path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: self.path)
    }
}
