// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A fresh temporary directory for files handed to external tools, removed afterwards.
final class ScratchDirectory {
    let url: URL

    init() throws {
        self.url = FileManager.default.temporaryDirectory.appendingPathComponent("ticrypto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: self.url)
    }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String {
        self.url.appendingPathComponent(name).path
    }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        try Data(bytes).write(to: self.url.appendingPathComponent(name))
        return self.path(name)
    }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        try self.write(Array(text.utf8), to: name)
    }

    /// The contents of `name`.
    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: self.url.appendingPathComponent(name)))
    }
}
