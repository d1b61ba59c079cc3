// SPDX-License-Identifier: Apache-2.0

internal import COpenSSL

/// Access to OpenSSL's thread-local error queue.
///
/// Every failing OpenSSL call leaves entries on the queue; we always drain it, either into an error's `reason` or by
/// discarding it, so that a later, unrelated failure never reports stale text.
enum OpenSSLErrorQueue {
    /// Pops every queued error and returns their texts joined by "; " (empty when the queue was empty).
    static func drain() -> String {
        var messages: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let error = ERR_get_error()
            if error == 0 { break }
            ERR_error_string_n(error, &buffer, buffer.count)
            let text = buffer.withUnsafeBufferPointer { pointer in
                String(decoding: pointer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            messages.append(text)
        }
        return messages.joined(separator: "; ")
    }

    /// Discards every queued error.
    static func clear() {
        ERR_clear_error()
    }
}

extension TICryptoError {
    /// An error whose reason is `context` followed by the drained OpenSSL error queue.
    static func openSSLFailure(_ code: Code, _ context: String, file: String = #fileID, line: UInt = #line) -> TICryptoError {
        let queue = OpenSSLErrorQueue.drain()
        let reason = queue.isEmpty ? context : "\(context) (OpenSSL: \(queue))"
        return TICryptoError(code, reason: reason, file: file, line: line)
    }
}
