// SPDX-License-Identifier: Apache-2.0

internal import Foundation

/// File-system access for the test PKI, with every Foundation error turned into `testPKIFileAccess`.
enum TestPKIFiles {
    /// Writes `bytes` to `url`, replacing the file; with `mode` the file is created with (and kept at) those permissions.
    static func write(_ bytes: [UInt8], to url: URL, mode: Int? = nil) throws(TICryptoError) {
        do {
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            let attributes: [FileAttributeKey: Any]? = mode.map { [.posixPermissions: $0] }
            guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes), attributes: attributes) else {
                throw TICryptoError(.testPKIFileAccess, reason: "cannot create \(url.path)")
            }
            if let mode { try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path) }
        } catch let error as TICryptoError {
            throw error
        } catch {
            throw TICryptoError(.testPKIFileAccess, reason: "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// The contents of `url`.
    static func read(_ url: URL) throws(TICryptoError) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw TICryptoError(.testPKIFileAccess, reason: "cannot read \(url.path): \(error.localizedDescription)")
        }
    }

    /// The text of `url` as UTF-8.
    static func readText(_ url: URL) throws(TICryptoError) -> String {
        String(decoding: try self.read(url), as: UTF8.self)
    }

    /// Creates `url` and its parents when missing.
    static func createDirectory(_ url: URL) throws(TICryptoError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw TICryptoError(.testPKIFileAccess, reason: "cannot create directory \(url.path): \(error.localizedDescription)")
        }
    }

    /// Removes `url` when it exists.
    static func remove(_ url: URL) throws(TICryptoError) {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw TICryptoError(.testPKIFileAccess, reason: "cannot remove \(url.path): \(error.localizedDescription)")
        }
    }

    /// Whether `url` exists.
    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// The names of the files in `url` with suffix `suffix`, sorted; empty when the directory does not exist.
    static func files(in url: URL, suffix: String) throws(TICryptoError) -> [String] {
        guard self.exists(url) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(suffix) }.sorted()
        } catch {
            throw TICryptoError(.testPKIFileAccess, reason: "cannot list \(url.path): \(error.localizedDescription)")
        }
    }
}
