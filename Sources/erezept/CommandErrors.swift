// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import TICrypto

/// How commands report failures: one line on standard error and exit code 1, never a stack trace.
enum CommandErrors {
    /// Runs `body`; a ``TICryptoError`` or an unreadable input file becomes one line on standard error, prefixed with
    /// `command`, and exit code 1. Other errors (such as `ExitCode`) pass through.
    static func reporting(_ command: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as TICryptoError {
            StandardStreams.writeError("\(command): \(error.reason.isEmpty ? error.code.description : error.reason) [\(error.code)]")
            throw ExitCode.failure
        } catch let error as InputFile.ReadError {
            StandardStreams.writeError("\(command): \(error)")
            throw ExitCode.failure
        }
    }
}
