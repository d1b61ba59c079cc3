// SPDX-License-Identifier: Apache-2.0

internal import Foundation
internal import Synchronization

/// The `jti` of every authorization code redeemed and not yet expired, so that each code is accepted once
/// (RFC 6749 §4.1.2: "the authorization server MUST deny the request" for a code used twice). Thread-safe; entries
/// are dropped once their code has expired, since an expired code is refused anyway.
final class UsedCodeRegistry: Sendable {
    private let entries = Mutex<[String: Date]>([:])

    /// Records `jti` as used until `expiry`; false when it was recorded before.
    func redeem(_ jti: String, expiry: Date, now: Date) -> Bool {
        self.entries.withLock { entries in
            if entries.count >= 1024 { entries = entries.filter { $0.value >= now } }
            if let recorded = entries[jti], recorded >= now { return false }
            entries[jti] = expiry
            return true
        }
    }
}
