// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Unbuffered writes to standard output and standard error.
///
/// Documents go through here rather than `print`, so that bytes are written exactly as the encoder made them.
enum StandardStreams {
    /// Writes `bytes` to standard output.
    static func writeOutput(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Writes one line to standard error.
    static func writeError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
