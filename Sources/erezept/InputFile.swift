// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A document named on the command line: a file path, or `-` for standard input.
struct InputFile {
    /// Why a document could not be read.
    struct ReadError: Error, CustomStringConvertible {
        /// A short human explanation, such as `no such file`.
        let reason: String

        var description: String { "cannot read: \(reason)" }
    }

    /// The path as given on the command line.
    let path: String

    /// The name used in messages.
    var displayName: String { path == "-" ? "<stdin>" : path }

    /// Reads the whole document.
    /// - Throws: `ReadError` when the file is missing, a directory or unreadable.
    func read() throws(ReadError) -> [UInt8] {
        do {
            if path == "-" {
                return [UInt8](try FileHandle.standardInput.readToEnd() ?? Data())
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ReadError(reason: "no such file")
            }
            guard !isDirectory.boolValue else {
                throw ReadError(reason: "is a directory")
            }
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError(reason: error.localizedDescription)
        }
    }
}
