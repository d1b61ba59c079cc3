// SPDX-License-Identifier: Apache-2.0

import Foundation
import TICrypto

/// Where a command writes a document: a file, or standard output.
enum Output {
    /// Writes `bytes` to `path` (replacing it), or to standard output when `path` is nil.
    /// - Throws: `TICryptoError.invalidParameter` when the file cannot be written.
    static func write(_ bytes: [UInt8], to path: String?) throws(TICryptoError) {
        guard let path else {
            StandardStreams.writeOutput(bytes)
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw TICryptoError(.invalidParameter, reason: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
